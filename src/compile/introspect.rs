//! Stage 6, compile: what a compiled document says about itself: the marks its templates
//! left (`sk-mark` in sopkit-lib.typ, located where Typst laid them out),
//! the reserved signature boxes and the sections it starts. Read from the
//! laid-out document, so no template asks Typst for a second layout pass.

use serde::{Deserialize, Serialize};
use typst::foundations::{Content, Label, Selector};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// A reserved signature box: where a signer's appearance goes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignatureBox {
    pub role: String,
    /// The AcroForm field name when `--sign-fields` made one.
    pub field: Option<String>,
    /// 1-based page.
    pub page: usize,
    /// `[x0, y0, x1, y1]`, PDF points, origin at the page's bottom-left.
    pub rect_pt: [f64; 4],
    /// `[x, y, w, h]`, origin at the page's top-left.
    pub rect_top_left_pt: [f64; 4],
    /// The signer's one-character marker printed in the box, when markers
    /// are on (`[tte] penanda`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

impl SignatureBox {
    /// From a box at (x, y) from the top-left, `w` by `h`, on a page of
    /// height `page_height`.
    pub fn new(role: &str, page: usize, page_height: f64, x: f64, y: f64, w: f64, h: f64) -> Self {
        let round = |v: f64| (v * 100.0).round() / 100.0;
        Self {
            role: role.to_owned(),
            field: None,
            marker: None,
            page,
            rect_pt: [round(x), round(page_height - y - h), round(x + w), round(page_height - y)],
            rect_top_left_pt: [round(x), round(y), round(w), round(h)],
        }
    }
}

/// A section of a document: a title and its 1-based first page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    pub title: String,
    pub page: usize,
}

/// The values of every `metadata` element labelled `<label>`, in document
/// order, as JSON.
pub fn query(document: &PagedDocument, label: &str) -> Vec<serde_json::Value> {
    labelled(document, label).into_iter().map(|(_, value)| value).collect()
}

/// The marks `sk-mark` (sopkit-lib.typ) left under `<label>`: each value
/// (a dictionary) with where it was laid out added, `page` (from 1), `x`
/// and `y` (points from the page's top left). The template cannot ask for
/// them itself without making Typst lay the document out twice.
pub fn marks(document: &PagedDocument, label: &str) -> Vec<serde_json::Value> {
    let introspector = document.introspector();
    labelled(document, label)
        .into_iter()
        .filter_map(|(content, mut value)| {
            let at = introspector.position(content.location()?)?;
            let fields = value.as_object_mut()?;
            fields.insert("page".into(), at.page.get().into());
            fields.insert("x".into(), at.point.x.to_pt().into());
            fields.insert("y".into(), at.point.y.to_pt().into());
            Some(value)
        })
        .collect()
}

fn labelled(document: &PagedDocument, label: &str) -> Vec<(Content, serde_json::Value)> {
    let Some(label) = Label::new(PicoStr::intern(label)) else {
        return Vec::new();
    };
    document
        .introspector()
        .query(&Selector::Label(label))
        .into_iter()
        .filter_map(|content| {
            let value = serde_json::to_value(content.get_by_name("value").ok()?).ok()?;
            Some((content, value))
        })
        .collect()
}

/// Sections a document marked with `sopkit-section`.
pub fn bookmarks(document: &typst_layout::PagedDocument) -> Vec<Bookmark> {
    marks(document, "sopkit-section")
        .iter()
        .filter_map(|v| {
            let title = v.get("title")?.as_str()?.to_owned();
            let page = v.get("page")?.as_u64()? as usize;
            Some(Bookmark { title, page })
        })
        .collect()
}

/// The reserved signature boxes, located where Typst drew them.
pub fn signature_boxes(document: &typst_layout::PagedDocument) -> Vec<SignatureBox> {
    marks(document, "sopkit-signature")
        .iter()
        .filter_map(|v| {
            let number = |k: &str| v.get(k).and_then(serde_json::Value::as_f64);
            let page = v.get("page").and_then(serde_json::Value::as_u64)? as usize;
            let height = document.pages().get(page - 1)?.frame.height().to_pt();
            let mut signature = SignatureBox::new(
                v.get("role").and_then(serde_json::Value::as_str)?,
                page,
                height,
                number("x")?,
                number("y")?,
                number("w")?,
                number("h")?,
            );
            signature.marker = v.get("marker").and_then(serde_json::Value::as_str).map(str::to_owned);
            Some(signature)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_rects_agree_in_both_origins() {
        let sig = SignatureBox::new("disahkan_oleh", 1, 609.45, 100.0, 50.0, 34.0, 34.0);
        assert_eq!(sig.rect_top_left_pt, [100.0, 50.0, 34.0, 34.0]);
        assert_eq!(sig.rect_pt, [100.0, 525.45, 134.0, 559.45]);
    }
}
