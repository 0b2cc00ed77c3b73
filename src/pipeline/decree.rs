//! The decree job: the Keputusan with its lampiran, rendered and compiled
//! to a PDF in memory (with its source as a part of the book).

use super::{Built, Context, finished};
use crate::compile::{self, compile, introspect};
use crate::diagnostic::Diagnostics;
use crate::finish::OutputKind;
use crate::model::DocumentAddress;
use crate::render::decree::DecreeContext;
use crate::render::{Standalone, tte};
use crate::validate::ValidDecree;

/// Where the decree is written, under the output folder, without `.pdf`.
pub const BERKAS: &str = "keputusan";

/// The decree's address: where it is written, its verification id.
pub fn address(context: &Context, decree: &ValidDecree) -> DocumentAddress {
    context.addresses.of(OutputKind::Decree, BERKAS, &decree.doc.value.nomor)
}

pub fn build_decree(context: &Context, decree: &ValidDecree, key: String) -> Result<Built, Diagnostics> {
    let def = &decree.doc.value;
    let date = context.date(def.ditetapkan.tanggal);
    let format = &context.project.config.value.format;
    let mut decree_context = DecreeContext::new(decree, format.signature_box_pt, format.day_style());
    let address = address(context, decree);
    decree_context.tte = tte::context(&context.project.config, &address, &["pejabat", "pejabat_lampiran"])?;
    let render =
        |standalone| context.templates.render("keputusan.typ.j2", &Standalone { standalone, inner: &decree_context });
    let source = render(true)?;
    let part = render(false)?;
    let compiled = compile(&context.env, "keputusan.typ", source.clone(), date)?;
    let pdf = compile::pdf::pdf(&compiled.document, "keputusan", date, context.archival)?;
    let mut document = finished(&compiled, &address, def.tentang.clone(), decree.doc.file.name.clone(), pdf, source);
    document.book_part_typst = Some(part);
    document.bookmarks = introspect::bookmarks(&compiled.document);
    document.key = Some(key);
    Ok(Built::new(document, compiled.warnings))
}
