//! The static portal (`build --portal`) and `serve`, as a reader sees them:
//! in headless Chromium (Debian's chromium and chromium-driver), from
//! `file://` as a shared folder would open it. Search finds an SOP by a
//! word of a step (and by a typo of it) and opens its page; filters narrow
//! the list; every link resolves; the flowchart's SVG pages load and the
//! flow is there in words; no console errors; the verification page
//! accepts the official PDF and rejects a copy with one byte changed or an
//! object appended (signed copies: `verification`); under
//! `serve`, an edit reaches the open page (a phone: `portal_phone`; serve's
//! HTTP: `portal_serve`). Without a browser the file-level checks still run
//! (determinism, escaping, what an edit rewrites).

use std::collections::{BTreeSet, VecDeque};

use serde_json::json;

use super::support::*;
use super::webdriver::Browser;

pub(super) fn portal_build(test: &TestProject) -> PathBuf {
    let out = test.work().join("out");
    let output = sopkit(&["build", test.root.to_str().unwrap(), "-o", out.to_str().unwrap(), "--portal"]);
    assert!(output.status.success(), "{}", stderr(&output));
    out.join("portal")
}

pub(super) fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Opens every page the portal links to, from its index, as Chromium
/// follows the links: each opens without console errors and with a heading,
/// and every file a page names exists. The pages opened.
fn crawl(browser: &Browser, portal: &Path) -> BTreeSet<PathBuf> {
    let mut queue: VecDeque<String> = VecDeque::from([file_url(&portal.join("index.html"))]);
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    while let Some(url) = queue.pop_front() {
        if !seen.insert(file_of(&url)) {
            continue;
        }
        browser.open(&url);
        let errors = browser.console_errors();
        assert!(errors.is_empty(), "{url}: {errors:?}");
        assert_eq!(browser.run("return !!document.querySelector('h1')", json!([])), json!(true), "{url} opened");
        let links = browser.run(
            "return Array.from(document.querySelectorAll('a[href], img[src], object[data], script[src], link[href]')).map(e => e.href || e.src || e.data)",
            json!([]),
        );
        for link in links.as_array().unwrap() {
            let link = link.as_str().unwrap().split('#').next().unwrap().to_owned();
            assert!(link.starts_with("file://"), "{url} leaves the portal: {link}");
            let target = file_of(&link);
            let target = if target.is_dir() { target.join("index.html") } else { target };
            assert!(target.starts_with(portal) && target.is_file(), "{url} links to {link}, which is missing");
            if target.extension().is_some_and(|e| e == "html") {
                queue.push_back(link);
            }
        }
    }
    seen
}

/// The file a `file://` URL names, its `%XX` decoded.
fn file_of(url: &str) -> PathBuf {
    let path = url.strip_prefix("file://").unwrap_or(url).as_bytes();
    let mut bytes = Vec::new();
    let mut i = 0;
    while i < path.len() {
        match (path[i], path.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()))
        {
            (b'%', Some(byte)) => {
                bytes.push(byte);
                i += 3;
            }
            (byte, _) => {
                bytes.push(byte);
                i += 1;
            }
        }
    }
    PathBuf::from(String::from_utf8(bytes).unwrap())
}

