//! Stage 7, finish: `manifest.json`, every output of a folder with its kind, source, hash,
//! pages and signature boxes, written after the documents themselves.

use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::document::{Document, OutputKind};
use crate::compile::introspect::SignatureBox;
use crate::diagnostic::EnvError;
use crate::util::digest::sha256_hex;
use crate::util::fs::write_if_changed;

/// One output as the manifest lists it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub kind: OutputKind,
    pub source: String,
    pub path: String,
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
            path: document.path.clone(),
            sha256: sha256_hex(&document.pdf),
            pages: document.pages,
            signatures: document.signatures.clone(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub outputs: Vec<ManifestEntry>,
}

/// Writes every document, then the manifest. Typst sources too when
/// `emit_typst`. Hashes are the PDFs' own. Entries of the earlier manifest
/// whose kind `keep` accepts stay listed, unless replaced or their file is
/// gone (`build` and `laporan` share the manifest).
pub fn write_outputs(
    out_dir: &Path,
    documents: &[Document],
    emit_typst: bool,
    keep: impl Fn(OutputKind) -> bool,
) -> Result<Manifest, EnvError> {
    let earlier: Vec<ManifestEntry> = std::fs::read(out_dir.join("manifest.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
        .map(|m| m.outputs)
        .unwrap_or_default();
    let mut outputs: Vec<ManifestEntry> = earlier
        .into_iter()
        .filter(|e| keep(e.kind) && out_dir.join(&e.path).is_file())
        .filter(|e| !documents.iter().any(|d| d.path == e.path))
        .collect();
    // On every core: creating a file is kernel work that grows with the
    // folder, and a batch of reports writes a thousand of them.
    let written: Vec<ManifestEntry> = documents
        .par_iter()
        .map(|document| {
            let path = out_dir.join(&document.path);
            write_if_changed(&path, &document.pdf)?;
            if emit_typst {
                write_if_changed(&path.with_extension("typ"), document.typst.as_bytes())?;
            }
            Ok(ManifestEntry::of(document))
        })
        .collect::<Result<_, EnvError>>()?;
    outputs.extend(written);
    let manifest = Manifest { outputs };
    let json = serde_json::to_string_pretty(&manifest).map_err(|e| EnvError(format!("cannot write manifest: {e}")))?;
    write_if_changed(&out_dir.join("manifest.json"), format!("{json}\n").as_bytes())?;
    Ok(manifest)
}
