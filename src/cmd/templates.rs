//! `sopkit templates [PROJECT]`: copy the built-in templates into the
//! project's `templates/` folder for editing.

use std::process::ExitCode;

use clap::Args;

use super::args::ProjectArg;
use crate::diagnostic::EnvError;

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    #[command(flatten)]
    pub project: ProjectArg,
    /// Overwrite templates already in the project's templates/ folder
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: TemplatesArgs) -> Result<ExitCode, EnvError> {
    for path in crate::render::templates::eject(&args.project.project.join("templates"), args.force)? {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
