//! Issuing (`sopkit terbit`) and verification for life: the ledger
//! (`terbitan.toml`) records every issued version, survives the output
//! folder, only grows and is deterministic; ids stay when a definition is
//! renamed; a document's verification page knows every version, says
//! "draf" of what was built but not issued, and keeps the earlier PDFs; the
//! QR code printed in every output names its own verification page; every
//! verification link opens a page from `file://`.

use serde_json::json;

use super::support::*;
use super::webdriver::Browser;

const URL: &str = "https://tte.example.go.id/verifikasi/{jenis}/{id}";
const HOST: &str = "https://tte.example.go.id/";

/// A copy of a fixture with the TTE footer (its QR code) and the portal.
fn issuing_project(name: &str) -> TestProject {
    let test = TestProject::copy(name);
    let config = test.read("sopkit.toml");
    test.write("sopkit.toml", &format!("{config}\n[tte]\nfooter = true\nurl = \"{URL}\"\n\n[portal]\naktif = true\n"));
    test
}

fn terbit(test: &TestProject, date: &str) -> String {
    let output = test.run("terbit", &["--tanggal", date]);
    assert!(output.status.success(), "terbit failed:\n{}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

fn ledger(test: &TestProject) -> sopkit::model::Ledger {
    toml::from_str(&test.read("terbitan.toml")).unwrap()
}

/// The manifest's entry of the output at `path`.
fn entry(out: &Path, path: &str) -> Value {
    let manifest = manifest(out);
    manifest["outputs"].as_array().unwrap().iter().find(|e| e["path"] == path).cloned().unwrap_or_else(|| {
        panic!("{path} is not in the manifest");
    })
}

/// A document's verification page, where its QR code's URL leads.
fn page_of(out: &Path, url: &str) -> PathBuf {
    let path = url.strip_prefix(HOST).unwrap_or_else(|| panic!("{url} is not under {HOST}"));
    out.join("portal").join(path).join("index.html")
}

fn page_for(out: &Path, path: &str) -> PathBuf {
    let entry = entry(out, path);
    let url = URL.replace("{jenis}", entry["kind"].as_str().unwrap()).replace("{id}", entry["id"].as_str().unwrap());
    page_of(out, &url)
}

/// The versions a verification page checks a file against.
fn candidates(page: &Path) -> Vec<Value> {
    let html = std::fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    let start = html.find("id=\"versi-dokumen\">").expect("the page lists its versions") + 19;
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str::<Value>(&html[start..end]).unwrap().as_array().unwrap().clone()
}

fn sha256_of(path: &Path) -> String {
    tool("sha256sum", &[path.to_str().unwrap()]).split_whitespace().next().unwrap().to_owned()
}

#[test]
fn issued_versions_are_recorded_kept_and_verified_for_life() {
    let test = issuing_project("denpasar");
    let out = test.out();
    let sheet = "sop/monitoring-keamanan-informasi.pdf";

    // Issued: every document of the build, version 1, with its PDF archived.
    let said = terbit(&test, "2025-06-02");
    for path in [sheet, "sop/pengelolaan-sistem-informasi-kepegawaian.pdf", "keputusan.pdf", "buku-sop.pdf"] {
        assert!(said.contains(&format!("issued: {path} version 1")), "{said}");
    }
    let first = ledger(&test);
    assert_eq!(first.terbit.len(), 4);
    for version in &first.terbit {
        let archived = test.path(&version.archive_path());
        assert_eq!(sha256_of(&archived), version.sha256, "{}", version.berkas);
        let built = out.join(format!("{}.pdf", version.berkas));
        assert_eq!(std::fs::read(&archived).unwrap(), std::fs::read(&built).unwrap());
        assert_eq!(entry(&out, &format!("{}.pdf", version.berkas))["id"], json!(version.id));
        assert_eq!(version.tanggal.short(), "02-06-2025");
    }
    let v1 = std::fs::read(out.join(sheet)).unwrap();
    let v1_text = test.read("terbitan.toml");

    // Issued again unchanged: nothing new, the ledger as it was.
    let said = terbit(&test, "2025-06-03");
    assert!(said.contains(&format!("unchanged: {sheet} is version 1")), "{said}");
    assert_eq!(test.read("terbitan.toml"), v1_text);

    // The output folder deleted: the ledger and archive are the project's.
    std::fs::remove_dir_all(&out).unwrap();
    test.build(&[]);
    let page = page_for(&out, sheet);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Dokumen resmi: versi 1, terbit 02-06-2025."), "{html}");
    assert_eq!(candidates(&page).len(), 1);

    // An edit is a draft until issued.
    test.edit("sops/monitoring-keamanan-informasi.yaml", "Menyiapkan", "Menyusun");
    test.build(&[]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Versi yang berlaku: versi 1, terbit 02-06-2025."), "{html}");
    let listed = candidates(&page);
    assert_eq!(listed.iter().map(|c| c["status"].clone()).collect::<Vec<_>>(), [json!("berlaku"), json!("draf")]);
    assert_eq!(listed[1]["sha256"], json!(sha256_of(&out.join(sheet))));

    // Version 2: version 1 is replaced since its day, and still verifiable
    // and downloadable.
    let said = terbit(&test, "2025-07-01");
    assert!(said.contains(&format!("issued: {sheet} version 2")), "{said}");
    assert!(said.contains("unchanged: keputusan.pdf is version 1"), "{said}");
    assert!(test.read("terbitan.toml").starts_with(&v1_text), "the ledger only grows");
    let listed = candidates(&page);
    assert_eq!(listed[0]["versi"], json!(2));
    assert_eq!(listed[0]["status"], json!("berlaku"));
    assert_eq!(listed[1]["versi"], json!(1));
    assert_eq!(listed[1]["status"], json!("digantikan"));
    assert_eq!(listed[1]["digantikan_oleh"], json!(2));
    assert_eq!(listed[1]["sejak"], json!("01-07-2025"));
    let old_pdf = page.parent().unwrap().join(listed[1]["pdf"].as_str().unwrap());
    assert_eq!(std::fs::read(&old_pdf).unwrap(), v1, "{}", old_pdf.display());
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("digantikan oleh versi 2 sejak 01-07-2025"), "{html}");

    // Renamed: the id stays, so the QR code of version 1 still leads here.
    let id = entry(&out, sheet)["id"].clone();
    std::fs::create_dir_all(test.path("sops/keamanan")).unwrap();
    std::fs::rename(test.path("sops/monitoring-keamanan-informasi.yaml"), test.path("sops/keamanan/monitoring.yaml"))
        .unwrap();
    test.build(&[]);
    let renamed = "sop/keamanan/monitoring.pdf";
    assert_eq!(entry(&out, renamed)["id"], id);
    let codes = qr_codes(&out.join(renamed), 1);
    assert_eq!(page_of(&out, &codes[0]), page, "{codes:?}");
    // Both versions, and the build: its PDF names its new path inside, so
    // it is a draft until issued.
    let statuses: Vec<Value> = candidates(&page).iter().map(|c| c["status"].clone()).collect();
    assert_eq!(statuses, [json!("berlaku"), json!("digantikan"), json!("draf")]);

    // A definition removed: its issued document still verifies, and its
    // PDF as issued is still offered.
    let other = "sop/pengelolaan-sistem-informasi-kepegawaian.pdf";
    let gone = page_for(&out, other);
    std::fs::remove_file(test.path("sops/pengelolaan-sistem-informasi-kepegawaian.yaml")).unwrap();
    test.build(&[]);
    assert!(!out.join(other).exists());
    let html = std::fs::read_to_string(&gone).unwrap();
    assert!(html.contains("tidak lagi dibuat dari definisi proyek. Versi terakhir yang terbit: versi 1"), "{html}");
    let listed = candidates(&gone);
    assert_eq!(listed.len(), 1);
    let pdf = gone.parent().unwrap().join(listed[0]["pdf"].as_str().unwrap());
    assert_eq!(sha256_of(&pdf), listed[0]["sha256"].as_str().unwrap());
}

#[test]
fn the_ledger_is_deterministic_and_a_hand_edited_one_is_refused_at_its_line() {
    let one = issuing_project("bali");
    let two = issuing_project("bali");
    terbit(&one, "2025-06-02");
    terbit(&two, "2025-06-02");
    assert_eq!(one.read("terbitan.toml"), two.read("terbitan.toml"));

    let text = one.read("terbitan.toml");
    let id = ledger(&one).terbit[0].id.clone();
    one.write("terbitan.toml", &text.replacen(&format!("id = \"{id}\""), "id = \"../../etc\"", 1));
    let output = one.run("check", &[]);
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert!(said.contains("`../../etc` is not a verification id") && said.contains("terbitan.toml:"), "{said}");

    one.write("terbitan.toml", &text.replacen("versi = 1", "versi = 3", 1));
    let said = stderr(&one.run("check", &[]));
    assert!(said.contains("version 3 of") && said.contains("follows version 0"), "{said}");
    // One id is one document, one PDF one document: no page vouches for
    // another document's PDF.
    let issued = ledger(&one).terbit;
    let (book, sheet) = (&issued[0], &issued[1]);
    assert_eq!((book.berkas.as_str(), sheet.berkas.as_str()), ("buku-sop", "sop/manajemen-risiko-spbe"));
    // The sheet's PDF as version 2 of the book.
    let forged = sopkit::model::IssuedVersion { id: book.id.clone(), versi: 2, ..sheet.clone() };
    let entry = toml::to_string(&sopkit::model::Ledger { terbit: vec![forged] }).unwrap();
    one.write("terbitan.toml", &format!("{text}\n{entry}"));
    let said = stderr(&one.run("check", &[]));
    assert!(said.contains("is the id of a document of another kind"), "{said}");
    assert!(said.contains("is already issued as document"), "{said}");
    std::fs::remove_dir_all(one.path("arsip")).unwrap();
    one.write("terbitan.toml", &text);
    let said = stderr(&one.run("check", &[]));
    assert!(said.contains("is missing or not the PDF as issued"), "{said}");
    one.write("terbitan.toml", &text.replacen("versi = 1", "versi = 3", 1));

    // Nothing is issued from a project with errors.
    let output = one.run("terbit", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("nothing was issued"), "{}", stderr(&output));
}

#[test]
fn the_qr_code_of_every_output_names_its_own_verification_page() {
    let (mut checked, mut monev_forms) = (0, 0);
    for name in ["denpasar", "bali", "panjang"] {
        let test = issuing_project(name);
        let out = test.out();
        if test.path("runs").is_dir() {
            let output = test.run("laporan", &[test.path("runs").to_str().unwrap()]);
            assert!(output.status.success(), "{}", stderr(&output));
        }
        // Denpasar's monev forms (`sopkit monev`) too.
        if name == "denpasar" {
            copy_dir(&root().join("fixtures/monev/denpasar"), &test.path("monev"));
            let output = test.run("monev", &[]);
            assert!(output.status.success(), "{}", stderr(&output));
        }
        // Reports and monev forms are issued too; the portal then verifies
        // them (publishing the forms, not the reports).
        let said = terbit(&test, "2025-06-02");
        if name == "denpasar" {
            assert!(said.contains("issued: monev/2024-s1-persandian-monitoring.pdf version 1"), "{said}");
        }
        for output in manifest(&out)["outputs"].as_array().unwrap() {
            let path = output["path"].as_str().unwrap();
            let codes = qr_codes(&out.join(path), 1);
            assert_eq!(codes.len(), 1, "{name}: {path}: {codes:?}");
            let page = page_of(&out, &codes[0]);
            let listed = candidates(&page);
            assert!(
                listed.iter().any(|c| c["sha256"] == output["sha256"] && c["status"] == "berlaku"),
                "{name}: {path}: {listed:?}"
            );
            let html = std::fs::read_to_string(&page).unwrap();
            if output["kind"] == "laporan" {
                assert!(!html.contains("download>"), "{name}: {path}: a report is not published");
            }
            if output["kind"] == "monev" {
                // The form offered is the file on the portal.
                let link = html.split("\" download>").next().and_then(|before| before.rsplit("href=\"").next());
                let link = link.unwrap_or_default().replace("&#x2f;", "/");
                let offered = page.parent().unwrap().join(&link);
                assert!(offered.is_file(), "{name}: {path}: the form offered ({link}) is not on the portal");
                assert_eq!(sha256_of(&offered), output["sha256"].as_str().unwrap(), "{name}: {path}");
                monev_forms += 1;
            }
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked} outputs");
    assert!(monev_forms >= 8, "{monev_forms} monev forms");
}

#[test]
fn every_verification_link_opens_a_page_from_a_shared_folder() {
    let test = issuing_project("denpasar");
    test.build(&[]);
    let portal = test.out().join("portal");
    let Some(browser) = Browser::for_tests() else { return };
    for (start, link) in [
        ("sop/monitoring-keamanan-informasi.html", "a[href$='index.html'][href*='verifikasi/']"),
        ("keputusan.html", "a[href$='index.html'][href*='verifikasi/']"),
        ("index.html", "nav a[href*='verifikasi/']"),
    ] {
        browser.open(&format!("file://{}", portal.join(start).display()));
        browser.click(&browser.find(link));
        assert!(
            browser.wait_for("return document.querySelector('h1') && document.querySelector('h1').textContent === 'Verifikasi dokumen'", 10),
            "{start}: {}",
            browser.run("return location.href + ' ' + document.body.innerText.slice(0, 200)", json!([]))
        );
    }
}

#[test]
fn each_issued_version_a_signed_copy_and_a_draft_are_told_apart_in_the_browser() {
    let test = issuing_project("bali");
    let out = test.out();
    let sheet = "sop/manajemen-risiko-spbe.pdf";
    let definition = "sops/manajemen-risiko-spbe.yaml";
    let output = test.run("terbit", &["--tanggal", "2025-06-02", "--sign-fields"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let keep = |name: &str| {
        let copy = test.work().join(name);
        std::fs::copy(out.join(sheet), &copy).unwrap();
        copy
    };
    let v1 = keep("versi-1.pdf");
    // Signed by a real signer (pyHanko) after it was issued.
    let v1_signed = test.work().join("versi-1-ditandatangani.pdf");
    let signed = Command::new("python3")
        .arg(root().join("tests/support/sign.py"))
        .args([&v1, &v1_signed])
        .output()
        .expect("python3 with pyHanko is needed by the tests");
    assert!(signed.status.success(), "{}", String::from_utf8_lossy(&signed.stderr));
    let text = test.read(definition);
    let step = text.lines().find_map(|l| l.trim().strip_prefix("- kegiatan: ")).unwrap().to_owned();
    test.edit(definition, &step, &format!("{step} (diperbarui)"));
    let output = test.run("terbit", &["--tanggal", "2025-07-01", "--sign-fields"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let v2 = keep("versi-2.pdf");
    test.edit(definition, &format!("{step} (diperbarui)"), &format!("{step} (draf)"));
    test.build(&["--sign-fields"]);
    let draft = keep("draf.pdf");

    let Some(browser) = Browser::for_tests() else { return };
    let page = page_for(&out, sheet);
    let said = |file: &Path| super::verification::verdict(&browser, &page, file);
    let (class, text) = said(&v2);
    assert_eq!(class, "cocok");
    assert!(text.starts_with("Cocok: dokumen resmi, versi 2 (terbit 01-07-2025)."), "{text}");
    let (class, text) = said(&v1);
    assert_eq!(class, "cocok");
    assert!(text.contains("versi 1 (terbit 02-06-2025), sudah digantikan oleh versi 2 sejak 01-07-2025"), "{text}");
    let (class, text) = said(&v1_signed);
    assert_eq!(class, "cocok");
    assert!(text.starts_with("Salinan yang ditandatangani dari versi 1"), "{text}");
    assert!(text.contains("sudah digantikan oleh versi 2"), "{text}");
    let (class, text) = said(&draft);
    assert_eq!(class, "draf", "{text}");
    let mut forged = std::fs::read(&v2).unwrap();
    forged.extend_from_slice(b"\n% catatan\n");
    let forged_path = test.work().join("versi-2-ditambah.pdf");
    std::fs::write(&forged_path, forged).unwrap();
    let (class, text) = said(&forged_path);
    assert_eq!(class, "tidak-cocok", "{text}");
}

#[test]
fn a_monev_form_older_than_its_record_is_not_issued() {
    // The record was corrected after `sopkit monev` made its forms: issuing
    // them would make official what the record no longer says.
    let test = issuing_project("denpasar");
    copy_dir(&root().join("fixtures/monev/denpasar"), &test.path("monev"));
    let made = test.run("monev", &[]);
    assert!(made.status.success(), "{}", stderr(&made));
    test.edit("monev/2024-s1-sekretariat.yaml", "penilaian: baik", "penilaian: tidak-baik");
    let output = test.run("terbit", &["--tanggal", "2025-06-02"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let said = stderr(&output);
    assert!(
        said.contains(
            "monev/2024-s1-sekretariat-monitoring.pdf does not follow monev/2024-s1-sekretariat.yaml as it is now"
        ),
        "{said}"
    );
    assert!(said.contains("monev/rekap.pdf does not follow monev as it is now"), "the recap counts it too: {said}");
    assert!(said.contains("run `sopkit monev` again"), "{said}");
    assert!(!test.path("terbitan.toml").exists(), "nothing issued");
    // A recap of some records only is not the one of the records in monev/.
    let some = test.run("monev", &[test.path("monev/2024-s1-sekretariat.yaml").to_str().unwrap()]);
    assert!(some.status.success(), "{}", stderr(&some));
    assert!(
        stderr(&some).contains("rekap.pdf counts only the records named here (1 of the 4 in monev/"),
        "{}",
        stderr(&some)
    );
    let output = test.run("terbit", &["--tanggal", "2025-06-02"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("monev/rekap.pdf does not follow monev"), "{}", stderr(&output));
    // Made again from every record, they are issued.
    let made = test.run("monev", &[]);
    assert!(made.status.success(), "{}", stderr(&made));
    let said = terbit(&test, "2025-06-02");
    assert!(said.contains("issued: monev/2024-s1-sekretariat-monitoring.pdf version 1"), "{said}");
    assert!(said.contains("issued: monev/rekap.pdf version 1"), "{said}");
}
