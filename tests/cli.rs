//! Runs the real `sopkit` binary on the fixture projects and checks what a
//! user sees: exit codes, error messages, the PDFs' text (poppler's
//! pdftotext), page counts (pdfinfo), the manifest, and the flowchart's
//! geometry as Typst laid it out.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

fn sopkit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sopkit")).args(args).env_remove("SOURCE_DATE_EPOCH").output().expect("run sopkit")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Builds a fixture into a fresh folder; panics with the errors on failure.
fn build(project: &Path, extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec!["build", project.to_str().unwrap(), "-o", out.path().to_str().unwrap()];
    args.extend(extra);
    let output = sopkit(&args);
    assert!(output.status.success(), "build failed:\n{}", stderr(&output));
    out
}

fn tool(name: &str, args: &[&str]) -> String {
    let output = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed by the tests (apt-get install poppler-utils): {e}"));
    assert!(output.status.success(), "{name} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The PDF's text in content order, whitespace collapsed.
fn pdf_text(pdf: &Path) -> String {
    squash(&tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]))
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf_pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints Pages")
}

fn manifest(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap()
}

/// Every printed text of a definition: identity fields, lists, actors and
/// every step's cells (and the revision notes, where the profile prints a
/// PEMBAHARUAN row).
fn printed_texts(definition: &Path, with_revisions: bool) -> Vec<String> {
    let text = std::fs::read_to_string(definition).unwrap();
    let def: Value = serde_saphyr::from_str(&text).unwrap();
    let mut texts = vec![def["nomor"].as_str().unwrap().to_owned(), def["nama"].as_str().unwrap().to_owned()];
    for key in [
        "dasar_hukum",
        "kualifikasi_pelaksana",
        "keterkaitan",
        "peralatan_perlengkapan",
        "peringatan",
        "pencatatan_pendataan",
    ] {
        for item in def[key].as_array().into_iter().flatten() {
            texts.push(item.as_str().unwrap().to_owned());
        }
    }
    for revisi in def["revisi"].as_array().into_iter().flatten().filter(|_| with_revisions) {
        texts.push(revisi["perubahan"].as_str().unwrap().to_owned());
    }
    for label in def["pelaksana"].as_object().unwrap().values() {
        texts.push(label.as_str().unwrap().to_owned());
    }
    for step in def["langkah"].as_array().unwrap() {
        for key in ["kegiatan", "kelengkapan", "waktu", "output", "keterangan"] {
            if let Some(value) = step[key].as_str() {
                texts.push(value.to_owned());
            }
        }
    }
    texts.into_iter().map(|t| squash(&t)).collect()
}

