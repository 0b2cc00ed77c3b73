//! Runs the pipeline for a project: load, validate, then for every SOP in
//! parallel measure, lay out, render and compile; finally write everything
//! at once. If any document fails, nothing is written and earlier outputs
//! stay as they were.

use std::path::{Path, PathBuf};

use typst::foundations::Datetime;

use crate::book;
use crate::cache::{Cache, Fingerprint};
use crate::compile::{self, compile, marks};
use crate::decree::KeputusanContext;
use crate::diagnostic::{Diagnostic, Diagnostics, EnvError};
use crate::finish::{self, Bookmark, Document, Manifest, OutputKind, SignatureBox};
use crate::layout::{self, LayoutError};
use crate::load::{self, DocPath, Project};
use crate::measure::{self, typeset::TextMetrics};
use crate::model::Tanggal;
use crate::render::Templates;
use crate::sheet::{SheetBasics, SheetContext};
use crate::validate::{self, ValidKeputusan, ValidSop, validate_keputusan, validate_project};
use crate::workers;
use crate::world::{Environment, Fonts};

/// Reports progress; the binary shows it, the library never prints.
pub trait Progress: Sync {
    fn begin(&self, _total: usize) {}
    /// `output` is ready; `reused` when taken from the cache.
    fn done(&self, _output: &str, _reused: bool) {}
    fn end(&self) {}
}

/// Reports nothing.
pub struct Silent;
impl Progress for Silent {}

/// What to build and where.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub project: PathBuf,
    /// Output folder; default `output/<project folder name>/`.
    pub out: Option<PathBuf>,
    /// Only these SOPs (paths under `sops/` without extension).
    pub only: Vec<String>,
    pub emit_typst: bool,
    /// Add an empty signature field over every signature box.
    pub sign_fields: bool,
    /// Parallel jobs; default all cores.
    pub jobs: Option<usize>,
    /// `false` for `check`: run everything, write nothing.
    pub write: bool,
    /// Record where every part of each flowchart is drawn (`Document::geometry`).
    pub geometry: bool,
    /// Plain PDF instead of PDF/A-2b (`--no-pdfa`).
    pub plain_pdf: bool,
}

/// The result of a build or check.
#[derive(Debug)]
pub struct Outcome {
    pub diagnostics: Diagnostics,
    pub out_dir: Option<PathBuf>,
    pub manifest: Option<Manifest>,
    /// The documents made (also when `write` is false).
    pub documents: Vec<Document>,
}

