//! Monitoring and evaluation (`sopkit monev`): the forms, berita acara and
//! recap of Denpasar's 2024 records (YAML, TOML and a workbook), their
//! counts, mistakes located at lines and cells, signing, determinism.

use super::support::*;

/// `sopkit monev PROJECT [RECORD...] -o OUT [extra]`.
fn monev(project: &Path, records: &[&str], out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["monev", project.to_str().unwrap()];
    let paths: Vec<String> = records.iter().map(|r| project.join(r).to_string_lossy().into_owned()).collect();
    args.extend(paths.iter().map(String::as_str));
    args.extend(["-o", out.to_str().unwrap()]);
    args.extend(extra);
    sopkit(&args)
}

fn monev_ok(project: &Path, extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let output = monev(project, &[], out.path(), extra);
    assert!(output.status.success(), "monev failed:\n{}", stderr(&output));
    out
}

/// Denpasar with its 2024 monev records (`fixtures/monev/denpasar/`) in
/// `monev/`: kept apart from the fixture so that the many tests that edit
/// Denpasar's SOPs do not also meet records naming them.
fn with_monev() -> TestProject {
    let test = TestProject::copy("denpasar");
    copy_dir(&root().join("fixtures/monev/denpasar"), &test.path("monev"));
    test
}

fn text_of(out: &Path, berkas: &str) -> String {
    squash(&pdf_text(&out.join(format!("monev/{berkas}.pdf"))))
}

fn assert_has(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "{e:?} missing:\n{text}");
    }
}

const CRITERIA: [&str; 7] = [
    "Mampu mendorong peningkatan kinerja",
    "Mudah dipahami",
    "Mudah dilaksanakan",
    "Semua orang dapat menjalankan perannya masing-masing",
    "Mampu mengatasi permasalahan yang berkaitan dengan proses",
    "Mampu menjawab kebutuhan peningkatan kinerja organisasi",
    "Sinergi satu dengan lainnya",
];

#[test]
fn every_record_makes_its_forms_and_berita_acara_and_the_project_its_recap() {
    let denpasar = with_monev();
    let out = monev_ok(&denpasar.root, &[]);
    let mut paths: Vec<String> = manifest(out.path())["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .inspect(|e| assert_eq!(e["kind"], "monev", "{e}"))
        .map(|e| e["path"].as_str().unwrap().to_owned())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "monev/2024-evaluasi-persandian-berita-acara.pdf",
            "monev/2024-evaluasi-persandian-evaluasi.pdf",
            "monev/2024-s1-persandian-berita-acara.pdf",
            "monev/2024-s1-persandian-monitoring.pdf",
            "monev/2024-s1-sekretariat-berita-acara.pdf",
            "monev/2024-s1-sekretariat-monitoring.pdf",
            "monev/2024-sekretariat-berita-acara.pdf",
            "monev/2024-sekretariat-evaluasi.pdf",
            "monev/2024-sekretariat-monitoring.pdf",
            "monev/rekap.pdf",
        ]
    );
    // The monitoring form: each SOP's row with its judgement and notes.
    let text = text_of(out.path(), "2024-s1-persandian-monitoring");
    assert_has(
        &text,
        &[
            "MONITORING PELAKSANAAN SOP ADMINISTRASI PEMERINTAHAN",
            "Periode : 01 Januari 2024 s.d. 30 Juni 2024",
            "Prosedur Penilaian terhadap Penerapan",
            "Paraf Penilai",
            "Metode monitoring: Observasi oleh atasan langsung, Wawancara dengan pelaksana dan pengguna.",
            "061/2293/DKIS",
            "Tidak berjalan dengan baik",
            "Dimonitor 1 SOP: 0 berjalan dengan baik, 1 tidak berjalan dengan baik.",
            "NI LUH CONTOH",
            "NI KADEK PENILAI",
        ],
    );
    let text = text_of(out.path(), "2024-s1-sekretariat-monitoring");
    assert_has(&text, &["061/1583/DKIS", "Berjalan dengan baik", "Data kepegawaian dimutakhirkan setiap bulan"]);
    assert!(!text.contains("Tidak berjalan"), "{text}");
}

