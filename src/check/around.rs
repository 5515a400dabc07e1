//! What the rules read around a finding: the sentence and paragraph of a span, the tokens in
//! it, the checker's phrases (`hedges.txt`) and anonymity phrases near it, and whether the copy
//! names a source in apposition. The rules decide with the attribution report and these.

use crate::analysis::{small, QuoteSet};
use crate::grammar::{AnonType, HedgeType, Noun, Tag, TokClass};
use crate::report::{MentionKind, Report};
use crate::span::Span;
use crate::text::{Doc, TokKind};

/// The byte range of sentence `si`.
pub fn sentence_bytes(doc: &Doc<'_>, si: usize) -> Span {
    let Some(s) = doc.sentences.get(si) else {
        return Span::new(0, 0);
    };
    let a = doc.tokens.get(s.start).map_or(0, |t| t.span().start);
    let b = s
        .end
        .checked_sub(1)
        .and_then(|l| doc.tokens.get(l))
        .map_or(a, |t| t.span().end);
    Span::new(a, b)
}

/// The first token starting at or after byte `at`.
pub fn token_at(doc: &Doc<'_>, at: usize) -> usize {
    doc.tokens.partition_point(|t| t.span().start < at)
}

/// The tokens inside `span`, as an index range.
pub fn tokens_in(doc: &Doc<'_>, span: Span) -> std::ops::Range<usize> {
    let a = token_at(doc, span.start);
    let b = doc.tokens.partition_point(|t| t.span().start < span.end);
    a..b.max(a)
}

/// The end (in bytes) of the longest checker phrase of a type `pred` accepts starting at token
/// `i`.
pub fn hedge_at(doc: &Doc<'_>, i: usize, pred: impl Fn(HedgeType) -> bool) -> Option<usize> {
    let g = doc.grammar;
    doc.tok_hits(i)
        .iter()
        .filter(|h| {
            g.tag(h.pattern)
                .iter()
                .any(|t| matches!(t, Tag::Hedge(x) if pred(*x)))
        })
        .map(|h| h.end)
        .max()
}

/// Whether a checker phrase of a type `pred` accepts starts at a word in `range` outside
/// quotation marks.
pub fn has_hedge(
    doc: &Doc<'_>,
    range: std::ops::Range<usize>,
    pred: impl Fn(HedgeType) -> bool + Copy,
) -> bool {
    range
        .into_iter()
        .any(|i| doc.is_word(i) && hedge_at(doc, i, pred).is_some())
}

/// Whether an anonymity phrase of a type `pred` accepts starts at a word in `range`.
pub fn has_anon(
    doc: &Doc<'_>,
    range: std::ops::Range<usize>,
    pred: impl Fn(AnonType) -> bool,
) -> bool {
    let g = doc.grammar;
    range.into_iter().any(|i| {
        doc.has(i, TokClass::STARTS_ANON)
            && doc.tok_hits(i).iter().any(|h| {
                g.tag(h.pattern)
                    .iter()
                    .any(|t| matches!(t, Tag::Anon(a) if pred(*a)))
            })
    })
}

/// The token range of sentence `si`.
pub fn sentence_tokens(doc: &Doc<'_>, si: usize) -> std::ops::Range<usize> {
    doc.sentences.get(si).map_or(0..0, |s| s.start..s.end)
}

/// Whether the copy gives a reason for not naming a source in sentence `si`: a reason phrase
/// ("not authorized to speak publicly", "under government protocol"), or a request followed at
/// once by the start of a reason ("on condition of anonymity to describe private
/// conversations", "who requested anonymity because …").
pub fn states_reason(doc: &Doc<'_>, si: usize) -> bool {
    let r = sentence_tokens(doc, si);
    if has_anon(doc, r.clone(), |a| a == AnonType::Reason) {
        return true;
    }
    let g = doc.grammar;
    r.clone().any(|i| {
        doc.tok_hits(i).iter().any(|h| {
            g.tag(h.pattern)
                .iter()
                .any(|t| matches!(t, Tag::Anon(AnonType::Request)))
                && {
                    // The token after the request.
                    let next = doc.tokens.partition_point(|t| t.span().start < h.end);
                    next < r.end
                        && has_anon(doc, next..next + 1, |a| {
                            matches!(a, AnonType::ReasonIntro | AnonType::Reason)
                        })
                }
        })
    })
}

