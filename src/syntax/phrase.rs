//! Phrases: each sentence's tokens grouped once, from their tags, into noun phrases, verb groups
//! and the single words and marks between them. Every token of a sentence is in exactly one
//! phrase; phrases never cross a sentence.
//!
//! ```text
//! np  = (predet? det | possessive-np)? premodifier* head     "Vancouver's Ben Hart", "61 percent"
//! vg  = (aux | modal | negation | adverb)* verb particle?    "has not yet said", "pointed out"
//! ```
//!
//! A noun phrase ends at its head: what follows it (a prepositional phrase, a relative clause,
//! an apposition) is a phrase of its own, joined by the constructions that need it.

use crate::syntax::{Tag, TagSet};
use crate::text::{Doc, TokKind};

/// What a phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PhraseKind {
    /// A noun phrase: a name, a described noun, a pronoun, a number ("61 percent").
    Np,
    /// A verb group: auxiliaries, negation and adverbs, then a verb (and its particle).
    Vg,
    /// Adverbs not inside a verb group ("however", "also", "this week"'s "this" is no adverb).
    Adv,
    /// An adjective phrase that modifies no noun ("was unclear", "familiar with").
    Adj,
    /// A preposition ("of", "in", "according to"'s "to").
    Prep,
    /// A subordinating conjunction ("that", "whether", "if", "because").
    Sconj,
    /// A relative or interrogative word ("who", "which", "what", "how", "why").
    Wh,
    /// A coordinating conjunction ("and", "but", "or").
    Cconj,
    /// The infinitive marker "to".
    To,
    /// A punctuation mark.
    Punct,
    /// A whole quotation.
    Quote,
    /// Anything else (an interjection, a symbol, a foreign word).
    #[default]
    Other,
}

impl PhraseKind {
    /// The label `quotecheck tag` writes (`NP`, `VG`, …).
    pub fn label(self) -> &'static str {
        match self {
            PhraseKind::Np => "NP",
            PhraseKind::Vg => "VG",
            PhraseKind::Adv => "ADVP",
            PhraseKind::Adj => "ADJP",
            PhraseKind::Prep => "PREP",
            PhraseKind::Sconj => "SCONJ",
            PhraseKind::Wh => "WH",
            PhraseKind::Cconj => "CCONJ",
            PhraseKind::To => "TO",
            PhraseKind::Punct => "PUNCT",
            PhraseKind::Quote => "QUOTE",
            PhraseKind::Other => "O",
        }
    }
}

/// Feature bits of a phrase ([`Phrase::flags`]).
#[derive(Debug, Clone, Copy)]
pub struct PhraseFlag;

impl PhraseFlag {
    /// NP: ends in a possessive ("the minister's").
    pub const POSSESSIVE: u16 = 1;
    /// NP: its head is a pronoun.
    pub const PRONOUN: u16 = 1 << 1;
    /// NP: its head is a proper noun.
    pub const PROPER: u16 = 1 << 2;
    /// NP: its head is plural.
    pub const PLURAL: u16 = 1 << 3;
    /// NP: a possessive phrase inside it names an owner ("Vancouver's Ben Hart").
    pub const OWNED: u16 = 1 << 4;
    /// NP: it opens with a determiner.
    pub const DETERMINED: u16 = 1 << 5;
    /// VG: finite (its first verb is a past or present tense, or a modal).
    pub const FINITE: u16 = 1 << 6;
    /// VG: passive (a form of "be" or "get" before a past participle head).
    pub const PASSIVE: u16 = 1 << 7;
    /// VG: negated ("not", "never", "n't").
    pub const NEGATED: u16 = 1 << 8;
    /// VG: after the infinitive marker "to".
    pub const INFINITIVE: u16 = 1 << 9;
    /// VG: its head is a gerund or present participle with no auxiliary ("saying").
    pub const GERUND: u16 = 1 << 10;
    /// VG: its head is a past participle with no auxiliary ("seen by Reuters").
    pub const PARTICIPLE: u16 = 1 << 11;
    /// VG: its head is an auxiliary used as the main verb ("is", "was": a copula).
    pub const COPULA: u16 = 1 << 12;
    /// NP: an expletive "there" or "it" before a verb.
    pub const EXPLETIVE: u16 = 1 << 13;
    /// NP: a number or a quantity heads it ("61 percent", "six in 10", "half").
    pub const QUANTITY: u16 = 1 << 14;
}

/// A phrase: tokens `[start, end)` of one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Phrase {
    /// First token.
    pub start: u32,
    /// One past the last token.
    pub end: u32,
    /// The head token (a noun phrase's last noun, a verb group's main verb).
    pub head: u32,
    /// What it is.
    pub kind: PhraseKind,
    /// [`PhraseFlag`] bits.
    pub flags: u16,
}

impl Phrase {
    /// Whether flag `f` is set.
    pub fn is(&self, f: u16) -> bool {
        self.flags & f != 0
    }

    /// Its tokens as a range.
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Its head token.
    pub fn head(&self) -> usize {
        self.head as usize
    }
}

