//! Each step of an SOP resolved into its place in the flow: the lanes of its
//! actors, where it leads (a decision's exits, a fork, the next step or
//! nowhere), the terminators beside it, the text in its symbol, and the
//! symbol drawn for it.

use super::{MAX_EXITS, MAX_SYMBOL_TEXT, SopCheck, langkah};
use crate::load::DocPath;
use crate::model::flow::{Edge, FlowStep, Symbol};
use crate::model::{Actors, Decision, Ending, ExitKey, Langkah, Target, Targets};
use crate::tr;
use crate::validate::known_list;

impl<'a> SopCheck<'a> {
    /// Each step's `id` (given once only) and its activity (written).
    pub(super) fn index_steps(&mut self) {
        let def = self.def;
        for (i, step) in def.langkah.iter().enumerate() {
            let path = langkah(i);
            if let Some(id) = &step.id
                && self.ids.insert(id.as_str(), i).is_some()
            {
                self.error(&path.key("id"), tr!("sop-id-twice", id = id));
            }
            if step.kegiatan.trim().is_empty() {
                self.error(&path.key("kegiatan"), tr!("sop-kegiatan-empty"));
            }
        }
    }

    /// Step `i` checked and placed in the flow; the arrows out of it go to
    /// `edges`.
    pub(super) fn resolve_step(&mut self, i: usize, step: &Langkah, edges: &mut Vec<Edge>) -> FlowStep {
        let path = langkah(i);
        let lanes = self.step_lanes(&path, step);
        let lane = lanes.first().copied().unwrap_or(0);
        let is_last = i + 1 == self.def.langkah.len();
        let ends = step.decision.is_none() && (step.selesai.is_final() || (is_last && step.lanjut.is_none()));
        let exits = match &step.decision {
            Some(decision) => self.decision_exits(i, &path, step, decision, edges),
            None if ends => {
                self.check_final_step_stops(&path, step);
                Vec::new()
            }
            None => {
                self.onward_edges(i, &path, step, edges);
                Vec::new()
            }
        };
        let start_beside = self.start_beside(i, &path, step, &lanes);
        let end_beside = self.end_beside(&path, step, &lanes);
        self.check_parallel_step(&path, step);
        let text = self.symbol_text(&path, step);
        let beside = start_beside.is_some() || end_beside.is_some();
        FlowStep {
            lane,
            lanes: if lanes.is_empty() { vec![lane] } else { lanes },
            symbol: symbol_of(i == 0, step.decision.is_some(), ends, beside),
            exits,
            parallel: step.paralel,
            text,
            start_beside,
            end_beside,
        }
    }

    /// The lanes of the step's actors, in the order written: each one listed
    /// under `pelaksana` and named once; one only for a decision; a joint
    /// step's in the order of their columns.
    fn step_lanes(&mut self, path: &DocPath, step: &Langkah) -> Vec<usize> {
        let ids = step.pelaksana.ids();
        let mut lanes: Vec<usize> = Vec::with_capacity(ids.len());
        for (k, id) in ids.iter().enumerate() {
            let at = match step.pelaksana {
                Actors::One(_) => path.key("pelaksana"),
                Actors::Many(_) => path.key("pelaksana").index(k),
            };
            match self.def.pelaksana.get_index_of(*id) {
                Some(lane) if lanes.contains(&lane) => self.error(&at, tr!("sop-actor-twice", id = id)),
                Some(lane) => lanes.push(lane),
                None => self.unknown_actor(&at, id),
            }
        }
        if ids.is_empty() {
            self.error(&path.key("pelaksana"), tr!("sop-step-no-actor"));
        }
        if ids.len() > 1 && step.decision.is_some() {
            self.error_with_hint(
                &path.key("pelaksana"),
                tr!("sop-decision-one-actor"),
                tr!("sop-decision-one-actor-hint"),
            );
        }
        // Joint arrows run straight along the row from one actor to the
        // next, so the actors go the way their columns do.
        let increasing = lanes.windows(2).all(|w| w[0] < w[1]);
        let decreasing = lanes.windows(2).all(|w| w[0] > w[1]);
        if !(increasing || decreasing) {
            let columns = self.def.pelaksana.keys().map(String::as_str).collect::<Vec<_>>().join(", ");
            self.error_with_hint(
                &path.key("pelaksana"),
                tr!("sop-joint-order"),
                tr!("sop-columns-left-to-right", columns = columns),
            );
        }
        lanes
    }

