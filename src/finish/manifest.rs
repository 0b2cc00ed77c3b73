//! Stage 7, finish: `manifest.json`, every output of a folder with its kind, source, hash,
//! pages and signature boxes, written after the documents themselves.

use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::document::{Document, OutputKind};
use crate::compile::introspect::SignatureBox;
use crate::diagnostic::EnvError;
use crate::model::DocumentAddress;
use crate::util::fs::write_if_changed;

/// One output as the manifest lists it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub kind: OutputKind,
    pub source: String,
    /// The digest of `source` when the document was made (monev forms:
    /// `Document::source_sha256`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_sha256: Option<String>,
    pub path: String,
    /// The verification id its QR code names (kept for life once issued).
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub nomor: String,
    #[serde(default)]
    pub judul: String,
    pub sha256: String,
    pub pages: usize,
    pub signatures: Vec<SignatureBox>,
}

impl ManifestEntry {
    /// The entry of a document about to be written.
    pub fn of(document: &Document) -> Self {
        Self {
            kind: document.kind,
            source: document.source.clone(),
            source_sha256: document.source_sha256.clone(),
            path: document.path.clone(),
            id: document.id.clone(),
            nomor: document.nomor.clone(),
            judul: document.judul.clone(),
            sha256: document.pdf.sha256.clone(),
            pages: document.pages,
            signatures: document.signatures.clone(),
        }
    }
}

impl ManifestEntry {
    /// Where the output lives: its path, verification id and portal pages.
    pub fn address(&self) -> DocumentAddress {
        DocumentAddress::of_output(self.kind, &self.path, &self.nomor, &self.id)
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub outputs: Vec<ManifestEntry>,
}

/// The entries of the folder's manifest, if it has one.
fn earlier_entries(out_dir: &Path) -> Vec<ManifestEntry> {
    std::fs::read(out_dir.join("manifest.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
        .map(|m| m.outputs)
        .unwrap_or_default()
}

/// Removes the outputs the manifest lists that `which` picks (the PDF and
/// its emitted Typst source): only files sopkit wrote itself. Returns their
/// paths.
pub fn remove_outputs(out_dir: &Path, which: impl Fn(&ManifestEntry) -> bool) -> Result<Vec<String>, EnvError> {
    let mut removed = Vec::new();
    for entry in earlier_entries(out_dir).iter().filter(|e| which(e)) {
        let path = out_dir.join(&entry.path);
        if path.is_file() {
            std::fs::remove_file(&path).map_err(|e| EnvError::io("cannot remove", &path, e))?;
            let _ = std::fs::remove_file(path.with_extension("typ"));
            removed.push(entry.path.clone());
        }
    }
    Ok(removed)
}

/// Writes every document (each then stays in its file, not in memory), then
/// the manifest. Typst sources too when `emit_typst`. Hashes are the PDFs' own. Entries of the earlier manifest
/// that `keep` accepts stay listed, unless replaced or their file is gone
/// (`build` and `laporan` share the manifest).
pub fn write_outputs(
    out_dir: &Path,
    documents: &mut [Document],
    emit_typst: bool,
    keep: impl Fn(&ManifestEntry) -> bool,
) -> Result<Manifest, EnvError> {
    let mut outputs: Vec<ManifestEntry> = earlier_entries(out_dir)
        .into_iter()
        .filter(|e| keep(e) && out_dir.join(&e.path).is_file())
        .filter(|e| !documents.iter().any(|d| d.path == e.path))
        .collect();
    // On every core: creating a file is kernel work that grows with the
    // folder, and a batch of reports writes a thousand of them.
    let written: Vec<ManifestEntry> = documents
        .par_iter_mut()
        .map(|document| {
            let path = out_dir.join(&document.path);
            document.pdf.write_to(&path)?;
            // A document kept at its earlier version for a later run has no
            // source at hand: its earlier one stays.
            if emit_typst && !document.typst.is_empty() {
                write_if_changed(&path.with_extension("typ"), document.typst.as_bytes())?;
            }
            Ok(ManifestEntry::of(document))
        })
        .collect::<Result<_, EnvError>>()?;
    outputs.extend(written);
    let manifest = Manifest { outputs };
    let json =
        serde_json::to_string_pretty(&manifest).map_err(|e| EnvError(crate::tr!("manifest-cannot-write", why = e)))?;
    write_if_changed(&out_dir.join("manifest.json"), format!("{json}\n").as_bytes())?;
    Ok(manifest)
}
