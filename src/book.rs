//! The SOP book (`buku-sop.pdf`): cover, the Keputusan and its lampiran, a
//! daftar isi, a daftar perubahan and every SOP sheet grouped by unit, with
//! a PDF outline and page labels (roman for the front matter, arabic from
//! the first sheet). Only the cover and front matter are compiled here; the
//! decree and the sheets are bound in from their finished PDFs, so an edit
//! to one SOP does not lay out the whole book again. The Typst source of the
//! whole book (parts inlined) is kept for `--emit-typst`.

use serde::Serialize;
use typst::foundations::Datetime;

use crate::build::Built;
use crate::compile::{self, compile, marks};
use crate::diagnostic::Diagnostic;
use crate::finish::assemble::{LabelRange, LabelStyle, OutlineItem, Part, assemble};
use crate::finish::{Bookmark, Document, OutputKind, SignatureBox};
use crate::layout::MM;
use crate::load::Project;
use crate::model::Tanggal;
use crate::numbering::roman;
use crate::render::Templates;
use crate::world::Environment;

/// What the book needs from the build.
pub struct BookInputs<'a> {
    pub project: &'a Project,
    pub env: &'a Environment,
    pub templates: &'a Templates,
    pub fixed_date: Option<Datetime>,
    /// PDF/A-2b output.
    pub archival: bool,
}

#[derive(Debug, Serialize)]
struct Entry {
    title: String,
    label: String,
}

#[derive(Debug, Serialize)]
struct SheetEntry {
    id: String,
    title: String,
    label: String,
    first_in_book: bool,
}

#[derive(Debug, Serialize)]
struct UnitEntry {
    title: String,
    sops: Vec<SheetEntry>,
}

#[derive(Debug, Serialize)]
struct Perubahan {
    nomor: String,
    nama: String,
    tanggal: String,
    perubahan: String,
}

#[derive(Debug, Serialize)]
struct BookContext<'a> {
    inline: bool,
    instansi: &'a str,
    kop: &'a [String],
    aksara_bali: Option<&'a str>,
    logo: Option<String>,
    tahun: i32,
    font: &'a str,
    page_width: f64,
    page_height: f64,
    keputusan_pages: usize,
    keputusan_part: Option<&'a str>,
    front: Vec<Entry>,
    units: Vec<UnitEntry>,
    perubahan: Vec<Perubahan>,
    parts: Vec<&'a str>,
    tte: crate::tte::TteContext,
}

/// The sheets in book order: units as in sopkit.toml, then by path.
pub fn book_order<'a>(project: &Project, sheets: &[&'a Document]) -> Vec<(usize, &'a Document)> {
    let config = &project.config.value;
    let unit_of = |document: &Document| {
        let def = project.sops.iter().find(|s| s.doc.file.name == document.source).map(|s| &s.doc.value);
        let key = def
            .and_then(|d| d.unit.clone())
            .or_else(|| config.unit_utama.clone())
            .or_else(|| config.units.keys().next().cloned())
            .unwrap_or_default();
        config.units.get_index_of(&key).unwrap_or(usize::MAX)
    };
    let mut ordered: Vec<(usize, &Document)> = sheets.iter().map(|d| (unit_of(d), *d)).collect();
    ordered.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.path.cmp(&b.1.path)));
    ordered
}

