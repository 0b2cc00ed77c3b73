//! `sopkit.toml` as the user writes it: the agency, its units and their
//! kop, officials, the look of the documents, TTE, laporan and risk
//! settings. Unknown keys are rejected.

use std::path::PathBuf;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::{DayStyle, Jabatan, Pejabat, RevisiBersama};

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
    /// The agency's time zone: the day on which an SOP's status (berlaku,
    /// kedaluwarsa) is judged.
    #[serde(default)]
    pub zona_waktu: ZonaWaktu,
    pub units: IndexMap<String, Unit>,
    /// Signers by key: positions with their holders.
    #[serde(default)]
    pub officials: IndexMap<String, Pejabat>,
    /// Positions many SOPs name, by key (`[jabatan.kabid]`): a column or a
    /// signature written as the key prints the position's current name.
    #[serde(default)]
    pub jabatan: IndexMap<String, Jabatan>,
    /// Dasar Hukum items many SOPs cite, by key: an item written as the
    /// key prints this text.
    #[serde(default)]
    pub dasar_hukum: IndexMap<String, String>,
    /// Changes that touch many SOPs, each written once.
    #[serde(default)]
    pub revisi: Vec<RevisiBersama>,
    #[serde(default)]
    pub format: Format,
    /// Electronic signing (TTE): footer with a QR code, signer markers.
    #[serde(default)]
    pub tte: TteConfig,
    /// The static portal (`OUT/portal/`).
    #[serde(default)]
    pub portal: PortalConfig,
    /// Per-run reports: working hours and days, default signers.
    #[serde(default)]
    pub laporan: LaporanConfig,
    /// Risk analysis: matrix and level bands.
    #[serde(default)]
    pub risiko: RisikoConfig,
    /// The SOP book's cover.
    #[serde(default)]
    pub buku: BukuConfig,
    /// Monitoring and evaluation: the evaluation's criteria.
    #[serde(default)]
    pub monev: super::MonevConfig,
}

/// `[buku]` in sopkit.toml: the SOP book's cover. The book is the whole
/// agency's, not one unit's.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct BukuConfig {
    /// The title; default "BUKU STANDAR OPERASIONAL PROSEDUR".
    pub judul: Option<String>,
    /// The kop lines above it; default: the lines every unit's kop shares
    /// (with one unit, its kop), else the instansi.
    pub kop: Option<Vec<String>>,
}

impl ProjectConfig {
    /// The book cover's kop lines (see `BukuConfig::kop`).
    pub fn book_kop(&self) -> Vec<String> {
        if let Some(kop) = &self.buku.kop {
            return kop.clone();
        }
        let kops: Vec<&Vec<String>> = self.units.values().map(|u| &u.kop).collect();
        let shared: Vec<String> = match kops.split_first() {
            Some((first, rest)) => first
                .iter()
                .enumerate()
                .take_while(|(i, line)| rest.iter().all(|k| k.get(*i) == Some(*line)))
                .map(|(_, line)| line.clone())
                .collect(),
            None => Vec::new(),
        };
        if shared.is_empty() { vec![self.instansi.to_uppercase()] } else { shared }
    }
}

impl ProjectConfig {
    /// The position of a key: of `[jabatan]`, else a signer of
    /// `[officials]` (a position with its holder).
    pub fn position(&self, key: &str) -> Option<Jabatan> {
        self.jabatan.get(key).cloned().or_else(|| self.officials.get(key).map(Jabatan::from))
    }

    /// The signer of a key: an official, else a position naming its holder.
    pub fn signer(&self, key: &str) -> Option<Pejabat> {
        self.officials.get(key).cloned().or_else(|| self.jabatan.get(key).and_then(Jabatan::holder))
    }

    /// Every key a signer may be named by.
    pub fn signer_keys(&self) -> Vec<&str> {
        let holders = self.jabatan.iter().filter(|(_, j)| j.holder().is_some()).map(|(k, _)| k.as_str());
        self.officials.keys().map(String::as_str).chain(holders).collect()
    }

    /// Every key a position may be named by.
    pub fn position_keys(&self) -> Vec<&str> {
        self.jabatan.keys().chain(self.officials.keys()).map(String::as_str).collect()
    }

