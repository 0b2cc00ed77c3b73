//! Stage 5, render: the decree (Keputusan) and its lampiran as
//! `keputusan.typ.j2` receives them: diktum
//! numbered KESATU, KEDUA, ..., the heading block in the configured order,
//! capitals where produk hukum daerah use them.

use serde::Serialize;

use crate::layout::MM;
use crate::model::{DayStyle, Diktum, HeadingRow, LampiranRow};
use crate::util::numbering::diktum_ordinal;
use crate::validate::ValidDecree;

#[derive(Debug, Clone, Serialize)]
pub struct DiktumContext {
    pub ordinal: String,
    pub teks: String,
    pub butir: Vec<String>,
    pub penutup: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeadingContext {
    pub label: &'static str,
    pub value: String,
}

/// A lampiran row as the table prints it: its number and its date written
/// `dd-mm-yyyy`, beside the row's own fields.
#[derive(Debug, Clone, Serialize)]
pub struct PrintedRow {
    pub no: usize,
    pub tanggal: String,
    #[serde(flatten)]
    pub row: LampiranRow,
}

/// Everything `keputusan.typ.j2` receives.
#[derive(Debug, Clone, Serialize)]
pub struct DecreeContext {
    pub font: String,
    pub font_size: f64,
    pub page_width: f64,
    pub page_height: f64,
    pub lambang: Option<String>,
    /// "WALIKOTA DENPASAR"
    pub kop: String,
    pub nomor: String,
    pub tentang: String,
    /// "WALIKOTA DENPASAR," above Menimbang and in the signature.
    pub jabatan: String,
    pub menimbang: Vec<String>,
    pub mengingat: Vec<String>,
    pub menetapkan: String,
    pub diktum: Vec<DiktumContext>,
    pub tempat: String,
    pub tanggal: String,
    pub nama: String,
    pub tembusan: Vec<String>,
    pub heading: Vec<HeadingContext>,
    pub judul: String,
    pub rows: Vec<PrintedRow>,
    pub signature_box: f64,
    pub tte: super::tte::TteContext,
}

impl DecreeContext {
    pub fn new(decree: &ValidDecree, signature_box: f64, style: DayStyle) -> Self {
        let def = &decree.doc.value;
        let kop = def.kop.clone().unwrap_or_else(|| decree.pejabat.jabatan.to_uppercase());
        let (w, h) = def.format.paper.size_mm();
        let tanggal = def.ditetapkan.tanggal.long_in(style);
        let heading = def
            .lampiran
            .urutan
            .iter()
            .map(|row| match row {
                HeadingRow::Tanggal => HeadingContext { label: "TANGGAL", value: tanggal.to_uppercase() },
                HeadingRow::Nomor => HeadingContext { label: "NOMOR", value: def.nomor.clone() },
                HeadingRow::Tentang => HeadingContext { label: "TENTANG", value: def.tentang.to_uppercase() },
            })
            .collect();
        let tentang_upper = def.tentang.to_uppercase();
        Self {
            font: def.format.font.clone(),
            font_size: def.format.font_size,
            page_width: w * MM,
            page_height: h * MM,
            lambang: def.lambang.as_ref().map(|p| crate::compile::world::project_path(p)),
            nomor: def.nomor.clone(),
            tentang: tentang_upper.clone(),
            jabatan: decree.pejabat.jabatan.to_uppercase(),
            menimbang: def.menimbang.clone(),
            mengingat: def.mengingat.clone(),
            menetapkan: def.menetapkan.clone().unwrap_or_default(),
            diktum: def
                .diktum
                .iter()
                .enumerate()
                .map(|(i, d)| match d {
                    Diktum::Teks(teks) => DiktumContext {
                        ordinal: diktum_ordinal(i + 1),
                        teks: teks.clone(),
                        butir: vec![],
                        penutup: None,
                    },
                    Diktum::Butir { teks, butir, penutup } => DiktumContext {
                        ordinal: diktum_ordinal(i + 1),
                        teks: teks.clone(),
                        butir: butir.clone(),
                        penutup: penutup.clone(),
                    },
                })
                .collect(),
            tempat: def.ditetapkan.tempat.clone(),
            tanggal,
            nama: decree.pejabat.nama.to_uppercase(),
            tembusan: def.tembusan.clone(),
            heading,
            judul: def.lampiran.judul.clone().unwrap_or_else(|| default_lampiran_title(&tentang_upper)),
            rows: decree
                .rows
                .iter()
                .enumerate()
                .map(|(i, row)| PrintedRow { no: i + 1, tanggal: row.tanggal_efektif.short(), row: row.clone() })
                .collect(),
            kop,
            signature_box,
            tte: super::tte::TteContext::default(),
        }
    }
}

/// The lampiran's title when the keputusan gives none: "DAFTAR STANDAR
/// OPERASIONAL PROSEDUR (SOP)" and what the keputusan is about, without
/// saying "Standar Operasional Prosedur" twice when `tentang` starts the
/// usual way ("Standar Operasional Prosedur pada Dinas ...").
fn default_lampiran_title(tentang_upper: &str) -> String {
    const HEAD: &str = "DAFTAR STANDAR OPERASIONAL PROSEDUR (SOP)";
    let rest = ["STANDAR OPERASIONAL PROSEDUR (SOP)", "STANDAR OPERASIONAL PROSEDUR", "SOP"]
        .iter()
        .find_map(|prefix| tentang_upper.strip_prefix(prefix).filter(|rest| rest.is_empty() || rest.starts_with(' ')))
        .unwrap_or(tentang_upper)
        .trim();
    if rest.is_empty() { HEAD.to_owned() } else { format!("{HEAD} {rest}") }
}

#[cfg(test)]
mod title_tests {
    use super::default_lampiran_title;

    #[test]
    fn the_default_lampiran_title_does_not_repeat_itself() {
        assert_eq!(
            default_lampiran_title("STANDAR OPERASIONAL PROSEDUR PADA DINAS KOMUNIKASI"),
            "DAFTAR STANDAR OPERASIONAL PROSEDUR (SOP) PADA DINAS KOMUNIKASI"
        );
        assert_eq!(
            default_lampiran_title("STANDAR OPERASIONAL PROSEDUR (SOP) DI LINGKUNGAN DINAS"),
            "DAFTAR STANDAR OPERASIONAL PROSEDUR (SOP) DI LINGKUNGAN DINAS"
        );
        assert_eq!(
            default_lampiran_title("PELAYANAN PADA DINAS SOSIAL"),
            "DAFTAR STANDAR OPERASIONAL PROSEDUR (SOP) PELAYANAN PADA DINAS SOSIAL"
        );
        assert_eq!(
            default_lampiran_title("SOPIR DINAS PERHUBUNGAN"),
            "DAFTAR STANDAR OPERASIONAL PROSEDUR (SOP) SOPIR DINAS PERHUBUNGAN"
        );
    }
}
