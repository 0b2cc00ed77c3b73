//! `sopkit laporan`, render: the context of a report template, built from
//! a run that passed its checks (`check`): the SOP's identity, each step's
//! mutu baku against what happened, the risk analysis or the monitoring
//! results, attached tables, signers. Nothing here can fail.

use serde::Serialize;

use super::check::{CheckedRun, Done, Signer};
use super::monitoring::{Hasil, MonitoringRun, MonitoringTarget, Status};
use super::record::{RisikoRun, Run};
use super::risiko::{self, HeatCell, Risk};
use super::waktu;
use crate::load::Project;
use crate::model::{Identity, Jenis, LevelBand, RisikoConfig, Tanggal, WorkingTime};
use crate::render::sheet::KopContext;
use crate::render::tte::TteContext;
use crate::validate::ValidSop;

#[derive(Debug, Serialize)]
pub struct LaporanContext {
    pub jenis: Jenis,
    pub font: String,
    pub font_size: f64,
    pub page_width: f64,
    pub page_height: f64,
    pub unit: KopContext,
    pub judul: String,
    pub nomor: String,
    pub tanggal: String,
    pub tempat: Option<String>,
    pub periode: Option<String>,
    pub ringkasan: Option<String>,
    pub sop: ReportedSop,
    pub pelaksanaan: Option<Pelaksanaan>,
    pub risiko: Option<RisikoContext>,
    pub monitoring: Option<MonitoringContext>,
    pub tabel: Vec<TabelContext>,
    pub penandatangan: Vec<Signer>,
    pub signature_box: f64,
    pub tte: crate::render::tte::TteContext,
    /// Whether the report is set as one page: its footer then reads
    /// "Halaman 1 dari 1" as plain text (see `laporan::build_report`).
    pub satu_halaman: bool,
}

/// The SOP a report is of, as the report prints it: every field of its
/// [`Identity`], with its unit named as its kop's last line and its
/// effective date written out.
#[derive(Debug, Serialize)]
pub struct ReportedSop {
    #[serde(flatten)]
    pub identity: Identity,
    pub unit: String,
    pub tgl_efektif: String,
}

#[derive(Debug, Serialize)]
pub struct Pelaksanaan {
    pub langkah: Vec<StepReport>,
    pub jumlah: usize,
    pub dilaporkan: usize,
    pub tepat_waktu: usize,
    pub melebihi: usize,
    pub tidak_dinilai: usize,
    pub total_standar: String,
    pub total_realisasi: String,
}

#[derive(Debug, Serialize)]
pub struct StepReport {
    /// As the sheet prints it (`2a`).
    pub no: String,
    pub kegiatan: String,
    pub pelaksana: String,
    pub waktu: String,
    pub output_standar: String,
    pub oleh: String,
    pub mulai: String,
    pub selesai: String,
    pub realisasi: String,
    pub output: String,
    pub catatan: String,
    /// `tepat`, `melebihi`, `tidak_dinilai` or `tidak_dilaporkan`.
    pub status: &'static str,
}

