//! `sopkit import` of PDFs written the way producers other than sopkit
//! write them (fixtures/legacy/pdf_producers.py, byte by byte): Word's and
//! Excel's export, PDF printers (600 dpi integer coordinates, every glyph
//! placed alone, y flipped, a landscape sheet on a turned portrait page),
//! a signing service's incremental update, two SOPs in one file, a scan.
//! Each comes back as the definition written beside it, compared field by
//! field, step by step, arrow by arrow, every difference reported.

use sopkit::diagnostic::Diagnostics;
use sopkit::model::SopDef;

use super::import::{definition, legacy, stdout};
use super::support::*;

/// A step as a clerk reads it off the sheet: kegiatan, actor, the mutu
/// baku, the text in its symbol, and its arrows out (label, target step),
/// sorted.
#[derive(Debug, PartialEq)]
struct Row {
    kegiatan: String,
    actors: Vec<String>,
    mutu_baku: [Option<String>; 3],
    teks: Option<String>,
    arrows: Vec<(Option<String>, usize)>,
}

/// The identity's fields by name, the actors' labels, the rows.
type Read = (Vec<(&'static str, String)>, Vec<String>, Vec<Row>);

fn read(path: &Path) -> Read {
    let def: SopDef = definition(path);
    let doc = sopkit::load::read_document::<SopDef>(path.parent().unwrap(), path).unwrap().unwrap();
    let mut diagnostics = Diagnostics::default();
    let flow = sopkit::validate::validate_sop(&doc, &mut diagnostics);
    let i = &def.identity;
    let identity = vec![
        ("nomor", i.nomor.clone()),
        ("nama", i.nama.clone()),
        ("tanggal_pembuatan", i.tanggal_pembuatan.to_string()),
        ("tanggal_efektif", i.tanggal_efektif.to_string()),
        ("berlaku_sampai", format!("{:?}", i.berlaku_sampai)),
        ("tanggal_revisi", format!("{:?}", i.tanggal_revisi)),
        ("disahkan_oleh", format!("{:?}", i.disahkan_oleh)),
        ("dasar_hukum", format!("{:?}", i.dasar_hukum)),
        ("kualifikasi_pelaksana", format!("{:?}", i.kualifikasi_pelaksana)),
        ("keterkaitan", format!("{:?}", i.keterkaitan)),
        ("peralatan_perlengkapan", format!("{:?}", i.peralatan_perlengkapan)),
        ("peringatan", format!("{:?}", i.peringatan)),
        ("pencatatan_pendataan", format!("{:?}", i.pencatatan_pendataan)),
        ("check", diagnostics.0.iter().map(|d| d.message.clone()).collect::<Vec<_>>().join("; ")),
    ];
    let actors: Vec<String> = def.pelaksana.values().cloned().collect();
    let rows = def
        .langkah
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let mut actors: Vec<String> = s.actor_ids().iter().map(|id| def.pelaksana[*id].clone()).collect();
            actors.sort();
            let mut arrows: Vec<(Option<String>, usize)> = flow.as_ref().map_or_else(Vec::new, |flow| {
                flow.outgoing(k).map(|e| (flow.label(e).map(str::to_owned), e.to + 1)).collect()
            });
            arrows.sort();
            arrows.dedup();
            Row {
                kegiatan: s.kegiatan.clone(),
                actors,
                mutu_baku: [s.kelengkapan.clone(), s.waktu.clone(), s.output.clone()],
                teks: s.teks.clone(),
                arrows,
            }
        })
        .collect();
    (identity, actors, rows)
}

/// Every difference between what a sheet says and what came back, and
/// the counts of rows and arrows that came back exactly.
fn differences(want: &Read, got: &Read) -> (Vec<String>, usize, usize, usize) {
    let mut out = Vec::new();
    for ((field, w), (_, g)) in want.0.iter().zip(&got.0) {
        if w != g {
            out.push(format!("{field}: want {w}\n    got  {g}"));
        }
    }
    if want.1 != got.1 {
        out.push(format!("pelaksana: want {:?}\n    got  {:?}", want.1, got.1));
    }
    let (mut rows, mut arrows, mut total) = (0, 0, 0);
    for k in 0..want.2.len().max(got.2.len()) {
        let (w, g) = (want.2.get(k), got.2.get(k));
        total += w.map_or(0, |r| r.arrows.len());
        match (w, g) {
            (Some(w), Some(g)) => {
                let fields = |r: &Row| (r.kegiatan.clone(), r.actors.clone(), r.mutu_baku.clone(), r.teks.clone());
                if fields(w) == fields(g) {
                    rows += 1;
                } else {
                    out.push(format!("step {}: want {:?}\n    got  {:?}", k + 1, fields(w), fields(g)));
                }
                arrows += w.arrows.iter().filter(|a| g.arrows.contains(a)).count();
                if w.arrows != g.arrows {
                    out.push(format!("step {} arrows: want {:?}\n    got  {:?}", k + 1, w.arrows, g.arrows));
                }
            }
            (w, g) => out.push(format!("step {}: want {w:?}\n    got  {g:?}", k + 1)),
        }
    }
    (out, rows, arrows, total)
}

