//! Attribution: quotes and cues joined to speakers, speakers resolved to entities, chains
//! built, and the [`Report`] assembled. Never fails on text.
//!
//! [`analyze_doc`] is the pipeline. For each sentence (the dateline aside), the constructions
//! find its attributions ([`constructions`]), their speakers are resolved ([`resolve`]) and
//! their units emitted ([`units`]); then the quotations no cue claimed are placed
//! ([`floating`]), and the report is assembled ([`build`]).

mod anonymity;
mod build;
pub mod constructions;
pub mod coref;
mod floating;
pub mod np;
mod resolve;
pub mod toks;
mod units;

pub use build::{QuoteSet, QuoteTable};
use coref::Entities;

use crate::grammar::Grammar;
use crate::report::{ChainLink, Cue, QuoteKind, Report};
use crate::span::Span;
use crate::text::{Doc, Sentence};

/// A unit before it becomes a [`crate::report::Quote`]: 40 bytes (a long document of quotes
/// holds one for every few bytes). Its content is in 32-bit offsets, and its cue with its
/// chain, which floating units of a long run of quotations without attribution do not have,
/// is behind a shared pointer: the units of one attribution (a quotation broken by its cue,
/// the partial quotes of a claim) share one.
#[derive(Debug, Clone)]
struct Unit {
    kind: QuoteKind,
    /// A quotation's unit (not a reported clause's).
    quoted: bool,
    /// Its paragraph (32 bits: fewer than tokens).
    paragraph: u32,
    /// Its content's start and end ([`Unit::content`]).
    content: (u32, u32),
    cue: Option<std::sync::Arc<Cued>>,
    speaker: Option<Credit>,
}

/// A unit's cue and the chain of relays it names (empty for most): a unit has a chain only
/// with a cue.
#[derive(Debug, Clone)]
struct Cued {
    cue: Cue,
    chain: crate::thin::Thin<ChainLink>,
}

/// A unit's speaker: the entity and the span of its mention, in 32 bits each (a document is
/// read up to 4 GiB): 12 bytes, not 24.
#[derive(Debug, Clone, Copy)]
struct Credit {
    entity: u32,
    start: u32,
    end: u32,
}

impl Credit {
    fn of((entity, mention): (usize, Span)) -> Self {
        Credit {
            entity: small(entity),
            start: small(mention.start),
            end: small(mention.end),
        }
    }

    /// The entity and the span of its mention.
    fn get(self) -> (usize, Span) {
        let mention = Span {
            start: self.start as usize,
            end: self.end as usize,
        };
        (self.entity as usize, mention)
    }
}

/// `x` in 32 bits (an offset or a count within a document, which is read up to 4 GiB),
/// saturated.
pub(crate) fn small(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// Whether attributed unit `x` comes before floating unit `y` (of two in the same place, the
/// floating one comes first; a missing one comes last).
fn attributed_first(x: Option<&Unit>, y: Option<&Unit>) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => x.key() < y.key(),
        (x, _) => x.is_some(),
    }
}

/// A quotation no attribution claimed, set aside for [`floating`]. In 32-bit token indices (a
/// document has fewer than 2^32 tokens: [`Doc::new`] reads 4 GiB at most): a long document of
/// quotes holds one for every few bytes.
struct Pending {
    /// Its quote token.
    quote_tok: u32,
    /// Its sentence: first token, one past the last, paragraph.
    sentence: (u32, u32, u32),
    /// It opens its sentence, or follows a colon, a dash or another quotation.
    initial: bool,
}

/// A quotation no attribution claimed, as it is set aside while the sentences are read: its
/// quote token and whether it is [`Pending::initial`], in 8 bytes (a long document of quotes
/// holds one for every few bytes); [`SetAside::pending`] finds its sentence again.
#[derive(Debug, Clone, Copy)]
struct SetAside {
    quote_tok: u32,
    initial: bool,
}

