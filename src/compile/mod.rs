//! Stage 6, compile: run Typst in-process on a generated source (in the
//! `world` of embedded fonts and project files), export the PDF (`pdf`) and
//! read what the laid-out document says about itself (`introspect`).
//! Typst's own diagnostics become sopkit diagnostics pointing into the
//! generated source; an unknown font family is an error, never a silent
//! fallback. The measuring stage compiles its measuring document here too.

pub mod introspect;
pub mod pdf;
pub mod svg;
pub mod unhinted;
pub mod world;

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::compile::world::{Environment, SopWorld};
use crate::diagnostic::{Diagnostic, Diagnostics, EnvError, SourceFile};
use crate::model::Tanggal;

/// A compiled document with the warnings Typst gave.
pub struct Compiled {
    pub document: PagedDocument,
    pub warnings: Diagnostics,
}

/// Compiles `text` as the virtual file `name`.
pub fn compile(env: &Environment, name: &str, text: String, date: Datetime) -> Result<Compiled, Diagnostics> {
    let world = SopWorld::new(env, name, text, date);
    let result = typst::compile::<PagedDocument>(&world);
    // Typst only warns about unknown fonts and falls back; sopkit refuses.
    let families = env.fonts().families();
    let (font_errors, warnings): (Vec<&SourceDiagnostic>, Vec<&SourceDiagnostic>) =
        result.warnings.iter().partition(|d| names_unknown_font(&world, d, &families));
    let warnings: Vec<Diagnostic> = warnings.into_iter().map(|d| convert(&world, name, d)).collect();
    let font_errors: Vec<Diagnostic> = font_errors
        .into_iter()
        .map(|d| convert(&world, name, d))
        .map(|d| {
            Diagnostic { severity: crate::diagnostic::Severity::Error, ..d }
                .with_hint(crate::tr!("compile-font-hint", fonts = env.fonts().families().join(", ")))
        })
        .collect();
    match result.output {
        Ok(document) if font_errors.is_empty() => Ok(Compiled { document, warnings: warnings.into() }),
        Ok(_) => Err(font_errors.into()),
        Err(errors) => Err(errors.iter().map(|d| convert(&world, name, d)).chain(font_errors).collect()),
    }
}

/// Whether a Typst warning is about a font family the fonts lack. Typst
/// gives the warning no kind, only words; the source it points at names
/// the family (`font: "Arial"`, or a list of them).
fn names_unknown_font(world: &SopWorld, diagnostic: &SourceDiagnostic, families: &[String]) -> bool {
    let Some(text) = span_text(world, diagnostic) else { return false };
    let known = |family: &str| families.iter().any(|f| f.eq_ignore_ascii_case(family));
    // A string or a list of strings: the pieces between quotes alternate
    // with commas, brackets and spaces.
    let pieces: Vec<&str> = text.split('"').collect();
    let a_list = pieces.iter().step_by(2).all(|p| p.chars().all(|c| matches!(c, '(' | ')' | ',' | ' ' | '\n')));
    a_list && pieces.len() > 1 && pieces.iter().skip(1).step_by(2).any(|family| !known(family))
}

/// The source text a diagnostic points at.
fn span_text(world: &SopWorld, diagnostic: &SourceDiagnostic) -> Option<String> {
    use typst::World;
    let range = world.range(diagnostic.span)?;
    let source = world.source(diagnostic.span.id()?).ok()?;
    source.text().get(range).map(str::to_owned)
}

fn convert(world: &SopWorld, name: &str, diagnostic: &SourceDiagnostic) -> Diagnostic {
    let mut out = match diagnostic.severity {
        TypstSeverity::Error => Diagnostic::error(diagnostic.message.to_string()),
        TypstSeverity::Warning => Diagnostic::warning(diagnostic.message.to_string()),
    };
    if let Some(id) = diagnostic.span.id()
        && let Some(range) = world.range(diagnostic.span)
    {
        let vpath = id.get().vpath().get_without_slash().to_owned();
        let (file_name, text) = if id == world.main_source().id() {
            (format!("{name} (generated Typst)"), world.main_source().text().to_owned())
        } else {
            use typst::World;
            (vpath, world.source(id).map(|s| s.text().to_owned()).unwrap_or_default())
        };
        out = out.at(&SourceFile::new(file_name.clone(), file_name, text), range);
    }
    for hint in &diagnostic.hints {
        out = out.with_hint(hint.v.to_string());
    }
    out
}

/// The date fixed by `SOURCE_DATE_EPOCH`, when set. Documents without it
/// carry their own date (see [`datetime_of`]), so output never depends on
/// the clock.
pub fn source_date_epoch() -> Result<Option<Datetime>, EnvError> {
    let Ok(text) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let epoch: i64 = text.trim().parse().map_err(|_| EnvError(crate::tr!("env-epoch", text = text)))?;
    let date =
        Tanggal::from_unix_days(epoch.div_euclid(86_400)).ok_or_else(|| EnvError(crate::tr!("env-epoch-range")))?;
    let (year, month, day) = (date.year, date.month, date.day);
    let seconds = epoch.rem_euclid(86_400);
    Datetime::from_ymd_hms(year, month, day, (seconds / 3600) as u8, (seconds / 60 % 60) as u8, (seconds % 60) as u8)
        .map(Some)
        .ok_or_else(|| EnvError(crate::tr!("env-epoch-range")))
}

/// Midnight UTC of a document's own date.
pub fn datetime_of(date: Tanggal) -> Datetime {
    Datetime::from_ymd_hms(date.year, date.month, date.day, 0, 0, 0).expect("a validated date")
}

/// The date a document is stamped with (Typst's today and the PDF's
/// metadata): `SOURCE_DATE_EPOCH` when set, else the document's own date.
pub fn document_date(fixed: Option<Datetime>, own: Tanggal) -> Datetime {
    fixed.unwrap_or_else(|| datetime_of(own))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        for date in
            [Tanggal::new(2023, 9, 27).unwrap(), Tanggal::new(2000, 2, 29).unwrap(), Tanggal::new(1970, 1, 1).unwrap()]
        {
            assert_eq!(Tanggal::from_unix_days(date.unix_seconds() / 86_400), Some(date));
        }
    }

    #[test]
    fn an_unknown_font_family_is_an_error_and_a_known_one_is_not() {
        let env = Environment::new(&std::env::temp_dir(), crate::compile::world::Fonts::new(None).unwrap());
        let date = datetime_of(Tanggal::new(2024, 1, 1).unwrap());
        let source = "#set text(font: (\"Liberation Sans\", \"Arial\"))\nTeks\n".to_owned();
        let errors = compile(&env, "f.typ", source, date).err().expect("Arial is not embedded");
        assert_eq!(errors.0.len(), 1);
        assert!(errors.0[0].hints[0].contains("Liberation Sans"), "{:?}", errors.0[0]);
        let source = "#set text(font: \"liberation sans\", lang: \"id\")\nTeks\n".to_owned();
        assert!(compile(&env, "f.typ", source, date).is_ok_and(|c| c.warnings.0.is_empty()));
    }
}
