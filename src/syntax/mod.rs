//! The syntactic layers under the analysis. For now, part-of-speech tags: one [`Tag`] per token
//! of a [`Doc`] ([`Doc::tags`], [`Doc::tag`]), from an averaged-perceptron [`Tagger`] whose
//! model is data (`grammars/tagger/en.bin`, trained on UD English; see its `NOTICE.md`).
//!
//! ```
//! use quotecheck::syntax::{Tag, Tagger};
//! let tags = Tagger::builtin().tag(&["The", "minister", "said", "it", "rained", "."]);
//! assert!(tags[1].is_noun() && tags[2].is_past() && tags[5].is_punct());
//! ```

mod cache;
pub mod features;
pub mod model;
mod tagger;
mod tagset;

pub use features::{Word, WordInfo};
pub use model::{Model, ModelError};
pub use tagger::{Scratch, Tagger};
pub use tagset::{Tag, Upos};

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
        tagger.tag_into(
            toks.iter().map(|t| match t.kind {
                TokKind::Quote(_) => Word::Quote,
                _ => Word::Text(t.span.of(doc.text)),
            }),
            scratch,
            &mut tags,
        );
    }
    tags.resize(doc.tokens.len(), Tag::default());
    tags
}
