//! Stage 7, finish: the output document, one finished PDF in memory with what is known of
//! it (pages, signature boxes, sections), before it is written.

use crate::compile::introspect::{Bookmark, SignatureBox};
use crate::layout::LayoutStats;

use crate::model::DocumentAddress;
pub use crate::model::OutputKind;

/// A finished document, still in memory.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: OutputKind,
    /// The input it came from, relative to the project.
    pub source: String,
    /// Where it goes, relative to the output folder.
    pub path: String,
    /// Its verification id (`DocumentAddress::id`).
    pub id: String,
    /// Its number and title, as its verification page shows them.
    pub nomor: String,
    pub judul: String,
    pub pdf: Vec<u8>,
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
    /// Its pages as SVG, for the portal (a sheet's, when the portal is
    /// built); not in the manifest.
    pub svg: Vec<String>,
}

impl Document {
    /// Where it lives: its path, verification id and portal pages.
    pub fn address(&self) -> DocumentAddress {
        DocumentAddress::of_output(self.kind, &self.path, &self.nomor, &self.id)
    }
}
