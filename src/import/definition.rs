//! Finish: what was recovered from a workbook, written as an SOP definition
//! that reads like one written by hand: keys in the order of the README's
//! "An SOP definition", lists as block lists, strings quoted only when YAML
//! needs it.

use std::fmt::Write;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Identity, JenisSimbol, Tanggal};

/// The comment on a value the source document did not give, in the
/// clerk's language.
pub fn missing() -> String {
    format!("# {}", crate::tr!("import-missing-value"))
}

/// The comment on a value the source document gave only in part
/// ("Oktober 2024", a nomor with "…"), followed by what is missing.
pub fn partial() -> String {
    format!("# {}", crate::tr!("import-partial-value"))
}

/// An SOP recovered from a workbook: the model's [`Identity`] as far as
/// the workbook gives it, and its procedure. Required identity values the
/// workbook did not give are listed in `missing` (the identity holds
/// placeholders there) and are written as empty values with a comment, so
/// that `sopkit check` points at the exact line to fill in.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// Comment lines at the top: where it came from, the kop lines seen.
    pub header: Vec<String>,
    pub identity: Identity,
    /// Keys of required identity values not found (`nomor`, `nama`,
    /// `tanggal_pembuatan`, `tanggal_efektif`).
    pub missing: BTreeSet<&'static str>,
    /// Required values the workbook gave only in part: key -> (the text as
    /// far as it goes, what is missing). Written as text with a comment, so
    /// that `check` fails at that line until the clerk completes it.
    pub partial: BTreeMap<&'static str, (String, String)>,
    /// Swimlanes in order: id, label.
    pub pelaksana: Vec<(String, String)>,
    pub langkah: Vec<Step>,
}

impl Default for Imported {
    fn default() -> Self {
        // Placeholders until the workbook gives the values.
        let unknown = Tanggal { year: 1970, month: 1, day: 1 };
        Self {
            header: Vec::new(),
            identity: Identity {
                nomor: String::new(),
                nama: String::new(),
                unit: None,
                tanggal_pembuatan: unknown,
                tanggal_efektif: unknown,
                berlaku_sampai: None,
                tanggal_revisi: None,
                disahkan_oleh: None,
                maksud_tujuan: None,
                dasar_hukum: Vec::new(),
                kualifikasi_pelaksana: Vec::new(),
                keterkaitan: Vec::new(),
                peralatan_perlengkapan: Vec::new(),
                peringatan: Vec::new(),
                pencatatan_pendataan: Vec::new(),
                revisi: Vec::new(),
            },
            missing: ["nomor", "nama", "tanggal_pembuatan", "tanggal_efektif"].into(),
            partial: BTreeMap::new(),
            pelaksana: Vec::new(),
            langkah: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Step {
    pub kegiatan: String,
    /// Ids of `pelaksana`, in column order: several for a step done together.
    pub pelaksana: Vec<String>,
    pub kelengkapan: String,
    pub waktu: String,
    pub output: String,
    pub keterangan: String,
    /// The number printed in the No column when the table numbers a
    /// sub-row (`2a`, `3.1`).
    pub nomor: Option<String>,
    /// A decision's exits: label (none where the sheet leaves the exit
    /// unlabelled) and 1-based step numbers (several where its arrow
    /// splits); empty for a step that is not a decision.
    pub decision: Vec<(Option<String>, Vec<usize>)>,
    /// Where the flow goes instead of the next step (1-based); several for
    /// a fork.
    pub lanjut: Vec<usize>,
    pub selesai: bool,
    /// The actors work in parallel (`paralel: true`).
    pub paralel: bool,
    /// Actor ids of a Mulai / Selesai terminator beside the step.
    pub mulai: Option<String>,
    pub selesai_beside: Option<String>,
    /// The text inside the step's symbol.
    pub teks: Option<String>,
    /// The row's symbols, one per actor cell in column order, when the
    /// step's other keys cannot say the row (`simbol:`); `pelaksana`,
    /// `decision`, `lanjut` and the terminators are empty then.
    pub simbol: Vec<Cell>,
}

/// One symbol of a row written as `simbol:`.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The index of its actor in `pelaksana`.
    pub actor: usize,
    pub jenis: JenisSimbol,
    /// A decision's exits: label (if drawn) and where each goes (several
    /// places where its arrow splits).
    pub exits: Vec<(Option<String>, Vec<Goal>)>,
    /// Where the flow goes from a symbol that is not a decision: empty for
    /// the default (the next symbol of the row, after the last the next
    /// step).
    pub lanjut: Vec<Goal>,
    pub teks: Option<String>,
}

impl Cell {
    /// The steps (1-based) its arrows lead to, other than the default.
    pub fn steps(&self) -> impl Iterator<Item = usize> + '_ {
        self.exits.iter().flat_map(|(_, g)| g).chain(&self.lanjut).filter_map(|g| match g {
            Goal::Step(t) => Some(*t),
            Goal::Symbol(_) => None,
        })
    }
}

/// Where an arrow from a symbol of a row goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// Another symbol of the same row, by its place in `simbol`.
    Symbol(usize),
    /// A step, 1-based.
    Step(usize),
}

