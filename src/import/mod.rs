//! `sopkit import`: legacy SOP workbooks (.xlsx, .xls, .ods) into
//! definitions. The pipeline: load the workbook (`workbook`, `drawing`),
//! find each SOP's identity and procedure table (`identity`, `procedure`),
//! read the drawn flowchart back into a flow (`flowchart`), assemble the
//! definition and check it as `sopkit check` would, then write it
//! (`definition`) without ever overwriting one unless asked. Everything the
//! reader could not place is reported with its sheet and cell.

pub mod definition;
pub mod drawing;
pub mod flowchart;
pub mod identity;
pub mod labels;
pub mod limits;
pub mod procedure;
pub mod workbook;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use definition::{Imported, MISSING, Step, lane_id};
use identity::Field;
use limits::MAX_ROWS;
use procedure::{Header, Mark, RawStep};
use workbook::{Sheet, Workbook};

use crate::diagnostic::{Diagnostic, Diagnostics, EnvError, SourceFile};
use crate::load::parse_yaml;
use crate::model::SopDef;
use crate::util::text::file_stem;

pub struct ImportOptions {
    pub files: Vec<PathBuf>,
    /// Where definitions go; default `sops/` when the current folder has
    /// one, else the current folder.
    pub out: Option<PathBuf>,
    /// Overwrite existing definitions.
    pub force: bool,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Diagnostics,
    /// One block per SOP, a to-do list for the clerk: what was imported,
    /// what was guessed (with the cell), what is left to fill in, what was
    /// not imported.
    pub summaries: Vec<String>,
    pub written: Vec<PathBuf>,
}

/// Cells and shapes a reader has placed; the rest is reported.
#[derive(Debug, Default)]
pub struct Used {
    cells: BTreeSet<(String, u32, u32)>,
    shapes: BTreeSet<(String, usize)>,
}

impl Used {
    pub fn take(&mut self, sheet: &Sheet, row: u32, col: u32) {
        self.cells.insert((sheet.name.clone(), row, col));
    }

    pub fn contains(&self, sheet: &Sheet, row: u32, col: u32) -> bool {
        self.cells.contains(&(sheet.name.clone(), row, col))
    }

    pub fn take_shape(&mut self, sheet: &Sheet, index: usize) {
        self.shapes.insert((sheet.name.clone(), index));
    }
}

/// A problem found at a cell (row, column) of a sheet.
pub type Problem = ((u32, u32), String);

/// What the clerk has to look at after importing one SOP, each entry with
/// its cell (or the written file's line).
#[derive(Debug, Default)]
pub struct Todo {
    /// Read, but by a guess: a drifted label, a renumbered step, an arrow
    /// taken to the nearest symbol.
    pub guessed: Vec<String>,
    /// Values the definition still lacks or holds only in part.
    pub to_fill: Vec<String>,
    /// Cells and shapes of the workbook that are not in the definition.
    pub left: Vec<String>,
}

impl Todo {
    /// The block printed after the summary line.
    fn render(&self, summary: &str, written: Option<&Path>) -> String {
        let mut out = summary.to_owned();
        if let Some(path) = written {
            out.push_str(&format!("\n  {}", crate::tr!("import-todo-written", file = path.display())));
        }
        for (heading, entries) in [
            (crate::tr!("import-todo-guessed", count = self.guessed.len()), &self.guessed),
            (crate::tr!("import-todo-fill", count = self.to_fill.len()), &self.to_fill),
            (crate::tr!("import-todo-left", count = self.left.len()), &self.left),
        ] {
            if entries.is_empty() {
                continue;
            }
            out.push_str(&format!("\n  {heading}"));
            for entry in entries {
                out.push_str(&format!("\n    - {entry}"));
            }
        }
        out
    }
}

/// At most this many cells left behind are listed per SOP.
const LEFT_BEHIND_LISTED: usize = 25;

