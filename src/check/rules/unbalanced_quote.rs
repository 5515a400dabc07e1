//! # unbalanced-quote
//!
//! A quotation mark that opens and never closes, or closes what never opened. The
//! multi-paragraph convention is accepted: a paragraph may leave a quote open when the next
//! paragraph opens it again. One finding a paragraph.
//!
//! **Why it matters.** An unclosed quote leaves readers unsure where someone's words end and
//! the reporter's begin, and it breaks every tool downstream that pairs marks.
//!
//! **Example.**
//!
//! ```text
//! "We will appeal, the lawyer said.
//! ```
//!
//! **How to fix.** Close the quote where the speaker's words end, or remove the stray mark.

use crate::check::{Ctx, Finding, Level, Rule};

/// See the module documentation.
pub struct UnbalancedQuote;

impl Rule for UnbalancedQuote {
    fn id(&self) -> &'static str {
        "unbalanced-quote"
    }
    fn source(&self) -> &'static str {
        include_str!("unbalanced_quote.rs")
    }
    fn default_level(&self) -> Level {
        Level::Error
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Finding>) {
        // One finding a paragraph: a second stray mark there is most often the first one's
        // partner, left unpaired by it.
        let mut last_paragraph = None;
        for d in &cx.report.diagnostics {
            let paragraph = cx.doc.paragraph_at(d.span.start);
            if last_paragraph == Some(paragraph) {
                continue;
            }
            last_paragraph = Some(paragraph);
            let (message, help) = match d.code.as_str() {
                "unclosed-quote" => (
                    "quotation mark opens a quote that never closes",
                    "close the quote where the speaker's words end",
                ),
                _ => (
                    "quotation mark closes a quote that never opened",
                    "add the opening mark or remove this one",
                ),
            };
            out.push(Finding {
                rule: self.id(),
                level: self.default_level(),
                span: d.span,
                message: message.into(),
                help: Some(help.into()),
            });
        }
    }
}
