//! What every feature test uses: the real `sopkit` binary run on fixture
//! projects, a builder for a project under test ([`TestProject`]), and the
//! tools that see the output as a reader does (poppler's pdftotext,
//! pdfinfo, pdfsig and pdftoppm, zbarimg, pyHanko, the stock Typst
//! compiler).

pub use std::collections::HashMap;
pub use std::path::{Path, PathBuf};
pub use std::process::{Command, Output};

pub use serde_json::Value;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

/// `sopkit` with `args`, speaking English whatever the machine's locale
/// (the messages' Indonesian is tested on its own).
pub fn sopkit(args: &[&str]) -> Output {
    sopkit_in("C.UTF-8", args)
}

/// `sopkit` with `args` under the locale `lang` (`LANG`; `LC_ALL` and
/// `LC_MESSAGES` unset).
pub fn sopkit_in(lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sopkit"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .expect("run sopkit")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Builds a fixture into a fresh folder; panics with the errors on failure.
pub fn build(project: &Path, extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec!["build", project.to_str().unwrap(), "-o", out.path().to_str().unwrap()];
    args.extend(extra);
    let output = sopkit(&args);
    assert!(output.status.success(), "build failed:\n{}", stderr(&output));
    out
}

pub fn tool(name: &str, args: &[&str]) -> String {
    let output = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed by the tests (`.ci/run` installs it): {e}"));
    assert!(output.status.success(), "{name} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The PDF's text in content order, whitespace collapsed.
pub fn pdf_text(pdf: &Path) -> String {
    squash(&tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]))
}

pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn pdf_pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints Pages")
}

pub fn manifest(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Compiles an emitted source in-process, as `out_path` under `project`.
pub fn compile_emitted(project: &Path, out_path: &str, source: String, date: sopkit::model::Tanggal) -> usize {
    let fonts = sopkit::compile::world::Fonts::new(None).unwrap();
    let env = sopkit::compile::world::Environment::new(&project.canonicalize().unwrap(), fonts);
    let compiled = sopkit::compile::compile(&env, out_path, source, sopkit::compile::datetime_of(date))
        .unwrap_or_else(|e| panic!("{:?}", e.iter().map(|d| &d.message).collect::<Vec<_>>()));
    compiled.document.pages().len()
}

/// Compiles `source` with the stock Typst compiler into `pdf`: the `typst`
/// CLI when it is installed, else the PyPI package `typst` (the same
/// compiler, prebuilt; `.ci/run` installs it) through
/// tests/support/stock-typst.py. Neither installed is a failure: the
/// comparisons with the stock compiler never skip.
pub fn stock_compile(root_dir: &Path, source: &Path, pdf: &Path) {
    // Only the CLI of the Typst that sopkit embeds compares alike.
    let cli = Command::new("typst")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).starts_with("typst 0.15."));
    let mut command = if cli {
        let mut command = Command::new("typst");
        command.args(["compile", "--ignore-system-fonts"]);
        command
    } else {
        let mut command = Command::new("python3");
        command.arg(root().join("tests/support/stock-typst.py"));
        command
    };
    command.arg("--root").arg(root_dir).arg("--font-path").arg(root().join("templates/fonts")).arg(source).arg(pdf);
    let stock = command.output().expect("run the stock Typst compiler");
    assert!(stock.status.success(), "the stock Typst compiler failed: {}", String::from_utf8_lossy(&stock.stderr));
}

/// A copy of a fixture project to change and build, in a temporary folder
/// that lives as long as the value. Outputs go to `out/` beside the
/// project, so that the project's own files stay as the test made them.
pub struct TestProject {
    work: tempfile::TempDir,
    pub root: PathBuf,
}

impl TestProject {
    /// A fresh copy of `fixtures/<name>`.
    pub fn copy(name: &str) -> Self {
        let work = tempfile::tempdir().unwrap();
        let root = work.path().join("proyek");
        copy_dir(&fixture(name), &root);
        Self { work, root }
    }

    /// The folder around the project (for files outside it).
    pub fn work(&self) -> &Path {
        self.work.path()
    }

