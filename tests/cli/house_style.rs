//! The agency's house style, set in `sopkit.toml` under `[format]` without
//! a template: Legal paper, dates without a leading zero, blank
//! terminators, the procedure table's own header words and its column
//! numbering row, as a reader sees them in the PDFs and the portal; and
//! `check` pointing at a bad value.

use super::reader::{defects, read_drawing, unseen_inks};
use super::support::*;

/// The page size of `pdf`'s first page, as pdfinfo prints it.
fn page_size(pdf: &Path) -> String {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let line = info.lines().find(|l| l.starts_with("Page size:")).expect("pdfinfo prints the page size");
    line.trim_start_matches("Page size:").trim().to_owned()
}

/// The words of `pdf`, as pdftotext reads them.
fn words(pdf: &Path) -> Vec<String> {
    pdf_text(pdf).split(' ').map(str::to_owned).collect()
}

/// The denpasar project dated the 7th (a day that shows the leading zero),
/// with `format` added under `[format]` and `tables` appended.
fn denpasar_with(format: &str, tables: &str) -> TestProject {
    let test = TestProject::copy("denpasar");
    test.edit("sopkit.toml", "paper = \"f4\"\n", format);
    test.write("sopkit.toml", &format!("{}\n{tables}", test.read("sopkit.toml")));
    for file in [
        "sops/monitoring-keamanan-informasi.yaml",
        "sops/pengelolaan-sistem-informasi-kepegawaian.yaml",
        "keputusan.yaml",
    ] {
        test.edit(file, "2023-09-27", "2023-09-07");
    }
    test
}

#[test]
fn legal_paper_plain_dates_and_own_headers_print_as_set() {
    let test = denpasar_with(
        "paper = \"legal\"\ntanggal = \"2 Januari 2025\"\n",
        "[format.judul_kolom]\nkegiatan = \"Uraian Prosedur\"\n",
    );
    test.build(&["--portal"]);
    let out = test.out();
    let sheet = out.join("sop/monitoring-keamanan-informasi.pdf");
    assert_eq!(page_size(&sheet), "1008 x 612 pts", "Legal, landscape");
    assert_eq!(page_size(&out.join("buku-sop.pdf")), "612 x 1008 pts", "the book's cover: Legal, portrait");
    let text = pdf_text(&sheet);
    assert!(text.contains("7 September 2023") && !text.contains("07 September"), "{text}");
    assert!(text.contains("Uraian Prosedur") && !words(&sheet).contains(&"Aktivitas".to_owned()), "{text}");
    for document in ["keputusan.pdf", "buku-sop.pdf"] {
        let text = pdf_text(&out.join(document)).to_lowercase();
        assert!(text.contains("7 september 2023"), "{document}: {text}");
        assert!(!text.contains("07 september"), "{document}: {text}");
    }
    let page = std::fs::read_to_string(out.join("portal/sop/monitoring-keamanan-informasi.html")).unwrap();
    assert!(page.contains(">Uraian Prosedur</th>"), "the portal's table header follows");
    for html in [page, std::fs::read_to_string(out.join("portal/keputusan.html")).unwrap()] {
        assert!(html.contains("7 September 2023") && !html.contains("07 September 2023"), "{html}");
    }
}

#[test]
fn legal_portrait_is_the_other_way_round_and_dates_keep_their_zero_by_default() {
    let test = denpasar_with("paper = \"legal\"\norientation = \"portrait\"\n", "");
    test.edit("sopkit.toml", "orientation = \"landscape\"\n", "");
    test.build(&["--portal"]);
    let sheet = test.out().join("sop/monitoring-keamanan-informasi.pdf");
    assert_eq!(page_size(&sheet), "612 x 1008 pts");
    assert!(pdf_text(&sheet).contains("07 September 2023"));
    let page = std::fs::read_to_string(test.out().join("portal/sop/monitoring-keamanan-informasi.html")).unwrap();
    assert!(page.contains("07 September 2023"), "{page}");
}

#[test]
fn terminators_are_left_blank_when_the_agency_leaves_them_blank() {
    let terminator_words = |test: &TestProject| -> Vec<String> {
        test.build(&["--only", "pendataan-sosial"]);
        let sheet = test.out().join("sop/pendataan-sosial.pdf");
        words(&sheet).into_iter().filter(|w| w == "Mulai" || w == "Selesai").collect()
    };
    let test = TestProject::copy("panjang");
    assert_eq!(terminator_words(&test), ["Mulai", "Selesai"], "today's default prints them");
    test.edit("sopkit.toml", "[format]\n", "[format]\ntulisan_terminator = \"tidak\"\n");
    assert!(terminator_words(&test).is_empty());
}

