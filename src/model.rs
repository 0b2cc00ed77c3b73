//! The definition format: what a user writes in `sops/*.yaml|toml` and
//! `sopkit.toml`. Unknown keys are rejected so that a misspelt key is an
//! error with a location, never a silently empty flowchart.

use std::fmt;
use std::path::PathBuf;

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};

/// One SOP definition (interface.md, "An SOP definition").
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SopDef {
    pub nomor: String,
    pub nama: String,
    #[serde(default)]
    pub unit: Option<String>,
    pub tanggal_pembuatan: Tanggal,
    pub tanggal_efektif: Tanggal,
    #[serde(default)]
    pub berlaku_sampai: Option<Tanggal>,
    #[serde(default)]
    pub tanggal_revisi: Option<Tanggal>,
    #[serde(default)]
    pub disahkan_oleh: Option<Pejabat>,
    #[serde(default)]
    pub dasar_hukum: Vec<String>,
    #[serde(default)]
    pub kualifikasi_pelaksana: Vec<String>,
    #[serde(default)]
    pub keterkaitan: Vec<String>,
    #[serde(default)]
    pub peralatan_perlengkapan: Vec<String>,
    #[serde(default)]
    pub peringatan: Vec<String>,
    #[serde(default)]
    pub pencatatan_pendataan: Vec<String>,
    #[serde(default)]
    pub revisi: Vec<Revisi>,
    /// Swimlane columns in order: id -> label.
    pub pelaksana: IndexMap<String, String>,
    pub langkah: Vec<Langkah>,
    /// The report a run of this SOP produces (`sopkit laporan`); default
    /// pelaksanaan.
    #[serde(default)]
    pub laporan: Option<crate::laporan::record::Jenis>,
}

/// An official who signs: jabatan, name and NIP.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Pejabat {
    pub jabatan: String,
    pub nama: String,
    #[serde(default)]
    pub nip: Option<String>,
    /// Optional pangkat/golongan line printed under the name.
    #[serde(default)]
    pub pangkat: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Revisi {
    /// Optional: an undated change is listed in PEMBAHARUAN only.
    #[serde(default)]
    pub tanggal: Option<Tanggal>,
    pub perubahan: String,
}

/// One step of the procedure.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Langkah {
    #[serde(default)]
    pub id: Option<String>,
    pub kegiatan: String,
    pub pelaksana: String,
    #[serde(default)]
    pub kelengkapan: Option<String>,
    #[serde(default)]
    pub waktu: Option<String>,
    #[serde(default)]
    pub output: Option<String>,
    #[serde(default)]
    pub keterangan: Option<String>,
    #[serde(default)]
    pub keputusan: Option<Keputusan>,
    #[serde(default)]
    pub lanjut: Option<Target>,
    #[serde(default)]
    pub selesai: bool,
}

/// The two exits of a decision. Both are optional here so that a missing
/// one is a located validation error rather than a parse error.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Keputusan {
    #[serde(default)]
    pub ya: Option<Target>,
    #[serde(default)]
    pub tidak: Option<Target>,
}

