//! Load: a page's ruled table as a grid of cells. The rules give the
//! columns and rows; a stretch of border that is not drawn joins two cells
//! into one (a merge); a cell whose text stands in columns apart ("NAMA SOP
//! : value" without rules between) or under a heading line ("DASAR HUKUM:"
//! over its list) is cut there. Text outside the table is a row per line.
//! Text inside a symbol is the symbol's; text beside the drawing is a label.

use std::collections::BTreeMap;

use super::content::{Glyph, Page, Pt};
use super::shapes::{Arrow, Frame, Sorted};

/// Coordinates this close are one line of the grid.
const SNAP: f64 = 1.0;
/// How near (points) a line of a cell's text starts or ends by an arrow
/// for the text to be a label beside it.
const LABEL_NEAR: f64 = 6.0;
/// A gap (ems) between two labels on one line: twice a word space.
const LABELS_APART: f64 = 0.6;

/// Words of one line, apart from the next words on the line.
#[derive(Debug, Clone)]
pub struct Fragment {
    pub text: String,
    pub frame: Frame,
    pub size: f64,
}

/// A cell of the page as drawn: its box and its text (paragraphs on lines
/// of their own).
#[derive(Debug, Clone)]
pub struct Region {
    pub frame: Frame,
    pub text: String,
}

/// One page read: its cells, the lines of text outside its table, the
/// grid's boundaries, and the drawing's texts.
#[derive(Debug, Default)]
pub struct Plan {
    pub regions: Vec<Region>,
    /// Lines of text outside the table, each of its fragments.
    pub loose: Vec<Vec<Fragment>>,
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    pub table: Option<Frame>,
    /// Each symbol's text, in the order of `Sorted::symbols`.
    pub symbol_texts: Vec<String>,
    /// Texts beside the drawing (exit labels).
    pub labels: Vec<Fragment>,
}

/// Values within `SNAP` of each other as one, sorted.
pub fn cluster(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for v in values {
        match out.last() {
            Some(&last) if v - last < SNAP => {}
            _ => out.push(v),
        }
    }
    out
}

/// Boundaries a double rule gives (an outer border drawn twice, a hair
/// apart) as one: the inner one, which the table's other rules meet.
fn single_rules(boundaries: Vec<f64>) -> Vec<f64> {
    /// Wider than any double rule, narrower than any cell.
    const DOUBLE: f64 = 3.0;
    let mut out: Vec<f64> = Vec::new();
    for b in boundaries {
        match out.last() {
            Some(&last) if b - last < DOUBLE => {
                if out.len() == 1 {
                    out[0] = b;
                }
            }
            _ => out.push(b),
        }
    }
    out
}

/// How much of `a..b` the rules at `at` cover.
fn covered(rules: &[super::shapes::Rule], at: f64, a: f64, b: f64) -> bool {
    let mut spans: Vec<(f64, f64)> = rules
        .iter()
        .filter(|r| (r.at - at).abs() < SNAP && r.b > a && r.a < b)
        .map(|r| (r.a.max(a), r.b.min(b)))
        .collect();
    spans.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut total = 0.0;
    let mut reach = a;
    for (s, e) in spans {
        if e > reach {
            total += e - s.max(reach);
            reach = e;
        }
    }
    total >= 0.5 * (b - a)
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut root = i;
    while parent[root] != root {
        root = parent[root];
    }
    parent[i] = root;
    root
}

