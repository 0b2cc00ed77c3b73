//! Stage 4, layout: where everything of the procedure table goes. Given the
//! flow and the measured height of every row, it breaks the table into pages,
//! places each symbol in its actor's column and its step's row, routes every
//! arrow with orthogonal elbows, and closes every arrow that crosses a page
//! with a lettered pair of off-page connectors.
//!
//! Routing rules, which keep arrows readable and off the symbols:
//! - each row holds its own symbols only, one per actor column, so a
//!   horizontal segment at a row's height can only meet that row's own
//!   symbols; arrows along the row join neighbouring symbols side to side;
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
//!
//! One file per phase, in the order they run: `sizes` (how big everything
//! is drawn), `exits` (where each arrow leaves its symbol), `rows` (each
//! row's height), `pagination` (the page breaks), `tracks` (the vertical
//! track of every arrow that does not go straight down), then for each page
//! `pages` (its rows and symbols), `arrows` (the arrows within it), `strips`
//! (the connectors at its breaks) and `labels` (the exit labels);
//! `crossings` judges the result.

use serde::Serialize;

mod sizes;
mod exits;
mod rows;
mod pagination;
mod tracks;
mod pages;
mod arrows;
mod strips;
mod labels;
mod crossings;
#[cfg(test)]
mod test_flows;

pub use sizes::{LABEL_SIZE, MIN_SYMBOL_WIDTH, MIN_TEXT_SIZE, Sizes, label_texts};

use crate::model::flow::{Flow, Heads, Symbol};
use exits::plan_exits;
use pages::lay_out_pages;
use pagination::{page_of_steps, paginate};
use rows::{row_heights, row_reserves};
use sizes::{BELOW_LANE, LABEL_LINE};
use tracks::assign_tracks;

/// Lays out the procedure. `measured` holds each row's text height;
/// `available` the body height of one page.
pub fn layout(flow: &Flow, measured: &[f64], sizes: &Sizes, available: f64) -> Result<Layout, LayoutError> {
    layout_under_identity(flow, measured, sizes, available, available)
}

/// Lays out the procedure as `layout` does, the first page with only
/// `first_page` of body height (the table under the identity part; see
/// `paginate`).
pub fn layout_under_identity(
    flow: &Flow,
    measured: &[f64],
    sizes: &Sizes,
    available: f64,
    first_page: f64,
) -> Result<Layout, LayoutError> {
    let mut sizes = sizes.clone();
    // A label with no clear place gets a taller row (room for it on two
    // lines), and the pages are laid out again.
    // The same for a label of an exit from below: its lanes spread apart.
    let mut extra = vec![0.0; flow.steps.len()];
    let mut spread = vec![BELOW_LANE; flow.steps.len()];
    let (mut attempt, mut round) = (0, 0);
    loop {
        let exits = plan_exits(flow, &sizes);
        let reserves = row_reserves(flow, &exits, &spread, &sizes);
        let heights = row_heights(flow, measured, &reserves, &extra, &sizes);
        let pages = paginate(flow, &heights, &sizes, available, first_page)?;
        let page_of = page_of_steps(&pages, heights.len());
        // Where the channels are full, closer tracks and then narrower
        // symbols make room for more; the last attempts let a label's exit
        // take a track before its label ends. A chart with no room even then
        // is an error, never arrows drawn over each other.
        let routes = match assign_tracks(flow, &sizes, &exits, &spread, &page_of, attempt < 4) {
            Ok(routes) => routes,
            Err(_) if attempt < 5 => {
                attempt += 1;
                sizes.make_room_for_tracks(attempt);
                continue;
            }
            Err(step) => return Err(LayoutError::TooCrowded { step }),
        };
        let layout = lay_out_pages(flow, &routes, &reserves, heights, &pages, &page_of, &sizes);
        if layout.unplaced_labels.is_empty() || round == 3 {
            return Ok(layout);
        }
        round += 1;
        // The last round may set a label smaller, where taller rows did not
        // make room for it.
        if round == 3 {
            sizes.smallest_label = MIN_TEXT_SIZE;
        }
        for &step in &layout.unplaced_labels {
            extra[step] += LABEL_LINE;
            spread[step] += LABEL_LINE;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Left,
    Right,
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

/// A decision label beside the first segment of an arrow.
#[derive(Debug, Clone, Serialize)]
pub struct ArrowLabel {
    pub text: String,
    pub x: f64,
    pub y: f64,
    /// Which side of (x, y) the text stands on.
    pub side: Side,
    /// The text's size in points: `LABEL_SIZE`, or smaller (never under
    /// `MIN_TEXT_SIZE`) where that is what fits.
    pub size: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Arrow {
    pub from: usize,
    pub to: usize,
    pub points: Vec<(f64, f64)>,
    pub label: Option<ArrowLabel>,
    /// Where its heads are drawn: at its end, at both ends, or none.
    pub heads: Heads,
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
        self.pages.iter().map(crossings::page_crossings).sum()
    }
}

/// What laying out one sheet took: its crossings and its time.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LayoutStats {
    pub crossings: usize,
    pub seconds: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LayoutError {
    /// A single row is taller than a page body.
    RowTooTall { step: usize, height: f64, available: f64 },
    /// The columns beside a step have no free track left for its arrows.
    TooCrowded { step: usize },
}
