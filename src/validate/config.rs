//! Stage 2, validate: the project's settings (`sopkit.toml`) checked once: units and their
//! kop, files it names, sizes within reason, the house style, TTE markers
//! and URL, working time and the risk matrix; and each step's values
//! against the project's mutu baku columns.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{DocPath, Loaded};
use crate::model::config::{DATE_PADDED, DATE_PLAIN, STEP_MUTU_BAKU};
use crate::model::{LaporanConfig, MutuColumn, ProjectConfig, SopDef, WorkingTime};
use crate::util::text::known_list;

/// Checks `sopkit.toml`; returns its working time (the default one when
/// `[laporan]` is wrong, which is then an error in `diagnostics`).
pub fn validate_config(config: &Loaded<ProjectConfig>, root: &Path, diagnostics: &mut Diagnostics) -> WorkingTime {
    let value = &config.value;
    let path = DocPath::root();
    if value.units.is_empty() {
        diagnostics.push(config.error_at(&path.key("units"), crate::tr!("config-no-units")));
    }
    if let Some(main) = &value.unit_utama
        && !value.units.contains_key(main)
    {
        diagnostics.push(
            config
                .error_at(&path.key("unit_utama"), crate::tr!("config-unknown-unit", unit = main))
                .with_hint(known_list("units", main, value.units.keys())),
        );
    }
    for (key, unit) in &value.units {
        if unit.kop.is_empty() {
            diagnostics.push(config.error_at(&path.key("units").key(key).key("kop"), crate::tr!("config-no-kop")));
        }
        if let Some(logo) = &unit.logo {
            check_file(config, &path.key("units").key(key).key("logo"), root, logo, diagnostics);
        }
    }
    if let Some(logo) = &value.logo {
        check_file(config, &path.key("logo"), root, logo, diagnostics);
    }
    if let Some(dir) = &value.format.fonts_dir
        && !root.join(dir).is_dir()
    {
        diagnostics.push(
            config
                .error_at(&path.key("format").key("fonts_dir"), crate::tr!("config-no-fonts-dir", dir = dir.display())),
        );
    }
    let size = value.format.font_size;
    if !(4.0..=24.0).contains(&size) {
        diagnostics.push(config.error_at(&path.key("format").key("font_size"), crate::tr!("config-font-size")));
    }
    if !(5.0..=40.0).contains(&value.format.margin_mm) {
        diagnostics.push(config.error_at(&path.key("format").key("margin_mm"), crate::tr!("config-margin")));
    }
    if !(16.0..=144.0).contains(&value.format.signature_box_pt) {
        diagnostics
            .push(config.error_at(&path.key("format").key("signature_box_pt"), crate::tr!("config-signature-box")));
    }
    validate_house_style(config, diagnostics);
    validate_tte(config, diagnostics);
    let working_time = WorkingTime::from_config(&value.laporan).unwrap_or_else(|message| {
        diagnostics.push(config.error_at(&path.key("laporan"), message));
        WorkingTime::from_config(&LaporanConfig::default()).expect("the default working time is valid")
    });
    let signers = [("laporan", &value.laporan.penandatangan), ("monev", &value.monev.penandatangan)];
    for (table, list) in signers {
        for (i, key) in list.iter().enumerate() {
            if value.signer(key).is_none() {
                let keys: Vec<String> = value.signer_keys().into_iter().map(str::to_owned).collect();
                diagnostics.push(
                    config
                        .error_at(
                            &path.key(table).key("penandatangan").index(i),
                            crate::tr!("config-unknown-official", official = key),
                        )
                        .with_hint(known_list("officials", key, keys.iter())),
                );
            }
        }
    }
    for problem in value.risiko.problems() {
        diagnostics.push(config.error_at(&path.key("risiko"), problem));
    }
    working_time
}

