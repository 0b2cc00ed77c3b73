//! Stage 7, finish: binds finished PDFs into one (the SOP book) without
//! compiling them again: pages are taken over as they are, under a new page
//! tree with the book's outline and page labels. This is what lets a one-SOP edit rebuild
//! the book in a fraction of a cold build.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use rayon::prelude::*;

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

    /// Reads many parts in parallel (none of them first).
    pub fn read_all(sources: &[&[u8]]) -> Result<Vec<Self>, String> {
        sources.par_iter().map(|bytes| Self::read(bytes, false)).collect()
    }
}

/// Binds `pieces` of `parts` in order, with `outline` and `labels`.
pub fn bind(
    parts: Vec<PdfPart>,
    pieces: &[(usize, std::ops::Range<usize>)],
    outline: &[OutlineItem],
    labels: &[LabelRange],
    title: &str,
) -> Result<Vec<u8>, String> {
    let parsed: Vec<Document> = parts.into_iter().map(|part| part.0).collect();
    // Each part's objects are numbered after the previous part's.
    let mut starts = Vec::with_capacity(parsed.len());
    let mut next_id = 1;
    for doc in &parsed {
        starts.push(next_id);
        next_id += doc.objects.len() as u32;
    }
    let parts: Vec<Document> = parsed
        .into_par_iter()
        .zip(starts)
        .map(|(mut doc, start)| {
            doc.renumber_objects_with(start);
            doc
        })
        .collect();

    let mut out = Document::with_version("1.7");
    // Page object ids of every source, in page order.
    let mut source_pages: Vec<Vec<ObjectId>> = Vec::new();
    // The first part's document-level metadata (its Info, and for PDF/A its
    // XMP stream, output intent and file ID) becomes the book's: the front
    // matter is compiled with the book's title for this.
    let mut carried: Vec<(&[u8], Object)> = Vec::new();
    let mut carried_info = None;
    let mut carried_id = None;
    for doc in parts {
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let catalog = doc.trailer.get(b"Root").and_then(Object::as_reference).ok();
        if source_pages.is_empty() {
            if let Some(root) = catalog.and_then(|id| doc.get_dictionary(id).ok()) {
                for key in CARRIED {
                    if let Ok(value) = root.get(key) {
                        carried.push((key, value.clone()));
                    }
                }
            }
            carried_info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
            carried_id = doc.trailer.get(b"ID").ok().cloned();
        }
        for (id, object) in doc.objects {
            let is_tree_node = matches!(&object, Object::Dictionary(d) if d.has_type(b"Pages"));
            if Some(id) != catalog && !is_tree_node && out.objects.insert(id, object).is_some() {
                return Err(crate::tr!("bind-object-twice", number = id.0));
            }
        }
        source_pages.push(pages);
    }

    let pages_id = (next_id, 0);
    next_id += 1;
    let mut kids = Vec::new();
    for (source, range) in pieces {
        let pages = source_pages.get(*source).ok_or("a piece names a missing part")?;
        for &page in pages.get(range.clone()).ok_or("a piece names missing pages")? {
            if let Some(Object::Dictionary(dict)) = out.objects.get_mut(&page) {
                dict.set("Parent", pages_id);
            }
            kids.push(page);
        }
    }
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Count", kids.len() as i64);
    tree.set("Kids", kids.iter().map(|&k| Object::Reference(k)).collect::<Vec<_>>());
    out.objects.insert(pages_id, Object::Dictionary(tree));

    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", pages_id);
    if !outline.is_empty() {
        let outlines_id = (next_id, 0);
        next_id += 1;
        let (first, last, count) = write_outline(&mut out, &mut next_id, outline, outlines_id, &kids);
        let mut outlines = Dictionary::new();
        outlines.set("Type", Object::Name(b"Outlines".to_vec()));
        outlines.set("First", first);
        outlines.set("Last", last);
        outlines.set("Count", count);
        out.objects.insert(outlines_id, Object::Dictionary(outlines));
        catalog.set("Outlines", outlines_id);
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    if !labels.is_empty() {
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
        catalog.set("PageLabels", page_labels);
    }
    for (key, value) in carried {
        if key == b"Metadata"
            && let Ok(id) = value.as_reference()
        {
            set_page_count(&mut out, id, kids.len());
        }
        catalog.set(key, value);
    }
    let catalog_id = (next_id, 0);
    next_id += 1;
    out.objects.insert(catalog_id, Object::Dictionary(catalog));
    let info_id = match carried_info {
        Some(id) => id,
        None => {
            let mut info = Dictionary::new();
            info.set("Title", text_string(title));
            info.set("Producer", text_string(concat!("sopkit ", env!("CARGO_PKG_VERSION"))));
            let id = (next_id, 0);
            next_id += 1;
            out.objects.insert(id, Object::Dictionary(info));
            id
        }
    };
    out.trailer.set("Root", catalog_id);
    out.trailer.set("Info", info_id);
    if let Some(id) = carried_id {
        out.trailer.set("ID", id);
    }
    out.max_id = next_id;
    let mut bytes = Vec::new();
    out.save_to(&mut bytes).map_err(|e| crate::tr!("bind-cannot-write", why = e))?;
    Ok(bytes)
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
fn set_page_count(out: &mut Document, metadata: ObjectId, pages: usize) {
    let Some(Object::Stream(stream)) = out.objects.get_mut(&metadata) else { return };
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
    out: &mut Document,
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
        out.objects.insert(ids[i], Object::Dictionary(dict));
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
