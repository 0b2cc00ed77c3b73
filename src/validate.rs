//! Stage 2, validate: check a loaded project once, point every mistake at
//! the line that causes it, and resolve each SOP into a [`Flow`] that later
//! stages can trust (targets exist, every step is reachable, every path ends).

use std::collections::{HashMap, VecDeque};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::flow::{Branch, Edge, Flow, FlowStep, Symbol};
use crate::load::{DocPath, Loaded, Project, SopSource};
use crate::model::{KeputusanDef, Pejabat, ProjectConfig, SopDef, Tanggal, Target, Unit};
use crate::text::squash;

/// An SOP that passed validation, ready to lay out and render.
#[derive(Debug, Clone)]
pub struct ValidSop {
    pub source: SopSource,
    pub unit_key: String,
    pub unit: Unit,
    pub flow: Flow,
}

impl ValidSop {
    pub fn def(&self) -> &SopDef {
        &self.source.doc.value
    }
}

/// Checks the whole project. Returns the SOPs that are valid; errors and
/// warnings go to `diagnostics`.
pub fn validate_project(project: &Project, diagnostics: &mut Diagnostics) -> Vec<ValidSop> {
    validate_config(&project.config, &project.root, diagnostics);
    let mut first_nomor: HashMap<String, &SopSource> = HashMap::new();
    let mut valid = Vec::new();
    for sop in &project.sops {
        let before = diagnostics.errors().count();
        let nomor = sop.doc.value.nomor.trim().to_owned();
        match first_nomor.get(&nomor) {
            Some(first) => diagnostics.push(
                sop.doc
                    .error_at(&DocPath::root().key("nomor"), format!("nomor SOP `{nomor}` is already used"))
                    .with_hint(format!("{} has the same nomor", first.doc.file.name)),
            ),
            None => {
                first_nomor.insert(nomor, sop);
            }
        }
        let unit = resolve_unit(&project.config.value, &sop.doc, diagnostics);
        let flow = validate_sop(&sop.doc, diagnostics);
        if let (Some((unit_key, unit)), Some(flow)) = (unit, flow)
            && diagnostics.errors().count() == before
        {
            valid.push(ValidSop { source: sop.clone(), unit_key, unit, flow });
        }
    }
    valid
}

fn validate_config(config: &Loaded<ProjectConfig>, root: &std::path::Path, diagnostics: &mut Diagnostics) {
    let value = &config.value;
    let path = DocPath::root();
    if value.units.is_empty() {
        diagnostics.push(config.error_at(&path.key("units"), "at least one unit with its kop lines is needed"));
    }
    if let Some(main) = &value.unit_utama
        && !value.units.contains_key(main)
    {
        diagnostics.push(
            config
                .error_at(&path.key("unit_utama"), format!("unit `{main}` is not defined"))
                .with_hint(known_list("units", value.units.keys())),
        );
    }
    for (key, unit) in &value.units {
        if unit.kop.is_empty() {
            diagnostics
                .push(config.error_at(&path.key("units").key(key).key("kop"), "a unit needs at least one kop line"));
        }
        if let Some(logo) = &unit.logo {
            check_file(config, &path.key("units").key(key).key("logo"), root, logo, diagnostics);
        }
    }
    if let Some(logo) = &value.logo {
        check_file(config, &path.key("logo"), root, logo, diagnostics);
    }
    if let Some(dir) = &value.format.fonts_dir
        && !root.join(dir).is_dir()
    {
        diagnostics.push(
            config.error_at(&path.key("format").key("fonts_dir"), format!("font folder `{}` not found", dir.display())),
        );
    }
    let size = value.format.font_size;
    if !(4.0..=24.0).contains(&size) {
        diagnostics
            .push(config.error_at(&path.key("format").key("font_size"), "font_size must be between 4 and 24 points"));
    }
    if !(5.0..=40.0).contains(&value.format.margin_mm) {
        diagnostics.push(config.error_at(&path.key("format").key("margin_mm"), "margin_mm must be between 5 and 40"));
    }
    if !(16.0..=144.0).contains(&value.format.signature_box_pt) {
        diagnostics.push(
            config.error_at(&path.key("format").key("signature_box_pt"), "signature_box_pt must be between 16 and 144"),
        );
    }
    validate_tte(config, diagnostics);
    if let Err(message) = crate::laporan::waktu::WorkingTime::from_config(&value.laporan) {
        diagnostics.push(config.error_at(&path.key("laporan"), message));
    }
    for (i, key) in value.laporan.penandatangan.iter().enumerate() {
        if !value.officials.contains_key(key) {
            diagnostics.push(
                config
                    .error_at(
                        &path.key("laporan").key("penandatangan").index(i),
                        format!("official `{key}` is not defined"),
                    )
                    .with_hint(known_list("officials", value.officials.keys())),
            );
        }
    }
    for problem in value.risiko.problems() {
        diagnostics.push(config.error_at(&path.key("risiko"), problem));
    }
}

