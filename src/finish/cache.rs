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

use super::document::{Document, Pdf, SvgPage};
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
/// inputs it was built from, its sections (for the book's outline), its SVG
/// pages, and the length and time of its PDF when written (a PDF that still
/// has them is not read again to check its digest).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    key: String,
    #[serde(flatten)]
    output: ManifestEntry,
    bookmarks: Vec<Bookmark>,
    #[serde(default)]
    svg: Vec<SvgPage>,
    #[serde(default)]
    written: Option<Stamp>,
}

/// A file's length and modification time, to the nanosecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    len: u64,
    seconds: u64,
    nanos: u32,
}

impl Stamp {
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        let since = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(Self { len: meta.len(), seconds: since.as_secs(), nanos: since.subsec_nanos() })
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    entries: BTreeMap<String, Entry>,
    #[serde(skip)]
    dir: PathBuf,
    /// Held while a build uses the cache, so that a second build into the
    /// same folder (`build` while `serve` runs) waits rather than removing
    /// what the first set aside.
    #[serde(skip)]
    _lock: Option<std::fs::File>,
}

/// The cache's own files in its folder, beside the keyed folders.
const CACHE_FILE: &str = "cache.json";
const LOCK_FILE: &str = "lock";

/// The folder, inside the cache, where a build sets its new PDFs aside
/// until it writes them.
const SET_ASIDE_DIR: &str = "baru";