/// Groups the tokens of sentences `window` of `doc` (tokens `from..to`) into phrases, in order,
/// into `out` (cleared first); and into `of` for each token of `from..to`, the index of its
/// phrase (`u32::MAX` outside sentences).
pub fn chunk_window(
    doc: &Doc<'_>,
    window: &[crate::text::Sentence],
    (from, to): (usize, usize),
    (out, of): (&mut Vec<Phrase>, &mut Vec<u32>),
) {
    // A phrase holds a token at least: reserved to that bound, the vector never grows by
    // doubling (whose copy holds the old and the new at once); what prose leaves unused is
    // address space never written.
    let n = to.saturating_sub(from);
    out.clear();
    out.reserve(n);
    let mut c = Chunker {
        doc,
        tags: &doc.tags,
        first: 0,
    };
    for s in window {
        c.first = s.start;
        let mut t = s.start;
        while t < s.end {
            let p = c.phrase_at(t, s.end);
            t = (p.end as usize).max(t + 1);
            out.push(p);
            c.join_org_name(out);
        }
    }
    of.clear();
    of.resize(n, u32::MAX);
    for (k, p) in out.iter().enumerate() {
        for t in p.tokens() {
            if let Some(slot) = t.checked_sub(from).and_then(|i| of.get_mut(i)) {
                *slot = k as u32;
            }
        }
    }
}

/// Reads one sentence's tokens with their tags.
struct Chunker<'d, 'a> {
    doc: &'d Doc<'a>,
    tags: &'d [Tag],
    /// The first token of the sentence being read.
    first: usize,
}

impl Chunker<'_, '_> {
    fn tag(&self, t: usize) -> Tag {
        self.tags.get(t).copied().unwrap_or_default()
    }

    fn text(&self, t: usize) -> &str {
        self.doc.tok_text(t)
    }

    /// Whether token `t` ends in a possessive "'s" or a plural possessive "s'".
    #[inline]
    fn possessive(&self, t: usize) -> bool {
        // Every ending ends in one of these bytes (the last of "’" is 0x99): the rest are read
        // no further.
        matches!(self.doc.last_byte(t), Some(b's' | b'S' | b'\'' | 0x99))
            && self.possessive_ending(t)
    }

    /// [`Chunker::possessive`], read from the word's text.
    #[inline(never)]
    fn possessive_ending(&self, t: usize) -> bool {
        // (The bytes: a suffix of the text's bytes that is a whole string's is that string.)
        let w = self.doc.tok_bytes(t);
        self.doc.is_word(t)
            && w.len() > 2
            && (w.ends_with(b"'s")
                || w.ends_with("\u{2019}s".as_bytes())
                || w.ends_with(b"'S")
                || ((w.ends_with(b"s'") || w.ends_with("s\u{2019}".as_bytes()))
                    && !self.tag(t).is_verb()))
    }

    /// Whether token `t` is a word a noun phrase's premodifiers are made of.
    fn premodifier(&self, t: usize) -> bool {
        let g = self.tag(t);
        // (The tag first: it is at hand; the token is read only for a tag that passes.)
        const PREMODIFIER: TagSet = TagSet::ADJ
            .or(TagSet::NOUN)
            .with(Tag::NumCd)
            .with(Tag::PunctHyph);
        PREMODIFIER.has(g) && self.doc.is_word(t)
    }

    /// Whether token `t` can head a noun phrase.
    fn nominal(&self, t: usize) -> bool {
        let g = self.tag(t);
        const HEADS: TagSet = TagSet::NOUN.with(Tag::NumCd).with(Tag::PronNn);
        HEADS.has(g) && self.doc.is_word(t)
    }

    /// "the Canada Mortgage and Housing Corporation", "Johnson & Johnson Services": when the
    /// last three phrases of `out` are a name, "and" or "&", and a name whose head the lexicon
    /// knows as an organisation's noun (`kind=org` in nouns.txt), they are one noun phrase.
    fn join_org_name(&self, out: &mut Vec<Phrase>) {
        let n = out.len();
        let [a, b, c] = match out.get(n.saturating_sub(3)..) {
            Some(&[a, b, c]) if n >= 3 => [a, b, c],
            _ => return,
        };
        // The cheap tests first: most phrases are not after "and" or "&".
        let and = b.kind == PhraseKind::Cconj
            && b.end == b.start + 1
            && ["and", "&"].contains(&self.text(b.start as usize));
        if !and || c.kind != PhraseKind::Np || !self.doc.is_cap(c.start as usize) {
            return;
        }
        let proper = |p: Phrase| {
            p.kind == PhraseKind::Np
                && p.tokens().all(|t| {
                    self.tag(t).is_proper() || t == p.start as usize && self.tag(t).is_det()
                })
        };
        let org = || {
            self.doc.word_tags(c.head()).any(|x| {
                matches!(x, crate::grammar::Tag::Noun(n) if n.kind == crate::grammar::NounKind::Org)
            })
        };
        if proper(a) && proper(c) && org() {
            out.truncate(n - 3);
            out.push(Phrase {
                start: a.start,
                end: c.end,
                head: c.head,
                kind: PhraseKind::Np,
                flags: a.flags | c.flags,
            });
        }
    }

    /// The phrase starting at token `t` of a sentence ending at `end`.
    fn phrase_at(&self, t: usize, end: usize) -> Phrase {
        let g = self.tag(t);
        let one = |kind| Phrase {
            start: t as u32,
            end: t as u32 + 1,
            head: t as u32,
            kind,
            flags: 0,
        };
        match self.doc.tokens.get(t).map(|x| x.kind()) {
            Some(TokKind::Quote(_)) => return one(PhraseKind::Quote),
            Some(TokKind::Punct) => return one(PhraseKind::Punct),
            _ => {}
        }
        if let Some(p) = self.noun_phrase(t, end) {
            return p;
        }
        if let Some(p) = self.verb_group(t, end) {
            return p;
        }
        let kind = if g.is_to() {
            PhraseKind::To
        } else if g.is_sconj() {
            PhraseKind::Sconj
        } else if matches!(
            g,
            Tag::PronWp | Tag::PronWpS | Tag::PronWdt | Tag::DetWdt | Tag::AdvWrb
        ) {
            PhraseKind::Wh
        } else if g.is_cconj() {
            PhraseKind::Cconj
        } else if g.is_adp() {
            PhraseKind::Prep
        } else if g.is_adv() || matches!(g, Tag::PartRb) {
            return self.run(t, end, PhraseKind::Adv, |c, k| {
                let g = c.tag(k);
                g.is_adv() && !matches!(g, Tag::AdvWrb)
            });
        } else if g.is_adj() {
            return self.run(t, end, PhraseKind::Adj, |c, k| c.tag(k).is_adj());
        } else {
            PhraseKind::Other
        };
        one(kind)
    }

