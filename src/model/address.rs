//! Where a document lives, derived in one place: its output path, its
//! verification id, the URL its QR code prints, and its paths in the portal.
//! The PDF's QR code and the portal page it should open are built from the
//! same [`DocumentAddress`], so they cannot drift apart.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Kind of an output, as the manifest and the ledger name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputKind {
    Sop,
    /// The Keputusan with its lampiran.
    #[serde(rename = "keputusan")]
    Decree,
    Buku,
    Laporan,
    /// The monitoring and evaluation forms, berita acara and recap.
    Monev,
}

impl OutputKind {
    /// The kind as the manifest, the ledger and URL patterns (`{jenis}`) write it.
    pub fn name(self) -> &'static str {
        match self {
            OutputKind::Sop => "sop",
            OutputKind::Decree => "keputusan",
            OutputKind::Buku => "buku",
            OutputKind::Laporan => "laporan",
            OutputKind::Monev => "monev",
        }
    }
}

/// The verification page's path when `[tte] url` gives no pattern.
pub const DEFAULT_VERIFICATION_PATTERN: &str = "verifikasi/{id}";

/// One document's identity: what it is, where it is written, and its
/// verification id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentAddress {
    pub kind: OutputKind,
    /// The output path without `.pdf` (`sop/a/b`, `keputusan`, `buku-sop`,
    /// `laporan/x`).
    pub berkas: String,
    /// The document's own number (SOP nomor, decree nomor, report nomor).
    pub nomor: String,
    /// The verification id: the issued one from the ledger, else
    /// [`first_id`].
    pub id: String,
}

impl DocumentAddress {
    /// An SOP sheet's `berkas`: `sops/a/b.yaml` (stem `a/b`) is `sop/a/b`.
    pub fn sheet_berkas(stem: &str) -> String {
        format!("sop/{stem}")
    }

    /// The address of an output already made, from its path.
    pub fn of_output(kind: OutputKind, pdf_path: &str, nomor: &str, id: &str) -> Self {
        let berkas = pdf_path.strip_suffix(".pdf").unwrap_or(pdf_path);
        Self { kind, berkas: berkas.to_owned(), nomor: nomor.to_owned(), id: id.to_owned() }
    }

    /// A report's `berkas`.
    pub fn report_berkas(stem: &str) -> String {
        format!("laporan/{stem}")
    }

    /// Where the PDF is written, under the output folder.
    pub fn pdf_path(&self) -> String {
        format!("{}.pdf", self.berkas)
    }

    /// Where the portal offers the current PDF.
    pub fn portal_pdf(&self) -> String {
        format!("pdf/{}", self.pdf_path())
    }

    /// The URL printed in the QR code: the pattern's placeholders filled.
    pub fn verification_url(&self, pattern: &str) -> String {
        pattern
            .replace("{id}", &self.id)
            .replace("{jenis}", self.kind.name())
            .replace("{berkas}", &percent_encode(&self.berkas, true))
            .replace("{nomor}", &percent_encode(&self.nomor, false))
    }

    /// The verification page's folder in the portal: the path part of the
    /// URL (what follows the host, or the whole pattern when it is
    /// relative), so that the portal hosted at the URL's root answers it.
    /// Nothing climbs out of the portal.
    pub fn verification_dir(&self, pattern: Option<&str>) -> String {
        url_path(&self.verification_url(pattern.unwrap_or(DEFAULT_VERIFICATION_PATTERN)))
    }

    /// The verification page itself: a file, so that a link to it opens
    /// the page from `file://` too (where a folder shows its listing).
    pub fn verification_page(&self, pattern: Option<&str>) -> String {
        format!("{}/index.html", self.verification_dir(pattern))
    }
}

/// The addresses of a build's documents, resolved together against the
/// ledger (`Ledger::resolve`).
#[derive(Debug, Clone, Default)]
pub struct Addresses(pub Vec<DocumentAddress>);