#[test]
fn the_portal_is_searched_filtered_crawled_and_verifies_pdfs_in_chromium() {
    let test = TestProject::copy("denpasar");
    let portal = portal_build(&test);
    let Some(browser) = Browser::for_tests() else { return };

    // Search: a word of one step of one SOP, then a typo of another.
    browser.open(&file_url(&portal.join("index.html")));
    assert_eq!(browser.run("return document.documentElement.lang", json!([])), json!("id"));
    let query = browser.find("#kueri");
    assert_eq!(browser.run("return typeof window.SOPKIT_INDEKS", json!([])), json!("undefined"), "loaded on demand");
    browser.type_into(&query, "BKPSDM");
    let results = "return Array.from(document.querySelectorAll('#hasil .kartu a')).map(a => a.getAttribute('href'))";
    assert!(browser.wait_for("return document.querySelectorAll('#hasil .kartu').length > 0", 10));
    assert_eq!(browser.run(results, json!([])), json!(["sop/pengelolaan-sistem-informasi-kepegawaian.html"]));
    let marked =
        browser.run("return Array.from(document.querySelectorAll('#hasil mark')).map(m => m.textContent)", json!([]));
    assert!(marked.as_array().unwrap().iter().any(|m| m == "BKPSDM"), "the word is highlighted: {marked}");
    // Precise: a word matches words like it, not every short word ("dan");
    // words every SOP shares ("SOP") do not narrow a query to nothing.
    for (words, expected) in [
        // The Keputusan after it: its lampiran lists the SOP by name.
        ("keamanan", json!(["sop/monitoring-keamanan-informasi.html", "keputusan.html"])),
        ("SOP monitoring", json!(["sop/monitoring-keamanan-informasi.html", "keputusan.html"])),
        ("kepala", json!(["sop/monitoring-keamanan-informasi.html"])),
    ] {
        browser.clear(&query);
        browser.type_into(&query, words);
        assert_eq!(browser.run(results, json!([])), expected, "{words}");
    }
    browser.clear(&query);
    browser.type_into(&query, "dianalsa");
    let found = browser.run(results, json!([]));
    assert_eq!(
        found[0],
        json!("sop/monitoring-keamanan-informasi.html"),
        "a typo of `dianalisa` finds its SOP first: {found}"
    );
    browser.click(&browser.find("#hasil .kartu a"));
    assert!(browser.wait_for("return document.querySelector('h1') && document.querySelector('h1').textContent === 'Monitoring Keamanan Informasi'", 10));

    // The SOP page: the flowchart's SVG pages loaded, the flow in words,
    // the procedure table with every step.
    // Each page is a document of its own, its text drawn in the portal's
    // fonts: every page shows text, and every font it asks for loads.
    let pages = "return Array.from(document.querySelectorAll('#bagan-halaman object'))";
    assert!(browser.run(&format!("{pages}.length"), json!([])).as_u64() > Some(0), "the sheet's pages as SVG");
    let drawn = ".every(o => { var d = o.contentDocument; if (!d || !d.querySelector('text')) return false; \
                 var faces = Array.from(d.fonts); \
                 return faces.length > 0 && faces.some(f => f.status === 'loaded') && !faces.some(f => f.status === 'error'); })";
    assert!(browser.wait_for(&format!("{pages}{drawn}"), 10), "the SVG pages with their fonts");
    let words = browser
        .run("return Array.from(document.querySelectorAll('.alur-langkah li')).map(l => l.textContent)", json!([]));
    let words: Vec<String> = words.as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_owned()).collect();
    assert_eq!(words.len(), 11, "{words:?}");
    assert!(words[5].starts_with("Langkah 6: Kepala Bidang memverifikasi"), "{words:?}");
    assert!(
        words[5].contains("Jika Ya ke langkah 7") && words[5].contains("jika Tidak kembali ke langkah 5"),
        "{words:?}"
    );
    let rows = browser.run("return document.querySelectorAll('table.prosedur tbody tr').length", json!([]));
    assert_eq!(rows, json!(11));
    assert!(browser.console_errors().is_empty(), "{:?}", browser.console_errors());

    // Filters narrow the list: one unit leaves its SOP only.
    browser.open(&file_url(&portal.join("index.html")));
    let visible = "return Array.from(document.querySelectorAll('#daftar .kartu')).filter(k => !k.hidden).length";
    assert_eq!(browser.run(visible, json!([])), json!(2));
    browser.run(
        "var s = document.getElementById('saring-unit'); s.value = s.options[1].value; s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    assert_eq!(browser.run(visible, json!([])), json!(1));
    browser.run(
        "var s = document.getElementById('saring-status'); s.value = 'kedaluwarsa'; s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    assert_eq!(browser.run(visible, json!([])), json!(0));
    let said = browser.run("return document.getElementById('jumlah').textContent", json!([]));
    assert!(said.as_str().unwrap().starts_with("Tidak ada SOP dengan saringan ini"), "{said}");

    // Every link of the site resolves: pages open without console errors,
    // files exist.
    let seen = crawl(&browser, &portal);
    assert!(seen.len() >= 8, "pages crawled: {seen:?}");
    assert!(seen.iter().any(|p| p.ends_with("keputusan.html")));

    // Verification: the official PDF is confirmed, a changed copy is not.
    let verification = seen.iter().find(|p| p.to_string_lossy().contains("verifikasi/")).unwrap().clone();
    browser.open(&file_url(&verification));
    let official = browser.run("return document.querySelector('a[download]').href", json!([]));
    let official = PathBuf::from(official.as_str().unwrap().strip_prefix("file://").unwrap());
    let mut changed = std::fs::read(&official).unwrap();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x01;
    let copy = test.work().join("salinan.pdf");
    std::fs::write(&copy, &changed).unwrap();
    // The official bytes followed by something that is not an update
    // (an object without xref or trailer) are not the official document
    // with a signature added: tests/cli/verification.rs has real ones.
    let mut appended = std::fs::read(&official).unwrap();
    appended.extend_from_slice(b"\n1 0 obj\n<< /Type /Sig >>\nendobj\n%%EOF\n");
    let appended_copy = test.work().join("ditambah.pdf");
    std::fs::write(&appended_copy, &appended).unwrap();
    // The official PDF is the page's first version: an issued one
    // ("cocok"), or a draft when nothing was issued ("draf").
    let status =
        browser.run("return JSON.parse(document.getElementById('versi-dokumen').textContent)[0].status", json!([]));
    let matched = if status == "draf" { "draf" } else { "cocok" };
    for (file, verdict, words) in [
        (&official, matched, "Cocok"),
        (&copy, "tidak-cocok", "bukan versi mana pun"),
        (&appended_copy, "tidak-cocok", "bita tak dikenal"),
    ] {
        browser.open(&file_url(&verification));
        browser.type_into(&browser.find("#berkas"), file.to_str().unwrap());
        let text = "return document.getElementById('hasil-periksa').textContent";
        assert!(
            browser.wait_for(&format!("return document.getElementById('hasil-periksa').className === '{verdict}'"), 15),
            "{}: {}",
            file.display(),
            browser.run(text, json!([]))
        );
        let text = browser.run(text, json!([]));
        assert!(text.as_str().unwrap().contains(words), "{}: {text}", file.display());
    }
    assert!(browser.console_errors().is_empty());
}

#[test]
fn serve_shows_each_save_in_the_open_page() {
    let test = TestProject::copy("bali");
    let Some(browser) = Browser::for_tests() else { return };
    let out = test.work().join("out");
    let mut serve = std::process::Command::new(env!("CARGO_BIN_EXE_sopkit"))
        .args(["serve", test.root.to_str().unwrap(), "-o", out.to_str().unwrap(), "--port", "0", "--interval", "100"])
        .env("LANG", "id_ID.UTF-8")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(serve.stdout.take().unwrap()), &mut line).unwrap();
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap().to_owned();
    let page = format!("{url}sop/manajemen-risiko-spbe.html");
    let loaded = || std::path::Path::new(&out).join("portal/sop/manajemen-risiko-spbe.html").is_file();
    let start = std::time::Instant::now();
    while !loaded() && start.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    browser.open(&page);
    let title = "return document.querySelector('h1').textContent";
    let before = browser.run(title, json!([])).as_str().unwrap().to_owned();
    assert_eq!(before, "Manajemen Risiko Sistem Pemerintahan Berbasis Elektronik");

    // A new name, saved: the open page shows it.
    let definition = test.root.join("sops/manajemen-risiko-spbe.yaml");
    let text = std::fs::read_to_string(&definition).unwrap();
    let renamed = text.replacen("nama: Manajemen Risiko Sistem", "nama: Manajemen Risiko Terpadu Sistem", 1);
    assert_ne!(renamed, text, "the fixture's name line");
    std::fs::write(&definition, &renamed).unwrap();
    assert!(
        browser.wait_for("return document.querySelector('h1') && document.querySelector('h1').textContent.startsWith('Manajemen Risiko Terpadu')", 60),
        "the page did not show the edit"
    );
    // A mistake, saved: the page says where, with file and line.
    std::fs::write(
        &definition,
        renamed.replacen("tanggal_efektif:", "tanggal_efektif: 31-02-2024\nx_tanggal_efektif:", 1),
    )
    .unwrap();
    assert!(browser.wait_for("var b = document.getElementById('sopkit-galat'); return !!b && b.textContent.includes('sops/manajemen-risiko-spbe.yaml:')", 60),
        "the page did not show the error");
    // In the clerk's language, and wrapped to the screen (a phone's too):
    // nothing runs off to the side.
    let overlay = browser.run(
        "var b = document.getElementById('sopkit-galat'); return [b.textContent.includes('kesalahan:'), getComputedStyle(b).whiteSpace, b.scrollWidth <= b.clientWidth];",
        json!([]),
    );
    assert_eq!(overlay, json!([true, "pre-wrap", true]), "{overlay}");
    // Fixed again: the error goes.
    std::fs::write(&definition, &renamed).unwrap();
    assert!(browser.wait_for("return !document.getElementById('sopkit-galat')", 60));
    let _ = serve.kill();
    let _ = serve.wait();
}