#[test]
fn the_evaluation_form_answers_every_criterion_and_a_tidak_means_revision() {
    let denpasar = with_monev();
    let out = monev_ok(&denpasar.root, &[]);
    // TOML: one "tidak" makes the SOP perlu revisi.
    let text = text_of(out.path(), "2024-evaluasi-persandian-evaluasi");
    assert_has(&text, &["EVALUASI PENERAPAN SOP ADMINISTRASI PEMERINTAHAN", "Kriteria penilaian (Ya/Tidak)"]);
    assert_has(&text, &CRITERIA);
    assert_has(&text, &["Ya Ya Tidak Ya Ya Ya Ya Perlu revisi", "Dievaluasi 1 SOP: 0 sesuai, 1 perlu revisi."]);
    // The workbook: every criterion found by its label, all Ya.
    let text = text_of(out.path(), "2024-sekretariat-evaluasi");
    assert_has(&text, &["061/1583/DKIS", "Ya Ya Ya Ya Ya Ya Ya Sesuai", "Mudah dipahami pelaksana"]);
    assert_has(&text, &CRITERIA);
    let text = text_of(out.path(), "2024-sekretariat-monitoring");
    assert_has(&text, &["Berjalan dengan baik", "Data kepegawaian dimutakhirkan tepat waktu", "Dipertahankan"]);
}

#[test]
fn the_berita_acara_recaps_its_record_and_is_signed_by_evaluators_and_head() {
    let denpasar = with_monev();
    let out = monev_ok(&denpasar.root, &[]);
    let text = text_of(out.path(), "2024-s1-persandian-berita-acara");
    assert_has(
        &text,
        &[
            "BERITA ACARA MONITORING DAN EVALUASI SOP ADMINISTRASI PEMERINTAHAN",
            "Pada tanggal 05 Juli 2024, bertempat di Denpasar",
            "A. SOP yang berjalan dengan baik (0)",
            "B. SOP yang perlu direvisi (1) 1. 061/2293/DKIS Monitoring Keamanan Informasi",
            "C. SOP yang belum dimonitor pada periode ini (0)",
            "Kepala Unit Kerja",
            "I KETUT CONTOH",
        ],
    );
    // The workbook's record: identity from labelled cells, activities
    // without an SOP from one cell.
    let text = text_of(out.path(), "2024-sekretariat-berita-acara");
    assert_has(
        &text,
        &[
            "Unit kerja : SEKRETARIAT",
            "Periode : 01 Januari 2024 s.d. 31 Desember 2024",
            "A. SOP yang berjalan dengan baik (1) 1. 061/1583/DKIS",
            "D. Kegiatan yang belum memiliki SOP (2) 1. Pengelolaan arsip dinamis 2. Pengelolaan barang milik daerah",
            "I MADE CONTOH",
            "I WAYAN SEKRETARIS",
        ],
    );
    // The year's evaluation monitors nothing itself, but the semester's
    // monitoring of the unit falls in its period: the SOP was monitored
    // (as the recap counts it).
    let text = text_of(out.path(), "2024-evaluasi-persandian-berita-acara");
    assert_has(&text, &["C. SOP yang belum dimonitor pada periode ini (0) Tidak ada."]);
    // Without that monitoring record, it was not.
    let denpasar = with_monev();
    std::fs::remove_file(denpasar.path("monev/2024-s1-persandian.yaml")).unwrap();
    let alone = monev_ok(&denpasar.root, &[]);
    let text = text_of(alone.path(), "2024-evaluasi-persandian-berita-acara");
    assert_has(&text, &["C. SOP yang belum dimonitor pada periode ini (1) 1. 061/2293/DKIS"]);
}

