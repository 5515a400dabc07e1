//! Attribution constructions within one sentence, as nom parsers over its phrases
//! ([`crate::syntax`]): each finds a cue, its speaker phrase and what it attributes (a reported
//! clause, or the quotations next to it).
//!
//! For each sentence, the anchors are read in text order and each is tried against the
//! constructions in this order (the first that matches wins):
//!
//! 1. [`cue_phrase`]: `according to X`, `as reported by X`, `citing X`, and the venue phrases
//!    (`in a statement`, `in an interview with X`) that attach to the cue before them;
//! 2. [`quoted_as`]: `X was quoted (by Y) as saying …`, `Y quoted X as saying …`;
//! 3. [`participle`]: `…, adding that …`, `issued a statement saying …`;
//! 4. [`reported`]: a speech verb group with its subject: `X said (that) …`, `X told Y …`,
//!    `X asked whether …`, `X said: "…"`, a relative `…, who said …`, a coordinated `… and
//!    added that …`, a parenthetical `A, X said, B`, a postposed `…, X said.`;
//! 5. [`inverted`]: `"…," said X`, `…, said X, the mayor.`
//!
//! After them, in a sentence with none, [`colon`] (`Dana Velk: the fare will not rise`); then the
//! beliefs of the sentence and [`noun_cue`] (`his claim that …`), each kept out of the
//! attributions already found.
//!
//! Then [`contents`] makes each reported clause end where its clause ends or the next
//! attribution begins, makes the clauses of the sentence nest, and spreads the relays of
//! final `according to` and `citing` cues.

mod anonymity;
mod colon;
mod complement;
mod contents;
mod credit;
mod cue_phrase;
mod inverted;
mod noun_cue;
mod participle;
mod quoted_as;
mod reported;
mod speaker;
#[cfg(test)]
mod tests;
mod transcript;
mod work_title;

pub use anonymity::anonymity;
pub use speaker::subject_speaker;
pub use work_title::{is_title, quoted_title};

use super::np::Np;
use crate::grammar::{Tag, Verb, VerbKind};
use crate::syntax::{Clause, PhraseFlag, PhraseKind};
use crate::text::{Doc, Sentence, TokClass};
use crate::thin::Thin;

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
    /// A noun naming a claim: `his claim that …`.
    Noun,
    /// A name and a colon before the words: `Mark Velk: the fare will not rise`.
    Colon,
}

/// What a reported content is, when it is no clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContentForm {
    /// A clause, or what stands for one ("said the plan was dead", "said: the plan …").
    #[default]
    Clause,
    /// A noun phrase, the object of a speech act ("denied the charges", "accused Lee of
    /// lying", "reiterated his commitment to …").
    NounPhrase,
    /// A to-infinitive, with its hearer for a request ("vowed to scrap the tax", "urged
    /// residents to boil water").
    Infinitive,
    /// A question ("asked whether it was a stunt", "asked why the plan failed").
    Question,
}

/// Where the speaker of a participle or coordinated cue comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inherit {
    /// An earlier attribution of the same sentence (32 bits: fewer than tokens).
    Attr(u32),
    /// The subject phrase at the sentence start.
    Subject,
}

impl Inherit {
    /// The speaker a cue with none of its own takes after the attributions `out` found before
    /// it in the sentence: the last one with a speaker (or inheriting one), else the subject.
    pub fn from_earlier(out: &[Attr<'_>]) -> Inherit {
        match out
            .iter()
            .rposition(|x| x.speaker.is_some() || x.inherit.is_some())
        {
            Some(k) => Inherit::Attr(tok32(k)),
            None => Inherit::Subject,
        }
    }
}

/// One attribution found in a sentence. Token positions are into the document's tokens, in 32
/// bits (a long sentence can hold an attribution every few words; a document has fewer than
/// 2^32 tokens).
#[derive(Debug, Clone)]
pub struct Attr<'a> {
    /// Cue tokens `[start, end)`: [`Attr::cue`].
    cue_at: (u32, u32),
    /// The cue verb, when there is one.
    pub verb: Option<&'a Verb>,
    /// How it was cued.
    pub kind: CueKind,
    /// The speaker phrase.
    pub speaker: Option<Np<'a>>,
    /// Other phrases naming the same speaker (appositives): titles, anonymity.
    pub appositives: Thin<Np<'a>>,
    /// For participle and coordinated cues: whose speaker.
    pub inherit: Option<Inherit>,
    /// Reported clause tokens `[start, end)`: [`Attr::content`].
    content_at: Option<(u32, u32)>,
    /// Quotations attributed directly (token indices of quote tokens).
    pub quotes: Thin<usize>,
    /// Relays named in the construction (`by Kyodo`, `told Reuters`), nearest first.
    pub chain: Thin<Np<'a>>,
    /// `expressed these sentiments`: a cue about words reported elsewhere.
    pub meta: bool,
    /// The first token of this attribution's structure (its subject, or the comma before it):
    /// [`Attr::left`].
    left_at: u32,
    /// Whether the speaker was named after the cue (`said X`).
    pub inverted: bool,
    /// Venue phrase (`in a press briefing`), in 32-bit token indices: [`Attr::venue`].
    venue_at: Option<(u32, u32)>,
    /// The attribution whose speaker relayed these words (`X said that Y had said …`):
    /// [`Attr::relayed_by`].
    relayed_at: Option<u32>,
    /// The clause (index into [`Doc::clauses`]) the cue's verb heads, if any: [`Attr::clause`].
    clause_at: Option<u32>,
    /// What its content is.
    pub form: ContentForm,
}