/// The one-word noun tags of token `i`.
pub fn nouns<'a>(doc: &'a Doc<'_>, i: usize) -> impl Iterator<Item = &'a Noun> + 'a {
    doc.word_tags(i).filter_map(|t| match t {
        Tag::Noun(n) => Some(n),
        _ => None,
    })
}

/// Whether token `i` is a given name, or a title followed by a capitalised word: the start of
/// a person's name.
fn starts_person_name(doc: &Doc<'_>, i: usize) -> bool {
    let first = doc.word_tags(i).any(|t| matches!(t, Tag::FirstName(_))) && doc.is_cap(i);
    let titled = doc.word_tags(i).any(|t| matches!(t, Tag::Title(_)))
        && doc.is_cap(i)
        && (i + 1..i + 4)
            .find(|&k| !doc.is_punct(k, "."))
            .is_some_and(|k| doc.is_cap(k));
    first || titled
}

/// Whether the copy names the source whose mention ends at byte `end`, in the same sentence:
/// in apposition ("said the lawmakers, Reps. Dana Pruitt and Glen Harkavy"), or after a
/// `type=names` phrase of `hedges.txt` ("an official named Budi", "The official, identified
/// later by the office as Ruth Anand, said").
pub fn named_after(doc: &Doc<'_>, end: usize) -> bool {
    let i = token_at(doc, end);
    let Some(si) = doc.sentence_at(end) else {
        return false;
    };
    let stop = sentence_tokens(doc, si).end;
    let comma = doc.is_punct(i, ",");
    if comma && starts_person_name(doc, i + 1) {
        return true;
    }
    let from = if comma { i + 1 } else { i };
    let names =
        (from..stop.min(from + 3)).find(|&k| hedge_at(doc, k, |h| h == HedgeType::Names).is_some());
    names.is_some_and(|k| (k + 1..stop.min(k + 14)).any(|n| starts_person_name(doc, n)))
}

/// Whether a person's name stands in apposition right before the mention starting at byte
/// `start` ("Lena Marsh, a former ministry adviser, outlined …").
pub fn named_before(doc: &Doc<'_>, start: usize) -> bool {
    let i = token_at(doc, start);
    let Some(comma) = i.checked_sub(1).filter(|&c| doc.is_punct(c, ",")) else {
        return false;
    };
    (comma.saturating_sub(4)..comma).any(|k| starts_person_name(doc, k))
        && comma
            .checked_sub(1)
            .is_some_and(|k| doc.is_word(k) && doc.is_cap(k))
}

/// Whether an entity is named in apposition at any of its mentions.
pub fn identified(doc: &Doc<'_>, report: &Report, entity: usize) -> bool {
    report.entities.get(entity).is_some_and(|e| {
        e.mentions
            .iter()
            .any(|m| named_after(doc, m.span.end) || named_before(doc, m.span.start))
    })
}

/// How the entity's first mention names it.
pub fn first_mention_kind(report: &Report, entity: usize) -> Option<MentionKind> {
    report
        .entities
        .get(entity)
        .and_then(|e| e.mentions.first())
        .map(|m| m.kind)
}

/// The kind of the mention at `span` of `entity`.
pub fn mention_kind(report: &Report, entity: usize, span: Span) -> Option<MentionKind> {
    report
        .entities
        .get(entity)
        .and_then(|e| e.mentions.iter().find(|m| m.span == span))
        .map(|m| m.kind)
}

/// The head noun of the words in `span`: the last word with a noun tag, and its index.
pub fn head_noun<'a>(doc: &'a Doc<'_>, span: Span) -> Option<(usize, &'a Noun)> {
    tokens_in(doc, span)
        .rev()
        .find_map(|i| nouns(doc, i).next().map(|n| (i, n)))
}

