//! The risk register of a "Laporan hasil analisis risiko SPBE"
//! (PermenPAN-RB 5/2020, docs/domain.md section 4): read from a spreadsheet by
//! its headers, besaran read from the matrix (never multiplied), levels and
//! colours from bands a project can override, selera risiko per kategori.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::spreadsheet::{CellRef, Column, TableRow, cell_warning, read_table};
use crate::model::RisikoConfig;

/// One risk of the register, analysed.
#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    pub id: String,
    pub unit: String,
    pub sasaran: String,
    pub jenis: String,
    pub kategori: String,
    pub kejadian: String,
    pub penyebab: String,
    pub dampak: String,
    pub area_dampak: String,
    pub pengendalian: String,
    pub kemungkinan_level: u8,
    pub dampak_level: u8,
    pub besaran: u8,
    pub level: String,
    pub warna: String,
    pub keputusan: String,
    pub prioritas: String,
    pub opsi: String,
    pub rencana_aksi: String,
    pub keluaran: String,
    pub jadwal: String,
    pub penanggung_jawab: String,
    pub residual: Option<Residual>,
    /// Whether its besaran is at or above the selera of its kategori.
    pub di_atas_selera: bool,
    pub selera: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct Residual {
    pub kemungkinan_level: u8,
    pub dampak_level: u8,
    pub besaran: u8,
    pub level: String,
    pub warna: String,
}

const COLUMNS: &[Column] = &[
    Column { key: "ID", names: &["id", "idrisiko", "kode", "koderisiko", "no"], required: true },
    Column { key: "Unit Pemilik Risiko", names: &["unitpemilikrisiko", "pemilikrisiko", "unit"], required: false },
    Column { key: "Sasaran", names: &["sasaran", "sasaranunit", "sasaranspbe"], required: false },
    Column { key: "Jenis Risiko", names: &["jenisrisiko", "jenis"], required: false },
    Column { key: "Kategori", names: &["kategori", "kategoririsiko"], required: true },
    Column { key: "Kejadian", names: &["kejadian", "risiko", "kejadianrisiko", "peristiwarisiko"], required: true },
    Column { key: "Penyebab", names: &["penyebab", "penyebabrisiko"], required: false },
    Column { key: "Dampak", names: &["dampak", "dampakrisiko", "uraiandampak"], required: false },
    Column { key: "Area Dampak", names: &["areadampak"], required: false },
    Column {
        key: "Sistem Pengendalian",
        names: &["sistempengendalian", "pengendalian", "pengendalianyangada"],
        required: false,
    },
    Column { key: "Level Kemungkinan", names: &["levelkemungkinan", "kemungkinan"], required: true },
    Column { key: "Level Dampak", names: &["leveldampak"], required: true },
    Column { key: "Besaran Risiko", names: &["besaranrisiko", "besaran"], required: false },
    Column { key: "Level Risiko", names: &["levelrisiko"], required: false },
    Column { key: "Keputusan Penanganan", names: &["keputusanpenanganan", "ditangani"], required: false },
    Column { key: "Prioritas", names: &["prioritas", "prioritasrisiko"], required: false },
    Column { key: "Opsi Penanganan", names: &["opsipenanganan", "opsi"], required: false },
    Column {
        key: "Rencana Aksi",
        names: &["rencanaaksi", "rencanaaksipenanganan", "rencanapenanganan"],
        required: false,
    },
    Column { key: "Keluaran", names: &["keluaran", "output"], required: false },
    Column { key: "Jadwal", names: &["jadwal", "jadwalpelaksanaan", "waktu"], required: false },
    Column { key: "Penanggung Jawab", names: &["penanggungjawab", "pj"], required: false },
    Column {
        key: "Kemungkinan Residual",
        names: &["kemungkinanresidual", "levelkemungkinanresidual"],
        required: false,
    },
    Column { key: "Dampak Residual", names: &["dampakresidual", "leveldampakresidual"], required: false },
];

/// Positions in [`COLUMNS`].
mod col {
    pub const ID: usize = 0;
    pub const UNIT: usize = 1;
    pub const SASARAN: usize = 2;
    pub const JENIS: usize = 3;
    pub const KATEGORI: usize = 4;
    pub const KEJADIAN: usize = 5;
    pub const PENYEBAB: usize = 6;
    pub const DAMPAK: usize = 7;
    pub const AREA_DAMPAK: usize = 8;
    pub const PENGENDALIAN: usize = 9;
    pub const KEMUNGKINAN: usize = 10;
    pub const LEVEL_DAMPAK: usize = 11;
    pub const BESARAN: usize = 12;
    pub const LEVEL: usize = 13;
    pub const KEPUTUSAN: usize = 14;
    pub const PRIORITAS: usize = 15;
    pub const OPSI: usize = 16;
    pub const RENCANA_AKSI: usize = 17;
    pub const KELUARAN: usize = 18;
    pub const JADWAL: usize = 19;
    pub const PENANGGUNG_JAWAB: usize = 20;
    pub const KEMUNGKINAN_RESIDUAL: usize = 21;
    pub const DAMPAK_RESIDUAL: usize = 22;
}

