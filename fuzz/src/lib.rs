//! The fuzz targets' bodies: each takes arbitrary bytes, runs one input path of quotecheck and
//! asserts the invariants that must hold for any input (no panic, spans inside the text on char
//! boundaries, content spans that nest or stay apart, JSON that round-trips).
//!
//! The main crate's `tests/fuzz_regressions.rs` includes this file with `#[path]` and replays
//! the committed seeds and crash inputs through the same functions, so CI needs no nightly.

use std::path::Path;

use quotecheck::check::{self, config, InputKind, Settings};
use quotecheck::render::{findings, html, json};
use quotecheck::report::Report;
use quotecheck::{Analyzer, Grammar, Span};

/// A short story that exercises the constructions, for targets that vary the grammar or the
/// settings rather than the text.
pub const SAMPLE: &str = "OSLO, March 3 (Fjord Wire) - \"We will not sign,\" Mayor Ana Ruiz told reporters on Monday. \
A senior official, who asked not to be named because the talks are private, said the deal was close. \
The minister was quoted by the Harbour Gazette as saying that \"nothing is settled\". \
Critics claim the plan is late, according to two people familiar with the matter.\n\n\
\u{201c}It is a start,\u{201d} she added.";

/// The text of `data`: invalid UTF-8 replaced, so every input reaches the analysis.
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn in_bounds(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

/// Asserts the invariants of a report of `text`.
pub fn assert_sane(text: &str, r: &Report) {
    assert_sane_prose(text, text, r);
}

/// Asserts the invariants of a report of `prose`, the checker's masked copy of `text` (same
/// length): spans on char boundaries of both, excerpts taken from the original text.
pub fn assert_sane_prose(text: &str, prose: &str, r: &Report) {
    assert_eq!(text.len(), prose.len(), "prose keeps the length");
    let ok = |s: Span, what: &str| {
        assert!(
            in_bounds(text, s) && in_bounds(prose, s),
            "{what} span {s:?} outside the text of {} bytes",
            text.len()
        )
    };
    if let Some(d) = &r.dateline {
        ok(d.span, "dateline");
    }
    for (i, e) in r.entities.iter().enumerate() {
        assert_eq!(e.id, i, "entity ids are indices");
        for m in &e.mentions {
            ok(m.span, "mention");
            assert_eq!(&*m.text, m.span.of(text), "mention text");
        }
    }
    let entity = |id: usize| assert!(id < r.entities.len(), "entity {id} of {}", r.entities.len());
    for (i, q) in r.quotes.iter().enumerate() {
        assert_eq!(q.id, i, "quote ids are indices");
        ok(q.content, "content");
        assert_eq!(&*q.text, q.content.of(text), "quote text");
        if let Some(s) = &q.speaker {
            ok(s.mention, "speaker");
            entity(s.entity);
        }
        if let Some(c) = &q.cue {
            ok(c.span, "cue");
        }
        for l in &q.chain {
            if let Some(s) = l.span {
                ok(s, "chain");
            }
            if let Some(e) = l.entity {
                entity(e);
            }
        }
        if let Some(c) = q.continues {
            assert!((c as usize) < r.quotes.len(), "continues {c}");
        }
    }
    for d in &r.diagnostics {
        ok(d.span, "diagnostic");
    }
    for (i, a) in r.quotes.iter().enumerate() {
        for b in r.quotes.iter().skip(i + 1) {
            let (x, y) = (a.content, b.content);
            let overlap = x.start < y.end && y.start < x.end;
            assert!(
                !overlap || x.contains(y) || y.contains(x),
                "{x:?} ({:?}) and {y:?} ({:?}) overlap partially",
                a.kind,
                b.kind
            );
        }
    }
}

/// Asserts that the JSON Lines fast path writes what `serde_json` writes, and that it parses.
pub fn assert_json(id: &quotecheck::jsonl::RawId, r: &Report) {
    let mut fast = Vec::new();
    json::write_labelled_line(&mut fast, "id", id, r).expect("fast path writes");
    let mut slow = Vec::new();
    json::write_line(
        &mut slow,
        &json::Labelled {
            label: json::Id { id },
            report: r,
        },
    )
    .expect("serde_json writes");
    assert_eq!(
        String::from_utf8_lossy(&fast),
        String::from_utf8_lossy(&slow),
        "fast path and serde_json differ"
    );
    let back: serde_json::Value = serde_json::from_slice(&fast).expect("output is JSON");
    let want: serde_json::Value = serde_json::from_str(id.get()).expect("the id is JSON");
    assert_eq!(back.get("id"), Some(&want), "id round-trips");
    // Byte for byte: the line opens with the id exactly as given.
    assert!(fast.starts_with(format!("{{\"id\":{},", id.get()).as_bytes()));
}

/// Target `analyze`: raw text through the analysis and every renderer.
pub fn analyze(data: &[u8]) {
    let text = text_of(data);
    let r = quotecheck::analyze(&text);
    assert_sane(&text, &r);
    assert_json(&quotecheck::jsonl::RawId::null(), &r);
    let _ = quotecheck::render::text::render("fuzz.txt", &text, &r);
    let _ = html::report(&[html::HtmlDoc {
        name: "fuzz.txt",
        text: &text,
        report: &r,
        quotes: quotecheck::analysis::QuoteSet::of(&r),
        findings: None,
    }]);
}

/// Target `markdown`: the checker's input path, Markdown masking and suppression comments
/// included, then the rules and the findings renderers.
pub fn markdown(data: &[u8]) {
    let text = text_of(data);
    for kind in [InputKind::Markdown, InputKind::Text] {
        let prose = check::markdown::prose(&text, kind);
        assert_eq!(prose.text.len(), text.len(), "prose keeps the length");
        for (a, b) in prose.text.bytes().zip(text.bytes()) {
            assert_eq!(a == b'\n', b == b'\n', "prose keeps the line breaks");
        }
        let (res, report) =
            check::check_text_report(&text, kind, Grammar::builtin(), &Settings::default());
        assert_sane_prose(&text, &prose.text, &report);
        for f in &res.findings {
            assert!(
                in_bounds(&text, f.span),
                "{} finding at {:?}",
                f.rule,
                f.span
            );
            assert_ne!(f.level, check::Level::Off, "an off rule reported");
        }
        let docs = [findings::Checked {
            path: "fuzz.md",
            text: &text,
            result: &res,
        }];
        let _ = findings::human(&docs, false);
        let _ = findings::json(&docs);
        let _ = findings::sarif(&docs);
        let _ = findings::github(&docs);
        let _ = html::report(&[html::HtmlDoc {
            name: "fuzz.md",
            text: &text,
            report: &report,
            quotes: quotecheck::analysis::QuoteSet::of(&report),
            findings: Some(&res),
        }]);
    }
}

/// Target `jsonl`: each line as `extract --jsonl` reads it (record parsing, analysis, the
/// JSON Lines writer, error records).
pub fn jsonl(data: &[u8]) {
    let text = text_of(data);
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match quotecheck::jsonl::parse_line(line) {
            Ok(rec) => {
                let r = quotecheck::analyze(&rec.text);
                assert_sane(&rec.text, &r);
                assert_json(&rec.id, &r);
            }
            Err(e) => {
                let id = match &e {
                    quotecheck::jsonl::RecordError::MissingText(id) => Some(id),
                    quotecheck::jsonl::RecordError::Malformed(_) => None,
                };
                let mut out = Vec::new();
                json::write_line(
                    &mut out,
                    &json::ErrorRecord {
                        id,
                        file: None,
                        line: n + 1,
                        error: e.to_string(),
                    },
                )
                .expect("error record writes");
                let _: serde_json::Value =
                    serde_json::from_slice(&out).expect("error record is JSON");
            }
        }
    }
}

