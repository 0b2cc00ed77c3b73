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
    let warnings: Vec<Diagnostic> = result.warnings.iter().map(|d| convert(&world, name, d)).collect();
    // Typst only warns about unknown fonts and falls back; sopkit refuses.
    let (font_errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        warnings.into_iter().partition(|d| d.message.starts_with("unknown font family"));
    let font_errors: Vec<Diagnostic> = font_errors
        .into_iter()
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
}
