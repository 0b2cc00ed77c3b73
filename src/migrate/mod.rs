//! `sopkit satukan`: moves a project to shared positions and Dasar Hukum.
//! It finds the column labels, signers and Dasar Hukum items that several
//! definitions repeat word for word, names each once in `sopkit.toml`, and
//! rewrites the definitions to refer to them by key. Only the values that
//! change are edited, so comments and layout stay; and before anything is
//! written the rewritten project is read back and must print exactly what
//! it printed before.

mod edit;
mod keys;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::EnvError;
use crate::load::{self, DocPath, Project, SopSource};
use crate::model::Pejabat;

pub use edit::Change;

/// What the move adds to sopkit.toml and changes in each definition.
#[derive(Debug, Default)]
pub struct Plan {
    /// New `[jabatan.KEY]` entries: key, position as printed, holder, how
    /// many SOPs use it.
    pub positions: Vec<NewPosition>,
    /// New `[dasar_hukum]` entries: key, text, how many SOPs cite it.
    pub laws: Vec<(String, String, usize)>,
    /// Every file rewritten, sopkit.toml first when it changes.
    pub files: Vec<FileEdit>,
}

#[derive(Debug, Clone)]
pub struct NewPosition {
    pub key: String,
    pub jabatan: String,
    pub holder: Option<Pejabat>,
    pub sops: usize,
}

/// One file's new text and the lines that change.
#[derive(Debug)]
pub struct FileEdit {
    pub path: PathBuf,
    pub name: String,
    pub text: String,
    pub changes: Vec<Change>,
}

/// What one key stands for, and who uses it.
#[derive(Default)]
struct Uses {
    sops: BTreeSet<String>,
    /// The ids the columns were given, with how often: the most used one
    /// becomes the key.
    ids: Vec<(String, usize)>,
}

/// Plans the move of a project that was read without errors.
pub fn plan(project: &Project) -> Result<Plan, EnvError> {
    let config = &project.config.value;
    let squeeze = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    // What the project already names: a text already shared keeps its key.
    let mut position_of: HashMap<String, String> = HashMap::new();
    for key in config.position_keys() {
        if let Some(position) = config.position(key) {
            position_of.entry(squeeze(&position.jabatan)).or_insert_with(|| key.to_owned());
        }
    }
    let signer_of: HashMap<String, String> = config
        .signer_keys()
        .into_iter()
        .filter_map(|k| config.signer(k).map(|p| (signer_text(&p), k.to_owned())))
        .collect();
    let law_of: HashMap<String, String> =
        config.dasar_hukum.iter().map(|(k, text)| (squeeze(text), k.clone())).collect();

    let mut lanes: indexmap::IndexMap<String, Uses> = indexmap::IndexMap::new();
    let mut laws: indexmap::IndexMap<String, Uses> = indexmap::IndexMap::new();
    let mut signers: indexmap::IndexMap<String, (Pejabat, Uses)> = indexmap::IndexMap::new();
    // Every text as written: no new key may read as one of them.
    let mut taken: HashSet<String> = config.position_keys().into_iter().map(str::to_owned).collect();
    taken.extend(config.dasar_hukum.keys().cloned());
    for sop in &project.sops {
        let def = &sop.doc.value;
        for (id, label) in &def.pelaksana {
            taken.insert(label.trim().to_owned());
            if def.shared.lanes.contains_key(id) {
                continue;
            }
            let uses = lanes.entry(squeeze(label)).or_default();
            uses.sops.insert(sop.stem.clone());
            match uses.ids.iter_mut().find(|(i, _)| i == id) {
                Some((_, n)) => *n += 1,
                None => uses.ids.push((id.clone(), 1)),
            }
        }
        let shared_laws: HashSet<usize> = def.shared.dasar_hukum.iter().map(|(i, _)| *i).collect();
        for (i, item) in def.identity.dasar_hukum.iter().enumerate() {
            taken.insert(item.trim().to_owned());
            if !shared_laws.contains(&i) {
                laws.entry(squeeze(item)).or_default().sops.insert(sop.stem.clone());
            }
        }
        if let (Some(pejabat), None) = (&def.identity.disahkan_oleh, &def.shared.disahkan_oleh)
            && edit::signer_block(&sop.doc).is_some()
        {
            let entry = signers.entry(signer_text(pejabat)).or_insert_with(|| (pejabat.clone(), Uses::default()));
            entry.1.sops.insert(sop.stem.clone());
        }
    }

    let mut plan = Plan::default();
    // Text -> key, for every column label, signer and item that moves.
    let mut lane_key: HashMap<String, String> = HashMap::new();
    let mut law_key: HashMap<String, String> = HashMap::new();
    let mut signer_key: HashMap<String, String> = HashMap::new();
    for (label, uses) in &lanes {
        if let Some(key) = position_of.get(label) {
            lane_key.insert(label.clone(), key.clone());
        } else if uses.sops.len() >= 2 && !label.is_empty() {
            let mut ids = uses.ids.clone();
            ids.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
            let key = keys::choose(ids.iter().map(|(id, _)| id.as_str()), label, &mut taken);
            lane_key.insert(label.clone(), key.clone());
            position_of.insert(label.clone(), key.clone());
            plan.positions.push(NewPosition { key, jabatan: label.clone(), holder: None, sops: uses.sops.len() });
        }
    }
    for (text, (pejabat, uses)) in &signers {
        if let Some(key) = signer_of.get(text) {
            signer_key.insert(text.clone(), key.clone());
            continue;
        }
        if uses.sops.len() < 2 {
            continue;
        }
        // A position of the same name gains its holder when it is new;
        // one sopkit.toml already has stays as it is.
        let same = squeeze(&pejabat.jabatan);
        if let Some(new) = plan.positions.iter_mut().find(|p| p.jabatan == same && p.holder.is_none()) {
            new.holder = Some(pejabat.clone());
            signer_key.insert(text.clone(), new.key.clone());
            continue;
        }
        if position_of.contains_key(&same) {
            continue;
        }
        let key = keys::choose(std::iter::empty(), &pejabat.jabatan, &mut taken);
        signer_key.insert(text.clone(), key.clone());
        plan.positions.push(NewPosition { key, jabatan: same, holder: Some(pejabat.clone()), sops: uses.sops.len() });
    }
    for (text, uses) in &laws {
        if let Some(key) = law_of.get(text) {
            law_key.insert(text.clone(), key.clone());
        } else if uses.sops.len() >= 2 && !text.is_empty() {
            let key = keys::choose(std::iter::empty(), &keys::law_key(text), &mut taken);
            law_key.insert(text.clone(), key.clone());
            plan.laws.push((key, text.clone(), uses.sops.len()));
        }
    }

    if !plan.positions.is_empty() || !plan.laws.is_empty() {
        let (text, changes) = edit::config(&project.config.file.text, &plan)?;
        let path = project.config.file.path.clone();
        plan.files.push(FileEdit { name: project.config.file.name.clone(), path, text, changes });
    }
    for sop in &project.sops {
        let mut edits = Vec::new();
        let def = &sop.doc.value;
        for (id, label) in &def.pelaksana {
            if let Some(key) = lane_key.get(&squeeze(label)).filter(|_| !def.shared.lanes.contains_key(id)) {
                edits.push(edit::Replace::value(&sop.doc, &DocPath::root().key("pelaksana").key(id), key));
            }
        }
        let shared_laws: HashSet<usize> = def.shared.dasar_hukum.iter().map(|(i, _)| *i).collect();
        for (i, item) in def.identity.dasar_hukum.iter().enumerate() {
            if let Some(key) = law_key.get(&squeeze(item)).filter(|_| !shared_laws.contains(&i)) {
                edits.push(edit::Replace::value(&sop.doc, &DocPath::root().key("dasar_hukum").index(i), key));
            }
        }
        if let (Some(pejabat), None) = (&def.identity.disahkan_oleh, &def.shared.disahkan_oleh)
            && let Some(key) = signer_key.get(&signer_text(pejabat))
            && let Some(range) = edit::signer_block(&sop.doc)
        {
            edits.push(edit::Replace { range, text: format!(" {key}") });
        }
        if !edits.is_empty() {
            let (text, changes) = edit::apply(&sop.doc.file.text, edits);
            plan.files.push(FileEdit {
                path: sop.doc.file.path.clone(),
                name: sop.doc.file.name.clone(),
                text,
                changes,
            });
        }
    }
    Ok(plan)
}

