//! Stage 1, load (guard): calamine expands an .ods sheet's repeated rows
//! and columns into a dense grid (up to 100 million cells, gigabytes), and
//! reads every sheet as soon as the workbook is opened. A few bytes of
//! `content.xml` (`number-rows-repeated="1000000"` on a row that holds a
//! value, or one value at the end of a million repeated empty rows) are
//! enough to claim that. Before calamine sees an .ods, its values are placed
//! here as calamine will expand them, and a sheet whose values span more
//! than `MAX_GRID` cells is refused.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::limits::{MAX_FILE_BYTES, Refusal, Span, widen};

/// Checks that calamine can read the .ods in bounded memory.
pub fn check(bytes: &[u8]) -> Result<(), Refusal> {
    let damaged = |e: &dyn std::fmt::Display| Refusal::Damaged(e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let mut content = String::new();
    zip.by_name("content.xml")
        .map_err(|e| damaged(&e))?
        .take(MAX_FILE_BYTES * 4)
        .read_to_string(&mut content)
        .map_err(|e| damaged(&e))?;
    let mut reader = quick_xml::Reader::from_str(&content);
    let mut sheet = String::new();
    let mut span: Option<Span> = None;
    let mut rows: u64 = 0;
    let mut row = Row::default();
    loop {
        match reader.read_event().map_err(|e| damaged(&e))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "table" => {
                sheet = attribute(&e, "name").unwrap_or_default();
                span = None;
                rows = 0;
            }
            Event::Start(e) if e.local_name().as_ref() == "table-row" => {
                row = Row { repeats: repeats(&e, "number-rows-repeated"), ..Row::default() };
            }
            Event::Empty(e) if e.local_name().as_ref() == "table-row" => rows += repeats(&e, "number-rows-repeated"),
            Event::Start(e) | Event::Empty(e)
                if matches!(e.local_name().as_ref(), "table-cell" | "covered-table-cell") =>
            {
                let columns = repeats(&e, "number-columns-repeated");
                let valued = e.attributes().flatten().any(|a| a.key.local_name().as_ref() == "value-type");
                if valued {
                    row.first_valued.get_or_insert(row.width);
                    row.last_valued = row.width + columns;
                }
                row.width += columns;
            }
            Event::End(e) if e.local_name().as_ref() == "table-row" => {
                if let Some(first) = row.first_valued {
                    let at = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                    widen(&mut span, &sheet, at(rows), at(first))?;
                    widen(&mut span, &sheet, at(rows + row.repeats - 1), at(row.last_valued - 1))?;
                }
                rows += row.repeats;
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

#[derive(Default)]
struct Row {
    repeats: u64,
    width: u64,
    first_valued: Option<u64>,
    last_valued: u64,
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| quick_xml::escape::unescape(&a.value).map_or_else(|_| a.value.to_string(), |text| text.into_owned()))
}

fn repeats(e: &BytesStart, name: &str) -> u64 {
    attribute(e, name).and_then(|v| v.trim().parse().ok()).filter(|&n| n > 0).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ods(rows: &str) -> Vec<u8> {
        let content = format!(
            r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body>
               <office:spreadsheet><table:table table:name="A">{rows}</table:table></office:spreadsheet>
               </office:body></office:document-content>"#
        );
        let mut buffer = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buffer);
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut zip, content.as_bytes()).unwrap();
        zip.finish().unwrap();
        buffer.into_inner()
    }

    #[test]
    fn repeated_empty_rows_pass_and_repeated_values_do_not() {
        let value = r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
        // LibreOffice's trailing empty rows claim a million rows: harmless.
        let trailing = format!(
            r#"<table:table-row>{value}</table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#
        );
        check(&ods(&trailing)).unwrap();
        // A valued row repeated a million times across 200 columns is not.
        let hostile = format!(
            r#"<table:table-row table:number-rows-repeated="1000000">{value}<table:table-cell table:number-columns-repeated="198"/>{value}</table:table-row>"#
        );
        let Err(Refusal::Span(span)) = check(&ods(&hostile)) else { panic!("a million valued rows pass") };
        assert_eq!((span.sheet.as_str(), span.last), ("A", (999_999, 199)));
        // One value at the end of a million empty rows, far right.
        let far = format!(
            r#"<table:table-row>{value}</table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/>{value}</table:table-row>"#
        );
        let Err(Refusal::Span(span)) = check(&ods(&far)) else { panic!("a far value passes") };
        assert_eq!(span.far, (1_048_575, 16_383));
        // The fixture passes.
        check(&std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/legacy/dua-sop.ods")).unwrap()).unwrap();
    }
}
