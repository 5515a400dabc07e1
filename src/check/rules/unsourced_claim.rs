//! # unsourced-claim
//!
//! "Reportedly", "purportedly", "allegedly", "is said to" with no source in reach: no
//! attribution in the same sentence says who reported, alleged or said it, and no report is
//! named in the sentences around it.
//!
//! **Why it matters.** "Reportedly" asks readers to trust a report they cannot see. If another
//! outlet reported it, name the outlet; if your own sources did, attribute to them.
//!
//! **Example.**
//!
//! ```text
//! The regulator is reportedly preparing a record fine.
//! ```
//!
//! **What it leaves alone.** A legal hedge anchored to a legal act or a crime in its sentence or
//! the one before ("charged with allegedly paying bribes", "the knife he allegedly used in the
//! attack"; `type=legal` and `type=anchor` in `grammars/hedges.txt`); a hedge whose report the
//! sentence after or one of the two before names ("The Eastgate Sentinel reported that …"); a
//! headline, whose story gives the source.
//!
//! **How to fix.** Attribute: "…, the Financial Courier reported, citing two people familiar
//! with the matter."

use crate::check::around::{self, sentence_bytes, sentence_tokens};
use crate::check::{Ctx, Finding, Level, Rule};
use crate::grammar::{HedgeType, Stance, Tag, VerbKind};
use crate::report::{Construction, EntityKind, Quote, QuoteKind};
use crate::span::Span;

/// See the module documentation.
pub struct UnsourcedClaim;

impl Rule for UnsourcedClaim {
    fn id(&self) -> &'static str {
        "unsourced-claim"
    }
    fn source(&self) -> &'static str {
        include_str!("unsourced_claim.rs")
    }
    fn default_level(&self) -> Level {
        // Below 85% precision on real copy (see the Measured paragraph): info until better.
        Level::Info
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let pred = |t: &Tag| matches!(t, Tag::Hedge(HedgeType::Unsourced | HedgeType::Legal));
        let starts = around::Starts::of(cx.quotes);
        // The units that touch sentence `si` (those starting in it or in the one before).
        let near = |si: usize| {
            let from = sentence_bytes(cx.doc, si.saturating_sub(1)).start;
            let here = sentence_bytes(cx.doc, si);
            starts
                .within(Span::new(from, here.end))
                .filter_map(|i| cx.quotes.get(i))
                .filter(move |q| is_speech(q) && touches(q, here))
        };
        // Per sentence, once: (sourced in it, a report named around it, a legal act named).
        let mut memo: std::collections::BTreeMap<usize, (bool, bool, bool)> = Default::default();
        for (at, end) in super::hedges(cx, pred) {
            let Some(si) = cx.doc.sentence_at(at) else {
                continue;
            };
            let (sourced, reported, anchor) = *memo.entry(si).or_insert_with(|| {
                let sourced = near(si).any(|q| q.speaker.is_some());
                // The report named up to two sentences before, or in the sentence after.
                let reported = (si.saturating_sub(2)..(si + 2).min(cx.doc.sentences.len()))
                    .filter(|&s| s != si)
                    .any(|s| near(s).any(|q| names_a_report(cx, &q)));
                (sourced, reported, anchored(cx, si))
            });
            let legal = anchor && hedge_type(cx, at) == Some(HedgeType::Legal);
            let paragraph = cx.doc.sentences.get(si).map_or(0, |s| s.paragraph);
            if sourced || legal || reported || around::is_headline(cx.doc, paragraph) {
                continue;
            }
            let span = Span::new(at, end);
            out.push(Finding {
                rule: self.id(),
                level: self.default_level(),
                span,
                message: format!(
                    "\u{201c}{}\u{201d} with no source in the sentence",
                    span.of(cx.text)
                ),
                help: Some("say who reported it".into()),
            });
        }
    }
}

fn is_speech(q: &Quote) -> bool {
    !matches!(q.kind, QuoteKind::Title | QuoteKind::Scare)
}

/// Whether unit `q` (its content or its cue) lies in `s`.
fn touches(q: &Quote, s: Span) -> bool {
    q.content.start < s.end && s.start < q.content.end.max(q.cue.as_ref().map_or(0, |c| c.span.end))
}

/// The type of the hedge starting at byte `at`.
fn hedge_type(cx: &Ctx<'_>, at: usize) -> Option<HedgeType> {
    let i = around::token_at(cx.doc, at);
    [HedgeType::Legal, HedgeType::Unsourced]
        .into_iter()
        .find(|&ty| around::hedge_at(cx.doc, i, |h| h == ty).is_some())
}

/// Whether sentence `si` or the one before it in its paragraph names a legal act: an anchor
/// phrase ("charged with", "the indictment") or a precise verb ("alleged", "accused").
fn anchored(cx: &Ctx<'_>, si: usize) -> bool {
    let doc = cx.doc;
    let para = doc.sentences.get(si).map(|s| s.paragraph);
    let prev = si
        .checked_sub(1)
        .filter(|&p| doc.sentences.get(p).map(|s| s.paragraph) == para);
    let mut range = sentence_tokens(doc, si);
    if let Some(p) = prev {
        range.start = sentence_tokens(doc, p).start;
    }
    around::has_hedge(doc, range.clone(), |h| h == HedgeType::Anchor)
        || range.into_iter().any(|i| {
            doc.word_tags(i)
                .any(|t| matches!(t, Tag::Verb(v) if v.stance == Stance::Precise))
        })
}

/// Whether unit `q` names a report: reported by an outlet ("as reported by", "citing",
/// "according to the AP"), or a body's or a document's report ("The Eastgate Sentinel reported
/// that"); not a quote an outlet relayed ("was quoted by the Kestel Courier as saying"), which
/// sources its own words only, nor a body's account ("according to a police report").
fn names_a_report(cx: &Ctx<'_>, q: &Quote) -> bool {
    let org = q.speaker.as_ref().is_some_and(|x| {
        cx.report
            .entities
            .get(x.entity)
            .is_some_and(|e| matches!(e.kind, EntityKind::Organisation | EntityKind::Document))
    });
    let outlet = q
        .speaker
        .as_ref()
        .is_some_and(|x| !x.anonymous && around::names_outlet(cx.doc, x.mention));
    q.cue.as_ref().is_some_and(|c| {
        matches!(
            c.construction,
            Construction::ReportedBy | Construction::Citing
        ) || outlet && c.construction == Construction::According
            || org && c.lemma.as_deref().is_some_and(|l| reports(cx, l))
    })
}

/// Whether verb lemma `lemma` is a verb of reporting in the grammar (`report`): a finding or
/// an object verb of speech, which is what outlets do with a story.
fn reports(cx: &Ctx<'_>, lemma: &str) -> bool {
    cx.doc
        .grammar
        .tags_of(lemma)
        .iter()
        .any(|t| matches!(t, Tag::Verb(v) if v.object && v.kind == VerbKind::Speech && !v.hearer))
}
