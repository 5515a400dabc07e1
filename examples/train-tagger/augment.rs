//! The Doc-tokenized copy of a UD sentence: the sentence's text read by `quotecheck`'s own
//! tokenizer, so the tagger learns the tokens it will see in a document.
//!
//! A `Doc` joins what UD splits ("do n't" is "don't", "Ishiba 's" is "Ishiba's", "15 - year" is
//! "15-year", "$ 5" is "$5") and makes a whole quotation one token. A joined token takes the tag
//! of its head: the first of its words (not punctuation, if it can) whose head is outside the
//! token; a quotation is [`Tag::Quote`]; a UD token the Doc splits (". . ." for "...") gives
//! each piece its tag.

use quotecheck::syntax::Tag;
use quotecheck::text::{Doc, TokKind};
use quotecheck::Grammar;

use crate::conllu::Sentence;

/// A token of a training sentence.
#[derive(Clone, PartialEq, Eq)]
pub enum Tok {
    /// A word or punctuation mark.
    Text(String),
    /// A whole quotation.
    Quote,
}

/// The sentence as UD tokenizes it (its syntactic words).
pub fn ud_tokens(s: &Sentence) -> Vec<(Tok, Tag)> {
    s.words
        .iter()
        .map(|w| (Tok::Text(w.form.clone()), w.tag))
        .collect()
}

/// The sentence as a `Doc` tokenizes its text, if that differs from the UD tokens and the
/// surface tokens can be found in the text.
pub fn doc_tokens(s: &Sentence, grammar: &Grammar) -> Option<Vec<(Tok, Tag)>> {
    let text = s.text.as_deref()?;
    // Byte spans of the surface tokens in the text.
    let mut spans = Vec::with_capacity(s.surface.len());
    let mut pos = 0usize;
    for t in &s.surface {
        let rest = text.get(pos..)?;
        let skip = rest.len() - rest.trim_start().len();
        pos += skip;
        if !text.get(pos..)?.starts_with(t.form.as_str()) {
            return None;
        }
        spans.push((pos, pos + t.form.len()));
        pos += t.form.len();
    }
    let doc = Doc::new(text, grammar);
    let mut out = Vec::with_capacity(doc.tokens.len());
    for tok in &doc.tokens {
        if let TokKind::Quote(_) = tok.kind() {
            out.push((Tok::Quote, Tag::Quote));
            continue;
        }
        let (a, b) = (tok.span().start, tok.span().end);
        // The words of the surface tokens the Doc token overlaps.
        let mut over = s
            .surface
            .iter()
            .zip(&spans)
            .filter(|(_, &(x, y))| x < b && a < y)
            .map(|(t, _)| t.words.clone());
        let first = over.next()?;
        let words = over.fold(first, |w, t| w.start.min(t.start)..w.end.max(t.end));
        let outside = |i: &usize| {
            s.words
                .get(*i)
                .is_some_and(|w| w.head.is_none_or(|h| !words.contains(&h)))
        };
        let heads: Vec<usize> = words.clone().filter(outside).collect();
        let head = heads
            .iter()
            .find(|&&i| s.words.get(i).is_some_and(|w| !w.tag.is_punct()))
            .or(heads.first())
            .copied()
            .unwrap_or(words.start);
        let tag = s.words.get(head)?.tag;
        out.push((Tok::Text(tok.span().of(text).to_string()), tag));
    }
    (out != ud_tokens(s)).then_some(out)
}
