//! Before layout: measure how tall every row of the procedure table is,
//! by letting Typst set each cell at its column's width. Layout then breaks
//! pages from real heights rather than a fixed number of steps per page.

use serde::Serialize;
use typst::foundations::Datetime;

use crate::compile::{compile, query};
use crate::diagnostic::Diagnostic;
use crate::render::Templates;
use crate::sheet::{Measured, SheetBasics};
use crate::world::Environment;

#[derive(Serialize)]
struct MeasureContext<'a> {
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
) -> Result<Vec<Measured>, Vec<Diagnostic>> {
    let Some(first) = sheets.first() else {
        return Ok(Vec::new());
    };
    let context = MeasureContext { width: first.width, font, font_size, sops: sheets };
    let source = templates.render("measure.typ.j2", &context).map_err(|d| vec![d])?;
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
            Some("header") => entry.header = (number("h1"), number("h2")),
            Some("row") => entry.rows.push(number("h")),
            _ => {}
        }
    }
    for (measured, sheet) in out.iter().zip(sheets) {
        if measured.rows.len() != sheet.steps.len() {
            return Err(vec![
                Diagnostic::error(format!(
                    "the measurement template reported {} rows for {} steps",
                    measured.rows.len(),
                    sheet.steps.len()
                ))
                .with_hint("a project override of measure.typ.j2 or sopkit-lib.typ must report every row"),
            ]);
        }
    }
    Ok(out)
}
