//! `sopkit laporan`: per-run reports, a pipeline of its own over the same
//! stages: load the project and the run records (`record`, with the tables
//! of `risiko` and `monitoring`), check each run against its SOP and build
//! its template context (`context`, durations in `waktu`), render, compile
//! every report in parallel, then write them all at once (or nothing, when
//! any run is wrong).

pub mod check;
pub mod context;
pub mod monitoring;
pub mod record;
pub mod risiko;
pub mod waktu;

use std::path::{Path, PathBuf};

use crate::compile::world::Environment;
use crate::compile::{self, compile};
use crate::diagnostic::{Diagnostic, Diagnostics, EnvError};
use crate::finish::{self, OutputKind};
use crate::load::{self, Project};
use crate::model::address::Addresses;
use crate::model::{DocumentAddress, Jenis, Unaddressed, WorkingTime};
use crate::pipeline::{self, Built, Outcome, Progress, finished};
use crate::render::{Standalone, Templates, tte};
use crate::util::fs::write_if_changed;
use crate::util::workers;
use crate::validate::{ValidSop, validate_project};
use record::Run;

/// What to report and where.
#[derive(Debug, Clone, Default)]
pub struct LaporanOptions {
    pub project: PathBuf,
    pub runs: Vec<PathBuf>,
    /// Output folder; default `output/<project folder name>/`.
    pub out: Option<PathBuf>,
    pub sign_fields: bool,
    pub emit_typst: bool,
    pub plain_pdf: bool,
    pub jobs: Option<usize>,
}

