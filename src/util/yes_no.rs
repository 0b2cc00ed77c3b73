//! Yes and no as clerks write them in definitions and settings: `ya` and
//! `tidak` as well as YAML's `true` and `false`.

/// Whether a word means yes or no the way clerks write it: `ya`/`tidak`
/// besides YAML's `true`/`false`.
pub fn yes_no(word: &str) -> Option<bool> {
    match word.trim().to_lowercase().as_str() {
        "ya" | "y" | "yes" | "true" | "benar" | "iya" => Some(true),
        "tidak" | "t" | "no" | "false" | "salah" | "tdk" => Some(false),
        _ => None,
    }
}

/// Deserialises a yes/no field from `true`/`false` or `ya`/`tidak`.
pub fn deserialize_yes_no<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("`ya` or `tidak` (true or false)")
        }
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<bool, E> {
            Ok(v)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<bool, E> {
            yes_no(v).ok_or_else(|| E::custom(crate::tr!("yes-no-invalid", word = v)))
        }
    }
    deserializer.deserialize_any(Visitor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_in_indonesian() {
        assert_eq!(
            (yes_no("ya"), yes_no("Tidak"), yes_no("true"), yes_no("mungkin")),
            (Some(true), Some(false), Some(true), None)
        );
    }
}
