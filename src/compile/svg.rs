//! Stage 6, compile: a laid-out document's pages as SVG, for the portal.
//! The same `PagedDocument` the PDF is exported from, so the flowchart on
//! screen is the one on paper, not a second drawing.
//!
//! typst-svg draws every glyph as a `<use>` of an outline defined again on
//! every page: ten times the PDF. A page here keeps typst-svg's shapes and
//! images, but its text is `<text>` in the very font file the PDF embeds,
//! which the portal writes once (`font_file`); the page names it through
//! `FONT_DIR_MARK`, which the portal replaces by the way to its fonts. So a
//! page must be shown as a document (`<object>`), not as an `<img>`, which
//! loads no font.

use std::fmt::Write;

use typst::foundations::Bytes;
use typst::layout::{Frame, FrameItem};
use typst::text::{Font, FontStyle, FontVariant, FontWeight, TextItem};
use typst::visualize::{Color, Paint};
use typst_layout::Page;
use typst_layout::PagedDocument;

use super::world::Fonts;

/// Stands in a page's `@font-face` for the folder of the portal's fonts.
pub const FONT_DIR_MARK: &str = "sopkit-huruf:";

/// Every page of `document` as a standalone SVG image.
pub fn pages(document: &PagedDocument) -> Vec<String> {
    let options = typst_svg::SvgOptions::default();
    document
        .pages()
        .iter()
        .map(|page| {
            let drawn = typst_svg::svg(page, &options);
            with_text(&drawn, page).unwrap_or(drawn)
        })
        .collect()
}

/// The width and height of an SVG's `viewBox`, rounded.
pub fn view_box(svg: &str) -> Option<(u32, u32)> {
    let rest = &svg[svg.find("viewBox=\"")? + 9..];
    let numbers: Vec<f64> = rest[..rest.find('"')?].split_whitespace().filter_map(|n| n.parse().ok()).collect();
    match numbers[..] {
        [_, _, width, height] => Some((width.round() as u32, height.round() as u32)),
        _ => None,
    }
}

/// The file names of the fonts a page names (`<name>.ttf` under the mark).
pub fn fonts_named(svg: &str) -> impl Iterator<Item = &str> {
    style_of(svg).split(FONT_DIR_MARK).skip(1).filter_map(|rest| rest.split(')').next())
}

/// A page with its fonts looked for in `dir` (`../aset/huruf/`).
pub fn with_font_dir(svg: &str, dir: &str) -> String {
    let style = style_of(svg);
    let at = style.as_ptr() as usize - svg.as_ptr() as usize;
    format!("{}{}{}", &svg[..at], style.replace(FONT_DIR_MARK, dir), &svg[at + style.len()..])
}

/// The page's own `<style>` (written first), or nothing.
fn style_of(svg: &str) -> &str {
    let Some(at) = svg.find("<style>") else { return "" };
    svg[at..].find("</style>").map_or("", |end| &svg[at..at + end])
}

/// The bytes of the font a page names by `file_name`, among a project's.
pub fn font_file(fonts: &Fonts, file_name: &str) -> Option<Bytes> {
    let variants = [FontStyle::Normal, FontStyle::Italic, FontStyle::Oblique].into_iter().flat_map(|style| {
        (1..=9).map(move |w| FontVariant::new(style, FontWeight::from_number(w * 100), Default::default()))
    });
    fonts
        .families()
        .into_iter()
        .flat_map(|family| variants.clone().filter_map(move |variant| fonts.select(&family, variant)))
        .find(|font| face_file(font) == file_name)
        .map(|font| font.data().clone())
}

/// A font's file name in the portal: family, weight and style.
fn face_file(font: &Font) -> String {
    let info = font.info();
    let family: String =
        info.family.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let style = match info.variant.style {
        FontStyle::Normal => "",
        FontStyle::Italic => "-italic",
        FontStyle::Oblique => "-oblique",
    };
    format!("{family}-{}{style}.ttf", info.variant.weight.to_number())
}

