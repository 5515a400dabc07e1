//! A speech verb's -ing form after a comma, a document noun or "by": `…, adding that …`, `…,
//! saying "…"`, `issued a statement saying …`, `responded by saying that …`: a new claim by
//! the speaker of the clause it hangs on (or of the statement's issuer, the subject); opening
//! the sentence (`Noting that …, Allen said …`), of the main clause's subject.
//!
//! ```text
//! participle = ("," | document-noun | "by" | sentence-start | "," verb-ing … "and") verb-ing
//!              complement
//! absolute   = "with" np verb-ing complement            (the noun phrase is the speaker)
//! ```

use super::complement::complement;
use super::{Attr, CueKind, Inherit, Sent};
use crate::grammar::{NounKind, Verb, VerbForm, VerbKind};
use crate::syntax::{PhraseFlag, PhraseKind};

/// The participle attribution at phrase `p`.
pub fn at<'a>(sent: &Sent<'_, 'a>, p: usize, v: &'a Verb, out: &[Attr<'a>]) -> Option<Attr<'a>> {
    let x = sent.ph(p);
    let head = x.head();
    // ("Having announced that …": a perfect participle.)
    let having = sent
        .doc
        .tok_text(x.start as usize)
        .eq_ignore_ascii_case("having");
    if !(x.is(PhraseFlag::GERUND) || v.form == VerbForm::Ing || having) || x.is(PhraseFlag::FINITE)
    {
        return None;
    }
    // (", calling her platform "a grocery list"": a naming verb's quotation is the words of
    // the clause's speaker too.)
    let named_quote = v.kind == VerbKind::Naming
        && (p + 1..sent.p1.min(p + 5))
            .take_while(|&q| !sent.is_aside_mark(q))
            .any(|q| sent.is_quote(q));
    // ("with polls showing a tightening of the race": after "with", any speech or finding
    // verb's participle has the noun phrase before it as its speaker.)
    if let Some(prev) = p
        .checked_sub(1)
        .filter(|&q| q > sent.p0 && v.kind != VerbKind::Manner)
    {
        if let Some(a) = with_subject(sent, p, prev, v) {
            return Some(a);
        }
    }
    // ('"…," Lee said, suggesting that …': after a claim of quoted words only, any speech
    // verb's participle is a claim of its own; after a reported clause it may go on it.)
    let after_quoted = v.kind == VerbKind::Speech
        && out
            .last()
            .is_some_and(|a| a.content().is_none() && !a.quotes.is_empty());
    if !(v.split || named_quote || after_quoted) || v.kind == VerbKind::Manner {
        // Consumed: no other construction reads a gerund.
        return Some(Attr::new((head, head + 1), CueKind::Participle, Some(v)));
    }
    let doc = sent.doc;
    // "Noting that the tax was unfair, Allen said …": a participle opening the sentence is an
    // act of the main clause's subject.
    if p == sent.p0 {
        return Some(read(sent, p, v, sent.tok(p), |a| {
            a.inherit = Some(Inherit::Subject)
        }));
    }
    let prev = p.checked_sub(1).filter(|&q| q >= sent.p0)?;

    // "distanced himself from the group by saying he …": the means of the clause's act; "X,
    // after initially saying he …": an earlier act of the same subject.
    let by = matches!(sent.ph(prev).kind, PhraseKind::Prep | PhraseKind::Sconj)
        && crate::analysis::np::is_func_flagged(doc, sent.tok(prev), |f| f.gerund);
    // "Ortiz comes in second, with 22 percent saying they …": the noun phrase before is the
    // speaker.
    if let Some(a) = with_subject(sent, p, prev, v) {
        return Some(a);
    }
    // "…, pointing to his record and saying that …", "a statement saying … and suggesting
    // that …": a second participle after "and".
    let is_document = |q: usize| {
        sent.ph(q).kind == PhraseKind::Np
            && crate::analysis::np::word_noun(doc, sent.ph(q).head(), NounKind::Document).is_some()
    };
    // ("by mentioning the bridge and adding, "…"": after a gerund's preposition too.)
    let gerund_word = |q: usize| {
        matches!(sent.ph(q).kind, PhraseKind::Prep | PhraseKind::Sconj)
            && crate::analysis::np::is_func_flagged(doc, sent.tok(q), |f| f.gerund)
    };
    let and = sent.ph(prev).kind == PhraseKind::Cconj
        && (sent.p0..prev).any(|q| {
            (sent.is_punct(q, ",") || is_document(q) || gerund_word(q))
                && sent.ph(q + 1).is(PhraseFlag::GERUND)
        });
    // ('said on "Sunday Desk," adding, "…"': a quotation's closing comma is the comma.)
    // ("flipped his pick on the spot – saying he …": a dash sets it off as a comma does.)
    let after_comma =
        sent.is_aside_mark(prev) || crate::syntax::clause::quote_ends_with_comma(doc, prev);
    if !(is_document(prev) || by || and || after_comma) {
        return Some(Attr::new((head, head + 1), CueKind::Participle, Some(v)));
    }
    let inherit = Inherit::from_earlier(out);
    Some(read(sent, p, v, sent.tok(prev), |a| {
        a.inherit = Some(inherit)
    }))
}

/// The participle attribution at phrase `p`, its structure starting at token `left`, its
/// speaker set by `speaker`, with the complement after it.
fn read<'a>(
    sent: &Sent<'_, 'a>,
    p: usize,
    v: &'a Verb,
    left: usize,
    speaker: impl FnOnce(&mut Attr<'a>),
) -> Attr<'a> {
    let head = sent.ph(p).head();
    let mut a = Attr::new((head, head + 1), CueKind::Participle, Some(v));
    a.set_left(left);
    speaker(&mut a);
    complement(sent, p + 1, &mut a);
    a
}

/// "with 22 percent saying they would not support him": after "with", the noun phrase right
/// before the participle at phrase `p` is its speaker.
fn with_subject<'a>(sent: &Sent<'_, 'a>, p: usize, prev: usize, v: &'a Verb) -> Option<Attr<'a>> {
    // (The noun phrase with its tails: "with 22 percent of members saying …".)
    let mut prev = prev;
    while prev >= sent.p0 + 2
        && sent.ph(prev).kind == PhraseKind::Np
        && sent.ph(prev - 1).kind == PhraseKind::Prep
        && sent.ph(prev - 2).kind == PhraseKind::Np
        && !sent.doc.tok_eq_ci(sent.tok(prev - 1), "with")
    {
        prev -= 2;
    }
    let with = prev.checked_sub(1).filter(|&w| w >= sent.p0)?;
    let is_with = sent.ph(with).kind == PhraseKind::Prep
        && sent
            .doc
            .tok_text(sent.tok(with))
            .eq_ignore_ascii_case("with");
    if !is_with || sent.ph(prev).kind != PhraseKind::Np {
        return None;
    }
    let subject = crate::syntax::Subject {
        start: prev as u32,
        end: p as u32,
        core_end: p as u32,
        head: prev as u32,
    };
    let (n, apps, _) = super::speaker::subject_speaker(sent, subject)?;
    let a = read(sent, p, v, sent.tok(prev), |a| {
        a.speaker = Some(n);
        a.appositives = apps.into();
    });
    a.claims().then_some(a)
}