/// Whether the words in `span` are a group a story places or has just named (`residents`,
/// `others`, "people from Kettle Lake"): its head is a `type=group` word of `hedges.txt`, or a
/// `type=group` phrase starts in it.
pub fn is_placed_group(doc: &Doc<'_>, span: Span) -> bool {
    let r = tokens_in(doc, span);
    let last = r.clone().rev().find(|&i| doc.is_word(i));
    last.is_some_and(|i| hedge_at(doc, i, |h| h == HedgeType::Group).is_some())
        || r.clone().any(|i| {
            hedge_at(doc, i, |h| h == HedgeType::Group)
                .is_some_and(|end| end > doc.tokens.get(i).map_or(0, |t| t.span().end))
        })
        || people_at_a_place(doc, r)
}

/// "Several people at the reception centre": people the story found at a place (`type=place`
/// in hedges.txt), its last word a lower-case noun that is no organisation's ("people at the
/// agency" are insiders).
fn people_at_a_place(doc: &Doc<'_>, r: std::ops::Range<usize>) -> bool {
    let at = r
        .clone()
        .find_map(|i| hedge_at(doc, i, |h| h == HedgeType::Place));
    let last = r.clone().rev().find(|&i| doc.is_word(i));
    let ends_after = |l: usize| {
        doc.tokens
            .get(l)
            .is_some_and(|t| t.span().start >= at.unwrap_or(0))
    };
    match (at, last) {
        (Some(_), Some(l)) if ends_after(l) => {
            !doc.is_cap(l)
                && !doc
                    .word_tags(l)
                    .any(|t| matches!(t, Tag::Noun(n) if n.kind == crate::grammar::NounKind::Org))
        }
        _ => false,
    }
}

/// Whether another outlet is named in the sentence of a source's mention, before it ("a New
/// York Times story in which Democratic sources said") or in the few words after it ("another
/// source speaking to the Valley Post"): the source is that outlet's.
pub fn outlets_source(doc: &Doc<'_>, sources: &Sources, mention: Span) -> bool {
    let Some(si) = doc.sentence_at(mention.start) else {
        return false;
    };
    let r = sentence_tokens(doc, si);
    let m = tokens_in(doc, mention);
    let before = sources.outlet_at(si).is_some_and(|i| i < m.start);
    let after_end = doc
        .tokens
        .get((m.end + 4).min(r.end).saturating_sub(1))
        .map_or(mention.end, |t| t.span().end);
    before || names_outlet(doc, Span::new(mention.start, after_end.max(mention.end)))
}

/// The index of the quotation token whose content is `content`.
pub fn quote_token(doc: &Doc<'_>, content: Span) -> Option<usize> {
    let i = doc
        .tokens
        .partition_point(|t| t.span().end <= content.start);
    let t = doc.tokens.get(i)?;
    match t.kind() {
        TokKind::Quote(_) if t.span().start <= content.start && content.end <= t.span().end => {
            Some(i)
        }
        _ => None,
    }
}

/// Whether entity `e` is an unnamed source: anonymous in the report, or a person the copy never
/// names, introduced by an indefinite determiner, with a noun for a source (`anon=yes` in
/// `grammars/nouns.txt`, not a spokesperson's) or in a sentence that asks for or explains
/// anonymity ("an industry lobbyist who spoke on condition of anonymity said").
pub fn anonymous_like(doc: &Doc<'_>, sources: &Sources, e: &crate::report::Entity) -> bool {
    if e.anonymous {
        return true;
    }
    let Some(first) = e.mentions.first() else {
        return false;
    };
    let indefinite = tokens_in(doc, first.span).next().is_some_and(|i| {
        doc.word_tags(i).any(|t| {
            matches!(t, Tag::Func(f) if f.ty == crate::grammar::FuncType::Determiner && !f.definite)
        })
    });
    let asks = doc
        .sentence_at(first.span.start)
        .is_some_and(|si| sources.asks.get(si) == Some(&true));
    // A noun for an unnamed source ("a staff member in the clerk's office") the analysis did not
    // mark; a spokesperson for a body speaks for it, unless the copy says they would not be named.
    let source = tokens_in(doc, first.span)
        .any(|i| nouns(doc, i).any(|n| n.anon && n.class.as_deref() != Some("spokesperson")));
    e.kind == crate::report::EntityKind::Person
        && !e.mentions.iter().any(|m| m.kind == MentionKind::Name)
        && indefinite
        && (asks || source)
}

