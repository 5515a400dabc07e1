//! The report assembled: the entities that units reference, numbered densely by first mention;
//! each unit's speaker, anonymity and chain (the dateline publisher appended), and which unit
//! it continues; mark problems as diagnostics; the dateline and the page furniture.

use std::borrow::Cow;
use std::collections::HashMap;

use super::coref::Entities;
use super::{small, Credit, Unit, Units};
use crate::report::{
    self, Anonymity, ChainLink, ChainRole, Construction, Diagnostic, EntityKind, Excerpt, Quote,
    QuoteKind, Report, Speaker,
};
use crate::span::Span;
use crate::text::{Dateline, Doc, MarkProblem};

/// What the report takes from the document read besides its units and entities: with these,
/// the document (its tokens, tags, phrases) can go before the report is built.
pub(super) struct DocParts<'a> {
    text: &'a str,
    dateline: Option<Dateline>,
    furniture: Vec<report::Furniture>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> DocParts<'a> {
    /// The parts of `doc`, whose text is `text`.
    pub(super) fn of(doc: &Doc<'_>, text: &'a str) -> Self {
        DocParts {
            text,
            dateline: doc.dateline.clone(),
            furniture: doc
                .furniture
                .iter()
                .map(|f| report::Furniture {
                    span: f.span,
                    kind: f.kind,
                })
                .collect(),
            diagnostics: diagnostics(doc),
        }
    }
}

/// Assembles the report of a document (`parts`) from its units and entity table: the report
/// without its quotes, and the quotes to come, made one at a time. The entity table goes once
/// the units name the report's entities, and each unit once its quote is made.
pub(super) fn build_report<'t>(
    parts: DocParts<'t>,
    mut units: Units,
    mut ents: Entities,
) -> (Report, QuoteStream<'t>) {
    ents.drop_indexes();
    let numbering = Numbering::new(&units, &ents);
    let entities = report_entities(parts.text, &mut ents, &numbering);
    for u in units.iter_mut() {
        u.speaker = u.speaker.and_then(|c| {
            let (id, m) = c.get();
            Some(Credit::of((numbering.new_id(&ents, id)?, m)))
        });
        // (A shared cue with a chain is copied for its unit here, a cue without one stays
        // shared: most have none.)
        let chains = (u.cue.iter_mut())
            .filter(|c| !c.chain.is_empty())
            .flat_map(|c| std::sync::Arc::make_mut(c).chain.iter_mut());
        for c in chains {
            c.entity = c.entity.and_then(|id| numbering.new_id(&ents, id));
        }
    }
    drop(numbering);
    drop(ents);
    let text = parts.text;
    let quotes = QuoteStream::new(text, parts.dateline.as_ref(), units);
    let head = Report {
        schema_version: report::SCHEMA_VERSION,
        dateline: parts.dateline.as_ref().map(|d| report::DatelineInfo {
            span: d.span,
            place: d.place.of(text).to_string(),
            outlet: d.outlet.map(|o| o.of(text).to_string()),
        }),
        furniture: parts.furniture,
        entities,
        quotes: Vec::new(),
        diagnostics: parts.diagnostics,
    };
    (head, quotes)
}

/// The live entities that units reference, renumbered densely in order of first mention.
struct Numbering {
    /// The referenced live entities, in their new order.
    used: Vec<usize>,
    /// `number[id]`: the new number of the live entity `id`, if it is used (a table, not a
    /// search of `used`: a long document may name many thousands of speakers).
    number: Vec<Option<usize>>,
}

impl Numbering {
    /// Numbers the speakers and chain entities of `units`.
    fn new(units: &Units, ents: &Entities) -> Self {
        let mut used: Vec<usize> = Vec::new();
        let mut number: Vec<Option<usize>> = vec![None; ents.list.len()];
        let mut add = |id: usize, used: &mut Vec<usize>| {
            let id = ents.live(id);
            if let Some(slot @ None) = number.get_mut(id) {
                *slot = Some(0);
                used.push(id);
            }
        };
        for u in units.iter() {
            if let Some((id, _)) = u.speaker.map(Credit::get) {
                add(id, &mut used);
            }
            for c in u.chain() {
                if let Some(id) = c.entity {
                    add(id, &mut used);
                }
            }
        }
        used.sort_by_key(|&id| {
            ents.list
                .get(id)
                .and_then(|e| e.mentions.iter().map(|m| m.span().start).min())
                .unwrap_or(usize::MAX)
        });
        for (i, &id) in used.iter().enumerate() {
            if let Some(slot) = number.get_mut(id) {
                *slot = Some(i);
            }
        }
        Numbering { used, number }
    }