/// Builds every run's report; writes them (and updates the manifest) only
/// when all of them built.
pub fn run(options: &LaporanOptions, progress: &dyn Progress) -> Result<Outcome, EnvError> {
    let fixed_date = compile::source_date_epoch()?;
    let (project, mut diagnostics) = load::load_project(&options.project)?;
    let done = |diagnostics: Diagnostics| Ok(Outcome::stopped(diagnostics));
    let Some(project) = project else { return done(diagnostics) };
    let options = &LaporanOptions {
        sign_fields: options.sign_fields || project.config.value.tte.kolom_tanda_tangan,
        ..options.clone()
    };
    // The SOPs' own warnings belong to `check` and `build`; their errors
    // stop reports too.
    let mut sop_checks = Diagnostics::default();
    let valid = validate_project(&project, &mut sop_checks);
    diagnostics.extend(sop_checks.errors().cloned());
    let Some((env, templates)) = pipeline::environment(&project, &mut diagnostics)? else {
        return done(diagnostics);
    };
    // The drawing functions, one copy for every report of the batch.
    let library = match templates.render(LIBRARY_TEMPLATE, &()) {
        Ok(library) => library,
        Err(error) => {
            diagnostics.push(error);
            return done(diagnostics);
        }
    };
    let env = env.with_generated(&format!("laporan/{LIBRARY}"), library.clone());
    if diagnostics.has_errors() {
        return done(diagnostics);
    }
    // A record that cannot be read is reported; the others are still
    // checked, so that one pass shows every mistake.
    let mut runs: Vec<Run> = Vec::new();
    let mut paths: Vec<PathBuf> = Vec::new();
    for given in &options.runs {
        if given.is_dir() {
            let (found, skipped) = records_in(given);
            paths.extend(found);
            for (path, why) in skipped {
                diagnostics.push(crate::load::skipped_file(&project.root, &path, &why));
            }
        } else {
            paths.push(given.clone());
        }
    }
    for path in &paths {
        if !path.is_file() {
            return Err(EnvError(crate::tr!("laporan-no-record", path = path.display())));
        }
        let path = path.canonicalize().map_err(|e| EnvError::io("cannot open", path, e))?;
        match record::read_runs(&project.root, &path) {
            Ok(found) => runs.extend(found),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    check_stems(&runs, &mut diagnostics);
    progress.begin(runs.len());
    let wanted: Vec<Unaddressed> = runs
        .iter()
        .map(|run| Unaddressed {
            kind: OutputKind::Laporan,
            berkas: DocumentAddress::report_berkas(&run.stem),
            nomor: run.def.nomor.clone(),
        })
        .collect();
    let inputs = Inputs {
        addresses: Addresses(project.ledger().resolve(&wanted)),
        project: &project,
        sops: &valid.sops,
        working_time: valid.working_time,
        env: &env,
        templates: &templates,
        options,
        fixed_date,
    };
    let documents = build_all(&runs, options.jobs, options.sign_fields, progress, &mut diagnostics, |run| {
        build_report(&inputs, run)
    })?;
    if diagnostics.has_errors() {
        return done(diagnostics);
    }
    let out_dir = options.out.clone().unwrap_or_else(|| pipeline::default_out_dir(&project));
    let (documents, manifest) = write_all(&out_dir, documents, options.emit_typst, "laporan", &library)?;
    Ok(Outcome { out_dir: Some(out_dir), manifest: Some(manifest), documents, ..Outcome::stopped(diagnostics) })
}

/// The library template, and the name each report imports it by (from
/// beside the report: `laporan/sopkit-laporan.typ`); monev documents draw
/// with it too.
pub const LIBRARY_TEMPLATE: &str = "laporan-lib.typ.j2";
pub const LIBRARY: &str = "sopkit-laporan.typ";

/// Reports compiled between two clean-ups of Typst's caches: the 121 monev
/// documents of 2,000 SOPs (`benches/monev.rs`) peaked at 960 MB with 64
/// and what two batches had not used dropped, at 360 MB with 16 and what
/// the last batch had not used, in the same time.
const RUNS_PER_BATCH: usize = 16;

/// Every document of `items` built on `jobs` workers (`build`, then its
/// signature fields), each reported to `progress` when made; their errors
/// go to `diagnostics`. Every RUNS_PER_BATCH documents, Typst's memoized
/// results the last batch did not use are dropped, which bounds memory on
/// large batches while keeping what all of them share.
pub fn build_all<T: Sync>(
    items: &[T],
    jobs: Option<usize>,
    sign_fields: bool,
    progress: &dyn Progress,
    diagnostics: &mut Diagnostics,
    build: impl Fn(&T) -> Result<Built, Diagnostics> + Sync,
) -> Result<Vec<finish::Document>, EnvError> {
    let results = workers::map(
        items,
        jobs.unwrap_or(0),
        RUNS_PER_BATCH,
        || typst::comemo::evict(1),
        |item| {
            let result = build(item).and_then(|b| pipeline::with_sign_fields(b, sign_fields));
            if let Ok(built) = &result {
                progress.done(&built.document.path, false);
            }
            result
        },
    )?;
    progress.end();
    let mut documents = Vec::new();
    for result in results {
        pipeline::collect(result, &mut documents, diagnostics);
    }
    diagnostics.sort();
    Ok(documents)
}

/// Writes the documents (what `build` and earlier reports wrote stays
/// listed in the manifest) and, with `emit_typst`, the library their
/// emitted sources import from beside them in `folder`.
pub fn write_all(
    out_dir: &Path,
    mut documents: Vec<finish::Document>,
    emit_typst: bool,
    folder: &str,
    library: &str,
) -> Result<(Vec<finish::Document>, finish::Manifest), EnvError> {
    let manifest = finish::write_outputs(out_dir, &mut documents, emit_typst, |_| true)?;
    if emit_typst {
        write_if_changed(&out_dir.join(folder).join(LIBRARY), library.as_bytes())?;
    }
    Ok((documents, manifest))
}

/// Two runs may not write the same report.
fn check_stems(runs: &[Run], diagnostics: &mut Diagnostics) {
    for (i, run) in runs.iter().enumerate() {
        if let Some(earlier) = runs[..i].iter().find(|r| r.stem == run.stem) {
            diagnostics.push(Diagnostic::error(crate::tr!(
                "laporan-same-output",
                first = earlier.source,
                second = run.source,
                stem = run.stem
            )));
        }
    }
}

struct Inputs<'a> {
    project: &'a Project,
    /// Every report's address (its verification id).
    addresses: Addresses,
    sops: &'a [ValidSop],
    working_time: WorkingTime,
    env: &'a Environment,
    templates: &'a Templates,
    options: &'a LaporanOptions,
    fixed_date: Option<typst::foundations::Datetime>,
}

/// One report, from run record to PDF in memory.
fn build_report(inputs: &Inputs, run: &Run) -> Result<Built, Diagnostics> {
    let root = load::DocPath::root();
    let Some(sop) = inputs.sops.iter().find(|s| s.source.stem == run.def.sop) else {
        let known: Vec<&str> = inputs.sops.iter().map(|s| s.source.stem.as_str()).collect();
        return Err(run
            .error_at(&root.key("sop"), crate::tr!("laporan-no-sop", sop = run.def.sop))
            .with_hint(crate::tr!("laporan-sops", sops = known.join(", ")))
            .into());
    };
    let mut warnings = Diagnostics::default();
    let checked = check::check_run(inputs.project, run, sop, &inputs.working_time, &mut warnings)?;
    let mut context = context::build_context(inputs.project, run, sop, checked, &inputs.working_time);
    let address = inputs.addresses.of(OutputKind::Laporan, &DocumentAddress::report_berkas(&run.stem), &run.def.nomor);
    let path = address.pdf_path();
    let roles: Vec<&str> = context.penandatangan.iter().map(|s| s.peran.as_str()).collect();
    context.tte = tte::context(&inputs.project.config, &address, &roles)?;
    let template = template_for(inputs, sop, context.jenis);
    let date = compile::document_date(inputs.fixed_date, run.def.tanggal);
    let set = |context: &context::LaporanContext| {
        let source = inputs.templates.render(&template, &Standalone { standalone: true, inner: context })?;
        let compiled = compile(inputs.env, &format!("laporan/{}.typ", run.stem), source.clone(), date)?;
        Ok::<_, Diagnostics>((source, compiled))
    };
    // Most reports take one page. Set as one page, a report's footer needs
    // no page count, and Typst lays it out once instead of twice; one that
    // runs longer is set again with the counting footer. (The TTE footer
    // reads the report's metadata, which takes the second layout anyway.)
    context.satu_halaman = context.tte.footer.is_none();
    let (mut source, mut compiled) = set(&context)?;
    if context.satu_halaman && compiled.document.pages().len() > 1 {
        context.satu_halaman = false;
        (source, compiled) = set(&context)?;
    }
    warnings.extend(compiled.warnings.iter().cloned());
    let pdf = compile::pdf::pdf(&compiled.document, &path, date, !inputs.options.plain_pdf)?;
    let document = finished(&compiled, &address, context.judul.clone(), run.source.clone(), pdf, source);
    Ok(Built::new(document, warnings))
}

/// A project template for this SOP (`templates/laporan/<sop>.typ.j2`), else
/// the kind's template (built-in or overridden by the project).
fn template_for(inputs: &Inputs, sop: &ValidSop, jenis: Jenis) -> String {
    let own = format!("laporan/{}.typ.j2", sop.source.stem);
    if inputs.project.root.join("templates").join(&own).is_file() { own } else { jenis.template().to_owned() }
}

/// The run records in a folder (for `sopkit laporan runs/`), sorted; and
/// the files there that look meant as records but are not read, with why.
#[allow(clippy::type_complexity)]
pub fn records_in(dir: &Path) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    const EXTENSIONS: [&str; 7] = ["yaml", "yml", "toml", "xlsx", "xlsm", "xls", "ods"];
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    let readable =
        |p: &PathBuf| p.extension().is_some_and(|e| EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str()));
    let skipped = files
        .iter()
        .filter(|p| !readable(p))
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().to_lowercase();
            // A spreadsheet or an editor's extra extension; a `.docx` is not
            // a record.
            let why = if [".yaml.", ".yml.", ".toml."].iter().any(|e| name.contains(e)) {
                crate::load::skip_reason(p)?
            } else if name.ends_with(".docx") || name.ends_with(".doc") || name.ends_with(".pdf") {
                crate::tr!("laporan-skip-document")
            } else {
                return None;
            };
            Some((p.clone(), why))
        })
        .collect();
    let mut found: Vec<PathBuf> = files
        .into_iter()
        .filter(readable)
        // Spreadsheets a record refers to (a risk register) are not runs.
        .filter(|p| !is_referenced_table(p))
        .collect();
    found.sort();
    (found, skipped)
}

/// Whether a spreadsheet lacks the header of a runs sheet (SOP, Nomor,
/// Tanggal): then it is a table of one run, such as a risk register.
fn is_referenced_table(path: &Path) -> bool {
    let is_sheet = path.extension().is_some_and(|e| !["yaml", "yml", "toml"].contains(&e.to_string_lossy().as_ref()));
    is_sheet && !record::has_runs_header(path)
}
