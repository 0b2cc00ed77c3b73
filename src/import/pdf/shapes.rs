//! Load: a page's vector drawing sorted into what a sheet is made of: the
//! table's rules (lines, and the edges of rectangles drawn per cell), the
//! flowchart's symbols judged by their outline (box, diamond, capsule,
//! circle, pentagon), and its arrows (polylines with a filled or open head
//! at an end; a line between two symbols without one).

use super::content::{Page, Path, Pt, Run};
use crate::import::drawing::Kind;

/// A box in points: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Frame {
    pub fn of(points: &[Pt]) -> Self {
        let mut frame = Frame { x0: f64::MAX, y0: f64::MAX, x1: f64::MIN, y1: f64::MIN };
        for &(x, y) in points {
            frame.x0 = frame.x0.min(x);
            frame.y0 = frame.y0.min(y);
            frame.x1 = frame.x1.max(x);
            frame.y1 = frame.y1.max(y);
        }
        frame
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    pub fn centre(&self) -> Pt {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }

    pub fn contains(&self, (x, y): Pt, margin: f64) -> bool {
        x >= self.x0 - margin && x <= self.x1 + margin && y >= self.y0 - margin && y <= self.y1 + margin
    }

    pub fn distance(&self, (x, y): Pt) -> f64 {
        let dx = (self.x0 - x).max(0.0).max(x - self.x1);
        let dy = (self.y0 - y).max(0.0).max(y - self.y1);
        dx.hypot(dy)
    }

    pub fn overlaps(&self, other: &Frame) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }
}

/// A rule of the table: horizontal (`y` fixed, from `a` to `b` along x) or
/// vertical (`x` fixed, `a` to `b` along y).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub at: f64,
    pub a: f64,
    pub b: f64,
}

/// A flowchart symbol.
#[derive(Debug, Clone)]
pub struct Symbol {
    pub kind: Kind,
    pub frame: Frame,
}

impl Symbol {
    /// Whether a point lies inside the outline (a diamond's corners of its
    /// box are outside: a label beside it may reach into them).
    pub fn holds(&self, point: Pt) -> bool {
        let (cx, cy) = self.frame.centre();
        match self.kind {
            Kind::Decision => {
                (point.0 - cx).abs() / (self.frame.width() / 2.0) + (point.1 - cy).abs() / (self.frame.height() / 2.0)
                    <= 1.0
            }
            _ => self.frame.contains(point, 0.0),
        }
    }
}

/// An arrow or a plain line between symbols: its points from its start to
/// the end it points to.
#[derive(Debug, Clone)]
pub struct Arrow {
    pub points: Vec<Pt>,
}

/// A page's drawing, sorted.
#[derive(Debug, Default)]
pub struct Sorted {
    pub across: Vec<Rule>,
    pub down: Vec<Rule>,
    pub symbols: Vec<Symbol>,
    pub arrows: Vec<Arrow>,
}

/// Points this close are one.
const SNAP: f64 = 1.0;
/// A filled shape no larger than this (points) at a line's end is its head.
const HEAD_SIZE: f64 = 12.0;
/// A line ending this close to a symbol touches it.
const TOUCH: f64 = 3.0;

fn is_rectangle(run: &Run) -> bool {
    let frame = Frame::of(&run.points);
    run.points.len() == 4
        && run.points.iter().all(|&(x, y)| {
            ((x - frame.x0).abs() < SNAP || (x - frame.x1).abs() < SNAP)
                && ((y - frame.y0).abs() < SNAP || (y - frame.y1).abs() < SNAP)
        })
}

