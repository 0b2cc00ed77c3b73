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
use crate::model::flow::{Edge, Flow, FlowStep, Symbol};
use crate::util::numbering::letters;

/// Sizes of the drawing, in points.
#[derive(Debug, Clone)]
pub struct Sizes {
    pub lane_width: f64,
    pub symbol_width: f64,
    pub box_height: f64,
    pub decision_height: f64,
    pub connector: f64,
    /// The least distance between neighbouring channel tracks.
    pub track_gap: f64,
    /// The most: tracks spread over a column's free margin up to this far
    /// apart.
    pub track_spread: f64,
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
            track_spread: 8.0,
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

    /// A label's width in its narrowest form: on one line, or on two.
    pub fn narrowest_label(&self, text: &str) -> f64 {
        let two = two_lines(text).map(|t| t.lines().map(|line| self.label_width(line)).fold(0.0, f64::max));
        two.map_or(self.label_width(text), |two| two.min(self.label_width(text)))
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

    /// The width of a step's symbols: a decision with a text inside keeps
    /// the full width, for the text's sake.
    pub fn step_width(&self, step: &FlowStep) -> f64 {
        match step.symbol {
            Symbol::Ketupat if step.text.is_some() => self.symbol_width,
            symbol => self.symbol_width(symbol),
        }
    }

    pub fn symbol_height(&self, symbol: Symbol) -> f64 {
        match symbol {
            Symbol::Ketupat => self.decision_height,
            _ => self.box_height,
        }
    }

    /// The height of a step's symbols: a decision with a text inside is a
    /// third taller, for the text's sake.
    pub fn step_height(&self, step: &FlowStep) -> f64 {
        match step.symbol {
            Symbol::Ketupat if step.text.is_some() => self.decision_height * 4.0 / 3.0,
            symbol => self.symbol_height(symbol),
        }
    }

    /// The smallest row that leaves room for the entry lane above a symbol
    /// (and below a decision, for the label of its exit out of the bottom).
    pub fn min_row_height(&self, step: &FlowStep) -> f64 {
        match step.symbol {
            Symbol::Ketupat => self.step_height(step) + 2.0 * (2.5 * MM).max(LABEL_ABOVE + LABEL_BELOW + 2.0),
            _ => self.step_height(step) + 5.0 * MM,
        }
    }

    fn lane_centre(&self, lane: usize) -> f64 {
        (lane as f64 + 0.5) * self.lane_width
    }

    /// A Mulai or Selesai terminator beside a step.
    pub fn terminator_width(&self) -> f64 {
        self.symbol_width
    }

    /// The room a terminator takes above or below its step's symbol in the
    /// same column: itself and a margin to the row's edge.
    fn terminator_room(&self) -> f64 {
        self.box_height + TERMINATOR_MARGIN
    }
}

/// Between a terminator stacked in its step's column and the row's edge.
const TERMINATOR_MARGIN: f64 = 3.0;
/// From a symbol's bottom to the first lane its third and fourth exits run
/// along, and from one such lane to the next.
const BELOW_LANE: f64 = 5.0;

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
    /// Out of the bottom (`offset` 0) or a lower edge (-2, -1 on the left,
    /// 1, 2 on the right; see `SymbolBox::under`), down to a lane `drop`
    /// below the symbol, across to a vertical track at `x`, into the top:
    /// the third and fourth exits of a decision or a fork.
    Below { offset: i8, drop: f64, x: f64 },
}