    /// The key of the unit of SOPs that name none, and of the book's cover:
    /// `unit_utama`, else the first unit.
    pub fn main_unit_key(&self) -> Option<&str> {
        self.unit_utama.as_deref().or_else(|| self.units.keys().next().map(String::as_str))
    }

    /// The logo a unit's documents print: its own, else the project's.
    pub fn logo_of<'a>(&'a self, unit: &'a Unit) -> Option<&'a PathBuf> {
        unit.logo.as_ref().or(self.logo.as_ref())
    }
}

/// `[portal]`: the static portal the build can write beside the PDFs.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct PortalConfig {
    /// Write the portal on every build, as `build --portal` does.
    #[serde(default, deserialize_with = "crate::util::yes_no::deserialize_yes_no")]
    pub aktif: bool,
    /// The portal's title; default "SOP " and the instansi.
    #[serde(default)]
    pub judul: Option<String>,
}

/// How documents are prepared for electronic signatures (TTE, BSrE).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct TteConfig {
    /// A footer on every page: the TTE notice and a QR code of `url`.
    #[serde(deserialize_with = "crate::util::yes_no::deserialize_yes_no")]
    pub footer: bool,
    /// The notice printed in the footer.
    pub catatan: String,
    /// The verification URL; `{id}`, `{jenis}`, `{berkas}` and `{nomor}`
    /// are replaced per document.
    pub url: Option<String>,
    /// One-character markers for signing services that look for one, given
    /// to a document's signers in order; empty = no markers printed.
    pub penanda: Vec<String>,
    /// An empty signature field over every signature box of every output,
    /// as `--sign-fields` adds, without giving it on every build.
    #[serde(deserialize_with = "crate::util::yes_no::deserialize_yes_no")]
    pub kolom_tanda_tangan: bool,
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
            kolom_tanda_tangan: false,
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

/// Indonesia's three time zones (`zona_waktu = "WITA"`).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "UPPERCASE")]
pub enum ZonaWaktu {
    /// Waktu Indonesia Barat, UTC+7.
    #[default]
    #[serde(alias = "wib")]
    Wib,
    /// Waktu Indonesia Tengah, UTC+8.
    #[serde(alias = "wita")]
    Wita,
    /// Waktu Indonesia Timur, UTC+9.
    #[serde(alias = "wit")]
    Wit,
}

impl ZonaWaktu {
    /// Its hours ahead of UTC.
    pub fn utc_hours(self) -> i64 {
        match self {
            ZonaWaktu::Wib => 7,
            ZonaWaktu::Wita => 8,
            ZonaWaktu::Wit => 9,
        }
    }
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
    Legal,
}

impl Paper {
    /// Width and height in millimetres, portrait.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Paper::F4 => (215.0, 330.0),
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
            Paper::Legal => (215.9, 355.6),
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
    /// How long dates print, by example: `02 Januari 2025` or `2 Januari 2025`.
    pub tanggal: String,
    /// Whether the terminators read Mulai and Selesai; most agencies leave them blank.
    #[serde(deserialize_with = "crate::util::yes_no::deserialize_yes_no")]
    pub tulisan_terminator: bool,
    /// Whether a row numbering the columns, (1) (2) ... (n), prints under
    /// the procedure table's header, as some agencies' sheets have it.
    #[serde(deserialize_with = "crate::util::yes_no::deserialize_yes_no")]
    pub nomor_kolom: bool,
    /// The procedure table's header words instead of the profile's.
    pub judul_kolom: ColumnHeaders,
    /// Whether the text columns (Kegiatan, the mutu baku, Keterangan) share
    /// their width by how much text each holds, on every sheet, rather than
    /// in fixed proportions (which they leave only where actors crowd the
    /// page): a long Kelengkapan then takes the room an empty Waktu leaves.
    #[serde(deserialize_with = "crate::util::yes_no::deserialize_yes_no")]
    pub lebar_kolom_menurut_isi: bool,
    /// Whether the procedure table starts on the identity part's page
    /// when its header and first step fit under it, as a few agencies'
    /// sheets do; default: on a page of its own.
    #[serde(deserialize_with = "crate::util::yes_no::deserialize_yes_no")]
    pub prosedur_di_halaman_identitas: bool,
    /// The mutu baku columns, in the order they print; default:
    /// Kelengkapan, Waktu, Output.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mutu_baku: Option<Vec<MutuColumn>>,
}

