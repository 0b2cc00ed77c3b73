//! A Word table as a sheet: its grid (`w:tblGrid`), its cells' text with
//! merged regions (`w:gridSpan` across, `w:vMerge` down), nested tables
//! flattened into their cell's text, and each row's height, so that the
//! shapes anchored in its cells can be placed in (row, column) coordinates.

use std::collections::BTreeMap;

use calamine::Data;

use super::super::drawing::Drawing;
use super::super::drawing::{Geometry, Kind, Node, Point, Shape};
use super::super::limits::{MAX_COLS, MAX_ROWS, MAX_SHAPES};
use super::super::workbook::{Merge, Sheet};
use super::EMU_PER_TWIP;
use super::pages::{self, Flow, Spot};
use super::shapes::{self, Frame, OnPage};
use super::styles::{Format, Styles};

/// Word's default left and right cell margin (0.19 cm), in EMU.
const CELL_MARGIN: f64 = 108.0 * EMU_PER_TWIP;
/// A column the grid leaves without a width: Word's inch.
const DEFAULT_COLUMN: f64 = 1440.0 * EMU_PER_TWIP;
/// An average character of a proportional font is about half its size.
const CHAR_PER_SIZE: f64 = 0.5;
const EMU_PER_PT: f64 = 12_700.0;

/// What placing a table's shapes needs to know of the document.
pub(super) struct Layout<'a> {
    pub(super) styles: &'a Styles<'a>,
}

/// A paragraph as far as the table's geometry goes: its text, its
/// format, and the shapes anchored in it.
struct Paragraph<'a> {
    text: String,
    format: Format,
    /// The tallest shape set in its line (`wp:inline`), in EMU.
    inline: f64,
    graphics: Vec<&'a Node>,
}

impl Paragraph<'_> {
    /// Its height set in `width` EMU: its lines at its format, wrapped at
    /// an average character width (the document's fonts are not read, so
    /// this is an estimate), or the shapes in its line if taller, and the
    /// space around it.
    fn height(&self, width: f64) -> f64 {
        let per_line = ((width / (self.format.size * CHAR_PER_SIZE * EMU_PER_PT)).floor() as usize).max(1);
        let lines: usize = self.text.split('\n').map(|l| l.chars().count().div_ceil(per_line).max(1)).sum();
        (lines as f64 * self.format.line_height()).max(self.inline) + self.format.spacing()
    }
}

/// One cell of the table: where it starts, how far it spans, what it holds.
struct Cell<'a> {
    row: u32,
    col: u32,
    span: u32,
    /// `w:vMerge`: `Some(true)` starts a merge down, `Some(false)` goes on
    /// with the one above.
    merge: Option<bool>,
    /// `w:vAlign`: where its text stands when the row is taller (0 top,
    /// 0.5 centre, 1 bottom); the shapes anchored in it move with it.
    align: f64,
    paragraphs: Vec<Paragraph<'a>>,
}

/// A size as written, or 0 where it is not a finite size at all.
fn size(node: &Node, key: &str) -> f64 {
    node.number(key).filter(|v| v.is_finite() && *v >= 0.0).unwrap_or(0.0)
}

/// A count of columns (`w:val`), at most `MAX_COLS`.
fn count(node: Option<&Node>, default: u32) -> u32 {
    let value = node.and_then(|n| n.number("val")).filter(|v| v.is_finite() && *v >= 0.0);
    value.map_or(default, |v| v.min(f64::from(MAX_COLS)) as u32)
}

/// A table's column widths (`w:tblGrid`), in twips.
fn grid(table: &Node) -> Vec<f64> {
    let columns = table.child("tblGrid").map(|g| children(g, "gridCol")).unwrap_or_default();
    columns.iter().map(|c| size(c, "w")).collect()
}

/// Whether two tables have the same columns (widths within 2%).
pub(super) fn same_grid(a: &Node, b: &Node) -> bool {
    let (a, b) = (grid(a), grid(b));
    a.len() > 1 && a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| (x - y).abs() <= 0.02 * x.max(*y))
}

