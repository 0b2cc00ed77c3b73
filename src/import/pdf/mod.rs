//! Load: SOP sheets from a PDF (exported from Word or LibreOffice, printed,
//! signed, or sopkit's own), read from the page's vector drawing and text
//! into the same `Workbook` a spreadsheet gives: the table's grid into
//! cells (`table`), the flowchart's outlines and lines into a drawing
//! (`shapes`), a table running over pages, its header repeated, into one
//! sheet. What a page only shows as a picture (a scan) is said.

mod content;
mod shapes;
mod table;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use calamine::Data;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};

use super::drawing::{Drawing, Kind, Rect, Shape};
use super::limits::{MAX_COLS, MAX_ROWS, MAX_SHAPES};
use super::procedure;
use super::workbook::{Merge, Sheet, Workbook};
use crate::diagnostic::Diagnostic;
use shapes::{Frame, Sorted};
use table::{Fragment, Plan};

/// Points to EMU.
const EMU_PER_PT: f64 = 12_700.0;
/// A line's end this close (points) to a symbol is glued to it.
const GLUE: f64 = 4.0;
/// Lines of text this low on a page below the table are its footer (page
/// number, the TTE notice), not the SOP's.
const FOOTER_BAND: f64 = 0.88;

/// Opens a PDF and reads its pages into one sheet.
pub fn open(path: &Path, name: &str) -> Result<Workbook, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(crate::tr!("import-damaged", name = name, why = e.to_string())))?;
    let pdf = Pdf::new(bytes).map_err(|e| {
        Diagnostic::error(match e {
            LoadPdfError::Decryption(_) => crate::tr!("pdf-encrypted", name = name),
            LoadPdfError::Invalid => crate::tr!("import-damaged", name = name, why = "PDF"),
        })
    })?;
    let mut notes = Vec::new();
    let mut pages = Vec::new();
    for (index, page) in pdf.pages().iter().enumerate() {
        let drawn = content::read(page);
        let sorted = shapes::sort(&drawn);
        let pictured = drawn.images.iter().any(|i| i.area() > 0.25 * drawn.width * drawn.height);
        if pictured && drawn.paths.is_empty() {
            notes.push(if drawn.glyphs.is_empty() {
                crate::tr!("pdf-page-scan", page = index + 1)
            } else {
                crate::tr!("pdf-page-picture", page = index + 1)
            });
        }
        let plan = table::plan(&drawn, &sorted);
        // A table whose flowchart was pasted in as a picture: an image
        // over a fifth of the table or more, and no symbol drawn.
        let over_table = |i: &kurbo::Rect| {
            plan.table.is_some_and(|t| {
                let table = kurbo::Rect::new(t.x0, t.y0, t.x1, t.y1);
                i.intersect(table).area() > 0.2 * table.area()
            })
        };
        if sorted.symbols.is_empty() && drawn.images.iter().any(over_table) {
            notes.push(crate::tr!("pdf-page-flowchart-picture", page = index + 1));
        }
        pages.push((drawn.height, sorted, plan));
    }
    let starts: Vec<bool> = pages.iter().map(|(_, _, plan)| starts_an_sop(plan)).collect();
    let sheets = documents(&starts)
        .into_iter()
        .map(|range| {
            let pages = &pages[range.clone()];
            let columns = table::cluster(pages.iter().flat_map(|(_, _, plan)| plan.xs.iter().copied()).collect());
            join(pages, &columns, range, &mut notes)
        })
        .collect();
    Ok(Workbook { sheets, notes: notes.into_iter().map(|n| Diagnostic::warning(format!("{name}: {n}"))).collect() })
}

/// Whether a page holds the label of an SOP's number ("NOMOR SOP", "No.
/// SOP"): the first page of an SOP's identity part.
fn starts_an_sop(plan: &Plan) -> bool {
    let label = |text: &str| {
        let text = crate::util::text::normalise(text);
        text.starts_with("nomorsop") || text.starts_with("nosop")
    };
    plan.regions.iter().any(|region| label(&region.text))
        || plan.loose.iter().any(|line| line.first().is_some_and(|f| label(&f.text)))
}