/// Reads a page's grid and places its text.
pub fn plan(page: &Page, sorted: &Sorted) -> Plan {
    let long = |r: &&super::shapes::Rule| r.b - r.a > 3.0;
    let xs = single_rules(cluster(sorted.down.iter().filter(long).map(|r| r.at).collect()));
    let ys = single_rules(cluster(sorted.across.iter().filter(long).map(|r| r.at).collect()));
    let mut plan = Plan { symbol_texts: vec![String::new(); sorted.symbols.len()], ..Plan::default() };
    // Glyphs inside a symbol are its text.
    let mut free: Vec<&Glyph> = Vec::new();
    let mut inside: Vec<Vec<&Glyph>> = vec![Vec::new(); sorted.symbols.len()];
    for glyph in &page.glyphs {
        let centre = glyph.centre();
        match sorted.symbols.iter().position(|s| s.frame.contains(centre, 0.0)) {
            Some(k) if !glyph.turned => inside[k].push(glyph),
            _ => free.push(glyph),
        }
    }
    // A glyph in a corner of a diamond's box, outside its outline, that
    // runs on from a word outside is that word's (a label beside it).
    loop {
        let mut moved = false;
        for (symbol, glyphs) in sorted.symbols.iter().zip(&mut inside) {
            let (leaving, staying): (Vec<&Glyph>, Vec<&Glyph>) =
                glyphs.iter().partition(|g| !symbol.holds(g.centre()) && free.iter().any(|f| same_word(f, g)));
            if !leaving.is_empty() {
                moved = true;
                free.extend(leaving);
                *glyphs = staying;
            }
        }
        if !moved {
            break;
        }
    }
    for (k, glyphs) in inside.iter().enumerate() {
        let mut text = String::new();
        for fragment in lines(glyphs).iter().flatten() {
            if !text.is_empty() {
                wrap(&mut text, &fragment.text);
            }
            text.push_str(&fragment.text);
        }
        plan.symbol_texts[k] = text;
    }
    let mut regions: Vec<(Frame, Vec<&Glyph>)> = Vec::new();
    if xs.len() >= 2 && ys.len() >= 2 {
        let (n, m) = (xs.len() - 1, ys.len() - 1);
        let mut parent: Vec<usize> = (0..n * m).collect();
        for i in 0..m {
            for j in 0..n {
                if j + 1 < n && !covered(&sorted.down, xs[j + 1], ys[i], ys[i + 1]) {
                    let (a, b) = (find(&mut parent, i * n + j), find(&mut parent, i * n + j + 1));
                    parent[a] = b;
                }
                if i + 1 < m && !covered(&sorted.across, ys[i + 1], xs[j], xs[j + 1]) {
                    let (a, b) = (find(&mut parent, i * n + j), find(&mut parent, (i + 1) * n + j));
                    parent[a] = b;
                }
            }
        }
        let mut frames: BTreeMap<usize, Frame> = BTreeMap::new();
        for i in 0..m {
            for j in 0..n {
                let root = find(&mut parent, i * n + j);
                let cell = Frame { x0: xs[j], y0: ys[i], x1: xs[j + 1], y1: ys[i + 1] };
                let frame = frames.entry(root).or_insert(cell);
                *frame = Frame {
                    x0: frame.x0.min(cell.x0),
                    y0: frame.y0.min(cell.y0),
                    x1: frame.x1.max(cell.x1),
                    y1: frame.y1.max(cell.y1),
                };
            }
        }
        regions = frames.into_values().map(|f| (f, Vec::new())).collect();
        plan.table = Some(Frame { x0: xs[0], y0: ys[0], x1: xs[n], y1: ys[m] });
    }
    let mut outside: Vec<&Glyph> = Vec::new();
    for glyph in free {
        let centre = glyph.centre();
        match regions.iter_mut().find(|(frame, _)| frame.contains(centre, 0.0)) {
            Some((_, glyphs)) => glyphs.push(glyph),
            None if !glyph.turned => outside.push(glyph),
            None => {}
        }
    }
    let (mut xs, mut ys) = (xs, ys);
    // A cell the drawing enters, or whose text is one short line that
    // starts or ends right by an arrow in a column that holds symbols (a
    // label in the cell beside the one its arrow runs through); an arrow
    // along the cell's rule is no sign.
    let near_arrow = |frame: &Frame, x: f64, y: f64| {
        let reach = Frame { x0: x - LABEL_NEAR, y0: y - LABEL_NEAR, x1: x + LABEL_NEAR, y1: y + LABEL_NEAR };
        let on_rule = |a: Pt, b: Pt| {
            let down = (a.0 - b.0).abs() < SNAP && [frame.x0, frame.x1].iter().any(|x| (a.0 - x).abs() < SNAP);
            let across = (a.1 - b.1).abs() < SNAP && [frame.y0, frame.y1].iter().any(|y| (a.1 - y).abs() < SNAP);
            down || across
        };
        sorted.arrows.iter().any(|a| a.points.windows(2).any(|w| !on_rule(w[0], w[1]) && Frame::of(w).overlaps(&reach)))
    };
    let label_by_arrow = |frame: &Frame, glyphs: &[&Glyph]| {
        let found = lines(glyphs);
        let [line] = &found[..] else { return false };
        let (Some(first), Some(last)) = (line.first(), line.last()) else { return false };
        let y = (first.frame.y0 + first.frame.y1) / 2.0;
        let short = line.iter().map(|f| f.text.chars().count()).sum::<usize>() <= 40;
        let lane = sorted.symbols.iter().any(|s| (frame.x0..frame.x1).contains(&s.frame.centre().0));
        lane && short && (near_arrow(frame, first.frame.x0, y) || near_arrow(frame, last.frame.x1, y))
    };
    let drawn: Vec<bool> = regions
        .iter()
        .map(|(frame, glyphs)| {
            let inner = Frame { x0: frame.x0 + 1.0, y0: frame.y0 + 1.0, x1: frame.x1 - 1.0, y1: frame.y1 - 1.0 };
            sorted.symbols.iter().any(|s| s.frame.overlaps(&inner))
                || sorted.arrows.iter().any(|a| a.points.windows(2).any(|w| Frame::of(w).overlaps(&inner)))
                || label_by_arrow(frame, glyphs)
        })
        .collect();
    let mut beside: Vec<&Glyph> = Vec::new();
    for ((_, glyphs), &drawn) in regions.iter_mut().zip(&drawn) {
        if drawn {
            beside.append(glyphs);
        }
    }
    // A label drawn across a column's rule is one label: its letters in
    // the next cell join it.
    loop {
        let mut moved = false;
        for ((_, glyphs), _) in regions.iter_mut().zip(&drawn).filter(|(_, d)| !**d) {
            let (joining, staying): (Vec<&Glyph>, Vec<&Glyph>) =
                glyphs.iter().partition(|g| beside.iter().any(|b| same_word(b, g)));
            if !joining.is_empty() {
                moved = true;
                beside.extend(joining);
                *glyphs = staying;
            }
        }
        if !moved {
            break;
        }
    }
    // Two labels side by side stand wider apart than a word space.
    let beside: Vec<&Glyph> = beside.into_iter().filter(|g| !g.turned).collect();
    plan.labels = labels(lines_apart(&beside, LABELS_APART), &sorted.arrows);
    for ((frame, glyphs), drawn) in regions.into_iter().zip(drawn) {
        if drawn {
            plan.regions.push(Region { frame, text: String::new() });
            continue;
        }
        let (turned, upright): (Vec<&Glyph>, Vec<&Glyph>) = glyphs.into_iter().partition(|g| g.turned);
        if upright.is_empty() && !turned.is_empty() {
            // A header turned up its column: one cell, read upright.
            plan.regions.push(Region { frame, text: paragraphs(&lines(&turned), frame.height()) });
            continue;
        }
        for (sub, text) in split(frame, lines(&upright), &mut xs, &mut ys) {
            plan.regions.push(Region { frame: sub, text });
        }
    }
    plan.loose = lines(&outside);
    plan.xs = xs;
    plan.ys = ys;
    plan
}

