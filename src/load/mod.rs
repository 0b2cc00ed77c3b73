//! Stage 1, load: find the project, read `sopkit.toml` and every definition
//! under `sops/` (YAML or TOML, sub-folders too) into typed values, each
//! with its source text and a map from paths back to bytes.

pub mod limits;
pub mod monev_sheet;
mod ods_guard;
pub mod shared;
mod source_map;
pub mod spreadsheet;
mod xls_guard;
pub mod yaml_help;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, EnvError, SourceFile};
use crate::model::ledger::LEDGER_FILE;
use crate::model::{DecreeDef, Kriterium, Ledger, MonevDef, ProjectConfig, SopDef};
pub use source_map::{DocPath, SourceMap};
use spreadsheet::ListedSop;

/// A parsed document with the text it came from.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub file: SourceFile,
    pub map: SourceMap,
    pub value: T,
}

impl<T> Loaded<T> {
    /// An error pointing at the value found at `path`.
    pub fn error_at(&self, path: &DocPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message).at(&self.file, self.map.value(path))
    }

    pub fn warning_at(&self, path: &DocPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(message).at(&self.file, self.map.value(path))
    }
}

/// One SOP definition file.
#[derive(Debug, Clone)]
pub struct SopSource {
    /// The definition's path under `sops/` without its extension
    /// (`sops/a/b.yaml` -> `a/b`), with `/` separators.
    pub stem: String,
    pub doc: Loaded<SopDef>,
}

/// Everything read from a project folder.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    /// The folder's name, used for the default output folder.
    pub name: String,
    pub config: Loaded<ProjectConfig>,
    pub sops: Vec<SopSource>,
    /// Definitions under `sops/` that could not be read (their errors are in
    /// the diagnostics): stem and file name, so that a build keeps their
    /// earlier outputs and names them.
    pub unreadable: Vec<(String, String)>,
    /// `keputusan.yaml`, when the project has one.
    pub decree: Option<Loaded<DecreeDef>>,
    /// The lampiran's spreadsheet list, when the keputusan names one.
    pub lampiran_list: Option<LampiranList>,
    /// `terbitan.toml`, the ledger of issued documents, once anything was
    /// issued.
    pub ledger: Option<Loaded<Ledger>>,
    /// The SOPs (stems) each `[[revisi]]` of sopkit.toml touches.
    pub revision_reach: shared::RevisionReach,
    /// Unreadable definitions read again without the lines that hold their
    /// mistakes: checked for their other mistakes, never built.
    pub set_aside: Vec<SetAside>,
    /// The monitoring and evaluation records under `monev/` (YAML, TOML),
    /// in file order.
    pub monev: Vec<Loaded<MonevDef>>,
    /// The records under `monev/` kept in workbooks (.xlsx, .xls, .ods).
    pub monev_sheets: Vec<monev_sheet::SheetMonev>,
}

/// A definition read with the lines holding its mistakes set aside.
#[derive(Debug, Clone)]
pub struct SetAside {
    /// What was read: offsets are those of the file as written.
    pub sop: SopSource,
    pub original: SourceFile,
    /// The lines set aside, as written.
    pub lines: Vec<String>,
}

impl SetAside {
    /// The mistakes found in what was read that are the clerk's: shown in
    /// the file as written, without those that only follow from a line set
    /// aside (a step naming a column whose line was set aside).
    pub fn own(&self, found: impl IntoIterator<Item = Diagnostic>) -> Vec<Diagnostic> {
        found
            .into_iter()
            .filter(|d| {
                let Some(location) = &d.location else { return false };
                let token = location.file.text.get(location.range.clone()).unwrap_or_default().trim();
                !token.is_empty() && !self.lines.iter().any(|line| line.contains(token))
            })
            .map(|d| d.shown_in(&self.original))
            .collect()
    }
}

impl Project {
    /// Every monev record, YAML, TOML and workbooks alike.
    pub fn monev_defs(&self) -> impl Iterator<Item = &MonevDef> {
        self.monev.iter().map(|l| &l.value).chain(self.monev_sheets.iter().map(|s| &s.def))
    }

