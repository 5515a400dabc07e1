//! A credit line after a quotation: a paragraph of quoted words, then a line naming who said
//! them (`— Darlene Kowalski, 67, a voter in Green Bay`), as roundups and "quotable" boxes set
//! them out.
//!
//! ```text
//! credit = quote-paragraph NEWLINE dash name ("," aside)* ("," participle …)?
//! ```

use super::speaker::np_forward;
use super::{Attr, CueKind, Sent};
use crate::analysis::np::NpKind;
use crate::syntax::PhraseKind;

/// How many quotations before a credit line it can credit.
const MAX_QUOTES: usize = 8;

/// The credit line that sentence `sent` is, if it is one: its dash is the cue, the name after
/// it the speaker of the quotations of the paragraph just before.
pub fn at<'a>(sent: &Sent<'_, 'a>) -> Option<Attr<'a>> {
    let doc = sent.doc;
    let t0 = sent.s.start;
    // (A hyphen opening a line stands for a dash too: "-Ana Lee, a voter".)
    let dash = crate::syntax::clause::is_dash(doc, sent.p0)
        || sent.ph(sent.p0).kind == PhraseKind::Punct && doc.tok_text(t0) == "-";
    let line_start = doc.tokens.get(t0).is_some_and(|t| t.newline_before());
    // (A line of its own with no verb of its own: a participle may follow the name.)
    if !dash || !line_start || sent.first_finite < sent.p1 {
        return None;
    }
    // The quotations that close the paragraph before, final marks between them skipped.
    let mut quotes = Vec::new();
    let mut t = t0;
    while t > 0 && quotes.len() < MAX_QUOTES {
        let q = t - 1;
        if doc.quote_of(q).is_some() {
            quotes.push(q);
        } else if !(doc.is_punct(q, ".") || doc.is_punct(q, "!") || doc.is_punct(q, "?")) {
            break;
        }
        t = q;
        if doc.tokens.get(q).is_some_and(|x| x.newline_before()) {
            break;
        }
    }
    // (The paragraph before holds nothing but quotations.)
    let whole = t == 0 || doc.tokens.get(t).is_some_and(|x| x.newline_before());
    if quotes.is_empty() || !whole {
        return None;
    }
    let (n, _) = np_forward(sent, sent.p0 + 1)?;
    if n.kind != NpKind::Name {
        return None;
    }
    let mut a = Attr::new((t0, t0 + 1), CueKind::Verb, None);
    a.speaker = Some(n);
    a.set_left(t0);
    quotes.reverse();
    a.quotes = quotes.into();
    Some(a)
}
