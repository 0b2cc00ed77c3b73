//! Stage 2, validate: warnings that an SOP is due for revision: its validity has ended, or it
//! names a signing official the project no longer has.

use crate::diagnostic::Diagnostics;
use crate::load::{DocPath, Project};
use crate::model::Tanggal;

/// Warnings about revisions due: validity that has ended, and signing
/// positions no longer among the project's officials.
pub fn revision_warnings(project: &Project, today: Tanggal, diagnostics: &mut Diagnostics) {
    let officials = &project.config.value.officials;
    for sop in &project.sops {
        let def = &sop.doc.value;
        if let Some(sampai) = def.identity.berlaku_sampai
            && sampai < today
        {
            diagnostics.push(
                sop.doc
                    .warning_at(
                        &DocPath::root().key("berlaku_sampai"),
                        format!("this SOP was valid until {}", sampai.long()),
                    )
                    .with_hint("revise it: add a `revisi` entry and a new berlaku_sampai"),
            );
        }
        if let Some(pejabat) = &def.identity.disahkan_oleh
            && !officials.is_empty()
        {
            let path = DocPath::root().key("disahkan_oleh");
            match officials.values().find(|o| o.jabatan.eq_ignore_ascii_case(&pejabat.jabatan)) {
                None => diagnostics.push(
                    sop.doc
                        .warning_at(
                            &path.key("jabatan"),
                            format!("`{}` is no longer a position in sopkit.toml", pejabat.jabatan),
                        )
                        .with_hint(format!(
                            "officials: {}",
                            officials.values().map(|o| o.jabatan.as_str()).collect::<Vec<_>>().join("; ")
                        )),
                ),
                Some(official) if !official.nama.eq_ignore_ascii_case(&pejabat.nama) => diagnostics.push(
                    sop.doc
                        .warning_at(&path.key("nama"), format!("the {} is now {}", official.jabatan, official.nama))
                        .with_hint("update disahkan_oleh, or the official in sopkit.toml"),
                ),
                Some(_) => {}
            }
        }
    }
}
