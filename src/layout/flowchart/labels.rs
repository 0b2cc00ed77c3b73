//! Where every exit label goes: beside the first stretch of its arrow,
//! inside one column and its own row, clear of everything else drawn.

use super::sizes::{
    BELOW_LANE, LABEL_ABOVE, LABEL_BELOW, LABEL_SIZE, MIN_TEXT_SIZE, Sizes, label_line, two_lines, word_lines,
};
use super::{ArrowLabel, PageLayout, RowBox, Side};
use crate::model::flow::{Flow, Symbol};

/// A rectangle of the page, from (`x0`, `y0`) to (`x1`, `y1`).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    /// The rectangle `width` by `height` centred on `centre`.
    fn around(centre: (f64, f64), width: f64, height: f64) -> Rect {
        let (cx, cy) = centre;
        Rect { x0: cx - width / 2.0, y0: cy - height / 2.0, x1: cx + width / 2.0, y1: cy + height / 2.0 }
    }

    /// Whether `other` lies wholly beside, above or below this one.
    fn apart_from(self, other: Rect) -> bool {
        other.x1 <= self.x0 || other.x0 >= self.x1 || other.y1 <= self.y0 || other.y0 >= self.y1
    }

    /// Whether the segment a-b enters the rectangle.
    fn entered_by(self, a: (f64, f64), b: (f64, f64)) -> bool {
        let Rect { x0, y0, x1, y1 } = self;
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [(-dx, a.0 - x0), (dx, x1 - a.0), (-dy, a.1 - y0), (dy, y1 - a.1)] {
            if p.abs() < 1e-12 {
                if q < 0.0 {
                    return false;
                }
            } else if p < 0.0 {
                t0 = t0.max(q / p);
            } else {
                t1 = t1.min(q / p);
            }
        }
        t0 < t1
    }
}

/// The sizes a label is tried at, largest first: smaller only where no
/// place holds it at the usual size, and never under `MIN_TEXT_SIZE`.
const LABEL_SIZES: [f64; 5] = [LABEL_SIZE, 5.5, 5.0, 4.5, MIN_TEXT_SIZE];

/// The rectangle a label's text covers; a label on more lines reaches
/// further down.
fn label_rect(label: &ArrowLabel, sizes: &Sizes) -> Rect {
    let scale = label.size / LABEL_SIZE;
    let width = label.text.lines().map(|line| sizes.label_width(line)).fold(0.0, f64::max) * scale;
    let (x0, x1) = match label.side {
        Side::Right => (label.x, label.x + width),
        Side::Left => (label.x - width, label.x),
    };
    let extra = (label.text.lines().count().max(1) - 1) as f64 * label_line(label.size);
    Rect { x0, y0: label.y - LABEL_ABOVE * scale, x1, y1: label.y + LABEL_BELOW * scale + extra }
}

