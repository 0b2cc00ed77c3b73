//! The verification page, in headless Chromium: the official PDF and the
//! copies a signer makes of it (pyHanko: one signature, two in turn, a
//! document timestamp, LTV data in a DSS, a signature in a small new
//! visible box) are the official version; a copy with anything else
//! appended (page 1 painted over, a FreeText note, a page, a font changed,
//! junk bytes, a signature whose /ByteRange leaves bytes out, a change
//! after a signature, a signed box moved, a new signature box over most of
//! a page, and the forgeries an adversarial review wrote: objects hidden in
//! a stream or a string for a reader that rebuilds the xref, a /Size too
//! small, a new signature widget with actions, an appearance given to an
//! empty field, the XMP title replaced behind a comment, /Info dropped) is
//! not, and the page says what it found; a truncated file and another
//! document are not either. Each
//! verdict is worded by the version's status (berlaku, digantikan, draf),
//! and files written with xref streams and object streams are read too.
//! The copies are made by tests/support/tamper.py from one build, and
//! checked in one browser session.

use serde_json::{Value, json};
use sha2::Digest;

use super::portal::file_url;
use super::support::*;
use super::webdriver::Browser;

/// The verification page whose official PDF is `pdf` (its path under
/// `pdf/`).
fn verification_page(portal: &Path, pdf: &str) -> PathBuf {
    let link = format!("pdf/{pdf}\"");
    std::fs::read_dir(portal.join("verifikasi"))
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .find(|page| std::fs::read_to_string(page).unwrap().contains(&link))
        .unwrap_or_else(|| panic!("no verification page for {pdf}"))
}

/// The page's verdict on `file`: its class and its words.
pub(super) fn verdict(browser: &Browser, page: &Path, file: &Path) -> (String, String) {
    browser.open(&file_url(page));
    browser.type_into(&browser.find("#berkas"), file.to_str().unwrap());
    let done = "return ['cocok', 'tidak-cocok', 'draf'].includes(document.getElementById('hasil-periksa').className)";
    assert!(browser.wait_for(done, 30), "{}: no verdict", file.display());
    let result = browser
        .run("const p = document.getElementById('hasil-periksa'); return [p.className, p.textContent]", json!([]));
    (result[0].as_str().unwrap().to_owned(), result[1].as_str().unwrap().to_owned())
}

/// A copy of the verification page `page`, beside it as `name`, that
/// checks files against `versions` (the page's `versi-dokumen` data).
fn page_with_versions(page: &Path, name: &str, versions: &Value) -> PathBuf {
    let html = std::fs::read_to_string(page).unwrap();
    let open = r#"<script type="application/json" id="versi-dokumen">"#;
    let start = html.find(open).unwrap() + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    let copy = page.with_file_name(name);
    std::fs::write(&copy, format!("{}{versions}{}", &html[..start], &html[end..])).unwrap();
    copy
}

fn version(versi: Option<u32>, status: &str, pdf: &Path) -> Value {
    let bytes = std::fs::read(pdf).unwrap();
    let sha256: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    json!({ "versi": versi, "status": status, "sha256": sha256, "panjang": bytes.len(),
        "terbit": versi.map(|v| format!("0{v}-06-2025")), "digantikan_oleh": null, "sejak": null, "pdf": null })
}

fn tamper(official: &Path, other: &Path, copies: &Path, names: &[&str]) {
    std::fs::create_dir_all(copies).unwrap();
    let made = Command::new("python3")
        .arg(root().join("tests/support/tamper.py"))
        .args([official, other, copies])
        .args(names)
        .output()
        .expect("python3 with pyHanko is needed by the tests");
    assert!(made.status.success(), "tamper.py: {}", String::from_utf8_lossy(&made.stderr));
}

