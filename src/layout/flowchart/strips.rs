//! The connector strips at a page's top and bottom: every arrow that crosses
//! a page break ends in a lettered off-page connector there, and starts
//! again from its pair on the other page.

use super::arrows::{entry_lane, label_for, leaving, simplify, symbol};
use super::sizes::Sizes;
use super::tracks::Route;
use super::{Arrow, ConnectorBox, PageLayout};
use crate::model::flow::{Edge, Flow, Heads};
use crate::util::numbering::letters;

/// The name of every edge's pair of connectors (empty for an edge that
/// stays on its page), in reading order. Connectors are lettered, or
/// numbered where exit labels are letters ("A", "B"): a label must not read
/// as a connector.
pub(super) fn connector_names(flow: &Flow, page_of: &[usize]) -> Vec<String> {
    let mut crossing: Vec<usize> =
        (0..flow.edges.len()).filter(|&e| page_of[flow.edges[e].from] != page_of[flow.edges[e].to]).collect();
    crossing.sort_by_key(|&e| {
        let edge = flow.edges[e];
        (page_of[edge.from].min(page_of[edge.to]), edge.from.min(edge.to), edge.from, edge.to)
    });
    let letter_labels = flow.labels().iter().any(|l| l.len() == 1 && l.chars().all(|c| c.is_ascii_alphabetic()));
    let mut names = vec![String::new(); flow.edges.len()];
    for (k, &e) in crossing.iter().enumerate() {
        names[e] = if letter_labels { (k + 1).to_string() } else { letters(k) };
    }
    names
}

/// The arrows of one page that reach its strips: `top` and `bottom`.
#[derive(Default)]
pub(super) struct StripEnds {
    top: Vec<StripStub>,
    bottom: Vec<StripStub>,
}

/// An arrow's end at a strip.
struct StripStub {
    edge: usize,
    outgoing: bool,
    /// Where its vertical run reaches the strip.
    attach_x: f64,
    letter: String,
    /// The step on the other side of the page break (1-based).
    other_step: usize,
}

/// The ends at the strips of page `page` of the edges that cross its
/// breaks, in the order of the edges.
pub(super) fn strip_ends(
    flow: &Flow,
    routes: &[Route],
    page_of: &[usize],
    page: usize,
    names: &[String],
    sizes: &Sizes,
) -> StripEnds {
    let mut ends = StripEnds::default();
    for (e, edge) in flow.edges.iter().enumerate() {
        let (sp, tp) = (page_of[edge.from], page_of[edge.to]);
        if (sp == page) == (tp == page) {
            continue;
        }
        // Forward arrows leave through the bottom strip and arrive through
        // the top one; backward arrows the other way round.
        let forward = tp > sp;
        let at_bottom = (sp == page) == forward;
        let stub = StripStub {
            edge: e,
            outgoing: sp == page,
            attach_x: attach_x(edge, routes[e], sp == page, sizes, flow),
            letter: names[e].clone(),
            other_step: if sp == page { edge.to + 1 } else { edge.from + 1 },
        };
        if at_bottom { ends.bottom.push(stub) } else { ends.top.push(stub) }
    }
    ends
}

/// Places the connectors of both strips of a page and the arrows that
/// reach them: the top strip's first.
pub(super) fn place_strips(page: &mut PageLayout, flow: &Flow, routes: &[Route], ends: StripEnds, sizes: &Sizes) {
    for (stubs, at_bottom) in [(ends.top, false), (ends.bottom, true)] {
        place_strip(page, flow, routes, stubs, at_bottom, sizes);
    }
}

/// The x at which an arrow's vertical run reaches a connector strip.
fn attach_x(edge: &Edge, route: Route, outgoing: bool, sizes: &Sizes, flow: &Flow) -> f64 {
    match route {
        Route::Direct if outgoing => sizes.lane_centre(flow.source_lane(edge)),
        Route::Direct => sizes.lane_centre(flow.target_lane(edge)),
        Route::Channel { x, .. } | Route::Below { x, .. } => x,
    }
}

