//! The SOP sheet's data for its templates: labels per format profile, page
//! and column geometry, and the identity fields as they are printed. Part of
//! the render stage; it decides nothing about the flowchart (see layout).

use serde::Serialize;

use crate::layout::{Layout, MM, PageLayout, Sizes};
use crate::model::{Orientation, Pejabat, Profile, ProjectConfig};
use crate::validate::ValidSop;

/// The printed labels of a profile. Real documents drift ("Aktivitas",
/// "Ketersediaan", "Keterikatan"); a profile fixes them once.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub sheet_title: &'static str,
    pub no: &'static str,
    pub kegiatan: &'static str,
    pub pelaksana: &'static str,
    pub mutu_baku: &'static str,
    pub kelengkapan: &'static str,
    pub waktu: &'static str,
    pub output: &'static str,
    pub keterangan: &'static str,
    pub nomor: &'static str,
    pub tgl_pembuatan: &'static str,
    pub tgl_revisi: &'static str,
    pub tgl_efektif: &'static str,
    pub disahkan: &'static str,
    pub nama_sop: &'static str,
    pub dasar_hukum: &'static str,
    pub kualifikasi: &'static str,
    pub keterkaitan: &'static str,
    pub peralatan: &'static str,
    pub peringatan: &'static str,
    pub pencatatan: &'static str,
    pub pembaharuan: &'static str,
    pub pembaharuan_intro: &'static str,
}

/// How a profile lays out the sheet.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileStyle {
    pub labels: Labels,
    /// `grid`: the lists in two columns; `stack`: one under another.
    pub identity_layout: &'static str,
    /// `table`: logo and kop in the identity table; `letterhead`: a kop above.
    pub kop_style: &'static str,
    pub show_pembaharuan: bool,
}

impl ProfileStyle {
    pub fn of(profile: Profile) -> Self {
        let permenpan = Labels {
            sheet_title: "STANDAR OPERASIONAL PROSEDUR (SOP)",
            no: "No",
            kegiatan: "Kegiatan",
            pelaksana: "Pelaksana",
            mutu_baku: "Mutu Baku",
            kelengkapan: "Kelengkapan",
            waktu: "Waktu",
            output: "Output",
            keterangan: "Keterangan",
            nomor: "Nomor SOP",
            tgl_pembuatan: "Tgl. Pembuatan",
            tgl_revisi: "Tgl. Revisi",
            tgl_efektif: "Tgl. Efektif",
            disahkan: "Disahkan oleh",
            nama_sop: "Nama SOP",
            dasar_hukum: "Dasar Hukum:",
            kualifikasi: "Kualifikasi Pelaksana:",
            keterkaitan: "Keterkaitan:",
            peralatan: "Peralatan/Perlengkapan:",
            peringatan: "Peringatan:",
            pencatatan: "Pencatatan dan Pendataan:",
            pembaharuan: "Pembaharuan:",
            pembaharuan_intro: "Pembaharuan terkait SOP ini meliputi:",
        };
        match profile {
            Profile::Permenpan => {
                Self { labels: permenpan, identity_layout: "grid", kop_style: "table", show_pembaharuan: false }
            }
            Profile::Denpasar => Self {
                labels: Labels {
                    kegiatan: "Aktivitas",
                    kelengkapan: "Ketersediaan",
                    pelaksana: "PELAKSANA",
                    tgl_pembuatan: "Tanggal Pembuatan",
                    tgl_revisi: "Tanggal Revisi",
                    tgl_efektif: "Tanggal Efektif",
                    ..permenpan
                },
                identity_layout: "grid",
                kop_style: "letterhead",
                show_pembaharuan: false,
            },
            Profile::Bali => Self {
                labels: Labels {
                    no: "NO",
                    kegiatan: "KEGIATAN",
                    pelaksana: "PELAKSANA",
                    mutu_baku: "MUTU BAKU",
                    kelengkapan: "KELENGKAPAN",
                    waktu: "WAKTU",
                    output: "OUTPUT",
                    keterangan: "KETERANGAN",
                    nomor: "NOMOR SOP",
                    tgl_pembuatan: "TGL. PEMBUATAN",
                    tgl_revisi: "TGL. REVISI",
                    tgl_efektif: "TGL. EFEKTIF",
                    disahkan: "DISAHKAN OLEH",
                    nama_sop: "NAMA SOP",
                    dasar_hukum: "DASAR HUKUM:",
                    kualifikasi: "KUALIFIKASI PELAKSANA:",
                    keterkaitan: "KETERKAITAN:",
                    peralatan: "PERALATAN/PERLENGKAPAN:",
                    peringatan: "PERINGATAN:",
                    pencatatan: "PENCATATAN DAN PENDATAAN:",
                    pembaharuan: "PEMBAHARUAN",
                    pembaharuan_intro: "Pembaharuan terkait SOP ini Meliputi:",
                    ..permenpan
                },
                identity_layout: "stack",
                kop_style: "table",
                show_pembaharuan: true,
            },
        }
    }
}

