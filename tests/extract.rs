//! Fixtures in, snapshots out: every file in `tests/fixtures/extract/` is analysed and its
//! attribution summary compared with `snapshots/`. CI runs with `INSTA_UPDATE=no`, so a changed
//! result fails until reviewed (`cargo insta review`).

use std::fmt::Write as _;

use quotecheck::report::{QuoteKind, Report};

/// Who said what, one unit a line, in a form a reviewer can read.
fn summary(text: &str, r: &Report) -> String {
    let mut out = String::new();
    if let Some(d) = &r.dateline {
        let _ = writeln!(
            out,
            "dateline: {} / {}",
            d.place,
            d.outlet.as_deref().unwrap_or("-")
        );
    }
    for f in &r.furniture {
        let kind = serde_json::to_value(f.kind).unwrap();
        let _ = writeln!(
            out,
            "furniture {}: {:?}",
            kind.as_str().unwrap(),
            &text[f.span.start..f.span.end]
        );
    }
    for q in &r.quotes {
        let kind = format!("{:?}", q.kind).to_lowercase();
        let _ = writeln!(out, "{kind} {:?}", q.text);
        if matches!(q.kind, QuoteKind::Title | QuoteKind::Scare) {
            continue;
        }
        match &q.speaker {
            Some(s) => {
                let _ = writeln!(
                    out,
                    "  speaker: {} (mention {:?}{})",
                    s.name,
                    s.mention_text,
                    if s.anonymous { ", anonymous" } else { "" }
                );
            }
            None => {
                let _ = writeln!(out, "  speaker: none");
            }
        }
        if let Some(c) = &q.cue {
            let _ = writeln!(
                out,
                "  cue: {:?} {:?} {:?}",
                c.text, c.construction, c.stance
            );
        }
        if let Some(a) = &q.anonymity {
            let _ = writeln!(
                out,
                "  anonymity: reason {:?}, request {:?}",
                a.reason.as_ref().map(|x| &x.text),
                a.request.as_ref().map(|x| &x.text)
            );
        }
        if !q.chain.is_empty() {
            let names: Vec<String> = q
                .chain
                .iter()
                .map(|c| format!("{} ({:?})", c.name, c.role))
                .collect();
            let _ = writeln!(out, "  chain: {}", names.join(" -> "));
        }
        if let Some(c) = q.continues {
            let _ = writeln!(out, "  continues: #{c}");
        }
    }
    for d in &r.diagnostics {
        let _ = writeln!(
            out,
            "diagnostic {} at {:?}: {:?}",
            d.code,
            d.span,
            &text[d.span.start..d.span.end]
        );
    }
    out
}

/// Every span of a report lies inside the text, on char boundaries.
fn check_spans(text: &str, r: &Report) {
    let ok = |s: quotecheck::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for q in &r.quotes {
        assert!(ok(q.content), "content span {:?}", q.content);
        assert_eq!(&*q.text, &text[q.content.start..q.content.end]);
        if let Some(s) = &q.speaker {
            assert!(ok(s.mention));
        }
        if let Some(c) = &q.cue {
            assert!(ok(c.span));
        }
    }
    for e in &r.entities {
        for m in &e.mentions {
            assert!(ok(m.span));
            assert_eq!(&*m.text, &text[m.span.start..m.span.end]);
        }
    }
}

#[test]
fn fixtures() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("fixtures/extract/*.txt", |path| {
            let text = std::fs::read_to_string(path).unwrap();
            let report = quotecheck::analyze(&text);
            check_spans(&text, &report);
            // Deterministic: the same input gives the same bytes.
            let again = quotecheck::analyze(&text);
            assert_eq!(
                serde_json::to_string(&report).unwrap(),
                serde_json::to_string(&again).unwrap()
            );
            insta::assert_snapshot!(summary(&text, &report));
        });
    });
}

/// A scraped page's furniture (bylines, captions, teasers, advertising breaks, …) gives no
/// entity, no mention and no unit, and every quote and claim of its copy is credited.
#[test]
fn scraped_pages_credit_only_copy() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract");
    let mut pages = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("scraped-page-") {
            continue;
        }
        pages += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let r = quotecheck::analyze(&text);
        assert!(r.furniture.len() >= 10, "{name}: {:?}", r.furniture);
        let in_furniture = |s: quotecheck::Span| {
            r.furniture
                .iter()
                .any(|f| s.start < f.span.end && f.span.start < s.end)
        };
        for e in &r.entities {
            for m in &e.mentions {
                assert!(!in_furniture(m.span), "{name}: entity from furniture {m:?}");
            }
        }
        for q in &r.quotes {
            assert!(
                !in_furniture(q.content),
                "{name}: unit from furniture {:?}",
                q.text
            );
            if matches!(
                q.kind,
                QuoteKind::Direct | QuoteKind::Partial | QuoteKind::Indirect
            ) {
                assert!(q.speaker.is_some(), "{name}: uncredited {:?}", q.text);
            }
        }
    }
    assert!(pages >= 2, "scraped-page fixtures not found");
}

