//! Load: the procedure table of a legacy SOP. The header is found by its
//! labels (Kegiatan and its drift, PELAKSANA with one sub-column per actor,
//! MUTU BAKU with Kelengkapan / Waktu / Output, Keterangan); steps start at
//! a number in the No column (or at a new Kegiatan cell) and run over merged
//! and continuation rows; blank spacer rows and the signature footer below
//! the table are told apart from steps.

use std::ops::Range;

use super::identity;
use super::labels::{self, Likeness, Matched, Vocabulary};
use super::workbook::Sheet;
use super::{Problem, Used};
use crate::model::Pejabat;
use crate::util::text::{normalise, squash};

/// A column of the procedure table, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    No,
    Kegiatan,
    Pelaksana,
    /// "MUTU BAKU" over Kelengkapan, Waktu and Output: a heading of headings.
    MutuBaku,
    Kelengkapan,
    Waktu,
    Output,
    Keterangan,
}

/// The headers' spellings, normalised (`labels::find` adds suffixes and
/// typos): the textbook's, and the drift of real tables (docs/domain.md
/// sections 1 and 5).
pub const COLUMNS: &Vocabulary<Column> = &[
    (Column::No, &["no", "nomor", "nourut"]),
    (
        Column::Kegiatan,
        &[
            "kegiatan",
            "aktivitas",
            "aktifitas",
            "uraianprosedur",
            "uraiankegiatan",
            "uraianaktivitas",
            "uraian",
            "prosedur",
            "langkahkegiatan",
            "uraianpekerjaan",
        ],
    ),
    (Column::Pelaksana, &["pelaksana", "pelaku", "pelaksanakegiatan"]),
    (Column::MutuBaku, &["mutubaku", "bakumutu"]),
    (
        Column::Kelengkapan,
        &[
            "kelengkapan",
            "persyaratan",
            "persyaratanperlengkapan",
            "persyaratankelengkapan",
            "ketersediaan",
            "syarat",
            "perlengkapan",
        ],
    ),
    (Column::Waktu, &["waktu", "jangkawaktu"]),
    (Column::Output, &["output", "keluaran", "hasil", "outputhasil"]),
    (Column::Keterangan, &["keterangan", "ket"]),
];

impl Column {
    /// The header as the textbook writes it.
    pub fn label(self) -> &'static str {
        match self {
            Column::No => "No",
            Column::Kegiatan => "Kegiatan",
            Column::Pelaksana => "Pelaksana",
            Column::MutuBaku => "Mutu Baku",
            Column::Kelengkapan => "Kelengkapan",
            Column::Waktu => "Waktu",
            Column::Output => "Output",
            Column::Keterangan => "Keterangan",
        }
    }
}

fn column_of(text: &str) -> Option<Matched<Column>> {
    labels::find(COLUMNS, text)
}

fn is(text: &str, column: Column) -> bool {
    column_of(text).is_some_and(|m| m.what == column)
}

/// A header cell read as a column other than by its textbook spelling.
#[derive(Debug, Clone)]
pub struct ReadAs {
    pub cell: (u32, u32),
    pub written: String,
    pub column: Column,
}

/// Where the table's columns are.
#[derive(Debug, Clone)]
pub struct Header {
    pub row: u32,
    /// The first row after the header.
    pub body: u32,
    pub no: Option<u32>,
    pub kegiatan: u32,
    /// Actor labels and the columns each covers, left to right.
    pub actors: Vec<(String, Vec<u32>)>,
    /// The columns under PELAKSANA.
    pub actor_span: Range<u32>,
    pub kelengkapan: Option<u32>,
    pub waktu: Option<u32>,
    pub output: Option<u32>,
    pub keterangan: Option<u32>,
    /// Headers matched through drift ("Pelaksanaan", "Ket"), to be shown.
    pub read_as: Vec<ReadAs>,
    /// Header cells that name no column sopkit knows.
    pub unplaced: Vec<((u32, u32), String)>,
}

