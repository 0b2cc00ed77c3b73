//! Stage 8, publish: what every page of the portal shares: the templates
//! (`templates/portal/`, rendered with minijinja's HTML escaping: every
//! value a user wrote is text, never markup), the header's navigation, and
//! the links to verification pages.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use minijinja::{AutoEscape, Environment};
use serde::Serialize;

use super::{Inputs, of_kind};
use crate::diagnostic::EnvError;
use crate::finish::OutputKind;
use crate::model::{DocumentAddress, Tanggal};
use crate::util::digest::sha256_hex;
use crate::util::fs::{write_atomic, write_if_changed};

const TEMPLATES: [(&str, &str); 6] = [
    ("base.html", include_str!("../../templates/portal/base.html.j2")),
    ("index.html", include_str!("../../templates/portal/index.html.j2")),
    ("sop.html", include_str!("../../templates/portal/sop.html.j2")),
    ("keputusan.html", include_str!("../../templates/portal/keputusan.html.j2")),
    ("verifikasi.html", include_str!("../../templates/portal/verifikasi.html.j2")),
    ("monev.html", include_str!("../../templates/portal/monev.html.j2")),
];
pub const CSS: &str = include_str!("../../templates/portal/portal.css");
pub const JS: &str = include_str!("../../templates/portal/portal.js");

/// The portal's files, written as they are made, each with a tag that
/// names what it was made from (a digest of its page's context, of its
/// bytes, or of the file it copies). A file whose tag is the one written
/// last time, and which is still there, is neither made nor written again:
/// a save that changes one SOP renders that SOP's pages, not a thousand.
/// Shared by the threads that render pages at once.
pub struct Files {
    dir: PathBuf,
    earlier: BTreeMap<String, String>,
    written: Mutex<BTreeMap<String, String>>,
    changed: AtomicUsize,
}

/// The record of the files a portal wrote and their tags, in its folder.
const WRITTEN_LIST: &str = ".sopkit-portal.json";

impl Files {
    /// The files of the portal in `dir`, with the record of the last one.
    pub fn open(dir: &Path) -> Self {
        // A portal of an earlier sopkit recorded only its files' names.
        let earlier = std::fs::read(dir.join(WRITTEN_LIST))
            .ok()
            .and_then(|bytes| {
                serde_json::from_slice::<BTreeMap<String, String>>(&bytes).ok().or_else(|| {
                    let names: Vec<String> = serde_json::from_slice(&bytes).ok()?;
                    Some(names.into_iter().map(|name| (name, String::new())).collect())
                })
            })
            .unwrap_or_default();
        Self { dir: dir.to_owned(), earlier, written: Mutex::default(), changed: AtomicUsize::new(0) }
    }

    /// Whether the file at `path` was made from `tag` last time and is
    /// still there; then it stays as it is.
    pub fn keep_if_unchanged(&self, path: &str, tag: &str) -> bool {
        let kept = self.earlier.get(path).is_some_and(|t| t == tag) && self.dir.join(path).is_file();
        if kept {
            self.record(path.to_owned(), tag.to_owned());
        }
        kept
    }

    fn record(&self, path: String, tag: String) {
        self.written.lock().unwrap_or_else(|e| e.into_inner()).insert(path, tag);
    }

    /// The file at `path`, made by `make` unless it was made from `tag`
    /// before and is still there.
    pub fn put_tagged(
        &self,
        path: String,
        tag: String,
        make: impl FnOnce() -> Result<Vec<u8>, EnvError>,
    ) -> Result<(), EnvError> {
        if !self.keep_if_unchanged(&path, &tag) {
            let target = self.dir.join(&path);
            let bytes = make()?;
            let same = std::fs::read(&target).is_ok_and(|old| old == bytes);
            if !same {
                write_atomic(&target, &bytes)?;
                self.changed.fetch_add(1, Ordering::Relaxed);
            }
            self.record(path, tag);
        }
        Ok(())
    }

    /// The file at `path` holding `bytes`.
    pub fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), EnvError> {
        let tag = sha256_hex(&bytes);
        self.put_tagged(path, tag, || Ok(bytes))
    }

    pub fn contains(&self, path: &str) -> bool {
        self.written.lock().unwrap_or_else(|e| e.into_inner()).contains_key(path)
    }

    /// Removes the files the last portal wrote and this one did not, and
    /// records this one's; returns how many files changed.
    pub fn finish(self) -> Result<usize, EnvError> {
        let written = self.written.into_inner().unwrap_or_else(|e| e.into_inner());
        for gone in self.earlier.keys().filter(|p| !written.contains_key(*p)) {
            let _ = std::fs::remove_file(self.dir.join(gone));
        }
        let json = serde_json::to_vec_pretty(&written).map_err(|e| EnvError(e.to_string()))?;
        write_if_changed(&self.dir.join(WRITTEN_LIST), &json)?;
        Ok(self.changed.into_inner())
    }
}

