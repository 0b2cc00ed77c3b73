//! Stage 7, finish: recording issued versions (`sopkit terbit`). Each PDF
//! is kept in the project's archive, then its version is appended to the
//! ledger as text, so the file only grows and diffs as added lines. Both
//! are written durably: unlike outputs, they cannot be rebuilt from
//! sources. An archive written without its ledger line (a failure between
//! the two) holds the same bytes the next issue writes again.

use std::path::Path;

use crate::diagnostic::EnvError;
use crate::model::IssuedVersion;
use crate::model::ledger::{LEDGER_FILE, Ledger};
use crate::util::fs::write_durable;

pub const LEDGER_HEADER: &str = "\
# Daftar dokumen yang diterbitkan (sopkit terbit): setiap versi setiap dokumen,
# dengan sidik jari SHA-256 yang dicocokkan halaman verifikasi portal. Hanya
# ditambah, tidak pernah diubah; simpan bersama proyek (mis. di git), dan
# jangan hapus folder arsip/ yang menyimpan PDF setiap versi.
# The ledger of issued documents (sopkit terbit): only ever appended to.
";

/// Archives each version's PDF (`pdfs`, in the same order) and appends the
/// versions to the ledger whose current text is `ledger_text`.
pub fn record(root: &Path, ledger_text: &str, issued: &[IssuedVersion], pdfs: &[Vec<u8>]) -> Result<(), EnvError> {
    if issued.is_empty() {
        return Ok(());
    }
    for (version, bytes) in issued.iter().zip(pdfs) {
        write_durable(&root.join(version.archive_path()), bytes)?;
    }
    write_durable(&root.join(LEDGER_FILE), appended(ledger_text, issued)?.as_bytes())
}

/// The ledger's text with `issued` added at its end (the header first, in
/// a new ledger).
fn appended(ledger_text: &str, issued: &[IssuedVersion]) -> Result<String, EnvError> {
    let mut text = if ledger_text.is_empty() { LEDGER_HEADER.to_owned() } else { ledger_text.to_owned() };
    for version in issued {
        text.push('\n');
        let entry = Ledger { terbit: vec![version.clone()] };
        text.push_str(&toml::to_string(&entry).map_err(|e| EnvError(e.to_string()))?);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OutputKind, Tanggal};

    fn version(versi: u32) -> IssuedVersion {
        IssuedVersion {
            id: "0123456789abcdef".into(),
            jenis: OutputKind::Sop,
            versi,
            berkas: "sop/a".into(),
            nomor: "061/1".into(),
            judul: "A".into(),
            tanggal: Tanggal { year: 2025, month: 6, day: versi as u8 },
            sha256: format!("{versi:064}"),
            halaman: 2,
            bita: 100,
        }
    }

    #[test]
    fn versions_are_appended_and_read_back_in_order() {
        let first = appended("", &[version(1)]).unwrap();
        assert!(first.starts_with(LEDGER_HEADER));
        let second = appended(&first, &[version(2)]).unwrap();
        assert!(second.starts_with(&first), "only grows");
        assert_eq!(second.matches("# ").count(), first.matches("# ").count(), "one header");
        let read: Ledger = toml::from_str(&second).unwrap();
        assert_eq!(read.terbit, [version(1), version(2)]);
    }
}
