//! The SOP book (`buku-sop.pdf`): cover, the Keputusan and its lampiran, a
//! daftar isi, a daftar perubahan and every SOP sheet, grouped by unit, with
//! a PDF outline and page labels. The parts are the very sheets built
//! before, rendered again as parts (from the contexts kept by the build) and
//! inlined into one self-contained Typst source, so that the stock Typst CLI
//! compiles the emitted `buku-sop.typ` on its own.

use serde::Serialize;
use typst::foundations::Datetime;

use crate::build::{Built, Standalone, signature_boxes};
use crate::compile::{self, compile};
use crate::decree::KeputusanContext;
use crate::diagnostic::Diagnostic;
use crate::finish::{Document, OutputKind};
use crate::layout::MM;
use crate::load::Project;
use crate::model::Tanggal;
use crate::render::Templates;
use crate::sheet::SheetContext;
use crate::world::Environment;

/// What the book needs from the build.
pub struct BookInputs<'a> {
    pub project: &'a Project,
    pub env: &'a Environment,
    pub templates: &'a Templates,
    pub fixed_date: Option<Datetime>,
}

#[derive(Debug, Serialize)]
struct Part {
    source: String,
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
    instansi: &'a str,
    kop: &'a [String],
    aksara_bali: Option<&'a str>,
    logo: Option<String>,
    tahun: i32,
    font: &'a str,
    page_width: f64,
    page_height: f64,
    keputusan: Option<Part>,
    sheets: Vec<Part>,
    perubahan: Vec<Perubahan>,
}

/// Renders and compiles the book.
pub fn build_book(
    inputs: &BookInputs,
    sheets: &[&SheetContext],
    decree: Option<&KeputusanContext>,
) -> Result<Built<()>, Vec<Diagnostic>> {
    let project = inputs.project;
    let config = &project.config.value;
    let unit_of = |stem: &str| {
        let def = &project.sops.iter().find(|s| s.stem == stem).expect("a built sheet has a definition").doc.value;
        def.unit
            .clone()
            .or_else(|| config.unit_utama.clone())
            .or_else(|| config.units.keys().next().cloned())
            .unwrap_or_default()
    };
    // Units in the order of sopkit.toml, sheets by path within a unit.
    let mut ordered: Vec<(usize, &SheetContext)> = sheets
        .iter()
        .map(|sheet| (config.units.get_index_of(&unit_of(&sheet.doc_id)).unwrap_or(usize::MAX), *sheet))
        .collect();
    ordered.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.doc_id.cmp(&b.1.doc_id)));

    let mut parts = Vec::new();
    let mut previous_unit = None;
    for (i, (unit_index, sheet)) in ordered.iter().enumerate() {
        let mut sheet = (*sheet).clone();
        if previous_unit != Some(*unit_index) {
            let unit = config.units.get_index(*unit_index).map(|(_, u)| u);
            sheet.book_unit = unit.and_then(|u| u.kop.last()).map(|l| l.trim_matches(['(', ')']).to_owned());
            previous_unit = Some(*unit_index);
        }
        sheet.restart_numbering = i == 0;
        let source = inputs
            .templates
            .render("sop.typ.j2", &Standalone { standalone: false, inner: &sheet })
            .map_err(|d| vec![d])?;
        parts.push(Part { source });
    }
    let keputusan = match decree {
        Some(decree) => Some(Part {
            source: inputs
                .templates
                .render("keputusan.typ.j2", &Standalone { standalone: false, inner: decree })
                .map_err(|d| vec![d])?,
        }),
        None => None,
    };

    let mut perubahan: Vec<(Option<Tanggal>, Perubahan)> = project
        .sops
        .iter()
        .flat_map(|s| {
            s.doc.value.revisi.iter().map(|r| {
                (
                    r.tanggal,
                    Perubahan {
                        nomor: s.doc.value.nomor.clone(),
                        nama: s.doc.value.nama.clone(),
                        tanggal: r.tanggal.map_or_else(|| "-".into(), |t| t.long()),
                        perubahan: r.perubahan.clone(),
                    },
                )
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
    let context = BookContext {
        instansi: &config.instansi,
        kop: &main_unit.kop,
        aksara_bali: main_unit.aksara_bali.as_deref(),
        logo: main_unit
            .logo
            .as_ref()
            .or(config.logo.as_ref())
            .map(|p| format!("/{}", p.to_string_lossy().trim_start_matches("./"))),
        tahun: own_date.year,
        font: &config.format.font,
        page_width: w * MM,
        page_height: h * MM,
        keputusan,
        sheets: parts,
        perubahan: perubahan.into_iter().map(|(_, p)| p).collect(),
    };
    let source = inputs.templates.render("buku.typ.j2", &context).map_err(|d| vec![d])?;
    let compiled = compile(inputs.env, "buku-sop.typ", source.clone(), date)?;
    let document = &compiled.document;
    let pdf = compile::pdf(document, "buku-sop", date)?;
    Ok(Built {
        document: Document {
            kind: OutputKind::Buku,
            source: crate::load::CONFIG_FILE.into(),
            path: "buku-sop.pdf".into(),
            pdf,
            pages: document.pages().len(),
            signatures: signature_boxes(document),
            typst: source,
            geometry: Vec::new(),
        },
        context: (),
        warnings: compiled.warnings,
    })
}
