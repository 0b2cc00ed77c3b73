//! The data of a security-monitoring run, and its tables when they are
//! kept in a spreadsheet (`monitoring:
//! berkas:`): targets and schedule, results, findings. Each table is found
//! on its own sheet by its header names; every value keeps its cell, so that
//! a mistake found later (a finding's unknown level, a result for a target
//! not in the run) is reported at that cell.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostics;
use crate::load::spreadsheet::{CellRef, Column, Table, cell_error, find_table, normalise, read_table};

/// The data of a security-monitoring report.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MonitoringRun {
    /// A workbook holding the tables (targets, results, findings, each on
    /// its own sheet, found by its header), relative to the run record;
    /// its rows follow the ones listed here.
    #[serde(default)]
    pub berkas: Option<PathBuf>,
    #[serde(default)]
    pub target: Vec<MonitoringTarget>,
    #[serde(default)]
    pub hasil: Vec<Hasil>,
    #[serde(default)]
    pub temuan: Vec<Temuan>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MonitoringTarget {
    pub aplikasi: String,
    #[serde(default)]
    pub alamat: Option<String>,
    pub jadwal: String,
    #[serde(default)]
    pub pelaksana: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Hasil {
    pub target: String,
    pub aspek: String,
    pub hasil: String,
    /// Whether the check passed.
    #[serde(default = "yes")]
    pub sesuai: bool,
    #[serde(default)]
    pub keterangan: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Temuan {
    pub target: String,
    pub temuan: String,
    /// A level name of `[risiko]` (Sangat Rendah .. Sangat Tinggi).
    pub tingkat: String,
    pub rekomendasi: String,
    #[serde(default)]
    pub tindak_lanjut: Option<String>,
    /// `selesai`, `proses` or `belum`.
    pub status: Status,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Selesai,
    Proses,
    Belum,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Selesai => "Selesai",
            Status::Proses => "Dalam proses",
            Status::Belum => "Belum ditindaklanjuti",
        }
    }
}

const TARGET: &[Column] = &[
    Column { key: "Aplikasi", names: &["aplikasi", "target", "sistem"], required: true },
    Column { key: "Alamat", names: &["alamat", "url", "alamaturl"], required: false },
    Column { key: "Jadwal", names: &["jadwal", "waktu", "jadwalmonitoring"], required: true },
    Column { key: "Pelaksana", names: &["pelaksana", "petugas"], required: false },
];

const HASIL: &[Column] = &[
    Column { key: "Aplikasi", names: &["aplikasi", "target"], required: true },
    Column { key: "Aspek", names: &["aspek", "aspekyangdiperiksa"], required: true },
    Column { key: "Hasil", names: &["hasil", "hasilmonitoring"], required: true },
    Column { key: "Sesuai", names: &["sesuai", "memenuhi"], required: false },
    Column { key: "Keterangan", names: &["keterangan", "catatan"], required: false },
];

const TEMUAN: &[Column] = &[
    Column { key: "Aplikasi", names: &["aplikasi", "target"], required: true },
    Column { key: "Temuan", names: &["temuan", "uraiantemuan"], required: true },
    Column { key: "Tingkat", names: &["tingkat", "tingkatrisiko", "level", "levelrisiko"], required: true },
    Column { key: "Rekomendasi", names: &["rekomendasi"], required: true },
    Column { key: "Tindak Lanjut", names: &["tindaklanjut"], required: false },
    Column { key: "Status", names: &["status", "statustindaklanjut"], required: true },
];

/// What a workbook adds to a monitoring run, and where each value stands
/// (keyed by the path messages name, e.g. `monitoring.temuan[2].tingkat`).
#[derive(Debug, Default)]
pub struct Tables {
    pub target: Vec<MonitoringTarget>,
    pub hasil: Vec<Hasil>,
    pub temuan: Vec<Temuan>,
    pub cells: HashMap<String, CellRef>,
}

