//! Validate: the flowchart drawn over a procedure table, turned back into
//! the flow. Each symbol belongs to the step whose rows hold its centre and
//! to the actor whose column does; connectors (glued by connection id, or
//! ending on a shape) give each step's exits, off-page connector pairs
//! joined by their letter; a decision's exits take the label nearest to
//! where each leaves the diamond, whatever its words. Several symbols in a
//! step's row are actors doing it together (in the order the arrows between
//! them pass, or in parallel when the step before fans out to each), or a
//! Mulai/Selesai terminator beside it; a symbol's text is its label.

mod exit_labels;

use std::collections::{BTreeMap, BTreeSet};

use super::definition::{Cell, Goal};
use super::drawing::{Drawing, Kind, Point, Rect, Shape};
use super::procedure::{Header, RawStep, branch_word, step_names};
use super::workbook::Sheet;
use super::{Problem, Used};
use crate::model::JenisSimbol;
use crate::util::text::normalise;
use crate::validate::{MAX_EXITS, MAX_FORK};
use exit_labels::{
    ExitLabel, Label, Segment, claim, label_distance, label_exits, labels_beside_lines, name_exits, path,
};

/// How far (EMU) a connector's end may stand from a shape and still be
/// taken as joined to it: about 3 mm.
const JOIN_TOLERANCE: f64 = 110_000.0;
/// A label this much (EMU, 2 points) further from an exit's stretch than
/// from the nearest exit's may still be that exit's.
const LABEL_TIE: f64 = 25_400.0;

/// What the drawing says about one step.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Drawn {
    /// The step's symbols in the order the flow passes them (column order
    /// for actors in parallel).
    pub symbols: Vec<DrawnSymbol>,
    /// The previous step's arrows fan out to each symbol: the actors work
    /// in parallel.
    pub parallel: bool,
    /// The text written inside the step's symbol.
    pub text: Option<String>,
    /// The actor whose column holds a Mulai (or Selesai) terminator drawn
    /// beside the step's symbol.
    pub start_beside: Option<usize>,
    pub end_beside: Option<usize>,
    /// A decision's exits: their labels as drawn (none where the drawing
    /// holds none), and 1-based steps.
    pub decision: Vec<(Option<String>, Vec<usize>)>,
    /// Where the flow goes when not to the next step (1-based); several for
    /// a fork.
    pub lanjut: Vec<usize>,
    pub selesai: bool,
    /// The row's symbols one by one, in column order, when the forms above
    /// cannot say it: a decision beside another symbol, two decisions,
    /// several terminators.
    pub cells: Vec<Cell>,
}

/// One of a step's symbols: its shape's kind, and the actor whose column
/// holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnSymbol {
    pub kind: Kind,
    pub actor: usize,
}

/// The drawing's reading: one entry per step, problems at cells.
#[derive(Debug, Default)]
pub struct Reading {
    pub steps: Vec<Drawn>,
    pub problems: Vec<Problem>,
    /// Arrows drawn that the definition cannot hold (a fan-out beyond a
    /// fork's four): (cell, what was left out).
    pub cut: Vec<Problem>,
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

/// The `member`-th symbol of step `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct SymbolAt {
    step: usize,
    member: usize,
}

/// What an arrow may join.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Node {
    Symbol(SymbolAt),
    /// An off-page connector, by the index of its shape.
    Page(usize),
}

/// A connector joining two nodes, by the index of its shape.
struct Arrow {
    shape: usize,
    from: Node,
    to: Node,
}

/// An arrow from one symbol to another, drawn straight or through a pair
/// of off-page connectors; `arrow` is the connector leaving `from`.
struct Link {
    from: SymbolAt,
    to: SymbolAt,
    arrow: usize,
}

/// The drawing as a graph: each step's symbols and the links between them.
struct Graph {
    members: Vec<Vec<Member>>,
    links: Vec<Link>,
    /// Whether the drawing has any arrow at all: only then does a step
    /// without one out lack it.
    has_arrows: bool,
}

/// A box or capsule holding just "Ya" or "Tidak" is a label drawn as a
/// shape, unless an arrow is glued to it (a step's box that says
/// "Setuju?"); a diamond is always a decision ("Setuju?" inside it is its
/// text).
fn is_label(shape: &Shape, shapes: &[Shape]) -> bool {
    let glued = |end: Option<(u32, u32)>| end.is_some_and(|(id, _)| id == shape.id);
    shape.kind != Kind::Decision
        && branch_word(&shape.text).is_some()
        && !shapes.iter().any(|s| s.kind == Kind::Connector && (glued(s.start) || glued(s.end)))
}

