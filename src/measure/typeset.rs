//! Stage 3, measure: plain text set as Typst sets it, so that the rows of a procedure table
//! can be measured without compiling a measuring document (a third of a
//! cold build's work before this).
//!
//! It repeats what Typst 0.15 does for a paragraph of one font, one style
//! and no hyphenation: the text is shaped with the same face through
//! rustybuzz; break opportunities come from the same ICU segmenter (UAX #14);
//! lines are filled first-fit, a line that breaks inside the text is
//! re-shaped unless rustybuzz marks both ends safe to break, and trailing
//! spaces do not count; each line is as tall as the font's cap height, with
//! the paragraph's leading between lines.
//!
//! Whatever it does not model gets `None`, and the caller lets Typst measure
//! instead: characters outside Latin and general punctuation (other
//! scripts, special spaces, soft hyphens, control characters), a glyph the
//! font lacks (Typst would fall back to another font), text that markup
//! would not keep as it is (runs of spaces, line breaks), and a line whose
//! width is within a hair of the column's (where rounding could tip Typst
//! the other way). Tests compare it with Typst's own measurement.

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};
use typst::layout::Abs;
use typst::text::{FontInstance, FontStretch, FontStyle, FontVariant, FontVariations, FontWeight};

use crate::compile::world::Fonts;

/// How close to the column's width a line may come before the answer is
/// left to Typst (points): the sums here are Typst's own, in the same
/// order, so only a tie closer than floating-point noise is in doubt.
pub const UNSURE: f64 = 1e-6;
/// Typst accepts a line up to this much wider than the column (`Abs::fits`).
const TYPST_EPS: f64 = 1e-4;

/// The faces and sizes of one text style (body and bold), ready to set text.
pub struct TextMetrics {
    regular: Face,
    bold: Face,
    size: f64,
    leading: f64,
    segmenter: LineSegmenterBorrowed<'static>,
    /// Typst shapes with the document's language (`lang: "id"`).
    language: rustybuzz::Language,
}

struct Face {
    instance: FontInstance,
    /// Cap height in points: a line's height with Typst's default edges
    /// (`top-edge: "cap-height"`, `bottom-edge: "baseline"`).
    line_height: f64,
}

/// One glyph as Typst keeps it: where its cluster starts in the text, its
/// advance in points, and whether a line may start at it without re-shaping.
struct Glyph {
    start: usize,
    advance: f64,
    safe_to_break: bool,
}

impl TextMetrics {
    /// `None` when `family` lacks a regular or bold upright face.
    pub fn new(fonts: &Fonts, family: &str, size: f64, leading_em: f64) -> Option<Self> {
        let face = |weight: FontWeight| {
            let variant = FontVariant::new(FontStyle::Normal, weight, FontStretch::NORMAL);
            let font = fonts.select(family, variant)?;
            let instance = font.instantiate(variant, Abs::pt(size), &FontVariations::default());
            let line_height = instance.metrics().cap_height.at(Abs::pt(size)).to_pt();
            Some(Face { instance, line_height })
        };
        Some(Self {
            regular: face(FontWeight::REGULAR)?,
            bold: face(FontWeight::BOLD)?,
            size,
            leading: leading_em * size,
            segmenter: LineSegmenter::new_lstm(LineBreakOptions::default()),
            language: "id".parse().ok()?,
        })
    }

    /// A line's height in em with `top-edge: "ascender"` and
    /// `bottom-edge: "descender"` (as texts inside symbols are set).
    pub fn line_height_em(&self) -> f64 {
        let metrics = self.regular.instance.metrics();
        metrics.ascender.get() - metrics.descender.get()
    }

    /// The height of `text` as one paragraph `width` points wide: 0 for no
    /// text. `None` when Typst must answer (see the module's notes).
    pub fn paragraph(&self, text: &str, bold: bool, width: f64) -> Option<f64> {
        self.paragraphs(&[text], bold, width)
    }

    /// The height of texts joined by line breaks (`a \ b` in markup).
    pub fn paragraphs(&self, texts: &[&str], bold: bool, width: f64) -> Option<f64> {
        let face = if bold { &self.bold } else { &self.regular };
        let mut lines = 0;
        for text in texts.iter().filter(|t| !t.is_empty()) {
            lines += self.lines(face, text, width)?;
        }
        Some(match lines {
            0 => 0.0,
            n => {
                // Line heights and leadings added in order, as Typst stacks them.
                let mut height = face.line_height;
                for _ in 1..n {
                    height += self.leading;
                    height += face.line_height;
                }
                height
            }
        })
    }

    /// The width of `text` set on one line, in points; `None` when the face
    /// lacks a glyph.
    pub fn width(&self, text: &str, bold: bool) -> Option<f64> {
        let face = if bold { &self.bold } else { &self.regular };
        Some(self.shape(face, text, 0)?.iter().map(|g| g.advance).sum())
    }

