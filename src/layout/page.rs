//! Stage 4, layout: the page, its paper, orientation and margins in points, and the widths of
//! the procedure table's columns.

use serde::Serialize;

use crate::model::{Orientation, ProjectConfig};

/// Millimetres to points.
pub const MM: f64 = 72.0 / 25.4;

/// Page size and margins in points.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PageGeometry {
    pub width: f64,
    pub height: f64,
    pub margin_x: f64,
    pub margin_top: f64,
    pub margin_bottom: f64,
}

impl PageGeometry {
    pub fn of(config: &ProjectConfig) -> Self {
        let (w, h) = config.format.paper.size_mm();
        let (w, h) = match config.format.orientation {
            Orientation::Landscape => (h, w),
            Orientation::Portrait => (w, h),
        };
        let margin = config.format.margin_mm * MM;
        // The footer: page numbers, and the TTE notice with its QR code.
        let footer = if config.tte.footer { 24.0 } else { 7.0 };
        Self {
            width: w * MM,
            height: h * MM,
            margin_x: margin,
            margin_top: margin,
            margin_bottom: margin + footer * MM,
        }
    }

    pub fn content_width(&self) -> f64 {
        self.width - 2.0 * self.margin_x
    }

    pub fn content_height(&self) -> f64 {
        self.height - self.margin_top - self.margin_bottom
    }
}

/// What a text column (Kegiatan, Kelengkapan, Waktu, Output, Keterangan)
/// asks of the width, in points: its widest unbreakable piece (a header
/// word or a word of its cells, insets included) and all its text set on
/// one line, summed over the rows.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TextDemand {
    pub least: f64,
    pub amount: f64,
}

/// Why the columns do not fit the page: the actors' columns would be
/// narrower than [`LANE_FLOOR`] with the text columns at their least.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NoRoom {
    /// The width the columns need at the least, and the width there is.
    pub needed: f64,
    pub width: f64,
}

/// How the text columns share their width: in fixed proportions (where
/// actors do not crowd the page), or by their content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextWidths {
    Proportional,
    ByContent,
}

/// How wide a lane must be for the decisions' exit labels beside them:
/// on one line at the usual size while the page has room (`roomy`), and
/// a word a line at the smallest size where actors crowd it (`crowded`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LaneNeed {
    pub roomy: f64,
    pub crowded: f64,
}

impl LaneNeed {
    /// The same need either way.
    pub fn fixed(lane: f64) -> Self {
        Self { roomy: lane, crowded: lane }
    }
}

/// The narrowest actor column: the narrowest symbol (a terminator capsule
/// half again as wide as tall, see `flowchart::Sizes`) with room on each
/// side for a channel track.
pub const LANE_FLOOR: f64 = 36.0;
/// The No column.
const NO_WIDTH: f64 = 22.0;
/// Below this lanes are crowded (the width they took before any actor
/// column was crowded).
const CROWDED_LANE: f64 = 48.0;
/// The share of the width the text columns keep in a crowded sheet, where
/// the lanes can give it.
const CROWDED_TEXT_SHARE: f64 = 0.35;
/// The narrowest text column, whatever its content.
const TEXT_FLOOR: f64 = 24.0;