pub fn run(options: &ImportOptions) -> Result<Outcome, EnvError> {
    let mut outcome = Outcome::default();
    let mut found: Vec<(String, Imported, Todo, String)> = Vec::new();
    for path in &options.files {
        let name = path.display().to_string();
        // The readers are meant never to panic on any input; should one
        // still do so, the file gets an error like any other bad file.
        let opened = open_guarded(path, &name).unwrap_or_else(|panic| {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Diagnostic::error(crate::tr!("import-damaged", name = name, why = why)))
        });
        let workbook = match opened {
            Ok(workbook) => workbook,
            Err(error) => {
                outcome.diagnostics.push(error);
                continue;
            }
        };
        outcome.diagnostics.extend(workbook.notes.iter().cloned());
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let file_name = path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let sops = locate(&workbook, &name, &mut outcome.diagnostics);
        if sops.is_empty() && !outcome.diagnostics.has_errors() {
            // A row with one of the two headers a table needs says which
            // word was not found, and what sopkit looks for.
            let half = workbook.sheets.iter().find_map(|sheet| procedure::half_header(sheet).map(|h| (sheet, h)));
            outcome.diagnostics.push(Diagnostic::error(match half {
                Some((sheet, ((r, c), text, missing))) => crate::tr!(
                    "import-no-sop-half",
                    name = name,
                    cell = sheet.at(r, c),
                    text = text,
                    missing = missing.label(),
                    labels = labels::spellings_of(procedure::COLUMNS, missing).join(", ")
                ),
                None => crate::tr!("import-no-sop", name = name),
            }));
        }
        for located in sops {
            let sheet = &workbook.sheets[located.procedure];
            let (steps, _) = procedure::read_steps(sheet, &located.header, &mut Used::default());
            if steps.is_empty() {
                outcome.diagnostics.push(Diagnostic::warning(crate::tr!(
                    "import-no-steps",
                    name = name,
                    sheet = sheet.name
                )));
                continue;
            }
            let mut todo = Todo::default();
            let (sop, summary) = import_one(&workbook, &located, &file_name, &mut todo);
            let fallback =
                if workbook.sheets.len() > 1 { format!("{stem}-{}", located.procedure) } else { stem.clone() };
            let stem = sop.nama().map(file_stem).unwrap_or(fallback);
            found.push((stem, sop, todo, format!("{name}: {summary}")));
        }
    }
    if outcome.diagnostics.has_errors() {
        outcome.summaries = found.iter().map(|(_, _, todo, summary)| todo.render(summary, None)).collect();
        return Ok(outcome);
    }
    let out_dir = options.out.clone().unwrap_or_else(default_out);
    let mut planned: Vec<(PathBuf, String)> = Vec::new();
    for (stem, sop, mut todo, summary) in found {
        let mut target = out_dir.join(format!("{stem}.yaml"));
        let mut n = 2;
        while planned.iter().any(|(p, _)| *p == target) {
            target = out_dir.join(format!("{stem}-{n}.yaml"));
            n += 1;
        }
        let yaml = sop.to_yaml();
        todo.to_fill.extend(to_fill_in(&target, &yaml));
        todo.to_fill.extend(self_check(&target, &yaml));
        outcome.summaries.push(todo.render(&summary, Some(&target)));
        if target.exists() && !options.force {
            outcome.diagnostics.push(
                Diagnostic::error(crate::tr!("import-exists", file = target.display()))
                    .with_hint(crate::tr!("import-exists-hint")),
            );
        }
        planned.push((target, yaml));
    }
    if outcome.diagnostics.has_errors() {
        return Ok(outcome);
    }
    for (target, yaml) in planned {
        crate::util::fs::write_atomic(&target, yaml.as_bytes())?;
        outcome.written.push(target);
    }
    Ok(outcome)
}

/// Opens a workbook; a panic inside the spreadsheet readers comes back as
/// its payload, without the default hook printing it as a crash.
fn open_guarded(path: &Path, name: &str) -> std::thread::Result<Result<Workbook, Diagnostic>> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| workbook::open(path, name));
    std::panic::set_hook(hook);
    result
}

fn default_out() -> PathBuf {
    if Path::new("sops").is_dir() { PathBuf::from("sops") } else { PathBuf::from(".") }
}

