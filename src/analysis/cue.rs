//! Attribution constructions within one sentence: a cue (a speech verb, `according to`,
//! `was quoted by Y as saying`, `, adding that`), its speaker phrase, and what it attributes
//! (a reported clause, or the quotations next to it).

use nom::Parser;

use super::coref;
use super::np::{self, Np, NpKind, NpSet};
use super::toks::{phrase, tok, word, TResult, Toks};
use crate::grammar::{AnonType, CueType, FuncType, NounKind, Tag, Verb, VerbForm, VerbKind};
use crate::text::{Doc, Sentence, TokClass};

/// How an attribution was cued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A speech verb with its subject or inverted speaker.
    Verb,
    /// `was quoted (by Y) as saying`, `Y quoted X as saying`.
    QuotedAs,
    /// `, adding that`: the speaker of the clause it hangs on.
    Participle,
    /// `according to X`.
    According,
    /// `as reported by X`.
    ReportedBy,
    /// `, citing X`.
    Citing,
}

/// Where the speaker of a participle cue comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inherit {
    /// An earlier attribution of the same sentence.
    Attr(usize),
    /// The subject phrase at the sentence start.
    Subject,
}

/// One attribution found in a sentence.
#[derive(Debug, Clone)]
pub struct Attr<'a> {
    /// Cue tokens `[start, end)`.
    pub cue: (usize, usize),
    /// The cue verb, when there is one.
    pub verb: Option<&'a Verb>,
    /// How it was cued.
    pub kind: CueKind,
    /// The speaker phrase.
    pub speaker: Option<Np<'a>>,
    /// Other phrases naming the same speaker (appositives): titles, anonymity.
    pub appositives: Vec<Np<'a>>,
    /// For participle cues: whose speaker.
    pub inherit: Option<Inherit>,
    /// Reported clause tokens `[start, end)`.
    pub content: Option<(usize, usize)>,
    /// Quotations attributed directly (token indices of quote tokens).
    pub quotes: Vec<usize>,
    /// Relays named in the construction (`by Kyodo`, `told Reuters`), nearest first.
    pub chain: Vec<Np<'a>>,
    /// `expressed these sentiments`: a cue about words reported elsewhere.
    pub meta: bool,
    /// The first token of this attribution's structure (its subject, or the comma before it).
    pub left: usize,
    /// Whether the speaker was named after the cue (`said X`).
    pub inverted: bool,
    /// Venue phrase (`in a press briefing`).
    pub venue: Option<(usize, usize)>,
    /// The attribution whose speaker relayed these words (`X said that Y had said …`).
    pub relayed_by: Option<usize>,
}

impl<'a> Attr<'a> {
    fn new(cue: (usize, usize), kind: CueKind, verb: Option<&'a Verb>) -> Self {
        Attr {
            cue,
            verb,
            kind,
            speaker: None,
            appositives: Vec::new(),
            inherit: None,
            content: None,
            quotes: Vec::new(),
            chain: Vec::new(),
            meta: false,
            left: cue.0,
            inverted: false,
            venue: None,
            relayed_by: None,
        }
    }
}

fn verb_at<'a>(doc: &Doc<'a>, t: usize) -> Option<&'a Verb> {
    if !doc.has(t, TokClass::VERB) {
        return None;
    }
    doc.word_tags(t).find_map(|x| match x {
        Tag::Verb(v) => Some(v),
        _ => None,
    })
}

fn is_adverbish(doc: &Doc<'_>, t: usize) -> bool {
    doc.is_func(t, FuncType::Adverb)
        || doc.is_func(t, FuncType::Auxiliary)
        || doc.is_func(t, FuncType::Negation)
}

/// `"as" verb-ing`, e.g. `as saying`: returns the verb token.
fn as_saying<'d, 'a>(i: Toks<'d, 'a>) -> TResult<'d, 'a, usize> {
    let (r, _) = word("as")(i)?;
    tok(|d, t| verb_at(d, t).is_some_and(|v| v.form == VerbForm::Ing))(r)
}

/// The input past a short time phrase (`on Monday`, `last year`, `in 2019`; at most four
/// words), or as it is.
fn skip_time<'d, 'a>(i: Toks<'d, 'a>) -> Toks<'d, 'a> {
    let doc = i.doc;
    let timeish = |t: usize| {
        is_time_word(doc, t)
            || is_time_unit(doc, t)
            || lower_is(doc.tok_text(t), &["on", "in"])
            || doc.tok_text(t).bytes().all(|b| b.is_ascii_digit())
    };
    let mut r = i;
    while let Some(t) = r
        .first()
        .filter(|&t| t < i.start + 4 && doc.is_word(t) && timeish(t))
    {
        r = r.at(t + 1);
    }
    // Only a phrase that ends where the construction goes on.
    if r.first()
        .is_some_and(|t| doc.tok_text(t) == "as" || doc.tok_text(t) == "by")
    {
        r
    } else {
        i
    }
}

/// `"by" np` (the agent of a passive).
fn by_agent<'d, 'a>(i: Toks<'d, 'a>) -> TResult<'d, 'a, Np<'a>> {
    let (r, _) = word("by")(i)?;
    match r.first().and_then(|t| np::parse_forward(i.doc, t, i.end)) {
        Some(n) => Ok((r.at(n.end), n)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        ))),
    }
}

/// A tail after a cue that is not a reported clause: prepositional phrases, times, venues,
/// adverbs (`on Sunday`, `in a statement`, `after the match`, `with great sorrow`).
fn is_tail(doc: &Doc<'_>, from: usize, to: usize) -> bool {
    if from >= to {
        return true;
    }
    // Tails are short; a long run is a clause.
    if to - from > 24 {
        return false;
    }
    let first_ok = doc.is_func(from, FuncType::Preposition)
        || doc.is_func(from, FuncType::Adverb)
        || doc.is_func(from, FuncType::Connective)
            && lower_is(
                doc.tok_text(from),
                &["after", "before", "during", "while", "as"],
            )
        || phrase(|t: &Tag| matches!(t, Tag::Cue(CueType::Venue)).then_some(()))(Toks::new(
            doc, from, to,
        ))
        .is_ok()
        || is_time_word(doc, from);
    // A relative clause after a noun describes it: "in a memo that was later posted".
    let relative = |t: usize| {
        doc.is_word(t - 1)
            && (np::is_relative(doc, t)
                || (doc.is_func(t, FuncType::Complementizer)
                    && (doc.is_func(t + 1, FuncType::Auxiliary)
                        || doc.is_func(t + 1, FuncType::Modal))))
    };
    if !first_ok {
        return false;
    }
    let to = (from + 2..to).find(|&t| relative(t)).unwrap_or(to);
    (from..to).all(|t| {
        !doc.is_func(t, FuncType::Complementizer)
            && !doc.is_func(t, FuncType::Modal)
            && !(doc.is_func(t, FuncType::Auxiliary) && t > from)
            // (A work's title may be in it: "on the "Metal Detector" podcast".)
            && doc.quote_of(t).is_none_or(|q| quoted_title(doc, t, q))
    })
}

