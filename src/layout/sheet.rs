//! Stage 4, layout: what the measuring pass and the final sheet share: the profile's printed
//! labels, the page and its columns, the swimlanes and each step's cell
//! texts. Decides nothing about the flowchart (see `flowchart`).

use serde::Serialize;

use super::flowchart::Sizes;
use super::page::{LaneNeed, NoRoom, PageGeometry, TextDemand, TextWidths, columns};
use crate::model::{Format, MutuColumn, Profile, ProjectConfig};
use crate::validate::ValidSop;

/// The space between a procedure title and its table, in points: the
/// `above: 6pt` of the table in templates/sop.typ.j2, which must agree.
pub const TITLE_GAP: f64 = 6.0;

/// The printed labels of a profile. Real documents drift ("Aktivitas",
/// "Ketersediaan", "Keterikatan"); a profile fixes them once.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub sheet_title: String,
    pub no: String,
    pub kegiatan: String,
    pub pelaksana: String,
    pub mutu_baku: String,
    pub kelengkapan: String,
    pub waktu: String,
    pub output: String,
    pub keterangan: String,
    pub nomor: String,
    pub tgl_pembuatan: String,
    pub tgl_revisi: String,
    pub tgl_efektif: String,
    pub disahkan: String,
    pub nama_sop: String,
    pub maksud_tujuan: String,
    pub dasar_hukum: String,
    pub kualifikasi: String,
    pub keterkaitan: String,
    pub peralatan: String,
    pub peringatan: String,
    pub pencatatan: String,
    pub pembaharuan: String,
    pub pembaharuan_intro: String,
}

impl Labels {
    /// The procedure table's header named by its `[format.judul_kolom]` key.
    fn header_mut(&mut self, key: &str) -> Option<&mut String> {
        Some(match key {
            "no" => &mut self.no,
            "kegiatan" => &mut self.kegiatan,
            "pelaksana" => &mut self.pelaksana,
            "mutu_baku" => &mut self.mutu_baku,
            "kelengkapan" => &mut self.kelengkapan,
            "waktu" => &mut self.waktu,
            "output" => &mut self.output,
            "keterangan" => &mut self.keterangan,
            _ => return None,
        })
    }
}

/// How a profile lays out the sheet.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileStyle {
    pub labels: Labels,
    /// `grid`: the lists in two columns; `stack`: one under another.
    pub identity_layout: &'static str,
    /// `table`: logo and kop in the identity table; `letterhead`: a kop above.
    pub kop_style: &'static str,
    pub show_pembaharuan: bool,
}

