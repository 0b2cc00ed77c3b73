//! A row written as its symbols (`simbol:`): one per actor cell, each with
//! its own kind (mulai, proses, keputusan, selesai) and its own exits. An
//! exit or `lanjut` to another symbol of the same row is an arrow along
//! the row; to a step or a symbol of another row, an arrow of the flow.
//! Without `lanjut` a symbol leads to the next one of the list, the last
//! to the next step.

use super::SopCheck;
use super::step::Place;
use crate::load::DocPath;
use crate::model::flow::{Edge, FlowStep, Link, Symbol};
use crate::model::{JenisSimbol, Langkah, Simbol, Targets};
use crate::tr;

/// Where the flow goes from one symbol of the row, before it is checked.
enum Onward {
    /// A decision's exits (their labels are the row's from `first_exit`).
    Exits { first_exit: usize, targets: Vec<(usize, Place, DocPath)> },
    /// `lanjut` or the default: each target once.
    Next(Vec<(Place, DocPath)>),
    /// A Selesai symbol.
    End,
}

impl SopCheck<'_> {
    /// Step `i` written with `simbol`: its symbols checked and placed in
    /// their lanes, the arrows along the row as links and every other arrow
    /// out of it in `edges`.
    pub(super) fn resolve_row(
        &mut self,
        i: usize,
        path: &DocPath,
        step: &Langkah,
        cells: &[Simbol],
        edges: &mut Vec<Edge>,
    ) -> FlowStep {
        self.refuse_step_keys_beside_symbols(path, step);
        let spath = path.key("simbol");
        if cells.is_empty() {
            self.error(&spath, tr!("sop-simbol-empty"));
            return FlowStep::new(0, Symbol::Kotak);
        }
        let mut lanes: Vec<usize> = Vec::new();
        let mut symbols = Vec::new();
        let mut texts = Vec::new();
        let mut exits: Vec<Option<String>> = Vec::new();
        let mut onward = Vec::new();
        for (k, cell) in cells.iter().enumerate() {
            let at = spath.index(k);
            let lane = match self.def.pelaksana.get_index_of(&cell.pelaksana) {
                Some(lane) if lanes.contains(&lane) => {
                    self.error_with_hint(
                        &at.key("pelaksana"),
                        tr!("sop-simbol-lane-twice", id = cell.pelaksana.as_str()),
                        tr!("sop-simbol-lane-twice-hint"),
                    );
                    lane
                }
                Some(lane) => lane,
                None => {
                    self.unknown_actor(&at.key("pelaksana"), &cell.pelaksana);
                    usize::MAX
                }
            };
            lanes.push(lane);
            symbols.push(self.cell_symbol(i, &at, cell));
            texts.push(self.symbol_text(&at.key("teks"), cell.teks.as_deref()));
            onward.push(self.cell_onward(i, k, &at, cell, cells, &mut exits));
        }
        if lanes.contains(&usize::MAX) {
            return FlowStep::new(0, Symbol::Kotak);
        }
        let (start_beside, end_beside) = self.stacked_terminators(i, &spath, cells, &lanes, &symbols);
        let mut links = Vec::new();
        for (k, onward) in onward.into_iter().enumerate() {
            let heads = cells[k].panah.unwrap_or_default();
            let from = lanes[k];
            let targets: Vec<(Option<usize>, Place, DocPath)> = match onward {
                Onward::Exits { first_exit, targets } => {
                    targets.into_iter().map(|(exit, place, at)| (Some(first_exit + exit), place, at)).collect()
                }
                Onward::Next(targets) => targets.into_iter().map(|(place, at)| (None, place, at)).collect(),
                Onward::End => Vec::new(),
            };
            for (exit, place, at) in targets {
                match place {
                    Place::Symbol { step, lane } if step == i => {
                        if lane == from {
                            // Two symbols in one column: reported above.
                            if lanes.iter().filter(|&&l| l == from).count() == 1 {
                                self.error(&at, tr!("sop-self-loop"));
                            }
                        } else if let Some(over) = lanes.iter().position(|&l| between(l, from, lane)) {
                            self.error_with_hint(
                                &at,
                                tr!("sop-link-crosses", id = cells[over].pelaksana.as_str()),
                                tr!("sop-link-crosses-hint"),
                            );
                        } else if links
                            .iter()
                            .any(|l: &Link| (l.from, l.to) == (from, lane) || (l.from, l.to) == (lane, from))
                        {
                            self.error_with_hint(&at, tr!("sop-link-twice"), tr!("sop-link-twice-hint"));
                        } else {
                            links.push(Link { from, to: lane, exit, heads });
                        }
                    }
                    Place::Step(to) if to == i => self.error(&at, tr!("sop-self-loop")),
                    Place::Step(to) => edges.push(Edge { from_lane: Some(from), ..Edge::between(i, to, exit) }),
                    Place::Symbol { step, lane } => {
                        edges.push(Edge { from_lane: Some(from), to_lane: Some(lane), ..Edge::between(i, step, exit) })
                    }
                }
            }
        }
        for (k, cell) in cells.iter().enumerate() {
            if cell.panah.is_some() && !links.iter().any(|link| link.from == lanes[k]) {
                let at = spath.index(k).key("panah");
                self.warnings
                    .push(self.doc.warning_at(&at, tr!("sop-panah-unused")).with_hint(tr!("sop-panah-unused-hint")));
            }
        }
        let entries: Vec<usize> = lanes.iter().copied().filter(|&l| !links.iter().any(|link| link.to == l)).collect();
        if entries.is_empty() && !cells.is_empty() {
            self.error_with_hint(&spath, tr!("sop-simbol-no-entry"), tr!("sop-simbol-no-entry-hint"));
        }
        FlowStep {
            lane: entries.first().copied().unwrap_or(lanes[0]),
            lanes,
            symbols,
            exits,
            links,
            texts,
            start_beside,
            end_beside,
            ..FlowStep::new(0, Symbol::Kotak)
        }
    }

    /// The Mulai and Selesai terminators stacked with a box of the row
    /// (`mulai: ya`, `selesai: ya` on it): one of each at most, on a box
    /// only, a Mulai in the first row only.
    fn stacked_terminators(
        &mut self,
        i: usize,
        spath: &DocPath,
        cells: &[Simbol],
        lanes: &[usize],
        symbols: &[Symbol],
    ) -> (Option<usize>, Option<usize>) {
        let mut found = [None, None];
        for (k, cell) in cells.iter().enumerate() {
            for (n, (key, written)) in [("mulai", cell.mulai), ("selesai", cell.selesai)].into_iter().enumerate() {
                if !written {
                    continue;
                }
                let at = spath.index(k).key(key);
                if symbols[k] != Symbol::Kotak {
                    self.error_with_hint(&at, tr!("sop-stacked-on-box"), tr!("sop-stacked-on-box-hint"));
                } else if key == "mulai" && i > 0 {
                    self.error_with_hint(&at, tr!("sop-mulai-not-first"), tr!("sop-mulai-not-first-hint"));
                } else if found[n].is_some() {
                    self.error(&at, tr!("sop-stacked-twice", key = key));
                } else {
                    found[n] = Some(lanes[k]);
                }
            }
        }
        (found[0], found[1])
    }

    /// With `simbol`, what belongs to a symbol is written on it, not on
    /// the step.
    fn refuse_step_keys_beside_symbols(&mut self, path: &DocPath, step: &Langkah) {
        let written = [
            ("pelaksana", step.pelaksana.is_some()),
            ("keputusan", step.decision.is_some()),
            ("lanjut", step.lanjut.is_some()),
            ("mulai", step.mulai.is_some()),
            ("selesai", step.selesai.is_final()),
            ("paralel", step.paralel),
            ("teks", step.teks.is_some()),
        ];
        for (key, _) in written.into_iter().filter(|(_, written)| *written) {
            self.error_with_hint(
                &path.key(key),
                tr!("sop-simbol-step-key", key = key),
                tr!("sop-simbol-step-key-hint"),
            );
        }
    }

    /// The symbol a cell is drawn with: its `jenis`, a decision when it has
    /// exits, else a process.
    fn cell_symbol(&mut self, i: usize, at: &DocPath, cell: &Simbol) -> Symbol {
        if cell.jenis == Some(JenisSimbol::Mulai) && i > 0 {
            self.error_with_hint(&at.key("jenis"), tr!("sop-mulai-not-first"), tr!("sop-mulai-not-first-hint"));
        }
        match (cell.jenis, &cell.keputusan) {
            (Some(JenisSimbol::Keputusan), None) => {
                self.error_with_hint(&at.key("jenis"), tr!("sop-simbol-decision-no-exits"), tr!("sop-exit-count-hint"));
                Symbol::Ketupat
            }
            (None | Some(JenisSimbol::Keputusan), Some(_)) => Symbol::Ketupat,
            (Some(jenis), Some(_)) => {
                self.error(&at.key("keputusan"), tr!("sop-simbol-not-decision", jenis = jenis_name(jenis)));
                Symbol::Ketupat
            }
            (Some(JenisSimbol::Mulai | JenisSimbol::Selesai), None) => Symbol::Kapsul,
            (None | Some(JenisSimbol::Proses), None) => Symbol::Kotak,
        }
    }

    /// Where the flow goes from symbol `k` of step `i`: a decision's exits
    /// (their labels appended to `exits`), its `lanjut`, the next symbol of
    /// the row or the next step, or nowhere after a Selesai.
    fn cell_onward(
        &mut self,
        i: usize,
        k: usize,
        at: &DocPath,
        cell: &Simbol,
        cells: &[Simbol],
        exits: &mut Vec<Option<String>>,
    ) -> Onward {
        if let Some(decision) = &cell.keputusan {
            if cell.lanjut.is_some() {
                self.error(&at.key("lanjut"), tr!("sop-decision-lanjut"));
            }
            let (labels, targets) = self.exits_of(&at.key("keputusan"), decision);
            let first_exit = exits.len();
            exits.extend(labels);
            return Onward::Exits { first_exit, targets: targets.into_iter().map(|t| (t.exit, t.to, t.at)).collect() };
        }
        if cell.jenis == Some(JenisSimbol::Selesai) || cell.selesai {
            if cell.lanjut.is_some() {
                self.error(&at.key("lanjut"), tr!("sop-final-continues"));
            }
            return Onward::End;
        }
        let targets = match &cell.lanjut {
            Some(Targets::One(target)) => {
                self.place(target, &at.key("lanjut")).map(|p| (p, at.key("lanjut"))).into_iter().collect()
            }
            Some(Targets::Fork(list)) => list
                .iter()
                .enumerate()
                .filter_map(|(n, target)| {
                    let target_at = at.key("lanjut").index(n);
                    self.place(target, &target_at).map(|p| (p, target_at))
                })
                .collect(),
            None => match (cells.get(k + 1), self.def.langkah.len()) {
                (Some(next), _) => match self.def.pelaksana.get_index_of(&next.pelaksana) {
                    Some(lane) => vec![(Place::Symbol { step: i, lane }, at.clone())],
                    None => Vec::new(),
                },
                (None, count) if i + 1 < count => vec![(Place::Step(i + 1), at.clone())],
                (None, _) => {
                    self.error_with_hint(at, tr!("sop-simbol-dead-end"), tr!("sop-simbol-dead-end-hint"));
                    Vec::new()
                }
            },
        };
        let mut seen: Vec<Place> = Vec::new();
        let mut onward = Vec::new();
        for (place, target_at) in targets {
            if seen.contains(&place) {
                self.error(&target_at, tr!("sop-fork-twice", step = self.printed(place.step())));
            } else {
                seen.push(place);
                onward.push((place, target_at));
            }
        }
        Onward::Next(onward)
    }
}

