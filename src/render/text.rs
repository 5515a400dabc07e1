//! Human-readable output: who said what, grouped by speaker, under the document's figures
//! ([`crate::figures`]).

use std::fmt::Write as _;

use crate::figures::{sentence, Figures};
use crate::render::safe;
use crate::report::{ChainRole, Quote, QuoteKind, Report};
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
    render_quotes(name, text, report, report.quotes.iter())
}

/// [`render`] of a report whose quotes come one at a time (`head`, the report without them, and
/// `quotes`, as [`crate::analysis::analyze_stream`] gives them): the same text, each quote's
/// line made as the quote comes, so the quotes are never held.
pub fn render_stream(
    name: &str,
    text: &str,
    head: &Report,
    quotes: &mut dyn Iterator<Item = Quote>,
) -> String {
    render_quotes(name, text, head, quotes)
}

/// A partial quote that continues nothing: a claim unless it lies inside a reported claim,
/// which may come after it (same start, further end), so it is settled at the end.
struct Partial {
    start: usize,
    end: usize,
    /// Its speaker's entity and whether it is anonymous.
    speaker: Option<(usize, bool)>,
    /// Its line among the unattributed ones (bytes of `orphans`), when it has no speaker.
    line: Option<std::ops::Range<usize>>,
}

/// The lines of the text, gathered as the quotes come ([`render_quotes`]).
#[derive(Default)]
struct Lines {
    /// Each entity's units' lines, in report order.
    by_entity: Vec<String>,
    /// The entities credited with a claim (the speakers).
    speaker: Vec<bool>,
    /// The unattributed claims' lines.
    orphans: String,
    /// The reported claims (start, end).
    indirect: Vec<(usize, usize)>,
    partials: Vec<Partial>,
    figures: Figures,
}

impl Lines {
    /// Counts a claim credited to `speaker` (entity, anonymous), or to nobody.
    fn claim(&mut self, speaker: Option<(usize, bool)>) {
        self.figures.claims += 1;
        match speaker {
            None => self.figures.unattributed += 1,
            Some((entity, anonymous)) => {
                self.figures.anonymous += usize::from(anonymous);
                if let Some(x) = self.speaker.get_mut(entity) {
                    *x = true;
                }
            }
        }
    }

    /// Adds quote `q` (of `text`, whose lines are `ix`).
    fn add(&mut self, ix: &LineIndex, text: &str, q: &Quote) {
        if q.kind == QuoteKind::Indirect {
            self.indirect.push((q.content.start, q.content.end));
        }
        let speaker = q.speaker.as_ref().map(|s| (s.entity, s.anonymous));
        if let Some(units) = q
            .speaker
            .as_ref()
            .and_then(|s| self.by_entity.get_mut(s.entity))
        {
            unit_line(units, ix, text, q);
        }
        let claim = q.continues.is_none()
            && matches!(
                q.kind,
                QuoteKind::Direct | QuoteKind::Indirect | QuoteKind::Belief
            );
        let partial = q.continues.is_none() && q.kind == QuoteKind::Partial;
        let line = if speaker.is_none() && (claim || partial) {
            let from = self.orphans.len();
            orphan_line(&mut self.orphans, ix, text, q);
            Some(from..self.orphans.len())
        } else {
            None
        };
        if claim {
            self.claim(speaker);
        } else if partial {
            self.partials.push(Partial {
                start: q.content.start,
                end: q.content.end,
                speaker,
                line,
            });
        }
    }

    /// Settles the partial quotes (a claim unless inside a reported claim: found with the
    /// reported claims sorted by start and the running maximum of their ends) and counts the
    /// speakers.
    fn finish(&mut self) {
        let reported = crate::figures::ReportedSpans::new(std::mem::take(&mut self.indirect));
        let mut dropped: Vec<std::ops::Range<usize>> = Vec::new();
        for p in std::mem::take(&mut self.partials) {
            if reported.contains(p.start, p.end) {
                dropped.extend(p.line);
            } else {
                self.claim(p.speaker);
            }
        }
        if !dropped.is_empty() {
            let mut kept = String::with_capacity(self.orphans.len());
            let mut at = 0;
            for r in dropped {
                kept.push_str(self.orphans.get(at..r.start).unwrap_or_default());
                at = r.end;
            }
            kept.push_str(self.orphans.get(at..).unwrap_or_default());
            self.orphans = kept;
        }
        self.figures.speakers = self.speaker.iter().filter(|&&x| x).count();
        let f = &mut self.figures;
        f.anonymous_share = if f.claims == 0 {
            0.0
        } else {
            f.anonymous as f64 / f.claims as f64
        };
    }
}

/// The line of a unit under its speaker.
fn unit_line(out: &mut String, ix: &LineIndex, text: &str, q: &Quote) {
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

/// The line of an unattributed claim.
fn orphan_line(out: &mut String, ix: &LineIndex, text: &str, q: &Quote) {
    let (l, c) = ix.line_col(text, q.content.start);
    let kind = format!("{:?}", q.kind).to_lowercase();
    let _ = writeln!(out, "    {l}:{c} {kind:<8} \"{}\"", clip(&q.text, 90));
}

/// The text of `head` (its entities, furniture and diagnostics) with `quotes` (in order).
fn render_quotes<Q: std::borrow::Borrow<Quote>>(
    name: &str,
    text: &str,
    head: &Report,
    quotes: impl Iterator<Item = Q>,
) -> String {
    let ix = LineIndex::new(text);
    let mut lines = Lines {
        by_entity: vec![String::new(); head.entities.len()],
        speaker: vec![false; head.entities.len()],
        ..Lines::default()
    };
    for q in quotes {
        lines.add(&ix, text, q.borrow());
    }
    lines.finish();
    let mut out = String::new();
    let _ = writeln!(out, "{}", safe::line(name));
    let _ = writeln!(out, "  {}", sentence(&lines.figures));
    if !head.furniture.is_empty() {
        let _ = writeln!(out, "  page furniture skipped: {}", furniture_counts(head));
    }
    for e in &head.entities {
        let speaks = lines.speaker.get(e.id).copied().unwrap_or(false);
        let units = lines.by_entity.get(e.id).map_or("", String::as_str);
        if !speaks || units.is_empty() {
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
        out.push_str(units);
    }
    if !lines.orphans.is_empty() {
        let _ = writeln!(out, "\n  (unattributed)");
        out.push_str(&lines.orphans);
    }
    for d in &head.diagnostics {
        let (l, c) = ix.line_col(text, d.span.start);
        let _ = writeln!(out, "\n  {l}:{c} {}: {}", d.code, safe::line(&d.message));
    }
    out
}