/// The step keys the mutu baku columns print by default, in their order.
pub const STEP_MUTU_BAKU: [&str; 3] = ["kelengkapan", "waktu", "output"];

/// One mutu baku column of `[format] mutu_baku`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MutuColumn {
    /// `kelengkapan`, `waktu` or `output` (a step's own keys), or a column
    /// of the project's own, whose values steps give under `mutu_baku:`.
    pub kolom: String,
    /// The header; default: the profile's (or `[format.judul_kolom]`'s)
    /// words of a step's own key. A column of the project's own needs one.
    #[serde(default)]
    pub judul: Option<String>,
    /// Relative width, on the scale of the other text columns: Kegiatan
    /// 22, Kelengkapan 11, Waktu 6.5, Output 11, Keterangan 8.5 (about
    /// percents of the table's width before the actors take theirs).
    #[serde(default)]
    pub lebar: Option<f64>,
}

impl MutuColumn {
    /// The default column of a step's own key.
    fn step_key(kolom: &str) -> Self {
        Self { kolom: kolom.to_owned(), judul: None, lebar: None }
    }

    /// Whether it prints a step's own key (`kelengkapan`, `waktu`, `output`).
    pub fn is_step_key(&self) -> bool {
        STEP_MUTU_BAKU.contains(&self.kolom.as_str())
    }

    /// The relative width: as given, else Waktu's 6.5 or the others' 11.
    pub fn width(&self) -> f64 {
        self.lebar.unwrap_or(if self.kolom == "waktu" { 6.5 } else { 11.0 })
    }

    /// What `step` prints in this column (empty when it says nothing).
    pub fn value_of<'a>(&self, step: &'a super::Langkah) -> &'a str {
        let value = match self.kolom.as_str() {
            "kelengkapan" => &step.kelengkapan,
            "waktu" => &step.waktu,
            "output" => &step.output,
            own => return step.mutu_baku.get(own).map_or("", String::as_str),
        };
        value.as_deref().unwrap_or("")
    }
}

/// The two ways of printing a long date, as `[format] tanggal` shows them.
pub const DATE_PADDED: &str = "02 Januari 2025";
pub const DATE_PLAIN: &str = "2 Januari 2025";

impl Format {
    /// How long dates print; anything but the plain example (which
    /// validation refuses) keeps today's leading zero.
    pub fn day_style(&self) -> DayStyle {
        if self.tanggal.trim() == DATE_PLAIN { DayStyle::Plain } else { DayStyle::Padded }
    }

    /// The mutu baku columns: as given, else Kelengkapan, Waktu, Output.
    pub fn mutu_baku_columns(&self) -> Vec<MutuColumn> {
        self.mutu_baku.clone().unwrap_or_else(|| STEP_MUTU_BAKU.map(MutuColumn::step_key).to_vec())
    }
}

/// `[format.judul_kolom]`: the words an agency heads its procedure table
/// with ("Uraian Prosedur", "Aktivitas"), each instead of the profile's.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ColumnHeaders {
    pub no: Option<String>,
    pub kegiatan: Option<String>,
    pub pelaksana: Option<String>,
    pub mutu_baku: Option<String>,
    pub kelengkapan: Option<String>,
    pub waktu: Option<String>,
    pub output: Option<String>,
    pub keterangan: Option<String>,
}

impl ColumnHeaders {
    /// Every header given, by its key.
    pub fn given(&self) -> Vec<(&'static str, &str)> {
        [
            ("no", &self.no),
            ("kegiatan", &self.kegiatan),
            ("pelaksana", &self.pelaksana),
            ("mutu_baku", &self.mutu_baku),
            ("kelengkapan", &self.kelengkapan),
            ("waktu", &self.waktu),
            ("output", &self.output),
            ("keterangan", &self.keterangan),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.as_deref().map(|v| (key, v)))
        .collect()
    }
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
            tanggal: DATE_PADDED.into(),
            tulisan_terminator: true,
            nomor_kolom: false,
            lebar_kolom_menurut_isi: false,
            judul_kolom: ColumnHeaders::default(),
            prosedur_di_halaman_identitas: false,
            mutu_baku: None,
        }
    }
}

