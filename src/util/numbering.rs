//! Numbering styles shared across the documents: letters for off-page
//! connectors and spreadsheet columns (A..Z, AA..), lower-case roman page
//! numbers, and Indonesian ordinals for a decree's diktum (KESATU, KEDUA).

/// `0` -> `A`, `25` -> `Z`, `26` -> `AA`.
pub fn letters(index: usize) -> String {
    let mut n = index;
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Lower-case roman numerals, as page labels print them.
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// `1` -> `KESATU`, `2` -> `KEDUA`, `12` -> `KEDUA BELAS`, `21` -> `KEDUA PULUH SATU`.
pub fn diktum_ordinal(n: usize) -> String {
    if n == 1 { "KESATU".into() } else { format!("KE{}", number_words(n)) }
}

/// Indonesian number words in capitals, 1..=999.
pub fn number_words(n: usize) -> String {
    const ONES: [&str; 12] =
        ["", "SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN", "SEPULUH", "SEBELAS"];
    match n {
        0..=11 => ONES[n].into(),
        12..=19 => format!("{} BELAS", ONES[n - 10]),
        20..=99 => {
            let rest = if n.is_multiple_of(10) { String::new() } else { format!(" {}", ONES[n % 10]) };
            format!("{} PULUH{rest}", ONES[n / 10])
        }
        100..=199 => format!("SERATUS {}", number_words(n - 100)).trim_end().into(),
        _ => format!("{} RATUS {}", ONES[n / 100], number_words(n % 100)).trim_end().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_continue_past_z() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "i");
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(9), "ix");
        assert_eq!(roman(14), "xiv");
        assert_eq!(roman(40), "xl");
    }

    #[test]
    fn diktum_are_numbered_in_words() {
        assert_eq!(diktum_ordinal(1), "KESATU");
        assert_eq!(diktum_ordinal(4), "KEEMPAT");
        assert_eq!(diktum_ordinal(5), "KELIMA");
        assert_eq!(diktum_ordinal(11), "KESEBELAS");
        assert_eq!(diktum_ordinal(12), "KEDUA BELAS");
        assert_eq!(diktum_ordinal(20), "KEDUA PULUH");
        assert_eq!(diktum_ordinal(21), "KEDUA PULUH SATU");
    }
}
