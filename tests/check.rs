//! The checker: each rule on copy that must fire it and copy that must not (human output
//! snapshotted in `snapshots/`), Markdown offsets, suppression, the README's rule list, and
//! SARIF validity against the official SARIF 2.1.0 schema.

use std::path::Path;

use quotecheck::check::{check_text, rules, InputKind, Settings};
use quotecheck::render::findings::{self, Checked};

fn run(path: &Path) -> (String, quotecheck::check::CheckResult) {
    let text = std::fs::read_to_string(path).unwrap();
    let r = check_text(
        &text,
        InputKind::from_path(path),
        quotecheck::Grammar::builtin(),
        &Settings::default(),
    );
    (text, r)
}

#[test]
fn rule_fixtures() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("fixtures/check/*.*", |path| {
            let (text, r) = run(path);
            let name = path.file_stem().unwrap().to_str().unwrap();
            let rule = name.strip_suffix("-ok").unwrap_or(name);
            if let Some(rule) = rules::by_id(rule).map(|r| r.id()) {
                let fired = r.findings.iter().filter(|f| f.rule == rule).count();
                if name.ends_with("-ok") {
                    assert_eq!(fired, 0, "{name}: {rule} must not fire: {:?}", r.findings);
                } else {
                    assert!(fired > 0, "{name}: {rule} must fire");
                }
            }
            let shown = path.file_name().unwrap().to_str().unwrap();
            insta::assert_snapshot!(findings::human(
                &[Checked {
                    path: shown,
                    text: &text,
                    result: &r
                }],
                false
            ));
        });
    });
}

#[test]
fn markdown_findings_point_into_the_original_file() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/markdown.md");
    let (text, r) = run(&path);
    let got: Vec<(&str, &str)> = r
        .findings
        .iter()
        .map(|f| (f.rule, f.span.of(&text)))
        .collect();
    // Prose only: the front matter, heading quote marks, the code block, inline code and the
    // link target are not prose; the suppressed lines are quiet.
    assert_eq!(
        got,
        vec![
            ("loaded-verb", "admitted"),
            ("unsourced-claim", "reportedly")
        ]
    );
    let lines = quotecheck::LineIndex::new(&text);
    assert_eq!(lines.line_col(&text, r.findings[0].span.start), (7, 11));
    assert_eq!(lines.line_col(&text, r.findings[1].span.start), (23, 17));
}

#[test]
fn suppression_in_plain_text() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/suppression.txt");
    let (text, r) = run(&path);
    let got: Vec<(&str, &str)> = r
        .findings
        .iter()
        .map(|f| (f.rule, f.span.of(&text)))
        .collect();
    assert_eq!(
        got,
        vec![
            ("loaded-verb", "admitted"),
            ("unsourced-claim", "reportedly")
        ]
    );
    assert_eq!(
        quotecheck::LineIndex::new(&text)
            .line_col(&text, r.findings[1].span.start)
            .0,
        7
    );
}

#[test]
fn levels_from_settings() {
    let mut s = Settings::default();
    s.levels
        .insert("loaded-verb".into(), quotecheck::check::Level::Off);
    let r = check_text(
        "The mayor admitted the line was late.",
        InputKind::Text,
        quotecheck::Grammar::builtin(),
        &s,
    );
    assert!(r.findings.is_empty());
    s.levels
        .insert("loaded-verb".into(), quotecheck::check::Level::Error);
    let r = check_text(
        "The mayor admitted the line was late.",
        InputKind::Text,
        quotecheck::Grammar::builtin(),
        &s,
    );
    assert_eq!(r.findings[0].level, quotecheck::check::Level::Error);
}

#[test]
fn summary_counts_anonymous_share() {
    let r = check_text(
        "Officials said the bridge would reopen. \"It is safe,\" Mayor Ana Ruiz said. A source close to the talks said a deal was near.",
        InputKind::Text,
        quotecheck::Grammar::builtin(),
        &Settings::default(),
    );
    assert_eq!(r.summary.claims, 3);
    assert_eq!(r.summary.anonymous, 2);
    assert!((r.summary.anonymous_share - 2.0 / 3.0).abs() < 1e-9);
}

/// The rule list in the README is generated from the rule files' documentation.
fn rules_markdown() -> String {
    let mut s = String::from("| rule | default | what it finds |\n|---|---|---|\n");
    for r in rules::ALL {
        s.push_str(&format!(
            "| `{}` | {} | {} |\n",
            r.id(),
            r.default_level().as_str(),
            r.summary()
        ));
    }
    s
}

