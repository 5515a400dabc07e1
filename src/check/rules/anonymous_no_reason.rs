//! # anonymous-no-reason
//!
//! An anonymous source with no stated reason for anonymity. Reported once per source, at its
//! first mention.
//!
//! **Why it matters.** AP style asks that copy say why a source was granted anonymity
//! ("because they were not authorized to discuss the talks"). "Requesting anonymity" or "who
//! asked not to be named" records a request, not a reason.
//!
//! **Example.**
//!
//! ```text
//! A senior official from the trade ministry, requesting anonymity, said a deal was close.
//! ```
//!
//! **How to fix.** Add the reason: "…, who spoke on condition of anonymity because the
//! negotiations are confidential, said …".

use crate::check::{Ctx, Finding, Level, Rule};

/// See the module documentation.
pub struct AnonymousNoReason;

impl Rule for AnonymousNoReason {
    fn id(&self) -> &'static str {
        "anonymous-no-reason"
    }
    fn source(&self) -> &'static str {
        include_str!("anonymous_no_reason.rs")
    }
    fn default_level(&self) -> Level {
        Level::Warning
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Finding>) {
        // Only sources that are credited with something (marked in one pass over the units).
        let mut credited = vec![false; cx.report.entities.len()];
        for q in &cx.report.quotes {
            if let Some(c) = q.speaker.as_ref().and_then(|s| credited.get_mut(s.entity)) {
                *c = true;
            }
        }
        for e in &cx.report.entities {
            if !e.anonymous || e.vague || e.anonymity_reason.is_some() {
                continue;
            }
            let credited = credited.get(e.id).copied().unwrap_or(false);
            let Some(first) = e.mentions.first().filter(|_| credited) else {
                continue;
            };
            let help = match &e.anonymity_request {
                Some(r) => format!(
                    "\u{201c}{}\u{201d} is a request, not a reason: say why anonymity was granted",
                    r.text
                ),
                None => "say why the source was granted anonymity".to_string(),
            };
            out.push(Finding {
                rule: self.id(),
                level: self.default_level(),
                span: first.span,
                message: format!(
                    "anonymous source \u{201c}{}\u{201d} has no stated reason for anonymity",
                    e.name
                ),
                help: Some(help),
            });
        }
    }
}
