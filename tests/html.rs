//! The HTML report (`extract --format html`, `check --format html`): a snapshot of one fixture's
//! page, and structural checks over every fixture: each speech unit is a mark naming its
//! speaker, the article's text is the input, marks nest, nothing is loaded from outside.
//! `tests/browser.rs` renders the page in headless Chromium.

use std::collections::BTreeMap;

use quotecheck::check::{check_text_report, InputKind, Settings};
use quotecheck::render::html::{report, HtmlDoc};
use quotecheck::report::{QuoteKind, Report};

mod common;
use common::qc;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/extract/wire-story-lookalike.txt"
);

fn page(name: &str, text: &str, r: &Report) -> String {
    report(&[HtmlDoc {
        name,
        text,
        report: r,
        quotes: quotecheck::analysis::QuoteSet::of(r),
        findings: None,
    }])
}

/// The attributes of every `<mark …>` start tag, in document order.
fn marks(html: &str) -> Vec<BTreeMap<String, String>> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<mark ") {
        let tag_end = rest[i..].find('>').unwrap() + i;
        let mut attrs = BTreeMap::new();
        let mut s = &rest[i + 6..tag_end];
        while let Some(eq) = s.find("=\"") {
            let name = s[..eq].trim().to_string();
            let close = s[eq + 2..].find('"').unwrap() + eq + 2;
            attrs.insert(name, unescape(&s[eq + 2..close]));
            s = &s[close + 1..];
        }
        out.push(attrs);
        rest = &rest[tag_end + 1..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn article(html: &str, doc: usize) -> &str {
    let start = html
        .find(&format!("<section class=\"doc\" id=\"d{doc}\""))
        .unwrap();
    let a = html[start..].find("<article").unwrap() + start;
    let b = html[a..].find("</article>").unwrap() + a;
    &html[a..b]
}

/// The article's text as a reader sees it: tags, tooltips, labels and rule badges removed.
fn visible_text(article: &str) -> String {
    let mut plain = String::new();
    let mut hidden = 0usize;
    let mut rest = article;
    while let Some(i) = rest.find('<') {
        if hidden == 0 {
            plain.push_str(&rest[..i]);
        }
        let j = rest[i..].find('>').unwrap() + i;
        let tag = &rest[i..=j];
        if hidden > 0 {
            if tag.starts_with("<span") {
                hidden += 1;
            } else if tag == "</span>" {
                hidden -= 1;
            }
        } else if [
            "<span class=\"tip\"",
            "<span class=\"lbl\"",
            "<span class=\"rule\"",
        ]
        .iter()
        .any(|p| tag.starts_with(p))
        {
            hidden = 1;
        }
        rest = &rest[j + 1..];
    }
    unescape(&plain)
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// What a page must show of a report: every unit as a mark with its id, kind and speaker.
fn assert_units_marked(name: &str, html: &str, doc: usize, r: &Report) {
    let marks = marks(html);
    let by_id: BTreeMap<&str, &BTreeMap<String, String>> = marks
        .iter()
        .filter_map(|m| m.get("id").map(|id| (id.as_str(), m)))
        .collect();
    for q in &r.quotes {
        let id = format!("d{doc}-q{}", q.id);
        let m = by_id
            .get(id.as_str())
            .unwrap_or_else(|| panic!("{name}: no mark {id} for {:?}", q.text));
        assert_eq!(
            m["data-kind"],
            format!("{:?}", q.kind).to_lowercase(),
            "{name}: {id}"
        );
        assert_eq!(m["tabindex"], "0", "{name}: {id} is focusable");
        assert!(
            html.contains(&format!("id=\"{id}-tip\"")),
            "{name}: {id} has a tooltip"
        );
        let speech = matches!(
            q.kind,
            QuoteKind::Direct | QuoteKind::Partial | QuoteKind::Indirect
        );
        match &q.speaker {
            Some(s) => {
                assert_eq!(m.get("data-speaker"), Some(&s.name), "{name}: {id} speaker");
                assert_eq!(
                    m["class"].split(' ').any(|c| c == "anon"),
                    s.anonymous,
                    "{name}: {id} anonymity"
                );
            }
            None if speech => assert!(
                m["class"].split(' ').any(|c| c == "unattributed"),
                "{name}: {id} is unattributed"
            ),
            None => assert!(
                m["class"].split(' ').any(|c| c == "nonspeech"),
                "{name}: {id} is not speech"
            ),
        }
    }
}

/// Marks, paragraphs and spans are balanced (the input's `<` are all escaped).
fn assert_balanced(name: &str, html: &str) {
    assert_eq!(
        html.matches("<mark ").count(),
        html.matches("</mark>").count(),
        "{name}: marks"
    );
    assert_eq!(
        html.matches("<p>").count() + html.matches("<p ").count(),
        html.matches("</p>").count(),
        "{name}: paragraphs"
    );
    assert_eq!(
        html.matches("<span").count(),
        html.matches("</span>").count(),
        "{name}: spans"
    );
}

/// Nothing is fetched: no external scripts, styles, fonts, images or frames. Tags cannot come
/// from the input (its `<` are escaped); the style sheet and script are checked for URLs.
fn assert_self_contained(html: &str) {
    let lower = html.to_lowercase();
    for bad in [
        "<link",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "<script src",
        " src=\"",
        " href=\"http",
        "<base",
    ] {
        assert!(
            !lower.contains(bad),
            "the page must not load anything: found {bad:?}"
        );
    }
    let head = &lower[..lower.find("</head>").unwrap()];
    let script = &lower[lower.rfind("<script>").unwrap()..];
    for part in [head, script] {
        for bad in ["http:", "https:", "://", "@import", "url(", "@font-face"] {
            assert!(
                !part.replace("http-equiv", "").contains(bad),
                "the page must not load anything: found {bad:?}"
            );
        }
    }
    assert!(lower.contains("content-security-policy\" content=\"default-src 'none';"));
    assert!(lower.contains("<script>") && lower.contains("<style>"));
}

#[test]
fn snapshot_of_a_fixture_page() {
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    let r = quotecheck::analyze(&text);
    let html = page("wire-story-lookalike.txt", &text, &r);
    assert_eq!(
        html,
        page("wire-story-lookalike.txt", &text, &r),
        "deterministic"
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("html_wire_story_lookalike", html));
}

#[test]
fn every_fixture_page_marks_every_unit_and_keeps_the_text() {
    let mut n = 0;
    for entry in std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/extract"
    ))
    .unwrap()
    {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let r = quotecheck::analyze(&text);
        let html = page(&name, &text, &r);
        assert_units_marked(&name, &html, 0, &r);
        assert_balanced(&name, &html);
        assert_self_contained(&html);
        assert_eq!(
            words(&visible_text(article(&html, 0))),
            words(&text),
            "{name}: the article shows the input, word for word"
        );
        n += 1;
    }
    assert!(n > 20, "fixtures read: {n}");
}