/// The lines of the written definition the workbook left empty or
/// incomplete (their comment says so), each with its key.
fn to_fill_in(target: &Path, yaml: &str) -> Vec<String> {
    yaml.lines()
        .enumerate()
        .filter(|(_, line)| line.ends_with(MISSING) || line.contains(definition::PARTIAL))
        .map(|(i, line)| {
            let key = line.split(':').next().unwrap_or_default().trim();
            let why = line.split_once("  # ").map_or("", |(_, comment)| comment);
            crate::tr!("import-todo-line", file = target.display(), line = i + 1, key = key, why = why)
        })
        .collect()
}

/// Parses and validates the definition as `sopkit check` will; what it
/// finds, beyond the lines `to_fill_in` lists, is reported at the written
/// file's line and column.
fn self_check(target: &Path, yaml: &str) -> Vec<String> {
    let file = SourceFile::new(target.display().to_string(), target, yaml);
    let mut diagnostics = Diagnostics::default();
    match parse_yaml::<SopDef>(file) {
        Ok(doc) => {
            crate::validate::validate_sop(&doc, &mut diagnostics);
        }
        Err(error) => diagnostics.push(error),
    }
    // Style warnings (a step not starting with a verb) are `check`'s to
    // give; only what would fail it is reported here.
    diagnostics
        .0
        .into_iter()
        .filter(Diagnostic::is_error)
        // Values the workbook lacked are listed already.
        .filter(|d| {
            let line = d.position().map_or(0, |(_, line, _)| line);
            !yaml
                .lines()
                .nth(line.saturating_sub(1))
                .is_some_and(|l| l.ends_with(MISSING) || l.contains(definition::PARTIAL))
        })
        .map(|d| match d.position() {
            Some((file, line, column)) => {
                crate::tr!("import-to-fix", message = format!("{file}:{line}:{column}: {}", d.message))
            }
            None => crate::tr!("import-to-fix", message = d.message),
        })
        .collect()
}

/// Where one SOP stands in a workbook.
struct Located {
    /// Sheet of the identity part (may be the procedure's own) and its rows.
    identity: Option<(usize, std::ops::Range<u32>)>,
    procedure: usize,
    header: Header,
    /// The rows of the procedure's sheet that are this SOP's (a sheet may
    /// hold several).
    rows: std::ops::Range<u32>,
}

/// Finds the SOPs of a workbook: every sheet with a procedure table is one,
/// its identity above the table or on an identity-only sheet (taken in
/// order).
fn locate(workbook: &Workbook, name: &str, diagnostics: &mut Diagnostics) -> Vec<Located> {
    let mut procedures: Vec<(usize, Header, u32)> = Vec::new();
    let mut identity_sheets = Vec::new();
    let mut unusable = Vec::new();
    for (index, sheet) in workbook.sheets.iter().enumerate() {
        let headers = procedure::find_headers(sheet);
        if headers.is_empty() {
            if identity::label_count(sheet, 0..MAX_ROWS) >= 2 {
                identity_sheets.push(index);
            } else if !sheet.cells.is_empty() {
                diagnostics.push(Diagnostic::warning(crate::tr!(
                    "import-sheet-skipped",
                    name = name,
                    sheet = sheet.name
                )));
            }
            continue;
        }
        // Where each table's identity may start: the top of the sheet, or
        // where the table before it ends.
        let mut from = 0;
        for header in headers {
            match header {
                Ok(header) => {
                    let next_from = header.end.unwrap_or(u32::MAX);
                    procedures.push((index, header, from));
                    from = next_from;
                }
                Err(((r, c), message)) => unusable.push(format!("{name}: {}: {message}", sheet.at(r, c))),
            }
        }
    }
    // A header that cannot be used stops the import only when no table
    // can; beside good ones it is a sheet left out, with a word.
    for message in unusable {
        diagnostics.push(if procedures.is_empty() { Diagnostic::error(message) } else { Diagnostic::warning(message) });
    }
    let mut spare = identity_sheets.into_iter().peekable();
    let mut located = Vec::new();
    for (index, header, from) in procedures {
        // Labels above the table are its identity, unless there are only
        // one or two stray ones and an identity sheet is waiting.
        let above = identity::label_count(&workbook.sheets[index], from..header.row);
        let own = above >= 2 || (above == 1 && spare.peek().is_none());
        let identity = if own { Some((index, from..header.row)) } else { spare.next().map(|i| (i, 0..MAX_ROWS)) };
        let rows = from..header.end.unwrap_or(u32::MAX);
        located.push(Located { identity, procedure: index, header, rows });
    }
    for index in spare {
        diagnostics.push(Diagnostic::warning(crate::tr!(
            "import-identity-alone",
            name = name,
            sheet = workbook.sheets[index].name
        )));
    }
    located
}

