//! Stage 1, load: what a YAML parser says about a mistake, said in a
//! clerk's terms, at the line where the mistake is. The parser's own words
//! ("mapping values are not allowed in this context") name its grammar, not
//! what to change; each rule here recognises one mistake clerks make (a `:`
//! inside unquoted text, a tab, an empty file, a key written twice, a `\`
//! in a quoted Windows path, an unclosed `{`, a list item out of line) and
//! says how to fix it.

use granit_parser::ErrorKind;

/// A parse error explained: the message, hints, and where it is (a byte
/// offset into the text and a length), when that differs from the
/// parser's place.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    pub message: String,
    pub hints: Vec<String>,
    pub at: Option<(usize, usize)>,
}

/// The explanation of a parse error at byte `offset` of `text`, read from
/// the parser's kind of error (never its English words); `None` when no
/// rule knows it.
pub fn explain(text: &str, error: &serde_saphyr::Error, offset: usize) -> Option<Explained> {
    let explained =
        |message: String, hints: Vec<String>, at: Option<(usize, usize)>| Some(Explained { message, hints, at });
    if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return explained(crate::tr!("yaml-empty"), vec![crate::tr!("yaml-empty-hint")], Some((0, 0)));
    }
    // A tab anywhere in a line's indentation, wherever the parser noticed it.
    if let Some(tab) = indentation_tab(text) {
        return explained(crate::tr!("yaml-tab"), vec![crate::tr!("yaml-tab-hint")], Some((tab, 1)));
    }
    let line = line_at(text, offset);
    let kind = match error {
        serde_saphyr::Error::Eof { .. } => {
            return explained(crate::tr!("yaml-end"), vec![crate::tr!("yaml-end-hint")], None);
        }
        serde_saphyr::Error::DuplicateMappingKey { key, .. } => {
            // The parser names the key when it is plain text; else it is
            // the one written on the line it points at.
            let key = key.as_deref().unwrap_or_else(|| key_on(line));
            return explained(crate::tr!("yaml-duplicate", key = key), duplicate_hints(text, line, key, offset), None);
        }
        serde_saphyr::Error::ExternalMessage { source, .. } => match source.as_ref() {
            serde_saphyr::ExternalMessageSource::Parser(scan) => scan.kind(),
            _ => return None,
        },
        _ => return None,
    };
    match kind {
        // A key further right than the key above it: the parser read it as
        // more of the text above, and the `:` is where it gave up.
        ErrorKind::MappingValueNotAllowed if let Some(shifted) = shifted_key(text, offset) => {
            let Shifted { key, above, by, at } = shifted;
            explained(
                crate::tr!("yaml-key-shifted", key = key, above = above, spaces = by),
                vec![crate::tr!("yaml-key-shifted-hint", key = key, above = above, spaces = by)],
                Some((at, key.len())),
            )
        }
        // A line of its own without `:`: a key whose colon was forgotten.
        ErrorKind::SimpleKeyExpected => {
            let written = line.trim();
            let hint = match written.split_once(' ') {
                Some((key, value)) => crate::tr!("yaml-no-colon-hint", key = key, value = value.trim()),
                None => crate::tr!("yaml-no-colon-alone", key = written),
            };
            explained(crate::tr!("yaml-no-colon"), vec![hint], None)
        }
        ErrorKind::MappingValueNotAllowed => {
            let hint = match line.trim_start().split_once(": ") {
                Some((key, value)) => {
                    let key = key.trim_start_matches("- ");
                    crate::tr!("yaml-colon-hint", key = key, value = value.trim().replace('"', "\\\""))
                }
                None => crate::tr!("yaml-colon-quote"),
            };
            explained(crate::tr!("yaml-colon"), vec![hint], None)
        }
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidUnicodeEscape
        | ErrorKind::InvalidLowSurrogateHexEscape
        | ErrorKind::InvalidLowSurrogate
        | ErrorKind::MissingLowSurrogate
        | ErrorKind::UnpairedLowSurrogate => {
            explained(crate::tr!("yaml-escape"), vec![crate::tr!("yaml-escape-hint")], None)
        }
        ErrorKind::UnclosedFlowCollection { open: '{' } | ErrorKind::ExpectedFlowMappingSeparator => {
            // At the `{` itself: the last one before the error left open on its line.
            let before = &text[..offset.min(text.len())];
            let open = before.match_indices('{').map(|(i, _)| i).rev().find(|&i| {
                let rest = &text[i..];
                !rest[..rest.find('\n').unwrap_or(rest.len())].contains('}')
            });
            explained(crate::tr!("yaml-brace"), vec![crate::tr!("yaml-brace-hint")], open.map(|i| (i, 1)))
        }
        ErrorKind::UnclosedFlowCollection { open: '[' } | ErrorKind::ExpectedFlowSequenceSeparator => {
            explained(crate::tr!("yaml-bracket"), vec![crate::tr!("yaml-bracket-hint")], None)
        }
        ErrorKind::ExpectedBlockSequenceEntry | ErrorKind::ExpectedBlockMappingKey => {
            explained(crate::tr!("yaml-indent"), vec![crate::tr!("yaml-indent-hint")], None)
        }
        _ => None,
    }
}

