//! Hostile spreadsheets, wherever sopkit reads one (run records, the
//! workbook a run record names, the decree's lampiran list): one value at
//! XFD1048576 would make calamine allocate the whole used range (half a
//! terabyte) and abort. Each is refused with exit code 1, a message naming
//! the file, the sheet and the cell, nothing written and earlier outputs
//! kept.

use std::collections::BTreeMap;

use super::support::*;

/// An .xlsx whose sheet holds `cells` and one more value at XFD1048576.
fn far_xlsx(path: &Path, sheet: &str, cells: &[(&str, &str)]) {
    let mut cells = cells.to_vec();
    cells.push(("XFD1048576", "akhir"));
    write_xlsx(path, sheet, &cells);
}

/// An .ods whose sheet holds one row of `header` texts, then a million
/// empty rows, then one value at XFD1048576, the way LibreOffice writes
/// repeated rows and columns.
fn far_ods(path: &Path, sheet: &str, header: &[&str]) {
    let cell = |text: &str| {
        format!(r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#)
    };
    let header: String = header.iter().map(|t| cell(t)).collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet}"><table:table-row>{header}</table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/>{far}</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        far = cell("akhir")
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", &content),
    ] {
        zip.start_file(name, stored).unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// Exit code 1 with a located refusal, never an abort or a panic.
fn assert_refused(output: &Output, expected: &[&str]) {
    let message = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    for expected in expected {
        assert!(message.contains(expected), "{expected:?} in:\n{message}");
    }
    for crash in ["panicked", "memory allocation", "RUST_BACKTRACE"] {
        assert!(!message.contains(crash), "{crash:?} in:\n{message}");
    }
}

const RUN_HEADER: [&str; 3] = ["SOP", "Nomor", "Tanggal"];

#[test]
fn a_far_value_in_a_run_record_is_refused_in_every_format_and_earlier_reports_are_kept() {
    let test = TestProject::copy("denpasar");
    let good = test.path("runs/monitoring-triwulan-1-2024.yaml");
    let good = good.to_str().unwrap();
    let first = test.run("laporan", &[good]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = files(&test.out());
    assert!(before.keys().any(|p| p.ends_with("laporan/monitoring-triwulan-1-2024.pdf")));

    far_xlsx(&test.path("runs/jauh.xlsx"), "Pelaksanaan", &[("A1", "SOP"), ("B1", "Nomor"), ("C1", "Tanggal")]);
    far_ods(&test.path("runs/jauh.ods"), "Pelaksanaan", &RUN_HEADER);
    std::fs::copy(fixture("legacy/rusak/sel-jauh.xls"), test.path("runs/jauh.xls")).unwrap();
    for (file, expected) in [
        ("runs/jauh.xlsx", ["sheet `Pelaksanaan`, cell XFD1048576", "A1:XFD1048576 (1048576 rows by 16384 columns)"]),
        ("runs/jauh.ods", ["sheet `Pelaksanaan`, cell XFD1048576", "A1:XFD1048576 (1048576 rows by 16384 columns)"]),
        ("runs/jauh.xls", ["sheet `SIMPEG`, cell", "more than the 8000000 cells sopkit reads"]),
    ] {
        let hostile = test.path(file);
        let output = test.run("laporan", &[good, hostile.to_str().unwrap()]);
        assert_refused(&output, &[&format!("{file}: "), expected[0], expected[1], "Ctrl+End"]);
        assert_eq!(files(&test.out()), before, "{file}: nothing written, the earlier report kept");
    }
    // In Indonesian too.
    let hostile = test.path("runs/jauh.xlsx");
    let out = test.out();
    let args = ["laporan", "--project", test.root.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let output = sopkit_in("id_ID.UTF-8", &[&args[..], &[hostile.to_str().unwrap()]].concat());
    assert_refused(&output, &["lembar `Pelaksanaan`, sel XFD1048576", "1048576 baris kali 16384 kolom"]);
}

#[test]
fn a_far_value_in_the_workbook_a_run_record_names_is_refused_and_a_missing_one_is_located() {
    let test = TestProject::copy("denpasar");
    let record = "runs/monitoring-triwulan-2-2024.yaml";
    far_xlsx(
        &test.path("runs/monitoring-triwulan-2-2024.xlsx"),
        "Target",
        &[("A1", "Aplikasi"), ("B1", "Jadwal"), ("A2", "SIMPEG"), ("B2", "April")],
    );
    let output = test.run("laporan", &[test.path(record).to_str().unwrap()]);
    assert_refused(&output, &["runs/monitoring-triwulan-2-2024.xlsx: sheet `Target`, cell XFD1048576"]);
    assert!(!test.out().exists(), "nothing is written");

    // A workbook that is not there: the record's line and column say where
    // it is named.
    test.edit(record, "berkas: monitoring-triwulan-2-2024.xlsx", "berkas: tidak-ada.xlsx");
    let output = test.run("laporan", &[test.path(record).to_str().unwrap()]);
    assert_refused(&output, &["workbook `tidak-ada.xlsx` not found", &format!("{record}:12:11")]);
}

#[test]
fn a_far_value_in_the_lampiran_list_fails_the_build_and_keeps_the_earlier_decree() {
    let test = TestProject::copy("denpasar");
    test.build(&[]);
    let before = files(&test.out());
    assert!(before.keys().any(|p| p.ends_with("keputusan.pdf")));
    let header = [("A1", "No SOP"), ("B1", "Tanggal Efektif"), ("C1", "Nama SOP")];
    far_xlsx(&test.path("lampiran-sop.xlsx"), "Daftar", &header);
    let output = test.run("build", &[]);
    assert_refused(&output, &["lampiran-sop.xlsx: sheet `Daftar`, cell XFD1048576", "A1:XFD1048576"]);
    assert_eq!(files(&test.out()), before, "every earlier output kept as it was");

    // The same list kept as .ods.
    far_ods(&test.path("lampiran-sop.ods"), "Daftar", &["No SOP", "Tanggal Efektif", "Nama SOP"]);
    test.edit("keputusan.yaml", "daftar: lampiran-sop.xlsx", "daftar: lampiran-sop.ods");
    let output = test.run("build", &[]);
    assert_refused(&output, &["lampiran-sop.ods: sheet `Daftar`, cell XFD1048576"]);
    assert_eq!(files(&test.out()), before, "every earlier output kept as it was");
}

#[test]
fn a_far_value_in_a_workbook_to_import_is_refused_and_the_folder_is_left_as_it_was() {
    let work = tempfile::tempdir().unwrap();
    let target = work.path().join("sops");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("lama.yaml"), "# a definition written before\n").unwrap();
    let before = files(&target);
    let workbook = work.path().join("sop-lama.ods");
    far_ods(&workbook, "SOP", &["No", "Kegiatan", "Pelaksana"]);
    let output = sopkit(&["import", workbook.to_str().unwrap(), "-o", target.to_str().unwrap()]);
    assert_refused(&output, &["sop-lama.ods: sheet `SOP`, cell XFD1048576", "A1:XFD1048576"]);
    assert_eq!(files(&target), before, "nothing written, nothing removed");
}
