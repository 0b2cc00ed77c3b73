//! Stage 2, validate: one SOP definition checked and resolved into its [`Flow`]: dates in
//! order, actors and targets that exist, decisions with both exits, every
//! step reachable and every path ending; warnings for steps without mutu
//! baku or without a verb.

use std::collections::{HashMap, VecDeque};

use super::known_list;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{DocPath, Loaded};
use crate::model::flow::{Edge, Flow, FlowStep, Symbol};
use crate::model::{Actors, Decision, Ending, ExitKey, SopDef, Target, Targets};
use crate::tr;

/// The most exits a decision (or a fork) has: the layout draws them out of
/// the bottom, each side and the lower edges of the symbol (the import keeps
/// to it too).
pub const MAX_EXITS: usize = 4;

/// The longest text inside a symbol, in characters: it must still fit a
/// narrow diamond in a small size.
pub const MAX_SYMBOL_TEXT: usize = 40;

/// Checks one SOP and resolves its flow. `None` when it has errors.
pub fn validate_sop(doc: &Loaded<SopDef>, diagnostics: &mut Diagnostics) -> Option<Flow> {
    let def = &doc.value;
    let root = DocPath::root();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    for (key, value) in [("nomor", &def.identity.nomor), ("nama", &def.identity.nama)] {
        if value.trim().is_empty() {
            errors.push(doc.error_at(&root.key(key), tr!("sop-empty-key", key = key)));
        }
    }
    // "…/2024", "XXX/SOP/2024": a template's blank, not yet the SOP's number.
    if let Some(blank) = placeholder_in(&def.identity.nomor) {
        errors.push(
            doc.error_at(
                &root.key("nomor"),
                tr!("sop-nomor-placeholder", nomor = def.identity.nomor.trim(), blank = blank),
            )
            .with_hint(tr!("sop-nomor-placeholder-hint")),
        );
    }
    if def.identity.tanggal_efektif < def.identity.tanggal_pembuatan {
        errors.push(
            doc.error_at(&root.key("tanggal_efektif"), tr!("sop-efektif-before-pembuatan"))
                .with_hint(tr!("sop-made-on", date = def.identity.tanggal_pembuatan.long())),
        );
    }
    if let Some(sampai) = def.identity.berlaku_sampai
        && sampai < def.identity.tanggal_efektif
    {
        errors.push(doc.error_at(&root.key("berlaku_sampai"), tr!("sop-sampai-before-efektif")));
    }
    if let Some(revisi) = def.identity.tanggal_revisi
        && revisi < def.identity.tanggal_pembuatan
    {
        errors.push(doc.error_at(&root.key("tanggal_revisi"), tr!("sop-revisi-before-pembuatan")));
    }
    for (i, revisi) in def.identity.revisi.iter().enumerate() {
        if revisi.tanggal.is_some_and(|t| t < def.identity.tanggal_pembuatan) {
            errors.push(doc.error_at(&root.key("revisi").index(i).key("tanggal"), tr!("sop-revision-predates")));
        }
    }

    let lanes: Vec<&String> = def.pelaksana.keys().collect();
    if lanes.is_empty() {
        errors.push(doc.error_at(&root.key("pelaksana"), tr!("sop-no-actors")));
    }
    if def.langkah.is_empty() {
        errors.push(doc.error_at(&root.key("langkah"), tr!("sop-no-steps")));
    }

    // Step ids, then targets.
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, step) in def.langkah.iter().enumerate() {
        let path = root.key("langkah").index(i);
        if let Some(id) = &step.id
            && ids.insert(id.as_str(), i).is_some()
        {
            errors.push(doc.error_at(&path.key("id"), tr!("sop-id-twice", id = id)));
        }
        if step.kegiatan.trim().is_empty() {
            errors.push(doc.error_at(&path.key("kegiatan"), tr!("sop-kegiatan-empty")));
        }
    }
    let count = def.langkah.len();
    let resolve = |target: &Target, path: &DocPath, errors: &mut Vec<Diagnostic>| -> Option<usize> {
        match target {
            Target::Nomor(n) if (1..=count as u64).contains(n) => Some(*n as usize - 1),
            Target::Nomor(n) => {
                errors.push(doc.error_at(path, tr!("sop-no-such-step", n = n, count = count)));
                None
            }
            Target::Id(id) => match ids.get(id.as_str()) {
                Some(index) => Some(*index),
                None => {
                    let mut known: Vec<&&str> = ids.keys().collect();
                    known.sort();
                    let hint = if known.is_empty() {
                        tr!("sop-give-id")
                    } else {
                        tr!("sop-step-ids", ids = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
                    };
                    errors.push(doc.error_at(path, tr!("sop-no-such-id", id = id)).with_hint(hint));
                    None
                }
            },
        }
    };

    let mut steps = Vec::new();
    let mut edges = Vec::new();
    for (i, step) in def.langkah.iter().enumerate() {
        let path = root.key("langkah").index(i);
        let ids = step.pelaksana.ids();
        let mut lanes: Vec<usize> = Vec::with_capacity(ids.len());
        for (k, id) in ids.iter().enumerate() {
            let at = match step.pelaksana {
                Actors::One(_) => path.key("pelaksana"),
                Actors::Many(_) => path.key("pelaksana").index(k),
            };
            match def.pelaksana.get_index_of(*id) {
                Some(lane) if lanes.contains(&lane) => {
                    errors.push(doc.error_at(&at, tr!("sop-actor-twice", id = id)));
                }
                Some(lane) => lanes.push(lane),
                None => errors.push(doc.error_at(&at, tr!("sop-unknown-actor", id = id)).with_hint(known_list(
                    "pelaksana",
                    id,
                    def.pelaksana.keys(),
                ))),
            }
        }
        if ids.is_empty() {
            errors.push(doc.error_at(&path.key("pelaksana"), tr!("sop-step-no-actor")));
        }
        if ids.len() > 1 && step.decision.is_some() {
            errors.push(
                doc.error_at(&path.key("pelaksana"), tr!("sop-decision-one-actor"))
                    .with_hint(tr!("sop-decision-one-actor-hint")),
            );
        }
        // Joint arrows run straight along the row from one actor to the
        // next, so the actors go the way their columns do.
        let increasing = lanes.windows(2).all(|w| w[0] < w[1]);
        let decreasing = lanes.windows(2).all(|w| w[0] > w[1]);
        if !(increasing || decreasing) {
            errors.push(doc.error_at(&path.key("pelaksana"), tr!("sop-joint-order")).with_hint(tr!(
                "sop-columns-left-to-right",
                columns = def.pelaksana.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
            )));
        }
        let lane = lanes.first().copied().unwrap_or(0);
        let is_last = i + 1 == count;
        let symbol;
        let mut exit_labels = Vec::new();
        if let Some(decision) = &step.decision {
            symbol = Symbol::Ketupat;
            let kpath = path.key("keputusan");
            if step.lanjut.is_some() {
                errors.push(doc.error_at(&path.key("lanjut"), tr!("sop-decision-lanjut")));
            }
            if step.selesai.is_final() {
                errors.push(doc.error_at(&path.key("selesai"), tr!("sop-decision-final")));
            }
            let exits = decision.exits();
            let at = |key: ExitKey| match key {
                ExitKey::Named(name) => kpath.key(name),
                ExitKey::Listed(index) => kpath.index(index),
            };
            if !(2..=MAX_EXITS).contains(&exits.len()) {
                errors.push(
                    doc.error_at(&kpath, tr!("sop-exit-count", count = exits.len()))
                        .with_hint(tr!("sop-exit-count-hint")),
                );
            }
            let mut targets: Vec<(usize, usize, ExitKey)> = Vec::new();
            for (index, (label, target, key)) in exits.iter().enumerate() {
                if label.trim().is_empty() {
                    errors.push(doc.error_at(&at(*key).key("label"), tr!("sop-exit-no-label")));
                } else if exits[..index].iter().any(|(other, _, _)| other.trim().eq_ignore_ascii_case(label.trim())) {
                    errors.push(doc.error_at(&at(*key).key("label"), tr!("sop-exit-label-twice", label = label)));
                }
                match target {
                    Some(target) => {
                        let path = match key {
                            ExitKey::Named(_) => at(*key),
                            ExitKey::Listed(_) => at(*key).key("ke"),
                        };
                        if let Some(to) = resolve(target, &path, &mut errors) {
                            targets.push((index, to, *key));
                        }
                    }
                    None => errors.push(
                        doc.error_at(&kpath, tr!("sop-decision-missing-exit", exit = label.to_lowercase()))
                            .with_hint(tr!("sop-decision-needs-both")),
                    ),
                }
            }
            for (n, &(_, to, key)) in targets.iter().enumerate() {
                if targets[..n].iter().any(|&(_, other, _)| other == to) {
                    let message = match decision {
                        Decision::YaTidak(_) => tr!("sop-ya-tidak-same"),
                        Decision::Exits(_) => tr!("sop-exits-same"),
                    };
                    errors.push(doc.error_at(&at(key), message).with_hint(tr!("sop-not-a-decision")));
                }
            }
            for (exit, to, key) in targets {
                if to == i {
                    errors.push(doc.error_at(&at(key), tr!("sop-self-loop")));
                } else {
                    edges.push(Edge { from: i, to, exit: Some(exit) });
                }
            }
            exit_labels = exits.into_iter().map(|(label, _, _)| label.trim().to_owned()).collect();
        } else if step.selesai.is_final() || (is_last && step.lanjut.is_none()) {
            symbol = Symbol::Kapsul;
            if step.selesai.is_final() && step.lanjut.is_some() {
                errors.push(doc.error_at(&path.key("lanjut"), tr!("sop-final-continues")));
            }
        } else {
            symbol = if i == 0 { Symbol::Kapsul } else { Symbol::Kotak };
            let targets: Vec<(Option<usize>, DocPath)> = match &step.lanjut {
                Some(Targets::One(target)) => {
                    vec![(resolve(target, &path.key("lanjut"), &mut errors), path.key("lanjut"))]
                }
                Some(Targets::Fork(list)) => {
                    if !(2..=MAX_EXITS).contains(&list.len()) {
                        errors.push(
                            doc.error_at(&path.key("lanjut"), tr!("sop-fork-count", count = list.len()))
                                .with_hint(tr!("sop-fork-count-hint")),
                        );
                    }
                    list.iter()
                        .enumerate()
                        .map(|(k, target)| {
                            let at = path.key("lanjut").index(k);
                            (resolve(target, &at, &mut errors), at)
                        })
                        .collect()
                }
                None => vec![(Some(i + 1), path.clone())],
            };
            let mut seen = Vec::new();
            for (to, at) in targets {
                let Some(to) = to else { continue };
                if to == i {
                    errors.push(doc.error_at(&at, tr!("sop-self-loop")));
                } else if seen.contains(&to) {
                    errors.push(doc.error_at(&at, tr!("sop-fork-twice", step = to + 1)));
                } else {
                    seen.push(to);
                    edges.push(Edge { from: i, to, exit: None });
                }
            }
        }
        // A terminator beside the step stands in for its capsule.
        let beside = |key: &str, actor: &str, own: usize, errors: &mut Vec<Diagnostic>| -> Option<usize> {
            let at = path.key(key);
            let Some(lane) = def.pelaksana.get_index_of(actor) else {
                errors.push(doc.error_at(&at, tr!("sop-unknown-actor", id = actor)).with_hint(known_list(
                    "pelaksana",
                    actor,
                    def.pelaksana.keys(),
                )));
                return None;
            };
            let (low, high) =
                (lanes.iter().min().copied().unwrap_or(lane), lanes.iter().max().copied().unwrap_or(lane));
            // Beside the symbol the flow enters (or leaves), on the side away
            // from the step's other symbols, or in its own column.
            let outside = if low == high {
                true
            } else if own == low {
                lane < low
            } else {
                lane > high
            };
            if lane != own && !outside {
                errors.push(
                    doc.error_at(&at, tr!("sop-terminator-between")).with_hint(tr!("sop-terminator-between-hint")),
                );
                return None;
            }
            Some(lane)
        };
        let first_lane = lanes.first().copied().unwrap_or(0);
        let last_lane = lanes.last().copied().unwrap_or(0);
        let start_beside = match &step.mulai {
            Some(_) if i > 0 => {
                errors.push(
                    doc.error_at(&path.key("mulai"), tr!("sop-mulai-not-first"))
                        .with_hint(tr!("sop-mulai-not-first-hint")),
                );
                None
            }
            Some(actor) => beside("mulai", actor, first_lane, &mut errors),
            None => None,
        };
        let end_beside = match &step.selesai {
            Ending::Beside(actor) => beside("selesai", actor, last_lane, &mut errors),
            _ => None,
        };
        if step.paralel {
            for (key, given) in [
                ("pelaksana", ids.len() < 2),
                ("lanjut", step.lanjut.is_some()),
                ("mulai", step.mulai.is_some()),
                ("selesai", matches!(step.selesai, Ending::Beside(_))),
            ] {
                if given {
                    let message = match key {
                        "pelaksana" => tr!("sop-parallel-one-actor"),
                        "lanjut" => tr!("sop-parallel-lanjut"),
                        _ => tr!("sop-parallel-terminator"),
                    };
                    errors.push(doc.error_at(&path.key(key), message));
                }
            }
        }
        let text = step.teks.as_ref().map(|t| t.trim().to_owned());
        if let Some(t) = &text {
            if t.is_empty() || t.contains('\n') {
                errors.push(doc.error_at(&path.key("teks"), tr!("sop-teks-line")));
            } else if t.chars().count() > MAX_SYMBOL_TEXT {
                errors.push(
                    doc.error_at(
                        &path.key("teks"),
                        tr!("sop-teks-long", count = t.chars().count(), most = MAX_SYMBOL_TEXT),
                    )
                    .with_hint(tr!("sop-teks-long-hint")),
                );
            }
        }
        let symbol = if i == 0 && symbol == Symbol::Kotak { Symbol::Kapsul } else { symbol };
        let symbol = match symbol {
            Symbol::Kapsul if start_beside.is_some() || end_beside.is_some() => Symbol::Kotak,
            other => other,
        };
        steps.push(FlowStep {
            lane,
            lanes: if lanes.is_empty() { vec![lane] } else { lanes },
            symbol,
            exits: exit_labels,
            parallel: step.paralel,
            text,
            start_beside,
            end_beside,
        });

        let mutu_baku = [&step.kelengkapan, &step.waktu, &step.output];
        if mutu_baku.iter().all(|v| v.as_deref().is_none_or(|s| s.trim().is_empty())) {
            warnings.push(doc.warning_at(&path, tr!("sop-no-mutu-baku", step = i + 1)));
        }
        if !starts_with_verb(&step.kegiatan) {
            // Underline the first word only: that is what is wrong.
            let range = doc.map.value(&path.key("kegiatan"));
            let word = doc.file.text[range.clone()].split_whitespace().next().map_or(0, str::len);
            warnings.push(
                Diagnostic::warning(tr!("sop-no-verb", step = i + 1))
                    .at(&doc.file, range.start..range.start + word)
                    .with_hint(tr!("sop-no-verb-hint")),
            );
        }
    }

    let flow = Flow { lanes: lanes.len(), steps, edges };
    if errors.is_empty() && count > 0 {
        check_parallel(doc, &flow, &mut errors);
        check_forks(doc, &flow, &mut errors);
    }
    if errors.is_empty() && count > 0 {
        check_reachability(doc, &flow, &mut errors);
    }
    let ok = errors.is_empty();
    diagnostics.extend(errors);
    diagnostics.extend(warnings);
    ok.then_some(flow)
}