impl Header {
    pub fn actor_of(&self, col: u32) -> Option<usize> {
        self.actors.iter().position(|(_, cols)| cols.contains(&col))
    }
}

/// The first header row of a procedure table on the sheet, or why the one
/// that looks like it is not usable.
pub fn find_header(sheet: &Sheet) -> Option<Result<Header, Problem>> {
    let last = sheet.last_row()?;
    (0..=last).find_map(|r| {
        let row: Vec<(u32, String)> = sheet.row(r).collect();
        let kegiatan = row.iter().find(|(_, t)| is(t, Column::Kegiatan))?.0;
        let pelaksana = row.iter().find(|(_, t)| is(t, Column::Pelaksana))?.0;
        Some(header_at(sheet, r, &row, kegiatan, pelaksana))
    })
}

/// A row that has one of the two headers a table needs but not the other:
/// the cell, its text, and the column still missing.
pub fn half_header(sheet: &Sheet) -> Option<((u32, u32), String, Column)> {
    let last = sheet.last_row()?;
    (0..=last.min(60)).find_map(|r| {
        let row: Vec<(u32, String)> = sheet.row(r).collect();
        let kegiatan = row.iter().find(|(_, t)| is(t, Column::Kegiatan));
        let pelaksana = row.iter().find(|(_, t)| is(t, Column::Pelaksana));
        match (kegiatan, pelaksana) {
            (Some((c, t)), None) => Some(((r, *c), t.clone(), Column::Pelaksana)),
            (None, Some((c, t))) if row.len() >= 3 => Some(((r, *c), t.clone(), Column::Kegiatan)),
            _ => None,
        }
    })
}

/// A header cell: where, its text, and the column it names.
type HeaderCell = ((u32, u32), String, Option<Matched<Column>>);

fn header_at(sheet: &Sheet, r: u32, row: &[(u32, String)], kegiatan: u32, pelaksana: u32) -> Result<Header, Problem> {
    let merge = sheet.span(r, pelaksana);
    // Without merge information (ods), PELAKSANA runs up to the next label.
    let span = if merge.right > merge.left {
        merge.left..merge.right + 1
    } else {
        let next = row.iter().map(|&(c, _)| c).find(|&c| c > pelaksana);
        let sub_last = sheet.row(r + 1).map(|(c, _)| c).filter(|&c| c >= pelaksana).max();
        let end = match next {
            Some(next) => next,
            None => sub_last.map_or(pelaksana + 1, |c| c + 1),
        };
        pelaksana..end
    };
    let sub = merge.bottom.max(r) + 1;
    let mut actors: Vec<(String, Vec<u32>)> = Vec::new();
    for (c, text) in sheet.row(sub).filter(|(c, _)| span.contains(c)) {
        let cover = sheet.span(sub, c);
        let cols = (cover.left.max(span.start)..=cover.right.min(span.end - 1)).collect();
        actors.push((squash(&text), cols));
    }
    if actors.is_empty() {
        return Err(((r, pelaksana), crate::tr!("import-no-actor-names")));
    }
    let actor_cols = span.clone();
    // Every header cell outside the actors' columns, matched once.
    let cells: Vec<HeaderCell> = [r, sub]
        .iter()
        .flat_map(|&rr| sheet.row(rr).filter(|(c, _)| !actor_cols.contains(c)).map(move |(c, t)| ((rr, c), t)))
        .map(|(cell, text)| {
            let matched = column_of(&text);
            (cell, text, matched)
        })
        .collect();
    let find = |column: Column| -> Option<u32> {
        cells.iter().find(|(_, _, m)| m.as_ref().is_some_and(|m| m.what == column)).map(|((_, c), _, _)| *c)
    };
    let mut read_as = Vec::new();
    let mut unplaced = Vec::new();
    for ((rr, c), text, matched) in &cells {
        match matched {
            Some(m) if m.likeness != Likeness::Known => {
                read_as.push(ReadAs { cell: (*rr, *c), written: squash(text), column: m.what })
            }
            Some(_) => {}
            None => unplaced.push(((*rr, *c), squash(text))),
        }
    }
    let pelaksana_text = sheet.text(r, pelaksana);
    if let Some(m) = column_of(&pelaksana_text).filter(|m| m.likeness != Likeness::Known) {
        read_as.push(ReadAs { cell: (r, pelaksana), written: squash(&pelaksana_text), column: m.what });
    }
    let header_bottom =
        row.iter().map(|&(c, _)| sheet.span(r, c).bottom).chain(std::iter::once(sub)).max().unwrap_or(sub);
    let mut body = header_bottom + 1;
    // A row numbering the columns (1 2 3 ...) often follows the header.
    let numbers: Vec<u32> = sheet.row(body).map(|(_, t)| t.trim_end_matches('.').parse().unwrap_or(0)).collect();
    if numbers.len() >= 4 && numbers.iter().enumerate().all(|(i, &n)| n == i as u32 + 1) {
        body += 1;
    }
    Ok(Header {
        row: r,
        body,
        no: find(Column::No).filter(|&c| c != kegiatan),
        kegiatan,
        actors,
        actor_span: span,
        kelengkapan: find(Column::Kelengkapan),
        waktu: find(Column::Waktu),
        output: find(Column::Output),
        keterangan: find(Column::Keterangan),
        read_as,
        unplaced,
    })
}

