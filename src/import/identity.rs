//! Load: the identity part of a legacy SOP (Nomor SOP, dates, Disahkan
//! oleh, Nama SOP, Dasar Hukum and the other lists), read as label/value
//! pairs wherever they stand: the value in the label's own cell after a
//! colon, to its right (past a cell holding only ":"), or below it; labels
//! matched through the drift and typos real documents carry.

use std::collections::BTreeSet;
use std::ops::Range;

use super::definition::Imported;
use super::workbook::{Merge, Sheet};
use super::{Problem, Used};
use crate::load::spreadsheet::{cell_date, normalise};
use crate::model::{BULAN, Pejabat, Revisi, Tanggal};
use crate::util::text::edit_distance;
use crate::util::text::{near, squash};

/// An identity field, by the labels it goes by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Nomor,
    Pembuatan,
    Revisi,
    Efektif,
    Disahkan,
    Nama,
    DasarHukum,
    Kualifikasi,
    Keterkaitan,
    Peralatan,
    Peringatan,
    Pencatatan,
    Pembaharuan,
}

/// Normalised labels (lower case, letters and digits) per field. Fuzzy
/// matching covers small typos beyond these.
const LABELS: &[(Field, &[&str])] = &[
    (Field::Nomor, &["nomorsop", "nosop", "nomor", "no"]),
    (Field::Pembuatan, &["tglpembuatan", "tanggalpembuatan", "tglpembuatansop", "tanggaldibuat", "tgldibuat"]),
    (Field::Revisi, &["tglrevisi", "tanggalrevisi", "tglrevisisop"]),
    (Field::Efektif, &["tglefektif", "tanggalefektif", "tglberlaku", "tanggalberlaku", "masaberlaku"]),
    (Field::Disahkan, &["disahkanoleh", "disyahkanoleh", "ditetapkanoleh", "disahkan"]),
    (Field::Nama, &["namasop", "judulsop", "namaprosedur"]),
    (Field::DasarHukum, &["dasarhukum", "landasanhukum"]),
    (Field::Kualifikasi, &["kualifikasipelaksana", "kualifikasi"]),
    // "Keterikatan" is a typo found in real sheets.
    (Field::Keterkaitan, &["keterkaitan", "keterikatan", "keterkaitandengansoplain", "sopterkait"]),
    (Field::Peralatan, &["peralatanperlengkapan", "peralatandanperlengkapan", "peralatan", "perlengkapan"]),
    (Field::Peringatan, &["peringatan"]),
    (Field::Pencatatan, &["pencatatandanpendataan", "pencatatanpendataan", "pencatatan"]),
    (Field::Pembaharuan, &["pembaharuan", "pembaruan", "riwayatperubahan"]),
];

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Nomor => "Nomor SOP",
            Field::Pembuatan => "Tgl. Pembuatan",
            Field::Revisi => "Tgl. Revisi",
            Field::Efektif => "Tgl. Efektif",
            Field::Disahkan => "Disahkan oleh",
            Field::Nama => "Nama SOP",
            Field::DasarHukum => "Dasar Hukum",
            Field::Kualifikasi => "Kualifikasi Pelaksana",
            Field::Keterkaitan => "Keterkaitan",
            Field::Peralatan => "Peralatan/Perlengkapan",
            Field::Peringatan => "Peringatan",
            Field::Pencatatan => "Pencatatan dan Pendataan",
            Field::Pembaharuan => "Pembaharuan",
        }
    }

    fn is_list(self) -> bool {
        matches!(
            self,
            Field::DasarHukum
                | Field::Kualifikasi
                | Field::Keterkaitan
                | Field::Peralatan
                | Field::Peringatan
                | Field::Pencatatan
                | Field::Pembaharuan
        )
    }

    /// The fields an SOP cannot do without.
    pub const REQUIRED: [Field; 4] = [Field::Nomor, Field::Nama, Field::Pembuatan, Field::Efektif];
}

