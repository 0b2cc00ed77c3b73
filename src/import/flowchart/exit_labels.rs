//! Which text names which exit of a decision: labels (text boxes, Ya/Tidak
//! in a cell) given to the exits they stand beside, one label to an exit,
//! never one made up; and Ya/Tidak in any spelling written as those words.

use super::super::Used;
use super::super::drawing::{Point, Rect, Shape};
use super::super::procedure::yes_no_word;
use super::super::workbook::Sheet;

/// A text that may name a decision's exit: where it stands, its words,
/// where it is written, and whether an exit has taken it.
pub(super) struct ExitLabel {
    pub(super) at: Point,
    /// The box its text covers (a cell's label: its cell's centre).
    pub(super) area: Rect,
    pub(super) text: String,
    pub(super) source: Label,
    pub(super) claimed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Label {
    Shape(usize),
    Cell(u32, u32),
}

/// A decision's exit labels as found: when every label found is a
/// Ya/Tidak word in any spelling, those words; other words as written. An
/// exit with no label found stays without one: a label is never made up.
pub(super) fn name_exits(found: Vec<Option<String>>) -> Vec<Option<String>> {
    let words: Vec<Option<bool>> = found.iter().flatten().map(|label| yes_no_word(label)).collect();
    if words.iter().any(Option::is_none) {
        return found;
    }
    let word = |yes: bool| if yes { "Ya" } else { "Tidak" };
    found.into_iter().map(|label| label.and_then(|l| yes_no_word(&l)).map(|yes| word(yes).to_owned())).collect()
}

/// The label of each exit: of the unclaimed labels within `reach` of the
/// exits' first stretches (or where they leave the diamond), the assignment
/// with the most labels, one to an exit, and the least total distance (a
/// label stands beside its own exit's first stretch more than beside a
/// neighbour's). The labels it gives are claimed.
pub(super) fn label_exits(
    labels: &mut [ExitLabel],
    stretches: &[Vec<Point>],
    reach: f64,
    fits: impl Fn(&ExitLabel, usize) -> bool,
    sheet: &Sheet,
    used: &mut Used,
) -> Vec<Option<String>> {
    let distance = |l: usize, stretch: &Vec<Point>| label_distance(&labels[l], stretch);
    // The labels near any exit, nearest first, at most eight of them.
    let mut near: Vec<usize> = (0..labels.len())
        .filter(|&l| !labels[l].claimed && stretches.iter().any(|s| distance(l, s) <= reach))
        .collect();
    near.sort_by(|&a, &b| {
        let closest = |l: usize| stretches.iter().map(|s| distance(l, s)).fold(f64::MAX, f64::min);
        closest(a).total_cmp(&closest(b)).then(a.cmp(&b))
    });
    near.truncate(8);
    // Every assignment: for each exit one of the near labels or none (at
    // most 9^4), a label to one exit only.
    let choices = near.len() + 1;
    let mut best: Option<(usize, f64, Vec<Option<usize>>)> = None;
    for code in 0..choices.pow(stretches.len() as u32) {
        let mut pick: Vec<Option<usize>> = Vec::with_capacity(stretches.len());
        let mut total = 0.0;
        let mut rest = code;
        let mut valid = true;
        for (k, stretch) in stretches.iter().enumerate() {
            let choice = rest % choices;
            rest /= choices;
            let label = (choice > 0).then(|| near[choice - 1]);
            if let Some(l) = label {
                let d = distance(l, stretch);
                if d > reach || pick.contains(&Some(l)) || !fits(&labels[l], k) {
                    valid = false;
                    break;
                }
                total += d;
            }
            pick.push(label);
        }
        let count = pick.iter().flatten().count();
        if valid && best.as_ref().is_none_or(|(c, t, _)| count > *c || (count == *c && total < *t)) {
            best = Some((count, total, pick));
        }
    }
    let pick = best.map(|(_, _, pick)| pick).unwrap_or_else(|| vec![None; stretches.len()]);
    pick.into_iter().map(|label| Some(claim(&mut labels[label?], sheet, used))).collect()
}

/// Marks a label as an exit's and its shape or cell as read; its text.
pub(super) fn claim(label: &mut ExitLabel, sheet: &Sheet, used: &mut Used) -> String {
    label.claimed = true;
    match label.source {
        Label::Shape(i) => used.take_shape(sheet, i),
        Label::Cell(r, c) => used.take(sheet, r, c),
    }
    label.text.clone()
}

/// How far (EMU) a label may stand from its arrow's line, away from the
/// diamond, and still be that exit's: about 1 cm.
const LINE_REACH: f64 = 360_000.0;

/// A straight piece of an arrow's line.
pub(super) type Segment = (Point, Point);

/// The pieces an arrow may run along: its ends joined straight, and the
/// elbows a connector in its box may take (along each side, across the
/// middle either way). A connector's box says where it runs, not which
/// elbow it takes.
pub(super) fn path(connector: &Shape) -> Vec<Segment> {
    let ((xa, ya), (xb, yb)) = connector.ends();
    let (xm, ym) = ((xa + xb) / 2.0, (ya + yb) / 2.0);
    vec![
        ((xa, ya), (xb, yb)),
        ((xa, ya), (xb, ya)),
        ((xb, ya), (xb, yb)),
        ((xa, ya), (xa, yb)),
        ((xa, yb), (xb, yb)),
        ((xm, ya), (xm, yb)),
        ((xa, ym), (xb, ym)),
    ]
}

/// For the exits `found` left unlabelled: the unclaimed labels within
/// `LINE_REACH` of their arrow's line, nearest first, a label to one exit.
/// Returns (exit, label) pairs.
pub(super) fn labels_beside_lines(
    labels: &[ExitLabel],
    found: &[Option<String>],
    lines: &[Vec<Segment>],
) -> Vec<(usize, usize)> {
    let mut near: Vec<(f64, usize, usize)> = Vec::new();
    for (exit, line) in lines.iter().enumerate().filter(|(exit, _)| found[*exit].is_none()) {
        for (l, label) in labels.iter().enumerate().filter(|(_, label)| !label.claimed) {
            let d = line.iter().map(|&(a, b)| to_segment(label.at, a, b)).fold(f64::MAX, f64::min);
            if d <= LINE_REACH {
                near.push((d, exit, l));
            }
        }
    }
    near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (_, exit, l) in near {
        if !pairs.iter().any(|&(e, taken)| e == exit || taken == l) {
            pairs.push((exit, l));
        }
    }
    pairs
}

/// How far a label stands from an exit's stretch: from its box to the
/// stretch's segments, a little more the further from where the exit
/// starts (a label is set by the start of its stretch, so one between two
/// lines goes to the line it starts beside); or from its centre to the one
/// point where only the exit's start is known.
pub(super) fn label_distance(label: &ExitLabel, stretch: &[Point]) -> f64 {
    match stretch {
        [only] => (label.at.0 - only.0).hypot(label.at.1 - only.1),
        points => {
            let beside = points.windows(2).map(|w| box_to_segment(&label.area, w[0], w[1])).fold(f64::MAX, f64::min);
            beside + 0.1 * box_to_segment(&label.area, points[0], points[0])
        }
    }
}

/// The distance from `p` to the segment from `a` to `b`.
fn to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx * dx + dy * dy;
    let t = if length > 0.0 { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length).clamp(0.0, 1.0) } else { 0.0 };
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