#[test]
fn serve_with_deny_warnings_counts_a_warning_as_an_error_in_the_terminal_and_the_page() {
    let test = TestProject::copy("bali");
    // The Kepala Dinas's position was renamed; the SOP still cites the old one.
    test.edit(
        "sopkit.toml",
        "jabatan = \"Kepala Dinas Komunikasi, Informatika dan Statistik Provinsi Bali\"",
        "jabatan = \"Kepala Dinas Kominfos Provinsi Bali\"",
    );
    let out = test.work().join("out");
    let mut serve = std::process::Command::new(env!("CARGO_BIN_EXE_sopkit"))
        .args(["serve", test.root.to_str().unwrap(), "-o", out.to_str().unwrap(), "--port", "0", "--deny-warnings"])
        .env("LANG", "C.UTF-8")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(serve.stdout.take().unwrap()), &mut line).unwrap();
    let address = line.split_whitespace().find_map(|w| w.strip_prefix("http://")).unwrap().trim_end_matches('/');
    let address = address.to_owned();
    // What the open page asks between builds.
    let state = || -> Value {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        write!(stream, "GET /__sopkit/versi HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        serde_json::from_str(answer.split("\r\n\r\n").nth(1).unwrap()).unwrap()
    };
    let start = std::time::Instant::now();
    while state()["versi"] == 0 && start.elapsed().as_secs() < 120 {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let galat = state()["galat"].as_str().unwrap().to_owned();
    let _ = serve.kill();
    let _ = serve.wait();
    let mut terminal = String::new();
    std::io::Read::read_to_string(&mut serve.stderr.take().unwrap(), &mut terminal).unwrap();
    assert!(galat.contains("error: ") && galat.contains("is no longer a position in sopkit.toml"), "{galat}");
    assert!(!galat.contains("warning: "), "{galat}");
    assert!(terminal.contains("counted as errors (--deny-warnings)"), "{terminal}");
}

#[test]
fn related_sops_are_linked_and_check_names_those_that_are_not() {
    let test = TestProject::copy("denpasar");
    let definition = test.root.join("sops/pengelolaan-sistem-informasi-kepegawaian.yaml");
    let text = std::fs::read_to_string(&definition).unwrap();
    let related = text.replacen(
        "keterkaitan:\n",
        "keterkaitan:\n  - sop monitoring keamanan informasi\n  - SOP Monitoring Keamanan Informsi\n",
        1,
    );
    assert_ne!(related, text);
    std::fs::write(&definition, related).unwrap();
    let check = sopkit(&["check", test.root.to_str().unwrap()]);
    let said = stderr(&check);
    assert!(!said.contains("`sop monitoring keamanan informasi` is written almost"), "named: {said}");
    // Another agency's SOP is left alone; a typo of one of the project's is said, at the item.
    assert!(!said.contains("SOP Pemantauan Absensi Harian Pegawai"), "{said}");
    assert!(
        said.contains(
            "warning: Keterkaitan `SOP Monitoring Keamanan Informsi` is written almost like SOP 061/2293/DKIS \"Monitoring Keamanan Informasi\""
        ),
        "{said}"
    );
    assert!(said.contains("pengelolaan-sistem-informasi-kepegawaian.yaml:19:5"), "at the item: {said}");
    let portal = portal_build(&test);
    let page = std::fs::read_to_string(portal.join("sop/pengelolaan-sistem-informasi-kepegawaian.html")).unwrap();
    assert!(
        // minijinja escapes "/" in HTML too: the browser reads it back.
        page.contains(
            "<a href=\"..&#x2f;sop&#x2f;monitoring-keamanan-informasi.html\">sop monitoring keamanan informasi</a>"
        ),
        "{page}"
    );
    assert!(page.contains("<li>SOP Pemantauan Absensi Harian Pegawai</li>"), "an unknown one stays text");
}

#[test]
fn the_portal_is_deterministic_escapes_user_text_and_an_edit_rewrites_only_its_pages() {
    let test = TestProject::copy("denpasar");
    let portal = portal_build(&test);
    let files = |dir: &Path| -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
        let mut out: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let modified = e.metadata().unwrap().modified().unwrap();
                (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap(), modified)
            })
            .collect();
        out.sort();
        out
    };
    let first = files(&portal);
    assert!(first.iter().any(|(p, ..)| p.ends_with("sop/monitoring-keamanan-informasi.halaman-1.svg")));
    // Built again into a fresh folder: the same bytes.
    let again = test.work().join("again");
    assert!(
        sopkit(&["build", test.root.to_str().unwrap(), "-o", again.to_str().unwrap(), "--portal"]).status.success()
    );
    let second = files(&again.join("portal"));
    assert_eq!(
        first.iter().map(|(p, b, _)| (p, b)).collect::<Vec<_>>(),
        second.iter().map(|(p, b, _)| (p, b)).collect::<Vec<_>>(),
        "the same portal"
    );

    // One SOP edited (its name holds markup, which must stay text): its
    // pages, the index and the search index change; the other SOP's page
    // and the assets are left as they were.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let definition = test.root.join("sops/monitoring-keamanan-informasi.yaml");
    let text = std::fs::read_to_string(&definition).unwrap();
    std::fs::write(
        &definition,
        text.replacen(
            "nama: Monitoring Keamanan Informasi",
            "nama: \"Monitoring <script>alert(1)</script> & Keamanan\"",
            1,
        ),
    )
    .unwrap();
    portal_build(&test);
    let after = files(&portal);
    let changed: BTreeSet<String> =
        after.iter().zip(&first).filter(|(a, b)| a.2 != b.2).map(|(a, _)| a.0.to_string_lossy().into_owned()).collect();
    for expected in ["index.html", "aset/indeks.js", "sop/monitoring-keamanan-informasi.html"] {
        assert!(changed.contains(expected), "{expected} rewritten: {changed:?}");
    }
    for kept in ["sop/pengelolaan-sistem-informasi-kepegawaian.html", "aset/portal.css", "aset/portal.js"] {
        assert!(!changed.contains(kept), "{kept} left alone: {changed:?}");
    }
    let page = std::fs::read_to_string(portal.join("sop/monitoring-keamanan-informasi.html")).unwrap();
    assert!(page.contains("Monitoring &lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; Keamanan"), "escaped: {page}");
    assert!(!page.contains("<script>alert"), "no markup from the definition");
    let index = std::fs::read_to_string(portal.join("aset/indeks.js")).unwrap();
    assert!(!index.contains("</script>"), "the search index cannot end a script");
}