/// The kind of a closed outline, by its corners.
fn outline_kind(run: &Run) -> Option<Kind> {
    let frame = Frame::of(&run.points);
    if frame.width() < 3.0 || frame.height() < 3.0 {
        return None;
    }
    if run.curved {
        let round = (frame.width() / frame.height() - 1.0).abs() < 0.2;
        // A circle is a connector or a terminator by its text; read later.
        return Some(if round { Kind::PageConnector } else { Kind::Terminator });
    }
    let (cx, cy) = frame.centre();
    let near = |a: f64, b: f64| (a - b).abs() < SNAP.max(0.05 * frame.width().min(frame.height()));
    match run.points.len() {
        4 if is_rectangle(run) => Some(Kind::Process),
        4 if run.points.iter().all(|&(x, y)| near(x, cx) || near(y, cy)) => Some(Kind::Decision),
        5 => Some(Kind::PageConnector),
        _ => Some(Kind::Other),
    }
}

/// A straight run's segments that lie along an axis, as rules.
fn axis_rules(points: &[Pt], closed: bool, sorted: &mut Sorted) {
    let mut pairs: Vec<(Pt, Pt)> = points.windows(2).map(|w| (w[0], w[1])).collect();
    if closed && let (Some(&first), Some(&last)) = (points.first(), points.last()) {
        pairs.push((last, first));
    }
    for ((x0, y0), (x1, y1)) in pairs {
        if (y0 - y1).abs() < SNAP && (x0 - x1).abs() > SNAP {
            sorted.across.push(Rule { at: (y0 + y1) / 2.0, a: x0.min(x1), b: x0.max(x1) });
        } else if (x0 - x1).abs() < SNAP && (y0 - y1).abs() > SNAP {
            sorted.down.push(Rule { at: (x0 + x1) / 2.0, a: y0.min(y1), b: y0.max(y1) });
        }
    }
}

