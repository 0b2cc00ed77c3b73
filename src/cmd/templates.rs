//! `sopkit templates [PROJECT]`: copy the built-in templates into the
//! project's `templates/` folder for editing.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::diagnostic::EnvError;

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// Project folder (default: the current folder)
    #[arg(default_value = ".")]
    pub project: PathBuf,
    /// Overwrite templates already in the project's templates/ folder
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: TemplatesArgs) -> Result<ExitCode, EnvError> {
    for path in crate::render::templates::eject(&args.project.join("templates"), args.force)? {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
