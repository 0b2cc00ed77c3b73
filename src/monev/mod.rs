//! `sopkit monev`: the paperwork of monitoring and evaluating SOP
//! implementation (Permenpan-RB 35/2012), a pipeline of its own over the
//! same stages as `laporan`: load the project and the monev records
//! (`record`; workbooks are read by `load::monev_sheet`), check each record against the project
//! (`check`), build each document's context (`context`), render and compile
//! every document in parallel, then write them all at once (or nothing,
//! when any record is wrong). Per record: the monitoring form, the
//! evaluation form (each when the record has entries for it) and the berita
//! acara; for the project: one recap.

pub mod context;

use std::path::PathBuf;

use crate::compile::world::Environment;
use crate::compile::{self, compile};
use crate::diagnostic::{Diagnostic, Diagnostics, EnvError};
use crate::finish::OutputKind;
use crate::laporan::{self, LIBRARY, LIBRARY_TEMPLATE};
use crate::load::{self, Project};
use crate::model::address::Addresses;
use crate::model::{Tanggal, Unaddressed};
use crate::pipeline::{self, Built, Outcome, Progress, finished};
use crate::render::sheet::KopContext;
use crate::render::{Standalone, Templates, tte};
use crate::validate::monev::{self as monev_records, Checked, Record};
use crate::validate::{ValidSop, validate_project};
use context::MonevContext;

/// What to make and where.
#[derive(Debug, Clone, Default)]
pub struct MonevOptions {
    pub project: PathBuf,
    /// Records (files or folders); none: every record under `monev/`.
    pub records: Vec<PathBuf>,
    /// Output folder; default `output/<project folder name>/`.
    pub out: Option<PathBuf>,
    pub sign_fields: bool,
    pub emit_typst: bool,
    pub plain_pdf: bool,
    pub jobs: Option<usize>,
}

/// The documents of a record, and the project's recap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Monitoring,
    Evaluasi,
    BeritaAcara,
    Rekap,
}

impl Form {
    pub fn template(self) -> &'static str {
        match self {
            Form::Monitoring => "monev-monitoring.typ.j2",
            Form::Evaluasi => "monev-evaluasi.typ.j2",
            Form::BeritaAcara => "monev-berita-acara.typ.j2",
            Form::Rekap => "monev-rekap.typ.j2",
        }
    }

    fn judul(self) -> &'static str {
        match self {
            Form::Monitoring => "Monitoring Pelaksanaan SOP Administrasi Pemerintahan",
            Form::Evaluasi => "Evaluasi Penerapan SOP Administrasi Pemerintahan",
            Form::BeritaAcara => "Berita Acara Monitoring dan Evaluasi SOP Administrasi Pemerintahan",
            Form::Rekap => "Rekapitulasi Monitoring dan Evaluasi SOP Administrasi Pemerintahan",
        }
    }

    /// The output path without `.pdf`: `monev/<stem>-<form>`, `monev/rekap`.
    pub fn berkas(self, stem: &str) -> String {
        match self {
            Form::Monitoring => format!("monev/{stem}-monitoring"),
            Form::Evaluasi => format!("monev/{stem}-evaluasi"),
            Form::BeritaAcara => format!("monev/{stem}-berita-acara"),
            Form::Rekap => "monev/rekap".to_owned(),
        }
    }

    /// The forms are wide tables: landscape.
    fn landscape(self) -> bool {
        matches!(self, Form::Monitoring | Form::Evaluasi)
    }
}

/// One document to make: a record's form (index into the records), or the
/// recap.
#[derive(Debug, Clone, Copy)]
struct Job {
    form: Form,
    record: Option<usize>,
}

