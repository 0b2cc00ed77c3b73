//! Finish: what was recovered from a workbook, written as an SOP definition
//! that reads like one written by hand: keys in the order of the README's
//! "An SOP definition", lists as block lists, strings quoted only when YAML
//! needs it.

use std::fmt::Write;

use crate::model::{Pejabat, Tanggal};

/// The comment on a value the workbook did not give.
pub const MISSING: &str = "# not found in the workbook: fill in";

/// An SOP recovered from a workbook. Identity fields the workbook did not
/// give stay `None` and are written as empty values with a comment, so that
/// `sopkit check` points at the exact line to fill in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// Comment lines at the top: where it came from, the kop lines seen.
    pub header: Vec<String>,
    pub nomor: Option<String>,
    pub nama: Option<String>,
    pub tanggal_pembuatan: Option<Tanggal>,
    pub tanggal_efektif: Option<Tanggal>,
    pub berlaku_sampai: Option<Tanggal>,
    pub tanggal_revisi: Option<Tanggal>,
    pub disahkan_oleh: Option<Pejabat>,
    pub dasar_hukum: Vec<String>,
    pub kualifikasi_pelaksana: Vec<String>,
    pub keterkaitan: Vec<String>,
    pub peralatan_perlengkapan: Vec<String>,
    pub peringatan: Vec<String>,
    pub pencatatan_pendataan: Vec<String>,
    /// PEMBAHARUAN items (undated changes).
    pub revisi: Vec<String>,
    /// Swimlanes in order: id, label.
    pub pelaksana: Vec<(String, String)>,
    pub langkah: Vec<Step>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Step {
    pub kegiatan: String,
    /// An id of `pelaksana`.
    pub pelaksana: String,
    pub kelengkapan: String,
    pub waktu: String,
    pub output: String,
    pub keterangan: String,
    /// 1-based step numbers of a decision's exits.
    pub decision: Option<(usize, usize)>,
    pub lanjut: Option<usize>,
    pub selesai: bool,
}

impl Imported {
    /// The definition as YAML.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        for line in &self.header {
            let _ = writeln!(out, "# {line}");
        }
        let missing = format!("  {MISSING}");
        let text = |out: &mut String, key: &str, value: &Option<String>| match value {
            Some(v) => {
                let _ = writeln!(out, "{key}: {}", scalar(v));
            }
            None => {
                let _ = writeln!(out, "{key}: \"\"{missing}");
            }
        };
        let date = |out: &mut String, key: &str, value: &Option<Tanggal>, required: bool| match value {
            Some(d) => {
                let _ = writeln!(out, "{key}: {d}");
            }
            None if required => {
                let _ = writeln!(out, "{key}: \"\"{missing}");
            }
            None => {}
        };
        text(&mut out, "nomor", &self.nomor);
        text(&mut out, "nama", &self.nama);
        date(&mut out, "tanggal_pembuatan", &self.tanggal_pembuatan, true);
        date(&mut out, "tanggal_efektif", &self.tanggal_efektif, true);
        date(&mut out, "berlaku_sampai", &self.berlaku_sampai, false);
        date(&mut out, "tanggal_revisi", &self.tanggal_revisi, false);
        if let Some(p) = &self.disahkan_oleh {
            out.push_str("disahkan_oleh:\n");
            let _ = writeln!(out, "  jabatan: {}", scalar(&p.jabatan));
            let _ = writeln!(out, "  nama: {}", scalar(&p.nama));
            if let Some(nip) = &p.nip {
                let _ = writeln!(out, "  nip: {}", quoted(nip));
            }
            if let Some(pangkat) = &p.pangkat {
                let _ = writeln!(out, "  pangkat: {}", scalar(pangkat));
            }
        }
        for (key, items) in [
            ("dasar_hukum", &self.dasar_hukum),
            ("kualifikasi_pelaksana", &self.kualifikasi_pelaksana),
            ("keterkaitan", &self.keterkaitan),
            ("peralatan_perlengkapan", &self.peralatan_perlengkapan),
            ("peringatan", &self.peringatan),
            ("pencatatan_pendataan", &self.pencatatan_pendataan),
        ] {
            list(&mut out, key, items);
        }
        if !self.revisi.is_empty() {
            out.push_str("revisi:\n");
            for change in &self.revisi {
                let _ = writeln!(out, "  - perubahan: {}", scalar(change));
            }
        }
        out.push_str("pelaksana:\n");
        for (id, label) in &self.pelaksana {
            let _ = writeln!(out, "  {id}: {}", scalar(label));
        }
        out.push_str("langkah:\n");
        for step in &self.langkah {
            let _ = writeln!(out, "  - kegiatan: {}", scalar(&step.kegiatan));
            let _ = writeln!(out, "    pelaksana: {}", step.pelaksana);
            for (key, value) in [
                ("kelengkapan", &step.kelengkapan),
                ("waktu", &step.waktu),
                ("output", &step.output),
                ("keterangan", &step.keterangan),
            ] {
                if !value.is_empty() {
                    let _ = writeln!(out, "    {key}: {}", scalar(value));
                }
            }
            if let Some((ya, tidak)) = step.decision {
                let _ = writeln!(out, "    keputusan:\n      ya: {ya}\n      tidak: {tidak}");
            }
            if let Some(next) = step.lanjut {
                let _ = writeln!(out, "    lanjut: {next}");
            }
            if step.selesai {
                out.push_str("    selesai: true\n");
            }
        }
        out
    }
}

