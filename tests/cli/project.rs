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