impl ProfileStyle {
    pub fn of(profile: Profile) -> Self {
        let permenpan = Labels {
            sheet_title: "STANDAR OPERASIONAL PROSEDUR (SOP)".into(),
            no: "No".into(),
            kegiatan: "Kegiatan".into(),
            pelaksana: "Pelaksana".into(),
            mutu_baku: "Mutu Baku".into(),
            kelengkapan: "Kelengkapan".into(),
            waktu: "Waktu".into(),
            output: "Output".into(),
            keterangan: "Keterangan".into(),
            nomor: "Nomor SOP".into(),
            tgl_pembuatan: "Tgl. Pembuatan".into(),
            tgl_revisi: "Tgl. Revisi".into(),
            tgl_efektif: "Tgl. Efektif".into(),
            disahkan: "Disahkan oleh".into(),
            nama_sop: "Nama SOP".into(),
            maksud_tujuan: "Maksud dan Tujuan:".into(),
            dasar_hukum: "Dasar Hukum:".into(),
            kualifikasi: "Kualifikasi Pelaksana:".into(),
            keterkaitan: "Keterkaitan:".into(),
            peralatan: "Peralatan/Perlengkapan:".into(),
            peringatan: "Peringatan:".into(),
            pencatatan: "Pencatatan dan Pendataan:".into(),
            pembaharuan: "Pembaharuan:".into(),
            pembaharuan_intro: "Pembaharuan terkait SOP ini meliputi:".into(),
        };
        match profile {
            Profile::Permenpan => {
                Self { labels: permenpan, identity_layout: "grid", kop_style: "table", show_pembaharuan: false }
            }
            Profile::Denpasar => Self {
                labels: Labels {
                    kegiatan: "Aktivitas".into(),
                    kelengkapan: "Ketersediaan".into(),
                    pelaksana: "PELAKSANA".into(),
                    tgl_pembuatan: "Tanggal Pembuatan".into(),
                    tgl_revisi: "Tanggal Revisi".into(),
                    tgl_efektif: "Tanggal Efektif".into(),
                    ..permenpan
                },
                identity_layout: "grid",
                kop_style: "letterhead",
                show_pembaharuan: false,
            },
            Profile::Bali => Self {
                labels: Labels {
                    no: "NO".into(),
                    kegiatan: "KEGIATAN".into(),
                    pelaksana: "PELAKSANA".into(),
                    mutu_baku: "MUTU BAKU".into(),
                    kelengkapan: "KELENGKAPAN".into(),
                    waktu: "WAKTU".into(),
                    output: "OUTPUT".into(),
                    keterangan: "KETERANGAN".into(),
                    nomor: "NOMOR SOP".into(),
                    tgl_pembuatan: "TGL. PEMBUATAN".into(),
                    tgl_revisi: "TGL. REVISI".into(),
                    tgl_efektif: "TGL. EFEKTIF".into(),
                    disahkan: "DISAHKAN OLEH".into(),
                    nama_sop: "NAMA SOP".into(),
                    maksud_tujuan: "MAKSUD DAN TUJUAN:".into(),
                    dasar_hukum: "DASAR HUKUM:".into(),
                    kualifikasi: "KUALIFIKASI PELAKSANA:".into(),
                    keterkaitan: "KETERKAITAN:".into(),
                    peralatan: "PERALATAN/PERLENGKAPAN:".into(),
                    peringatan: "PERINGATAN:".into(),
                    pencatatan: "PENCATATAN DAN PENDATAAN:".into(),
                    pembaharuan: "PEMBAHARUAN".into(),
                    pembaharuan_intro: "Pembaharuan terkait SOP ini Meliputi:".into(),
                    ..permenpan
                },
                identity_layout: "stack",
                kop_style: "table",
                show_pembaharuan: true,
            },
        }
    }

    /// The profile of `format` with the header words it gives
    /// (`[format.judul_kolom]`) instead of the profile's.
    pub fn of_format(format: &Format) -> Self {
        let mut style = Self::of(format.profile);
        for (key, own) in format.judul_kolom.given() {
            if let Some(label) = style.labels.header_mut(key) {
                own.clone_into(label);
            }
        }
        style
    }
}

/// One step's printed cells.
#[derive(Debug, Clone, Serialize)]
pub struct StepCells {
    pub no: String,
    pub kegiatan: String,
    /// The step's values in the mutu baku columns, in their order.
    pub mutu_baku: Vec<String>,
    pub keterangan: String,
}

/// A mutu baku column as the table heads it: its key (the step's own key
/// or the project's) and its header words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MutuHeader {
    pub kolom: String,
    pub judul: String,
}

/// The header of each of `format`'s mutu baku columns: its own words, else
/// the profile's words (`labels`) for a step's own key.
pub fn mutu_baku_headers(format: &Format, labels: &Labels) -> Vec<MutuHeader> {
    let profile_words = |kolom: &str| match kolom {
        "kelengkapan" => labels.kelengkapan.clone(),
        "waktu" => labels.waktu.clone(),
        "output" => labels.output.clone(),
        own => own.to_owned(),
    };
    format
        .mutu_baku_columns()
        .into_iter()
        .map(|column| MutuHeader {
            judul: column.judul.clone().unwrap_or_else(|| profile_words(&column.kolom)),
            kolom: column.kolom,
        })
        .collect()
}

/// Kegiatan's and Keterangan's relative widths, on the scale of
/// `MutuColumn::width`.
const KEGIATAN_WIDTH: f64 = 22.0;
const KETERANGAN_WIDTH: f64 = 8.5;

