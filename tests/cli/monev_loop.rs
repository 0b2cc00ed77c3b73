//! The loop from monitoring and evaluation back into the SOPs: `check`
//! warns about an SOP judged perlu revisi until a revision dated after the
//! judgement, and about monitoring (six months) and evaluation (a year)
//! overdue; records naming an SOP or unit the project lacks are errors in
//! the record; the book's daftar perubahan and the portal show each SOP's
//! status; the portal's recap page reads on a phone. The records are
//! written into a copy of `denpasar` here: a semester's monitoring of both
//! SOPs (one not running well) and the year's evaluation (one "tidak").
//! "Today" is fixed through SOURCE_DATE_EPOCH, as the build judges it.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::json;

use super::portal::file_url;
use super::portal_phone::{axe_script, axe_violations, layout_problems};
use super::support::*;
use super::webdriver::Browser;

const MONITORING: &str = "monev/2024-s1-monitoring.yaml";
const EVALUASI: &str = "monev/2024-evaluasi.yaml";
const KEAMANAN: &str = "sops/monitoring-keamanan-informasi.yaml";

fn monitoring(keamanan: &str) -> String {
    format!(
        r#"unit: persandian
periode: {{ mulai: 2024-01-01, sampai: 2024-06-30 }}
tanggal: 2024-07-05
penilai:
  - {{ nama: I Made Penilai, jabatan: Analis Kebijakan }}
metode: [observasi, wawancara]
monitoring:
  - sop: pengelolaan-sistem-informasi-kepegawaian
    penilaian: baik
  - sop: "061/2293/DKIS"
    penilaian: {keamanan}
    catatan: Laporan insiden terlambat dibuat
    tindakan: Persingkat waktu pelaporan
"#
    )
}

const EVALUATION: &str = r#"unit: persandian
periode: { mulai: 2024-01-01, sampai: 2024-12-31 }
tanggal: 2024-12-20
penilai:
  - { nama: I Made Penilai, jabatan: Analis Kebijakan }
evaluasi:
  - sop: pengelolaan-sistem-informasi-kepegawaian
    jawaban: { mendorong_kinerja: ya, mudah_dipahami: ya, mudah_dilaksanakan: ya, peran_jelas: ya, mengatasi_masalah: ya, menjawab_kebutuhan: ya, sinergi: ya }
  - sop: monitoring-keamanan-informasi
    jawaban: { mendorong_kinerja: ya, mudah_dipahami: ya, mudah_dilaksanakan: tidak, peran_jelas: ya, mengatasi_masalah: ya, menjawab_kebutuhan: ya, sinergi: ya }
    catatan: Waktu pelaporan tidak realistis
"#;

/// A copy of denpasar with the semester's monitoring and the year's
/// evaluation.
fn with_records() -> TestProject {
    let test = TestProject::copy("denpasar");
    // Both SOPs in the Bidang Persandian, which the records judge (a record
    // judges the SOPs of its own unit).
    test.edit(
        "sops/pengelolaan-sistem-informasi-kepegawaian.yaml",
        "nomor: \"061/1583/DKIS\"\n",
        "nomor: \"061/1583/DKIS\"\nunit: persandian\n",
    );
    test.write(MONITORING, &monitoring("tidak-baik")).write(EVALUASI, EVALUATION);
    test
}

/// The SOP revised on `tanggal`.
fn revise(test: &TestProject, tanggal: &str) {
    test.edit(
        KEAMANAN,
        "tanggal_pembuatan: 2023-09-27\n",
        &format!("tanggal_pembuatan: 2023-09-27\nrevisi:\n  - {{ tanggal: {tanggal}, perubahan: Waktu pelaporan insiden dipersingkat }}\n"),
    );
}

/// `sopkit` in English on the day `today` (YYYY-MM-DD).
fn sopkit_on(today: &str, args: &[&str]) -> Output {
    sopkit_in_on("C.UTF-8", today, args)
}