#[test]
fn the_column_numbers_print_under_the_header_on_every_page_of_the_table() {
    let test = TestProject::copy("panjang");
    // A margin at which, were the row not counted, a page's steps would
    // run into the rules at its foot.
    test.edit("sopkit.toml", "[format]\n", "[format]\nmargin_mm = 14\n");
    let sheet = test.out().join("sop/pengujian-aplikasi.pdf");
    let build = || test.build(&["--only", "pengujian-aplikasi"]);
    build();
    let pages_without = pdf_pages(&sheet);
    test.edit("sopkit.toml", "[format]\n", "[format]\nnomor_kolom = \"ya\"\n");
    build();
    let pages = pdf_pages(&sheet);
    assert!(pages <= pages_without + 1, "{pages} pages, {pages_without} without the numbers");
    // No, Kegiatan, five actors, three mutu baku columns, Keterangan.
    let numbers: Vec<String> = (1..=11).map(|n| format!("({n})")).collect();
    let mut table_pages = 0;
    for page in 1..=pages {
        let page_number = page.to_string();
        let text =
            squash(&tool("pdftotext", &["-raw", "-f", &page_number, "-l", &page_number, sheet.to_str().unwrap(), "-"]));
        if !text.contains("PROSEDUR:") {
            continue;
        }
        table_pages += 1;
        let words: Vec<&str> = text.split(' ').collect();
        let printed: Vec<&str> = words.iter().copied().filter(|w| w.starts_with('(') && w.ends_with(')')).collect();
        assert!(numbers.iter().all(|n| printed.contains(&n.as_str())), "page {page}: {printed:?}");
        assert!(!printed.contains(&"(12)"), "page {page}: a number for each column, no more: {printed:?}");
    }
    assert!(table_pages > 1, "the table runs over several pages ({table_pages})");
    // The numbering row's height is counted when pages are broken.
    assert_steps_end_above_the_bottom_margin(&test, "");
    let drawing = read_drawing(&sheet);
    assert_eq!(unseen_inks(&drawing), [], "the reader sees the flowchart");
    assert_eq!(defects(&drawing), Vec::<String>::new(), "no step runs off its page, nothing overlaps");
}

/// Every table page's steps, in the sheets whose path contains `sheets`,
/// end above the bottom margin less the 2 pt of the rules; returns how many
/// table pages there are.
fn assert_steps_end_above_the_bottom_margin(test: &TestProject, sheets: &str) -> usize {
    let config: sopkit::model::ProjectConfig = toml::from_str(&test.read("sopkit.toml")).unwrap();
    let page = sopkit::layout::page::PageGeometry::of(&config);
    let bottom = page.height - page.margin_bottom - 2.0;
    let mut pages = 0;
    for (document, records) in geometry(&test.root).iter().filter(|(document, _)| document.contains(sheets)) {
        for end in records.iter().filter(|r| r["kind"] == "body-end") {
            pages += 1;
            let y = num(end, "y");
            assert!(y <= bottom + 0.01, "{document} page {}: the steps end at {y}, below {bottom}", end["page"]);
        }
    }
    pages
}

#[test]
fn check_points_at_a_bad_house_style_value_in_both_languages() {
    let test = denpasar_with(
        "paper = \"legal\"\ntanggal = \"2 Jan 2025\"\ntulisan_terminator = false\n",
        "[format.judul_kolom]\nkegiatan = \" \"\n",
    );
    let root = test.root.to_str().unwrap();
    let english = stderr(&sopkit(&["check", root]));
    assert!(english.contains("`2 Jan 2025` is not a date style"), "{english}");
    assert!(english.contains("sopkit.toml:48:11"), "{english}");
    assert!(english.contains("the header of column `kegiatan` is empty"), "{english}");
    assert!(english.contains("sopkit.toml:53:12"), "{english}");
    let indonesian = stderr(&sopkit_in("id_ID.UTF-8", &["check", root]));
    assert!(indonesian.contains("`2 Jan 2025` bukan gaya tanggal"), "{indonesian}");
    assert!(indonesian.contains("judul kolom `kegiatan` kosong"), "{indonesian}");

    test.edit("sopkit.toml", "tulisan_terminator = false", "tulisan_terminator = \"mungkin\"");
    let indonesian = stderr(&sopkit_in("id_ID.UTF-8", &["check", root]));
    assert!(indonesian.contains("`mungkin` bukan ya atau tidak"), "{indonesian}");
    assert!(indonesian.contains("sopkit.toml:49:22"), "{indonesian}");
}

