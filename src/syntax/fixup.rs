//! Corrections of the tagger's reading where the lexicon and a closed context settle it, made
//! once after tagging and before the phrases are read (harper's "fix-ups" serve the same end).
//!
//! - "…, United chairman Neil Okonjo said": a capitalised word inside a sentence that the
//!   tagger read as a base-form verb, with no "to" or modal before it, is a proper noun (a base
//!   form there would need one).
//! - "said in a statement that cocoa prices had …", "said that relations with …": after the
//!   "that" of a speech verb's complement, a word the tagger read as a present-tense verb
//!   ("cocoa/VBZ", "relations/VBZ", "work/VBP") is the clause's subject noun when a noun, a
//!   preposition or a verb follows it (a verb right after "that" would need an object there).
//! - "told reporters his client …": right after a verb that takes its hearer (`hearer=yes`), a
//!   lower-case word read as a present-tense verb before a determiner, a pronoun, a name or
//!   "that" is the hearer noun.
//! - "said in an update that adjusted operating profit …": after the complementizer, a past
//!   form before a noun modifies it.
//! - "told a business gathering in Delhi that …": an "-ing" word after a determined noun and
//!   before a preposition or "that" is a noun.
//! - "Secretary for Housing Lam Pui-kwan": a word the lexicon knows only as a preposition
//!   (`type=preposition`) read as a subordinating conjunction is a preposition.
//! - "…, urging voters to see the big picture": right after a comma, the "-ing" form of a speech
//!   verb that opens a new claim (`split=yes` in verbs.txt) read as a noun or an adjective is
//!   the verb's participle when a noun phrase, "that", "to" or a quotation follows it.
//! - "That culture, they said, rewards volume": a plural noun right after a cue set off by
//!   commas after a noun ("NOUN, SUBJECT said, rewards") is the claim's present-tense verb.
//! - "told a meeting of the club that inflation was …": a "that" read as a determiner after a
//!   hearer verb's object, its noun followed by a finite verb or a comma, opens the clause.

use super::Tag;
use crate::grammar::TokClass;
use crate::text::Doc;

/// Applies the corrections to `tags` (parallel to `doc`'s tokens).
pub fn apply(doc: &Doc<'_>, tags: &mut [Tag]) {
    for s in &doc.sentences {
        for t in s.start + 1..s.end {
            let prev = tag(tags, t - 1);
            let bare = tag(tags, t) == Tag::VerbVb && !(prev.is_to() || prev == Tag::AuxMd);
            if bare && doc.is_cap(t) && doc.quote_of(t - 1).is_none() {
                if let Some(slot) = tags.get_mut(t) {
                    *slot = Tag::PropnNnp;
                }
            }
        }
        for t in s.start + 1..s.end.saturating_sub(1) {
            if doc.is_punct(t - 1, ",") && split_participle(doc, tags, t) {
                if let Some(slot) = tags.get_mut(t) {
                    *slot = Tag::VerbVbg;
                }
            }
        }
        for t in s.start + 1..s.end.saturating_sub(1) {
            hearer_noun(doc, tags, t);
            gerund_noun(tags, t);
            preposition(doc, tags, t);
            hearer_that(doc, tags, t, s.start);
            interrupted_verb(doc, tags, t, s.start);
        }
        for t in s.start..s.end.saturating_sub(2) {
            if complementizer_that(doc, tags, t, s.start) {
                subject_after_that(doc, tags, t + 1);
            }
        }
    }
}

fn tag(tags: &[Tag], t: usize) -> Tag {
    tags.get(t).copied().unwrap_or_default()
}

/// Whether token `t` is "that" after a speech verb and its tail (noun phrases, prepositions,
/// adverbs: "said on Wednesday that", "told the bench that"), within ten words.
fn complementizer_that(doc: &Doc<'_>, tags: &[Tag], t: usize, start: usize) -> bool {
    if !doc.tok_text(t).eq_ignore_ascii_case("that") {
        return false;
    }
    let mut k = t;
    while k > start && t - k < 10 {
        k -= 1;
        let g = tag(tags, k);
        if g.is_verb() {
            return doc.has(k, TokClass::VERB) && k + 1 < t
                || doc.has(k, TokClass::VERB) && k + 1 == t;
        }
        if !(g.is_noun()
            || g.is_adp()
            || g.is_adv()
            || g.is_det()
            || g.is_adj()
            || g.is_num()
            || g.is_pronoun()
            || g.is_quote())
        {
            return false;
        }
    }
    false
}

/// Re-reads token `t`, right after a complementizer "that", as a noun when the tagger read it
/// as a present-tense verb and a noun, a preposition or a verb follows.
fn subject_after_that(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let g = tag(tags, t);
    let next = tag(tags, t + 1);
    if g == Tag::VerbVbd && (next.is_noun() || next == Tag::VerbVbg) && !doc.is_cap(t) {
        set(tags, t, Tag::AdjJj);
        return;
    }
    if !matches!(g, Tag::VerbVbz | Tag::VerbVbp | Tag::VerbVb) || doc.is_cap(t) {
        return;
    }
    let wh = matches!(
        next,
        Tag::PronWp | Tag::PronWpS | Tag::PronWdt | Tag::DetWdt
    );
    if !(next.is_noun() || next.is_adp() || next.is_sconj() || next.is_verb() || next.is_to() || wh)
    {
        return;
    }
    let plural = doc.tok_text(t).ends_with('s');
    if let Some(slot) = tags.get_mut(t) {
        *slot = if plural { Tag::NounNns } else { Tag::NounNn };
    }
}

