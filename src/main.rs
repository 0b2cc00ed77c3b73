//! The `sopkit` binary: parse arguments, call the library, print what it
//! reports, map the outcome to an exit code (0 ok, 1 bad input, 2 usage or
//! environment).

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Mutex;

use clap::Parser;
use sopkit::build::{self, BuildOptions, Progress};
use sopkit::cli::{Cli, Command};
use sopkit::diagnostic::{Diagnostics, EnvError};

/// Progress on stderr: a counter line on a terminal, plain lines otherwise.
struct Lines {
    terminal: bool,
    state: Mutex<(usize, usize)>,
}

impl Progress for Lines {
    fn begin(&self, total: usize) {
        if let Ok(mut state) = self.state.lock() {
            *state = (0, total);
        }
    }
    fn done(&self, output: &str) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        state.0 += 1;
        if self.terminal {
            eprint!("\r\x1b[2K[{}/{}] {output}", state.0, state.1);
        } else {
            eprintln!("built {output}");
        }
    }
    fn end(&self) {
        if self.terminal {
            eprintln!();
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, EnvError> {
    match cli.command {
        Command::Init(args) => {
            let written = sopkit::init::init(&args.dir)?;
            for name in written {
                println!("{}", args.dir.join(name).display());
            }
            eprintln!(
                "created a project in {}; build it with `sopkit build {}`",
                args.dir.display(),
                args.dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => {
            let options = BuildOptions { project: args.project, write: false, ..BuildOptions::default() };
            let outcome = build::run(&options, &build::Silent)?;
            Ok(report(&outcome.diagnostics, args.common.deny_warnings, || {
                eprintln!("ok: the project is valid");
            }))
        }
        Command::Build(args) => {
            if args.sign_fields {
                return Err(EnvError("--sign-fields is not available yet".into()));
            }
            let options = BuildOptions {
                project: args.project,
                out: args.out,
                only: args.only,
                emit_typst: args.emit_typst,
                jobs: args.jobs,
                write: true,
            };
            let progress = Lines { terminal: std::io::stderr().is_terminal(), state: Mutex::new((0, 0)) };
            let outcome = build::run(&options, &progress)?;
            let out_dir = outcome.out_dir.clone();
            Ok(report(&outcome.diagnostics, args.common.deny_warnings, || {
                if let Some(dir) = &out_dir {
                    println!("{}", dir.join("manifest.json").display());
                }
            }))
        }
        Command::Templates(args) => {
            for path in sopkit::render::eject(&args.project.join("templates"), args.force)? {
                println!("{}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Laporan(_) => Err(EnvError("`sopkit laporan` is not available yet".into())),
        Command::Import(_) => Err(EnvError("`sopkit import` is not available yet".into())),
    }
}

/// Prints diagnostics; exit 1 on errors (or warnings with --deny-warnings).
fn report(diagnostics: &Diagnostics, deny_warnings: bool, on_success: impl FnOnce()) -> ExitCode {
    diagnostics.print();
    let warnings = diagnostics.warnings().count();
    if diagnostics.has_errors() || (deny_warnings && warnings > 0) {
        let errors = diagnostics.errors().count();
        eprintln!("failed: {errors} error(s), {warnings} warning(s)");
        return ExitCode::from(1);
    }
    on_success();
    ExitCode::SUCCESS
}
