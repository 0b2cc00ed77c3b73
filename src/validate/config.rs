//! Stage 2, validate: the project's settings (`sopkit.toml`) checked once: units and their
//! kop, files it names, sizes within reason, TTE markers and URL, working
//! time and the risk matrix.

use std::path::Path;

use super::known_list;
use crate::diagnostic::Diagnostics;
use crate::load::{DocPath, Loaded};
use crate::model::config::{DATE_PADDED, DATE_PLAIN};
use crate::model::{LaporanConfig, ProjectConfig, WorkingTime};

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
    for (i, key) in value.laporan.penandatangan.iter().enumerate() {
        if !value.officials.contains_key(key) {
            diagnostics.push(
                config
                    .error_at(
                        &path.key("laporan").key("penandatangan").index(i),
                        crate::tr!("config-unknown-official", official = key),
                    )
                    .with_hint(known_list("officials", key, value.officials.keys())),
            );
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
