//! The committed JSON Schema is current, and real output validates against it.

use std::path::Path;

fn committed() -> serde_json::Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/report.schema.json");
    serde_json::from_str(&std::fs::read_to_string(p).expect("schema/report.schema.json")).unwrap()
}

#[test]
fn committed_schema_is_current() {
    let now = quotecheck::report::schema();
    if std::env::var_os("QUOTECHECK_WRITE_SCHEMA").is_some() {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/report.schema.json");
        std::fs::write(p, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
    }
    assert_eq!(committed(), now, "schema/report.schema.json is stale: run `QUOTECHECK_WRITE_SCHEMA=1 cargo test --test schema`");
}

#[test]
fn real_output_validates() {
    let schema = committed();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let report = quotecheck::analyze(&text);
        assert_eq!(report.schema_version, quotecheck::SCHEMA_VERSION);
        let value = serde_json::to_value(&report).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        n += 1;
    }
    assert!(n > 10);
    // A value that breaks the schema is rejected: the check can fail.
    let bad = serde_json::json!({"schema_version": "one", "entities": [], "quotes": [], "diagnostics": []});
    assert!(!validator.is_valid(&bad));
}
