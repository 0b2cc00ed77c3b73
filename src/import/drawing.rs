//! Load: the flowchart an xlsx draws over its cells. calamine reads cells
//! only, so the DrawingML parts are read here from the zip package: which
//! drawing belongs to which sheet (workbook and sheet relationships), where
//! each shape stands (its anchor, turned into sheet coordinates with the
//! sheet's column widths and row heights), what it is (preset geometry),
//! what it says, and which shapes each connector joins.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;

/// English Metric Units: 914,400 per inch, 12,700 per point.
const EMU_PER_PT: f64 = 12_700.0;
/// Excel's default column is 64 px wide; a pixel is 9,525 EMU.
const EMU_PER_PX: f64 = 9_525.0;
/// No drawing part of a real SOP comes near this.
const MAX_PART_BYTES: u64 = 16 * 1024 * 1024;
const MAX_DEPTH: usize = 64;

/// What a shape is, from its preset geometry, judged by what it looks like:
/// real sheets draw a process as `rect` as often as `flowChartProcess`, a
/// decision as `diamond`, an off-page connector as `homePlate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Terminator,
    Process,
    Decision,
    /// Off-page (segilima) or on-page (circle) connector: a lettered pair.
    PageConnector,
    /// An arrow between shapes.
    Connector,
    /// A picture pasted where a symbol goes (a box copied as PNG or SVG):
    /// it counts as its actor's process symbol.
    Picture,
    /// A text box or any other shape.
    Other,
}

impl Kind {
    pub(super) fn of(preset: &str, text_box: bool, text: &str) -> Self {
        // A circle holding a letter or number is an on-page connector; one
        // holding "Mulai" is a terminator.
        let lettered = (1..=2).contains(&text.trim().chars().count());
        match preset {
            _ if text_box => Kind::Other,
            "flowChartDecision" | "diamond" => Kind::Decision,
            "flowChartTerminator" | "roundRect" => Kind::Terminator,
            "ellipse" | "flowChartConnector" if lettered => Kind::PageConnector,
            "ellipse" => Kind::Terminator,
            "flowChartOffpageConnector" | "flowChartConnector" | "homePlate" | "pentagon" | "chevron" => {
                Kind::PageConnector
            }
            // Lines and connectors of every kind: straight, bent, curved.
            p if p.contains("Connector") || p == "line" || p == "lineInv" || p.contains("Arrow") => Kind::Connector,
            // Joins and marks of the flowChart family are no steps.
            "flowChartMerge"
            | "flowChartExtract"
            | "flowChartSort"
            | "flowChartCollate"
            | "flowChartOr"
            | "flowChartSummingJunction" => Kind::Other,
            // Boxes: rectangles (plain, rounded or snipped corners), the
            // other flowChart boxes (document, data, predefined process...).
            p if p.starts_with("flowChart")
                || p.ends_with("Rect")
                || matches!(
                    p,
                    "rect" | "plaque" | "hexagon" | "octagon" | "parallelogram" | "trapezoid" | "foldedCorner"
                ) =>
            {
                Kind::Process
            }
            _ => Kind::Other,
        }
    }

    pub fn is_symbol(&self) -> bool {
        matches!(self, Kind::Terminator | Kind::Process | Kind::Decision | Kind::Picture)
    }
}

/// A rectangle in sheet coordinates: fractional rows and columns (row 2.5 is
/// the middle of the third row).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// A point in EMU, for distances.
pub type Point = (f64, f64);

/// One shape of the drawing.
#[derive(Debug, Clone)]
pub struct Shape {
    /// The id connectors refer to (`cNvPr id`).
    pub id: u32,
    pub name: String,
    pub kind: Kind,
    pub text: String,
    /// In EMU from the sheet's top-left corner.
    pub emu: Rect,
    /// The same box in fractional (row, column) cell coordinates.
    pub cells: Rect,
    /// Connectors: the shapes glued to each end, with the connection site.
    pub start: Option<(u32, u32)>,
    pub end: Option<(u32, u32)>,
    pub flip_h: bool,
    pub flip_v: bool,
}

