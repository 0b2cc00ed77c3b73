//! Bad input and a hostile environment: located errors for every invalid
//! fixture (snapshotted), exit codes, and a compiler that reads only the
//! project's own files.

use super::support::*;

/// Every invalid fixture fails `check` with exit 1 and located errors; the
/// error output is snapshotted.
#[test]
fn invalid_projects_get_located_errors() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixture("invalid")).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 10);
    for case in cases {
        let output = sopkit(&["check", case.to_str().unwrap()]);
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(output.status.code(), Some(1), "{name}: {}", stderr(&output));
        let text = stderr(&output);
        assert!(text.contains("error: "), "{name}: {text}");
        assert!(names_line_and_column(&text), "{name} names file:line:col: {text}");
        insta::assert_snapshot!(name, text);
    }
}

/// Whether `text` holds a place such as `sops/a.yaml:12:5`.
fn names_line_and_column(text: &str) -> bool {
    [".yaml:", ".toml:"].iter().any(|ext| {
        text.match_indices(ext).any(|(at, _)| {
            let rest = &text[at + ext.len()..];
            let line = rest.bytes().take_while(u8::is_ascii_digit).count();
            let column = rest[line..].strip_prefix(':').map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count());
            line > 0 && column > 0
        })
    })
}

#[test]
fn a_place_is_a_file_a_line_and_a_column() {
    assert!(names_line_and_column("error: x\n  ┌─ sops/a.yaml:12:5\n"));
    assert!(!names_line_and_column("error: in sops/a.yaml: bad"));
    assert!(!names_line_and_column("sopkit.toml:3: no column"));
}

#[test]
fn the_compiler_reads_only_project_files() {
    let test = TestProject::copy("bali");
    let project = test.root.clone();
    std::fs::write(test.work().join("rahasia.txt"), "rahasia").unwrap();
    std::fs::create_dir_all(project.join("templates")).unwrap();
    let template = project.join("templates/sop.typ.j2");
    std::os::unix::fs::symlink(test.work().join("rahasia.txt"), project.join("tautan.txt")).unwrap();
    for (attempt, expected) in [
        ("#read(\"../../rahasia.txt\")", "outside"),
        ("#read(\"/tautan.txt\")", "access denied"),
        ("#import \"@preview/example:0.1.0\": *", "does not load Typst packages"),
    ] {
        std::fs::write(&template, attempt).unwrap();
        let failed = sopkit(&["build", project.to_str().unwrap(), "-o", test.work().join("out").to_str().unwrap()]);
        assert_eq!(failed.status.code(), Some(1), "{attempt}");
        let text = stderr(&failed);
        assert!(text.contains(expected), "{attempt}: {text}");
    }
    assert!(!test.work().join("out").exists(), "nothing was written");
}