/// Whether two glyphs stand side by side in one word.
fn same_word(a: &Glyph, b: &Glyph) -> bool {
    a.turned == b.turned
        && (a.baseline - b.baseline).abs() < 0.1 * a.size
        && (b.x0 - a.x1).max(a.x0 - b.x1) < 0.3 * a.size
}

/// Glyphs into lines (top to bottom) of fragments (left to right): a gap
/// of a space's width is a space, of an em or more a new fragment, as is
/// a colon standing apart ("NAMA SOP   :   value").
pub fn lines(glyphs: &[&Glyph]) -> Vec<Vec<Fragment>> {
    lines_apart(glyphs, 1.0)
}

/// Glyphs into lines, a gap of `apart` ems starting a new fragment.
fn lines_apart(glyphs: &[&Glyph], apart: f64) -> Vec<Vec<Fragment>> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for glyph in sorted {
        match rows.last_mut() {
            Some(row) if (row[0].baseline - glyph.baseline).abs() < 0.4 * glyph.size.max(row[0].size) => {
                row.push(glyph)
            }
            _ => rows.push(vec![glyph]),
        }
    }
    rows.into_iter()
        .map(|mut row| {
            row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut fragments: Vec<Fragment> = Vec::new();
            let mut end = f64::MIN;
            for glyph in row {
                let gap = glyph.x0 - end;
                let top = glyph.baseline - 0.8 * glyph.size;
                let bottom = glyph.baseline + 0.2 * glyph.size;
                let text = glyph.text.trim();
                let colon_apart = fragments.last().is_some_and(|f| f.text == ":") && gap > 0.15 * glyph.size;
                let new = fragments.is_empty()
                    || gap > apart * glyph.size
                    || colon_apart
                    || (text == ":" && gap > glyph.size * 0.6);
                if new {
                    if !text.is_empty() {
                        fragments.push(Fragment {
                            text: text.to_owned(),
                            frame: Frame { x0: glyph.x0, y0: top, x1: glyph.x1, y1: bottom },
                            size: glyph.size,
                        });
                        end = glyph.x1;
                    }
                    continue;
                }
                let Some(fragment) = fragments.last_mut() else { continue };
                if text.is_empty() {
                    // A space glyph: the next word starts after it.
                    if !fragment.text.ends_with(' ') {
                        fragment.text.push(' ');
                    }
                } else {
                    if gap > 0.15 * glyph.size && !fragment.text.ends_with(' ') {
                        fragment.text.push(' ');
                    }
                    fragment.text.push_str(text);
                }
                fragment.frame.x1 = glyph.x1;
                fragment.frame.y0 = fragment.frame.y0.min(top);
                fragment.frame.y1 = fragment.frame.y1.max(bottom);
                end = glyph.x1;
            }
            for fragment in &mut fragments {
                fragment.text = fragment.text.trim().to_owned();
            }
            for fragment in &mut fragments {
                fragment.text = hard_hyphens(&fragment.text);
            }
            fragments
        })
        .filter(|row| !row.is_empty())
        .collect()
}

