//! Monev records: a unit's monitoring and evaluation over one period, read
//! from YAML or TOML (`MonevDef` as written) or from a workbook (`sheet`).
//! Every value keeps where it came from, so that mistakes are reported at
//! the file's line and column or at the sheet's cell.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::spreadsheet::{CellRef, cell_error};
use crate::load::{DocPath, Loaded, display_name, read_document};
use crate::model::{Kriterium, MonevDef};

/// One record, as read.
#[derive(Debug, Clone)]
pub struct Record {
    /// Shown in messages and the manifest.
    pub source: String,
    /// The record's path under `monev/` without its extension (or its file
    /// name's stem when it lies elsewhere): its outputs are named by it.
    pub stem: String,
    pub def: MonevDef,
    pub origin: Origin,
}

/// Where a record's values stand.
#[derive(Debug, Clone)]
pub enum Origin {
    Document(Box<Loaded<MonevDef>>),
    /// A workbook: each value's cell by its path (`monitoring[0].sop`), and
    /// the cell of the table's header for what has no cell of its own.
    Sheet {
        file: String,
        header: CellRef,
        cells: HashMap<String, CellRef>,
    },
}

impl Record {
    /// An error at the value found at `path` (the nearest enclosing value
    /// a workbook has a cell for).
    pub fn error_at(&self, path: &DocPath, message: impl Into<String>) -> Diagnostic {
        match &self.origin {
            Origin::Document(doc) => doc.error_at(path, message),
            Origin::Sheet { file, header, cells } => {
                let wanted = path.to_string();
                // `evaluasi[0].jawaban.x` falls back to `evaluasi[0].jawaban`,
                // then `evaluasi[0]`.
                let mut key = wanted.as_str();
                let cell = loop {
                    if let Some(cell) = cells.get(key) {
                        break cell;
                    }
                    match key.rfind(['.', '[']) {
                        Some(at) => key = &key[..at],
                        None => break header,
                    }
                };
                cell_error(file, cell, message.into())
            }
        }
    }
}

/// The records of a file: one for YAML and TOML, one for a workbook.
pub fn read_record(root: &Path, path: &Path, kriteria: &[Kriterium]) -> Result<Record, Diagnostics> {
    let source = display_name(root, path);
    let stem = stem_of(root, path);
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "yaml" | "yml" | "toml" => {
            let doc: Loaded<MonevDef> = read_document(root, path).map_err(|e| Diagnostic::error(e.to_string()))??;
            Ok(from_document(root, doc))
        }
        _ => {
            let (def, header, cells) = super::sheet::read_workbook(path, &source, kriteria)?;
            let origin = Origin::Sheet { file: source.clone(), header, cells };
            Ok(Record { source, stem, def, origin })
        }
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
pub fn is_text(path: &Path) -> bool {
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
