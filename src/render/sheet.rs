//! Stage 5, render: everything `sop.typ.j2` receives for one sheet: the
//! shared basics, the kop, the identity part, and the laid-out pages of
//! the procedure table.

use serde::Serialize;

use crate::layout::flowchart::{Layout, PageLayout};
use crate::layout::sheet::SheetBasics;
use crate::model::{DayStyle, Identity, ProjectConfig, Tanggal, Unit};
use crate::validate::ValidSop;

use super::tte::TteContext;

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
    pub fn of(unit: &Unit, config: &ProjectConfig) -> Self {
        Self {
            kop: unit.kop.clone(),
            aksara_bali: unit.aksara_bali.clone(),
            alamat: unit.alamat.clone(),
            logo: config.logo_of(unit).map(|p| crate::compile::world::project_path(p)),
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
    pub sop: PrintedIdentity,
    pub header: Header,
    pub actor_x0: f64,
    pub lanes_width: f64,
    pub pages: Vec<PageContext>,
    /// Whether the table's first page follows the identity part on its
    /// page (`[format] prosedur_di_halaman_identitas`, where it fits).
    pub table_follows: bool,
    /// Unique within a book: names the sheet's first and last page.
    pub doc_id: String,
    /// Whether the identity part's lists are long enough that it is fitted
    /// to one page (see [`long_lists`]).
    pub fit_identity: bool,
    /// The items of a long list (`LONG_LIST`): such a list may then be set
    /// across the page.
    pub long_list: usize,
    /// Record the flowchart's geometry (for tests and tools).
    pub geometry: bool,
    pub tte: TteContext,
}

/// The identity part as the sheet prints it: every field of [`Identity`]
/// (dates as written, `2023-09-27`), and the dates written out as printed.
#[derive(Debug, Clone, Serialize)]
pub struct PrintedIdentity {
    #[serde(flatten)]
    pub identity: Identity,
    /// `27 September 2023`.
    pub tgl_pembuatan: String,
    /// The revision date written out, `-` when there is none.
    pub tgl_revisi: String,
    /// `09 Januari 2023`, or the range `09 Januari 2023 – 31 Desember 2023`
    /// when the SOP is valid until a date.
    pub tgl_efektif: String,
    /// The changes of this revision (PEMBAHARUAN).
    pub pembaharuan: Vec<String>,
}

impl PrintedIdentity {
    /// The identity with its dates printed in `style`.
    pub fn of(identity: &Identity, style: DayStyle) -> Self {
        let long = |date: Tanggal| date.long_in(style);
        let tgl_efektif = match identity.berlaku_sampai {
            Some(sampai) => format!("{} – {}", long(identity.tanggal_efektif), long(sampai)),
            None => long(identity.tanggal_efektif),
        };
        Self {
            tgl_pembuatan: long(identity.tanggal_pembuatan),
            tgl_revisi: identity.revision_date().map_or_else(|| "-".to_owned(), long),
            tgl_efektif,
            pembaharuan: identity.revisi.iter().map(|r| r.perubahan.clone()).collect(),
            identity: identity.clone(),
        }
    }
}

/// A list this long is long: its items may go side by side.
const LONG_LIST: usize = 5;
/// The lists' and the purpose's characters in all, beyond which they may
/// not fit one page beside the kop and the signature as they are set (low:
/// trying costs a sheet a quarter more compile time, and a part that fits
/// as it always was is set exactly so).
const LONG_LISTS_TEXT: usize = 600;

/// Whether the identity part's lists are long: one has `LONG_LIST` items,
/// or they and the purpose have more than `LONG_LISTS_TEXT` characters.
/// The sheet then tries tighter ways of setting them until the identity
/// part fits its page; shorter lists are set as they always were.
pub fn long_lists(identity: &Identity) -> bool {
    let lists = [
        &identity.dasar_hukum,
        &identity.kualifikasi_pelaksana,
        &identity.keterkaitan,
        &identity.peralatan_perlengkapan,
        &identity.peringatan,
        &identity.pencatatan_pendataan,
    ];
    let text: usize = lists.iter().flat_map(|list| list.iter()).map(|item| item.chars().count()).sum::<usize>()
        + identity.maksud_tujuan.as_deref().map_or(0, |text| text.chars().count());
    lists.iter().any(|list| list.len() >= LONG_LIST) || text > LONG_LISTS_TEXT
}

/// Heights of the table header's two rows and its column numbering row
/// (0 when `[format] nomor_kolom` is off), as measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Header {
    pub h1: f64,
    pub h2: f64,
    pub numbers: f64,
}

impl Header {
    /// The height of all the rows above the table's body.
    pub fn height(&self) -> f64 {
        self.h1 + self.h2 + self.numbers
    }
}

impl SheetContext {
    pub fn new(sop: &ValidSop, config: &ProjectConfig, basics: SheetBasics, header: Header, layout: Layout) -> Self {
        let lanes = basics.lanes.len();
        Self {
            font: config.format.font.clone(),
            font_size: config.format.font_size,
            signature_box: config.format.signature_box_pt,
            unit: KopContext::of(&sop.unit, config),
            sop: PrintedIdentity::of(&sop.def().identity, config.format.day_style()),
            header,
            actor_x0: basics.cols[0] + basics.cols[1],
            lanes_width: basics.cols[2..2 + lanes].iter().sum(),
            pages: layout
                .pages
                .into_iter()
                .map(|mut page| {
                    if !config.format.tulisan_terminator {
                        page.symbols.iter_mut().filter(|s| s.terminator.is_some()).for_each(|s| s.text = None);
                    }
                    PageContext { body_height: page.body_height(), layout: page }
                })
                .collect(),
            table_follows: false,
            doc_id: sop.source.stem.clone(),
            fit_identity: long_lists(&sop.def().identity),
            long_list: LONG_LIST,
            geometry: false,
            tte: TteContext::default(),
            basics,
        }
    }
}
