//! Monev records from a workbook, as an evaluation team fills it in: one
//! row per SOP, its columns found by their headers (Nomor SOP / Prosedur,
//! Penilaian, Catatan Hasil Penilaian, Tindakan yang Harus Diambil, a column
//! per criterion by its label or key with Ya/Tidak, Catatan, Tindak Lanjut),
//! and the record's unit, periode, tanggal and penilai in labelled cells
//! above the table or on a sheet named "identitas".

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use calamine::Data;

use super::DocPath;
use super::spreadsheet::{
    CellRef, Column, Table, TableRow, Workbook, cell_date, cell_error, cell_warning, find_table, normalise,
};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Evaluasi, Kriterium, MonevDef, MonevPeriode, Pemantauan, Penilai, Penilaian, Tanggal};

const SOP: usize = 0;
const PENILAIAN: usize = 1;
const CATATAN_HASIL: usize = 2;
const TINDAKAN: usize = 3;
const CATATAN: usize = 4;
const TINDAK_LANJUT: usize = 5;

const COLUMNS: [Column; 6] = [
    Column { key: "sop", names: &["nomorsop", "nomorsopprosedur", "prosedur", "sop", "nomor"], required: true },
    Column { key: "penilaian", names: &["penilaian", "penilaianterhadappenerapan"], required: false },
    Column { key: "catatan_hasil", names: &["catatanhasilpenilaian"], required: false },
    Column { key: "tindakan", names: &["tindakanyangharusdiambil", "tindakan"], required: false },
    Column { key: "catatan", names: &["catatan", "catatanevaluasi"], required: false },
    Column { key: "tindak_lanjut", names: &["tindaklanjut"], required: false },
];

/// Cells by the path of the value they hold (`monitoring[0].sop`).
pub type Cells = HashMap<String, CellRef>;

/// A record read from a workbook, with each value's cell.
#[derive(Debug, Clone)]
pub struct SheetMonev {
    /// The workbook as messages name it.
    pub source: String,
    pub path: PathBuf,
    pub def: MonevDef,
    /// The table's header, for what has no cell of its own.
    pub header: CellRef,
    pub cells: Cells,
}

impl SheetMonev {
    /// An error at the cell of the value at `path`, or of the nearest
    /// value enclosing it (`evaluasi[0].jawaban.x`, then
    /// `evaluasi[0].jawaban`, `evaluasi[0]`), else at the table's header.
    pub fn error_at(&self, path: &DocPath, message: impl Into<String>) -> Diagnostic {
        cell_error(&self.source, self.cell_of(path), message.into())
    }

    pub fn warning_at(&self, path: &DocPath, message: impl Into<String>) -> Diagnostic {
        cell_warning(&self.source, self.cell_of(path), message.into())
    }

    fn cell_of(&self, path: &DocPath) -> &CellRef {
        let wanted = path.to_string();
        let mut key = wanted.as_str();
        loop {
            if let Some(cell) = self.cells.get(key) {
                return cell;
            }
            match key.rfind(['.', '[']) {
                Some(at) => key = &key[..at],
                None => return &self.header,
            }
        }
    }
}

