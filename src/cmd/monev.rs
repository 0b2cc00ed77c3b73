//! `sopkit monev [PROJECT] [RECORD...]`: the monitoring and evaluation
//! paperwork of the records (default: every record under monev/), beside
//! what `build` wrote; prints the manifest's path.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::args::{OutputArgs, WarningArgs};
use super::terminal::{Report, report};
use crate::diagnostic::EnvError;
use crate::monev::{self, MonevOptions};

#[derive(Debug, Args)]
pub struct MonevArgs {
    /// [PROJECT] [RECORD...]: the project folder (default: the one holding
    /// the records, else the current folder), then monev records:
    /// .yaml/.toml or .xlsx/.xls/.ods (one record each), or folders of them
    /// (default: PROJECT/monev/)
    #[arg(value_name = "PROJECT_OR_RECORD")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub warnings: WarningArgs,
}

pub fn run(args: MonevArgs) -> Result<ExitCode, EnvError> {
    let output = args.output;
    let (project, records) = project_and_records(args.paths);
    let options = MonevOptions {
        project,
        records,
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

/// The first path is the project when it is a project folder (one with
/// sopkit.toml); else the project is the nearest folder holding the first
/// record that has sopkit.toml, else the current folder, and every path is
/// a record. (One optional positional before a list is what clap cannot
/// tell apart by itself.)
fn project_and_records(mut paths: Vec<PathBuf>) -> (PathBuf, Vec<PathBuf>) {
    let is_project = |dir: &Path| dir.join(crate::load::CONFIG_FILE).is_file();
    match paths.first() {
        Some(first) if is_project(first) => {
            let project = paths.remove(0);
            (project, paths)
        }
        Some(first) => {
            let absolute = std::path::absolute(first).unwrap_or_else(|_| first.clone());
            let holder = absolute.ancestors().skip(1).find(|dir| is_project(dir)).map(Path::to_path_buf);
            (holder.unwrap_or_else(|| PathBuf::from(".")), paths)
        }
        None => (PathBuf::from("."), paths),
    }
}