/// Which field a label text names, tolerating typos (`text::near`); the
/// closest label wins.
pub fn field_of(text: &str) -> Option<Field> {
    let key = normalise(text);
    if key.is_empty() || key.len() > 40 {
        return None;
    }
    let exact = LABELS.iter().find(|(_, names)| names.contains(&key.as_str())).map(|(f, _)| *f);
    exact.or_else(|| {
        LABELS
            .iter()
            .flat_map(|(field, names)| names.iter().map(move |n| (*field, *n)))
            .filter(|(_, name)| near(&key, name))
            .min_by_key(|(_, name)| edit_distance(&key, name))
            .map(|(field, _)| field)
    })
}

/// A label cell: the field, and a value written in the same cell after a
/// colon ("Nomor SOP : 061/2293/DKIS").
fn label_in(text: &str) -> Option<(Field, Option<String>)> {
    // "No" alone is the procedure table's number column, not a label.
    if normalise(text) == "no" {
        return None;
    }
    if let Some(field) = field_of(text) {
        return Some((field, None));
    }
    let (label, value) = text.split_once([':', '：'])?;
    let field = field_of(label)?;
    let value = value.trim();
    Some((field, (!value.is_empty()).then(|| value.to_owned())))
}

/// Kop lines and titles that stand around the identity: kept as comments.
pub fn is_kop_line(text: &str) -> bool {
    const STARTS: [&str; 16] = [
        "pemerintah",
        "dinas",
        "badan",
        "bidang",
        "sub bagian",
        "subbagian",
        "sekretariat",
        "upt",
        "kantor",
        "kecamatan",
        "kelurahan",
        "seksi",
        "inspektorat",
        "jalan",
        "jl.",
        "(",
    ];
    let lower = text.to_lowercase();
    STARTS.iter().any(|s| lower.starts_with(s)) || lower.contains("telp")
}

pub fn is_title(text: &str) -> bool {
    let key = normalise(text);
    key.starts_with("standaroperasionalprosedur")
        || key.starts_with("standardoperationalprocedure")
        || key == "sop"
        || key.starts_with("prosedurtetap")
}

/// What reading the identity part found besides the values: which labels,
/// the kop lines and titles, and what it could not place.
#[derive(Debug, Default)]
pub struct IdentityReading {
    pub found: BTreeSet<Field>,
    pub kop: Vec<String>,
    pub titles: Vec<String>,
    /// Problems: cell and message.
    pub problems: Vec<Problem>,
}

struct Label {
    field: Field,
    row: u32,
    span: Merge,
    inline: Option<String>,
}

/// Counts the identity labels in `rows` of a sheet (to tell identity
/// sheets from others).
pub fn label_count(sheet: &Sheet, rows: Range<u32>) -> usize {
    let mut fields = BTreeSet::new();
    for data in sheet.cells.range((rows.start, 0)..(rows.end, 0)).map(|(_, d)| d) {
        if let Some((field, _)) = label_in(&squash(&data.to_string())) {
            fields.insert(field);
        }
    }
    fields.len()
}

/// Reads the identity in `rows` of `sheet` into `sop`.
pub fn read(sheet: &Sheet, rows: Range<u32>, used: &mut Used, sop: &mut Imported) -> IdentityReading {
    let mut identity = IdentityReading::default();
    let mut labels: Vec<Label> = Vec::new();
    for (&(r, c), data) in sheet.cells.range((rows.start, 0)..(rows.end, 0)) {
        let text = squash(&data.to_string());
        if let Some((field, inline)) = label_in(&text) {
            labels.push(Label { field, row: r, span: sheet.span(r, c), inline });
        }
    }
    let is_label: BTreeSet<(u32, u32)> = labels.iter().map(|l| (l.span.top, l.span.left)).collect();
    for label in &labels {
        used.take(sheet, label.span.top, label.span.left);
        let texts = values(sheet, label, &is_label, rows.clone(), used);
        if identity.found.contains(&label.field) {
            // The same label again (a cover page repeating the identity).
            continue;
        }
        identity.found.insert(label.field);
        let at = (label.span.top, label.span.left);
        if let Err(problem) = apply(sheet, label, &texts, sop) {
            identity.problems.push((at, problem));
        }
    }
    for (&(r, c), data) in sheet.cells.range((rows.start, 0)..(rows.end, 0)) {
        if used.contains(sheet, r, c) {
            continue;
        }
        let text = squash(&data.to_string());
        if is_title(&text) {
            identity.titles.push(text);
            used.take(sheet, r, c);
        } else if is_kop_line(&text) && r < labels.first().map_or(rows.end, |l| l.row + 1) {
            identity.kop.push(text);
            used.take(sheet, r, c);
        }
    }
    identity
}

