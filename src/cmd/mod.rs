//! The command line (the README's "Command line"): one file per command,
//! each with its clap arguments and the code that turns them into a library
//! call; `args` holds the groups several commands share, `terminal` how a
//! run is reported. Only this module prints. `main.rs` only calls [`main`].

pub mod args;
pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod laporan;
pub mod schema;
pub mod templates;
pub mod terminal;
pub mod watch;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostic::EnvError;

#[derive(Debug, Parser)]
#[command(name = "sopkit", version, about = "Indonesian government SOPs as official, signed-ready PDFs")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Language of messages: id (Bahasa Indonesia) or en; default: the
    /// locale's (LC_ALL, LC_MESSAGES, LANG)
    #[arg(long, global = true, value_enum, value_name = "id|en")]
    pub bahasa: Option<Bahasa>,
}

/// `--bahasa`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Bahasa {
    Id,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new SOP project that builds as it is
    Init(init::InitArgs),
    /// Validate the project; exit 1 with file:line:col errors
    Check(check::CheckArgs),
    /// Build the SOP sheets (and the other documents) into PDFs
    Build(build::BuildArgs),
    /// Build, then rebuild what changed whenever a project file is saved
    Watch(watch::WatchArgs),
    /// Build per-run reports (laporan) from run records
    Laporan(laporan::LaporanArgs),
    /// Convert legacy .xlsx/.xls/.ods SOP tables into definitions
    Import(import::ImportArgs),
    /// Copy the built-in templates into the project's templates/ folder for editing
    Templates(templates::TemplatesArgs),
    /// Write JSON Schemas of the project's files, for completion and checks in the editor
    Schema(schema::SchemaArgs),
}

/// Parses the arguments, runs the command, and gives its exit code: 0 ok,
/// 1 bad input, 2 usage or environment.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    crate::i18n::set_language(match cli.bahasa {
        Some(Bahasa::Id) => crate::i18n::Language::Indonesian,
        Some(Bahasa::En) => crate::i18n::Language::English,
        None => crate::i18n::Language::from_environment(),
    });
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => terminal::environment_error(&error),
    }
}

pub fn run(command: Command) -> Result<ExitCode, EnvError> {
    match command {
        Command::Init(args) => init::run(args),
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Laporan(args) => laporan::run(args),
        Command::Import(args) => import::run(args),
        Command::Templates(args) => templates::run(args),
        Command::Schema(args) => schema::run(args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn watch_accepts_every_flag_build_accepts() {
        let command = Cli::command();
        let flags = |name: &str| -> Vec<String> {
            let sub = command.find_subcommand(name).expect("a subcommand");
            sub.get_arguments().map(|a| a.get_id().to_string()).collect()
        };
        let watch = flags("watch");
        for flag in flags("build") {
            assert!(watch.contains(&flag), "watch lacks `{flag}`");
        }
    }
}
