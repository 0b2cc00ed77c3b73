//! Stage 3, measure: how tall every row of the procedure table is.
//! Layout then breaks pages from real heights rather than a fixed number of
//! steps per page.
//!
//! Two ways, same answer: [`typeset`] sets plain text as Typst would (fast,
//! no compilation), and [`measure`] lets Typst set each cell at its
//! column's width in a measuring document (`measure.typ.j2`). The first is
//! tried first; anything it cannot vouch for goes to the second.

pub mod typeset;

use serde::Serialize;
use typst::foundations::Datetime;

use crate::compile::compile;
use crate::compile::introspect::query;
use crate::compile::world::Environment;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::layout::sheet::SheetBasics;
use crate::model::Format;
use crate::render::Templates;
use crate::render::sheet::Header;
use typeset::TextMetrics;

/// Heights the measurement pass reports for one SOP.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measured {
    pub title: f64,
    pub header: Header,
    pub rows: Vec<f64>,
}

/// `sk-cell-inset` in sopkit-lib.typ: every cell's padding.
const INSET_X: f64 = crate::layout::sheet::CELL_INSET_X;
const INSET_Y: f64 = 3.5;

/// `par(leading: 0.5em)` in measure.typ.j2.
const LEADING_EM: f64 = 0.5;

/// What sets the table's text without Typst, when the cells are sopkit's
/// own (no project override of `sopkit-lib.typ` or `measure.typ.j2`) and
/// the sheet's face has a regular and a bold cut.
/// The printed width of every exit label of a flow, on one line and as the
/// lines of its two-line form (see `layout::label_texts`), in the sheet's
/// italic; a label the face cannot set is left out (the layout then takes an
/// upper bound).
pub fn label_widths(fonts: &crate::compile::world::Fonts, family: &str, labels: &[&str]) -> Vec<(String, f64)> {
    labels
        .iter()
        .flat_map(|label| crate::layout::label_texts(label))
        .filter_map(|text| {
            Some((text.clone(), typeset::italic_width(fonts, family, crate::layout::LABEL_SIZE, &text)?))
        })
        .collect()
}

pub fn metrics_for(env: &Environment, templates: &Templates, format: &Format) -> Option<TextMetrics> {
    if !(templates.is_builtin("sopkit-lib.typ") && templates.is_builtin("measure.typ.j2")) {
        return None;
    }
    TextMetrics::new(env.fonts(), &format.font, format.font_size, LEADING_EM)
}

/// The heights `measure.typ.j2` would report for `sheet`, from
/// [`TextMetrics`]; `None` as soon as one text needs Typst.
pub fn without_typst(metrics: &TextMetrics, sheet: &SheetBasics) -> Option<Measured> {
    // sk-cell: a block padded by the inset; sk-head: the same in bold.
    let cell = |text: &str, bold: bool, width: f64| {
        Some(metrics.paragraph(text, bold, width - (INSET_X + INSET_X))? + (INSET_Y + INSET_Y))
    };
    let head = |text: &str, width: f64| cell(text, true, width);
    // The template prints widths with three decimals: set text at those.
    let cols: Vec<f64> = sheet.cols.iter().map(|&w| printed(w)).collect();
    let width = printed(sheet.width);
    let max = |heights: &[f64]| heights.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lanes = sheet.lanes.len();
    let labels = &sheet.profile.labels;
    let title = match &sheet.proc_title {
        // The template leaves an empty title out, subtitle and all.
        Some(title) if !title.is_empty() => {
            let lines: Vec<&str> = std::iter::once(title.as_str()).chain(sheet.proc_subtitle.as_deref()).collect();
            metrics.paragraphs(&lines, true, width)?
        }
        _ => 0.0,
    };
    let mutu = 2 + lanes;
    let lanes_width: f64 = cols[2..mutu].iter().sum();
    let mutu_width: f64 = cols[mutu..mutu + sheet.mutu_baku.len()].iter().sum();
    let h1 = max(&[head(&labels.pelaksana, lanes_width)?, head(&labels.mutu_baku, mutu_width)?]);
    // A name across its column, as `sk-lane-head` sets one whose longest
    // unbreakable piece (to a space, a slash or a hyphen) fits; a name broken at its syllables or turned up the column
    // (or too close to call) is left to Typst.
    for (name, &width) in sheet.lanes.iter().zip(&cols[2..2 + lanes]) {
        let pieces = name.replace('/', "/ ").replace('-', "- ");
        let widest =
            pieces.split(' ').map(|piece| metrics.width(piece, true)).try_fold(0.0, |a: f64, w| Some(a.max(w?)))?;
        if widest > width - (INSET_X + INSET_X) - typeset::UNSURE {
            return None;
        }
    }
    let mut second = Vec::with_capacity(lanes + sheet.mutu_baku.len());
    for (i, text) in
        sheet.lanes.iter().map(String::as_str).chain(sheet.mutu_baku.iter().map(|c| c.judul.as_str())).enumerate()
    {
        second.push(head(text, cols[2 + i])?);
    }
    let spanning = max(&[
        head(&labels.no, cols[0])?,
        head(&labels.kegiatan, cols[1])?,
        head(&labels.keterangan, cols[cols.len() - 1])?,
    ]);
    let h2 = max(&[max(&second), spanning - h1]);
    let numbers = if sheet.nomor_kolom {
        let mut numbers = Vec::with_capacity(cols.len());
        for (i, &width) in cols.iter().enumerate() {
            numbers.push(cell(&column_number(i), false, width)?);
        }
        max(&numbers)
    } else {
        0.0
    };
    let mut rows = Vec::with_capacity(sheet.steps.len());
    for step in &sheet.steps {
        let mut heights = vec![
            cell(&step.no, false, cols[0])?,
            cell(&step.kegiatan, false, cols[1])?,
            cell(&step.keterangan, false, cols[cols.len() - 1])?,
        ];
        for (i, value) in step.mutu_baku.iter().enumerate() {
            heights.push(cell(value, false, cols[mutu + i])?);
        }
        rows.push(max(&heights));
    }
    Some(Measured { title, header: Header { h1, h2, numbers }, rows })
}

