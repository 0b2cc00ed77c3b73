//! Stage 5, render: signed-ready extras (docs/domain.md section 3) per document: the optional
//! TTE footer (the BSrE notice and a QR code of the document's verification
//! URL) and the optional one-character markers that signing services look
//! for, one per signer. Both come from `[tte]` in sopkit.toml; when it is
//! absent, nothing of them is printed.

use indexmap::IndexMap;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::load::{DocPath, Loaded};
use crate::model::{DocumentAddress, ProjectConfig};

/// What a template needs: `sk-tte` in the generated source.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TteContext {
    pub footer: Option<Footer>,
    /// Signer role -> marker.
    pub markers: IndexMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Footer {
    pub catatan: String,
    pub url: String,
    /// The QR code of `url`, as an SVG image.
    pub qr: String,
}

/// The footer and markers of one document whose signers are `roles` (in
/// the order they sign). More signers than markers is an error.
pub fn context(
    config: &Loaded<ProjectConfig>,
    address: &DocumentAddress,
    roles: &[&str],
) -> Result<TteContext, Diagnostic> {
    let tte = &config.value.tte;
    let mut markers = IndexMap::new();
    if !tte.penanda.is_empty() {
        let mut unique: Vec<&str> = Vec::new();
        for role in roles {
            if !unique.contains(role) {
                unique.push(role);
            }
        }
        if unique.len() > tte.penanda.len() {
            return Err(config
                .error_at(
                    &DocPath::root().key("tte").key("penanda"),
                    crate::tr!(
                        "tte-too-few-markers",
                        file = address.berkas.as_str(),
                        signers = unique.len(),
                        roles = unique.join(", "),
                        markers = tte.penanda.len()
                    ),
                )
                .with_hint(crate::tr!("tte-too-few-markers-hint")));
        }
        markers = unique.iter().zip(&tte.penanda).map(|(r, m)| ((*r).to_owned(), m.clone())).collect();
    }
    let footer = match (&tte.url, tte.footer) {
        (Some(pattern), true) => {
            let url = address.verification_url(pattern);
            Some(Footer { catatan: tte.catatan.clone(), qr: qr_svg(&url), url })
        }
        _ => None,
    };
    Ok(TteContext { footer, markers })
}

/// A QR code (error correction M, quiet zone of 4 modules) as an SVG with
/// one path of unit squares.
pub fn qr_svg(text: &str) -> String {
    use qrcodegen::{QrCode, QrCodeEcc};
    let Ok(code) = QrCode::encode_text(text, QrCodeEcc::Medium) else {
        // Longer than a QR code holds (~2 kB): validation keeps URL
        // patterns under 1000 characters, so this takes a freak nomor.
        return String::new();
    };
    let size = code.size();
    let border = 4;
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    let full = size + 2 * border;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {full} {full}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{full}\" height=\"{full}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_codes_are_square_svgs() {
        let svg = qr_svg("https://tte.example.go.id/v/0123456789abcdef");
        assert!(svg.starts_with("<svg") && svg.contains("viewBox=\"0 0 41 41\""), "{svg}");
    }
}