impl SetAside {
    fn new(quote_tok: usize, initial: bool) -> Self {
        SetAside {
            quote_tok: small(quote_tok),
            initial,
        }
    }

    /// Its quote token.
    fn tok(&self) -> usize {
        self.quote_tok as usize
    }

    /// It with its sentence, which holds its token.
    fn pending(self, doc: &Doc<'_>) -> Pending {
        let t = self.tok();
        let k = doc.sentences.partition_point(|s| s.end <= t);
        let s = doc.sentences.get(k).copied().unwrap_or(Sentence {
            start: t,
            end: t + 1,
            paragraph: 0,
        });
        Pending::new(t, s, self.initial)
    }
}

impl Pending {
    fn new(quote_tok: usize, s: Sentence, initial: bool) -> Self {
        let small = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Pending {
            quote_tok: small(quote_tok),
            sentence: (small(s.start), small(s.end), small(s.paragraph)),
            initial,
        }
    }

    /// Its quote token.
    fn tok(&self) -> usize {
        self.quote_tok as usize
    }

    /// Its sentence.
    fn sentence(&self) -> Sentence {
        let (start, end, paragraph) = self.sentence;
        Sentence {
            start: start as usize,
            end: end as usize,
            paragraph: paragraph as usize,
        }
    }
}

/// Analyses `text` with `grammar`. The document read (its tokens, tags, phrases and clauses)
/// is dropped before the report is built: a long document's report need not share memory with
/// them. A text over 4 GiB is read up to its first 4 GiB ([`Doc::new`]).
pub fn analyze(text: &str, grammar: &Grammar) -> Report {
    analyze_stream(text, grammar).collect_report()
}

/// Analyses a document already read with its phrases and clauses ([`Doc::new`]).
pub fn analyze_doc(doc: &Doc<'_>) -> Report {
    let mut a = Attribution::new(doc);
    for s in doc.sentences.iter().copied() {
        a.sentence(doc, s);
    }
    let (units, ents) = a.finish(doc);
    let (head, quotes) = build::build_report(build::DocParts::of(doc, doc.text), units, ents);
    ReportStream { head, quotes }.collect_report()
}

/// Analyses a document read without its phrases and clauses ([`Doc::read`]; the checker
/// reuses its tokens and sentences), reading them a window at a time ([`attribute`]); none
/// are left in it.
pub fn analyze_read(doc: &mut Doc<'_>) -> Report {
    let (units, ents) = attribute(doc);
    let (head, quotes) = build::build_report(build::DocParts::of(doc, doc.text), units, ents);
    ReportStream { head, quotes }.collect_report()
}

/// [`analyze_read`], with the quotes held as their units, each made when it is read (the
/// checker's rules read them beside the document).
pub fn analyze_read_table(doc: &mut Doc<'_>) -> TableReport {
    let (units, ents) = attribute(doc);
    let (head, quotes) = build::build_report(build::DocParts::of(doc, doc.text), units, ents);
    ReportStream { head, quotes }.into_table()
}

/// A report whose quotes are held as their units, each made when it is read ([`QuoteTable`]).
#[derive(Debug)]
pub struct TableReport {
    /// The report, its `quotes` empty.
    pub head: Report,
    /// Its quotes.
    pub table: QuoteTable,
}

impl TableReport {
    /// Its quotes, their texts slices of `text` (the text analysed, or the original of its
    /// prose: same offsets).
    pub fn quotes<'a>(&'a self, text: &'a str) -> QuoteSet<'a> {
        QuoteSet::table(&self.table, text, &self.head.entities)
    }

    /// The whole report, its quotes made from `text` ([`TableReport::quotes`]).
    pub fn into_report(self, text: &str) -> Report {
        let quotes = self.quotes(text).iter().map(|q| q.into_owned()).collect();
        let mut head = self.head;
        head.quotes = quotes;
        head
    }
}

