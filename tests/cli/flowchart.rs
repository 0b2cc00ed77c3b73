//! The flowchart as Typst laid it out (geometry records): symbols in their
//! lanes and rows, arrows off the symbols, pages broken cleanly.

use super::support::*;

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
    check_flowchart(records, 8, 11);
    let out = build(&fixture("panjang"), &["--only", "pengadaan-barang"]);
    let pdf = out.path().join("sop/pengadaan-barang.pdf");
    assert_all_printed(&pdf, &fixture("panjang/sops/pengadaan-barang.yaml"));
    let text = pdf_text(&pdf);
    for label in ["Lengkap", "Belum Lengkap", "Memenuhi", "Klarifikasi", "Gugur"] {
        assert!(text.contains(label), "the exit label {label:?} is printed:\n{text}");
    }
    for (project, steps) in [("denpasar", [11, 8].as_slice()), ("bali", [6].as_slice())] {
        let documents = geometry(&fixture(project));
        assert_eq!(documents.len(), steps.len(), "{project}: one geometry record set per sheet");
        for ((_, records), steps) in documents.iter().zip(steps) {
            check_flowchart(records, *steps, *steps);
        }
    }
}

#[test]
fn a_forty_step_procedure_paginates_cleanly() {
    let project = fixture("panjang");
    let documents = geometry(&project);
    let records = &documents.iter().find(|(path, _)| path == "sop/pengujian-aplikasi.pdf").expect("the 40 steps").1;
    check_flowchart(records, 40, 40);
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
