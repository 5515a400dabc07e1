//! The syntactic layers under the analysis, each computed once per sentence and stored in the
//! [`Doc`] beside the tokens:
//!
//! 1. part-of-speech tags: one [`Tag`] per token ([`Doc::tags`]), from an averaged-perceptron
//!    [`Tagger`] whose model is data (`grammars/tagger/en.bin`; see its `NOTICE.md`);
//! 2. [`phrase`]s: noun phrases, verb groups and the words between them ([`Doc::phrases`]);
//! 3. [`clause`]s: each with its verb group and subject, nested ([`Doc::clauses`]).
//!
//! ```
//! use quotecheck::syntax::{Tag, Tagger};
//! let tags = Tagger::builtin().tag(&["The", "minister", "said", "it", "rained", "."]);
//! assert!(tags[1].is_noun() && tags[2].is_past() && tags[5].is_punct());
//! ```

mod cache;
pub mod clause;
pub mod features;
pub mod fixup;
pub mod input;
pub mod model;
pub mod phrase;
mod tagger;
mod tagset;
mod title_case;

pub use clause::{is_time_np, phrase_range, Clause, ClauseIndex, ClauseKind, Subject};
pub use features::{Word, WordInfo};
pub use model::{Model, ModelError};
pub use phrase::{Phrase, PhraseFlag, PhraseKind};
pub use tagger::{Scratch, Tagger};
pub use tagset::{Tag, TagSet, Upos};

use crate::text::{Doc, TokKind};

/// The tags of every token of `doc`, sentence by sentence as the document splits them: a
/// quotation token is [`Tag::Quote`], and its neighbours read it as one special word.
///
/// Tagging uses one [`Scratch`] per thread, kept between documents (its cache of frequent words
/// stays warm).
pub fn tag_doc(doc: &Doc<'_>) -> Vec<Tag> {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
    }
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => tag_doc_with(doc, &mut s),
        Err(_) => tag_doc_with(doc, &mut Scratch::default()),
    })
}

/// [`tag_doc`] with buffers `scratch`.
fn tag_doc_with(doc: &Doc<'_>, scratch: &mut Scratch) -> Vec<Tag> {
    let tagger = Tagger::builtin();
    let mut tags = Vec::with_capacity(doc.tokens.len());
    for s in &doc.sentences {
        // Sentences cover the tokens in order; a token outside them keeps the default.
        tags.resize(s.start.max(tags.len()), Tag::default());
        let toks = doc.tokens.get(s.start..s.end).unwrap_or(&[]);
        // (A dateline's capitals are names: "LINDHOLM, June 12 (Baltic Ledger) -".)
        let dateline = doc.dateline.as_ref().map_or(0, |d| d.span.end);
        let lowered = toks
            .first()
            .filter(|t| t.span().start >= dateline)
            .and_then(|_| title_case::lowered(tagger.model(), doc.text, toks));
        // (A hyphen set off by spaces is a dash, tagged as one: "X - who … - said".)
        tagger.tag_into(
            toks.iter().enumerate().map(|(j, t)| match t.kind() {
                TokKind::Quote(_) => Word::Quote,
                TokKind::Punct if t.span().len() == 1 && doc.is_dash(s.start + j) => {
                    Word::Text("\u{2014}")
                }
                _ => match lowered.as_ref().and_then(|l| l.get(j)) {
                    Some(Some(w)) => Word::Text(w),
                    _ => Word::Text(t.span().of(doc.text)),
                },
            }),
            scratch,
            &mut tags,
        );
    }
    tags.resize(doc.tokens.len(), Tag::default());
    scratch.trim();
    tags
}

/// Reads the layers above the tags into `doc` for sentences `sents` (a range of
/// [`Doc::sentences`]): phrases and clauses, in place of those of the window read before, whose
/// vectors it reuses. Each sentence's layers are its own, so a window gives the sentences in it
/// what the whole document would (the analysis reads a long document a window at a time,
/// [`crate::analysis::analyze`], and never holds its phrases and clauses whole).
pub fn parse_window(doc: &mut Doc<'_>, sents: std::ops::Range<usize>) {
    let window = doc.sentences.get(sents.clone()).unwrap_or_default();
    let from = window.first().map_or(0, |s| s.start);
    let to = window.last().map_or(from, |s| s.end);
    let mut phrases = std::mem::take(&mut doc.phrases);
    let mut of = std::mem::take(&mut doc.phrase_of);
    phrase::chunk_window(doc, window, (from, to), (&mut phrases, &mut of));
    phrase::mark_infinitives(&mut phrases);
    doc.phrases = phrases;
    doc.phrase_of = of;
    doc.syntax_from = (from, sents.start);
    let mut clauses = std::mem::take(&mut doc.clauses);
    let mut ranges = std::mem::take(&mut doc.clause_ranges);
    let window = doc.sentences.get(sents).unwrap_or_default();
    clause::clauses_window(doc, window, &mut clauses, &mut ranges);
    doc.clause_index = clause::ClauseIndex::new(&clauses, &ranges, doc.phrases.len());
    doc.clause_ranges = ranges;
    doc.clauses = clauses;
}

/// Frees the phrases and clauses of the window read last ([`parse_window`]).
pub fn drop_window(doc: &mut Doc<'_>) {
    doc.phrases = Vec::new();
    doc.phrase_of = Vec::new();
    doc.clauses = Vec::new();
    doc.clause_ranges = Vec::new();
    doc.clause_index = clause::ClauseIndex::default();
    doc.syntax_from = (0, 0);
}
