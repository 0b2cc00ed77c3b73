//! `sopkit laporan`, check: a run record checked against its SOP and the
//! project before any report is drawn. Steps the record reports are matched
//! to the SOP's steps and their times read; the risk register and the
//! monitoring findings are read against the project's risk levels; the
//! signers are resolved. Every mistake is located in the run record (or its
//! spreadsheets); what passes is a [`CheckedRun`] the context builds from.

use super::monitoring::MonitoringRun;
use super::record::{Penandatangan, Realisasi, RisikoRun, Run};
use super::risiko::{self, Risk, Selera};
use super::waktu;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{DocPath, Project};
use crate::model::{Jenis, LevelBand, Moment, Pejabat, RisikoConfig, Target, WorkingTime};
use crate::validate::ValidSop;

/// A run that passed its checks, with what they resolved.
pub struct CheckedRun<'a> {
    pub jenis: Jenis,
    /// For a report of the steps: per step of the SOP, what the record says
    /// happened (`None`: not reported).
    pub steps: Option<Vec<Option<Done<'a>>>>,
    /// The analysed risk register.
    pub risks: Option<Vec<Risk>>,
    /// The level of each monitoring finding, in the record's order.
    pub finding_levels: Option<Vec<&'a LevelBand>>,
    pub signers: Vec<Signer>,
}

/// One step as the record reports it, its times read.
pub struct Done<'a> {
    pub realisasi: &'a Realisasi,
    pub mulai: Option<Moment>,
    pub selesai: Option<Moment>,
    /// Working minutes taken, when the record says.
    pub minutes: Option<u64>,
    /// Calendar minutes taken (nights and days off included), when the
    /// record gives both moments.
    pub calendar_minutes: Option<u64>,
}

pub use crate::model::Signer;

/// The report kind of a run: its own, else its SOP's, else pelaksanaan.
pub fn jenis_of(run: &Run, sop: &ValidSop) -> Jenis {
    run.def.jenis.or(sop.def().laporan).unwrap_or(Jenis::Pelaksanaan)
}