/// Sorts a page's paths.
pub fn sort(page: &Page) -> Sorted {
    let mut sorted = Sorted::default();
    let inked = |p: &&Path| p.dark;
    // Each head by its corners.
    let mut heads: Vec<Vec<Pt>> = Vec::new();
    let mut outlines: Vec<(Kind, Frame, Vec<Pt>)> = Vec::new();
    let mut lines: Vec<Vec<Pt>> = Vec::new();
    for path in page.paths.iter().filter(inked) {
        for run in &path.runs {
            let frame = Frame::of(&run.points);
            let thin = frame.width().min(frame.height()) <= 2.0 && frame.width().max(frame.height()) > 4.0;
            if !path.stroked {
                // Fills: a thin bar is a rule (Word and LibreOffice draw
                // borders so), a small one is an arrowhead.
                if thin {
                    let (x, y) = frame.centre();
                    if frame.width() > frame.height() {
                        sorted.across.push(Rule { at: y, a: frame.x0, b: frame.x1 });
                    } else {
                        sorted.down.push(Rule { at: x, a: frame.y0, b: frame.y1 });
                    }
                } else if frame.width().max(frame.height()) <= HEAD_SIZE && frame.width().max(frame.height()) >= 1.5 {
                    heads.push(run.points.clone());
                }
                continue;
            }
            let closed = run.closed || (run.points.len() > 3 && same(run.points[0], run.points[run.points.len() - 1]));
            if closed && !thin {
                let mut closed_run = run.clone();
                if !run.closed {
                    closed_run.points.pop();
                }
                closed_run.closed = true;
                if !run.curved {
                    closed_run.points = corners(&closed_run.points);
                }
                match outline_kind(&closed_run) {
                    // An open arrowhead drawn as a small closed outline.
                    Some(_) if frame.width().max(frame.height()) <= 7.0 && closed_run.points.len() == 3 => {
                        heads.push(closed_run.points.clone())
                    }
                    Some(kind) => outlines.push((kind, frame, closed_run.points)),
                    None => {}
                }
            } else if run.curved {
                continue;
            } else {
                lines.push(run.points.clone());
            }
        }
    }
    let lines = open_heads(lines, &mut heads);
    // The fill and the stroke of one symbol are one.
    outlines.dedup_by(|a, b| a.0 == b.0 && same_frame(&a.1, &b.1));
    // A box that shares an edge with a rule or another box is a table's
    // cell, drawn box by box.
    let single: Vec<Vec<Pt>> = lines.iter().filter(|l| l.len() == 2).cloned().collect();
    let mut probe = Sorted::default();
    for line in &single {
        axis_rules(line, false, &mut probe);
    }
    probe.across.extend(sorted.across.iter().copied());
    probe.down.extend(sorted.down.iter().copied());
    let boxes: Vec<Frame> = outlines.iter().filter(|o| o.0 == Kind::Process).map(|o| o.1).collect();
    let shares = |edge: &Rule, rules: &[Rule]| {
        rules.iter().any(|r| (r.at - edge.at).abs() < SNAP && r.a < edge.b - SNAP && edge.a < r.b - SNAP)
    };
    let is_cell = |frame: &Frame| {
        let mine = edges(frame);
        let mut others = Sorted::default();
        for other in boxes.iter().filter(|b| !same_frame(b, frame)) {
            let theirs = edges(other);
            others.across.extend(theirs.across);
            others.down.extend(theirs.down);
        }
        mine.across.iter().any(|e| shares(e, &probe.across) || shares(e, &others.across))
            || mine.down.iter().any(|e| shares(e, &probe.down) || shares(e, &others.down))
    };
    // A box each of whose sides runs a hair outside a rule of the table
    // is the outer line of a double border.
    let doubled = |frame: &Frame| {
        let mut rules = Sorted::default();
        rules.across.extend(probe.across.iter().copied());
        rules.down.extend(probe.down.iter().copied());
        for other in boxes.iter().filter(|b| !same_frame(b, frame)).map(edges) {
            rules.across.extend(other.across);
            rules.down.extend(other.down);
        }
        let mine = edges(frame);
        mine.across.iter().all(|e| beside(e, &rules.across)) && mine.down.iter().all(|e| beside(e, &rules.down))
    };
    let cells: Vec<bool> =
        outlines.iter().map(|(kind, frame, _)| *kind == Kind::Process && (is_cell(frame) || doubled(frame))).collect();
    for (index, (kind, frame, points)) in outlines.into_iter().enumerate() {
        if cells[index] {
            axis_rules(&points, true, &mut sorted);
        } else if kind != Kind::Other {
            sorted.symbols.push(Symbol { kind, frame });
        }
    }
    let symbols = std::mem::take(&mut sorted.symbols);
    let touches = |p: Pt| symbols.iter().any(|s| s.frame.distance(p) <= TOUCH);
    let head_of = |p: Pt| heads.iter().find(|h| Frame::of(h).contains(p, SNAP));
    let head_at = |p: Pt| head_of(p).is_some();
    let mut arrows = Vec::new();
    let courses = join_courses(lines, |p| !head_at(p) && !touches(p));
    for line in shared_legs(courses, head_at) {
        let (first, last) = (line[0], line[line.len() - 1]);
        let (at_start, at_end) = (head_of(first), head_of(last));
        if at_start.is_some() || at_end.is_some() || (touches(first) && touches(last)) {
            let mut points = line;
            // A head only at the start points backwards.
            let head = match (at_start, at_end) {
                (Some(head), None) => {
                    points.reverse();
                    Some(head)
                }
                (_, head) => head,
            };
            // The line may stop at the head's base (printers and exports
            // stop it so; LibreOffice also drops a last stretch shorter
            // than the head): the arrow reaches on to the head's tip, the
            // corner furthest ahead, straight on or from the last corner
            // (a line already ending on a corner reaches its tip).
            if let Some(head) = head
                && let [.., before, end] = points[..]
                && !head.iter().any(|&corner| same(corner, end))
            {
                let ahead = |p: &Pt| (p.0 - end.0) * (end.0 - before.0) + (p.1 - end.1) * (end.1 - before.1);
                let tip = head.iter().copied().max_by(|a, b| ahead(a).total_cmp(&ahead(b)));
                if let Some(tip) = tip
                    && ahead(&tip) > SNAP * length(before, end)
                {
                    let cross = (end.0 - before.0) * (tip.1 - before.1) - (end.1 - before.1) * (tip.0 - before.0);
                    if cross.abs() <= SNAP * length(before, tip) {
                        points.pop();
                    }
                    points.push(tip);
                }
            }
            arrows.push(Arrow { points });
        } else {
            axis_rules(&line, false, &mut sorted);
        }
    }
    sorted.arrows = arrows;
    sorted.symbols = symbols;
    sorted
}

