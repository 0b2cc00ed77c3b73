//! The Keputusan and its lampiran: the seed decree reproduced, lampiran rows
//! merged from definitions and spreadsheets (xlsx, xls, ods).

use super::support::*;

#[test]
fn the_keputusan_reproduces_the_seed_decree_with_all_73_lampiran_rows() {
    let out = build(&fixture("denpasar"), &[]);
    let pdf = out.path().join("keputusan.pdf");
    // Lines broken after a hyphen, and colons set in their own column.
    let norm = |text: &str| squash(text).replace("- ", "-").replace(" :", ":");
    let text = norm(&pdf_text(&pdf));
    let decree: Value =
        serde_saphyr::from_str(&std::fs::read_to_string(fixture("denpasar/keputusan.yaml")).unwrap()).unwrap();
    let mut expected: Vec<String> = Vec::new();
    for key in ["menimbang", "mengingat", "tembusan"] {
        expected.extend(decree[key].as_array().unwrap().iter().map(|v| squash(v.as_str().unwrap())));
    }
    for diktum in decree["diktum"].as_array().unwrap() {
        match diktum.as_str() {
            Some(teks) => expected.push(squash(teks)),
            None => {
                expected.push(squash(diktum["teks"].as_str().unwrap()));
                expected.extend(diktum["butir"].as_array().unwrap().iter().map(|b| squash(b.as_str().unwrap())));
            }
        }
    }
    expected.extend(
        [
            "WALIKOTA DENPASAR",
            "KEPUTUSAN WALIKOTA DENPASAR NOMOR 188.45/2202/HK/2023",
            "TENTANG STANDAR OPERASIONAL PROSEDUR PADA DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK KOTA DENPASAR",
            "WALIKOTA DENPASAR,",
            "MEMUTUSKAN :",
            "Menetapkan :",
            "KESATU :",
            "KEDUA :",
            "KETIGA :",
            "KEEMPAT :",
            "KELIMA :",
            "Ditetapkan di Denpasar pada tanggal 27 September 2023",
            "I GUSTI NGURAH JAYA NEGARA",
            "Tembusan disampaikan kepada :",
            "LAMPIRAN : KEPUTUSAN WALIKOTA DENPASAR",
            "TANGGAL : 27 SEPTEMBER 2023",
            "NOMOR : 188.45/2202/HK/2023",
            "DAFTAR STANDAR OPERASIONAL PROSEDUR (SOP) PADA DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK KOTA DENPASAR",
        ]
        .map(str::to_owned),
    );
    for e in &expected {
        assert!(text.contains(&norm(e)), "keputusan lacks {e:?}\n{text}");
    }
    // All 73 rows of the seed's lampiran, in order, from the spreadsheet.
    let seed = std::fs::read_to_string(fixture("seeds/004-denpasar-keputusan.txt")).unwrap();
    let mut position = 0;
    let mut rows = 0;
    for line in seed.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() == 4 && cells[1].ends_with("/DKIS") {
            let row = norm(&cells.join(" "));
            let found = text[position..].find(&row).unwrap_or_else(|| panic!("lampiran lacks row {row:?} (in order)"));
            position += found + row.len();
            rows += 1;
        }
    }
    assert_eq!(rows, 73, "the seed has 73 lampiran rows");
    for no in 1..=73 {
        assert!(text.contains(&format!(" {no} 061/")), "row {no}");
    }
    // The header row is repeated on every page of the lampiran table.
    let pages = pdf_pages(&pdf);
    let lampiran_pages = (1..=pages)
        .filter(|p| {
            let page = squash(&tool(
                "pdftotext",
                &["-raw", "-f", &p.to_string(), "-l", &p.to_string(), pdf.to_str().unwrap(), "-"],
            ));
            page.contains("/DKIS 27-09-2023")
        })
        .collect::<Vec<_>>();
    assert!(lampiran_pages.len() >= 2);
    for p in lampiran_pages {
        let page = squash(&tool(
            "pdftotext",
            &["-raw", "-f", &p.to_string(), "-l", &p.to_string(), pdf.to_str().unwrap(), "-"],
        ));
        assert!(page.contains("No No SOP Tanggal Efektif Nama SOP"), "page {p} repeats the header: {page}");
        assert!(!page.contains("STANDAR STANDAR"), "the seed's typo is fixed");
    }
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.contains("TeXGyreBonum"), "decrees use the Bookman-like serif: {fonts}");
    let manifest = manifest(out.path());
    let roles: Vec<&str> =
        manifest["outputs"][0]["signatures"].as_array().unwrap().iter().map(|s| s["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["pejabat", "pejabat_lampiran"]);
}

#[test]
fn lampiran_rows_merge_definitions_and_the_spreadsheet() {
    let test = TestProject::copy("denpasar");
    let project = test.root.clone();
    // A definition that disagrees with the list, and one the list lacks.
    let monitoring = project.join("sops/monitoring-keamanan-informasi.yaml");
    let text = std::fs::read_to_string(&monitoring).unwrap();
    std::fs::write(
        &monitoring,
        text.replace("nama: Monitoring Keamanan Informasi", "nama: Monitoring Keamanan Informasi Terpadu"),
    )
    .unwrap();
    let sik = std::fs::read_to_string(project.join("sops/pengelolaan-sistem-informasi-kepegawaian.yaml")).unwrap();
    std::fs::write(
        project.join("sops/baru.yaml"),
        sik.replace("061/1583/DKIS", "061/3000/DKIS")
            .replace("nama: Pengelolaan Sistem Informasi Kepegawaian", "nama: Prosedur Baru"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = sopkit(&["build", project.to_str().unwrap(), "-o", out.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let messages = stderr(&output);
    assert!(messages.contains("warning: the lampiran list names this SOP differently"), "{messages}");
    assert!(messages.contains("lampiran-sop.xlsx: sheet `Lampiran`, cell B78"), "{messages}");
    assert!(messages.contains("warning: this SOP is not in the lampiran list"), "{messages}");
    let text = pdf_text(&out.path().join("keputusan.pdf"));
    assert!(text.contains("73 061/2293/DKIS 27-09-2023 Monitoring Keamanan Informasi Terpadu"), "the definition wins");
    assert!(text.contains("74 061/3000/DKIS 27-09-2023 Prosedur Baru"), "added at the end");
}

#[test]
fn lampiran_lists_are_read_from_xlsx_xls_and_ods() {
    use sopkit::load::spreadsheet::read_lampiran;
    let expected = [
        ("061/1583/DKIS", "27-09-2023", "Pengelolaan Sistem Informasi Kepegawaian"),
        ("061/1584/DKIS", "27-09-2023", "Pengusulan Peserta Diklat/Bimtek"),
        ("061/2293/DKIS", "02-10-2023", "Monitoring Keamanan Informasi"),
    ];
    for file in ["daftar.xls", "daftar.ods"] {
        let rows = read_lampiran(&fixture("lampiran").join(file), file).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        let got: Vec<(String, String, String)> =
            rows.iter().map(|r| (r.row.nomor.clone(), r.row.tanggal_efektif.short(), r.row.nama.clone())).collect();
        let want: Vec<(String, String, String)> =
            expected.iter().map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned())).collect();
        assert_eq!(got, want, "{file}");
    }
    // The Denpasar list: 73 rows, its repeated header rows skipped.
    let rows = read_lampiran(&fixture("denpasar/lampiran-sop.xlsx"), "lampiran-sop.xlsx").unwrap();
    assert_eq!(rows.len(), 73);
    assert_eq!(rows[72].cell.to_string(), "sheet `Lampiran`, cell B78");
    // Not a spreadsheet: a clear error naming the file.
    let errors = read_lampiran(&fixture("denpasar/keputusan.yaml"), "keputusan.yaml").unwrap_err();
    assert!(errors[0].message.starts_with("keputusan.yaml: not a spreadsheet"), "{}", errors[0].message);
}

/// The page of `pdf` (1-based) whose text holds `needle`.
fn page_of(pdf: &Path, needle: &str) -> Option<usize> {
    (1..=pdf_pages(pdf)).find(|&page| {
        let p = page.to_string();
        tool("pdftotext", &["-f", &p, "-l", &p, "-layout", pdf.to_str().unwrap(), "-"]).contains(needle)
    })
}

/// Whatever the length of the diktum, the last diktum, the place and date,
/// the signature and the tembusan stand on one page: neither the closing nor
/// the tembusan falls alone onto a page of its own.
#[test]
fn the_closing_stays_with_the_last_diktum() {
    let test = TestProject::copy("denpasar");
    let original = test.read("keputusan.yaml");
    let mut pages_seen = std::collections::BTreeSet::new();
    for extra in 0..=21 {
        let diktum: String = (0..extra)
            .map(|i| format!("  - Ketentuan tambahan nomor {} berlaku bagi seluruh unit kerja.\n", i + 1))
            .collect();
        test.write("keputusan.yaml", &original.replacen("diktum:\n", &format!("diktum:\n{diktum}"), 1));
        test.build(&["--sign-fields"]);
        let pdf = test.out().join("keputusan.pdf");
        let last_diktum = page_of(&pdf, "Keputusan ini mulai berlaku pada tanggal ditetapkan.");
        let (place, tembusan, signer) = (
            page_of(&pdf, "Ditetapkan di Denpasar"),
            page_of(&pdf, "Tembusan disampaikan"),
            page_of(&pdf, "I GUSTI NGURAH JAYA NEGARA"),
        );
        assert!(place.is_some() && tembusan.is_some(), "{extra} more diktum: the closing is printed");
        assert_eq!(place, last_diktum, "{extra} more diktum: \"Ditetapkan di\" on the last diktum's page");
        assert_eq!(tembusan, signer, "{extra} more diktum: the tembusan on the signature's page");
        assert_eq!(place, signer, "{extra} more diktum: the signature under \"Ditetapkan di\"");
        pages_seen.insert(signer);
    }
    assert!(pages_seen.len() > 1, "the signature moved across pages in these cases: {pages_seen:?}");
}

/// The lampiran's nomor column fits the widest nomor: each nomor, the
/// seed's short ones and a provincial one with four parts, is one word on
/// one line, not broken at its slashes.
#[test]
fn every_lampiran_nomor_stays_on_one_line() {
    let test = TestProject::copy("denpasar");
    let long = "800/1105/SETDA/2025";
    let sik = test.read("sops/pengelolaan-sistem-informasi-kepegawaian.yaml");
    test.write("sops/baru.yaml", &sik.replace("061/1583/DKIS", long));
    test.build(&[]);
    let pdf = test.out().join("keputusan.pdf");
    let words = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let seed = std::fs::read_to_string(fixture("seeds/004-denpasar-keputusan.txt")).unwrap();
    let nomors: Vec<&str> = seed
        .lines()
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .filter(|cells| cells.len() == 4 && cells[1].ends_with("/DKIS"))
        .map(|cells| cells[1])
        .chain([long])
        .collect();
    assert_eq!(nomors.len(), 74);
    for nomor in nomors {
        assert!(words.contains(&format!(">{nomor}</word>")), "{nomor} is broken across lines");
    }
}

/// The lampiran's heading prints its labels in one column and their colons
/// aligned in the next, each colon a space after its label: "LAMPIRAN :"
/// as "TANGGAL :", never "LAMPIRAN:".
#[test]
fn the_lampiran_heading_aligns_its_colons() {
    let out = build(&fixture("denpasar"), &[]);
    let pdf = out.path().join("keputusan.pdf");
    let page = page_of(&pdf, "LAMPIRAN").expect("a lampiran page").to_string();
    let html = tool("pdftotext", &["-bbox", "-f", &page, "-l", &page, pdf.to_str().unwrap(), "-"]);
    // (text, xMin, yMin, xMax) of every word on the page.
    let words: Vec<(String, f64, f64, f64)> = html
        .lines()
        .filter_map(|line| {
            let number = |name: &str| line.split(&format!("{name}=\"")).nth(1)?.split('"').next()?.parse().ok();
            let text = line.split('>').nth(1)?.strip_suffix("</word")?.to_owned();
            Some((text, number("xMin")?, number("yMin")?, number("xMax")?))
        })
        .collect();
    let colons: Vec<f64> = ["LAMPIRAN", "NOMOR", "TANGGAL", "TENTANG"]
        .iter()
        .map(|label| {
            let (_, _, y, right) = words.iter().find(|w| w.0 == *label).unwrap_or_else(|| panic!("no {label}"));
            let (_, colon, _, _) = words
                .iter()
                .find(|w| w.0 == ":" && (w.2 - y).abs() < 1.0)
                .unwrap_or_else(|| panic!("{label} has no `:`"));
            assert!(colon - right > 3.0, "a space between {label} and its colon: {right} to {colon}");
            *colon
        })
        .collect();
    assert!(colons.iter().all(|x| (x - colons[0]).abs() < 0.5), "the colons are aligned: {colons:?}");
}

/// An SOP that takes effect before the decree adopting it: `check` warns at
/// its tanggal_efektif and names the decree's date, in English and in
/// Indonesian; an SOP effective on the decree's day is not warned.
#[test]
fn an_sop_effective_before_its_decree_is_warned() {
    let test = TestProject::copy("denpasar");
    let file = "sops/monitoring-keamanan-informasi.yaml";
    test.edit(file, "tanggal_efektif: 2023-09-27", "tanggal_efektif: 2023-09-01");
    let english = stderr(&test.run("check", &[]));
    assert!(
        english.contains(
            "warning: this SOP takes effect on 2023-09-01, before the keputusan that adopts it, dated 2023-09-27\n   ┌─ sops/monitoring-keamanan-informasi.yaml:13:18"
        ),
        "{english}"
    );
    assert!(english.contains("set tanggal_efektif to 2023-09-27 or later"), "{english}");
    assert_eq!(english.matches("before the keputusan").count(), 1, "the SIK, effective on the decree's day: {english}");
    let root = test.root.to_str().unwrap();
    let indonesian = stderr(&sopkit_in("id_ID.UTF-8", &["check", root]));
    assert!(
        indonesian.contains(
            "peringatan: SOP ini berlaku efektif 2023-09-01, sebelum keputusan yang menetapkannya, tertanggal 2023-09-27\n   ┌─ sops/monitoring-keamanan-informasi.yaml:13:18"
        ),
        "{indonesian}"
    );
}