/// Puts every exit label where a reader cannot misread it: beside the first
/// stretch of its arrow, inside one column and its own row, clear of every
/// arrow (its own included), symbol, connector and other label. Tried in
/// order: above the exit line near the diamond, below it, then against the
/// channel on the side the arrow turns to. A label with no such place keeps
/// the first one and its step is returned (the layout then gives its row
/// more room).
pub(super) fn place_labels(page: &mut PageLayout, flow: &Flow, sizes: &Sizes) -> Vec<usize> {
    let mut placed: Vec<Rect> = Vec::new();
    let mut unplaced = Vec::new();
    for index in 0..page.arrows.len() {
        let arrow = &page.arrows[index];
        let Some(first) = arrow.label.clone() else { continue };
        let row = page.rows.iter().find(|r| r.step == arrow.from).expect("source row on this page");
        // The stretch a label stands beside: the first, or for an exit from
        // below (down a little, then across its row) the one across.
        let p = &arrow.points;
        let from_below = p.len() > 2
            && (p[0].0 - p[1].0).abs() < 0.01
            && p[1].1 > p[0].1
            && p[1].1 < row.y + row.height
            && (p[2].1 - p[1].1).abs() < 0.01;
        let k = usize::from(from_below);
        let start = p[k];
        let turn = p.get(k + 1).copied().unwrap_or(start);
        // The label on one line, else (a label of several words that finds
        // no place) on two, else a word a line; each at the usual size,
        // then smaller.
        let mut versions = vec![first.text.clone()];
        versions.extend(two_lines(&first.text));
        versions.extend(word_lines(&first.text).filter(|lines| lines.lines().count() > 2));
        let mut chosen = None;
        // Where no place is clear of everything: at least inside one cell
        // of the actor area, off the grid's lines and the text columns.
        let mut inside = None;
        let label_sizes = LABEL_SIZES.iter().filter(|&&size| size >= sizes.smallest_label);
        for (size, text) in label_sizes.flat_map(|&size| versions.iter().map(move |text| (size, text))) {
            let scale = size / LABEL_SIZE;
            let extra = (text.lines().count() - 1) as f64 * label_line(size);
            let label = |x: f64, y: f64, side: Side| ArrowLabel { text: text.clone(), x, y, side, size };
            let above = start.1 - 1.0 - LABEL_BELOW * scale - extra;
            let below = start.1 + 1.0 + LABEL_ABOVE * scale;
            let candidates: Vec<ArrowLabel> = if (turn.0 - start.0).abs() > 0.01 {
                // A side exit: along the stretch from the vertex to the
                // channel, above or below it: next to the vertex, after each
                // column line it crosses, and against the turn.
                let s = if turn.0 > start.0 { 1.0 } else { -1.0 };
                let (near, far) = if s > 0.0 { (Side::Right, Side::Left) } else { (Side::Left, Side::Right) };
                let runs_up = arrow.points.get(k + 2).is_some_and(|p| p.1 < turn.1);
                let (first_y, second_y) = if runs_up { (above, below) } else { (below, above) };
                let mut starts = vec![start.0 + s * 1.5];
                if from_below {
                    // Clear of the symbol above the stretch.
                    starts.push(start.0 + s * (sizes.symbol_width / 4.0 + 1.5));
                }
                let (lo, hi) = (start.0.min(turn.0), start.0.max(turn.0));
                let mut border = (lo / sizes.lane_width).floor() * sizes.lane_width + sizes.lane_width;
                let mut crossed = Vec::new();
                while border < hi {
                    crossed.push(border);
                    border += sizes.lane_width;
                }
                if s < 0.0 {
                    crossed.reverse();
                }
                starts.extend(crossed.iter().map(|b| b + s * 1.5));
                let mut all = Vec::new();
                for y in [above, below] {
                    all.extend(starts.iter().map(|&x| label(x, y, near)));
                }
                // When the column is narrow: tucked into the diamond's
                // corner, a little further from the exit line so that the
                // corner is wider.
                for y in [above - 1.0, below + 1.0] {
                    all.push(label(start.0 - s * 0.9, y, near));
                }
                all.push(label(turn.0 - s * 1.5, first_y, far));
                all.push(label(turn.0 - s * 1.5, second_y, far));
                // A stretch too short for it (to a symbol beside, along the
                // row): higher up from the exit, over the symbol it leads to.
                for lift in 1..=8 {
                    all.extend(starts.iter().map(|&x| label(x, above - f64::from(lift) * 2.5, near)));
                }
                // A stretch too short to stand beside (its channel right by
                // the vertex): beyond the turn, beside the run that follows.
                if let Some(&next) = arrow.points.get(k + 2) {
                    let down = next.1 > turn.1;
                    // Right by the run, or past a column line just beyond it.
                    let lane = sizes.lane_width;
                    let border = if s > 0.0 { (turn.0 / lane).ceil() * lane } else { (turn.0 / lane).floor() * lane };
                    let mut xs = vec![turn.0 + s * 1.5];
                    if (border - turn.0).abs() < 5.0 {
                        xs.push(border + s * 1.5);
                    }
                    for x in xs {
                        for step in 0..6 {
                            let along = 1.5 + f64::from(step) * 3.0;
                            let y = if down {
                                turn.1 + along + LABEL_ABOVE * scale
                            } else {
                                turn.1 - along - LABEL_BELOW * scale - extra
                            };
                            all.push(label(x, y, near));
                        }
                    }
                }
                all
            } else {
                // Out of the bottom: beside the stem, right then left; lower
                // down, past the lanes other exits run along below the
                // symbol, when those are in the way.
                let mut all = Vec::new();
                if extra == 0.0 && size == LABEL_SIZE {
                    all.push(first.clone());
                }
                for k in 0..10 {
                    let y = below + k as f64 * BELOW_LANE;
                    all.push(label(start.0 + 2.0, y, Side::Right));
                    all.push(label(start.0 - 2.0, y, Side::Left));
                }
                all
            };
            if inside.is_none() {
                inside = candidates.iter().find(|c| inside_cell(flow, sizes, row, label_rect(c, sizes))).cloned();
            }
            if let Some(found) = candidates.into_iter().find(|c| label_is_clear(page, flow, sizes, row, &placed, c)) {
                chosen = Some(found);
                break;
            }
        }
        if chosen.is_none() {
            unplaced.push(page.arrows[index].from);
        }
        let chosen = chosen.or(inside).unwrap_or(first);
        placed.push(label_rect(&chosen, sizes));
        page.arrows[index].label = Some(chosen);
    }
    unplaced
}

