//! What many SOPs of a project share, written once in `sopkit.toml`: the
//! positions (jabatan) their columns and signatures name, the Dasar Hukum
//! items they cite, and the revisions that touch many of them at once
//! (a position renamed, a regulation replaced). Definitions refer to these
//! by key, so that a rename is one edit.

use std::fmt;

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};

use super::{Pejabat, Tanggal};

/// `[jabatan.KEY]`: a position as printed, optionally its unit and holder.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Jabatan {
    /// The position as the sheets print it: "Kepala Bidang Persandian".
    pub jabatan: String,
    /// A key of `[units]`: whose position it is.
    #[serde(default)]
    pub unit: Option<String>,
    /// The holder, when the position signs (`disahkan_oleh: KEY`).
    #[serde(default)]
    pub nama: Option<String>,
    #[serde(default)]
    pub nip: Option<String>,
    #[serde(default)]
    pub pangkat: Option<String>,
    /// Names it had before ("Kepala Seksi"): `check` points at texts of the
    /// definitions that still say them.
    #[serde(default)]
    pub sebelumnya: OneOrMany,
}

impl Jabatan {
    /// The holder as a signer, when the position names one.
    pub fn holder(&self) -> Option<Pejabat> {
        let nama = self.nama.clone().filter(|n| !n.trim().is_empty())?;
        Some(Pejabat { jabatan: self.jabatan.clone(), nama, nip: self.nip.clone(), pangkat: self.pangkat.clone() })
    }
}

impl From<&Pejabat> for Jabatan {
    fn from(pejabat: &Pejabat) -> Self {
        Self {
            jabatan: pejabat.jabatan.clone(),
            unit: None,
            nama: Some(pejabat.nama.clone()),
            nip: pejabat.nip.clone(),
            pangkat: pejabat.pangkat.clone(),
            sebelumnya: OneOrMany::default(),
        }
    }
}

/// `[[revisi]]`: one change that touches many SOPs, written once. It
/// appears in the history of every SOP it selects (those using one of its
/// positions or regulations, a unit's, those listed, or all of them) that
/// existed by its date.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RevisiBersama {
    #[serde(default)]
    pub tanggal: Option<Tanggal>,
    pub perubahan: String,
    /// Keys of positions: the SOPs whose columns or signature use one.
    #[serde(default)]
    pub jabatan: OneOrMany,
    /// Keys of `[dasar_hukum]`: the SOPs citing one.
    #[serde(default)]
    pub dasar_hukum: OneOrMany,
    /// Keys of `[units]`: that unit's SOPs.
    #[serde(default)]
    pub unit: OneOrMany,
    /// SOPs by file name (as under `sops/`, without extension) or nomor.
    #[serde(default)]
    pub sop: OneOrMany,
    /// Every SOP of the project.
    #[serde(default, deserialize_with = "crate::util::yes_no::deserialize_yes_no")]
    pub semua: bool,
}

impl RevisiBersama {
    /// Whether it names any SOPs at all.
    pub fn selects_anything(&self) -> bool {
        self.semua || [&self.jabatan, &self.dasar_hukum, &self.unit, &self.sop].iter().any(|l| !l.0.is_empty())
    }
}

/// A key or a list of keys: `jabatan = "ketua_tim"` or `["a", "b"]`.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[serde(transparent)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key or a list of keys")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.trim().to_owned()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<OneOrMany, A::Error> {
                Vec::<String>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(OneOrMany)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// What a definition takes from the project, by key: recorded when it is
/// read (the keys as written) and completed when the project resolves them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SharedUse {
    /// Column id -> position key, for columns written as a position.
    pub lanes: IndexMap<String, String>,
    /// `disahkan_oleh: KEY`.
    pub disahkan_oleh: Option<String>,
    /// Index of a Dasar Hukum item -> the shared item's key.
    pub dasar_hukum: Vec<(usize, String)>,
    /// Indexes of the project's `[[revisi]]` entries in its history.
    pub revisions: Vec<usize>,
}

impl SharedUse {
    /// The position keys the SOP uses: its columns' and its signer's.
    pub fn positions(&self) -> impl Iterator<Item = &str> {
        self.lanes.values().map(String::as_str).chain(self.disahkan_oleh.as_deref())
    }
}
