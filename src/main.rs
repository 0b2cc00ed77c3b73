//! The `sopkit` binary: parse arguments, call the library, print what it
//! reports, map the outcome to an exit code (0 ok, 1 bad input, 2 usage or
//! environment).

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use sopkit::build::{self, BuildOptions, Progress};
use sopkit::cli::{Cli, Command};
use sopkit::diagnostic::{Diagnostics, EnvError};

/// Progress on stderr: a progress bar on a terminal, plain lines otherwise.
enum Report {
    Bar(ProgressBar),
    Lines,
}

impl Report {
    fn new() -> Self {
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

impl Progress for Report {
    fn begin(&self, total: usize) {
        if let Report::Bar(bar) = self {
            bar.set_length(total as u64);
        }
    }
    fn done(&self, output: &str, reused: bool) {
        let verb = if reused { "kept" } else { "built" };
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
            let options = BuildOptions {
                project: args.project,
                out: args.out,
                only: args.only,
                emit_typst: args.emit_typst,
                sign_fields: args.sign_fields,
                jobs: args.jobs,
                plain_pdf: args.no_pdfa,
                write: true,
                ..BuildOptions::default()
            };
            let progress = Report::new();
            let outcome = build::run(&options, &progress)?;
            let out_dir = outcome.out_dir.clone();
            Ok(report(&outcome.diagnostics, args.common.deny_warnings, || {
                if let Some(dir) = &out_dir {
                    println!("{}", dir.join("manifest.json").display());
                }
            }))
        }
        Command::Watch(args) => {
            let options = BuildOptions {
                project: args.project,
                out: args.out,
                jobs: args.jobs,
                write: true,
                ..BuildOptions::default()
            };
            let progress = Report::new();
            let interval = std::time::Duration::from_millis(args.interval.max(50));
            sopkit::watch::watch(
                &options,
                &progress,
                interval,
                |outcome| {
                    outcome.diagnostics.print();
                    match (&outcome.out_dir, outcome.failed()) {
                        (_, true) => eprintln!("failed; earlier outputs kept. Waiting for changes..."),
                        (Some(dir), false) => eprintln!("{} is up to date. Waiting for changes...", dir.display()),
                        (None, false) => eprintln!("Waiting for changes..."),
                    }
                },
                || true,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Templates(args) => {
            for path in sopkit::render::eject(&args.project.join("templates"), args.force)? {
                println!("{}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Laporan(args) => {
            let options = sopkit::laporan::LaporanOptions {
                project: args.project,
                runs: args.runs,
                out: args.out,
                sign_fields: args.sign_fields,
                emit_typst: args.emit_typst,
                plain_pdf: args.no_pdfa,
                jobs: args.jobs,
            };
            let progress = Report::new();
            let outcome = sopkit::laporan::run(&options, &progress)?;
            let out_dir = outcome.out_dir.clone();
            Ok(report(&outcome.diagnostics, args.common.deny_warnings, || {
                if let Some(dir) = &out_dir {
                    println!("{}", dir.join("manifest.json").display());
                }
            }))
        }
        Command::Import(args) => {
            let options = sopkit::import::ImportOptions { files: args.files, out: args.out, force: args.force };
            let outcome = sopkit::import::run(&options)?;
            for summary in &outcome.summaries {
                eprintln!("{summary}");
            }
            Ok(report(&outcome.diagnostics, false, || {
                for path in &outcome.written {
                    println!("{}", path.display());
                }
            }))
        }
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