/// The README's table of measured precision and recall, from `src/check/measured.tsv`.
fn measured_markdown() -> String {
    use quotecheck::check::measured;
    let cell = |m: Option<measured::Measure>, recall: bool| match m {
        Some(m) if recall => match (m.recall(), m.caught, m.expected) {
            (Some(r), Some(c), Some(e)) => format!("{r:.2} ({c}/{e})"),
            _ => "-".to_string(),
        },
        Some(m) => match m.precision() {
            Some(p) => format!("{p:.2} ({}/{})", m.right, m.findings),
            None => "no findings".to_string(),
        },
        None => "-".to_string(),
    };
    let mut s = String::from(
        "| rule | default | precision, own copy | recall, own copy | precision, PolNeAR dev | \
         precision, PolNeAR train sample |\n|---|---|---|---|---|---|\n",
    );
    for r in rules::ALL {
        let rows = measured::of(r.id());
        let get = |name: &str| rows.iter().copied().find(|m| m.sample == name);
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            r.id(),
            r.default_level().as_str(),
            cell(get("gate"), false),
            cell(get("gate"), true),
            cell(get("polnear-dev"), false),
            cell(get("polnear-train"), false),
        ));
    }
    s
}

/// Replaces the README block between `start` and `end` with `want`, or checks it.
fn readme_block(start: &str, end: &str, want: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let a = readme.find(start).expect("README has the start marker") + start.len();
    let b = readme.find(end).expect("README has the end marker");
    if std::env::var_os("QUOTECHECK_WRITE_README").is_some() && readme[a..b] != *want {
        std::fs::write(&path, format!("{}{}{}", &readme[..a], want, &readme[b..])).unwrap();
        return;
    }
    assert_eq!(
        &readme[a..b],
        want,
        "the README block {start} is stale: run `QUOTECHECK_WRITE_README=1 cargo test --test check`"
    );
}

#[test]
fn readme_measured_table_is_current() {
    readme_block(
        "<!-- measured:start -->\n",
        "<!-- measured:end -->",
        &measured_markdown(),
    );
}

#[test]
fn readme_rule_list_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme
        .find(start)
        .expect("README has a <!-- rules:start --> marker")
        + start.len();
    let b = readme
        .find(end)
        .expect("README has a <!-- rules:end --> marker");
    let want = rules_markdown();
    if std::env::var_os("QUOTECHECK_WRITE_README").is_some() && readme[a..b] != want {
        std::fs::write(&path, format!("{}{}{}", &readme[..a], want, &readme[b..])).unwrap();
        return;
    }
    assert_eq!(
        &readme[a..b],
        want,
        "the README rule list is stale: run `QUOTECHECK_WRITE_README=1 cargo test --test check`"
    );
}

