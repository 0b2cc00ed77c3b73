//! Checks over the whole flow, once each step is sound: parallel steps
//! entered from the step before only, every step reachable from the first
//! and every path reaching an end.

use std::collections::VecDeque;

use super::langkah;
use crate::diagnostic::Diagnostic;
use crate::load::Loaded;
use crate::model::SopDef;
use crate::model::flow::Flow;
use crate::tr;

/// A step done in parallel is entered by the step before it only, which is
/// not itself done in parallel: the flow fans out from one symbol to each
/// actor's.
pub(super) fn check_parallel(doc: &Loaded<SopDef>, flow: &Flow, errors: &mut Vec<Diagnostic>) {
    let numbers = doc.value.printed_numbers();
    for s in (0..flow.steps.len()).filter(|&s| flow.steps[s].parallel) {
        let at = langkah(s).key("paralel");
        for edge in flow.edges.iter().filter(|e| e.to == s) {
            if edge.from + 1 != s {
                errors.push(
                    doc.error_at(&at, tr!("sop-parallel-entered", step = numbers[edge.from].as_str()))
                        .with_hint(tr!("sop-parallel-entered-hint")),
                );
            } else if flow.steps[edge.from].parallel {
                errors.push(doc.error_at(&at, tr!("sop-parallel-twice")).with_hint(tr!("sop-parallel-twice-hint")));
            }
        }
    }
}

/// Every step is reachable from the first, and from every reachable step
/// some path reaches a final step.
pub(super) fn check_reachability(doc: &Loaded<SopDef>, flow: &Flow, errors: &mut Vec<Diagnostic>) {
    let n = flow.steps.len();
    let numbers = doc.value.printed_numbers();
    let reachable = bfs(n, 0, |s| flow.outgoing(s).map(|e| e.to).collect());
    for (i, seen) in reachable.iter().enumerate() {
        if !seen {
            errors.push(
                doc.error_at(&langkah(i), tr!("sop-unreachable", step = numbers[i].as_str()))
                    .with_hint(tr!("sop-unreachable-hint")),
            );
        }
    }
    let finals: Vec<usize> = (0..n).filter(|&s| flow.ends_at(s)).collect();
    let mut ends = vec![false; n];
    for &f in &finals {
        for (s, seen) in
            bfs(n, f, |s| flow.edges.iter().filter(|e| e.to == s).map(|e| e.from).collect()).iter().enumerate()
        {
            ends[s] |= seen;
        }
    }
    for s in 0..n {
        if reachable[s] && !ends[s] {
            errors.push(
                doc.error_at(&langkah(s), tr!("sop-endless", step = numbers[s].as_str()))
                    .with_hint(tr!("sop-endless-hint")),
            );
            break;
        }
    }
}

fn bfs(n: usize, start: usize, next: impl Fn(usize) -> Vec<usize>) -> Vec<bool> {
    let mut seen = vec![false; n];
    let mut queue = VecDeque::from([start]);
    seen[start] = true;
    while let Some(s) = queue.pop_front() {
        for t in next(s) {
            if !seen[t] {
                seen[t] = true;
                queue.push_back(t);
            }
        }
    }
    seen
}