/// Pushes `n` onto `v`, a list (an attribution's relays or appositives) that mostly holds one
/// phrase: a [`Thin`] list makes room for one at its first push, not the four a `Vec` makes (a
/// phrase is about 140 bytes, and a long sentence can hold an attribution every few words).
pub(super) fn push_np<'a>(v: &mut Thin<Np<'a>>, n: Np<'a>) {
    v.push(n);
}

/// `x` (a token or attribution index) in 32 bits: a document read up to 4 GiB has fewer.
fn tok32(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

impl<'a> Attr<'a> {
    /// Cue tokens `[start, end)`.
    pub fn cue(&self) -> (usize, usize) {
        (self.cue_at.0 as usize, self.cue_at.1 as usize)
    }

    /// Reported clause tokens `[start, end)`.
    pub fn content(&self) -> Option<(usize, usize)> {
        self.content_at.map(|(a, b)| (a as usize, b as usize))
    }

    /// Sets the reported clause.
    pub fn set_content(&mut self, content: Option<(usize, usize)>) {
        self.content_at = content.map(|(a, b)| (tok32(a), tok32(b)));
    }

    /// The first token of this attribution's structure (its subject, or the comma before it).
    pub fn left(&self) -> usize {
        self.left_at as usize
    }

    /// Sets the first token of its structure.
    pub fn set_left(&mut self, left: usize) {
        self.left_at = tok32(left);
    }

    /// The clause (index into [`Doc::clauses`]) the cue's verb heads, if any.
    pub fn clause(&self) -> Option<usize> {
        self.clause_at.map(|c| c as usize)
    }

    /// Sets the clause the cue's verb heads.
    pub fn set_clause(&mut self, clause: Option<usize>) {
        self.clause_at = clause.map(tok32);
    }

    /// Venue phrase (`in a press briefing`): tokens `[start, end)`.
    pub fn venue(&self) -> Option<(usize, usize)> {
        self.venue_at.map(|(a, b)| (a as usize, b as usize))
    }

    /// Sets the venue phrase.
    pub fn set_venue(&mut self, venue: Option<(usize, usize)>) {
        self.venue_at = venue.map(|(a, b)| (tok32(a), tok32(b)));
    }

    /// The attribution (of the same sentence) whose speaker relayed these words.
    pub fn relayed_by(&self) -> Option<usize> {
        self.relayed_at.map(|k| k as usize)
    }

    /// Sets the attribution whose speaker relayed these words.
    pub fn set_relayed_by(&mut self, k: Option<usize>) {
        self.relayed_at = k.map(tok32);
    }

    fn new(cue: (usize, usize), kind: CueKind, verb: Option<&'a Verb>) -> Self {
        Attr {
            cue_at: (tok32(cue.0), tok32(cue.1)),
            verb,
            kind,
            speaker: None,
            appositives: Thin::new(),
            inherit: None,
            content_at: None,
            quotes: Thin::new(),
            chain: Thin::new(),
            meta: false,
            left_at: tok32(cue.0),
            inverted: false,
            venue_at: None,
            relayed_at: None,
            clause_at: None,
            form: ContentForm::Clause,
        }
    }

    /// Whether it attributes anything.
    pub fn claims(&self) -> bool {
        self.content().is_some() || !self.quotes.is_empty()
    }
}

/// A sentence read by the constructions: its phrases `[p0, p1)` and its clauses.
#[derive(Clone, Copy)]
pub struct Sent<'d, 'a> {
    /// The document.
    pub doc: &'d Doc<'a>,
    /// The sentence.
    pub s: Sentence,
    /// Its first phrase.
    pub p0: usize,
    /// One past its last phrase.
    pub p1: usize,
    /// Its clauses, as a range of [`Doc::clauses`].
    pub clauses: (usize, usize),
    /// Its first finite verb group (`p1` if none): "a finite verb before phrase `q`" is
    /// `first_finite < q`, read in constant time however long the sentence.
    pub first_finite: usize,
    /// Its first quotation (`p1` if none).
    pub first_quote: usize,
    /// Its first verb group that is no gerund (`p1` if none).
    pub first_verb: usize,
}

impl<'d, 'a> Sent<'d, 'a> {
    /// Sentence `s` of `doc`, with its layers.
    pub fn new(doc: &'d Doc<'a>, s: Sentence) -> Self {
        let (p0, p1) = crate::syntax::phrase_range(doc, s);
        // The first finite verb group, quotation and verb group (not a gerund), in one pass.
        let (mut first_finite, mut first_quote, mut first_verb) = (p1, p1, p1);
        let phrases = doc.phrases.get(p0..p1).unwrap_or_default();
        for (p, x) in (p0..).zip(phrases) {
            let vg = x.kind == PhraseKind::Vg;
            if vg && x.is(PhraseFlag::FINITE) {
                first_finite = first_finite.min(p);
            }
            if x.kind == PhraseKind::Quote {
                first_quote = first_quote.min(p);
            }
            if vg && !x.is(PhraseFlag::GERUND) {
                first_verb = first_verb.min(p);
            }
            if first_finite < p1 && first_quote < p1 && first_verb < p1 {
                break;
            }
        }
        Sent {
            doc,
            s,
            p0,
            p1,
            clauses: doc.clause_range(s),
            first_finite,
            first_quote,
            first_verb,
        }
    }

    /// Phrase `p`.
    pub fn ph(&self, p: usize) -> crate::syntax::Phrase {
        self.doc.phrases.get(p).copied().unwrap_or_default()
    }

    /// The first token of phrase `p` (the sentence end past the last phrase).
    pub fn tok(&self, p: usize) -> usize {
        if p >= self.p1 {
            self.s.end
        } else {
            self.ph(p).start as usize
        }
    }

    /// The phrase of token `t`.
    pub fn phrase_of(&self, t: usize) -> usize {
        self.doc.phrase_at(t).unwrap_or(self.p1)
    }

    /// Clause `c`.
    pub fn clause(&self, c: usize) -> Option<Clause> {
        self.doc.clauses.get(c).copied()
    }

    /// The innermost clause whose verb is phrase `v`.
    pub fn clause_of_verb(&self, v: usize) -> Option<usize> {
        self.indexed(self.doc.clause_index.verb.get(v))
    }

    /// The innermost clause holding phrase `p`.
    pub fn clause_at(&self, p: usize) -> Option<usize> {
        self.indexed(self.doc.clause_index.inner.get(p))
    }

    /// The end of the innermost clause holding phrase `p`, or the sentence's end.
    pub fn clause_end(&self, p: usize) -> usize {
        self.clause_at(p)
            .and_then(|c| self.clause(c))
            .map_or(self.p1, |c| c.end as usize)
    }

    /// The first complement clause that starts, or whose opener is, at phrase `p`.
    pub fn complement_at(&self, p: usize) -> Option<usize> {
        self.indexed(self.doc.clause_index.complement.get(p))
    }

    /// This sentence's clauses of phrase `p` in `groups` (those starting there, opened there,
    /// or whose subject starts there).
    pub fn clauses_of<'s>(
        &'s self,
        groups: &'s crate::syntax::clause::Groups,
        p: usize,
    ) -> impl Iterator<Item = Clause> + 's {
        groups
            .get(p)
            .iter()
            .map(|&c| c as usize)
            .filter(|c| (self.clauses.0..self.clauses.1).contains(c))
            .filter_map(|c| self.clause(c))
    }

    /// The start of the first main or coordinate clause after phrase `p`, or the sentence's end.
    pub fn next_main_clause(&self, p: usize) -> usize {
        match self.doc.clause_index.next_main.get(p) {
            Some(c) => (c as usize).min(self.p1),
            None => self.p1,
        }
    }

    /// Clause `c` (an index's answer), if it is one of this sentence's.
    fn indexed(&self, c: Option<u32>) -> Option<usize> {
        let c = c? as usize;
        (self.clauses.0..self.clauses.1).contains(&c).then_some(c)
    }

    /// Whether phrase `p` is a finite verb group.
    pub fn is_finite(&self, p: usize) -> bool {
        let x = self.ph(p);
        x.kind == PhraseKind::Vg && x.is(PhraseFlag::FINITE)
    }

    /// Whether phrase `p` is the punctuation mark `m`.
    pub fn is_punct(&self, p: usize, m: &str) -> bool {
        self.ph(p).kind == PhraseKind::Punct && self.doc.tok_text(self.tok(p)) == m
    }

    /// Whether phrase `p` is a comma or a dash (a mark that sets off an aside).
    pub fn is_aside_mark(&self, p: usize) -> bool {
        self.ph(p).kind == PhraseKind::Punct
            && (self.doc.is_punct(self.tok(p), ",") || self.doc.is_dash(self.tok(p)))
    }

    /// Whether phrase `p` is a quotation.
    pub fn is_quote(&self, p: usize) -> bool {
        p < self.p1 && self.ph(p).kind == PhraseKind::Quote
    }

    /// Whether phrase `p` is sentence-final punctuation (or past the end).
    pub fn is_final(&self, p: usize) -> bool {
        p >= self.p1 || self.is_punct(p, ".") || self.is_punct(p, "!") || self.is_punct(p, "?")
    }

    /// How many words (runs of text between spaces) phrases `[a, b)` hold, up to 64.
    pub fn words(&self, a: usize, b: usize) -> usize {
        let (ta, tb) = self.span(a, b);
        let start = self.doc.tokens.get(ta).map(|t| t.span().start);
        let end = tb
            .checked_sub(1)
            .and_then(|t| self.doc.tokens.get(t))
            .map(|t| t.span().end);
        match (start, end) {
            (Some(s), Some(e)) if e > s => self
                .doc
                .text
                .get(s..e)
                // (Counted up to 64: callers compare with a few.)
                .map_or(0, |w| w.split_whitespace().take(64).count()),
            _ => 0,
        }
    }

    /// The token range of phrases `[a, b)`, final punctuation left out.
    pub fn span(&self, a: usize, b: usize) -> (usize, usize) {
        let mut b = b.min(self.p1);
        while b > a && self.is_final(b - 1) {
            b -= 1;
        }
        (
            self.tok(a),
            if b > a {
                self.ph(b - 1).end as usize
            } else {
                self.tok(a)
            },
        )
    }
}

