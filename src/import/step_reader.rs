//! Import, read: a table's steps as definition steps, each with its actor
//! (from the drawn symbol, else the cell's mark) and its flow (from the
//! drawing, else from branches written in Keterangan), through a
//! `StepReader` that reports what it guessed at its cell.

use std::collections::BTreeSet;

use super::definition::{Cell, Step};
use super::procedure::{self, Header, Mark, RawStep, kept_numbers, step_names};
use super::workbook::Sheet;
use super::{Used, flowchart};

/// A decision's exits labelled as most sheets do.
fn yes_no(ya: usize, tidak: usize) -> Vec<(Option<String>, Vec<usize>)> {
    vec![(Some("Ya".to_owned()), vec![ya]), (Some("Tidak".to_owned()), vec![tidak])]
}

/// Why a decision's exits (1-based targets) at step `at` of `n` cannot be
/// written as `check` would accept them, if so: the rules of
/// `validate::sop` on exits, said here per cell before the YAML exists.
pub(super) fn undrawable(exits: &[(Option<String>, Vec<usize>)], at: usize, n: usize) -> Option<String> {
    let targets: BTreeSet<usize> = exits.iter().flat_map(|(_, t)| t.iter().copied()).collect();
    // Two labelled exits may lead to one step (`check` allows it), but not
    // `ya` and `tidak`, nor an exit without a label.
    let ya_tidak = exits.len() == 2 && exits[0].0.as_deref() == Some("Ya") && exits[1].0.as_deref() == Some("Tidak");
    let same = exits.iter().enumerate().any(|(k, (label, to))| {
        exits[..k].iter().any(|(other, t)| t == to && (ya_tidak || label.is_none() || other.is_none()))
    });
    if targets.iter().any(|t| !(1..=n).contains(t)) {
        Some(crate::tr!("import-branch-missing"))
    } else if targets.contains(&at) {
        Some(crate::tr!("import-branch-self"))
    } else if same {
        Some(crate::tr!("import-branch-same"))
    } else if exits.len() > crate::validate::MAX_EXITS {
        Some(crate::tr!("import-branch-many"))
    } else {
        None
    }
}

/// Builds the steps: the actor from the drawn symbol or the cell mark, the
/// flow from the drawing or from branches written in Keterangan.
pub(super) fn steps(
    raw: &[RawStep],
    header: &Header,
    drawn: Option<&[flowchart::Drawn]>,
    lanes: &[(String, String)],
    sheet: &Sheet,
    used: &mut Used,
    problem: impl FnMut((u32, u32), &str),
) -> Vec<Step> {
    let renumbered = first_renumbered(raw);
    let kept = kept_numbers(raw);
    let names = step_names(raw);
    let mut reader =
        StepReader { raw, header, drawn, lanes, sheet, used, problem, renumbered: renumbered.is_some(), names };
    if let (Some(i), None) = (renumbered, &kept) {
        reader.report_renumbering(i);
    }
    let mut out: Vec<Step> = raw.iter().enumerate().map(|(i, step)| reader.step(i, step)).collect();
    reader.report_unreached_mentions(&out);
    for (step, nomor) in out.iter_mut().zip(kept.unwrap_or_default()) {
        step.nomor = nomor;
    }
    out
}

/// The first step a table numbers other than by its place (1, 2, 4, 4a...),
/// if any.
fn first_renumbered(raw: &[RawStep]) -> Option<usize> {
    raw.iter().enumerate().position(|(i, s)| s.written.as_ref().is_some_and(|w| *w != (i + 1).to_string()))
}

/// A procedure table being read into steps: what each step's reading looks
/// up, and where its guesses go.
struct StepReader<'a, P> {
    raw: &'a [RawStep],
    header: &'a Header,
    /// What the drawing says of each step, when the sheet has one.
    drawn: Option<&'a [flowchart::Drawn]>,
    /// Each actor's id and label.
    lanes: &'a [(String, String)],
    sheet: &'a Sheet,
    used: &'a mut Used,
    problem: P,
    /// Whether the table numbers its steps other than 1 to n.
    renumbered: bool,
    /// Each step's number in the to-do list (`step_names`).
    names: Vec<String>,
}