/// Signing services take a one-character marker (`#`, `$`): longer ones,
/// letters (which occur in text) and repeats (two signers sharing one) are
/// refused; a footer needs the URL its QR code carries.
fn validate_tte(config: &Loaded<ProjectConfig>, diagnostics: &mut Diagnostics) {
    let tte = &config.value.tte;
    let path = DocPath::root().key("tte");
    for (i, marker) in tte.penanda.iter().enumerate() {
        let mut chars = marker.chars();
        let one = match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        };
        let problem = match one {
            None => Some(format!("marker `{marker}` must be exactly one character")),
            Some(c) if c.is_alphanumeric() || c.is_whitespace() => {
                Some(format!("marker `{marker}` would also match ordinary text; use a sign such as # or $"))
            }
            Some(_) if tte.penanda[..i].contains(marker) => Some(format!("marker `{marker}` is given twice")),
            Some(_) => None,
        };
        if let Some(message) = problem {
            diagnostics.push(config.error_at(&path.key("penanda").index(i), message));
        }
    }
    match &tte.url {
        Some(url) if !(url.starts_with("https://") || url.starts_with("http://")) => {
            diagnostics.push(config.error_at(&path.key("url"), "the verification URL must start with https://"));
        }
        None if tte.footer => diagnostics.push(
            config
                .error_at(&path.key("footer"), "a TTE footer needs the verification URL for its QR code")
                .with_hint("add `url = \"https://.../verifikasi/{id}\"` under [tte]"),
        ),
        _ => {}
    }
}

fn check_file(
    config: &Loaded<ProjectConfig>,
    path: &DocPath,
    root: &std::path::Path,
    file: &std::path::Path,
    diagnostics: &mut Diagnostics,
) {
    let resolved = root.join(file);
    let inside = resolved.canonicalize().map(|p| p.starts_with(root)).unwrap_or(false);
    if !resolved.is_file() {
        diagnostics.push(config.error_at(path, format!("file `{}` not found", file.display())));
    } else if !inside {
        diagnostics.push(config.error_at(path, format!("`{}` is outside the project folder", file.display())));
    }
}

fn resolve_unit(config: &ProjectConfig, doc: &Loaded<SopDef>, diagnostics: &mut Diagnostics) -> Option<(String, Unit)> {
    let key = match &doc.value.unit {
        Some(key) => key.clone(),
        None => config.unit_utama.clone().or_else(|| config.units.keys().next().cloned())?,
    };
    match config.units.get(&key) {
        Some(unit) => Some((key, unit.clone())),
        None => {
            diagnostics.push(
                doc.error_at(&DocPath::root().key("unit"), format!("unit `{key}` is not defined in sopkit.toml"))
                    .with_hint(known_list("units", config.units.keys())),
            );
            None
        }
    }
}

fn known_list<'a>(what: &str, keys: impl Iterator<Item = &'a String>) -> String {
    let keys: Vec<String> = keys.map(|k| format!("`{k}`")).collect();
    if keys.is_empty() { format!("no {what} are defined") } else { format!("defined {what}: {}", keys.join(", ")) }
}

