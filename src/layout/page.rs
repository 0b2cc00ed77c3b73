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

/// Column widths in points: No, Kegiatan, one per actor, then the other
/// text columns (the mutu baku columns, Keterangan). `shares` are the text
/// columns' shares of the width, Kegiatan's first.
/// A lane is never narrower than `min_lane` (the room a decision's exit
/// labels need beside it), as long as the lanes leave the text columns 45 %
/// of the width (below that their header words no longer fit).
pub fn columns(width: f64, lanes: usize, min_lane: f64, shares: &[f64]) -> Vec<f64> {
    let no = 22.0;
    // Actors get what the text columns' shares leave, within limits.
    let share_sum: f64 = shares.iter().sum();
    let most = ((width * 0.55 - no) / lanes as f64).max(48.0);
    let (min_lane, max_lane) = (min_lane.max(48.0).min(most), 34.0 * MM);
    let rest = width - no - share_sum * width;
    let lane = (rest / lanes as f64).max(min_lane).min(max_lane.max(min_lane));
    // Whatever the lanes do not take (or take beyond their share) goes to
    // or comes from the text columns in proportion.
    let text_total = width - no - lane * lanes as f64;
    let mut cols = vec![no, shares[0] / share_sum * text_total];
    cols.extend(std::iter::repeat_n(lane, lanes));
    cols.extend(shares[1..].iter().map(|s| s / share_sum * text_total));
    cols
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fill_the_width() {
        for lanes in 1..=9 {
            let cols = columns(860.0, lanes, 48.0, &[0.22, 0.11, 0.065, 0.11, 0.085]);
            assert_eq!(cols.len(), lanes + 6);
            assert!((cols.iter().sum::<f64>() - 860.0).abs() < 0.01);
            assert!(cols[2] >= 48.0);
        }
    }
}