/// A step done in parallel is entered by the step before it only, which is
/// not itself done in parallel: the flow fans out from one symbol to each
/// actor's.
fn check_parallel(doc: &Loaded<SopDef>, flow: &Flow, errors: &mut Vec<Diagnostic>) {
    for s in (0..flow.steps.len()).filter(|&s| flow.steps[s].parallel) {
        let at = DocPath::root().key("langkah").index(s).key("paralel");
        for edge in flow.edges.iter().filter(|e| e.to == s) {
            if edge.from + 1 != s {
                errors.push(
                    doc.error_at(&at, tr!("sop-parallel-entered", step = edge.from + 1))
                        .with_hint(tr!("sop-parallel-entered-hint")),
                );
            } else if flow.steps[edge.from].parallel {
                errors.push(doc.error_at(&at, tr!("sop-parallel-twice")).with_hint(tr!("sop-parallel-twice-hint")));
            }
        }
    }
}

/// The branches of a fork (`lanjut: [a, b]`) meet again at a step they all
/// reach without passing the fork.
fn check_forks(doc: &Loaded<SopDef>, flow: &Flow, errors: &mut Vec<Diagnostic>) {
    let n = flow.steps.len();
    for fork in 0..n {
        let branches: Vec<usize> = flow.outgoing(fork).filter(|e| e.exit.is_none()).map(|e| e.to).collect();
        if branches.len() < 2 {
            continue;
        }
        let reach = |start: usize| {
            bfs(n, start, |s| if s == fork { Vec::new() } else { flow.outgoing(s).map(|e| e.to).collect() })
        };
        let sets: Vec<Vec<bool>> = branches.iter().map(|&b| reach(b)).collect();
        let joins = (0..n).any(|s| s != fork && sets.iter().all(|set| set[s]));
        if !joins {
            errors.push(
                doc.error_at(
                    &DocPath::root().key("langkah").index(fork).key("lanjut"),
                    tr!("sop-fork-never-joins", step = fork + 1),
                )
                .with_hint(tr!("sop-fork-never-joins-hint")),
            );
        }
    }
}

