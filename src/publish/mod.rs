//! Stage 8, publish: the static SOP portal (`OUT/portal/`), so that SOPs are
//! "mudah diakses dan dilihat" (docs/domain.md): an index with search and
//! filters, a page per SOP (identity, the procedure as an HTML table, the
//! flowchart as SVG pages of the very layout the PDF was exported from,
//! the flow in words, the PDF, revisions, related SOPs), the Keputusan with
//! its lampiran, and a verification page per document at the path of the
//! `[tte] url` pattern. Plain files: no server-side code, no network
//! fetch, relative links only, so it works from `file://` and under any
//! sub-path. Written through `write_if_changed`: an edit rewrites only the
//! pages it changes, plus the index; files of an earlier portal that are no
//! longer made are removed (only those the portal's own list names).

mod pages;
mod search;
mod site;
mod stem;
mod verification;
mod words;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::EnvError;
use crate::finish::{Document, OutputKind};
use crate::load::Project;
use crate::model::Tanggal;
use crate::util::fs::write_if_changed;
use crate::validate::{ValidDecree, ValidSop};

pub use pages::related_sop;
pub use verification::ListedReport;

/// The portal's folder inside the output folder.
pub const PORTAL_DIR: &str = "portal";
/// The list of files the portal wrote, inside the portal's folder.
const WRITTEN_LIST: &str = ".sopkit-portal.json";

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
    pub today: Tanggal,
}

/// Every file of the portal, by path under `portal/`, in memory.
pub fn render(inputs: &Inputs) -> Result<BTreeMap<String, Vec<u8>>, EnvError> {
    pages::render(inputs)
}

/// Writes the portal into `out_dir/portal/`; returns how many files
/// changed.
pub fn write(out_dir: &Path, inputs: &Inputs) -> Result<usize, EnvError> {
    let files = render(inputs)?;
    let dir = out_dir.join(PORTAL_DIR);
    let mut changed = 0;
    for (path, bytes) in &files {
        let target = dir.join(path);
        let same = std::fs::read(&target).is_ok_and(|old| old == *bytes);
        if !same {
            write_if_changed(&target, bytes)?;
            changed += 1;
        }
    }
    // Files an earlier portal wrote that this one does not: removed.
    let list = dir.join(WRITTEN_LIST);
    let earlier: Vec<String> =
        std::fs::read(&list).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
    for gone in earlier.iter().filter(|p| !files.contains_key(*p)) {
        let _ = std::fs::remove_file(dir.join(gone));
    }
    let names: Vec<&String> = files.keys().collect();
    let json = serde_json::to_vec_pretty(&names).map_err(|e| EnvError(e.to_string()))?;
    write_if_changed(&list, &json)?;
    Ok(changed)
}

/// The documents a portal offers, by kind.
fn of_kind(documents: &[Document], kind: OutputKind) -> impl Iterator<Item = &Document> {
    documents.iter().filter(move |d| d.kind == kind)
}
