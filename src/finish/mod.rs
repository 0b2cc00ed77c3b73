//! Stage 7, finish: documents built in memory become files. Each is
//! written atomically (`util::fs`), listed in `manifest.json` (`manifest`)
//! and remembered by the build cache (`cache`); the book is bound from
//! finished PDFs (`book`, with the PDF work in `bind`) and signature fields
//! are added on request (`sign_fields`); issued versions are archived and
//! recorded in the project's ledger (`ledger`, for `sopkit terbit`).

pub mod bind;
pub mod book;
pub mod cache;
pub mod document;
pub mod ledger;
pub mod manifest;
pub mod sign_fields;

pub use document::{Document, OutputKind, Pdf, SvgPage};
pub use manifest::{Manifest, ManifestEntry, remove_outputs, write_outputs};
