//! Run records: what happened in one execution of an SOP. Read from YAML or
//! TOML (one run per file) or from a spreadsheet (one run per row). Every
//! value keeps where it came from, so that mistakes are reported at the
//! file's line and column or at the sheet's cell.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use calamine::Data;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::monitoring::MonitoringRun;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::spreadsheet::{CellRef, Column, Workbook, cell_date, cell_error, find_table, normalise, read_table};
use crate::load::{DocPath, Loaded, display_name, read_document};
use crate::model::{Jenis, Tanggal, Target};

/// One run of an SOP, as its record gives it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RunDef {
    /// The SOP: its path under `sops/` without extension.
    pub sop: String,
    /// The report to make; default: the SOP's `laporan`, else pelaksanaan.
    #[serde(default)]
    pub jenis: Option<Jenis>,
    pub nomor: String,
    pub tanggal: Tanggal,
    /// Where it is signed (default: none printed).
    #[serde(default)]
    pub tempat: Option<String>,
    /// A title instead of the kind's.
    #[serde(default)]
    pub judul: Option<String>,
    #[serde(default)]
    pub periode: Option<Periode>,
    /// A summary paragraph of the run.
    #[serde(default)]
    pub ringkasan: Option<String>,
    /// What happened in each step.
    #[serde(default)]
    pub langkah: Vec<Realisasi>,
    /// Attached tables.
    #[serde(default)]
    pub tabel: Vec<Tabel>,
    #[serde(default)]
    pub risiko: Option<RisikoRun>,
    #[serde(default)]
    pub monitoring: Option<MonitoringRun>,
    /// Who signs, in order; default `[laporan] penandatangan` in sopkit.toml,
    /// else the SOP's `disahkan_oleh`.
    #[serde(default)]
    pub penandatangan: Vec<Penandatangan>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Periode {
    pub mulai: Tanggal,
    pub sampai: Tanggal,
}

/// What happened in one step.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Realisasi {
    /// The step: its id or 1-based number.
    pub langkah: Option<Target>,
    /// Who did it.
    #[serde(default)]
    pub oleh: Option<String>,
    /// `2024-01-02 08:00`
    #[serde(default)]
    pub mulai: Option<String>,
    #[serde(default)]
    pub selesai: Option<String>,
    /// The time taken, instead of mulai/selesai ("20 menit").
    #[serde(default)]
    pub durasi: Option<String>,
    #[serde(default)]
    pub output: Option<String>,
    #[serde(default)]
    pub catatan: Option<String>,
}

impl Realisasi {
    /// Sets one of `STEP_FIELDS` from a spreadsheet cell; false for any other
    /// column.
    fn set(&mut self, field: &str, value: String) -> bool {
        let slot = match field {
            "oleh" => &mut self.oleh,
            "mulai" => &mut self.mulai,
            "selesai" => &mut self.selesai,
            "durasi" => &mut self.durasi,
            "output" => &mut self.output,
            "catatan" => &mut self.catatan,
            _ => return false,
        };
        *slot = Some(value);
        true
    }
}

impl RunDef {
    /// A run with only what every run has (spreadsheet runs fill the rest).
    fn new(sop: String, nomor: String, tanggal: Tanggal) -> Self {
        Self {
            sop,
            jenis: None,
            nomor,
            tanggal,
            tempat: None,
            judul: None,
            periode: None,
            ringkasan: None,
            langkah: Vec::new(),
            tabel: Vec::new(),
            risiko: None,
            monitoring: None,
            penandatangan: Vec::new(),
        }
    }
}

/// A spreadsheet cell as a run value: date-times as `2024-01-02 08:00`.
fn cell_text(data: &Data) -> String {
    match data {
        Data::DateTime(value) => excel_moment(value.as_f64()),
        other => other.to_string().trim().to_owned(),
    }
}

/// The kind of laporan a cell names.
fn jenis_in(file: &str, cell: &CellRef, text: &str) -> Result<Jenis, Diagnostic> {
    Jenis::parse(text).ok_or_else(|| cell_error(file, cell, crate::tr!("record-unknown-kind", text = text)))
}

/// A table attached to the report.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tabel {
    pub judul: String,
    pub kolom: Vec<String>,
    #[serde(default)]
    pub baris: Vec<Vec<Scalar>>,
}

/// A table cell written as text, number or boolean.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Scalar {
    Int(i64),
    Float(f64),
    Bool(bool),
    Text(String),
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Int(v) => write!(f, "{v}"),
            Scalar::Float(v) => write!(f, "{v}"),
            Scalar::Bool(v) => write!(f, "{}", if *v { "Ya" } else { "Tidak" }),
            Scalar::Text(v) => write!(f, "{v}"),
        }
    }
}