#[test]
fn side_panel_counts_speakers_claims_and_chains() {
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    let r = quotecheck::analyze(&text);
    let html = page("w.txt", &text, &r);
    let summary = quotecheck::check::summarize(&r);
    let pct = (summary.anonymous_share * 100.0).round();
    assert!(
        html.contains(&format!(
            "<strong>{}</strong> claims, <strong>{}</strong> from anonymous sources (<strong>{pct}%</strong>)",
            summary.claims, summary.anonymous
        )),
        "the panel's figures are check's summary"
    );
    assert!(html.contains("<span class=\"name\">Aleksander Vasko</span> <span class=\"counts\">1 direct, 4 reported</span>"));
    assert!(
        html.contains("class=\"speaker s3 anon\""),
        "the anonymous official is marked in the panel"
    );
    assert!(
        html.contains("<li class=\"node s0\"><span>Anders Brandvold</span></li><li class=\"node relay\"><span>Henrik Lauritsen <small>relay</small></span></li><li class=\"node publisher\"><span>Skerry News <small>publisher</small></span></li>"),
        "a relayed chain is drawn speaker → relay → publisher"
    );
    assert!(html.contains("Kestrian News Agency <small>outlet</small>"));
    assert!(
        html.contains("no reason given; request: requesting anonymity"),
        "the tooltip says no reason was given"
    );
}

#[test]
fn text_is_escaped_and_crossing_units_still_nest() {
    let text = "\"<script>alert('x')</script> & more,\" said Tom O'Neil.\n\n\"Yes\nand no,\" the aide said.";
    let r = quotecheck::analyze(text);
    let html = page("<evil>.txt", text, &r);
    assert!(!html.contains("<script>alert"), "input text is escaped");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
    assert!(html.contains("&lt;evil&gt;.txt"), "names are escaped");
    assert_units_marked("escape", &html, 0, &r);
    assert_balanced("escape", &html);
    assert_eq!(words(&visible_text(article(&html, 0))), words(text));
}

#[test]
fn several_documents_in_one_page() {
    let a = "\"We will rebuild,\" Mayor Ana Ruiz said.";
    let b = "A senior aide, requesting anonymity, said the cost was unknown.";
    let (ra, rb) = (quotecheck::analyze(a), quotecheck::analyze(b));
    let html = report(&[
        HtmlDoc {
            name: "a.txt",
            text: a,
            report: &ra,
            quotes: quotecheck::analysis::QuoteSet::of(&ra),
            findings: None,
        },
        HtmlDoc {
            name: "b.txt",
            text: b,
            report: &rb,
            quotes: quotecheck::analysis::QuoteSet::of(&rb),
            findings: None,
        },
    ]);
    assert!(html.contains("<title>quotecheck report: 2 documents</title>"));
    assert!(
        html.contains("<a href=\"#d0\">a.txt</a>") && html.contains("<a href=\"#d1\">b.txt</a>")
    );
    assert_units_marked("a", &html, 0, &ra);
    assert_units_marked("b", &html, 1, &rb);
}

