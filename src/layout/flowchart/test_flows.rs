//! Flows for the unit tests of the layout's phases, and the routing rules
//! every layout keeps.

use super::{Arrow, Layout, Sizes, SymbolBox};
use crate::layout::page::MM;
use crate::model::flow::{Edge, Flow, FlowStep, Symbol};

/// The sizes of a sheet with 30 mm columns.
pub(super) fn sizes() -> Sizes {
    Sizes::for_lane_width(30.0 * MM)
}

/// (lane, decision targets (ya, tidak), jump target) per step.
pub(super) type StepSpec = (usize, Option<(usize, usize)>, Option<usize>);

/// Two steps in the first of two columns: the first with its Mulai
/// stacked above it, the second with its Selesai beside it in the other
/// column.
pub(super) fn terminators_beside() -> Flow {
    let steps = vec![
        FlowStep { start_beside: Some(0), ..FlowStep::new(0, Symbol::Kotak) },
        FlowStep { end_beside: Some(1), ..FlowStep::new(0, Symbol::Kotak) },
    ];
    Flow { lanes: 2, steps, edges: vec![Edge::between(0, 1, None)] }
}

/// A flow of `lanes` columns: a decision's exits are labelled Ya and
/// Tidak, the first and the last step are terminators, and every other
/// step goes on to the next one (or its jump).
pub(super) fn flow(lanes: usize, steps: &[StepSpec]) -> Flow {
    let n = steps.len();
    let mut edges = Vec::new();
    let mut flow_steps = Vec::new();
    for (i, &(lane, decision, jump)) in steps.iter().enumerate() {
        let symbol = if decision.is_some() {
            Symbol::Ketupat
        } else if i == 0 || i + 1 == n {
            Symbol::Kapsul
        } else {
            Symbol::Kotak
        };
        let exits = if decision.is_some() { vec![Some("Ya".to_owned()), Some("Tidak".to_owned())] } else { Vec::new() };
        flow_steps.push(FlowStep { exits, ..FlowStep::new(lane, symbol) });
        match decision {
            Some((ya, tidak)) => {
                edges.push(Edge::between(i, ya, Some(0)));
                edges.push(Edge::between(i, tidak, Some(1)));
            }
            None if i + 1 < n => edges.push(Edge::between(i, jump.unwrap_or(i + 1), None)),
            None => {}
        }
    }
    Flow { lanes, steps: flow_steps, edges }
}

type Seg = ((f64, f64), (f64, f64));

fn segments(arrow: &Arrow) -> Vec<Seg> {
    arrow.points.windows(2).map(|w| (w[0], w[1])).collect()
}

fn inside(symbol: &SymbolBox, p: (f64, f64), margin: f64) -> bool {
    let (dx, dy) = ((p.0 - symbol.cx).abs(), (p.1 - symbol.cy).abs());
    let (w, h) = (symbol.width / 2.0 - margin, symbol.height / 2.0 - margin);
    match symbol.symbol {
        Symbol::Ketupat => dx / w + dy / h < 1.0,
        _ => dx < w && dy < h,
    }
}

/// Checks the routing rules on every page; returns a description of the
/// first violation.
pub(super) fn violations(layout: &Layout) -> Option<String> {
    let mut letters: std::collections::HashMap<String, usize> = Default::default();
    for (p, page) in layout.pages.iter().enumerate() {
        for arrow in &page.arrows {
            for (a, b) in segments(arrow) {
                if (a.0 - b.0).abs() > 0.01 && (a.1 - b.1).abs() > 0.01 {
                    return Some(format!("page {p}: diagonal segment {a:?}-{b:?}"));
                }
                // No segment passes through a symbol (sampled).
                for s in &page.symbols {
                    for k in 1..20 {
                        let t = k as f64 / 20.0;
                        let q = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                        if inside(s, q, 0.5) {
                            return Some(format!(
                                "page {p}: arrow {}->{} crosses step {}",
                                arrow.from + 1,
                                arrow.to + 1,
                                s.step + 1
                            ));
                        }
                    }
                }
            }
            // The last point touches a symbol's top or a connector.
            let end = *arrow.points.last().unwrap();
            let on_symbol = page
                .symbols
                .iter()
                .any(|s| (s.cx - end.0).abs() < 0.01 && (s.cy - s.height / 2.0 - end.1).abs() < 0.01);
            let on_connector = page
                .connectors
                .iter()
                .any(|c| (c.cx - end.0).abs() < 0.01 && ((c.cy - end.1).abs() - c.size / 2.0).abs() < 0.01);
            if !on_symbol && !on_connector {
                return Some(format!("page {p}: arrow {}->{} ends nowhere at {end:?}", arrow.from + 1, arrow.to + 1));
            }
        }
        // Collinear overlaps between arrows to different targets.
        for (i, a) in page.arrows.iter().enumerate() {
            for b in page.arrows.iter().skip(i + 1) {
                if a.to == b.to && a.from != b.from {
                    continue; // arrows joining into one target may merge
                }
                for (p1, p2) in segments(a) {
                    for (q1, q2) in segments(b) {
                        if overlap((p1, p2), (q1, q2)) {
                            return Some(format!(
                                "page {p}: arrows {}->{} and {}->{} overlap",
                                a.from + 1,
                                a.to + 1,
                                b.from + 1,
                                b.to + 1
                            ));
                        }
                    }
                }
            }
        }
        for c in &page.connectors {
            *letters.entry(c.letter.clone()).or_default() += 1;
        }
    }
    if let Some((l, n)) = letters.iter().find(|(_, n)| **n != 2) {
        return Some(format!("connector {l} appears {n} times"));
    }
    None
}

fn overlap(a: Seg, b: Seg) -> bool {
    let eps = 0.3;
    let horizontal = |s: Seg| (s.0.1 - s.1.1).abs() < 0.01;
    let range = |x: f64, y: f64| (x.min(y), x.max(y));
    if horizontal(a) && horizontal(b) && (a.0.1 - b.0.1).abs() < eps {
        let (ra, rb) = (range(a.0.0, a.1.0), range(b.0.0, b.1.0));
        return ra.0.max(rb.0) < ra.1.min(rb.1) - eps;
    }
    if !horizontal(a) && !horizontal(b) && (a.0.0 - b.0.0).abs() < eps {
        let (ra, rb) = (range(a.0.1, a.1.1), range(b.0.1, b.1.1));
        return ra.0.max(rb.0) < ra.1.min(rb.1) - eps;
    }
    false
}
