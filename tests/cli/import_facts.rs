//! `sopkit import` never presents a guess as a fact (issue 24, section 3):
//! workbooks that do what real ones did (fixtures/legacy/fakta.py) come
//! back with what they hold, every guess and every arrow the definition
//! cannot hold on the to-do list, and what `check` refuses named there
//! with its hint; a folder is imported file by file.

use sopkit::model::{Ending, SopDef, Target};

use super::import::{definition, legacy, stdout};
use super::support::*;

/// Imports `workbooks` (under fixtures/legacy/) into a copy of the bali
/// project whose sops/ is emptied, so that `check` judges the import alone;
/// the import succeeds. The project, and what the import said.
fn import_into_project(workbooks: &[&str]) -> (TestProject, String) {
    let test = TestProject::copy("bali");
    let sops = test.path("sops");
    std::fs::remove_dir_all(&sops).unwrap();
    std::fs::create_dir(&sops).unwrap();
    let files: Vec<String> = workbooks.iter().map(|w| legacy(w)).collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["-o", sops.to_str().unwrap()]);
    let output = sopkit(&args);
    let said = stderr(&output);
    assert!(output.status.success(), "{said}");
    (test, said)
}

/// A decision's exits as written: label (none where unlabelled) and targets.
fn exits(def: &SopDef, step: usize) -> Vec<(Option<String>, Vec<Target>)> {
    let decision = def.langkah[step].decision.as_ref().unwrap_or_else(|| panic!("step {} decides", step + 1));
    decision.exits().into_iter().map(|(label, to, _)| (label, to.into_iter().cloned().collect())).collect()
}

fn lanjut(def: &SopDef, step: usize) -> Vec<Target> {
    def.langkah[step].lanjut.as_ref().map_or_else(Vec::new, |l| l.list().into_iter().cloned().collect())
}

/// The lines of one to-do section ("guessed, check these", "to fill in",
/// "not imported") as printed.
fn section<'a>(said: &'a str, heading: &str) -> Vec<&'a str> {
    let mut lines = said.lines().skip_while(|l| !l.trim_start().starts_with(heading));
    lines.next();
    lines.take_while(|l| l.trim_start().starts_with("- ")).map(|l| l.trim_start().trim_start_matches("- ")).collect()
}

fn nomor(targets: &[u64]) -> Vec<Target> {
    targets.iter().map(|&t| Target::Nomor(t)).collect()
}

/// Ya/Tidak text boxes beside their arrows, away from a small diamond,
/// name those exits; an exit the sheet leaves unlabelled stays so, and no
/// third one appears; the title row names the SOP; an empty "5" is no
/// Keterkaitan item. Each guess is listed at its cell, nothing is left
/// behind, and the definition passes `check`.
#[test]
fn labels_away_from_their_diamond_and_a_title_row_are_read_and_nothing_is_made_up() {
    let (test, said) = import_into_project(&["fakta/rekomendasi.xlsx"]);
    let def = definition(&test.path("sops/penerbitan-rekomendasi-izin-penelitian.yaml"));
    assert_eq!(def.identity.nama, "PENERBITAN REKOMENDASI IZIN PENELITIAN");
    assert_eq!(
        def.identity.keterkaitan,
        [
            "SOP Pelayanan Informasi Publik",
            "SOP Pengelolaan Pengaduan",
            "SOP Penerbitan Izin Penelitian",
            "SOP Pengarsipan Dokumen Perizinan"
        ]
    );
    let label = |l: &str| Some(l.to_owned());
    assert_eq!(exits(&def, 2), [(label("Ya"), nomor(&[4])), (label("Tidak"), nomor(&[2]))]);
    assert_eq!(exits(&def, 4), [(label("Setuju"), nomor(&[6])), (None, nomor(&[4]))]);
    assert_eq!(
        section(&said, "guessed, check these"),
        [
            "sheet `SOP`, cell C20: step 3: `Tidak` stands beside the arrow to step 2, away from the decision; \
             taken as that exit's label",
            "sheet `SOP`, cell E27: step 5: the decision's exit to step 4 has no label beside it; written without \
             one (add it if the sheet names it)",
            "sheet `SOP`, cell A4: no \"Nama SOP\" label: the title `PENERBITAN REKOMENDASI IZIN PENELITIAN` is \
             taken as the SOP's name",
        ]
    );
    assert!(said.contains("0 cell(s) not imported") && section(&said, "not imported").is_empty(), "{said}");
    assert!(section(&said, "to fill in").is_empty(), "{said}");
    let check = test.run("check", &[]);
    assert!(check.status.success(), "{}", stderr(&check));
}