    /// A run of tokens from `t` satisfying `pred`, as one phrase of `kind`.
    fn run(
        &self,
        t: usize,
        end: usize,
        kind: PhraseKind,
        pred: impl Fn(&Self, usize) -> bool,
    ) -> Phrase {
        let mut e = t + 1;
        while e < end && self.doc.is_word(e) && pred(self, e) {
            e += 1;
        }
        Phrase {
            start: t as u32,
            end: e as u32,
            head: (e - 1) as u32,
            kind,
            flags: 0,
        }
    }
}

impl Chunker<'_, '_> {
    /// Whether token `t` is a form of "be" or "get" (`be=yes` in function-words.txt, or "got",
    /// "gets", "getting"): before a past participle it makes a passive.
    fn passive_aux(&self, t: usize) -> bool {
        use crate::grammar::Tag as G;
        self.doc
            .word_tags(t)
            .any(|x| matches!(x, G::Func(f) if f.be))
    }

    /// Whether token `t` is a negation ("not", "never", a form ending in "n't").
    fn negation(&self, t: usize) -> bool {
        let w = self.text(t);
        self.doc.is_func(t, crate::grammar::FuncType::Negation)
            || w.ends_with("n't")
            || w.ends_with("n\u{2019}t")
    }

    /// The noun phrase starting at token `t`, if one does.
    fn noun_phrase(&self, t: usize, end: usize) -> Option<Phrase> {
        let g = self.tag(t);
        let doc = self.doc;
        // (No noun phrase opens on a preposition, a particle or a subordinating conjunction:
        // none is a pronoun, a determiner, a premodifier or a modifier of the words below.)
        const NO_OPENER: TagSet = TagSet::ADP.or(TagSet::of(&[
            Tag::PartTo,
            Tag::PartPos,
            Tag::PartRb,
            Tag::SconjIn,
        ]));
        if NO_OPENER.has(g) || !doc.is_word(t) {
            return None;
        }
        // ("The captains both said …": a floating determiner read as the adverb it stands as.)
        let floating = || {
            doc.word_tags(t)
                .any(|x| matches!(x, crate::grammar::Tag::Func(f) if f.float))
        };
        if g == Tag::AdvRb && floating() {
            return None;
        }
        if self.reporting_form(t, end) {
            return None;
        }
        let mut flags = 0u16;
        if let Some(p) = Self::pronoun_np(t, g) {
            return Some(p);
        }
        let (mut k, determined) = self.np_determiner(t, end, g);
        if determined {
            flags |= PhraseFlag::DETERMINED;
            k += 1;
        }
        let g0 = self.tag(k);
        if !determined && TagSet::PARTICIPLE.has(g0) && !self.bare_modifier(k) {
            return None;
        }
        // "Cuban also said …": a capitalised adjective opening its sentence right before a verb
        // is a name the tagger read as a nationality; so is an adverb the lexicon does not
        // know right before a speech verb ("Sternly said …", a surname).
        // (Not a wh-adverb: "Whenever pressed on the budget, the councillors …".)
        let misread_adverb = g0.is_adv()
            && g0 != Tag::AdvWrb
            && !doc.has(k, crate::grammar::TokClass::FUNC)
            && doc.has(k + 1, crate::grammar::TokClass::VERB);
        if !determined
            && (g0.is_adj() || misread_adverb)
            && k == self.first
            && doc.is_cap(k)
            && self.verb_ahead(k + 1, end)
        {
            return Some(Phrase {
                start: k as u32,
                end: k as u32 + 1,
                head: k as u32,
                kind: PhraseKind::Np,
                flags: PhraseFlag::PROPER,
            });
        }
        let (head, e) = self.nominal_run(k, end, &mut flags, t);
        // "the shelling began": a gerund after a determiner, with no noun after it, is the noun.
        let gerund_head = head.is_none() && determined && e == k && k < end && {
            let g = self.tag(k);
            TagSet::PARTICIPLE.has(g) && !self.starts_nominal(k + 1, end)
        };
        let (head, e) = if gerund_head {
            (Some(k), k + 1)
        } else {
            (head, e)
        };
        let head = match head {
            Some(h) => h,
            // A determiner standing alone ("Some say", "Many of them", "all"): its own phrase.
            None if determined && e == k => k - 1,
            // Adjectives with no noun after a determiner ("the latest"): the last one heads it.
            None if e > k && determined => e - 1,
            None => return None,
        };
        Some(self.np_to_head(t, head, e, end, flags))
    }

    /// A pronoun at token `t` (tagged `g`) as a noun phrase of its own ("he", "there", "those",
    /// "nobody"), if it is one; a possessive one is a determiner.
    fn pronoun_np(t: usize, g: Tag) -> Option<Phrase> {
        // A pronoun stands alone ("he", "there", "those"); a possessive one is a determiner.
        match g {
            Tag::PronPrp | Tag::PronDt | Tag::PronEx => {
                let mut flags = PhraseFlag::PRONOUN;
                if g == Tag::PronEx {
                    flags |= PhraseFlag::EXPLETIVE;
                }
                Some(Phrase {
                    start: t as u32,
                    end: t as u32 + 1,
                    head: t as u32,
                    kind: PhraseKind::Np,
                    flags,
                })
            }
            // "nobody", "nothing", "everyone": a noun phrase of its own, not a personal pronoun.
            Tag::PronNn => Some(Phrase {
                start: t as u32,
                end: t as u32 + 1,
                head: t as u32,
                kind: PhraseKind::Np,
                flags: 0,
            }),
            _ => None,
        }
    }