/// Whether `w` lower-cased (ASCII) is one of `words` (lower case), without allocating.
fn lower_is(w: &str, words: &[&str]) -> bool {
    words.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// Whether `w` lower-cased (ASCII) ends with `suffix` (lower case), without allocating.
fn ends_with_lower(w: &str, suffix: &str) -> bool {
    w.len() >= suffix.len()
        && w.as_bytes()
            .get(w.len() - suffix.len()..)
            .is_some_and(|t| t.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// Where the lead-in phrase ending with token `p` ("went on to", `type=lead-in` in
/// cue-phrases.txt) starts, if one does.
fn lead_in_start(doc: &Doc<'_>, p: usize) -> Option<usize> {
    let end = doc.tokens.get(p)?.span.end;
    (p.saturating_sub(4)..=p).find(|&a| {
        doc.has(a, TokClass::STARTS_CUE)
            && doc.tok_hits(a).iter().any(|h| {
                h.end == end
                    && doc
                        .grammar
                        .tag(h.pattern)
                        .iter()
                        .any(|x| matches!(x, Tag::Cue(CueType::LeadIn)))
            })
    })
}

/// Whether the quotation `q` at token `t` is the title of a work ([`super::is_title`]).
fn quoted_title(doc: &Doc<'_>, t: usize, q: usize) -> bool {
    doc.quotes
        .get(q)
        .is_some_and(|x| super::is_title(doc, t, x.content.of(doc.text)))
}

/// Whether token `t` names when (`Monday`, `afterwards`, `earlier`; `type=time` or `time=yes` in
/// function-words.txt).
fn is_time_word(doc: &Doc<'_>, t: usize) -> bool {
    doc.is_func(t, FuncType::Time)
}

/// Whether token `t` is a unit of time (`week`, `morning`; `type=time-unit`).
fn is_time_unit(doc: &Doc<'_>, t: usize) -> bool {
    doc.is_func(t, FuncType::TimeUnit)
}

/// How far the constructions look for a comma; beyond it a clause counts as running to `end`,
/// which keeps work per cue constant in sentences without punctuation.
const COMMA_WINDOW: usize = 64;

/// The next comma at or after `from`, before `end` (looking at most [`COMMA_WINDOW`] tokens).
fn next_comma(doc: &Doc<'_>, from: usize, end: usize) -> usize {
    (from..end.min(from + COMMA_WINDOW))
        .find(|&t| doc.is_punct(t, ",") || doc.is_punct(t, ";"))
        .unwrap_or(end)
}

/// Finds every attribution in sentence `s`.
pub fn attributions<'a>(doc: &Doc<'a>, s: Sentence) -> Vec<Attr<'a>> {
    let mut out = Vec::new();
    attributions_into(doc, s, &mut out);
    out
}

/// [`attributions`] into `out` (cleared first), a buffer the caller keeps from sentence to
/// sentence.
pub fn attributions_into<'a>(doc: &Doc<'a>, s: Sentence, out: &mut Vec<Attr<'a>>) {
    out.clear();
    let (lo, hi) = (s.start, s.end);
    // "In an interview with Radio X, …": a relay named before any cue.
    let mut early_chain: Vec<Np<'a>> = Vec::new();
    // The first reported clause (clauses run to the sentence end until cut): a cue inside it is
    // part of what was reported.
    let mut first_content: Option<(usize, usize)> = None;
    let mut t = lo;
    while t < hi {
        let here = Toks::new(doc, t, hi);
        // Multi-word cue phrases.
        if doc.has(t, TokClass::STARTS_CUE) {
            if let Ok((_, (ps, pe, ct))) = phrase(|x: &Tag| match x {
                Tag::Cue(c) => Some(*c),
                _ => None,
            })(here)
            {
                match ct {
                    CueType::According | CueType::ReportedBy | CueType::Citing => {
                        if let Some(a) = phrase_cue(doc, s, ps, pe + 1, ct, out) {
                            if first_content.is_none() && a.content.is_some_and(|(cs, _)| cs > ps) {
                                first_content = a.content;
                            }
                            out.push(a);
                        }
                        t = pe + 1;
                        continue;
                    }
                    CueType::Venue => {
                        if out.is_empty() && doc.tok_text(pe).eq_ignore_ascii_case("with") {
                            if let Some(n) = np::parse_forward(doc, pe + 1, hi).filter(|n| n.outlet)
                            {
                                early_chain.push(n);
                            }
                        }
                        if let Some(a) = out.last_mut() {
                            if a.venue.is_none() && ps >= a.cue.1 {
                                a.venue = Some((ps, pe + 1));
                                // "in an interview with Radio X": the outlet relays.
                                if doc.tok_text(pe).eq_ignore_ascii_case("with") {
                                    if let Some(n) = np::parse_forward(doc, pe + 1, hi) {
                                        if n.outlet {
                                            a.chain.push(n);
                                        }
                                    }
                                }
                            }
                        }
                        t = pe + 1;
                        continue;
                    }
                    // Read where its verb is ("went on to say").
                    CueType::LeadIn => {}
                }
            }
        }
        let Some(v) = verb_at(doc, t) else {
            t += 1;
            continue;
        };
        // A plural-looking form before an auxiliary or modal is a noun, the subject: "charges
        // were expected", "claims have been made".
        if matches!(v.form, VerbForm::Third | VerbForm::Base)
            && (doc.is_func(t + 1, FuncType::Auxiliary) || doc.is_func(t + 1, FuncType::Modal))
            && !doc.is_cap(t + 1)
            && doc.tok_text(t).ends_with('s')
        {
            t += 1;
            continue;
        }
        // A capitalised base form inside a sentence is a noun or a name: "Secretary of State
        // Marco Rubio", "the Washington Post".
        if v.form == VerbForm::Base
            && doc.is_cap(t)
            && !doc.starts_sentence(t)
            && doc.quote_of(t.wrapping_sub(1)).is_none()
        {
            t += 1;
            continue;
        }
        // Part of an anonymity descriptor: "people briefed on the talks".
        if doc.has(t, TokClass::STARTS_ANON)
            && phrase(|x: &Tag| matches!(x, Tag::Anon(_)).then_some(()))(Toks::new(doc, t, hi))
                .is_ok()
        {
            t += 1;
            continue;
        }
        // Not a finite cue: "to say", "will say", "the report", "a statement". A quantifier
        // that stands alone as a noun ("Many say", "Several said") is a subject, not a
        // determiner, before a plural verb form.
        let prev = t.checked_sub(1).filter(|&p| p >= lo);
        // "Another said …", opening its sentence: one of a group just named.
        let quantifier_subject = |p: usize| {
            (doc.has(p, TokClass::NOUN) && matches!(v.form, VerbForm::Base | VerbForm::Past))
                || (p == lo && v.form == VerbForm::Past && np::is_func_flagged(doc, p, |f| f.alone))
        };
        // A capitalised possessive is a company's own name before "said", "says" or "told":
        // "Harlan's said", "store chain McBride's says" (not "Harlan's stated aim").
        let store_name = |p: usize| doc.is_cap(p) && is_store_cue(v);
        // "the public comment period": a base form after a determiner and a word that is no
        // plural noun has no subject it agrees with, so it is a noun ("the officials say" is
        // a verb).
        let plural_noun = |p: usize| {
            coref::looks_plural(doc.tok_text(p))
                || doc
                    .word_tags(p)
                    .any(|x| matches!(x, Tag::Noun(n) if n.plural))
        };
        // Not before a function word opening a clause ("Musicians who played the club say its
        // closing …").
        let noun_compound = |p: usize| {
            v.form == VerbForm::Base
                && p > lo
                && doc.is_word(p)
                && !doc.is_cap(p)
                && doc.is_func(p - 1, FuncType::Determiner)
                && doc.is_word(t + 1)
                && !doc.is_cap(t + 1)
                && !doc.has(t + 1, TokClass::FUNC | TokClass::PRONOUN)
                && !plural_noun(p)
                // (Not the object of "of" after a plural, the base form's subject: "Supporters of
                // the plan say …"; "during the public comment period" stays a compound.)
                && !(p > lo + 2 && doc.tok_text(p - 2) == "of" && plural_noun(p - 3))
        };
        if prev.is_some_and(|p| {
            (doc.tok_text(p).eq_ignore_ascii_case("to") && lead_in_start(doc, p).is_none())
                || doc.is_func(p, FuncType::Modal)
                // "state Sen. Rick Alvarez", "state media": a base form the lexicon marks as
                // a modifier, before a title or a noun.
                || (v.modifier && v.form == VerbForm::Base && doc.has(t + 1, TokClass::STARTS_TITLE | TokClass::STARTS_NOUN))
                // "has not said whether", "did not say", "never said": no claim.
                || doc.is_func(p, FuncType::Negation)
                || doc.tok_text(p).ends_with("n't")
                || doc.tok_text(p).ends_with("n\u{2019}t")
                || (doc.is_func(p, FuncType::Determiner) && !quantifier_subject(p))
                || doc.is_func(p, FuncType::Demonstrative)
                || noun_compound(p)
                || ((doc.tok_text(p).ends_with("'s") || doc.tok_text(p).ends_with("\u{2019}s")) && !store_name(p))
        }) {
            t += 1;
            continue;
        }
        // "quoted ... as saying".
        if matches!(v.lemma.as_str(), "quote" | "cite") && v.form != VerbForm::Ing {
            if let Some((a, next)) = quoted_as(doc, s, t, v, out) {
                out.push(a);
                t = next;
                continue;
            }
        }
        // A passive is hearsay, not an attribution: "is said to be exploring", "was told".
        if v.form == VerbForm::Past && prev.is_some_and(|p| np::is_func_flagged(doc, p, |f| f.be)) {
            t += 1;
            continue;
        }
        if v.form == VerbForm::Ing {
            // ", adding that": a new claim by the same speaker; "issued a statement saying":
            // the claim of the statement's issuer, the subject.
            let document = prev.is_some_and(|p| {
                doc.word_tags(p)
                    .any(|x| matches!(x, Tag::Noun(n) if n.kind == NounKind::Document))
            });
            if v.split
                && (document || prev.is_some_and(|p| doc.is_punct(p, ",")))
                && v.kind != VerbKind::Manner
            {
                let mut a = Attr::new((t, t + 1), CueKind::Participle, Some(v));
                a.left = t - 1;
                a.inherit = Some(
                    match out
                        .iter()
                        .rposition(|x| x.speaker.is_some() || x.inherit.is_some())
                    {
                        Some(k) => Inherit::Attr(k),
                        None => Inherit::Subject,
                    },
                );
                complement(doc, s, t + 1, &mut a);
                if a.content.is_some() || !a.quotes.is_empty() {
                    out.push(a);
                }
            }
            t += 1;
            continue;
        }
        if let Some(mut a) = verb_cue(doc, s, t, v, out.len()) {
            // A cue inside an earlier reported clause is part of what was reported
            // ("he added that engineers had found corrosion"), unless it closes the sentence.
            // But "said the deal was close and added that details would follow": a speech verb
            // joined by "and"/"but" to the speaker's own clause, with a "that" or after a comma,
            // is the same speaker's next claim.
            // Without either, "reported that 12 people had died and said more were missing": a
            // finite speech verb right after a bare "and" in an active clause is one too.
            let coordinated = a.inherit.is_some()
                && a.verb.is_some_and(|v| v.split)
                && (doc.is_func(t + 1, FuncType::Complementizer)
                    || (a.left > lo && doc.is_punct(a.left - 1, ","))
                    || (t > lo + 1
                        && v.kind == VerbKind::Speech
                        && next_speech(doc, v, t)
                        && first_content.is_some_and(|(cs, ce)| {
                            cs < t - 1 && t < ce && !passive_in(doc, cs, t - 1)
                        })));
            // ", while the company said …", ", but the party said …": a clause of its own.
            let contrasted = a.speaker.is_some()
                && a.left > lo + 1
                && doc.is_punct(a.left - 2, ",")
                && doc.is_func(a.left - 1, FuncType::Connective)
                && !np::is_relative(doc, a.left - 1);
            let nested = !coordinated
                && !contrasted
                && a.content.is_some_and(|(cs, _)| cs > t)
                && first_content.is_some_and(|(cs, ce)| cs <= a.left && a.left < ce);
            if contrasted {
                // The earlier clause ends before the comma and the connective.
                a.left -= 2;
            }
            // "X told reporters that Y had said that …": Y's words, relayed by X.
            let relayed = nested
                && first_content.is_some_and(|(cs, _)| cs == a.left)
                && a.verb.is_some_and(|v| v.kind == VerbKind::Speech)
                && a.speaker.as_ref().is_some_and(|n| n.kind == NpKind::Name);
            if relayed {
                if let Some(k) = out.iter().position(|b| b.content == first_content) {
                    let mut a = a;
                    a.relayed_by = Some(k);
                    if let Some(b) = out.get_mut(k) {
                        b.content = None;
                    }
                    out.push(a);
                }
            } else if !nested {
                if a.kind != CueKind::Participle && first_content.is_none() {
                    first_content = a.content;
                }
                out.push(a);
            }
        } else if v.split
            && v.kind == VerbKind::Speech
            && t > lo + 1
            && np::is_coordinator(doc, t - 1)
            && doc.is_punct(t - 2, ",")
        {
            // "said the numbers did not add up, and warned of cuts": the speaker's next act ends
            // the reported clause even when it reports no claim. A boundary only: no speaker,
            // no content, so no unit.
            if first_content.is_some_and(|(cs, ce)| cs < t - 2 && t < ce) {
                let mut a = Attr::new((t, t + 1), CueKind::Verb, Some(v));
                a.left = t - 2;
                out.push(a);
            }
        } else if t > lo + 1
            && next_act(doc, v, t)
            && first_content
                .is_some_and(|(cs, ce)| cs < t - 1 && t < ce && !passive_in(doc, cs, t - 1))
        {
            // "said the result was a disgrace and urged fans to stay calm": without a comma
            // too, a finite speech-act verb after "and" is the speaker's next act, unless the
            // clause is passive ("the man was arrested and charged", where it goes on).
            let mut a = Attr::new((t, t + 1), CueKind::Verb, Some(v));
            a.left = t - 1;
            out.push(a);
        }
        t += 1;
    }
    // "Astronomers have found water …, the agency said": a cue closing the sentence claims
    // the whole clause before it, cues inside included.
    // But "Karvania's president said that …, state television reported": an outlet closing a
    // sentence whose clause names its own speaker relays that speaker's claim.
    let indexed = out
        .iter()
        .any(|b| b.relayed_by.is_some() || matches!(b.inherit, Some(Inherit::Attr(_))));
    let closing = out.iter().rposition(|a| {
        !indexed
            && a.content.is_some_and(|(cs, ce)| cs == lo && ce <= a.cue.0)
            && a.kind == CueKind::Verb
    });
    if let Some((k, (cs, ce))) =
        closing.and_then(|k| out.get(k).and_then(|a| a.content).map(|c| (k, c)))
    {
        let inside = |b: &Attr<'_>| b.cue.0 >= cs && b.cue.1 <= ce && b.relayed_by.is_none();
        let outlet = out
            .get(k)
            .and_then(|a| a.speaker.clone())
            .filter(|n| n.outlet);
        match outlet {
            Some(o)
                if out
                    .iter()
                    .any(|b| inside(b) && b.speaker.is_some() && b.content.is_some()) =>
            {
                // The closing cue stays as a boundary only (no speaker, no content, so no
                // unit): the claims before it end there.
                if let Some(a) = out.get_mut(k) {
                    a.speaker = None;
                    a.content = None;
                    a.quotes.clear();
                }
                for b in out.iter_mut().filter(|b| inside(b) && b.speaker.is_some()) {
                    b.chain.push(o.clone());
                }
            }
            _ => out.retain(|b| !inside(b)),
        }
    }
    if let Some(a) = out.first_mut() {
        a.chain.extend(early_chain);
    }
    cut_contents(doc, s, out);
}

/// Whether token `t` is a name's short form, as written in parentheses after it: a word of up
/// to eight bytes, capitalised, with two capital letters at least ("IFS", "BoE", "U.N.").
fn is_short_form(doc: &Doc<'_>, t: usize) -> bool {
    let w = doc.tok_text(t);
    doc.is_word(t)
        && doc.is_cap(t)
        && w.len() <= 8
        && w.bytes().filter(u8::is_ascii_uppercase).count() >= 2
}

/// Whether `v` is a finite "say" or "tell" ("said", "says", "told"): after a capitalised
/// possessive opening a clause, it makes the possessive a company's name ("Harlan's said",
/// "McBride's says"); no noun is spelled so ("Smith's stated aim" is a noun phrase).
fn is_store_cue(v: &Verb) -> bool {
    matches!(v.form, VerbForm::Past | VerbForm::Third) && matches!(v.lemma.as_str(), "say" | "tell")
}

