//! The driver: runs the stages for a project. `run` loads and validates the
//! project, then builds every document in parallel (`sheet`: measure, lay
//! out, render and compile one SOP; `decree`: the Keputusan with its
//! lampiran), binds the book from them (`book`), and finishes: writes
//! everything at once, or nothing when any document failed, so earlier
//! outputs stay as they were. Unchanged documents come from the build cache
//! (`keys` says what each depends on). `watch` reruns it on every save.

mod book;
mod decree;
pub mod issue;
mod keys;
mod sheet;
pub mod watch;

use std::path::{Path, PathBuf};

use typst::foundations::Datetime;

use crate::compile::world::{Environment, Fonts};
use crate::compile::{self, Compiled};
use crate::diagnostic::{Diagnostic, Diagnostics, EnvError};
use crate::finish::cache::{Cache, Fingerprint};
use crate::finish::{self, Document, Manifest, ManifestEntry, OutputKind};
use crate::load::{self, DocPath, Project};
use crate::measure::typeset::TextMetrics;
use crate::model::address::Addresses;
use crate::model::{DocumentAddress, Tanggal, Unaddressed};
use crate::render::Templates;
use crate::util::workers;
use crate::validate::{self, ValidDecree, ValidSop};

/// Reports progress; the command line shows it, the library never prints.
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
    /// Also write the static portal (`OUT/portal/`).
    pub portal: bool,
}

/// The result of a build, a check or a batch of reports.
#[derive(Debug)]
pub struct Outcome {
    pub diagnostics: Diagnostics,
    pub out_dir: Option<PathBuf>,
    pub manifest: Option<Manifest>,
    /// The documents made (also when nothing was written).
    pub documents: Vec<Document>,
    /// What the build did besides: outputs kept from earlier because their
    /// input has errors, outputs removed because their input is gone.
    pub notes: Vec<String>,
}

impl Outcome {
    /// Nothing was made: the input has errors (or only warnings to report).
    pub fn stopped(diagnostics: Diagnostics) -> Self {
        Self { diagnostics, out_dir: None, manifest: None, documents: Vec::new(), notes: Vec::new() }
    }

    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// A document built in memory (or taken from the cache) and its warnings.
pub struct Built {
    pub document: Document,
    pub warnings: Diagnostics,
    pub reused: bool,
}

/// Sheets compiled between two clean-ups of Typst's caches.
const SHEETS_PER_BATCH: usize = 96;

/// One document of a build's parallel part.
enum Job<'a> {
    Decree(&'a ValidDecree),
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
    /// The sheets' pages are wanted as SVG too.
    portal: bool,
    cache: Cache,
    out_dir: PathBuf,
    /// The inputs every document shares.
    common: Fingerprint,
    /// Sets the table's text without Typst when the cells are sopkit's own.
    metrics: Option<TextMetrics>,
    /// Every document's address (its verification id).
    addresses: Addresses,
}

impl Context<'_> {
    /// The cached document for `key`, or a new one from `build`.
    fn reuse_or(
        &self,
        path: &str,
        key: String,
        build: impl FnOnce(String) -> Result<Built, Diagnostics>,
    ) -> Result<Built, Diagnostics> {
        match self.cache.lookup(&self.out_dir, path, &key, self.portal) {
            Some(document) => Ok(Built { document, warnings: Diagnostics::default(), reused: true }),
            None => build(key),
        }
    }

    /// The date a document of this build is stamped with.
    fn date(&self, own: Tanggal) -> Datetime {
        compile::document_date(self.fixed_date, own)
    }
}