#[test]
fn a_definition_named_with_hash_question_mark_percent_and_spaces_is_linked_and_opens() {
    let test = TestProject::copy("denpasar");
    let sops = test.root.join("sops");
    let odd = "monitoring #2 ?50% keamanan";
    std::fs::rename(sops.join("monitoring-keamanan-informasi.yaml"), sops.join(format!("{odd}.yaml"))).unwrap();
    let portal = portal_build(&test);
    assert!(portal.join(format!("sop/{odd}.html")).is_file());
    let index = std::fs::read_to_string(portal.join("index.html")).unwrap();
    assert!(index.contains("href=\"sop&#x2f;monitoring%20%232%20%3F50%25%20keamanan.html\""), "{index}");
    let Some(browser) = Browser::for_tests() else { return };
    let seen = crawl(&browser, &portal);
    assert!(seen.contains(&portal.join(format!("sop/{odd}.html"))), "{seen:?}");
    // Its SVG pages and PDF, named after it, load too.
    browser.open(
        &file_url(&portal.join("index.html")).replace("index.html", "sop/monitoring%20%232%20%3F50%25%20keamanan.html"),
    );
    assert!(browser.wait_for(
        "return Array.from(document.querySelectorAll('#bagan-halaman object')).every(o => o.contentDocument && o.contentDocument.querySelector('text'))",
        10
    ));
}

