//! The user's language: every message sopkit says is looked up here by its
//! key, in Indonesian when the user's locale is Indonesian (`LC_ALL`,
//! `LC_MESSAGES` or `LANG` starting with `id` or `in`), in English
//! otherwise, or as `--bahasa id|en` chooses. The texts live in Fluent files
//! (`en.ftl`, `id.ftl` beside this one, compiled into the binary; see
//! projectfluent.org): one message per key, with the values it names
//! (`{ $actor }`). A test checks that both files hold the same keys and
//! that every key the code uses exists.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language sopkit speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
    Indonesian,
}

pub const ENGLISH: &str = include_str!("en.ftl");
pub const INDONESIAN: &str = include_str!("id.ftl");

static CHOSEN: AtomicU8 = AtomicU8::new(0);

impl Language {
    /// From a locale name (`id_ID.UTF-8`, `in_ID`, `en_US`, `C`).
    pub fn of_locale(locale: &str) -> Option<Self> {
        let lower = locale.trim().to_lowercase();
        if lower.is_empty() {
            return None;
        }
        Some(if lower.starts_with("id") || lower.starts_with("in_") || lower == "in" {
            Language::Indonesian
        } else {
            Language::English
        })
    }

    /// The user's language from the environment: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set decides; on Windows, where
    /// those are rarely set, the system's display language; English
    /// otherwise.
    pub fn from_environment() -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| std::env::var(name).ok().and_then(|v| Self::of_locale(&v)))
            .or_else(system_language)
            .unwrap_or(Language::English)
    }
}

/// Windows' user locale (`id-ID`), read from the system.
#[cfg(windows)]
fn system_language() -> Option<Language> {
    sys_locale::get_locale().and_then(|locale| Language::of_locale(&locale.replace('-', "_")))
}

#[cfg(not(windows))]
fn system_language() -> Option<Language> {
    None
}

/// Sets the language of every message from now on.
pub fn set_language(language: Language) {
    CHOSEN.store(language as u8, Ordering::Relaxed);
}

pub fn language() -> Language {
    if CHOSEN.load(Ordering::Relaxed) == Language::Indonesian as u8 { Language::Indonesian } else { Language::English }
}

fn bundle(language: Language) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    let make = |source: &str, tag: &str| {
        let resource = FluentResource::try_new(source.to_owned()).expect("the built-in messages parse");
        let mut bundle = FluentBundle::new_concurrent(vec![tag.parse().expect("a language tag")]);
        // No Unicode isolation marks around values: a terminal shows them.
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).expect("no message is defined twice");
        bundle
    };
    let bundles = BUNDLES.get_or_init(|| [make(ENGLISH, "en"), make(INDONESIAN, "id")]);
    &bundles[language as usize]
}

/// The message `key` in `language` with its values; the English one when
/// the language lacks it, and the key itself when neither has it (the
/// tests forbid both).
pub fn message_in(language: Language, key: &str, args: &[(&str, String)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, FluentValue::from(value.clone()));
    }
    for language in [language, Language::English] {
        let bundle = bundle(language);
        if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned();
        }
    }
    key.to_owned()
}

/// The message `key` in the user's language.
pub fn message(key: &str, args: &[(&str, String)]) -> String {
    message_in(language(), key, args)
}

/// `tr!("key")` or `tr!("key", name = value, ...)`: the message in the
/// user's language, its values formatted with `Display`.
#[macro_export]
macro_rules! tr {
    ($key:literal) => {
        $crate::i18n::message($key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message($key, &[$((stringify!($name), ($value).to_string())),+])
    };
}

/// The keys of a Fluent source, in order.
pub fn keys(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_message() {
        let (en, id) = (keys(ENGLISH), keys(INDONESIAN));
        assert!(!en.is_empty());
        let missing_id: Vec<&String> = en.iter().filter(|k| !id.contains(k)).collect();
        let missing_en: Vec<&String> = id.iter().filter(|k| !en.contains(k)).collect();
        assert!(missing_id.is_empty(), "no Indonesian for {missing_id:?}");
        assert!(missing_en.is_empty(), "no English for {missing_en:?}");
    }

    #[test]
    fn every_message_formats_in_both_languages_with_its_values() {
        for key in keys(ENGLISH) {
            // Every value a message names, given a sample.
            let names: Vec<String> = ENGLISH
                .lines()
                .chain(INDONESIAN.lines())
                .filter(|l| l.starts_with(&format!("{key} =")))
                .flat_map(|l| {
                    l.match_indices("{ $")
                        .map(move |(i, _)| l[i + 3..].split([' ', '}']).next().unwrap_or("").to_owned())
                })
                .collect();
            let args: Vec<(&str, String)> = names.iter().map(|n| (n.as_str(), "X".to_owned())).collect();
            for language in [Language::English, Language::Indonesian] {
                let text = message_in(language, &key, &args);
                assert!(!text.is_empty() && text != key, "{key} in {language:?}");
                assert!(!text.contains("{$") && !text.contains("{ $"), "{key} in {language:?}: {text}");
            }
        }
    }

    #[test]
    fn every_key_the_code_uses_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let known = keys(ENGLISH);
        let mut unknown = Vec::new();
        for entry in walkdir::WalkDir::new(&root) {
            let path = entry.unwrap().into_path();
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (at, _) in text.match_indices("tr!(\"") {
                // `tr!`, not `include_str!` or `str!`.
                if text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let key = text[at + 5..].split('"').next().unwrap_or("");
                if path.ends_with("i18n/mod.rs") && key == "key" {
                    continue;
                }
                if !known.iter().any(|k| k == key) {
                    unknown.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(unknown.is_empty(), "keys without a message: {unknown:?}");
    }

    #[test]
    fn the_locale_decides_the_language() {
        assert_eq!(Language::of_locale("id_ID.UTF-8"), Some(Language::Indonesian));
        assert_eq!(Language::of_locale("in_ID"), Some(Language::Indonesian));
        assert_eq!(Language::of_locale("en_US.UTF-8"), Some(Language::English));
        assert_eq!(Language::of_locale("C"), Some(Language::English));
        assert_eq!(Language::of_locale(""), None);
        assert_eq!(message_in(Language::Indonesian, "severity-error", &[]), "kesalahan");
        assert_eq!(message_in(Language::English, "severity-error", &[]), "error");
    }
}
