//! What definitions take from `sopkit.toml` by key, put in place once the
//! project is read: a column or signer written as a position's key prints
//! the position's current name, a Dasar Hukum item written as a key prints
//! the shared text, and each `[[revisi]]` joins the history of the SOPs it
//! selects. Later stages see only the resolved text, so a rename reaches
//! every sheet, lampiran row, book page, report and portal page.

use std::collections::HashSet;

use crate::diagnostic::Diagnostics;
use crate::model::{ProjectConfig, Revisi, RevisiBersama, SopDef};
use crate::util::text::known_list;

use super::{DocPath, Loaded, Project, SopSource};

/// The SOPs (by stem) each `[[revisi]]` of the project touches, in order.
pub type RevisionReach = Vec<Vec<String>>;

/// Resolves every definition's shared references; mistakes are located
/// where they are written.
pub fn resolve(project: &mut Project, diagnostics: &mut Diagnostics) -> RevisionReach {
    let config = &project.config;
    check_positions(config, diagnostics);
    for sop in &mut project.sops {
        resolve_positions(config, sop, diagnostics);
        resolve_dasar_hukum(&config.value, sop, diagnostics);
        former_names(&config.value, sop, diagnostics);
    }
    // What could be read of a definition with a broken line is resolved
    // too, so that its other mistakes are checked in the same run.
    for aside in &mut project.set_aside {
        let mut found = Diagnostics::default();
        resolve_positions(config, &mut aside.sop, &mut found);
        resolve_dasar_hukum(&config.value, &mut aside.sop, &mut found);
        let own = aside.own(found);
        diagnostics.extend(own);
    }
    if let Some(decree) = &mut project.decree {
        resolve_mengingat(&config.value, decree, diagnostics);
    }
    let known_sops: HashSet<&str> = project
        .sops
        .iter()
        .flat_map(|s| [s.stem.as_str(), s.doc.value.identity.nomor.as_str()])
        .chain(project.unreadable.iter().map(|(stem, _)| stem.as_str()))
        .collect();
    for (i, revision) in config.value.revisi.iter().enumerate() {
        check_selectors(config, i, revision, &known_sops, diagnostics);
    }
    let mut reach: RevisionReach = vec![Vec::new(); config.value.revisi.len()];
    let main_unit = config.value.main_unit_key().map(str::to_owned);
    for sop in &mut project.sops {
        for (i, revision) in config.value.revisi.iter().enumerate() {
            if selects(revision, &sop.stem, &sop.doc.value, main_unit.as_deref())
                && add_revision(&mut sop.doc.value, i, revision)
            {
                reach[i].push(sop.stem.clone());
            }
        }
    }
    for (i, revision) in config.value.revisi.iter().enumerate() {
        if reach[i].is_empty() && revision.selects_anything() && !project.sops.is_empty() {
            diagnostics.push(
                config
                    .warning_at(&DocPath::root().key("revisi").index(i), crate::tr!("shared-revision-touches-none"))
                    .with_hint(crate::tr!("shared-revision-touches-none-hint")),
            );
        }
    }
    reach
}

/// `[jabatan]` and `[officials]` name positions by the same keys: one key,
/// one position; a position's unit is one of the project's.
fn check_positions(config: &Loaded<ProjectConfig>, diagnostics: &mut Diagnostics) {
    let value = &config.value;
    for (key, jabatan) in &value.jabatan {
        let path = DocPath::root().key("jabatan").key(key);
        if value.officials.contains_key(key) {
            diagnostics.push(config.error_at(&path, crate::tr!("shared-position-twice", key = key)));
        }
        if jabatan.jabatan.trim().is_empty() {
            diagnostics.push(config.error_at(&path.key("jabatan"), crate::tr!("shared-position-empty", key = key)));
        }
        if let Some(unit) = &jabatan.unit
            && !value.units.contains_key(unit)
        {
            diagnostics.push(
                config
                    .error_at(&path.key("unit"), crate::tr!("validate-unknown-unit", unit = unit))
                    .with_hint(known_list("units", unit, value.units.keys())),
            );
        }
    }
    for (key, text) in &value.dasar_hukum {
        if text.trim().is_empty() {
            diagnostics.push(
                config
                    .error_at(&DocPath::root().key("dasar_hukum").key(key), crate::tr!("shared-law-empty", key = key)),
            );
        }
    }
}

