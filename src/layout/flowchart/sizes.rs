//! How big everything of the flowchart is drawn: symbols, rows, tracks,
//! connectors and exit labels (the texts a label may be printed as, which
//! the caller measures, included).

use crate::layout::page::MM;
use crate::model::flow::{FlowStep, Symbol};

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
    /// The smallest size a label may be set at: `LABEL_SIZE` while taller
    /// rows can still make room, `MIN_TEXT_SIZE` after.
    pub smallest_label: f64,
}

impl Sizes {
    pub fn for_lane_width(lane_width: f64) -> Self {
        Self {
            lane_width,
            symbol_width: (lane_width * 0.6).clamp(MIN_SYMBOL_WIDTH, 26.0 * MM),
            box_height: BOX_HEIGHT,
            decision_height: 9.0 * MM,
            connector: 15.0,
            track_gap: 3.6,
            track_spread: 8.0,
            strip_lane_gap: 4.5,
            label_widths: Vec::new(),
            smallest_label: LABEL_SIZE,
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

    /// The width of a step's symbol in `lane`: a decision with a text
    /// inside keeps the full width, for the text's sake.
    pub fn cell_width(&self, step: &FlowStep, lane: usize) -> f64 {
        match step.symbol_in(lane) {
            Symbol::Ketupat if step.text_in(lane).is_some() => self.symbol_width,
            symbol => self.symbol_width(symbol),
        }
    }

    pub fn symbol_height(&self, symbol: Symbol) -> f64 {
        match symbol {
            Symbol::Ketupat => self.decision_height,
            _ => self.box_height,
        }
    }

    /// The height of a step's symbol in `lane`: a decision with a text
    /// inside is a third taller, for the text's sake.
    pub fn cell_height(&self, step: &FlowStep, lane: usize) -> f64 {
        match step.symbol_in(lane) {
            Symbol::Ketupat if step.text_in(lane).is_some() => self.decision_height * 4.0 / 3.0,
            symbol => self.symbol_height(symbol),
        }
    }

    /// The height of the band a step's symbols stand in: its tallest.
    pub fn step_height(&self, step: &FlowStep) -> f64 {
        step.lanes.iter().map(|&lane| self.cell_height(step, lane)).fold(0.0, f64::max)
    }

    /// The smallest row that leaves room for the entry lane above a symbol
    /// (and below a decision, for the label of its exit out of the bottom).
    pub fn min_row_height(&self, step: &FlowStep) -> f64 {
        if step.decides() {
            self.step_height(step) + 2.0 * (2.5 * MM).max(LABEL_ABOVE + LABEL_BELOW + 2.0)
        } else {
            self.step_height(step) + 5.0 * MM
        }
    }

    pub(super) fn lane_centre(&self, lane: usize) -> f64 {
        (lane as f64 + 0.5) * self.lane_width
    }

    /// A Mulai or Selesai terminator beside a step: a capsule, never
    /// narrower than half again its height (a round one reads as an on-page
    /// connector).
    pub fn terminator_width(&self) -> f64 {
        self.symbol_width.max(MIN_SYMBOL_WIDTH)
    }

    /// The room a terminator takes above or below its step's symbol in the
    /// same column: itself and a margin to the row's edge.
    pub(super) fn terminator_room(&self) -> f64 {
        self.box_height + TERMINATOR_MARGIN
    }

    /// Makes room for more channel tracks after the `attempt`th try found
    /// the channels full: closer tracks, and from the second try on
    /// narrower symbols.
    pub(super) fn make_room_for_tracks(&mut self, attempt: usize) {
        self.track_gap = (self.track_gap * 0.8).max(MIN_TRACK_GAP);
        self.track_spread = (self.track_spread * 0.6).max(MIN_TRACK_GAP);
        if attempt >= 2 {
            self.symbol_width = (self.symbol_width * 0.85).max(0.4 * self.lane_width).max(MIN_SYMBOL_WIDTH);
        }
    }
}

/// The narrowest box or terminator: half again as wide as a box is tall,
/// so that a terminator stays a capsule and a box holds a word of its text
/// at 4 pt (`page::LANE_FLOOR` leaves room beside it for channel tracks).
pub const MIN_SYMBOL_WIDTH: f64 = 1.5 * BOX_HEIGHT;
/// A process box's and a terminator's height.
const BOX_HEIGHT: f64 = 6.5 * MM;
/// The smallest text sopkit draws, in points: a symbol's text, an exit
/// label, a header name is set at this size or larger, never smaller.
pub const MIN_TEXT_SIZE: f64 = 4.0;

/// Between a terminator stacked in its step's column and the row's edge.
pub(super) const TERMINATOR_MARGIN: f64 = 3.0;
/// From a symbol's bottom to the first lane its third and fourth exits run
/// along, and from one such lane to the next.
pub(super) const BELOW_LANE: f64 = 5.0;
/// The closest two channel tracks may run: 0.7 pt arrows still a clear
/// 1.5 pt apart.
const MIN_TRACK_GAP: f64 = 2.2;

/// The size of exit labels (`sk-arrow` in sopkit-lib.typ).
pub const LABEL_SIZE: f64 = 6.5;
/// Room around an exit label beside a decision: from the vertex, and to the
/// arrow's turn into its channel.
pub(super) const LABEL_MARGIN: f64 = 4.0;
/// The narrowest decision diamond.
const MIN_DECISION_WIDTH: f64 = 24.0;
/// How far a label's text reaches above and below `ArrowLabel::y` (the
/// template places its top 3.5 pt above `y`; poppler boxes its glyphs about
/// 3.7 pt above and 2.4 pt below `y`).
pub(super) const LABEL_ABOVE: f64 = 4.8;
pub(super) const LABEL_BELOW: f64 = 2.7;
/// From one line of a label to the next (`sk-arrow` stacks its lines: the
/// cap height and 3 pt, at the usual size).
pub(super) const LABEL_LINE: f64 = 0.729 * LABEL_SIZE + 3.0;

/// From one line of a label to the next at `size` (`sk-arrow` scales its
/// spacing with the size).
pub(super) fn label_line(size: f64) -> f64 {
    LABEL_LINE * size / LABEL_SIZE
}

/// The texts a label may be printed as: itself, the lines of its two-line
/// form and its words (what the caller measures for `Sizes::label_widths`).
pub fn label_texts(label: &str) -> Vec<String> {
    let mut texts = vec![label.to_owned()];
    if let Some(two) = two_lines(label) {
        texts.extend(two.lines().map(str::to_owned));
    }
    if let Some(words) = word_lines(label) {
        texts.extend(words.lines().map(str::to_owned).filter(|word| !texts.contains(word)).collect::<Vec<_>>());
    }
    texts
}

/// A label of several words, a word a line.
pub(super) fn word_lines(text: &str) -> Option<String> {
    text.contains(' ').then(|| text.split(' ').collect::<Vec<_>>().join("\n"))
}

/// A label of several words on two lines, broken at the space that makes
/// the longer line shortest.
pub(super) fn two_lines(text: &str) -> Option<String> {
    let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
    let best = spaces.into_iter().min_by_key(|&i| (text.len() - i - 1).max(i))?;
    Some(format!("{}\n{}", &text[..best], &text[best + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_of_several_words_break_where_their_lines_are_most_even() {
        assert_eq!(label_texts("Ya"), ["Ya"]);
        assert_eq!(label_texts("Belum Lengkap"), ["Belum Lengkap", "Belum", "Lengkap"]);
        assert_eq!(
            label_texts("Disetujui dengan catatan"),
            ["Disetujui dengan catatan", "Disetujui", "dengan catatan", "dengan", "catatan"]
        );
        assert_eq!(two_lines("Tidak sesuai dengan jadwal").as_deref(), Some("Tidak sesuai\ndengan jadwal"));
    }

    #[test]
    fn a_decision_narrows_to_leave_its_widest_label_room_beside_it() {
        let wide = Sizes::for_lane_width(30.0 * MM);
        assert_eq!(wide.decision_width(), wide.symbol_width, "short labels: as wide as a box");
        let labelled = Sizes { label_widths: vec![("Belum Lengkap".into(), 25.0)], ..wide.clone() };
        assert_eq!(labelled.decision_width(), 30.0 * MM - 2.0 * (25.0 + LABEL_MARGIN));
        // A lane sized for the label holds the narrowest diamond with it.
        let tight = Sizes::for_lane_width(Sizes::lane_for_labels(25.0));
        let tight = Sizes { label_widths: labelled.label_widths.clone(), ..tight };
        assert_eq!(tight.decision_width(), MIN_DECISION_WIDTH);
    }

    #[test]
    fn symbols_never_shrink_below_their_floor_and_terminators_stay_capsules() {
        for lane in [crate::layout::page::LANE_FLOOR, 44.0, 48.0, 60.0] {
            let mut sizes = Sizes::for_lane_width(lane);
            for attempt in 1..=5 {
                sizes.make_room_for_tracks(attempt);
            }
            assert!(sizes.symbol_width >= MIN_SYMBOL_WIDTH, "{lane}: {}", sizes.symbol_width);
            assert!(sizes.terminator_width() >= 1.5 * sizes.box_height, "{lane}: a capsule, not a circle");
            assert!(sizes.symbol_width < lane, "{lane}: the symbol inside its column");
        }
        // A lane wide enough keeps the usual proportions.
        assert_eq!(Sizes::for_lane_width(60.0).symbol_width, 36.0);
    }
}
