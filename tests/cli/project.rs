//! A project's life: init, template overrides, and check's warnings about
//! revisions due.

use super::support::*;

#[test]
fn init_makes_a_project_that_builds() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("baru");
    let init = sopkit(&["init", dir.to_str().unwrap()]);
    assert!(init.status.success(), "{}", stderr(&init));
    let check = sopkit(&["check", dir.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    let out = build(&dir, &[]);
    let text = pdf_text(&out.path().join("sop/contoh.pdf"));
    assert!(text.contains("Pelayanan Permohonan Email") && text.contains("Memverifikasi data pemohon"));
    // A second init into the same folder refuses to clobber it.
    assert_eq!(sopkit(&["init", dir.to_str().unwrap()]).status.code(), Some(2));
}

/// Under an Indonesian locale the comments `init` writes explain the keys in
/// Indonesian; the keys and values are the same, and the sheet is the same.
#[test]
fn init_explains_the_keys_in_the_users_language() {
    let work = tempfile::tempdir().unwrap();
    let (id, en) = (work.path().join("id"), work.path().join("en"));
    assert!(sopkit_in("id_ID.UTF-8", &["init", id.to_str().unwrap()]).status.success());
    assert!(sopkit_in("C.UTF-8", &["init", en.to_str().unwrap()]).status.success());
    let read = |dir: &Path, file: &str| std::fs::read_to_string(dir.join(file)).unwrap();
    assert!(read(&id, "sopkit.toml").contains("# Instansi."));
    assert!(read(&id, "sops/contoh.yaml").contains("# Satu SOP per berkas."));
    assert!(read(&en, "sopkit.toml").contains("# The agency."));
    // Without their comments the files are the same.
    let bare = |text: String| -> String {
        text.lines()
            .map(|l| l.split(" #").next().unwrap().trim_end())
            .filter(|l| !l.trim_start().starts_with('#') && !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    for file in ["sopkit.toml", "sops/contoh.yaml"] {
        assert_eq!(bare(read(&id, file)), bare(read(&en, file)), "{file}");
    }
    let (a, b) = (build(&id, &[]), build(&en, &[]));
    assert_eq!(
        std::fs::read(a.path().join("sop/contoh.pdf")).unwrap(),
        std::fs::read(b.path().join("sop/contoh.pdf")).unwrap()
    );
}

#[test]
fn project_templates_override_the_built_ins() {
    let test = TestProject::copy("bali");
    let eject = test.run("templates", &[]);
    assert!(eject.status.success(), "{}", stderr(&eject));
    test.edit("templates/sop.typ.j2", "#let kop-lines = [", "#let kop-lines = [\n  SALINAN UJI \\\n");
    test.build(&[]);
    assert!(pdf_text(&test.out().join("sop/manajemen-risiko-spbe.pdf")).contains("SALINAN UJI"));

    // A broken override is an error located in the project's template.
    test.write("templates/sop.typ.j2", "{% if %}");
    let failed = test.run("build", &[]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(stderr(&failed).contains("templates/sop.typ.j2:1:"), "{}", stderr(&failed));
}

#[test]
fn check_warns_about_revisions_due() {
    let test = TestProject::copy("bali");
    // The Kepala Dinas's position was renamed; the SOP still cites the old one.
    test.edit(
        "sopkit.toml",
        "jabatan = \"Kepala Dinas Komunikasi, Informatika dan Statistik Provinsi Bali\"",
        "jabatan = \"Kepala Dinas Kominfos Provinsi Bali\"",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_sopkit"))
        .args(["check", test.root.to_str().unwrap(), "--bahasa", "en"])
        .env("SOURCE_DATE_EPOCH", "1735689600") // 2025-01-01
        .output()
        .unwrap();
    assert!(output.status.success(), "warnings do not fail: {}", stderr(&output));
    let text = stderr(&output);
    assert!(text.contains("warning: this SOP was valid until 31 Desember 2023"), "{text}");
    assert!(text.contains("sops/manajemen-risiko-spbe.yaml:15:17"), "{text}");
    assert!(text.contains("is no longer a position in sopkit.toml"), "{text}");
    let denied = test.run("check", &["--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
}

/// The Debian package `packaging/build-deb.sh` makes (here of the binary
/// under test) installs a `sopkit` that works on its own: unpacked as dpkg
/// installs it, it makes a project and builds its sheet.
#[test]
fn the_debian_package_installs_a_working_sopkit() {
    let work = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("bash")
        .arg(root().join("packaging/build-deb.sh"))
        .args([env!("CARGO_BIN_EXE_sopkit"), work.path().join("deb").to_str().unwrap()])
        .env("SOPKIT_DEB_FAST", "1")
        .output()
        .expect("bash");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let deb = String::from_utf8_lossy(&made.stdout).trim().to_owned();
    let info = tool("dpkg-deb", &["--field", &deb, "Package", "Version"]);
    assert!(
        info.contains("Package: sopkit") && info.contains(&format!("Version: {}", env!("CARGO_PKG_VERSION"))),
        "{info}"
    );
    let installed = work.path().join("root");
    tool("dpkg-deb", &["-x", &deb, installed.to_str().unwrap()]);
    let sopkit = installed.join("usr/bin/sopkit");
    let project = work.path().join("proyek");
    let run = |args: &[&str]| std::process::Command::new(&sopkit).args(args).env("LANG", "C.UTF-8").output().unwrap();
    assert!(run(&["init", project.to_str().unwrap()]).status.success());
    let out = work.path().join("out");
    let built = run(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    assert!(pdf_text(&out.join("sop/contoh.pdf")).contains("Pelayanan Permohonan Email"));
}
