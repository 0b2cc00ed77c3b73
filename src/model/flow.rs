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
    pub symbol: Symbol,
    /// A decision's exit labels ("Ya", "Tidak", or the definition's own),
    /// in the order the definition gives them; empty for other steps.
    pub exits: Vec<String>,
    /// The actors work in parallel: the flow enters every symbol of the
    /// step and leaves every one of them.
    #[serde(default)]
    pub parallel: bool,
    /// A short text printed inside each symbol of the step.
    #[serde(default)]
    pub text: Option<String>,
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
            symbol,
            exits: Vec::new(),
            parallel: false,
            text: None,
            start_beside: None,
            end_beside: None,
        }
    }

    /// The lanes the flow leaves the step from: every lane of a step done
    /// in parallel, else the last one.
    pub fn exit_lanes(&self) -> Vec<usize> {
        if self.parallel { self.lanes.clone() } else { vec![self.exit_lane()] }
    }

    /// The lanes the flow enters the step in.
    pub fn entry_lanes(&self) -> Vec<usize> {
        if self.parallel { self.lanes.clone() } else { vec![self.lane] }
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

    /// The label an edge carries: its decision exit's.
    pub fn label(&self, edge: &Edge) -> Option<&str> {
        edge.exit.and_then(|i| self.steps[edge.from].exits.get(i)).map(String::as_str)
    }

    /// Every exit label of the flow, once each.
    pub fn labels(&self) -> Vec<&str> {
        let mut labels: Vec<&str> = self.steps.iter().flat_map(|s| s.exits.iter().map(String::as_str)).collect();
        labels.sort_unstable();
        labels.dedup();
        labels
    }
}
