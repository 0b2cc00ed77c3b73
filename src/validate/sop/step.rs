//! Each step of an SOP resolved into its place in the flow: the lanes of its
//! actors, where it leads (a decision's exits, a fork, the next step or
//! nowhere), the terminators beside it, the text in its symbol, and the
//! symbol drawn for it.

use super::{MAX_EXITS, MAX_FORK, MAX_SYMBOL_TEXT, SopCheck, langkah};
use crate::load::DocPath;
use crate::model::flow::{Edge, FlowStep, Symbol};
use crate::model::{Actors, Decision, Ending, ExitKey, Langkah, Target, Targets};
use crate::tr;
use crate::util::text::known_list;

impl<'a> SopCheck<'a> {
    /// Each step's `id` (given once only) and its activity (written).
    pub(super) fn index_steps(&mut self) {
        let def = self.def;
        for (i, step) in def.langkah.iter().enumerate() {
            let path = langkah(i);
            if let Some(id) = &step.id
                && self.ids.insert(id.as_str(), Place::Step(i)).is_some()
            {
                self.error(&path.key("id"), tr!("sop-id-twice", id = id));
            }
            for (k, cell) in step.simbol.iter().flatten().enumerate() {
                let (Some(id), Some(lane)) = (&cell.id, def.pelaksana.get_index_of(&cell.pelaksana)) else { continue };
                if self.ids.insert(id.as_str(), Place::Symbol { step: i, lane }).is_some() {
                    self.error(&path.key("simbol").index(k).key("id"), tr!("sop-id-twice", id = id));
                }
            }
            let printed = self.printed(i);
            if step.nomor.as_ref().is_some_and(|n| n.0.is_empty()) {
                self.error(&path.key("nomor"), tr!("sop-nomor-empty"));
            } else if self.numbers.insert(printed.clone(), i).is_some() {
                // Counted on from a `nomor` before: say where that is.
                let hint = tr!("sop-keterangan-step-hint", numbers = self.printed_numbers.join(", "));
                self.error_with_hint(&path.key("nomor"), tr!("sop-nomor-twice", nomor = printed), hint);
            } else if i > 0 && leading(&printed) < leading(&self.printed(i - 1)) {
                // 1, 2, 4, 3.1: a sheet's numbers go up.
                let at = path.key("nomor");
                let previous = self.printed(i - 1);
                self.warnings
                    .push(self.doc.warning_at(&at, tr!("sop-nomor-back", nomor = printed, previous = previous)));
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
        if let Some(cells) = &step.simbol {
            return self.resolve_row(i, &path, step, cells, edges);
        }
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
        let text = self.symbol_text(&path.key("teks"), step.teks.as_deref());
        let beside = start_beside.is_some() || end_beside.is_some();
        let symbol = symbol_of(i == 0, step.decision.is_some(), ends, beside);
        let lanes = if lanes.is_empty() { vec![lane] } else { lanes };
        FlowStep {
            exits,
            texts: vec![text; lanes.len()],
            start_beside,
            end_beside,
            ..FlowStep::joint(lanes, symbol, step.paralel)
        }
    }

    /// The lanes of the step's actors, in the order written: each one listed
    /// under `pelaksana` and named once; one only for a decision; a joint
    /// step's in the order of their columns.
    fn step_lanes(&mut self, path: &DocPath, step: &Langkah) -> Vec<usize> {
        let ids = step.pelaksana.as_ref().map(Actors::ids).unwrap_or_default();
        let mut lanes: Vec<usize> = Vec::with_capacity(ids.len());
        for (k, id) in ids.iter().enumerate() {
            let at = match step.pelaksana {
                Some(Actors::Many(_)) => path.key("pelaksana").index(k),
                _ => path.key("pelaksana"),
            };
            match self.def.pelaksana.get_index_of(*id) {
                Some(lane) if lanes.contains(&lane) => self.error(&at, tr!("sop-actor-twice", id = id)),
                Some(lane) => lanes.push(lane),
                None => self.unknown_actor(&at, id),
            }
        }
        match &step.pelaksana {
            None => self.error_with_hint(path, tr!("sop-step-no-actor"), tr!("sop-step-no-actor-hint")),
            Some(_) if ids.is_empty() => self.error(&path.key("pelaksana"), tr!("sop-step-no-actor")),
            Some(_) => {}
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

    pub(super) fn unknown_actor(&mut self, at: &DocPath, id: &str) {
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
    ) -> Vec<Option<String>> {
        if step.lanjut.is_some() {
            self.error(&path.key("lanjut"), tr!("sop-decision-lanjut"));
        }
        if step.selesai.is_final() {
            self.error(&path.key("selesai"), tr!("sop-decision-final"));
        }
        let (labels, targets) = self.exits_of(&path.key("keputusan"), decision);
        for target in targets {
            match target.to {
                Place::Step(to) if to == i => self.error(&target.at, tr!("sop-self-loop")),
                Place::Step(to) => edges.push(Edge::between(i, to, Some(target.exit))),
                Place::Symbol { step, lane } => {
                    edges.push(Edge { to_lane: Some(lane), ..Edge::between(i, step, Some(target.exit)) })
                }
            }
        }
        labels
    }

    /// A decision's exits checked: two to four, each labelled once (or
    /// left unlabelled in the list form), each leading somewhere that
    /// exists, `ya` and `tidak` not to the same place. Returns the labels
    /// and where each exit leads.
    pub(super) fn exits_of(&mut self, kpath: &DocPath, decision: &Decision) -> (Vec<Option<String>>, Vec<ExitTarget>) {
        let exits = decision.exits();
        if !(2..=MAX_EXITS).contains(&exits.len()) {
            self.error_with_hint(kpath, tr!("sop-exit-count", count = exits.len()), tr!("sop-exit-count-hint"));
        }
        let mut targets: Vec<ExitTarget> = Vec::new();
        for (index, (label, to, key)) in exits.iter().enumerate() {
            let at = exit_path(kpath, *key);
            let label = label.as_deref().map(str::trim);
            if label == Some("") {
                self.error_with_hint(&at.key("label"), tr!("sop-exit-no-label"), tr!("sop-exit-no-label-hint"));
            } else if let Some(label) = label
                && exits[..index]
                    .iter()
                    .any(|(other, _, _)| other.as_deref().map(str::trim).is_some_and(|o| o.eq_ignore_ascii_case(label)))
            {
                self.error(&at.key("label"), tr!("sop-exit-label-twice", label = label));
            }
            if to.is_empty() {
                let exit = label.unwrap_or_default().to_lowercase();
                self.error_with_hint(
                    kpath,
                    tr!("sop-decision-missing-exit", exit = exit),
                    tr!("sop-decision-needs-both"),
                );
                continue;
            }
            for (k, target) in to.iter().enumerate() {
                let target_at = match (key, to.len()) {
                    (ExitKey::Named(_), _) => at.clone(),
                    (ExitKey::Listed(_), 1) => at.key("ke"),
                    (ExitKey::Listed(_), _) => at.key("ke").index(k),
                };
                let Some(place) = self.place(target, &target_at) else { continue };
                let same_exit = targets.iter().any(|t| t.exit == index && t.to == place);
                // Two labelled exits may go to the same step (the sheet
                // says two things lead there); `ya` and `tidak` may not.
                let ya_tidak_same = matches!(decision, Decision::YaTidak(_)) && targets.iter().any(|t| t.to == place);
                if same_exit {
                    self.error(&target_at, tr!("sop-exit-target-twice"));
                } else if ya_tidak_same {
                    self.error_with_hint(&target_at, tr!("sop-ya-tidak-same"), tr!("sop-not-a-decision"));
                } else {
                    targets.push(ExitTarget { exit: index, to: place, at: target_at });
                }
            }
        }
        let labels = exits.into_iter().map(|(label, _, _)| label.map(|l| l.trim().to_owned())).collect();
        (labels, targets)
    }

    /// A final step (`selesai`) goes nowhere.
    fn check_final_step_stops(&mut self, path: &DocPath, step: &Langkah) {
        if step.selesai.is_final() && step.lanjut.is_some() {
            self.error(&path.key("lanjut"), tr!("sop-final-continues"));
        }
    }

    /// Where a step goes that neither decides nor ends: to the next step, or
    /// to its `lanjut` (a fork: two to eight steps, each once), never back to
    /// itself. The arrows go to `edges`.
    fn onward_edges(&mut self, i: usize, path: &DocPath, step: &Langkah, edges: &mut Vec<Edge>) {
        let targets: Vec<(Option<Place>, DocPath)> = match &step.lanjut {
            Some(Targets::One(target)) => vec![(self.place(target, &path.key("lanjut")), path.key("lanjut"))],
            Some(Targets::Fork(list)) => {
                if !(2..=MAX_FORK).contains(&list.len()) {
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
                        (self.place(target, &at), at)
                    })
                    .collect()
            }
            None => vec![(Some(Place::Step(i + 1)), path.clone())],
        };
        let mut seen = Vec::new();
        for (to, at) in targets {
            let Some(to) = to else { continue };
            if to == Place::Step(i) {
                self.error(&at, tr!("sop-self-loop"));
            } else if seen.contains(&to) {
                self.error(&at, tr!("sop-fork-twice", step = self.printed(to.step())));
            } else {
                seen.push(to);
                let to_lane = match to {
                    Place::Symbol { lane, .. } => Some(lane),
                    Place::Step(_) => None,
                };
                edges.push(Edge { to_lane, ..Edge::between(i, to.step(), None) });
            }
        }
    }

    /// What a target names: a step by its printed number or id, or a
    /// symbol of a row written with `simbol` by its id.
    pub(super) fn place(&mut self, target: &Target, at: &DocPath) -> Option<Place> {
        let count = self.def.langkah.len();
        let by_number = |n: &str| self.numbers.get(n).copied().map(Place::Step);
        let found = match target {
            Target::Nomor(n) => by_number(&n.to_string()),
            Target::Id(id) => self.ids.get(id.as_str()).copied().or_else(|| by_number(id.trim())),
        };
        if found.is_none() {
            // Where the sheet prints its own numbers, say which.
            let counted = self.printed_numbers.iter().enumerate().all(|(k, n)| *n == (k + 1).to_string());
            let printed = tr!("sop-keterangan-step-hint", numbers = self.printed_numbers.join(", "));
            match target {
                Target::Nomor(n) if counted => self.error(at, tr!("sop-no-such-step", n = n, count = count)),
                Target::Nomor(n) => self.error_with_hint(at, tr!("sop-no-such-step", n = n, count = count), printed),
                Target::Id(id) => {
                    let mut known: Vec<&&str> = self.ids.keys().collect();
                    known.sort();
                    let mut hint = if known.is_empty() {
                        tr!("sop-give-id")
                    } else {
                        tr!("sop-step-ids", ids = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
                    };
                    if !counted {
                        hint = format!("{hint}; {printed}");
                    }
                    self.error_with_hint(at, tr!("sop-no-such-id", id = id), hint);
                }
            }
        }
        found
    }

    /// The number step `i` (0-based) is printed with.
    pub(super) fn printed(&self, i: usize) -> String {
        self.printed_numbers.get(i).cloned().unwrap_or_else(|| (i + 1).to_string())
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
        if step.actor_ids().len() < 2 {
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

    /// The text inside a symbol (`teks`, written at `at`): one line, short
    /// enough to fit.
    pub(super) fn symbol_text(&mut self, at: &DocPath, teks: Option<&str>) -> Option<String> {
        let text = teks.map(|t| t.trim().to_owned());
        if let Some(t) = &text {
            if t.is_empty() || t.contains('\n') {
                self.error(at, tr!("sop-teks-line"));
            } else if t.chars().count() > MAX_SYMBOL_TEXT {
                self.error_with_hint(
                    at,
                    tr!("sop-teks-long", count = t.chars().count(), most = MAX_SYMBOL_TEXT),
                    tr!("sop-teks-long-hint"),
                );
            }
        }
        text
    }
}

/// The number a printed step number starts with (`3` of `3.1`, `2a`).
fn leading(printed: &str) -> u64 {
    printed.chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap_or(0)
}

/// A decision's exit that leads somewhere.
pub(super) struct ExitTarget {
    /// The exit's place among the decision's exits.
    pub exit: usize,
    pub to: Place,
    /// Where the target is written.
    pub at: DocPath,
}

/// What a target names: a step (entered as usual), or one symbol of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    Step(usize),
    Symbol { step: usize, lane: usize },
}

impl Place {
    pub fn step(self) -> usize {
        match self {
            Place::Step(step) | Place::Symbol { step, .. } => step,
        }
    }
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
        let symbols: Vec<Symbol> = flow.steps.iter().map(|s| s.symbol()).collect();
        // A decision first is a diamond; a final step in mid-flow is a
        // capsule; the last step's capsule is the Selesai terminator beside
        // it, so the step itself is a box.
        assert_eq!(symbols, [Symbol::Ketupat, Symbol::Kapsul, Symbol::Kotak, Symbol::Kotak]);
        assert_eq!(flow.steps[3].end_beside, Some(1));
    }
}