/// `[laporan]` in sopkit.toml: working hours and days, default signers.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LaporanConfig {
    /// Start and end of a working day, "HH:MM".
    pub jam_kerja: [String; 2],
    /// Working days, Senin..Minggu.
    pub hari_kerja: Vec<String>,
    /// Keys of `[officials]` who sign a report whose record names no signers.
    pub penandatangan: Vec<String>,
}

impl Default for LaporanConfig {
    fn default() -> Self {
        Self {
            jam_kerja: ["08:00".into(), "16:00".into()],
            hari_kerja: ["senin", "selasa", "rabu", "kamis", "jumat"].map(String::from).to_vec(),
            penandatangan: Vec::new(),
        }
    }
}

/// `[risiko]` in sopkit.toml.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RisikoConfig {
    /// Besaran by `[kemungkinan - 1][dampak - 1]`.
    pub matriks: [[u8; 5]; 5],
    pub level: Vec<LevelBand>,
    /// Names of the kemungkinan levels 1..5.
    pub kemungkinan: [String; 5],
    /// Names of the dampak levels 1..5.
    pub dampak: [String; 5],
}

/// A band of besaran with its level name and colour.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LevelBand {
    pub nama: String,
    pub min: u8,
    pub max: u8,
    /// `#rrggbb`
    pub warna: String,
}

impl Default for RisikoConfig {
    fn default() -> Self {
        let band = |nama: &str, min, max, warna: &str| LevelBand { nama: nama.into(), min, max, warna: warna.into() };
        Self {
            matriks: [
                [1, 3, 5, 8, 20],
                [2, 7, 11, 13, 21],
                [4, 10, 14, 17, 22],
                [6, 12, 16, 19, 24],
                [9, 15, 18, 23, 25],
            ],
            level: vec![
                band("Sangat Rendah", 1, 5, "#5b9bd5"),
                band("Rendah", 6, 10, "#70ad47"),
                band("Sedang", 11, 15, "#ffd966"),
                band("Tinggi", 16, 19, "#f4a261"),
                band("Sangat Tinggi", 20, 25, "#e05a47"),
            ],
            kemungkinan: [
                "Hampir Tidak Terjadi",
                "Jarang Terjadi",
                "Kadang-Kadang Terjadi",
                "Sering Terjadi",
                "Hampir Pasti Terjadi",
            ]
            .map(String::from),
            dampak: ["Tidak Signifikan", "Kurang Signifikan", "Cukup Signifikan", "Signifikan", "Sangat Signifikan"]
                .map(String::from),
        }
    }
}

impl RisikoConfig {
    /// Problems with the matrix or the bands, as messages.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (k, row) in self.matriks.iter().enumerate() {
            for (d, value) in row.iter().enumerate() {
                if !(1..=25).contains(value) {
                    problems.push(format!("matriks[{k}][{d}] = {value} is outside 1..25"));
                }
            }
        }
        for value in 1..=25u8 {
            let bands: Vec<&str> =
                self.level.iter().filter(|b| (b.min..=b.max).contains(&value)).map(|b| b.nama.as_str()).collect();
            match bands.len() {
                1 => {}
                0 => problems.push(format!("besaran {value} is in no level band")),
                _ => problems.push(format!("besaran {value} is in several level bands ({})", bands.join(", "))),
            }
        }
        for band in &self.level {
            let hex = band.warna.strip_prefix('#').unwrap_or("");
            if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                problems.push(format!("colour `{}` of level {} is not #rrggbb", band.warna, band.nama));
            }
        }
        problems
    }

    pub fn besaran(&self, kemungkinan: u8, dampak: u8) -> u8 {
        self.matriks[usize::from(kemungkinan - 1)][usize::from(dampak - 1)]
    }

    pub fn band(&self, besaran: u8) -> &LevelBand {
        self.level.iter().find(|b| (b.min..=b.max).contains(&besaran)).unwrap_or(&self.level[0])
    }
}
