//! `sopkit import`: legacy SOP workbooks (.xlsx, .xls, .ods) into
//! definitions. The pipeline: load the workbook (`workbook`, `drawing`),
//! find each SOP's identity and procedure table (`identity`, `procedure`),
//! read the drawn flowchart back into a flow (`flowchart`), assemble the
//! definition and check it as `sopkit check` would, then write it
//! (`definition`) without ever overwriting one unless asked. Everything the
//! reader could not place is reported with its sheet and cell.

pub mod definition;
pub mod docx;
pub mod drawing;
pub mod flowchart;
pub mod identity;
pub mod labels;
pub mod limits;
pub mod pdf;
pub mod procedure;
mod step_reader;
pub mod workbook;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use definition::{Imported, lane_id};
use identity::Field;
use limits::MAX_ROWS;
use procedure::Header;
use step_reader::steps;
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
    for path in &documents(&options.files, &mut outcome.diagnostics)? {
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
    // Each nomor and the definition holding it: those already in the
    // folder (not overwritten), then each one planned.
    let mut numbered: Vec<(String, PathBuf)> = existing_numbers(&out_dir);
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
        let nomor = sop.identity.nomor.trim();
        if !sop.missing.contains("nomor") && !nomor.is_empty() {
            if let Some((_, other)) = numbered.iter().find(|(n, other)| n == nomor && *other != target) {
                let message =
                    crate::tr!("import-same-nomor", file = target.display(), nomor = nomor, other = other.display());
                todo.to_fill.push(message);
            }
            numbered.push((nomor.to_owned(), target.clone()));
        }
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

/// The nomor of each definition already in `dir` (its top-level `nomor:`
/// or `nomor =` line).
fn existing_numbers(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut numbers: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "yml" || e == "toml"))
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let line = text.lines().find(|l| l.starts_with("nomor:") || l.starts_with("nomor ="))?;
            let value = line.split_once([':', '=']).map(|(_, v)| v)?;
            let value = value.split(" #").next().unwrap_or_default().trim().trim_matches(['"', '\'']);
            (!value.is_empty()).then(|| (value.to_owned(), path))
        })
        .collect();
    numbers.sort();
    numbers
}

/// Reads one document into the sheets the readers after loading share.
type Reader = fn(&Path, &str) -> Result<Workbook, Diagnostic>;

/// The documents `sopkit import` reads, by extension (lower case), and
/// their readers. A folder is walked for these, so a new kind is one entry.
const READERS: &[(&str, Reader)] = &[
    ("xlsx", workbook::open),
    ("xls", workbook::open),
    ("ods", workbook::open),
    ("docx", docx::open),
    ("pdf", pdf::open),
];

/// Word 97-2003: not read, but named with the way to a .docx.
const WORD_97: &str = "doc";

fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// Opens a document by the reader of its kind; a file named on the
/// command line whatever its extension is tried as a workbook (the
/// spreadsheet reader knows a workbook by its bytes). A panic inside a
/// reader comes back as its payload, without the default hook printing
/// it as a crash.
fn open_guarded(path: &Path, name: &str) -> std::thread::Result<Result<Workbook, Diagnostic>> {
    let kind = extension(path);
    if kind == WORD_97 {
        return Ok(Err(Diagnostic::error(crate::tr!("import-word-97", name = name))
            .with_hint(crate::tr!("import-word-97-hint", name = name))));
    }
    let open = READERS.iter().find(|(known, _)| *known == kind).map_or(workbook::open as Reader, |&(_, open)| open);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| open(path, name));
    std::panic::set_hook(hook);
    result
}

