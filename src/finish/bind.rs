//! Stage 7, finish: binds finished PDFs into one (the SOP book) without
//! compiling them again: pages are taken over as they are, under a new page
//! tree with the book's outline and page labels, written part by part. This is what lets a one-SOP edit rebuild
//! the book in a fraction of a cold build.

use std::collections::BTreeMap;

use std::io::Write;

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat, Writer};
use rayon::prelude::*;

use super::document::Pdf;

/// An outline entry pointing at a 0-based page of the result.
#[derive(Debug, Clone)]
pub struct OutlineItem {
    pub title: String,
    pub page: usize,
    pub children: Vec<OutlineItem>,
}

impl OutlineItem {
    pub fn new(title: &str, page: usize) -> Self {
        Self { title: title.to_owned(), page, children: Vec::new() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelStyle {
    LowerRoman,
    Decimal,
}

/// From 0-based page `start` on, pages are labelled in `style` from `first`.
#[derive(Debug, Clone, Copy)]
pub struct LabelRange {
    pub start: usize,
    pub style: LabelStyle,
    pub first: u32,
}

/// What the book takes over from its first part's catalog.
const CARRIED: [&[u8]; 3] = [b"Metadata", b"OutputIntents", b"Lang"];

/// The inheritable page attributes (PDF 32000-1, 7.7.3.4).
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// One part of a book: a finished PDF, parsed and trimmed to what the book
/// takes over.
pub struct PdfPart(Document);

impl PdfPart {
    /// Reads a finished PDF; `first` is the part whose document-level
    /// metadata the book keeps.
    pub fn read(bytes: &[u8], first: bool) -> Result<Self, String> {
        let mut doc = Document::load_mem(bytes).map_err(|e| crate::tr!("bind-part-unreadable", why = e))?;
        keep_only_what_the_book_takes(&mut doc, first);
        Ok(Self(doc))
    }
}

/// Parts read at once: a few dozen parsed parts in memory, whatever the
/// size of the book.
const PARTS_AT_ONCE: usize = 32;

/// Binds `pieces` of the parts (`first`, then `others`, read a few at a time
/// as the book is written) in order, with `outline` and `labels`, into `out`:
/// each part's objects are written as soon as it is read, so a book of a
/// thousand sheets never holds them all.
pub fn bind(
    first: PdfPart,
    others: &[&Pdf],
    pieces: &[(usize, std::ops::Range<usize>)],
    outline: &[OutlineItem],
    labels: &[LabelRange],
    title: &str,
    out: &mut dyn Write,
) -> Result<(), String> {
    let cannot_write = |e: std::io::Error| crate::tr!("bind-cannot-write", why = e);
    let mut body = Body::start(out).map_err(cannot_write)?;
    // The page tree is object 1, so that every page can name it as it is
    // written; each part's objects are numbered after the previous part's.
    let pages_id: ObjectId = (1, 0);
    let mut next_id = 2;
    let total_pages = pieces.iter().map(|(_, range)| range.len()).sum();
    let mut carried = Carried::default();
    let mut source_pages: Vec<Vec<ObjectId>> = Vec::new();
    let mut write = |part: PdfPart, carried: Option<&mut Carried>, body: &mut Body| -> Result<(), String> {
        let pages = write_part(part.0, &mut next_id, pages_id, carried, total_pages, body).map_err(cannot_write)?;
        source_pages.push(pages);
        Ok(())
    };
    write(first, Some(&mut carried), &mut body)?;
    for chunk in others.chunks(PARTS_AT_ONCE) {
        let parts: Vec<PdfPart> = chunk
            .par_iter()
            .map(|pdf| PdfPart::read(&pdf.bytes().map_err(|e| e.0)?, false))
            .collect::<Result<_, String>>()?;
        for part in parts {
            write(part, None, &mut body)?;
        }
    }

    let kids = pieces
        .iter()
        .map(|(source, range)| {
            let pages = source_pages.get(*source).ok_or("a piece names a missing part")?;
            pages.get(range.clone()).ok_or("a piece names missing pages")
        })
        .collect::<Result<Vec<_>, &str>>()?
        .concat();
    let (rest, trailer) = structure(&kids, pages_id, next_id, outline, labels, carried, title);
    for (id, object) in &rest {
        body.object(*id, object).map_err(cannot_write)?;
    }
    body.finish(&trailer).map_err(cannot_write)
}

/// The book's own objects after its parts' (its page tree of `kids`, its
/// outline, page labels, catalog and Info) and its trailer.
fn structure(
    kids: &[ObjectId],
    pages_id: ObjectId,
    mut next_id: u32,
    outline: &[OutlineItem],
    labels: &[LabelRange],
    carried: Carried,
    title: &str,
) -> (Vec<(ObjectId, Object)>, Dictionary) {
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Count", kids.len() as i64);
    tree.set("Kids", kids.iter().map(|&k| Object::Reference(k)).collect::<Vec<_>>());
    let mut rest: Vec<(ObjectId, Object)> = vec![(pages_id, Object::Dictionary(tree))];

    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", pages_id);
    if !outline.is_empty() {
        let outlines_id = (next_id, 0);
        next_id += 1;
        let (first, last, count) = write_outline(&mut rest, &mut next_id, outline, outlines_id, kids);
        let mut outlines = Dictionary::new();
        outlines.set("Type", Object::Name(b"Outlines".to_vec()));
        outlines.set("First", first);
        outlines.set("Last", last);
        outlines.set("Count", count);
        rest.push((outlines_id, Object::Dictionary(outlines)));
        catalog.set("Outlines", outlines_id);
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    if !labels.is_empty() {
        catalog.set("PageLabels", page_labels(labels));
    }
    for (key, value) in carried.catalog {
        catalog.set(key, value);
    }
    let catalog_id = (next_id, 0);
    next_id += 1;
    rest.push((catalog_id, Object::Dictionary(catalog)));
    let info_id = match carried.info {
        Some(id) => id,
        None => {
            let mut info = Dictionary::new();
            info.set("Title", text_string(title));
            info.set("Producer", text_string(concat!("sopkit ", env!("CARGO_PKG_VERSION"))));
            let id = (next_id, 0);
            next_id += 1;
            rest.push((id, Object::Dictionary(info)));
            id
        }
    };
    let mut trailer = Dictionary::new();
    trailer.set("Size", i64::from(next_id));
    trailer.set("Root", catalog_id);
    trailer.set("Info", info_id);
    if let Some(id) = carried.id {
        trailer.set("ID", id);
    }
    (rest, trailer)
}

/// The catalog's `PageLabels`: each range's style and first number.
fn page_labels(labels: &[LabelRange]) -> Dictionary {
    let mut nums = Vec::new();
    for label in labels {
        let mut entry = Dictionary::new();
        let style: &[u8] = match label.style {
            LabelStyle::LowerRoman => b"r",
            LabelStyle::Decimal => b"D",
        };
        entry.set("S", Object::Name(style.to_vec()));
        entry.set("St", i64::from(label.first));
        nums.push(Object::Integer(label.start as i64));
        nums.push(Object::Dictionary(entry));
    }
    let mut page_labels = Dictionary::new();
    page_labels.set("Nums", nums);
    page_labels
}

/// What the book takes over from its first part (the front matter, compiled
/// with the book's title for this): its catalog's metadata (for PDF/A, its
/// XMP stream and output intent), its Info and its file ID.
#[derive(Default)]
struct Carried {
    catalog: Vec<(&'static [u8], Object)>,
    info: Option<ObjectId>,
    id: Option<Object>,
}

/// Writes one part's objects, numbered from `next_id`, but its catalog and
/// page tree (the book has its own); returns its pages' ids. From the first
/// part, what the book carries over, with the XMP's page count corrected to
/// the book's.
fn write_part(
    mut doc: Document,
    next_id: &mut u32,
    pages_id: ObjectId,
    carried: Option<&mut Carried>,
    total_pages: usize,
    body: &mut Body,
) -> std::io::Result<Vec<ObjectId>> {
    doc.renumber_objects_with(*next_id);
    *next_id = doc.objects.keys().last().map_or(*next_id, |id| id.0 + 1);
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let page_set: std::collections::HashSet<ObjectId> = pages.iter().copied().collect();
    let catalog = doc.trailer.get(b"Root").and_then(Object::as_reference).ok();
    let mut metadata = None;
    if let Some(carried) = carried {
        if let Some(root) = catalog.and_then(|id| doc.get_dictionary(id).ok()) {
            for key in CARRIED {
                if let Ok(value) = root.get(key) {
                    carried.catalog.push((key, value.clone()));
                }
            }
        }
        metadata = carried.catalog.iter().find(|(key, _)| *key == b"Metadata").and_then(|(_, v)| v.as_reference().ok());
        carried.info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
        carried.id = doc.trailer.get(b"ID").ok().cloned();
    }
    for (id, mut object) in std::mem::take(&mut doc.objects) {
        let skipped = Some(id) == catalog
            || matches!(object.type_name(), Ok(name) if name == b"Pages" || name == b"ObjStm" || name == b"XRef");
        if skipped {
            continue;
        }
        if page_set.contains(&id)
            && let Object::Dictionary(dict) = &mut object
        {
            dict.set("Parent", pages_id);
        }
        if Some(id) == metadata {
            set_page_count(&mut object, total_pages);
        }
        body.object(id, &object)?;
    }
    Ok(pages)
}

/// The body of a PDF being written: objects as they come, and where each
/// starts, for the cross-reference table.
struct Body<'a> {
    out: Counting<'a>,
    /// Object number -> (offset, generation).
    offsets: BTreeMap<u32, (u64, u16)>,
}

/// A writer that counts what passes through it.
struct Counting<'a> {
    inner: &'a mut dyn Write,
    written: u64,
}

impl Write for Counting<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(bytes)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<'a> Body<'a> {
    fn start(out: &'a mut dyn Write) -> std::io::Result<Self> {
        let mut out = Counting { inner: out, written: 0 };
        out.write_all(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(Self { out, offsets: BTreeMap::new() })
    }

    /// Writes an indirect object, framed as `Document::save` frames it.
    fn object(&mut self, id: ObjectId, object: &Object) -> std::io::Result<()> {
        let earlier = self.offsets.insert(id.0, (self.out.written, id.1));
        debug_assert!(earlier.is_none(), "object {} written twice", id.0);
        let before = if Writer::need_separator(object) { " " } else { "" };
        write!(self.out, "{} {} obj\n{before}", id.0, id.1)?;
        Writer::write_object(&mut self.out, object)?;
        let after = if Writer::need_end_separator(object) { " " } else { "" };
        write!(self.out, "{after}\nendobj\n")
    }

    /// The cross-reference table (a section per run of numbers), the
    /// trailer and the end.
    fn finish(mut self, trailer: &Dictionary) -> std::io::Result<()> {
        let start = self.out.written;
        let mut table = String::from("xref\n0 1\n0000000000 65535 f \n");
        let ids: Vec<(u32, (u64, u16))> = self.offsets.iter().map(|(&id, &at)| (id, at)).collect();
        for run in ids.chunk_by(|a, b| b.0 == a.0 + 1) {
            table += &format!("{} {}\n", run[0].0, run.len());
            for (_, (offset, generation)) in run {
                table += &format!("{offset:010} {generation:05} n \n");
            }
        }
        self.out.write_all(table.as_bytes())?;
        self.out.write_all(b"trailer\n")?;
        Writer::write_object(&mut self.out, &Object::Dictionary(trailer.clone()))?;
        write!(self.out, "\nstartxref\n{start}\n%%EOF\n")?;
        self.out.flush()
    }
}

/// Drops from a part what the book does not take over (its structure tree,
/// and unless it is the first part, its document-level metadata), and
/// completes its pages with the attributes they inherited from its page
/// tree, which is replaced by the book's.
fn keep_only_what_the_book_takes(doc: &mut Document, first: bool) {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for &page in &pages {
        drop_signature_widgets(doc, page);
        let inherited = inherited_attributes(doc, page);
        if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(page) {
            for (key, value) in inherited {
                if !dict.has(&key) {
                    dict.set(key, value);
                }
            }
        }
    }
    let catalog = doc.trailer.get(b"Root").and_then(Object::as_reference).ok();
    if let Some(Object::Dictionary(root)) = catalog.and_then(|id| doc.objects.get_mut(&id)) {
        let kept: Vec<(Vec<u8>, Object)> = root
            .iter()
            .filter(|(key, _)| key.as_slice() == b"Pages" || (first && CARRIED.contains(&key.as_slice())))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        *root = Dictionary::new();
        for (key, value) in kept {
            root.set(key, value);
        }
    }
    if !first {
        doc.trailer.remove(b"Info");
    }
    doc.prune_objects();
}

/// Corrects the page count in the carried XMP metadata (it was the first
/// part's).
fn set_page_count(metadata: &mut Object, pages: usize) {
    let Object::Stream(stream) = metadata else { return };
    if stream.dict.has(b"Filter") {
        return;
    }
    let Ok(text) = std::str::from_utf8(&stream.content) else { return };
    let (open, close) = ("<xmpTPg:NPages>", "</xmpTPg:NPages>");
    let Some(start) = text.find(open).map(|i| i + open.len()) else { return };
    let Some(end) = text[start..].find(close).map(|i| i + start) else { return };
    let updated = format!("{}{pages}{}", &text[..start], &text[end..]);
    stream.set_content(updated.into_bytes());
}

/// Removes a part's signature fields: they belonged to the part's own
/// form, which is not carried over (the book gets fields of its own).
fn drop_signature_widgets(doc: &mut Document, page: ObjectId) {
    let is_signature = |doc: &Document, object: &Object| {
        object
            .as_reference()
            .ok()
            .and_then(|id| doc.get_dictionary(id).ok())
            .is_some_and(|d| d.get(b"FT").ok().and_then(|ft| ft.as_name().ok()) == Some(b"Sig".as_slice()))
    };
    let Ok(annots) = doc.get_dictionary(page).and_then(|d| d.get(b"Annots")).cloned() else { return };
    let list = match &annots {
        Object::Reference(id) => doc.get_object(*id).ok().and_then(|o| o.as_array().ok()).cloned(),
        Object::Array(list) => Some(list.clone()),
        _ => None,
    };
    let Some(list) = list else { return };
    let kept: Vec<Object> = list.iter().filter(|o| !is_signature(doc, o)).cloned().collect();
    if kept.len() != list.len()
        && let Ok(dict) = doc.get_dictionary_mut(page)
    {
        dict.set("Annots", kept);
    }
}

fn inherited_attributes(doc: &Document, page: ObjectId) -> Vec<(Vec<u8>, Object)> {
    let mut found: BTreeMap<Vec<u8>, Object> = BTreeMap::new();
    let mut node = doc.get_dictionary(page).ok().and_then(|d| d.get(b"Parent").and_then(Object::as_reference).ok());
    let mut guard = 0;
    while let Some(id) = node {
        let Ok(dict) = doc.get_dictionary(id) else { break };
        for key in INHERITED {
            if let Ok(value) = dict.get(key) {
                found.entry(key.to_vec()).or_insert_with(|| value.clone());
            }
        }
        node = dict.get(b"Parent").and_then(Object::as_reference).ok();
        guard += 1;
        if guard > 64 {
            break;
        }
    }
    found.into_iter().collect()
}

/// Writes a level of outline items; returns (first, last, count).
fn write_outline(
    out: &mut Vec<(ObjectId, Object)>,
    next_id: &mut u32,
    items: &[OutlineItem],
    parent: ObjectId,
    pages: &[ObjectId],
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = items
        .iter()
        .map(|_| {
            let id = (*next_id, 0);
            *next_id += 1;
            id
        })
        .collect();
    let mut count = items.len() as i64;
    for (i, item) in items.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Title", text_string(&item.title));
        dict.set("Parent", parent);
        if i > 0 {
            dict.set("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            dict.set("Next", ids[i + 1]);
        }
        if let Some(&page) = pages.get(item.page) {
            dict.set("Dest", vec![Object::Reference(page), Object::Name(b"Fit".to_vec())]);
        }
        if !item.children.is_empty() {
            let (first, last, children) = write_outline(out, next_id, &item.children, ids[i], pages);
            dict.set("First", first);
            dict.set("Last", last);
            dict.set("Count", children);
            count += children;
        }
        out.push((ids[i], Object::Dictionary(dict)));
    }
    (ids[0], ids[ids.len() - 1], count)
}

/// A PDF text string: literal when ASCII, else UTF-16BE with a BOM.
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        Object::String(text.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}
