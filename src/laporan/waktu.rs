//! Time in a laporan: the mutu baku's free-text Waktu ("±15 Menit",
//! "1 x 8 jam", "±1 hari", "Menyesuaikan ...") read as a duration of the
//! project's working time, and durations written back in Indonesian.

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

    #[test]
    fn durations_read_back_in_indonesian() {
        let w = work();
        assert_eq!(describe(45, &w), "45 menit");
        assert_eq!(describe(150, &w), "2 jam 30 menit");
        assert_eq!(describe(600, &w), "1 hari 2 jam");
    }
}