/// Columns and the signer written as a position's key.
fn resolve_positions(config: &Loaded<ProjectConfig>, sop: &mut SopSource, diagnostics: &mut Diagnostics) {
    let doc = &mut sop.doc;
    let project = &config.value;
    let position_keys: Vec<String> = project.position_keys().into_iter().map(str::to_owned).collect();
    let lanes: Vec<String> = doc.value.pelaksana.keys().cloned().collect();
    for (i, id) in lanes.iter().enumerate() {
        let written_as_key = doc.value.shared.lanes.contains_key(id);
        let label = doc.value.pelaksana[id].trim().to_owned();
        let key = if written_as_key { id.clone() } else { label.clone() };
        // The list form has no ids of its own: point at the item.
        let at = if doc.map.contains(&DocPath::root().key("pelaksana").key(id)) {
            DocPath::root().key("pelaksana").key(id)
        } else {
            DocPath::root().key("pelaksana").index(i)
        };
        match project.position(&key) {
            Some(position) => {
                doc.value.pelaksana[id] = position.jabatan;
                doc.value.shared.lanes.insert(id.clone(), key);
            }
            None if written_as_key => {
                diagnostics.push(doc.error_at(&at, crate::tr!("shared-lane-unknown", id = id)).with_hint(known_list(
                    "jabatan",
                    id,
                    position_keys.iter(),
                )))
            }
            None if looks_like_a_key(&label) => diagnostics.push(
                doc.warning_at(&at, crate::tr!("shared-lane-as-written", label = label.as_str()))
                    .with_hint(known_list("jabatan", &label, position_keys.iter())),
            ),
            None => {}
        }
    }
    let Some(key) = doc.value.shared.disahkan_oleh.clone() else { return };
    let at = DocPath::root().key("disahkan_oleh");
    match (project.signer(&key), project.position(&key)) {
        (Some(signer), _) => doc.value.identity.disahkan_oleh = Some(signer),
        (None, Some(_)) => diagnostics.push(
            doc.error_at(&at, crate::tr!("shared-signer-no-holder", key = key.as_str()))
                .with_hint(crate::tr!("shared-signer-no-holder-hint", key = key.as_str())),
        ),
        (None, None) => {
            let keys: Vec<String> = project.signer_keys().into_iter().map(str::to_owned).collect();
            diagnostics.push(
                doc.error_at(&at, crate::tr!("shared-signer-unknown", key = key.as_str())).with_hint(known_list(
                    "officials",
                    &key,
                    keys.iter(),
                )),
            );
        }
    }
}

/// Dasar Hukum items written as the key of a shared item.
fn resolve_dasar_hukum(project: &ProjectConfig, sop: &mut SopSource, diagnostics: &mut Diagnostics) {
    let doc = &mut sop.doc;
    for i in 0..doc.value.identity.dasar_hukum.len() {
        let item = doc.value.identity.dasar_hukum[i].trim().to_owned();
        match project.dasar_hukum.get(&item) {
            Some(text) => {
                doc.value.identity.dasar_hukum[i] = text.clone();
                doc.value.shared.dasar_hukum.push((i, item));
            }
            None if looks_like_a_key(&item) => diagnostics.push(
                doc.warning_at(
                    &DocPath::root().key("dasar_hukum").index(i),
                    crate::tr!("shared-law-as-written", item = item.as_str()),
                )
                .with_hint(known_list("dasar_hukum", &item, project.dasar_hukum.keys())),
            ),
            None => {}
        }
    }
}

