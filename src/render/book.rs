//! Stage 5, render: the SOP book's front matter as `buku.typ.j2` receives
//! it: the cover, the decree's sections and the sheets in the daftar isi
//! with their page labels, and the daftar perubahan. The sheets' order and
//! page numbers come from the caller, which binds the book in that order.

use serde::Serialize;

use super::tte::TteContext;
use crate::compile::introspect::Bookmark;
use crate::layout::MM;
use crate::load::Project;
use crate::model::{DayStyle, ProjectConfig, Tanggal, Unit};
use crate::util::numbering::roman;
use crate::validate::{MonevStatus, monev_statuses};

#[derive(Debug, Serialize)]
pub struct Entry {
    pub title: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct SheetEntry {
    pub id: String,
    pub title: String,
    pub label: String,
    pub first_in_book: bool,
}

#[derive(Debug, Serialize)]
pub struct UnitEntry {
    pub title: String,
    pub sops: Vec<SheetEntry>,
}

#[derive(Debug, Serialize)]
pub struct Perubahan {
    pub nomor: String,
    pub nama: String,
    pub tanggal: String,
    pub perubahan: String,
}

/// An SOP's monev status as the daftar perubahan prints it: texts only,
/// none judged on the day of the build, so that the book stays the same
/// from one day to the next.
#[derive(Debug, Serialize)]
pub struct MonevRow {
    pub nomor: String,
    pub nama: String,
    /// "Berjalan dengan baik (30 Juni 2024)", or "-".
    pub monitoring: String,
    /// "Perlu revisi (31 Desember 2024)", "Sesuai (…)", or "-".
    pub evaluasi: String,
    /// "Direvisi 15 Agustus 2024", "Perlu revisi", or "-".
    pub tindak_lanjut: String,
}

/// One sheet as the book lists it.
pub struct BookSheet<'a> {
    /// Index of its unit in `[units]` (`usize::MAX` when unknown).
    pub unit: usize,
    /// `sop/<stem>.pdf`.
    pub path: &'a str,
    /// Its first section's title (nomor and nama).
    pub title: Option<&'a str>,
    /// 0-based page of its first page, counted from the first sheet.
    pub offset: usize,
}

/// Everything `buku.typ.j2` receives.
#[derive(Debug, Serialize)]
pub struct BookContext<'a> {
    /// The whole book as one source (parts inlined), for `--emit-typst`;
    /// else the front matter only.
    pub inline: bool,
    pub instansi: &'a str,
    /// The cover's title and kop (`[buku]`).
    pub judul: &'a str,
    pub kop: Vec<String>,
    pub aksara_bali: Option<&'a str>,
    pub logo: Option<String>,
    pub tahun: i32,
    pub font: &'a str,
    pub page_width: f64,
    pub page_height: f64,
    /// The decree's pages and its source as a part (template names from
    /// before the decree had a name of its own in the code).
    #[serde(rename = "keputusan_pages")]
    pub decree_pages: usize,
    #[serde(rename = "keputusan_part")]
    pub decree_part: Option<&'a str>,
    pub front: Vec<Entry>,
    pub units: Vec<UnitEntry>,
    pub perubahan: Vec<Perubahan>,
    /// Each SOP's monitoring and evaluation status, when the project keeps
    /// monev records; empty (nothing printed) else.
    pub monev: Vec<MonevRow>,
    pub parts: Vec<&'a str>,
    pub tte: TteContext,
}

/// The book's kop: the main unit's.
pub fn main_unit(config: &ProjectConfig) -> &Unit {
    config.main_unit_key().and_then(|k| config.units.get(k)).expect("validated: at least one unit")
}

/// The book's own date: the latest of the decree's and every SOP's dates.
pub fn own_date(project: &Project) -> Tanggal {
    project
        .decree
        .as_ref()
        .map(|k| k.value.ditetapkan.tanggal)
        .into_iter()
        .chain(project.sops.iter().map(|s| s.doc.value.identity.tanggal_pembuatan))
        .chain(project.sops.iter().flat_map(|s| s.doc.value.identity.revisi.iter().filter_map(|r| r.tanggal)))
        .max()
        .unwrap_or(Tanggal { year: 2024, month: 1, day: 1 })
}

