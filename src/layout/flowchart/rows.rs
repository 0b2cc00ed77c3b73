//! How tall each row of the table is: its measured text, raised to hold its
//! symbols and what it keeps above and below them.

use super::exits::Exits;
use super::sizes::{LABEL_ABOVE, LABEL_BELOW, Sizes};
use crate::model::flow::Flow;

/// The room a row keeps above and below the middle band its symbols stand
/// in: for a Mulai terminator stacked above, a Selesai terminator stacked
/// below, or the lanes a third and fourth exit run along (and their labels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct RowReserve {
    pub top: f64,
    pub bottom: f64,
}

/// Every step's `RowReserve`; `spread` is each step's distance between the
/// lanes its exits from below run along.
pub(super) fn row_reserves(flow: &Flow, exits: &Exits, spread: &[f64], sizes: &Sizes) -> Vec<RowReserve> {
    (0..flow.steps.len()).map(|s| row_reserve(flow, exits, s, spread[s], sizes)).collect()
}

fn row_reserve(flow: &Flow, exits: &Exits, step: usize, spread: f64, sizes: &Sizes) -> RowReserve {
    let s = &flow.steps[step];
    // A label of an arrow along the row stands over the symbol it leads
    // to when the stretch between them is short: room above the symbols.
    let labelled_link = s.links.iter().any(|link| flow.link_label(step, link).is_some());
    let top = if s.start_stacked().is_some() {
        sizes.terminator_room()
    } else if labelled_link {
        LABEL_ABOVE + LABEL_BELOW + 2.0
    } else {
        0.0
    };
    let below: Vec<usize> =
        (0..flow.edges.len()).filter(|&e| flow.edges[e].from == step && exits.below[e].is_some()).collect();
    let bottom = if s.end_stacked().is_some() {
        sizes.terminator_room()
    } else if below.is_empty() {
        0.0
    } else {
        let labelled = below.iter().any(|&e| flow.label(&flow.edges[e]).is_some());
        spread * below.len() as f64 + if labelled { LABEL_ABOVE + LABEL_BELOW + 2.0 } else { 1.0 }
    };
    RowReserve { top, bottom }
}

/// Each row's height: its `measured` text height, or the least that holds
/// its symbols and reserves when that is more; and `extra` room on top.
pub(super) fn row_heights(
    flow: &Flow,
    measured: &[f64],
    reserves: &[RowReserve],
    extra: &[f64],
    sizes: &Sizes,
) -> Vec<f64> {
    measured
        .iter()
        .zip(&flow.steps)
        .zip(reserves.iter().zip(extra))
        .map(|((h, step), (reserve, more))| h.max(sizes.min_row_height(step) + reserve.top + reserve.bottom) + more)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::flowchart::exits::plan_exits;
    use crate::layout::flowchart::test_flows::{sizes, terminators_beside};

    #[test]
    fn a_row_grows_to_hold_a_terminator_stacked_in_its_column() {
        // A Mulai stacked above the first step in its column; a Selesai
        // beside the second, in the row's middle band.
        let flow = terminators_beside();
        let sizes = sizes();
        let spread = [5.0; 2];
        let reserves = row_reserves(&flow, &plan_exits(&flow, &sizes), &spread, &sizes);
        assert_eq!(
            reserves,
            [RowReserve { top: sizes.terminator_room(), bottom: 0.0 }, RowReserve { top: 0.0, bottom: 0.0 }]
        );
        let heights = row_heights(&flow, &[1.0, 200.0], &reserves, &[0.0, 3.0], &sizes);
        let plain = sizes.min_row_height(&flow.steps[0]);
        assert_eq!(heights, [plain + sizes.terminator_room(), 203.0], "raised to fit, or as measured, and the extra");
    }
}