/// The documents to read: files as named, folders walked in name order
/// for the kinds `READERS` holds (and Word 97-2003 files, to say how to
/// convert them); every other file of a folder is named as skipped, in
/// one line per folder.
fn documents(paths: &[PathBuf], diagnostics: &mut Diagnostics) -> Result<Vec<PathBuf>, EnvError> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let mut skipped = Vec::new();
        let before = out.len();
        // Hidden folders (.git) and files are no one's documents.
        let hidden =
            |entry: &walkdir::DirEntry| entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
        for entry in walkdir::WalkDir::new(path).sort_by_file_name().into_iter().filter_entry(|e| !hidden(e)) {
            let entry = entry.map_err(|e| {
                let at = e.path().unwrap_or(path).to_owned();
                EnvError::io("cannot read", &at, e.into())
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let kind = extension(entry.path());
            // Excel's lock file beside an open workbook (~$name.xlsx).
            let lock = entry.file_name().to_string_lossy().starts_with("~$");
            if !lock && (kind == WORD_97 || READERS.iter().any(|(known, _)| *known == kind)) {
                out.push(entry.into_path());
            } else {
                skipped.push(entry.path().strip_prefix(path).unwrap_or(entry.path()).display().to_string());
            }
        }
        let kinds = READERS.iter().map(|(kind, _)| format!(".{kind}")).collect::<Vec<_>>().join(", ");
        if !skipped.is_empty() {
            diagnostics.push(Diagnostic::warning(crate::tr!(
                "import-skipped",
                folder = path.display(),
                count = skipped.len(),
                files = skipped.join(", "),
                kinds = &kinds
            )));
        }
        if out.len() == before {
            diagnostics.push(Diagnostic::error(crate::tr!(
                "import-folder-empty",
                folder = path.display(),
                kinds = kinds
            )));
        }
    }
    Ok(out)
}

fn default_out() -> PathBuf {
    if Path::new("sops").is_dir() { PathBuf::from("sops") } else { PathBuf::from(".") }
}

/// The lines of the written definition the workbook left empty or
/// incomplete (their comment says so), each with its key.
fn to_fill_in(target: &Path, yaml: &str) -> Vec<String> {
    let (missing, partial) = (definition::missing(), definition::partial());
    yaml.lines()
        .enumerate()
        .filter(|(_, line)| line.ends_with(&missing) || line.contains(&partial))
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
    let (missing, partial) = (definition::missing(), definition::partial());
    diagnostics
        .0
        .into_iter()
        .filter(Diagnostic::is_error)
        // Values the workbook lacked are listed already.
        .filter(|d| {
            let line = d.position().map_or(0, |(_, line, _)| line);
            !yaml.lines().nth(line.saturating_sub(1)).is_some_and(|l| l.ends_with(&missing) || l.contains(&partial))
        })
        .map(|d| {
            let mut message = match d.position() {
                Some((file, line, column)) => format!("{file}:{line}:{column}: {}", d.message),
                None => d.message.clone(),
            };
            // The fix `check` suggests, as it will print it.
            for hint in &d.hints {
                message.push_str("; ");
                message.push_str(&format!("{}: {hint}", crate::tr!("severity-hint")));
            }
            crate::tr!("import-to-fix", message = message)
        })
        .collect()
}