/// [`analyze`], with the quotes made one at a time as they are read: for a writer that streams
/// the report of a long document, which then never holds its quotes whole.
pub fn analyze_stream<'t>(text: &'t str, grammar: &Grammar) -> ReportStream<'t> {
    let mut doc = Doc::read(text, grammar);
    let (units, ents) = attribute(&mut doc);
    let parts = build::DocParts::of(&doc, text);
    drop(doc);
    let (head, quotes) = build::build_report(parts, units, ents);
    ReportStream { head, quotes }
}

/// A report whose quotes are made as they are read ([`analyze_stream`]): `head` is the report
/// without its quotes, and the stream yields them in order, each as [`analyze`] gives it.
pub struct ReportStream<'t> {
    /// The report, its `quotes` empty.
    pub head: Report,
    quotes: build::QuoteStream<'t>,
}

impl<'t> ReportStream<'t> {
    /// The report without its quotes, and its quotes to come.
    pub fn parts(&mut self) -> (&Report, Quotes<'_, 't>) {
        let quotes = Quotes {
            stream: &mut self.quotes,
            entities: &self.head.entities,
        };
        (&self.head, quotes)
    }

    /// The report with its quotes held as their units ([`TableReport`]).
    pub fn into_table(self) -> TableReport {
        TableReport {
            head: self.head,
            table: self.quotes.into_table(),
        }
    }

    /// The whole report.
    pub fn collect_report(mut self) -> Report {
        let mut quotes = Vec::with_capacity(self.quotes.len());
        quotes.extend(&mut self);
        let mut report = self.head;
        report.quotes = quotes;
        report
    }
}

/// The quotes of a [`ReportStream`], beside its head ([`ReportStream::parts`]).
pub struct Quotes<'s, 't> {
    stream: &'s mut build::QuoteStream<'t>,
    entities: &'s [crate::report::Entity],
}

impl Iterator for Quotes<'_, '_> {
    type Item = crate::report::Quote;

    fn next(&mut self) -> Option<Self::Item> {
        self.stream.next(self.entities)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.stream.len(), Some(self.stream.len()))
    }
}

impl Iterator for ReportStream<'_> {
    type Item = crate::report::Quote;

    fn next(&mut self) -> Option<Self::Item> {
        self.quotes.next(&self.head.entities)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.quotes.len(), Some(self.quotes.len()))
    }
}

/// Tokens in a window of sentences whose phrases and clauses are read at once ([`attribute`]),
/// unless one paragraph (or one sentence) holds more: a story is read in one window.
const WINDOW_TOKENS: usize = 32_768;

/// The units of `doc` (in position order) and the entities they name. The phrases and clauses
/// are read a window of whole paragraphs (or, in a paragraph over [`WINDOW_TOKENS`], of whole
/// sentences) at a time, each window's in place of the last's: a long document never holds them
/// whole. No sentence's analysis reads another's phrases or clauses.
fn attribute(doc: &mut Doc<'_>) -> (Units, Entities) {
    let mut a = Attribution::new(doc);
    let mut from = 0;
    while from < doc.sentences.len() {
        let to = window_end(&doc.sentences, from);
        crate::syntax::parse_window(doc, from..to);
        for s in doc
            .sentences
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .copied()
        {
            a.sentence(doc, s);
        }
        from = to;
    }
    crate::syntax::drop_window(doc);
    a.finish(doc)
}

/// One past the last sentence of the window starting at sentence `from`: whole paragraphs of at
/// most [`WINDOW_TOKENS`] tokens together, else whole sentences, and one sentence at least.
fn window_end(sentences: &[Sentence], from: usize) -> usize {
    let Some(first) = sentences.get(from) else {
        return from;
    };
    let limit = first.start.saturating_add(WINDOW_TOKENS);
    let (mut end, mut para_end) = (from + 1, None);
    for (k, s) in sentences.iter().enumerate().skip(from + 1) {
        if s.end > limit {
            break;
        }
        if s.paragraph != first.paragraph || para_end.is_some() {
            // (Sentence `k` opens a paragraph, or another one past the first.)
            if sentences
                .get(k - 1)
                .is_some_and(|p| p.paragraph != s.paragraph)
            {
                para_end = Some(k);
            }
        }
        end = k + 1;
    }
    if end == sentences.len() {
        return end;
    }
    // (The window ends at a paragraph's end when one ends in it.)
    para_end.unwrap_or(end)
}