/// Whether `rect` lies inside one actor column and the row, off its lines.
fn inside_cell(flow: &Flow, sizes: &Sizes, row: &RowBox, rect: Rect) -> bool {
    let Rect { x0, y0, x1, y1 } = rect;
    let column = ((x0 - 1.0) / sizes.lane_width).floor();
    x0 >= 1.0
        && column == ((x1 + 1.0) / sizes.lane_width).floor()
        && x1 <= flow.lanes as f64 * sizes.lane_width - 1.0
        && y0 >= row.y + 0.5
        && y1 <= row.y + row.height - 0.5
}

/// Whether a label there is inside one column of the table and its source's
/// row, and clear of every arrow, symbol, connector and label placed so far.
fn label_is_clear(
    page: &PageLayout,
    flow: &Flow,
    sizes: &Sizes,
    row: &RowBox,
    placed: &[Rect],
    candidate: &ArrowLabel,
) -> bool {
    let rect = label_rect(candidate, sizes);
    let Rect { x0, y0, x1, y1 } = rect;
    let inflated = Rect { x0: x0 - 0.5, y0: y0 - 0.5, x1: x1 + 0.5, y1: y1 + 0.5 };
    inside_cell(flow, sizes, row, rect)
        && page.arrows.iter().all(|a| a.points.windows(2).all(|w| !inflated.entered_by(w[0], w[1])))
        && page.symbols.iter().all(|s| match s.symbol {
            // A diamond leaves its bounding box's corners free.
            Symbol::Ketupat => {
                let (t, r, b, l) = (s.top(), s.side(Side::Right), s.bottom(), s.side(Side::Left));
                let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
                let centre_inside = (cx - s.cx).abs() / (s.width / 2.0) + (cy - s.cy).abs() / (s.height / 2.0) < 1.0;
                !centre_inside && [(t, r), (r, b), (b, l), (l, t)].iter().all(|&(p, q)| !inflated.entered_by(p, q))
            }
            _ => rect.apart_from(Rect::around((s.cx, s.cy), s.width, s.height)),
        })
        && page.connectors.iter().all(|c| rect.apart_from(Rect::around((c.cx, c.cy), c.size, c.size)))
        // Two labels keep a word space apart, so that none reads as one.
        && placed.iter().all(|&o| rect.apart_from(Rect { x0: o.x0 - 4.0, x1: o.x1 + 4.0, ..o }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::flowchart::test_flows::sizes;

    #[test]
    fn a_label_on_two_lines_is_narrower_and_one_line_taller() {
        let sizes = sizes();
        let label = |text: &str, size: f64| ArrowLabel { text: text.into(), x: 0.0, y: 10.0, side: Side::Right, size };
        let one = label_rect(&label("Belum Lengkap", LABEL_SIZE), &sizes);
        let two = label_rect(&label("Belum\nLengkap", LABEL_SIZE), &sizes);
        assert!(two.x1 < one.x1, "narrower on two lines");
        assert!((two.y1 - one.y1 - label_line(LABEL_SIZE)).abs() < 1e-9, "one line taller");
        // At the smallest size: narrower and lower in proportion.
        let small = label_rect(&label("Belum Lengkap", MIN_TEXT_SIZE), &sizes);
        assert!((small.x1 - one.x1 * MIN_TEXT_SIZE / LABEL_SIZE).abs() < 1e-9);
        assert!(small.y1 - small.y0 < one.y1 - one.y0);
    }

    #[test]
    fn a_segment_enters_a_rectangle_only_through_its_inside() {
        let rect = Rect { x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0 };
        assert!(rect.entered_by((-5.0, 5.0), (15.0, 5.0)), "across");
        assert!(rect.entered_by((5.0, 5.0), (5.0, 20.0)), "from inside");
        assert!(!rect.entered_by((-5.0, 12.0), (15.0, 12.0)), "below");
        assert!(!rect.entered_by((12.0, -5.0), (20.0, 5.0)), "beside, slanting");
    }
}