/// Whether a shape is a terminator saying start or end.
fn terminator_role_of(shape: &Shape) -> Option<Role> {
    (shape.kind == Kind::Terminator).then(|| terminator_role(&shape.text)).flatten()
}

/// The words of a terminator that stands for the start or the end.
fn terminator_role(text: &str) -> Option<Role> {
    match normalise(text).as_str() {
        "mulai" | "start" | "awal" | "mulaiproses" => Some(Role::Start),
        "selesai" | "akhir" | "end" | "finish" | "stop" | "selesaiproses" => Some(Role::End),
        _ => None,
    }
}

/// Reads the flowchart drawn over the procedure table of `steps`: first
/// the drawing as a graph (symbols placed in steps, arrows joined, links
/// between symbols), then each step from it. The labels it uses go to
/// `used`.
pub fn read(drawing: &Drawing, sheet: &Sheet, header: &Header, steps: &[RawStep], used: &mut Used) -> Reading {
    let mut reader = Reader {
        names: step_names(steps),
        shapes: &drawing.shapes,
        routes: &drawing.routes,
        labels_as_drawn: drawing.labels_as_drawn,
        sheet,
        used,
        taken: vec![false; drawing.shapes.len()],
        problems: Vec::new(),
        cut: Vec::new(),
        unplaced: Vec::new(),
    };
    let (members, node_of) = reader.place_symbols(header, steps);
    let arrows = reader.join_arrows(&node_of);
    let graph = Graph { members, links: reader.link_symbols(&arrows), has_arrows: !arrows.is_empty() };
    let mut labels = reader.exit_labels(drawing, header);
    let steps = (0..graph.members.len()).map(|i| reader.read_step(&graph, i, &mut labels)).collect();
    reader.report_unplaced(&labels);
    Reading { steps, problems: reader.problems, cut: reader.cut, unplaced: reader.unplaced }
}

/// One drawing being read: its shapes, which of them are read, and what
/// the reader had to guess or could not place.
struct Reader<'a> {
    shapes: &'a [Shape],
    routes: &'a BTreeMap<u32, Vec<Point>>,
    labels_as_drawn: bool,
    sheet: &'a Sheet,
    used: &'a mut Used,
    /// Each step's number in the to-do list (`step_names`).
    names: Vec<String>,
    /// Shapes read as symbols, arrows or off-page connectors.
    taken: Vec<bool>,
    problems: Vec<Problem>,
    cut: Vec<Problem>,
    unplaced: Vec<Problem>,
}

