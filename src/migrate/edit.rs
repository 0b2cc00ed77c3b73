//! Edits that keep a file as its author wrote it: a value replaced where
//! it stands, entries added to sopkit.toml through `toml_edit` (which
//! keeps every comment), and the changed lines shown as a diff.

use std::ops::Range;

use toml_edit::{DocumentMut, Item, Table, value};

use super::Plan;
use crate::diagnostic::EnvError;
use crate::load::{DocPath, Loaded};
use crate::model::SopDef;

/// Text to put in place of a byte range.
#[derive(Debug, Clone)]
pub struct Replace {
    pub range: Range<usize>,
    pub text: String,
}

impl Replace {
    /// A scalar value at `path` becomes `key`, quoted as the file's
    /// format and the old value's quotes require.
    pub fn value(doc: &Loaded<SopDef>, path: &DocPath, key: &str) -> Replace {
        let range = doc.map.value(path);
        let old = &doc.file.text[range.clone()];
        let quoted = old.starts_with('"') || old.starts_with('\'');
        let toml = doc.file.name.ends_with(".toml");
        let text = if toml && quoted { format!("\"{key}\"") } else { key.to_owned() };
        Replace { range, text }
    }
}

/// One hunk of a diff: at a line of the old file, the lines removed and
/// those added.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The first line removed (or where lines are added), in the old file.
    pub line: usize,
    /// The first line added, in the new file.
    pub new_line: usize,
    pub removed: Vec<String>,
    pub added: Vec<String>,
}

/// Applies edits (which do not overlap) and gives the new text with its
/// diff.
pub fn apply(text: &str, mut edits: Vec<Replace>) -> (String, Vec<Change>) {
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut new = text.to_owned();
    for edit in edits {
        new.replace_range(edit.range, &edit.text);
    }
    let changes = diff(text, &new);
    (new, changes)
}

/// The range after `disahkan_oleh:` that holds the signer written out (a
/// block of indented lines, or a flow map on the key's line), when it can
/// be replaced by a key without losing a comment; YAML only.
pub fn signer_block(doc: &Loaded<SopDef>) -> Option<Range<usize>> {
    let path = DocPath::root().key("disahkan_oleh");
    if doc.file.name.ends_with(".toml") || !doc.map.contains(&path) {
        return None;
    }
    let text = &doc.file.text;
    let key = doc.map.key(&path);
    let line_start = text[..key.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = key.start - line_start;
    let colon = key.end + text[key.end..].find(':')?;
    let line_end = text[colon..].find('\n').map_or(text.len(), |i| colon + i);
    let rest = text[colon + 1..line_end].trim();
    if !rest.is_empty() {
        // `disahkan_oleh: { jabatan: ..., nama: ... }` on one line.
        return (rest.starts_with('{') && rest.ends_with('}')).then_some(colon + 1..line_end);
    }
    let mut end = line_end;
    let mut offset = line_end + 1;
    while offset < text.len() {
        let next = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = &text[offset..next];
        let trimmed = line.trim_start();
        if !trimmed.is_empty() {
            if line.len() - trimmed.len() <= indent {
                break;
            }
            if trimmed.starts_with('#') || trimmed.contains(" #") {
                return None;
            }
            end = next;
        }
        offset = next + 1;
    }
    (end > line_end).then_some(colon + 1..end)
}

/// sopkit.toml with the plan's new positions and Dasar Hukum items, each
/// group under a comment; the rest of the file as it was.
pub fn config(text: &str, plan: &Plan) -> Result<(String, Vec<Change>), EnvError> {
    let mut doc: DocumentMut =
        text.parse().map_err(|e: toml_edit::TomlError| EnvError(format!("sopkit.toml: {}", e.message())))?;
    if !plan.positions.is_empty() {
        if !doc.contains_key("jabatan") {
            let mut parent = Table::new();
            parent.set_implicit(true);
            doc.insert("jabatan", Item::Table(parent));
        }
        let parent = doc["jabatan"]
            .as_table_mut()
            .ok_or_else(|| EnvError(crate::tr!("migrate-table-inline", table = "jabatan")))?;
        for (n, position) in plan.positions.iter().enumerate() {
            let mut table = Table::new();
            table.insert("jabatan", value(&position.jabatan));
            if let Some(holder) = &position.holder {
                table.insert("nama", value(&holder.nama));
                if let Some(nip) = &holder.nip {
                    table.insert("nip", value(nip));
                }
                if let Some(pangkat) = &holder.pangkat {
                    table.insert("pangkat", value(pangkat));
                }
            }
            if n == 0 {
                table.decor_mut().set_prefix(format!("\n# {}\n", crate::tr!("migrate-comment-positions")));
            }
            parent.insert(&position.key, Item::Table(table));
        }
    }
    if !plan.laws.is_empty() {
        if !doc.contains_key("dasar_hukum") {
            let mut table = Table::new();
            table.decor_mut().set_prefix(format!("\n# {}\n", crate::tr!("migrate-comment-laws")));
            doc.insert("dasar_hukum", Item::Table(table));
        }
        let table = doc["dasar_hukum"]
            .as_table_mut()
            .ok_or_else(|| EnvError(crate::tr!("migrate-table-inline", table = "dasar_hukum")))?;
        for (key, text, _) in &plan.laws {
            table.insert(key, value(text));
        }
    }
    let new = doc.to_string();
    let changes = diff(text, &new);
    Ok((new, changes))
}

/// The hunks that turn `old` into `new`, line by line (a longest common
/// subsequence: files here are a few hundred lines).
pub fn diff(old: &str, new: &str) -> Vec<Change> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let mut common = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] { common[i + 1][j + 1] + 1 } else { common[i + 1][j].max(common[i][j + 1]) };
        }
    }
    let mut changes: Vec<Change> = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut open: Option<Change> = None;
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            changes.extend(open.take());
            i += 1;
            j += 1;
            continue;
        }
        let hunk =
            open.get_or_insert_with(|| Change { line: i + 1, new_line: j + 1, removed: Vec::new(), added: Vec::new() });
        if j < b.len() && (i == a.len() || common[i][j + 1] >= common[i + 1][j]) {
            hunk.added.push(b[j].to_owned());
            j += 1;
        } else {
            hunk.removed.push(a[i].to_owned());
            i += 1;
        }
    }
    changes.extend(open);
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_names_each_changed_line_once() {
        let changes = diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
        assert_eq!(
            changes,
            vec![
                Change { line: 2, new_line: 2, removed: vec!["b".into()], added: vec!["B".into()] },
                Change { line: 5, new_line: 5, removed: vec![], added: vec!["e".into()] },
            ]
        );
    }
}
