//! Warnings on how a step is written: without mutu baku, or not starting
//! with a verb. They do not stop a build.

use super::{SopCheck, langkah};
use crate::diagnostic::Diagnostic;
use crate::load::DocPath;
use crate::model::Langkah;
use crate::tr;

impl SopCheck<'_> {
    /// Step `i` gives at least one mutu baku value and starts with a verb.
    pub(super) fn warn_on_style(&mut self, i: usize, step: &Langkah) {
        let path = langkah(i);
        let mutu_baku = [&step.kelengkapan, &step.waktu, &step.output];
        if mutu_baku.iter().all(|v| v.as_deref().is_none_or(|s| s.trim().is_empty())) {
            self.warnings.push(self.doc.warning_at(&path, tr!("sop-no-mutu-baku", step = self.printed(i))));
        }
        if !starts_with_verb(&step.kegiatan) {
            // Underline the first word only: that is what is wrong.
            let range = self.doc.map.value(&path.key("kegiatan"));
            let word = self.doc.file.text[range.clone()].split_whitespace().next().map_or(0, str::len);
            self.warnings.push(
                Diagnostic::warning(tr!("sop-no-verb", step = self.printed(i)))
                    .at(&self.doc.file, range.start..range.start + word)
                    .with_hint(tr!("sop-no-verb-hint")),
            );
        }
        self.warn_on_steps_named(&path, step);
    }

    /// Keterangan that sends the reader to a step ("kembali ke langkah 2a")
    /// names a number printed on the sheet: after a renumbering it would
    /// point at the wrong row.
    fn warn_on_steps_named(&mut self, path: &DocPath, step: &Langkah) {
        let Some(keterangan) = &step.keterangan else { return };
        for named in steps_named(keterangan) {
            if !self.printed_numbers.iter().any(|n| n.eq_ignore_ascii_case(named)) {
                let numbers = self.printed_numbers.join(", ");
                self.warnings.push(
                    self.doc
                        .warning_at(&path.key("keterangan"), tr!("sop-keterangan-step", step = named))
                        .with_hint(tr!("sop-keterangan-step-hint", numbers = numbers)),
                );
            }
        }
    }
}

/// The step numbers a text names after the word "langkah" ("kembali ke
/// langkah 2a", "Langkah 3.1").
fn steps_named(text: &str) -> Vec<&str> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .filter(|w| w[0].eq_ignore_ascii_case("langkah"))
        .map(|w| w[1].trim_end_matches([',', '.', ';', ':', ')']))
        .filter(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        .collect()
}

/// Indonesian procedure steps start with a verb: a prefixed form
/// (me-, di-, ber-, ter-) or a common bare verb.
pub fn starts_with_verb(text: &str) -> bool {
    const BARE: [&str; 14] = [
        "cek", "buat", "kirim", "terima", "input", "unggah", "unduh", "cetak", "isi", "periksa", "catat", "simpan",
        "login", "arsipkan",
    ];
    let Some(word) = text.split_whitespace().next() else {
        return false;
    };
    let word = word.to_lowercase();
    ["me", "di", "ber", "ter"].iter().any(|p| word.starts_with(p) && word.len() > p.len() + 2)
        || BARE.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{HEAD, check};
    use super::*;

    #[test]
    fn keterangan_naming_a_step_follows_the_printed_numbers() {
        assert_eq!(steps_named("Bila tidak sesuai kembali ke langkah 2a."), ["2a"]);
        assert_eq!(steps_named("lihat Langkah 3.1, lalu langkah berikutnya"), ["3.1"]);
        let text = format!(
            "{HEAD}  - kegiatan: Menyiapkan\n    pelaksana: staf\n    waktu: 5 menit\n  - nomor: 1a\n    kegiatan: Memeriksa\n    pelaksana: kabid\n    waktu: 5 menit\n    keterangan: Bila tidak lengkap kembali ke langkah 1a\n  - kegiatan: Mengarsipkan\n    pelaksana: staf\n    waktu: 5 menit\n    keterangan: Lihat langkah 3\n"
        );
        let (flow, diagnostics) = check(&text);
        assert!(flow.is_some(), "{}", diagnostics.render_plain());
        let warned: Vec<(String, usize)> =
            diagnostics.iter().map(|d| (d.message.clone(), d.position().unwrap().1)).collect();
        assert_eq!(warned, [("Keterangan names step 3, which this sheet does not print".to_owned(), 20)]);
    }

    #[test]
    fn verbs_are_recognised() {
        assert!(starts_with_verb("Menyiapkan daftar aplikasi"));
        assert!(starts_with_verb("Diverifikasi oleh Kabid"));
        assert!(!starts_with_verb("JF melakukan analisa"));
        assert!(!starts_with_verb("Kepala Bidang memverifikasi"));
    }

    #[test]
    fn a_step_without_mutu_baku_or_a_verb_is_warned_and_still_valid() {
        let text = format!(
            "{HEAD}  - kegiatan: Kabid memeriksa berkas\n    pelaksana: kabid\n  - kegiatan: Mengarsipkan\n    pelaksana: staf\n    waktu: 5 menit\n"
        );
        let (flow, diagnostics) = check(&text);
        assert!(flow.is_some(), "{}", diagnostics.render_plain());
        let warnings: Vec<(&str, (usize, usize))> =
            diagnostics.warnings().map(|d| (d.message.as_str(), d.position().map(|p| (p.1, p.2)).unwrap())).collect();
        assert_eq!(
            warnings,
            [
                ("step 1 has no mutu baku (kelengkapan, waktu, output)", (9, 5)),
                ("step 1 does not start with a verb", (9, 15))
            ]
        );
        // Only the first word is underlined: that is what is wrong.
        let verb = diagnostics.warnings().nth(1).and_then(|d| d.location.as_ref()).unwrap();
        assert_eq!(&verb.file.text[verb.range.clone()], "Kabid");
    }
}
