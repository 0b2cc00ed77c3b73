//! `sopkit terbit`: issuing is an act. It builds the project (the documents
//! are then exactly what was checked), then records each document whose
//! bytes were not issued before as its next version in the ledger
//! (`terbitan.toml`) and keeps its PDF in the archive (`arsip/`), both in
//! the project, so that they survive the output folder. Drafts built later
//! are not official until issued. The ledger only grows: a new version is
//! appended as text, so it diffs as added lines.

use super::{BuildOptions, Outcome, Progress, run};
use crate::diagnostic::{Diagnostic, Diagnostics, EnvError};
use crate::finish::{self, Manifest, ManifestEntry, OutputKind};
use crate::model::ledger::LEDGER_FILE;
use crate::model::{IssuedVersion, Ledger, Tanggal};
use crate::util::digest::sha256_hex;

/// What `terbit` issues and when.
#[derive(Debug, Clone, Default)]
pub struct IssueOptions {
    pub build: BuildOptions,
    /// The day of issue; default `SOURCE_DATE_EPOCH`, else today.
    pub date: Option<Tanggal>,
}

/// What `terbit` did.
#[derive(Debug)]
pub struct IssueOutcome {
    pub build: Outcome,
    /// Versions recorded now.
    pub issued: Vec<IssuedVersion>,
    /// Documents whose bytes are a version issued before: (path, version).
    pub unchanged: Vec<(String, u32)>,
}

/// Builds the project and issues what changed. Nothing is issued when the
/// build has errors.
pub fn issue(options: &IssueOptions, progress: &dyn Progress) -> Result<IssueOutcome, EnvError> {
    let build_options = BuildOptions { write: true, ..options.build.clone() };
    let build = run(&build_options, progress)?;
    let nothing = |build| Ok(IssueOutcome { build, issued: Vec::new(), unchanged: Vec::new() });
    let (Some(out_dir), Some(manifest)) = (build.out_dir.clone(), build.manifest.as_ref()) else {
        return nothing(build);
    };
    if build.failed() {
        return nothing(build);
    }
    let root =
        build_options.project.canonicalize().map_err(|e| EnvError::io("cannot open", &build_options.project, e))?;
    let ledger_path = root.join(LEDGER_FILE);
    let ledger_text = match std::fs::read_to_string(&ledger_path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(EnvError::io("cannot read", &ledger_path, e)),
    };
    // The build read the same file without errors; one changed since is
    // not appended to.
    let ledger: Ledger = toml::from_str(&ledger_text)
        .map_err(|e| EnvError(crate::tr!("terbit-ledger-changed", path = ledger_path.display(), why = e.message())))?;
    let date = options.date.unwrap_or_else(|| super::today(crate::compile::source_date_epoch().ok().flatten()));
    let (mut issued, unchanged) = next_versions(&ledger, issuable(&build, manifest), date);

    // Each PDF is read back from the output folder and must be what the
    // build wrote: a file changed since is not issued.
    let mut pdfs = Vec::new();
    let mut diagnostics = Diagnostics::default();
    for version in &mut issued {
        let path = out_dir.join(format!("{}.pdf", version.berkas));
        let bytes = std::fs::read(&path).map_err(|e| EnvError::io("cannot read", &path, e))?;
        if sha256_hex(&bytes) != version.sha256 {
            diagnostics.push(Diagnostic::error(crate::tr!("terbit-changed", path = path.display())));
        }
        version.bita = bytes.len();
        pdfs.push(bytes);
    }
    // A monev form is made by `sopkit monev`, not by this build: one made
    // from a record since changed (or, the recap, from other records than
    // those in monev/) would issue what the records no longer say.
    for entry in manifest.outputs.iter().filter(|e| e.kind == OutputKind::Monev) {
        let Some(made_from) = &entry.source_sha256 else { continue };
        let record = root.join(&entry.source);
        if crate::validate::monev::source_digest(&root, &record).as_ref() != Some(made_from) {
            diagnostics.push(Diagnostic::error(crate::tr!(
                "terbit-monev-stale",
                path = entry.path.as_str(),
                record = entry.source.as_str()
            )));
        }
    }
    // An archive file that exists with other bytes is not overwritten.
    for version in &issued {
        let archived = root.join(version.archive_path());
        if let Ok(old) = std::fs::read(&archived)
            && sha256_hex(&old) != version.sha256
        {
            diagnostics.push(Diagnostic::error(crate::tr!("terbit-archive-differs", path = archived.display())));
        }
    }
    if diagnostics.has_errors() {
        let build = Outcome { diagnostics, ..build };
        return nothing(build);
    }
    finish::ledger::record(&root, &ledger_text, &issued, &pdfs)?;
    // The portal (when the project has one) shows the versions just
    // issued: built again, every document from the cache.
    let build = if issued.is_empty() { build } else { run(&build_options, &super::Silent)? };
    Ok(IssueOutcome { build, issued, unchanged })
}

/// What may be issued: the documents this build made, and the reports and
/// monev forms the output folder holds (`sopkit laporan` and `sopkit monev`
/// made them), sorted by path.
fn issuable<'a>(build: &Outcome, manifest: &'a Manifest) -> Vec<&'a ManifestEntry> {
    let made_now = |entry: &ManifestEntry| build.documents.iter().any(|d| d.path == entry.path);
    let mut entries: Vec<&ManifestEntry> = manifest
        .outputs
        .iter()
        .filter(|entry| made_now(entry) || matches!(entry.kind, OutputKind::Laporan | OutputKind::Monev))
        .collect();
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    entries
}

/// The version each document would be issued as: none when its bytes are
/// the version in force already.
fn next_versions(
    ledger: &Ledger,
    entries: Vec<&ManifestEntry>,
    date: Tanggal,
) -> (Vec<IssuedVersion>, Vec<(String, u32)>) {
    let mut issued = Vec::new();
    let mut unchanged = Vec::new();
    for entry in entries {
        let latest = ledger.latest(&entry.id);
        if let Some(same) = latest.filter(|v| v.sha256 == entry.sha256) {
            unchanged.push((entry.path.clone(), same.versi));
            continue;
        }
        let versi = latest.map_or(1, |v| v.versi + 1);
        let address = entry.address();
        issued.push(IssuedVersion {
            id: entry.id.clone(),
            jenis: entry.kind,
            versi,
            berkas: address.berkas,
            nomor: entry.nomor.clone(),
            judul: entry.judul.clone(),
            tanggal: date,
            sha256: entry.sha256.clone(),
            halaman: entry.pages,
            // Set when the PDF is read back.
            bita: 0,
        });
    }
    (issued, unchanged)
}
