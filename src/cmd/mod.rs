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
pub mod monev;
pub mod satukan;
pub mod schema;
pub mod serve;
pub mod templates;
pub mod terbit;
pub mod terminal;
pub mod watch;

use std::process::ExitCode;

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

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
    /// Build the monitoring and evaluation forms, berita acara and recap from monev records
    Monev(monev::MonevArgs),
    /// Convert legacy SOP tables (.xlsx/.xls/.ods workbooks, .docx Word
    /// documents) into definitions
    Import(import::ImportArgs),
    /// Copy the built-in templates into the project's templates/ folder for editing
    Templates(templates::TemplatesArgs),
    /// Write JSON Schemas of the project's files, for completion and checks in the editor
    Schema(schema::SchemaArgs),
    /// Build the portal, serve it on a loopback port and reload the open page on every save
    Serve(serve::ServeArgs),
    /// Move the project to shared positions and Dasar Hukum: name each
    /// repeated one once in sopkit.toml and refer to it by key
    Satukan(satukan::SatukanArgs),
    /// Issue the built documents: record each new version in the project's ledger (terbitan.toml) and archive its PDF
    Terbit(terbit::TerbitArgs),
}

/// Parses the arguments, runs the command, and gives its exit code: 0 ok,
/// 1 bad input, 2 usage or environment.
pub fn main() -> ExitCode {
    // The language first, so that `--help` and usage errors speak it too.
    let args: Vec<String> = std::env::args().collect();
    let chosen = args.iter().position(|a| a == "--bahasa").and_then(|i| args.get(i + 1)).map(String::as_str);
    let chosen = chosen.or_else(|| args.iter().find_map(|a| a.strip_prefix("--bahasa=")));
    crate::i18n::set_language(match chosen {
        Some("id") => crate::i18n::Language::Indonesian,
        Some("en") => crate::i18n::Language::English,
        _ => crate::i18n::Language::from_environment(),
    });
    let matches = match command().try_get_matches() {
        Ok(matches) => matches,
        Err(error) => usage_error(error),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => usage_error(error),
    };
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => terminal::environment_error(&error),
    }
}

/// Ends the run on a command line that cannot be read: clap's own text in
/// English; in Indonesian, the usual mistakes said again in words a clerk
/// knows, with clap's suggestion. Exit 2, as every usage error.
fn usage_error(error: clap::Error) -> ! {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let own_words = crate::i18n::language() == crate::i18n::Language::Indonesian;
    let shown =
        [ErrorKind::DisplayHelp, ErrorKind::DisplayVersion, ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand];
    if !own_words || shown.contains(&error.kind()) {
        error.exit()
    }
    let context = |kind: ContextKind| -> String {
        match error.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(list)) => list.join(", "),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(list)) => list.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let arg = context(ContextKind::InvalidArg);
    let message = match error.kind() {
        ErrorKind::UnknownArgument => crate::tr!("usage-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => {
            crate::tr!("usage-unknown-command", command = context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue => crate::tr!(
            "usage-invalid-value",
            value = context(ContextKind::InvalidValue),
            arg = arg,
            valid = context(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => {
            crate::tr!("usage-bad-value", value = context(ContextKind::InvalidValue), arg = arg)
        }
        ErrorKind::MissingRequiredArgument => crate::tr!("usage-missing", arg = arg),
        ErrorKind::ArgumentConflict => {
            crate::tr!("usage-conflict", arg = arg, other = context(ContextKind::PriorArg))
        }
        ErrorKind::MissingSubcommand => crate::tr!("usage-no-command"),
        _ => crate::tr!("usage-other", text = error.to_string().trim().trim_start_matches("error: ")),
    };
    eprintln!("{}: {message}", crate::tr!("severity-error"));
    for kind in [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue] {
        let suggestion = context(kind);
        if !suggestion.is_empty() {
            eprintln!("  = {}: {}", crate::tr!("severity-hint"), crate::tr!("load-did-you-mean", key = suggestion));
        }
    }
    eprintln!("\n{}", crate::tr!("usage-see-help"));
    std::process::exit(2)
}

/// The command line in the user's language: in Indonesian, every command's
/// summary, every option's help and the section headings.
pub fn command() -> clap::Command {
    let command = Cli::command();
    if crate::i18n::language() == crate::i18n::Language::English {
        return command;
    }
    let help = |c: clap::Command| {
        let own = format!("help-cmd-{}", c.get_name());
        let about = crate::i18n::message(&own, &[]);
        let c = if about != own { c.about(about) } else { c };
        let ids: Vec<String> = c.get_arguments().map(|a| a.get_id().to_string()).collect();
        ids.into_iter().fold(c, |c, id| {
            let key = format!("help-arg-{id}");
            let text = crate::i18n::message(&key, &[]);
            if text == key { c } else { c.mut_arg(id, |a| a.help(text)) }
        })
    };
    let sub_template = crate::i18n::message("help-template-command", &[]);
    let mut command = help(command)
        .help_template(crate::i18n::message("help-template", &[]))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .global(true)
                .help(crate::i18n::message("help-arg-help", &[])),
        )
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(crate::i18n::message("help-arg-version", &[])),
        );
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_owned()).collect();
    for name in names {
        let template = sub_template.clone();
        command = command.mut_subcommand(name, |c| help(c).help_template(template));
    }
    command
}

pub fn run(command: Command) -> Result<ExitCode, EnvError> {
    match command {
        Command::Init(args) => init::run(args),
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Laporan(args) => laporan::run(args),
        Command::Monev(args) => monev::run(args),
        Command::Import(args) => import::run(args),
        Command::Satukan(args) => satukan::run(args),
        Command::Templates(args) => templates::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Terbit(args) => terbit::run(args),
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