/// Page size and margins in points.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PageGeometry {
    pub width: f64,
    pub height: f64,
    pub margin_x: f64,
    pub margin_top: f64,
    pub margin_bottom: f64,
}

impl PageGeometry {
    pub fn of(config: &ProjectConfig) -> Self {
        let (w, h) = config.format.paper.size_mm();
        let (w, h) = match config.format.orientation {
            Orientation::Landscape => (h, w),
            Orientation::Portrait => (w, h),
        };
        let margin = config.format.margin_mm * MM;
        // The footer: page numbers, and the TTE notice with its QR code.
        let footer = if config.tte.footer { 24.0 } else { 7.0 };
        Self {
            width: w * MM,
            height: h * MM,
            margin_x: margin,
            margin_top: margin,
            margin_bottom: margin + footer * MM,
        }
    }

    pub fn content_width(&self) -> f64 {
        self.width - 2.0 * self.margin_x
    }

    pub fn content_height(&self) -> f64 {
        self.height - self.margin_top - self.margin_bottom
    }
}

/// Column widths in points: No, Kegiatan, one per actor, Kelengkapan,
/// Waktu, Output, Keterangan.
pub fn columns(width: f64, lanes: usize) -> Vec<f64> {
    let no = 22.0;
    // Text columns as shares of the width; actors get the rest, within limits.
    let shares = [0.22, 0.11, 0.065, 0.11, 0.085];
    let share_sum: f64 = shares.iter().sum();
    let (min_lane, max_lane) = (48.0, 34.0 * MM);
    let rest = width - no - share_sum * width;
    let lane = (rest / lanes as f64).clamp(min_lane, max_lane);
    // Whatever the lanes do not take (or take beyond their share) goes to
    // or comes from the text columns in proportion.
    let text_total = width - no - lane * lanes as f64;
    let mut cols = vec![no, shares[0] / share_sum * text_total];
    cols.extend(std::iter::repeat_n(lane, lanes));
    cols.extend(shares[1..].iter().map(|s| s / share_sum * text_total));
    cols
}

/// One step's printed cells.
#[derive(Debug, Clone, Serialize)]
pub struct StepCells {
    pub no: String,
    pub kegiatan: String,
    pub kelengkapan: String,
    pub waktu: String,
    pub output: String,
    pub keterangan: String,
}

/// What the measurement pass and the final sheet share.
#[derive(Debug, Clone, Serialize)]
pub struct SheetBasics {
    /// Labels and layout variants, flattened: `labels`, `identity_layout`,
    /// `kop_style`, `show_pembaharuan` in the templates.
    #[serde(flatten)]
    pub profile: ProfileStyle,
    pub page: PageGeometry,
    pub width: f64,
    pub cols: Vec<f64>,
    pub lanes: Vec<String>,
    pub steps: Vec<StepCells>,
    pub proc_title: Option<String>,
    pub proc_subtitle: Option<String>,
}

impl SheetBasics {
    pub fn of(sop: &ValidSop, config: &ProjectConfig) -> Self {
        let def = sop.def();
        let profile = ProfileStyle::of(config.format.profile);
        let page = PageGeometry::of(config);
        let width = page.content_width();
        let lanes: Vec<String> = def.pelaksana.values().cloned().collect();
        let (proc_title, proc_subtitle) = match config.format.profile {
            Profile::Bali => (
                Some(format!("STANDARD OPERATIONAL PROCEDURES (SOP) {}", def.nama.to_uppercase())),
                sop.unit.kop.last().map(|l| l.to_uppercase()),
            ),
            Profile::Denpasar => (Some("PROSEDUR".into()), None),
            Profile::Permenpan => (Some(format!("PROSEDUR: {}", def.nama.to_uppercase())), None),
        };
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let steps = def
            .langkah
            .iter()
            .enumerate()
            .map(|(i, s)| StepCells {
                no: (i + 1).to_string(),
                kegiatan: s.kegiatan.clone(),
                kelengkapan: text(&s.kelengkapan),
                waktu: text(&s.waktu),
                output: text(&s.output),
                keterangan: text(&s.keterangan),
            })
            .collect();
        Self { profile, page, width, cols: columns(width, lanes.len()), lanes, steps, proc_title, proc_subtitle }
    }

    pub fn lane_width(&self) -> f64 {
        self.cols[2]
    }

    pub fn sizes(&self) -> Sizes {
        Sizes::for_lane_width(self.lane_width())
    }
}

/// Heights the measurement pass reports for one SOP.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measured {
    pub title: f64,
    pub header: (f64, f64),
    pub rows: Vec<f64>,
}

