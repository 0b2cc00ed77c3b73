//! `sopkit terbit [PROJECT]`: build, then issue what changed: each new
//! version recorded in the project's ledger (`terbitan.toml`) and kept in
//! `arsip/`; prints what was issued and what stays as issued before.

use std::process::ExitCode;

use clap::Args;

use super::build::{BuildArgs, print_notes};
use super::terminal::{Report, report};
use crate::diagnostic::EnvError;
use crate::model::Tanggal;
use crate::pipeline::issue::{self, IssueOptions};

#[derive(Debug, Clone, Args)]
pub struct TerbitArgs {
    /// What is built before it is issued: every option of `build`.
    #[command(flatten)]
    pub build: BuildArgs,
    /// The day of issue, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub tanggal: Option<Tanggal>,
}

fn parse_date(text: &str) -> Result<Tanggal, String> {
    Tanggal::parse(text)
}

pub fn run(args: TerbitArgs) -> Result<ExitCode, EnvError> {
    let build = args.build;
    let options = IssueOptions { build: build.options(), date: args.tanggal };
    let outcome = issue::issue(&options, &Report::new())?;
    let code = report(&outcome.build.diagnostics, build.warnings.deny_warnings, || {});
    print_notes(&outcome.build.notes);
    if outcome.build.failed() {
        eprintln!("{}", crate::tr!("terbit-nothing"));
        return Ok(code);
    }
    for version in &outcome.issued {
        println!(
            "{}",
            crate::tr!(
                "terbit-issued",
                path = format!("{}.pdf", version.berkas),
                version = version.versi,
                id = version.id.as_str()
            )
        );
    }
    for (path, version) in &outcome.unchanged {
        println!("{}", crate::tr!("terbit-unchanged", path = path.as_str(), version = *version));
    }
    println!("{}", crate::tr!("terbit-summary", issued = outcome.issued.len(), unchanged = outcome.unchanged.len()));
    Ok(code)
}