/// How many phrases after a naming cue are searched for a finite verb.
const REACH: usize = 48;

/// The lexicon's speech verb heading verb group `p`, when the tagger reads its head as a verb:
/// "said", "has told"; not "the report", "state media" (a noun, a modifier).
pub fn speech_verb<'a>(sent: &Sent<'_, 'a>, p: usize) -> Option<&'a Verb> {
    head_verb(sent, p, TokClass::VERB, |t| match t {
        Tag::Verb(v) => Some(v),
        _ => None,
    })
}

/// The verb of the lexicon `pick` takes from the tags of verb group `p`'s head, when the head
/// has the class bit `bit` of such a verb (its tags are read no further otherwise).
fn head_verb<'a>(
    sent: &Sent<'_, 'a>,
    p: usize,
    bit: u32,
    pick: impl FnMut(&'a Tag) -> Option<&'a Verb>,
) -> Option<&'a Verb> {
    let x = sent.ph(p);
    if x.kind != PhraseKind::Vg || !sent.doc.has(x.head(), bit) {
        return None;
    }
    sent.doc.word_tags(x.head()).find_map(pick)
}

/// Whether verb group `p` can cue a claim: not negated ("did not say"), not after a modal of
/// refusal or future ("will say" is allowed), not a passive ("was told"), not an infinitive
/// unless a lead-in phrase precedes it ("went on to say").
fn can_cue(sent: &Sent<'_, '_>, p: usize, v: &Verb) -> bool {
    let x = sent.ph(p);
    if x.is(PhraseFlag::NEGATED) || x.is(PhraseFlag::PASSIVE) {
        return false;
    }
    if x.is(PhraseFlag::INFINITIVE) && !reported::lead_in(sent, p) {
        return false;
    }
    // "will say", "can show", "would argue": a modal reports nothing said yet; but next to a
    // quotation the words are given ('"…," he will say', prepared remarks; 'could only quip:
    // "…"').
    let modal = (x.start as usize..x.head()).any(|t| sent.doc.tag(t) == crate::syntax::Tag::AuxMd);
    let quoted = p >= sent.p0 + 2 && sent.ph(p - 1).kind == PhraseKind::Np && sent.is_quote(p - 2)
        || sent.is_quote(p + 1)
        || (sent.is_punct(p + 1, ":") || sent.is_punct(p + 1, ",")) && sent.is_quote(p + 2);
    if modal && !quoted {
        return false;
    }
    // "faster than any forecast predicted": a comparison's clause reports nothing.
    let than = |q: usize| q >= sent.p0 && sent.doc.tok_eq_ci(sent.tok(q), "than");
    if p >= 2 && sent.ph(p - 1).kind == PhraseKind::Np && than(p - 2) {
        return false;
    }
    // "called off the deal", "a party called Anti-Prom": a naming verb with a particle, or its
    // participle right after a noun, names nothing said.
    if v.kind == VerbKind::Naming {
        let doc = sent.doc;
        let particle = doc.tag(x.head() + 1) == crate::syntax::Tag::AdpRp;
        // (A reduced relative after the clause's own verb: "organized a party called X"; not
        // "Critics at the time called/VBN it …", nor "which lawmakers called/VBN …".)
        let after_noun = participle_on_noun(sent, p)
            && !(p >= sent.p0 + 2 && sent.ph(p - 2).kind == PhraseKind::Wh);
        // ("A residents' league called Harbour Watch, founded by …, has begun …": right after
        // the sentence's subject, before a name, with the clause's finite verb after the name:
        // the subject's participle.)
        // (The verb of a clause whose subject is that name with an aside: not a coordinated
        // or relative clause's, "called X a leader who had been misunderstood".)
        let main = |q: usize| {
            sent.clause_of_verb(q)
                .and_then(|c| sent.clause(c))
                .and_then(|c| c.subject)
                .is_some_and(|s| s.start as usize == p + 1 && s.end > s.core_end)
        };
        let first_other = (p + 2..sent.p1.min(p + 2 + REACH))
            .find(|&q| sent.is_finite(q))
            .filter(|&q| main(q) && sent.ph(q - 1).kind != PhraseKind::Cconj);
        let named = p > sent.p0
            && sent.ph(p - 1).kind == PhraseKind::Np
            && sent.ph(p + 1).is(PhraseFlag::PROPER)
            && sent.first_finite >= p
            && first_other.is_some();
        if particle || after_noun || named {
            return false;
        }
    }
    // ("said in a statement posted on its website that …": a participle right after a noun
    // of another verb's tail, with no object, is the noun's, and cues nothing.)
    if participle_on_noun(sent, p) && sent.ph(p + 1).kind == PhraseKind::Prep {
        return false;
    }
    // ("found himself in a dispute", "finds its way to the city": a finding verb in a set
    // phrase of the lexicon, hedges.txt `type=set`, finds nothing.)
    if v.kind == VerbKind::Finding && set_phrase_at(sent.doc, x.head()) {
        return false;
    }
    // (Nor a manner verb's progressive: "the search was continuing "in heavy seas"".)
    let progressive = x.head() > x.start as usize && sent.doc.tag(x.head()).is_gerund();
    // ('"This is fantastic!" beamed Don Hart': one word right after a quotation is the verb,
    // whatever form the tagger gave it.)
    let after_quote = p > sent.p0 && sent.is_quote(p - 1) && x.end == x.start + 1;
    v.kind != VerbKind::Manner
        || (x.is(PhraseFlag::FINITE) || x.is(PhraseFlag::GERUND) || after_quote) && !progressive
}

