//! The flowchart as Typst laid it out (geometry records): symbols in their
//! lanes and rows, arrows off the symbols, pages broken cleanly.

use super::reader::read_drawing;
use super::support::*;
use sopkit::model::{Ending, SopDef};

fn definition(path: &Path) -> SopDef {
    match sopkit::load::read_document::<SopDef>(path.parent().unwrap(), path).unwrap() {
        Ok(doc) => doc.value,
        Err(e) => panic!("{} does not parse: {}", path.display(), e.message),
    }
}

/// What a definition has drawn: its steps, and its symbols (one per actor
/// of each step, and each Mulai or Selesai terminator beside a step).
fn drawn_counts(path: &Path) -> (usize, usize) {
    let def = definition(path);
    let symbols = def
        .langkah
        .iter()
        .map(|s| {
            s.actor_ids().len() + usize::from(s.mulai.is_some()) + usize::from(matches!(s.selesai, Ending::Beside(_)))
        })
        .sum();
    (def.langkah.len(), symbols)
}

/// Checks, from where Typst actually placed things: each symbol lies inside
/// its actor's column and its step's row (`symbols` of them for `steps`
/// steps: a step done together has one per actor); each arrow ends on a
/// symbol's top, on a connector, or (between the symbols of one step) on the
/// next symbol's side; connectors come in lettered pairs on two pages.
fn check_flowchart(records: &[Value], steps: usize, symbols_expected: usize) {
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
    assert_eq!(symbols.len(), symbols_expected, "one symbol per actor of each step");

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
        let on_joint_side = arrow["from"] == arrow["to"]
            && symbols.iter().any(|&(p, step, x, y, w)| {
                p == page && step == to && ((ex - x).abs() < 0.5 || (ex - (x + w)).abs() < 0.5) && ey > y
            });
        assert!(
            on_target || on_connector || on_joint_side,
            "arrow {} -> {} ends on nothing at ({ex}, {ey})",
            arrow["from"],
            to
        );
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
    // (And the decisions with their own exit labels, in `panjang`.)
    let labelled = geometry(&fixture("panjang"));
    let (_, records) = labelled.iter().find(|(path, _)| path == "sop/pengadaan-barang.pdf").expect("the sheet");
    let (steps, symbols) = drawn_counts(&fixture("panjang/sops/pengadaan-barang.yaml"));
    check_flowchart(records, steps, symbols);
    let out = build(&fixture("panjang"), &["--only", "pengadaan-barang"]);
    let pdf = out.path().join("sop/pengadaan-barang.pdf");
    assert_all_printed(&pdf, &fixture("panjang/sops/pengadaan-barang.yaml"));
    let text = pdf_text(&pdf);
    for label in ["Lengkap", "Belum Lengkap", "Memenuhi", "Klarifikasi", "Gugur"] {
        assert!(text.contains(label), "the exit label {label:?} is printed:\n{text}");
    }
    for project in ["denpasar", "bali"] {
        let documents = geometry(&fixture(project));
        let definitions = std::fs::read_dir(fixture(project).join("sops")).unwrap().count();
        assert_eq!(documents.len(), definitions, "{project}: one geometry record set per sheet");
        for (path, records) in &documents {
            let stem = path.trim_start_matches("sop/").trim_end_matches(".pdf");
            let (steps, symbols) = drawn_counts(&fixture(&format!("{project}/sops/{stem}.yaml")));
            check_flowchart(records, steps, symbols);
        }
    }
}

