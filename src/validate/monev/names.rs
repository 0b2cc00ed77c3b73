//! Stage 2, validate: the SOP a monev record names, by its nomor or its
//! file's name, as they are or as they were when it was issued; or the
//! last version issued of one retired since.

use crate::load::{Project, SopSource};

/// The SOP a record names: by its nomor, or by its path under `sops/`
/// without extension, as they are now or as they were when the SOP was
/// issued (renamed or renumbered since: the ledger keeps its id); the one
/// resolver every reader of monev records uses.
pub fn sop_named<'a>(project: &'a Project, text: &str) -> Option<&'a SopSource> {
    let text = as_named(text);
    project
        .sops
        .iter()
        .find(|s| s.doc.value.identity.nomor.trim() == text || s.stem == text)
        .or_else(|| renamed_sop(project, text))
}

/// A record's SOP reference without its spaces and `sops/`.
fn as_named(text: &str) -> &str {
    let text = text.trim();
    text.strip_prefix("sops/").unwrap_or(text)
}

/// The versions the ledger issued of an SOP sheet with this nomor or file.
fn issued_as<'a>(project: &'a Project, text: &str) -> impl Iterator<Item = &'a crate::model::IssuedVersion> {
    let berkas = crate::model::DocumentAddress::sheet_berkas(text);
    let text = text.to_owned();
    project
        .ledger()
        .terbit
        .iter()
        .filter(move |v| v.jenis == crate::model::OutputKind::Sop && (v.nomor.trim() == text || v.berkas == berkas))
}

/// The SOP issued under the nomor or file name `text` and renamed or
/// renumbered since: the one whose verification id the ledger carried
/// over (`Ledger::resolve`, as the build resolves it).
fn renamed_sop<'a>(project: &'a Project, text: &str) -> Option<&'a SopSource> {
    let ids: Vec<&str> = issued_as(project, text).map(|v| v.id.as_str()).collect();
    if ids.is_empty() {
        return None;
    }
    let wanted: Vec<crate::model::Unaddressed> = project
        .sops
        .iter()
        .map(|s| crate::model::Unaddressed {
            kind: crate::model::OutputKind::Sop,
            berkas: crate::model::DocumentAddress::sheet_berkas(&s.stem),
            nomor: s.doc.value.identity.nomor.clone(),
        })
        .collect();
    let addresses = project.ledger().resolve(&wanted);
    project.sops.iter().zip(addresses).find(|(_, a)| ids.contains(&a.id.as_str())).map(|(s, _)| s)
}

/// The last issued version of the SOP a record names that the project no
/// longer has, under any nomor or file name: retired since the record was
/// made (the ledger remembers it by its nomor and its file's name).
pub fn retired_sop<'a>(project: &'a Project, text: &str) -> Option<&'a crate::model::IssuedVersion> {
    if sop_named(project, text).is_some() {
        return None;
    }
    let text = as_named(text);
    let id = issued_as(project, text).max_by_key(|v| (v.tanggal, v.versi))?.id.clone();
    project.ledger().latest(&id)
}
