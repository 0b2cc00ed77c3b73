//! `sopkit satukan [PROJECT]`: moves a project to shared positions and
//! Dasar Hukum (see `migrate`), printing what it adds to sopkit.toml and
//! every line it changes; `--coba` only shows it.

use std::process::ExitCode;

use clap::Args;

use super::args::ProjectArg;
use super::terminal::report;
use crate::diagnostic::{Diagnostics, EnvError};
use crate::migrate::{self, Plan};

#[derive(Debug, Args)]
pub struct SatukanArgs {
    #[command(flatten)]
    pub project: ProjectArg,
    /// Show what would change, without writing anything
    #[arg(long)]
    pub coba: bool,
}

pub fn run(args: SatukanArgs) -> Result<ExitCode, EnvError> {
    let (project, diagnostics) = crate::load::load_project(&args.project.project)?;
    // Only a project that reads without errors can be rewritten safely.
    let Some(project) = project.filter(|_| !diagnostics.has_errors()) else {
        let code = report(&diagnostics, false, || {});
        eprintln!("{}", crate::tr!("migrate-fix-first"));
        return Ok(code);
    };
    let plan = migrate::plan(&project)?;
    if plan.files.is_empty() {
        println!("{}", crate::tr!("migrate-nothing"));
        return Ok(ExitCode::SUCCESS);
    }
    show(&plan);
    if args.coba {
        println!("{}", crate::tr!("migrate-tried", files = plan.files.len()));
        return Ok(ExitCode::SUCCESS);
    }
    migrate::apply(&project, &plan)?;
    println!("{}", crate::tr!("migrate-written", files = plan.files.len()));
    Ok(report(&Diagnostics::default(), false, || {}))
}

fn show(plan: &Plan) {
    for position in &plan.positions {
        let holder = position.holder.as_ref().map(|h| format!(" ({})", h.nama)).unwrap_or_default();
        println!(
            "{}",
            crate::tr!(
                "migrate-position",
                key = position.key.as_str(),
                jabatan = format!("{}{holder}", position.jabatan),
                count = position.sops
            )
        );
    }
    for (key, text, count) in &plan.laws {
        println!("{}", crate::tr!("migrate-law", key = key.as_str(), text = text.as_str(), count = count));
    }
    for file in &plan.files {
        println!("\n{}", file.name);
        for change in &file.changes {
            for (k, line) in change.removed.iter().enumerate() {
                println!("{:>5} - {line}", change.line + k);
            }
            for (k, line) in change.added.iter().enumerate() {
                println!("{:>5} + {line}", change.new_line + k);
            }
        }
    }
    println!();
}