/// Builds every record's documents and the recap; writes them (and updates
/// the manifest) only when all of them built.
pub fn run(options: &MonevOptions, progress: &dyn Progress) -> Result<Outcome, EnvError> {
    let fixed_date = compile::source_date_epoch()?;
    let (project, mut diagnostics) = load::load_project(&options.project)?;
    let done = |mut diagnostics: Diagnostics| {
        diagnostics.sort();
        Ok(Outcome::stopped(diagnostics))
    };
    let Some(project) = project else { return done(diagnostics) };
    let options = &MonevOptions {
        sign_fields: options.sign_fields || project.config.value.tte.kolom_tanda_tangan,
        ..options.clone()
    };
    let mut sop_checks = Diagnostics::default();
    let valid = validate_project(&project, &mut sop_checks);
    diagnostics.extend(sop_checks.errors().cloned());
    let Some((env, templates)) = pipeline::environment(&project, &mut diagnostics)? else { return done(diagnostics) };
    let library = match templates.render(LIBRARY_TEMPLATE, &()) {
        Ok(library) => library,
        Err(error) => {
            diagnostics.push(error);
            return done(diagnostics);
        }
    };
    let env = env.with_generated(&format!("monev/{LIBRARY}"), library.clone());
    let records = read_records(&project, options, &mut diagnostics)?;
    let checked: Vec<Option<Checked>> = records
        .iter()
        .map(|r| monev_records::check_record(&project, &valid.sops, r).map_err(|e| diagnostics.extend(e)).ok())
        .collect();
    check_stems(&records, &mut diagnostics);
    if diagnostics.has_errors() {
        return done(diagnostics);
    }
    let checked: Vec<Checked> = checked.into_iter().flatten().collect();
    // A record naming an SOP retired since makes no forms again (those made
    // while it was in force stay); its other judgements count in the recap.
    for (record, checked) in records.iter().zip(&checked).filter(|(_, c)| !c.retired.is_empty()) {
        diagnostics.extend(checked.retired.iter().cloned());
        diagnostics.push(Diagnostic::warning(crate::tr!("monev-retired-record", record = record.source.as_str())));
    }
    // Records named: the recap counts them, not every record of monev/.
    let in_folder = monev_records::records_in(&project.root.join(load::MONEV_DIR)).len();
    if !options.records.is_empty() && records.len() != in_folder {
        diagnostics.push(Diagnostic::warning(crate::tr!(
            "monev-partial-recap",
            named = records.len(),
            all = in_folder,
            dir = load::MONEV_DIR
        )));
    }
    let jobs = jobs_of(&records, |i| checked[i].retired.is_empty());
    progress.begin(jobs.len());
    let inputs = Inputs {
        addresses: addresses(&project, &records, &jobs),
        project: &project,
        sops: &valid.sops,
        records: &records,
        checked: &checked,
        env: &env,
        templates: &templates,
        options,
        fixed_date,
    };
    let documents = laporan::build_all(&jobs, options.jobs, options.sign_fields, progress, &mut diagnostics, |job| {
        build_form(&inputs, *job)
    })?;
    if diagnostics.has_errors() {
        return done(diagnostics);
    }
    let out_dir = options.out.clone().unwrap_or_else(|| pipeline::default_out_dir(&project));
    let (documents, manifest) = laporan::write_all(&out_dir, documents, options.emit_typst, "monev", &library)?;
    Ok(Outcome { out_dir: Some(out_dir), manifest: Some(manifest), documents, ..Outcome::stopped(diagnostics) })
}

