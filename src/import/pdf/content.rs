//! Load: what a PDF page draws, through hayro-interpret (already built for
//! Typst's SVG export): every path flattened into runs of points, every
//! glyph with its Unicode and its box, every image's box; in points from
//! the page's top-left corner, y down.

use std::sync::Arc;

use hayro_interpret::font::{FontData, FontQuery, Glyph as PdfGlyph, StandardFont};
use hayro_interpret::hayro_syntax::page::Page as PdfPage;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache, InterpreterSettings, Paint,
    PathDrawMode, SoftMask, TransformExt, interpret_page,
};
use kurbo::{Affine, BezPath, PathEl, Point, Rect};

/// A point on the page, in points, y down.
pub type Pt = (f64, f64);

/// One subpath, curves flattened.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub points: Vec<Pt>,
    pub closed: bool,
    /// Whether it holds a curve (a capsule's ends, a circle).
    pub curved: bool,
}

/// A drawn path.
#[derive(Debug, Clone)]
pub struct Path {
    pub runs: Vec<Run>,
    pub stroked: bool,
    /// Dark enough to be ink (a grey signature placeholder or a white
    /// background is not).
    pub dark: bool,
}

/// One glyph: its text and box, in the frame its text is read in: the
/// page's, or for text turned to run up a column (a narrow header cell)
/// the page turned so that text stands upright (x = -y, y = x).
#[derive(Debug, Clone)]
pub struct Glyph {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub baseline: f64,
    /// The font size, in points.
    pub size: f64,
    /// Whether the text runs up the page.
    pub turned: bool,
}

impl Glyph {
    /// The middle of the glyph on the page.
    pub fn centre(&self) -> Pt {
        let (along, across) = ((self.x0 + self.x1) / 2.0, self.baseline - 0.3 * self.size);
        if self.turned { (across, -along) } else { (along, across) }
    }
}

/// Everything a page draws.
#[derive(Debug, Default)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub paths: Vec<Path>,
    pub glyphs: Vec<Glyph>,
    pub images: Vec<Rect>,
}

/// Reads one page.
pub fn read(page: &PdfPage<'_>) -> Page {
    let (width, height) = page.render_dimensions();
    let settings = InterpreterSettings {
        render_annotations: false,
        font_resolver: Arc::new(bundled_font),
        ..InterpreterSettings::default()
    };
    let cache = InterpreterCache::new();
    let bbox = Rect::new(0.0, 0.0, f64::from(width), f64::from(height));
    let mut context = Context::new(page.initial_transform(true).to_kurbo(), bbox, &cache, page.xref(), settings);
    let mut collector = Page { width: f64::from(width), height: f64::from(height), ..Page::default() };
    interpret_page(page, &mut context, &mut collector);
    collector
}

/// A font the PDF names but does not embed (the 14 standard fonts a
/// reader must have: Helvetica, Times, Courier; or Arial and the like),
/// given one of the faces sopkit bundles so that its text is read: Liberation
/// Sans for the sans and fixed faces, TeX Gyre Bonum for the serif ones.
/// Symbol and Dingbats have none.
fn bundled_font(query: &FontQuery) -> Option<(FontData, u32)> {
    use StandardFont::*;
    let standard = match query {
        FontQuery::Standard(font) => *font,
        FontQuery::Fallback(fallback) => fallback.pick_standard_font(),
    };
    // Regular, bold, italic, bold italic: the order of `EMBEDDED_FONTS`.
    let (serif, style) = match standard {
        Helvetica | Courier => (false, 0),
        HelveticaBold | CourierBold => (false, 1),
        HelveticaOblique | CourierOblique => (false, 2),
        HelveticaBoldOblique | CourierBoldOblique => (false, 3),
        TimesRoman => (true, 0),
        TimesBold => (true, 1),
        TimesItalic => (true, 2),
        TimesBoldItalic => (true, 3),
        ZapfDingBats | Symbol => return None,
    };
    let file = if serif { SERIF + style } else { SANS + style };
    Some((Arc::new(crate::compile::world::EMBEDDED_FONTS[file]), 0))
}

/// Where Liberation Sans and TeX Gyre Bonum start among the bundled fonts.
const SANS: usize = 0;
const SERIF: usize = 5;

/// How finely a curve is sampled: enough to tell a capsule from a box.
const CURVE_STEPS: usize = 4;

fn runs(path: &BezPath) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut last = Point::ZERO;
    let pt = |p: Point| (p.x, p.y);
    for element in path.elements() {
        match *element {
            PathEl::MoveTo(p) => {
                runs.push(Run { points: vec![pt(p)], closed: false, curved: false });
                last = p;
            }
            PathEl::LineTo(p) => {
                if let Some(run) = runs.last_mut() {
                    run.points.push(pt(p));
                }
                last = p;
            }
            PathEl::QuadTo(a, b) => {
                let curve = kurbo::QuadBez::new(last, a, b);
                push_curve(&mut runs, |t| kurbo::ParamCurve::eval(&curve, t));
                last = b;
            }
            PathEl::CurveTo(a, b, c) => {
                let curve = kurbo::CubicBez::new(last, a, b, c);
                push_curve(&mut runs, |t| kurbo::ParamCurve::eval(&curve, t));
                last = c;
            }
            PathEl::ClosePath => {
                if let Some(run) = runs.last_mut() {
                    run.closed = true;
                    if run.points.len() > 1 && run.points.first() == run.points.last() {
                        run.points.pop();
                    }
                    last = run.points.first().map_or(last, |&(x, y)| Point::new(x, y));
                }
            }
        }
    }
    runs.retain(|r| r.points.len() > 1);
    runs
}

