//! `sopkit monev [PROJECT] [RECORD...]`: the monitoring and evaluation
//! paperwork of the records (default: every record under monev/), beside
//! what `build` wrote; prints the manifest's path.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::args::{OutputArgs, WarningArgs};
use super::terminal::{Report, report};
use crate::diagnostic::EnvError;
use crate::monev::{self, MonevOptions};

#[derive(Debug, Args)]
pub struct MonevArgs {
    /// Project folder (default: the current folder)
    #[arg(default_value = ".")]
    pub project: PathBuf,
    /// Monev records: .yaml/.toml or .xlsx/.xls/.ods (one record each), or folders of them (default: PROJECT/monev/)
    pub records: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub warnings: WarningArgs,
}

pub fn run(args: MonevArgs) -> Result<ExitCode, EnvError> {
    let output = args.output;
    let options = MonevOptions {
        project: args.project,
        records: args.records,
        out: output.out,
        sign_fields: output.sign_fields,
        emit_typst: output.emit_typst,
        plain_pdf: output.no_pdfa,
        jobs: output.jobs,
    };
    let outcome = monev::run(&options, &Report::new())?;
    Ok(report(&outcome.diagnostics, args.warnings.deny_warnings, || {
        if let Some(dir) = &outcome.out_dir {
            println!("{}", dir.join("manifest.json").display());
        }
    }))
}
