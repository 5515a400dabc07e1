//! A speech verb's -ing form after a comma, a document noun or "by": `…, adding that …`, `…,
//! saying "…"`, `issued a statement saying …`, `responded by saying that …`: a new claim by
//! the speaker of the clause it hangs on (or of the statement's issuer, the subject); opening
//! the sentence (`Noting that …, Allen said …`), of the main clause's subject.
//!
//! ```text
//! participle = ("," | document-noun | "by" | sentence-start) verb-ing complement
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
    let doc = sent.doc;
    // "Noting that the tax was unfair, Allen said …": a participle opening the sentence is an
    // act of the main clause's subject.
    if p == sent.p0 {
        let mut a = Attr::new((head, head + 1), CueKind::Participle, Some(v));
        a.left = sent.tok(p);
        a.inherit = Some(Inherit::Subject);
        complement(sent, p + 1, &mut a);
        return Some(a);
    }
    let prev = p.checked_sub(1).filter(|&q| q >= sent.p0)?;
    let document = sent.ph(prev).kind == PhraseKind::Np
        && doc
            .word_tags(sent.ph(prev).head())
            .any(|t| matches!(t, Tag::Noun(n) if n.kind == NounKind::Document));
    // "distanced himself from the group by saying he …": the means of the clause's act.
    let by = sent.ph(prev).kind == PhraseKind::Prep
        && doc.tok_text(sent.tok(prev)).eq_ignore_ascii_case("by");
    if !(document || by || sent.is_punct(prev, ",")) {
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
