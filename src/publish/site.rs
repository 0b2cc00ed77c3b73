//! Stage 8, publish: what every page of the portal shares: the templates
//! (`templates/portal/`, rendered with minijinja's HTML escaping: every
//! value a user wrote is text, never markup), the header's navigation, and
//! the links to verification pages.

use std::collections::BTreeMap;

use minijinja::{AutoEscape, Environment};
use serde::Serialize;

use super::{Inputs, of_kind};
use crate::diagnostic::EnvError;
use crate::finish::OutputKind;
use crate::model::{DocumentAddress, Tanggal};

const TEMPLATES: [(&str, &str); 5] = [
    ("base.html", include_str!("../../templates/portal/base.html.j2")),
    ("index.html", include_str!("../../templates/portal/index.html.j2")),
    ("sop.html", include_str!("../../templates/portal/sop.html.j2")),
    ("keputusan.html", include_str!("../../templates/portal/keputusan.html.j2")),
    ("verifikasi.html", include_str!("../../templates/portal/verifikasi.html.j2")),
];
pub const CSS: &str = include_str!("../../templates/portal/portal.css");
pub const JS: &str = include_str!("../../templates/portal/portal.js");

/// The portal's files, by path, as they are being made.
pub type Files = BTreeMap<String, Vec<u8>>;

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
}

/// The templates and what every page shares.
pub struct Site<'a> {
    env: Environment<'static>,
    inputs: &'a Inputs<'a>,
    pub portal_title: String,
    buku: Option<String>,
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
        }
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
