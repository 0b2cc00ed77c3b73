//! Load: the one tolerant matcher for the labels of legacy workbooks —
//! identity fields ("NOMOR SOP", "Tgl. Pembuatan") and the procedure
//! table's headers ("Pelaksanaan", "Ket", "Aktivitas"). Real workbooks
//! drift from every label we expect (docs/domain.md section 5): other
//! words, an inflected form, a typo. Every match says how it was made, so
//! that a guess is shown to the clerk with its cell.

use crate::util::text::{edit_distance, normalise};

/// How a label was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Likeness {
    /// One of the known spellings.
    Known,
    /// A known word with a suffix ("Pelaksanaan" for Pelaksana).
    Inflected,
    /// A typo of a known spelling ("Kualifkasi").
    Typo,
    /// One part of the label is a known spelling: "Waktu (menit)",
    /// "Kelengkapan/Persyaratan", "Keterkaitan dengan POS AP".
    Part,
}

/// A label found in a cell: what it names and how sure the match is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched<T> {
    pub what: T,
    pub likeness: Likeness,
}

/// The labels a thing goes by: normalised spellings (lower case, letters and
/// digits only) per value.
pub type Vocabulary<T> = [(T, &'static [&'static str])];

/// Suffixes Indonesian adds to a label word without changing what it names.
const SUFFIXES: [&str; 3] = ["an", "nya", "kan"];

/// The value `text` names in `vocabulary`, if any: a known spelling first,
/// then a known one with a suffix, then the closest typo (one wrong letter
/// in a spelling of six or more, two in one of twelve or more).
pub fn find<T: Copy>(vocabulary: &Vocabulary<T>, text: &str) -> Option<Matched<T>> {
    whole(vocabulary, text).or_else(|| {
        // "Waktu (menit)": the words outside brackets; "Kelengkapan/
        // Persyaratan": either side of a slash; "Keterkaitan dengan POS
        // AP": the first words.
        let outside: String = text.split('(').next().unwrap_or_default().to_owned();
        let words: Vec<&str> = text.split_whitespace().collect();
        // A long first word with a short tail, no numbers: a label with a
        // qualifier, not a sentence ("Nomor 5 Tahun 2020" is no label).
        const QUALIFIERS: [&str; 5] = ["dengan", "terkait", "lain", "lain-lain", "lainnya"];
        let qualified = words.len() <= 5
            && !text.chars().any(|c| c.is_ascii_digit())
            && words.get(1).is_some_and(|w| QUALIFIERS.contains(&w.to_lowercase().as_str()));
        let candidates = std::iter::once(outside)
            .chain(text.split(['/', '\\', '&']).map(str::to_owned))
            .chain(qualified.then(|| words[0].to_owned()));
        candidates
            .filter(|candidate| normalise(candidate).len() >= 4 && candidate.trim() != text.trim())
            .find_map(|candidate| whole(vocabulary, &candidate).filter(|m| m.likeness == Likeness::Known))
            .map(|m| Matched { what: m.what, likeness: Likeness::Part })
    })
}

/// Like [`find`], but the whole text must be the label (no part of it).
pub fn whole<T: Copy>(vocabulary: &Vocabulary<T>, text: &str) -> Option<Matched<T>> {
    let key = normalise(text);
    if key.is_empty() || key.len() > 40 {
        return None;
    }
    let spellings = || vocabulary.iter().flat_map(|(what, names)| names.iter().map(move |n| (*what, *n)));
    if let Some((what, _)) = spellings().find(|(_, name)| *name == key) {
        return Some(Matched { what, likeness: Likeness::Known });
    }
    let inflected = spellings()
        .find(|(_, name)| name.len() >= 5 && key.strip_prefix(name).is_some_and(|rest| SUFFIXES.contains(&rest)));
    if let Some((what, _)) = inflected {
        return Some(Matched { what, likeness: Likeness::Inflected });
    }
    spellings()
        .map(|(what, name)| (what, edit_distance(&key, name), name.len()))
        .filter(|&(_, distance, len)| {
            let allowed = match len {
                0..6 => 0,
                6..12 => 1,
                _ => 2,
            };
            distance > 0 && distance <= allowed
        })
        .min_by_key(|&(_, distance, _)| distance)
        .map(|(what, _, _)| Matched { what, likeness: Likeness::Typo })
}

/// The spellings of `what`, capitalised, for a message listing the labels
/// looked for ("Pelaksana, Pelaku, ...").
pub fn spellings_of<T: Copy + PartialEq>(vocabulary: &Vocabulary<T>, what: T) -> Vec<String> {
    let names = vocabulary.iter().find(|(w, _)| *w == what).map_or(&[][..], |(_, names)| names);
    names
        .iter()
        .map(|name| {
            let mut chars = name.chars();
            chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Head {
        Pelaksana,
        Keterangan,
        Kelengkapan,
    }

    const HEADS: &Vocabulary<Head> = &[
        (Head::Pelaksana, &["pelaksana", "pelaku"]),
        (Head::Keterangan, &["keterangan", "ket"]),
        (Head::Kelengkapan, &["kelengkapan", "persyaratan"]),
    ];

    #[test]
    fn known_inflected_and_misspelt_labels() {
        let found = |text| find(HEADS, text).map(|m| (m.what, m.likeness));
        assert_eq!(found("PELAKSANA"), Some((Head::Pelaksana, Likeness::Known)));
        assert_eq!(found("Pelaksanaan"), Some((Head::Pelaksana, Likeness::Inflected)));
        assert_eq!(found("Ket."), Some((Head::Keterangan, Likeness::Known)));
        assert_eq!(found("Keterangn"), Some((Head::Keterangan, Likeness::Typo)));
        assert_eq!(found("Kelengkapan "), Some((Head::Kelengkapan, Likeness::Known)));
        // Short spellings take no suffix and no typo: "Ketan" is not Ket.
        assert_eq!(found("Ketan"), None);
        assert_eq!(found("Waktu"), None);
        assert_eq!(found("Kelengkapan/Keterangan"), Some((Head::Kelengkapan, Likeness::Part)));
        assert_eq!(found("Pelaksana (unit kerja)"), Some((Head::Pelaksana, Likeness::Part)));
        assert_eq!(found("Keterangan lain-lain"), Some((Head::Keterangan, Likeness::Part)));
        assert_eq!(found("Pelaksana menyiapkan berkas"), None, "a sentence is no label");
        assert_eq!(found(""), None);
    }
}
