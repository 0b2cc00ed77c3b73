//! Working time (`[laporan]` jam_kerja and hari_kerja, read once into
//! minutes and weekdays) and moments of a run: what the working time
//! between a step's start and finish is counted in.

use super::Tanggal;

pub const HARI: [&str; 7] = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"];

/// Working hours resolved to minutes: a day's window and the working
/// weekdays (0 = Senin).
#[derive(Debug, Clone, Copy)]
pub struct WorkingTime {
    pub start: u32,
    pub end: u32,
    pub days: [bool; 7],
}

impl WorkingTime {
    pub fn from_config(config: &super::LaporanConfig) -> Result<Self, String> {
        let start =
            clock(&config.jam_kerja[0]).ok_or_else(|| crate::tr!("working-not-a-time", text = config.jam_kerja[0]))?;
        let end =
            clock(&config.jam_kerja[1]).ok_or_else(|| crate::tr!("working-not-a-time", text = config.jam_kerja[1]))?;
        if end <= start {
            return Err(crate::tr!("working-day-backwards"));
        }
        let mut days = [false; 7];
        for day in &config.hari_kerja {
            let normal = day.to_lowercase().replace('\'', "");
            let index =
                HARI.iter().position(|d| *d == normal).ok_or_else(|| crate::tr!("working-not-a-day", day = day))?;
            days[index] = true;
        }
        if !days.contains(&true) {
            return Err(crate::tr!("working-no-day"));
        }
        Ok(Self { start, end, days })
    }

    /// The clock itself: every day, around the clock (calendar time).
    pub fn calendar() -> Self {
        Self { start: 0, end: 24 * 60, days: [true; 7] }
    }

    /// Minutes in one working day.
    pub fn day_minutes(&self) -> u32 {
        self.end - self.start
    }

    /// Working minutes between two moments (a moment outside working hours
    /// counts from the next working minute). `None` if `to` is before `from`.
    pub fn between(&self, from: Moment, to: Moment) -> Option<u64> {
        if to < from {
            return None;
        }
        let mut total = 0u64;
        let (first, last) = (from.date.unix_seconds() / 86_400, to.date.unix_seconds() / 86_400);
        // Long spans are counted per whole week after the first one.
        for day in first..=last.min(first + 3660) {
            // 1970-01-01 was a Thursday (index 3).
            if !self.days[((day + 3).rem_euclid(7)) as usize] {
                continue;
            }
            let open = if day == first { from.minute.max(self.start) } else { self.start };
            let close = if day == last { to.minute.min(self.end) } else { self.end };
            total += u64::from(close.saturating_sub(open));
        }
        Some(total)
    }
}

/// "HH:MM" -> minutes after midnight.
fn clock(text: &str) -> Option<u32> {
    let (h, m) = text.trim().split_once([':', '.'])?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
}

/// A date and a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moment {
    pub date: Tanggal,
    pub minute: u32,
}

impl Moment {
    /// `2024-01-02 08:00`, `2024-01-02T08:00`, `02-01-2024 08.00`,
    /// `2 Januari 2024 08:00`, or a date alone (start of day).
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (date, time) = match text.rsplit_once([' ', 'T']) {
            Some((date, time)) if clock(time).is_some() => (date.trim(), Some(time)),
            _ => (text, None),
        };
        let date =
            parse_date(date).ok_or_else(|| format!("`{text}` is not a date and time (e.g. 2024-01-02 08:00)"))?;
        let minute = time.and_then(clock).unwrap_or(0);
        Ok(Self { date, minute })
    }

    pub fn long(&self) -> String {
        format!("{} {:02}.{:02}", self.date.short(), self.minute / 60, self.minute % 60)
    }
}

/// A date as every input writes it (`Tanggal::parse`).
fn parse_date(text: &str) -> Option<Tanggal> {
    Tanggal::parse(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_time_skips_nights_and_weekends() {
        let w = WorkingTime::from_config(&super::super::LaporanConfig::default()).unwrap();
        let at = |t: &str| Moment::parse(t).unwrap();
        assert_eq!(w.between(at("2024-01-02 08:00"), at("2024-01-02 08:40")), Some(40));
        // Tuesday 15:00 to Wednesday 09:00: one hour each day.
        assert_eq!(w.between(at("2024-01-02 15:00"), at("2024-01-03 09:00")), Some(120));
        // Friday 15:00 to Monday 09:00 (5-8 January 2024).
        assert_eq!(w.between(at("2024-01-05 15:00"), at("2024-01-08 09:00")), Some(120));
        assert_eq!(w.between(at("2024-01-03 09:00"), at("2024-01-02 09:00")), None);
        assert_eq!(at("2 Januari 2024 08.30").minute, 510);
        assert!(Moment::parse("kemarin sore").is_err());
    }
}
