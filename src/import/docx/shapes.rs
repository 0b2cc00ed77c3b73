//! The shapes anchored in a paragraph, placed in table EMU: DrawingML
//! (`w:drawing`: `wp:anchor` or `wp:inline` holding a shape, a group or a
//! drawing canvas, read by the workbook's `drawing::collect`) and VML
//! (`w:pict`, as documents saved from .doc hold them: `v:rect`,
//! `v:roundrect`, `v:oval`, `v:shape` of a numbered type, `v:line` with
//! its arrowheads, `v:group`).

use std::collections::BTreeMap;

use super::super::drawing::{Geometry, Kind, Node, Rect, Shape, Transform, collect, text_of, unwrap_alternate};

const EMU_PER_PT: f64 = 12_700.0;

/// Where a paragraph of a cell stands, in table EMU: the cell's text area
/// and the paragraph's top within it.
pub(super) struct Frame {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) width: f64,
    pub(super) height: f64,
    /// From the cell's top.
    pub(super) paragraph: f64,
    /// The page's left margin, for shapes placed from the page's edge.
    pub(super) page_left: f64,
}

impl Frame {
    /// Where a shape placed `relative` to something starts. A shape placed
    /// from its column is placed from its cell, even when not laid out in
    /// it (`layoutInCell="0"`: LibreOffice writes that, and Word 2013 on
    /// lays such shapes out in their cell all the same). One placed from the
    /// page or its margin is taken from the table's left edge (tables sit
    /// at the margin) and, down the page, from its cell's top: where the
    /// page breaks is not known without laying the document out.
    fn origin(&self, horizontal: &str, vertical: &str) -> (f64, f64) {
        let x = match horizontal {
            "page" => -self.page_left,
            "margin" | "leftMargin" | "insideMargin" => 0.0,
            _ => self.x,
        };
        let y = match vertical {
            "paragraph" | "line" | "text" | "" => self.y + self.paragraph,
            _ => self.y,
        };
        (x, y)
    }
}

/// The shapes of a paragraph (`w:drawing`, `w:pict`), the first choice of
/// an `mc:AlternateContent` (its fallback repeats it in VML).
pub(super) fn graphics(node: &Node) -> Vec<&Node> {
    let mut out = Vec::new();
    for child in &node.children {
        match child.name.as_str() {
            "drawing" | "pict" => out.push(child),
            "AlternateContent" => {
                for branch in unwrap_alternate(child) {
                    if matches!(branch.name.as_str(), "drawing" | "pict") {
                        out.push(branch);
                    } else {
                        out.extend(graphics(branch));
                    }
                }
            }
            "txbxContent" | "pPr" | "rPr" => {}
            _ => out.extend(graphics(child)),
        }
    }
    out
}

/// Adds the shapes of `graphic` (a `w:drawing` or `w:pict`) to `out`, each
/// with an id of its own: connectors glue to ids of their own group or
/// canvas, which may repeat in another.
pub(super) fn read(graphic: &Node, frame: &Frame, geometry: &Geometry, next_id: &mut u32, out: &mut Vec<Shape>) {
    for anchor in &graphic.children {
        let first = out.len();
        match anchor.name.as_str() {
            "anchor" | "inline" => {
                let Some(rect) = anchor_rect(anchor, frame) else { continue };
                let data = anchor.descendants("graphicData").next();
                for content in data.into_iter().flat_map(|d| d.children.iter().flat_map(unwrap_alternate)) {
                    collect(content, Some(rect), Transform::IDENTITY, geometry, out);
                }
                // A shape alone in its anchor is named there.
                if let (Some(properties), [shape]) = (anchor.child("docPr"), &mut out[first..])
                    && shape.name.is_empty()
                {
                    shape.name = properties.attr("name").unwrap_or_default().to_owned();
                }
            }
            _ => {
                let origin = frame.origin(
                    style(anchor).get("mso-position-horizontal-relative").copied().unwrap_or("text"),
                    style(anchor).get("mso-position-vertical-relative").copied().unwrap_or("text"),
                );
                vml(anchor, &Place::Top(origin), geometry, out);
            }
        }
        renumber(&mut out[first..], next_id);
    }
}

