//! Stage 2, validate: the ledger of issued documents (`terbitan.toml`).
//! sopkit writes it, but it lives in the project where anyone can edit it,
//! and every verification page trusts it: its ids become folder names (the
//! archive, the portal's pages), so they are held to the plain form sopkit
//! writes; one id is one document (one kind, each version sharing its path
//! or its nomor with the one before), numbered 1, 2, 3...; one PDF's hash
//! belongs to one document only, so that no page vouches for another's.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::Diagnostics;
use crate::load::{DocPath, Loaded};
use crate::model::{IssuedVersion, Ledger};

pub fn validate_ledger(ledger: &Loaded<Ledger>, root: &Path, diagnostics: &mut Diagnostics) {
    let mut owner_of_hash: HashMap<&str, &str> = HashMap::new();
    for (i, version) in ledger.value.terbit.iter().enumerate() {
        let at = DocPath::root().key("terbit").index(i);
        let error = |key: &str, message: String| {
            ledger.error_at(&at.key(key), message).with_hint(crate::tr!("ledger-edited-hint"))
        };
        if !is_hex(&version.id, 16) {
            diagnostics.push(error("id", crate::tr!("ledger-bad-id", id = version.id.as_str())));
            continue;
        }
        if !is_hex(&version.sha256, 64) {
            diagnostics.push(error("sha256", crate::tr!("ledger-bad-hash", hash = version.sha256.as_str())));
        }
        if version.bita == 0 {
            diagnostics.push(error("bita", crate::tr!("ledger-no-length")));
        }
        let earlier: Vec<&IssuedVersion> = ledger.value.terbit[..i].iter().filter(|v| v.id == version.id).collect();
        let previous = earlier.iter().map(|v| v.versi).max().unwrap_or(0);
        if version.versi != previous + 1 {
            diagnostics.push(error(
                "versi",
                crate::tr!(
                    "ledger-version-gap",
                    version = version.versi,
                    id = version.id.as_str(),
                    previous = previous
                ),
            ));
        }
        if let Some(before) = earlier.last() {
            if before.jenis != version.jenis {
                diagnostics.push(error("jenis", crate::tr!("ledger-other-kind", id = version.id.as_str())));
            } else if before.berkas != version.berkas && before.nomor != version.nomor {
                diagnostics.push(error("berkas", crate::tr!("ledger-other-document", id = version.id.as_str())));
            }
        }
        match owner_of_hash.get(version.sha256.as_str()) {
            Some(owner) if *owner != version.id => {
                diagnostics.push(error("sha256", crate::tr!("ledger-hash-twice", other = *owner)));
            }
            _ => {
                owner_of_hash.insert(&version.sha256, &version.id);
            }
        }
        // The archived PDF is what the portal offers of this version.
        let archived = root.join(version.archive_path());
        if std::fs::metadata(&archived).map_or(true, |m| m.len() != version.bita as u64) {
            diagnostics.push(
                ledger
                    .warning_at(&at.key("versi"), crate::tr!("ledger-archive-missing", path = version.archive_path()))
                    .with_hint(crate::tr!("ledger-archive-missing-hint")),
            );
        }
    }
}

/// `len` lower-case hex digits, as sopkit writes ids and hashes.
fn is_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}
