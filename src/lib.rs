//! sopkit: Indonesian government SOP definitions in, official PDFs out.
//!
//! The pipeline, one module per stage:
//! [`load`] -> [`validate`] -> [`measure`] + [`layout`] -> [`render`]
//! (with [`sheet`]) -> [`compile`] (in a [`world`]) -> [`finish`].
//! [`build`] runs it for a project; [`cli`] is the command line.

pub mod book;
pub mod build;
pub mod cache;
pub mod cli;
pub mod compile;
pub mod decree;
pub mod diagnostic;
pub mod finish;
pub mod flow;
pub mod import;
pub mod init;
pub mod laporan;
pub mod layout;
pub mod load;
pub mod measure;
pub mod model;
pub mod numbering;
pub mod render;
pub mod sheet;
pub mod text;
pub mod tte;
pub mod unhinted;
pub mod validate;
pub mod watch;
pub mod workers;
pub mod world;