impl Addresses {
    /// The address of the document written at `berkas`; one never resolved
    /// (not in the build's list) gets its first id.
    pub fn of(&self, kind: OutputKind, berkas: &str, nomor: &str) -> DocumentAddress {
        self.0.iter().find(|a| a.kind == kind && a.berkas == berkas).cloned().unwrap_or_else(|| DocumentAddress {
            kind,
            berkas: berkas.to_owned(),
            nomor: nomor.to_owned(),
            id: first_id(kind, berkas, nomor),
        })
    }
}

/// The path part of a verification URL as a safe relative folder of the
/// portal: the host, query and fragment dropped, `.` and `..` dropped, only
/// plain characters kept.
pub fn url_path(url: &str) -> String {
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.split_once('/').map_or("", |(_, path)| path),
        None => url,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default().trim_matches('/');
    let safe: Vec<String> = path
        .split('/')
        .filter(|part| !part.is_empty() && *part != "." && *part != "..")
        .map(|part| part.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '%')).collect())
        .filter(|part: &String| !part.is_empty() && part != "." && part != "..")
        .collect();
    if safe.is_empty() { "verifikasi".to_owned() } else { safe.join("/") }
}

/// The id of a document never issued: stable from build to build, derived
/// from its kind, output path and number. Once issued, the ledger keeps it
/// whatever the file is renamed to.
pub fn first_id(kind: OutputKind, berkas: &str, nomor: &str) -> String {
    let digest = Sha256::digest(format!("{}\n{}\n{}", kind.name(), berkas, nomor).as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// Percent-encodes all but unreserved characters (and `/` when `keep_slash`).
fn percent_encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(byte as char),
            b'/' if keep_slash => out.push('/'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(berkas: &str, nomor: &str) -> DocumentAddress {
        DocumentAddress {
            kind: OutputKind::Sop,
            berkas: berkas.to_owned(),
            nomor: nomor.to_owned(),
            id: first_id(OutputKind::Sop, berkas, nomor),
        }
    }

    #[test]
    fn urls_are_filled_and_encoded() {
        let address = sheet("sop/a b", "061/2293/DKIS");
        let url = address.verification_url("https://tte.example.go.id/v/{jenis}/{berkas}?n={nomor}&id={id}");
        assert!(url.starts_with("https://tte.example.go.id/v/sop/sop/a%20b?n=061%2F2293%2FDKIS&id="), "{url}");
        assert_eq!(url.len() - url.find("&id=").unwrap() - 4, 16);
    }

    #[test]
    fn first_ids_are_stable_and_differ_by_path_and_number() {
        assert_eq!(first_id(OutputKind::Sop, "sop/a", "1"), first_id(OutputKind::Sop, "sop/a", "1"));
        assert_ne!(first_id(OutputKind::Sop, "sop/a", "1"), first_id(OutputKind::Sop, "sop/b", "1"));
        assert_ne!(first_id(OutputKind::Sop, "sop/a", "1"), first_id(OutputKind::Laporan, "sop/a", "1"));
    }

    #[test]
    fn verification_pages_sit_at_the_path_of_the_url_pattern() {
        let address = sheet("sop/a", "061/1/DKIS");
        let id = &address.id;
        assert_eq!(
            address.verification_dir(Some("https://sop.denpasarkota.go.id/verifikasi/{id}")),
            format!("verifikasi/{id}")
        );
        assert_eq!(address.verification_dir(Some("https://x.go.id/portal/cek/{id}/?v=1")), format!("portal/cek/{id}"));
        assert_eq!(address.verification_dir(None), format!("verifikasi/{id}"));
        assert_eq!(address.verification_page(None), format!("verifikasi/{id}/index.html"));
        // Nothing climbs out of the portal.
        assert_eq!(address.verification_dir(Some("https://x.go.id/../../{id}")), *id);
        assert_eq!(address.verification_dir(Some("https://x.go.id/.%2e/{id}")), format!(".%2e/{id}"));
    }
}