impl Reader<'_> {
    fn problem(&mut self, shape: &Shape, message: String) {
        self.problems.push((cell_of(shape), message));
    }

    /// Every symbol in a step's rows is one of its actors (one in each
    /// actor's column), or a terminator drawn beside it. Returns each
    /// step's symbols, and the node each shape id stands for (off-page
    /// connectors included).
    fn place_symbols(&mut self, header: &Header, steps: &[RawStep]) -> (Vec<Vec<Member>>, BTreeMap<u32, Node>) {
        let shapes = self.shapes;
        let mut node_of = BTreeMap::new();
        let mut members: Vec<Vec<Member>> = vec![Vec::new(); steps.len()];
        for (index, shape) in shapes.iter().enumerate() {
            if shape.kind == Kind::PageConnector {
                node_of.insert(shape.id, Node::Page(index));
                continue;
            }
            if !shape.kind.is_symbol() || is_label(shape, shapes) {
                continue;
            }
            let (row, col) = shape.centre_cell();
            let Some(actor) = header.actor_of(col as u32) else { continue };
            let Some(step) = step_at(steps, row) else { continue };
            // A Mulai stacked above or a Selesai below the column's own
            // symbol shares its column; any other second symbol is left out.
            let role = |m: &Member| terminator_role_of(&shapes[m.shape]);
            let column: Vec<&Member> = members[step].iter().filter(|m| m.actor == actor).collect();
            let stacked = match column[..] {
                [] => true,
                [other] => role(other).is_some() != terminator_role_of(shape).is_some(),
                _ => false,
            };
            if !stacked {
                self.problem(shape, crate::tr!("import-second-symbol", step = &self.names[step], shape = shape.name));
                continue;
            }
            self.taken[index] = true;
            node_of.insert(shape.id, Node::Symbol(SymbolAt { step, member: members[step].len() }));
            members[step].push(Member { shape: index, actor, role: Role::Actor });
        }
        // A terminator with a start or end word, beside another symbol,
        // stands beside the step rather than being one of its actors.
        for row in members.iter_mut().filter(|row| row.len() > 1) {
            for member in row.iter_mut() {
                let shape = &shapes[member.shape];
                if let Some(role) = terminator_role_of(shape) {
                    member.role = role;
                }
            }
        }
        (members, node_of)
    }

    /// Each connector with the nodes at its ends: those it is glued to, else
    /// the nearest within `JOIN_TOLERANCE`. One that does not join two
    /// nodes is reported.
    fn join_arrows(&mut self, node_of: &BTreeMap<u32, Node>) -> Vec<Arrow> {
        let shapes = self.shapes;
        let near = |point: Point| -> Option<u32> {
            shapes
                .iter()
                .filter(|s| node_of.contains_key(&s.id))
                .map(|s| (s.distance_to(point), s.id))
                .filter(|&(d, _)| d <= JOIN_TOLERANCE)
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, id)| id)
        };
        let mut arrows = Vec::new();
        for (index, shape) in shapes.iter().enumerate().filter(|(_, s)| s.kind == Kind::Connector) {
            // A polyline's course says where it starts and ends (its box's
            // corners do not, when it turns back).
            let (start, end) = match self.routes.get(&shape.id) {
                Some(route) if route.len() >= 2 => (route[0], route[route.len() - 1]),
                _ => shape.ends(),
            };
            let from = shape.start.map(|(id, _)| id).filter(|id| node_of.contains_key(id)).or_else(|| near(start));
            let to = shape.end.map(|(id, _)| id).filter(|id| node_of.contains_key(id)).or_else(|| near(end));
            match (from.and_then(|id| node_of.get(&id)), to.and_then(|id| node_of.get(&id))) {
                (Some(&from), Some(&to)) => {
                    self.taken[index] = true;
                    arrows.push(Arrow { shape: index, from, to });
                }
                _ => self.unplaced.push((cell_of(shape), crate::tr!("import-loose-arrow", shape = shape.name))),
            }
        }
        arrows
    }

    /// The arrows from symbol to symbol: drawn straight, or into an
    /// off-page connector and on from every other connector with its
    /// letter.
    fn link_symbols(&mut self, arrows: &[Arrow]) -> Vec<Link> {
        let page_label = |index: usize| self.shapes[index].text.trim().to_uppercase();
        let mut links = Vec::new();
        for arrow in arrows {
            let Node::Symbol(from) = arrow.from else { continue };
            match arrow.to {
                Node::Symbol(to) => links.push(Link { from, to, arrow: arrow.shape }),
                Node::Page(p) => {
                    self.taken[p] = true;
                    for on in arrows {
                        if let (Node::Page(q), Node::Symbol(to)) = (on.from, on.to)
                            && q != p
                            && page_label(q) == page_label(p)
                        {
                            self.taken[q] = true;
                            links.push(Link { from, to, arrow: arrow.shape });
                        }
                    }
                }
            }
        }
        links
    }

    /// The texts that may name a decision's exits: shapes (not read as
    /// anything else) with any short text, and Ya/Tidak words in the
    /// actors' cells.
    fn exit_labels(&self, drawing: &Drawing, header: &Header) -> Vec<ExitLabel> {
        let label = |area: Rect, text: &str, source: Label| ExitLabel {
            at: ((area.x0 + area.x1) / 2.0, (area.y0 + area.y1) / 2.0),
            area,
            text: text.trim().to_owned(),
            source,
            claimed: false,
        };
        let mut labels: Vec<ExitLabel> = self
            .shapes
            .iter()
            .enumerate()
            .filter(|(i, s)| !self.taken[*i] && s.kind != Kind::PageConnector)
            .filter(|(_, s)| !s.kind.is_symbol() || is_label(s, self.shapes))
            .filter(|(_, s)| !s.text.trim().is_empty() && s.text.trim().chars().count() <= 40)
            .map(|(i, s)| label(s.emu, &s.text, Label::Shape(i)))
            .collect();
        for (&(r, c), data) in self.sheet.cells.range((header.body, 0)..) {
            let text = data.to_string();
            if header.actor_span.contains(&c) && branch_word(&text).is_some() {
                let (x, y) = drawing.cell_centre(r, c);
                labels.push(label(Rect { x0: x, y0: y, x1: x, y1: y }, &text, Label::Cell(r, c)));
            }
        }
        labels
    }

    /// What the drawing says about step `i`: the terminators beside it, its
    /// actors in the order the flow passes them, its text, where it leads.
    fn read_step(&mut self, graph: &Graph, i: usize, labels: &mut [ExitLabel]) -> Drawn {
        let row = &graph.members[i];
        let mut drawn = Drawn::default();
        let actors: Vec<usize> = (0..row.len()).filter(|&m| row[m].role == Role::Actor).collect();
        if is_general(self.shapes, row) {
            return self.read_row(graph, i, labels);
        }
        if actors.is_empty() {
            return drawn;
        }
        let is_actor = |at: SymbolAt| at.step == i && actors.contains(&at.member);
        let inner: Vec<&Link> = graph.links.iter().filter(|l| is_actor(l.from) && is_actor(l.to)).collect();
        let entered: BTreeSet<usize> =
            graph.links.iter().filter(|l| l.from.step != i && is_actor(l.to)).map(|l| l.to.member).collect();
        drawn.parallel = actors.len() > 1 && inner.is_empty() && entered.len() == actors.len();
        // Actors in parallel go on to the next step; `check` refuses
        // `paralel` with `lanjut`. Going elsewhere, the row is written
        // symbol by symbol, each entered and each with its own arrows.
        let elsewhere = graph.links.iter().any(|l| is_actor(l.from) && l.to.step != i && l.to.step != i + 1);
        if drawn.parallel && elsewhere {
            return self.read_row(graph, i, labels);
        }
        self.terminators_beside(i, row, &mut drawn);
        let order = self.flow_order(i, row, &actors, &inner);
        let shapes = self.shapes;
        drawn.symbols = order
            .iter()
            .map(|&m| DrawnSymbol { kind: shapes[row[m].shape].kind.clone(), actor: row[m].actor })
            .collect();
        drawn.text = order
            .iter()
            .map(|&m| shapes[row[m].shape].text.trim())
            .find(|t| !t.is_empty() && terminator_role(t).is_none())
            .map(str::to_owned);
        // Where the step leads: every other step an arrow from one of its
        // symbols reaches, in the order drawn (a decision's arrows leaving
        // it at two places for one step: two exits).
        let mut out: Vec<&Link> = Vec::new();
        for link in graph.links.iter().filter(|l| is_actor(l.from) && l.to.step != i) {
            if !out.iter().any(|o| o.to.step == link.to.step && self.same_exit(o, link)) {
                out.push(link);
            }
        }
        let last = &shapes[row[order[order.len() - 1]].shape];
        let is_decision = drawn.symbols.iter().any(|s| s.kind == Kind::Decision);
        match (is_decision, out.len()) {
            (true, 2..) => {
                let exits = self.decision_exits(i, &out, last, labels);
                drawn.decision = ya_first(
                    exits.into_iter().map(|(label, to)| (label, to.iter().map(|l| l.to.step + 1).collect())).collect(),
                );
            }
            (true, n) => {
                self.problem(last, crate::tr!("import-decision-arrows", step = &self.names[i], count = n));
                drawn.symbols.iter_mut().for_each(|s| s.kind = Kind::Process);
                drawn.lanjut = out.iter().map(|l| l.to.step + 1).take(1).filter(|&j| j != i + 2).collect();
            }
            (false, 0) => self.end_or_next(graph, i, last, &mut drawn),
            (false, _) => {
                let mut to: Vec<usize> = out.iter().map(|l| l.to.step + 1).collect();
                let names: Vec<String> = to.iter().map(|&t| self.names[t - 1].clone()).collect();
                self.cut_fork(i, last, &mut to, &names);
                if to != [i + 2] {
                    drawn.lanjut = to;
                }
            }
        }
        if drawn.parallel {
            self.no_terminator_beside_parallel(i, row, &mut drawn);
        }
        drawn
    }

    /// `check` refuses a terminator beside a step done in parallel: a
    /// Selesai there is the step ending the flow, written `selesai: true`
    /// (the last step ends it anyway), a Mulai is left out; said at the
    /// terminator.
    fn no_terminator_beside_parallel(&mut self, i: usize, row: &[Member], drawn: &mut Drawn) {
        let ends = drawn.end_beside.take().is_some();
        let starts = drawn.start_beside.take().is_some();
        if ends && drawn.lanjut.is_empty() && i + 1 < self.names.len() {
            drawn.selesai = true;
        }
        for member in row.iter().filter(|m| m.role != Role::Actor) {
            let step = &self.names[i];
            let message = match member.role {
                Role::End if ends => crate::tr!("import-parallel-selesai", step = step),
                Role::Start if starts => crate::tr!("import-parallel-mulai", step = step),
                _ => continue,
            };
            self.problem(&self.shapes[member.shape], message);
        }
    }

    /// A fan-out of more arrows than a fork (`MAX_FORK`) or exits than a
    /// decision (`MAX_EXITS`) holds keeps the first ones; the rest are
    /// listed to fill in, by the `names` of the steps they reach.
    fn cut_fork<T>(&mut self, i: usize, last: &Shape, to: &mut Vec<T>, names: &[String]) {
        let decides = last.kind == Kind::Decision;
        let most = if decides { MAX_EXITS } else { MAX_FORK };
        if to.len() <= most {
            return;
        }
        let (step, count, kept, cut) = (&self.names[i], to.len(), names[..most].join(", "), names[most..].join(", "));
        let message = if decides {
            crate::tr!("import-exits-cut", step = step, count = count, most = most, kept = kept, cut = cut)
        } else {
            crate::tr!("import-fork-cut", step = step, count = count, most = most, kept = kept, cut = cut)
        };
        self.cut.push((cell_of(last), message));
        to.truncate(most);
    }

    /// The Mulai and Selesai terminators beside step `i`: a Mulai beside
    /// the first step only.
    fn terminators_beside(&mut self, i: usize, row: &[Member], drawn: &mut Drawn) {
        for member in row {
            match member.role {
                Role::Start if i == 0 => drawn.start_beside = Some(member.actor),
                Role::End => drawn.end_beside = Some(member.actor),
                Role::Start => {
                    let shape = &self.shapes[member.shape];
                    self.problem(shape, crate::tr!("import-mulai-not-first", step = &self.names[i]));
                }
                Role::Actor => {}
            }
        }
    }

    /// The order the flow passes the step's actors: along the arrows
    /// between them (`inner`), else (actors in parallel, or no such arrows)
    /// their columns. Arrows that miss an actor, or that do not pass the
    /// columns one by one, are reported and the columns' order kept.
    fn flow_order(&mut self, i: usize, row: &[Member], actors: &[usize], inner: &[&Link]) -> Vec<usize> {
        let mut columns_order = actors.to_vec();
        columns_order.sort_by_key(|&m| row[m].actor);
        if inner.is_empty() {
            return columns_order;
        }
        let Some(first) = actors.iter().copied().find(|&m| !inner.iter().any(|l| l.to.member == m)) else {
            return columns_order;
        };
        let mut chain = vec![first];
        while let Some(next) =
            inner.iter().find(|l| l.from.member == *chain.last().unwrap_or(&first)).map(|l| l.to.member)
        {
            if chain.contains(&next) {
                break;
            }
            chain.push(next);
        }
        let columns: Vec<usize> = chain.iter().map(|&m| row[m].actor).collect();
        let monotonic = columns.windows(2).all(|w| w[0] < w[1]) || columns.windows(2).all(|w| w[0] > w[1]);
        if chain.len() == actors.len() && monotonic {
            return chain;
        }
        let shape = &self.shapes[row[actors[0]].shape];
        self.problem(shape, crate::tr!("import-joint-order", step = &self.names[i]));
        columns_order
    }

    /// The label of each of a decision's exits (`out`): the one beside
    /// where its arrow leaves the `diamond` (beside the first stretches of
    /// its arrow, where the drawing gives its course), Ya/Tidak in any
    /// spelling as those words unless labels are kept as drawn.
    fn exit_labels_of(
        &mut self,
        i: usize,
        out: &[&Link],
        diamond: &Shape,
        labels: &mut [ExitLabel],
    ) -> Vec<Option<String>> {
        let stretches: Vec<Vec<Point>> = out
            .iter()
            .map(|link| {
                let connector = &self.shapes[link.arrow];
                self.first_stretch(connector, diamond).unwrap_or_else(|| {
                    vec![match connector.start {
                        Some((id, site)) if id == diamond.id => diamond.site(site),
                        _ => connector.ends().0,
                    }]
                })
            })
            .collect();
        // Where arrows are drawn with their course, a label belongs to an
        // exit whose first stretch is the nearest of every decision's exits.
        let exits_drawn: Vec<(u32, Vec<Point>)> = self
            .shapes
            .iter()
            .filter_map(|c| {
                let (id, _) = c.start?;
                let from = self.shapes.iter().find(|s| s.id == id && s.kind == Kind::Decision)?;
                Some((c.id, self.first_stretch(c, from)?))
            })
            .collect();
        let nearest =
            |label: &ExitLabel| exits_drawn.iter().map(|e| label_distance(label, &e.1)).fold(f64::MAX, f64::min);
        // As near as the nearest of them, give or take a hair (a label
        // between two exit lines is either's; one label to an exit decides).
        let fits = |label: &ExitLabel, k: usize| {
            exits_drawn.is_empty() || label_distance(label, &stretches[k]) <= nearest(label) + LABEL_TIE
        };
        let reach = 2.5 * (diamond.emu.x1 - diamond.emu.x0).max(diamond.emu.y1 - diamond.emu.y0);
        let mut found = label_exits(labels, &stretches, reach, fits, self.sheet, self.used);
        // A label drawn beside its arrow further on, away from the diamond.
        // Only where the course is not drawn (a workbook's connector): a
        // drawn course (a PDF's) has its labels placed by its stretches.
        let lines: Vec<Vec<Segment>> = out
            .iter()
            .map(|link| &self.shapes[link.arrow])
            .map(|arrow| if self.routes.contains_key(&arrow.id) { Vec::new() } else { path(arrow) })
            .collect();
        for (exit, l) in labels_beside_lines(labels, &found, &lines) {
            let label = &mut labels[l];
            let message = crate::tr!(
                "import-label-by-line",
                step = &self.names[i],
                label = &label.text,
                target = &self.names[out[exit].to.step]
            );
            found[exit] = Some(claim(label, self.sheet, self.used));
            let cell = match label.source {
                Label::Shape(s) => cell_of(&self.shapes[s]),
                Label::Cell(r, c) => (r, c),
            };
            self.problems.push((cell, message));
        }
        if self.labels_as_drawn { found } else { name_exits(found) }
    }

    /// Whether two arrows to one step are one exit: always, but where the
    /// drawing gives their course and they leave a decision at two places.
    fn same_exit(&self, a: &Link, b: &Link) -> bool {
        let start = |link: &Link| self.routes.get(&self.shapes[link.arrow].id).and_then(|r| r.first().copied());
        let decision = |link: &Link| {
            let from = self.shapes[link.arrow].start.map(|(id, _)| id);
            self.shapes.iter().any(|s| Some(s.id) == from && s.kind == Kind::Decision)
        };
        match (start(a), start(b)) {
            (Some(p), Some(q)) if decision(a) && decision(b) => (p.0 - q.0).hypot(p.1 - q.1) < LABEL_TIE,
            _ => true,
        }
    }

    /// A decision's exits from its arrows (`out`, two or more): each
    /// arrow's label, then arrows leaving it at one place joined into one
    /// exit that splits (`ke: [6, 7]`): an unlabelled arrow whose drawn
    /// course starts where a labelled one's does (one line splitting on its
    /// way), and, where more arrows leave it than a decision has exits,
    /// unlabelled arrows leaving by one site. More exits than that are cut
    /// (listed); an exit left unlabelled is reported.
    fn decision_exits<'l>(
        &mut self,
        i: usize,
        out: &[&'l Link],
        diamond: &Shape,
        labels: &mut [ExitLabel],
    ) -> Vec<(Option<String>, Vec<&'l Link>)> {
        let found = self.exit_labels_of(i, out, diamond, labels);
        let drawn_start = |link: &Link| self.routes.get(&self.shapes[link.arrow].id).and_then(|r| r.first().copied());
        let glued_site = |link: &Link| self.shapes[link.arrow].start;
        let mut exits: Vec<(Option<String>, Vec<&Link>)> = Vec::new();
        for (label, &link) in found.into_iter().zip(out) {
            let trunk = exits.iter_mut().find(|(other, to)| {
                label.is_none()
                    && other.is_some()
                    && matches!((drawn_start(to[0]), drawn_start(link)),
                        (Some(p), Some(q)) if (p.0 - q.0).hypot(p.1 - q.1) < LABEL_TIE)
            });
            match trunk {
                Some((_, to)) => to.push(link),
                None => exits.push((label, vec![link])),
            }
        }
        while exits.len() > MAX_EXITS {
            let unlabelled: Vec<usize> = (0..exits.len()).filter(|&e| exits[e].0.is_none()).collect();
            let same_site = unlabelled.iter().enumerate().find_map(|(k, &a)| {
                let site = glued_site(exits[a].1[0])?;
                unlabelled[k + 1..].iter().find(|&&b| glued_site(exits[b].1[0]) == Some(site)).map(|&b| (a, b))
            });
            let Some((a, b)) = same_site else { break };
            let (_, joined) = exits.remove(b);
            exits[a].1.extend(joined);
        }
        let names: Vec<String> = exits.iter().map(|(_, to)| self.names[to[0].to.step].clone()).collect();
        self.cut_fork(i, diamond, &mut exits, &names);
        for (label, to) in &exits {
            if label.is_none() {
                let message =
                    crate::tr!("import-exit-unlabelled", step = &self.names[i], target = &self.names[to[0].to.step]);
                self.problem(diamond, message);
            }
        }
        exits
    }

    /// The stretch of a connector's drawn course its label stands beside:
    /// the first, and the second after a drop from the `diamond`'s lower
    /// side that then runs across (an exit from below). `None` where the
    /// course is not drawn.
    fn first_stretch(&self, connector: &Shape, diamond: &Shape) -> Option<Vec<Point>> {
        let route = self.routes.get(&connector.id).filter(|r| r.len() >= 2)?;
        let flat = |a: Point, b: Point| (a.1 - b.1).abs() < 0.01 * (a.0 - b.0).abs();
        let drop = (route[1].0 - route[0].0).abs() < 1.0 && route[1].1 > route[0].1 && route[0].1 > diamond.centre().1;
        let across = route.len() > 2 && flat(route[1], route[2]);
        Some(route.iter().take(if drop && across { 3 } else { 2 }).copied().collect())
    }

    /// A row the step's keys cannot say, symbol by symbol in column
    /// order: each with its kind by its shape, its arrows along the row to
    /// the other symbols and out of it to other steps.
    fn read_row(&mut self, graph: &Graph, i: usize, labels: &mut [ExitLabel]) -> Drawn {
        let row = &graph.members[i];
        let shapes = self.shapes;
        let mut order: Vec<usize> = (0..row.len()).collect();
        order.sort_by_key(|&m| row[m].actor);
        let goal = |at: SymbolAt| match order.iter().position(|&m| at.step == i && m == at.member) {
            Some(k) => Goal::Symbol(k),
            None => Goal::Step(at.step + 1),
        };
        let mut drawn = Drawn::default();
        for (k, &m) in order.iter().enumerate() {
            let shape = &shapes[row[m].shape];
            let mut out: Vec<&Link> = Vec::new();
            for link in graph.links.iter().filter(|l| l.from == SymbolAt { step: i, member: m }) {
                if !out.iter().any(|o| goal(o.to) == goal(link.to) && self.same_exit(o, link)) {
                    out.push(link);
                }
            }
            let goals: Vec<Goal> = out.iter().map(|l| goal(l.to)).collect();
            let text = Some(shape.text.trim()).filter(|t| !t.is_empty() && terminator_role(t).is_none());
            let mut cell = Cell {
                actor: row[m].actor,
                jenis: JenisSimbol::Proses,
                exits: Vec::new(),
                lanjut: Vec::new(),
                teks: text.map(str::to_owned),
            };
            match (&shape.kind, goals.len()) {
                (Kind::Decision, 2..) => {
                    cell.jenis = JenisSimbol::Keputusan;
                    let exits = self.decision_exits(i, &out, shape, labels);
                    cell.exits =
                        exits.into_iter().map(|(label, to)| (label, to.iter().map(|l| goal(l.to)).collect())).collect();
                }
                (Kind::Terminator, 0) => cell.jenis = JenisSimbol::Selesai,
                (kind, n) => {
                    if *kind == Kind::Decision {
                        self.problem(shape, crate::tr!("import-decision-arrows", step = &self.names[i], count = n));
                    } else if *kind == Kind::Terminator && (row[m].role == Role::Start || i == 0) {
                        cell.jenis = JenisSimbol::Mulai;
                    }
                    let default = if k + 1 < order.len() { Goal::Symbol(k + 1) } else { Goal::Step(i + 2) };
                    if goals != [default] {
                        let names: Vec<String> = goals
                            .iter()
                            .map(|g| match g {
                                Goal::Step(t) => self.names[t - 1].clone(),
                                Goal::Symbol(_) => self.names[i].clone(),
                            })
                            .collect();
                        cell.lanjut = goals;
                        self.cut_fork(i, shape, &mut cell.lanjut, &names);
                    }
                }
            }
            drawn.symbols.push(DrawnSymbol { kind: shape.kind.clone(), actor: cell.actor });
            drawn.cells.push(cell);
        }
        drawn
    }

    /// A step with no arrow out ends the flow when drawn as a capsule (the
    /// first step's is its start) or beside a Selesai terminator; else,
    /// when the drawing has arrows, the missing one is reported and the flow
    /// goes on to the next step. The last step ends anyway.
    fn end_or_next(&mut self, graph: &Graph, i: usize, last: &Shape, drawn: &mut Drawn) {
        if i + 1 == graph.members.len() {
            return;
        }
        let capsule = matches!(drawn.symbols.last(), Some(DrawnSymbol { kind: Kind::Terminator, .. }));
        if (capsule && i > 0) || drawn.end_beside.is_some() {
            drawn.selesai = true;
        } else if graph.has_arrows {
            self.problem(last, crate::tr!("import-no-arrow-out", step = &self.names[i], next = &self.names[i + 1]));
        }
    }

    /// Every shape not read as a symbol, an arrow or a label is reported
    /// with its cell.
    fn report_unplaced(&mut self, labels: &[ExitLabel]) {
        for (index, shape) in self.shapes.iter().enumerate() {
            if self.taken[index] || shape.kind == Kind::Connector {
                continue;
            }
            if labels.iter().any(|l| l.claimed && l.source == Label::Shape(index)) {
                continue;
            }
            let what = match (&shape.kind, shape.text.trim()) {
                (Kind::PageConnector, text) => crate::tr!("import-connector-alone", text = text),
                (kind, "") => match kind_name(kind) {
                    Some(kind) => crate::tr!("import-shape-outside", kind = kind, shape = shape.name),
                    None => crate::tr!("import-unnamed-shape-outside", shape = shape.name),
                },
                (_, text) => crate::tr!("import-shape-text", text = text),
            };
            self.unplaced.push((cell_of(shape), what));
        }
    }
}

