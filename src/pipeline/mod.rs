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
    /// When the documents that bind the others (the Keputusan, the book)
    /// would be made again, keep their earlier versions and leave them to a
    /// later run (`Outcome::pending`): `serve` and `watch` show a save
    /// first.
    pub bind_later: bool,
    /// Set from another thread, stops the build before it writes
    /// (`Outcome::interrupted`).
    pub interrupt: Interrupt,
}

/// A flag another thread sets to stop a build before it writes anything:
/// `watch` sets it when a save comes while the Keputusan and the book are
/// being made, so that the save is shown without waiting for them.
#[derive(Debug, Clone, Default)]
pub struct Interrupt(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Interrupt {
    pub fn set(&self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn is_set(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
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
    /// Which SOPs each of the project's shared revisions touches, a line
    /// each (`check` shows them).
    pub shared_revisions: Vec<String>,
    /// Outputs kept at their earlier version for a later run to make
    /// (`BuildOptions::bind_later`).
    pub pending: Vec<String>,
    /// Stopped by `BuildOptions::interrupt` before writing: nothing was
    /// written, the earlier outputs stand.
    pub interrupted: bool,
}

impl Outcome {
    /// Nothing was made: the input has errors (or only warnings to report).
    pub fn stopped(diagnostics: Diagnostics) -> Self {
        Self {
            diagnostics,
            out_dir: None,
            manifest: None,
            documents: Vec::new(),
            notes: Vec::new(),
            shared_revisions: Vec::new(),
            pending: Vec::new(),
            interrupted: false,
        }
    }

    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// A document built (or taken from the cache) and its warnings.
pub struct Built {
    pub document: Document,
    pub warnings: Diagnostics,
    pub reused: bool,
    /// A new sheet's pages as SVG, until the cache keeps them.
    pub svg: Vec<String>,
}

impl Built {
    pub fn new(document: Document, warnings: Diagnostics) -> Self {
        Self { document, warnings, reused: false, svg: Vec::new() }
    }
}

/// Documents compiled between two clean-ups of Typst's caches: at 96 a cold
/// build of 1,000 sheets peaked at twice the memory it takes at 16, in the
/// same time (measured with `benches/portal.rs`).
const SHEETS_PER_BATCH: usize = 16;

/// Documents compiled since Typst's memoized results were last dropped,
/// counted over the process's builds: `watch` and `serve` keep them from one
/// save to the next, so that compiling the saved sheet (or the Keputusan
/// again) reuses what did not change.
static COMPILED_SINCE_CLEAN_UP: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Counts a document compiled; its result is `built`.
fn count_compiled(built: &Result<Built, Diagnostics>) {
    if built.as_ref().is_ok_and(|b| !b.reused) {
        COMPILED_SINCE_CLEAN_UP.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Drops Typst's memoized results once SHEETS_PER_BATCH documents were
/// compiled since the last time.
fn clean_up_after_many() {
    use std::sync::atomic::Ordering;
    let many = COMPILED_SINCE_CLEAN_UP.load(Ordering::Relaxed) >= SHEETS_PER_BATCH;
    if many && COMPILED_SINCE_CLEAN_UP.swap(0, Ordering::Relaxed) >= SHEETS_PER_BATCH {
        typst::comemo::evict(0);
    }
}

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
    /// The build writes its outputs (not `check`): new documents are set
    /// aside in files as soon as they are made.
    write: bool,
    /// The Typst sources are written beside the PDFs (`--emit-typst`).
    emit_typst: bool,
    bind_later: bool,
    /// The outputs kept at their earlier version (`bind_later`).
    waiting: std::sync::Mutex<Vec<String>>,
    cache: Cache,
    out_dir: PathBuf,
    /// The inputs every document shares.
    common: Fingerprint,
    /// Sets the table's text without Typst when the cells are sopkit's own.
    metrics: Option<TextMetrics>,
    /// Every document's address (its verification id).
    addresses: Addresses,
    interrupt: Interrupt,
}

impl Context<'_> {
    /// The cached document for `key`, or a new one from `build`.
    fn reuse_or(
        &self,
        path: &str,
        key: String,
        build: impl FnOnce(String) -> Result<Built, Diagnostics>,
    ) -> Result<Built, Diagnostics> {
        match self.cache.lookup(&self.out_dir, path, &key, self.portal, self.emit_typst) {
            Some(document) => Ok(Built { reused: true, ..Built::new(document, Diagnostics::default()) }),
            None => build(key),
        }
    }

    /// Like `reuse_or`, for a document that binds others: with
    /// `bind_later`, its earlier version instead of a new one.
    fn reuse_or_later(
        &self,
        path: &str,
        key: String,
        build: impl FnOnce(String) -> Result<Built, Diagnostics>,
    ) -> Result<Built, Diagnostics> {
        let found = self.cache.lookup(&self.out_dir, path, &key, self.portal, self.emit_typst);
        let earlier = || self.bind_later.then(|| self.cache.earlier(&self.out_dir, path)).flatten();
        match (found, earlier()) {
            (Some(document), _) => Ok(Built { reused: true, ..Built::new(document, Diagnostics::default()) }),
            (None, Some(document)) => {
                self.waiting.lock().unwrap_or_else(|e| e.into_inner()).push(path.to_owned());
                Ok(Built { reused: true, ..Built::new(document, Diagnostics::default()) })
            }
            (None, None) => build(key),
        }
    }

    /// A new document, finished: its signature fields added; when the
    /// build writes, its sources and SVG pages kept in the cache and its
    /// PDF set aside in a file, so that a build of a thousand sheets does
    /// not hold them all in memory.
    fn finish_new(&self, built: Result<Built, Diagnostics>, sign_fields: bool) -> Result<Built, Diagnostics> {
        let mut built = with_sign_fields(built?, sign_fields)?;
        if built.reused || !self.write {
            return Ok(built);
        }
        let svg = std::mem::take(&mut built.svg);
        let document = &mut built.document;
        let set_aside = self.cache.set_aside_path(&document.path);
        self.cache
            .keep_parts(document, svg, self.emit_typst)
            .and_then(|()| document.pdf.set_aside(&set_aside))
            .map_err(|e| Diagnostics::from(Diagnostic::error(e.0)))?;
        Ok(built)
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
    let shared_revisions = shared_revision_lines(&project);
    let stopped = |mut diagnostics: Diagnostics| {
        diagnostics.sort();
        Outcome { shared_revisions: shared_revisions.clone(), ..Outcome::stopped(diagnostics) }
    };
    // `[tte] kolom_tanda_tangan`: the project asks for the fields once.
    let options = &BuildOptions {
        sign_fields: options.sign_fields || project.config.value.tte.kolom_tanda_tangan,
        ..options.clone()
    };
    let mut sops = validate::validate_project(&project, &mut diagnostics).sops;
    let decree = validate::validate_decree(&project, &mut diagnostics);
    // Before `--only` narrows the SOPs: ids are resolved over all of them.
    let addresses = addresses(&project, &sops, decree.as_ref());
    let today = today_at(fixed_date, project.config.value.zona_waktu.utc_hours());
    validate::revision_warnings(&project, today, &mut diagnostics);
    validate::monev_warnings(&project, &sops, today, &mut diagnostics);
    narrow_to_only(&project, options, &mut sops, &mut diagnostics)?;
    let Some((env, templates)) = environment(&project, &mut diagnostics)? else {
        return Ok(stopped(diagnostics));
    };
    let Some(mut failures) = Failures::of_input(&project, &diagnostics) else {
        return Ok(stopped(diagnostics));
    };
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
        write: options.write,
        emit_typst: options.emit_typst,
        bind_later: options.bind_later && options.write,
        waiting: Default::default(),
        cache,
        out_dir: out_dir.clone(),
        interrupt: options.interrupt.clone(),
    };
    let whole_project = options.only.is_empty();
    // The decree and the book list every SOP: made only when all of them,
    // and the decree, are valid; else their earlier outputs stay.
    let decree_wanted = decree.as_ref().filter(|_| failures.none(whole_project));
    progress.begin(sops.len() + usize::from(decree_wanted.is_some()) + usize::from(failures.book(whole_project)));
    let jobs: Vec<Job> = decree_wanted.into_iter().map(Job::Decree).chain(sops.iter().map(Job::Sheet)).collect();
    let Some(mut documents) = build_documents(&context, &jobs, options, progress, &mut failures, &mut diagnostics)?
    else {
        progress.end();
        diagnostics.sort();
        return Ok(stopped(diagnostics));
    };
    // The book binds what was built; only when all of it was.
    let book_made = failures.book(whole_project);
    if book_made && !options.interrupt.is_set() {
        let result = bind_book(&context, &sops, &documents, options, progress);
        collect(result, &mut documents, &mut diagnostics);
    }
    progress.end();
    // Also after a run of one document (`watch --only`), which has no
    // clean-up between its jobs.
    clean_up_after_many();
    if options.interrupt.is_set() {
        return Ok(Outcome { interrupted: true, ..stopped(Diagnostics::default()) });
    }
    let mut notes = failures.notes(&project, whole_project, book_made);
    diagnostics.sort();
    if !options.write {
        return Ok(Outcome {
            diagnostics,
            documents,
            notes,
            shared_revisions,
            out_dir: None,
            manifest: None,
            pending: Vec::new(),
            interrupted: false,
        });
    }
    let manifest = write(&context, &mut documents, options, book_made, &mut notes)?;
    let pending = std::mem::take(&mut *context.waiting.lock().unwrap_or_else(|e| e.into_inner()));
    let portal = context.portal;
    let mut cache = context.cache;
    cache.store(&out_dir, &documents)?;
    // The portal shows what this build made; with SOPs that failed it
    // would be incomplete, so it is made only with the decree and book.
    if portal {
        if book_made {
            let reports = listed_reports(&out_dir, &manifest);
            let monev_forms = monev_forms(&out_dir, &manifest);
            let inputs = crate::publish::Inputs {
                project: &project,
                sops: &sops,
                decree: decree.as_ref(),
                documents: &documents,
                reports: &reports,
                monev_forms: &monev_forms,
                today,
            };
            crate::publish::write(&out_dir, &inputs)?;
        } else if !failures.monev {
            // A monev record's errors: the note on the book names the portal.
            notes.push(crate::tr!("build-portal-not-made"));
        }
    }
    Ok(Outcome {
        diagnostics,
        out_dir: Some(out_dir),
        manifest: Some(manifest),
        documents,
        notes,
        shared_revisions,
        pending,
        interrupted: false,
    })
}

/// A line per `[[revisi]]` of sopkit.toml: where it is written and which
/// SOPs it touches.
fn shared_revision_lines(project: &Project) -> Vec<String> {
    let config = &project.config;
    config
        .value
        .revisi
        .iter()
        .zip(&project.revision_reach)
        .enumerate()
        .map(|(i, (revision, sops))| {
            let at = config.map.value(&load::DocPath::root().key("revisi").index(i)).start;
            crate::tr!(
                "check-shared-revision",
                place = format!("{}:{}", config.file.name, config.file.line_column(at).0),
                tanggal = revision.tanggal.map_or_else(|| "-".to_owned(), |t| t.short()),
                perubahan = revision.perubahan.as_str(),
                count = sops.len(),
                sops = sops.join(", ")
            )
        })
        .collect()
}

/// `--only X` builds X, checking it and what it depends on (the settings, a
/// nomor used twice), not the other SOPs nor the decree.
fn narrow_to_only(
    project: &Project,
    options: &BuildOptions,
    sops: &mut Vec<ValidSop>,
    diagnostics: &mut Diagnostics,
) -> Result<(), EnvError> {
    if options.only.is_empty() {
        return Ok(());
    }
    let known =
        || project.sops.iter().map(|s| s.stem.as_str()).chain(project.unreadable.iter().map(|(s, _)| s.as_str()));
    if let Some(stem) = options.only.iter().find(|stem| !known().any(|s| s == stem.as_str())) {
        let known: Vec<&str> = known().collect();
        return Err(EnvError(crate::tr!("build-only-unknown", stem = stem, known = known.join(", "))));
    }
    let other = |name: &str| {
        project.sops.iter().any(|s| s.doc.file.name == name && !options.only.contains(&s.stem))
            || project.unreadable.iter().any(|(stem, file)| file == name && !options.only.contains(stem))
            || is_decree_file(project, name)
    };
    diagnostics.0.retain(|d| d.location.as_ref().is_none_or(|l| !other(&l.file.name)));
    sops.retain(|s| options.only.contains(&s.source.stem));
    Ok(())
}

/// What failed so far: SOPs (by file) and the decree. Mistakes in one SOP
/// stop that SOP, in the decree the decree and the book.
#[derive(Debug, Default)]
struct Failures {
    sops: Vec<String>,
    decree: bool,
    /// A monev record has errors: the book and the portal, which print
    /// every SOP's monev status, are not made; the sheets and the decree are.
    monev: bool,
}

impl Failures {
    /// The failures the input's errors cause; `None` when an error stops
    /// the whole build (the settings, a project template).
    fn of_input(project: &Project, diagnostics: &Diagnostics) -> Option<Self> {
        let mut failures = Failures::default();
        for error in diagnostics.errors() {
            match error.location.as_ref().map(|l| l.file.name.as_str()) {
                Some(name) if is_sop_file(project, name) => failures.sop(name),
                Some(name) if is_decree_file(project, name) => failures.decree = true,
                Some(name) if is_monev_file(name) => failures.monev = true,
                _ => return None,
            }
        }
        Some(failures)
    }

    fn sop(&mut self, file: &str) {
        if !self.sops.iter().any(|f| f == file) {
            self.sops.push(file.to_owned());
        }
    }

    /// Nothing failed in a build of the whole project: the decree and the
    /// book may be made.
    fn none(&self, whole_project: bool) -> bool {
        whole_project && self.sops.is_empty() && !self.decree
    }

    /// The book (and the portal) may be made: nothing failed, monev
    /// records included.
    fn book(&self, whole_project: bool) -> bool {
        self.none(whole_project) && !self.monev
    }

    /// What the build says of what it did not make.
    fn notes(&self, project: &Project, whole_project: bool, book_made: bool) -> Vec<String> {
        let mut notes = Vec::new();
        if whole_project && !book_made && self.none(whole_project) {
            notes.push(crate::tr!("build-not-made-monev"));
        } else if whole_project && !book_made {
            notes.push(match (self.sops.is_empty(), project.decree.is_some()) {
                (true, _) => crate::tr!("build-not-made-decree"),
                (false, true) => crate::tr!("build-not-made-sops", count = self.sops.len()),
                (false, false) => crate::tr!("build-book-not-made", count = self.sops.len()),
            });
        }
        for file in &self.sops {
            notes.push(crate::tr!("build-sop-failed", file = file));
        }
        notes
    }
}

/// Whether a file is an SOP definition of the project (read or not).
fn is_sop_file(project: &Project, name: &str) -> bool {
    project.sops.iter().any(|s| s.doc.file.name == name) || project.unreadable.iter().any(|(_, file)| file == name)
}

/// The decree and the sheets, in parallel (they are independent), the
/// decree (the longest) first. Every SHEETS_PER_BATCH documents compiled,
/// Typst's memoized results (of sheets no later one will reuse) are
/// dropped, which bounds memory on large projects at little cost in time. A document that
/// fails on its own input (a step too tall) fails alone; `None` when one
/// fails elsewhere (a project template), which stops the build.
fn build_documents(
    context: &Context,
    jobs: &[Job],
    options: &BuildOptions,
    progress: &dyn Progress,
    failures: &mut Failures,
    diagnostics: &mut Diagnostics,
) -> Result<Option<Vec<Document>>, EnvError> {
    let built = workers::map(jobs, options.jobs.unwrap_or(0), 1, clean_up_after_many, |job| {
        let result = context.finish_new(
            match job {
                Job::Decree(d) => {
                    context.reuse_or_later(&decree::address(context, d).pdf_path(), keys::decree(context, d), |key| {
                        decree::build_decree(context, d, key)
                    })
                }
                Job::Sheet(sop) => {
                    context.reuse_or(&sheet::address(context, sop).pdf_path(), keys::sheet(context, sop), |key| {
                        sheet::build_sheet(context, sop, key)
                    })
                }
            },
            options.sign_fields,
        );
        count_compiled(&result);
        report(progress, &result);
        result
    })?;
    let mut documents = Vec::new();
    let mut stop = false;
    for (job, result) in jobs.iter().zip(built) {
        if let Err(errors) = &result {
            let own = |name: &str| match job {
                Job::Sheet(sop) => sop.source.doc.file.name == name,
                Job::Decree(_) => is_decree_file(context.project, name),
            };
            stop |= errors.errors().any(|e| e.location.as_ref().is_none_or(|l| !own(&l.file.name)));
            match job {
                Job::Sheet(sop) => failures.sops.push(sop.source.doc.file.name.clone()),
                Job::Decree(_) => failures.decree = true,
            }
        }
        collect(result, &mut documents, diagnostics);
    }
    Ok((!stop).then_some(documents))
}

/// Tells the progress report a document is ready.
fn report(progress: &dyn Progress, result: &Result<Built, Diagnostics>) {
    if let Ok(built) = result {
        progress.done(&built.document.path, built.reused);
    }
}

/// The book, bound from the decree and the sheets just built.
fn bind_book(
    context: &Context,
    sops: &[ValidSop],
    documents: &[Document],
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Built, Diagnostics> {
    let decree = documents.iter().find(|d| d.kind == OutputKind::Decree);
    let sheets: Vec<&Document> = documents.iter().filter(|d| d.kind == OutputKind::Sop).collect();
    let key = keys::book(context, decree, &sheets);
    let result = context.reuse_or_later(&book::address(context).pdf_path(), key, |key| {
        book::build_book(context, sops, &sheets, decree, key)
    });
    let result = context.finish_new(result, options.sign_fields);
    count_compiled(&result);
    report(progress, &result);
    result
}

/// Writes the documents and the manifest. What this build leaves as it
/// was: reports made by `sopkit laporan`, the sheets of SOPs not built now
/// (failing, or not in `--only`), and the decree and book when they were
/// not made again. Sheets of definitions that are gone are removed, with a
/// note; documents that differ from their version in force get one too.
fn write(
    context: &Context,
    documents: &mut [Document],
    options: &BuildOptions,
    book_made: bool,
    notes: &mut Vec<String>,
) -> Result<Manifest, EnvError> {
    let project = context.project;
    let built: std::collections::HashSet<String> = documents.iter().map(|d| d.path.clone()).collect();
    let built_now = |path: &str| built.contains(path);
    let current_sop = |source: &str| is_sop_file(project, source);
    let keep = |entry: &ManifestEntry| match entry.kind {
        OutputKind::Laporan | OutputKind::Monev => true,
        OutputKind::Sop => current_sop(&entry.source) && !built_now(&entry.path),
        // A decree whose keputusan.yaml is gone is not kept.
        OutputKind::Decree => !book_made && project.decree.is_some(),
        OutputKind::Buku => !book_made,
    };
    if options.only.is_empty() {
        let gone = |entry: &ManifestEntry| entry.kind == OutputKind::Sop && !current_sop(&entry.source);
        for path in finish::remove_outputs(&context.out_dir, gone)? {
            notes.push(crate::tr!("build-removed", path = path));
        }
    }
    let manifest = finish::write_outputs(&context.out_dir, documents, options.emit_typst, keep)?;
    notes.extend(drafts(project, &manifest));
    Ok(manifest)
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

/// The monev forms `sopkit monev` wrote (manifest kind `monev`) that are
/// still in the output folder.
fn monev_forms(out_dir: &Path, manifest: &Manifest) -> Vec<crate::publish::MonevForm> {
    manifest
        .outputs
        .iter()
        .filter(|entry| entry.kind.name() == crate::publish::FORM_KIND)
        .map(|entry| crate::publish::MonevForm { entry: entry.clone(), file: out_dir.join(&entry.path) })
        .filter(|form| form.file.is_file())
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

/// Whether a file is a monitoring and evaluation record.
fn is_monev_file(name: &str) -> bool {
    name.starts_with(&format!("{}/", load::MONEV_DIR))
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
    let templates = Templates::new(overrides.is_dir().then_some(overrides.as_path()), config.value.format.day_style());
    Ok(Some((Environment::new(&project.root, fonts), templates)))
}

/// Adds the signature fields to a freshly built document (a cached one has
/// them already: the option is part of its key).
pub fn with_sign_fields(mut built: Built, sign_fields: bool) -> Result<Built, Diagnostics> {
    if sign_fields && !built.reused {
        let document = &mut built.document;
        let failed = |why: String| Diagnostic::error(crate::tr!("build-sign-fields", path = document.path, why = why));
        let pdf = document.pdf.bytes().map_err(|e| failed(e.0))?;
        let signed = finish::sign_fields::add_signature_fields(&pdf, &mut document.signatures).map_err(failed)?;
        document.pdf = finish::Pdf::new(signed);
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
        source_sha256: None,
        path: address.pdf_path(),
        id: address.id.clone(),
        nomor: address.nomor.clone(),
        judul,
        pdf: finish::Pdf::new(pdf),
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

/// The date of issue: `SOURCE_DATE_EPOCH`, else today in UTC.
pub fn today(fixed: Option<Datetime>) -> Tanggal {
    today_at(fixed, 0)
}

/// The date statuses and warnings are judged against: `SOURCE_DATE_EPOCH`,
/// else today in the project's time zone (`zona_waktu`), `utc_hours` ahead
/// of UTC: at 23:00 WITA an SOP valid until that day is still in force.
fn today_at(fixed: Option<Datetime>, utc_hours: i64) -> Tanggal {
    let from_parts = |d: Datetime| Tanggal::new(d.year()?, d.month()?, d.day()?);
    fixed.and_then(from_parts).unwrap_or_else(|| {
        let seconds =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        day_at(seconds, utc_hours)
    })
}

/// The date at a Unix time, `utc_hours` ahead of UTC.
fn day_at(unix_seconds: i64, utc_hours: i64) -> Tanggal {
    Tanggal::from_unix_days((unix_seconds + utc_hours * 3600).div_euclid(86_400)).unwrap_or(Tanggal {
        year: 1970,
        month: 1,
        day: 1,
    })
}

#[cfg(test)]
mod tests {
    use super::day_at;
    use crate::model::{Tanggal, ZonaWaktu};

    #[test]
    fn the_day_turns_at_midnight_in_the_projects_zone_not_utcs() {
        // 2024-03-10 16:30 UTC: still the 10th in WIB, already the 11th in
        // WITA and WIT.
        let at = 1_710_088_200;
        let day = |zone: ZonaWaktu| day_at(at, zone.utc_hours());
        assert_eq!(day_at(at, 0), Tanggal { year: 2024, month: 3, day: 10 });
        assert_eq!(day(ZonaWaktu::Wib), Tanggal { year: 2024, month: 3, day: 10 });
        assert_eq!(day(ZonaWaktu::Wita), Tanggal { year: 2024, month: 3, day: 11 });
        assert_eq!(day(ZonaWaktu::Wit), Tanggal { year: 2024, month: 3, day: 11 });
    }
}
