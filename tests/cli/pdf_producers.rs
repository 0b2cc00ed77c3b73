//! `sopkit import` of PDFs made by a producer other than sopkit:
//! LibreOffice, from SOP sheets a clerk makes in Writer
//! (fixtures/legacy/odt/*.fodt, made by fixtures/legacy/odt.py: the
//! identity table, the procedure table and the flowchart drawn with
//! Writer's shapes). Each document's import is compared with the
//! definitions a clerk expects of it (`odt/NAME.expected/`), actor by
//! actor, step by step, arrow by arrow.

use std::process::Command;

use super::pdf_import::flow_of;
use super::support::*;

/// The documents, each with the SOPs it holds.
const DOCUMENTS: [&str; 8] = [
    "lo-manajemen-risiko",
    "lo-monitoring",
    "lo-kepegawaian",
    "lo-nama-domain",
    "lo-pengujian",
    "lo-dua-sop",
    "lo-nama-domain-f4",
    "lo-pengaduan-kepegawaian-a4",
];

/// Imports `pdf` and compares every definition it writes with the one of
/// `expected` of the same name; returns how many steps came back exactly,
/// of how many, and every difference.
fn compare(pdf: &Path, expected: &Path) -> (usize, usize, Vec<String>) {
    let out = tempfile::tempdir().unwrap();
    let output = sopkit(&["import", pdf.to_str().unwrap(), "-o", out.path().to_str().unwrap()]);
    let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
    let mut differ = Vec::new();
    if !output.status.success() {
        return (0, 0, vec![format!("{name}: import failed: {}", stderr(&output))]);
    }
    let written: Vec<PathBuf> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().path()).collect();
    let (mut exact, mut steps) = (0, 0);
    for source in std::fs::read_dir(expected).unwrap().map(|e| e.unwrap().path()) {
        let want_def = super::import::definition(&source);
        let want = flow_of(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        steps += want.1.len();
        let sop = &want_def.identity.nama;
        let Some(yaml) = written.iter().find(|y| &super::import::definition(y).identity.nama == sop) else {
            differ.push(format!("{name}: `{sop}` not written ({} definitions)", written.len()));
            continue;
        };
        let (want_id, got_id) = (&want_def.identity, &super::import::definition(yaml).identity);
        let fields = |i: &sopkit::model::Identity| {
            format!(
                "{} | {:?} | {:?} | {:?} | {:?}",
                i.nomor,
                (&i.tanggal_pembuatan, &i.tanggal_efektif),
                i.disahkan_oleh,
                [&i.dasar_hukum, &i.kualifikasi_pelaksana, &i.keterkaitan],
                [&i.peralatan_perlengkapan, &i.peringatan, &i.pencatatan_pendataan],
            )
        };
        if fields(want_id) != fields(got_id) {
            differ.push(format!("{name}: `{sop}` identity: {}\n  came back as {}", fields(want_id), fields(got_id)));
        }
        let got = match flow_of(yaml) {
            Ok(got) => got,
            Err(why) => {
                differ.push(format!("{name}: `{sop}` does not resolve: {why}"));
                continue;
            }
        };
        if want.0 != got.0 {
            differ.push(format!("{name}: `{sop}`: actors {:?} came back as {:?}", want.0, got.0));
        }
        for k in 0..want.1.len().max(got.1.len()) {
            if want.1.get(k) == got.1.get(k) {
                exact += 1;
            } else {
                differ.push(format!(
                    "{name}: `{sop}` step {}: {:?}\n  came back as {:?}",
                    k + 1,
                    want.1.get(k),
                    got.1.get(k)
                ));
            }
        }
    }
    (exact.min(steps), steps, differ)
}

fn compare_all(pdfs: &Path) -> (Vec<String>, Vec<String>) {
    let odt = fixture("legacy").join("odt");
    let mut report = Vec::new();
    let mut differ = Vec::new();
    for document in DOCUMENTS {
        let (exact, steps, d) =
            compare(&pdfs.join(format!("{document}.pdf")), &odt.join(format!("{document}.expected")));
        report.push(format!("{document}: {exact} of {steps} steps exact"));
        differ.extend(d);
    }
    (report, differ)
}

#[test]
fn libreoffice_pdfs_of_writer_sheets_come_back_as_drawn() {
    let (report, differ) = compare_all(&fixture("legacy").join("pdf"));
    println!("{}", report.join("\n"));
    assert!(differ.is_empty(), "{}\n{}", report.join("\n"), differ.join("\n"));
}

/// The same documents converted by the LibreOffice installed here (CI's),
/// all in one call: its output, not only the committed one's, comes back.
#[test]
fn the_installed_libreoffice_makes_pdfs_that_come_back_the_same() {
    if Command::new("soffice").arg("--version").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "CI must have LibreOffice (soffice, see .ci/run)");
        eprintln!("SKIPPED: soffice (LibreOffice) is not installed");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", out.path().join("profil").display());
    let mut args = vec![profile, "--headless".into(), "--convert-to".into(), "pdf".into(), "--outdir".into()];
    args.push(out.path().display().to_string());
    let odt = fixture("legacy").join("odt");
    args.extend(DOCUMENTS.iter().map(|d| odt.join(format!("{d}.fodt")).display().to_string()));
    let converted = Command::new("soffice").args(&args).output().expect("run soffice");
    assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
    let (report, differ) = compare_all(out.path());
    println!("{}", report.join("\n"));
    assert!(differ.is_empty(), "{}\n{}", report.join("\n"), differ.join("\n"));
}
