//! Monitoring and evaluation of SOP implementation (Permenpan-RB 35/2012,
//! docs/domain.md): one record per unit and period, as an evaluation team
//! fills it in: who assessed and how, each SOP's monitoring judgement with
//! its notes and actions, each SOP's answers to the evaluation criteria,
//! and the activities that still lack an SOP. Read from `monev/` of a
//! project (YAML or TOML; spreadsheets with one row per SOP).

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::Tanggal;

/// A unit's monitoring and evaluation over one period.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MonevDef {
    /// The unit: a key of `[units]` in sopkit.toml.
    pub unit: String,
    pub periode: MonevPeriode,
    /// When the assessment was concluded: the berita acara's date.
    pub tanggal: Tanggal,
    /// Where the berita acara is signed.
    #[serde(default)]
    pub tempat: Option<String>,
    /// The evaluators, who sign the forms and the berita acara: keys of
    /// `[officials]` or written out.
    pub penilai: Vec<Penilai>,
    /// The head of the unit, who signs the berita acara too.
    #[serde(default)]
    pub kepala_unit: Option<Penilai>,
    /// How the SOPs were monitored: observasi, wawancara, diskusi kelompok.
    #[serde(default)]
    pub metode: Vec<String>,
    /// Each SOP's monitoring (Monitoring Pelaksanaan SOP AP).
    #[serde(default)]
    pub monitoring: Vec<Pemantauan>,
    /// Each SOP's evaluation (Evaluasi Penerapan SOP AP).
    #[serde(default)]
    pub evaluasi: Vec<Evaluasi>,
    /// Activities of the unit that still lack an SOP.
    #[serde(default)]
    pub tanpa_sop: Vec<String>,
}

/// The period a record covers (a semester for monitoring, a year for
/// evaluation).
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MonevPeriode {
    pub mulai: Tanggal,
    pub sampai: Tanggal,
}

/// An evaluator: `pejabat` names an official of sopkit.toml; else the
/// person is written out.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Penilai {
    #[serde(default)]
    pub pejabat: Option<String>,
    #[serde(default)]
    pub nama: Option<String>,
    #[serde(default)]
    pub nip: Option<String>,
    #[serde(default)]
    pub jabatan: Option<String>,
}

/// One SOP's monitoring.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pemantauan {
    /// The SOP: its nomor, or its path under `sops/` without extension.
    pub sop: String,
    pub penilaian: Penilaian,
    /// Catatan Hasil Penilaian.
    #[serde(default)]
    pub catatan: Option<String>,
    /// Tindakan yang Harus Diambil.
    #[serde(default)]
    pub tindakan: Option<String>,
}

/// Penilaian terhadap Penerapan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Penilaian {
    /// "Berjalan dengan baik".
    #[serde(rename = "baik")]
    Baik,
    /// "Tidak berjalan dengan baik".
    #[serde(rename = "tidak-baik")]
    TidakBaik,
}

impl Penilaian {
    pub fn label(self) -> &'static str {
        match self {
            Penilaian::Baik => "Berjalan dengan baik",
            Penilaian::TidakBaik => "Tidak berjalan dengan baik",
        }
    }
}

/// One SOP's evaluation: an answer per criterion (`[monev] kriteria`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluasi {
    /// The SOP: its nomor, or its path under `sops/` without extension.
    pub sop: String,
    /// Criterion key -> ya (true) / tidak (false).
    #[serde(deserialize_with = "answers")]
    pub jawaban: IndexMap<String, bool>,
    #[serde(default)]
    pub catatan: Option<String>,
    #[serde(default)]
    pub tindak_lanjut: Option<String>,
}

impl Evaluasi {
    /// A "Tidak" on any criterion: the SOP needs revision.
    pub fn perlu_revisi(&self) -> bool {
        self.jawaban.values().any(|ya| !ya)
    }
}

/// Answers written `ya`/`tidak` (or true/false).
fn answers<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<IndexMap<String, bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Answer {
        Bool(bool),
        Word(String),
    }
    let written = IndexMap::<String, Answer>::deserialize(deserializer)?;
    written
        .into_iter()
        .map(|(key, answer)| {
            let ya = match answer {
                Answer::Bool(b) => b,
                Answer::Word(w) => match w.trim().to_lowercase().as_str() {
                    "ya" | "y" => true,
                    "tidak" | "t" => false,
                    other => {
                        return Err(serde::de::Error::custom(crate::tr!("monev-answer", text = other, key = key)));
                    }
                },
            };
            Ok((key, ya))
        })
        .collect()
}

/// `[monev]` in sopkit.toml: the evaluation's criteria, which a project may
/// reword, add to or drop, and who signs the project's recap.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MonevConfig {
    pub kriteria: Vec<Kriterium>,
    /// Keys of `[officials]` who sign `rekap.pdf`, the whole agency's;
    /// default: the last of `[laporan] penandatangan` (the head who
    /// approves).
    pub penandatangan: Vec<String>,
}

/// One evaluation criterion: the key records answer by, and its label.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Kriterium {
    pub kunci: String,
    pub label: String,
}

impl Default for MonevConfig {
    /// The seven criteria of the regulation's annex.
    fn default() -> Self {
        let kriteria = [
            ("mendorong_kinerja", "Mampu mendorong peningkatan kinerja"),
            ("mudah_dipahami", "Mudah dipahami"),
            ("mudah_dilaksanakan", "Mudah dilaksanakan"),
            ("peran_jelas", "Semua orang dapat menjalankan perannya masing-masing"),
            ("mengatasi_masalah", "Mampu mengatasi permasalahan yang berkaitan dengan proses"),
            ("menjawab_kebutuhan", "Mampu menjawab kebutuhan peningkatan kinerja organisasi"),
            ("sinergi", "Sinergi satu dengan lainnya"),
        ]
        .map(|(kunci, label)| Kriterium { kunci: kunci.into(), label: label.into() })
        .to_vec();
        Self { kriteria, penandatangan: Vec::new() }
    }
}
