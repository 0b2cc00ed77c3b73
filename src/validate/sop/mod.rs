//! Stage 2, validate: one SOP definition checked and resolved into its
//! [`Flow`]. The checks, in the order they run: the identity (`identity`:
//! nomor and nama written, dates in order), each step (`step`: actors that
//! exist, targets that exist, decisions with all their exits, terminators
//! and texts that fit), then the whole flow (`graph`: parallel steps entered
//! once, forks that join, every step reachable and every path ending);
//! warnings for steps written without mutu baku or without a verb (`style`).

mod graph;
mod identity;
mod row;
mod step;
mod style;

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{DocPath, Loaded};
use crate::model::SopDef;
use crate::model::flow::Flow;
use crate::tr;

pub use identity::placeholder_in;
pub use style::starts_with_verb;

/// The most exits a decision has: the layout draws them out of the bottom,
/// each side and the lower edges of the symbol (the import keeps to it
/// too).
pub const MAX_EXITS: usize = 4;

/// The most steps a fork (`lanjut: [...]`) leads to: four stems as a
/// decision's exits, the arrows beyond them splitting from the nearest.
pub const MAX_FORK: usize = 8;

/// The longest text inside a symbol, in characters: it must still fit a
/// narrow diamond in a small size.
pub const MAX_SYMBOL_TEXT: usize = 40;

/// Checks one SOP and resolves its flow. `None` when it has errors.
pub fn validate_sop(doc: &Loaded<SopDef>, diagnostics: &mut Diagnostics) -> Option<Flow> {
    let def = &doc.value;
    let mut sop = SopCheck {
        doc,
        def,
        ids: HashMap::new(),
        numbers: HashMap::new(),
        printed_numbers: def.printed_numbers(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    sop.check_identity_filled_in();
    sop.check_dates_in_order();
    sop.check_actors_and_steps_listed();
    sop.index_steps();
    let mut edges = Vec::new();
    let steps = def.langkah.iter().enumerate().map(|(i, step)| sop.resolve_step(i, step, &mut edges)).collect();
    for (i, step) in def.langkah.iter().enumerate() {
        sop.warn_on_style(i, step);
    }
    let flow = Flow { lanes: def.pelaksana.len(), steps, edges };
    // The paths through the flow mean something only once its steps are
    // sound.
    if sop.errors.is_empty() && !def.langkah.is_empty() {
        graph::check_parallel(doc, &flow, &mut sop.errors);
    }
    if sop.errors.is_empty() && !def.langkah.is_empty() {
        graph::check_reachability(doc, &flow, &mut sop.errors);
    }
    let ok = sop.errors.is_empty();
    diagnostics.extend(sop.errors);
    diagnostics.extend(sop.warnings);
    ok.then_some(flow)
}

/// One SOP being checked: what its checks read, and what they found.
struct SopCheck<'a> {
    doc: &'a Loaded<SopDef>,
    def: &'a SopDef,
    /// Each step (or symbol of a row) by its `id`.
    ids: HashMap<&'a str, step::Place>,
    /// Each step's index by the number it is printed with.
    numbers: HashMap<String, usize>,
    printed_numbers: Vec<String>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl SopCheck<'_> {
    fn error(&mut self, at: &DocPath, message: String) {
        self.errors.push(self.doc.error_at(at, message));
    }

    fn error_with_hint(&mut self, at: &DocPath, message: String, hint: String) {
        self.errors.push(self.doc.error_at(at, message).with_hint(hint));
    }

    /// An SOP has actors to do its steps, and steps.
    fn check_actors_and_steps_listed(&mut self) {
        if self.def.pelaksana.is_empty() {
            self.error(&DocPath::root().key("pelaksana"), tr!("sop-no-actors"));
        }
        if self.def.langkah.is_empty() {
            self.error(&DocPath::root().key("langkah"), tr!("sop-no-steps"));
        }
    }
}

/// Where step `i` (0-based) is written.
fn langkah(i: usize) -> DocPath {
    DocPath::root().key("langkah").index(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::load::parse_yaml;
    use crate::model::flow::{Edge, Symbol};

    /// The flow of a definition, and what validating it said.
    pub(super) fn check(text: &str) -> (Option<Flow>, Diagnostics) {
        let doc = parse_yaml::<SopDef>(SourceFile::new("t.yaml", "t.yaml", text)).unwrap();
        let mut diagnostics = Diagnostics::default();
        let flow = validate_sop(&doc, &mut diagnostics);
        (flow, diagnostics)
    }

    /// A definition's identity and two actors, up to its steps.
    pub(super) const HEAD: &str = "nomor: \"1\"\nnama: Uji\ntanggal_pembuatan: 2023-09-27\ntanggal_efektif: 2023-09-27\npelaksana:\n  staf: Staf\n  kabid: Kabid\nlangkah:\n";

    #[test]
    fn symbols_follow_the_flow() {
        let text = format!(
            "{HEAD}  - kegiatan: Menyiapkan\n    pelaksana: staf\n    waktu: 5 menit\n  - kegiatan: Memeriksa\n    pelaksana: kabid\n    waktu: 5 menit\n    keputusan: {{ya: 3, tidak: 1}}\n  - kegiatan: Mengarsipkan\n    pelaksana: staf\n    waktu: 5 menit\n"
        );
        let (flow, diagnostics) = check(&text);
        let flow = flow.unwrap_or_else(|| panic!("{}", diagnostics.render_plain()));
        let symbols: Vec<Symbol> = flow.steps.iter().map(|s| s.symbol()).collect();
        assert_eq!(symbols, [Symbol::Kapsul, Symbol::Ketupat, Symbol::Kapsul]);
        assert_eq!(flow.edges.len(), 3);
        assert!(flow.edges.contains(&Edge::between(1, 0, Some(1))));
        assert_eq!(flow.label(&Edge::between(1, 0, Some(1))), Some("Tidak"));
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
        assert_eq!(flow.steps[1].exits, [Some("Lengkap".into()), Some("Belum Lengkap".into()), Some("Ditolak".into())]);
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
        assert_eq!(flow.steps[0].symbol(), Symbol::Kotak, "the terminator beside stands for the capsule");
        assert_eq!(flow.steps[3].end_beside, Some(1));
        assert_eq!(flow.steps[1].texts[0].as_deref(), Some("Via Email"));
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
        assert_ne!(flow.steps[1].symbol(), Symbol::Kapsul, "`selesai: tidak` is not final");
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
                four_steps("    pelaksana: kabid\n    lanjut: [3, 4, 1, 2, 3, 4, 1, 2, 3]\n", "    pelaksana: bps\n"),
                "a fork has two to eight branches, not 9",
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
        // A fork whose branches end separately, each with its own end, as
        // real sheets draw it.
        let text = four_steps("    pelaksana: kabid\n    lanjut: [3, 4]\n", "    pelaksana: bps\n    selesai: true\n");
        let (flow, diagnostics) = check(&text);
        assert!(flow.is_some(), "{}", diagnostics.render_plain());
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
}
