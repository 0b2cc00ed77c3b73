//! `sopkit check [PROJECT]`: the whole build, Typst included, without
//! writing anything; exit 1 with located errors.

use std::process::ExitCode;

use clap::Args;

use super::args::{ProjectArg, WarningArgs};
use super::terminal::report;
use crate::diagnostic::EnvError;
use crate::pipeline::{self, BuildOptions, Silent};

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub project: ProjectArg,
    #[command(flatten)]
    pub warnings: WarningArgs,
}

pub fn run(args: CheckArgs) -> Result<ExitCode, EnvError> {
    let options = BuildOptions { project: args.project.project, write: false, ..BuildOptions::default() };
    let outcome = pipeline::run(&options, &Silent)?;
    Ok(report(&outcome.diagnostics, args.warnings.deny_warnings, || {
        eprintln!("{}", crate::tr!("check-ok"));
    }))
}