    /// Where the determiner of a noun phrase starting at token `t` (tagged `g`) is, after a
    /// predeterminer or an adverb before a number, and whether it is one: the token `k` and
    /// whether the phrase is determined (its words then start at `k + 1`).
    fn np_determiner(&self, t: usize, end: usize, g: Tag) -> (usize, bool) {
        let doc = self.doc;
        let mut k = t;
        if g == Tag::DetPdt && k + 1 < end {
            k += 1;
        }
        // "more than 1 million donors", "fewer than 200 residents": a comparison before a
        // number opens the phrase.
        let comparison = matches!(g, Tag::AdjJjr | Tag::AdvRbr)
            && k + 2 < end
            && self.tag(k + 1).is_adp()
            && self.tag(k + 2).is_num();
        if comparison {
            k += 2;
        }
        // "about 400 jobs", "nearly 30 residents": an adverb before a number opens the phrase.
        // "so many volunteers", "very large crowds": so does one before an adjective opening
        // a noun phrase.
        // (Not a word opening a clause, `opener=yes`: "— as many critics believe —".)
        if !comparison
            && g.is_adv()
            && !doc
                .word_tags(k)
                .any(|x| matches!(x, crate::grammar::Tag::Func(f) if f.opener))
            && k + 1 < end
            && (self.tag(k + 1).is_num()
                || (self.tag(k + 1).is_adj() && self.starts_nominal(k + 1, end)))
        {
            k += 1;
        }
        let opener = self.tag(k);
        // (A correlative the tagger reads as a conjunction is a determiner before a noun
        // phrase: "said both Ortiz and Brandt were …".)
        let correlative = || {
            opener.is_cconj()
                && doc.is_func(k, crate::grammar::FuncType::Determiner)
                && self.starts_nominal(k + 1, end)
        };
        // ("most of the senators", "many of them": a determiner of the lexicon the tagger
        // read as an adjective, standing alone before a preposition.)
        // ("says many opposed the fare": standing alone before a finite verb, its subject.)
        let partitive = || {
            TagSet::ADJ.or(TagSet::ADV).has(opener)
                && (self.tag(k + 1).is_adp() || self.tag(k + 1).is_finite())
                && doc.is_func(k, crate::grammar::FuncType::Determiner)
        };
        // (The tag first: the two readings above are made only for a word it does not settle.)
        const DETERMINER: TagSet = TagSet::DET.without(Tag::DetWdt).with(Tag::PronPrpS);
        let determined = DETERMINER.has(opener) || correlative() || partitive();
        (k, determined)
    }

    /// The noun phrase from token `t` to its head `head`, its words read up to `e` (a reflexive
    /// after the head goes on, up to `end`), with its flags so far: the flags its head and its
    /// last word give it are added.
    fn np_to_head(&self, t: usize, head: usize, e: usize, end: usize, mut flags: u16) -> Phrase {
        let doc = self.doc;
        let mut e = e.max(head + 1);
        // "Marbeck herself", "the president himself": a reflexive after its noun.
        if e < end && self.tag(e) == Tag::PronPrp && {
            let w = self.text(e);
            w.ends_with("self") || w.ends_with("selves")
        } {
            e += 1;
        }
        let h = self.tag(head);
        if h.is_proper() {
            flags |= PhraseFlag::PROPER;
        }
        if h.is_plural() {
            flags |= PhraseFlag::PLURAL;
        }
        if h.is_num() || (head == t && doc.is_func(t, crate::grammar::FuncType::Quantity)) {
            flags |= PhraseFlag::QUANTITY;
        }
        if self.possessive(e - 1) {
            flags |= PhraseFlag::POSSESSIVE;
        }
        Phrase {
            start: t as u32,
            end: e as u32,
            head: head as u32,
            kind: PhraseKind::Np,
            flags,
        }
    }