    /// The `index`th of `monev_defs` and its file's name as messages say it.
    pub fn monev_record(&self, index: usize) -> Option<(&MonevDef, &str)> {
        match self.monev.get(index) {
            Some(loaded) => Some((&loaded.value, loaded.file.name.as_str())),
            None => self.monev_sheets.get(index - self.monev.len()).map(|s| (&s.def, s.source.as_str())),
        }
    }

    /// Whether the project keeps monev records at all.
    pub fn has_monev(&self) -> bool {
        !self.monev.is_empty() || !self.monev_sheets.is_empty()
    }

    /// The ledger of issued documents (empty before the first `sopkit terbit`).
    pub fn ledger(&self) -> &Ledger {
        static EMPTY: Ledger = Ledger { terbit: Vec::new() };
        self.ledger.as_ref().map_or(&EMPTY, |l| &l.value)
    }
}

/// SOPs listed in a spreadsheet, with the name shown in messages.
#[derive(Debug, Clone)]
pub struct LampiranList {
    pub name: String,
    pub rows: Vec<ListedSop>,
}

/// Definitions read before, by path, with the length and time of the file
/// they were read from; kept only once `remember_definitions` is called.
type ReadBefore = HashMap<PathBuf, (u64, Option<std::time::SystemTime>, Loaded<SopDef>)>;
static READ_BEFORE: std::sync::Mutex<Option<ReadBefore>> = std::sync::Mutex::new(None);

/// From now on, a definition whose file keeps its length and time is not
/// read again: `watch` and `serve` load a thousand definitions on every
/// save, of which one changed.
pub fn remember_definitions() {
    let mut remembered = READ_BEFORE.lock().unwrap_or_else(|e| e.into_inner());
    remembered.get_or_insert_with(HashMap::new);
}

/// One definition, read (or, when definitions are remembered and its file
/// is as it was, taken as it was read).
fn read_definition(root: &Path, path: &Path) -> Result<Result<Loaded<SopDef>, Diagnostic>, EnvError> {
    let stamp = std::fs::metadata(path).ok().map(|m| (m.len(), m.modified().ok()));
    let remembered = || READ_BEFORE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((len, modified)) = stamp
        && let Some((_, _, doc)) =
            remembered().as_ref().and_then(|before| before.get(path)).filter(|(l, m, _)| *l == len && *m == modified)
    {
        return Ok(Ok(doc.clone()));
    }
    let read = read_document::<SopDef>(root, path)?;
    if let (Ok(doc), Some((len, modified))) = (&read, stamp)
        && let Some(before) = remembered().as_mut()
    {
        before.insert(path.to_owned(), (len, modified, doc.clone()));
    }
    Ok(read)
}

/// The folder of monitoring and evaluation records.
pub const MONEV_DIR: &str = "monev";

/// The workbooks under `monev/` (sub-folders too, in name order; not an
/// editor's lock file); one that cannot be read is an error at its cell.
fn read_monev_sheets(
    root: &Path,
    kriteria: &[Kriterium],
    diagnostics: &mut Diagnostics,
) -> Vec<monev_sheet::SheetMonev> {
    let mut records = Vec::new();
    let files = walkdir::WalkDir::new(root.join(MONEV_DIR)).sort_by_file_name().into_iter().filter_map(Result::ok);
    for entry in files.filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with(['.', '~'])) {
        let extension = entry.path().extension().map(|x| x.to_string_lossy().to_lowercase()).unwrap_or_default();
        if ["xlsx", "xlsm", "xls", "ods"].contains(&extension.as_str()) {
            match monev_sheet::read_workbook(entry.path(), &display_name(root, entry.path()), kriteria) {
                Ok(record) => records.push(record),
                Err(errors) => diagnostics.extend(errors),
            }
        }
    }
    records
}

