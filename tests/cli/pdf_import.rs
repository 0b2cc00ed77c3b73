//! `sopkit import` of PDFs: sopkit's own sheets, built from the fixture
//! projects and from the generated hard flows, come back from their PDFs
//! with the actors, steps (texts, mutu baku) and edges (targets, labels)
//! they were built from.

use std::collections::BTreeMap;

use sopkit::diagnostic::Diagnostics;
use sopkit::model::{SopDef, Target};

use super::generated::project_of_hard_flows;
use super::import::{definition, stdout};
use super::support::*;

/// An arrow as a sheet draws it: its label (none for a plain
/// continuation), the actors it leaves, the step and actors it enters.
type Drawn = (Option<String>, Vec<String>, usize, Vec<String>);

/// Per step: kegiatan, its actors (in no order: the sheet draws their
/// order only by the arrows between them), kelengkapan, waktu, output,
/// the arrows between its actors (from, to, label) and its arrows out.
type Step = (String, Vec<String>, [Option<String>; 3], Vec<(String, String, Option<String>)>, Vec<Drawn>);

/// What a definition draws, resolved as `check` resolves it (so that a
/// `lanjut` written or implied, a target by id or by number, come out
/// the same), actors by their labels; or why it does not resolve.
pub(super) fn flow_of(path: &Path) -> Result<(Vec<String>, Vec<Step>), String> {
    let doc = sopkit::load::read_document::<SopDef>(path.parent().unwrap(), path).unwrap().map_err(|e| e.message)?;
    let mut diagnostics = Diagnostics::default();
    let flow = sopkit::validate::validate_sop(&doc, &mut diagnostics)
        .ok_or_else(|| diagnostics.0.iter().map(|d| d.message.clone()).collect::<Vec<_>>().join("; "))?;
    let def = &doc.value;
    let actors: Vec<String> = def.pelaksana.values().map(|l| l.to_lowercase()).collect();
    let names = |lanes: Vec<usize>| {
        let mut names: Vec<String> = lanes.into_iter().map(|l| actors[l].clone()).collect();
        names.sort();
        names
    };
    let steps = def
        .langkah
        .iter()
        .zip(&flow.steps)
        .enumerate()
        .map(|(i, (s, drawn))| {
            let label = |exit: Option<usize>| exit.and_then(|e| drawn.exits.get(e).cloned().flatten());
            let mut links: Vec<_> =
                drawn.links.iter().map(|l| (actors[l.from].clone(), actors[l.to].clone(), label(l.exit))).collect();
            links.sort();
            let mut out: Vec<Drawn> = flow
                .outgoing(i)
                .map(|e| (label(e.exit), names(flow.source_lanes(e)), e.to + 1, names(flow.target_lanes(e))))
                .collect();
            out.sort();
            out.dedup();
            (
                s.kegiatan.clone(),
                names(drawn.lanes.clone()),
                [s.kelengkapan.clone(), s.waktu.clone(), s.output.clone()],
                links,
                out,
            )
        })
        .collect();
    Ok((actors, steps))
}

/// Imports every built sheet of `out` and compares it with the definition
/// of `sops` it was built from (by its name); returns the sheets that
/// differ, with the first difference.
fn round_trip(sops: &Path, out: &Path) -> (usize, Vec<String>) {
    let sources = sources_in(sops);
    let imported = tempfile::tempdir().unwrap();
    let mut sheets = 0;
    let mut differ = Vec::new();
    for entry in std::fs::read_dir(out.join("sop")).unwrap() {
        let pdf = entry.unwrap().path();
        sheets += 1;
        let target = imported.path().join(pdf.file_stem().unwrap());
        let output = sopkit(&["import", pdf.to_str().unwrap(), "-o", target.to_str().unwrap()]);
        let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
        let written: Vec<PathBuf> =
            std::fs::read_dir(&target).map_or_else(|_| Vec::new(), |d| d.map(|e| e.unwrap().path()).collect());
        let [yaml] = &written[..] else {
            differ.push(format!("{name}: {} definitions written: {}", written.len(), stderr(&output)));
            continue;
        };
        differ.extend(difference(&sources, yaml, &name));
    }
    (sheets, differ)
}

/// The definitions of a folder of sources, each with its path.
fn sources_in(sops: &Path) -> Vec<(PathBuf, SopDef)> {
    std::fs::read_dir(sops)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| (p.clone(), definition(&p)))
        .collect()
}

