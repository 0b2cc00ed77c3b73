//! Stage 8, publish: monitoring and evaluation on the portal: each SOP
//! page's monev status (its last monitoring and evaluation, "perlu revisi"
//! until a later revision, a link to the form's PDF when `sopkit monev`
//! made one), and `monev.html`, the recap per unit. Statuses judged on the
//! day (overdue) are part of the pages' contexts, so a page changes when
//! they do.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use super::site::{Files, Site, href};
use crate::diagnostic::EnvError;
use crate::finish::ManifestEntry;
use crate::load::Project;
use crate::validate::monev::{Judgement, Kind};
use crate::validate::{MonevStatuses, ValidSop};

/// A monev form `sopkit monev` wrote into the output folder (manifest kind
/// `monev`), with the file that holds it.
pub struct MonevForm {
    pub entry: ManifestEntry,
    pub file: PathBuf,
}

/// The manifest's kind of the monev forms.
pub const FORM_KIND: &str = "monev";

/// An SOP's monev status as its page and the index show it.
#[derive(Serialize, Clone)]
pub struct SopMonev {
    pub monitoring: Option<Judged>,
    pub evaluasi: Option<Judged>,
    /// Judged in need of revision and not revised since.
    pub perlu_revisi: bool,
    /// Revised on this date, after it was judged in need of revision.
    pub direvisi: Option<String>,
    /// No monitoring in the last six months; no evaluation in the last year.
    pub monitoring_terlambat: bool,
    pub evaluasi_terlambat: bool,
}

/// One judgement as a page prints it.
#[derive(Serialize, Clone)]
pub struct Judged {
    pub tanggal: String,
    pub periode: String,
    /// "Berjalan dengan baik", "Sesuai", "Perlu revisi"...
    pub hasil: String,
    pub perlu_revisi: bool,
    pub catatan: Option<String>,
    pub tindakan: Option<String>,
    /// The evaluation criteria answered "Tidak", by their labels.
    pub tidak: Vec<String>,
    /// The form's PDF on the portal, from the portal's root.
    pub formulir: Option<String>,
}

/// The forms, each copied into the portal once (`pdf/monev/...`); returns
/// the links of each record's forms (by the record's file name).
pub fn publish_forms(forms: &[MonevForm], files: &Files) -> Result<HashMap<String, Vec<String>>, EnvError> {
    let mut links: HashMap<String, Vec<String>> = HashMap::new();
    for form in forms {
        let path = format!("pdf/{}", form.entry.path);
        let file = &form.file;
        files.put_tagged(path.clone(), form.entry.sha256.clone(), || {
            std::fs::read(file).map_err(|e| EnvError::io("cannot read", file, e))
        })?;
        links.entry(form.entry.source.clone()).or_default().push(path);
    }
    Ok(links)
}

/// What the portal knows of monev: the statuses, the forms' links, and the
/// day's limits for overdue monitoring and evaluation.
pub struct MonevSite {
    pub statuses: MonevStatuses,
    pub forms: HashMap<String, Vec<String>>,
    today: crate::model::Tanggal,
}

impl MonevSite {
    pub fn new(site: &Site, files: &Files) -> Result<Self, EnvError> {
        let inputs = site.inputs();
        Ok(Self {
            statuses: crate::validate::monev_statuses(inputs.project),
            forms: publish_forms(inputs.monev_forms, files)?,
            today: inputs.today,
        })
    }

    /// An SOP's status for its page, links made from `up` (the way to the
    /// portal's root); `None` when the project keeps no monev records.
    pub fn of(&self, site: &Site, stem: &str, up: &str) -> Option<SopMonev> {
        let status = self.statuses.of(stem)?;
        let judged = |j: &Judgement| judged(site, &self.forms, j, up);
        Some(SopMonev {
            monitoring: status.monitoring.as_ref().and_then(judged),
            evaluasi: status.evaluasi.as_ref().and_then(judged),
            perlu_revisi: status.waiting().is_some(),
            direvisi: status.perlu_revisi.and(status.revisi_sejak).map(|t| site.long_date(t)),
            monitoring_terlambat: status.monitoring_overdue(self.today),
            evaluasi_terlambat: status.evaluation_overdue(self.today),
        })
    }
}

fn judged(site: &Site, forms: &HashMap<String, Vec<String>>, j: &Judgement, up: &str) -> Option<Judged> {
    let project = site.inputs().project;
    let (def, name) = project.monev_record(j.record)?;
    let periode = format!("{} s.d. {}", site.long_date(def.periode.mulai), site.long_date(def.periode.sampai));
    let (hasil, catatan, tindakan, tidak) = match j.kind {
        Kind::Monitoring => {
            let m = &def.monitoring[j.entry];
            (m.penilaian.label().to_owned(), m.catatan.clone(), m.tindakan.clone(), Vec::new())
        }
        Kind::Evaluasi => {
            let e = &def.evaluasi[j.entry];
            let hasil = if j.perlu_revisi { "Perlu revisi" } else { "Sesuai" };
            (hasil.to_owned(), e.catatan.clone(), e.tindak_lanjut.clone(), criteria_answered_no(project, e))
        }
    };
    // Of a record's forms, the one of this kind of judgement, else any.
    let links = forms.get(name).map(Vec::as_slice).unwrap_or_default();
    let wanted = j.kind.key();
    let formulir = links.iter().find(|l| l.contains(wanted)).or(links.first()).map(|l| format!("{up}{}", href(l)));
    Some(Judged {
        tanggal: site.long_date(j.tanggal),
        periode,
        hasil,
        perlu_revisi: j.perlu_revisi,
        catatan,
        tindakan,
        tidak,
        formulir,
    })
}

