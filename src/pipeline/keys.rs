//! What each document depends on, as cache keys: a document whose key did
//! not change since the last build into the same folder is kept as it is.

use typst::foundations::Datetime;

use super::{BuildOptions, Context};
use crate::finish::Document;
use crate::finish::cache::Fingerprint;
use crate::load::Project;
use crate::render::Templates;
use crate::validate::{ValidDecree, ValidSop};

/// Everything every document depends on: sopkit.toml, the templates in
/// effect, the project's fonts, the fixed date and the options that change
/// the PDFs.
pub fn common(
    project: &Project,
    templates: &Templates,
    fixed_date: Option<Datetime>,
    options: &BuildOptions,
) -> Fingerprint {
    let mut fingerprint = Fingerprint::new();
    fingerprint.add("sopkit.toml", project.config.file.text.as_bytes());
    for (name, text) in templates.effective_sources() {
        fingerprint.add(&name, text.as_bytes());
    }
    if let Some(dir) = &project.config.value.format.fonts_dir {
        for entry in walkdir::WalkDir::new(project.root.join(dir)).sort_by_file_name().into_iter().flatten() {
            if entry.file_type().is_file() {
                fingerprint.add_file(&entry.path().to_string_lossy(), entry.path());
            }
        }
    }
    fingerprint.add("SOURCE_DATE_EPOCH", format!("{fixed_date:?}").as_bytes());
    fingerprint
        .add("options", &[u8::from(options.sign_fields), u8::from(options.geometry), u8::from(options.plain_pdf)]);
    fingerprint
}

/// A sheet: its definition, where it sits under sops/, its logo, and the
/// names and nomors of the SOPs its Keterkaitan names (the sheet prints
/// them).
pub fn sheet(context: &Context, sop: &ValidSop) -> String {
    let mut fingerprint = context.common.clone();
    fingerprint.add("definition", sop.source.doc.file.text.as_bytes());
    fingerprint.add("keterkaitan", super::sheet::related_named(context, sop).join("\n").as_bytes());
    fingerprint.add("stem", sop.source.stem.as_bytes());
    // The QR code prints the id.
    fingerprint.add("id", super::sheet::address(context, sop).id.as_bytes());
    if let Some(logo) = context.project.config.value.logo_of(&sop.unit) {
        fingerprint.add_file("logo", &context.project.root.join(logo));
    }
    fingerprint.key()
}

/// The decree: keputusan.yaml, its lampiran rows and its emblem.
pub fn decree(context: &Context, decree: &ValidDecree) -> String {
    let mut fingerprint = context.common.clone();
    fingerprint.add("keputusan", decree.doc.file.text.as_bytes());
    fingerprint.add("rows", serde_json::to_string(&decree.rows).unwrap_or_default().as_bytes());
    fingerprint.add("id", super::decree::address(context, decree).id.as_bytes());
    if let Some(lambang) = &decree.doc.value.lambang {
        fingerprint.add_file("lambang", &context.project.root.join(lambang));
    }
    fingerprint.key()
}

/// The book: its parts (by their keys), every revision note and the monev
/// status it prints.
pub fn book(context: &Context, decree: Option<&Document>, sheets: &[&Document]) -> String {
    let mut fingerprint = context.common.clone();
    fingerprint.add("id", super::book::address(context).id.as_bytes());
    for part in decree.into_iter().chain(sheets.iter().copied()) {
        fingerprint.add(&part.path, part.key.as_deref().unwrap_or("uncached").as_bytes());
    }
    for sop in &context.project.sops {
        fingerprint.add("revisi", serde_json::to_string(&sop.doc.value.identity.revisi).unwrap_or_default().as_bytes());
    }
    // The daftar perubahan's monev status, from the records under monev/.
    if context.project.has_monev() {
        let rows = crate::render::book::monev(context.project);
        fingerprint.add("monev", serde_json::to_string(&rows).unwrap_or_default().as_bytes());
    }
    // The cover's logo: the main unit's, else the project's.
    let config = &context.project.config.value;
    if let Some(logo) = config.logo_of(crate::render::book::main_unit(config)) {
        fingerprint.add_file("logo", &context.project.root.join(logo));
    }
    fingerprint.key()
}
