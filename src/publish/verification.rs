//! Stage 8, publish: a verification page for every document the portal
//! knows, at the path of the `[tte] url` pattern, so that the QR code
//! printed in a PDF (built from the same `DocumentAddress`) opens it. A page
//! knows every issued version of its document (the ledger), and the draft
//! built now when it was not issued: the script on the page checks a file
//! against each and says which it is. A document issued once keeps its
//! page for life, also after its definition is gone.

use rayon::prelude::*;
use serde::Serialize;

use super::site::{Files, Page, Site, href, script_json};
use crate::diagnostic::EnvError;
use crate::finish::{Document, ManifestEntry, OutputKind};
use crate::model::{DocumentAddress, IssuedVersion};
use crate::util::digest::sha256_hex;

/// A report the output folder holds (`sopkit laporan` wrote it), as the
/// manifest lists it, with its PDF's length.
#[derive(Debug, Clone)]
pub struct ListedReport {
    pub entry: ManifestEntry,
    pub length: usize,
}

/// The document as built now.
struct BuiltNow {
    sha256: String,
    length: usize,
    pages: usize,
    /// Offered for download: reports are not published, only verified.
    published: bool,
}

/// One document a verification page is made for.
struct Verifiable {
    address: DocumentAddress,
    judul: String,
    tanggal: String,
    built: Option<BuiltNow>,
}

/// The page's context.
#[derive(Serialize)]
struct VerificationPage {
    page: Page,
    doc: Verified,
}

#[derive(Serialize)]
struct Verified {
    kind: &'static str,
    /// The kind in words ("Lembar SOP").
    kind_label: &'static str,
    judul: String,
    nomor: String,
    tanggal: String,
    /// `resmi` (the build is the version in force), `draf` (changed since
    /// the last issue, or never issued), `tidak-dibuat` (issued, no longer
    /// made by the project).
    status: &'static str,
    /// The version in force, when one was issued.
    berlaku: Option<VersionRow>,
    /// The SHA-256 and pages of what the page shows as the document: the
    /// version in force, else the draft.
    sha256: String,
    pages: usize,
    /// The PDF offered for download, and whether it is a draft.
    pdf: Option<String>,
    pdf_draf: bool,
    /// A report: verified here, not published.
    laporan: bool,
    /// The SOP's page, for a sheet.
    sop_page: Option<String>,
    /// Every issued version, oldest first.
    versions: Vec<VersionRow>,
    /// Every version a file may be matched against, as JSON for the page's
    /// script (`versi-dokumen`): see `VersionCandidate`.
    versions_json: String,
}

/// An issued version as the page lists it.
#[derive(Serialize, Clone)]
struct VersionRow {
    versi: u32,
    terbit: String,
    sha256: String,
    halaman: usize,
    pdf: Option<String>,
    /// The version that replaced it, and since when.
    digantikan_oleh: Option<u32>,
    sejak: Option<String>,
}

/// One version of a document a file is checked against on its
/// verification page.
#[derive(Serialize)]
struct VersionCandidate {
    /// The version's number; `None` for a draft never issued.
    versi: Option<u32>,
    /// `berlaku` (the version in force), `digantikan` (an earlier one),
    /// `draf` (built, not issued).
    status: &'static str,
    sha256: String,
    /// The PDF's length in bytes: a signed copy begins with them.
    panjang: usize,
    /// When it was issued (`02-06-2025`).
    terbit: Option<String>,
    digantikan_oleh: Option<u32>,
    sejak: Option<String>,
    /// This version's PDF, where the portal keeps it.
    pdf: Option<String>,
}

/// Every verification page, and the issued PDFs they offer.
pub fn pages(site: &Site, files: &Files) -> Result<(), EnvError> {
    verifiables(site).par_iter().try_for_each(|verifiable| page(site, verifiable, files))
}

