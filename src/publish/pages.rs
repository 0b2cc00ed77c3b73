//! Stage 8, publish: the portal's pages, rendered with minijinja's HTML
//! escaping from `templates/portal/` (every value a user wrote is text,
//! never markup), and its assets.

use std::collections::BTreeMap;

use minijinja::{AutoEscape, Environment};
use serde::Serialize;

use super::search::{self, Record};
use super::words::flow_in_words;
use super::{Inputs, of_kind};
use crate::diagnostic::EnvError;
use crate::finish::{Document, OutputKind};
use crate::model::Tanggal;
use crate::render::tte::{DocumentId, verification_url};
use crate::util::digest::sha256_hex;
use crate::validate::ValidSop;

const TEMPLATES: [(&str, &str); 5] = [
    ("base.html", include_str!("../../templates/portal/base.html.j2")),
    ("index.html", include_str!("../../templates/portal/index.html.j2")),
    ("sop.html", include_str!("../../templates/portal/sop.html.j2")),
    ("keputusan.html", include_str!("../../templates/portal/keputusan.html.j2")),
    ("verifikasi.html", include_str!("../../templates/portal/verifikasi.html.j2")),
];
const CSS: &str = include_str!("../../templates/portal/portal.css");
const JS: &str = include_str!("../../templates/portal/portal.js");

/// Where a document's verification page goes: the path part of the `[tte]
/// url` pattern (what follows the host, or the whole pattern when it is
/// relative) with `{id}` filled in, as a folder with an `index.html`;
/// `verifikasi/{id}` when the project gives no pattern.
pub fn verification_path(pattern: Option<&str>, id: &DocumentId) -> String {
    let pattern = pattern.unwrap_or("verifikasi/{id}");
    let url = verification_url(pattern, id);
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.split_once('/').map_or("", |(_, path)| path),
        None => url.as_str(),
    };
    let path = path.split(['?', '#']).next().unwrap_or_default().trim_matches('/');
    let safe: Vec<String> = path
        .split('/')
        .filter(|part| !part.is_empty() && *part != "." && *part != "..")
        .map(|part| part.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '%')).collect())
        .collect();
    if safe.is_empty() { "verifikasi".to_owned() } else { safe.join("/") }
}

#[derive(Serialize)]
struct Page<'a> {
    /// `../` as many times as the page is deep, to reach the portal's root.
    root: String,
    title: String,
    portal: &'a str,
    instansi: &'a str,
    /// The navigation's other pages: the Keputusan, the book's PDF.
    keputusan: bool,
    buku: Option<String>,
}

#[derive(Serialize, Clone)]
struct SopSummary {
    url: String,
    nomor: String,
    nama: String,
    unit_key: String,
    unit: String,
    efektif: String,
    efektif_iso: String,
    /// `berlaku_sampai`, so that the page can see it expire after the build.
    sampai: Option<String>,
    tahun: i32,
    status: &'static str,
    status_label: &'static str,
}

#[derive(Serialize)]
struct StepRow {
    no: usize,
    kegiatan: String,
    pelaksana: Vec<String>,
    kelengkapan: String,
    waktu: String,
    output: String,
    keterangan: String,
}