/// Checks one SOP and resolves its flow. `None` when it has errors.
pub fn validate_sop(doc: &Loaded<SopDef>, diagnostics: &mut Diagnostics) -> Option<Flow> {
    let def = &doc.value;
    let root = DocPath::root();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    for (key, value) in [("nomor", &def.nomor), ("nama", &def.nama)] {
        if value.trim().is_empty() {
            errors.push(doc.error_at(&root.key(key), format!("`{key}` must not be empty")));
        }
    }
    if def.tanggal_efektif < def.tanggal_pembuatan {
        errors.push(
            doc.error_at(&root.key("tanggal_efektif"), "tanggal_efektif is before tanggal_pembuatan")
                .with_hint(format!("the SOP was made on {}", def.tanggal_pembuatan.long())),
        );
    }
    if let Some(sampai) = def.berlaku_sampai
        && sampai < def.tanggal_efektif
    {
        errors.push(doc.error_at(&root.key("berlaku_sampai"), "berlaku_sampai is before tanggal_efektif"));
    }
    if let Some(revisi) = def.tanggal_revisi
        && revisi < def.tanggal_pembuatan
    {
        errors.push(doc.error_at(&root.key("tanggal_revisi"), "tanggal_revisi is before tanggal_pembuatan"));
    }
    for (i, revisi) in def.revisi.iter().enumerate() {
        if revisi.tanggal.is_some_and(|t| t < def.tanggal_pembuatan) {
            errors.push(
                doc.error_at(
                    &root.key("revisi").index(i).key("tanggal"),
                    "a revision cannot predate tanggal_pembuatan",
                ),
            );
        }
    }

    let lanes: Vec<&String> = def.pelaksana.keys().collect();
    if lanes.is_empty() {
        errors.push(doc.error_at(&root.key("pelaksana"), "at least one pelaksana (swimlane) is needed"));
    }
    if def.langkah.is_empty() {
        errors.push(doc.error_at(&root.key("langkah"), "the procedure needs at least one step"));
    }

    // Step ids, then targets.
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, step) in def.langkah.iter().enumerate() {
        let path = root.key("langkah").index(i);
        if let Some(id) = &step.id
            && ids.insert(id.as_str(), i).is_some()
        {
            errors.push(doc.error_at(&path.key("id"), format!("step id `{id}` is used twice")));
        }
        if step.kegiatan.trim().is_empty() {
            errors.push(doc.error_at(&path.key("kegiatan"), "kegiatan must not be empty"));
        }
    }
    let count = def.langkah.len();
    let resolve = |target: &Target, path: &DocPath, errors: &mut Vec<Diagnostic>| -> Option<usize> {
        match target {
            Target::Nomor(n) if (1..=count as u64).contains(n) => Some(*n as usize - 1),
            Target::Nomor(n) => {
                errors.push(doc.error_at(path, format!("step {n} does not exist (the procedure has {count} steps)")));
                None
            }
            Target::Id(id) => match ids.get(id.as_str()) {
                Some(index) => Some(*index),
                None => {
                    let mut known: Vec<&&str> = ids.keys().collect();
                    known.sort();
                    let hint = if known.is_empty() {
                        "give the target step an `id`, or use its number".to_owned()
                    } else {
                        format!("step ids: {}", known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
                    };
                    errors.push(doc.error_at(path, format!("no step has the id `{id}`")).with_hint(hint));
                    None
                }
            },
        }
    };

    let mut steps = Vec::new();
    let mut edges = Vec::new();
    for (i, step) in def.langkah.iter().enumerate() {
        let path = root.key("langkah").index(i);
        let lane = match def.pelaksana.get_index_of(&step.pelaksana) {
            Some(lane) => lane,
            None => {
                errors.push(
                    doc.error_at(
                        &path.key("pelaksana"),
                        format!("pelaksana `{}` is not listed under `pelaksana`", step.pelaksana),
                    )
                    .with_hint(known_list("pelaksana", def.pelaksana.keys())),
                );
                0
            }
        };
        let is_last = i + 1 == count;
        let symbol;
        if let Some(keputusan) = &step.keputusan {
            symbol = Symbol::Ketupat;
            let kpath = path.key("keputusan");
            if step.lanjut.is_some() {
                errors.push(
                    doc.error_at(&path.key("lanjut"), "a decision continues through `ya` and `tidak`, not `lanjut`"),
                );
            }
            if step.selesai {
                errors.push(doc.error_at(&path.key("selesai"), "a decision cannot be a final step"));
            }
            let mut targets = Vec::new();
            for (branch, target, key) in [(Branch::Ya, &keputusan.ya, "ya"), (Branch::Tidak, &keputusan.tidak, "tidak")]
            {
                match target {
                    Some(target) => {
                        if let Some(to) = resolve(target, &kpath.key(key), &mut errors) {
                            targets.push((branch, to, key));
                        }
                    }
                    None => errors.push(
                        doc.error_at(&kpath, format!("the decision has no `{key}` exit"))
                            .with_hint("a decision needs both `ya` and `tidak`"),
                    ),
                }
            }
            if let [(_, a, _), (_, b, _)] = targets[..]
                && a == b
            {
                errors.push(
                    doc.error_at(&kpath, "`ya` and `tidak` go to the same step")
                        .with_hint("then it is not a decision: use `lanjut`"),
                );
            }
            for (branch, to, key) in targets {
                if to == i {
                    errors.push(doc.error_at(&kpath.key(key), "a step cannot lead to itself"));
                } else {
                    edges.push(Edge { from: i, to, branch: Some(branch) });
                }
            }
        } else if step.selesai || (is_last && step.lanjut.is_none()) {
            symbol = Symbol::Kapsul;
            if step.selesai && step.lanjut.is_some() {
                errors.push(doc.error_at(&path.key("lanjut"), "a final step (`selesai: true`) cannot continue"));
            }
        } else {
            symbol = if i == 0 { Symbol::Kapsul } else { Symbol::Kotak };
            let to = match &step.lanjut {
                Some(target) => resolve(target, &path.key("lanjut"), &mut errors),
                None => Some(i + 1),
            };
            if let Some(to) = to {
                if to == i {
                    errors.push(doc.error_at(&path.key("lanjut"), "a step cannot lead to itself"));
                } else {
                    edges.push(Edge { from: i, to, branch: None });
                }
            }
        }
        steps.push(FlowStep { lane, symbol: if i == 0 && symbol == Symbol::Kotak { Symbol::Kapsul } else { symbol } });

        let mutu_baku = [&step.kelengkapan, &step.waktu, &step.output];
        if mutu_baku.iter().all(|v| v.as_deref().is_none_or(|s| s.trim().is_empty())) {
            warnings
                .push(doc.warning_at(&path, format!("step {} has no mutu baku (kelengkapan, waktu, output)", i + 1)));
        }
        if !starts_with_verb(&step.kegiatan) {
            // Underline the first word only: that is what is wrong.
            let range = doc.map.value(&path.key("kegiatan"));
            let word = doc.file.text[range.clone()].split_whitespace().next().map_or(0, str::len);
            warnings.push(
                Diagnostic::warning(format!("step {} does not start with a verb", i + 1))
                    .at(&doc.file, range.start..range.start + word)
                    .with_hint("write steps as a verb without a subject, e.g. \"Memverifikasi laporan\""),
            );
        }
    }

    let flow = Flow { lanes: lanes.len(), steps, edges };
    if errors.is_empty() && count > 0 {
        check_reachability(doc, &flow, &mut errors);
    }
    let ok = errors.is_empty();
    diagnostics.extend(errors);
    diagnostics.extend(warnings);
    ok.then_some(flow)
}

