//! What the benchmarks share: peak memory of this process, a scenario run
//! again in a fresh process, and timing the stock `typst` CLI on emitted
//! sources.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Runs behind each figure: the machine's own noise (±10 % on the 2-core
/// machine) is larger than some of the differences measured.
pub const RUNS: usize = 3;

pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Peak resident memory of this process, in KiB (0 where /proc is absent).
pub fn peak_memory_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Runs this benchmark again as `scenario ARGS...` in a fresh process (its
/// peak memory is then the scenario's own) and returns what it printed.
pub fn run_scenario(args: &[&std::ffi::OsStr]) -> String {
    let output =
        Command::new(std::env::current_exe().expect("self")).arg("scenario").args(args).output().expect("run scenario");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A scenario's printed `SECONDS PEAK-KIB`.
pub fn seconds_and_peak(printed: &str) -> (f64, u64) {
    let mut parts = printed.split_whitespace();
    let seconds = parts.next().and_then(|s| s.parse().ok()).unwrap_or(f64::NAN);
    let peak = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    (seconds, peak)
}

/// The `.typ` files under `dir`, sorted.
pub fn typst_sources(dir: &Path) -> Vec<PathBuf> {
    let mut sources: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "typ"))
        .collect();
    sources.sort();
    sources
}

/// Times `typst compile` on `sources`, `jobs` processes at once, making
/// PDF/A-2b as sopkit does by default.
pub fn stock_typst(project: &Path, sources: &[PathBuf], jobs: usize) -> Option<f64> {
    Command::new("typst").arg("--version").output().ok()?;
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/fonts");
    let start = Instant::now();
    for chunk in sources.chunks(jobs.max(1)) {
        let children: Vec<_> = chunk
            .iter()
            .map(|source| {
                Command::new("typst")
                    .args(["compile", "--ignore-system-fonts", "--pdf-standard", "a-2b", "--root"])
                    .arg(project)
                    .arg("--font-path")
                    .arg(&fonts)
                    .arg(source)
                    .arg(source.with_extension("stock.pdf"))
                    .spawn()
                    .expect("spawn typst")
            })
            .collect();
        for mut child in children {
            assert!(child.wait().expect("typst").success(), "stock typst failed");
        }
    }
    Some(start.elapsed().as_secs_f64())
}

/// `RUNS` runs of a scenario into `out` (emptied before each): the median
/// time and the highest peak memory in KiB.
pub fn timed_runs(out: &Path, run: impl Fn() -> (f64, u64)) -> (f64, u64) {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..RUNS {
        let _ = std::fs::remove_dir_all(out);
        let (seconds, memory) = run();
        times.push(seconds);
        peak = peak.max(memory);
    }
    (median(times), peak)
}

/// The stock CLI's median time over `RUNS` on `sources` (its earlier PDFs
/// removed first); `None` without a `typst` on PATH.
pub fn stock_median(project: &Path, sources: &[PathBuf], jobs: usize) -> Option<f64> {
    let times = (0..RUNS)
        .map(|_| {
            for source in sources {
                let _ = std::fs::remove_file(source.with_extension("stock.pdf"));
            }
            stock_typst(project, sources, jobs)
        })
        .collect::<Option<Vec<f64>>>()?;
    Some(median(times))
}