/// A closed outline's corners: a point on the straight line between its
/// neighbours is none (LibreOffice starts a box's outline mid-edge).
fn corners(points: &[Pt]) -> Vec<Pt> {
    let n = points.len();
    let kept: Vec<Pt> = (0..n)
        .filter(|&i| {
            let (a, p, b) = (points[(i + n - 1) % n], points[i], points[(i + 1) % n]);
            let cross = (p.0 - a.0) * (b.1 - a.1) - (p.1 - a.1) * (b.0 - a.0);
            cross.abs() > SNAP * length(a, b)
        })
        .map(|i| points[i])
        .collect();
    if kept.len() >= 3 { kept } else { points.to_vec() }
}

/// Whether rules a hair beside `edge` (a double line) run along most of it.
fn beside(edge: &Rule, rules: &[Rule]) -> bool {
    /// Wider than any double line's gap, narrower than any cell.
    const DOUBLE: f64 = 3.0;
    let mut spans: Vec<(f64, f64)> = rules
        .iter()
        .filter(|r| (r.at - edge.at).abs() > SNAP / 2.0 && (r.at - edge.at).abs() <= DOUBLE)
        .map(|r| (r.a.max(edge.a), r.b.min(edge.b)))
        .filter(|(a, b)| b > a)
        .collect();
    spans.sort_by(|x, y| x.0.total_cmp(&y.0));
    let (mut total, mut reach) = (0.0, edge.a);
    for (a, b) in spans {
        if b > reach {
            total += b - a.max(reach);
            reach = b;
        }
    }
    total >= 0.5 * (edge.b - edge.a)
}

/// The longest leg (points) of an open arrowhead drawn as strokes.
const HEAD_LEG: f64 = 8.0;

fn length(a: Pt, b: Pt) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// An open arrowhead drawn as strokes where a longer line ends: one V of
/// two short legs, or two short strokes meeting at the tip (PDF printers
/// draw it so). Its box joins the heads; its strokes leave the lines.
fn open_heads(lines: Vec<Vec<Pt>>, heads: &mut Vec<Vec<Pt>>) -> Vec<Vec<Pt>> {
    let short = |l: &[Pt]| l.len() == 2 && length(l[0], l[1]) <= HEAD_LEG;
    let shaft_ends_at = |tip: Pt, not: &[usize]| {
        lines.iter().enumerate().any(|(k, l)| !not.contains(&k) && (same(l[0], tip) || same(l[l.len() - 1], tip)))
    };
    let mut used = vec![false; lines.len()];
    for (k, line) in lines.iter().enumerate() {
        if let [a, tip, b] = line[..]
            && length(a, tip) <= HEAD_LEG
            && length(tip, b) <= HEAD_LEG
            && length(a, b) > SNAP
            && shaft_ends_at(tip, &[k])
        {
            heads.push(line.clone());
            used[k] = true;
        }
    }
    for a in 0..lines.len() {
        for b in a + 1..lines.len() {
            if used[a] || used[b] || !short(&lines[a]) || !short(&lines[b]) {
                continue;
            }
            let tip = lines[a].iter().copied().find(|&p| lines[b].iter().any(|&q| same(p, q)));
            let wings_apart = length(lines[a][0], lines[b][0]).min(length(lines[a][1], lines[b][1])) > SNAP
                || length(lines[a][0], lines[b][1]).min(length(lines[a][1], lines[b][0])) > SNAP;
            if let Some(tip) = tip
                && wings_apart
                && shaft_ends_at(tip, &[a, b])
            {
                heads.push([lines[a].clone(), lines[b].clone()].concat());
                used[a] = true;
                used[b] = true;
            }
        }
    }
    lines.into_iter().zip(used).filter(|(_, used)| !used).map(|(line, _)| line).collect()
}

