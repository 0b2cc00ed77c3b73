//! Stage 8, publish: the portal's pages, rendered with minijinja's HTML
//! escaping from `templates/portal/` (every value a user wrote is text,
//! never markup), each from a typed context, and its assets.

use rayon::prelude::*;
use serde::Serialize;

use super::monev::{MonevSite, SopMonev, recap_page};
use super::search::{self, Record};
use super::site::{CSS, Files, JS, Page, Site, href};
use super::verification;
use super::words::flow_in_words;
use super::{Inputs, of_kind};
use crate::compile::svg;
use crate::compile::world::Fonts;
use crate::diagnostic::EnvError;
use crate::finish::{Document, OutputKind};
use crate::layout::sheet::{Labels, MutuHeader, mutu_baku_headers};
use crate::model::{DocumentAddress, Identity, Pejabat};
use crate::validate::{ValidDecree, ValidSop};

/// Writes the portal's files.
pub fn write(inputs: &Inputs, files: &Files) -> Result<(), EnvError> {
    let site = Site::new(inputs)?;
    let sops = sorted_sops(inputs.sops);
    let monev = MonevSite::new(&site, files)?;
    let summaries: Vec<SopSummary> = sops.iter().map(|sop| summary(&site, sop, &monev)).collect();
    // Each page's context and tag on every core: a save re-renders one
    // page of a thousand, but every page is looked at.
    let mut records: Vec<Record> = sops
        .par_iter()
        .zip(&summaries)
        .map(|(sop, summary)| sop_page(&site, sop, summary, &sops, &monev, files))
        .collect::<Result<_, _>>()?;
    if !monev.statuses.is_empty() {
        recap_page(&site, &monev, &sops, files)?;
    }
    if let Some(decree) = inputs.decree {
        decree_page(&site, decree, &sops, files)?;
        records.push(decree_record(&site, decree));
    }
    verification::pages(&site, files)?;
    index_page(&site, &summaries, files)?;
    files.put("aset/portal.css".to_owned(), CSS.as_bytes().to_vec())?;
    files.put("aset/portal.js".to_owned(), JS.as_bytes().to_vec())?;
    // The search index follows from its records alone.
    let json = serde_json::to_vec(&records).map_err(|e| EnvError(e.to_string()))?;
    files.put_tagged("aset/indeks.js".to_owned(), site.tag_of(&json), || Ok(search::script(&records)?.into_bytes()))?;
    add_fonts(inputs, files)
}

/// The portal's folder of the fonts its SVG pages draw their text in.
const FONT_DIR: &str = "aset/huruf";

/// Each font the sheets' SVG pages name, once for the whole portal.
fn add_fonts(inputs: &Inputs, files: &Files) -> Result<(), EnvError> {
    let mut names: Vec<&str> = of_kind(inputs.documents, OutputKind::Sop)
        .flat_map(|d| d.svg.iter().flat_map(|page| page.fonts.iter().map(String::as_str)))
        .collect();
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        return Ok(());
    }
    let project = inputs.project;
    let dir = project.config.value.format.fonts_dir.as_ref().map(|d| project.root.join(d));
    let fonts = Fonts::new(dir.as_deref())?;
    for name in names {
        if let Some(bytes) = svg::font_file(&fonts, name) {
            files.put(format!("{FONT_DIR}/{name}"), bytes.to_vec())?;
        }
    }
    Ok(())
}

/// Every SOP, sorted by unit then nomor.
fn sorted_sops(sops: &[ValidSop]) -> Vec<&ValidSop> {
    let mut sorted: Vec<&ValidSop> = sops.iter().collect();
    sorted.sort_by(|a, b| (&a.unit_key, &a.def().identity.nomor).cmp(&(&b.unit_key, &b.def().identity.nomor)));
    sorted
}

/// What the index and the page say of an SOP.
#[derive(Serialize, Clone)]
struct SopSummary {
    url: String,
    nomor: String,
    nama: String,
    unit_key: String,
    unit: String,
    efektif: String,
    efektif_iso: String,
    /// `berlaku_sampai`, so that the page can see it expire after the build.
    sampai: Option<String>,
    tahun: i32,
    status: SopStatus,
    status_label: &'static str,
    /// Judged in need of revision by monitoring or evaluation, and not
    /// revised since (the index's "Perlu revisi" filter).
    perlu_revisi: bool,
}

/// Where an SOP stands on the day the portal is built (the page judges
/// `kedaluwarsa` again on the day it is read).
#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum SopStatus {
    Berlaku,
    Direvisi,
    Kedaluwarsa,
}