/// A paragraph without text or shapes.
pub(super) fn is_blank(paragraph: &Node) -> bool {
    text(paragraph).is_empty() && shapes::graphics(paragraph).is_empty()
}

/// What a paragraph or row says (not its shapes), trimmed.
pub(super) fn text(node: &Node) -> String {
    let mut text = String::new();
    runs_text(node, &mut text);
    text.trim().to_owned()
}

/// Whether `next` retypes the top row (the header) of `table`.
pub(super) fn repeats_header(table: &Node, next: &Node) -> bool {
    let top = |t: &Node| children(t, "tr").first().map(|row| text(row)).unwrap_or_default();
    let header = top(table);
    !header.is_empty() && header == top(next)
}

/// The one cell of a table that frames what is inside it (a page drawn as
/// a bordered box): one row, one cell, holding tables.
pub(super) fn frame_cell(table: &Node) -> Option<&Node> {
    let [row] = children(table, "tr")[..] else { return None };
    let [cell] = children(row, "tc")[..] else { return None };
    cell.children.iter().any(|c| c.name == "tbl").then_some(cell)
}

/// The text of each cell of a row, to see a header repeated.
fn row_texts(row: &Node, styles: &Styles, base: Format) -> Vec<String> {
    let cells = children(row, "tc");
    let text = |tc: &Node| paragraphs(tc, styles, base).into_iter().map(|p| p.text).collect::<Vec<_>>().join("\n");
    cells.iter().map(|tc| text(tc)).collect()
}

/// The rows of a table and of the tables that go on with it; a
/// continuation's rows that repeat the first table's top rows (its header)
/// are left out.
fn rows_of<'a>(tables: &[&'a Node], styles: &Styles, base: Format) -> Vec<&'a Node> {
    let Some((first, rest)) = tables.split_first() else { return Vec::new() };
    let mut rows = children(first, "tr");
    let top: Vec<Vec<String>> = rows.iter().take(4).map(|r| row_texts(r, styles, base)).collect();
    for table in rest {
        let more = children(table, "tr");
        let repeated = more.iter().zip(&top).take_while(|(row, top)| row_texts(row, styles, base) == **top).count();
        rows.extend(&more[repeated..]);
    }
    rows
}

