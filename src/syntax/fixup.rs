//! Corrections of the tagger's reading where the lexicon and a closed context settle it, made
//! once after tagging and before the phrases are read (harper's "fix-ups" serve the same end).
//!
//! - "Transport Minister Olga Berg said", "United manager Kerry Doyle said": a sentence's first
//!   word read as a base-form verb before a name, or before a noun and a name, is a proper noun
//!   (the modifier of the title).
//! - "Per Lindqvist said", "Will Tennant, a farmer": a capitalised given name of the lexicon
//!   (`first-names.txt`) read as a function word or a verb before a proper noun is the name.
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
//!   before a preposition, "that" or a time word ("a committee hearing last week") is a noun.
//! - "Secretary for Housing Lam Pui-kwan": a word the lexicon knows only as a preposition
//!   (`type=preposition`) read as a subordinating conjunction is a preposition.
//! - "…, urging voters to see the big picture": right after a comma, the "-ing" form of a speech
//!   verb that opens a new claim (`split=yes` in verbs.txt) read as a noun or an adjective is
//!   the verb's participle when a noun phrase, "that", "to" or a quotation follows it.
//! - "That culture, they said, rewards volume": a plural noun right after a cue set off by
//!   commas after a noun ("NOUN, SUBJECT said, rewards") is the claim's present-tense verb, and
//!   a participle there ("The outreach, they said, raised/VBN new worries") its past tense.
//! - "said exports fell.", "said she objected.": a past form (`type=past` in
//!   function-words.txt, or "-ed") closing a reported clause of a subject alone after a speech
//!   verb, read as an adverb, an adjective or a participle, is the clause's past tense.
//! - Closed classes misread: "mines" read as a personal pronoun is a plural noun, and so is a
//!   pronoun after a determiner or adjective ("the new mine", "The WHO"); a lower-case proper
//!   noun is a common one ("the agriculture ministry/NNP"); a hyphenated word with a capital
//!   after the hyphen is a name ("el-Sayed/VBD"); the last of two adjectives before a comma or a
//!   speech verb is a noun ("its chief executive/JJ said"); a verb form between a comma and a
//!   noun before a speech verb is a noun ("…, transport/VBP officials said"); "whose" is
//!   the possessive relative word, never a conjunction; "up" before "to" and a number ("says up
//!   to 300 millimetres") is an adverb, not the verb's particle; "from her/PRP home" is the
//!   possessive; "disagreed sharply/NN over" an adverb; "head of metals research/VBP at" a noun.
//! - "…, the foreign minister expressed to officials …": a speech verb's past participle right
//!   after the noun of a subject that opens its clause, with no auxiliary and no "by" after it,
//!   is the past tense.
//! - "Dozens of fishermen interviewed for this article described …": a past form right after a
//!   noun, before a prepositional phrase and the sentence's finite verb, is a participle.
//! - "told a meeting of the club that inflation was …": a "that" read as a determiner after a
//!   hearer verb's object, its noun followed by a finite verb or a comma, opens the clause.
//! - "said there certainly was more room": "there" read as an adverb before a form of "be", a
//!   modal or "seem", after a clause boundary or a speech verb, is the existential pronoun; so
//!   is a contracted "there" read as a verb ("said there's no money left").
//! - "A self-taught investor, Cuban said …": a capitalised adjective opening its clause before
//!   a finite speech verb is a name.
//! - "The court overruled/NN and said …": a regular past form read as a noun after the subject's
//!   noun, with no finite verb before it and "and" and a finite verb after it, is the past tense.
//! - "Giles left/VBN in May and said …": the speech-participle rule above also holds for any
//!   participle after a name or a bare plural when the only later finite verb is coordinated.
//! - A contraction ("he’s") is never the plural noun of the "mines" rule.
//! - "The mediator, retired/VBD judge Ebrahim Hart, said": a past form after a comma or a
//!   determiner, before a title and a name, is an adjective.
//! - "had a big part in the club race win/VBP in 2019": a base or present form after a
//!   preposition, a determiner and common nouns or adjectives, before a preposition, a
//!   conjunction or a punctuation mark, is the noun closing the preposition's object.
//! - "Critics of the plan argue/NN that …": a speech verb's base form read as a noun after a
//!   subject's noun, with no finite verb before it and "that" after it, is the present tense.
//! - "Nearly half/RB said …": a quantity word (`type=quantity`) read as a modifier right before
//!   a finite speech verb is its subject noun.
//! - "As another study from 2011 noted, …": an opening "as" read as a preposition before a noun
//!   phrase and a verb of the lexicon closed by a comma opens an "as" clause (and a participle
//!   there is the past tense).
//! - "the agency recently noted/VBN, …": the speech-participle rule reads across one adverb.
//! - "like Ortiz, say/UH the bulk …": a speech verb of the lexicon read as an interjection is
//!   the present tense.
//! - "Leading/VBG Democrats say …": a gerund opening the sentence before a plural noun and a
//!   finite verb modifies the noun.
//! - "Ortiz, after the scandal broke/VBD in March, said …": a connective of the lexicon read as
//!   a preposition before a noun phrase and a finite verb, or after a comma before a gerund
//!   ("X, after first saying she …"), opens a clause (and an
//!   "as" after "and" does as it does opening the sentence).
//! - "Playing/VBG Field Promotions, an agency, says": a capitalised gerund opening the sentence
//!   before a proper noun is part of the name; "And aides/VBZ to the governor said": a present
//!   tense after an opening conjunction, before a preposition, is a plural noun; a lower-case
//!   "who" after an adjective stays the relative word.
//! - "Ortiz's aides/VBZ say": an "-s" present form after a possessive, before a finite verb, is
//!   the owned plural noun.
//! - "Retired/VBD Gen. Tom Baker said": a capitalised past form opening the sentence before a
//!   title and a name modifies them (not "Born Vera Holm in 1950, she …").
//! - "managing/VBG director Ines Oduya said": a verb form opening a title phrase of the lexicon
//!   before its noun is the title's adjective.
//! - "The clerks whose pay was frozen say/VB …": a speech verb's base form after a passive or a
//!   noun's participle is the present tense.
//! - "Aroha Te/DT Rangi-Whatu": a capitalised determiner between proper nouns is a particle of
//!   the name.
//! - "Asked/VBD whether he backed it, the senator paused/VBN …": a past form opening the
//!   sentence before a preposition, complementizer or adverb, with a comma later, is a
//!   participle, and a participle right after the main clause's subject its past tense.
//! - "Ibarra/VBZ said/VBN …": a capitalised word read as a verb (or an auxiliary the lexicon
//!   does not know) before a speech verb, opening the sentence or after a comma or a name, is a
//!   name, and the speech verb its past tense.
//! - "pic.twitter.com/aB3 —/NNP Ana Lee": a dash read as a word is punctuation.
//! - `"HOLM/UH: Do you …`: a quoted transcript's label in capitals after a line's opening mark
//!   is a proper noun.
//! - "The captains both/CC said/VBN …": a floating determiner (`float=yes`) after a noun and
//!   before a verb is an adverb, and a participle after it the past tense.
//! - "says neither/CC the mayor nor …": a correlative determiner before a determiner is a
//!   predeterminer.
//! - "insisted to/TO reporters/VB the ferry …": "to" and a speaker's noun after a speech verb,
//!   before a clause's subject, are a preposition and a noun.
//! - "WKRP host/VBP Tim Roe": a title of the lexicon between two proper nouns is a noun.
//! - "…, a Gazette analysis of ticket reports shows/NNS.": a speech or finding verb's third
//!   person closing its sentence after a noun, past a comma after a finite clause, is the verb.
//! - "officials at the port say/NN, the board …": the base-form rule above also holds before a
//!   comma and the rest of the clause it interrupts; "says too much/JJ is asked": the quantity
//!   rule also holds before a finite verb after a speech verb and an adverb.

use super::{Tag, TagSet};
use crate::grammar::{FuncType, TokClass};
use crate::text::{labels, Doc};

/// Applies the corrections to `tags` (parallel to `doc`'s tokens).
pub fn apply(doc: &Doc<'_>, tags: &mut [Tag]) {
    for s in &doc.sentences {
        headline_verb(doc, tags, s.start, s.end);
        opening_modifier(doc, tags, s.start);
        opening_participle(doc, tags, s.start, s.end);
        opening_org_name(doc, tags, s.start, s.end);
        opening_name_gerund(doc, tags, s.start);
        opening_gerund_modifier(tags, s.start);
        as_opener(doc, tags, s.start, s.end);
        for t in s.start + 1..s.end.saturating_sub(2) {
            if tag(tags, t - 1).is_cconj() {
                as_opener(doc, tags, t, s.end);
                opening_gerund_modifier(tags, t);
            }
            connective_opener(doc, tags, t, s.end);
        }
        misread_closed_class(doc, tags, s.start);
        for t in s.start..s.end.saturating_sub(1) {
            mend_word(doc, tags, t);
            if t >= s.start + 2 {
                noun_before_auxiliary(doc, tags, t);
                verb_after_plural(doc, tags, t);
            }
        }
        speaker_label(doc, tags, s.start);
        for t in s.start..s.end {
            mend_mark_or_determiner(doc, tags, t, (s.start, s.end));
        }
        name_then_past(doc, tags, s.start, s.end);
        for t in s.start..s.end.saturating_sub(1) {
            name_read_as_verb(doc, tags, t, s.start);
        }
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
            if tag(tags, t) == Tag::AdpRp && verb_particle(doc, tags, t) {
                set(tags, t, Tag::AdpIn);
            }
            if joined_third_person(doc, tags, t, s.start) {
                set(tags, t, Tag::VerbVbz);
            }
            // ("with Ana Lee warning that …", "… warning she …": after a name, before "that" or a
            // pronoun, a participle.)
            let after_name = tag(tags, t - 1).is_proper()
                && (doc.tok_eq_ci(t + 1, "that") || tag(tags, t + 1).is_pronoun());
            if (doc.is_punct(t - 1, ",") || after_name) && split_participle(doc, tags, t) {
                set(tags, t, Tag::VerbVbg);
            }
        }
        for t in s.start + 1..s.end.saturating_sub(1) {
            if may_mend(doc, tags, t) {
                mend(doc, tags, t, (s.start, s.end));
            }
        }
        // (After the verbs of the sentence are mended: "aides say/UH".)
        for t in s.start + 1..s.end.saturating_sub(1) {
            if tag(tags, t) == Tag::VerbVbz {
                plural_noun(doc, tags, t);
                owned_noun(doc, tags, t);
            }
        }
        for t in s.start..s.end.saturating_sub(1) {
            let g = tag(tags, t);
            if g == Tag::AuxMd {
                modal_name(doc, tags, t);
            }
            // (Tested again: `modal_name` makes a name, never a participle.)
            if g == Tag::VerbVbn {
                aside_closed_participle(doc, tags, t, (s.start, s.end));
            }
        }
        title_modifier(doc, tags, s.start);
        for t in s.start..s.end.saturating_sub(2) {
            gerund_preposition(doc, tags, t);
            perfect_auxiliary(doc, tags, t);
            subject_before_quoted_predicate(doc, tags, t);
            if complementizer_that(doc, tags, t, s.start) {
                relative_read_as_complementizer(tags, t);
                subject_after_that(doc, tags, t + 1);
            }
        }
    }
}

/// Whether any rule of [`apply`]'s loop over a sentence's inner tokens may re-read token `t`:
/// each tests the token's tag first, and every tag it needs is a verb, a noun, an adjective, a
/// determiner, an adverb or one of a few closed-class tags (or the word is "whose"). A token
/// with another tag is left as it is by all of them (no rule changes it, so none reads a
/// changed tag), and is read no further.
fn may_mend(doc: &Doc<'_>, tags: &[Tag], t: usize) -> bool {
    const MENDED: TagSet = OPEN.with(Tag::SconjIn).with(Tag::IntjUh);
    MENDED.has(tag(tags, t)) || doc.tok_eq_ci(t, "whose")
}

/// The tags of the words of a noun phrase: nouns, adjectives, numbers, determiners.
const NOMINAL: TagSet = TagSet::NOUN
    .or(TagSet::ADJ)
    .or(TagSet::DET)
    .with(Tag::NumCd);

/// The tags [`misread_closed_class`] reads a word of (or it is "whose"): a verb, a noun, an
/// adjective, a determiner, an adverb, a personal or wh- pronoun, a particle.
const OPEN: TagSet = TagSet::VERB
    .or(TagSet::NOUN)
    .or(TagSet::ADJ)
    .or(TagSet::DET)
    .or(TagSet::ADV)
    .with(Tag::PronPrp)
    .with(Tag::PronWp)
    .with(Tag::AdpRp);

/// The rules of [`apply`]'s first loop over a sentence's tokens, at token `t`, each called only
/// when the tag at hand passes its first test (as [`mend`]).
fn mend_word(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let mut g = tag(tags, t);
    if !g.is_noun() {
        given_name(doc, tags, t);
        g = tag(tags, t);
    }
    if g == Tag::DetDt {
        name_particle(doc, tags, t);
        g = tag(tags, t);
    }
    if TagSet::ADP.or(TagSet::DET).with(Tag::SconjIn).has(g) {
        callsign(doc, tags, t);
        g = tag(tags, t);
    }
    if g == Tag::SymDollar {
        amount(doc, tags, t);
        g = tag(tags, t);
    }
    if g == Tag::AdvRb {
        noun_read_as_adverb(doc, tags, t);
        g = tag(tags, t);
    }
    if g.is_noun() {
        possessed_noun(doc, tags, t);
        g = tag(tags, t);
    }
    if matches!(g, Tag::VerbVbd | Tag::VerbVbn) {
        hyphenated_noun(doc, tags, t);
        g = tag(tags, t);
    }
    if g == Tag::VerbVb {
        noun_after_be(doc, tags, t);
        g = tag(tags, t);
    }
    if matches!(g, Tag::VerbVbg | Tag::VerbVbn | Tag::VerbVbd) {
        title_phrase_modifier(doc, tags, t);
        past_before_titled_name(doc, tags, t);
        g = tag(tags, t);
    }
    if g.is_verb() {
        contracted_there(doc, tags, t);
    }
}