/// The cells under the header that belong to the header (for `used`).
pub fn header_cells(sheet: &Sheet, header: &Header) -> Vec<(u32, u32)> {
    sheet.cells.range((header.row, 0)..(header.body, 0)).map(|(&pos, _)| pos).collect()
}

/// One step as the table gives it.
#[derive(Debug, Clone)]
pub struct RawStep {
    /// Rows the step covers.
    pub rows: Range<u32>,
    pub kegiatan: String,
    pub kelengkapan: String,
    pub waktu: String,
    pub output: String,
    pub keterangan: String,
    /// Non-empty cells in actor columns: (row, col, text).
    pub marks: Vec<(u32, u32, String)>,
    /// Where the step's text starts, for messages.
    pub cell: (u32, u32),
    /// Its number as the No column writes it ("4", "4a", "4.1"), when
    /// there is one.
    pub written: Option<String>,
}

/// A step number as real tables write it: "4", "4.", "4)", and sub-rows
/// "4a", "4.1"; returns it without the trailing "." or ")".
pub fn step_number(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches(['.', ')']);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest = &text[digits..];
    let sub = rest.is_empty()
        || (rest.len() == 1 && rest.chars().all(|c| c.is_ascii_lowercase()))
        || (rest.len() > 1 && rest.starts_with('.') && rest[1..].chars().all(|c| c.is_ascii_digit()));
    (digits > 0 && digits <= 3 && sub).then(|| text.to_owned())
}

