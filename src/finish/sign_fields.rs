//! Stage 7, finish (`--sign-fields`): an empty signature field (AcroForm `/FT /Sig`, with an
//! appearance stream) over every reserved signature box, so that desktop
//! signers and signing services find where each signer signs.

use lopdf::{Dictionary, Document, Object, Stream};

use crate::compile::introspect::SignatureBox;

/// Adds a field over each box and names it in `boxes` (`ttd_<role>`, with
/// `_2`, `_3`, ... when a role repeats).
pub fn add_signature_fields(pdf: &[u8], boxes: &mut [SignatureBox]) -> Result<Vec<u8>, String> {
    if boxes.is_empty() {
        return Ok(pdf.to_vec());
    }
    let mut doc = Document::load_mem(pdf).map_err(|e| crate::tr!("pdf-unreadable", why = e))?;
    let pages = doc.get_pages();
    let mut fields = Vec::new();
    let mut used: Vec<String> = Vec::new();
    for sig in boxes.iter_mut() {
        let base = format!("ttd_{}", sig.role);
        let mut name = base.clone();
        let mut n = 1;
        while used.contains(&name) {
            n += 1;
            name = format!("{base}_{n}");
        }
        used.push(name.clone());
        let page = *pages.get(&(sig.page as u32)).ok_or_else(|| format!("no page {} for {name}", sig.page))?;
        let [x0, y0, x1, y1] = sig.rect_pt;
        // An empty appearance: the box is drawn by the page itself.
        let mut appearance = Dictionary::new();
        appearance.set("Type", Object::Name(b"XObject".to_vec()));
        appearance.set("Subtype", Object::Name(b"Form".to_vec()));
        appearance
            .set("BBox", vec![0.into(), 0.into(), Object::Real((x1 - x0) as f32), Object::Real((y1 - y0) as f32)]);
        appearance.set("Resources", Dictionary::new());
        let appearance = doc.add_object(Stream::new(appearance, Vec::new()));
        let mut widget = Dictionary::new();
        widget.set("Type", Object::Name(b"Annot".to_vec()));
        widget.set("Subtype", Object::Name(b"Widget".to_vec()));
        widget.set("FT", Object::Name(b"Sig".to_vec()));
        widget.set("T", Object::string_literal(name.as_bytes().to_vec()));
        widget.set("Rect", [x0, y0, x1, y1].iter().map(|v| Object::Real(*v as f32)).collect::<Vec<_>>());
        widget.set("F", 4);
        widget.set("P", page);
        let mut ap = Dictionary::new();
        ap.set("N", appearance);
        widget.set("AP", ap);
        let field = doc.add_object(widget);
        add_annotation(&mut doc, page, field)?;
        fields.push(Object::Reference(field));
        sig.field = Some(name);
    }
    let catalog_id = doc.trailer.get(b"Root").and_then(Object::as_reference).map_err(|_| "the PDF has no catalog")?;
    let mut form = Dictionary::new();
    form.set("Fields", fields);
    doc.get_dictionary_mut(catalog_id).map_err(|e| e.to_string())?.set("AcroForm", form);
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| crate::tr!("pdf-cannot-write", why = e))?;
    Ok(out)
}

/// Appends an annotation to a page's `/Annots`, direct or referenced.
fn add_annotation(doc: &mut Document, page: lopdf::ObjectId, annotation: lopdf::ObjectId) -> Result<(), String> {
    let existing = doc.get_dictionary(page).map_err(|e| e.to_string())?.get(b"Annots").ok().cloned();
    match existing {
        Some(Object::Reference(id)) => {
            if let Ok(Object::Array(list)) = doc.get_object_mut(id) {
                list.push(Object::Reference(annotation));
            }
        }
        Some(Object::Array(mut list)) => {
            list.push(Object::Reference(annotation));
            doc.get_dictionary_mut(page).map_err(|e| e.to_string())?.set("Annots", list);
        }
        _ => {
            doc.get_dictionary_mut(page).map_err(|e| e.to_string())?.set("Annots", vec![Object::Reference(annotation)]);
        }
    }
    Ok(())
}
