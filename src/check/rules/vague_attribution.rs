//! # vague-attribution
//!
//! A claim credited to a weasel source: "critics say", "some analysts believe", "experts say",
//! "it is widely believed", "industry insiders say".
//!
//! **Why it matters.** Vague groups let a reporter's view pass as someone else's. Readers cannot
//! tell whether "critics" are two bloggers or the opposition party.
//!
//! **Example.**
//!
//! ```text
//! Critics say the plan will raise rents.
//! ```
//!
//! **How to fix.** Name at least one critic and quote them, or drop the claim.

use crate::check::{Ctx, Finding, Level, Rule};
use crate::grammar::{HedgeType, Tag};

/// See the module documentation.
pub struct VagueAttribution;

impl Rule for VagueAttribution {
    fn id(&self) -> &'static str {
        "vague-attribution"
    }
    fn source(&self) -> &'static str {
        include_str!("vague_attribution.rs")
    }
    fn default_level(&self) -> Level {
        Level::Warning
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Finding>) {
        // Where a vague speaker was reported: a hedge phrase there ("Many say") is the same
        // finding, not a second one.
        let mut credited: Vec<usize> = Vec::new();
        for q in &cx.report.quotes {
            let Some(s) = &q.speaker else { continue };
            if cx.report.entities.get(s.entity).is_some_and(|e| e.vague) {
                credited.push(s.mention.start);
                out.push(Finding {
                    rule: self.id(),
                    level: self.default_level(),
                    span: s.mention,
                    message: format!(
                        "claim credited to a vague group: \u{201c}{}\u{201d}",
                        s.mention_text
                    ),
                    help: Some("name the people who said it".into()),
                });
            }
        }
        credited.sort_unstable();
        for (at, end) in super::hedges(cx, |t| matches!(t, Tag::Hedge(HedgeType::Vague))) {
            if credited.binary_search(&at).is_ok() {
                continue;
            }
            let span = crate::span::Span::new(at, end);
            out.push(Finding {
                rule: self.id(),
                level: self.default_level(),
                span,
                message: format!(
                    "\u{201c}{}\u{201d} credits the claim to nobody in particular",
                    span.of(cx.text)
                ),
                help: Some("say who believes it".into()),
            });
        }
    }
}
