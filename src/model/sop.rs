//! One SOP definition as the user writes it in `sops/*.yaml|toml` (the
//! README's "An SOP definition"). Unknown keys are rejected so that a misspelt key is an
//! error with a location, never a silently empty flowchart.

use std::fmt;

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};

use super::Tanggal;
use super::shared::SharedUse;

/// One SOP definition: its identity part and its procedure.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "SopFile")]
pub struct SopDef {
    pub identity: Identity,
    /// Swimlane columns in order: id -> label.
    pub pelaksana: IndexMap<String, String>,
    pub langkah: Vec<Langkah>,
    /// The report a run of this SOP produces (`sopkit laporan`); default
    /// pelaksanaan.
    pub laporan: Option<Jenis>,
    /// What it takes from the project by key (positions, Dasar Hukum,
    /// revisions); the fields above hold the resolved text.
    pub shared: SharedUse,
}

impl SopDef {
    /// The number each step is printed with in the No column: its `nomor`,
    /// else one more than the leading number of the step before (1, 2, 2a,
    /// 3); 1, 2, 3... when no step has one.
    pub fn printed_numbers(&self) -> Vec<String> {
        let mut previous = 0u64;
        self.langkah
            .iter()
            .map(|step| {
                let printed = match &step.nomor {
                    Some(StepNumber(n)) => n.clone(),
                    None => (previous + 1).to_string(),
                };
                let digits: String = printed.chars().take_while(char::is_ascii_digit).collect();
                previous = digits.parse().unwrap_or(previous + 1);
                printed
            })
            .collect()
    }
}

impl Langkah {
    /// The ids of the actors who do the step, in the order written.
    pub fn actor_ids(&self) -> Vec<&str> {
        match (&self.pelaksana, &self.simbol) {
            (Some(actors), _) => actors.ids(),
            (None, Some(cells)) => {
                let mut ids: Vec<&str> = Vec::new();
                for cell in cells {
                    if !ids.contains(&cell.pelaksana.as_str()) {
                        ids.push(&cell.pelaksana);
                    }
                }
                ids
            }
            (None, None) => Vec::new(),
        }
    }
}

/// The identity part of an SOP (the upper half of its sheet): what the
/// sheet, the lampiran, the book, the reports and the importer share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Identity {
    pub nomor: String,
    pub nama: String,
    /// A key of `[units]`; the project's main unit when absent. Templates
    /// get the unit's kop instead.
    #[serde(skip_serializing)]
    pub unit: Option<String>,
    pub tanggal_pembuatan: Tanggal,
    pub tanggal_efektif: Tanggal,
    pub berlaku_sampai: Option<Tanggal>,
    pub tanggal_revisi: Option<Tanggal>,
    pub disahkan_oleh: Option<Pejabat>,
    /// The purpose (Maksud dan Tujuan) a few agencies print; absent on most
    /// sheets, so nothing is printed then.
    pub maksud_tujuan: Option<String>,
    pub dasar_hukum: Vec<String>,
    pub kualifikasi_pelaksana: Vec<String>,
    pub keterkaitan: Vec<String>,
    pub peralatan_perlengkapan: Vec<String>,
    pub peringatan: Vec<String>,
    pub pencatatan_pendataan: Vec<String>,
    pub revisi: Vec<Revisi>,
}

impl Identity {
    /// Whether a text (a Keterkaitan item of another SOP) names this SOP: by
    /// its nomor, or by its name ("SOP Pengelolaan Arsip Dinamis"),
    /// whatever the case and punctuation.
    pub fn named_in(&self, text: &str) -> bool {
        let squeeze = |t: &str| t.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect::<String>();
        let nomor = self.nomor.trim();
        let name = squeeze(&self.nama);
        (!nomor.is_empty() && text.contains(nomor)) || (name.len() >= 8 && squeeze(text).contains(&name))
    }

    /// The Tgl. Revisi of the sheet: `tanggal_revisi`, else the latest
    /// dated revision.
    pub fn revision_date(&self) -> Option<Tanggal> {
        self.tanggal_revisi.or(self.revisi.iter().filter_map(|r| r.tanggal).max())
    }