/// The documents built now, the reports and monev forms in the output
/// folder, and every document the ledger knows that is none of these.
fn verifiables(site: &Site) -> Vec<Verifiable> {
    let inputs = site.inputs();
    let mut found: Vec<Verifiable> = inputs
        .documents
        .iter()
        .filter(|d| d.kind != OutputKind::Laporan)
        .map(|document| Verifiable {
            address: document.address(),
            judul: document.judul.clone(),
            tanggal: dated(site, document),
            built: Some(BuiltNow {
                sha256: document.pdf.sha256.clone(),
                length: document.pdf.len,
                pages: document.pages,
                published: true,
            }),
        })
        .collect();
    for report in inputs.reports {
        found.push(Verifiable {
            address: report.entry.address(),
            judul: report.entry.judul.clone(),
            tanggal: String::new(),
            built: Some(BuiltNow {
                sha256: report.entry.sha256.clone(),
                length: report.length,
                pages: report.entry.pages,
                published: false,
            }),
        });
    }
    // The monev forms in the output folder: their QR codes name these
    // pages, and the portal offers their copies (`monev::publish_forms`).
    for form in inputs.monev_forms {
        let Ok(meta) = std::fs::metadata(&form.file) else { continue };
        found.push(Verifiable {
            address: form.entry.address(),
            judul: form.entry.judul.clone(),
            tanggal: String::new(),
            built: Some(BuiltNow {
                sha256: form.entry.sha256.clone(),
                length: meta.len() as usize,
                pages: form.entry.pages,
                published: true,
            }),
        });
    }
    let ledger = inputs.project.ledger();
    for id in ledger.ids() {
        if found.iter().any(|v| v.address.id == id) {
            continue;
        }
        let Some(latest) = ledger.latest(id) else { continue };
        found.push(Verifiable {
            address: DocumentAddress {
                kind: latest.jenis,
                berkas: latest.berkas.clone(),
                nomor: latest.nomor.clone(),
                id: id.to_owned(),
            },
            judul: latest.judul.clone(),
            tanggal: String::new(),
            built: None,
        });
    }
    found
}

/// The date a document's page shows: an SOP's effective date, the decree's.
fn dated(site: &Site, document: &Document) -> String {
    let inputs = site.inputs();
    let berkas = document.address().berkas;
    match document.kind {
        OutputKind::Sop => inputs
            .sops
            .iter()
            .find(|s| DocumentAddress::sheet_berkas(&s.source.stem) == berkas)
            .map(|s| site.long_date(s.def().identity.tanggal_efektif))
            .unwrap_or_default(),
        OutputKind::Decree => inputs.decree.map(|d| site.long_date(d.doc.value.ditetapkan.tanggal)).unwrap_or_default(),
        OutputKind::Buku | OutputKind::Laporan | OutputKind::Monev => String::new(),
    }
}

