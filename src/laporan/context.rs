//! A run record checked against its SOP and turned into the context of a
//! report template: identity, per-step mutu baku against what happened,
//! the risk analysis or the monitoring results, attached tables, signers.

use serde::Serialize;

use super::monitoring::Status;
use super::record::{Penandatangan, Run};
use super::risiko::{self, HeatCell, Risk, Selera};
use super::waktu;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{DocPath, Project};
use crate::model::{Jenis, Moment, RisikoConfig, WorkingTime};
use crate::model::{Pejabat, Target};
use crate::render::sheet::KopContext;
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
    pub sop: SopIdentity,
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

#[derive(Debug, Serialize)]
pub struct SopIdentity {
    pub nomor: String,
    pub nama: String,
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
    pub no: usize,
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
    pub target: Vec<super::monitoring::MonitoringTarget>,
    pub hasil: Vec<super::monitoring::Hasil>,
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

#[derive(Debug, Clone, Serialize)]
pub struct Signer {
    pub peran: String,
    pub keterangan: Option<String>,
    pub jabatan: String,
    pub nama: String,
    pub nip: Option<String>,
    pub pangkat: Option<String>,
}

/// The report kind of a run: its own, else its SOP's, else pelaksanaan.
pub fn jenis_of(run: &Run, sop: &ValidSop) -> Jenis {
    run.def.jenis.or(sop.def().laporan).unwrap_or(Jenis::Pelaksanaan)
}

/// Checks `run` against `sop` and builds the template context; errors are
/// located in the run record (or its spreadsheets).
pub fn build_context(
    project: &Project,
    run: &Run,
    sop: &ValidSop,
    work: &WorkingTime,
    warnings: &mut Vec<Diagnostic>,
) -> Result<LaporanContext, Diagnostics> {
    let config = &project.config.value;
    let def = &run.def;
    let jenis = jenis_of(run, sop);
    let mut errors = Vec::new();
    let root = DocPath::root();

    let pelaksanaan = if jenis == Jenis::Pelaksanaan || !def.langkah.is_empty() {
        match pelaksanaan(run, sop, work, warnings) {
            Ok(p) => Some(p),
            Err(e) => {
                errors.extend(e);
                None
            }
        }
    } else {
        None
    };
    let risiko = match (jenis, &def.risiko) {
        (Jenis::AnalisisRisiko, None) => {
            errors.push(
                run.error_at(&root.key("sop"), "a risk analysis needs its register")
                    .with_hint("add `risiko: { register: register-risiko.xlsx }` to the run record"),
            );
            None
        }
        (_, Some(spec)) => match risk_analysis(run, spec, &config.risiko, warnings) {
            Ok(r) => Some(r),
            Err(e) => {
                errors.extend(e);
                None
            }
        },
        _ => None,
    };
    let monitoring = match (jenis, &def.monitoring) {
        (Jenis::MonitoringKeamanan, None) => {
            errors.push(run.error_at(
                &root.key("sop"),
                "a monitoring report needs its `monitoring` data (targets, results, findings)",
            ));
            None
        }
        (_, Some(data)) => match monitoring(run, data, &config.risiko) {
            Ok(m) => Some(m),
            Err(e) => {
                errors.extend(e);
                None
            }
        },
        _ => None,
    };
    let penandatangan = match signers(project, run, sop) {
        Ok(s) => s,
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    if let Some(periode) = &def.periode
        && periode.sampai < periode.mulai
    {
        errors.push(run.error_at(&root.key("periode").key("sampai"), "the period ends before it starts"));
    }
    for (i, tabel) in def.tabel.iter().enumerate() {
        for (r, baris) in tabel.baris.iter().enumerate() {
            if baris.len() != tabel.kolom.len() {
                errors.push(run.error_at(
                    &root.key("tabel").index(i).key("baris").index(r),
                    format!("this row has {} cells but the table has {} columns", baris.len(), tabel.kolom.len()),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }

    let (w, h) = config.format.paper.size_mm();
    let judul = def.judul.clone().unwrap_or_else(|| match jenis {
        Jenis::Pelaksanaan => format!("Laporan Pelaksanaan SOP {}", sop.def().identity.nama),
        Jenis::AnalisisRisiko => "Laporan Hasil Analisis Risiko SPBE".into(),
        Jenis::MonitoringKeamanan => "Laporan Monitoring Keamanan Informasi".into(),
    });
    Ok(LaporanContext {
        jenis,
        font: config.format.font.clone(),
        font_size: 10.0,
        // Reports are portrait.
        page_width: w.min(h) * crate::layout::MM,
        page_height: w.max(h) * crate::layout::MM,
        unit: KopContext::of(&sop.unit, config),
        judul,
        nomor: def.nomor.clone(),
        tanggal: def.tanggal.long(),
        tempat: def.tempat.clone(),
        periode: def.periode.as_ref().map(|p| format!("{} s.d. {}", p.mulai.long(), p.sampai.long())),
        ringkasan: def.ringkasan.clone(),
        sop: SopIdentity {
            nomor: sop.def().identity.nomor.clone(),
            nama: sop.def().identity.nama.clone(),
            unit: sop.unit.kop.last().cloned().unwrap_or_default(),
            tgl_efektif: sop.def().identity.tanggal_efektif.long(),
        },
        pelaksanaan,
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
        penandatangan,
        signature_box: config.format.signature_box_pt,
        tte: crate::render::tte::TteContext::default(),
        satu_halaman: false,
    })
}

/// Each step's mutu baku against what the record says happened.
fn pelaksanaan(
    run: &Run,
    sop: &ValidSop,
    work: &WorkingTime,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Pelaksanaan, Diagnostics> {
    let steps = &sop.def().langkah;
    let lanes: Vec<&String> = sop.def().pelaksana.values().collect();
    let mut actual: Vec<Option<(usize, &super::record::Realisasi)>> = vec![None; steps.len()];
    let mut errors = Vec::new();
    for (i, realisasi) in run.def.langkah.iter().enumerate() {
        let path = DocPath::root().key("langkah").index(i);
        let index = match &realisasi.langkah {
            Some(Target::Nomor(n)) if (1..=steps.len() as u64).contains(n) => Some(*n as usize - 1),
            Some(Target::Id(id)) => steps.iter().position(|s| s.id.as_deref() == Some(id.as_str())),
            None => Some(i).filter(|i| *i < steps.len()),
            _ => None,
        };
        let Some(index) = index else {
            errors.push(run.error_at(
                &path.key("langkah"),
                format!("the SOP `{}` has no such step (it has {} steps)", run.def.sop, steps.len()),
            ));
            continue;
        };
        if actual[index].is_some() {
            warnings
                .push(run.warning_at(&path, format!("step {} is reported twice; the later entry counts", index + 1)));
        }
        actual[index] = Some((i, realisasi));
    }
    let mut report = Vec::new();
    let (mut tepat, mut melebihi, mut tidak_dinilai, mut dilaporkan) = (0, 0, 0, 0);
    let (mut total_standar, mut total_realisasi) = (0u64, 0u64);
    for (index, step) in steps.iter().enumerate() {
        let waktu_text = step.waktu.clone().unwrap_or_default();
        let standard = waktu::standard_minutes(&waktu_text, work);
        let mut row = StepReport {
            no: index + 1,
            kegiatan: step.kegiatan.clone(),
            pelaksana: lanes.get(sop.flow.steps[index].lane).map(|l| (*l).clone()).unwrap_or_default(),
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
        if let Some((i, realisasi)) = actual[index] {
            dilaporkan += 1;
            let path = DocPath::root().key("langkah").index(i);
            let moment = |key: &str, text: &Option<String>| -> Result<Option<Moment>, Diagnostic> {
                text.as_deref().map(Moment::parse).transpose().map_err(|m| run.error_at(&path.key(key), m))
            };
            let (mulai, selesai) = match (moment("mulai", &realisasi.mulai), moment("selesai", &realisasi.selesai)) {
                (Ok(a), Ok(b)) => (a, b),
                (a, b) => {
                    errors.extend([a.err(), b.err()].into_iter().flatten());
                    continue;
                }
            };
            let minutes = match (mulai, selesai, &realisasi.durasi) {
                (_, _, Some(text)) => match waktu::standard_minutes(text, work) {
                    Some(m) => Some(m),
                    None => {
                        errors.push(run.error_at(
                            &path.key("durasi"),
                            format!("`{text}` is not a duration (e.g. 20 menit, 2 jam)"),
                        ));
                        continue;
                    }
                },
                (Some(a), Some(b), None) => match work.between(a, b) {
                    Some(m) => Some(m),
                    None => {
                        errors.push(run.error_at(&path.key("selesai"), "the step finishes before it starts"));
                        continue;
                    }
                },
                _ => None,
            };
            row.oleh = realisasi.oleh.clone().unwrap_or_default();
            row.mulai = mulai.map(|m| m.long()).unwrap_or_default();
            row.selesai = selesai.map(|m| m.long()).unwrap_or_default();
            row.output = realisasi.output.clone().unwrap_or_default();
            row.catatan = realisasi.catatan.clone().unwrap_or_default();
            if let Some(m) = minutes {
                row.realisasi = waktu::describe(m, work);
                total_realisasi += m;
            }
            row.status = match (standard, minutes) {
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
                total_standar += limit;
            }
        }
        report.push(row);
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    Ok(Pelaksanaan {
        jumlah: steps.len(),
        dilaporkan,
        tepat_waktu: tepat,
        melebihi,
        tidak_dinilai,
        total_standar: waktu::describe(total_standar, work),
        total_realisasi: waktu::describe(total_realisasi, work),
        langkah: report,
    })
}

fn risk_analysis(
    run: &Run,
    spec: &super::record::RisikoRun,
    config: &RisikoConfig,
    warnings: &mut Vec<Diagnostic>,
) -> Result<RisikoContext, Diagnostics> {
    let path = run.base.join(&spec.register);
    let register_at = DocPath::root().key("risiko").key("register");
    if !path.is_file() {
        return Err(
            vec![run.error_at(&register_at, format!("register `{}` not found", spec.register.display()))].into()
        );
    }
    let name = spec.register.to_string_lossy().into_owned();
    let selera = Selera { default: spec.selera, per_kategori: &spec.selera_kategori };
    let (risks, register_warnings) = risiko::read_register(&path, &name, spec.sheet.as_deref(), config, &selera)?;
    warnings.extend(register_warnings);
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
    Ok(RisikoContext {
        prioritas: risiko::ranked(&risks),
        penanganan: risks.iter().filter(|r| !r.opsi.is_empty() || !r.rencana_aksi.is_empty()).cloned().collect(),
        inheren,
        residual,
        per_level,
        selera: spec.selera,
        kemungkinan: config.kemungkinan.to_vec(),
        dampak: config.dampak.to_vec(),
        register: risks,
    })
}

fn monitoring(
    run: &Run,
    data: &super::monitoring::MonitoringRun,
    config: &RisikoConfig,
) -> Result<MonitoringContext, Diagnostics> {
    let mut errors = Vec::new();
    let path = DocPath::root().key("monitoring");
    if data.target.is_empty() {
        return Err(
            vec![run.error_at(&path, "a monitoring report needs its targets (`target`, or a `berkas` sheet)")].into()
        );
    }
    let known = |name: &str| data.target.iter().any(|t| t.aplikasi == name);
    for (i, hasil) in data.hasil.iter().enumerate() {
        if !known(&hasil.target) {
            errors.push(run.error_at(
                &path.key("hasil").index(i).key("target"),
                format!("`{}` is not a target of this run", hasil.target),
            ));
        }
    }
    let mut temuan = Vec::new();
    for (i, t) in data.temuan.iter().enumerate() {
        if !known(&t.target) {
            errors.push(run.error_at(
                &path.key("temuan").index(i).key("target"),
                format!("`{}` is not a target of this run", t.target),
            ));
        }
        let Some(band) = config.level.iter().find(|b| b.nama.eq_ignore_ascii_case(&t.tingkat)) else {
            let names: Vec<&str> = config.level.iter().map(|b| b.nama.as_str()).collect();
            errors.push(
                run.error_at(
                    &path.key("temuan").index(i).key("tingkat"),
                    format!("`{}` is not a risk level", t.tingkat),
                )
                .with_hint(format!("levels: {}", names.join(", "))),
            );
            continue;
        };
        temuan.push(TemuanContext {
            no: i + 1,
            target: t.target.clone(),
            temuan: t.temuan.clone(),
            tingkat: band.nama.clone(),
            warna: band.warna.clone(),
            rekomendasi: t.rekomendasi.clone(),
            tindak_lanjut: t.tindak_lanjut.clone().unwrap_or_default(),
            status: t.status.label(),
        });
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let count = |s: Status| data.temuan.iter().filter(|t| t.status == s).count();
    Ok(MonitoringContext {
        sesuai: data.hasil.iter().filter(|h| h.sesuai).count(),
        tidak_sesuai: data.hasil.iter().filter(|h| !h.sesuai).count(),
        selesai: count(Status::Selesai),
        proses: count(Status::Proses),
        belum: count(Status::Belum),
        target: data.target.clone(),
        hasil: data.hasil.clone(),
        temuan,
    })
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
            let official = &config.officials[key];
            signers.push(from_official(official, key.clone(), None));
        }
    } else if let Some(official) = &sop.def().identity.disahkan_oleh {
        signers.push(from_official(official, "disahkan_oleh".into(), None));
    } else {
        return Err(run
            .error_at(&DocPath::root().key("sop"), "nobody signs this report")
            .with_hint("name them under `penandatangan`, or set `penandatangan` under [laporan] in sopkit.toml"));
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
        Some(key) => Some(config.officials.get(key).ok_or_else(|| {
            run.error_at(&path.key("pejabat"), format!("official `{key}` is not defined in sopkit.toml"))
        })?),
        None => None,
    };
    let jabatan = p.jabatan.clone().or_else(|| official.map(|o| o.jabatan.clone()));
    let nama = p.nama.clone().or_else(|| official.map(|o| o.nama.clone()));
    let (Some(jabatan), Some(nama)) = (jabatan, nama) else {
        return Err(run.error_at(path, "a signer needs `pejabat` (an official of sopkit.toml) or `jabatan` and `nama`"));
    };
    let peran = p.peran.clone().or_else(|| p.pejabat.clone()).unwrap_or_else(|| slug(&jabatan));
    Ok(Signer {
        peran,
        keterangan: p.keterangan.clone(),
        jabatan,
        nama,
        nip: p.nip.clone().or_else(|| official.and_then(|o| o.nip.clone())),
        pangkat: p.pangkat.clone().or_else(|| official.and_then(|o| o.pangkat.clone())),
    })
}

/// "Kepala Bidang Persandian" -> "kepala_bidang_persandian".
fn slug(text: &str) -> String {
    crate::util::text::words(text).collect::<Vec<_>>().join("_")
}
