//! `sopkit import FILE|FOLDER...`: legacy workbooks (or every one in a
//! folder) into definitions; prints the paths written and a summary per
//! workbook.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::terminal::report;
use crate::diagnostic::EnvError;
use crate::import::{self, ImportOptions};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Legacy workbooks (.xlsx, .xls, .ods) and Word documents (.docx), or
    /// folders holding them
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Folder for the definitions written (default: sops/ when the current
    /// folder has one, else the current folder)
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Overwrite definitions that already exist
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: ImportArgs) -> Result<ExitCode, EnvError> {
    let options = ImportOptions { files: args.files, out: args.out, force: args.force };
    let outcome = import::run(&options)?;
    for summary in &outcome.summaries {
        eprintln!("{summary}");
    }
    Ok(report(&outcome.diagnostics, false, || {
        for path in &outcome.written {
            println!("{}", path.display());
        }
    }))
}
