//! Quotations no cue claimed: each becomes a continuation of a multi-paragraph quote, a
//! floating quote that takes a neighbour's speaker, a quote of whoever has the floor, an
//! unattributed direct quote, the title of a work or a scare quote. One merge pass over the
//! attributed units (sorted by position) and the quotations set aside (in text order).

use super::constructions::is_title;
use super::coref::span_of;
use super::np;
use super::{small, Credit, Pending, SetAside, Unit};
use crate::report::{Construction, QuoteKind};
use crate::span::Span;
use crate::text::quotes::Quoted;
use crate::text::{Doc, Sentence};

/// The unit of each quotation of `pending`, in position order, read as if merged with the
/// attributed `units` (in position order; see [`super::Units`]). `floors`: by a sentence's
/// first token, who has the floor after it (see [`super::resolve::resolve_sentence`]).
pub(super) fn float_quotes(
    doc: &Doc<'_>,
    units: &[Unit],
    pending: Vec<SetAside>,
    floors: &[(usize, (usize, Span))],
) -> Vec<Unit> {
    if pending.is_empty() {
        return Vec::new();
    }
    let mut merge = Merge::new(units, pending.len());
    for p in pending {
        let p = p.pending(doc);
        let Some(q) = doc.quote_of(p.tok()).and_then(|i| doc.quotes.get(i)) else {
            continue;
        };
        merge.pass_units_before(q.content().start);
        let unit = merge.floating_unit(doc, &p, q, floors);
        merge.push_floating(unit);
    }
    let mut out = merge.floating;
    // (In text order already, unless quotations were set aside out of order.)
    if !out.is_sorted_by_key(Unit::key) {
        out.sort_by_key(Unit::key);
    }
    out
}

/// Whether `u` is a direct quote with a speaker.
fn attributed_direct(u: &Unit) -> bool {
    u.kind == QuoteKind::Direct && u.speaker.is_some()
}

/// A unit merged: an attributed one (by index in [`Merge::existing`]) or a floating one (in
/// [`Merge::floating`]). The units stay where they are; the merge only reads them in order.
#[derive(Clone, Copy)]
enum Merged {
    Existing(usize),
    Floating(usize),
}

/// The merge of the attributed units and the floating ones.
struct Merge<'u> {
    /// The attributed units, in position order: those before the cursor are merged, those
    /// after it are there for the look-ahead.
    existing: &'u [Unit],
    /// `next[k]`: the first attributed direct unit at or after `existing[k]`.
    next: Vec<Option<usize>>,
    /// The floating units made so far.
    floating: Vec<Unit>,
    /// The last unit merged, the last direct unit and the last attributed indirect one: kept
    /// as the merge goes, so no quotation scans back (linear on a document of quotes).
    last: Last,
    /// The first unit of `existing` not merged yet.
    cursor: usize,
}

/// The last unit, the last direct unit and the last attributed indirect unit merged so far.
#[derive(Default)]
struct Last {
    unit: Option<Merged>,
    direct: Option<Merged>,
    claim: Option<Merged>,
}

impl<'u> Merge<'u> {
    /// A merge of the attributed `units` with `floating` more to come.
    fn new(existing: &'u [Unit], floating: usize) -> Self {
        let mut next: Vec<Option<usize>> = vec![None; existing.len() + 1];
        for k in (0..existing.len()).rev() {
            let here = existing.get(k).filter(|u| attributed_direct(u)).map(|_| k);
            let after = next.get(k + 1).copied().flatten();
            if let Some(slot) = next.get_mut(k) {
                *slot = here.or(after);
            }
        }
        Merge {
            existing,
            next,
            floating: Vec::with_capacity(floating),
            last: Last::default(),
            cursor: 0,
        }
    }

    /// The unit `m`.
    fn get(&self, m: Merged) -> Option<&Unit> {
        match m {
            Merged::Existing(k) => self.existing.get(k),
            Merged::Floating(k) => self.floating.get(k),
        }
    }

    /// Records `u` (merged as `m`) as the last unit merged.
    fn note(last: &mut Last, u: &Unit, m: Merged) {
        last.unit = Some(m);
        if u.kind == QuoteKind::Direct {
            last.direct = Some(m);
        }
        if u.kind == QuoteKind::Indirect && u.speaker.is_some() {
            last.claim = Some(m);
        }
    }

