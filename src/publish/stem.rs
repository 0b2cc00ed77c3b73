//! Stage 8, publish: the root of an Indonesian word, so that the portal's
//! search finds "Pengujian Aplikasi" for "menguji" and "pengaduan" for
//! "aduan". The rules are Enhanced Confix Stripping's (Nazief and Adriani,
//! extended by Arifin et al. and by Sastrawi): particles, possessives and
//! one derivation suffix come off, then up to three prefixes with their
//! recoding rules (`meng-` + vowel may hide a `k`: "mengelola" is
//! "kelola"), or infixes; each candidate is looked up in a list of root
//! words (Sastrawi's dictionary, from the `sastrawi-rs` crate, whose own
//! stemmer leaves "mengelola" as it is and turns "pengawasan" into
//! "kawasan"). portal.js applies the same rules to a query word the
//! corpus does not hold, with the corpus's roots as its list.

/// The root of `word` (lowercase ASCII letters), or the word itself when
/// no rule leads to a root `is_root` knows.
pub fn root(word: &str, is_root: &dyn Fn(&str) -> bool) -> String {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) || is_root(word) {
        return word.to_owned();
    }
    // A confix whose prefix is taken off first ("be-...-an", "me-...-i"):
    // the suffix may be part of the root ("bersarang" is not "sar").
    if prefix_first(word)
        && let Some(found) = strip_prefixes(word, 0, None, None, true, is_root)
    {
        return found;
    }
    let stages = inflections(word);
    let core = stages.last().map_or(word, String::as_str);
    let derived = derivations(core);
    if let Some((rest, _)) = derived.iter().find(|(rest, _)| is_root(rest)) {
        return rest.clone();
    }
    for (rest, suffix) in &derived {
        if let Some(found) = strip_prefixes(rest, 0, None, Some(suffix), false, is_root) {
            return found;
        }
    }
    // The suffixes put back, one at a time: they may be the root's own
    // letters ("pengadaan" is "ada", but "penerapan" is "terap").
    let restored = stages.iter().rev().map(String::as_str).chain([word]);
    for stage in restored {
        if let Some(found) = strip_prefixes(stage, 0, None, None, false, is_root) {
            return found;
        }
    }
    word.to_owned()
}

/// The confixes whose prefix comes off before the suffix.
fn prefix_first(word: &str) -> bool {
    let ends = |prefix: &str, suffix: &str| word.starts_with(prefix) && word.ends_with(suffix);
    ends("be", "lah") || ends("be", "an") || ends("me", "i") || ends("di", "i") || ends("pe", "i") || ends("ter", "i")
}

/// The word without its particle (`-lah`, `-kah`, `-tah`, `-pun`), then
/// also without its possessive (`-ku`, `-mu`, `-nya`): each stage that
/// removed something.
fn inflections(word: &str) -> Vec<String> {
    let mut stages = Vec::new();
    let mut current = word.to_owned();
    for group in [&["lah", "kah", "tah", "pun"][..], &["nya", "ku", "mu"][..]] {
        if let Some(rest) = group.iter().find_map(|s| current.strip_suffix(s)).filter(|r| r.len() >= 3) {
            current = rest.to_owned();
            stages.push(current.clone());
        }
    }
    stages
}

/// The word without a derivation suffix (`-kan`, `-an`, `-i`), each that
/// fits, with the suffix removed.
fn derivations(word: &str) -> Vec<(String, &'static str)> {
    ["kan", "an", "i"]
        .into_iter()
        .filter_map(|suffix| word.strip_suffix(suffix).filter(|r| r.len() >= 3).map(|r| (r.to_owned(), suffix)))
        .collect()
}

/// The kinds of prefix, so that none is taken twice and the confixes ECS
/// forbids are not formed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Prefix {
    Di,
    Ke,
    Se,
    Be,
    Te,
    Me,
    Pe,
    Infix,
}

