//! Stage 6, compile: a compiled document exported to PDF bytes (PDF/A-2b by
//! default), deterministically.

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diagnostic::{Diagnostic, Diagnostics};

/// Exports a compiled document to PDF bytes, stamped with `date` so that
/// the same input always gives the same bytes; PDF/A-2b when `archival`
/// (Typst then refuses what the standard forbids, and writes the XMP
/// metadata and the sRGB output intent it requires).
pub fn pdf(document: &PagedDocument, ident: &str, date: Datetime, archival: bool) -> Result<Vec<u8>, Diagnostics> {
    let standards = if archival {
        PdfStandards::new(&[PdfStandard::A_2b])
            .map_err(|e| vec![Diagnostic::error(crate::tr!("pdf-standard", why = format!("{e:?}")))])?
    } else {
        PdfStandards::default()
    };
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        timestamp: Some(Timestamp::new_utc(date)),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options)
        .map_err(|errors| errors.iter().map(|e| Diagnostic::error(crate::tr!("pdf-export", why = e.message))).collect())
}