/// A mark in an actor's column of a step's rows.
struct ActorMark {
    actor: usize,
    cell: (u32, u32),
}

/// The marks of a step's rows: who does it, and who decides.
struct Marks {
    actors: Vec<ActorMark>,
    /// The actor whose cell holds the ◇, if any.
    decider: Option<usize>,
}

impl<P: FnMut((u32, u32), &str)> StepReader<'_, P> {
    fn problem(&mut self, cell: (u32, u32), message: &str) {
        (self.problem)(cell, message);
    }

    /// Tables that number their steps with gaps or sub-rows are numbered 1
    /// to n here; said at the first step `i` numbered otherwise.
    fn report_renumbering(&mut self, i: usize) {
        let step = &self.raw[i];
        let written: Vec<&str> = self.raw.iter().filter_map(|s| s.written.as_deref()).collect();
        let message = crate::tr!(
            "import-renumbered",
            numbers = written.join(", "),
            count = self.raw.len(),
            step = i + 1,
            written = step.written.as_deref().unwrap_or_default()
        );
        self.problem((step.rows.start, self.header.no.unwrap_or(step.cell.1)), &message);
    }

    /// The step (1-based) a number written in the table names: found by
    /// its written number when the table is renumbered.
    fn position(&self, written: usize) -> Option<usize> {
        if !self.renumbered {
            return Some(written);
        }
        self.raw.iter().position(|s| s.written.as_deref() == Some(written.to_string().as_str())).map(|p| p + 1)
    }

    /// Step `i` as the definition writes it.
    fn step(&mut self, i: usize, step: &RawStep) -> Step {
        for (cell, guess) in &step.guesses {
            self.problem(*cell, guess);
        }
        let marks = marks_of(step, self.header);
        let drawn = self.drawn.and_then(|d| d.get(i)).cloned().unwrap_or_default();
        let mut actors = self.step_actors(i, step, &drawn, &marks.actors);
        if !drawn.cells.is_empty() {
            return Step {
                kegiatan: step.kegiatan.clone(),
                kelengkapan: step.kelengkapan.clone(),
                waktu: step.waktu.clone(),
                output: step.output.clone(),
                keterangan: step.keterangan.clone(),
                simbol: drawn.cells,
                ..Step::default()
            };
        }
        let mut decision =
            if self.drawn.is_some() { drawn.decision } else { self.written_branches(i, step, marks.decider) };
        let n = self.raw.len();
        if let Some(why) = undrawable(&decision, i + 1, n) {
            self.problem(step.cell, &crate::tr!("import-as-process", step = &self.names[i], why = why));
            decision.clear();
        }
        if !decision.is_empty() && actors.len() > 1 {
            actors = vec![self.one_decider(i, step, &actors, marks.decider)];
        }
        let decides = !decision.is_empty();
        let id = |actor: usize| self.lanes[actor].0.clone();
        Step {
            kegiatan: step.kegiatan.clone(),
            pelaksana: actors.iter().map(|&a| id(a)).collect(),
            kelengkapan: step.kelengkapan.clone(),
            waktu: step.waktu.clone(),
            output: step.output.clone(),
            keterangan: step.keterangan.clone(),
            decision,
            lanjut: drawn.lanjut.iter().copied().filter(|t| (1..=n).contains(t)).collect(),
            selesai: drawn.selesai && !decides,
            paralel: drawn.parallel && actors.len() > 1,
            mulai: drawn.start_beside.map(id),
            selesai_beside: drawn.end_beside.filter(|_| !decides).map(id),
            teks: drawn.text,
            ..Step::default()
        }
    }

    /// The actors doing step `i`: those whose columns hold its drawn
    /// symbols (a mark in another's column is reported), else those its
    /// cells mark, else the first actor (reported). Marks in several
    /// actors' columns on one row are a step done together (drawn along the
    /// row in column order); on a drawn sheet, though, such a step is drawn
    /// as symbols, and marks alone there are more likely stray: the first
    /// is kept. The marks are read either way.
    fn step_actors(&mut self, i: usize, step: &RawStep, drawn: &flowchart::Drawn, marks: &[ActorMark]) -> Vec<usize> {
        for mark in marks {
            self.used.take(self.sheet, mark.cell.0, mark.cell.1);
        }
        let drawn_actors: Vec<usize> = drawn.symbols.iter().map(|s| s.actor).collect();
        if let Some(&actor) = drawn_actors.first() {
            if let Some(other) = marks.iter().find(|m| !drawn_actors.contains(&m.actor)) {
                let message = crate::tr!(
                    "import-symbol-vs-mark",
                    step = &self.names[i],
                    symbol = self.lanes[actor].1,
                    mark = self.lanes[other.actor].1
                );
                self.problem(other.cell, &message);
            }
            return drawn_actors;
        }
        let Some(first) = marks.first().map(|m| m.actor) else {
            self.problem(step.cell, &crate::tr!("import-no-mark", step = &self.names[i], actor = self.lanes[0].1));
            return vec![0];
        };
        let distinct: BTreeSet<usize> = marks.iter().map(|m| m.actor).collect();
        if self.drawn.is_some() && distinct.len() > 1 {
            let names: Vec<&str> = distinct.iter().map(|&a| self.lanes[a].1.as_str()).collect();
            let message = crate::tr!(
                "import-marks-no-symbol",
                step = &self.names[i],
                names = names.join(", "),
                used = self.lanes[first].1
            );
            self.problem(step.cell, &message);
            return vec![first];
        }
        distinct.into_iter().collect()
    }

    /// A decision's exits as a sheet without a drawing writes them:
    /// labelled branches in Keterangan ("Lengkap: ke langkah 4"), else a
    /// Ya/Tidak branch in Keterangan or, failing that, in the activity's
    /// own words ("..., jika ya lanjut ... jika tidak ..."). A step marked
    /// ◇ whose Tidak names no step is reported and read as a process. A
    /// step the table does not have becomes 0 (`undrawable` says so).
    fn written_branches(
        &mut self,
        i: usize,
        step: &RawStep,
        decider: Option<usize>,
    ) -> Vec<(Option<String>, Vec<usize>)> {
        let labelled: Vec<(Option<String>, Vec<usize>)> = procedure::labelled_branches_in(&step.keterangan)
            .into_iter()
            .map(|(label, t)| (Some(label), vec![self.position(t).unwrap_or(0)]))
            .collect();
        let (mut ya, mut tidak) = procedure::branches_in(&step.keterangan);
        // Where the prose is, for the guesses made on it.
        let mut prose_cell = self.header.keterangan.map_or(step.cell, |c| (step.rows.start, c));
        if ya.is_none()
            && tidak.is_none()
            && let Some(condition) = procedure::condition_part(&step.kegiatan)
        {
            (ya, tidak) = procedure::branches_in(&condition);
            prose_cell = step.cell;
        }
        let ya = ya.and_then(|goal| self.branch_target(i, goal, prose_cell));
        let tidak = tidak.and_then(|goal| self.branch_target(i, goal, prose_cell));
        match (tidak, decider.is_some()) {
            _ if !labelled.is_empty() => labelled,
            (Some(tidak), _) => yes_no(ya.unwrap_or(i + 2), tidak),
            (None, true) => {
                self.problem(step.cell, &crate::tr!("import-decision-no-tidak", step = &self.names[i]));
                Vec::new()
            }
            (None, false) => Vec::new(),
        }
    }

    /// The step (1-based) a branch of step `i` goes to: the step numbered
    /// so (0 when the table has none), or the one its words describe
    /// (reported at `prose_cell`); words that name no step make no branch.
    fn branch_target(&mut self, i: usize, goal: procedure::Goal, prose_cell: (u32, u32)) -> Option<usize> {
        match goal {
            procedure::Goal::Step(t) => Some(self.position(t).unwrap_or(0)),
            procedure::Goal::Words(words) => {
                let j = step_by_words(self.raw, i, &words)?;
                let message = crate::tr!(
                    "import-branch-by-words",
                    step = &self.names[i],
                    words = words,
                    target = &self.names[j],
                    kegiatan = self.raw[j].kegiatan
                );
                self.problem(prose_cell, &message);
                Some(j + 1)
            }
        }
    }

    /// The one actor who makes a decision marked for several: the one
    /// whose cell holds the ◇, else the first; reported.
    fn one_decider(&mut self, i: usize, step: &RawStep, actors: &[usize], decider: Option<usize>) -> usize {
        let names: Vec<&str> = actors.iter().map(|&a| self.lanes[a].1.as_str()).collect();
        let kept = decider.filter(|d| actors.contains(d)).unwrap_or(actors[0]);
        let message = crate::tr!(
            "import-decision-joint",
            step = &self.names[i],
            names = names.join(", "),
            used = self.lanes[kept].1
        );
        self.problem(step.cell, &message);
        kept
    }

    /// A step number a text names that no branch or arrow reaches from
    /// that step: the flow may be missing it.
    fn report_unreached_mentions(&mut self, out: &[Step]) {
        for (i, (step, made)) in self.raw.iter().zip(out).enumerate() {
            let reached: BTreeSet<usize> = made
                .decision
                .iter()
                .flat_map(|(_, t)| t.iter().copied())
                .chain(made.lanjut.iter().copied())
                .chain(made.simbol.iter().flat_map(Cell::steps))
                .chain((made.decision.is_empty() && made.lanjut.is_empty()).then_some(i + 2))
                .collect();
            let mentioned = procedure::steps_mentioned(&format!("{}\n{}", step.kegiatan, step.keterangan));
            for written in mentioned {
                let Some(target) = self.position(written) else { continue };
                if target != i + 1 && !reached.contains(&target) {
                    self.problem(
                        step.cell,
                        &crate::tr!("import-mention-no-branch", step = &self.names[i], target = written),
                    );
                }
            }
        }
    }
}

