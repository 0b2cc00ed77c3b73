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
                        crate::tr!("revisions-expired", date = sampai.long()),
                    )
                    .with_hint(crate::tr!("revisions-expired-hint")),
            );
        }
        // A signer written as a position's key is the project's by itself.
        if let Some(pejabat) = &def.identity.disahkan_oleh
            && def.shared.disahkan_oleh.is_none()
            && !officials.is_empty()
        {
            let path = DocPath::root().key("disahkan_oleh");
            match officials.values().find(|o| o.jabatan.eq_ignore_ascii_case(&pejabat.jabatan)) {
                None => diagnostics.push(
                    sop.doc
                        .warning_at(
                            &path.key("jabatan"),
                            crate::tr!("revisions-no-position", jabatan = pejabat.jabatan),
                        )
                        .with_hint(crate::tr!(
                            "revisions-officials",
                            officials = officials.values().map(|o| o.jabatan.as_str()).collect::<Vec<_>>().join("; ")
                        )),
                ),
                Some(official) if !official.nama.eq_ignore_ascii_case(&pejabat.nama) => diagnostics.push(
                    sop.doc
                        .warning_at(
                            &path.key("nama"),
                            crate::tr!("revisions-new-holder", jabatan = official.jabatan, nama = official.nama),
                        )
                        .with_hint(crate::tr!("revisions-update")),
                ),
                Some(_) => {}
            }
        }
    }
}