/// Whether token `t`, read as a noun or adjective, is the "-ing" form of a speech verb with
/// `split=yes` followed by what its object or clause opens with.
fn split_participle(doc: &Doc<'_>, tags: &[Tag], t: usize) -> bool {
    use crate::grammar::{Tag as G, VerbForm};
    let g = tag(tags, t);
    if !(g.is_adj() || (g.is_noun() && !g.is_proper())) {
        return false;
    }
    let ing = doc
        .word_tags(t)
        .any(|x| matches!(x, G::Verb(v) if v.form == VerbForm::Ing && v.split));
    let next = tag(tags, t + 1);
    ing && (next.is_noun()
        || next.is_det()
        || next.is_pronoun()
        || next.is_to()
        || next.is_quote()
        || doc.tok_text(t + 1).eq_ignore_ascii_case("that"))
}

fn set(tags: &mut [Tag], t: usize, g: Tag) {
    if let Some(slot) = tags.get_mut(t) {
        *slot = g;
    }
}

/// Re-reads token `t` as the hearer noun after a verb with `hearer=yes` ("told reporters his
/// client …").
fn hearer_noun(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    use crate::grammar::Tag as G;
    let g = tag(tags, t);
    if !matches!(g, Tag::VerbVbz | Tag::VerbVbp) || doc.is_cap(t) {
        return;
    }
    let hearer = doc
        .word_tags(t - 1)
        .any(|x| matches!(x, G::Verb(v) if v.hearer));
    let next = tag(tags, t + 1);
    let opens = next.is_det()
        || next.is_pronoun()
        || next.is_proper()
        || next == Tag::PronPrpS
        || doc.tok_text(t + 1).eq_ignore_ascii_case("that");
    if hearer && opens && tag(tags, t - 1).is_verb() {
        let plural = doc.tok_text(t).ends_with('s');
        set(tags, t, if plural { Tag::NounNns } else { Tag::NounNn });
    }
}

/// Re-reads token `t`, an "-ing" word after a determiner and a common noun, as a noun when a
/// preposition or "that" follows ("told a business gathering in Delhi that …").
fn gerund_noun(tags: &mut [Tag], t: usize) {
    if tag(tags, t) != Tag::VerbVbg || t < 2 {
        return;
    }
    let noun_before = matches!(tag(tags, t - 1), Tag::NounNn | Tag::NounNns);
    let determined = tag(tags, t - 2).is_det() || tag(tags, t - 2) == Tag::PronPrpS;
    let next = tag(tags, t + 1);
    if noun_before && determined && (next.is_adp() || next.is_sconj() || next == Tag::PronWdt) {
        set(tags, t, Tag::NounNn);
    }
}

/// Re-reads token `t` as a preposition when the tagger read it as a subordinating conjunction
/// but the lexicon knows it only as a preposition.
fn preposition(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if tag(tags, t) == Tag::SconjIn
        && doc.is_func(t, crate::grammar::FuncType::Preposition)
        && !doc.is_func(t, crate::grammar::FuncType::Connective)
        && !doc.is_func(t, crate::grammar::FuncType::Complementizer)
    {
        set(tags, t, Tag::AdpIn);
    }
}

/// Re-reads a determiner "that" at `t` as the complementizer when a verb that takes its hearer
/// comes before it across a noun phrase (and prepositional phrases), and its noun is followed
/// by a finite verb or a comma ("told a meeting of the club that inflation was …").
fn hearer_that(doc: &Doc<'_>, tags: &mut [Tag], t: usize, first: usize) {
    use crate::grammar::Tag as G;
    if !tag(tags, t).is_det() || !doc.tok_text(t).eq_ignore_ascii_case("that") {
        return;
    }
    let nominal = |g: Tag| g.is_noun() || g.is_adj() || g.is_det() || g.is_num();
    let object = |g: Tag| nominal(g) || g.is_adp() || g == Tag::PronPrpS;
    let mut v = t;
    while v > first && v + 12 > t && object(tag(tags, v - 1)) {
        v -= 1;
    }
    let hearer = v > first
        && v + 1 < t
        && tag(tags, v - 1).is_verb()
        && doc
            .word_tags(v - 1)
            .any(|x| matches!(x, G::Verb(w) if w.hearer));
    let mut n = t + 1;
    while n < doc.tokens.len() && n < t + 6 && nominal(tag(tags, n)) {
        n += 1;
    }
    let closed = n > t + 1 && (tag(tags, n).is_finite() || doc.is_punct(n, ","));
    if hearer && closed && tag(tags, n - 1).is_noun() {
        set(tags, t, Tag::SconjIn);
    }
}

/// Re-reads a plural noun at `t` as a present-tense verb after a cue set off by commas that
/// interrupts a subject: "That culture, they said, rewards volume".
fn interrupted_verb(doc: &Doc<'_>, tags: &mut [Tag], t: usize, first: usize) {
    use crate::grammar::Tag as G;
    if tag(tags, t) != Tag::NounNns || t < first + 5 || !doc.is_punct(t - 1, ",") {
        return;
    }
    let speech = tag(tags, t - 2).is_finite()
        && doc
            .word_tags(t - 2)
            .any(|x| matches!(x, G::Verb(v) if v.kind == crate::grammar::VerbKind::Speech));
    let subject = tag(tags, t - 3).is_pronoun() || tag(tags, t - 3).is_noun();
    let opened = doc.is_punct(t - 4, ",") && tag(tags, t - 5).is_noun();
    let object = tag(tags, t + 1);
    // (The object may be misread as a verb too: "rewards speed/VBP over care".)
    let object = object.is_noun()
        || object.is_det()
        || object.is_adj()
        || object.is_verb() && !object.is_aux() && !object.is_past();
    if speech && subject && opened && object {
        set(tags, t, Tag::VerbVbz);
    }
}
