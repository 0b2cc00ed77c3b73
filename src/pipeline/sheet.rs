//! The sheet job: one SOP from validated definition to PDF in memory:
//! measure its rows (stage 3), lay out its pages and flowchart (4), render
//! `sop.typ.j2` (5) and compile it (6).

use super::{Built, Context, finished};
use crate::compile::{self, compile, introspect};
use crate::diagnostic::Diagnostics;
use crate::finish::OutputKind;
use crate::layout::sheet::SheetBasics;
use crate::layout::{self, LayoutError};
use crate::load::DocPath;
use crate::measure;
use crate::measure::typeset::TextMetrics;
use crate::model::DocumentAddress;
use crate::model::flow::Symbol;
use crate::render::sheet::SheetContext;
use crate::render::{Standalone, tte};
use crate::validate::ValidSop;

/// A sheet's address: where it is written, its verification id.
pub fn address(context: &Context, sop: &ValidSop) -> DocumentAddress {
    let berkas = DocumentAddress::sheet_berkas(&sop.source.stem);
    context.addresses.of(OutputKind::Sop, &berkas, &sop.def().identity.nomor)
}

pub fn build_sheet(context: &Context, sop: &ValidSop, key: String) -> Result<Built, Diagnostics> {
    let config = &context.project.config.value;
    let identity = &sop.def().identity;
    let date = context.date(identity.own_date());
    let doc = &sop.source.doc;
    // Lanes wide enough for the widest label on one line (a label that then
    // finds no place goes on two, or its row grows); where actors crowd the
    // page, for its widest word at the smallest size.
    let texts = sop.flow.labels();
    let words: Vec<&str> = texts.iter().flat_map(|text| text.split_whitespace()).collect();
    let label_widths =
        measure::label_widths(context.env.fonts(), &config.format.font, &[&texts[..], &words[..]].concat());
    let labels = layout::Sizes { label_widths, ..layout::Sizes::for_lane_width(0.0) };
    let widest = |texts: &[&str]| texts.iter().map(|text| labels.label_width(text)).fold(0.0, f64::max);
    let lane_need = layout::LaneNeed {
        roomy: layout::Sizes::lane_for_labels(widest(&texts)),
        crowded: layout::Sizes::lane_for_labels(widest(&words) * layout::MIN_TEXT_SIZE / layout::LABEL_SIZE),
    };
    let size = config.format.font_size;
    let width_of = |text: &str, bold: bool| {
        context.metrics.as_ref().and_then(|m| m.width(text, bold)).unwrap_or_else(|| {
            // A face sopkit cannot set: an upper bound of its letters' widths.
            0.75 * size * text.chars().count() as f64
        })
    };
    let basics = SheetBasics::of(sop, config, lane_need, &width_of).map_err(|no_room| {
        doc.error_at(
            &DocPath::root().key("pelaksana"),
            crate::tr!(
                "sheet-no-room",
                actors = sop.def().pelaksana.len(),
                needed = format!("{:.0}", no_room.needed / layout::MM),
                width = format!("{:.0}", no_room.width / layout::MM)
            ),
        )
        .with_hint(crate::tr!("sheet-no-room-hint"))
    })?;
    let measured = match context.metrics.as_ref().and_then(|m| measure::without_typst(m, &basics)) {
        Some(measured) => measured,
        None => measure::measure(
            &context.env,
            &context.templates,
            &config.format.font,
            config.format.font_size,
            &[&basics],
            date,
        )?
        .pop()
        .unwrap_or_default(),
    };
    let available = basics.body_budget(measured.title, measured.header.height());
    let sizes = layout::Sizes { label_widths: labels.label_widths, ..basics.sizes() };
    let laying_out = std::time::Instant::now();
    let mut layout =
        layout::layout(&sop.flow, &measured.rows, &sizes, available).map_err(|error| layout_error(sop, error))?;
    let mut seconds = laying_out.elapsed().as_secs_f64();
    let mut table_follows = false;
    if config.format.prosedur_di_halaman_identitas
        && let Some(first_page) = room_under_identity(context, sop, &basics, &measured, layout.clone(), date)?
    {
        let laying_out = std::time::Instant::now();
        let under = layout::layout_under_identity(&sop.flow, &measured.rows, &sizes, available, first_page)
            .map_err(|error| layout_error(sop, error))?;
        seconds += laying_out.elapsed().as_secs_f64();
        // Where not even the first step fits under it, the table keeps a
        // page of its own (see `paginate`).
        table_follows = under.pages.first().is_some_and(|page| page.body_height() <= first_page);
        layout = under;
    }
    let numbers = sop.def().printed_numbers();
    let mut warnings: Diagnostics = layout
        .unplaced_labels
        .iter()
        .map(|&step| {
            doc.warning_at(&step_key(sop, step, "keputusan"), crate::tr!("sheet-label-unplaced", step = &numbers[step]))
                .with_hint(crate::tr!("sheet-label-unplaced-hint"))
        })
        .collect();
    if let Some(metrics) = &context.metrics {
        warnings.extend(texts_too_long(sop, &layout, metrics, config.format.font_size));
    }

    let stats = layout::LayoutStats { crossings: layout.crossings(), seconds };
    let mut sheet = SheetContext::new(sop, config, basics, measured.header, layout);
    sheet.sop.identity.keterkaitan = related_named(context, sop);
    sheet.table_follows = table_follows;
    sheet.geometry = context.geometry;
    let roles: &[&str] = if identity.disahkan_oleh.is_some() { &["disahkan_oleh"] } else { &[] };
    let address = address(context, sop);
    sheet.tte = tte::context(&context.project.config, &address, roles)?;
    let render = |standalone| context.templates.render("sop.typ.j2", &Standalone { standalone, inner: &sheet });
    let source = render(true)?;
    let part = render(false)?;
    let compiled = compile(&context.env, &format!("sop/{}.typ", sop.source.stem), source.clone(), date)?;
    warnings.extend(compiled.warnings.iter().cloned());
    let pdf = compile::pdf::pdf(&compiled.document, &sop.source.stem, date, context.archival)?;
    let mut document = finished(&compiled, &address, identity.nama.clone(), doc.file.name.clone(), pdf, source);
    document.book_part_typst = Some(part);
    document.bookmarks = vec![introspect::Bookmark { title: format!("{} {}", identity.nomor, identity.nama), page: 1 }];
    document.geometry = introspect::marks(&compiled.document, "sopkit-geom");
    document.layout = Some(stats);
    document.key = Some(key);
    let svg = if context.portal && context.write { compile::svg::pages(&compiled.document) } else { Vec::new() };
    Ok(Built { svg, ..Built::new(document, warnings) })
}