/// One verification page, and the issued PDFs it offers.
fn page(site: &Site, verifiable: &Verifiable, files: &Files) -> Result<(), EnvError> {
    let inputs = site.inputs();
    let address = &verifiable.address;
    let path = site.verification_page(address);
    let depth = path.matches('/').count();
    let up = "../".repeat(depth);
    let published = verifiable.built.as_ref().is_none_or(|b| b.published) && address.kind != OutputKind::Laporan;
    let issued: Vec<&IssuedVersion> = inputs.project.ledger().versions(&address.id).collect();
    let mut versions: Vec<VersionRow> = Vec::new();
    for (i, version) in issued.iter().enumerate() {
        let next = issued.get(i + 1);
        let pdf = match published {
            true => archived_pdf(site, version, files)?.map(|p| format!("{up}{}", href(&p))),
            false => None,
        };
        versions.push(VersionRow {
            versi: version.versi,
            terbit: version.tanggal.short(),
            sha256: version.sha256.clone(),
            halaman: version.halaman,
            pdf,
            digantikan_oleh: next.map(|n| n.versi),
            sejak: next.map(|n| n.tanggal.short()),
        });
    }
    let berlaku = versions.last().cloned();
    let mut candidates: Vec<VersionCandidate> = issued
        .iter()
        .zip(&versions)
        .map(|(version, row)| VersionCandidate {
            versi: Some(row.versi),
            status: if row.digantikan_oleh.is_some() { "digantikan" } else { "berlaku" },
            sha256: version.sha256.clone(),
            panjang: version.bita,
            terbit: Some(row.terbit.clone()),
            digantikan_oleh: row.digantikan_oleh,
            sejak: row.sejak.clone(),
            pdf: row.pdf.clone(),
        })
        .collect();
    // The version in force first: a file is matched against it before the
    // versions it replaced.
    candidates.reverse();
    let current_pdf = format!("{up}{}", href(&address.portal_pdf()));
    let draft = verifiable.built.as_ref().filter(|b| !issued.iter().any(|v| v.sha256 == b.sha256));
    if let Some(draft) = draft {
        candidates.push(VersionCandidate {
            versi: None,
            status: "draf",
            sha256: draft.sha256.clone(),
            panjang: draft.length,
            terbit: None,
            digantikan_oleh: None,
            sejak: None,
            pdf: published.then(|| current_pdf.clone()),
        });
    }
    let status = match (&verifiable.built, draft) {
        (None, _) => "tidak-dibuat",
        (Some(_), Some(_)) => "draf",
        (Some(_), None) => "resmi",
    };
    let (sha256, pages) = match (&berlaku, &verifiable.built) {
        (Some(row), _) => (row.sha256.clone(), row.halaman),
        (None, Some(built)) => (built.sha256.clone(), built.pages),
        (None, None) => (String::new(), 0),
    };
    let (pdf, pdf_draf) = match &berlaku {
        Some(row) => (row.pdf.clone(), false),
        None => (published.then_some(current_pdf), true),
    };
    let sop_page = (address.kind == OutputKind::Sop && verifiable.built.is_some())
        .then(|| format!("{up}{}", href(&format!("{}.html", address.berkas))));
    let doc = Verified {
        kind: address.kind.name(),
        kind_label: match address.kind {
            OutputKind::Sop => "Lembar SOP",
            OutputKind::Decree => "Keputusan beserta lampirannya",
            OutputKind::Buku => "Buku SOP",
            OutputKind::Laporan => "Laporan pelaksanaan SOP",
            OutputKind::Monev => "Dokumen monitoring dan evaluasi SOP",
        },
        judul: verifiable.judul.clone(),
        nomor: address.nomor.clone(),
        tanggal: verifiable.tanggal.clone(),
        status,
        berlaku,
        sha256,
        pages,
        pdf,
        pdf_draf,
        laporan: address.kind == OutputKind::Laporan,
        sop_page,
        versions,
        versions_json: script_json(&candidates)?,
    };
    let context = VerificationPage { page: site.page(depth, "Verifikasi dokumen".to_owned()), doc };
    site.put_page(files, path, "verifikasi.html", &context)?;
    // The PDF built now, at its own path (the SOP pages link it).
    if verifiable.built.as_ref().is_some_and(|b| b.published)
        && let Some(document) = inputs.documents.iter().find(|d| d.id == address.id)
    {
        let pdf = &document.pdf;
        files.put_tagged(address.portal_pdf(), pdf.sha256.clone(), || Ok(pdf.bytes()?.into_owned()))?;
    }
    Ok(())
}

/// An issued version's PDF from the project's archive, copied into the
/// portal (`pdf/arsip/...`); `None` when the archive lacks it or holds
/// other bytes than were issued.
fn archived_pdf(site: &Site, version: &IssuedVersion, files: &Files) -> Result<Option<String>, EnvError> {
    let archived = version.archive_path();
    let path = format!("pdf/{archived}");
    // Read and checked only when the portal does not hold this version yet.
    if !files.contains(&path) && !files.keep_if_unchanged(&path, &version.sha256) {
        let Ok(bytes) = std::fs::read(site.inputs().project.root.join(&archived)) else { return Ok(None) };
        if sha256_hex(&bytes) != version.sha256 {
            return Ok(None);
        }
        files.put(path.clone(), bytes)?;
    }
    Ok(Some(path))
}