/// The pages of a PDF per document: an SOP from the page with its number
/// to the page before the next SOP's (a book of SOPs, a decree with its
/// lampiran sheets); pages before the first SOP are one more.
fn documents(starts: &[bool]) -> Vec<Range<usize>> {
    let mut documents: Vec<Range<usize>> = Vec::new();
    for (index, &starts) in starts.iter().enumerate() {
        match documents.last_mut() {
            Some(last) if !starts => last.end = index + 1,
            _ => documents.push(index..index + 1),
        }
    }
    documents
}

/// One page on the shared columns: its rows (top and bottom, points), its
/// cells and merges by row, and which rows are its table's.
#[derive(Default)]
struct Laid {
    rows: Vec<(f64, f64)>,
    cells: BTreeMap<(u32, u32), String>,
    merges: Vec<Merge>,
    table: Range<u32>,
}

/// The index of the boundary nearest `value`.
fn nearest(boundaries: &[f64], value: f64) -> u32 {
    let mut best = 0;
    for (i, b) in boundaries.iter().enumerate() {
        if (b - value).abs() < (boundaries[best] - value).abs() {
            best = i;
        }
    }
    best as u32
}

/// The column a text starting at `x` stands in.
fn column_of(columns: &[f64], x: f64) -> u32 {
    let after = columns.partition_point(|&c| c <= x + 1.0);
    (after.saturating_sub(1) as u32).min(columns.len().saturating_sub(2) as u32)
}

fn lay(plan: &Plan, columns: &[f64], height: f64) -> Laid {
    let ys = table::cluster(plan.ys.clone());
    let mut laid = Laid::default();
    let top = plan.table.map_or(f64::MAX, |t| t.y0);
    let bottom = plan.table.map_or(f64::MIN, |t| t.y1);
    let (above, below): (Vec<&Vec<Fragment>>, Vec<&Vec<Fragment>>) = plan
        .loose
        .iter()
        .filter(|line| {
            let y = line[0].frame.y0;
            (y < top || y > bottom) && !(plan.table.is_some() && y > bottom && y > FOOTER_BAND * height)
        })
        .partition(|line| line[0].frame.y0 < top);
    let put_line = |laid: &mut Laid, line: &Vec<Fragment>| {
        let r = laid.rows.len() as u32;
        let y0 = line.iter().map(|f| f.frame.y0).fold(f64::MAX, f64::min);
        let y1 = line.iter().map(|f| f.frame.y1).fold(f64::MIN, f64::max);
        laid.rows.push((y0, y1));
        for fragment in line {
            let c = column_of(columns, fragment.frame.x0);
            let cell = laid.cells.entry((r, c)).or_default();
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&fragment.text);
        }
    };
    for line in above {
        put_line(&mut laid, line);
    }
    let first = laid.rows.len() as u32;
    if ys.len() >= 2 {
        for w in ys.windows(2) {
            laid.rows.push((w[0], w[1]));
        }
        laid.table = first..laid.rows.len() as u32;
        for region in plan.regions.iter().filter(|r| !r.text.is_empty()) {
            let (r0, r1) = (nearest(&ys, region.frame.y0), nearest(&ys, region.frame.y1));
            let (c0, c1) = (nearest(columns, region.frame.x0), nearest(columns, region.frame.x1));
            if r1 <= r0 || c1 <= c0 {
                continue;
            }
            let (top, left, bottom, right) = (first + r0, c0, first + r1 - 1, c1 - 1);
            laid.cells.insert((top, left), region.text.clone());
            if bottom > top || right > left {
                laid.merges.push(Merge { top, left, bottom, right });
            }
        }
    }
    for line in below {
        put_line(&mut laid, line);
    }
    laid
}

/// The header rows' texts of a page's procedure table, and where its body
/// starts.
fn header_of(laid: &Laid) -> Option<(Vec<String>, u32)> {
    let mut sheet = Sheet::new("");
    sheet.cells = laid.cells.iter().map(|(&k, v)| (k, Data::String(v.clone()))).collect();
    sheet.merges = laid.merges.clone();
    let header = procedure::find_headers(&sheet).into_iter().flatten().next()?;
    let texts = laid.cells.range((header.row, 0)..(header.body, 0)).map(|(_, t)| t.to_lowercase()).collect();
    Some((texts, header.body))
}