/// Every record under `monev/` (YAML or TOML, sub-folders too, in name
/// order); a record that cannot be read is an error at its line.
fn read_monev(root: &Path, diagnostics: &mut Diagnostics) -> Result<Vec<Loaded<MonevDef>>, EnvError> {
    let dir = root.join(MONEV_DIR);
    let mut records = Vec::new();
    let files = walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().filter_map(Result::ok).filter(|e| {
        e.file_type().is_file()
            && e.path().extension().is_some_and(|x| x == "yaml" || x == "yml" || x == "toml")
            && !e.file_name().to_string_lossy().starts_with('.')
    });
    for entry in files {
        match read_document::<MonevDef>(root, entry.path())? {
            Ok(record) => records.push(record),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    Ok(records)
}

pub const KEPUTUSAN_FILES: [&str; 3] = ["keputusan.yaml", "keputusan.yml", "keputusan.toml"];

pub const CONFIG_FILE: &str = "sopkit.toml";

/// Reads a project. Input mistakes become diagnostics; a folder that is not
/// a project is an environment error.
pub fn load_project(root: &Path) -> Result<(Option<Project>, Diagnostics), EnvError> {
    let root = root.canonicalize().map_err(|e| EnvError::io("cannot open project folder", root, e))?;
    let config_path = root.join(CONFIG_FILE);
    if !config_path.is_file() {
        return Err(EnvError(crate::tr!("load-not-a-project", dir = root.display(), file = CONFIG_FILE)));
    }
    let mut diagnostics = Diagnostics::default();
    let config = match read_document::<ProjectConfig>(&root, &config_path)? {
        Ok(config) => Some(config),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    };
    let mut sops = Vec::new();
    let mut unreadable = Vec::new();
    let mut set_aside = Vec::new();
    let sops_dir = root.join("sops");
    let (files, skipped) = definition_files(&sops_dir)?;
    for (path, why) in skipped {
        diagnostics.push(skipped_file(&root, &path, &why));
    }
    // Definitions are independent: read them in parallel, keep their order.
    let read: Vec<_> = files.into_par_iter().map(|path| read_definition(&root, &path).map(|doc| (path, doc))).collect();
    for result in read {
        match result? {
            (path, Ok(doc)) => sops.push(SopSource { stem: stem_of(&sops_dir, &path), doc }),
            (path, Err(diagnostic)) => {
                unreadable.push((stem_of(&sops_dir, &path), display_name(&root, &path)));
                // Every required key a definition lacks, at once, rather
                // than one per run.
                let lacks_a_key = |text: &String| {
                    serde_saphyr::from_str::<SopDef>(text).is_err_and(|error| {
                        matches!(error.without_snippet(), serde_saphyr::Error::SerdeMissingField { .. })
                    })
                };
                let missing = std::fs::read_to_string(&path)
                    .ok()
                    .filter(lacks_a_key)
                    .map(|text| missing_sop_keys(&SourceFile::new(display_name(&root, &path), &path, text)))
                    .unwrap_or_default();
                if missing.is_empty() {
                    let original = std::fs::read_to_string(&path)
                        .ok()
                        .filter(|_| path.extension().is_none_or(|e| e != "toml"))
                        .map(|text| SourceFile::new(display_name(&root, &path), &path, text));
                    if let Some(original) = original {
                        let (further, rest) = further_reading::<SopDef>(&original, &diagnostic);
                        diagnostics.extend(further);
                        if let Some((doc, lines)) = rest {
                            let sop = SopSource { stem: stem_of(&sops_dir, &path), doc };
                            set_aside.push(SetAside { sop, original, lines });
                        }
                    }
                    diagnostics.push(diagnostic);
                } else {
                    diagnostics.extend(missing);
                }
            }
        }
    }
    let mut decree = None;
    if let Some(path) = KEPUTUSAN_FILES.iter().map(|f| root.join(f)).find(|p| p.is_file()) {
        match read_document::<DecreeDef>(&root, &path)? {
            Ok(doc) => decree = Some(doc),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let mut lampiran_list = None;
    if let Some(doc) = &decree
        && let Some(list) = &doc.value.lampiran.daftar
    {
        let path = root.join(list);
        let name = display_name(&root, &path);
        if !path.is_file() {
            diagnostics.push(doc.error_at(
                &DocPath::root().key("lampiran").key("daftar"),
                crate::tr!("load-spreadsheet-missing", file = list.display()),
            ));
        } else {
            match spreadsheet::read_lampiran(&path, &name) {
                Ok(rows) => lampiran_list = Some(LampiranList { name, rows }),
                Err(errors) => diagnostics.extend(errors),
            }
        }
    }
    let mut ledger = None;
    let ledger_path = root.join(LEDGER_FILE);
    if ledger_path.is_file() {
        match read_document::<Ledger>(&root, &ledger_path)? {
            Ok(doc) => ledger = Some(doc),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let monev = read_monev(&root, &mut diagnostics)?;
    let kriteria = config.as_ref().map(|c| c.value.monev.kriteria.clone()).unwrap_or_default();
    let monev_sheets = read_monev_sheets(&root, &kriteria, &mut diagnostics);
    let name = root.file_name().map_or_else(|| "sopkit".into(), |n| n.to_string_lossy().into_owned());
    let mut project = config.map(|config| Project {
        root,
        name,
        config,
        sops,
        unreadable,
        decree,
        lampiran_list,
        ledger,
        revision_reach: Vec::new(),
        set_aside,
        monev,
        monev_sheets,
    });
    if let Some(project) = &mut project {
        project.revision_reach = shared::resolve(project, &mut diagnostics);
    }
    Ok((project, diagnostics))
}

/// The keys an SOP definition must have, and those of each of its steps.
const SOP_KEYS: [&str; 6] = ["nomor", "nama", "tanggal_pembuatan", "tanggal_efektif", "pelaksana", "langkah"];
const STEP_KEYS: [&str; 2] = ["kegiatan", "pelaksana"];

/// Each required key a definition (YAML that parses) lacks, located at the
/// document's start or at its step; a key written on another line of the
/// step but not lined up with it is named. Empty when the text is not
/// YAML at all.
fn missing_sop_keys(file: &SourceFile) -> Vec<Diagnostic> {
    let Ok(value) = serde_saphyr::from_str::<serde_json::Value>(&file.text) else { return Vec::new() };
    let Some(top) = value.as_object() else { return Vec::new() };
    let map = SourceMap::from_yaml(&file.text);
    let mut found = Vec::new();
    // The first line that is neither blank nor a comment: where the keys start.
    let first = first_content_offset(&file.text);
    for key in SOP_KEYS.iter().filter(|k| !top.contains_key(**k)) {
        found.push(
            Diagnostic::error(crate::tr!("load-key-missing", key = key))
                .at(file, first..first + token_len(&file.text, first))
                .with_hint(crate::tr!("load-key-missing-hint", key = key)),
        );
    }
    let steps = top.get("langkah").and_then(|l| l.as_array()).cloned().unwrap_or_default();
    for (i, step) in steps.iter().enumerate() {
        let Some(step) = step.as_object() else { continue };
        let range = map.value(&DocPath::root().key("langkah").index(i));
        for key in STEP_KEYS.iter().filter(|k| !step.contains_key(**k)) {
            let mut diagnostic =
                Diagnostic::error(crate::tr!("load-step-key-missing", step = i + 1, key = key)).at(file, range.clone());
            // The key on a line of the step, but indented differently.
            let item_end = map.value(&DocPath::root().key("langkah").index(i + 1)).start.max(range.end);
            let item = &file.text[range.start..item_end.min(file.text.len())];
            match item.lines().position(|l| l.trim_start().starts_with(&format!("{key}:"))) {
                Some(line) => {
                    let number = file.line_column(range.start).0 + line;
                    diagnostic = diagnostic.with_hint(crate::tr!("load-key-not-lined-up", key = key, line = number));
                }
                None => diagnostic = diagnostic.with_hint(crate::tr!("load-step-key-missing-hint", key = key)),
            }
            found.push(diagnostic);
        }
    }
    found
}

/// The byte offset of the first character that is not blank and not in a
/// `#` comment line (0 for a file of comments only).
fn first_content_offset(text: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            return offset + (line.len() - trimmed.len());
        }
        offset += line.len();
    }
    0
}

/// Every `.yaml`, `.yml` and `.toml` file under `dir`, sorted for stable
/// output; besides, the files that look meant as definitions but are not
/// read, each with the reason (see `skip_reason`).
#[allow(clippy::type_complexity)]
pub fn definition_files(dir: &Path) -> Result<(Vec<PathBuf>, Vec<(PathBuf, String)>), EnvError> {
    if !dir.is_dir() {
        return Ok((Vec::new(), Vec::new()));
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| EnvError(crate::tr!("load-cannot-list", dir = dir.display(), why = e)))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let is_definition = matches!(entry.path().extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "toml"));
        if is_definition {
            files.push(entry.into_path());
        } else if let Some(why) = skip_reason(entry.path()) {
            skipped.push((entry.into_path(), why));
        }
    }
    Ok((files, skipped))
}

/// Why a file among definitions is not read, when it looks meant as one: an
/// extension in capitals (`x.YAML`), a second extension an editor added
/// (`x.yaml.txt`), or a document of another kind (`.docx`, `.xlsx`...).
/// `None` for files nobody would take for a definition (`README`, `.gitkeep`).
pub fn skip_reason(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    if name.starts_with('.') {
        return None;
    }
    let lower = name.to_lowercase();
    let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
    let definition_ext = ["yaml", "yml", "toml"];
    if definition_ext.contains(&ext.to_lowercase().as_str()) {
        let fixed = format!("{}.{}", path.file_stem()?.to_string_lossy(), ext.to_lowercase());
        return Some(crate::tr!("load-skip-case", fixed = fixed));
    }
    if let Some(inner) = definition_ext.iter().find(|e| lower.contains(&format!(".{e}.")))
        && let Some(at) = lower.find(&format!(".{inner}."))
    {
        let fixed = &name[..at + 1 + inner.len()];
        return Some(crate::tr!("load-skip-double", ext = ext, inner = inner, fixed = fixed));
    }
    match lower.rsplit('.').next() {
        Some("docx" | "doc" | "odt" | "pdf") => Some(crate::tr!("load-skip-document")),
        Some("xlsx" | "xls" | "ods" | "csv") => Some(crate::tr!("load-skip-spreadsheet", name = name)),
        Some("txt" | "json") => Some(crate::tr!("load-skip-other")),
        _ => None,
    }
}

/// The warning for a skipped file, named as the project shows it.
pub fn skipped_file(root: &Path, path: &Path, why: &str) -> Diagnostic {
    Diagnostic::warning(crate::tr!("load-skipped", file = display_name(root, path), why = why))
}

fn stem_of(sops_dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(sops_dir).unwrap_or(path).with_extension("");
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The name shown for a file: relative to the project when inside it.
pub fn display_name(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().into_owned()
}

/// Reads and parses one YAML or TOML file. The outer error is a failed
/// read; the inner one a located parse error.
pub fn read_document<T: DeserializeOwned>(root: &Path, path: &Path) -> Result<Result<Loaded<T>, Diagnostic>, EnvError> {
    let bytes = std::fs::read(path).map_err(|e| EnvError::io("cannot read", path, e))?;
    let name = display_name(root, path);
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(name, path, lossy);
            return Ok(Err(Diagnostic::error(crate::tr!("load-not-utf8")).at(&file, valid..valid + 1)));
        }
    };
    let file = SourceFile::new(name, path, text);
    let is_toml = path.extension().is_some_and(|e| e == "toml");
    Ok(if is_toml { parse_toml(file) } else { parse_yaml(file) })
}

/// The mistakes of a YAML file after its `first`, so that one run of
/// `check` shows them all: the line of each mistake is blanked out, with
/// the lines it holds (indented under it), and the rest read again, up to
/// ten times. Each is shown in the file as written.
pub fn further_errors<T: DeserializeOwned>(file: &SourceFile, first: &Diagnostic) -> Vec<Diagnostic> {
    further_reading::<T>(file, first).0
}

/// A document read with the lines holding its mistakes set aside, and
/// those lines as written.
pub type ReadPastMistakes<T> = (Loaded<T>, Vec<String>);

/// What [`further_errors`] finds, and the document read once the lines
/// with mistakes are set aside, with those lines' text: its other
/// mistakes (a step naming an actor that does not exist) can then be
/// checked in the same run. Offsets in it are those of the file as written.
pub fn further_reading<T: DeserializeOwned>(
    file: &SourceFile,
    first: &Diagnostic,
) -> (Vec<Diagnostic>, Option<ReadPastMistakes<T>>) {
    let mut text: String = file.text.to_string();
    let mut blanked: Vec<usize> = Vec::new();
    let mut found = Vec::new();
    let mut rest = None;
    let mut line = first.position().map(|(_, line, _)| line);
    while let Some(at) = line.filter(|at| !blanked.contains(at) && blanked.len() < 10) {
        blanked.push(at);
        text = blank_block(&text, at);
        // A key set aside is missing now: what follows from that is ours,
        // not the clerk's mistake, and nothing past it can be read.
        let missing = serde_saphyr::from_str::<T>(&text)
            .is_err_and(|error| matches!(error.without_snippet(), serde_saphyr::Error::SerdeMissingField { .. }));
        if missing {
            break;
        }
        let masked = SourceFile::new(file.name.clone(), file.path.clone(), text.clone());
        match parse_yaml::<T>(masked) {
            Ok(read) => {
                let set_aside: Vec<String> =
                    file.text.lines().zip(text.lines()).filter(|(a, b)| a != b).map(|(a, _)| a.to_owned()).collect();
                rest = Some((read, set_aside));
                break;
            }
            Err(next) => {
                line = next.position().map(|(_, line, _)| line);
                if line.is_some_and(|l| !blanked.contains(&l)) {
                    found.push(next.shown_in(file));
                }
            }
        }
    }
    (found, rest)
}

/// `text` with line `line` (1-based) and the lines indented under it
/// turned into spaces: same length, same offsets.
fn blank_block(text: &str, line: usize) -> String {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let Some(head) = lines.get(line.saturating_sub(1)) else { return text.to_owned() };
    let depth = indent(head);
    let mut inside = true;
    lines
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let blank = k + 1 == line
                || (k + 1 > line && inside && {
                    inside = l.trim().is_empty() || indent(l) > depth;
                    inside
                });
            // A space per byte: the offsets of the lines after stay.
            if blank {
                l.chars().map(|c| if c == '\n' { "\n".to_owned() } else { " ".repeat(c.len_utf8()) }).collect()
            } else {
                (*l).to_owned()
            }
        })
        .collect()
}

