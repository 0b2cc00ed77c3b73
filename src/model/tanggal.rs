//! Dates as SOPs and decrees print them: a calendar date read from
//! `2023-09-27` or `27 September 2023`, printed long or short.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

pub const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// How a long date prints its day: with a leading zero (`02 Januari 2025`)
/// or without (`2 Januari 2025`), as most agencies print it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DayStyle {
    #[default]
    Padded,
    Plain,
}

/// A calendar date. Written `2023-09-27` (YAML string or TOML date) or in
/// Indonesian, `27 September 2023`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tanggal {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Tanggal {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Self { year, month, day })
    }

    /// The one date reader of every input (definitions, `sopkit.toml`, the
    /// keputusan, run records, spreadsheets): `2023-09-27`, `27-09-2023`,
    /// `27/09/2023`, `27.09.2023`, and `27 September 2023` with the month as
    /// clerks write it (old spellings Pebruari and Nopember, short forms such
    /// as Sept or Agt, English names). An impossible date says why.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let invalid = || crate::tr!("date-invalid", text = text);
        let numbers = |parts: &[&str]| -> Option<Vec<i32>> { parts.iter().map(|p| p.trim().parse().ok()).collect() };
        let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
        if parts.len() == 3 {
            let n = numbers(&parts).ok_or_else(invalid)?;
            let (year, month, day) = if parts[0].trim().len() == 4 {
                (n[0], n[1], n[2])
            } else if parts[2].trim().len() == 4 {
                (n[2], n[1], n[0])
            } else {
                return Err(invalid());
            };
            return Self::checked(text, year, month, day);
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        // "Oktober 2024": a month, but which day of it only the clerk knows.
        if let [month, year] = words[..]
            && month_number(month).is_some()
            && year.len() == 4
            && year.parse::<i32>().is_ok()
        {
            return Err(crate::tr!("date-no-day-given", text = text, month = month));
        }
        if let [day, month, year] = words[..] {
            let month =
                month_number(month).ok_or_else(|| crate::tr!("date-no-month-name", text = text, month = month))?;
            let (Ok(day), Ok(year)) = (day.trim_end_matches(',').parse::<i32>(), year.parse::<i32>()) else {
                return Err(invalid());
            };
            return Self::checked(text, year, month as i32, day);
        }
        Err(invalid())
    }

    /// A date from its numbers, or why there is none.
    fn checked(text: &str, year: i32, month: i32, day: i32) -> Result<Self, String> {
        if !(1..=12).contains(&month) {
            return Err(crate::tr!("date-no-month", text = text, month = month));
        }
        let fits = u8::try_from(day).ok().and_then(|d| Self::new(year, month as u8, d));
        fits.ok_or_else(|| {
            let days = (28..=31).rev().find(|&d| Self::new(year, month as u8, d).is_some()).unwrap_or(28);
            crate::tr!("date-no-day", text = text, month = BULAN[month as usize - 1], year = year, days = days)
        })
    }

    /// `27 September 2023`, `09 Januari 2023`.
    pub fn long(&self) -> String {
        self.long_in(DayStyle::Padded)
    }

    /// `09 Januari 2023`, or `9 Januari 2023` in the plain style.
    pub fn long_in(&self, style: DayStyle) -> String {
        let month = BULAN[self.month as usize - 1];
        match style {
            DayStyle::Padded => format!("{:02} {month} {}", self.day, self.year),
            DayStyle::Plain => format!("{} {month} {}", self.day, self.year),
        }
    }

    /// `27-09-2023`, as in the lampiran table.
    pub fn short(&self) -> String {
        format!("{:02}-{:02}-{}", self.day, self.month, self.year)
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
    pub fn from_unix_days(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = i32::try_from(yoe + era * 400 + i64::from(month <= 2)).ok()?;
        Self::new(year, month, day)
    }

    /// Seconds since the Unix epoch at midnight UTC.
    pub fn unix_seconds(&self) -> i64 {
        // Days from civil, after Howard Hinnant's algorithm.
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400
    }
}

/// A month's number from its name as clerks write it, in any case:
/// Indonesian or English, whole or short (Jan, Agt, Ags, Sept, Okt, Nop,
/// Des), old spellings (Pebruari, Nopember) and slips that keep a month's
/// first three letters (Agutus, Novermber). Fewer than three letters name
/// no month (Ju could be Juni or Juli).
pub fn month_number(name: &str) -> Option<u8> {
    const ENGLISH: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    const OTHER: [(&str, u8); 6] = [("peb", 2), ("agt", 8), ("ags", 8), ("okt", 10), ("nop", 11), ("des", 12)];
    let word = name.trim().trim_end_matches('.').to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    let number = |i: usize| Some(i as u8 + 1);
    BULAN
        .iter()
        .map(|b| b.to_lowercase())
        .position(|b| b.starts_with(&word) || word.starts_with(&b[..3]))
        .and_then(number)
        .or_else(|| ENGLISH.iter().position(|e| word.starts_with(e)).and_then(number))
        .or_else(|| OTHER.iter().find(|(o, _)| word.starts_with(o)).map(|&(_, m)| m))
}

