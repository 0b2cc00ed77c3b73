//! Benchmark: builds a generated project of many SOPs and prints SOPs per
//! second; when the stock `typst` CLI is on PATH, also times it compiling
//! the same emitted sources (one process per document, as many at once as
//! sopkit uses threads).
//!
//! Run: `cargo bench --bench build [-- SOPS [JOBS]]` (default 40 SOPs, all cores).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use sopkit::build::{BuildOptions, Silent, run};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let sops: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(40);
    let jobs: usize = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let work = tempfile::tempdir().expect("temp dir");
    let project = work.path().join("bench");
    generate(&project, sops);
    let out = project.join("out");

    // Warm-up run: fonts parsed, caches filled, as in a long-lived process.
    let options = BuildOptions {
        project: project.clone(),
        out: Some(out.clone()),
        emit_typst: true,
        jobs: Some(jobs),
        write: true,
        ..BuildOptions::default()
    };
    let cold = Instant::now();
    let outcome = run(&options, &Silent).expect("build");
    let cold = cold.elapsed().as_secs_f64();
    assert!(!outcome.failed(), "{}", outcome.diagnostics.render_plain());
    let pages: usize = outcome.documents.iter().map(|d| d.pages).sum();

    let again = Instant::now();
    run(&options, &Silent).expect("build");
    let again = again.elapsed().as_secs_f64();

    println!("sopkit: {sops} SOPs ({pages} pages), {jobs} jobs");
    println!("  first build (cold process): {cold:.2} s, {:.1} SOPs/s", sops as f64 / cold);
    println!("  second build (warm):        {again:.2} s, {:.1} SOPs/s", sops as f64 / again);

    match stock_typst(&project, &out, jobs) {
        Some(seconds) => println!(
            "stock typst compile on the emitted sources: {seconds:.2} s, {:.1} SOPs/s ({:.1}x sopkit's cold build time)",
            sops as f64 / seconds,
            seconds / cold
        ),
        None => println!("stock typst: not on PATH (cargo install typst-cli --locked --version 0.15.1)"),
    }
}

/// Times `typst compile` on every emitted source, `jobs` processes at once.
fn stock_typst(project: &Path, out: &Path, jobs: usize) -> Option<f64> {
    Command::new("typst").arg("--version").output().ok()?;
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/fonts");
    let mut sources: Vec<_> = walkdir::WalkDir::new(out.join("sop"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "typ"))
        .collect();
    sources.sort();
    let start = Instant::now();
    for chunk in sources.chunks(jobs.max(1)) {
        let children: Vec<_> = chunk
            .iter()
            .map(|source| {
                Command::new("typst")
                    .args(["compile", "--ignore-system-fonts", "--root"])
                    .arg(project)
                    .arg("--font-path")
                    .arg(&fonts)
                    .arg(source)
                    .arg(source.with_extension("stock.pdf"))
                    .spawn()
                    .expect("spawn typst")
            })
            .collect();
        for mut child in children {
            assert!(child.wait().expect("typst").success(), "stock typst failed");
        }
    }
    Some(start.elapsed().as_secs_f64())
}

/// A project of `count` SOPs of 8 to 30 steps, 3 to 6 actors, with decisions
/// that loop back and jump forward.
fn generate(dir: &Path, count: usize) {
    std::fs::create_dir_all(dir.join("sops")).expect("project dir");
    std::fs::write(
        dir.join("sopkit.toml"),
        "instansi = \"Pemerintah Kota Contoh\"\n[units.dinas]\nkop = [\"PEMERINTAH KOTA CONTOH\", \"DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK\"]\n[format]\nprofile = \"denpasar\"\n",
    )
    .expect("config");
    let mut seed: u64 = 0x5eed;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for i in 0..count {
        let steps = 8 + next(23) as usize;
        let actors = 3 + next(4) as usize;
        let mut yaml = format!(
            "nomor: \"061/{:04}/DKIS\"\nnama: Prosedur Layanan Nomor {i}\ntanggal_pembuatan: 2023-09-27\ntanggal_efektif: 2023-09-27\ndasar_hukum: [Peraturan Walikota Denpasar Nomor 44 Tahun 2022]\nperalatan_perlengkapan: [Komputer, Printer]\npelaksana:\n",
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
