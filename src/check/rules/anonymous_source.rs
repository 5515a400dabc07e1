//! # anonymous-source
//!
//! A claim credited to an unnamed source: every quote or reported claim whose speaker is not
//! named ("a senior official", "two people familiar with the matter", and every later "the
//! official"), with the source's descriptor.
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
//! **How to fix.** Name the source if you can; if not, say why the source was granted
//! anonymity and how they know.

use crate::check::{Claims, Ctx, Finding, Level, Rule};

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
        let claims = Claims::new(cx.report);
        for (i, q) in cx.report.quotes.iter().enumerate() {
            let Some(s) = q.speaker.as_ref().filter(|s| s.anonymous) else {
                continue;
            };
            // Weasel groups ("critics say") are `vague-attribution`'s.
            if cx.report.entities.get(s.entity).is_some_and(|e| e.vague)
                || !claims.is_claim(cx.report, i)
            {
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
