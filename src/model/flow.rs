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
    /// Belah ketupat: a decision with a "Ya" and a "Tidak" exit.
    Ketupat,
}

/// The label of a decision's exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Branch {
    Ya,
    Tidak,
}

impl Branch {
    pub fn label(self) -> &'static str {
        match self {
            Branch::Ya => "Ya",
            Branch::Tidak => "Tidak",
        }
    }
}

/// One step, resolved.
#[derive(Debug, Clone, Serialize)]
pub struct FlowStep {
    /// The swimlane (actor column), 0-based.
    pub lane: usize,
    pub symbol: Symbol,
}

/// An arrow from one step to another (0-based indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub branch: Option<Branch>,
}

/// The whole flowchart.
#[derive(Debug, Clone, Serialize)]
pub struct Flow {
    /// Number of swimlanes.
    pub lanes: usize,
    pub steps: Vec<FlowStep>,
    pub edges: Vec<Edge>,
}

impl Flow {
    pub fn outgoing(&self, step: usize) -> impl Iterator<Item = &Edge> {
        self.edges.iter().filter(move |e| e.from == step)
    }
}