/// The steps of the table and the first row after it.
pub fn read_steps(sheet: &Sheet, header: &Header, used: &mut Used) -> (Vec<RawStep>, u32) {
    let last = sheet.last_row().unwrap_or(header.body);
    let kegiatan_merge = |r: u32| sheet.span(r, header.kegiatan);
    let number = |r: u32| header.no.and_then(|c| step_number(&sheet.text(r, c)));
    let mut starts: Vec<u32> = Vec::new();
    let mut covered_until = header.body;
    for r in header.body..=last {
        if r < covered_until {
            continue;
        }
        let starts_here = match header.no {
            Some(_) => number(r).is_some(),
            None => !sheet.text(r, header.kegiatan).is_empty() && kegiatan_merge(r).top == r,
        };
        if starts_here && !looks_like_footer(sheet, r) {
            starts.push(r);
            let bottom = header.no.map_or(r, |c| sheet.span(r, c).bottom).max(kegiatan_merge(r).bottom);
            covered_until = bottom + 1;
        }
    }
    let Some(&last_start) = starts.last() else { return (Vec::new(), header.body) };
    // The last step runs over its merged rows and the continuation lines
    // of its text; what follows is the footer.
    let mut end =
        header.no.map_or(last_start, |c| sheet.span(last_start, c).bottom).max(kegiatan_merge(last_start).bottom);
    while end < last
        && !sheet.text(end + 1, header.kegiatan).is_empty()
        && number(end + 1).is_none()
        && !looks_like_footer(sheet, end + 1)
    {
        end += 1;
    }
    let mut steps = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let stop = starts.get(i + 1).copied().unwrap_or(end + 1);
        let rows = start..stop;
        let mut column = |col: Option<u32>| -> String {
            let Some(c) = col else { return String::new() };
            let mut parts = Vec::new();
            for r in rows.clone() {
                let text = sheet.text(r, c);
                if !text.is_empty() && !used.contains(sheet, r, c) {
                    used.take(sheet, r, c);
                    parts.push(text);
                }
            }
            parts.join(" ")
        };
        if let Some(no) = header.no {
            column(Some(no));
        }
        let kegiatan = column(Some(header.kegiatan));
        let kelengkapan = column(header.kelengkapan);
        let waktu = column(header.waktu);
        let output = column(header.output);
        let keterangan = column(header.keterangan);
        let mut marks = Vec::new();
        for r in rows.clone() {
            for c in header.actor_span.clone() {
                let text = sheet.text(r, c);
                if !text.is_empty() {
                    marks.push((r, c, text));
                }
            }
        }
        let written = number(start);
        steps.push(RawStep {
            rows,
            written,
            kegiatan,
            kelengkapan,
            waktu,
            output,
            keterangan,
            marks,
            cell: (start, header.kegiatan),
        });
    }
    (steps, end + 1)
}

/// A row that opens the signature block under the table.
fn looks_like_footer(sheet: &Sheet, r: u32) -> bool {
    sheet.row(r).any(|(_, t)| {
        let key = normalise(&t);
        key.starts_with("nip") || key.starts_with("mengetahui") || key.starts_with("ditetapkandi")
    })
}

/// The signature block under the table: jabatan, name, NIP, in one column.
pub fn footer_signer(sheet: &Sheet, after: u32, used: &mut Used) -> Option<(Pejabat, (u32, u32))> {
    let last = sheet.last_row()?;
    let (nip_row, nip_col) = (after..=last)
        .find_map(|r| sheet.row(r).find(|(_, t)| normalise(t).starts_with("nip")).map(|(c, _)| (r, c)))?;
    let top = nip_row.saturating_sub(8).max(after);
    let mut lines = Vec::new();
    let mut cells = Vec::new();
    for r in top..=nip_row {
        let text = sheet.lines(r, nip_col);
        if text.is_empty() {
            lines.push(String::new());
            continue;
        }
        cells.push((r, nip_col));
        // "Denpasar, 27 September 2023" and "Mengetahui," open the block.
        let key = normalise(&text);
        let opening = key.starts_with("mengetahui")
            || key.starts_with("disahkan")
            || key.starts_with("ditetapkan")
            || text.contains(',') && identity::dates(text.rsplit(',').next().unwrap_or("")).is_ok();
        if opening {
            lines.clear();
        } else {
            lines.push(text);
        }
    }
    let signer = identity::signer(&lines.join("\n"))?;
    for (r, c) in cells {
        used.take(sheet, r, c);
    }
    Some((signer, (nip_row, nip_col)))
}

/// A mark in an actor cell and what it says about the step's symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// √, v, x, ●, a name: the actor does the step.
    Actor,
    /// ◇ and its kin: the step is a decision.
    Decision,
    /// "Ya" / "Tidak" written beside a drawn decision: a branch label.
    Branch(bool),
}

