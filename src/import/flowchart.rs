//! Validate: the flowchart drawn over a procedure table, turned back into
//! the flow. Each symbol belongs to the step whose rows hold its centre and
//! to the actor whose column does; connectors (glued by connection id, or
//! ending on a shape) give each step's exits, off-page connector pairs
//! joined by their letter; a decision's exits take the label nearest to
//! where each leaves the diamond, whatever its words. Several symbols in a
//! step's row are actors doing it together (in the order the arrows between
//! them pass, or in parallel when the step before fans out to each), or a
//! Mulai/Selesai terminator beside it; a symbol's text is its label.

use std::collections::{BTreeMap, BTreeSet};

use super::drawing::{Drawing, Kind, Point, Shape};
use super::procedure::{Header, RawStep, branch_word, yes_no_word};
use super::workbook::Sheet;
use super::{Problem, Used};
use crate::util::text::normalise;

/// How far (EMU) a connector's end may stand from a shape and still be
/// taken as joined to it: about 3 mm.
const JOIN_TOLERANCE: f64 = 110_000.0;

/// What the drawing says about one step.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drawn {
    /// The step's symbols with the actor whose column holds each, in the
    /// order the flow passes them (column order for actors in parallel).
    pub symbols: Vec<(Kind, usize)>,
    /// The previous step's arrows fan out to each symbol: the actors work
    /// in parallel.
    pub parallel: bool,
    /// The text written inside the step's symbol.
    pub text: Option<String>,
    /// The actor whose column holds a Mulai (or Selesai) terminator drawn
    /// beside the step's symbol.
    pub start_beside: Option<usize>,
    pub end_beside: Option<usize>,
    /// A decision's exits: their labels as written, and 1-based steps.
    pub decision: Vec<(String, usize)>,
    /// Where the flow goes when not to the next step (1-based); several for
    /// a fork.
    pub lanjut: Vec<usize>,
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

/// What a symbol in a step's row is to the step.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// One of the actors doing the step.
    Actor,
    /// A Mulai or Selesai terminator beside the step's symbol.
    Start,
    End,
}

