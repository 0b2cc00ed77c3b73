//! How much of a workbook the importer reads at most (what any spreadsheet
//! may hold is bounded in `load::limits`). Every limit exists so that a
//! hostile or broken file ends in a clear error in bounded time and
//! memory, far above what any real SOP workbook needs.

/// Rows and columns read per sheet. An SOP sheet of 200 steps at five rows
/// each fits well within this.
pub const MAX_ROWS: u32 = 2_000;
pub const MAX_COLS: u32 = 128;
/// Shapes read from one sheet's drawing.
pub const MAX_SHAPES: usize = 5_000;
