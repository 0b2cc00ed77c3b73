//! Runs the pipeline for a project: load, validate, then for every SOP in
//! parallel measure, lay out, render and compile; finally write everything
//! at once. If any document fails, nothing is written and earlier outputs
//! stay as they were.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use typst::foundations::Datetime;

use crate::book;
use crate::compile::{self, compile, query};
use crate::decree::KeputusanContext;
use crate::diagnostic::{Diagnostic, Diagnostics, EnvError};
use crate::finish::{self, Document, Manifest, OutputKind, SignatureBox};
use crate::layout::{self, LayoutError};
use crate::load::{self, DocPath, Project};
use crate::measure::measure;
use crate::model::Tanggal;
use crate::render::Templates;
use crate::sheet::{SheetBasics, SheetContext};
use crate::validate::{self, ValidKeputusan, ValidSop, validate_keputusan, validate_project};
use crate::world::{Environment, Fonts};

/// Reports progress; the binary shows it, the library never prints.
pub trait Progress: Sync {
    fn begin(&self, _total: usize) {}
    fn done(&self, _output: &str) {}
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
    /// Parallel jobs; default all cores.
    pub jobs: Option<usize>,
    /// `false` for `check`: run everything, write nothing.
    pub write: bool,
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

/// Shared, read-only state of one build.
struct Context<'a> {
    project: &'a Project,
    env: Environment,
    templates: Templates,
    fixed_date: Option<Datetime>,
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
    }
    if diagnostics.has_errors() {
        return done(diagnostics);
    }

    let overrides = project.root.join("templates");
    let context = Context {
        project: &project,
        env: Environment::new(&project.root, fonts),
        templates: Templates::new(overrides.is_dir().then_some(overrides.as_path())),
        fixed_date,
    };
    let whole_project = options.only.is_empty();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()
        .map_err(|e| EnvError(format!("cannot start worker threads: {e}")))?;
    progress.begin(sops.len() + usize::from(keputusan.is_some() && whole_project) + usize::from(whole_project));
    let report = |result: Result<&Document, ()>| {
        if let Ok(document) = result {
            progress.done(&document.path);
        }
    };
    // The sheets and the decree are independent: all of them in parallel.
    let (sheets, decree) = pool.install(|| {
        rayon::join(
            || {
                sops.par_iter()
                    .map(|sop| {
                        let result = build_sop(&context, sop);
                        report(result.as_ref().map(|b| &b.document).map_err(|_| ()));
                        result
                    })
                    .collect::<Vec<_>>()
            },
            || {
                keputusan.as_ref().filter(|_| whole_project).map(|k| {
                    let result = build_keputusan(&context, k);
                    report(result.as_ref().map(|b| &b.document).map_err(|_| ()));
                    result
                })
            },
        )
    });

    let mut parts: Vec<Built<SheetContext>> = Vec::new();
    let mut documents = Vec::new();
    let mut decree_context = None;
    if let Some(result) = decree {
        match result {
            Ok(built) => {
                diagnostics.extend(built.warnings);
                documents.push(built.document);
                decree_context = Some(built.context);
            }
            Err(errors) => diagnostics.extend(errors),
        }
    }
    for result in sheets {
        match result {
            Ok(built) => parts.push(built),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    for part in &mut parts {
        diagnostics.extend(std::mem::take(&mut part.warnings));
        documents.push(part.document.clone());
    }
    // The book binds what was built; only when all of it was.
    if whole_project && !diagnostics.has_errors() {
        let sheets: Vec<&SheetContext> = parts.iter().map(|p| &p.context).collect();
        match book::build_book(&context.book_inputs(), &sheets, decree_context.as_ref()) {
            Ok(built) => {
                progress.done(&built.document.path);
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
    let out_dir = options.out.clone().unwrap_or_else(|| default_out_dir(&project));
    let manifest = finish::write_outputs(&out_dir, &documents, options.emit_typst)?;
    Ok(Outcome { diagnostics, out_dir: Some(out_dir), manifest: Some(manifest), documents })
}

/// A document built in memory, with the template context it came from (the
/// book renders its parts again from these) and its warnings.
pub struct Built<C> {
    pub document: Document,
    pub context: C,
    pub warnings: Vec<Diagnostic>,
}

impl Context<'_> {
    fn book_inputs(&self) -> book::BookInputs<'_> {
        book::BookInputs {
            project: self.project,
            env: &self.env,
            templates: &self.templates,
            fixed_date: self.fixed_date,
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
fn build_keputusan(context: &Context, keputusan: &ValidKeputusan) -> Result<Built<KeputusanContext>, Vec<Diagnostic>> {
    let def = &keputusan.doc.value;
    let date = context.fixed_date.unwrap_or_else(|| compile::datetime_of(def.ditetapkan.tanggal));
    let signature_box = context.project.config.value.format.signature_box_pt;
    let decree = KeputusanContext::new(keputusan, signature_box);
    let source = context
        .templates
        .render("keputusan.typ.j2", &Standalone { standalone: true, inner: &decree })
        .map_err(|d| vec![d])?;
    let compiled = compile(&context.env, "keputusan.typ", source.clone(), date)?;
    let document = &compiled.document;
    let pdf = compile::pdf(document, "keputusan", date)?;
    Ok(Built {
        document: Document {
            kind: OutputKind::Keputusan,
            source: keputusan.doc.file.name.clone(),
            path: "keputusan.pdf".into(),
            pdf,
            pages: document.pages().len(),
            signatures: signature_boxes(document),
            typst: source,
            geometry: Vec::new(),
        },
        context: decree,
        warnings: compiled.warnings,
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
fn build_sop(context: &Context, sop: &ValidSop) -> Result<Built<SheetContext>, Vec<Diagnostic>> {
    let config = &context.project.config.value;
    let def = sop.def();
    let own_date =
        def.tanggal_revisi.or(def.revisi.iter().filter_map(|r| r.tanggal).max()).unwrap_or(def.tanggal_pembuatan);
    let date = context.fixed_date.unwrap_or_else(|| compile::datetime_of(own_date));
    let basics = SheetBasics::of(sop, config);
    let measured =
        measure(&context.env, &context.templates, &config.format.font, config.format.font_size, &[&basics], date)?
            .pop()
            .unwrap_or_default();
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

    let sheet = SheetContext::new(sop, config, basics, &measured, layout);
    let source =
        context.templates.render("sop.typ.j2", &Standalone { standalone: true, inner: &sheet }).map_err(|d| vec![d])?;
    let path = format!("sop/{}.pdf", sop.source.stem);
    let compiled = compile(&context.env, &format!("sop/{}.typ", sop.source.stem), source.clone(), date)?;
    warnings.extend(compiled.warnings);
    let document = &compiled.document;
    let pdf = compile::pdf(document, &sop.source.stem, date)?;
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
            geometry: query(document, "sopkit-geom"),
        },
        context: sheet,
        warnings,
    })
}

/// The reserved signature boxes, located where Typst drew them.
pub fn signature_boxes(document: &typst_layout::PagedDocument) -> Vec<SignatureBox> {
    query(document, "sopkit-signature")
        .iter()
        .filter_map(|v| {
            let number = |k: &str| v.get(k).and_then(serde_json::Value::as_f64);
            let page = v.get("page").and_then(serde_json::Value::as_u64)? as usize;
            let height = document.pages().get(page - 1)?.frame.height().to_pt();
            Some(SignatureBox::new(
                v.get("role").and_then(serde_json::Value::as_str)?,
                page,
                height,
                number("x")?,
                number("y")?,
                number("w")?,
                number("h")?,
            ))
        })
        .collect()
}
