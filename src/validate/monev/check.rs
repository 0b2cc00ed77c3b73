//! `sopkit monev`, validate: a record against the project: its unit, each
//! SOP it names (by nomor or path, of that unit), each evaluation's answers
//! against `[monev] kriteria`, its period, its evaluators. Every mistake of
//! a record is reported at once, at its line or cell.

use super::record::Record;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{DocPath, Project};
use crate::model::{Evaluasi, Pemantauan, Penilai, Signer, Unit};
use crate::validate::ValidSop;

/// A record whose every reference resolved.
pub struct Checked<'a> {
    pub unit_key: &'a str,
    pub unit: &'a Unit,
    /// The unit's SOPs, in project order.
    pub sops: Vec<&'a ValidSop>,
    pub monitoring: Vec<(&'a Pemantauan, &'a ValidSop)>,
    pub evaluasi: Vec<(&'a Evaluasi, &'a ValidSop)>,
    /// The evaluators, then the head of the unit (roles `penilai_1`...,
    /// `kepala_unit`).
    pub penilai: Vec<Signer>,
    pub kepala_unit: Option<Signer>,
    /// Its entries naming an SOP retired since (warnings): the record's
    /// forms are not made again, its other judgements still count.
    pub retired: Vec<Diagnostic>,
}

/// Checks one record; all its errors, or what it refers to.
pub fn check_record<'a>(
    project: &'a Project,
    sops: &'a [ValidSop],
    record: &'a Record,
) -> Result<Checked<'a>, Diagnostics> {
    let config = &project.config.value;
    let def = &record.def;
    let root = DocPath::root();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let unit = config.units.get_key_value(&def.unit);
    if unit.is_none() {
        let known: Vec<&str> = config.units.keys().map(String::as_str).collect();
        errors.push(
            record
                .error_at(&root.key("unit"), crate::tr!("monev-unknown-unit", unit = def.unit))
                .with_hint(crate::tr!("monev-units", units = known.join(", "))),
        );
    }
    if def.periode.mulai > def.periode.sampai {
        errors.push(record.error_at(
            &root.key("periode").key("sampai"),
            crate::tr!(
                "monev-periode-reversed",
                mulai = def.periode.mulai.short(),
                sampai = def.periode.sampai.short()
            ),
        ));
    }
    let mut penilai = Vec::new();
    for (i, p) in def.penilai.iter().enumerate() {
        if let Some(signer) =
            signer(project, record, &root.key("penilai").index(i), p, format!("penilai_{}", i + 1), &mut errors)
        {
            penilai.push(signer);
        }
    }
    if def.penilai.is_empty() {
        errors.push(record.error_at(&root.key("penilai"), crate::tr!("monev-no-penilai")));
    }
    let kepala_unit = def
        .kepala_unit
        .as_ref()
        .and_then(|p| signer(project, record, &root.key("kepala_unit"), p, "kepala_unit".into(), &mut errors));
    let unit_key = unit.map(|(k, _)| k.as_str()).unwrap_or_default();
    let scope = Scope { project, sops, record, unit: unit.is_some().then_some(unit_key) };
    let mut retired = Vec::new();
    let monitoring =
        scope.entries("monitoring", def.monitoring.iter().map(|e| (e, e.sop.as_str())), &mut errors, &mut retired);
    for (i, entry) in def.evaluasi.iter().enumerate() {
        check_answers(project, record, i, entry, &mut errors);
    }
    let evaluasi =
        scope.entries("evaluasi", def.evaluasi.iter().map(|e| (e, e.sop.as_str())), &mut errors, &mut retired);
    match unit {
        Some((unit_key, unit)) if errors.is_empty() => Ok(Checked {
            unit_key,
            unit,
            sops: sops.iter().filter(|s| s.unit_key == *unit_key).collect(),
            monitoring,
            evaluasi,
            penilai,
            kepala_unit,
            retired,
        }),
        _ => Err(errors.into()),
    }
}

/// What a record's SOPs are looked up in: the project's SOPs, and the
/// record's unit when it is known.
struct Scope<'a> {
    project: &'a Project,
    sops: &'a [ValidSop],
    record: &'a Record,
    unit: Option<&'a str>,
}