pub fn run(options: &BuildOptions, progress: &dyn Progress) -> Result<Outcome, EnvError> {
    let fixed_date = compile::source_date_epoch()?;
    let (project, mut diagnostics) = load::load_project(&options.project)?;
    let Some(project) = project else {
        return Ok(Outcome::stopped(diagnostics));
    };
    let mut sops = validate::validate_project(&project, &mut diagnostics).sops;
    let decree = validate::validate_decree(&project, &mut diagnostics);
    // Before `--only` narrows the SOPs: ids are resolved over all of them.
    let addresses = addresses(&project, &sops, decree.as_ref());
    validate::revision_warnings(&project, today(fixed_date), &mut diagnostics);
    for stem in &options.only {
        let known =
            project.sops.iter().map(|s| s.stem.as_str()).chain(project.unreadable.iter().map(|(s, _)| s.as_str()));
        if !known.clone().any(|s| s == stem) {
            let known: Vec<&str> = known.collect();
            return Err(EnvError(crate::tr!("build-only-unknown", stem = stem, known = known.join(", "))));
        }
    }
    let whole_project = options.only.is_empty();
    if !whole_project {
        // `--only X` checks X and what it depends on (the settings, a nomor
        // used twice), not the other SOPs nor the decree.
        let other = |name: &str| {
            project.sops.iter().any(|s| s.doc.file.name == name && !options.only.contains(&s.stem))
                || project.unreadable.iter().any(|(stem, file)| file == name && !options.only.contains(stem))
                || is_decree_file(&project, name)
        };
        diagnostics.0.retain(|d| d.location.as_ref().is_none_or(|l| !other(&l.file.name)));
        sops.retain(|s| options.only.contains(&s.source.stem));
    }

    let Some((env, templates)) = environment(&project, &mut diagnostics)? else {
        return Ok(Outcome::stopped(diagnostics));
    };
    // Mistakes in one SOP stop that SOP, in the decree the decree and the
    // book; anything else (the settings) stops the build.
    let sop_file = |name: &str| {
        project.sops.iter().any(|s| s.doc.file.name == name) || project.unreadable.iter().any(|(_, file)| file == name)
    };
    let mut failed_sops: Vec<String> = Vec::new();
    let mut decree_failed = false;
    let mut stop = false;
    for error in diagnostics.errors() {
        match error.location.as_ref().map(|l| l.file.name.as_str()) {
            Some(name) if sop_file(name) => {
                if !failed_sops.iter().any(|f| f == name) {
                    failed_sops.push(name.to_owned());
                }
            }
            Some(name) if is_decree_file(&project, name) => decree_failed = true,
            _ => stop = true,
        }
    }
    if stop {
        return Ok(Outcome::stopped(diagnostics));
    }
    let out_dir = options.out.clone().unwrap_or_else(|| default_out_dir(&project));
    // `check` neither reads nor writes the cache.
    let cache = if options.write { Cache::load(&out_dir) } else { Cache::default() };
    let metrics = crate::measure::metrics_for(&env, &templates, &project.config.value.format);
    let context = Context {
        metrics,
        addresses,
        project: &project,
        common: keys::common(&project, &templates, fixed_date, options),
        env,
        templates,
        fixed_date,
        geometry: options.geometry,
        archival: !options.plain_pdf,
        portal: options.portal || project.config.value.portal.aktif,
        cache,
        out_dir: out_dir.clone(),
    };
    // The decree and the book list every SOP: made only when all of them,
    // and the decree, are valid; else their earlier outputs stay.
    let consistent = |failed: &[String], decree_failed: bool| whole_project && failed.is_empty() && !decree_failed;
    let decree_wanted = decree.as_ref().filter(|_| consistent(&failed_sops, decree_failed));
    progress.begin(
        sops.len() + usize::from(decree_wanted.is_some()) + usize::from(consistent(&failed_sops, decree_failed)),
    );
    let report = |result: &Result<Built, Diagnostics>| {
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
                Job::Decree(d) => {
                    context.reuse_or(&decree::address(&context, d).pdf_path(), keys::decree(&context, d), |key| {
                        decree::build_decree(&context, d, key)
                    })
                }
                Job::Sheet(sop) => {
                    context.reuse_or(&sheet::address(&context, sop).pdf_path(), keys::sheet(&context, sop), |key| {
                        sheet::build_sheet(&context, sop, key)
                    })
                }
            };
            report(&result);
            result
        },
    )?;

    let mut documents = Vec::new();
    // A document that fails on its own input (a step too tall) fails alone;
    // one that fails elsewhere (a project template) stops the build.
    let mut stop = false;
    for (job, result) in jobs.iter().zip(built) {
        let result = result.and_then(|built| with_sign_fields(built, options.sign_fields));
        if let Err(errors) = &result {
            let own = |name: &str| match job {
                Job::Sheet(sop) => sop.source.doc.file.name == name,
                Job::Decree(_) => is_decree_file(&project, name),
            };
            stop |= errors.errors().any(|e| e.location.as_ref().is_none_or(|l| !own(&l.file.name)));
            match job {
                Job::Sheet(sop) => failed_sops.push(sop.source.doc.file.name.clone()),
                Job::Decree(_) => decree_failed = true,
            }
        }
        collect(result, &mut documents, &mut diagnostics);
    }
    if stop {
        progress.end();
        diagnostics.sort();
        return Ok(Outcome::stopped(diagnostics));
    }
    // The book binds what was built; only when all of it was.
    let book_made = consistent(&failed_sops, decree_failed);
    if book_made {
        let decree = documents.iter().find(|d| d.kind == OutputKind::Decree);
        let sheets: Vec<&Document> = documents.iter().filter(|d| d.kind == OutputKind::Sop).collect();
        let key = keys::book(&context, decree, &sheets);
        let result = context.reuse_or(&book::address(&context).pdf_path(), key, |key| {
            book::build_book(&context, &sops, &sheets, decree, key)
        });
        report(&result);
        collect(
            result.and_then(|built| with_sign_fields(built, options.sign_fields)),
            &mut documents,
            &mut diagnostics,
        );
    }
    progress.end();
    let mut notes = Vec::new();
    if whole_project && !book_made {
        notes.push(match (failed_sops.is_empty(), project.decree.is_some()) {
            (true, _) => crate::tr!("build-not-made-decree"),
            (false, true) => crate::tr!("build-not-made-sops", count = failed_sops.len()),
            (false, false) => crate::tr!("build-book-not-made", count = failed_sops.len()),
        });
    }
    for file in &failed_sops {
        notes.push(crate::tr!("build-sop-failed", file = file));
    }
    diagnostics.sort();
    if !options.write {
        return Ok(Outcome { diagnostics, out_dir: None, manifest: None, documents, notes });
    }
    // What this build leaves as it was: reports made by `sopkit laporan`,
    // the sheets of SOPs not built now (failing, or not in `--only`), and
    // the decree and book when they were not made again.
    let built_now = |path: &str| documents.iter().any(|d| d.path == path);
    let current_sop = |source: &str| sop_file(source);
    let keep = |entry: &ManifestEntry| match entry.kind {
        OutputKind::Laporan => true,
        OutputKind::Sop => current_sop(&entry.source) && !built_now(&entry.path),
        // A decree whose keputusan.yaml is gone is not kept.
        OutputKind::Decree => !book_made && project.decree.is_some(),
        OutputKind::Buku => !book_made,
    };
    // Sheets of definitions that are gone are removed, with a word.
    if whole_project {
        for gone in
            finish::remove_outputs(&out_dir, |entry| entry.kind == OutputKind::Sop && !current_sop(&entry.source))?
        {
            notes.push(crate::tr!("build-removed", path = gone));
        }
    }
    let manifest = finish::write_outputs(&out_dir, &documents, options.emit_typst, keep)?;
    notes.extend(drafts(&project, &manifest));
    let portal = context.portal;
    let mut cache = context.cache;
    cache.store(&documents)?;
    // The portal shows what this build made; with SOPs that failed it
    // would be incomplete, so it is made only with the decree and book.
    if portal {
        if book_made {
            let reports = listed_reports(&out_dir, &manifest);
            let inputs = crate::publish::Inputs {
                project: &project,
                sops: &sops,
                decree: decree.as_ref(),
                documents: &documents,
                reports: &reports,
                today: today(fixed_date),
            };
            crate::publish::write(&out_dir, &inputs)?;
        } else {
            notes.push(crate::tr!("build-portal-not-made"));
        }
    }
    Ok(Outcome { diagnostics, out_dir: Some(out_dir), manifest: Some(manifest), documents, notes })
}

