//! How a paragraph is set, as far as a row's height goes: its font size,
//! its line spacing and the space before and after it, from the document's
//! defaults (`w:docDefaults`), the table's style, the paragraph's style
//! (through `w:basedOn`; the default one when it names none) and what the
//! paragraph sets itself, in Word's order.

use std::collections::BTreeMap;

use super::super::drawing::Node;
use super::EMU_PER_TWIP;

const EMU_PER_PT: f64 = 12_700.0;
/// A single-spaced line is about 1.2 times the font size.
const LINE_PER_SIZE: f64 = 1.2;
/// `w:basedOn` chains longer than this are cut (a loop, or a broken file).
const MAX_BASES: usize = 8;

/// A paragraph's format.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Format {
    /// In points.
    pub(super) size: f64,
    /// Space before and after, in EMU.
    before: f64,
    after: f64,
    line: Line,
}

/// `w:spacing`'s line rule.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Line {
    /// `auto`: a multiple of single spacing.
    Multiple(f64),
    /// In EMU.
    Exact(f64),
    AtLeast(f64),
}

impl Format {
    /// Word's own defaults when a document sets none: 10 pt, single.
    const WORD: Format = Format { size: 10.0, before: 0.0, after: 0.0, line: Line::Multiple(1.0) };

    /// A line's height, in EMU.
    pub(super) fn line_height(&self) -> f64 {
        let single = self.size * LINE_PER_SIZE * EMU_PER_PT;
        match self.line {
            Line::Multiple(m) => single * m,
            Line::Exact(h) => h,
            Line::AtLeast(h) => single.max(h),
        }
    }

    /// The space before and after a paragraph, in EMU.
    pub(super) fn spacing(&self) -> f64 {
        self.before + self.after
    }

    /// With what `holder` (a style, `w:rPrDefault` or `w:pPrDefault`)
    /// sets in its `w:pPr` and `w:rPr`.
    fn with(self, holder: &Node) -> Format {
        let spacing = holder.child("pPr").and_then(|p| p.child("spacing"));
        self.set(spacing, holder.child("rPr").and_then(|r| r.child("sz")))
    }

    /// With a `w:spacing` and a `w:sz`, where given.
    fn set(mut self, spacing: Option<&Node>, size: Option<&Node>) -> Format {
        if let Some(spacing) = spacing {
            let twips = |key: &str| spacing.number(key).filter(|v| v.is_finite() && *v >= 0.0);
            if let Some(before) = twips("before") {
                self.before = before * EMU_PER_TWIP;
            }
            if let Some(after) = twips("after") {
                self.after = after * EMU_PER_TWIP;
            }
            if let Some(line) = twips("line") {
                self.line = match spacing.attr("lineRule") {
                    Some("exact") => Line::Exact(line * EMU_PER_TWIP),
                    Some("atLeast") => Line::AtLeast(line * EMU_PER_TWIP),
                    _ => Line::Multiple(line / 240.0),
                };
            }
        }
        if let Some(half_points) = size.and_then(|s| s.number("val")).filter(|v| v.is_finite() && *v > 0.0) {
            self.size = half_points / 2.0;
        }
        self
    }
}

/// The document's styles (`word/styles.xml`).
pub(super) struct Styles<'a> {
    defaults: Format,
    by_id: BTreeMap<&'a str, &'a Node>,
    /// The paragraph style of paragraphs that name none.
    normal: Option<&'a Node>,
}

impl<'a> Styles<'a> {
    pub(super) fn of(styles: &'a Node) -> Self {
        let defaults = styles.child("docDefaults").map_or(Format::WORD, |d| {
            let holders = [d.child("rPrDefault"), d.child("pPrDefault")];
            holders.into_iter().flatten().fold(Format::WORD, Format::with)
        });
        let all: Vec<&Node> = styles.children.iter().filter(|s| s.name == "style").collect();
        let by_id = all.iter().filter_map(|s| Some((s.attr("styleId")?, *s))).collect();
        let normal =
            all.iter().find(|s| s.attr("type") == Some("paragraph") && s.attr("default") == Some("1")).copied();
        Styles { defaults, by_id, normal }
    }

    /// The paragraphs outside tables, before their own style.
    pub(super) fn body(&self) -> Format {
        self.defaults
    }

    /// The paragraphs of `table`, before their own style: the defaults
    /// with the table's style.
    pub(super) fn table(&self, table: &Node) -> Format {
        let style = table.child("tblPr").and_then(|p| p.child("tblStyle")).and_then(|s| s.attr("val"));
        self.based(style.and_then(|id| self.by_id.get(id).copied()), self.defaults)
    }

    /// Paragraph `p` set over `base`: its style, then its own spacing and
    /// its first run's size.
    pub(super) fn paragraph(&self, base: Format, p: &Node) -> Format {
        let properties = p.child("pPr");
        let named = properties.and_then(|p| p.child("pStyle")).and_then(|s| s.attr("val"));
        let style = match named {
            Some(id) => self.by_id.get(id).copied(),
            None => self.normal,
        };
        let size = p.descendants("r").next().and_then(|r| r.child("rPr")).and_then(|r| r.child("sz"));
        self.based(style, base).set(properties.and_then(|p| p.child("spacing")), size)
    }

    /// `base` with `style` and the styles it is based on, the farthest
    /// first.
    fn based(&self, style: Option<&'a Node>, base: Format) -> Format {
        let mut chain = Vec::new();
        let mut next = style;
        while let Some(style) = next.filter(|_| chain.len() < MAX_BASES) {
            chain.push(style);
            next = style.child("basedOn").and_then(|b| b.attr("val")).and_then(|id| self.by_id.get(id).copied());
        }
        chain.iter().rev().fold(base, |format, style| format.with(style))
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::drawing::parse;
    use super::*;

    #[test]
    fn a_paragraph_is_set_by_the_defaults_then_the_table_style_then_its_own_style() {
        // Word 2013's defaults: 11 pt, 8 pt after, 1.08 lines; its Table Grid
        // style sets tables single-spaced without space after.
        let styles = parse(
            r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault>
            <w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:type="table" w:styleId="TableGrid"><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:style>
            <w:style w:type="table" w:styleId="TableNormal"><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Tight"><w:basedOn w:val="Tight"/><w:pPr><w:spacing w:before="120" w:line="300" w:lineRule="exact"/></w:pPr></w:style>
            </w:styles>"#,
        )
        .unwrap();
        let styles = Styles::of(&styles);
        let twips = |t: f64| t * EMU_PER_TWIP;
        assert_eq!(
            styles.body(),
            Format { size: 11.0, before: 0.0, after: twips(160.0), line: Line::Multiple(259.0 / 240.0) }
        );
        let document = parse(
            r#"<w:tbl xmlns:w="w"><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tr><w:tc>
            <w:p><w:r><w:t>satu</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Tight"/></w:pPr><w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t>dua</w:t></w:r></w:p>
            </w:tc></w:tr></w:tbl>"#,
        )
        .unwrap();
        let table = styles.table(&document);
        assert_eq!(table, Format { size: 10.0, before: 0.0, after: 0.0, line: Line::Multiple(1.0) });
        let paragraphs: Vec<&Node> = document.descendants("p").collect();
        let plain = styles.paragraph(table, paragraphs[0]);
        assert_eq!((plain.line_height(), plain.spacing()), (12.0 * EMU_PER_PT, 0.0));
        // Its own style (based on itself: the loop is cut) and its run's size.
        let tight = styles.paragraph(table, paragraphs[1]);
        assert_eq!((tight.size, tight.line_height(), tight.spacing()), (12.0, twips(300.0), twips(120.0)));
    }
}
