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
pub(super) const DOCUMENTS: [&str; 8] = [
    "lo-manajemen-risiko",
    "lo-monitoring",
    "lo-kepegawaian",
    "lo-nama-domain",
    "lo-pengujian",
    "lo-dua-sop",
    "lo-nama-domain-f4",
    "lo-pengaduan-kepegawaian-a4",
];

/// Imports `document` (a PDF, a Word document) and compares every
/// definition it writes with the one of `expected` of the same name;
/// returns how many steps came back exactly (actor, kegiatan, mutu baku,
/// every arrow out with its label and target) and how many arrows (label,
/// ends and target), of how many, and every difference.
pub(super) fn compare(document: &Path, expected: &Path) -> (Counts, Vec<String>) {
    let out = tempfile::tempdir().unwrap();
    let output = sopkit(&["import", document.to_str().unwrap(), "-o", out.path().to_str().unwrap()]);
    let name = document.file_name().unwrap().to_string_lossy().into_owned();
    let mut differ = Vec::new();
    if !output.status.success() {
        return (Counts::default(), vec![format!("{name}: import failed: {}", stderr(&output))]);
    }
    let written: Vec<PathBuf> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().path()).collect();
    let mut counts = Counts::default();
    for source in std::fs::read_dir(expected).unwrap().map(|e| e.unwrap().path()) {
        let want_def = super::import::definition(&source);
        let want = flow_of(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        counts.steps += want.1.len();
        counts.arrows += want.1.iter().map(|step| step.4.len()).sum::<usize>();
        let sop = &want_def.identity.nama;
        // A definition written without what makes it parse (no name) is
        // no match.
        let nama = |y: &PathBuf| {
            let doc = sopkit::load::read_document::<sopkit::model::SopDef>(out.path(), y).unwrap();
            doc.map(|d| d.value.identity.nama).ok()
        };
        let Some(yaml) = written.iter().find(|y| nama(y).as_ref() == Some(sop)) else {
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
        for (k, step) in want.1.iter().enumerate() {
            let out = got.1.get(k).map(|got| &got.4);
            counts.exact_arrows += step.4.iter().filter(|arrow| out.is_some_and(|out| out.contains(arrow))).count();
        }
        for k in 0..want.1.len().max(got.1.len()) {
            if want.1.get(k) == got.1.get(k) {
                counts.exact_steps += 1;
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
    counts.exact_steps = counts.exact_steps.min(counts.steps);
    (counts, differ)
}

/// How many steps and arrows came back exactly, of how many.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(super) struct Counts {
    pub(super) exact_steps: usize,
    pub(super) steps: usize,
    pub(super) exact_arrows: usize,
    pub(super) arrows: usize,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{} of {} steps, {} of {} arrows exact", self.exact_steps, self.steps, self.exact_arrows, self.arrows)
    }
}

fn compare_all(pdfs: &Path) -> (Vec<String>, Vec<String>) {
    let odt = fixture("legacy").join("odt");
    let mut report = Vec::new();
    let mut differ = Vec::new();
    for document in DOCUMENTS {
        let (counts, d) = compare(&pdfs.join(format!("{document}.pdf")), &odt.join(format!("{document}.expected")));
        report.push(format!("{document}: {counts}"));
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