/// Up to three prefixes off `word`, depth first, in the rules' order; the
/// first remainder that is a root (or, with `then_suffixes`, becomes one
/// without its suffixes).
fn strip_prefixes(
    word: &str,
    depth: usize,
    previous: Option<Prefix>,
    suffix: Option<&str>,
    then_suffixes: bool,
    is_root: &dyn Fn(&str) -> bool,
) -> Option<String> {
    if depth == 3 {
        return None;
    }
    for (prefix, rest) in prefix_cuts(word) {
        if Some(prefix) == previous || (depth == 0 && forbidden(prefix, suffix)) || rest.len() < 2 {
            continue;
        }
        if is_root(&rest) {
            return Some(rest);
        }
        if then_suffixes {
            let stages = inflections(&rest);
            let core = stages.last().unwrap_or(&rest);
            let derived = derivations(core).into_iter().map(|(r, _)| r);
            if let Some(found) = stages.iter().cloned().chain(derived).find(|r| is_root(r)) {
                return Some(found);
            }
        }
        if let Some(found) = strip_prefixes(&rest, depth + 1, Some(prefix), suffix, then_suffixes, is_root) {
            return Some(found);
        }
    }
    None
}

/// The confixes that do not exist (ECS): "be-...-i", "di-...-an",
/// "ke-...-i", "ke-...-kan", "me-...-an", "se-...-i", "se-...-kan",
/// "te-...-an".
fn forbidden(prefix: Prefix, suffix: Option<&str>) -> bool {
    matches!(
        (prefix, suffix),
        (Prefix::Be, Some("i"))
            | (Prefix::Di, Some("an"))
            | (Prefix::Ke, Some("i" | "kan"))
            | (Prefix::Me, Some("an"))
            | (Prefix::Se, Some("i" | "kan"))
            | (Prefix::Te, Some("an"))
    )
}

fn vowel(c: Option<u8>) -> bool {
    matches!(c, Some(b'a' | b'e' | b'i' | b'o' | b'u'))
}

/// Every way one prefix (or infix) may come off `word`, by the rules of
/// ECS (numbered as in Sastrawi), the likelier first.
fn prefix_cuts(word: &str) -> Vec<(Prefix, String)> {
    let b = word.as_bytes();
    let at = |i: usize| b.get(i).copied();
    let from = |i: usize| word.get(i..).unwrap_or_default().to_owned();
    let mut cuts = Vec::new();
    let mut cut = |prefix, rest: String| cuts.push((prefix, rest));
    let two = word.get(..2).unwrap_or_default();
    match two {
        "di" => cut(Prefix::Di, from(2)),
        "ke" => cut(Prefix::Ke, from(2)),
        "se" => cut(Prefix::Se, from(2)),
        "be" | "te" => {
            let prefix = if two == "be" { Prefix::Be } else { Prefix::Te };
            if word == "belajar" {
                cut(prefix, from(3)); // rule 4
            }
            if at(2) == Some(b'r') {
                cut(prefix, from(3)); // rules 1a, 2, 3, 6a, 7, 8
                if vowel(at(3)) {
                    cut(prefix, from(2)); // rules 1b, 6b
                }
            } else if at(2).is_some_and(|c| !vowel(Some(c))) && b.get(3..5) == Some(&b"er"[..]) {
                cut(prefix, from(2)); // rules 5, 9
            }
        }
        "me" => match at(2) {
            Some(b'l' | b'r' | b'w' | b'y') if vowel(at(3)) => cut(Prefix::Me, from(2)), // rule 10
            Some(b'm') => nasal_m(&mut cut, Prefix::Me, word),
            Some(b'n') => nasal_n(&mut cut, Prefix::Me, word),
            _ => {}
        },
        "pe" => match at(2) {
            Some(b'w' | b'y') if vowel(at(3)) => cut(Prefix::Pe, from(2)), // rule 20
            Some(b'r') => {
                cut(Prefix::Pe, from(3)); // rules 21a, 23, 24
                if vowel(at(3)) {
                    cut(Prefix::Pe, from(2)); // rule 21b
                }
            }
            Some(b'm') => nasal_m(&mut cut, Prefix::Pe, word),
            Some(b'n') => nasal_n(&mut cut, Prefix::Pe, word),
            Some(b'l') => {
                if word == "pelajar" {
                    cut(Prefix::Pe, from(3));
                }
                cut(Prefix::Pe, from(2)); // rule 32
            }
            Some(c) if !vowel(Some(c)) && !b"rwylmn".contains(&c) => cut(Prefix::Pe, from(2)), // rules 33, 34, 36
            _ => {}
        },
        _ => {}
    }
    // Infixes, rules 37 to 40: "gerigi" is "gigi", "kinerja" "kerja".
    if at(0).is_some_and(|c| !vowel(Some(c)))
        && vowel(at(3))
        && let Some(b"er" | b"el" | b"em" | b"in") = b.get(1..3)
    {
        cut(Prefix::Infix, format!("{}{}", &word[..1], from(3)));
    }
    cuts
}

