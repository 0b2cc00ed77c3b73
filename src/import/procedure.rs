//! Load: the procedure table of a legacy SOP. The header is found by its
//! labels (Kegiatan and its drift, PELAKSANA with one sub-column per actor,
//! MUTU BAKU with Kelengkapan / Waktu / Output, Keterangan); steps start at
//! a number in the No column (or at a new Kegiatan cell) and run over merged
//! and continuation rows; blank spacer rows and the signature footer below
//! the table are told apart from steps.

use std::collections::BTreeSet;
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
    (Column::Pelaksana, &["pelaksana", "pelaku", "pelaksanakegiatan", "penanggungjawab"]),
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
    (Column::Waktu, &["waktu", "jangkawaktu", "durasi", "waktupenyelesaian", "lamawaktu"]),
    (Column::Output, &["output", "keluaran", "hasil", "outputhasil", "produk"]),
    (Column::Keterangan, &["keterangan", "ket", "catatan"]),
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
    /// Where the next SOP on the same sheet begins, if one does.
    pub end: Option<u32>,
}

impl Header {
    pub fn actor_of(&self, col: u32) -> Option<usize> {
        self.actors.iter().position(|(_, cols)| cols.contains(&col))
    }
}

/// The header rows of the procedure tables on the sheet (one per SOP: some
/// workbooks stack several SOPs on one sheet), or why one that looks like
/// a header is not usable. Each table's steps end where the next SOP's
/// identity or header begins (`Header::end`).
pub fn find_headers(sheet: &Sheet) -> Vec<Result<Header, Problem>> {
    let Some(last) = sheet.last_row() else { return Vec::new() };
    let mut found: Vec<Result<Header, Problem>> = Vec::new();
    let mut r = 0;
    while r <= last {
        let row: Vec<(u32, String)> = sheet.row(r).collect();
        let kegiatan = row.iter().find(|(_, t)| is(t, Column::Kegiatan)).map(|(c, _)| *c);
        let pelaksana = row.iter().find(|(_, t)| is(t, Column::Pelaksana)).map(|(c, _)| *c);
        let (Some(kegiatan), Some(pelaksana)) = (kegiatan, pelaksana) else {
            r += 1;
            continue;
        };
        let header = header_at(sheet, r, &row, kegiatan, pelaksana);
        r = header.as_ref().map_or(r + 1, |h| h.body);
        found.push(header);
    }
    // The table before another one ends where that one's identity starts.
    let rows: Vec<Option<u32>> = found.iter().map(|h| h.as_ref().ok().map(|h| h.row)).collect();
    for (k, header) in found.iter_mut().enumerate() {
        let Some(next_row) = rows.get(k + 1).copied().flatten() else { continue };
        if let Ok(header) = header {
            let identity = (header.body..next_row).find(|&r| identity::label_count(sheet, r..r + 1) > 0);
            header.end = Some(identity.unwrap_or(next_row));
        }
    }
    found
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
    // Names written over two rows ("Kepala" over "Seksi"): the second row
    // holds words in the actors' columns only, no step yet.
    let next = sub + 1;
    let words_only = sheet.row(next).all(|(c, text)| {
        span.contains(&c) && text.chars().filter(|ch| ch.is_alphabetic()).count() >= 3 && branch_word(&text).is_none()
    });
    let mut sub_bottom = sub;
    if words_only && sheet.row(next).next().is_some() {
        for (c, text) in sheet.row(next) {
            if let Some((name, _)) = actors.iter_mut().find(|(_, cols)| cols.contains(&c)) {
                name.push(' ');
                name.push_str(&squash(&text));
            }
        }
        sub_bottom = next;
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
        row.iter().map(|&(c, _)| sheet.span(r, c).bottom).chain(std::iter::once(sub_bottom)).max().unwrap_or(sub);
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
        end: None,
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
    /// Guesses made on its cells: a value read from a cell merged over it
    /// and the step before, a mark merged over several actors' columns.
    pub guesses: Vec<Problem>,
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
    let last = match header.end {
        Some(end) => end.saturating_sub(1).max(header.body),
        None => sheet.last_row().unwrap_or(header.body),
    };
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
        let mut guesses = Vec::new();
        let mut column = |col: Option<u32>, guesses: &mut Vec<Problem>| -> String {
            let Some(c) = col else { return String::new() };
            let mut parts = Vec::new();
            for r in rows.clone() {
                let text = sheet.text(r, c);
                if !text.is_empty() && !used.contains(sheet, r, c) {
                    used.take(sheet, r, c);
                    // "#REF!", "#N/A": Excel could not compute the cell.
                    if matches!(sheet.data(r, c), Some(calamine::Data::Error(_))) {
                        guesses.push(((r, c), crate::tr!("import-cell-error", step = i + 1, value = text)));
                        continue;
                    }
                    parts.push(text);
                }
            }
            // One cell merged over this step and the one before ("30 Menit"
            // for both): the value is this step's too.
            let merge = sheet.span(start, c);
            if parts.is_empty() && merge.top < start && merge.bottom >= start {
                let shared = sheet.text(merge.top, c);
                if !shared.is_empty() {
                    guesses.push(((merge.top, c), crate::tr!("import-merged-value", step = i + 1, value = shared)));
                    parts.push(shared);
                }
            }
            parts.join(" ")
        };
        if let Some(no) = header.no {
            column(Some(no), &mut Vec::new());
        }
        let kegiatan = column(Some(header.kegiatan), &mut Vec::new());
        let kelengkapan = column(header.kelengkapan, &mut guesses);
        let waktu = column(header.waktu, &mut guesses);
        let output = column(header.output, &mut guesses);
        let keterangan = column(header.keterangan, &mut guesses);
        let mut marks = Vec::new();
        for r in rows.clone() {
            for c in header.actor_span.clone() {
                let text = sheet.text(r, c);
                if text.is_empty() {
                    continue;
                }
                marks.push((r, c, text.clone()));
                // One mark merged over several actors' columns marks each.
                let merge = sheet.span(r, c);
                let others: Vec<u32> =
                    (merge.left + 1..=merge.right).filter(|other| header.actor_span.contains(other)).collect();
                let distinct = others.iter().any(|&other| header.actor_of(other) != header.actor_of(c));
                if merge.top == r && merge.left == c && distinct {
                    for &other in &others {
                        marks.push((r, other, text.clone()));
                    }
                    guesses.push(((r, c), crate::tr!("import-merged-mark", step = i + 1)));
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
            guesses,
        });
    }
    // Numbered rows left empty at the end of a template are no steps.
    while steps.last().is_some_and(|s: &RawStep| s.kegiatan.is_empty() && s.marks.is_empty()) {
        steps.pop();
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
pub fn footer_signer(sheet: &Sheet, after: u32, until: u32, used: &mut Used) -> Option<(Pejabat, (u32, u32))> {
    let last = sheet.last_row()?.min(until.saturating_sub(1));
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

/// "Ya" / "Tidak" in their spellings (Y, Yes, T, No, Tdk): the words a
/// definition writes as `{ ya, tidak }`. Other words ("Setuju", "Sesuai")
/// are kept as the sheet wrote them.
pub fn yes_no_word(text: &str) -> Option<bool> {
    match normalise(text).as_str() {
        "ya" | "y" | "yes" => Some(true),
        "tidak" | "t" | "no" | "tdk" => Some(false),
        _ => None,
    }
}

/// A word that labels a decision's exit, as a text box or a cell beside
/// the diamond: Ya/Tidak and the usual pairs of other words.
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
        // A number is a step only where the clause names one ("ke 4",
        // "langkah 4", "no. 4"): "Revisi maksimal 2 kali" is a note.
        let number = step_named(&words);
        let opens = words.first().is_some_and(|w| matches!(*w, "jika" | "apabila" | "bila" | "kalau"));
        let goal = match number {
            Some(n) => Goal::Step(n),
            // Words name a step only in a condition ("jika ya lanjut ..."),
            // not in any sentence that happens to hold "perbaikan".
            None if !opens => continue,
            None => {
                // The activity the clause names, after the word that sends
                // the flow there ("lanjut proses ...", "hanya pencatatan
                // ..."); a bare condition ("apabila berkas tidak lengkap")
                // names none.
                const SENDS: [&str; 6] = ["lanjut", "dilanjutkan", "diteruskan", "hanya", "ke", "kembali"];
                let Some(at) = words.iter().rposition(|w| SENDS.contains(w)) else { continue };
                let rest = &words[at + 1..];
                if rest.len() < 2 {
                    continue;
                }
                Goal::Words(rest.join(" "))
            }
        };
        let slot = if negative { &mut tidak } else { &mut ya };
        // A step named by its number beats one named by words.
        match slot {
            Some(Goal::Words(_)) if matches!(goal, Goal::Step(_)) => *slot = Some(goal),
            Some(_) => {}
            None => *slot = Some(goal),
        }
    }
    (ya, tidak)
}

/// A text cut into clauses: at punctuation, and before each "jika",
/// "apabila" or "bila" that opens a new condition. "no." and "nomor"
/// before a number do not end a clause.
fn clauses(text: &str) -> Vec<String> {
    let text = joined_numbers(text);
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

/// "no. 3", "No.3", "nomor.3": the full stop after the word names no end
/// of a sentence; taken out so that the number stays in its clause.
fn joined_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        out.push(chars[i]);
        if chars[i] == '.' && i >= 2 {
            let word: String = out.chars().rev().skip(1).take_while(|c| c.is_alphabetic()).collect();
            let word: String = word.chars().rev().collect::<String>().to_lowercase();
            let next = chars[i + 1..].iter().find(|c| **c != ' ');
            if matches!(word.as_str(), "no" | "nomor" | "langkah") && next.is_some_and(char::is_ascii_digit) {
                out.pop();
                out.push(' ');
            }
        }
        i += 1;
    }
    out
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
    let own_words = exits.iter().any(|(label, _)| yes_no_word(label).is_none());
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

/// How the to-do list names each step: by the number the table prints
/// when the definition keeps it (1, 2, 2a, 3), else 1 to n.
pub fn step_names(raw: &[RawStep]) -> Vec<String> {
    match kept_numbers(raw) {
        Some(_) => raw.iter().map(|s| s.written.clone().unwrap_or_default()).collect(),
        None => (1..=raw.len()).map(|n| n.to_string()).collect(),
    }
}

/// The numbers of a table that numbers sub-rows (1, 2, 2a, 3, 3.1, 4)
/// and nothing else differently from 1 to n: `nomor` for each sub-row, the
/// others counted on from it as the definition prints them. `None` for a
/// table counted 1 to n, or with gaps or repeats (renumbered instead).
pub fn kept_numbers(raw: &[RawStep]) -> Option<Vec<Option<String>>> {
    let leading = |written: &str| written.chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok();
    let mut previous = 0u64;
    let mut seen = BTreeSet::new();
    let mut kept = Vec::with_capacity(raw.len());
    for step in raw {
        let written = step.written.as_deref()?;
        let lead: u64 = leading(written)?;
        if !seen.insert(written) {
            return None;
        }
        if written == (previous + 1).to_string() {
            kept.push(None);
        } else if lead == previous && written.len() > lead.to_string().len() {
            kept.push(Some(written.to_owned()));
        } else {
            return None;
        }
        previous = lead;
    }
    kept.iter().any(Option::is_some).then_some(kept)
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
        // A note with a number is no branch; "no.1" is a step.
        assert_eq!(branches_in("Revisi maksimal 2 kali"), (None, None));
        assert_eq!(branches_in("Perbaikan paling lama 5 hari"), (None, None));
        assert_eq!(branches_in("Jika tidak sesuai kembali ke no.1"), (None, step(1)));
        assert_eq!(branches_in("Jika ditolak, kembali ke No.1"), (None, step(1)));
        assert_eq!(
            branches_in("Apabila berkas tidak lengkap, dikembalikan kepada pelaksana (langkah 1)"),
            (None, step(1))
        );
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
