//! The static portal (`build --portal`) and `serve`, as a reader sees them:
//! in headless Chromium (Debian's chromium and chromium-driver), from
//! `file://` as a shared folder would open it. Search finds an SOP by a
//! word of a step (and by a typo of it) and opens its page; filters narrow
//! the list; every link resolves; the flowchart's SVG pages load and the
//! flow is there in words; no console errors; the verification page
//! accepts the official PDF and rejects a copy with one byte changed or an
//! object appended (signed copies: `verification`); under
//! `serve`, an edit reaches the open page; on a phone every page fits 320
//! px with 24 px touch targets and no axe-core violation, the steps are
//! cards and the flowchart zooms and pans. Without a browser the file-level
//! checks still run (determinism, escaping, what an edit rewrites).

use std::collections::{BTreeSet, VecDeque};

use serde_json::json;

use super::support::*;
use super::webdriver::Browser;

fn portal_build(test: &TestProject) -> PathBuf {
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

// ------------------------------------------------------------ a phone
// Each kind of page at a small phone's width, a common phone's and a
// desktop's: nothing runs off to the side, every link and control is a
// touch target of at least 24 x 24 px (WCAG 2.2 2.5.8), and axe-core finds
// nothing.

/// A small phone, a common phone (390 x 844) and a desktop; `true` for a phone.
const SCREENS: [(u32, u32, bool); 3] = [(320, 568, true), (390, 844, true), (1280, 800, false)];

/// axe-core's script: SOPKIT_AXE names its `axe.min.js` (.ci/run installs
/// it). Missing under CI fails the test; elsewhere it skips loudly.
fn axe_script() -> Option<String> {
    let why = match std::env::var_os("SOPKIT_AXE") {
        None => "SOPKIT_AXE (the path of axe-core's axe.min.js) is not set".to_owned(),
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(script) => return Some(script),
            Err(e) => format!("SOPKIT_AXE={}: {e}", Path::new(&path).display()),
        },
    };
    assert!(std::env::var_os("CI").is_none(), "CI must have axe-core (see .ci/run): {why}");
    eprintln!("SKIPPED: the axe-core checks: {why}");
    None
}

/// What axe-core finds wrong with the open page, one line a violation and
/// the elements it found it at; the WCAG 2.2 target size rule included.
fn axe_violations(browser: &Browser, axe: &str) -> Vec<String> {
    browser.run(axe, json!([]));
    let found = browser.run_async(
        "var done = arguments[arguments.length - 1];
         axe.run(document, { rules: { 'target-size': { enabled: true } }, resultTypes: ['violations'] })
           .then(r => done(r.violations.map(v => v.id + ' (' + v.help + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))),
                 e => done(['axe-core failed: ' + e]));",
        json!([]),
    );
    found.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
}

/// The page's width against the screen's, and each link or control
/// smaller than 24 x 24 px (WCAG 2.2 2.5.8 lets a small one be if nothing
/// is near; these pages need not rely on that).
fn layout_problems(browser: &Browser, width: u32) -> Vec<String> {
    let found = browser.run(
        "var width = arguments[0], problems = [], html = document.documentElement;
         if (html.scrollWidth > innerWidth || html.scrollWidth > width)
           problems.push('the page is ' + html.scrollWidth + ' px wide in ' + innerWidth);
         Array.from(document.querySelectorAll('a[href], button, input, select, summary, [tabindex]'))
           .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
           .forEach(e => {
             var r = e.getBoundingClientRect();
             if (r.width < 24 || r.height < 24)
               problems.push(e.outerHTML.slice(0, 80) + ' is ' + Math.round(r.width) + ' x ' + Math.round(r.height) + ' px');
           });
         return problems;",
        json!([width]),
    );
    found.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
}

