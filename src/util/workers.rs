//! Many independent documents compiled at once, one document per worker at
//! a time.
//!
//! Typst and typst-pdf parallelise inside one document with rayon, and
//! their waits (`Deferred::wait` in krilla) keep running whatever else is
//! queued on the waiting thread. Under one shared rayon `par_iter` that
//! means other documents: a thread suspends a document half-exported, runs
//! a chain of others nested inside it, and finishes the suspended ones alone
//! at the end while the other cores wait. Here each worker is a rayon pool
//! of one thread that takes the next document only when its current one is
//! done, so a wait finds nothing but its own document's work and no core
//! waits on another's suspended chain.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::EnvError;

/// Worker threads' stack: Typst recurses deeply on long documents.
const STACK_SIZE: usize = 64 << 20;

/// `compile` applied to every item on `jobs` workers (0: one per core);
/// results in the items' order. After every `every` items, `between` runs
/// (on the worker that finished the last of them, while the others go on).
pub fn map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    every: usize,
    between: impl Fn() + Sync,
    compile: impl Fn(&T) -> R + Sync,
) -> Result<Vec<R>, EnvError> {
    let jobs = if jobs == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { jobs };
    let pools = (0..jobs.min(items.len()).max(1))
        .map(|_| rayon::ThreadPoolBuilder::new().num_threads(1).stack_size(STACK_SIZE).build())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| EnvError(crate::tr!("workers-cannot-start", why = e)))?;
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    let work = || {
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else { break };
            let result = compile(item);
            results.lock().unwrap_or_else(|e| e.into_inner())[index] = Some(result);
            let done = finished.fetch_add(1, Ordering::Relaxed) + 1;
            if every > 0 && done.is_multiple_of(every) && done < items.len() {
                between();
            }
        }
    };
    std::thread::scope(|scope| {
        for pool in &pools {
            scope.spawn(|| pool.install(work));
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(results.into_iter().map(|r| r.expect("every item is compiled once")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items_and_between_runs_per_group() {
        let items: Vec<u64> = (0..100).collect();
        let groups = AtomicUsize::new(0);
        let squares = map(
            &items,
            3,
            16,
            || {
                groups.fetch_add(1, Ordering::Relaxed);
            },
            |n| n * n,
        )
        .unwrap();
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        // After 16, 32, 48, 64, 80 and 96 items; not after the last.
        assert_eq!(groups.load(Ordering::Relaxed), 6);
        assert!(map(&[] as &[u8], 0, 4, || {}, |b| *b).unwrap().is_empty());
    }
}