/// Reads one SOP. What the clerk must look at goes to `todo`; returns the
/// definition and a summary line.
fn import_one(workbook: &Workbook, located: &Located, file_name: &str, todo: &mut Todo) -> (Imported, String) {
    let sheet = &workbook.sheets[located.procedure];
    let header = &located.header;
    let mut used = Used::default();
    let mut sop = Imported::default();
    let at = |on: &Sheet, (r, c): (u32, u32), message: &str| format!("{}: {message}", on.at(r, c));

    // Identity.
    let mut identity = identity::IdentityReading::default();
    let mut sheets_read = vec![located.procedure];
    if let Some((index, rows)) = &located.identity {
        let on = &workbook.sheets[*index];
        identity = identity::read(on, rows.clone(), &mut used, &mut sop);
        for (cell, problem) in &identity.problems {
            todo.to_fill.push(at(on, *cell, problem));
        }
        for (cell, written, field) in &identity.read_as {
            todo.guessed.push(at(on, *cell, &crate::tr!("import-read-as", written = written, label = field.label())));
        }
        for (cell, guess) in &identity.guesses {
            todo.guessed.push(at(on, *cell, guess));
        }
        if *index != located.procedure {
            sheets_read.insert(0, *index);
        }
    }

    // Procedure table.
    for (r, c) in procedure::header_cells(sheet, header) {
        used.take(sheet, r, c);
    }
    for read in &header.read_as {
        let message = crate::tr!("import-read-as", written = read.written, label = read.column.label());
        todo.guessed.push(at(sheet, read.cell, &message));
    }
    for (cell, text) in &header.unplaced {
        let looked_for = procedure::COLUMNS.iter().map(|(c, _)| c.label()).collect::<Vec<_>>().join(", ");
        todo.left.push(at(sheet, *cell, &crate::tr!("import-header-unplaced", text = text, labels = looked_for)));
    }
    let (raw, after) = procedure::read_steps(sheet, header, &mut used);
    for (label, _) in &header.actors {
        let id = lane_id(label, &sop.pelaksana);
        sop.pelaksana.push((id, label.clone()));
    }
    let drawn = match &sheet.drawing {
        Some(drawing) if drawing.shapes.iter().any(|s| s.kind.is_symbol()) => {
            let reading = flowchart::read(drawing, sheet, header, &raw, &mut used);
            for (cell, problem) in &reading.problems {
                todo.guessed.push(at(sheet, *cell, problem));
            }
            for (cell, what) in &reading.unplaced {
                todo.left.push(at(sheet, *cell, &crate::tr!("import-not-imported", what = what)));
            }
            Some(reading.steps)
        }
        _ => None,
    };
    sop.langkah = steps(&raw, header, drawn.as_deref(), &sop.pelaksana, sheet, &mut used, |cell, problem| {
        todo.guessed.push(at(sheet, cell, problem))
    });

    // The signature under the table stands for "Disahkan oleh" when the
    // identity gave none.
    let mut notes = Vec::new();
    if let Some((signer, cell)) = procedure::footer_signer(sheet, after, located.rows.end, &mut used)
        && sop.identity.disahkan_oleh.is_none()
    {
        notes.push(crate::tr!("import-signer-from", at = sheet.at(cell.0, cell.1)));
        sop.identity.disahkan_oleh = Some(signer);
    }
    // Titles above the table ("STANDARD OPERATIONAL PROCEDURES (SOP) ...").
    for r in located.rows.start..header.row {
        for (c, text) in sheet.row(r) {
            if !used.contains(sheet, r, c) && identity::is_title(&text) {
                identity.titles.push(text);
                used.take(sheet, r, c);
            }
        }
    }
    // A title row that repeats the SOP's name ("PENYUSUNAN PUBLIKASI
    // STATISTIK" over the table) is the name, read already.
    if let Some(nama) = sop.nama().map(crate::util::text::normalise) {
        for r in located.rows.start..header.row {
            for (c, text) in sheet.row(r) {
                if !used.contains(sheet, r, c) && crate::util::text::normalise(&text) == nama {
                    used.take(sheet, r, c);
                }
            }
        }
    }
    if sop.nama().is_none() {
        let from_title = identity.titles.iter().find_map(|t| title_name(t));
        if let Some(nama) = from_title {
            notes.push(crate::tr!("import-name-from-title"));
            sop.identity.nama = nama;
            sop.found("nama");
            identity.found.insert(Field::Nama);
        }
    }
    // A required field the workbook lacks is listed by the written file's
    // line (`to_fill_in`), where the clerk fills it in.

    // Everything else is reported.
    let mut left = header.unplaced.len();
    for &index in &sheets_read {
        let on = &workbook.sheets[index];
        for (&(r, c), data) in &on.cells {
            let others = index == located.procedure && !located.rows.contains(&r);
            if used.contains(on, r, c) || others {
                continue;
            }
            left += 1;
            if left <= LEFT_BEHIND_LISTED {
                let text: String = crate::util::text::squash(&data.to_string()).chars().take(60).collect();
                todo.left.push(at(on, (r, c), &crate::tr!("import-not-imported", what = format!("`{text}`"))));
            }
        }
    }
    if left > LEFT_BEHIND_LISTED {
        todo.left.push(crate::tr!("import-more-left", count = left - LEFT_BEHIND_LISTED));
    }

    let sheet_names: Vec<String> = sheets_read.iter().map(|&i| format!("`{}`", workbook.sheets[i].name)).collect();
    sop.header.push(crate::tr!("import-header-from", file = file_name, sheets = sheet_names.join(", ")));
    if !identity.kop.is_empty() {
        sop.header.push(crate::tr!("import-header-kop", kop = identity.kop.join(" / ")));
        sop.header.push(crate::tr!("import-header-unit"));
    }
    let decisions = sop.langkah.iter().filter(|s| !s.decision.is_empty()).count();
    let how = if drawn.is_some() { crate::tr!("import-from-shapes") } else { crate::tr!("import-from-marks") };
    let mut summary = crate::tr!(
        "import-summary",
        sheet = sheet.name,
        sop = sop.nama().map_or_else(|| crate::tr!("import-no-name"), str::to_owned),
        steps = sop.langkah.len(),
        actors = sop.pelaksana.len(),
        decisions = decisions,
        how = how,
        found = identity.found.len(),
        left = left,
    );
    for note in notes {
        summary.push_str("; ");
        summary.push_str(&note);
    }
    (sop, summary)
}