/// A course drawn in separate segments (a path each, as printers and
/// some exports draw connectors) as one line: lines are chained where
/// exactly two ends meet (a table's rules meet three or four at a time)
/// at a bend (`bend`): not at a head or a symbol, where two arrows may end.
fn join_courses(lines: Vec<Vec<Pt>>, bend: impl Fn(Pt) -> bool) -> Vec<Vec<Pt>> {
    let end = |k: usize, e: usize| if e == 0 { lines[k][0] } else { lines[k][lines[k].len() - 1] };
    let meets = |k: usize, e: usize| {
        let mut found = (0..lines.len())
            .filter(|&j| j != k)
            .flat_map(|j| [(j, 0), (j, 1)])
            .filter(|&(j, f)| same(end(k, e), end(j, f)));
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    };
    let single: Vec<[Option<(usize, usize)>; 2]> =
        (0..lines.len()).map(|k| [0, 1].map(|e| if bend(end(k, e)) { meets(k, e) } else { None })).collect();
    // Joined only where each end is the other's one partner.
    let partner = |k: usize, e: usize| single[k][e].filter(|&(j, f)| single[j][f] == Some((k, e)));
    let mut done = vec![false; lines.len()];
    let mut out = Vec::new();
    for start in 0..lines.len() {
        if done[start] {
            continue;
        }
        // Back to the chain's first line: the one whose end `entry` is free.
        let (mut first, mut entry) = (start, 0);
        let mut steps = 0;
        while let Some((j, f)) = partner(first, entry) {
            if j == start || steps > lines.len() {
                break;
            }
            (first, entry) = (j, 1 - f);
            steps += 1;
        }
        let mut course: Vec<Pt> = Vec::new();
        let (mut k, mut from) = (first, entry);
        while !done[k] {
            done[k] = true;
            let mut points = lines[k].clone();
            if from == 1 {
                points.reverse();
            }
            let skip = usize::from(!course.is_empty());
            course.extend(points.into_iter().skip(skip));
            match partner(k, 1 - from) {
                Some((j, f)) => (k, from) = (j, f),
                None => break,
            }
        }
        out.push(course);
    }
    out
}

/// Courses that meet where legs leave for their heads (two arrows into
/// one step sharing their last stretch, drawn once; a fork's trunk drawn
/// once) as whole arrows: each course that arrives there (no head at its
/// far end) runs on along each leg that leaves (a head at its far end).
fn shared_legs(mut lines: Vec<Vec<Pt>>, head_at: impl Fn(Pt) -> bool) -> Vec<Vec<Pt>> {
    // A stretch drawn twice is one.
    let mut seen: Vec<Vec<Pt>> = Vec::new();
    lines.retain(|l| {
        let back: Vec<Pt> = l.iter().rev().copied().collect();
        let twice = seen
            .iter()
            .any(|s| [l, &back].iter().any(|c| c.len() == s.len() && c.iter().zip(s).all(|(a, b)| same(*a, *b))));
        seen.push(l.clone());
        !twice
    });
    let far = |l: &[Pt], at: Pt| if same(l[0], at) { l[l.len() - 1] } else { l[0] };
    let mut used = vec![false; lines.len()];
    let mut out = Vec::new();
    let ends: Vec<Pt> = lines.iter().flat_map(|l| [l[0], l[l.len() - 1]]).collect();
    for &at in &ends {
        if head_at(at) {
            continue;
        }
        let meeting: Vec<usize> = (0..lines.len())
            .filter(|&k| !used[k] && (same(lines[k][0], at) || same(lines[k][lines[k].len() - 1], at)))
            .collect();
        let (legs, arriving): (Vec<usize>, Vec<usize>) = meeting.iter().partition(|&&k| head_at(far(&lines[k], at)));
        if meeting.len() < 3 || legs.is_empty() || arriving.is_empty() {
            continue;
        }
        for &a in &arriving {
            for &leg in &legs {
                let mut course = lines[a].clone();
                if same(course[0], at) {
                    course.reverse();
                }
                let mut rest = lines[leg].clone();
                if !same(rest[0], at) {
                    rest.reverse();
                }
                course.extend(rest.into_iter().skip(1));
                out.push(course);
            }
        }
        for k in meeting {
            used[k] = true;
        }
    }
    out.extend(lines.into_iter().zip(used).filter(|(_, used)| !used).map(|(line, _)| line));
    out
}