/// `S V ...`, `..., S V.`, `"...," V S`: a speech verb at token `v`.
fn verb_cue<'a>(
    doc: &Doc<'a>,
    s: Sentence,
    v: usize,
    verb: &'a Verb,
    prior: usize,
) -> Option<Attr<'a>> {
    let (lo, hi) = (s.start, s.end);
    let mut a = Attr::new((v, v + 1), CueKind::Verb, Some(verb));
    // The subject, before the verb (skipping "also", "later", "has", and a time between
    // subject and verb: "Ruiz on Monday said", "the ministry Tuesday said").
    let mut e = v;
    // "Ruiz went on to say": the subject is before the lead-in.
    if let Some(a) = e
        .checked_sub(1)
        .and_then(|p| lead_in_start(doc, p))
        .filter(|&a| a >= lo)
    {
        e = a;
    }
    loop {
        if e > lo && is_adverbish(doc, e - 1) {
            e -= 1;
        } else if e > lo + 1 && is_time_word(doc, e - 1) && doc.is_word(e - 2) {
            e -= if doc.tok_text(e - 2).eq_ignore_ascii_case("on") {
                2
            } else {
                1
            };
            // "data released Tuesday showed": a participle before the time.
            if e > lo + 1
                && np::looks_past(doc.tok_text(e - 1))
                && verb_at(doc, e - 1).is_none()
                && doc.is_word(e - 2)
                && !doc.has(e - 2, TokClass::FUNC)
            {
                e -= 1;
            }
        } else if e > lo + 3
            && doc.is_punct(e - 1, ")")
            && doc.is_punct(e - 3, "(")
            && is_short_form(doc, e - 2)
        {
            // "the Institute for Fiscal Studies (IFS) said": the short form in parentheses.
            e -= 3;
        } else {
            break;
        }
    }
    if let Some((mut np, apps, left)) = find_subject(doc, lo, e) {
        // "Harlan's said": the possessive is the company's name, not an owner.
        if np.possessive && np.kind == NpKind::Name && np.end == e && is_store_cue(verb) {
            np.possessive = false;
            np.head = np.head.or_else(|| {
                doc.grammar.tags_of("company").iter().find_map(|t| match t {
                    Tag::Noun(n) if n.kind == NounKind::Org => Some((np.end - 1, np.end, n)),
                    _ => None,
                })
            });
        }
        // "several member states refusing …": a third-person form needs a singular subject,
        // so after a plural one it is a noun.
        let plural_det = doc.is_func(np.start, FuncType::Determiner)
            && np::is_func_flagged(doc, np.start, |f| f.plural);
        if verb.form == VerbForm::Third && np.end == e && (np.plural() || plural_det) {
            return None;
        }
        a.speaker = Some(np);
        a.appositives = apps;
        a.left = left;
    } else if e > lo
        && (doc.is_punct(e - 1, ",")
            || doc.quote_of(e - 1).is_some()
            || doc.is_punct(e - 1, "--")
            || doc.is_punct(e - 1, "\u{2014}"))
    {
        // Inverted: "...," said Anita Kowalski.
        // "…," said the 23-year-old.
        let np = np::parse_forward(doc, v + 1, hi).or_else(|| {
            let end = skip_final_punct_back(doc, v + 1, next_comma(doc, v + 1, hi));
            // Not a clause: "…, said the inspections were flawed".
            let clause = (v + 2..end).any(|t| {
                doc.is_func(t, FuncType::Auxiliary)
                    || doc.is_func(t, FuncType::Modal)
                    || verb_at(doc, t).is_some()
            });
            (doc.is_func(v + 1, FuncType::Determiner) && end > v + 2 && end - v <= 5 && !clause)
                .then(|| np::generic(doc, v + 1, end))
                .flatten()
        })?;
        if verb.kind == VerbKind::Naming {
            return None;
        }
        if np.kind == NpKind::Role
            && !(np.definite || np.indefinite)
            && np.head.is_none_or(|(_, _, n)| n.kind == NounKind::Venue)
        {
            return None;
        }
        // "…, said the company could keep …" is not inverted: a clause follows the phrase.
        let next = np.end;
        let clause = next < hi
            && doc.is_word(next)
            && (verb_at(doc, next).is_some()
                || doc.is_func(next, FuncType::Modal)
                || doc.is_func(next, FuncType::Auxiliary)
                || doc.is_func(next, FuncType::Complementizer));
        if clause {
            return None;
        }
        a.cue = (v, v + 1);
        a.left = e - 1;
        a.inverted = true;
        a.speaker = Some(np);
    } else if e > lo + 2 && np::is_relative(doc, e - 1) && doc.is_punct(e - 2, ",") {
        // "…, according to the regulator, which said it had opened an inquiry".
        let (np, _, _) = find_subject(doc, lo, e - 2)?;
        a.speaker = Some(np);
        a.left = e - 2;
        complement(doc, s, v + 1, &mut a);
        // A relative clause attributes only what follows its verb.
        return (a.content.is_some() || !a.quotes.is_empty()).then_some(a);
    } else if e > lo && np::is_coordinator(doc, e - 1) {
        // "conceded that … but insisted …", "praised the team and said …": the same speaker.
        a.inherit = Some(if prior > 0 {
            Inherit::Attr(prior - 1)
        } else {
            Inherit::Subject
        });
        a.left = e - 1;
    } else {
        return None;
    }
    if a.speaker
        .as_ref()
        .is_some_and(|n| n.noun_kind() == NounKind::Venue || n.noun_kind() == NounKind::Work)
    {
        return None;
    }
    let after = if a.inverted {
        a.speaker.as_ref().map_or(v + 1, |n| n.end)
    } else {
        v + 1
    };
    // "Hale, the governor," after an inverted name: skip the appositive.
    let mut k = after;
    if a.inverted && doc.is_punct(k, ",") {
        if let Some(app) = np::parse_forward(doc, k + 1, hi) {
            if app.kind == NpKind::Role {
                k = next_comma(doc, app.end, hi);
                // "said Ina Falk, an analyst at Norrmark Bank": the role is the person's title.
                if a.speaker.as_ref().is_some_and(|n| n.kind == NpKind::Name) {
                    a.appositives.push(app);
                }
            }
        }
    }
    if !a.inverted {
        complement(doc, s, k, &mut a);
    } else {
        post_tail(doc, s, k, &mut a);
    }
    // `"A," she said, "B."`: the quote before the cue is the same speaker's.
    if !a.quotes.is_empty() && a.content.is_none() {
        let before = a.left;
        if before > lo && doc.quote_of(before - 1).is_some() {
            a.quotes.insert(0, before - 1);
        } else if doc.quote_of(before).is_some() && a.inverted {
            a.quotes.insert(0, before);
        } else if before > lo + 1
            && doc.is_punct(before - 1, ",")
            && doc.quote_of(before - 2).is_some()
        {
            a.quotes.insert(0, before - 2);
        }
    }
    // Nothing to the right: the cue attributes what is to its left (not for "… and said", whose
    // left is the same speaker's other clause).
    if a.content.is_none() && a.quotes.is_empty() && !a.meta && a.inherit.is_none() {
        left_side(doc, s, &mut a);
    }
    if verb.kind == VerbKind::Manner {
        a.content = None;
    }
    if a.content.is_none() && a.quotes.is_empty() && !a.meta {
        return None;
    }
    Some(a)
}

/// After an inverted cue's speaker: only a tail may follow for it to stand (`said X on Monday.`).
fn post_tail(doc: &Doc<'_>, s: Sentence, k: usize, a: &mut Attr<'_>) {
    let hi = s.end;
    let k = skip_final_punct(doc, k, hi);
    if k < hi && doc.is_punct(k, ",") {
        if let Some(q) = doc.quote_of(k + 1) {
            // "A," said X, "B."
            let _ = q;
            a.quotes.push(k + 1);
        }
    }
}

fn skip_final_punct(doc: &Doc<'_>, k: usize, hi: usize) -> usize {
    let mut k = k;
    while k < hi && (doc.is_punct(k, ".") || doc.is_punct(k, "!") || doc.is_punct(k, "?")) {
        k += 1;
    }
    k
}

/// Whether a word of tokens `[a, b)` is an outlet noun of the lexicon ("channel", "newspaper").
fn outlet_noun_in(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    (a..b).any(|t| np::is_outlet_noun(doc, t))
}