impl SopStatus {
    fn name(self) -> &'static str {
        match self {
            SopStatus::Berlaku => "berlaku",
            SopStatus::Direvisi => "direvisi",
            SopStatus::Kedaluwarsa => "kedaluwarsa",
        }
    }

    fn label(self) -> &'static str {
        match self {
            SopStatus::Berlaku => "Berlaku",
            SopStatus::Direvisi => "Direvisi",
            SopStatus::Kedaluwarsa => "Kedaluwarsa",
        }
    }
}

fn summary(site: &Site, sop: &ValidSop, monev: &MonevSite) -> SopSummary {
    let config = &site.inputs().project.config.value;
    let identity = &sop.def().identity;
    let status = match (identity.berlaku_sampai, identity.revision_date()) {
        (Some(until), _) if until < site.inputs().today => SopStatus::Kedaluwarsa,
        (_, Some(_)) => SopStatus::Direvisi,
        _ => SopStatus::Berlaku,
    };
    // The unit's own line of its kop, without the brackets some kops wear.
    let unit = sop.unit.kop.last().map_or_else(
        || config.instansi.clone(),
        |line| line.trim().trim_start_matches('(').trim_end_matches(')').trim().to_owned(),
    );
    SopSummary {
        url: href(&format!("sop/{}.html", sop.source.stem)),
        nomor: identity.nomor.clone(),
        nama: identity.nama.clone(),
        unit_key: sop.unit_key.clone(),
        unit,
        efektif: site.long_date(identity.tanggal_efektif),
        efektif_iso: identity.tanggal_efektif.to_string(),
        sampai: identity.berlaku_sampai.map(|t| t.to_string()),
        tahun: identity.tanggal_efektif.year,
        status,
        status_label: status.label(),
        perlu_revisi: monev.statuses.of(&sop.source.stem).is_some_and(|s| s.waiting().is_some()),
    }
}

/// `sop/<path>.html`'s context.
#[derive(Serialize)]
struct SopPage<'a> {
    page: Page,
    sop: &'a SopSummary,
    identity: &'a Identity,
    kop: &'a [String],
    steps: Vec<StepRow>,
    labels: &'a Labels,
    mutu_baku: Vec<MutuHeader>,
    alur: Vec<String>,
    svg_pages: Vec<SvgImage>,
    pdf: Option<String>,
    verifikasi: Option<String>,
    related: Vec<Related>,
    revisi: Vec<RevisionRow>,
    tanggal: SopDates,
    /// Its monitoring and evaluation, when the project keeps monev records.
    monev: Option<SopMonev>,
}

#[derive(Serialize)]
struct StepRow {
    no: String,
    kegiatan: String,
    pelaksana: Vec<String>,
    /// The values of the project's mutu baku columns, in their order.
    mutu_baku: Vec<String>,
    keterangan: String,
}

/// One page of a sheet as an SVG image, with its size up front so that the
/// page does not shift as it loads.
#[derive(Serialize)]
struct SvgImage {
    src: String,
    width: u32,
    height: u32,
}

