//! Stage 2, validate: the ledger of issued documents (`terbitan.toml`).
//! sopkit writes it, but it lives in the project where anyone can edit it;
//! its ids become folder names (the archive, the portal's pages), so they
//! are held to the plain form sopkit writes, and versions to 1, 2, 3...

use crate::diagnostic::Diagnostics;
use crate::load::{DocPath, Loaded};
use crate::model::Ledger;

pub fn validate_ledger(ledger: &Loaded<Ledger>, diagnostics: &mut Diagnostics) {
    let hex = |text: &str, len: usize| {
        text.len() == len && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    for (i, version) in ledger.value.terbit.iter().enumerate() {
        let at = DocPath::root().key("terbit").index(i);
        let hint = crate::tr!("ledger-edited-hint");
        if !hex(&version.id, 16) {
            diagnostics.push(
                ledger.error_at(&at.key("id"), crate::tr!("ledger-bad-id", id = version.id.as_str())).with_hint(hint),
            );
            continue;
        }
        if !hex(&version.sha256, 64) {
            diagnostics.push(
                ledger
                    .error_at(&at.key("sha256"), crate::tr!("ledger-bad-hash", hash = version.sha256.as_str()))
                    .with_hint(hint.clone()),
            );
        }
        let previous =
            ledger.value.terbit[..i].iter().filter(|v| v.id == version.id).map(|v| v.versi).max().unwrap_or(0);
        if version.versi != previous + 1 {
            diagnostics.push(
                ledger
                    .error_at(
                        &at.key("versi"),
                        crate::tr!(
                            "ledger-version-gap",
                            version = version.versi,
                            id = version.id.as_str(),
                            previous = previous
                        ),
                    )
                    .with_hint(hint),
            );
        }
    }
}
