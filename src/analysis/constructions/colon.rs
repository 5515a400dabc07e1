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
use crate::syntax::PhraseKind;

/// The attribution of a sentence opening with a name and a colon.
pub fn at<'a>(sent: &Sent<'_, 'a>) -> Option<Attr<'a>> {
    let (n, mut e) = np_forward(sent, sent.p0)?;
    // (Not a transcript's "Q:" or "A:".)
    let letter = n.end == n.start + 1 && sent.doc.tok_text(n.start).len() <= 2;
    if n.kind != NpKind::Name || n.start != sent.s.start || letter {
        return None;
    }
    // ("Former AG Mukasey at the convention:": where the words were said.)
    if sent.ph(e).kind == PhraseKind::Prep && sent.ph(e + 1).kind == PhraseKind::Np {
        e += 2;
    }
    if !sent.is_punct(e, ":") {
        return None;
    }
    // A clause with a finite verb after the colon (not a list of names, "Rovers: Hale, Dunne").
    let clause = sent
        .clauses_of(&sent.doc.clause_index.subject, e + 1)
        .any(|c| c.verb.is_some());
    if !clause {
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
