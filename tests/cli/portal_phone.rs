//! The portal on a phone, in headless Chromium with its mobile emulation:
//! at 320, 390 and 1280 px every page fits the screen, every link and
//! control is a touch target of at least 24 x 24 px, axe-core finds no
//! violation (also with the flowchart zoomed and a long query); the steps
//! and the lampiran are cards with their labels, still tables to a screen
//! reader; the flowchart zooms with its buttons, keys and two fingers and
//! pans with one; the results start above the fold.

use std::path::{Path, PathBuf};

use serde_json::json;

use super::portal::{file_url, portal_build};
use super::support::*;
use super::webdriver::Browser;

/// A small phone, a common phone (390 x 844) and a desktop; `true` for a phone.
const SCREENS: [(u32, u32, bool); 3] = [(320, 568, true), (390, 844, true), (1280, 800, false)];

/// axe-core's script: SOPKIT_AXE names its `axe.min.js` (.ci/run installs
/// it). Missing under CI fails the test; elsewhere it skips loudly.
pub(super) fn axe_script() -> Option<String> {
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
pub(super) fn axe_violations(browser: &Browser, axe: &str) -> Vec<String> {
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
pub(super) fn layout_problems(browser: &Browser, width: u32) -> Vec<String> {
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