#[test]
fn the_recap_counts_per_unit_and_finds_overdue_evaluations() {
    let denpasar = with_monev();
    let out = monev_ok(&denpasar.root, &[]);
    let text = text_of(out.path(), "rekap");
    assert_has(
        &text,
        &[
            "REKAPITULASI MONITORING DAN EVALUASI SOP ADMINISTRASI PEMERINTAHAN",
            "Keadaan per : 16 Desember 2024",
            // SOPs, monitored, running well, to revise, not monitored, overdue.
            "1 SEKRETARIAT 1 1 1 0 0 0",
            "2 BIDANG PERSANDIAN 1 1 0 1 0 0",
            "Jumlah 2 2 1 1 0 0",
            // The agency's: the kop the units share, signed by the head of
            // the agency (the last of [laporan] penandatangan) where the
            // latest record was.
            "Denpasar, 16 Desember 2024 Kepala Dinas Komunikasi, Informatika dan Statistik I MADE CONTOH",
        ],
    );
    assert!(!text.contains("(SEKRETARIAT)") && !text.contains("Kepala Bidang Persandian"), "{text}");
    // Each document's title names its unit and period (the manifest and
    // the verification page show it).
    let listed = manifest(out.path());
    let judul = |path: &str| {
        let entry = listed["outputs"].as_array().unwrap().iter().find(|e| e["path"] == path).unwrap().clone();
        entry["judul"].as_str().unwrap().to_owned()
    };
    assert_eq!(
        judul("monev/2024-s1-persandian-berita-acara.pdf"),
        "Berita Acara Monitoring dan Evaluasi SOP Administrasi Pemerintahan, BIDANG PERSANDIAN, 01 Januari 2024 s.d. 30 Juni 2024"
    );
    assert!(judul("monev/rekap.pdf").ends_with(", keadaan per 16 Desember 2024"));
    // Without the Sekretariat's workbook its SOP was last evaluated never,
    // and with no record in the last six months it is not monitored.
    let test = with_monev();
    std::fs::remove_file(test.path("monev/2024-sekretariat.xlsx")).unwrap();
    test.edit("monev/2024-s1-sekretariat.yaml", "tanggal: 2024-07-05", "tanggal: 2024-06-10");
    let out = monev_ok(&test.root, &[]);
    let text = text_of(out.path(), "rekap");
    assert_has(&text, &["1 SEKRETARIAT 1 0 0 0 1 1", "Jumlah 2 1 0 1 1 1"]);
}