/// How an imported definition differs from the source of the same name:
/// its actors, else its first step that differs.
fn difference(sources: &[(PathBuf, SopDef)], yaml: &Path, name: &str) -> Option<String> {
    let back = definition(yaml);
    let Some((source, _)) = sources.iter().find(|(_, s)| s.identity.nama == back.identity.nama) else {
        return Some(format!("{name}: no source named `{}`", back.identity.nama));
    };
    let (want, got) = match (flow_of(source), flow_of(yaml)) {
        (Ok(want), Ok(got)) => (want, got),
        (want, got) => return Some(format!("{name}: does not resolve: {:?} / {:?}", want.err(), got.err())),
    };
    if want.0 != got.0 {
        return Some(format!("{name}: actors {:?} came back as {:?}", want.0, got.0));
    }
    let k = (0..want.1.len().max(got.1.len())).find(|&k| want.1.get(k) != got.1.get(k))?;
    Some(format!("{name}: step {}: {:?}\n  came back as {:?}", k + 1, want.1.get(k), got.1.get(k)))
}

#[test]
fn the_fixture_sheets_come_back_from_their_pdfs() {
    for project in ["bali", "denpasar", "identitas", "panjang"] {
        let test = TestProject::copy(project);
        let output = test.build(&[]);
        assert!(output.status.success(), "{}", stderr(&output));
        let (sheets, differ) = round_trip(&test.path("sops"), &test.out());
        assert!(sheets > 0);
        assert!(differ.is_empty(), "{project}: {} of {sheets} differ:\n{}", differ.len(), differ.join("\n"));
    }
}

