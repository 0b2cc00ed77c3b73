//! Benchmark of the portal: for a generated project of 1,000 SOPs, the
//! portal's build time, the weight of the index page and of an SOP page,
//! and, in headless Chromium (when chromedriver is installed), the index's
//! load, the time of a search over all of them and its quality: for a set
//! of queries (exact words, roots, typos, nomors, phrases, words only in
//! steps), the precision and recall of the SOPs found against those a
//! person would expect, read from what the generator wrote; the portal's
//! bytes against its PDFs', SVG bytes per sheet page, the build's peak
//! memory; then, under `sopkit serve` on the same project, the time from
//! saving one SOP to the open page showing it.
//!
//! Run: `cargo bench --bench portal [-- SOPS]` (default: 1000); with
//! `SOPKIT_BENCH_DIR=DIR` the generated project and its output stay in DIR.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::json;
use sopkit::pipeline::{BuildOptions, Silent, run};

#[allow(dead_code)]
mod common;
use common::{median, peak_memory_kib};

#[path = "../tests/cli/webdriver.rs"]
#[allow(dead_code)]
mod webdriver;

/// Words for varied step texts: a search over SOPs that all read alike
/// would measure nothing.
const VERBS: [&str; 16] = [
    "Menerima",
    "Memeriksa",
    "Memverifikasi",
    "Menyusun",
    "Mengirimkan",
    "Mencatat",
    "Mengarsipkan",
    "Menandatangani",
    "Menganalisis",
    "Mengunggah",
    "Menyerahkan",
    "Mengoordinasikan",
    "Melaporkan",
    "Menetapkan",
    "Memvalidasi",
    "Mendistribusikan",
];
const OBJECTS: [&str; 24] = [
    "surat permohonan",
    "berkas pengaduan",
    "laporan keuangan",
    "data kepegawaian",
    "dokumen pengadaan",
    "nota dinas",
    "rencana kerja",
    "hasil monitoring",
    "daftar hadir",
    "usulan anggaran",
    "izin usaha",
    "data kependudukan",
    "laporan insiden",
    "jadwal pemeliharaan",
    "akun email dinas",
    "sertifikat elektronik",
    "arsip digital",
    "rekomendasi teknis",
    "kontrak kerja",
    "aset daerah",
    "berita acara",
    "kuesioner survei",
    "data statistik sektoral",
    "konten situs web",
];
const UNITS: [&str; 5] =
    ["Sekretariat", "Bidang Aplikasi Informatika", "Bidang Persandian", "Bidang Statistik", "Bidang Informasi Publik"];