/// The grammar file names a user folder may hold, and one it may not.
const GRAMMAR_FILES: &[&str] = &[
    "verbs.txt",
    "titles.txt",
    "nouns.txt",
    "anonymity.txt",
    "cue-phrases.txt",
    "outlets.txt",
    "hedges.txt",
    "abbreviations.txt",
    "first-names.txt",
    "pronouns.txt",
    "function-words.txt",
    "unknown.txt",
];

/// A small base grammar (building the whole built-in one for every input would be too slow).
const BASE: &[(&str, &str)] = &[
    ("verbs.txt", "say forms=says,said,saying split=yes\ntell forms=tells,told,telling\nquote forms=quotes,quoted,quoting\n"),
    ("function-words.txt", "a type=determiner def=no number=sg\nthat type=complementizer\nthe type=determiner def=yes\nwas type=auxiliary\n"),
    ("pronouns.txt", "he gender=m number=sg kind=person person=3\nshe gender=f number=sg kind=person person=3\nit number=sg kind=org person=3\n"),
    ("cue-phrases.txt", "according to type=according\n"),
];

/// Target `grammar`: the first byte picks the file name, the rest is a user grammar file for
/// the loader; a grammar that loads is built and used to analyse the sample and the file itself.
pub fn grammar(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let name = GRAMMAR_FILES
        .get(usize::from(pick) % GRAMMAR_FILES.len())
        .copied()
        .unwrap_or("verbs.txt");
    let text = text_of(rest);
    let mut b = quotecheck::grammar::GrammarBuilder::default();
    for (n, t) in BASE {
        b.add_file(n, n, t).expect("the base grammar loads");
    }
    match b.add_file(name, "house/file.txt", &text) {
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.is_empty());
            if let quotecheck::GrammarError::Syntax { line, .. } = e {
                assert!(
                    line <= text.matches('\n').count() + 1,
                    "error line {line} past the end"
                );
            }
        }
        Ok(()) => {
            let analyzer = Analyzer::new(b.build());
            for t in [SAMPLE, text.as_str()] {
                let r = analyzer.analyze(t);
                assert_sane(t, &r);
            }
        }
    }
}

/// Target `config`: `quotecheck.toml` parsing, then a check of the sample with its levels.
pub fn config(data: &[u8]) {
    let text = text_of(data);
    match config::parse(&text, Path::new("fuzz/quotecheck.toml")) {
        Err(e) => {
            assert!(
                e.line >= 1 && e.line <= text.matches('\n').count() + 1,
                "error line {} past the end",
                e.line
            );
            assert!(!e.message.is_empty());
        }
        Ok(cfg) => {
            for id in cfg.levels.keys() {
                assert!(
                    check::rules::by_id(id).is_some(),
                    "unknown rule {id} accepted"
                );
            }
            assert_ne!(cfg.fail_on, Some(check::Level::Off));
            // (An absolute folder stays as written: `Path::join` keeps it.)
            for g in &cfg.grammar {
                assert!(
                    g.starts_with("fuzz") || g.is_absolute(),
                    "grammar folder {g:?} not resolved against the file"
                );
            }
            let res = check::check_text(
                SAMPLE,
                InputKind::Text,
                Grammar::builtin(),
                &Settings {
                    levels: cfg.levels.clone(),
                },
            );
            for f in &res.findings {
                assert_eq!(Some(&f.level), cfg.levels.get(f.rule).or(Some(&f.level)));
                assert_ne!(f.level, check::Level::Off);
            }
        }
    }
}