/// What follows a cue verb (or `as saying`): a quotation, `that` + clause, an object then a
/// clause, a bare clause, or only a tail.
fn complement<'a>(doc: &Doc<'a>, s: Sentence, mut k: usize, a: &mut Attr<'a>) {
    let hi = s.end;
    // Whether a hearer and where it heard were read ("told reporters at a command post"): what
    // follows must hold a verb to be a clause.
    let mut placed = false;
    // "told reporters", "told Reuters", "informed the committee" (`hearer=yes` in verbs.txt).
    if a.verb.is_some_and(|v| v.hearer) {
        // "told the BBC's Today programme": the possessor is the outlet, the object follows it.
        let mut at = k;
        for _ in 0..2 {
            let Some(owner) = np::parse_at(doc, at, hi)
                .into_iter()
                .filter(|n| n.possessive)
                .max_by_key(|n| n.end)
            else {
                break;
            };
            at = owner.end;
            if owner.outlet {
                a.chain.push(owner);
            }
        }
        let object = k;
        if at > k {
            // The possessed phrase runs to the clause's first determiner, pronoun or verb:
            // "the BBC's Today programme | the plan was …".
            let mut e = at;
            while e < hi
                && e - at < 4
                && doc.is_word(e)
                && !doc.has(e, TokClass::PRONOUN)
                && !doc.is_func(e, FuncType::Determiner)
                && !doc.is_func(e, FuncType::Complementizer)
                && verb_at(doc, e).is_none()
            {
                e += 1;
            }
            if e > at {
                k = e;
            }
        } else if let Some(mut obj) = np::parse_forward(doc, at, hi) {
            // "the club's channel, Harbour TV": a name in apposition to an outlet noun.
            obj.outlet |= obj.kind == NpKind::Name
                && obj
                    .title
                    .is_some_and(|(t0, t1)| outlet_noun_in(doc, t0, t1));
            if obj.outlet {
                a.chain.push(obj.clone());
            }
            k = obj.end;
            // "told a news conference in Nairobi"
            while k < hi
                && doc.is_func(k, FuncType::Preposition)
                && !doc.is_func(k, FuncType::Complementizer)
            {
                match np::parse_forward(doc, k + 1, hi) {
                    Some(n) if n.end > k + 1 => {
                        k = n.end;
                        placed = true;
                    }
                    _ => break,
                }
            }
        } else if doc.is_func(at, FuncType::Determiner) {
            // A hearer the lexicon does not know: a determiner and a few words before a subject
            // pronoun or "that" ("told the panel it was needed").
            if let Some(p) = (at + 2..hi.min(at + 5))
                .take_while(|&t| doc.is_word(t))
                .find(|&t| {
                    (doc.has(t, TokClass::PRONOUN) && !doc.is_cap(t))
                        || doc.is_func(t, FuncType::Complementizer)
                })
                .filter(|&p| {
                    (at + 1..p).all(|t| !doc.has(t, TokClass::FUNC) && verb_at(doc, t).is_none())
                })
            {
                k = p;
            }
        }
        // "told the club's channel, Harbour TV, that …": capitalised words in apposition to
        // the hearer name it, a link of the chain when the hearer is an outlet.
        if k > object && doc.is_punct(k, ",") {
            let mut e = k + 1;
            while e < hi
                && e < k + 6
                && doc.is_word(e)
                && doc.is_cap(e)
                && !doc.has(e, TokClass::PRONOUN)
            {
                e += 1;
            }
            if e > k + 1 && doc.is_punct(e, ",") {
                if outlet_noun_in(doc, object, k) && !a.chain.iter().any(|c| c.end > object) {
                    if let Some(mut app) = np::generic(doc, k + 1, e) {
                        app.outlet = true;
                        a.chain.push(app);
                    }
                }
                k = e + 1;
            }
        }
    }
    // "As one analyst put it, "…"", "she put it bluntly: "…"" (`it=yes` in verbs.txt).
    if a.verb.is_some_and(|v| v.it) {
        if !doc.tok_text(k).eq_ignore_ascii_case("it") {
            return;
        }
        // How it was put: at most three lower-case words ("bluntly", "another way").
        k += 1;
        let how = k;
        while k < hi && k < how + 3 && doc.is_word(k) && !doc.is_cap(k) {
            k += 1;
        }
        // `"It is time," as the mayor put it.`: the quotation before "as".
        let after = if doc.is_punct(k, ",") || doc.is_punct(k, ":") {
            k + 1
        } else {
            k
        };
        if doc.quote_of(after).is_none() {
            let l = if a.left > s.start && doc.tok_text(a.left - 1).eq_ignore_ascii_case("as") {
                a.left - 1
            } else {
                a.left
            };
            let before = if l > s.start && doc.is_punct(l - 1, ",") {
                l - 1
            } else {
                l
            };
            if let Some(q) = before
                .checked_sub(1)
                .filter(|&q| q >= s.start && doc.quote_of(q).is_some())
            {
                a.quotes.push(q);
            }
            return;
        }
    }
    // A quotation right after the cue: `said: "…"`, `said, "…"`, `said "…"`.
    let mut q = k;
    if q < hi
        && (doc.is_punct(q, ":")
            || doc.is_punct(q, ",")
            || doc.is_punct(q, "--")
            || doc.is_punct(q, "\u{2014}"))
    {
        q += 1;
    }
    if doc.quote_of(q).is_some() {
        a.quotes.push(q);
        return;
    }
    if k >= hi {
        return;
    }
    // A tail, then a colon and a quotation: `said in a statement: "…"`, `wrote to the board
    // in March: "…"`.
    if let Some(colon) = (k + 1..hi.min(k + 16))
        .take_while(|&t| doc.is_word(t) || doc.is_punct(t, ":"))
        .find(|&t| doc.is_punct(t, ":"))
    {
        if doc.quote_of(colon + 1).is_some() && is_tail(doc, k, colon) {
            a.quotes.push(colon + 1);
            return;
        }
    }
    let kind = a.verb.map(|v| v.kind);
    if matches!(kind, Some(VerbKind::Naming | VerbKind::Evaluative))
        && (k..next_comma(doc, k, hi)).any(|t| doc.quote_of(t).is_some())
        && !(k..next_comma(doc, k, hi)).any(|t| doc.tok_text(t).eq_ignore_ascii_case("that"))
        || kind == Some(VerbKind::Naming)
    {
        // `called the offer "an insult"`, `what she called "speculation"`, `accused him of "…"`.
        if let Some(t) = (k..next_comma(doc, k, hi)).find(|&t| doc.quote_of(t).is_some()) {
            a.quotes.push(t);
        }
        return;
    }
    // A demonstrative object: words reported elsewhere (not a time phrase: "said this week").
    if doc.is_func(k, FuncType::Demonstrative)
        && !doc.is_func(k, FuncType::Complementizer)
        && !is_time_unit(doc, k + 1)
    {
        a.meta = true;
        return;
    }
    // "that" within a few tokens: `said on Sunday that`, `expressed optimism that`.
    let stop = next_comma(doc, k, hi).min(k + 7);
    if let Some(th) = (k..stop).find(|&t| {
        doc.is_func(t, FuncType::Complementizer) && doc.tok_text(t).eq_ignore_ascii_case("that")
    }) {
        // A venue before it may hold a verb form ("said in an email that").
        let from = phrase(|t: &Tag| matches!(t, Tag::Cue(CueType::Venue)).then_some(()))(
            Toks::new(doc, k, th),
        )
        .map_or(k, |(r, _)| r.start);
        // A clause has two words at least, or opens with a quotation: not "dismissed that view".
        let word_or_quote = |t: usize| t < hi && (doc.is_word(t) || doc.quote_of(t).is_some());
        let comma = |t: usize| doc.is_punct(t, ",");
        // After a noun, "that" before a verb opens a relative clause: "wrote in a memo to
        // employees that was later posted".
        let relative = th > k
            && (doc.is_func(th + 1, FuncType::Auxiliary) || doc.is_func(th + 1, FuncType::Modal))
            && !doc.is_cap(th + 1);
        let clause = !relative
            && (doc.quote_of(th + 1).is_some()
                || comma(th + 1)
                || (word_or_quote(th + 1) && (word_or_quote(th + 2) || comma(th + 2))));
        // A capitalised modal after the cue is a month or a name ("said in May that").
        let modal = |t: usize| doc.is_func(t, FuncType::Modal) && !doc.is_cap(t);
        // Not a "that" after a verb of the clause: "said there was no certainty that …".
        // (A verb form after a determiner modifies a noun, "in a brief phone interview that";
        // one between a noun and a preposition is a participle, "in remarks broadcast on
        // state television that".)
        let nominal = |t: usize| {
            t > k
                && (doc.is_func(t - 1, FuncType::Determiner)
                    || verb_at(doc, t).is_some_and(|v| {
                        v.modifier && v.form == VerbForm::Base && doc.is_word(t + 1)
                    }))
        };
        let participle = |t: usize| {
            t > k + 1
                && doc.is_word(t - 1)
                && !doc.has(t - 1, TokClass::FUNC)
                && doc.is_func(t + 1, FuncType::Preposition)
                && t + 1 < th
        };
        let verbless = |t: usize| {
            (verb_at(doc, t).is_none_or(|_| t == k || nominal(t)) && !is_finite_verbish(doc, t))
                || participle(t)
        };
        if clause && (from..th).all(|t| doc.is_word(t) && verbless(t) && !modal(t)) {
            // "say that is not enough": a "that" right before a verb is the clause's subject.
            let subject = th == k
                && (doc.is_func(th + 1, FuncType::Auxiliary)
                    || doc.is_func(th + 1, FuncType::Modal))
                && !doc.is_cap(th + 1);
            set_content(
                doc,
                s,
                if subject {
                    th
                } else if comma(th + 1) {
                    th + 2
                } else {
                    th + 1
                },
                a,
            );
            return;
        }
    }
    // "expressed to Japanese officials the importance of ..." (not a connective's clause:
    // "wrote to congressional leaders as the fire season approaches").
    let to_object = doc.is_cap(k + 1)
        || doc.is_func(k + 1, FuncType::Determiner)
        || doc.has(k + 1, TokClass::NOUN | TokClass::TITLE);
    if doc.tok_text(k).eq_ignore_ascii_case("to") && to_object {
        // Nor past a verb of its own: "written to the health secretary asking for the …".
        let ends = |t: usize| {
            doc.is_func(t, FuncType::Connective)
                || verb_at(doc, t).is_some()
                || is_finite_verbish(doc, t)
        };
        if let Some(d) = (k + 2..stop)
            .take_while(|&t| !ends(t))
            .find(|&t| doc.is_func(t, FuncType::Determiner))
        {
            set_content(doc, s, d, a);
            return;
        }
    }
    // An infinitive is a request or a plan, not a claim: "asked not to be named", "pledged to",
    // and with an object, "asked the council to save the lido".
    if doc.tok_text(k).eq_ignore_ascii_case("to")
        || (doc.tok_text(k).eq_ignore_ascii_case("not")
            && doc.tok_text(k + 1).eq_ignore_ascii_case("to"))
    {
        return;
    }
    // The object is a few words with no verb ("drivers", "the school board").
    if a.verb.is_some_and(|v| v.request) {
        let inf = (k + 1..(k + 7).min(hi))
            .take_while(|&t| doc.is_word(t) && verb_at(doc, t).is_none())
            .find(|&t| doc.tok_text(t).eq_ignore_ascii_case("to"));
        if inf.is_some_and(|i| {
            doc.is_word(i + 1) && !doc.is_func(i + 1, FuncType::Determiner) && !doc.is_cap(i + 1)
        }) {
            return;
        }
    }
    // Only a tail: `remarked.`, `said in a statement.`, `said on Sunday, adding ...`.
    let c = next_comma(doc, k, hi);
    // After a hearer, a few words with no verb end the cue's phrase ("told reporters at a
    // command post a block away."): the claim is to its left.
    if placed
        && c - k <= 6
        && !(k..c).any(|t| {
            is_finite_verbish(doc, t)
                || doc.has(t, TokClass::VERB)
                || doc.quote_of(t).is_some()
                || doc.is_func(t, FuncType::Complementizer)
        })
    {
        return;
    }
    if is_tail(doc, k, skip_final_punct_back(doc, k, c)) {
        // "said in a filing it expected a loss": a clause with no verb the tail test knows.
        if let Some(p) = clause_after_tail(doc, k, c) {
            set_content(doc, s, p, a);
            return;
        }
        // `The bridge, officials said, would cost …`: the cue is an aside inside the claim.
        if parenthetical(doc, s, a.left, c) {
            a.content = Some((s.start, skip_final_punct_back(doc, c, s.end)));
            return;
        }
        // "Now, she says, rising bills may force her to close": after an opening adverb or
        // connective, the clause after the cue is the claim.
        let lo = s.start;
        // (Or a short opening phrase: "After that, she said, …", "In the end, he says, …".)
        let opener = a.left >= lo + 2
            && a.left <= lo + 4
            && doc.is_punct(a.left - 1, ",")
            && (lo..a.left - 1)
                .all(|t| doc.is_word(t) && verb_at(doc, t).is_none() && !is_finite_verbish(doc, t))
            && (doc.is_func(lo, FuncType::Adverb)
                || doc.is_func(lo, FuncType::Connective)
                || is_time_word(doc, lo)
                || (a.left > lo + 2 && doc.is_func(lo, FuncType::Preposition)));
        if opener && c + 1 < hi && doc.is_punct(c, ",") {
            let end = skip_final_punct_back(doc, c + 1, hi);
            if (c + 1..end).any(|t| is_finite_verbish(doc, t) || doc.has(t, TokClass::VERB))
                && end > c + 3
            {
                a.content = Some((c + 1, end));
                return;
            }
        }
        // `said in a memo, seen by Reuters, that …`; `wrote on X, formerly Twitter, that …`.
        let mut seg = c;
        for _ in 0..3 {
            if seg >= hi || !doc.is_punct(seg, ",") {
                break;
            }
            if doc.tok_text(seg + 1).eq_ignore_ascii_case("that")
                && doc.is_func(seg + 1, FuncType::Complementizer)
            {
                set_content(doc, s, seg + 2, a);
                return;
            }
            let next = next_comma(doc, seg + 1, hi);
            // (A "citing" aside too: "reported, citing unnamed officials, that …".)
            let citing = phrase(|x: &Tag| matches!(x, Tag::Cue(CueType::Citing)).then_some(()))(
                Toks::new(doc, seg + 1, next),
            )
            .is_ok();
            let aside = next - seg <= 8
                && (seg + 1..next).all(|t| doc.is_word(t) && !doc.is_func(t, FuncType::Modal))
                && (citing || verb_at(doc, seg + 1).is_none_or(|v| v.form == VerbForm::Past));
            if !aside {
                break;
            }
            seg = next;
        }
        // `said in a statement, "…"`
        if c < hi && doc.quote_of(c + 1).is_some() {
            a.quotes.push(c + 1);
        }
        return;
    }
    if matches!(kind, Some(VerbKind::Manner | VerbKind::Evaluative)) {
        // "In a post on Wednesday, Szabo thanked the residents …": an evaluative verb with an
        // object is an act, and what comes before it no claim of the speaker's.
        a.meta |= kind == Some(VerbKind::Evaluative);
        return;
    }
    // "said afterwards he had …", "said Monday the plan …": a time word right after the verb
    // is not the clause's (not one opening a longer phrase: "said last week the …").
    // (Its four-letter ones open longer phrases: most words after a verb are read no further.)
    let one_word_time =
        doc.tok_text(k).len() > 4 && is_time_word(doc, k) && !lower_is(doc.tok_text(k), &["early"]);
    let k = if one_word_time && k + 1 < c && doc.is_word(k + 1) {
        k + 1
    } else {
        k
    };
    // A quantity standing alone is the object ("said little about the cause", "said nothing
    // when asked"), unless its own verb follows it: "said nothing would change", "said much of
    // it was lost".
    if doc.is_func(k, FuncType::Quantity)
        && !(k + 1..c.min(k + 7))
            .take_while(|&t| !doc.is_func(t, FuncType::Connective))
            .any(|t| is_finite_verbish(doc, t))
    {
        return;
    }
    // A reported clause has a few words at least ("said the plan was dead").
    let words = (k..c)
        .filter(|&t| doc.is_word(t) || doc.quote_of(t).is_some())
        .take(3)
        .count();
    // A subject and a quoted predicate is a clause too: "said it \"punishes the very people\"".
    let quoted_predicate = words == 2 && doc.is_word(k) && doc.quote_of(k + 1).is_some();
    if words < 3
        && !quoted_predicate
        && !subject_with_apposition(doc, k, c, hi)
        && !two_word_clause(doc, k, skip_final_punct_back(doc, k, c))
    {
        return;
    }
    // "confirmed the deal on Monday", "recalled 80,000 cars": an object, not a clause, unless a
    // verb is in it ("confirmed the deal was off"). Its subject is still a source of the story
    // (an "it" that follows names it), as for words reported elsewhere.
    // A verb after a connective is another clause's: "posted the figures shortly after the
    // council published its accounts" is an object and a time clause.
    // A quotation stands for the verb only right after a subject ("confirmed it "was
    // reviewing""), not after a longer object ("read aloud from an email …: "…"").
    // A past form before its agent is a participle ("an email sent by a controller").
    let finite =
        |t: usize| is_finite_verbish(doc, t) && !doc.tok_text(t + 1).eq_ignore_ascii_case("by");
    let clause_verb = (k..c)
        .take_while(|&t| !doc.is_func(t, FuncType::Connective))
        .any(|t| finite(t) || (doc.quote_of(t).is_some() && t <= k + 2));
    if a.verb.is_some_and(|v| v.object) && !clause_verb {
        // "promised a transport scheme ‘before the doors close’": a quotation inside the object
        // is the speaker's words (not one after a colon, read out from elsewhere).
        a.quotes
            .extend((k..c).filter(|&t| doc.quote_of(t).is_some() && !doc.is_punct(t - 1, ":")));
        a.meta = a.quotes.is_empty();
        return;
    }
    set_content(doc, s, clause_after_tail(doc, k, c).unwrap_or(k), a);
}

