//! Stage 7, finish: the build cache. A document whose inputs did not change since the last
//! build into the same output folder is taken from that folder instead of
//! being compiled again. Keys are SHA-256 digests of everything a document
//! depends on (definition, sopkit.toml, templates, fonts, images,
//! spreadsheets, sopkit's version, SOURCE_DATE_EPOCH); a reused PDF must
//! still match the digest recorded when it was written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::document::Document;
use super::manifest::ManifestEntry;
use crate::compile::introspect::Bookmark;
use crate::diagnostic::EnvError;
use crate::util::digest::{hex, sha256_hex};
use crate::util::fs::write_if_changed;

/// The cache's folder inside an output folder.
pub const CACHE_DIR: &str = ".sopkit-cache";

/// Accumulates the inputs of one document into a key.
#[derive(Clone)]
pub struct Fingerprint(Sha256);

impl Fingerprint {
    pub fn new() -> Self {
        let mut hasher = Sha256::new();
        hasher.update(concat!("sopkit ", env!("CARGO_PKG_VERSION")).as_bytes());
        Self(hasher)
    }

    /// Adds a labelled input; lengths are hashed too, so parts cannot run
    /// into each other.
    pub fn add(&mut self, label: &str, bytes: &[u8]) -> &mut Self {
        for part in [label.as_bytes(), bytes] {
            self.0.update((part.len() as u64).to_le_bytes());
            self.0.update(part);
        }
        self
    }

    /// Adds a file's bytes (or its absence).
    pub fn add_file(&mut self, label: &str, path: &Path) -> &mut Self {
        match std::fs::read(path) {
            Ok(bytes) => self.add(label, &bytes),
            Err(_) => self.add(label, b"<missing>"),
        }
    }

    pub fn key(&self) -> String {
        hex(&self.0.clone().finalize())
    }
}

impl Default for Fingerprint {
    fn default() -> Self {
        Self::new()
    }
}

/// What is remembered of one output: its manifest entry, the key of the
/// inputs it was built from, and its sections (for the book's outline).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    key: String,
    #[serde(flatten)]
    output: ManifestEntry,
    bookmarks: Vec<Bookmark>,
    /// How many pages are kept as SVG beside the source (for the portal).
    #[serde(default)]
    svg_pages: usize,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    entries: BTreeMap<String, Entry>,
    #[serde(skip)]
    dir: PathBuf,
}

impl Cache {
    /// The cache of an output folder; empty when there is none or it is
    /// unreadable (a cache is never worth failing a build for).
    pub fn load(out_dir: &Path) -> Self {
        let dir = out_dir.join(CACHE_DIR);
        let mut cache: Cache = std::fs::read(dir.join("cache.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        cache.dir = dir;
        cache
    }

    /// The document at `path` if it was built from the same inputs and is
    /// still on disk as it was written (with its pages as SVG, when
    /// `want_svg` and it has them).
    pub fn lookup(&self, out_dir: &Path, path: &str, key: &str, want_svg: bool) -> Option<Document> {
        let entry = self.entries.get(path).filter(|e| e.key == key)?;
        let pdf = std::fs::read(out_dir.join(path)).ok()?;
        if sha256_hex(&pdf) != entry.output.sha256 {
            return None;
        }
        let typst = std::fs::read_to_string(self.dir.join(path).with_extension("typ")).ok()?;
        let book_part_typst = std::fs::read_to_string(self.dir.join(path).with_extension("part.typ")).ok();
        // A sheet built before the portal was asked for has no SVG pages:
        // it is built again.
        let svg = if want_svg && entry.output.kind == super::OutputKind::Sop {
            if entry.svg_pages == 0 {
                return None;
            }
            let page = |n: usize| std::fs::read_to_string(self.dir.join(path).with_extension(format!("{n}.svg"))).ok();
            (1..=entry.svg_pages).map(page).collect::<Option<Vec<String>>>()?
        } else {
            Vec::new()
        };
        Some(Document {
            kind: entry.output.kind,
            source: entry.output.source.clone(),
            path: path.to_owned(),
            id: entry.output.id.clone(),
            nomor: entry.output.nomor.clone(),
            judul: entry.output.judul.clone(),
            pdf,
            pages: entry.output.pages,
            signatures: entry.output.signatures.clone(),
            typst,
            book_part_typst,
            bookmarks: entry.bookmarks.clone(),
            geometry: Vec::new(),
            layout: None,
            key: Some(key.to_owned()),
            svg,
        })
    }

    /// Records the documents just written, with their sources.
    pub fn store(&mut self, documents: &[Document]) -> Result<(), EnvError> {
        for document in documents {
            let Some(key) = &document.key else { continue };
            let base = self.dir.join(&document.path);
            write_if_changed(&base.with_extension("typ"), document.typst.as_bytes())?;
            if let Some(part) = &document.book_part_typst {
                write_if_changed(&base.with_extension("part.typ"), part.as_bytes())?;
            }
            for (n, page) in document.svg.iter().enumerate() {
                write_if_changed(&base.with_extension(format!("{}.svg", n + 1)), page.as_bytes())?;
            }
            // A sheet reused without its SVG pages keeps those of before.
            let svg_pages = match (document.svg.len(), self.entries.get(&document.path)) {
                (0, Some(old)) if old.key == *key => old.svg_pages,
                (n, _) => n,
            };
            self.entries.insert(
                document.path.clone(),
                Entry {
                    key: key.clone(),
                    output: ManifestEntry::of(document),
                    bookmarks: document.bookmarks.clone(),
                    svg_pages,
                },
            );
        }
        let json = serde_json::to_vec_pretty(self).map_err(|e| EnvError(crate::tr!("cache-cannot-write", why = e)))?;
        write_if_changed(&self.dir.join("cache.json"), &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_change_with_any_input() {
        let mut a = Fingerprint::new();
        a.add("definition", b"nama: A");
        let mut b = Fingerprint::new();
        b.add("definition", b"nama: B");
        assert_ne!(a.key(), b.key());
        // Parts cannot be shifted from one label into the next.
        let (mut c, mut d) = (Fingerprint::new(), Fingerprint::new());
        c.add("x", b"ab").add("y", b"c");
        d.add("x", b"a").add("y", b"bc");
        assert_ne!(c.key(), d.key());
        assert_eq!(a.key(), a.clone().key());
    }
}
