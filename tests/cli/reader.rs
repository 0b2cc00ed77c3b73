//! A reader's check of the flowcharts: what was drawn, read back from the
//! final PDF by poppler (`pdftocairo -svg` for every stroke with its width,
//! `pdftotext -bbox-layout` for every word with its extent), judged by the
//! rules a reader needs to never misread a sheet:
//!
//! - no word is crossed by a grid line, an arrow or a symbol's outline, and
//!   no two words overlap;
//! - no arrow runs on or within 2 pt of a grid line;
//! - no two arrows share a stretch of track (arrows merging into the same
//!   entry may, and arrows fanning out of the same exit), nor continue one
//!   line end to end less than 6 pt apart;
//! - no arrow passes through a symbol or a connector;
//! - every page has a table (no page holds only a title);
//! - every off-page connector letter stands on exactly two pages;
//! - no text is set smaller than 4 pt (`small_texts`: read from the PDF's
//!   content streams, not guessed from word boxes);
//! - every actor's name in the header stands inside its column's lines
//!   (`names_outside_their_columns`).
//!
//! Strokes are told apart by their width, as `sopkit-lib.typ` draws them:
//! 0.5 pt grid lines, 0.7 pt arrows, 0.8 pt symbol and connector outlines.

use super::support::*;

type Point = (f64, f64);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Grid,
    Arrow,
    Outline,
    /// Any other line: the decree's, the reports' and the book's tables,
    /// signature boxes.
    Other,
}

/// One stroked path: its subpaths as polylines (curves by their control
/// points, close enough for these rules).
#[derive(Debug, Clone)]
pub struct Stroke {
    pub ink: Ink,
    /// The line's width in points.
    pub width: f64,
    pub subpaths: Vec<Vec<Point>>,
}