/// Opsi penanganan allowed per jenis risiko.
const OPSI_NEGATIF: [&str; 5] = ["eskalasi", "mitigasi", "transfer", "penghindaran", "penerimaan"];
const OPSI_POSITIF: [&str; 5] = ["eskalasi", "eksploitasi", "peningkatan", "pembagian", "penerimaan"];

/// Selera risiko: the minimum besaran that must be treated, per kategori.
pub struct Selera<'a> {
    pub default: u8,
    pub per_kategori: &'a indexmap::IndexMap<String, u8>,
}

impl Selera<'_> {
    fn of(&self, kategori: &str) -> u8 {
        self.per_kategori.iter().find(|(k, _)| k.eq_ignore_ascii_case(kategori)).map_or(self.default, |(_, v)| *v)
    }
}

/// Reads and analyses the register; warnings name the sheet and cell.
pub fn read_register(
    path: &std::path::Path,
    name: &str,
    sheet: Option<&str>,
    config: &RisikoConfig,
    selera: &Selera,
) -> Result<(Vec<Risk>, Diagnostics), Diagnostics> {
    let table = read_table(path, name, sheet, COLUMNS)?;
    let mut risks = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Diagnostics::default();
    for row in &table.rows {
        // Notes and signature lines under the table fill one cell only.
        if [col::KATEGORI, col::KEJADIAN, col::KEMUNGKINAN, col::LEVEL_DAMPAK].iter().all(|&i| row.text(i).is_empty()) {
            continue;
        }
        match risk_of(row, name, config, selera, &mut warnings) {
            Ok(risk) => risks.push(risk),
            Err(error) => errors.push(error),
        }
    }
    if risks.is_empty() && errors.is_empty() {
        errors.push(Diagnostic::error(crate::tr!("risk-none", name = name, sheet = table.sheet)));
    }
    if errors.is_empty() { Ok((risks, warnings)) } else { Err(errors.into()) }
}

fn risk_of(
    row: &TableRow,
    file: &str,
    config: &RisikoConfig,
    selera: &Selera,
    warnings: &mut Diagnostics,
) -> Result<Risk, Diagnostic> {
    let text = |i: usize| row.text(i);
    let level_at = |i: usize, what: &str| -> Result<Option<u8>, Diagnostic> {
        let Some((data, cell)) = row.cell(i) else { return Ok(None) };
        let text = data.to_string();
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        // "3", "3.0" or "3 - Kadang-Kadang Terjadi".
        let number: String = text.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        match number.parse::<f64>() {
            Ok(v) if v.fract() == 0.0 && (1.0..=5.0).contains(&v) => Ok(Some(v as u8)),
            _ => Err(crate::load::spreadsheet::cell_error(
                file,
                cell,
                crate::tr!("risk-level-range", what = what, text = text),
            )),
        }
    };
    let required = |i: usize, what: &str| -> Result<u8, Diagnostic> {
        level_at(i, what)?.ok_or_else(|| {
            let cell = row.cell(i).map(|(_, c)| c.clone()).expect("a required column");
            crate::load::spreadsheet::cell_error(file, &cell, format!("no {what}"))
        })
    };
    let kemungkinan = required(col::KEMUNGKINAN, "level kemungkinan")?;
    let dampak = required(col::LEVEL_DAMPAK, "level dampak")?;
    let besaran = config.besaran(kemungkinan, dampak);
    let band = config.band(besaran);
    let cell_of = |i: usize| -> Option<CellRef> { row.cell(i).map(|(_, c)| c.clone()) };
    // A besaran written in the sheet that disagrees with the matrix (often
    // a product kemungkinan x dampak) is corrected, with a warning.
    if let Some(cell) = cell_of(col::BESARAN)
        && let Ok(written) = text(col::BESARAN).parse::<f64>()
        && written != f64::from(besaran)
    {
        warnings.push(cell_warning(
            file,
            &cell,
            crate::tr!(
                "risk-besaran-differs",
                written = written,
                kemungkinan = kemungkinan,
                dampak = dampak,
                besaran = besaran
            ),
        ));
    }
    let written_level = text(col::LEVEL);
    if !written_level.is_empty()
        && !written_level.eq_ignore_ascii_case(&band.nama)
        && let Some(cell) = cell_of(col::LEVEL)
    {
        warnings.push(cell_warning(
            file,
            &cell,
            crate::tr!("risk-level-differs", written = written_level, besaran = besaran, level = band.nama),
        ));
    }
    let jenis = text(col::JENIS);
    let opsi = text(col::OPSI);
    if !opsi.is_empty() {
        let allowed: &[&str] = if jenis.to_lowercase().contains("positif") { &OPSI_POSITIF } else { &OPSI_NEGATIF };
        if !allowed.contains(&opsi.to_lowercase().as_str())
            && let Some(cell) = cell_of(col::OPSI)
        {
            warnings.push(cell_warning(
                file,
                &cell,
                crate::tr!(
                    "risk-opsi",
                    opsi = opsi,
                    kind = if allowed == OPSI_POSITIF { "positif" } else { "negatif" },
                    allowed = allowed.join(", ")
                ),
            ));
        }
    }
    let residual = match (
        level_at(col::KEMUNGKINAN_RESIDUAL, "kemungkinan residual")?,
        level_at(col::DAMPAK_RESIDUAL, "dampak residual")?,
    ) {
        (Some(k), Some(d)) => {
            let besaran = config.besaran(k, d);
            let band = config.band(besaran);
            Some(Residual {
                kemungkinan_level: k,
                dampak_level: d,
                besaran,
                level: band.nama.clone(),
                warna: band.warna.clone(),
            })
        }
        _ => None,
    };
    let kategori = text(col::KATEGORI);
    let threshold = selera.of(&kategori);
    Ok(Risk {
        id: text(col::ID),
        unit: text(col::UNIT),
        sasaran: text(col::SASARAN),
        jenis,
        kategori,
        kejadian: text(col::KEJADIAN),
        penyebab: text(col::PENYEBAB),
        dampak: text(col::DAMPAK),
        area_dampak: text(col::AREA_DAMPAK),
        pengendalian: text(col::PENGENDALIAN),
        kemungkinan_level: kemungkinan,
        dampak_level: dampak,
        besaran,
        level: band.nama.clone(),
        warna: band.warna.clone(),
        keputusan: text(col::KEPUTUSAN),
        prioritas: text(col::PRIORITAS),
        opsi,
        rencana_aksi: text(col::RENCANA_AKSI),
        keluaran: text(col::KELUARAN),
        jadwal: text(col::JADWAL),
        penanggung_jawab: text(col::PENANGGUNG_JAWAB),
        residual,
        di_atas_selera: besaran >= threshold,
        selera: threshold,
    })
}