/// "STANDARD OPERATIONAL PROCEDURES (SOP) MANAJEMEN RISIKO ..." -> the name.
fn title_name(title: &str) -> Option<String> {
    let (_, rest) = title.split_once("(SOP)")?;
    let rest = rest.trim();
    (!rest.is_empty()).then(|| rest.to_owned())
}

/// A decision's exits labelled as most sheets do.
fn yes_no(ya: usize, tidak: usize) -> Vec<(String, usize)> {
    vec![("Ya".to_owned(), ya), ("Tidak".to_owned(), tidak)]
}

/// Why a decision's exits (1-based targets) at step `at` of `n` cannot be
/// written as `check` would accept them, if so: the rules of
/// `validate::sop` on exits, said here per cell before the YAML exists.
fn undrawable(exits: &[(String, usize)], at: usize, n: usize) -> Option<String> {
    let targets: BTreeSet<usize> = exits.iter().map(|&(_, t)| t).collect();
    if exits.iter().any(|&(_, t)| !(1..=n).contains(&t)) {
        Some(crate::tr!("import-branch-missing"))
    } else if targets.contains(&at) {
        Some(crate::tr!("import-branch-self"))
    } else if targets.len() < exits.len() {
        Some(crate::tr!("import-branch-same"))
    } else if exits.len() > crate::validate::MAX_EXITS {
        Some(crate::tr!("import-branch-many"))
    } else {
        None
    }
}

