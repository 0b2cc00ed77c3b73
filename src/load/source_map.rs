//! Stage 1, load: maps a path in a loaded document (`langkah[2].pelaksana`) back to the
//! bytes it came from, for YAML and TOML alike, so that validation can point
//! at the offending line of either format.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path into a document, built with [`DocPath::key`] and [`DocPath::index`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct DocPath(pub Vec<Seg>);

impl DocPath {
    pub fn root() -> Self {
        Self::default()
    }

    pub fn key(&self, key: &str) -> Self {
        let mut path = self.clone();
        path.0.push(Seg::Key(key.to_owned()));
        path
    }

    pub fn index(&self, index: usize) -> Self {
        let mut path = self.clone();
        path.0.push(Seg::Index(index));
        path
    }

    fn parent(&self) -> Option<Self> {
        let mut path = self.clone();
        path.0.pop().map(|_| path)
    }
}

impl fmt::Display for DocPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(key) if i == 0 => write!(f, "{key}")?,
                Seg::Key(key) => write!(f, ".{key}")?,
                Seg::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
struct Entry {
    key: Option<Range<usize>>,
    value: Range<usize>,
}

/// Byte ranges of every key and value of one document. Shared once built:
/// `watch` hands the definitions it remembers to every build, a thousand
/// maps of hundreds of paths each.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    entries: std::sync::Arc<HashMap<DocPath, Entry>>,
}

impl SourceMap {
    /// The value at `path`, or the nearest ancestor that was recorded.
    pub fn value(&self, path: &DocPath) -> Range<usize> {
        self.find(path).map(|e| e.value.clone()).unwrap_or(0..0)
    }

    /// The key of `path` (falls back to its value, then to an ancestor).
    pub fn key(&self, path: &DocPath) -> Range<usize> {
        self.find(path).map(|e| e.key.clone().unwrap_or(e.value.clone())).unwrap_or(0..0)
    }

    /// Whether `path` itself was recorded (not only an ancestor).
    pub fn contains(&self, path: &DocPath) -> bool {
        self.entries.contains_key(path)
    }

    fn find(&self, path: &DocPath) -> Option<&Entry> {
        let mut path = path.clone();
        loop {
            if let Some(entry) = self.entries.get(&path) {
                return Some(entry);
            }
            path = path.parent()?;
        }
    }

