//! `sopkit watch [PROJECT]`: build, then rebuild what changed on every save,
//! with the same arguments as `build`.

use std::process::ExitCode;

use clap::Args;

use super::build::BuildArgs;
use super::terminal::Report;
use crate::diagnostic::EnvError;
use crate::pipeline::watch;

#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// How often to look for changes, in milliseconds
    #[arg(long, default_value_t = 300, value_name = "MS")]
    pub interval: u64,
}

pub fn run(args: WatchArgs) -> Result<ExitCode, EnvError> {
    let progress = Report::new();
    let interval = std::time::Duration::from_millis(args.interval.max(50));
    let deny_warnings = args.build.warnings.deny_warnings;
    watch::watch(
        &args.build.options(),
        &progress,
        interval,
        |outcome| {
            outcome.diagnostics.print();
            super::build::print_notes(&outcome.notes);
            let failed = outcome.failed() || (deny_warnings && outcome.diagnostics.warnings().next().is_some());
            match (&outcome.out_dir, failed) {
                (Some(dir), true) => eprintln!("{}", crate::tr!("watch-partly", dir = dir.display())),
                (None, true) => eprintln!("{}", crate::tr!("watch-failed")),
                (Some(dir), false) if !outcome.pending.is_empty() => eprintln!(
                    "{}",
                    crate::tr!("watch-pending", dir = dir.display(), paths = outcome.pending.join(", "))
                ),
                (Some(dir), false) => eprintln!("{}", crate::tr!("watch-up-to-date", dir = dir.display())),
                (None, false) => eprintln!("{}", crate::tr!("watch-waiting")),
            }
        },
        || true,
    )?;
    Ok(ExitCode::SUCCESS)
}
