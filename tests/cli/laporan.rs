//! Per-run reports (laporan): risk analysis, monitoring and pelaksanaan
//! reports from YAML, TOML and spreadsheets, their errors located at lines
//! and cells, signed-ready and listed beside the build.

use super::support::*;

/// Runs `sopkit laporan` on run records of a fixture into `out`.
fn laporan(project: &Path, runs: &[&str], out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["laporan", "--project", project.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let paths: Vec<String> = runs.iter().map(|r| project.join(r).to_string_lossy().into_owned()).collect();
    args.extend(paths.iter().map(String::as_str));
    args.extend(extra);
    sopkit(&args)
}

fn laporan_ok(project: &Path, runs: &[&str], extra: &[&str]) -> (tempfile::TempDir, Output) {
    let out = tempfile::tempdir().unwrap();
    let output = laporan(project, runs, out.path(), extra);
    assert!(output.status.success(), "laporan failed:\n{}", stderr(&output));
    (out, output)
}

#[test]
fn the_risk_report_reads_besaran_from_the_matrix_and_ranks_risks_above_selera() {
    let (out, output) = laporan_ok(&fixture("bali"), &["runs/analisis-risiko-2024.yaml"], &[]);
    // The product written in the register is corrected, naming the cell.
    let warnings = stderr(&output);
    assert!(
        warnings.contains("register-risiko-2024.xlsx: sheet `Register Risiko`, cell M7: besaran 8 does not match"),
        "{warnings}"
    );
    let text = pdf_text(&out.path().join("laporan/analisis-risiko-2024.pdf"));
    for expected in [
        "LAPORAN HASIL ANALISIS RISIKO SPBE",
        "Nomor: B.24.000/1234/IAI/D.KOMINFOS",
        "B.24.473.1/12076/IAI/D.KOMINFOS",
        "Jumlah risiko teridentifikasi: 8; di atas selera risiko: 6",
        "Risiko inheren",
        "Risiko residual",
        // Ranked by besaran: R-02 22, R-07 21, R-01 17, R-06 16, R-03 12, R-04 11.
        "1 R-02 Kebocoran data pribadi pegawai",
        "2 R-07 Serangan ransomware",
        "3 R-01 Server aplikasi utama mati",
        "4 R-06 Pemanfaatan pusat data nasional",
        "5 R-03 Integrasi data gagal",
        "6 R-04 Gangguan jaringan antar perangkat daerah",
        "Pengadaan genset dan UPS berkapasitas besar",
        "Dibuat oleh",
        "NAMA KEPALA DINAS",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    // Besaran from the matrix: R-06 (kemungkinan 4, dampak 3) is 16, not 12;
    // R-03 (4, 2) is 12, not the 8 written.
    assert!(
        text.contains("R-06 Anggaran Pemanfaatan pusat data nasional Kebijakan nasional Biaya turun 4 3 16 Tinggi"),
        "{text}"
    );
    assert!(text.contains("4 2 12 Sedang"), "{text}");
    // Below the selera (11, Keamanan Informasi 6): R-05 (7) and R-08 (1) are not ranked.
    let ranking = &text[text.find("menurut peringkat").unwrap()..text.find("IV. Register risiko").unwrap()];
    assert!(!ranking.contains("R-05") && !ranking.contains("R-08"), "{ranking}");
    // The running footer: page x of y on every page; the title and number
    // from page 2 on (page 1 has them in its heading).
    let pdf = out.path().join("laporan/analisis-risiko-2024.pdf");
    let pages = pdf_pages(&pdf);
    assert!(pages >= 2, "the register fills more than one page ({pages})");
    let running = "Laporan Hasil Analisis Risiko SPBE Nomor B.24.000/1234/IAI/D.KOMINFOS";
    for page in 1..=pages {
        let text =
            squash(&tool("pdftotext", &["-f", &page.to_string(), "-l", &page.to_string(), pdf.to_str().unwrap(), "-"]));
        assert!(text.contains(&format!("Halaman {page} dari {pages}")), "page {page}: {text}");
        assert_eq!(text.contains(running), page > 1, "page {page}: {text}");
    }
    let manifest = manifest(out.path());
    let roles: Vec<&str> =
        manifest["outputs"][0]["signatures"].as_array().unwrap().iter().map(|s| s["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["staf_teknis", "ketua_tim", "kabid", "kepala_dinas"]);
}

#[test]
fn the_monitoring_report_lists_targets_results_findings_and_follow_up() {
    let (out, _) = laporan_ok(&fixture("denpasar"), &["runs/monitoring-triwulan-1-2024.yaml"], &[]);
    let text = pdf_text(&out.path().join("laporan/monitoring-triwulan-1-2024.pdf"));
    for expected in [
        "LAPORAN MONITORING KEAMANAN INFORMASI",
        "061/2293/DKIS",
        "01 Januari 2024 s.d. 31 Maret 2024",
        "SIMPEG Denpasar",
        "Injeksi SQL pada formulir pencarian pegawai",
        "Tinggi",
        "2 pemeriksaan sesuai, 2 tidak sesuai",
        "Tindak lanjut: 1 selesai, 1 dalam proses, 1 belum ditindaklanjuti",
        "JF Sandiman Ahli Muda",
        "NIP. 197001011990031001",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    // Long addresses wrap in their cell.
    assert!(text.replace(' ', "").contains("https://simpeg.denpasarkota.go.id"));
}

#[test]
fn the_pelaksanaan_report_flags_steps_over_their_mutu_baku() {
    let (out, _) = laporan_ok(&fixture("denpasar"), &["runs/pelaksanaan-simpeg-2024-02.toml"], &[]);
    let text = pdf_text(&out.path().join("laporan/pelaksanaan-simpeg-2024-02.pdf"));
    // Step 3: 13:00 to 10:30 the next day is 5 h 30 min of working time
    // against 30 menit; step 1: 10 menit against 1 menit.
    assert!(
        text.contains("30 menit I Wayan Contoh 12-02-2024 13.00 13-02-2024 10.30 5 jam 30 menit Melebihi"),
        "{text}"
    );
    assert!(text.contains("1 menit Ni Kadek Contoh 12-02-2024 08.00 12-02-2024 08.10 10 menit Melebihi"), "{text}");
    assert!(text.contains("15 menit I Wayan Contoh 12-02-2024 09.00 12-02-2024 09.12 12 menit Sesuai"), "{text}");
    assert!(text.contains("Dilaporkan 3 dari 8 langkah: 1 sesuai mutu baku waktu, 2 melebihi"), "{text}");
    assert_eq!(text.matches("Tidak dilaporkan").count(), 5);
    assert!(text.contains("Lampiran: pegawai yang ditambahkan") && text.contains("199902022024012002"));
    // The project's default signers.
    assert!(text.contains("Kepala Bidang Persandian") && text.contains("I MADE CONTOH"));
}

#[test]
fn a_spreadsheet_carries_one_run_per_row() {
    let (out, _) = laporan_ok(&fixture("denpasar"), &["runs/pelaksanaan-2024.xlsx"], &[]);
    let manifest = manifest(out.path());
    let paths: Vec<&str> =
        manifest["outputs"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        ["laporan/pelaksanaan-2024-1.pdf", "laporan/pelaksanaan-2024-2.pdf", "laporan/pelaksanaan-2024-3.pdf"]
    );
    let third = pdf_text(&out.path().join("laporan/pelaksanaan-2024-3.pdf"));
    // Excel date-times: 18-03 13:00 to 19-03 09:00 is 4 working hours.
    assert!(third.contains("Nomor: 800/0377/DKIS/2024"), "{third}");
    assert!(third.contains("18-03-2024 13.00 19-03-2024 09.00 4 jam Melebihi"), "{third}");
    // A one-page report's footer (set without counting pages) still reads
    // as the counted one would.
    assert_eq!(pdf_pages(&out.path().join("laporan/pelaksanaan-2024-3.pdf")), 1);
    assert!(third.contains("Halaman 1 dari 1"), "{third}");
    assert_eq!(manifest["outputs"][0]["source"], "runs/pelaksanaan-2024.xlsx#4");
}

#[test]
fn wrong_run_records_are_located_and_nothing_is_written() {
    let test = TestProject::copy("denpasar");
    test.write(
        "runs/salah.yaml",
        "sop: pengelolaan-sistem-informasi-kepegawaian\nnomor: \"1\"\ntanggal: 2024-02-20\nlangkah:\n  - langkah: 12\n  - langkah: 2\n    mulai: besok pagi\n  - langkah: 3\n    mulai: 2024-02-12 10:00\n    selesai: 2024-02-12 09:00\n",
    )
    .write("runs/tanpa-sop.yaml", "sop: tidak-ada\nnomor: \"2\"\ntanggal: 2024-02-20\n")
    .write("runs/kunci.yaml", "sop: x\nnomor: \"3\"\ntanggal: 2024-02-20\nwarna: merah\n");
    let runs =
        ["salah", "tanpa-sop", "kunci", "monitoring-triwulan-1-2024"].map(|r| test.path(&format!("runs/{r}.yaml")));
    let runs: Vec<&str> = runs.iter().map(|p| p.to_str().unwrap()).collect();
    let output = test.run("laporan", &runs);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    for expected in [
        "runs/salah.yaml:5:14",
        "has no such step (it has 8 steps)",
        "runs/salah.yaml:7:12",
        "is not a date and time",
        "runs/salah.yaml:10:14",
        "the step finishes before it starts",
        "runs/tanpa-sop.yaml:1:6",
        "no SOP `tidak-ada` under sops/",
        "runs/kunci.yaml:4:1",
        "unknown key `warna`",
    ] {
        assert!(errors.contains(expected), "{expected:?} in:\n{errors}");
    }
    assert!(!test.out().exists(), "nothing is written when a run is wrong");
}

#[test]
fn every_laporan_is_signed_ready_and_listed_beside_the_build() {
    let project = fixture("denpasar");
    let out = build(&project, &["--sign-fields"]);
    let output = laporan(
        &project,
        &["runs/monitoring-triwulan-1-2024.yaml", "runs/pelaksanaan-simpeg-2024-02.toml"],
        out.path(),
        &["--sign-fields"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    // The build's outputs stay listed; the reports join them.
    let manifest = manifest(out.path());
    let kinds: Vec<&str> =
        manifest["outputs"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "laporan").count(), 2, "{kinds:?}");
    assert!(kinds.contains(&"buku") && kinds.contains(&"keputusan"));
    // Every box of every output, reports included, is where the manifest
    // says and can be signed by a real signer.
    for entry in manifest["outputs"].as_array().unwrap().iter().filter(|e| e["kind"] == "laporan") {
        for signature in entry["signatures"].as_array().unwrap() {
            assert_box_drawn_at(&out.path().join(entry["path"].as_str().unwrap()), signature);
        }
    }
    assert_eq!(sign_every_output(out.path()), 4);
    // A rebuild keeps the reports listed.
    let again = sopkit(&["build", project.to_str().unwrap(), "-o", out.path().to_str().unwrap(), "--sign-fields"]);
    assert!(again.status.success());
    assert_eq!(manifest_kinds(out.path()).iter().filter(|k| *k == "laporan").count(), 2);
}

fn manifest_kinds(out: &Path) -> Vec<String> {
    manifest(out)["outputs"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn the_risk_report_has_a_signable_box_per_signer() {
    let (out, _) = laporan_ok(&fixture("bali"), &["runs/analisis-risiko-2024.yaml"], &["--sign-fields"]);
    let manifest = manifest(out.path());
    let entry = &manifest["outputs"][0];
    for signature in entry["signatures"].as_array().unwrap() {
        assert_box_drawn_at(&out.path().join(entry["path"].as_str().unwrap()), signature);
    }
    assert_eq!(sign_every_output(out.path()), 1);
    // A folder stands for the run records in it; the register it refers to
    // is not a run.
    let (out, _) = laporan_ok(&fixture("bali"), &["runs"], &[]);
    assert_eq!(manifest_kinds(out.path()), ["laporan"]);
}

#[test]
fn emitted_reports_import_their_library_and_compile_alike_elsewhere() {
    let test = TestProject::copy("denpasar");
    let project = test.root.clone();
    let out = project.join("out");
    let runs = ["runs/monitoring-triwulan-1-2024.yaml"];
    let output = laporan(&project, &runs, &out, &["--emit-typst"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let library = out.join("laporan/sopkit-laporan.typ");
    assert!(library.is_file(), "the library is written beside the reports");
    let source = std::fs::read_to_string(out.join("laporan/monitoring-triwulan-1-2024.typ")).unwrap();
    assert!(source.contains("#import \"sopkit-laporan.typ\""), "reports import it");
    // Compiled in-process from the files on disk (no generated library).
    let date = sopkit::model::Tanggal::new(2024, 4, 5).unwrap();
    let pages = compile_emitted(&project, "out/laporan/monitoring-triwulan-1-2024.typ", source, date);
    let pdf = out.join("laporan/monitoring-triwulan-1-2024.pdf");
    assert_eq!(pages, pdf_pages(&pdf));
    let stock = test.work().join("stock.pdf");
    stock_compile(&project, &out.join("laporan/monitoring-triwulan-1-2024.typ"), &stock);
    {
        assert_eq!(pdf_text(&stock), pdf_text(&pdf));
    }
}

#[test]
fn a_monitoring_run_reads_its_tables_from_a_workbook_and_errors_name_the_cell() {
    let (out, _) = laporan_ok(&fixture("denpasar"), &["runs/monitoring-triwulan-2-2024.yaml"], &[]);
    let text = pdf_text(&out.path().join("laporan/monitoring-triwulan-2-2024.pdf"));
    for expected in [
        "E-Office Denpasar",
        "Sistem Informasi Perizinan",
        "Unggah berkas tanpa pembatasan jenis dan ukuran",
        "2 pemeriksaan sesuai, 1 tidak sesuai",
        "0 selesai, 1 dalam proses, 0 belum ditindaklanjuti",
    ] {
        assert!(text.contains(expected), "lacks {expected:?}:\n{text}");
    }
    // A finding whose level is not one of [risiko]'s is reported at its cell.
    let test = TestProject::copy("denpasar");
    let project = test.root.clone();
    let out = tempfile::tempdir().unwrap();
    write_xlsx(
        &project.join("runs/monitoring-triwulan-2-2024.xlsx"),
        "Temuan",
        &[
            ("A1", "Aplikasi"),
            ("B1", "Temuan"),
            ("C1", "Tingkat"),
            ("D1", "Rekomendasi"),
            ("E1", "Status"),
            ("A2", "E-Office Denpasar"),
            ("B2", "Sandi lemah"),
            ("C2", "Gawat"),
            ("D2", "Wajibkan sandi kuat"),
            ("E2", "belum"),
        ],
    );
    let yaml = project.join("runs/monitoring-triwulan-2-2024.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replace(
            "monitoring:\n",
            "monitoring:\n  target:\n    - aplikasi: E-Office Denpasar\n      jadwal: April 2024\n",
        ),
    )
    .unwrap();
    let output = laporan(&project, &["runs/monitoring-triwulan-2-2024.yaml"], out.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .contains("monitoring-triwulan-2-2024.xlsx: sheet `Temuan`, cell C2: `Gawat` is not a risk level"),
        "{}",
        stderr(&output)
    );
    assert!(!out.path().join("laporan").exists(), "nothing is written");
}

#[test]
fn a_workbook_may_hold_one_run_per_sheet() {
    let (out, _) = laporan_ok(&fixture("denpasar"), &["runs/pelaksanaan-per-lembar-2024.xlsx"], &[]);
    let paths: Vec<String> = manifest(out.path())["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        paths,
        ["laporan/pelaksanaan-per-lembar-2024-maret.pdf", "laporan/pelaksanaan-per-lembar-2024-april.pdf"]
    );
    let april = pdf_text(&out.path().join("laporan/pelaksanaan-per-lembar-2024-april.pdf"));
    for expected in ["800/0417/DKIS/2024", "mutasi dua pegawai", "I Made Contoh", "Dilaporkan 4 dari 8 langkah"] {
        assert!(april.contains(expected), "lacks {expected:?}:\n{april}");
    }
    // A folder of runs: the per-sheet workbook's runs are runs; the monitoring
    // tables beside them are not.
    let (out, output) = laporan_ok(&fixture("denpasar"), &["runs"], &[]);
    let reports: Vec<String> = std::fs::read_dir(out.path().join("laporan"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(reports.len(), 8, "{reports:?}\n{}", stderr(&output));
}

/// "1 x 24 jam" is a calendar day: a step from Monday 08:00 to Wednesday
/// 08:00 took two of them and exceeds it, although it took only 16 working
/// hours; "3 hari kerja" is working time, and the same step is within it.
#[test]
fn a_limit_of_24_hours_is_calendar_time_and_working_days_are_working_time() {
    let test = TestProject::copy("denpasar");
    let sop = "sops/pengelolaan-sistem-informasi-kepegawaian.yaml";
    test.edit(sop, "    waktu: 1 menit\n", "    waktu: 1 x 24 jam\n").edit(
        sop,
        "    waktu: 15 menit\n",
        "    waktu: 3 hari kerja\n",
    );
    test.write(
        "runs/kalender.toml",
        "sop = \"pengelolaan-sistem-informasi-kepegawaian\"\nnomor = \"800/0300/DKIS/2024\"\ntanggal = 2024-01-05\n\
         [[langkah]]\nlangkah = 1\nmulai = \"2024-01-01 08:00\"\nselesai = \"2024-01-03 08:00\"\n\
         [[langkah]]\nlangkah = 2\nmulai = \"2024-01-01 08:00\"\nselesai = \"2024-01-03 08:00\"\n",
    );
    let output = test.run("laporan", &[test.path("runs/kalender.toml").to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&test.out().join("laporan/kalender.pdf"));
    assert!(text.contains("1 x 24 jam") && text.contains("2 hari Melebihi"), "{text}");
    assert!(text.contains("3 hari kerja") && text.contains("2 hari Sesuai"), "{text}");
}

/// A run names steps as the sheet prints them (`langkah = "2a"`, `"3.1"`),
/// and the report numbers its rows the same way; a number with a dot
/// written bare (3.10 reads as 3.1) is refused with the quotes to write.
#[test]
fn a_run_names_steps_by_their_printed_numbers() {
    let test = TestProject::copy("panjang");
    test.write(
        "runs/surat.toml",
        "sop = \"penerusan-surat\"\nnomor = \"800/1/SETDA/2025\"\ntanggal = 2025-02-03\ntempat = \"Denpasar\"\n\
         ringkasan = \"Penerusan surat masuk.\"\n\n[periode]\nmulai = 2025-02-03\nsampai = 2025-02-07\n\n\
         [[langkah]]\nlangkah = \"2a\"\noleh = \"Ni Kadek Contoh\"\nmulai = \"2025-02-03 08:00\"\nselesai = \"2025-02-03 08:20\"\n\n\
         [[langkah]]\nlangkah = \"3.1\"\noleh = \"I Wayan Contoh\"\nmulai = \"2025-02-03 09:00\"\nselesai = \"2025-02-03 11:30\"\n\n\
         [[penandatangan]]\njabatan = \"Koordinator Tata Usaha\"\nnama = \"NI LUH CONTOH\"\n",
    );
    let (out, _) = laporan_ok(&test.root, &["runs/surat.toml"], &[]);
    let text = pdf_text(&out.path().join("laporan/surat.pdf"));
    // 2a took 20 minutes against its 30; 3.1 two and a half hours against 1 jam.
    assert!(text.contains("2a Menyiapkan pengiriman surat ke luar kota"), "{text}");
    assert!(text.contains("Ni Kadek Contoh 03-02-2025 08.00 03-02-2025 08.20 20 menit Sesuai"), "{text}");
    assert!(text.contains("3.1 Membahas surat"), "{text}");
    assert!(text.contains("2 jam 30 menit Melebihi"), "{text}");
    // A number the sheet does not print is an error at its line.
    test.edit("runs/surat.toml", "langkah = \"2a\"", "langkah = \"2b\"");
    let output = laporan(&test.root, &["runs/surat.toml"], out.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("runs/surat.toml:12:"), "{}", stderr(&output));
    test.edit("runs/surat.toml", "langkah = \"3.1\"", "langkah = 3.10");
    let output = laporan(&test.root, &["runs/surat.toml"], out.path(), &[]);
    assert!(stderr(&output).contains("goes in quotes, exactly as the sheet prints it"), "{}", stderr(&output));
}
