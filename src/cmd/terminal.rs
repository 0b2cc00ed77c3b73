//! How a command reports a run on the terminal: progress on stderr (a bar
//! on a terminal, plain lines otherwise), diagnostics through their
//! renderer, and the closing line and exit code. (Only `cmd` prints; the
//! library reports through `Progress` and returns diagnostics.)

use std::io::IsTerminal;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

use crate::diagnostic::{Diagnostic, Diagnostics, EnvError};
use crate::pipeline::Progress;

/// Progress on stderr: a progress bar on a terminal, plain lines otherwise.
pub enum Report {
    Bar(ProgressBar),
    Lines,
}

impl Report {
    pub fn new() -> Self {
        if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            Report::Bar(bar)
        } else {
            Report::Lines
        }
    }
}

impl Default for Report {
    fn default() -> Self {
        Self::new()
    }
}

impl Progress for Report {
    fn begin(&self, total: usize) {
        if let Report::Bar(bar) = self {
            bar.set_length(total as u64);
        }
    }
    fn done(&self, output: &str, reused: bool) {
        let verb = if reused { crate::tr!("progress-kept") } else { crate::tr!("progress-built") };
        match self {
            Report::Bar(bar) => {
                bar.set_message(format!("{verb} {output}"));
                bar.inc(1);
            }
            Report::Lines => eprintln!("{verb} {output}"),
        }
    }
    fn end(&self) {
        if let Report::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// Prints diagnostics; exit 1 on errors (or warnings with --deny-warnings).
pub fn report(diagnostics: &Diagnostics, deny_warnings: bool, on_success: impl FnOnce()) -> ExitCode {
    diagnostics.print();
    let warnings = diagnostics.warnings().count();
    if diagnostics.has_errors() || (deny_warnings && warnings > 0) {
        let errors = diagnostics.errors().count();
        eprintln!("{}", crate::tr!("run-failed", errors = errors, warnings = warnings));
        return ExitCode::from(1);
    }
    on_success();
    ExitCode::SUCCESS
}

/// An environment error, through the same renderer as every diagnostic;
/// exit 2.
pub fn environment_error(error: &EnvError) -> ExitCode {
    Diagnostics::from(Diagnostic::error(error.to_string())).print();
    ExitCode::from(2)
}
