//! Monev records: a unit's monitoring and evaluation over one period, read
//! from YAML or TOML (`MonevDef` as written) or from a workbook
//! (`load::monev_sheet`). Every value keeps where it came from, so that
//! mistakes are reported at the file's line and column or at the sheet's
//! cell.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::monev_sheet::{SheetMonev, read_workbook};
use crate::load::{DocPath, Loaded, display_name, read_document};
use crate::model::{Kriterium, MonevDef};

/// One record, as read.
#[derive(Debug, Clone)]
pub struct Record {
    /// Shown in messages and the manifest.
    pub source: String,
    /// The record's path under `monev/` without its extension, its folders
    /// joined by `-` (or its file name's stem when it lies elsewhere): its
    /// outputs are named by it.
    pub stem: String,
    pub def: MonevDef,
    pub origin: Origin,
}

/// Where a record's values stand.
#[derive(Debug, Clone)]
pub enum Origin {
    Document(Box<Loaded<MonevDef>>),
    Sheet(Box<SheetMonev>),
}

impl Record {
    /// An error at the value found at `path` (in a workbook, the nearest
    /// enclosing value that has a cell).
    pub fn error_at(&self, path: &DocPath, message: impl Into<String>) -> Diagnostic {
        match &self.origin {
            Origin::Document(doc) => doc.error_at(path, message),
            Origin::Sheet(sheet) => sheet.error_at(path, message),
        }
    }

    /// The file it was read from.
    pub fn file(&self) -> &Path {
        match &self.origin {
            Origin::Document(doc) => &doc.file.path,
            Origin::Sheet(sheet) => &sheet.path,
        }
    }

    /// A warning where `error_at` would put an error.
    pub fn warning_at(&self, path: &DocPath, message: impl Into<String>) -> Diagnostic {
        let error = self.error_at(path, message);
        Diagnostic { severity: crate::diagnostic::Severity::Warning, ..error }
    }
}

/// The record of a file: YAML, TOML or a workbook.
pub fn read_record(root: &Path, path: &Path, kriteria: &[Kriterium]) -> Result<Record, Diagnostics> {
    if is_text(path) {
        let doc: Loaded<MonevDef> = read_document(root, path).map_err(|e| Diagnostic::error(e.to_string()))??;
        Ok(from_document(root, doc))
    } else {
        Ok(from_sheet(root, read_workbook(path, &display_name(root, path), kriteria)?))
    }
}

/// A record the project loaded from a workbook (`Project::monev_sheets`).
pub fn from_sheet(root: &Path, sheet: SheetMonev) -> Record {
    Record {
        source: sheet.source.clone(),
        stem: stem_of(root, &sheet.path),
        def: sheet.def.clone(),
        origin: Origin::Sheet(Box::new(sheet)),
    }
}

/// A record the project loaded (`Project::monev`).
pub fn from_document(root: &Path, doc: Loaded<MonevDef>) -> Record {
    Record {
        source: doc.file.name.clone(),
        stem: stem_of(root, &doc.file.path),
        def: doc.value.clone(),
        origin: Origin::Document(Box::new(doc)),
    }
}

/// Whether a record is YAML or TOML (else a workbook).
fn is_text(path: &Path) -> bool {
    path.extension().is_some_and(|e| ["yaml", "yml", "toml"].contains(&e.to_string_lossy().to_lowercase().as_str()))
}

/// `monev/2024/persandian.yaml` is `2024-persandian`: flat, so that every
/// document lies beside the library it imports.
fn stem_of(root: &Path, path: &Path) -> String {
    let dir = root.join(crate::load::MONEV_DIR);
    let relative = path.strip_prefix(&dir).unwrap_or_else(|_| Path::new(path.file_name().unwrap_or_default()));
    let without: PathBuf = relative.with_extension("");
    without.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("-")
}

/// The record files of a folder, sorted: YAML, TOML and workbooks.
pub fn records_in(dir: &Path) -> Vec<PathBuf> {
    const EXTENSIONS: [&str; 7] = ["yaml", "yml", "toml", "xlsx", "xlsm", "xls", "ods"];
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with(['.', '~']))
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str())))
        .collect();
    found.sort();
    found
}

/// The digest of what a monev document is made from: its record's file,
/// or for the recap every record file it counts (by their paths under
/// `root` and their bytes). `source` is a file or a folder of records.
pub fn source_digest(root: &Path, source: &Path) -> Option<String> {
    if source.is_dir() { files_digest(root, &records_in(source)) } else { files_digest(root, &[source.to_owned()]) }
}

/// The digest of these files, by their paths under `root` and bytes.
pub fn files_digest(root: &Path, files: &[PathBuf]) -> Option<String> {
    let mut files: Vec<&PathBuf> = files.iter().collect();
    files.sort();
    let mut listed = String::new();
    for file in files {
        let bytes = std::fs::read(file).ok()?;
        let name = file.strip_prefix(root).unwrap_or(file);
        listed.push_str(&format!("{}\0{}\n", name.display(), crate::util::digest::sha256_hex(&bytes)));
    }
    Some(crate::util::digest::sha256_hex(listed.as_bytes()))
}
