//! Stage 7, finish: the SOP book bound from finished PDFs. Page order: the
//! cover (the front matter's first page), the decree, the rest of the front
//! matter (daftar isi, daftar perubahan), then the sheets grouped by unit.
//! The outline has the decree's sections, the front matter's, and one entry
//! per unit with its sheets; pages are labelled in lower-case roman up to
//! the first sheet and in arabic from 1 after; every part's signature boxes
//! move to their pages in the book.

use std::io::Write;

use super::bind::{LabelRange, LabelStyle, OutlineItem, PdfPart, bind};
use super::document::Document;
use crate::compile::introspect::{Bookmark, SignatureBox};
use crate::render::book::BookSheet;

/// The compiled front matter: its page count (the cover included) and the
/// sections it starts (1-based pages of its own).
pub struct FrontMatter {
    pub pages: usize,
    pub sections: Vec<Bookmark>,
}

/// The bound book's pages and its signature boxes on their pages in it.
pub struct BoundBook {
    pub pages: usize,
    pub signatures: Vec<SignatureBox>,
}

/// Binds the front matter `front_part`, the decree when there is one, then
/// the sheets in `sheets`' order into `out`; `unit_title` names a unit in
/// the outline.
pub fn bind_book(
    front_part: PdfPart,
    front: &FrontMatter,
    decree: Option<&Document>,
    sheets: &[(BookSheet, &Document)],
    unit_title: impl Fn(usize) -> String,
    title: &str,
    out: &mut dyn Write,
) -> Result<BoundBook, String> {
    let decree_pages = decree.map_or(0, |d| d.pages);
    let first_sheet = front.pages + decree_pages;
    // Pieces: (part, its pages), in binding order.
    let mut pieces = vec![(0, 0..1)];
    let mut outline = Vec::new();
    let mut signatures = Vec::new();
    if let Some(decree) = decree {
        pieces.push((1, 0..decree.pages));
        outline.extend(decree.bookmarks.iter().map(|b| OutlineItem::new(&b.title, b.page)));
        signatures.extend(decree.signatures.iter().map(|s| SignatureBox { page: s.page + 1, ..s.clone() }));
    }
    pieces.push((0, 1..front.pages));
    // Front-matter pages after the cover follow the decree's.
    outline.extend(front.sections.iter().map(|b| OutlineItem::new(&b.title, b.page - 1 + decree_pages)));
    let first_sheet_part = pieces.len() - 1;
    let mut unit_items: Vec<OutlineItem> = Vec::new();
    let mut previous_unit = None;
    for (i, (sheet, document)) in sheets.iter().enumerate() {
        let page = first_sheet + sheet.offset;
        pieces.push((first_sheet_part + i, 0..document.pages));
        if previous_unit != Some(sheet.unit) {
            unit_items.push(OutlineItem::new(&unit_title(sheet.unit), page));
            previous_unit = Some(sheet.unit);
        }
        let title = sheet.title.unwrap_or(sheet.path);
        unit_items.last_mut().expect("a unit").children.push(OutlineItem::new(title, page));
        signatures.extend(document.signatures.iter().map(|s| SignatureBox { page: s.page + page, ..s.clone() }));
    }
    outline.extend(unit_items);
    let mut labels = vec![LabelRange { start: 0, style: LabelStyle::LowerRoman, first: 1 }];
    if !sheets.is_empty() {
        labels.push(LabelRange { start: first_sheet, style: LabelStyle::Decimal, first: 1 });
    }
    let others: Vec<&super::Pdf> = decree.into_iter().chain(sheets.iter().map(|(_, d)| *d)).map(|d| &d.pdf).collect();
    bind(front_part, &others, &pieces, &outline, &labels, title, out)?;
    let pages = first_sheet + sheets.last().map_or(0, |(s, d)| s.offset + d.pages);
    Ok(BoundBook { pages, signatures })
}