    /// Appends the floating unit `u` to the merged units.
    fn push_floating(&mut self, u: Unit) {
        Self::note(&mut self.last, &u, Merged::Floating(self.floating.len()));
        self.floating.push(u);
    }

    /// Merges the attributed units that start before byte `start`.
    fn pass_units_before(&mut self, start: usize) {
        while let Some(u) = self
            .existing
            .get(self.cursor)
            .filter(|u| u.content().start < start)
        {
            Self::note(&mut self.last, u, Merged::Existing(self.cursor));
            self.cursor += 1;
        }
    }

    /// The last direct unit merged.
    fn prev_direct(&self) -> Option<&Unit> {
        self.last.direct.and_then(|m| self.get(m))
    }

    /// The unit of the set-aside quotation `p` (`q`, its quotation).
    fn floating_unit(
        &self,
        doc: &Doc<'_>,
        p: &Pending,
        q: &Quoted,
        floors: &[(usize, (usize, Span))],
    ) -> Unit {
        let content = q.content();
        let para = p.sentence().paragraph;
        let inner = content.of(doc.text);
        let mut kind = QuoteKind::Direct;
        let mut from: Option<&Unit> = None;
        let mut how = Construction::Floating;
        let mut floor = None;
        // ('"Harbour Lights" star Ana Ruiz said …': a title of a work opening the sentence as
        // a modifier of the noun after it.)
        let modifier = || {
            let next = p.tok() + 1;
            doc.is_word(next) && !doc.is_cap(next) && doc.tag(next).is_noun()
        };
        if q.continues {
            from = self.prev_direct();
            how = Construction::Continuation;
        } else if p.initial && modifier() && is_title(doc, p.tok(), inner) {
            kind = QuoteKind::Title;
        } else if p.initial {
            (from, floor) = self.initial_source(doc, p, content, floors);
        } else if is_title(doc, p.tok(), inner) {
            kind = QuoteKind::Title;
        } else if inner.split_whitespace().count() < 6
            || !inner.chars().next().is_some_and(char::is_uppercase)
        {
            kind = QuoteKind::Scare;
        }
        match (kind, from) {
            (QuoteKind::Direct, Some(u)) => Unit {
                kind,
                content: Unit::content_of(content),
                cue: u.cue.as_ref().map(|c| {
                    let mut c = std::sync::Arc::clone(c);
                    if c.cue.construction != how {
                        std::sync::Arc::make_mut(&mut c).cue.construction = how;
                    }
                    c
                }),
                speaker: u.speaker,
                paragraph: small(para),
                quoted: true,
            },
            _ => Unit {
                kind,
                content: Unit::content_of(content),
                cue: None,
                speaker: floor.filter(|_| kind == QuoteKind::Direct).map(Credit::of),
                paragraph: small(para),
                quoted: true,
            },
        }
    }

    /// Where the speaker of quotation `p` (its content at `content`), which opens its sentence
    /// or follows a colon, dash or quotation, comes from: an attributed unit nearby (`from`), or
    /// the entity that has the floor. The first that applies, in this order.
    fn initial_source(
        &self,
        doc: &Doc<'_>,
        p: &Pending,
        content: Span,
        floors: &[(usize, (usize, Span))],
    ) -> (Option<&Unit>, Option<(usize, Span)>) {
        let para = p.sentence().paragraph;
        let mut floor = None;
        // Same paragraph: the attributed quote before it, else the one after.
        let mut from = self
            .prev_direct()
            .filter(|u| u.paragraph as usize == para && u.speaker.is_some());
        if from.is_none() {
            from = self.next_direct_in(para);
        }
        if from.is_none() {
            // "Berg said the dressing room was united. Asked …, he shrugged. "That's not for
            // me to decide."": the paragraph's last attributed claim before it, when no
            // sentence between opens with another name ("Jones disagreed.").
            from = self.last.claim.and_then(|m| self.get(m)).filter(|u| {
                u.paragraph as usize == para
                    && !named_subject_between(doc, u.content().end, content.start, para)
            });
        }
        // The sentence after this one, when it is in the same paragraph.
        let next_sentence = doc
            .sentences
            .get(
                doc.sentences
                    .partition_point(|s| s.start < p.sentence().end),
            )
            .filter(|s| s.paragraph == para);
        if from.is_none() {
            from = self.speaker_of_sentence(doc, para, next_sentence);
        }
        if from.is_none() && floor.is_none() {
            // `"I used to swim here." Ffion Jones, 44, has swum …`: the subject opening the
            // next sentence of the paragraph, when it has no attribution of its own.
            let only_quote = p.sentence().end - p.sentence().start <= 2;
            floor = next_sentence
                .filter(|s| only_quote && s.start == p.sentence().end)
                .and_then(|&s| floor_of(floors, s));
        }
        if from.is_none() && floor.is_none() {
            // ("The chairman, Ruth Okoye, responded: / "…"": a paragraph ending in a colon
            // introduces the quotation that opens the next, whatever came before the colon.)
            floor = colon_before(doc, p).and_then(|s| floor_of(floors, s));
        }
        if from.is_none() && floor.is_none() {
            from = self.previous_paragraph_close(doc, p);
        }
        if from.is_none() && floor.is_none() {
            floor = floor_before(doc, p, floors);
        }
        (from, floor)
    }

