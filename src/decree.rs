//! The Keputusan and its lampiran as its template receives them: diktum
//! numbered KESATU, KEDUA, ..., the heading block in the configured order,
//! capitals where produk hukum daerah use them. Part of the render stage.

use serde::Serialize;

use crate::layout::MM;
use crate::model::{Diktum, HeadingRow};
use crate::numbering::diktum_ordinal;
use crate::validate::ValidKeputusan;

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

#[derive(Debug, Clone, Serialize)]
pub struct RowContext {
    pub no: usize,
    pub nomor: String,
    pub tanggal: String,
    pub nama: String,
}

/// Everything `keputusan.typ.j2` receives.
#[derive(Debug, Clone, Serialize)]
pub struct KeputusanContext {
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
    pub rows: Vec<RowContext>,
    pub signature_box: f64,
    pub tte: crate::tte::TteContext,
}

impl KeputusanContext {
    pub fn new(keputusan: &ValidKeputusan, signature_box: f64) -> Self {
        let def = &keputusan.doc.value;
        let kop = def.kop.clone().unwrap_or_else(|| keputusan.pejabat.jabatan.to_uppercase());
        let (w, h) = def.format.paper.size_mm();
        let tanggal = def.ditetapkan.tanggal.long();
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
            lambang: def.lambang.as_ref().map(|p| crate::world::project_path(p)),
            nomor: def.nomor.clone(),
            tentang: tentang_upper.clone(),
            jabatan: keputusan.pejabat.jabatan.to_uppercase(),
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
            nama: keputusan.pejabat.nama.to_uppercase(),
            tembusan: def.tembusan.clone(),
            heading,
            judul: def
                .lampiran
                .judul
                .clone()
                .unwrap_or_else(|| format!("DAFTAR STANDAR OPERASIONAL PROSEDUR (SOP) {tentang_upper}")),
            rows: keputusan
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| RowContext {
                    no: i + 1,
                    nomor: r.nomor.clone(),
                    tanggal: r.tanggal_efektif.short(),
                    nama: r.nama.clone(),
                })
                .collect(),
            kop,
            signature_box,
            tte: crate::tte::TteContext::default(),
        }
    }
}