pub fn parse_yaml<T: DeserializeOwned>(file: SourceFile) -> Result<Loaded<T>, Diagnostic> {
    let options = serde_saphyr::options! { with_snippet: false };
    match serde_saphyr::from_str_with_options::<T>(&file.text, options.clone()) {
        Ok(value) => Ok(Loaded { map: SourceMap::from_yaml(&file.text), file, value }),
        Err(error) => {
            // A mistake in the YAML itself comes first: the typed reading
            // may stop earlier at what it causes ("missing field" for a key
            // not lined up).
            let error = match serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(&file.text, options) {
                Err(syntax) => syntax,
                Ok(_) => error,
            };
            let error = error.without_snippet();
            let offset = error.location().map(|l| file.offset_of(l.line() as usize, l.column() as usize)).unwrap_or(0);
            if let Some(explained) = yaml_help::explain(&file.text, error, offset) {
                let (at, len) = explained.at.unwrap_or((offset, token_len(&file.text, offset)));
                let mut diagnostic =
                    Diagnostic::error(explained.message).at(&file, at..(at + len).min(file.text.len()));
                diagnostic.hints = explained.hints;
                return Err(diagnostic);
            }
            let message = strip_position(&error.to_string());
            let diagnostic = match error {
                serde_saphyr::Error::SerdeUnknownField { field, expected, .. } => unknown_key(field, expected),
                serde_saphyr::Error::SerdeUnknownVariant { variant, expected, .. } => unknown_value(variant, expected),
                _ => Diagnostic::error(message),
            };
            Err(diagnostic.at(&file, offset..offset + token_len(&file.text, offset)))
        }
    }
}