/// Reads `run` (a table and those that go on with it, with the paragraphs
/// between them; the paragraphs `above` it as rows on top) into a sheet
/// named `name`, laying it out on the document's pages (`flow`).
pub(super) fn read(
    run: &[&Node],
    above: &[&Node],
    name: &str,
    layout: &Layout,
    flow: &mut Flow,
    notes: &mut Vec<String>,
) -> Sheet {
    let tables: Vec<&Node> = run.iter().copied().filter(|n| n.name == "tbl").collect();
    let mut widths: Vec<f64> = tables.first().map(|t| grid(t)).unwrap_or_default();
    for width in &mut widths {
        *width *= EMU_PER_TWIP;
    }
    let lead = above.len().min(MAX_ROWS as usize) as u32;
    let base = tables.first().map_or(layout.styles.body(), |t| layout.styles.table(t));
    let rows = rows_of(&tables, layout.styles, base);
    if rows.len() as u32 + lead > MAX_ROWS {
        notes.push(crate::tr!("workbook-rows-cut", sheet = name, rows = MAX_ROWS));
    }
    let (cells, fixed) = read_cells(&rows, lead, layout.styles, base, name, notes);
    // A grid narrower than its rows (a hand-made or damaged file) gets
    // columns of Word's default width.
    let used_cols = cells.iter().map(|c| c.col + c.span).max().unwrap_or(1);
    while (widths.len() as u32) < used_cols {
        widths.push(DEFAULT_COLUMN);
    }
    let table_width: f64 = widths.iter().sum();

    let mut sheet = Sheet::new(name);
    for (r, paragraph) in above.iter().take(lead as usize).enumerate() {
        put(&mut sheet, r as u32, 0, paragraphs_of(paragraph, layout.styles, layout.styles.body()).text);
    }
    let spans = merges(&cells);
    let width_of = |cell: &Cell| span_width(&widths, cell);
    let heights = row_heights(above, lead, &cells, &spans, &widths, &fixed, layout.styles, base);
    let line = base.line_height();
    let geometry = Geometry::of_sizes(widths.iter().copied(), heights.iter().copied());
    let starts = |sizes: &[f64], index: u32| -> f64 { sizes[..index as usize].iter().sum() };

    // The sheet's rows (and the paragraphs between its tables) on the
    // pages; a row left out as a repeated header takes the height of the
    // row it repeats.
    let mut spots: Vec<Option<Spot>> = vec![None; heights.len()];
    for (r, paragraph) in above.iter().take(lead as usize).enumerate() {
        spots[r] = Some(flow.paragraph(paragraph, heights[r]));
    }
    let sheet_row: BTreeMap<*const Node, usize> =
        rows.iter().enumerate().map(|(r, tr)| (*tr as *const Node, lead as usize + r)).collect();
    let mut between: Vec<(&Node, Spot)> = Vec::new();
    for item in run {
        if item.name != "tbl" {
            let height = paragraphs_of(item, layout.styles, layout.styles.body()).height(table_width);
            between.push((item, flow.paragraph(item, height)));
            continue;
        }
        let table_rows = children(item, "tr");
        let height_of = |k: usize, tr: &Node| {
            let row = sheet_row.get(&(tr as *const Node)).copied().unwrap_or(lead as usize + k);
            heights.get(row).copied().unwrap_or(line)
        };
        let is_header = |tr: &&&Node| tr.child("trPr").is_some_and(|p| p.child("tblHeader").is_some());
        let repeated: f64 = table_rows.iter().take_while(is_header).enumerate().map(|(k, tr)| height_of(k, tr)).sum();
        for (k, tr) in table_rows.iter().enumerate() {
            let spot = flow.row(height_of(k, tr), repeated);
            if let Some(&row) = sheet_row.get(&(*tr as *const Node)).filter(|&&row| row < spots.len()) {
                spots[row] = Some(spot);
            }
        }
    }
    let tops: Vec<f64> = (0..heights.len() as u32).map(|r| starts(&heights, r)).collect();
    let shifts = pages::shifts(&spots, &tops);
    let on_page = |spot: Option<Spot>| {
        let (page, _) = spot?;
        Some(OnPage { shift: *shifts.get(&page)?, page: flow.page })
    };

    let mut found = shapes::Found::default();
    // Shapes drawn over the table may hang from a paragraph above it: they
    // are placed from the table's left edge (the margin) and that
    // paragraph's top.
    for (r, paragraph) in above.iter().take(lead as usize).enumerate() {
        let frame = Frame {
            x: 0.0,
            y: starts(&heights, r as u32),
            width: table_width,
            height: heights[r],
            paragraph: 0.0,
            page_left: flow.page.left,
            on_page: on_page(spots[r]),
        };
        for graphic in shapes::graphics(paragraph) {
            shapes::read(graphic, &frame, &geometry, &mut found);
        }
    }
    // Shapes anchored between the tables of a run (a title retyped on
    // each page) are placed from the page their paragraph is on.
    for (paragraph, spot) in &between {
        let Some(on_page) = on_page(Some(*spot)) else { continue };
        let frame = Frame {
            x: 0.0,
            y: spot.1 + on_page.shift,
            width: table_width,
            height: 0.0,
            paragraph: 0.0,
            page_left: flow.page.left,
            on_page: Some(on_page),
        };
        for graphic in shapes::graphics(paragraph) {
            shapes::read(graphic, &frame, &geometry, &mut found);
        }
    }
    for cell in &cells {
        if cell.merge == Some(false) && cell.paragraphs.iter().all(|p| p.text.is_empty() && p.graphics.is_empty()) {
            continue;
        }
        let region = spans.get(&(cell.row, cell.col)).copied();
        let bottom = region.map_or(cell.row, |m| m.bottom);
        let text: Vec<&str> = cell.paragraphs.iter().map(|p| p.text.as_str()).filter(|t| !t.is_empty()).collect();
        put(&mut sheet, cell.row, cell.col, text.join("\n"));
        let inner = (width_of(cell) - 2.0 * CELL_MARGIN).max(CELL_MARGIN);
        let height: f64 = heights[cell.row as usize..=bottom as usize].iter().sum();
        let content: f64 = cell.paragraphs.iter().map(|p| p.height(inner)).sum();
        let mut paragraph_top = cell.align * (height - content).max(0.0);
        for paragraph in &cell.paragraphs {
            let frame = Frame {
                x: starts(&widths, cell.col) + CELL_MARGIN,
                y: starts(&heights, cell.row),
                width: inner,
                height,
                paragraph: paragraph_top,
                page_left: flow.page.left,
                on_page: on_page(spots[cell.row as usize]),
            };
            for graphic in &paragraph.graphics {
                shapes::read(graphic, &frame, &geometry, &mut found);
            }
            paragraph_top += paragraph.height(inner);
        }
    }
    sheet.merges = spans.into_values().filter(|m| m.bottom > m.top || m.right > m.left).collect();
    attach_drawing(&mut sheet, found, geometry, name, notes);
    sheet
}