fn main() {
    let sops: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1000);
    // SOPKIT_BENCH_DIR keeps the generated project and its output there
    // (to profile or look at them afterwards).
    let work = tempfile::tempdir().expect("temp dir");
    let kept = std::env::var_os("SOPKIT_BENCH_DIR").map(PathBuf::from);
    let work_dir = kept.as_deref().unwrap_or(work.path());
    let project = work_dir.join("portal");
    let written = generate(&project, sops);
    let out = work_dir.join("out");
    let options = BuildOptions {
        project: project.clone(),
        out: Some(out.clone()),
        write: true,
        portal: true,
        ..BuildOptions::default()
    };
    let start = Instant::now();
    let outcome = run(&options, &Silent).expect("build");
    assert!(!outcome.failed(), "{}", outcome.diagnostics.render_plain());
    let cold = start.elapsed().as_secs_f64();
    let cold_peak = peak_memory_kib();
    let start = Instant::now();
    run(&options, &Silent).expect("rebuild");
    let noop = start.elapsed().as_secs_f64();
    // A save of one SOP as `serve` and `watch` build it: the sheet and the
    // portal first, then the Keputusan and the book in a run of their own.
    let saved = project.join("sops/sop-0002.yaml");
    let text = std::fs::read_to_string(&saved).expect("definition");
    let (mut quick, mut then) = (Vec::new(), Vec::new());
    for n in 0..3 {
        std::fs::write(&saved, text.replacen("nama: ", &format!("nama: Ubah {n} "), 1)).expect("save");
        let start = Instant::now();
        let outcome = run(&BuildOptions { bind_later: true, ..options.clone() }, &Silent).expect("save");
        quick.push(start.elapsed().as_secs_f64());
        assert!(!outcome.pending.is_empty(), "the decree and book wait");
        let start = Instant::now();
        run(&options, &Silent).expect("bind");
        then.push(start.elapsed().as_secs_f64());
    }
    std::fs::write(&saved, &text).expect("restore");
    run(&options, &Silent).expect("restore");
    let portal = out.join("portal");
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len()) as f64 / 1024.0;
    println!("sopkit portal benchmark: {sops} SOPs");
    println!("  build with the portal: cold {cold:.2} s, no-op {noop:.2} s");
    println!(
        "  a save of one SOP: its sheet and the portal {:.2} s, then the Keputusan and book {:.2} s (medians of 3)",
        median(quick),
        median(then)
    );
    let index = ["index.html", "aset/portal.css", "aset/portal.js", "aset/indeks.js"].map(|p| size(&portal.join(p)));
    println!(
        "  index page: {:.0} KB (html {:.0}, css {:.0}, js {:.0}); the search index, fetched on the first search: {:.0} KB",
        index[..3].iter().sum::<f64>(),
        index[0],
        index[1],
        index[2],
        index[3]
    );
    println!(
        "  peak memory (VmHWM): {:.0} MB after the cold build, {:.0} MB after the saves",
        cold_peak as f64 / 1024.0,
        peak_memory_kib() as f64 / 1024.0
    );
    let (total, pdf, svg, fonts) = (
        bytes_under(&portal, |_| true),
        bytes_under(&portal.join("pdf"), |p| p.extension().is_some_and(|e| e == "pdf")),
        bytes_under(&portal.join("sop"), |p| p.extension().is_some_and(|e| e == "svg")),
        bytes_under(&portal.join("aset/huruf"), |_| true),
    );
    let svg_pages = walkdir::WalkDir::new(portal.join("sop"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "svg"))
        .count();
    let mb = |b: u64| b as f64 / 1e6;
    println!(
        "  portal {:.1} MB = {:.2} x the PDFs it publishes ({:.1} MB); SVG {:.1} MB over {svg_pages} sheet pages ({:.1} KB a page), fonts {:.2} MB once",
        mb(total),
        total as f64 / pdf as f64,
        mb(pdf),
        mb(svg),
        svg as f64 / svg_pages.max(1) as f64 / 1e3,
        mb(fonts)
    );
    let pages: Vec<PathBuf> = (0..sops.min(50)).map(|i| portal.join(format!("sop/sop-{i:04}.html"))).collect();
    let html = pages.iter().map(|p| size(p)).sum::<f64>() / pages.len() as f64;
    let svg = pages
        .iter()
        .map(|p| (1..10).map(|n| size(&p.with_extension(format!("halaman-{n}.svg")))).sum::<f64>())
        .sum::<f64>()
        / pages.len() as f64;
    println!("  an SOP page: html {html:.0} KB + its sheet's SVG pages {svg:.0} KB (loaded lazily)");

    let browser = match webdriver::Browser::start() {
        Ok(browser) => browser,
        Err(why) => {
            println!("  (no browser: search and reload times not measured: {why})");
            return;
        }
    };
    let load = Instant::now();
    browser.open(&format!("file://{}", portal.join("index.html").display()));
    let loaded = load.elapsed().as_secs_f64() * 1000.0;
    let indexed = browser.run_async(
        "var done = arguments[arguments.length - 1]; var t = performance.now(); \
         window.sopkitLoadIndex(function () { done(performance.now() - t); });",
        json!([]),
    );
    println!(
        "  index page opened in Chromium: {loaded:.0} ms; the search index loaded and built on the first search: {:.0} ms",
        indexed.as_f64().unwrap_or(f64::NAN)
    );
    let queries = [
        "laporan",
        "verifikasi",
        "sertifikat elektronik",
        "kependudukn",
        "arsip digital",
        "mengunggah konten",
        "anggaran",
    ];
    let mut times = Vec::new();
    for query in queries {
        let answer = browser.run(
            "var t = performance.now(); var r = window.sopkitSearch(arguments[0]); return [performance.now() - t, r.length];",
            json!([query]),
        );
        times.push(answer[0].as_f64().unwrap_or(f64::NAN));
    }
    let worst = times.iter().copied().fold(0.0, f64::max);
    println!(
        "  search over {sops} SOPs: median {:.1} ms, slowest {worst:.1} ms ({} queries)",
        median(times.clone()),
        queries.len()
    );
    search_quality(&browser, &written);

    // `serve` on the same project and output (its cache warm): from saving
    // one SOP to the open page showing it.
    let mut serve = std::process::Command::new(env!("CARGO_BIN_EXE_sopkit"))
        .args(["serve", project.to_str().unwrap(), "-o", out.to_str().unwrap(), "--port", "0", "--interval", "100"])
        .env("LANG", "C")
        .env("LC_ALL", "C")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("sopkit serve");
    // When each build was served, read from serve's own report of it:
    // the time from a save to the browser splits into the build's part
    // and the page's.
    let served = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Instant>::new()));
    let stderr = serve.stderr.take().unwrap();
    let served_at = served.clone();
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(std::io::BufReader::new(stderr)).map_while(Result::ok) {
            if line.contains(" served;") {
                served_at.lock().unwrap().push(Instant::now());
            }
        }
    });
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(serve.stdout.take().unwrap()), &mut line).unwrap();
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap().to_owned();
    // The first build of `serve` (on the warm cache) done.
    browser.open(&format!("{url}sop/sop-0001.html"));
    let built = "var r = new XMLHttpRequest(); r.open('GET', '/__sopkit/versi', false); r.send(); \
                 return JSON.parse(r.responseText).versi >= 1";
    assert!(browser.wait_for(built, 600), "serve's first build");
    let page = format!("{url}sop/sop-0001.html");
    let edit = project.join("sops/sop-0001.yaml");
    // Saves apart (the earlier save's Keputusan and book made meanwhile),
    // then saves one after another (each during the earlier one's
    // Keputusan and book, which it stops).
    let apart = Saves { browser: &browser, served: &served, page: &page, edit: &edit, pause: 6.0 };
    apart.measure(sops, "saves apart", 0);
    let close = Saves { pause: 1.5, ..apart };
    close.measure(sops, "each save while the one before is bound into the Keputusan and book", 5);
    let _ = serve.kill();
    let _ = serve.wait();
}

