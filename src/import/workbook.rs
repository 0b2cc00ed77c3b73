//! Load: reads each sheet of a legacy workbook (opened by
//! `load::spreadsheet::Workbook`, which refuses what calamine cannot hold)
//! into a bounded sparse grid with its merged regions and (xlsx) its
//! drawing. Cells past `MAX_ROWS` x `MAX_COLS` are counted and reported but
//! never stored.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Dimensions};

use super::drawing::{self, Drawing};
use super::limits::{MAX_COLS, MAX_ROWS, MAX_SHAPES};
use crate::diagnostic::Diagnostic;
use crate::load::spreadsheet::{self, CellRef, Format};
use crate::util::text::squash;

/// A merged region, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub top: u32,
    pub left: u32,
    pub bottom: u32,
    pub right: u32,
}

impl Merge {
    fn of(d: &Dimensions) -> Self {
        Self { top: d.start.0, left: d.start.1, bottom: d.end.0, right: d.end.1 }
    }

    pub fn contains(&self, row: u32, col: u32) -> bool {
        (self.top..=self.bottom).contains(&row) && (self.left..=self.right).contains(&col)
    }
}

/// One sheet: its non-empty cells, merged regions and flowchart drawing.
#[derive(Debug, Default)]
pub struct Sheet {
    pub name: String,
    pub cells: BTreeMap<(u32, u32), Data>,
    pub merges: Vec<Merge>,
    pub drawing: Option<Drawing>,
}

impl Sheet {
    pub fn new(name: &str) -> Self {
        Self { name: name.to_owned(), ..Self::default() }
    }

    /// The cell's text with runs of white space (line breaks included)
    /// squeezed to one space; "" when empty.
    pub fn text(&self, row: u32, col: u32) -> String {
        self.cells.get(&(row, col)).map(|d| squash(&d.to_string())).unwrap_or_default()
    }

    /// The cell's text with its line breaks kept (for numbered lists).
    pub fn lines(&self, row: u32, col: u32) -> String {
        self.cells.get(&(row, col)).map(|d| d.to_string().trim().to_owned()).unwrap_or_default()
    }

    pub fn data(&self, row: u32, col: u32) -> Option<&Data> {
        self.cells.get(&(row, col))
    }

    /// The merged region a cell belongs to, if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<Merge> {
        self.merges.iter().copied().find(|m| m.contains(row, col))
    }

    /// The region a cell covers: its merge, or the cell alone.
    pub fn span(&self, row: u32, col: u32) -> Merge {
        self.merge_at(row, col).unwrap_or(Merge { top: row, left: col, bottom: row, right: col })
    }

    /// Non-empty cells of one row, left to right.
    pub fn row(&self, row: u32) -> impl Iterator<Item = (u32, String)> + '_ {
        self.cells.range((row, 0)..(row + 1, 0)).map(|(&(_, c), d)| (c, squash(&d.to_string())))
    }

    /// The last row holding a value.
    pub fn last_row(&self) -> Option<u32> {
        self.cells.keys().map(|&(r, _)| r).max()
    }

    pub fn at(&self, row: u32, col: u32) -> CellRef {
        CellRef { sheet: self.name.clone(), row, col }
    }
}

/// A workbook read into memory, with notes about what was left unread.
#[derive(Debug)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
    pub notes: Vec<Diagnostic>,
}

/// Opens `path` (shown as `name`) and reads every worksheet.
pub fn open(path: &Path, name: &str) -> Result<Workbook, Diagnostic> {
    let mut workbook = spreadsheet::Workbook::open(path, name)?;
    let mut notes = Vec::new();
    let drawings = match workbook.format {
        Format::Xlsx => drawing::read_package(workbook.bytes(), MAX_ROWS, MAX_COLS).unwrap_or_else(|e| {
            notes.push(crate::tr!("workbook-drawings", why = e));
            BTreeMap::new()
        }),
        // Only an .xlsx draws its flowchart in DrawingML.
        Format::Xls | Format::Ods => BTreeMap::new(),
    };
    let mut sheets = Vec::new();
    for sheet_name in workbook.sheet_names() {
        // Chart sheets and dialog sheets hold no cells.
        let Some(range) = workbook.range(&sheet_name)? else { continue };
        let mut sheet = read_range(&sheet_name, &range, &mut notes);
        // calamine does not report an ods sheet's merged regions: the
        // readers find spans from the header labels instead.
        let merges = workbook.merges(&sheet_name);
        sheet.merges = merges.iter().map(Merge::of).filter(|m| m.top < MAX_ROWS && m.left < MAX_COLS).collect();
        sheet.drawing = drawings.get(&sheet_name).cloned();
        // Matching arrows to shapes is quadratic: a drawing far larger than
        // any flowchart is left out rather than slowing the import down.
        if let Some(drawing) = &sheet.drawing
            && drawing.shapes.len() > MAX_SHAPES
        {
            notes.push(crate::tr!("workbook-many-shapes", sheet = sheet_name, count = drawing.shapes.len()));
            sheet.drawing = None;
        }
        sheets.push(sheet);
    }
    Ok(Workbook { sheets, notes: notes.into_iter().map(|n| Diagnostic::warning(format!("{name}: {n}"))).collect() })
}

fn read_range(sheet_name: &str, range: &calamine::Range<Data>, notes: &mut Vec<String>) -> Sheet {
    let mut sheet = Sheet::new(sheet_name);
    let mut beyond = Beyond::default();
    for (r, c, value) in range.used_cells() {
        let (top, left) = range.start().unwrap_or((0, 0));
        beyond.keep(&mut sheet, top + r as u32, left + c as u32, value.clone());
    }
    beyond.note(sheet_name, notes);
    sheet
}

/// Counts what lies past the limits.
#[derive(Default)]
struct Beyond {
    rows: bool,
    cols: usize,
}

impl Beyond {
    fn keep(&mut self, sheet: &mut Sheet, row: u32, col: u32, value: Data) {
        if matches!(value, Data::Empty) || value.to_string().trim().is_empty() {
            return;
        }
        if row >= MAX_ROWS {
            self.rows = true;
        } else if col >= MAX_COLS {
            self.cols += 1;
        } else {
            sheet.cells.insert((row, col), value);
        }
    }

    fn note(&self, sheet: &str, notes: &mut Vec<String>) {
        if self.rows {
            notes.push(crate::tr!("workbook-rows-cut", sheet = sheet, rows = MAX_ROWS));
        }
        if self.cols > 0 {
            notes.push(crate::tr!("workbook-cols-cut", sheet = sheet, count = self.cols, cols = MAX_COLS));
        }
    }
}