/// The cells of the table's rows (from sheet row `lead` on), merged across
/// where `w:hMerge` says so, and each row's set height (exact or at least).
#[allow(clippy::type_complexity)]
fn read_cells<'a>(
    rows: &[&'a Node],
    lead: u32,
    styles: &Styles,
    base: Format,
    name: &str,
    notes: &mut Vec<String>,
) -> (Vec<Cell<'a>>, BTreeMap<u32, (f64, bool)>) {
    let mut cells: Vec<Cell> = Vec::new();
    let mut fixed: BTreeMap<u32, (f64, bool)> = BTreeMap::new();
    let mut cut_cols = 0;
    for (r, tr) in rows.iter().enumerate().take((MAX_ROWS - lead) as usize) {
        let row = lead + r as u32;
        let properties = tr.child("trPr");
        let mut col = count(properties.and_then(|p| p.child("gridBefore")), 0);
        if let Some(height) = properties.and_then(|p| p.child("trHeight")) {
            let exact = height.attr("hRule") == Some("exact");
            fixed.insert(row, (size(height, "val") * EMU_PER_TWIP, exact));
        }
        for tc in children(tr, "tc") {
            let properties = tc.child("tcPr");
            let span = count(properties.and_then(|p| p.child("gridSpan")), 1).max(1);
            let merge = properties.and_then(|p| p.child("vMerge")).map(|m| m.attr("val") == Some("restart"));
            if col + span > MAX_COLS {
                cut_cols += 1;
                break;
            }
            // Documents converted from .doc may merge across with
            // `w:hMerge`: a cell that goes on widens the one before it (what
            // it holds, if anything, is taken as that one's).
            let goes_on = properties.and_then(|p| p.child("hMerge")).is_some_and(|m| m.attr("val") != Some("restart"));
            if let Some(before) = cells.last_mut().filter(|c| goes_on && c.row == row) {
                before.span += span;
                before.paragraphs.extend(paragraphs(tc, styles, base));
                col += span;
                continue;
            }
            let align = match properties.and_then(|p| p.child("vAlign")).and_then(|a| a.attr("val")) {
                Some("center") => 0.5,
                Some("bottom") => 1.0,
                _ => 0.0,
            };
            cells.push(Cell { row, col, span, merge, align, paragraphs: paragraphs(tc, styles, base) });
            col += span;
        }
    }
    if cut_cols > 0 {
        notes.push(crate::tr!("workbook-cols-cut", sheet = name, count = cut_cols, cols = MAX_COLS));
    }
    (cells, fixed)
}

