//! A transcript's line: a speaker's label in capitals opening a paragraph, a colon, and the
//! words to the paragraph's end, as interviews are printed:
//!
//! ```text
//! HOLLOWAY: Were they blindsided? Some say so.
//! OKAFOR-LIND: Look, I understand the frustration.
//! ```
//!
//! ```text
//! line  = LINE-START label ":" words LINE-END
//! label = WORD-IN-CAPITALS{1,3}
//! ```
//!
//! Read only where another line near it opens with a label too ([`labels::near_label`]: a
//! transcript runs over several lines), so that a lone "UPDATE:" or "CORRECTION:" is nobody's
//! line.

use super::speaker::np_forward;
use super::{Attr, CueKind, Sent};
use crate::grammar::Tag;
use crate::span::Span;
use crate::text::{labels, Doc};

/// How far a line is read for its end (tokens).
const MAX_LINE: usize = 1024;

/// The line of a transcript that sentence `sent` opens, if it opens one.
pub fn at<'a>(sent: &Sent<'_, 'a>) -> Option<Attr<'a>> {
    let doc = sent.doc;
    // (A quoted line's mark may end the sentence before: the label then opens this one.)
    let t0 = match sent.s.start {
        t if t > 0 && !doc.starts_line(t) && labels::is_mark(doc, t - 1) => t - 1,
        t => t,
    };
    if !doc.starts_line(t0) {
        return None;
    }
    let (lab, colon) = label_end(doc, t0)?;
    let (next, line) = line_from(doc, t0, colon + 1)?;
    // (A neighbour's label may be a word of the lexicon: "THE FACTS:" between a fact check's
    // labelled claims.)
    let paired = labels::near_label(doc.text, line);
    // (The mark closing a quoted line is no word of it.)
    let mut end = next;
    while end > colon + 1 && labels::is_mark(doc, end - 1) {
        end -= 1;
    }
    if end <= colon + 1 || !paired {
        return None;
    }
    let p = sent.phrase_of(lab);
    let (n, _) = np_forward(sent, p).filter(|(n, _)| n.start == lab && n.end == colon)?;
    let mut a = Attr::new((colon, colon + 1), CueKind::Colon, None);
    a.set_left(t0);
    a.speaker = Some(n);
    // (A line of quotations is their speaker's: `KOVAC: "We lost 40,000 jobs."`.)
    let words = colon + 1..end;
    if words
        .clone()
        .all(|t| doc.quote_of(t).is_some() || !doc.is_word(t))
    {
        a.quotes = words
            .filter(|&t| doc.quote_of(t).is_some())
            .collect::<Vec<_>>()
            .into();
    } else {
        a.set_content(Some((colon + 1, end)));
    }
    Some(a)
}

/// Whether sentence `sent` goes on a transcript's line that an earlier sentence opened (the
/// line's words are that line's speaker's: "OKAFOR-LIND: Look. I've said it for weeks."
/// reports no claim of an "I" of its own).
pub fn within(sent: &Sent<'_, '_>) -> bool {
    let doc = sent.doc;
    let t = sent.s.start;
    let Some(t0) = (t.saturating_sub(MAX_LINE)..t)
        .rev()
        .find(|&u| doc.starts_line(u))
    else {
        return false;
    };
    // (A quoted line's label after its mark.)
    let lab = if labels::is_mark(doc, t0) { t0 + 1 } else { t0 };
    if label_end(doc, lab).is_none() {
        return false;
    }
    line_from(doc, t0, t).is_some_and(|(_, line)| labels::near_label(doc.text, line))
}

/// The line opening at token `t0`, its end looked for from token `from` on: the next line's
/// first token (or the document's end) and the line's span.
fn line_from(doc: &Doc<'_>, t0: usize, from: usize) -> Option<(usize, Span)> {
    let next = (from..=doc.tokens.len().min(from + MAX_LINE)).find(|&t| doc.starts_line(t))?;
    let line = Span::new(
        doc.tokens.get(t0)?.span().start,
        doc.tokens.get(next.checked_sub(1)?)?.span().end,
    );
    Some((next, line))
}

/// The label opening the line at token `t` ([`labels::label_tokens`]: its first token and
/// the colon's), none of its words a function word, pronoun, verb or speaker's noun of the
/// lexicon (a fact check's "THE FACTS:").
fn label_end(doc: &Doc<'_>, t: usize) -> Option<(usize, usize)> {
    let (first, colon) = labels::label_tokens(doc, t)?;
    let word = |u: usize| {
        let tags = doc.grammar.tags_of(&doc.tok_text(u).to_lowercase());
        tags.iter().any(|g| {
            matches!(
                g,
                Tag::Func(_) | Tag::Pronoun(_) | Tag::Verb(_) | Tag::Noun(_)
            )
        })
    };
    (first..colon).all(|u| !word(u)).then_some((first, colon))
}
