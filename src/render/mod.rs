//! Stage 5, render: data merged into minijinja templates that produce
//! Typst sources. `templates` is the environment (built-in templates,
//! project overrides, escaping of every value for its context); the other
//! modules build what each template receives: a sheet, the decree and its
//! lampiran, the book's front matter, and the TTE extras any of them carry.

pub mod book;
pub mod decree;
pub mod sheet;
pub mod templates;
pub mod tte;

pub use templates::Templates;

/// A template context with the flag telling a document from a part of the book.
#[derive(serde::Serialize)]
pub struct Standalone<T> {
    pub standalone: bool,
    #[serde(flatten)]
    pub inner: T,
}