/// The record a workbook holds.
pub fn read_workbook(path: &Path, name: &str, kriteria: &[Kriterium]) -> Result<SheetMonev, Diagnostics> {
    let Some(table) = find_table(path, name, None, &COLUMNS)? else {
        return Err(Diagnostic::error(crate::tr!("monev-sheet-no-table", name = name)).into());
    };
    let mut errors = Vec::new();
    let mut cells = Cells::new();
    let labels = labelled_cells(path, name, &table)?;
    let mut def = identity(name, &table, &labels, &mut cells, &mut errors);
    let criteria = criterion_columns(&table, kriteria);
    for row in &table.rows {
        let sop = row.text(SOP);
        let Some((_, sop_cell)) = row.cell(SOP).cloned() else { continue };
        if sop.is_empty() {
            errors.push(cell_error(name, &sop_cell, crate::tr!("monev-sheet-no-sop")));
            continue;
        }
        let optional = |i: usize| Some(row.text(i)).filter(|t| !t.is_empty());
        if let Some(text) = optional(PENILAIAN) {
            let at = format!("monitoring[{}]", def.monitoring.len());
            let cell = row.cell(PENILAIAN).map(|(_, c)| c.clone()).unwrap_or_else(|| sop_cell.clone());
            match penilaian(&text) {
                Some(penilaian) => def.monitoring.push(Pemantauan {
                    sop: sop.clone(),
                    penilaian,
                    catatan: optional(CATATAN_HASIL),
                    tindakan: optional(TINDAKAN),
                }),
                None => errors.push(cell_error(name, &cell, crate::tr!("monev-sheet-penilaian", text = text))),
            }
            cells.insert(format!("{at}.penilaian"), cell);
            cells.insert(format!("{at}.sop"), sop_cell.clone());
            cells.insert(at, sop_cell.clone());
        }
        if let Some(evaluasi) =
            evaluation(name, row, &sop, &sop_cell, &criteria, def.evaluasi.len(), &mut cells, &mut errors)
        {
            def.evaluasi.push(Evaluasi {
                catatan: optional(CATATAN),
                tindak_lanjut: optional(TINDAK_LANJUT),
                ..evaluasi
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    def.tanpa_sop.retain(|t| !t.is_empty());
    Ok(SheetMonev { source: name.to_owned(), path: path.to_path_buf(), def, header: table.header, cells })
}

/// A row's answers, when it gives any: each criterion's cell read as
/// Ya/Tidak; an empty one is left out for the check to name.
#[allow(clippy::too_many_arguments)]
fn evaluation(
    name: &str,
    row: &TableRow,
    sop: &str,
    sop_cell: &CellRef,
    criteria: &[(String, usize, CellRef)],
    index: usize,
    cells: &mut Cells,
    errors: &mut Vec<Diagnostic>,
) -> Option<Evaluasi> {
    let at = format!("evaluasi[{index}]");
    let answered: Vec<(&String, String, CellRef)> = criteria
        .iter()
        .map(|(key, column, _)| {
            let text = row.all.get(*column).map(|d| d.to_string().trim().to_owned()).unwrap_or_default();
            let cell =
                CellRef { sheet: row.first.sheet.clone(), row: row.first.row, col: row.first.col + *column as u32 };
            (key, text, cell)
        })
        .collect();
    if answered.iter().all(|(_, text, _)| text.is_empty()) {
        return None;
    }
    let mut jawaban = indexmap::IndexMap::new();
    for (key, text, cell) in answered {
        if text.is_empty() {
            cells.entry(format!("{at}.jawaban")).or_insert_with(|| cell.clone());
        } else {
            match normalise(&text).as_str() {
                // A checkbox column reads TRUE/FALSE.
                "ya" | "y" | "true" => drop(jawaban.insert(key.clone(), true)),
                "tidak" | "t" | "false" => drop(jawaban.insert(key.clone(), false)),
                _ => errors.push(cell_error(name, &cell, crate::tr!("monev-sheet-jawaban", text = text))),
            }
        }
        cells.insert(format!("{at}.jawaban.{key}"), cell);
    }
    cells.entry(format!("{at}.jawaban")).or_insert_with(|| sop_cell.clone());
    cells.insert(format!("{at}.sop"), sop_cell.clone());
    cells.insert(at, sop_cell.clone());
    Some(Evaluasi { sop: sop.to_owned(), jawaban, catatan: None, tindak_lanjut: None })
}

/// "Berjalan dengan baik" / "Tidak berjalan dengan baik", or short forms.
fn penilaian(text: &str) -> Option<Penilaian> {
    match normalise(text).as_str() {
        "baik" | "berjalandenganbaik" | "berjalan" | "ya" => Some(Penilaian::Baik),
        "tidakbaik" | "tidakberjalandenganbaik" | "tidakberjalan" | "tidak" => Some(Penilaian::TidakBaik),
        _ => None,
    }
}

/// Each criterion's column (by its label or key), with its key and the
/// header cell.
fn criterion_columns(table: &Table, kriteria: &[Kriterium]) -> Vec<(String, usize, CellRef)> {
    kriteria
        .iter()
        .filter_map(|k| {
            let names = [normalise(&k.label), normalise(&k.kunci)];
            let column = table.header_texts.iter().position(|h| names.contains(&normalise(h)))?;
            let cell = CellRef { col: table.header.col + column as u32, ..table.header.clone() };
            Some((k.kunci.clone(), column, cell))
        })
        .collect()
}

/// Label -> (value, the value's cell): the cells above the table on its
/// sheet, and every labelled row of a sheet named "identitas".
fn labelled_cells(path: &Path, name: &str, table: &Table) -> Result<HashMap<String, (Data, CellRef)>, Diagnostics> {
    let mut workbook = Workbook::open(path, name)?;
    let mut found = HashMap::new();
    let sheets = workbook.sheet_names();
    let wanted = sheets.iter().filter(|s| **s == table.sheet || normalise(s) == "identitas");
    for sheet in wanted.cloned().collect::<Vec<_>>() {
        let Some(range) = workbook.range(&sheet)? else { continue };
        let (top, left) = range.start().unwrap_or((0, 0));
        for (i, row) in range.rows().enumerate() {
            let row_number = top + i as u32;
            if sheet == table.sheet && row_number >= table.header.row {
                break;
            }
            let mut filled = row.iter().enumerate().filter(|(_, d)| !d.to_string().trim().is_empty());
            let (Some((_, label)), Some((c, value))) = (filled.next(), filled.next()) else { continue };
            let cell = CellRef { sheet: sheet.clone(), row: row_number, col: left + c as u32 };
            found.entry(normalise(&label.to_string())).or_insert((value.clone(), cell));
        }
    }
    Ok(found)
}

/// The record's identity from the labelled cells; what is missing or
/// unreadable is an error at the cell (or the table's header).
fn identity(
    name: &str,
    table: &Table,
    labels: &HashMap<String, (Data, CellRef)>,
    cells: &mut Cells,
    errors: &mut Vec<Diagnostic>,
) -> MonevDef {
    let get = |names: &[&str]| names.iter().find_map(|n| labels.get(*n));
    let text = |names: &[&str]| get(names).map(|(d, _)| d.to_string().trim().to_owned());
    let list = |names: &[&str]| -> Vec<String> {
        text(names)
            .map(|t| t.split([';', '\n']).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default()
    };
    let mut missing =
        |label: &str| errors.push(cell_error(name, &table.header, crate::tr!("monev-sheet-no-label", label = label)));
    let unit = match get(&["unit", "unitkerja"]) {
        Some((d, c)) => {
            cells.insert("unit".into(), c.clone());
            d.to_string().trim().to_owned()
        }
        None => {
            missing("Unit");
            String::new()
        }
    };
    let mut date = |names: &[&str], path: &str, label: &str, errors: &mut Vec<Diagnostic>| -> Tanggal {
        let Some((data, cell)) = get(names) else {
            errors.push(cell_error(name, &table.header, crate::tr!("monev-sheet-no-label", label = label)));
            return unread();
        };
        cells.insert(path.into(), cell.clone());
        cell_date(data).unwrap_or_else(|why| {
            errors.push(cell_error(name, cell, why));
            unread()
        })
    };
    let tanggal = date(&["tanggal", "tanggalpenilaian", "tanggalberitaacara"], "tanggal", "Tanggal", errors);
    let periode = match get(&["periode"]) {
        Some((d, cell)) => periode_text(&d.to_string(), name, cell, cells, errors),
        None => MonevPeriode {
            mulai: date(&["periodemulai", "mulai"], "periode.mulai", "Periode mulai", errors),
            sampai: date(&["periodesampai", "sampai"], "periode.sampai", "Periode sampai", errors),
        },
    };
    let penilai: Vec<Penilai> = list(&["penilai", "timpenilai", "evaluator"]).iter().map(|p| penilai_of(p)).collect();
    if let Some((_, cell)) = get(&["penilai", "timpenilai", "evaluator"]) {
        for i in 0..penilai.len() {
            cells.insert(format!("penilai[{i}].pejabat"), cell.clone());
            cells.insert(format!("penilai[{i}]"), cell.clone());
        }
        cells.insert("penilai".into(), cell.clone());
    }
    if let Some((_, cell)) = get(&["kepalaunit"]) {
        cells.insert("kepala_unit".into(), cell.clone());
    }
    MonevDef {
        unit,
        periode,
        tanggal,
        tempat: text(&["tempat"]).filter(|t| !t.is_empty()),
        penilai,
        kepala_unit: text(&["kepalaunit"]).filter(|t| !t.is_empty()).map(|t| penilai_of(&t)),
        metode: list(&["metode", "metodemonitoring"]),
        monitoring: Vec::new(),
        evaluasi: Vec::new(),
        tanpa_sop: list(&["kegiatantanpasop", "tanpasop", "kegiatanyangbelummemilikisop"]),
    }
}

/// `2024-01-01 s.d. 2024-06-30` (or `sampai`, or ` - ` between dates).
fn periode_text(
    text: &str,
    name: &str,
    cell: &CellRef,
    cells: &mut Cells,
    errors: &mut Vec<Diagnostic>,
) -> MonevPeriode {
    cells.insert("periode".into(), cell.clone());
    cells.insert("periode.mulai".into(), cell.clone());
    cells.insert("periode.sampai".into(), cell.clone());
    let lower = text.to_lowercase();
    let parts: Option<(&str, &str)> =
        ["s.d.", "s/d", "sampai", " – ", " - "].iter().find_map(|sep| lower.split_once(sep));
    let read = parts.map(|(a, b)| (Tanggal::parse(a), Tanggal::parse(b)));
    match read {
        Some((Ok(mulai), Ok(sampai))) => MonevPeriode { mulai, sampai },
        _ => {
            errors.push(cell_error(name, cell, crate::tr!("monev-sheet-periode", text = text.trim())));
            MonevPeriode { mulai: unread(), sampai: unread() }
        }
    }
}

/// A key of `[officials]` (one word) or a name written out.
fn penilai_of(text: &str) -> Penilai {
    if text.contains(char::is_whitespace) {
        Penilai { nama: Some(text.to_owned()), ..Penilai::default() }
    } else {
        Penilai { pejabat: Some(text.to_owned()), ..Penilai::default() }
    }
}

/// A date not read (its error is reported; the record is not used).
fn unread() -> Tanggal {
    Tanggal::from_unix_days(0).unwrap_or_else(|| unreachable!("1970-01-01 is a date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judgements_are_read_in_the_forms_words_and_short() {
        assert_eq!(penilaian("Berjalan dengan baik"), Some(Penilaian::Baik));
        assert_eq!(penilaian("Tidak berjalan dengan baik"), Some(Penilaian::TidakBaik));
        assert_eq!(penilaian("tidak-baik"), Some(Penilaian::TidakBaik));
        assert_eq!(penilaian("lumayan"), None);
    }

    #[test]
    fn a_period_is_two_dates_in_one_cell() {
        let cell = CellRef { sheet: "Monev".into(), row: 3, col: 1 };
        let (mut cells, mut errors) = (Cells::new(), Vec::new());
        let periode = periode_text("01-01-2024 s.d. 30-06-2024", "x.xlsx", &cell, &mut cells, &mut errors);
        assert!(errors.is_empty());
        assert_eq!((periode.mulai.short(), periode.sampai.short()), ("01-01-2024".into(), "30-06-2024".into()));
        let periode = periode_text("2024-07-01 - 2024-12-31", "x.xlsx", &cell, &mut cells, &mut errors);
        assert_eq!(periode.sampai.short(), "31-12-2024");
        periode_text("semester satu", "x.xlsx", &cell, &mut cells, &mut errors);
        assert_eq!(errors.len(), 1);
        assert_eq!(cells["periode.sampai"], cell);
    }

    #[test]
    fn an_evaluator_is_an_official_key_or_a_name() {
        assert_eq!(penilai_of("kepala_dinas").pejabat.as_deref(), Some("kepala_dinas"));
        assert_eq!(penilai_of("NI KADEK PENILAI").nama.as_deref(), Some("NI KADEK PENILAI"));
    }
}
