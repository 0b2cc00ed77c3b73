//! Rows as real signed sheets draw them (issue 22), read back from the
//! final PDF the way a reader sees it: every symbol's shape in its actor's
//! cell, every arrow from cell to cell with its heads, every exit label
//! beside its own exit, the numbers in the No column as the sheet prints
//! them. Cells come from where Typst placed the table's rows and columns
//! (geometry records); everything else from poppler's reading of the PDF.

use super::reader::{PageDrawing, Stroke, defects, read_drawing};
use super::support::*;

type Point = (f64, f64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    Capsule,
    Box,
    Diamond,
}

/// A cell of the procedure table: (row, lane), both 0-based.
type Cell = (usize, usize);

/// An arrow a definition draws: from a cell to a cell, its heads at
/// (start, end), its label.
type Expected = (Cell, Cell, (usize, usize), Option<&'static str>);

/// Where the table's rows and lanes are on each page.
struct Table {
    /// (page, step, top) of every row.
    rows: Vec<(u64, usize, f64)>,
    /// (page, bottom) of every page's table body.
    ends: Vec<(u64, f64)>,
    /// Lane borders (x), from the first lane's left edge.
    lanes: Vec<f64>,
}

impl Table {
    fn of(records: &[Value]) -> Self {
        let of = |kind: &'static str| records.iter().filter(move |r| r["kind"] == kind);
        let mut lanes: Vec<(u64, f64)> =
            of("lane").filter(|l| l["page"] == 2).map(|l| (l["lane"].as_u64().unwrap(), num(l, "x"))).collect();
        lanes.sort_by_key(|&(lane, _)| lane);
        Self {
            rows: of("row")
                .map(|r| (r["page"].as_u64().unwrap(), r["step"].as_u64().unwrap() as usize, num(r, "y")))
                .collect(),
            ends: of("body-end").map(|e| (e["page"].as_u64().unwrap(), num(e, "y"))).collect(),
            lanes: lanes.into_iter().map(|(_, x)| x).collect(),
        }
    }

    /// The cell a point of page `page` (1-based) lies in.
    fn cell(&self, page: u64, (x, y): Point) -> Option<Cell> {
        let lane = self.lanes.windows(2).position(|w| w[0] < x && x < w[1])?;
        let end = self.ends.iter().find(|(p, _)| *p == page)?.1;
        let row = self
            .rows
            .iter()
            .filter(|(p, _, top)| *p == page && *top < y && y < end)
            .max_by(|a, b| a.2.total_cmp(&b.2))?
            .1;
        Some((row, lane))
    }
}

/// A symbol as drawn: its shape and its extent.
#[derive(Debug, Clone, Copy)]
struct Drawn {
    shape: Shape,
    min: Point,
    max: Point,
}

impl Drawn {
    fn centre(&self) -> Point {
        ((self.min.0 + self.max.0) / 2.0, (self.min.1 + self.max.1) / 2.0)
    }

    fn touches(&self, (x, y): Point) -> bool {
        self.min.0 - 1.5 <= x && x <= self.max.0 + 1.5 && self.min.1 - 1.5 <= y && y <= self.max.1 + 1.5
    }
}

/// The symbols of a page by the shape of their outline: a closed path of
/// four corners is a box when its sides are level, a diamond when its
/// corners stand at the middles of its extent; a path of curves wider than
/// tall is a capsule (an off-page connector is a circle and left out).
fn symbols(page: &PageDrawing) -> Vec<Drawn> {
    let outline = |s: &&Stroke| s.ink == super::reader::Ink::Outline;
    page.strokes
        .iter()
        .filter(outline)
        .filter_map(|s| {
            let points: Vec<Point> = s.subpaths.iter().flatten().copied().collect();
            let min = points.iter().fold((f64::MAX, f64::MAX), |m, p| (m.0.min(p.0), m.1.min(p.1)));
            let max = points.iter().fold((f64::MIN, f64::MIN), |m, p| (m.0.max(p.0), m.1.max(p.1)));
            let (w, h) = (max.0 - min.0, max.1 - min.1);
            let level = |p: &Point| {
                ((p.0 - min.0).abs() < 0.2 || (p.0 - max.0).abs() < 0.2)
                    && ((p.1 - min.1).abs() < 0.2 || (p.1 - max.1).abs() < 0.2)
            };
            let middle =
                |p: &Point| (p.0 - (min.0 + max.0) / 2.0).abs() < 0.2 || (p.1 - (min.1 + max.1) / 2.0).abs() < 0.2;
            let shape = match points.len() {
                5 if points.iter().all(level) => Shape::Box,
                5 if points.iter().all(middle) => Shape::Diamond,
                n if n > 5 && w > 1.5 * h => Shape::Capsule,
                _ => return None,
            };
            Some(Drawn { shape, min, max })
        })
        .collect()
}

/// Whether an arrowhead stands at point `p` (1) or not (0): a small
/// filled triangle with its tip there (arrows merging into one entry each
/// draw theirs on the same spot).
fn heads_at(page: &PageDrawing, p: Point) -> usize {
    usize::from(
        page.fills.iter().any(|f| {
            (4..=5).contains(&f.len()) && f.iter().any(|q| (q.0 - p.0).abs() < 0.3 && (q.1 - p.1).abs() < 0.3)
        }),
    )
}

/// An arrow as read: the cells of the symbols it joins, its heads at each
/// end, and its first segment (where its label stands).
#[derive(Debug, Clone)]
struct Read {
    from: Cell,
    to: Cell,
    heads: (usize, usize),
    start: (Point, Point),
}

fn arrows(page: &PageDrawing, number: u64, table: &Table) -> Vec<Read> {
    let shapes = symbols(page);
    let cell_at = |p: Point| {
        let symbol = shapes.iter().find(|s| s.touches(p))?;
        table.cell(number, symbol.centre())
    };
    page.strokes
        .iter()
        .filter(|s| s.ink == super::reader::Ink::Arrow)
        .filter_map(|s| {
            let points: Vec<Point> = s.subpaths.iter().flatten().copied().collect();
            let (first, last) = (*points.first()?, *points.last()?);
            Some(Read {
                from: cell_at(first)?,
                to: cell_at(last)?,
                heads: (heads_at(page, first), heads_at(page, last)),
                start: (first, points[1]),
            })
        })
        .collect()
}

/// The distance from a word's box to a segment.
fn distance(word: &super::reader::Word, (a, b): (Point, Point)) -> f64 {
    let (min, max) = (word.min, word.max);
    let dx = (min.0 - a.0.max(b.0)).max(a.0.min(b.0) - max.0).max(0.0);
    let dy = (min.1 - a.1.max(b.1)).max(a.1.min(b.1) - max.1).max(0.0);
    (dx * dx + dy * dy).sqrt()
}

#[test]
fn every_construct_of_a_real_row_is_drawn_where_the_definition_puts_it() {
    let project = fixture("panjang");
    let out = build(&project, &["--only", "penerusan-surat"]);
    let pdf = out.path().join("sop/penerusan-surat.pdf");
    let pages = read_drawing(&pdf);
    assert!(defects(&pages).is_empty(), "{:?}", defects(&pages));
    let records = geometry(&project).into_iter().find(|(path, _)| path.ends_with("penerusan-surat.pdf")).unwrap().1;
    let table = Table::of(&records);
    assert_eq!(pages.len(), 2, "identity, then the whole table on one page");
    let page = &pages[1];

    // Symbols: a start beside the first box; a diamond beside a box; two
    // diamonds in one row; three boxes; a box with its end stacked below;
    // two terminators ending together.
    let mut drawn: Vec<(Cell, Shape)> =
        symbols(page).iter().filter_map(|s| Some((table.cell(2, s.centre())?, s.shape))).collect();
    drawn.sort();
    use Shape::*;
    let expected = [
        ((0, 0), Capsule),
        ((0, 1), Box),
        ((1, 1), Diamond),
        ((1, 3), Box),
        ((2, 0), Box),
        ((3, 1), Diamond),
        ((3, 2), Diamond),
        ((4, 2), Box),
        ((4, 3), Box),
        ((4, 4), Box),
        ((5, 4), Diamond),
        ((6, 2), Box),
        ((7, 0), Capsule),
        ((7, 0), Box),
        ((8, 1), Capsule),
        ((8, 3), Capsule),
    ];
    assert_eq!(drawn, expected);

    // Arrows from cell to cell, with their heads at (start, end) and the
    // label beside their start.
    let read = arrows(page, 2, &table);
    let expected: &[Expected] = &[
        ((0, 0), (0, 1), (0, 1), None),
        ((0, 1), (1, 1), (0, 1), None),
        ((1, 1), (1, 3), (0, 1), Some("Dalam kota")),
        ((1, 1), (2, 0), (0, 1), Some("Luar kota")),
        ((1, 3), (3, 1), (0, 1), None),
        ((2, 0), (3, 1), (0, 1), None),
        ((3, 1), (3, 2), (0, 1), Some("Sesuai")),
        ((3, 1), (2, 0), (0, 1), Some("Tidak")),
        ((3, 2), (4, 2), (0, 1), None),
        ((3, 2), (2, 0), (0, 1), Some("Tidak")),
        ((4, 2), (4, 3), (1, 1), None),
        ((4, 3), (4, 4), (0, 0), None),
        ((4, 4), (5, 4), (0, 1), None),
        ((5, 4), (6, 2), (0, 1), Some("Dibalas")),
        ((5, 4), (6, 2), (0, 1), Some("Dibalas dengan catatan")),
        ((5, 4), (7, 0), (0, 1), Some("Arsip saja")),
        ((5, 4), (8, 1), (0, 1), None),
        ((5, 4), (8, 3), (0, 1), None),
        ((6, 2), (7, 0), (0, 1), None),
        ((6, 2), (8, 1), (0, 1), None),
        ((6, 2), (8, 3), (0, 1), None),
        ((7, 0), (7, 0), (0, 1), None),
    ];
    let mut found: Vec<(Cell, Cell, (usize, usize))> = read.iter().map(|a| (a.from, a.to, a.heads)).collect();
    found.sort();
    let mut wanted: Vec<(Cell, Cell, (usize, usize))> = expected.iter().map(|&(f, t, h, _)| (f, t, h)).collect();
    wanted.sort();
    assert_eq!(found, wanted, "arrows (from cell, to cell, heads)");

    // The exit that splits leaves by one stem: its three arrows (to step 6
    // and to both terminators of step 7) start at one point.
    let split: Vec<Point> = read
        .iter()
        .filter(|a| a.from == (5, 4) && [(7, 0), (8, 1), (8, 3)].contains(&a.to))
        .map(|a| a.start.0)
        .collect();
    assert_eq!(split.len(), 3);
    assert!(split.iter().all(|p| (p.0 - split[0].0).abs() < 0.1 && (p.1 - split[0].1).abs() < 0.1), "{split:?}");

    // Each label stands beside the first stretch of an arrow of its exit,
    // and nowhere else; an unlabelled exit has none.
    let words: Vec<&str> = page.words.iter().map(|w| w.text.as_str()).collect();
    for &(from, to, _, label) in expected {
        let Some(label) = label else { continue };
        let parts: Vec<&str> = label.split(' ').collect();
        let beside = read.iter().filter(|a| (a.from, a.to) == (from, to)).any(|a| {
            (0..words.len().saturating_sub(parts.len() - 1)).any(|i| {
                words[i..i + parts.len()] == parts[..]
                    && page.words[i..i + parts.len()].iter().any(|w| distance(w, a.start) < 12.0)
            })
        });
        let starts: Vec<_> = read.iter().filter(|a| (a.from, a.to) == (from, to)).map(|a| a.start).collect();
        assert!(beside, "label `{label}` beside the exit from {from:?} to {to:?}, which starts {starts:?}");
    }
    let labels = ["Dalam", "Luar", "Sesuai", "Tidak", "Dibalas", "Arsip"];
    // In the actor area (Kegiatan and Output say "Arsip" too).
    let (left, right) = (table.lanes[0], *table.lanes.last().unwrap());
    let in_lanes: Vec<&str> =
        page.words.iter().filter(|w| left < w.min.0 && w.max.0 < right).map(|w| w.text.as_str()).collect();
    let counted: Vec<usize> = labels.iter().map(|l| in_lanes.iter().filter(|w| *w == l).count()).collect();
    assert_eq!(counted, [1, 1, 1, 2, 2, 1], "every label once per exit, none invented: {labels:?}");

    // The numbers as the sheet prints them, and Keterangan pointing at one.
    let text = squash(&pdf_text(&pdf));
    for number in [
        "1 Menerima",
        "2 Memeriksa tujuan",
        "2a Menyiapkan",
        "3 Memeriksa disposisi",
        "3.1 Membahas",
        "4 Menilai",
        "7 Menyimpan",
    ] {
        assert!(text.contains(number), "{number} in {text}");
    }
}

/// A text that no symbol holds even at 4 pt is said at its `teks`, in the
/// clerk's language; the sheet is still built.
#[test]
fn a_text_too_long_for_its_symbol_is_warned_at_its_teks() {
    let test = TestProject::copy("panjang");
    let definition = std::fs::read_to_string(test.path("sops/penerusan-surat.yaml")).unwrap().replace(
        "      - { pelaksana: ketua_tim }\n    kelengkapan: Surat masuk",
        "      - { pelaksana: ketua_tim, teks: Pertanggungjawabanpengadministrasiandata }\n    kelengkapan: Surat masuk",
    );
    test.write("sops/penerusan-surat.yaml", &definition);
    let output = test.build(&["--only", "penerusan-surat"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stderr(&output);
    let line = definition.lines().position(|l| l.contains("teks: Pertanggung")).unwrap() + 1;
    assert!(
        said.contains("does not fit its symbol even at the smallest size (4 pt)")
            && said.contains(&format!("sops/penerusan-surat.yaml:{line}:")),
        "{said}"
    );
    // The texts that fit say nothing.
    assert_eq!(said.matches("does not fit its symbol").count(), 1, "{said}");
}