/// Gives each shape a fresh id; glue to an id outside them is dropped
/// (the arrow's ends are then matched by where they are).
fn renumber(shapes: &mut [Shape], next_id: &mut u32) {
    let mut fresh: BTreeMap<u32, u32> = BTreeMap::new();
    for shape in shapes.iter_mut() {
        if shape.id != 0 {
            fresh.entry(shape.id).or_insert(*next_id);
        }
        shape.id = *next_id;
        *next_id += 1;
    }
    for shape in shapes.iter_mut() {
        shape.start = shape.start.and_then(|(id, site)| Some((*fresh.get(&id)?, site)));
        shape.end = shape.end.and_then(|(id, site)| Some((*fresh.get(&id)?, site)));
    }
}

/// Where a `wp:anchor` or `wp:inline` puts its content, in table EMU.
fn anchor_rect(anchor: &Node, frame: &Frame) -> Option<Rect> {
    let extent = anchor.child("extent")?;
    let (cx, cy) = (extent.number("cx")?, extent.number("cy")?);
    let (x0, y0) = if anchor.name == "inline" {
        (frame.x, frame.y + frame.paragraph)
    } else {
        let axis = |name: &str, room: f64, size: f64| -> (String, f64) {
            let Some(position) = anchor.child(name) else { return (String::new(), 0.0) };
            let relative = position.attr("relativeFrom").unwrap_or_default().to_owned();
            let offset = match position.child("align").map(|a| a.text.trim()) {
                Some("center") => (room - size) / 2.0,
                Some("right" | "bottom" | "outside") => room - size,
                Some(_) => 0.0,
                None => position.child("posOffset").and_then(|o| o.text.trim().parse().ok()).unwrap_or(0.0),
            };
            (relative, offset)
        };
        let (horizontal, dx) = axis("positionH", frame.width, cx);
        let (vertical, dy) = axis("positionV", frame.height, cy);
        let (x, y) = frame.origin(&horizontal, &vertical);
        (x + dx, y + dy)
    };
    Some(Rect { x0, y0, x1: x0 + cx, y1: y0 + cy })
}

/// How a VML element is placed: at the top, from its anchor's origin (in
/// EMU, its lengths in CSS units); in a group, through the group's
/// coordinates.
enum Place {
    Top((f64, f64)),
    Group(Transform),
}

impl Place {
    fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        match self {
            Place::Top((x, y)) => Rect { x0: x + x0, y0: y + y0, x1: x + x1, y1: y + y1 },
            Place::Group(transform) => transform.apply(Rect { x0, y0, x1, y1 }),
        }
    }

    /// A length as written: CSS units at the top, group units inside.
    fn length(&self, text: &str) -> f64 {
        let text = text.trim();
        let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(text.len());
        let number: f64 = text[..split].parse().unwrap_or(0.0);
        let unit = match &text[split..] {
            "pt" => EMU_PER_PT,
            "in" => 914_400.0,
            "cm" => 360_000.0,
            "mm" => 36_000.0,
            "px" => 9_525.0,
            _ if matches!(self, Place::Group(_)) => 1.0,
            // CSS lengths without a unit are pixels.
            _ => 9_525.0,
        };
        number * unit
    }
}