/// "said in a statement it would appeal", "said in a filing with regulators the loss would
/// widen", "said on its website the strike would go ahead": a reported clause with no "that"
/// after a tail that opens with a preposition, a venue or a time word. The clause opens with a
/// subject pronoun, or a determiner after the tail's noun, and has a finite verb within a few
/// words; the tail (at most twelve words, no verb of its own) belongs to the cue.
fn clause_after_tail(doc: &Doc<'_>, k: usize, c: usize) -> Option<usize> {
    let opens_tail = doc.is_func(k, FuncType::Preposition)
        || is_time_word(doc, k)
        || phrase(|t: &Tag| matches!(t, Tag::Cue(CueType::Venue)).then_some(()))(Toks::new(
            doc, k, c,
        ))
        .is_ok();
    if !opens_tail || doc.tok_text(k).eq_ignore_ascii_case("to") {
        return None;
    }
    for p in k + 2..c.min(k + 13) {
        let prev = p - 1;
        // The tail is words without a verb of their own ("in an emailed statement": a verb
        // form after a determiner is the noun's modifier, or the noun).
        let attributive =
            doc.is_func(prev - 1, FuncType::Determiner) || np::is_possessive(doc, prev - 1);
        let verb_form = is_finite_verbish(doc, prev) || verb_at(doc, prev).is_some();
        if !doc.is_word(prev)
            || doc.is_func(prev, FuncType::Complementizer)
            || (verb_form && !attributive)
        {
            return None;
        }
        // The tail's noun ends before the subject: not a function word ("shortly after the
        // city released …" is no clause of the cue's) nor a possessive.
        let noun_ended = !doc.has(prev, TokClass::FUNC) && !np::is_possessive(doc, prev);
        if !noun_ended {
            continue;
        }
        let pronoun = doc.has(p, TokClass::PRONOUN) && !doc.is_cap(p);
        let determiner = doc.is_func(p, FuncType::Determiner) && !doc.is_cap(p);
        if !(pronoun || determiner) {
            continue;
        }
        // Its verb: right after a pronoun (an adverb between), within a few words of a
        // determiner's noun phrase.
        let reach = if pronoun { 3 } else { 6 };
        let verb = (p + 1..c.min(p + 1 + reach))
            .take_while(|&t| doc.is_word(t) && !doc.is_func(t, FuncType::Preposition))
            .any(|t| is_finite_verbish(doc, t));
        if verb {
            return Some(p);
        }
    }
    None
}

/// Whether a cue whose structure starts at token `left` and whose tail ends at the comma `c`
/// is an aside between the subject of a claim and its predicate: `The new bridge, officials
/// said, would cost …`, `The strike, the union said on Monday, will go ahead`. Before it, a
/// short phrase without a verb, then a comma; after it, a finite verb (auxiliary, modal or
/// regular past) after at most one adverb.
fn parenthetical(doc: &Doc<'_>, s: Sentence, left: usize, c: usize) -> bool {
    let lo = s.start;
    if left < lo + 2
        || left - lo > 12
        || !doc.is_punct(left - 1, ",")
        || c + 1 >= s.end
        || !doc.is_punct(c, ",")
    {
        return false;
    }
    let subject = (lo..left - 1).all(|t| {
        doc.is_word(t)
            && verb_at(doc, t).is_none()
            && !is_finite_verbish(doc, t)
            && !doc.is_func(t, FuncType::Complementizer)
            && !doc.is_func(t, FuncType::Connective)
    });
    let mut v = c + 1;
    if doc.is_func(v, FuncType::Adverb) {
        v += 1;
    }
    subject && v < s.end && doc.is_word(v) && is_finite_verbish(doc, v)
}

/// Whether token `t` looks like a clause's verb: an auxiliary or modal of the lexicon, or a
/// past-tense form that is not a speech verb.
fn is_finite_verbish(doc: &Doc<'_>, t: usize) -> bool {
    // Capitalised, "May" and "Will" are a month and a name.
    ((doc.is_func(t, FuncType::Auxiliary) || doc.is_func(t, FuncType::Modal)) && !doc.is_cap(t))
        || is_past(doc, t)
}

/// Whether token `t` is a past form that is not a speech verb: regular ("-ed") or one of the
/// lexicon's irregular ones ("fell", "rose").
fn is_past(doc: &Doc<'_>, t: usize) -> bool {
    (np::looks_past(doc.tok_text(t)) || (doc.is_func(t, FuncType::Past) && !doc.is_cap(t)))
        && verb_at(doc, t).is_none()
}

/// "said exports fell.", "said he agreed.": a whole reported clause of two words, a subject
/// and a lower-case past-tense verb (a pronoun subject takes any lower-case verb). Not an
/// inverted speaker ("said John Smith", "said the minister").
fn two_word_clause(doc: &Doc<'_>, k: usize, end: usize) -> bool {
    let (subject, verb) = (k, k + 1);
    if end != k + 2
        || !doc.is_word(subject)
        || !doc.is_word(verb)
        || doc.is_func(subject, FuncType::Determiner)
    {
        return false;
    }
    let w = doc.tok_text(verb);
    let lower = w.starts_with(|c: char| c.is_ascii_lowercase());
    let pronoun = doc.has(subject, TokClass::PRONOUN);
    lower
        && !doc.has(verb, TokClass::NOUN | TokClass::TITLE | TokClass::FUNC)
        && (is_past(doc, verb) || pronoun)
}

/// "said the suspect, 34, was arrested": a short noun phrase (`k..c`, opening with a
/// determiner or a name), a short apposition between commas, then an auxiliary or modal verb: the subject
/// of a reported clause, not a name after an inverted "said".
fn subject_with_apposition(doc: &Doc<'_>, k: usize, c: usize, hi: usize) -> bool {
    // A name opens it too: "said Ivanov, 44, had been charged"; and a bare noun before a
    // relative clause: "said filming, which had been due in May, would be delayed".
    let bare_noun = c == k + 1
        && doc.is_word(k)
        && !doc.has(k, TokClass::FUNC | TokClass::PRONOUN)
        && np::is_relative(doc, c + 1);
    if c >= hi || !(doc.is_func(k, FuncType::Determiner) || np::is_name_word(doc, k) || bare_noun) {
        return false;
    }
    let c2 = next_comma(doc, c + 1, hi);
    // A relative clause there may be longer: "said the rule, which bans units smaller than 8
    // square metres, was about dignity".
    let reach = if np::is_relative(doc, c + 1) { 24 } else { 8 };
    c2 < hi
        && c2 - c <= reach
        && (doc.is_func(c2 + 1, FuncType::Auxiliary) || doc.is_func(c2 + 1, FuncType::Modal))
}

fn skip_final_punct_back(doc: &Doc<'_>, from: usize, mut to: usize) -> usize {
    while to > from
        && (doc.is_punct(to - 1, ".") || doc.is_punct(to - 1, "!") || doc.is_punct(to - 1, "?"))
    {
        to -= 1;
    }
    to
}

/// Whether the cue verb `v` at token `t` opens the speaker's next act after a bare coordinator
/// ("and", "but"; `coordinator=yes` in function-words.txt): a finite form (`urged`, `urges`) of
/// a verb marked `act=yes` in verbs.txt (`urge`, `call`, `vow`; not `demand`, which a claim's
/// own subject does as often), with no comma before the coordinator.
fn next_act(doc: &Doc<'_>, v: &Verb, t: usize) -> bool {
    v.act && next_speech(doc, v, t)
}

/// Whether the verb `v` at token `t` is a finite form right after a bare coordinator, with no
/// comma before it: the shape of the speaker's next act ([`next_act`]) or next claim.
fn next_speech(doc: &Doc<'_>, v: &Verb, t: usize) -> bool {
    matches!(v.form, VerbForm::Past | VerbForm::Third)
        && np::is_coordinator(doc, t - 1)
        && !doc.is_punct(t - 2, ",")
}

/// Whether tokens `[from, to)` hold a passive: a form of "be" before a word in "-ed" or
/// "-en" (`was arrested`, `had been taken`), so a verb after "and" may share its subject.
fn passive_in(doc: &Doc<'_>, from: usize, to: usize) -> bool {
    (from..to).any(|t| {
        np::is_func_flagged(doc, t, |f| f.be) && {
            let w = doc.tok_text(t + 1);
            t + 1 < to && (w.ends_with("ed") || w.ends_with("en"))
        }
    })
}

fn set_content(doc: &Doc<'_>, s: Sentence, from: usize, a: &mut Attr<'_>) {
    let to = skip_final_punct_back(doc, from, s.end);
    // A leading time phrase belongs to the cue: "said on Monday it would close".
    let mut from = from;
    let mut k = from;
    while k < to
        && k < from + 4
        && (is_time_word(doc, k)
            || is_time_unit(doc, k)
            || doc.tok_text(k).eq_ignore_ascii_case("on"))
    {
        k += 1;
    }
    if k > from && k + 2 < to && (is_time_word(doc, k - 1) || is_time_unit(doc, k - 1)) {
        from = k;
    }
    if to > from {
        a.content = Some((from, to));
    }
}

