//! Stage 2, validate: check a loaded project once, point every mistake at
//! the line that causes it, and hand later stages values they can trust:
//! the project's settings read into typed values (`config`), each SOP
//! resolved into a [`Flow`] (`sop`: targets exist, every step is reachable,
//! every path ends), the decree with its lampiran rows merged (`decree`),
//! and warnings about revisions due (`revisions`).

mod config;
mod decree;
mod ledger;
mod revisions;
mod sop;

use std::collections::HashMap;

use crate::diagnostic::Diagnostics;
use crate::load::{DocPath, Loaded, Project, SopSource};
use crate::model::flow::Flow;
use crate::model::{ProjectConfig, SopDef, Unit, WorkingTime};

pub use decree::{ValidDecree, validate_decree};
pub use revisions::revision_warnings;
pub use sop::{MAX_EXITS, placeholder_in, starts_with_verb, validate_sop};

/// An SOP that passed validation, ready to lay out and render.
#[derive(Debug, Clone)]
pub struct ValidSop {
    pub source: SopSource,
    pub unit_key: String,
    pub unit: Unit,
    pub flow: Flow,
}

impl ValidSop {
    pub fn def(&self) -> &SopDef {
        &self.source.doc.value
    }
}

/// A project's SOPs and settings as validation leaves them.
#[derive(Debug, Clone)]
pub struct ValidProject {
    /// The SOPs without errors, in the order of their files.
    pub sops: Vec<ValidSop>,
    /// `[laporan]` jam_kerja and hari_kerja, read once.
    pub working_time: WorkingTime,
}

/// Checks the whole project. Returns the SOPs that are valid; errors and
/// warnings go to `diagnostics`.
pub fn validate_project(project: &Project, diagnostics: &mut Diagnostics) -> ValidProject {
    let working_time = config::validate_config(&project.config, &project.root, diagnostics);
    if let Some(issued) = &project.ledger {
        ledger::validate_ledger(issued, &project.root, diagnostics);
    }
    let mut first_nomor: HashMap<String, &SopSource> = HashMap::new();
    let mut valid = Vec::new();
    for sop in &project.sops {
        let before = diagnostics.errors().count();
        let nomor = sop.doc.value.identity.nomor.trim().to_owned();
        match first_nomor.get(&nomor) {
            Some(first) => diagnostics.push(
                sop.doc
                    .error_at(&DocPath::root().key("nomor"), crate::tr!("validate-nomor-twice", nomor = nomor))
                    .with_hint(crate::tr!("validate-nomor-twice-hint", file = first.doc.file.name)),
            ),
            None => {
                first_nomor.insert(nomor, sop);
            }
        }
        let unit = resolve_unit(&project.config.value, &sop.doc, diagnostics);
        config::validate_step_columns(&project.config.value, &sop.doc, diagnostics);
        let flow = validate_sop(&sop.doc, diagnostics);
        if let (Some((unit_key, unit)), Some(flow)) = (unit, flow)
            && diagnostics.errors().count() == before
        {
            valid.push(ValidSop { source: sop.clone(), unit_key, unit, flow });
        }
    }
    // A Keterkaitan item should name an SOP of the project: the portal links
    // it to that SOP's page.
    for sop in &project.sops {
        for (i, item) in sop.doc.value.identity.keterkaitan.iter().enumerate() {
            let named =
                project.sops.iter().any(|other| other.stem != sop.stem && other.doc.value.identity.named_in(item));
            if !named {
                diagnostics.push(
                    sop.doc
                        .warning_at(
                            &DocPath::root().key("keterkaitan").index(i),
                            crate::tr!("validate-related-unknown", item = item),
                        )
                        .with_hint(crate::tr!("validate-related-unknown-hint")),
                );
            }
        }
    }
    ValidProject { sops: valid, working_time }
}

fn resolve_unit(config: &ProjectConfig, doc: &Loaded<SopDef>, diagnostics: &mut Diagnostics) -> Option<(String, Unit)> {
    let key = match &doc.value.identity.unit {
        Some(key) => key.clone(),
        None => config.main_unit_key()?.to_owned(),
    };
    match config.units.get(&key) {
        Some(unit) => Some((key, unit.clone())),
        None => {
            diagnostics.push(
                doc.error_at(&DocPath::root().key("unit"), crate::tr!("validate-unknown-unit", unit = key))
                    .with_hint(known_list("units", &key, config.units.keys())),
            );
            None
        }
    }
}

pub(crate) fn known_list<'a>(what: &str, wrong: &str, keys: impl Iterator<Item = &'a String>) -> String {
    let keys: Vec<&String> = keys.collect();
    // A typo of one of them ("kepala_bidng", "admn") is named first: one
    // edit in a key of four letters or more, two in one of eight or more.
    let wrong = wrong.to_lowercase();
    let close = keys
        .iter()
        .map(|k| (crate::util::text::edit_distance(&wrong, &k.to_lowercase()), k))
        .filter(|(d, k)| *d > 0 && *d <= k.chars().count() / 4)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k);
    let listed: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    let list = if listed.is_empty() {
        crate::tr!("validate-none-defined", what = what)
    } else {
        crate::tr!("validate-defined", what = what, keys = listed.join(", "))
    };
    match close {
        Some(key) => format!("{} {list}", crate::tr!("load-did-you-mean", key = key)),
        None => list,
    }
}
