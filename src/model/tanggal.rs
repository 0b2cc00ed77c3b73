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

    /// Parses `2023-09-27` or `27 September 2023`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let invalid = || format!("invalid date `{text}`: write it as YYYY-MM-DD, e.g. 2023-09-27");
        let parts: Vec<&str> = text.split('-').collect();
        if parts.len() == 3 && parts[0].len() == 4 {
            let numbers: Option<Vec<i32>> = parts.iter().map(|p| p.parse().ok()).collect();
            let numbers = numbers.ok_or_else(invalid)?;
            let (Ok(month), Ok(day)) = (u8::try_from(numbers[1]), u8::try_from(numbers[2])) else {
                return Err(invalid());
            };
            return Self::new(numbers[0], month, day).ok_or_else(invalid);
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        if let [day, month, year] = words[..] {
            let month = BULAN.iter().position(|b| b.eq_ignore_ascii_case(month)).ok_or_else(invalid)?;
            let (Ok(day), Ok(year)) = (day.parse::<u8>(), year.parse::<i32>()) else {
                return Err(invalid());
            };
            return Self::new(year, month as u8 + 1, day).ok_or_else(invalid);
        }
        Err(invalid())
    }

    /// `27 September 2023`.
    pub fn long(&self) -> String {
        format!("{:02} {} {}", self.day, BULAN[self.month as usize - 1], self.year)
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
    fn unix_seconds_match_known_dates() {
        assert_eq!(Tanggal::new(1970, 1, 1).unwrap().unix_seconds(), 0);
        assert_eq!(Tanggal::new(2023, 9, 27).unwrap().unix_seconds(), 1_695_772_800);
    }
}