/// Every step is reachable from the first, and from every reachable step
/// some path reaches a final step.
fn check_reachability(doc: &Loaded<SopDef>, flow: &Flow, errors: &mut Vec<Diagnostic>) {
    let n = flow.steps.len();
    let reachable = bfs(n, 0, |s| flow.outgoing(s).map(|e| e.to).collect());
    for (i, seen) in reachable.iter().enumerate() {
        if !seen {
            errors.push(
                doc.error_at(&DocPath::root().key("langkah").index(i), tr!("sop-unreachable", step = i + 1))
                    .with_hint(tr!("sop-unreachable-hint")),
            );
        }
    }
    let finals: Vec<usize> = (0..n).filter(|&s| flow.outgoing(s).next().is_none()).collect();
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
                doc.error_at(&DocPath::root().key("langkah").index(s), tr!("sop-endless", step = s + 1))
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

/// Indonesian procedure steps start with a verb: a prefixed form
/// (me-, di-, ber-, ter-) or a common bare verb.
pub fn starts_with_verb(text: &str) -> bool {
    const BARE: [&str; 14] = [
        "cek", "buat", "kirim", "terima", "input", "unggah", "unduh", "cetak", "isi", "periksa", "catat", "simpan",
        "login", "arsipkan",
    ];
    let Some(word) = text.split_whitespace().next() else {
        return false;
    };
    let word = word.to_lowercase();
    ["me", "di", "ber", "ter"].iter().any(|p| word.starts_with(p) && word.len() > p.len() + 2)
        || BARE.contains(&word.as_str())
}

/// The blank a template leaves where the number goes ("…", "...", "XXX",
/// "___"), if a nomor still holds one.
pub fn placeholder_in(nomor: &str) -> Option<&'static str> {
    let upper = nomor.to_uppercase();
    ["…", "...", "XXX", "___", "[NOMOR]"].into_iter().find(|blank| upper.contains(blank))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::load::parse_yaml;

    fn check(text: &str) -> (Option<Flow>, Diagnostics) {
        let doc = parse_yaml::<SopDef>(SourceFile::new("t.yaml", "t.yaml", text)).unwrap();
        let mut diagnostics = Diagnostics::default();
        let flow = validate_sop(&doc, &mut diagnostics);
        (flow, diagnostics)
    }

    const HEAD: &str = "nomor: \"1\"\nnama: Uji\ntanggal_pembuatan: 2023-09-27\ntanggal_efektif: 2023-09-27\npelaksana:\n  staf: Staf\n  kabid: Kabid\nlangkah:\n";

    #[test]
    fn symbols_follow_the_flow() {
        let text = format!(
            "{HEAD}  - kegiatan: Menyiapkan\n    pelaksana: staf\n    waktu: 5 menit\n  - kegiatan: Memeriksa\n    pelaksana: kabid\n    waktu: 5 menit\n    keputusan: {{ya: 3, tidak: 1}}\n  - kegiatan: Mengarsipkan\n    pelaksana: staf\n    waktu: 5 menit\n"
        );
        let (flow, diagnostics) = check(&text);
        let flow = flow.unwrap_or_else(|| panic!("{}", diagnostics.render_plain()));
        let symbols: Vec<Symbol> = flow.steps.iter().map(|s| s.symbol).collect();
        assert_eq!(symbols, [Symbol::Kapsul, Symbol::Ketupat, Symbol::Kapsul]);
        assert_eq!(flow.edges.len(), 3);
        assert!(flow.edges.contains(&Edge { from: 1, to: 0, exit: Some(1) }));
        assert_eq!(flow.label(&Edge { from: 1, to: 0, exit: Some(1) }), Some("Tidak"));
        assert!(diagnostics.is_empty(), "{}", diagnostics.render_plain());
    }

    #[test]
    fn an_unknown_actor_is_located() {
        let text = format!("{HEAD}  - kegiatan: Menyiapkan\n    pelaksana: sekretaris\n    waktu: 5 menit\n");
        let (flow, diagnostics) = check(&text);
        assert!(flow.is_none());
        let error = diagnostics.errors().next().unwrap();
        assert_eq!(error.position(), Some(("t.yaml".into(), 10, 16)));
        assert!(error.message.contains("pelaksana `sekretaris`"));
    }

    #[test]
    fn a_decision_without_tidak_is_located_at_the_decision() {
        let text = format!(
            "{HEAD}  - kegiatan: Menyiapkan\n    pelaksana: staf\n    keputusan: {{ya: 3}}\n  - kegiatan: Mengecek\n    pelaksana: staf\n  - kegiatan: Mengarsipkan\n    pelaksana: staf\n"
        );
        let (flow, diagnostics) = check(&text);
        assert!(flow.is_none());
        let errors: Vec<&Diagnostic> = diagnostics.errors().collect();
        assert_eq!(errors.len(), 1, "{}", diagnostics.render_plain());
        assert_eq!(errors[0].message, "the decision has no `tidak` exit");
        assert_eq!(errors[0].position(), Some(("t.yaml".into(), 11, 16)));
    }

    #[test]
    fn unreachable_steps_are_errors_at_each_of_them() {
        // Step 1 jumps to step 4: steps 2 and 3 can never run.
        let text = format!(
            "{HEAD}  - kegiatan: Menyiapkan\n    pelaksana: staf\n    lanjut: 4\n  - kegiatan: Mengecek\n    pelaksana: staf\n  - kegiatan: Memeriksa\n    pelaksana: kabid\n  - kegiatan: Mengarsipkan\n    pelaksana: staf\n"
        );
        let (flow, diagnostics) = check(&text);
        assert!(flow.is_none());
        let errors: Vec<(String, usize)> =
            diagnostics.errors().map(|d| (d.message.clone(), d.position().unwrap().1)).collect();
        assert_eq!(
            errors,
            [
                ("step 2 can never be reached from step 1".to_owned(), 12),
                ("step 3 can never be reached from step 1".to_owned(), 14)
            ]
        );
    }

    /// Three steps; the second a decision written as `exits`.
    fn with_exits(exits: &str) -> String {
        format!(
            "{HEAD}  - kegiatan: Menerima berkas\n    pelaksana: staf\n  - kegiatan: Memeriksa kelengkapan\n    pelaksana: kabid\n    keputusan:\n{exits}  - kegiatan: Mengarsipkan\n    pelaksana: staf\n  - kegiatan: Mengembalikan\n    pelaksana: staf\n"
        )
    }

    #[test]
    fn exits_with_their_own_labels_become_labelled_edges() {
        let text = with_exits(
            "      - { label: Lengkap, ke: 3 }\n      - { label: Belum Lengkap, ke: 4 }\n      - label: Ditolak\n        ke: 1\n",
        );
        let (flow, diagnostics) = check(&text);
        let flow = flow.unwrap_or_else(|| panic!("{}", diagnostics.render_plain()));
        assert_eq!(flow.steps[1].exits, ["Lengkap", "Belum Lengkap", "Ditolak"]);
        let labelled: Vec<(usize, Option<&str>)> = flow.outgoing(1).map(|e| (e.to, flow.label(e))).collect();
        assert_eq!(labelled, [(2, Some("Lengkap")), (3, Some("Belum Lengkap")), (0, Some("Ditolak"))]);
        assert_eq!(flow.labels(), ["Belum Lengkap", "Ditolak", "Lengkap"]);
    }

    #[test]
    fn wrong_exits_are_located_at_the_exit() {
        let cases = [
            (
                "      - { label: Lengkap, ke: 3 }\n      - { label: lengkap, ke: 4 }\n",
                "exit label `lengkap` is used twice",
                15,
            ),
            ("      - { label: Lengkap, ke: 3 }\n", "a decision has two to four exits, not 1", 14),
            (
                "      - { label: Lengkap, ke: 3 }\n      - { label: B, ke: 9 }\n",
                "step 9 does not exist (the procedure has 4 steps)",
                15,
            ),
            ("      - { label: A, ke: 3 }\n      - { label: B, ke: 3 }\n", "two exits go to the same step", 15),
            (
                "      - { label: A, ke: 1 }\n      - { label: B, ke: 4 }\n      - { label: C, ke: 2 }\n",
                "a step cannot lead to itself",
                16,
            ),
            (
                "      - { label: A, ke: 1 }\n      - { label: B, ke: 4 }\n      - { label: C, ke: 3 }\n      - { label: D, ke: 2 }\n",
                "a step cannot lead to itself",
                17,
            ),
            ("      - { label: \"\", ke: 3 }\n      - { label: B, ke: 4 }\n", "an exit needs a label", 14),
        ];
        for (exits, message, line) in cases {
            let (flow, diagnostics) = check(&with_exits(exits));
            assert!(flow.is_none(), "{message}");
            let found: Vec<(String, usize)> =
                diagnostics.errors().map(|d| (d.message.clone(), d.position().unwrap().1)).collect();
            assert!(found.contains(&(message.to_owned(), line)), "{message} at line {line}: {found:?}");
        }
        // Three exits away from the next step are drawn (from the sides and
        // from below); a fifth exit is not.
        let text = format!(
            "{}  - kegiatan: Menutup\n    pelaksana: staf\n",
            with_exits(
                "      - { label: A, ke: 1 }\n      - { label: B, ke: 4 }\n      - { label: C, ke: 5 }\n      - { label: D, ke: 3 }\n"
            )
        );
        let (flow, diagnostics) = check(&text);
        assert!(flow.is_some(), "{}", diagnostics.render_plain());
        let text = format!(
            "{}  - kegiatan: Menutup\n    pelaksana: staf\n",
            with_exits(
                "      - { label: A, ke: 1 }\n      - { label: B, ke: 4 }\n      - { label: C, ke: 5 }\n      - { label: D, ke: 3 }\n      - { label: E, ke: 2 }\n"
            )
        );
        let (_, diagnostics) = check(&text);
        let messages: Vec<&str> = diagnostics.errors().map(|d| d.message.as_str()).collect();
        assert!(messages.contains(&"a decision has two to four exits, not 5"), "{messages:?}");
        // A misspelt key inside an exit is a located parse error.
        let error = crate::load::parse_yaml::<SopDef>(crate::diagnostic::SourceFile::new(
            "t.yaml",
            "t.yaml",
            with_exits("      - { label: A, kee: 3 }\n      - { label: B, ke: 4 }\n"),
        ))
        .unwrap_err();
        assert!(error.message.contains("kee"), "{}", error.message);
        assert_eq!(error.position().map(|p| p.1), Some(14));
    }

    #[test]
    fn a_step_done_together_has_a_lane_per_actor_in_order() {
        let head = HEAD.replace("  kabid: Kabid\n", "  kabid: Kabid\n  bps: BPS\n");
        let text = format!(
            "{head}  - kegiatan: Menyiapkan data\n    pelaksana: staf\n  - kegiatan: Melakukan koordinasi pendataan\n    pelaksana: [bps, kabid, staf]\n  - kegiatan: Mengarsipkan\n    pelaksana: staf\n"
        );
        let (flow, diagnostics) = check(&text);
        let flow = flow.unwrap_or_else(|| panic!("{}", diagnostics.render_plain()));
        assert_eq!(flow.steps[1].lanes, [2, 1, 0]);
        assert_eq!((flow.steps[1].lane, flow.steps[1].exit_lane()), (2, 0));
    }

    /// Four steps over three actors (staf, kabid, bps); `second` and
    /// `third` are the keys of steps 2 and 3 after their `pelaksana`.
    fn four_steps(second: &str, third: &str) -> String {
        let head = HEAD.replace("  kabid: Kabid\n", "  kabid: Kabid\n  bps: BPS\n");
        format!(
            "{head}  - kegiatan: Menerima berkas\n    pelaksana: staf\n  - kegiatan: Membagi tugas\n{second}  - kegiatan: Memeriksa berkas\n{third}  - kegiatan: Mengarsipkan\n    pelaksana: staf\n"
        )
    }

    #[test]
    fn parallel_actors_forks_terminators_and_texts_resolve_into_the_flow() {
        let text = four_steps(
            "    pelaksana: kabid\n    lanjut: [3, 4]\n    teks: Via Email\n",
            "    pelaksana: [staf, bps]\n    paralel: true\n",
        )
        .replace(
            "    pelaksana: staf\n  - kegiatan: Membagi",
            "    pelaksana: staf\n    mulai: bps\n  - kegiatan: Membagi",
        )
        .replace(
            "  - kegiatan: Mengarsipkan\n    pelaksana: staf\n",
            "  - kegiatan: Mengarsipkan\n    pelaksana: staf\n    selesai: kabid\n",
        );
        let (flow, diagnostics) = check(&text);
        let flow = flow.unwrap_or_else(|| panic!("{}", diagnostics.render_plain()));
        assert_eq!(flow.steps[0].start_beside, Some(2));
        assert_eq!(flow.steps[0].symbol, Symbol::Kotak, "the terminator beside stands for the capsule");
        assert_eq!(flow.steps[3].end_beside, Some(1));
        assert_eq!(flow.steps[1].text.as_deref(), Some("Via Email"));
        assert!(flow.steps[2].parallel);
        let fork: Vec<usize> = flow.outgoing(1).map(|e| e.to).collect();
        assert_eq!(fork, [2, 3]);
    }

    #[test]
    fn yes_and_no_are_written_ya_and_tidak() {
        let text =
            four_steps("    pelaksana: kabid\n    selesai: ya\n", "    pelaksana: [staf, bps]\n    paralel: ya\n")
                .replace(
                    "    pelaksana: kabid\n    selesai: ya\n",
                    "    pelaksana: kabid\n    selesai: ya\n    lanjut: 3\n",
                );
        // `selesai: ya` with `lanjut` is refused as `selesai: true` is.
        let (_, diagnostics) = check(&text);
        assert!(diagnostics.errors().any(|d| d.message == "a final step (`selesai`) cannot continue"));
        let text =
            four_steps("    pelaksana: kabid\n    selesai: tidak\n", "    pelaksana: [staf, bps]\n    paralel: ya\n");
        let (flow, diagnostics) = check(&text);
        let flow = flow.unwrap_or_else(|| panic!("{}", diagnostics.render_plain()));
        assert!(flow.steps[2].parallel);
        assert_ne!(flow.steps[1].symbol, Symbol::Kapsul, "`selesai: tidak` is not final");
    }

    #[test]
    fn wrong_parallel_actors_forks_terminators_and_texts_are_located() {
        let cases = [
            (
                four_steps("    pelaksana: kabid\n", "    pelaksana: bps\n    paralel: true\n"),
                "a step done in parallel needs two or more actors",
                (15, 16),
            ),
            (
                four_steps("    pelaksana: kabid\n", "    pelaksana: [staf, bps]\n    paralel: true\n").replacen(
                    "    pelaksana: staf\n",
                    "    pelaksana: staf\n    lanjut: [2, 3]\n",
                    1,
                ),
                "step 1 leads to this step, which is done in parallel",
                (17, 14),
            ),
            (
                four_steps(
                    "    pelaksana: [kabid, bps]\n    paralel: true\n",
                    "    pelaksana: [staf, bps]\n    paralel: true\n",
                ),
                "a step done in parallel cannot directly follow another one",
                (17, 14),
            ),
            (
                four_steps("    pelaksana: kabid\n    lanjut: [3, 3]\n", "    pelaksana: bps\n"),
                "step 3 is listed twice in `lanjut`",
                (14, 17),
            ),
            (
                four_steps("    pelaksana: kabid\n    lanjut: [3, 4, 1, 2, 3]\n", "    pelaksana: bps\n"),
                "a fork has two to four branches, not 5",
                (14, 13),
            ),
            (
                four_steps("    pelaksana: kabid\n    mulai: staf\n", "    pelaksana: bps\n"),
                "only the first step has a Mulai terminator",
                (14, 12),
            ),
            (
                four_steps("    pelaksana: [staf, kabid, bps]\n    selesai: kabid\n", "    pelaksana: bps\n"),
                "the terminator would stand between the symbols of this step",
                (14, 14),
            ),
            (
                four_steps(
                    "    pelaksana: kabid\n    teks: Perlu dilakukan pengecekan ulang seluruh berkas usulan\n",
                    "    pelaksana: bps\n",
                ),
                "`teks` has 54 characters; a symbol holds at most 40",
                (14, 11),
            ),
        ];
        for (text, message, at) in cases {
            let (flow, diagnostics) = check(&text);
            assert!(flow.is_none(), "{message}");
            let found: Vec<(String, (usize, usize))> =
                diagnostics.errors().map(|d| (d.message.clone(), d.position().map(|p| (p.1, p.2)).unwrap())).collect();
            assert!(found.contains(&(message.to_owned(), at)), "{message} at {at:?}: {found:?}");
        }
        // A fork whose branches never meet: one ends, the other loops back.
        let text = four_steps("    pelaksana: kabid\n    lanjut: [3, 4]\n", "    pelaksana: bps\n    selesai: true\n");
        let (flow, diagnostics) = check(&text);
        assert!(flow.is_none());
        let messages: Vec<&str> = diagnostics.errors().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["the branches of step 2 never join"]);
    }

    #[test]
    fn wrong_actors_of_a_step_are_located() {
        let step = |pelaksana: &str, extra: &str| {
            format!(
                "{HEAD}  - kegiatan: Menyiapkan data\n    pelaksana: staf\n  - kegiatan: Memeriksa data\n    pelaksana: {pelaksana}\n{extra}  - kegiatan: Mengarsipkan\n    pelaksana: staf\n"
            )
        };
        let cases = [
            (step("[staf, staf]", ""), "actor `staf` is listed twice in this step", (12, 23)),
            (step("[staf, sekda]", ""), "pelaksana `sekda` is not listed under `pelaksana`", (12, 23)),
            (
                step("[staf, kabid]", "    keputusan: { ya: 3, tidak: 1 }\n"),
                "a decision is made by one actor",
                (12, 16),
            ),
            (step("[]", ""), "a step needs at least one actor", (12, 16)),
        ];
        for (text, message, at) in cases {
            let (flow, diagnostics) = check(&text);
            assert!(flow.is_none(), "{message}");
            let found: Vec<(String, (usize, usize))> =
                diagnostics.errors().map(|d| (d.message.clone(), d.position().map(|p| (p.1, p.2)).unwrap())).collect();
            assert!(found.contains(&(message.to_owned(), at)), "{message} at {at:?}: {found:?}");
        }
        // Three actors whose columns are not in order.
        let head = HEAD.replace("  kabid: Kabid\n", "  kabid: Kabid\n  bps: BPS\n");
        let text = format!(
            "{head}  - kegiatan: Menyiapkan data\n    pelaksana: [kabid, staf, bps]\n  - kegiatan: Mengarsipkan\n    pelaksana: staf\n"
        );
        let (_, diagnostics) = check(&text);
        let messages: Vec<&str> = diagnostics.errors().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["list the actors of a joint step in the order of their columns"]);
    }

    #[test]
    fn a_loop_without_exit_is_an_error() {
        let text = format!(
            "{HEAD}  - kegiatan: Menyiapkan\n    pelaksana: staf\n  - kegiatan: Mengecek\n    pelaksana: staf\n    lanjut: 1\n  - kegiatan: Mengarsipkan\n    pelaksana: staf\n"
        );
        let (_, diagnostics) = check(&text);
        let messages: Vec<&str> = diagnostics.errors().map(|d| d.message.as_str()).collect();
        assert!(messages.contains(&"step 3 can never be reached from step 1"), "{messages:?}");
        assert!(messages.contains(&"from step 1 the flow never reaches a final step"), "{messages:?}");
    }

    #[test]
    fn verbs_are_recognised() {
        assert!(starts_with_verb("Menyiapkan daftar aplikasi"));
        assert!(starts_with_verb("Diverifikasi oleh Kabid"));
        assert!(!starts_with_verb("JF melakukan analisa"));
        assert!(!starts_with_verb("Kepala Bidang memverifikasi"));
    }
}
