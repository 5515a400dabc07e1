//! Properties that hold for any input: spans inside the text on char boundaries, units that
//! nest or stay apart, deterministic output that validates against the schema, the same result
//! for a document alone or inside a JSON Lines batch, and checker findings inside the text.
//! Case counts are kept small so that the suite stays quick in debug builds.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use proptest::prelude::*;
use quotecheck::check::{self, InputKind};
use quotecheck::{Grammar, Span};

/// News-like fragments, quote marks of every family, and noise, so that random texts reach the
/// constructions.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("\u{201c}".to_string()),
        Just("\u{201d}".to_string()),
        Just("\u{2018}".to_string()),
        Just("\u{2019}".to_string()),
        Just("'".to_string()),
        Just("\u{ab}".to_string()),
        Just("\u{bb}".to_string()),
        Just(" said ".to_string()),
        Just(" told reporters ".to_string()),
        Just(" according to ".to_string()),
        Just(" was quoted as saying ".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(" that ".to_string()),
        Just(" he ".to_string()),
        Just(" she ".to_string()),
        Just(" Prime Minister Ana Ruiz".to_string()),
        Just(" a senior official, requesting anonymity,".to_string()),
        Just(" the minister".to_string()),
        Just(" Critics say".to_string()),
        Just(" reportedly ".to_string()),
        Just(", adding that ".to_string()),
        Just(" citing ".to_string()),
        Just(" quoted Mayor Lem Tov as saying ".to_string()),
        Just("LIMA, May 2 (Andes Wire) - ".to_string()),
        "[a-zA-Z]{1,8}",
        "[ -~]{0,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..48).prop_map(|v| v.concat())
}

/// Markdown syntax and suppression comments mixed into news-like text.
fn markdown() -> impl Strategy<Value = String> {
    let md = prop_oneof![
        Just("`".to_string()),
        Just("\n```\n".to_string()),
        Just("\n---\n".to_string()),
        Just("# ".to_string()),
        Just("\n> ".to_string()),
        Just("\n- ".to_string()),
        Just("[".to_string()),
        Just("](http://example.test/\"x\")".to_string()),
        Just("![".to_string()),
        Just("<!-- ".to_string()),
        Just(" -->".to_string()),
        Just("<b>".to_string()),
        Just("*".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("[^1]".to_string()),
        Just("\nquotecheck-disable-next-line\n".to_string()),
        Just("<!-- quotecheck-disable loaded-verb -->\n".to_string()),
        Just("<!-- quotecheck-enable -->\n".to_string()),
    ];
    prop::collection::vec(prop_oneof![3 => fragment(), 1 => md], 0..48).prop_map(|v| v.concat())
}

/// `PROPTEST_CASES` when set (for a longer hunt), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn schema_validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/report.schema.json");
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        jsonschema::validator_for(&schema).unwrap()
    })
}

fn in_bounds(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

/// Every span of `r` lies in `text` on char boundaries, and content spans nest or stay apart.
fn report_is_sane(text: &str, r: &quotecheck::Report) -> Result<(), TestCaseError> {
    let ok = |s: Span| in_bounds(text, s);
    if let Some(d) = &r.dateline {
        prop_assert!(ok(d.span), "dateline {:?}", d.span);
    }
    for q in &r.quotes {
        prop_assert!(ok(q.content), "content {:?}", q.content);
        if let Some(s) = &q.speaker {
            prop_assert!(ok(s.mention), "speaker {:?}", s.mention);
        }
        if let Some(c) = &q.cue {
            prop_assert!(ok(c.span), "cue {:?}", c.span);
        }
        for l in &q.chain {
            if let Some(s) = l.span {
                prop_assert!(ok(s), "chain {:?}", s);
            }
        }
    }
    for e in &r.entities {
        for m in &e.mentions {
            prop_assert!(ok(m.span), "mention {:?}", m.span);
        }
    }
    for d in &r.diagnostics {
        prop_assert!(ok(d.span), "diagnostic {:?}", d.span);
    }
    for (i, a) in r.quotes.iter().enumerate() {
        for b in r.quotes.iter().skip(i + 1) {
            let (x, y) = (a.content, b.content);
            let overlap = x.start < y.end && y.start < x.end;
            prop_assert!(
                !overlap || x.contains(y) || y.contains(x),
                "{:?} ({:?}) and {:?} ({:?}) overlap partially in {:?}",
                x,
                a.kind,
                y,
                b.kind,
                text
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(128), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_inside_the_text_and_units_nest(text in text()) {
        report_is_sane(&text, &quotecheck::analyze(&text))?;
    }

    #[test]
    fn output_is_deterministic_and_valid(text in text()) {
        let r = quotecheck::analyze(&text);
        let a = serde_json::to_value(&r).unwrap();
        let b = serde_json::to_value(quotecheck::analyze(&text)).unwrap();
        prop_assert_eq!(&a, &b);
        let errors: Vec<String> = schema_validator().iter_errors(&a).map(|e| e.to_string()).collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
        // The JSON Lines fast path writes the same bytes as serde_json.
        let id = quotecheck::jsonl::RawId::from_json("\"doc\"").unwrap();
        let mut fast = Vec::new();
        quotecheck::render::json::write_labelled_line(&mut fast, "id", &id, &r).unwrap();
        let mut slow = Vec::new();
        let rec = quotecheck::render::json::Labelled { label: quotecheck::render::json::Id { id: &id }, report: &r };
        quotecheck::render::json::write_line(&mut slow, &rec).unwrap();
        prop_assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(slow).unwrap());
    }

    #[test]
    fn checker_findings_are_inside_the_text(text in markdown(), md in any::<bool>()) {
        let kind = if md { InputKind::Markdown } else { InputKind::Text };
        let prose = check::markdown::prose(&text, kind);
        prop_assert_eq!(prose.text.len(), text.len());
        let (res, report) = check::check_text_report(&text, kind, Grammar::builtin(), &Default::default());
        for f in &res.findings {
            prop_assert!(in_bounds(&text, f.span), "{} at {:?} in {:?}", f.rule, f.span, text);
        }
        report_is_sane(&text, &report)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48) / 8, failure_persistence: None, ..ProptestConfig::default() })]

    /// A document gives the same report inside a JSON Lines batch as alone.
    #[test]
    fn batch_equals_alone(docs in prop::collection::vec(text(), 1..12)) {
        let mut input = Vec::new();
        for (i, d) in docs.iter().enumerate() {
            serde_json::to_writer(&mut input, &serde_json::json!({"id": i, "text": d})).unwrap();
            input.push(b'\n');
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_quotecheck")).args(["extract", "--jsonl"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(&input).unwrap();
        let out = child.wait_with_output().unwrap();
        prop_assert!(out.status.success());
        let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        prop_assert_eq!(lines.len(), docs.len());
        for (i, (line, d)) in lines.iter().zip(&docs).enumerate() {
            let mut alone = serde_json::to_value(quotecheck::analyze(d)).unwrap();
            if let Some(o) = alone.as_object_mut() {
                o.insert("id".into(), serde_json::json!(i));
            }
            prop_assert_eq!(line, &alone);
        }
    }
}