#[test]
fn mistakes_in_a_record_are_located_at_their_lines_and_nothing_is_written() {
    let test = with_monev();
    test.edit("monev/2024-s1-persandian.yaml", "unit: persandian", "unit: persandiann")
        .edit("monev/2024-s1-persandian.yaml", "pejabat: jf_sandiman", "pejabat: jf_sandimen")
        .edit(
            "monev/2024-s1-sekretariat.yaml",
            "sop: pengelolaan-sistem-informasi-kepegawaian",
            "sop: \"061/2293/DKIS\"",
        )
        .edit("monev/2024-evaluasi-persandian.toml", "sampai = 2024-12-31", "sampai = 2023-12-31")
        .edit("monev/2024-evaluasi-persandian.toml", "mudah_dipahami = \"ya\"", "mudah_dipahamii = \"ya\"");
    let output = monev(&test.root, &[], &test.out(), &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let errors = stderr(&output);
    for expected in [
        "unit `persandiann` is not defined in sopkit.toml",
        "monev/2024-s1-persandian.yaml:4:7",
        "official `jf_sandimen` is not defined in sopkit.toml",
        "monev/2024-s1-persandian.yaml:11:14",
        "SOP `061/2293/DKIS` belongs to unit `persandian`, not to `sekretariat`",
        "monev/2024-s1-sekretariat.yaml:16:10",
        "the period ends (31-12-2023) before it starts (01-01-2024)",
        "monev/2024-evaluasi-persandian.toml:10:10",
        "`mudah_dipahamii` is not an evaluation criterion of [monev] kriteria",
        "monev/2024-evaluasi-persandian.toml:25:",
        "the evaluation of `061/2293/DKIS` does not answer: mudah_dipahami",
    ] {
        assert!(errors.contains(expected), "{expected:?} missing:\n{errors}");
    }
    assert!(!test.out().exists(), "nothing is written when a record is wrong");
    // An SOP not in the project, in the clerk's language.
    let test = with_monev();
    test.edit("monev/2024-s1-sekretariat.yaml", "sop: pengelolaan-sistem-informasi-kepegawaian", "sop: 999/DKIS");
    let out = test.out();
    let output = sopkit_in("id_ID.UTF-8", &["monev", test.root.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let errors = stderr(&output);
    assert!(errors.contains("SOP `999/DKIS` tidak ada di proyek"), "{errors}");
    assert!(errors.contains("monev/2024-s1-sekretariat.yaml:16:10"), "{errors}");
    assert!(errors.contains("061/1583/DKIS (pengelolaan-sistem-informasi-kepegawaian)"), "{errors}");
}

#[test]
fn mistakes_in_a_workbook_are_located_at_their_cells() {
    let test = with_monev();
    let path = test.work().join("monev-salah.xlsx");
    let mut cells: Vec<(String, String)> = [
        ("A1", "Unit"),
        ("B1", "persandian"),
        ("A2", "Periode"),
        ("B2", "01-07-2024 s.d. 31-12-2024"),
        ("A3", "Tanggal"),
        ("B3", "20-12-2024"),
        ("A4", "Penilai"),
        ("B4", "jf_sandiman"),
        ("A6", "No"),
        ("B6", "Nomor SOP"),
        ("C6", "Penilaian"),
        ("A7", "1"),
        ("B7", "061/2293/DKIS"),
        ("C7", "Lumayan"),
    ]
    .map(|(a, t)| (a.to_owned(), t.to_owned()))
    .to_vec();
    for (column, label) in ["D", "E", "F", "G", "H", "I", "J"].iter().zip(CRITERIA) {
        cells.push((format!("{column}6"), label.to_owned()));
        cells.push((format!("{column}7"), if *column == "G" { "Mungkin" } else { "Ya" }.to_owned()));
    }
    let write = |cells: &[(String, String)]| {
        let cells: Vec<(&str, &str)> = cells.iter().map(|(a, t)| (a.as_str(), t.as_str())).collect();
        write_xlsx(&path, "Monev", &cells);
    };
    write(&cells);
    // `monev PROJECT RECORD`: the workbook alone.
    let output = monev(&test.root, &[], &test.out(), &[path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let errors = stderr(&output);
    assert!(errors.contains("monev-salah.xlsx: sheet `Monev`, cell C7: `Lumayan` is not a judgement"), "{errors}");
    assert!(errors.contains("monev-salah.xlsx: sheet `Monev`, cell G7: `Mungkin` is not an answer"), "{errors}");
    // Fixed, the SOP of another unit is named at its cell; a criterion left
    // empty at its own.
    let cells: Vec<(String, String)> = cells
        .into_iter()
        .filter(|(at, _)| at != "G7")
        .map(|(at, text)| match at.as_str() {
            "C7" => (at, "Berjalan dengan baik".to_owned()),
            "B7" => (at, "061/1583/DKIS".to_owned()),
            _ => (at, text),
        })
        .collect();
    write(&cells);
    let output = monev(&test.root, &[], &test.out(), &[path.to_str().unwrap()]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{errors}");
    assert!(errors.contains("sheet `Monev`, cell B7: SOP `061/1583/DKIS` belongs to unit `sekretariat`"), "{errors}");
    assert!(
        errors.contains("sheet `Monev`, cell G7: the evaluation of `061/1583/DKIS` does not answer: peran_jelas"),
        "{errors}"
    );
    // In monev/, the workbook is the project's: `check` reads it too, and
    // `monev` names its mistake once.
    let mut cells = cells;
    cells.retain(|(at, _)| at != "C7");
    cells.push(("C7".to_owned(), "Lumayan".to_owned()));
    write(&cells);
    std::fs::copy(&path, test.path("monev/salah.xlsx")).unwrap();
    let wrong = "monev/salah.xlsx: sheet `Monev`, cell C7: `Lumayan` is not a judgement";
    let output = test.run("check", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(wrong), "{}", stderr(&output));
    let errors = stderr(&monev(&test.root, &[], &test.out(), &[]));
    assert_eq!(errors.matches(wrong).count(), 1, "{errors}");
}

#[test]
fn monev_documents_are_signable_and_the_same_bytes_every_run() {
    let denpasar = with_monev();
    let out = monev_ok(&denpasar.root, &["--sign-fields"]);
    let manifest = manifest(out.path());
    let entry = manifest["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == "monev/2024-s1-persandian-berita-acara.pdf")
        .unwrap()
        .clone();
    let roles: Vec<&str> =
        entry["signatures"].as_array().unwrap().iter().map(|s| s["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["penilai_1", "penilai_2", "kepala_unit"]);
    let pdf = out.path().join("monev/2024-s1-persandian-berita-acara.pdf");
    for signature in entry["signatures"].as_array().unwrap() {
        assert_box_drawn_at(&pdf, signature);
    }
    let fields: Vec<String> = pdfsig(&pdf).into_iter().map(|(name, _, _)| name).collect();
    assert_eq!(fields.len(), 3, "{fields:?}");
    assert_eq!(pdfa_identification(&pdf), Some(("2".into(), "B".into())), "PDF/A-2b like every output");
    assert!(entry["id"].as_str().is_some_and(|id| id.len() == 16), "{entry}");
    // Again, into another folder: the same bytes.
    let again = monev_ok(&denpasar.root, &["--sign-fields"]);
    for e in manifest["outputs"].as_array().unwrap() {
        let path = e["path"].as_str().unwrap();
        let (a, b) = (std::fs::read(out.path().join(path)).unwrap(), std::fs::read(again.path().join(path)).unwrap());
        assert!(a == b, "{path} differs between two runs");
    }
}

#[test]
fn emitted_monev_sources_import_their_library_and_compile_alike_elsewhere() {
    let test = with_monev();
    let out = test.root.join("out");
    let output = monev(&test.root, &["monev/2024-evaluasi-persandian.toml"], &out, &["--emit-typst"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(out.join("monev/sopkit-laporan.typ").is_file(), "the library is written beside the documents");
    let typ = out.join("monev/2024-evaluasi-persandian-evaluasi.typ");
    let source = std::fs::read_to_string(&typ).unwrap();
    assert!(source.contains("#import \"sopkit-laporan.typ\""), "{source}");
    let pdf = out.join("monev/2024-evaluasi-persandian-evaluasi.pdf");
    let date = sopkit::model::Tanggal::new(2024, 12, 16).unwrap();
    let pages = compile_emitted(&test.root, "out/monev/2024-evaluasi-persandian-evaluasi.typ", source, date);
    assert_eq!(pages, pdf_pages(&pdf));
    let stock = test.work().join("stock.pdf");
    stock_compile(&test.root, &typ, &stock);
    assert_eq!(pdf_text(&stock), pdf_text(&pdf));
}

#[test]
fn a_record_named_alone_finds_its_project() {
    let out = tempfile::tempdir().unwrap();
    let denpasar = with_monev();
    let record = denpasar.path("monev/2024-s1-persandian.yaml");
    let output = sopkit(&["monev", record.to_str().unwrap(), "-o", out.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut paths: Vec<String> = manifest(out.path())["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_owned())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        ["monev/2024-s1-persandian-berita-acara.pdf", "monev/2024-s1-persandian-monitoring.pdf", "monev/rekap.pdf"]
    );
    // The recap counts the records of the call.
    let text = text_of(out.path(), "rekap");
    assert!(text.contains("Jumlah catatan monev : 1"), "{text}");
}

#[test]
fn a_project_overrides_a_monev_template() {
    let test = with_monev();
    test.write(
        "templates/monev-berita-acara.typ.j2",
        "{% extends \"monev-dasar.typ.j2\" %}\n{% block isi %}\nBerita acara khusus: #{{ rekap.revisi|length }} SOP perlu direvisi.\n{% endblock %}\n",
    );
    let out = monev_ok(&test.root, &[]);
    let text = text_of(out.path(), "2024-s1-persandian-berita-acara");
    assert!(text.contains("Berita acara khusus: 1 SOP perlu direvisi."), "{text}");
    assert!(!text.contains("Demikian berita acara"), "{text}");
    // The other documents keep the built-in templates.
    assert!(text_of(out.path(), "2024-s1-persandian-monitoring").contains("Paraf Penilai"));
}

#[test]
fn the_portal_links_each_sops_status_to_the_form_that_judged_it() {
    // `sopkit monev` then `build --portal` into the same folder: the SOP's
    // page links the monitoring and evaluation forms that judged it, copied
    // into the portal; the workbook's record counts in the status too.
    let denpasar = with_monev();
    let out = denpasar.out();
    let made = monev(&denpasar.root, &[], &out, &[]);
    assert!(made.status.success(), "{}", stderr(&made));
    denpasar.build(&["--portal"]);
    let page = std::fs::read_to_string(out.join("portal/sop/monitoring-keamanan-informasi.html")).unwrap();
    for form in ["2024-s1-persandian-monitoring.pdf", "2024-evaluasi-persandian-evaluasi.pdf"] {
        assert!(page.contains(&format!("pdf&#x2f;monev&#x2f;{form}")), "{form} not linked:\n{page}");
        assert!(out.join("portal/pdf/monev").join(form).is_file(), "{form} not in the portal");
    }
    let other = std::fs::read_to_string(out.join("portal/sop/pengelolaan-sistem-informasi-kepegawaian.html")).unwrap();
    assert!(other.contains("16 Desember 2024"), "the workbook's monitoring is the last:\n{other}");
    // The recap page says its day and links the signed recap and each
    // berita acara, by unit and period.
    let recap = std::fs::read_to_string(out.join("portal/monev.html")).unwrap();
    assert!(recap.contains("Rekap per unit pada hari portal dibuat, <strong>"), "{recap}");
    assert!(recap.contains("pdf&#x2f;monev&#x2f;rekap.pdf"), "{recap}");
    assert!(
        recap.contains("Berita Acara Monitoring dan Evaluasi SOP Administrasi Pemerintahan, BIDANG PERSANDIAN, 01 Januari 2024 s.d. 30 Juni 2024"),
        "{recap}"
    );
    assert!(out.join("portal/pdf/monev/rekap.pdf").is_file());
}

#[test]
fn the_fixtures_revision_answers_the_judgement_in_check_the_portal_and_the_book() {
    // Denpasar's 2024 records judge 061/2293/DKIS in need of revision;
    // fixtures/monev/revisi-2025.toml is the revision that followed.
    let denpasar = with_monev();
    let waiting = |test: &TestProject| {
        let output = test.run("check", &[]);
        assert!(output.status.success(), "{}", stderr(&output));
        stderr(&output).contains("judged in need of revision")
    };
    assert!(waiting(&denpasar), "the 2024 judgement waits for a revision");
    let config = denpasar.read("sopkit.toml");
    let revision = std::fs::read_to_string(root().join("fixtures/monev/revisi-2025.toml")).unwrap();
    denpasar.write("sopkit.toml", &format!("{config}\n{revision}"));
    assert!(!waiting(&denpasar), "the revision answers it");
    denpasar.build(&["--portal"]);
    let out = denpasar.out();
    let page = std::fs::read_to_string(out.join("portal/sop/monitoring-keamanan-informasi.html")).unwrap();
    assert!(!page.contains("status-perlu-revisi"), "no longer shown as waiting:\n{page}");
    assert!(page.contains("Penjadwalan ulang pemindaian kerentanan"), "the revision is on its page");
    let sheet = squash(&pdf_text(&out.join("sop/monitoring-keamanan-informasi.pdf")));
    assert!(sheet.contains("20-01-2025") || sheet.contains("20 Januari 2025"), "Tgl. Revisi on the sheet:\n{sheet}");
}