/// The clause to the left of a post-posed cue: `…, the minister remarked.`, `"…," he said.`
fn left_side(doc: &Doc<'_>, s: Sentence, a: &mut Attr<'_>) {
    let lo = s.start;
    let mut e = a.left;
    if e > lo
        && (doc.is_punct(e - 1, ",")
            || doc.is_punct(e - 1, "--")
            || doc.is_punct(e - 1, "\u{2014}"))
        && !a.inverted
    {
        e -= 1;
    }
    // The quotation just before the cue (for an inverted cue, `left` may be the quote itself).
    let quote = if a.inverted && doc.quote_of(e).is_some() {
        Some(e)
    } else if e > lo && doc.quote_of(e - 1).is_some() {
        Some(e - 1)
    } else if doc.quote_of(e).is_some() {
        Some(e)
    } else {
        None
    };
    if let Some(q) = quote {
        // `The findings "add to the evidence," the team wrote`: a quote that continues words of
        // the clause is part of a reported claim; one that opens it is direct. So is one in
        // lower case after the clause's subject and an aside: `X, who …, "did not weigh the
        // risks," the memo concluded`.
        let lower = doc
            .quotes
            .get(doc.quote_of(q).unwrap_or(usize::MAX))
            .is_some_and(|x| {
                x.content
                    .of(doc.text)
                    .starts_with(|c: char| c.is_lowercase())
            });
        if q > lo && (doc.is_word(q - 1) || (lower && doc.is_punct(q - 1, ",") && doc.is_word(lo)))
        {
            a.content = Some((lo, q + 1));
        } else {
            a.quotes.push(q);
        }
        return;
    }
    // "According to a police report, officers found …": that clause has its own source.
    let sourced = phrase(|x: &Tag| {
        matches!(x, Tag::Cue(CueType::According | CueType::Citing)).then_some(())
    })(Toks::new(doc, lo, e))
    .is_ok();
    // "In his speech, Mr. Ortiz promised …": an adverbial phrase with no verb is no claim.
    // (A base form there is a noun: "In a Facebook post, …".)
    let adverbial = (doc.is_func(lo, FuncType::Preposition)
        || doc.is_func(lo, FuncType::Adverb)
        || is_time_word(doc, lo))
        && !(lo..e).any(|t| {
            is_finite_verbish(doc, t) || verb_at(doc, t).is_some_and(|v| v.form != VerbForm::Base)
        });
    if e >= lo + 3 && (doc.is_punct(e, ",") || a.inverted) && !sourced && !adverbial {
        // Skip a leading "According to X," or connective.
        a.content = Some((lo, e));
    }
}

/// The subject phrase ending at token `e` (exclusive), with appositives: returns the speaker
/// phrase, the other phrases naming it, and the first token of the structure.
pub fn find_subject<'a>(
    doc: &Doc<'a>,
    lo: usize,
    e: usize,
) -> Option<(Np<'a>, Vec<Np<'a>>, usize)> {
    if e <= lo {
        return None;
    }
    // Asides are set off by commas or dashes: "Nadia Quintero — no relation — said".
    let aside = |t: usize| {
        doc.is_punct(t, ",")
            || doc.is_punct(t, "\u{2014}")
            || doc.is_punct(t, "\u{2013}")
            || doc.is_punct(t, "--")
    };
    if aside(e - 1) {
        // "Kenya's finance minister, Joseph Mwangi, said"; "Lund, speaking later, said".
        let mut segs: Vec<(usize, usize)> = Vec::new();
        let mut end = e - 1;
        let mut t = end;
        while t > lo && segs.len() < 5 && end - t < 40 {
            let p = t - 1;
            if aside(p) {
                segs.push((t, end));
                end = p;
            } else if doc.quote_of(p).is_some_and(|q| !quoted_title(doc, p, q))
                || doc.is_punct(p, ":")
                || doc.is_punct(p, ";")
                || doc.is_punct(p, "(")
            {
                // (A work's title in an apposition goes on: "The committee's report, titled
                // ‘Muddied Waters’, concluded …".)
                break;
            }
            t = p;
        }
        segs.push((t, end));
        segs.reverse();
        // An age or a party tag in apposition ("Dana Holt, 66, says", "Sen. Ada Marsh, D-Ore.,
        // said") is not a phrase of its own.
        let is_age = |&(a, b): &(usize, usize)| {
            b == a + 1
                && doc.tok_text(a).len() <= 3
                && doc.tok_text(a).bytes().all(|c| c.is_ascii_digit())
        };
        let is_party = |&(a, b): &(usize, usize)| {
            b == a + 1 && crate::text::party_state(doc.tok_text(a).trim_end_matches('.'))
        };
        let segs: Vec<(usize, usize)> = segs
            .into_iter()
            .filter(|s| s.0 < s.1 && !is_age(s) && !is_party(s))
            .collect();
        let parsed: Vec<Option<Np<'a>>> = segs
            .iter()
            .map(|&(a, b)| {
                // "…, who took office in March, said": a relative clause describes the speaker,
                // unless it gives the name: "a neighbour, who gave her name only as Linda,".
                if np::is_relative(doc, a) {
                    let gives_name =
                        (a + 1..b).any(|t| lower_is(doc.tok_text(t), &["name", "names"]));
                    let after_as = (a + 2..b)
                        .rev()
                        .find(|&t| doc.tok_text(t).eq_ignore_ascii_case("as"))
                        .map(|t| t + 1);
                    return after_as.filter(|_| gives_name).and_then(|t| {
                        np::parse_at(doc, t, b)
                            .into_iter()
                            .find(|n| n.kind == NpKind::Name && n.end == b)
                    });
                }
                // "But councillor Amir Haddad, …": a leading connective is not the phrase.
                let a = if a + 1 < b && doc.is_func(a, FuncType::Connective) {
                    a + 1
                } else {
                    a
                };
                np::words_at(doc, a, b)
                    .and_then(|set| {
                        np::exact_of(&set, b)
                            .or_else(|| postmodifier_of(doc, &set, b))
                            .or_else(|| pp_tail_of(doc, &set, b))
                            .or_else(|| name_pp_of(doc, &set, b))
                    })
                    .or_else(|| unknown_role(doc, lo, a, b))
                    // "Bavaria's Tobias Rainer": a capitalised possessive before the name.
                    .or_else(|| {
                        let owner = a + 2 < b && doc.is_cap(a) && np::is_possessive(doc, a);
                        owner
                            .then(|| {
                                np::words_at(doc, a + 1, b).and_then(|set| np::exact_of(&set, b))
                            })
                            .flatten()
                            .filter(|n| n.kind == NpKind::Name)
                    })
                    // "One, who runs a school in Leeds, said": one of a group just named.
                    .or_else(|| {
                        (b == a + 1 && np::is_func_flagged(doc, a, |f| f.alone))
                            .then(|| np::generic(doc, a, b))
                            .flatten()
                    })
            })
            .collect();
        // A name among the segments is the speaker, the role segments its titles: "the bank's
        // governor, Rui Matos, who took office in March, said".
        let named = parsed
            .iter()
            .flatten()
            .find(|n| n.kind == NpKind::Name)
            .cloned();
        let first = parsed.iter().flatten().next().cloned();
        let chosen = match (&first, &named) {
            (Some(f), _) if f.kind == NpKind::Name => first.clone(),
            (_, Some(_)) => named.clone(),
            (Some(f), _) if f.kind != NpKind::Pronoun || segs.len() == 1 => Some(f.clone()),
            _ => None,
        }?;
        // The structure starts at the first segment naming the speaker; segments before it are
        // the reported clause ("Malik made the pledge …, his spokeswoman, Dalia Ferreira, told").
        let first_np = parsed.iter().position(Option::is_some).unwrap_or(0);
        let start = segs.get(first_np).map_or(lo, |s| s.0);
        let apps: Vec<Np<'a>> = parsed
            .into_iter()
            .flatten()
            .filter(|n| n.start != chosen.start)
            .collect();
        // The first segment must be where the clause starts.
        if start > lo && !np::is_boundary(doc, start - 1) && first_np == 0 {
            return None;
        }
        return Some((chosen, apps, start));
    }
    // The phrases at each start of the window, parsed once: the searches below ask for the same
    // starts under several constructions.
    let mut memo = StartMemo::new(lo.max(e.saturating_sub(20)), e);
    let from = lo.max(e.saturating_sub(14));
    for a in from..e {
        if a > lo && !np::is_boundary(doc, a - 1) {
            continue;
        }
        if let Some(n) = memo.get(doc, a).and_then(|x| np::exact_of(x, e)) {
            // The object of a preposition is not the subject when a phrase before takes it in:
            // "officials at the port said", "economists polled by Reuters said", "residents
            // interviewed by the paper said".
            if a > lo && doc.is_func(a - 1, FuncType::Preposition) {
                for b in from..a - 1 {
                    if b > lo && !np::is_boundary(doc, b - 1) {
                        continue;
                    }
                    if let Some(m) = memo
                        .get(doc, b)
                        .and_then(|x| name_pp_of(doc, x, e))
                        .filter(|m| m.end == a - 1 || m.end == e)
                    {
                        return Some((m, Vec::new(), b));
                    }
                    // Not "a study by researchers at X": the agent of a document is the source.
                    let by = doc.tok_text(a - 1).eq_ignore_ascii_case("by");
                    let pp = if by {
                        None
                    } else {
                        memo.get(doc, b).and_then(|x| pp_tail_of(doc, x, e))
                    };
                    if let Some(m) =
                        pp.or_else(|| memo.get(doc, b).and_then(|x| postmodifier_of(doc, x, e)))
                    {
                        return Some((m, Vec::new(), b));
                    }
                }
            }
            return Some((n, Vec::new(), a));
        }
    }
    // A pronoun needs no boundary: "what she called", "as he put it".
    if let Some(n) = memo
        .get(doc, e - 1)
        .and_then(|x| np::exact_of(x, e))
        .filter(|n| n.kind == NpKind::Pronoun)
    {
        return Some((n, Vec::new(), e - 1));
    }
    // A determiner and unknown role words: "the harbour master said".
    for a in lo.max(e.saturating_sub(5))..e {
        if a > lo && !np::is_boundary(doc, a - 1) {
            continue;
        }
        if let Some(n) = unknown_role(doc, lo, a, e) {
            return Some((n, Vec::new(), a));
        }
    }
    // A bare plural the lexicon does not know, after a comma or a quotation: "…, planners
    // warned", "\"…,\" forecasters said", "…, town planners said".
    for a in lo.max(e.saturating_sub(2))..e {
        if let Some(n) = bare_plural(doc, lo, a, e) {
            return Some((n, Vec::new(), a));
        }
    }
    // A phrase with a post-modifier: "the mediator overseeing the talks said",
    // "a diplomat who attended the talks said", "workers at the plant said".
    for a in lo.max(e.saturating_sub(20))..e {
        if a > lo && !np::is_boundary(doc, a - 1) {
            continue;
        }
        let Some(set) = memo.get(doc, a) else {
            continue;
        };
        if let Some(n) = postmodifier_of(doc, set, e)
            .or_else(|| pp_tail_of(doc, set, e))
            .or_else(|| name_pp_of(doc, set, e))
        {
            return Some((n, Vec::new(), a));
        }
    }
    // "One diplomat said …. Another said …": one of a group just named, opening its sentence;
    // "…, one of them said".
    if np::lone_of_group(doc, lo, e) {
        return np::generic(doc, lo, e).map(|n| (n, Vec::new(), lo));
    }
    let a = e.saturating_sub(3);
    if a > lo && np::is_boundary(doc, a - 1) && np::lone_of_group(doc, a, e) {
        return np::generic(doc, a, e).map(|n| (n, Vec::new(), a));
    }
    None
}

/// How many starts before the verb the subject search reads (the longest window above).
const SUBJECT_WINDOW: usize = 20;

/// The phrases starting at each token of `[from, e)` and ending by `e`, parsed on first use
/// ([`np::words_at`]) and kept for the rest of one subject search.
struct StartMemo<'a> {
    from: usize,
    e: usize,
    sets: [Option<Option<NpSet<'a>>>; SUBJECT_WINDOW],
}

impl<'a> StartMemo<'a> {
    fn new(from: usize, e: usize) -> Self {
        StartMemo {
            from,
            e,
            sets: std::array::from_fn(|_| None),
        }
    }

    /// The phrases at `a` (none when `[a, e)` holds anything but words).
    fn get(&mut self, doc: &Doc<'a>, a: usize) -> Option<&NpSet<'a>> {
        let (from, e) = (self.from, self.e);
        let slot = a.checked_sub(from).and_then(|k| self.sets.get_mut(k))?;
        slot.get_or_insert_with(|| np::words_at(doc, a, e)).as_ref()
    }
}

/// A determiner and role words the lexicon does not know, exactly `[a, e)`: "the harbour
/// master", "a senior banker". Not after a preposition ("the company behind the new mine
/// says"), and not before a bare verb form ("the impact report found": "report" is a noun
/// there) unless the words end in a plural, whose verb that form is ("some growers say").
fn unknown_role<'a>(doc: &Doc<'a>, lo: usize, a: usize, e: usize) -> Option<Np<'a>> {
    let after_prep = a > lo && doc.is_func(a - 1, FuncType::Preposition);
    let bare = verb_at(doc, e).is_some_and(|v| v.form == VerbForm::Base)
        && !(e > a && super::coref::looks_plural(doc.tok_text(e - 1)));
    if after_prep || bare || !doc.is_func(a, FuncType::Determiner) || e < a + 2 {
        return None;
    }
    if !(a + 1..e)
        .all(|t| doc.is_word(t) && !np::is_function_word(doc, t) && verb_at(doc, t).is_none())
    {
        return None;
    }
    np::generic(doc, a, e)
}