/// The decree's Mengingat items written as the key of a shared Dasar
/// Hukum item: the decree cites the regulation the SOPs cite.
fn resolve_mengingat(
    project: &ProjectConfig,
    decree: &mut Loaded<crate::model::DecreeDef>,
    diagnostics: &mut Diagnostics,
) {
    for i in 0..decree.value.mengingat.len() {
        let item = decree.value.mengingat[i].trim().to_owned();
        match project.dasar_hukum.get(&item) {
            Some(text) => decree.value.mengingat[i] = text.clone(),
            None if looks_like_a_key(&item) => diagnostics.push(
                decree
                    .warning_at(
                        &DocPath::root().key("mengingat").index(i),
                        crate::tr!("shared-law-as-written", item = item.as_str()),
                    )
                    .with_hint(known_list("dasar_hukum", &item, project.dasar_hukum.keys())),
            ),
            None => {}
        }
    }
}

/// Texts of a definition that still name a position by a name it had
/// before (`sebelumnya`): a rename in sopkit.toml reaches the columns and
/// signatures, but a step written as "Kepala Seksi memeriksa" is the
/// author's to reword.
fn former_names(project: &ProjectConfig, sop: &SopSource, diagnostics: &mut Diagnostics) {
    let renamed: Vec<(&String, &crate::model::Jabatan, &String)> = project
        .jabatan
        .iter()
        .flat_map(|(key, j)| j.sebelumnya.0.iter().filter(|f| !f.trim().is_empty()).map(move |f| (key, j, f)))
        .collect();
    if renamed.is_empty() {
        return;
    }
    let current: Vec<String> = project.jabatan.values().map(|j| j.jabatan.to_lowercase()).collect();
    let def = &sop.doc.value;
    let root = DocPath::root();
    let mut texts: Vec<(DocPath, &str)> = Vec::new();
    let lists = [
        ("kualifikasi_pelaksana", &def.identity.kualifikasi_pelaksana),
        ("peringatan", &def.identity.peringatan),
        ("pencatatan_pendataan", &def.identity.pencatatan_pendataan),
        ("peralatan_perlengkapan", &def.identity.peralatan_perlengkapan),
    ];
    for (key, items) in lists {
        texts.extend(items.iter().enumerate().map(|(i, t)| (root.key(key).index(i), t.as_str())));
    }
    if let Some(text) = &def.identity.maksud_tujuan {
        texts.push((root.key("maksud_tujuan"), text));
    }
    for (i, step) in def.langkah.iter().enumerate() {
        let at = root.key("langkah").index(i);
        texts.push((at.key("kegiatan"), &step.kegiatan));
        let optional = [
            ("kelengkapan", &step.kelengkapan),
            ("output", &step.output),
            ("keterangan", &step.keterangan),
            ("teks", &step.teks),
        ];
        texts.extend(optional.into_iter().filter_map(|(k, t)| t.as_deref().map(|t| (at.key(k), t))));
    }
    for (path, text) in texts {
        let lower = text.to_lowercase();
        for (key, jabatan, former) in &renamed {
            if says(&lower, &former.to_lowercase(), &current) {
                // Underline the name itself where the source spells it so.
                let range = sop.doc.map.value(&path);
                let source = &sop.doc.file.text[range.clone()];
                let found = source.to_lowercase().find(&former.to_lowercase()).filter(|at| {
                    source.is_char_boundary(*at) && source.is_char_boundary((at + former.len()).min(source.len()))
                });
                let at = found.map_or(range.clone(), |at| range.start + at..range.start + at + former.len());
                let message = crate::tr!(
                    "shared-former-name",
                    former = former.as_str(),
                    key = key.as_str(),
                    jabatan = jabatan.jabatan.as_str()
                );
                diagnostics.push(
                    crate::diagnostic::Diagnostic::warning(message)
                        .at(&sop.doc.file, at)
                        .with_hint(crate::tr!("shared-former-name-hint", jabatan = jabatan.jabatan.as_str())),
                );
            }
        }
    }
}

/// Whether `text` says `former` as words of their own, and not as the
/// start of a name a position has now ("Kepala Bidang" in "Kepala Bidang
/// Persandian", when that is a current position).
fn says(text: &str, former: &str, current: &[String]) -> bool {
    text.match_indices(former).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + former.len()..].chars().next();
        let word_edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        word_edge(before)
            && word_edge(after)
            && !current.iter().any(|name| name != former && text[at..].starts_with(name.as_str()))
    })
}