impl Cache {
    /// The cache of an output folder; empty when there is none or it is
    /// unreadable (a cache is never worth failing a build for). PDFs a
    /// build cut short had set aside are removed.
    pub fn load(out_dir: &Path) -> Self {
        let dir = out_dir.join(CACHE_DIR);
        // A folder without a cache yet is left as it is until a document
        // is written (a build that fails writes nothing).
        let lock = dir
            .is_dir()
            .then(|| std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(LOCK_FILE)))
            .and_then(Result::ok)
            .and_then(|file| file.lock().map(|()| file).ok());
        let mut cache: Cache = std::fs::read(dir.join(CACHE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let _ = std::fs::remove_dir_all(dir.join(SET_ASIDE_DIR));
        cache.dir = dir;
        cache._lock = lock;
        cache
    }

    /// Where a new document's PDF waits until the build writes it.
    pub fn set_aside_path(&self, path: &str) -> PathBuf {
        self.dir.join(SET_ASIDE_DIR).join(path)
    }

    /// The file of a document's `suffix` (`typ`, `part.typ`, `1.svg`), named
    /// by its key: what it holds follows from the key alone.
    fn keyed(&self, key: &str, suffix: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.{suffix}"))
    }

    /// Keeps what a new document's PDF does not hold in the cache (its
    /// Typst sources, its SVG pages) and takes them out of memory, unless
    /// `keep_sources` (they are written beside the PDF too).
    pub fn keep_parts(&self, document: &mut Document, svg: Vec<String>, keep_sources: bool) -> Result<(), EnvError> {
        let Some(key) = document.key.clone() else { return Ok(()) };
        // A book made without `--emit-typst` has no whole source: none is
        // kept, so that a later `--emit-typst` makes it again.
        if !document.typst.is_empty() {
            write_if_changed(&self.keyed(&key, "typ"), document.typst.as_bytes())?;
        }
        if let Some(part) = &document.book_part_typst {
            write_if_changed(&self.keyed(&key, "part.typ"), part.as_bytes())?;
        }
        if !keep_sources {
            document.typst = String::new();
            document.book_part_typst = None;
        }
        document.svg = Vec::with_capacity(svg.len());
        for (n, page) in svg.iter().enumerate() {
            let file = self.keyed(&key, &format!("{}.svg", n + 1));
            write_if_changed(&file, page.as_bytes())?;
            document.svg.push(SvgPage::of(file, page));
        }
        Ok(())
    }

    /// The document at `path` if it was built from the same inputs and is
    /// still on disk as it was written (with its pages as SVG, when
    /// `want_svg`; with its Typst sources, when `want_sources`). Its PDF is
    /// left in its file.
    pub fn lookup(
        &self,
        out_dir: &Path,
        path: &str,
        key: &str,
        want_svg: bool,
        want_sources: bool,
    ) -> Option<Document> {
        let entry = self.entries.get(path).filter(|e| e.key == key)?;
        self.document(out_dir, path, entry, want_svg, want_sources)
    }

    /// The document at `path` as the last build wrote it, whatever its
    /// inputs now (without SVG pages or sources).
    pub fn earlier(&self, out_dir: &Path, path: &str) -> Option<Document> {
        let entry = self.entries.get(path)?;
        self.document(out_dir, path, entry, false, false)
    }

    fn document(
        &self,
        out_dir: &Path,
        path: &str,
        entry: &Entry,
        want_svg: bool,
        want_sources: bool,
    ) -> Option<Document> {
        let key = entry.key.as_str();
        let pdf_path = out_dir.join(path);
        let stamp = Stamp::of(&pdf_path)?;
        let unchanged = entry.written == Some(stamp)
            || std::fs::read(&pdf_path).is_ok_and(|pdf| sha256_hex(&pdf) == entry.output.sha256);
        if !unchanged {
            return None;
        }
        let source = |suffix: &str| std::fs::read_to_string(self.keyed(key, suffix)).ok();
        let (typst, book_part_typst) =
            if want_sources { (source("typ")?, source("part.typ")) } else { (String::new(), None) };
        // A sheet built before the portal was asked for has no SVG pages:
        // it is built again.
        let svg = if want_svg && entry.output.kind == super::OutputKind::Sop {
            if entry.svg.is_empty() {
                return None;
            }
            let pages: Vec<SvgPage> =
                entry.svg.iter().map(|page| SvgPage { file: self.dir.join(&page.file), ..page.clone() }).collect();
            if !pages.iter().all(|page| page.file.is_file()) {
                return None;
            }
            pages
        } else {
            Vec::new()
        };
        Some(Document {
            kind: entry.output.kind,
            source: entry.output.source.clone(),
            source_sha256: entry.output.source_sha256.clone(),
            path: path.to_owned(),
            id: entry.output.id.clone(),
            nomor: entry.output.nomor.clone(),
            judul: entry.output.judul.clone(),
            pdf: Pdf::in_file(pdf_path, entry.output.sha256.clone(), stamp.len as usize),
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

    /// Records the documents just written (their PDFs in place), and
    /// removes the files of the cache no entry names any more.
    pub fn store(&mut self, out_dir: &Path, documents: &[Document]) -> Result<(), EnvError> {
        let mut changed = false;
        for document in documents {
            let Some(key) = &document.key else { continue };
            let written = Stamp::of(&out_dir.join(&document.path));
            let old = self.entries.get(&document.path);
            // A sheet reused without its SVG pages keeps those of before.
            let svg = match (document.svg.is_empty(), old) {
                (true, Some(old)) if old.key == *key => old.svg.clone(),
                _ => document.svg.iter().map(|page| self.relative(page)).collect(),
            };
            if old.is_some_and(|old| old.key == *key && old.written == written && old.svg == svg) {
                continue;
            }
            let entry = Entry {
                key: key.clone(),
                output: ManifestEntry::of(document),
                bookmarks: document.bookmarks.clone(),
                svg,
                written,
            };
            self.entries.insert(document.path.clone(), entry);
            changed = true;
        }
        // Outputs gone (a definition removed) are forgotten with their files.
        let before = self.entries.len();
        self.entries.retain(|path, _| out_dir.join(path).is_file());
        changed |= self.entries.len() != before;
        let json = serde_json::to_vec_pretty(self).map_err(|e| EnvError(crate::tr!("cache-cannot-write", why = e)))?;
        write_if_changed(&self.dir.join(CACHE_FILE), &json)?;
        if changed {
            self.remove_unnamed();
        }
        let _ = std::fs::remove_dir_all(self.dir.join(SET_ASIDE_DIR));
        Ok(())
    }

    /// A page's file relative to the cache's folder.
    fn relative(&self, page: &SvgPage) -> SvgPage {
        let file = page.file.strip_prefix(&self.dir).map_or_else(|_| page.file.clone(), Path::to_path_buf);
        SvgPage { file, ..page.clone() }
    }

    /// Removes the keyed files of keys no entry holds any more, and what
    /// an earlier sopkit kept by path rather than by key.
    fn remove_unnamed(&self) {
        let keys: std::collections::HashSet<&str> = self.entries.values().map(|e| e.key.as_str()).collect();
        let Ok(folders) = std::fs::read_dir(&self.dir) else { return };
        for folder in folders.flatten() {
            let name = folder.file_name();
            let own = [CACHE_FILE, LOCK_FILE, SET_ASIDE_DIR].iter().any(|n| name == *n);
            if own {
                continue;
            }
            if name.len() != 2 {
                let path = folder.path();
                let _ = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
                continue;
            }
            for file in std::fs::read_dir(folder.path()).into_iter().flatten().flatten() {
                let name = file.file_name();
                let key = name.to_str().and_then(|n| n.split('.').next()).unwrap_or_default();
                if !keys.contains(key) {
                    let _ = std::fs::remove_file(file.path());
                }
            }
        }
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