impl Stroke {
    fn segments(&self) -> impl Iterator<Item = (Point, Point)> + '_ {
        self.subpaths.iter().flat_map(|path| path.windows(2).map(|w| (w[0], w[1])))
    }

    fn first_point(&self) -> Option<Point> {
        self.subpaths.first().and_then(|p| p.first()).copied()
    }

    fn last_point(&self) -> Option<Point> {
        self.subpaths.last().and_then(|p| p.last()).copied()
    }

    /// The outline's polygon, when the stroke is one closed shape.
    fn polygon(&self) -> Option<&[Point]> {
        match &self.subpaths[..] {
            [path] if path.len() >= 4 && close(path[0], path[path.len() - 1], 0.5) => Some(path),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub min: Point,
    pub max: Point,
}

#[derive(Debug, Clone, Default)]
pub struct PageDrawing {
    pub strokes: Vec<Stroke>,
    /// Filled shapes drawn without a stroke (arrowheads among them), as
    /// polygons.
    pub fills: Vec<Vec<Point>>,
    pub words: Vec<Word>,
}

fn close(a: Point, b: Point, tolerance: f64) -> bool {
    (a.0 - b.0).abs() <= tolerance && (a.1 - b.1).abs() <= tolerance
}

/// Every page of `pdf` as poppler draws it.
pub fn read_drawing(pdf: &Path) -> Vec<PageDrawing> {
    let pages = pdf_pages(pdf);
    let work = tempfile::tempdir().unwrap();
    let words = words_by_page(pdf);
    (1..=pages)
        .map(|page| {
            let svg = work.path().join(format!("{page}.svg"));
            let p = page.to_string();
            tool("pdftocairo", &["-svg", "-f", &p, "-l", &p, pdf.to_str().unwrap(), svg.to_str().unwrap()]);
            let (strokes, fills) = paths_of(&std::fs::read_to_string(&svg).unwrap());
            PageDrawing { strokes, fills, words: words.get(page - 1).cloned().unwrap_or_default() }
        })
        .collect()
}

fn attribute(tag: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    tag.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// The stroked paths of a page's SVG and its filled unstroked ones (glyph
/// definitions left aside).
fn paths_of(svg: &str) -> (Vec<Stroke>, Vec<Vec<Point>>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut strokes = Vec::new();
    let mut fills = Vec::new();
    let mut in_defs = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(tag)) if tag.local_name().as_ref() == "defs" => in_defs += 1,
            Ok(Event::End(tag)) if tag.local_name().as_ref() == "defs" => in_defs -= 1,
            Ok(Event::Start(tag) | Event::Empty(tag)) if tag.local_name().as_ref() == "path" && in_defs == 0 => {
                let style = attribute(&tag, "style").unwrap_or_default();
                let matrix: [f64; 6] = attribute(&tag, "transform")
                    .and_then(|t| {
                        let inner = t.strip_prefix("matrix(")?.strip_suffix(')')?;
                        let v: Vec<f64> = inner.split(',').filter_map(|n| n.trim().parse().ok()).collect();
                        v.try_into().ok()
                    })
                    .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
                let [a, b, c, d, e, f] = matrix;
                let apply = |(x, y): Point| (a * x + c * y + e, b * x + d * y + f);
                let stroke_width =
                    style.split(';').find_map(|s| s.strip_prefix("stroke-width:")).and_then(|w| w.parse::<f64>().ok());
                let Some(width) = stroke_width.filter(|_| !style.contains("stroke:none")) else {
                    if style.contains("fill:") && !style.contains("fill:none") {
                        let d = attribute(&tag, "d").unwrap_or_default();
                        fills.extend(parse_path(&d).into_iter().map(|path| path.into_iter().map(apply).collect()));
                    }
                    continue;
                };
                let width = width * (a * d - b * c).abs().sqrt();
                let ink = match width {
                    w if (w - 0.5).abs() < 0.05 => Ink::Grid,
                    w if (w - 0.7).abs() < 0.05 => Ink::Arrow,
                    w if (w - 0.8).abs() < 0.05 => Ink::Outline,
                    _ => Ink::Other,
                };
                let subpaths = parse_path(&attribute(&tag, "d").unwrap_or_default())
                    .into_iter()
                    .map(|path| path.into_iter().map(apply).collect())
                    .collect();
                strokes.push(Stroke { ink, width, subpaths });
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    (strokes, fills)
}

/// Cairo's path data (absolute M, L, C, Z) as polylines.
fn parse_path(d: &str) -> Vec<Vec<Point>> {
    let mut paths: Vec<Vec<Point>> = Vec::new();
    let mut tokens = d.split_whitespace().peekable();
    let number = |tokens: &mut std::iter::Peekable<std::str::SplitWhitespace>| -> f64 {
        tokens.next().and_then(|t| t.parse().ok()).unwrap_or(0.0)
    };
    while let Some(command) = tokens.next() {
        match command {
            "M" => {
                let p = (number(&mut tokens), number(&mut tokens));
                paths.push(vec![p]);
            }
            "L" => {
                let p = (number(&mut tokens), number(&mut tokens));
                if let Some(path) = paths.last_mut() {
                    path.push(p);
                }
            }
            "C" => {
                let points: Vec<Point> = (0..3).map(|_| (number(&mut tokens), number(&mut tokens))).collect();
                if let Some(path) = paths.last_mut() {
                    path.extend(points);
                }
            }
            "Z" => {
                if let Some(path) = paths.last_mut()
                    && let Some(&first) = path.first()
                {
                    path.push(first);
                }
            }
            _ => {}
        }
    }
    paths.retain(|p| p.len() >= 2);
    paths
}

/// Every word of every page with its extent (points, from the top left).
fn words_by_page(pdf: &Path) -> Vec<Vec<Word>> {
    use quick_xml::events::Event;
    let html = tool("pdftotext", &["-bbox-layout", pdf.to_str().unwrap(), "-"]);
    let mut reader = quick_xml::Reader::from_str(&html);
    let mut pages: Vec<Vec<Word>> = Vec::new();
    let mut current: Option<Word> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(tag)) if tag.local_name().as_ref() == "page" => pages.push(Vec::new()),
            Ok(Event::Start(tag)) if tag.local_name().as_ref() == "word" => {
                let number = |name: &str| attribute(&tag, name).and_then(|v| v.parse().ok()).unwrap_or(0.0);
                current = Some(Word {
                    text: String::new(),
                    min: (number("xMin"), number("yMin")),
                    max: (number("xMax"), number("yMax")),
                });
            }
            Ok(Event::Text(text)) => {
                if let Some(word) = current.as_mut() {
                    word.text.push_str(&text.xml10_content());
                }
            }
            Ok(Event::End(tag)) if tag.local_name().as_ref() == "word" => {
                if let (Some(word), Some(page)) = (current.take(), pages.last_mut()) {
                    page.push(word);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    pages
}

/// Whether the segment a-b enters the rectangle min-max.
fn crosses_rect((a, b): (Point, Point), min: Point, max: Point) -> bool {
    // Clip the segment against the rectangle (Liang-Barsky).
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a.0 - min.0), (dx, max.0 - a.0), (-dy, a.1 - min.1), (dy, max.1 - a.1)] {
        if p.abs() < 1e-12 {
            if q < 0.0 {
                return false;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    t0 < t1
}

fn inside_polygon(p: Point, polygon: &[Point]) -> bool {
    let mut inside = false;
    for w in polygon.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) / (b.1 - a.1) * (b.0 - a.0) {
            inside = !inside;
        }
    }
    inside
}

fn distance_to_segment(p: Point, (a, b): (Point, Point)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx * dx + dy * dy;
    let t = if length == 0.0 { 0.0 } else { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length).clamp(0.0, 1.0) };
    ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
}

/// For two axis-parallel segments running the same way: their distance
/// across and the length along which they run side by side.
fn side_by_side((a, b): (Point, Point), (c, d): (Point, Point)) -> Option<(f64, f64)> {
    let vertical = |(p, q): (Point, Point)| (p.0 - q.0).abs() < 0.01 && (p.1 - q.1).abs() > 0.01;
    let horizontal = |(p, q): (Point, Point)| (p.1 - q.1).abs() < 0.01 && (p.0 - q.0).abs() > 0.01;
    let overlap = |a0: f64, a1: f64, b0: f64, b1: f64| a0.max(a1).min(b0.max(b1)) - a0.min(a1).max(b0.min(b1));
    if vertical((a, b)) && vertical((c, d)) {
        Some(((a.0 - c.0).abs(), overlap(a.1, b.1, c.1, d.1)))
    } else if horizontal((a, b)) && horizontal((c, d)) {
        Some(((a.1 - c.1).abs(), overlap(a.0, b.0, c.0, d.0)))
    } else {
        None
    }
}

/// Everything on the pages of one document that a reader could misread.
/// The kinds of ink a sheet should show but where poppler read none: a
/// change of stroke widths would otherwise hide every arrow from the rules.
pub fn unseen_inks(pages: &[PageDrawing]) -> Vec<Ink> {
    [Ink::Grid, Ink::Arrow, Ink::Outline]
        .into_iter()
        .filter(|ink| !pages.iter().any(|p| p.strokes.iter().any(|s| s.ink == *ink)))
        .collect()
}

/// Whether a line underlines a word (a signer's name is underlined):
/// horizontal, in the lowest third of the word's box, and as thick as text
/// decoration, not as a table's rules (0.4-0.5 pt). Typst draws it in
/// pieces that leave the descenders free.
fn underlines(stroke: &Stroke, (a, b): (Point, Point), word: &Word) -> bool {
    let height = word.max.1 - word.min.1;
    stroke.width >= 0.85 && stroke.width < 1.3 && (a.1 - b.1).abs() < 0.01 && a.1 >= word.max.1 - height / 3.0
}

/// Words that run over a line (a cell's border, another line) or over
/// another word: text that does not stay inside its cell, in any document.
pub fn overflows(pages: &[PageDrawing]) -> Vec<String> {
    let mut found = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        for (i, word) in page.words.iter().enumerate() {
            let (min, max) = ((word.min.0 + 0.3, word.min.1 + 0.3), (word.max.0 - 0.3, word.max.1 - 0.3));
            if page
                .strokes
                .iter()
                .any(|stroke| stroke.segments().any(|s| crosses_rect(s, min, max) && !underlines(stroke, s, word)))
            {
                found.push(format!("page {}: `{}` runs over a line", index + 1, word.text));
            }
            for other in &page.words[i + 1..] {
                if !(other.min.0 >= max.0 || other.max.0 <= min.0 || other.min.1 >= max.1 || other.max.1 <= min.1) {
                    found.push(format!("page {}: `{}` and `{}` overlap", index + 1, word.text, other.text));
                }
            }
        }
    }
    found
}

