//! sopkit: Indonesian government SOP definitions in, official PDFs out.
//!
//! The pipeline, one module per stage:
//! [`load`] -> [`validate`] -> [`layout`] (with [`measure`]) -> [`render`] ->
//! [`compile`] -> [`finish`]. [`build`] runs it for a project.

pub mod diagnostic;
pub mod flow;
pub mod layout;
pub mod load;
pub mod model;
pub mod validate;