/// The analysis of a document sentence by sentence: the attributions each holds, their units,
/// and the entities they name.
struct Attribution<'a> {
    ents: Entities,
    emitted: units::Emitted,
    dateline_end: Option<usize>,
    /// The sentence's attributions (one buffer for all).
    attrs: Vec<constructions::Attr<'a>>,
    /// Sentences without an attribution whose clause opens with a subject pronoun or a
    /// definite role ("Asked …, he shook his head."), and those announcing words after a
    /// colon: by first token, who has the floor.
    floors: Vec<(usize, (usize, Span))>,
}
impl<'a> Attribution<'a> {
    fn new(doc: &Doc<'a>) -> Self {
        Attribution {
            ents: Entities::default(),
            emitted: units::Emitted::for_doc(doc),
            dateline_end: doc.dateline.as_ref().map(|d| d.span.end),
            attrs: Vec::new(),
            floors: Vec::new(),
        }
    }

    /// Reads sentence `s` (its phrases and clauses read): its attributions and their units.
    fn sentence(&mut self, doc: &Doc<'a>, s: Sentence) {
        let in_dateline = |e: usize| doc.tokens.get(s.start).is_some_and(|t| t.span().end <= e);
        if self.dateline_end.is_some_and(in_dateline) {
            return;
        }
        let attrs = &mut self.attrs;
        constructions::attributions_into(doc, s, attrs);
        let (speakers, floor) = resolve::resolve_sentence(doc, s, attrs, &mut self.ents);
        if let Some(f) = floor {
            self.floors.push((s.start, f));
        }
        self.emitted
            .sentence(doc, s, attrs, &speakers, &mut self.ents);
    }

    /// The units (in position order) and the entities they name, once every sentence is read.
    fn finish(self, doc: &Doc<'_>) -> (Units, Entities) {
        let units::Emitted {
            mut units, pending, ..
        } = self.emitted;
        units::drop_crossing(&mut units);
        units.sort_by_key(Unit::key);
        units.shrink_to_fit();
        let floating = floating::float_quotes(doc, &units, pending, &self.floors);
        (
            Units {
                attributed: units,
                floating,
            },
            self.ents,
        )
    }
}

impl Unit {
    /// Its place in position order: by content start, then end.
    fn key(&self) -> (usize, usize) {
        (self.content.0 as usize, self.content.1 as usize)
    }

    /// What it reports: inside the marks, or the reported clause.
    fn content(&self) -> Span {
        Span {
            start: self.content.0 as usize,
            end: self.content.1 as usize,
        }
    }

    /// `span` as a unit's content, in 32 bits (a document is read up to 4 GiB).
    fn content_of(span: Span) -> (u32, u32) {
        (small(span.start), small(span.end))
    }

    /// Its chain of relays.
    fn chain(&self) -> &[ChainLink] {
        self.cue.as_ref().map_or(&[], |c| &c.chain)
    }
}

/// The units of a document in position order: the attributed ones and the floating ones
/// ([`floating`]), each sorted, kept apart and read as one sequence (never copied into one
/// vector, which would hold every unit twice). Of two units in the same place, the floating one
/// comes first.
#[derive(Debug)]
struct Units {
    attributed: Vec<Unit>,
    floating: Vec<Unit>,
}

impl Units {
    /// How many.
    fn len(&self) -> usize {
        self.attributed.len() + self.floating.len()
    }

    /// Every unit, in position order.
    fn iter(&self) -> impl Iterator<Item = &Unit> {
        self.places().filter_map(|k| self.at(k))
    }