/// A symbol of a step: its shape, the actor whose column holds it, its role.
#[derive(Debug, Clone, Copy)]
struct Member {
    shape: usize,
    actor: usize,
    role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Node {
    /// The `m`-th symbol of step `s`.
    Symbol(usize, usize),
    /// An off-page connector, by the index of its shape.
    Page(usize),
}

/// A box or capsule holding just "Ya" or "Tidak" is a label drawn as a
/// shape; a diamond is always a decision ("Setuju?" inside it is its text).
fn is_label(shape: &Shape) -> bool {
    shape.kind != Kind::Decision && branch_word(&shape.text).is_some()
}

/// The words of a terminator that stands for the start or the end.
fn terminator_role(text: &str) -> Option<Role> {
    match normalise(text).as_str() {
        "mulai" | "start" | "awal" | "mulaiproses" => Some(Role::Start),
        "selesai" | "akhir" | "end" | "finish" | "stop" | "selesaiproses" => Some(Role::End),
        _ => None,
    }
}

pub fn read(drawing: &Drawing, sheet: &Sheet, header: &Header, steps: &[RawStep], used: &mut Used) -> Reading {
    let mut reading = Reading { steps: vec![Drawn::default(); steps.len()], ..Reading::default() };
    let shapes = &drawing.shapes;
    let cell_of = |s: &Shape| {
        let (r, c) = s.centre_cell();
        (r.max(0.0) as u32, c.max(0.0) as u32)
    };
    let mut taken = vec![false; shapes.len()];
    // Symbols -> steps and actors: every symbol in a step's rows is one of
    // its actors, or a terminator drawn beside it.
    let mut node_of: BTreeMap<u32, Node> = BTreeMap::new();
    let mut members: Vec<Vec<Member>> = vec![Vec::new(); steps.len()];
    for (index, shape) in shapes.iter().enumerate() {
        if shape.kind == Kind::PageConnector {
            node_of.insert(shape.id, Node::Page(index));
            continue;
        }
        if !shape.kind.is_symbol() || is_label(shape) {
            continue;
        }
        let (row, col) = shape.centre_cell();
        let Some(actor) = header.actor_of(col as u32) else { continue };
        let Some(step) = step_at(steps, row) else { continue };
        if members[step].iter().any(|m| m.actor == actor) {
            reading
                .problems
                .push((cell_of(shape), crate::tr!("import-second-symbol", step = step + 1, shape = shape.name)));
            continue;
        }
        taken[index] = true;
        node_of.insert(shape.id, Node::Symbol(step, members[step].len()));
        members[step].push(Member { shape: index, actor, role: Role::Actor });
    }
    // A terminator with a start or end word, beside another symbol, stands
    // beside the step rather than being one of its actors.
    for row in &mut members {
        if row.len() > 1 {
            for member in row.iter_mut() {
                let shape = &shapes[member.shape];
                if shape.kind == Kind::Terminator
                    && let Some(role) = terminator_role(&shape.text)
                {
                    member.role = role;
                }
            }
        }
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
            _ => reading.unplaced.push((cell_of(shape), crate::tr!("import-loose-arrow", shape = shape.name))),
        }
    }
    // Symbol-to-symbol links, through off-page connector pairs: (from
    // step, its symbol, to step, its symbol, arrow).
    let page_label = |index: usize| shapes[index].text.trim().to_uppercase();
    let mut links: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
    for &(arrow, from, to) in &arrows {
        let Node::Symbol(i, a) = from else { continue };
        match to {
            Node::Symbol(j, b) => links.push((i, a, j, b, arrow)),
            Node::Page(p) => {
                taken[p] = true;
                for &(_, from2, to2) in &arrows {
                    if let (Node::Page(q), Node::Symbol(j, b)) = (from2, to2)
                        && q != p
                        && page_label(q) == page_label(p)
                    {
                        taken[q] = true;
                        links.push((i, a, j, b, arrow));
                    }
                }
            }
        }
    }
    let has_arrows = !arrows.is_empty();
    // Exit labels: text boxes with any short text, and Ya/Tidak words in
    // the actors' cells.
    let mut claimed: Vec<Label> = Vec::new();
    let mut labels: Vec<(Point, String, Label)> = shapes
        .iter()
        .enumerate()
        .filter(|(i, s)| !taken[*i] && s.kind != Kind::PageConnector)
        .filter(|(_, s)| !s.kind.is_symbol() || is_label(s))
        .filter(|(_, s)| !s.text.trim().is_empty() && s.text.trim().chars().count() <= 40)
        .map(|(i, s)| (s.centre(), s.text.trim().to_owned(), Label::Shape(i)))
        .collect();
    for (&(r, c), data) in sheet.cells.range((header.body, 0)..) {
        let text = data.to_string();
        if header.actor_span.contains(&c) && branch_word(&text).is_some() {
            labels.push((drawing.cell_centre(r, c), text.trim().to_owned(), Label::Cell(r, c)));
        }
    }
    for (i, drawn) in reading.steps.iter_mut().enumerate() {
        let row = &members[i];
        let actors: Vec<usize> = (0..row.len()).filter(|&m| row[m].role == Role::Actor).collect();
        if actors.is_empty() {
            continue;
        }
        for member in row {
            match member.role {
                Role::Start if i == 0 => drawn.start_beside = Some(member.actor),
                Role::End => drawn.end_beside = Some(member.actor),
                Role::Start => reading
                    .problems
                    .push((cell_of(&shapes[member.shape]), crate::tr!("import-mulai-not-first", step = i + 1))),
                Role::Actor => {}
            }
        }
        // The order the flow passes the actors: along the arrows between
        // them, else (actors in parallel, or no such arrows) their columns.
        let inner: Vec<(usize, usize)> = links
            .iter()
            .filter(|l| l.0 == i && l.2 == i && actors.contains(&l.1) && actors.contains(&l.3))
            .map(|l| (l.1, l.3))
            .collect();
        let entered: BTreeSet<usize> =
            links.iter().filter(|l| l.2 == i && l.0 != i && actors.contains(&l.3)).map(|l| l.3).collect();
        drawn.parallel = actors.len() > 1 && inner.is_empty() && entered.len() == actors.len();
        let mut order: Vec<usize> = actors.clone();
        order.sort_by_key(|&m| row[m].actor);
        if let Some(first) = actors.iter().copied().find(|m| !inner.iter().any(|&(_, to)| to == *m))
            && !inner.is_empty()
        {
            let mut chain = vec![first];
            while let Some(&(_, next)) = inner.iter().find(|&&(from, _)| from == *chain.last().unwrap_or(&first)) {
                if chain.contains(&next) {
                    break;
                }
                chain.push(next);
            }
            let columns: Vec<usize> = chain.iter().map(|&m| row[m].actor).collect();
            let monotonic = columns.windows(2).all(|w| w[0] < w[1]) || columns.windows(2).all(|w| w[0] > w[1]);
            if chain.len() == actors.len() && monotonic {
                order = chain;
            } else {
                reading
                    .problems
                    .push((cell_of(&shapes[row[actors[0]].shape]), crate::tr!("import-joint-order", step = i + 1)));
            }
        }
        drawn.symbols = order.iter().map(|&m| (shapes[row[m].shape].kind.clone(), row[m].actor)).collect();
        drawn.text = order
            .iter()
            .map(|&m| shapes[row[m].shape].text.trim())
            .find(|t| !t.is_empty() && terminator_role(t).is_none())
            .map(str::to_owned);
        // Where the step leads: every other step an arrow from one of its
        // symbols reaches, in the order drawn.
        let mut targets: Vec<(usize, usize, usize)> = Vec::new(); // (step, symbol, arrow)
        for &(from, a, j, _, arrow) in &links {
            if from == i && j != i && actors.contains(&a) && !targets.iter().any(|&(t, _, _)| t == j) {
                targets.push((j, a, arrow));
            }
        }
        let is_decision = drawn.symbols.iter().any(|(kind, _)| *kind == Kind::Decision);
        let shape = &shapes[row[order[order.len() - 1]].shape];
        match (is_decision, targets.len()) {
            (true, 2..=4) => {
                let start = |&(_, _, arrow): &(usize, usize, usize)| {
                    let connector = &shapes[arrow];
                    match connector.start {
                        Some((id, site)) if id == shape.id => shape.site(site),
                        _ => connector.ends().0,
                    }
                };
                let starts: Vec<Point> = targets.iter().map(start).collect();
                let reach = 2.5 * (shape.emu.x1 - shape.emu.x0).max(shape.emu.y1 - shape.emu.y0);
                let found = label_exits(&labels, &starts, reach, &mut claimed, sheet, used);
                let exits: Vec<(Option<String>, usize)> =
                    targets.iter().zip(found).map(|(&(j, _, _), label)| (label, j + 1)).collect();
                drawn.decision = name_exits(exits, i).unwrap_or_else(|(exits, why)| {
                    reading.problems.push((cell_of(shape), format!("step {}: {why}", i + 1)));
                    exits
                });
            }
            (true, n) => {
                reading.problems.push((cell_of(shape), crate::tr!("import-decision-arrows", step = i + 1, count = n)));
                drawn.symbols.iter_mut().for_each(|s| s.0 = Kind::Process);
                drawn.lanjut = targets.iter().map(|&(j, _, _)| j + 1).take(1).filter(|&j| j != i + 2).collect();
            }
            (false, 0) => {
                if i + 1 < steps.len() {
                    let capsule = matches!(drawn.symbols.last(), Some((Kind::Terminator, _)));
                    if (capsule && i > 0) || drawn.end_beside.is_some() {
                        drawn.selesai = true;
                    } else if has_arrows {
                        reading
                            .problems
                            .push((cell_of(shape), crate::tr!("import-no-arrow-out", step = i + 1, next = i + 2)));
                    }
                }
            }
            (false, _) => {
                let mut to: Vec<usize> = targets.iter().map(|&(j, _, _)| j + 1).collect();
                if to.len() > 4 {
                    reading
                        .problems
                        .push((cell_of(shape), crate::tr!("import-fork-many", step = i + 1, count = to.len())));
                    to.truncate(4);
                }
                if to != [i + 2] {
                    drawn.lanjut = to;
                }
            }
        }
    }
    for (index, shape) in shapes.iter().enumerate() {
        if taken[index] || shape.kind == Kind::Connector {
            continue;
        }
        let label_used = claimed.contains(&Label::Shape(index));
        if label_used {
            continue;
        }
        let what = match (&shape.kind, shape.text.trim()) {
            (Kind::PageConnector, text) => crate::tr!("import-connector-alone", text = text),
            (kind, "") => {
                crate::tr!("import-shape-outside", kind = kind_name(kind), shape = shape.name)
            }
            (_, text) => crate::tr!("import-shape-text", text = text),
        };
        reading.unplaced.push((cell_of(shape), what));
    }
    reading
}

