//! Stage 1, load: spreadsheets (xlsx, xls, ods). Every workbook sopkit
//! reads (the lampiran list, run records, monitoring tables, risk
//! registers, legacy SOPs to import) is opened here, by what its bytes are,
//! and no sheet reaches calamine's dense grid before its values are known
//! to span a bounded box (`limits`). Tables are found by their header
//! labels, repeated header rows and blank rows skipped, Excel dates read as
//! dates. Problems name the file, sheet and cell.

use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::Arc;

use calamine::{Cell, Data, Dimensions, Ods, Range, Reader, Sheets, Xls, XlsError, Xlsx, XlsxError};

use super::limits::{MAX_FILE_BYTES, MAX_GRID, Refusal, widen};
use super::{ods_guard, xls_guard};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{LampiranRow, Tanggal};
use crate::util::numbering::letters;
pub use crate::util::text::normalise;
use crate::util::text::squash;

/// A cell's address for messages: `Daftar!C5`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    pub sheet: String,
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    /// The cell's address alone: `C5`.
    pub fn address(&self) -> String {
        format!("{}{}", letters(self.col as usize), self.row + 1)
    }
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::tr!("cell-ref", sheet = self.sheet, cell = self.address()))
    }
}

/// A lampiran row listed in the spreadsheet, with the cell of its nomor.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedSop {
    pub row: LampiranRow,
    /// Where its nomor stands.
    pub cell: CellRef,
}

/// A located spreadsheet problem.
pub fn cell_error(file: &str, cell: &CellRef, message: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(format!("{file}: {cell}: {message}"))
}

pub fn cell_warning(file: &str, cell: &CellRef, message: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::warning(format!("{file}: {cell}: {message}"))
}

/// What a workbook's bytes turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
}

/// A workbook opened for reading, its sheets not yet read.
pub struct Workbook {
    /// The file as messages name it.
    pub name: String,
    pub format: Format,
    bytes: Arc<[u8]>,
    sheets: Sheets<Cursor<Arc<[u8]>>>,
}

impl Workbook {
    /// Opens `path` (shown as `name`). calamine reads every sheet of an
    /// .xls or .ods at once, so theirs are checked before it sees them;
    /// an .xlsx sheet is checked when it is read (`Workbook::range`).
    pub fn open(path: &Path, name: &str) -> Result<Self, Diagnostic> {
        let fail = |message: String| Diagnostic::error(format!("{name}: {message}"));
        let unreadable = |e: std::io::Error| fail(crate::tr!("workbook-unreadable", why = e));
        let size = std::fs::metadata(path).map_err(unreadable)?.len();
        if size > MAX_FILE_BYTES {
            let megabytes = |bytes: u64| bytes / (1024 * 1024);
            return Err(fail(crate::tr!("workbook-too-big", size = megabytes(size), most = megabytes(MAX_FILE_BYTES))));
        }
        let mut bytes = Vec::with_capacity(size as usize);
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(unreadable)?;
        let format = sniff(&bytes).map_err(fail)?;
        let guarded = match format {
            Format::Xls => xls_guard::check(&bytes),
            Format::Ods => ods_guard::check(&bytes),
            Format::Xlsx => Ok(()),
        };
        guarded.map_err(|refusal| refused(name, refusal))?;
        let bytes: Arc<[u8]> = bytes.into();
        let reader = Cursor::new(Arc::clone(&bytes));
        let damaged = |why: &dyn std::fmt::Display| fail(crate::tr!("workbook-damaged", why = why));
        let sheets = match format {
            Format::Xlsx => Sheets::Xlsx(Xlsx::new(reader).map_err(|e| match e {
                XlsxError::Password => fail(crate::tr!("workbook-password")),
                e => damaged(&e),
            })?),
            Format::Xls => Sheets::Xls(Xls::new(reader).map_err(|e| match e {
                XlsError::Password => fail(crate::tr!("workbook-password")),
                e => damaged(&e),
            })?),
            Format::Ods => Sheets::Ods(Ods::new(reader).map_err(|e| damaged(&e))?),
        };
        Ok(Self { name: name.to_owned(), format, bytes, sheets })
    }

