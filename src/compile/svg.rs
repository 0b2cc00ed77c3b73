//! Stage 6, compile: a laid-out document's pages as SVG, for the portal.
//! The same `PagedDocument` the PDF is exported from, so the flowchart on
//! screen is the one on paper, not a second drawing.

use typst_layout::PagedDocument;

/// Every page of `document` as a standalone SVG image.
pub fn pages(document: &PagedDocument) -> Vec<String> {
    let options = typst_svg::SvgOptions::default();
    document.pages().iter().map(|page| typst_svg::svg(page, &options)).collect()
}