    /// The next attributed direct unit not merged yet, when it is in paragraph `para`.
    fn next_direct_in(&self, para: usize) -> Option<&Unit> {
        self.next
            .get(self.cursor)
            .copied()
            .flatten()
            .and_then(|j| self.existing.get(j))
            .filter(|u| u.paragraph as usize == para)
    }

    /// `"We have done our part." He said the rest was up to the council.`: the next unit not
    /// merged yet, when it has a speaker, is in paragraph `para`, is no title and lies inside
    /// `sentence` (the sentence right after the quotation's, in the same paragraph).
    fn speaker_of_sentence(
        &self,
        doc: &Doc<'_>,
        para: usize,
        sentence: Option<&Sentence>,
    ) -> Option<&Unit> {
        let span = sentence.map(|s| span_of(doc, s.start, s.end));
        self.existing
            .get(self.cursor)
            .filter(|u| {
                u.speaker.is_some() && u.paragraph as usize == para && u.kind != QuoteKind::Title
            })
            .filter(|u| span.is_some_and(|sp| sp.contains(u.content())))
    }

    /// A sentence that is only the quotation `p`, after a paragraph ending in an attributed
    /// quote, with no attribution after it; or a paragraph opening with the quotation after one
    /// ending in an attributed claim ("Anand said the order would stay. / "The river will drop
    /// …""): the unit that ends the paragraph before.
    fn previous_paragraph_close(&self, doc: &Doc<'_>, p: &Pending) -> Option<&Unit> {
        let para = p.sentence().paragraph;
        let only_quote = p.sentence().end - p.sentence().start <= 2;
        let opens = doc.tokens.get(p.tok()).is_some_and(|t| t.newline_before());
        // (A partial quote closing the claim is the claim's: 'said council would "have to
        // talk"'.)
        let claim = |u: &Unit| {
            opens
                && matches!(u.kind, QuoteKind::Indirect | QuoteKind::Partial)
                && u.speaker.is_some()
        };
        // (Or with the reporter's question alone between: '"…," he said. / Was she? / "…"'.)
        let before = |u: &Unit| {
            u.paragraph as usize + 1 == para
                || u.paragraph as usize + 2 == para && opens && question_paragraph(doc, para - 1)
        };
        self.last
            .unit
            .and_then(|m| self.get(m))
            .filter(|u| only_quote && (attributed_direct(u) || claim(u)) && before(u))
    }
}

/// "Asked whether …, he shook his head. "It's one game."": the subject opening the sentence
/// just before quotation `p`, in the same paragraph, has the floor; "Asked about the cut, she
/// was blunt: "…"": the subject of the clause before the colon.
fn floor_before(
    doc: &Doc<'_>,
    p: &Pending,
    floors: &[(usize, (usize, Span))],
) -> Option<(usize, Span)> {
    if p.tok() > p.sentence().start && doc.is_punct(p.tok() - 1, ":") {
        floor_of(floors, p.sentence())
    } else {
        let k = doc
            .sentences
            .partition_point(|s| s.start < p.sentence().start);
        let prev = k.checked_sub(1).and_then(|k| doc.sentences.get(k));
        // ("Ruiz closed her address with a promise: / "…"": a paragraph ending in a colon
        // introduces the quotation that opens the next.)
        // (So does one whose verb is a speech verb that reports nothing itself, with no
        // quotation: "Later, on the bus, she explained the math. / "…"".)
        let colon = |s: &&Sentence| {
            s.paragraph + 1 == p.sentence().paragraph
                && p.tok() == p.sentence().start
                && s.end > s.start
                && (doc.is_punct(s.end - 1, ":") || announces(doc, **s))
        };
        prev.filter(|s| s.paragraph == p.sentence().paragraph || colon(s))
            .and_then(|&s| floor_of(floors, s))
    }
}

