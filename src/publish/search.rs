//! Stage 8, publish: the search index, one record per SOP with the texts a
//! clerk searches (nama, nomor, steps, actors, dasar hukum, keterangan,
//! maksud dan tujuan),
//! written as a script (`aset/indeks.js`) rather than JSON: a page opened
//! from `file://` may load a script but not fetch a file.

use serde::Serialize;

use super::site::script_json;
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
}

/// The script that holds the index.
pub fn script(records: &[Record]) -> Result<String, EnvError> {
    // A file of its own, but escaped as if inline, wherever it is put.
    let json = script_json(&records)?;
    Ok(format!("window.SOPKIT_INDEKS = {json};\n"))
}
