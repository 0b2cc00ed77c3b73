//! The command line: one struct per subcommand (interface.md's fixed core
//! plus documented extensions). Parsing only; `main.rs` dispatches.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "sopkit", version, about = "Indonesian government SOPs as official, signed-ready PDFs")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new SOP project that builds as it is
    Init(InitArgs),
    /// Validate the project; exit 1 with file:line:col errors
    Check(CheckArgs),
    /// Build the SOP sheets (and the other documents) into PDFs
    Build(BuildArgs),
    /// Build, then rebuild what changed whenever a project file is saved
    Watch(WatchArgs),
    /// Build per-run reports (laporan) from run records
    Laporan(LaporanArgs),
    /// Convert legacy .xlsx/.xls/.ods SOP tables into definitions
    Import(ImportArgs),
    /// Copy the built-in templates into the project's templates/ folder for editing
    Templates(TemplatesArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder of the new project (created; must be empty or absent)
    pub dir: PathBuf,
}

/// Options shared by the commands that read a project.
#[derive(Debug, Args)]
pub struct ProjectArgs {
    /// Treat warnings as errors
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Project folder (default: the current folder)
    #[arg(default_value = ".")]
    pub project: PathBuf,
    #[command(flatten)]
    pub common: ProjectArgs,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Project folder (default: the current folder)
    #[arg(default_value = ".")]
    pub project: PathBuf,
    /// Output folder (default: output/<project folder name>/)
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Build only this SOP: its path under sops/ without extension (repeatable)
    #[arg(long = "only", value_name = "STEM")]
    pub only: Vec<String>,
    /// Also write each generated Typst source beside its PDF (x.typ beside x.pdf)
    #[arg(long)]
    pub emit_typst: bool,
    /// Add an empty signature field (AcroForm /FT /Sig) over every signature box
    #[arg(long)]
    pub sign_fields: bool,
    /// Parallel jobs (default: all cores)
    #[arg(short, long, value_name = "N", env = "SOPKIT_JOBS")]
    pub jobs: Option<usize>,
    /// Write plain PDF instead of PDF/A-2b
    #[arg(long)]
    pub no_pdfa: bool,
    #[command(flatten)]
    pub common: ProjectArgs,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Project folder (default: the current folder)
    #[arg(default_value = ".")]
    pub project: PathBuf,
    /// Output folder (default: output/<project folder name>/)
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Parallel jobs (default: all cores)
    #[arg(short, long, value_name = "N", env = "SOPKIT_JOBS")]
    pub jobs: Option<usize>,
    /// How often to look for changes, in milliseconds
    #[arg(long, default_value_t = 300, value_name = "MS")]
    pub interval: u64,
}

#[derive(Debug, Args)]
pub struct LaporanArgs {
    /// Run records: .yaml/.toml (one run each), .xlsx/.xls/.ods (one run per row), or folders of them
    #[arg(required = true)]
    pub runs: Vec<PathBuf>,
    /// Project folder
    #[arg(long, default_value = ".")]
    pub project: PathBuf,
    /// Output folder (default: output/<project folder name>/)
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Add an empty signature field over every signature box
    #[arg(long)]
    pub sign_fields: bool,
    /// Also write each generated Typst source beside its PDF
    #[arg(long)]
    pub emit_typst: bool,
    /// Write plain PDF instead of PDF/A-2b
    #[arg(long)]
    pub no_pdfa: bool,
    /// Parallel jobs (default: all cores)
    #[arg(short, long, value_name = "N", env = "SOPKIT_JOBS")]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub common: ProjectArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Legacy workbooks (.xlsx, .xls, .ods)
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

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// Project folder (default: the current folder)
    #[arg(default_value = ".")]
    pub project: PathBuf,
    /// Overwrite templates already in the project's templates/ folder
    #[arg(long)]
    pub force: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
