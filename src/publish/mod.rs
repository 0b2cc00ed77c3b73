//! Stage 8, publish: the static SOP portal (`OUT/portal/`), so that SOPs are
//! "mudah diakses dan dilihat" (docs/domain.md): an index with search and
//! filters, a page per SOP (identity, the procedure as an HTML table, the
//! flowchart as SVG pages of the very layout the PDF was exported from,
//! the flow in words, the PDF, revisions, related SOPs), the Keputusan with
//! its lampiran, each SOP's monitoring and evaluation status with a recap
//! page (`monev.html`), and a verification page per document at the path of the
//! `[tte] url` pattern. Plain files: no server-side code, no network
//! fetch, relative links only, so it works from `file://` and under any
//! sub-path. Written file by file (`site::Files`): an edit renders and
//! rewrites only the pages whose context it changes, plus the index; files
//! of an earlier portal that are no longer made are removed (only those the
//! portal's own record names).

mod monev;
mod pages;
mod search;
mod site;
mod stem;
mod verification;
mod words;

use std::path::Path;

use crate::diagnostic::EnvError;
use crate::finish::{Document, OutputKind};
use crate::load::Project;
use crate::model::Tanggal;
use crate::validate::{ValidDecree, ValidSop};

pub use monev::{FORM_KIND, MonevForm};
pub use pages::related_sop;
pub use verification::ListedReport;

/// The portal's folder inside the output folder.
pub const PORTAL_DIR: &str = "portal";

/// What the portal is made from: the valid SOPs and decree of a build, the
/// documents built from them (PDF, pages, SVG pages), and the day statuses
/// are judged on.
pub struct Inputs<'a> {
    pub project: &'a Project,
    pub sops: &'a [ValidSop],
    pub decree: Option<&'a ValidDecree>,
    pub documents: &'a [Document],
    /// The reports in the output folder: verified on the portal, not
    /// published.
    pub reports: &'a [ListedReport],
    /// The monev forms in the output folder (`sopkit monev`): offered on
    /// the SOP pages their records judge.
    pub monev_forms: &'a [MonevForm],
    pub today: Tanggal,
}

/// Writes the portal into `out_dir/portal/`, page by page (a thousand
/// SOPs' portal is never held in memory); returns how many files changed.
pub fn write(out_dir: &Path, inputs: &Inputs) -> Result<usize, EnvError> {
    let files = site::Files::open(&out_dir.join(PORTAL_DIR));
    pages::write(inputs, &files)?;
    files.finish()
}

/// The documents a portal offers, by kind.
fn of_kind(documents: &[Document], kind: OutputKind) -> impl Iterator<Item = &Document> {
    documents.iter().filter(move |d| d.kind == kind)
}