    /// How many lines first-fit breaking gives `text` at `width`.
    fn lines(&self, face: &Face, text: &str, width: f64) -> Option<usize> {
        if !plain(text) {
            return None;
        }
        // Long words break where the markup lets them (a zero-width space
        // here, `#h(0.01pt)` in the markup: both a break opportunity after
        // the character before them).
        let text = &*crate::render::templates::breakable(text);
        let full = self.shape(face, text, 0)?;
        let breaks: Vec<usize> = self.segmenter.segment_str(text).filter(|&b| b > 0).collect();
        let line_width = |start: usize, end: usize| -> Option<f64> {
            // Trailing spaces are shaped with the line but take no room.
            let layout_end = start + text[start..end].trim_end_matches(' ').len();
            let sum = |glyphs: &[Glyph]| {
                glyphs.iter().filter(|g| g.start < layout_end).fold(0.0, |width, g| width + g.advance)
            };
            if start == 0 && end == text.len() {
                return Some(sum(&full));
            }
            match (safe_index(&full, text.len(), start), safe_index(&full, text.len(), end)) {
                (Some(left), Some(right)) => Some(sum(&full[left..right])),
                _ => Some(sum(&self.shape(face, &text[start..end], start)?)),
            }
        };
        let fits = |w: f64| -> Option<bool> {
            let limit = width + TYPST_EPS;
            if (w - limit).abs() < UNSURE { None } else { Some(w <= limit) }
        };
        let mut lines = 0;
        let mut start = 0;
        let mut last: Option<usize> = None;
        for &end in &breaks {
            let mut attempt = line_width(start, end)?;
            if !fits(attempt)?
                && let Some(last_end) = last.take()
            {
                lines += 1;
                start = last_end;
                attempt = line_width(start, end)?;
            }
            if end == text.len() || !fits(attempt)? {
                lines += 1;
                start = end;
                last = None;
            } else {
                last = Some(end);
            }
        }
        if last.is_some() {
            lines += 1;
        }
        Some(lines)
    }

    /// Shapes `text` (which starts at `base` in the paragraph) as Typst does:
    /// language `id`, left to right, default features. `None` when the
    /// face lacks a glyph.
    fn shape(&self, face: &Face, text: &str, base: usize) -> Option<Vec<Glyph>> {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_language(self.language.clone());
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer.guess_segment_properties();
        buffer.set_flags(rustybuzz::BufferFlags::REMOVE_DEFAULT_IGNORABLES);
        let shaped = rustybuzz::shape(face.instance.rusty(), &[], buffer);
        let units_per_em = face.instance.units_per_em();
        let mut glyphs = Vec::with_capacity(shaped.len());
        for (info, position) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            if info.glyph_id == 0 {
                return None;
            }
            glyphs.push(Glyph {
                start: base + info.cluster as usize,
                advance: self.size * (f64::from(position.x_advance) / units_per_em),
                safe_to_break: !info.unsafe_to_break(),
            });
        }
        Some(glyphs)
    }
}

/// The width of `text` set on one line in `family`'s italic at `size` (how
/// `sopkit-lib.typ` sets a decision's exit labels); `None` when the family
/// has no italic face or lacks a glyph.
pub fn italic_width(fonts: &Fonts, family: &str, size: f64, text: &str) -> Option<f64> {
    let variant = FontVariant::new(FontStyle::Italic, FontWeight::REGULAR, FontStretch::NORMAL);
    let font = fonts.select(family, variant)?;
    let instance = font.instantiate(variant, Abs::pt(size), &FontVariations::default());
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(instance.rusty(), &[], buffer);
    let units_per_em = instance.units_per_em();
    let mut width = 0.0;
    for (info, position) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
        if info.glyph_id == 0 {
            return None;
        }
        width += size * (f64::from(position.x_advance) / units_per_em);
    }
    Some(width)
}

/// The glyph a line starting or ending at `index` would begin with, when
/// the full shaping may be cut there (Typst's `find_safe_to_break`).
fn safe_index(glyphs: &[Glyph], len: usize, index: usize) -> Option<usize> {
    if index == 0 {
        return Some(0);
    }
    if index == len {
        return Some(glyphs.len());
    }
    // The first glyph of the cluster (clusters only grow left to right).
    let i = glyphs.iter().position(|g| g.start == index)?;
    glyphs[i].safe_to_break.then_some(i)
}

/// Text that markup keeps as it is and that this module models: single
/// spaces between words, Latin letters, digits and punctuation.
fn plain(text: &str) -> bool {
    !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        // Typst breaks links by its own rules.
        && !text.contains("://")
        && !text.contains("www.")
        && text.chars().all(|c| {
            c == ' '
                || (c.is_ascii_graphic())
                || (('\u{a1}'..='\u{24f}').contains(&c) && c != '\u{ad}')
                || ('\u{2010}'..='\u{2027}').contains(&c)
                || ('\u{2030}'..='\u{205e}').contains(&c)
        })
}