/// A project of `count` generated SOPs over three units: 6 to 17 steps over
/// 3 to 5 actors, a decision in some, effective in different years.
fn generated_project(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sops")).unwrap();
    let mut config = String::from("instansi = \"Pemerintah Kota Contoh\"\nunit_utama = \"u0\"\n");
    for (k, unit) in ["SEKRETARIAT", "BIDANG PERSANDIAN", "BIDANG STATISTIK"].iter().enumerate() {
        config += &format!("[units.u{k}]\nkop = [\"PEMERINTAH KOTA CONTOH\", \"DINAS KOMINFO\", \"{unit}\"]\n");
    }
    config += "[format]\nprofile = \"denpasar\"\n";
    std::fs::write(root.join("sopkit.toml"), config).unwrap();
    let things = ["surat permohonan", "berkas pengaduan", "laporan keuangan", "data kepegawaian", "arsip digital"];
    let verbs = ["Menerima", "Memeriksa", "Menyusun", "Mengirimkan", "Mencatat", "Menandatangani"];
    for i in 0..count {
        let (steps, actors, year) = (6 + i * 7 % 12, 3 + i % 3, 2019 + i % 6);
        let mut yaml = format!(
            "nomor: \"061/{:04}/DKIS/{year}\"\nnama: Pengelolaan {} {i}\nunit: u{}\ntanggal_pembuatan: {year}-03-01\n\
             tanggal_efektif: {year}-04-{:02}\ndasar_hukum: [Peraturan Walikota Nomor {i} Tahun {year}]\npelaksana:\n",
            1000 + (i * 37) % count,
            things[i % things.len()],
            i % 3,
            1 + i % 28
        );
        for a in 0..actors {
            yaml += &format!("  a{a}: Pelaksana {a}\n");
        }
        yaml += "langkah:\n";
        for s in 1..=steps {
            let thing = things[(i + s) % things.len()];
            yaml += &format!(
                "  - kegiatan: {} {thing} tahap {s}\n    pelaksana: a{}\n    waktu: {} menit\n    output: {thing}\n",
                verbs[(i * 3 + s) % verbs.len()],
                (i + s) % actors,
                5 + s
            );
            if s == 4 && steps > 6 && i % 2 == 0 {
                yaml += "    keputusan:\n      ya: 5\n      tidak: 2\n";
            }
        }
        std::fs::write(root.join(format!("sops/sop-{i:03}.yaml")), yaml).unwrap();
    }
    dir
}

