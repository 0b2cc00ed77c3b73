//! Stage 5, render: the template environment, minijinja templates that
//! produce Typst sources. The environment escapes every value for its context itself:
//! `{{ x }}` writes Typst markup with every special character escaped,
//! `{{ x|str }}` a Typst string literal, `{{ x|pt }}` a length, so user text
//! is always data and never runs as Typst code. Undefined variables are
//! errors. Built-in templates are compiled in; a project's `templates/`
//! folder replaces them file by file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};

use crate::diagnostic::{Diagnostic, EnvError, SourceFile};
use crate::model::{DayStyle, Tanggal};

/// The built-in templates: (file name, text).
pub const BUILTIN: [(&str, &str); 15] = [
    ("sopkit-lib.typ", include_str!("../../templates/sopkit-lib.typ")),
    ("sop.typ.j2", include_str!("../../templates/sop.typ.j2")),
    ("measure.typ.j2", include_str!("../../templates/measure.typ.j2")),
    ("keputusan.typ.j2", include_str!("../../templates/keputusan.typ.j2")),
    ("buku.typ.j2", include_str!("../../templates/buku.typ.j2")),
    ("laporan-lib.typ.j2", include_str!("../../templates/laporan-lib.typ.j2")),
    ("laporan-dasar.typ.j2", include_str!("../../templates/laporan-dasar.typ.j2")),
    ("laporan-pelaksanaan.typ.j2", include_str!("../../templates/laporan-pelaksanaan.typ.j2")),
    ("laporan-risiko.typ.j2", include_str!("../../templates/laporan-risiko.typ.j2")),
    ("laporan-monitoring.typ.j2", include_str!("../../templates/laporan-monitoring.typ.j2")),
    ("monev-dasar.typ.j2", include_str!("../../templates/monev-dasar.typ.j2")),
    ("monev-monitoring.typ.j2", include_str!("../../templates/monev-monitoring.typ.j2")),
    ("monev-evaluasi.typ.j2", include_str!("../../templates/monev-evaluasi.typ.j2")),
    ("monev-berita-acara.typ.j2", include_str!("../../templates/monev-berita-acara.typ.j2")),
    ("monev-rekap.typ.j2", include_str!("../../templates/monev-rekap.typ.j2")),
];

const TYPST_ESCAPE: &str = "typst";

/// The templates of one project.
pub struct Templates {
    env: Environment<'static>,
    overrides: Option<PathBuf>,
}

impl Templates {
    /// Built-ins, replaced by files of the same name in `overrides`; the
    /// `tanggal` filter prints a long date's day in `day_style`.
    pub fn new(overrides: Option<&Path>, day_style: DayStyle) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("valid syntax configuration");
        env.set_syntax(syntax);
        env.set_auto_escape_callback(|_| AutoEscape::Custom(TYPST_ESCAPE.into()));
        env.set_formatter(format_value);
        env.add_filter("str", |value: Value| Value::from_safe_string(typst_string(&display(&value))));
        env.add_filter("pt", |value: f64| -> Result<Value, Error> {
            Ok(Value::from_safe_string(format!("{}pt", number(value)?)))
        });
        env.add_filter("num", |value: f64| -> Result<Value, Error> { Ok(Value::from_safe_string(number(value)?)) });
        env.add_filter("lit", |value: Value| -> Result<Value, Error> {
            Ok(Value::from_safe_string(typst_literal(&value)?))
        });
        // Dates reach templates as written (`2023-09-27`) and are printed
        // long (`27 September 2023`) or short (`27-09-2023`).
        env.add_filter("tanggal", move |value: String| -> Result<String, Error> {
            Ok(date_of(&value)?.long_in(day_style))
        });
        env.add_filter("tanggal_pendek", |value: String| -> Result<String, Error> { Ok(date_of(&value)?.short()) });
        let dir = overrides.map(Path::to_path_buf);
        let loader_dir = dir.clone();
        env.set_loader(move |name| {
            if let Some(dir) = &loader_dir {
                let path = dir.join(name);
                if path.is_file() {
                    return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                        Error::new(
                            ErrorKind::InvalidOperation,
                            crate::tr!("template-unreadable", path = path.display(), why = e),
                        )
                    });
                }
            }
            Ok(BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, text)| (*text).to_owned()))
        });
        Self { env, overrides: dir }
    }

    /// Whether `name` is the built-in template (the project has no override).
    pub fn is_builtin(&self, name: &str) -> bool {
        self.overrides.as_ref().is_none_or(|dir| !dir.join(name).is_file())
    }

    /// The text of every template in effect (project override or built-in),
    /// by name: what a build depends on.
    pub fn effective_sources(&self) -> Vec<(String, String)> {
        BUILTIN
            .iter()
            .map(|(name, text)| {
                let own = self.overrides.as_ref().and_then(|dir| std::fs::read_to_string(dir.join(name)).ok());
                ((*name).to_owned(), own.unwrap_or_else(|| (*text).to_owned()))
            })
            .collect()
    }

    /// Renders `name` with `context`. Template mistakes (syntax, undefined
    /// variables) are located in the template file.
    pub fn render(&self, name: &str, context: &impl serde::Serialize) -> Result<String, Diagnostic> {
        let template = self.env.get_template(name).map_err(|e| self.diagnostic(&e))?;
        template.render(minijinja::value::Serde(context)).map_err(|e| self.diagnostic(&e))
    }

    fn diagnostic(&self, error: &Error) -> Diagnostic {
        let message = match error.detail() {
            Some(detail) => crate::tr!("template-error-detail", kind = error.kind(), detail = detail),
            None => crate::tr!("template-error", kind = error.kind()),
        };
        let Some(name) = error.name() else {
            return Diagnostic::error(message);
        };
        let (display, text): (String, Arc<str>) = match &self.overrides {
            Some(dir) if dir.join(name).is_file() => {
                (format!("templates/{name}"), std::fs::read_to_string(dir.join(name)).unwrap_or_default().into())
            }
            _ => (
                format!("{name} (built-in template)"),
                BUILTIN.iter().find(|(n, _)| *n == name).map_or("", |(_, t)| t).into(),
            ),
        };
        let file = SourceFile::new(display.clone(), display, text);
        match error.range() {
            Some(range) => Diagnostic::error(message).at(&file, range),
            None => match error.line() {
                Some(line) => {
                    let start = file.offset_of(line, 1);
                    Diagnostic::error(message).at(&file, start..start)
                }
                None => Diagnostic::error(message).in_file(&file),
            },
        }
    }
}