/// `drawn` with each text item's glyphs replaced by a `<text>` of the item,
/// the glyph outlines dropped and numbers shortened; `None` where a text
/// cannot be written so (a gradient, a stroke, a shift up or down), or the
/// drawing does not have the shape expected of typst-svg.
fn with_text(drawn: &str, page: &Page) -> Option<String> {
    let mut texts = Vec::new();
    texts_of(&page.frame, &mut texts);
    let mut faces: Vec<(String, String)> = Vec::new();
    let mut out = String::with_capacity(drawn.len() / 4);
    let mut rest = drawn;
    let mut texts = texts.into_iter();
    const OPEN: &str = "<g transform=\"matrix(";
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&tidy(&rest[..at]));
        let after = &rest[at + OPEN.len()..];
        let close = after.find(")\"")?;
        let matrix: Vec<f64> = after[..close].split(' ').map(str::parse).collect::<Result<_, _>>().ok()?;
        let body = &after[close + 2..];
        let (glyphs, end) = if let Some(body) = body.strip_prefix('>') {
            let mut uses = body;
            while uses.starts_with("<use ") {
                uses = &uses[uses.find("/>")? + 2..];
            }
            match uses.strip_prefix("</g>") {
                Some(end) if uses.len() < body.len() => (true, end),
                // A group turned: its children are drawn as they are.
                _ => {
                    out.push_str(OPEN);
                    rest = after;
                    continue;
                }
            }
        } else {
            (false, body.strip_prefix("/>")?)
        };
        let text = texts.next()?;
        if glyphs == text.glyphs.is_empty() {
            return None;
        }
        if glyphs {
            write_text(&mut out, &matrix, text, &mut faces)?;
        }
        rest = end;
    }
    if texts.next().is_some() {
        return None;
    }
    out.push_str(&tidy(&without_glyph_outlines(rest)));
    let mut style = String::from("<style>text{white-space:pre}");
    let mut families: Vec<&str> = Vec::new();
    for (n, (file, size)) in faces.iter().enumerate() {
        let family = match families.iter().position(|f| f == file) {
            Some(k) => k,
            None => {
                families.push(file);
                let k = families.len() - 1;
                let _ = write!(style, "@font-face{{font-family:f{k};src:url({FONT_DIR_MARK}{file})}}");
                k
            }
        };
        let _ = write!(style, ".{}{{font:{size}px f{family}}}", class_name(n));
    }
    style.push_str("</style>");
    let head_end = out.find('>')? + 1;
    out.insert_str(head_end, &style);
    Some(out)
}

/// Every text item of a frame, in the order typst-svg draws them.
fn texts_of<'a>(frame: &'a Frame, texts: &mut Vec<&'a TextItem>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => texts_of(&group.frame, texts),
            FrameItem::Text(text) => texts.push(text),
            _ => {}
        }
    }
}

/// One text item as `<text>`: `matrix` is typst-svg's transform of its
/// glyphs (turned upside down, as fonts draw).
fn write_text(out: &mut String, matrix: &[f64], text: &TextItem, faces: &mut Vec<(String, String)>) -> Option<()> {
    let [a, b, c, d, e, f] = matrix[..] else { return None };
    let fill = match &text.fill {
        Paint::Solid(color) if *color == Color::BLACK => String::new(),
        Paint::Solid(color) => format!(" fill=\"{}\"", color.to_hex()),
        _ => return None,
    };
    if text.stroke.is_some() || text.glyphs.iter().any(|g| g.y_offset.get() != 0.0 || g.y_advance.get() != 0.0) {
        return None;
    }
    let face = (face_file(&text.font), number(text.size.to_pt()));
    let class = match faces.iter().position(|known| *known == face) {
        Some(n) => n,
        None => {
            faces.push(face);
            faces.len() - 1
        }
    };
    let start = text.glyphs.first().map_or(0.0, |g| g.x_offset.at(text.size).to_pt());
    // Unflipped: (a, b, -c, -d); a plain shift is written as a position.
    let place = if (a, b, c, d) == (1.0, 0.0, 0.0, -1.0) {
        format!("x=\"{}\" y=\"{}\"", number(e + start), number(f))
    } else {
        format!(
            "transform=\"matrix({} {} {} {} {} {})\" x=\"{}\"",
            number(a),
            number(b),
            number(-c),
            number(-d),
            number(e),
            number(f),
            number(start)
        )
    };
    let _ = write!(out, "<text {place} class=\"{}\"{fill}>{}</text>", class_name(class), escaped(&text.text));
    Some(())
}

