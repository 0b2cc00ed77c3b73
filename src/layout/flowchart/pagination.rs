//! Where the table breaks into pages: as many rows on a page as fit with
//! the connector strips its breaks need.

use std::ops::Range;

use super::LayoutError;
use super::sizes::Sizes;
use crate::model::flow::Flow;

/// How many arrows cross into or out of a page by its top strip and by its
/// bottom strip, a connector each.
#[derive(Debug, PartialEq)]
pub(super) struct StripCounts {
    pub top: usize,
    pub bottom: usize,
}

/// The connectors in the top and bottom strips of a page holding `steps`.
pub(super) fn strip_counts(flow: &Flow, steps: Range<usize>) -> StripCounts {
    let inside = |s: usize| steps.contains(&s);
    let mut top = 0;
    let mut bottom = 0;
    for edge in &flow.edges {
        let (a, b) = (edge.from, edge.to);
        match (inside(a), inside(b)) {
            (true, true) | (false, false) => {}
            // One end here, the other before this page: top strip.
            (true, false) if b < steps.start => top += 1,
            (false, true) if a < steps.start => top += 1,
            _ => bottom += 1,
        }
    }
    StripCounts { top, bottom }
}

pub(super) fn strip_height(connectors: usize, sizes: &Sizes) -> f64 {
    if connectors == 0 { 0.0 } else { 10.0 + sizes.connector + connectors as f64 * sizes.strip_lane_gap }
}

/// Page breaks between rows: as many rows as fit, counting the connector
/// strips each break needs; but a break a row or two earlier where that
/// keeps a short loop or jump (a "Belum Lengkap" back to the step before)
/// on one page, as a careful hand draws it, unless that costs a page. Each
/// page is the steps it holds. The first page has `first_page` (less than
/// `available` when the table starts under the identity part); where not
/// even the first row fits there, the table starts on a page of its own.
pub(super) fn paginate(
    flow: &Flow,
    heights: &[f64],
    sizes: &Sizes,
    available: f64,
    first_page: f64,
) -> Result<Vec<Range<usize>>, LayoutError> {
    let greedy = paginate_pulling_back(flow, heights, sizes, available, first_page, 0)?;
    let kept = paginate_pulling_back(flow, heights, sizes, available, first_page, PULL_BACK)?;
    Ok(if kept.len() <= greedy.len() { kept } else { greedy })
}

/// How many rows a break may move up to keep a short loop on one page
/// (over the 200 generated flows: 6 % fewer arrows across pages, no more
/// pages).
const PULL_BACK: usize = 3;
/// The longest loop or jump (in steps) a break tries to keep whole.
const SHORT: usize = 6;

/// The short loops and jumps a break before row `at` would cut: arrows
/// between two rows at most `SHORT` apart, one on each side (not an arrow
/// on to the next step: every break cuts one).
fn cut(flow: &Flow, at: usize) -> usize {
    flow.edges
        .iter()
        .filter(|e| {
            let (low, high) = (e.from.min(e.to), e.from.max(e.to));
            low < at && at <= high && high - low <= SHORT && e.to != e.from + 1
        })
        .count()
}

/// Greedy page breaks, each moved up by as many as `pull` rows where that
/// cuts fewer short loops.
fn paginate_pulling_back(
    flow: &Flow,
    heights: &[f64],
    sizes: &Sizes,
    available: f64,
    first_page: f64,
    pull: usize,
) -> Result<Vec<Range<usize>>, LayoutError> {
    let mut pages = Vec::new();
    let mut first = 0;
    let n = heights.len();
    while first < n {
        let mut end = first + 1;
        let fits_in = |end: usize, room: f64| {
            let strips = strip_counts(flow, first..end);
            let rows: f64 = heights[first..end].iter().sum();
            let bottom = if end == n { 0.0 } else { strip_height(strips.bottom, sizes) };
            rows + strip_height(strips.top, sizes) + bottom <= room
        };
        let room = if first == 0 && fits_in(end, first_page) { first_page } else { available };
        let fits = |end: usize| fits_in(end, room);
        if !fits(end) {
            // Even alone with its strips the row does not fit.
            return Err(LayoutError::RowTooTall { step: first, height: heights[first], available });
        }
        while end < n && fits(end + 1) {
            end += 1;
        }
        if end < n {
            // The latest of the breaks that cut the fewest short loops.
            let earliest = end.saturating_sub(pull).max(first + 1);
            end = (earliest..=end).rev().min_by_key(|&at| cut(flow, at)).unwrap_or(end);
        }
        pages.push(first..end);
        first = end;
    }
    Ok(pages)
}

