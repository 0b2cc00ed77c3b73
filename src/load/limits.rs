//! Stage 1, load: how much of a spreadsheet sopkit reads at most, and why
//! a sheet is refused before calamine reads it. calamine holds a sheet as a
//! dense grid over the box its values span, so one stray value far from the
//! others (cell XFD1048576) asks for hundreds of gigabytes, and a failed
//! allocation aborts the process. Every limit is far above what any SOP,
//! lampiran list or run record needs.

/// Larger files are refused unread.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// About 256 MB of calamine cells; an SOP sheet needs a few thousand.
pub const MAX_GRID: u64 = 8_000_000;

/// Why a workbook is not handed to calamine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The container itself cannot be read (the reason, as its reader says).
    Damaged(String),
    /// A sheet's values span more than `MAX_GRID` cells.
    Span(Span),
    /// An .xls sheet's DIMENSIONS record declares more than `MAX_GRID` cells.
    Declared { sheet: String },
}

/// The box a sheet's values span (0-based rows and columns, inclusive) and
/// the value farthest from the sheet's start, the one to delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub sheet: String,
    pub first: (u32, u32),
    pub last: (u32, u32),
    pub far: (u32, u32),
}

impl Span {
    /// The span of one value.
    pub fn at(sheet: &str, row: u32, col: u32) -> Self {
        Self { sheet: sheet.to_owned(), first: (row, col), last: (row, col), far: (row, col) }
    }

    /// Widens the span to hold the value at `row`, `col`.
    pub fn add(&mut self, row: u32, col: u32) {
        self.first = (self.first.0.min(row), self.first.1.min(col));
        self.last = (self.last.0.max(row), self.last.1.max(col));
        if u64::from(row) + u64::from(col) > u64::from(self.far.0) + u64::from(self.far.1) {
            self.far = (row, col);
        }
    }

    pub fn rows(&self) -> u64 {
        u64::from(self.last.0 - self.first.0) + 1
    }

    pub fn cols(&self) -> u64 {
        u64::from(self.last.1 - self.first.1) + 1
    }

    pub fn cells(&self) -> u64 {
        self.rows() * self.cols()
    }
}

/// Widens `span` (started at the first value) by one value, and refuses
/// the sheet once the span holds more than `MAX_GRID` cells.
pub fn widen(span: &mut Option<Span>, sheet: &str, row: u32, col: u32) -> Result<(), Refusal> {
    match span {
        Some(span) => span.add(row, col),
        None => *span = Some(Span::at(sheet, row, col)),
    }
    match span {
        Some(span) if span.cells() > MAX_GRID => Err(Refusal::Span(span.clone())),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_far_value_widens_the_span_past_the_limit() {
        let mut span = None;
        widen(&mut span, "Data", 0, 0).unwrap();
        widen(&mut span, "Data", 40, 7).unwrap();
        let Err(Refusal::Span(refused)) = widen(&mut span, "Data", 1_048_575, 16_383) else { panic!("{span:?}") };
        assert_eq!((refused.first, refused.last, refused.far), ((0, 0), (1_048_575, 16_383), (1_048_575, 16_383)));
        assert_eq!(refused.cells(), 1_048_576 * 16_384);
    }
}
