//! The SOP book: parts bound with outline and page labels, the daftar
//! perubahan, and the emitted whole-book source compiling to the same book
//! in-process and with the stock Typst compiler.

use super::support::*;

/// The outline of a PDF as (depth, title, 1-based page), from qpdf.
fn outline(pdf: &Path) -> Vec<(usize, String, u64)> {
    let json: Value =
        serde_json::from_str(&tool("qpdf", &["--json", "--json-key=outlines", pdf.to_str().unwrap()])).unwrap();
    fn walk(items: &[Value], depth: usize, out: &mut Vec<(usize, String, u64)>) {
        for item in items {
            out.push((depth, item["title"].as_str().unwrap().to_owned(), item["destpageposfrom1"].as_u64().unwrap()));
            walk(item["kids"].as_array().unwrap(), depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(json["outlines"].as_array().unwrap(), 0, &mut out);
    out
}

/// Page labels as qpdf reports them: (first page index, style, start).
fn page_labels(pdf: &Path) -> Vec<(u64, String, u64)> {
    let json: Value =
        serde_json::from_str(&tool("qpdf", &["--json", "--json-key=pagelabels", pdf.to_str().unwrap()])).unwrap();
    json["pagelabels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["index"].as_u64().unwrap(),
                l["label"]["/S"].as_str().unwrap().to_owned(),
                l["label"]["/St"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_book_binds_decree_contents_changes_and_sheets_with_outline_and_labels() {
    let out = build(&fixture("denpasar"), &[]);
    let book = out.path().join("buku-sop.pdf");
    let pages = pdf_pages(&book);
    let part_pages = |path: &str| pdf_pages(&out.path().join(path));
    let sheets = part_pages("sop/pengelolaan-sistem-informasi-kepegawaian.pdf")
        + part_pages("sop/monitoring-keamanan-informasi.pdf");
    // Cover, decree, daftar isi, daftar perubahan, sheets.
    assert_eq!(pages, 1 + part_pages("keputusan.pdf") + 1 + 1 + sheets);

    let outline = outline(&book);
    let titles: Vec<(usize, &str)> = outline.iter().map(|(d, t, _)| (*d, t.as_str())).collect();
    assert_eq!(
        titles,
        [
            (0, "Keputusan Walikota Denpasar Nomor 188.45/2202/HK/2023"),
            (0, "Lampiran: Daftar SOP"),
            (0, "DAFTAR ISI"),
            (0, "DAFTAR PERUBAHAN"),
            (0, "SEKRETARIAT"),
            (1, "061/1583/DKIS Pengelolaan Sistem Informasi Kepegawaian Dinas Komunikasi, Informatika dan Statistik"),
            (0, "BIDANG PERSANDIAN"),
            (1, "061/2293/DKIS Monitoring Keamanan Informasi"),
        ]
    );
    // Front matter in roman numbers, the sheets from 1.
    let labels = page_labels(&book);
    let first_sheet = outline.iter().find(|(d, ..)| *d == 1).unwrap().2;
    assert!(
        labels.iter().all(|(i, style, start)| if *i + 1 < first_sheet {
            style == "/r" && *start == i + 1
        } else {
            style == "/D" && *start == i + 2 - first_sheet
        }),
        "{labels:?}"
    );

    // The daftar isi gives each SOP the label of its first page.
    let toc = squash(&tool("pdftotext", &["-raw", "-f", "7", "-l", "7", book.to_str().unwrap(), "-"]));
    assert!(toc.starts_with("DAFTAR ISI"), "{toc}");
    for (_, title, page) in outline.iter().filter(|(d, ..)| *d == 1) {
        let label = page - first_sheet + 1;
        let at = toc.find(title.as_str()).unwrap_or_else(|| panic!("daftar isi lacks {title:?}: {toc}"));
        let after = toc[at + title.len()..].trim_start_matches([' ', '.']);
        assert!(after.starts_with(&label.to_string()), "{title} on page {label}: {after}");
    }
    let text = pdf_text(&book);
    assert!(text.contains("BUKU STANDAR OPERASIONAL PROSEDUR"));
    assert!(text.contains("DAFTAR PERUBAHAN Belum ada SOP yang direvisi."));
    // Each sheet keeps its own page numbers inside the book.
    assert_eq!(text.matches("Halaman 1 dari 2").count(), 2, "{text}");
    let manifest = manifest(out.path());
    let entry = manifest["outputs"].as_array().unwrap().iter().find(|o| o["kind"] == "buku").unwrap();
    assert_eq!(entry["path"], "buku-sop.pdf");
    assert_eq!(entry["pages"].as_u64().unwrap() as usize, pages);
}

#[test]
fn the_book_lists_revisions_in_its_daftar_perubahan() {
    let out = build(&fixture("panjang"), &[]);
    let book = out.path().join("buku-sop.pdf");
    let text = pdf_text(&book);
    assert!(text.contains("DAFTAR PERUBAHAN No Nomor SOP Nama SOP Tanggal Perubahan 1 061/9999/DKIS Pengujian Aplikasi Layanan Publik Secara Menyeluruh 01 Juni 2024 Penambahan langkah uji keamanan"), "{text}");
    assert!(!text.contains("KEPUTUSAN"), "no keputusan.yaml, no decree in the book");
}

#[test]
fn the_emitted_book_source_compiles_to_the_same_book() {
    let test = TestProject::copy("denpasar");
    let project = test.root.clone();
    let out = project.join("out");
    let output = sopkit(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap(), "--emit-typst"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let source = std::fs::read_to_string(out.join("buku-sop.typ")).unwrap();
    let date = sopkit::model::Tanggal::new(2023, 9, 27).unwrap();
    let pages = compile_emitted(&project, "out/buku-sop.typ", source, date);
    assert_eq!(pages, pdf_pages(&out.join("buku-sop.pdf")));
    // The stock CLI too, when it is installed.
    let stock = test.work().join("stock.pdf");
    stock_compile(&project, &out.join("buku-sop.typ"), &stock);
    {
        assert_eq!(pdf_pages(&stock), pdf_pages(&out.join("buku-sop.pdf")));
    }
}

/// The book is the whole agency's: its cover shows the kop lines all units
/// share (not the first unit's "(SEKRETARIAT)"), or what `[buku]` says; the
/// daftar isi draws dot leaders only towards a page number.
#[test]
fn the_book_has_a_cover_of_its_own_and_no_dangling_leaders() {
    let test = TestProject::copy("denpasar");
    test.build(&[]);
    let pdf = test.out().join("buku-sop.pdf");
    let page = |n: usize| {
        let p = n.to_string();
        tool("pdftotext", &["-f", &p, "-l", &p, "-layout", pdf.to_str().unwrap(), "-"])
    };
    let cover = page(1);
    assert!(cover.contains("DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK"), "{cover}");
    assert!(!cover.contains("SEKRETARIAT") && !cover.contains("PERSANDIAN"), "no unit's own line: {cover}");
    let toc = (1..=pdf_pages(&pdf)).map(page).find(|t| t.contains("DAFTAR ISI")).unwrap();
    for unit in ["SEKRETARIAT", "BIDANG PERSANDIAN"] {
        let line = toc.lines().find(|l| l.trim() == unit || l.trim_start().starts_with(unit)).unwrap();
        assert!(!line.contains(". ."), "a unit's line has no leaders: {line:?}");
    }
    assert!(toc.lines().any(|l| l.contains("DAFTAR PERUBAHAN") && l.contains(". .")), "entries keep theirs");

    let config = test.read("sopkit.toml");
    test.write(
        "sopkit.toml",
        &format!("{config}\n[buku]\njudul = \"HIMPUNAN SOP DISKOMINFOS\"\nkop = [\"PEMERINTAH KOTA DENPASAR\"]\n"),
    );
    test.build(&[]);
    let cover = page(1);
    assert!(cover.contains("HIMPUNAN SOP DISKOMINFOS") && !cover.contains("DINAS KOMUNIKASI"), "{cover}");
}
