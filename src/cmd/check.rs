//! `sopkit check [PROJECT]`: the whole build, Typst included, without
//! writing anything; exit 1 with located errors.

use std::process::ExitCode;

use clap::Args;

use super::args::{ProjectArg, SelectArgs, WarningArgs};
use super::terminal::report;
use crate::diagnostic::EnvError;
use crate::pipeline::{self, BuildOptions, Silent};

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub project: ProjectArg,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub warnings: WarningArgs,
}

pub fn run(args: CheckArgs) -> Result<ExitCode, EnvError> {
    let only = args.select.only.join(", ");
    let options =
        BuildOptions { project: args.project.project, only: args.select.only, write: false, ..BuildOptions::default() };
    let outcome = pipeline::run(&options, &Silent)?;
    for line in &outcome.shared_revisions {
        eprintln!("{line}");
    }
    Ok(report(&outcome.diagnostics, args.warnings.deny_warnings, || {
        // Say what was checked: with `--only`, those SOPs, not the project.
        if only.is_empty() {
            eprintln!("{}", crate::tr!("check-ok"));
        } else {
            eprintln!("{}", crate::tr!("check-ok-only", sops = only.as_str()));
        }
    }))
}