    fn unknown_actor(&mut self, at: &DocPath, id: &str) {
        let known = known_list("pelaksana", id, self.def.pelaksana.keys());
        self.error_with_hint(at, tr!("sop-unknown-actor", id = id), known);
    }

    /// A decision's exits: two to four, each labelled (no label twice) and
    /// leading to a step of its own other than the decision; a decision
    /// neither continues (`lanjut`) nor ends (`selesai`). Returns the exits'
    /// labels; their edges go to `edges`.
    fn decision_exits(
        &mut self,
        i: usize,
        path: &DocPath,
        step: &Langkah,
        decision: &Decision,
        edges: &mut Vec<Edge>,
    ) -> Vec<String> {
        let kpath = path.key("keputusan");
        if step.lanjut.is_some() {
            self.error(&path.key("lanjut"), tr!("sop-decision-lanjut"));
        }
        if step.selesai.is_final() {
            self.error(&path.key("selesai"), tr!("sop-decision-final"));
        }
        let exits = decision.exits();
        if !(2..=MAX_EXITS).contains(&exits.len()) {
            self.error_with_hint(&kpath, tr!("sop-exit-count", count = exits.len()), tr!("sop-exit-count-hint"));
        }
        let targets = self.exit_targets(&kpath, &exits);
        for (n, target) in targets.iter().enumerate() {
            if targets[..n].iter().any(|other| other.to == target.to) {
                let message = match decision {
                    Decision::YaTidak(_) => tr!("sop-ya-tidak-same"),
                    Decision::Exits(_) => tr!("sop-exits-same"),
                };
                self.error_with_hint(&exit_path(&kpath, target.key), message, tr!("sop-not-a-decision"));
            }
        }
        for target in targets {
            if target.to == i {
                self.error(&exit_path(&kpath, target.key), tr!("sop-self-loop"));
            } else {
                edges.push(Edge { from: i, to: target.to, exit: Some(target.exit) });
            }
        }
        exits.into_iter().map(|(label, _, _)| label.trim().to_owned()).collect()
    }

    /// The steps a decision's exits lead to, each exit labelled (no label
    /// twice) and with a step that exists.
    fn exit_targets(&mut self, kpath: &DocPath, exits: &[(String, Option<&Target>, ExitKey)]) -> Vec<ExitTarget> {
        let mut targets = Vec::new();
        for (index, (label, target, key)) in exits.iter().enumerate() {
            let at = exit_path(kpath, *key);
            if label.trim().is_empty() {
                self.error(&at.key("label"), tr!("sop-exit-no-label"));
            } else if exits[..index].iter().any(|(other, _, _)| other.trim().eq_ignore_ascii_case(label.trim())) {
                self.error(&at.key("label"), tr!("sop-exit-label-twice", label = label));
            }
            let Some(target) = target else {
                self.error_with_hint(
                    kpath,
                    tr!("sop-decision-missing-exit", exit = label.to_lowercase()),
                    tr!("sop-decision-needs-both"),
                );
                continue;
            };
            let target_at = match key {
                ExitKey::Named(_) => at,
                ExitKey::Listed(_) => at.key("ke"),
            };
            if let Some(to) = self.target(target, &target_at) {
                targets.push(ExitTarget { exit: index, to, key: *key });
            }
        }
        targets
    }

    /// A final step (`selesai`) goes nowhere.
    fn check_final_step_stops(&mut self, path: &DocPath, step: &Langkah) {
        if step.selesai.is_final() && step.lanjut.is_some() {
            self.error(&path.key("lanjut"), tr!("sop-final-continues"));
        }
    }