#[test]
fn usage_and_environment_errors_exit_2() {
    assert_eq!(sopkit(&["build", "--no-such-flag"]).status.code(), Some(2));
    let missing = sopkit(&["check", "/nonexistent/project"]);
    assert_eq!(missing.status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let not_project = sopkit(&["check", empty.path().to_str().unwrap()]);
    assert_eq!(not_project.status.code(), Some(2));
    assert!(stderr(&not_project).contains("sopkit.toml not found"));
}

/// Under an Indonesian locale sopkit speaks Indonesian, at the same place;
/// `--bahasa en` (or an English locale) keeps English.
#[test]
fn messages_speak_the_users_language() {
    let case = fixture("invalid/unknown-actor");
    let indonesian = stderr(&sopkit_in("id_ID.UTF-8", &["check", case.to_str().unwrap()]));
    assert!(
        indonesian.contains("kesalahan: pelaksana `operator` tidak tercantum di bawah `pelaksana`"),
        "{indonesian}"
    );
    assert!(indonesian.contains("petunjuk: pelaksana yang ada: `pemohon`, `admin`"), "{indonesian}");
    assert!(indonesian.contains("petunjuk: mungkin maksudnya `admin`? pelaksana yang ada"), "{indonesian}");
    assert!(indonesian.contains("gagal: 2 kesalahan, 0 peringatan"), "{indonesian}");
    assert!(names_line_and_column(&indonesian), "{indonesian}");
    let english = stderr(&sopkit_in("id_ID.UTF-8", &["check", case.to_str().unwrap(), "--bahasa", "en"]));
    assert!(english.contains("error: pelaksana `operator` is not listed under `pelaksana`"), "{english}");
    let english = stderr(&sopkit_in("en_US.UTF-8", &["check", case.to_str().unwrap()]));
    assert!(english.contains("failed: 2 error(s), 0 warning(s)"), "{english}");
    // A YAML mistake and a date, in Indonesian too.
    let tab = stderr(&sopkit_in("id_ID.UTF-8", &["check", fixture("invalid/yaml-tab-indent").to_str().unwrap()]));
    assert!(tab.contains("kesalahan: baris ini diberi indentasi dengan tab; YAML hanya memakai spasi"), "{tab}");
    let date = stderr(&sopkit_in("id_ID.UTF-8", &["check", fixture("invalid/bad-date").to_str().unwrap()]));
    assert!(date.contains("`2024-02-30` bukan tanggal: Februari 2024 hanya 29 hari"), "{date}");
    // The help too, and a usage mistake still exits 2.
    let help = String::from_utf8_lossy(&sopkit_in("id_ID.UTF-8", &["build", "--help"]).stdout).into_owned();
    assert!(
        help.contains("Penggunaan: sopkit build") && help.contains("Anggap peringatan sebagai kesalahan"),
        "{help}"
    );
    let help = String::from_utf8_lossy(&sopkit_in("id_ID.UTF-8", &["--bahasa", "en", "--help"]).stdout).into_owned();
    assert!(help.contains("Usage: sopkit"), "{help}");
    let usage = sopkit_in("id_ID.UTF-8", &["build", "--jbos", "2"]);
    assert_eq!(usage.status.code(), Some(2));
    let text = stderr(&usage);
    assert!(text.contains("kesalahan: pilihan `--jbos` tidak dikenal"), "{text}");
    assert!(text.contains("mungkin maksudnya `--jobs`?"), "{text}");
    let usage = stderr(&sopkit_in("id_ID.UTF-8", &["buil"]));
    assert!(usage.contains("tidak ada perintah `buil`") && usage.contains("`build`"), "{usage}");
    let usage = stderr(&sopkit_in("en_US.UTF-8", &["buil"]));
    assert!(usage.contains("unrecognized subcommand 'buil'"), "{usage}");
    // Import too: an empty file is named in Indonesian.
    let work = tempfile::tempdir().unwrap();
    let empty = work.path().join("kosong.xlsx");
    std::fs::write(&empty, b"").unwrap();
    let import = sopkit_in("id_ID.UTF-8", &["import", empty.to_str().unwrap(), "-o", work.path().to_str().unwrap()]);
    assert!(stderr(&import).contains("berkas ini kosong"), "{}", stderr(&import));
}

/// `check --only` checks what `build --only` builds: the SOPs named, and
/// says so (not "the project is valid"); the whole project's check still
/// finds the mistake in another SOP.
#[test]
fn check_only_checks_the_sops_named_and_says_so() {
    let test = TestProject::copy("panjang");
    test.edit("sops/pengadaan-barang.yaml", "    pelaksana: pokja\n", "    pelaksana: pokjaa\n");
    let root = test.root.to_str().unwrap();
    let only = sopkit_in("id_ID.UTF-8", &["check", root, "--only", "penerusan-surat"]);
    assert_eq!(only.status.code(), Some(0), "{}", stderr(&only));
    assert!(
        stderr(&only).contains("ok: penerusan-surat sudah benar (hanya SOP yang disebut pada --only"),
        "{}",
        stderr(&only)
    );
    let whole = sopkit(&["check", root]);
    assert_eq!(whole.status.code(), Some(1));
    assert!(stderr(&whole).contains("pokjaa"), "{}", stderr(&whole));
    let named = sopkit(&["check", root, "--only", "pengadaan-barang"]);
    assert_eq!(named.status.code(), Some(1), "{}", stderr(&named));
}

/// A key one space too far right and a forgotten colon are said as what
/// they are, in the clerk's language, at their place (not "quote the
/// text", not the parser's English).
#[test]
fn a_shifted_key_and_a_missing_colon_are_named_in_the_clerks_words() {
    let test = TestProject::copy("denpasar");
    let path = "sops/monitoring-keamanan-informasi.yaml";
    let text = test.read(path);
    let shifted = text.replacen("\n    pelaksana: operasional", "\n     pelaksana: operasional", 1);
    test.write(path, &shifted);
    let line = shifted.lines().position(|l| l == "     pelaksana: operasional").unwrap() + 1;
    let output = sopkit_in("id_ID.UTF-8", &["check", test.root.to_str().unwrap()]);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(said.contains("`pelaksana` menjorok 1 spasi lebih ke kanan daripada `kegiatan` di atasnya"), "{said}");
    assert!(said.contains(&format!("{path}:{line}:6")), "{said}");
    assert!(said.contains("geser `pelaksana` 1 spasi ke kiri"), "{said}");

    let missing = text.replacen("\n    waktu: 1 x 8 jam", "\n    waktu 1 x 8 jam", 1);
    test.write(path, &missing);
    let line = missing.lines().position(|l| l == "    waktu 1 x 8 jam").unwrap() + 1;
    let said = stderr(&sopkit_in("id_ID.UTF-8", &["check", test.root.to_str().unwrap()]));
    assert!(said.contains("baris ini tidak punya `:` di antara kunci dan isinya"), "{said}");
    assert!(said.contains(&format!("{path}:{line}:5")) && said.contains("tulis sebagai waktu: 1 x 8 jam"), "{said}");
}

/// Three mistakes in one definition, one of them breaking the YAML itself:
/// one run of `check` shows all three, each at its line, each in the file as
/// written (not the text with the broken lines set aside).
#[test]
fn one_check_shows_every_mistake_of_a_file_even_past_a_broken_line() {
    let test = TestProject::copy("denpasar");
    let path = "sops/monitoring-keamanan-informasi.yaml";
    let text = test
        .read(path)
        .replacen("\n    pelaksana: operasional", "\n     pelaksana: operasional", 1)
        .replacen("\n    waktu: 7 x 8 jam", "\n    waktu 7 x 8 jam", 1)
        .replacen("\n    output: Laporan dan Evaluasi monitoring", "\n    outpt: Laporan dan Evaluasi monitoring", 1);
    test.write(path, &text);
    let line_of = |written: &str| text.lines().position(|l| l == written).unwrap() + 1;
    let output = sopkit(&["check", test.root.to_str().unwrap()]);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    for (written, column) in [
        ("     pelaksana: operasional", 6),
        ("    waktu 7 x 8 jam", 5),
        ("    outpt: Laporan dan Evaluasi monitoring", 5),
    ] {
        let at = format!("{path}:{}:{column}", line_of(written));
        assert!(said.contains(&at), "{at} in:\n{said}");
        assert!(said.contains(written), "the line as written: {written}\n{said}");
    }
    assert!(said.contains("failed: 3 error(s)"), "{said}");
}

/// A broken line does not hide the file's other kinds of mistake: a step
/// naming a column that does not exist and a jump to a missing step are
/// shown in the same run, at their lines; a step whose column's own line
/// is the broken one is not blamed for it.
#[test]
fn one_check_also_shows_the_flow_mistakes_of_a_file_with_a_broken_line() {
    let test = TestProject::copy("denpasar");
    let path = "sops/pengelolaan-sistem-informasi-kepegawaian.yaml";
    let text = test
        .read(path)
        .replacen("\n  bkpsdm: BKPSDM", "\n  bkpsdm BKPSDM", 1)
        .replacen("\n    waktu: 1 menit", "\n    waktu 1 menit", 1)
        .replacen(
            "\n    pelaksana: analis\n    waktu: 30 menit\n    output: Tanda terima",
            "\n    pelaksana: analiss\n    waktu: 30 menit\n    output: Tanda terima",
            1,
        )
        .replacen("\n    output: Notifikasi pengajuan", "\n    output: Notifikasi pengajuan\n    lanjut: 99", 1);
    test.write(path, &text);
    let line_of = |written: &str| text.lines().position(|l| l == written).unwrap() + 1;
    let output = sopkit_in("id_ID.UTF-8", &["check", test.root.to_str().unwrap()]);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    for (written, message) in [
        ("  bkpsdm BKPSDM", "tidak punya `:`"),
        ("    waktu 1 menit", "tidak punya `:`"),
        ("    pelaksana: analiss", "pelaksana `analiss` tidak tercantum"),
        ("    lanjut: 99", "langkah 99 tidak ada"),
    ] {
        let at = format!("{path}:{}:", line_of(written));
        let shown = said.find(&at).unwrap_or_else(|| panic!("{at} in:\n{said}"));
        let before = &said[..shown];
        assert!(before.lines().rev().nth(1).is_some_and(|l| l.contains(message)), "{written}: {message}\n{said}");
    }
    // The steps done by `bkpsdm`, whose line is the broken one, are not
    // reported as naming an unknown column.
    assert!(!said.contains("pelaksana `bkpsdm` tidak tercantum"), "{said}");
    assert!(said.contains("gagal: 4 kesalahan"), "{said}");
}