/// The identity fields as printed.
#[derive(Debug, Clone, Serialize)]
pub struct Identity {
    pub nomor: String,
    pub nama: String,
    pub tgl_pembuatan: String,
    pub tgl_revisi: String,
    pub tgl_efektif: String,
    pub disahkan_oleh: Option<Pejabat>,
    pub dasar_hukum: Vec<String>,
    pub kualifikasi_pelaksana: Vec<String>,
    pub keterkaitan: Vec<String>,
    pub peralatan_perlengkapan: Vec<String>,
    pub peringatan: Vec<String>,
    pub pencatatan_pendataan: Vec<String>,
    pub pembaharuan: Vec<String>,
}

impl Identity {
    pub fn of(sop: &ValidSop) -> Self {
        let def = sop.def();
        let latest = def.revisi.iter().filter_map(|r| r.tanggal).max();
        let tgl_revisi = def.tanggal_revisi.or(latest).map_or_else(|| "-".to_owned(), |d| d.long());
        let tgl_efektif = match def.berlaku_sampai {
            Some(sampai) => format!("{} – {}", def.tanggal_efektif.long(), sampai.long()),
            None => def.tanggal_efektif.long(),
        };
        Self {
            nomor: def.nomor.clone(),
            nama: def.nama.clone(),
            tgl_pembuatan: def.tanggal_pembuatan.long(),
            tgl_revisi,
            tgl_efektif,
            disahkan_oleh: def.disahkan_oleh.clone(),
            dasar_hukum: def.dasar_hukum.clone(),
            kualifikasi_pelaksana: def.kualifikasi_pelaksana.clone(),
            keterkaitan: def.keterkaitan.clone(),
            peralatan_perlengkapan: def.peralatan_perlengkapan.clone(),
            peringatan: def.peringatan.clone(),
            pencatatan_pendataan: def.pencatatan_pendataan.clone(),
            pembaharuan: def.revisi.iter().map(|r| r.perubahan.clone()).collect(),
        }
    }
}

/// A kop as the templates print it.
#[derive(Debug, Clone, Serialize)]
pub struct KopContext {
    pub kop: Vec<String>,
    pub aksara_bali: Option<String>,
    pub alamat: Option<String>,
    /// Project-absolute path (`/logo.png`) for Typst's `image`.
    pub logo: Option<String>,
}

impl KopContext {
    /// A unit's kop, with its logo or else the project's.
    pub fn of(unit: &crate::model::Unit, config: &ProjectConfig) -> Self {
        Self {
            kop: unit.kop.clone(),
            aksara_bali: unit.aksara_bali.clone(),
            alamat: unit.alamat.clone(),
            logo: unit.logo.as_ref().or(config.logo.as_ref()).map(|p| crate::world::project_path(p)),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PageContext {
    #[serde(flatten)]
    pub layout: PageLayout,
    pub body_height: f64,
}

/// Everything `sop.typ.j2` receives.
#[derive(Debug, Clone, Serialize)]
pub struct SheetContext {
    #[serde(flatten)]
    pub basics: SheetBasics,
    pub font: String,
    pub font_size: f64,
    pub signature_box: f64,
    pub unit: KopContext,
    pub sop: Identity,
    pub header: Header,
    pub actor_x0: f64,
    pub lanes_width: f64,
    pub pages: Vec<PageContext>,
    /// Unique within a book: names the sheet's first and last page.
    pub doc_id: String,
    /// Record the flowchart's geometry (for tests and tools).
    pub geometry: bool,
    pub tte: crate::tte::TteContext,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Header {
    pub h1: f64,
    pub h2: f64,
}

impl SheetContext {
    pub fn new(
        sop: &ValidSop,
        config: &ProjectConfig,
        basics: SheetBasics,
        measured: &Measured,
        layout: Layout,
    ) -> Self {
        let lanes = basics.lanes.len();
        Self {
            font: config.format.font.clone(),
            font_size: config.format.font_size,
            signature_box: config.format.signature_box_pt,
            unit: KopContext::of(&sop.unit, config),
            sop: Identity::of(sop),
            header: Header { h1: measured.header.0, h2: measured.header.1 },
            actor_x0: basics.cols[0] + basics.cols[1],
            lanes_width: basics.cols[2..2 + lanes].iter().sum(),
            pages: layout
                .pages
                .into_iter()
                .map(|page| PageContext { body_height: page.body_height(), layout: page })
                .collect(),
            doc_id: sop.source.stem.clone(),
            geometry: false,
            tte: crate::tte::TteContext::default(),
            basics,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_width() {
        for lanes in 1..=9 {
            let cols = columns(860.0, lanes);
            assert_eq!(cols.len(), lanes + 6);
            assert!((cols.iter().sum::<f64>() - 860.0).abs() < 0.01);
            assert!(cols[2] >= 48.0);
        }
    }
}