impl Outcome {
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// Sheets compiled between two clean-ups of Typst's caches.
const SHEETS_PER_BATCH: usize = 96;

/// One document of a build's parallel part.
enum Job<'a> {
    Decree(&'a ValidKeputusan),
    Sheet(&'a ValidSop),
}

/// Shared, read-only state of one build.
struct Context<'a> {
    project: &'a Project,
    env: Environment,
    templates: Templates,
    fixed_date: Option<Datetime>,
    geometry: bool,
    /// PDF/A-2b output.
    archival: bool,
    cache: Cache,
    out_dir: PathBuf,
    /// The inputs every document shares.
    common: Fingerprint,
    /// Sets the table's text without Typst when the cells are sopkit's own.
    metrics: Option<TextMetrics>,
}

pub fn run(options: &BuildOptions, progress: &dyn Progress) -> Result<Outcome, EnvError> {
    let fixed_date = compile::source_date_epoch()?;
    let (project, mut diagnostics) = load::load_project(&options.project)?;
    let done =
        |diagnostics: Diagnostics| Ok(Outcome { diagnostics, out_dir: None, manifest: None, documents: Vec::new() });
    let Some(project) = project else {
        return done(diagnostics);
    };
    let mut sops = validate_project(&project, &mut diagnostics);
    let keputusan = validate_keputusan(&project, &mut diagnostics);
    validate::revision_warnings(&project, today(fixed_date), &mut diagnostics);
    for stem in &options.only {
        if !project.sops.iter().any(|s| &s.stem == stem) {
            let known: Vec<&str> = project.sops.iter().map(|s| s.stem.as_str()).collect();
            return Err(EnvError(format!("--only {stem}: no such SOP under sops/ (known: {})", known.join(", "))));
        }
    }
    if !options.only.is_empty() {
        sops.retain(|s| options.only.contains(&s.source.stem));
    }

    let Some((env, templates)) = environment(&project, &mut diagnostics)? else {
        return done(diagnostics);
    };
    if diagnostics.has_errors() {
        return done(diagnostics);
    }
    let out_dir = options.out.clone().unwrap_or_else(|| default_out_dir(&project));
    // `check` neither reads nor writes the cache.
    let cache = if options.write { Cache::load(&out_dir) } else { Cache::default() };
    let metrics = measure::metrics_for(&env, &templates, &project.config.value.format);
    let context = Context {
        metrics,
        project: &project,
        common: common_fingerprint(&project, &templates, fixed_date, options),
        env,
        templates,
        fixed_date,
        geometry: options.geometry,
        archival: !options.plain_pdf,
        cache,
        out_dir: out_dir.clone(),
    };
    let whole_project = options.only.is_empty();
    let decree_wanted = keputusan.as_ref().filter(|_| whole_project);
    progress.begin(sops.len() + usize::from(decree_wanted.is_some()) + usize::from(whole_project));
    let report = |result: &Result<Built, Vec<Diagnostic>>| {
        if let Ok(built) = result {
            progress.done(&built.document.path, built.reused);
        }
    };
    // The decree and the sheets are independent: all of them in parallel,
    // the decree (the longest) first. Every SHEETS_PER_BATCH documents,
    // Typst's memoized results (of sheets no later one will reuse) are
    // dropped, which bounds memory on large projects at little cost in time.
    let jobs: Vec<Job> = decree_wanted.into_iter().map(Job::Decree).chain(sops.iter().map(Job::Sheet)).collect();
    let built = workers::map(
        &jobs,
        options.jobs.unwrap_or(0),
        SHEETS_PER_BATCH,
        || typst::comemo::evict(0),
        |job| {
            let result = match job {
                Job::Decree(k) => context
                    .reuse_or("keputusan.pdf", keputusan_key(&context, k), |key| build_keputusan(&context, k, key)),
                Job::Sheet(sop) => {
                    context.reuse_or(&sop_path(sop), sop_key(&context, sop), |key| build_sop(&context, sop, key))
                }
            };
            report(&result);
            result
        },
    )?;

    let mut documents = Vec::new();
    for result in built {
        match result.and_then(|built| with_sign_fields(built, options.sign_fields)) {
            Ok(built) => {
                diagnostics.extend(built.warnings);
                documents.push(built.document);
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }
    // The book binds what was built; only when all of it was.
    if whole_project && !diagnostics.has_errors() {
        let decree = documents.iter().find(|d| d.kind == OutputKind::Keputusan);
        let sheets: Vec<&Document> = documents.iter().filter(|d| d.kind == OutputKind::Sop).collect();
        let key = book_key(&context, decree, &sheets);
        let result =
            context.reuse_or("buku-sop.pdf", key, |key| book::build_book(&context.book_inputs(), &sheets, decree, key));
        report(&result);
        match result.and_then(|built| with_sign_fields(built, options.sign_fields)) {
            Ok(built) => {
                diagnostics.extend(built.warnings);
                documents.push(built.document);
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }
    progress.end();
    diagnostics.sort();
    if diagnostics.has_errors() {
        return done(diagnostics);
    }
    if !options.write {
        return Ok(Outcome { diagnostics, out_dir: None, manifest: None, documents });
    }
    // Reports made by `sopkit laporan` stay listed.
    let manifest = finish::write_outputs(&out_dir, &documents, options.emit_typst, |kind| kind == OutputKind::Laporan)?;
    let mut cache = context.cache;
    cache.store(&documents)?;
    Ok(Outcome { diagnostics, out_dir: Some(out_dir), manifest: Some(manifest), documents })
}

/// The fonts (embedded and the project's) and templates (built-in and the
/// project's) documents are compiled with; `None` when the configured font
/// does not exist (the error is in `diagnostics`).
pub fn environment(
    project: &Project,
    diagnostics: &mut Diagnostics,
) -> Result<Option<(Environment, Templates)>, EnvError> {
    let config = &project.config;
    let fonts = Fonts::new(config.value.format.fonts_dir.as_ref().map(|d| project.root.join(d)).as_deref())?;
    if !fonts.has_family(&config.value.format.font) {
        diagnostics.push(
            config
                .error_at(
                    &DocPath::root().key("format").key("font"),
                    format!("unknown font family `{}`", config.value.format.font),
                )
                .with_hint(format!("available: {}", fonts.families().join(", "))),
        );
        return Ok(None);
    }
    let overrides = project.root.join("templates");
    let templates = Templates::new(overrides.is_dir().then_some(overrides.as_path()));
    Ok(Some((Environment::new(&project.root, fonts), templates)))
}

/// Adds the signature fields to a freshly built document (a cached one has
/// them already: the option is part of its key).
pub fn with_sign_fields(mut built: Built, sign_fields: bool) -> Result<Built, Vec<Diagnostic>> {
    if sign_fields && !built.reused {
        let document = &mut built.document;
        document.pdf = finish::sign_fields::add_signature_fields(&document.pdf, &mut document.signatures)
            .map_err(|e| vec![Diagnostic::error(format!("{}: cannot add signature fields: {e}", document.path))])?;
    }
    Ok(built)
}

/// Everything every document depends on: sopkit.toml, the templates in
/// effect, the project's fonts and the fixed date.
fn common_fingerprint(
    project: &Project,
    templates: &Templates,
    fixed_date: Option<Datetime>,
    options: &BuildOptions,
) -> Fingerprint {
    let mut fingerprint = Fingerprint::new();
    fingerprint.add("sopkit.toml", project.config.file.text.as_bytes());
    for (name, text) in templates.effective_sources() {
        fingerprint.add(&name, text.as_bytes());
    }
    if let Some(dir) = &project.config.value.format.fonts_dir {
        for entry in walkdir::WalkDir::new(project.root.join(dir)).sort_by_file_name().into_iter().flatten() {
            if entry.file_type().is_file() {
                fingerprint.add_file(&entry.path().to_string_lossy(), entry.path());
            }
        }
    }
    fingerprint.add("SOURCE_DATE_EPOCH", format!("{fixed_date:?}").as_bytes());
    fingerprint
        .add("options", &[u8::from(options.sign_fields), u8::from(options.geometry), u8::from(options.plain_pdf)]);
    fingerprint
}

fn sop_key(context: &Context, sop: &ValidSop) -> String {
    let mut fingerprint = context.common.clone();
    fingerprint.add("definition", sop.source.doc.file.text.as_bytes());
    fingerprint.add("stem", sop.source.stem.as_bytes());
    let config = &context.project.config.value;
    if let Some(logo) = sop.unit.logo.as_ref().or(config.logo.as_ref()) {
        fingerprint.add_file("logo", &context.project.root.join(logo));
    }
    fingerprint.key()
}

fn keputusan_key(context: &Context, keputusan: &ValidKeputusan) -> String {
    let mut fingerprint = context.common.clone();
    fingerprint.add("keputusan", keputusan.doc.file.text.as_bytes());
    fingerprint.add("rows", serde_json::to_string(&keputusan.rows).unwrap_or_default().as_bytes());
    if let Some(lambang) = &keputusan.doc.value.lambang {
        fingerprint.add_file("lambang", &context.project.root.join(lambang));
    }
    fingerprint.key()
}

/// The book depends on its parts (by their keys) and on every revision note.
fn book_key(context: &Context, decree: Option<&Document>, sheets: &[&Document]) -> String {
    let mut fingerprint = context.common.clone();
    for part in decree.into_iter().chain(sheets.iter().copied()) {
        fingerprint.add(&part.path, part.key.as_deref().unwrap_or("uncached").as_bytes());
    }
    for sop in &context.project.sops {
        fingerprint.add("revisi", serde_json::to_string(&sop.doc.value.revisi).unwrap_or_default().as_bytes());
    }
    if let Some(logo) = &context.project.config.value.logo {
        fingerprint.add_file("logo", &context.project.root.join(logo));
    }
    fingerprint.key()
}

/// A document built in memory (or taken from the cache) and its warnings.
pub struct Built {
    pub document: Document,
    pub warnings: Vec<Diagnostic>,
    pub reused: bool,
}

impl Context<'_> {
    /// The cached document for `key`, or a new one from `build`.
    fn reuse_or(
        &self,
        path: &str,
        key: String,
        build: impl FnOnce(String) -> Result<Built, Vec<Diagnostic>>,
    ) -> Result<Built, Vec<Diagnostic>> {
        match self.cache.lookup(&self.out_dir, path, &key) {
            Some(document) => Ok(Built { document, warnings: Vec::new(), reused: true }),
            None => build(key),
        }
    }

    fn book_inputs(&self) -> book::BookInputs<'_> {
        book::BookInputs {
            project: self.project,
            env: &self.env,
            templates: &self.templates,
            fixed_date: self.fixed_date,
            archival: self.archival,
        }
    }
}

/// `output/<project folder name>/`, relative to the current folder.
pub fn default_out_dir(project: &Project) -> PathBuf {
    Path::new("output").join(&project.name)
}

/// The date warnings are judged against: `SOURCE_DATE_EPOCH`, else today.
fn today(fixed: Option<Datetime>) -> Tanggal {
    let from_parts = |d: Datetime| Tanggal::new(d.year()?, d.month()?, d.day()?);
    fixed.and_then(from_parts).unwrap_or_else(|| {
        let seconds =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        Tanggal::from_unix_days(seconds / 86_400).unwrap_or(Tanggal { year: 1970, month: 1, day: 1 })
    })
}

/// The Keputusan with its lampiran, compiled to PDF in memory.
fn build_keputusan(context: &Context, keputusan: &ValidKeputusan, key: String) -> Result<Built, Vec<Diagnostic>> {
    let def = &keputusan.doc.value;
    let date = context.fixed_date.unwrap_or_else(|| compile::datetime_of(def.ditetapkan.tanggal));
    let signature_box = context.project.config.value.format.signature_box_pt;
    let mut decree = KeputusanContext::new(keputusan, signature_box);
    decree.tte = crate::tte::context(
        &context.project.config,
        &crate::tte::DocumentId { jenis: "keputusan", berkas: "keputusan", nomor: &def.nomor },
        &["pejabat", "pejabat_lampiran"],
    )
    .map_err(|d| vec![d])?;
    let source = context
        .templates
        .render("keputusan.typ.j2", &Standalone { standalone: true, inner: &decree })
        .map_err(|d| vec![d])?;
    let part = context
        .templates
        .render("keputusan.typ.j2", &Standalone { standalone: false, inner: &decree })
        .map_err(|d| vec![d])?;
    let compiled = compile(&context.env, "keputusan.typ", source.clone(), date)?;
    let document = &compiled.document;
    let pdf = compile::pdf(document, "keputusan", date, context.archival)?;
    Ok(Built {
        document: Document {
            kind: OutputKind::Keputusan,
            source: keputusan.doc.file.name.clone(),
            path: "keputusan.pdf".into(),
            pdf,
            pages: document.pages().len(),
            signatures: signature_boxes(document),
            typst: source,
            part: Some(part),
            bookmarks: bookmarks(document),
            geometry: Vec::new(),
            key: Some(key),
        },
        warnings: compiled.warnings,
        reused: false,
    })
}

/// A template context with the flag telling a document from a part of the book.
#[derive(serde::Serialize)]
pub struct Standalone<T> {
    pub standalone: bool,
    #[serde(flatten)]
    pub inner: T,
}

/// One SOP sheet, from validated definition to PDF in memory.
fn build_sop(context: &Context, sop: &ValidSop, key: String) -> Result<Built, Vec<Diagnostic>> {
    let config = &context.project.config.value;
    let def = sop.def();
    let own_date =
        def.tanggal_revisi.or(def.revisi.iter().filter_map(|r| r.tanggal).max()).unwrap_or(def.tanggal_pembuatan);
    let date = context.fixed_date.unwrap_or_else(|| compile::datetime_of(own_date));
    let basics = SheetBasics::of(sop, config);
    let measured = match context.metrics.as_ref().and_then(|m| measure::without_typst(m, &basics)) {
        Some(measured) => measured,
        None => measure::measure(
            &context.env,
            &context.templates,
            &config.format.font,
            config.format.font_size,
            &[&basics],
            date,
        )?
        .pop()
        .unwrap_or_default(),
    };
    let available = basics.page.content_height() - measured.title - measured.header.0 - measured.header.1 - 2.0;
    let doc = &sop.source.doc;
    let (layout, layout_warnings) =
        layout::layout(&sop.flow, &measured.rows, &basics.sizes(), available).map_err(|error| {
            let LayoutError::RowTooTall { step, height, available } = error;
            vec![
                doc.error_at(
                    &DocPath::root().key("langkah").index(step).key("kegiatan"),
                    format!("step {} is too tall for one page ({height:.0} pt of {available:.0} pt)", step + 1),
                )
                .with_hint("shorten its texts, or split it into two steps"),
            ]
        })?;
    let mut warnings: Vec<Diagnostic> =
        layout_warnings.into_iter().map(|w| doc.warning_at(&DocPath::root().key("langkah"), w)).collect();

    let mut sheet = SheetContext::new(sop, config, basics, &measured, layout);
    sheet.geometry = context.geometry;
    let roles: &[&str] = if def.disahkan_oleh.is_some() { &["disahkan_oleh"] } else { &[] };
    sheet.tte = crate::tte::context(
        &context.project.config,
        &crate::tte::DocumentId { jenis: "sop", berkas: &format!("sop/{}", sop.source.stem), nomor: &def.nomor },
        roles,
    )
    .map_err(|d| vec![d])?;
    let source =
        context.templates.render("sop.typ.j2", &Standalone { standalone: true, inner: &sheet }).map_err(|d| vec![d])?;
    let part = context
        .templates
        .render("sop.typ.j2", &Standalone { standalone: false, inner: &sheet })
        .map_err(|d| vec![d])?;
    let path = sop_path(sop);
    let compiled = compile(&context.env, &format!("sop/{}.typ", sop.source.stem), source.clone(), date)?;
    warnings.extend(compiled.warnings);
    let document = &compiled.document;
    let pdf = compile::pdf(document, &sop.source.stem, date, context.archival)?;
    let signatures = signature_boxes(document);
    Ok(Built {
        document: Document {
            kind: OutputKind::Sop,
            source: doc.file.name.clone(),
            path,
            pdf,
            pages: document.pages().len(),
            signatures,
            typst: source,
            part: Some(part),
            bookmarks: vec![Bookmark { title: format!("{} {}", def.nomor, def.nama), page: 1 }],
            geometry: marks(document, "sopkit-geom"),
            key: Some(key),
        },
        warnings,
        reused: false,
    })
}

fn sop_path(sop: &ValidSop) -> String {
    format!("sop/{}.pdf", sop.source.stem)
}

/// Sections a document marked with `sopkit-section`.
fn bookmarks(document: &typst_layout::PagedDocument) -> Vec<Bookmark> {
    marks(document, "sopkit-section")
        .iter()
        .filter_map(|v| {
            let title = v.get("title")?.as_str()?.to_owned();
            let page = v.get("page")?.as_u64()? as usize;
            Some(Bookmark { title, page })
        })
        .collect()
}

/// The reserved signature boxes, located where Typst drew them.
pub fn signature_boxes(document: &typst_layout::PagedDocument) -> Vec<SignatureBox> {
    marks(document, "sopkit-signature")
        .iter()
        .filter_map(|v| {
            let number = |k: &str| v.get(k).and_then(serde_json::Value::as_f64);
            let page = v.get("page").and_then(serde_json::Value::as_u64)? as usize;
            let height = document.pages().get(page - 1)?.frame.height().to_pt();
            let mut signature = SignatureBox::new(
                v.get("role").and_then(serde_json::Value::as_str)?,
                page,
                height,
                number("x")?,
                number("y")?,
                number("w")?,
                number("h")?,
            );
            signature.marker = v.get("marker").and_then(serde_json::Value::as_str).map(str::to_owned);
            Some(signature)
        })
        .collect()
}
