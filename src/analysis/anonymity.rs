//! Anonymity found in a sentence (a request not to be named, a reason) given to its unnamed
//! source: the speaker of an attribution in the sentence, or the earlier source a sentence of
//! its own is about ("The lawmaker spoke on condition of anonymity because …").

use super::constructions::{self, Attr};
use super::coref::{span_of, Entities};
use super::np::{self, NpKind};
use crate::span::Span;
use crate::text::{Doc, Sentence, TokClass};

/// A sentence's anonymity phrases: the request and the reason, as token ranges.
type Phrases = (Option<(usize, usize)>, Option<(usize, usize)>);

/// How many tokens into a sentence an anonymity statement's request starts at the latest
/// (a subject of [`np::MAX_NP_TOKENS`] words and two more).
const ANON_STATEMENT_WITHIN: usize = 18;

/// The anonymity phrases of one sentence, read when first asked for (not once per
/// attribution).
pub(super) struct SentenceAnonymity {
    /// The sentence.
    s: Sentence,
    /// Its phrases, once read.
    phrases: Option<Phrases>,
}

impl SentenceAnonymity {
    /// The phrases of sentence `s`, not read yet.
    pub(super) fn new(s: Sentence) -> Self {
        SentenceAnonymity { s, phrases: None }
    }

    /// The sentence's request and reason phrases.
    fn get(&mut self, doc: &Doc<'_>) -> Phrases {
        let s = self.s;
        *self
            .phrases
            .get_or_insert_with(|| constructions::anonymity(doc, s.start, s.end))
    }

    /// Anonymity stated anywhere in the sentence belongs to the anonymous speaker of
    /// attribution `a` (entity `spk`); an unnamed "a manager at the district, who was not
    /// authorized to speak" becomes one.
    pub(super) fn mark_speaker(
        &mut self,
        doc: &Doc<'_>,
        a: &Attr<'_>,
        spk: (usize, Span),
        ents: &mut Entities,
    ) {
        let id = ents.live(spk.0);
        let indefinite = a
            .speaker
            .as_ref()
            .is_some_and(|n| n.kind == NpKind::Role && n.indefinite);
        // "The representative, who asked not to be identified …, said": a later reference
        // to an unnamed source, with the anonymity between it and its verb.
        let role_start = a
            .speaker
            .as_ref()
            .filter(|n| n.kind == NpKind::Role)
            .map(|n| n.start);
        if role_start.is_some() && ents.list.get(id).is_some_and(|e| !e.named && !e.anonymous) {
            let (req, why) = self.get(doc);
            let between = |x: Option<(usize, usize)>| {
                x.is_some_and(|(b, _)| role_start.is_some_and(|r| r < b) && b < a.cue().0)
            };
            if (indefinite && (req.is_some() || why.is_some())) || between(req) || between(why) {
                if let Some(e) = ents.list.get_mut(id) {
                    e.anonymous = true;
                }
            }
        }
        if ents.list.get(id).is_some_and(|e| e.anonymous) {
            let (req, why) = self.get(doc);
            if let Some(e) = ents.list.get_mut(id) {
                if e.request.is_none() {
                    e.request = req.map(|(a, b)| Box::new(span_of(doc, a, b)));
                }
                if e.reason.is_none() {
                    e.reason = why.map(|(a, b)| Box::new(span_of(doc, a, b)));
                }
            }
        }
    }

    /// "The lawmaker spoke on condition of anonymity because …": a sentence about an earlier
    /// source's anonymity, not a claim of its own (no attribution's speaker opens it). The
    /// request follows the subject closely: a sentence with no anonymity phrase in its first
    /// words is not read further.
    pub(super) fn statement(&mut self, doc: &Doc<'_>, attrs: &[Attr<'_>], ents: &mut Entities) {
        let s = self.s;
        let near = s.start..s.end.min(s.start + ANON_STATEMENT_WITHIN);
        if near.clone().any(|t| doc.has(t, TokClass::STARTS_ANON))
            && !attrs
                .iter()
                .any(|a| a.speaker.as_ref().is_some_and(|n| n.start == s.start))
        {
            let (req, why) = self.get(doc);
            if let Some(req) = req {
                anonymity_statement(doc, s, ents, req, why);
            }
        }
    }
}

/// A sentence opening with an unnamed source's phrase (a role or a pronoun) and going on
/// straight into an anonymity request (token range `req`, after at most two words: "spoke on
/// condition of anonymity", "asked not to be named"): the source it names is anonymous, for
/// the reason `why` when one is given. A named entity stays as it is.
fn anonymity_statement(
    doc: &Doc<'_>,
    s: Sentence,
    ents: &mut Entities,
    req: (usize, usize),
    why: Option<(usize, usize)>,
) {
    let subject = np::parse_at(doc, s.start, s.end)
        .into_iter()
        .filter(|n| matches!(n.kind, NpKind::Role | NpKind::Pronoun) && !n.possessive)
        .max_by_key(|n| n.end);
    let Some(np) = subject
        .filter(|n| req.0 >= n.end && req.0 <= n.end + 2 && (n.end..req.0).all(|t| doc.is_word(t)))
    else {
        return;
    };
    let Some(id) = ents.resolve(doc, &np, true).map(|id| ents.live(id)) else {
        return;
    };
    if let Some(e) = ents.list.get_mut(id).filter(|e| !e.named) {
        e.anonymous = true;
        e.request
            .get_or_insert_with(|| Box::new(span_of(doc, req.0, req.1)));
        if e.reason.is_none() {
            e.reason = why.map(|(a, b)| Box::new(span_of(doc, a, b)));
        }
    }
}