/// Builds the steps: the actor from the drawn symbol or the cell mark, the
/// flow from the drawing or from branches written in Keterangan.
fn steps(
    raw: &[RawStep],
    header: &Header,
    drawn: Option<&[flowchart::Drawn]>,
    lanes: &[(String, String)],
    sheet: &Sheet,
    used: &mut Used,
    problem: impl FnMut((u32, u32), &str),
) -> Vec<Step> {
    let renumbered = first_renumbered(raw);
    let mut reader = StepReader { raw, header, drawn, lanes, sheet, used, problem, renumbered: renumbered.is_some() };
    if let Some(i) = renumbered {
        reader.report_renumbering(i);
    }
    let out: Vec<Step> = raw.iter().enumerate().map(|(i, step)| reader.step(i, step)).collect();
    reader.report_unreached_mentions(&out);
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
        let mut decision =
            if self.drawn.is_some() { drawn.decision } else { self.written_branches(i, step, marks.decider) };
        let n = self.raw.len();
        if let Some(why) = undrawable(&decision, i + 1, n) {
            self.problem(step.cell, &crate::tr!("import-as-process", step = i + 1, why = why));
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
                    step = i + 1,
                    symbol = self.lanes[actor].1,
                    mark = self.lanes[other.actor].1
                );
                self.problem(other.cell, &message);
            }
            return drawn_actors;
        }
        let Some(first) = marks.first().map(|m| m.actor) else {
            self.problem(step.cell, &crate::tr!("import-no-mark", step = i + 1, actor = self.lanes[0].1));
            return vec![0];
        };
        let distinct: BTreeSet<usize> = marks.iter().map(|m| m.actor).collect();
        if self.drawn.is_some() && distinct.len() > 1 {
            let names: Vec<&str> = distinct.iter().map(|&a| self.lanes[a].1.as_str()).collect();
            let message = crate::tr!(
                "import-marks-no-symbol",
                step = i + 1,
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
    fn written_branches(&mut self, i: usize, step: &RawStep, decider: Option<usize>) -> Vec<(String, usize)> {
        let labelled: Vec<(String, usize)> = procedure::labelled_branches_in(&step.keterangan)
            .into_iter()
            .map(|(label, t)| (label, self.position(t).unwrap_or(0)))
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
                self.problem(step.cell, &crate::tr!("import-decision-no-tidak", step = i + 1));
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
                    step = i + 1,
                    words = words,
                    target = j + 1,
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
        let message =
            crate::tr!("import-decision-joint", step = i + 1, names = names.join(", "), used = self.lanes[kept].1);
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
                .map(|&(_, t)| t)
                .chain(made.lanjut.iter().copied())
                .chain((made.decision.is_empty() && made.lanjut.is_empty()).then_some(i + 2))
                .collect();
            let mentioned = procedure::steps_mentioned(&format!("{}\n{}", step.kegiatan, step.keterangan));
            for written in mentioned {
                let Some(target) = self.position(written) else { continue };
                if target != i + 1 && !reached.contains(&target) {
                    self.problem(step.cell, &crate::tr!("import-mention-no-branch", step = i + 1, target = written));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exits_check_would_refuse_are_not_written() {
        let exits = |targets: &[usize]| -> Vec<(String, usize)> {
            targets.iter().enumerate().map(|(k, &t)| (format!("L{k}"), t)).collect()
        };
        // At step 3 of 9.
        assert_eq!(undrawable(&exits(&[4, 1]), 3, 9), None);
        assert_eq!(undrawable(&exits(&[4, 1, 7]), 3, 9), None);
        assert!(undrawable(&exits(&[4, 12]), 3, 9).unwrap().contains("does not exist"));
        assert!(undrawable(&exits(&[4, 3]), 3, 9).unwrap().contains("itself"));
        assert!(undrawable(&exits(&[5, 5]), 3, 9).unwrap().contains("same step"));
        assert_eq!(undrawable(&exits(&[5, 2, 7, 9]), 3, 9), None, "four exits, three away from the next step");
        assert!(undrawable(&exits(&[4, 2, 7, 9, 1]), 3, 9).unwrap().contains("at most four"));
    }

    /// A table with a Staf and a Kabid column (2 and 3) and one step per
    /// row from row 1, each marked in the columns given.
    fn marked_table(marks: &[&[u32]]) -> (Header, Vec<RawStep>) {
        let header = Header {
            row: 0,
            body: 1,
            no: None,
            kegiatan: 1,
            actors: vec![("Staf".to_owned(), vec![2]), ("Kabid".to_owned(), vec![3])],
            actor_span: 2..4,
            kelengkapan: None,
            waktu: None,
            output: None,
            keterangan: None,
            read_as: Vec::new(),
            unplaced: Vec::new(),
            end: None,
        };
        let raw = marks
            .iter()
            .enumerate()
            .map(|(i, columns)| {
                let row = i as u32 + 1;
                RawStep {
                    rows: row..row + 1,
                    kegiatan: "Mengerjakan tugas".to_owned(),
                    kelengkapan: String::new(),
                    waktu: String::new(),
                    output: String::new(),
                    keterangan: String::new(),
                    marks: columns.iter().map(|&c| (row, c, "v".to_owned())).collect(),
                    cell: (row, 1),
                    written: None,
                    guesses: Vec::new(),
                }
            })
            .collect();
        (header, raw)
    }

    /// The steps' actors, and the problems said at their cells.
    fn actors_read(marks: &[&[u32]], drawn: Option<&[flowchart::Drawn]>) -> (Vec<Vec<String>>, Vec<Problem>) {
        let (header, raw) = marked_table(marks);
        let lanes = [("staf".to_owned(), "Staf".to_owned()), ("kabid".to_owned(), "Kabid".to_owned())];
        let mut problems = Vec::new();
        let sheet = Sheet::new("SOP");
        let read = steps(&raw, &header, drawn, &lanes, &sheet, &mut Used::default(), |cell, problem| {
            problems.push((cell, problem.to_owned()))
        });
        (read.into_iter().map(|s| s.pelaksana).collect(), problems)
    }

    #[test]
    fn actors_come_from_the_drawn_symbols_else_from_the_marks() {
        // Without a drawing, marks in two columns are a step done together.
        let (actors, problems) = actors_read(&[&[2, 3], &[3], &[]], None);
        assert_eq!(actors, [vec!["staf", "kabid"], vec!["kabid"], vec!["staf"]]);
        let no_mark = "step 3: no mark or symbol in any actor column; assigned to `Staf`";
        assert_eq!(problems, [((3, 1), no_mark.to_owned())]);
        // With one, the symbol decides over a mark, and marks alone in two
        // columns are taken as stray.
        let symbol = |actor: usize| flowchart::Drawn {
            symbols: vec![flowchart::DrawnSymbol { kind: drawing::Kind::Process, actor }],
            ..flowchart::Drawn::default()
        };
        let drawn = [symbol(0), flowchart::Drawn::default()];
        let (actors, problems) = actors_read(&[&[3], &[2, 3]], Some(&drawn));
        assert_eq!(actors, [vec!["staf"], vec!["staf"]]);
        let against = "step 1: the symbol stands in `Staf`'s column but this cell marks `Kabid`; the symbol is used";
        let stray = "step 2 has no symbol and is marked for Staf, Kabid; `Staf` is used";
        assert_eq!(problems, [((1, 3), against.to_owned()), ((2, 1), stray.to_owned())]);
    }
}