/// The register of a risk analysis.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RisikoRun {
    /// The register spreadsheet, relative to the run record.
    pub register: PathBuf,
    #[serde(default)]
    pub sheet: Option<String>,
    /// Selera risiko: the minimum besaran that must be treated.
    #[serde(default = "default_selera")]
    pub selera: u8,
    /// Per kategori, where it differs.
    #[serde(default)]
    pub selera_kategori: IndexMap<String, u8>,
}

fn default_selera() -> u8 {
    11
}

/// A signer: an official of sopkit.toml, or written out.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Penandatangan {
    /// Role name in the manifest and field name (default from jabatan).
    #[serde(default)]
    pub peran: Option<String>,
    /// A key of `[officials]` in sopkit.toml.
    #[serde(default)]
    pub pejabat: Option<String>,
    #[serde(default)]
    pub jabatan: Option<String>,
    #[serde(default)]
    pub nama: Option<String>,
    #[serde(default)]
    pub nip: Option<String>,
    #[serde(default)]
    pub pangkat: Option<String>,
    /// The line above the jabatan: "Dibuat oleh", "Mengetahui", ...
    #[serde(default)]
    pub keterangan: Option<String>,
}

/// Where a run's values came from, for messages.
#[derive(Debug, Clone)]
pub enum Origin {
    Document(Box<Loaded<RunDef>>),
    /// A spreadsheet row: each value's cell, by its path (`nomor`,
    /// `langkah[0].mulai`).
    Row {
        file: String,
        row: CellRef,
        cells: HashMap<String, CellRef>,
    },
}

/// A run record ready to be checked: its output name and origin.
#[derive(Debug, Clone)]
pub struct Run {
    /// Shown in messages and the manifest.
    pub source: String,
    /// The folder relative paths in the record are resolved from.
    pub base: PathBuf,
    /// `laporan/<stem>.pdf` without `laporan/` and `.pdf`.
    pub stem: String,
    pub def: RunDef,
    pub origin: Origin,
    /// Values read from a workbook the record refers to: that file, and
    /// each value's cell by its path.
    pub attached: Option<(String, HashMap<String, CellRef>)>,
}

impl Run {
    pub fn error_at(&self, path: &DocPath, message: impl Into<String>) -> Diagnostic {
        if let Some((file, cells)) = &self.attached
            && let Some(cell) = cells.get(&path.to_string())
        {
            return cell_error(file, cell, message.into());
        }
        match &self.origin {
            Origin::Document(doc) => doc.error_at(path, message),
            Origin::Row { file, row, cells } => {
                let cell = cells.get(&path.to_string()).unwrap_or(row);
                cell_error(file, cell, message.into())
            }
        }
    }

    pub fn warning_at(&self, path: &DocPath, message: impl Into<String>) -> Diagnostic {
        match &self.origin {
            Origin::Document(doc) => doc.warning_at(path, message),
            Origin::Row { file, row, cells } => {
                let cell = cells.get(&path.to_string()).unwrap_or(row);
                crate::load::spreadsheet::cell_warning(file, cell, message.into())
            }
        }
    }
}

/// Reads the runs in `path`: one from a YAML/TOML record, one per row from
/// a spreadsheet.
pub fn read_runs(root: &Path, path: &Path) -> Result<Vec<Run>, Diagnostics> {
    let name = display_name(root, path);
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "yaml" | "yml" | "toml" => {
            let doc: Loaded<RunDef> = read_document(root, path).map_err(|e| Diagnostic::error(e.to_string()))??;
            let mut def = doc.value.clone();
            let attached = match &mut def.monitoring {
                Some(monitoring) if monitoring.berkas.is_some() => {
                    Some(attach_monitoring(root, &base, &doc, monitoring)?)
                }
                _ => None,
            };
            Ok(vec![Run { source: name, base, stem, def, origin: Origin::Document(Box::new(doc)), attached }])
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            if has_row_table(path) {
                read_rows(path, &name, &stem, base)
            } else {
                let runs = read_sheets(path, &name, &stem, base)?;
                if runs.is_empty() {
                    return Err(Diagnostic::error(crate::tr!("record-no-runs-at-all", name = name)).into());
                }
                Ok(runs)
            }
        }
        _ => Err(vec![Diagnostic::error(crate::tr!("record-kind-of-file", name = name))].into()),
    }
}

