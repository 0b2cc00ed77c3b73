//! sopkit: Indonesian government SOP definitions in, official PDFs out.
//!
//! The pipeline, a folder per stage in the order data flows
//! (docs/architecture.md draws it):
//! [`load`] (1) -> [`validate`] (2) -> [`measure`] (3) -> [`layout`] (4) ->
//! [`render`] (5) -> [`compile`] (6) -> [`finish`] (7) -> [`publish`] (8, the
//! static portal), driven by
//! [`pipeline`]. [`laporan`] (per-run reports), [`monev`] (monitoring and evaluation
//! paperwork) and [`import`] (legacy workbooks) are pipelines of their own over the same stages; [`cmd`] is
//! the command line. [`model`] holds the types every stage reads,
//! [`diagnostic`] the one error vocabulary, [`i18n`] the user's language
//! (every message in Indonesian and English), [`util`] leaf helpers.
//!
//! Modules are declared in import order: each imports only modules above
//! it (tests/cli/architecture.rs checks this).

pub mod i18n;
pub mod diagnostic;
pub mod util;
pub mod model;
pub mod load;
pub mod validate;
pub mod layout;
pub mod compile;
pub mod render;
pub mod measure;
pub mod finish;
pub mod publish;
pub mod pipeline;
pub mod laporan;
pub mod monev;
pub mod import;
pub mod migrate;
pub mod cmd;

/// Typst lays out with many small allocations: mimalloc takes a third off a
/// cold build of a thousand sheets against the system allocator
/// (`benches/portal.rs`). Declared here, it serves the binary, the tests and
/// the benchmarks alike.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
