//! Building: the manifest, byte-identical rebuilds, --only and
//! --emit-typst, the cache (an edit rebuilds exactly what depends on it),
//! failed builds that keep earlier outputs, and watch.

use super::support::*;

#[test]
fn the_manifest_describes_every_output_exactly() {
    let out = build(&fixture("denpasar"), &[]);
    let manifest = manifest(out.path());
    let outputs = manifest["outputs"].as_array().unwrap();
    let kinds: Vec<&str> = outputs.iter().map(|o| o["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["keputusan", "sop", "sop", "buku"]);
    for entry in outputs {
        let path = out.path().join(entry["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        use sha2::Digest;
        let digest: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(entry["sha256"], digest.as_str());
        assert_eq!(entry["pages"].as_u64().unwrap() as usize, pdf_pages(&path));
        let source = entry["source"].as_str().unwrap();
        assert!(source.starts_with("sops/") || source == "keputusan.yaml" || source == "sopkit.toml", "{source}");
    }
}

#[test]
fn builds_are_byte_identical() {
    // Two sheets and a decree built on every core, then one at a time.
    let a = build(&fixture("denpasar"), &[]);
    let b = build(&fixture("denpasar"), &["-j", "1"]);
    let files = |dir: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file() && !e.path().to_string_lossy().contains(".sopkit-cache"))
            .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect()
    };
    let (a, b) = (files(a.path()), files(b.path()));
    assert_eq!(a.len(), 5, "four PDFs and the manifest: {:?}", a.iter().map(|f| &f.0).collect::<Vec<_>>());
    for ((path_a, bytes_a), (path_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(path_a, path_b);
        assert!(bytes_a == bytes_b, "{} differs between builds", path_a.display());
    }
}

#[test]
fn a_failed_build_keeps_earlier_outputs() {
    let test = TestProject::copy("bali");
    test.build(&[]);
    let out = test.out();
    let pdf = out.join("sop/manajemen-risiko-spbe.pdf");
    let before = std::fs::read(&pdf).unwrap();
    let manifest_before = std::fs::read(out.join("manifest.json")).unwrap();

    test.edit("sops/manajemen-risiko-spbe.yaml", "Menerima laporan", "Menerima laporan baru").edit(
        "sops/manajemen-risiko-spbe.yaml",
        "pelaksana: kadis",
        "pelaksana: sekda",
    );
    let failed = test.run("build", &[]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(stderr(&failed).contains("sops/manajemen-risiko-spbe.yaml:"), "{}", stderr(&failed));
    assert_eq!(std::fs::read(&pdf).unwrap(), before, "the earlier PDF is untouched");
    assert_eq!(std::fs::read(out.join("manifest.json")).unwrap(), manifest_before);
    let stray: Vec<_> = std::fs::read_dir(out.join("sop")).unwrap().collect();
    assert_eq!(stray.len(), 1, "no partial files");
}

#[test]
fn only_and_emit_typst_select_and_expose_sources() {
    let out = build(&fixture("denpasar"), &["--only", "monitoring-keamanan-informasi", "--emit-typst"]);
    assert!(out.path().join("sop/monitoring-keamanan-informasi.pdf").is_file());
    assert!(!out.path().join("sop/pengelolaan-sistem-informasi-kepegawaian.pdf").exists());
    let source = std::fs::read_to_string(out.path().join("sop/monitoring-keamanan-informasi.typ")).unwrap();
    assert!(source.contains("Monitoring Keamanan Informasi"));
    // The stock CLI compiles the emitted source to the same document.
    let stock = out.path().join("stock.pdf");
    stock_compile(Path::new("/"), &out.path().join("sop/monitoring-keamanan-informasi.typ"), &stock);
    {
        let ours = out.path().join("sop/monitoring-keamanan-informasi.pdf");
        assert_eq!(pdf_pages(&stock), pdf_pages(&ours));
        assert_eq!(pdf_text(&stock), pdf_text(&ours));
    }
    assert_eq!(manifest(out.path())["outputs"].as_array().unwrap().len(), 1);

    let unknown = sopkit(&["build", fixture("denpasar").to_str().unwrap(), "--only", "tidak-ada"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("--only tidak-ada"));
}

/// Lines of a build's progress report, e.g. `kept sop/a.pdf`, sorted.
fn progress_lines(output: &Output) -> Vec<String> {
    let mut lines: Vec<String> = stderr(output)
        .lines()
        .filter(|l| l.starts_with("built ") || l.starts_with("kept "))
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

#[test]
fn an_edit_rebuilds_exactly_what_depends_on_it() {
    let test = TestProject::copy("denpasar");
    let out = test.out();
    let read = |p: &str| std::fs::read(out.join(p)).unwrap();
    let everything = |verb: &str| -> Vec<String> {
        [
            "buku-sop.pdf",
            "keputusan.pdf",
            "sop/monitoring-keamanan-informasi.pdf",
            "sop/pengelolaan-sistem-informasi-kepegawaian.pdf",
        ]
        .map(|path| format!("{verb} {path}"))
        .to_vec()
    };

    let first = test.build(&[]);
    assert_eq!(progress_lines(&first), everything("built"));
    let (book, decree, sik) =
        (read("buku-sop.pdf"), read("keputusan.pdf"), read("sop/pengelolaan-sistem-informasi-kepegawaian.pdf"));

    // Nothing changed: everything is kept, byte for byte.
    assert_eq!(progress_lines(&test.build(&[])), everything("kept"));
    assert_eq!(read("buku-sop.pdf"), book);

    // A step of one SOP changes: that sheet and the book are rebuilt; the
    // decree (its lampiran row is unchanged) and the other sheet are kept.
    let monitoring = "sops/monitoring-keamanan-informasi.yaml";
    let original = test.read(monitoring);
    test.edit(monitoring, "output: Tanda terima laporan\n", "output: Tanda terima laporan monitoring\n");
    assert_eq!(
        progress_lines(&test.build(&[])),
        [
            "built buku-sop.pdf",
            "built sop/monitoring-keamanan-informasi.pdf",
            "kept keputusan.pdf",
            "kept sop/pengelolaan-sistem-informasi-kepegawaian.pdf"
        ]
    );
    assert_eq!(read("keputusan.pdf"), decree);
    assert_eq!(read("sop/pengelolaan-sistem-informasi-kepegawaian.pdf"), sik);
    assert_ne!(read("buku-sop.pdf"), book);
    assert!(
        pdf_text(&out.join("buku-sop.pdf")).contains("Tanda terima laporan monitoring"),
        "the book carries the edit"
    );

    // Renaming an SOP changes its lampiran row: the decree follows.
    test.write(
        monitoring,
        &original.replace("nama: Monitoring Keamanan Informasi", "nama: Monitoring Keamanan Sistem Informasi"),
    );
    let renamed = test.build(&[]);
    assert!(progress_lines(&renamed).contains(&"built keputusan.pdf".to_owned()), "{:?}", progress_lines(&renamed));
    assert!(pdf_text(&out.join("keputusan.pdf")).contains("Monitoring Keamanan Sistem Informasi"));

    // A damaged output is rebuilt, to the same bytes.
    std::fs::write(out.join("sop/pengelolaan-sistem-informasi-kepegawaian.pdf"), b"not a pdf").unwrap();
    let repaired = test.build(&[]);
    assert!(progress_lines(&repaired).contains(&"built sop/pengelolaan-sistem-informasi-kepegawaian.pdf".to_owned()));
    assert_eq!(read("sop/pengelolaan-sistem-informasi-kepegawaian.pdf"), sik);

    // A template every document uses changes: everything is rebuilt (the
    // override is the built-in library plus a comment, so the documents
    // look the same).
    let ejected = sopkit(&["templates", test.root.to_str().unwrap()]);
    assert!(ejected.status.success(), "{}", stderr(&ejected));
    assert_eq!(progress_lines(&test.build(&[])), everything("kept"), "the ejected templates are the built-ins");
    let library = test.read("templates/sopkit-lib.typ");
    test.write("templates/sopkit-lib.typ", &format!("{library}\n// diubah\n"));
    assert_eq!(progress_lines(&test.build(&[])), everything("built"));
    assert_eq!(read("sop/pengelolaan-sistem-informasi-kepegawaian.pdf"), sik, "same text, same PDF");
}

#[test]
fn a_sheet_naming_another_sop_follows_its_renaming() {
    // A Keterkaitan item written as another SOP's nomor prints that SOP's
    // name: renaming it rebuilds the sheet that names it.
    let test = TestProject::copy("denpasar");
    let sik = "sops/pengelolaan-sistem-informasi-kepegawaian.yaml";
    test.edit(sik, "  - SOP Pemantauan Absensi Harian Pegawai\n", "  - 061/2293/DKIS\n");
    test.build(&[]);
    let sheet = test.out().join("sop/pengelolaan-sistem-informasi-kepegawaian.pdf");
    assert!(pdf_text(&sheet).contains("Monitoring Keamanan Informasi"), "{}", pdf_text(&sheet));
    test.edit(
        "sops/monitoring-keamanan-informasi.yaml",
        "nama: Monitoring Keamanan Informasi",
        "nama: Pemantauan Keamanan Jaringan",
    );
    let rebuilt = test.build(&[]);
    assert!(
        progress_lines(&rebuilt).contains(&"built sop/pengelolaan-sistem-informasi-kepegawaian.pdf".to_owned()),
        "{:?}",
        progress_lines(&rebuilt)
    );
    assert!(pdf_text(&sheet).contains("Pemantauan Keamanan Jaringan"), "{}", pdf_text(&sheet));
}

#[test]
fn asking_for_the_portal_makes_the_sheets_svg_pages_once() {
    // Sheets cached without their SVG pages are made again once for the
    // portal, and kept from then on.
    let test = TestProject::copy("denpasar");
    test.build(&[]);
    let first = progress_lines(&test.build(&["--portal"]));
    assert!(first.contains(&"built sop/monitoring-keamanan-informasi.pdf".to_owned()), "{first:?}");
    let second = progress_lines(&test.build(&["--portal"]));
    assert!(second.iter().all(|line| line.starts_with("kept ")), "{second:?}");
    assert!(test.out().join("portal/sop/monitoring-keamanan-informasi.halaman-1.svg").is_file());
}

#[test]
fn emit_typst_after_a_build_without_it_writes_whole_sources() {
    // The book's whole source is made only when asked for: a cached book
    // without one is bound again, not emitted empty.
    let test = TestProject::copy("denpasar");
    test.build(&[]);
    test.build(&["--emit-typst"]);
    for path in ["buku-sop.typ", "keputusan.typ", "sop/monitoring-keamanan-informasi.typ"] {
        let source = std::fs::read_to_string(test.out().join(path)).unwrap();
        assert!(source.len() > 1000, "{path}: {} bytes", source.len());
    }
}

#[test]
fn a_save_is_shown_first_and_the_decree_and_book_follow() {
    // As `serve` and `watch` build a save: the sheet at once, the Keputusan
    // and the book (which bind every SOP) kept at their earlier version
    // until the run after.
    let test = TestProject::copy("denpasar");
    let out = test.out();
    let options = sopkit::pipeline::BuildOptions {
        project: test.root.clone(),
        out: Some(out.clone()),
        write: true,
        portal: true,
        bind_later: true,
        ..Default::default()
    };
    let run = |options: &sopkit::pipeline::BuildOptions| {
        let outcome = sopkit::pipeline::run(options, &sopkit::pipeline::Silent).unwrap();
        assert!(!outcome.failed(), "{}", outcome.diagnostics.render_plain());
        outcome
    };
    // Nothing earlier to keep: everything is made at once.
    assert!(run(&options).pending.is_empty());
    let read = |p: &str| std::fs::read(out.join(p)).unwrap();
    let (book, decree) = (read("buku-sop.pdf"), read("keputusan.pdf"));
    test.edit(
        "sops/monitoring-keamanan-informasi.yaml",
        "nama: Monitoring Keamanan Informasi",
        "nama: Pemantauan Keamanan Jaringan",
    );
    let quick = run(&options);
    assert_eq!(quick.pending, ["keputusan.pdf", "buku-sop.pdf"]);
    let sheet = pdf_text(&out.join("sop/monitoring-keamanan-informasi.pdf"));
    assert!(sheet.contains("Pemantauan Keamanan Jaringan"), "the sheet shows the save");
    assert_eq!((read("buku-sop.pdf"), read("keputusan.pdf")), (book.clone(), decree.clone()), "kept as they were");
    // The manifest and the portal's verification page describe the files
    // on disk: the earlier book, not a book that is not made yet.
    let listed = manifest(&out);
    let entry = listed["outputs"].as_array().unwrap().iter().find(|e| e["path"] == "buku-sop.pdf").unwrap().clone();
    use sha2::Digest;
    let digest: String = sha2::Sha256::digest(&book).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(entry["sha256"], digest.as_str());
    let page = std::fs::read_to_string(out.join("portal/sop/monitoring-keamanan-informasi.html")).unwrap();
    assert!(page.contains("Pemantauan Keamanan Jaringan"), "the portal shows the save");

    // A save during the run that binds them stops it: nothing written, the
    // earlier files and the manifest stay as they were.
    let manifest_before = read("manifest.json");
    let interrupt = sopkit::pipeline::Interrupt::default();
    interrupt.set();
    let stopped = sopkit::pipeline::BuildOptions { bind_later: false, interrupt, ..options.clone() };
    assert!(run(&stopped).interrupted);
    assert_eq!(
        (read("buku-sop.pdf"), read("keputusan.pdf")),
        (book.clone(), decree.clone()),
        "an interrupted run writes nothing"
    );
    assert_eq!(read("manifest.json"), manifest_before);

    let full = run(&sopkit::pipeline::BuildOptions { bind_later: false, ..options });
    assert!(full.pending.is_empty());
    assert!(pdf_text(&out.join("buku-sop.pdf")).contains("Pemantauan Keamanan Jaringan"));
    assert!(pdf_text(&out.join("keputusan.pdf")).contains("Pemantauan Keamanan Jaringan"));
    let digest: String = sha2::Sha256::digest(read("buku-sop.pdf")).iter().map(|b| format!("{b:02x}")).collect();
    let listed = manifest(&out);
    let entry = listed["outputs"].as_array().unwrap().iter().find(|e| e["path"] == "buku-sop.pdf").unwrap().clone();
    assert_eq!(entry["sha256"], digest.as_str(), "the manifest follows the new book");
}

#[test]
fn watch_rebuilds_on_save() {
    let test = TestProject::copy("bali");
    let project = test.root.clone();
    let out = test.out();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sopkit"))
        .args(["watch", project.to_str().unwrap(), "-o", out.to_str().unwrap(), "--interval", "100", "--bahasa", "en"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Bounded waits: the watcher is killed whatever happens.
    let wait_for = |what: &dyn Fn() -> bool| {
        for _ in 0..1800 {
            if what() {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        false
    };
    let pdf = out.join("sop/manajemen-risiko-spbe.pdf");
    let built = wait_for(&|| pdf.is_file() && out.join("manifest.json").is_file());
    let definition = project.join("sops/manajemen-risiko-spbe.yaml");
    let text = std::fs::read_to_string(&definition).unwrap();
    std::fs::write(&definition, text.replace("±10 Menit", "±20 Menit")).unwrap();
    let rebuilt = built && wait_for(&|| pdf_text(&pdf).contains("±20 Menit"));
    // The book, which binds every sheet, follows in the run after.
    let book = out.join("buku-sop.pdf");
    let bound = rebuilt && wait_for(&|| pdf_text(&book).contains("±20 Menit"));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(built, "the first build");
    assert!(rebuilt, "the rebuild after an edit");
    assert!(bound, "the book after the sheet");
}

/// The files of an output folder (the cache aside) with their bytes.
fn outputs_of(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && !e.path().to_string_lossy().contains(".sopkit-cache"))
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn one_broken_sop_does_not_stop_the_other_sheets() {
    let test = TestProject::copy("denpasar");
    test.build(&[]);
    let before = outputs_of(&test.out());
    let (broken, other) = ("sop/monitoring-keamanan-informasi.pdf", "sop/pengelolaan-sistem-informasi-kepegawaian.pdf");
    // One SOP gets a mistake, the other a real edit.
    test.edit("sops/monitoring-keamanan-informasi.yaml", "    pelaksana: operasional\n", "    pelaksana: operator\n");
    let text = test.read("sops/pengelolaan-sistem-informasi-kepegawaian.yaml");
    let first = text.lines().find(|l| l.trim_start().starts_with("- kegiatan:")).unwrap().to_owned();
    test.edit("sops/pengelolaan-sistem-informasi-kepegawaian.yaml", &first, &format!("{first} (diperbarui)"));
    let output = test.run("build", &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("sops/monitoring-keamanan-informasi.yaml:"), "{message}");
    assert!(
        message.contains("sops/monitoring-keamanan-informasi.yaml has errors: its sheet is not made again"),
        "{message}"
    );
    assert!(
        message.contains("the keputusan and buku-sop.pdf are not made again because 1 SOP(s) have errors"),
        "{message}"
    );
    let after = outputs_of(&test.out());
    assert_ne!(after[other], before[other], "the valid SOP's sheet is made again");
    assert!(pdf_text(&test.out().join(other)).contains("(diperbarui)"));
    for kept in [broken, "keputusan.pdf", "buku-sop.pdf"] {
        assert_eq!(after[kept], before[kept], "{kept} is kept as it was");
    }
    let listed: Vec<String> = manifest(&test.out())["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed.len(), 4, "the kept outputs stay listed: {listed:?}");

    // --only the valid SOP: a clean run; --only the broken one fails.
    let only = test.run("build", &["--only", "pengelolaan-sistem-informasi-kepegawaian"]);
    assert_eq!(only.status.code(), Some(0), "{}", stderr(&only));
    assert!(!stderr(&only).contains("monitoring-keamanan-informasi"), "{}", stderr(&only));
    let only = test.run("build", &["--only", "monitoring-keamanan-informasi"]);
    assert_eq!(only.status.code(), Some(1));

    // A definition that does not even parse stops only itself too.
    test.write("sops/monitoring-keamanan-informasi.yaml", "nomor: \"1\"\nnama: [tidak ditutup\n");
    let output = test.run("build", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("sops/monitoring-keamanan-informasi.yaml has errors"), "{}", stderr(&output));
    assert_eq!(outputs_of(&test.out())[broken], before[broken]);
    let only = test.run("build", &["--only", "pengelolaan-sistem-informasi-kepegawaian"]);
    assert_eq!(only.status.code(), Some(0), "{}", stderr(&only));
}

#[test]
fn skipped_files_are_named_and_outputs_of_gone_sops_removed() {
    let test = TestProject::copy("denpasar");
    test.build(&[]);
    // An output sopkit did not write stays.
    std::fs::write(test.out().join("sop/catatan-saya.pdf"), b"%PDF-1.7 mine").unwrap();
    let old = "sops/pengelolaan-sistem-informasi-kepegawaian.yaml";
    std::fs::rename(test.path(old), test.path("sops/simpeg.yaml")).unwrap();
    test.write("sops/baru.YAML", "nomor: x\n")
        .write("sops/draf.yaml.txt", "nomor: x\n")
        .write("sops/lama.docx", "not a definition")
        .write("sops/daftar.xlsx", "not a definition")
        .write("sops/README", "notes");
    let output = test.run("build", &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let message = stderr(&output);
    for expected in [
        "sops/baru.YAML is not read: its extension is not in small letters: rename it to `baru.yaml`",
        "sops/draf.yaml.txt is not read: it ends in `.txt` after `.yaml` (an editor added it): rename it to `draf.yaml`",
        "sops/lama.docx is not read: it is a document, not a definition",
        "sops/daftar.xlsx is not read: it is a spreadsheet: turn it into a definition with `sopkit import daftar.xlsx`",
        "note: sop/pengelolaan-sistem-informasi-kepegawaian.pdf is removed: its definition no longer exists",
    ] {
        assert!(message.contains(expected), "{expected}\n{message}");
    }
    assert!(!message.contains("README"), "{message}");
    let out = test.out();
    assert!(!out.join("sop/pengelolaan-sistem-informasi-kepegawaian.pdf").exists());
    assert!(out.join("sop/simpeg.pdf").is_file());
    assert!(out.join("sop/catatan-saya.pdf").is_file(), "only files sopkit wrote are removed");
    // `check` names them too.
    let check = test.run("check", &[]);
    assert!(stderr(&check).contains("sops/draf.yaml.txt is not read"), "{}", stderr(&check));
}
