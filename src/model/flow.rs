//! The procedure as a resolved graph: the output of validation and the input
//! of layout. Steps know their swimlane and symbol, edges their targets by
//! index; nothing here refers back to ids or the source text.

use serde::Serialize;

/// The Permenpan-RB 35/2012 symbol a step is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Symbol {
    /// Kapsul: the first step and every final step.
    Kapsul,
    /// Kotak: a process.
    Kotak,
    /// Belah ketupat: a decision, its exits labelled ("Ya" and "Tidak").
    Ketupat,
}

/// One step, resolved.
#[derive(Debug, Clone, Serialize)]
pub struct FlowStep {
    /// The swimlane (actor column) the flow enters the step in, 0-based.
    pub lane: usize,
    /// Every swimlane of the step, in the order its actors are written: a
    /// symbol in each, the flow passing from one to the next; the last is
    /// where the flow leaves. `[lane]` for a step of one actor.
    pub lanes: Vec<usize>,
    /// The symbol in each of `lanes`, in the same order.
    pub symbols: Vec<Symbol>,
    /// The exit labels of the row's decisions ("Ya", "Tidak", or the
    /// definition's own; `None` where the sheet leaves an exit unlabelled),
    /// in the order the definition gives them; empty for other steps.
    pub exits: Vec<Option<String>>,
    /// The arrows within the row from one of its symbols to another:
    /// a joint step's from each actor to the next.
    #[serde(default)]
    pub links: Vec<Link>,
    /// The actors work in parallel: the flow enters every symbol of the
    /// step and leaves every one of them.
    #[serde(default)]
    pub parallel: bool,
    /// A short text printed inside each symbol, in the order of `lanes`.
    #[serde(default)]
    pub texts: Vec<Option<String>>,
    /// The lane of a Mulai terminator beside the step (the first step).
    #[serde(default)]
    pub start_beside: Option<usize>,
    /// The lane of a Selesai terminator beside the step (a final step).
    #[serde(default)]
    pub end_beside: Option<usize>,
}

/// An arrow from one step to another (0-based indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// Which exit of a decision it is (an index into `FlowStep::exits`).
    pub exit: Option<usize>,
    /// The lane of the symbol it leaves; `None`: the step's exit lanes.
    pub from_lane: Option<usize>,
    /// The lane of the symbol it enters; `None`: the step's entry lanes.
    pub to_lane: Option<usize>,
}

impl Edge {
    /// From step to step, by their usual exit and entry.
    pub fn between(from: usize, to: usize, exit: Option<usize>) -> Self {
        Self { from, to, exit, from_lane: None, to_lane: None }
    }
}

/// An arrow within a row, between two of its symbols (by lane).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Link {
    pub from: usize,
    pub to: usize,
    /// Which exit of a decision it is (an index into `FlowStep::exits`).
    pub exit: Option<usize>,
    pub heads: Heads,
}

/// The heads an arrow is drawn with, named as a definition writes them
/// (`panah: dua`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
pub enum Heads {
    /// At the symbol it goes to.
    #[default]
    #[serde(rename = "satu")]
    One,
    /// At both ends.
    #[serde(rename = "dua")]
    Two,
    /// A plain line.
    #[serde(rename = "tanpa")]
    None,
}

/// The whole flowchart.
#[derive(Debug, Clone, Serialize)]
pub struct Flow {
    /// Number of swimlanes.
    pub lanes: usize,
    pub steps: Vec<FlowStep>,
    pub edges: Vec<Edge>,
}

impl FlowStep {
    /// A step of one actor, drawn with `symbol`, nothing beside it.
    pub fn new(lane: usize, symbol: Symbol) -> Self {
        Self {
            lane,
            lanes: vec![lane],
            symbols: vec![symbol],
            exits: Vec::new(),
            links: Vec::new(),
            parallel: false,
            texts: vec![None],
            start_beside: None,
            end_beside: None,
        }
    }

    /// A step done together by the actors of `lanes` with one `symbol`
    /// each: in parallel, or in turn (an arrow from each to the next).
    pub fn joint(lanes: Vec<usize>, symbol: Symbol, parallel: bool) -> Self {
        let links = if parallel {
            Vec::new()
        } else {
            lanes.windows(2).map(|w| Link { from: w[0], to: w[1], exit: None, heads: Heads::One }).collect()
        };
        Self {
            lane: lanes.first().copied().unwrap_or(0),
            symbols: vec![symbol; lanes.len()],
            texts: vec![None; lanes.len()],
            lanes,
            links,
            parallel,
            ..Self::new(0, symbol)
        }
    }