/// A short CSS class name for the `n`th face and size: `a` to `z`, `ba`...
fn class_name(mut n: usize) -> String {
    let mut name = String::new();
    loop {
        name.insert(0, (b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return name;
        }
    }
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The drawing's end without the `<symbol>`s of glyph outlines (their ids
/// start with `g`), and without a `<defs>` they leave empty.
fn without_glyph_outlines(tail: &str) -> String {
    let mut out = String::with_capacity(tail.len());
    let mut rest = tail;
    while let Some(at) = rest.find("<symbol id=\"g") {
        out.push_str(&rest[..at]);
        match rest[at..].find("</symbol>") {
            Some(end) => rest = &rest[at + end + "</symbol>".len()..],
            None => {
                rest = &rest[at..];
                break;
            }
        }
    }
    out.push_str(rest);
    out.replace("<defs></defs>", "")
}

/// typst-svg's markup without the attributes that say SVG's defaults, and
/// its numbers to a thousandth of a point.
fn tidy(markup: &str) -> String {
    let mut markup = markup.to_owned();
    for default in
        [" fill-rule=\"nonzero\"", " stroke-linecap=\"butt\"", " stroke-linejoin=\"miter\"", " stroke-miterlimit=\"4\""]
    {
        markup = markup.replace(default, "");
    }
    let mut out = String::with_capacity(markup.len());
    let bytes = markup.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
        if digit(i) && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while digit(i) {
                i += 1;
            }
            if bytes.get(i) == Some(&b'.') && digit(i + 1) {
                i += 1;
                while digit(i) {
                    i += 1;
                }
                match markup[start..i].parse::<f64>() {
                    Ok(value) => out.push_str(&number(value)),
                    Err(_) => out.push_str(&markup[start..i]),
                }
            } else {
                out.push_str(&markup[start..i]);
            }
        } else {
            let len = markup[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&markup[i..i + len]);
            i += len;
        }
    }
    out
}

/// A number to a thousandth, without trailing zeros.
fn number(value: f64) -> String {
    let text = format!("{:.3}", value);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_shortened_and_defaults_dropped() {
        assert_eq!(
            tidy("<path fill-rule=\"nonzero\" transform=\"translate(409.613708008 -0.250001)\" d=\"M 0 0v 12.5\"/>"),
            "<path transform=\"translate(409.614 -0.25)\" d=\"M 0 0v 12.5\"/>"
        );
        assert_eq!(tidy("<a id=\"c5A1.25\"/>"), "<a id=\"c5A1.25\"/>");
    }

    #[test]
    fn glyph_outlines_are_dropped_and_clip_paths_kept() {
        let tail = "</g><defs><symbol id=\"gAB\" overflow=\"visible\"><path d=\"M 0 0\"/></symbol></defs><defs><clipPath id=\"c1\"/></defs></svg>";
        assert_eq!(without_glyph_outlines(tail), "</g><defs><clipPath id=\"c1\"/></defs></svg>");
    }

    #[test]
    fn class_names_run_past_z() {
        assert_eq!([0, 25, 26, 27].map(class_name), ["a", "z", "ba", "bb"]);
    }
}
