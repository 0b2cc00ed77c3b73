//! Load: a Word document's SOPs (.docx). Each table becomes a sheet (the
//! identity part and the procedure table are tables; the paragraphs above a
//! table, a title or the letterhead, are rows above it), and the shapes
//! anchored in its cells become the sheet's drawing, placed in the table's
//! fractional (row, column) coordinates; shapes placed from the page are
//! placed on the rows laid out on that page (`pages`). From there the
//! readers shared with workbooks (`locate`, `flowchart::read`,
//! `definition`) take over.

mod pages;
mod shapes;
mod styles;
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
    // A Word document with a password (or a .doc renamed) is an OLE file.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(fail(crate::tr!("docx-locked")));
    }
    let damaged = |why: String| fail(crate::tr!("docx-damaged", why = why));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).map_err(|e| damaged(e.to_string()))?;
    let main = main_part(&mut zip).map_err(damaged)?;
    let document = read_part(&mut zip, &main).map_err(damaged)?.ok_or_else(|| fail(crate::tr!("docx-no-document")))?;
    let styles = read_part(&mut zip, "word/styles.xml").map_err(damaged)?.unwrap_or_default();
    let document = parse(&document).map_err(damaged)?;
    let styles = parse(&styles).unwrap_or_default();
    let styles = styles::Styles::of(&styles);
    let body = document.child("body").ok_or_else(|| fail(crate::tr!("docx-no-document")))?;
    let mut flow = pages::Flow::new(pages::Page::of(body));

    let mut notes = Vec::new();
    let mut sheets = Vec::new();
    let mut above: Vec<&Node> = Vec::new();
    for part in parts(body) {
        match part {
            Part::Tables(tables) => {
                let sheet_name = crate::tr!("docx-table-name", number = sheets.len() + 1);
                let layout = tables::Layout { styles: &styles };
                sheets.push(tables::read(&tables, &above, &sheet_name, &layout, &mut flow, &mut notes));
                above.clear();
            }
            Part::Paragraph(paragraph) => above.push(paragraph),
        }
    }
    // A shape anchored below the last table has no cell to be placed from.
    let outside: usize = above.iter().map(|p| shapes::graphics(p).len()).sum();
    if outside > 0 {
        notes.push(crate::tr!("docx-shapes-outside", count = outside));
    }
    Ok(Workbook { sheets, notes: notes.into_iter().map(|n| Diagnostic::warning(format!("{name}: {n}"))).collect() })
}

/// The document's main part: where the package's relationships say it is
/// (some producers name it other than Word does), else Word's name.
fn main_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<String, String> {
    let relationships = read_part(zip, "_rels/.rels")?.map(|xml| parse(&xml)).transpose()?;
    let target = relationships.as_ref().and_then(|tree| {
        let main =
            tree.descendants("Relationship").find(|r| r.attr("Type").is_some_and(|t| t.ends_with("/officeDocument")));
        main.and_then(|r| r.attr("Target")).map(|t| t.trim_start_matches('/').to_owned())
    });
    Ok(target.unwrap_or_else(|| "word/document.xml".to_owned()))
}

/// A paragraph of the body, or a table with the tables that go on with it.
enum Part<'a> {
    Paragraph(&'a Node),
    Tables(Vec<&'a Node>),
}

/// The body's paragraphs and tables in order. A table that follows another
/// with the same columns goes on with it (with the paragraphs between, for
/// where its rows land on the pages) when nothing but blank paragraphs (a
/// page break) stand between them, or when it retypes the header and what
/// stands between retypes a title above the first: agencies split a long
/// procedure table so.
fn parts(body: &Node) -> Vec<Part<'_>> {
    let mut parts: Vec<Part> = Vec::new();
    for block in blocks(body) {
        if block.name != "tbl" {
            parts.push(Part::Paragraph(block));
            continue;
        }
        let between = parts.iter().rev().take_while(|p| matches!(p, Part::Paragraph(_))).count();
        let before = parts.len() - between;
        if before > 0
            && let Part::Tables(run) = &parts[before - 1]
            && tables::same_grid(run[0], block)
        {
            let titles: Vec<String> = parts[..before - 1]
                .iter()
                .rev()
                .map_while(|p| match p {
                    Part::Paragraph(p) => Some(tables::text(p)),
                    Part::Tables(_) => None,
                })
                .collect();
            let paragraphs =
                || parts[before..].iter().filter_map(|p| if let Part::Paragraph(p) = p { Some(*p) } else { None });
            let blank = paragraphs().all(tables::is_blank);
            let retyped = tables::repeats_header(run[0], block)
                && paragraphs().all(|p| tables::text(p).is_empty() || titles.contains(&tables::text(p)));
            if blank || retyped {
                let between: Vec<&Node> = paragraphs().collect();
                parts.truncate(before);
                if let Some(Part::Tables(run)) = parts.last_mut() {
                    run.extend(between);
                    run.push(block);
                }
                continue;
            }
        }
        parts.push(Part::Tables(vec![block]));
    }
    parts
}

