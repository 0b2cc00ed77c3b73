//! The vertical track of every arrow that leaves by a side or from below,
//! chosen after pagination: a track is reserved only where its arrow is
//! drawn, no two runs overlap on one, and arrows into one step on one page
//! may share theirs.

use super::Side;
use super::exits::{BelowExit, Exits};
use super::sizes::{LABEL_MARGIN, Sizes};
use crate::model::flow::Flow;

/// How an edge leaves its source and reaches its target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Route {
    /// To the next step: out of the bottom, into the top.
    Direct,
    /// Out of a side, along a vertical track at `x`, into the top.
    Channel { side: Side, x: f64 },
    /// Out of the bottom (`offset` 0) or a lower edge (-2, -1 on the left,
    /// 1, 2 on the right; see `SymbolBox::under`), down to a lane `drop`
    /// below the symbol, across to a vertical track at `x`, into the top:
    /// the third and fourth exits of a decision or a fork.
    Below { offset: i8, drop: f64, x: f64 },
}

/// Chooses a vertical track for every edge that leaves by a side or from
/// below; `Err(step)` when the columns beside `step` have none free for one
/// of its arrows (`strict`: none past its label). Arrows into the same step
/// on one page may share a track: they merge on it. `spread` is each
/// step's distance between the lanes its exits from below run along.
pub(super) fn assign_tracks(
    flow: &Flow,
    sizes: &Sizes,
    exits: &Exits,
    spread: &[f64],
    page_of: &[usize],
    strict: bool,
) -> Result<Vec<Route>, usize> {
    let mut tracks = Tracks::new(flow, sizes, exits, page_of);
    let mut routes = vec![Route::Direct; flow.edges.len()];
    for edge in tracks.placing_order() {
        let from = flow.edges[edge].from;
        let side = exits.sides[edge].unwrap_or(Side::Right);
        let runs = tracks.drawn_runs(edge);
        let x = tracks.free_track(edge, side, &runs, strict).ok_or(from)?;
        tracks.taken.push(Track { x, runs, edge });
        routes[edge] = match exits.below[edge] {
            Some(BelowExit { offset, level }) => Route::Below { offset, drop: spread[from] * (level + 1) as f64, x },
            None => Route::Channel { side, x },
        };
    }
    Ok(routes)
}

/// A stretch of the table in row units: step `k`'s row runs from `k` to
/// `k + 1`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct RowSpan {
    top: f64,
    bottom: f64,
}

impl RowSpan {
    /// Whether two runs on one track come within half a row of each other:
    /// end to end closer than that they read as one line.
    fn meets(self, other: RowSpan) -> bool {
        self.top <= other.bottom + 0.5 && other.top <= self.bottom + 0.5
    }
}

/// A vertical track taken by an edge's runs.
struct Track {
    x: f64,
    runs: Vec<RowSpan>,
    edge: usize,
}

/// Where a labelled side exit's label goes: beside its vertex, in its row,
/// from `left` to `right`.
struct LabelZone {
    edge: usize,
    left: f64,
    right: f64,
}

/// The tracks taken so far, and what choosing another one needs to know.
struct Tracks<'a> {
    flow: &'a Flow,
    sizes: &'a Sizes,
    exits: &'a Exits,
    page_of: &'a [usize],
    /// From a column border to the nearest symbol, less 2 pt: where tracks
    /// run.
    half_free: f64,
    /// Between neighbouring tracks: spread over the free margin beside the
    /// column border, but never closer together than `track_gap`.
    gap: f64,
    /// Other arrows' tracks keep out of these when they can.
    label_zones: Vec<LabelZone>,
    taken: Vec<Track>,
}

impl<'a> Tracks<'a> {
    fn new(flow: &'a Flow, sizes: &'a Sizes, exits: &'a Exits, page_of: &'a [usize]) -> Self {
        let half_free = (sizes.lane_width - sizes.symbol_width) / 2.0 - 2.0;
        let gap = (half_free / 2.0).clamp(sizes.track_gap, sizes.track_spread.max(sizes.track_gap));
        let label_zones = label_zones(flow, sizes, exits);
        Self { flow, sizes, exits, page_of, half_free, gap, label_zones, taken: Vec::new() }
    }

