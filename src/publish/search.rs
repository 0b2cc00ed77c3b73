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
    let roots = script_json(&roots(records))?;
    Ok(format!("window.SOPKIT_INDEKS = {json};\nwindow.SOPKIT_AKAR = {roots};\n"))
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
fn roots(records: &[Record]) -> BTreeMap<String, String> {
    let dictionary = sastrawi::Dictionary::new();
    let vocabulary: BTreeSet<String> = records.iter().flat_map(Record::texts).flat_map(words).collect();
    let by_dictionary = |w: &str| dictionary.find(w);
    let unknown: BTreeSet<&str> = vocabulary
        .iter()
        .map(String::as_str)
        .filter(|w| !by_dictionary(w) && stem::root(w, &by_dictionary) == *w)
        .collect();
    vocabulary
        .iter()
        .filter_map(|word| {
            if FUNCTION_WORDS.contains(&word.as_str()) {
                return Some((word.clone(), String::new()));
            }
            let is_root = |w: &str| by_dictionary(w) || (w != word && unknown.contains(w));
            let root = stem::root(word, &is_root);
            (root != *word).then(|| (word.clone(), root))
        })
        .collect()
}
