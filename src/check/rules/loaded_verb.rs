//! # loaded-verb
//!
//! An attribution verb that editorialises ("claimed", "admitted", "insisted", "conceded",
//! "boasted", "railed") where "said" would do. Only a verb that attributes speech or writing is
//! checked, never words inside a quote.
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
//! **What it leaves alone.** The precise word for a legal or factual act ("the indictment
//! alleges", "prosecutors allege", "denied the charges", "accused him of"; `stance=precise` in
//! `grammars/verbs.txt`), a plain description of the act ("acknowledged", "complained"), a
//! sense that attributes nothing ("claimed the title", "conceded two goals", "boasts a lead"),
//! and set phrases (`type=set` in `grammars/hedges.txt`: "claimed responsibility", "admitted no
//! wrongdoing").
//!
//! **How to fix.** Use "said" (or a neutral verb that adds information: "told", "wrote"). The
//! list of loaded verbs is `stance=loaded` in `grammars/verbs.txt`; a house list can add more.

use crate::check::around::{hedge_at, token_at};
use crate::check::{Ctx, Finding, Level, Rule};
use crate::grammar::HedgeType;
use crate::report::{QuoteKind, Stance};

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
            if matches!(q.kind, QuoteKind::Title | QuoteKind::Scare) {
                continue;
            }
            // The verb itself: a loaded cue phrase may be longer ("was quoted as claiming").
            let verb = c.text.split_whitespace().last().unwrap_or(&c.text);
            let start = c.span.start + c.text.rfind(verb).unwrap_or(0);
            // A set phrase starting at the verb ("claimed responsibility for the attack").
            let at = token_at(cx.doc, start);
            // A capitalised verb inside a sentence is a name ("Christopher Rants").
            let name = cx.doc.is_cap(at) && !cx.doc.starts_sentence(at);
            if name || hedge_at(cx.doc, at, |h| h == HedgeType::SetPhrase).is_some() {
                continue;
            }
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
