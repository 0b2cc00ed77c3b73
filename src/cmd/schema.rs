//! `sopkit schema [PROJECT]`: JSON Schemas of the files a clerk edits (SOP
//! definitions, `sopkit.toml`, `keputusan.yaml`, run records) written into
//! `PROJECT/.sopkit/schema/`, and VS Code told to use them
//! (`.vscode/settings.json`), so that its YAML and TOML extensions complete
//! and check keys while the clerk types. Descriptions are in Indonesian and
//! English. `sopkit init` does the same for a new project.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::diagnostic::EnvError;
use crate::util::fs::write_atomic;

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The project folder (default: the current folder)
    #[arg(default_value = ".")]
    pub project: PathBuf,
}

/// The schemas, by file name.
pub const SCHEMAS: [(&str, &str); 5] = [
    ("sop.schema.json", include_str!("../../templates/schema/sop.schema.json")),
    ("sopkit.schema.json", include_str!("../../templates/schema/sopkit.schema.json")),
    ("keputusan.schema.json", include_str!("../../templates/schema/keputusan.schema.json")),
    ("laporan.schema.json", include_str!("../../templates/schema/laporan.schema.json")),
    ("monev.schema.json", include_str!("../../templates/schema/monev.schema.json")),
];

/// Where the schemas go in a project.
pub const SCHEMA_DIR: &str = ".sopkit/schema";

/// VS Code's settings that tie the files to their schemas (the YAML
/// extension's `yaml.schemas`, Even Better TOML's associations).
const VSCODE_SETTINGS: &str = r#"{
  "yaml.schemas": {
    "./.sopkit/schema/sop.schema.json": ["sops/**/*.yaml", "sops/**/*.yml"],
    "./.sopkit/schema/keputusan.schema.json": ["keputusan.yaml", "keputusan.yml"],
    "./.sopkit/schema/laporan.schema.json": ["runs/**/*.yaml", "runs/**/*.yml"],
    "./.sopkit/schema/monev.schema.json": ["monev/**/*.yaml", "monev/**/*.yml"]
  },
  "evenBetterToml.schema.associations": {
    "sopkit\\.toml$": "./.sopkit/schema/sopkit.schema.json",
    "monev/.*\\.toml$": "./.sopkit/schema/monev.schema.json"
  }
}
"#;

/// Writes the schemas and, unless the project has its own, the VS Code
/// settings. Returns the files written.
pub fn write(project: &Path) -> Result<Vec<PathBuf>, EnvError> {
    let mut written = Vec::new();
    for (name, text) in SCHEMAS {
        let path = project.join(SCHEMA_DIR).join(name);
        write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    let settings = project.join(".vscode/settings.json");
    if !settings.exists() {
        write_atomic(&settings, VSCODE_SETTINGS.as_bytes())?;
        written.push(settings);
    }
    Ok(written)
}

pub fn run(args: SchemaArgs) -> Result<ExitCode, EnvError> {
    if !args.project.join("sopkit.toml").is_file() {
        eprintln!("{}", crate::tr!("schema-not-a-project", dir = args.project.display()));
    }
    let settings_kept = args.project.join(".vscode/settings.json").exists();
    for path in write(&args.project)? {
        println!("{}", path.display());
    }
    if settings_kept {
        eprintln!("{}", crate::tr!("schema-written", dir = args.project.join(SCHEMA_DIR).display()));
    }
    Ok(ExitCode::SUCCESS)
}