    /// The new number of entity `id` (followed to its live entity), if it is referenced.
    fn new_id(&self, ents: &Entities, id: usize) -> Option<usize> {
        self.number.get(ents.live(id)).copied().flatten()
    }
}

/// The report's entities: those `numbering` uses, in order, with their mentions sorted and
/// deduplicated. Each entity of `ents` gives back its names, words and mentions as its report
/// entity is made (and the unused ones first): a long document naming many thousands of
/// speakers never holds both tables whole.
fn report_entities(text: &str, ents: &mut Entities, numbering: &Numbering) -> Vec<report::Entity> {
    for (id, e) in ents.list.iter_mut().enumerate() {
        if numbering.number.get(id).copied().flatten().is_none() {
            e.shed();
        }
    }
    let excerpt = |s: Span| Excerpt {
        span: s,
        text: s.of(text).to_string(),
    };
    let mut out = Vec::with_capacity(numbering.used.len());
    for (i, &id) in numbering.used.iter().enumerate() {
        let Some(e) = ents.list.get_mut(id) else {
            continue;
        };
        let mut mentions: Vec<report::Mention> = e
            .mentions
            .iter()
            .map(|m| report::Mention {
                span: m.span(),
                text: m.span().of(text).into(),
                kind: m.kind,
            })
            .collect();
        mentions.sort_by_key(|m| m.span.start);
        mentions.dedup_by_key(|m| m.span);
        out.push(report::Entity {
            id: i,
            name: std::mem::take(&mut e.name),
            kind: if e.anonymous {
                EntityKind::Anonymous
            } else {
                e.kind
            },
            titles: std::mem::take(&mut e.titles),
            gender: e.gender,
            anonymous: e.anonymous,
            vague: e.vague,
            anonymity_reason: e.reason.as_deref().map(|&r| Box::new(excerpt(r))),
            anonymity_request: e.request.as_deref().map(|&r| Box::new(excerpt(r))),
            mentions,
        });
        e.shed();
    }
    out
}

/// The report's quotes to come, one per unit (whose speaker and chain entities are already
/// renumbered), in order: the anonymity of an anonymous speaker, the dateline publisher at the
/// end of a speech unit's chain, and the unit each continues. Each unit is dropped (and the
/// units' memory given back as they go) when its quote is made, so the units and the quotes
/// are never both held whole, and a writer that takes the quotes one at a time holds neither.
pub(super) struct QuoteStream<'t> {
    text: &'t str,
    /// The dateline's publisher, which ends the chain of speech.
    publisher: Option<ChainLink>,
    /// The units left, last first ([`Units::reverse`]).
    units: Units,
    /// The direct units made so far, for the unit each continues.
    continuations: Continuations,
    /// The next quote's number.
    next: usize,
}

impl<'t> QuoteStream<'t> {
    fn new(text: &'t str, dateline: Option<&Dateline>, mut units: Units) -> Self {
        let publisher = dateline.and_then(|d| d.outlet).map(|s| ChainLink {
            name: s.of(text).to_string(),
            entity: None,
            role: ChainRole::Publisher,
            span: Some(s),
        });
        units.reverse();
        QuoteStream {
            text,
            publisher,
            units,
            continuations: Continuations::default(),
            next: 0,
        }
    }

    /// How many quotes are left.
    pub(super) fn len(&self) -> usize {
        self.units.len()
    }

    /// The next quote; `entities`: the report's.
    pub(super) fn next(&mut self, entities: &[report::Entity]) -> Option<Quote> {
        let u = self.units.pop()?;
        let i = self.next;
        self.next += 1;
        let continues = self.continuations.next(i, &u);
        Some(report_quote(
            self.text,
            i,
            u,
            continues,
            entities,
            self.publisher.as_ref(),
        ))
    }
}

