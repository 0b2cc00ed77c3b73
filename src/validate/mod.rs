//! Stage 2, validate: check a loaded project once, point every mistake at
//! the line that causes it, and hand later stages values they can trust:
//! the project's settings read into typed values (`config`), each SOP
//! resolved into a [`Flow`] (`sop`: targets exist, every step is reachable,
//! every path ends), the decree with its lampiran rows merged (`decree`),
//! warnings about revisions due (`revisions`), and each SOP's monitoring
//! and evaluation status with the warnings it calls for (`monev`).

mod config;
mod decree;
mod ledger;
pub mod monev;
mod revisions;
mod sop;

use crate::util::text::known_list;
use std::collections::HashMap;

use crate::diagnostic::Diagnostics;
use crate::load::{DocPath, Loaded, Project, SopSource};
use crate::model::flow::Flow;
use crate::model::{ProjectConfig, SopDef, Unit, WorkingTime};

pub use decree::{ValidDecree, validate_decree};
pub use monev::{MonevStatus, MonevStatuses, monev_statuses, monev_warnings, retired_sop, sop_named};
pub use revisions::revision_warnings;
pub use sop::{MAX_EXITS, MAX_FORK, placeholder_in, starts_with_verb, validate_sop};

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
    // A definition with a line that could not be read: its other mistakes,
    // in the same run.
    for aside in &project.set_aside {
        let mut found = Diagnostics::default();
        let _ = resolve_unit(&project.config.value, &aside.sop.doc, &mut found);
        config::validate_step_columns(&project.config.value, &aside.sop.doc, &mut found);
        let _ = validate_sop(&aside.sop.doc, &mut found);
        diagnostics.extend(aside.own(found));
    }
    // A Keterkaitan item that names an SOP of the project links to its page
    // on the portal; one written almost like one (a typo) is said, while
    // one naming something outside the project (another agency's SOP, a
    // regulation) is left alone.
    for sop in &project.sops {
        for (i, item) in sop.doc.value.identity.keterkaitan.iter().enumerate() {
            let others = || project.sops.iter().filter(|other| other.stem != sop.stem);
            if others().any(|other| other.doc.value.identity.named_in(item)) {
                continue;
            }
            if let Some(close) = others().find(|other| almost_names(&other.doc.value.identity, item)) {
                let identity = &close.doc.value.identity;
                diagnostics.push(
                    sop.doc
                        .warning_at(
                            &DocPath::root().key("keterkaitan").index(i),
                            crate::tr!(
                                "validate-related-typo",
                                item = item,
                                nama = identity.nama.as_str(),
                                nomor = identity.nomor.as_str()
                            ),
                        )
                        .with_hint(crate::tr!("validate-related-typo-hint")),
                );
            }
        }
    }
    ValidProject { sops: valid, working_time }
}

/// Whether `item` is written almost like the SOP's name or nomor: a few
/// letters off (one in five), "SOP" and case and punctuation aside.
fn almost_names(identity: &crate::model::Identity, item: &str) -> bool {
    let squeeze = |t: &str| t.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    let item = squeeze(item);
    let item = item.strip_prefix("sop").unwrap_or(&item);
    [squeeze(&identity.nama), squeeze(&identity.nomor)]
        .iter()
        .any(|known| known.len() >= 6 && crate::util::text::edit_distance(item, known) <= known.chars().count() / 5)
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
