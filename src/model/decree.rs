//! `keputusan.yaml` as the user writes it: the decree (Keputusan
//! Walikota/Gubernur) that adopts the project's SOPs, with its lampiran.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{Paper, Tanggal};

/// `keputusan.yaml`: the decree that adopts the project's SOPs, with its
/// lampiran. Diktum are numbered KESATU, KEDUA, ... automatically.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DecreeDef {
    /// The signing official: a key of `[officials]` in sopkit.toml.
    pub pejabat: String,
    /// The kop jabatan, e.g. "WALIKOTA DENPASAR" (default: the official's
    /// jabatan in capitals).
    #[serde(default)]
    pub kop: Option<String>,
    /// The emblem above the kop (Garuda), relative to the project.
    #[serde(default)]
    pub lambang: Option<PathBuf>,
    pub nomor: String,
    pub tentang: String,
    /// One clause is printed unlettered; several get a., b., c.
    pub menimbang: Vec<String>,
    pub mengingat: Vec<String>,
    /// Text after "Menetapkan :" (often empty: KESATU holds it).
    #[serde(default)]
    pub menetapkan: Option<String>,
    pub diktum: Vec<Diktum>,
    pub ditetapkan: Ditetapkan,
    #[serde(default)]
    pub tembusan: Vec<String>,
    #[serde(default)]
    pub lampiran: Lampiran,
    #[serde(default)]
    pub format: DecreeFormat,
}

/// A diktum: plain text, or text with lettered points (a., b., ...).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Diktum {
    Teks(String),
    Butir {
        teks: String,
        butir: Vec<String>,
        #[serde(default)]
        penutup: Option<String>,
    },
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ditetapkan {
    pub tempat: String,
    pub tanggal: Tanggal,
}

/// The lampiran: its heading block and where its rows come from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Lampiran {
    /// The title above the table.
    pub judul: Option<String>,
    /// Order of the heading block rows after LAMPIRAN.
    pub urutan: Vec<HeadingRow>,
    /// A spreadsheet (xlsx, xls, ods) listing SOPs, relative to the project:
    /// columns found by their headers (No SOP, Tanggal Efektif, Nama SOP).
    pub daftar: Option<PathBuf>,
    /// Whether SOP definitions also feed the rows (default: yes).
    #[serde(deserialize_with = "crate::util::yes_no::deserialize_yes_no")]
    pub dari_definisi: bool,
}

impl Default for Lampiran {
    fn default() -> Self {
        Self {
            judul: None,
            urutan: vec![HeadingRow::Tanggal, HeadingRow::Nomor, HeadingRow::Tentang],
            daftar: None,
            dari_definisi: true,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum HeadingRow {
    Tanggal,
    Nomor,
    Tentang,
}

/// Produk hukum daerah are typeset in Bookman Old Style 12 on F4 (varies).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DecreeFormat {
    pub font: String,
    pub font_size: f64,
    pub paper: Paper,
}

impl Default for DecreeFormat {
    fn default() -> Self {
        Self { font: "TeX Gyre Bonum".into(), font_size: 12.0, paper: Paper::F4 }
    }
}

/// One row of the lampiran table: an SOP the decree adopts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LampiranRow {
    pub nomor: String,
    pub tanggal_efektif: Tanggal,
    pub nama: String,
}
