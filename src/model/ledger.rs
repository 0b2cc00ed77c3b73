//! The ledger of issued documents (`terbitan.toml`, written by `sopkit
//! terbit`): every version of every document ever issued, with the hash a
//! copy is checked against. It lives in the project, not in the output
//! folder, and only ever grows, so that the QR code of a document signed
//! years ago still leads to a page that knows it.

use serde::{Deserialize, Serialize};

use super::address::{DocumentAddress, OutputKind, first_id};
use super::tanggal::Tanggal;

/// The ledger's file, in the project's folder.
pub const LEDGER_FILE: &str = "terbitan.toml";
/// Where issued PDFs are kept, in the project's folder.
pub const ARCHIVE_DIR: &str = "arsip";

/// `terbitan.toml`: the issued versions, oldest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ledger {
    #[serde(default)]
    pub terbit: Vec<IssuedVersion>,
}

/// One version of one document, as issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuedVersion {
    /// The document's verification id, for life.
    pub id: String,
    pub jenis: OutputKind,
    /// 1, 2, ... per document.
    pub versi: u32,
    /// Its output path without `.pdf` when it was issued.
    pub berkas: String,
    #[serde(default)]
    pub nomor: String,
    #[serde(default)]
    pub judul: String,
    /// The day it was issued.
    pub tanggal: Tanggal,
    pub sha256: String,
    pub halaman: usize,
    /// The PDF's length in bytes: a signed copy begins with them.
    pub bita: usize,
}

impl IssuedVersion {
    /// Where the PDF as issued is kept, relative to the project: derived
    /// from the id and version (which validation keeps to plain
    /// characters), never read from the file.
    pub fn archive_path(&self) -> String {
        format!("{ARCHIVE_DIR}/{}/versi-{}.pdf", self.id, self.versi)
    }
}

/// A document a build makes, before it has an id.
#[derive(Debug, Clone)]
pub struct Unaddressed {
    pub kind: OutputKind,
    pub berkas: String,
    pub nomor: String,
}

impl Ledger {
    /// Every version of the document `id`, oldest first.
    pub fn versions<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a IssuedVersion> + 'a {
        self.terbit.iter().filter(move |v| v.id == id)
    }

    pub fn latest(&self, id: &str) -> Option<&IssuedVersion> {
        self.terbit.iter().filter(|v| v.id == id).max_by_key(|v| v.versi)
    }

    /// Every id the ledger knows, in the order first issued.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for version in &self.terbit {
            if !ids.contains(&version.id.as_str()) {
                ids.push(&version.id);
            }
        }
        ids
    }

    /// The addresses of the documents a build makes: a document issued
    /// before keeps its id even when its file was renamed (it is found by
    /// its kind and nomor) or its nomor changed (by its kind and path);
    /// others get [`first_id`]. No two documents get one id.
    pub fn resolve(&self, wanted: &[Unaddressed]) -> Vec<DocumentAddress> {
        let mut ids: Vec<Option<String>> = vec![None; wanted.len()];
        let mut claimed: Vec<String> = Vec::new();
        let by_nomor = |doc: &Unaddressed, v: &IssuedVersion| !doc.nomor.is_empty() && v.nomor == doc.nomor;
        let by_path = |doc: &Unaddressed, v: &IssuedVersion| v.berkas == doc.berkas;
        for same in [&by_nomor as &dyn Fn(&Unaddressed, &IssuedVersion) -> bool, &by_path] {
            for (doc, id) in wanted.iter().zip(ids.iter_mut()).filter(|(_, id)| id.is_none()) {
                // The latest version that matches tells the id.
                let found = self
                    .terbit
                    .iter()
                    .rev()
                    .find(|v| v.jenis == doc.kind && same(doc, v) && !claimed.contains(&v.id))
                    .map(|v| v.id.clone());
                if let Some(found) = found {
                    claimed.push(found.clone());
                    *id = Some(found);
                }
            }
        }
        let known = self.ids();
        wanted
            .iter()
            .zip(ids)
            .map(|(doc, id)| {
                let id = id.unwrap_or_else(|| {
                    // A new document whose derived id an issued one holds
                    // (issued from this very path and nomor, then moved).
                    let mut salt = 0;
                    let mut id = first_id(doc.kind, &doc.berkas, &doc.nomor);
                    while known.contains(&id.as_str()) || claimed.contains(&id) {
                        salt += 1;
                        id = first_id(doc.kind, &format!("{}#{salt}", doc.berkas), &doc.nomor);
                    }
                    claimed.push(id.clone());
                    id
                });
                DocumentAddress { kind: doc.kind, berkas: doc.berkas.clone(), nomor: doc.nomor.clone(), id }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issued(id: &str, versi: u32, berkas: &str, nomor: &str) -> IssuedVersion {
        IssuedVersion {
            id: id.to_owned(),
            jenis: OutputKind::Sop,
            versi,
            berkas: berkas.to_owned(),
            nomor: nomor.to_owned(),
            judul: String::new(),
            tanggal: Tanggal { year: 2025, month: 6, day: 2 },
            sha256: "0".repeat(64),
            halaman: 1,
            bita: 100,
        }
    }

    fn sheet(berkas: &str, nomor: &str) -> Unaddressed {
        Unaddressed { kind: OutputKind::Sop, berkas: berkas.to_owned(), nomor: nomor.to_owned() }
    }

    #[test]
    fn a_document_never_issued_gets_its_first_id() {
        let ids = Ledger::default().resolve(&[sheet("sop/a", "1")]);
        assert_eq!(ids[0].id, first_id(OutputKind::Sop, "sop/a", "1"));
    }

    #[test]
    fn a_renamed_definition_keeps_its_id_and_a_new_one_at_the_old_path_gets_another() {
        let ledger =
            Ledger { terbit: vec![issued("aaaa", 1, "sop/lama", "061/1"), issued("aaaa", 2, "sop/lama", "061/1")] };
        let ids = ledger.resolve(&[sheet("sop/lama", "061/9"), sheet("sop/baru", "061/1")]);
        assert_eq!(ids[1].id, "aaaa", "found by its nomor");
        assert_ne!(ids[0].id, "aaaa", "the id is taken");
        // A nomor changed, the path kept: found by its path.
        let ids = ledger.resolve(&[sheet("sop/lama", "061/2")]);
        assert_eq!(ids[0].id, "aaaa");
    }

    #[test]
    fn a_derived_id_an_issued_document_holds_is_not_given_twice() {
        let taken = first_id(OutputKind::Sop, "sop/a", "1");
        let ledger = Ledger { terbit: vec![issued(&taken, 1, "sop/a", "1")] };
        // Whatever the order, the issued document keeps its id and the
        // new one gets another.
        let ids = ledger.resolve(&[sheet("sop/a", "1"), sheet("sop/z", "9")]);
        assert_eq!(ids[0].id, taken);
        let ids = ledger.resolve(&[sheet("sop/z", "9"), sheet("sop/a", "1")]);
        assert_eq!(ids[1].id, taken);
        assert_ne!(ids[0].id, taken);
    }

    #[test]
    fn versions_and_ids_are_listed_in_order() {
        let ledger = Ledger {
            terbit: vec![issued("b", 1, "sop/b", "2"), issued("a", 1, "sop/a", "1"), issued("b", 2, "sop/b", "2")],
        };
        assert_eq!(ledger.ids(), ["b", "a"]);
        assert_eq!(ledger.latest("b").map(|v| v.versi), Some(2));
        assert_eq!(ledger.versions("b").count(), 2);
    }
}
