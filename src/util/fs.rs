//! Writing files so that nothing is lost: every file is written to a
//! temporary file beside its target and renamed into place, so a reader
//! never sees half a file and a failed run never clobbers an earlier one.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostic::EnvError;

/// Like [`write_atomic`], but leaves a file that already holds `bytes`
/// alone: a rebuild that changes nothing writes nothing.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), EnvError> {
    let same = std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes);
    if same { Ok(()) } else { write_atomic(path, bytes) }
}

/// Writes `bytes` to `path` through a temporary file and a rename, so that a
/// reader sees the old file or the new one, never half of one. There is no
/// fsync: outputs can always be rebuilt from their sources, and syncing every
/// file made a cold build a fifth slower.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), EnvError> {
    let dir: PathBuf = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::create_dir_all(&dir).map_err(|e| EnvError::io("cannot create", &dir, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".sopkit-");
    // Temporary files are private by default; outputs are ordinary files.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut file = builder.tempfile_in(&dir).map_err(|e| EnvError::io("cannot create a file in", &dir, e))?;
    file.write_all(bytes).map_err(|e| EnvError::io("cannot write", path, e))?;
    file.persist(path).map_err(|e| EnvError::io("cannot write", path, e.error))?;
    Ok(())
}

/// Like [`write_atomic`], and on disk before it returns (the file and its
/// folder synced): for what cannot be rebuilt from sources, the ledger of
/// issued documents and their archived PDFs.
pub fn write_durable(path: &Path, bytes: &[u8]) -> Result<(), EnvError> {
    write_atomic(path, bytes)?;
    let sync = |p: &Path| std::fs::File::open(p).and_then(|f| f.sync_all());
    sync(path).map_err(|e| EnvError::io("cannot write", path, e))?;
    // A folder cannot be opened for syncing on every system; the file is.
    if let Some(dir) = path.parent() {
        let _ = sync(dir);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_replace_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("a")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files are left behind");
    }
}
