//! Load: a Word document's SOPs (.docx). Each table becomes a sheet (the
//! identity part and the procedure table are tables; the paragraphs above a
//! table, a title or the letterhead, are rows above it), and the shapes
//! anchored in its cells become the sheet's drawing, placed in the table's
//! fractional (row, column) coordinates. From there the readers shared
//! with workbooks (`locate`, `flowchart::read`, `definition`) take over.

mod shapes;
mod tables;

use std::io::{Cursor, Read};
use std::path::Path;

use super::drawing::{Node, parse, read_part};
use super::workbook::Workbook;
use crate::diagnostic::Diagnostic;
use crate::load::limits::MAX_FILE_BYTES;

/// Twentieths of a point, Word's unit for widths and heights: 635 EMU each.
const EMU_PER_TWIP: f64 = 635.0;

/// Opens a .docx (`path`, shown as `name`) and reads every table with its
/// shapes.
pub fn open(path: &Path, name: &str) -> Result<Workbook, Diagnostic> {
    let fail = |message: String| Diagnostic::error(format!("{name}: {message}"));
    let size = std::fs::metadata(path).map_err(|e| fail(crate::tr!("workbook-unreadable", why = e)))?.len();
    if size > MAX_FILE_BYTES {
        let megabytes = |bytes: u64| bytes / (1024 * 1024);
        return Err(fail(crate::tr!("docx-too-big", size = megabytes(size), most = megabytes(MAX_FILE_BYTES))));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES).read_to_end(&mut bytes))
        .map_err(|e| fail(crate::tr!("workbook-unreadable", why = e)))?;
    let damaged = |why: String| fail(crate::tr!("docx-damaged", why = why));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).map_err(|e| damaged(e.to_string()))?;
    let document = read_part(&mut zip, "word/document.xml")
        .map_err(damaged)?
        .ok_or_else(|| fail(crate::tr!("docx-no-document")))?;
    let styles = read_part(&mut zip, "word/styles.xml").map_err(damaged)?.unwrap_or_default();
    let document = parse(&document).map_err(damaged)?;
    let text = tables::TextStyle::of(&parse(&styles).unwrap_or_default());
    let body = document.child("body").ok_or_else(|| fail(crate::tr!("docx-no-document")))?;
    let page_left = body
        .descendants("pgMar")
        .next()
        .and_then(|m| m.number("left"))
        .map_or(tables::DEFAULT_PAGE_MARGIN, |twips| twips * EMU_PER_TWIP);

    let mut notes = Vec::new();
    let mut sheets = Vec::new();
    let mut above: Vec<&Node> = Vec::new();
    let mut outside = 0;
    for block in blocks(body) {
        match block.name.as_str() {
            "tbl" => {
                let sheet_name = crate::tr!("docx-table-name", number = sheets.len() + 1);
                let layout = tables::Layout { text: &text, page_left };
                sheets.push(tables::read(block, &above, &sheet_name, &layout, &mut notes));
                above.clear();
            }
            "p" => {
                outside += shapes::graphics(block).len();
                above.push(block);
            }
            _ => {}
        }
    }
    // A shape anchored outside every table has no cell to be placed from.
    if outside > 0 {
        notes.push(crate::tr!("docx-shapes-outside", count = outside));
    }
    Ok(Workbook { sheets, notes: notes.into_iter().map(|n| Diagnostic::warning(format!("{name}: {n}"))).collect() })
}

/// The body's paragraphs and tables in order, through content controls.
fn blocks(body: &Node) -> Vec<&Node> {
    let mut out = Vec::new();
    for child in &body.children {
        match child.name.as_str() {
            "sdt" => out.extend(child.child("sdtContent").map(blocks).unwrap_or_default()),
            "p" | "tbl" => out.push(child),
            _ => {}
        }
    }
    out
}