#[test]
fn check_names_the_allowed_values_of_a_bad_choice_in_the_users_language() {
    let test = denpasar_with("paper = \"B5\"\n", "");
    let root = test.root.to_str().unwrap();
    let indonesian = sopkit_in("id_ID.UTF-8", &["check", root]);
    assert_eq!(indonesian.status.code(), Some(1));
    let indonesian = stderr(&indonesian);
    assert!(indonesian.contains("`B5` bukan salah satu dari: f4, a4, letter, legal"), "{indonesian}");
    assert!(indonesian.contains("sopkit.toml:47:9"), "{indonesian}");
    let english = stderr(&sopkit(&["check", root]));
    assert!(english.contains("`B5` is not one of: f4, a4, letter, legal"), "{english}");
}

/// Denpasar's house style with a fourth mutu baku column: Persyaratan
/// (Kelengkapan's values) twice as wide as Sumber Data, the project's own.
const OWN_COLUMNS: &str = "mutu_baku = [
  { kolom = \"kelengkapan\", judul = \"Persyaratan\", lebar = 16 },
  { kolom = \"waktu\" },
  { kolom = \"sumber_data\", judul = \"Sumber Data\", lebar = 8 },
  { kolom = \"output\" },
]
";

/// The left edge of every word `word` on `page` of `pdf`, as
/// `pdftotext -bbox` reads them.
fn word_lefts(pdf: &Path, page: usize, word: &str) -> Vec<f64> {
    let page = page.to_string();
    let html = tool("pdftotext", &["-bbox", "-f", &page, "-l", &page, pdf.to_str().unwrap(), "-"]);
    html.lines()
        .filter(|line| line.contains(&format!(">{word}</word>")))
        .filter_map(|line| line.split("xMin=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect()
}

#[test]
fn the_projects_own_mutu_baku_columns_print_in_their_order_in_the_sheet_and_the_portal() {
    let test = denpasar_with(&format!("paper = \"f4\"\n{OWN_COLUMNS}"), "");
    let file = "sops/monitoring-keamanan-informasi.yaml";
    test.edit(
        file,
        "    waktu: 1 x 8 jam\n    output: daftar aplikasi",
        "    waktu: 1 x 8 jam\n    mutu_baku:\n      sumber_data: SIMPEG\n    output: daftar aplikasi",
    );
    test.build(&["--portal"]);
    let sheet = test.out().join("sop/monitoring-keamanan-informasi.pdf");
    let text = pdf_text(&sheet);
    assert!(text.contains("Persyaratan") && text.contains("Sumber Data"), "{text}");
    assert!(!text.contains("Ketersediaan"), "the profile's Kelengkapan header gives way: {text}");
    let table_page = (1..=pdf_pages(&sheet)).find(|&p| !word_lefts(&sheet, p, "Persyaratan").is_empty()).unwrap();
    let left = |word: &str| word_lefts(&sheet, table_page, word)[0];
    let order = ["Persyaratan", "Waktu", "Sumber", "Output", "Keterangan"].map(left);
    assert!(order.is_sorted(), "the header reads in the project's order: {order:?}");
    let simpeg = left("SIMPEG");
    assert!(order[1] < simpeg && simpeg < order[3], "the step's value is in its column: {simpeg} {order:?}");
    let drawing = read_drawing(&sheet);
    assert_eq!(defects(&drawing), Vec::<String>::new(), "the flowchart is drawn as before");

    let page = std::fs::read_to_string(test.out().join("portal/sop/monitoring-keamanan-informasi.html")).unwrap();
    let headers = ["Persyaratan", "Waktu", "Sumber Data", "Output"]
        .map(|h| format!("<th scope=\"col\" role=\"columnheader\">{h}</th>"));
    assert!(page.contains(&headers.concat()), "{page}");
    // Each value labelled with its column, for the step's card on a phone.
    let values = [("Waktu", "1 x 8 jam"), ("Sumber Data", "SIMPEG"), ("Output", "daftar aplikasi")]
        .map(|(h, v)| format!("<td role=\"cell\" data-label=\"Mutu Baku: {h}\">{v}"));
    assert!(page.contains(&values.join("</td>")), "{page}");
}

#[test]
fn check_points_at_an_unknown_mutu_baku_column_and_a_value_without_one_in_both_languages() {
    let test = denpasar_with(
        "paper = \"f4\"\nmutu_baku = [{ kolom = \"kelengkapn\" }, { kolom = \"waktu\" }, { kolom = \"output\" }]\n",
        "",
    );
    let file = "sops/monitoring-keamanan-informasi.yaml";
    test.edit(file, "    waktu: 1 x 8 jam\n", "    waktu: 1 x 8 jam\n    mutu_baku: { sumber_dta: SIMPEG }\n");
    let root = test.root.to_str().unwrap();
    let english = sopkit(&["check", root]);
    assert_eq!(english.status.code(), Some(1));
    let english = stderr(&english);
    assert!(english.contains("`kelengkapn` is not a mutu baku column"), "{english}");
    assert!(english.contains("did you mean `kelengkapan`?"), "{english}");
    assert!(english.contains("sopkit.toml:48:24"), "{english}");
    // Steps are not held against columns that are themselves wrong.
    assert!(!english.contains("sumber_dta"), "{english}");
    let indonesian = stderr(&sopkit_in("id_ID.UTF-8", &["check", root]));
    assert!(indonesian.contains("`kelengkapn` bukan kolom mutu baku"), "{indonesian}");
    assert!(indonesian.contains("mungkin maksudnya `kelengkapan`?"), "{indonesian}");

    test.edit("sopkit.toml", "\"kelengkapn\" }", "\"kelengkapan\" }, { kolom = \"sumber_data\", judul = \"Sumber\" }");
    let english = sopkit(&["check", root]);
    assert_eq!(english.status.code(), Some(1));
    let english = stderr(&english);
    assert!(english.contains("the project has no mutu baku column `sumber_dta`"), "{english}");
    assert!(english.contains("did you mean `sumber_data`?"), "{english}");
    assert!(english.contains("monitoring-keamanan-informasi.yaml:49:18"), "{english}");
    let indonesian = stderr(&sopkit_in("id_ID.UTF-8", &["check", root]));
    assert!(indonesian.contains("proyek tidak punya kolom mutu baku `sumber_dta`"), "{indonesian}");
    assert!(indonesian.contains("monitoring-keamanan-informasi.yaml:49:18"), "{indonesian}");

    // A column key no step could write, and Kelengkapan's values with no
    // column left to print them.
    test.edit("sopkit.toml", "{ kolom = \"kelengkapan\" }, { kolom = \"sumber_data\"", "{ kolom = \"sumber data\"");
    let english = stderr(&sopkit(&["check", root]));
    assert!(english.contains("`sumber data` cannot be a step's key"), "{english}");
    test.edit("sopkit.toml", "\"sumber data\"", "\"sumber_dta\"");
    let english = stderr(&sopkit(&["check", root]));
    assert!(english.contains("the project prints no mutu baku column `kelengkapan`"), "{english}");
    assert!(english.contains("monitoring-keamanan-informasi.yaml:47:18"), "{english}");
}

/// What pdftotext reads on `page` of `pdf`, on one line.
fn page_text(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    squash(&tool("pdftotext", &["-f", &page, "-l", &page, pdf.to_str().unwrap(), "-"]))
}

#[test]
fn a_long_identity_part_fits_its_first_page_as_the_originals_do() {
    // The last words of each list, and the signer, all on the first page.
    let identity = [
        "NIP. 197001011990031001",
        "Lingkungan Pemerintah Kota Denpasar.",
        "Perangkat Daerah",
        "SOP Monitoring Keamanan Informasi",
        "Email dinas",
        "ditandai tidak aman oleh peramban.",
        "Dicatat dalam register nama domain dan subdomain",
    ];
    for (profile, paper) in [("denpasar", "f4"), ("bali", "f4"), ("permenpan", "a4")] {
        let test = TestProject::copy("identitas");
        test.edit(
            "sopkit.toml",
            "profile = \"denpasar\"\npaper = \"f4\"",
            &format!("profile = \"{profile}\"\npaper = \"{paper}\""),
        );
        test.build(&[]);
        let sheet = test.out().join("sop/pengelolaan-nama-domain.pdf");
        let first = page_text(&sheet, 1);
        for words in identity {
            assert!(first.contains(words), "{profile}: page 1 lacks {words:?}: {first}");
        }
        let second = page_text(&sheet, 2);
        assert!(
            second.contains("Mengajukan permohonan nama domain"),
            "{profile}: the procedure starts on page 2: {second}"
        );
        assert!(!second.contains("Email dinas"), "{profile}: nothing of the identity part on page 2: {second}");
        assert_eq!(pdf_pages(&sheet), 2, "{profile}: the identity part and a page of procedure");
    }
}

#[test]
fn the_procedure_starts_on_the_identity_page_where_it_fits_when_the_project_says_so() {
    let test = TestProject::copy("panjang");
    let sheet = test.out().join("sop/pendataan-sosial.pdf");
    let build = || test.build(&["--only", "pendataan-sosial"]);
    build();
    let pages_before = pdf_pages(&sheet);
    assert!(!page_text(&sheet, 1).contains("PROSEDUR:"), "by default the table has pages of its own");
    test.edit("sopkit.toml", "[format]\n", "[format]\nprosedur_di_halaman_identitas = \"ya\"\n");
    build();
    assert_eq!(pdf_pages(&sheet), pages_before - 1, "a page fewer");
    let first = page_text(&sheet, 1);
    assert!(first.contains("Pencatatan dan Pendataan:"), "{first}");
    for words in ["PROSEDUR: PENDATAAN PENERIMA BANTUAN SOSIAL TERPADU", "Kelengkapan", "Menerima surat permintaan"] {
        assert!(first.contains(words), "page 1 has the table's header and first step: {first}");
    }
    // Pages are broken with the identity part's height counted.
    let pages = assert_steps_end_above_the_bottom_margin(&test, "pendataan-sosial");
    assert_eq!(pages, pages_before - 1, "a table on every page, the first included");
    let drawing = read_drawing(&sheet);
    assert_eq!(unseen_inks(&drawing), [], "the reader sees the flowchart");
    assert_eq!(defects(&drawing), Vec::<String>::new(), "no step runs off its page, nothing overlaps");

    // An identity part that fills its page leaves the table a page of its own.
    let long = TestProject::copy("identitas");
    long.edit("sopkit.toml", "[format]\n", "[format]\nprosedur_di_halaman_identitas = true\n");
    long.build(&[]);
    let sheet = long.out().join("sop/pengelolaan-nama-domain.pdf");
    assert_eq!(pdf_pages(&sheet), 2);
    assert!(page_text(&sheet, 2).contains("Mengajukan permohonan nama domain"));
}

/// A long Kelengkapan on every step, as real sheets write the documents a
/// step needs: in fixed shares its column makes every row five lines tall;
/// with `lebar_kolom_menurut_isi` it takes the room the nearly empty Waktu
/// and the empty Keterangan leave, the rows shrink and the sheet loses a
/// page, with nothing drawn wrong.
#[test]
fn text_columns_as_wide_as_their_content_save_the_pages_a_long_kelengkapan_costs() {
    let long = "Daftar aplikasi, jadwal monitoring, dokumen pendukung, laporan hasil monitoring sebelumnya, catatan temuan, berita acara, surat tugas, dan formulir isian pemeriksaan";
    let built = |format: &str| {
        let test = denpasar_with(format, "");
        let path = "sops/monitoring-keamanan-informasi.yaml";
        let text: String = test
            .read(path)
            .lines()
            .map(|line| {
                if line.starts_with("    kelengkapan: ") { format!("    kelengkapan: {long}") } else { line.to_owned() }
            })
            .collect::<Vec<_>>()
            .join("\n");
        test.write(path, &(text + "\n"));
        test.build(&["--only", "monitoring-keamanan-informasi"]);
        test
    };
    let fixed = built("paper = \"f4\"\n");
    let by_content = built("paper = \"f4\"\nlebar_kolom_menurut_isi = true\n");
    let pdf = |test: &TestProject| test.out().join("sop/monitoring-keamanan-informasi.pdf");
    let (before, after) = (pdf_pages(&pdf(&fixed)), pdf_pages(&pdf(&by_content)));
    assert!(after < before, "{before} pages in fixed shares, {after} by content");
    // Kelengkapan's column is wider, Waktu's narrower (their headers' left
    // edges on the first table page).
    let left = |test: &TestProject, word: &str| word_lefts(&pdf(test), 2, word)[0];
    let kelengkapan = |test: &TestProject| left(test, "Waktu") - left(test, "Ketersediaan");
    assert!(kelengkapan(&by_content) > kelengkapan(&fixed) * 1.3);
    assert_all_printed(&pdf(&by_content), &by_content.path("sops/monitoring-keamanan-informasi.yaml"));
    let drawing = read_drawing(&pdf(&by_content));
    assert!(defects(&drawing).is_empty() && unseen_inks(&drawing).is_empty(), "{:?}", defects(&drawing));
}
