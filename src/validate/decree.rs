//! Stage 2, validate: the decree (`keputusan.yaml`) checked, and its lampiran rows merged from
//! the SOP definitions and the spreadsheet list, warning where they
//! disagree.

use std::collections::HashMap;

use crate::diagnostic::Diagnostics;
use crate::load::spreadsheet::cell_warning;
use crate::load::{DocPath, Loaded, Project};
use crate::model::{DecreeDef, LampiranRow, Pejabat};
use crate::util::text::known_list;
use crate::util::text::squash;

/// A decree that passed validation, with its lampiran rows resolved.
#[derive(Debug, Clone)]
pub struct ValidDecree {
    pub doc: Loaded<DecreeDef>,
    pub pejabat: Pejabat,
    pub rows: Vec<LampiranRow>,
}

/// Checks `keputusan.yaml` and merges the lampiran rows from the SOP
/// definitions and the spreadsheet list, warning where they disagree.
pub fn validate_decree(project: &Project, diagnostics: &mut Diagnostics) -> Option<ValidDecree> {
    let doc = project.decree.as_ref()?;
    let def = &doc.value;
    let root = DocPath::root();
    let before = diagnostics.errors().count();
    let pejabat = match project.config.value.signer(&def.pejabat) {
        Some(pejabat) => Some(pejabat),
        None => {
            let keys: Vec<String> = project.config.value.signer_keys().into_iter().map(str::to_owned).collect();
            diagnostics.push(
                doc.error_at(&root.key("pejabat"), crate::tr!("decree-unknown-official", official = def.pejabat))
                    .with_hint(known_list("officials", &def.pejabat, keys.iter())),
            );
            None
        }
    };
    if let Some(lambang) = &def.lambang {
        let resolved = project.root.join(lambang);
        if !resolved.is_file() {
            diagnostics
                .push(doc.error_at(&root.key("lambang"), crate::tr!("config-file-missing", file = lambang.display())));
        }
    }
    for (key, empty) in [
        ("menimbang", def.menimbang.is_empty()),
        ("mengingat", def.mengingat.is_empty()),
        ("diktum", def.diktum.is_empty()),
    ] {
        if empty {
            diagnostics.push(doc.error_at(&root.key(key), crate::tr!("decree-empty-list", key = key)));
        }
    }

    // Rows: the spreadsheet's order first, then definitions it lacks.
    let mut rows: Vec<LampiranRow> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    if let Some(list) = &project.lampiran_list {
        for listed in &list.rows {
            if seen.contains_key(&listed.row.nomor) {
                diagnostics.push(cell_warning(
                    &list.name,
                    &listed.cell,
                    crate::tr!("decree-nomor-twice", nomor = listed.row.nomor),
                ));
                continue;
            }
            seen.insert(listed.row.nomor.clone(), rows.len());
            rows.push(listed.row.clone());
        }
    }
    if def.lampiran.dari_definisi {
        let mut extra: Vec<LampiranRow> = Vec::new();
        for sop in &project.sops {
            let sdef = &sop.doc.value;
            let row = LampiranRow {
                nomor: sdef.identity.nomor.trim().to_owned(),
                tanggal_efektif: sdef.identity.tanggal_efektif,
                nama: squash(&sdef.identity.nama),
            };
            let adopted = def.ditetapkan.tanggal;
            if row.tanggal_efektif < adopted {
                diagnostics.push(
                    sop.doc
                        .warning_at(
                            &DocPath::root().key("tanggal_efektif"),
                            crate::tr!("decree-sop-before-decree", effective = row.tanggal_efektif, adopted = adopted),
                        )
                        .with_hint(crate::tr!("decree-sop-before-decree-hint", adopted = adopted)),
                );
            }
            match (seen.get(&row.nomor), &project.lampiran_list) {
                (Some(&i), Some(list)) => {
                    let listed = list.rows.iter().find(|l| l.row.nomor == row.nomor).expect("listed");
                    if !rows[i].nama.eq_ignore_ascii_case(&row.nama) {
                        diagnostics.push(
                            sop.doc
                                .warning_at(&DocPath::root().key("nama"), crate::tr!("decree-name-differs"))
                                .with_hint(crate::tr!(
                                    "decree-list-says",
                                    list = list.name,
                                    cell = listed.cell,
                                    value = format!("`{}`", rows[i].nama)
                                )),
                        );
                    }
                    if rows[i].tanggal_efektif != row.tanggal_efektif {
                        diagnostics.push(
                            sop.doc
                                .warning_at(&DocPath::root().key("tanggal_efektif"), crate::tr!("decree-date-differs"))
                                .with_hint(crate::tr!(
                                    "decree-list-says",
                                    list = list.name,
                                    cell = listed.cell,
                                    value = rows[i].tanggal_efektif.short()
                                )),
                        );
                    }
                    rows[i] = row;
                }
                _ => {
                    if let Some(list) = &project.lampiran_list {
                        diagnostics.push(
                            sop.doc
                                .warning_at(&DocPath::root().key("nomor"), crate::tr!("decree-not-listed"))
                                .with_hint(crate::tr!("decree-not-listed-hint", list = list.name)),
                        );
                    }
                    if !seen.contains_key(&row.nomor) {
                        seen.insert(row.nomor.clone(), usize::MAX);
                        extra.push(row);
                    }
                }
            }
        }
        extra.sort_by(|a, b| a.nomor.cmp(&b.nomor));
        rows.extend(extra);
    }
    if rows.is_empty() {
        diagnostics.push(
            doc.error_at(&root.key("lampiran"), crate::tr!("decree-no-sop"))
                .with_hint(crate::tr!("decree-no-sop-hint")),
        );
    }
    let pejabat = pejabat?;
    (diagnostics.errors().count() == before).then(|| ValidDecree { doc: doc.clone(), pejabat, rows })
}