    /// The file's bytes (the importer reads an .xlsx's drawings from them).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// One sheet's values; `None` for a sheet that holds no cells (a chart
    /// sheet). An .xlsx sheet is read value by value, and refused once its
    /// values span more than `MAX_GRID` cells, before calamine builds the
    /// grid.
    pub fn range(&mut self, sheet: &str) -> Result<Option<Range<Data>>, Diagnostic> {
        let unreadable = |why: &dyn std::fmt::Display| {
            Diagnostic::error(crate::tr!("sheet-unreadable", name = self.name, sheet = sheet, why = why))
        };
        let xlsx = match &mut self.sheets {
            Sheets::Xlsx(xlsx) => xlsx,
            other => return other.worksheet_range(sheet).map(Some).map_err(|e| unreadable(&e)),
        };
        let mut reader = match xlsx.worksheet_cells_reader(sheet) {
            Ok(reader) => reader,
            Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
            Err(e) => return Err(unreadable(&e)),
        };
        let mut cells = Vec::new();
        let mut span = None;
        while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
            let value = Data::from(cell.get_value().clone());
            if value == Data::Empty {
                continue;
            }
            let (row, col) = cell.get_position();
            widen(&mut span, sheet, row, col).map_err(|refusal| refused(&self.name, refusal))?;
            // A cell written again and again at one address fills no grid
            // but would fill this list.
            if cells.len() as u64 >= MAX_GRID {
                return Err(unreadable(&crate::tr!("workbook-repeated-cells", most = MAX_GRID)));
            }
            cells.push(Cell::new((row, col), value));
        }
        Ok(Some(Range::from_sparse(cells)))
    }

    /// A sheet's merged regions (an .ods reports none).
    pub fn merges(&mut self, sheet: &str) -> Vec<Dimensions> {
        match &mut self.sheets {
            Sheets::Xlsx(xlsx) => xlsx.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
            Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// A refused workbook, located at the sheet and at the value to delete.
fn refused(file: &str, refusal: Refusal) -> Diagnostic {
    let hint = crate::tr!("spreadsheet-too-large-hint");
    match refusal {
        Refusal::Damaged(why) => Diagnostic::error(format!("{file}: {}", crate::tr!("workbook-damaged", why = why))),
        Refusal::Declared { sheet } => {
            let message = crate::tr!("spreadsheet-declared-range", sheet = sheet, most = MAX_GRID);
            Diagnostic::error(format!("{file}: {message}")).with_hint(hint)
        }
        Refusal::Span(span) => {
            let at = |(row, col): (u32, u32)| CellRef { sheet: span.sheet.clone(), row, col };
            let range = format!("{}:{}", at(span.first).address(), at(span.last).address());
            let message = crate::tr!(
                "spreadsheet-too-large",
                range = range,
                rows = span.rows(),
                cols = span.cols(),
                most = MAX_GRID
            );
            cell_error(file, &at(span.far), message).with_hint(hint)
        }
    }
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
            Err(XlsxError::Password) => Err(crate::tr!("workbook-password")),
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

/// The three columns of a lampiran list, by header text.
fn column_of(header: &str) -> Option<usize> {
    let text: String = header.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    match text.as_str() {
        "nosop" | "nomorsop" | "nomor" => Some(0),
        "tanggalefektif" | "tglefektif" | "tanggal" => Some(1),
        "namasop" | "nama" | "judulsop" => Some(2),
        _ => None,
    }
}

/// A column of a table read by its header: `names` are normalised header
/// texts (lower case, letters and digits only) that mean it.
pub struct Column {
    pub key: &'static str,
    pub names: &'static [&'static str],
    pub required: bool,
}

/// Rows of a table found by its header, with every cell's address.
#[derive(Debug, Clone)]
pub struct Table {
    pub sheet: String,
    pub header: CellRef,
    /// Every header cell's text, from the sheet's first used column.
    pub header_texts: Vec<String>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone)]
pub struct TableRow {
    /// One cell per column asked for (`None`: the column is absent).
    pub cells: Vec<Option<(Data, CellRef)>>,
    /// The whole row, from the sheet's first used column.
    pub all: Vec<Data>,
    /// Where the row's first used column is.
    pub first: CellRef,
}

impl TableRow {
    /// The trimmed text of column `i` ("" when empty or absent).
    pub fn text(&self, i: usize) -> String {
        self.cells[i].as_ref().map(|(d, _)| d.to_string().trim().to_owned()).unwrap_or_default()
    }

    pub fn cell(&self, i: usize) -> Option<&(Data, CellRef)> {
        self.cells[i].as_ref()
    }
}

/// Reads the first table (on `sheet`, or on the first sheet that has one)
/// whose header row names every required column. Blank rows and repeated
/// header rows are skipped.
pub fn read_table(path: &Path, name: &str, sheet: Option<&str>, columns: &[Column]) -> Result<Table, Diagnostics> {
    find_table(path, name, sheet, columns)?.ok_or_else(|| {
        let wanted: Vec<&str> = columns.iter().filter(|c| c.required).map(|c| c.key).collect();
        Diagnostic::error(crate::tr!("spreadsheet-no-header", name = name, columns = wanted.join(", "))).into()
    })
}

/// `read_table`, with `None` when no sheet has the table's header.
pub fn find_table(
    path: &Path,
    name: &str,
    sheet: Option<&str>,
    columns: &[Column],
) -> Result<Option<Table>, Diagnostics> {
    let mut workbook = Workbook::open(path, name)?;
    let sheets = workbook.sheet_names();
    if let Some(wanted) = sheet
        && !sheets.iter().any(|s| s == wanted)
    {
        return Err(vec![Diagnostic::error(crate::tr!(
            "spreadsheet-no-sheet",
            name = name,
            sheet = wanted,
            sheets = sheets.join(", ")
        ))]
        .into());
    }
    for sheet_name in sheets.iter().filter(|s| sheet.is_none_or(|w| w == s.as_str())) {
        let Some(range) = workbook.range(sheet_name)? else { continue };
        let (top, left) = range.start().unwrap_or((0, 0));
        let at = |r: usize, c: usize| CellRef { sheet: sheet_name.clone(), row: top + r as u32, col: left + c as u32 };
        let find = |row: &[Data]| -> Vec<Option<usize>> {
            columns
                .iter()
                .map(|column| row.iter().position(|cell| column.names.contains(&normalise(&cell.to_string()).as_str())))
                .collect()
        };
        let Some((header_row, positions)) = range.rows().take(60).enumerate().find_map(|(i, row)| {
            let positions = find(row);
            columns.iter().zip(&positions).all(|(c, p)| !c.required || p.is_some()).then_some((i, positions))
        }) else {
            continue;
        };
        let mut rows = Vec::new();
        for (i, row) in range.rows().enumerate().skip(header_row + 1) {
            let cells: Vec<Option<(Data, CellRef)>> =
                positions.iter().map(|p| p.map(|c| (row.get(c).cloned().unwrap_or(Data::Empty), at(i, c)))).collect();
            let blank = cells.iter().flatten().all(|(d, _)| d.to_string().trim().is_empty());
            let repeated_header = find(row) == positions;
            if !blank && !repeated_header {
                rows.push(TableRow { cells, all: row.to_vec(), first: at(i, 0) });
            }
        }
        let header_texts =
            range.rows().nth(header_row).map(|r| r.iter().map(|c| c.to_string()).collect()).unwrap_or_default();
        return Ok(Some(Table { sheet: sheet_name.clone(), header: at(header_row, 0), header_texts, rows }));
    }
    Ok(None)
}

/// Reads every SOP listed on the first sheet that has the header row.
pub fn read_lampiran(path: &Path, name: &str) -> Result<Vec<ListedSop>, Diagnostics> {
    let mut workbook = Workbook::open(path, name)?;
    for sheet in workbook.sheet_names() {
        let Some(range) = workbook.range(&sheet)? else { continue };
        let (top, left) = range.start().unwrap_or((0, 0));
        let rows: Vec<&[Data]> = range.rows().collect();
        // The header: the first row naming all three columns.
        let header = rows.iter().take(60).enumerate().find_map(|(i, row)| {
            let mut columns = [None; 3];
            for (c, cell) in row.iter().enumerate() {
                if let Some(which) = column_of(&cell.to_string()) {
                    columns[which].get_or_insert(c);
                }
            }
            match columns {
                [Some(a), Some(b), Some(c)] => Some((i, [a, b, c])),
                _ => None,
            }
        });
        let Some((header_row, columns)) = header else { continue };
        let mut listed = Vec::new();
        let mut errors = Vec::new();
        for (i, row) in rows.iter().enumerate().skip(header_row + 1) {
            let at = |c: usize| CellRef { sheet: sheet.clone(), row: top + i as u32, col: left + c as u32 };
            let get = |c: usize| row.get(c).cloned().unwrap_or(Data::Empty);
            let (nomor, tanggal, nama) = (get(columns[0]), get(columns[1]), get(columns[2]));
            let nomor_text = nomor.to_string().trim().to_owned();
            // Blank rows and the header repeated on every printed page.
            if nomor_text.is_empty() && nama.to_string().trim().is_empty() || column_of(&nomor_text) == Some(0) {
                continue;
            }
            let tanggal = match cell_date(&tanggal) {
                Ok(date) => date,
                Err(message) => {
                    errors.push(cell_error(name, &at(columns[1]), message));
                    continue;
                }
            };
            if nomor_text.is_empty() {
                errors.push(cell_error(name, &at(columns[0]), crate::tr!("spreadsheet-no-nomor")));
                continue;
            }
            listed.push(ListedSop {
                row: LampiranRow { nomor: nomor_text, tanggal_efektif: tanggal, nama: squash(&nama.to_string()) },
                cell: at(columns[0]),
            });
        }
        return if errors.is_empty() { Ok(listed) } else { Err(errors.into()) };
    }
    Err(vec![Diagnostic::error(crate::tr!("spreadsheet-no-lampiran-header", name = name))].into())
}

/// A date from an Excel date cell or from text (`27-09-2023`,
/// `2023-09-27`, `27 September 2023`).
pub fn cell_date(cell: &Data) -> Result<Tanggal, String> {
    match cell {
        Data::DateTime(value) => from_serial(value.as_f64()),
        Data::Float(value) => from_serial(*value),
        Data::Int(value) => from_serial(*value as f64),
        Data::DateTimeIso(text) => Tanggal::parse(text.get(..10).unwrap_or(text)),
        Data::String(text) => Tanggal::parse(text),
        Data::Empty => Err(crate::tr!("spreadsheet-no-date")),
        other => Err(crate::tr!("spreadsheet-not-date", value = other)),
    }
}

/// Excel's serial date (days since 1899-12-30).
fn from_serial(serial: f64) -> Result<Tanggal, String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return Err(crate::tr!("spreadsheet-not-date", value = serial));
    }
    let days = serial.floor() as i64 - 25_569; // 1970-01-01
    Tanggal::from_unix_days(days).ok_or_else(|| crate::tr!("spreadsheet-not-date", value = serial))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_and_texts_are_dates() {
        assert_eq!(from_serial(45196.0).unwrap().short(), "27-09-2023");
        assert_eq!(cell_date(&Data::String("27-09-2023".into())).unwrap().short(), "27-09-2023");
        assert_eq!(cell_date(&Data::String("27 September 2023".into())).unwrap().short(), "27-09-2023");
        assert!(cell_date(&Data::String("besok".into())).is_err());
    }
}