/// A value as read: the cells' texts (line breaks kept) and, for dates,
/// the first cell's raw data.
struct Value {
    texts: Vec<String>,
    first: Option<(u32, u32)>,
}

/// Finds the value cells of a label and marks them used.
fn values(sheet: &Sheet, label: &Label, labels: &BTreeSet<(u32, u32)>, rows: Range<u32>, used: &mut Used) -> Value {
    let mut value = Value { texts: Vec::new(), first: None };
    if let Some(inline) = &label.inline {
        value.texts.push(inline.clone());
    }
    let list = label.field.is_list() || label.field == Field::Disahkan;
    let is_colon = |text: &str| matches!(text, ":" | "：");
    let r = label.span.top;
    // To the right, past ":" cells, up to the next label.
    let mut right = None;
    for c in label.span.right + 1..label.span.right + 40 {
        let text = sheet.text(r, c);
        if text.is_empty() {
            continue;
        }
        if labels.contains(&(r, c)) {
            break;
        }
        if is_colon(&text) {
            used.take(sheet, r, c);
            continue;
        }
        right = Some(c);
        break;
    }
    let take = |row: u32, col: u32, value: &mut Value, used: &mut Used| -> bool {
        let text = sheet.lines(row, col);
        if text.is_empty() || is_colon(&text) {
            return false;
        }
        used.take(sheet, row, col);
        value.first.get_or_insert((row, col));
        // A number in its own cell ("1.") with the item's text beside it.
        if is_marker(&text) {
            let beside = (col + 1..col + 4).find(|&c| !sheet.text(row, c).is_empty());
            if let Some(c) = beside {
                used.take(sheet, row, c);
                value.texts.push(format!("{text} {}", sheet.lines(row, c)));
                return true;
            }
        }
        value.texts.push(text);
        true
    };
    if let Some(vc) = right {
        take(r, vc, &mut value, used);
        if list {
            // Items continue down the value column while the label column
            // stays empty.
            let below = sheet.span(r, vc).bottom + 1;
            for rr in below..rows.end {
                let left_filled = (label.span.left..vc).any(|c| {
                    let t = sheet.text(rr, c);
                    !t.is_empty() && !is_colon(&t)
                });
                if left_filled || labels.iter().any(|&(lr, _)| lr == rr) {
                    break;
                }
                take(rr, vc, &mut value, used);
            }
        }
        return value;
    }
    // Below, within the label's columns, up to the next label.
    let mut blanks = 0;
    for rr in label.span.bottom + 1..rows.end {
        if labels.iter().any(|&(lr, lc)| lr == rr && lc <= label.span.right + 1 && lc >= label.span.left) {
            break;
        }
        let title = (label.span.left..=label.span.right).any(|c| is_title(&sheet.text(rr, c)));
        if title {
            break;
        }
        let mut any = false;
        for c in label.span.left..=label.span.right {
            if !used.contains(sheet, rr, c) && take(rr, c, &mut value, used) {
                any = true;
            }
        }
        if any {
            blanks = 0;
            if !list {
                break;
            }
        } else {
            blanks += 1;
            if blanks >= 2 && !value.texts.is_empty() {
                break;
            }
        }
    }
    value
}

/// "1", "1.", "1)", "a.": a list number standing alone.
fn is_marker(text: &str) -> bool {
    let core = text.trim_end_matches(['.', ')']);
    !core.is_empty()
        && core.len() <= 3
        && (core.chars().all(|c| c.is_ascii_digit())
            || (core.len() == 1 && text.len() == 2 && core.chars().all(|c| c.is_ascii_lowercase())))
}

