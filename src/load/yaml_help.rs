//! Stage 1, load: what a YAML parser says about a mistake, said in a
//! clerk's terms, at the line where the mistake is. The parser's own words
//! ("mapping values are not allowed in this context") name its grammar, not
//! what to change; each rule here recognises one mistake clerks make (a `:`
//! inside unquoted text, a tab, an empty file, a key written twice, a `\`
//! in a quoted Windows path, an unclosed `{`, a list item out of line) and
//! says how to fix it.

/// A parse error explained: the message, hints, and where it is (a byte
/// offset into the text and a length), when that differs from the
/// parser's place.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    pub message: String,
    pub hints: Vec<String>,
    pub at: Option<(usize, usize)>,
}

/// The explanation of `message` (the parser's, without its position) for
/// an error at byte `offset` of `text`; `None` when no rule knows it.
pub fn explain(text: &str, message: &str, offset: usize) -> Option<Explained> {
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
    if message.starts_with("mapping values are not allowed") {
        let hint = match line.trim_start().split_once(": ") {
            Some((key, value)) => {
                let key = key.trim_start_matches("- ");
                crate::tr!("yaml-colon-hint", key = key, value = value.trim().replace('"', "\\\""))
            }
            None => crate::tr!("yaml-colon-quote"),
        };
        return explained(crate::tr!("yaml-colon"), vec![hint], None);
    }
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key).trim();
        let indent = line.len() - line.trim_start().len();
        let first = text[..offset.min(text.len())]
            .lines()
            .position(|l| l.len() - l.trim_start().len() == indent && l.trim_start().starts_with(&format!("{key}:")));
        let mut hints = vec![crate::tr!("yaml-duplicate-keep")];
        if let Some(first) = first {
            hints.insert(0, crate::tr!("yaml-duplicate-first", line = first + 1));
        }
        return explained(crate::tr!("yaml-duplicate", key = key), hints, None);
    }
    if message.contains("escape") {
        return explained(crate::tr!("yaml-escape"), vec![crate::tr!("yaml-escape-hint")], None);
    }
    if message.starts_with("unclosed bracket '{'") || message.contains("did not find expected ',' or '}'") {
        // At the `{` itself: the last one before the error left open on its line.
        let before = &text[..offset.min(text.len())];
        let open = before.match_indices('{').map(|(i, _)| i).rev().find(|&i| {
            let rest = &text[i..];
            !rest[..rest.find('\n').unwrap_or(rest.len())].contains('}')
        });
        return explained(crate::tr!("yaml-brace"), vec![crate::tr!("yaml-brace-hint")], open.map(|i| (i, 1)));
    }
    if message.starts_with("unclosed bracket '['") || message.contains("did not find expected ',' or ']'") {
        return explained(crate::tr!("yaml-bracket"), vec![crate::tr!("yaml-bracket-hint")], None);
    }
    if message.contains("did not find expected '-' indicator") || message.contains("did not find expected key") {
        return explained(crate::tr!("yaml-indent"), vec![crate::tr!("yaml-indent-hint")], None);
    }
    if message.starts_with("unexpected end of input") {
        return explained(crate::tr!("yaml-end"), vec![crate::tr!("yaml-end-hint")], None);
    }
    None
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

    #[test]
    fn each_mistake_gets_its_own_words() {
        let at = |text: &str, message: &str, needle: &str| explain(text, message, text.find(needle).unwrap()).unwrap();
        let text = "nama: Uji\nlangkah:\n  - kegiatan: Menyiapkan berkas: surat\n";
        let e = at(text, "mapping values are not allowed in this context", "berkas:");
        assert_eq!(e.message, "a `:` inside a text: put the whole text in quotes");
        assert_eq!(e.hints, ["write it as kegiatan: \"Menyiapkan berkas: surat\""]);

        let text = "nama: Uji\nlangkah:\n  - kegiatan: A\n\tpelaksana: staf\n";
        let e = at(text, "while scanning a plain scalar, found a tab", "A");
        assert_eq!(e.at, Some((text.find('\t').unwrap(), 1)), "at the tab's own line");

        assert_eq!(explain("\n# catatan\n", "unexpected end of input", 0).unwrap().message, "the file is empty");

        let text = "nomor: \"1\"\nnama: Uji\nnama: Uji lagi\n";
        let e =
            at(text, "duplicate mapping key: nama, set DuplicateKeyPolicy in Options if acceptable", "nama: Uji lagi");
        assert_eq!(e.message, "`nama` is written twice");
        assert_eq!(e.hints[0], "it is first written on line 2");

        let e =
            at("logo: \"assets\\logo.png\"\n", "while parsing a quoted scalar, found unknown escape character", "\"");
        assert!(e.hints[0].contains("write paths with `/`"));
        assert_eq!(at("k: { ya: 1\n", "unclosed bracket '{'", "{").message, "a `{` is not closed");
        assert!(explain("a: b\n", "something else", 0).is_none());
    }
}