/// The body's paragraphs and tables in order, through content controls
/// and the one-cell table some documents frame a whole page in.
fn blocks(body: &Node) -> Vec<&Node> {
    let mut out = Vec::new();
    for child in &body.children {
        match child.name.as_str() {
            "sdt" => out.extend(child.child("sdtContent").map(blocks).unwrap_or_default()),
            "tbl" => match tables::frame_cell(child) {
                Some(cell) => out.extend(blocks(cell)),
                None => out.push(child),
            },
            "p" => out.push(child),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(xml: &str) -> Vec<String> {
        let document = parse(&format!(r#"<w:document xmlns:w="w"><w:body>{xml}</w:body></w:document>"#)).unwrap();
        let body = document.child("body").unwrap();
        parts(body)
            .iter()
            .map(|part| match part {
                Part::Paragraph(p) => format!("p{}", p.children.len()),
                Part::Tables(run) => format!("tables {}", run.iter().filter(|n| n.name == "tbl").count()),
            })
            .collect()
    }

    #[test]
    fn the_main_part_is_found_by_the_package_relationships() {
        let package = |rels: Option<&str>| {
            let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
            if let Some(rels) = rels {
                zip.start_file("_rels/.rels", zip::write::SimpleFileOptions::default()).unwrap();
                std::io::Write::write_all(&mut zip, rels.as_bytes()).unwrap();
            }
            zip.finish().unwrap().into_inner()
        };
        let main = |bytes: Vec<u8>| main_part(&mut zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap());
        let rels = r#"<Relationships xmlns="r"><Relationship Id="rId2" Type="http://x/relationships/extended-properties"
            Target="docProps/app.xml"/><Relationship Id="rId1" Type="http://x/relationships/officeDocument"
            Target="/word/document2.xml"/></Relationships>"#;
        assert_eq!(main(package(Some(rels))), Ok("word/document2.xml".to_owned()));
        assert_eq!(main(package(None)), Ok("word/document.xml".to_owned()));
    }

    #[test]
    fn a_table_split_by_a_page_break_goes_on_and_a_page_frame_is_looked_through() {
        let grid = |widths: &str| {
            let cols: String = widths.split(',').map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#)).collect();
            format!(r#"<w:tbl><w:tblGrid>{cols}</w:tblGrid><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"#)
        };
        let page_break = r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#;
        let words = r#"<w:p><w:r><w:t>Lampiran</w:t></w:r></w:p>"#;
        let (a, b) = (grid("500,3000,1500"), grid("500,2000,1500"));
        assert_eq!(names(&format!("{a}{page_break}{a}")), ["tables 2"]);
        assert_eq!(names(&format!("{a}{words}{a}")), ["tables 1", "p1", "tables 1"], "words between: two tables");
        assert_eq!(names(&format!("{a}{b}")), ["tables 1", "tables 1"], "other columns: two tables");
        let framed = format!(
            r#"<w:tbl><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc>{words}{a}</w:tc></w:tr></w:tbl>"#
        );
        assert_eq!(names(&framed), ["p1", "tables 1"]);
        // A table per page, the header and the title over it retyped.
        let header = |text: &str| {
            format!(
                r#"<w:tbl><w:tblGrid><w:gridCol w:w="500"/><w:gridCol w:w="3000"/></w:tblGrid><w:tr><w:tc><w:p><w:r>
                <w:t>{text}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#
            )
        };
        let title = |text: &str| format!(r#"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"#);
        let (no, prosedur) = (header("NO"), title("PROSEDUR"));
        assert_eq!(names(&format!("{prosedur}{no}{prosedur}{no}")), ["p1", "tables 2"]);
        assert_eq!(names(&format!("{prosedur}{no}{words}{no}")), ["p1", "tables 1", "p1", "tables 1"], "another title");
        assert_eq!(names(&format!("{prosedur}{no}{prosedur}{}", header("No."))), ["p1", "tables 1", "p1", "tables 1"]);
    }
}