/// Writes the built-in templates into `dir` for editing; existing files are
/// kept unless `force`.
pub fn eject(dir: &Path, force: bool) -> Result<Vec<PathBuf>, EnvError> {
    std::fs::create_dir_all(dir).map_err(|e| EnvError::io("cannot create", dir, e))?;
    let mut written = Vec::new();
    for (name, text) in BUILTIN {
        let path = dir.join(name);
        if path.exists() && !force {
            return Err(EnvError(crate::tr!("templates-exists", file = path.display())));
        }
        std::fs::write(&path, text).map_err(|e| EnvError::io("cannot write", &path, e))?;
        written.push(path);
    }
    Ok(written)
}

fn display(value: &Value) -> String {
    if value.is_none() || value.is_undefined() { String::new() } else { value.to_string() }
}

/// Writes data as a Typst literal: none, booleans, numbers, strings (quoted
/// by [`typst_string`]), arrays and dictionaries (string keys), so that
/// templates can hand whole tables to Typst functions as data.
fn typst_literal(value: &Value) -> Result<String, Error> {
    use minijinja::value::ValueKind;
    Ok(match value.kind() {
        ValueKind::Undefined | ValueKind::None => "none".into(),
        ValueKind::Bool => if value.is_true() { "true" } else { "false" }.into(),
        ValueKind::Number => match i64::try_from(value.clone()) {
            Ok(int) => int.to_string(),
            Err(_) => number(f64::try_from(value.clone())?)?,
        },
        ValueKind::Seq | ValueKind::Iterable => {
            let items: Vec<String> = value.try_iter()?.map(|v| typst_literal(&v)).collect::<Result<_, _>>()?;
            // A one-item array needs its trailing comma.
            format!("({},)", items.join(", ")).replace("(,)", "()")
        }
        ValueKind::Map => {
            let mut entries = Vec::new();
            for key in value.try_iter()? {
                let item = value.get_item(&key)?;
                entries.push(format!("{}: {}", typst_string(&display(&key)), typst_literal(&item)?));
            }
            if entries.is_empty() { "(:)".into() } else { format!("({})", entries.join(", ")) }
        }
        _ => typst_string(&display(value)),
    })
}

fn date_of(text: &str) -> Result<Tanggal, Error> {
    Tanggal::parse(text).map_err(|e| Error::new(ErrorKind::InvalidOperation, e))
}

pub fn number(value: f64) -> Result<String, Error> {
    if !value.is_finite() {
        return Err(Error::new(ErrorKind::InvalidOperation, "not a finite number"));
    }
    // Fixed precision: stable text, hence byte-identical PDFs.
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    Ok(if text == "-0" { "0".into() } else { text.into() })
}