/// The pages into one sheet: a page whose table repeats the header of the
/// table before continues it (its header, title and footer left out); the
/// drawing of every page placed on the joined rows.
fn join(pages: &[(f64, Sorted, Plan)], columns: &[f64], range: Range<usize>, notes: &mut Vec<String>) -> Sheet {
    let name = match range.len() {
        1 => crate::tr!("pdf-sheet-page", page = range.start + 1),
        _ => crate::tr!("pdf-sheet-pages", first = range.start + 1, last = range.end),
    };
    let mut sheet = Sheet::new(&name);
    let mut row_starts: Vec<f64> = Vec::new();
    let mut shapes: Vec<Shape> = Vec::new();
    let mut ends = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut offset = 0.0;
    let mut next_row = 0u32;
    for (height, sorted, plan) in pages {
        let laid = lay(plan, columns, *height);
        let found = header_of(&laid);
        let keep: Range<u32> = match (&found, &header) {
            (Some((texts, body)), Some(before)) if texts == before => *body..laid.table.end,
            _ => 0..laid.rows.len() as u32,
        };
        // A page that starts a procedure table after other pages: two
        // empty rows end the list the page before ends with (its title
        // line, "PROSEDUR: ...", is no item of it).
        if found.is_some() && keep.start == 0 && next_row > 0 && next_row + 2 < MAX_ROWS {
            row_starts.extend([offset, offset]);
            next_row += 2;
        }
        if let Some((texts, _)) = found {
            header = Some(texts);
        }
        let mut index_of = BTreeMap::new();
        for r in keep.clone() {
            if next_row >= MAX_ROWS {
                notes.push(crate::tr!("workbook-rows-cut", sheet = name, rows = MAX_ROWS));
                break;
            }
            index_of.insert(r, next_row);
            row_starts.push(offset + laid.rows[r as usize].0);
            next_row += 1;
        }
        for (&(r, c), text) in &laid.cells {
            if let Some(&row) = index_of.get(&r)
                && c < MAX_COLS
            {
                sheet.cells.insert((row, c), Data::String(text.clone()));
            }
        }
        for merge in &laid.merges {
            if let (Some(&top), Some(&bottom)) = (index_of.get(&merge.top), index_of.get(&merge.bottom)) {
                sheet.merges.push(Merge { top, bottom, ..*merge });
            }
        }
        place_drawing(sorted, plan, offset, &mut shapes, &mut ends);
        offset += height;
    }
    row_starts.push(offset);
    if shapes.len() > MAX_SHAPES {
        notes.push(crate::tr!("workbook-many-shapes", sheet = name, count = shapes.len()));
        shapes.clear();
        ends.clear();
    }
    glue(&mut shapes, &ends);
    if shapes.iter().any(|s| s.kind.is_symbol()) && row_starts.len() >= 2 && columns.len() >= 2 {
        let emu = |v: &[f64]| v.iter().map(|x| x * EMU_PER_PT).collect();
        let mut row_emu: Vec<f64> = emu(&row_starts);
        // Rows in order, whatever a page's leftovers.
        for k in 1..row_emu.len() {
            row_emu[k] = row_emu[k].max(row_emu[k - 1]);
        }
        let routes = ends.into_iter().map(|(index, points)| (shapes[index].id, points)).collect();
        let mut drawing = Drawing::on_grid("PDF".into(), shapes, emu(columns), row_emu);
        drawing.routes = routes;
        // What the page prints, never a word it stands for.
        drawing.labels_as_drawn = true;
        sheet.drawing = Some(drawing);
    }
    sheet
}

fn emu_rect(frame: &Frame, offset: f64) -> Rect {
    Rect {
        x0: frame.x0 * EMU_PER_PT,
        y0: (frame.y0 + offset) * EMU_PER_PT,
        x1: frame.x1 * EMU_PER_PT,
        y1: (frame.y1 + offset) * EMU_PER_PT,
    }
}