/// Actors in parallel whose arrows skip the next step come back symbol by
/// symbol, each entered and each going on as drawn; a last step in
/// parallel beside a Selesai keeps its actors and leaves the terminator
/// out, said at its cell. `check` accepts both.
#[test]
fn steps_in_parallel_are_written_as_check_accepts_them() {
    let (test, said) = import_into_project(&["fakta/pengaduan.xlsx"]);
    let def = definition(&test.path("sops/penanganan-pengaduan-masyarakat.yaml"));
    assert_eq!(def.identity.keterkaitan, ["SOP Pelayanan Informasi Publik", "SOP Pengelolaan Media Sosial"]);
    let row = &def.langkah[2];
    assert!(!row.paralel && row.lanjut.is_none(), "step 3 says it symbol by symbol");
    let cells: Vec<(String, Vec<Target>)> = row
        .simbol
        .as_ref()
        .expect("step 3 has simbol")
        .iter()
        .map(|c| {
            (c.pelaksana.clone(), c.lanjut.as_ref().map_or_else(Vec::new, |l| l.list().into_iter().cloned().collect()))
        })
        .collect();
    assert_eq!(cells, [("kepala_seksi".to_owned(), nomor(&[5])), ("kepala_bidang".to_owned(), nomor(&[5]))]);
    let last = &def.langkah[5];
    assert!(last.paralel, "step 6 stays in parallel");
    assert_eq!(last.actor_ids(), ["staf_pelayanan", "kepala_seksi"]);
    assert_eq!(last.selesai, Ending::No, "no terminator beside it");
    assert_eq!(
        section(&said, "guessed, check these"),
        ["sheet `Pengaduan`, cell F26: step 6 is done in parallel, which cannot have a terminator beside it: the \
          Selesai drawn here is left out, the step ends the flow"]
    );
    assert!(section(&said, "to fill in").is_empty(), "nothing for check to refuse:\n{said}");
    let check = test.run("check", &[]);
    assert!(check.status.success(), "{}", stderr(&check));
}

/// Six arrows out of one box (a fork) or out of a diamond (a decision),
/// all from its right side: the fork is written with its six steps; the
/// decision holds four exits, so the unlabelled arrows leaving it at one
/// place are one exit that splits; every arrow is on the sheet and `check`
/// accepts both as written. The "STANDAR OPERASIONAL PROSEDUR" title names
/// the SOP by the words after it.
#[test]
fn a_fan_out_of_six_arrows_is_written_whole() {
    for (workbook, decides) in [("fakta/izin-usaha.xlsx", false), ("fakta/izin-usaha-keputusan.xlsx", true)] {
        let (test, said) = import_into_project(&[workbook]);
        let file = test.path("sops/pelayanan-izin-usaha-mikro.yaml");
        let def = definition(&file);
        assert_eq!(def.identity.nama, "PELAYANAN IZIN USAHA MIKRO");
        let title = "sheet `Izin Usaha`, cell A4: no \"Nama SOP\" label: the title `PELAYANAN IZIN USAHA MIKRO` is \
                     taken as the SOP's name";
        let unlabelled = |target: u64| {
            format!(
                "sheet `Izin Usaha`, cell D13: step 2: the decision's exit to step {target} has no label beside it; \
                 written without one (add it if the sheet names it)"
            )
        };
        // The decision's exits as drawn: unlabelled, none made up.
        let guessed = if decides {
            let exits_drawn =
                vec![(None, nomor(&[3, 4, 5])), (None, nomor(&[6])), (None, nomor(&[7])), (None, nomor(&[8]))];
            assert_eq!(exits(&def, 1), exits_drawn, "{workbook}");
            let mut guessed: Vec<String> = [3, 6, 7, 8].into_iter().map(unlabelled).collect();
            guessed.push(title.to_owned());
            guessed
        } else {
            assert_eq!(lanjut(&def, 1), nomor(&[3, 4, 5, 6, 7, 8]));
            vec![title.to_owned()]
        };
        assert_eq!(section(&said, "guessed, check these"), guessed, "{workbook}");
        assert!(section(&said, "to fill in").is_empty(), "{workbook}: nothing cut, nothing to fix:\n{said}");
        let check = test.run("check", &[]);
        assert!(check.status.success(), "{workbook}: {}", stderr(&check));
        // Every arrow on the sheet: the PDF imported back has them all.
        test.build(&[]);
        let back = test.work().join("kembali");
        let pdf = test.out().join("sop/pelayanan-izin-usaha-mikro.pdf");
        let output = sopkit(&["import", pdf.to_str().unwrap(), "-o", back.to_str().unwrap()]);
        assert!(output.status.success(), "{}", stderr(&output));
        let again = definition(&back.join("pelayanan-izin-usaha-mikro.yaml"));
        if decides {
            assert_eq!(exits(&again, 1), exits(&def, 1), "{workbook}: the sheet draws every exit");
        } else {
            assert_eq!(lanjut(&again, 1), lanjut(&def, 1), "{workbook}: the sheet draws every arrow");
        }
    }
}