pub fn defects(pages: &[PageDrawing]) -> Vec<String> {
    let mut found = Vec::new();
    let mut letters: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, page) in pages.iter().enumerate() {
        let n = index + 1;
        let of = |ink: Ink| page.strokes.iter().filter(move |s| s.ink == ink);
        if !page.words.is_empty() && of(Ink::Grid).next().is_none() {
            found.push(format!("page {n}: text without a table"));
        }
        for (i, word) in page.words.iter().enumerate() {
            let (min, max) = ((word.min.0 + 0.3, word.min.1 + 0.3), (word.max.0 - 0.3, word.max.1 - 0.3));
            for stroke in &page.strokes {
                if stroke.segments().any(|s| crosses_rect(s, min, max) && !underlines(stroke, s, word)) {
                    found.push(format!("page {n}: `{}` is crossed by {:?}", word.text, stroke.ink));
                    break;
                }
            }
            for other in &page.words[i + 1..] {
                let apart =
                    other.min.0 >= max.0 || other.max.0 <= min.0 || other.min.1 >= max.1 || other.max.1 <= min.1;
                if !apart {
                    found.push(format!("page {n}: `{}` and `{}` overlap", word.text, other.text));
                }
            }
        }
        let arrows: Vec<&Stroke> = of(Ink::Arrow).collect();
        // Where the arrows leaving one point end at the height of `end`
        // (the row an arrow enters), to the nearest point.
        let ends_of = |start: Option<Point>, end: Option<Point>| {
            let mut ends: Vec<(i64, i64)> = arrows
                .iter()
                .filter(|a| matches!((a.first_point(), start), (Some(p), Some(q)) if close(p, q, 0.5)))
                .filter_map(|a| a.last_point())
                .filter(|p| end.is_some_and(|e| (p.1 - e.1).abs() < 0.5))
                .map(|(x, y)| (x.round() as i64, y.round() as i64))
                .collect();
            ends.sort_unstable();
            ends.dedup();
            ends
        };
        for (i, arrow) in arrows.iter().enumerate() {
            for segment in arrow.segments() {
                if of(Ink::Grid)
                    .flat_map(Stroke::segments)
                    .any(|g| side_by_side(segment, g).is_some_and(|(across, along)| across < 2.0 && along > 1.0))
                {
                    found.push(format!("page {n}: an arrow runs along a grid line near {:?}", segment.0));
                }
                for other in &arrows[i + 1..] {
                    // Arrows merging into one entry, or fanning out of one
                    // exit to actors working in parallel, share their ends.
                    // So do two exits whose arrows merge and then fan out
                    // to the same symbols of a row: they lead to the same
                    // places.
                    let merging = match (arrow.last_point(), other.last_point()) {
                        (Some(p), Some(q)) => close(p, q, 0.5),
                        _ => false,
                    } || match (arrow.first_point(), other.first_point()) {
                        (Some(p), Some(q)) => close(p, q, 0.5),
                        _ => false,
                    } || match (arrow.last_point(), other.last_point()) {
                        (Some(p), Some(q)) if (p.1 - q.1).abs() < 0.5 => {
                            ends_of(arrow.first_point(), Some(p)) == ends_of(other.first_point(), Some(q))
                        }
                        _ => false,
                    };
                    if !merging
                        && other.segments().any(|o| {
                            side_by_side(segment, o).is_some_and(|(across, along)| across < 1.0 && along > 1.0)
                        })
                    {
                        found.push(format!("page {n}: two arrows share a track near {:?}", segment.0));
                    }
                    // Two arrows end to end on one line, a hair apart, read
                    // as one arrow.
                    if !merging
                        && other.segments().any(|o| {
                            side_by_side(segment, o)
                                .is_some_and(|(across, along)| across < 0.5 && (-6.0..0.0).contains(&along))
                        })
                    {
                        found.push(format!("page {n}: two arrows continue one line near {:?}", segment.0));
                    }
                }
                for outline in of(Ink::Outline) {
                    let Some(polygon) = outline.polygon() else { continue };
                    let (a, b) = segment;
                    let length = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
                    let steps = (length / 0.5) as usize;
                    let through = (2..steps.saturating_sub(1)).any(|k| {
                        let t = k as f64 / steps as f64;
                        let p = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
                        inside_polygon(p, polygon)
                            && polygon.windows(2).all(|w| distance_to_segment(p, (w[0], w[1])) > 0.8)
                    });
                    if through {
                        found.push(format!("page {n}: an arrow passes through a symbol near {:?}", segment.0));
                    }
                }
            }
        }
        // Connector letters: the words inside a five-sided outline.
        for outline in of(Ink::Outline) {
            let Some(polygon) = outline.polygon() else { continue };
            if polygon.len() != 6 {
                continue;
            }
            for word in &page.words {
                let centre = ((word.min.0 + word.max.0) / 2.0, (word.min.1 + word.max.1) / 2.0);
                if inside_polygon(centre, polygon) {
                    letters.entry(word.text.clone()).or_default().push(n);
                }
            }
        }
    }
    for (letter, pages) in letters {
        if pages.len() != 2 || pages[0] == pages[1] {
            found.push(format!("connector {letter} stands on pages {pages:?}"));
        }
    }
    found.sort();
    found
}