impl Imported {
    /// The SOP's name, when the workbook gave one.
    pub fn nama(&self) -> Option<&str> {
        (!self.missing.contains("nama")).then_some(self.identity.nama.as_str())
    }

    /// Records a required value as found.
    pub fn found(&mut self, key: &str) {
        self.missing.remove(key);
    }

    /// Records a required value found only in part.
    pub fn found_in_part(&mut self, key: &'static str, text: &str, why: String) {
        self.missing.remove(key);
        self.partial.insert(key, (text.to_owned(), why));
    }

    /// The definition as YAML.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        for line in &self.header {
            let _ = writeln!(out, "# {line}");
        }
        let (missing, partial) = (format!("  {}", missing()), partial());
        let identity = &self.identity;
        let required = |out: &mut String, key: &str, value: String| {
            let _ = if self.missing.contains(key) {
                writeln!(out, "{key}: \"\"{missing}")
            } else if let Some((text, why)) = self.partial.get(key) {
                writeln!(out, "{key}: {}  {partial} {why}", quoted(text))
            } else {
                writeln!(out, "{key}: {value}")
            };
        };
        required(&mut out, "nomor", scalar(&identity.nomor));
        required(&mut out, "nama", scalar(&identity.nama));
        required(&mut out, "tanggal_pembuatan", identity.tanggal_pembuatan.to_string());
        required(&mut out, "tanggal_efektif", identity.tanggal_efektif.to_string());
        for (key, value) in [("berlaku_sampai", identity.berlaku_sampai), ("tanggal_revisi", identity.tanggal_revisi)] {
            if let Some(date) = value {
                let _ = writeln!(out, "{key}: {date}");
            }
        }
        if let Some(p) = &identity.disahkan_oleh {
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
        if let Some(purpose) = &identity.maksud_tujuan {
            let _ = writeln!(out, "maksud_tujuan: {}", scalar(purpose));
        }
        for (key, items) in [
            ("dasar_hukum", &identity.dasar_hukum),
            ("kualifikasi_pelaksana", &identity.kualifikasi_pelaksana),
            ("keterkaitan", &identity.keterkaitan),
            ("peralatan_perlengkapan", &identity.peralatan_perlengkapan),
            ("peringatan", &identity.peringatan),
            ("pencatatan_pendataan", &identity.pencatatan_pendataan),
        ] {
            list(&mut out, key, items);
        }
        if !identity.revisi.is_empty() {
            out.push_str("revisi:\n");
            for change in &identity.revisi {
                let _ = writeln!(out, "  - perubahan: {}", scalar(&change.perubahan));
            }
        }
        out.push_str("pelaksana:\n");
        for (id, label) in &self.pelaksana {
            let _ = writeln!(out, "  {id}: {}", scalar(label));
        }
        out.push_str("langkah:\n");
        let printed = self.printed_numbers();
        // A target as the sheet prints it: `3`, `2a`, "3.1".
        let target = |t: usize| match printed.get(t - 1) {
            Some(p) if p.parse::<u64>().is_ok() => p.clone(),
            Some(p) => scalar(p),
            None => t.to_string(),
        };
        for (i, step) in self.langkah.iter().enumerate() {
            match &step.nomor {
                Some(nomor) => {
                    let _ = writeln!(out, "  - nomor: {}\n    kegiatan: {}", scalar(nomor), scalar(&step.kegiatan));
                }
                None => {
                    let _ = writeln!(out, "  - kegiatan: {}", scalar(&step.kegiatan));
                }
            }
            let _ = match step.pelaksana.as_slice() {
                [] => self.write_cells(&mut out, &printed[i], &step.simbol, &target),
                [one] => writeln!(out, "    pelaksana: {one}"),
                several => writeln!(out, "    pelaksana: [{}]", several.join(", ")),
            };
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
            let ya_tidak = |label: &Option<String>, word: &str| label.as_deref() == Some(word);
            match step.decision.as_slice() {
                [] => {}
                [(ya, to_ya), (tidak, to_tidak)] if ya_tidak(ya, "Ya") && ya_tidak(tidak, "Tidak") => {
                    let _ = writeln!(
                        out,
                        "    keputusan:\n      ya: {}\n      tidak: {}",
                        targets(to_ya, target),
                        targets(to_tidak, target)
                    );
                }
                exits => {
                    out.push_str("    keputusan:\n");
                    for (label, to) in exits {
                        write_exit(&mut out, "      ", label.as_deref(), &targets(to, target));
                    }
                }
            }
            match step.lanjut.as_slice() {
                [] => {}
                [next] => {
                    let _ = writeln!(out, "    lanjut: {}", target(*next));
                }
                fork => {
                    let list: Vec<String> = fork.iter().map(|&t| target(t)).collect();
                    let _ = writeln!(out, "    lanjut: [{}]", list.join(", "));
                }
            }
            if step.paralel {
                out.push_str("    paralel: true\n");
            }
            if let Some(actor) = &step.mulai {
                let _ = writeln!(out, "    mulai: {actor}");
            }
            match &step.selesai_beside {
                Some(actor) => {
                    let _ = writeln!(out, "    selesai: {actor}");
                }
                None if step.selesai => out.push_str("    selesai: true\n"),
                None => {}
            }
            if let Some(text) = &step.teks {
                let _ = writeln!(out, "    teks: {}", scalar(text));
            }
        }
        out
    }
}