    /// Where each unit is, in position order: `k` below the number of attributed units is
    /// attributed unit `k`, and the rest floating unit `k` less that number ([`Units::at`]).
    fn places(&self) -> impl Iterator<Item = usize> + '_ {
        let (mut a, mut f) = (0, 0);
        let n = self.attributed.len();
        std::iter::from_fn(move || {
            let (x, y) = (self.attributed.get(a), self.floating.get(f));
            if x.is_none() && y.is_none() {
                return None;
            }
            if attributed_first(x, y) {
                a += 1;
                Some(a - 1)
            } else {
                f += 1;
                Some(n + f - 1)
            }
        })
    }

    /// The unit at place `k` ([`Units::places`]).
    fn at(&self, k: usize) -> Option<&Unit> {
        match k.checked_sub(self.attributed.len()) {
            None => self.attributed.get(k),
            Some(f) => self.floating.get(f),
        }
    }

    /// Every unit, for changes that do not move it.
    fn iter_mut(&mut self) -> impl Iterator<Item = &mut Unit> {
        self.attributed.iter_mut().chain(self.floating.iter_mut())
    }

    /// Reverses both vectors, for [`Units::pop`].
    fn reverse(&mut self) {
        self.attributed.reverse();
        self.floating.reverse();
    }

    /// Takes the first unit in position order (the vectors reversed: [`Units::reverse`]),
    /// giving back memory as the units go (a vector that holds under half of what it has room for
    /// is shrunk).
    fn pop(&mut self) -> Option<Unit> {
        let v = if attributed_first(self.attributed.last(), self.floating.last()) {
            &mut self.attributed
        } else {
            &mut self.floating
        };
        let u = v.pop();
        // (Under half: mimalloc keeps a block shrunk to half or more in place, giving nothing
        // back. At a third the units the report's quotes replace are held a while beside them.)
        if v.len() * 20 <= v.capacity() * 9 && v.capacity() > 64 {
            v.shrink_to_fit();
        }
        u
    }
}

#[cfg(test)]
mod sizes {
    use super::constructions::Attr;
    use super::coref::{Ent, Mentioned};
    use super::np::Np;
    use super::*;
    use crate::report::MentionKind;
    use std::mem::size_of;

    /// What a long document holds one of for every few bytes stays small.
    #[test]
    fn the_structures_held_per_unit_stay_small() {
        assert!(size_of::<Unit>() <= 40, "{}", size_of::<Unit>());
        assert!(size_of::<Attr<'_>>() <= 232, "{}", size_of::<Attr<'_>>());
        assert!(size_of::<Np<'_>>() <= 136, "{}", size_of::<Np<'_>>());
        assert!(size_of::<Ent>() <= 224, "{}", size_of::<Ent>());
        assert!(size_of::<Mentioned>() <= 12, "{}", size_of::<Mentioned>());
        assert!(size_of::<crate::report::Quote>() <= 88);
        assert!(size_of::<crate::report::Entity>() <= 88);
    }

    /// Offsets and token indices packed in 32 bits come back whole up to the largest a
    /// document read up to 4 GiB holds.
    #[test]
    fn packed_offsets_round_trip_at_the_limits() {
        let top = u32::MAX as usize;
        for span in [Span::new(0, 0), Span::new(7, 9), Span::new(top - 1, top)] {
            let u = Unit {
                kind: QuoteKind::Direct,
                quoted: true,
                paragraph: 0,
                content: Unit::content_of(span),
                cue: None,
                speaker: Some(Credit::of((3, span))),
            };
            assert_eq!(u.content(), span);
            assert_eq!(u.key(), (span.start, span.end));
            assert_eq!(u.speaker.map(Credit::get), Some((3, span)));
            let m = Mentioned::new(span, MentionKind::Role);
            assert_eq!((m.span(), m.kind), (span, MentionKind::Role));
        }
        let text = "Ana Ruiz said the plan had failed.";
        let doc = Doc::new(text, Grammar::builtin());
        let attrs = constructions::attributions(&doc, doc.sentences[0]);
        let mut a = attrs[0].clone();
        let mut n = a.speaker.clone().expect("a speaker");
        assert_eq!(n.name(), Some((0, 2)));
        for (x, y) in [(0, 1), (top - 1, top)] {
            a.set_venue(Some((x, y)));
            a.set_relayed_by(Some(y));
            assert_eq!((a.venue(), a.relayed_by()), (Some((x, y)), Some(y)));
            n.set_name(Some((x, y)));
            n.set_title(Some((x, y)));
            assert_eq!((n.name(), n.title()), (Some((x, y)), Some((x, y))));
        }
        a.set_venue(None);
        n.set_title(None);
        assert_eq!((a.venue(), n.title()), (None, None));
    }
}

