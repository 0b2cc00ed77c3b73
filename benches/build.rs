//! Benchmark: generated projects of many SOPs (with a Keputusan whose
//! lampiran lists them all). For each size it prints the cold build, the
//! no-op rebuild and the rebuild after one SOP is edited (time and peak
//! memory, each in a fresh process), SOPs per second, and, when the stock
//! `typst` CLI is on PATH, its time on the emitted sources: the whole book
//! (`buku-sop.typ`) and the sheets one by one. Then the flowcharts'
//! crossings per sheet and the layout's time per sheet.
//!
//! Each figure is the median of three runs.
//!
//! Run: `cargo bench --bench build [-- SOPS...]` (default: 73 730).

use std::path::Path;
use std::time::Instant;

use sopkit::pipeline::{BuildOptions, Silent, run};

mod common;
use common::{
    RUNS, median, peak_memory_kib, run_scenario, seconds_and_peak, stock_median, stock_typst, timed_runs, typst_sources,
};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, project, out] = &args[..]
        && flag == "scenario"
    {
        return scenario(Path::new(project), Path::new(out));
    }
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![73, 730] } else { sizes };
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("sopkit benchmark, {jobs} cores; times are wall-clock seconds, memory is peak RSS");
    println!(
        "{:>6} {:>7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10} {:>12}",
        "SOPs", "pages", "cold", "no-op", "one edit", "SOPs/s", "peak MB", "stock book", "stock sheets"
    );
    for sops in sizes {
        let work = tempfile::tempdir().expect("temp dir");
        let project = work.path().join("bench");
        generate(&project, sops);
        if std::env::var_os("SOPKIT_BENCH_KEEP").is_some() {
            eprintln!("project kept in {}", work.keep().display());
        }
        let out = project.join("out");
        // Each figure is the median of RUNS runs: the machine's own noise
        // (±10 % here) is larger than some of the differences measured.
        let (cold, peak) = timed_runs(&out, || timed_scenario(&project, &out));
        let noop = median((0..RUNS).map(|_| timed_scenario(&project, &out).0).collect());
        let edit = median(
            (0..RUNS)
                .map(|run| {
                    edit_one(&project, run);
                    timed_scenario(&project, &out).0
                })
                .collect(),
        );
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest")).expect("json");
        let book_pages = manifest["outputs"]
            .as_array()
            .and_then(|o| o.iter().find(|e| e["kind"] == "buku"))
            .and_then(|e| e["pages"].as_u64())
            .unwrap_or(0);
        let stock_book =
            stock_median(&project, &[out.join("buku-sop.typ")], 1).map_or("-".into(), |s| format!("{s:.2}"));
        let sheets = typst_sources(&out.join("sop"));
        let stock_sheets = stock_typst(&project, &sheets, jobs).map_or("-".into(), |s| format!("{s:.2}"));
        println!(
            "{sops:>6} {book_pages:>7} {cold:>9.2} {noop:>9.2} {edit:>9.2} {:>9.1} {:>9.0} {stock_book:>10} {stock_sheets:>12}",
            sops as f64 / cold,
            peak as f64 / 1024.0
        );
        println!("       no-op = {:.1}% of cold, one edit = {:.1}% of cold", 100.0 * noop / cold, 100.0 * edit / cold);
        let (crossings, most, layout_ms) = layout_figures(&project);
        println!("       layout: {crossings:.2} crossings per sheet (at most {most}), {layout_ms:.2} ms per sheet");
    }
}

/// Crossings per sheet (mean and most) and layout time per sheet, from one
/// build of every sheet in this process, writing nothing.
fn layout_figures(project: &Path) -> (f64, usize, f64) {
    let options = BuildOptions { project: project.to_path_buf(), write: false, ..BuildOptions::default() };
    let outcome = run(&options, &Silent).expect("build");
    let stats: Vec<_> = outcome.documents.iter().filter_map(|d| d.layout).collect();
    let sheets = stats.len().max(1) as f64;
    let crossings = stats.iter().map(|s| s.crossings).sum::<usize>() as f64 / sheets;
    let most = stats.iter().map(|s| s.crossings).max().unwrap_or(0);
    let seconds = stats.iter().map(|s| s.seconds).sum::<f64>() / sheets;
    (crossings, most, seconds * 1000.0)
}