/// Checks `run` against `sop`; every error is collected, so that one pass
/// shows every mistake of the record.
pub fn check_run<'a>(
    project: &'a Project,
    run: &'a Run,
    sop: &ValidSop,
    work: &WorkingTime,
    warnings: &mut Diagnostics,
) -> Result<CheckedRun<'a>, Diagnostics> {
    let config = &project.config.value;
    let def = &run.def;
    let jenis = jenis_of(run, sop);
    let mut errors = Vec::new();
    let root = DocPath::root();

    let steps = if jenis == Jenis::Pelaksanaan || !def.langkah.is_empty() {
        keep(steps_done(run, sop, work, warnings), &mut errors)
    } else {
        None
    };
    let risks = match (jenis, &def.risiko) {
        (Jenis::AnalisisRisiko, None) => {
            errors.push(
                run.error_at(&root.key("sop"), crate::tr!("run-no-register"))
                    .with_hint(crate::tr!("run-no-register-hint")),
            );
            None
        }
        (_, Some(spec)) => keep(risk_register(run, spec, &config.risiko, warnings), &mut errors),
        _ => None,
    };
    let finding_levels = match (jenis, &def.monitoring) {
        (Jenis::MonitoringKeamanan, None) => {
            errors.push(run.error_at(&root.key("sop"), crate::tr!("run-no-monitoring")));
            None
        }
        (_, Some(data)) => keep(findings(run, data, &config.risiko), &mut errors),
        _ => None,
    };
    let signers = match signers(project, run, sop) {
        Ok(s) => s,
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    if let Some(periode) = &def.periode
        && periode.sampai < periode.mulai
    {
        errors.push(run.error_at(&root.key("periode").key("sampai"), crate::tr!("run-period-backwards")));
    }
    for (i, tabel) in def.tabel.iter().enumerate() {
        for (r, baris) in tabel.baris.iter().enumerate() {
            if baris.len() != tabel.kolom.len() {
                errors.push(run.error_at(
                    &root.key("tabel").index(i).key("baris").index(r),
                    crate::tr!("run-row-cells", cells = baris.len(), columns = tabel.kolom.len()),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    Ok(CheckedRun { jenis, steps, risks, finding_levels, signers })
}

/// The value of a check that passed; the errors of one that failed join
/// `errors`, so that the other checks still run.
fn keep<T>(result: Result<T, Diagnostics>, errors: &mut Vec<Diagnostic>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(e) => {
            errors.extend(e);
            None
        }
    }
}

/// The record's steps matched to the SOP's, their times read.
fn steps_done<'a>(
    run: &'a Run,
    sop: &ValidSop,
    work: &WorkingTime,
    warnings: &mut Diagnostics,
) -> Result<Vec<Option<Done<'a>>>, Diagnostics> {
    let steps = &sop.def().langkah;
    // Steps are named as the sheet prints them (`langkah: 2a`), or by id.
    let numbers = sop.def().printed_numbers();
    let printed = |n: &str| numbers.iter().position(|p| p == n);
    let mut reported: Vec<Option<(usize, &Realisasi)>> = vec![None; steps.len()];
    let mut errors = Vec::new();
    for (i, realisasi) in run.def.langkah.iter().enumerate() {
        let path = DocPath::root().key("langkah").index(i);
        let index = match &realisasi.langkah {
            Some(Target::Nomor(n)) => printed(&n.to_string()),
            Some(Target::Id(id)) => {
                steps.iter().position(|s| s.id.as_deref() == Some(id.as_str())).or_else(|| printed(id.trim()))
            }
            None => Some(i).filter(|i| *i < steps.len()),
        };
        let Some(index) = index else {
            errors.push(run.error_at(
                &path.key("langkah"),
                crate::tr!("run-no-such-step", sop = run.def.sop, count = steps.len()),
            ));
            continue;
        };
        if reported[index].is_some() {
            warnings.push(run.warning_at(&path, crate::tr!("run-step-twice", step = numbers[index].as_str())));
        }
        reported[index] = Some((i, realisasi));
    }
    let mut done = Vec::with_capacity(steps.len());
    for entry in reported {
        let Some((i, realisasi)) = entry else {
            done.push(None);
            continue;
        };
        let path = DocPath::root().key("langkah").index(i);
        let moment = |key: &str, text: &Option<String>| -> Result<Option<Moment>, Diagnostic> {
            text.as_deref().map(Moment::parse).transpose().map_err(|m| run.error_at(&path.key(key), m))
        };
        let (mulai, selesai) = match (moment("mulai", &realisasi.mulai), moment("selesai", &realisasi.selesai)) {
            (Ok(a), Ok(b)) => (a, b),
            (a, b) => {
                errors.extend([a.err(), b.err()].into_iter().flatten());
                done.push(None);
                continue;
            }
        };
        let minutes = match (mulai, selesai, &realisasi.durasi) {
            (_, _, Some(text)) => match waktu::standard_minutes(text, work) {
                Some(m) => Some(m),
                None => {
                    errors.push(run.error_at(&path.key("durasi"), crate::tr!("run-not-duration", text = text)));
                    None
                }
            },
            (Some(a), Some(b), None) => match work.between(a, b) {
                Some(m) => Some(m),
                None => {
                    errors.push(run.error_at(&path.key("selesai"), crate::tr!("run-step-backwards")));
                    None
                }
            },
            _ => None,
        };
        let calendar_minutes = mulai.zip(selesai).and_then(|(a, b)| waktu::calendar_between(a, b));
        done.push(Some(Done { realisasi, mulai, selesai, minutes, calendar_minutes }));
    }
    if errors.is_empty() { Ok(done) } else { Err(errors.into()) }
}

/// The run's risk register, read and analysed.
fn risk_register(
    run: &Run,
    spec: &RisikoRun,
    config: &RisikoConfig,
    warnings: &mut Diagnostics,
) -> Result<Vec<Risk>, Diagnostics> {
    let path = run.base.join(&spec.register);
    let register_at = DocPath::root().key("risiko").key("register");
    if !path.is_file() {
        return Err(run
            .error_at(&register_at, crate::tr!("run-register-missing", file = spec.register.display()))
            .into());
    }
    let name = spec.register.to_string_lossy().into_owned();
    let selera = Selera { default: spec.selera, per_kategori: &spec.selera_kategori };
    let (risks, register_warnings) = risiko::read_register(&path, &name, spec.sheet.as_deref(), config, &selera)?;
    warnings.extend(register_warnings);
    Ok(risks)
}

/// The level of every finding; every result and finding names a target of
/// the run.
fn findings<'a>(run: &Run, data: &MonitoringRun, config: &'a RisikoConfig) -> Result<Vec<&'a LevelBand>, Diagnostics> {
    let mut errors = Vec::new();
    let path = DocPath::root().key("monitoring");
    if data.target.is_empty() {
        return Err(run.error_at(&path, crate::tr!("run-no-targets")).into());
    }
    let known = |name: &str| data.target.iter().any(|t| t.aplikasi == name);
    for (i, hasil) in data.hasil.iter().enumerate() {
        if !known(&hasil.target) {
            errors.push(run.error_at(
                &path.key("hasil").index(i).key("target"),
                crate::tr!("run-not-a-target", target = hasil.target),
            ));
        }
    }
    let mut levels = Vec::new();
    for (i, t) in data.temuan.iter().enumerate() {
        if !known(&t.target) {
            errors.push(run.error_at(
                &path.key("temuan").index(i).key("target"),
                crate::tr!("run-not-a-target", target = t.target),
            ));
        }
        match config.level.iter().find(|b| b.nama.eq_ignore_ascii_case(&t.tingkat)) {
            Some(band) => levels.push(band),
            None => {
                let names: Vec<&str> = config.level.iter().map(|b| b.nama.as_str()).collect();
                errors.push(
                    run.error_at(
                        &path.key("temuan").index(i).key("tingkat"),
                        crate::tr!("run-not-a-level", level = t.tingkat),
                    )
                    .with_hint(crate::tr!("run-levels", levels = names.join(", "))),
                );
            }
        }
    }
    if errors.is_empty() { Ok(levels) } else { Err(errors.into()) }
}