/// Every step is reachable from the first, and from every reachable step
/// some path reaches a final step.
fn check_reachability(doc: &Loaded<SopDef>, flow: &Flow, errors: &mut Vec<Diagnostic>) {
    let n = flow.steps.len();
    let reachable = bfs(n, 0, |s| flow.outgoing(s).map(|e| e.to).collect());
    for (i, seen) in reachable.iter().enumerate() {
        if !seen {
            errors.push(
                doc.error_at(
                    &DocPath::root().key("langkah").index(i),
                    format!("step {} can never be reached from step 1", i + 1),
                )
                .with_hint("point a `lanjut`, `ya` or `tidak` of an earlier step at it, or remove it"),
            );
        }
    }
    let finals: Vec<usize> = (0..n).filter(|&s| flow.outgoing(s).next().is_none()).collect();
    let mut ends = vec![false; n];
    for &f in &finals {
        for (s, seen) in
            bfs(n, f, |s| flow.edges.iter().filter(|e| e.to == s).map(|e| e.from).collect()).iter().enumerate()
        {
            ends[s] |= seen;
        }
    }
    for s in 0..n {
        if reachable[s] && !ends[s] {
            errors.push(
                doc.error_at(
                    &DocPath::root().key("langkah").index(s),
                    format!("from step {} the flow never reaches a final step", s + 1),
                )
                .with_hint("the steps loop forever: give one of them `selesai: true` or a way out"),
            );
            break;
        }
    }
}

