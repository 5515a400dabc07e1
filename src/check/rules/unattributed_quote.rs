//! # unattributed-quote
//!
//! A direct quote credited to nobody: quotation marks around words presented as speech, with
//! no speaker in the sentence and none to inherit from the quotes around it.
//!
//! **Why it matters.** A quote without a speaker cannot be checked, and readers assume the
//! nearest named person said it.
//!
//! **Example.**
//!
//! ```text
//! The bridge closed on Monday.
//!
//! "Nobody told us anything about the repairs."
//! ```
//!
//! **How to fix.** Add the attribution (`…," said Ana Ruiz, who lives by the bridge.`).

use crate::check::{Ctx, Finding, Level, Rule};
use crate::report::QuoteKind;

/// See the module documentation.
pub struct UnattributedQuote;

impl Rule for UnattributedQuote {
    fn id(&self) -> &'static str {
        "unattributed-quote"
    }
    fn source(&self) -> &'static str {
        include_str!("unattributed_quote.rs")
    }
    fn default_level(&self) -> Level {
        Level::Warning
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Finding>) {
        for q in &cx.report.quotes {
            if q.kind == QuoteKind::Direct && q.speaker.is_none() {
                out.push(Finding {
                    rule: self.id(),
                    level: self.default_level(),
                    span: q.content,
                    message: "direct quote credited to nobody".into(),
                    help: Some("name who said it".into()),
                });
            }
        }
    }
}