/// The signers: the record's, else the project's default, else the SOP's
/// `disahkan_oleh`.
fn signers(project: &Project, run: &Run, sop: &ValidSop) -> Result<Vec<Signer>, Diagnostic> {
    let config = &project.config.value;
    let path = DocPath::root().key("penandatangan");
    let from_official = |official: &Pejabat, peran: String, keterangan: Option<String>| Signer {
        peran,
        keterangan,
        jabatan: official.jabatan.clone(),
        nama: official.nama.clone(),
        nip: official.nip.clone(),
        pangkat: official.pangkat.clone(),
    };
    let mut signers = Vec::new();
    if !run.def.penandatangan.is_empty() {
        for (i, p) in run.def.penandatangan.iter().enumerate() {
            signers.push(signer_of(project, run, &path.index(i), p)?);
        }
    } else if !config.laporan.penandatangan.is_empty() {
        for key in &config.laporan.penandatangan {
            // Checked with sopkit.toml: every key names a signer.
            let Some(official) = config.signer(key) else { continue };
            signers.push(from_official(&official, key.clone(), None));
        }
    } else if let Some(official) = &sop.def().identity.disahkan_oleh {
        signers.push(from_official(official, "disahkan_oleh".into(), None));
    } else {
        return Err(run
            .error_at(&DocPath::root().key("sop"), crate::tr!("run-no-signer"))
            .with_hint(crate::tr!("run-no-signer-hint")));
    }
    // Roles name signature fields: unique within the report.
    let mut seen: Vec<String> = Vec::new();
    for signer in &mut signers {
        let base = signer.peran.clone();
        let mut n = 1;
        while seen.contains(&signer.peran) {
            n += 1;
            signer.peran = format!("{base}_{n}");
        }
        seen.push(signer.peran.clone());
    }
    Ok(signers)
}

fn signer_of(project: &Project, run: &Run, path: &DocPath, p: &Penandatangan) -> Result<Signer, Diagnostic> {
    let config = &project.config.value;
    let official = match &p.pejabat {
        Some(key) => Some(config.signer(key).ok_or_else(|| {
            run.error_at(&path.key("pejabat"), crate::tr!("decree-unknown-official", official = key))
        })?),
        None => None,
    };
    let jabatan = p.jabatan.clone().or_else(|| official.as_ref().map(|o| o.jabatan.clone()));
    let nama = p.nama.clone().or_else(|| official.as_ref().map(|o| o.nama.clone()));
    let (Some(jabatan), Some(nama)) = (jabatan, nama) else {
        return Err(run.error_at(path, crate::tr!("run-signer-incomplete")));
    };
    let peran = p.peran.clone().or_else(|| p.pejabat.clone()).unwrap_or_else(|| slug(&jabatan));
    Ok(Signer {
        peran,
        keterangan: p.keterangan.clone(),
        jabatan,
        nama,
        nip: p.nip.clone().or_else(|| official.as_ref().and_then(|o| o.nip.clone())),
        pangkat: p.pangkat.clone().or_else(|| official.as_ref().and_then(|o| o.pangkat.clone())),
    })
}

/// "Kepala Bidang Persandian" -> "kepala_bidang_persandian".
fn slug(text: &str) -> String {
    crate::util::text::words(text).collect::<Vec<_>>().join("_")
}
