//! Stage 1, load (guard): calamine builds each .xls sheet as a dense grid over the
//! bounding box of its cells, as soon as the workbook is opened. One damaged
//! cell address (row 60,000, column 40,000) makes that grid tens of
//! gigabytes, and a failed allocation aborts the process. So before calamine
//! sees an .xls, this module finds its Workbook stream in the compound file
//! and walks each sheet's cell records the way calamine will, and refuses a
//! sheet whose grid would exceed `MAX_GRID` cells.

use super::limits::{MAX_GRID, Refusal, Span, widen};

/// Checks that calamine can open the .xls in bounded memory.
pub fn check(bytes: &[u8]) -> Result<(), Refusal> {
    let stream = workbook_stream(bytes).map_err(Refusal::Damaged)?;
    for (index, (position, name)) in sheets(&stream).into_iter().enumerate() {
        let sheet = name.unwrap_or_else(|| (index + 1).to_string());
        if declared_cells(&stream, position) > MAX_GRID {
            return Err(Refusal::Declared { sheet });
        }
        sheet_span(&stream, position, &sheet)?;
    }
    Ok(())
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// The compound file's "Workbook" (or BIFF5 "Book") stream.
fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let header = |at, what: &str| u32_at(bytes, at).ok_or_else(|| format!("no {what} in the header"));
    let shift = u16_at(bytes, 0x1E).ok_or("too short")?;
    if !(9..=12).contains(&shift) {
        return Err("bad sector size".into());
    }
    let size = 1usize << shift;
    let sectors = bytes.len().saturating_sub(size) / size;
    let sector = |i: u32| -> Option<&[u8]> {
        let start = (i as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start + size)
    };
    // The FAT: its sectors are listed in the header, then in DIFAT sectors.
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|k| u32_at(bytes, 0x4C + 4 * k)).collect();
    let mut difat = header(0x44, "DIFAT start")?;
    for _ in 0..sectors {
        let Some(data) = sector(difat) else { break };
        fat_sectors.extend((0..size / 4 - 1).filter_map(|k| u32_at(data, 4 * k)));
        difat = u32_at(data, size - 4).unwrap_or(END_OF_CHAIN);
    }
    let fat: Vec<u32> = fat_sectors
        .iter()
        .take(sectors)
        .filter_map(|&s| sector(s))
        .flat_map(|data| (0..size / 4).filter_map(move |k| u32_at(data, 4 * k)))
        .collect();
    // A chain of sectors; a loop or a bad link ends it.
    let chain = |start: u32, table: &[u32], limit: usize| -> Vec<u32> {
        let mut links = Vec::new();
        let mut at = start;
        while (at as usize) < table.len() && links.len() < limit {
            links.push(at);
            at = table[at as usize];
        }
        links
    };
    let read = |start: u32| -> Vec<u8> {
        chain(start, &fat, sectors).iter().filter_map(|&s| sector(s)).flatten().copied().collect()
    };
    let directory = read(header(0x30, "directory start")?);
    let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
    let name_of = |entry: &[u8]| -> String {
        let len = (u16_at(entry, 0x40).unwrap_or(0) as usize).min(64) / 2;
        let units: Vec<u16> = (0..len.saturating_sub(1)).filter_map(|k| u16_at(entry, 2 * k)).collect();
        String::from_utf16_lossy(&units)
    };
    let entry = entries
        .iter()
        .find(|e| e.get(0x42) == Some(&2) && matches!(name_of(e).as_str(), "Workbook" | "Book"))
        .ok_or("no Workbook stream")?;
    let start = u32_at(entry, 0x74).ok_or("bad directory")?;
    let length = u32_at(entry, 0x78).ok_or("bad directory")? as usize;
    let cutoff = header(0x38, "mini stream cutoff")? as usize;
    let mut stream = if length >= cutoff {
        read(start)
    } else {
        // Small streams live in 64-byte mini sectors inside the root's stream.
        let root = entries.first().ok_or("no root entry")?;
        let mini_stream = read(u32_at(root, 0x74).ok_or("bad root entry")?);
        let mini_fat: Vec<u32> =
            read(header(0x3C, "mini FAT start")?).chunks_exact(4).filter_map(|c| u32_at(c, 0)).collect();
        chain(start, &mini_fat, mini_stream.len() / 64 + 1)
            .iter()
            .filter_map(|&s| mini_stream.get(s as usize * 64..s as usize * 64 + 64))
            .flatten()
            .copied()
            .collect()
    };
    stream.truncate(length);
    Ok(stream)
}

/// BIFF records: (id, data, offset of the next record).
fn record(stream: &[u8], at: usize) -> Option<(u16, &[u8], usize)> {
    let id = u16_at(stream, at)?;
    let len = u16_at(stream, at + 2)? as usize;
    let data = stream.get(at + 4..at + 4 + len)?;
    Some((id, data, at + 4 + len))
}

/// Where each sheet's substream starts and its name (BoundSheet8 records
/// of the globals).
fn sheets(stream: &[u8]) -> Vec<(usize, Option<String>)> {
    let mut found = Vec::new();
    let mut at = 0;
    let mut biff8 = true;
    while let Some((id, data, next)) = record(stream, at) {
        match id {
            0x0809 if at == 0 => biff8 = u16_at(data, 0) == Some(0x0600),
            0x0085 => found.extend(u32_at(data, 0).map(|p| (p as usize, sheet_name(data, biff8)))),
            0x000A => break,
            _ => {}
        }
        at = next;
    }
    found
}