    /// The symbol in `lane`.
    pub fn symbol_in(&self, lane: usize) -> Symbol {
        self.lanes.iter().position(|&l| l == lane).and_then(|k| self.symbols.get(k).copied()).unwrap_or(Symbol::Kotak)
    }

    /// The symbol the flow enters the step by.
    pub fn symbol(&self) -> Symbol {
        self.symbol_in(self.lane)
    }

    /// The text inside the symbol in `lane`.
    pub fn text_in(&self, lane: usize) -> Option<&str> {
        self.lanes.iter().position(|&l| l == lane).and_then(|k| self.texts.get(k)?.as_deref())
    }

    /// The lane of a Mulai terminator stacked above one of the row's own
    /// symbols (not beside them).
    pub fn start_stacked(&self) -> Option<usize> {
        self.start_beside.filter(|lane| self.lanes.contains(lane))
    }

    /// The lane of a Selesai terminator stacked below one of the row's own
    /// symbols.
    pub fn end_stacked(&self) -> Option<usize> {
        self.end_beside.filter(|lane| self.lanes.contains(lane))
    }

    /// Whether any symbol of the row is a decision.
    pub fn decides(&self) -> bool {
        self.symbols.contains(&Symbol::Ketupat)
    }

    /// The lanes the flow leaves the step from: every lane of a step done
    /// in parallel, else the last one.
    pub fn exit_lanes(&self) -> Vec<usize> {
        if self.parallel { self.lanes.clone() } else { vec![self.exit_lane()] }
    }

    /// The lanes the flow enters the step in: every symbol no arrow of the
    /// row leads to (all of a step done in parallel, the first of one done
    /// in turn).
    pub fn entry_lanes(&self) -> Vec<usize> {
        self.lanes.iter().copied().filter(|&l| !self.links.iter().any(|link| link.to == l)).collect()
    }

    /// The swimlane the flow leaves the step from.
    pub fn exit_lane(&self) -> usize {
        self.lanes.last().copied().unwrap_or(self.lane)
    }
}

impl Flow {
    pub fn outgoing(&self, step: usize) -> impl Iterator<Item = &Edge> {
        self.edges.iter().filter(move |e| e.from == step)
    }

    /// The label an edge carries: its decision exit's (the first of the
    /// edges of an exit that splits).
    pub fn label(&self, edge: &Edge) -> Option<&str> {
        let exit = edge.exit?;
        let first = self.edges.iter().find(|e| e.from == edge.from && e.exit == Some(exit))?;
        if first.to != edge.to || first.to_lane != edge.to_lane {
            return None;
        }
        self.steps[edge.from].exits.get(exit)?.as_deref()
    }

    /// Whether the flow can end in step `step`: one of its symbols leads
    /// nowhere (no arrow out of it, along the row or to another step).
    pub fn ends_at(&self, step: usize) -> bool {
        let s = &self.steps[step];
        s.lanes.iter().any(|&lane| {
            !s.links.iter().any(|link| link.from == lane)
                && !self.outgoing(step).any(|edge| self.source_lanes(edge).contains(&lane))
        })
    }

    /// The label of an arrow within a row.
    pub fn link_label(&self, step: usize, link: &Link) -> Option<&str> {
        link.exit.and_then(|i| self.steps[step].exits.get(i)).and_then(|l| l.as_deref())
    }

    /// The lanes of the symbols an edge leaves.
    pub fn source_lanes(&self, edge: &Edge) -> Vec<usize> {
        edge.from_lane.map_or_else(|| self.steps[edge.from].exit_lanes(), |lane| vec![lane])
    }

    /// The lane of the (first) symbol an edge leaves.
    pub fn source_lane(&self, edge: &Edge) -> usize {
        edge.from_lane.unwrap_or_else(|| self.steps[edge.from].exit_lane())
    }

    /// The lanes of the symbols an edge enters.
    pub fn target_lanes(&self, edge: &Edge) -> Vec<usize> {
        edge.to_lane.map_or_else(|| self.steps[edge.to].entry_lanes(), |lane| vec![lane])
    }

    /// The lane of the (first) symbol an edge enters.
    pub fn target_lane(&self, edge: &Edge) -> usize {
        edge.to_lane.unwrap_or(self.steps[edge.to].lane)
    }

    /// Every exit label of the flow, once each.
    pub fn labels(&self) -> Vec<&str> {
        let mut labels: Vec<&str> =
            self.steps.iter().flat_map(|s| s.exits.iter().filter_map(|l| l.as_deref())).collect();
        labels.sort_unstable();
        labels.dedup();
        labels
    }
}
