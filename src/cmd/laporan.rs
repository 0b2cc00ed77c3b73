//! `sopkit laporan RUN...`: one report per run record, beside what `build`
//! wrote; prints the manifest's path.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::args::{OutputArgs, WarningArgs};
use super::terminal::{Report, report};
use crate::diagnostic::EnvError;
use crate::laporan::{self, LaporanOptions};

#[derive(Debug, Args)]
pub struct LaporanArgs {
    /// Run records: .yaml/.toml (one run each), .xlsx/.xls/.ods (one run per row), or folders of them
    #[arg(required = true)]
    pub runs: Vec<PathBuf>,
    /// Project folder
    #[arg(long, default_value = ".")]
    pub project: PathBuf,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub warnings: WarningArgs,
}

pub fn run(args: LaporanArgs) -> Result<ExitCode, EnvError> {
    let output = args.output;
    let options = LaporanOptions {
        project: args.project,
        runs: args.runs,
        out: output.out,
        sign_fields: output.sign_fields,
        emit_typst: output.emit_typst,
        plain_pdf: output.no_pdfa,
        jobs: output.jobs,
    };
    let outcome = laporan::run(&options, &Report::new())?;
    Ok(report(&outcome.diagnostics, args.warnings.deny_warnings, || {
        if let Some(dir) = &outcome.out_dir {
            println!("{}", dir.join("manifest.json").display());
        }
    }))
}