#[derive(Debug, Clone, Serialize)]
pub struct RowBox {
    pub step: usize,
    pub y: f64,
    pub height: f64,
    /// The middle of the row's symbols.
    pub cy: f64,
    /// Where arrows entering the step run across, above its symbols.
    pub entry_y: f64,
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
    /// Printed inside, fitted to the symbol.
    pub text: Option<String>,
    /// A Mulai or Selesai terminator beside the step's own symbol.
    pub terminator: Option<Terminator>,
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
    /// A point of the outline under the symbol: its bottom (`offset` 0), a
    /// quarter of its width to the left (-1) or right (1), or three eighths
    /// (-2, 2).
    fn under(&self, offset: i8) -> (f64, f64) {
        let along = f64::from(offset.signum()) * [0.0, 0.25, 0.375][usize::from(offset.unsigned_abs().min(2))];
        let x = self.cx + along * self.width;
        match self.symbol {
            Symbol::Ketupat => (x, self.cy + self.height / 2.0 - along.abs() * self.height),
            _ => (x, self.cy + self.height / 2.0),
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

/// A terminator drawn beside a step's own symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Terminator {
    Mulai,
    Selesai,
}

impl Terminator {
    pub fn text(self) -> &'static str {
        match self {
            Terminator::Mulai => "Mulai",
            Terminator::Selesai => "Selesai",
        }
    }
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
    /// Steps with an exit label that found no place clear of every line
    /// (the caller warns of them).
    #[serde(skip)]
    pub unplaced_labels: Vec<usize>,
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
    /// The columns beside a step have no free track left for its arrows.
    TooCrowded { step: usize },
}

/// Lays out the procedure. `measured` holds each row's text height;
/// `available` the body height of one page.
pub fn layout(flow: &Flow, measured: &[f64], sizes: &Sizes, available: f64) -> Result<Layout, LayoutError> {
    // Where the channels are full, closer tracks and then narrower symbols
    // make room for more; a chart with no room even then is an error, never
    // arrows drawn over each other.
    let mut sizes = sizes.clone();
    // A label with no clear place gets a taller row (room for it on two
    // lines), and the pages are laid out again.
    // The same for a label of an exit from below: its lanes spread apart.
    let mut extra = vec![0.0; flow.steps.len()];
    let mut spread = vec![BELOW_LANE; flow.steps.len()];
    let (mut attempt, mut round) = (0, 0);
    loop {
        let exits = plan_exits(flow, &sizes);
        let reserves: Vec<(f64, f64)> =
            (0..flow.steps.len()).map(|s| row_reserve(flow, &exits, s, spread[s], &sizes)).collect();
        let heights: Vec<f64> = measured
            .iter()
            .zip(&flow.steps)
            .zip(reserves.iter().zip(&extra))
            .map(|((h, step), ((top, bottom), more))| h.max(sizes.min_row_height(step) + top + bottom) + more)
            .collect();
        let breaks = paginate(flow, &heights, &sizes, available)?;
        let mut page_of = vec![0; heights.len()];
        for (p, &(first, end)) in breaks.iter().enumerate() {
            page_of[first..end].iter_mut().for_each(|x| *x = p);
        }
        // Where the channels are full, closer tracks and then narrower
        // symbols make room for more; the last attempts let a label's exit
        // take a track before its label ends. A chart with no room even then
        // is an error, never arrows drawn over each other.
        let routes = match assign_tracks(flow, &sizes, &exits, &spread, &page_of, attempt < 4) {
            Ok(routes) => routes,
            Err(_) if attempt < 5 => {
                attempt += 1;
                sizes.track_gap = (sizes.track_gap * 0.8).max(MIN_TRACK_GAP);
                sizes.track_spread = (sizes.track_spread * 0.6).max(MIN_TRACK_GAP);
                if attempt >= 2 {
                    sizes.symbol_width = (sizes.symbol_width * 0.85).max(0.4 * sizes.lane_width);
                }
                continue;
            }
            Err(step) => return Err(LayoutError::TooCrowded { step }),
        };
        let (pages, unplaced) = lay_out_pages(flow, &routes, &reserves, &heights, &breaks, &page_of, &sizes);
        if unplaced.is_empty() || round == 3 {
            return Ok(Layout { pages, row_heights: heights, unplaced_labels: unplaced });
        }
        round += 1;
        for step in unplaced {
            extra[step] += LABEL_LINE;
            spread[step] += LABEL_LINE;
        }
    }
}

/// The pages of the table: rows, symbols, connectors and arrows; and the
/// steps with an exit label that found no clear place.
fn lay_out_pages(
    flow: &Flow,
    routes: &[Route],
    reserves: &[(f64, f64)],
    heights: &[f64],
    breaks: &[(usize, usize)],
    page_of: &[usize],
    sizes: &Sizes,
) -> (Vec<PageLayout>, Vec<usize>) {
    // Letters for arrows that cross pages, in reading order.
    let mut crossing: Vec<usize> =
        (0..flow.edges.len()).filter(|&e| page_of[flow.edges[e].from] != page_of[flow.edges[e].to]).collect();
    crossing.sort_by_key(|&e| {
        let edge = flow.edges[e];
        (page_of[edge.from].min(page_of[edge.to]), edge.from.min(edge.to), edge.from, edge.to)
    });
    // Connectors are lettered, or numbered where exit labels are letters
    // ("A", "B"): a label must not read as a connector.
    let letter_labels = flow.labels().iter().any(|l| l.len() == 1 && l.chars().all(|c| c.is_ascii_alphabetic()));
    let letter_of = |e: usize| {
        crossing.iter().position(|&c| c == e).map(|k| if letter_labels { (k + 1).to_string() } else { letters(k) })
    };

    let mut pages = Vec::new();
    let mut unplaced = Vec::new();
    for (p, &(first, end)) in breaks.iter().enumerate() {
        let (top_n, bottom_n) = strip_counts(flow, first, end);
        let top_strip = strip_height(top_n, sizes);
        let bottom_strip = strip_height(bottom_n, sizes);
        let mut rows = Vec::new();
        let mut y = top_strip;
        for (step, &height) in heights.iter().enumerate().take(end).skip(first) {
            let (top, bottom) = reserves[step];
            let cy = y + top + (height - top - bottom) / 2.0;
            let symbol_top = cy - sizes.step_height(&flow.steps[step]) / 2.0;
            // Arrows run into the step midway between the row's top (or a
            // Mulai terminator stacked above the symbol) and the symbol.
            let above = if top > 0.0 { y + TERMINATOR_MARGIN + sizes.box_height } else { y };
            rows.push(RowBox { step, y, height, cy, entry_y: (above + symbol_top) / 2.0 });
            y += height;
        }
        let symbols = rows.iter().flat_map(|row| row_symbols(flow, row, sizes)).collect();
        let mut page =
            PageLayout { first, end, top_strip, bottom_strip, rows, symbols, connectors: vec![], arrows: vec![] };
        let mut top_strip_ends = Vec::new();
        let mut bottom_strip_ends = Vec::new();
        for (e, edge) in flow.edges.iter().enumerate() {
            let (sp, tp) = (page_of[edge.from], page_of[edge.to]);
            if sp == p && tp == p {
                let arrows = route_within(&page, flow, edge, routes[e]);
                page.arrows.extend(arrows);
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
            place_strip(&mut page, flow, routes, stubs, at_bottom, sizes);
        }
        joint_arrows(&mut page, flow);
        terminator_arrows(&mut page, flow);
        unplaced.extend(place_labels(&mut page, flow, sizes));
        pages.push(page);
    }
    (pages, unplaced)
}

/// The closest two channel tracks may run: 0.7 pt arrows still a clear
/// 1.5 pt apart.
const MIN_TRACK_GAP: f64 = 2.2;

/// The room a row keeps above and below the middle band its symbols stand
/// in: for a Mulai terminator stacked above, a Selesai terminator stacked
/// below, or the lanes a third and fourth exit run along (and their labels).
fn row_reserve(flow: &Flow, exits: &Exits, step: usize, spread: f64, sizes: &Sizes) -> (f64, f64) {
    let s = &flow.steps[step];
    let top = if s.start_beside == Some(s.lane) { sizes.terminator_room() } else { 0.0 };
    let below: Vec<usize> =
        (0..flow.edges.len()).filter(|&e| flow.edges[e].from == step && exits.below[e].is_some()).collect();
    let bottom = if s.end_beside == Some(s.exit_lane()) {
        sizes.terminator_room()
    } else if below.is_empty() {
        0.0
    } else {
        let labelled = below.iter().any(|&e| flow.label(&flow.edges[e]).is_some());
        spread * below.len() as f64 + if labelled { LABEL_ABOVE + LABEL_BELOW + 2.0 } else { 1.0 }
    };
    (top, bottom)
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
            symbol: step.symbol,
            cx: sizes.lane_centre(lane),
            cy: row.cy,
            width: sizes.step_width(step),
            height: sizes.step_height(step),
            text: step.text.clone(),
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
        let cy = if lane == step.lane { row.y + TERMINATOR_MARGIN + sizes.box_height / 2.0 } else { row.cy };
        symbols.push(terminator(Terminator::Mulai, lane, cy));
    }
    if let Some(lane) = step.end_beside {
        let cy = if lane == step.exit_lane() {
            row.y + row.height - TERMINATOR_MARGIN - sizes.box_height / 2.0
        } else {
            row.cy
        };
        symbols.push(terminator(Terminator::Selesai, lane, cy));
    }
    symbols
}

/// The arrows between a step and its terminators: straight down (stacked
/// in one column) or straight across the row.
fn terminator_arrows(page: &mut PageLayout, flow: &Flow) {
    for row in page.rows.clone() {
        for t in
            page.symbols.iter().filter(|s| s.step == row.step && s.terminator.is_some()).cloned().collect::<Vec<_>>()
        {
            let (from, to) = match t.terminator {
                Some(Terminator::Mulai) => {
                    let s = entry_symbol(page, flow, row.step);
                    if t.lane == s.lane {
                        (t.bottom(), s.top())
                    } else if t.cx < s.cx {
                        (t.side(Side::Right), s.side(Side::Left))
                    } else {
                        (t.side(Side::Left), s.side(Side::Right))
                    }
                }
                _ => {
                    let s = exit_symbol(page, flow, row.step);
                    if t.lane == s.lane {
                        (s.bottom(), t.top())
                    } else if t.cx < s.cx {
                        (s.side(Side::Left), t.side(Side::Right))
                    } else {
                        (s.side(Side::Right), t.side(Side::Left))
                    }
                }
            };
            page.arrows.push(Arrow { from: row.step, to: row.step, points: vec![from, to], label: None });
        }
    }
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

/// Chooses how every edge leaves its source (see `choose_exits`).
/// How each edge leaves its source: straight down (neither), out of a
/// side, or from below (offset, level) towards a side.
struct Exits {
    sides: Vec<Option<Side>>,
    below: Vec<Option<(i8, usize)>>,
}

fn plan_exits(flow: &Flow, sizes: &Sizes) -> Exits {
    let edges = &flow.edges;
    let mut sides: Vec<Option<Side>> = vec![None; edges.len()];
    let mut below: Vec<Option<(i8, usize)>> = vec![None; edges.len()];
    for step in 0..flow.steps.len() {
        let chosen = choose_exits(flow, sizes, step);
        // Exits from the lower edges run on the lanes nearest the symbol,
        // the outer ones first, those from the bottom below them: no stem
        // crosses another's run.
        let mut level = 0;
        for reach in [2, 1, 0] {
            for &(i, slot) in &chosen {
                match slot {
                    Slot::Side(side) => sides[i] = Some(side),
                    Slot::Below(offset, side) if offset.unsigned_abs() == reach => {
                        sides[i] = Some(side);
                        below[i] = Some((offset, level));
                        level += 1;
                    }
                    _ => {}
                }
            }
        }
    }

    Exits { sides, below }
}

/// Chooses a vertical track for every edge that leaves by a side or from
/// below; `Err(step)` when the columns beside `step` have none free for one
/// of its arrows (`strict`: none past its label). Arrows into the same step
/// on one page may share a track: they merge on it.
fn assign_tracks(
    flow: &Flow,
    sizes: &Sizes,
    exits: &Exits,
    spread: &[f64],
    page_of: &[usize],
    strict: bool,
) -> Result<Vec<Route>, usize> {
    let lanes = flow.lanes;
    let edges = &flow.edges;
    let (sides, below) = (&exits.sides, &exits.below);
    let on_one_page = |i: usize| page_of[edges[i].from] == page_of[edges[i].to];
    // Vertical extent of each channel run, in row units, for track sharing.
    let extent = |i: usize| {
        let e = &edges[i];
        let exit = e.from as f64 + if below[i].is_some() { 0.8 } else { 0.5 };
        let entry = e.to as f64 + 0.2;
        (exit.min(entry), exit.max(entry))
    };
    // Where a run is drawn, in row units: from its source to its target, or
    // (across a page break) on each page from its step to the page's edge.
    let first_row = |page: usize| page_of.iter().position(|&p| p == page).unwrap_or(0) as f64;
    let end_row = |page: usize| page_of.iter().rposition(|&p| p == page).map_or(0.0, |r| r as f64 + 1.0);
    let drawn = |i: usize| -> Vec<(f64, f64)> {
        let e = &edges[i];
        let (from_page, to_page) = (page_of[e.from], page_of[e.to]);
        let (lo, hi) = extent(i);
        if from_page == to_page {
            vec![(lo, hi)]
        } else {
            let (top_page, bottom_page) = (from_page.min(to_page), from_page.max(to_page));
            vec![(lo, end_row(top_page) - 0.01), (first_row(bottom_page) + 0.01, hi)]
        }
    };
    let half_free = (sizes.lane_width - sizes.symbol_width) / 2.0 - 2.0;
    // Tracks spread over the free margin beside the column border, but never
    // closer together than `track_gap`.
    let gap = (half_free / 2.0).clamp(sizes.track_gap, sizes.track_spread.max(sizes.track_gap));
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
    let label_zones: Vec<(usize, f64, f64)> = (0..edges.len())
        .filter_map(|i| {
            let edge = &edges[i];
            let (side, label) = (sides[i]?, flow.label(edge)?);
            if below[i].is_some() {
                return None;
            }
            let source = &flow.steps[edge.from];
            let vertex = sizes.step_width(source) / 2.0;
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
            let row = edges[other].from as f64 + 0.5;
            other != edge && (lo - 1.0..=hi + 1.0).contains(&x) && span.0 <= row && row <= span.1
        })
    };

    let mut used: Vec<Track> = Vec::new();
    let mut routes = vec![Route::Direct; edges.len()];
    // Exits whose label reaches into the next column come first: only a
    // track past the label will do for them. Then longer runs first take
    // the tracks nearest the border.
    let crosses_column = |i: usize| {
        flow.label(&edges[i]).is_some_and(|l| {
            let half = sizes.step_width(&flow.steps[edges[i].from]) / 2.0;
            half + sizes.narrowest_label(l) + LABEL_MARGIN > sizes.lane_width / 2.0 - 1.0
        })
    };
    let mut order: Vec<usize> = (0..edges.len()).filter(|&i| sides[i].is_some()).collect();
    order.sort_by(|&a, &b| {
        let (ea, eb) = (extent(a), extent(b));
        crosses_column(b).cmp(&crosses_column(a)).then((eb.1 - eb.0).total_cmp(&(ea.1 - ea.0))).then(a.cmp(&b))
    });
    for i in order {
        let edge = &edges[i];
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
        let span = extent(i);
        let runs = drawn(i);
        // Arrows into one step merge on a shared track when they come from
        // the same side of it: from opposite sides they would meet head on,
        // a line through the entry a reader takes for one arrow.
        let downward = |e: usize| edges[e].from < edges[e].to;
        let merges = |other: usize| {
            edges[other].to == edge.to && downward(other) == downward(i) && on_one_page(other) && on_one_page(i)
        };
        // Runs on one track keep half a row apart: end to end closer than
        // that they read as one line.
        let meets = |(s, e): (f64, f64)| runs.iter().any(|&(a, b)| s <= b + 0.5 && a <= e + 0.5);
        let free =
            |x: f64| !used.iter().any(|t| (t.x - x).abs() < 0.5 && !merges(t.edge) && t.runs.iter().any(|&r| meets(r)));
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
        let symbol_half = sizes.step_width(&flow.steps[edge.from]) / 2.0;
        // Past the label: beside the vertex when it fits before the column
        // line, else after that line.
        let clearance = flow.label(edge).map_or(symbol_half, |l| {
            let width = sizes.narrowest_label(l) + LABEL_MARGIN;
            let border = sizes.lane_width / 2.0;
            if symbol_half + width <= border - 1.0 { symbol_half + width } else { border + 1.5 + width }
        });
        let roomy = beyond(clearance);
        let candidates = beyond(symbol_half);
        let clear = |x: f64| free(x) && !crosses_a_label(i, x, span);
        let labelled = flow.label(edge).is_some();
        let x = roomy
            .iter()
            .copied()
            .find(|&x| clear(x))
            .or_else(|| candidates.iter().copied().find(|&x| clear(x) && !(strict && labelled)))
            .or_else(|| roomy.iter().copied().find(|&x| free(x)))
            .or_else(|| candidates.iter().copied().find(|&x| free(x) && !(strict && labelled)))
            .ok_or(edge.from)?;
        used.push(Track { x, runs, edge: i });
        routes[i] = match below[i] {
            Some((offset, level)) => Route::Below { offset, drop: spread[edge.from] * (level + 1) as f64, x },
            None => Route::Channel { side, x },
        };
    }
    Ok(routes)
}

/// A vertical track taken by an edge's runs (in row units).
struct Track {
    x: f64,
    runs: Vec<(f64, f64)>,
    edge: usize,
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

/// Where each exit of `step` leaves its symbol: the exit to the next step
/// straight down, the others out of the sides and then from below, each
/// towards its target, and every label where it fits. Tries every
/// assignment (a step has at most four exits) and keeps the cheapest.
fn choose_exits(flow: &Flow, sizes: &Sizes, step: usize) -> Vec<(usize, Slot)> {
    let edges = &flow.edges;
    let source = &flow.steps[step];
    let outgoing: Vec<usize> = (0..edges.len()).filter(|&i| edges[i].from == step).collect();
    if outgoing.is_empty() {
        return Vec::new();
    }
    let (a, lanes) = (source.exit_lane(), flow.lanes);
    let half = sizes.step_width(source) / 2.0;
    // Toward the target's lane; to a step in the same lane, away from the
    // table's edge (the last lane has no room beyond its right side).
    let toward = |i: usize| {
        let b = flow.steps[edges[i].to].lane;
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
    let cost = |i: usize, slot: Slot| -> u32 {
        let edge = &edges[i];
        let next = edge.to == step + 1;
        let mut cost = 0;
        if flow.label(edge).is_some_and(|l| sizes.narrowest_label(l) > room(slot)) {
            cost += 100;
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
            Slot::Bottom => edges[i].to == step + 1 && !bottom_used,
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
    outgoing.into_iter().zip(chosen).collect()
}

/// The first segment's label for a decision's exit (where `place_labels`
/// starts looking).
fn label_for(flow: &Flow, edge: &Edge, start: (f64, f64), route: Route) -> Option<ArrowLabel> {
    let text = flow.label(edge)?.to_owned();
    Some(match route {
        Route::Direct | Route::Below { .. } => {
            ArrowLabel { text, x: start.0 + 2.5, y: start.1 + 6.0, side: Side::Right }
        }
        Route::Channel { side: Side::Right, .. } => {
            ArrowLabel { text, x: start.0 + 2.0, y: start.1 - 5.0, side: Side::Right }
        }
        Route::Channel { side: Side::Left, .. } => {
            ArrowLabel { text, x: start.0 - 2.0, y: start.1 - 5.0, side: Side::Left }
        }
    })
}

fn entry_lane(page: &PageLayout, step: usize) -> f64 {
    page.rows.iter().find(|r| r.step == step).expect("target row on this page").entry_y
}

/// The symbol of `step` in `lane` (not a terminator beside it).
fn symbol(page: &PageLayout, step: usize, lane: usize) -> &SymbolBox {
    page.symbols
        .iter()
        .find(|s| s.step == step && s.lane == lane && s.terminator.is_none())
        .expect("symbol on this page")
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
/// actors are written: straight across the row, side to side. Actors who
/// work in parallel have none.
fn joint_arrows(page: &mut PageLayout, flow: &Flow) {
    for row in page.rows.clone() {
        let step = &flow.steps[row.step];
        if step.parallel {
            continue;
        }
        for pair in step.lanes.windows(2) {
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

/// The first points of an edge's arrow from one of its source's symbols:
/// out of it, to where the run towards the target begins.
fn leaving(source: &SymbolBox, route: Route) -> Vec<(f64, f64)> {
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

/// An edge whose ends are both on this page: an arrow from every symbol
/// the flow leaves the source by to every symbol it enters the target by
/// (one to one, or a fan out of or into a step done in parallel). Only the
/// first carries the exit's label.
fn route_within(page: &PageLayout, flow: &Flow, edge: &Edge, route: Route) -> Vec<Arrow> {
    let lane_y = entry_lane(page, edge.to);
    let mut arrows = Vec::new();
    for out in flow.steps[edge.from].exit_lanes() {
        let source = symbol(page, edge.from, out);
        for into in flow.steps[edge.to].entry_lanes() {
            let target = symbol(page, edge.to, into);
            let mut points = leaving(source, route);
            let last = *points.last().expect("a start");
            if (last.0 - target.cx).abs() > 0.01 {
                points.push((last.0, lane_y));
                points.push((target.cx, lane_y));
            }
            points.push(target.top());
            let label = if arrows.is_empty() { label_for(flow, edge, points[0], route) } else { None };
            arrows.push(Arrow { from: edge.from, to: edge.to, points: simplify(points), label });
        }
    }
    arrows
}

/// The x at which an arrow's vertical run reaches a connector strip.
fn attach_x(edge: &Edge, route: Route, outgoing: bool, sizes: &Sizes, flow: &Flow) -> f64 {
    match route {
        Route::Direct if outgoing => sizes.lane_centre(flow.steps[edge.from].exit_lane()),
        Route::Direct => sizes.lane_centre(flow.steps[edge.to].lane),
        Route::Channel { x, .. } | Route::Below { x, .. } => x,
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
            for out in flow.steps[edge.from].exit_lanes() {
                let source = symbol(page, edge.from, out);
                let mut points = leaving(source, route);
                let last = *points.last().expect("a start");
                if jogs || (last.0 - slot).abs() > 0.01 {
                    points.push((last.0, y));
                    points.push((slot, y));
                }
                points.push((slot, touch_y));
                let label = if arrows.is_empty() { label_for(flow, &edge, points[0], route) } else { None };
                arrows.push(Arrow { from: edge.from, to: edge.to, points: simplify(points), label });
            }
        } else {
            let target_lane_y = entry_lane(page, edge.to);
            for into in flow.steps[edge.to].entry_lanes() {
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
                arrows.push(Arrow { from: edge.from, to: edge.to, points: simplify(points), label: None });
            }
        }
        page.arrows.extend(arrows);
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
/// the first one and its step is returned (the layout then gives its row
/// more room).
fn place_labels(page: &mut PageLayout, flow: &Flow, sizes: &Sizes) -> Vec<usize> {
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
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
                all
            } else {
                // Out of the bottom: beside the stem, right then left; lower
                // down, past the lanes other exits run along below the
                // symbol, when those are in the way.
                let mut all = Vec::new();
                if extra == 0.0 {
                    all.push(first.clone());
                }
                for k in 0..10 {
                    let y = below + k as f64 * BELOW_LANE;
                    all.push(label(start.0 + 2.0, y, Side::Right));
                    all.push(label(start.0 - 2.0, y, Side::Left));
                }
                all
            };
            if let Some(found) = candidates.into_iter().find(|c| label_is_clear(page, flow, sizes, row, &placed, c)) {
                chosen = Some(found);
                break;
            }
        }
        if chosen.is_none() {
            unplaced.push(page.arrows[index].from);
        }
        let chosen = chosen.unwrap_or(first);
        placed.push(label_rect(&chosen, sizes));
        page.arrows[index].label = Some(chosen);
    }
    unplaced
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
        // Two labels keep a word space apart, so that none reads as one.
        && placed.iter().all(|&(a0, b0, a1, b1)| apart((a0 - 4.0, b0, a1 + 4.0, b1)))
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
            flow_steps.push(FlowStep { exits, ..FlowStep::new(lane, symbol) });
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
        let (dx, dy) = ((p.0 - symbol.cx).abs(), (p.1 - symbol.cy).abs());
        let (w, h) = (symbol.width / 2.0 - margin, symbol.height / 2.0 - margin);
        match symbol.symbol {
            Symbol::Ketupat => dx / w + dy / h < 1.0,
            _ => dx < w && dy < h,
        }
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
        let layout = layout(&f, &[20.0; 4], &sizes(), 500.0).unwrap();
        assert_eq!(layout.pages.len(), 1);
        assert!(layout.unplaced_labels.is_empty());
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
        let layout = layout(&f, &[20.0; 4], &sizes(), 500.0).unwrap();
        let back = layout.pages[0].arrows.iter().find(|a| a.from == 2 && a.to == 1).unwrap();
        assert!(back.points.len() >= 4, "{:?}", back.points);
        assert_eq!(back.label.as_ref().map(|l| l.text.as_str()), Some("Tidak"));
        assert_eq!(violations(&f, &layout), None);
    }

    #[test]
    fn page_breaks_get_lettered_connector_pairs() {
        let steps: Vec<_> = (0..12).map(|i| (i % 3, if i == 9 { Some((10, 2)) } else { None }, None)).collect();
        let f = flow(3, &steps);
        let layout = layout(&f, &[60.0; 12], &sizes(), 260.0).unwrap();
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
            // No arrows drawn over each other: room is made, never shared.
            let layout = layout(&f, &heights, &sizes, 420.0).unwrap();
            prop_assert_eq!(violations(&f, &layout), None);
            let steps: usize = layout.pages.iter().map(|p| p.rows.len()).sum();
            prop_assert_eq!(steps, f.steps.len());
            for page in &layout.pages {
                prop_assert!(page.body_height() <= 420.0 + 0.01);
            }
        }
    }
}