#[derive(Serialize)]
struct Related {
    text: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct Verified {
    kind: &'static str,
    /// The kind in words ("Lembar SOP").
    kind_label: &'static str,
    /// The PDF's length in bytes: a signed copy begins with them.
    length: usize,
    /// The SOP's page, for a sheet.
    sop_page: Option<String>,
    judul: String,
    nomor: String,
    tanggal: String,
    pages: usize,
    sha256: String,
    pdf: String,
    page: String,
    /// Every version a file may be matched against, as JSON for the page's
    /// script (`versi-dokumen`): see `VersionCandidate`.
    versions_json: String,
}

/// One version of a document a file is checked against on its
/// verification page.
#[derive(Serialize)]
struct VersionCandidate {
    /// The version's number; `None` for a draft never issued.
    versi: Option<u32>,
    /// `berlaku` (the current issued version), `digantikan` (an earlier
    /// one), `draf` (built but not issued).
    status: &'static str,
    sha256: String,
    /// The PDF's length in bytes: a signed copy begins with them.
    panjang: usize,
    /// When it was issued (`02-06-2025`).
    terbit: Option<String>,
    /// The version that replaced it, and since when.
    digantikan_oleh: Option<u32>,
    sejak: Option<String>,
    /// This version's PDF, where the portal keeps it.
    pdf: Option<String>,
}

/// JSON that can stand inside a `<script>` element: no `<` to close it.
fn script_json(value: &impl Serialize) -> Result<String, EnvError> {
    let json = serde_json::to_string(value).map_err(|e| EnvError(e.to_string()))?;
    Ok(json.replace('<', "\\u003c"))
}

/// The portal's files, by path.
pub fn render(inputs: &Inputs) -> Result<BTreeMap<String, Vec<u8>>, EnvError> {
    let config = &inputs.project.config.value;
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    for (name, source) in TEMPLATES {
        env.add_template(name, source).map_err(template_error)?;
    }
    let portal_title = config.portal.judul.clone().unwrap_or_else(|| format!("SOP {}", config.instansi));
    let buku = of_kind(inputs.documents, OutputKind::Buku).next().map(|d| format!("pdf/{}", d.path));
    let page = |depth: usize, title: String| Page {
        root: "../".repeat(depth),
        title,
        portal: &portal_title,
        instansi: &config.instansi,
        keputusan: inputs.decree.is_some(),
        buku: buku.clone(),
    };
    // The procedure table's headers as the sheet prints them.
    let labels = crate::layout::sheet::ProfileStyle::of(config.format.profile).labels;
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let document_at = |path: &str| inputs.documents.iter().find(|d| d.path == path);

    // Every SOP, sorted by unit then nomor, with its page.
    let mut sops: Vec<&ValidSop> = inputs.sops.iter().collect();
    sops.sort_by(|a, b| (&a.unit_key, &a.def().identity.nomor).cmp(&(&b.unit_key, &b.def().identity.nomor)));
    let summaries: Vec<SopSummary> = sops.iter().map(|sop| summary(sop, inputs.today, config)).collect();
    let mut records = Vec::new();
    let tte_url = config.tte.url.as_deref();
    for (sop, summary) in sops.iter().zip(&summaries) {
        let def = sop.def();
        let identity = &def.identity;
        let depth = sop.source.stem.matches('/').count() + 1;
        let pdf_path = format!("sop/{}.pdf", sop.source.stem);
        let document = document_at(&pdf_path);
        let mut svg_pages = Vec::new();
        if let Some(document) = document {
            for (n, svg) in document.svg.iter().enumerate() {
                let path = format!("sop/{}.halaman-{}.svg", sop.source.stem, n + 1);
                files.insert(path, svg.as_bytes().to_vec());
                let name = sop.source.stem.rsplit('/').next().unwrap_or_default();
                // The image's size up front, so the page does not shift as
                // it loads.
                let (width, height) = view_box(svg).unwrap_or((842, 595));
                svg_pages.push(serde_json::json!({ "src": format!("{name}.halaman-{}.svg", n + 1), "width": width, "height": height }));
            }
        }
        let steps: Vec<StepRow> = def
            .langkah
            .iter()
            .enumerate()
            .map(|(i, step)| StepRow {
                no: i + 1,
                kegiatan: step.kegiatan.clone(),
                pelaksana: step.pelaksana.ids().iter().filter_map(|id| def.pelaksana.get(*id).cloned()).collect(),
                kelengkapan: step.kelengkapan.clone().unwrap_or_default(),
                waktu: step.waktu.clone().unwrap_or_default(),
                output: step.output.clone().unwrap_or_default(),
                keterangan: step.keterangan.clone().unwrap_or_default(),
            })
            .collect();
        let related: Vec<Related> = identity
            .keterkaitan
            .iter()
            .map(|text| Related {
                text: text.clone(),
                url: related_sop(text, sop, &sops).map(|other| format!("{}sop/{}.html", "../".repeat(depth), other)),
            })
            .collect();
        let id = DocumentId { jenis: "sop", berkas: &format!("sop/{}", sop.source.stem), nomor: &identity.nomor };
        let verify = verification_path(tte_url, &id);
        let html = env
            .get_template("sop.html")
            .and_then(|t| {
                t.render(minijinja::value::Serde(serde_json::json!({ "page": page(depth, identity.nama.clone()), "sop": summary, "identity": identity, "kop": &sop.unit.kop, "pelaksana": def.pelaksana.values().collect::<Vec<_>>(), "steps": steps, "labels": &labels, "alur": flow_in_words(def, &sop.flow), "svg_pages": svg_pages, "pdf": document.map(|_| format!("{}pdf/{pdf_path}", "../".repeat(depth))), "verifikasi": document.map(|_| format!("{}{verify}/", "../".repeat(depth))), "related": related, "revisi": identity.revisi.iter().map(|r| serde_json::json!({
                        "tanggal": r.tanggal.map(|t| t.long()),
                        "perubahan": &r.perubahan,
                    })).collect::<Vec<_>>(), "tanggal": serde_json::json!({
                        "pembuatan": identity.tanggal_pembuatan.long(),
                        "revisi": identity.revision_date().map(|t| t.long()),
                        "efektif": identity.tanggal_efektif.long(),
                        "sampai": identity.berlaku_sampai.map(|t| t.long()),
                    }) })))
            })
            .map_err(template_error)?;
        files.insert(format!("sop/{}.html", sop.source.stem), html.into_bytes());
        records.push(Record {
            url: summary.url.clone(),
            nomor: identity.nomor.clone(),
            nama: identity.nama.clone(),
            unit: summary.unit.clone(),
            efektif: summary.efektif.clone(),
            tahun: summary.tahun,
            status: summary.status,
            sampai: summary.sampai.clone(),
            langkah: def.langkah.iter().map(|s| s.kegiatan.clone()).collect(),
            pelaksana: def.pelaksana.values().cloned().collect(),
            dasar_hukum: identity.dasar_hukum.clone(),
            keterangan: def.langkah.iter().filter_map(|s| s.keterangan.clone()).collect(),
            berkas: sop.source.stem.replace(['/', '-', '_'], " "),
            teks: def.langkah.iter().filter_map(|s| s.teks.clone()).collect(),
        });
    }

    // Where each document's verification page is.
    let verification_of = |document: &Document| -> String {
        let (jenis, _, nomor, _) = described(document, inputs);
        let berkas = document.path.trim_end_matches(".pdf");
        verification_path(tte_url, &DocumentId { jenis, berkas, nomor: &nomor })
    };

    // The Keputusan and its lampiran, each row linked to its SOP.
    if let Some(decree) = inputs.decree {
        let def = &decree.doc.value;
        let rows: Vec<(usize, &crate::model::LampiranRow, Option<String>)> = decree
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let url = sops
                    .iter()
                    .find(|s| s.def().identity.nomor == row.nomor)
                    .map(|s| format!("sop/{}.html", s.source.stem));
                (i + 1, row, url)
            })
            .collect();
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|(no, row, url)| {
                serde_json::json!({ "no": no, "nomor": &row.nomor, "nama": &row.nama, "efektif": row.tanggal_efektif.long(), "url": url })
            })
            .collect();
        let html = env
            .get_template("keputusan.html")
            .and_then(|t| {
                let diktum: Vec<serde_json::Value> = def
                    .diktum
                    .iter()
                    .enumerate()
                    .map(|(i, d)| serde_json::json!({ "ke": crate::util::numbering::diktum_ordinal(i + 1), "isi": d }))
                    .collect();
                t.render(minijinja::value::Serde(serde_json::json!({ "page": page(0, format!("Keputusan {}", def.nomor)), "decree": def, "diktum": diktum, "ditetapkan": def.ditetapkan.tanggal.long(), "pejabat": &decree.pejabat, "rows": rows, "pdf": document_at("keputusan.pdf").map(|_| "pdf/keputusan.pdf".to_owned()), "verifikasi": document_at("keputusan.pdf").map(|d| format!("{}/", verification_of(d))) })))
            })
            .map_err(template_error)?;
        files.insert("keputusan.html".to_owned(), html.into_bytes());
    }

    // A verification page per document, and its PDF.
    for document in inputs.documents.iter().filter(|d| d.kind != OutputKind::Laporan) {
        let (jenis, judul, nomor, tanggal) = described(document, inputs);
        let path = verification_of(document);
        let depth = path.matches('/').count() + 1;
        let sop_page = inputs
            .sops
            .iter()
            .find(|s| format!("sop/{}.pdf", s.source.stem) == document.path)
            .map(|s| format!("{}sop/{}.html", "../".repeat(depth), s.source.stem));
        let verified = Verified {
            kind_label: match jenis {
                "sop" => "Lembar SOP",
                "keputusan" => "Keputusan beserta lampirannya",
                "buku" => "Buku SOP",
                _ => "Dokumen",
            },
            length: document.pdf.len(),
            sop_page,
            kind: jenis,
            judul,
            nomor: nomor.clone(),
            tanggal,
            pages: document.pages,
            sha256: sha256_hex(&document.pdf),
            pdf: format!("{}pdf/{}", "../".repeat(depth), document.path),
            page: format!("{}{path}/", "../".repeat(depth)),
            versions_json: script_json(&[VersionCandidate {
                versi: Some(1),
                status: "berlaku",
                sha256: sha256_hex(&document.pdf),
                panjang: document.pdf.len(),
                terbit: None,
                digantikan_oleh: None,
                sejak: None,
                pdf: Some(format!("{}pdf/{}", "../".repeat(depth), document.path)),
            }])?,
        };
        let html = env
            .get_template("verifikasi.html")
            .and_then(|t| {
                t.render(minijinja::value::Serde(
                    serde_json::json!({ "page": page(depth, "Verifikasi dokumen".to_owned()), "doc": verified }),
                ))
            })
            .map_err(template_error)?;
        files.insert(format!("{path}/index.html"), html.into_bytes());
        files.insert(format!("pdf/{}", document.path), document.pdf.clone());
    }

    // The index, grouped by unit.
    let mut units: Vec<(String, Vec<&SopSummary>)> = Vec::new();
    for summary in &summaries {
        match units.iter_mut().find(|(name, _)| *name == summary.unit) {
            Some((_, list)) => list.push(summary),
            None => units.push((summary.unit.clone(), vec![summary])),
        }
    }
    let mut years: Vec<i32> = summaries.iter().map(|s| s.tahun).collect();
    years.sort_unstable();
    years.dedup();
    let html = env
        .get_template("index.html")
        .and_then(|t| {
            t.render(minijinja::value::Serde(serde_json::json!({ "page": page(0, portal_title.clone()), "units": units, "count": summaries.len(), "years": years, "keputusan": inputs.decree.map(|d| d.doc.value.nomor.clone()), "buku": of_kind(inputs.documents, OutputKind::Buku).next().map(|d| format!("pdf/{}", d.path)), "buku_verifikasi": of_kind(inputs.documents, OutputKind::Buku).next().map(|d| format!("{}/", verification_of(d))) })))
        })
        .map_err(template_error)?;
    files.insert("index.html".to_owned(), html.into_bytes());
    files.insert("aset/portal.css".to_owned(), CSS.as_bytes().to_vec());
    files.insert("aset/portal.js".to_owned(), JS.as_bytes().to_vec());
    let index = search::script(&records).map_err(|e| EnvError(e.to_string()))?;
    files.insert("aset/indeks.js".to_owned(), index.into_bytes());
    Ok(files)
}