/// A signer's every field, as one text: two signers are the same when all
/// of them agree.
fn signer_text(p: &Pejabat) -> String {
    let squeeze = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{}\n{}\n{}\n{}",
        squeeze(&p.jabatan),
        squeeze(&p.nama),
        p.nip.as_deref().map(squeeze).unwrap_or_default(),
        p.pangkat.as_deref().map(squeeze).unwrap_or_default()
    )
}

/// Reads the rewritten project from a scratch copy and compares each SOP
/// with what it was: the same columns, identity and steps, and no new
/// mistake. Then writes the files, each whole or not at all.
pub fn apply(project: &Project, plan: &Plan) -> Result<(), EnvError> {
    let scratch = tempfile::tempdir().map_err(|e| EnvError::io("cannot create", Path::new("/tmp"), e))?;
    let copy = |from: &Path, text: Option<&str>| -> Result<(), EnvError> {
        let relative = from.strip_prefix(&project.root).unwrap_or(from);
        let to = scratch.path().join(relative);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(|e| EnvError::io("cannot create", dir, e))?;
        }
        match text {
            Some(text) => std::fs::write(&to, text),
            None => std::fs::copy(from, &to).map(|_| ()),
        }
        .map_err(|e| EnvError::io("cannot write", &to, e))
    };
    let new_text = |path: &Path| plan.files.iter().find(|f| f.path == path).map(|f| f.text.as_str());
    copy(&project.config.file.path, new_text(&project.config.file.path))?;
    let (files, _) = load::definition_files(&project.root.join("sops"))?;
    for path in &files {
        copy(path, new_text(path))?;
    }
    let (reread, diagnostics) = load::load_project(scratch.path())?;
    let Some(reread) = reread.filter(|_| !diagnostics.has_errors()) else {
        let first = diagnostics.errors().next().map(|d| d.message.clone()).unwrap_or_default();
        return Err(EnvError(crate::tr!("migrate-would-break", what = first)));
    };
    for before in &project.sops {
        let after = reread.sops.iter().find(|s| s.stem == before.stem);
        if !after.is_some_and(|after| prints_the_same(before, after)) {
            return Err(EnvError(crate::tr!("migrate-would-change", file = before.doc.file.name.as_str())));
        }
    }
    for file in &plan.files {
        crate::util::fs::write_atomic(&file.path, file.text.as_bytes())?;
    }
    Ok(())
}

fn prints_the_same(before: &SopSource, after: &SopSource) -> bool {
    let (a, b) = (&before.doc.value, &after.doc.value);
    a.identity == b.identity
        && a.pelaksana == b.pelaksana
        && serde_json::to_value(&a.langkah).ok() == serde_json::to_value(&b.langkah).ok()
}
