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

/// The credit that sentence `sent` is or ends with, if any: a credit line under a paragraph of
/// quotations ([`line`]), a line of quotations closed by a dash and a name ([`inline`]), or an
/// embedded post's credit ([`post`]).
pub fn at<'a>(sent: &Sent<'_, 'a>) -> Option<Attr<'a>> {
    line(sent).or_else(|| inline(sent)).or_else(|| post(sent))
}

/// How many tokens an embedded post's words may run before its credit.
const MAX_POST: usize = 128;

/// How many tokens a handle may run past its first word ("kiaramendes_cf" runs two).
const MAX_HANDLE: usize = 8;

/// How many tokens (a date) may follow the handle of a post's credit.
const MAX_DATE: usize = 6;

/// An embedded post as a page prints it: its words, then a dash, the author's name, the
/// handle in brackets and the date, on one line:
/// `The ferry is late again — Karl Pike (@karlpike) March 3, 2026`.
///
/// ```text
/// post = LINE-START words dash name "(" "@" handle ")" date? LINE-END
/// ```
fn post<'a>(sent: &Sent<'_, 'a>) -> Option<Attr<'a>> {
    let doc = sent.doc;
    let t1 = sent.s.end;
    if !doc.starts_line(t1) {
        return None;
    }
    let p = (sent.p0..sent.p1)
        .rev()
        .find(|&p| crate::syntax::clause::is_dash(doc, p))?;
    let (n, _) = np_forward(sent, p + 1)?;
    // The handle: "(", "@", its words and marks ("kiaramendes_cf"), ")".
    let h = n.end;
    let close = (h + 3..t1.min(h + 3 + MAX_HANDLE)).find(|&t| doc.is_punct(t, ")"));
    let handle = doc.is_punct(h, "(") && doc.is_punct(h + 1, "@") && doc.is_word(h + 2);
    let close = close.filter(|_| handle && n.kind == NpKind::Name)?;
    if t1.saturating_sub(close + 1) > MAX_DATE {
        return None;
    }
    // The post's words: from the start of its line to the dash.
    let dash = sent.ph(p).start as usize;
    let from = (dash.saturating_sub(MAX_POST)..dash)
        .rev()
        .find(|&t| doc.starts_line(t))?;
    if from == dash {
        return None;
    }
    let mut a = Attr::new((dash, dash + 1), CueKind::Verb, None);
    a.speaker = Some(n);
    a.set_left(from);
    a.set_content(Some((from, dash)));
    Some(a)
}

/// A line of quotations credited at its end: `“The buses never come.” ― Odile Fenwick`.
///
/// ```text
/// inline = LINE-START quote+ dash name ("," aside)* LINE-END     (no finite verb)
/// ```
fn inline<'a>(sent: &Sent<'_, 'a>) -> Option<Attr<'a>> {
    let doc = sent.doc;
    let (t0, t1) = (sent.s.start, sent.s.end);
    if !doc.starts_line(t0) || !doc.starts_line(t1) || sent.first_finite < sent.p1 {
        return None;
    }
    // The quotations (final marks between them skipped), then the dash.
    let mut p = sent.p0;
    let mut quotes = Vec::new();
    while p < sent.p1 {
        let t = sent.ph(p).start as usize;
        if doc.quote_of(t).is_some() {
            quotes.push(t);
        } else if !sent.is_final(p) {
            break;
        }
        p += 1;
    }
    if quotes.is_empty() || !crate::syntax::clause::is_dash(doc, p) {
        return None;
    }
    let (n, _) = np_forward(sent, p + 1)?;
    if n.kind != NpKind::Name {
        return None;
    }
    let dash = sent.ph(p).start as usize;
    let mut a = Attr::new((dash, dash + 1), CueKind::Verb, None);
    a.speaker = Some(n);
    a.set_left(dash);
    a.quotes = quotes.into();
    Some(a)
}

/// The credit line that sentence `sent` is, if it is one: its dash is the cue, the name after
/// it the speaker of the quotations of the paragraph just before.
fn line<'a>(sent: &Sent<'_, 'a>) -> Option<Attr<'a>> {
    let doc = sent.doc;
    let t0 = sent.s.start;
    // (A hyphen opening a line stands for a dash too: "-Ana Lee, a voter".)
    let dash = crate::syntax::clause::is_dash(doc, sent.p0)
        || sent.ph(sent.p0).kind == PhraseKind::Punct && doc.tok_text(t0) == "-";
    let line_start = doc.starts_line(t0);
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
        if doc.starts_line(q) {
            break;
        }
    }
    // (The paragraph before holds nothing but quotations.)
    let whole = doc.starts_line(t);
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