/// Whether lane `l` lies strictly between lanes `a` and `b`.
fn between(l: usize, a: usize, b: usize) -> bool {
    a.min(b) < l && l < a.max(b)
}

fn jenis_name(jenis: JenisSimbol) -> &'static str {
    match jenis {
        JenisSimbol::Mulai => "mulai",
        JenisSimbol::Proses => "proses",
        JenisSimbol::Keputusan => "keputusan",
        JenisSimbol::Selesai => "selesai",
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{HEAD, check};
    use crate::model::flow::{Heads, Link, Symbol};

    /// Three steps around a middle step written as `row` (its lines after
    /// `kegiatan`), with a third actor `bps`.
    fn around(row: &str) -> String {
        let head = HEAD.replace("  kabid: Kabid\n", "  kabid: Kabid\n  bps: BPS\n");
        format!(
            "{head}  - kegiatan: Menerima berkas\n    pelaksana: staf\n  - kegiatan: Memeriksa berkas\n{row}  - kegiatan: Mengarsipkan\n    pelaksana: staf\n"
        )
    }

    #[test]
    fn a_decision_beside_a_box_leads_to_it_along_the_row_and_down_to_the_next_step() {
        let text = around(
            "    simbol:\n      - pelaksana: staf\n        panah: dua\n        keputusan:\n          - { label: Dalam kota, ke: ambil }\n          - { ke: 3 }\n      - { id: ambil, pelaksana: bps }\n",
        );
        let (flow, diagnostics) = check(&text);
        let flow = flow.unwrap_or_else(|| panic!("{}", diagnostics.render_plain()));
        let row = &flow.steps[1];
        assert_eq!((row.lanes.clone(), row.symbols.clone()), (vec![0, 2], vec![Symbol::Ketupat, Symbol::Kotak]));
        assert_eq!(row.links, [Link { from: 0, to: 2, exit: Some(0), heads: Heads::Two }]);
        assert_eq!(row.entry_lanes(), [0], "the flow enters by the diamond only");
        assert_eq!(flow.link_label(1, &row.links[0]), Some("Dalam kota"));
        let out: Vec<(usize, Option<usize>, Option<&str>)> =
            flow.outgoing(1).map(|e| (e.to, e.from_lane, flow.label(e))).collect();
        assert_eq!(out, [(2, Some(0), None), (2, Some(2), None)], "the unlabelled exit and the box, down to step 3");
    }

    #[test]
    fn mistakes_in_a_row_of_symbols_are_located_at_their_key() {
        let cases = [
            (
                "    pelaksana: staf\n    simbol:\n      - { pelaksana: staf }\n",
                "with `simbol`, `pelaksana` is written on the symbol it belongs to, not on the step",
                (13, 16),
            ),
            (
                "    simbol:\n      - { pelaksana: staf }\n      - { pelaksana: staf }\n",
                "actor `staf` has two symbols in this row",
                (15, 22),
            ),
            (
                "    simbol:\n      - { pelaksana: staf, lanjut: b }\n      - { pelaksana: kabid }\n      - { id: b, pelaksana: bps }\n",
                "this arrow along the row would cross the symbol of `kabid`",
                (14, 36),
            ),
            (
                "    simbol:\n      - { pelaksana: staf, jenis: keputusan }\n",
                "a symbol of `jenis: keputusan` needs its exits under `keputusan:`",
                (14, 35),
            ),
            (
                "    simbol:\n      - pelaksana: staf\n        keputusan: [{ ke: 1 }, { label: \"\", ke: 3 }]\n",
                "an exit needs a label",
                (15, 41),
            ),
            (
                "    simbol:\n      - { pelaksana: sekda }\n",
                "pelaksana `sekda` is not listed under `pelaksana`",
                (14, 22),
            ),
            (
                "    simbol:\n      - { pelaksana: staf, jenis: selesai, selesai: ya }\n",
                "a terminator stacks only with a box",
                (14, 53),
            ),
            (
                "    simbol:\n      - { pelaksana: staf, mulai: ya }\n",
                "only the first step has a Mulai terminator",
                (14, 35),
            ),
            ("    simbol: []\n", "`simbol` lists no symbol", (13, 13)),
            (
                "    simbol:\n      - { pelaksana: staf, jenis: mulai }\n",
                "only the first step has a Mulai terminator",
                (14, 35),
            ),
        ];
        for (row, message, at) in cases {
            let (flow, diagnostics) = check(&around(row));
            assert!(flow.is_none(), "{message}");
            let found: Vec<(String, (usize, usize))> =
                diagnostics.errors().map(|d| (d.message.clone(), d.position().map(|p| (p.1, p.2)).unwrap())).collect();
            assert_eq!(found, [(message.to_owned(), at)]);
        }
    }

    #[test]
    fn a_row_may_end_at_its_own_terminator_while_another_exit_loops_back() {
        // Checked: complete, or back to step 1; complete ends at the
        // other actor's Selesai in the same row.
        let text = around(
            "    simbol:\n      - pelaksana: staf\n        keputusan:\n          - { label: Lengkap, ke: tutup }\n          - { label: Belum, ke: 1 }\n      - { id: tutup, pelaksana: kabid, jenis: selesai }\n",
        )
        .replace("  - kegiatan: Mengarsipkan\n    pelaksana: staf\n", "");
        let (flow, diagnostics) = check(&text);
        assert!(flow.is_some(), "{}", diagnostics.render_plain());
    }

    #[test]
    fn panah_where_no_arrow_along_the_row_leaves_is_warned() {
        let (flow, diagnostics) =
            check(&around("    simbol:\n      - { pelaksana: staf }\n      - { pelaksana: kabid, panah: dua }\n"));
        assert!(flow.is_some());
        let warned: Vec<(String, usize)> =
            diagnostics.iter().map(|d| (d.message.clone(), d.position().unwrap().1)).collect();
        assert!(
            warned.contains(&("`panah` draws nothing here: no arrow along the row leaves this symbol".to_owned(), 15)),
            "{warned:?}"
        );
    }

    #[test]
    fn numbers_that_go_back_are_warned_at_their_nomor() {
        let text = around("    nomor: 5\n    pelaksana: kabid\n")
            .replace("  - kegiatan: Mengarsipkan\n", "  - nomor: \"3.1\"\n    kegiatan: Mengarsipkan\n");
        let (flow, diagnostics) = check(&text);
        assert!(flow.is_some(), "{}", diagnostics.render_plain());
        let warned: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(warned.contains(&"step 3.1 comes after step 5: the numbers go back"), "{warned:?}");
    }

    #[test]
    fn steps_numbered_as_printed_are_targets_by_that_number() {
        let text = around("    nomor: 2a\n    pelaksana: kabid\n    keputusan: { ya: 6, tidak: 2a }\n").replace(
            "  - kegiatan: Mengarsipkan\n",
            "  - nomor: 6\n    kegiatan: Mengirim\n    pelaksana: bps\n  - kegiatan: Mengarsipkan\n",
        );
        // Printed 1, 2a, 6, 7: `ya: 6` is the third step.
        let (flow, diagnostics) = check(&text.replace("tidak: 2a", "tidak: 1"));
        let flow = flow.unwrap_or_else(|| panic!("{}", diagnostics.render_plain()));
        assert_eq!(flow.outgoing(1).map(|e| e.to).collect::<Vec<_>>(), [2, 0]);
        let (_, diagnostics) = check(&text);
        assert!(
            diagnostics.errors().any(|d| d.message == "a step cannot lead to itself"),
            "{}",
            diagnostics.render_plain()
        );
    }
}