/// The page (0-based) each of `steps` is on.
pub(super) fn page_of_steps(pages: &[Range<usize>], steps: usize) -> Vec<usize> {
    let mut page_of = vec![0; steps];
    for (p, rows) in pages.iter().enumerate() {
        page_of[rows.clone()].iter_mut().for_each(|x| *x = p);
    }
    page_of
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::flowchart::layout;
    use crate::layout::flowchart::test_flows::{flow, sizes, violations};

    #[test]
    fn a_straight_procedure_fits_one_page() {
        let f = flow(3, &[(0, None, None), (1, None, None), (2, None, None), (0, None, None)]);
        let layout = layout(&f, &[20.0; 4], &sizes(), 500.0).unwrap();
        assert_eq!(layout.pages.len(), 1);
        assert!(layout.unplaced_labels.is_empty());
        assert_eq!(layout.pages[0].arrows.len(), 3);
        assert_eq!(violations(&layout), None);
    }

    #[test]
    fn a_page_break_leaves_room_for_the_connector_strips() {
        let f = flow(1, &[(0, None, None); 3]);
        // A strip with one connector.
        let strip = strip_height(1, &sizes());
        assert_eq!(strip_counts(&f, 1..2), StripCounts { top: 1, bottom: 1 });
        // Where each page ends, for a page body of `available`.
        let ends = |available: f64| -> Vec<usize> {
            paginate(&f, &[100.0; 3], &sizes(), available, available).unwrap().iter().map(|page| page.end).collect()
        };
        assert_eq!(ends(300.0), [3]);
        assert_eq!(ends(200.0 + strip), [2, 3]);
        assert_eq!(ends(200.0 + strip - 0.1), [1, 2, 3]);
        assert_eq!(page_of_steps(&[0..1, 1..3], 3), [0, 1, 1]);
        // Under the identity part: fewer rows on the first page, or none
        // (the table then starts on a page of its own).
        let under = |first_page: f64| -> Vec<usize> {
            paginate(&f, &[100.0; 3], &sizes(), 300.0, first_page).unwrap().iter().map(|page| page.end).collect()
        };
        assert_eq!(under(100.0 + strip), [1, 3]);
        assert_eq!(under(100.0 + strip - 0.1), [3]);
    }

    #[test]
    fn a_break_moves_up_to_keep_a_short_loop_on_one_page_unless_that_costs_a_page() {
        // Six steps; the fifth decides, its Tidak back to the fourth.
        let f = flow(
            2,
            &[
                (0, None, None),
                (0, None, None),
                (1, None, None),
                (0, None, None),
                (1, Some((5, 3)), None),
                (0, None, None),
            ],
        );
        let ends = |available: f64| -> Vec<usize> {
            paginate(&f, &[100.0; 6], &sizes(), available, available).unwrap().iter().map(|page| page.end).collect()
        };
        let strips = 2.0 * strip_height(2, &sizes());
        // Greedy, the first break falls between the fourth and the fifth
        // step, cutting the loop; moved up before the fourth, it keeps it
        // whole in two pages all the same.
        assert_eq!(ends(400.0 + strips), [3, 6]);
        assert_eq!(
            paginate_pulling_back(&f, &[100.0; 6], &sizes(), 400.0 + strips, 400.0 + strips, 0).unwrap()[0].end,
            4
        );
        // Never more pages than the greedy breaks.
        for rows in 1..=5 {
            let available = rows as f64 * 100.0 + strips;
            let greedy = paginate_pulling_back(&f, &[100.0; 6], &sizes(), available, available, 0).unwrap();
            assert!(ends(available).len() <= greedy.len(), "{rows} rows a page");
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_an_error() {
        let f = flow(1, &[(0, None, None), (0, None, None)]);
        assert!(matches!(layout(&f, &[20.0, 900.0], &sizes(), 500.0), Err(LayoutError::RowTooTall { step: 1, .. })));
    }
}