impl QuoteStream<'_> {
    /// The quotes to come held whole, as their units, each made when it is read.
    pub(super) fn into_table(self) -> QuoteTable {
        let mut units = self.units;
        units.reverse();
        // (When one vector holds every unit, its order is theirs.)
        let merged = !units.attributed.is_empty() && !units.floating.is_empty();
        let mut order = Vec::with_capacity(if merged { units.len() } else { 0 });
        let mut continues = Vec::new();
        let mut made = Continuations::default();
        for (i, k) in units.places().enumerate() {
            if let Some(c) = units.at(k).and_then(|u| made.next(i, u)) {
                continues.push((small(i), small(c)));
            }
            if merged {
                order.push(small(k));
            }
        }
        QuoteTable {
            publisher: self.publisher,
            units,
            order,
            continues,
        }
    }
}

/// A report's quotes held as their units (40 bytes each, the units of one attribution sharing
/// its cue; 4 bytes more for its place among the attributed and floating units when both are
/// there, and 8 for each that continues another), each quote made when it is read
/// ([`QuoteSet`]): a reader that needs every quote at hand, beside the document read (the
/// checker's rules) or to write a page of them, holds a fraction of the quotes themselves (88
/// bytes each, and their text, cue and speaker).
#[derive(Debug)]
pub struct QuoteTable {
    /// The dateline's publisher, which ends the chain of speech.
    publisher: Option<ChainLink>,
    /// The units, each vector in order.
    units: Units,
    /// The place of each quote's unit ([`Units::at`]); empty when every unit is in one vector,
    /// in order.
    order: Vec<u32>,
    /// The quotes that continue another, and the one each continues, in order.
    continues: Vec<(u32, u32)>,
}

impl QuoteTable {
    /// How many quotes.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.units.len() == 0
    }

    /// Quote `i`, as the report gives it: its texts are slices of `text` (the text analysed, or
    /// the original of its prose: same offsets), its speaker one of `entities`.
    pub fn get(&self, i: usize, text: &str, entities: &[report::Entity]) -> Option<Quote> {
        let k = match self.order.is_empty() {
            true => i,
            false => *self.order.get(i)? as usize,
        };
        let u = self.units.at(k)?.clone();
        let c = self.continues.binary_search_by_key(&small(i), |&(j, _)| j);
        let continues = c
            .ok()
            .and_then(|c| self.continues.get(c))
            .map(|&(_, c)| c as usize);
        let publisher = self.publisher.as_ref();
        Some(report_quote(text, i, u, continues, entities, publisher))
    }
}

/// A report's quotes, read one at a time: the report's own, or a [`QuoteTable`]'s, made as they
/// are read. What reads a report's quotes (the checker's rules, the figures, the HTML page)
/// reads them through this, so it holds either.
#[derive(Debug, Clone, Copy)]
pub struct QuoteSet<'a>(Quotes<'a>);

#[derive(Debug, Clone, Copy)]
enum Quotes<'a> {
    Made(&'a [Quote]),
    Table {
        table: &'a QuoteTable,
        text: &'a str,
        entities: &'a [report::Entity],
    },
}

impl<'a> QuoteSet<'a> {
    /// The quotes of `report`.
    pub fn of(report: &'a Report) -> Self {
        QuoteSet(Quotes::Made(&report.quotes))
    }

    /// The quotes of `table`, whose texts are slices of `text`, their speakers `entities`.
    pub fn table(table: &'a QuoteTable, text: &'a str, entities: &'a [report::Entity]) -> Self {
        QuoteSet(Quotes::Table {
            table,
            text,
            entities,
        })
    }

