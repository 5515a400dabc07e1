//! Human-readable output: who said what, grouped by speaker.

use std::fmt::Write as _;

use crate::report::{ChainRole, QuoteKind, Report};
use crate::span::LineIndex;

fn clip(s: &str, n: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= n {
        one_line
    } else {
        let mut t: String = one_line.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The furniture lines by kind, in kind order: "3 advertisement, 1 byline".
fn furniture_counts(report: &Report) -> String {
    let mut kinds: Vec<_> = report.furniture.iter().map(|f| f.kind).collect();
    kinds.sort();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(&k) = kinds.get(i) {
        let n = kinds
            .get(i..)
            .map_or(0, |r| r.iter().take_while(|&&x| x == k).count());
        let name = serde_json::to_value(k)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        parts.push(format!("{n} {name}"));
        i += n.max(1);
    }
    parts.join(", ")
}

/// Renders `report` of `text` (named `name`) as plain text.
pub fn render(name: &str, text: &str, report: &Report) -> String {
    let ix = LineIndex::new(text);
    let mut out = String::new();
    let _ = writeln!(out, "{name}");
    let speech = |k: QuoteKind| {
        matches!(
            k,
            QuoteKind::Direct | QuoteKind::Partial | QuoteKind::Indirect
        )
    };
    let total = report.quotes.iter().filter(|q| speech(q.kind)).count();
    let anon = report
        .quotes
        .iter()
        .filter(|q| speech(q.kind) && q.speaker.as_ref().is_some_and(|s| s.anonymous))
        .count();
    let _ = writeln!(
        out,
        "  {total} claims, {anon} from anonymous sources, {} speakers",
        report.entities.len()
    );
    if !report.furniture.is_empty() {
        let _ = writeln!(
            out,
            "  page furniture skipped: {}",
            furniture_counts(report)
        );
    }
    for e in &report.entities {
        let units: Vec<_> = report
            .quotes
            .iter()
            .filter(|q| q.speaker.as_ref().is_some_and(|s| s.entity == e.id))
            .collect();
        if units.is_empty() {
            continue;
        }
        let mut what = vec![format!("{:?}", e.kind).to_lowercase()];
        what.extend(e.titles.iter().take(2).cloned());
        if e.anonymous {
            what.push(match &e.anonymity_reason {
                Some(r) => format!("reason: {}", clip(&r.text, 60)),
                None => "no reason given for anonymity".into(),
            });
        }
        let _ = writeln!(out, "\n  {} ({})", e.name, what.join("; "));
        for q in units {
            let (l, c) = ix.line_col(text, q.content.start);
            let cue = q
                .cue
                .as_ref()
                .map_or(String::new(), |c| format!(" [{}]", clip(&c.text, 30)));
            let chain: Vec<String> = q
                .chain
                .iter()
                .map(|c| match c.role {
                    ChainRole::Publisher => format!("{} (publisher)", c.name),
                    _ => c.name.clone(),
                })
                .collect();
            let via = if chain.is_empty() {
                String::new()
            } else {
                format!(" via {}", chain.join(" → "))
            };
            let kind = format!("{:?}", q.kind).to_lowercase();
            let _ = writeln!(
                out,
                "    {l}:{c} {kind:<8} \"{}\"{cue}{via}",
                clip(&q.text, 90)
            );
        }
    }
    let orphans: Vec<_> = report
        .quotes
        .iter()
        .filter(|q| q.speaker.is_none() && q.kind == QuoteKind::Direct)
        .collect();
    if !orphans.is_empty() {
        let _ = writeln!(out, "\n  (unattributed)");
        for q in orphans {
            let (l, c) = ix.line_col(text, q.content.start);
            let _ = writeln!(out, "    {l}:{c} direct   \"{}\"", clip(&q.text, 90));
        }
    }
    for d in &report.diagnostics {
        let (l, c) = ix.line_col(text, d.span.start);
        let _ = writeln!(out, "\n  {l}:{c} {}: {}", d.code, d.message);
    }
    out
}