    /// Indexes a YAML document. Parse errors are left to the deserializer,
    /// which reports them with a location; the map then stays partial.
    pub fn from_yaml(text: &str) -> Self {
        use granit_parser::{Event, Parser};

        enum Frame {
            Map {
                path: DocPath,
                key: Option<(String, Range<usize>)>,
            },
            Seq {
                path: DocPath,
                next: usize,
            },
            /// A complex key (a map used as a key): ignored.
            Skip,
        }

        let mut map = SourceMap::default();
        let mut stack: Vec<Frame> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let range = span.byte_range().unwrap_or(0..0);
            let starts_node = matches!(
                event,
                Event::Scalar(..) | Event::MappingStart(..) | Event::SequenceStart(..) | Event::Alias(..)
            );
            let mut node_path = None;
            if starts_node {
                match stack.last_mut() {
                    None => node_path = Some((DocPath::root(), None)),
                    Some(Frame::Map { path, key }) => match key.take() {
                        Some((name, key_range)) => node_path = Some((path.key(&name), Some(key_range))),
                        None => {
                            if let Event::Scalar(value, ..) = &event {
                                *key = Some((value.to_string(), range.clone()));
                                continue;
                            }
                        }
                    },
                    Some(Frame::Seq { path, next }) => {
                        node_path = Some((path.index(*next), None));
                        *next += 1;
                    }
                    Some(Frame::Skip) => {}
                }
            }
            let path = node_path.map(|(path, key)| {
                std::sync::Arc::make_mut(&mut map.entries).insert(path.clone(), Entry { key, value: range.clone() });
                path
            });
            match event {
                Event::MappingStart(..) => stack.push(match path {
                    Some(path) => Frame::Map { path, key: None },
                    None => Frame::Skip,
                }),
                Event::SequenceStart(..) => stack.push(match path {
                    Some(path) => Frame::Seq { path, next: 0 },
                    None => Frame::Skip,
                }),
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        map
    }

    /// Indexes a TOML document.
    pub fn from_toml(text: &str) -> Self {
        let mut map = SourceMap::default();
        if let Ok(document) = text.parse::<toml_edit::ImDocument<String>>() {
            std::sync::Arc::make_mut(&mut map.entries).insert(DocPath::root(), Entry { key: None, value: 0..0 });
            map.walk_table(document.as_table(), &DocPath::root());
        }
        map
    }

    fn walk_table(&mut self, table: &toml_edit::Table, path: &DocPath) {
        for (name, _) in table.iter() {
            let Some((key, item)) = table.get_key_value(name) else {
                continue;
            };
            let child = path.key(name);
            let value = item.span().or_else(|| key.span()).unwrap_or(0..0);
            std::sync::Arc::make_mut(&mut self.entries).insert(child.clone(), Entry { key: key.span(), value });
            self.walk_item(item, &child);
        }
    }

    fn walk_item(&mut self, item: &toml_edit::Item, path: &DocPath) {
        match item {
            toml_edit::Item::Table(table) => self.walk_table(table, path),
            toml_edit::Item::ArrayOfTables(array) => {
                for (i, table) in array.iter().enumerate() {
                    let child = path.index(i);
                    let value = table.span().unwrap_or(0..0);
                    std::sync::Arc::make_mut(&mut self.entries).insert(child.clone(), Entry { key: None, value });
                    self.walk_table(table, &child);
                }
            }
            toml_edit::Item::Value(value) => self.walk_value(value, path),
            toml_edit::Item::None => {}
        }
    }

    fn walk_value(&mut self, value: &toml_edit::Value, path: &DocPath) {
        match value {
            toml_edit::Value::Array(array) => {
                for (i, element) in array.iter().enumerate() {
                    let child = path.index(i);
                    std::sync::Arc::make_mut(&mut self.entries)
                        .insert(child.clone(), Entry { key: None, value: element.span().unwrap_or(0..0) });
                    self.walk_value(element, &child);
                }
            }
            toml_edit::Value::InlineTable(table) => {
                for (name, element) in table.iter() {
                    let child = path.key(name);
                    let key = table.key(name).and_then(|k| k.span());
                    std::sync::Arc::make_mut(&mut self.entries)
                        .insert(child.clone(), Entry { key, value: element.span().unwrap_or(0..0) });
                    self.walk_value(element, &child);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at(text: &str, range: Range<usize>) -> &str {
        &text[range]
    }

    #[test]
    fn yaml_paths_point_at_their_values() {
        let text = "nama: Uji\nlangkah:\n  - kegiatan: Menulis\n    pelaksana: staf\n  - kegiatan: Membaca\n    pelaksana: kabid\n";
        let map = SourceMap::from_yaml(text);
        let path = DocPath::root().key("langkah").index(1).key("pelaksana");
        assert_eq!(text_at(text, map.value(&path)), "kabid");
        assert_eq!(text_at(text, map.key(&path)), "pelaksana");
        // An unknown path falls back to its nearest recorded ancestor.
        let missing = DocPath::root().key("langkah").index(1).key("keputusan");
        assert_eq!(map.value(&missing).start, text.find("kegiatan: Membaca").unwrap());
    }

    #[test]
    fn toml_paths_point_at_their_values() {
        let text = "nama = \"Uji\"\n[[langkah]]\nkegiatan = \"Menulis\"\npelaksana = \"staf\"\n[[langkah]]\nkegiatan = \"Membaca\"\npelaksana = \"kabid\"\n";
        let map = SourceMap::from_toml(text);
        let path = DocPath::root().key("langkah").index(1).key("pelaksana");
        assert_eq!(text_at(text, map.value(&path)), "\"kabid\"");
        assert_eq!(path.to_string(), "langkah[1].pelaksana");
    }
}
