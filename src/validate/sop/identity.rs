//! The identity part of an SOP: its nomor and nama written, its dates in
//! order.

use super::SopCheck;
use crate::load::DocPath;
use crate::tr;

impl SopCheck<'_> {
    /// Nomor and nama are written, a maksud_tujuan given is not left blank,
    /// and the nomor is not a template's blank.
    pub(super) fn check_identity_filled_in(&mut self) {
        let identity = &self.def.identity;
        let root = DocPath::root();
        let texts = [
            ("nomor", Some(&identity.nomor)),
            ("nama", Some(&identity.nama)),
            ("maksud_tujuan", identity.maksud_tujuan.as_ref()),
        ];
        for (key, value) in texts {
            if value.is_some_and(|text| text.trim().is_empty()) {
                self.error(&root.key(key), tr!("sop-empty-key", key = key));
            }
        }
        // "…/2024", "XXX/SOP/2024": a template's blank, not yet the SOP's number.
        if let Some(blank) = placeholder_in(&identity.nomor) {
            self.error_with_hint(
                &root.key("nomor"),
                tr!("sop-nomor-placeholder", nomor = identity.nomor.trim(), blank = blank),
                tr!("sop-nomor-placeholder-hint"),
            );
        }
    }

    /// An SOP takes effect once made, is valid from then on, and is revised
    /// after it was made.
    pub(super) fn check_dates_in_order(&mut self) {
        let identity = &self.def.identity;
        let root = DocPath::root();
        if identity.tanggal_efektif < identity.tanggal_pembuatan {
            self.error_with_hint(
                &root.key("tanggal_efektif"),
                tr!("sop-efektif-before-pembuatan"),
                tr!("sop-made-on", date = identity.tanggal_pembuatan.long()),
            );
        }
        if let Some(sampai) = identity.berlaku_sampai
            && sampai < identity.tanggal_efektif
        {
            self.error(&root.key("berlaku_sampai"), tr!("sop-sampai-before-efektif"));
        }
        if let Some(revisi) = identity.tanggal_revisi
            && revisi < identity.tanggal_pembuatan
        {
            self.error(&root.key("tanggal_revisi"), tr!("sop-revisi-before-pembuatan"));
        }
        // The project's shared revisions are checked where they are written.
        for (i, revisi) in identity.revisi.iter().filter(|r| r.bersama.is_none()).enumerate() {
            if revisi.tanggal.is_some_and(|t| t < identity.tanggal_pembuatan) {
                self.error(&root.key("revisi").index(i).key("tanggal"), tr!("sop-revision-predates"));
            }
        }
    }
}

/// The blank a template leaves where the number goes ("…", "...", "XXX",
/// "___"), if a nomor still holds one.
pub fn placeholder_in(nomor: &str) -> Option<&'static str> {
    let upper = nomor.to_uppercase();
    ["…", "...", "XXX", "___", "[NOMOR]"].into_iter().find(|blank| upper.contains(blank))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{HEAD, check};

    #[test]
    fn dates_out_of_order_are_located() {
        let head = HEAD.replace(
            "tanggal_efektif: 2023-09-27\n",
            "tanggal_efektif: 2023-09-27\nberlaku_sampai: 2023-09-26\ntanggal_revisi: 2023-09-01\nrevisi:\n  - { tanggal: 2023-10-01, perubahan: Alur }\n  - { perubahan: Nama }\n  - { tanggal: 2022-12-31, perubahan: Waktu }\n",
        );
        let (flow, diagnostics) = check(&format!("{head}  - kegiatan: Menyiapkan\n    pelaksana: staf\n"));
        assert!(flow.is_none());
        let found: Vec<(&str, usize)> =
            diagnostics.errors().map(|d| (d.message.as_str(), d.position().unwrap().1)).collect();
        assert_eq!(
            found,
            [
                ("berlaku_sampai is before tanggal_efektif", 5),
                ("tanggal_revisi is before tanggal_pembuatan", 6),
                ("a revision cannot predate tanggal_pembuatan", 10)
            ]
        );
    }

    #[test]
    fn a_blank_maksud_tujuan_is_located() {
        let steps = "  - kegiatan: Menyiapkan\n    pelaksana: staf\n";
        let blank = HEAD.replace("nama: Uji\n", "nama: Uji\nmaksud_tujuan: \"  \"\n");
        let (_, diagnostics) = check(&format!("{blank}{steps}"));
        let found: Vec<(&str, usize)> =
            diagnostics.errors().map(|d| (d.message.as_str(), d.position().unwrap().1)).collect();
        assert_eq!(found, [("`maksud_tujuan` must not be empty", 3)]);

        let written = HEAD.replace("nama: Uji\n", "nama: Uji\nmaksud_tujuan: Agar arsip tertata\n");
        let (flow, diagnostics) = check(&format!("{written}{steps}"));
        assert!(flow.is_some() && !diagnostics.has_errors(), "{}", diagnostics.render_plain());
    }
}
