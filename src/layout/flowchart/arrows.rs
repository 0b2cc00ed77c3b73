//! The arrows drawn on one page: every edge whose ends are both on it, the
//! arrows across a row between the symbols of a step done together, and
//! those between a step and its terminators.

use super::sizes::LABEL_SIZE;
use super::tracks::Route;
use super::{Arrow, ArrowLabel, PageLayout, Side, SymbolBox, Terminator};
use crate::model::flow::{Edge, Flow, Heads};

/// An edge whose ends are both on this page: an arrow from every symbol
/// the flow leaves the source by to every symbol it enters the target by
/// (one to one, or a fan out of or into a step done in parallel). Only the
/// first carries the exit's label.
pub(super) fn route_within(page: &PageLayout, flow: &Flow, edge: &Edge, route: Route) -> Vec<Arrow> {
    let lane_y = entry_lane(page, edge.to);
    let mut arrows = Vec::new();
    for out in flow.source_lanes(edge) {
        let source = symbol(page, edge.from, out);
        for into in flow.target_lanes(edge) {
            let target = symbol(page, edge.to, into);
            let mut points = leaving(source, route);
            let last = *points.last().expect("a start");
            if (last.0 - target.cx).abs() > 0.01 {
                points.push((last.0, lane_y));
                points.push((target.cx, lane_y));
            }
            points.push(target.top());
            let label = if arrows.is_empty() { label_for(flow, edge, points[0], route) } else { None };
            arrows.push(Arrow { from: edge.from, to: edge.to, points: simplify(points), label, heads: Heads::One });
        }
    }
    arrows
}

/// The first points of an edge's arrow from one of its source's symbols:
/// out of it, to where the run towards the target begins.
pub(super) fn leaving(source: &SymbolBox, route: Route) -> Vec<(f64, f64)> {
    match route {
        Route::Direct => vec![source.bottom()],
        Route::Channel { side, x } => vec![source.side(side), (x, source.cy)],
        Route::Below { offset, drop, x } => {
            let start = source.under(offset);
            let y = source.cy + source.height / 2.0 + drop;
            vec![start, (start.0, y), (x, y)]
        }
    }
}

/// The first segment's label for a decision's exit (where `place_labels`
/// starts looking).
pub(super) fn label_for(flow: &Flow, edge: &Edge, start: (f64, f64), route: Route) -> Option<ArrowLabel> {
    let text = flow.label(edge)?.to_owned();
    Some(match route {
        Route::Direct | Route::Below { .. } => {
            ArrowLabel { text, x: start.0 + 2.5, y: start.1 + 6.0, side: Side::Right, size: LABEL_SIZE }
        }
        Route::Channel { side: Side::Right, .. } => {
            ArrowLabel { text, x: start.0 + 2.0, y: start.1 - 5.0, side: Side::Right, size: LABEL_SIZE }
        }
        Route::Channel { side: Side::Left, .. } => {
            ArrowLabel { text, x: start.0 - 2.0, y: start.1 - 5.0, side: Side::Left, size: LABEL_SIZE }
        }
    })
}

/// The height at which arrows run across into `step`, above its symbols.
pub(super) fn entry_lane(page: &PageLayout, step: usize) -> f64 {
    page.rows.iter().find(|r| r.step == step).expect("target row on this page").entry_y
}

/// The symbol of `step` in `lane` (not a terminator beside it).
pub(super) fn symbol(page: &PageLayout, step: usize, lane: usize) -> &SymbolBox {
    page.symbols
        .iter()
        .find(|s| s.step == step && s.lane == lane && s.terminator.is_none())
        .expect("symbol on this page")
}

/// The arrows within each row, between its symbols: a joint step's from
/// each actor to the next, a decision's exit to a symbol beside it;
/// straight across the row, side to side, labelled like a side exit.
pub(super) fn row_arrows(page: &mut PageLayout, flow: &Flow) {
    for row in page.rows.clone() {
        for link in &flow.steps[row.step].links {
            let (a, b) = (symbol(page, row.step, link.from), symbol(page, row.step, link.to));
            let (from, to) = joining(a, b);
            let side = if b.cx > a.cx { Side::Right } else { Side::Left };
            let label = flow.link_label(row.step, link).map(|text| {
                let x = if side == Side::Right { from.0 + 2.0 } else { from.0 - 2.0 };
                ArrowLabel { text: text.to_owned(), x, y: from.1 - 5.0, side, size: LABEL_SIZE }
            });
            let arrow = Arrow { from: row.step, to: row.step, points: vec![from, to], label, heads: link.heads };
            page.arrows.push(arrow);
        }
    }
}