/// Imports `pdf` and returns the definitions written, in order, and what
/// `sopkit import` said.
fn import(pdf: &str, into: &Path) -> (Vec<PathBuf>, String) {
    let output = sopkit(&["import", &legacy(pdf), "-o", into.to_str().unwrap()]);
    assert!(output.status.success(), "{pdf}: {}", stderr(&output));
    (stdout(&output).lines().map(PathBuf::from).collect(), stderr(&output))
}

/// Each fixture with the definitions expected of it, in the file's order.
const FIXTURES: [(&str, &[&str]); 6] = [
    ("word-informasi", &["word-informasi"]),
    ("excel-surat-masuk", &["excel-surat-masuk"]),
    ("printer-cuti", &["printer-cuti"]),
    ("ghostscript-pengaduan", &["ghostscript-pengaduan"]),
    ("rotated-aset", &["rotated-aset"]),
    ("dua-sop", &["dua-sop-1", "dua-sop-2"]),
];

#[test]
fn sheets_written_by_other_producers_come_back_as_drawn() {
    let work = tempfile::tempdir().unwrap();
    let mut report = Vec::new();
    let mut failures = Vec::new();
    for (stem, expected) in FIXTURES {
        let output =
            sopkit(&["import", &legacy(&format!("asing/{stem}.pdf")), "-o", work.path().join(stem).to_str().unwrap()]);
        let (written, said): (Vec<PathBuf>, String) =
            (stdout(&output).lines().map(PathBuf::from).collect(), stderr(&output));
        if written.len() != expected.len() {
            failures.push(format!("{stem}: {} definitions written, want {}:\n{said}", written.len(), expected.len()));
            continue;
        }
        for (path, want) in written.iter().zip(expected) {
            let (diffs, rows, arrows, total) =
                differences(&read(&root().join(format!("fixtures/legacy/asing/{want}.yaml"))), &read(path));
            let steps = read(path).2.len();
            report.push(format!("{want}: {rows}/{steps} steps, {arrows}/{total} arrows exact"));
            if !diffs.is_empty() {
                failures.push(format!("{want}:\n  {}", diffs.join("\n  ")));
            }
        }
    }
    println!("{}", report.join("\n"));
    assert!(failures.is_empty(), "{}\n\n{}", report.join("\n"), failures.join("\n\n"));
}

#[test]
fn a_signing_services_rewrite_imports_as_the_unsigned_sheet() {
    // The update adds a signature widget with a stamp, a QR code and the
    // TTE notice at the foot of every page: none of it is the SOP's.
    let work = tempfile::tempdir().unwrap();
    let (plain, _) = import("asing/word-informasi.pdf", &work.path().join("plain"));
    let (signed, said) = import("asing/word-informasi-ttd.pdf", &work.path().join("signed"));
    assert!(!said.contains("not imported ("), "{said}");
    let body = |p: &PathBuf| {
        let text = std::fs::read_to_string(p).unwrap();
        text.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(body(&signed[0]), body(&plain[0]));
    let text = std::fs::read_to_string(&signed[0]).unwrap().to_lowercase();
    assert!(!text.contains("ditandatangani") && !text.contains("bsre"), "{text}");
}

#[test]
fn a_scan_and_a_pasted_flowchart_are_said_clearly() {
    let work = tempfile::tempdir().unwrap();
    let (written, said) = import("asing/gambar-tempel.pdf", &work.path().join("gambar"));
    // Page 3 is a scan: nothing to read on it.
    assert!(said.contains("page 3 is a picture only"), "{said}");
    // Page 2 draws its table, the flowchart over it a picture.
    assert!(said.contains("page 2: the flowchart is a picture"), "{said}");
    // The table's text still comes back.
    let (want, got) = (read(&root().join("fixtures/legacy/asing/word-informasi.yaml")), read(&written[0]));
    let kegiatan = |r: &Read| r.2.iter().map(|s| s.kegiatan.clone()).collect::<Vec<_>>();
    assert_eq!(kegiatan(&got), kegiatan(&want));
    assert_eq!(got.1, want.1);
}
