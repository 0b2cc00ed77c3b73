//! Time in a laporan: the mutu baku's free-text Waktu ("±15 Menit",
//! "1 x 8 jam", "±1 hari", "1 x 24 jam", "Menyesuaikan ...") read as a
//! duration, of working time or of calendar time, and durations written back
//! in Indonesian.
//!
//! The rule: "x 24 jam" (any count of 24 hours) and anything "kalender"
//! (hari kalender, minggu kalender) is calendar time, the clock running
//! through nights, weekends and holidays; everything else ("x 8 jam", "hari
//! kerja", "hari", "jam", "menit") is working time, counted in the project's
//! working hours (`[laporan]` jam_kerja, hari_kerja).

use crate::model::WorkingTime;

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

/// A mutu baku's Waktu read: its limit in minutes, of calendar time or of
/// working time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standard {
    pub minutes: u64,
    pub calendar: bool,
}

/// A Waktu text as a limit (see the module's rule); `None` when it states
/// no limit or cannot be read.
pub fn standard(text: &str, work: &WorkingTime) -> Option<Standard> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let day_of_24_hours = words.windows(2).any(|w| w[0] == "24" && w[1] == "jam");
    let kalender = words.iter().any(|w| w.starts_with("kalender"));
    if !(day_of_24_hours || kalender) {
        return standard_minutes(text, work).map(|minutes| Standard { minutes, calendar: false });
    }
    // Calendar time: the same reading with a calendar day of 24 hours and
    // a week of seven days.
    let calendar = WorkingTime::calendar();
    let week = if words.iter().any(|w| *w == "minggu" || *w == "pekan") { 7.0 / 5.0 } else { 1.0 };
    standard_minutes(text, &calendar).map(|m| Standard { minutes: (m as f64 * week).round() as u64, calendar: true })
}

/// Calendar minutes between two moments; `None` if `to` is before `from`.
pub fn calendar_between(from: crate::model::Moment, to: crate::model::Moment) -> Option<u64> {
    let minutes = |m: crate::model::Moment| m.date.unix_seconds() / 60 + i64::from(m.minute);
    u64::try_from(minutes(to) - minutes(from)).ok()
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
        WorkingTime::from_config(&crate::model::LaporanConfig::default()).unwrap()
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

    /// Minutes in a calendar day.
    const CALENDAR_DAY: u64 = 24 * 60;

    #[test]
    fn calendar_time_is_told_from_working_time() {
        let w = work();
        let of = |text: &str| standard(text, &w);
        assert_eq!(of("1 x 24 jam"), Some(Standard { minutes: CALENDAR_DAY, calendar: true }));
        assert_eq!(of("2 x 24 jam"), Some(Standard { minutes: 2 * CALENDAR_DAY, calendar: true }));
        assert_eq!(of("3 hari kalender"), Some(Standard { minutes: 3 * CALENDAR_DAY, calendar: true }));
        assert_eq!(of("1 minggu kalender"), Some(Standard { minutes: 7 * CALENDAR_DAY, calendar: true }));
        assert_eq!(of("1 x 8 jam"), Some(Standard { minutes: 480, calendar: false }));
        assert_eq!(of("3 hari kerja"), Some(Standard { minutes: 3 * 480, calendar: false }));
        assert_eq!(of("2 hari"), Some(Standard { minutes: 960, calendar: false }));
        assert_eq!(of("Menyesuaikan"), None);
        // A step started Monday 08:00 and done Wednesday 08:00 took two
        // calendar days: over "1 x 24 jam", within "3 hari kerja".
        let at = |t: &str| crate::model::Moment::parse(t).unwrap();
        let taken = calendar_between(at("2024-01-01 08:00"), at("2024-01-03 08:00")).unwrap();
        assert_eq!(taken, 2 * CALENDAR_DAY);
        assert!(taken > of("1 x 24 jam").unwrap().minutes);
        let working = w.between(at("2024-01-01 08:00"), at("2024-01-03 08:00")).unwrap();
        assert!(working <= of("3 hari kerja").unwrap().minutes);
    }

    #[test]
    fn durations_read_back_in_indonesian() {
        let w = work();
        assert_eq!(describe(45, &w), "45 menit");
        assert_eq!(describe(150, &w), "2 jam 30 menit");
        assert_eq!(describe(600, &w), "1 hari 2 jam");
    }
}