/// Column widths in points: No, Kegiatan, one per actor, then the other
/// text columns (the mutu baku columns, Keterangan). `shares` are the text
/// columns' shares of the width, Kegiatan's first; `demand` what each of
/// them asks, in the same order.
///
/// While every lane can be 48 pt wide with the text columns keeping 45 % of
/// the width, a lane is never narrower than `min_lane` (the room a
/// decision's exit labels need beside it), and the text columns share the
/// rest in fixed proportions. Beyond that the actor area is crowded: the
/// text columns give way down to the least their content needs and a third of the
/// width where the lanes can give that, the lanes take up to 48 pt each,
/// and what is left goes to the text columns by how much text each holds. Lanes narrower than [`LANE_FLOOR`] even then: [`NoRoom`].
pub fn columns(
    width: f64,
    lanes: usize,
    min_lane: LaneNeed,
    shares: &[f64],
    demand: &dyn Fn() -> Vec<TextDemand>,
    text_widths: TextWidths,
) -> Result<Vec<f64>, NoRoom> {
    let no = NO_WIDTH;
    // Actors get what the text columns' shares leave, within limits.
    let share_sum: f64 = shares.iter().sum();
    if (width * 0.55 - no) / (lanes.max(1) as f64) < CROWDED_LANE {
        // Measured only here: every word of every cell.
        return crowded_columns(width, lanes, min_lane.crowded, &demand(), shares);
    }
    let min_lane = min_lane.roomy;
    let most = (width * 0.55 - no) / lanes as f64;
    let (min_lane, max_lane) = (min_lane.max(CROWDED_LANE).min(most), 34.0 * MM);
    let rest = width - no - share_sum * width;
    let lane = (rest / lanes as f64).max(min_lane).min(max_lane.max(min_lane));
    // Whatever the lanes do not take (or take beyond their share) goes to
    // or comes from the text columns in proportion.
    let text_total = width - no - lane * lanes as f64;
    let proportional = || shares.iter().map(|s| s / share_sum * text_total).collect();
    let text = match text_widths {
        TextWidths::ByContent => by_content(text_total, &demand(), shares).unwrap_or_else(proportional),
        TextWidths::Proportional => proportional(),
    };
    Ok(with_lanes(no, &text, lane, lanes))
}

/// No, Kegiatan (the first of `text`), the lanes, the other text columns.
fn with_lanes(no: f64, text: &[f64], lane: f64, lanes: usize) -> Vec<f64> {
    let mut cols = vec![no, text[0]];
    cols.extend(std::iter::repeat_n(lane, lanes));
    cols.extend(&text[1..]);
    cols
}

/// The text columns' widths out of `total`: each its least, and what is
/// left by the text it holds (a column of empty cells keeps a little, by
/// its usual share), so that a long Kelengkapan takes the room an empty
/// Waktu does not need. `None` when their least is more than `total`.
fn by_content(total: f64, demand: &[TextDemand], shares: &[f64]) -> Option<Vec<f64>> {
    // A column nothing was measured for asks for nothing but the floor.
    let demand: Vec<TextDemand> = (0..shares.len()).map(|k| demand.get(k).copied().unwrap_or_default()).collect();
    let least: Vec<f64> = demand.iter().map(|d| d.least.max(TEXT_FLOOR)).collect();
    let spare = total - least.iter().sum::<f64>();
    if spare < 0.0 {
        return None;
    }
    let amount_sum: f64 = demand.iter().map(|d| d.amount).sum();
    let weights: Vec<f64> =
        demand.iter().zip(shares).map(|(d, share)| d.amount + share * amount_sum.max(1.0) * 0.1).collect();
    let weight_sum: f64 = weights.iter().sum();
    Some(least.iter().zip(&weights).map(|(l, w)| l + spare * w / weight_sum).collect())
}