/// Whether entity `entity` is an unnamed source the copy could have named: anonymous, not a
/// weasel group, not named in apposition at any mention, not a group the story places or has
/// just named ("others said"), and described (not a lone "someone").
pub fn unnamed_source(doc: &Doc<'_>, report: &Report, sources: &Sources, entity: usize) -> bool {
    let Some(e) = report.entities.get(entity) else {
        return false;
    };
    let Some(first) = e.mentions.first() else {
        return false;
    };
    if !anonymous_like(doc, sources, e) {
        return false;
    }
    // A first mention with a definite determiner ("the officer", "the former top aide") is
    // someone the story has already introduced, not a source it withholds; one whose article
    // does not agree with its noun ("a fact sheet lawmakers released") is no source at all.
    let r = tokens_in(doc, first.span);
    let det = r.clone().next().and_then(|i| {
        doc.word_tags(i).find_map(|t| match t {
            Tag::Func(f) if f.ty == crate::grammar::FuncType::Determiner => Some(*f),
            _ => None,
        })
    });
    let definite = det.is_some_and(|f| f.definite);
    let mismatch = det.is_some_and(|f| f.article && !f.definite)
        && anon_noun(doc, first.span).is_some_and(|(_, n)| n.plural);
    !e.vague
        && !definite
        && !mismatch
        && !identified(doc, report, entity)
        && !named_later(doc, report, sources, entity)
        && !is_placed_group(doc, first.span)
        && !anon_noun(doc, first.span)
            .is_some_and(|(i, _)| hedge_at(doc, i, |h| h == HedgeType::Group).is_some())
        && (e.anonymity_request.is_some()
            || e.anonymity_reason.is_some()
            || r.len() > 1
            || r.clone().any(|i| nouns(doc, i).next().is_some()))
}

/// Whether paragraph `p` is a headline: the first paragraph, one sentence of at most twenty
/// words, with no closing punctuation, in title case, or of ten words at most in a story of
/// five paragraphs or more; or, in such a story, the deck under it, the second paragraph, one
/// sentence of at most twenty words.
pub fn is_headline(doc: &Doc<'_>, p: usize) -> bool {
    if p > 1 {
        return false;
    }
    let long_story = doc.sentences.last().is_some_and(|s| s.paragraph >= 4);
    let short = |p: usize| {
        let mut sentences = doc
            .sentences
            .iter()
            .enumerate()
            .take_while(|(_, s)| s.paragraph <= p)
            .filter(|(_, s)| s.paragraph == p);
        let (si, _) = sentences.next()?;
        if sentences.next().is_some() {
            return None;
        }
        let r = sentence_tokens(doc, si);
        let words: Vec<usize> = r.clone().filter(|&i| doc.is_word(i)).collect();
        let caps = words.iter().filter(|&&i| doc.is_cap(i)).count();
        let last = r.end.checked_sub(1).map_or("", |l| doc.tok_text(l));
        // A short line ends a headline only in a story long enough to have one.
        let titled = !matches!(last, "." | "?" | "!")
            || 2 * caps > words.len()
            || (words.len() <= 10 && long_story);
        (words.len() <= 20).then_some(titled)
    };
    match p {
        0 => short(0) == Some(true),
        1 => long_story && short(0) == Some(true) && short(1).is_some(),
        _ => false,
    }
}