fn bytes_under(dir: &Path, only_pdf: bool) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && (!only_pdf || e.path().extension().is_some_and(|x| x == "pdf")))
        .map(|e| e.metadata().unwrap().len())
        .sum()
}

#[test]
fn a_portal_of_three_dozen_sops_weighs_at_most_twice_the_pdfs_it_publishes() {
    let project = generated_project(36);
    let out = project.path().join("out");
    let output = sopkit(&["build", project.path().to_str().unwrap(), "-o", out.to_str().unwrap(), "--portal"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let portal = out.join("portal");
    let (total, pdfs) = (bytes_under(&portal, false), bytes_under(&portal.join("pdf"), true));
    let svg_pages = walkdir::WalkDir::new(portal.join("sop"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "svg"))
        .count();
    assert!(svg_pages >= 36, "{svg_pages}");
    assert!(total <= 2 * pdfs, "the portal {total} bytes, its PDFs {pdfs}");
    eprintln!("portal of 36 SOPs: {total} bytes, its PDFs {pdfs} bytes, {svg_pages} SVG pages");
}

#[test]
fn the_index_sorts_by_nomor_nama_tanggal_and_unit_in_chromium() {
    let project = generated_project(8);
    let out = project.path().join("out");
    let output = sopkit(&["build", project.path().to_str().unwrap(), "-o", out.to_str().unwrap(), "--portal"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let Some(browser) = Browser::for_tests() else { return };
    browser.open(&file_url(&out.join("portal/index.html")));
    let shown = "return Array.from(document.querySelectorAll('#daftar .kartu')).filter(k => k.offsetParent !== null)\
                 .map(k => [k.querySelector('.nomor').textContent, k.querySelector('.nama').textContent, \
                 k.querySelector('time').getAttribute('datetime'), k.dataset.unit])";
    let rows = |sort: &str| -> Vec<Vec<String>> {
        browser.run(
            "var s = document.getElementById('urut-menurut'); s.value = arguments[0]; s.dispatchEvent(new Event('change'));",
            json!([sort]),
        );
        serde_json::from_value(browser.run(shown, json!([]))).unwrap()
    };
    let by_unit = rows("unit");
    assert_eq!(by_unit.len(), 8);
    let by_nama = rows("nama");
    let mut names: Vec<&String> = by_nama.iter().map(|r| &r[1]).collect();
    assert_ne!(names, by_unit.iter().map(|r| &r[1]).collect::<Vec<_>>(), "the order changes");
    let shown_names = names.clone();
    names.sort_by_key(|n| n.to_lowercase());
    assert_eq!(shown_names, names, "by name");
    let by_date: Vec<String> = rows("tanggal").into_iter().map(|r| r[2].clone()).collect();
    assert!(by_date.windows(2).all(|w| w[0] >= w[1]), "newest first: {by_date:?}");
    let by_nomor: Vec<String> = rows("nomor").into_iter().map(|r| r[0].clone()).collect();
    assert!(by_nomor.windows(2).all(|w| w[0] <= w[1]), "{by_nomor:?}");
    assert_eq!(rows("unit"), by_unit, "back in their units, as first shown");
    // Filters still narrow a sorted list.
    rows("nama");
    browser.run(
        "var s = document.getElementById('saring-unit'); s.value = s.options[1].value; s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    let one_unit: Vec<Vec<String>> = serde_json::from_value(browser.run(shown, json!([]))).unwrap();
    assert!(
        !one_unit.is_empty() && one_unit.len() < 8 && one_unit.iter().all(|r| r[3] == one_unit[0][3]),
        "{one_unit:?}"
    );
    assert!(browser.console_errors().is_empty(), "{:?}", browser.console_errors());
}
