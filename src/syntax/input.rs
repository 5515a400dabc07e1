//! A nom input over a sentence's phrases: constructions are nom parsers whose items are phrase
//! indices into [`Doc::phrases`], so a construction reads "a noun phrase, a speech verb group, a
//! `that`, a clause" the way its grammar is written.

use std::iter::Enumerate;
use std::ops::Range;

use nom::error::{ErrorKind, ParseError};
use nom::{Err, IResult, Input, Needed};

use crate::syntax::{Phrase, PhraseFlag, PhraseKind};
use crate::text::Doc;

/// A window of phrases `[start, end)` of a document.
#[derive(Clone, Copy)]
pub struct Phr<'d, 'a> {
    /// The document.
    pub doc: &'d Doc<'a>,
    /// First phrase of the window.
    pub start: usize,
    /// One past the last phrase.
    pub end: usize,
}

impl std::fmt::Debug for Phr<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Phr({}..{})", self.start, self.end)
    }
}

impl<'d, 'a> Phr<'d, 'a> {
    /// The window `[start, end)` of `doc`'s phrases.
    pub fn new(doc: &'d Doc<'a>, start: usize, end: usize) -> Self {
        Phr {
            doc,
            start,
            end: end.max(start),
        }
    }

    /// The first phrase index, if any.
    pub fn first(&self) -> Option<usize> {
        (self.start < self.end).then_some(self.start)
    }

    /// The first phrase, if any.
    pub fn peek(&self) -> Option<&'d Phrase> {
        self.first().and_then(|p| self.doc.phrases.get(p))
    }

    /// The same window starting at `at`.
    pub fn at(&self, at: usize) -> Self {
        Phr {
            doc: self.doc,
            start: at.min(self.end),
            end: self.end,
        }
    }
}

impl<'d, 'a> Input for Phr<'d, 'a> {
    type Item = usize;
    type Iter = Range<usize>;
    type IterIndices = Enumerate<Range<usize>>;

    fn input_len(&self) -> usize {
        self.end - self.start
    }

    fn take(&self, index: usize) -> Self {
        Phr {
            doc: self.doc,
            start: self.start,
            end: (self.start + index).min(self.end),
        }
    }

    fn take_from(&self, index: usize) -> Self {
        Phr {
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

/// The parser result over phrases.
pub type PResult<'d, 'a, O> = IResult<Phr<'d, 'a>, O>;

/// A failed parse at `i`.
pub fn fail<'d, 'a, O>(i: Phr<'d, 'a>) -> PResult<'d, 'a, O> {
    Err(Err::Error(ParseError::from_error_kind(
        i,
        ErrorKind::Verify,
    )))
}

/// One phrase satisfying `pred`, returning its index.
pub fn phrase<'d, 'a: 'd>(
    pred: impl Fn(&Doc<'a>, usize, &Phrase) -> bool,
) -> impl Fn(Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    move |i: Phr<'d, 'a>| match i.first().zip(i.peek()) {
        Some((k, p)) if pred(i.doc, k, p) => Ok((i.at(k + 1), k)),
        _ => fail(i),
    }
}

/// One phrase of kind `kind`.
pub fn kind<'d, 'a: 'd>(kind: PhraseKind) -> impl Fn(Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    phrase(move |_, _, p| p.kind == kind)
}

/// A noun phrase.
pub fn np<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    kind(PhraseKind::Np)(i)
}

/// The punctuation mark `p`.
pub fn punct<'d, 'a: 'd>(p: &'static str) -> impl Fn(Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    phrase(move |d, _, x| x.kind == PhraseKind::Punct && d.tok_text(x.start as usize) == p)
}

/// A one-word phrase whose text is `w` (ASCII case-insensitive).
pub fn word<'d, 'a: 'd>(w: &'static str) -> impl Fn(Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    phrase(move |d, _, x| {
        x.end == x.start + 1 && d.tok_text(x.start as usize).eq_ignore_ascii_case(w)
    })
}

/// A verb group with flag `f`.
pub fn vg_with<'d, 'a: 'd>(f: u16) -> impl Fn(Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    phrase(move |_, _, p| p.kind == PhraseKind::Vg && p.is(f))
}

/// A clause-opening mark: a comma, a dash.
pub fn aside_mark<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    phrase(|d, _, p| {
        p.kind == PhraseKind::Punct
            && (d.is_punct(p.start as usize, ",") || d.is_dash(p.start as usize))
    })(i)
}

/// Whether phrase `p` is a verb group with flag `f`.
pub fn is_vg(doc: &Doc<'_>, p: usize, f: u16) -> bool {
    doc.phrases
        .get(p)
        .is_some_and(|x| x.kind == PhraseKind::Vg && (f == 0 || x.is(f)))
}

/// Whether phrase `p` is a finite verb group.
pub fn is_finite_vg(doc: &Doc<'_>, p: usize) -> bool {
    is_vg(doc, p, PhraseFlag::FINITE)
}

impl nom::Offset for Phr<'_, '_> {
    fn offset(&self, second: &Self) -> usize {
        second.start.saturating_sub(self.start)
    }
}