/// Re-reads a contracted existential "there" ("there's", "there'll") the tagger read as a verb
/// as the existential pronoun: its clause's subject, the verb inside the token ("said there's
/// no money left").
fn contracted_there(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if doc
        .contracted_host(t)
        .is_some_and(|h| h.eq_ignore_ascii_case("there"))
    {
        set(tags, t, Tag::PronEx);
    }
}

/// The rules of [`apply`]'s loop over a sentence's inner tokens (`first..end`), at token `t`.
/// Each rule tests the token's tag first; that test is made here on the tag held at hand, read
/// again only after a rule that may have changed it, so a rule that cannot apply costs a bit
/// test (the rules keep their own tests: each still holds alone).
fn mend(doc: &Doc<'_>, tags: &mut [Tag], t: usize, (first, end): (usize, usize)) {
    let mut g = tag(tags, t);
    if matches!(g, Tag::VerbVbz | Tag::VerbVbp) {
        hearer_noun(doc, tags, t);
        g = tag(tags, t);
    }
    if g == Tag::VerbVbz {
        place_noun(doc, tags, t, first);
        g = tag(tags, t);
    }
    if matches!(g, Tag::VerbVbp | Tag::VerbVb) {
        noun_closing_object(doc, tags, t);
        g = tag(tags, t);
    }
    if g == Tag::VerbVb {
        hearer_after_to(doc, tags, t);
        g = tag(tags, t);
    }
    if matches!(g, Tag::VerbVb | Tag::VerbVbp) {
        title_read_as_verb(doc, tags, t);
        g = tag(tags, t);
    }
    if g == Tag::VerbVbg {
        gerund_noun(doc, tags, t);
        g = tag(tags, t);
    }
    if g == Tag::SconjIn {
        preposition(doc, tags, t);
        g = tag(tags, t);
    }
    if g.is_det() {
        hearer_that(doc, tags, t, first);
        g = tag(tags, t);
    }
    if matches!(g, Tag::NounNns | Tag::VerbVbn) {
        interrupted_verb(doc, tags, t, first);
        g = tag(tags, t);
    }
    if TagSet::ADV.or(TagSet::ADJ).with(Tag::VerbVbn).has(g) {
        closing_past(doc, tags, t, first);
        g = tag(tags, t);
    }
    if g == Tag::VerbVbn {
        reported_past(doc, tags, t, first);
        opening_subject_speech(doc, tags, t, first);
        parenthetical_past(doc, tags, t, end);
        adverbial_past(doc, tags, t, first);
    }
    misread_closed_class(doc, tags, t);
    g = tag(tags, t);
    if g == Tag::VerbVbn {
        speech_participle(doc, tags, t, first);
        g = tag(tags, t);
    }
    if g == Tag::VerbVbd {
        reduced_relative(doc, tags, t);
        g = tag(tags, t);
    }
    if g.is_adv() {
        existential_there(doc, tags, t);
        g = tag(tags, t);
    }
    if g.is_adj() {
        name_read_as_adjective(doc, tags, t, first);
        g = tag(tags, t);
    }
    if g == Tag::NounNn {
        past_read_as_noun(doc, tags, t, first);
        speech_verb_read_as_noun(doc, tags, t, first);
        g = tag(tags, t);
    }
    if g == Tag::NounNns {
        closing_verb_read_as_noun(doc, tags, t, first);
        g = tag(tags, t);
    }
    if TagSet::ADV.or(TagSet::ADJ).or(TagSet::DET).has(g) {
        quantity_subject(doc, tags, t);
        g = tag(tags, t);
    }
    if g == Tag::IntjUh {
        verb_read_as_interjection(doc, tags, t);
        g = tag(tags, t);
    }
    if g == Tag::VerbVb {
        present_after_participle(doc, tags, t);
    }
}

fn tag(tags: &[Tag], t: usize) -> Tag {
    tags.get(t).copied().unwrap_or_default()
}

/// Whether token `t` is "that" after a speech verb and its tail (noun phrases, prepositions,
/// adverbs: "said on Wednesday that", "told the bench that"), within ten words.
fn complementizer_that(doc: &Doc<'_>, tags: &[Tag], t: usize, start: usize) -> bool {
    if !doc.tok_eq_ci(t, "that") {
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
        // (A noun phrase, a preposition, an adverb, a quotation.)
        const TAIL: TagSet = NOMINAL
            .or(TagSet::ADP)
            .or(TagSet::ADV)
            .or(TagSet::PRONOUN)
            .with(Tag::Quote);
        if !TAIL.has(g) {
            return false;
        }
    }
    false
}

/// Re-reads "that" (token `t`, after a speech verb and its tail: [`complementizer_that`]), read
/// as a relative word on the noun of a prepositional phrase ending the tail, as the
/// complementizer when no verb follows it at once ("said outside the courthouse that/WDT
/// hearing it had been the worst part"; "said outside the courthouse that stands on the
/// square" keeps its relative clause, and so does an object's: "announced a plan that the
/// council approved").
fn relative_read_as_complementizer(tags: &mut [Tag], t: usize) {
    if !matches!(tag(tags, t), Tag::PronWdt | Tag::DetWdt) {
        return;
    }
    let mut k = t.saturating_sub(1);
    while k > 0 && NOMINAL.has(tag(tags, k)) {
        k -= 1;
    }
    if k + 1 == t || !tag(tags, k).is_adp() {
        return;
    }
    let next = tag(tags, t + 1);
    if next.is_verb() && !next.is_gerund() || next.is_adv() {
        return;
    }
    set(tags, t, Tag::SconjIn);
}

/// Re-reads a present tense at `t`, right after a speech verb and right before a quotation, as
/// the noun that is the reported clause's subject, its predicate quoted ('says ferries/VBZ
/// "are a mess"').
fn subject_before_quoted_predicate(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let g = tag(tags, t);
    if !matches!(g, Tag::VerbVbz | Tag::VerbVbp) || t == 0 || doc.is_cap(t) {
        return;
    }
    if !speech_at(doc, tags, t - 1) || doc.quote_of(t + 1).is_none() {
        return;
    }
    // (The quotation holds the predicate: it opens with a verb's lower-case word.)
    let opens_lower = doc
        .quote_of(t + 1)
        .and_then(|q| doc.quotes.get(q))
        .and_then(|q| q.content().of(doc.text).chars().next())
        .is_some_and(char::is_lowercase);
    if opens_lower {
        let plural = doc.tok_text(t).ends_with('s');
        set(tags, t, if plural { Tag::NounNns } else { Tag::NounNn });
    }
}

/// Re-reads a preposition of the lexicon in "-ing" ("following", "concerning", "regarding")
/// that the tagger read as a gerund right after a speech verb and before a determiner as the
/// preposition opening the verb's tail ("said following/VBG the council vote that …").
fn gerund_preposition(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let misread = tag(tags, t) == Tag::VerbVbg
        && t > 0
        && doc.is_func(t, FuncType::Preposition)
        && speech_at(doc, tags, t - 1)
        && tag(tags, t + 1).is_det();
    if misread {
        set(tags, t, Tag::AdpIn);
    }
}

/// Re-reads an auxiliary of the lexicon other than a form of "be" ("have", "has", "had") that
/// the tagger read as a lexical verb as the auxiliary of a perfect when its past participle
/// follows, across three adverbs at most ("Experts have/VBP long warned that …").
fn perfect_auxiliary(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let aux = match tag(tags, t) {
        Tag::VerbVbp => Tag::AuxVbp,
        Tag::VerbVbz => Tag::AuxVbz,
        Tag::VerbVbd => Tag::AuxVbd,
        _ => return,
    };
    let auxiliary = doc
        .word_tags(t)
        .any(|g| matches!(g, crate::grammar::Tag::Func(f) if f.ty == FuncType::Auxiliary && !f.be));
    let mut k = t + 1;
    while k < t + 4 && tag(tags, k).is_adv() {
        k += 1;
    }
    if auxiliary && tag(tags, k) == Tag::VerbVbn {
        set(tags, t, aux);
    }
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
    const OPENS: TagSet = TagSet::NOUN
        .or(TagSet::ADP)
        .or(TagSet::VERB)
        .with(Tag::SconjIn)
        .with(Tag::PartTo);
    if !(OPENS.has(next) || wh) {
        return;
    }
    let plural = doc.tok_text(t).ends_with('s');
    if let Some(slot) = tags.get_mut(t) {
        *slot = if plural { Tag::NounNns } else { Tag::NounNn };
    }
}

/// Whether token `t`, read as a plural noun after "and", is a speech verb's "-s" form
/// followed by one of its particles ([`third_person_particle`]), a noun phrase and "to", in a
/// sentence whose verb before it is in the same person ("urges the council to … and calls
/// on/for the board to …").
fn joined_third_person(doc: &Doc<'_>, tags: &[Tag], t: usize, start: usize) -> bool {
    if tag(tags, t) != Tag::NounNns || !doc.tok_eq_ci(t - 1, "and") {
        return false;
    }
    let particle = third_person_particle(doc, t);
    // The noun phrase after the particle, then "to" within a few words.
    let to = (t + 2..(t + 8).min(tags.len()))
        .find(|&q| !tag(tags, q).is_noun() && !tag(tags, q).is_det());
    particle
        && to.is_some_and(|q| q > t + 2 && tag(tags, q).is_to())
        && (start..t).any(|q| tag(tags, q) == Tag::VerbVbz)
}

/// Whether token `t`, read as a verb's particle, is one of the particles of the speech verb
/// before it (`particle=` in verbs.txt) with a noun phrase after it: the preposition opening
/// the verb's content ("called on/RP residents to …" is "called on/IN residents").
fn verb_particle(doc: &Doc<'_>, tags: &[Tag], t: usize) -> bool {
    use crate::grammar::Tag as G;
    let w = doc.tok_text(t);
    let next = tag(tags, t + 1);
    let opens =
        next.is_noun() || next.is_det() || next.is_pronoun() || next.is_adj() || next.is_num();
    opens
        && doc
            .word_tags(t - 1)
            .any(|x| matches!(x, G::Verb(v) if v.takes_particle(w)))
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
        || next.is_num()
        || next.is_det()
        || next.is_pronoun()
        || next.is_to()
        || next.is_quote()
        || doc.tok_eq_ci(t + 1, "that"))
}

fn set(tags: &mut [Tag], t: usize, g: Tag) {
    if let Some(slot) = tags.get_mut(t) {
        *slot = g;
    }
}

/// Re-reads token `t` as the hearer noun after a verb with `hearer=yes` ("told reporters his
/// client …").
fn hearer_noun(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let g = tag(tags, t);
    if !matches!(g, Tag::VerbVbz | Tag::VerbVbp) || doc.is_cap(t) {
        return;
    }
    let next = tag(tags, t + 1);
    let opens = next.is_det()
        || next.is_pronoun()
        || next.is_proper()
        || next == Tag::PronPrpS
        || doc.tok_eq_ci(t + 1, "that");
    if takes_hearer(doc, t - 1) && opens && tag(tags, t - 1).is_verb() {
        let plural = doc.tok_text(t).ends_with('s');
        set(tags, t, if plural { Tag::NounNns } else { Tag::NounNn });
    }
}

/// Whether the word at `t` is a verb of the lexicon that takes its hearer (`hearer=yes`:
/// "told").
fn takes_hearer(doc: &Doc<'_>, t: usize) -> bool {
    doc.word_tags(t)
        .any(|x| matches!(x, crate::grammar::Tag::Verb(v) if v.hearer))
}

/// The first token of the modifiers (tags in `modifiers`, at most `reach` of them) ending at
/// token `t` ("a Senate committee hearing", ", a group allied"): where their determiner should
/// stand.
fn modifiers_start(tags: &[Tag], t: usize, modifiers: TagSet, reach: usize) -> usize {
    let mut d = t;
    while d > 0 && d + reach > t && modifiers.has(tag(tags, d)) {
        d -= 1;
    }
    d
}

/// Re-reads "to" and a speaker's noun of the lexicon after it that the tagger read as an
/// infinitive ("insisted to/TO reporters/VB the ferry was safe") as the preposition and the
/// hearer they are, after a speech verb and before a clause's subject.
fn hearer_after_to(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    use crate::grammar::Tag as G;
    let Some(to) = t.checked_sub(1) else { return };
    // (Or after a document's noun: "said in a letter to council that …".)
    let document = |v: usize| {
        tag(tags, v).is_noun()
            && doc
                .word_tags(v)
                .any(|x| matches!(x, G::Noun(n) if n.kind == crate::grammar::NounKind::Document))
    };
    let speech = to
        .checked_sub(1)
        .is_some_and(|v| tag(tags, v).is_verb() && doc.has(v, TokClass::VERB) || document(v));
    let noun = doc.word_tags(t).any(|x| matches!(x, G::Noun(_)));
    let next = tag(tags, t + 1);
    let opens =
        next.is_det() || next.is_pronoun() || next.is_proper() || doc.tok_eq_ci(t + 1, "that");
    let to_word = tag(tags, to).is_to() || tag(tags, to).is_adp() && doc.tok_eq_ci(to, "to");
    if to_word && speech && noun && opens && !doc.is_cap(t) {
        set(tags, to, Tag::AdpIn);
        let plural = doc.tok_text(t).ends_with('s');
        set(tags, t, if plural { Tag::NounNns } else { Tag::NounNn });
    }
}

/// Re-reads a title of the lexicon in lower case between two proper nouns that the tagger read
/// as a verb ("WKRP host/VBP Tim Roe") as the noun it is: an outlet's or a body's title before
/// the name of the one who holds it.
fn title_read_as_verb(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    // (Or after a verb that takes its hearer: "told host/VBP Ana Lee".)
    let before =
        tag(tags, t - 1).is_proper() || tag(tags, t - 1).is_finite() && takes_hearer(doc, t - 1);
    let names = before && tag(tags, t + 1).is_proper() && doc.is_cap(t + 1);
    if names && !doc.is_cap(t) && doc.has(t, TokClass::TITLE) {
        set(tags, t, Tag::NounNn);
    }
}

