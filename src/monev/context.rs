//! `sopkit monev`, render: the context of each monev document, built from
//! checked records: the monitoring form's rows, the evaluation form's
//! answers, the berita acara's recap of its record, and the project-wide
//! recap over every record. Nothing here can fail.

use serde::Serialize;

use crate::load::Project;
use crate::model::Signer;
use crate::model::{Kriterium, Penilaian, Tanggal};
use crate::render::sheet::KopContext;
use crate::render::tte::TteContext;
use crate::validate::ValidSop;
use crate::validate::monev::{Checked, Record};

/// What every monev template is given; each document fills its part.
#[derive(Debug, Serialize)]
pub struct MonevContext {
    pub font: String,
    pub font_size: f64,
    pub page_width: f64,
    pub page_height: f64,
    pub unit: KopContext,
    pub judul: String,
    /// The verification id, printed in the running footer.
    pub nomor: String,
    /// Label : value rows under the title.
    pub identitas: Vec<(String, String)>,
    pub tanggal: String,
    pub tempat: Option<String>,
    pub metode: Vec<String>,
    pub kriteria: Vec<Kriterium>,
    pub monitoring: Vec<MonitoringRow>,
    pub evaluasi: Vec<EvaluasiRow>,
    pub rekap: Option<RecordRecap>,
    pub units: Vec<UnitRecap>,
    pub penandatangan: Vec<Signer>,
    pub signature_box: f64,
    pub tte: TteContext,
    pub satu_halaman: bool,
}

#[derive(Debug, Serialize)]
pub struct MonitoringRow {
    pub no: usize,
    pub nomor: String,
    pub nama: String,
    pub penilaian: &'static str,
    pub baik: bool,
    pub catatan: String,
    pub tindakan: String,
}

#[derive(Debug, Serialize)]
pub struct EvaluasiRow {
    pub no: usize,
    pub nomor: String,
    pub nama: String,
    /// One answer per criterion, in `kriteria` order.
    pub jawaban: Vec<bool>,
    pub perlu_revisi: bool,
    pub catatan: String,
    pub tindak_lanjut: String,
}

/// A berita acara's recap of its record.
#[derive(Debug, Serialize)]
pub struct RecordRecap {
    pub jumlah_sop: usize,
    pub baik: Vec<String>,
    pub revisi: Vec<String>,
    pub belum: Vec<String>,
    pub tanpa_sop: Vec<String>,
}

/// One unit's line of the project-wide recap.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRecap {
    pub unit: String,
    pub sop: usize,
    pub dimonitor: usize,
    pub baik: usize,
    pub revisi: usize,
    pub belum: usize,
    pub evaluasi_terlambat: usize,
}

/// A unit as the forms name it: its kop's last line, without the
/// parentheses kops put around it.
pub fn unit_name(unit: &crate::model::Unit, key: &str) -> String {
    unit.kop
        .last()
        .map(|l| l.trim().trim_start_matches('(').trim_end_matches(')').to_owned())
        .unwrap_or_else(|| key.to_owned())
}

/// An SOP as the forms name it: `nomor` and `nama`.
fn named(sop: &ValidSop) -> (String, String) {
    let identity = &sop.def().identity;
    (identity.nomor.clone(), identity.nama.clone())
}

/// The parts every document shares; `judul` and the page's orientation
/// are the document's.
pub fn base(project: &Project, kop: KopContext, judul: String, landscape: bool) -> MonevContext {
    let config = &project.config.value;
    let (w, h) = config.format.paper.size_mm();
    let (width, height) = if landscape { (w.max(h), w.min(h)) } else { (w.min(h), w.max(h)) };
    MonevContext {
        font: config.format.font.clone(),
        font_size: 10.0,
        page_width: width * crate::layout::MM,
        page_height: height * crate::layout::MM,
        unit: kop,
        judul,
        nomor: String::new(),
        identitas: Vec::new(),
        tanggal: String::new(),
        tempat: None,
        metode: Vec::new(),
        kriteria: config.monev.kriteria.clone(),
        monitoring: Vec::new(),
        evaluasi: Vec::new(),
        rekap: None,
        units: Vec::new(),
        penandatangan: Vec::new(),
        signature_box: config.format.signature_box_pt,
        tte: TteContext::default(),
        satu_halaman: false,
    }
}