/// The number over the column at `index`, as sop.typ.j2 prints it: `(1)`
/// over the first.
fn column_number(index: usize) -> String {
    format!("({})", index + 1)
}

/// `value` as the `num` filter prints it into a template.
fn printed(value: f64) -> f64 {
    crate::render::templates::number(value).ok().and_then(|text| text.parse().ok()).unwrap_or(value)
}

#[derive(Serialize)]
struct MeasureContext<'a> {
    /// The widest sheet's content width: the measuring page is set from it
    /// (each sheet's title is measured at its own `sop.width`).
    width: f64,
    font: &'a str,
    font_size: f64,
    sops: &'a [&'a SheetBasics],
}

/// Measures the sheets in one Typst compilation.
pub fn measure(
    env: &Environment,
    templates: &Templates,
    font: &str,
    font_size: f64,
    sheets: &[&SheetBasics],
    date: Datetime,
) -> Result<Vec<Measured>, Diagnostics> {
    if sheets.is_empty() {
        return Ok(Vec::new());
    }
    let width = sheets.iter().map(|s| s.width).fold(0.0, f64::max);
    let context = MeasureContext { width, font, font_size, sops: sheets };
    let source = templates.render("measure.typ.j2", &context)?;
    let compiled = compile(env, "measure.typ", source, date)?;
    let mut out: Vec<Measured> = sheets.iter().map(|_| Measured::default()).collect();
    for value in query(&compiled.document, "sopkit-measure") {
        let number = |key: &str| value.get(key).and_then(serde_json::Value::as_f64).unwrap_or(0.0);
        let Some(entry) = value.get("sop").and_then(serde_json::Value::as_u64).and_then(|i| out.get_mut(i as usize))
        else {
            continue;
        };
        match value.get("what").and_then(serde_json::Value::as_str) {
            Some("title") => entry.title = number("h"),
            Some("header") => entry.header = Header { h1: number("h1"), h2: number("h2"), numbers: number("numbers") },
            Some("row") => entry.rows.push(number("h")),
            _ => {}
        }
    }
    for (measured, sheet) in out.iter().zip(sheets) {
        if measured.rows.len() != sheet.steps.len() {
            return Err(vec![
                Diagnostic::error(crate::tr!("measure-rows", rows = measured.rows.len(), steps = sheet.steps.len()))
                    .with_hint(crate::tr!("measure-rows-hint")),
            ]
            .into());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::world::Fonts;
    use crate::layout::page::{LaneNeed, PageGeometry, TextWidths, columns};
    use crate::layout::sheet::{ProfileStyle, StepCells, mutu_baku_headers, syllables, text_shares};
    use crate::model::{DayStyle, MutuColumn, Profile};

    /// A small deterministic generator, so failures reproduce.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((self.0 >> 33) % n as u64) as usize
        }
        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    const WORDS: &[&str] = &[
        "Memproses",
        "berkas",
        "permohonan",
        "layanan",
        "sesuai",
        "ketentuan",
        "yang",
        "berlaku",
        "Kepala",
        "Bidang/Seksi",
        "e-mail",
        "27-09-2023",
        "(dua)",
        "rangkap",
        "Surat",
        "Keputusan",
        "Walikota;",
        "Aplikasi",
        "SRIKANDI,",
        "±15",
        "menit",
        "1",
        "x",
        "8",
        "jam",
        "Rp.",
        "1.500.000,00",
        "No.",
        "061/1001/DKIS",
        "\"Sudah\"",
        "'tanda'",
        "kapitalisasi",
        "penyelenggaraan",
        "pertanggungjawaban",
        "Tidak/Ya",
        "WA",
        "I",
        "Sub-Bagian",
        "Café",
        "über",
        "–",
        "—",
        "…",
        "50%",
        "A&B",
        "x+y=z",
        "AVATAR",
        "Twitter",
        "fi",
        "ffl",
        "Wm.",
        "TT",
        "VA",
        "LT.",
        "7,5",
        "Rp",
        "KTP-el",
        "§2",
        "°C",
        "1½",
        "«kutipan»",
    ];

    fn text(rng: &mut Rng, max_words: usize) -> String {
        let words = rng.below(max_words + 1);
        let mut out: Vec<String> = Vec::with_capacity(words);
        for _ in 0..words {
            out.push(match rng.below(6) {
                // Now and then a made-up word, sometimes longer than a column.
                0 => (0..1 + rng.below(26)).map(|_| (b'a' + rng.below(26) as u8) as char).collect(),
                _ => rng.pick(WORDS).to_owned(),
            });
        }
        out.join(" ")
    }

    /// A sheet of made-up steps, at one of thirty widths.
    fn sheet(rng: &mut Rng, profile: Profile) -> SheetBasics {
        let margin_x = 28.0 + rng.below(30) as f64 * 1.7;
        let page = PageGeometry { width: 936.0, height: 612.0, margin_x, margin_top: 28.0, margin_bottom: 48.0 };
        let width = page.content_width();
        // Actors are named with real words: a made-up word wider than its
        // column would be broken at syllables, which only Typst measures.
        let lanes: Vec<String> = (0..1 + rng.below(8))
            .map(|_| (0..1 + rng.below(3)).map(|_| rng.pick(WORDS)).collect::<Vec<_>>().join(" "))
            .collect();
        let mut steps: Vec<StepCells> = (0..1 + rng.below(30))
            .map(|i| StepCells {
                no: (i + 1).to_string(),
                kegiatan: text(rng, 30),
                mutu_baku: vec![text(rng, 8), text(rng, 4), text(rng, 8)],
                keterangan: text(rng, 12),
            })
            .collect();
        let (proc_title, proc_subtitle) = match profile {
            Profile::Bali => (Some(text(rng, 30).to_uppercase()), Some(text(rng, 12).to_uppercase())),
            _ => (Some(text(rng, 4)), None),
        };
        // Not drawn from `rng`, which would change every later sheet.
        let nomor_kolom = steps.len().is_multiple_of(2);
        let mut format = Format { profile, ..Format::default() };
        if lanes.len().is_multiple_of(2) {
            // Four columns of the project's own, a narrow one among them,
            // the fourth's values taken from Kegiatan's.
            let column = |kolom: &str, judul: &str, lebar| MutuColumn {
                kolom: kolom.into(),
                judul: Some(judul.into()),
                lebar: Some(lebar),
            };
            format.mutu_baku = Some(vec![
                column("kelengkapan", "Persyaratan", 14.0),
                column("waktu", "Waktu", 5.0),
                column("sumber_data", "Sumber Data Kepegawaian", 9.0),
                column("output", "Output", 10.0),
            ]);
            for step in &mut steps {
                step.mutu_baku.insert(2, step.kegiatan.chars().rev().collect());
            }
        }
        let profile = ProfileStyle::of(profile);
        let columns_of_format = format.mutu_baku_columns();
        SheetBasics {
            mutu_baku: mutu_baku_headers(&format, &profile.labels),
            own_mutu_baku: format.mutu_baku.is_some(),
            profile,
            page,
            width,
            cols: columns(
                width,
                lanes.len(),
                LaneNeed::fixed(48.0),
                &text_shares(&columns_of_format),
                &Vec::new,
                TextWidths::Proportional,
            )
            .expect("room for eight actors"),
            lane_syllables: lanes.iter().map(|name| syllables(name)).collect(),
            // Typst decides every header here, as it does for a name that
            // is close to its column's width.
            lane_plain: vec![false; lanes.len()],
            lanes,
            steps,
            proc_title,
            proc_subtitle,
            nomor_kolom,
        }
    }

    /// Hundreds of sheets of made-up text, in every profile and with one to
    /// eight actors, with and without column numbers and the project's own
    /// mutu baku columns (narrow columns, words
    /// wider than their column, quotes, dashes, accents): measured without
    /// Typst, they get Typst's heights.
    #[test]
    fn setting_text_without_typst_gives_typsts_heights() {
        let fonts = Fonts::new(None).expect("embedded fonts");
        let metrics = TextMetrics::new(&fonts, "Liberation Sans", 8.5, LEADING_EM).expect("embedded face");
        let serif = TextMetrics::new(&fonts, "TeX Gyre Bonum", 9.0, LEADING_EM).expect("embedded face");
        let env = Environment::new(&std::env::temp_dir(), fonts);
        let templates = Templates::new(None, DayStyle::Padded);
        let date = Datetime::from_ymd(2024, 1, 1).expect("a date");
        let mut rng = Rng(0x5eed);
        let (mut fast, mut total) = (0, 0);
        for (font, size, metrics) in [("Liberation Sans", 8.5, &metrics), ("TeX Gyre Bonum", 9.0, &serif)] {
            for profile in [Profile::Denpasar, Profile::Bali, Profile::Permenpan] {
                let sheets: Vec<SheetBasics> = (0..40).map(|_| sheet(&mut rng, profile)).collect();
                let refs: Vec<&SheetBasics> = sheets.iter().collect();
                let typst = measure(&env, &templates, font, size, &refs, date).expect("measured by Typst");
                for (sheet, expected) in sheets.iter().zip(&typst) {
                    total += 1;
                    let Some(ours) = without_typst(metrics, sheet) else { continue };
                    fast += 1;
                    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
                    assert!(
                        close(ours.title, expected.title),
                        "title {:?} {:?} at {}: {} vs {}",
                        sheet.proc_title,
                        sheet.proc_subtitle,
                        sheet.width,
                        ours.title,
                        expected.title
                    );
                    assert!(
                        close(ours.header.h1, expected.header.h1)
                            && close(ours.header.h2, expected.header.h2)
                            && close(ours.header.numbers, expected.header.numbers),
                        "header {:?}: {:?} vs {:?}",
                        sheet.lanes,
                        ours.header,
                        expected.header
                    );
                    for ((row, a), b) in sheet.steps.iter().zip(&ours.rows).zip(&expected.rows) {
                        assert!(close(*a, *b), "row {row:?} at {:?}: {a} vs {b}", sheet.cols);
                    }
                }
            }
        }
        // Only texts outside what is modelled go to Typst: here, actor names
        // too wide for their narrow columns (broken at syllables or turned).
        assert!(fast * 2 >= total, "{fast} of {total} sheets measured without Typst");
    }

    #[test]
    fn a_project_with_its_own_cells_is_measured_by_typst() {
        let env = Environment::new(&std::env::temp_dir(), Fonts::new(None).expect("embedded fonts"));
        let format = Format::default();
        assert!(metrics_for(&env, &Templates::new(None, DayStyle::Padded), &format).is_some());
        let own = tempfile::tempdir().expect("temp dir");
        std::fs::write(own.path().join("sopkit-lib.typ"), "// cells of its own").expect("template");
        assert!(metrics_for(&env, &Templates::new(Some(own.path()), DayStyle::Padded), &format).is_none());
        let unknown = Format { font: "No Such Family".into(), ..Format::default() };
        assert!(metrics_for(&env, &Templates::new(None, DayStyle::Padded), &unknown).is_none());
    }

    #[test]
    fn what_is_not_modelled_is_left_to_typst() {
        let fonts = Fonts::new(None).expect("embedded fonts");
        let metrics = TextMetrics::new(&fonts, "Liberation Sans", 8.5, LEADING_EM).expect("embedded face");
        assert!(metrics.paragraph("Memproses berkas", false, 100.0).is_some());
        for text in [
            "dua  spasi",
            " awal",
            "akhir ",
            "baris\nbaru",
            "ᬅᬓ᭄ᬱᬭ",
            "نص",
            "lunak\u{ad}tanda",
            "tak\u{a0}putus",
            "https://contoh.id",
            "www.contoh.id",
            "漢字",
        ] {
            assert_eq!(metrics.paragraph(text, false, 100.0), None, "{text:?}");
        }
        assert_eq!(metrics.paragraph("", false, 100.0), Some(0.0));
        assert!(TextMetrics::new(&fonts, "No Such Family", 8.5, LEADING_EM).is_none());
    }
}