/// A BoundSheet8's name: a count of characters, then (BIFF8) a flag for
/// two-byte characters, then the characters.
fn sheet_name(data: &[u8], biff8: bool) -> Option<String> {
    let count = usize::from(*data.get(6)?);
    if !biff8 {
        return Some(data.get(7..7 + count)?.iter().map(|&b| char::from(b)).collect());
    }
    let wide = data.get(7)? & 1 == 1;
    let text = data.get(8..)?;
    Some(if wide {
        String::from_utf16_lossy(&(0..count).map(|k| u16_at(text, 2 * k)).collect::<Option<Vec<u16>>>()?)
    } else {
        text.get(..count)?.iter().map(|&b| char::from(b)).collect()
    })
}

/// The records of one sheet's substream, from its BOF to its EOF (charts
/// embedded in it nest their own BOF/EOF pairs), as calamine walks them.
fn sheet_records(stream: &[u8], start: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = start;
    let mut depth = 0_i32;
    std::iter::from_fn(move || {
        if at == usize::MAX {
            return None;
        }
        let (id, data, next) = record(stream, at)?;
        match id {
            0x0809 => depth += 1,
            0x000A => depth -= 1,
            _ => {}
        }
        at = if id == 0x000A && depth <= 0 { usize::MAX } else { next };
        Some((id, data))
    })
}

/// The cells a sheet's DIMENSIONS record declares, computed as calamine
/// computes them when it reserves room for them (in 32-bit arithmetic that
/// wraps: a damaged record can claim billions).
fn declared_cells(stream: &[u8], start: usize) -> u64 {
    let Some((_, data)) = sheet_records(stream, start).find(|(id, _)| *id == 0x0200) else { return 0 };
    let (first_row, last_row, mut first_col, last_col) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0).unwrap_or(0)),
            u32::from(u16_at(data, 2).unwrap_or(0)),
            u32::from(u16_at(data, 4).unwrap_or(0)),
            u32::from(u16_at(data, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            u32_at(data, 0).unwrap_or(0),
            u32_at(data, 4).unwrap_or(0),
            u32::from(u16_at(data, 8).unwrap_or(0)),
            u32::from(u16_at(data, 10).unwrap_or(0)),
        ),
        _ => return 0,
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    if last_row == 0 || last_col == 0 {
        return 1;
    }
    let rows = (last_row - 1).wrapping_sub(first_row).wrapping_add(1);
    let cols = (last_col - 1).wrapping_sub(first_col).wrapping_add(1);
    u64::from(rows) * u64::from(cols)
}

/// Places a sheet's cells as calamine reads them, and refuses the sheet
/// once they span more than `MAX_GRID` cells.
fn sheet_span(stream: &[u8], start: usize, sheet: &str) -> Result<Option<Span>, Refusal> {
    let mut span = None;
    for (id, data) in sheet_records(stream, start) {
        let cells = match id {
            // Number, Label, RString, BoolErr, Rk, LabelSst, Formula.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                u16_at(data, 0).zip(u16_at(data, 2)).map(|(row, col)| (row, col, col))
            }
            // MulRk: row, first column, ..., last column.
            0x00BD => match (u16_at(data, 0), u16_at(data, 2), data.len().checked_sub(2).and_then(|e| u16_at(data, e)))
            {
                (Some(row), Some(first), Some(last)) => Some((row, first, last.max(first))),
                _ => None,
            },
            _ => None,
        };
        if let Some((row, first, last)) = cells {
            widen(&mut span, sheet, row.into(), first.into())?;
            widen(&mut span, sheet, row.into(), last.into())?;
        }
    }
    Ok(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixture_xls_passes_and_a_far_cell_is_caught() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/legacy/kepegawaian.xls")).unwrap();
        check(&bytes).unwrap();
        let stream = workbook_stream(&bytes).unwrap();
        let found = sheets(&stream);
        assert_eq!(found.len(), 1);
        let (position, name) = found[0].clone();
        let span = sheet_span(&stream, position, "SOP").unwrap().unwrap();
        assert!(span.rows() > 20 && span.cols() >= 8, "{span:?}");
        assert_eq!(name.as_deref(), Some("SIMPEG"));

        // A sheet whose one damaged cell stands at row 60,000, column 40,000.
        let record = |id: u16, data: &[u8]| {
            let mut r = id.to_le_bytes().to_vec();
            r.extend((data.len() as u16).to_le_bytes());
            r.extend(data);
            r
        };
        let cell = |row: u16, col: u16| [row.to_le_bytes(), col.to_le_bytes(), [0, 0], [0, 0], [0, 0]].concat();
        let sheet = [
            record(0x0809, &[0; 16]),
            record(0x00FD, &cell(2, 1)),
            record(0x00FD, &cell(60_000, 40_000)),
            record(0x000A, &[]),
        ]
        .concat();
        let Err(Refusal::Span(span)) = sheet_span(&sheet, 0, "Data") else { panic!("the far cell passes") };
        assert_eq!((span.first, span.far, span.rows(), span.cols()), ((2, 1), (60_000, 40_000), 59_999, 40_000));
        // A DIMENSIONS record whose last row is before its first: calamine's
        // 32-bit row count wraps to billions.
        let dimensions = [1000u32.to_le_bytes(), 10u32.to_le_bytes()].concat();
        let dimensions = [dimensions, [0, 0, 9, 0, 0, 0].to_vec()].concat();
        let sheet = [record(0x0809, &[0; 16]), record(0x0200, &dimensions), record(0x000A, &[])].concat();
        assert!(declared_cells(&sheet, 0) > MAX_GRID);
        assert_eq!(declared_cells(&stream, position), 27 * 9);
    }
}
