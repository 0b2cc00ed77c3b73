//! Stage 6, finish: write the documents and `manifest.json`. Every file is
//! written to a temporary file beside its target and renamed into place, so
//! a reader never sees half a PDF and a failed build never clobbers an
//! earlier output.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub mod assemble;
pub mod sign_fields;

use crate::diagnostic::EnvError;

/// Kind of an output, as the manifest names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputKind {
    Sop,
    Keputusan,
    Buku,
    Laporan,
}

/// A reserved signature box: where a signer's appearance goes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignatureBox {
    pub role: String,
    /// The AcroForm field name when `--sign-fields` made one.
    pub field: Option<String>,
    /// 1-based page.
    pub page: usize,
    /// `[x0, y0, x1, y1]`, PDF points, origin at the page's bottom-left.
    pub rect_pt: [f64; 4],
    /// `[x, y, w, h]`, origin at the page's top-left.
    pub rect_top_left_pt: [f64; 4],
    /// The signer's one-character marker printed in the box, when markers
    /// are on (`[tte] penanda`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

impl SignatureBox {
    /// From a box at (x, y) from the top-left, `w` by `h`, on a page of
    /// height `page_height`.
    pub fn new(role: &str, page: usize, page_height: f64, x: f64, y: f64, w: f64, h: f64) -> Self {
        let round = |v: f64| (v * 100.0).round() / 100.0;
        Self {
            role: role.to_owned(),
            field: None,
            marker: None,
            page,
            rect_pt: [round(x), round(page_height - y - h), round(x + w), round(page_height - y)],
            rect_top_left_pt: [round(x), round(y), round(w), round(h)],
        }
    }
}

/// A finished document, still in memory.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: OutputKind,
    /// The input it came from, relative to the project.
    pub source: String,
    /// Where it goes, relative to the output folder.
    pub path: String,
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub signatures: Vec<SignatureBox>,
    /// The generated Typst source, written beside the PDF on request.
    pub typst: String,
    /// The document as a part of the book (Typst source), when it is one.
    pub part: Option<String>,
    /// Where its sections start, for the book's outline.
    pub bookmarks: Vec<Bookmark>,
    /// Where the flowchart's parts were drawn (`sopkit-geom` metadata), for
    /// tests and tools; not written.
    pub geometry: Vec<serde_json::Value>,
    /// The cache key of its inputs, when it may be cached.
    pub key: Option<String>,
}

/// A section of a document: a title and its 1-based first page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    pub title: String,
    pub page: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub kind: OutputKind,
    pub source: String,
    pub path: String,
    pub sha256: String,
    pub pages: usize,
    pub signatures: Vec<SignatureBox>,
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
            Ok(ManifestEntry {
                kind: document.kind,
                source: document.source.clone(),
                path: document.path.clone(),
                sha256: crate::cache::hex(&Sha256::digest(&document.pdf)),
                pages: document.pages,
                signatures: document.signatures.clone(),
            })
        })
        .collect::<Result<_, EnvError>>()?;
    outputs.extend(written);
    let manifest = Manifest { outputs };
    let json = serde_json::to_string_pretty(&manifest).map_err(|e| EnvError(format!("cannot write manifest: {e}")))?;
    write_if_changed(&out_dir.join("manifest.json"), format!("{json}\n").as_bytes())?;
    Ok(manifest)
}

/// Like [`write_atomic`], but leaves a file that already holds `bytes`
/// alone: a rebuild that changes nothing writes nothing.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), EnvError> {
    let same = std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes);
    if same { Ok(()) } else { write_atomic(path, bytes) }
}

/// Writes `bytes` to `path` through a temporary file and a rename, so that a
/// reader sees the old file or the new one, never half of one. There is no
/// fsync: outputs can always be rebuilt from their sources, and syncing every
/// file made a cold build a fifth slower.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), EnvError> {
    let dir: PathBuf = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::create_dir_all(&dir).map_err(|e| EnvError::io("cannot create", &dir, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".sopkit-");
    // Temporary files are private by default; outputs are ordinary files.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut file = builder.tempfile_in(&dir).map_err(|e| EnvError::io("cannot create a file in", &dir, e))?;
    file.write_all(bytes).map_err(|e| EnvError::io("cannot write", path, e))?;
    file.persist(path).map_err(|e| EnvError::io("cannot write", path, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_rects_agree_in_both_origins() {
        let sig = SignatureBox::new("disahkan_oleh", 1, 609.45, 100.0, 50.0, 34.0, 34.0);
        assert_eq!(sig.rect_top_left_pt, [100.0, 50.0, 34.0, 34.0]);
        assert_eq!(sig.rect_pt, [100.0, 525.45, 134.0, 559.45]);
    }

    #[test]
    fn atomic_writes_replace_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("a")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files are left behind");
    }
}
