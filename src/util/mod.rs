//! Leaf utilities every stage may use; they know nothing of SOPs.

pub mod digest;
pub mod fs;
pub mod http;
pub mod numbering;
pub mod text;
pub mod workers;
pub mod yes_no;
