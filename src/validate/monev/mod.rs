//! Stage 2, validate: the loop from monitoring and evaluation back into the
//! SOPs (Permenpan-RB 35/2012). Each SOP's monev status, read once from the
//! records under `monev/`: its last monitoring and evaluation, and whether
//! a judgement that it needs revision still waits for a revision. `check`
//! warns about those waiting and about SOPs whose monitoring (six months)
//! or evaluation (a year) is overdue; the book and the portal print the
//! status.

mod check;
mod names;
mod record;

use std::collections::HashMap;

pub use check::{Checked, check_record};
pub use names::{retired_sop, sop_named};
pub use record::{Record, files_digest, read_record, records_in, source_digest};

use crate::diagnostic::Diagnostics;
use crate::load::{DocPath, Project, SopSource};
use crate::model::{Penilaian, Tanggal};
use crate::validate::ValidSop;

/// One judgement of an SOP in a record: where it is written and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judgement {
    /// Index into `Project::monev_defs` (`Project::monev_record`).
    pub record: usize,
    /// Where in the record: its monitoring or its evaluation.
    pub kind: Kind,
    /// Its index in that list.
    pub entry: usize,
    /// The record's date (its berita acara's).
    pub tanggal: Tanggal,
    /// The end of the period it covers.
    pub sampai: Tanggal,
    /// A monitoring "tidak berjalan dengan baik", or a "tidak" on an
    /// evaluation criterion.
    pub perlu_revisi: bool,
}

/// The two judgements of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Monitoring,
    Evaluasi,
}

impl Kind {
    /// Its list's key in a record, as the clerk writes it.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Monitoring => "monitoring",
            Kind::Evaluasi => "evaluasi",
        }
    }
}

impl Judgement {
    /// The last judgement of a kind: of the latest period, then the latest
    /// record.
    fn period_order(&self) -> (Tanggal, Tanggal, usize) {
        (self.sampai, self.tanggal, self.record)
    }

    /// The judgement a revision must follow: the latest concluded.
    fn date_order(&self) -> (Tanggal, Tanggal, usize) {
        (self.tanggal, self.sampai, self.record)
    }
}

/// An SOP's monev status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonevStatus {
    pub monitoring: Option<Judgement>,
    pub evaluasi: Option<Judgement>,
    /// The latest judgement (by its record's date) that it needs revision.
    pub perlu_revisi: Option<Judgement>,
    /// The latest revision dated after that judgement: revised since.
    pub revisi_sejak: Option<Tanggal>,
}

impl MonevStatus {
    /// Judged in need of revision, and not revised since.
    pub fn waiting(&self) -> Option<&Judgement> {
        self.perlu_revisi.as_ref().filter(|_| self.revisi_sejak.is_none())
    }

    /// No monitoring of a period ending in the six months before `today`
    /// (Permenpan-RB 35/2012: at least every six months).
    pub fn monitoring_overdue(&self, today: Tanggal) -> bool {
        self.monitoring.is_none_or(|m| m.sampai < months_before(today, 6))
    }

    /// No evaluation of a period ending in the year before `today`.
    pub fn evaluation_overdue(&self, today: Tanggal) -> bool {
        self.evaluasi.is_none_or(|e| e.sampai < months_before(today, 12))
    }
}

/// Every SOP's monev status, by its stem; empty when the project has no
/// monev records.
#[derive(Debug, Clone, Default)]
pub struct MonevStatuses(pub HashMap<String, MonevStatus>);