/// The distance from a box to the segment from `a` to `b` (0 where the
/// segment crosses it).
fn box_to_segment(area: &Rect, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    let mut crosses = true;
    for (p, q) in [(-dx, a.0 - area.x0), (dx, area.x1 - a.0), (-dy, a.1 - area.y0), (dy, area.y1 - a.1)] {
        if p == 0.0 {
            crosses &= q >= 0.0;
        } else if p < 0.0 {
            t0 = t0.max(q / p);
        } else {
            t1 = t1.min(q / p);
        }
    }
    if crosses && t0 <= t1 {
        return 0.0;
    }
    let corners = [(area.x0, area.y0), (area.x1, area.y0), (area.x0, area.y1), (area.x1, area.y1)];
    let to_box = |(x, y): Point| (area.x0 - x).max(0.0).max(x - area.x1).hypot((area.y0 - y).max(0.0).max(y - area.y1));
    corners.iter().map(|&c| to_segment(c, a, b)).chain([to_box(a), to_box(b)]).fold(f64::MAX, f64::min)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(found: &[Option<&str>]) -> Vec<Option<String>> {
        name_exits(found.iter().map(|label| label.map(str::to_owned)).collect())
    }

    #[test]
    fn a_label_beside_an_arrow_further_on_names_that_unlabelled_exit() {
        let label = |at: Point, text: &str| ExitLabel {
            at,
            area: Rect { x0: at.0, y0: at.1, x1: at.0, y1: at.1 },
            text: text.to_owned(),
            source: Label::Cell(0, 0),
            claimed: false,
        };
        // One exit straight down, one left and up (a way back); the labels
        // stand 150,000 EMU beside each line, far from where they start,
        // and a note stands away from both.
        let down = vec![((0.0, 0.0), (0.0, 1_000_000.0))];
        let back = vec![((0.0, 0.0), (-800_000.0, 0.0)), ((-800_000.0, 0.0), (-800_000.0, -1_500_000.0))];
        let labels = [
            label((150_000.0, 900_000.0), "Ya"),
            label((-650_000.0, -1_400_000.0), "Tidak"),
            label((3e6, 0.0), "Catatan"),
        ];
        let lines = [down, back];
        assert_eq!(labels_beside_lines(&labels, &[None, None], &lines), [(0, 0), (1, 1)]);
        assert_eq!(
            labels_beside_lines(&labels, &[Some("Ya".to_owned()), None], &lines),
            [(1, 1)],
            "a labelled exit takes none"
        );
    }

    #[test]
    fn exits_are_named_by_their_labels_and_a_missing_one_stays_unlabelled() {
        // Any spelling of Ya/Tidak is written as that word.
        assert_eq!(named(&[Some("T"), Some("yes")]), [Some("Tidak".to_owned()), Some("Ya".to_owned())]);
        let own = [Some("Lengkap"), Some("Belum Lengkap"), Some("Y")];
        assert_eq!(named(&own), own.map(|l| l.map(str::to_owned)), "other words as written");
        // A label not found is not made up, whatever the other says.
        assert_eq!(named(&[None, Some("tidak")]), [None, Some("Tidak".to_owned())]);
        assert_eq!(named(&[None, None]), [None, None]);
        assert_eq!(named(&[Some("Lengkap"), None]), [Some("Lengkap".to_owned()), None]);
    }

    #[test]
    fn a_label_box_is_measured_to_the_nearest_point_of_a_stretch() {
        let area = Rect { x0: 10.0, y0: 10.0, x1: 30.0, y1: 16.0 };
        // Beside a line across under the box, along a stem to its left,
        // through it, and from a point past its corner.
        assert_eq!(box_to_segment(&area, (0.0, 18.0), (50.0, 18.0)), 2.0);
        assert_eq!(box_to_segment(&area, (7.0, 0.0), (7.0, 40.0)), 3.0);
        assert_eq!(box_to_segment(&area, (0.0, 12.0), (50.0, 12.0)), 0.0);
        assert_eq!(box_to_segment(&area, (33.0, 20.0), (60.0, 20.0)), 5.0);
        // One point: from the label's centre, as a workbook's exit gives only
        // its start.
        let label = ExitLabel { at: (20.0, 13.0), area, text: "Ya".into(), source: Label::Cell(0, 0), claimed: false };
        assert_eq!(label_distance(&label, &[(20.0, 23.0)]), 10.0);
        // A stretch: beside it, a little more the further from its start.
        assert!(label_distance(&label, &[(0.0, 18.0), (50.0, 18.0)]) > 2.0);
        assert!(
            label_distance(&label, &[(10.0, 18.0), (50.0, 18.0)])
                < label_distance(&label, &[(50.0, 18.0), (0.0, 18.0)])
        );
    }
}