/// Whether the verb group at phrase `p` is a one-word past participle right after a noun
/// phrase, past the sentence's first finite verb: a reduced relative clause on the noun ("a
/// statement posted on Facebook", "organized a party called X").
fn participle_on_noun(sent: &Sent<'_, '_>, p: usize) -> bool {
    let x = sent.ph(p);
    x.end == x.start + 1
        && sent.doc.tag(x.head()) == crate::syntax::Tag::VerbVbn
        && p > sent.p0
        && sent.ph(p - 1).kind == PhraseKind::Np
        && sent.first_finite < p
}

/// Whether a set phrase of the lexicon (hedges.txt `type=set`) starts at token `t`.
fn set_phrase_at(doc: &Doc<'_>, t: usize) -> bool {
    let set = Tag::Hedge(crate::grammar::HedgeType::SetPhrase);
    doc.tok_hits(t)
        .iter()
        .any(|h| doc.grammar.tag(h.pattern).contains(&set))
}

/// The speaker of the subject of sentence `s`'s first clause, for a participle or coordinated
/// cue with no attribution before it to inherit from.
pub fn sentence_subject<'a>(doc: &Doc<'a>, s: Sentence) -> Option<(Np<'a>, Vec<Np<'a>>, usize)> {
    let sent = Sent::new(doc, s);
    let main = sent.clauses.0;
    // (After an opening adverbial or participial clause, "Noting that …, Allen said …", the
    // main clause goes on in the first clause after it with a subject.)
    let c = sent
        .clause(main)
        .filter(|c| c.subject.is_some())
        .or_else(|| {
            (main + 1..sent.clauses.1.min(main + 16))
                .filter_map(|k| sent.clause(k))
                .find(|c| {
                    c.kind == crate::syntax::ClauseKind::Coordinate
                        && c.parent.is_some_and(|x| x as usize == main)
                        && c.subject.is_some()
                })
        });
    // ("The senator paused/VBN before saying …": a main clause with no verb, whose opening
    // noun phrase stands before a lone past participle the tagger read in place of its past
    // tense: that noun phrase.)
    let misread = || {
        let (p0, x, v) = (sent.p0, sent.ph(sent.p0), sent.ph(sent.p0 + 1));
        let lone_participle = v.kind == PhraseKind::Vg
            && v.end == v.start + 1
            && doc.tag(v.start as usize) == crate::syntax::Tag::VerbVbn;
        let verbless = sent.clause(main).is_some_and(|m| m.verb.is_none());
        (x.kind == PhraseKind::Np && lone_participle && verbless).then_some(
            crate::syntax::Subject {
                start: p0 as u32,
                end: p0 as u32 + 1,
                core_end: p0 as u32 + 1,
                head: p0 as u32,
            },
        )
    };
    let subject = c.and_then(|c| c.subject).or_else(misread)?;
    subject_speaker(&sent, subject)
}