/// A key rather than text: lowercase letters, digits and `_`, with a `_`
/// (`kabid_persandian`); no printed name or regulation looks like that.
fn looks_like_a_key(text: &str) -> bool {
    text.contains('_') && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Each key a `[[revisi]]` selects by names something of the project.
fn check_selectors(
    config: &Loaded<ProjectConfig>,
    i: usize,
    revision: &RevisiBersama,
    sops: &HashSet<&str>,
    diagnostics: &mut Diagnostics,
) {
    let value = &config.value;
    let path = DocPath::root().key("revisi").index(i);
    if !revision.selects_anything() {
        diagnostics.push(
            config
                .error_at(&path, crate::tr!("shared-revision-selects-nothing"))
                .with_hint(crate::tr!("shared-revision-selects-nothing-hint")),
        );
    }
    let positions: Vec<String> = value.position_keys().into_iter().map(str::to_owned).collect();
    let laws: Vec<String> = value.dasar_hukum.keys().cloned().collect();
    let units: Vec<String> = value.units.keys().cloned().collect();
    let mut stems: Vec<String> = sops.iter().map(|s| s.to_string()).collect();
    stems.sort();
    let selectors: [(&str, &Vec<String>, &Vec<String>); 4] = [
        ("jabatan", &revision.jabatan.0, &positions),
        ("dasar_hukum", &revision.dasar_hukum.0, &laws),
        ("unit", &revision.unit.0, &units),
        ("sop", &revision.sop.0, &stems),
    ];
    for (selector, keys, known) in selectors {
        for (j, key) in keys.iter().enumerate() {
            if known.contains(key) {
                continue;
            }
            // One key written as a string is recorded at the selector.
            let at = if config.map.contains(&path.key(selector).index(j)) {
                path.key(selector).index(j)
            } else {
                path.key(selector)
            };
            diagnostics.push(
                config
                    .error_at(&at, crate::tr!("shared-revision-unknown", selector = selector, key = key.as_str()))
                    .with_hint(known_list(selector, key, known.iter())),
            );
        }
    }
}

/// Whether a `[[revisi]]` selects an SOP.
fn selects(revision: &RevisiBersama, stem: &str, sop: &SopDef, main_unit: Option<&str>) -> bool {
    let listed = |keys: &[String], key: &str| keys.iter().any(|k| k == key);
    revision.semua
        || sop.shared.positions().any(|p| listed(&revision.jabatan.0, p))
        || sop.shared.dasar_hukum.iter().any(|(_, k)| listed(&revision.dasar_hukum.0, k))
        || sop.identity.unit.as_deref().or(main_unit).is_some_and(|u| listed(&revision.unit.0, u))
        || listed(&revision.sop.0, stem)
        || listed(&revision.sop.0, &sop.identity.nomor)
}

/// Puts a `[[revisi]]` into an SOP's history, before the first of its own
/// entries dated later; not when the SOP was made after it, and once only
/// when the definition already lists the same change. Whether it is in the
/// history.
fn add_revision(sop: &mut SopDef, index: usize, revision: &RevisiBersama) -> bool {
    if revision.tanggal.is_some_and(|t| t < sop.identity.tanggal_pembuatan) {
        return false;
    }
    sop.shared.revisions.push(index);
    let same = |r: &Revisi| {
        r.tanggal == revision.tanggal && squeeze(&r.perubahan).eq_ignore_ascii_case(&squeeze(&revision.perubahan))
    };
    if sop.identity.revisi.iter().any(same) {
        return true;
    }
    let entry = Revisi { tanggal: revision.tanggal, perubahan: revision.perubahan.clone(), bersama: Some(index) };
    let at = match revision.tanggal {
        Some(date) => sop.identity.revisi.iter().position(|r| r.tanggal.is_some_and(|t| t > date)),
        None => None,
    };
    match at {
        Some(at) => sop.identity.revisi.insert(at, entry),
        None => sop.identity.revisi.push(entry),
    }
    true
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
