//! `sopkit init DIR`: a new project that builds as it is, with comments
//! explaining every key.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::diagnostic::EnvError;
use crate::util::fs::write_atomic;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder of the new project (created; must be empty or absent)
    pub dir: PathBuf,
}

/// The project's files, their comments in the user's language (the keys
/// and values are the same in both).
const FILES: [(&str, &str); 2] = [
    ("sopkit.toml", include_str!("../../templates/init/sopkit.toml")),
    ("sops/contoh.yaml", include_str!("../../templates/init/sops/contoh.yaml")),
];
const FILES_ID: [(&str, &str); 2] = [
    ("sopkit.toml", include_str!("../../templates/init/id/sopkit.toml")),
    ("sops/contoh.yaml", include_str!("../../templates/init/id/sops/contoh.yaml")),
];

/// Creates the project. Refuses a folder that already has files in it.
pub fn create(dir: &Path) -> Result<Vec<String>, EnvError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| EnvError::io("cannot read", dir, e))?;
        if entries.next().is_some() {
            return Err(EnvError(crate::tr!("init-not-empty", dir = dir.display())));
        }
    }
    let mut written = Vec::new();
    let files = match crate::i18n::language() {
        crate::i18n::Language::Indonesian => FILES_ID,
        crate::i18n::Language::English => FILES,
    };
    for (name, text) in files {
        write_atomic(&dir.join(name), text.as_bytes())?;
        written.push(name.to_owned());
    }
    // The editor completes and checks keys as the clerk types.
    for path in super::schema::write(dir)? {
        written.push(path.strip_prefix(dir).unwrap_or(&path).display().to_string());
    }
    Ok(written)
}

/// Creates the project and says how to build it.
pub fn run(args: InitArgs) -> Result<ExitCode, EnvError> {
    for name in create(&args.dir)? {
        println!("{}", args.dir.join(name).display());
    }
    // Where `build` will write, as `pipeline::default_out_dir` names it.
    let name = std::path::absolute(&args.dir).ok().and_then(|d| d.file_name().map(|n| n.to_owned()));
    let out = std::path::Path::new("output").join(name.unwrap_or_default());
    eprintln!("{}", crate::tr!("init-created", dir = args.dir.display(), out = out.display()));
    Ok(ExitCode::SUCCESS)
}