/// The text columns' shares of the table's width for `columns` (Kegiatan,
/// the mutu baku columns, Keterangan): their relative widths as fractions.
pub fn text_shares(mutu_baku: &[MutuColumn]) -> Vec<f64> {
    std::iter::once(KEGIATAN_WIDTH)
        .chain(mutu_baku.iter().map(MutuColumn::width))
        .chain([KETERANGAN_WIDTH])
        .map(|width| width / 100.0)
        .collect()
}

/// What the measurement pass and the final sheet share.
#[derive(Debug, Clone, Serialize)]
pub struct SheetBasics {
    /// Labels and layout variants, flattened: `labels`, `identity_layout`,
    /// `kop_style`, `show_pembaharuan` in the templates.
    #[serde(flatten)]
    pub profile: ProfileStyle,
    pub page: PageGeometry,
    pub width: f64,
    pub cols: Vec<f64>,
    pub lanes: Vec<String>,
    /// Each actor's name with a soft hyphen between its syllables, where
    /// the header may break a word too long for its column.
    pub lane_syllables: Vec<String>,
    /// Whether each actor's name surely fits across its column, word by
    /// word (measured here): the header sets it so without asking Typst to
    /// measure it on every page.
    pub lane_plain: Vec<bool>,
    pub steps: Vec<StepCells>,
    pub proc_title: Option<String>,
    pub proc_subtitle: Option<String>,
    /// `[format] nomor_kolom`: the header's column numbering row.
    pub nomor_kolom: bool,
    /// The mutu baku columns' headers, in their order.
    pub mutu_baku: Vec<MutuHeader>,
    /// Whether the mutu baku columns are other than the step's own
    /// Kelengkapan, Waktu, Output in that order (the templates then set
    /// each row's cells themselves, not by `sk-row-cells`).
    pub own_mutu_baku: bool,
}

impl SheetBasics {
    /// The sheet of `sop`; every actor column at least `min_lane` wide
    /// (see `Sizes::lane_for_labels`) while the actors are few; the text
    /// columns measured by `width` (a text's width on one line at the
    /// sheet's size, bold or not). [`NoRoom`] when even the narrowest
    /// columns are wider than the page.
    pub fn of(
        sop: &ValidSop,
        config: &ProjectConfig,
        min_lane: LaneNeed,
        width_of: &dyn Fn(&str, bool) -> f64,
    ) -> Result<Self, NoRoom> {
        let def = sop.def();
        let profile = ProfileStyle::of_format(&config.format);
        let page = PageGeometry::of(config);
        let width = page.content_width();
        let lanes: Vec<String> = def.pelaksana.values().cloned().collect();
        let (proc_title, proc_subtitle) = match config.format.profile {
            Profile::Bali => (
                Some(format!("STANDARD OPERATIONAL PROCEDURES (SOP) {}", def.identity.nama.to_uppercase())),
                sop.unit.kop.last().map(|l| l.to_uppercase()),
            ),
            Profile::Denpasar => (Some("PROSEDUR".into()), None),
            Profile::Permenpan => (Some(format!("PROSEDUR: {}", def.identity.nama.to_uppercase())), None),
        };
        let mutu_columns = config.format.mutu_baku_columns();
        let steps: Vec<StepCells> = def
            .langkah
            .iter()
            .zip(def.printed_numbers())
            .map(|(s, no)| StepCells {
                no,
                kegiatan: s.kegiatan.clone(),
                mutu_baku: mutu_columns.iter().map(|c| c.value_of(s).to_owned()).collect(),
                keterangan: s.keterangan.clone().unwrap_or_default(),
            })
            .collect();
        let mutu_baku = mutu_baku_headers(&config.format, &profile.labels);
        let own_mutu_baku = !mutu_columns.iter().map(|c| c.kolom.as_str()).eq(crate::model::config::STEP_MUTU_BAKU);
        let demand = || text_demand(&profile.labels, &mutu_baku, &steps, width_of);
        let text_widths =
            if config.format.lebar_kolom_menurut_isi { TextWidths::ByContent } else { TextWidths::Proportional };
        let cols = columns(width, lanes.len(), min_lane, &text_shares(&mutu_columns), &demand, text_widths)?;
        Ok(Self {
            lane_plain: lanes_plain(&lanes, &cols[2..2 + lanes.len()], width_of),
            cols,
            profile,
            page,
            width,
            lane_syllables: lanes.iter().map(|name| syllables(name)).collect(),
            lanes,
            steps,
            proc_title,
            proc_subtitle,
            nomor_kolom: config.format.nomor_kolom,
            mutu_baku,
            own_mutu_baku,
        })
    }

