//! A speech verb's -ing form after a comma or a document noun: `…, adding that …`, `…,
//! saying "…"`, `issued a statement saying …`: a new claim by the speaker of the clause it
//! hangs on (or of the statement's issuer, the subject).
//!
//! ```text
//! participle = ("," | document-noun) verb-ing complement
//! ```

use super::complement::complement;
use super::{Attr, CueKind, Inherit, Sent};
use crate::grammar::{NounKind, Tag, Verb, VerbForm, VerbKind};
use crate::syntax::{PhraseFlag, PhraseKind};

/// The participle attribution at phrase `p`.
pub fn at<'a>(sent: &Sent<'_, 'a>, p: usize, v: &'a Verb, out: &[Attr<'a>]) -> Option<Attr<'a>> {
    let x = sent.ph(p);
    let head = x.head();
    if !(x.is(PhraseFlag::GERUND) || v.form == VerbForm::Ing) || x.is(PhraseFlag::FINITE) {
        return None;
    }
    if !v.split || v.kind == VerbKind::Manner {
        // Consumed: no other construction reads a gerund.
        return Some(Attr::new((head, head + 1), CueKind::Participle, Some(v)));
    }
    let prev = p.checked_sub(1).filter(|&q| q >= sent.p0)?;
    let doc = sent.doc;
    let document = sent.ph(prev).kind == PhraseKind::Np
        && doc
            .word_tags(sent.ph(prev).head())
            .any(|t| matches!(t, Tag::Noun(n) if n.kind == NounKind::Document));
    if !(document || sent.is_punct(prev, ",")) {
        return Some(Attr::new((head, head + 1), CueKind::Participle, Some(v)));
    }
    let mut a = Attr::new((head, head + 1), CueKind::Participle, Some(v));
    a.left = sent.tok(prev);
    a.inherit = Some(
        match out
            .iter()
            .rposition(|b| b.speaker.is_some() || b.inherit.is_some())
        {
            Some(k) => Inherit::Attr(k),
            None => Inherit::Subject,
        },
    );
    complement(sent, p + 1, &mut a);
    Some(a)
}
