//! Stage 6, compile: TrueType fonts without their hinting programs, for
//! embedding in PDFs.
//!
//! Hinting (the bytecode that snaps outlines to a screen's pixel grid) is
//! most of an embedded Liberation Sans subset: about 10 of its 16 KB, every
//! byte of which is compressed again for every document. PDF viewers
//! (Acrobat, pdf.js, poppler, MuPDF) rasterise without it, so sopkit drops
//! it from its embedded faces before Typst sees them: reports are a third
//! smaller and a batch spends less time deflating fonts. Outlines, metrics
//! and every other table are kept byte for byte. Only the embedded faces are
//! treated; a project's own fonts are used as they are (some faces need
//! their bytecode to draw at all).

use rustybuzz::ttf_parser::RawFace;

/// Tables that only the hinting interpreter reads, or that describe
/// hinted results (device metrics).
const HINTING_TABLES: [&[u8; 4]; 6] = [b"fpgm", b"prep", b"cvt ", b"hdmx", b"LTSH", b"VDMX"];

/// `font` (one TrueType face) without hinting, or `None` when it is not a
/// TrueType-outline face this understands (CFF fonts, collections, damaged
/// files): the caller then keeps the original.
pub fn strip_hinting(font: &[u8]) -> Option<Vec<u8>> {
    let tables = table_directory(font)?;
    let find = |tag: &[u8; 4]| tables.iter().find(|t| &t.tag == tag).map(|t| t.data);
    let head = find(b"head")?;
    let long_offsets = match u16_at(head, 50)? {
        0 => false,
        1 => true,
        _ => return None,
    };
    let glyph_count = usize::from(u16_at(find(b"maxp")?, 4)?);
    let (glyf, loca) = strip_glyphs(find(b"glyf")?, find(b"loca")?, glyph_count, long_offsets)?;
    let kept = tables.iter().filter(|t| !HINTING_TABLES.contains(&&t.tag)).map(|t| {
        let data = match &t.tag {
            b"glyf" => glyf.as_slice(),
            b"loca" => loca.as_slice(),
            _ => t.data,
        };
        (t.tag, data)
    });
    Some(write_font(font, kept.collect()))
}

struct Table<'a> {
    tag: [u8; 4],
    data: &'a [u8],
}

/// The tables of a single TrueType-outline face (ttf-parser reads the
/// directory); `None` for collections, CFF fonts and damaged files.
fn table_directory(font: &[u8]) -> Option<Vec<Table<'_>>> {
    if font.get(0..4)? != [0, 1, 0, 0] && font.get(0..4)? != b"true" {
        return None;
    }
    let face = RawFace::parse(font, 0).ok()?;
    face.table_records
        .into_iter()
        .map(|record| {
            let start = record.offset as usize;
            let data = font.get(start..start.checked_add(record.length as usize)?)?;
            Some(Table { tag: record.tag.to_bytes(), data })
        })
        .collect()
}

/// `glyf` without glyph instructions, and its `loca` in the same format.
fn strip_glyphs(glyf: &[u8], loca: &[u8], glyph_count: usize, long_offsets: bool) -> Option<(Vec<u8>, Vec<u8>)> {
    let offset = |i: usize| -> Option<usize> {
        if long_offsets { u32_at(loca, 4 * i).map(|o| o as usize) } else { u16_at(loca, 2 * i).map(|o| 2 * o as usize) }
    };
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(loca.len());
    let push_offset = |loca: &mut Vec<u8>, at: usize| -> Option<()> {
        if long_offsets {
            loca.extend_from_slice(&u32::try_from(at).ok()?.to_be_bytes());
        } else {
            loca.extend_from_slice(&u16::try_from(at / 2).ok()?.to_be_bytes());
        }
        Some(())
    };
    for i in 0..glyph_count {
        push_offset(&mut new_loca, new_glyf.len())?;
        let (start, end) = (offset(i)?, offset(i + 1)?);
        if end > start {
            strip_glyph(glyf.get(start..end)?, &mut new_glyf)?;
            // Short offsets count 2-byte words; keep long ones 4-aligned too.
            new_glyf.resize(new_glyf.len().next_multiple_of(if long_offsets { 4 } else { 2 }), 0);
        }
    }
    push_offset(&mut new_loca, new_glyf.len())?;
    Some((new_glyf, new_loca))
}

/// Appends `glyph` to `out` without its instructions.
fn strip_glyph(glyph: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let contours = i16::from_be_bytes(glyph.get(0..2)?.try_into().ok()?);
    if contours >= 0 {
        // Header (10 bytes), end points, instruction length and bytes, then
        // flags and coordinates.
        let at = 10 + 2 * contours as usize;
        let length = usize::from(u16_at(glyph, at)?);
        let rest = glyph.get(at + 2 + length..)?;
        out.extend_from_slice(&glyph[..at]);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(());
    }
    // A composite: components until one without MORE_COMPONENTS; the last
    // one's WE_HAVE_INSTRUCTIONS flag announces trailing instructions.
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE_COMPONENTS: u16 = 0x0020;
    const HAVE_X_AND_Y_SCALE: u16 = 0x0040;
    const HAVE_TWO_BY_TWO: u16 = 0x0080;
    const HAVE_INSTRUCTIONS: u16 = 0x0100;
    out.extend_from_slice(glyph.get(..10)?);
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        let mut size = 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        if flags & HAVE_SCALE != 0 {
            size += 2;
        } else if flags & HAVE_X_AND_Y_SCALE != 0 {
            size += 4;
        } else if flags & HAVE_TWO_BY_TWO != 0 {
            size += 8;
        }
        let flags_at = out.len();
        out.extend_from_slice(glyph.get(at..at + size)?);
        out[flags_at..flags_at + 2].copy_from_slice(&(flags & !HAVE_INSTRUCTIONS).to_be_bytes());
        at += size;
        if flags & MORE_COMPONENTS == 0 {
            break;
        }
    }
    Some(())
}

