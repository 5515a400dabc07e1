//! # anonymous-source
//!
//! A claim credited to an unnamed source: every quote, reported claim or belief whose speaker
//! is not named ("a senior official", "two people familiar with the matter", and every later
//! "the official"; "officials, speaking on condition of anonymity, fear …"), with the source's
//! descriptor; and a claim an unnamed source relays ("The aide told donors that …, the people
//! said": the people too).
//!
//! **Why it matters.** Readers cannot weigh what they cannot trace. Standards editors audit how
//! much of a story rests on anonymous sources; this rule lists each claim so the count is easy
//! to review (it is `info` by default: anonymity can be justified, see `anonymous-no-reason`).
//!
//! **Example.**
//!
//! ```text
//! A senior official, requesting anonymity, said the talks had stalled.
//! ```
//!
//! **What it leaves alone.** A source the copy names in apposition at any of its mentions ("said
//! the lawmakers, Reps. Dana Pruitt and Glen Harkavy", "The official, identified later as Ruth
//! Anand"), a group the story places or has just named ("others said"), and weasel groups
//! ("critics say"), which are `vague-attribution`'s.
//!
//! **How to fix.** Name the source if you can; if not, say why the source was granted
//! anonymity and how they know.

use crate::check::around;
use crate::check::{Ctx, Finding, Level, Rule};
use crate::report::ChainRole;

/// See the module documentation.
pub struct AnonymousSource;

impl Rule for AnonymousSource {
    fn id(&self) -> &'static str {
        "anonymous-source"
    }
    fn source(&self) -> &'static str {
        include_str!("anonymous_source.rs")
    }
    fn default_level(&self) -> Level {
        Level::Info
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let tables = around::Sources::of(cx.doc, cx.report, cx.quotes);
        let mut unnamed_by_entity: Vec<Option<bool>> = vec![None; cx.report.entities.len()];
        let mut unnamed = |e: usize| {
            unnamed_by_entity.get_mut(e).is_some_and(|slot| {
                *slot.get_or_insert_with(|| around::unnamed_source(cx.doc, cx.report, &tables, e))
            })
        };
        // (A relay named once for several units is flagged once.)
        let mut last_relay = None;
        for (i, q) in cx.quotes.iter().enumerate() {
            let Some(s) = q.speaker.as_ref() else {
                continue;
            };
            if !cx.is_claim(i) || around::is_finding(cx.doc, &q) {
                continue;
            }
            if unnamed(s.entity) {
                out.push(self.finding(s.mention, "claim credited to an unnamed source", &s.name));
            }
            for link in q.chain.iter().filter(|l| l.role == ChainRole::Relay) {
                let (Some(e), Some(span)) = (link.entity, link.span) else {
                    continue;
                };
                if last_relay != Some(span) && unnamed(e) {
                    last_relay = Some(span);
                    out.push(self.finding(span, "claim relayed by an unnamed source", &link.name));
                }
            }
        }
    }
}

impl AnonymousSource {
    /// A finding at `span`: `what`, and the source's name.
    fn finding(&self, span: crate::span::Span, what: &str, name: &str) -> Finding {
        Finding {
            rule: self.id(),
            level: self.default_level(),
            span,
            message: format!("{what}: \u{201c}{name}\u{201d}"),
            help: None,
        }
    }
}