/// A cell's lines as paragraphs: wrapped lines joined, a new paragraph
/// where the gap between lines is wider than the cell's line pitch, where
/// a line starts a numbered or bulleted item, or where a line ends short of
/// the cell's `width` by more than the next line's first word (a signature
/// block's lines, items of a list without numbers).
fn paragraphs(lines: &[Vec<Fragment>], width: f64) -> String {
    let baselines: Vec<f64> = lines.iter().map(|l| l[0].frame.y1).collect();
    let pitch = baselines.windows(2).map(|w| w[1] - w[0]).fold(f64::MAX, f64::min);
    let mut out = String::new();
    for (k, line) in lines.iter().enumerate() {
        let text = line.iter().map(|f| f.text.as_str()).collect::<Vec<_>>().join(" ");
        if k > 0 {
            // Wider than the cell's line pitch, or than two lines of its
            // text (two lines alone give no pitch to compare with).
            let gap = baselines[k] - baselines[k - 1];
            let apart = gap > 1.3 * pitch || gap > 2.0 * line[0].size;
            if apart || starts_item(&text) || ends_short(&lines[k - 1], line, width) {
                out.push('\n');
            } else {
                wrap(&mut out, &text);
            }
        }
        out.push_str(&text);
    }
    out
}

/// Whether the next line's first word would have fitted after `line`
/// within `width` (less a cell's padding): the line was ended, not
/// wrapped. A line ending in a hyphen was wrapped.
fn ends_short(line: &[Fragment], next: &[Fragment], width: f64) -> bool {
    /// More than any cell's padding on both sides.
    const PADDING: f64 = 12.0;
    let (Some(first), Some(last), Some(following)) = (line.first(), line.last(), next.first()) else { return false };
    if last.text.ends_with(['-', '\u{ad}']) {
        return false;
    }
    let chars = following.text.chars().count().max(1) as f64;
    let word = following.text.split_whitespace().next().map_or(0, |w| w.chars().count()) as f64;
    let word_width = following.frame.width() * word / chars;
    let space = 0.3 * following.size;
    last.frame.x1 - first.frame.x0 + space + word_width < width - PADDING
}