/// Re-reads token `t`, a base or present form read as a verb, as the noun closing a
/// preposition's object: after a preposition, a determiner and nouns or adjectives, before a
/// preposition, a conjunction or a punctuation mark, right after a singular noun ("in the club
/// race win/VBP in 2019, said …"), which takes no such verb.
fn noun_closing_object(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    // (A singular noun takes no present-tense plural verb: "the boats fish" may be a clause,
    // "the race win" is not.)
    if doc.is_cap(t) || tag(tags, t - 1) != Tag::NounNn {
        return;
    }
    let mut q = t - 1;
    while q > 0 && (tag(tags, q).is_noun() && !tag(tags, q).is_proper() || tag(tags, q).is_adj()) {
        q -= 1;
    }
    let next = tag(tags, t + 1);
    let closes = next.is_adp() || next.is_cconj() || next.is_punct();
    if q > 0 && tag(tags, q).is_det() && tag(tags, q - 1).is_adp() && closes && t - q <= 4 {
        set(tags, t, Tag::NounNn);
    }
}

/// Re-reads token `t`, an "-s" word read as a verb, as the plural noun closing a place when a
/// preposition, a determiner and proper nouns come before it ("told 200 people at the Brandon
/// County fairgrounds that …"): the object of a preposition holds no finite verb. (Not after a
/// word that also opens clauses: "after the Senate votes".)
fn place_noun(doc: &Doc<'_>, tags: &mut [Tag], t: usize, first: usize) {
    const NAME: usize = 4;
    if tag(tags, t) != Tag::VerbVbz || doc.is_cap(t) || !tag(tags, t - 1).is_proper() {
        return;
    }
    let mut k = t - 1;
    while k > first && t - k <= NAME && tag(tags, k).is_proper() {
        k -= 1;
    }
    let det = k > first && tag(tags, k) == Tag::DetDt;
    let prep = det
        && tag(tags, k - 1) == Tag::AdpIn
        && !doc.is_func(k - 1, crate::grammar::FuncType::Connective)
        && !doc.is_func(k - 1, crate::grammar::FuncType::Complementizer);
    if prep && doc.tok_text(t).ends_with('s') {
        set(tags, t, Tag::NounNns);
    }
}

