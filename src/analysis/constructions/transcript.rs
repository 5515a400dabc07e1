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
//! Read only where the paragraph before or after opens with a label too (a transcript runs
//! over several lines), so that a lone "UPDATE:" or "CORRECTION:" is nobody's line.

use super::speaker::np_forward;
use super::{Attr, CueKind, Sent};
use crate::grammar::Tag;
use crate::text::Doc;

/// The most words of a label ("SEN. VANCE-OCAMPO").
const LABEL_WORDS: usize = 3;

/// How far a line is read for its end, or back for the start of the line before (tokens).
const MAX_LINE: usize = 1024;

/// The line of a transcript that sentence `sent` opens, if it opens one.
pub fn at<'a>(sent: &Sent<'_, 'a>) -> Option<Attr<'a>> {
    let doc = sent.doc;
    // (A quoted line's mark may end the sentence before: the label then opens this one.)
    let t0 = match sent.s.start {
        t if t > 0 && !starts_line(doc, t) && is_mark(doc, t - 1) => t - 1,
        t => t,
    };
    if !starts_line(doc, t0) {
        return None;
    }
    let colon = label_end(doc, t0)?;
    let end = (colon + 1..doc.tokens.len().min(colon + MAX_LINE))
        .find(|&t| starts_line(doc, t))
        .unwrap_or(doc.tokens.len());
    // (The mark closing a quoted line is no word of it.)
    let mut end = end;
    while end > colon + 1 && is_mark(doc, end - 1) {
        end -= 1;
    }
    let before = (t0.saturating_sub(MAX_LINE)..t0)
        .rev()
        .find(|&t| starts_line(doc, t));
    let paired = label_end(doc, end).is_some() || before.and_then(|t| label_end(doc, t)).is_some();
    if end <= colon + 1 || !paired {
        return None;
    }
    let lab = label_start(doc, t0);
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

/// Whether token `t` opens a line (the document's first token does).
fn starts_line(doc: &Doc<'_>, t: usize) -> bool {
    t == 0 || doc.tokens.get(t).is_some_and(|x| x.newline_before())
}

/// Where a label at the start of a line at token `t` starts: past the opening mark of a quoted
/// transcript's line (`"HALE: …`), which pairs with nothing ([`crate::text::quotes`]).
fn label_start(doc: &Doc<'_>, t: usize) -> usize {
    t + usize::from(is_mark(doc, t))
}

/// Whether token `t` is a quotation mark left alone (the tokenizer's punctuation).
fn is_mark(doc: &Doc<'_>, t: usize) -> bool {
    ["\"", "\u{201c}", "\u{201d}", "\u{2018}", "\u{2019}", "'"]
        .iter()
        .any(|m| doc.is_punct(t, m))
}

/// The colon after a speaker's label at token `t` (or past an opening mark there): one to [`LABEL_WORDS`] words in capitals
/// (two letters or more each, "SEN." and "OKAFOR-LIND" among them), none of them a function
/// word, pronoun, verb or speaker's noun of the lexicon (a fact check's "THE FACTS:").
fn label_end(doc: &Doc<'_>, t: usize) -> Option<usize> {
    let word = |w: &str| {
        let tags = doc.grammar.tags_of(&w.to_lowercase());
        tags.iter().any(|g| {
            matches!(
                g,
                Tag::Func(_) | Tag::Pronoun(_) | Tag::Verb(_) | Tag::Noun(_)
            )
        })
    };
    let caps = |u: usize| {
        let w = doc.tok_text(u);
        doc.is_word(u)
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !w.chars().any(char::is_lowercase)
            && !word(w)
    };
    let t = label_start(doc, t);
    let n = (t..t + LABEL_WORDS).take_while(|&u| caps(u)).count();
    (n > 0 && doc.is_punct(t + n, ":")).then_some(t + n)
}