/// A record's form or berita acara: identity, rows and signers filled.
pub fn of_record(
    project: &Project,
    record: &Record,
    checked: &Checked,
    judul: String,
    landscape: bool,
) -> MonevContext {
    let config = &project.config.value;
    let def = &record.def;
    let long = |date: Tanggal| date.long_in(config.format.day_style());
    let mut context = base(project, KopContext::of(checked.unit, config), judul, landscape);
    let unit_name = unit_name(checked.unit, checked.unit_key);
    let penilai: Vec<String> = checked.penilai.iter().map(|s| s.nama.clone()).collect();
    context.identitas = vec![
        ("Unit kerja".into(), unit_name),
        ("Periode".into(), format!("{} s.d. {}", long(def.periode.mulai), long(def.periode.sampai))),
        ("Tanggal penilaian".into(), long(def.tanggal)),
        ("Penilai".into(), penilai.join(", ")),
    ];
    context.tanggal = long(def.tanggal);
    context.tempat = def.tempat.clone();
    context.metode = def.metode.clone();
    context.monitoring = checked
        .monitoring
        .iter()
        .enumerate()
        .map(|(i, (entry, sop))| {
            let (nomor, nama) = named(sop);
            MonitoringRow {
                no: i + 1,
                nomor,
                nama,
                penilaian: entry.penilaian.label(),
                baik: entry.penilaian == Penilaian::Baik,
                catatan: entry.catatan.clone().unwrap_or_default(),
                tindakan: entry.tindakan.clone().unwrap_or_default(),
            }
        })
        .collect();
    context.evaluasi = checked
        .evaluasi
        .iter()
        .enumerate()
        .map(|(i, (entry, sop))| {
            let (nomor, nama) = named(sop);
            EvaluasiRow {
                no: i + 1,
                nomor,
                nama,
                jawaban: config
                    .monev
                    .kriteria
                    .iter()
                    .map(|k| entry.jawaban.get(&k.kunci).copied().unwrap_or(false))
                    .collect(),
                perlu_revisi: entry.perlu_revisi(),
                catatan: entry.catatan.clone().unwrap_or_default(),
                tindak_lanjut: entry.tindak_lanjut.clone().unwrap_or_default(),
            }
        })
        .collect();
    context.penandatangan = checked.penilai.clone();
    context
}

/// The berita acara's recap: SOPs judged running well, to revise (a
/// "tidak berjalan dengan baik" or any "Tidak" in the evaluation), of the
/// unit but not monitored in the period (by this record or another of the
/// unit whose period overlaps it: a year's evaluation is not a monitoring,
/// the semesters' records are), and activities without an SOP.
pub fn record_recap(record: &Record, checked: &Checked, all: &[(&Record, &Checked)]) -> RecordRecap {
    let label = |sop: &ValidSop| {
        let (nomor, nama) = named(sop);
        format!("{nomor} {nama}")
    };
    let period = &record.def.periode;
    let overlaps =
        |other: &Record| other.def.periode.mulai <= period.sampai && other.def.periode.sampai >= period.mulai;
    let in_period = all.iter().filter(|(r, c)| c.unit_key == checked.unit_key && overlaps(r)).map(|(_, c)| *c);
    let monitors = |c: &Checked, sop: &ValidSop| c.monitoring.iter().any(|(_, s)| s.source.stem == sop.source.stem);
    let monitored = |sop: &ValidSop| monitors(checked, sop) || in_period.clone().any(|c| monitors(c, sop));
    let mut revisi: Vec<String> = Vec::new();
    let revised = checked.monitoring.iter().filter(|(m, _)| m.penilaian == Penilaian::TidakBaik).map(|(_, s)| *s);
    for sop in revised.chain(checked.evaluasi.iter().filter(|(e, _)| e.perlu_revisi()).map(|(_, s)| *s)) {
        if !revisi.contains(&label(sop)) {
            revisi.push(label(sop));
        }
    }
    RecordRecap {
        jumlah_sop: checked.sops.len(),
        baik: checked
            .monitoring
            .iter()
            .filter(|(m, _)| m.penilaian == Penilaian::Baik)
            .map(|(_, s)| label(s))
            .collect(),
        revisi,
        belum: checked.sops.iter().filter(|s| !monitored(s)).map(|s| label(s)).collect(),
        tanpa_sop: record.def.tanpa_sop.clone(),
    }
}

/// Days between the epoch and a date.
fn day(date: Tanggal) -> i64 {
    date.unix_seconds().div_euclid(86_400)
}

/// One unit's line of the project recap, as of `today` (the latest record's
/// date): an SOP is monitored when a record dated in the last six months
/// (183 days) judges it, running well or to revise by its latest judgement
/// and latest evaluation; its evaluation is overdue when no record dated in
/// the last year (365 days) evaluates it.
pub fn unit_recap(unit: String, sops: &[&ValidSop], records: &[(&Record, &Checked)], today: Tanggal) -> UnitRecap {
    let mut line =
        UnitRecap { unit, sop: sops.len(), dimonitor: 0, baik: 0, revisi: 0, belum: 0, evaluasi_terlambat: 0 };
    let recent = |r: &Record, days: i64| day(today) - day(r.def.tanggal) <= days;
    for sop in sops {
        let same = |s: &&ValidSop| s.source.stem == sop.source.stem;
        // Records are sorted by date: the last one found is the latest.
        let judged = records
            .iter()
            .filter(|(r, _)| recent(r, 183))
            .filter_map(|(_, c)| c.monitoring.iter().find(|(_, s)| same(s)).map(|(m, _)| m.penilaian))
            .next_back();
        let evaluated = records
            .iter()
            .filter_map(|(r, c)| c.evaluasi.iter().find(|(_, s)| same(s)).map(|(e, _)| (*r, *e)))
            .next_back();
        match judged {
            Some(Penilaian::Baik) => {
                line.dimonitor += 1;
                line.baik += 1;
            }
            Some(Penilaian::TidakBaik) => line.dimonitor += 1,
            None => line.belum += 1,
        }
        if judged == Some(Penilaian::TidakBaik) || evaluated.is_some_and(|(_, e)| e.perlu_revisi()) {
            line.revisi += 1;
        }
        if !evaluated.is_some_and(|(r, _)| recent(r, 365)) {
            line.evaluasi_terlambat += 1;
        }
    }
    line
}