/// The date style is one of its two examples; a header the project gives
/// has words.
fn validate_house_style(config: &Loaded<ProjectConfig>, diagnostics: &mut Diagnostics) {
    let format = &config.value.format;
    let path = DocPath::root().key("format");
    if ![DATE_PADDED, DATE_PLAIN].contains(&format.tanggal.trim()) {
        diagnostics.push(
            config
                .error_at(
                    &path.key("tanggal"),
                    crate::tr!("config-date-style", value = &format.tanggal, padded = DATE_PADDED, plain = DATE_PLAIN),
                )
                .with_hint(crate::tr!("config-date-style-hint", plain = DATE_PLAIN)),
        );
    }
    for (key, header) in format.judul_kolom.given() {
        if header.trim().is_empty() {
            diagnostics.push(
                config
                    .error_at(&path.key("judul_kolom").key(key), crate::tr!("config-empty-header", key = key))
                    .with_hint(crate::tr!("config-empty-header-hint")),
            );
        }
    }
    validate_mutu_baku(config, diagnostics);
}

/// The relative widths a mutu baku column may have (Kegiatan's is 22).
const MUTU_WIDTHS: std::ops::RangeInclusive<f64> = 1.0..=40.0;

/// `[format] mutu_baku`: at least one column; each a step's own key or a
/// column of the project's own with its header; no key twice; headers
/// with words; widths within reason.
fn validate_mutu_baku(config: &Loaded<ProjectConfig>, diagnostics: &mut Diagnostics) {
    let Some(columns) = &config.value.format.mutu_baku else { return };
    let path = DocPath::root().key("format").key("mutu_baku");
    if columns.is_empty() {
        diagnostics.push(
            config.error_at(&path, crate::tr!("config-mutu-none")).with_hint(crate::tr!("config-mutu-none-hint")),
        );
    }
    for (i, column) in columns.iter().enumerate() {
        let at = path.index(i);
        let key = column.kolom.as_str();
        if columns[..i].iter().any(|c| c.kolom == key) {
            diagnostics.push(config.error_at(&at.key("kolom"), crate::tr!("config-mutu-twice", key = key)));
        }
        if column.judul.as_deref().is_some_and(|judul| judul.trim().is_empty()) {
            diagnostics.push(
                config
                    .error_at(&at.key("judul"), crate::tr!("config-empty-header", key = key))
                    .with_hint(crate::tr!("config-empty-header-hint")),
            );
        }
        match &column.judul {
            // A column of the project's own: a key a step can write.
            Some(_) if !column.is_step_key() && !is_key(key) => diagnostics.push(
                config
                    .error_at(&at.key("kolom"), crate::tr!("config-mutu-key", key = key))
                    .with_hint(crate::tr!("config-mutu-key-hint")),
            ),
            // Without words of its own, only a step's own key has a header.
            None if !column.is_step_key() => {
                let own = STEP_MUTU_BAKU.map(String::from);
                diagnostics.push(
                    config.error_at(&at.key("kolom"), crate::tr!("config-mutu-unknown", key = key)).with_hint(format!(
                        "{}; {}",
                        known_list("mutu_baku", key, own.iter()),
                        crate::tr!("config-mutu-unknown-hint")
                    )),
                );
            }
            _ => {}
        }
        if let Some(width) = column.lebar
            && !MUTU_WIDTHS.contains(&width)
        {
            diagnostics.push(config.error_at(
                &at.key("lebar"),
                crate::tr!("config-mutu-width", least = MUTU_WIDTHS.start(), most = MUTU_WIDTHS.end()),
            ));
        }
    }
}

/// A column key a step can write under `mutu_baku:`: lower-case letters,
/// digits and underscores, a letter first.
fn is_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A column whose key `validate_mutu_baku` accepts.
fn known_column(column: &MutuColumn) -> bool {
    column.is_step_key() || (column.judul.is_some() && is_key(&column.kolom))
}