/// The SOP book (the decree, its lampiran, every sheet) as one PDF: each
/// SOP comes back from its own pages, and the decree's pages are said to
/// hold none.
#[test]
fn each_sop_of_a_book_in_one_pdf_comes_back_from_its_own_pages() {
    let test = TestProject::copy("panjang");
    test.build(&[]);
    let into = test.work().join("dari-buku");
    let book = test.out().join("buku-sop.pdf");
    let output = sopkit(&["import", book.to_str().unwrap(), "-o", into.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stderr(&output);
    let sources = sources_in(&test.path("sops"));
    let written: Vec<PathBuf> = stdout(&output).lines().map(PathBuf::from).collect();
    assert_eq!(written.len(), sources.len(), "{said}");
    let differ: Vec<String> = written.iter().filter_map(|yaml| difference(&sources, yaml, "buku-sop.pdf")).collect();
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    assert!(said.contains("sheet `pages 1-2` has neither a procedure table nor identity labels"), "{said}");
    assert!(!said.contains("not imported ("), "no SOP lists another's shapes or text:\n{said}");
}

#[test]
fn generated_hard_flows_come_back_from_their_pdfs() {
    let test = project_of_hard_flows(100);
    let output = test.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (sheets, differ) = round_trip(&test.path("sops"), &test.out());
    assert_eq!(sheets, 100);
    // Every one of the first 100 comes back exactly (198 of all 200: the
    // labels of alur-124 step 28 and alur-157 step 9 differ).
    let exact = sheets - differ.len();
    assert!(exact == sheets, "{exact} of {sheets} exact; differ:\n{}", differ.join("\n"));
}

/// A step as written: kegiatan, actors, edges (label, target step).
type Written = (String, Vec<String>, Vec<(String, usize)>);

/// What a definition writes of its steps, step by step: kegiatan, its
/// actors (sorted) and the edges it writes (label or `lanjut`, target
/// step, ids resolved), as the workbook and PDF imports of one sheet write
/// them through the same reader.
fn written_steps(def: &SopDef) -> Vec<Written> {
    let mut step_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, step) in def.langkah.iter().enumerate() {
        for id in step.id.iter().chain(step.simbol.iter().flatten().filter_map(|c| c.id.as_ref())) {
            step_of.insert(id, i + 1);
        }
    }
    let number = |t: &Target| match t {
        Target::Nomor(n) => *n as usize,
        Target::Id(id) => step_of.get(id.as_str()).copied().unwrap_or(0),
    };
    def.langkah
        .iter()
        .map(|s| {
            let mut edges: Vec<(String, usize)> = Vec::new();
            for decision in s.decision.iter().chain(s.simbol.iter().flatten().filter_map(|c| c.keputusan.as_ref())) {
                for (label, targets, _) in decision.exits() {
                    edges.extend(targets.into_iter().map(|t| (label.clone().unwrap_or_default(), number(t))));
                }
            }
            for targets in s.lanjut.iter().chain(s.simbol.iter().flatten().filter_map(|c| c.lanjut.as_ref())) {
                edges.extend(targets.list().into_iter().map(|t| ("lanjut".to_owned(), number(t))));
            }
            edges.sort();
            let mut actors: Vec<String> = s.actor_ids().iter().map(|id| def.pelaksana[*id].to_lowercase()).collect();
            actors.sort();
            (s.kegiatan.clone(), actors, edges)
        })
        .collect()
}

/// The one definition `sopkit import` writes for `source`.
fn imported(source: &Path, into: &Path) -> SopDef {
    let output = sopkit(&["import", source.to_str().unwrap(), "-o", into.to_str().unwrap()]);
    assert!(output.status.success(), "{}: {}", source.display(), stderr(&output));
    let written: Vec<PathBuf> = std::fs::read_dir(into).unwrap().map(|e| e.unwrap().path()).collect();
    let [yaml] = &written[..] else { panic!("{}: {} definitions written", source.display(), written.len()) };
    definition(yaml)
}

#[test]
fn libreoffice_pdfs_of_the_workbooks_give_what_the_workbooks_give() {
    // Made by fixtures/legacy/pdf-libreoffice.py from the workbooks. Each
    // with the steps (kegiatan, actors, edges) measured to come back as
    // the workbook's import gives them, of its steps. Known differences,
    // all from how LibreOffice prints a workbook whose rows and boxes were
    // sized for Excel's font: words of a label broken over the lines of a
    // narrow text box ("Leng kap", "Y a"); text running over its cell into
    // the next row (manajemen-risiko: every step's kegiatan and the step
    // count; the header's long actor names cut at the cell); a label box
    // standing over the Kegiatan column (baris step 4: "Tidak" joins the
    // kegiatan); symbols in merged actor cells placed by the printed
    // grid's columns (pendataan steps 2, 3, 8, 9, 11, 18, 19, 22, 31, 32).
    let legacy = fixture("legacy");
    let work = tempfile::tempdir().unwrap();
    let mut report = Vec::new();
    for (workbook, floor) in
        [("manajemen-risiko-bergambar.xlsx", 0), ("pendataan-bergambar.xlsx", 18), ("baris/baris-bergambar.xlsx", 3)]
    {
        let workbook = legacy.join(workbook);
        let name = workbook.file_stem().unwrap().to_string_lossy().into_owned();
        let pdf = legacy.join("pdf").join(format!("{name}.pdf"));
        let want = imported(&workbook, &work.path().join(format!("{name}-xlsx")));
        let got = imported(&pdf, &work.path().join(format!("{name}-pdf")));
        let (want, got) = (written_steps(&want), written_steps(&got));
        let same = want.iter().zip(&got).filter(|(a, b)| a == b).count();
        report.push(format!("{name}: {same} of {} steps as the workbook's", want.len()));
        assert!(same >= floor, "{}", report.join("\n"));
    }
    println!("{}", report.join("\n"));
}

#[test]
fn the_identity_part_comes_back_from_sopkits_own_pages() {
    // Among them: the signer's jabatan, a blank for the signature, name,
    // pangkat and NIP on lines of their own in one cell (bali, identitas);
    // a list set in three columns (identitas' Peralatan); the procedure's
    // title on the next page, no item of the list above it.
    let mut signers = 0;
    for project in ["bali", "denpasar", "identitas", "panjang"] {
        let test = TestProject::copy(project);
        test.build(&[]);
        for entry in std::fs::read_dir(test.path("sops")).unwrap() {
            let source = entry.unwrap().path();
            let sop = source.file_stem().unwrap().to_string_lossy().into_owned();
            let want = definition(&source).identity;
            let pdf = test.out().join(format!("sop/{sop}.pdf"));
            let got = imported(&pdf, &test.work().join(format!("imported-{sop}"))).identity;
            signers += usize::from(want.disahkan_oleh.is_some());
            assert_eq!(
                (&got.nomor, &got.nama, &got.disahkan_oleh),
                (&want.nomor, &want.nama, &want.disahkan_oleh),
                "{sop}"
            );
            let lists = |i: &sopkit::model::Identity| {
                [
                    i.dasar_hukum.clone(),
                    i.kualifikasi_pelaksana.clone(),
                    i.keterkaitan.clone(),
                    i.peralatan_perlengkapan.clone(),
                    i.peringatan.clone(),
                    i.pencatatan_pendataan.clone(),
                ]
            };
            assert_eq!(lists(&got), lists(&want), "{sop}");
        }
    }
    assert!(signers >= 3, "signers to read back: {signers}");
}

/// A clerk's first afternoon: a folder of what the agency has (a Word
/// document, a workbook, sheets only left as PDFs) imported into a fresh
/// project, which then builds every one of them into an SOP sheet.
#[test]
fn a_folder_of_word_documents_workbooks_and_pdfs_becomes_a_project_that_builds() {
    let panjang = TestProject::copy("panjang");
    panjang.build(&[]);
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("sop-lama");
    std::fs::create_dir_all(folder.join("pdf")).unwrap();
    let legacy = fixture("legacy");
    std::fs::copy(legacy.join("word/kepegawaian.docx"), folder.join("kepegawaian.docx")).unwrap();
    std::fs::copy(legacy.join("monitoring-bertanda.xlsx"), folder.join("monitoring-bertanda.xlsx")).unwrap();
    let mut pdfs = 0;
    for entry in std::fs::read_dir(panjang.out().join("sop")).unwrap() {
        let pdf = entry.unwrap().path();
        std::fs::copy(&pdf, folder.join("pdf").join(pdf.file_name().unwrap())).unwrap();
        pdfs += 1;
    }
    let project = work.path().join("proyek");
    let init = sopkit(&["init", project.to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    for entry in std::fs::read_dir(project.join("sops")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let output = sopkit(&["import", folder.to_str().unwrap(), "-o", project.join("sops").to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let todo = stderr(&output);
    assert!(!todo.contains("to fix before"), "every definition passes `check` as written:\n{todo}");
    let written = std::fs::read_dir(project.join("sops")).unwrap().count();
    assert_eq!(written, 2 + pdfs, "one definition per SOP of the folder:\n{todo}");
    let out = work.path().join("out");
    let build = sopkit(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert_eq!(std::fs::read_dir(out.join("sop")).unwrap().count(), written, "a sheet for each");
}

/// The same SOP kept as a Word document and as its signed PDF, imported
/// from one folder (and once more into a folder that holds it already):
/// the to-do list says which definitions share a nomor, which is all
/// `check` then refuses.
#[test]
fn the_same_sop_imported_twice_is_named_on_the_to_do_list() {
    let legacy = fixture("legacy");
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("sop-lama");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(legacy.join("word/lo-kepegawaian.docx"), folder.join("kepegawaian.docx")).unwrap();
    std::fs::copy(legacy.join("pdf/lo-kepegawaian.pdf"), folder.join("kepegawaian-bertanda.pdf")).unwrap();
    let project = work.path().join("proyek");
    assert!(sopkit(&["init", project.to_str().unwrap()]).status.success());
    let sops = project.join("sops");
    for entry in std::fs::read_dir(&sops).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let output = sopkit(&["import", folder.to_str().unwrap(), "-o", sops.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let written: Vec<PathBuf> = stdout(&output).lines().map(PathBuf::from).collect();
    let [first, second] = &written[..] else { panic!("two definitions: {written:?}") };
    let nomor = definition(first).identity.nomor;
    assert_eq!(definition(second).identity.nomor, nomor);
    let said = stderr(&output);
    let named = format!(
        "{}: nomor `{nomor}` is also the nomor of {}: the same SOP imported twice?",
        second.display(),
        first.display()
    );
    assert!(said.contains(&named), "{said}");
    let check = sopkit(&["check", project.to_str().unwrap()]);
    let refused = stderr(&check);
    assert!(refused.contains(&format!("nomor SOP `{nomor}` is already used")), "{refused}");
    assert!(refused.contains("failed: 1 error(s)"), "nothing else is refused:\n{refused}");
    // Into a folder that already holds it under another name: said
    // against the file there.
    std::fs::remove_file(second).unwrap();
    let kept = sops.join("kepegawaian-lama.yaml");
    std::fs::rename(first, &kept).unwrap();
    let again = sopkit(&["import", folder.join("kepegawaian.docx").to_str().unwrap(), "-o", sops.to_str().unwrap()]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stderr(&again).contains(&format!("is also the nomor of {}", kept.display())), "{}", stderr(&again));
}