/// The Keterkaitan items as the sheet prints them: one written as another
/// SOP's nomor or file name (`sops/<name>.yaml`) prints that SOP's name
/// and nomor; any other as written.
pub(super) fn related_named(context: &Context, sop: &ValidSop) -> Vec<String> {
    let others = || context.project.sops.iter().filter(|other| other.stem != sop.source.stem);
    sop.def()
        .identity
        .keterkaitan
        .iter()
        .map(|item| {
            let written = item.trim();
            let named = others().find(|other| {
                let identity = &other.doc.value.identity;
                written == identity.nomor.trim() || written == other.stem
            });
            match named {
                Some(other) => {
                    let identity = &other.doc.value.identity;
                    format!("SOP {} ({})", identity.nama.trim(), identity.nomor.trim())
                }
                None => item.clone(),
            }
        })
        .collect()
}

/// Where a key of step `step` is written: on the step, or (a row of
/// symbols) under its `simbol`.
fn step_key(sop: &ValidSop, step: usize, key: &str) -> DocPath {
    let at = DocPath::root().key("langkah").index(step);
    if sop.def().langkah[step].simbol.is_some() { at.key("simbol") } else { at.key(key) }
}

/// Texts in symbols that do not fit their symbol even at the smallest size
/// (`sk-symbol-text` in sopkit-lib.typ then sets them at 4 pt over its
/// outline): a warning at their `teks`. Measured as the template sets them:
/// the rooms inside each outline, words broken onto lines, a line as tall
/// as the face's ascender to descender, 0.65 em apart.
fn texts_too_long(sop: &ValidSop, layout: &layout::Layout, metrics: &TextMetrics, font_size: f64) -> Diagnostics {
    const SMALLEST: f64 = layout::MIN_TEXT_SIZE;
    let scale = SMALLEST / font_size;
    let width = |text: &str| metrics.width(text, false).map(|w| w * scale);
    let mut warned: Vec<(usize, usize)> = Vec::new();
    let mut found = Diagnostics::default();
    for symbol in layout.pages.iter().flat_map(|page| &page.symbols) {
        let (Some(text), None) = (&symbol.text, symbol.terminator) else { continue };
        if warned.contains(&(symbol.step, symbol.lane)) {
            continue;
        }
        let (w, h) = (symbol.width, symbol.height);
        let rooms: &[(f64, f64)] = match symbol.symbol {
            Symbol::Ketupat => &[(w * 0.6, h * 0.36), (w * 0.44, h * 0.52)],
            Symbol::Kapsul => &[(w - h * 0.7, h - 2.0)],
            Symbol::Kotak => &[(w - 4.0, h - 2.0)],
        };
        let Some(words) = text.split(' ').map(width).collect::<Option<Vec<f64>>>() else { continue };
        let Some(space) = width(" ") else { continue };
        let fits = |&(room_w, room_h): &(f64, f64)| {
            if words.iter().any(|&word| word > room_w) {
                return false;
            }
            let mut lines = 1;
            let mut line = 0.0;
            for &word in &words {
                if line > 0.0 && line + space + word > room_w {
                    lines += 1;
                    line = word;
                } else {
                    line += if line > 0.0 { space + word } else { word };
                }
            }
            let height = lines as f64 * metrics.line_height_em() * SMALLEST + (lines - 1) as f64 * 0.65 * SMALLEST;
            height <= room_h
        };
        if !rooms.iter().any(fits) {
            warned.push((symbol.step, symbol.lane));
            found.push(
                sop.source
                    .doc
                    .warning_at(
                        &teks_key(sop, symbol.step, symbol.lane),
                        crate::tr!("sheet-teks-too-long", teks = text.as_str()),
                    )
                    .with_hint(crate::tr!("sheet-teks-too-long-hint")),
            );
        }
    }
    found
}