/// The width and height of an SVG's `viewBox`, rounded.
fn view_box(svg: &str) -> Option<(u32, u32)> {
    let rest = &svg[svg.find("viewBox=\"")? + 9..];
    let numbers: Vec<f64> = rest[..rest.find('"')?].split_whitespace().filter_map(|n| n.parse().ok()).collect();
    match numbers[..] {
        [_, _, width, height] => Some((width.round() as u32, height.round() as u32)),
        _ => None,
    }
}

fn template_error(error: minijinja::Error) -> EnvError {
    EnvError(format!("portal template: {error:#}"))
}

/// What the index and the page say of an SOP.
fn summary(sop: &ValidSop, today: Tanggal, config: &crate::model::ProjectConfig) -> SopSummary {
    let identity = &sop.def().identity;
    let (status, status_label) = match (identity.berlaku_sampai, identity.revision_date()) {
        (Some(until), _) if until < today => ("kedaluwarsa", "Kedaluwarsa"),
        (_, Some(_)) => ("direvisi", "Direvisi"),
        _ => ("berlaku", "Berlaku"),
    };
    // The unit's own line of its kop, without the brackets some kops wear.
    let unit = sop.unit.kop.last().map_or_else(
        || config.instansi.clone(),
        |line| line.trim().trim_start_matches('(').trim_end_matches(')').trim().to_owned(),
    );
    SopSummary {
        url: format!("sop/{}.html", sop.source.stem),
        nomor: identity.nomor.clone(),
        nama: identity.nama.clone(),
        unit_key: sop.unit_key.clone(),
        unit,
        efektif: identity.tanggal_efektif.long(),
        efektif_iso: identity.tanggal_efektif.to_string(),
        sampai: identity.berlaku_sampai.map(|t| t.to_string()),
        tahun: identity.tanggal_efektif.year,
        status,
        status_label,
    }
}

