//! Human-readable output: who said what, grouped by speaker, under the document's figures
//! ([`crate::figures`]).

use std::fmt::Write as _;

use std::collections::BTreeSet;

use crate::figures::{claim_kinds, sentence, speakers, Figures};
use crate::render::safe;
use crate::report::{ChainRole, Quote, Report};
use crate::span::LineIndex;

/// `s` on one line (white space runs as one space), at most `n` chars, safe to print.
fn clip(s: &str, n: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let one_line = safe::line(&one_line).into_owned();
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

/// Renders `report` of `text` (named `name`) as plain text. Names and text from the input are
/// printed through [`safe::line`].
pub fn render(name: &str, text: &str, report: &Report) -> String {
    let ix = LineIndex::new(text);
    let mut out = String::new();
    let _ = writeln!(out, "{}", safe::line(name));
    let figures = Figures::of(report);
    let _ = writeln!(out, "  {}", sentence(&figures));
    if !report.furniture.is_empty() {
        let _ = writeln!(
            out,
            "  page furniture skipped: {}",
            furniture_counts(report)
        );
    }
    let speakers: BTreeSet<usize> = speakers(report).iter().map(|s| s.entity).collect();
    // Each entity's units, in report order, gathered in one pass.
    let mut by_entity: Vec<Vec<&Quote>> = vec![Vec::new(); report.entities.len()];
    for q in &report.quotes {
        if let Some(units) = q.speaker.as_ref().and_then(|s| by_entity.get_mut(s.entity)) {
            units.push(q);
        }
    }
    for e in report.entities.iter().filter(|e| speakers.contains(&e.id)) {
        let units = by_entity.get(e.id).map_or(&[][..], Vec::as_slice);
        if units.is_empty() {
            continue;
        }
        let mut what = vec![format!("{:?}", e.kind).to_lowercase()];
        what.extend(e.titles.iter().take(2).map(|t| clip(t, 200)));
        if e.anonymous {
            what.push(match &e.anonymity_reason {
                Some(r) => format!("reason: {}", clip(&r.text, 60)),
                None => "no reason given for anonymity".into(),
            });
        }
        let _ = writeln!(out, "\n  {} ({})", clip(&e.name, 200), what.join("; "));
        for &q in units {
            let (l, c) = ix.line_col(text, q.content.start);
            let cue = q.cue.as_ref().map_or(String::new(), |c| {
                format!(" [{}, {}]", clip(&c.text, 30), c.construction.name())
            });
            let chain: Vec<String> = q
                .chain
                .iter()
                .map(|c| match c.role {
                    ChainRole::Publisher => format!("{} (publisher)", clip(&c.name, 200)),
                    _ => clip(&c.name, 200),
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
        .zip(claim_kinds(report))
        .filter(|(q, k)| q.speaker.is_none() && k.is_some())
        .map(|(q, _)| q)
        .collect();
    if !orphans.is_empty() {
        let _ = writeln!(out, "\n  (unattributed)");
        for q in orphans {
            let (l, c) = ix.line_col(text, q.content.start);
            let kind = format!("{:?}", q.kind).to_lowercase();
            let _ = writeln!(out, "    {l}:{c} {kind:<8} \"{}\"", clip(&q.text, 90));
        }
    }
    for d in &report.diagnostics {
        let (l, c) = ix.line_col(text, d.span.start);
        let _ = writeln!(out, "\n  {l}:{c} {}: {}", d.code, safe::line(&d.message));
    }
    out
}