/// The first noun of an unnamed source in the words of `span` ("official" in "a senior
/// official at the transport ministry"), and its index.
pub fn anon_noun<'a>(doc: &'a Doc<'_>, span: Span) -> Option<(usize, &'a Noun)> {
    tokens_in(doc, span).find_map(|i| nouns(doc, i).find(|n| n.anon).map(|n| (i, n)))
}

/// Whether the words of `span` (a mention) speak for an institution rather than as sources: a
/// bare plural role with no count and no description of access ("officials", "campaign aides",
/// "Labor Department officials"; not "two officials", "officials familiar with the plan",
/// "sources").
pub fn institutional(doc: &Doc<'_>, span: Span) -> bool {
    let r = tokens_in(doc, span);
    let Some((h, noun)) = anon_noun(doc, span) else {
        return false;
    };
    let counted = r.clone().take_while(|&i| i < h).any(|i| {
        doc.is_func(i, crate::grammar::FuncType::Determiner)
            || doc.tok_text(i).starts_with(|c: char| c.is_ascii_digit())
    });
    let described = has_anon(doc, r.start..(r.end + 6).min(doc.tokens.len()), |a| {
        a == AnonType::Descriptor
    });
    noun.plural && noun.class.is_some() && !counted && !described
}

/// What the anonymity rules ask about a report's sources, built once so that each question
/// takes time in proportion to its answer, not to the document.
pub struct Sources<'a> {
    /// The report's quotes.
    quotes: QuoteSet<'a>,
    /// The units credited to each entity, entity by entity (a long document may name many
    /// thousands: one vector, not one each): [`Sources::units_of`].
    units: Vec<u32>,
    /// Where each entity's units start in `units` (one more at the end).
    units_from: Vec<u32>,
    /// Per sentence, the anonymous entities mentioned in it.
    anonymous_in: Vec<(u32, u32)>,
    /// Per sentence, whether it states a reason for anonymity ([`states_reason`]).
    pub reasons: Vec<bool>,
    /// Per sentence, whether it asks for or explains anonymity.
    pub asks: Vec<bool>,
    /// Per sentence, the first token that names a news outlet.
    outlet_at: Vec<u32>,
    /// Per paragraph, the named persons first named there.
    named_in: Vec<Vec<usize>>,
}

impl<'a> Sources<'a> {
    /// The tables of `report` (its quotes `quotes`) over `doc`.
    pub fn of(doc: &Doc<'_>, report: &Report, quotes: QuoteSet<'a>) -> Sources<'a> {
        let (units, units_from) = units_by_entity(report.entities.len(), quotes);
        let mut anonymous_in = Vec::new();
        let paragraphs = doc.sentences.last().map_or(0, |s| s.paragraph + 1);
        let mut named_in = vec![Vec::new(); paragraphs];
        for e in &report.entities {
            if e.anonymous {
                for m in &e.mentions {
                    if let Some(si) = doc.sentence_at(m.span.start) {
                        anonymous_in.push((small(si), small(e.id)));
                    }
                }
            }
            let name = e.mentions.iter().find(|m| m.kind == MentionKind::Name);
            if let (Some(name), false, crate::report::EntityKind::Person) =
                (name, e.anonymous, e.kind)
            {
                if let Some(v) = named_in.get_mut(doc.paragraph_at(name.span.start)) {
                    v.push(e.id);
                }
            }
        }
        let reasons = (0..doc.sentences.len())
            .map(|si| states_reason(doc, si))
            .collect();
        let asks = (0..doc.sentences.len())
            .map(|si| {
                has_anon(doc, sentence_tokens(doc, si), |a| {
                    matches!(a, AnonType::Request | AnonType::Reason)
                })
            })
            .collect();
        anonymous_in.sort_unstable();
        anonymous_in.dedup();
        let outlet_at = (0..doc.sentences.len())
            .map(|si| {
                let outlet = sentence_tokens(doc, si).find(|&i| {
                    doc.tokens
                        .get(i)
                        .is_some_and(|t| names_outlet(doc, t.span()))
                });
                outlet.map_or(u32::MAX, small)
            })
            .collect();
        Sources {
            quotes,
            units,
            units_from,
            anonymous_in,
            reasons,
            asks,
            outlet_at,
            named_in,
        }
    }

    /// The units credited to `entity`, in order.
    pub fn units_of(&self, entity: usize) -> &[u32] {
        let at = |e: usize| self.units_from.get(e).map_or(0, |&k| k as usize);
        self.units.get(at(entity)..at(entity + 1)).unwrap_or(&[])
    }

    /// The anonymous entities mentioned in sentence `si`.
    pub fn anonymous_in(&self, si: usize) -> impl Iterator<Item = usize> + '_ {
        let si = small(si);
        let from = self.anonymous_in.partition_point(|&(s, _)| s < si);
        (self.anonymous_in.get(from..).unwrap_or(&[]).iter())
            .take_while(move |&&(s, _)| s == si)
            .map(|&(_, e)| e as usize)
    }

    /// The first token of sentence `si` that names a news outlet.
    pub fn outlet_at(&self, si: usize) -> Option<usize> {
        (self.outlet_at.get(si).copied())
            .filter(|&i| i != u32::MAX)
            .map(|i| i as usize)
    }

    /// The longer words of the units credited to `entity`, lower-cased.
    fn claim_words(&self, entity: usize) -> Vec<String> {
        let mut words: Vec<String> = (self.units_of(entity).iter())
            .filter_map(|&i| self.quotes.get(i as usize))
            .flat_map(|q| {
                q.text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() >= 5)
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    }
}