/// Re-reads token `t`, an "-ing" word after a determiner and a common noun, as a noun when a
/// preposition, "that" or a time word follows ("told a business gathering in Delhi that …",
/// "told a committee hearing last week that …").
fn gerund_noun(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if tag(tags, t) != Tag::VerbVbg || t < 2 {
        return;
    }
    let noun_before = tag(tags, t - 1).is_noun();
    // (Over the noun's modifiers: "a Senate committee hearing on Thursday".)
    let d = modifiers_start(tags, t - 2, TagSet::NOUN.or(TagSet::ADJ), 3);
    let determined = tag(tags, d).is_det() || tag(tags, d) == Tag::PronPrpS;
    let next = tag(tags, t + 1);
    // (A time word: `type=time`, or `time=yes` on a word of another type, both in the class
    // bit.)
    let time = doc.is_func(t + 1, crate::grammar::FuncType::Time);
    let after = next.is_adp() || next.is_sconj() || next == Tag::PronWdt || time;
    // (Not an attribution verb's participle: "a news conference announcing that …".)
    if noun_before && determined && after && !doc.has(t, TokClass::VERB) {
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
    if !tag(tags, t).is_det() || !doc.tok_eq_ci(t, "that") {
        return;
    }
    let nominal = |g: Tag| NOMINAL.has(g);
    let object = |g: Tag| nominal(g) || g.is_adp() || g == Tag::PronPrpS;
    let mut v = t;
    while v > first && v + 12 > t && object(tag(tags, v - 1)) {
        v -= 1;
    }
    // (A speech verb needs no object before it: "said on Thursday that inflation would …".)
    let hearer = v > first
        && tag(tags, v - 1).is_verb()
        && doc.word_tags(v - 1).any(|x| match x {
            G::Verb(w) => w.hearer && v + 1 < t || w.kind == crate::grammar::VerbKind::Speech,
            _ => false,
        });
    let mut n = t + 1;
    while n < doc.tokens.len() && n < t + 6 && nominal(tag(tags, n)) {
        n += 1;
    }
    let closed = n > t + 1 && (tag(tags, n).is_finite() || doc.is_punct(n, ","));
    if hearer && closed && tag(tags, n - 1).is_noun() {
        set(tags, t, Tag::SconjIn);
    }
}

/// Re-reads a plural noun at `t` as a present-tense verb (a participle as the past tense) after
/// a cue set off by commas that interrupts a subject: "That culture, they said, rewards volume".
fn interrupted_verb(doc: &Doc<'_>, tags: &mut [Tag], t: usize, first: usize) {
    let g = tag(tags, t);
    if !matches!(g, Tag::NounNns | Tag::VerbVbn) || t < first + 5 || !doc.is_punct(t - 1, ",") {
        return;
    }
    let speech = tag(tags, t - 2).is_finite() && speech_at(doc, tags, t - 2);
    let subject = tag(tags, t - 3).is_pronoun() || tag(tags, t - 3).is_noun();
    let opened = doc.is_punct(t - 4, ",") && tag(tags, t - 5).is_noun();
    let object = tag(tags, t + 1);
    // (The object may be misread as a verb too: "rewards speed/VBP over care".)
    let object = object.is_noun()
        || object.is_det()
        || object.is_adj()
        || object.is_verb() && !object.is_aux() && !object.is_past();
    if g == Tag::NounNns && speech && subject && opened && object {
        set(tags, t, Tag::VerbVbz);
    }
    // ("The outreach, they said, raised/VBN new worries": a participle there is the past.)
    if g == Tag::VerbVbn && speech && subject && opened && !tag(tags, t + 1).is_adp() {
        set(tags, t, Tag::VerbVbd);
    }
}

/// Re-reads a past form opening the sentence before a preposition, a complementizer or an
/// adverb as the participle of a reduced clause closed by a comma ("Asked/VBD whether he
/// backed it, the senator paused …"), and then a participle right after the main clause's
/// subject, with no finite verb in the sentence, as its past tense ("…, the senator
/// paused/VBN for ten seconds").
fn opening_participle(doc: &Doc<'_>, tags: &mut [Tag], start: usize, end: usize) {
    let next = tag(tags, start + 1);
    let opener = next.is_adp() || next.is_sconj() || next.is_adv() || next == Tag::AdvWrb;
    if tag(tags, start) != Tag::VerbVbd || !doc.is_cap(start) || !opener {
        return;
    }
    // (The clause's comma within reach: time stays linear in a long sentence.)
    let Some(comma) = (start + 2..end).take(40).find(|&t| doc.is_punct(t, ",")) else {
        return;
    };
    set(tags, start, Tag::VerbVbn);
    let mut t = comma + 1;
    while t < end && t - comma <= 5 && {
        let g = tag(tags, t);
        g.is_det() || g.is_adj() || g.is_noun()
    } {
        t += 1;
    }
    // (No finite verb after it in its clause: not "the senator elected/VBN in 2020 said".)
    let finite = (t + 1..end)
        .take(64)
        .take_while(|&u| !tag(tags, u).is_sconj() && !doc.is_punct(u, ","))
        .any(|u| tag(tags, u).is_finite());
    if t > comma + 1 && tag(tags, t) == Tag::VerbVbn && past_form(doc, t) && !finite {
        set(tags, t, Tag::VerbVbd);
    }
}

/// Re-reads the first word `t` of a sentence as a proper noun when the tagger read it as a
/// base-form verb before a name, or before a noun and a name ("Transport Minister Olga Berg").
fn opening_modifier(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if tag(tags, t) != Tag::VerbVb || !doc.is_cap(t) {
        return;
    }
    let next = tag(tags, t + 1);
    let named = next.is_proper() || next.is_noun() && tag(tags, t + 2).is_proper();
    // ("Ferreira-Holt told jurors": a hyphenated name before its verb.)
    let name_then_verb = doc.tok_text(t).contains('-') && (next.is_past() || next == Tag::VerbVbn);
    if named && doc.is_cap(t + 1)
        || next.is_noun() && tag(tags, t + 2).is_proper()
        || name_then_verb
    {
        set(tags, t, Tag::PropnNnp);
    }
}

/// Re-reads an organisation's name opening the sentence at `t`, whose first word the tagger
/// read as a participle, past or adjective, as proper nouns when capitalised words (or a
/// union local's number) run from it to the sentence's finite verb ("Amalgamated Transit
/// Union Local 1005 said …", "Concerned Veterans for America said …"); not before a comma or
/// a preposition's place ("Born Vera Halloran in 1933, she …").
fn opening_org_name(doc: &Doc<'_>, tags: &mut [Tag], t: usize, end: usize) {
    const NAME: usize = 8;
    let g = tag(tags, t);
    if !matches!(g, Tag::VerbVbn | Tag::VerbVbd | Tag::AdjJj) || !doc.is_cap(t) {
        return;
    }
    // (Capitalised adjectives inside it too: "… Workers Local 88".)
    let word = |k: usize| {
        doc.is_word(k) && doc.is_cap(k) && (tag(tags, k).is_noun() || tag(tags, k).is_adj())
    };
    let mut k = t + 1;
    while k < end && k < t + NAME {
        if word(k) || tag(tags, k).is_num() && doc.tok_eq_ci(k - 1, "Local") {
            k += 1;
        } else if matches!(doc.tok_text(k), "for" | "of") && word(k + 1) && k > t + 1 {
            k += 2;
        } else {
            break;
        }
    }
    let last = tag(tags, k - 1);
    if k < t + 2 || k >= end || !tag(tags, k).is_finite() || !(last.is_noun() || last.is_num()) {
        return;
    }
    set(tags, t, Tag::PropnNnp);
    for j in t + 1..k {
        match tag(tags, j) {
            Tag::NounNn | Tag::AdjJj => set(tags, j, Tag::PropnNnp),
            Tag::NounNns => set(tags, j, Tag::PropnNnps),
            _ => {}
        }
    }
}

/// Re-reads the word at `t` as a past tense when it closes a clause of a bare subject after a
/// speech verb and the tagger read it as an adverb, an adjective or a participle ("said exports
/// fell.", "said talks stalled/VBN.").
fn closing_past(doc: &Doc<'_>, tags: &mut [Tag], t: usize, first: usize) {
    let g = tag(tags, t);
    if !(g.is_adv() || g.is_adj() || g == Tag::VerbVbn)
        || t < first + 2
        || !doc.is_punct(t + 1, ".")
    {
        return;
    }
    // A past form: an irregular one of the lexicon (`type=past`: "fell", "rose") or a regular
    // "-ed" one ("objected", "stalled").
    let past = past_form(doc, t);
    let subject = tag(tags, t - 1).is_noun() || tag(tags, t - 1).is_pronoun();
    let speech = |v: usize| tag(tags, v).is_finite() && speech_at(doc, tags, v);
    let after_cue = speech(t - 2) || t >= first + 3 && tag(tags, t - 2).is_noun() && speech(t - 3);
    if past && subject && after_cue {
        set(tags, t, Tag::VerbVbd);
    }
}

/// Whether token `t` is a past form: an irregular one of the lexicon (`type=past`: "fell",
/// "rose") or a regular "-ed" one ("objected", "stalled").
fn past_form(doc: &Doc<'_>, t: usize) -> bool {
    let w = doc.tok_text(t).as_bytes();
    let ed = w.len() > 3
        && w.get(w.len() - 2..)
            .is_some_and(|x| x.eq_ignore_ascii_case(b"ed"));
    ed || doc.is_func(t, crate::grammar::FuncType::Past)
}

/// Re-reads a participle at `t` as the past tense of a reported clause when a subject alone
/// stands between it and a finite speech verb, and an object follows it ("reported at least
/// six planes filled/VBN the skies", "said two aides signed/VBN a letter").
fn reported_past(doc: &Doc<'_>, tags: &mut [Tag], t: usize, first: usize) {
    if tag(tags, t) != Tag::VerbVbn || !tag(tags, t - 1).is_noun() || !past_form(doc, t) {
        return;
    }
    let next = tag(tags, t + 1);
    if !(next.is_det() || next.is_num() || next == Tag::PronPrpS) {
        return;
    }
    // The subject: nouns, adjectives, numbers, determiners and prepositions ("at least six
    // planes", "the leaders of both parties"), up to six words.
    let mut k = t - 1;
    while k > first && t - k <= 6 {
        let g = tag(tags, k);
        if !NOMINAL.or(TagSet::ADP).has(g) {
            break;
        }
        k -= 1;
    }
    if k + 1 < t && tag(tags, k).is_finite() && speech_at(doc, tags, k) {
        set(tags, t, Tag::VerbVbd);
    }
}

/// Re-reads a speech verb's participle at `t` as the past tense when the noun phrase that opens
/// the sentence alone stands before it, and after its prepositional phrases (three words at
/// most each) a clause follows: a determiner or pronoun and a finite verb a few words on ("Two
/// newspapers reported/VBN on Sunday the stadium deal had collapsed"). A participle modifying
/// the noun phrase is followed by the sentence's own verb ("Figures reported on Sunday showed
/// …").
fn opening_subject_speech(doc: &Doc<'_>, tags: &mut [Tag], t: usize, first: usize) {
    let subject =
        t > first && (first..t).all(|u| NOMINAL.has(tag(tags, u))) && tag(tags, t - 1).is_noun();
    if tag(tags, t) != Tag::VerbVbn || !subject || !speech_at(doc, tags, t) {
        return;
    }
    let mut k = t + 1;
    while tag(tags, k).is_adp() || tag(tags, k) == Tag::SconjIn && !doc.tok_eq_ci(k, "that") {
        let from = k;
        k += 1;
        if tag(tags, k).is_det() {
            k += 1;
        }
        while k < from + 4 && NOMINAL.has(tag(tags, k)) && !tag(tags, k).is_det() {
            k += 1;
        }
    }
    let opens = tag(tags, k).is_det() || tag(tags, k) == Tag::PronPrp || doc.tok_eq_ci(k, "that");
    if k > t + 1 && opens && (k + 1..k + 6).any(|u| tag(tags, u).is_finite()) {
        set(tags, t, Tag::VerbVbd);
    }
}

/// Re-reads a participle at `t` as the past tense of the clause an attribution set off by
/// commas interrupts, when its subject alone stands between it and the attribution's comma and
/// no finite verb follows it in the sentence ("Over those winters, the clerk said, the fees
/// paid/VBN for repairs.").
fn parenthetical_past(doc: &Doc<'_>, tags: &mut [Tag], t: usize, end: usize) {
    if tag(tags, t) != Tag::VerbVbn || !tag(tags, t - 1).is_noun() || !past_form(doc, t) {
        return;
    }
    let mut k = t - 1;
    while k > 2 && t - k <= 6 {
        let g = tag(tags, k);
        if !NOMINAL.has(g) {
            break;
        }
        k -= 1;
    }
    let Some(speaker) = k.checked_sub(2).map(|s| tag(tags, s)) else {
        return;
    };
    let attribution = doc.is_punct(k, ",")
        && tag(tags, k - 1).is_finite()
        && speech_at(doc, tags, k - 1)
        && (speaker.is_noun() || speaker.is_pronoun());
    // (The rest of the sentence within a clause's reach: time stays linear in a long one.)
    let later = (t + 1..end).take(64).any(|u| tag(tags, u).is_finite());
    if k + 1 < t && attribution && !later {
        set(tags, t, Tag::VerbVbd);
    }
}

/// Re-reads a participle at `t` as the past tense of an adverbial clause opening its sentence
/// or following a comma, when its subject alone stands between it and the conjunction and no
/// finite verb follows it before the clause's comma ("As the parade rolled/VBN through town,
/// the Ledger reported …").
fn adverbial_past(doc: &Doc<'_>, tags: &mut [Tag], t: usize, first: usize) {
    if tag(tags, t) != Tag::VerbVbn || !tag(tags, t - 1).is_noun() || !past_form(doc, t) {
        return;
    }
    let mut k = t - 1;
    while k > first && t - k <= 5 {
        let g = tag(tags, k);
        if !NOMINAL.has(g) {
            break;
        }
        k -= 1;
    }
    let opens = k == first || doc.is_punct(k - 1, ",");
    if k + 1 == t || tag(tags, k) != Tag::SconjIn || !opens {
        return;
    }
    let comma = (t + 1..t + 12).find(|&u| doc.is_punct(u, ",") || !doc.is_word(u));
    let finite_before_comma = comma.is_some_and(|c| (t + 1..c).any(|u| tag(tags, u).is_finite()));
    if comma.is_some_and(|c| doc.is_punct(c, ",")) && !finite_before_comma {
        set(tags, t, Tag::VerbVbd);
    }
}

/// Re-reads a capitalised speech verb in a headline written in title case ("Ruiz Says Plan Is
/// Dead", "County Warns Of Cuts") that the tagger read as a proper noun as the verb it is: its
/// third person or past form after a noun. A title-case line: at least four words, nearly all
/// capitalised.
fn headline_verb(doc: &Doc<'_>, tags: &mut [Tag], start: usize, end: usize) {
    use crate::grammar::{Tag as G, VerbForm, VerbKind};
    let words = (start..end).filter(|&t| doc.is_word(t)).take(64);
    let (n, caps) = words.fold((0, 0), |(n, c), t| (n + 1, c + usize::from(doc.is_cap(t))));
    if n < 4 || caps * 5 < n * 4 {
        return;
    }
    for t in start + 1..end.min(start + 64) {
        if !tag(tags, t).is_proper() || !tag(tags, t - 1).is_noun() {
            continue;
        }
        let form = doc.word_tags(t).find_map(|x| match x {
            G::Verb(v) if v.kind == VerbKind::Speech => Some(v.form),
            _ => None,
        });
        match form {
            Some(VerbForm::Third) => set(tags, t, Tag::VerbVbz),
            Some(VerbForm::Past) => set(tags, t, Tag::VerbVbd),
            _ => continue,
        }
        return;
    }
}

/// Re-reads the words of a quoted transcript's speaker label opening the sentence at `start`
/// after a line's opening mark (`"HOLM: Do you …`, [`labels::label_tokens`]) as the proper
/// nouns they are (the tagger read "HOLM" after the mark as an interjection).
fn speaker_label(doc: &Doc<'_>, tags: &mut [Tag], start: usize) {
    if !doc.starts_line(start) || !labels::is_mark(doc, start) {
        return;
    }
    let Some((first, colon)) = labels::label_tokens(doc, start) else {
        return;
    };
    for t in first..colon {
        if !tag(tags, t).is_proper() {
            set(tags, t, Tag::PropnNnp);
        }
    }
}

/// Re-reads a determiner of the lexicon that floats (`float=yes`) after a noun and before a
/// past or present verb ("The captains both/CC said/VBD", "The skippers all/VBP said/VBN") as
/// the adverb it stands as, and a past participle after it as the past tense: the verb is the
/// noun phrase's.
fn floating_determiner(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    use crate::grammar::Tag as G;
    let before = tag(tags, t - 1);
    let next = tag(tags, t + 1);
    let verb = matches!(
        next,
        Tag::VerbVbd | Tag::VerbVbn | Tag::VerbVbz | Tag::VerbVbp
    );
    if !(before.is_noun() || before == Tag::PronPrp) || !verb || doc.is_cap(t) {
        return;
    }
    if doc.word_tags(t).any(|x| matches!(x, G::Func(f) if f.float)) {
        set(tags, t, Tag::AdvRb);
        if next == Tag::VerbVbn {
            set(tags, t + 1, Tag::VerbVbd);
        }
    }
}

/// Re-reads a correlative of the lexicon's determiners (`both`, `either`, `neither`) that the
/// tagger read as a conjunction before a determiner ("says neither/CC the mayor nor her staff
/// knew") as the predeterminer it stands as there, so that the noun phrase opens on it.
fn correlative_before_determiner(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let next = tag(tags, t + 1);
    if tag(tags, t) == Tag::CconjCc
        && (next.is_det() || next == Tag::PronPrpS)
        && doc.is_func(t, FuncType::Determiner)
    {
        set(tags, t, Tag::DetPdt);
    }
}

/// The rules of [`apply`]'s loop after [`mend_word`]'s, at token `t` of the sentence
/// `[first, end)`: a dash read as a word, a floating determiner, a correlative.
fn mend_mark_or_determiner(
    doc: &Doc<'_>,
    tags: &mut [Tag],
    t: usize,
    (first, end): (usize, usize),
) {
    dash_read_as_word(doc, tags, t);
    if t + 1 < end {
        if t > first {
            floating_determiner(doc, tags, t);
        }
        correlative_before_determiner(doc, tags, t);
    }
}

/// Re-reads a dash the tagger read as a word (after a link, "pic.twitter.com/aB3 — Ana Lee")
/// as the punctuation it is.
fn dash_read_as_word(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if !tag(tags, t).is_punct() && doc.is_dash(t) {
        set(tags, t, Tag::PunctColon);
    }
}

/// Re-reads a speaker's noun of the lexicon (`nouns.txt`) that the tagger read as an adverb
/// after a determiner, adjective or noun as the noun it is ("A longtime Velk ally/RB, …").
fn noun_read_as_adverb(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if tag(tags, t) != Tag::AdvRb {
        return;
    }
    let prev = t.checked_sub(1).map(|p| tag(tags, p));
    let modified = prev.is_some_and(|g| TagSet::DET.or(TagSet::ADJ).or(TagSet::NOUN).has(g));
    if modified && doc.has(t, TokClass::NOUN) {
        set(tags, t, Tag::NounNn);
    }
}

/// Re-reads the word after a possessive noun that the tagger read as a verb's base form (and an
/// adverb before it as an adjective) as the noun the possessive owns: "his rival's tough/RB
/// talk/VB" is "tough/JJ talk/NN".
fn possessed_noun(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    // (The tags first: the word is read only before a base form or an adverb.)
    let next = tag(tags, t + 1);
    if !matches!(next, Tag::VerbVb | Tag::VerbVbp | Tag::AdvRb) || !tag(tags, t).is_noun() {
        return;
    }
    // (A singular possessive, "'s": a plural one is left as the tagger read it.)
    if !doc.is_possessive(t) || doc.last_byte(t) != Some(b's') {
        return;
    }
    let base = |g: Tag| matches!(g, Tag::VerbVb | Tag::VerbVbp);
    if base(tag(tags, t + 1)) {
        set(tags, t + 1, Tag::NounNn);
    } else if tag(tags, t + 1) == Tag::AdvRb && base(tag(tags, t + 2)) {
        set(tags, t + 1, Tag::AdjJj);
        set(tags, t + 2, Tag::NounNn);
    }
}

/// Re-reads a hyphenated word the tagger read as a past form that is none (no "-ed", no
/// irregular past of the lexicon) as a noun: "partner and co-host/VBD on his channel".
fn hyphenated_noun(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let g = tag(tags, t);
    if matches!(g, Tag::VerbVbd | Tag::VerbVbn)
        && doc.tok_bytes(t).contains(&b'-')
        && !past_form(doc, t)
    {
        set(tags, t, Tag::NounNn);
    }
}

/// Re-reads a speech verb's base form right after a finite "be" as a noun: "It is talk/VB
/// that never stops" (a base form there is no verb; "is to say" has its "to").
fn noun_after_be(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    use crate::grammar::Tag as G;
    let Some(p) = t.checked_sub(1).filter(|_| tag(tags, t) == Tag::VerbVb) else {
        return;
    };
    let be = tag(tags, p).is_finite() && doc.word_tags(p).any(|x| matches!(x, G::Func(f) if f.be));
    if tag(tags, t) == Tag::VerbVb && be && doc.has(t, TokClass::VERB) {
        set(tags, t, Tag::NounNn);
    }
}

/// Re-reads an amount of money at `t` that the tagger read as its currency symbol ("$48,000",
/// one token) as a number, which opens a noun phrase ("$48,000 worth of equipment").
fn amount(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if tag(tags, t) == Tag::SymDollar && doc.tok_bytes(t).iter().any(u8::is_ascii_digit) {
        set(tags, t, Tag::NumCd);
    }
}

/// Re-reads a broadcaster's call sign at `t` ("4KR", "2GB": digits and capitals) that the
/// tagger read as a closed-class word as a proper noun.
fn callsign(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let g = tag(tags, t);
    if !(g.is_adp() || g.is_det() || g == Tag::SconjIn) {
        return;
    }
    let w = doc.tok_bytes(t);
    // (A digit first: few prepositions and determiners have one.)
    if w.iter().any(u8::is_ascii_digit)
        && w.iter().any(u8::is_ascii_uppercase)
        && w.iter().all(u8::is_ascii_alphanumeric)
    {
        set(tags, t, Tag::PropnNnp);
    }
}

/// Re-reads a capitalised word the tagger read as a verb, opening the sentence or after a
/// comma or a name, as a proper noun when a speech verb of the lexicon follows it ("Ibarra/VBZ
/// said/VBN …", "…, Mr. Kovac/VB said"): a name with a verb's ending. The speech verb is its
/// past tense.
fn name_read_as_verb(doc: &Doc<'_>, tags: &mut [Tag], t: usize, start: usize) {
    let g = tag(tags, t);
    // (Read as an auxiliary too, "Ibarra/VBZ": no word of the lexicon's closed classes.)
    let verb = matches!(g, Tag::VerbVbz | Tag::VerbVbp | Tag::VerbVb | Tag::VerbVbd)
        || g.is_aux() && !doc.has(t, TokClass::FUNC);
    if !verb || !doc.is_cap(t) || doc.has(t, TokClass::VERB) || !doc.has(t + 1, TokClass::VERB) {
        return;
    }
    let next = tag(tags, t + 1);
    let opens = t == start || doc.is_punct(t - 1, ",") || tag(tags, t - 1).is_proper();
    if opens && matches!(next, Tag::VerbVbd | Tag::VerbVbn) {
        set(tags, t, Tag::PropnNnp);
        set(tags, t + 1, Tag::VerbVbd);
    }
}

/// Re-reads the participle right after a sentence's opening name ("Mr Achterberg opened/VBN by
/// saying …", "Dana Lee signed/VBN the letter") as its past tense: with no auxiliary and an
/// object or "by" and a gerund after it, a name takes no participle there.
fn name_then_past(doc: &Doc<'_>, tags: &mut [Tag], start: usize, end: usize) {
    let Some(t) = (start + 1..end.min(start + 5)).find(|&t| !tag(tags, t).is_proper()) else {
        return;
    };
    if tag(tags, t) != Tag::VerbVbn || !past_form(doc, t) || !doc.is_cap(start) {
        return;
    }
    let next = tag(tags, t + 1);
    let object = next.is_det() || next.is_num() || next == Tag::PronPrpS;
    let by_saying = (next.is_adp() || next == Tag::SconjIn) && tag(tags, t + 2).is_gerund();
    if object || by_saying {
        set(tags, t, Tag::VerbVbd);
    }
}

/// Re-reads as a noun a lower-case word at `t` the tagger read as a past form or a wh-word
/// between a determined noun's modifiers and an auxiliary: "the October forecast/WDT had
/// been", "the June forecast/VBD had been" (a past form takes no auxiliary after it, and a
/// wh-word is one of the lexicon's).
fn noun_before_auxiliary(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let g = tag(tags, t);
    let wh = matches!(g, Tag::PronWdt | Tag::DetWdt) && !doc.has(t, crate::grammar::TokClass::FUNC);
    let past = g == Tag::VerbVbd;
    if !(wh || past) || doc.is_cap(t) || !tag(tags, t + 1).is_aux() {
        return;
    }
    let before = tag(tags, t - 1);
    let modifier = before.is_adj() || before.is_proper() && doc.is_cap(t - 1);
    if modifier && tag(tags, t - 2).is_det() {
        set(tags, t, Tag::NounNn);
    }
}

/// Re-reads as a verb a speech verb's "-s" form at `t` the tagger read as a plural noun after
/// another plural noun and before "that": "a lawsuit filed on behalf of two customers
/// alleges/NNS that …" (two plural nouns in a row do not make a noun phrase there).
fn verb_after_plural(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    use crate::grammar::{Tag as G, VerbForm};
    if tag(tags, t) != Tag::NounNns
        || tag(tags, t - 1) != Tag::NounNns
        || !doc.tok_eq_ci(t + 1, "that")
    {
        return;
    }
    if doc
        .word_tags(t)
        .any(|x| matches!(x, G::Verb(v) if v.form == VerbForm::Third))
    {
        set(tags, t, Tag::VerbVbz);
    }
}

/// Re-reads a plural noun of the lexicon at `t` ("aides", "lawmakers") as the plural noun
/// when the tagger read it as a present-tense verb ("though aides/VBZ to Mr. Aldridge
/// acknowledged …"); a word the lexicon also knows as a speech verb ("claims") stays.
fn plural_noun(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if tag(tags, t) != Tag::VerbVbz || doc.has(t, crate::grammar::TokClass::VERB) {
        return;
    }
    let plural = doc
        .word_tags(t)
        .any(|x| matches!(x, crate::grammar::Tag::Noun(n) if n.plural));
    if plural {
        set(tags, t, Tag::NounNns);
        // (A participle after it was read as that verb's: "the budget figures/VBZ
        // relied/VBN on …" is a noun and a past tense.)
        if tag(tags, t + 1) == Tag::VerbVbn {
            set(tags, t + 1, Tag::VerbVbd);
        }
    }
}

/// Re-reads closed-class words the tagger misread (see the module's list).
// The tests that leave most words as they are, inlined at the calls; the branches out of line.
#[inline(always)]
fn misread_closed_class(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    // Every branch below needs a tag of [`OPEN`], or the word "whose": other words are read no
    // further.
    let g = tag(tags, t);
    if !OPEN.has(g) && !doc.tok_eq_ci(t, "whose") {
        return;
    }
    // The word's bytes (a token lies on char boundaries: its text's bytes).
    let w = doc.tok_bytes(t);
    if may_misread(doc, t, g, w) {
        misread_word(doc, tags, t, g, w);
    }
}

/// [`misread_closed_class`]'s branches, for word `w` at `t` tagged `g`.
#[inline(never)]
fn misread_word(doc: &Doc<'_>, tags: &mut [Tag], t: usize, g: Tag, w: &[u8]) {
    let ends = |suffix: &str| {
        w.len() >= suffix.len()
            && w.get(w.len() - suffix.len()..)
                .is_some_and(|x| x.eq_ignore_ascii_case(suffix.as_bytes()))
    };
    if g == Tag::PronPrp
        && w.len() >= 5
        && ends("s")
        && !doc.tok_text(t).contains(['\'', '\u{2019}'])
        && !ends("selves")
        && !w.eq_ignore_ascii_case(b"theirs")
        && !w.eq_ignore_ascii_case(b"yours")
    {
        set(tags, t, Tag::NounNns);
    } else if g == Tag::PronPrp
        && w.eq_ignore_ascii_case(b"her")
        && tag(tags, t.wrapping_sub(1)).is_adp()
        && (tag(tags, t + 1).is_noun() || tag(tags, t + 1).is_adj())
    {
        // "from her home": after a preposition, before a noun, the possessive.
        set(tags, t, Tag::PronPrpS);
    } else if g.is_noun()
        && !g.is_proper()
        && w.len() > 4
        && ends("ly")
        && tag(tags, t.wrapping_sub(1)).is_verb()
        && (tag(tags, t + 1).is_adp() || doc.is_punct(t + 1, ".") || doc.is_punct(t + 1, ","))
    {
        // "disagreed sharply over the budget": after a verb, before a preposition, an adverb.
        set(tags, t, Tag::AdvRb);
    } else if matches!(g, Tag::VerbVbp | Tag::VerbVbz)
        && tag(tags, t.wrapping_sub(1)).is_noun()
        && doc.tok_eq_ci(t.wrapping_sub(2), "of")
        && (tag(tags, t + 1).is_adp() || doc.is_punct(t + 1, ","))
        && !doc
            .word_tags(t)
            .any(|x| matches!(x, crate::grammar::Tag::Verb(_)))
    {
        // "head of metals research at the bank": a noun of the compound after "of".
        set(tags, t, Tag::NounNn);
    } else if (g == Tag::PronPrp || g == Tag::PronWp && doc.is_cap(t))
        && t > 0
        && (tag(tags, t - 1).is_det() || tag(tags, t - 1).is_adj())
    {
        // "the new mine", "The WHO": no pronoun follows a determiner or an adjective (but a
        // lower-case "who" opens a relative clause: "a registered Republican who spoke …").
        let proper = doc.is_cap(t);
        set(tags, t, if proper { Tag::PropnNnp } else { Tag::NounNn });
    } else if matches!(g, Tag::PropnNnp | Tag::PropnNnps)
        && w.len() >= 4
        && w.iter().all(u8::is_ascii_lowercase)
    {
        // "The agriculture ministry/NNP": a proper noun is capitalised.
        let plural = g == Tag::PropnNnps;
        set(tags, t, if plural { Tag::NounNns } else { Tag::NounNn });
    } else if TagSet::ADJ.or(TagSet::DET).or(TagSet::ADV).has(g)
        && (doc.is_func(t, crate::grammar::FuncType::Quantity)
            || doc.is_func(t, crate::grammar::FuncType::Determiner))
        && doc.tok_eq_ci(t + 1, "of")
        && t > 0
        && (tag(tags, t - 1).is_verb() || tag(tags, t - 1).is_sconj())
    {
        // "said much of the quay was closed": a quantity before "of" heads a noun phrase (after
        // a verb or a complementizer; not an aside: "the treaties, most of them signed …").
        set(tags, t, Tag::NounNn);
    } else {
        misread_open_class(doc, tags, t, g, w);
    }
}

/// Whether a branch of [`misread_closed_class`] may re-read word `w` at `t`, tagged `g`: what
/// each branch open to a noun, a determiner or an adverb needs first, tested before the chain
/// (most words are nouns, and most are left as they are). A noun is re-read only as an "-ly"
/// adverb, a lower-case proper noun, an ordinal in figures or "whose"; a determiner or an
/// adverb only before "of" or as "whose" (five bytes). Other tags go on to the chain.
fn may_misread(doc: &Doc<'_>, t: usize, g: Tag, w: &[u8]) -> bool {
    let first = w.first().copied().unwrap_or(0);
    if g.is_noun() {
        w.len() == 5
            || first.is_ascii_digit()
            || if g.is_proper() {
                first.is_ascii_lowercase()
            } else {
                w.len() > 4 && matches!(w.last(), Some(b'y' | b'Y'))
            }
    } else if TagSet::DET.or(TagSet::ADV).has(g) {
        w.len() == 5 || doc.tok_eq_ci(t + 1, "of")
    } else {
        true
    }
}

/// Re-reads names, nouns and adverbs the tagger misread (the rest of the module's list of
/// closed-class misreadings: hyphenated names, nouns before a speech verb, "whose", "up to"),
/// `g` the word's tag, `w` its bytes.
fn misread_open_class(doc: &Doc<'_>, tags: &mut [Tag], t: usize, g: Tag, w: &[u8]) {
    if g.is_verb()
        && w.contains(&b'-')
        && doc
            .tok_text(t)
            .split('-')
            .skip(1)
            .any(|x| x.starts_with(|c: char| c.is_uppercase()))
    {
        // "Ahmed el-Sayed said": a hyphenated word with a capital after the hyphen is a name.
        set(tags, t, Tag::PropnNnp);
    } else if g.is_adj()
        && t > 0
        && (tag(tags, t - 1).is_adj() || tag(tags, t - 1) == Tag::PronPrpS)
        && (doc.is_punct(t + 1, ",") || speech_at(doc, tags, t + 1))
        || g.is_adj()
            && t > 0
            && matches!(tag(tags, t - 1), Tag::NounNn | Tag::NounNns)
            && speech_at(doc, tags, t + 1)
    {
        // "its chief executive, Marta Quist, said", "the chief executive said": the last
        // adjective before a comma or a speech verb is the head noun (and after a noun, before a
        // speech verb: "the chief/NN executive/JJ added").
        set(tags, t, Tag::NounNn);
    } else if matches!(g, Tag::VerbVbp | Tag::VerbVb)
        && !doc.is_cap(t)
        && tag(tags, t + 1).is_noun()
        && (speech_at(doc, tags, t + 2)
            || tag(tags, t + 2).is_noun()
                && !tag(tags, t + 2).is_proper()
                && tag(tags, t + 3).is_proper())
    {
        // ("Radio talk/VBP show host Glenn Bach": a compound before a name, too.)
        // "The tunnel, transport officials said, …": a noun modifying the speaker's noun.
        set(tags, t, Tag::NounNn);
    } else if g.is_noun() && ordinal(w) && tag(tags, t + 1).is_noun() {
        // "the 9th/NN Circuit": an ordinal in figures modifies the noun after it.
        set(tags, t, Tag::AdjJj);
    } else if w.eq_ignore_ascii_case(b"whose") && g != Tag::PronWpS {
        set(tags, t, Tag::PronWpS);
    } else if w.eq_ignore_ascii_case(b"up")
        && g == Tag::AdpRp
        && doc.tok_eq_ci(t + 1, "to")
        && tag(tags, t + 2).is_num()
    {
        set(tags, t, Tag::AdvRb);
    }
}

/// Whether `w` is an ordinal in figures: "9th", "21st", "103rd".
fn ordinal(w: &[u8]) -> bool {
    let digits = w.iter().take_while(|b| b.is_ascii_digit()).count();
    digits > 0
        && match w.get(digits..) {
            Some(&[a, b]) => matches!(
                (a.to_ascii_lowercase(), b.to_ascii_lowercase()),
                (b's', b't') | (b'n', b'd') | (b'r', b'd') | (b't', b'h')
            ),
            _ => false,
        }
}

/// Re-reads a speech verb's past participle at `t` as the past tense after the comma closing
/// an aside of a name that opens the sentence (`first..end`), with no finite verb before it
/// ("Clinton, clearly frustrated, responded/VBN by pointing …"); so too any regular past form
/// before its object when no finite verb follows a later comma ("Dana Pike, a planner at the
/// port, credited/VBN those gains to …, saying …"; not "…, appointed in May, said").
fn aside_closed_participle(
    doc: &Doc<'_>,
    tags: &mut [Tag],
    t: usize,
    (first, end): (usize, usize),
) {
    // (Whether the name opens the sentence is read once the word is a participle.)
    // (A name of several words too: "Dana Pike, …".)
    let opens = || {
        let name_end = (first..t).find(|&u| !tag(tags, u).is_proper()).unwrap_or(t);
        name_end > first && name_end <= first + 4 && doc.is_punct(name_end, ",")
    };
    let with_object = || {
        let next = tag(tags, t + 1);
        let object = next.is_det() || next == Tag::PronPrpS;
        // (Within a clause's reach: time stays linear in a long sentence.)
        let main_later = (t + 2..end)
            .take(64)
            .any(|u| doc.is_punct(u - 1, ",") && tag(tags, u).is_finite());
        object && past_form(doc, t) && !main_later
    };
    if tag(tags, t) == Tag::VerbVbn
        && t > first + 2
        && opens()
        && doc.is_punct(t - 1, ",")
        && (speech_at(doc, tags, t) || with_object())
        && !(first..t).any(|u| tag(tags, u).is_finite())
    {
        set(tags, t, Tag::VerbVbd);
    }
}

/// Re-reads a speech verb's past participle at `t` as the past tense right after a subject
/// noun that opens its clause ("…, the foreign minister expressed to officials …").
fn speech_participle(doc: &Doc<'_>, tags: &mut [Tag], t: usize, first: usize) {
    if tag(tags, t) != Tag::VerbVbn {
        return;
    }
    // (An adverb may stand between: "the agency recently noted/VBN".)
    let s = if t >= first + 2 && tag(tags, t - 1).is_adv() && speech_at(doc, tags, t) {
        t - 1
    } else {
        t
    };
    // (The subject may be an adjective standing for a noun: "the 63-year-old added".)
    let nominal = tag(tags, s - 1).is_noun()
        || tag(tags, s - 1).is_adj() && s >= first + 2 && tag(tags, s - 2).is_det();
    if !nominal {
        return;
    }
    // (The tag was checked above: a participle.)
    let speech = speech_at(doc, tags, t);
    // The subject: a determined noun phrase after the sentence start or a comma.
    let mut a = s - 1;
    while a > first && (tag(tags, a - 1).is_noun() || tag(tags, a - 1).is_adj()) {
        a -= 1;
    }
    // (A capitalised word or a bare plural needs no determiner: "Giles left", "Officials met".)
    let named = tag(tags, a).is_proper() || doc.is_cap(a) && tag(tags, a).is_noun();
    let bare = a + 1 == t && tag(tags, a).is_plural();
    let determined =
        named || bare || tag(tags, a).is_det() || a > first && tag(tags, a - 1).is_det();
    // (A determiner before a capitalised word opens the phrase: "the Portuguese club".)
    let start = if a > first && tag(tags, a - 1).is_det() {
        a - 1
    } else if tag(tags, a).is_det() || named || bare {
        a
    } else {
        a.saturating_sub(1)
    };
    // (After the sentence start, a comma, an opening conjunction ("As the agency noted"), or a
    // quotation: '"…?" the sheriff asked'.)
    let opens = start == first
        || doc.is_punct(start.saturating_sub(1), ",")
        || start == first + 1 && tag(tags, first) == Tag::SconjIn
        || doc.quote_of(start.saturating_sub(1)).is_some();
    let by = doc.tok_eq_ci(t + 1, "by");
    // (Any verb when no finite verb follows in the sentence: "…, the deal collapsed/VBN on
    // Friday"; otherwise it is a participle modifying its noun: "the deal signed on Friday
    // collapsed".)
    // (A cue closing the sentence does not count: "The operator raised/VBN fares, its chief
    // executive said.")
    // (Up to a comma before a participle: a verb after it is another clause's, "…, ruling that
    // the council had …".)
    let participle_after = |u: usize| doc.is_punct(u, ",") && tag(tags, u + 1) == Tag::VerbVbg;
    let later = (t + 1..doc.tokens.len())
        .take(60)
        .take_while(|&u| !doc.is_punct(u, ".") && !participle_after(u))
        .find(|&u| tag(tags, u).is_finite());
    // (Nor does a verb coordinated with this one: "Giles left/VBN in May and said …".)
    let last = later.is_none_or(|u| {
        speech_at(doc, tags, u) && doc.is_punct(u + 1, ".") || tag(tags, u - 1).is_cconj()
    });
    if (speech || last) && determined && opens && !by {
        set(tags, t, Tag::VerbVbd);
    }
}

/// Whether token `t` is a speech verb the tagger read as a verb (any form).
fn speech_at(doc: &Doc<'_>, tags: &[Tag], t: usize) -> bool {
    tag(tags, t).is_verb()
        && doc.has(t, TokClass::VERB)
        && doc.word_tags(t).any(|x| {
            matches!(x, crate::grammar::Tag::Verb(v) if v.kind == crate::grammar::VerbKind::Speech)
        })
}

/// Re-reads a past tense at `t` as a participle modifying the noun before it when only a
/// prepositional phrase stands between it and a finite verb ("fishermen interviewed for this
/// article described …").
fn reduced_relative(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if tag(tags, t) != Tag::VerbVbd
        || !tag(tags, t.wrapping_sub(1)).is_noun()
        || !tag(tags, t + 1).is_adp()
    {
        return;
    }
    // (A speech verb too after an indefinite apposition's noun that no speaker's noun of the
    // lexicon names: "…, a provision added in February at the urging of …" sums up the
    // clause; not "As the paper reported, the deal collapsed on Friday".)
    let indefinite = |d: usize| {
        doc.word_tags(d)
            .any(|x| matches!(x, crate::grammar::Tag::Func(f) if f.article && !f.definite))
    };
    let speakerless = t >= 3
        && indefinite(t - 2)
        && !doc.has(t - 1, TokClass::NOUN | TokClass::TITLE)
        && !tag(tags, t - 1).is_proper()
        && !doc.is_cap(t - 1)
        && doc.is_punct(t - 3, ",");
    if speakerless {
        set(tags, t, Tag::VerbVbn);
        return;
    }
    if speech_at(doc, tags, t) {
        return;
    }
    let filler = |g: Tag| NOMINAL.or(TagSet::ADP).has(g);
    let mut u = t + 1;
    while u < t + 9
        && u < doc.tokens.len()
        && (filler(tag(tags, u)) || tag(tags, u) == Tag::PronPrpS)
    {
        u += 1;
    }
    // (Or a participle's aside between commas before it: "An employee involved in the trial,
    // speaking on condition of anonymity, said …".)
    if doc.is_punct(u, ",") && tag(tags, u + 1) == Tag::VerbVbg && tag(tags, u - 1).is_noun() {
        let close = (u + 2..doc.tokens.len())
            .take(24)
            .find(|&w| doc.is_punct(w, ",") || doc.is_punct(w, "."));
        if let Some(c) = close.filter(|&c| doc.is_punct(c, ",") && tag(tags, c + 1).is_finite()) {
            u = c + 1;
        }
    }
    // (Or the comma closing an apposition it ends: "Lee, a group allied with the mayor,
    // said …".)
    if doc.is_punct(u, ",") && tag(tags, u + 1).is_finite() && in_apposition(doc, tags, t - 1) {
        u += 1;
    }
    if tag(tags, u).is_finite() && (tag(tags, u - 1).is_noun() || doc.is_punct(u - 1, ",")) {
        set(tags, t, Tag::VerbVbn);
    }
}

/// Whether the noun at `t` heads a determined noun phrase set off by a comma after another
/// noun: an apposition (", a group", ", the city's largest union").
fn in_apposition(doc: &Doc<'_>, tags: &[Tag], t: usize) -> bool {
    let modifier = TagSet::NOUN
        .or(TagSet::ADJ)
        .or(TagSet::ADV)
        .with(Tag::NumCd);
    let d = modifiers_start(tags, t, modifier, 6);
    d >= 2 && tag(tags, d).is_det() && doc.is_punct(d - 1, ",") && tag(tags, d - 2).is_noun()
}

/// Re-reads a capitalised given name at `t` (`first-names.txt`) as a proper noun when the
/// tagger read it as something else before a proper noun ("Per/IN Lindqvist", "Will/MD
/// Tennant").
fn given_name(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let g = tag(tags, t);
    // (A proper noun is a noun.)
    if g.is_noun() || !doc.is_cap(t) || !tag(tags, t + 1).is_proper() {
        return;
    }
    if doc.has(t, crate::grammar::TokClass::FIRST_NAME) {
        set(tags, t, Tag::PropnNnp);
    }
}

/// Re-reads a capitalised determiner between two proper nouns as a particle of the name
/// ("Aroha Te/DT Rangi-Whatu", "Vila De/DT Rei"): no determiner is capitalised inside a name.
fn name_particle(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if tag(tags, t) != Tag::DetDt || !doc.is_cap(t) || !tag(tags, t + 1).is_proper() {
        return;
    }
    if t.checked_sub(1).is_some_and(|u| tag(tags, u).is_proper()) {
        set(tags, t, Tag::PropnNnp);
    }
}

/// Re-reads "there" at `t` as the existential pronoun when the tagger read it as an adverb
/// before a form of "be", a modal or "seem" (across adverbs), after a clause boundary or a
/// speech verb ("said there certainly was more room", "there will be a vote").
fn existential_there(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if !tag(tags, t).is_adv() || !doc.tok_text(t).eq_ignore_ascii_case("there") {
        return;
    }
    let mut n = t + 1;
    while n < t + 4 && tag(tags, n).is_adv() {
        n += 1;
    }
    let verb = doc.tok_text(n).to_ascii_lowercase();
    let be = tag(tags, n).is_aux() && tag(tags, n).is_finite()
        || matches!(
            verb.as_str(),
            "seem" | "seems" | "seemed" | "appear" | "appears" | "appeared" | "remain" | "remains"
        );
    let p = tag(tags, t.wrapping_sub(1));
    let boundary = t == 0
        || p.is_punct()
        || p.is_cconj()
        || p.is_sconj()
        || p.is_adv()
        || p.is_quote()
        || doc.tok_text(t - 1).eq_ignore_ascii_case("that")
        || speech_at(doc, tags, t - 1);
    if be && boundary {
        set(tags, t, Tag::PronEx);
    }
}

/// Re-reads a capitalised adjective at `t` as a proper noun when a finite verb follows it and
/// it opens its clause: the sentence start or a comma ("A self-taught investor, Cuban/JJ said
/// …"). A subject is a noun; a nationality adjective before a verb stands for a name.
fn name_read_as_adjective(doc: &Doc<'_>, tags: &mut [Tag], t: usize, first: usize) {
    let g = tag(tags, t);
    if !g.is_adj() || !doc.is_cap(t) || !tag(tags, t + 1).is_finite() {
        return;
    }
    let opens = t == first || doc.is_punct(t - 1, ",");
    if opens && speech_at(doc, tags, t + 1) {
        set(tags, t, Tag::PropnNnp);
    }
}

/// Re-reads a regular past form at `t` that the tagger read as a noun closing a subject noun
/// phrase as the past tense, when no finite verb precedes it in the sentence and "and" or
/// "but" and a finite verb follow ("The court overruled/NN and said …").
fn past_read_as_noun(doc: &Doc<'_>, tags: &mut [Tag], t: usize, first: usize) {
    if tag(tags, t) != Tag::NounNn || !tag(tags, t - 1).is_noun() {
        return;
    }
    let w = doc.tok_bytes(t);
    let ed = w.len() > 5 && w.get(w.len() - 2..).is_some_and(|x| x == b"ed");
    if !ed {
        return;
    }
    let joined = tag(tags, t + 1).is_cconj() && tag(tags, t + 2).is_finite();
    let earlier = (first..t).any(|u| tag(tags, u).is_finite());
    if joined && !earlier {
        set(tags, t, Tag::VerbVbd);
    }
}

/// Re-reads the base form of a speech verb that the tagger read as a noun, after the noun of a
/// subject with no finite verb yet and before "that" or a clause, as the present tense
/// ("Critics of the plan argue/NN that …"): no noun of the lexicon, and no noun before "that"
/// in news.
fn speech_verb_read_as_noun(doc: &Doc<'_>, tags: &mut [Tag], t: usize, first: usize) {
    if tag(tags, t) != Tag::NounNn || t <= first || !tag(tags, t - 1).is_noun() {
        return;
    }
    let base = doc.word_tags(t).any(
        |x| matches!(x, crate::grammar::Tag::Verb(v) if v.form == crate::grammar::VerbForm::Base),
    );
    // (Nor a noun cue, nor after a possessive: "the mayor's claim that …".)
    let noun = doc.word_tags(t).any(|x| {
        matches!(
            x,
            crate::grammar::Tag::Noun(_) | crate::grammar::Tag::Cue(_)
        )
    }) || doc.is_possessive(t - 1);
    let earlier = (first..t).any(|u| tag(tags, u).is_finite());
    // (Or before a clause without "that": a determiner or pronoun opening its subject, and its
    // finite verb a few words on: "Members of the choir concede/NN the concert ran long".)
    let opens = tag(tags, t + 1).is_det() || tag(tags, t + 1) == Tag::PronPrp;
    let clause = opens && (t + 2..t + 7).any(|u| tag(tags, u).is_finite());
    // (Or set off by a comma before the rest of the clause it interrupts: "This week,
    // officials at the port say/NN, the board has …".)
    let aside = doc.is_punct(t + 1, ",") && (t + 3..t + 9).any(|u| tag(tags, u).is_finite());
    if base && !noun && !earlier && (doc.tok_eq_ci(t + 1, "that") || clause || aside) {
        set(tags, t, Tag::VerbVbp);
    }
}

/// Re-reads a speech or finding verb's third-person form that the tagger read as a plural noun
/// closing its sentence after a noun ("Ridership fell, a Gazette analysis of ticket reports
/// shows/NNS.") as the verb: a comma after a finite clause comes before it.
fn closing_verb_read_as_noun(doc: &Doc<'_>, tags: &mut [Tag], t: usize, first: usize) {
    use crate::grammar::{Tag as G, VerbForm};
    if tag(tags, t) != Tag::NounNns || t <= first || !tag(tags, t - 1).is_noun() {
        return;
    }
    let closes = doc.is_punct(t + 1, ".") || doc.tokens.get(t + 1).is_none();
    let third = || {
        doc.word_tags(t)
            .any(|x| matches!(x, G::Verb(v) if v.form == VerbForm::Third))
    };
    // (Read once a sentence: only its last word is tested this far.)
    let clause = || {
        let comma = (first..t).rev().find(|&u| doc.is_punct(u, ","));
        comma.is_some_and(|c| (first..c).any(|u| tag(tags, u).is_finite()))
    };
    if closes && third() && clause() {
        set(tags, t, Tag::VerbVbz);
    }
}

/// Re-reads a quantity word (`type=quantity` in function-words.txt) that the tagger read as an
/// adverb, adjective or determiner right before a finite speech verb, or before a finite verb
/// after a speech verb and an adverb, as the subject noun ("Nearly half/RB said they …").
fn quantity_subject(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let g = tag(tags, t);
    let read_as_modifier = TagSet::ADV.or(TagSet::ADJ).or(TagSet::DET).has(g);
    // (Or the subject of a reported clause, after its speech verb and an adverb: "says too
    // much/JJ is made of …".)
    let reported = t >= 2 && tag(tags, t - 1).is_adv() && speech_at(doc, tags, t - 2);
    if read_as_modifier
        && doc.is_func(t, crate::grammar::FuncType::Quantity)
        && tag(tags, t + 1).is_finite()
        && (speech_at(doc, tags, t + 1) || reported)
    {
        set(tags, t, Tag::NounNn);
    }
}

/// Re-reads a sentence's first word, a capitalised past form the tagger read as a verb before a
/// title and a name, as the adjective modifying it ("Retired/VBD Gen. Tom Baker said").
fn title_modifier(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let g = tag(tags, t);
    if matches!(g, Tag::VerbVbd | Tag::VerbVbn) && doc.is_cap(t) && titles_a_name(doc, tags, t) {
        set(tags, t, Tag::AdjJj);
    }
}

/// Whether a title of the lexicon and a name follow token `t` ("… judge Ebrahim Hart").
fn titles_a_name(doc: &Doc<'_>, tags: &[Tag], t: usize) -> bool {
    doc.has(t + 1, TokClass::TITLE | TokClass::STARTS_TITLE) && tag(tags, t + 2).is_proper()
}

/// Re-reads a past form after a comma or a determiner, before a title of the lexicon and a
/// name, as the adjective it is there ("The mediator, retired/VBD judge Ebrahim Hart, said").
fn past_before_titled_name(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let g = tag(tags, t);
    let after = t > 0 && (doc.is_punct(t - 1, ",") || tag(tags, t - 1).is_det());
    // (Not a speech verb before an honorific: ", called Mr. Obama's remarks …".)
    if matches!(g, Tag::VerbVbn | Tag::VerbVbd)
        && after
        && !doc.has(t, TokClass::VERB)
        && !doc.is_cap(t + 1)
        && titles_a_name(doc, tags, t)
    {
        set(tags, t, Tag::AdjJj);
    }
}

/// Re-reads a verb form opening a title phrase of the lexicon, before its noun, as the
/// adjective it is there ("managing/VBG director Ana Ruiz said").
fn title_phrase_modifier(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    let g = tag(tags, t);
    if matches!(g, Tag::VerbVbg | Tag::VerbVbn | Tag::VerbVbd)
        && doc.has(t, TokClass::STARTS_TITLE)
        && !doc.has(t, TokClass::TITLE)
        && tag(tags, t + 1).is_noun()
    {
        set(tags, t, Tag::AdjJj);
    }
}

/// Where the noun phrase (with its prepositional tails) starting at token `from` ends, read no
/// further than `limit`: the first token that is no noun, determiner, adjective, number,
/// preposition or possessive pronoun.
fn nominal_end(tags: &[Tag], from: usize, limit: usize) -> usize {
    let nominal = |g: Tag| NOMINAL.or(TagSet::ADP).with(Tag::PronPrpS).has(g);
    let mut u = from;
    while u < limit && nominal(tag(tags, u)) {
        u += 1;
    }
    u
}

/// Re-reads an "as" opening the sentence, read as a preposition, as the subordinating
/// conjunction of an "as" clause when a noun phrase (with prepositional tails) and a verb of
/// the lexicon (`verbs.txt`) follow it and a comma closes the clause ("As another study from
/// 2011 noted, …").
fn as_opener(doc: &Doc<'_>, tags: &mut [Tag], t: usize, end: usize) {
    // (Read as the conjunction already, its verb may still be misread.)
    if !matches!(tag(tags, t), Tag::AdpIn | Tag::SconjIn)
        || !doc.tok_text(t).eq_ignore_ascii_case("as")
    {
        return;
    }
    let mut u = nominal_end(tags, t + 1, end.min(t + 10));
    // (A speech verb's third person read as a plural noun before its particle closes the noun
    // phrase: "as Whitfield points/NNS out".)
    let third = u > t + 2 && tag(tags, u - 1).is_plural() && third_person_particle(doc, u - 1);
    if third {
        u -= 1;
    }
    while !third && u < end.min(t + 12) && tag(tags, u).is_adv() {
        u += 1;
    }
    let verb = u > t + 1 && tag(tags, u).is_verb() && doc.has(u, TokClass::VERB) || third;
    // (A particle may close the verb: "As Oduya pointed out, …".)
    let particle = usize::from(tag(tags, u + 1) == Tag::AdpRp || third);
    let closed = doc.is_punct(u + 1 + particle, ",")
        || (u + 2..end.min(u + 6)).any(|k| doc.is_punct(k, ",") && tag(tags, k - 1).is_noun());
    if verb && closed {
        set(tags, t, Tag::SconjIn);
        if third {
            set(tags, u, Tag::VerbVbz);
            set(tags, u + 1, Tag::AdpRp);
        }
        // (With no auxiliary, a participle there is the past tense: "As a survey found/VBN".)
        if tag(tags, u) == Tag::VerbVbn {
            set(tags, u, Tag::VerbVbd);
        }
    }
}

/// Whether token `u` is a speech verb's third person followed by one of its particles or
/// "out" ("points out", "notes").
fn third_person_particle(doc: &Doc<'_>, u: usize) -> bool {
    use crate::grammar::{Tag as G, VerbForm};
    let next = doc.tok_text(u + 1);
    doc.word_tags(u).any(|x| {
        matches!(x, G::Verb(v) if v.form == VerbForm::Third
            && (next.eq_ignore_ascii_case("out")
                || v.takes_particle(next)))
    })
}

/// Re-reads a speech verb's base form right after a past form as its present tense: the verb
/// of a subject whose relative clause (in the passive) or participle ends there ("The officials
/// whose budgets were frozen say/VB …", "the officials involved say/VB …").
fn present_after_participle(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    use crate::grammar::{Tag as G, VerbForm};
    // (After a passive or a noun's participle: not "who helped/VBD write/VB the bill", nor
    // "had helped/VBN write".)
    let Some(before) = t.checked_sub(2).filter(|_| tag(tags, t) == Tag::VerbVb) else {
        return;
    };
    let be = doc
        .word_tags(before)
        .any(|x| matches!(x, G::Func(f) if f.be));
    if tag(tags, t - 1) != Tag::VerbVbn || !(be || tag(tags, before).is_noun()) {
        return;
    }
    let speech = doc.word_tags(t).any(|x| {
        matches!(x, G::Verb(v) if v.kind == crate::grammar::VerbKind::Speech
            && v.form == VerbForm::Base)
    });
    if speech {
        set(tags, t, Tag::VerbVbp);
    }
}

/// Re-reads a speech verb of the lexicon that the tagger read as an interjection inside a
/// sentence as its present tense ("the biggest hawks, like Ortiz, say/UH the bulk …").
fn verb_read_as_interjection(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    use crate::grammar::{Tag as G, VerbForm};
    if tag(tags, t) != Tag::IntjUh {
        return;
    }
    let form = doc.word_tags(t).find_map(|x| match x {
        G::Verb(v) if v.kind == crate::grammar::VerbKind::Speech => Some(v.form),
        _ => None,
    });
    match form {
        Some(VerbForm::Base) => set(tags, t, Tag::VerbVbp),
        Some(VerbForm::Third) => set(tags, t, Tag::VerbVbz),
        _ => {}
    }
}

/// Re-reads a gerund opening the sentence as an adjective when a plural noun and a finite
/// verb follow it ("Leading/VBG Democrats say …", "Striking workers said …").
fn opening_gerund_modifier(tags: &mut [Tag], t: usize) {
    let noun = tag(tags, t + 1);
    if tag(tags, t) == Tag::VerbVbg && noun.is_plural() && tag(tags, t + 2).is_finite() {
        set(tags, t, Tag::AdjJj);
    }
}

/// Re-reads a connective the lexicon knows as one (`type=connective`: "after", "before",
/// "since", "until") read as a preposition as the subordinating conjunction of an adverbial
/// clause when a noun phrase (with prepositional tails) and a finite verb follow ("Ortiz, after
/// the scandal about her email broke/VBD in March, said …", "gained ground after a gaffe by X
/// suggested …").
fn connective_opener(doc: &Doc<'_>, tags: &mut [Tag], t: usize, end: usize) {
    if tag(tags, t) != Tag::AdpIn
        || !doc.is_func(t, crate::grammar::FuncType::Connective)
        || doc.tok_text(t).eq_ignore_ascii_case("as")
    {
        return;
    }
    let u = nominal_end(tags, t + 1, end.min(t + 12));
    let subject = u > t + 1 && tag(tags, u - 1).is_noun();
    // ("after first saying she would …": a gerund clause, across adverbs.)
    let mut g = t + 1;
    while g < end.min(t + 3) && tag(tags, g).is_adv() {
        g += 1;
    }
    let gerund = tag(tags, g) == Tag::VerbVbg && doc.tok_text(t).len() > 2;
    if subject && tag(tags, u).is_finite() || gerund && doc.is_punct(t - 1, ",") {
        set(tags, t, Tag::SconjIn);
    }
}

/// Re-reads a capitalised gerund opening the sentence before a proper noun as part of the name
/// ("Playing/VBG Field Promotions, a talent agency, says …"), and a present-tense form right
/// after an opening "And" or "But" before a preposition as a plural noun ("And aides/VBZ to
/// the governor said …").
fn opening_name_gerund(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if tag(tags, t) == Tag::VerbVbg && doc.is_cap(t) && tag(tags, t + 1).is_proper() {
        set(tags, t, Tag::PropnNnp);
    }
    // "Halsted/VBN continued", "Fielding/VBG told/VBN KQRT": a capitalised "-ed" or "-ing"
    // word opening the sentence right before a speech verb of the lexicon is a name, and the
    // verb its past tense.
    let next = tag(tags, t + 1);
    let g = tag(tags, t);
    // (The tagger may call it an auxiliary: "Rowling/AUX-VBG said".)
    if TagSet::PARTICIPLE
        .or(TagSet::of(&[Tag::VerbVbd, Tag::AuxVbd]))
        .has(g)
        && doc.is_cap(t)
        && !doc.has(t, crate::grammar::TokClass::VERB)
        && doc.has(t + 1, crate::grammar::TokClass::VERB)
        && matches!(next, Tag::VerbVbd | Tag::VerbVbn | Tag::VerbVbz)
    {
        set(tags, t, Tag::PropnNnp);
        if next == Tag::VerbVbn {
            set(tags, t + 1, Tag::VerbVbd);
        }
    }
    let s = t + 1;
    if tag(tags, t).is_cconj()
        && tag(tags, s) == Tag::VerbVbz
        && !doc.is_cap(s)
        && tag(tags, s + 1).is_adp()
        && doc.tok_text(s).ends_with('s')
    {
        set(tags, s, Tag::NounNns);
    }
}

/// Re-reads a capitalised modal at `t` right before a past tense as a name ("Will/MD wrote"):
/// no modal takes a past tense.
fn modal_name(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if tag(tags, t) == Tag::AuxMd && doc.is_cap(t) && tag(tags, t + 1) == Tag::VerbVbd {
        set(tags, t, Tag::PropnNnp);
    }
}

/// Re-reads a present-tense "-s" form right after a possessive as the owned plural noun when a
/// verb follows ("Ortiz's aides/VBZ say …"; a base form there is the present tense).
fn owned_noun(doc: &Doc<'_>, tags: &mut [Tag], t: usize) {
    if tag(tags, t) != Tag::VerbVbz {
        return;
    }
    let w = doc.tok_bytes(t - 1);
    let possessive = tag(tags, t - 1) == Tag::PronPrpS
        || (w.ends_with(b"'s") || w.ends_with("\u{2019}s".as_bytes()))
            && tag(tags, t - 1).is_noun();
    let verb = tag(tags, t + 1);
    if possessive && (verb.is_finite() || verb == Tag::VerbVb) {
        set(tags, t, Tag::NounNns);
        // (The verb after the noun is then its present tense: "aides say/VB".)
        if verb == Tag::VerbVb {
            set(tags, t + 1, Tag::VerbVbp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Doc;
    use crate::Grammar;

    /// The rule `f` applied to `text` with the tags the tagger gave, but those of `set`
    /// (token, tag) in their place: the misreadings the rule mends.
    fn mended(text: &str, set: &[(usize, Tag)], f: impl Fn(&Doc<'_>, &mut [Tag])) -> Vec<Tag> {
        let d = Doc::new(text, Grammar::builtin());
        let mut tags = d.tags.clone();
        for &(t, g) in set {
            tags[t] = g;
        }
        f(&d, &mut tags);
        tags
    }

    #[test]
    fn a_speech_verb_read_as_a_noun_before_a_clause_without_that() {
        let text = "Members of the choir concede the concert ran long.";
        let tags = mended(text, &[(4, Tag::NounNn)], |d, g| {
            speech_verb_read_as_noun(d, g, 4, 0)
        });
        assert_eq!(tags[4], Tag::VerbVbp);
        // No finite verb after it: a noun phrase, not a clause.
        let text = "Members of the choir concede the last concert.";
        let tags = mended(text, &[(4, Tag::NounNn)], |d, g| {
            speech_verb_read_as_noun(d, g, 4, 0)
        });
        assert_eq!(tags[4], Tag::NounNn);
    }

    #[test]
    fn a_speech_participle_after_the_opening_subject_before_its_clause_is_a_past() {
        let text = "Two gazettes reported on Sunday the ferry deal had collapsed.";
        let tags = mended(text, &[(2, Tag::VerbVbn)], |d, g| {
            opening_subject_speech(d, g, 2, 0)
        });
        assert_eq!(tags[2], Tag::VerbVbd);
        // A participle modifying the subject: the sentence's verb follows its phrase.
        let text = "Figures reported on Sunday showed the ferry deal had collapsed.";
        let tags = mended(text, &[(1, Tag::VerbVbn)], |d, g| {
            opening_subject_speech(d, g, 1, 0)
        });
        assert_eq!(tags[1], Tag::VerbVbn);
    }

    #[test]
    fn a_preposition_in_ing_after_a_speech_verb_opens_its_tail() {
        let text = "The surveyor said following the harbour vote that the pier would close.";
        let tags = mended(text, &[(3, Tag::VerbVbg)], |d, g| {
            gerund_preposition(d, g, 3)
        });
        assert_eq!(tags[3], Tag::AdpIn);
        // Not a verb's own gerund ("said leaving the harbour was hard").
        let text = "The surveyor said leaving the harbour was hard.";
        let tags = mended(text, &[(3, Tag::VerbVbg)], |d, g| {
            gerund_preposition(d, g, 3)
        });
        assert_eq!(tags[3], Tag::VerbVbg);
    }

    #[test]
    fn a_subject_between_a_speech_verb_and_its_quoted_predicate_is_a_noun() {
        let text = "Amadi says ferries \"are a mess\" this year.";
        let tags = mended(text, &[(2, Tag::VerbVbz)], |d, g| {
            subject_before_quoted_predicate(d, g, 2)
        });
        assert_eq!(tags[2], Tag::NounNns);
        // Not before a quotation that opens a sentence of its own.
        let text = "Amadi says ferries \"Are a mess\" this year.";
        let tags = mended(text, &[(2, Tag::VerbVbz)], |d, g| {
            subject_before_quoted_predicate(d, g, 2)
        });
        assert_eq!(tags[2], Tag::VerbVbz);
    }

    #[test]
    fn have_before_a_participle_is_the_perfect_s_auxiliary() {
        let text = "Surveyors have long warned that the dyke would breach.";
        let tags = mended(text, &[(1, Tag::VerbVbp)], |d, g| {
            perfect_auxiliary(d, g, 1)
        });
        assert_eq!(tags[1], Tag::AuxVbp);
        let text = "The ferry has twice sailed late.";
        let tags = mended(text, &[(2, Tag::VerbVbz)], |d, g| {
            perfect_auxiliary(d, g, 2)
        });
        assert_eq!(tags[2], Tag::AuxVbz);
        // Not before an object ("have long odds"), nor for a verb of the lexicon that is no
        // auxiliary.
        let text = "Surveyors have long odds of finishing.";
        let tags = mended(text, &[(1, Tag::VerbVbp)], |d, g| {
            perfect_auxiliary(d, g, 1)
        });
        assert_eq!(tags[1], Tag::VerbVbp);
        let text = "Surveyors keep warned boats away.";
        let tags = mended(text, &[(1, Tag::VerbVbp), (2, Tag::VerbVbn)], |d, g| {
            perfect_auxiliary(d, g, 1)
        });
        assert_eq!(tags[1], Tag::VerbVbp);
    }

    #[test]
    fn that_after_a_speech_verb_s_prepositional_phrase_opens_its_clause() {
        let text = "Her cousin said outside the depot that waiting had been the worst part.";
        let d = Doc::new(text, Grammar::builtin());
        assert_eq!(d.tok_text(6), "that");
        assert_eq!(d.tags[6], Tag::SconjIn);
        let tags = mended(text, &[(6, Tag::PronWdt)], |_, g| {
            relative_read_as_complementizer(g, 6)
        });
        assert_eq!(tags[6], Tag::SconjIn);
        // A verb right after it: a relative clause on the phrase's noun.
        let text = "Her cousin said outside the depot that stands by the pier.";
        let tags = mended(text, &[(6, Tag::PronWdt), (7, Tag::VerbVbz)], |_, g| {
            relative_read_as_complementizer(g, 6)
        });
        assert_eq!(tags[6], Tag::PronWdt);
        // An object's relative clause stays one.
        let text = "The mayor announced a levy that the board approved.";
        let tags = mended(text, &[(5, Tag::PronWdt)], |_, g| {
            relative_read_as_complementizer(g, 5)
        });
        assert_eq!(tags[5], Tag::PronWdt);
    }

    #[test]
    fn participles_read_as_past_tenses_of_a_reported_or_opening_clause() {
        let text = "The Herald reported at least nine boats crossed the bay.";
        let tags = mended(text, &[(7, Tag::VerbVbn)], |d, g| reported_past(d, g, 7, 0));
        assert_eq!(tags[7], Tag::VerbVbd);
        // Not without an object after it ("the boats seized in May were …").
        let text = "Police said the boats seized in May were sold.";
        let tags = mended(text, &[(4, Tag::VerbVbn)], |d, g| reported_past(d, g, 4, 0));
        assert_eq!(tags[4], Tag::VerbVbn);
        let text = "Over those winters, the clerk said, the fees paid for repairs.";
        let tags = mended(text, &[(10, Tag::VerbVbn)], |d, g| {
            parenthetical_past(d, g, 10, 14)
        });
        assert_eq!(tags[10], Tag::VerbVbd);
        // Not when a finite verb follows: the participle is its subject's.
        let text = "Over those winters, the clerk said, the fees paid for repairs rose.";
        let tags = mended(text, &[(10, Tag::VerbVbn), (13, Tag::VerbVbd)], |d, g| {
            parenthetical_past(d, g, 10, 15)
        });
        assert_eq!(tags[10], Tag::VerbVbn);
        let text = "As the march passed through town, the Herald reported it.";
        let tags = mended(text, &[(3, Tag::VerbVbn)], |d, g| {
            adverbial_past(d, g, 3, 0)
        });
        assert_eq!(tags[3], Tag::VerbVbd);
        // Not when a finite verb follows before the comma: the participle is its subject's.
        let text = "As the rules adopted in May require, the Herald reported it.";
        let tags = mended(text, &[(3, Tag::VerbVbn), (6, Tag::VerbVbp)], |d, g| {
            adverbial_past(d, g, 3, 0)
        });
        assert_eq!(tags[3], Tag::VerbVbn);
    }

    #[test]
    fn a_speech_verb_in_a_title_case_headline() {
        let text = "Hale County Says Mayor Should Win Nomination";
        let tags = mended(text, &[(2, Tag::PropnNnp)], |d, g| {
            headline_verb(d, g, 0, 7)
        });
        assert_eq!(tags[2], Tag::VerbVbz);
        // Not in a sentence of ordinary case.
        let text = "Hale County Says is the name of the new show";
        let tags = mended(text, &[(2, Tag::PropnNnp)], |d, g| {
            headline_verb(d, g, 0, 10)
        });
        assert_eq!(tags[2], Tag::PropnNnp);
    }

    #[test]
    fn a_verb_form_opening_a_title_phrase() {
        let text = "Sales fell, managing director Ines Oduya said.";
        let tags = mended(text, &[(3, Tag::VerbVbg)], |d, g| {
            title_phrase_modifier(d, g, 3)
        });
        assert_eq!(tags[3], Tag::AdjJj);
        // Not a verb that opens no title: "managing costs".
        let text = "She was managing costs for the port.";
        let tags = mended(text, &[(2, Tag::VerbVbg)], |d, g| {
            title_phrase_modifier(d, g, 2)
        });
        assert_eq!(tags[2], Tag::VerbVbg);
    }

    #[test]
    fn a_speech_verbs_base_form_after_a_passive_or_participle() {
        let text = "The clerks whose pay was frozen say the cuts went too far.";
        let tags = mended(text, &[(5, Tag::VerbVbn), (6, Tag::VerbVb)], |d, g| {
            present_after_participle(d, g, 6)
        });
        assert_eq!(tags[6], Tag::VerbVbp);
        // Not after a verb that takes a bare infinitive: "who helped write the bill".
        let text = "Dana Hale, who helped write the bill, said it would pass.";
        let tags = mended(text, &[(4, Tag::VerbVbd), (5, Tag::VerbVb)], |d, g| {
            present_after_participle(d, g, 5)
        });
        assert_eq!(tags[5], Tag::VerbVb);
    }

    #[test]
    fn a_capitalised_determiner_inside_a_name() {
        let text = "Aroha Te Rangi-Whatu, a director, said no.";
        let tags = mended(text, &[(1, Tag::DetDt)], |d, g| name_particle(d, g, 1));
        assert_eq!(tags[1], Tag::PropnNnp);
        // Not after a verb of a title-case headline: "Ruiz Takes The Lead".
        let text = "Ruiz Takes The Lead In Harbour Poll";
        let tags = mended(
            text,
            &[(1, Tag::VerbVbz), (2, Tag::DetDt), (3, Tag::PropnNnp)],
            |d, g| name_particle(d, g, 2),
        );
        assert_eq!(tags[2], Tag::DetDt);
    }

    #[test]
    fn a_gerund_after_a_determined_noun_before_a_time_word() {
        let text = "Mabe told a committee hearing last week that the fund was short.";
        let tags = mended(text, &[(4, Tag::VerbVbg)], |d, g| gerund_noun(d, g, 4));
        assert_eq!(tags[4], Tag::NounNn);
        // Not before an object: "the council keeps hearing complaints".
        let text = "The council keeps hearing complaints from tenants.";
        let tags = mended(text, &[(3, Tag::VerbVbg)], |d, g| gerund_noun(d, g, 3));
        assert_eq!(tags[3], Tag::VerbVbg);
    }

    #[test]
    fn a_past_form_opening_a_reduced_clause() {
        let text = "Asked whether he backed it, the senator paused before saying yes.";
        let tags = mended(text, &[(0, Tag::VerbVbd), (8, Tag::VerbVbn)], |d, g| {
            opening_participle(d, g, 0, 13)
        });
        assert_eq!((tags[0], tags[8]), (Tag::VerbVbn, Tag::VerbVbd));
        // A participle with a finite verb after it in its clause stays one.
        let text = "Asked about it, the senator elected in 2020 said no.";
        let tags = mended(text, &[(0, Tag::VerbVbd), (6, Tag::VerbVbn)], |d, g| {
            opening_participle(d, g, 0, 11)
        });
        assert_eq!((tags[0], tags[6]), (Tag::VerbVbn, Tag::VerbVbn));
    }

    #[test]
    fn a_name_read_as_a_verb_before_a_speech_verb() {
        let text = "Ibarra said on Tuesday he thought Voss was right.";
        let tags = mended(text, &[(0, Tag::AuxVbz), (1, Tag::VerbVbn)], |d, g| {
            name_read_as_verb(d, g, 0, 0)
        });
        assert_eq!((tags[0], tags[1]), (Tag::PropnNnp, Tag::VerbVbd));
        // Nor an auxiliary of the lexicon: "Has/VBZ said".
        let text = "Has said it before, they claim.";
        let tags = mended(text, &[(0, Tag::AuxVbz), (1, Tag::VerbVbn)], |d, g| {
            name_read_as_verb(d, g, 0, 0)
        });
        assert_eq!(tags[0], Tag::AuxVbz);
        // Not a speech verb itself: "Says/VBZ Ruiz".
        let text = "Says Ruiz: the plan is dead.";
        let tags = mended(text, &[(0, Tag::VerbVbz)], |d, g| {
            name_read_as_verb(d, g, 0, 0)
        });
        assert_eq!(tags[0], Tag::VerbVbz);
    }

    #[test]
    fn a_speakers_noun_read_as_an_adverb() {
        let text = "A longtime Velk ally, Tom Vale, said no.";
        let tags = mended(text, &[(3, Tag::AdvRb)], |d, g| {
            noun_read_as_adverb(d, g, 3)
        });
        assert_eq!(tags[3], Tag::NounNn);
    }

    #[test]
    fn a_verb_read_after_a_possessive_is_its_noun() {
        let text = "She mocked her neighbour's brave talk.";
        let tags = mended(text, &[(4, Tag::AdvRb), (5, Tag::VerbVb)], |d, g| {
            possessed_noun(d, g, 3)
        });
        assert_eq!((tags[4], tags[5]), (Tag::AdjJj, Tag::NounNn));
    }

    #[test]
    fn a_hyphenated_word_read_as_a_past_form_is_a_noun() {
        let text = "She is his partner and co-host on the show.";
        let tags = mended(text, &[(5, Tag::VerbVbd)], |d, g| hyphenated_noun(d, g, 5));
        assert_eq!(tags[5], Tag::NounNn);
        let text = "The plan was well-received by the board.";
        let tags = mended(text, &[(3, Tag::VerbVbn)], |d, g| hyphenated_noun(d, g, 3));
        assert_eq!(tags[3], Tag::VerbVbn);
    }

    #[test]
    fn a_speech_verbs_base_form_after_be_is_a_noun() {
        let text = "It is talk that never stops.";
        let tags = mended(text, &[(2, Tag::VerbVb)], |d, g| noun_after_be(d, g, 2));
        assert_eq!(tags[2], Tag::NounNn);
    }

    #[test]
    fn an_amount_read_as_its_currency_symbol_is_a_number() {
        let text = "He stole $48,000 worth of tools.";
        let tags = mended(text, &[(2, Tag::SymDollar)], |d, g| amount(d, g, 2));
        assert_eq!(tags[2], Tag::NumCd);
        let text = "He paid in $ and euros.";
        let tags = mended(text, &[(3, Tag::SymDollar)], |d, g| amount(d, g, 3));
        assert_eq!(tags[3], Tag::SymDollar);
    }

    #[test]
    fn call_signs_and_a_names_past_tense() {
        let text = "Dana Roe told radio station 4KR the plan was dead.";
        let tags = mended(text, &[(5, Tag::AdpIn)], |d, g| callsign(d, g, 5));
        assert_eq!(tags[5], Tag::PropnNnp);
        let text = "Mr Achterberg opened by saying the plan was dead.";
        let tags = mended(text, &[(2, Tag::VerbVbn)], |d, g| {
            name_then_past(d, g, 0, 10)
        });
        assert_eq!(tags[2], Tag::VerbVbd);
        // Not before a preposition alone ("Ortiz trained in Lyon" may stay as tagged).
        let text = "Dana Roe trained in Lyon for years.";
        let tags = mended(text, &[(2, Tag::VerbVbn)], |d, g| {
            name_then_past(d, g, 0, 7)
        });
        assert_eq!(tags[2], Tag::VerbVbn);
    }

    #[test]
    fn names_read_as_verbs_before_a_speech_verb() {
        let text = "Halsted told KQRT the vote failed.";
        let tags = mended(text, &[(0, Tag::VerbVbn), (1, Tag::VerbVbn)], |d, g| {
            opening_name_gerund(d, g, 0)
        });
        assert_eq!((tags[0], tags[1]), (Tag::PropnNnp, Tag::VerbVbd));
        let tags = mended(text, &[(0, Tag::AuxVbg)], |d, g| {
            opening_name_gerund(d, g, 0)
        });
        assert_eq!(tags[0], Tag::PropnNnp);
        // Not before a word that is no speech verb.
        let tags = mended("Running the city is hard.", &[(0, Tag::VerbVbg)], |d, g| {
            opening_name_gerund(d, g, 0)
        });
        assert_eq!(tags[0], Tag::VerbVbg);
    }

    #[test]
    fn a_capitalised_modal_before_a_past_tense_is_a_name() {
        let tags = mended(
            "Will wrote that the plan failed.",
            &[(0, Tag::AuxMd)],
            |d, g| modal_name(d, g, 0),
        );
        assert_eq!(tags[0], Tag::PropnNnp);
    }

    #[test]
    fn a_lexicon_plural_read_as_a_verb_is_the_noun() {
        let text = "The budget figures relied on a sale.";
        let tags = mended(text, &[(2, Tag::VerbVbz), (3, Tag::VerbVbn)], |d, g| {
            plural_noun(d, g, 2)
        });
        assert_eq!((tags[2], tags[3]), (Tag::NounNns, Tag::VerbVbd));
    }

    #[test]
    fn a_speech_participle_after_the_speakers_aside_is_a_past() {
        let text = "Ortiz, visibly annoyed, answered by waving a folder.";
        let tags = mended(text, &[(5, Tag::VerbVbn)], |d, g| {
            aside_closed_participle(d, g, 5, (0, 10))
        });
        assert_eq!(tags[5], Tag::VerbVbd);
        // Any past form before its object, with no finite verb after a later comma.
        let text =
            "Pike, a planner at the port, credited those gains to cranes, saying it was busier.";
        let tags = mended(text, &[(8, Tag::VerbVbn)], |d, g| {
            aside_closed_participle(d, g, 8, (0, 19))
        });
        assert_eq!(tags[8], Tag::VerbVbd);
        // But a participle aside before the verb stays one.
        let text = "Pike, head of the port, appointed the day before, said it was short.";
        let tags = mended(text, &[(7, Tag::VerbVbn), (12, Tag::VerbVbd)], |d, g| {
            aside_closed_participle(d, g, 7, (0, 17))
        });
        assert_eq!(tags[7], Tag::VerbVbn);
    }

    #[test]
    fn an_s_word_closing_a_place_of_proper_nouns_is_a_noun() {
        let text = "Okafor told voters at the Brandon County fairgrounds that she would win.";
        let tags = mended(text, &[(7, Tag::VerbVbz)], |d, g| place_noun(d, g, 7, 0));
        assert_eq!(tags[7], Tag::NounNns);
        // (After a word that also opens a clause, a verb: "after the Senate votes".)
        let text = "The bill stalls after the Senate votes on it.";
        let tags = mended(text, &[(6, Tag::VerbVbz)], |d, g| place_noun(d, g, 6, 0));
        assert_eq!(tags[6], Tag::VerbVbz);
    }

    #[test]
    fn an_organisation_opening_the_sentence_before_its_verb() {
        let text = "Amalgamated Harbour Workers Local 88 said the port had refused.";
        let tags = mended(text, &[(0, Tag::VerbVbn), (1, Tag::NounNn)], |d, g| {
            opening_org_name(d, g, 0, 11)
        });
        assert_eq!((tags[0], tags[1]), (Tag::PropnNnp, Tag::PropnNnp));
        // (Not before a comma: "Born Vera Halloran in 1933, she …".)
        let text = "Armed with a list, the clerk said the port had refused.";
        let tags = mended(text, &[(0, Tag::VerbVbn)], |d, g| {
            opening_org_name(d, g, 0, 12)
        });
        assert_eq!(tags[0], Tag::VerbVbn);
    }
}
