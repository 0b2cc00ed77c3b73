//! The source tree shows the pipeline: `src/lib.rs` declares the top-level
//! modules in import order, and every `use crate::...` of a module names
//! only modules declared before it, so the module graph has no cycle.
//! Within a folder, sibling files do not import each other in a circle
//! either. Unit tests (`#[cfg(test)]`) may reach anywhere.

use super::support::*;

/// A source file's code without comments and without its unit tests.
fn code_of(path: &Path) -> String {
    without_tests(&std::fs::read_to_string(path).unwrap())
}

/// `text` without comments and without each `#[cfg(test)]` item (up to the
/// end of its braces).
fn without_tests(text: &str) -> String {
    let text: String = text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let mut code = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        code.push_str(&rest[..at]);
        let item = &rest[at..];
        let Some(open) = item.find('{') else { return code };
        let mut depth = 0;
        let mut end = item.len();
        for (i, c) in item[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    code.push_str(rest);
    code
}

/// The names after `prefix::` in `code`, also inside `prefix::{a, b::c}`.
fn paths_after(code: &str, prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    let marker = format!("{prefix}::");
    for (i, _) in code.match_indices(&marker) {
        let before = code[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &code[i + marker.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for item in group.split(',') {
                let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    names.push(name);
                }
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            names.push(name);
        }
    }
    names
}

fn declared_modules() -> Vec<String> {
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).unwrap();
    lib.lines().filter_map(|l| l.strip_prefix("pub mod ")).map(|m| m.trim_end_matches(';').to_owned()).collect()
}

/// Every `.rs` file under `src/` with its top-level module.
fn source_files() -> Vec<(String, PathBuf)> {
    let src = root().join("src");
    walkdir::WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter_map(|p| {
            let relative = p.strip_prefix(&src).unwrap();
            let first = relative.components().next()?.as_os_str().to_string_lossy().trim_end_matches(".rs").to_owned();
            (first != "lib" && first != "main").then_some((first, p))
        })
        .collect()
}

/// Every import of a module declared after the importing one: `files` are
/// (name, top-level module, code).
fn against_the_order(order: &[String], files: &[(String, String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (name, module, code) in files {
        let rank = order.iter().position(|m| m == module).unwrap_or_else(|| panic!("{module} is not in lib.rs"));
        for used in paths_after(code, "crate") {
            // `crate::tr!` is i18n's macro, exported at the crate's root.
            let used = if used == "tr" { "i18n".to_owned() } else { used };
            match order.iter().position(|m| *m == used) {
                Some(used_rank) if used_rank > rank => found.push(format!("{name}: {module} uses {used}")),
                Some(_) => {}
                None => panic!("{name}: crate::{used} is not a module of lib.rs"),
            }
        }
    }
    found
}

#[test]
fn every_module_imports_only_modules_declared_before_it() {
    let order = declared_modules();
    assert!(order.len() >= 10, "lib.rs declares the stages: {order:?}");
    let files: Vec<(String, String, String)> =
        source_files().into_iter().map(|(m, p)| (p.display().to_string(), m, code_of(&p))).collect();
    let found = against_the_order(&order, &files);
    assert!(found.is_empty(), "imports against the order of lib.rs:\n{}", found.join("\n"));
}

#[test]
fn the_order_check_finds_an_import_against_the_order() {
    let order: Vec<String> = ["model", "load", "render"].map(String::from).to_vec();
    let file = |module: &str, code: &str| ("f.rs".to_owned(), module.to_owned(), without_tests(code));
    let fine = file("render", "use crate::model::Tanggal;\n#[cfg(test)]\nmod tests { use crate::render::x; }");
    let wrong = file("load", "use crate::{model::Tanggal, render::Templates}; // crate::x");
    let hidden_in_tests = file("model", "#[cfg(test)]\nmod tests {\n use crate::load::y;\n}\nfn a() {}");
    assert!(against_the_order(&order, &[fine, hidden_in_tests]).is_empty());
    assert_eq!(against_the_order(&order, &[wrong]), ["f.rs: load uses render"]);
}

#[test]
fn sibling_files_of_a_folder_do_not_import_each_other_in_a_circle() {
    let files = source_files();
    let mut cycles = Vec::new();
    let folders: Vec<PathBuf> = files.iter().filter_map(|(_, p)| p.parent().map(Path::to_path_buf)).collect();
    for folder in folders.iter().collect::<std::collections::BTreeSet<_>>() {
        let folder_module = folder.strip_prefix(root().join("src")).unwrap().to_string_lossy().replace('/', "::");
        // Sibling files (not the folder's mod.rs) and what each uses.
        let siblings: Vec<(String, Vec<String>)> = files
            .iter()
            .filter(|(_, p)| p.parent() == Some(folder) && !p.ends_with("mod.rs"))
            .map(|(_, p)| {
                let name = p.file_stem().unwrap().to_string_lossy().into_owned();
                let code = code_of(p);
                let mut used = paths_after(&code, "super");
                if !folder_module.is_empty() {
                    used.extend(paths_after(&code, &format!("crate::{folder_module}")));
                }
                (name, used)
            })
            .collect();
        let names: Vec<&String> = siblings.iter().map(|(n, _)| n).collect();
        let edges = |i: usize| -> Vec<usize> {
            siblings[i].1.iter().filter_map(|u| names.iter().position(|n| *n == u)).filter(|&j| j != i).collect()
        };
        // A cycle exists when some file reaches itself.
        for (start, name) in names.iter().enumerate() {
            let mut seen = vec![false; siblings.len()];
            let mut stack = edges(start);
            while let Some(next) = stack.pop() {
                if next == start {
                    cycles.push(format!("{}: {name} is in a cycle", folder.display()));
                    break;
                }
                if !std::mem::replace(&mut seen[next], true) {
                    stack.extend(edges(next));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "{}", cycles.join("\n"));
}

#[test]
fn the_import_check_sees_both_path_forms() {
    let code = "use crate::model::{Tanggal, flow::Flow};\nuse crate::{load, validate::x};\nlet a = crate::util::text::squash(x);";
    assert_eq!(paths_after(code, "crate"), ["model", "load", "validate", "util"]);
    assert_eq!(paths_after("use super::{sheet, keys::common};", "super"), ["sheet", "keys"]);
}