/// Where a flow goes: a step id or a 1-based step number.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Target {
    Nomor(u64),
    Id(String),
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Target;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a step id or a 1-based step number")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Target, E> {
                Ok(Target::Nomor(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Target, E> {
                u64::try_from(v).map(Target::Nomor).map_err(|_| E::custom("a step number starts at 1"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Target, E> {
                Ok(match v.trim().parse::<u64>() {
                    Ok(n) => Target::Nomor(n),
                    Err(_) => Target::Id(v.to_owned()),
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Nomor(n) => write!(f, "{n}"),
            Target::Id(id) => write!(f, "{id}"),
        }
    }
}

pub const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// A calendar date. Written `2023-09-27` (YAML string or TOML date) or in
/// Indonesian, `27 September 2023`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tanggal {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Tanggal {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Self { year, month, day })
    }

    /// Parses `2023-09-27` or `27 September 2023`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let invalid = || format!("invalid date `{text}`: write it as YYYY-MM-DD, e.g. 2023-09-27");
        let parts: Vec<&str> = text.split('-').collect();
        if parts.len() == 3 && parts[0].len() == 4 {
            let numbers: Option<Vec<i32>> = parts.iter().map(|p| p.parse().ok()).collect();
            let numbers = numbers.ok_or_else(invalid)?;
            let (Ok(month), Ok(day)) = (u8::try_from(numbers[1]), u8::try_from(numbers[2])) else {
                return Err(invalid());
            };
            return Self::new(numbers[0], month, day).ok_or_else(invalid);
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        if let [day, month, year] = words[..] {
            let month = BULAN.iter().position(|b| b.eq_ignore_ascii_case(month)).ok_or_else(invalid)?;
            let (Ok(day), Ok(year)) = (day.parse::<u8>(), year.parse::<i32>()) else {
                return Err(invalid());
            };
            return Self::new(year, month as u8 + 1, day).ok_or_else(invalid);
        }
        Err(invalid())
    }

    /// `27 September 2023`.
    pub fn long(&self) -> String {
        format!("{:02} {} {}", self.day, BULAN[self.month as usize - 1], self.year)
    }

    /// `27-09-2023`, as in the lampiran table.
    pub fn short(&self) -> String {
        format!("{:02}-{:02}-{}", self.day, self.month, self.year)
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
    pub fn from_unix_days(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = i32::try_from(yoe + era * 400 + i64::from(month <= 2)).ok()?;
        Self::new(year, month, day)
    }

    /// Seconds since the Unix epoch at midnight UTC.
    pub fn unix_seconds(&self) -> i64 {
        // Days from civil, after Howard Hinnant's algorithm.
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400
    }
}

impl fmt::Display for Tanggal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Tanggal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Tanggal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Tanggal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2023-09-27")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Tanggal, E> {
                Tanggal::parse(v).map_err(E::custom)
            }
            // TOML dates arrive as a one-entry map holding their text.
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Tanggal, A::Error> {
                let Some((_, text)) = map.next_entry::<String, String>()? else {
                    return Err(serde::de::Error::custom("expected a date such as 2023-09-27"));
                };
                Tanggal::parse(&text).map_err(serde::de::Error::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `sopkit.toml`: who the agency is and how its documents look.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    /// The agency, e.g. "Pemerintah Kota Denpasar".
    pub instansi: String,
    /// The unit used by SOPs that name none; default: the only or first unit.
    #[serde(default)]
    pub unit_utama: Option<String>,
    /// Logo image, relative to the project folder.
    #[serde(default)]
    pub logo: Option<PathBuf>,
    pub units: IndexMap<String, Unit>,
    #[serde(default)]
    pub officials: IndexMap<String, Pejabat>,
    #[serde(default)]
    pub format: Format,
    /// Electronic signing (TTE): footer with a QR code, signer markers.
    #[serde(default)]
    pub tte: TteConfig,
    /// Per-run reports: working hours and days, default signers.
    #[serde(default)]
    pub laporan: crate::laporan::waktu::LaporanConfig,
    /// Risk analysis: matrix and level bands.
    #[serde(default)]
    pub risiko: crate::laporan::risiko::RisikoConfig,
}

/// How documents are prepared for electronic signatures (TTE, BSrE).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct TteConfig {
    /// A footer on every page: the TTE notice and a QR code of `url`.
    pub footer: bool,
    /// The notice printed in the footer.
    pub catatan: String,
    /// The verification URL; `{id}`, `{jenis}`, `{berkas}` and `{nomor}`
    /// are replaced per document.
    pub url: Option<String>,
    /// One-character markers for signing services that look for one, given
    /// to a document's signers in order; empty = no markers printed.
    pub penanda: Vec<String>,
}

impl Default for TteConfig {
    fn default() -> Self {
        Self {
            footer: false,
            catatan: "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang \
                      diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), BSSN"
                .into(),
            url: None,
            penanda: Vec::new(),
        }
    }
}

/// An organisational unit and its letterhead (kop) lines.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Kop lines from top to bottom: PEMERINTAH ..., DINAS ..., BIDANG ...
    pub kop: Vec<String>,
    /// A line in Aksara Bali above the Latin name (Pergub Bali 80/2018).
    #[serde(default)]
    pub aksara_bali: Option<String>,
    /// Address and telephone line under the kop.
    #[serde(default)]
    pub alamat: Option<String>,
    /// A logo for this unit instead of the project's.
    #[serde(default)]
    pub logo: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    #[default]
    Permenpan,
    Denpasar,
    Bali,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    F4,
    A4,
    Letter,
}

impl Paper {
    /// Width and height in millimetres, portrait.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Paper::F4 => (215.0, 330.0),
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    #[default]
    Landscape,
    Portrait,
}

/// How the documents look.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Format {
    pub profile: Profile,
    pub paper: Paper,
    pub orientation: Orientation,
    /// Text face of the SOP sheets.
    pub font: String,
    /// Body size in points.
    pub font_size: f64,
    /// Extra folder of fonts, relative to the project.
    pub fonts_dir: Option<PathBuf>,
    /// Page margin in millimetres.
    pub margin_mm: f64,
    /// Size of the reserved signature box, in points.
    pub signature_box_pt: f64,
}

impl Default for Format {
    fn default() -> Self {
        Self {
            profile: Profile::default(),
            paper: Paper::default(),
            orientation: Orientation::default(),
            font: "Liberation Sans".into(),
            font_size: 8.5,
            fonts_dir: None,
            margin_mm: 12.0,
            signature_box_pt: 34.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_both_spellings_and_reject_impossible_days() {
        assert_eq!(Tanggal::parse("2023-09-27").unwrap(), Tanggal::new(2023, 9, 27).unwrap());
        assert_eq!(Tanggal::parse("27 September 2023").unwrap().long(), "27 September 2023");
        assert_eq!(Tanggal::parse("09 januari 2023").unwrap().short(), "09-01-2023");
        assert!(Tanggal::parse("2023-02-30").is_err());
        assert!(Tanggal::parse("2024-02-29").is_ok());
        assert!(Tanggal::parse("kemarin").is_err());
    }

    #[test]
    fn unix_seconds_match_known_dates() {
        assert_eq!(Tanggal::new(1970, 1, 1).unwrap().unix_seconds(), 0);
        assert_eq!(Tanggal::new(2023, 9, 27).unwrap().unix_seconds(), 1_695_772_800);
    }
}

/// `keputusan.yaml`: the decree that adopts the project's SOPs, with its
/// lampiran. Diktum are numbered KESATU, KEDUA, ... automatically.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KeputusanDef {
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
    pub format: KeputusanFormat,
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
pub struct KeputusanFormat {
    pub font: String,
    pub font_size: f64,
    pub paper: Paper,
}

impl Default for KeputusanFormat {
    fn default() -> Self {
        Self { font: "TeX Gyre Bonum".into(), font_size: 12.0, paper: Paper::F4 }
    }
}