impl MonevStatuses {
    pub fn of(&self, stem: &str) -> Option<&MonevStatus> {
        self.0.get(stem)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Reads every record's judgements into each SOP's status. Every SOP of a
/// project with records has one (monitored or not).
pub fn monev_statuses(project: &Project) -> MonevStatuses {
    if !project.has_monev() {
        return MonevStatuses::default();
    }
    let mut statuses: HashMap<String, MonevStatus> =
        project.sops.iter().map(|s| (s.stem.clone(), MonevStatus::default())).collect();
    for (record, def) in project.monev_defs().enumerate() {
        let judged = |kind, entry, perlu_revisi| Judgement {
            record,
            kind,
            entry,
            tanggal: def.tanggal,
            sampai: def.periode.sampai,
            perlu_revisi,
        };
        for (entry, m) in def.monitoring.iter().enumerate() {
            if let Some(status) = sop_named(project, &m.sop).and_then(|s| statuses.get_mut(&s.stem)) {
                let judgement = judged(Kind::Monitoring, entry, m.penilaian == Penilaian::TidakBaik);
                keep_latest(&mut status.monitoring, judgement, Judgement::period_order);
                if judgement.perlu_revisi {
                    keep_latest(&mut status.perlu_revisi, judgement, Judgement::date_order);
                }
            }
        }
        for (entry, e) in def.evaluasi.iter().enumerate() {
            if let Some(status) = sop_named(project, &e.sop).and_then(|s| statuses.get_mut(&s.stem)) {
                let judgement = judged(Kind::Evaluasi, entry, e.perlu_revisi());
                keep_latest(&mut status.evaluasi, judgement, Judgement::period_order);
                if judgement.perlu_revisi {
                    keep_latest(&mut status.perlu_revisi, judgement, Judgement::date_order);
                }
            }
        }
    }
    for sop in &project.sops {
        if let Some(status) = statuses.get_mut(&sop.stem)
            && let Some(judged) = status.perlu_revisi
        {
            status.revisi_sejak = revised_after(sop, judged.tanggal);
        }
    }
    MonevStatuses(statuses)
}

fn keep_latest<K: Ord>(slot: &mut Option<Judgement>, judgement: Judgement, order: fn(&Judgement) -> K) {
    if slot.is_none_or(|kept| order(&judgement) > order(&kept)) {
        *slot = Some(judgement);
    }
}

/// The latest revision of the SOP (its own `revisi`, a shared `[[revisi]]`
/// touching it, or `tanggal_revisi`) dated after `tanggal`.
fn revised_after(sop: &SopSource, tanggal: Tanggal) -> Option<Tanggal> {
    let identity = &sop.doc.value.identity;
    identity.revisi.iter().filter_map(|r| r.tanggal).chain(identity.tanggal_revisi).filter(|t| *t > tanggal).max()
}

/// Every mistake of every record, as `sopkit monev` finds it (so that a
/// record `check` passes is one `monev` takes, and no status is read from a
/// wrong record), the records naming an SOP retired since, and the
/// warnings of the loop back into the SOPs. Nothing when the project keeps
/// no monev records.
pub fn monev_warnings(project: &Project, sops: &[ValidSop], today: Tanggal, diagnostics: &mut Diagnostics) {
    if !project.has_monev() {
        return;
    }
    for record in project_records(project) {
        match check_record(project, sops, &record) {
            Ok(checked) => diagnostics.extend(checked.retired),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    let statuses = monev_statuses(project);
    for sop in &project.sops {
        let Some(status) = statuses.of(&sop.stem) else { continue };
        if let Some(judged) = status.waiting() {
            diagnostics.push(waiting_warning(project, sop, judged));
        }
        if status.monitoring_overdue(today) {
            let last = last_date(project, status.monitoring);
            diagnostics.push(
                sop.doc
                    .warning_at(&DocPath::root().key("nomor"), crate::tr!("monev-not-monitored", last = last))
                    .with_hint(crate::tr!("monev-not-monitored-hint")),
            );
        }
        if status.evaluation_overdue(today) {
            let last = last_date(project, status.evaluasi);
            diagnostics.push(
                sop.doc
                    .warning_at(&DocPath::root().key("nomor"), crate::tr!("monev-not-evaluated", last = last))
                    .with_hint(crate::tr!("monev-not-evaluated-hint")),
            );
        }
    }
}

/// An SOP judged in need of revision and not revised since: said at the
/// SOP's `revisi` (where the revision is to be written), else its nomor.
fn waiting_warning(project: &Project, sop: &SopSource, judged: &Judgement) -> crate::diagnostic::Diagnostic {
    // A record in YAML or TOML is named with the line of the judgement; a
    // workbook by its name.
    let place = match project.monev.get(judged.record) {
        Some(record) => {
            let at = record.map.value(&DocPath::root().key(judged.kind.key()).index(judged.entry)).start;
            format!("{}:{}", record.file.name, record.file.line_column(at).0)
        }
        None => project.monev_record(judged.record).map_or_else(String::new, |(_, name)| name.to_owned()),
    };
    let date = judged.tanggal.long_in(project.config.value.format.day_style());
    // Its `revisi` as written in the file (not one joined from sopkit.toml).
    let own = DocPath::root().key("revisi");
    let own = if sop.doc.map.contains(&own) { own } else { DocPath::root().key("nomor") };
    sop.doc
        .warning_at(&own, crate::tr!("monev-perlu-revisi", kind = judged.kind.key(), place = place, date = date))
        .with_hint(crate::tr!("monev-perlu-revisi-hint", date = date))
}

/// A judgement's record date, or "never" in the clerk's words.
fn last_date(project: &Project, judged: Option<Judgement>) -> String {
    match judged {
        Some(j) => {
            let style = project.config.value.format.day_style();
            let name = project.monev_record(j.record).map_or("", |(_, name)| name);
            format!("{} ({name})", j.tanggal.long_in(style))
        }
        None => crate::tr!("monev-never"),
    }
}

/// Every record of the project (YAML, TOML, workbooks) as `sopkit monev`
/// reads it.
pub fn project_records(project: &Project) -> impl Iterator<Item = Record> + '_ {
    let documents = project.monev.iter().map(|doc| record::from_document(&project.root, doc.clone()));
    documents.chain(project.monev_sheets.iter().map(|sheet| record::from_sheet(&project.root, sheet.clone())))
}

/// The same day `months` months earlier (the month's last day when it has
/// fewer days).
fn months_before(day: Tanggal, months: u32) -> Tanggal {
    let index = day.year * 12 + i32::from(day.month) - 1 - months as i32;
    let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8);
    (1..=day.day).rev().find_map(|d| Tanggal::new(year, month, d)).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::months_before;
    use crate::model::Tanggal;

    #[test]
    fn six_months_before_lands_on_the_months_last_day_when_shorter() {
        let t = |y, m, d| Tanggal::new(y, m, d).unwrap();
        assert_eq!(months_before(t(2024, 8, 31), 6), t(2024, 2, 29));
        assert_eq!(months_before(t(2024, 3, 15), 6), t(2023, 9, 15));
        assert_eq!(months_before(t(2025, 1, 10), 12), t(2024, 1, 10));
    }
}