/// A decision's exits from their labels as found: "Ya"/"Tidak" in any of
/// their spellings become those words; other words are kept as written. An
/// exit with no label found is named after the other's opposite (two
/// exits), else after its step; `Err` says so.
#[allow(clippy::type_complexity)]
fn name_exits(
    exits: Vec<(Option<String>, usize)>,
    at: usize,
) -> Result<Vec<(String, usize)>, (Vec<(String, usize)>, String)> {
    let words: Vec<Option<bool>> = exits.iter().map(|(l, _)| l.as_deref().and_then(yes_no_word)).collect();
    let all_found = exits.iter().all(|(l, _)| l.is_some());
    // Two exits told apart by Ya/Tidak (one of them may be unlabelled).
    if exits.len() == 2 && words.iter().any(Option::is_some) && words[0] != words[1] {
        let ya_first = words[0] == Some(true) || words[1] == Some(false);
        let (ya, tidak) = if ya_first { (exits[0].1, exits[1].1) } else { (exits[1].1, exits[0].1) };
        let named = vec![("Ya".to_owned(), ya), ("Tidak".to_owned(), tidak)];
        return if all_found { Ok(named) } else { Err((named, crate::tr!("import-exit-opposite"))) };
    }
    if all_found {
        return Ok(exits.into_iter().map(|(l, t)| (l.unwrap_or_default(), t)).collect());
    }
    if exits.len() == 2 && exits.iter().all(|(l, _)| l.is_none()) {
        // The arrow down to a later step is taken as "Ya".
        let ya_first = exits[0].1 > at + 1;
        let (ya, tidak) = if ya_first { (exits[0].1, exits[1].1) } else { (exits[1].1, exits[0].1) };
        return Err((vec![("Ya".to_owned(), ya), ("Tidak".to_owned(), tidak)], crate::tr!("import-no-labels")));
    }
    let named = exits.into_iter().map(|(l, t)| (l.unwrap_or_else(|| format!("Ke langkah {t}")), t)).collect();
    Err((named, crate::tr!("import-exit-named")))
}