fn bfs(n: usize, start: usize, next: impl Fn(usize) -> Vec<usize>) -> Vec<bool> {
    let mut seen = vec![false; n];
    let mut queue = VecDeque::from([start]);
    seen[start] = true;
    while let Some(s) = queue.pop_front() {
        for t in next(s) {
            if !seen[t] {
                seen[t] = true;
                queue.push_back(t);
            }
        }
    }
    seen
}

/// Indonesian procedure steps start with a verb: a prefixed form
/// (me-, di-, ber-, ter-) or a common bare verb.
pub fn starts_with_verb(text: &str) -> bool {
    const BARE: [&str; 14] = [
        "cek", "buat", "kirim", "terima", "input", "unggah", "unduh", "cetak", "isi", "periksa", "catat", "simpan",
        "login", "arsipkan",
    ];
    let Some(word) = text.split_whitespace().next() else {
        return false;
    };
    let word = word.to_lowercase();
    ["me", "di", "ber", "ter"].iter().any(|p| word.starts_with(p) && word.len() > p.len() + 2)
        || BARE.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::load::parse_yaml;

    fn check(text: &str) -> (Option<Flow>, Diagnostics) {
        let doc = parse_yaml::<SopDef>(SourceFile::new("t.yaml", "t.yaml", text)).unwrap();
        let mut diagnostics = Diagnostics::default();
        let flow = validate_sop(&doc, &mut diagnostics);
        (flow, diagnostics)
    }

    const HEAD: &str = "nomor: \"1\"\nnama: Uji\ntanggal_pembuatan: 2023-09-27\ntanggal_efektif: 2023-09-27\npelaksana:\n  staf: Staf\n  kabid: Kabid\nlangkah:\n";

    #[test]
    fn symbols_follow_the_flow() {
        let text = format!(
            "{HEAD}  - kegiatan: Menyiapkan\n    pelaksana: staf\n    waktu: 5 menit\n  - kegiatan: Memeriksa\n    pelaksana: kabid\n    waktu: 5 menit\n    keputusan: {{ya: 3, tidak: 1}}\n  - kegiatan: Mengarsipkan\n    pelaksana: staf\n    waktu: 5 menit\n"
        );
        let (flow, diagnostics) = check(&text);
        let flow = flow.unwrap_or_else(|| panic!("{}", diagnostics.render_plain()));
        let symbols: Vec<Symbol> = flow.steps.iter().map(|s| s.symbol).collect();
        assert_eq!(symbols, [Symbol::Kapsul, Symbol::Ketupat, Symbol::Kapsul]);
        assert_eq!(flow.edges.len(), 3);
        assert!(flow.edges.contains(&Edge { from: 1, to: 0, branch: Some(Branch::Tidak) }));
        assert!(diagnostics.is_empty(), "{}", diagnostics.render_plain());
    }

    #[test]
    fn an_unknown_actor_is_located() {
        let text = format!("{HEAD}  - kegiatan: Menyiapkan\n    pelaksana: sekretaris\n    waktu: 5 menit\n");
        let (flow, diagnostics) = check(&text);
        assert!(flow.is_none());
        let error = diagnostics.errors().next().unwrap();
        assert_eq!(error.position(), Some(("t.yaml".into(), 10, 16)));
        assert!(error.message.contains("pelaksana `sekretaris`"));
    }

    #[test]
    fn a_decision_without_tidak_and_unreachable_steps_are_errors() {
        let text = format!(
            "{HEAD}  - kegiatan: Menyiapkan\n    pelaksana: staf\n    keputusan: {{ya: 3}}\n  - kegiatan: Mengecek\n    pelaksana: staf\n  - kegiatan: Mengarsipkan\n    pelaksana: staf\n"
        );
        let (_, diagnostics) = check(&text);
        let messages: Vec<&str> = diagnostics.errors().map(|d| d.message.as_str()).collect();
        assert!(messages.contains(&"the decision has no `tidak` exit"), "{messages:?}");
    }

    #[test]
    fn a_loop_without_exit_is_an_error() {
        let text = format!(
            "{HEAD}  - kegiatan: Menyiapkan\n    pelaksana: staf\n  - kegiatan: Mengecek\n    pelaksana: staf\n    lanjut: 1\n  - kegiatan: Mengarsipkan\n    pelaksana: staf\n"
        );
        let (_, diagnostics) = check(&text);
        let messages: Vec<&str> = diagnostics.errors().map(|d| d.message.as_str()).collect();
        assert!(messages.contains(&"step 3 can never be reached from step 1"), "{messages:?}");
        assert!(messages.contains(&"from step 1 the flow never reaches a final step"), "{messages:?}");
    }

    #[test]
    fn verbs_are_recognised() {
        assert!(starts_with_verb("Menyiapkan daftar aplikasi"));
        assert!(starts_with_verb("Diverifikasi oleh Kabid"));
        assert!(!starts_with_verb("JF melakukan analisa"));
        assert!(!starts_with_verb("Kepala Bidang memverifikasi"));
    }
}