/// Joins a line wrapped onto the next: with a space, but without one
/// after a slash ("Kabupaten/" over "Kota"), and without the hyphen of a
/// word hyphenated across the lines ("penyeleng-" over "garaan"; fonts
/// give the hyphen's glyph one code, soft or hard, so a hyphen between
/// lowercase letters is taken as hyphenation).
fn wrap(text: &mut String, next: &str) {
    let hyphenated = text.ends_with(['-', '\u{ad}'])
        && text.chars().rev().nth(1).is_some_and(char::is_lowercase)
        && next.chars().next().is_some_and(char::is_lowercase);
    if hyphenated {
        text.pop();
    } else if text.ends_with('\u{ad}') {
        text.pop();
        text.push('-');
    } else if !text.ends_with(['/', '-']) {
        text.push(' ');
    }
}

/// A soft hyphen inside a line is the hard hyphen it shows; only one at
/// the line's end may be a break.
fn hard_hyphens(text: &str) -> String {
    let body = text.strip_suffix('\u{ad}');
    let mut out = body.unwrap_or(text).replace('\u{ad}', "-");
    if body.is_some() {
        out.push('\u{ad}');
    }
    out
}

/// "1. ", "2) ", "a. ", "- ", "• ": the start of a list item.
fn starts_item(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest = &text[digits..];
    (digits > 0 && digits <= 2 && (rest.starts_with(". ") || rest.starts_with(") ")))
        || ["• ", "- ", "– ", "· ", "▪ "].iter().any(|b| text.starts_with(b))
}

/// Lines of text beside the drawing as labels: each run of lines one
/// above the other is one label, unless an arrow runs between them (the
/// labels above and below one exit line).
fn labels(lines: Vec<Vec<Fragment>>, arrows: &[Arrow]) -> Vec<Fragment> {
    let between = |above: &Frame, below: &Frame| {
        let (x0, x1) = (above.x0.max(below.x0), above.x1.min(below.x1));
        arrows.iter().flat_map(|a| a.points.windows(2)).any(|w| {
            let ((ax, ay), (bx, by)) = (w[0], w[1]);
            (ay - by).abs() < SNAP && ay > above.y1 - 1.0 && ay < below.y0 + 1.0 && ax.min(bx) < x1 && ax.max(bx) > x0
        })
    };
    let mut out: Vec<Fragment> = Vec::new();
    for fragment in lines.into_iter().flatten() {
        let below = out.iter_mut().rev().find(|l| {
            fragment.frame.y0 - l.frame.y1 < 0.6 * fragment.size
                && fragment.frame.x0 < l.frame.x1
                && l.frame.x0 < fragment.frame.x1
                && !between(&l.frame, &fragment.frame)
        });
        match below {
            Some(label) => {
                wrap(&mut label.text, &fragment.text);
                label.text.push_str(&fragment.text);
                label.frame = Frame {
                    x0: label.frame.x0.min(fragment.frame.x0),
                    y0: label.frame.y0,
                    x1: label.frame.x1.max(fragment.frame.x1),
                    y1: fragment.frame.y1,
                };
            }
            None => out.push(fragment),
        }
    }
    out
}