/// The columns of a crowded actor area (see [`columns`]).
fn crowded_columns(
    width: f64,
    lanes: usize,
    min_lane: f64,
    demand: &[TextDemand],
    shares: &[f64],
) -> Result<Vec<f64>, NoRoom> {
    // A column nothing was measured for asks for nothing but the floor.
    let demand: Vec<TextDemand> = (0..shares.len()).map(|k| demand.get(k).copied().unwrap_or_default()).collect();
    let least: Vec<f64> = demand.iter().map(|d| d.least.max(TEXT_FLOOR)).collect();
    let least_sum: f64 = least.iter().sum();
    // The text columns keep a third of the width or more while the lanes
    // can stay above their floor, and never less than their least.
    let lanes_f = lanes as f64;
    let widest_lane = (width - NO_WIDTH - least_sum) / lanes_f;
    let lane = ((width - NO_WIDTH - least_sum.max(CROWDED_TEXT_SHARE * width)) / lanes_f)
        .max(LANE_FLOOR)
        .min(widest_lane)
        .min(CROWDED_LANE)
        // Decisions' labels need it: the text columns give way down to
        // their least.
        .max(min_lane.min(widest_lane));
    if lane < LANE_FLOOR {
        return Err(NoRoom { needed: NO_WIDTH + least_sum + LANE_FLOOR * lanes_f, width });
    }
    let total = width - NO_WIDTH - lane * lanes_f;
    let text =
        by_content(total, &demand, shares).unwrap_or_else(|| least.iter().map(|l| l * total / least_sum).collect());
    Ok(with_lanes(NO_WIDTH, &text, lane, lanes))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: [TextDemand; 5] = [TextDemand { least: 0.0, amount: 0.0 }; 5];
    /// The default text columns' shares: Kegiatan, Kelengkapan, Waktu,
    /// Output, Keterangan.
    const SHARES: [f64; 5] = [0.22, 0.11, 0.065, 0.11, 0.085];

    #[test]
    fn columns_fill_the_width() {
        for lanes in 1..=15 {
            let cols =
                columns(860.0, lanes, LaneNeed::fixed(48.0), &SHARES, &|| NONE.to_vec(), TextWidths::Proportional)
                    .expect("room");
            assert_eq!(cols.len(), lanes + 6);
            assert!((cols.iter().sum::<f64>() - 860.0).abs() < 0.01);
            assert!(cols[2] >= LANE_FLOOR, "{lanes} lanes: {}", cols[2]);
        }
    }

    #[test]
    fn a_crowded_actor_area_takes_room_from_the_text_columns_down_to_their_least() {
        let demand = |least: f64| [TextDemand { least, amount: 0.0 }; 5];
        let few =
            columns(760.0, 8, LaneNeed::fixed(48.0), &SHARES, &|| demand(40.0).to_vec(), TextWidths::Proportional)
                .expect("room");
        let many =
            columns(760.0, 12, LaneNeed::fixed(48.0), &SHARES, &|| demand(40.0).to_vec(), TextWidths::Proportional)
                .expect("room");
        assert!(few[2] >= 48.0 && many[2] < few[2] && many[2] >= LANE_FLOOR, "{} {}", few[2], many[2]);
        let text =
            |cols: &[f64], lanes: usize| [cols[1], cols[2 + lanes], cols[3 + lanes], cols[4 + lanes], cols[5 + lanes]];
        assert!(text(&many, 12).iter().all(|&w| w >= 40.0), "{many:?}");
        // Fifteen actors on a narrow page: no room, and how much is needed.
        let short =
            columns(500.0, 15, LaneNeed::fixed(48.0), &SHARES, &|| demand(40.0).to_vec(), TextWidths::Proportional)
                .expect_err("no room");
        assert_eq!(short.needed, NO_WIDTH + 5.0 * 40.0 + 15.0 * LANE_FLOOR);
    }

    #[test]
    fn by_content_text_columns_follow_their_text_on_any_sheet() {
        let mut demand = [TextDemand { least: 30.0, amount: 100.0 }; 5];
        demand[1].amount = 5000.0; // a long Kelengkapan
        demand[2].amount = 0.0; // an empty Waktu
        let fixed = columns(900.0, 4, LaneNeed::fixed(48.0), &SHARES, &|| demand.to_vec(), TextWidths::Proportional)
            .expect("room");
        let by_content = columns(900.0, 4, LaneNeed::fixed(48.0), &SHARES, &|| demand.to_vec(), TextWidths::ByContent)
            .expect("room");
        assert_eq!(fixed[2..6], by_content[2..6], "the lanes keep their width");
        let (kelengkapan, waktu) = (by_content[6], by_content[7]);
        assert!(kelengkapan > fixed[6] && waktu < fixed[7] && waktu >= 30.0, "{fixed:?} {by_content:?}");
        assert!((by_content.iter().sum::<f64>() - 900.0).abs() < 0.01);
    }

    #[test]
    fn crowded_text_columns_share_by_the_text_they_hold() {
        let mut demand = [TextDemand { least: 30.0, amount: 100.0 }; 5];
        demand[1].amount = 5000.0; // a long Kelengkapan
        demand[2].amount = 0.0; // an empty Waktu
        let cols = columns(900.0, 12, LaneNeed::fixed(48.0), &SHARES, &|| demand.to_vec(), TextWidths::Proportional)
            .expect("room");
        let (kelengkapan, waktu) = (cols[2 + 12], cols[3 + 12]);
        assert!(kelengkapan > 3.0 * waktu && waktu >= 30.0, "{cols:?}");
    }
}