/// An sfnt with `tables` (tag order kept), checksums recomputed.
fn write_font(original: &[u8], tables: Vec<([u8; 4], &[u8])>) -> Vec<u8> {
    let count = tables.len() as u16;
    // The binary-search fields of the offset table.
    let entry_selector = 15 - count.max(1).leading_zeros() as u16;
    let search_range = (1u16 << entry_selector) * 16;
    let mut out = Vec::with_capacity(original.len());
    out.extend_from_slice(&original[0..4]);
    for field in [count, search_range, entry_selector, count * 16 - search_range] {
        out.extend_from_slice(&field.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustybuzz::ttf_parser::{Face, GlyphId, OutlineBuilder, Tag};

    /// Every command of a glyph outline, as text.
    #[derive(Default)]
    struct Path(String);

    impl OutlineBuilder for Path {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0 += &format!("M{x},{y}");
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0 += &format!("L{x},{y}");
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0 += &format!("Q{x1},{y1},{x},{y}");
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0 += &format!("C{x1},{y1},{x2},{y2},{x},{y}");
        }
        fn close(&mut self) {
            self.0 += "Z";
        }
    }

    fn outline(face: &Face, glyph: u16) -> (Option<String>, u16) {
        let mut path = Path::default();
        let bbox = face.outline_glyph(GlyphId(glyph), &mut path);
        (bbox.map(|b| format!("{b:?} {}", path.0)), face.glyph_hor_advance(GlyphId(glyph)).unwrap_or(0))
    }

    /// Every glyph of every embedded TrueType face keeps its outline,
    /// bounding box and advance; no glyph and no table keeps bytecode.
    #[test]
    fn embedded_faces_keep_every_outline_and_lose_all_hinting() {
        let (mut treated, mut before_bytes, mut after_bytes) = (0, 0, 0);
        for data in crate::compile::world::EMBEDDED_FONTS {
            let Some(stripped) = strip_hinting(data) else {
                assert!(!data.starts_with(&[0, 1, 0, 0]), "a TrueType face was left hinted");
                continue;
            };
            treated += 1;
            before_bytes += data.len();
            after_bytes += stripped.len();
            let before = Face::parse(data, 0).expect("original parses");
            let after = Face::parse(&stripped, 0).expect("stripped parses");
            assert_eq!(before.number_of_glyphs(), after.number_of_glyphs());
            assert_eq!(before.names().len(), after.names().len());
            for glyph in 0..before.number_of_glyphs() {
                assert_eq!(outline(&before, glyph), outline(&after, glyph), "glyph {glyph}");
            }
            for tag in HINTING_TABLES {
                assert!(after.raw_face().table(Tag::from_bytes(tag)).is_none());
            }
            let tables = table_directory(&stripped).expect("directory");
            let glyf = tables.iter().find(|t| &t.tag == b"glyf").unwrap().data;
            let loca = tables.iter().find(|t| &t.tag == b"loca").unwrap().data;
            let long = u16_at(after.raw_face().table(Tag::from_bytes(b"head")).unwrap(), 50) == Some(1);
            let (again, _) = strip_glyphs(glyf, loca, after.number_of_glyphs().into(), long).unwrap();
            assert_eq!(again, glyf, "stripping twice changes nothing: no instructions were left");
            for table in &tables {
                assert_eq!(table.data.as_ptr() as usize % 4, stripped.as_ptr() as usize % 4, "tables 4-aligned");
            }
        }
        assert_eq!(treated, 5, "four Liberation Sans faces and Noto Sans Balinese");
        assert!(after_bytes < before_bytes * 3 / 4, "{before_bytes} -> {after_bytes} bytes");
    }

    /// What Typst sets text with, and what the measuring module shapes with.
    #[test]
    fn typst_gets_the_embedded_faces_unhinted() {
        let fonts = crate::compile::world::Fonts::new(None).expect("fonts");
        for weight in [typst::text::FontWeight::REGULAR, typst::text::FontWeight::BOLD] {
            let variant = typst::text::FontVariant { weight, ..Default::default() };
            let font = fonts.select("Liberation Sans", variant).expect("embedded face");
            let face = Face::parse(font.data(), font.index()).expect("parses");
            assert!(face.raw_face().table(Tag::from_bytes(b"fpgm")).is_none(), "{weight:?}");
            assert!(face.raw_face().table(Tag::from_bytes(b"glyf")).is_some(), "{weight:?}");
        }
    }

    #[test]
    fn other_fonts_are_left_alone() {
        assert!(strip_hinting(b"OTTO and more").is_none());
        assert!(strip_hinting(&[0, 1, 0, 0, 0, 9]).is_none());
        assert!(strip_hinting(&[]).is_none());
    }
}