/// Lower-case words `[a, e)` (one or two) ending in a plural the lexicon does not know
/// ("planners", "town planners"), right after a comma or a quotation: a group speaker.
fn bare_plural<'a>(doc: &Doc<'a>, lo: usize, a: usize, e: usize) -> Option<Np<'a>> {
    if a <= lo || e <= a || !(doc.is_punct(a - 1, ",") || doc.quote_of(a - 1).is_some()) {
        return None;
    }
    let plain = |t: usize| {
        doc.is_word(t)
            && !doc.is_cap(t)
            && !np::is_function_word(doc, t)
            && verb_at(doc, t).is_none()
            && !is_finite_verbish(doc, t)
    };
    let head = doc.tok_text(e - 1);
    let plural = head.len() > 4
        && head.bytes().all(|c| c.is_ascii_lowercase())
        && head.ends_with('s')
        && !head.ends_with("ss")
        && !head.ends_with("us")
        && !head.ends_with("is");
    if !plural || !(a..e).all(plain) {
        return None;
    }
    np::generic(doc, a, e)
}

/// A descriptive phrase of `set` (the phrases parsed at one start, [`np::words_at`]) whose
/// prepositional tail runs up to `e`: "a senior manager at the mine".
fn pp_tail_of<'a>(doc: &Doc<'a>, set: &NpSet<'a>, e: usize) -> Option<Np<'a>> {
    // The longest role that a preposition follows: not one that ran on into the prepositional
    // phrase and stopped inside it ("a lawmaker from the Farmers' | Bloc").
    let mut n = set
        .iter()
        .filter(|n| {
            n.end < e
                && n.kind == NpKind::Role
                && !n.possessive
                && doc.is_func(n.end, FuncType::Preposition)
        })
        .max_by_key(|n| n.end)?
        .clone();
    // A verb form after a determiner or a possessive is a noun: "officials in the state said".
    let noun_use = |t: usize| {
        t > 0 && (doc.is_func(t - 1, FuncType::Determiner) || np::is_possessive(doc, t - 1))
    };
    let ok = e - n.end >= 2
        && e - n.end <= 8
        && (n.end..e).all(|t| {
            (verb_at(doc, t).is_none() || noun_use(t)) && !doc.is_func(t, FuncType::Modal)
        });
    if ok {
        n.end = e;
        // "A Department for Education source": a lower-case person noun closing the phrase
        // right after a name is its head, the name a modifier (not "an aide to the transport
        // minister", whose head is "aide").
        let last = e - 1;
        if !doc.is_cap(last) && doc.is_cap(last - 1) {
            if let Some(m) = np::word_noun(doc, last, NounKind::Person) {
                n.head = Some((last, e, m));
                n.head_title = None;
                n.titles = np::Titles::default();
            }
        }
        Some(n)
    } else {
        None
    }
}

/// "Mayor Ana Ruiz of Springfield said", "Nadia Brook of Harbour Economics said": a name of
/// `set` right before a preposition whose short phrase runs up to `e` is the speaker, the phrase
/// an affiliation; "the Bank of Ostmark said": a capitalised organisation noun closing the name
/// goes on through "of" or "for" to `e`, one name.
fn name_pp_of<'a>(doc: &Doc<'a>, set: &NpSet<'a>, e: usize) -> Option<Np<'a>> {
    let mut m = set
        .iter()
        .filter(|n| {
            n.kind == NpKind::Name
                && !n.possessive
                && n.end < e
                && doc.is_func(n.end, FuncType::Preposition)
        })
        .max_by_key(|n| n.end)?
        .clone();
    // A name of two words or a title: one capitalised word ("Negotiations with the two coastal
    // states are …") is too often a common word.
    if m.name.is_none_or(|(a, b)| b - a < 2) && m.titles.is_empty() {
        return None;
    }
    let p = m.end;
    if e - p < 2 || e - p > 10 || !(p + 1..e).all(|t| doc.is_word(t) && verb_at(doc, t).is_none()) {
        return None;
    }
    if np::org_name_goes_on(doc, p - 1, p) {
        m.name = m.name.map(|(s0, _)| (s0, e));
        m.end = e;
    }
    Some(m)
}

/// A speaker phrase of `set` (the phrases parsed at one start, [`np::words_at`]) followed by a
/// participle or relative clause running up to `e`.
fn postmodifier_of<'a>(doc: &Doc<'a>, set: &NpSet<'a>, e: usize) -> Option<Np<'a>> {
    let n = set
        .iter()
        .filter(|n| n.end < e && n.kind != NpKind::Pronoun && !n.possessive)
        .max_by_key(|n| n.end)?
        .clone();
    let mut m = n.end;
    // A role's short prepositional phrase may come first: "a lawmaker from the Farmers' Bloc
    // who attended the session".
    if n.kind == NpKind::Role && doc.is_func(m, FuncType::Preposition) {
        let plain = |t: usize| {
            doc.is_word(t)
                && verb_at(doc, t).is_none()
                && !doc.is_func(t, FuncType::Modal)
                && !doc.is_func(t, FuncType::Auxiliary)
        };
        if let Some(r) = (m + 1..e.min(m + 8))
            .take_while(|&t| plain(t) || np::is_relative(doc, t))
            .find(|&t| np::is_relative(doc, t))
        {
            m = r;
        }
    }
    let w = doc.tok_text(m);
    let opens = np::is_relative(doc, m)
        || lower_is(w, &["that"])
        || (ends_with_lower(w, "ing") && w.len() > 4)
        || (ends_with_lower(w, "ed") && doc.is_func(m + 1, FuncType::Preposition));
    // No speech verb in the modifier but its own first word; a verb form after a determiner or
    // a possessive is a noun ("an engineer who has read the company's reports").
    let clean = (m..e).all(|t| {
        verb_at(doc, t).is_none_or(|_| {
            t == m || doc.is_func(t - 1, FuncType::Determiner) || np::is_possessive(doc, t - 1)
        })
    });
    if !(opens && clean && e - m >= 2 && e - m <= 12) {
        return None;
    }
    // "Musicians who played the club": an unnamed speaker is described by the whole phrase.
    let mut n = n;
    if n.kind == NpKind::Role {
        n.end = e;
    }
    Some(n)
}

/// `X was quoted (by Y) as saying`, `Y quoted X as saying`.
fn quoted_as<'a>(
    doc: &Doc<'a>,
    s: Sentence,
    v: usize,
    verb: &'a Verb,
    before: &[Attr<'a>],
) -> Option<(Attr<'a>, usize)> {
    let (lo, hi) = (s.start, s.end);
    let _ = before;
    let passive = v > lo && doc.is_func(v - 1, FuncType::Auxiliary);
    let i = Toks::new(doc, v + 1, hi);
    if passive {
        // "was quoted on Monday by Kyodo as saying", "was quoted by Kyodo last year as saying".
        let (r, agent) = nom::combinator::opt(by_agent).parse(skip_time(i)).ok()?;
        let (r, ing) = as_saying(skip_time(r)).ok()?;
        let mut aux = v - 1;
        while aux > lo && doc.is_func(aux - 1, FuncType::Auxiliary)
            || aux > lo && is_adverbish(doc, aux - 1)
        {
            aux -= 1;
        }
        let (np, apps, left) = find_subject(doc, lo, aux)?;
        let mut a = Attr::new((aux, ing + 1), CueKind::QuotedAs, Some(verb));
        a.verb = verb_at(doc, ing).or(Some(verb));
        a.speaker = Some(np);
        a.appositives = apps;
        a.left = left;
        a.chain.extend(agent);
        complement(doc, s, r.start, &mut a);
        if a.content.is_none() && a.quotes.is_empty() {
            left_side(doc, s, &mut a);
        }
        return Some((a, ing + 1));
    }
    // Active: subject Y, object X.
    let mut e = v;
    while e > lo && is_adverbish(doc, e - 1) {
        e -= 1;
    }
    let (relay, _, left) = find_subject(doc, lo, e)?;
    // "quoted him as saying": an object pronoun too.
    let obj = np::parse_forward(doc, v + 1, hi).or_else(|| np::object_pronoun(doc, v + 1))?;
    // An aside between commas may come first: "quoted General Salem al-Warfalli, who commands
    // the coastguard, as saying".
    let after = if doc.is_punct(obj.end, ",") {
        let c = next_comma(doc, obj.end + 1, hi);
        if c < hi && c - obj.end <= 20 && (obj.end + 1..c).all(|t| doc.is_word(t)) {
            c + 1
        } else {
            obj.end
        }
    } else {
        obj.end
    };
    let (r, ing) = as_saying(Toks::new(doc, after, hi))
        .or_else(|_| as_saying(Toks::new(doc, obj.end, hi)))
        .ok()?;
    let mut a = Attr::new(
        (v, ing + 1),
        CueKind::QuotedAs,
        verb_at(doc, ing).or(Some(verb)),
    );
    a.speaker = Some(obj);
    a.left = left;
    a.chain.push(relay);
    complement(doc, s, r.start, &mut a);
    if a.content.is_none() && a.quotes.is_empty() {
        left_side(doc, s, &mut a);
    }
    Some((a, ing + 1))
}

/// `according to X`, `as reported by X`, `citing X` at tokens `[ps, pe)`.
/// How many earlier attributions of the sentence a cue looks back over.
const NEAR_ATTRS: usize = 64;

fn phrase_cue<'a>(
    doc: &Doc<'a>,
    s: Sentence,
    ps: usize,
    pe: usize,
    ct: CueType,
    before: &[Attr<'a>],
) -> Option<Attr<'a>> {
    let (lo, hi) = (s.start, s.end);
    // "according to the harbour master": unknown words still name a source there, but what a
    // story is "citing" may be a reason ("citing weaker exports"): only a known kind of source.
    let who = np::parse_forward(doc, pe, hi).or_else(|| {
        (ct != CueType::Citing)
            .then(|| np::generic(doc, pe, hi))
            .flatten()
    })?;
    // "citing patient privacy": a bare singular role word before another word modifies it; a
    // source cited is a name, a plural or a phrase with a determiner.
    let modifier = who.kind == NpKind::Role
        && !who.definite
        && !who.indefinite
        && !who.plural()
        && doc.is_word(who.end)
        && !doc.is_cap(who.end);
    if ct == CueType::Citing && modifier {
        return None;
    }
    let kind = match ct {
        CueType::According => CueKind::According,
        CueType::ReportedBy => CueKind::ReportedBy,
        _ => CueKind::Citing,
    };
    let mut a = Attr::new((ps, pe), kind, None);
    a.left = if ps > lo && doc.is_punct(ps - 1, ",") {
        ps - 1
    } else {
        ps
    };
    a.speaker = Some(who.clone());
    let initial = ps == lo || (ps > lo && (0..ps - lo).all(|d| !doc.is_word(lo + d)));
    if initial && ct == CueType::According {
        // "According to X, the company paid …"
        let c = next_comma(doc, who.end, hi);
        let start = if c < hi && c <= who.end + 6 {
            c + 1
        } else {
            who.end
        };
        // "In the words of the coach, "…"": a quotation alone after it is the source's own.
        if doc.quote_of(start).is_some() && skip_final_punct_back(doc, start, hi) == start + 1 {
            a.quotes.push(start);
            return Some(a);
        }
        set_content(doc, s, start, &mut a);
        return a.content.map(|_| a);
    }
    // Final: "…, according to X." The clause before belongs to an attribution already found,
    // or is X's claim.
    if initial && ct == CueType::Citing {
        // "Citing two sources, the Chronicle reported that …": the sources speak, the paper relays.
        return Some(a);
    }
    // The nearest attributions only: a real sentence has a handful, and a hostile one with
    // thousands must not be scanned again at each cue.
    let claimed = before
        .iter()
        .rev()
        .take(NEAR_ATTRS)
        .any(|b| !b.meta && (b.content.is_some() || !b.quotes.is_empty()) && b.cue.0 < ps);
    if claimed && ct != CueType::Citing {
        a.chain.push(who);
        a.speaker = None;
        a.content = None;
        return Some(a);
    }
    if claimed {
        // "X reported …, citing Y": Y is the source, X relays.
        a.speaker = Some(who);
        return Some(a);
    }
    // "The paper, citing two officials, said …": an aside between commas before the cue; the
    // sources speak and the subject relays them (as with an initial "Citing …").
    let aside_end = next_comma(doc, who.end, hi);
    if ct == CueType::Citing
        && a.left < ps
        && aside_end < hi
        && aside_end - who.end <= 6
        && (who.end..aside_end).all(|t| doc.is_word(t))
    {
        return Some(a);
    }
    // A bare "reported by" (no "as") closes the sentence when it relays a claim ("…, reported
    // by the Tribune on Monday."); inside it, it is a modifier: "The leak, first reported by
    // the Tribune, was found on Sunday".
    let rest = skip_final_punct_back(doc, who.end, hi);
    if ct == CueType::ReportedBy
        && !doc.tok_text(ps).eq_ignore_ascii_case("as")
        && rest > who.end
        && !is_tail(doc, who.end, rest)
    {
        return None;
    }
    let end = a.left;
    if end > lo + 2 {
        a.content = Some((lo, end));
        Some(a)
    } else {
        None
    }
}