    /// The edges that need a track, in the order they choose one: exits
    /// whose label reaches into the next column first (only a track past
    /// the label will do for them), then longer runs first take the tracks
    /// nearest the border.
    fn placing_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.flow.edges.len()).filter(|&i| self.exits.sides[i].is_some()).collect();
        order.sort_by(|&a, &b| {
            let (ea, eb) = (self.extent(a), self.extent(b));
            self.label_reaches_next_column(b)
                .cmp(&self.label_reaches_next_column(a))
                .then((eb.bottom - eb.top).total_cmp(&(ea.bottom - ea.top)))
                .then(a.cmp(&b))
        });
        order
    }

    fn label_reaches_next_column(&self, edge: usize) -> bool {
        let (flow, sizes) = (self.flow, self.sizes);
        flow.label(&flow.edges[edge]).is_some_and(|l| {
            let e = &flow.edges[edge];
            let half = sizes.cell_width(&flow.steps[e.from], flow.source_lane(e)) / 2.0;
            half + sizes.narrowest_label(l) + LABEL_MARGIN > sizes.lane_width / 2.0 - 1.0
        })
    }

    /// The vertical extent of an edge's channel run, from its exit to its
    /// target's entry lane.
    fn extent(&self, edge: usize) -> RowSpan {
        let e = &self.flow.edges[edge];
        let exit = e.from as f64 + if self.exits.below[edge].is_some() { 0.8 } else { 0.5 };
        let entry = e.to as f64 + 0.2;
        RowSpan { top: exit.min(entry), bottom: exit.max(entry) }
    }

    /// Where an edge's run is drawn: from its source to its target, or
    /// (across a page break) on each page from its step to the page's edge.
    fn drawn_runs(&self, edge: usize) -> Vec<RowSpan> {
        let e = &self.flow.edges[edge];
        let (from_page, to_page) = (self.page_of[e.from], self.page_of[e.to]);
        let extent = self.extent(edge);
        if from_page == to_page {
            vec![extent]
        } else {
            let (top_page, bottom_page) = (from_page.min(to_page), from_page.max(to_page));
            vec![
                RowSpan { top: extent.top, bottom: self.end_row(top_page) - 0.01 },
                RowSpan { top: self.first_row(bottom_page) + 0.01, bottom: extent.bottom },
            ]
        }
    }

    /// Where a page's first row begins, in row units.
    fn first_row(&self, page: usize) -> f64 {
        self.page_of.iter().position(|&p| p == page).unwrap_or(0) as f64
    }

    /// Where a page's last row ends, in row units.
    fn end_row(&self, page: usize) -> f64 {
        self.page_of.iter().rposition(|&p| p == page).map_or(0.0, |r| r as f64 + 1.0)
    }

    /// A free track for an edge leaving by `side`, its runs drawn at `runs`:
    /// past its label and clear of other labels; else beside its label
    /// (unless `strict` and it has one); else the same, over other labels.
    fn free_track(&self, edge: usize, side: Side, runs: &[RowSpan], strict: bool) -> Option<f64> {
        let e = &self.flow.edges[edge];
        let symbol_half = self.sizes.cell_width(&self.flow.steps[e.from], self.flow.source_lane(e)) / 2.0;
        let boundaries = self.boundaries_by_preference(edge, side);
        let roomy = self.tracks_beyond(edge, side, &boundaries, self.label_clearance(edge, symbol_half));
        let candidates = self.tracks_beyond(edge, side, &boundaries, symbol_half);
        let lenient = !(strict && self.flow.label(e).is_some());
        roomy
            .iter()
            .copied()
            .find(|&x| self.is_clear(edge, x, runs))
            .or_else(|| candidates.iter().copied().find(|&x| self.is_clear(edge, x, runs) && lenient))
            .or_else(|| roomy.iter().copied().find(|&x| self.is_free(edge, x, runs)))
            .or_else(|| candidates.iter().copied().find(|&x| self.is_free(edge, x, runs) && lenient))
    }

    /// The column borders on the exit side of an edge's source, the one
    /// towards its target first, then the others by their distance from it.
    fn boundaries_by_preference(&self, edge: usize, side: Side) -> Vec<usize> {
        let e = &self.flow.edges[edge];
        let (a, b) = (self.flow.source_lane(e), self.flow.target_lane(e));
        let preferred = match side {
            Side::Right if b > a => b,
            Side::Right => a + 1,
            Side::Left if b < a => b + 1,
            Side::Left => a,
        };
        let mut boundaries: Vec<usize> = match side {
            Side::Right => (a + 1..=self.flow.lanes).collect(),
            Side::Left => (0..=a).rev().collect(),
        };
        boundaries.sort_by_key(|&k| k.abs_diff(preferred));
        boundaries
    }

    /// The tracks beside `boundaries` further than `clearance` from the
    /// middle of the source's column, on the exit side.
    fn tracks_beyond(&self, edge: usize, side: Side, boundaries: &[usize], clearance: f64) -> Vec<f64> {
        let sizes = self.sizes;
        let centre = sizes.lane_centre(self.flow.source_lane(&self.flow.edges[edge]));
        boundaries
            .iter()
            .flat_map(|&k| self.track_offsets(k).into_iter().map(move |d| k as f64 * sizes.lane_width + d))
            .filter(|&x| match side {
                Side::Right => x > centre + clearance,
                Side::Left => x < centre - clearance,
            })
            .collect()
    }

    /// The tracks beside a column border, from it: nearest first, left
    /// (negative) before right, none outside the table.
    fn track_offsets(&self, boundary: usize) -> Vec<f64> {
        let mut offsets = Vec::new();
        let mut k = 1.0;
        while k * self.gap <= self.half_free.max(self.gap) {
            let d = k * self.gap;
            if boundary > 0 {
                offsets.push(-d);
            }
            if boundary < self.flow.lanes {
                offsets.push(d);
            }
            k += 1.0;
        }
        offsets
    }

    /// How far from the middle of its column an edge's track must be to
    /// leave its label room before the turn: beside the vertex when it fits
    /// before the column line, else after that line.
    fn label_clearance(&self, edge: usize, symbol_half: f64) -> f64 {
        let sizes = self.sizes;
        self.flow.label(&self.flow.edges[edge]).map_or(symbol_half, |l| {
            let width = sizes.narrowest_label(l) + LABEL_MARGIN;
            let border = sizes.lane_width / 2.0;
            if symbol_half + width <= border - 1.0 { symbol_half + width } else { border + 1.5 + width }
        })
    }

    /// Whether a track at `x` is free for runs at `runs` and keeps out of
    /// other exits' labels.
    fn is_clear(&self, edge: usize, x: f64, runs: &[RowSpan]) -> bool {
        self.is_free(edge, x, runs) && !self.crosses_a_label(edge, x)
    }

    /// Whether no arrow already runs at `x` within half a row of `runs`,
    /// but one that merges with the edge's.
    fn is_free(&self, edge: usize, x: f64, runs: &[RowSpan]) -> bool {
        !self.taken.iter().any(|t| {
            (t.x - x).abs() < 0.5
                && !self.merges(t.edge, edge)
                && t.runs.iter().any(|&r| runs.iter().any(|&s| r.meets(s)))
        })
    }

    /// Arrows into one step merge on a shared track when they come from
    /// the same side of it: from opposite sides they would meet head on, a
    /// line through the entry a reader takes for one arrow.
    fn merges(&self, other: usize, edge: usize) -> bool {
        let edges = &self.flow.edges;
        let downward = |e: usize| edges[e].from < edges[e].to;
        edges[other].to == edges[edge].to
            && downward(other) == downward(edge)
            && self.on_one_page(other)
            && self.on_one_page(edge)
    }

    fn on_one_page(&self, edge: usize) -> bool {
        let e = &self.flow.edges[edge];
        self.page_of[e.from] == self.page_of[e.to]
    }

    /// Whether a track at `x` runs through another exit's label zone within
    /// the edge's extent.
    fn crosses_a_label(&self, edge: usize, x: f64) -> bool {
        let span = self.extent(edge);
        self.label_zones.iter().any(|zone| {
            let row = self.flow.edges[zone.edge].from as f64 + 0.5;
            zone.edge != edge
                && (zone.left - 1.0..=zone.right + 1.0).contains(&x)
                && span.top <= row
                && row <= span.bottom
        })
    }
}