    /// How many.
    pub fn len(&self) -> usize {
        match self.0 {
            Quotes::Made(q) => q.len(),
            Quotes::Table { table, .. } => table.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Quote `i`.
    pub fn get(&self, i: usize) -> Option<Cow<'a, Quote>> {
        match self.0 {
            Quotes::Made(q) => q.get(i).map(Cow::Borrowed),
            Quotes::Table {
                table,
                text,
                entities,
            } => table.get(i, text, entities).map(Cow::Owned),
        }
    }

    /// Every quote, in order.
    pub fn iter(&self) -> impl Iterator<Item = Cow<'a, Quote>> + 'a {
        let set = *self;
        (0..set.len()).filter_map(move |i| set.get(i))
    }
}

/// The quote of unit `u`, number `i`.
fn report_quote(
    text: &str,
    i: usize,
    u: Unit,
    continues: Option<usize>,
    entities: &[report::Entity],
    publisher: Option<&ChainLink>,
) -> Quote {
    let speaker = u.speaker.map(Credit::get).and_then(|(nid, m)| {
        let e = entities.get(nid)?;
        Some(Box::new(Speaker {
            entity: nid,
            name: e.name.clone(),
            anonymous: e.anonymous,
            mention: m,
            mention_text: m.of(text).to_string(),
        }))
    });
    let anonymity = speaker
        .as_ref()
        .filter(|s| s.anonymous)
        .and_then(|s| entities.get(s.entity))
        .map(|e| {
            Box::new(Anonymity {
                descriptor: e.name.clone(),
                reason: e.anonymity_reason.as_deref().cloned(),
                request: e.anonymity_request.as_deref().cloned(),
            })
        });
    let content = u.content();
    let (cue, mut chain) = match u.cue {
        Some(c) => {
            let super::Cued { mut cue, chain } =
                std::sync::Arc::try_unwrap(c).unwrap_or_else(|c| (*c).clone());
            cue.text = cue.span.of(text).to_string();
            (Some(Box::new(cue)), chain)
        }
        None => (None, crate::thin::Thin::new()),
    };
    if let Some(p) = publisher {
        if u.kind != QuoteKind::Title
            && u.kind != QuoteKind::Scare
            && !chain.iter().any(|c| c.name == p.name)
        {
            chain.push(p.clone());
        }
    }
    Quote {
        id: i,
        kind: u.kind,
        content,
        text: content.of(text).into(),
        cue,
        speaker,
        anonymity,
        chain,
        paragraph: u.paragraph,
        continues: continues.and_then(|c| u32::try_from(c).ok()),
    }
}

/// The direct units seen so far, for the unit each continues: the last one, and the last one
/// of each cue (by the cue's start), looked up in constant time (a document may hold many
/// thousands of quotes).
#[derive(Default)]
struct Continuations {
    /// The last direct unit with a cue.
    last_direct: Option<usize>,
    /// The last direct unit of each cue, by the cue's start (in 32 bits: one for every
    /// attribution of a long document).
    last_direct_by_cue: HashMap<u32, u32>,
}

impl Continuations {
    /// The unit that unit `i` (`u`) continues, if any, then records `u`. A unit continues the
    /// previous one when it is the same speaker's next quote in a broken or multi-paragraph
    /// quotation.
    fn next(&mut self, i: usize, u: &Unit) -> Option<usize> {
        let continues = match (u.cue.as_ref().map(|c| &c.cue), u.quoted) {
            (Some(c), true) if c.construction == Construction::Continuation => self.last_direct,
            (Some(c), true) if u.kind == QuoteKind::Direct => {
                (self.last_direct_by_cue.get(&small(c.span.start))).map(|&j| j as usize)
            }
            _ => None,
        };
        if u.kind == QuoteKind::Direct {
            if let Some(c) = &u.cue {
                let c = &c.cue;
                self.last_direct = Some(i);
                self.last_direct_by_cue
                    .insert(small(c.span.start), small(i));
            }
        }
        continues
    }
}

/// The quote-mark problems of `doc` as diagnostics.
fn diagnostics(doc: &Doc<'_>) -> Vec<Diagnostic> {
    doc.problems
        .iter()
        .map(|p| match p {
            MarkProblem::Unclosed(s) => Diagnostic {
                code: "unclosed-quote".into(),
                message: format!(
                    "quotation mark {} opens a quote that never closes",
                    s.of(doc.text)
                ),
                span: *s,
            },
            MarkProblem::Unopened(s) => Diagnostic {
                code: "unopened-quote".into(),
                message: format!(
                    "quotation mark {} closes a quote that never opened",
                    s.of(doc.text)
                ),
                span: *s,
            },
        })
        .collect()
}