/// Adds a monitoring workbook's tables to the run's own lists.
fn attach_monitoring(
    root: &Path,
    base: &Path,
    record: &Loaded<RunDef>,
    monitoring: &mut MonitoringRun,
) -> Result<(String, HashMap<String, CellRef>), Diagnostics> {
    let berkas = monitoring.berkas.as_ref().expect("checked by the caller");
    let path = base.join(berkas);
    let name = display_name(root, &path);
    if !path.is_file() {
        let at = DocPath::root().key("monitoring").key("berkas");
        return Err(record.error_at(&at, crate::tr!("record-no-workbook", file = berkas.display())).into());
    }
    let offsets = (monitoring.target.len(), monitoring.hasil.len(), monitoring.temuan.len());
    let tables = super::monitoring::read(&path, &name, offsets)?;
    monitoring.target.extend(tables.target);
    monitoring.hasil.extend(tables.hasil);
    monitoring.temuan.extend(tables.temuan);
    Ok((name, tables.cells))
}

const ROW_COLUMNS: &[Column] = &[
    Column { key: "SOP", names: &["sop"], required: true },
    Column { key: "Nomor", names: &["nomor", "nomorlaporan", "nolaporan"], required: true },
    Column { key: "Tanggal", names: &["tanggal", "tanggallaporan"], required: true },
    Column { key: "Jenis", names: &["jenis", "jenislaporan"], required: false },
    Column { key: "Tempat", names: &["tempat"], required: false },
    Column { key: "Judul", names: &["judul"], required: false },
    Column { key: "Periode Mulai", names: &["periodemulai"], required: false },
    Column { key: "Periode Sampai", names: &["periodesampai"], required: false },
    Column { key: "Ringkasan", names: &["ringkasan"], required: false },
];

/// Whether a workbook holds runs: a sheet headed like a list of runs, or
/// sheets that are each one run's form. A workbook that cannot be read, or
/// a run form with mistakes, counts as runs: reading it says what is wrong.
pub fn has_runs_header(path: &Path) -> bool {
    has_row_table(path) || read_sheets(path, "", "", PathBuf::new()).map_or(true, |runs| !runs.is_empty())
}

/// A workbook that cannot be read counts as one: reading its rows says why.
fn has_row_table(path: &Path) -> bool {
    find_table(path, "", None, ROW_COLUMNS).map_or(true, |table| table.is_some())
}

/// The labels of a run form (one run per sheet), by the path they fill.
const FORM_LABELS: [(&str, &[&str]); 9] = [
    ("sop", &["sop", "kodesop", "berkassop"]),
    ("nomor", &["nomor", "nomorlaporan", "nolaporan"]),
    ("tanggal", &["tanggal", "tanggallaporan"]),
    ("jenis", &["jenis", "jenislaporan"]),
    ("tempat", &["tempat"]),
    ("judul", &["judul"]),
    ("periode.mulai", &["periodemulai"]),
    ("periode.sampai", &["periodesampai"]),
    ("ringkasan", &["ringkasan"]),
];