/// Finds every attribution in sentence `s`.
pub fn attributions<'a>(doc: &Doc<'a>, s: Sentence) -> Vec<Attr<'a>> {
    let mut out = Vec::new();
    attributions_into(doc, s, &mut out);
    out
}

/// Phrases beyond which a sentence's attribution list is reserved to its bound ([`cue_bound`]).
const LONG_SENTENCE: usize = 256;

/// At most how many attributions sentence `sent` makes: one for each verb group headed by a
/// speech or belief verb and each phrase opening with a cue phrase, and one more (a credit
/// line). A long sentence's list is reserved to it once, not grown by doubling, whose copy holds
/// the old list and the new at once (an attribution is about 400 bytes).
fn cue_bound(sent: &Sent<'_, '_>) -> usize {
    let doc = sent.doc;
    let cues = (sent.p0..sent.p1).filter(|&p| {
        let x = sent.ph(p);
        (x.kind == PhraseKind::Vg && doc.has(x.head(), TokClass::CLAUSE_VERB))
            || doc.has(x.start as usize, TokClass::STARTS_CUE)
    });
    cues.count() + 1
}

/// [`attributions`] into `out` (cleared first), a buffer the caller keeps from sentence to
/// sentence.
pub fn attributions_into<'a>(doc: &Doc<'a>, s: Sentence, out: &mut Vec<Attr<'a>>) {
    out.clear();
    let sent = Sent::new(doc, s);
    if sent.p1.saturating_sub(sent.p0) > LONG_SENTENCE {
        out.reserve_exact(cue_bound(&sent));
    }
    if let Some(a) = credit::at(&sent).or_else(|| transcript::at(&sent)) {
        out.push(a);
        return;
    }
    if transcript::within(&sent) {
        return;
    }
    // "In an interview with Radio X, …": a relay named before any cue.
    let mut early = Vec::new();
    let mut early_venue = None;
    let mut p = sent.p0;
    while p < sent.p1 {
        if let Some(next) = cue_phrase::at(&sent, p, out, &mut early, &mut early_venue) {
            p = next.max(p + 1);
            continue;
        }
        if let Some(v) = speech_verb(&sent, p) {
            let found = quoted_as::at(&sent, p, v).or_else(|| {
                can_cue(&sent, p, v)
                    .then(|| {
                        participle::at(&sent, p, v, out)
                            .or_else(|| reported::at(&sent, p, v, out))
                            .or_else(|| inverted::at(&sent, p, v))
                    })
                    .flatten()
            });
            // ("She asked that her name not be used because …": a request for anonymity,
            // which the source's anonymity records, is no claim.)
            if let Some(a) = found.filter(|a| !anonymity::request_at(doc, a.cue().0, s.end)) {
                contents::admit(&sent, a, out);
            }
        }
        p += 1;
    }
    if let Some(a) = out.first_mut() {
        a.chain.extend(early);
        if a.venue().is_none() {
            a.set_venue(early_venue);
        }
    }
    contents::finish(&sent, out);
    if out.is_empty() {
        out.extend(colon::at(&sent));
    }
    beliefs(&sent, out);
    noun_cue::claims(&sent, out);
}