fn apply(sheet: &Sheet, label: &Label, value: &Value, sop: &mut Imported) -> Result<(), String> {
    let joined = squash(&value.texts.join(" "));
    let raw = value.first.and_then(|(r, c)| sheet.data(r, c)).filter(|_| label.inline.is_none());
    let date = |required: bool| -> Result<Option<(Tanggal, Option<Tanggal>)>, String> {
        if joined.is_empty() || is_nil(&joined) {
            return if required { Err(crate::tr!("identity-no-value", field = label.field.label())) } else { Ok(None) };
        }
        if let Some(data) = raw
            && !matches!(data, calamine::Data::String(_))
        {
            return cell_date(data).map(|d| Some((d, None)));
        }
        dates(&joined).map(Some)
    };
    let identity = &mut sop.identity;
    match label.field {
        Field::Nomor => {
            identity.nomor = non_empty(&joined, label.field)?;
            sop.found("nomor");
        }
        Field::Nama => {
            identity.nama = non_empty(&joined, label.field)?;
            sop.found("nama");
        }
        Field::Pembuatan => {
            if let Some((date, _)) = date(true)? {
                identity.tanggal_pembuatan = date;
                sop.found("tanggal_pembuatan");
            }
        }
        Field::Revisi => identity.tanggal_revisi = date(false)?.map(|(d, _)| d),
        Field::Efektif => {
            if let Some((from, until)) = date(true)? {
                identity.tanggal_efektif = from;
                identity.berlaku_sampai = until;
                sop.found("tanggal_efektif");
            }
        }
        Field::Disahkan => identity.disahkan_oleh = signer(&value.texts.join("\n")),
        Field::DasarHukum => identity.dasar_hukum = items(&value.texts),
        Field::Kualifikasi => identity.kualifikasi_pelaksana = items(&value.texts),
        Field::Keterkaitan => identity.keterkaitan = items(&value.texts),
        Field::Peralatan => identity.peralatan_perlengkapan = items(&value.texts),
        Field::Peringatan => identity.peringatan = items(&value.texts),
        Field::Pencatatan => identity.pencatatan_pendataan = items(&value.texts),
        Field::Pembaharuan => {
            // "Pembaharuan terkait SOP ini meliputi: 1. ..." — the lead-in
            // before the numbered items is not a change.
            let texts: Vec<String> = value
                .texts
                .iter()
                .map(|t| match t.split_once(':') {
                    Some((lead, rest)) if starts_with_marker(rest.trim()) && !starts_with_marker(lead) => {
                        rest.trim().to_owned()
                    }
                    _ => t.clone(),
                })
                .collect();
            identity.revisi = items(&texts).into_iter().map(|perubahan| Revisi { tanggal: None, perubahan }).collect();
        }
    }
    Ok(())
}

fn non_empty(text: &str, field: Field) -> Result<String, String> {
    if text.is_empty() || is_nil(text) {
        Err(crate::tr!("identity-no-value", field = field.label()))
    } else {
        Ok(text.into())
    }
}

/// "-" and its kin: written for "none".
fn is_nil(text: &str) -> bool {
    matches!(text.trim(), "-" | "–" | "—" | "--" | "Tidak ada" | "tidak ada" | "N/A")
}

/// List items from cells: numbered items ("1. ... 2. ...", in one cell or
/// over several), bullet lines, or one item per cell.
pub fn items(texts: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for text in texts {
        if is_nil(text) {
            continue;
        }
        let numbered = split_numbered(text);
        if numbered.len() > 1 || starts_with_marker(text) {
            out.extend(numbered);
            continue;
        }
        let lines: Vec<String> = text.lines().map(strip_bullet).filter(|l| !l.is_empty()).collect();
        out.extend(lines);
    }
    out.into_iter().map(|i| squash(&i)).filter(|i| !i.is_empty() && !is_nil(i)).collect()
}

fn strip_bullet(line: &str) -> String {
    let line = line.trim();
    for bullet in ["•", "·", "- ", "* ", "– ", "▪"] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return rest.trim().to_owned();
        }
    }
    line.to_owned()
}

