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
fn watch_rebuilds_on_save() {
    let test = TestProject::copy("bali");
    let project = test.root.clone();
    let out = test.out();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sopkit"))
        .args(["watch", project.to_str().unwrap(), "-o", out.to_str().unwrap(), "--interval", "100"])
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
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(built, "the first build");
    assert!(rebuilt, "the rebuild after an edit");
}