/// The smallest size sopkit sets any text at (README: nothing smaller).
pub const MIN_TEXT_SIZE: f64 = 4.0;

/// Every run of text on every page of `pdf` set smaller than 4 pt, with
/// its page, place and size. The size is what a reader sees: the font size
/// of `Tf` times the scale of the text matrix and of every transformation
/// around it (`cm`), so that text scaled down or drawn in a shrunken group
/// counts at its printed size. Read from the content streams with lopdf.
pub fn small_texts(pdf: &Path) -> Vec<String> {
    let document = lopdf::Document::load(pdf).unwrap();
    let mut found = Vec::new();
    for (number, page) in document.get_pages() {
        let content = lopdf::content::Content::decode(&document.get_page_content(page)).unwrap();
        for (size, (x, y)) in text_sizes(&content.operations) {
            if size < MIN_TEXT_SIZE - 0.01 {
                found.push(format!("page {number}: text at ({x:.0}, {y:.0}) set at {size:.2} pt"));
            }
        }
    }
    found
}

/// A PDF matrix [a b c d e f] (row vectors: p' = p * M).
type Matrix = [f64; 6];

fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// The printed size and place of every text-showing operation. A form
/// XObject (`Do`) is not followed: its text would go unseen, so it fails.
fn text_sizes(operations: &[lopdf::content::Operation]) -> Vec<(f64, (f64, f64))> {
    const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let numbers = |operation: &lopdf::content::Operation| -> Vec<f64> {
        operation.operands.iter().filter_map(|o| o.as_float().ok().map(f64::from)).collect()
    };
    let (mut ctm, mut stack, mut tm, mut line, mut font_size) = (IDENTITY, Vec::new(), IDENTITY, IDENTITY, 0.0);
    let mut sizes = Vec::new();
    for operation in operations {
        let n = numbers(operation);
        match operation.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(IDENTITY),
            "cm" if n.len() == 6 => ctm = multiply(&n.clone().try_into().unwrap(), &ctm),
            "BT" => (tm, line) = (IDENTITY, IDENTITY),
            "Tm" if n.len() == 6 => (tm, line) = (n.clone().try_into().unwrap(), n.clone().try_into().unwrap()),
            "Td" | "TD" if n.len() == 2 => {
                line = multiply(&[1.0, 0.0, 0.0, 1.0, n[0], n[1]], &line);
                tm = line;
            }
            "Tf" if !n.is_empty() => font_size = n[n.len() - 1],
            "Tj" | "TJ" | "'" | "\"" => {
                let m = multiply(&tm, &ctm);
                let scale = (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
                sizes.push((font_size * scale, (m[4], m[5])));
            }
            "Do" => panic!("a form XObject: its text sizes are not read"),
            _ => {}
        }
    }
    sizes
}