fn push_curve(runs: &mut [Run], eval: impl Fn(f64) -> Point) {
    if let Some(run) = runs.last_mut() {
        run.curved = true;
        for step in 1..=CURVE_STEPS {
            let p = eval(step as f64 / CURVE_STEPS as f64);
            run.points.push((p.x, p.y));
        }
    }
}

fn is_dark(paint: &Paint<'_>) -> bool {
    match paint {
        Paint::Color(color) => {
            let [r, g, b, a] = color.to_rgba().components();
            a > 0.5 && (r + g + b) / 3.0 < 0.5
        }
        Paint::Pattern(_) => false,
    }
}

impl<'a> Device<'a> for Page {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}

    fn set_blend_mode(&mut self, _: BlendMode) {}

    fn draw_path(&mut self, path: &BezPath, transform: Affine, paint: &Paint<'a>, mode: &PathDrawMode) {
        let runs = runs(&(transform * path.clone()));
        if !runs.is_empty() {
            let stroked = matches!(mode, PathDrawMode::Stroke(_));
            self.paths.push(Path { runs, stroked, dark: is_dark(paint) });
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph(
        &mut self,
        glyph: &PdfGlyph<'a>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'a>,
        _: &GlyphDrawMode,
    ) {
        let Some(text) = glyph.as_unicode().map(|u| match u {
            hayro_interpret::hayro_cmap::BfString::Char(c) => c.to_string(),
            hayro_interpret::hayro_cmap::BfString::String(s) => s,
        }) else {
            return;
        };
        // Glyph space is 1000 units to the em.
        let whole = transform * glyph_transform;
        let origin = whole * Point::ZERO;
        let up = whole * Point::new(0.0, 1000.0);
        let size = (up - origin).hypot();
        let advance = match glyph {
            PdfGlyph::Outline(outline) => outline.advance_width().map_or(500.0, f64::from),
            PdfGlyph::Type3(_) => 500.0,
        };
        let end = whole * Point::new(advance, 0.0);
        let (dx, dy) = (end.x - origin.x, end.y - origin.y);
        let flat = |d: f64| d.abs() <= 0.1 * size;
        // Upright text, or text running up a column; other slants are no
        // table's cells.
        let glyph = if flat(dy) && dx >= 0.0 {
            Glyph { text, x0: origin.x, x1: end.x, baseline: origin.y, size, turned: false }
        } else if flat(dx) && dy < 0.0 {
            Glyph { text, x0: -origin.y, x1: -end.y, baseline: origin.x, size, turned: true }
        } else {
            return;
        };
        if size >= 0.5 {
            self.glyphs.push(glyph);
        }
    }

    fn draw_image(&mut self, image: Image<'a, '_>, transform: Affine) {
        // The transform places the image's pixels, not a unit square.
        let (w, h) = (f64::from(image.width()), f64::from(image.height()));
        let corners = [(0.0, 0.0), (w, 0.0), (0.0, h), (w, h)].map(|(x, y)| transform * Point::new(x, y));
        let xs = corners.map(|p| p.x);
        let ys = corners.map(|p| p.y);
        let min = |v: [f64; 4]| v.iter().copied().fold(f64::MAX, f64::min);
        let max = |v: [f64; 4]| v.iter().copied().fold(f64::MIN, f64::max);
        self.images.push(Rect::new(min(xs), min(ys), max(xs), max(ys)));
    }

    fn pop_clip_path(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use hayro_interpret::hayro_syntax::Pdf;
    use lopdf::{Document, Object, Stream, dictionary};

    /// A one-page PDF that writes `text` at 12 points in the standard
    /// font `font`, named and not embedded.
    fn standard_font_page(font: &str, text: &str) -> Vec<u8> {
        let mut doc = Document::with_version("1.4");
        let pages = doc.new_object_id();
        let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => font });
        let content = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
        let content = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages,
            "Contents" => content,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        });
        let kids = vec![Object::Reference(page)];
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => kids, "Count" => 1, "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    fn text_of(bytes: Vec<u8>) -> String {
        let pdf = Pdf::new(bytes).unwrap();
        let page = read(&pdf.pages()[0]);
        page.glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    #[test]
    fn text_in_a_standard_font_the_pdf_does_not_embed_is_read() {
        for font in ["Helvetica", "Helvetica-Bold", "Times-Roman", "Courier-Oblique"] {
            assert_eq!(text_of(standard_font_page(font, "NAMA SOP")), "NAMA SOP", "{font}");
        }
    }
}