/// A folder is walked with its subfolders in name order; what it holds
/// besides workbooks is named in one warning; a Word 97-2003 file fails
/// the import, in both languages, saying how to make it a .docx, and
/// nothing is written; an empty folder is an error.
#[test]
fn a_folder_imports_every_workbook_in_it_and_names_what_it_skips() {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("sop-lama");
    std::fs::create_dir_all(folder.join("bidang")).unwrap();
    std::fs::create_dir_all(folder.join(".git")).unwrap();
    for name in ["izin-usaha.xlsx", "rekomendasi.xlsx"] {
        std::fs::copy(legacy(&format!("fakta/{name}")), folder.join("bidang").join(name)).unwrap();
    }
    std::fs::copy(legacy("kepegawaian.xls"), folder.join("kepegawaian.xls")).unwrap();
    std::fs::write(folder.join("catatan.txt"), "daftar SOP").unwrap();
    std::fs::write(folder.join("~$rekomendasi.xlsx"), "lock").unwrap();
    std::fs::write(folder.join(".git/config"), "[core]").unwrap();
    let out = work.path().join("sops");
    std::fs::create_dir(&out).unwrap();
    let dir = folder.to_str().unwrap();

    let output = sopkit(&["import", dir, "-o", out.to_str().unwrap()]);
    let said = stderr(&output);
    assert!(output.status.success(), "{said}");
    let written: Vec<String> =
        stdout(&output).lines().map(|l| Path::new(l).file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(
        written,
        [
            // bidang/ comes before kepegawaian.xls by name.
            "pelayanan-izin-usaha-mikro.yaml",
            "penerbitan-rekomendasi-izin-penelitian.yaml",
            "pengelolaan-sistem-informasi-kepegawaian-dinas-komunikasi.yaml",
        ]
    );
    let skipped: Vec<&str> = said.lines().filter(|l| l.contains("skipped")).collect();
    assert_eq!(
        skipped,
        [format!(
            "warning: {dir}: 2 file(s) skipped, not of a kind sopkit imports (.xlsx, .xls, .ods, .docx, .pdf): catatan.txt, \
             ~$rekomendasi.xlsx"
        )]
    );
    // As for files named one by one: nothing is overwritten.
    let again = sopkit(&["import", dir, "-o", out.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));

    std::fs::write(folder.join("bidang/prosedur-lama.doc"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap();
    let fresh = work.path().join("kosong");
    std::fs::create_dir(&fresh).unwrap();
    let doc = folder.join("bidang/prosedur-lama.doc");
    let doc = doc.display();
    for (lang, message, hint) in [
        (
            "C.UTF-8",
            format!("error: {doc}: Word 97-2003 documents (.doc) are not read"),
            format!(
                "hint: open it in Word or LibreOffice and save it as .docx (File > Save As > Word Document \
                 (.docx)), or convert it with `soffice --headless --convert-to docx \"{doc}\"`"
            ),
        ),
        (
            "id_ID.UTF-8",
            format!("kesalahan: {doc}: dokumen Word 97-2003 (.doc) tidak dibaca"),
            format!(
                "petunjuk: buka di Word atau LibreOffice lalu simpan sebagai .docx (File > Save As / Simpan \
                 Sebagai > Word Document (.docx)), atau ubah dengan `soffice --headless --convert-to docx \"{doc}\"`"
            ),
        ),
    ] {
        let refused = sopkit_in(lang, &["import", dir, "-o", fresh.to_str().unwrap()]);
        let said = stderr(&refused);
        assert_eq!(refused.status.code(), Some(1), "{said}");
        assert!(said.contains(&message) && said.contains(&hint), "{lang}:\n{said}");
        assert_eq!(std::fs::read_dir(&fresh).unwrap().count(), 0, "nothing written");
    }

    let empty = sopkit(&["import", fresh.to_str().unwrap()]);
    assert_eq!(empty.status.code(), Some(1));
    assert!(
        stderr(&empty).contains("no document to import in this folder (looked for .xlsx, .xls, .ods, .docx, .pdf)"),
        "{}",
        stderr(&empty)
    );
}