/// A VML element's `style`: property -> value.
fn style(node: &Node) -> BTreeMap<&str, &str> {
    node.attr("style")
        .unwrap_or_default()
        .split(';')
        .filter_map(|p| p.split_once(':'))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

/// Two numbers written "x,y".
fn pair(text: Option<&str>, default: (f64, f64), mut length: impl FnMut(&str) -> f64) -> (f64, f64) {
    match text.and_then(|t| t.split_once(',')) {
        Some((a, b)) => (length(a), length(b)),
        None => default,
    }
}

/// The preset geometry a VML shape looks like, and whether it is a text
/// box: by element, else by its shape type's number (`#_x0000_t110`, or
/// `o:spt`).
fn vml_preset(node: &Node) -> (&'static str, bool) {
    let number = node
        .attr("type")
        .and_then(|t| t.rsplit("_t").next())
        .or_else(|| node.attr("spt"))
        .and_then(|n| n.parse::<u32>().ok());
    match (node.name.as_str(), number) {
        ("line" | "polyline" | "curve", _) => ("line", false),
        ("roundrect", _) => ("roundRect", false),
        ("oval", _) => ("ellipse", false),
        ("rect", _) => ("rect", false),
        _ if node.attr("connectortype").is_some() => ("straightConnector1", false),
        (_, Some(1)) => ("rect", false),
        (_, Some(2)) => ("roundRect", false),
        (_, Some(3)) => ("ellipse", false),
        (_, Some(4)) => ("diamond", false),
        (_, Some(15)) => ("homePlate", false),
        (_, Some(20)) => ("line", false),
        (_, Some(32)) => ("straightConnector1", false),
        (_, Some(33)) => ("bentConnector2", false),
        (_, Some(34)) => ("bentConnector3", false),
        (_, Some(109)) => ("flowChartProcess", false),
        (_, Some(110)) => ("flowChartDecision", false),
        (_, Some(111)) => ("flowChartInputOutput", false),
        (_, Some(112)) => ("flowChartPredefinedProcess", false),
        (_, Some(114)) => ("flowChartDocument", false),
        (_, Some(116)) => ("flowChartTerminator", false),
        (_, Some(120)) => ("flowChartConnector", false),
        (_, Some(176)) => ("flowChartAlternateProcess", false),
        (_, Some(177)) => ("flowChartOffpageConnector", false),
        (_, Some(202)) => ("rect", true),
        _ => ("", false),
    }
}

/// Adds a VML element (a group's members through it) to `out`.
fn vml(node: &Node, place: &Place, geometry: &Geometry, out: &mut Vec<Shape>) {
    let css = style(node);
    let get = |key: &str| css.get(key).map_or(0.0, |v| place.length(v));
    let (x, y) = (get("margin-left") + get("left"), get("margin-top") + get("top"));
    let (width, height) = (get("width"), get("height"));
    match node.name.as_str() {
        "group" => {
            let length = |v: &str| v.trim().parse::<f64>().unwrap_or(0.0);
            let origin = pair(node.attr("coordorigin"), (0.0, 0.0), length);
            let size = pair(node.attr("coordsize"), (1000.0, 1000.0), length);
            let rect = place.rect(x, y, x + width, y + height);
            let inner = Place::Group(Transform {
                offset: (rect.x0, rect.y0),
                child_offset: origin,
                scale: ((rect.x1 - rect.x0) / size.0.max(1.0), (rect.y1 - rect.y0) / size.1.max(1.0)),
            });
            for child in &node.children {
                vml(child, &inner, geometry, out);
            }
        }
        "shapetype" => {}
        "line" => {
            let (x0, y0) = pair(node.attr("from"), (0.0, 0.0), |v| place.length(v));
            let (x1, y1) = pair(node.attr("to"), (0.0, 0.0), |v| place.length(v));
            let emu = place.rect(x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1));
            push(node, Kind::Connector, emu, (x0 > x1, y0 > y1), geometry, out);
        }
        "rect" | "roundrect" | "oval" | "shape" => {
            let (preset, text_box) = vml_preset(node);
            let text = text_of(node);
            // Text in a shape drawn without its outline stands free.
            let text_box = text_box || (node.attr("stroked") == Some("f") && !text.trim().is_empty());
            let kind = Kind::of(preset, text_box, &text);
            let emu = place.rect(x, y, x + width, y + height);
            let flip = css.get("flip").copied().unwrap_or_default();
            push(node, kind, emu, (flip.contains('x'), flip.contains('y')), geometry, out);
        }
        _ => {}
    }
}

/// One VML shape; a line whose arrowhead is at its start runs backwards.
fn push(node: &Node, kind: Kind, emu: Rect, (flip_h, flip_v): (bool, bool), geometry: &Geometry, out: &mut Vec<Shape>) {
    let stroke = node.child("stroke");
    let head = |end: &str| stroke.and_then(|s| s.attr(end)).is_some_and(|a| a != "none");
    let backwards = kind == Kind::Connector && head("startarrow") && !head("endarrow");
    let name = node.attr("alt").filter(|a| !a.is_empty()).or(node.attr("id")).unwrap_or_default().to_owned();
    out.push(Shape {
        id: 0,
        name,
        kind,
        text: text_of(node),
        emu,
        cells: geometry.to_cells(emu),
        start: None,
        end: None,
        flip_h: flip_h != backwards,
        flip_v: flip_v != backwards,
    });
}

