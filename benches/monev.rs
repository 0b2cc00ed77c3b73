//! Benchmark of `sopkit monev` at a province's scale: a generated project
//! of 2,000 SOPs across 40 units, and one record per unit that monitors and
//! evaluates every SOP of its unit, so that one call makes 121 documents
//! (per unit a monitoring form, an evaluation form and a berita acara of
//! 50 SOPs each; the recap). Prints the time of the whole call (in a fresh
//! process, with its peak memory; PDFs only, as a user runs it), pages and
//! documents per second, and, when the stock `typst` CLI is on PATH, its
//! time on the same sources, emitted by a further, untimed run (as many
//! processes at once as there are cores). Each time is the median of three
//! runs.
//!
//! Run: `cargo bench --bench monev [-- UNITS...]` (default: 40 units of 50 SOPs).

use std::path::Path;
use std::time::Instant;

use sopkit::monev::{MonevOptions, run};
use sopkit::pipeline::Silent;

mod common;
use common::{peak_memory_kib, run_scenario, seconds_and_peak, stock_median, timed_runs, typst_sources};

/// SOPs per unit: 40 units make the province's 2,000.
const SOPS_PER_UNIT: usize = 50;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, project, out, mode] = &args[..]
        && flag == "scenario"
    {
        return scenario(Path::new(project), Path::new(out), mode == "emit");
    }
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![40] } else { sizes };
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("sopkit monev benchmark, {jobs} cores; wall-clock seconds, peak RSS");
    println!(
        "{:>6} {:>6} {:>6} {:>7} {:>9} {:>7} {:>9} {:>10} {:>9}",
        "units", "SOPs", "docs", "pages", "sopkit", "docs/s", "peak MB", "stock", "speed-up"
    );
    for units in sizes {
        let work = tempfile::tempdir().expect("temp dir");
        let project = work.path().join("provinsi");
        generate(&project, units);
        if std::env::var_os("SOPKIT_BENCH_KEEP").is_some() {
            eprintln!("project kept in {}", work.keep().display());
        }
        let out = project.join("out");
        let (seconds, peak) = timed_runs(&out, || timed_scenario(&project, &out));
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest")).expect("json");
        let outputs = manifest["outputs"].as_array().cloned().unwrap_or_default();
        let pages: u64 = outputs.iter().filter_map(|e| e["pages"].as_u64()).sum();
        // The sources, emitted by an untimed run; the library they import
        // is not a document of its own.
        run_scenario(&[project.as_os_str(), out.as_os_str(), "emit".as_ref()]);
        let sources: Vec<_> =
            typst_sources(&out.join("monev")).into_iter().filter(|p| !p.ends_with("sopkit-laporan.typ")).collect();
        let stock = stock_median(&project, &sources, jobs);
        println!(
            "{units:>6} {:>6} {:>6} {pages:>7} {seconds:>9.2} {:>7.1} {:>9.0} {:>10} {:>9}",
            units * SOPS_PER_UNIT,
            outputs.len(),
            outputs.len() as f64 / seconds,
            peak as f64 / 1024.0,
            stock.map_or("-".into(), |s| format!("{s:.2}")),
            stock.map_or("-".into(), |s| format!("{:.1}x", s / seconds)),
        );
    }
}

/// The call in this process (a child of the benchmark): prints the time
/// and the peak resident memory in KiB. With `emit`, the Typst sources are
/// written too.
fn scenario(project: &Path, out: &Path, emit: bool) {
    let options = MonevOptions {
        project: project.to_path_buf(),
        out: Some(out.to_path_buf()),
        emit_typst: emit,
        ..MonevOptions::default()
    };
    let start = Instant::now();
    let outcome = run(&options, &Silent).expect("monev");
    let seconds = start.elapsed().as_secs_f64();
    assert!(!outcome.failed(), "{}", outcome.diagnostics.render_plain());
    println!("{seconds} {}", peak_memory_kib());
}

/// One call in a fresh process: (seconds, peak KiB).
fn timed_scenario(project: &Path, out: &Path) -> (f64, u64) {
    seconds_and_peak(&run_scenario(&[project.as_os_str(), out.as_os_str(), "pdf".as_ref()]))
}

