//! The book job (`buku-sop.pdf`): cover, the Keputusan and its lampiran, a
//! daftar isi, a daftar perubahan and every SOP sheet grouped by unit, with
//! a PDF outline and page labels (roman for the front matter, arabic from
//! the first sheet). Only the cover and front matter are compiled here; the
//! decree and the sheets are bound in from their finished PDFs, so an edit
//! to one SOP does not lay out the whole book again. The Typst source of the
//! whole book (parts inlined) is kept for `--emit-typst`.
//!
//! Each sheet's page offset from the first sheet is computed once
//! (`placed`) and gives its label in the daftar isi here and its outline
//! entry and signature boxes' pages when `finish::book` binds the book.

use std::io::Write;

use super::{Built, Context, Interrupt};
use crate::compile::introspect::bookmarks;
use crate::compile::{self, compile};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::finish::bind::PdfPart;
use crate::finish::book::{FrontMatter, bind_book};
use crate::finish::{Document, OutputKind, Pdf};
use crate::load::{CONFIG_FILE, Project};
use crate::model::DocumentAddress;
use crate::render::book::{self, BookContext, BookSheet};
use crate::render::tte;
use crate::validate::ValidSop;

/// Where the book is written, under the output folder, without `.pdf`.
pub const BERKAS: &str = "buku-sop";

/// The book's address: where it is written, its verification id.
pub fn address(context: &Context) -> DocumentAddress {
    context.addresses.of(OutputKind::Buku, BERKAS, "")
}

/// The sheets in book order (units as in sopkit.toml, then by path), each
/// with its page offset from the first sheet.
fn placed<'a>(project: &Project, sops: &[ValidSop], sheets: &[&'a Document]) -> Vec<(BookSheet<'a>, &'a Document)> {
    let config = &project.config.value;
    // Each sheet's unit as validation resolved it.
    let unit_of = |document: &Document| {
        sops.iter()
            .find(|sop| DocumentAddress::sheet_berkas(&sop.source.stem) == document.path.trim_end_matches(".pdf"))
            .and_then(|sop| config.units.get_index_of(&sop.unit_key))
            .unwrap_or(usize::MAX)
    };
    let mut ordered: Vec<(usize, &Document)> = sheets.iter().map(|d| (unit_of(d), *d)).collect();
    ordered.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.path.cmp(&b.1.path)));
    let mut offset = 0;
    ordered
        .into_iter()
        .map(|(unit, document)| {
            let title = document.bookmarks.first().map(|b| b.title.as_str());
            let sheet = BookSheet { unit, path: &document.path, title, offset };
            offset += document.pages;
            (sheet, document)
        })
        .collect()
}

/// The book's file as it is bound, until the build is interrupted: the
/// binding (a second or more for a thousand sheets) then stops at its next
/// write, and the build writes nothing (its file stays set aside).
struct UntilInterrupted<'a> {
    out: &'a mut dyn Write,
    interrupt: &'a Interrupt,
}

impl Write for UntilInterrupted<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.interrupt.is_set() {
            return Err(std::io::Error::other("interrupted by a save"));
        }
        self.out.write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Compiles the front matter and binds the book.
pub fn build_book(
    context: &Context,
    sops: &[ValidSop],
    sheets: &[&Document],
    decree: Option<&Document>,
    key: String,
) -> Result<Built, Diagnostics> {
    let project = context.project;
    let config = &project.config.value;
    let placed = placed(project, sops, sheets);
    let decree_pages = decree.map_or(0, |d| d.pages);
    let own_date = book::own_date(project);
    let date = context.date(own_date);
    let main_unit = book::main_unit(config);
    let (page_width, page_height) = book::page_size(config);
    let mut front_context = BookContext {
        inline: false,
        instansi: &config.instansi,
        judul: config.buku.judul.as_deref().unwrap_or("BUKU STANDAR OPERASIONAL PROSEDUR"),
        kop: config.book_kop(),
        aksara_bali: main_unit.aksara_bali.as_deref(),
        logo: config.logo_of(main_unit).map(|p| crate::compile::world::project_path(p)),
        tahun: own_date.year,
        font: &config.format.font,
        page_width,
        page_height,
        decree_pages,
        decree_part: decree.and_then(|d| d.book_part_typst.as_deref()),
        front: decree.map(|d| book::front_entries(&d.bookmarks)).unwrap_or_default(),
        units: book::units(config, placed.iter().map(|(sheet, _)| sheet)),
        perubahan: book::perubahan(project),
        monev: book::monev(project),
        parts: placed.iter().filter_map(|(_, d)| d.book_part_typst.as_deref()).collect(),
        tte: tte::context(&project.config, &address(context), &[])?,
    };
    let front_source = context.templates.render("buku.typ.j2", &front_context)?;

    let bind_error = |e: String| Diagnostics::from(Diagnostic::error(crate::tr!("book-bind", why = e)));
    let compiled = compile(&context.env, "buku-sop.typ", front_source, date)?;
    let pdf = compile::pdf::pdf(&compiled.document, "buku-sop", date, context.archival)?;
    let front_part = PdfPart::read(&pdf, true).map_err(bind_error)?;
    let front = FrontMatter { pages: compiled.document.pages().len(), sections: bookmarks(&compiled.document) };
    let title = format!("Buku Standar Operasional Prosedur {}", config.instansi);
    // Written straight to its file when the build writes: a thousand
    // sheets' book is not held in memory.
    let file = context.write.then(|| context.cache.set_aside_path(&address(context).pdf_path()));
    let (pdf, bound) = Pdf::write_with(file.as_deref(), |out| {
        let out = &mut UntilInterrupted { out, interrupt: &context.interrupt };
        bind_book(front_part, &front, decree, &placed, |unit| book::unit_title(config, unit), &title, out)
    })
    .map_err(bind_error)?;

    // The whole book as one Typst source, for --emit-typst (with the parts'
    // sources, which the cache reads only then).
    let whole = if context.emit_typst {
        front_context.inline = true;
        context.templates.render("buku.typ.j2", &front_context)?
    } else {
        String::new()
    };
    Ok(Built::new(
        Document {
            svg: Vec::new(),
            kind: OutputKind::Buku,
            source: CONFIG_FILE.into(),
            source_sha256: None,
            path: address(context).pdf_path(),
            id: address(context).id,
            nomor: String::new(),
            judul: title.clone(),
            pdf,
            pages: bound.pages,
            signatures: bound.signatures,
            typst: whole,
            book_part_typst: None,
            bookmarks: Vec::new(),
            geometry: Vec::new(),
            layout: None,
            key: Some(key),
        },
        compiled.warnings,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_books_file_takes_no_write_once_the_build_is_interrupted() {
        let (mut file, interrupt) = (Vec::new(), Interrupt::default());
        let mut out = UntilInterrupted { out: &mut file, interrupt: &interrupt };
        out.write_all(b"%PDF-1.7\n").unwrap();
        interrupt.set();
        assert!(out.write_all(b"1 0 obj").is_err());
        assert_eq!(file, b"%PDF-1.7\n");
    }
}