    /// The height a page gives the table's body: the page's content less
    /// the procedure title (`title` high), its gap and the header rows,
    /// column numbers included (`header` high), and 2 pt for the rules.
    pub fn body_budget(&self, title: f64, header: f64) -> f64 {
        self.page.content_height() - title - self.title_gap() - header - 2.0
    }

    pub fn lane_width(&self) -> f64 {
        self.cols[2]
    }

    pub fn sizes(&self) -> Sizes {
        Sizes::for_lane_width(self.lane_width())
    }

    /// The space between a page's procedure title and its table (the
    /// title block's `below: 6pt` in sopkit-lib.typ; the template gives the
    /// table the same `above`), which the page budget must count: without it
    /// a full page's table did not fit under its title and moved to the next
    /// page, leaving the title alone on a page.
    pub fn title_gap(&self) -> f64 {
        if self.proc_title.as_deref().is_some_and(|t| !t.is_empty()) { TITLE_GAP } else { 0.0 }
    }
}

/// What each text column asks of the width (see [`TextDemand`]): its
/// header's widest word in bold, its cells' widest word (a word breaks after
/// 16 characters, `render::templates::breakable`), each with the cell's
/// insets, and its cells' text on one line.
fn text_demand(
    labels: &Labels,
    mutu_baku: &[MutuHeader],
    steps: &[StepCells],
    width_of: &dyn Fn(&str, bool) -> f64,
) -> Vec<TextDemand> {
    // sk-cell-inset in sopkit-lib.typ, both sides, and a point to spare.
    const INSETS: f64 = 2.0 * 3.0 + 1.0;
    let widest = |text: &str, bold: bool| {
        text.split_whitespace()
            .map(|word| {
                let piece: String = word.chars().take(16).collect();
                width_of(&piece, bold)
            })
            .fold(0.0, f64::max)
    };
    let headers = std::iter::once(labels.kegiatan.as_str())
        .chain(mutu_baku.iter().map(|h| h.judul.as_str()))
        .chain([labels.keterangan.as_str()]);
    let cells = |step: &StepCells| -> Vec<String> {
        std::iter::once(step.kegiatan.clone())
            .chain(step.mutu_baku.iter().cloned())
            .chain([step.keterangan.clone()])
            .collect()
    };
    let mut demand: Vec<TextDemand> =
        headers.map(|header| TextDemand { least: widest(header, true) + INSETS, amount: 0.0 }).collect();
    for step in steps {
        for (column, text) in demand.iter_mut().zip(cells(step)) {
            column.least = column.least.max(widest(&text, false) + INSETS);
            column.amount += width_of(&text, false);
        }
    }
    demand
}

/// `sk-cell-inset` in sopkit-lib.typ: a cell's padding left and right.
pub const CELL_INSET_X: f64 = 3.0;

/// Whether each name surely fits across its column of `widths`: its
/// longest piece that a line may not break (to a space, after a slash or a
/// hyphen), in bold as `sk-lane-head` sets it, within the cell's insets.
fn lanes_plain(names: &[String], widths: &[f64], width_of: &dyn Fn(&str, bool) -> f64) -> Vec<bool> {
    names
        .iter()
        .zip(widths)
        .map(|(name, &width)| {
            let pieces = name.replace('/', "/ ").replace('-', "- ");
            let widest = pieces.split(' ').map(|piece| width_of(piece, true)).fold(0.0, f64::max);
            // A hair's margin: where it is that close, Typst decides.
            widest < width - 2.0 * CELL_INSET_X - 0.01
        })
        .collect()
}