/// Saves of one SOP under `sopkit serve`, timed to the open page showing
/// them.
#[derive(Clone, Copy)]
struct Saves<'a> {
    browser: &'a webdriver::Browser,
    /// When serve reported each build.
    served: &'a std::sync::Mutex<Vec<Instant>>,
    page: &'a str,
    edit: &'a Path,
    /// Seconds from the page showing a save to the next save.
    pause: f64,
}

impl Saves<'_> {
    /// Five saves, numbered from `first`; prints the medians.
    fn measure(&self, sops: usize, what: &str, first: usize) {
        let browser = self.browser;
        let (mut reloads, mut builds, mut shown_text) = (Vec::new(), Vec::new(), Vec::new());
        browser.open(self.page);
        for n in first..first + 5 {
            std::thread::sleep(std::time::Duration::from_secs_f64(self.pause));
            // The reloaded page's first paint, on the wall clock, is when the
            // reader sees the save; its load ends when every sheet page is in.
            browser.run("window.sebelum = true;", json!([]));
            let builds_before = self.served.lock().unwrap().len();
            let text = std::fs::read_to_string(self.edit).unwrap();
            let saved = Instant::now();
            let saved_wall = wall_ms();
            let renamed = with_revised_name(&text, n);
            std::fs::write(self.edit, renamed).unwrap();
            let shown = browser.wait_for(
                &format!(
                    "return !window.sebelum && document.querySelector('h1').textContent.startsWith('Revisi {n} ')"
                ),
                120,
            );
            assert!(shown, "the page did not reload");
            reloads.push(saved.elapsed().as_secs_f64());
            if let Some(at) = self.served.lock().unwrap().get(builds_before) {
                builds.push(at.duration_since(saved).as_secs_f64());
            }
            let painted = browser.run(
                "var p = performance.getEntriesByName('first-contentful-paint')[0]; \
                 return p ? performance.timeOrigin + p.startTime : 0;",
                json!([]),
            );
            if let Some(painted) = painted.as_f64().filter(|t| *t > 0.0) {
                shown_text.push((painted - saved_wall) / 1000.0);
            }
        }
        println!("  serve, {sops} SOPs, {what}:");
        println!("    save to the page loaded whole (sheet pages too): median {:.2} s", median(reloads));
        if !builds.is_empty() {
            println!("    of which save to build served: median {:.2} s", median(builds));
        }
        if !shown_text.is_empty() {
            println!("    save to the new text painted: median {:.2} s", median(shown_text));
        }
    }
}

