//! Load (guard): calamine expands an .ods sheet's repeated rows and columns
//! into a dense grid (up to 100 million cells, gigabytes). A few bytes of
//! `content.xml` (`number-rows-repeated="1000000"` on a row that holds a
//! value) are enough to claim that. Before calamine sees an .ods, its rows
//! are counted here as calamine will expand them, and a sheet whose grid
//! would exceed `MAX_GRID` cells is refused.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::limits::{MAX_FILE_BYTES, MAX_GRID};

/// Checks that calamine can read the .ods in bounded memory.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("the file is damaged: {e}"))?;
    let mut content = String::new();
    zip.by_name("content.xml")
        .map_err(|e| format!("the file is damaged: {e}"))?
        .take(MAX_FILE_BYTES * 4)
        .read_to_string(&mut content)
        .map_err(|e| format!("the file is damaged: {e}"))?;
    let mut reader = quick_xml::Reader::from_str(&content);
    let mut sheet = Extent::default();
    let mut row = Row::default();
    loop {
        match reader.read_event().map_err(|e| format!("the file is damaged: {e}"))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "table" => sheet = Extent::default(),
            Event::Start(e) if e.local_name().as_ref() == "table-row" => {
                row = Row { repeats: repeats(&e, "number-rows-repeated"), ..Row::default() };
            }
            Event::Empty(e) if e.local_name().as_ref() == "table-row" => {
                sheet.rows += repeats(&e, "number-rows-repeated")
            }
            Event::Start(e) | Event::Empty(e)
                if matches!(e.local_name().as_ref(), "table-cell" | "covered-table-cell") =>
            {
                let columns = repeats(&e, "number-columns-repeated");
                let valued = e.attributes().flatten().any(|a| a.key.local_name().as_ref() == "value-type");
                if valued {
                    row.last_valued = row.width + columns;
                }
                row.width += columns;
            }
            Event::End(e) if e.local_name().as_ref() == "table-row" => {
                sheet.rows += row.repeats;
                if row.last_valued > 0 {
                    sheet.used_rows = sheet.rows;
                    sheet.used_cols = sheet.used_cols.max(row.last_valued);
                }
                if sheet.used_rows.saturating_mul(sheet.used_cols) > MAX_GRID {
                    return Err(format!(
                        "a sheet repeats its rows and columns into more than {MAX_GRID} cells; the file is damaged \
                         or not an SOP"
                    ));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// How far a sheet's values reach, counting repeated rows and columns.
#[derive(Default)]
struct Extent {
    rows: u64,
    used_rows: u64,
    used_cols: u64,
}

#[derive(Default)]
struct Row {
    repeats: u64,
    width: u64,
    last_valued: u64,
}

fn repeats(e: &BytesStart, name: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
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
            r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="199"/>{value}</table:table-row>"#
        );
        assert!(check(&ods(&hostile)).unwrap_err().contains("more than"));
        // The fixture passes.
        check(&std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/legacy/dua-sop.ods")).unwrap()).unwrap();
    }
}