/// `sopkit` under the locale `lang` on the day `today`.
fn sopkit_in_on(lang: &str, today: &str, args: &[&str]) -> Output {
    let [y, m, d] = [&today[..4], &today[5..7], &today[8..]].map(|p| p.parse::<i64>().unwrap());
    let day = sopkit::model::Tanggal::new(y as i32, m as u8, d as u8).unwrap();
    Command::new(env!("CARGO_BIN_EXE_sopkit"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", day.unix_seconds().to_string())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .expect("run sopkit")
}

fn check_on(test: &TestProject, today: &str, extra: &[&str]) -> Output {
    let mut args = vec!["check", test.root.to_str().unwrap()];
    args.extend(extra);
    sopkit_on(today, &args)
}

/// The warnings (and errors) of a run whose message names `words`, each
/// with the place it points at.
fn said(output: &Output, words: &str) -> Vec<String> {
    let text = stderr(output);
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    for line in text.lines() {
        let starts = ["warning:", "error:", "note:", "ok:"].iter().any(|w| line.starts_with(w));
        match blocks.last_mut() {
            Some(block) if !starts => block.push(line),
            _ => blocks.push(vec![line]),
        }
    }
    blocks
        .iter()
        .filter(|b| b[0].contains(words))
        .map(|b| {
            let at = b.iter().find_map(|l| l.trim().strip_prefix("┌─ ")).unwrap_or("nowhere");
            format!("{} @ {at}", b[0])
        })
        .collect()
}

#[test]
fn check_warns_about_an_sop_judged_perlu_revisi_until_a_revision_dated_after_the_judgement() {
    let test = with_records();
    let output = check_on(&test, "2024-12-31", &[]);
    assert_eq!(output.status.code(), Some(0), "warnings only:\n{}", stderr(&output));
    // The evaluation (the later judgement) is named, at its line; the
    // warning stands at the SOP's definition.
    assert_eq!(
        said(&output, "revision"),
        [format!(
            "warning: this SOP was judged in need of revision (evaluasi in {EVALUASI}:9, 20 Desember 2024) and has not been revised since @ {KEAMANAN}:9:8"
        )],
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("revise this SOP, then record it under `revisi` with a date after 20 Desember 2024")
    );
    // Monitored in the semester that ended six months ago, evaluated this
    // year: nothing overdue.
    assert!(said(&output, "monitored").is_empty() && said(&output, "evaluated").is_empty(), "{}", stderr(&output));

    // The clerk's Indonesian.
    let id = sopkit_in_on("id_ID.UTF-8", "2024-12-31", &["check", test.root.to_str().unwrap()]);
    assert!(stderr(&id).contains("SOP ini dinilai perlu revisi (evaluasi di"), "{}", stderr(&id));
    assert!(stderr(&id).contains("revisi SOP ini lalu catat di `revisi`"), "{}", stderr(&id));

    // A revision between the monitoring and the evaluation answers the
    // first, not the second.
    revise(&test, "2024-10-01");
    let output = check_on(&test, "2024-12-31", &[]);
    let waiting = said(&output, "judged in need of revision");
    assert_eq!(waiting.len(), 1, "{}", stderr(&output));
    // Now the warning stands at the SOP's `revisi`, where the next one goes.
    assert!(waiting[0].ends_with(&format!("{KEAMANAN}:14:3")), "{waiting:?}");

    // Revised after the evaluation: the warning is gone.
    test.edit(KEAMANAN, "tanggal: 2024-10-01", "tanggal: 2024-12-23");
    let output = check_on(&test, "2024-12-31", &[]);
    assert!(said(&output, "revision").is_empty(), "{}", stderr(&output));
}

#[test]
fn a_shared_revision_answers_the_judgement_and_overdue_monitoring_and_evaluation_are_said() {
    let test = with_records();
    let config = test.read("sopkit.toml");
    test.write(
        "sopkit.toml",
        &format!(
            "{config}\n[[revisi]]\ntanggal = 2024-12-23\nperubahan = \"Waktu pelaporan\"\nsop = \"061/2293/DKIS\"\n"
        ),
    );
    // Six months and a week after the semester, thirteen months after the
    // evaluation's year began but within a year of its end.
    let output = check_on(&test, "2025-07-07", &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(said(&output, "judged in need of revision").is_empty(), "{}", stderr(&output));
    let mut monitored = said(&output, "monitored");
    monitored.sort();
    assert_eq!(
        monitored,
        [
            format!("warning: this SOP has not been monitored for more than six months (last monitoring: 05 Juli 2024 ({MONITORING})) @ {KEAMANAN}:9:8"),
            "warning: this SOP has not been monitored for more than six months (last monitoring: 05 Juli 2024 (monev/2024-s1-monitoring.yaml)) @ sops/pengelolaan-sistem-informasi-kepegawaian.yaml:7:8".to_owned(),
        ]
    );
    assert!(stderr(&output).contains("schedule its monitoring"));
    assert!(said(&output, "evaluated").is_empty(), "{}", stderr(&output));
    // A year and a day after the evaluation's period: overdue.
    let output = check_on(&test, "2026-01-01", &[]);
    assert_eq!(said(&output, "not been evaluated").len(), 2, "{}", stderr(&output));

    // Without monev records, no monev warning at all.
    let plain = TestProject::copy("denpasar");
    let output = check_on(&plain, "2030-01-01", &[]);
    assert!(said(&output, "monitored").is_empty() && said(&output, "evaluated").is_empty(), "{}", stderr(&output));
}

#[test]
fn a_record_naming_an_sop_or_unit_the_project_lacks_is_an_error_in_the_record() {
    let test = with_records();
    test.edit(MONITORING, "unit: persandian", "unit: persandin");
    test.edit(EVALUASI, "sop: monitoring-keamanan-informasi", "sop: \"061/9999/DKIS\"");
    let output = check_on(&test, "2024-12-31", &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        said(&output, "is not defined in sopkit.toml"),
        [format!("error: unit `persandin` is not defined in sopkit.toml @ {MONITORING}:1:7")]
    );
    assert!(
        stderr(&output).contains("the units are: ") && stderr(&output).contains("persandian"),
        "the hint names the units:\n{}",
        stderr(&output)
    );
    let named = said(&output, "is not in the project");
    assert_eq!(named.len(), 1, "{}", stderr(&output));
    assert!(named[0].ends_with(&format!("{EVALUASI}:9:10")), "{named:?}");

    // A build makes the sheets, not the book or the portal that would
    // print a status read from a wrong record; it fails.
    let out = test.out();
    let output =
        sopkit_on("2024-12-31", &["build", test.root.to_str().unwrap(), "-o", out.to_str().unwrap(), "--portal"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(out.join("sop/monitoring-keamanan-informasi.pdf").is_file());
    assert!(!out.join("buku-sop.pdf").exists() && !out.join("portal/index.html").exists());
    let said = stderr(&output) + &String::from_utf8_lossy(&output.stdout);
    assert!(
        said.contains("buku-sop.pdf and the portal are not made again because a monev record has errors"),
        "{said}"
    );
}

#[test]
fn a_record_naming_an_sop_retired_or_renamed_since_is_history_not_an_error() {
    // The SOPs were judged and issued; then one was retired (its definition
    // removed) and the other renamed (its file). The records of the past
    // stay as they were written: the renamed SOP is found by the ledger's
    // id; the retired one is said at the record, and check and build go
    // on; `sopkit monev` makes the recap again, not that record's forms.
    let test = TestProject::copy("denpasar");
    copy_dir(&root().join("fixtures/monev/denpasar"), &test.path("monev"));
    let out = test.out();
    let (root, out_arg) = (test.root.to_str().unwrap(), out.to_str().unwrap());
    let made = sopkit_on("2024-12-31", &["monev", root, "-o", out_arg]);
    assert!(made.status.success(), "{}", stderr(&made));
    let form = out.join("monev/2024-s1-persandian-monitoring.pdf");
    let form_bytes = std::fs::read(&form).unwrap();
    let issued = sopkit_on("2024-12-31", &["terbit", root, "-o", out_arg, "--tanggal", "2024-01-10"]);
    assert!(issued.status.success(), "{}", stderr(&issued));
    std::fs::remove_file(test.path(KEAMANAN)).unwrap();
    std::fs::rename(
        test.path("sops/pengelolaan-sistem-informasi-kepegawaian.yaml"),
        test.path("sops/kepegawaian.yaml"),
    )
    .unwrap();

    let output = check_on(&test, "2024-12-31", &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let retired = said(&output, "is no longer in the project");
    assert_eq!(retired.len(), 2, "once per record naming it:\n{}", stderr(&output));
    // Dates in the project's own style.
    assert!(
        retired.iter().all(|w| w.starts_with("warning: SOP `") && w.contains("version 1 on 10 Januari 2024")),
        "{retired:?}"
    );
    assert!(retired[0].ends_with("monev/2024-evaluasi-persandian.toml:19:7"), "{retired:?}");
    assert!(retired[1].ends_with("monev/2024-s1-persandian.yaml:20:10"), "{retired:?}");
    assert!(!stderr(&output).contains("pengelolaan-sistem-informasi-kepegawaian"), "{}", stderr(&output));

    let out = build_on(&test, "2024-12-31");
    assert!(out.join("buku-sop.pdf").is_file() && out.join("portal/monev.html").is_file());
    // The renamed SOP keeps its judgements.
    let page = std::fs::read_to_string(out.join("portal/sop/kepegawaian.html")).unwrap();
    assert!(page.contains("16 Desember 2024"), "its monitoring is shown:\n{page}");

    // In the clerk's language: the records' forms stay as they were made,
    // the recap is made again.
    let rekap = out.join("monev/rekap.pdf");
    std::fs::remove_file(&rekap).unwrap();
    let output = sopkit_in_on("id_ID.UTF-8", "2024-12-31", &["monev", root, "-o", out_arg]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(text.contains("SOP `061/2293/DKIS` sudah tidak ada di proyek"), "{text}");
    assert!(text.contains("formulir monev/2024-s1-persandian.yaml tidak dibuat lagi"), "{text}");
    assert_eq!(std::fs::read(&form).unwrap(), form_bytes, "the form made while the SOP was in force stays");
    let recap = squash(&pdf_text(&rekap));
    assert!(!recap.contains("Monitoring Keamanan Informasi"), "{recap}");
}

#[test]
fn check_finds_every_mistake_sopkit_monev_finds_and_the_build_prints_no_status_from_it() {
    // Mistakes `sopkit monev` refuses: `check` says them at the same
    // places, and a build makes neither the book nor the portal, which
    // would print a status read from a wrong record.
    let test = TestProject::copy("denpasar");
    copy_dir(&root().join("fixtures/monev/denpasar"), &test.path("monev"));
    test.edit("monev/2024-s1-persandian.yaml", "sampai: 2024-06-30", "sampai: 2023-06-30");
    test.edit("monev/2024-s1-persandian.yaml", "pejabat: jf_sandiman", "pejabat: sandiman");
    test.edit("monev/2024-evaluasi-persandian.toml", "sinergi = \"ya\"\n", "");
    let output = check_on(&test, "2024-12-31", &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let errors: Vec<String> = said(&output, "").into_iter().filter(|e| e.starts_with("error:")).collect();
    let at = |place: &str| errors.iter().any(|e| e.ends_with(place));
    assert!(at("monev/2024-s1-persandian.yaml:7:11"), "the period: {errors:?}");
    assert!(at("monev/2024-s1-persandian.yaml:11:14"), "the official: {errors:?}");
    assert!(errors.iter().any(|e| e.contains("sinergi") && e.contains("2024-evaluasi-persandian.toml")), "{errors:?}");
    let monev = sopkit_on("2024-12-31", &["monev", test.root.to_str().unwrap(), "-o", test.out().to_str().unwrap()]);
    assert_eq!(monev.status.code(), Some(1), "{}", stderr(&monev));

    let out = test.out();
    let output =
        sopkit_on("2024-12-31", &["build", test.root.to_str().unwrap(), "-o", out.to_str().unwrap(), "--portal"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!out.join("buku-sop.pdf").exists() && !out.join("portal/index.html").exists());
}

/// Builds into the test's out folder on `today`, with the portal.
fn build_on(test: &TestProject, today: &str) -> std::path::PathBuf {
    let out = test.out();
    let output = sopkit_on(today, &["build", test.root.to_str().unwrap(), "-o", out.to_str().unwrap(), "--portal"]);
    assert!(output.status.success(), "{}", stderr(&output));
    out
}

#[test]
fn the_books_daftar_perubahan_shows_each_sops_monev_status_and_follows_the_records() {
    let test = with_records();
    let out = build_on(&test, "2024-12-31");
    let text = pdf_text(&out.join("buku-sop.pdf"));
    let status = text.split("Status Monitoring dan Evaluasi").nth(1).expect("the status table");
    assert!(status.contains("Monitoring terakhir") && status.contains("Tindak lanjut"), "{status}");
    for words in [
        "Tidak berjalan dengan baik (05 Juli 2024)",
        "Perlu revisi (20 Desember 2024)",
        "Berjalan dengan baik (05 Juli 2024)",
        "Sesuai (20 Desember 2024)",
    ] {
        assert!(status.contains(words), "{words}: {status}");
    }

    // Only the record changes: the book is made again (its key holds the
    // status) and says so.
    test.write(MONITORING, &monitoring("baik"));
    build_on(&test, "2024-12-31");
    let text = pdf_text(&out.join("buku-sop.pdf"));
    assert!(!text.contains("Tidak berjalan dengan baik"), "the book kept the old status");

    // Revised after the evaluation: "Direvisi" with its date.
    revise(&test, "2024-12-23");
    build_on(&test, "2024-12-31");
    let text = pdf_text(&out.join("buku-sop.pdf"));
    let status = text.split("Status Monitoring dan Evaluasi").nth(1).unwrap();
    assert!(status.contains("Direvisi 23 Desember 2024"), "{status}");
}

/// The text of the element `css` on the open page.
fn text_of(browser: &Browser, css: &str) -> String {
    let found = browser.run("var e = document.querySelector(arguments[0]); return e ? e.innerText : '';", json!([css]));
    squash(found.as_str().unwrap())
}

#[test]
fn the_portal_shows_each_sops_monev_status_and_a_recap_that_reads_on_a_phone() {
    let test = with_records();
    let portal = build_on(&test, "2024-12-31").join("portal");
    let Some(browser) = Browser::for_tests() else { return };
    let sop_page = file_url(&portal.join("sop/monitoring-keamanan-informasi.html"));
    browser.open(&sop_page);
    let monev = text_of(&browser, "section[aria-labelledby='monev']");
    for words in [
        "Monitoring terakhir Tidak berjalan dengan baik (05 Juli 2024; periode 01 Januari 2024 s.d. 30 Juni 2024)",
        "Catatan: Laporan insiden terlambat dibuat",
        "Evaluasi terakhir Perlu revisi (20 Desember 2024",
        "Tidak: Mudah dilaksanakan",
        "Tindak lanjut Perlu revisi: belum direvisi sejak dinilai",
    ] {
        assert!(monev.contains(words), "{words}: {monev}");
    }
    assert!(text_of(&browser, ".status-perlu-revisi").contains("Perlu revisi"));

    // The index: the header links the recap; "Perlu revisi" leaves the one.
    browser.open(&file_url(&portal.join("index.html")));
    assert!(text_of(&browser, "header nav").contains("Monitoring dan Evaluasi"));
    browser.run(
        "var s = document.getElementById('saring-status'); s.value = 'perlu-revisi'; s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    let shown = "return Array.from(document.querySelectorAll('#daftar .kartu')).filter(k => k.getClientRects().length > 0).map(k => k.querySelector('.nomor').textContent)";
    assert_eq!(browser.run(shown, json!([])), json!(["061/2293/DKIS"]));

    // The recap: per unit, counted on the day.
    let recap = portal.join("monev.html");
    browser.open(&file_url(&recap));
    let rows = browser.run(
        "return Array.from(document.querySelectorAll('table.rekap tr')).map(tr => Array.from(tr.cells).map(c => c.textContent.trim()).join('|'))",
        json!([]),
    );
    assert_eq!(
        rows,
        json!([
            "Unit|SOP|Dimonitor|Berjalan baik|Perlu revisi|Tidak dimonitor|Evaluasi terlambat",
            "BIDANG PERSANDIAN|2|2|1|1|0|0",
            "Jumlah|2|2|1|1|0|0",
        ])
    );
    assert!(text_of(&browser, "section[aria-labelledby='perlu-revisi']").contains("Monitoring Keamanan Informasi"));
    let axe = axe_script();
    // The recap, and the pages that show the status, on a small phone and
    // a desktop.
    for (width, height, phone) in [(320, 568, true), (1280, 800, false)] {
        browser.viewport(width, height, phone);
        let index = portal.join("index.html");
        let sop = portal.join("sop/monitoring-keamanan-informasi.html");
        for page in [recap.as_path(), sop.as_path(), index.as_path()] {
            browser.open(&file_url(page));
            let problems = layout_problems(&browser, width);
            assert!(problems.is_empty(), "{} at {width} px:\n{}", name(page), problems.join("\n"));
            if let Some(axe) = &axe {
                let violations = axe_violations(&browser, axe);
                assert!(violations.is_empty(), "{} at {width} px: axe-core:\n{}", name(page), violations.join("\n"));
            }
        }
    }

    // Revised after the evaluation: the page says so, the recap counts it
    // no longer.
    revise(&test, "2024-12-23");
    build_on(&test, "2024-12-31");
    browser.open(&sop_page);
    let monev = text_of(&browser, "section[aria-labelledby='monev']");
    assert!(monev.contains("Tindak lanjut Direvisi 23 Desember 2024 sesudah dinilai perlu revisi"), "{monev}");
    assert_eq!(text_of(&browser, ".status-perlu-revisi"), "");
    browser.open(&file_url(&recap));
    assert!(
        text_of(&browser, "table.rekap tfoot").starts_with("Jumlah 2 2 1 0 0 0"),
        "{}",
        text_of(&browser, "table.rekap tfoot")
    );
    assert!(browser.console_errors().is_empty(), "{:?}", browser.console_errors());
}

fn name(page: &Path) -> String {
    page.file_name().unwrap().to_string_lossy().into_owned()
}
