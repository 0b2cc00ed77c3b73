//! Load: the identity part of a legacy SOP (Nomor SOP, dates, Disahkan
//! oleh, Nama SOP, Dasar Hukum and the other lists), read as label/value
//! pairs wherever they stand: the value in the label's own cell after a
//! colon, to its right (past a cell holding only ":"), or below it; labels
//! matched through the drift and typos real documents carry.

use std::collections::BTreeSet;
use std::ops::Range;

use super::definition::Imported;
use super::labels::{self, Likeness, Matched, Vocabulary};
use super::workbook::{Merge, Sheet};
use super::{Problem, Used};
use crate::load::spreadsheet::{cell_date, normalise};
use crate::model::tanggal::month_number;
use crate::model::{BULAN, Pejabat, Revisi, Tanggal};
use crate::util::text::squash;

/// An identity field, by the labels it goes by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Nomor,
    Pembuatan,
    Revisi,
    Efektif,
    Disahkan,
    Nama,
    MaksudTujuan,
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
const LABELS: &Vocabulary<Field> = &[
    (Field::Nomor, &["nomorsop", "nosop", "nomor", "no"]),
    (
        Field::Pembuatan,
        &[
            "tglpembuatan",
            "tanggalpembuatan",
            "tglpembuatansop",
            "tanggaldibuat",
            "tgldibuat",
            "tglditetapkan",
            "tanggalditetapkan",
            "tanggalpenetapan",
        ],
    ),
    (Field::Revisi, &["tglrevisi", "tanggalrevisi", "tglrevisisop"]),
    (
        Field::Efektif,
        &[
            "tglefektif",
            "tanggalefektif",
            "tglberlaku",
            "tanggalberlaku",
            "masaberlaku",
            "tglmulaiberlaku",
            "tanggalmulaiberlaku",
        ],
    ),
    (
        Field::Disahkan,
        &["disahkanoleh", "disyahkanoleh", "ditetapkanoleh", "disahkan", "disetujuioleh", "mengesahkan", "mengetahui"],
    ),
    (Field::Nama, &["namasop", "judulsop", "namaprosedur"]),
    (Field::MaksudTujuan, &["maksuddantujuan", "maksudtujuan", "tujuan", "maksud"]),
    (Field::DasarHukum, &["dasarhukum", "landasanhukum"]),
    (Field::Kualifikasi, &["kualifikasipelaksana", "kualifikasi"]),
    // "Keterikatan" is a typo found in real sheets.
    (Field::Keterkaitan, &["keterkaitan", "keterikatan", "keterkaitandengansoplain", "sopterkait"]),
    (Field::Peralatan, &["peralatanperlengkapan", "peralatandanperlengkapan", "peralatan", "perlengkapan"]),
    (Field::Peringatan, &["peringatan"]),
    // "Pendaftaran" for Pendataan is a drift found in real workbooks.
    (Field::Pencatatan, &["pencatatandanpendataan", "pencatatanpendataan", "pencatatan", "pencatatandanpendaftaran"]),
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
            Field::MaksudTujuan => "Maksud dan Tujuan",
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

/// Which field a label text names, through the import's one tolerant
/// matcher (`labels::find`).
pub fn field_of(text: &str) -> Option<Matched<Field>> {
    labels::find(LABELS, text)
}

/// A label cell: the field (and how it was matched), and a value written
/// in the same cell after a colon ("Nomor SOP : 061/2293/DKIS").
fn label_in(text: &str) -> Option<(Matched<Field>, Option<String>)> {
    // "No" alone is the procedure table's number column, not a label.
    if normalise(text) == "no" {
        return None;
    }
    // "Nomor SOP : 061/..." is a label with its value, before any reading
    // of the whole text as a label with a qualifier.
    let inline = text.split_once([':', '：']).filter(|(_, value)| !value.trim().is_empty());
    if let Some(field) = field_of(text).filter(|m| inline.is_none() || m.likeness != Likeness::Part) {
        return Some((field, None));
    }
    let (label, value) = text.split_once([':', '：'])?;
    let field = labels::whole(LABELS, label)?;
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
    // The kop of a ministry or agency: its deputy and directorate lines.
    const NATIONAL: [&str; 8] =
        ["kementerian", "deputi", "direktorat", "biro", "pusat", "lembaga", "provinsi", "kabupaten"];
    let lower = text.to_lowercase();
    STARTS.iter().chain(&NATIONAL).any(|s| lower.starts_with(s)) || lower.contains("telp")
}

pub fn is_title(text: &str) -> bool {
    let key = normalise(text);
    key.starts_with("standaroperasionalprosedur")
        || key.starts_with("standardoperationalprocedure")
        || key == "sop"
        || key.starts_with("prosedurtetap")
}

/// What reading the identity part found besides the values: which labels,
/// the kop lines, and what it could not place.
#[derive(Debug, Default)]
pub struct IdentityReading {
    pub found: BTreeSet<Field>,
    pub kop: Vec<String>,
    /// Problems: cell and message.
    pub problems: Vec<Problem>,
    /// Labels matched through drift: cell, the text, the field.
    pub read_as: Vec<((u32, u32), String, Field)>,
    /// Values read by a guess (a misspelt month): cell and what was made
    /// of it.
    pub guesses: Vec<Problem>,
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
    labels(sheet, rows).len()
}

/// The fields labelled in `rows` of a sheet.
pub fn labels(sheet: &Sheet, rows: Range<u32>) -> BTreeSet<Field> {
    let mut fields = BTreeSet::new();
    for data in sheet.cells.range((rows.start, 0)..(rows.end, 0)).map(|(_, d)| d) {
        if let Some((matched, _)) = label_in(&squash(&data.to_string())) {
            fields.insert(matched.what);
        }
    }
    fields
}

/// Reads the identity in `rows` of `sheet` into `sop`.
pub fn read(sheet: &Sheet, rows: Range<u32>, used: &mut Used, sop: &mut Imported) -> IdentityReading {
    let mut identity = IdentityReading::default();
    let mut labels: Vec<Label> = Vec::new();
    for (&(r, c), data) in sheet.cells.range((rows.start, 0)..(rows.end, 0)) {
        let raw = data.to_string();
        let text = squash(&raw);
        let Some((matched, inline)) = label_in(&text) else { continue };
        // A cell under a list's heading that opens with a sub-heading
        // ("Peralatan :" and lines of items under the PERALATAN /
        // PERLENGKAPAN heading) is an item of that list, not a label.
        let item = raw.trim().contains('\n')
            && labels.iter().any(|l: &Label| {
                l.field == matched.what
                    && l.inline.is_none()
                    && l.row < r
                    && (l.span.left..=l.span.right + 1).contains(&c)
            });
        if item {
            continue;
        }
        if matched.likeness != Likeness::Known {
            identity.read_as.push(((r, c), text.clone(), matched.what));
        }
        labels.push(Label { field: matched.what, row: r, span: sheet.span(r, c), inline });
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
        match apply(sheet, label, &texts, sop) {
            Ok(Some(guess)) => identity.guesses.push(guess),
            Ok(None) => {}
            Err(problem) => identity.problems.push((at, problem)),
        }
    }
    // Kop lines stand above the labels, or (on a cover sheet) left of them.
    let first_row = labels.first().map_or(rows.end, |l| l.row + 1);
    let first_col = labels.iter().filter(|l| !l.field.is_list()).map(|l| l.span.left).min().unwrap_or(0);
    for (&(r, c), data) in sheet.cells.range((rows.start, 0)..(rows.end, 0)) {
        if used.contains(sheet, r, c) {
            continue;
        }
        let text = squash(&data.to_string());
        if is_title(&text) {
            used.take(sheet, r, c);
        } else if is_kop_line(&text) && (r < first_row || c < first_col) {
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
    // The column of the items' texts when their numbers stand in a column
    // of their own (A13 `1`, B13 the text), for items that wrap onto the
    // next row with the number cell empty.
    let text_col: std::cell::Cell<Option<u32>> = std::cell::Cell::new(None);
    let take = |row: u32, col: u32, value: &mut Value, used: &mut Used| -> bool {
        let text = sheet.lines(row, col);
        if text.is_empty() || is_colon(&text) {
            return false;
        }
        used.take(sheet, row, col);
        value.first.get_or_insert((row, col));
        // A number in its own cell ("1", "1.") with the item's text beside
        // it: one item, written "n. text" so that `items` keeps it whole.
        if is_marker(&text) {
            let beside = (col + 1..col + 4).find(|&c| !sheet.text(row, c).is_empty());
            if let Some(c) = beside {
                used.take(sheet, row, c);
                text_col.set(Some(c));
                let n = value.texts.len() + 1;
                value.texts.push(format!("{n}. {}", sheet.lines(row, c)));
                return true;
            }
            // A list's number with nothing beside it is an item never
            // written, not an item "5".
            if list {
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
        // The rest of a numbered item that wraps onto this row: text in the
        // items' column, no number before it.
        let numbered = text_col.get().filter(|&tc| {
            let number_cells = (label.span.left..tc).any(|c| !sheet.text(rr, c).is_empty());
            !number_cells && !sheet.text(rr, tc).is_empty() && !used.contains(sheet, rr, tc)
        });
        if let Some(tc) = numbered
            && let Some(last) = value.texts.last_mut()
        {
            used.take(sheet, rr, tc);
            last.push(' ');
            last.push_str(&sheet.lines(rr, tc));
            any = true;
        } else {
            for c in label.span.left..=label.span.right {
                if !used.contains(sheet, rr, c) && take(rr, c, &mut value, used) {
                    any = true;
                }
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

/// Puts a label's value into the definition. Returns a guess made on the
/// way, if any, or why the value cannot be used.
fn apply(sheet: &Sheet, label: &Label, value: &Value, sop: &mut Imported) -> Result<Option<Problem>, String> {
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
    let cell = value.first.map(|(r, c)| sheet.at(r, c).to_string()).unwrap_or_default();
    // A date without its day ("Oktober 2024"): written as far as it goes,
    // for the clerk to complete; a misspelt month is named as guessed.
    let month_only =
        |key: &'static str, sop: &mut Imported| -> Option<Option<Problem>> {
            let (month, year, written) = month_year(&joined)?;
            let text = format!("{} {year}", BULAN[month as usize - 1]);
            sop.found_in_part(key, &text, crate::tr!("identity-no-day", cell = cell));
            let guessed = !written.eq_ignore_ascii_case(BULAN[month as usize - 1]);
            let at = value.first.unwrap_or((label.row, label.span.left));
            Some(guessed.then(|| {
                (at, crate::tr!("identity-month-guessed", written = written, month = BULAN[month as usize - 1]))
            }))
        };
    match label.field {
        Field::Pembuatan | Field::Efektif if !joined.is_empty() && dates(&joined).is_err() => {
            let key = if label.field == Field::Pembuatan { "tanggal_pembuatan" } else { "tanggal_efektif" };
            if let Some(guess) = month_only(key, sop) {
                return Ok(guess);
            }
        }
        _ => {}
    }
    let identity = &mut sop.identity;
    match label.field {
        Field::Nomor => {
            identity.nomor = non_empty(&joined, label.field)?;
            match crate::validate::placeholder_in(&joined) {
                Some(blank) => {
                    sop.found_in_part("nomor", &joined, crate::tr!("identity-nomor-blank", blank = blank, cell = cell))
                }
                None => sop.found("nomor"),
            }
        }
        Field::Nama => {
            identity.nama = non_empty(&joined, label.field)?;
            sop.found("nama");
        }
        Field::MaksudTujuan => identity.maksud_tujuan = (!joined.is_empty() && !is_nil(&joined)).then_some(joined),
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
            identity.revisi =
                items(&texts).into_iter().map(|perubahan| Revisi { tanggal: None, perubahan, bersama: None }).collect();
        }
    }
    Ok(None)
}

/// "Oktober 2024", "      Novermber 2024": a month (tolerating slips) and
/// a year without a day; returns the month, the year and the month as
/// written.
fn month_year(text: &str) -> Option<(u8, i32, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let [month, year] = words[..] else { return None };
    let year = year.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y))?;
    Some((month_number(month)?, year, month.to_owned()))
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
        if let Some(lettered) = split_lettered(text) {
            out.extend(lettered);
            continue;
        }
        let numbered = split_numbered(text);
        if numbered.len() > 1 || starts_with_marker(text) {
            out.extend(numbered);
            continue;
        }
        let lines: Vec<String> = text.lines().map(strip_bullet).filter(|l| !l.is_empty()).collect();
        out.extend(under_subheadings(lines));
    }
    out.into_iter()
        .map(|i| squash(&i).replace(" ,", ",").replace(" ;", ";"))
        .filter(|i| !i.is_empty() && !is_nil(i))
        .collect()
}

/// Lines of one cell grouped under their sub-headings ("Peralatan :",
/// then "Komputer/Laptop, scanner"; "Perlengkapan", then "ATK"): one item
/// per sub-heading, "Peralatan: Komputer/Laptop, scanner". Without a
/// sub-heading, every line is an item.
fn under_subheadings(lines: Vec<String>) -> Vec<String> {
    let heading = |line: &str| {
        let bare = line.trim_end_matches([':', ' ']);
        line.trim_end().ends_with(':') && bare.split_whitespace().count() <= 4
            || field_of(bare).is_some() && bare.split_whitespace().count() <= 3
    };
    let headed = lines.iter().enumerate().any(|(i, l)| heading(l) && i + 1 < lines.len() && !heading(&lines[i + 1]));
    if !headed {
        return lines;
    }
    let mut items: Vec<(String, Vec<String>)> = Vec::new();
    for line in lines {
        if heading(&line) {
            items.push((line.trim_end_matches([':', ' ']).to_owned(), Vec::new()));
        } else if let Some((_, body)) = items.last_mut() {
            body.push(line);
        } else {
            items.push((String::new(), vec![line]));
        }
    }
    items
        .into_iter()
        .map(|(head, body)| match (head.is_empty(), body.is_empty()) {
            (true, _) => body.join(", "),
            (false, true) => head,
            (false, false) => format!("{head}: {}", body.join(", ")),
        })
        .collect()
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

/// Lines lettered "a." / "b)" in order, each starting an item (lines
/// without a letter continue the item before); `None` unless there are
/// two items or more starting at "a".
fn split_lettered(text: &str) -> Option<Vec<String>> {
    let mut items: Vec<String> = Vec::new();
    let mut expected = b'a';
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let bytes = line.as_bytes();
        let marker = bytes.len() > 3 && bytes[0] == expected && matches!(bytes[1], b'.' | b')') && bytes[2] == b' ';
        if marker {
            items.push(line[3..].trim().to_owned());
            expected += 1;
        } else if let Some(last) = items.last_mut() {
            last.push(' ');
            last.push_str(line);
        } else {
            return None;
        }
    }
    (!items.is_empty()).then_some(items)
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
    // "ttd", "(ttd)", "tanda tangan": where the signature goes, not a line of it.
    let signature_place =
        |l: &str| matches!(normalise(l).as_str(), "ttd" | "tandatangan" | "cap" | "ttdcap" | "materai");
    let lines: Vec<&str> =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !is_nil(l) && !signature_place(l)).collect();
    let nip_at = lines.iter().position(|l| normalise(l).starts_with("nip"));
    let nip = nip_at.map(|i| {
        let nip = lines[i].trim_start_matches(|c: char| c.is_alphabetic() || c == '.' || c == ':' || c.is_whitespace());
        // "19720315 199803 1 005": the 18 digits of a NIP, spaced for the eye.
        let digits: String = nip.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() == 18 && digits.chars().all(|c| c.is_ascii_digit()) { digits } else { nip.to_owned() }
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
    // "Senin, 12 Februari 2024": the day of the week says nothing more.
    const HARI: [&str; 7] = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"];
    let text = match text.split_once(',') {
        Some((day, rest)) if HARI.contains(&normalise(day).as_str()) => rest.trim().to_owned(),
        _ => text,
    };
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
    let month = month_number(month).ok_or_else(invalid)?;
    let (Ok(day), Ok(year)) = (day.parse::<u8>(), year.parse::<i32>()) else { return Err(invalid()) };
    Tanggal::new(year, month, day).ok_or_else(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_survive_drift_and_typos() {
        let field = |text| field_of(text).map(|m| m.what);
        assert_eq!(field("TGL. PEMBUATAN"), Some(Field::Pembuatan));
        assert_eq!(field("Keterikatan"), Some(Field::Keterkaitan));
        assert_eq!(field("Peralatan/perengkapan"), Some(Field::Peralatan));
        assert_eq!(field("DASAR HUKUM :  "), Some(Field::DasarHukum));
        assert_eq!(field("Kualifkasi Pelaksana"), Some(Field::Kualifikasi));
        assert_eq!(field("Pencatatan dan Pendataan"), Some(Field::Pencatatan));
        assert_eq!(field("PENCATATAN DAN PENDAFTARAN :"), Some(Field::Pencatatan));
        assert_eq!(field("NAMA SOP "), Some(Field::Nama));
        assert_eq!(field("Maksud dan Tujuan"), Some(Field::MaksudTujuan));
        assert_eq!(field("MAKSUD & TUJUAN :"), Some(Field::MaksudTujuan));
        assert_eq!(field("Tujuan"), Some(Field::MaksudTujuan));
        assert_eq!(field("Menyiapkan daftar aplikasi"), None);
        assert_eq!(field_of("Kualifkasi Pelaksana").map(|m| m.likeness), Some(Likeness::Typo));
        let inline = label_in("Nomor SOP : 061/2293/DKIS").map(|(m, v)| (m.what, v));
        assert_eq!(inline, Some((Field::Nomor, Some("061/2293/DKIS".into()))));
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
        let letters =
            items(&["a. Undang-Undang Nomor 25 Tahun 2009\ntentang Pelayanan Publik;\nb. Peraturan Presiden".into()]);
        assert_eq!(letters, ["Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;", "Peraturan Presiden"]);
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