    /// The premodifiers and nouns from token `k`: the head (the last noun or number) and the
    /// end. A possessive inside goes on to the owned noun ("the company's chief executive");
    /// "six in 10" and "58 %" are one quantity.
    /// (`read`: a token already known not to be a reporting form, [`Chunker::noun_phrase`]'s
    /// first.)
    fn nominal_run(
        &self,
        mut k: usize,
        end: usize,
        flags: &mut u16,
        read: usize,
    ) -> (Option<usize>, usize) {
        let mut head = None;
        let start = k;
        while k < end {
            let g = self.tag(k);
            let determined = *flags & PhraseFlag::DETERMINED != 0;
            // (A lower-case time word after a name opens a time phrase: "Judge Ana Ruiz last
            // week rejected …".)
            let time_after_name = k > start
                && self.tag(k - 1).is_proper()
                && !self.doc.is_cap(k)
                && self.doc.is_func(k, crate::grammar::FuncType::Time);
            if (k > start && determined && self.name_after_plain_noun(k))
                || (k != read && self.reporting_form(k, end))
                || time_after_name
            {
                break;
            }
            if self.premodifier(k) {
                if self.nominal(k) {
                    head = Some(k);
                }
                if self.possessive(k) && k + 1 < end && self.starts_nominal(k + 1, end) {
                    *flags |= PhraseFlag::OWNED;
                    head = None;
                }
                k += 1;
                // "six in 10": a number, "in", a number.
                if g.is_num()
                    && self.text(k).eq_ignore_ascii_case("in")
                    && self.tag(k + 1).is_num()
                    && k + 1 < end
                {
                    head = Some(k + 1);
                    k += 2;
                }
                if g.is_num() && self.text(k) == "%" && k < end {
                    head = Some(k);
                    k += 1;
                }
                continue;
            }
            // A participle or an adverb modifying the next word: "the proposed plan", "a very
            // senior official", "a politically charged term".
            // (A participle only before the noun: "the ministry blamed Vorenian forces" has a
            // verb after its noun; "AI-powered software" and "of proposed changes" need no
            // determiner.)
            // (Not a wh-adverb: "explained to the network why Merkel was chosen".)
            let modifies = (TagSet::PARTICIPLE
                .or(TagSet::ADV.without(Tag::AdvWrb))
                .has(g)
                || (g.is_past() && k > 0 && self.possessive(k - 1)))
                && k + 1 < end
                && (self.premodifier(k + 1) || self.tag(k + 1).is_participle())
                && self.starts_nominal(k + 1, end);
            let determined = *flags & PhraseFlag::DETERMINED != 0;
            let participle =
                TagSet::PARTICIPLE.has(g) || (g.is_past() && k > 0 && self.possessive(k - 1));
            let open = if participle {
                head.is_none() && (determined || k > start || self.bare_modifier(k))
            } else {
                head.is_some() || determined
            };
            if modifies && open {
                k += 1;
                continue;
            }
            break;
        }
        (head, k)
    }

    /// "a charge Novak denied": a proper noun right after a lower-case common noun that the
    /// lexicon does not know as a title or a speaker's noun starts a phrase of its own (not
    /// "lawmaker Stefan Kral", "the carmaker Veltra").
    fn name_after_plain_noun(&self, k: usize) -> bool {
        use crate::grammar::TokClass;
        let Some(p) = k.checked_sub(1) else {
            return false;
        };
        let prev = self.tag(p);
        let plain = !self
            .doc
            .has(p, TokClass::NOUN | TokClass::TITLE | TokClass::STARTS_TITLE);
        self.tag(k).is_proper()
            && prev.is_noun()
            && !prev.is_proper()
            && !self.doc.is_cap(p)
            && !self.possessive(p)
            && (plain || self.body_then_clause(p, k))
    }

    /// "told the court Lee went home": a body's noun of the lexicon after "the" (`p`), then a
    /// name at `k` whose words a finite verb follows: the name opens a clause of its own, not
    /// the body's ("the carmaker Veltra" names it only before no verb).
    fn body_then_clause(&self, p: usize, k: usize) -> bool {
        use crate::grammar::{NounKind, Tag as G, TokClass};
        let body = self
            .doc
            .word_tags(p)
            .any(|x| matches!(x, G::Noun(n) if n.kind == NounKind::Org))
            && !self
                .doc
                .word_tags(p)
                .any(|x| matches!(x, G::Noun(n) if n.firm));
        let the = p > 0
            && self
                .doc
                .word_tags(p - 1)
                .any(|x| matches!(x, G::Func(f) if f.article && f.definite));
        let mut e = k;
        while e < k + 4 && self.tag(e).is_proper() {
            e += 1;
        }
        body && the && self.tag(e).is_finite() && !self.doc.has(e, TokClass::VERB)
    }

    /// A participle that modifies a noun with no determiner before it: a hyphenated one
    /// ("AI-powered software", "Santiago-based consultancy"), or one right after a preposition
    /// ("of proposed changes").
    fn bare_modifier(&self, k: usize) -> bool {
        // ("as saying Valdoria's proposal would …": a gerund before a possessive takes it as
        // its object's owner, and modifies nothing.)
        if self.tag(k).is_gerund() && (self.possessive(k + 1) || self.hearer_gerund(k)) {
            return false;
        }
        self.text(k).contains('-')
            || k.checked_sub(1).is_some_and(|p| {
                let g = self.tag(p);
                // (After a preposition, a verb or "that": "of proposed changes", "said targeted
                // payments would begin".)
                // ("said rising fuel costs had …": a gerund too.)
                g == Tag::AdpIn
                    || g == Tag::SconjIn
                    || (g.is_verb() && TagSet::PARTICIPLE.has(self.tag(k)))
            })
            || (k == self.first && self.doc.is_cap(k) && !self.doc.is_cap(k + 1))
    }

    /// Whether the gerund `k` is a verb of the lexicon that takes its hearer as object, after a
    /// preposition that takes a gerund: "after telling referees that …" is the verb and its
    /// hearer, where "after closing arguments" is a noun phrase (no noun or noun cue of the
    /// lexicon either: "after warning signs").
    fn hearer_gerund(&self, k: usize) -> bool {
        use crate::grammar::Tag as G;
        let doc = self.doc;
        let hearer = doc
            .word_tags(k)
            .any(|x| matches!(x, G::Verb(v) if v.hearer));
        let noun = doc
            .word_tags(k)
            .any(|x| matches!(x, G::Noun(_) | G::Cue(_)));
        let after_gerund_word = k.checked_sub(1).is_some_and(|p| {
            doc.word_tags(p)
                .any(|x| matches!(x, G::Func(f) if f.gerund))
        });
        hearer && !noun && after_gerund_word
    }