/// Each row's height: its set height, else the tallest of its own cells'
/// text (a cell merged down spreads over its rows and is left out); a
/// paragraph above the table spans the table's width.
#[allow(clippy::too_many_arguments)]
fn row_heights(
    above: &[&Node],
    lead: u32,
    cells: &[Cell],
    spans: &BTreeMap<(u32, u32), Merge>,
    widths: &[f64],
    fixed: &BTreeMap<u32, (f64, bool)>,
    styles: &Styles,
    base: Format,
) -> Vec<f64> {
    let table_width: f64 = widths.iter().sum();
    let width_of = |cell: &Cell| span_width(widths, cell);
    let row_count = cells.iter().map(|c| c.row + 1).max().unwrap_or(lead).max(lead).max(1);
    let mut heights = vec![0.0_f64; row_count as usize];
    for (r, paragraph) in above.iter().take(lead as usize).enumerate() {
        heights[r] = paragraphs_of(paragraph, styles, styles.body()).height(table_width);
    }
    for cell in cells {
        let single = spans.get(&(cell.row, cell.col)).is_none_or(|m| m.bottom == m.top);
        if single && cell.merge != Some(false) {
            let inner = (width_of(cell) - 2.0 * CELL_MARGIN).max(CELL_MARGIN);
            let text: f64 = cell.paragraphs.iter().map(|p| p.height(inner)).sum();
            heights[cell.row as usize] = heights[cell.row as usize].max(text);
        }
    }
    let line = base.line_height();
    for (row, height) in heights.iter_mut().enumerate() {
        *height = match fixed.get(&(row as u32)) {
            Some(&(set, true)) => set,
            Some(&(set, false)) => set.max(*height),
            None => height.max(line),
        };
    }
    heights
}

/// The shapes found as the sheet's drawing, but a picture spread over
/// several rows and columns: a flowchart pasted as an image (or a scan),
/// not one symbol (a logo stays in its cell), said so and left out.
fn attach_drawing(sheet: &mut Sheet, found: shapes::Found, geometry: Geometry, name: &str, notes: &mut Vec<String>) {
    let spread = |s: &Shape| s.kind == Kind::Picture && s.cells.y1 - s.cells.y0 > 1.5 && s.cells.x1 - s.cells.x0 > 1.5;
    let routes: BTreeMap<u32, Vec<Point>> =
        found.routes.into_iter().map(|(index, route)| (found.shapes[index].id, route)).collect();
    let mut found = found.shapes;
    let pictures = found.iter().filter(|s| spread(s)).count();
    if pictures > 0 {
        notes.push(crate::tr!("docx-picture", sheet = name, count = pictures));
        found.retain(|s| !spread(s));
    }
    if found.len() > MAX_SHAPES {
        notes.push(crate::tr!("workbook-many-shapes", sheet = name, count = found.len()));
    } else if !found.is_empty() {
        let mut drawing = Drawing::new(found, "word/document.xml".to_owned(), geometry);
        drawing.routes = routes;
        sheet.drawing = Some(drawing);
    }
}

/// The width of the columns a cell spans.
fn span_width(widths: &[f64], cell: &Cell) -> f64 {
    widths[cell.col as usize..(cell.col + cell.span) as usize].iter().sum()
}

fn put(sheet: &mut Sheet, row: u32, col: u32, text: String) {
    if !text.trim().is_empty() {
        sheet.cells.insert((row, col), Data::String(text));
    }
}

/// The children named `name`, through content controls and custom XML.
fn children<'a>(node: &'a Node, name: &str) -> Vec<&'a Node> {
    let mut out = Vec::new();
    for child in &node.children {
        match child.name.as_str() {
            n if n == name => out.push(child),
            "sdt" | "customXml" => {
                let content = child.child("sdtContent").unwrap_or(child);
                out.extend(children(content, name));
            }
            _ => {}
        }
    }
    out
}