#[cfg(test)]
mod windows {
    use super::*;

    /// Every fixture's text, in one document of several windows.
    fn long_document() -> String {
        let files = crate::fixture_files::fixture_files();
        let mut text = String::new();
        while text.len() < 3 * WINDOW_TOKENS * 5 {
            for f in &files {
                text.push_str(&std::fs::read_to_string(f).unwrap());
                text.push_str("\n\n");
            }
        }
        text
    }

    /// Read a window of paragraphs at a time, a document gives the report it gives with the
    /// phrases and clauses of every sentence held at once.
    #[test]
    fn windows_give_the_whole_document_s_report() {
        let text = long_document();
        let g = Grammar::builtin();
        let whole = Doc::new(&text, g);
        let mut read = Doc::read(&text, g);
        let (mut k, mut windows) = (0, 0);
        while k < read.sentences.len() {
            k = window_end(&read.sentences, k);
            windows += 1;
        }
        assert!(windows >= 3, "{windows} windows");
        let a = serde_json::to_string(&analyze_doc(&whole)).unwrap();
        let b = serde_json::to_string(&analyze_read(&mut read)).unwrap();
        assert!(a == b, "the windowed report differs");
        assert!(read.phrases.is_empty() && read.clauses.is_empty());
    }

    /// A report's quotes held as a table and made when read are the quotes the report makes
    /// whole, in order, and the table reads each again alike (its units stay).
    #[test]
    fn a_table_gives_the_report_s_quotes() {
        let text = long_document();
        let g = Grammar::builtin();
        let whole = analyze(&text, g);
        let table = analyze_stream(&text, g).into_table();
        let quotes = table.quotes(&text);
        assert!(whole.quotes.len() > 100, "{} quotes", whole.quotes.len());
        assert_eq!(quotes.len(), whole.quotes.len());
        assert!(whole.quotes.iter().any(|q| q.continues.is_some()));
        assert!(whole.quotes.iter().any(|q| !q.chain.is_empty()));
        for (i, q) in quotes.iter().enumerate() {
            assert!(*q == whole.quotes[i], "quote {i} differs");
        }
        let last = whole.quotes.len() - 1;
        assert!(quotes.get(last).as_deref() == whole.quotes.get(last));
        assert!(quotes.get(last + 1).is_none());
        assert!(table.head.quotes.is_empty());
    }

    /// A window ends where a paragraph does, holds one sentence at least, and covers the
    /// sentences in order without gaps.
    #[test]
    fn windows_are_whole_paragraphs_in_order() {
        let text = long_document();
        let doc = Doc::read(&text, Grammar::builtin());
        let s = &doc.sentences;
        let mut k = 0;
        while k < s.len() {
            let end = window_end(s, k);
            assert!(end > k);
            let tokens = s[end - 1].end - s[k].start;
            assert!(tokens <= WINDOW_TOKENS || end == k + 1, "{tokens} tokens");
            if end < s.len() && tokens <= WINDOW_TOKENS {
                assert_ne!(
                    s[end - 1].paragraph,
                    s[end].paragraph,
                    "window ends mid-paragraph"
                );
            }
            k = end;
        }
    }
}
