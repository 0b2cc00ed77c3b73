//! Stage 4, layout: where everything of a sheet goes. `page` sizes the page
//! and the table's columns, `sheet` gathers what is printed in them (shared
//! with the measuring pass, stage 3), and `flowchart` breaks the measured
//! rows into pages and places every symbol, arrow and connector.

pub mod flowchart;
pub mod page;
pub mod sheet;

pub use flowchart::{
    LABEL_SIZE, Layout, LayoutError, LayoutStats, MIN_TEXT_SIZE, PageLayout, Sizes, label_texts, layout,
    layout_under_identity,
};
pub use page::{LaneNeed, MM};