#[derive(Serialize)]
struct Related {
    text: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct RevisionRow {
    tanggal: Option<String>,
    perubahan: String,
}

#[derive(Serialize)]
struct SopDates {
    pembuatan: String,
    revisi: Option<String>,
    efektif: String,
    sampai: Option<String>,
}

/// An SOP's page and its SVG pages; returns its search record.
fn sop_page(
    site: &Site,
    sop: &ValidSop,
    summary: &SopSummary,
    sops: &[&ValidSop],
    monev: &MonevSite,
    files: &Files,
) -> Result<Record, EnvError> {
    let inputs = site.inputs();
    let def = sop.def();
    let identity = &def.identity;
    let stem = &sop.source.stem;
    let depth = stem.matches('/').count() + 1;
    let up = "../".repeat(depth);
    let berkas = DocumentAddress::sheet_berkas(stem);
    let document = inputs.documents.iter().find(|d| d.kind == OutputKind::Sop && d.address().berkas == berkas);
    let svg_pages = match document {
        Some(document) => svg_pages(stem, &up, document, files)?,
        None => Vec::new(),
    };
    let format = &inputs.project.config.value.format;
    let columns = format.mutu_baku_columns();
    let steps = def
        .langkah
        .iter()
        .zip(def.printed_numbers())
        .map(|(step, no)| StepRow {
            no,
            kegiatan: step.kegiatan.clone(),
            pelaksana: step.actor_ids().iter().filter_map(|id| def.pelaksana.get(*id).cloned()).collect(),
            mutu_baku: columns.iter().map(|c| c.value_of(step).to_owned()).collect(),
            keterangan: step.keterangan.clone().unwrap_or_default(),
        })
        .collect();
    let related = identity
        .keterkaitan
        .iter()
        .map(|text| Related {
            text: text.clone(),
            url: related_sop(text, sop, sops).map(|other| format!("{up}{}", href(&format!("sop/{other}.html")))),
        })
        .collect();
    let labels = &crate::layout::sheet::ProfileStyle::of_format(format).labels;
    let context = SopPage {
        page: site.page(depth, identity.nama.clone()),
        sop: summary,
        identity,
        kop: &sop.unit.kop,
        steps,
        labels,
        mutu_baku: mutu_baku_headers(format, labels),
        alur: flow_in_words(def, &sop.flow),
        svg_pages,
        pdf: document.map(|d| format!("{up}{}", href(&d.address().portal_pdf()))),
        verifikasi: document.map(|d| site.verification_link(depth, &d.address())),
        related,
        revisi: identity
            .revisi
            .iter()
            .map(|r| RevisionRow { tanggal: r.tanggal.map(|t| site.long_date(t)), perubahan: r.perubahan.clone() })
            .collect(),
        tanggal: SopDates {
            pembuatan: site.long_date(identity.tanggal_pembuatan),
            revisi: identity.revision_date().map(|t| site.long_date(t)),
            efektif: site.long_date(identity.tanggal_efektif),
            sampai: identity.berlaku_sampai.map(|t| site.long_date(t)),
        },
        monev: monev.of(site, stem, &up),
    };
    site.put_page(files, format!("sop/{stem}.html"), "sop.html", &context)?;
    Ok(Record {
        url: summary.url.clone(),
        nomor: identity.nomor.clone(),
        nama: identity.nama.clone(),
        unit: summary.unit.clone(),
        efektif: summary.efektif.clone(),
        tahun: summary.tahun,
        status: summary.status.name(),
        perlu_revisi: summary.perlu_revisi,
        sampai: summary.sampai.clone(),
        langkah: def.langkah.iter().map(|s| s.kegiatan.clone()).collect(),
        pelaksana: def.pelaksana.values().cloned().collect(),
        dasar_hukum: identity.dasar_hukum.clone(),
        keterangan: def.langkah.iter().filter_map(|s| s.keterangan.clone()).collect(),
        maksud_tujuan: identity.maksud_tujuan.clone().unwrap_or_default(),
        berkas: stem.replace(['/', '-', '_'], " "),
        teks: def.langkah.iter().filter_map(|s| s.teks.clone()).collect(),
        peralatan: identity.peralatan_perlengkapan.clone(),
        kualifikasi: identity.kualifikasi_pelaksana.clone(),
        keterkaitan: identity.keterkaitan.clone(),
        lampiran: Vec::new(),
    })
}

/// The Keputusan as the search sees it: found by its nomor, its title and
/// the SOPs its lampiran lists; no unit or status of its own.
fn decree_record(site: &Site, decree: &ValidDecree) -> Record {
    let def = &decree.doc.value;
    let date = def.ditetapkan.tanggal;
    Record {
        url: "keputusan.html".to_owned(),
        nomor: def.nomor.clone(),
        nama: format!("Keputusan tentang {}", def.tentang),
        unit: String::new(),
        efektif: site.long_date(date),
        tahun: date.year,
        status: "",
        perlu_revisi: false,
        sampai: None,
        langkah: Vec::new(),
        pelaksana: Vec::new(),
        dasar_hukum: def.mengingat.clone(),
        keterangan: Vec::new(),
        maksud_tujuan: String::new(),
        berkas: "keputusan".to_owned(),
        teks: Vec::new(),
        peralatan: Vec::new(),
        kualifikasi: Vec::new(),
        keterkaitan: Vec::new(),
        lampiran: decree.rows.iter().map(|row| row.nama.clone()).collect(),
    }
}

/// A sheet's pages as SVG files beside its HTML page (`up` leads from
/// them to the portal's root, where their fonts are).
fn svg_pages(stem: &str, up: &str, document: &Document, files: &Files) -> Result<Vec<SvgImage>, EnvError> {
    let name = stem.rsplit('/').next().unwrap_or_default();
    let font_dir = format!("{up}{FONT_DIR}/");
    let mut images = Vec::new();
    for (n, page) in document.svg.iter().enumerate() {
        // The cache's file is named by the sheet's key: with the way to
        // the fonts, it names the page.
        let file = page.file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        let tag = format!("{file}\n{font_dir}");
        files.put_tagged(format!("sop/{stem}.halaman-{}.svg", n + 1), tag, || {
            let svg = std::fs::read_to_string(&page.file).map_err(|e| EnvError::io("cannot read", &page.file, e))?;
            Ok(svg::with_font_dir(&svg, &font_dir).into_bytes())
        })?;
        images.push(SvgImage {
            src: href(&format!("{name}.halaman-{}.svg", n + 1)),
            width: page.width,
            height: page.height,
        });
    }
    Ok(images)
}

/// `keputusan.html`'s context.
#[derive(Serialize)]
struct DecreePage<'a> {
    page: Page,
    decree: &'a crate::model::DecreeDef,
    diktum: Vec<DiktumRow<'a>>,
    ditetapkan: String,
    pejabat: &'a Pejabat,
    rows: Vec<LampiranLink>,
    pdf: Option<String>,
    verifikasi: Option<String>,
}