    /// Where a step goes that neither decides nor ends: to the next step, or
    /// to its `lanjut` (a fork: two to four steps, each once), never back to
    /// itself. The arrows go to `edges`.
    fn onward_edges(&mut self, i: usize, path: &DocPath, step: &Langkah, edges: &mut Vec<Edge>) {
        let targets: Vec<(Option<usize>, DocPath)> = match &step.lanjut {
            Some(Targets::One(target)) => vec![(self.target(target, &path.key("lanjut")), path.key("lanjut"))],
            Some(Targets::Fork(list)) => {
                if !(2..=MAX_EXITS).contains(&list.len()) {
                    self.error_with_hint(
                        &path.key("lanjut"),
                        tr!("sop-fork-count", count = list.len()),
                        tr!("sop-fork-count-hint"),
                    );
                }
                list.iter()
                    .enumerate()
                    .map(|(k, target)| {
                        let at = path.key("lanjut").index(k);
                        (self.target(target, &at), at)
                    })
                    .collect()
            }
            None => vec![(Some(i + 1), path.clone())],
        };
        let mut seen = Vec::new();
        for (to, at) in targets {
            let Some(to) = to else { continue };
            if to == i {
                self.error(&at, tr!("sop-self-loop"));
            } else if seen.contains(&to) {
                self.error(&at, tr!("sop-fork-twice", step = to + 1));
            } else {
                seen.push(to);
                edges.push(Edge { from: i, to, exit: None });
            }
        }
    }