#[test]
fn signed_copies_are_the_official_version_and_anything_else_appended_is_named() {
    let out = build(&fixture("denpasar"), &["--portal", "--sign-fields"]);
    let decree = "keputusan.pdf";
    let official = out.path().join(decree);
    let other = out.path().join("sop/monitoring-keamanan-informasi.pdf");
    let copies = out.path().join("salinan");
    tamper(&official, &other, &copies, &[]);
    // An earlier version written with an xref stream and object streams
    // (qpdf), signed and altered in turn (pyHanko then writes xref streams).
    let earlier = out.path().join("versi-1.pdf");
    tool("qpdf", &["--object-streams=generate", official.to_str().unwrap(), earlier.to_str().unwrap()]);
    let earlier_copies = out.path().join("salinan-versi-1");
    tamper(&earlier, &other, &earlier_copies, &["ditandatangani", "isi-diubah"]);
    let Some(browser) = Browser::for_tests() else { return };
    // The page checks files against the versions it lists: here the build
    // as version 1 in force, whatever the project has issued.
    let built = verification_page(&out.path().join("portal"), decree);
    let mut issued = version(Some(1), "berlaku", &official);
    issued["terbit"] = json!(null);
    let page = page_with_versions(&built, "versi-1.html", &json!([issued]));

    let (class, text) = verdict(&browser, &page, &official);
    assert_eq!(class, "cocok", "{text}");
    assert!(text.starts_with("Cocok: dokumen resmi, versi 1."), "{text}");

    // What a signer appends is the official version: the page says what
    // the updates hold and draw, and that the signature itself is checked
    // elsewhere.
    // Anything else is not, and the page says what it found.
    for (copy, class, found) in [
        (
            "ditandatangani",
            "cocok",
            "hanya memuat 1 tanda tangan elektronik; isi halamannya tidak diganti, tetapi tanda tangan menggambar di atasnya: \
             tampilan baru kotak tanda tangan yang sudah ada di halaman 2 (seluas kurang dari 1% halaman).",
        ),
        ("dua-tanda-tangan", "cocok", "hanya memuat 2 tanda tangan elektronik;"),
        ("cap-waktu", "cocok", "hanya memuat 1 tanda tangan elektronik dan cap waktu dokumen;"),
        (
            "ltv",
            "cocok",
            "hanya memuat 1 tanda tangan elektronik dan data validasi jangka panjang (DSS: sertifikat dan CRL);",
        ),
        // A signer's own small visible box is accepted, but named: what
        // it draws is not checked. A big one could hide the page.
        ("kotak-baru", "cocok", "di atasnya: kotak tanda tangan tampak baru di halaman 1 (seluas 2% halaman)."),
        (
            "kotak-besar",
            "tidak-cocok",
            "menambah kotak tanda tangan baru yang menutupi 77% halaman 1 (isi halaman dapat tertutup)",
        ),
        ("isi-diubah", "tidak-cocok", "tambahan di akhir berkas mengganti isi halaman 1"),
        ("freetext", "tidak-cocok", "menambah anotasi FreeText pada halaman 1"),
        ("halaman-tambahan", "tidak-cocok", "menambah halaman"),
        ("lebar-huruf", "tidak-cocok", "tambahan di akhir berkas mengubah font yang dipakai halaman 1"),
        ("sampah", "tidak-cocok", "33 bita tak dikenal di akhir berkas"),
        (
            "ditandatangani-lalu-diubah",
            "tidak-cocok",
            "tambahan ke-2 di akhir berkas (setelah tanda tangan) mengganti isi halaman 1",
        ),
        ("byterange-pendek", "tidak-cocok", "tidak mencakup seluruh berkas"),
        ("kotak-dipindah", "tidak-cocok", "mengubah kolom tanda tangan yang sudah ditandatangani (/Rect"),
        // Forged by hand after a signature.
        ("objek-tersembunyi", "tidak-cocok", "generasi 1, padahal objeknya generasi 0"),
        ("objek-tersembunyi", "tidak-cocok", "0 obj` dan `"),
        ("objek-dalam-string", "tidak-cocok", "menyembunyikan `"),
        ("size-kecil", "tidak-cocok", "memuat /Size 10 yang tidak melebihi setiap nomor objek"),
        ("aksi-javascript", "tidak-cocok", "menambah kolom tanda tangan yang memuat /AA (objek"),
        ("aksi-javascript", "tidak-cocok", "menambah kolom tanda tangan yang memuat /A (objek"),
        ("kotak-menutupi-halaman", "tidak-cocok", "menambah kolom tanda tangan bertampilan yang tidak ditandatangani"),
        ("tampilan-tanpa-tanda-tangan", "tidak-cocok", "mengubah tampilan kolom tanda tangan tanpa menandatanganinya"),
        (
            "xmp-judul-dalam-komentar",
            "tidak-cocok",
            "mengubah metadata dokumen (judul, pembuat, subjek atau kata kunci)",
        ),
        ("tanpa-info", "tidak-cocok", "mengganti atau membuang informasi dokumen (/Info)"),
        ("terpotong", "tidak-cocok", "tampaknya terpotong"),
        ("dokumen-lain", "tidak-cocok", "bukan versi mana pun dari dokumen ini"),
    ] {
        let (actual, text) = verdict(&browser, &page, &copies.join(format!("{copy}.pdf")));
        assert_eq!(actual, class, "{copy}: {text}");
        assert!(text.contains(found), "{copy}: {text}");
        if class == "cocok" {
            // Only what the page checked: not the signature's own bytes.
            assert!(
                text.starts_with("Salinan yang ditandatangani dari versi 1. Isinya sama dengan versi resmi itu:"),
                "{copy}: {text}"
            );
            assert!(text.contains("Keabsahan tanda tangannya tidak diperiksa di halaman ini"), "{copy}: {text}");
            assert!(text.contains("layanan verifikasi TTE resmi (BSrE)"), "{copy}: {text}");
            assert!(!text.contains("halaman-halamannya sama"), "{copy} draws on a page: {text}");
        } else {
            assert!(text.starts_with("Tidak cocok"), "{copy}: {text}");
            assert!(!text.contains("tidak berubah"), "{copy}: {text}");
        }
    }

    // The status of the version a file holds words the verdict: version 2
    // is the official build, version 1 the earlier one it replaced, and the
    // other document stands for a draft never issued.
    let mut replaced = version(Some(1), "digantikan", &earlier);
    replaced["digantikan_oleh"] = json!(2);
    replaced["sejak"] = json!("01-07-2025");
    let mut current = version(Some(2), "berlaku", &official);
    current["pdf"] = json!(format!("../../pdf/{decree}"));
    let versions =
        page_with_versions(&built, "versi-2.html", &json!([current, replaced, version(None, "draf", &other)]));
    let (class, text) = verdict(&browser, &versions, &earlier);
    assert_eq!(class, "cocok", "{text}");
    assert!(
        text.starts_with("Cocok dengan versi 1 (terbit 01-06-2025), sudah digantikan oleh versi 2 sejak 01-07-2025."),
        "{text}"
    );
    let link = browser.run("return document.querySelector('#hasil-periksa a').getAttribute('href')", json!([]));
    assert_eq!(link, json!(format!("../../pdf/{decree}")), "a replaced version links to the current one");
    for (file, class, words) in [
        (official.clone(), "cocok", "Cocok: dokumen resmi, versi 2 (terbit 02-06-2025)."),
        (
            earlier_copies.join("ditandatangani.pdf"),
            "cocok",
            "Salinan yang ditandatangani dari versi 1 (terbit 01-06-2025), sudah digantikan oleh versi 2 sejak 01-07-2025.",
        ),
        (earlier_copies.join("isi-diubah.pdf"), "tidak-cocok", "tambahan di akhir berkas mengganti isi halaman 1"),
        (other.clone(), "draf", "Cocok dengan draf yang belum diterbitkan: BUKAN dokumen resmi."),
    ] {
        let (actual, text) = verdict(&browser, &versions, &file);
        assert_eq!(actual, class, "{}: {text}", file.display());
        assert!(text.contains(words), "{}: {text}", file.display());
    }
    assert!(browser.console_errors().is_empty(), "{:?}", browser.console_errors());
}