/// One build in this process (a child of the benchmark): prints the time
/// and the peak resident memory in KiB.
fn scenario(project: &Path, out: &Path) {
    let options = BuildOptions {
        project: project.to_path_buf(),
        out: Some(out.to_path_buf()),
        emit_typst: true,
        write: true,
        ..BuildOptions::default()
    };
    let start = Instant::now();
    let outcome = run(&options, &Silent).expect("build");
    let seconds = start.elapsed().as_secs_f64();
    assert!(!outcome.failed(), "{}", outcome.diagnostics.render_plain());
    let peak = peak_memory_kib();
    println!("{seconds} {peak}");
}

fn timed_scenario(project: &Path, out: &Path) -> (f64, u64) {
    seconds_and_peak(&run_scenario(&[project.as_os_str(), out.as_os_str()]))
}

/// Changes one step of one SOP, as a revision would (`run` picks the step).
fn edit_one(project: &Path, run: usize) {
    let path = project.join("sops/sop-0001.yaml");
    let text = std::fs::read_to_string(&path).expect("definition");
    let step = format!("tahap {} sesuai", run + 1);
    let edited = text.replacen(&step, &format!("tahap {} (direvisi) sesuai", run + 1), 1);
    assert_ne!(edited, text, "step {} to edit", run + 1);
    std::fs::write(&path, edited).expect("edit");
}

/// A project of `count` SOPs of 8 to 30 steps, 3 to 6 actors, with decisions
/// that loop back and jump forward, and a Keputusan adopting them all.
fn generate(dir: &Path, count: usize) {
    std::fs::create_dir_all(dir.join("sops")).expect("project dir");
    std::fs::write(
        dir.join("sopkit.toml"),
        "instansi = \"Pemerintah Kota Contoh\"\n[units.dinas]\nkop = [\"PEMERINTAH KOTA CONTOH\", \"DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK\"]\n[officials.walikota]\njabatan = \"Walikota Contoh\"\nnama = \"NAMA WALIKOTA\"\n[format]\nprofile = \"denpasar\"\n",
    )
    .expect("config");
    std::fs::write(
        dir.join("keputusan.yaml"),
        "pejabat: walikota\nnomor: 188.45/0001/HK/2023\ntentang: Standar Operasional Prosedur pada Dinas Komunikasi, Informatika dan Statistik\nmenimbang: [bahwa perlu menetapkan Standar Operasional Prosedur]\nmengingat: [Peraturan Menteri PAN-RB Nomor 35 Tahun 2012]\ndiktum: [Menetapkan Standar Operasional Prosedur., Keputusan ini mulai berlaku pada tanggal ditetapkan.]\nditetapkan: {tempat: Contoh, tanggal: 2023-09-27}\ntembusan: [Arsip]\n",
    )
    .expect("keputusan");
    let mut seed: u64 = 0x5eed;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for i in 0..count {
        let steps = 8 + next(23) as usize;
        let actors = 3 + next(4) as usize;
        let mut yaml = format!(
            "nomor: \"061/{:04}/DKIS\"\nnama: Prosedur Layanan Nomor {i}\ntanggal_pembuatan: 2023-09-27\ntanggal_efektif: 2023-09-27\ndasar_hukum: [Peraturan Walikota Nomor 44 Tahun 2022]\nperalatan_perlengkapan: [Komputer, Printer]\npelaksana:\n",
            1000 + i
        );
        for a in 0..actors {
            yaml += &format!("  a{a}: Pelaksana {a}\n");
        }
        yaml += "langkah:\n";
        for s in 1..=steps {
            yaml += &format!(
                "  - kegiatan: Memproses berkas permohonan layanan tahap {s} sesuai ketentuan yang berlaku\n    pelaksana: a{}\n    kelengkapan: Berkas tahap {s}\n    waktu: {} menit\n    output: Hasil tahap {s}\n",
                next(actors as u64),
                5 + next(30)
            );
            if s > 2 && s + 1 < steps && next(5) == 0 {
                yaml += &format!("    keputusan:\n      ya: {}\n      tidak: {}\n", s + 1, 1 + next(s as u64 - 1));
            }
        }
        std::fs::write(dir.join(format!("sops/sop-{i:04}.yaml")), yaml).expect("definition");
    }
}
