//! The shapes anchored in a paragraph, placed in table EMU: DrawingML
//! (`w:drawing`: `wp:anchor` or `wp:inline` holding a shape, a group or a
//! drawing canvas, read by the workbook's `drawing::collect`) and VML
//! (`w:pict`, as documents saved from .doc hold them: `v:rect`,
//! `v:roundrect`, `v:oval`, `v:shape` of a numbered type, `v:line` with
//! its arrowheads, `v:group`).

use std::collections::BTreeMap;

use super::super::drawing::{Geometry, Kind, Node, Point, Rect, Shape, Transform, collect, text_of, unwrap_alternate};
use super::pages::Page;

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
    /// Where the page the anchor is on stands in the sheet, where known.
    pub(super) on_page: Option<OnPage>,
}

/// The page an anchor is on, in the sheet: its top edge `shift` down.
#[derive(Debug, Clone, Copy)]
pub(super) struct OnPage {
    pub(super) shift: f64,
    pub(super) page: Page,
}

impl Frame {
    /// Where a shape placed `relative` to something starts. A shape placed
    /// from its column is placed from its cell, even when not laid out in
    /// it (`layoutInCell="0"`: LibreOffice writes that, and Word 2013 on
    /// lays such shapes out in their cell all the same). One placed from the
    /// page or its margin is taken from the table's left edge (tables sit
    /// at the margin) and, down the page, from where the page stands in
    /// the sheet (`pages`), else from its cell's top.
    fn origin(&self, horizontal: &str, vertical: &str) -> (f64, f64) {
        let x = match horizontal {
            "page" => -self.page_left,
            "margin" | "leftMargin" | "insideMargin" => 0.0,
            _ => self.x,
        };
        let y = match (vertical, self.on_page) {
            ("paragraph" | "line" | "text" | "", _) => self.y + self.paragraph,
            ("page" | "topMargin", Some(on)) => on.shift,
            ("margin" | "insideMargin" | "outsideMargin", Some(on)) => on.shift + on.page.top,
            ("bottomMargin", Some(on)) => on.shift + on.page.height - on.page.bottom,
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

/// The shapes found so far, with the course of those drawn as a
/// polyline (EMU, start to end) by their index.
#[derive(Default)]
pub(super) struct Found {
    pub(super) shapes: Vec<Shape>,
    pub(super) routes: BTreeMap<usize, Vec<Point>>,
    next_id: u32,
}

/// Adds the shapes of `graphic` (a `w:drawing` or `w:pict`) to `found`,
/// each with an id of its own: connectors glue to ids of their own group
/// or canvas, which may repeat in another.
pub(super) fn read(graphic: &Node, frame: &Frame, geometry: &Geometry, found: &mut Found) {
    for anchor in &graphic.children {
        let out = &mut found.shapes;
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
                vml(anchor, &Place::Top(origin), geometry, out, &mut found.routes);
            }
        }
        renumber(&mut found.shapes[first..], &mut found.next_id);
    }
}

/// Gives each shape a fresh id; glue to an id outside them is dropped
/// (the arrow's ends are then matched by where they are).
fn renumber(shapes: &mut [Shape], next_id: &mut u32) {
    let mut fresh: BTreeMap<u32, u32> = BTreeMap::new();
    for shape in shapes.iter_mut() {
        *next_id += 1;
        if shape.id != 0 {
            fresh.entry(shape.id).or_insert(*next_id);
        }
        shape.id = *next_id;
    }
    for shape in shapes.iter_mut() {
        shape.start = shape.start.and_then(|(id, site)| Some((*fresh.get(&id)?, site)));
        shape.end = shape.end.and_then(|(id, site)| Some((*fresh.get(&id)?, site)));
    }
}

/// Where a `wp:anchor` or `wp:inline` puts its content, in table EMU.
fn anchor_rect(anchor: &Node, frame: &Frame) -> Option<Rect> {
    let extent = anchor.child("extent")?;
    let (mut cx, mut cy) = (extent.number("cx")?, extent.number("cy")?);
    // A line's own box is its length: LibreOffice writes the anchor's
    // extent of a line as its arrowheads' reach, not the line's.
    let line = anchor.descendants("wsp").next().filter(|w| w.child("cNvCnPr").is_some());
    if let Some(ext) = line.and_then(|w| w.descendants("xfrm").next()).and_then(|x| x.child("ext")) {
        (cx, cy) = (ext.number("cx").unwrap_or(cx), ext.number("cy").unwrap_or(cy));
    }
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

/// Adds a VML element (a group's members through it) to `out`; the course
/// of a polyline goes to `routes`.
fn vml(
    node: &Node,
    place: &Place,
    geometry: &Geometry,
    out: &mut Vec<Shape>,
    routes: &mut BTreeMap<usize, Vec<Point>>,
) {
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
                vml(child, &inner, geometry, out, routes);
            }
        }
        "shapetype" => {}
        "line" => {
            let (x0, y0) = pair(node.attr("from"), (0.0, 0.0), |v| place.length(v));
            let (x1, y1) = pair(node.attr("to"), (0.0, 0.0), |v| place.length(v));
            let emu = place.rect(x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1));
            push(node, Kind::Connector, emu, (x0 > x1, y0 > y1), geometry, out);
        }
        "shape" | "polyline" if vml_preset(node).0.is_empty() && node.attr("path").is_some() => {
            let emu = place.rect(x, y, x + width, y + height);
            let Some((points, closed)) = path_points(node, emu) else { return };
            let kind = if closed { outline_kind(&points) } else { Kind::Connector };
            let (start, end) = (points[0], points[points.len() - 1]);
            let emu = bounds(&points);
            let backwards = kind == Kind::Connector && arrowheads(node) == (true, false);
            if kind == Kind::Connector {
                let mut route = points;
                if backwards {
                    route.reverse();
                }
                routes.insert(out.len(), route);
            }
            push(node, kind, emu, (start.0 > end.0, start.1 > end.1), geometry, out);
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

/// Whether a VML line has an arrowhead at its start and at its end.
fn arrowheads(node: &Node) -> (bool, bool) {
    let stroke = node.child("stroke");
    let head = |end: &str| stroke.and_then(|s| s.attr(end)).is_some_and(|a| a != "none");
    (head("startarrow"), head("endarrow"))
}

/// The points of a VML `path` (`m` moves, `l` lines, `c` curves by their
/// ends; `x` closes it), in EMU within `emu`, the element's box, which
/// `coordsize` (and `coordorigin`) divide; and whether it is closed. Only
/// its first subpath counts.
fn path_points(node: &Node, emu: Rect) -> Option<(Vec<Point>, bool)> {
    let number = |v: &str| v.trim().parse::<f64>().unwrap_or(0.0);
    let origin = pair(node.attr("coordorigin"), (0.0, 0.0), number);
    let size = pair(node.attr("coordsize"), (21_600.0, 21_600.0), number);
    let at = |x: f64, y: f64| {
        (
            emu.x0 + (x - origin.0) / size.0.max(1.0) * (emu.x1 - emu.x0),
            emu.y0 + (y - origin.1) / size.1.max(1.0) * (emu.y1 - emu.y0),
        )
    };
    let path = node.attr("path")?;
    let mut points: Vec<Point> = Vec::new();
    let (mut command, mut numbers, mut closed) = (' ', Vec::new(), false);
    let flush = |command: char, numbers: &mut Vec<f64>, points: &mut Vec<Point>| {
        // A curve's (`c`) last pair is where it ends.
        let step = if command == 'c' { 6 } else { 2 };
        if matches!(command, 'm' | 'l' | 'c') {
            for chunk in numbers.chunks_exact(step) {
                points.push(at(chunk[step - 2], chunk[step - 1]));
            }
        }
        numbers.clear();
    };
    let mut token = String::new();
    for ch in path.chars().chain([' ']) {
        if ch.is_ascii_digit() || ch == '-' || ch == '.' {
            token.push(ch);
            continue;
        }
        if !token.is_empty() || ch == ',' {
            numbers.push(if token.is_empty() { 0.0 } else { number(&token) });
            token.clear();
        }
        if ch.is_ascii_alphabetic() {
            flush(command, &mut numbers, &mut points);
            if ch == 'x' {
                closed = true;
            }
            if (ch == 'm' && !points.is_empty()) || ch == 'e' {
                break;
            }
            command = ch;
        }
    }
    flush(command, &mut numbers, &mut points);
    (points.len() >= 2).then_some((points, closed))
}

/// The box round `points`.
fn bounds(points: &[Point]) -> Rect {
    let empty = Rect { x0: f64::MAX, y0: f64::MAX, x1: f64::MIN, y1: f64::MIN };
    points.iter().fold(empty, |r, &(x, y)| Rect { x0: r.x0.min(x), y0: r.y0.min(y), x1: r.x1.max(x), y1: r.y1.max(y) })
}

/// The kind of a closed outline by its corners, as the PDF reader judges
/// one: four at the box's sides' middles a diamond, four at its corners a
/// box, five a pentagon (an off-page connector).
fn outline_kind(points: &[Point]) -> Kind {
    let mut corners: Vec<Point> = points.to_vec();
    if corners.len() > 1 && corners.first() == corners.last() {
        corners.pop();
    }
    let Rect { x0, y0, x1, y1 } = bounds(&corners);
    let near = |a: f64, b: f64| (a - b).abs() <= 0.05 * (x1 - x0).min(y1 - y0);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    match corners.len() {
        4 if corners.iter().all(|&(x, y)| (near(x, x0) || near(x, x1)) && (near(y, y0) || near(y, y1))) => {
            Kind::Process
        }
        4 if corners.iter().all(|&(x, y)| near(x, cx) || near(y, cy)) => Kind::Decision,
        5 => Kind::PageConnector,
        _ => Kind::Other,
    }
}

/// One VML shape; a line whose arrowhead is at its start runs backwards.
fn push(node: &Node, kind: Kind, emu: Rect, (flip_h, flip_v): (bool, bool), geometry: &Geometry, out: &mut Vec<Shape>) {
    let backwards = kind == Kind::Connector && arrowheads(node) == (true, false);
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
        Frame {
            x: 1000.0,
            y: 2000.0,
            width: 50_000.0,
            height: 40_000.0,
            paragraph: 500.0,
            page_left: 9_000.0,
            on_page: None,
        }
    }

    fn found_in(xml: &str, frame: &Frame) -> Found {
        let geometry = Geometry::of_sizes([1e6, 1e6].into_iter(), [1e6, 1e6].into_iter());
        let paragraph = parse(&format!(
            r#"<w:p xmlns:w="w" xmlns:wp="wp" xmlns:a="a" xmlns:wps="wps" xmlns:v="v" xmlns:o="o"><w:r>{xml}</w:r></w:p>"#
        ))
        .unwrap();
        let mut found = Found::default();
        for graphic in graphics(&paragraph) {
            read(graphic, frame, &geometry, &mut found);
        }
        found
    }

    fn shapes_of(xml: &str) -> Vec<Shape> {
        found_in(xml, &frame()).shapes
    }

    #[test]
    fn shapes_from_the_page_are_placed_where_the_page_stands_and_polylines_keep_their_course() {
        let page = Page { height: 10e6, top: 500_000.0, bottom: 500_000.0, left: 9_000.0 };
        let on_page = Frame { on_page: Some(OnPage { shift: -300_000.0, page }), ..frame() };
        // A line whose anchor's extent is its arrowheads' reach (LibreOffice):
        // its own box is its length.
        let line = found_in(
            r#"<w:drawing><wp:anchor><wp:positionH relativeFrom="page"><wp:posOffset>20000</wp:posOffset></wp:positionH>
            <wp:positionV relativeFrom="margin"><wp:posOffset>1000</wp:posOffset></wp:positionV><wp:extent cx="36195" cy="36195"/>
            <a:graphic><a:graphicData><wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="400000"/></a:xfrm>
            <a:prstGeom prst="straightConnector1"/></wps:spPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"#,
            &on_page,
        );
        // From the page's left edge (9,000 left of the margin); down from
        // the margin of the page, whose top edge is 300,000 above the sheet.
        assert_eq!(line.shapes[0].emu, Rect { x0: 11_000.0, y0: 201_000.0, x1: 11_000.0, y1: 601_000.0 });
        // A polyline that turns back up beside its start, pointing at its
        // end, and a diamond drawn as a path.
        let vml = found_in(
            r#"<w:pict><v:shape coordsize="400,2000" path="m400,2000l0,2000l0,0l400,0e"
            style="position:absolute;margin-left:0;margin-top:10pt;width:40pt;height:200pt;mso-position-vertical-relative:page">
            <v:stroke endarrow="block"/></v:shape><v:shape coordsize="21600,21600" path="m10800,0l21600,10800l10800,21600l0,10800xe"
            style="position:absolute;margin-left:0;margin-top:0;width:40pt;height:20pt;mso-position-vertical-relative:page"/></w:pict>"#,
            &on_page,
        );
        let kinds: Vec<Kind> = vml.shapes.iter().map(|s| s.kind.clone()).collect();
        assert_eq!(kinds, [Kind::Connector, Kind::Decision]);
        let top = -300_000.0 + 10.0 * EMU_PER_PT;
        let course =
            [(1000.0 + 40.0 * EMU_PER_PT, top + 200.0 * EMU_PER_PT), (1000.0, top + 200.0 * EMU_PER_PT), (1000.0, top)];
        assert_eq!(vml.routes[&0][..3], course);
        assert_eq!(vml.routes[&0][3], (1000.0 + 40.0 * EMU_PER_PT, top));
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