/// Whether an unnamed source of the opening paragraphs is named a few paragraphs down (a
/// delayed identification: "A city official said Monday the contract would be cancelled." …
/// "The contract will be cancelled, council secretary Omar Haddad said."): a person first named
/// within five paragraphs after it (the first 32 such), credited with a claim that shares at
/// least three longer words with the source's.
pub fn named_later(doc: &Doc<'_>, report: &Report, sources: &Sources, entity: usize) -> bool {
    let Some(first) = report.entities.get(entity).and_then(|e| e.mentions.first()) else {
        return false;
    };
    let p0 = doc.paragraph_at(first.span.start);
    if p0 > 2 {
        return false;
    }
    let mine = sources.claim_words(entity);
    if mine.len() < 3 {
        return false;
    }
    let candidates = sources
        .named_in
        .get(p0 + 1..(p0 + 6).min(sources.named_in.len()))
        .unwrap_or(&[])
        .iter()
        .flatten()
        .take(32);
    candidates.copied().any(|n| {
        let later = report
            .entities
            .get(n)
            .and_then(|e| e.mentions.first())
            .is_some_and(|m| m.span.start > first.span.end);
        let theirs = sources.claim_words(n);
        n != entity
            && later
            && mine
                .iter()
                .filter(|w| theirs.binary_search(w).is_ok())
                .count()
                >= 3
    })
}

/// Whether a unit's cue is a verb of finding (`found`, `concluded`): what an investigation or a
/// study establishes, not what a source says.
pub fn is_finding(doc: &Doc<'_>, q: &crate::report::Quote) -> bool {
    cue_kind_is(doc, q, crate::grammar::VerbKind::Finding)
}

/// Whether unit `q`'s cue is a naming verb ("what lawmakers called "fraud"", "described the
/// plan as …"): the speaker labels something, it reports no claim.
pub fn is_naming(doc: &Doc<'_>, q: &crate::report::Quote) -> bool {
    cue_kind_is(doc, q, crate::grammar::VerbKind::Naming)
}

/// Whether unit `q`'s cue is a verb of kind `kind` in the grammar.
fn cue_kind_is(doc: &Doc<'_>, q: &crate::report::Quote, kind: crate::grammar::VerbKind) -> bool {
    q.cue
        .as_ref()
        .and_then(|c| c.lemma.as_deref())
        .is_some_and(|l| {
            doc.grammar
                .tags_of(l)
                .iter()
                .any(|t| matches!(t, Tag::Verb(v) if v.kind == kind))
        })
}

