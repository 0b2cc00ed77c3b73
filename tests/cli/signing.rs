//! Signed-ready PDFs: signature fields a real signer (pyHanko) signs and
//! poppler validates, PDF/A-2b, the TTE footer with its QR code, and
//! signature boxes drawn where the manifest says.

use super::support::*;

#[test]
fn sign_fields_are_signed_by_a_real_signer_and_validate() {
    // The decree and the book carry the Walikota's boxes; the Bali sheet and
    // its book the Kepala Dinas's.
    for project in ["denpasar", "bali"] {
        sign_every_field(project);
    }
}

fn sign_every_field(project: &str) {
    let out = build(&fixture(project), &["--sign-fields"]);
    assert_eq!(sign_every_output(out.path()), 2, "{project}");
}

#[test]
fn no_pdfa_writes_plain_pdf() {
    let out = build(&fixture("bali"), &["--no-pdfa"]);
    assert_eq!(pdfa_identification(&out.path().join("sop/manajemen-risiko-spbe.pdf")), None);
    assert_eq!(pdfa_identification(&out.path().join("buku-sop.pdf")), None);
}

/// A copy of a fixture with the TTE footer and markers switched on.
fn project_with_tte(name: &str) -> TestProject {
    let test = TestProject::copy(name);
    let config = test.read("sopkit.toml");
    test.write(
        "sopkit.toml",
        &format!(
            "{config}\n[tte]\nfooter = true\nurl = \"https://tte.example.go.id/verifikasi/{{jenis}}/{{id}}\"\npenanda = [\"#\", \"$\"]\n"
        ),
    );
    test
}

#[test]
fn the_tte_footer_carries_a_readable_qr_code_on_every_page_and_markers_are_unique() {
    let test = project_with_tte("denpasar");
    let project = test.root.clone();
    let out = build(&project, &[]);
    let manifest = manifest(out.path());
    let notice = "Balai Sertifikasi Elektronik (BSrE)";
    for entry in manifest["outputs"].as_array().unwrap() {
        let pdf = out.path().join(entry["path"].as_str().unwrap());
        let pages = entry["pages"].as_u64().unwrap() as usize;
        let text = squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
        assert_eq!(text.matches(notice).count(), pages, "{}: the notice on every page", pdf.display());
        // Every signer has a marker of their own, printed once in the box.
        let markers: Vec<&str> =
            entry["signatures"].as_array().unwrap().iter().map(|s| s["marker"].as_str().unwrap()).collect();
        for marker in &markers {
            assert_eq!(text.matches(marker).count(), markers.iter().filter(|m| *m == marker).count());
        }
    }
    // The decree's two boxes belong to two roles: two distinct markers.
    let decree = &manifest["outputs"].as_array().unwrap().iter().find(|e| e["kind"] == "keputusan").unwrap();
    let markers: Vec<&str> =
        decree["signatures"].as_array().unwrap().iter().map(|s| s["marker"].as_str().unwrap()).collect();
    assert_eq!(markers, ["#", "$"]);
    // The QR code decodes to the document's verification URL, the same on
    // every page and different per document.
    let sheet = out.path().join("sop/monitoring-keamanan-informasi.pdf");
    let first = qr_codes(&sheet, 1);
    assert_eq!(first.len(), 1, "{first:?}");
    let url = &first[0];
    let id = url.strip_prefix("https://tte.example.go.id/verifikasi/sop/").expect("the configured pattern");
    assert!(id.len() == 16 && id.chars().all(|c| c.is_ascii_hexdigit()), "{url}");
    assert_eq!(&qr_codes(&sheet, 2), &first);
    assert!(qr_codes(&out.path().join("keputusan.pdf"), 1)[0].contains("/verifikasi/keputusan/"));
    // Without [tte], nothing of it is printed.
    let plain = build(&fixture("denpasar"), &[]);
    let text = pdf_text(&plain.path().join("keputusan.pdf"));
    assert!(!text.contains(notice) && !text.contains('#'));
    assert!(manifest_markers_absent(&plain.path().join("manifest.json")));
}

fn manifest_markers_absent(path: &Path) -> bool {
    !std::fs::read_to_string(path).unwrap().contains("\"marker\"")
}

#[test]
fn bad_tte_settings_are_located_in_sopkit_toml() {
    let test = TestProject::copy("bali");
    let config = test.read("sopkit.toml");
    test.write("sopkit.toml", &format!("{config}\n[tte]\nfooter = true\npenanda = [\"#\", \"AB\", \"#\"]\n"));
    let output = test.run("check", &[]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    for expected in [
        "marker `AB` must be exactly one character",
        "marker `#` is given twice",
        "a TTE footer needs the verification URL",
        "sopkit.toml:",
    ] {
        assert!(errors.contains(expected), "{expected:?} in:\n{errors}");
    }
    // A URL no QR code can hold is refused, not printed as an empty code.
    let long = format!("https://tte.example.go.id/{}/{{id}}", "v".repeat(1200));
    test.write("sopkit.toml", &format!("{config}\n[tte]\nfooter = true\nurl = \"{long}\"\n"));
    let output = test.run("check", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the verification URL is too long for a QR code"), "{}", stderr(&output));
}

#[test]
fn signature_boxes_are_drawn_within_1pt_of_the_manifest() {
    let mut checked = 0;
    for project in ["bali", "denpasar"] {
        let out = build(&fixture(project), &[]);
        for entry in manifest(out.path())["outputs"].as_array().unwrap() {
            let pdf = out.path().join(entry["path"].as_str().unwrap());
            for signature in entry["signatures"].as_array().unwrap() {
                assert_box_drawn_at(&pdf, signature);
                checked += 1;
            }
        }
    }
    assert!(checked >= 6, "{checked}");
}

/// `[tte] kolom_tanda_tangan = true` adds the empty signature fields that
/// `--sign-fields` adds, to every output of a build and of a report,
/// without the flag; poppler sees each as an unsigned signature field.
#[test]
fn a_project_asks_for_signature_fields_once() {
    let test = TestProject::copy("denpasar");
    test.write("sopkit.toml", &format!("{}\n[tte]\nkolom_tanda_tangan = true\n", test.read("sopkit.toml")));
    test.build(&[]);
    let listed = manifest(&test.out());
    let signatures: Vec<&Value> =
        listed["outputs"].as_array().unwrap().iter().flat_map(|o| o["signatures"].as_array().unwrap()).collect();
    assert!(!signatures.is_empty() && signatures.iter().all(|s| s["field"].is_string()), "{signatures:?}");
    let sheet = test.out().join("keputusan.pdf");
    // qpdf reads the form: a signature field (`/FT /Sig`) per box.
    let form = tool("qpdf", &["--json", sheet.to_str().unwrap()]);
    let boxes = signatures.iter().filter(|s| s["field"].as_str().is_some_and(|f| !f.is_empty())).count();
    assert!(form.contains("\"hasacroform\": true") && form.contains("\"fieldtype\": \"/Sig\"") && boxes >= 2, "{form}");
    // Without the setting, none.
    let plain_out = build(&fixture("denpasar"), &[]);
    let plain = manifest(plain_out.path());
    assert!(
        plain["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|o| o["signatures"].as_array().unwrap())
            .all(|s| s["field"].is_null())
    );
}
