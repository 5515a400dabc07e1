//! `X was quoted (by Y) as saying …`, `Y quoted X as saying …`: X's words, relayed by Y.
//!
//! ```text
//! passive = subject "was quoted" time? (("by" | "in" | "on") np)? time?
//!           "as" verb-ing complement
//! active  = subject "quoted" np ("," aside ",")? "as" verb-ing complement
//! ```

use super::complement::complement;
use super::reported::left_side;
use super::speaker::{np_forward, subject_speaker};
use super::{push_np, speech_verb, Attr, CueKind, Sent};
use crate::analysis::np;
use crate::grammar::Verb;
use crate::syntax::{PhraseFlag, PhraseKind};

/// The quoted-as attribution at verb group `p` ("quoted", "cited").
pub fn at<'a>(sent: &Sent<'_, 'a>, p: usize, v: &'a Verb) -> Option<Attr<'a>> {
    if !matches!(v.lemma.as_str(), "quote" | "cite") {
        return None;
    }
    let x = sent.ph(p);
    let c = sent.clause_of_verb(p).and_then(|c| sent.clause(c));
    let subject = c.and_then(|c| c.subject);
    if x.is(PhraseFlag::PASSIVE) {
        // "was quoted on Monday by Kyodo as saying".
        let mut k = skip_time(sent, p + 1);
        let mut agent = None;
        if word_is(sent, k, "by") {
            let (n, e) = np_forward(sent, k + 1)?;
            agent = Some(n);
            k = skip_time(sent, e);
        } else if word_is(sent, k, "in") || word_is(sent, k, "on") {
            // "was quoted in the Register as saying": an outlet (a name) relays; "in a
            // statement", "in the article": where, no relay.
            if let Some((n, e)) = np_forward(sent, k + 1) {
                let named = n.outlet || sent.ph(k + 1).is(PhraseFlag::PROPER);
                agent = named.then_some(n);
                k = skip_time(sent, e);
            }
        }
        let (ing, verb) = as_saying(sent, k)?;
        let (n, apps, left) = subject_speaker(sent, subject?)?;
        let mut a = Attr::new(
            (x.start as usize, sent.ph(ing).head() + 1),
            CueKind::QuotedAs,
            Some(verb),
        );
        a.speaker = Some(n);
        a.appositives = apps.into();
        a.set_left(left);
        if let Some(x) = agent {
            push_np(&mut a.chain, x);
        }
        finish(sent, ing, &mut a);
        return Some(a);
    }
    // Active: subject Y, object X.
    let (relay, _, left) = subject_speaker(sent, subject?)?;
    let t = sent.tok(p + 1);
    let (obj, mut e) = np::object_pronoun(sent.doc, t)
        .map(|n| (n, p + 2))
        .or_else(|| np_forward(sent, p + 1))?;
    // An aside may come first: "quoted General X, who commands the coastguard, as saying".
    if sent.is_punct(e, ",") {
        let mut q = e + 1;
        while q < sent.p1 && !sent.is_punct(q, ",") && q < e + 20 {
            q += 1;
        }
        if sent.is_punct(q, ",") && word_is(sent, q + 1, "as") {
            e = q + 1;
        }
    }
    let (ing, verb) = as_saying(sent, e)?;
    let mut a = Attr::new(
        (x.head(), sent.ph(ing).head() + 1),
        CueKind::QuotedAs,
        Some(verb),
    );
    a.speaker = Some(obj);
    a.set_left(left);
    push_np(&mut a.chain, relay);
    finish(sent, ing, &mut a);
    Some(a)
}

fn finish<'a>(sent: &Sent<'_, 'a>, ing: usize, a: &mut Attr<'a>) {
    complement(sent, ing + 1, a);
    if !a.claims() {
        left_side(sent, a);
    }
}

fn word_is(sent: &Sent<'_, '_>, p: usize, w: &str) -> bool {
    p < sent.p1 && sent.doc.tok_text(sent.tok(p)).eq_ignore_ascii_case(w)
}

/// Phrase `p` past a short time phrase ("on Monday", "last year").
fn skip_time(sent: &Sent<'_, '_>, mut p: usize) -> usize {
    // (A year is a time: "in 2023".)
    let time = |q: usize| {
        let x = sent.ph(q);
        let w = sent.doc.tok_text(x.start as usize).as_bytes();
        crate::syntax::is_time_np(sent.doc, q)
            || x.end == x.start + 1
                && w.len() == 4
                && w.iter().all(u8::is_ascii_digit)
                && (w.starts_with(b"19") || w.starts_with(b"20"))
    };
    for _ in 0..2 {
        if time(p) {
            p += 1;
        } else if sent.ph(p).kind == PhraseKind::Prep
            && !word_is(sent, p, "by")
            && !word_is(sent, p, "as")
            && time(p + 1)
        {
            p += 2;
        }
    }
    p
}

/// `"as" verb-ing` at phrase `p` ("as saying"): the verb group and its verb.
fn as_saying<'a>(sent: &Sent<'_, 'a>, p: usize) -> Option<(usize, &'a Verb)> {
    if !word_is(sent, p, "as") {
        return None;
    }
    let v = speech_verb(sent, p + 1)?;
    (v.form == crate::grammar::VerbForm::Ing).then_some((p + 1, v))
}