/// The actor marks of a step's rows (√, v, a name, ◇), and who decides.
/// Branch words there are labels, placed by the flowchart reader if at all.
fn marks_of(step: &RawStep, header: &Header) -> Marks {
    let mut marks = Marks { actors: Vec::new(), decider: None };
    for (r, c, text) in &step.marks {
        let mark = procedure::mark_of(text);
        if matches!(mark, Mark::Actor | Mark::Decision)
            && let Some(actor) = header.actor_of(*c)
        {
            marks.actors.push(ActorMark { actor, cell: (*r, *c) });
            if mark == Mark::Decision {
                marks.decider = marks.decider.or(Some(actor));
            }
        }
    }
    marks
}

/// The step, other than `from`, whose activity shares the most words (two
/// at least, of four letters or more) with `words`.
fn step_by_words(raw: &[RawStep], from: usize, words: &str) -> Option<usize> {
    let wanted: BTreeSet<String> = crate::util::text::words(words).filter(|w| w.chars().count() >= 4).collect();
    raw.iter()
        .enumerate()
        .filter(|&(j, _)| j != from)
        .map(|(j, step)| {
            let own: BTreeSet<String> = crate::util::text::words(&step.kegiatan).collect();
            (wanted.intersection(&own).count(), j)
        })
        .filter(|&(shared, _)| shared >= 2)
        // The most words shared; on a tie, the nearest step after `from`.
        .max_by_key(|&(shared, j)| (shared, std::cmp::Reverse((j + raw.len() - from) % raw.len())))
        .map(|(_, j)| j)
}
