//! A speaker's name and a colon before the words, as headlines and transcripts write them:
//! `Dana Velk: the fare will not rise`, `Ana Lee at the summit: talks will go on`.
//!
//! ```text
//! colon = name (preposition np)? ":" clause      (a clause with a finite verb; the name is
//!                                                 the sentence's first phrase)
//! ```
//!
//! Read only in a sentence with no other attribution: "Ruiz: Lee says …" is Lee's claim.

use super::speaker::np_forward;
use super::{Attr, CueKind, Sent};
use crate::analysis::np::NpKind;
use crate::grammar::{NounKind, TokClass};
use crate::syntax::PhraseKind;

/// The attribution of a sentence opening with a name and a colon.
pub fn at<'a>(sent: &Sent<'_, 'a>) -> Option<Attr<'a>> {
    let (n, mut e) = np_forward(sent, sent.p0)?;
    // (Not a transcript's "Q:" or "A:".)
    let letter = n.end == n.start + 1 && sent.doc.tok_text(n.start).len() <= 2;
    // (A headline's document speaks too: "Poll: Harbour Towns Turn on the Mayor".)
    let headline = is_headline(sent);
    let document = headline && n.noun_kind() == NounKind::Document;
    if !(n.kind == NpKind::Name || document) || n.start != sent.s.start || letter {
        return None;
    }
    // ("Former AG Mukasey at the convention:": where the words were said.)
    if sent.ph(e).kind == PhraseKind::Prep && sent.ph(e + 1).kind == PhraseKind::Np {
        e += 2;
    }
    if !sent.is_punct(e, ":") {
        return None;
    }
    // A clause with a finite verb after the colon (not a list of names, "Rovers: Hale, Dunne"),
    // or in a headline a few words ("Ruiz: Skippers Uneasy Over the Ferry").
    let clause = sent
        .clauses_of(&sent.doc.clause_index.subject, e + 1)
        .any(|c| c.verb.is_some());
    let doc = sent.doc;
    let words = (sent.tok(e + 1)..sent.s.end).filter(|&t| doc.is_word(t));
    // (Not a list of names: "Rovers: Hale, Dunne, Obi and Lee".)
    let named = words.clone().all(|t| {
        let g = doc.tag(t);
        g.is_proper() || g.is_cconj() || g.is_num()
    });
    // (A speaker's name, every word capitalised and none a function word, or a document: not a
    // topic's label, "Ice storm:", "The Latest:".)
    let label = (n.start..sent.tok(e)).all(|t| doc.is_cap(t) && !doc.has(t, TokClass::FUNC));
    let speaker = document || label;
    if !clause && !(headline && speaker && !named && words.count() >= HEADLINE_WORDS) {
        return None;
    }
    let colon = sent.tok(e);
    let (cs, ce) = sent.span(e + 1, sent.p1);
    let mut a = Attr::new((colon, colon + 1), CueKind::Colon, None);
    a.set_left(n.start);
    a.speaker = Some(n);
    a.set_content((ce > cs).then_some((cs, ce)));
    a.content().map(|_| a)
}

/// The fewest words after a headline's colon that make a claim with no verb.
const HEADLINE_WORDS: usize = 4;

/// Whether sentence `sent` is the document's headline: its first sentence, a line of its own,
/// with no dateline before it.
fn is_headline(sent: &Sent<'_, '_>) -> bool {
    let doc = sent.doc;
    let first = doc
        .sentences
        .first()
        .is_some_and(|s| s.start == sent.s.start);
    first && doc.starts_line(sent.s.end) && doc.dateline.is_none()
}
