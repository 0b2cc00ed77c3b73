//! The integration tests: one test binary that runs the real `sopkit`
//! binary on the fixture projects and checks what a user sees: exit codes,
//! error messages, the PDFs' text (poppler's pdftotext), page counts,
//! signatures, pixels of rendered pages, the manifest, and the flowchart's
//! geometry as Typst laid it out. One module per feature; `support` holds
//! the runner, the project builder and the tools.

mod support;

mod architecture;
mod book;
mod build;
mod decree;
mod errors;
mod flowchart;
mod import;
mod laporan;
mod outputs;
mod project;
mod sheets;
mod signing;