    /// The step a target names (by number or by id), if it has one.
    fn target(&mut self, target: &Target, at: &DocPath) -> Option<usize> {
        let count = self.def.langkah.len();
        match target {
            Target::Nomor(n) if (1..=count as u64).contains(n) => Some(*n as usize - 1),
            Target::Nomor(n) => {
                self.error(at, tr!("sop-no-such-step", n = n, count = count));
                None
            }
            Target::Id(id) => {
                let found = self.ids.get(id.as_str()).copied();
                if found.is_none() {
                    let mut known: Vec<&&str> = self.ids.keys().collect();
                    known.sort();
                    let hint = if known.is_empty() {
                        tr!("sop-give-id")
                    } else {
                        tr!("sop-step-ids", ids = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
                    };
                    self.error_with_hint(at, tr!("sop-no-such-id", id = id), hint);
                }
                found
            }
        }
    }

    /// The lane of a Mulai terminator beside the step: the first step's
    /// only.
    fn start_beside(&mut self, i: usize, path: &DocPath, step: &Langkah, lanes: &[usize]) -> Option<usize> {
        match &step.mulai {
            Some(_) if i > 0 => {
                self.error_with_hint(&path.key("mulai"), tr!("sop-mulai-not-first"), tr!("sop-mulai-not-first-hint"));
                None
            }
            Some(actor) => self.terminator_lane(&path.key("mulai"), actor, lanes, lanes.first().copied().unwrap_or(0)),
            None => None,
        }
    }

    /// The lane of a Selesai terminator beside the step.
    fn end_beside(&mut self, path: &DocPath, step: &Langkah, lanes: &[usize]) -> Option<usize> {
        match &step.selesai {
            Ending::Beside(actor) => {
                self.terminator_lane(&path.key("selesai"), actor, lanes, lanes.last().copied().unwrap_or(0))
            }
            _ => None,
        }
    }

    /// The lane of a terminator beside the step, which stands in for its
    /// capsule: an actor's listed under `pelaksana`, beside the symbol the
    /// flow enters (Mulai) or leaves (Selesai), in lane `own`, on the side
    /// away from the step's other symbols, or in that symbol's own column.
    fn terminator_lane(&mut self, at: &DocPath, actor: &str, lanes: &[usize], own: usize) -> Option<usize> {
        let Some(lane) = self.def.pelaksana.get_index_of(actor) else {
            self.unknown_actor(at, actor);
            return None;
        };
        let (low, high) = (lanes.iter().min().copied().unwrap_or(lane), lanes.iter().max().copied().unwrap_or(lane));
        let outside = if low == high {
            true
        } else if own == low {
            lane < low
        } else {
            lane > high
        };
        if lane != own && !outside {
            self.error_with_hint(at, tr!("sop-terminator-between"), tr!("sop-terminator-between-hint"));
            return None;
        }
        Some(lane)
    }

    /// A step done in parallel (`paralel`) has two or more actors that all
    /// go on to the next step: no `lanjut`, and no terminator beside it.
    fn check_parallel_step(&mut self, path: &DocPath, step: &Langkah) {
        if !step.paralel {
            return;
        }
        if step.pelaksana.ids().len() < 2 {
            self.error(&path.key("pelaksana"), tr!("sop-parallel-one-actor"));
        }
        if step.lanjut.is_some() {
            self.error(&path.key("lanjut"), tr!("sop-parallel-lanjut"));
        }
        if step.mulai.is_some() {
            self.error(&path.key("mulai"), tr!("sop-parallel-terminator"));
        }
        if matches!(step.selesai, Ending::Beside(_)) {
            self.error(&path.key("selesai"), tr!("sop-parallel-terminator"));
        }
    }

    /// The text inside the step's symbol (`teks`): one line, short enough
    /// to fit.
    fn symbol_text(&mut self, path: &DocPath, step: &Langkah) -> Option<String> {
        let text = step.teks.as_ref().map(|t| t.trim().to_owned());
        if let Some(t) = &text {
            if t.is_empty() || t.contains('\n') {
                self.error(&path.key("teks"), tr!("sop-teks-line"));
            } else if t.chars().count() > MAX_SYMBOL_TEXT {
                self.error_with_hint(
                    &path.key("teks"),
                    tr!("sop-teks-long", count = t.chars().count(), most = MAX_SYMBOL_TEXT),
                    tr!("sop-teks-long-hint"),
                );
            }
        }
        text
    }
}

/// A decision's exit that leads to a step.
struct ExitTarget {
    /// The exit's place among the decision's exits.
    exit: usize,
    to: usize,
    key: ExitKey,
}

/// Where a decision's exit is written: `ya:` or `tidak:`, or an item of
/// its list.
fn exit_path(kpath: &DocPath, key: ExitKey) -> DocPath {
    match key {
        ExitKey::Named(name) => kpath.key(name),
        ExitKey::Listed(index) => kpath.index(index),
    }
}

/// A decision is a diamond (ketupat); the first step and a final one are
/// capsules (kapsul), unless a terminator beside the step stands in for
/// the capsule; any other step is a box (kotak).
fn symbol_of(first: bool, decides: bool, ends: bool, terminator_beside: bool) -> Symbol {
    if decides {
        Symbol::Ketupat
    } else if (first || ends) && !terminator_beside {
        Symbol::Kapsul
    } else {
        Symbol::Kotak
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{HEAD, check};
    use super::*;

    #[test]
    fn each_step_is_drawn_with_the_symbol_of_its_place_in_the_flow() {
        let text = format!(
            "{HEAD}  - kegiatan: Memeriksa berkas\n    pelaksana: kabid\n    keputusan: {{ya: 3, tidak: 2}}\n  - kegiatan: Menolak berkas\n    pelaksana: staf\n    selesai: true\n  - kegiatan: Mengarsipkan berkas\n    pelaksana: staf\n  - kegiatan: Mengirim berkas\n    pelaksana: staf\n    selesai: kabid\n"
        );
        let (flow, diagnostics) = check(&text);
        let flow = flow.unwrap_or_else(|| panic!("{}", diagnostics.render_plain()));
        let symbols: Vec<Symbol> = flow.steps.iter().map(|s| s.symbol).collect();
        // A decision first is a diamond; a final step in mid-flow is a
        // capsule; the last step's capsule is the Selesai terminator beside
        // it, so the step itself is a box.
        assert_eq!(symbols, [Symbol::Ketupat, Symbol::Kapsul, Symbol::Kotak, Symbol::Kotak]);
        assert_eq!(flow.steps[3].end_beside, Some(1));
    }
}
