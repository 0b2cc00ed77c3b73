//! Where the document's paragraphs and table rows land on its pages, so
//! that a shape placed from the page (or its margins) can be placed on the
//! rows it is drawn over. Page size and margins are read from `w:sectPr`,
//! rows' heights as written (`w:trHeight`); a page breaks where the
//! document says (`w:br w:type="page"`, `w:pageBreakBefore`) and where the
//! next paragraph or row does not fit. What the document does not say is
//! estimated: the height of text (an average character width, see
//! `tables`), and rows never split across pages.

use std::collections::BTreeMap;

use super::super::drawing::Node;
use super::EMU_PER_TWIP;

/// A4's height in twips, Word's default page.
const DEFAULT_PAGE_HEIGHT: f64 = 16_838.0;
const DEFAULT_MARGIN: f64 = 1440.0;

/// The page's size and margins, in EMU.
#[derive(Debug, Clone, Copy)]
pub(super) struct Page {
    pub(super) height: f64,
    pub(super) top: f64,
    pub(super) bottom: f64,
    pub(super) left: f64,
}

impl Page {
    /// The page of the body's section (`w:sectPr`, the last one: a document
    /// with sections of other pages is laid out as its last).
    pub(super) fn of(body: &Node) -> Self {
        let section = body.descendants("sectPr").last();
        let size = section.and_then(|s| s.child("pgSz"));
        let margins = section.and_then(|s| s.child("pgMar"));
        let twips = |node: Option<&Node>, key: &str, default: f64| {
            node.and_then(|n| n.number(key)).filter(|v| v.is_finite() && *v >= 0.0).unwrap_or(default) * EMU_PER_TWIP
        };
        Page {
            height: twips(size, "h", DEFAULT_PAGE_HEIGHT),
            top: twips(margins, "top", DEFAULT_MARGIN),
            bottom: twips(margins, "bottom", DEFAULT_MARGIN),
            left: twips(margins, "left", DEFAULT_MARGIN),
        }
    }
}

/// Where a block stands: its page (from 0) and its top, in EMU from the
/// page's top edge.
pub(super) type Spot = (u32, f64);

/// The document laid out block by block, in order.
pub(super) struct Flow {
    pub(super) page: Page,
    current: u32,
    /// Where the next block goes on the current page.
    y: f64,
}

impl Flow {
    pub(super) fn new(page: Page) -> Self {
        Flow { page, current: 0, y: page.top }
    }

    fn next_page(&mut self) {
        self.current += 1;
        self.y = self.page.top;
    }

    fn at_top(&self) -> bool {
        self.y <= self.page.top
    }

    /// Lays out a paragraph `height` tall; returns where it stands.
    pub(super) fn paragraph(&mut self, paragraph: &Node, height: f64) -> Spot {
        if breaks_before(paragraph) && !self.at_top() {
            self.next_page();
        }
        self.block(height)
    }

    /// Lays out a table row `height` tall: on the next page when it does
    /// not fit, under the rows `repeated` on each page (`w:tblHeader`).
    pub(super) fn row(&mut self, height: f64, repeated: f64) -> Spot {
        if self.y + height > self.page.height - self.page.bottom && !self.at_top() {
            self.next_page();
            self.y += repeated;
        }
        self.block(height)
    }

    fn block(&mut self, height: f64) -> Spot {
        if self.y + height > self.page.height - self.page.bottom && !self.at_top() {
            self.next_page();
        }
        let spot = (self.current, self.y);
        self.y += height;
        spot
    }
}

/// Whether a paragraph starts a page: `w:pageBreakBefore`, or a page break
/// in it (counted before it: LibreOffice writes a paragraph's break-before
/// as a break in its first run, which may be in a text box anchored in it).
fn breaks_before(paragraph: &Node) -> bool {
    let property = paragraph.child("pPr").and_then(|p| p.child("pageBreakBefore"));
    property.is_some_and(|b| !matches!(b.attr("val"), Some("0" | "false" | "off")))
        || paragraph.descendants("br").any(|b| b.attr("type") == Some("page"))
}

/// How far down the sheet each page's top edge stands: a sheet's rows on a
/// page follow one another as on the page, so a point `y` down page `p`
/// is at `y + shift` in the sheet. Taken from the first of the sheet's
/// rows on each page (`spots` and `tops`, row by row).
pub(super) fn shifts(spots: &[Option<Spot>], tops: &[f64]) -> BTreeMap<u32, f64> {
    let mut shifts = BTreeMap::new();
    for (spot, top) in spots.iter().zip(tops) {
        if let Some((page, y)) = spot {
            shifts.entry(*page).or_insert(top - y);
        }
    }
    shifts
}

#[cfg(test)]
mod tests {
    use super::super::super::drawing::parse;
    use super::*;

    #[test]
    fn blocks_go_on_the_next_page_at_a_break_or_when_they_do_not_fit() {
        let body = parse(
            r#"<w:body xmlns:w="w"><w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p><w:pPr><w:pageBreakBefore/></w:pPr></w:p>
            <w:sectPr><w:pgSz w:w="1000" w:h="2000"/><w:pgMar w:top="100" w:bottom="100" w:left="50" w:right="50"/></w:sectPr></w:body>"#,
        )
        .unwrap();
        let page = Page::of(&body);
        assert_eq!((page.height, page.top, page.left), (2000.0 * 635.0, 100.0 * 635.0, 50.0 * 635.0));
        let (plain, broken) = (Node::default(), &body.children[1]);
        let mut flow = Flow::new(page);
        let line = 300.0 * 635.0;
        assert_eq!(flow.paragraph(&plain, line), (0, page.top));
        assert_eq!(flow.paragraph(broken, line), (1, page.top), "a page break starts a page");
        // 1,800 twips a page: six rows of 300, the seventh on the next
        // page under the repeated header.
        let rows: Vec<Spot> = (0..6).map(|_| flow.row(line, 100.0)).collect();
        assert_eq!(rows[4], (1, page.top + 5.0 * line));
        assert_eq!(rows[5], (2, page.top + 100.0));
        let shift = shifts(
            &[Some((1, page.top)), Some((1, page.top + line)), Some((2, page.top + 100.0))],
            &[0.0, line, 2.0 * line],
        );
        assert_eq!(shift[&1], -page.top);
        assert_eq!(shift[&2], 2.0 * line - page.top - 100.0);
    }
}