/// Places the connectors of one strip and the arrows that reach them.
fn place_strip(
    page: &mut PageLayout,
    flow: &Flow,
    routes: &[Route],
    mut stubs: Vec<StripStub>,
    at_bottom: bool,
    sizes: &Sizes,
) {
    if stubs.is_empty() {
        return;
    }
    stubs.sort_by(|a, b| a.attach_x.total_cmp(&b.attach_x));
    // Slots: as close to the attach points as spacing allows.
    let spacing = sizes.connector + 5.0;
    let min_x = sizes.connector / 2.0 + 2.0;
    let max_x = flow.lanes as f64 * sizes.lane_width - sizes.connector / 2.0 - 2.0;
    let mut slots: Vec<f64> = Vec::with_capacity(stubs.len());
    for stub in &stubs {
        let previous = slots.last().map_or(f64::MIN, |&s| s + spacing);
        slots.push(stub.attach_x.max(min_x).max(previous));
    }
    let mut limit = max_x;
    for slot in slots.iter_mut().rev() {
        *slot = slot.min(limit);
        limit = *slot - spacing;
    }
    // A slot must not sit on another arrow's vertical run: the nearest
    // place that does not, still clear of the other connectors.
    for i in 0..slots.len() {
        if (slots[i] - stubs[i].attach_x).abs() <= 0.01 {
            continue;
        }
        let fits = |x: f64, slots: &[f64]| {
            (min_x..=max_x).contains(&x)
                && stubs.iter().enumerate().all(|(j, s)| j == i || (s.attach_x - x).abs() >= 1.5)
                && slots.iter().enumerate().all(|(j, &o)| j == i || (o - x).abs() >= sizes.connector + 1.0)
        };
        if !fits(slots[i], &slots) {
            let moves = (1..=12).flat_map(|k| [k as f64 * 1.5, -(k as f64) * 1.5]);
            if let Some(x) = moves.map(|d| slots[i] + d).find(|&x| fits(x, &slots)) {
                slots[i] = x;
            }
        }
    }

    let strip_top = if at_bottom { page.body_height() - page.bottom_strip } else { 0.0 };
    let lane_y = |k: usize| {
        if at_bottom {
            strip_top + 5.0 + k as f64 * sizes.strip_lane_gap
        } else {
            5.0 + sizes.connector + 5.0 + k as f64 * sizes.strip_lane_gap
        }
    };
    let connector_cy =
        if at_bottom { page.body_height() - 5.0 - sizes.connector / 2.0 } else { 5.0 + sizes.connector / 2.0 };
    // The connector edge an arrow touches: its top in the bottom strip, its
    // bottom in the top strip.
    let touch_y = if at_bottom { connector_cy - sizes.connector / 2.0 } else { connector_cy + sizes.connector / 2.0 };

    // The lanes of the arrows that jog along the strip: nearest the table
    // the rightward jog that starts furthest right and the leftward one that
    // starts furthest left, so that no arrow's way down (or up) to its lane
    // crosses another's jog.
    let jogs_at = |i: usize| {
        let several = stubs[i].outgoing && flow.steps[flow.edges[stubs[i].edge].from].parallel;
        (slots[i] - stubs[i].attach_x).abs() > 0.01 || several
    };
    let mut near_first: Vec<usize> = (0..stubs.len()).filter(|&i| jogs_at(i)).collect();
    near_first.sort_by(|&i, &j| {
        let key = |k: usize| {
            let a = stubs[k].attach_x;
            if slots[k] > a { (0, -a) } else { (1, a) }
        };
        let (ki, kj) = (key(i), key(j));
        ki.0.cmp(&kj.0).then(ki.1.total_cmp(&kj.1))
    });
    let lane_of = |i: usize| {
        let rank = near_first.iter().position(|&k| k == i).unwrap_or(0);
        if at_bottom { rank } else { near_first.len().saturating_sub(1 + rank) }
    };
    for (i, (stub, slot)) in stubs.iter().zip(slots.iter().copied()).enumerate() {
        let edge = flow.edges[stub.edge];
        page.connectors.push(ConnectorBox {
            letter: stub.letter.clone(),
            cx: slot,
            cy: connector_cy,
            size: sizes.connector,
            other_page: stub.other_step,
        });
        let y = lane_y(lane_of(i));
        let jogs = (slot - stub.attach_x).abs() > 0.01;
        let route = routes[stub.edge];
        let mut arrows = Vec::new();
        if stub.outgoing {
            // From every symbol the flow leaves by, along the strip's lane
            // (when it must jog) into the connector.
            for out in flow.source_lanes(&edge) {
                let source = symbol(page, edge.from, out);
                let mut points = leaving(source, route);
                let last = *points.last().expect("a start");
                if jogs || (last.0 - slot).abs() > 0.01 {
                    points.push((last.0, y));
                    points.push((slot, y));
                }
                points.push((slot, touch_y));
                let label = if arrows.is_empty() { label_for(flow, &edge, points[0], route) } else { None };
                arrows.push(Arrow { from: edge.from, to: edge.to, points: simplify(points), label, heads: Heads::One });
            }
        } else {
            let target_lane_y = entry_lane(page, edge.to);
            for into in flow.target_lanes(&edge) {
                let target = symbol(page, edge.to, into);
                let mut points = vec![(slot, touch_y)];
                if jogs {
                    points.push((slot, y));
                    points.push((stub.attach_x, y));
                }
                if (stub.attach_x - target.cx).abs() > 0.01 {
                    points.push((stub.attach_x, target_lane_y));
                    points.push((target.cx, target_lane_y));
                }
                points.push(target.top());
                arrows.push(Arrow {
                    from: edge.from,
                    to: edge.to,
                    points: simplify(points),
                    label: None,
                    heads: Heads::One,
                });
            }
        }
        page.arrows.extend(arrows);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::flowchart::layout;
    use crate::layout::flowchart::test_flows::{flow, sizes, violations};

    #[test]
    fn page_breaks_get_lettered_connector_pairs() {
        let steps: Vec<_> = (0..12).map(|i| (i % 3, if i == 9 { Some((10, 2)) } else { None }, None)).collect();
        let f = flow(3, &steps);
        let layout = layout(&f, &[60.0; 12], &sizes(), 260.0).unwrap();
        assert!(layout.pages.len() >= 3);
        assert_eq!(violations(&layout), None);
        assert!(layout.pages.iter().all(|p| p.end > p.first), "no empty page");
        let letters: Vec<&str> = layout.pages.iter().flat_map(|p| &p.connectors).map(|c| c.letter.as_str()).collect();
        assert!(letters.contains(&"A"));
    }

    #[test]
    fn connectors_are_named_in_reading_order_and_numbered_beside_letter_labels() {
        // Steps 0-1 on the first page, 2-4 on the second; a decision on the
        // second loops back to the first page.
        let mut f =
            flow(2, &[(0, None, None), (0, None, None), (0, None, None), (0, Some((4, 0)), None), (0, None, None)]);
        let page_of = [0, 0, 1, 1, 1];
        // Edges: 0-1, 1-2 (crosses), 2-3, 3-4, 3-0 (crosses back).
        assert_eq!(connector_names(&f, &page_of), ["", "B", "", "", "A"]);
        f.steps[3].exits = vec![Some("A".into()), Some("B".into())];
        assert_eq!(connector_names(&f, &page_of), ["", "2", "", "", "1"]);
    }
}