/// The full wire format of the shipped example, pinned.
#[test]
fn example_report_json() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/wire-story.txt"
    ))
    .unwrap();
    let report = quotecheck::analyze(&text);
    check_spans(&text, &report);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::assert_snapshot!(
            "wire_story_json",
            serde_json::to_string_pretty(&report).unwrap()
        )
    });
}

/// Institutions named by a capitalised organisation noun are organisations, not people: the
/// whole name ("White House"), its last word ("Home Office") or the noun alone ("the Treasury").
#[test]
fn institution_names_are_organisations() {
    use quotecheck::report::EntityKind;
    for text in [
        "The Treasury said it would not comment.",
        "The White House said the talks went well.",
        "The Home Office said the rules had changed.",
    ] {
        let report = quotecheck::analyze(text);
        let speaker = report
            .quotes
            .first()
            .and_then(|q| q.speaker.as_ref())
            .unwrap_or_else(|| panic!("no speaker in {text:?}"));
        let entity = &report.entities[speaker.entity];
        assert_eq!(
            entity.kind,
            EntityKind::Organisation,
            "{text:?}: {entity:?}"
        );
    }
}

/// A subject read for two cues (a relative clause's and the main verb's) is one entity, and
/// the relative clause's claim ends before the main verb.
#[test]
fn a_subject_of_two_cues_is_one_entity() {
    let text = "The port authority, which asked that its staff not be named, said the channel would reopen.";
    let report = quotecheck::analyze(text);
    let texts: Vec<&str> = report.quotes.iter().map(|q| &*q.text).collect();
    assert_eq!(
        texts,
        ["its staff not be named", "the channel would reopen"]
    );
    let ids: Vec<usize> = report
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref().map(|s| s.entity))
        .collect();
    assert_eq!(ids, [0, 0], "{:?}", report.entities);
    assert_eq!(report.entities.len(), 1);
}

/// A role in apposition after an inverted name is the person's title, and a later mention of
/// the role names them.
#[test]
fn inverted_appositive_is_a_title() {
    let text = "\"Demand is strong,\" said Ina Falk, an analyst at Norrmark Bank. The analyst said prices would rise.";
    let report = quotecheck::analyze(text);
    let falk = report
        .entities
        .iter()
        .find(|e| e.name == "Ina Falk")
        .expect("Ina Falk is an entity");
    assert_eq!(falk.titles[..], ["an analyst at Norrmark Bank"]);
    let speakers: Vec<&str> = report
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref().map(|s| s.name.as_str()))
        .collect();
    assert_eq!(speakers, ["Ina Falk", "Ina Falk"]);
}

/// A document a speaker issued ("said in a statement") speaks for its issuer later ("the
/// statement said", "a statement, which described …").
#[test]
fn an_issued_document_speaks_for_its_issuer() {
    let text = "Two men were hurt, the Velorian foreign ministry said in a statement, which \
                described the raid as \"an act of aggression.\"\n\n\"We will not accept \
                this,\" the statement said.";
    let report = quotecheck::analyze(text);
    let names: Vec<String> = report
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .map(|s| report.entities[s.entity].name.clone())
        .collect();
    assert_eq!(names.len(), 3, "{:?}", report.quotes);
    assert!(
        names.iter().all(|n| n == "the Velorian foreign ministry"),
        "{names:?}"
    );
}

/// A document the lexicon knows, in a venue it does not list ("in a 40-page ruling"), is the
/// issuer's too: "the ruling said" later is the issuer's words.
#[test]
fn a_document_in_an_unlisted_venue_speaks_for_its_issuer() {
    let text = "The harbour board said in a 40-page ruling that the berth fees would rise. The \
                ruling said the old rates had not covered dredging.";
    let report = quotecheck::analyze(text);
    let names: Vec<&str> = (report.quotes.iter())
        .filter_map(|q| q.speaker.as_ref())
        .map(|s| report.entities[s.entity].name.as_str())
        .collect();
    assert_eq!(names, ["The harbour board", "The harbour board"]);
}

/// A role a named owner holds ("Dravonia's defence ministry") is not another owner's
/// organisation with the same head ("the Velorian foreign ministry").
#[test]
fn an_owned_role_is_its_owners() {
    let text = "The Velorian foreign ministry said two men were hurt.\n\nDravonia\u{2019}s \
                defence ministry denied that its coast guard had fired on the boat.";
    let report = quotecheck::analyze(text);
    let names: Vec<&str> = report
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .map(|s| report.entities[s.entity].name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "The Velorian foreign ministry",
            "Dravonia\u{2019}s defence ministry"
        ]
    );
}
