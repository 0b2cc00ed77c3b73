//! Argument groups several commands share, flattened into each of them so
//! that a flag means the same everywhere and no command lacks one its
//! siblings take.

use std::path::PathBuf;

use clap::Args;

/// The project folder, as the first argument.
#[derive(Debug, Clone, Args)]
pub struct ProjectArg {
    /// Project folder (default: the current folder)
    #[arg(default_value = ".")]
    pub project: PathBuf,
}

/// How warnings are judged.
#[derive(Debug, Clone, Args)]
pub struct WarningArgs {
    /// Treat warnings as errors
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Where documents go and how their PDFs are made.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output folder (default: output/<project folder name>/)
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Also write each generated Typst source beside its PDF (x.typ beside x.pdf)
    #[arg(long)]
    pub emit_typst: bool,
    /// Add an empty signature field (AcroForm /FT /Sig) over every signature box
    #[arg(long)]
    pub sign_fields: bool,
    /// Write plain PDF instead of PDF/A-2b
    #[arg(long)]
    pub no_pdfa: bool,
    /// Also write the static SOP portal into OUT/portal/ (or set `[portal] aktif = true`)
    #[arg(long)]
    pub portal: bool,
    /// Parallel jobs (default: all cores)
    #[arg(short, long, value_name = "N", env = "SOPKIT_JOBS")]
    pub jobs: Option<usize>,
}

/// Which SOPs a build makes.
#[derive(Debug, Clone, Args)]
pub struct SelectArgs {
    /// Only this SOP: its path under sops/ without extension (repeatable)
    #[arg(long = "only", value_name = "STEM")]
    pub only: Vec<String>,
}