/// Each region a cell covers, by its top-left corner: its grid span, and
/// the rows a `w:vMerge` continues it over.
fn merges(cells: &[Cell]) -> BTreeMap<(u32, u32), Merge> {
    let mut regions: BTreeMap<(u32, u32), Merge> = BTreeMap::new();
    // The region each column's open vertical merge belongs to.
    let mut open: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
    for cell in cells {
        let own = Merge { top: cell.row, left: cell.col, bottom: cell.row, right: cell.col + cell.span - 1 };
        match cell.merge {
            Some(false) => match open.get(&cell.col).and_then(|key| regions.get_mut(key)) {
                Some(region) => region.bottom = cell.row,
                None => {
                    regions.insert((cell.row, cell.col), own);
                }
            },
            Some(true) => {
                regions.insert((cell.row, cell.col), own);
                open.insert(cell.col, (cell.row, cell.col));
            }
            None => {
                regions.insert((cell.row, cell.col), own);
                open.remove(&cell.col);
            }
        }
    }
    regions
}

/// A cell's paragraphs; a table nested in it is flattened: each of its
/// rows one paragraph, its cells' texts joined by a space.
fn paragraphs<'a>(cell: &'a Node, styles: &Styles, base: Format) -> Vec<Paragraph<'a>> {
    let mut out = Vec::new();
    for block in &cell.children {
        match block.name.as_str() {
            "p" => out.push(paragraphs_of(block, styles, base)),
            "tbl" => {
                for row in children(block, "tr") {
                    let mut merged: Option<Paragraph> = None;
                    for inner in children(row, "tc").into_iter().flat_map(|tc| paragraphs(tc, styles, base)) {
                        match &mut merged {
                            Some(p) => {
                                if !inner.text.is_empty() {
                                    p.text = [p.text.as_str(), inner.text.as_str()].join(" ").trim().to_owned();
                                }
                                p.graphics.extend(inner.graphics);
                            }
                            None => merged = Some(inner),
                        }
                    }
                    out.extend(merged);
                }
            }
            "sdt" | "customXml" => {
                let content = block.child("sdtContent").unwrap_or(block);
                out.extend(paragraphs(content, styles, base));
            }
            _ => {}
        }
    }
    out
}

/// A paragraph with its text, size, spacing and shapes.
fn paragraphs_of<'a>(p: &'a Node, styles: &Styles, base: Format) -> Paragraph<'a> {
    let mut text = String::new();
    runs_text(p, &mut text);
    let graphics = shapes::graphics(p);
    let inline: f64 = graphics
        .iter()
        .flat_map(|g| g.descendants("inline"))
        .filter_map(|i| i.child("extent").and_then(|e| e.number("cy")))
        .fold(0.0, f64::max);
    Paragraph { text: text.trim().to_owned(), format: styles.paragraph(base, p), inline, graphics }
}

/// The text of a paragraph's runs in order: line breaks kept, tabs as
/// spaces, symbols of a symbol font (a tick marking an actor) as what they
/// show; what shapes and text boxes say is theirs, not the cell's; text
/// deleted or moved away in tracked changes is not there.
fn runs_text(node: &Node, out: &mut String) {
    for child in &node.children {
        match child.name.as_str() {
            "t" => out.push_str(&child.text),
            "tab" => out.push(' '),
            "br" | "cr" => out.push('\n'),
            "noBreakHyphen" => out.push('-'),
            "sym" => out.extend(symbol(child.attr("font").unwrap_or_default(), child.attr("char").unwrap_or_default())),
            "drawing" | "pict" | "AlternateContent" | "object" | "pPr" | "rPr" | "txbxContent" | "del" | "moveFrom" => {
            }
            _ => runs_text(child, out),
        }
    }
}

