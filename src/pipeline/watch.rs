//! The driver again on every save (`sopkit watch`): rebuild whenever a
//! project file is saved. The project is
//! polled (file sizes and modification times), which needs no platform
//! support and costs little for a folder of definitions; the build cache
//! makes each rebuild touch only what changed, and the documents that bind
//! every SOP (the Keputusan, the book) are made in a run of their own right
//! after, so that a save shows at once; a save during that run stops it,
//! and is shown at once too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use walkdir::WalkDir;

use crate::diagnostic::EnvError;
use crate::pipeline::{self, BuildOptions, Interrupt, Outcome, Progress};

/// How long a save's quick run is left to show before the documents that
/// bind every SOP are made.
const BEFORE_BINDING: Duration = Duration::from_millis(1000);

/// What is known of the project's files: path -> (size, modified).
type Snapshot = BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

/// Every file of the project except hidden ones and the output folder.
fn snapshot(project: &Path, out_dir: Option<&Path>) -> Snapshot {
    WalkDir::new(project)
        .into_iter()
        .filter_entry(|entry| {
            let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
            let output = out_dir.is_some_and(|out| entry.path().canonicalize().is_ok_and(|p| p == out));
            !hidden && !output
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((e.into_path(), (meta.len(), meta.modified().ok())))
        })
        .collect()
}

/// Builds, then rebuilds after every change until `keep_going` says stop.
/// `report` receives each build's outcome.
pub fn watch(
    options: &BuildOptions,
    progress: &dyn Progress,
    interval: Duration,
    mut report: impl FnMut(&Outcome),
    keep_going: impl Fn() -> bool,
) -> Result<(), EnvError> {
    // The output folder is left out of the snapshots (when it is inside the
    // project), and the first snapshot is taken before the first build, so
    // that a save during a build is not missed.
    let out = options
        .out
        .clone()
        .or_else(|| {
            options.project.canonicalize().ok().and_then(|p| p.file_name().map(|n| Path::new("output").join(n)))
        })
        .and_then(|dir| {
            std::fs::create_dir_all(&dir).ok()?;
            dir.canonicalize().ok()
        });
    crate::load::remember_definitions();
    let mut known = snapshot(&options.project, out.as_deref());
    // A save is shown first; the Keputusan and the book, which bind every
    // SOP, follow in a second run unless another save comes first.
    let quick = BuildOptions { bind_later: true, ..options.clone() };
    let mut outcome = pipeline::run(&quick, progress)?;
    report(&outcome);
    // A save stopped the binding run: it is built without waiting.
    let mut saved_while_binding = false;
    while keep_going() {
        let pending = !outcome.pending.is_empty();
        // Before the Keputusan and book (seconds of work on every core for a
        // thousand SOPs), the open page reloads the save uncontended.
        if !saved_while_binding {
            std::thread::sleep(if pending { BEFORE_BINDING.max(interval) } else { interval });
        }
        saved_while_binding = false;
        let now = snapshot(&options.project, out.as_deref());
        if now == known {
            if pending {
                let bound = bind_unless_saved(options, progress, interval, || {
                    snapshot(&options.project, out.as_deref()) != known
                })?;
                saved_while_binding = bound.interrupted;
                if !bound.interrupted {
                    outcome = bound;
                    report(&outcome);
                }
            }
            continue;
        }
        // Let an editor finish writing before reading the files.
        std::thread::sleep(interval / 2);
        known = snapshot(&options.project, out.as_deref());
        outcome = pipeline::run(&quick, progress)?;
        report(&outcome);
    }
    Ok(())
}

/// The full run (the Keputusan and the book), stopped before it writes when
/// `saved()` says a file changed meanwhile (looked at every `interval`).
fn bind_unless_saved(
    options: &BuildOptions,
    progress: &dyn Progress,
    interval: Duration,
    saved: impl Fn() -> bool + Sync,
) -> Result<Outcome, EnvError> {
    let interrupt = Interrupt::default();
    let binding = BuildOptions { interrupt: interrupt.clone(), ..options.clone() };
    let (finished, wait) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|scope| {
        let interrupt = &interrupt;
        let saved = &saved;
        scope.spawn(move || {
            // Ends when the run ends (the sender is dropped) or at a save.
            while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(interval) {
                if saved() {
                    interrupt.set();
                    break;
                }
            }
        });
        let outcome = pipeline::run(&binding, progress);
        drop(finished);
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_see_edits_but_not_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "a").unwrap();
        let before = snapshot(dir.path(), None);
        std::fs::create_dir(dir.path().join(".cache")).unwrap();
        std::fs::write(dir.path().join(".cache/x"), "x").unwrap();
        assert_eq!(snapshot(dir.path(), None), before);
        std::fs::write(dir.path().join("a.yaml"), "ab").unwrap();
        assert_ne!(snapshot(dir.path(), None), before);
    }
}