pub fn parse_toml<T: DeserializeOwned>(file: SourceFile) -> Result<Loaded<T>, Diagnostic> {
    match toml::from_str::<T>(&file.text) {
        Ok(value) => Ok(Loaded { map: SourceMap::from_toml(&file.text), file, value }),
        Err(error) => {
            let range = error.span().unwrap_or(0..0);
            let diagnostic =
                unknown_toml_name::<T>(&file.text, &range).unwrap_or_else(|| Diagnostic::error(error.message().trim()));
            Err(diagnostic.at(&file, range))
        }
    }
}

/// serde-saphyr appends "at line X column Y"; the caret already says so.
fn strip_position(message: &str) -> String {
    let message = message.lines().next().unwrap_or(message);
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Length of the word at `offset`, so the caret underlines the whole key.
fn token_len(text: &str, offset: usize) -> usize {
    let rest = text.get(offset..).unwrap_or_default();
    // A quoted scalar ends at its closing quote; a plain one at a `:`, the
    // line's end or a comment.
    let quoted = rest.chars().next().filter(|c| matches!(c, '"' | '\''));
    let len = match quoted {
        Some(quote) => match rest[1..].find([quote, '\n']) {
            Some(end) if rest.as_bytes()[1 + end] == quote as u8 => end + 2,
            Some(end) => end + 1,
            None => rest.len(),
        },
        None => {
            let comment = rest.find(" #").unwrap_or(rest.len());
            rest.find([':', '\n', '=']).unwrap_or(rest.len()).min(comment)
        }
    };
    len.max(1).min(text.len().saturating_sub(offset))
}

/// An unknown key or value of a TOML document, or `None`. The toml crate
/// gives no kind of error, only its words; so the document's values (dates
/// as text) are read again by serde-saphyr, whose error names the unknown
/// key or enum value and the ones expected. It counts only when that name
/// is the one written where the toml crate points.
fn unknown_toml_name<T: DeserializeOwned>(text: &str, at: &std::ops::Range<usize>) -> Option<Diagnostic> {
    let mut value: toml::Value = toml::from_str(text).ok()?;
    dates_as_text(&mut value);
    let json = serde_json::to_string(&value).ok()?;
    let error = serde_saphyr::from_str::<T>(&json).err()?;
    let written = text.get(at.clone())?.trim_matches(['"', '\'']);
    match error.without_snippet() {
        serde_saphyr::Error::SerdeUnknownField { field, expected, .. } if written == field => {
            Some(unknown_key(field, expected))
        }
        serde_saphyr::Error::SerdeUnknownVariant { variant, expected, .. } if written == variant => {
            Some(unknown_value(variant, expected))
        }
        _ => None,
    }
}

fn dates_as_text(value: &mut toml::Value) {
    match value {
        toml::Value::Datetime(date) => *value = toml::Value::String(date.to_string()),
        toml::Value::Array(items) => items.iter_mut().for_each(dates_as_text),
        toml::Value::Table(table) => table.iter_mut().for_each(|(_, value)| dates_as_text(value)),
        _ => {}
    }
}

/// An unknown key, with a hint: the closest expected key, or the list of them.
fn unknown_key(unknown: &str, expected: &[&str]) -> Diagnostic {
    let best = expected
        .iter()
        .map(|candidate| (crate::util::text::edit_distance(unknown, candidate), candidate))
        .min()
        .filter(|(distance, _)| *distance <= 3);
    let diagnostic = Diagnostic::error(crate::tr!("load-unknown-key", key = unknown));
    match best {
        Some((_, candidate)) => diagnostic.with_hint(crate::tr!("load-did-you-mean", key = candidate)),
        None if !expected.is_empty() => {
            diagnostic.with_hint(crate::tr!("load-expected-one-of", keys = expected.join(", ")))
        }
        None => diagnostic,
    }
}

/// A value that is not one of an enum's, with the ones it may be.
fn unknown_value(unknown: &str, expected: &[&str]) -> Diagnostic {
    Diagnostic::error(crate::tr!("load-unknown-value", value = unknown, values = expected.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blanked_block_keeps_every_offset_and_takes_what_it_holds() {
        let text = "a: 1\nlangkah:\n  - kegiatan: Menerima – surat\n    waktu: 5\n  - kegiatan: B\n";
        let blanked = blank_block(text, 3);
        assert_eq!(blanked.len(), text.len(), "a space per byte");
        assert_eq!(blanked.lines().map(str::trim).collect::<Vec<_>>(), ["a: 1", "langkah:", "", "", "- kegiatan: B"]);
    }

    fn yaml(text: &str) -> Result<Loaded<SopDef>, Diagnostic> {
        parse_yaml(SourceFile::new("t.yaml", "t.yaml", text))
    }

    const MINIMAL: &str = "nomor: \"1\"\nnama: Uji\ntanggal_pembuatan: 2023-09-27\ntanggal_efektif: 2023-09-27\npelaksana:\n  staf: Staf\nlangkah:\n  - kegiatan: Menulis\n    pelaksana: staf\n";

    #[test]
    fn a_minimal_definition_loads() {
        let doc = yaml(MINIMAL).unwrap();
        assert_eq!(doc.value.langkah.len(), 1);
        assert_eq!(doc.value.identity.tanggal_efektif.long(), "27 September 2023");
    }

    #[test]
    fn a_misspelt_key_is_located_with_a_suggestion() {
        let text = MINIMAL.replace("langkah:", "langkha:");
        let error = yaml(&text).unwrap_err();
        assert_eq!(error.message, "unknown key `langkha`");
        assert_eq!(error.position(), Some(("t.yaml".into(), 7, 1)));
        assert_eq!(error.hints, vec!["did you mean `langkah`?".to_owned()]);
    }

    #[test]
    fn a_bad_date_is_located_at_its_value() {
        let text = MINIMAL.replace("tanggal_efektif: 2023-09-27", "tanggal_efektif: 2023-13-01");
        let error = yaml(&text).unwrap_err();
        assert!(error.message.contains("`2023-13-01` is not a date: there is no month 13"), "{}", error.message);
        assert_eq!(error.position().map(|p| p.1), Some(4));
    }

    #[test]
    fn toml_definitions_use_the_same_keys() {
        let text = "nomor = \"1\"\nnama = \"Uji\"\ntanggal_pembuatan = 2023-09-27\ntanggal_efektif = \"2023-09-28\"\n[pelaksana]\nstaf = \"Staf\"\n[[langkah]]\nkegiatan = \"Menulis\"\npelaksana = \"staf\"\n";
        let doc = parse_toml::<SopDef>(SourceFile::new("t.toml", "t.toml", text)).unwrap();
        assert_eq!(doc.value.identity.tanggal_pembuatan.long(), "27 September 2023");
        let bad = text.replace("kegiatan", "kegiatn");
        let error = parse_toml::<SopDef>(SourceFile::new("t.toml", "t.toml", bad)).unwrap_err();
        assert_eq!(error.position().map(|p| p.1), Some(8));
        assert_eq!(error.hints, vec!["did you mean `kegiatan`?".to_owned()]);
    }

    #[test]
    fn a_value_outside_an_enum_names_the_ones_allowed_at_its_place() {
        let text = MINIMAL.replace("nama: Uji\n", "nama: Uji\nlaporan: mingguan\n");
        let error = yaml(&text).unwrap_err();
        assert_eq!(error.message, "`mingguan` is not one of: pelaksanaan, analisis_risiko, monitoring_keamanan");
        assert_eq!(error.position(), Some(("t.yaml".into(), 3, 10)));
        let text = "[format]\npaper = \"B5\"\n";
        let error = parse_toml::<ProjectConfig>(SourceFile::new("t.toml", "t.toml", text)).unwrap_err();
        assert_eq!(error.message, "`B5` is not one of: f4, a4, letter, legal");
        assert_eq!(error.position(), Some(("t.toml".into(), 2, 9)));
    }
}