/// Actors' names in the procedure table's header that do not stand wholly
/// inside their own column: on each page with the header, the column lines
/// are the grid's vertical lines through the header's second row (found
/// by its `Kelengkapan` word), and the words inside the cell of actor `i`
/// (between its lines and the header's horizontal lines) must be
/// `names[i]`'s letters, every word inside the cell.
pub fn names_outside_their_columns(pages: &[PageDrawing], names: &[&str]) -> Vec<String> {
    let letters = |text: &str| -> Vec<char> {
        let mut all: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
        all.sort_unstable();
        all
    };
    let mut found = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        let Some(anchor) = page.words.iter().find(|w| w.text == "Kelengkapan") else { continue };
        let y = (anchor.min.1 + anchor.max.1) / 2.0;
        let grid: Vec<(Point, Point)> =
            page.strokes.iter().filter(|s| s.ink == Ink::Grid).flat_map(Stroke::segments).collect();
        let mut lines: Vec<f64> = grid
            .iter()
            .filter(|(a, b)| (a.0 - b.0).abs() < 0.01 && a.1.min(b.1) < y && a.1.max(b.1) > y)
            .map(|(a, _)| a.0)
            .collect();
        lines.sort_by(f64::total_cmp);
        lines.dedup_by(|a, b| (*a - *b).abs() < 0.5);
        if lines.len() != names.len() + 7 {
            found.push(format!("page {}: {} column lines through the header", index + 1, lines.len()));
            continue;
        }
        for (i, name) in names.iter().enumerate() {
            let (left, right) = (lines[2 + i], lines[3 + i]);
            let centre = (left + right) / 2.0;
            // The cell's top and bottom: the nearest horizontal lines above
            // and below the header's second row across the column.
            let across: Vec<f64> = grid
                .iter()
                .filter(|(a, b)| (a.1 - b.1).abs() < 0.01 && a.0.min(b.0) < centre && a.0.max(b.0) > centre)
                .map(|(a, _)| a.1)
                .collect();
            let top = across.iter().copied().filter(|&h| h < y).fold(f64::NEG_INFINITY, f64::max);
            let bottom = across.iter().copied().filter(|&h| h > y).fold(f64::INFINITY, f64::min);
            let words: Vec<&Word> = page
                .words
                .iter()
                .filter(|w| {
                    let (x, wy) = ((w.min.0 + w.max.0) / 2.0, (w.min.1 + w.max.1) / 2.0);
                    x > left && x < right && wy > top && wy < bottom
                })
                .collect();
            let outside = words
                .iter()
                .filter(|w| w.min.0 < left || w.max.0 > right || w.min.1 < top || w.max.1 > bottom)
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>();
            let read: String = words.iter().map(|w| w.text.as_str()).collect();
            if !outside.is_empty() || letters(&read) != letters(name) {
                found.push(format!(
                    "page {}: the name `{name}` reads `{read}`, outside its column: {outside:?}",
                    index + 1
                ));
            }
        }
    }
    found
}

