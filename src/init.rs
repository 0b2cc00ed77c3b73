//! `sopkit init DIR`: a new project that builds as it is, with comments
//! explaining every key.

use std::path::Path;

use crate::diagnostic::EnvError;
use crate::finish::write_atomic;

const FILES: [(&str, &str); 2] = [
    ("sopkit.toml", include_str!("../templates/init/sopkit.toml")),
    ("sops/contoh.yaml", include_str!("../templates/init/sops/contoh.yaml")),
];

/// Creates the project. Refuses a folder that already has files in it.
pub fn init(dir: &Path) -> Result<Vec<String>, EnvError> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| EnvError::io("cannot read", dir, e))?;
        if entries.next().is_some() {
            return Err(EnvError(format!("{} is not empty; sopkit init needs a new or empty folder", dir.display())));
        }
    }
    let mut written = Vec::new();
    for (name, text) in FILES {
        write_atomic(&dir.join(name), text.as_bytes())?;
        written.push(name.to_owned());
    }
    Ok(written)
}