/// A key written further right than the key on the line above it.
struct Shifted<'a> {
    key: &'a str,
    above: &'a str,
    /// How many spaces too far.
    by: usize,
    /// The key's byte offset.
    at: usize,
}

/// The key on the line at `offset` when it stands a column or two further
/// right than the key on the line above it (`  - kegiatan: A` then
/// `     pelaksana: b`): the parser then reads it as more of the value
/// above.
fn shifted_key(text: &str, offset: usize) -> Option<Shifted<'_>> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = line_at(text, offset);
    let indent = line.len() - line.trim_start().len();
    let (key, _) = line.trim_start().split_once(": ").or_else(|| line.trim_start().split_once(':'))?;
    let is_key = |k: &str| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_');
    if !is_key(key) {
        return None;
    }
    // The nearest line above that writes a key: its key's column.
    let above = text[..start].lines().rev().find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let column = above.len() - above.trim_start().trim_start_matches("- ").len();
    let above_key = key_on(above);
    // A slip of a space or two; text carried on further right, with a `:`
    // in it, is the other rule's.
    let by = indent.checked_sub(column).filter(|by| (1..=2).contains(by))?;
    is_key(above_key).then_some(Shifted { key, above: above_key, by, at: start + indent })
}

/// Where a key written twice was first written, and which one counts.
fn duplicate_hints(text: &str, line: &str, key: &str, offset: usize) -> Vec<String> {
    let indent = line.len() - line.trim_start().len();
    let first = text[..offset.min(text.len())]
        .lines()
        .position(|l| l.len() - l.trim_start().len() == indent && l.trim_start().starts_with(&format!("{key}:")));
    let mut hints = vec![crate::tr!("yaml-duplicate-keep")];
    if let Some(first) = first {
        hints.insert(0, crate::tr!("yaml-duplicate-first", line = first + 1));
    }
    hints
}

/// The key a line writes (`nama` of `  - nama: Uji`).
fn key_on(line: &str) -> &str {
    let line = line.trim_start().trim_start_matches("- ");
    line.split_once(':').map_or(line, |(key, _)| key).trim()
}

/// The byte offset of the first tab in a line's leading whitespace.
fn indentation_tab(text: &str) -> Option<usize> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if let Some(at) = indent.find('\t') {
            return Some(start + at);
        }
        start += line.len();
    }
    None
}

/// The line holding byte `offset`.
fn line_at(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The explanation of the error the parser gives for `text`, at its place.
    fn explained(text: &str) -> Option<Explained> {
        let error = serde_saphyr::from_str::<serde::de::IgnoredAny>(text).expect_err(text);
        let error = error.without_snippet();
        let offset = error.location().map_or(0, |l| {
            let line_start: usize = text.split_inclusive('\n').take(l.line() as usize - 1).map(str::len).sum();
            line_start + l.column() as usize - 1
        });
        explain(text, error, offset)
    }

    #[test]
    fn each_mistake_gets_its_own_words() {
        let e = explained("nama: Uji\nlangkah:\n  - kegiatan: Menyiapkan berkas: surat\n").unwrap();
        assert_eq!(e.message, "a `:` inside a text: put the whole text in quotes");
        assert_eq!(e.hints, ["write it as kegiatan: \"Menyiapkan berkas: surat\""]);

        let text = "nama: Uji\nlangkah:\n  - kegiatan: A\n\tpelaksana: staf\n";
        assert_eq!(explained(text).unwrap().at, Some((text.find('\t').unwrap(), 1)), "at the tab's own line");

        let end = serde_saphyr::Error::Eof { location: serde_saphyr::Location::UNKNOWN };
        assert_eq!(explain("\n# catatan\n", &end, 0).unwrap().message, "the file is empty");

        let e = explained("nomor: \"1\"\nnama: Uji\nnama: Uji lagi\n").unwrap();
        assert_eq!(e.message, "`nama` is written twice");
        assert_eq!(e.hints[0], "it is first written on line 2");

        let e = explained("logo: \"assets\\logo.png\"\n").unwrap();
        assert!(e.hints[0].contains("write paths with `/`"));
        assert_eq!(explained("k: { ya: 1\n").unwrap().message, "a `{` is not closed");
        assert_eq!(explained("k: [a, b\n").unwrap().message, "a `[` is not closed");
        assert!(explained("a: b\n- c\n").is_some_and(|e| e.message == crate::tr!("yaml-indent")));
        assert!(explained("a: *nowhere\n").is_none(), "an unknown anchor has no rule");

        // One space too far: said as such, at the key, not as a `:` to quote.
        let text = "langkah:\n  - kegiatan: Menerima surat\n     pelaksana: staf\n";
        let e = explained(text).unwrap();
        assert_eq!(e.message, "`pelaksana` starts 1 column(s) further right than `kegiatan` above it");
        assert_eq!(e.at, Some((text.find("pelaksana").unwrap(), "pelaksana".len())));
        // A forgotten colon.
        let e =
            explained("langkah:\n  - kegiatan: A\n    kelengkapan Surat dalam amplop\n    waktu: 5 menit\n").unwrap();
        assert_eq!(e.message, "a line without `:` between its key and its value");
        assert_eq!(e.hints, ["write it as kelengkapan: Surat dalam amplop"]);
    }
}