pub fn mark_of(text: &str) -> Mark {
    if let Some(yes) = branch_word(text) {
        return Mark::Branch(yes);
    }
    match text.trim() {
        "◇" | "◆" | "♦" | "◊" | "<>" | "⬦" | "⬥" => Mark::Decision,
        _ => Mark::Actor,
    }
}

/// "Ya" / "Y" / "Yes" is true, "Tidak" / "T" / "No" false.
pub fn branch_word(text: &str) -> Option<bool> {
    match normalise(text).as_str() {
        "ya" | "y" | "yes" | "sesuai" | "setuju" => Some(true),
        "tidak" | "t" | "no" | "tdk" | "tidaksesuai" | "tidaksetuju" => Some(false),
        _ => None,
    }
}

/// Where a branch written in prose goes: a step by its number ("kembali ke
/// langkah 3"), or by the words of its activity ("lanjut proses
/// penanganan berita").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Goal {
    Step(usize),
    Words(String),
}

/// Words that make a clause the "Tidak" branch: a failure or a way back.
const NEGATIVE: &[&str] = &[
    "tidak",
    "tdk",
    "belum",
    "ditolak",
    "gagal",
    "salah",
    "kembali",
    "dikembalikan",
    "revisi",
    "perbaikan",
    "kurang",
    "menolak",
];
/// Words that make a clause the "Ya" branch.
const POSITIVE: &[&str] =
    &["ya", "sesuai", "setuju", "disetujui", "lengkap", "berhasil", "benar", "diterima", "lanjut", "dilanjutkan"];

/// Branches written in prose in a step's Keterangan or activity: "Jika
/// tidak sesuai kembali ke langkah 2", "Jika gagal kembali ke langkah 3",
/// "dikembalikan ke no. 3", "Ya: lanjut ke 4; Tidak: ke 1", "jika ya lanjut
/// proses penanganan berita jika tidak hanya pencatatan berita". Returns
/// (ya, tidak).
pub fn branches_in(text: &str) -> (Option<Goal>, Option<Goal>) {
    let mut ya = None;
    let mut tidak = None;
    for clause in clauses(text) {
        let lower = clause.to_lowercase();
        let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let negative = words.iter().any(|w| NEGATIVE.contains(w));
        let positive = !negative && words.iter().any(|w| POSITIVE.contains(w));
        if !negative && !positive {
            continue;
        }
        let number = step_named(&words).or_else(|| words.iter().rev().find_map(|w| w.parse::<usize>().ok()));
        let opens = words.first().is_some_and(|w| matches!(*w, "jika" | "apabila" | "bila" | "kalau"));
        let goal = match number {
            Some(n) => Goal::Step(n),
            // Words name a step only in a condition ("jika ya lanjut ..."),
            // not in any sentence that happens to hold "perbaikan".
            None if !opens => continue,
            None => {
                // The activity the clause names, after its condition words.
                let rest: Vec<&str> = words
                    .iter()
                    .copied()
                    .skip_while(|w| {
                        matches!(*w, "jika" | "apabila" | "bila" | "kalau" | "hanya" | "ke" | "maka")
                            || NEGATIVE.contains(w)
                            || POSITIVE.contains(w)
                    })
                    .collect();
                if rest.len() < 2 {
                    continue;
                }
                Goal::Words(rest.join(" "))
            }
        };
        let slot = if negative { &mut tidak } else { &mut ya };
        slot.get_or_insert(goal);
    }
    (ya, tidak)
}

