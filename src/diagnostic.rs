//! The library's one error vocabulary. A [`Diagnostic`] is a message about
//! the user's input (YAML and TOML, spreadsheet cells, validation,
//! templates, Typst), located when possible; [`Diagnostics`] collects them:
//! every stage that can fail on input returns `Result<_, Diagnostics>` or
//! adds to a `&mut Diagnostics`. An [`EnvError`] is the one other failure:
//! the environment (a missing folder, a failed write), which stops a
//! command with exit code 2. Both print through the same codespan
//! renderer, so every error looks alike: `error: message`, the file, line
//! and column, a caret and hints.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{Buffer, WriteColor};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A source file that diagnostics can point into.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown to the user: a path relative to the project when possible.
    pub name: String,
    /// The file on disk.
    pub path: PathBuf,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        Self { name: name.into(), path: path.into(), text: text.into() }
    }

    /// The byte offset of a 1-based line and column (in characters).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let mut offset = 0;
        for (index, text) in self.text.split_inclusive('\n').enumerate() {
            if index + 1 == line {
                let within: usize = text.chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
                return offset + within;
            }
            offset += text.len();
        }
        self.text.len()
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where a diagnostic points.
#[derive(Debug, Clone)]
pub struct Location {
    pub file: SourceFile,
    pub range: Range<usize>,
}