#[cfg(test)]
mod tests {
    use super::super::super::drawing::parse;
    use super::*;

    fn frame() -> Frame {
        Frame { x: 1000.0, y: 2000.0, width: 50_000.0, height: 40_000.0, paragraph: 500.0, page_left: 9_000.0 }
    }

    fn shapes_of(xml: &str) -> Vec<Shape> {
        let geometry = Geometry::of_sizes([1e6, 1e6].into_iter(), [1e6, 1e6].into_iter());
        let paragraph = parse(&format!(
            r#"<w:p xmlns:w="w" xmlns:wp="wp" xmlns:a="a" xmlns:wps="wps" xmlns:v="v" xmlns:o="o"><w:r>{xml}</w:r></w:p>"#
        ))
        .unwrap();
        let mut out = Vec::new();
        let mut next_id = 1;
        for graphic in graphics(&paragraph) {
            read(graphic, &frame(), &geometry, &mut next_id, &mut out);
        }
        out
    }

    #[test]
    fn anchored_shapes_are_placed_from_their_paragraph_in_the_cell() {
        let shapes = shapes_of(
            r#"<w:drawing><wp:anchor layoutInCell="1"><wp:positionH relativeFrom="column"><wp:posOffset>100</wp:posOffset></wp:positionH>
            <wp:positionV relativeFrom="paragraph"><wp:posOffset>200</wp:posOffset></wp:positionV><wp:extent cx="300" cy="400"/>
            <wp:docPr id="5" name="Belah ketupat 5"/><a:graphic><a:graphicData><wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/>
            <a:ext cx="300" cy="400"/></a:xfrm><a:prstGeom prst="flowChartDecision"/></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r>
            <w:t>Setuju?</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"#,
        );
        assert_eq!(shapes.len(), 1);
        let shape = &shapes[0];
        assert_eq!(
            (shape.kind.clone(), shape.text.as_str(), shape.name.as_str()),
            (Kind::Decision, "Setuju?", "Belah ketupat 5")
        );
        assert_eq!(shape.emu, Rect { x0: 1100.0, y0: 2700.0, x1: 1400.0, y1: 3100.0 });
    }

    #[test]
    fn vml_shapes_lines_and_groups_are_read_by_their_type() {
        let shapes = shapes_of(
            r##"<w:pict><v:shapetype id="_x0000_t116" o:spt="116"/><v:shape id="s1" type="#_x0000_t116"
            style="position:absolute;margin-left:10pt;margin-top:2pt;width:60pt;height:20pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>Mulai</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>
            <v:line id="l1" from="40pt,30pt" to="40pt,10pt"><v:stroke startarrow="block"/></v:line>
            <v:group style="position:absolute;margin-left:0;margin-top:0;width:100pt;height:100pt" coordorigin="0,0" coordsize="1000,1000">
            <v:shape type="#_x0000_t110" style="position:absolute;left:500;top:500;width:200;height:100"/></v:group></w:pict>"##,
        );
        let kinds: Vec<Kind> = shapes.iter().map(|s| s.kind.clone()).collect();
        assert_eq!(kinds, [Kind::Terminator, Kind::Connector, Kind::Decision]);
        // The anchor's paragraph starts at (1000, 2500) EMU; a box in points
        // from there.
        let (x, y) = (1000.0, 2500.0);
        let at = |x0: f64, y0: f64, x1: f64, y1: f64| Rect {
            x0: x + x0 * EMU_PER_PT,
            y0: y + y0 * EMU_PER_PT,
            x1: x + x1 * EMU_PER_PT,
            y1: y + y1 * EMU_PER_PT,
        };
        assert_eq!(shapes[0].emu, at(10.0, 2.0, 70.0, 22.0));
        // Drawn from 30 pt up to 10 pt with the head at its start: it points down.
        let line = at(40.0, 10.0, 40.0, 30.0);
        assert_eq!(shapes[1].ends(), ((line.x0, line.y0), (line.x1, line.y1)));
        assert_eq!(shapes[2].emu, at(50.0, 50.0, 70.0, 60.0));
        let ids: Vec<u32> = shapes.iter().map(|s| s.id).collect();
        assert_eq!(ids, [1, 2, 3]);
    }
}
