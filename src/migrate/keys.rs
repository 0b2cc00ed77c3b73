//! Keys for what the project starts to share: short, readable, and never
//! one already taken or one that a definition writes as text.

use std::collections::HashSet;

/// The first candidate that is a usable key and free, else one made from
/// `text`; marked as taken.
pub fn choose<'a>(candidates: impl Iterator<Item = &'a str>, text: &str, taken: &mut HashSet<String>) -> String {
    let chosen = candidates.map(str::to_owned).find(|c| is_key(c) && !taken.contains(c)).unwrap_or_else(|| {
        let base = slug(text);
        let base = if is_key(&base) { base } else { format!("k_{base}") };
        (1..)
            .map(|n| if n == 1 { base.clone() } else { format!("{base}_{n}") })
            .find(|k| !taken.contains(k))
            .expect("some numbered key is free")
    });
    taken.insert(chosen.clone());
    chosen
}

/// A key definitions can write as a plain value: lowercase ASCII letters,
/// digits and `_`, starting with a letter, and no word YAML reads as a
/// boolean or null.
pub fn is_key(key: &str) -> bool {
    const YAML_WORDS: [&str; 11] = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "ya", "tidak"];
    key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !YAML_WORDS.contains(&key)
}

/// "Kepala Bidang Persandian" -> "kepala_bidang_persandian": the first
/// four words.
fn slug(text: &str) -> String {
    words(text).into_iter().take(4).collect::<Vec<_>>().join("_")
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A regulation's usual short name: "Peraturan Daerah Kota Denpasar Nomor 8
/// Tahun 2016 ..." -> "perda_8_2016"; text without a number and year ->
/// its first words.
pub fn law_key(text: &str) -> String {
    const KINDS: [(&str, &str); 14] = [
        ("undang-undang", "uu"),
        ("peraturan pemerintah pengganti", "perppu"),
        ("peraturan pemerintah", "pp"),
        ("peraturan presiden", "perpres"),
        ("keputusan presiden", "keppres"),
        ("instruksi presiden", "inpres"),
        ("peraturan menteri", "permen"),
        ("keputusan menteri", "kepmen"),
        ("peraturan daerah", "perda"),
        ("peraturan gubernur", "pergub"),
        ("keputusan gubernur", "kepgub"),
        ("peraturan walikota", "perwali"),
        ("peraturan wali kota", "perwali"),
        ("peraturan bupati", "perbup"),
    ];
    let lower = text.to_lowercase();
    let kind = KINDS
        .iter()
        .find(|(long, _)| lower.starts_with(long))
        .map(|(_, short)| (*short).to_owned())
        .or_else(|| words(text).into_iter().next());
    let all = words(text);
    let after = |word: &str| all.iter().position(|w| w == word).and_then(|i| all.get(i + 1)).cloned();
    match (kind, after("nomor"), after("tahun")) {
        (Some(kind), Some(nomor), Some(tahun)) => format!("{kind}_{nomor}_{tahun}"),
        _ => slug(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regulations_get_their_usual_short_names() {
        assert_eq!(law_key("Peraturan Daerah Kota Denpasar Nomor 8 Tahun 2016 Tentang Pembentukan"), "perda_8_2016");
        assert_eq!(law_key("Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi"), "uu_27_2022");
        assert_eq!(law_key("Perwali Nomor 13 Tahun 2017 Tentang Uraian Tugas"), "perwali_13_2017");
        assert_eq!(law_key("Pedoman Tata Naskah Dinas"), "pedoman_tata_naskah_dinas");
    }

    #[test]
    fn a_key_is_never_one_taken_and_never_a_yaml_word() {
        let mut taken: HashSet<String> = ["kabid".to_owned()].into();
        assert_eq!(choose(["kabid", "Kabid", "ya"].into_iter(), "Kepala Bidang", &mut taken), "kepala_bidang");
        assert_eq!(choose(std::iter::empty(), "Kepala Bidang", &mut taken), "kepala_bidang_2");
        assert_eq!(choose(["sandiman"].into_iter(), "JF Sandiman", &mut taken), "sandiman");
        assert_eq!(choose(std::iter::empty(), "2 Pegawai", &mut taken), "k_2_pegawai");
        assert!(!is_key("no") && !is_key("2a") && is_key("bps_kabkota"));
    }
}
