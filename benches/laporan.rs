//! Benchmark of `sopkit laporan` in batch: a generated project whose SOP
//! has four steps, and one spreadsheet of N runs (one per row), each a
//! one-page Laporan Pelaksanaan SOP. Prints the time of the whole batch
//! (in a fresh process, with its peak memory; PDFs only, as a user runs it),
//! runs per second, and, when the stock `typst` CLI is on PATH, its time on
//! the same sources, emitted by a further, untimed run (as many processes at
//! once as there are cores). Each time is the median of three runs.
//!
//! Run: `cargo bench --bench laporan [-- RUNS...]` (default: 1000).

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use sopkit::laporan::{LaporanOptions, run};
use sopkit::pipeline::Silent;

mod common;
use common::{peak_memory_kib, run_scenario, seconds_and_peak, stock_median, timed_runs, typst_sources};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, project, runs, out, mode] = &args[..]
        && flag == "scenario"
    {
        return scenario(Path::new(project), Path::new(runs), Path::new(out), mode == "emit");
    }
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1000] } else { sizes };
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("sopkit laporan benchmark, {jobs} cores; wall-clock seconds, peak RSS");
    println!(
        "{:>6} {:>7} {:>9} {:>9} {:>9} {:>10} {:>9}",
        "runs", "pages", "sopkit", "runs/s", "peak MB", "stock", "speed-up"
    );
    for count in sizes {
        let work = tempfile::tempdir().expect("temp dir");
        let project = work.path().join("bench");
        generate(&project, count);
        if std::env::var_os("SOPKIT_BENCH_KEEP").is_some() {
            eprintln!("project kept in {}", work.keep().display());
        }
        let runs = project.join("runs/runs.xlsx");
        let out = project.join("out");
        let (seconds, peak) = timed_runs(&out, || timed_scenario(&project, &runs, &out));
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest")).expect("json");
        let pages: u64 =
            manifest["outputs"].as_array().map_or(0, |o| o.iter().filter_map(|e| e["pages"].as_u64()).sum());
        // The sources, emitted by an untimed run (the timed ones write PDFs
        // only, as a user runs them).
        emit_sources(&project, &runs, &out);
        let sources = typst_sources(&out.join("laporan"));
        let stock = stock_median(&project, &sources, jobs);
        println!(
            "{count:>6} {pages:>7} {seconds:>9.2} {:>9.0} {:>9.0} {:>10} {:>9}",
            count as f64 / seconds,
            peak as f64 / 1024.0,
            stock.map_or("-".into(), |s| format!("{s:.2}")),
            stock.map_or("-".into(), |s| format!("{:.1}x", s / seconds)),
        );
    }
}

/// The batch in this process (a child of the benchmark): prints the time
/// and the peak resident memory in KiB. With `emit`, the Typst sources are
/// written too.
fn scenario(project: &Path, runs: &Path, out: &Path, emit: bool) {
    let options = LaporanOptions {
        project: project.to_path_buf(),
        runs: vec![runs.to_path_buf()],
        out: Some(out.to_path_buf()),
        emit_typst: emit,
        ..LaporanOptions::default()
    };
    let start = Instant::now();
    let outcome = run(&options, &Silent).expect("laporan");
    let seconds = start.elapsed().as_secs_f64();
    assert!(!outcome.failed(), "{}", outcome.diagnostics.render_plain());
    println!("{seconds} {}", peak_memory_kib());
}

/// One batch in a fresh process: (seconds, peak KiB).
fn timed_scenario(project: &Path, runs: &Path, out: &Path) -> (f64, u64) {
    seconds_and_peak(&run_scenario(&[project.as_os_str(), runs.as_os_str(), out.as_os_str(), "pdf".as_ref()]))
}

fn emit_sources(project: &Path, runs: &Path, out: &Path) {
    run_scenario(&[project.as_os_str(), runs.as_os_str(), out.as_os_str(), "emit".as_ref()]);
}

/// A project with one four-step SOP, and `count` runs of it in a workbook.
fn generate(dir: &Path, count: usize) {
    std::fs::create_dir_all(dir.join("sops")).expect("project dir");
    std::fs::create_dir_all(dir.join("runs")).expect("runs dir");
    std::fs::write(
        dir.join("sopkit.toml"),
        "instansi = \"Pemerintah Kota Contoh\"\n[units.dinas]\nkop = [\"PEMERINTAH KOTA CONTOH\", \"DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK\"]\n[officials.kabid]\njabatan = \"Kepala Bidang\"\nnama = \"NAMA KEPALA BIDANG\"\n[officials.kadis]\njabatan = \"Kepala Dinas\"\nnama = \"NAMA KEPALA DINAS\"\n[laporan]\npenandatangan = [\"kabid\", \"kadis\"]\n",
    )
    .expect("config");
    std::fs::write(
        dir.join("sops/permohonan-data.yaml"),
        "nomor: \"061/0001/DKIS\"\nnama: Pelayanan Permohonan Data\ntanggal_pembuatan: 2023-09-27\ntanggal_efektif: 2023-09-27\npelaksana:\n  staf: Staf Pelayanan\n  kabid: Kepala Bidang\nlangkah:\n  - kegiatan: Menerima permohonan data\n    pelaksana: staf\n    waktu: 15 menit\n  - kegiatan: Memverifikasi permohonan\n    pelaksana: kabid\n    waktu: 1 jam\n  - kegiatan: Menyiapkan data\n    pelaksana: staf\n    waktu: 1 x 8 jam\n  - kegiatan: Menyerahkan data kepada pemohon\n    pelaksana: staf\n    waktu: 15 menit\n",
    )
    .expect("definition");
    let mut header = vec!["SOP".to_owned(), "Nomor".into(), "Tanggal".into()];
    for step in 1..=4 {
        for field in ["Oleh", "Mulai", "Selesai"] {
            header.push(format!("Langkah {step} {field}"));
        }
    }
    let mut rows = vec![header];
    for i in 0..count {
        let day = 1 + i % 28;
        let mut row =
            vec!["permohonan-data".to_owned(), format!("045/{:04}/DKIS/2024", i + 1), format!("2024-02-{day:02}")];
        for (step, (start, end)) in
            [("08:00", "08:10"), ("09:00", "09:45"), ("10:00", "15:00"), ("15:10", "15:30")].iter().enumerate()
        {
            row.push(format!("Petugas {}", (i + step) % 7 + 1));
            row.push(format!("2024-02-{day:02} {start}"));
            row.push(format!("2024-02-{day:02} {end}"));
        }
        rows.push(row);
    }
    write_xlsx(&dir.join("runs/runs.xlsx"), &rows);
}

/// A minimal xlsx (one sheet, inline strings), enough for calamine.
fn write_xlsx(path: &Path, rows: &[Vec<String>]) {
    let file = std::fs::File::create(path).expect("xlsx");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut put = |name: &str, text: &str| {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    };
    put(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    put(
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Runs" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    put(
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    );
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet += &format!("<row r=\"{}\">", r + 1);
        for value in row {
            sheet += &format!("<c t=\"inlineStr\"><is><t>{value}</t></is></c>");
        }
        sheet += "</row>";
    }
    sheet += "</sheetData></worksheet>";
    put("xl/worksheets/sheet1.xml", &sheet);
    zip.finish().expect("xlsx");
}