impl Shape {
    pub fn centre_cell(&self) -> (f64, f64) {
        ((self.cells.y0 + self.cells.y1) / 2.0, (self.cells.x0 + self.cells.x1) / 2.0)
    }

    pub fn centre(&self) -> Point {
        ((self.emu.x0 + self.emu.x1) / 2.0, (self.emu.y0 + self.emu.y1) / 2.0)
    }

    /// Where a connector starts and ends, drawn (flips say which corner).
    pub fn ends(&self) -> (Point, Point) {
        let (xa, xb) = if self.flip_h { (self.emu.x1, self.emu.x0) } else { (self.emu.x0, self.emu.x1) };
        let (ya, yb) = if self.flip_v { (self.emu.y1, self.emu.y0) } else { (self.emu.y0, self.emu.y1) };
        ((xa, ya), (xb, yb))
    }

    /// The point of a connection site: DrawingML numbers the sites of the
    /// flowchart shapes top, left, bottom, right.
    pub fn site(&self, index: u32) -> Point {
        let (cx, cy) = self.centre();
        match index {
            0 => (cx, self.emu.y0),
            1 => (self.emu.x0, cy),
            2 => (cx, self.emu.y1),
            3 => (self.emu.x1, cy),
            _ => (cx, cy),
        }
    }

    /// The distance from a point to this shape's box (0 inside).
    pub fn distance_to(&self, (x, y): Point) -> f64 {
        let dx = (self.emu.x0 - x).max(0.0).max(x - self.emu.x1);
        let dy = (self.emu.y0 - y).max(0.0).max(y - self.emu.y1);
        dx.hypot(dy)
    }
}

/// A sheet's drawing.
#[derive(Debug, Clone, Default)]
pub struct Drawing {
    pub shapes: Vec<Shape>,
    /// Where the drawing part is in the package, for messages.
    pub part: String,
    geometry: Option<Geometry>,
    /// The course of each connector drawn as a polyline (EMU, start to
    /// end), by its id, where the source draws one (a PDF's paths; a
    /// workbook's connector gives only its ends).
    pub routes: BTreeMap<u32, Vec<Point>>,
    /// Whether exit labels are printed as drawn ("Y", "T") rather than as
    /// the Ya/Tidak they stand for.
    pub labels_as_drawn: bool,
}

impl Drawing {
    pub(super) fn new(shapes: Vec<Shape>, part: String, geometry: Geometry) -> Self {
        Drawing { shapes, part, geometry: Some(geometry), ..Drawing::default() }
    }

    /// A drawing read from elsewhere than a workbook (a PDF page), its
    /// shapes placed on a grid given by where its columns and rows start
    /// (EMU); each shape's cell box is set from its EMU box.
    pub fn on_grid(part: String, mut shapes: Vec<Shape>, col_starts: Vec<f64>, row_starts: Vec<f64>) -> Self {
        let geometry = Geometry { col_starts, row_starts };
        for shape in &mut shapes {
            shape.cells = geometry.to_cells(shape.emu);
        }
        Drawing { shapes, part, geometry: Some(geometry), ..Drawing::default() }
    }

    /// The centre of a cell, in EMU.
    pub fn cell_centre(&self, row: u32, col: u32) -> Point {
        match &self.geometry {
            Some(g) => ((g.x(col, 0.0) + g.x(col + 1, 0.0)) / 2.0, (g.y(row, 0.0) + g.y(row + 1, 0.0)) / 2.0),
            None => (0.0, 0.0),
        }
    }
}

/// Column widths and row heights of a sheet, as running sums in EMU.
#[derive(Debug, Clone)]
pub(super) struct Geometry {
    col_starts: Vec<f64>,
    row_starts: Vec<f64>,
}