/// The formatter behind every `{{ ... }}`: safe values (produced by the
/// filters above) pass through; everything else is escaped as markup.
fn format_value(out: &mut minijinja::Output, state: &mut State, value: &Value) -> Result<(), Error> {
    let text = if value.is_safe() {
        value.to_string()
    } else {
        match state.auto_escape() {
            AutoEscape::Custom(name) if name == TYPST_ESCAPE => typst_markup(&display(value)),
            _ => display(value),
        }
    };
    out.write_str(&text).map_err(|e| Error::new(ErrorKind::WriteFailure, e.to_string()))
}

/// Escapes text for Typst markup: every ASCII punctuation character gets a
/// backslash, which disarms markup syntax, shorthands (`--`, `...`, `~`),
/// smart quotes, comments, labels, references and autolinks at once. Line
/// breaks become explicit Typst line breaks.
pub fn typst_markup(text: &str) -> String {
    let text = breakable(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\r' => {}
            '\n' => out.push_str("\\\n"),
            '\t' => out.push(' '),
            '\u{200B}' => out.push_str("#h(0.01pt)"),
            c if c.is_control() => {}
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A word longer than this many characters gets break opportunities.
pub const LONG_WORD: usize = 16;

/// Text whose long words (numbers like `800/012/SOP/DISKOMINFO/2024`,
/// e-mail addresses, URLs, long names) may break inside a table cell
/// instead of running over its border: a zero-width space marks a break
/// opportunity after each `/`, `@`, `.`, `_`, `-`, `:`, `?`, `&`, `=` of
/// such a word, and every `LONG_WORD` characters where it has none (the
/// markup sets it as `#h(0pt)`: a break that puts no character in the PDF's
/// text, so the number still copies and searches whole). Short words are
/// left as they are.
pub fn breakable(text: &str) -> std::borrow::Cow<'_, str> {
    const ZWSP: char = '\u{200B}';
    if !text.split_whitespace().any(|w| w.chars().count() > LONG_WORD) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut word: Vec<char> = Vec::new();
    let flush = |word: &mut Vec<char>, out: &mut String| {
        if word.len() > LONG_WORD {
            let mut since = 0;
            for (i, &c) in word.iter().enumerate() {
                out.push(c);
                since += 1;
                let last = i + 1 == word.len();
                if !last && ("/@._-:?&=".contains(c) || since >= LONG_WORD) {
                    out.push(ZWSP);
                    since = 0;
                }
            }
        } else {
            out.extend(word.iter());
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    std::borrow::Cow::Owned(out)
}

/// Quotes text as a Typst string literal.
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escaping_disarms_syntax() {
        assert_eq!(typst_markup("#set"), "\\#set");
        assert_eq!(typst_markup("a\nb"), "a\\\nb");
        assert_eq!(typst_markup("1. x"), "1\\. x");
        assert_eq!(typst_string("a\"b\\"), "\"a\\\"b\\\\\"");
    }

    #[test]
    fn templates_escape_by_default_and_reject_undefined() {
        let templates = Templates::new(None, DayStyle::Padded);
        let mut env = templates.env.clone();
        env.add_template("t.typ", "[{{ x }}] {{ x|str }} {{ n|pt }}").unwrap();
        let out = env.get_template("t.typ").unwrap().render(minijinja::context! { x => "#a", n => 1.5 }).unwrap();
        assert_eq!(out, "[\\#a] \"#a\" 1.5pt");
        env.add_template("u.typ", "{{ missing }}").unwrap();
        assert!(env.get_template("u.typ").unwrap().render(minijinja::context! {}).is_err());
    }

    #[test]
    fn the_tanggal_filter_prints_the_day_as_the_project_sets_it() {
        let printed = |style| {
            let mut env = Templates::new(None, style).env;
            env.add_template("d.typ", "{{ d|tanggal }}").unwrap();
            env.get_template("d.typ").unwrap().render(minijinja::context! { d => "2025-01-02" }).unwrap()
        };
        assert_eq!(printed(DayStyle::Padded), "02 Januari 2025");
        assert_eq!(printed(DayStyle::Plain), "2 Januari 2025");
    }
}

/// User text through both escapes, compiled by Typst and read back: it must
/// come out as the same characters, whatever markup it contains.
#[cfg(test)]
mod round_trip {
    use proptest::prelude::*;
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::Introspector;
    use typst::utils::PicoStr;

    use super::{typst_markup, typst_string};
    use crate::compile::world::{Environment, Fonts};
    use crate::compile::{compile, datetime_of};
    use crate::model::Tanggal;

    fn environment() -> &'static Environment {
        static ENV: std::sync::OnceLock<Environment> = std::sync::OnceLock::new();
        ENV.get_or_init(|| Environment::new(&std::env::temp_dir(), Fonts::new(None).unwrap()))
    }

    fn read_back(text: &str) -> (String, String) {
        let source = format!(
            "#set text(font: \"Liberation Sans\")\n#metadata([{}]) <m>\n#metadata({}) <s>\n= Judul\n",
            typst_markup(text),
            typst_string(text)
        );
        let date = datetime_of(Tanggal::new(2024, 1, 1).unwrap());
        let compiled = compile(environment(), "t.typ", source, date).unwrap_or_else(|e| {
            panic!("{text:?} does not compile: {:?}", e.iter().map(|d| &d.message).collect::<Vec<_>>())
        });
        let value = |label: &str| {
            let label = Label::new(PicoStr::intern(label)).unwrap();
            let found = compiled.document.introspector().query(&Selector::Label(label));
            assert_eq!(found.len(), 1, "{text:?}: user text created or removed labelled elements");
            found[0].get_by_name("value").unwrap()
        };
        let markup = match value("m") {
            Value::Content(content) => content.plain_text().to_string(),
            other => panic!("{other:?}"),
        };
        let string = match value("s") {
            Value::Str(s) => s.to_string(),
            other => panic!("{other:?}"),
        };
        (markup, string)
    }

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("#".to_owned()),
            Just("$".to_owned()),
            Just("*".to_owned()),
            Just("_".to_owned()),
            Just("`".to_owned()),
            Just("\\".to_owned()),
            Just("[".to_owned()),
            Just("]".to_owned()),
            Just("<".to_owned()),
            Just(">".to_owned()),
            Just("@".to_owned()),
            Just("=".to_owned()),
            Just("-".to_owned()),
            Just("+".to_owned()),
            Just("/".to_owned()),
            Just("~".to_owned()),
            Just("\"".to_owned()),
            Just("'".to_owned()),
            Just("\n".to_owned()),
            Just(" ".to_owned()),
            Just("\n= ".to_owned()),
            Just("\n- ".to_owned()),
            Just("\n+ ".to_owned()),
            Just("\n/ a: ".to_owned()),
            Just("1. ".to_owned()),
            Just("//".to_owned()),
            Just("/*".to_owned()),
            Just("...".to_owned()),
            Just("#set page(width: 1cm)".to_owned()),
            Just("#read(\"/etc/passwd\")".to_owned()),
            Just("https://x.id".to_owned()),
            Just("{".to_owned()),
            Just("}".to_owned()),
            Just("\\u{41}".to_owned()),
            Just("ᬩᬮᬶ".to_owned()),
            Just("±15".to_owned()),
            "[a-zA-Z0-9]{1,6}",
        ];
        proptest::collection::vec(pieces, 1..24).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        #[test]
        fn user_text_stays_text(text in hostile()) {
            let (markup, string) = read_back(&text);
            prop_assert_eq!(string, text.clone());
            prop_assert_eq!(words(&markup), words(&text));
        }
    }

    /// Data handed over with `|lit` comes back as the same data.
    #[test]
    fn literals_keep_nested_data() {
        let data = serde_json::json!({
            "judul": "#panic() \"x\" ]",
            "kosong": {},
            "satu": ["hanya"],
            "daftar": [1, 2.5, true, null, {"k#\"": "v\n"}],
            "]\\": [],
        });
        let literal = super::typst_literal(&minijinja::Value::from(minijinja::value::Serde(&data))).unwrap();
        let source = format!("#metadata({literal}) <d>\n");
        let date = datetime_of(Tanggal::new(2024, 1, 1).unwrap());
        let compiled = compile(environment(), "d.typ", source, date).unwrap_or_else(|e| panic!("{literal}: {e:?}"));
        let label = Label::new(PicoStr::intern("d")).unwrap();
        let found = compiled.document.introspector().query(&Selector::Label(label));
        let back = serde_json::to_value(found[0].get_by_name("value").unwrap()).unwrap();
        assert_eq!(back, data, "{literal}");
    }

    #[test]
    fn line_starts_and_code_stay_literal() {
        for text in ["= Judul", "- butir", "+ nomor", "1. satu", "#panic()", "$x^2$", "// komentar", "<label> @ref"] {
            let (markup, string) = read_back(text);
            assert_eq!(words(&markup), words(text));
            assert_eq!(string, text);
        }
    }
}