/// `mem-`/`pem-`: rules 11 to 13, 19 (25, 26 for `pem-`).
fn nasal_m(cut: &mut impl FnMut(Prefix, String), prefix: Prefix, word: &str) {
    let b = word.as_bytes();
    let from = |i: usize| word.get(i..).unwrap_or_default();
    match b.get(3).copied() {
        Some(b'b' | b'f' | b'v' | b'p') => cut(prefix, from(3).to_owned()),
        Some(c) if vowel(Some(c)) || c == b'r' => {
            cut(prefix, format!("m{}", from(3)));
            cut(prefix, format!("p{}", from(3)));
        }
        _ => {}
    }
}

/// `men-`/`meng-`/`meny-` and `pen-`/`peng-`/`peny-`: rules 14 to 18 (27
/// to 31 for `pe-`).
fn nasal_n(cut: &mut impl FnMut(Prefix, String), prefix: Prefix, word: &str) {
    let b = word.as_bytes();
    let at = |i: usize| b.get(i).copied();
    let from = |i: usize| word.get(i..).unwrap_or_default();
    match at(3) {
        Some(b'c' | b'd' | b'j' | b's' | b't' | b'z') => cut(prefix, from(3).to_owned()),
        Some(b'g') => match at(4) {
            Some(b'g' | b'h' | b'q' | b'k') => cut(prefix, from(4).to_owned()),
            Some(c) if vowel(Some(c)) => {
                cut(prefix, from(4).to_owned());
                cut(prefix, format!("k{}", from(4)));
                if c == b'e' && !vowel(at(5)) {
                    cut(prefix, from(5).to_owned()); // "mengebom", "pengecatan"
                }
                cut(prefix, format!("ng{}", from(4)));
            }
            _ => {}
        },
        Some(b'y') if vowel(at(4)) => {
            cut(prefix, format!("s{}", from(4)));
            cut(prefix, format!("ny{}", from(4)));
        }
        Some(c) if vowel(Some(c)) => {
            cut(prefix, format!("t{}", from(3)));
            cut(prefix, format!("n{}", from(3)));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::root;

    fn with_dictionary(word: &str) -> String {
        let dictionary = sastrawi::Dictionary::new();
        root(word, &|w| dictionary.find(w))
    }

    #[test]
    fn affixed_words_come_to_their_roots_with_the_dictionary() {
        for (word, expected) in [
            ("menguji", "uji"),
            ("pengujian", "uji"),
            ("aduan", "adu"),
            ("pengaduan", "adu"),
            ("pengadaan", "ada"),
            ("pendataan", "data"),
            ("mengelola", "kelola"),
            ("pengelolaan", "kelola"),
            ("pemeriksaan", "periksa"),
            ("penerimaan", "terima"),
            ("pengawasan", "awas"),
            ("peralatan", "alat"),
            ("pengembangan", "kembang"),
            ("pengendalian", "kendali"),
            ("mengevaluasi", "evaluasi"),
            ("memverifikasi", "verifikasi"),
            ("menyerahkan", "serah"),
            ("mengoordinasikan", "koordinasi"),
            ("kependudukan", "duduk"),
            ("kepegawaian", "pegawai"),
            ("perencanaan", "rencana"),
            ("peringatan", "ingat"),
            ("pelaksanaan", "laksana"),
            ("penyimpanan", "simpan"),
            ("kebijakan", "bijak"),
            ("laporannya", "lapor"),
        ] {
            assert_eq!(with_dictionary(word), expected, "{word}");
        }
    }

    #[test]
    fn roots_numbers_and_unknown_words_stay_as_they_are() {
        for word in ["uji", "data", "arsip", "2236", "dkis", "monitoring", "sop"] {
            assert_eq!(with_dictionary(word), word);
        }
    }

    #[test]
    fn a_list_of_roots_of_its_own_is_enough() {
        // As the page stems a query word against the corpus's roots.
        let roots = ["uji", "adu", "kelola"];
        let is_root = |w: &str| roots.contains(&w);
        assert_eq!(root("menguji", &is_root), "uji");
        assert_eq!(root("diujikan", &is_root), "uji");
        assert_eq!(root("mengadukan", &is_root), "adu");
        assert_eq!(root("dikelola", &is_root), "kelola");
        assert_eq!(root("pengadaan", &is_root), "pengadaan", "no root of its own in the list");
    }
}