impl fmt::Display for Tanggal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Tanggal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Tanggal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Tanggal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2023-09-27")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Tanggal, E> {
                Tanggal::parse(v).map_err(E::custom)
            }
            // TOML dates arrive as a one-entry map holding their text.
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Tanggal, A::Error> {
                let Some((_, text)) = map.next_entry::<String, String>()? else {
                    return Err(serde::de::Error::custom("expected a date such as 2023-09-27"));
                };
                Tanggal::parse(&text).map_err(serde::de::Error::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_both_spellings_and_reject_impossible_days() {
        assert_eq!(Tanggal::parse("2023-09-27").unwrap(), Tanggal::new(2023, 9, 27).unwrap());
        assert_eq!(Tanggal::parse("27 September 2023").unwrap().long(), "27 September 2023");
        assert_eq!(Tanggal::parse("09 januari 2023").unwrap().short(), "09-01-2023");
        assert!(Tanggal::parse("2023-02-30").is_err());
        assert!(Tanggal::parse("2024-02-29").is_ok());
        assert!(Tanggal::parse("kemarin").is_err());
    }

    #[test]
    fn a_long_date_has_its_leading_zero_only_in_the_padded_style() {
        let date = Tanggal::new(2025, 1, 2).unwrap();
        assert_eq!(date.long(), "02 Januari 2025");
        assert_eq!(date.long_in(DayStyle::Plain), "2 Januari 2025");
        assert_eq!(Tanggal::new(2025, 1, 12).unwrap().long_in(DayStyle::Plain), "12 Januari 2025");
    }

    #[test]
    fn dates_are_read_as_clerks_write_them() {
        let date = Tanggal::new(2024, 3, 1).unwrap();
        for text in
            ["2024-03-01", "01-03-2024", "1/3/2024", "01.03.2024", "1 Maret 2024", "01 MARET 2024", "1 Mar 2024"]
        {
            assert_eq!(Tanggal::parse(text), Ok(date), "{text}");
        }
        for (text, month) in [
            ("12 Pebruari 2024", 2),
            ("3 Nopember 2023", 11),
            ("17 Agutus 2023", 8),
            ("17 Agt. 2023", 8),
            ("5 Sept 2023", 9),
            ("5 October 2023", 10),
            ("3 Novermber 2023", 11),
        ] {
            assert_eq!(Tanggal::parse(text).map(|d| d.month), Ok(month), "{text}");
        }
    }

    #[test]
    fn one_month_reader_tolerates_the_slips_clerks_make() {
        for (written, month) in [
            ("Januari", 1),
            ("PEBRUARI", 2),
            ("Febuari", 2),
            ("mar", 3),
            ("Mei", 5),
            ("May", 5),
            ("Juni", 6),
            ("Jul.", 7),
            ("Agutus", 8),
            ("Agustur", 8),
            ("Ags", 8),
            ("Sepember", 9),
            ("Okt", 10),
            ("Novermber", 11),
            ("Nop", 11),
            ("Desmber", 12),
            ("December", 12),
        ] {
            assert_eq!(month_number(written), Some(month), "{written}");
        }
        for not_a_month in ["Ju", "", "Bulan", "2024", "Senin"] {
            assert_eq!(month_number(not_a_month), None, "{not_a_month}");
        }
    }

    #[test]
    fn an_impossible_date_says_why() {
        assert_eq!(Tanggal::parse("31-02-2024").unwrap_err(), "`31-02-2024` is not a date: Februari 2024 has 29 days");
        assert_eq!(Tanggal::parse("2023-02-29").unwrap_err(), "`2023-02-29` is not a date: Februari 2023 has 28 days");
        assert_eq!(
            Tanggal::parse("12-13-2024").unwrap_err(),
            "`12-13-2024` is not a date: there is no month 13 (months are 1 to 12)"
        );
        assert_eq!(Tanggal::parse("31 Juni 2024").unwrap_err(), "`31 Juni 2024` is not a date: Juni 2024 has 30 days");
        assert!(Tanggal::parse("12 Bulan 2024").unwrap_err().contains("`Bulan` is not a month"));
        assert!(Tanggal::parse("24-1-5").unwrap_err().contains("write it as 2023-09-27"));
    }

    #[test]
    fn unix_seconds_match_known_dates() {
        assert_eq!(Tanggal::new(1970, 1, 1).unwrap().unix_seconds(), 0);
        assert_eq!(Tanggal::new(2023, 9, 27).unwrap().unix_seconds(), 1_695_772_800);
    }
}