impl Geometry {
    /// From each column's width and each row's height, in EMU.
    pub(super) fn of_sizes(widths: impl Iterator<Item = f64>, heights: impl Iterator<Item = f64>) -> Self {
        Geometry { col_starts: running_sum(widths), row_starts: running_sum(heights) }
    }

    fn x(&self, col: u32, offset: f64) -> f64 {
        edge(&self.col_starts, col) + offset
    }

    fn y(&self, row: u32, offset: f64) -> f64 {
        edge(&self.row_starts, row) + offset
    }

    pub(super) fn to_cells(&self, emu: Rect) -> Rect {
        Rect {
            x0: fraction(&self.col_starts, emu.x0),
            y0: fraction(&self.row_starts, emu.y0),
            x1: fraction(&self.col_starts, emu.x1),
            y1: fraction(&self.row_starts, emu.y1),
        }
    }
}

fn edge(starts: &[f64], index: u32) -> f64 {
    let i = (index as usize).min(starts.len() - 1);
    starts[i]
}

/// Which fractional cell index an EMU position falls in.
fn fraction(starts: &[f64], position: f64) -> f64 {
    let i = starts.partition_point(|&s| s <= position).saturating_sub(1).min(starts.len() - 2);
    let width = (starts[i + 1] - starts[i]).max(1.0);
    i as f64 + ((position - starts[i]) / width).clamp(0.0, 1.0)
}

/// Reads every sheet's drawing from an xlsx package: sheet name -> drawing.
pub fn read_package(bytes: &[u8], max_rows: u32, max_cols: u32) -> Result<BTreeMap<String, Drawing>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let workbook = parse(&read_part(&mut zip, "xl/workbook.xml")?.unwrap_or_default())?;
    let workbook_rels = relationships(&mut zip, "xl/workbook.xml")?;
    let mut drawings = BTreeMap::new();
    for sheet in workbook.descendants("sheet") {
        let (Some(name), Some(rid)) = (sheet.attr("name"), sheet.attr("id")) else { continue };
        let Some(sheet_path) = workbook_rels.get(rid) else { continue };
        let sheet_rels = relationships(&mut zip, sheet_path)?;
        let Some(drawing_path) = sheet_rels.iter().find(|(_, target)| target.contains("/drawings/")).map(|(_, t)| t)
        else {
            continue;
        };
        let Some(drawing_xml) = read_part(&mut zip, drawing_path)? else { continue };
        let sheet_xml = read_part(&mut zip, sheet_path)?.unwrap_or_default();
        let geometry = geometry(&sheet_xml, max_rows, max_cols)?;
        let shapes = shapes(&parse(&drawing_xml)?, &geometry);
        drawings.insert(
            name.to_owned(),
            Drawing { shapes, part: drawing_path.clone(), geometry: Some(geometry), ..Drawing::default() },
        );
    }
    Ok(drawings)
}

pub(super) fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, path: &str) -> Result<Option<String>, String> {
    let mut entry = match zip.by_name(path) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{path}: {e}")),
    };
    if entry.size() > MAX_PART_BYTES {
        return Err(format!("{path} is too large ({} bytes)", entry.size()));
    }
    let mut text = String::new();
    (&mut entry).take(MAX_PART_BYTES).read_to_string(&mut text).map_err(|e| format!("{path}: {e}"))?;
    Ok(Some(text))
}

/// A part's relationships: id -> target part path.
fn relationships(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, part: &str) -> Result<BTreeMap<String, String>, String> {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let rels_path = format!("{dir}/_rels/{file}.rels");
    let Some(xml) = read_part(zip, &rels_path)? else { return Ok(BTreeMap::new()) };
    let tree = parse(&xml)?;
    Ok(tree
        .descendants("Relationship")
        .filter(|r| r.attr("TargetMode") != Some("External"))
        .filter_map(|r| Some((r.attr("Id")?.to_owned(), resolve(dir, r.attr("Target")?))))
        .collect())
}