/// Finds the official SARIF 2.1.0 schema: $SARIF_SCHEMA, the cached copy, or npm's copy in the
/// `@microsoft/jest-sarif` package (fetched once with `npm pack` into target/).
fn sarif_schema() -> serde_json::Value {
    let cache =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/sarif-schema/sarif-2.1.0-rtm.5.json");
    let path = std::env::var_os("SARIF_SCHEMA")
        .map(std::path::PathBuf::from)
        .unwrap_or(cache.clone());
    if !path.is_file() {
        let dir = cache.parent().unwrap();
        std::fs::create_dir_all(dir).unwrap();
        let ok = std::process::Command::new("sh")
            .arg("-c")
            .arg("npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null && tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json && mv package/lib/schemas/sarif-2.1.0-rtm.5.json . && rm -rf package microsoft-jest-sarif-1.0.0-beta.0.tgz")
            .current_dir(dir)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "could not fetch the SARIF 2.1.0 schema with npm; set SARIF_SCHEMA to a copy of sarif-2.1.0-rtm.5.json");
    }
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let mut schema = sarif_schema();
    // Erratum in the published rtm.5 schema: run.language's pattern has an unbalanced `]`, which
    // a strict meta-schema check rejects as a regex; it constrains a field we do not emit.
    fn mend(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) if s == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" => {
                *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into()
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(mend),
            serde_json::Value::Object(o) => o.values_mut().for_each(mend),
            _ => {}
        }
    }
    mend(&mut schema);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
    let mut docs = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in &names {
        let (text, r) = run(p);
        docs.push((
            format!(
                "tests/fixtures/check/{}",
                p.file_name().unwrap().to_str().unwrap()
            ),
            text,
            r,
        ));
    }
    let checked: Vec<Checked<'_>> = docs
        .iter()
        .map(|(p, t, r)| Checked {
            path: p,
            text: t,
            result: r,
        })
        .collect();
    let log = findings::sarif(&checked);
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), quotecheck::check::rules::ALL.len());
    assert!(rules
        .iter()
        .all(|r| r["defaultConfiguration"]["level"].is_string()
            && r["shortDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())));
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 10);
    assert!(results.iter().all(
        |r| r["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .is_some_and(|l| l >= 1)
    ));
    // The validator does reject a broken log.
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["level"] = serde_json::json!("loud");
    assert!(!validator.is_valid(&bad));
}

/// `docs/rules.md`: every rule's documentation, generated from the rule files.
#[test]
fn rules_docs_page_is_current() {
    let mut want = String::from(
        "# quotecheck rules\n\n<!-- Generated from src/check/rules/*.rs by `QUOTECHECK_WRITE_README=1 cargo test --test check`; do not edit. -->\n",
    );
    for r in rules::ALL {
        want.push('\n');
        want.push_str(&r.doc().replacen("# ", "## ", 1));
        want.push_str(&format!(
            "\nDefault level: `{}`.\n",
            r.default_level().as_str()
        ));
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    if std::env::var_os("QUOTECHECK_WRITE_README").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        want,
        "docs/rules.md is stale: run `QUOTECHECK_WRITE_README=1 cargo test --test check`"
    );
}

/// Defaults follow measurements: a rule that fails a run by default (warning or error) has been
/// measured on labelled samples of at least 30 findings in all, and no sample puts its precision
/// below 0.85; a rule that does not meet that is `info` until it is better.
#[test]
fn failing_rules_are_measured_precise() {
    use quotecheck::check::{measured, Level};
    for r in rules::ALL {
        if r.default_level() < Level::Warning {
            continue;
        }
        let rows = measured::of(r.id());
        let findings: usize = rows.iter().map(|m| m.findings).sum();
        assert!(
            findings >= 30,
            "{} is {} by default but was measured on {findings} findings (fewer than 30)",
            r.id(),
            r.default_level().as_str()
        );
        for m in &rows {
            assert!(
                m.precision().is_none_or(|p| p + 1e-9 >= 0.85),
                "{} is {} by default but its precision on {} is {:?}",
                r.id(),
                r.default_level().as_str(),
                m.sample,
                m.precision()
            );
        }
    }
}

#[test]
fn claims_index_agrees_with_a_scan() {
    // `figures::claim_kinds` (a binary search over the reported claims) answers what a scan of
    // every reported claim would, on every fixture.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract");
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let report = quotecheck::analyze(&text);
        let kinds = quotecheck::figures::claim_kinds(&report);
        for (i, q) in report.quotes.iter().enumerate() {
            use quotecheck::report::QuoteKind;
            let scan = q.continues.is_none()
                && match q.kind {
                    QuoteKind::Direct | QuoteKind::Indirect | QuoteKind::Belief => true,
                    QuoteKind::Partial => !report
                        .quotes
                        .iter()
                        .any(|o| o.kind == QuoteKind::Indirect && o.content.contains(q.content)),
                    _ => false,
                };
            assert_eq!(kinds[i].is_some(), scan, "{text:?} unit {i}");
        }
    }
}

#[test]
fn a_long_line_is_shown_around_each_finding() {
    // One line of 40 sentences: each snippet is a window of the line around its finding, not
    // the whole line, with the underline under the verb.
    let text = "The minister admitted the plan had failed. ".repeat(40);
    let r = check_text(
        &text,
        InputKind::Text,
        quotecheck::Grammar::builtin(),
        &Settings::default(),
    );
    assert_eq!(r.findings.len(), 40);
    let out = findings::human(
        &[Checked {
            path: "long.txt",
            text: &text,
            result: &r,
        }],
        false,
    );
    let snippets: Vec<&str> = out.lines().filter(|l| l.starts_with("1 | ")).collect();
    let carets: Vec<&str> = out.lines().filter(|l| l.contains('^')).collect();
    assert_eq!((snippets.len(), carets.len()), (40, 40));
    for (s, c) in snippets.iter().zip(&carets) {
        assert!(s.chars().count() < 140, "{s}");
        let at = c.find('^').unwrap();
        let under: String = s.chars().skip(at).take(8).collect();
        assert_eq!(under, "admitted", "{s}\n{c}");
    }
    assert!(snippets.last().unwrap().starts_with("1 | …"));
}

#[test]
fn control_characters_in_the_text_are_shown_not_obeyed() {
    // An escape sequence in a checked line reaches the terminal as visible characters.
    let text = "The minister admitted the plan had failed, \u{1b}]0;owned\u{7} he said.";
    let r = check_text(
        text,
        InputKind::Text,
        quotecheck::Grammar::builtin(),
        &Settings::default(),
    );
    let out = findings::human(
        &[Checked {
            path: "evil\u{1b}[2J.txt",
            text,
            result: &r,
        }],
        false,
    );
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("\u{241b}]0;owned\u{2407}") && out.contains("evil\u{241b}[2J.txt"));
}
