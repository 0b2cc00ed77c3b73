//! Stage 4, layout: where everything of the procedure table goes. Given the
//! flow and the measured height of every row, it breaks the table into pages,
//! places each symbol in its actor's column and its step's row, routes every
//! arrow with orthogonal elbows, and closes every arrow that crosses a page
//! with a lettered pair of off-page connectors.
//!
//! Routing rules, which keep arrows readable and off the symbols:
//! - each row holds exactly one symbol, so a horizontal segment at a row's
//!   height can only meet that row's own symbol;
//! - an arrow to the next step leaves the bottom, turns at the target's
//!   entry lane (above the target symbol, inside its row) and enters its top;
//! - every other arrow (a jump, a loop back, a decision's second exit)
//!   leaves from the side at the symbol's middle, runs vertically in a
//!   channel beside the column borders (never through a symbol's column
//!   centre), then enters the target's top through the entry lane;
//! - channel tracks are assigned so that no two vertical runs overlap.
//!
//! All lengths are in points; x is measured from the left edge of the first
//! actor column, y from the top of the table body (below the header).

use serde::Serialize;

use super::page::MM;
use crate::model::flow::{Edge, Flow, Symbol};
use crate::util::numbering::letters;

/// Sizes of the drawing, in points.
#[derive(Debug, Clone)]
pub struct Sizes {
    pub lane_width: f64,
    pub symbol_width: f64,
    pub box_height: f64,
    pub decision_height: f64,
    pub connector: f64,
    /// Distance between neighbouring channel tracks.
    pub track_gap: f64,
    /// Distance between jog lanes in a connector strip.
    pub strip_lane_gap: f64,
    /// The widths of the exit labels as printed (6.5 pt italic of the
    /// sheet's face); a label not listed gets an upper bound.
    pub label_widths: Vec<(String, f64)>,
}

impl Sizes {
    pub fn for_lane_width(lane_width: f64) -> Self {
        Self {
            lane_width,
            symbol_width: (lane_width * 0.6).min(26.0 * MM),
            box_height: 6.5 * MM,
            decision_height: 9.0 * MM,
            connector: 15.0,
            track_gap: 3.6,
            strip_lane_gap: 4.5,
            label_widths: Vec::new(),
        }
    }

    /// A label's printed width: measured, else an upper bound.
    pub fn label_width(&self, text: &str) -> f64 {
        self.label_widths
            .iter()
            .find(|(t, _)| t == text)
            .map_or_else(|| 0.6 * LABEL_SIZE * text.chars().count() as f64 + 1.0, |(_, w)| *w)
    }

    fn widest_label(&self) -> f64 {
        self.label_widths.iter().map(|(_, w)| *w).fold(0.0, f64::max)
    }

    /// The narrowest lane that holds a decision with an exit label of
    /// `widest` points on each side (the narrowest diamond, and a label and
    /// its margins beside it).
    pub fn lane_for_labels(widest: f64) -> f64 {
        MIN_DECISION_WIDTH + 2.0 * (widest + LABEL_MARGIN)
    }

    /// A decision's width: as wide as other symbols, but narrower when that
    /// leaves its exit labels no room beside it (never under 24 pt).
    pub fn decision_width(&self) -> f64 {
        let labels = self.widest_label() + LABEL_MARGIN;
        (self.lane_width - 2.0 * labels).min(self.symbol_width).max(MIN_DECISION_WIDTH.min(self.symbol_width))
    }

    pub fn symbol_width(&self, symbol: Symbol) -> f64 {
        match symbol {
            Symbol::Ketupat => self.decision_width(),
            _ => self.symbol_width,
        }
    }

    pub fn symbol_height(&self, symbol: Symbol) -> f64 {
        match symbol {
            Symbol::Ketupat => self.decision_height,
            _ => self.box_height,
        }
    }

    /// The smallest row that leaves room for the entry lane above a symbol
    /// (and below a decision, for the label of its exit out of the bottom).
    pub fn min_row_height(&self, symbol: Symbol) -> f64 {
        match symbol {
            Symbol::Ketupat => self.symbol_height(symbol) + 2.0 * (2.5 * MM).max(LABEL_ABOVE + LABEL_BELOW + 2.0),
            _ => self.symbol_height(symbol) + 5.0 * MM,
        }
    }

    fn lane_centre(&self, lane: usize) -> f64 {
        (lane as f64 + 0.5) * self.lane_width
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Left,
    Right,
}

/// How an edge leaves its source and reaches its target.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Route {
    /// To the next step: out of the bottom, into the top.
    Direct,
    /// Out of a side, along a vertical track at `x`, into the top.
    Channel { side: Side, x: f64 },
}