/// A note for each document issued before whose build differs from its
/// version in force: a draft until `sopkit terbit`.
fn drafts(project: &Project, manifest: &Manifest) -> Vec<String> {
    let ledger = project.ledger();
    manifest
        .outputs
        .iter()
        .filter_map(|entry| {
            let latest = ledger.latest(&entry.id)?;
            (latest.sha256 != entry.sha256)
                .then(|| crate::tr!("build-draft", path = entry.path.as_str(), version = latest.versi))
        })
        .collect()
}

/// The reports the manifest lists whose PDF is in the output folder, for
/// their verification pages.
fn listed_reports(out_dir: &Path, manifest: &Manifest) -> Vec<crate::publish::ListedReport> {
    manifest
        .outputs
        .iter()
        .filter(|entry| entry.kind == OutputKind::Laporan)
        .filter_map(|entry| {
            let length = std::fs::metadata(out_dir.join(&entry.path)).ok()?.len();
            Some(crate::publish::ListedReport { entry: entry.clone(), length: length as usize })
        })
        .collect()
}

/// The address of every document a build of the whole project makes, its
/// verification id kept from the ledger once issued.
fn addresses(project: &Project, sops: &[ValidSop], decree: Option<&ValidDecree>) -> Addresses {
    let mut wanted: Vec<Unaddressed> = sops
        .iter()
        .map(|sop| Unaddressed {
            kind: OutputKind::Sop,
            berkas: DocumentAddress::sheet_berkas(&sop.source.stem),
            nomor: sop.def().identity.nomor.clone(),
        })
        .collect();
    if let Some(decree) = decree {
        wanted.push(Unaddressed {
            kind: OutputKind::Decree,
            berkas: decree::BERKAS.to_owned(),
            nomor: decree.doc.value.nomor.clone(),
        });
    }
    wanted.push(Unaddressed { kind: OutputKind::Buku, berkas: book::BERKAS.to_owned(), nomor: String::new() });
    Addresses(project.ledger().resolve(&wanted))
}