/// A box's four edges as rules.
fn edges(frame: &Frame) -> Sorted {
    let mut sorted = Sorted::default();
    let corners = [(frame.x0, frame.y0), (frame.x1, frame.y0), (frame.x1, frame.y1), (frame.x0, frame.y1)];
    axis_rules(&corners, true, &mut sorted);
    sorted
}

fn same((ax, ay): Pt, (bx, by): Pt) -> bool {
    (ax - bx).abs() < SNAP && (ay - by).abs() < SNAP
}

fn same_frame(a: &Frame, b: &Frame) -> bool {
    same((a.x0, a.y0), (b.x0, b.y0)) && same((a.x1, a.y1), (b.x1, b.y1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pdf::content::Path;

    fn run(points: &[Pt], closed: bool, curved: bool) -> Run {
        Run { points: points.to_vec(), closed, curved }
    }

    fn stroke(runs: Vec<Run>) -> Path {
        Path { runs, stroked: true, dark: true }
    }

    fn fill(runs: Vec<Run>) -> Path {
        Path { runs, stroked: false, dark: true }
    }

    fn page(paths: Vec<Path>) -> Page {
        Page { width: 600.0, height: 400.0, paths, ..Page::default() }
    }

    fn box_at(x: f64, y: f64) -> Run {
        run(&[(x, y), (x + 40.0, y), (x + 40.0, y + 20.0), (x, y + 20.0)], true, false)
    }

    #[test]
    fn an_outline_is_a_symbol_by_its_corners() {
        let kind = |r: Run| outline_kind(&r);
        assert_eq!(kind(box_at(0.0, 0.0)), Some(Kind::Process));
        let diamond = run(&[(20.0, 0.0), (40.0, 12.0), (20.0, 24.0), (0.0, 12.0)], true, false);
        assert_eq!(kind(diamond), Some(Kind::Decision));
        // Curved: a capsule is a terminator, a circle a connector (or a
        // terminator by its text, read later).
        let capsule =
            run(&[(10.0, 0.0), (40.0, 0.0), (50.0, 10.0), (40.0, 20.0), (10.0, 20.0), (0.0, 10.0)], true, true);
        assert_eq!(kind(capsule), Some(Kind::Terminator));
        let circle = run(&[(10.0, 0.0), (20.0, 10.0), (10.0, 20.0), (0.0, 10.0)], true, true);
        assert_eq!(kind(circle), Some(Kind::PageConnector));
        // The off-page connector's pentagon.
        let pentagon = run(&[(0.0, 0.0), (14.0, 0.0), (14.0, 10.0), (7.0, 15.0), (0.0, 10.0)], true, false);
        assert_eq!(kind(pentagon), Some(Kind::PageConnector));
        let slanted = run(&[(0.0, 0.0), (30.0, 5.0), (35.0, 25.0), (3.0, 20.0)], true, false);
        assert_eq!(kind(slanted), Some(Kind::Other));
        assert_eq!(kind(run(&[(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)], true, false)), None, "a dot");
    }

    #[test]
    fn a_line_is_an_arrow_by_its_head_or_by_the_symbols_it_joins() {
        let head = |(x, y): Pt| fill(vec![run(&[(x - 3.0, y - 6.0), (x + 3.0, y - 6.0), (x, y)], true, false)]);
        let sorted = sort(&page(vec![
            stroke(vec![box_at(100.0, 100.0)]),
            stroke(vec![box_at(100.0, 200.0)]),
            // Down from the first box into the second, its head at the end.
            stroke(vec![run(&[(120.0, 120.0), (120.0, 200.0)], false, false)]),
            head((120.0, 200.0)),
            // Drawn from the head's end: it points back to where it starts.
            stroke(vec![run(&[(300.0, 100.0), (300.0, 150.0), (250.0, 150.0)], false, false)]),
            head((300.0, 100.0)),
            // Between the two boxes' sides without a head: a plain joint.
            stroke(vec![run(&[(140.0, 110.0), (160.0, 110.0), (160.0, 210.0), (140.0, 210.0)], false, false)]),
            // Touching nothing, without a head: a rule of the table.
            stroke(vec![run(&[(400.0, 10.0), (400.0, 300.0)], false, false)]),
        ]));
        assert_eq!(sorted.symbols.len(), 2);
        let arrows: Vec<&Vec<Pt>> = sorted.arrows.iter().map(|a| &a.points).collect();
        assert_eq!(
            arrows,
            [
                &vec![(120.0, 120.0), (120.0, 200.0)],
                &vec![(250.0, 150.0), (300.0, 150.0), (300.0, 100.0)],
                &vec![(140.0, 110.0), (160.0, 110.0), (160.0, 210.0), (140.0, 210.0)],
            ]
        );
        assert_eq!(sorted.down, [Rule { at: 400.0, a: 10.0, b: 300.0 }]);
    }

    #[test]
    fn a_box_outlined_from_the_middle_of_an_edge_is_a_box() {
        // LibreOffice starts a rectangle's outline mid-way along its bottom.
        let outline = run(&[(20.0, 20.0), (0.0, 20.0), (0.0, 0.0), (40.0, 0.0), (40.0, 20.0)], true, false);
        let sorted = sort(&page(vec![stroke(vec![outline])]));
        assert_eq!(sorted.symbols.len(), 1);
        assert_eq!(sorted.symbols[0].kind, Kind::Process);
    }

    #[test]
    fn an_arrow_stopped_at_its_heads_base_reaches_the_tip() {
        let sorted = sort(&page(vec![
            stroke(vec![box_at(100.0, 100.0)]),
            stroke(vec![box_at(200.0, 200.0)]),
            // Along, then down: the last few points down are dropped (shorter
            // than the head), the head drawn slanting from the corner.
            stroke(vec![run(&[(120.0, 120.0), (120.0, 190.0), (217.0, 190.0)], false, false)]),
            fill(vec![run(&[(220.0, 200.0), (212.0, 196.0), (218.0, 191.0)], true, false)]),
            // Reaching the tip already: nothing added behind it.
            stroke(vec![run(&[(140.0, 110.0), (180.0, 110.0)], false, false)]),
            fill(vec![run(&[(180.0, 110.0), (174.0, 107.0), (174.0, 113.0)], true, false)]),
        ]));
        let arrows: Vec<&Vec<Pt>> = sorted.arrows.iter().map(|a| &a.points).collect();
        assert_eq!(
            arrows,
            [
                &vec![(120.0, 120.0), (120.0, 190.0), (217.0, 190.0), (220.0, 200.0)],
                &vec![(140.0, 110.0), (180.0, 110.0)]
            ]
        );
    }

    #[test]
    fn boxes_drawn_cell_by_cell_are_the_table_and_a_lone_box_a_symbol() {
        let sorted = sort(&page(vec![
            stroke(vec![box_at(0.0, 0.0), box_at(40.0, 0.0)]),
            stroke(vec![box_at(200.0, 200.0)]),
            // A filled thin bar is a border, as Word and LibreOffice draw them.
            fill(vec![run(&[(0.0, 40.0), (80.0, 40.0), (80.0, 40.5), (0.0, 40.5)], true, false)]),
        ]));
        assert_eq!(sorted.symbols.len(), 1);
        assert_eq!(sorted.symbols[0].frame, Frame { x0: 200.0, y0: 200.0, x1: 240.0, y1: 220.0 });
        assert!(sorted.across.iter().any(|r| (r.at - 40.25).abs() < 0.01 && r.b == 80.0));
        assert_eq!(sorted.down.iter().filter(|r| r.at == 40.0).count(), 2, "the shared side, once per box");
    }
    #[test]
    fn an_arrow_drawn_as_printers_and_exports_draw_it_is_one_arrow() {
        let sorted = sort(&page(vec![
            stroke(vec![box_at(100.0, 100.0)]),
            stroke(vec![box_at(200.0, 200.0)]),
            // Out of the first box's side in three separate segments, its
            // open head two short strokes, ending 2 points short.
            stroke(vec![run(&[(140.0, 110.0), (220.0, 110.0)], false, false)]),
            stroke(vec![run(&[(220.0, 110.0), (220.0, 150.0)], false, false)]),
            stroke(vec![run(&[(220.0, 150.0), (220.0, 198.0)], false, false)]),
            stroke(vec![run(&[(217.8, 193.0), (220.0, 198.0)], false, false)]),
            stroke(vec![run(&[(222.2, 193.0), (220.0, 198.0)], false, false)]),
        ]));
        let arrows: Vec<&Vec<Pt>> = sorted.arrows.iter().map(|a| &a.points).collect();
        assert_eq!(arrows, [&vec![(140.0, 110.0), (220.0, 110.0), (220.0, 150.0), (220.0, 198.0)]]);
        // A filled head drawn apart: the line ends at its base and points
        // on to its tip.
        let sorted = sort(&page(vec![
            fill(vec![run(&[(117.8, 195.0), (122.2, 195.0), (120.0, 200.0)], true, false)]),
            stroke(vec![run(&[(120.0, 120.0), (120.0, 195.0)], false, false)]),
            stroke(vec![box_at(100.0, 100.0)]),
            stroke(vec![box_at(100.0, 200.0)]),
        ]));
        assert_eq!(sorted.arrows[0].points, [(120.0, 120.0), (120.0, 200.0)]);
    }

    #[test]
    fn two_arrows_sharing_their_last_leg_drawn_once_are_two_arrows() {
        let head = fill(vec![run(&[(145.0, 107.8), (145.0, 112.2), (140.0, 110.0)], true, false)]);
        let sorted = sort(&page(vec![
            stroke(vec![box_at(100.0, 100.0)]),
            stroke(vec![box_at(100.0, 200.0)]),
            stroke(vec![box_at(100.0, 300.0)]),
            // Back up from the two lower boxes along one track, into the
            // first box's side by one leg.
            stroke(vec![run(&[(140.0, 210.0), (160.0, 210.0), (160.0, 110.0)], false, false)]),
            stroke(vec![run(&[(140.0, 310.0), (160.0, 310.0), (160.0, 110.0)], false, false)]),
            stroke(vec![run(&[(160.0, 110.0), (145.0, 110.0)], false, false)]),
            head,
        ]));
        let arrows: Vec<&Vec<Pt>> = sorted.arrows.iter().map(|a| &a.points).collect();
        assert_eq!(
            arrows,
            [
                &vec![(140.0, 210.0), (160.0, 210.0), (160.0, 110.0), (140.0, 110.0)],
                &vec![(140.0, 310.0), (160.0, 310.0), (160.0, 110.0), (140.0, 110.0)],
            ]
        );
    }

    #[test]
    fn the_outer_line_of_a_double_border_is_no_symbol() {
        let sorted = sort(&page(vec![
            stroke(vec![run(&[(10.0, 10.0), (300.0, 10.0)], false, false)]),
            stroke(vec![run(&[(10.0, 100.0), (300.0, 100.0)], false, false)]),
            stroke(vec![run(&[(10.0, 10.0), (10.0, 100.0)], false, false)]),
            stroke(vec![run(&[(300.0, 10.0), (300.0, 100.0)], false, false)]),
            stroke(vec![run(&[(8.5, 8.5), (301.5, 8.5), (301.5, 101.5), (8.5, 101.5), (8.5, 8.5)], false, false)]),
            stroke(vec![box_at(100.0, 40.0)]),
        ]));
        assert_eq!(sorted.symbols.len(), 1, "{:?}", sorted.symbols);
        assert!(sorted.down.iter().any(|r| r.at == 8.5));
    }
}
