//! The official SOP sheet: every field and step of the seeds printed,
//! profiles' labels, user text printed literally, the logo in the kop.

use super::support::*;

#[test]
fn denpasar_sheets_carry_every_field_and_step_of_the_seed() {
    let out = build(&fixture("denpasar"), &[]);
    for stem in ["pengelolaan-sistem-informasi-kepegawaian", "monitoring-keamanan-informasi"] {
        let pdf = out.path().join(format!("sop/{stem}.pdf"));
        assert_all_printed(&pdf, &fixture("denpasar").join(format!("sops/{stem}.yaml")));
        let text = pdf_text(&pdf);
        // The denpasar profile's labels and letterhead.
        for label in ["Aktivitas", "Ketersediaan", "Tanggal Efektif", "27 September 2023", "(0361) 431229", "PROSEDUR"]
        {
            assert!(text.contains(label), "{stem} lacks {label:?}");
        }
        assert!(!text.contains("Disahkan oleh"), "Denpasar sheets have no Disahkan oleh row");
        let pages = pdf_pages(&pdf);
        assert!(text.contains(&format!("Halaman {pages} dari {pages}")), "{stem}: page numbers");
    }
    // The seed's monitoring SOP has 6 actors: all columns are printed.
    let text = pdf_text(&out.path().join("sop/monitoring-keamanan-informasi.pdf"));
    for actor in
        ["Pelaksana Operasional", "JF Sandiman", "Kepala Bidang", "Perangkat Daerah", "Pengembang", "Kepala Dinas"]
    {
        assert!(text.contains(actor));
    }
}