/// Where one SOP stands in a workbook.
struct Located {
    /// Sheet of the identity part (may be the procedure's own) and its rows.
    identity: Option<(usize, std::ops::Range<u32>)>,
    /// Identity-only sheets that go on with it (fields it lacks: a Word
    /// document's identity in two tables).
    identity_more: Vec<usize>,
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
        // The identity sheets right after it, before the table, that label
        // only fields it lacks go on with it.
        let mut identity_more = Vec::new();
        if let Some((first, _)) = identity.as_ref().filter(|_| !own) {
            let mut fields = identity::labels(&workbook.sheets[*first], 0..MAX_ROWS);
            let mut last = *first;
            while let Some(&next) = spare.peek().filter(|&&next| next == last + 1 && next < index) {
                let more = identity::labels(&workbook.sheets[next], 0..MAX_ROWS);
                if !more.is_disjoint(&fields) {
                    break;
                }
                fields.extend(more);
                identity_more.push(next);
                last = next;
                spare.next();
            }
        }
        let rows = from..header.end.unwrap_or(u32::MAX);
        located.push(Located { identity, identity_more, procedure: index, header, rows });
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
    let more = located.identity_more.iter().map(|&index| (index, 0..MAX_ROWS));
    for (index, rows) in located.identity.clone().into_iter().chain(more) {
        let on = &workbook.sheets[index];
        let part = identity::read(on, rows, &mut used, &mut sop);
        for (cell, problem) in &part.problems {
            todo.to_fill.push(at(on, *cell, problem));
        }
        for (cell, written, field) in &part.read_as {
            todo.guessed.push(at(on, *cell, &crate::tr!("import-read-as", written = written, label = field.label())));
        }
        for (cell, guess) in &part.guesses {
            todo.guessed.push(at(on, *cell, guess));
        }
        if index != located.procedure {
            sheets_read.insert(sheets_read.len() - 1, index);
        }
        identity.found.extend(part.found);
        identity.kop.extend(part.kop);
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
            for (cell, cut) in &reading.cut {
                todo.to_fill.push(at(sheet, *cell, cut));
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
    // Without a "Nama SOP" label, a title row names the SOP: above the
    // table, else on the identity's own sheet.
    let mut title_places = vec![(sheet, located.rows.start..header.row)];
    if let Some((index, rows)) = located.identity.as_ref().filter(|(index, _)| *index != located.procedure) {
        title_places.push((&workbook.sheets[*index], rows.clone()));
    }
    if sop.nama().is_none()
        && let Some((on, (cell, nama))) =
            title_places.into_iter().find_map(|(on, rows)| title_row(on, rows, &used).map(|found| (on, found)))
    {
        todo.guessed.push(at(on, cell, &crate::tr!("import-name-from-title", nama = &nama)));
        used.take(on, cell.0, cell.1);
        sop.identity.nama = nama;
        sop.found("nama");
        identity.found.insert(Field::Nama);
    }
    // A required field the workbook lacks is listed by the written file's
    // line (`to_fill_in`), where the clerk fills it in.

    // Everything else is reported.
    let mut left = header.unplaced.len();
    for &index in &sheets_read {
        let on = &workbook.sheets[index];
        for (&(r, c), data) in &on.cells {
            let others = index == located.procedure && !located.rows.contains(&r);
            if used.contains(on, r, c) || others || names_the_sop(&data.to_string(), &sop.identity.nama) {
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
    let decisions = sop
        .langkah
        .iter()
        .map(|s| usize::from(!s.decision.is_empty()) + s.simbol.iter().filter(|c| !c.exits.is_empty()).count())
        .sum::<usize>();
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

/// The first title row in `rows` of a sheet that names an SOP: a row of
/// one text that is a title ("STANDAR OPERASIONAL PROSEDUR (SOP) ..."
/// gives what follows), or a few words that are no kop line, no label
/// and no value ("PENERBITAN REKOMENDASI IZIN PENELITIAN"). Its cell and
/// the name as written.
fn title_row(sheet: &Sheet, rows: std::ops::Range<u32>, used: &Used) -> Option<((u32, u32), String)> {
    rows.take(MAX_ROWS as usize).find_map(|r| {
        let mut cells = sheet.row(r).filter(|(_, text)| !text.trim().is_empty());
        let ((c, text), None) = (cells.next()?, cells.next()) else { return None };
        let text = crate::util::text::squash(&text);
        let name = if identity::is_title(&text) {
            title_name(&text)?
        } else {
            let words = text.split_whitespace().count();
            let plain = !used.contains(sheet, r, c)
                && (2..=20).contains(&words)
                && text.chars().any(char::is_alphabetic)
                && !text.contains(':')
                && !identity::is_kop_line(&text)
                && identity::field_of(&text).is_none();
            plain.then_some(text)?
        };
        Some(((r, c), name))
    })
}

/// Whether a cell only repeats the SOP's name, as a title over a page of
/// its table does ("PROSEDUR: PENERUSAN SURAT MASUK"): nothing is lost by
/// leaving it out.
fn names_the_sop(text: &str, nama: &str) -> bool {
    let normalise = crate::util::text::normalise;
    let text = crate::util::text::squash(text);
    let rest =
        text.split_once(':').filter(|(title, _)| normalise(title) == "prosedur").map_or(&*text, |(_, rest)| rest);
    let named = title_name(rest).unwrap_or_else(|| rest.to_owned());
    !nama.trim().is_empty() && normalise(&named) == normalise(nama)
}

/// "STANDARD OPERATIONAL PROCEDURES (SOP) MANAJEMEN RISIKO", "STANDAR
/// OPERASIONAL PROSEDUR PELAYANAN IZIN" -> the words after the title's.
fn title_name(title: &str) -> Option<String> {
    const TITLES: [&str; 5] = [
        "standaroperasionalprosedur",
        "standardoperationalprocedure",
        "standardoperationalprocedures",
        "prosedurtetap",
        "sop",
    ];
    let words: Vec<&str> = title.split_whitespace().collect();
    let mut key = String::new();
    let mut start = 0;
    for (i, word) in words.iter().enumerate().take(4) {
        key.push_str(&crate::util::text::normalise(word));
        if TITLES.contains(&key.as_str()) {
            start = i + 1;
        }
    }
    while words.get(start).is_some_and(|w| crate::util::text::normalise(w) == "sop") {
        start += 1;
    }
    let rest = words[start..].join(" ");
    let rest = rest.trim_start_matches(['-', '–', ':']).trim();
    (!rest.is_empty()).then(|| rest.to_owned())
}

#[cfg(test)]
mod tests {
    use super::procedure::RawStep;
    use super::procedure::kept_numbers;
    use super::step_reader::undrawable;
    use super::*;

    #[test]
    fn a_title_names_the_sop_by_the_words_after_the_title() {
        let name = |title: &str| title_name(title);
        assert_eq!(name("STANDARD OPERATIONAL PROCEDURES (SOP) MANAJEMEN RISIKO").as_deref(), Some("MANAJEMEN RISIKO"));
        assert_eq!(name("STANDAR OPERASIONAL PROSEDUR PELAYANAN IZIN USAHA").as_deref(), Some("PELAYANAN IZIN USAHA"));
        assert_eq!(name("SOP - Pengelolaan Arsip").as_deref(), Some("Pengelolaan Arsip"));
        assert_eq!(name("STANDAR OPERASIONAL PROSEDUR (SOP)"), None, "a title alone names nothing");
    }

    #[test]
    fn a_title_repeating_the_sops_name_is_no_lost_text() {
        assert!(names_the_sop("PROSEDUR: PENERUSAN SURAT MASUK", "Penerusan Surat Masuk"));
        assert!(names_the_sop("SOP Penerusan Surat  Masuk", "Penerusan Surat Masuk"));
        assert!(!names_the_sop("PROSEDUR: PENERUSAN SURAT KELUAR", "Penerusan Surat Masuk"));
        assert!(!names_the_sop("Catatan: Penerusan Surat Masuk", "Penerusan Surat Masuk"));
        assert!(!names_the_sop("", ""));
    }

    #[test]
    fn exits_check_would_refuse_are_not_written() {
        let exits = |targets: &[usize]| -> Vec<(Option<String>, Vec<usize>)> {
            targets.iter().enumerate().map(|(k, &t)| (Some(format!("L{k}")), vec![t])).collect()
        };
        // At step 3 of 9.
        assert_eq!(undrawable(&exits(&[4, 1]), 3, 9), None);
        assert_eq!(undrawable(&exits(&[4, 1, 7]), 3, 9), None);
        assert!(undrawable(&exits(&[4, 12]), 3, 9).unwrap().contains("does not exist"));
        assert!(undrawable(&exits(&[4, 3]), 3, 9).unwrap().contains("itself"));
        // Two labelled exits may lead to one step; not ya and tidak, nor
        // an exit without a label.
        assert_eq!(undrawable(&exits(&[5, 5]), 3, 9), None);
        let ya_tidak = [(Some("Ya".to_owned()), vec![5]), (Some("Tidak".to_owned()), vec![5])];
        assert!(undrawable(&ya_tidak, 3, 9).unwrap().contains("same step"));
        assert!(
            undrawable(&[(None, vec![5]), (Some("Lengkap".to_owned()), vec![5])], 3, 9).unwrap().contains("same step")
        );
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

    #[test]
    fn sub_row_numbers_are_kept_and_gaps_renumbered() {
        let kept = |written: &[&str]| {
            let (_, mut raw) = marked_table(&vec![&[2][..]; written.len()]);
            for (step, w) in raw.iter_mut().zip(written) {
                step.written = Some((*w).to_owned());
            }
            kept_numbers(&raw)
        };
        let nomor = |n: &str| Some(n.to_owned());
        assert_eq!(
            kept(&["1", "2", "2a", "3", "3.1", "4"]),
            Some(vec![None, None, nomor("2a"), None, nomor("3.1"), None])
        );
        assert_eq!(kept(&["1", "2", "3"]), None, "counted 1 to n: nothing to keep");
        assert_eq!(kept(&["1", "2", "2a", "4"]), None, "a gap");
        assert_eq!(kept(&["1", "2", "2a", "2a", "3"]), None, "a repeat");
        assert_eq!(kept(&["1", "2a", "3"]), None, "a sub-row of no step");
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