/// `text` with a soft hyphen (U+00AD) wherever an Indonesian word may be
/// broken between syllables: before a consonant between two vowels, and
/// after the first consonant of several (ng, ny, sy and kh count as one);
/// never between vowels, nor two letters or fewer from a word's ends.
pub fn syllables(text: &str) -> String {
    let vowel = |c: char| "aeiouAEIOU".contains(c);
    let mut out = String::with_capacity(text.len() * 2);
    for (w, word) in text.split(' ').enumerate() {
        if w > 0 {
            out.push(' ');
        }
        let letters: Vec<char> = word.chars().collect();
        let mut breaks = Vec::new();
        let mut i = 0;
        while i < letters.len() {
            // From a vowel to the next: the consonant units between them.
            if vowel(letters[i]) {
                let mut j = i + 1;
                let mut units = Vec::new();
                while j < letters.len() && letters[j].is_alphabetic() && !vowel(letters[j]) {
                    let pair: String = letters[j..(j + 2).min(letters.len())].iter().collect::<String>().to_lowercase();
                    units.push(j);
                    j += if ["ng", "ny", "sy", "kh"].contains(&pair.as_str()) { 2 } else { 1 };
                }
                if j < letters.len() && vowel(letters[j]) && !units.is_empty() {
                    breaks.push(if units.len() == 1 { units[0] } else { units[1] });
                }
                i = j.max(i + 1);
            } else {
                i += 1;
            }
        }
        for (k, c) in letters.iter().enumerate() {
            if breaks.contains(&k) && k >= 2 && k + 2 <= letters.len() {
                out.push('\u{ad}');
            }
            out.push(*c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_projects_header_words_replace_only_the_profiles_words_they_name() {
        let mut format = Format { profile: Profile::Denpasar, ..Format::default() };
        format.judul_kolom.kegiatan = Some("Uraian Prosedur".into());
        let labels = ProfileStyle::of_format(&format).labels;
        assert_eq!((labels.kegiatan.as_str(), labels.kelengkapan.as_str()), ("Uraian Prosedur", "Ketersediaan"));
    }

    #[test]
    fn names_break_between_indonesian_syllables() {
        let shown = |text: &str| syllables(text).replace('\u{ad}', "-");
        assert_eq!(shown("Kepegawaian"), "Ke-pe-ga-waian");
        assert_eq!(shown("Pertanggungjawaban"), "Per-tang-gung-ja-wa-ban");
        assert_eq!(shown("Sekretariat"), "Sek-re-ta-riat");
        assert_eq!(shown("Penyusunan Anggaran"), "Pe-nyu-su-nan Ang-ga-ran");
        assert_eq!(shown("Kasubbag TU"), "Ka-sub-bag TU");
        assert_eq!(shown("Barang/Jasa"), "Ba-rang/Ja-sa");
    }

    #[test]
    fn mutu_baku_columns_are_as_wide_as_their_relative_widths_say() {
        let column = |kolom: &str, judul: Option<&str>, lebar| MutuColumn {
            kolom: kolom.into(),
            judul: judul.map(str::to_owned),
            lebar,
        };
        let mut format = Format { profile: Profile::Denpasar, ..Format::default() };
        format.mutu_baku = Some(vec![
            column("kelengkapan", Some("Persyaratan"), Some(16.0)),
            column("waktu", None, None),
            column("sumber_data", Some("Sumber Data"), Some(8.0)),
        ]);
        let cols = columns(
            900.0,
            4,
            LaneNeed::fixed(48.0),
            &text_shares(&format.mutu_baku_columns()),
            &Vec::new,
            TextWidths::Proportional,
        )
        .expect("room");
        let mutu = &cols[2 + 4..2 + 4 + 3];
        assert!((mutu[0] / mutu[2] - 2.0).abs() < 1e-9, "{mutu:?}");
        assert!((mutu[1] / mutu[2] - 6.5 / 8.0).abs() < 1e-9, "Waktu keeps its 6.5: {mutu:?}");
        let headers: Vec<String> =
            mutu_baku_headers(&format, &ProfileStyle::of_format(&format).labels).into_iter().map(|h| h.judul).collect();
        assert_eq!(headers, ["Persyaratan", "Waktu", "Sumber Data"]);
        // Without the key: the profile's three at today's shares.
        assert_eq!(text_shares(&Format::default().mutu_baku_columns()), [0.22, 0.11, 0.065, 0.11, 0.085]);
    }
}