/// A page's symbols (with their texts), arrows and labels as shapes, at
/// the page's place in the joined sheet.
/// Each line's ends (EMU) go to `ends`, by the line's index.
fn place_drawing(sorted: &Sorted, plan: &Plan, offset: f64, shapes: &mut Vec<Shape>, ends: &mut Vec<LineEnds>) {
    let shape = |id: usize, kind: Kind, text: String, emu: Rect| Shape {
        id: id as u32,
        name: format!("{} {id}", crate::tr!("pdf-shape")),
        kind,
        text,
        emu,
        cells: emu,
        start: None,
        end: None,
        flip_h: false,
        flip_v: false,
    };
    for (symbol, text) in sorted.symbols.iter().zip(&plan.symbol_texts) {
        // A circle holding a letter or number is an on-page connector; one
        // holding "Mulai" is a terminator (as a workbook's ellipse).
        let lettered = (1..=2).contains(&text.trim().chars().count());
        let kind = match symbol.kind {
            Kind::PageConnector if symbol.frame.width() / symbol.frame.height() > 0.8 && !lettered => Kind::Terminator,
            ref kind => kind.clone(),
        };
        shapes.push(shape(shapes.len() + 1, kind, text.clone(), emu_rect(&symbol.frame, offset)));
    }
    for arrow in &sorted.arrows {
        let frame = Frame::of(&arrow.points);
        let mut connector = shape(shapes.len() + 1, Kind::Connector, String::new(), emu_rect(&frame, offset));
        let (start, end) = (arrow.points[0], arrow.points[arrow.points.len() - 1]);
        connector.flip_h = start.0 > end.0;
        connector.flip_v = start.1 > end.1;
        let at = |&(x, y): &(f64, f64)| (x * EMU_PER_PT, (y + offset) * EMU_PER_PT);
        ends.push((shapes.len(), arrow.points.iter().map(at).collect()));
        shapes.push(connector);
    }
    for label in &plan.labels {
        shapes.push(shape(shapes.len() + 1, Kind::Other, label.text.clone(), emu_rect(&label.frame, offset)));
    }
}

/// A line's index among the shapes and its points (EMU), start to end.
type LineEnds = (usize, Vec<(f64, f64)>);

/// Glues each line's ends to the symbol (or connector) they touch, at the
/// side they touch, as a workbook's connectors are glued.
fn glue(shapes: &mut [Shape], ends: &[LineEnds]) {
    let nodes: Vec<(u32, Rect)> =
        shapes.iter().filter(|s| s.kind.is_symbol() || s.kind == Kind::PageConnector).map(|s| (s.id, s.emu)).collect();
    let site = |rect: &Rect, (x, y): (f64, f64)| -> u32 {
        let sides = [(y - rect.y0).abs(), (x - rect.x0).abs(), (y - rect.y1).abs(), (x - rect.x1).abs()];
        (0..4).min_by(|&a, &b| sides[a].total_cmp(&sides[b])).unwrap_or(0) as u32
    };
    let near = |p: (f64, f64)| -> Option<(u32, u32)> {
        nodes
            .iter()
            .map(|(id, r)| {
                let dx = (r.x0 - p.0).max(0.0).max(p.0 - r.x1);
                let dy = (r.y0 - p.1).max(0.0).max(p.1 - r.y1);
                (dx.hypot(dy), *id, site(r, p))
            })
            .filter(|&(d, _, _)| d <= GLUE * EMU_PER_PT)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id, site)| (id, site))
    };
    for (index, points) in ends {
        if let (Some(&start), Some(&end)) = (points.first(), points.last()) {
            shapes[*index].start = near(start);
            shapes[*index].end = near(end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_book_of_sops_is_one_document_per_sop() {
        // A decree's two pages, an SOP of three pages, one of one page.
        let starts = [false, false, true, false, false, true];
        assert_eq!(documents(&starts), vec![0..2, 2..5, 5..6]);
        assert_eq!(documents(&[true, false]), vec![0..2], "one SOP over two pages");
        assert_eq!(documents(&[false]), vec![0..1], "a page without a number is still read");
        assert!(documents(&[]).is_empty());
    }
}
