//! Stage 7, finish: the output document, one finished PDF with what is known of it (pages,
//! signature boxes, sections), before it is written. Its bytes are in memory
//! only while they are being made: a build of a thousand sheets sets each aside
//! in a file as soon as it is done (`Pdf::set_aside`), and a document taken
//! from the cache stays in its file.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::compile::introspect::{Bookmark, SignatureBox};
use crate::diagnostic::EnvError;
use crate::layout::LayoutStats;
use sha2::{Digest, Sha256};

use crate::util::digest::{hex, sha256_hex};
use crate::util::fs::write_if_changed;

use crate::model::DocumentAddress;
pub use crate::model::OutputKind;

/// A finished document, still in memory.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: OutputKind,
    /// The input it came from, relative to the project.
    pub source: String,
    /// The digest of the input it was made from, when that input is not
    /// the project's definitions a build reads (a monev record): `terbit`
    /// checks the document still follows it.
    pub source_sha256: Option<String>,
    /// Where it goes, relative to the output folder.
    pub path: String,
    /// Its verification id (`DocumentAddress::id`).
    pub id: String,
    /// Its number and title, as its verification page shows them.
    pub nomor: String,
    pub judul: String,
    pub pdf: Pdf,
    pub pages: usize,
    pub signatures: Vec<SignatureBox>,
    /// The generated Typst source, written beside the PDF on request.
    pub typst: String,
    /// The Typst source of the document as a part of the book (the book's
    /// emitted source inlines it), when it is one.
    pub book_part_typst: Option<String>,
    /// Where its sections start, for the book's outline.
    pub bookmarks: Vec<Bookmark>,
    /// Where the flowchart's parts were drawn (`sopkit-geom` metadata), for
    /// tests and tools; not written.
    pub geometry: Vec<serde_json::Value>,
    /// A sheet's layout: its crossings and time (for the benchmark); not
    /// written.
    pub layout: Option<LayoutStats>,
    /// The cache key of its inputs, when it may be cached.
    pub key: Option<String>,
    /// Its pages as SVG files, for the portal (a sheet's, when the portal
    /// is built); not in the manifest.
    pub svg: Vec<SvgPage>,
}

/// One page of a sheet as SVG, in a file of the build cache named by the
/// sheet's key (so that a page of other inputs never takes its place), with
/// what the portal needs without reading it: its size and its fonts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SvgPage {
    pub file: PathBuf,
    pub width: u32,
    pub height: u32,
    /// The font files it names (`svg::fonts_named`).
    pub fonts: Vec<String>,
}

impl SvgPage {
    /// The page `svg`, kept in `file`.
    pub fn of(file: PathBuf, svg: &str) -> Self {
        let (width, height) = crate::compile::svg::view_box(svg).unwrap_or((842, 595));
        let mut fonts: Vec<String> = crate::compile::svg::fonts_named(svg).map(str::to_owned).collect();
        fonts.sort_unstable();
        fonts.dedup();
        Self { file, width, height, fonts }
    }
}

/// A finished PDF: its digest and length, and its bytes, in memory or in a
/// file.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub sha256: String,
    pub len: usize,
    at: Place,
}

#[derive(Debug, Clone)]
enum Place {
    Memory(Vec<u8>),
    File(PathBuf),
}

impl Pdf {
    pub fn new(bytes: Vec<u8>) -> Self {
        Self { sha256: sha256_hex(&bytes), len: bytes.len(), at: Place::Memory(bytes) }
    }

    /// A PDF already in `path`, whose digest and length are known.
    pub fn in_file(path: PathBuf, sha256: String, len: usize) -> Self {
        Self { sha256, len, at: Place::File(path) }
    }

    /// A PDF written by `write` into `file` (or into memory without one),
    /// its digest taken as it is written.
    pub fn write_with<T>(
        file: Option<&Path>,
        write: impl FnOnce(&mut dyn std::io::Write) -> Result<T, String>,
    ) -> Result<(Self, T), String> {
        let Some(path) = file else {
            let mut bytes = Vec::new();
            let made = write(&mut bytes)?;
            return Ok((Self::new(bytes), made));
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        let created = std::fs::File::create(path).map_err(|e| e.to_string())?;
        let mut out = Digesting { inner: std::io::BufWriter::new(created), digest: Sha256::new(), len: 0 };
        let made = write(&mut out)?;
        std::io::Write::flush(&mut out).map_err(|e| e.to_string())?;
        Ok((Self::in_file(path.to_owned(), hex(&out.digest.finalize()), out.len), made))
    }

    /// Its bytes, read from its file when it is in one.
    pub fn bytes(&self) -> Result<Cow<'_, [u8]>, EnvError> {
        match &self.at {
            Place::Memory(bytes) => Ok(Cow::Borrowed(bytes)),
            Place::File(path) => std::fs::read(path).map(Cow::Owned).map_err(|e| EnvError::io("cannot read", path, e)),
        }
    }

    /// The file it is in, if it is in one.
    pub fn file(&self) -> Option<&Path> {
        match &self.at {
            Place::File(path) => Some(path),
            Place::Memory(_) => None,
        }
    }

    /// Moves its bytes out of memory into `path`.
    pub fn set_aside(&mut self, path: &Path) -> Result<(), EnvError> {
        if let Place::Memory(bytes) = &self.at {
            crate::util::fs::write_atomic(path, bytes)?;
            self.at = Place::File(path.to_owned());
        }
        Ok(())
    }

    /// Puts it at `target` (unless the file there holds it already) and
    /// keeps it there: a PDF set aside is moved, not copied.
    pub fn write_to(&mut self, target: &Path) -> Result<(), EnvError> {
        match &self.at {
            Place::File(path) if path == target => return Ok(()),
            Place::File(path) => {
                let same = std::fs::metadata(target).is_ok_and(|m| m.len() == self.len as u64)
                    && std::fs::read(target).is_ok_and(|old| sha256_hex(&old) == self.sha256);
                if same {
                    let _ = std::fs::remove_file(path);
                } else {
                    move_file(path, target)?;
                }
            }
            Place::Memory(bytes) => write_if_changed(target, bytes)?,
        }
        self.at = Place::File(target.to_owned());
        Ok(())
    }
}

/// A writer that takes the digest and length of what passes through it.
struct Digesting<W> {
    inner: W,
    digest: Sha256,
    len: usize,
}

impl<W: std::io::Write> std::io::Write for Digesting<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(bytes)?;
        self.digest.update(&bytes[..n]);
        self.len += n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Renames `from` to `to` (creating its folder), copying when a rename
/// cannot (another file system).
fn move_file(from: &Path, to: &Path) -> Result<(), EnvError> {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(|e| EnvError::io("cannot create", dir, e))?;
    }
    if std::fs::rename(from, to).is_ok() {
        return Ok(());
    }
    let bytes = std::fs::read(from).map_err(|e| EnvError::io("cannot read", from, e))?;
    crate::util::fs::write_atomic(to, &bytes)?;
    let _ = std::fs::remove_file(from);
    Ok(())
}

impl Document {
    /// Where it lives: its path, verification id and portal pages.
    pub fn address(&self) -> DocumentAddress {
        DocumentAddress::of_output(self.kind, &self.path, &self.nomor, &self.id)
    }
}