/// The definition's text with its nama starting "Revisi N " (once).
fn with_revised_name(text: &str, n: usize) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if let Some(line) = lines.iter_mut().find(|l| l.starts_with("nama: ")) {
        let rest = line.trim_start_matches("nama: ");
        let rest = match rest.strip_prefix("Revisi ") {
            Some(after) => after.split_once(' ').map_or(after, |(_, name)| name),
            None => rest,
        };
        *line = format!("nama: Revisi {n} {rest}");
    }
    lines.join("\n") + "\n"
}

/// The wall clock in milliseconds, as a page's `Date.now()` reads it.
fn wall_ms() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// The bytes of the files under `dir` that `pick` takes.
fn bytes_under(dir: &Path, pick: impl Fn(&Path) -> bool) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && pick(e.path()))
        .map(|e| e.metadata().map_or(0, |m| m.len()))
        .sum()
}

/// The queries of the quality set, each with what an SOP a person expects
/// holds: every group of texts, one of each (lowercase, in its nomor,
/// nama, dasar hukum or steps).
const QUALITY: [(&str, &[&[&str]]); 19] = [
    ("kuesioner", &[&["kuesioner"]]),
    ("pengaduan", &[&["pengaduan"]]),
    ("aduan", &[&["aduan"]]),
    ("pengadaan", &[&["pengadaan"]]),
    ("pengarsipan", &[&["arsip"]]),
    ("verifikasi", &[&["verifikasi"]]),
    // "mengoordinasikan": the root's k is gone.
    ("koordinasi", &[&["oordinasi"]]),
    ("kependudukn", &[&["kependudukan"]]),
    ("anggran", &[&["anggaran"]]),
    // A typo as near "pengaduan" as "pengadaan": both are found.
    ("pengadan", &[&["pengadaan"]]),
    ("sertifkat elektronik", &[&["sertifikat elektronik"]]),
    ("data statistik sektoral", &[&["data statistik sektoral"]]),
    ("laporan insiden", &[&["laporan insiden"]]),
    ("mengunggah konten", &[&["mengunggah"], &["konten"]]),
    ("menandatangani berita acara", &[&["menandatangani"], &["berita acara"]]),
    ("pemeliharaan", &[&["pemeliharaan"]]),
    ("061/1234", &[&["061/1234/"]]),
    ("1555", &[&["/1555/"]]),
    ("2236", &[&["/2236/"]]),
];

/// Precision and recall of the search on the quality set, per query and
/// on average.
fn search_quality(browser: &webdriver::Browser, written: &[(String, String)]) {
    let (mut precision, mut recall) = (0.0, 0.0);
    println!("  search quality (precision, recall: found against expected):");
    for (query, groups) in QUALITY {
        let expected: std::collections::BTreeSet<&str> = written
            .iter()
            .filter(|(_, text)| groups.iter().all(|any| any.iter().any(|needle| text.contains(needle))))
            .map(|(url, _)| url.as_str())
            .collect();
        let found = browser.run("return window.sopkitSearch(arguments[0])", json!([query]));
        let found: Vec<&str> = found.as_array().unwrap().iter().filter_map(|u| u.as_str()).collect();
        let right = found.iter().filter(|url| expected.contains(*url)).count() as f64;
        // Nothing expected and nothing found is right.
        let p = if found.is_empty() { f64::from(expected.is_empty()) } else { right / found.len() as f64 };
        let r = if expected.is_empty() { f64::from(found.is_empty()) } else { right / expected.len() as f64 };
        println!("    {query:>28}: {p:.3} {r:.3} ({} found, {} expected)", found.len(), expected.len());
        precision += p;
        recall += r;
    }
    let n = QUALITY.len() as f64;
    println!(
        "  search quality over {} queries: precision {:.3}, recall {:.3}",
        QUALITY.len(),
        precision / n,
        recall / n
    );
}