/// The character a `w:sym` shows: the marks of Wingdings and Symbol that
/// SOP tables use, else the character as coded (a mark all the same).
fn symbol(font: &str, code: &str) -> Option<char> {
    let code = u32::from_str_radix(code, 16).ok()?;
    // Symbol fonts are coded in the private range from F000.
    let byte = if (0xF000..=0xF0FF).contains(&code) { code - 0xF000 } else { code };
    let font = font.to_lowercase();
    let known = match byte {
        0xFC if font.starts_with("wingdings") => Some('✓'),
        0xFB if font.starts_with("wingdings") => Some('✗'),
        0x6C if font.starts_with("wingdings") => Some('●'),
        0x75 if font.starts_with("wingdings") => Some('◆'),
        0xD6 if font == "symbol" => Some('√'),
        0xE0 if font == "symbol" => Some('◊'),
        _ => None,
    };
    known.or_else(|| char::from_u32(code))
}

#[cfg(test)]
mod tests {
    use super::super::super::drawing::parse;
    use super::*;

    /// Word's default page.
    fn a4() -> Flow {
        Flow::new(pages::Page::of(&Node::default()))
    }

    fn sheet_of(xml: &str) -> Sheet {
        let none = Node::default();
        let styles = Styles::of(&none);
        let layout = Layout { styles: &styles };
        let body = format!(r#"<w:document xmlns:w="w"><w:body>{xml}</w:body></w:document>"#);
        let document = parse(&body).unwrap();
        let table = document.descendants("tbl").next().unwrap();
        read(&[table], &[], "T", &layout, &mut a4(), &mut Vec::new())
    }

    #[test]
    fn spans_and_vertical_merges_become_merged_regions() {
        let sheet = sheet_of(
            r#"<w:tbl><w:tblGrid><w:gridCol w:w="500"/><w:gridCol w:w="3000"/><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid>
            <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>No</w:t></w:r></w:p></w:tc>
              <w:tc><w:p><w:r><w:t>Kegiatan</w:t></w:r></w:p></w:tc>
              <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Pelaksana</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>Satu</w:t><w:br/><w:t>dua</w:t></w:r></w:p>
              <w:p><w:r><w:t>tiga</w:t></w:r></w:p></w:tc>
              <w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>1.</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Staf</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc>
              <w:tc><w:p><w:r><w:t>Kabid</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Lebar</w:t></w:r></w:p></w:tc>
              <w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>Akhir</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        );
        assert_eq!(sheet.text(0, 0), "No");
        assert_eq!(sheet.span(1, 0), Merge { top: 0, left: 0, bottom: 1, right: 0 });
        assert_eq!(sheet.span(0, 3), Merge { top: 0, left: 2, bottom: 0, right: 3 });
        assert_eq!(sheet.lines(1, 1), "Satu\ndua\ntiga");
        assert_eq!(sheet.text(1, 2), "1. Staf", "a nested table's row is one line");
        assert_eq!(sheet.text(1, 3), "Kabid");
        // Merged across the old way (`w:hMerge`).
        assert_eq!(sheet.span(2, 2), Merge { top: 2, left: 1, bottom: 2, right: 2 });
        assert_eq!((sheet.text(2, 1), sheet.text(2, 3)), ("Lebar".to_owned(), "Akhir".to_owned()));
    }

    #[test]
    fn ticks_of_symbol_fonts_are_marks_and_deleted_text_is_gone() {
        let sheet = sheet_of(
            r#"<w:tbl><w:tblGrid><w:gridCol w:w="500"/><w:gridCol w:w="500"/></w:tblGrid>
            <w:tr><w:tc><w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p></w:tc>
              <w:tc><w:p><w:r><w:t>Staf</w:t></w:r><w:del><w:r><w:delText>Kabid</w:delText></w:r></w:del>
              <w:moveFrom><w:r><w:t> lama</w:t></w:r></w:moveFrom></w:p></w:tc></w:tr></w:tbl>"#,
        );
        assert_eq!(sheet.text(0, 0), "✓");
        assert_eq!(sheet.text(0, 1), "Staf");
        assert_eq!(symbol("Symbol", "F0E0"), Some('◊'));
    }

    #[test]
    fn a_continued_table_leaves_its_repeated_header_out() {
        let header = r#"<w:tr><w:tc><w:p><w:r><w:t>No</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Kegiatan</w:t></w:r></w:p></w:tc></w:tr>"#;
        let step = |n: u32| {
            format!(
                r#"<w:tr><w:tc><w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Langkah {n}</w:t></w:r></w:p></w:tc></w:tr>"#
            )
        };
        let table = |rows: String| {
            format!(r#"<w:tbl><w:tblGrid><w:gridCol w:w="500"/><w:gridCol w:w="3000"/></w:tblGrid>{rows}</w:tbl>"#)
        };
        let xml = format!("{}{}", table(format!("{header}{}", step(1))), table(format!("{header}{}", step(2))));
        let document = parse(&format!(r#"<w:document xmlns:w="w"><w:body>{xml}</w:body></w:document>"#)).unwrap();
        let tables: Vec<&Node> = document.descendants("tbl").collect();
        let none = Node::default();
        let styles = Styles::of(&none);
        let layout = Layout { styles: &styles };
        let sheet = read(&tables, &[], "T", &layout, &mut a4(), &mut Vec::new());
        let column: Vec<String> = (0..4).map(|r| sheet.text(r, 1)).collect();
        assert_eq!(column, ["Kegiatan", "Langkah 1", "Langkah 2", ""]);
    }

    #[test]
    fn a_flowchart_pasted_as_a_picture_is_said_so_and_a_logo_is_not() {
        let picture = |cx: u32, cy: u32| {
            format!(
                r#"<w:r><w:drawing><wp:anchor layoutInCell="1"><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>
                </wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
                <wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="1" name="Gambar 1"/><a:graphic><a:graphicData><pic:pic>
                <pic:blipFill/></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"#
            )
        };
        let row = |content: &str| {
            format!(
                r#"<w:tr><w:trPr><w:trHeight w:val="400" w:hRule="exact"/></w:trPr><w:tc><w:p>{content}</w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"#
            )
        };
        let table = |content: &str| {
            let grid =
                r#"<w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid>"#;
            format!(r#"<w:tbl>{grid}{}{}{}</w:tbl>"#, row(content), row(""), row(""))
        };
        let read_with_notes = |xml: &str| {
            let none = Node::default();
            let styles = Styles::of(&none);
            let layout = Layout { styles: &styles };
            let body = format!(
                r#"<w:document xmlns:w="w" xmlns:wp="wp" xmlns:a="a" xmlns:pic="p"><w:body>{xml}</w:body></w:document>"#
            );
            let document = parse(&body).unwrap();
            let mut notes = Vec::new();
            let sheet = read(&[document.descendants("tbl").next().unwrap()], &[], "T", &layout, &mut a4(), &mut notes);
            (sheet.drawing.map_or(0, |d| d.shapes.len()), notes)
        };
        // Three columns and three rows of 400 twips: 1,905,000 by 762,000 EMU.
        let (shapes, notes) = read_with_notes(&table(&picture(1_800_000, 700_000)));
        assert_eq!(shapes, 0);
        assert!(notes[0].contains("1 picture(s) spread over several rows and columns"), "{notes:?}");
        let (shapes, notes) = read_with_notes(&table(&picture(400_000, 700_000)));
        assert_eq!((shapes, notes.len()), (1, 0), "a logo down one column is a picture as any other");
    }

    #[test]
    fn row_heights_are_set_or_estimated_from_the_text() {
        // Word's own defaults: 10 pt, single spacing.
        let format = Styles::of(&Node::default()).body();
        let paragraph = |text: &str| Paragraph { text: text.to_owned(), format, inline: 0.0, graphics: Vec::new() };
        let line = 12.0 * EMU_PER_PT;
        // 100 pt wide: 20 characters of 5 pt a line.
        let width = 100.0 * EMU_PER_PT;
        assert_eq!(paragraph("pendek").height(width), line);
        assert_eq!(paragraph(&"x".repeat(41)).height(width), 3.0 * line);
        assert_eq!(paragraph("satu\ndua").height(width), 2.0 * line);
    }
}