/// The SOP of the project a Keterkaitan item names: by its nomor, or by its
/// name written in the item ("SOP Pengelolaan Arsip").
pub fn related_sop<'a>(text: &str, own: &ValidSop, sops: &'a [&ValidSop]) -> Option<&'a str> {
    sops.iter()
        .filter(|other| other.source.stem != own.source.stem)
        .find(|other| other.def().identity.named_in(text))
        .map(|other| other.source.stem.as_str())
}

/// A document's kind, title, number and date, for its verification page.
fn described(document: &Document, inputs: &Inputs) -> (&'static str, String, String, String) {
    match document.kind {
        OutputKind::Sop => {
            let sop = inputs.sops.iter().find(|s| format!("sop/{}.pdf", s.source.stem) == document.path);
            let identity = sop.map(|s| &s.def().identity);
            (
                "sop",
                identity.map_or_else(String::new, |i| i.nama.clone()),
                identity.map_or_else(String::new, |i| i.nomor.clone()),
                identity.map_or_else(String::new, |i| i.tanggal_efektif.long()),
            )
        }
        OutputKind::Decree => {
            let def = inputs.decree.map(|d| &d.doc.value);
            (
                "keputusan",
                def.map_or_else(String::new, |d| d.tentang.clone()),
                def.map_or_else(String::new, |d| d.nomor.clone()),
                def.map_or_else(String::new, |d| d.ditetapkan.tanggal.long()),
            )
        }
        OutputKind::Buku => ("buku", "Buku SOP".to_owned(), String::new(), String::new()),
        OutputKind::Laporan => ("laporan", String::new(), String::new(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verification_pages_sit_at_the_path_of_the_url_pattern() {
        let id = DocumentId { jenis: "sop", berkas: "sop/a", nomor: "061/1/DKIS" };
        let url = verification_url("{id}", &id);
        assert_eq!(
            verification_path(Some("https://sop.denpasarkota.go.id/verifikasi/{id}"), &id),
            format!("verifikasi/{url}")
        );
        assert_eq!(verification_path(Some("https://x.go.id/portal/cek/{id}/?v=1"), &id), format!("portal/cek/{url}"));
        assert_eq!(verification_path(None, &id), format!("verifikasi/{url}"));
        // Nothing climbs out of the portal.
        assert_eq!(verification_path(Some("https://x.go.id/../../{id}"), &id), url);
    }
}