/// The label of each exit: of the unclaimed labels within `reach` of where
/// the exits leave the diamond, the assignment with the most labels and the
/// least total distance (a label stands beside its own exit's start more
/// than beside a neighbour's).
fn label_exits(
    labels: &[(Point, String, Label)],
    starts: &[Point],
    reach: f64,
    claimed: &mut Vec<Label>,
    sheet: &Sheet,
    used: &mut Used,
) -> Vec<Option<String>> {
    let distance = |p: Point, q: Point| (p.0 - q.0).hypot(p.1 - q.1);
    // The labels near any exit, nearest first, at most eight of them.
    let mut near: Vec<usize> = (0..labels.len())
        .filter(|&l| !claimed.contains(&labels[l].2) && starts.iter().any(|&s| distance(labels[l].0, s) <= reach))
        .collect();
    near.sort_by(|&a, &b| {
        let closest = |l: usize| starts.iter().map(|&s| distance(labels[l].0, s)).fold(f64::MAX, f64::min);
        closest(a).total_cmp(&closest(b)).then(a.cmp(&b))
    });
    near.truncate(8);
    // Every assignment: for each exit one of the near labels or none (at
    // most 9^4), a label to one exit only.
    let choices = near.len() + 1;
    let mut best: Option<(usize, f64, Vec<Option<usize>>)> = None;
    for code in 0..choices.pow(starts.len() as u32) {
        let mut pick: Vec<Option<usize>> = Vec::with_capacity(starts.len());
        let mut total = 0.0;
        let mut rest = code;
        let mut valid = true;
        for &start in starts {
            let choice = rest % choices;
            rest /= choices;
            let label = (choice > 0).then(|| near[choice - 1]);
            if let Some(l) = label {
                let d = distance(labels[l].0, start);
                if d > reach || pick.contains(&Some(l)) {
                    valid = false;
                    break;
                }
                total += d;
            }
            pick.push(label);
        }
        let count = pick.iter().flatten().count();
        if valid && best.as_ref().is_none_or(|(c, t, _)| count > *c || (count == *c && total < *t)) {
            best = Some((count, total, pick));
        }
    }
    let pick = best.map(|(_, _, pick)| pick).unwrap_or_else(|| vec![None; starts.len()]);
    pick.into_iter()
        .map(|label| {
            let l = label?;
            let (_, text, label) = &labels[l];
            claimed.push(*label);
            match *label {
                Label::Shape(i) => used.take_shape(sheet, i),
                Label::Cell(r, c) => used.take(sheet, r, c),
            }
            Some(text.clone())
        })
        .collect()
}

fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Terminator => "terminator",
        Kind::Process => "process",
        Kind::Decision => "decision",
        Kind::PageConnector => "connector",
        Kind::Connector => "arrow",
        Kind::Picture => "picture",
        Kind::Other => "",
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Label {
    Shape(usize),
    Cell(u32, u32),
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