#[derive(Debug, Clone, Serialize)]
pub struct RowBox {
    pub step: usize,
    pub y: f64,
    pub height: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SymbolBox {
    pub step: usize,
    pub lane: usize,
    pub symbol: Symbol,
    pub cx: f64,
    pub cy: f64,
    pub width: f64,
    pub height: f64,
}

impl SymbolBox {
    fn top(&self) -> (f64, f64) {
        (self.cx, self.cy - self.height / 2.0)
    }
    fn bottom(&self) -> (f64, f64) {
        (self.cx, self.cy + self.height / 2.0)
    }
    fn side(&self, side: Side) -> (f64, f64) {
        match side {
            Side::Left => (self.cx - self.width / 2.0, self.cy),
            Side::Right => (self.cx + self.width / 2.0, self.cy),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ConnectorBox {
    pub letter: String,
    pub cx: f64,
    pub cy: f64,
    pub size: f64,
    /// The step on the other side of the page break (1-based), for "ke/dari".
    pub other_page: usize,
}

/// The size of exit labels (`sk-arrow` in sopkit-lib.typ).
pub const LABEL_SIZE: f64 = 6.5;
/// Room around an exit label beside a decision: from the vertex, and to the
/// arrow's turn into its channel.
const LABEL_MARGIN: f64 = 4.0;
/// The narrowest decision diamond.
const MIN_DECISION_WIDTH: f64 = 24.0;
/// How far a label's text reaches above and below `ArrowLabel::y` (the
/// template places its top 3.5 pt above `y`; poppler boxes its glyphs about
/// 3.7 pt above and 2.4 pt below `y`).
const LABEL_ABOVE: f64 = 4.8;
const LABEL_BELOW: f64 = 2.7;
/// From one line of a label to the next (`sk-arrow` stacks its lines: the
/// cap height and 3 pt).
const LABEL_LINE: f64 = 0.729 * LABEL_SIZE + 3.0;

/// A decision label beside the first segment of an arrow.
#[derive(Debug, Clone, Serialize)]
pub struct ArrowLabel {
    pub text: String,
    pub x: f64,
    pub y: f64,
    /// Which side of (x, y) the text stands on.
    pub side: Side,
}

#[derive(Debug, Clone, Serialize)]
pub struct Arrow {
    pub from: usize,
    pub to: usize,
    pub points: Vec<(f64, f64)>,
    pub label: Option<ArrowLabel>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLayout {
    /// First and one-past-last step on the page.
    pub first: usize,
    pub end: usize,
    pub top_strip: f64,
    pub bottom_strip: f64,
    pub rows: Vec<RowBox>,
    pub symbols: Vec<SymbolBox>,
    pub connectors: Vec<ConnectorBox>,
    pub arrows: Vec<Arrow>,
}

impl PageLayout {
    pub fn body_height(&self) -> f64 {
        self.top_strip + self.rows.iter().map(|r| r.height).sum::<f64>() + self.bottom_strip
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub pages: Vec<PageLayout>,
    /// Final row heights (measured, raised to fit a symbol).
    pub row_heights: Vec<f64>,
}

impl Layout {
    /// How many times one arrow crosses another (a horizontal stretch over
    /// a vertical one, away from both their ends), over all pages.
    pub fn crossings(&self) -> usize {
        self.pages.iter().map(page_crossings).sum()
    }
}

/// What laying out one sheet took: its crossings and its time.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LayoutStats {
    pub crossings: usize,
    pub seconds: f64,
}

type Segment = ((f64, f64), (f64, f64));

fn page_crossings(page: &PageLayout) -> usize {
    let segments = |a: &Arrow| a.points.windows(2).map(|w| (w[0], w[1])).collect::<Vec<Segment>>();
    let arrows: Vec<Vec<Segment>> = page.arrows.iter().map(segments).collect();
    let inside = |v: f64, a: f64, b: f64| v > a.min(b) + 0.5 && v < a.max(b) - 0.5;
    let cross = |(a, b): Segment, (c, d): Segment| {
        let horizontal = |p: (f64, f64), q: (f64, f64)| (p.1 - q.1).abs() < 0.01;
        let vertical = |p: (f64, f64), q: (f64, f64)| (p.0 - q.0).abs() < 0.01;
        (horizontal(a, b) && vertical(c, d) && inside(c.0, a.0, b.0) && inside(a.1, c.1, d.1))
            || (vertical(a, b) && horizontal(c, d) && inside(a.0, c.0, d.0) && inside(c.1, a.1, b.1))
    };
    let mut count = 0;
    for (i, one) in arrows.iter().enumerate() {
        for other in &arrows[i + 1..] {
            count += one.iter().map(|&s| other.iter().filter(|&&o| cross(s, o)).count()).sum::<usize>();
        }
    }
    count
}

#[derive(Debug, Clone, PartialEq)]
pub enum LayoutError {
    /// A single row is taller than a page body.
    RowTooTall { step: usize, height: f64, available: f64 },
}

/// Lays out the procedure. `measured` holds each row's text height;
/// `available` the body height of one page. Returns warnings besides.
pub fn layout(
    flow: &Flow,
    measured: &[f64],
    sizes: &Sizes,
    available: f64,
) -> Result<(Layout, Vec<String>), LayoutError> {
    let mut warnings = Vec::new();
    let heights: Vec<f64> =
        measured.iter().zip(&flow.steps).map(|(h, step)| h.max(sizes.min_row_height(step.symbol))).collect();
    let routes = plan_routes(flow, sizes, &mut warnings);
    let breaks = paginate(flow, &heights, sizes, available)?;
    let page_of: Vec<usize> = {
        let mut page_of = vec![0; heights.len()];
        for (p, &(first, end)) in breaks.iter().enumerate() {
            page_of[first..end].iter_mut().for_each(|x| *x = p);
        }
        page_of
    };

    // Letters for arrows that cross pages, in reading order.
    let mut crossing: Vec<usize> =
        (0..flow.edges.len()).filter(|&e| page_of[flow.edges[e].from] != page_of[flow.edges[e].to]).collect();
    crossing.sort_by_key(|&e| {
        let edge = flow.edges[e];
        (page_of[edge.from].min(page_of[edge.to]), edge.from.min(edge.to), edge.from, edge.to)
    });
    let letter_of = |e: usize| crossing.iter().position(|&c| c == e).map(letters);

    let mut pages = Vec::new();
    for (p, &(first, end)) in breaks.iter().enumerate() {
        let (top_n, bottom_n) = strip_counts(flow, first, end);
        let top_strip = strip_height(top_n, sizes);
        let bottom_strip = strip_height(bottom_n, sizes);
        let mut rows = Vec::new();
        let mut y = top_strip;
        for (step, &height) in heights.iter().enumerate().take(end).skip(first) {
            rows.push(RowBox { step, y, height });
            y += height;
        }
        // A symbol in every lane of the step: one, or one per actor of a
        // step done together.
        let symbols: Vec<SymbolBox> = rows
            .iter()
            .flat_map(|row| {
                let step = &flow.steps[row.step];
                step.lanes.iter().map(move |&lane| SymbolBox {
                    step: row.step,
                    lane,
                    symbol: step.symbol,
                    cx: sizes.lane_centre(lane),
                    cy: row.y + row.height / 2.0,
                    width: sizes.symbol_width(step.symbol),
                    height: sizes.symbol_height(step.symbol),
                })
            })
            .collect();
        let mut page =
            PageLayout { first, end, top_strip, bottom_strip, rows, symbols, connectors: vec![], arrows: vec![] };
        let mut top_strip_ends = Vec::new();
        let mut bottom_strip_ends = Vec::new();
        for (e, edge) in flow.edges.iter().enumerate() {
            let (sp, tp) = (page_of[edge.from], page_of[edge.to]);
            if sp == p && tp == p {
                page.arrows.push(route_within(&page, flow, edge, routes[e], sizes));
            } else if sp == p || tp == p {
                // Forward arrows leave through the bottom strip and arrive
                // through the top one; backward arrows the other way round.
                let forward = tp > sp;
                let at_bottom = (sp == p) == forward;
                let stub = StripStub {
                    edge: e,
                    outgoing: sp == p,
                    attach_x: attach_x(edge, routes[e], sp == p, sizes, flow),
                    letter: letter_of(e).unwrap_or_default(),
                    other_step: if sp == p { edge.to + 1 } else { edge.from + 1 },
                };
                if at_bottom { bottom_strip_ends.push(stub) } else { top_strip_ends.push(stub) }
            }
        }
        for (stubs, at_bottom) in [(top_strip_ends, false), (bottom_strip_ends, true)] {
            place_strip(&mut page, flow, &routes, stubs, at_bottom, sizes);
        }
        joint_arrows(&mut page, flow);
        place_labels(&mut page, flow, sizes);
        pages.push(page);
    }
    Ok((Layout { pages, row_heights: heights }, warnings))
}

/// Number of connectors in the top and bottom strips of a page holding
/// steps `first..end`.
fn strip_counts(flow: &Flow, first: usize, end: usize) -> (usize, usize) {
    let inside = |s: usize| (first..end).contains(&s);
    let mut top = 0;
    let mut bottom = 0;
    for edge in &flow.edges {
        let (a, b) = (edge.from, edge.to);
        match (inside(a), inside(b)) {
            (true, true) | (false, false) => {}
            // One end here, the other before this page: top strip.
            (true, false) if b < first => top += 1,
            (false, true) if a < first => top += 1,
            _ => bottom += 1,
        }
    }
    (top, bottom)
}

fn strip_height(connectors: usize, sizes: &Sizes) -> f64 {
    if connectors == 0 { 0.0 } else { 10.0 + sizes.connector + connectors as f64 * sizes.strip_lane_gap }
}

/// Greedy page breaks between rows: as many rows as fit, counting the
/// connector strips each break needs.
fn paginate(flow: &Flow, heights: &[f64], sizes: &Sizes, available: f64) -> Result<Vec<(usize, usize)>, LayoutError> {
    let mut breaks = Vec::new();
    let mut first = 0;
    let n = heights.len();
    while first < n {
        let mut end = first + 1;
        let fits = |end: usize| {
            let (top, bottom) = strip_counts(flow, first, end);
            let rows: f64 = heights[first..end].iter().sum();
            let bottom = if end == n { 0.0 } else { strip_height(bottom, sizes) };
            rows + strip_height(top, sizes) + bottom <= available
        };
        if !fits(end) {
            // Even alone with its strips the row does not fit.
            return Err(LayoutError::RowTooTall { step: first, height: heights[first], available });
        }
        while end < n && fits(end + 1) {
            end += 1;
        }
        breaks.push((first, end));
        first = end;
    }
    Ok(breaks)
}

/// Chooses exits, channels and tracks for every edge.
fn plan_routes(flow: &Flow, sizes: &Sizes, warnings: &mut Vec<String>) -> Vec<Route> {
    let lanes = flow.lanes;
    // Which side each non-direct edge leaves from.
    let mut sides: Vec<Option<Side>> = vec![None; flow.edges.len()];
    for step in 0..flow.steps.len() {
        let long: Vec<usize> =
            flow.edges.iter().enumerate().filter(|(_, e)| e.from == step && e.to != step + 1).map(|(i, _)| i).collect();
        // Toward the target's lane; to a step in the same lane, away from
        // the table's edge (the last lane has no room beyond its right side).
        // A step done together leaves away from its other symbols, which
        // its joint arrows join along the row.
        let toward = |i: usize| {
            let source = &flow.steps[step];
            let (a, b) = (source.exit_lane(), flow.steps[flow.edges[i].to].lane);
            if source.lanes.len() > 1 {
                if source.exit_lane() > source.lane { Side::Right } else { Side::Left }
            } else if b < a || (b == a && a + 1 == lanes && lanes > 1) {
                Side::Left
            } else {
                Side::Right
            }
        };
        match long[..] {
            [one] => sides[one] = Some(toward(one)),
            [a, b] => {
                let (la, lb) = (flow.steps[flow.edges[a].to].lane, flow.steps[flow.edges[b].to].lane);
                let a_right = la > lb || (la == lb && flow.edges[a].exit < flow.edges[b].exit);
                sides[a] = Some(if a_right { Side::Right } else { Side::Left });
                sides[b] = Some(if a_right { Side::Left } else { Side::Right });
            }
            _ => {}
        }
    }

    // Vertical extent of each channel run, in row units, for track sharing.
    let extent = |e: &Edge| {
        let exit = e.from as f64 + 0.5;
        let entry = e.to as f64 + 0.2;
        (exit.min(entry), exit.max(entry))
    };
    let half_free = (sizes.lane_width - sizes.symbol_width) / 2.0 - 2.0;
    // Tracks spread over the free margin beside the column border, but never
    // closer together than `track_gap`.
    let gap = (half_free / 2.0).clamp(sizes.track_gap, 8.0);
    let offsets_at = |boundary: usize| -> Vec<f64> {
        let mut offsets = Vec::new();
        let mut k = 1.0;
        while k * gap <= half_free.max(gap) {
            let d = k * gap;
            if boundary > 0 {
                offsets.push(-d);
            }
            if boundary < lanes {
                offsets.push(d);
            }
            k += 1.0;
        }
        offsets
    };

    // Where each labelled side exit's label goes: beside its vertex, in its
    // row. Other arrows' tracks keep out of these when they can.
    let label_zones: Vec<(usize, f64, f64)> = (0..flow.edges.len())
        .filter_map(|i| {
            let edge = &flow.edges[i];
            let (side, label) = (sides[i]?, flow.label(edge)?);
            let source = &flow.steps[edge.from];
            let vertex = sizes.symbol_width(source.symbol) / 2.0;
            let room = sizes.label_width(label) + LABEL_MARGIN;
            let centre = sizes.lane_centre(source.exit_lane());
            Some(match side {
                Side::Right => (i, centre + vertex, centre + vertex + room),
                Side::Left => (i, centre - vertex - room, centre - vertex),
            })
        })
        .collect();
    let crosses_a_label = |edge: usize, x: f64, span: (f64, f64)| {
        label_zones.iter().any(|&(other, lo, hi)| {
            let row = flow.edges[other].from as f64 + 0.5;
            other != edge && (lo - 1.0..=hi + 1.0).contains(&x) && span.0 <= row && row <= span.1
        })
    };

    let mut used: Vec<(f64, (f64, f64))> = Vec::new(); // (track x, extent)
    let mut routes = vec![Route::Direct; flow.edges.len()];
    // Longer runs first take the tracks nearest the border.
    let mut order: Vec<usize> = (0..flow.edges.len()).filter(|&i| sides[i].is_some()).collect();
    order.sort_by(|&a, &b| {
        let (ea, eb) = (extent(&flow.edges[a]), extent(&flow.edges[b]));
        (eb.1 - eb.0).total_cmp(&(ea.1 - ea.0)).then(a.cmp(&b))
    });
    for i in order {
        let edge = &flow.edges[i];
        let side = sides[i].unwrap_or(Side::Right);
        let (a, b) = (flow.steps[edge.from].exit_lane(), flow.steps[edge.to].lane);
        // Preferred boundary, then the others on the exit side.
        let preferred = match side {
            Side::Right if b > a => b,
            Side::Right => a + 1,
            Side::Left if b < a => b + 1,
            Side::Left => a,
        };
        let mut boundaries: Vec<usize> = match side {
            Side::Right => (a + 1..=lanes).collect(),
            Side::Left => (0..=a).rev().collect(),
        };
        boundaries.sort_by_key(|&k| k.abs_diff(preferred));
        let span = extent(edge);
        let overlaps = |x: f64, used: &[(f64, (f64, f64))]| {
            used.iter().filter(|(ux, (s, e))| (ux - x).abs() < 0.5 && *s <= span.1 && span.0 <= *e).count()
        };
        // A track must lie on the exit side of the source symbol; better
        // past the exit's label too, so that the label fits before the turn.
        let beyond = |clearance: f64| -> Vec<f64> {
            boundaries
                .iter()
                .flat_map(|&k| offsets_at(k).into_iter().map(move |d| k as f64 * sizes.lane_width + d))
                .filter(|&x| match side {
                    Side::Right => x > sizes.lane_centre(a) + clearance,
                    Side::Left => x < sizes.lane_centre(a) - clearance,
                })
                .collect()
        };
        let symbol_half = sizes.symbol_width(flow.steps[edge.from].symbol) / 2.0;
        let label_room = flow.label(edge).map_or(0.0, |l| sizes.label_width(l) + LABEL_MARGIN);
        let roomy = beyond(symbol_half + label_room);
        let candidates = beyond(symbol_half);
        let free = |x: &&f64| overlaps(**x, &used) == 0;
        let clear = |x: &&f64| free(x) && !crosses_a_label(i, **x, span);
        let x = match roomy
            .iter()
            .find(clear)
            .or_else(|| candidates.iter().find(clear))
            .or_else(|| roomy.iter().find(free))
            .or_else(|| candidates.iter().find(free))
        {
            Some(&x) => x,
            None => {
                warnings.push(format!(
                    "the flowchart is too crowded beside step {}: arrows share a channel (widen the page or use fewer jumps)",
                    edge.from + 1
                ));
                candidates.iter().copied().min_by_key(|&x| overlaps(x, &used)).unwrap_or(sizes.lane_centre(a))
            }
        };
        used.push((x, span));
        routes[i] = Route::Channel { side, x };
    }
    routes
}

/// The first segment's label for a decision's exit.
fn label_for(flow: &Flow, edge: &Edge, start: (f64, f64), route: Route) -> Option<ArrowLabel> {
    let text = flow.label(edge)?.to_owned();
    Some(match route {
        Route::Direct => ArrowLabel { text, x: start.0 + 2.5, y: start.1 + 6.0, side: Side::Right },
        Route::Channel { side: Side::Right, .. } => {
            ArrowLabel { text, x: start.0 + 2.0, y: start.1 - 5.0, side: Side::Right }
        }
        Route::Channel { side: Side::Left, .. } => {
            ArrowLabel { text, x: start.0 - 2.0, y: start.1 - 5.0, side: Side::Left }
        }
    })
}

fn entry_lane(page: &PageLayout, step: usize) -> f64 {
    let row = page.rows.iter().find(|r| r.step == step).expect("target row on this page");
    let symbol = page.symbols.iter().find(|s| s.step == step).expect("target symbol on this page");
    (row.y + symbol.cy - symbol.height / 2.0) / 2.0
}

/// The symbol of `step` in `lane`.
fn symbol(page: &PageLayout, step: usize, lane: usize) -> &SymbolBox {
    page.symbols.iter().find(|s| s.step == step && s.lane == lane).expect("symbol on this page")
}

/// Where an arrow leaves a step (its last actor's symbol) and enters one
/// (its first actor's).
fn exit_symbol<'a>(page: &'a PageLayout, flow: &Flow, step: usize) -> &'a SymbolBox {
    symbol(page, step, flow.steps[step].exit_lane())
}

fn entry_symbol<'a>(page: &'a PageLayout, flow: &Flow, step: usize) -> &'a SymbolBox {
    symbol(page, step, flow.steps[step].lane)
}

/// The arrows between the symbols of a step done together, in the order its
/// actors are written: straight across the row, side to side.
fn joint_arrows(page: &mut PageLayout, flow: &Flow) {
    for row in page.rows.clone() {
        let lanes = &flow.steps[row.step].lanes;
        for pair in lanes.windows(2) {
            let (a, b) = (symbol(page, row.step, pair[0]), symbol(page, row.step, pair[1]));
            let (from, to) = if b.cx > a.cx {
                (a.side(Side::Right), b.side(Side::Left))
            } else {
                (a.side(Side::Left), b.side(Side::Right))
            };
            page.arrows.push(Arrow { from: row.step, to: row.step, points: vec![from, to], label: None });
        }
    }
}

/// An arrow whose ends are both on this page.
fn route_within(page: &PageLayout, flow: &Flow, edge: &Edge, route: Route, sizes: &Sizes) -> Arrow {
    let _ = sizes;
    let source = exit_symbol(page, flow, edge.from);
    let target = entry_symbol(page, flow, edge.to);
    let lane_y = entry_lane(page, edge.to);
    let mut points = Vec::new();
    match route {
        Route::Direct => {
            points.push(source.bottom());
            if (source.cx - target.cx).abs() > 0.01 {
                points.push((source.cx, lane_y));
                points.push((target.cx, lane_y));
            }
        }
        Route::Channel { side, x } => {
            points.push(source.side(side));
            points.push((x, source.cy));
            points.push((x, lane_y));
            points.push((target.cx, lane_y));
        }
    }
    points.push(target.top());
    let label = label_for(flow, edge, points[0], route);
    Arrow { from: edge.from, to: edge.to, points: simplify(points), label }
}

/// The x at which an arrow's vertical run reaches a connector strip.
fn attach_x(edge: &Edge, route: Route, outgoing: bool, sizes: &Sizes, flow: &Flow) -> f64 {
    match route {
        Route::Direct if outgoing => sizes.lane_centre(flow.steps[edge.from].exit_lane()),
        Route::Direct => sizes.lane_centre(flow.steps[edge.to].lane),
        Route::Channel { x, .. } => x,
    }
}

struct StripStub {
    edge: usize,
    outgoing: bool,
    attach_x: f64,
    letter: String,
    other_step: usize,
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
    // A slot must not sit on another arrow's vertical run.
    for i in 0..slots.len() {
        let clash = |x: f64| stubs.iter().enumerate().any(|(j, s)| j != i && (s.attach_x - x).abs() < 1.0);
        if (slots[i] - stubs[i].attach_x).abs() > 0.01 && clash(slots[i]) {
            slots[i] += if slots[i] + 3.0 <= max_x { 3.0 } else { -3.0 };
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

    let mut next_lane = 0;
    for (stub, slot) in stubs.iter().zip(slots) {
        let edge = flow.edges[stub.edge];
        page.connectors.push(ConnectorBox {
            letter: stub.letter.clone(),
            cx: slot,
            cy: connector_cy,
            size: sizes.connector,
            other_page: stub.other_step,
        });
        // The part in the strip, written from the table towards the connector.
        let mut strip_part = Vec::new();
        if (slot - stub.attach_x).abs() > 0.01 {
            let y = lane_y(next_lane);
            next_lane += 1;
            strip_part.push((stub.attach_x, y));
            strip_part.push((slot, y));
        }
        strip_part.push((slot, touch_y));

        let route = routes[stub.edge];
        let arrow = if stub.outgoing {
            let source = exit_symbol(page, flow, edge.from);
            let mut points = match route {
                Route::Direct => vec![source.bottom()],
                Route::Channel { side, x } => vec![source.side(side), (x, source.cy)],
            };
            points.extend(strip_part);
            let label = label_for(flow, &edge, points[0], route);
            Arrow { from: edge.from, to: edge.to, points, label }
        } else {
            let target = entry_symbol(page, flow, edge.to);
            let mut points: Vec<(f64, f64)> = strip_part.into_iter().rev().collect();
            if let Route::Channel { x, .. } = route {
                let y = entry_lane(page, edge.to);
                points.push((x, y));
                points.push((target.cx, y));
            }
            points.push(target.top());
            Arrow { from: edge.from, to: edge.to, points, label: None }
        };
        page.arrows.push(Arrow { points: simplify(arrow.points), ..arrow });
    }
}

/// The rectangle a label's text covers: (x0, y0, x1, y1); a label on two
/// lines reaches one line further down.
fn label_rect(label: &ArrowLabel, sizes: &Sizes) -> (f64, f64, f64, f64) {
    let width = label.text.lines().map(|line| sizes.label_width(line)).fold(0.0, f64::max);
    let (x0, x1) = match label.side {
        Side::Right => (label.x, label.x + width),
        Side::Left => (label.x - width, label.x),
    };
    let extra = (label.text.lines().count().max(1) - 1) as f64 * LABEL_LINE;
    (x0, label.y - LABEL_ABOVE, x1, label.y + LABEL_BELOW + extra)
}

/// Whether the segment a-b enters the rectangle (x0, y0, x1, y1).
fn segment_enters((x0, y0, x1, y1): (f64, f64, f64, f64), a: (f64, f64), b: (f64, f64)) -> bool {
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

/// Puts every exit label where a reader cannot misread it: beside the first
/// stretch of its arrow, inside one column and its own row, clear of every
/// arrow (its own included), symbol, connector and other label. Tried in
/// order: above the exit line near the diamond, below it, then against the
/// channel on the side the arrow turns to. A label with no such place keeps
/// the first one (the reader's check in the tests then reports it).
fn place_labels(page: &mut PageLayout, flow: &Flow, sizes: &Sizes) {
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    for index in 0..page.arrows.len() {
        let arrow = &page.arrows[index];
        let Some(first) = arrow.label.clone() else { continue };
        let row = page.rows.iter().find(|r| r.step == arrow.from).expect("source row on this page");
        let start = arrow.points[0];
        let turn = arrow.points.get(1).copied().unwrap_or(start);
        // The label on one line, else (a label of several words that finds
        // no place) on two.
        let mut versions = vec![first.text.clone()];
        versions.extend(two_lines(&first.text));
        let mut chosen = None;
        for text in versions {
            let extra = (text.lines().count() - 1) as f64 * LABEL_LINE;
            let label = |x: f64, y: f64, side: Side| ArrowLabel { text: text.clone(), x, y, side };
            let above = start.1 - 1.0 - LABEL_BELOW - extra;
            let below = start.1 + 1.0 + LABEL_ABOVE;
            let candidates: Vec<ArrowLabel> = if (turn.0 - start.0).abs() > 0.01 {
                // A side exit: along the stretch from the vertex to the
                // channel, above or below it: next to the vertex, after each
                // column line it crosses, and against the turn.
                let s = if turn.0 > start.0 { 1.0 } else { -1.0 };
                let (near, far) = if s > 0.0 { (Side::Right, Side::Left) } else { (Side::Left, Side::Right) };
                let runs_up = arrow.points.get(2).is_some_and(|p| p.1 < turn.1);
                let (first_y, second_y) = if runs_up { (above, below) } else { (below, above) };
                let mut starts = vec![start.0 + s * 1.5];
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
                all
            } else {
                // Out of the bottom: beside the stem, right then left.
                let mut all = Vec::new();
                if extra == 0.0 {
                    all.push(first.clone());
                }
                all.push(label(start.0 + 2.0, below, Side::Right));
                all.push(label(start.0 - 2.0, below, Side::Left));
                all
            };
            if let Some(found) = candidates.into_iter().find(|c| label_is_clear(page, flow, sizes, row, &placed, c)) {
                chosen = Some(found);
                break;
            }
        }
        let chosen = chosen.unwrap_or(first);
        placed.push(label_rect(&chosen, sizes));
        page.arrows[index].label = Some(chosen);
    }
}

/// The texts a label may be printed as: itself, and the lines of its
/// two-line form (what the caller measures for `Sizes::label_widths`).
pub fn label_texts(label: &str) -> Vec<String> {
    let mut texts = vec![label.to_owned()];
    if let Some(two) = two_lines(label) {
        texts.extend(two.lines().map(str::to_owned));
    }
    texts
}

/// A label of several words on two lines, broken at the space that makes
/// the longer line shortest.
fn two_lines(text: &str) -> Option<String> {
    let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
    let best = spaces.into_iter().min_by_key(|&i| (text.len() - i - 1).max(i))?;
    Some(format!("{}\n{}", &text[..best], &text[best + 1..]))
}

/// Whether a label there is inside one column of the table and its source's
/// row, and clear of every arrow, symbol, connector and label placed so far.
fn label_is_clear(
    page: &PageLayout,
    flow: &Flow,
    sizes: &Sizes,
    row: &RowBox,
    placed: &[(f64, f64, f64, f64)],
    candidate: &ArrowLabel,
) -> bool {
    let (x0, y0, x1, y1) = label_rect(candidate, sizes);
    let inflated = (x0 - 0.5, y0 - 0.5, x1 + 0.5, y1 + 0.5);
    let column = ((x0 - 1.0) / sizes.lane_width).floor();
    let inside_cell = x0 >= 1.0
        && column == ((x1 + 1.0) / sizes.lane_width).floor()
        && x1 <= flow.lanes as f64 * sizes.lane_width - 1.0
        && y0 >= row.y + 0.5
        && y1 <= row.y + row.height - 0.5;
    let apart = |(a0, b0, a1, b1): (f64, f64, f64, f64)| a1 <= x0 || a0 >= x1 || b1 <= y0 || b0 >= y1;
    inside_cell
        && page.arrows.iter().all(|a| a.points.windows(2).all(|w| !segment_enters(inflated, w[0], w[1])))
        && page.symbols.iter().all(|s| match s.symbol {
            // A diamond leaves its bounding box's corners free.
            Symbol::Ketupat => {
                let (t, r, b, l) = (s.top(), s.side(Side::Right), s.bottom(), s.side(Side::Left));
                let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
                let centre_inside = (cx - s.cx).abs() / (s.width / 2.0) + (cy - s.cy).abs() / (s.height / 2.0) < 1.0;
                !centre_inside && [(t, r), (r, b), (b, l), (l, t)].iter().all(|&(p, q)| !segment_enters(inflated, p, q))
            }
            _ => apart((s.cx - s.width / 2.0, s.cy - s.height / 2.0, s.cx + s.width / 2.0, s.cy + s.height / 2.0)),
        })
        && page
            .connectors
            .iter()
            .all(|c| apart((c.cx - c.size / 2.0, c.cy - c.size / 2.0, c.cx + c.size / 2.0, c.cy + c.size / 2.0)))
        && placed.iter().all(|&other| apart(other))
}

/// Drops repeated points and points in the middle of a straight run.
fn simplify(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
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
    use crate::model::flow::FlowStep;
    use proptest::prelude::*;

    fn sizes() -> Sizes {
        Sizes::for_lane_width(30.0 * MM)
    }

    /// A flow from (lane, decision targets or jump) per step.
    /// (lane, decision targets (ya, tidak), jump target) per step.
    type StepSpec = (usize, Option<(usize, usize)>, Option<usize>);

    fn flow(lanes: usize, steps: &[StepSpec]) -> Flow {
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
            let exits = if decision.is_some() { vec!["Ya".to_owned(), "Tidak".to_owned()] } else { Vec::new() };
            flow_steps.push(FlowStep { lane, lanes: vec![lane], symbol, exits });
            match decision {
                Some((ya, tidak)) => {
                    edges.push(Edge { from: i, to: ya, exit: Some(0) });
                    edges.push(Edge { from: i, to: tidak, exit: Some(1) });
                }
                None if i + 1 < n => edges.push(Edge { from: i, to: jump.unwrap_or(i + 1), exit: None }),
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
        (p.0 - symbol.cx).abs() < symbol.width / 2.0 - margin && (p.1 - symbol.cy).abs() < symbol.height / 2.0 - margin
    }

    /// Checks the routing rules on every page; returns a description of the
    /// first violation.
    fn violations(flow: &Flow, layout: &Layout) -> Option<String> {
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
                    return Some(format!(
                        "page {p}: arrow {}->{} ends nowhere at {end:?}",
                        arrow.from + 1,
                        arrow.to + 1
                    ));
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
        let _ = flow;
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

    #[test]
    fn a_straight_procedure_fits_one_page() {
        let f = flow(3, &[(0, None, None), (1, None, None), (2, None, None), (0, None, None)]);
        let (layout, warnings) = layout(&f, &[20.0; 4], &sizes(), 500.0).unwrap();
        assert_eq!(layout.pages.len(), 1);
        assert!(warnings.is_empty());
        assert_eq!(layout.pages[0].arrows.len(), 3);
        assert_eq!(violations(&f, &layout), None);
    }

    #[test]
    fn crossings_count_arrows_over_arrows_away_from_their_ends() {
        let arrow = |points: &[(f64, f64)]| Arrow { from: 0, to: 1, points: points.to_vec(), label: None };
        let page = PageLayout {
            first: 0,
            end: 1,
            top_strip: 0.0,
            bottom_strip: 0.0,
            rows: vec![],
            symbols: vec![],
            connectors: vec![],
            arrows: vec![
                arrow(&[(0.0, 10.0), (100.0, 10.0)]),
                arrow(&[(50.0, 0.0), (50.0, 30.0)]),
                // Ends on the first one: a join, not a crossing.
                arrow(&[(80.0, 30.0), (80.0, 10.0)]),
                arrow(&[(20.0, 20.0), (60.0, 20.0)]),
            ],
        };
        assert_eq!(page_crossings(&page), 2);
    }

    #[test]
    fn labels_of_several_words_break_where_their_lines_are_most_even() {
        assert_eq!(label_texts("Ya"), ["Ya"]);
        assert_eq!(label_texts("Belum Lengkap"), ["Belum Lengkap", "Belum", "Lengkap"]);
        assert_eq!(two_lines("Tidak sesuai dengan jadwal").as_deref(), Some("Tidak sesuai\ndengan jadwal"));
        let sizes = sizes();
        let one = label_rect(&ArrowLabel { text: "Belum Lengkap".into(), x: 0.0, y: 10.0, side: Side::Right }, &sizes);
        let two = label_rect(&ArrowLabel { text: "Belum\nLengkap".into(), x: 0.0, y: 10.0, side: Side::Right }, &sizes);
        assert!(two.2 < one.2, "narrower on two lines");
        assert!((two.3 - one.3 - LABEL_LINE).abs() < 1e-9, "one line taller");
    }

    #[test]
    fn a_loop_back_uses_a_side_channel() {
        let f = flow(3, &[(0, None, None), (1, None, None), (2, Some((3, 1)), None), (0, None, None)]);
        let (layout, _) = layout(&f, &[20.0; 4], &sizes(), 500.0).unwrap();
        let back = layout.pages[0].arrows.iter().find(|a| a.from == 2 && a.to == 1).unwrap();
        assert!(back.points.len() >= 4, "{:?}", back.points);
        assert_eq!(back.label.as_ref().map(|l| l.text.as_str()), Some("Tidak"));
        assert_eq!(violations(&f, &layout), None);
    }

    #[test]
    fn page_breaks_get_lettered_connector_pairs() {
        let steps: Vec<_> = (0..12).map(|i| (i % 3, if i == 9 { Some((10, 2)) } else { None }, None)).collect();
        let f = flow(3, &steps);
        let (layout, _) = layout(&f, &[60.0; 12], &sizes(), 260.0).unwrap();
        assert!(layout.pages.len() >= 3);
        assert_eq!(violations(&f, &layout), None);
        assert!(layout.pages.iter().all(|p| p.end > p.first), "no empty page");
        let letters: Vec<&str> = layout.pages.iter().flat_map(|p| &p.connectors).map(|c| c.letter.as_str()).collect();
        assert!(letters.contains(&"A"));
    }

    #[test]
    fn a_row_taller_than_a_page_is_an_error() {
        let f = flow(1, &[(0, None, None), (0, None, None)]);
        assert!(matches!(layout(&f, &[20.0, 900.0], &sizes(), 500.0), Err(LayoutError::RowTooTall { step: 1, .. })));
    }

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
            let (layout, warnings) = layout(&f, &heights, &sizes, 420.0).unwrap();
            // Crowded charts may share tracks (and say so); clean ones may not overlap.
            if warnings.is_empty() {
                prop_assert_eq!(violations(&f, &layout), None);
            }
            let steps: usize = layout.pages.iter().map(|p| p.rows.len()).sum();
            prop_assert_eq!(steps, f.steps.len());
            for page in &layout.pages {
                prop_assert!(page.body_height() <= 420.0 + 0.01);
            }
        }
    }
}
