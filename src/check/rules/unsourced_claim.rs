//! # unsourced-claim
//!
//! "Reportedly", "allegedly", "is said to" with no source in reach: no attribution in the same
//! sentence says who reported, alleged or said it.
//!
//! **Why it matters.** "Reportedly" asks readers to trust a report they cannot see. If another
//! outlet reported it, name the outlet; if your own sources did, attribute to them.
//!
//! **Example.**
//!
//! ```text
//! The regulator is reportedly preparing a record fine.
//! ```
//!
//! **How to fix.** Attribute: "…, the Financial Courier reported, citing two people familiar
//! with the matter."

use crate::check::{Ctx, Finding, Level, Rule};
use crate::grammar::{HedgeType, Tag};
use crate::report::QuoteKind;

/// See the module documentation.
pub struct UnsourcedClaim;

impl Rule for UnsourcedClaim {
    fn id(&self) -> &'static str {
        "unsourced-claim"
    }
    fn source(&self) -> &'static str {
        include_str!("unsourced_claim.rs")
    }
    fn default_level(&self) -> Level {
        Level::Warning
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let bounds = |s: &crate::text::Sentence| {
            let a = cx.doc.tokens.get(s.start).map_or(0, |t| t.span.start);
            let b = s
                .end
                .checked_sub(1)
                .and_then(|l| cx.doc.tokens.get(l))
                .map_or(0, |t| t.span.end);
            (a, b)
        };
        // The attributed units by start, with the furthest each reaches (its content or its
        // cue) and the furthest any unit starting at or before it reaches: whether one touches
        // a sentence is a binary search, not a scan of every unit.
        let mut reach: Vec<(usize, usize)> = (cx.report.quotes.iter())
            .filter(|q| !matches!(q.kind, QuoteKind::Title | QuoteKind::Scare))
            .filter(|q| q.speaker.is_some())
            .map(|q| {
                let end = q.content.end.max(q.cue.as_ref().map_or(0, |c| c.span.end));
                (q.content.start, end)
            })
            .collect();
        reach.sort_unstable();
        let mut furthest = 0;
        for r in &mut reach {
            furthest = furthest.max(r.1);
            r.1 = furthest;
        }
        for (at, end) in super::hedges(cx, |t| matches!(t, Tag::Hedge(HedgeType::Unsourced))) {
            // The sentence around the hedge (sentences are in text order).
            let k = cx.doc.sentences.partition_point(|s| bounds(s).1 <= at);
            let Some(s) = cx.doc.sentences.get(k).filter(|s| {
                let (a, b) = bounds(s);
                a <= at && at < b
            }) else {
                continue;
            };
            let (a, b) = bounds(s);
            // A unit starting before the sentence ends and reaching into it.
            let sourced = reach
                .partition_point(|r| r.0 < b)
                .checked_sub(1)
                .and_then(|k| reach.get(k))
                .is_some_and(|r| a < r.1);
            if sourced {
                continue;
            }
            let span = crate::span::Span::new(at, end);
            out.push(Finding {
                rule: self.id(),
                level: self.default_level(),
                span,
                message: format!(
                    "\u{201c}{}\u{201d} with no source in the sentence",
                    span.of(cx.text)
                ),
                help: Some("say who reported it".into()),
            });
        }
    }
}
