//! # loaded-verb
//!
//! An attribution verb that editorialises ("claimed", "admitted", "insisted", "conceded") where
//! "said" would do. Only the verb that attributes is checked, never words inside a quote.
//!
//! **Why it matters.** "Admitted" implies a confession, "claimed" doubt, "insisted" stubbornness.
//! The verb takes a side the reporting has not established.
//!
//! **Example.**
//!
//! ```text
//! The minister admitted that the deadline would be missed.
//! ```
//!
//! **How to fix.** Use "said" (or a neutral verb that adds information: "told", "wrote"). The
//! list of loaded verbs is `stance=loaded` in `grammars/verbs.txt`; a house list can add more.

use crate::check::{Ctx, Finding, Level, Rule};
use crate::report::Stance;

/// See the module documentation.
pub struct LoadedVerb;

impl Rule for LoadedVerb {
    fn id(&self) -> &'static str {
        "loaded-verb"
    }
    fn source(&self) -> &'static str {
        include_str!("loaded_verb.rs")
    }
    fn default_level(&self) -> Level {
        Level::Warning
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Finding>) {
        for q in &cx.report.quotes {
            let Some(c) = q.cue.as_ref().filter(|c| c.stance == Stance::Loaded) else {
                continue;
            };
            // The verb itself: a loaded cue phrase may be longer ("was quoted as claiming").
            let verb = c.text.split_whitespace().last().unwrap_or(&c.text);
            let start = c.span.start + c.text.rfind(verb).unwrap_or(0);
            out.push(Finding {
                rule: self.id(),
                level: self.default_level(),
                span: crate::span::Span::new(start, start + verb.len()),
                message: format!(
                    "\u{201c}{verb}\u{201d} editorialises; \u{201c}said\u{201d} does not"
                ),
                help: Some(
                    "use \u{201c}said\u{201d} unless the verb reports a fact you have established"
                        .into(),
                ),
            });
        }
    }
}