/// A 5x5 heat map: rows kemungkinan 5..1, columns dampak 1..5; each cell
/// its besaran, colour and the IDs of the risks in it.
#[derive(Debug, Clone, Serialize)]
pub struct HeatCell {
    pub besaran: u8,
    pub warna: String,
    pub ids: Vec<String>,
}

pub fn heat_map(config: &RisikoConfig, points: impl Iterator<Item = (u8, u8, String)>) -> Vec<Vec<HeatCell>> {
    let mut map: Vec<Vec<HeatCell>> = (1..=5u8)
        .rev()
        .map(|k| {
            (1..=5u8)
                .map(|d| {
                    let besaran = config.besaran(k, d);
                    HeatCell { besaran, warna: config.band(besaran).warna.clone(), ids: Vec::new() }
                })
                .collect()
        })
        .collect();
    for (k, d, id) in points {
        map[usize::from(5 - k)][usize::from(d - 1)].ids.push(id);
    }
    map
}

/// Risks at or above their selera, highest besaran first (then by
/// kemungkinan, then in register order).
pub fn ranked(risks: &[Risk]) -> Vec<Risk> {
    let mut above: Vec<Risk> = risks.iter().filter(|r| r.di_atas_selera).cloned().collect();
    above.sort_by(|a, b| b.besaran.cmp(&a.besaran).then(b.kemungkinan_level.cmp(&a.kemungkinan_level)));
    above
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_positions_name_their_columns() {
        assert_eq!(COLUMNS[col::KEMUNGKINAN].key, "Level Kemungkinan");
        assert_eq!(COLUMNS[col::OPSI].key, "Opsi Penanganan");
        assert_eq!(COLUMNS[col::DAMPAK_RESIDUAL].key, "Dampak Residual");
        assert_eq!(COLUMNS.len(), col::DAMPAK_RESIDUAL + 1);
    }

    #[test]
    fn besaran_comes_from_the_matrix_not_a_product() {
        let config = RisikoConfig::default();
        assert_eq!(config.besaran(5, 1), 9);
        assert_eq!(config.besaran(1, 5), 20);
        assert_eq!(config.besaran(3, 3), 14);
        assert_eq!(config.besaran(4, 5), 24);
        assert_eq!(config.band(20).nama, "Sangat Tinggi");
        assert_eq!(config.band(11).nama, "Sedang");
        assert!(config.problems().is_empty());
    }

    #[test]
    fn bands_must_cover_every_besaran_once() {
        let mut config = RisikoConfig::default();
        config.level[1].max = 12;
        config.level.pop();
        let problems = config.problems();
        assert!(problems.iter().any(|p| p.contains("besaran 11 is in several")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("besaran 25 is in no level band")), "{problems:?}");
    }

    #[test]
    fn the_heat_map_puts_kemungkinan_5_on_top() {
        let config = RisikoConfig::default();
        let map = heat_map(&config, [(5, 1, "R1".to_owned()), (1, 5, "R2".to_owned())].into_iter());
        assert_eq!(map[0][0].ids, ["R1"]);
        assert_eq!(map[0][0].besaran, 9);
        assert_eq!(map[4][4].ids, ["R2"]);
        assert_eq!(map[4][4].besaran, 20);
    }
}