/// A province: `units` units of `SOPS_PER_UNIT` four-step SOPs each, and a
/// 2024 record per unit judging and evaluating every one of its SOPs (every
/// seventh not running well, every eleventh with a "tidak").
fn generate(dir: &Path, units: usize) {
    std::fs::create_dir_all(dir.join("sops")).expect("project dir");
    std::fs::create_dir_all(dir.join("monev")).expect("monev dir");
    let mut config = String::from(
        "instansi = \"Pemerintah Provinsi Contoh\"\n[officials.penilai]\njabatan = \"Analis Organisasi\"\nnama = \"NAMA PENILAI\"\n[officials.kabiro]\njabatan = \"Kepala Biro Organisasi\"\nnama = \"NAMA KEPALA BIRO\"\n[laporan]\npenandatangan = [\"kabiro\"]\n",
    );
    for u in 0..units {
        config += &format!(
            "[units.unit{u:02}]\nkop = [\"PEMERINTAH PROVINSI CONTOH\", \"PERANGKAT DAERAH {u:02}\", \"(BIDANG {u:02})\"]\n"
        );
    }
    std::fs::write(dir.join("sopkit.toml"), config).expect("config");
    let criteria = [
        "mendorong_kinerja",
        "mudah_dipahami",
        "mudah_dilaksanakan",
        "peran_jelas",
        "mengatasi_masalah",
        "menjawab_kebutuhan",
        "sinergi",
    ];
    for u in 0..units {
        let mut monitoring = String::new();
        let mut evaluasi = String::new();
        for s in 0..SOPS_PER_UNIT {
            let n = u * SOPS_PER_UNIT + s;
            let nomor = format!("061/{n:04}/ORG");
            std::fs::write(dir.join(format!("sops/sop-{n:04}.yaml")), definition(&nomor, n, u)).expect("definition");
            let penilaian = if n.is_multiple_of(7) { "tidak-baik" } else { "baik" };
            monitoring += &format!(
                "  - sop: \"{nomor}\"\n    penilaian: {penilaian}\n    catatan: Pelaksanaan diamati pada bulan ke-{}\n    tindakan: Dipertahankan\n",
                1 + n % 6
            );
            let answers: Vec<String> = criteria
                .iter()
                .enumerate()
                .map(|(i, k)| format!("{k}: {}", if n.is_multiple_of(11) && i == 2 { "tidak" } else { "ya" }))
                .collect();
            evaluasi += &format!(
                "  - sop: \"{nomor}\"\n    jawaban: {{ {} }}\n    catatan: Dievaluasi bersama pelaksana\n    tindak_lanjut: Tidak ada\n",
                answers.join(", ")
            );
        }
        let record = format!(
            "unit: unit{u:02}\nperiode: {{ mulai: 2024-01-01, sampai: 2024-12-31 }}\ntanggal: 2024-12-16\ntempat: Kota Contoh\npenilai:\n  - pejabat: penilai\nkepala_unit:\n  nama: NAMA KEPALA BIDANG {u:02}\n  jabatan: Kepala Bidang\nmetode: [Observasi, Wawancara]\nmonitoring:\n{monitoring}evaluasi:\n{evaluasi}tanpa_sop: [Kegiatan tanpa SOP {u:02}]\n"
        );
        std::fs::write(dir.join(format!("monev/2024-unit{u:02}.yaml")), record).expect("record");
    }
}

/// A four-step SOP of unit `u`.
fn definition(nomor: &str, n: usize, u: usize) -> String {
    format!(
        "nomor: \"{nomor}\"\nnama: Pelayanan Administrasi Nomor {n}\nunit: unit{u:02}\ntanggal_pembuatan: 2023-09-27\ntanggal_efektif: 2023-09-27\npelaksana:\n  staf: Staf Pelayanan\n  kabid: Kepala Bidang\nlangkah:\n  - kegiatan: Menerima permohonan\n    pelaksana: staf\n    waktu: 15 menit\n  - kegiatan: Memverifikasi permohonan\n    pelaksana: kabid\n    waktu: 1 jam\n  - kegiatan: Menyiapkan dokumen\n    pelaksana: staf\n    waktu: 1 x 8 jam\n  - kegiatan: Menyerahkan dokumen\n    pelaksana: staf\n    waktu: 15 menit\n"
    )
}
