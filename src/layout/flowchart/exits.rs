//! Where every arrow leaves its symbol: the exit to the next step straight
//! down, the others out of a side or from below, each towards its target
//! and where its label fits.

use super::Side;
use super::sizes::{LABEL_MARGIN, LABEL_SIZE, Sizes};
use crate::model::flow::Flow;
use crate::validate::MAX_EXITS;

/// How each edge leaves its source: straight down (neither), out of a
/// side, or from below towards a side.
pub(super) struct Exits {
    pub sides: Vec<Option<Side>>,
    pub below: Vec<Option<BelowExit>>,
}

/// An exit from below its symbol: out of the bottom (`offset` 0) or a lower
/// edge (see `SymbolBox::under`), along the `level`th lane under the symbol
/// (0 the nearest).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct BelowExit {
    pub offset: i8,
    pub level: usize,
}

/// Where an exit leaves its symbol.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    /// Straight down to the next step.
    Bottom,
    Side(Side),
    /// From below (the lower edge on that side, or the bottom) towards a side.
    Below(i8, Side),
}

/// The slot an edge leaves its source by.
struct ExitSlot {
    edge: usize,
    slot: Slot,
}

/// Chooses how every edge leaves its source (see `choose_exits`).
pub(super) fn plan_exits(flow: &Flow, sizes: &Sizes) -> Exits {
    let edges = &flow.edges;
    let mut sides: Vec<Option<Side>> = vec![None; edges.len()];
    let mut below: Vec<Option<BelowExit>> = vec![None; edges.len()];
    for step in 0..flow.steps.len() {
        let mut sources: Vec<usize> = flow.outgoing(step).map(|e| flow.source_lane(e)).collect();
        sources.sort_unstable();
        sources.dedup();
        let chosen: Vec<ExitSlot> =
            sources.into_iter().flat_map(|lane| choose_exits(flow, sizes, step, lane)).collect();
        // Exits from the lower edges run on the lanes nearest the symbol,
        // the outer ones first, those from the bottom below them: no stem
        // crosses another's run.
        let mut level = 0;
        for reach in [2, 1, 0] {
            for &ExitSlot { edge, slot } in &chosen {
                match slot {
                    Slot::Side(side) => sides[edge] = Some(side),
                    Slot::Below(offset, side) if offset.unsigned_abs() == reach => {
                        sides[edge] = Some(side);
                        below[edge] = Some(BelowExit { offset, level });
                        level += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    // An exit that splits leaves by one stem: its other arrows by the
    // first one's slot, fanning out from there.
    for i in 0..edges.len() {
        if let Some(lead) = split_lead(flow, i) {
            sides[i] = sides[lead];
            below[i] = below[lead];
        }
    }
    Exits { sides, below }
}

/// For an arrow of a split exit (`ke: [a, b]`) other than its first: the
/// first one's index.
fn split_lead(flow: &Flow, edge: usize) -> Option<usize> {
    let e = &flow.edges[edge];
    let Some(exit) = e.exit else { return fork_lead(flow, edge) };
    let lead =
        flow.edges.iter().position(|o| o.from == e.from && o.exit == Some(exit) && o.from_lane == e.from_lane)?;
    (lead != edge).then_some(lead)
}

/// For an arrow of a fork beyond the four a symbol's sides and bottom
/// hold (`lanjut` to up to eight steps): the one of the first four whose
/// target lane is nearest, whose stem it splits from.
fn fork_lead(flow: &Flow, edge: usize) -> Option<usize> {
    let e = &flow.edges[edge];
    let fork: Vec<usize> = (0..flow.edges.len())
        .filter(|&o| {
            let other = &flow.edges[o];
            other.from == e.from && other.exit.is_none() && flow.source_lane(other) == flow.source_lane(e)
        })
        .collect();
    if fork.iter().position(|&o| o == edge)? < MAX_EXITS {
        return None;
    }
    let lane = flow.target_lane(e);
    fork[..MAX_EXITS].iter().copied().min_by_key(|&o| flow.target_lane(&flow.edges[o]).abs_diff(lane))
}

/// Where each exit of `step`'s symbol in lane `a` leaves it: the exit to
/// the next step straight down, the others out of the sides and then from
/// below, each towards its target, and every label where it fits. Tries
/// every assignment (a symbol has at most four exits) and keeps the
/// cheapest.
fn choose_exits(flow: &Flow, sizes: &Sizes, step: usize, a: usize) -> Vec<ExitSlot> {
    let edges = &flow.edges;
    let source = &flow.steps[step];
    let outgoing: Vec<usize> = (0..edges.len())
        .filter(|&i| edges[i].from == step && flow.source_lane(&edges[i]) == a && split_lead(flow, i).is_none())
        .collect();
    // A split exit's stem cannot go straight down: it goes on to more than
    // the next step.
    let splits = |i: usize| (0..edges.len()).any(|o| split_lead(flow, o) == Some(i));
    if outgoing.is_empty() {
        return Vec::new();
    }
    let lanes = flow.lanes;
    let half = sizes.cell_width(source, a) / 2.0;
    // Toward the target's lane; to a step in the same lane, away from the
    // table's edge (the last lane has no room beyond its right side).
    let toward = |i: usize| {
        let b = flow.target_lane(&edges[i]);
        if b < a || (b == a && a + 1 == lanes && lanes > 1) { Side::Left } else { Side::Right }
    };
    // A side is taken by the step's other symbols (joined along the row)
    // or a terminator beside it.
    let taken = |side: Side| {
        let there = |lane: usize| match side {
            Side::Right => lane > a,
            Side::Left => lane < a,
        };
        source.lanes.iter().any(|&l| there(l)) || source.start_beside.is_some_and(there)
    };
    let mut slots = vec![Slot::Bottom];
    slots.extend([Side::Left, Side::Right].into_iter().filter(|&s| !taken(s)).map(Slot::Side));
    slots.extend([
        Slot::Below(-1, Side::Left),
        Slot::Below(1, Side::Right),
        Slot::Below(0, Side::Left),
        Slot::Below(0, Side::Right),
        Slot::Below(-2, Side::Left),
        Slot::Below(2, Side::Right),
    ]);
    // The widest label a slot holds: beside the stem; or along the stretch
    // to the channel, before the column line, or in the next column.
    let room = |slot: Slot| -> f64 {
        let lane = sizes.lane_width;
        let track = sizes.track_gap + 2.0;
        match slot {
            Slot::Bottom => lane / 2.0 - 4.0,
            Slot::Side(side) | Slot::Below(_, side) => {
                let start = match slot {
                    Slot::Side(_) => half,
                    Slot::Below(0, _) => 1.0,
                    Slot::Below(1 | -1, _) => half / 2.0,
                    _ => half * 0.75,
                };
                let before = lane / 2.0 - start - LABEL_MARGIN - track;
                let next_column = match side {
                    Side::Right => a + 1 < lanes,
                    Side::Left => a > 0,
                };
                if next_column { before.max(lane - 1.5 - LABEL_MARGIN - track) } else { before }
            }
        }
    };
    // The sides the flow comes in from (along the entry lane above): a loop
    // back out of one of them would cross its own entry.
    let entries: Vec<usize> =
        edges.iter().filter(|e| e.to == step && e.from != step).map(|e| flow.source_lane(e)).collect();
    let (from_left, from_right) = (entries.iter().any(|&b| b < a), entries.iter().any(|&b| b > a));
    let entered_from = |side: Side| match side {
        Side::Left => from_left,
        Side::Right => from_right,
    };
    let cost = |i: usize, slot: Slot| -> u32 {
        let edge = &edges[i];
        let next = edge.to == step + 1;
        let mut cost = 0;
        if let Slot::Side(side) | Slot::Below(_, side) = slot
            && edge.to < step
            && entered_from(side)
            && !entered_from(opposite(side))
        {
            cost += 8;
        }
        if let Some(label) = flow.label(edge)
            && sizes.narrowest_label(label) > room(slot)
        {
            // Where labels may be set smaller (the last try), a slot that
            // holds it a word a line at that size still does.
            let scale = sizes.smallest_label / LABEL_SIZE;
            let widest_word = label.split(' ').map(|word| sizes.label_width(word)).fold(0.0, f64::max) * scale;
            cost += if scale < 1.0 && widest_word <= room(slot) { 20 } else { 100 };
        }
        match slot {
            Slot::Bottom => {}
            Slot::Side(side) | Slot::Below(_, side) => {
                cost += if next { 5 } else { 0 };
                cost += if side == toward(i) { 0 } else { 3 };
                cost += match slot {
                    Slot::Below(2 | -2, _) => 5,
                    Slot::Below(..) => 4,
                    _ => 0,
                };
            }
        }
        cost
    };
    let allowed = |i: usize, slot: Slot, used: &[Slot]| {
        let bottom_used = used.contains(&Slot::Bottom) || used.iter().any(|s| matches!(s, Slot::Below(0, _)));
        match slot {
            Slot::Bottom => edges[i].to == step + 1 && !bottom_used && !splits(i),
            Slot::Below(0, _) => !bottom_used,
            Slot::Below(o, _) => !used.iter().any(|s| matches!(s, Slot::Below(u, _) if *u == o)),
            Slot::Side(_) => !used.contains(&slot),
        }
    };
    // Every assignment, as a number in base `slots.len()` (at most 8^4)
    // whose first digit is the first exit's slot; the first cheapest wins.
    let mut best: Option<(u32, Vec<Slot>)> = None;
    let n = outgoing.len() as u32;
    for code in 0..slots.len().pow(n) {
        let mut used: Vec<Slot> = Vec::with_capacity(outgoing.len());
        let mut total = 0;
        for (k, &i) in outgoing.iter().enumerate() {
            let slot = slots[code / slots.len().pow(n - 1 - k as u32) % slots.len()];
            if !allowed(i, slot, &used) {
                break;
            }
            total += cost(i, slot);
            used.push(slot);
        }
        if used.len() == outgoing.len() && best.as_ref().is_none_or(|(b, _)| total < *b) {
            best = Some((total, used));
        }
    }
    let (_, chosen) = best.expect("every exit has a slot: at most four exits, eight slots");
    outgoing.into_iter().zip(chosen).map(|(edge, slot)| ExitSlot { edge, slot }).collect()
}

fn opposite(side: Side) -> Side {
    match side {
        Side::Left => Side::Right,
        Side::Right => Side::Left,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::flowchart::test_flows::sizes;
    use crate::model::flow::{Edge, FlowStep, Symbol};

    /// A decision in the middle of three lanes, after a step in the first,
    /// with an exit to each of `targets` (step, lane), labelled A, B, ...
    fn decision(targets: &[(usize, usize)]) -> Flow {
        let labels: Vec<Option<String>> =
            (0..targets.len()).map(|k| Some(char::from(b'A' + k as u8).to_string())).collect();
        let mut steps =
            vec![FlowStep::new(0, Symbol::Kotak), FlowStep { exits: labels, ..FlowStep::new(1, Symbol::Ketupat) }];
        let last = targets.iter().map(|&(step, _)| step).max().unwrap_or(1);
        steps.extend((2..=last).map(|step| {
            let lane = targets.iter().find(|&&(s, _)| s == step).map_or(1, |&(_, lane)| lane);
            FlowStep::new(lane, Symbol::Kotak)
        }));
        let mut edges = vec![Edge::between(0, 1, None)];
        edges.extend(targets.iter().enumerate().map(|(k, &(to, _))| Edge::between(1, to, Some(k))));
        Flow { lanes: 3, steps, edges }
    }

    #[test]
    fn a_decision_goes_down_to_its_next_step_and_sideways_towards_a_jump() {
        // A (edge 1) to the next step; B (edge 2) back to the first step, in
        // the lane on the left. The flow comes into the decision from the
        // left: the loop back leaves by the right, clear of its own entry.
        let flow = decision(&[(2, 1), (0, 0)]);
        let exits = plan_exits(&flow, &sizes());
        assert_eq!((exits.sides[1], exits.below[1]), (None, None));
        assert_eq!((exits.sides[2], exits.below[2]), (Some(Side::Right), None));
    }

    #[test]
    fn exits_past_the_bottom_and_both_sides_leave_from_below() {
        // Down to the next step, right, left, and a fourth to the right.
        let flow = decision(&[(2, 1), (3, 2), (4, 0), (5, 2)]);
        let exits = plan_exits(&flow, &sizes());
        assert_eq!(exits.sides[1..].to_vec(), [None, Some(Side::Right), Some(Side::Left), Some(Side::Right)]);
        assert_eq!(exits.below[1..].to_vec(), [None, None, None, Some(BelowExit { offset: 1, level: 0 })]);
    }

    #[test]
    fn a_fork_beyond_four_arrows_splits_from_the_stem_nearest_each_target() {
        // A box in the middle lane forking to six steps in lanes 1, 2, 0, 2,
        // 0, 1 (edges 0 to 5): the fifth (lane 0) splits from the third's
        // stem, the sixth (lane 1) from the first's.
        let lanes = [1, 1, 2, 0, 2, 0, 1];
        let steps = lanes.iter().map(|&lane| FlowStep::new(lane, Symbol::Kotak)).collect();
        let edges: Vec<Edge> = (1..=6).map(|to| Edge::between(0, to, None)).collect();
        let flow = Flow { lanes: 3, steps, edges };
        let leads: Vec<Option<usize>> = (0..6).map(|e| split_lead(&flow, e)).collect();
        assert_eq!(leads, [None, None, None, None, Some(2), Some(0)]);
        let exits = plan_exits(&flow, &sizes());
        assert_eq!((exits.sides[4], exits.below[4]), (exits.sides[2], exits.below[2]));
        assert_eq!((exits.sides[5], exits.below[5]), (exits.sides[0], exits.below[0]));
    }
}
