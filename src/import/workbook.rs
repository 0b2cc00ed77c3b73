//! Load: opens a legacy workbook by what its bytes are, not by what its
//! name says, and reads each sheet into a bounded sparse grid with its merged
//! regions and (xlsx) its drawing. Every limit here exists so that a hostile
//! or broken file ends in a clear error in bounded time and memory: a file
//! over `MAX_FILE_BYTES` is refused, cells past `MAX_ROWS` x `MAX_COLS` are
//! counted and reported but never stored.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Dimensions, Ods, Reader, Xls, XlsError, Xlsx, XlsxError};

use super::drawing::{self, Drawing};
use super::limits::{MAX_COLS, MAX_FILE_BYTES, MAX_ROWS, MAX_SHAPES};
use super::{ods_guard, xls_guard};
use crate::diagnostic::Diagnostic;
use crate::load::spreadsheet::CellRef;
use crate::util::text::squash;

/// What the file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

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
    pub format: Format,
    pub sheets: Vec<Sheet>,
    pub notes: Vec<Diagnostic>,
}

/// Opens `path` (shown as `name`) and reads every worksheet.
pub fn open(path: &Path, name: &str) -> Result<Workbook, Diagnostic> {
    let fail = |message: String| Diagnostic::error(format!("{name}: {message}"));
    let size = std::fs::metadata(path).map_err(|e| fail(crate::tr!("workbook-unreadable", why = e)))?.len();
    if size > MAX_FILE_BYTES {
        return Err(fail(format!(
            "the file is {} MB; an SOP workbook is far smaller (limit {} MB)",
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| fail(crate::tr!("workbook-unreadable", why = e)))?;
    let format = sniff(&bytes).map_err(fail)?;
    let mut notes = Vec::new();
    let sheets = match format {
        Format::Xlsx => read_xlsx(bytes, &mut notes),
        Format::Xls => read_xls(bytes, &mut notes),
        Format::Ods => read_ods(bytes, &mut notes),
    }
    .map_err(fail)?;
    Ok(Workbook {
        format,
        sheets,
        notes: notes.into_iter().map(|n| Diagnostic::warning(format!("{name}: {n}"))).collect(),
    })
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Tells the format from the bytes, or says what the file is instead.
fn sniff(bytes: &[u8]) -> Result<Format, String> {
    if bytes.starts_with(ZIP_MAGIC) {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| crate::tr!("workbook-bad-zip", why = e))?;
        let has = |entry: &str| archive.index_for_name(entry).is_some();
        if has("xl/workbook.xml") {
            return Ok(Format::Xlsx);
        }
        if has("content.xml") && (has("mimetype") || has("META-INF/manifest.xml")) {
            return Ok(Format::Ods);
        }
        if has("word/document.xml") {
            return Err(crate::tr!("workbook-word"));
        }
        return Err(crate::tr!("workbook-zip"));
    }
    if bytes.starts_with(CFB_MAGIC) {
        // An encrypted xlsx is a CFB container too; calamine tells them apart.
        return match Xlsx::new(Cursor::new(bytes)) {
            Err(XlsxError::Password) => Err(password()),
            _ => Ok(Format::Xls),
        };
    }
    if bytes.starts_with(b"%PDF") {
        return Err(crate::tr!("workbook-pdf"));
    }
    if bytes.is_empty() {
        return Err(crate::tr!("workbook-empty"));
    }
    Err(crate::tr!("workbook-not-spreadsheet"))
}

fn password() -> String {
    crate::tr!("workbook-password")
}

fn read_xlsx(bytes: Vec<u8>, notes: &mut Vec<String>) -> Result<Vec<Sheet>, String> {
    let mut workbook = Xlsx::new(Cursor::new(bytes.as_slice())).map_err(|e| match e {
        XlsxError::Password => password(),
        e => crate::tr!("workbook-damaged", why = e),
    })?;
    let drawings = drawing::read_package(&bytes, MAX_ROWS, MAX_COLS).unwrap_or_else(|e| {
        notes.push(crate::tr!("workbook-drawings", why = e));
        BTreeMap::new()
    });
    let mut sheets = Vec::new();
    for sheet_name in workbook.sheet_names() {
        let mut sheet = Sheet::new(&sheet_name);
        let mut beyond = Beyond::default();
        {
            let mut reader = match workbook.worksheet_cells_reader(&sheet_name) {
                Ok(reader) => reader,
                // Chart sheets and dialog sheets hold no cells.
                Err(XlsxError::NotAWorksheet(_)) => continue,
                Err(e) => return Err(format!("sheet `{sheet_name}` is damaged: {e}")),
            };
            while let Some(cell) = reader.next_cell().map_err(|e| format!("sheet `{sheet_name}` is damaged: {e}"))? {
                let (row, col) = cell.get_position();
                // Rows come in order: past the limit, nothing more is read.
                if row >= MAX_ROWS {
                    beyond.rows = true;
                    break;
                }
                let value = Data::from(cell.get_value().clone());
                beyond.keep(&mut sheet, row, col, value);
            }
        }
        let merges = workbook.merge_cells_by_sheet_name(&sheet_name).unwrap_or_default();
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
        beyond.note(&sheet_name, notes);
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn read_xls(bytes: Vec<u8>, notes: &mut Vec<String>) -> Result<Vec<Sheet>, String> {
    xls_guard::check(&bytes)?;
    let mut workbook = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsError::Password => password(),
        e => crate::tr!("workbook-damaged", why = e),
    })?;
    let mut sheets = Vec::new();
    for sheet_name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&sheet_name).map_err(|e| format!("sheet `{sheet_name}`: {e}"))?;
        let mut sheet = read_range(&sheet_name, &range, notes);
        let merges = workbook.merge_cells_by_sheet_name(&sheet_name).unwrap_or_default();
        sheet.merges = merges.iter().map(Merge::of).filter(|m| m.top < MAX_ROWS && m.left < MAX_COLS).collect();
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn read_ods(bytes: Vec<u8>, notes: &mut Vec<String>) -> Result<Vec<Sheet>, String> {
    ods_guard::check(&bytes)?;
    let mut workbook = Ods::new(Cursor::new(bytes)).map_err(|e| crate::tr!("workbook-damaged", why = e))?;
    let mut sheets = Vec::new();
    for sheet_name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&sheet_name).map_err(|e| format!("sheet `{sheet_name}`: {e}"))?;
        // calamine does not report an ods sheet's merged regions: the
        // readers below find spans from the header labels instead.
        sheets.push(read_range(&sheet_name, &range, notes));
    }
    Ok(sheets)
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