/// `count` SOPs over five units, 6 to 20 steps of varied texts, a decision
/// in some, effective in different years; each SOP's page and its texts
/// (lowercase) as a person reads them.
fn generate(dir: &Path, count: usize) -> Vec<(String, String)> {
    std::fs::create_dir_all(dir.join("sops")).expect("project dir");
    let mut config = String::from("instansi = \"Pemerintah Kota Contoh\"\nunit_utama = \"u0\"\n");
    for (k, unit) in UNITS.iter().enumerate() {
        config += &format!(
            "[units.u{k}]\nkop = [\"PEMERINTAH KOTA CONTOH\", \"DINAS KOMUNIKASI DAN INFORMATIKA\", \"{}\"]\n",
            unit.to_uppercase()
        );
    }
    config += "[officials.walikota]\njabatan = \"Walikota Contoh\"\nnama = \"NAMA WALIKOTA\"\n";
    config += "[format]\nprofile = \"denpasar\"\n";
    std::fs::write(dir.join("sopkit.toml"), config).expect("config");
    // The Keputusan adopting them all: its lampiran lists every SOP.
    std::fs::write(
        dir.join("keputusan.yaml"),
        "pejabat: walikota\nkop: WALIKOTA CONTOH\nnomor: 188.45/1000/HK/2024\n\
         tentang: Standar Operasional Prosedur pada Dinas Komunikasi dan Informatika\n\
         menimbang: [bahwa perlu menetapkan Standar Operasional Prosedur]\n\
         mengingat: [Peraturan Menteri PANRB Nomor 35 Tahun 2012]\n\
         diktum: [Standar Operasional Prosedur pada Dinas Komunikasi dan Informatika., Keputusan ini mulai berlaku pada tanggal ditetapkan.]\n\
         ditetapkan: {tempat: Contoh, tanggal: 2018-01-15}\n\
         lampiran: {judul: DAFTAR STANDAR OPERASIONAL PROSEDUR}\n",
    )
    .expect("keputusan");
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut written = Vec::new();
    for i in 0..count {
        let steps = 6 + next(15) as usize;
        let year = 2019 + next(6);
        let object = OBJECTS[next(OBJECTS.len() as u64) as usize];
        let mut yaml = format!(
            "nomor: \"061/{:04}/DKIS/{year}\"\nnama: Pengelolaan {} {i}\nunit: u{}\ntanggal_pembuatan: {year}-03-01\ntanggal_efektif: {year}-04-01\ndasar_hukum: [Peraturan Walikota Nomor {} Tahun {year}]\npelaksana:\n",
            1000 + i,
            object,
            next(UNITS.len() as u64),
            1 + next(60)
        );
        let actors = 3 + next(4) as usize;
        for a in 0..actors {
            yaml += &format!("  a{a}: Pelaksana {a}\n");
        }
        yaml += "langkah:\n";
        for s in 1..=steps {
            let verb = VERBS[next(VERBS.len() as u64) as usize];
            let thing = OBJECTS[next(OBJECTS.len() as u64) as usize];
            yaml += &format!(
                "  - kegiatan: {verb} {thing} tahap {s}\n    pelaksana: a{}\n    waktu: {} menit\n    output: {thing}\n",
                next(actors as u64),
                5 + next(30)
            );
            if s > 2 && s + 1 < steps && next(6) == 0 {
                yaml += &format!("    keputusan:\n      ya: {}\n      tidak: {}\n", s + 1, 1 + next(s as u64 - 1));
            }
        }
        std::fs::write(dir.join(format!("sops/sop-{i:04}.yaml")), &yaml).expect("definition");
        // What the search reads of it, without the YAML's keys.
        let texts: Vec<&str> = yaml.lines().filter(|l| !l.contains("output:")).collect();
        written.push((format!("sop/sop-{i:04}.html"), texts.join("\n").to_lowercase()));
    }
    written
}