/// The sentence closing the paragraph before quotation `p` with a colon, when `p` opens its
/// paragraph.
fn colon_before(doc: &Doc<'_>, p: &Pending) -> Option<Sentence> {
    let s = p.sentence();
    if p.tok() != s.start || s.start == 0 {
        return None;
    }
    let k = doc.sentences.partition_point(|x| x.start < s.start);
    let prev = *doc.sentences.get(k.checked_sub(1)?)?;
    (prev.paragraph + 1 == s.paragraph && prev.end > prev.start && doc.is_punct(prev.end - 1, ":"))
        .then_some(prev)
}

/// Whether paragraph `para` is a short question alone, with no quotation: the reporter's
/// ("Was she?", "And the budget?"), which the next paragraph's quotation answers.
fn question_paragraph(doc: &Doc<'_>, para: usize) -> bool {
    const SHORT: usize = 12;
    let k = doc.sentences.partition_point(|s| s.paragraph < para);
    let mut it = doc.sentences.get(k..).unwrap_or_default().iter();
    let (Some(s), next) = (it.next(), it.next()) else {
        return false;
    };
    s.paragraph == para
        && next.is_none_or(|n| n.paragraph != para)
        && s.end > s.start
        && s.end - s.start <= SHORT
        && doc.is_punct(s.end - 1, "?")
        && (s.start..s.end).all(|t| doc.quote_of(t).is_none())
}

/// Whether sentence `s` announces words to come: a finite speech verb of the lexicon, no
/// quotation and no complementizer (a short sentence: "She explained the math.", "He put it
/// simply.").
fn announces(doc: &Doc<'_>, s: Sentence) -> bool {
    const SHORT: usize = 16;
    if s.end - s.start > SHORT {
        return false;
    }
    let mut verb = false;
    for t in s.start..s.end {
        if doc.quote_of(t).is_some() || doc.is_func(t, crate::grammar::FuncType::Complementizer) {
            return false;
        }
        verb |= doc.has(t, crate::grammar::TokClass::VERB)
            && matches!(
                doc.tag(t),
                crate::syntax::Tag::VerbVbd | crate::syntax::Tag::VerbVbz
            );
    }
    verb
}

/// Who has the floor after sentence `s` (see `resolve_sentence`), if anyone.
fn floor_of(floors: &[(usize, (usize, Span))], s: Sentence) -> Option<(usize, Span)> {
    floors
        .binary_search_by_key(&s.start, |f| f.0)
        .ok()
        .and_then(|i| floors.get(i))
        .map(|f| f.1)
}

/// How many sentences between a claim and a quotation [`named_subject_between`] reads; with
/// more, someone else may well have the floor, and the answer is yes.
const FLOOR_SENTENCES: usize = 4;

/// Whether a sentence of paragraph `para` starting between bytes `from` and `to` opens with a
/// proper name (its subject, most likely): someone else may have the floor.
fn named_subject_between(doc: &Doc<'_>, from: usize, to: usize, para: usize) -> bool {
    let start_of = |s: &Sentence| {
        doc.tokens
            .get(s.start)
            .map_or(usize::MAX, |t| t.span().start)
    };
    let first = doc.sentences.partition_point(|s| start_of(s) <= from);
    let between = doc
        .sentences
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|s| start_of(s) < to);
    let mut n = 0;
    for s in between {
        n += 1;
        if n > FLOOR_SENTENCES
            || (s.paragraph == para
                && np::parse_name(doc, s.start, s.end).is_some_and(|x| x.start == s.start))
        {
            return true;
        }
    }
    false
}