/// What every page shares: the way back to the root, the title, the
/// navigation.
#[derive(Serialize, Clone)]
pub struct Page {
    /// `../` as many times as the page is deep, to reach the portal's root.
    pub root: String,
    pub title: String,
    pub portal: String,
    pub instansi: String,
    /// The navigation's other pages: the Keputusan, the book's PDF.
    pub keputusan: bool,
    pub buku: Option<String>,
    /// The monev recap, when the project keeps monev records.
    pub monev: bool,
}

/// The templates and what every page shares.
pub struct Site<'a> {
    env: Environment<'static>,
    inputs: &'a Inputs<'a>,
    pub portal_title: String,
    buku: Option<String>,
    /// A digest of the templates.
    templates_tag: String,
}

impl<'a> Site<'a> {
    pub fn new(inputs: &'a Inputs<'a>) -> Result<Self, EnvError> {
        let config = &inputs.project.config.value;
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        for (name, source) in TEMPLATES {
            env.add_template(name, source).map_err(template_error)?;
        }
        Ok(Self {
            env,
            inputs,
            portal_title: config.portal.judul.clone().unwrap_or_else(|| format!("SOP {}", config.instansi)),
            buku: of_kind(inputs.documents, OutputKind::Buku).next().map(|d| href(&d.address().portal_pdf())),
            templates_tag: sha256_hex(
                [env!("CARGO_PKG_VERSION"), &TEMPLATES.map(|(_, source)| source).concat(), JS].concat().as_bytes(),
            ),
        })
    }

    /// The shared part of a page `depth` folders below the root.
    pub fn page(&self, depth: usize, title: String) -> Page {
        Page {
            root: "../".repeat(depth),
            title,
            portal: self.portal_title.clone(),
            instansi: self.inputs.project.config.value.instansi.clone(),
            keputusan: self.inputs.decree.is_some(),
            buku: self.buku.clone(),
            monev: self.inputs.project.has_monev(),
        }
    }

    /// A tag for a file made from `bytes` by this sopkit (its version and
    /// templates): the search index follows from its records and the code
    /// that reads them.
    pub fn tag_of(&self, bytes: &[u8]) -> String {
        sha256_hex(&[self.templates_tag.as_bytes(), bytes].concat())
    }

    /// Writes a page: `template` rendered with `context`, unless the same
    /// context made it last time with the same templates (sopkit's own:
    /// they and the context decide the page).
    pub fn put_page(
        &self,
        files: &Files,
        path: String,
        template: &str,
        context: &impl Serialize,
    ) -> Result<(), EnvError> {
        let json = serde_json::to_vec(context).map_err(|e| EnvError(e.to_string()))?;
        let tag = sha256_hex(&[self.templates_tag.as_bytes(), template.as_bytes(), &json].concat());
        files.put_tagged(path, tag, || self.render(template, context))
    }

    /// Renders one template with its typed context.
    pub fn render(&self, template: &str, context: &impl Serialize) -> Result<Vec<u8>, EnvError> {
        let html = self
            .env
            .get_template(template)
            .and_then(|t| t.render(minijinja::value::Serde(context)))
            .map_err(template_error)?;
        Ok(html.into_bytes())
    }

    pub fn inputs(&self) -> &'a Inputs<'a> {
        self.inputs
    }

    /// A long date as the project's `[format] tanggal` prints it, as in its PDFs.
    pub fn long_date(&self, date: Tanggal) -> String {
        date.long_in(self.inputs.project.config.value.format.day_style())
    }

    fn tte_url(&self) -> Option<&'a str> {
        self.inputs.project.config.value.tte.url.as_deref()
    }

    /// A link from a page `depth` deep to a document's verification page.
    pub fn verification_link(&self, depth: usize, address: &DocumentAddress) -> String {
        format!("{}{}", "../".repeat(depth), href(&address.verification_page(self.tte_url())))
    }

    /// A document's verification page, relative to the portal's root.
    pub fn verification_page(&self, address: &DocumentAddress) -> String {
        address.verification_page(self.tte_url())
    }
}

fn template_error(error: minijinja::Error) -> EnvError {
    EnvError(crate::tr!("portal-template", why = format!("{error:#}")))
}

/// A relative path as a link: every byte but letters, digits, `-._~` and
/// `/` percent-encoded, so that a file named with `#`, `?`, `%` or a space
/// is reached, not cut at a fragment or a query.
pub fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// JSON that can stand inside a `<script>` element: no `<` to close it
/// (`</script>`) or open a comment.
pub fn script_json(value: &impl Serialize) -> Result<String, EnvError> {
    let json = serde_json::to_string(value).map_err(|e| EnvError(e.to_string()))?;
    Ok(json.replace('<', "\\u003c"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_encodes_what_would_end_or_change_a_path() {
        assert_eq!(href("sop/a-b_c.d~e.html"), "sop/a-b_c.d~e.html");
        assert_eq!(href("sop/arsip #2 ?50%.html"), "sop/arsip%20%232%20%3F50%25.html");
        assert_eq!(href("sop/é.pdf"), "sop/%C3%A9.pdf");
    }
}