/// Pairs of token indices, one per attribution of a sentence: on the stack for the usual few,
/// in a vector for more (no allocation per sentence).
pub(crate) enum SmallPairs {
    Inline([(usize, usize); SmallPairs::INLINE], usize),
    Heap(Vec<(usize, usize)>),
}

impl SmallPairs {
    const INLINE: usize = 8;

    pub(crate) fn of(mut items: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut buf = [(0, 0); Self::INLINE];
        let mut n = 0;
        while let Some(x) = items.next() {
            match buf.get_mut(n) {
                Some(slot) => *slot = x,
                None => {
                    let mut v = buf.to_vec();
                    v.push(x);
                    v.extend(items);
                    return SmallPairs::Heap(v);
                }
            }
            n += 1;
        }
        SmallPairs::Inline(buf, n)
    }

    /// The pairs, sorted.
    pub(crate) fn sorted(&mut self) -> &[(usize, usize)] {
        let v: &mut [(usize, usize)] = match self {
            SmallPairs::Inline(buf, n) => buf.get_mut(..*n).unwrap_or_default(),
            SmallPairs::Heap(v) => v,
        };
        v.sort_unstable();
        v
    }
}

/// Cuts each reported clause where a later attribution's structure begins, and resolves
/// chains from final `according to` / `as reported by` / `citing` cues.
fn cut_contents<'a>(doc: &Doc<'a>, s: Sentence, out: &mut [Attr<'a>]) {
    // Each clause ends where the next attribution's structure begins: the first `left` after
    // the clause start whose cue is after it too, by binary search over the sorted lefts.
    let mut lefts = SmallPairs::of(out.iter().map(|a| (a.left, a.cue.0)));
    let lefts = lefts.sorted();
    // The same by cue: a clause inside the subject of the next cue ends before that cue ("The
    // agency, which asked that its name be withheld, said …").
    let mut cues = SmallPairs::of(out.iter().map(|a| (a.cue.0, a.left)));
    let cues = cues.sorted();
    for a in out.iter_mut() {
        if let Some((cs, ce)) = a.content {
            let from = lefts.partition_point(|&(l, _)| l <= cs);
            // Its own structure is not a next one: a parenthetical cue lies inside its clause.
            let own = (a.left, a.cue.0);
            let mut end = lefts
                .get(from..)
                .unwrap_or(&[])
                .iter()
                .find(|&&(l, c)| c > cs && (l, c) != own)
                .map_or(ce, |&(l, _)| l.min(ce));
            let next = cues.get(cues.partition_point(|&(c, _)| c <= a.cue.0));
            if let Some(&(c, _)) = next.filter(|&&(c, l)| c > cs && l <= a.cue.0) {
                end = end.min(c);
            }
            // ", and raised their rating": a past form right after a comma and a coordinator
            // has no subject of its own, so it is the speaker's next act. The comma may sit
            // inside a closing quotation mark (a quotation is one token): `were "overdue," and
            // raised`, where the clause keeps the quotation.
            let next_act = |j: usize| np::is_coordinator(doc, j) && is_past(doc, j + 1);
            let comma_before = |j: usize| {
                if doc.is_punct(j - 1, ",") {
                    Some(j - 1)
                } else {
                    (doc.quote_of(j - 1).is_some()
                        && doc.tok_text(j - 1).chars().rev().nth(1) == Some(','))
                    .then_some(j)
                }
            };
            // The cheap test first: most words follow no comma.
            if let Some(c) = (cs + 2..end.saturating_sub(1))
                .find_map(|j| comma_before(j).filter(|_| next_act(j)))
            {
                end = c;
            }
            // A clause cut before ", and stressed that …" ends before its comma.
            while end < ce && end > cs && doc.is_punct(end - 1, ",") {
                end -= 1;
            }
            let end = skip_final_punct_back(doc, cs, end);
            a.content = (end > cs).then_some((cs, end));
        }
    }
    nest_contents(doc, out);
    // Relays: a final "according to X" with no speaker adds X to every earlier attribution
    // since the previous relay; a "citing Y" makes Y the source of the attributions between
    // the relays or citings around it. Each attribution is reached from one relay at most, so
    // the pass is linear however many cues a sentence holds.
    let mut scope = 0;
    for k in 0..out.len() {
        let relay = match out.get(k) {
            Some(r)
                if r.speaker.is_none()
                    && matches!(r.kind, CueKind::According | CueKind::ReportedBy) =>
            {
                r.chain.first().cloned()
            }
            _ => None,
        };
        if let Some(rel) = relay {
            for a in out.get_mut(scope..k).unwrap_or_default() {
                if a.content.is_some() || !a.quotes.is_empty() {
                    a.chain.push(rel.clone());
                }
            }
            scope = k + 1;
        }
        let citing = match out.get(k) {
            Some(r) if r.kind == CueKind::Citing && r.content.is_none() => r.speaker.clone(),
            _ => None,
        };
        if let Some(src) = citing {
            let next = (k + 1..out.len())
                .find(|&j| {
                    out.get(j).is_some_and(|r| {
                        (r.kind == CueKind::Citing && r.content.is_none())
                            || (r.speaker.is_none()
                                && matches!(r.kind, CueKind::According | CueKind::ReportedBy))
                    })
                })
                .unwrap_or(out.len());
            let from = scope;
            scope = k + 1;
            for (j, a) in out.iter_mut().enumerate().take(next).skip(from) {
                if j == k {
                    continue;
                }
                if a.content.is_some() || !a.quotes.is_empty() {
                    if let Some(old) = a.speaker.replace(src.clone()) {
                        a.chain.insert(0, old);
                    }
                }
            }
        }
    }
    let _ = s;
}

/// Whether token ranges `a` and `b` overlap without one containing the other.
fn crosses(a: (usize, usize), b: (usize, usize)) -> bool {
    (a.0 < b.0 && b.0 < a.1 && a.1 < b.1) || (b.0 < a.0 && a.0 < b.1 && b.1 < a.1)
}

/// Makes the reported clauses of a sentence nest or stay apart. Of two clauses that cross, the
/// weaker one gives way: one whose cue lies inside the other clause is part of what that clause
/// reports, so it is clipped to lie inside it (`Critics say X, he was quoted as saying`);
/// otherwise the clause that starts later is made to start where the other ends. A clause left
/// with no words is dropped. Every step shrinks a clause, so the loop ends.
fn nest_contents(doc: &Doc<'_>, out: &mut [Attr<'_>]) {
    let n = out.len();
    // A sentence with more attributions than any real one (hostile input) is left to the
    // report's `drop_crossing`, which is linear: the pairwise rounds here are not.
    if n > 16 {
        return;
    }
    // Each round shrinks at least one clause by a token; the bound is only a safeguard.
    let max_rounds = n.saturating_mul(n).saturating_add(1).saturating_mul(4);
    for _ in 0..max_rounds {
        let mut found = None;
        'pairs: for (i, a) in out.iter().enumerate() {
            let Some(ca) = a.content else { continue };
            for (j, b) in out.iter().enumerate().skip(i + 1) {
                let Some(cb) = b.content else { continue };
                if crosses(ca, cb) {
                    found = Some((i, ca, a.cue.0, j, cb, b.cue.0));
                    break 'pairs;
                }
            }
        }
        let Some((i, ca, qa, j, cb, qb)) = found else {
            return;
        };
        let inside = |t: usize, c: (usize, usize)| c.0 <= t && t < c.1;
        let (a_in_b, b_in_a) = (inside(qa, cb), inside(qb, ca));
        let (w, cw, cs) = if a_in_b && !b_in_a {
            (i, ca, cb)
        } else if b_in_a && !a_in_b {
            (j, cb, ca)
        } else if ca.0 > cb.0 {
            (i, ca, cb)
        } else {
            (j, cb, ca)
        };
        let (mut from, mut to) = if inside(out.get(w).map_or(usize::MAX, |x| x.cue.0), cs) {
            (cw.0.max(cs.0), cw.1.min(cs.1))
        } else {
            (cw.0.max(cs.1), cw.1)
        };
        while from < to
            && (doc.is_punct(from, ",") || doc.is_punct(from, ";") || doc.is_punct(from, ":"))
        {
            from += 1;
        }
        to = skip_final_punct_back(doc, from, to);
        while to > from && (doc.is_punct(to - 1, ",") || doc.is_punct(to - 1, ";")) {
            to -= 1;
        }
        if let Some(x) = out.get_mut(w) {
            // Always strictly smaller than before, so the rounds make progress.
            x.content = (to > from && (from, to) != cw).then_some((from, to));
        }
    }
    // Still crossing after the safeguard bound (not expected): drop the later clauses.
    for k in 0..n {
        let Some(ck) = out.get(k).and_then(|x| x.content) else {
            continue;
        };
        for x in out.iter_mut().skip(k + 1) {
            if x.content.is_some_and(|c| crosses(c, ck)) {
                x.content = None;
            }
        }
    }
}

/// Anonymity phrases in tokens `[from, to)`: (request, reason) token ranges.
pub fn anonymity(
    doc: &Doc<'_>,
    from: usize,
    to: usize,
) -> (Option<(usize, usize)>, Option<(usize, usize)>) {
    let mut request = None;
    let mut reason = None;
    let mut t = from;
    while t < to {
        if !doc.has(t, TokClass::STARTS_ANON) {
            t += 1;
            continue;
        }
        if let Ok((_, (s, e, ty))) = phrase(|x: &Tag| match x {
            Tag::Anon(a) => Some(*a),
            _ => None,
        })(Toks::new(doc, t, to))
        {
            match ty {
                AnonType::Request => {
                    request.get_or_insert((s, e + 1));
                    // A reason clause may follow the request: "… because the talks are private".
                    if let Ok((_, (rs, _, AnonType::ReasonIntro | AnonType::Reason))) =
                        phrase(|x: &Tag| match x {
                            Tag::Anon(a) => Some(*a),
                            _ => None,
                        })(Toks::new(doc, e + 1, to))
                    {
                        let re = next_comma(doc, rs, to);
                        let re = skip_final_punct_back(doc, rs, re);
                        if re > rs + 1 {
                            reason.get_or_insert((rs, re));
                        }
                    }
                }
                AnonType::Reason => {
                    // Extend a "because …"/"not authorized to …" phrase to the clause end.
                    let mut rs = s;
                    if rs > from && doc.is_func(rs - 1, FuncType::Connective) {
                        rs -= 1;
                    }
                    let re = skip_final_punct_back(doc, rs, next_comma(doc, e + 1, to));
                    reason.get_or_insert((rs, re.max(e + 1)));
                }
                _ => {}
            }
            t = e + 1;
            continue;
        }
        t += 1;
    }
    (request, reason)
}