    /// Whether a noun follows from token `k` through premodifiers (and adverbs or participles
    /// before them).
    fn starts_nominal(&self, mut k: usize, end: usize) -> bool {
        let stop = end.min(k + 8);
        // (After a possessive a past form modifies the noun: "the WHO's recommended limit".)
        let after_possessive = k > 0 && self.possessive(k - 1);
        while k < stop {
            let g = self.tag(k);
            if self.nominal(k) {
                return true;
            }
            let participle = TagSet::PARTICIPLE.has(g) || (after_possessive && g.is_past());
            if !(self.premodifier(k) || g.is_adv() || participle) {
                return false;
            }
            k += 1;
        }
        false
    }

    /// "Aldini underscored that …": a speech verb's past form the tagger read as an adjective
    /// or a noun, right before "that", a quotation or a colon, is the verb (the lexicon knows
    /// the form; an adjective or noun there would need a noun or a verb of its own).
    #[inline]
    fn reporting_form(&self, t: usize, end: usize) -> bool {
        let g = self.tag(t);
        let misread = TagSet::ADJ.or(TagSet::COMMON_NOUN).has(g);
        // (Only a word of the lexicon's verbs can be one: the rest is read no further.)
        misread && self.doc.has(t, crate::grammar::TokClass::VERB) && self.reporting_verb(t, end)
    }

    /// [`Chunker::reporting_form`] of an adjective or common noun the lexicon knows as a verb.
    #[inline(never)]
    fn reporting_verb(&self, t: usize, end: usize) -> bool {
        use crate::grammar::{Tag as G, VerbForm};
        let doc = self.doc;
        let g = self.tag(t);
        let next = t + 1;
        let form = |f: &[VerbForm]| {
            doc.word_tags(t)
                .any(|x| matches!(x, G::Verb(v) if f.contains(&v.form)))
        };
        let misread = TagSet::ADJ.or(TagSet::COMMON_NOUN).has(g);
        let complement = next < end
            && (doc.tok_eq_ci(next, "that")
                || doc.quote_of(next).is_some()
                || doc.is_punct(next, ":"));
        // "…, the nursing regulator estimates.": a cue closing its sentence after a noun.
        // (Not a list's noun: "include engineering reports, meeting notes": the speaker's
        // noun is determined or a name.)
        let speaker_before = t > self.first
            && (self.tag(t - 1) == Tag::PronPrp
                || self.tag(t - 1).is_proper()
                || self.tag(t - 1).is_noun()
                    && (t.saturating_sub(4).max(self.first)..t - 1).any(|p| {
                        let g = self.tag(p);
                        g.is_det() || g == Tag::PronPrpS || self.possessive(p)
                    }));
        // ('"…," the Norwegians state in the report': after a quotation, a preposition may
        // follow it too.)
        let quoted = (self.first..t).any(|p| doc.quote_of(p).is_some());
        let closing = (next >= end
            || doc.is_punct(next, ".")
            || doc.is_punct(next, ",")
            || quoted && self.tag(next) == Tag::AdpIn)
            && speaker_before
            && (quoted || (self.first..t).any(|p| doc.is_punct(p, ",")));
        // '"We love cats!" reply Burton and Nick.': a cue right after a quotation, before its
        // speaker.
        // (Not a noun before a title: '"…," state Sen. Holm said'.)
        let inverted = t > self.first
            && doc.quote_of(t - 1).is_some()
            && next < end
            && (self.tag(next).is_proper() || self.tag(next).is_det())
            && !doc.word_tags(next).any(|x| matches!(x, G::Title(_)));
        // "The petition alleges that …": a third-person form after a singular noun or a comma.
        let third_ok = t > self.first && {
            let pg = self.tag(t - 1);
            matches!(pg, Tag::NounNn | Tag::PropnNnp) || doc.is_punct(t - 1, ",")
        };
        misread
            && (complement && form(&[VerbForm::Past])
                || complement && third_ok && form(&[VerbForm::Third])
                || closing && form(&[VerbForm::Past, VerbForm::Third])
                // (A plural subject's present tense: '"…," the Norwegians state in …'.)
                || closing
                    && t > self.first
                    && self.tag(t - 1).is_plural()
                    && form(&[VerbForm::Base])
                || inverted && form(&[VerbForm::Past, VerbForm::Third, VerbForm::Base]))
    }

    /// The tag of token `k` (before `end`) if a verb group may go on there: a word tagged a
    /// verb, an adverb or a particle (the tag tested first: the token is read only then).
    fn group_tag(&self, k: usize, end: usize) -> Option<Tag> {
        let g = self.tag(k);
        let kind = TagSet::VERB.or(TagSet::ADV).with(Tag::PartRb).has(g);
        (k < end && kind && self.doc.is_word(k)).then_some(g)
    }