/// Where a list number starts: "12. " or "3) " at the start or after white
/// space. Returns (number, byte start, byte end of the marker).
fn markers(text: &str) -> Vec<(u32, usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let at_start = i == 0 || bytes[i - 1].is_ascii_whitespace();
        if at_start && bytes[i].is_ascii_digit() {
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_digit() && j - i < 2 {
                j += 1;
            }
            if j < bytes.len() && (bytes[j] == b'.' || bytes[j] == b')') {
                let followed = bytes.get(j + 1).is_none_or(|b| b.is_ascii_whitespace());
                if followed && let Ok(n) = text[i..j].parse() {
                    found.push((n, i, j + 1));
                    i = j + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    found
}

fn starts_with_marker(text: &str) -> bool {
    markers(text.trim_start()).first().is_some_and(|&(_, start, _)| start == 0)
}

/// Splits "1. A; 2. B" into ["A;", "B"], following the numbers in order so
/// that "Nomor 5 Tahun 2020" or a stray "3." inside an item does not split.
fn split_numbered(text: &str) -> Vec<String> {
    let found = markers(text);
    let Some(&(first, _, _)) = found.first() else { return vec![text.to_owned()] };
    let mut expected = first;
    let mut cuts = Vec::new();
    for (n, start, end) in found {
        if n == expected {
            cuts.push((start, end));
            expected += 1;
        }
    }
    let mut items = Vec::new();
    let lead = text[..cuts[0].0].trim();
    if !lead.is_empty() {
        items.push(lead.to_owned());
    }
    for (k, &(_, end)) in cuts.iter().enumerate() {
        let stop = cuts.get(k + 1).map_or(text.len(), |c| c.0);
        items.push(text[end..stop].trim().to_owned());
    }
    items
}

/// "Kepala Dinas ...", blank signature space, "NAMA", "Pangkat", "NIP. ..."
pub fn signer(text: &str) -> Option<Pejabat> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !is_nil(l)).collect();
    let nip_at = lines.iter().position(|l| normalise(l).starts_with("nip"));
    let nip = nip_at.map(|i| {
        lines[i].trim_start_matches(|c: char| c.is_alphabetic() || c == '.' || c == ':' || c.is_whitespace()).to_owned()
    });
    let before = &lines[..nip_at.unwrap_or(lines.len())];
    let is_pangkat = |l: &str| {
        let lower = l.to_lowercase();
        ["pembina", "penata", "pengatur", "juru"].iter().any(|p| lower.starts_with(p))
            || l.contains("/I") && l.contains('(')
    };
    let (pangkat, names) = match before.last() {
        Some(last) if before.len() >= 3 && is_pangkat(last) => (Some((*last).to_owned()), &before[..before.len() - 1]),
        _ => (None, before),
    };
    let (nama, jabatan) = names.split_last()?;
    if jabatan.is_empty() {
        return None;
    }
    Some(Pejabat {
        jabatan: squash(&jabatan.join(" ")),
        nama: (*nama).to_owned(),
        nip: nip.filter(|n| !n.is_empty()),
        pangkat,
    })
}

/// A date or a range: "27 September 2023", "27-09-2023", "2023-09-27",
/// "09 Januari 2023 – 31 Desember 2023", "09 Januari - 31 Desember 2023".
pub fn dates(text: &str) -> Result<(Tanggal, Option<Tanggal>), String> {
    let text = squash(text);
    if let Ok(date) = date(&text) {
        return Ok((date, None));
    }
    let separators =
        [" – ", "–", " — ", "—", " - ", " s.d. ", " s.d ", " s/d ", " sampai dengan ", " sampai ", " hingga "];
    for separator in separators {
        if let Some((from, until)) = text.split_once(separator) {
            let until = date(until.trim())?;
            let from = date(from.trim()).or_else(|_| date(&format!("{} {}", from.trim(), until.year)))?;
            return Ok((from, Some(until)));
        }
    }
    Err(crate::tr!("date-invalid", text = text))
}

fn date(text: &str) -> Result<Tanggal, String> {
    if let Ok(date) = cell_date(&calamine::Data::String(text.to_owned())) {
        return Ok(date);
    }
    let words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let invalid = || crate::tr!("spreadsheet-not-date", value = text);
    let [day, month, year] = words[..] else { return Err(invalid()) };
    let month = month_of(month).ok_or_else(invalid)?;
    let (Ok(day), Ok(year)) = (day.parse::<u8>(), year.parse::<i32>()) else { return Err(invalid()) };
    Tanggal::new(year, month, day).ok_or_else(invalid)
}

/// A month by its Indonesian or English name or a common abbreviation.
fn month_of(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let english = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let extra = [("agt", 8), ("ags", 8), ("agu", 8), ("okt", 10), ("nop", 11), ("des", 12), ("mei", 5)];
    BULAN
        .iter()
        .position(|b| b.to_lowercase().starts_with(&word) || word.starts_with(&b.to_lowercase()[..3]))
        .map(|i| i as u8 + 1)
        .or_else(|| english.iter().position(|e| word.starts_with(e)).map(|i| i as u8 + 1))
        .or_else(|| extra.iter().find(|(e, _)| word.starts_with(e)).map(|&(_, m)| m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_survive_drift_and_typos() {
        assert_eq!(field_of("TGL. PEMBUATAN"), Some(Field::Pembuatan));
        assert_eq!(field_of("Keterikatan"), Some(Field::Keterkaitan));
        assert_eq!(field_of("Peralatan/perengkapan"), Some(Field::Peralatan));
        assert_eq!(field_of("DASAR HUKUM:"), Some(Field::DasarHukum));
        assert_eq!(field_of("Kualifkasi Pelaksana"), Some(Field::Kualifikasi));
        assert_eq!(field_of("Pencatatan dan Pendataan"), Some(Field::Pencatatan));
        assert_eq!(field_of("Menyiapkan daftar aplikasi"), None);
        assert_eq!(label_in("Nomor SOP : 061/2293/DKIS"), Some((Field::Nomor, Some("061/2293/DKIS".into()))));
        assert_eq!(label_in("No"), None);
    }

    #[test]
    fn dates_and_ranges() {
        let d = |y, m, d| Tanggal::new(y, m, d).unwrap();
        assert_eq!(dates("27 September 2023").unwrap(), (d(2023, 9, 27), None));
        assert_eq!(dates("27-09-2023").unwrap(), (d(2023, 9, 27), None));
        assert_eq!(dates("09 Januari 2023 – 31 Desember 2023").unwrap(), (d(2023, 1, 9), Some(d(2023, 12, 31))));
        assert_eq!(dates("09 Januari - 31 Desember 2023").unwrap(), (d(2023, 1, 9), Some(d(2023, 12, 31))));
        assert_eq!(dates("1 Okt 2024 s.d. 31 Des 2024").unwrap(), (d(2024, 10, 1), Some(d(2024, 12, 31))));
        assert!(dates("besok").is_err());
    }

    #[test]
    fn numbered_lists_in_one_cell_or_many() {
        let one = items(&["1. Peraturan Menteri Nomor 5 Tahun 2020;\n2. Keputusan Kepala Dinas Nomor 7.".into()]);
        assert_eq!(one, ["Peraturan Menteri Nomor 5 Tahun 2020;", "Keputusan Kepala Dinas Nomor 7."]);
        let inline = items(&["1. ATK 2. Komputer 3. Jaringan internet".into()]);
        assert_eq!(inline, ["ATK", "Komputer", "Jaringan internet"]);
        let cells = items(&["1. ATK".into(), "2. Komputer".into()]);
        assert_eq!(cells, ["ATK", "Komputer"]);
        let bullets = items(&["- Komputer\n- Printer".into()]);
        assert_eq!(bullets, ["Komputer", "Printer"]);
        assert!(items(&["-".into()]).is_empty());
    }

    #[test]
    fn signers_from_their_lines() {
        let p =
            signer("Kepala Dinas Komunikasi\n\n\nI MADE CONTOH\nPembina Utama Muda (IV/c)\nNIP. 197001011990031001")
                .unwrap();
        assert_eq!(p.jabatan, "Kepala Dinas Komunikasi");
        assert_eq!(p.nama, "I MADE CONTOH");
        assert_eq!(p.pangkat.as_deref(), Some("Pembina Utama Muda (IV/c)"));
        assert_eq!(p.nip.as_deref(), Some("197001011990031001"));
        assert!(signer("").is_none());
    }
}
