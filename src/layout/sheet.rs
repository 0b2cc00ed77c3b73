//! Stage 4, layout: what the measuring pass and the final sheet share: the profile's printed
//! labels, the page and its columns, the swimlanes and each step's cell
//! texts. Decides nothing about the flowchart (see `flowchart`).

use serde::Serialize;

use super::flowchart::Sizes;
use super::page::{PageGeometry, columns};
use crate::model::{Profile, ProjectConfig};
use crate::validate::ValidSop;

/// The space between a procedure title and its table, in points: the
/// `above: 6pt` of the table in templates/sop.typ.j2, which must agree.
pub const TITLE_GAP: f64 = 6.0;

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
    /// The sheet of `sop`; every actor column at least `min_lane` wide
    /// (see `Sizes::lane_for_labels`).
    pub fn of(sop: &ValidSop, config: &ProjectConfig, min_lane: f64) -> Self {
        let def = sop.def();
        let profile = ProfileStyle::of(config.format.profile);
        let page = PageGeometry::of(config);
        let width = page.content_width();
        let lanes: Vec<String> = def.pelaksana.values().cloned().collect();
        let (proc_title, proc_subtitle) = match config.format.profile {
            Profile::Bali => (
                Some(format!("STANDARD OPERATIONAL PROCEDURES (SOP) {}", def.identity.nama.to_uppercase())),
                sop.unit.kop.last().map(|l| l.to_uppercase()),
            ),
            Profile::Denpasar => (Some("PROSEDUR".into()), None),
            Profile::Permenpan => (Some(format!("PROSEDUR: {}", def.identity.nama.to_uppercase())), None),
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
        Self {
            profile,
            page,
            width,
            cols: columns(width, lanes.len(), min_lane),
            lanes,
            steps,
            proc_title,
            proc_subtitle,
        }
    }

    /// The height a page gives the table's body: the page's content less
    /// the procedure title (`title` high), its gap and the header rows
    /// (`header` high), and 2 pt for the rules.
    pub fn body_budget(&self, title: f64, header: f64) -> f64 {
        self.page.content_height() - title - self.title_gap() - header - 2.0
    }

    pub fn lane_width(&self) -> f64 {
        self.cols[2]
    }

    pub fn sizes(&self) -> Sizes {
        Sizes::for_lane_width(self.lane_width())
    }

    /// The space between a page's procedure title and its table (the
    /// title block's `below: 6pt` in sopkit-lib.typ; the template gives the
    /// table the same `above`), which the page budget must count: without it
    /// a full page's table did not fit under its title and moved to the next
    /// page, leaving the title alone on a page.
    pub fn title_gap(&self) -> f64 {
        if self.proc_title.as_deref().is_some_and(|t| !t.is_empty()) { TITLE_GAP } else { 0.0 }
    }
}