    /// The verb group starting at token `t`, if one does: auxiliaries, negation and adverbs
    /// before a verb (adverbs only when a verb follows them), the verb, its particle.
    fn verb_group(&self, t: usize, end: usize) -> Option<Phrase> {
        if self.reporting_form(t, end) {
            return Some(Phrase {
                start: t as u32,
                end: t as u32 + 1,
                head: t as u32,
                kind: PhraseKind::Vg,
                flags: PhraseFlag::FINITE,
            });
        }
        let mut k = t;
        let mut flags = 0u16;
        let mut first: Option<Tag> = None;
        let mut last_aux = None;
        let mut be = false;
        let mut main = None;
        while let Some(g) = self.group_tag(k, end) {
            if g.is_aux() {
                first.get_or_insert(g);
                last_aux = Some(k);
                be |= self.passive_aux(k);
                if self.negation(k) {
                    flags |= PhraseFlag::NEGATED;
                }
                k += 1;
            } else if g.is_verb() {
                first.get_or_insert(g);
                main = Some(k);
                k += 1;
                if k < end && self.tag(k) == Tag::AdpRp {
                    k += 1;
                }
                break;
            } else if (g.is_adv() || g == Tag::PartRb)
                && g != Tag::AdvWrb
                && self.verb_ahead(k + 1, end)
            {
                // (Not a question word, which opens a clause: "told MSNBC when asked …".)
                if self.negation(k) {
                    flags |= PhraseFlag::NEGATED;
                }
                k += 1;
            } else {
                break;
            }
        }
        let head = match (main, last_aux) {
            (Some(m), _) => m,
            (None, Some(a)) => {
                flags |= PhraseFlag::COPULA;
                k = a + 1;
                a
            }
            (None, None) => return None,
        };
        let h = self.tag(head);
        // A base form with no auxiliary and no "to" before it is a present tense the tagger
        // read as an infinitive ("Musicians who played the club say …").
        // (Not right after another verb, "has helped investigate", "let go", nor after "to"
        // whatever its tag, "to fired-up volunteers".)
        let bare_base = last_aux.is_none()
            && h.is_base()
            && !(t > 0
                && (self.tag(t - 1).is_to()
                    || self.doc.tok_eq_ci(t - 1, "to")
                    || self.tag(t - 1) == Tag::AuxMd
                    || self.tag(t - 1).is_verb()));
        // "asked that his name not be used": a subjunctive "be" after its subject is the verb
        // of its clause.
        let subjunctive = first.is_some_and(Tag::is_base)
            && last_aux.is_some_and(|a| self.passive_aux(a))
            && t > self.first
            && (self.tag(t - 1).is_noun() || self.tag(t - 1) == Tag::PronPrp);
        if first.is_some_and(Tag::is_finite)
            || self.contracted_aux(t)
            || bare_base
            || subjunctive
            || self.reporting_participle(t, head, last_aux, k, end)
        {
            flags |= PhraseFlag::FINITE;
        }
        if be && h.is_participle() {
            flags |= PhraseFlag::PASSIVE;
        }
        if last_aux.is_none() && h.is_gerund() {
            flags |= PhraseFlag::GERUND;
        }
        if last_aux.is_none() && h.is_participle() {
            flags |= PhraseFlag::PARTICIPLE;
        }
        Some(Phrase {
            start: t as u32,
            end: k as u32,
            head: head as u32,
            kind: PhraseKind::Vg,
            flags,
        })
    }

    /// Whether a verb group at token `t` has its auxiliary inside the pronoun's token before it:
    /// "he's not giving up", "they've said".
    fn contracted_aux(&self, t: usize) -> bool {
        // "he's not giving up", "they've said": the auxiliary is inside the pronoun's token
        // (or a relative pronoun's: "volunteers who'd rather be fishing").
        t.checked_sub(1).is_some_and(|p| {
            matches!(self.tag(p), Tag::PronPrp | Tag::PronWp)
                && self.doc.contracted_host(p).is_some()
        })
    }

    /// "The official also indicated that …", "…, later told reporters she …": a speech verb's
    /// past form read as a participle, with no auxiliary, is the past tense of a report when
    /// "that", a quotation or a colon follows it, or when it opens its clause (after a comma,
    /// or after a pronoun or a name) and is not followed by "by" (a participle there modifies
    /// a noun: "a memo seen by Reuters", "officials briefed on the talks").
    fn reporting_participle(
        &self,
        t: usize,
        head: usize,
        aux: Option<usize>,
        next: usize,
        end: usize,
    ) -> bool {
        let doc = self.doc;
        if aux.is_some()
            || !self.tag(head).is_participle()
            || !doc.has(head, crate::grammar::TokClass::VERB)
        {
            return false;
        }
        let complement = next < end
            && (doc.tok_eq_ci(next, "that")
                || doc.quote_of(next).is_some()
                || doc.is_punct(next, ":"));
        let prev = t.checked_sub(1);
        let opens = prev.is_none_or(|p| {
            let g = self.tag(p);
            // ("… and called on the government to …": a speaker's next act.)
            // (A subject pronoun: "most of them written before …" has no speaker.)
            let subject_pronoun = g == Tag::PronPrp
                && !doc.word_tags(p).any(
                    |x| matches!(x, crate::grammar::Tag::Pronoun(q) if q.object || q.possessive),
                );
            doc.is_punct(p, ",")
                || subject_pronoun
                || (g.is_proper() && !self.possessive(p))
                || g.is_cconj()
        });
        let by = next < end && doc.tok_eq_ci(next, "by");
        // "responded in their own filing that …": "that" a few words on, no verb between.
        let that_ahead = (next..end.min(next + 8))
            .take_while(|&k| !self.tag(k).is_verb())
            .any(|k| doc.tok_eq_ci(k, "that") || doc.quote_of(k).is_some());
        // "…, a presidential official told reporters": a noun opening the clause after a
        // comma, and an object after the verb.
        let object = next < end && {
            let g = self.tag(next);
            TagSet::DET.or(TagSet::NOUN).with(Tag::PronPrp).has(g)
        };
        let after_comma_noun = prev.is_some_and(|p| self.tag(p).is_noun())
            && (self.first..t)
                .rev()
                .take(6)
                .any(|p| doc.is_punct(p, ",") || doc.quote_of(p).is_some());
        let last = next >= end || doc.is_punct(next, ".");
        complement
            || that_ahead
            || (opens && !by && next < end && !doc.is_punct(next, ","))
            || (after_comma_noun && (object || last))
    }

    /// Whether a verb or auxiliary follows from token `k`, after adverbs and negation only.
    fn verb_ahead(&self, mut k: usize, end: usize) -> bool {
        while k < end && self.doc.is_word(k) {
            let g = self.tag(k);
            if g.is_verb() {
                return true;
            }
            if !(g.is_adv() || g == Tag::PartRb) {
                return false;
            }
            k += 1;
        }
        false
    }
}