/// Each step's mutu baku values have a column in the project: a step's own
/// key (`kelengkapan`, `waktu`, `output`) one of `[format] mutu_baku`, and
/// every key under its `mutu_baku:` a column of the project's own. Not
/// checked against columns that are themselves wrong (sopkit.toml says so).
pub fn validate_step_columns(config: &ProjectConfig, doc: &Loaded<SopDef>, diagnostics: &mut Diagnostics) {
    let columns = config.format.mutu_baku_columns();
    if !columns.iter().all(known_column) {
        return;
    }
    let printed = |key: &str| columns.iter().any(|c| c.kolom == key);
    let own_keys: Vec<String> = columns.iter().filter(|c| !c.is_step_key()).map(|c| c.kolom.clone()).collect();
    // A step's own key without a column is said once, at its first step.
    let mut unprinted: Vec<&str> = Vec::new();
    for (i, step) in doc.value.langkah.iter().enumerate() {
        let at = DocPath::root().key("langkah").index(i);
        for (key, value) in [("kelengkapan", &step.kelengkapan), ("waktu", &step.waktu), ("output", &step.output)] {
            if value.is_some() && !printed(key) && !unprinted.contains(&key) {
                unprinted.push(key);
                diagnostics.push(
                    doc.error_at(&at.key(key), crate::tr!("validate-mutu-not-printed", key = key))
                        .with_hint(crate::tr!("validate-mutu-not-printed-hint", key = key)),
                );
            }
        }
        for key in step.mutu_baku.keys() {
            let hint = if STEP_MUTU_BAKU.contains(&key.as_str()) {
                crate::tr!("validate-mutu-step-key-hint", key = key)
            } else {
                known_list("mutu_baku", key, own_keys.iter())
            };
            if !own_keys.contains(key) {
                // At the key, the word that is wrong.
                let span = doc.map.key(&at.key("mutu_baku").key(key));
                diagnostics.push(
                    Diagnostic::error(crate::tr!("validate-mutu-unknown", key = key))
                        .at(&doc.file, span)
                        .with_hint(hint),
                );
            }
        }
    }
}

/// The longest verification URL pattern accepted.
const MAX_URL_PATTERN: usize = 1000;

/// Signing services take a one-character marker (`#`, `$`): longer ones,
/// letters (which occur in text) and repeats (two signers sharing one) are
/// refused; a footer needs the URL its QR code carries.
fn validate_tte(config: &Loaded<ProjectConfig>, diagnostics: &mut Diagnostics) {
    let tte = &config.value.tte;
    let path = DocPath::root().key("tte");
    for (i, marker) in tte.penanda.iter().enumerate() {
        let mut chars = marker.chars();
        let one = match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        };
        let problem = match one {
            None => Some(crate::tr!("config-marker-length", marker = marker)),
            Some(c) if c.is_alphanumeric() || c.is_whitespace() => {
                Some(crate::tr!("config-marker-text", marker = marker))
            }
            Some(_) if tte.penanda[..i].contains(marker) => Some(crate::tr!("config-marker-twice", marker = marker)),
            Some(_) => None,
        };
        if let Some(message) = problem {
            diagnostics.push(config.error_at(&path.key("penanda").index(i), message));
        }
    }
    match &tte.url {
        Some(url) if !(url.starts_with("https://") || url.starts_with("http://")) => {
            diagnostics.push(config.error_at(&path.key("url"), crate::tr!("config-url-scheme")));
        }
        // A QR code holds about 2 kB; a document's own parts ({berkas},
        // {nomor}) add at most a few hundred characters.
        Some(url) if url.len() > MAX_URL_PATTERN => diagnostics.push(
            config
                .error_at(&path.key("url"), crate::tr!("config-url-long", count = url.len()))
                .with_hint(crate::tr!("config-url-long-hint", most = MAX_URL_PATTERN)),
        ),
        None if tte.footer => diagnostics.push(
            config
                .error_at(&path.key("footer"), crate::tr!("config-footer-url"))
                .with_hint(crate::tr!("config-footer-url-hint")),
        ),
        _ => {}
    }
}

fn check_file(config: &Loaded<ProjectConfig>, path: &DocPath, root: &Path, file: &Path, diagnostics: &mut Diagnostics) {
    let resolved = root.join(file);
    let inside = resolved.canonicalize().map(|p| p.starts_with(root)).unwrap_or(false);
    if !resolved.is_file() {
        diagnostics.push(config.error_at(path, crate::tr!("config-file-missing", file = file.display())));
    } else if !inside {
        diagnostics.push(config.error_at(path, crate::tr!("config-file-outside", file = file.display())));
    }
}