/// One row of the lampiran table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LampiranRow {
    pub nomor: String,
    pub tanggal_efektif: Tanggal,
    pub nama: String,
}

/// A decree that passed validation, with its lampiran rows resolved.
#[derive(Debug, Clone)]
pub struct ValidKeputusan {
    pub doc: Loaded<KeputusanDef>,
    pub pejabat: Pejabat,
    pub rows: Vec<LampiranRow>,
}

/// Checks `keputusan.yaml` and merges the lampiran rows from the SOP
/// definitions and the spreadsheet list, warning where they disagree.
pub fn validate_keputusan(project: &Project, diagnostics: &mut Diagnostics) -> Option<ValidKeputusan> {
    let doc = project.keputusan.as_ref()?;
    let def = &doc.value;
    let root = DocPath::root();
    let before = diagnostics.errors().count();
    let pejabat = match project.config.value.officials.get(&def.pejabat) {
        Some(pejabat) => Some(pejabat.clone()),
        None => {
            diagnostics.push(
                doc.error_at(&root.key("pejabat"), format!("official `{}` is not defined in sopkit.toml", def.pejabat))
                    .with_hint(known_list("officials", project.config.value.officials.keys())),
            );
            None
        }
    };
    if let Some(lambang) = &def.lambang {
        let resolved = project.root.join(lambang);
        if !resolved.is_file() {
            diagnostics.push(doc.error_at(&root.key("lambang"), format!("file `{}` not found", lambang.display())));
        }
    }
    for (key, empty) in [
        ("menimbang", def.menimbang.is_empty()),
        ("mengingat", def.mengingat.is_empty()),
        ("diktum", def.diktum.is_empty()),
    ] {
        if empty {
            diagnostics.push(doc.error_at(&root.key(key), format!("`{key}` needs at least one entry")));
        }
    }

    // Rows: the spreadsheet's order first, then definitions it lacks.
    let mut rows: Vec<LampiranRow> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    if let Some(list) = &project.lampiran_list {
        for listed in &list.rows {
            if seen.contains_key(&listed.nomor) {
                diagnostics.push(crate::load::spreadsheet::cell_warning(
                    &list.name,
                    &listed.cell,
                    format!("nomor `{}` is listed twice", listed.nomor),
                ));
                continue;
            }
            seen.insert(listed.nomor.clone(), rows.len());
            rows.push(LampiranRow {
                nomor: listed.nomor.clone(),
                tanggal_efektif: listed.tanggal_efektif,
                nama: listed.nama.clone(),
            });
        }
    }
    if def.lampiran.dari_definisi {
        let mut extra: Vec<LampiranRow> = Vec::new();
        for sop in &project.sops {
            let sdef = &sop.doc.value;
            let row = LampiranRow {
                nomor: sdef.nomor.trim().to_owned(),
                tanggal_efektif: sdef.tanggal_efektif,
                nama: squash(&sdef.nama),
            };
            match (seen.get(&row.nomor), &project.lampiran_list) {
                (Some(&i), Some(list)) => {
                    let listed = list.rows.iter().find(|l| l.nomor == row.nomor).expect("listed");
                    if !rows[i].nama.eq_ignore_ascii_case(&row.nama) {
                        diagnostics.push(
                            sop.doc
                                .warning_at(
                                    &DocPath::root().key("nama"),
                                    "the lampiran list names this SOP differently",
                                )
                                .with_hint(format!(
                                    "{}: {} says `{}`; the definition wins",
                                    list.name, listed.cell, rows[i].nama
                                )),
                        );
                    }
                    if rows[i].tanggal_efektif != row.tanggal_efektif {
                        diagnostics.push(
                            sop.doc
                                .warning_at(
                                    &DocPath::root().key("tanggal_efektif"),
                                    "the lampiran list gives another tanggal efektif",
                                )
                                .with_hint(format!(
                                    "{}: {} says {}; the definition wins",
                                    list.name,
                                    listed.cell,
                                    rows[i].tanggal_efektif.short()
                                )),
                        );
                    }
                    rows[i] = row;
                }
                _ => {
                    if let Some(list) = &project.lampiran_list {
                        diagnostics.push(
                            sop.doc
                                .warning_at(
                                    &DocPath::root().key("nomor"),
                                    "this SOP is not in the lampiran list; it is added at the end",
                                )
                                .with_hint(format!("add it to {}", list.name)),
                        );
                    }
                    if !seen.contains_key(&row.nomor) {
                        seen.insert(row.nomor.clone(), usize::MAX);
                        extra.push(row);
                    }
                }
            }
        }
        extra.sort_by(|a, b| a.nomor.cmp(&b.nomor));
        rows.extend(extra);
    }
    if rows.is_empty() {
        diagnostics.push(
            doc.error_at(&root.key("lampiran"), "the lampiran lists no SOP")
                .with_hint("add SOP definitions or a `daftar` spreadsheet"),
        );
    }
    let pejabat = pejabat?;
    (diagnostics.errors().count() == before).then(|| ValidKeputusan { doc: doc.clone(), pejabat, rows })
}