#[test]
fn a_forty_step_procedure_paginates_cleanly() {
    let project = fixture("panjang");
    let documents = geometry(&project);
    let records = &documents.iter().find(|(path, _)| path == "sop/pengujian-aplikasi.pdf").expect("the 40 steps").1;
    let (steps, symbols) = drawn_counts(&project.join("sops/pengujian-aplikasi.yaml"));
    assert_eq!(steps, 40);
    check_flowchart(records, steps, symbols);
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

/// The constructs of real sheets (fixtures/panjang/sops/pendataan-sosial.yaml)
/// as a reader finds them on the final PDF: where Typst drew each symbol and
/// arrow, and where poppler finds each word.
#[test]
fn actors_in_parallel_forks_terminators_and_texts_are_drawn_as_written() {
    let project = fixture("panjang");
    let yaml = project.join("sops/pendataan-sosial.yaml");
    let documents = geometry(&project);
    let records = &documents.iter().find(|(path, _)| path == "sop/pendataan-sosial.pdf").expect("the sheet").1;
    let (steps, symbols) = drawn_counts(&yaml);
    check_flowchart(records, steps, symbols);
    let def = definition(&yaml);
    let lane = |id: &str| def.pelaksana.get_index_of(id).unwrap() as u64;
    let symbols_of =
        |step: u64| -> Vec<&Value> { records.iter().filter(|r| r["kind"] == "symbol" && r["step"] == step).collect() };
    let arrows = |from: u64, to: u64| -> Vec<(f64, f64)> {
        records
            .iter()
            .filter(|r| r["kind"] == "arrow" && r["from"] == from && r["to"] == to)
            .map(|r| {
                let last = r["points"].as_array().unwrap().last().unwrap().as_array().unwrap().clone();
                (last[0].as_f64().unwrap(), last[1].as_f64().unwrap())
            })
            .collect()
    };
    // Step 1: its box in Kepala Dinas's column, a Mulai terminator in Ketua
    // Tim's, an arrow from one to the other.
    let first = symbols_of(0);
    assert_eq!(first.len(), 2);
    assert!(first.iter().any(|s| s["terminator"] == "mulai" && s["lane"] == lane("ketua")));
    assert!(first.iter().any(|s| s["terminator"].is_null() && s["symbol"] == "kotak" && s["lane"] == lane("kadis")));
    assert_eq!(arrows(0, 0).len(), 1, "Mulai leads into the box");
    // Step 5, actors in parallel: step 4 fans out to each of the three
    // symbols (three arrows, three ends), and each flows into step 6 (three
    // arrows merging into one end).
    assert_eq!(symbols_of(4).len(), 3);
    let fan: std::collections::BTreeSet<String> = arrows(3, 4).iter().map(|p| format!("{p:?}")).collect();
    assert_eq!(fan.len(), 3, "one arrow into each actor's symbol");
    let merge = arrows(4, 5);
    assert_eq!(merge.len(), 3);
    assert!(merge.iter().all(|p| *p == merge[0]), "they merge into one entry");
    assert!(arrows(4, 4).is_empty(), "no arrows between actors in parallel");
    // Step 2, done in turn by three actors: two arrows along the row.
    assert_eq!(symbols_of(1).len(), 3);
    assert_eq!(arrows(1, 1).len(), 2);
    // The fork at step 13 and its join at step 16.
    assert_eq!((arrows(12, 13).len(), arrows(12, 14).len()), (1, 1));
    assert_eq!((arrows(13, 15).len(), arrows(14, 15).len()), (1, 1));
    // The four-way decision at step 17: arrows (in two pieces when they
    // cross a page) to each exit's step, and nowhere else.
    let targets: std::collections::BTreeSet<u64> =
        records.iter().filter(|r| r["kind"] == "arrow" && r["from"] == 16).map(|r| r["to"].as_u64().unwrap()).collect();
    assert_eq!(targets.into_iter().collect::<Vec<_>>(), [17, 18, 19, 20]);
    // The last step: its box, and a Selesai terminator in Ketua Tim's column.
    let last = symbols_of(33);
    assert!(last.iter().any(|s| s["terminator"] == "selesai" && s["lane"] == lane("ketua")));
    assert_eq!(arrows(33, 33).len(), 1, "the box leads into Selesai");

    // The words: each text inside its own symbol, as poppler reads the PDF.
    let out = build(&project, &["--only", "pendataan-sosial"]);
    let pdf = out.path().join("sop/pendataan-sosial.pdf");
    assert_all_printed(&pdf, &yaml);
    let drawing = read_drawing(&pdf);
    let inside = |word: &str, step: u64, terminator: Option<&str>| {
        let symbol = symbols_of(step)
            .into_iter()
            .find(|s| s["terminator"].as_str() == terminator)
            .unwrap_or_else(|| panic!("a symbol of step {}", step + 1));
        let page = symbol["page"].as_u64().unwrap() as usize;
        let (x, y, w, h) = (num(symbol, "x"), num(symbol, "y"), num(symbol, "w"), num(symbol, "h"));
        let words: Vec<_> = drawing[page - 1].words.iter().filter(|wd| wd.text == word).collect();
        assert!(
            words.iter().any(|wd| wd.min.0 >= x && wd.max.0 <= x + w && wd.min.1 >= y && wd.max.1 <= y + h),
            "`{word}` inside step {}'s symbol at ({x}, {y}, {w}, {h}): {words:?}",
            step + 1
        );
    };
    inside("Via", 0, None);
    inside("Email", 0, None);
    inside("Mulai", 0, Some("mulai"));
    inside("Setuju?", 3, None);
    inside("disposisi?", 23, None);
    inside("TTE", 28, None);
    inside("Selesai", 33, Some("selesai"));
    let text = pdf_text(&pdf);
    for label in ["Online", "Offline", "Ditunda", "Lengkap", "Belum", "Teknis", "Administratif", "Ganda", "Sesuai"] {
        assert!(text.contains(label), "the exit label {label:?} is printed");
    }
}
