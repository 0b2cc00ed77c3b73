//! Stage 1, load: tables read from spreadsheets (xlsx, xls, ods) with
//! calamine, columns found by their header labels, repeated header rows and
//! blank rows skipped, Excel dates read as dates; the lampiran list (No SOP,
//! Tanggal Efektif, Nama SOP) is one such table, run records and risk
//! registers others. Problems name the file, sheet and cell.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

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

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cell = format!("{}{}", letters(self.col as usize), self.row + 1);
        f.write_str(&crate::tr!("cell-ref", sheet = self.sheet, cell = cell))
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
    let mut workbook = open_workbook_auto(path)
        .map_err(|e| vec![Diagnostic::error(crate::tr!("spreadsheet-unreadable", name = name, why = e))])?;
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
        let range = workbook.worksheet_range(sheet_name).map_err(|e| {
            vec![Diagnostic::error(crate::tr!("sheet-unreadable", name = name, sheet = sheet_name, why = e))]
        })?;
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
        return Ok(Table { sheet: sheet_name.clone(), header: at(header_row, 0), header_texts, rows });
    }
    let wanted: Vec<&str> = columns.iter().filter(|c| c.required).map(|c| c.key).collect();
    Err(vec![Diagnostic::error(crate::tr!("spreadsheet-no-header", name = name, columns = wanted.join(", ")))].into())
}

/// Reads every SOP listed on the first sheet that has the header row.
pub fn read_lampiran(path: &Path, name: &str) -> Result<Vec<ListedSop>, Diagnostics> {
    let mut workbook = open_workbook_auto(path)
        .map_err(|e| vec![Diagnostic::error(crate::tr!("spreadsheet-unreadable", name = name, why = e))])?;
    for sheet in workbook.sheet_names() {
        let range = workbook.worksheet_range(&sheet).map_err(|e| {
            vec![Diagnostic::error(crate::tr!("sheet-unreadable", name = name, sheet = sheet, why = e))]
        })?;
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
                errors.push(cell_error(name, &at(columns[0]), "no nomor SOP"));
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