/// The labels of the criteria an evaluation answered "Tidak".
fn criteria_answered_no(project: &Project, evaluasi: &crate::model::Evaluasi) -> Vec<String> {
    let kriteria = &project.config.value.monev.kriteria;
    evaluasi
        .jawaban
        .iter()
        .filter(|(_, ya)| !**ya)
        .map(|(key, _)| kriteria.iter().find(|k| k.kunci == *key).map_or_else(|| key.clone(), |k| k.label.clone()))
        .collect()
}

/// `monev.html`'s context.
#[derive(Serialize)]
struct RecapPage {
    page: super::site::Page,
    /// The day the counts are of: the portal's build.
    tanggal: String,
    /// The recap and berita acara `sopkit monev` made, as copied here.
    dokumen: Vec<RecapDocument>,
    units: Vec<RecapUnit>,
    jumlah: RecapCounts,
    perlu_revisi: Vec<RecapSop>,
    terlambat: Vec<RecapSop>,
}

/// A signed-ready document of monev the page links.
#[derive(Serialize)]
struct RecapDocument {
    judul: String,
    url: String,
}

/// A unit's counts in the recap.
#[derive(Serialize, Default)]
struct RecapCounts {
    sop: usize,
    dimonitor: usize,
    baik: usize,
    perlu_revisi: usize,
    tidak_dimonitor: usize,
    evaluasi_terlambat: usize,
}

#[derive(Serialize)]
struct RecapUnit {
    nama: String,
    jumlah: RecapCounts,
}

/// An SOP the recap lists, linked to its page.
#[derive(Serialize)]
struct RecapSop {
    nomor: String,
    nama: String,
    url: String,
    keterangan: String,
}

impl RecapCounts {
    fn add(&mut self, status: &SopMonev) {
        self.sop += 1;
        let monitored = !status.monitoring_terlambat;
        self.dimonitor += usize::from(monitored);
        self.baik += usize::from(monitored && status.monitoring.as_ref().is_some_and(|m| !m.perlu_revisi));
        self.perlu_revisi += usize::from(status.perlu_revisi);
        self.tidak_dimonitor += usize::from(!monitored);
        self.evaluasi_terlambat += usize::from(status.evaluasi_terlambat);
    }
}

/// `monev.html`: per unit, the SOPs, monitored in the last six months,
/// running well, in need of revision, not monitored, evaluation overdue;
/// then the SOPs waiting for a revision and those overdue.
pub fn recap_page(site: &Site, monev: &MonevSite, sops: &[&ValidSop], files: &Files) -> Result<(), EnvError> {
    let mut units: Vec<RecapUnit> = Vec::new();
    let mut jumlah = RecapCounts::default();
    let (mut perlu_revisi, mut terlambat) = (Vec::new(), Vec::new());
    // Units in the order of sopkit.toml, as rekap.pdf lists them.
    let mut sops = sops.to_vec();
    sops.sort_by_key(|sop| unit_index(site, sop));
    for sop in sops {
        let Some(status) = monev.of(site, &sop.source.stem, "") else { continue };
        let nama = crate::render::book::unit_title(&site.inputs().project.config.value, unit_index(site, sop));
        if units.last().is_none_or(|u| u.nama != nama) {
            units.push(RecapUnit { nama, jumlah: RecapCounts::default() });
        }
        units.last_mut().expect("a unit").jumlah.add(&status);
        jumlah.add(&status);
        let identity = &sop.def().identity;
        let listed = |keterangan: String| RecapSop {
            nomor: identity.nomor.clone(),
            nama: identity.nama.clone(),
            url: href(&format!("sop/{}.html", sop.source.stem)),
            keterangan,
        };
        if status.perlu_revisi {
            let why = [&status.monitoring, &status.evaluasi]
                .into_iter()
                .flatten()
                .filter(|j| j.perlu_revisi)
                .map(|j| format!("{} ({})", j.hasil, j.tanggal))
                .collect::<Vec<_>>();
            perlu_revisi.push(listed(why.join("; ")));
        }
        if status.monitoring_terlambat || status.evaluasi_terlambat {
            let why = [(status.monitoring_terlambat, "monitoring"), (status.evaluasi_terlambat, "evaluasi")]
                .into_iter()
                .filter(|(late, _)| *late)
                .map(|(_, what)| what)
                .collect::<Vec<_>>();
            terlambat.push(listed(format!("{} terlambat", why.join(" dan "))));
        }
    }
    let inputs = site.inputs();
    let dokumen = inputs
        .monev_forms
        .iter()
        .filter(|f| f.entry.path.ends_with("/rekap.pdf") || f.entry.path.ends_with("-berita-acara.pdf"))
        .map(|f| RecapDocument { judul: f.entry.judul.clone(), url: href(&format!("pdf/{}", f.entry.path)) })
        .collect();
    let context = RecapPage {
        page: site.page(0, "Monitoring dan Evaluasi SOP".to_owned()),
        tanggal: site.long_date(inputs.today),
        dokumen,
        units,
        jumlah,
        perlu_revisi,
        terlambat,
    };
    site.put_page(files, "monev.html".to_owned(), "monev.html", &context)
}

fn unit_index(site: &Site, sop: &ValidSop) -> usize {
    site.inputs().project.config.value.units.get_index_of(&sop.unit_key).unwrap_or(usize::MAX)
}
