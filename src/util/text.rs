//! Plain-text helpers several stages share: white space squashed, words of a
//! label, names built from them (`kepala_bidang`,
//! `monitoring-keamanan-informasi`), and label matching that forgives typos.

/// Runs of white space (line breaks included) squeezed to one space.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a text, in lower case: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// A file name from a title: its ASCII words joined by hyphens, at most 60
/// characters; "sop" when nothing is left.
pub fn file_stem(title: &str) -> String {
    let mut stem = String::new();
    for word in words(title).map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect::<String>()) {
        if stem.len() + word.len() > 60 {
            break;
        }
        if word.is_empty() {
            continue;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(&word);
    }
    if stem.is_empty() { "sop".into() } else { stem }
}

/// Lower case, letters and digits only: how headers are compared.
pub fn normalise(header: &str) -> String {
    header.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Levenshtein distance between two texts, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// A hint naming the keys that exist, a close one first: "did you mean
/// `kepala_bidang`? defined officials: ...".
pub fn known_list<'a>(what: &str, wrong: &str, keys: impl Iterator<Item = &'a String>) -> String {
    let keys: Vec<&String> = keys.collect();
    // A typo of one of them ("kepala_bidng", "admn") is named first: one
    // edit in a key of four letters or more, two in one of eight or more.
    let wrong = wrong.to_lowercase();
    let close = keys
        .iter()
        .map(|k| (edit_distance(&wrong, &k.to_lowercase()), k))
        .filter(|(d, k)| *d > 0 && *d <= k.chars().count() / 4)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k);
    let listed: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    let list = if listed.is_empty() {
        crate::tr!("validate-none-defined", what = what)
    } else {
        crate::tr!("validate-defined", what = what, keys = listed.join(", "))
    };
    match close {
        Some(key) => format!("{} {list}", crate::tr!("load-did-you-mean", key = key)),
        None => list,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_short_ascii_and_whole_words() {
        assert_eq!(file_stem("Monitoring Keamanan Informasi"), "monitoring-keamanan-informasi");
        assert_eq!(
            file_stem("Pengelolaan Sistem Informasi Kepegawaian Dinas Komunikasi, Informatika dan Statistik"),
            "pengelolaan-sistem-informasi-kepegawaian-dinas-komunikasi"
        );
        assert_eq!(file_stem("Maret"), "maret");
        assert_eq!(file_stem("ᬧᭂᬫᭂ"), "sop");
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("langkha", "langkah"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