/// Warnings about revisions due: validity that has ended, and signing
/// positions no longer among the project's officials.
pub fn revision_warnings(project: &Project, today: Tanggal, diagnostics: &mut Diagnostics) {
    let officials = &project.config.value.officials;
    for sop in &project.sops {
        let def = &sop.doc.value;
        if let Some(sampai) = def.berlaku_sampai
            && sampai < today
        {
            diagnostics.push(
                sop.doc
                    .warning_at(
                        &DocPath::root().key("berlaku_sampai"),
                        format!("this SOP was valid until {}", sampai.long()),
                    )
                    .with_hint("revise it: add a `revisi` entry and a new berlaku_sampai"),
            );
        }
        if let Some(pejabat) = &def.disahkan_oleh
            && !officials.is_empty()
        {
            let path = DocPath::root().key("disahkan_oleh");
            match officials.values().find(|o| o.jabatan.eq_ignore_ascii_case(&pejabat.jabatan)) {
                None => diagnostics.push(
                    sop.doc
                        .warning_at(
                            &path.key("jabatan"),
                            format!("`{}` is no longer a position in sopkit.toml", pejabat.jabatan),
                        )
                        .with_hint(format!(
                            "officials: {}",
                            officials.values().map(|o| o.jabatan.as_str()).collect::<Vec<_>>().join("; ")
                        )),
                ),
                Some(official) if !official.nama.eq_ignore_ascii_case(&pejabat.nama) => diagnostics.push(
                    sop.doc
                        .warning_at(&path.key("nama"), format!("the {} is now {}", official.jabatan, official.nama))
                        .with_hint("update disahkan_oleh, or the official in sopkit.toml"),
                ),
                Some(_) => {}
            }
        }
    }
}
