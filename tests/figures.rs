//! One definition of a claim, a speaker and the anonymous share (`quotecheck::figures`): the
//! text summary of `extract`, `check`'s summary and the HTML side panel state the same figures
//! for every gold document.

use quotecheck::check::{check_text_report, InputKind, Settings};
use quotecheck::render::findings::{self, Checked};
use quotecheck::render::html::{self, HtmlDoc};
use quotecheck::{Figures, Grammar};

/// Every gold document: the project's sets, and the shared dev sets when they are there.
fn gold_texts() -> Vec<(String, String)> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir("tests/gold")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    if let Ok(dev) = std::fs::read_dir("../shared/eval/dev") {
        files.extend(dev.map(|e| e.unwrap().path()));
    }
    files.retain(|p| p.extension().is_some_and(|e| e == "jsonl"));
    files.sort();
    let mut out = Vec::new();
    for f in files {
        for line in std::fs::read_to_string(&f).unwrap().lines() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let id = format!("{}:{}", f.display(), v["id"]);
            out.push((id, v["text"].as_str().unwrap().to_string()));
        }
    }
    out
}

#[test]
fn text_check_and_html_agree_on_every_gold_document() {
    let docs = gold_texts();
    assert!(docs.len() >= 150, "gold documents read: {}", docs.len());
    let (mut claims, mut partial_alone, mut continued) = (0, 0, 0);
    for (id, text) in &docs {
        let (result, report) = check_text_report(
            text,
            InputKind::Text,
            Grammar::builtin(),
            &Settings::default(),
        );
        let f = Figures::of(&report);
        assert_eq!(result.summary, f, "{id}: check's summary");
        claims += f.claims;
        partial_alone += quotecheck::figures::speakers(&report)
            .iter()
            .map(|s| s.partial)
            .sum::<usize>();
        continued += report
            .quotes
            .iter()
            .filter(|q| q.continues.is_some())
            .count();
        let line = quotecheck::figures::sentence(&f);
        // extract --format text: the line under the document's name.
        let summary = quotecheck::render::text::render("doc", text, &report);
        assert_eq!(
            summary.lines().nth(1),
            Some(format!("  {line}").as_str()),
            "{id}"
        );
        // One group per speaker: a heading "  Name (kind; …)" over its units.
        let groups = summary
            .lines()
            .skip(2)
            .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && l.ends_with(')'))
            .filter(|l| l.trim() != "(unattributed)")
            .count();
        assert_eq!(groups, f.speakers, "{id}: speaker groups\n{summary}");
        // check, human output: the document's line.
        let checked = [Checked {
            path: "doc",
            text,
            result: &result,
        }];
        let human = findings::human(&checked, false);
        if f.claims > 0 {
            assert!(human.contains(&format!("doc: {line}\n")), "{id}: {human}");
        }
        // check --format json: the summary object.
        let json = findings::json(&checked);
        assert_eq!(json["files"][0]["summary"]["claims"], f.claims, "{id}");
        assert_eq!(json["files"][0]["summary"]["speakers"], f.speakers, "{id}");
        // The HTML side panel.
        let page = html::report(&[HtmlDoc {
            name: "doc",
            text,
            report: &report,
            quotes: quotecheck::analysis::QuoteSet::of(&report),
            findings: None,
        }]);
        let pct = (f.anonymous_share * 100.0).round();
        let figures = format!(
            concat!(
                "<strong>{}</strong> claim{}, <strong>{}</strong> from anonymous sources ",
                "(<strong>{pct}%</strong>)"
            ),
            f.claims,
            if f.claims == 1 { "" } else { "s" },
            f.anonymous,
            pct = pct
        );
        assert!(page.contains(&figures), "{id}: the panel says {figures}");
        assert_eq!(
            page.matches("<button type=\"button\" class=\"speaker")
                .count(),
            f.speakers,
            "{id}: speakers listed"
        );
    }
    // The definitions are exercised: broken and multi-paragraph quotes, lone partial quotes.
    eprintln!(
        "{} documents, {claims} claims, {partial_alone} lone partial quotes, \
         {continued} continued units",
        docs.len()
    );
    assert!(
        claims > 1000 && partial_alone > 5 && continued > 20,
        "{claims} {partial_alone} {continued}"
    );
}