#[test]
fn bali_sheet_has_its_validity_range_pembaharuan_and_aksara_bali() {
    let out = build(&fixture("bali"), &[]);
    let pdf = out.path().join("sop/manajemen-risiko-spbe.pdf");
    assert_all_printed(&pdf, &fixture("bali").join("sops/manajemen-risiko-spbe.yaml"));
    let text = pdf_text(&pdf);
    for expected in [
        "09 Januari 2023 – 31 Desember 2023",
        "PEMBAHARUAN",
        "Pembaharuan terkait SOP ini Meliputi:",
        "TGL. REVISI : -",
        "DISAHKAN OLEH",
        "STANDARD OPERATIONAL PROCEDURES (SOP) MANAJEMEN RISIKO SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK",
        "Perubahan Nama Jabatan Sub Koordinator Aplikasi Menjadi Ketua Tim Kerja Aplikasi Informatika",
        // "Bali" in Aksara Bali; pdftotext repeats some shaped clusters of
        // the rest of the line, so the check stays on an unshaped word.
        "ᬩᬮᬶ",
    ] {
        assert!(text.contains(expected), "lacks {expected:?}\n{text}");
    }
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.contains("NotoSansBalinese") && fonts.contains("LiberationSans"), "embedded fonts:\n{fonts}");
    // The signature box of "Disahkan oleh" is in the manifest.
    let manifest = manifest(out.path());
    let signatures = manifest["outputs"][0]["signatures"].as_array().unwrap();
    assert_eq!(signatures.len(), 1);
    assert_eq!(signatures[0]["role"], "disahkan_oleh");
    assert_eq!(signatures[0]["page"], 1);
    assert_eq!(signatures[0]["field"], Value::Null);
    let rect: Vec<f64> = signatures[0]["rect_pt"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    let top_left: Vec<f64> =
        signatures[0]["rect_top_left_pt"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert!((rect[2] - rect[0] - 34.0).abs() < 0.01 && (rect[3] - rect[1] - 34.0).abs() < 0.01);
    // F4 landscape is 215 mm = 609.45 pt high: both origins describe one box.
    assert!((rect[1] - (609.45 - top_left[1] - top_left[3])).abs() < 0.05, "{rect:?} vs {top_left:?}");
}

#[test]
fn markup_characters_in_definitions_print_literally() {
    let out = build(&fixture("panjang"), &[]);
    let text = pdf_text(&out.path().join("sop/pengujian-aplikasi.pdf"));
    let nasty =
        r#"Mencetak #laporan $100 *tebal* _miring_ `kode` \ [kurung] <label> @ref = - + / ~ "kutip" // bukan komentar"#;
    assert!(text.contains(nasty), "{text}");
}

#[test]
fn a_logo_is_printed_in_the_kop() {
    let test = TestProject::copy("bali");
    let project = test.root.clone();
    // A 2x2 red PNG.
    let png: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00,
        0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x44, 0x0c, 0x10, 0x0a, 0x00, 0x1f,
        0xee, 0x03, 0xfd, 0x8b, 0x5f, 0x14, 0xd4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
        0x82,
    ];
    std::fs::write(project.join("logo.png"), png).unwrap();
    let config = project.join("sopkit.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replace("unit_utama = \"aptika\"", "unit_utama = \"aptika\"\nlogo = \"logo.png\""))
        .unwrap();
    let out = build(&project, &[]);
    let images = tool("pdfimages", &["-list", out.path().join("sop/manajemen-risiko-spbe.pdf").to_str().unwrap()]);
    assert_eq!(images.lines().count(), 3, "one image under the header lines: {images}");
    // A logo that does not exist is located in sopkit.toml.
    std::fs::remove_file(project.join("logo.png")).unwrap();
    let failed = sopkit(&["check", project.to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(stderr(&failed).contains("file `logo.png` not found"), "{}", stderr(&failed));
    assert!(stderr(&failed).contains("sopkit.toml:"), "{}", stderr(&failed));
}

#[test]
fn a_maksud_tujuan_is_printed_on_the_first_page_and_the_portal_only_when_given() {
    let test = TestProject::copy("denpasar");
    let purpose = "Menjamin aplikasi Pemerintah Daerah aman & tersedia bagi pengguna";
    test.edit(
        "sops/monitoring-keamanan-informasi.yaml",
        "nama: Monitoring Keamanan Informasi\n",
        &format!("nama: Monitoring Keamanan Informasi\nmaksud_tujuan: {purpose}\n"),
    );
    test.build(&["--portal"]);
    let first_page = |stem: &str| {
        let pdf = test.out().join(format!("sop/{stem}.pdf"));
        squash(&tool("pdftotext", &["-raw", "-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"]))
    };
    let given = first_page("monitoring-keamanan-informasi");
    assert!(given.contains(&format!("Maksud dan Tujuan: {purpose}")), "{given}");
    let absent = first_page("pengelolaan-sistem-informasi-kepegawaian");
    assert!(!absent.contains("Maksud") && !absent.contains("Tujuan"), "{absent}");

    let page = |stem: &str| std::fs::read_to_string(test.out().join(format!("portal/sop/{stem}.html"))).unwrap();
    let given = page("monitoring-keamanan-informasi");
    assert!(given.contains("<h3>Maksud dan Tujuan</h3>"), "{given}");
    assert!(given.contains("Menjamin aplikasi Pemerintah Daerah aman &amp; tersedia bagi pengguna"), "{given}");
    assert!(!page("pengelolaan-sistem-informasi-kepegawaian").contains("Maksud dan Tujuan"));
    // The search finds an SOP by its purpose.
    let index = std::fs::read_to_string(test.out().join("portal/aset/indeks.js")).unwrap();
    assert!(index.contains(&format!("\"maksud_tujuan\":\"{purpose}\"")), "{index}");
}

/// A Keterkaitan item written as another SOP's nomor or file name prints
/// that SOP's name and nomor on the sheet; an item naming something outside
/// the project prints as written.
#[test]
fn keterkaitan_by_nomor_or_file_name_prints_the_sops_name_and_nomor() {
    let test = TestProject::copy("denpasar");
    test.edit(
        "sops/pengelolaan-sistem-informasi-kepegawaian.yaml",
        "keterkaitan:\n",
        "keterkaitan:\n  - 061/2293/DKIS\n  - monitoring-keamanan-informasi\n",
    );
    test.build(&["--only", "pengelolaan-sistem-informasi-kepegawaian"]);
    let text = pdf_text(&test.out().join("sop/pengelolaan-sistem-informasi-kepegawaian.pdf"));
    assert_eq!(text.matches("SOP Monitoring Keamanan Informasi (061/2293/DKIS)").count(), 2, "{text}");
    assert!(text.contains("SOP Pemantauan Absensi Harian Pegawai"), "as written: {text}");
}