impl<'a> Scope<'a> {
    /// The SOP of each entry of `list`, each named once and of the unit;
    /// the entries that are not are errors at their `sop`, those naming an
    /// SOP retired since are warnings in `retired`.
    fn entries<T>(
        &self,
        list: &str,
        entries: impl Iterator<Item = (T, &'a str)>,
        errors: &mut Vec<Diagnostic>,
        retired: &mut Vec<Diagnostic>,
    ) -> Vec<(T, &'a ValidSop)> {
        let mut found: Vec<(T, &'a ValidSop)> = Vec::new();
        for (i, (entry, named)) in entries.enumerate() {
            let at = DocPath::root().key(list).index(i).key("sop");
            match (resolve_sop(self.project, self.sops, named), self.unit) {
                (None, _) if let Some(issued) = super::names::retired_sop(self.project, named) => {
                    let date = issued.tanggal.long_in(self.project.config.value.format.day_style());
                    retired.push(self.record.warning_at(
                        &at,
                        crate::tr!("monev-retired-sop", sop = named, version = issued.versi, date = date),
                    ));
                }
                (None, unit) => errors.push(
                    self.record
                        .error_at(&at, crate::tr!("monev-no-sop", sop = named))
                        .with_hint(crate::tr!("monev-sops-of-unit", sops = names(self.sops, unit.unwrap_or_default()))),
                ),
                (Some(s), Some(unit)) if s.unit_key != unit => errors.push(
                    self.record
                        .error_at(&at, crate::tr!("monev-sop-other-unit", sop = named, its = s.unit_key, unit = unit)),
                ),
                (Some(s), _) => {
                    if found.iter().any(|(_, f)| f.source.stem == s.source.stem) {
                        errors.push(self.record.error_at(&at, crate::tr!("monev-sop-twice", sop = named)));
                    }
                    found.push((entry, s));
                }
            }
        }
        found
    }
}

/// The valid SOP a record names (as `validate::sop_named` finds it).
fn resolve_sop<'a>(project: &Project, sops: &'a [ValidSop], named: &str) -> Option<&'a ValidSop> {
    let source = super::names::sop_named(project, named)?;
    sops.iter().find(|s| s.source.stem == source.stem)
}

/// The unit's SOPs as a hint: `nomor (path)`.
fn names(sops: &[ValidSop], unit: &str) -> String {
    let listed: Vec<String> = sops
        .iter()
        .filter(|s| unit.is_empty() || s.unit_key == unit)
        .map(|s| format!("{} ({})", s.def().identity.nomor, s.source.stem))
        .collect();
    if listed.is_empty() { "-".into() } else { listed.join(", ") }
}

/// Every answer names a criterion of `[monev] kriteria`, and every
/// criterion is answered.
fn check_answers(project: &Project, record: &Record, i: usize, entry: &Evaluasi, errors: &mut Vec<Diagnostic>) {
    let kriteria = &project.config.value.monev.kriteria;
    let at = DocPath::root().key("evaluasi").index(i).key("jawaban");
    let keys: Vec<&str> = kriteria.iter().map(|k| k.kunci.as_str()).collect();
    for key in entry.jawaban.keys() {
        if !keys.contains(&key.as_str()) {
            errors.push(
                record
                    .error_at(&at.key(key), crate::tr!("monev-unknown-criterion", key = key))
                    .with_hint(crate::tr!("monev-criteria", keys = keys.join(", "))),
            );
        }
    }
    let missing: Vec<&str> = keys.iter().copied().filter(|k| !entry.jawaban.contains_key(*k)).collect();
    if !missing.is_empty() {
        errors.push(
            record.error_at(&at, crate::tr!("monev-missing-criteria", sop = entry.sop, keys = missing.join(", "))),
        );
    }
}

/// An evaluator or the head of the unit as a signer: an official of
/// sopkit.toml, or written out (a name at least).
fn signer(
    project: &Project,
    record: &Record,
    path: &DocPath,
    p: &Penilai,
    peran: String,
    errors: &mut Vec<Diagnostic>,
) -> Option<Signer> {
    let config = &project.config.value;
    let official = match &p.pejabat {
        Some(key) => match config.signer(key) {
            Some(official) => Some(official),
            None => {
                let known = config.signer_keys().join(", ");
                errors.push(
                    record
                        .error_at(&path.key("pejabat"), crate::tr!("decree-unknown-official", official = key))
                        .with_hint(crate::tr!("monev-officials", officials = known)),
                );
                return None;
            }
        },
        None => None,
    };
    let Some(nama) = p.nama.clone().or_else(|| official.as_ref().map(|o| o.nama.clone())) else {
        errors.push(record.error_at(path, crate::tr!("monev-penilai-incomplete")));
        return None;
    };
    Some(Signer {
        keterangan: Some(if peran == "kepala_unit" { "Kepala Unit Kerja" } else { "Penilai" }.to_owned()),
        peran,
        jabatan: p.jabatan.clone().or_else(|| official.as_ref().map(|o| o.jabatan.clone())).unwrap_or_default(),
        nama,
        nip: p.nip.clone().or_else(|| official.as_ref().and_then(|o| o.nip.clone())),
        pangkat: official.and_then(|o| o.pangkat),
    })
}