/// Whether a file is the decree's: `keputusan.yaml` (or .yml, .toml) or the
/// spreadsheet listing its lampiran.
fn is_decree_file(project: &Project, name: &str) -> bool {
    load::KEPUTUSAN_FILES.contains(&name) || project.lampiran_list.as_ref().is_some_and(|l| l.name == name)
}

/// Keeps a built document and its warnings, or its errors.
pub fn collect(result: Result<Built, Diagnostics>, documents: &mut Vec<Document>, diagnostics: &mut Diagnostics) {
    match result {
        Ok(built) => {
            diagnostics.extend(built.warnings);
            documents.push(built.document);
        }
        Err(errors) => diagnostics.extend(errors),
    }
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
                    crate::tr!("build-unknown-font", font = config.value.format.font),
                )
                .with_hint(crate::tr!("build-fonts-available", fonts = fonts.families().join(", "))),
        );
        return Ok(None);
    }
    let overrides = project.root.join("templates");
    let templates = Templates::new(overrides.is_dir().then_some(overrides.as_path()));
    Ok(Some((Environment::new(&project.root, fonts), templates)))
}

/// Adds the signature fields to a freshly built document (a cached one has
/// them already: the option is part of its key).
pub fn with_sign_fields(mut built: Built, sign_fields: bool) -> Result<Built, Diagnostics> {
    if sign_fields && !built.reused {
        let document = &mut built.document;
        document.pdf = finish::sign_fields::add_signature_fields(&document.pdf, &mut document.signatures)
            .map_err(|e| Diagnostic::error(crate::tr!("build-sign-fields", path = document.path, why = e)))?;
    }
    Ok(built)
}

/// A compiled document as an output: its PDF, pages, signature boxes and
/// sections, read from what Typst laid out.
pub fn finished(
    compiled: &Compiled,
    address: &DocumentAddress,
    judul: String,
    source: String,
    pdf: Vec<u8>,
    typst: String,
) -> Document {
    let document = &compiled.document;
    Document {
        kind: address.kind,
        source,
        path: address.pdf_path(),
        id: address.id.clone(),
        nomor: address.nomor.clone(),
        judul,
        pdf,
        pages: document.pages().len(),
        signatures: crate::compile::introspect::signature_boxes(document),
        typst,
        book_part_typst: None,
        bookmarks: Vec::new(),
        geometry: Vec::new(),
        layout: None,
        key: None,
        svg: Vec::new(),
    }
}

/// `output/<project folder name>/`, relative to the current folder.
pub fn default_out_dir(project: &Project) -> PathBuf {
    Path::new("output").join(&project.name)
}

/// The same, for a project folder not loaded yet.
pub fn default_out_dir_for(project: &Path) -> Result<PathBuf, EnvError> {
    let name = std::path::absolute(project)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_owned()))
        .ok_or_else(|| EnvError(crate::tr!("serve-no-project", dir = project.display())))?;
    Ok(Path::new("output").join(name))
}

/// The date warnings are judged against: `SOURCE_DATE_EPOCH`, else today.
pub fn today(fixed: Option<Datetime>) -> Tanggal {
    let from_parts = |d: Datetime| Tanggal::new(d.year()?, d.month()?, d.day()?);
    fixed.and_then(from_parts).unwrap_or_else(|| {
        let seconds =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        Tanggal::from_unix_days(seconds / 86_400).unwrap_or(Tanggal { year: 1970, month: 1, day: 1 })
    })
}