/// The records given (files, folders), else every record under `monev/`;
/// sorted by date, so that later judgements come after earlier ones.
fn read_records(
    project: &Project,
    options: &MonevOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<Record>, EnvError> {
    let given =
        if options.records.is_empty() { vec![project.root.join(load::MONEV_DIR)] } else { options.records.clone() };
    let mut paths: Vec<PathBuf> = Vec::new();
    for path in given {
        if path.is_dir() {
            paths.extend(monev_records::records_in(&path));
        } else if path.is_file() {
            paths.push(path.canonicalize().map_err(|e| EnvError::io("cannot open", &path, e))?);
        } else {
            return Err(EnvError(crate::tr!("monev-no-record", path = path.display())));
        }
    }
    paths.sort();
    paths.dedup();
    let kriteria = &project.config.value.monev.kriteria;
    let mut records = Vec::new();
    let monev_dir = project.root.join(load::MONEV_DIR);
    let mut in_project: Vec<Record> = monev_records::project_records(project).collect();
    for path in &paths {
        // Loaded with the project, whose diagnostics have their errors.
        if path.starts_with(&monev_dir) {
            if let Some(at) = in_project.iter().position(|r| r.file() == path) {
                records.push(in_project.swap_remove(at));
            }
            continue;
        }
        match monev_records::read_record(&project.root, path, kriteria) {
            Ok(record) => records.push(record),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    if records.is_empty() && !diagnostics.has_errors() {
        diagnostics.push(Diagnostic::error(crate::tr!("monev-no-records", dir = load::MONEV_DIR)));
    }
    records.sort_by(|a, b| a.def.tanggal.cmp(&b.def.tanggal).then_with(|| a.stem.cmp(&b.stem)));
    Ok(records)
}

/// Two records may not write the same documents.
fn check_stems(records: &[Record], diagnostics: &mut Diagnostics) {
    for (i, record) in records.iter().enumerate() {
        if let Some(earlier) = records[..i].iter().find(|r| r.stem == record.stem) {
            diagnostics.push(Diagnostic::error(crate::tr!(
                "monev-same-output",
                first = earlier.source,
                second = record.source,
                stem = record.stem
            )));
        }
    }
}

/// Each record's forms (those it has entries for) and berita acara, then
/// the recap.
fn jobs_of(records: &[Record], makes_forms: impl Fn(usize) -> bool) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (i, record) in records.iter().enumerate().filter(|(i, _)| makes_forms(*i)) {
        if !record.def.monitoring.is_empty() {
            jobs.push(Job { form: Form::Monitoring, record: Some(i) });
        }
        if !record.def.evaluasi.is_empty() {
            jobs.push(Job { form: Form::Evaluasi, record: Some(i) });
        }
        jobs.push(Job { form: Form::BeritaAcara, record: Some(i) });
    }
    jobs.push(Job { form: Form::Rekap, record: None });
    jobs
}

fn berkas_of(records: &[Record], job: Job) -> String {
    job.form.berkas(job.record.map_or("", |i| records[i].stem.as_str()))
}

/// Every document's address (its verification id), resolved against the
/// ledger together.
fn addresses(project: &Project, records: &[Record], jobs: &[Job]) -> Addresses {
    let wanted: Vec<Unaddressed> = jobs
        .iter()
        .map(|job| Unaddressed { kind: OutputKind::Monev, berkas: berkas_of(records, *job), nomor: String::new() })
        .collect();
    Addresses(project.ledger().resolve(&wanted))
}

struct Inputs<'a> {
    project: &'a Project,
    addresses: Addresses,
    sops: &'a [ValidSop],
    records: &'a [Record],
    checked: &'a [Checked<'a>],
    env: &'a Environment,
    templates: &'a Templates,
    options: &'a MonevOptions,
    fixed_date: Option<typst::foundations::Datetime>,
}

/// One document, from its context to PDF in memory.
fn build_form(inputs: &Inputs, job: Job) -> Result<Built, Diagnostics> {
    let project = inputs.project;
    let judul = job.form.judul().to_owned();
    let (mut context, source, own_date) = match job.record {
        Some(i) => {
            let (record, checked) = (&inputs.records[i], &inputs.checked[i]);
            let mut context = context::of_record(project, record, checked, judul, job.form.landscape());
            if job.form == Form::BeritaAcara {
                let others: Vec<(&Record, &Checked)> = inputs.records.iter().zip(inputs.checked).collect();
                context.rekap = Some(context::record_recap(record, checked, &others));
                context.penandatangan.extend(checked.kepala_unit.clone());
            }
            (context, record.source.clone(), record.def.tanggal)
        }
        None => recap_context(inputs, judul)?,
    };
    let berkas = berkas_of(inputs.records, job);
    let address = inputs.addresses.of(OutputKind::Monev, &berkas, "");
    context.nomor = address.id.clone();
    let roles: Vec<&str> = context.penandatangan.iter().map(|s| s.peran.as_str()).collect();
    context.tte = tte::context(&project.config, &address, &roles)?;
    let date = compile::document_date(inputs.fixed_date, own_date);
    let name = format!("{berkas}.typ");
    let set = |context: &MonevContext| {
        let typst = inputs.templates.render(job.form.template(), &Standalone { standalone: true, inner: context })?;
        let compiled = compile(inputs.env, &name, typst.clone(), date)?;
        Ok::<_, Diagnostics>((typst, compiled))
    };
    // As laporan: set first as one page, again with the counting footer
    // when it runs longer.
    context.satu_halaman = context.tte.footer.is_none();
    let (mut typst, mut compiled) = set(&context)?;
    if context.satu_halaman && compiled.document.pages().len() > 1 {
        context.satu_halaman = false;
        (typst, compiled) = set(&context)?;
    }
    let warnings: Diagnostics = compiled.warnings.iter().cloned().collect();
    let pdf = compile::pdf::pdf(&compiled.document, &address.pdf_path(), date, !inputs.options.plain_pdf)?;
    let mut document = finished(&compiled, &address, title_of(inputs, job, &context.judul), source, pdf, typst);
    // What it follows, for `terbit` to check: its record, or (the recap)
    // every record of the call.
    let files: Vec<PathBuf> = match job.record {
        Some(i) => vec![inputs.records[i].file().to_owned()],
        None => inputs.records.iter().map(|r| r.file().to_owned()).collect(),
    };
    document.source_sha256 = monev_records::files_digest(&project.root, &files);
    Ok(Built::new(document, warnings))
}

