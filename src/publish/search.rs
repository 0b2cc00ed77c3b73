//! Stage 8, publish: the search index, one record per SOP with the texts a
//! clerk searches (nama, nomor, steps, actors, dasar hukum, keterangan,
//! maksud dan tujuan, peralatan, kualifikasi, keterkaitan) and one for the
//! Keputusan (its nomor, its lampiran's titles), with the root of every
//! word they hold (`stem.rs`): the page stems a query word through it,
//! written as a script (`aset/indeks.js`) rather than JSON: a page opened
//! from `file://` may load a script but not fetch a file.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::site::script_json;
use super::stem;
use crate::diagnostic::EnvError;

/// One SOP as the search sees it.
#[derive(Debug, Serialize)]
pub struct Record {
    /// The page, relative to the portal's root.
    pub url: String,
    pub nomor: String,
    pub nama: String,
    pub unit: String,
    pub efektif: String,
    pub tahun: i32,
    pub status: &'static str,
    /// Judged in need of revision by monev and not revised since; left
    /// out when not, as for every SOP of a project without monev records.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub perlu_revisi: bool,
    /// `berlaku_sampai` (YYYY-MM-DD), to judge expiry on the day of reading.
    pub sampai: Option<String>,
    /// Searchable texts, by weight: nama and nomor count most.
    pub langkah: Vec<String>,
    pub pelaksana: Vec<String>,
    pub dasar_hukum: Vec<String>,
    pub keterangan: Vec<String>,
    /// The purpose (`maksud_tujuan`); empty when the SOP gives none.
    pub maksud_tujuan: String,
    /// The definition's file name in words ("manajemen risiko spbe"): the
    /// short name clerks call an SOP by.
    pub berkas: String,
    /// Texts written inside symbols ("Setuju?", "Via Email").
    pub teks: Vec<String>,
    // Left out when empty, as most are: the index stays small.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub peralatan: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kualifikasi: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keterkaitan: Vec<String>,
    /// The titles the Keputusan's lampiran lists (its SOPs' nomors are
    /// their own records'); none in an SOP's record.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lampiran: Vec<String>,
}

impl Record {
    /// Every text the search reads.
    fn texts(&self) -> impl Iterator<Item = &str> {
        let lists = [
            &self.langkah,
            &self.pelaksana,
            &self.dasar_hukum,
            &self.keterangan,
            &self.teks,
            &self.peralatan,
            &self.kualifikasi,
            &self.keterkaitan,
            &self.lampiran,
        ];
        [&self.nomor, &self.nama, &self.maksud_tujuan, &self.berkas]
            .into_iter()
            .chain(lists.into_iter().flatten())
            .map(String::as_str)
    }
}

/// The script that holds the index and the roots of its words.
pub fn script(records: &[Record]) -> Result<String, EnvError> {
    // A file of its own, but escaped as if inline, wherever it is put.
    let json = script_json(&records)?;
    let roots = roots(records.iter().flat_map(Record::texts));
    let near = script_json(&near_roots(records.iter().flat_map(Record::texts), &roots))?;
    let roots = script_json(&roots)?;
    Ok(format!("window.SOPKIT_INDEKS = {json};\nwindow.SOPKIT_AKAR = {roots};\nwindow.SOPKIT_AKAR_DEKAT = {near};\n"))
}

/// The roots of the language one letter away from a root of the corpus
/// ("adu" beside "ada", "dana" beside "data") that the corpus lacks: by
/// them the page knows that a query word it cannot find ("pengaduan",
/// "pendanaan") is a real word, not a typo of one it can ("pengadaan",
/// "pendataan").
fn near_roots<'a>(texts: impl Iterator<Item = &'a str>, roots: &BTreeMap<String, String>) -> BTreeSet<String> {
    let dictionary = sastrawi::Dictionary::new();
    let words: BTreeSet<String> = texts.flat_map(words).collect();
    let corpus: BTreeSet<&str> =
        words.iter().map(|w| roots.get(w).unwrap_or(w).as_str()).filter(|r| r.len() >= 3).collect();
    let mut near = BTreeSet::new();
    for root in corpus.iter().filter(|r| r.bytes().all(|b| b.is_ascii_lowercase()) && dictionary.find(r)) {
        for other in one_letter_away(root) {
            if other.len() >= 3 && !corpus.contains(other.as_str()) && dictionary.find(&other) {
                near.insert(other);
            }
        }
    }
    near
}