fn assert_all_printed(pdf: &Path, definition: &Path) {
    let text = pdf_text(pdf);
    let with_revisions = text.contains("PEMBAHARUAN");
    for expected in printed_texts(definition, with_revisions) {
        assert!(text.contains(&expected), "{} lacks {expected:?}\n--- text ---\n{text}", pdf.display());
    }
}

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
    let seed = std::fs::read_to_string(root().join("../shared/seeds/004_1c6c52421148b644.txt"))
        .or_else(|_| std::fs::read_to_string("/work/shared/seeds/004_1c6c52421148b644.txt"));
    let mut position = 0;
    let mut rows = 0;
    for line in seed.iter().flat_map(|s| s.lines()) {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() == 4 && cells[1].ends_with("/DKIS") {
            let row = norm(&cells.join(" "));
            let found = text[position..].find(&row).unwrap_or_else(|| panic!("lampiran lacks row {row:?} (in order)"));
            position += found + row.len();
            rows += 1;
        }
    }
    assert!(rows == 73 || seed.is_err(), "the seed has 73 rows ({rows})");
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
fn lampiran_rows_merge_definitions_and_the_spreadsheet() {
    let (_work, project) = project_copy("denpasar");
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
fn the_manifest_describes_every_output_exactly() {
    let out = build(&fixture("denpasar"), &[]);
    let manifest = manifest(out.path());
    let outputs = manifest["outputs"].as_array().unwrap();
    let kinds: Vec<&str> = outputs.iter().map(|o| o["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["keputusan", "sop", "sop", "buku"]);
    for entry in outputs {
        let path = out.path().join(entry["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        use sha2::Digest;
        let digest: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(entry["sha256"], digest.as_str());
        assert_eq!(entry["pages"].as_u64().unwrap() as usize, pdf_pages(&path));
        let source = entry["source"].as_str().unwrap();
        assert!(source.starts_with("sops/") || source == "keputusan.yaml" || source == "sopkit.toml", "{source}");
    }
}

#[test]
fn builds_are_byte_identical() {
    let a = build(&fixture("bali"), &[]);
    let b = build(&fixture("bali"), &["-j", "1"]);
    let pdf = "sop/manajemen-risiko-spbe.pdf";
    assert_eq!(std::fs::read(a.path().join(pdf)).unwrap(), std::fs::read(b.path().join(pdf)).unwrap());
    assert_eq!(
        std::fs::read(a.path().join("manifest.json")).unwrap(),
        std::fs::read(b.path().join("manifest.json")).unwrap()
    );
}

/// Geometry records of one document, from the library (same pipeline as the
/// binary), grouped by kind.
fn geometry(project: &Path) -> Vec<(String, Vec<Value>)> {
    let options = sopkit::build::BuildOptions {
        project: project.to_path_buf(),
        write: false,
        geometry: true,
        ..Default::default()
    };
    let outcome = sopkit::build::run(&options, &sopkit::build::Silent).unwrap();
    assert!(!outcome.failed(), "{}", outcome.diagnostics.render_plain());
    outcome.documents.into_iter().filter(|d| d.path.starts_with("sop/")).map(|d| (d.path, d.geometry)).collect()
}

fn num(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} in {v}"))
}

/// Checks, from where Typst actually placed things: each symbol lies inside
/// its actor's column and its step's row; each arrow ends on a symbol's top
/// or on a connector; connectors come in lettered pairs on two pages.
fn check_flowchart(records: &[Value], steps: usize) {
    fn of<'a>(records: &'a [Value], kind: &'a str) -> impl Iterator<Item = &'a Value> {
        records.iter().filter(move |r| r["kind"] == kind)
    }
    let of = |kind: &'static str| of(records, kind);
    // Column borders per page: lane i spans from mark i to mark i + 1.
    let mut lanes: HashMap<(u64, u64), f64> = HashMap::new();
    for lane in of("lane") {
        lanes.insert((lane["page"].as_u64().unwrap(), lane["lane"].as_u64().unwrap()), num(lane, "x"));
    }
    let mut rows: HashMap<u64, (u64, f64)> = HashMap::new();
    for row in of("row") {
        rows.insert(row["step"].as_u64().unwrap(), (row["page"].as_u64().unwrap(), num(row, "y")));
    }
    let ends: HashMap<u64, f64> = of("body-end").map(|e| (e["page"].as_u64().unwrap(), num(e, "y"))).collect();
    let origins: HashMap<u64, (f64, f64)> =
        of("origin").map(|o| (o["page"].as_u64().unwrap(), (num(o, "x"), num(o, "y")))).collect();
    assert_eq!(rows.len(), steps, "every step has a row");

    let mut symbols = Vec::new();
    for s in of("symbol") {
        let (page, step, lane) =
            (s["page"].as_u64().unwrap(), s["step"].as_u64().unwrap(), s["lane"].as_u64().unwrap());
        let (x, y, w, h) = (num(s, "x"), num(s, "y"), num(s, "w"), num(s, "h"));
        let (left, right) = (lanes[&(page, lane)], lanes[&(page, lane + 1)]);
        assert!(
            left < x && x + w < right,
            "step {} outside its column: {x}..{} not in {left}..{right}",
            step + 1,
            x + w
        );
        let (row_page, top) = rows[&step];
        assert_eq!(row_page, page, "step {} drawn on the page of its row", step + 1);
        let bottom = rows.values().filter(|(p, y)| *p == page && *y > top).map(|(_, y)| *y).fold(ends[&page], f64::min);
        assert!(top < y && y + h < bottom, "step {} outside its row: {y}..{} not in {top}..{bottom}", step + 1, y + h);
        symbols.push((page, step, x, y, w));
    }
    assert_eq!(symbols.len(), steps, "one symbol per step");

    let connectors: Vec<(u64, String, f64, f64, f64)> = of("connector")
        .map(|c| {
            (
                c["page"].as_u64().unwrap(),
                c["letter"].as_str().unwrap().to_owned(),
                num(c, "x"),
                num(c, "y"),
                num(c, "size"),
            )
        })
        .collect();
    for arrow in of("arrow") {
        let page = arrow["page"].as_u64().unwrap();
        let (ox, oy) = origins[&page];
        let points = arrow["points"].as_array().unwrap();
        let last = points.last().unwrap().as_array().unwrap();
        let (ex, ey) = (ox + last[0].as_f64().unwrap(), oy + last[1].as_f64().unwrap());
        let to = arrow["to"].as_u64().unwrap();
        let on_target = symbols.iter().any(|&(p, step, x, y, w)| {
            p == page && step == to && (ex - (x + w / 2.0)).abs() < 0.5 && (ey - y).abs() < 0.5
        });
        let on_connector = connectors.iter().any(|(p, _, x, y, s)| {
            *p == page && (ex - (x + s / 2.0)).abs() < 0.5 && ((ey - y).abs() < 0.5 || (ey - (y + s)).abs() < 0.5)
        });
        assert!(on_target || on_connector, "arrow {} -> {} ends on nothing at ({ex}, {ey})", arrow["from"], to);
        for pair in points.windows(2) {
            let (a, b) = (pair[0].as_array().unwrap(), pair[1].as_array().unwrap());
            let straight = (a[0].as_f64().unwrap() - b[0].as_f64().unwrap()).abs() < 0.01
                || (a[1].as_f64().unwrap() - b[1].as_f64().unwrap()).abs() < 0.01;
            assert!(straight, "arrows are orthogonal");
        }
    }
    let mut pages_of: HashMap<&str, Vec<u64>> = HashMap::new();
    for (page, letter, ..) in &connectors {
        pages_of.entry(letter).or_default().push(*page);
    }
    for (letter, pages) in pages_of {
        assert_eq!(pages.len(), 2, "connector {letter} comes in a pair");
        assert_ne!(pages[0], pages[1], "connector {letter} joins two pages");
    }
}

#[test]
fn flowcharts_of_the_seeds_are_drawn_where_they_belong() {
    for (project, steps) in [("denpasar", [11, 8].as_slice()), ("bali", [6].as_slice())] {
        let documents = geometry(&fixture(project));
        for ((_, records), steps) in documents.iter().zip(steps) {
            check_flowchart(records, *steps);
        }
    }
}

#[test]
fn a_forty_step_procedure_paginates_cleanly() {
    let project = fixture("panjang");
    let documents = geometry(&project);
    let records = &documents[0].1;
    check_flowchart(records, 40);
    let connectors = records.iter().filter(|r| r["kind"] == "connector").count();
    assert!(connectors >= 6, "jumps across pages get connectors ({connectors})");

    let out = build(&project, &[]);
    let pdf = out.path().join("sop/pengujian-aplikasi.pdf");
    assert_all_printed(&pdf, &project.join("sops/pengujian-aplikasi.yaml"));
    let pages = pdf_pages(&pdf);
    assert!(pages >= 4, "40 steps need several pages ({pages})");
    // No blank page and no orphan header: every procedure page has rows.
    let rows_on: std::collections::HashSet<u64> =
        records.iter().filter(|r| r["kind"] == "row").map(|r| r["page"].as_u64().unwrap()).collect();
    assert_eq!(rows_on.len(), pages - 1, "every page after the identity page holds steps");
    for page in 1..=pages {
        let text =
            squash(&tool("pdftotext", &["-f", &page.to_string(), "-l", &page.to_string(), pdf.to_str().unwrap(), "-"]));
        assert!(text.contains(&format!("Halaman {page} dari {pages}")), "page {page}: {text}");
        if page > 1 {
            assert!(text.contains("Pelaksana") && text.contains("Mutu Baku"), "header repeated on page {page}");
        }
    }
}

#[test]
fn markup_characters_in_definitions_print_literally() {
    let out = build(&fixture("panjang"), &[]);
    let text = pdf_text(&out.path().join("sop/pengujian-aplikasi.pdf"));
    let nasty =
        r#"Mencetak #laporan $100 *tebal* _miring_ `kode` \ [kurung] <label> @ref = - + / ~ "kutip" // bukan komentar"#;
    assert!(text.contains(nasty), "{text}");
}

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
        assert!(text.contains(".yaml:") || text.contains(".toml:"), "{name} names file:line:col: {text}");
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn a_failed_build_keeps_earlier_outputs() {
    let (work, project) = project_copy("bali");
    let out = work.path().join("out");
    let ok = sopkit(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let pdf = out.join("sop/manajemen-risiko-spbe.pdf");
    let before = std::fs::read(&pdf).unwrap();
    let manifest_before = std::fs::read(out.join("manifest.json")).unwrap();

    let definition = project.join("sops/manajemen-risiko-spbe.yaml");
    let text = std::fs::read_to_string(&definition).unwrap();
    std::fs::write(
        &definition,
        text.replace("Menerima laporan", "Menerima laporan baru").replace("pelaksana: kadis", "pelaksana: sekda"),
    )
    .unwrap();
    let failed = sopkit(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(stderr(&failed).contains("sops/manajemen-risiko-spbe.yaml:"), "{}", stderr(&failed));
    assert_eq!(std::fs::read(&pdf).unwrap(), before, "the earlier PDF is untouched");
    assert_eq!(std::fs::read(out.join("manifest.json")).unwrap(), manifest_before);
    let stray: Vec<_> = std::fs::read_dir(out.join("sop")).unwrap().collect();
    assert_eq!(stray.len(), 1, "no partial files");
}

#[test]
fn only_and_emit_typst_select_and_expose_sources() {
    let out = build(&fixture("denpasar"), &["--only", "monitoring-keamanan-informasi", "--emit-typst"]);
    assert!(out.path().join("sop/monitoring-keamanan-informasi.pdf").is_file());
    assert!(!out.path().join("sop/pengelolaan-sistem-informasi-kepegawaian.pdf").exists());
    let source = std::fs::read_to_string(out.path().join("sop/monitoring-keamanan-informasi.typ")).unwrap();
    assert!(source.contains("Monitoring Keamanan Informasi"));
    // The stock CLI compiles the emitted source to the same document.
    let stock = out.path().join("stock.pdf");
    if stock_compile(Path::new("/"), &out.path().join("sop/monitoring-keamanan-informasi.typ"), &stock) {
        let ours = out.path().join("sop/monitoring-keamanan-informasi.pdf");
        assert_eq!(pdf_pages(&stock), pdf_pages(&ours));
        assert_eq!(pdf_text(&stock), pdf_text(&ours));
    }
    assert_eq!(manifest(out.path())["outputs"].as_array().unwrap().len(), 1);

    let unknown = sopkit(&["build", fixture("denpasar").to_str().unwrap(), "--only", "tidak-ada"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("--only tidak-ada"));
}

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
    let (_work, project) = project_copy("bali");
    let eject = sopkit(&["templates", project.to_str().unwrap()]);
    assert!(eject.status.success(), "{}", stderr(&eject));
    let template = project.join("templates/sop.typ.j2");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(&template, text.replace("#let kop-lines = [", "#let kop-lines = [\n  SALINAN UJI \\\n")).unwrap();
    let out = build(&project, &[]);
    assert!(pdf_text(&out.path().join("sop/manajemen-risiko-spbe.pdf")).contains("SALINAN UJI"));

    // A broken override is an error located in the project's template.
    std::fs::write(&template, "{% if %}").unwrap();
    let failed = sopkit(&["build", project.to_str().unwrap(), "-o", out.path().to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(stderr(&failed).contains("templates/sop.typ.j2:1:"), "{}", stderr(&failed));
}

#[test]
fn the_compiler_reads_only_project_files() {
    let (work, project) = project_copy("bali");
    std::fs::write(work.path().join("rahasia.txt"), "rahasia").unwrap();
    std::fs::create_dir_all(project.join("templates")).unwrap();
    let template = project.join("templates/sop.typ.j2");
    std::os::unix::fs::symlink(work.path().join("rahasia.txt"), project.join("tautan.txt")).unwrap();
    for (attempt, expected) in [
        ("#read(\"../../rahasia.txt\")", "outside"),
        ("#read(\"/tautan.txt\")", "access denied"),
        ("#import \"@preview/example:0.1.0\": *", "does not load Typst packages"),
    ] {
        std::fs::write(&template, attempt).unwrap();
        let failed = sopkit(&["build", project.to_str().unwrap(), "-o", work.path().join("out").to_str().unwrap()]);
        assert_eq!(failed.status.code(), Some(1), "{attempt}");
        let text = stderr(&failed);
        assert!(text.contains(expected), "{attempt}: {text}");
    }
    assert!(!work.path().join("out").exists(), "nothing was written");
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

/// A fresh copy of a fixture project to change, in a folder that lives as
/// long as the returned guard.
fn project_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let work = tempfile::tempdir().unwrap();
    let project = work.path().join("proyek");
    copy_dir(&fixture(name), &project);
    (work, project)
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Lines of a build's progress report, e.g. `kept sop/a.pdf`, sorted.
fn progress_lines(output: &Output) -> Vec<String> {
    let mut lines: Vec<String> = stderr(output)
        .lines()
        .filter(|l| l.starts_with("built ") || l.starts_with("kept "))
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

#[test]
fn an_edit_rebuilds_exactly_what_depends_on_it() {
    let (work, project) = project_copy("denpasar");
    let out = work.path().join("out");
    let run = || sopkit(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let read = |p: &str| std::fs::read(out.join(p)).unwrap();

    let first = run();
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(progress_lines(&first).iter().all(|l| l.starts_with("built ")));
    let (book, decree, sik) =
        (read("buku-sop.pdf"), read("keputusan.pdf"), read("sop/pengelolaan-sistem-informasi-kepegawaian.pdf"));

    // Nothing changed: everything is kept, byte for byte.
    let again = run();
    assert_eq!(
        progress_lines(&again),
        [
            "kept buku-sop.pdf",
            "kept keputusan.pdf",
            "kept sop/monitoring-keamanan-informasi.pdf",
            "kept sop/pengelolaan-sistem-informasi-kepegawaian.pdf"
        ]
    );
    assert_eq!(read("buku-sop.pdf"), book);

    // A step of one SOP changes: that sheet and the book are rebuilt; the
    // decree (its lampiran row is unchanged) and the other sheet are kept.
    let monitoring = project.join("sops/monitoring-keamanan-informasi.yaml");
    let text = std::fs::read_to_string(&monitoring).unwrap();
    std::fs::write(
        &monitoring,
        text.replace("output: Tanda terima laporan\n", "output: Tanda terima laporan monitoring\n"),
    )
    .unwrap();
    let edited = run();
    assert_eq!(
        progress_lines(&edited),
        [
            "built buku-sop.pdf",
            "built sop/monitoring-keamanan-informasi.pdf",
            "kept keputusan.pdf",
            "kept sop/pengelolaan-sistem-informasi-kepegawaian.pdf"
        ]
    );
    assert_eq!(read("keputusan.pdf"), decree);
    assert_eq!(read("sop/pengelolaan-sistem-informasi-kepegawaian.pdf"), sik);
    assert_ne!(read("buku-sop.pdf"), book);
    assert!(
        pdf_text(&out.join("buku-sop.pdf")).contains("Tanda terima laporan monitoring"),
        "the book carries the edit"
    );

    // Renaming an SOP changes its lampiran row: the decree follows.
    std::fs::write(
        &monitoring,
        text.replace("nama: Monitoring Keamanan Informasi", "nama: Monitoring Keamanan Sistem Informasi"),
    )
    .unwrap();
    let renamed = run();
    assert!(progress_lines(&renamed).contains(&"built keputusan.pdf".to_owned()), "{:?}", progress_lines(&renamed));
    assert!(pdf_text(&out.join("keputusan.pdf")).contains("Monitoring Keamanan Sistem Informasi"));

    // A template change rebuilds everything; a damaged output is rebuilt.
    std::fs::write(out.join("sop/pengelolaan-sistem-informasi-kepegawaian.pdf"), b"not a pdf").unwrap();
    let repaired = run();
    assert!(progress_lines(&repaired).contains(&"built sop/pengelolaan-sistem-informasi-kepegawaian.pdf".to_owned()));
    assert_eq!(read("sop/pengelolaan-sistem-informasi-kepegawaian.pdf"), sik);
}

#[test]
fn the_emitted_book_source_compiles_to_the_same_book() {
    let (work, project) = project_copy("denpasar");
    let out = project.join("out");
    let output = sopkit(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap(), "--emit-typst"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let source = std::fs::read_to_string(out.join("buku-sop.typ")).unwrap();
    let date = sopkit::model::Tanggal::new(2023, 9, 27).unwrap();
    let pages = compile_emitted(&project, "out/buku-sop.typ", source, date);
    assert_eq!(pages, pdf_pages(&out.join("buku-sop.pdf")));
    // The stock CLI too, when it is installed.
    let stock = work.path().join("stock.pdf");
    if stock_compile(&project, &out.join("buku-sop.typ"), &stock) {
        assert_eq!(pdf_pages(&stock), pdf_pages(&out.join("buku-sop.pdf")));
    }
}

/// Compiles an emitted source in-process, as `out_path` under `project`.
fn compile_emitted(project: &Path, out_path: &str, source: String, date: sopkit::model::Tanggal) -> usize {
    let fonts = sopkit::world::Fonts::new(None).unwrap();
    let env = sopkit::world::Environment::new(&project.canonicalize().unwrap(), fonts);
    let compiled = sopkit::compile::compile(&env, out_path, source, sopkit::compile::datetime_of(date))
        .unwrap_or_else(|e| panic!("{:?}", e.iter().map(|d| &d.message).collect::<Vec<_>>()));
    compiled.document.pages().len()
}

/// Compiles `source` with the stock `typst` CLI into `pdf`; false when the
/// CLI is not installed.
fn stock_compile(root_dir: &Path, source: &Path, pdf: &Path) -> bool {
    if Command::new("typst").arg("--version").output().is_err() {
        return false;
    }
    let stock = Command::new("typst")
        .args(["compile", "--ignore-system-fonts", "--root"])
        .arg(root_dir)
        .arg("--font-path")
        .arg(root().join("templates/fonts"))
        .arg(source)
        .arg(pdf)
        .output()
        .unwrap();
    assert!(stock.status.success(), "{}", String::from_utf8_lossy(&stock.stderr));
    true
}

#[test]
fn check_warns_about_revisions_due() {
    let (_work, project) = project_copy("bali");
    let config = project.join("sopkit.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    // The Kepala Dinas's position was renamed; the SOP still cites the old one.
    std::fs::write(
        &config,
        text.replace(
            "jabatan = \"Kepala Dinas Komunikasi, Informatika dan Statistik Provinsi Bali\"",
            "jabatan = \"Kepala Dinas Kominfos Provinsi Bali\"",
        ),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_sopkit"))
        .args(["check", project.to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "1735689600") // 2025-01-01
        .output()
        .unwrap();
    assert!(output.status.success(), "warnings do not fail: {}", stderr(&output));
    let text = stderr(&output);
    assert!(text.contains("warning: this SOP was valid until 31 Desember 2023"), "{text}");
    assert!(text.contains("sops/manajemen-risiko-spbe.yaml:15:17"), "{text}");
    assert!(text.contains("is no longer a position in sopkit.toml"), "{text}");
    let denied = sopkit(&["check", project.to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn watch_rebuilds_on_save() {
    let (work, project) = project_copy("bali");
    let out = work.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sopkit"))
        .args(["watch", project.to_str().unwrap(), "-o", out.to_str().unwrap(), "--interval", "100"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Bounded waits: the watcher is killed whatever happens.
    let wait_for = |what: &dyn Fn() -> bool| {
        for _ in 0..1800 {
            if what() {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        false
    };
    let pdf = out.join("sop/manajemen-risiko-spbe.pdf");
    let built = wait_for(&|| pdf.is_file() && out.join("manifest.json").is_file());
    let definition = project.join("sops/manajemen-risiko-spbe.yaml");
    let text = std::fs::read_to_string(&definition).unwrap();
    std::fs::write(&definition, text.replace("±10 Menit", "±20 Menit")).unwrap();
    let rebuilt = built && wait_for(&|| pdf_text(&pdf).contains("±20 Menit"));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(built, "the first build");
    assert!(rebuilt, "the rebuild after an edit");
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
            rows.iter().map(|r| (r.nomor.clone(), r.tanggal_efektif.short(), r.nama.clone())).collect();
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
    assert!(errors[0].message.starts_with("keputusan.yaml: cannot read the spreadsheet"), "{}", errors[0].message);
}

/// pdfsig's verdicts: (field name, valid, whole document signed) per signature.
fn pdfsig(pdf: &Path) -> Vec<(String, bool, bool)> {
    let output = Command::new("pdfsig").arg(pdf).output().expect("pdfsig (poppler-utils) is needed");
    let text = String::from_utf8_lossy(&output.stdout);
    let mut out: Vec<(String, bool, bool)> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix("- Signature Field Name: ") {
            out.push((name.to_owned(), false, false));
        } else if line == "- Signature Validation: Signature is Valid." {
            out.last_mut().expect("a signature").1 = true;
        } else if line == "- Total document signed" {
            out.last_mut().expect("a signature").2 = true;
        }
    }
    out
}

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

/// Reads the PDF/A identification that `pdfinfo -meta` prints from the XMP
/// metadata: `Some((part, conformance))`.
fn pdfa_identification(pdf: &Path) -> Option<(String, String)> {
    let xmp = tool("pdfinfo", &["-meta", pdf.to_str().unwrap()]);
    let between = |open: &str, close: &str| {
        let start = xmp.find(open)? + open.len();
        Some(xmp[start..start + xmp[start..].find(close)?].to_owned())
    };
    Some((between("<pdfaid:part>", "</pdfaid:part>")?, between("<pdfaid:conformance>", "</pdfaid:conformance>")?))
}

/// Checks every output of a manifest (PDF/A-2b, qpdf) and signs every field
/// of those that have fields; returns how many were signed.
fn sign_every_output(out: &Path) -> usize {
    let manifest = manifest(out);
    let mut signed_documents = 0;
    for entry in manifest["outputs"].as_array().unwrap() {
        let pdf = out.join(entry["path"].as_str().unwrap());
        assert_eq!(pdfa_identification(&pdf), Some(("2".into(), "B".into())), "{} is PDF/A-2b", pdf.display());
        assert!(tool("qpdf", &["--check", pdf.to_str().unwrap()]).contains("No syntax or stream encoding errors"));
        let fields: Vec<String> = entry["signatures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["field"].as_str().expect("a field name with --sign-fields").to_owned())
            .collect();
        if fields.is_empty() {
            continue;
        }
        let signed = out.join("signed.pdf");
        let signer = Command::new("python3")
            .arg(root().join("tests/support/sign.py"))
            .arg(&pdf)
            .arg(&signed)
            .output()
            .expect("python3 with pyHanko is needed (pip install pyhanko)");
        assert!(signer.status.success(), "pyHanko: {}", String::from_utf8_lossy(&signer.stderr));
        let signed_fields: Vec<String> = String::from_utf8_lossy(&signer.stdout).lines().map(str::to_owned).collect();
        assert_eq!(signed_fields, fields, "every field of the manifest, and only those, can be signed");
        let verdicts = pdfsig(&signed);
        assert_eq!(verdicts.len(), fields.len());
        assert!(verdicts.iter().all(|(_, valid, _)| *valid), "{verdicts:?}");
        assert!(verdicts.last().unwrap().2, "the last signature covers the whole document");
        assert!(tool("qpdf", &["--check", signed.to_str().unwrap()]).contains("No syntax or stream encoding errors"));
        signed_documents += 1;
    }
    signed_documents
}

#[test]
fn no_pdfa_writes_plain_pdf() {
    let out = build(&fixture("bali"), &["--no-pdfa"]);
    assert_eq!(pdfa_identification(&out.path().join("sop/manajemen-risiko-spbe.pdf")), None);
    assert_eq!(pdfa_identification(&out.path().join("buku-sop.pdf")), None);
}

#[test]
fn a_logo_is_printed_in_the_kop() {
    let (_work, project) = project_copy("bali");
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

/// A copy of a fixture with the TTE footer and markers switched on.
fn project_with_tte(name: &str) -> (tempfile::TempDir, PathBuf) {
    let (work, project) = project_copy(name);
    let config = project.join("sopkit.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(
        "\n[tte]\nfooter = true\nurl = \"https://tte.example.go.id/verifikasi/{jenis}/{id}\"\npenanda = [\"#\", \"$\"]\n",
    );
    std::fs::write(&config, text).unwrap();
    (work, project)
}

/// The QR codes zbarimg finds on a page rendered at 300 dpi.
fn qr_codes(pdf: &Path, page: usize) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("p");
    let page = page.to_string();
    tool("pdftoppm", &["-r", "300", "-f", &page, "-l", &page, "-png", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let image = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().path();
    let output = Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(&image)
        .output()
        .expect("zbarimg is needed by the tests (apt-get install zbar-tools)");
    String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect()
}

#[test]
fn the_tte_footer_carries_a_readable_qr_code_on_every_page_and_markers_are_unique() {
    let (_work, project) = project_with_tte("denpasar");
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
    let (_work, project) = project_copy("bali");
    let config = project.join("sopkit.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\n[tte]\nfooter = true\npenanda = [\"#\", \"AB\", \"#\"]\n")).unwrap();
    let output = sopkit(&["check", project.to_str().unwrap()]);
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
}

/// A page rendered in grey at `scale` pixels per point: (width, height, pixels).
fn render_gray(pdf: &Path, page: usize, scale: f64) -> (usize, usize, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("p");
    let (page, dpi) = (page.to_string(), (72.0 * scale).to_string());
    tool("pdftoppm", &["-gray", "-r", &dpi, "-f", &page, "-l", &page, pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let image = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().path();
    let bytes = std::fs::read(image).unwrap();
    // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[at + 1..at + 1 + w * h].to_vec())
}

/// Checks, on the rendered page, that a box is drawn where `rect_top_left_pt`
/// says: its four edges are found within 1 pt of the manifest's.
fn assert_box_drawn_at(pdf: &Path, signature: &Value) {
    let scale = 4.0;
    let page = signature["page"].as_u64().unwrap() as usize;
    let (w, h, pixels) = render_gray(pdf, page, scale);
    let rect: Vec<f64> =
        signature["rect_top_left_pt"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    let [x, y, bw, bh] = [rect[0] * scale, rect[1] * scale, rect[2] * scale, rect[3] * scale];
    let dark = |px: usize, py: usize| px < w && py < h && pixels[py * w + px] < 235;
    // An edge is a line of ink along most of the box's side.
    let column_inked = |px: usize| (0..bh as usize).filter(|dy| dark(px, y as usize + dy)).count() as f64 > 0.8 * bh;
    let row_inked = |py: usize| (0..bw as usize).filter(|dx| dark(x as usize + dx, py)).count() as f64 > 0.8 * bw;
    let search = 3.0 * scale; // look 3 pt either side of where the edge should be
    let found = |at: f64, inked: &dyn Fn(usize) -> bool| -> Option<f64> {
        let hits: Vec<f64> = ((at - search).max(0.0) as usize..=(at + search) as usize)
            .filter(|&p| inked(p))
            .map(|p| p as f64)
            .collect();
        // The line's middle, in points.
        (!hits.is_empty()).then(|| (hits[0] + hits[hits.len() - 1] + 1.0) / 2.0 / scale)
    };
    let edges = [
        ("left", found(x, &column_inked), rect[0]),
        ("right", found(x + bw, &column_inked), rect[0] + rect[2]),
        ("top", found(y, &row_inked), rect[1]),
        ("bottom", found(y + bh, &row_inked), rect[1] + rect[3]),
    ];
    for (side, drawn, expected) in edges {
        let drawn = drawn.unwrap_or_else(|| panic!("{}: no {side} edge near {expected} pt", pdf.display()));
        assert!(
            (drawn - expected).abs() <= 1.0,
            "{}: {side} edge drawn at {drawn} pt, manifest {expected} pt",
            pdf.display()
        );
    }
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

/// Runs `sopkit laporan` on run records of a fixture into `out`.
fn laporan(project: &Path, runs: &[&str], out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["laporan", "--project", project.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let paths: Vec<String> = runs.iter().map(|r| project.join(r).to_string_lossy().into_owned()).collect();
    args.extend(paths.iter().map(String::as_str));
    args.extend(extra);
    sopkit(&args)
}

fn laporan_ok(project: &Path, runs: &[&str], extra: &[&str]) -> (tempfile::TempDir, Output) {
    let out = tempfile::tempdir().unwrap();
    let output = laporan(project, runs, out.path(), extra);
    assert!(output.status.success(), "laporan failed:\n{}", stderr(&output));
    (out, output)
}

#[test]
fn the_risk_report_reads_besaran_from_the_matrix_and_ranks_risks_above_selera() {
    let (out, output) = laporan_ok(&fixture("bali"), &["runs/analisis-risiko-2024.yaml"], &[]);
    // The product written in the register is corrected, naming the cell.
    let warnings = stderr(&output);
    assert!(
        warnings.contains("register-risiko-2024.xlsx: sheet `Register Risiko`, cell M7: besaran 8 does not match"),
        "{warnings}"
    );
    let text = pdf_text(&out.path().join("laporan/analisis-risiko-2024.pdf"));
    for expected in [
        "LAPORAN HASIL ANALISIS RISIKO SPBE",
        "Nomor: B.24.000/1234/IAI/D.KOMINFOS",
        "B.24.473.1/12076/IAI/D.KOMINFOS",
        "Jumlah risiko teridentifikasi: 8; di atas selera risiko: 6",
        "Risiko inheren",
        "Risiko residual",
        // Ranked by besaran: R-02 22, R-07 21, R-01 17, R-06 16, R-03 12, R-04 11.
        "1 R-02 Kebocoran data pribadi pegawai",
        "2 R-07 Serangan ransomware",
        "3 R-01 Server aplikasi utama mati",
        "4 R-06 Pemanfaatan pusat data nasional",
        "5 R-03 Integrasi data gagal",
        "6 R-04 Gangguan jaringan antar perangkat daerah",
        "Pengadaan genset dan UPS berkapasitas besar",
        "Dibuat oleh",
        "NAMA KEPALA DINAS",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    // Besaran from the matrix: R-06 (kemungkinan 4, dampak 3) is 16, not 12;
    // R-03 (4, 2) is 12, not the 8 written.
    assert!(
        text.contains("R-06 Anggaran Pemanfaatan pusat data nasional Kebijakan nasional Biaya turun 4 3 16 Tinggi"),
        "{text}"
    );
    assert!(text.contains("4 2 12 Sedang"), "{text}");
    // Below the selera (11, Keamanan Informasi 6): R-05 (7) and R-08 (1) are not ranked.
    let ranking = &text[text.find("menurut peringkat").unwrap()..text.find("IV. Register risiko").unwrap()];
    assert!(!ranking.contains("R-05") && !ranking.contains("R-08"), "{ranking}");
    // The running footer: page x of y on every page; the title and number
    // from page 2 on (page 1 has them in its heading).
    let pdf = out.path().join("laporan/analisis-risiko-2024.pdf");
    let pages = pdf_pages(&pdf);
    assert!(pages >= 2, "the register fills more than one page ({pages})");
    let running = "Laporan Hasil Analisis Risiko SPBE Nomor B.24.000/1234/IAI/D.KOMINFOS";
    for page in 1..=pages {
        let text =
            squash(&tool("pdftotext", &["-f", &page.to_string(), "-l", &page.to_string(), pdf.to_str().unwrap(), "-"]));
        assert!(text.contains(&format!("Halaman {page} dari {pages}")), "page {page}: {text}");
        assert_eq!(text.contains(running), page > 1, "page {page}: {text}");
    }
    let manifest = manifest(out.path());
    let roles: Vec<&str> =
        manifest["outputs"][0]["signatures"].as_array().unwrap().iter().map(|s| s["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["staf_teknis", "ketua_tim", "kabid", "kepala_dinas"]);
}

#[test]
fn the_monitoring_report_lists_targets_results_findings_and_follow_up() {
    let (out, _) = laporan_ok(&fixture("denpasar"), &["runs/monitoring-triwulan-1-2024.yaml"], &[]);
    let text = pdf_text(&out.path().join("laporan/monitoring-triwulan-1-2024.pdf"));
    for expected in [
        "LAPORAN MONITORING KEAMANAN INFORMASI",
        "061/2293/DKIS",
        "01 Januari 2024 s.d. 31 Maret 2024",
        "SIMPEG Denpasar",
        "Injeksi SQL pada formulir pencarian pegawai",
        "Tinggi",
        "2 pemeriksaan sesuai, 2 tidak sesuai",
        "Tindak lanjut: 1 selesai, 1 dalam proses, 1 belum ditindaklanjuti",
        "JF Sandiman Ahli Muda",
        "NIP. 197001011990031001",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    // Long addresses wrap in their cell.
    assert!(text.replace(' ', "").contains("https://simpeg.denpasarkota.go.id"));
}

#[test]
fn the_pelaksanaan_report_flags_steps_over_their_mutu_baku() {
    let (out, _) = laporan_ok(&fixture("denpasar"), &["runs/pelaksanaan-simpeg-2024-02.toml"], &[]);
    let text = pdf_text(&out.path().join("laporan/pelaksanaan-simpeg-2024-02.pdf"));
    // Step 3: 13:00 to 10:30 the next day is 5 h 30 min of working time
    // against 30 menit; step 1: 10 menit against 1 menit.
    assert!(
        text.contains("30 menit I Wayan Contoh 12-02-2024 13.00 13-02-2024 10.30 5 jam 30 menit Melebihi"),
        "{text}"
    );
    assert!(text.contains("1 menit Ni Kadek Contoh 12-02-2024 08.00 12-02-2024 08.10 10 menit Melebihi"), "{text}");
    assert!(text.contains("15 menit I Wayan Contoh 12-02-2024 09.00 12-02-2024 09.12 12 menit Sesuai"), "{text}");
    assert!(text.contains("Dilaporkan 3 dari 8 langkah: 1 sesuai mutu baku waktu, 2 melebihi"), "{text}");
    assert_eq!(text.matches("Tidak dilaporkan").count(), 5);
    assert!(text.contains("Lampiran: pegawai yang ditambahkan") && text.contains("199902022024012002"));
    // The project's default signers.
    assert!(text.contains("Kepala Bidang Persandian") && text.contains("I MADE CONTOH"));
}

#[test]
fn a_spreadsheet_carries_one_run_per_row() {
    let (out, _) = laporan_ok(&fixture("denpasar"), &["runs/pelaksanaan-2024.xlsx"], &[]);
    let manifest = manifest(out.path());
    let paths: Vec<&str> =
        manifest["outputs"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        ["laporan/pelaksanaan-2024-1.pdf", "laporan/pelaksanaan-2024-2.pdf", "laporan/pelaksanaan-2024-3.pdf"]
    );
    let third = pdf_text(&out.path().join("laporan/pelaksanaan-2024-3.pdf"));
    // Excel date-times: 18-03 13:00 to 19-03 09:00 is 4 working hours.
    assert!(third.contains("Nomor: 800/0377/DKIS/2024"), "{third}");
    assert!(third.contains("18-03-2024 13.00 19-03-2024 09.00 4 jam Melebihi"), "{third}");
    // A one-page report's footer (set without counting pages) still reads
    // as the counted one would.
    assert_eq!(pdf_pages(&out.path().join("laporan/pelaksanaan-2024-3.pdf")), 1);
    assert!(third.contains("Halaman 1 dari 1"), "{third}");
    assert_eq!(manifest["outputs"][0]["source"], "runs/pelaksanaan-2024.xlsx#4");
}

#[test]
fn wrong_run_records_are_located_and_nothing_is_written() {
    let (_work, project) = project_copy("denpasar");
    let runs = project.join("runs");
    std::fs::write(
        runs.join("salah.yaml"),
        "sop: pengelolaan-sistem-informasi-kepegawaian\nnomor: \"1\"\ntanggal: 2024-02-20\nlangkah:\n  - langkah: 12\n  - langkah: 2\n    mulai: besok pagi\n  - langkah: 3\n    mulai: 2024-02-12 10:00\n    selesai: 2024-02-12 09:00\n",
    )
    .unwrap();
    std::fs::write(runs.join("tanpa-sop.yaml"), "sop: tidak-ada\nnomor: \"2\"\ntanggal: 2024-02-20\n").unwrap();
    std::fs::write(runs.join("kunci.yaml"), "sop: x\nnomor: \"3\"\ntanggal: 2024-02-20\nwarna: merah\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = laporan(
        &project,
        &["runs/salah.yaml", "runs/tanpa-sop.yaml", "runs/kunci.yaml", "runs/monitoring-triwulan-1-2024.yaml"],
        out.path(),
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    for expected in [
        "runs/salah.yaml:5:14",
        "has no such step (it has 8 steps)",
        "runs/salah.yaml:7:12",
        "is not a date and time",
        "runs/salah.yaml:10:14",
        "the step finishes before it starts",
        "runs/tanpa-sop.yaml:1:6",
        "no SOP `tidak-ada` under sops/",
        "runs/kunci.yaml:4:1",
        "unknown key `warna`",
    ] {
        assert!(errors.contains(expected), "{expected:?} in:\n{errors}");
    }
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none(), "nothing is written when a run is wrong");
}

#[test]
fn every_laporan_is_signed_ready_and_listed_beside_the_build() {
    let project = fixture("denpasar");
    let out = build(&project, &["--sign-fields"]);
    let output = laporan(
        &project,
        &["runs/monitoring-triwulan-1-2024.yaml", "runs/pelaksanaan-simpeg-2024-02.toml"],
        out.path(),
        &["--sign-fields"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    // The build's outputs stay listed; the reports join them.
    let manifest = manifest(out.path());
    let kinds: Vec<&str> =
        manifest["outputs"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "laporan").count(), 2, "{kinds:?}");
    assert!(kinds.contains(&"buku") && kinds.contains(&"keputusan"));
    // Every box of every output, reports included, is where the manifest
    // says and can be signed by a real signer.
    for entry in manifest["outputs"].as_array().unwrap().iter().filter(|e| e["kind"] == "laporan") {
        for signature in entry["signatures"].as_array().unwrap() {
            assert_box_drawn_at(&out.path().join(entry["path"].as_str().unwrap()), signature);
        }
    }
    assert_eq!(sign_every_output(out.path()), 4);
    // A rebuild keeps the reports listed.
    let again = sopkit(&["build", project.to_str().unwrap(), "-o", out.path().to_str().unwrap(), "--sign-fields"]);
    assert!(again.status.success());
    assert_eq!(manifest_kinds(out.path()).iter().filter(|k| *k == "laporan").count(), 2);
}

fn manifest_kinds(out: &Path) -> Vec<String> {
    manifest(out)["outputs"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn the_risk_report_has_a_signable_box_per_signer() {
    let (out, _) = laporan_ok(&fixture("bali"), &["runs/analisis-risiko-2024.yaml"], &["--sign-fields"]);
    let manifest = manifest(out.path());
    let entry = &manifest["outputs"][0];
    for signature in entry["signatures"].as_array().unwrap() {
        assert_box_drawn_at(&out.path().join(entry["path"].as_str().unwrap()), signature);
    }
    assert_eq!(sign_every_output(out.path()), 1);
    // A folder stands for the run records in it; the register it refers to
    // is not a run.
    let (out, _) = laporan_ok(&fixture("bali"), &["runs"], &[]);
    assert_eq!(manifest_kinds(out.path()), ["laporan"]);
}

#[test]
fn emitted_reports_import_their_library_and_compile_alike_elsewhere() {
    let (work, project) = project_copy("denpasar");
    let out = project.join("out");
    let runs = ["runs/monitoring-triwulan-1-2024.yaml"];
    let output = laporan(&project, &runs, &out, &["--emit-typst"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let library = out.join("laporan/sopkit-laporan.typ");
    assert!(library.is_file(), "the library is written beside the reports");
    let source = std::fs::read_to_string(out.join("laporan/monitoring-triwulan-1-2024.typ")).unwrap();
    assert!(source.contains("#import \"sopkit-laporan.typ\""), "reports import it");
    // Compiled in-process from the files on disk (no generated library).
    let date = sopkit::model::Tanggal::new(2024, 4, 5).unwrap();
    let pages = compile_emitted(&project, "out/laporan/monitoring-triwulan-1-2024.typ", source, date);
    let pdf = out.join("laporan/monitoring-triwulan-1-2024.pdf");
    assert_eq!(pages, pdf_pages(&pdf));
    let stock = work.path().join("stock.pdf");
    if stock_compile(&project, &out.join("laporan/monitoring-triwulan-1-2024.typ"), &stock) {
        assert_eq!(pdf_text(&stock), pdf_text(&pdf));
    }
}

/// A minimal xlsx with the given cells (inline strings) on one sheet.
fn write_xlsx(path: &Path, sheet: &str, cells: &[(&str, &str)]) {
    let mut rows: std::collections::BTreeMap<u32, Vec<(&str, &str)>> = Default::default();
    for &(at, text) in cells {
        let row: u32 = at.trim_start_matches(|c: char| c.is_ascii_alphabetic()).parse().unwrap();
        rows.entry(row).or_default().push((at, text));
    }
    let sheet_data: String = rows
        .iter()
        .map(|(r, cells)| {
            let cells: String = cells
                .iter()
                .map(|(at, text)| format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#))
                .collect();
            format!(r#"<row r="{r}">{cells}</row>"#)
        })
        .collect();
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts = [
        (
            "[Content_Types].xml",
            String::from(
                r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(r#"<worksheet xmlns="{main}"><sheetData>{sheet_data}</sheetData></worksheet>"#),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn a_monitoring_run_reads_its_tables_from_a_workbook_and_errors_name_the_cell() {
    let (out, _) = laporan_ok(&fixture("denpasar"), &["runs/monitoring-triwulan-2-2024.yaml"], &[]);
    let text = pdf_text(&out.path().join("laporan/monitoring-triwulan-2-2024.pdf"));
    for expected in [
        "E-Office Denpasar",
        "Sistem Informasi Perizinan",
        "Unggah berkas tanpa pembatasan jenis dan ukuran",
        "2 pemeriksaan sesuai, 1 tidak sesuai",
        "0 selesai, 1 dalam proses, 0 belum ditindaklanjuti",
    ] {
        assert!(text.contains(expected), "lacks {expected:?}:\n{text}");
    }
    // A finding whose level is not one of [risiko]'s is reported at its cell.
    let (_work, project) = project_copy("denpasar");
    let out = tempfile::tempdir().unwrap();
    write_xlsx(
        &project.join("runs/monitoring-triwulan-2-2024.xlsx"),
        "Temuan",
        &[
            ("A1", "Aplikasi"),
            ("B1", "Temuan"),
            ("C1", "Tingkat"),
            ("D1", "Rekomendasi"),
            ("E1", "Status"),
            ("A2", "E-Office Denpasar"),
            ("B2", "Sandi lemah"),
            ("C2", "Gawat"),
            ("D2", "Wajibkan sandi kuat"),
            ("E2", "belum"),
        ],
    );
    let yaml = project.join("runs/monitoring-triwulan-2-2024.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replace(
            "monitoring:\n",
            "monitoring:\n  target:\n    - aplikasi: E-Office Denpasar\n      jadwal: April 2024\n",
        ),
    )
    .unwrap();
    let output = laporan(&project, &["runs/monitoring-triwulan-2-2024.yaml"], out.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .contains("monitoring-triwulan-2-2024.xlsx: sheet `Temuan`, cell C2: `Gawat` is not a risk level"),
        "{}",
        stderr(&output)
    );
    assert!(!out.path().join("laporan").exists(), "nothing is written");
}

#[test]
fn a_workbook_may_hold_one_run_per_sheet() {
    let (out, _) = laporan_ok(&fixture("denpasar"), &["runs/pelaksanaan-per-lembar-2024.xlsx"], &[]);
    let paths: Vec<String> = manifest(out.path())["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        paths,
        ["laporan/pelaksanaan-per-lembar-2024-maret.pdf", "laporan/pelaksanaan-per-lembar-2024-april.pdf"]
    );
    let april = pdf_text(&out.path().join("laporan/pelaksanaan-per-lembar-2024-april.pdf"));
    for expected in ["800/0417/DKIS/2024", "mutasi dua pegawai", "I Made Contoh", "Dilaporkan 4 dari 8 langkah"] {
        assert!(april.contains(expected), "lacks {expected:?}:\n{april}");
    }
    // A folder of runs: the per-sheet workbook's runs are runs; the monitoring
    // tables beside them are not.
    let (out, output) = laporan_ok(&fixture("denpasar"), &["runs"], &[]);
    let reports: Vec<String> = std::fs::read_dir(out.path().join("laporan"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(reports.len(), 8, "{reports:?}\n{}", stderr(&output));
}

#[path = "cli/import.rs"]
mod import;