impl Imported {
    /// The number each step is printed with: its `nomor`, else one more
    /// than the leading number of the step before (as `SopDef` numbers
    /// them).
    fn printed_numbers(&self) -> Vec<String> {
        let mut previous = 0u64;
        self.langkah
            .iter()
            .map(|step| {
                let printed = step.nomor.clone().unwrap_or_else(|| (previous + 1).to_string());
                let digits: String = printed.chars().take_while(char::is_ascii_digit).collect();
                previous = digits.parse().unwrap_or(previous + 1);
                printed
            })
            .collect()
    }

    /// The `simbol:` list of the step `printed` so: a symbol other
    /// symbols of the row point to gets an id of its actor and step.
    fn write_cells(
        &self,
        out: &mut String,
        printed: &str,
        cells: &[Cell],
        target: &dyn Fn(usize) -> String,
    ) -> std::fmt::Result {
        let id = |k: usize| format!("{}_{}", self.pelaksana[cells[k].actor].0, printed.replace('.', "_"));
        let pointed: BTreeSet<usize> = cells
            .iter()
            .flat_map(|c| c.exits.iter().flat_map(|(_, g)| g.iter().copied()).chain(c.lanjut.iter().copied()))
            .filter_map(|g| match g {
                Goal::Symbol(k) => Some(k),
                Goal::Step(_) => None,
            })
            .collect();
        let goal = |g: Goal| match g {
            Goal::Symbol(k) => id(k),
            Goal::Step(t) => target(t),
        };
        out.push_str("    simbol:\n");
        for (k, cell) in cells.iter().enumerate() {
            let mut lead = "      - ";
            if pointed.contains(&k) {
                writeln!(out, "{lead}id: {}", id(k))?;
                lead = "        ";
            }
            writeln!(out, "{lead}pelaksana: {}", self.pelaksana[cell.actor].0)?;
            match cell.jenis {
                JenisSimbol::Mulai => out.push_str("        jenis: mulai\n"),
                JenisSimbol::Selesai => out.push_str("        jenis: selesai\n"),
                JenisSimbol::Proses | JenisSimbol::Keputusan => {}
            }
            if !cell.exits.is_empty() {
                out.push_str("        keputusan:\n");
                for (label, to) in &cell.exits {
                    write_exit(out, "          ", label.as_deref(), &targets(to, goal));
                }
            }
            match cell.lanjut.as_slice() {
                [] => {}
                [next] => writeln!(out, "        lanjut: {}", goal(*next))?,
                fork => {
                    let list: Vec<String> = fork.iter().map(|&g| goal(g)).collect();
                    writeln!(out, "        lanjut: [{}]", list.join(", "))?;
                }
            }
            if let Some(text) = &cell.teks {
                writeln!(out, "        teks: {}", scalar(text))?;
            }
        }
        Ok(())
    }
}

/// Where an exit goes: one target, or the list its arrow splits to.
fn targets<T: Copy>(to: &[T], name: impl Fn(T) -> String) -> String {
    match to {
        [one] => name(*one),
        several => format!("[{}]", several.iter().map(|&t| name(t)).collect::<Vec<_>>().join(", ")),
    }
}

/// One exit of a decision in the list form, indented by `indent`; an
/// unlabelled one has `ke` alone.
fn write_exit(out: &mut String, indent: &str, label: Option<&str>, to: &str) {
    let _ = match label {
        Some(label) => writeln!(out, "{indent}- label: {}\n{indent}  ke: {to}", scalar(label)),
        None => writeln!(out, "{indent}- ke: {to}"),
    };
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