/// Whether the words of `span` name a news outlet (`outlets.txt`, or a capitalised noun that
/// ends outlet names: "The Post", "the Daily Ledger"; not "the network").
pub fn names_outlet(doc: &Doc<'_>, span: Span) -> bool {
    let g = doc.grammar;
    tokens_in(doc, span).any(|i| {
        (doc.is_cap(i) && nouns(doc, i).any(|n| n.outlet))
            || doc
                .tok_hits(i)
                .iter()
                .any(|h| g.tag(h.pattern).iter().any(|t| matches!(t, Tag::Outlet)))
    })
}

/// Whether the story retells another outlet's report: a claim in its first two paragraphs
/// credited to an outlet ("The Harbour Chronicle reports that …"). Its unnamed sources are then
/// that outlet's, whose reasons the story cannot give.
pub fn retells_an_outlet(doc: &Doc<'_>, quotes: QuoteSet<'_>) -> bool {
    quotes.iter().any(|q| {
        q.paragraph <= 1
            && q.kind == crate::report::QuoteKind::Indirect
            && q.speaker
                .as_ref()
                .is_some_and(|s| !s.anonymous && names_outlet(doc, s.mention))
    })
}

/// The units of a report by where their content starts, for range questions in logarithmic
/// time (a rule asks one per finding; a scan each time would make a rule quadratic). A report's
/// units come in position order, so their starts alone answer (4 bytes a unit); units in any
/// other order are sorted with their indices.
pub struct Starts {
    starts: Vec<u32>,
    /// The unit of each start, when the units are not in position order.
    units: Option<Vec<u32>>,
}

impl Starts {
    /// The units of a report (their indices in its `quotes`) sorted by content start.
    pub fn of(quotes: QuoteSet<'_>) -> Starts {
        let starts: Vec<u32> = quotes.iter().map(|q| small(q.content.start)).collect();
        if starts.is_sorted() {
            return Starts {
                starts,
                units: None,
            };
        }
        let mut pairs: Vec<(u32, u32)> = starts.into_iter().zip(0..).collect();
        pairs.sort_unstable();
        let (starts, units) = pairs.into_iter().unzip();
        Starts {
            starts,
            units: Some(units),
        }
    }

    /// The indices of the units whose content starts in `span`.
    pub fn within(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let (a, b) = (small(span.start), small(span.end));
        let from = self.starts.partition_point(|&s| s < a);
        let to = self.starts.partition_point(|&s| s < b).max(from);
        (from..to).map(|k| match &self.units {
            None => k,
            Some(u) => u.get(k).map_or(k, |&i| i as usize),
        })
    }
}

/// The units of `quotes` credited to each of `entities` entities, entity by entity, and where
/// each entity's start ([`Sources::units_of`]).
fn units_by_entity(entities: usize, quotes: QuoteSet<'_>) -> (Vec<u32>, Vec<u32>) {
    let mut pairs: Vec<(u32, u32)> = quotes
        .iter()
        .enumerate()
        .filter_map(|(i, q)| q.speaker.as_ref().map(|s| (small(s.entity), small(i))))
        .filter(|&(e, _)| (e as usize) < entities)
        .collect();
    pairs.sort_unstable();
    let mut from = Vec::with_capacity(entities + 1);
    let mut k = 0;
    for e in 0..=entities {
        while pairs.get(k).is_some_and(|&(x, _)| (x as usize) < e) {
            k += 1;
        }
        from.push(small(k));
    }
    (pairs.into_iter().map(|(_, i)| i).collect(), from)
}

/// The first sentence of every paragraph (`None` for a paragraph with none).
pub fn paragraph_starts(doc: &Doc<'_>) -> Vec<Option<usize>> {
    let n = doc.sentences.last().map_or(0, |s| s.paragraph + 1);
    let mut out = vec![None; n];
    for (si, s) in doc.sentences.iter().enumerate() {
        if let Some(x) = out.get_mut(s.paragraph) {
            x.get_or_insert(si);
        }
    }
    out
}