/// A cell cut where its text stands apart: into columns where no line's
/// words cross (label, colon, value), and a heading line off the list
/// under it; each part with its text. A list set in columns ("1." to "4."
/// beside "5." to "8.") stays one cell, its items in order. The cuts join
/// the page's boundaries.
fn split(frame: Frame, lines: Vec<Vec<Fragment>>, xs: &mut Vec<f64>, ys: &mut Vec<f64>) -> Vec<(Frame, String)> {
    let heading = |line: &[Fragment]| {
        let text = line.iter().map(|f| f.text.as_str()).collect::<String>();
        text.trim_end().ends_with(':') && text.split_whitespace().count() <= 4
            || crate::import::identity::field_of(&text)
                .is_some_and(|m| m.likeness == crate::import::labels::Likeness::Known)
    };
    // The heading line off the lines under it: the heading's part and the
    // rest's frame and lines.
    let heading_off = |frame: Frame, lines: &[Vec<Fragment>], ys: &mut Vec<f64>| {
        if lines.len() < 2 || !heading(&lines[0]) {
            return None;
        }
        let cut = (lines[0][0].frame.y1 + lines[1][0].frame.y0) / 2.0;
        ys.push(cut);
        Some(((Frame { y1: cut, ..frame }, paragraphs(&lines[..1], frame.width())), Frame { y0: cut, ..frame }))
    };
    let mut spans: Vec<(f64, f64)> = lines.iter().flatten().map(|f| (f.frame.x0, f.frame.x1)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cuts: Vec<f64> = Vec::new();
    let mut reach = f64::MIN;
    for (a, b) in spans {
        if reach > f64::MIN && a > reach + 0.5 {
            cuts.push((a + reach) / 2.0);
        }
        reach = reach.max(b);
    }
    if !cuts.is_empty() {
        let mut edges = vec![frame.x0];
        edges.extend(cuts.iter().copied());
        edges.push(frame.x1);
        let mut parts: Vec<(Frame, Vec<Vec<Fragment>>)> = edges
            .windows(2)
            .map(|w| {
                let part: Vec<Vec<Fragment>> = lines
                    .iter()
                    .map(|l| l.iter().filter(|f| f.frame.x0 >= w[0] && f.frame.x0 < w[1]).cloned().collect::<Vec<_>>())
                    .filter(|l| !l.is_empty())
                    .collect();
                (Frame { x0: w[0], x1: w[1], ..frame }, part)
            })
            .collect();
        let text = |line: &[Fragment]| line.iter().map(|f| f.text.as_str()).collect::<Vec<_>>().join(" ");
        let listed = parts.iter().all(|(_, p)| p.iter().any(|l| starts_item(&text(l))))
            && parts[1..].iter().all(|(_, p)| p.first().is_some_and(|l| starts_item(&text(l))));
        if listed {
            let mut out = Vec::new();
            let mut body = frame;
            if let Some((head, rest)) = heading_off(frame, &parts[0].1, ys) {
                out.push(head);
                parts[0].1.remove(0);
                body = rest;
            }
            let items: Vec<String> =
                parts.iter().map(|(f, p)| paragraphs(p, f.width())).filter(|t| !t.is_empty()).collect();
            out.push((body, items.join("\n")));
            return out;
        }
        xs.extend(cuts);
        return parts.into_iter().map(|(f, p)| (f, paragraphs(&p, f.width()))).collect();
    }
    match heading_off(frame, &lines, ys) {
        Some((head, rest)) => vec![head, (rest, paragraphs(&lines[1..], frame.width()))],
        None => vec![(frame, paragraphs(&lines, frame.width()))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pdf::shapes::Rule;

    /// The glyphs of `text` from `x` on the baseline `y`, 10 points, each
    /// letter 5 points wide.
    fn word(text: &str, x: f64, y: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(k, c)| {
                let x0 = x + 5.0 * k as f64;
                Glyph { text: c.to_string(), x0, x1: x0 + 5.0, baseline: y, size: 10.0, turned: false }
            })
            .collect()
    }

    /// Rules across at `ys` and down at `xs`, each spanning the whole grid
    /// but where `gaps` (x, from y, to y) leave a stretch undrawn.
    fn grid(xs: &[f64], ys: &[f64], gaps: &[(f64, f64, f64)]) -> Sorted {
        let mut sorted = Sorted::default();
        let (left, right, top, bottom) = (xs[0], xs[xs.len() - 1], ys[0], ys[ys.len() - 1]);
        sorted.across = ys.iter().map(|&at| Rule { at, a: left, b: right }).collect();
        for &at in xs {
            let mut from = top;
            for &(x, a, b) in gaps.iter().filter(|g| g.0 == at) {
                sorted.down.push(Rule { at: x, a: from, b: a });
                from = b;
            }
            sorted.down.push(Rule { at, a: from, b: bottom });
        }
        sorted
    }

    fn texts(plan: &Plan) -> Vec<(f64, f64, &str)> {
        let mut texts: Vec<(f64, f64, &str)> = plan
            .regions
            .iter()
            .filter(|r| !r.text.is_empty())
            .map(|r| (r.frame.x0, r.frame.y0, r.text.as_str()))
            .collect();
        texts.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.total_cmp(&b.0)));
        texts
    }

    #[test]
    fn the_rules_give_the_cells_and_an_undrawn_border_joins_two() {
        // Three columns, two rows; the border between the first row's
        // second and third cells is not drawn.
        let sorted = grid(&[0.0, 100.0, 200.0, 300.0], &[0.0, 30.0, 60.0], &[(200.0, 0.0, 30.0)]);
        let mut page = Page { width: 400.0, height: 100.0, ..Page::default() };
        for (text, x, y) in [("NO", 5.0, 20.0), ("PELAKSANA", 105.0, 20.0), ("1", 5.0, 50.0), ("Staf", 205.0, 50.0)] {
            page.glyphs.extend(word(text, x, y));
        }
        page.glyphs.extend(word("Outside", 5.0, 90.0));
        let plan = plan(&page, &sorted);
        assert_eq!(plan.table, Some(Frame { x0: 0.0, y0: 0.0, x1: 300.0, y1: 60.0 }));
        assert_eq!(
            texts(&plan),
            [(0.0, 0.0, "NO"), (100.0, 0.0, "PELAKSANA"), (0.0, 30.0, "1"), (200.0, 30.0, "Staf")]
        );
        let merged = plan.regions.iter().find(|r| r.text == "PELAKSANA").unwrap();
        assert_eq!(merged.frame.x1, 300.0, "over two columns");
        assert_eq!(plan.loose.len(), 1);
        assert_eq!(plan.loose[0][0].text, "Outside");
    }

    #[test]
    fn a_cell_is_cut_where_its_text_stands_in_columns_apart() {
        let sorted = grid(&[0.0, 300.0], &[0.0, 30.0], &[]);
        let mut page = Page { width: 400.0, height: 100.0, ..Page::default() };
        page.glyphs.extend(word("NAMA SOP", 5.0, 20.0));
        page.glyphs.extend(word(":", 100.0, 20.0));
        page.glyphs.extend(word("Contoh", 120.0, 20.0));
        let plan = plan(&page, &sorted);
        let found: Vec<&str> = texts(&plan).iter().map(|t| t.2).collect();
        assert_eq!(found, ["NAMA SOP", ":", "Contoh"]);
        assert_eq!(plan.xs.len(), 4, "the two cuts join the columns");
    }

    #[test]
    fn lines_are_joined_where_they_wrap_and_kept_where_they_end() {
        let glyphs: Vec<Glyph> = [
            word("Kepala Dinas Komunikasi", 5.0, 12.0),
            word("dan Statistik", 5.0, 24.0),
            word("NAMA KEPALA", 5.0, 36.0),
            word("1. Satu", 5.0, 48.0),
        ]
        .concat();
        let found = lines(&glyphs.iter().collect::<Vec<_>>());
        // Wide enough for "Kepala Dinas Komunikasi" only: the next line's
        // "dan" would not have fitted, so it wrapped; "dan Statistik" ends
        // short of "NAMA", so the name stands on its own line.
        assert_eq!(paragraphs(&found, 130.0), "Kepala Dinas Komunikasi dan Statistik\nNAMA KEPALA\n1. Satu");
    }

    #[test]
    fn a_word_hyphenated_over_two_lines_is_one_word() {
        let mut text = "penyeleng-".to_owned();
        wrap(&mut text, "garaan");
        assert_eq!(text + "garaan", "penyelenggaraan");
        let mut text = "Kabupaten/".to_owned();
        wrap(&mut text, "Kota");
        assert_eq!(text, "Kabupaten/");
        assert!(starts_item("2) dua") && starts_item("• butir") && !starts_item("2024 tahun"));
        assert_eq!(cluster(vec![3.0, 1.0, 1.4, 10.0]), [1.0, 3.0, 10.0]);
    }
}