    /// The sheet's own date (its PDF's date when `SOURCE_DATE_EPOCH` is not
    /// set): the revision date, else the date it was made.
    pub fn own_date(&self) -> Tanggal {
        self.revision_date().unwrap_or(self.tanggal_pembuatan)
    }
}

/// A definition file as written: every key at the top level. Unknown keys
/// are rejected here, which serde cannot do through a flattened
/// [`Identity`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SopFile {
    nomor: String,
    nama: String,
    #[serde(default)]
    unit: Option<String>,
    tanggal_pembuatan: Tanggal,
    tanggal_efektif: Tanggal,
    #[serde(default)]
    berlaku_sampai: Option<Tanggal>,
    #[serde(default)]
    tanggal_revisi: Option<Tanggal>,
    #[serde(default)]
    disahkan_oleh: Option<Signer>,
    #[serde(default)]
    maksud_tujuan: Option<String>,
    #[serde(default)]
    dasar_hukum: Vec<String>,
    #[serde(default)]
    kualifikasi_pelaksana: Vec<String>,
    #[serde(default)]
    keterkaitan: Vec<String>,
    #[serde(default)]
    peralatan_perlengkapan: Vec<String>,
    #[serde(default)]
    peringatan: Vec<String>,
    #[serde(default)]
    pencatatan_pendataan: Vec<String>,
    #[serde(default)]
    revisi: Vec<Revisi>,
    pelaksana: Lanes,
    langkah: Vec<Langkah>,
    #[serde(default)]
    laporan: Option<Jenis>,
}

/// `disahkan_oleh:` as written: the signer's jabatan, name and NIP, or the
/// key of a position of the project that names its holder.
enum Signer {
    Key(String),
    Written(Pejabat),
}

