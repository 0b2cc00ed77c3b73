//! Validate: the flowchart drawn over a procedure table, turned back into
//! the flow. Each symbol belongs to the step whose rows hold its centre and
//! to the actor whose column does; connectors (glued by connection id, or
//! ending on a shape) give each step's exits, off-page connector pairs
//! joined by their letter; a decision's exits are told "Ya" from "Tidak" by
//! the label nearest to where each leaves the diamond.

use std::collections::BTreeMap;

use super::drawing::{Drawing, Kind, Point, Shape};
use super::procedure::{Header, RawStep, branch_word};
use super::workbook::Sheet;
use super::{Problem, Used};

/// How far (EMU) a connector's end may stand from a shape and still be
/// taken as joined to it: about 3 mm.
const JOIN_TOLERANCE: f64 = 110_000.0;

/// What the drawing says about one step.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drawn {
    /// The symbol in the step's rows and the actor whose column holds it.
    pub symbol: Option<(Kind, usize)>,
    /// A decision's exits (1-based step numbers): ya, tidak.
    pub decision: Option<(usize, usize)>,
    pub lanjut: Option<usize>,
    pub selesai: bool,
}

/// The drawing's reading: one entry per step, problems at cells.
#[derive(Debug, Default)]
pub struct Reading {
    pub steps: Vec<Drawn>,
    pub problems: Vec<Problem>,
    /// Shapes that are neither symbols, arrows nor labels used: (cell, what).
    pub unplaced: Vec<Problem>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Node {
    Step(usize),
    /// An off-page connector, by the index of its shape.
    Page(usize),
}

pub fn read(drawing: &Drawing, sheet: &Sheet, header: &Header, steps: &[RawStep], used: &mut Used) -> Reading {
    let mut reading = Reading { steps: vec![Drawn::default(); steps.len()], ..Reading::default() };
    let shapes = &drawing.shapes;
    let cell_of = |s: &Shape| {
        let (r, c) = s.centre_cell();
        (r.max(0.0) as u32, c.max(0.0) as u32)
    };
    let mut taken = vec![false; shapes.len()];
    // Symbols -> steps and actors.
    let mut node_of: BTreeMap<u32, Node> = BTreeMap::new();
    let mut symbol_shape: Vec<Option<usize>> = vec![None; steps.len()];
    for (index, shape) in shapes.iter().enumerate() {
        if shape.kind == Kind::PageConnector {
            node_of.insert(shape.id, Node::Page(index));
            continue;
        }
        if !shape.kind.is_symbol() || branch_word(&shape.text).is_some() {
            continue;
        }
        let (row, col) = shape.centre_cell();
        let Some(actor) = header.actor_of(col as u32) else { continue };
        let Some(step) = step_at(steps, row) else { continue };
        if let Some(other) = symbol_shape[step] {
            reading.problems.push((
                cell_of(shape),
                format!(
                    "step {} has a second symbol (`{}` besides `{}`); the first is used",
                    step + 1,
                    shape.name,
                    shapes[other].name
                ),
            ));
            continue;
        }
        symbol_shape[step] = Some(index);
        taken[index] = true;
        reading.steps[step].symbol = Some((shape.kind.clone(), actor));
        node_of.insert(shape.id, Node::Step(step));
    }
    // Connectors -> (from, to).
    let near = |point: Point| -> Option<u32> {
        shapes
            .iter()
            .filter(|s| node_of.contains_key(&s.id))
            .map(|s| (s.distance_to(point), s.id))
            .filter(|&(d, _)| d <= JOIN_TOLERANCE)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id)| id)
    };
    let mut arrows: Vec<(usize, Node, Node)> = Vec::new();
    for (index, shape) in shapes.iter().enumerate().filter(|(_, s)| s.kind == Kind::Connector) {
        let (start, end) = shape.ends();
        let from = shape.start.map(|(id, _)| id).filter(|id| node_of.contains_key(id)).or_else(|| near(start));
        let to = shape.end.map(|(id, _)| id).filter(|id| node_of.contains_key(id)).or_else(|| near(end));
        match (from.and_then(|id| node_of.get(&id)), to.and_then(|id| node_of.get(&id))) {
            (Some(&a), Some(&b)) => {
                taken[index] = true;
                arrows.push((index, a, b));
            }
            _ => reading.unplaced.push((cell_of(shape), format!("an arrow (`{}`) joined to no symbol", shape.name))),
        }
    }
    // Exits of each step, through off-page connector pairs.
    let page_label = |index: usize| shapes[index].text.trim().to_uppercase();
    let mut exits: Vec<Vec<(usize, usize)>> = vec![Vec::new(); steps.len()];
    for &(arrow, from, to) in &arrows {
        let Node::Step(i) = from else { continue };
        match to {
            Node::Step(j) => exits[i].push((j, arrow)),
            Node::Page(p) => {
                taken[p] = true;
                for &(_, from2, to2) in &arrows {
                    if let (Node::Page(q), Node::Step(j)) = (from2, to2)
                        && q != p
                        && page_label(q) == page_label(p)
                    {
                        taken[q] = true;
                        exits[i].push((j, arrow));
                    }
                }
            }
        }
    }
    let has_arrows = !arrows.is_empty();
    // Branch labels: text boxes with "Ya"/"Tidak", and such words in cells.
    let mut labels: Vec<(Point, bool, Label)> = shapes
        .iter()
        .enumerate()
        .filter(|(i, s)| !taken[*i] || s.kind == Kind::Connector)
        .filter_map(|(i, s)| branch_word(&s.text).map(|yes| (s.centre(), yes, Label::Shape(i))))
        .collect();
    for (&(r, c), data) in sheet.cells.range((header.body, 0)..) {
        if header.actor_span.contains(&c)
            && let Some(yes) = branch_word(&data.to_string())
        {
            labels.push((drawing.cell_centre(r, c), yes, Label::Cell(r, c)));
        }
    }
    for (i, drawn) in reading.steps.iter_mut().enumerate() {
        let Some((kind, _)) = drawn.symbol.clone() else { continue };
        let shape = &shapes[symbol_shape[i].unwrap_or_default()];
        let mut targets: Vec<(usize, usize)> = Vec::new();
        for &(j, arrow) in &exits[i] {
            if !targets.iter().any(|&(t, _)| t == j) {
                targets.push((j, arrow));
            }
        }
        match (kind, targets.as_slice()) {
            (Kind::Decision, [a, b, ..]) => {
                let start = |(_, arrow): (usize, usize)| {
                    let connector = &shapes[arrow];
                    match connector.start {
                        Some((id, site)) if id == shape.id => shape.site(site),
                        _ => connector.ends().0,
                    }
                };
                let reach = 2.5 * (shape.emu.x1 - shape.emu.x0).max(shape.emu.y1 - shape.emu.y0);
                let (ya_first, found) = label_exits(&labels, start(*a), start(*b), reach, sheet, used);
                let (ya, tidak) = if ya_first { (a.0, b.0) } else { (b.0, a.0) };
                let (ya, tidak) = if found {
                    (ya, tidak)
                } else {
                    reading.problems.push((
                        cell_of(shape),
                        format!(
                            "step {}: no \"Ya\"/\"Tidak\" label beside the decision's arrows; the arrow down to a later step is taken as \"Ya\"",
                            i + 1
                        ),
                    ));
                    if a.0 > i { (a.0, b.0) } else { (b.0, a.0) }
                };
                drawn.decision = Some((ya + 1, tidak + 1));
                if targets.len() > 2 {
                    reading.problems.push((
                        cell_of(shape),
                        format!("step {}: a decision has only two exits; the others are dropped", i + 1),
                    ));
                }
            }
            (Kind::Decision, _) => {
                reading.problems.push((
                    cell_of(shape),
                    format!(
                        "step {}: the decision has {} arrow(s) out, not two; imported as a process",
                        i + 1,
                        targets.len()
                    ),
                ));
                drawn.symbol = Some((Kind::Process, drawn.symbol.as_ref().map_or(0, |s| s.1)));
                if let [(j, _)] = targets.as_slice()
                    && *j != i + 1
                {
                    drawn.lanjut = Some(j + 1);
                }
            }
            (_, []) => {
                if i + 1 < steps.len() {
                    if matches!(drawn.symbol, Some((Kind::Terminator, _))) && i > 0 {
                        drawn.selesai = true;
                    } else if has_arrows {
                        reading.problems.push((
                            cell_of(shape),
                            format!("step {}: no arrow leaves it; it is taken to continue to step {}", i + 1, i + 2),
                        ));
                    }
                }
            }
            (_, [(j, _), rest @ ..]) => {
                if *j != i + 1 {
                    drawn.lanjut = Some(j + 1);
                }
                if !rest.is_empty() {
                    reading.problems.push((
                        cell_of(shape),
                        format!("step {}: more than one arrow leaves it; the first is used", i + 1),
                    ));
                }
            }
        }
    }
    for (index, shape) in shapes.iter().enumerate() {
        if taken[index] || shape.kind == Kind::Connector {
            continue;
        }
        let label_used = labels.iter().any(|(_, _, l)| *l == Label::Shape(index) && used.shape_taken(sheet, index));
        if label_used {
            continue;
        }
        let what = match (&shape.kind, shape.text.trim()) {
            (Kind::PageConnector, text) => format!("an off-page connector `{text}` with no partner"),
            (kind, "") => {
                format!("a {} shape (`{}`) outside the steps' rows and actors' columns", kind_name(kind), shape.name)
            }
            (_, text) => format!("a shape with the text `{text}`"),
        };
        reading.unplaced.push((cell_of(shape), what));
    }
    reading
}

fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Terminator => "terminator",
        Kind::Process => "process",
        Kind::Decision => "decision",
        Kind::PageConnector => "connector",
        Kind::Connector => "arrow",
        Kind::Other => "",
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Label {
    Shape(usize),
    Cell(u32, u32),
}

/// Which of two exits is "Ya": the assignment that puts a "Ya" label and a
/// "Tidak" label nearest to where each exit leaves. Returns (first is Ya,
/// labels found).
fn label_exits(
    labels: &[(Point, bool, Label)],
    a: Point,
    b: Point,
    reach: f64,
    sheet: &Sheet,
    used: &mut Used,
) -> (bool, bool) {
    let distance = |p: Point, q: Point| (p.0 - q.0).hypot(p.1 - q.1);
    let nearest = |to: Point, yes: bool| {
        labels
            .iter()
            .filter(|(_, y, _)| *y == yes)
            .map(|(p, _, l)| (distance(*p, to), *l))
            .filter(|&(d, _)| d <= reach)
            .min_by(|x, y| x.0.total_cmp(&y.0))
    };
    let pair = |ya: Point, tidak: Point| match (nearest(ya, true), nearest(tidak, false)) {
        (Some(y), Some(t)) => Some((y.0 + t.0, vec![y.1, t.1])),
        (Some(y), None) => Some((y.0 * 2.0, vec![y.1])),
        (None, Some(t)) => Some((t.0 * 2.0, vec![t.1])),
        (None, None) => None,
    };
    let choice = match (pair(a, b), pair(b, a)) {
        (Some(x), Some(y)) if y.0 < x.0 => Some((false, y.1)),
        (Some(x), _) => Some((true, x.1)),
        (None, Some(y)) => Some((false, y.1)),
        (None, None) => None,
    };
    match choice {
        Some((first_is_ya, used_labels)) => {
            for label in used_labels {
                match label {
                    Label::Shape(i) => used.take_shape(sheet, i),
                    Label::Cell(r, c) => used.take(sheet, r, c),
                }
            }
            (first_is_ya, true)
        }
        None => (true, false),
    }
}

/// The step whose rows hold a fractional row; a shape a little below or
/// above the table goes to the nearest step within a row.
fn step_at(steps: &[RawStep], row: f64) -> Option<usize> {
    let r = row.floor().max(0.0) as u32;
    steps.iter().position(|s| s.rows.contains(&r)).or_else(|| {
        steps
            .iter()
            .enumerate()
            .map(|(i, s)| (i, (s.rows.start as f64 - row).abs().min((row - s.rows.end as f64).abs())))
            .filter(|&(_, d)| d <= 1.0)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    })
}
