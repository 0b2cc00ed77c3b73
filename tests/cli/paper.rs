//! Paper without flaws: no text of any table cell in any document (sheet,
//! decree and lampiran, book, report) runs over its cell, on the fixtures
//! and on a project of hostile values (very long numbers, e-mail addresses,
//! URLs and words in every field). Every word's extent (pdftotext) is
//! checked against every line drawn (pdftocairo), as `reader.rs` reads them.

use super::reader::{overflows, read_drawing};
use super::support::*;

/// Long tokens real documents carry: a nomor, an e-mail address, a URL, a
/// long word, a NIP with its label.
const HOSTILE: [&str; 5] = [
    "800/012/SOP/DISKOMINFO/2024/SEKRETARIAT/BIDANG-PERSANDIAN",
    "persandian.diskominfo@denpasarkota.go.id",
    "https://simpeg.denpasarkota.go.id/laporan/triwulan?tahun=2024&bagian=persandian",
    "PenyelenggaraanSistemPemerintahanBerbasisElektronikTerpadu",
    "NIP.199001012015031001/KEPALA-BIDANG-PERSANDIAN",
];

/// Every PDF under `dir` with what overflows in it.
fn overflows_in(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pdfs = 0;
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "pdf") {
            pdfs += 1;
            for flaw in overflows(&read_drawing(&path)) {
                found.push(format!("{}: {flaw}", path.strip_prefix(dir).unwrap().display()));
            }
        }
    }
    assert!(pdfs > 0, "no PDF under {}", dir.display());
    found
}

#[test]
fn no_text_of_the_fixtures_runs_over_its_cell() {
    let mut found = Vec::new();
    for project in ["denpasar", "bali", "panjang"] {
        let test = TestProject::copy(project);
        test.build(&[]);
        if test.path("runs").is_dir() {
            let runs = test.path("runs");
            let output = test.run("laporan", &[runs.to_str().unwrap()]);
            assert!(output.status.success(), "{}", stderr(&output));
        }
        found.extend(overflows_in(&test.out()).into_iter().map(|f| format!("{project}/{f}")));
    }
    assert!(found.is_empty(), "{} flaws:\n{}", found.len(), found.join("\n"));
}

#[test]
fn hostile_values_break_inside_their_cells() {
    let test = TestProject::copy("denpasar");
    let sop = "sops/monitoring-keamanan-informasi.yaml";
    let [nomor, email, url, word, nip] = HOSTILE;
    let text = test.read(sop);
    let text = text
        .replacen("nomor: \"061/2293/DKIS\"", &format!("nomor: \"{nomor}\""), 1)
        .replacen("    kelengkapan: ", &format!("    kelengkapan: {email} "), 1)
        .replacen("    output: ", &format!("    output: {url} "), 1)
        .replacen("  - kegiatan: ", &format!("  - kegiatan: Menyiapkan {word} "), 1);
    test.write(sop, &text);
    let keputusan = test.read("keputusan.yaml");
    test.write(
        "keputusan.yaml",
        &keputusan.replacen("  - Arsip\n", &format!("  - Arsip ({email})\n  - {nip}\n"), 1).replacen(
            "tentang: Standar Operasional Prosedur pada",
            &format!("tentang: Standar Operasional Prosedur ({word}) pada"),
            1,
        ),
    );
    assert!(test.read(sop).contains(nomor) && test.read("keputusan.yaml").contains(nip), "the values are in place");
    test.build(&[]);
    let runs = test.path("runs");
    let output = test.run("laporan", &[runs.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let found = overflows_in(&test.out());
    assert!(found.is_empty(), "{} flaws:\n{}", found.len(), found.join("\n"));
    // And the long values are there to read, whole.
    let sheet = pdf_text(&test.out().join("sop/monitoring-keamanan-informasi.pdf")).replace(char::is_whitespace, "");
    assert!(sheet.contains(nomor) && sheet.contains(email), "printed whole");
}
