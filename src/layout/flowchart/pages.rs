//! Each page of the table laid out: its rows and their symbols, then the
//! arrows on it, its connector strips and the exit labels.

use std::ops::Range;

use super::arrows::{route_within, row_arrows, terminator_arrows};
use super::labels::place_labels;
use super::pagination::{strip_counts, strip_height};
use super::rows::RowReserve;
use super::sizes::{Sizes, TERMINATOR_MARGIN};
use super::strips::{connector_names, place_strips, strip_ends};
use super::tracks::Route;
use super::{Layout, PageLayout, RowBox, SymbolBox, Terminator};
use crate::model::flow::{Flow, Symbol};

/// The pages of the table, `pages` the steps each holds: rows, symbols,
/// connectors and arrows; and the steps with an exit label that found no
/// clear place.
pub(super) fn lay_out_pages(
    flow: &Flow,
    routes: &[Route],
    reserves: &[RowReserve],
    heights: Vec<f64>,
    pages: &[Range<usize>],
    page_of: &[usize],
    sizes: &Sizes,
) -> Layout {
    let names = connector_names(flow, page_of);
    let mut laid_out = Vec::new();
    let mut unplaced = Vec::new();
    for (p, steps) in pages.iter().enumerate() {
        let strips = strip_counts(flow, steps.clone());
        let top_strip = strip_height(strips.top, sizes);
        let bottom_strip = strip_height(strips.bottom, sizes);
        let rows = place_rows(flow, reserves, &heights, steps.clone(), top_strip, sizes);
        let symbols = rows.iter().flat_map(|row| row_symbols(flow, row, sizes)).collect();
        let mut page = PageLayout {
            first: steps.start,
            end: steps.end,
            top_strip,
            bottom_strip,
            rows,
            symbols,
            connectors: vec![],
            arrows: vec![],
        };
        for (e, edge) in flow.edges.iter().enumerate() {
            if page_of[edge.from] == p && page_of[edge.to] == p {
                let arrows = route_within(&page, flow, edge, routes[e]);
                page.arrows.extend(arrows);
            }
        }
        let ends = strip_ends(flow, routes, page_of, p, &names, sizes);
        place_strips(&mut page, flow, routes, ends, sizes);
        row_arrows(&mut page, flow);
        terminator_arrows(&mut page, flow);
        unplaced.extend(place_labels(&mut page, flow, sizes));
        laid_out.push(page);
    }
    Layout { pages: laid_out, row_heights: heights, unplaced_labels: unplaced }
}

/// The rows of `steps` down a page, below its top strip.
fn place_rows(
    flow: &Flow,
    reserves: &[RowReserve],
    heights: &[f64],
    steps: Range<usize>,
    top_strip: f64,
    sizes: &Sizes,
) -> Vec<RowBox> {
    let mut rows = Vec::new();
    let mut y = top_strip;
    for (step, &height) in heights.iter().enumerate().take(steps.end).skip(steps.start) {
        let RowReserve { top, bottom } = reserves[step];
        let cy = y + top + (height - top - bottom) / 2.0;
        let symbol_top = cy - sizes.step_height(&flow.steps[step]) / 2.0;
        // Arrows run into the step midway between the row's top (or a
        // Mulai terminator stacked above the symbol) and the symbol.
        let s = &flow.steps[step];
        let stacked = s.start_stacked().is_some();
        let above = if stacked { y + TERMINATOR_MARGIN + sizes.box_height } else { y };
        rows.push(RowBox { step, y, height, cy, entry_y: (above + symbol_top) / 2.0 });
        y += height;
    }
    rows
}

/// The symbols of one row: one per actor of the step, and its terminators.
fn row_symbols(flow: &Flow, row: &RowBox, sizes: &Sizes) -> Vec<SymbolBox> {
    let step = &flow.steps[row.step];
    let mut symbols: Vec<SymbolBox> = step
        .lanes
        .iter()
        .map(|&lane| SymbolBox {
            step: row.step,
            lane,
            symbol: step.symbol_in(lane),
            cx: sizes.lane_centre(lane),
            cy: row.cy,
            width: sizes.cell_width(step, lane),
            height: sizes.cell_height(step, lane),
            text: step.text_in(lane).map(str::to_owned),
            terminator: None,
        })
        .collect();
    let terminator = |kind: Terminator, lane: usize, cy: f64| SymbolBox {
        step: row.step,
        lane,
        symbol: Symbol::Kapsul,
        cx: sizes.lane_centre(lane),
        cy,
        width: sizes.terminator_width(),
        height: sizes.box_height,
        text: Some(kind.text().to_owned()),
        terminator: Some(kind),
    };
    if let Some(lane) = step.start_beside {
        let cy =
            if step.start_stacked().is_some() { row.y + TERMINATOR_MARGIN + sizes.box_height / 2.0 } else { row.cy };
        symbols.push(terminator(Terminator::Mulai, lane, cy));
    }
    if let Some(lane) = step.end_beside {
        let cy = if step.end_stacked().is_some() {
            row.y + row.height - TERMINATOR_MARGIN - sizes.box_height / 2.0
        } else {
            row.cy
        };
        symbols.push(terminator(Terminator::Selesai, lane, cy));
    }
    symbols
}

#[cfg(test)]
mod tests {
    use crate::layout::flowchart::test_flows::{sizes, terminators_beside};
    use crate::layout::flowchart::{Terminator, layout};

    #[test]
    fn a_terminator_in_its_steps_column_stands_above_the_symbol_and_arrows_run_in_between() {
        let flow = terminators_beside();
        let layout = layout(&flow, &[20.0, 20.0], &sizes(), 500.0).unwrap();
        let page = &layout.pages[0];
        let of = |step: usize, kind: Option<Terminator>| {
            page.symbols.iter().find(|s| s.step == step && s.terminator == kind).unwrap()
        };
        let (mulai, first) = (of(0, Some(Terminator::Mulai)), of(0, None));
        assert_eq!(mulai.cx, first.cx, "in the step's column");
        let (mulai_bottom, first_top) = (mulai.cy + mulai.height / 2.0, first.cy - first.height / 2.0);
        assert!(mulai_bottom < page.rows[0].entry_y && page.rows[0].entry_y < first_top);
        assert!(page.arrows.iter().any(|a| a.points == [(mulai.cx, mulai_bottom), (first.cx, first_top)]));
        // Beside the step in another column: in the row's middle.
        let (selesai, last) = (of(1, Some(Terminator::Selesai)), of(1, None));
        assert_eq!((selesai.cy, selesai.cx > last.cx), (last.cy, true));
    }
}