fn list(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        let _ = writeln!(out, "{key}: []");
        return;
    }
    let _ = writeln!(out, "{key}:");
    for item in items {
        let _ = writeln!(out, "  - {}", scalar(item));
    }
}

/// A YAML scalar for a string: plain when it reads back as the same string,
/// double-quoted otherwise.
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) { text.to_owned() } else { quoted(text) }
}

fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return false };
    let reserved_start = "-?:,[]{}#&*!|>'\"%@`+.~=".contains(first) || first.is_ascii_digit() || first.is_whitespace();
    let words = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"];
    !reserved_start
        && !text.ends_with(char::is_whitespace)
        && !text.ends_with(':')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text
            .chars()
            .any(|c| c.is_control() || c == '\u{FEFF}' || c == '\u{85}' || c == '\u{2028}' || c == '\u{2029}')
        && !words.contains(&text.to_lowercase().as_str())
}

/// A double-quoted YAML string.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{FEFF}' | '\u{85}' | '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A YAML key for a swimlane: lower case words joined by `_`, at most three
/// of them; "kepala_dinas" for "KEPALA DINAS KOMUNIKASI, INFORMATIKA ...".
pub fn lane_id(label: &str, taken: &[(String, String)]) -> String {
    const FILLER: [&str; 6] = ["dan", "di", "ke", "the", "of", "and"];
    let words: Vec<String> = crate::util::text::words(label)
        .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect::<String>())
        .filter(|w| !w.is_empty() && !FILLER.contains(&w.as_str()))
        .take(2)
        .collect();
    let mut base = words.join("_");
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        base = format!("pelaksana_{}", taken.len() + 1);
    }
    let mut id = base.clone();
    let mut n = 2;
    while taken.iter().any(|(t, _)| *t == id) {
        id = format!("{base}_{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(serde::Deserialize)]
    struct One {
        v: String,
    }

    proptest! {
        #[test]
        fn every_string_reads_back_as_itself(text in "\\PC{0,40}|[-:#'\" 0-9a-z\\n\\t]{0,20}") {
            let yaml = format!("v: {}\n", scalar(&text));
            let back: One = serde_saphyr::from_str(&yaml).map_err(|e| TestCaseError::fail(format!("{yaml}: {e}")))?;
            prop_assert_eq!(back.v, text);
        }
    }

    #[test]
    fn plain_when_safe_quoted_when_not() {
        assert_eq!(scalar("Staf Teknis"), "Staf Teknis");
        assert_eq!(scalar("±15 Menit"), "±15 Menit");
        assert_eq!(scalar("1 x 8 jam"), "\"1 x 8 jam\"");
        assert_eq!(scalar("061/2293/DKIS"), "\"061/2293/DKIS\"");
        assert_eq!(scalar("Catatan: penting"), "\"Catatan: penting\"");
        assert_eq!(scalar("yes"), "\"yes\"");
    }

    #[test]
    fn lane_ids_are_short_and_distinct() {
        let mut taken = Vec::new();
        for label in ["STAF TEKNIS", "KABID INFRASTRUKTUR DAN APLIKASI INFORMATIKA", "Staf Teknis", "1"] {
            let id = lane_id(label, &taken);
            taken.push((id, label.to_owned()));
        }
        let ids: Vec<&str> = taken.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["staf_teknis", "kabid_infrastruktur", "staf_teknis_2", "pelaksana_4"]);
    }
}