impl<'de> Deserialize<'de> for Signer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Signer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a position key, or `jabatan`, `nama` and `nip`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Signer, E> {
                Ok(Signer::Key(v.trim().to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Signer, A::Error> {
                Pejabat::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Signer::Written)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `pelaksana:` as written: id -> label, where a column left without a
/// label (`kabid:`) is the project's position of that key; or a list of
/// position keys.
struct Lanes {
    labels: IndexMap<String, String>,
    /// The columns written as a position key.
    positions: Vec<String>,
}

impl<'de> Deserialize<'de> for Lanes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Lanes;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("columns as `id: label`, or a list of position keys")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Lanes, A::Error> {
                let written =
                    IndexMap::<String, Option<String>>::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                let positions = written.iter().filter(|(_, l)| l.is_none()).map(|(id, _)| id.clone()).collect();
                let labels = written.into_iter().map(|(id, label)| (id, label.unwrap_or_default())).collect();
                Ok(Lanes { labels, positions })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Lanes, A::Error> {
                let keys = Vec::<String>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Lanes { labels: keys.iter().map(|k| (k.clone(), String::new())).collect(), positions: keys })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl From<SopFile> for SopDef {
    fn from(file: SopFile) -> Self {
        Self {
            identity: Identity {
                nomor: file.nomor,
                nama: file.nama,
                unit: file.unit,
                tanggal_pembuatan: file.tanggal_pembuatan,
                tanggal_efektif: file.tanggal_efektif,
                berlaku_sampai: file.berlaku_sampai,
                tanggal_revisi: file.tanggal_revisi,
                disahkan_oleh: match &file.disahkan_oleh {
                    Some(Signer::Written(pejabat)) => Some(pejabat.clone()),
                    _ => None,
                },
                maksud_tujuan: file.maksud_tujuan,
                dasar_hukum: file.dasar_hukum,
                kualifikasi_pelaksana: file.kualifikasi_pelaksana,
                keterkaitan: file.keterkaitan,
                peralatan_perlengkapan: file.peralatan_perlengkapan,
                peringatan: file.peringatan,
                pencatatan_pendataan: file.pencatatan_pendataan,
                revisi: file.revisi,
            },
            shared: SharedUse {
                lanes: file.pelaksana.positions.iter().map(|id| (id.clone(), id.clone())).collect(),
                disahkan_oleh: match file.disahkan_oleh {
                    Some(Signer::Key(key)) => Some(key),
                    _ => None,
                },
                ..SharedUse::default()
            },
            pelaksana: file.pelaksana.labels,
            langkah: file.langkah,
            laporan: file.laporan,
        }
    }
}

/// An official who signs: jabatan, name and NIP.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Pejabat {
    pub jabatan: String,
    pub nama: String,
    #[serde(default)]
    pub nip: Option<String>,
    /// Optional pangkat/golongan line printed under the name.
    #[serde(default)]
    pub pangkat: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Revisi {
    /// Optional: an undated change is listed in PEMBAHARUAN only.
    #[serde(default)]
    pub tanggal: Option<Tanggal>,
    pub perubahan: String,
    /// The index of the project's `[[revisi]]` entry it comes from; none
    /// for the definition's own.
    #[serde(skip)]
    pub bersama: Option<usize>,
}

/// One step of the procedure.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Langkah {
    #[serde(default)]
    pub id: Option<String>,
    /// The number printed in the No column ("2a", "3.1") when the sheet
    /// does not simply count 1, 2, 3; targets may then name it.
    #[serde(default)]
    pub nomor: Option<StepNumber>,
    pub kegiatan: String,
    /// Who does it: one actor id, or several that do it together. Absent
    /// when the step lists its symbols (`simbol`).
    #[serde(default)]
    pub pelaksana: Option<Actors>,
    /// The symbols of the row, one per actor cell, each with its own kind
    /// and exits: the general form of a row that `pelaksana` with
    /// `keputusan`, `lanjut`, `mulai` and `selesai` cannot say.
    #[serde(default)]
    pub simbol: Option<Vec<Simbol>>,
    #[serde(default)]
    pub kelengkapan: Option<String>,
    #[serde(default)]
    pub waktu: Option<String>,
    #[serde(default)]
    pub output: Option<String>,
    #[serde(default)]
    pub keterangan: Option<String>,
    /// A decision step's exits (`keputusan:` in a definition).
    #[serde(default, rename = "keputusan")]
    pub decision: Option<Decision>,
    /// Where the flow goes instead of the next step; several targets fork
    /// the flow into branches that run in parallel and join later.
    #[serde(default)]
    pub lanjut: Option<Targets>,
    /// A final step: `true`, or the actor id of a Selesai terminator drawn
    /// beside the step's symbol in that actor's column.
    #[serde(default)]
    pub selesai: Ending,
    /// The actor id of a Mulai terminator drawn beside the first step's
    /// symbol, in that actor's column.
    #[serde(default)]
    pub mulai: Option<String>,
    /// The actors of a joint step work in parallel: the step before fans out
    /// to each of them and each flows into the next step.
    #[serde(default, deserialize_with = "crate::util::yes_no::deserialize_yes_no")]
    pub paralel: bool,
    /// A short text inside the step's symbol ("Via Email", "Setuju?").
    #[serde(default)]
    pub teks: Option<String>,
    /// The step's values in the project's own mutu baku columns
    /// (`[format] mutu_baku`), by column key: `{ sumber_data: SIMPEG }`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub mutu_baku: IndexMap<String, String>,
}

/// A step's printed number: `2a`, `3.1`, or a plain number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct StepNumber(pub String);

impl<'de> Deserialize<'de> for StepNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = StepNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a step number as printed (`3`, `2a`, `3.1`)")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<StepNumber, E> {
                Ok(StepNumber(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<StepNumber, E> {
                // `3.10` and `3.1` read as the same number: only quotes keep
                // what the sheet prints.
                Err(E::custom(crate::tr!("sop-number-quote", number = v.to_string())))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<StepNumber, E> {
                Ok(StepNumber(v.trim().to_owned()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// One symbol of a row written as `simbol:`: the actor whose column holds
/// it, its kind, and where the flow goes from it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Simbol {
    /// A name other symbols and steps can point to.
    #[serde(default)]
    pub id: Option<String>,
    pub pelaksana: String,
    /// Mulai, proses, keputusan or selesai; a symbol with `keputusan` is a
    /// decision, any other a process unless said otherwise.
    #[serde(default)]
    pub jenis: Option<JenisSimbol>,
    #[serde(default)]
    pub keputusan: Option<Decision>,
    /// Where the flow goes from it: another symbol of the row (by its id),
    /// or a step; by default the next symbol of the list, after the last
    /// one the next step.
    #[serde(default)]
    pub lanjut: Option<Targets>,
    /// How the arrow to the next symbol of the row is drawn.
    #[serde(default)]
    pub panah: Option<crate::model::flow::Heads>,
    /// A Mulai terminator stacked above this box (the first row only).
    #[serde(default, deserialize_with = "crate::util::yes_no::deserialize_yes_no")]
    pub mulai: bool,
    /// A Selesai terminator stacked below this box: the flow ends here.
    #[serde(default, deserialize_with = "crate::util::yes_no::deserialize_yes_no")]
    pub selesai: bool,
    #[serde(default)]
    pub teks: Option<String>,
}

/// The kind of a symbol written under `simbol:`.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum JenisSimbol {
    Mulai,
    Proses,
    Keputusan,
    Selesai,
}

/// `lanjut:`: one step, or a list of steps the flow forks to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Targets {
    One(Target),
    Fork(Vec<Target>),
}

impl Targets {
    pub fn list(&self) -> Vec<&Target> {
        match self {
            Targets::One(target) => vec![target],
            Targets::Fork(targets) => targets.iter().collect(),
        }
    }
}

impl<'de> Deserialize<'de> for Targets {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Targets;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a step id or number, or a list of them")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Targets, E> {
                Ok(Targets::One(Target::Nomor(v)))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Targets, E> {
                u64::try_from(v)
                    .map(|n| Targets::One(Target::Nomor(n)))
                    .map_err(|_| E::custom("a step number starts at 1"))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Targets, E> {
                Err(E::custom(crate::tr!("sop-number-quote", number = v.to_string())))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Targets, E> {
                Target::deserialize(serde::de::value::StrDeserializer::<E>::new(v)).map(Targets::One)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Targets, A::Error> {
                Vec::<Target>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(Targets::Fork)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `selesai:`: `true` for a final step, or the actor whose column holds its
/// Selesai terminator.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Ending {
    #[default]
    No,
    Final,
    Beside(String),
}

impl Ending {
    pub fn is_final(&self) -> bool {
        !matches!(self, Ending::No)
    }
}

impl Serialize for Ending {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Ending::No => serializer.serialize_bool(false),
            Ending::Final => serializer.serialize_bool(true),
            Ending::Beside(actor) => serializer.serialize_str(actor),
        }
    }
}

impl<'de> Deserialize<'de> for Ending {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Ending;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`true`, or the actor id whose column holds the Selesai terminator")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Ending, E> {
                Ok(if v { Ending::Final } else { Ending::No })
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Ending, E> {
                // `selesai: ya` as clerks write yes; any other word is an actor.
                Ok(match crate::util::yes_no::yes_no(v) {
                    Some(true) => Ending::Final,
                    Some(false) => Ending::No,
                    None => Ending::Beside(v.to_owned()),
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The actors of a step: one id (`pelaksana: staf`), or a list of ids of
/// actors who do it together (`pelaksana: [ketua_tim, hansos, bps]`): one
/// symbol each in the step's row, the flow entering the first, passing
/// between them in list order and leaving from the last.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Actors {
    One(String),
    Many(Vec<String>),
}

impl Actors {
    /// The ids, in the order written.
    pub fn ids(&self) -> Vec<&str> {
        match self {
            Actors::One(id) => vec![id.as_str()],
            Actors::Many(ids) => ids.iter().map(String::as_str).collect(),
        }
    }
}

impl fmt::Display for Actors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ids().join(", "))
    }
}

impl<'de> Deserialize<'de> for Actors {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Actors;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an actor id of `pelaksana`, or a list of them")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Actors, E> {
                Ok(Actors::One(v.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Actors, A::Error> {
                Vec::<String>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(Actors::Many)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A decision's exits, written `{ ya: ..., tidak: ... }` or, for labels
/// other than Ya/Tidak, as a list of two to four `{ label: ..., ke: ... }`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Decision {
    YaTidak(YaTidak),
    Exits(Vec<Exit>),
}

/// The "Ya" and "Tidak" exits. Both are optional here so that a missing
/// one is a located validation error rather than a parse error.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct YaTidak {
    #[serde(default)]
    pub ya: Option<Target>,
    #[serde(default)]
    pub tidak: Option<Target>,
}

/// One labelled exit of a decision: "Lengkap", "Belum Lengkap", "Online"...
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Exit {
    /// Absent where the sheet leaves the exit unlabelled.
    #[serde(default)]
    pub label: Option<String>,
    /// The step it goes to: an id or a 1-based number; a list splits the
    /// exit in two (or more).
    pub ke: Targets,
}

impl Decision {
    /// Every exit with its label and where its target is written (the key
    /// under `keputusan:`, or the exit's index).
    /// An unlabelled exit's label is `None`.
    pub fn exits(&self) -> Vec<(Option<String>, Vec<&Target>, ExitKey)> {
        match self {
            Decision::YaTidak(YaTidak { ya, tidak }) => vec![
                (Some("Ya".into()), ya.iter().collect(), ExitKey::Named("ya")),
                (Some("Tidak".into()), tidak.iter().collect(), ExitKey::Named("tidak")),
            ],
            Decision::Exits(exits) => {
                exits.iter().enumerate().map(|(i, e)| (e.label.clone(), e.ke.list(), ExitKey::Listed(i))).collect()
            }
        }
    }
}

/// Where an exit stands under `keputusan:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitKey {
    Named(&'static str),
    Listed(usize),
}

impl<'de> Deserialize<'de> for Decision {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Decision;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`{ ya: ..., tidak: ... }` or a list of `{ label: ..., ke: ... }`")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Decision, A::Error> {
                YaTidak::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Decision::YaTidak)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Decision, A::Error> {
                Vec::<Exit>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(Decision::Exits)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Where a flow goes: a step id or a 1-based step number.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Target {
    Nomor(u64),
    Id(String),
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Target;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a step id or a 1-based step number")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Target, E> {
                Ok(Target::Nomor(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Target, E> {
                u64::try_from(v).map(Target::Nomor).map_err(|_| E::custom("a step number starts at 1"))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Target, E> {
                Err(E::custom(crate::tr!("sop-number-quote", number = v.to_string())))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Target, E> {
                Ok(match v.trim().parse::<u64>() {
                    Ok(n) => Target::Nomor(n),
                    Err(_) => Target::Id(v.to_owned()),
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Nomor(n) => write!(f, "{n}"),
            Target::Id(id) => write!(f, "{id}"),
        }
    }
}

/// The report a run of an SOP produces (`laporan:` in a definition,
/// `jenis:` in a run record).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Jenis {
    /// Laporan Pelaksanaan SOP: mutu baku against what happened.
    Pelaksanaan,
    /// Laporan hasil analisis risiko SPBE, from a risk register.
    AnalisisRisiko,
    /// Laporan monitoring keamanan informasi.
    MonitoringKeamanan,
}

impl Jenis {
    /// The built-in template of this kind of report.
    pub fn template(self) -> &'static str {
        match self {
            Jenis::Pelaksanaan => "laporan-pelaksanaan.typ.j2",
            Jenis::AnalisisRisiko => "laporan-risiko.typ.j2",
            Jenis::MonitoringKeamanan => "laporan-monitoring.typ.j2",
        }
    }

    /// The kind a spreadsheet cell names, in its usual spellings.
    pub fn parse(text: &str) -> Option<Self> {
        match crate::util::text::normalise(text).as_str() {
            "pelaksanaan" | "pelaksanaansop" => Some(Jenis::Pelaksanaan),
            "analisisrisiko" | "risiko" => Some(Jenis::AnalisisRisiko),
            "monitoringkeamanan" | "monitoring" => Some(Jenis::MonitoringKeamanan),
            _ => None,
        }
    }
}