/// Sets [`PhraseFlag::INFINITIVE`] on the verb groups after "to".
pub fn mark_infinitives(phrases: &mut [Phrase]) {
    for k in 1..phrases.len() {
        let to = phrases.get(k - 1).is_some_and(|p| p.kind == PhraseKind::To);
        if let Some(p) = phrases.get_mut(k).filter(|p| p.kind == PhraseKind::Vg) {
            if to {
                p.flags |= PhraseFlag::INFINITIVE;
                p.flags &= !PhraseFlag::FINITE;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::{PhraseFlag, PhraseKind};
    use crate::text::Doc;
    use crate::Grammar;

    /// The phrases of `text`'s first sentence as "LABEL words" strings.
    fn phrases(text: &str) -> Vec<String> {
        let doc = Doc::new(text, Grammar::builtin());
        let s = doc.sentences[0];
        let (p0, p1) = crate::syntax::phrase_range(&doc, s);
        doc.phrases[p0..p1]
            .iter()
            .map(|p| {
                let words: Vec<&str> = p.tokens().map(|t| doc.tok_text(t)).collect();
                format!("{} {}", p.kind.label(), words.join(" "))
            })
            .collect()
    }

    #[test]
    fn a_comparison_before_a_number_opens_its_noun_phrase() {
        assert_eq!(
            phrases("Aides said more than 9,000 donors gave."),
            [
                "NP Aides",
                "VG said",
                "NP more than 9,000 donors",
                "VG gave",
                "PUNCT ."
            ]
        );
    }

    #[test]
    fn a_wh_adverb_opens_no_name_and_a_contracted_relative_has_a_finite_verb() {
        let p = phrases("Whenever pressed on the budget, the councillors looked away.");
        assert!(p[0].starts_with("WH "), "{p:?}");
        let doc = Doc::new(
            "Volunteers who'd rather be fishing said no.",
            Grammar::builtin(),
        );
        let vg = doc
            .phrases
            .iter()
            .find(|x| x.kind == PhraseKind::Vg)
            .unwrap();
        assert!(vg.is(PhraseFlag::FINITE));
    }

    #[test]
    fn a_determiner_read_as_an_adjective_stands_alone_before_a_verb() {
        let p = phrases("Velk says many opposed the fare.");
        assert!(p.iter().any(|x| x == "NP many"), "{p:?}");
    }

    #[test]
    fn a_determiner_read_as_an_adjective_stands_alone_before_of() {
        assert_eq!(
            phrases("Most of the senators said it."),
            [
                "NP Most",
                "PREP of",
                "NP the senators",
                "VG said",
                "NP it",
                "PUNCT ."
            ]
        );
    }

    #[test]
    fn a_degree_adverb_opens_its_noun_phrase() {
        assert_eq!(
            phrases("So many people came."),
            ["NP So many people", "VG came", "PUNCT ."]
        );
        // Not "as", which opens a clause.
        assert!(
            phrases("It failed, as many critics said.").contains(&"NP many critics".to_string())
        );
        assert_eq!(
            phrases("It was very good."),
            ["NP It", "VG was", "ADVP very", "ADJP good", "PUNCT ."]
        );
    }

    #[test]
    fn noun_phrases_and_verb_groups() {
        assert_eq!(
            phrases("The agency this week said the plan was dead."),
            [
                "NP The agency",
                "NP this week",
                "VG said",
                "NP the plan",
                "VG was",
                "ADJP dead",
                "PUNCT ."
            ]
        );
    }

    #[test]
    fn verb_groups_hold_auxiliaries_negation_and_adverbs() {
        let p = phrases("The ministry has not yet said whether it will appeal.");
        assert_eq!(p[1], "VG has not yet said");
        let doc = Doc::new(
            "The ministry has not yet said whether it will appeal.",
            Grammar::builtin(),
        );
        let vg = doc.phrases[1];
        assert!(vg.is(PhraseFlag::FINITE) && vg.is(PhraseFlag::NEGATED));
        assert_eq!(doc.tok_text(vg.head()), "said");
    }

    #[test]
    fn a_possessive_goes_on_to_its_noun() {
        let doc = Doc::new(
            "Vancouver's Ben Hart said the team would win.",
            Grammar::builtin(),
        );
        let np = doc.phrases[0];
        assert_eq!(np.kind, PhraseKind::Np);
        assert_eq!(np.end - np.start, 3);
        assert!(np.is(PhraseFlag::OWNED) && np.is(PhraseFlag::PROPER));
    }

    #[test]
    fn infinitives_are_marked_and_not_finite() {
        let doc = Doc::new("She vowed to scrap the tax.", Grammar::builtin());
        let vg = doc
            .phrases
            .iter()
            .find(|p| doc.tok_text(p.head()) == "scrap")
            .unwrap();
        assert!(vg.is(PhraseFlag::INFINITIVE) && !vg.is(PhraseFlag::FINITE));
    }

    #[test]
    fn every_token_of_a_sentence_is_in_one_phrase() {
        let text =
            "\"We will rebuild,\" Mayor Ana Ruiz said on Monday, adding that 61 percent agreed.";
        let doc = Doc::new(text, Grammar::builtin());
        for (t, &p) in doc.phrase_of.iter().enumerate().skip(doc.syntax_from.0) {
            let ph = doc.phrases[p as usize];
            assert!(ph.tokens().contains(&t));
        }
        let covered: usize = doc.phrases.iter().map(|p| p.tokens().len()).sum();
        assert_eq!(covered, doc.tokens.len());
    }
}