#[derive(Debug, Serialize)]
pub struct RisikoContext {
    pub register: Vec<Risk>,
    pub inheren: Vec<Vec<HeatCell>>,
    pub residual: Option<Vec<Vec<HeatCell>>>,
    pub prioritas: Vec<Risk>,
    pub penanganan: Vec<Risk>,
    pub per_level: Vec<LevelCount>,
    pub selera: u8,
    pub kemungkinan: Vec<String>,
    pub dampak: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct LevelCount {
    pub nama: String,
    pub warna: String,
    pub rentang: String,
    pub jumlah: usize,
}

#[derive(Debug, Serialize)]
pub struct MonitoringContext {
    pub target: Vec<MonitoringTarget>,
    pub hasil: Vec<Hasil>,
    pub temuan: Vec<TemuanContext>,
    pub sesuai: usize,
    pub tidak_sesuai: usize,
    pub selesai: usize,
    pub proses: usize,
    pub belum: usize,
}

#[derive(Debug, Serialize)]
pub struct TemuanContext {
    pub no: usize,
    pub target: String,
    pub temuan: String,
    pub tingkat: String,
    pub warna: String,
    pub rekomendasi: String,
    pub tindak_lanjut: String,
    pub status: &'static str,
}

#[derive(Debug, Serialize)]
pub struct TabelContext {
    pub judul: String,
    pub kolom: Vec<String>,
    pub baris: Vec<Vec<String>>,
}

/// The template context of a checked run.
pub fn build_context(
    project: &Project,
    run: &Run,
    sop: &ValidSop,
    checked: CheckedRun,
    work: &WorkingTime,
) -> LaporanContext {
    let config = &project.config.value;
    let def = &run.def;
    let jenis = checked.jenis;
    let identity = &sop.def().identity;
    let (w, h) = config.format.paper.size_mm();
    let judul = def.judul.clone().unwrap_or_else(|| match jenis {
        Jenis::Pelaksanaan => format!("Laporan Pelaksanaan SOP {}", identity.nama),
        Jenis::AnalisisRisiko => "Laporan Hasil Analisis Risiko SPBE".into(),
        Jenis::MonitoringKeamanan => "Laporan Monitoring Keamanan Informasi".into(),
    });
    let risiko = match (&def.risiko, checked.risks) {
        (Some(spec), Some(risks)) => Some(risk_analysis(spec, risks, &config.risiko)),
        _ => None,
    };
    let monitoring = match (&def.monitoring, checked.finding_levels) {
        (Some(data), Some(levels)) => Some(monitoring(data, &levels)),
        _ => None,
    };
    let long = |date: Tanggal| date.long_in(config.format.day_style());
    LaporanContext {
        jenis,
        font: config.format.font.clone(),
        font_size: 10.0,
        // Reports are portrait.
        page_width: w.min(h) * crate::layout::MM,
        page_height: w.max(h) * crate::layout::MM,
        unit: KopContext::of(&sop.unit, config),
        judul,
        nomor: def.nomor.clone(),
        tanggal: long(def.tanggal),
        tempat: def.tempat.clone(),
        periode: def.periode.as_ref().map(|p| format!("{} s.d. {}", long(p.mulai), long(p.sampai))),
        ringkasan: def.ringkasan.clone(),
        sop: ReportedSop {
            unit: sop.unit.kop.last().cloned().unwrap_or_default(),
            tgl_efektif: long(identity.tanggal_efektif),
            identity: identity.clone(),
        },
        pelaksanaan: checked.steps.map(|steps| pelaksanaan(sop, &steps, work)),
        risiko,
        monitoring,
        tabel: def
            .tabel
            .iter()
            .map(|t| TabelContext {
                judul: t.judul.clone(),
                kolom: t.kolom.clone(),
                baris: t.baris.iter().map(|r| r.iter().map(ToString::to_string).collect()).collect(),
            })
            .collect(),
        penandatangan: checked.signers,
        signature_box: config.format.signature_box_pt,
        tte: TteContext::default(),
        satu_halaman: false,
    }
}

/// Each step's mutu baku against what the record says happened.
fn pelaksanaan(sop: &ValidSop, done: &[Option<Done>], work: &WorkingTime) -> Pelaksanaan {
    let steps = &sop.def().langkah;
    let lanes: Vec<&String> = sop.def().pelaksana.values().collect();
    let mut report = Vec::new();
    let (mut tepat, mut melebihi, mut tidak_dinilai, mut dilaporkan) = (0, 0, 0, 0);
    let (mut total_standar, mut total_realisasi) = (0u64, 0u64);
    let numbers = sop.def().printed_numbers();
    for (index, step) in steps.iter().enumerate() {
        let waktu_text = step.waktu.clone().unwrap_or_default();
        let standard = waktu::standard(&waktu_text, work);
        let mut row = StepReport {
            no: numbers[index].clone(),
            kegiatan: step.kegiatan.clone(),
            pelaksana: sop.flow.steps[index]
                .lanes
                .iter()
                .filter_map(|&lane| lanes.get(lane).map(|l| l.as_str()))
                .collect::<Vec<_>>()
                .join(", "),
            waktu: waktu_text,
            output_standar: step.output.clone().unwrap_or_default(),
            oleh: String::new(),
            mulai: String::new(),
            selesai: String::new(),
            realisasi: String::new(),
            output: String::new(),
            catatan: String::new(),
            status: "tidak_dilaporkan",
        };
        if let Some(Some(done)) = done.get(index) {
            dilaporkan += 1;
            let realisasi = done.realisasi;
            row.oleh = realisasi.oleh.clone().unwrap_or_default();
            row.mulai = done.mulai.map(|m| m.long()).unwrap_or_default();
            row.selesai = done.selesai.map(|m| m.long()).unwrap_or_default();
            row.output = realisasi.output.clone().unwrap_or_default();
            row.catatan = realisasi.catatan.clone().unwrap_or_default();
            if let Some(m) = done.minutes {
                row.realisasi = waktu::describe(m, work);
                total_realisasi += m;
            }
            if let (Some(limit), Some(m)) = (standard, done.calendar_minutes)
                && limit.calendar
            {
                row.realisasi = waktu::describe(m, &WorkingTime::calendar());
            }
            // A calendar limit ("1 x 24 jam") against the calendar time
            // taken; a working-time limit against working time.
            let taken = match standard {
                Some(limit) if limit.calendar => done.calendar_minutes.or(done.minutes),
                _ => done.minutes,
            };
            row.status = match (standard.map(|s| s.minutes), taken) {
                (Some(limit), Some(taken)) if taken > limit => {
                    melebihi += 1;
                    "melebihi"
                }
                (Some(_), Some(_)) => {
                    tepat += 1;
                    "tepat"
                }
                _ => {
                    tidak_dinilai += 1;
                    "tidak_dinilai"
                }
            };
            if let Some(limit) = standard {
                total_standar += limit.minutes;
            }
        }
        report.push(row);
    }
    Pelaksanaan {
        jumlah: steps.len(),
        dilaporkan,
        tepat_waktu: tepat,
        melebihi,
        tidak_dinilai,
        total_standar: waktu::describe(total_standar, work),
        total_realisasi: waktu::describe(total_realisasi, work),
        langkah: report,
    }
}

/// The register, its heat maps (inherent and residual), the risks ranked
/// and those with a treatment plan.
fn risk_analysis(spec: &RisikoRun, risks: Vec<Risk>, config: &RisikoConfig) -> RisikoContext {
    let inheren = risiko::heat_map(config, risks.iter().map(|r| (r.kemungkinan_level, r.dampak_level, r.id.clone())));
    let residual = risks.iter().any(|r| r.residual.is_some()).then(|| {
        risiko::heat_map(
            config,
            risks
                .iter()
                .filter_map(|r| r.residual.as_ref().map(|x| (x.kemungkinan_level, x.dampak_level, r.id.clone()))),
        )
    });
    let per_level = config
        .level
        .iter()
        .map(|band| LevelCount {
            nama: band.nama.clone(),
            warna: band.warna.clone(),
            rentang: format!("{}-{}", band.min, band.max),
            jumlah: risks.iter().filter(|r| r.level == band.nama).count(),
        })
        .collect();
    RisikoContext {
        prioritas: risiko::ranked(&risks),
        penanganan: risks.iter().filter(|r| !r.opsi.is_empty() || !r.rencana_aksi.is_empty()).cloned().collect(),
        inheren,
        residual,
        per_level,
        selera: spec.selera,
        kemungkinan: config.kemungkinan.to_vec(),
        dampak: config.dampak.to_vec(),
        register: risks,
    }
}

/// Targets, results and findings with their levels, and the counts.
fn monitoring(data: &MonitoringRun, levels: &[&LevelBand]) -> MonitoringContext {
    let temuan = data
        .temuan
        .iter()
        .zip(levels)
        .enumerate()
        .map(|(i, (t, band))| TemuanContext {
            no: i + 1,
            target: t.target.clone(),
            temuan: t.temuan.clone(),
            tingkat: band.nama.clone(),
            warna: band.warna.clone(),
            rekomendasi: t.rekomendasi.clone(),
            tindak_lanjut: t.tindak_lanjut.clone().unwrap_or_default(),
            status: t.status.label(),
        })
        .collect();
    let count = |s: Status| data.temuan.iter().filter(|t| t.status == s).count();
    MonitoringContext {
        sesuai: data.hasil.iter().filter(|h| h.sesuai).count(),
        tidak_sesuai: data.hasil.iter().filter(|h| !h.sesuai).count(),
        selesai: count(Status::Selesai),
        proses: count(Status::Proses),
        belum: count(Status::Belum),
        target: data.target.clone(),
        hasil: data.hasil.clone(),
        temuan,
    }
}
