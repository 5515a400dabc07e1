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

use coref::Entities;

use crate::grammar::Grammar;
use crate::report::{ChainLink, Cue, QuoteKind, Report};
use crate::span::Span;
use crate::text::{Doc, Sentence};

/// A unit before it becomes a [`crate::report::Quote`].
#[derive(Debug, Clone)]
struct Unit {
    kind: QuoteKind,
    content: Span,
    cue: Option<Cue>,
    speaker: Option<(usize, Span)>,
    chain: Vec<ChainLink>,
    paragraph: usize,
    /// The quote token, for quoted units.
    quote: Option<usize>,
}

/// A quotation no attribution claimed, set aside for [`floating`].
struct Pending {
    /// Its quote token.
    quote_tok: usize,
    /// Its sentence.
    sentence: Sentence,
    /// It opens its sentence, or follows a colon, a dash or another quotation.
    initial: bool,
}

/// Analyses `text` with `grammar`.
pub fn analyze(text: &str, grammar: &Grammar) -> Report {
    analyze_doc(&Doc::new(text, grammar))
}

/// Analyses a document already read (the checker reuses its tokens and sentences).
pub fn analyze_doc(doc: &Doc<'_>) -> Report {
    let mut ents = Entities::default();
    let mut emitted = units::Emitted::for_doc(doc);
    let dateline_end = doc.dateline.as_ref().map(|d| d.span.end);
    // The sentence's attributions (one buffer for all).
    let mut attrs = Vec::new();
    // Sentences without an attribution whose clause opens with a subject pronoun or a definite
    // role ("Asked …, he shook his head."): by first token, who has the floor.
    let mut floors: Vec<(usize, (usize, Span))> = Vec::new();
    for s in doc.sentences.iter().copied() {
        if dateline_end.is_some_and(|e| doc.tokens.get(s.start).is_some_and(|t| t.span.end <= e)) {
            continue;
        }
        constructions::attributions_into(doc, s, &mut attrs);
        let (speakers, floor) = resolve::resolve_sentence(doc, s, &attrs, &mut ents);
        if let Some(f) = floor.filter(|_| attrs.is_empty()) {
            floors.push((s.start, f));
        }
        emitted.sentence(doc, s, &attrs, &speakers, &mut ents);
    }
    let units::Emitted {
        mut units, pending, ..
    } = emitted;
    units::drop_crossing(&mut units);
    units.sort_by_key(|u| (u.content.start, u.content.end));
    floating::float_quotes(doc, &mut units, pending, &floors);
    build::build_report(doc, units, ents)
}