/// A decision's exits with Ya before Tidak, as the definition writes them.
fn ya_first(mut exits: Vec<(Option<String>, Vec<usize>)>) -> Vec<(Option<String>, Vec<usize>)> {
    if exits.len() == 2 && exits[0].0.as_deref() == Some("Tidak") && exits[1].0.as_deref() == Some("Ya") {
        exits.swap(0, 1);
    }
    exits
}

/// Whether a step's row holds more than the step's keys can say: a
/// decision beside another symbol, or several terminators ending (or
/// standing) alone.
fn is_general(shapes: &[Shape], row: &[Member]) -> bool {
    let decisions = row.iter().filter(|m| shapes[m.shape].kind == Kind::Decision).count();
    let ends = row.iter().filter(|m| m.role == Role::End).count();
    let actors = row.iter().filter(|m| m.role == Role::Actor).count();
    // Capsules drawn without a word (a PDF's end symbols) end as well.
    let capsules = row.iter().filter(|m| shapes[m.shape].kind == Kind::Terminator).count();
    row.len() > 1 && (decisions > 0 || ends > 1 || capsules > 1 || actors == 0)
}

/// The cell that holds a shape's centre.
fn cell_of(shape: &Shape) -> (u32, u32) {
    let (r, c) = shape.centre_cell();
    (r.max(0.0) as u32, c.max(0.0) as u32)
}

/// The kind of a shape left outside the steps, in the user's language;
/// `None` for a shape of no kind sopkit names (connectors are reported on
/// their own).
fn kind_name(kind: &Kind) -> Option<String> {
    match kind {
        Kind::Terminator => Some(crate::tr!("import-kind-terminator")),
        Kind::Process => Some(crate::tr!("import-kind-process")),
        Kind::Decision => Some(crate::tr!("import-kind-decision")),
        Kind::Picture => Some(crate::tr!("import-kind-picture")),
        Kind::PageConnector | Kind::Connector | Kind::Other => None,
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