/// Where the text inside the symbol of `step` in `lane` is written: the
/// step's `teks`, or that of the symbol of its row in that actor's column.
fn teks_key(sop: &ValidSop, step: usize, lane: usize) -> DocPath {
    let def = sop.def();
    let at = DocPath::root().key("langkah").index(step);
    let actor = def.pelaksana.get_index(lane).map(|(id, _)| id.as_str());
    match &def.langkah[step].simbol {
        Some(cells) => match cells.iter().position(|cell| Some(cell.pelaksana.as_str()) == actor) {
            Some(k) => at.key("simbol").index(k).key("teks"),
            None => at.key("simbol"),
        },
        None => at.key("teks"),
    }
}

/// The body height the table's first page has under the identity part,
/// from where a sheet without its procedure says the identity part ends;
/// `None` when it ends past the first page.
fn room_under_identity(
    context: &Context,
    sop: &ValidSop,
    basics: &SheetBasics,
    measured: &measure::Measured,
    layout: layout::Layout,
    date: typst::foundations::Datetime,
) -> Result<Option<f64>, Diagnostics> {
    let config = &context.project.config.value;
    let mut identity = SheetContext::new(sop, config, basics.clone(), measured.header, layout);
    identity.pages.clear();
    let source = context.templates.render("sop.typ.j2", &Standalone { standalone: true, inner: &identity })?;
    let compiled = compile(&context.env, &format!("sop/{}.identity.typ", sop.source.stem), source, date)?;
    let end = introspect::marks(&compiled.document, "sopkit-identity-end");
    let Some(end) = end.first().filter(|end| end["page"] == 1) else { return Ok(None) };
    let identity_height = end["y"].as_f64().unwrap_or(f64::INFINITY) - basics.page.margin_top;
    // The space between the identity part and the procedure's title: the
    // title block's `above`, Typst's default block spacing of 1.2 em.
    let spacing = 1.2 * config.format.font_size;
    Ok(Some(basics.body_budget(measured.title, measured.header.height()) - identity_height - spacing))
}

/// A layout failure, at the step it concerns.
fn layout_error(sop: &ValidSop, error: LayoutError) -> crate::diagnostic::Diagnostic {
    let doc = &sop.source.doc;
    let steps = DocPath::root().key("langkah");
    match error {
        LayoutError::RowTooTall { step, height, available } => doc
            .error_at(
                &steps.index(step).key("kegiatan"),
                crate::tr!(
                    "sheet-row-too-tall",
                    step = step + 1,
                    height = format!("{height:.0}"),
                    available = format!("{available:.0}")
                ),
            )
            .with_hint(crate::tr!("sheet-row-too-tall-hint")),
        LayoutError::TooCrowded { step } => doc
            .error_at(&steps.index(step), crate::tr!("sheet-too-crowded", step = step + 1))
            .with_hint(crate::tr!("sheet-too-crowded-hint")),
    }
}