#[test]
fn the_reader_sees_strokes_and_words_where_poppler_draws_them() {
    let out = build(&fixture("denpasar"), &["--only", "monitoring-keamanan-informasi"]);
    let pages = read_drawing(&out.path().join("sop/monitoring-keamanan-informasi.pdf"));
    assert_eq!(pages.len(), 2);
    let count = |page: &PageDrawing, ink: Ink| page.strokes.iter().filter(|s| s.ink == ink).count();
    // Page 2 holds the flowchart: 11 symbols, and arrows between them.
    assert!(count(&pages[1], Ink::Outline) >= 11, "{:?}", pages[1].strokes.len());
    assert!(count(&pages[1], Ink::Arrow) >= 10);
    assert!(count(&pages[1], Ink::Grid) >= 10);
    assert!(pages[1].words.iter().any(|w| w.text == "Tidak"));
}

#[test]
fn the_rules_find_what_they_name() {
    let line = |ink: Ink, points: &[Point]| Stroke { ink, width: 0.5, subpaths: vec![points.to_vec()] };
    let word = |text: &str, min: Point, max: Point| Word { text: text.into(), min, max };
    let page = PageDrawing {
        strokes: vec![
            line(Ink::Grid, &[(100.0, 0.0), (100.0, 200.0)]),
            // Along the grid line, 1 pt away.
            line(Ink::Arrow, &[(101.0, 10.0), (101.0, 50.0)]),
            // Two arrows on one track to different ends.
            line(Ink::Arrow, &[(150.0, 10.0), (150.0, 60.0)]),
            line(Ink::Arrow, &[(150.0, 40.0), (150.0, 90.0), (170.0, 90.0)]),
            // A symbol and an arrow through it.
            line(Ink::Outline, &[(200.0, 100.0), (240.0, 100.0), (240.0, 120.0), (200.0, 120.0), (200.0, 100.0)]),
            line(Ink::Arrow, &[(190.0, 110.0), (250.0, 110.0)]),
            // Two arrows end to end on one line, 4 pt apart; two more 10 pt
            // apart, and two fanning out of one exit on one stretch.
            line(Ink::Arrow, &[(300.0, 100.0), (300.0, 150.0)]),
            line(Ink::Arrow, &[(300.0, 154.0), (300.0, 190.0), (320.0, 190.0)]),
            line(Ink::Arrow, &[(400.0, 100.0), (400.0, 150.0)]),
            line(Ink::Arrow, &[(400.0, 160.0), (400.0, 190.0)]),
            line(Ink::Arrow, &[(500.0, 100.0), (500.0, 150.0), (520.0, 150.0)]),
            line(Ink::Arrow, &[(500.0, 100.0), (500.0, 150.0), (480.0, 150.0)]),
        ],
        fills: vec![],
        words: vec![word("Tidak", (95.0, 20.0), (110.0, 26.0)), word("Ya", (300.0, 5.0), (310.0, 11.0))],
    };
    let found = defects(&[page]);
    let has = |text: &str| found.iter().any(|f| f.contains(text));
    assert!(has("`Tidak` is crossed by Grid"), "{found:?}");
    assert!(has("an arrow runs along a grid line"), "{found:?}");
    assert!(has("two arrows share a track"), "{found:?}");
    assert!(has("an arrow passes through a symbol"), "{found:?}");
    assert!(has("two arrows continue one line near (300.0"), "{found:?}");
    assert!(!found.iter().any(|f| f.contains("near (400.0") || f.contains("near (500.0")), "{found:?}");
    assert!(!has("`Ya`"), "{found:?}");
    // A page of text and no table.
    let title_only =
        PageDrawing { strokes: vec![], fills: vec![], words: vec![word("PROSEDUR", (10.0, 10.0), (60.0, 20.0))] };
    assert_eq!(unseen_inks(std::slice::from_ref(&title_only)), [Ink::Grid, Ink::Arrow, Ink::Outline]);
    assert_eq!(defects(&[title_only]), ["page 1: text without a table"]);
}

#[test]
fn the_fixture_sheets_read_without_a_defect() {
    let mut found = Vec::new();
    for project in ["denpasar", "bali", "panjang"] {
        let out = build(&fixture(project), &[]);
        let mut sheets: Vec<PathBuf> =
            std::fs::read_dir(out.path().join("sop")).unwrap().map(|e| e.unwrap().path()).collect();
        sheets.sort();
        let definitions = std::fs::read_dir(fixture(project).join("sops")).unwrap().count();
        assert_eq!(sheets.len(), definitions, "{project}: a sheet per definition is read");
        for sheet in sheets {
            let drawing = read_drawing(&sheet);
            assert_eq!(unseen_inks(&drawing), [], "{}: the reader sees the flowchart", sheet.display());
            for defect in defects(&drawing).into_iter().chain(small_texts(&sheet)) {
                found.push(format!("{}: {defect}", sheet.file_name().unwrap().to_string_lossy()));
            }
        }
    }
    assert!(found.is_empty(), "{} defects:\n{}", found.len(), found.join("\n"));
}