#[derive(Serialize)]
struct DiktumRow<'a> {
    ke: String,
    isi: &'a crate::model::Diktum,
}

/// A lampiran row linked to its SOP's page.
#[derive(Serialize)]
struct LampiranLink {
    no: usize,
    nomor: String,
    nama: String,
    efektif: String,
    url: Option<String>,
}

/// The Keputusan and its lampiran, each row linked to its SOP.
fn decree_page(site: &Site, decree: &ValidDecree, sops: &[&ValidSop], files: &Files) -> Result<(), EnvError> {
    let def = &decree.doc.value;
    let document = of_kind(site.inputs().documents, OutputKind::Decree).next();
    let rows = decree
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| LampiranLink {
            no: i + 1,
            nomor: row.nomor.clone(),
            nama: row.nama.clone(),
            efektif: site.long_date(row.tanggal_efektif),
            url: sops
                .iter()
                .find(|s| s.def().identity.nomor == row.nomor)
                .map(|s| href(&format!("sop/{}.html", s.source.stem))),
        })
        .collect();
    let context = DecreePage {
        page: site.page(0, format!("Keputusan {}", def.nomor)),
        decree: def,
        diktum: def
            .diktum
            .iter()
            .enumerate()
            .map(|(i, isi)| DiktumRow { ke: crate::util::numbering::diktum_ordinal(i + 1), isi })
            .collect(),
        ditetapkan: site.long_date(def.ditetapkan.tanggal),
        pejabat: &decree.pejabat,
        rows,
        pdf: document.map(|d| href(&d.address().portal_pdf())),
        verifikasi: document.map(|d| site.verification_link(0, &d.address())),
    };
    site.put_page(files, "keputusan.html".to_owned(), "keputusan.html", &context)
}

/// `index.html`'s context.
#[derive(Serialize)]
struct IndexPage<'a> {
    page: Page,
    units: Vec<(String, Vec<&'a SopSummary>)>,
    count: usize,
    years: Vec<i32>,
    buku_verifikasi: Option<String>,
    /// The project's hours ahead of UTC: the page judges expiry on its day.
    utc_hours: i64,
}

/// The index, grouped by unit.
fn index_page(site: &Site, summaries: &[SopSummary], files: &Files) -> Result<(), EnvError> {
    let mut units: Vec<(String, Vec<&SopSummary>)> = Vec::new();
    for summary in summaries {
        match units.iter_mut().find(|(name, _)| *name == summary.unit) {
            Some((_, list)) => list.push(summary),
            None => units.push((summary.unit.clone(), vec![summary])),
        }
    }
    let mut years: Vec<i32> = summaries.iter().map(|s| s.tahun).collect();
    years.sort_unstable();
    years.dedup();
    let context = IndexPage {
        page: site.page(0, site.portal_title.clone()),
        units,
        count: summaries.len(),
        years,
        buku_verifikasi: of_kind(site.inputs().documents, OutputKind::Buku)
            .next()
            .map(|d| site.verification_link(0, &d.address())),
        utc_hours: site.inputs().project.config.value.zona_waktu.utc_hours(),
    };
    site.put_page(files, "index.html".to_owned(), "index.html", &context)
}

/// The SOP of the project a Keterkaitan item names: by its nomor, or by its
/// name written in the item ("SOP Pengelolaan Arsip").
pub fn related_sop<'a>(text: &str, own: &ValidSop, sops: &'a [&ValidSop]) -> Option<&'a str> {
    sops.iter()
        .filter(|other| other.source.stem != own.source.stem)
        .find(|other| other.def().identity.named_in(text))
        .map(|other| other.source.stem.as_str())
}
