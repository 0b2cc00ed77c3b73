//! Time in a laporan: the mutu baku's free-text Waktu ("±15 Menit",
//! "1 x 8 jam", "±1 hari", "Menyesuaikan ...") read as a duration, and the
//! working time between a step's start and finish, counted in the
//! project's working hours and days.

use serde::{Deserialize, Serialize};

use crate::model::Tanggal;

/// `[laporan]` in sopkit.toml: working hours and days, default signers.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LaporanConfig {
    /// Start and end of a working day, "HH:MM".
    pub jam_kerja: [String; 2],
    /// Working days, Senin..Minggu.
    pub hari_kerja: Vec<String>,
    /// Keys of `[officials]` who sign a report whose record names no signers.
    pub penandatangan: Vec<String>,
}

impl Default for LaporanConfig {
    fn default() -> Self {
        Self {
            jam_kerja: ["08:00".into(), "16:00".into()],
            hari_kerja: ["senin", "selasa", "rabu", "kamis", "jumat"].map(String::from).to_vec(),
            penandatangan: Vec::new(),
        }
    }
}

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
    pub fn from_config(config: &LaporanConfig) -> Result<Self, String> {
        let start =
            clock(&config.jam_kerja[0]).ok_or_else(|| format!("`{}` is not a time (HH:MM)", config.jam_kerja[0]))?;
        let end =
            clock(&config.jam_kerja[1]).ok_or_else(|| format!("`{}` is not a time (HH:MM)", config.jam_kerja[1]))?;
        if end <= start {
            return Err("the working day must end after it starts".into());
        }
        let mut days = [false; 7];
        for day in &config.hari_kerja {
            let normal = day.to_lowercase().replace('\'', "");
            let index = HARI
                .iter()
                .position(|d| *d == normal)
                .ok_or_else(|| format!("`{day}` is not a day (senin, selasa, rabu, kamis, jumat, sabtu, minggu)"))?;
            days[index] = true;
        }
        if !days.contains(&true) {
            return Err("at least one working day is needed".into());
        }
        Ok(Self { start, end, days })
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

/// A date as ISO, dd-mm-yyyy or Indonesian long text.
pub fn parse_date(text: &str) -> Option<Tanggal> {
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    if let [d, m, y] = parts[..]
        && y.len() == 4
    {
        return Tanggal::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    }
    Tanggal::parse(text).ok()
}

/// A Waktu text read as minutes of working time; `None` when it states no
/// limit ("Menyesuaikan ...") or cannot be read. Numbers before the unit
/// multiply ("1 x 8 jam"); of a range ("10-15 menit") the upper bound
/// counts; "hari" is a working day, "minggu" five of them.
pub fn standard_minutes(text: &str, work: &WorkingTime) -> Option<u64> {
    let lower = text.to_lowercase().replace(',', ".");
    let unit_at = |words: &[&str]| words.iter().filter_map(|w| lower.find(w).map(|i| (i, w.len()))).min();
    let units: [(&[&str], f64); 4] = [
        (&["menit", "mnt"], 1.0),
        (&["jam"], 60.0),
        (&["hari"], f64::from(work.day_minutes())),
        (&["minggu", "pekan"], 5.0 * f64::from(work.day_minutes())),
    ];
    // The first unit written decides.
    let (at, factor) =
        units.iter().filter_map(|(words, factor)| unit_at(words).map(|(i, _)| (i, *factor))).min_by_key(|(i, _)| *i)?;
    let numbers: Vec<f64> = lower[..at]
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|n| n.trim_matches('.').parse::<f64>().ok())
        .collect();
    let before_unit = &lower[..at];
    let amount = if numbers.is_empty() {
        return None;
    } else if before_unit.contains(['x', '×', '*']) {
        numbers.iter().product()
    } else {
        // "10-15 menit", "10 s.d. 15 menit": the upper bound.
        numbers.iter().copied().fold(0.0, f64::max)
    };
    (amount > 0.0).then(|| (amount * factor).round() as u64)
}

/// Minutes as Indonesian text: "45 menit", "2 jam 30 menit", "1 hari 2 jam".
pub fn describe(minutes: u64, work: &WorkingTime) -> String {
    let day = u64::from(work.day_minutes());
    let (days, rest) = if minutes >= day { (minutes / day, minutes % day) } else { (0, minutes) };
    let (hours, mins) = (rest / 60, rest % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} hari"));
    }
    if hours > 0 {
        parts.push(format!("{hours} jam"));
    }
    if mins > 0 || parts.is_empty() {
        parts.push(format!("{mins} menit"));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work() -> WorkingTime {
        WorkingTime::from_config(&LaporanConfig::default()).unwrap()
    }

    #[test]
    fn waktu_texts_of_the_seeds_are_durations() {
        let w = work();
        assert_eq!(standard_minutes("±15 Menit", &w), Some(15));
        assert_eq!(standard_minutes("5 menit", &w), Some(5));
        assert_eq!(standard_minutes("1 x 8 jam", &w), Some(480));
        assert_eq!(standard_minutes("7 x 8 jam", &w), Some(3360));
        assert_eq!(standard_minutes("±1 hari", &w), Some(480));
        assert_eq!(standard_minutes("1,5 jam", &w), Some(90));
        assert_eq!(standard_minutes("10-15 menit", &w), Some(15));
        assert_eq!(standard_minutes("1 minggu", &w), Some(2400));
        assert_eq!(standard_minutes("Menyesuaikan pada proses yang dijalankan", &w), None);
        assert_eq!(standard_minutes("", &w), None);
    }

    #[test]
    fn working_time_skips_nights_and_weekends() {
        let w = work();
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

    #[test]
    fn durations_read_back_in_indonesian() {
        let w = work();
        assert_eq!(describe(45, &w), "45 menit");
        assert_eq!(describe(150, &w), "2 jam 30 menit");
        assert_eq!(describe(600, &w), "1 hari 2 jam");
    }
}