/// A text cut into clauses: at punctuation, and before each "jika",
/// "apabila" or "bila" that opens a new condition. "no." and "nomor"
/// before a number do not end a clause.
fn clauses(text: &str) -> Vec<String> {
    let text = text.replace(" no. ", " no ").replace(" No. ", " No ").replace(" NO. ", " NO ");
    let mut out = Vec::new();
    for part in text.split([';', '\n', '.', ',']) {
        let mut current: Vec<&str> = Vec::new();
        for word in part.split_whitespace() {
            let opener = matches!(word.to_lowercase().as_str(), "jika" | "apabila" | "bila");
            if opener && !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
            current.push(word);
        }
        if !current.is_empty() {
            out.push(current.join(" "));
        }
    }
    out
}

/// The part of an activity's text from its first condition on ("...,
/// jika ya lanjut ... jika tidak ..."): where an activity states its
/// branches, if it does.
pub fn condition_part(kegiatan: &str) -> Option<String> {
    // In lower case: the branch readers compare words in lower case.
    let lower = kegiatan.to_lowercase();
    ["jika ", "apabila ", "bila "]
        .iter()
        .filter_map(|opener| lower.find(opener).filter(|&at| at == 0 || !lower[..at].ends_with(char::is_alphanumeric)))
        .min()
        .map(|at| lower[at..].to_owned())
}

/// Step numbers a text mentions ("ke langkah 7", "no. 3"), for the check
/// that each became a branch.
pub fn steps_mentioned(text: &str) -> Vec<usize> {
    clauses(text)
        .iter()
        .filter_map(|clause| {
            let words: Vec<&str> = clause.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            step_named(&words)
        })
        .collect()
}

/// Branches written with their own labels in a step's Keterangan:
/// "Lengkap: lanjut ke langkah 4; Belum Lengkap: kembali ke langkah 2".
/// Every clause that names a step ("ke 4", "langkah 4") must start with a
/// short label and a colon; there must be two to four of them, distinct,
/// and not just "Ya"/"Tidak" (`branches_in` reads those); otherwise none.
pub fn labelled_branches_in(text: &str) -> Vec<(String, usize)> {
    let mut exits: Vec<(String, usize)> = Vec::new();
    // "langkah no. 4": that full stop ends no sentence.
    let text = text.replace(" no. ", " no ").replace(" No. ", " No ");
    for clause in text.split([';', '\n', '.', ',']) {
        let words: Vec<&str> = clause.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        // "Waktu: 2 hari" or "Asli: diserahkan ke pemohon 1 rangkap" names no step.
        let Some(target) = step_named(&words) else { continue };
        let Some((label, _)) = clause.split_once(':') else { return Vec::new() };
        let label = label.trim();
        let short = (1..=3).contains(&label.split_whitespace().count()) && !label.chars().any(|c| c.is_ascii_digit());
        if !short || normalise(label).starts_with("jika") || exits.iter().any(|(l, _)| normalise(l) == normalise(label))
        {
            return Vec::new();
        }
        exits.push((label.to_owned(), target));
    }
    let own_words = exits.iter().any(|(label, _)| branch_word(label).is_none());
    if (2..=4).contains(&exits.len()) && own_words { exits } else { Vec::new() }
}

