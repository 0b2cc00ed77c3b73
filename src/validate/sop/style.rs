//! Warnings on how a step is written: without mutu baku, or not starting
//! with a verb. They do not stop a build.

use super::{SopCheck, langkah};
use crate::diagnostic::Diagnostic;
use crate::model::Langkah;
use crate::tr;

impl SopCheck<'_> {
    /// Step `i` gives at least one mutu baku value and starts with a verb.
    pub(super) fn warn_on_style(&mut self, i: usize, step: &Langkah) {
        let path = langkah(i);
        let mutu_baku = [&step.kelengkapan, &step.waktu, &step.output];
        if mutu_baku.iter().all(|v| v.as_deref().is_none_or(|s| s.trim().is_empty())) {
            self.warnings.push(self.doc.warning_at(&path, tr!("sop-no-mutu-baku", step = i + 1)));
        }
        if !starts_with_verb(&step.kegiatan) {
            // Underline the first word only: that is what is wrong.
            let range = self.doc.map.value(&path.key("kegiatan"));
            let word = self.doc.file.text[range.clone()].split_whitespace().next().map_or(0, str::len);
            self.warnings.push(
                Diagnostic::warning(tr!("sop-no-verb", step = i + 1))
                    .at(&self.doc.file, range.start..range.start + word)
                    .with_hint(tr!("sop-no-verb-hint")),
            );
        }
    }
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
