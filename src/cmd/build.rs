//! `sopkit build [PROJECT]`: every document of the project into PDFs; prints
//! the manifest's path.

use std::process::ExitCode;

use clap::Args;

use super::args::{OutputArgs, ProjectArg, SelectArgs, WarningArgs};
use super::terminal::{Report, report};
use crate::diagnostic::EnvError;
use crate::pipeline::{self, BuildOptions};

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub project: ProjectArg,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub warnings: WarningArgs,
}

impl BuildArgs {
    /// What the library builds for these arguments.
    pub fn options(&self) -> BuildOptions {
        let output = &self.output;
        BuildOptions {
            project: self.project.project.clone(),
            out: output.out.clone(),
            only: self.select.only.clone(),
            emit_typst: output.emit_typst,
            sign_fields: output.sign_fields,
            jobs: output.jobs,
            plain_pdf: output.no_pdfa,
            portal: output.portal,
            write: true,
            geometry: false,
            ..BuildOptions::default()
        }
    }
}

pub fn run(args: BuildArgs) -> Result<ExitCode, EnvError> {
    let outcome = pipeline::run(&args.options(), &Report::new())?;
    let code = report(&outcome.diagnostics, args.warnings.deny_warnings, || {});
    print_notes(&outcome.notes);
    // What was written is listed even when some SOPs failed.
    if let Some(dir) = &outcome.out_dir {
        println!("{}", dir.join("manifest.json").display());
    }
    Ok(code)
}

/// What a build did besides writing: outputs kept, outputs removed.
pub fn print_notes(notes: &[String]) {
    for note in notes {
        eprintln!("{}: {note}", crate::tr!("severity-note"));
    }
}