/// The step a clause sends to: the number right after "ke" or "langkah"
/// ("ke 4", "ke langkah 4", "langkah no. 4").
fn step_named(words: &[&str]) -> Option<usize> {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    lower.iter().enumerate().find_map(|(i, w)| {
        if !matches!(w.as_str(), "ke" | "langkah" | "no" | "nomor") {
            return None;
        }
        lower[i + 1..].iter().find(|w| !matches!(w.as_str(), "langkah" | "no" | "nomor")).and_then(|w| w.parse().ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_numbers_with_sub_rows_are_step_numbers() {
        for (text, number) in
            [("4", Some("4")), ("4.", Some("4")), ("12)", Some("12")), ("4a", Some("4a")), ("4.1", Some("4.1"))]
        {
            assert_eq!(step_number(text).as_deref(), number, "{text}");
        }
        for text in ["", "a", "No", "4ab", "4.a", "2024", "1 x 8 jam", "4-5"] {
            assert_eq!(step_number(text), None, "{text}");
        }
    }

    #[test]
    fn branches_from_keterangan() {
        let step = |n| Some(Goal::Step(n));
        assert_eq!(branches_in("Jika tidak sesuai kembali ke langkah 2"), (None, step(2)));
        assert_eq!(branches_in("Ya: lanjut ke 4; Tidak: kembali ke 1"), (step(4), step(1)));
        assert_eq!(branches_in("Disimpan sebagai arsip"), (None, None));
        assert_eq!(branches_in("Jika gagal kembali ke langkah 3"), (None, step(3)));
        assert_eq!(branches_in("Berkas dikembalikan ke no. 3"), (None, step(3)));
        assert_eq!(branches_in("jika ya lanjut ke langkah 5 jika tidak kembali ke langkah 2"), (step(5), step(2)));
        assert_eq!(
            branches_in("jika ya lanjut proses penanganan berita jika tidak hanya pencatatan berita"),
            (Some(Goal::Words("proses penanganan berita".into())), Some(Goal::Words("pencatatan berita".into())))
        );
        assert_eq!(steps_mentioned("Jika belum lengkap, kembali ke langkah 2; arsip di no. 9"), [2, 9]);
        assert!(steps_mentioned("Waktu 2 hari").is_empty());
    }

    #[test]
    fn labelled_branches_from_keterangan() {
        let exits = |text| labelled_branches_in(text);
        assert_eq!(
            exits("Lengkap: lanjut ke langkah 4; Belum Lengkap: kembali ke langkah 2"),
            [("Lengkap".to_owned(), 4), ("Belum Lengkap".to_owned(), 2)]
        );
        assert_eq!(
            exits("Memenuhi: ke 5\nKlarifikasi: ke 3\nGugur: ke 9").iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
            ["Memenuhi", "Klarifikasi", "Gugur"]
        );
        // Ya/Tidak, a clause without a label, one exit or a label twice: not these.
        assert!(exits("Ya: lanjut ke 4; Tidak: kembali ke 1").is_empty());
        assert!(exits("Lengkap: ke 4; jika belum kembali ke langkah 2").is_empty());
        assert!(exits("Jika tidak sesuai: kembali ke langkah 2").is_empty());
        assert!(exits("Lengkap: ke 4").is_empty());
        assert!(exits("Lengkap: ke 4; lengkap: ke 2").is_empty());
        assert!(exits("Disimpan sebagai arsip").is_empty());
        assert!(exits("Waktu: 2 hari; Biaya: 0 rupiah").is_empty());
        assert!(exits("Asli: diserahkan ke pemohon 1 rangkap; Salinan: disimpan ke arsip 2 rangkap").is_empty());
        // The step is the number after "ke"/"langkah", not the clause's last.
        assert_eq!(
            exits("Lengkap: lanjut ke langkah 6 paling lambat 3 hari; Belum Lengkap: kembali ke langkah no. 4"),
            [("Lengkap".to_owned(), 6), ("Belum Lengkap".to_owned(), 4)]
        );
        // Commas separate exits too.
        assert_eq!(exits("Memenuhi: ke 5, Klarifikasi: ke 3, Gugur: ke 9").len(), 3);
    }

    #[test]
    fn marks() {
        assert_eq!(mark_of("√"), Mark::Actor);
        assert_eq!(mark_of("x"), Mark::Actor);
        assert_eq!(mark_of("◇"), Mark::Decision);
        assert_eq!(mark_of("Tidak"), Mark::Branch(false));
        assert!(is("Uraian Prosedur", Column::Kegiatan));
        assert!(is("Persyaratan/Perlengkapan", Column::Kelengkapan));
        assert!(is("PELAKSANA", Column::Pelaksana));
        assert!(is("Pelaksanaan", Column::Pelaksana));
        assert!(is("Ket", Column::Keterangan));
        assert!(is("No.", Column::No));
    }
}
