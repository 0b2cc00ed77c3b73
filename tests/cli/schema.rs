//! Editor support: the JSON Schemas `sopkit schema` and `sopkit init` write
//! accept every fixture (definitions, `sopkit.toml`, `keputusan.yaml`, run
//! records) and reject the invalid fixtures whose mistake a schema can see
//! (an unknown key, missing keys, a decision without `tidak`).

use super::support::*;
use sopkit::cmd::schema::SCHEMAS;

fn schema(name: &str) -> jsonschema::Validator {
    let text = SCHEMAS.iter().find(|(n, _)| *n == name).unwrap().1;
    jsonschema::validator_for(&serde_json::from_str(text).unwrap()).unwrap()
}

/// A YAML or TOML file as JSON (TOML dates as their text, as sopkit reads them).
fn as_json(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    if path.extension().is_some_and(|e| e == "toml") {
        fn convert(value: toml::Value) -> Value {
            match value {
                toml::Value::String(s) => Value::String(s),
                toml::Value::Integer(i) => Value::from(i),
                toml::Value::Float(f) => Value::from(f),
                toml::Value::Boolean(b) => Value::Bool(b),
                toml::Value::Datetime(d) => Value::String(d.to_string()),
                toml::Value::Array(a) => Value::Array(a.into_iter().map(convert).collect()),
                toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, convert(v))).collect()),
            }
        }
        Some(convert(toml::from_str::<toml::Value>(&text).ok()?))
    } else {
        serde_saphyr::from_str::<Value>(&text).ok()
    }
}

/// Which schema a project file answers to.
fn schema_of(project: &Path, file: &Path) -> Option<&'static str> {
    let relative = file.strip_prefix(project).ok()?.to_string_lossy().into_owned();
    let yaml = relative.ends_with(".yaml") || relative.ends_with(".yml") || relative.ends_with(".toml");
    match relative.as_str() {
        "sopkit.toml" => Some("sopkit.schema.json"),
        "keputusan.yaml" | "keputusan.yml" | "keputusan.toml" => Some("keputusan.schema.json"),
        r if r.starts_with("sops/") && yaml => Some("sop.schema.json"),
        r if r.starts_with("runs/") && yaml => Some("laporan.schema.json"),
        r if r.starts_with("monev/") && yaml => Some("monev.schema.json"),
        _ => None,
    }
}

/// The schema errors of every project file: (file, errors).
fn schema_errors(project: &Path) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(project).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        let (Some(name), Some(value)) = (schema_of(project, &path), as_json(&path)) else { continue };
        let errors: Vec<String> =
            schema(name).iter_errors(&value).map(|e| format!("{e} at {}", e.instance_path())).collect();
        found.push((path.strip_prefix(project).unwrap().display().to_string(), errors));
    }
    found
}

#[test]
fn the_schemas_accept_every_fixture() {
    let mut kinds = std::collections::BTreeSet::new();
    for project in ["denpasar", "bali", "panjang"] {
        for (file, errors) in schema_errors(&fixture(project)) {
            kinds.insert(schema_of(&fixture(project), &fixture(project).join(&file)).unwrap());
            assert!(errors.is_empty(), "{project}/{file}: {errors:?}");
        }
    }
    // Denpasar's monev records, kept beside the project (tests/cli/monev.rs
    // copies them into its monev/ folder).
    let records = fixture("monev").join("denpasar");
    for entry in walkdir::WalkDir::new(&records).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        let Some(value) = path.extension().filter(|e| *e == "yaml" || *e == "toml").and_then(|_| as_json(&path)) else {
            continue;
        };
        let errors: Vec<String> = schema("monev.schema.json").iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        kinds.insert("monev.schema.json");
    }
    assert_eq!(kinds.len(), SCHEMAS.len(), "every schema met a fixture: {kinds:?}");
}

#[test]
fn the_schemas_reject_what_they_can_see_of_the_invalid_fixtures() {
    for case in ["unknown-key", "toml-unknown-key", "missing-keys", "decision-without-tidak"] {
        let errors: Vec<String> =
            schema_errors(&fixture(&format!("invalid/{case}"))).into_iter().flat_map(|(_, e)| e).collect();
        assert!(!errors.is_empty(), "{case}: the schema sees the mistake");
    }
}

#[test]
fn init_wires_the_schemas_into_the_editor() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("proyek");
    let output = sopkit(&["init", dir.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    for (name, text) in SCHEMAS {
        assert_eq!(std::fs::read_to_string(dir.join(".sopkit/schema").join(name)).unwrap(), text);
    }
    let settings: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(".vscode/settings.json")).unwrap()).unwrap();
    assert!(settings["yaml.schemas"]["./.sopkit/schema/sop.schema.json"][0] == "sops/**/*.yaml");
    // The new project's own files pass their schemas, and still build.
    for (file, errors) in schema_errors(&dir) {
        assert!(errors.is_empty(), "{file}: {errors:?}");
    }
    assert!(sopkit(&["check", dir.to_str().unwrap()]).status.success());
    // `sopkit schema` keeps a settings file the project has.
    std::fs::write(dir.join(".vscode/settings.json"), "{}").unwrap();
    let output = sopkit(&["schema", dir.to_str().unwrap()]);
    assert!(output.status.success());
    assert_eq!(std::fs::read_to_string(dir.join(".vscode/settings.json")).unwrap(), "{}");
    assert!(stderr(&output).contains("your .vscode/settings.json is kept"), "{}", stderr(&output));
}