/// Every word one letter removed, changed, added or swapped from `word`
/// (lowercase ASCII).
fn one_letter_away(word: &str) -> Vec<String> {
    let b = word.as_bytes();
    let mut out = Vec::new();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap_or_default();
    for i in 0..=b.len() {
        for c in b'a'..=b'z' {
            out.push(text([&b[..i], &[c], &b[i..]].concat()));
            if i < b.len() && b[i] != c {
                out.push(text([&b[..i], &[c], &b[i + 1..]].concat()));
            }
        }
        if i < b.len() {
            out.push(text([&b[..i], &b[i + 1..]].concat()));
        }
        if i + 1 < b.len() {
            out.push(text([&b[..i], &[b[i + 1], b[i]], &b[i + 2..]].concat()));
        }
    }
    out
}

/// The words of a text as the page splits them: lowercase letters and
/// digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// Roots that, standing alone, are function words ("jika ada", "dapat
/// dilakukan", "guna"): alone, they share their root with no other word,
/// so that "pengadaan" does not find every step that says "ada".
const FUNCTION_WORDS: [&str; 12] =
    ["ada", "apa", "atas", "bagi", "beri", "buat", "dapat", "guna", "harus", "kan", "sama", "sesuai"];

/// Each word of the records that is not its own root, with its root (a
/// function word: none, ""). A word the dictionary does not know
/// ("validasi" in some lists, an acronym) is a root of this corpus, so
/// that "memvalidasi" comes to it.
fn roots<'a>(texts: impl Iterator<Item = &'a str>) -> BTreeMap<String, String> {
    let dictionary = sastrawi::Dictionary::new();
    let vocabulary: BTreeSet<String> = texts.flat_map(words).collect();
    let by_dictionary = |w: &str| dictionary.find(w);
    let by_dictionary_alone: Vec<(&str, String)> =
        vocabulary.iter().map(|w| (w.as_str(), stem::root(w, &by_dictionary))).collect();
    let unknown: BTreeSet<&str> =
        by_dictionary_alone.iter().filter(|(w, root)| w == root && !by_dictionary(w)).map(|(w, _)| *w).collect();
    by_dictionary_alone
        .into_iter()
        .filter_map(|(word, root)| {
            if FUNCTION_WORDS.contains(&word) {
                return Some((word.to_owned(), String::new()));
            }
            // Only a word the dictionary found no root for may have one
            // among the corpus's own words.
            let is_root = |w: &str| by_dictionary(w) || (w != word && unknown.contains(w));
            let root = if root == word { stem::root(word, &is_root) } else { root };
            (root != word).then(|| (word.to_owned(), root))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{near_roots, roots};

    #[test]
    fn each_word_of_the_corpus_comes_with_its_root() {
        let texts =
            ["Menerima Aduan masyarakat; jika ada kekurangan, pengadaan diadakan", "Mengupload berkas ke upload"];
        let found = roots(texts.into_iter());
        let root = |word: &str| found.get(word).map(String::as_str);
        assert_eq!(root("aduan"), Some("adu"));
        assert_eq!(root("menerima"), Some("terima"));
        assert_eq!(root("pengadaan"), Some("ada"));
        assert_eq!(root("diadakan"), Some("ada"));
        // A function word alone shares its root with nothing.
        assert_eq!(root("ada"), Some(""));
        // A word the dictionary lacks is a root of the corpus.
        assert_eq!(root("mengupload"), Some("upload"));
        // A root is not listed: it is its own.
        assert_eq!(root("berkas"), None);
        assert_eq!(root("masyarakat"), None);
    }

    #[test]
    fn the_real_roots_one_letter_from_the_corpuss_are_listed() {
        let texts = ["Pendataan aset", "pengadaan barang"];
        let near = near_roots(texts.into_iter(), &roots(texts.into_iter()));
        for real in ["dana", "daya", "adu", "apa"] {
            assert!(near.contains(real), "{real}: {near:?}");
        }
        // The corpus's own roots are not near ones; nor is what is no word.
        for other in ["data", "ada", "xata", "adx"] {
            assert!(!near.contains(other), "{other}");
        }
    }
}
