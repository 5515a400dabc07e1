//! A nom input over a document's tokens: constructions are nom parsers whose items are token
//! indices, and every token carries its byte span into the original input.

use std::iter::Enumerate;
use std::ops::Range;

use nom::error::{ErrorKind, ParseError};
use nom::{Err, IResult, Input, Needed};

use crate::grammar::{FuncType, Tag};
use crate::text::Doc;

/// A window of tokens `[start, end)` of a document.
#[derive(Clone, Copy)]
pub struct Toks<'d, 'a> {
    /// The document.
    pub doc: &'d Doc<'a>,
    /// First token of the window.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

impl std::fmt::Debug for Toks<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Toks({}..{})", self.start, self.end)
    }
}

impl<'d, 'a> Toks<'d, 'a> {
    /// The window `[start, end)` of `doc`.
    pub fn new(doc: &'d Doc<'a>, start: usize, end: usize) -> Self {
        Toks {
            doc,
            start,
            end: end.max(start),
        }
    }

    /// The first token index, if any.
    pub fn first(&self) -> Option<usize> {
        (self.start < self.end).then_some(self.start)
    }

    /// Whether the window is empty.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// The same window starting at `at`.
    pub fn at(&self, at: usize) -> Self {
        Toks {
            doc: self.doc,
            start: at.min(self.end),
            end: self.end,
        }
    }
}

impl<'d, 'a> Input for Toks<'d, 'a> {
    type Item = usize;
    type Iter = Range<usize>;
    type IterIndices = Enumerate<Range<usize>>;

    fn input_len(&self) -> usize {
        self.end - self.start
    }

    fn take(&self, index: usize) -> Self {
        Toks {
            doc: self.doc,
            start: self.start,
            end: (self.start + index).min(self.end),
        }
    }

    fn take_from(&self, index: usize) -> Self {
        Toks {
            doc: self.doc,
            start: (self.start + index).min(self.end),
            end: self.end,
        }
    }

    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }

    fn position<P>(&self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool,
    {
        (self.start..self.end).position(predicate)
    }

    fn iter_elements(&self) -> Self::Iter {
        self.start..self.end
    }

    fn iter_indices(&self) -> Self::IterIndices {
        (self.start..self.end).enumerate()
    }

    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        if count <= self.input_len() {
            Ok(count)
        } else {
            Err(Needed::new(count - self.input_len()))
        }
    }
}

/// The parser result over tokens.
pub type TResult<'d, 'a, O> = IResult<Toks<'d, 'a>, O>;

fn fail<'d, 'a, O>(i: Toks<'d, 'a>) -> TResult<'d, 'a, O> {
    Err(Err::Error(ParseError::from_error_kind(
        i,
        ErrorKind::Verify,
    )))
}

/// One token satisfying `pred`, returning its index.
pub fn tok<'d, 'a: 'd>(
    pred: impl Fn(&Doc<'a>, usize) -> bool,
) -> impl Fn(Toks<'d, 'a>) -> TResult<'d, 'a, usize> {
    move |i: Toks<'d, 'a>| match i.first() {
        Some(t) if pred(i.doc, t) => Ok((i.at(t + 1), t)),
        _ => fail(i),
    }
}

/// A phrase of the lexicon starting at the next token whose tags satisfy `pred`: the longest
/// such phrase, returning (first token, last token, the tag).
pub fn phrase<'d, 'a: 'd, T>(
    pred: impl Fn(&'a Tag) -> Option<T>,
) -> impl Fn(Toks<'d, 'a>) -> TResult<'d, 'a, (usize, usize, T)> {
    move |i: Toks<'d, 'a>| {
        let Some(t) = i.first() else { return fail(i) };
        let doc = i.doc;
        let g = doc.grammar;
        let mut best: Option<(usize, T)> = None;
        for h in doc.tok_hits(t) {
            for tag in g.tag(h.pattern) {
                if let Some(v) = pred(tag) {
                    if let Some(last) = doc.token_or_stem_ending_at(t, h.end).filter(|&l| l < i.end)
                    {
                        if best.as_ref().is_none_or(|(b, _)| last > *b) {
                            best = Some((last, v));
                        }
                    }
                }
            }
        }
        match best {
            Some((last, v)) => Ok((i.at(last + 1), (t, last, v))),
            None => fail(i),
        }
    }
}

/// A word whose lower-case text is `w`.
pub fn word<'d, 'a: 'd>(w: &'static str) -> impl Fn(Toks<'d, 'a>) -> TResult<'d, 'a, usize> {
    tok(move |d, t| d.is_word(t) && d.tok_text(t).eq_ignore_ascii_case(w))
}

/// The punctuation `p`.
pub fn punct<'d, 'a: 'd>(p: &'static str) -> impl Fn(Toks<'d, 'a>) -> TResult<'d, 'a, usize> {
    tok(move |d, t| d.is_punct(t, p))
}

/// A closed-class word of type `ty`.
pub fn func<'d, 'a: 'd>(ty: FuncType) -> impl Fn(Toks<'d, 'a>) -> TResult<'d, 'a, usize> {
    tok(move |d, t| d.is_func(t, ty))
}