/// A message for the user, located when possible.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub location: Option<Box<Location>>,
    pub hints: Vec<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, message: message.into(), location: None, hints: vec![] }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(message) }
    }

    pub fn at(mut self, file: &SourceFile, range: Range<usize>) -> Self {
        self.location = Some(Box::new(Location { file: file.clone(), range }));
        self
    }

    /// The same place, shown in `file`: the text the mistake was found in
    /// with other lines blanked out (the same offsets), shown as written.
    pub fn shown_in(mut self, file: &SourceFile) -> Self {
        if let Some(location) = self.location.as_mut() {
            location.file = file.clone();
        }
        self
    }

    /// Points at a whole file without a range (the start of the file).
    pub fn in_file(self, file: &SourceFile) -> Self {
        self.at(file, 0..0)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` of the diagnostic, for short listings and tests.
    pub fn position(&self) -> Option<(String, usize, usize)> {
        let location = self.location.as_ref()?;
        let (line, column) = location.file.line_column(location.range.start);
        Some((location.file.name.clone(), line, column))
    }
}

/// An error that is not about the user's input: a failed write, a missing
/// folder. Maps to exit code 2.
#[derive(Debug)]
pub struct EnvError(pub String);

impl fmt::Display for EnvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EnvError {}

impl EnvError {
    /// `what` is one of the verbs below, said in the user's language.
    pub fn io(what: &str, path: &Path, error: std::io::Error) -> Self {
        let said = match what {
            "cannot read" => crate::tr!("io-cannot-read"),
            "cannot write" => crate::tr!("io-cannot-write"),
            "cannot create" => crate::tr!("io-cannot-create"),
            "cannot create a file in" => crate::tr!("io-cannot-create-in"),
            "cannot remove" => crate::tr!("io-cannot-remove"),
            "cannot open" => crate::tr!("io-cannot-open"),
            "cannot open project folder" => crate::tr!("io-cannot-open-project"),
            "cannot read font" => crate::tr!("io-cannot-read-font"),
            other => other.to_owned(),
        };
        Self(format!("{said} {}: {error}", path.display()))
    }
}

/// Collected diagnostics of one run. Warnings are data: they are kept and
/// printed, and only errors fail a build.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// Sorts by file and position so that output is stable across threads.
    /// In file and position order; the same message at the same place is
    /// said once (a workbook row's monitoring and evaluation name their SOP
    /// in one cell).
    pub fn sort(&mut self) {
        self.0.sort_by_key(|d| {
            let loc = d.location.as_ref().map(|l| (l.file.name.clone(), l.range.start));
            (loc, d.severity == Severity::Warning, d.message.clone())
        });
        self.0.dedup_by(|a, b| {
            let place = |d: &Diagnostic| d.location.as_ref().map(|l| (l.file.name.clone(), l.range.clone()));
            a.severity == b.severity && a.message == b.message && place(a) == place(b)
        });
    }

    /// Renders every diagnostic as text (no colour): used by tests and by
    /// anything that is not a terminal.
    pub fn render_plain(&self) -> String {
        let mut buffer = term::termcolor::NoColor::new(Vec::new());
        self.emit(&mut buffer);
        String::from_utf8_lossy(&buffer.into_inner()).into_owned()
    }

    /// As plain text in the user's language ("kesalahan:", "petunjuk:"),
    /// as `print` writes it: what a page shows.
    pub fn render_localised(&self) -> String {
        localise_severities(&self.render_plain())
    }

    /// Prints to stderr, coloured when stderr is a terminal, in the user's
    /// language.
    pub fn print(&self) {
        use std::io::{IsTerminal, Write};
        let mut buffer = if std::io::stderr().is_terminal() { Buffer::ansi() } else { Buffer::no_color() };
        self.emit(&mut buffer);
        let text = localise_severities(&String::from_utf8_lossy(buffer.as_slice()));
        let _ = std::io::stderr().write_all(text.as_bytes());
    }

    fn emit(&self, out: &mut dyn WriteColor) {
        let mut files = SimpleFiles::new();
        let config = term::Config::default();
        let hint = crate::tr!("severity-hint");
        for diagnostic in &self.0 {
            let mut rendered = match diagnostic.severity {
                Severity::Error => cs::Diagnostic::error(),
                Severity::Warning => cs::Diagnostic::warning(),
            }
            .with_message(&diagnostic.message)
            .with_notes(diagnostic.hints.iter().map(|h| format!("{hint}: {h}")).collect());
            if let Some(location) = &diagnostic.location {
                let id = files.add(location.file.name.clone(), location.file.text.clone());
                let label = cs::Label::primary(id, clamp(&location.file.text, &location.range));
                rendered = rendered.with_labels(vec![label]);
            }
            // Writing to stderr or a buffer: nothing useful to do on failure.
            let _ = term::emit(out, &config, &files, &rendered);
        }
    }
}

/// The renderer writes "error" and "warning" in English at the start of a
/// diagnostic's first line; said in the user's language.
fn localise_severities(text: &str) -> String {
    if crate::i18n::language() == crate::i18n::Language::English {
        return text.to_owned();
    }
    let (error, warning) = (crate::tr!("severity-error"), crate::tr!("severity-warning"));
    text.split_inclusive('\n')
        .map(|line| {
            // The line without colour codes starts with the word.
            let plain: String = strip_ansi(line);
            if plain.starts_with("error:") || plain.starts_with("error[") {
                line.replacen("error", &error, 1)
            } else if plain.starts_with("warning:") || plain.starts_with("warning[") {
                line.replacen("warning", &warning, 1)
            } else {
                line.to_owned()
            }
        })
        .collect()
}

/// `text` without ANSI colour sequences.
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn clamp(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, range.start.min(text.len()));
    let end = floor_char_boundary(text, range.end.clamp(start, text.len()));
    start..end
}

impl std::ops::Deref for Diagnostics {
    type Target = [Diagnostic];
    fn deref(&self) -> &[Diagnostic] {
        &self.0
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self(vec![diagnostic])
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Self(diagnostics)
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_positions_agree() {
        let file = SourceFile::new("a.yaml", "a.yaml", "nama: é\nlangkah:\n  - x\n");
        let offset = file.offset_of(3, 5);
        assert_eq!(&file.text[offset..offset + 1], "x");
        assert_eq!(file.line_column(offset), (3, 5));
    }

    #[test]
    fn rendering_names_file_line_and_column() {
        let file = SourceFile::new("sops/a.yaml", "sops/a.yaml", "nama: x\nlangkha: []\n");
        let mut all = Diagnostics::default();
        all.push(Diagnostic::error("unknown field `langkha`").at(&file, 8..15).with_hint("did you mean `langkah`?"));
        let text = all.render_plain();
        assert!(text.contains("error: unknown field `langkha`"), "{text}");
        assert!(text.contains("sops/a.yaml:2:1"), "{text}");
        assert!(text.contains("hint: did you mean `langkah`?"), "{text}");
    }
}