/// Compiles the front matter and binds the book.
pub fn build_book(
    inputs: &BookInputs,
    sheets: &[&Document],
    decree: Option<&Document>,
    key: String,
) -> Result<Built, Vec<Diagnostic>> {
    let project = inputs.project;
    let config = &project.config.value;
    let ordered = book_order(project, sheets);
    let keputusan_pages = decree.map_or(0, |d| d.pages);

    // Page labels of the sheets: arabic from 1 in book order.
    let mut units: Vec<UnitEntry> = Vec::new();
    let mut previous_unit = None;
    let mut next_page = 1;
    for (i, (unit, sheet)) in ordered.iter().enumerate() {
        if previous_unit != Some(*unit) {
            let title = config
                .units
                .get_index(*unit)
                .and_then(|(_, u)| u.kop.last())
                .map_or_else(String::new, |l| l.trim_matches(['(', ')']).to_owned());
            units.push(UnitEntry { title, sops: Vec::new() });
            previous_unit = Some(*unit);
        }
        let title = sheet.bookmarks.first().map_or_else(|| sheet.path.clone(), |b| b.title.clone());
        let id = sheet.path.trim_start_matches("sop/").trim_end_matches(".pdf").to_owned();
        units.last_mut().expect("a unit").sops.push(SheetEntry {
            id,
            title,
            label: next_page.to_string(),
            first_in_book: i == 0,
        });
        next_page += sheet.pages;
    }
    let front: Vec<Entry> = decree
        .map(|d| d.bookmarks.iter().map(|b| Entry { title: b.title.clone(), label: roman(1 + b.page) }).collect())
        .unwrap_or_default();

    let mut perubahan: Vec<(Option<Tanggal>, Perubahan)> = project
        .sops
        .iter()
        .flat_map(|s| {
            s.doc.value.revisi.iter().map(|r| {
                let entry = Perubahan {
                    nomor: s.doc.value.nomor.clone(),
                    nama: s.doc.value.nama.clone(),
                    tanggal: r.tanggal.map_or_else(|| "-".into(), |t| t.long()),
                    perubahan: r.perubahan.clone(),
                };
                (r.tanggal, entry)
            })
        })
        .collect();
    perubahan.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.nomor.cmp(&b.1.nomor)));

    let own_date = project
        .keputusan
        .as_ref()
        .map(|k| k.value.ditetapkan.tanggal)
        .into_iter()
        .chain(project.sops.iter().map(|s| s.doc.value.tanggal_pembuatan))
        .chain(project.sops.iter().flat_map(|s| s.doc.value.revisi.iter().filter_map(|r| r.tanggal)))
        .max()
        .unwrap_or(Tanggal { year: 2024, month: 1, day: 1 });
    let date = inputs.fixed_date.unwrap_or_else(|| compile::datetime_of(own_date));
    let main_unit = config
        .unit_utama
        .as_ref()
        .and_then(|k| config.units.get(k))
        .or_else(|| config.units.values().next())
        .expect("validated: at least one unit");
    let (w, h) = config.format.paper.size_mm();
    let mut context = BookContext {
        inline: false,
        instansi: &config.instansi,
        kop: &main_unit.kop,
        aksara_bali: main_unit.aksara_bali.as_deref(),
        logo: main_unit.logo.as_ref().or(config.logo.as_ref()).map(|p| crate::world::project_path(p)),
        tahun: own_date.year,
        font: &config.format.font,
        page_width: w * MM,
        page_height: h * MM,
        keputusan_pages,
        keputusan_part: decree.and_then(|d| d.part.as_deref()),
        front,
        units,
        perubahan: perubahan.into_iter().map(|(_, p)| p).collect(),
        parts: ordered.iter().filter_map(|(_, d)| d.part.as_deref()).collect(),
        tte: crate::tte::context(
            &inputs.project.config,
            &crate::tte::DocumentId { jenis: "buku", berkas: "buku-sop", nomor: "" },
            &[],
        )
        .map_err(|d| vec![d])?,
    };
    let front_source = inputs.templates.render("buku.typ.j2", &context).map_err(|d| vec![d])?;
    // The front matter compiles while the decree and sheets are read.
    let mut others: Vec<&[u8]> = decree.iter().map(|d| d.pdf.as_slice()).collect();
    others.extend(ordered.iter().map(|(_, d)| d.pdf.as_slice()));
    let bind_error = |e: String| vec![Diagnostic::error(format!("cannot bind the book: {e}"))];
    let (front, others) = rayon::join(
        || -> Result<_, Vec<Diagnostic>> {
            let compiled = compile(inputs.env, "buku-sop.typ", front_source, date)?;
            let pdf = compile::pdf(&compiled.document, "buku-sop", date, inputs.archival)?;
            let part = Part::read(&pdf, true).map_err(bind_error)?;
            Ok((compiled, part))
        },
        || Part::read_all(&others).map_err(bind_error),
    );
    let (compiled, front_part) = front?;
    let mut parts = vec![front_part];
    parts.extend(others?);
    let front_pages = compiled.document.pages().len();
    let sections: Vec<Bookmark> = marks(&compiled.document, "sopkit-section")
        .iter()
        .filter_map(|v| {
            let title = v.get("title")?.as_str()?.to_owned();
            let page = v.get("page")?.as_u64()? as usize;
            Some(Bookmark { title, page })
        })
        .collect();

    // Bind: cover, decree, front matter, sheets (parts in that order).
    let mut pieces = vec![(0, 0..1)];
    let mut next_part = 1;
    let mut outline = Vec::new();
    if let Some(decree) = decree {
        pieces.push((next_part, 0..decree.pages));
        next_part += 1;
        outline.extend(decree.bookmarks.iter().map(|b| OutlineItem {
            title: b.title.clone(),
            page: b.page,
            children: vec![],
        }));
    }
    pieces.push((0, 1..front_pages));
    // Front-matter pages after the cover follow the decree's.
    outline.extend(sections.iter().map(|b| OutlineItem {
        title: b.title.clone(),
        page: b.page - 1 + keputusan_pages,
        children: vec![],
    }));
    let first_sheet = front_pages + keputusan_pages;
    let mut page = first_sheet;
    let mut unit_items: Vec<OutlineItem> = Vec::new();
    let mut previous_unit = None;
    for (unit, sheet) in &ordered {
        pieces.push((next_part, 0..sheet.pages));
        next_part += 1;
        if previous_unit != Some(*unit) {
            let title = context.units[unit_items.len()].title.clone();
            unit_items.push(OutlineItem { title, page, children: vec![] });
            previous_unit = Some(*unit);
        }
        let title = sheet.bookmarks.first().map_or_else(|| sheet.path.clone(), |b| b.title.clone());
        unit_items.last_mut().expect("a unit").children.push(OutlineItem { title, page, children: vec![] });
        page += sheet.pages;
    }
    outline.extend(unit_items);
    // The parts' signature boxes, on their pages in the book.
    let mut signatures = Vec::new();
    if let Some(decree) = decree {
        signatures.extend(decree.signatures.iter().map(|s| SignatureBox { page: s.page + 1, ..s.clone() }));
    }
    let mut offset = first_sheet;
    for (_, sheet) in &ordered {
        signatures.extend(sheet.signatures.iter().map(|s| SignatureBox { page: s.page + offset, ..s.clone() }));
        offset += sheet.pages;
    }
    let mut labels = vec![LabelRange { start: 0, style: LabelStyle::LowerRoman, first: 1 }];
    if !ordered.is_empty() {
        labels.push(LabelRange { start: first_sheet, style: LabelStyle::Decimal, first: 1 });
    }
    let title = format!("Buku Standar Operasional Prosedur {}", config.instansi);
    let pdf = assemble(parts, &pieces, &outline, &labels, &title).map_err(bind_error)?;

    // The whole book as one Typst source, for --emit-typst.
    context.inline = true;
    let whole = inputs.templates.render("buku.typ.j2", &context).map_err(|d| vec![d])?;
    Ok(Built {
        document: Document {
            kind: OutputKind::Buku,
            source: crate::load::CONFIG_FILE.into(),
            path: "buku-sop.pdf".into(),
            pdf,
            pages: page,
            signatures,
            typst: whole,
            part: None,
            bookmarks: Vec::new(),
            geometry: Vec::new(),
            key: Some(key),
        },
        warnings: compiled.warnings,
        reused: false,
    })
}