/// The project's recap: a line per unit with SOPs, as of the latest
/// record's date; signed by `[laporan] penandatangan`.
/// A document's title in its metadata, the manifest and its verification
/// page: the form's, with the unit and period it is of (or, for the recap,
/// its date), so that a page vouching for one berita acara names which.
fn title_of(inputs: &Inputs, job: Job, judul: &str) -> String {
    let style = inputs.project.config.value.format.day_style();
    match job.record {
        Some(i) => {
            let (record, checked) = (&inputs.records[i], &inputs.checked[i]);
            let unit = context::unit_name(checked.unit, checked.unit_key);
            let periode = &record.def.periode;
            format!("{judul}, {unit}, {} s.d. {}", periode.mulai.long_in(style), periode.sampai.long_in(style))
        }
        None => {
            let latest = inputs.records.iter().map(|r| r.def.tanggal).max();
            latest.map_or_else(|| judul.to_owned(), |day| format!("{judul}, keadaan per {}", day.long_in(style)))
        }
    }
}

fn recap_context(inputs: &Inputs, judul: String) -> Result<(MonevContext, String, Tanggal), Diagnostics> {
    let project = inputs.project;
    let config = &project.config.value;
    // The whole agency's: the kop the units share (as the book's), with the
    // main unit's script line, address and logo.
    let main = config.main_unit_key().and_then(|k| config.units.get(k));
    let kop = match main {
        Some(unit) => KopContext { kop: config.book_kop(), ..KopContext::of(unit, config) },
        None => KopContext { kop: config.book_kop(), aksara_bali: None, alamat: None, logo: None },
    };
    let mut context = context::base(project, kop, judul, false);
    let today = inputs
        .records
        .iter()
        .map(|r| r.def.tanggal)
        .max()
        .unwrap_or_else(|| Tanggal::from_unix_days(0).unwrap_or_else(|| unreachable!()));
    let pairs: Vec<(&Record, &Checked)> = inputs.records.iter().zip(inputs.checked).collect();
    for (key, unit) in &config.units {
        let sops: Vec<&ValidSop> = inputs.sops.iter().filter(|s| s.unit_key == *key).collect();
        if sops.is_empty() {
            continue;
        }
        let of_unit: Vec<(&Record, &Checked)> = pairs.iter().filter(|(_, c)| c.unit_key == key).copied().collect();
        let name = context::unit_name(unit, key);
        context.units.push(context::unit_recap(name, &sops, &of_unit, today));
    }
    let long = today.long_in(config.format.day_style());
    context.identitas =
        vec![("Keadaan per".into(), long.clone()), ("Jumlah catatan monev".into(), inputs.records.len().to_string())];
    context.tanggal = long;
    // Signed where the latest record was.
    context.tempat = inputs.records.iter().rev().find_map(|r| r.def.tempat.clone());
    let signers = match config.monev.penandatangan.as_slice() {
        [] => config.laporan.penandatangan.last().map(std::slice::from_ref).unwrap_or_default(),
        keys => keys,
    };
    for key in signers {
        if let Some(official) = config.signer(key) {
            context.penandatangan.push(crate::model::Signer {
                peran: key.clone(),
                keterangan: None,
                jabatan: official.jabatan,
                nama: official.nama,
                nip: official.nip,
                pangkat: official.pangkat,
            });
        }
    }
    Ok((context, crate::load::MONEV_DIR.to_owned(), today))
}