/// Reads the tables; `offsets` are how many of each the record itself
/// lists (the workbook's follow them).
pub fn read(path: &Path, name: &str, offsets: (usize, usize, usize)) -> Result<Tables, Diagnostics> {
    let mut tables = Tables::default();
    let mut errors = Vec::new();
    let targets = find_table(path, name, None, TARGET)?;
    let results = find_table(path, name, None, HASIL)?;
    let findings = find_table(path, name, None, TEMUAN)?;
    if targets.is_none() && results.is_none() && findings.is_none() {
        // The error of the most likely table says what is missing.
        return Err(read_table(path, name, None, TARGET).err().unwrap_or_default());
    }
    let keep = |path: String, cell: Option<&CellRef>, tables: &mut Tables| {
        if let Some(cell) = cell {
            tables.cells.insert(path, cell.clone());
        }
    };
    for (i, row) in rows(&targets).iter().enumerate() {
        let at = format!("monitoring.target[{}]", offsets.0 + i);
        keep(format!("{at}.aplikasi"), row.cell(0).map(|(_, c)| c), &mut tables);
        tables.target.push(MonitoringTarget {
            aplikasi: row.text(0),
            alamat: Some(row.text(1)).filter(|t| !t.is_empty()),
            jadwal: row.text(2),
            pelaksana: Some(row.text(3)).filter(|t| !t.is_empty()),
        });
    }
    for (i, row) in rows(&results).iter().enumerate() {
        let at = format!("monitoring.hasil[{}]", offsets.1 + i);
        keep(format!("{at}.target"), row.cell(0).map(|(_, c)| c), &mut tables);
        let sesuai = match normalise(&row.text(3)).as_str() {
            "" | "ya" | "y" | "v" | "sesuai" | "true" | "1" | "memenuhi" => true,
            "tidak" | "t" | "x" | "tidaksesuai" | "false" | "0" | "tidakmemenuhi" => false,
            other => {
                let cell = row.cell(3).map(|(_, c)| c.clone()).unwrap_or_else(|| row.first.clone());
                errors.push(cell_error(name, &cell, crate::tr!("monitoring-sesuai", value = other)));
                continue;
            }
        };
        tables.hasil.push(Hasil {
            target: row.text(0),
            aspek: row.text(1),
            hasil: row.text(2),
            sesuai,
            keterangan: Some(row.text(4)).filter(|t| !t.is_empty()),
        });
    }
    for (i, row) in rows(&findings).iter().enumerate() {
        let at = format!("monitoring.temuan[{}]", offsets.2 + i);
        keep(format!("{at}.target"), row.cell(0).map(|(_, c)| c), &mut tables);
        keep(format!("{at}.tingkat"), row.cell(2).map(|(_, c)| c), &mut tables);
        let status = match normalise(&row.text(5)).as_str() {
            "selesai" | "sudah" | "sudahditindaklanjuti" => Status::Selesai,
            "proses" | "dalamproses" => Status::Proses,
            "belum" | "belumditindaklanjuti" | "" => Status::Belum,
            other => {
                let cell = row.cell(5).map(|(_, c)| c.clone()).unwrap_or_else(|| row.first.clone());
                errors.push(cell_error(name, &cell, crate::tr!("monitoring-status", value = other)));
                continue;
            }
        };
        tables.temuan.push(Temuan {
            target: row.text(0),
            temuan: row.text(1),
            tingkat: row.text(2),
            rekomendasi: row.text(3),
            tindak_lanjut: Some(row.text(4)).filter(|t| !t.is_empty()),
            status,
        });
    }
    if errors.is_empty() { Ok(tables) } else { Err(errors.into()) }
}

/// A table's rows that hold something in their first column (notes under
/// a table fill other cells only).
fn rows(table: &Option<Table>) -> Vec<&crate::load::spreadsheet::TableRow> {
    table.iter().flat_map(|t| t.rows.iter()).filter(|r| !r.text(0).is_empty()).collect()
}
