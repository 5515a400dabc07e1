//! # anonymous-source
//!
//! A claim credited to an unnamed source: every quote, reported claim or belief whose speaker
//! is not named ("a senior official", "two people familiar with the matter", and every later
//! "the official"; "officials, speaking on condition of anonymity, fear …"), with the source's
//! descriptor.
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
        let tables = around::Sources::of(cx.doc, cx.report);
        let claims = around::claims(cx.report);
        let mut unnamed_by_entity: Vec<Option<bool>> = vec![None; cx.report.entities.len()];
        for (i, q) in cx.report.quotes.iter().enumerate() {
            let Some(s) = q.speaker.as_ref() else {
                continue;
            };
            let Some(slot) = unnamed_by_entity.get_mut(s.entity) else {
                continue;
            };
            let unnamed = *slot.get_or_insert_with(|| {
                around::unnamed_source(cx.doc, cx.report, &tables, s.entity)
            });
            if !unnamed || claims.get(i) != Some(&true) || around::is_finding(cx.doc, q) {
                continue;
            }
            out.push(Finding {
                rule: self.id(),
                level: self.default_level(),
                span: s.mention,
                message: format!(
                    "claim credited to an unnamed source: \u{201c}{}\u{201d}",
                    s.name
                ),
                help: None,
            });
        }
    }
}