    /// A path inside the project.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// Where `build` writes.
    pub fn out(&self) -> PathBuf {
        self.work.path().join("out")
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    /// Writes a project file (folders created as needed).
    pub fn write(&self, relative: &str, text: &str) -> &Self {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Replaces `from` by `to` in a project file; `from` must be there.
    pub fn edit(&self, relative: &str, from: &str, to: &str) -> &Self {
        let text = self.read(relative);
        assert!(text.contains(from), "{relative} has no {from:?}");
        self.write(relative, &text.replace(from, to))
    }

    /// `sopkit <command>` on this project, writing into `out()`:
    /// `build PROJECT -o OUT` (`watch`, `terbit` alike), `laporan --project PROJECT -o OUT`, and
    /// `check PROJECT` or `templates PROJECT`; then `extra`.
    pub fn run(&self, command: &str, extra: &[&str]) -> Output {
        let root = self.root.to_str().unwrap();
        let out = self.out();
        let out = out.to_str().unwrap();
        let mut args = match command {
            "build" | "watch" | "terbit" | "monev" => vec![command, root, "-o", out],
            "laporan" => vec![command, "--project", root, "-o", out],
            "check" | "templates" => vec![command, root],
            other => panic!("TestProject::run does not know `{other}`"),
        };
        args.extend(extra);
        sopkit(&args)
    }

    /// Builds into `out()`; panics with the errors on failure.
    pub fn build(&self, extra: &[&str]) -> Output {
        let output = self.run("build", extra);
        assert!(output.status.success(), "build failed:\n{}", stderr(&output));
        output
    }
}

/// Every printed text of a definition: identity fields, lists, actors and
/// every step's cells (and the revision notes, where the profile prints a
/// PEMBAHARUAN row).
pub fn printed_texts(definition: &Path, with_revisions: bool) -> Vec<String> {
    let text = std::fs::read_to_string(definition).unwrap();
    let def: Value = serde_saphyr::from_str(&text).unwrap();
    let mut texts = vec![def["nomor"].as_str().unwrap().to_owned(), def["nama"].as_str().unwrap().to_owned()];
    for key in [
        "dasar_hukum",
        "kualifikasi_pelaksana",
        "keterkaitan",
        "peralatan_perlengkapan",
        "peringatan",
        "pencatatan_pendataan",
    ] {
        for item in def[key].as_array().into_iter().flatten() {
            texts.push(item.as_str().unwrap().to_owned());
        }
    }
    for revisi in def["revisi"].as_array().into_iter().flatten().filter(|_| with_revisions) {
        texts.push(revisi["perubahan"].as_str().unwrap().to_owned());
    }
    for label in def["pelaksana"].as_object().unwrap().values() {
        texts.push(label.as_str().unwrap().to_owned());
    }
    for step in def["langkah"].as_array().unwrap() {
        for key in ["kegiatan", "kelengkapan", "waktu", "output", "keterangan"] {
            if let Some(value) = step[key].as_str() {
                texts.push(value.to_owned());
            }
        }
    }
    texts.into_iter().map(|t| squash(&t)).collect()
}

pub fn assert_all_printed(pdf: &Path, definition: &Path) {
    let text = pdf_text(pdf);
    let with_revisions = text.contains("PEMBAHARUAN");
    // A narrow cell breaks a line after "/" or "-" without a hyphen: the
    // words read the same, so the line breaks do not count.
    // A name broken at its syllables shows soft hyphens (U+00AD) where it
    // may break and, where it did, the next line's part: one word to a
    // reader.
    let unbroken = |t: &str| {
        let joined: String = t.split('\u{ad}').map(|part| part.trim_start()).collect();
        joined.replace("/ ", "/").replace("- ", "-")
    };
    // A word too long for its cell breaks inside itself (a lane of 13
    // actors leaves "pertanggungjawaban" no room): letters in order, with
    // the line breaks taken out.
    let solid = |t: &str| t.split_whitespace().collect::<String>();
    let (text_unbroken, text_solid) = (unbroken(&text), solid(&text));
    for expected in printed_texts(definition, with_revisions) {
        let found = text_unbroken.contains(&unbroken(&expected))
            || expected.split_whitespace().any(|w| w.chars().count() >= 12) && text_solid.contains(&solid(&expected));
        assert!(found, "{} lacks {expected:?}\n--- text ---\n{text}", pdf.display());
    }
}

/// A page rendered in grey at `scale` pixels per point: (width, height, pixels).
pub fn render_gray(pdf: &Path, page: usize, scale: f64) -> (usize, usize, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("p");
    let (page, dpi) = (page.to_string(), (72.0 * scale).to_string());
    tool("pdftoppm", &["-gray", "-r", &dpi, "-f", &page, "-l", &page, pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let image = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().path();
    let bytes = std::fs::read(image).unwrap();
    // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[at + 1..at + 1 + w * h].to_vec())
}

/// Checks, on the rendered page, that a box is drawn where `rect_top_left_pt`
/// says: its four edges are found within 1 pt of the manifest's.
pub fn assert_box_drawn_at(pdf: &Path, signature: &Value) {
    let scale = 4.0;
    let page = signature["page"].as_u64().unwrap() as usize;
    let (w, h, pixels) = render_gray(pdf, page, scale);
    let rect: Vec<f64> =
        signature["rect_top_left_pt"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    let [x, y, bw, bh] = [rect[0] * scale, rect[1] * scale, rect[2] * scale, rect[3] * scale];
    let dark = |px: usize, py: usize| px < w && py < h && pixels[py * w + px] < 235;
    // An edge is a line of ink along most of the box's side.
    let column_inked = |px: usize| (0..bh as usize).filter(|dy| dark(px, y as usize + dy)).count() as f64 > 0.8 * bh;
    let row_inked = |py: usize| (0..bw as usize).filter(|dx| dark(x as usize + dx, py)).count() as f64 > 0.8 * bw;
    let search = 3.0 * scale; // look 3 pt either side of where the edge should be
    let found = |at: f64, inked: &dyn Fn(usize) -> bool| -> Option<f64> {
        let hits: Vec<f64> = ((at - search).max(0.0) as usize..=(at + search) as usize)
            .filter(|&p| inked(p))
            .map(|p| p as f64)
            .collect();
        // The line's middle, in points.
        (!hits.is_empty()).then(|| (hits[0] + hits[hits.len() - 1] + 1.0) / 2.0 / scale)
    };
    let edges = [
        ("left", found(x, &column_inked), rect[0]),
        ("right", found(x + bw, &column_inked), rect[0] + rect[2]),
        ("top", found(y, &row_inked), rect[1]),
        ("bottom", found(y + bh, &row_inked), rect[1] + rect[3]),
    ];
    for (side, drawn, expected) in edges {
        let drawn = drawn.unwrap_or_else(|| panic!("{}: no {side} edge near {expected} pt", pdf.display()));
        assert!(
            (drawn - expected).abs() <= 1.0,
            "{}: {side} edge drawn at {drawn} pt, manifest {expected} pt",
            pdf.display()
        );
    }
}

/// Checks every output of a manifest (PDF/A-2b, qpdf) and signs every field
/// of those that have fields; returns how many were signed.
pub fn sign_every_output(out: &Path) -> usize {
    let manifest = manifest(out);
    let mut signed_documents = 0;
    for entry in manifest["outputs"].as_array().unwrap() {
        let pdf = out.join(entry["path"].as_str().unwrap());
        assert_eq!(pdfa_identification(&pdf), Some(("2".into(), "B".into())), "{} is PDF/A-2b", pdf.display());
        assert!(tool("qpdf", &["--check", pdf.to_str().unwrap()]).contains("No syntax or stream encoding errors"));
        let fields: Vec<String> = entry["signatures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["field"].as_str().expect("a field name with --sign-fields").to_owned())
            .collect();
        if fields.is_empty() {
            continue;
        }
        let signed = out.join("signed.pdf");
        let signer = Command::new("python3")
            .arg(root().join("tests/support/sign.py"))
            .arg(&pdf)
            .arg(&signed)
            .output()
            .expect("python3 with pyHanko is needed (pip install pyhanko)");
        assert!(signer.status.success(), "pyHanko: {}", String::from_utf8_lossy(&signer.stderr));
        let signed_fields: Vec<String> = String::from_utf8_lossy(&signer.stdout).lines().map(str::to_owned).collect();
        assert_eq!(signed_fields, fields, "every field of the manifest, and only those, can be signed");
        let verdicts = pdfsig(&signed);
        assert_eq!(verdicts.len(), fields.len());
        assert!(verdicts.iter().all(|(_, valid, _)| *valid), "{verdicts:?}");
        assert!(verdicts.last().unwrap().2, "the last signature covers the whole document");
        assert!(tool("qpdf", &["--check", signed.to_str().unwrap()]).contains("No syntax or stream encoding errors"));
        signed_documents += 1;
    }
    signed_documents
}

/// pdfsig's verdicts: (field name, valid, whole document signed) per signature.
pub fn pdfsig(pdf: &Path) -> Vec<(String, bool, bool)> {
    let output = Command::new("pdfsig").arg(pdf).output().expect("pdfsig (poppler-utils) is needed");
    let text = String::from_utf8_lossy(&output.stdout);
    let mut out: Vec<(String, bool, bool)> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix("- Signature Field Name: ") {
            out.push((name.to_owned(), false, false));
        } else if line == "- Signature Validation: Signature is Valid." {
            out.last_mut().expect("a signature").1 = true;
        } else if line == "- Total document signed" {
            out.last_mut().expect("a signature").2 = true;
        }
    }
    out
}

/// Reads the PDF/A identification that `pdfinfo -meta` prints from the XMP
/// metadata: `Some((part, conformance))`.
pub fn pdfa_identification(pdf: &Path) -> Option<(String, String)> {
    let xmp = tool("pdfinfo", &["-meta", pdf.to_str().unwrap()]);
    let between = |open: &str, close: &str| {
        let start = xmp.find(open)? + open.len();
        Some(xmp[start..start + xmp[start..].find(close)?].to_owned())
    };
    Some((between("<pdfaid:part>", "</pdfaid:part>")?, between("<pdfaid:conformance>", "</pdfaid:conformance>")?))
}

/// Geometry records of one document, from the library (same pipeline as the
/// binary), grouped by kind.
pub fn geometry(project: &Path) -> Vec<(String, Vec<Value>)> {
    let options = sopkit::pipeline::BuildOptions {
        project: project.to_path_buf(),
        write: false,
        geometry: true,
        ..Default::default()
    };
    let outcome = sopkit::pipeline::run(&options, &sopkit::pipeline::Silent).unwrap();
    assert!(!outcome.failed(), "{}", outcome.diagnostics.render_plain());
    outcome.documents.into_iter().filter(|d| d.path.starts_with("sop/")).map(|d| (d.path, d.geometry)).collect()
}

pub fn num(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} in {v}"))
}

/// A minimal xlsx with the given cells (inline strings) on one sheet.
pub fn write_xlsx(path: &Path, sheet: &str, cells: &[(&str, &str)]) {
    let mut rows: std::collections::BTreeMap<u32, Vec<(&str, &str)>> = Default::default();
    for &(at, text) in cells {
        let row: u32 = at.trim_start_matches(|c: char| c.is_ascii_alphabetic()).parse().unwrap();
        rows.entry(row).or_default().push((at, text));
    }
    let sheet_data: String = rows
        .iter()
        .map(|(r, cells)| {
            let cells: String = cells
                .iter()
                .map(|(at, text)| format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#))
                .collect();
            format!(r#"<row r="{r}">{cells}</row>"#)
        })
        .collect();
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts = [
        (
            "[Content_Types].xml",
            String::from(
                r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(r#"<worksheet xmlns="{main}"><sheetData>{sheet_data}</sheetData></worksheet>"#),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// The QR codes zbarimg finds on a page rendered at 300 dpi.
pub fn qr_codes(pdf: &Path, page: usize) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("p");
    let page = page.to_string();
    tool("pdftoppm", &["-r", "300", "-f", &page, "-l", &page, "-png", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let image = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().path();
    let output = Command::new("zbarimg")
        .args(["-q", "--raw"])
        .arg(&image)
        .output()
        .expect("zbarimg is needed by the tests (apt-get install zbar-tools)");
    String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect()
}
