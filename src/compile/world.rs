//! Stage 6, compile: the Typst world sopkit compiles in: the generated source served from
//! memory, the embedded fonts plus an optional project font folder, project
//! files read through a root that refuses every path outside the project,
//! no packages, and a fixed date so that output is reproducible.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::{FontSource, FontStore};

/// A project file as Typst code names it: absolute from the project root
/// (`logo.png` -> `/logo.png`), the only files the compiler may read.
pub fn project_path(path: &Path) -> String {
    format!("/{}", path.to_string_lossy().trim_start_matches("./"))
}

use crate::diagnostic::EnvError;

/// Fonts compiled into the binary: the text face of the SOP sheets, the
/// Aksara Bali face and the decree's Bookman-like serif.
pub(crate) const EMBEDDED_FONTS: [&[u8]; 9] = [
    include_bytes!("../../templates/fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../templates/fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../templates/fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../../templates/fonts/LiberationSans-BoldItalic.ttf"),
    include_bytes!("../../templates/fonts/NotoSansBalinese-Regular.ttf"),
    include_bytes!("../../templates/fonts/texgyrebonum-regular.otf"),
    include_bytes!("../../templates/fonts/texgyrebonum-bold.otf"),
    include_bytes!("../../templates/fonts/texgyrebonum-italic.otf"),
    include_bytes!("../../templates/fonts/texgyrebonum-bolditalic.otf"),
];

/// An embedded face. Typst loads it when a document first uses it, and
/// then gets it without its TrueType hinting (see `unhinted`).
struct EmbeddedFace {
    file: usize,
    index: u32,
}

impl FontSource for EmbeddedFace {
    fn load(&self) -> Option<Font> {
        Font::new(unhinted_font_file(self.file).clone(), self.index)
    }
}

/// An embedded font file without hinting, made once per process.
fn unhinted_font_file(file: usize) -> &'static Bytes {
    static FILES: [OnceLock<Bytes>; EMBEDDED_FONTS.len()] = [const { OnceLock::new() }; EMBEDDED_FONTS.len()];
    FILES[file].get_or_init(|| {
        let data = EMBEDDED_FONTS[file];
        crate::compile::unhinted::strip_hinting(data).map_or_else(|| Bytes::new(data), Bytes::new)
    })
}

/// The fonts of one project: embedded ones first, then the project's folder.
pub struct Fonts {
    store: FontStore,
}

impl Fonts {
    pub fn new(extra_dir: Option<&Path>) -> Result<Self, EnvError> {
        let mut store = FontStore::new();
        // Described from the original files: hinting changes no face's info.
        for (file, data) in EMBEDDED_FONTS.iter().enumerate() {
            store.extend(
                FontInfo::iter(data)
                    .enumerate()
                    .map(|(index, info)| (EmbeddedFace { file, index: index as u32 }, info)),
            );
        }
        if let Some(dir) = extra_dir {
            let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .map(walkdir::DirEntry::into_path)
                .filter(|p| {
                    matches!(
                        p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
                        Some("ttf" | "otf" | "ttc" | "otc")
                    )
                })
                .collect();
            paths.sort();
            for path in paths {
                let data = std::fs::read(&path).map_err(|e| EnvError::io("cannot read font", &path, e))?;
                store.extend(Font::iter(Bytes::new(data)).map(|font| {
                    let info = font.info().clone();
                    (font, info)
                }));
            }
        }
        Ok(Self { store })
    }

    /// Whether a family name is known (case-insensitive, as Typst matches).
    /// The face Typst picks for `family` in `variant`.
    pub fn select(&self, family: &str, variant: typst::text::FontVariant) -> Option<Font> {
        self.store.book().select(&family.to_lowercase(), variant).and_then(|index| self.store.font(index))
    }

    pub fn has_family(&self, family: &str) -> bool {
        self.store.book().contains_family(&family.to_lowercase())
    }

    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self.store.book().families().map(|(name, _)| name.to_owned()).collect();
        names.dedup();
        names
    }
}

/// Shared, read-only state of every compilation in a build.
pub struct Environment {
    library: LazyHash<Library>,
    fonts: Fonts,
    root: PathBuf,
    /// Project files already read, shared by all compilations.
    files: Mutex<HashMap<PathBuf, FileResult<Bytes>>>,
    /// Generated sources every compilation may import (the laporan
    /// library), parsed once: the same `Source` in every compilation lets
    /// Typst reuse its evaluation and the layouts built from it.
    generated: HashMap<FileId, Source>,
}

impl Environment {
    pub fn new(root: &Path, fonts: Fonts) -> Self {
        Self {
            library: LazyHash::new(Library::builder().build()),
            fonts,
            root: root.to_path_buf(),
            files: Mutex::new(HashMap::new()),
            generated: HashMap::new(),
        }
    }

    /// Serves `text` at the project path `name` (e.g. `laporan/lib.typ`),
    /// in place of any file there.
    pub fn with_generated(mut self, name: &str, text: String) -> Self {
        let id = project_file(name);
        self.generated.insert(id, Source::new(id, text));
        self
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// Reads a project file, refusing anything that resolves outside the
    /// project (`..`, absolute paths, symlinks pointing elsewhere).
    fn read(&self, vpath: &VirtualPath) -> FileResult<Bytes> {
        let path = self.root.join(vpath.get_without_slash());
        if let Some(cached) = self.files.lock().ok().and_then(|files| files.get(&path).cloned()) {
            return cached;
        }
        let result = (|| {
            let real = path.canonicalize().map_err(|e| FileError::from_io(e, &path))?;
            if !real.starts_with(&self.root) {
                return Err(FileError::AccessDenied);
            }
            if real.is_dir() {
                return Err(FileError::IsDirectory);
            }
            std::fs::read(&real).map(Bytes::new).map_err(|e| FileError::from_io(e, &path))
        })();
        if let Ok(mut files) = self.files.lock() {
            files.insert(path, result.clone());
        }
        result
    }
}

/// One compilation: a generated main source in an [`Environment`].
pub struct SopWorld<'a> {
    env: &'a Environment,
    main: Source,
    today: Datetime,
}

fn project_file(name: &str) -> FileId {
    let vpath =
        VirtualPath::new(format!("/{name}")).unwrap_or_else(|_| VirtualPath::new("/main.typ").expect("valid path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl<'a> SopWorld<'a> {
    /// `name` is the virtual path of the generated source, e.g. `sop/a.typ`.
    pub fn new(env: &'a Environment, name: &str, text: String, today: Datetime) -> Self {
        Self { env, main: Source::new(project_file(name), text), today }
    }

    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

impl World for SopWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.env.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.env.fonts.store.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        if let Some(source) = self.env.generated.get(&id) {
            return Ok(source.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        if let Some(source) = self.env.generated.get(&id) {
            return Ok(Bytes::from_string(source.text().to_owned()));
        }
        match id.get().root() {
            VirtualRoot::Project => self.env.read(id.get().vpath()),
            _ => Err(FileError::Other(Some("sopkit does not load Typst packages".into()))),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.env.fonts.store.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