/// A unit's title in the daftar isi and the outline: its last kop line
/// without brackets.
pub fn unit_title(config: &ProjectConfig, unit: usize) -> String {
    config
        .units
        .get_index(unit)
        .and_then(|(_, u)| u.kop.last())
        .map_or_else(String::new, |l| l.trim_matches(['(', ')']).to_owned())
}

/// Units in book order, each with its sheets and their page labels
/// (arabic from 1 at the first sheet).
pub fn units<'a>(config: &ProjectConfig, sheets: impl Iterator<Item = &'a BookSheet<'a>>) -> Vec<UnitEntry> {
    let mut units: Vec<UnitEntry> = Vec::new();
    let mut previous = None;
    for (i, sheet) in sheets.enumerate() {
        if previous != Some(sheet.unit) {
            units.push(UnitEntry { title: unit_title(config, sheet.unit), sops: Vec::new() });
            previous = Some(sheet.unit);
        }
        let id = sheet.path.trim_start_matches("sop/").trim_end_matches(".pdf").to_owned();
        units.last_mut().expect("a unit").sops.push(SheetEntry {
            id,
            title: sheet.title.map_or_else(|| sheet.path.to_owned(), str::to_owned),
            label: (sheet.offset + 1).to_string(),
            first_in_book: i == 0,
        });
    }
    units
}

/// The decree's sections in the daftar isi: roman labels after the cover.
pub fn front_entries(decree_sections: &[Bookmark]) -> Vec<Entry> {
    decree_sections.iter().map(|b| Entry { title: b.title.clone(), label: roman(1 + b.page) }).collect()
}

/// Every revision note of every SOP, newest first.
pub fn perubahan(project: &Project) -> Vec<Perubahan> {
    let style = project.config.value.format.day_style();
    let mut perubahan: Vec<(Option<Tanggal>, Perubahan)> = project
        .sops
        .iter()
        .flat_map(|s| {
            let identity = &s.doc.value.identity;
            identity.revisi.iter().map(|r| {
                let entry = Perubahan {
                    nomor: identity.nomor.clone(),
                    nama: identity.nama.clone(),
                    tanggal: r.tanggal.map_or_else(|| "-".into(), |t| t.long_in(style)),
                    perubahan: r.perubahan.clone(),
                };
                (r.tanggal, entry)
            })
        })
        .collect();
    perubahan.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.nomor.cmp(&b.1.nomor)));
    perubahan.into_iter().map(|(_, p)| p).collect()
}

/// The page size of the book's own pages.
pub fn page_size(config: &ProjectConfig) -> (f64, f64) {
    let (w, h) = config.format.paper.size_mm();
    (w * MM, h * MM)
}

/// Every SOP's monev status, by nomor; empty without monev records.
pub fn monev(project: &Project) -> Vec<MonevRow> {
    let statuses = monev_statuses(project);
    let style = project.config.value.format.day_style();
    let mut rows: Vec<MonevRow> = project
        .sops
        .iter()
        .filter_map(|sop| {
            let status = statuses.of(&sop.stem)?;
            let identity = &sop.doc.value.identity;
            Some(monev_row(project, &identity.nomor, &identity.nama, status, style))
        })
        .collect();
    rows.sort_by(|a, b| a.nomor.cmp(&b.nomor));
    rows
}

fn monev_row(project: &Project, nomor: &str, nama: &str, status: &MonevStatus, style: DayStyle) -> MonevRow {
    let dated = |label: &str, t: Tanggal| format!("{label} ({})", t.long_in(style));
    let monitoring = status.monitoring.map_or_else(
        || "-".to_owned(),
        |m| match project.monev_record(m.record).and_then(|(def, _)| def.monitoring.get(m.entry)) {
            Some(p) => dated(p.penilaian.label(), m.tanggal),
            None => "-".to_owned(),
        },
    );
    let evaluasi = status
        .evaluasi
        .map_or_else(|| "-".to_owned(), |e| dated(if e.perlu_revisi { "Perlu revisi" } else { "Sesuai" }, e.tanggal));
    let tindak_lanjut = match (status.perlu_revisi, status.revisi_sejak) {
        (Some(_), Some(revised)) => format!("Direvisi {}", revised.long_in(style)),
        (Some(_), None) => "Perlu revisi".to_owned(),
        (None, _) => "-".to_owned(),
    };
    MonevRow { nomor: nomor.to_owned(), nama: nama.to_owned(), monitoring, evaluasi, tindak_lanjut }
}