/// The portal's page of each kind: the index, an SOP, the Keputusan and a
/// verification page.
fn one_page_of_each_kind(portal: &Path) -> Vec<PathBuf> {
    let verification = std::fs::read_dir(portal.join("verifikasi"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path().join("index.html"))
        .find(|p| p.is_file())
        .expect("a verification page");
    vec![
        portal.join("index.html"),
        portal.join("sop/monitoring-keamanan-informasi.html"),
        portal.join("keputusan.html"),
        verification,
    ]
}

#[test]
fn every_page_reads_on_a_320_px_phone_with_touch_sized_targets_and_no_axe_violations() {
    let test = TestProject::copy("denpasar");
    let portal = portal_build(&test);
    let Some(browser) = Browser::for_tests() else { return };
    let axe = axe_script();
    // The open page, as `what` at `width`: no sideways scroll, no small
    // target, nothing axe-core finds.
    let assert_reads = |what: &str, width: u32| {
        let problems = layout_problems(&browser, width);
        assert!(problems.is_empty(), "{what} at {width} px:\n{}", problems.join("\n"));
        if let Some(axe) = &axe {
            let violations = axe_violations(&browser, axe);
            assert!(violations.is_empty(), "{what} at {width} px: axe-core:\n{}", violations.join("\n"));
        }
    };
    for (width, height, phone) in SCREENS {
        browser.viewport(width, height, phone);
        for page in one_page_of_each_kind(&portal) {
            browser.open(&file_url(&page));
            assert_reads(&page.strip_prefix(&portal).unwrap().display().to_string(), width);
        }
        // The flowchart zoomed in is a scrolled box a keyboard reaches too.
        browser.open(&file_url(&portal.join("sop/monitoring-keamanan-informasi.html")));
        browser.click(&browser.find("[data-zoom='1']"));
        browser.click(&browser.find("[data-zoom='1']"));
        let zoomed = browser.run("var b = document.getElementById('bagan-halaman'); return b.scrollWidth > b.clientWidth && b.scrollHeight > b.clientHeight", json!([]));
        assert_eq!(zoomed, json!(true), "zoomed at {width} px, the box scrolls both ways");
        assert_reads("the zoomed flowchart", width);
        // A long query without spaces wraps instead of widening the page.
        browser.open(&file_url(&portal.join("index.html")));
        browser.type_into(&browser.find("#kueri"), &"pengaduanmasyarakat".repeat(20));
        assert!(browser.wait_for("return document.getElementById('jumlah').textContent.length > 0", 10));
        assert_reads("a long query", width);
    }
    assert!(browser.console_errors().is_empty(), "{:?}", browser.console_errors());
}

#[test]
fn on_a_phone_steps_and_lampiran_are_cards_the_flowchart_zooms_and_pans_and_results_start_above_the_fold() {
    let test = TestProject::copy("denpasar");
    let portal = portal_build(&test);
    let Some(browser) = Browser::for_tests() else { return };
    browser.viewport(390, 844, true);

    // The index: the filters are there and the first SOP starts on the
    // first screen, listed or found; a filter hides what it leaves out.
    browser.open(&file_url(&portal.join("index.html")));
    let fold = "var first = Array.from(document.querySelectorAll(arguments[0])).find(k => k.getClientRects().length > 0);
        var filters = ['saring-unit', 'saring-status', 'saring-tahun'].map(id => document.getElementById(id).getBoundingClientRect());
        return [!!first && first.getBoundingClientRect().top + 48 <= innerHeight, filters.every(r => r.height >= 24 && r.bottom <= innerHeight)]";
    assert_eq!(browser.run(fold, json!(["#daftar .kartu"])), json!([true, true]), "the list at 390 x 844");
    browser.type_into(&browser.find("#kueri"), "monitoring");
    assert!(browser.wait_for("return document.querySelectorAll('#hasil .kartu').length > 0", 10));
    assert_eq!(browser.run(fold, json!(["#hasil .kartu"])), json!([true, true]), "the results at 390 x 844");
    browser.clear(&browser.find("#kueri"));
    browser.run(
        "var s = document.getElementById('saring-unit'); s.value = s.options[1].value; s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    let shown = "return Array.from(document.querySelectorAll('#daftar .kartu')).filter(k => k.getClientRects().length > 0).length";
    assert_eq!(browser.run(shown, json!([])), json!(1), "the card filtered out is not drawn");

    // The SOP's steps: each a card showing its labels, still a table to a
    // screen reader.
    let sop = file_url(&portal.join("sop/monitoring-keamanan-informasi.html"));
    browser.open(&sop);
    let cards = "var table = document.querySelector('table.prosedur');
        return Array.from(table.querySelectorAll('tbody tr')).map(tr => [
          tr.getBoundingClientRect().width <= table.parentElement.clientWidth,
          Array.from(tr.cells).filter(td => td.getClientRects().length > 0)
            .map(td => getComputedStyle(td, '::before').content.replace(/^\"|\" \\/ \"\"$|\"$/g, '') + ': ' + td.textContent)])";
    let shown = browser.run(cards, json!([]));
    let shown = shown.as_array().unwrap();
    assert_eq!(shown.len(), 11);
    assert!(shown.iter().all(|card| card[0] == json!(true)), "every card fits the screen: {shown:?}");
    assert_eq!(
        shown[0][1],
        json!([
            "No: 1",
            "Aktivitas: Menyiapkan daftar aplikasi serta jadwal monitoring keamanan informasi serta dokumen pendukung",
            "PELAKSANA: Pelaksana Operasional",
            "Mutu Baku: Ketersediaan: Daftar aplikasi, jadwal monitoring, dokumen pendukung",
            "Mutu Baku: Waktu: 1 x 8 jam",
            "Mutu Baku: Output: daftar aplikasi dan jadwal monitoring"
        ]),
        "the first step's card"
    );
    assert_eq!(browser.computed_role(&browser.find("table.prosedur")), "table");
    assert_eq!(browser.computed_role(&browser.find("table.prosedur th")), "columnheader");
    assert_eq!(browser.computed_role(&browser.find("table.prosedur td")), "cell");

    // The flowchart: zoomed by its buttons, its keys and two fingers, about
    // the point looked at, and panned.
    let state = "var b = document.getElementById('bagan-halaman');
        return [Math.round(100 * Number(getComputedStyle(b).getPropertyValue('--zoom'))), Math.round(b.scrollLeft), Math.round(b.scrollTop),
                document.querySelector(\"[data-zoom='0']\").textContent]";
    let box_ = browser.find("#bagan-halaman");
    assert_eq!(
        browser.run("return document.getElementById('bagan-halaman').tabIndex", json!([])),
        json!(0),
        "reached by Tab"
    );
    assert_eq!(browser.run(state, json!([])), json!([100, 0, 0, "100%"]));
    browser.click(&browser.find("[data-zoom='1']"));
    let once = browser.run(state, json!([]));
    assert_eq!(once[0], json!(150), "{once}");
    assert!(once[1].as_i64().unwrap() > 0 && once[2].as_i64().unwrap() > 0, "zoomed about the middle: {once}");
    assert_eq!(once[3], json!("150%"));
    browser.type_into(&box_, "+");
    assert_eq!(browser.run(state, json!([]))[0], json!(200), "+ zooms in");
    browser.type_into(&box_, "-");
    assert_eq!(browser.run(state, json!([]))[0], json!(150), "- zooms out");
    // One finger pans both ways.
    let before = browser.run(state, json!([]));
    let middle = browser.run(
        "var b = document.getElementById('bagan-halaman'); b.scrollIntoView(); var r = b.getBoundingClientRect();
         return [Math.round(r.left + r.width / 2), Math.round(r.top + Math.min(r.bottom, innerHeight) / 2)]",
        json!([]),
    );
    let (x, y) = (middle[0].as_i64().unwrap(), middle[1].as_i64().unwrap());
    let finger = |id: &str, from: (i64, i64), to: (i64, i64)| {
        json!({ "type": "pointer", "id": id, "parameters": { "pointerType": "touch" }, "actions": [
            { "type": "pointerMove", "x": from.0, "y": from.1 }, { "type": "pointerDown", "button": 0 },
            { "type": "pointerMove", "x": (from.0 + to.0) / 2, "y": (from.1 + to.1) / 2, "duration": 150 },
            { "type": "pointerMove", "x": to.0, "y": to.1, "duration": 150 }, { "type": "pointerUp", "button": 0 } ] })
    };
    browser.perform(json!([finger("pan", (x - 60, y - 60), (x + 60, y + 60))]));
    let panned = browser.run(state, json!([]));
    assert!(
        panned[1].as_i64() < before[1].as_i64() && panned[2].as_i64() < before[2].as_i64(),
        "a finger dragged down and right pans left and up: {before} -> {panned}"
    );
    // Two fingers spread apart zoom in.
    browser.perform(json!([finger("a", (x - 20, y), (x - 90, y)), finger("b", (x + 20, y), (x + 90, y))]));
    let pinched = browser.run(state, json!([]));
    assert!(pinched[0].as_i64().unwrap() > 250, "spread fingers zoom in: {panned} -> {pinched}");
    browser.type_into(&box_, "0");
    assert_eq!(browser.run(state, json!([]))[0], json!(100), "0 goes back to 100%");

    // The Keputusan's lampiran: cards with their labels, a table to a screen
    // reader.
    browser.open(&file_url(&portal.join("keputusan.html")));
    let first = browser.run(
        "return Array.from(document.querySelector('table.lampiran tbody tr').cells)
           .map(td => getComputedStyle(td, '::before').content.replace(/^\"|\" \\/ \"\"$|\"$/g, '') + ': ' + td.textContent)",
        json!([]),
    );
    assert_eq!(
        first,
        json!([
            "No: 1",
            "Nomor SOP: 061/1583/DKIS",
            "Tanggal efektif: 27 September 2023",
            "Nama SOP: Pengelolaan Sistem Informasi Kepegawaian Dinas Komunikasi, Informatika dan Statistik"
        ])
    );
    assert_eq!(browser.computed_role(&browser.find("table.lampiran td")), "cell");

    // Without script (a static portal opened from a folder where scripts are
    // off) the steps are still cards and no dead zoom buttons show.
    browser.devtools("Emulation.setScriptExecutionDisabled", json!({ "value": true }));
    browser.open(&sop);
    let plain = browser.run(
        "return [document.querySelector('.zoom').getClientRects().length, getComputedStyle(document.querySelector('table.prosedur tr')).display,
                 getComputedStyle(document.querySelector('table.prosedur td'), '::before').content.startsWith('\"No\"')]",
        json!([]),
    );
    assert_eq!(plain, json!([0, "block", true]), "without script");
    browser.devtools("Emulation.setScriptExecutionDisabled", json!({ "value": false }));

    // On a desktop the steps are a table again, its header row shown.
    browser.viewport(1280, 800, false);
    browser.open(&sop);
    let table = browser.run(
        "var t = document.querySelector('table.prosedur'); return [getComputedStyle(t).display, t.tHead.getBoundingClientRect().height > 20, getComputedStyle(t.querySelector('td'), '::before').content]",
        json!([]),
    );
    assert_eq!(table, json!(["table", true, "none"]));
    assert!(browser.console_errors().is_empty(), "{:?}", browser.console_errors());
}

/// An HTTP answer: the status line, the headers (lower-cased names), the body.
type Answer = (String, Vec<(String, String)>, Vec<u8>);

/// A `sopkit serve` of a fixture, stopped when dropped: its address and
/// its output folder.
struct Served {
    child: std::process::Child,
    port: u16,
    out: PathBuf,
}

impl Served {
    fn start(test: &TestProject) -> Self {
        let out = test.work().join("out");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sopkit"))
            .args(["serve", test.root.to_str().unwrap(), "-o", out.to_str().unwrap(), "--port", "0"])
            .env("LANG", "C.UTF-8")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut line).unwrap();
        let port = line.rsplit(':').next().unwrap().split('/').next().unwrap().parse().unwrap();
        let start = std::time::Instant::now();
        while !out.join("portal/index.html").is_file() && start.elapsed().as_secs() < 60 {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Self { child, port, out }
    }

    /// A raw request's answer.
    fn get(&self, path: &str, headers: &str) -> Answer {
        self.try_get(path, headers).unwrap()
    }

    /// As `get`; a server too busy to read the request may reset it.
    fn try_get(&self, path: &str, headers: &str) -> std::io::Result<Answer> {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port))?;
        write!(stream, "GET {path} HTTP/1.1\r\n{headers}\r\n")?;
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes)?;
        let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(bytes[..end].to_vec()).unwrap();
        let mut lines = head.lines();
        let status = lines.next().unwrap().to_owned();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        Ok((status, headers, bytes[end + 4..].to_vec()))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

#[test]
fn serve_gzips_text_for_a_browser_that_takes_it() {
    let test = TestProject::copy("denpasar");
    let served = Served::start(&test);
    let host = format!("Host: 127.0.0.1:{}\r\n", served.port);
    let page = "/sop/monitoring-keamanan-informasi.halaman-2.svg";
    let on_disk = std::fs::read(served.out.join(format!("portal{page}"))).unwrap();

    let (status, headers, body) = served.get(page, &format!("{host}Accept-Encoding: br, gzip, deflate\r\n"));
    assert!(status.contains(" 200 "), "{status}");
    assert_eq!(header(&headers, "content-encoding"), Some("gzip"), "{headers:?}");
    assert_eq!(header(&headers, "vary"), Some("Accept-Encoding"));
    assert!(body.len() * 3 < on_disk.len(), "{} of {} bytes", body.len(), on_disk.len());
    let mut decoded = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut decoded).unwrap();
    assert_eq!(decoded, on_disk, "the page decodes to its bytes");

    // Asked without gzip, or refusing it: as it is.
    for asked in ["", "Accept-Encoding: gzip;q=0, identity\r\n"] {
        let (_, headers, body) = served.get(page, &format!("{host}{asked}"));
        assert_eq!(header(&headers, "content-encoding"), None, "{asked}");
        assert_eq!(body, on_disk);
    }
    // A PDF is compressed already: sent as it is.
    let (_, headers, _) = served.get("/pdf/keputusan.pdf", &format!("{host}Accept-Encoding: gzip\r\n"));
    assert_eq!(header(&headers, "content-encoding"), None);
}

#[test]
fn serve_answers_only_loopback_host_names_and_caps_its_connections() {
    let test = TestProject::copy("denpasar");
    let served = Served::start(&test);
    let port = served.port;
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")] {
        let (status, ..) = served.get("/index.html", &format!("Host: {host}\r\n"));
        assert!(status.contains(" 200 "), "{host}: {status}");
    }
    // A page of another site whose name now points at 127.0.0.1 (DNS
    // rebinding) sends its own name; no name is refused too.
    for host in
        [format!("Host: attacker.example:{port}\r\n"), format!("Host: 127.0.0.1:{}\r\n", port + 1), String::new()]
    {
        let (status, _, body) = served.get("/index.html", &host);
        assert!(status.contains(" 403 "), "{host}: {status}");
        assert!(String::from_utf8(body).unwrap().contains("loopback"), "{host}");
    }

    // Connections that never send a request hold their threads (for the
    // server's ten-second read timeout); past the cap the server answers
    // 503 at once instead of starting more. All are opened first, then
    // read, so that none times out before the cap is reached.
    use std::io::Read;
    let cap = sopkit::util::http::MAX_CONNECTIONS;
    let mut streams: Vec<std::net::TcpStream> =
        (0..cap + 8).map(|_| std::net::TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();
    let start = std::time::Instant::now();
    let mut busy = None;
    while busy.is_none() && start.elapsed().as_secs() < 8 {
        for stream in &mut streams {
            stream.set_read_timeout(Some(std::time::Duration::from_millis(20))).unwrap();
            let mut first = [0u8; 64];
            if let Ok(n @ 1..) = stream.read(&mut first) {
                busy = Some(String::from_utf8_lossy(&first[..n]).into_owned());
                break;
            }
        }
    }
    let busy = busy.expect("a 503 once the server is full");
    assert!(busy.starts_with("HTTP/1.1 503 "), "{busy}");
    let idle = streams;
    // Closed, they free their places.
    drop(idle);
    let start = std::time::Instant::now();
    let host = format!("Host: 127.0.0.1:{port}\r\n");
    while !served.try_get("/index.html", &host).is_ok_and(|(status, ..)| status.contains(" 200 ")) {
        assert!(start.elapsed().as_secs() < 10, "the server stays full");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
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