/// The lexicon's verb of belief heading verb group `p` (`kind=belief`), as [`speech_verb`].
fn belief_verb<'a>(sent: &Sent<'_, 'a>, p: usize) -> Option<&'a Verb> {
    if !sent.ph(p).is(PhraseFlag::FINITE) {
        return None;
    }
    head_verb(sent, p, TokClass::BELIEF, |t| match t {
        Tag::Belief(v) => Some(v),
        _ => None,
    })
}

/// The beliefs of the sentence ("analysts believe the recall could cost $2 billion", "officials
/// fear the talks will collapse"): a finite verb of belief with its subject and its clause, as
/// [`reported`] reads a speech verb. Read after the speech attributions and kept out of their
/// cues and contents, so that a belief changes none of them ("he said he thinks …" stays one
/// claim); a belief claims no quotation.
fn beliefs<'a>(sent: &Sent<'_, 'a>, out: &mut Vec<Attr<'a>>) {
    let Some(first) = (sent.p0..sent.p1).find(|&p| belief_verb(sent, p).is_some()) else {
        return;
    };
    // How many speech cues and contents cover each token of the sentence (a running sum of
    // their starts and ends: linear however many nest).
    let (lo, n) = (sent.s.start, sent.s.end.saturating_sub(sent.s.start));
    let mut cover = vec![0i32; n + 1];
    let mut mark = |(a, b): (usize, usize)| {
        if let (Some(a), Some(b)) = (a.checked_sub(lo), b.checked_sub(lo)) {
            if a < b {
                if let Some(x) = cover.get_mut(a) {
                    *x += 1;
                }
                if let Some(x) = cover.get_mut(b.min(n)) {
                    *x -= 1;
                }
            }
        }
    };
    for b in out.iter() {
        mark((b.left().min(b.cue().0), b.cue().1));
        if let Some(c) = b.content() {
            mark(c);
        }
    }
    // Then, for each token, how many tokens before it are covered: a range is covered in
    // constant time.
    let (mut depth, mut before) = (0, 0);
    for c in cover.iter_mut() {
        depth += *c;
        *c = before;
        before += i32::from(depth > 0);
    }
    let at = |t: usize| cover.get(t.saturating_sub(lo).min(n)).copied().unwrap_or(0);
    let covered = |a: usize, b: usize| at(b) > at(a);
    let speech = out.len();
    for p in first..sent.p1 {
        let Some(v) = belief_verb(sent, p).filter(|v| can_cue(sent, p, v)) else {
            continue;
        };
        let Some(mut a) = reported::at(sent, p, v, out.get(..speech).unwrap_or_default()) else {
            continue;
        };
        // ("packed the meeting because they felt the council had ignored them": a reason, told
        // by the story, not a belief it credits.)
        let clause = a.clause().and_then(|c| sent.clause(c));
        if clause.is_some_and(|c| c.kind == crate::syntax::ClauseKind::Adverbial) {
            continue;
        }
        a.quotes.clear();
        let Some((cs, ce)) = a.content().filter(|_| a.inherit.is_none()) else {
            continue;
        };
        if covered(a.left().min(a.cue().0), a.cue().1) || covered(cs, ce) {
            continue;
        }
        out.push(a);
    }
}
