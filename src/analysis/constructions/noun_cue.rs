//! Noun cues: a claim named by a noun of the lexicon (`cue-phrases.txt`, `type=noun`), with
//! its owner and its clause: "his claim that the vote was rigged", "the senator's assertion
//! that taxes would fall".
//!
//! ```text
//! noun_cue = owner cue-noun "that" clause      (owner: a possessive determiner, "his", or a
//!                                               noun phrase ending in 's, "the senator's")
//! ```
//!
//! Read after the speech verbs and the beliefs of the sentence, and kept out of their cues and
//! contents: "he repeated his claim that …" stays the verb's claim.

use super::{Attr, ContentForm, CueKind, Sent};
use crate::analysis::np;
use crate::grammar::CueType;
use crate::syntax::{PhraseKind, Tag as Pos};

/// Whether token `t` is a noun cue of the lexicon (one word, `type=noun`).
fn cue_noun(sent: &Sent<'_, '_>, t: usize) -> bool {
    sent.doc.tag(t).is_noun() && super::cue_phrase::cue_at(sent, t) == Some((CueType::Noun, t))
}

/// How many attributions before a noun cue are compared with it.
const NEAR: usize = 64;

/// The noun-cued claims of the sentence, pushed onto `out` after the attributions it holds.
pub fn claims<'a>(sent: &Sent<'_, 'a>, out: &mut Vec<Attr<'a>>) {
    let found = out.len();
    for p in sent.p0..sent.p1.saturating_sub(2) {
        let Some(a) = at(sent, p) else {
            continue;
        };
        let (cs, ce) = a.content().unwrap_or_default();
        // A verb whose object the noun is gives its clause to the noun's owner ("critics
        // mocked her insistence that …" is her claim; "he repeated his claim that …" is his
        // either way).
        // (An owner pronoun that agrees with the verb's speaker is that speaker: "he repeated
        // his claim".) The nearest attributions only, so that time stays linear in a sentence
        // of any length.
        let verbs = out.get_mut(..found).unwrap_or_default();
        // (Or whose object is the noun with its clause: "repeated his pledge in May that …";
        // not a clause the noun is the subject of, "said her claim that … was false".)
        let holds = |b: &Attr<'_>| {
            b.content()
                .is_some_and(|(bs, be)| bs == a.left() && be <= ce)
        };
        if let Some(b) = verbs.iter_mut().rev().take(NEAR).find(|b| {
            (b.content() == a.content() || holds(b))
                && b.cue().1 <= a.left()
                && b.kind == CueKind::Verb
                && !b.inverted
        }) {
            let venue = b
                .venue()
                .is_some_and(|(vs, ve)| vs <= a.cue().0 && a.cue().1 <= ve);
            if !venue && b.speaker.as_ref().is_some_and(|s| !bound(sent, &a, s)) {
                *b = a;
            } else if !venue && b.content() != a.content() {
                // (The owner is the verb's speaker: the verb's claim is the noun's clause.)
                b.set_content(a.content());
                b.form = ContentForm::Clause;
            }
            continue;
        }
        // (Not inside another attribution's cue or content, nor holding one.)
        let overlaps = |(s, e): (usize, usize)| s < ce && cs < e;
        let taken = out
            .get(..found)
            .unwrap_or_default()
            .iter()
            .rev()
            .take(NEAR)
            .any(|b| {
                overlaps((b.left().min(b.cue().0), b.cue().1)) || b.content().is_some_and(overlaps)
            });
        if !taken {
            out.push(a);
        }
    }
}

/// Whether the owner of noun cue `a` is a pronoun agreeing with `speaker` in number and gender.
fn bound(sent: &Sent<'_, '_>, a: &Attr<'_>, speaker: &np::Np<'_>) -> bool {
    let Some(p) = a.speaker.as_ref().and_then(|o| o.pronoun) else {
        return false;
    };
    let gender = speaker.gender(sent.doc);
    p.plural == speaker.plural() && (p.gender.is_none() || gender.is_none() || p.gender == gender)
}

/// The token "that" opening a noun cue's clause, at token `t` right after the noun, or after a
/// time or a short prepositional phrase ("his claim in May that …", "her claim last week that
/// …"; not "of": "his claim of fraud that …" names what the claim is of).
fn that_after(sent: &Sent<'_, '_>, t: usize) -> Option<usize> {
    let doc = sent.doc;
    if doc.tok_eq_ci(t, "that") {
        return Some(t);
    }
    let q = sent.phrase_of(t);
    let after = if crate::syntax::clause::is_time_np(doc, q) {
        q + 1
    } else if sent.ph(q).kind == PhraseKind::Prep
        && sent.ph(q + 1).kind == PhraseKind::Np
        && !doc.tok_eq_ci(t, "of")
    {
        q + 2
    } else {
        return None;
    };
    let that = sent.tok(after);
    (after < sent.p1 && that < t + 6 && doc.tok_eq_ci(that, "that")).then_some(that)
}

/// The noun cue heading noun phrase `p`, with its owner and the clause after it.
fn at<'a>(sent: &Sent<'_, 'a>, p: usize) -> Option<Attr<'a>> {
    let doc = sent.doc;
    let x = sent.ph(p);
    if x.kind != PhraseKind::Np || !cue_noun(sent, x.head()) || x.head() + 1 != x.end as usize {
        return None;
    }
    let (ha, head) = (x.start as usize, x.head());
    // The owner: a possessive determiner first, or the noun phrase up to its last 's.
    let owner_end = if doc.tag(ha) == Pos::PronPrpS {
        ha + 1
    } else {
        (ha..head).rev().find(|&t| np::is_possessive(doc, t))? + 1
    };
    if owner_end != head {
        return None;
    }
    let owner = if owner_end == ha + 1 && doc.tag(ha) == Pos::PronPrpS {
        np::owner_pronoun(doc, ha)?
    } else {
        np::parse_exact(doc, ha, owner_end)?
    };

    // "that" and a clause with a finite verb.
    let that = that_after(sent, x.end as usize)?;
    let clause = (sent.clauses.0..sent.clauses.1)
        .filter_map(|c| sent.clause(c))
        .find(|c| sent.tok(c.start as usize) == that)?;
    // (A clause with a subject of its own: not a relative one, "his statement that was read
    // out".)
    clause.subject?;
    // It ends where its clause does, or before a finite verb no clause of the sentence has:
    // the verb of the clause the noun is the subject of, "X's claim that … drew scorn".
    let (verb, end) = (clause.verb? as usize, clause.end as usize);
    let stray = (verb + 1..end).find(|&q| sent.is_finite(q) && sent.clause_of_verb(q).is_none());
    let (cs, ce) = sent.span(sent.phrase_of(that + 1), stray.unwrap_or(end));
    let ce = (cs..ce).rev().find(|&t| doc.is_word(t)).map(|t| t + 1)?;
    let mut a = Attr::new((head, head + 1), CueKind::Noun, None);
    a.set_left(ha);
    a.speaker = Some(owner);
    a.set_content(Some((cs, ce)));
    a.form = ContentForm::Clause;
    Some(a)
}