/// A relationship target relative to the part's folder.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Column widths (`<cols>`) and row heights (`<row ht>`) of a sheet.
fn geometry(sheet_xml: &str, max_rows: u32, max_cols: u32) -> Result<Geometry, String> {
    let mut reader = quick_xml::Reader::from_str(sheet_xml);
    let mut default_width = 8.43_f64;
    let mut default_height = 15.0_f64;
    let mut widths: BTreeMap<u32, f64> = BTreeMap::new();
    let mut heights: BTreeMap<u32, f64> = BTreeMap::new();
    loop {
        match reader.read_event().map_err(|e| format!("sheet xml: {e}"))? {
            Event::Start(e) | Event::Empty(e) => {
                let attrs = attributes(&e);
                let get = |key: &str| attrs.iter().find(|(k, _)| k == key).and_then(|(_, v)| v.parse::<f64>().ok());
                match e.local_name().as_ref() {
                    "sheetFormatPr" => {
                        default_width =
                            get("defaultColWidth").or(get("baseColWidth").map(|b| b + 0.71)).unwrap_or(8.43);
                        default_height = get("defaultRowHeight").unwrap_or(15.0);
                    }
                    "col" => {
                        if let (Some(min), Some(max), Some(width)) = (get("min"), get("max"), get("width")) {
                            for col in (min as u32).max(1)..=(max as u32).min(max_cols) {
                                widths.insert(col - 1, width);
                            }
                        }
                    }
                    "row" => {
                        let Some(row) = get("r") else { continue };
                        if row as u32 > max_rows {
                            break;
                        }
                        if let Some(height) = get("ht") {
                            heights.insert(row as u32 - 1, height);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Excel's column width is in characters of the default font: 7 px each
    // plus 5 px of padding.
    let col_emu = |w: f64| if w <= 0.0 { 0.0 } else { (w * 7.0 + 5.0).trunc() * EMU_PER_PX };
    let col_starts = running_sum((0..=max_cols).map(|c| col_emu(widths.get(&c).copied().unwrap_or(default_width))));
    let row_starts =
        running_sum((0..=max_rows).map(|r| heights.get(&r).copied().unwrap_or(default_height) * EMU_PER_PT));
    Ok(Geometry { col_starts, row_starts })
}

fn running_sum(sizes: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut starts = vec![0.0];
    for size in sizes {
        starts.push(starts.last().copied().unwrap_or(0.0) + size);
    }
    starts
}

/// Maps a group's child coordinates to sheet EMU.
#[derive(Debug, Clone, Copy)]
pub(super) struct Transform {
    pub(super) offset: (f64, f64),
    pub(super) child_offset: (f64, f64),
    pub(super) scale: (f64, f64),
}

impl Transform {
    pub(super) const IDENTITY: Transform =
        Transform { offset: (0.0, 0.0), child_offset: (0.0, 0.0), scale: (1.0, 1.0) };

    pub(super) fn apply(&self, rect: Rect) -> Rect {
        let x = |v: f64| self.offset.0 + (v - self.child_offset.0) * self.scale.0;
        let y = |v: f64| self.offset.1 + (v - self.child_offset.1) * self.scale.1;
        Rect { x0: x(rect.x0), y0: y(rect.y0), x1: x(rect.x1), y1: y(rect.y1) }
    }
}

/// Every shape of a drawing, in sheet coordinates.
fn shapes(drawing: &Node, geometry: &Geometry) -> Vec<Shape> {
    let mut shapes = Vec::new();
    for anchor in drawing.children.iter().flat_map(unwrap_alternate) {
        let Some(rect) = anchor_rect(anchor, geometry) else { continue };
        for child in anchor.children.iter().flat_map(unwrap_alternate) {
            collect(child, Some(rect), Transform::IDENTITY, geometry, &mut shapes);
        }
    }
    shapes
}

/// Newer Excel wraps some elements in `mc:AlternateContent`: the first
/// choice stands for them (its fallback repeats the same shape).
pub(super) fn unwrap_alternate(node: &Node) -> Vec<&Node> {
    if node.name != "AlternateContent" {
        return vec![node];
    }
    let branch = node.child("Choice").or_else(|| node.child("Fallback"));
    branch.map(|b| b.children.iter().collect()).unwrap_or_default()
}

/// Where an anchor puts its content, in EMU.
fn anchor_rect(anchor: &Node, geometry: &Geometry) -> Option<Rect> {
    let marker = |name: &str| -> Option<(f64, f64)> {
        let m = anchor.child(name)?;
        let number = |n: &str| m.child(n).and_then(|c| c.text.trim().parse::<f64>().ok()).unwrap_or(0.0);
        Some((geometry.x(number("col") as u32, number("colOff")), geometry.y(number("row") as u32, number("rowOff"))))
    };
    let extent = |node: &Node| -> Option<(f64, f64)> { Some((node.number("cx")?, node.number("cy")?)) };
    match anchor.name.as_str() {
        "twoCellAnchor" => {
            let (x0, y0) = marker("from")?;
            let (x1, y1) = marker("to")?;
            Some(Rect { x0, y0, x1, y1 })
        }
        "oneCellAnchor" => {
            let (x0, y0) = marker("from")?;
            let (cx, cy) = extent(anchor.child("ext")?)?;
            Some(Rect { x0, y0, x1: x0 + cx, y1: y0 + cy })
        }
        "absoluteAnchor" => {
            let pos = anchor.child("pos")?;
            let (x0, y0) = (pos.number("x")?, pos.number("y")?);
            let (cx, cy) = extent(anchor.child("ext")?)?;
            Some(Rect { x0, y0, x1: x0 + cx, y1: y0 + cy })
        }
        _ => None,
    }
}

/// The `a:xfrm` box of a shape or group: offset, extent and flips.
fn xfrm(node: &Node) -> Option<(Rect, bool, bool, Option<Rect>)> {
    let xfrm = node.descendants("xfrm").next()?;
    let off = xfrm.child("off")?;
    let ext = xfrm.child("ext")?;
    let (x, y, cx, cy) = (off.number("x")?, off.number("y")?, ext.number("cx")?, ext.number("cy")?);
    let child = match (xfrm.child("chOff"), xfrm.child("chExt")) {
        (Some(o), Some(e)) => {
            let (x, y, cx, cy) = (o.number("x")?, o.number("y")?, e.number("cx")?, e.number("cy")?);
            Some(Rect { x0: x, y0: y, x1: x + cx, y1: y + cy })
        }
        _ => None,
    };
    let flip = |name| xfrm.attr(name).is_some_and(|v| v == "1" || v == "true");
    Some((Rect { x0: x, y0: y, x1: x + cx, y1: y + cy }, flip("flipH"), flip("flipV"), child))
}

/// The shapes and groups of a group or canvas. A Word document names its
/// shapes, groups and drawing canvases `wsp`, `wgp` and `wpc`.
fn members(node: &Node) -> Vec<&Node> {
    let children = node.children.iter().flat_map(unwrap_alternate);
    children.filter(|c| matches!(c.name.as_str(), "sp" | "cxnSp" | "pic" | "grpSp" | "wsp" | "wgp")).collect()
}

/// Adds a shape (or a group's shapes) to `out`. A top-level shape is placed
/// by its anchor; a shape in a group by its own box through the group's
/// transform.
pub(super) fn collect(
    node: &Node,
    anchored: Option<Rect>,
    transform: Transform,
    geometry: &Geometry,
    out: &mut Vec<Shape>,
) {
    let own = xfrm(node);
    let placed = anchored.or_else(|| own.map(|(rect, ..)| transform.apply(rect)));
    let Some(emu) = placed else { return };
    let (flip_h, flip_v) = own.map(|(_, h, v, _)| (h, v)).unwrap_or((false, false));
    match node.name.as_str() {
        // A canvas places its shapes in EMU from its own corner.
        "wpc" => {
            let inner = Transform { offset: (emu.x0, emu.y0), ..Transform::IDENTITY };
            for child in members(node) {
                collect(child, None, inner, geometry, out);
            }
        }
        "grpSp" | "wgp" => {
            let group = node.child("grpSpPr").and_then(xfrm);
            let inner = match group {
                Some((_, _, _, Some(child))) => Transform {
                    offset: (emu.x0, emu.y0),
                    child_offset: (child.x0, child.y0),
                    scale: (
                        (emu.x1 - emu.x0) / (child.x1 - child.x0).max(1.0),
                        (emu.y1 - emu.y0) / (child.y1 - child.y0).max(1.0),
                    ),
                },
                _ => Transform::IDENTITY,
            };
            for child in members(node) {
                collect(child, None, inner, geometry, out);
            }
        }
        "sp" | "cxnSp" | "pic" | "wsp" => {
            let properties = node.descendants("cNvPr").next();
            let id = properties.and_then(|p| p.attr("id")).and_then(|v| v.parse().ok()).unwrap_or(0);
            let name = properties.and_then(|p| p.attr("name")).unwrap_or_default().to_owned();
            let preset = node.descendants("prstGeom").next().and_then(|g| g.attr("prst")).unwrap_or_default();
            let text = text_of(node);
            // Text in a shape whose outline is not drawn stands free, as in
            // a text box (LibreOffice saves text boxes so).
            let unframed = node.descendants("ln").next().is_some_and(|l| l.child("noFill").is_some());
            let text_box = node.descendants("cNvSpPr").next().is_some_and(|p| p.attr("txBox") == Some("1"))
                || (unframed && !text.trim().is_empty());
            let kind = match node.name.as_str() {
                "cxnSp" => Kind::Connector,
                "pic" => Kind::Picture,
                _ => Kind::of(preset, text_box, &text),
            };
            let glued = |end: &str| {
                let c = node.descendants(end).next()?;
                Some((c.attr("id")?.parse().ok()?, c.attr("idx").and_then(|i| i.parse().ok()).unwrap_or(0)))
            };
            // A line whose arrowhead is drawn at its start (`headEnd`) only
            // points backwards: its ends are swapped.
            let head =
                |end: &str| node.descendants(end).next().and_then(|e| e.attr("type")).is_some_and(|t| t != "none");
            let backwards = kind == Kind::Connector && head("headEnd") && !head("tailEnd");
            let (start, end) =
                if backwards { (glued("endCxn"), glued("stCxn")) } else { (glued("stCxn"), glued("endCxn")) };
            let (flip_h, flip_v) = if backwards { (!flip_h, !flip_v) } else { (flip_h, flip_v) };
            out.push(Shape { id, name, kind, text, emu, cells: geometry.to_cells(emu), start, end, flip_h, flip_v });
        }
        _ => {}
    }
}

/// What a shape says: its paragraphs' text, one line each.
pub(super) fn text_of(node: &Node) -> String {
    node.descendants("p")
        .map(|p| p.descendants("t").map(|t| t.text.as_str()).collect::<String>())
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A minimal element tree: local names, attributes, text.
#[derive(Debug, Default)]
pub(super) struct Node {
    pub(super) name: String,
    attrs: Vec<(String, String)>,
    pub(super) text: String,
    pub(super) children: Vec<Node>,
}

impl Node {
    pub(super) fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    pub(super) fn number(&self, key: &str) -> Option<f64> {
        self.attr(key)?.parse().ok()
    }

    pub(super) fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub(super) fn descendants<'a>(&'a self, name: &'a str) -> Box<dyn Iterator<Item = &'a Node> + 'a> {
        Box::new(
            self.children
                .iter()
                .flat_map(move |c| std::iter::once(c).filter(move |c| c.name == name).chain(c.descendants(name))),
        )
    }
}

fn attributes(e: &quick_xml::events::BytesStart) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .map(|a| {
            let key = a.key.local_name().as_ref().to_owned();
            let value =
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).unwrap_or_default();
            (key, value)
        })
        .collect()
}

/// Parses XML into a `Node` tree (the root's children are the document's
/// top elements' children).
pub(super) fn parse(xml: &str) -> Result<Node, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack = vec![Node::default()];
    loop {
        match reader.read_event().map_err(|e| format!("bad XML: {e}"))? {
            Event::Start(e) => {
                if stack.len() > MAX_DEPTH {
                    return Err("XML nested too deeply".into());
                }
                let name = e.local_name().as_ref().to_owned();
                stack.push(Node { name, attrs: attributes(&e), ..Node::default() });
            }
            Event::Empty(e) => {
                let name = e.local_name().as_ref().to_owned();
                let node = Node { name, attrs: attributes(&e), ..Node::default() };
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(node);
                }
            }
            Event::End(_) if stack.len() > 1 => {
                let node = stack.pop().unwrap_or_default();
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(node);
                }
            }
            Event::Text(t) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let resolved = quick_xml::escape::unescape(&format!("&{name};")).map(|s| s.into_owned());
                if let (Some(node), Ok(text)) = (stack.last_mut(), resolved) {
                    node.text.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // The document element itself.
    let mut root = stack.into_iter().next().unwrap_or_default();
    Ok(if root.children.len() == 1 { root.children.pop().unwrap_or_default() } else { root })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve_against_the_part() {
        assert_eq!(resolve("xl/worksheets", "../drawings/drawing1.xml"), "xl/drawings/drawing1.xml");
        assert_eq!(resolve("xl", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl", "/xl/worksheets/sheet2.xml"), "xl/worksheets/sheet2.xml");
    }

    #[test]
    fn positions_map_to_fractional_cells() {
        let geometry = geometry(
            r#"<worksheet><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="10"/></cols>
               <sheetData><row r="2" ht="30"/></sheetData></worksheet>"#,
            10,
            10,
        )
        .unwrap();
        // Column A is 75 px wide, the next ones 64 px; row 2 is 30 pt.
        assert_eq!(geometry.x(1, 0.0), 75.0 * EMU_PER_PX);
        let middle_of_b = geometry.x(1, 32.0 * EMU_PER_PX);
        assert!((fraction(&geometry.col_starts, middle_of_b) - 1.5).abs() < 1e-9);
        let middle_of_row_2 = geometry.y(1, 15.0 * EMU_PER_PT);
        assert!((fraction(&geometry.row_starts, middle_of_row_2) - 1.5).abs() < 1e-9);
    }

    #[test]
    fn alternate_content_is_read_through_its_first_choice() {
        let xml = r#"<xdr:wsDr xmlns:xdr="x" xmlns:a="a" xmlns:mc="m"><xdr:twoCellAnchor>
            <xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>
            <xdr:to><xdr:col>2</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>
            <mc:AlternateContent><mc:Choice Requires="a14"><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="3" name="T"/></xdr:nvSpPr>
            <xdr:spPr><a:prstGeom prst="flowChartTerminator"/></xdr:spPr></xdr:sp></mc:Choice>
            <mc:Fallback><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="3" name="T"/></xdr:nvSpPr>
            <xdr:spPr><a:prstGeom prst="flowChartTerminator"/></xdr:spPr></xdr:sp></mc:Fallback></mc:AlternateContent>
            <xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>"#;
        let geometry = geometry("<worksheet/>", 10, 10).unwrap();
        let shapes = shapes(&parse(xml).unwrap(), &geometry);
        assert_eq!(shapes.len(), 1, "one shape, not its fallback too");
        assert_eq!(shapes[0].kind, Kind::Terminator);
        assert_eq!(shapes[0].centre_cell(), (2.5, 1.5));
    }

    #[test]
    fn shapes_in_groups_are_placed_through_the_group() {
        let xml = r#"<xdr:wsDr xmlns:xdr="x" xmlns:a="a"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/>
            <xdr:ext cx="2000" cy="2000"/><xdr:grpSp><xdr:grpSpPr><a:xfrm><a:off x="0" y="0"/>
            <a:ext cx="2000" cy="2000"/><a:chOff x="100" y="100"/><a:chExt cx="1000" cy="1000"/></a:xfrm>
            </xdr:grpSpPr><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="7" name="D"/><xdr:cNvSpPr/></xdr:nvSpPr>
            <xdr:spPr><a:xfrm><a:off x="600" y="600"/><a:ext cx="100" cy="100"/></a:xfrm>
            <a:prstGeom prst="flowChartDecision"/></xdr:spPr><xdr:txBody><a:p><a:r><a:t>A &amp; B</a:t></a:r></a:p>
            </xdr:txBody></xdr:sp></xdr:grpSp><xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>"#;
        let geometry = geometry("<worksheet/>", 10, 10).unwrap();
        let shapes = shapes(&parse(xml).unwrap(), &geometry);
        assert_eq!(shapes.len(), 1);
        let shape = &shapes[0];
        assert_eq!((shape.id, shape.kind.clone(), shape.text.as_str()), (7, Kind::Decision, "A & B"));
        assert_eq!(shape.emu, Rect { x0: 1000.0, y0: 1000.0, x1: 1200.0, y1: 1200.0 });
    }

    #[test]
    fn shapes_are_judged_by_what_they_look_like() {
        for (preset, text, kind) in [
            ("rect", "", Kind::Process),
            ("snip1Rect", "", Kind::Process),
            ("flowChartDocument", "", Kind::Process),
            ("flowChartPredefinedProcess", "", Kind::Process),
            ("diamond", "", Kind::Decision),
            ("flowChartTerminator", "Mulai", Kind::Terminator),
            ("ellipse", "Selesai", Kind::Terminator),
            ("ellipse", "A", Kind::PageConnector),
            ("homePlate", "1", Kind::PageConnector),
            ("bentConnector2", "", Kind::Connector),
            ("curvedConnector3", "", Kind::Connector),
            ("line", "", Kind::Connector),
            ("flowChartMerge", "", Kind::Other),
            ("cloud", "", Kind::Other),
        ] {
            assert_eq!(Kind::of(preset, false, text), kind, "{preset}");
        }
        assert_eq!(Kind::of("rect", true, "Ya"), Kind::Other, "a text box is a label");
    }

    #[test]
    fn pictures_are_symbols_and_backward_lines_are_turned() {
        let anchor = |body: &str| {
            format!(
                r#"<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row>
                <xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff>
                <xdr:row>4</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>{body}<xdr:clientData/></xdr:twoCellAnchor>"#
            )
        };
        let picture = anchor(
            r#"<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="4" name="Picture 4"/><xdr:cNvPicPr/></xdr:nvPicPr>
            <xdr:blipFill><a:blip r:embed="rId1"/></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"/></xdr:spPr></xdr:pic>"#,
        );
        let line = anchor(
            r#"<xdr:cxnSp><xdr:nvCxnSpPr><xdr:cNvPr id="5" name="L"/><xdr:cNvCxnSpPr><a:stCxn id="4" idx="2"/>
            <a:endCxn id="9" idx="0"/></xdr:cNvCxnSpPr></xdr:nvCxnSpPr><xdr:spPr><a:prstGeom prst="straightConnector1"/>
            <a:ln><a:headEnd type="triangle"/><a:tailEnd type="none"/></a:ln></xdr:spPr></xdr:cxnSp>"#,
        );
        let xml = format!(r#"<xdr:wsDr xmlns:xdr="x" xmlns:a="a" xmlns:r="r">{picture}{line}</xdr:wsDr>"#);
        let geometry = geometry("<worksheet/>", 10, 10).unwrap();
        let shapes = shapes(&parse(&xml).unwrap(), &geometry);
        assert_eq!(shapes[0].kind, Kind::Picture);
        assert!(shapes[0].kind.is_symbol());
        // The arrowhead at the line's start: it runs from 9 to 4.
        assert_eq!((shapes[1].start, shapes[1].end), (Some((9, 0)), Some((4, 2))));
    }
}