/// The arrows between a step and its terminators: straight down (stacked
/// in one column) or straight across the row. A Mulai leads into the
/// symbol it is stacked on, else the one the flow enters by; a Selesai
/// follows the symbol it is stacked under, else the one the flow leaves by.
pub(super) fn terminator_arrows(page: &mut PageLayout, flow: &Flow) {
    for row in page.rows.clone() {
        let step = &flow.steps[row.step];
        for t in
            page.symbols.iter().filter(|s| s.step == row.step && s.terminator.is_some()).cloned().collect::<Vec<_>>()
        {
            let (from, to) = if t.terminator == Some(Terminator::Mulai) {
                (&t, symbol(page, row.step, step.start_stacked().unwrap_or(step.lane)))
            } else {
                (symbol(page, row.step, step.end_stacked().unwrap_or_else(|| step.exit_lane())), &t)
            };
            let points = {
                let (a, b) = joining(from, to);
                vec![a, b]
            };
            page.arrows.push(Arrow { from: row.step, to: row.step, points, label: None, heads: Heads::One });
        }
    }
}

/// The two ends of a straight arrow from one symbol of a row to another:
/// down from one stacked above the other in its column, else side to side.
fn joining(from: &SymbolBox, to: &SymbolBox) -> ((f64, f64), (f64, f64)) {
    if from.lane == to.lane {
        (from.bottom(), to.top())
    } else if from.cx < to.cx {
        (from.side(Side::Right), to.side(Side::Left))
    } else {
        (from.side(Side::Left), to.side(Side::Right))
    }
}

/// Drops repeated points and points in the middle of a straight run.
pub(super) fn simplify(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let close = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01;
    let mut out: Vec<(f64, f64)> = Vec::new();
    for p in points {
        if out.last().is_some_and(|&q| close(p, q)) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let collinear = ((a.0 - b.0).abs() < 0.01 && (b.0 - p.0).abs() < 0.01)
                || ((a.1 - b.1).abs() < 0.01 && (b.1 - p.1).abs() < 0.01);
            if collinear {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::flowchart::layout;
    use crate::layout::flowchart::test_flows::sizes;
    use crate::model::flow::{FlowStep, Symbol};

    #[test]
    fn a_path_keeps_only_its_corners() {
        let points = vec![(0.0, 0.0), (0.0, 0.0), (0.0, 5.0), (0.0, 10.0), (4.0, 10.0), (9.0, 10.0), (9.0, 12.0)];
        assert_eq!(simplify(points), [(0.0, 0.0), (0.0, 10.0), (9.0, 10.0), (9.0, 12.0)]);
    }

    #[test]
    fn actors_of_a_step_done_together_are_joined_across_the_row_in_turn() {
        let joint = |parallel: bool| {
            let step = FlowStep::joint(vec![2, 0], Symbol::Kotak, parallel);
            let flow = Flow { lanes: 3, steps: vec![step], edges: vec![] };
            let layout = layout(&flow, &[20.0], &sizes(), 500.0).unwrap();
            layout.pages[0].arrows.clone()
        };
        let arrows = joint(false);
        let [arrow] = &arrows[..] else { panic!("one arrow: {arrows:?}") };
        // From the first actor's left side to the second's right side.
        let width = sizes().symbol_width;
        let (first, second) = (sizes().lane_width * 2.5, sizes().lane_width * 0.5);
        assert_eq!(arrow.points[0].0, first - width / 2.0);
        assert_eq!(arrow.points[1].0, second + width / 2.0);
        assert_eq!(arrow.points[0].1, arrow.points[1].1);
        assert!(joint(true).is_empty(), "in parallel: no arrow between them");
    }
}