/// The label zones of the labelled side exits (not those from below).
fn label_zones(flow: &Flow, sizes: &Sizes, exits: &Exits) -> Vec<LabelZone> {
    (0..flow.edges.len())
        .filter_map(|i| {
            let edge = &flow.edges[i];
            let (side, label) = (exits.sides[i]?, flow.label(edge)?);
            if exits.below[i].is_some() {
                return None;
            }
            let source = &flow.steps[edge.from];
            let lane = flow.source_lane(edge);
            let vertex = sizes.cell_width(source, lane) / 2.0;
            let room = sizes.label_width(label) + LABEL_MARGIN;
            let centre = sizes.lane_centre(lane);
            Some(match side {
                Side::Right => LabelZone { edge: i, left: centre + vertex, right: centre + vertex + room },
                Side::Left => LabelZone { edge: i, left: centre - vertex - room, right: centre - vertex },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::flowchart::exits::plan_exits;
    use crate::layout::flowchart::test_flows::{flow, sizes, violations};
    use crate::layout::flowchart::{LayoutError, layout};
    use crate::layout::page::MM;
    use proptest::prelude::*;

    /// The tracks of a flow's arrows laid out on one page.
    fn routes(f: &Flow) -> Vec<Route> {
        let sizes = sizes();
        let exits = plan_exits(f, &sizes);
        assign_tracks(f, &sizes, &exits, &vec![5.0; f.steps.len()], &vec![0; f.steps.len()], true).unwrap()
    }

    fn track(route: Route) -> Option<f64> {
        match route {
            Route::Direct => None,
            Route::Channel { x, .. } | Route::Below { x, .. } => Some(x),
        }
    }

    #[test]
    fn a_loop_back_uses_a_side_channel() {
        let f = flow(3, &[(0, None, None), (1, None, None), (2, Some((3, 1)), None), (0, None, None)]);
        let layout = layout(&f, &[20.0; 4], &sizes(), 500.0).unwrap();
        let back = layout.pages[0].arrows.iter().find(|a| a.from == 2 && a.to == 1).unwrap();
        assert!(back.points.len() >= 4, "{:?}", back.points);
        assert_eq!(back.label.as_ref().map(|l| l.text.as_str()), Some("Tidak"));
        assert_eq!(violations(&layout), None);
    }

    #[test]
    fn runs_beside_each_other_take_tracks_apart_and_runs_into_one_step_share_one() {
        // Two jumps back whose runs overlap (rows 1 to 3): two tracks.
        let f = flow(2, &[(0, None, None), (0, None, None), (0, None, Some(0)), (0, None, Some(1)), (0, None, None)]);
        let routes_back = routes(&f);
        let (a, b) = (track(routes_back[2]).unwrap(), track(routes_back[3]).unwrap());
        assert!((a - b).abs() >= sizes().track_gap, "{a} and {b}");
        // Two jumps down into one step, from the same side: one track.
        let f = flow(2, &[(0, None, None), (0, None, Some(4)), (0, None, Some(4)), (0, None, None), (0, None, None)]);
        let routes_down = routes(&f);
        assert_eq!((f.edges[1].to, f.edges[2].to), (4, 4));
        assert_eq!(track(routes_down[1]).unwrap(), track(routes_down[2]).unwrap());
    }

    /// How many arrows run past a step (from a step before it to one after,
    /// either way): each needs a track of its own beside it.
    fn arrows_beside(f: &Flow, step: usize) -> usize {
        f.edges.iter().filter(|e| e.from.min(e.to) < step && step < e.from.max(e.to)).count()
    }

    /// A flow proptest found (CI, 2026-12-06): two columns, thirty steps,
    /// ten decisions jumping back to step 1 over up to eleven arrows beside
    /// one step. There is no room for separate tracks: the chart is refused
    /// at that step (the error `check` shows), never drawn with shared lines.
    #[test]
    fn a_chart_crowded_beyond_its_columns_is_refused_at_the_crowded_step() {
        let decisions = [
            (0, (17, 2)),
            (1, (17, 3)),
            (8, (17, 10)),
            (11, (16, 0)),
            (12, (1, 0)),
            (13, (17, 0)),
            (14, (17, 0)),
            (18, (5, 0)),
            (20, (6, 0)),
            (21, (10, 0)),
            (22, (13, 0)),
            (25, (13, 0)),
            (27, (15, 0)),
        ];
        let lane = |i: usize| usize::from(i == 17 || i == 26);
        let steps: Vec<_> =
            (0..30).map(|i| (lane(i), decisions.iter().find(|d| d.0 == i).map(|d| d.1), None)).collect();
        let f = flow(2, &steps);
        let mut heights = vec![20.0; 30];
        for (i, h) in
            [(4, 75.79281009347635), (5, 98.18788937803342), (26, 51.161197685549745), (28, 62.73712800038441)]
        {
            heights[i] = h;
        }
        let sizes = Sizes::for_lane_width(32.0 * MM);
        match layout(&f, &heights, &sizes, 420.0) {
            Err(LayoutError::TooCrowded { step }) => {
                let beside = arrows_beside(&f, step);
                assert!(beside > f.lanes + 3, "step {step}: {beside}");
            }
            other => panic!("refused as too crowded, not {:?}", other.map(|_| ())),
        }
    }

    /// Any flow of 2 to 6 columns and 2 to 40 steps, with its measured rows.
    fn arbitrary_flow() -> impl Strategy<Value = (Flow, Vec<f64>)> {
        (2usize..=6, 2usize..=40)
            .prop_flat_map(|(lanes, n)| {
                let step = (0..lanes, any::<bool>(), 0..n, 0..n, proptest::option::weighted(0.15, 0..n));
                (Just(lanes), proptest::collection::vec(step, n), proptest::collection::vec(20.0f64..120.0, n))
            })
            .prop_map(|(lanes, raw, heights)| {
                let n = raw.len();
                let steps: Vec<_> = raw
                    .iter()
                    .enumerate()
                    .map(|(i, &(lane, decide, a, b, jump))| {
                        let decision =
                            (decide && i + 1 < n && a != b && a != i && b != i).then_some((a.max(b), a.min(b)));
                        let jump = jump.filter(|&j| j != i && j > i);
                        (lane, decision, jump)
                    })
                    .collect();
                (flow(lanes, &steps), heights)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn routing_rules_hold_for_any_flow((f, heights) in arbitrary_flow()) {
            let sizes = Sizes::for_lane_width(32.0 * MM);
            // No arrows drawn over each other: room is made, never shared.
            // A chart is refused as too crowded (an error `check` shows)
            // only where many arrows run beside one step: more than its
            // columns and their outer sides can hold at the widest gaps.
            let layout = match layout(&f, &heights, &sizes, 420.0) {
                Err(LayoutError::TooCrowded { step }) => {
                    let beside = arrows_beside(&f, step);
                    prop_assert!(beside > f.lanes + 3, "too crowded at step {} with {} arrows beside it", step, beside);
                    return Ok(());
                }
                other => other.unwrap(),
            };
            prop_assert_eq!(violations(&layout), None);
            let steps: usize = layout.pages.iter().map(|p| p.rows.len()).sum();
            prop_assert_eq!(steps, f.steps.len());
            for page in &layout.pages {
                prop_assert!(page.body_height() <= 420.0 + 0.01);
            }
        }
    }
}