/// One run per sheet: label/value cells (`SOP`, `Nomor`, `Tanggal`, ...,
/// the value right of its label, past a `:` cell), then a step table headed
/// `Langkah | Oleh | Mulai | Selesai | Durasi | Output | Catatan`. Sheets
/// without the SOP, Nomor and Tanggal labels are not runs (none at all:
/// an empty list).
fn read_sheets(path: &Path, name: &str, stem: &str, base: PathBuf) -> Result<Vec<Run>, Diagnostics> {
    let mut workbook = Workbook::open(path, name)?;
    let mut runs = Vec::new();
    let mut errors = Vec::new();
    for sheet in workbook.sheet_names() {
        let Some(range) = workbook.range(&sheet)? else { continue };
        let (top, left) = range.start().unwrap_or((0, 0));
        let at = |r: usize, c: usize| CellRef { sheet: sheet.clone(), row: top + r as u32, col: left + c as u32 };
        let rows: Vec<&[Data]> = range.rows().take(500).collect();
        // Label -> (value, its cell).
        let mut values: HashMap<&str, (Data, CellRef)> = HashMap::new();
        let mut steps_header = None;
        for (r, row) in rows.iter().enumerate() {
            let texts: Vec<String> = row.iter().map(|d| normalise(&d.to_string())).collect();
            if steps_header.is_none()
                && texts.first().is_some_and(|t| matches!(t.as_str(), "langkah" | "no" | "nolangkah"))
                && texts.iter().any(|t| STEP_FIELDS.contains(&t.as_str()))
            {
                steps_header = Some(r);
                continue;
            }
            for (c, text) in texts.iter().enumerate() {
                let Some((key, _)) = FORM_LABELS.iter().find(|(_, names)| names.contains(&text.as_str())) else {
                    continue;
                };
                let value = (c + 1..row.len()).find(|&v| !matches!(texts[v].as_str(), "" | ":"));
                if let Some(v) = value
                    && !values.contains_key(key)
                {
                    values.insert(key, (row[v].clone(), at(r, v)));
                }
                break;
            }
        }
        if !["sop", "nomor", "tanggal"].iter().all(|k| values.contains_key(k)) {
            continue;
        }
        let text = |key: &str| values.get(key).map(|(d, _)| d.to_string().trim().to_owned()).filter(|t| !t.is_empty());
        let date = |key: &str| -> Result<Option<Tanggal>, Diagnostic> {
            match values.get(key) {
                None => Ok(None),
                Some((data, cell)) => cell_date(data).map(Some).map_err(|m| cell_error(name, cell, m)),
            }
        };
        let mut cells: HashMap<String, CellRef> =
            values.iter().map(|(k, (_, cell))| ((*k).to_owned(), cell.clone())).collect();
        let jenis = match text("jenis").map(|t| jenis_in(name, &values["jenis"].1, &t)).transpose() {
            Ok(jenis) => jenis,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        let (tanggal, mulai, sampai) = match (date("tanggal"), date("periode.mulai"), date("periode.sampai")) {
            (Ok(Some(t)), Ok(m), Ok(s)) => (t, m, s),
            (t, m, s) => {
                errors.extend([t.err(), m.err(), s.err()].into_iter().flatten());
                continue;
            }
        };
        let mut langkah = Vec::new();
        if let Some(h) = steps_header {
            let header: Vec<String> = rows[h].iter().map(|d| normalise(&d.to_string())).collect();
            for (r, row) in rows.iter().enumerate().skip(h + 1) {
                if row.iter().all(|d| d.to_string().trim().is_empty()) {
                    break;
                }
                let number = row.first().map(|d| d.to_string().trim().trim_end_matches('.').to_owned());
                let Some(number) = number.and_then(|n| n.parse::<f64>().ok()).filter(|n| *n >= 1.0) else {
                    errors.push(cell_error(name, &at(r, 0), crate::tr!("record-step-number")));
                    continue;
                };
                let index = langkah.len();
                let mut realisasi = Realisasi { langkah: Some(Target::Nomor(number as u64)), ..Realisasi::default() };
                cells.insert(format!("langkah[{index}]"), at(r, 0));
                cells.insert(format!("langkah[{index}].langkah"), at(r, 0));
                for (c, field) in header.iter().enumerate().skip(1) {
                    let value = row.get(c).map(cell_text).unwrap_or_default();
                    if !value.is_empty() && realisasi.set(field, value) {
                        cells.insert(format!("langkah[{index}].{field}"), at(r, c));
                    }
                }
                langkah.push(realisasi);
            }
        }
        let def = RunDef {
            jenis,
            tempat: text("tempat"),
            judul: text("judul"),
            periode: mulai.zip(sampai).map(|(mulai, sampai)| Periode { mulai, sampai }),
            ringkasan: text("ringkasan"),
            langkah,
            ..RunDef::new(text("sop").unwrap_or_default(), text("nomor").unwrap_or_default(), tanggal)
        };
        let row = values["sop"].1.clone();
        runs.push(Run {
            source: format!("{name}#{sheet}"),
            base: base.clone(),
            stem: format!("{stem}-{}", crate::util::text::file_stem(&sheet)),
            def,
            origin: Origin::Row { file: name.to_owned(), row, cells },
            attached: None,
        });
    }
    if errors.is_empty() { Ok(runs) } else { Err(errors.into()) }
}

const STEP_FIELDS: [&str; 6] = ["oleh", "mulai", "selesai", "durasi", "output", "catatan"];

/// One run per row. Step columns are headed `Langkah <n> <field>` (or
/// `<n> <field>`), field one of Oleh, Mulai, Selesai, Durasi, Output,
/// Catatan.
fn read_rows(path: &Path, name: &str, stem: &str, base: PathBuf) -> Result<Vec<Run>, Diagnostics> {
    let table = read_table(path, name, None, ROW_COLUMNS)?;
    let steps = step_columns(&table.header_texts);
    let mut runs = Vec::new();
    let mut errors = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        let mut cells: HashMap<String, CellRef> = HashMap::new();
        // Keyed by the paths that messages name (`DocPath`'s display).
        for (i, key) in
            ["sop", "nomor", "tanggal", "jenis", "tempat", "judul", "periode.mulai", "periode.sampai", "ringkasan"]
                .iter()
                .enumerate()
        {
            if let Some((_, cell)) = row.cell(i) {
                cells.insert((*key).to_owned(), cell.clone());
            }
        }
        let row_cell = row.cell(0).map(|(_, c)| c.clone()).expect("the SOP column is required");
        let optional = |i: usize| Some(row.text(i)).filter(|t| !t.is_empty());
        let date = |i: usize| -> Result<Option<Tanggal>, Diagnostic> {
            match row.cell(i) {
                Some((Data::Empty, _)) | None => Ok(None),
                Some((data, cell)) => cell_date(data).map(Some).map_err(|m| cell_error(name, cell, m)),
            }
        };
        let jenis_cell = row.cell(3).map_or(&row_cell, |(_, c)| c);
        let jenis = match optional(3).map(|t| jenis_in(name, jenis_cell, &t)).transpose() {
            Ok(jenis) => jenis,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        let dates = (date(2), date(6), date(7));
        let (tanggal, mulai, sampai) = match dates {
            (Ok(Some(t)), Ok(m), Ok(s)) => (t, m, s),
            (Ok(None), _, _) => {
                errors.push(cell_error(name, &row.cell(2).expect("required").1, crate::tr!("record-no-tanggal")));
                continue;
            }
            (t, m, s) => {
                errors.extend([t.err(), m.err(), s.err()].into_iter().flatten());
                continue;
            }
        };
        let mut langkah = Vec::new();
        for (number, fields) in &steps {
            let mut realisasi = Realisasi { langkah: Some(Target::Nomor(*number as u64)), ..Realisasi::default() };
            let mut any = false;
            for (field, column) in fields {
                let cell = CellRef { col: row.first.col + *column as u32, ..row.first.clone() };
                let Some(value) = row.all.get(*column).map(cell_text).filter(|v| !v.is_empty()) else { continue };
                any |= realisasi.set(field, value);
                cells.insert(format!("langkah[{}].{field}", langkah.len()), cell);
            }
            if any {
                cells.insert(format!("langkah[{}]", langkah.len()), row_cell.clone());
                cells.insert(format!("langkah[{}].langkah", langkah.len()), row_cell.clone());
                langkah.push(realisasi);
            }
        }
        let def = RunDef {
            jenis,
            tempat: optional(4),
            judul: optional(5),
            periode: mulai.zip(sampai).map(|(mulai, sampai)| Periode { mulai, sampai }),
            ringkasan: optional(8),
            langkah,
            ..RunDef::new(row.text(0), row.text(1), tanggal)
        };
        runs.push(Run {
            source: format!("{name}#{}", row_cell.row + 1),
            base: base.clone(),
            stem: format!("{stem}-{}", index + 1),
            def,
            origin: Origin::Row { file: name.to_owned(), row: row_cell, cells },
            attached: None,
        });
    }
    if runs.is_empty() && errors.is_empty() {
        errors.push(Diagnostic::error(crate::tr!("record-no-runs", name = name, sheet = table.sheet)));
    }
    if errors.is_empty() { Ok(runs) } else { Err(errors.into()) }
}

/// Step columns of the header row: step number -> [(field, column index)].
fn step_columns(header: &[String]) -> Vec<(usize, Vec<(&'static str, usize)>)> {
    let mut steps: std::collections::BTreeMap<usize, Vec<(&'static str, usize)>> = Default::default();
    for (c, cell) in header.iter().enumerate() {
        let text = normalise(cell);
        let text = text.strip_prefix("langkah").unwrap_or(&text);
        let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
        let Ok(number) = digits.parse::<usize>() else { continue };
        if let Some(field) = STEP_FIELDS.iter().find(|f| text[digits.len()..] == ***f) {
            steps.entry(number).or_default().push((field, c));
        }
    }
    steps.into_iter().collect()
}

/// An Excel serial date-time as `yyyy-mm-dd hh:mm`.
fn excel_moment(serial: f64) -> String {
    let days = serial.floor() as i64 - 25_569;
    let minutes = ((serial - serial.floor()) * 1440.0).round() as i64;
    match Tanggal::from_unix_days(days) {
        Some(date) => {
            format!("{:04}-{:02}-{:02} {:02}:{:02}", date.year, date.month, date.day, minutes / 60, minutes % 60)
        }
        None => serial.to_string(),
    }
}
