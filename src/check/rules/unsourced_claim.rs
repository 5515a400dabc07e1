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
        for (at, end) in super::hedges(cx, |t| matches!(t, Tag::Hedge(HedgeType::Unsourced))) {
            // The sentence around the hedge.
            let Some(s) = cx.doc.sentences.iter().find(|s| {
                let a = cx.doc.tokens.get(s.start).map_or(0, |t| t.span.start);
                let b = s
                    .end
                    .checked_sub(1)
                    .and_then(|l| cx.doc.tokens.get(l))
                    .map_or(0, |t| t.span.end);
                a <= at && at < b
            }) else {
                continue;
            };
            let a = cx.doc.tokens.get(s.start).map_or(0, |t| t.span.start);
            let b = s
                .end
                .checked_sub(1)
                .and_then(|l| cx.doc.tokens.get(l))
                .map_or(0, |t| t.span.end);
            let sourced = cx.report.quotes.iter().any(|q| {
                !matches!(q.kind, QuoteKind::Title | QuoteKind::Scare)
                    && q.speaker.is_some()
                    && q.content.start < b
                    && a < q.content.end.max(q.cue.as_ref().map_or(0, |c| c.span.end))
            });
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