#[test]
fn check_findings_are_inline_and_listed() {
    for entry in
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/check")).unwrap()
    {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let (result, r) = check_text_report(
            &text,
            InputKind::from_path(&path),
            quotecheck::Grammar::builtin(),
            &Settings::default(),
        );
        let html = report(&[HtmlDoc {
            name: &name,
            text: &text,
            report: &r,
            quotes: quotecheck::analysis::QuoteSet::of(&r),
            findings: Some(&result),
        }]);
        assert_units_marked(&name, &html, 0, &r);
        assert_balanced(&name, &html);
        assert_self_contained(&html);
        let marks = marks(&html);
        for (i, f) in result.findings.iter().enumerate() {
            let id = format!("d0-f{i}");
            let m = marks
                .iter()
                .find(|m| m.get("id") == Some(&id))
                .unwrap_or_else(|| panic!("{name}: no mark for finding {i} {}", f.rule));
            assert_eq!(m["data-rule"], f.rule);
            assert!(m["class"].contains(&format!("level-{}", f.level.as_str())));
            assert!(
                html.contains(&format!("<a href=\"#{id}\">")),
                "{name}: finding {i} is listed with a link to it"
            );
        }
        assert!(
            html.contains(&format!(
                "Findings <span class=\"muted\">({})</span>",
                result.findings.len()
            )),
            "{name}"
        );
        assert_eq!(
            words(&visible_text(article(&html, 0))),
            words(&text),
            "{name}"
        );
    }
}

#[test]
fn cli_extract_html_makes_one_page_for_all_inputs() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/wire-story.txt");
    let o = qc(&["extract", example, FIXTURE, "--format", "html"], b"");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let html = String::from_utf8(o.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<section class=\"doc\"").count(), 2);
    assert_eq!(html.matches("</html>").count(), 1);
    let text = std::fs::read_to_string(example).unwrap();
    assert_units_marked("example", &html, 0, &quotecheck::analyze(&text));
    assert_self_contained(&html);
}

#[test]
fn cli_html_is_not_for_jsonl() {
    let o = qc(
        &["extract", "--jsonl", "--format", "html"],
        b"{\"id\": 1, \"text\": \"Hi.\"}\n",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--format html cannot be used with --jsonl")
    );
}

#[test]
fn cli_missing_file_still_renders_the_others() {
    let o = qc(
        &["extract", FIXTURE, "/no/such/file.txt", "--format", "html"],
        b"",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/no/such/file.txt"));
    assert_eq!(
        String::from_utf8(o.stdout)
            .unwrap()
            .matches("<section class=\"doc\"")
            .count(),
        1
    );
}

#[test]
fn cli_check_html_shows_findings_and_keeps_the_exit_status() {
    let o = qc(
        &["check", "--format", "html", "--fail-on", "info", "-"],
        "The minister admitted the plan had failed.".as_bytes(),
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "findings fail the run in every format"
    );
    let html = String::from_utf8(o.stdout).unwrap();
    assert!(html.contains("<title>quotecheck check: -</title>"));
    assert!(html.contains("data-rule=\"loaded-verb\""));
    assert!(html.contains("<span class=\"rule\">loaded-verb</span>"));
    assert_self_contained(&html);
}

/// Of two findings on one span the more severe is the outer mark (the style sheet stops a
/// milder finding inside a severe one drawing its own underline), and Markdown front matter
/// is shown as metadata, not as a paragraph of prose.
#[test]
fn severe_findings_win_and_front_matter_is_not_prose() {
    let text =
        "---\ntitle: \"Harbour to close\"\n---\nA senior official said the harbour would close.\n";
    let (result, r) = check_text_report(
        text,
        InputKind::Markdown,
        quotecheck::Grammar::builtin(),
        &Settings::default(),
    );
    let levels: Vec<&str> = result.findings.iter().map(|f| f.level.as_str()).collect();
    assert_eq!(levels, ["warning", "info"], "two findings on the source");
    assert_eq!(result.findings[0].span, result.findings[1].span);
    let html = report(&[HtmlDoc {
        name: "harbour.md",
        text,
        report: &r,
        quotes: quotecheck::analysis::QuoteSet::of(&r),
        findings: Some(&result),
    }]);
    let warning = html.find("<mark class=\"finding level-warning").unwrap();
    let info = html.find("<mark class=\"finding level-info").unwrap();
    assert!(warning < info, "the warning's mark holds the info's");
    let css = include_str!("../src/render/html.css");
    assert!(css.contains(".level-warning .finding.level-info { text-decoration: none; }"));
    assert!(html.contains(concat!(
        "<pre class=\"front-matter\" aria-label=\"front matter\">",
        "---\ntitle: &quot;Harbour to close&quot;\n---</pre>\n<p>"
    )));
    assert!(
        !article(&html, 0).contains("<p>---"),
        "no paragraph of front matter"
    );
    // The same text named as plain text keeps its lines as prose.
    let plain = report(&[HtmlDoc {
        name: "harbour.txt",
        text,
        report: &r,
        quotes: quotecheck::analysis::QuoteSet::of(&r),
        findings: None,
    }]);
    assert!(!plain.contains("front-matter\" aria-label"));
}
