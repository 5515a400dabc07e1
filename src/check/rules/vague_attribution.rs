//! # vague-attribution
//!
//! A claim credited to a weasel source: "critics say", "some analysts believe", "experts say",
//! "economists have long argued", "it is widely believed", "industry insiders say".
//!
//! **Why it matters.** Vague groups let a reporter's view pass as someone else's. Readers cannot
//! tell whether "critics" are two bloggers or the opposition party.
//!
//! **Example.**
//!
//! ```text
//! Critics say the plan will raise rents.
//! ```
//!
//! **What it leaves alone.** A vague group backed at once by a named person who says it (the
//! fix this rule asks for: `Experts say … "…," said Dr. Priya Raman`, later in the paragraph or
//! opening the next one); a group the story places or has just named ("several parents said",
//! "some residents", "others said"; `type=group` in `grammars/hedges.txt`), or places by whom
//! it follows ("her critics", "Halvorsen supporters", "many of his supporters"); a group named
//! before ("the experts"); a pronoun for a group already reported; a headline; a group whose
//! verb reports nothing ("many cite the harbour as a reason to stay") or is no verb at all
//! ("In some counties, the mayor …", "Some counties stayed dry").
//!
//! **How to fix.** Name at least one critic and quote them, or drop the claim.

use crate::check::around::{self, head_noun, mention_kind};
use crate::check::{Ctx, Finding, Level, Rule};
use crate::grammar::{FuncType, HedgeType, Tag, TokClass, VerbForm, VerbKind};
use crate::report::{EntityKind, MentionKind, QuoteKind};
use crate::span::Span;
use crate::text::Doc;

/// See the module documentation.
pub struct VagueAttribution;

impl Rule for VagueAttribution {
    fn id(&self) -> &'static str {
        "vague-attribution"
    }
    fn source(&self) -> &'static str {
        include_str!("vague_attribution.rs")
    }
    fn default_level(&self) -> Level {
        Level::Warning
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Finding>) {
        // Where a vague speaker was reported: a hedge phrase there ("Many say") is the same
        // finding, not a second one.
        let backers = Backers::of(cx);
        let mut credited: Vec<Span> = Vec::new();
        for q in cx.quotes.iter() {
            let Some(s) = &q.speaker else { continue };
            if !cx.report.entities.get(s.entity).is_some_and(|e| e.vague) {
                continue;
            }
            credited.push(s.mention);
            if mention_kind(cx.report, s.entity, s.mention) == Some(MentionKind::Pronoun)
                || placed(cx.doc, s.mention)
                || headline(cx.doc, s.mention.start)
                || backers.backed(cx.doc, s.mention.end)
            {
                continue;
            }
            out.push(self.finding(
                s.mention,
                format!(
                    "claim credited to a vague group: \u{201c}{}\u{201d}",
                    s.mention_text
                ),
                "name the people who said it",
            ));
        }
        credited.sort_unstable_by_key(|s| s.start);
        let seen = |at: usize| overlapping(&credited, Span::new(at, at + 1));
        let mut hedged: Vec<Span> = Vec::new();
        for (at, end) in super::hedges(cx, |t| matches!(t, Tag::Hedge(HedgeType::Vague))) {
            hedged.push(Span::new(at, end));
            if seen(at) || headline(cx.doc, at) || backers.backed(cx.doc, end) {
                continue;
            }
            let span = Span::new(at, end);
            out.push(self.finding(
                span,
                format!(
                    "\u{201c}{}\u{201d} credits the claim to nobody in particular",
                    span.of(cx.text)
                ),
                "say who believes it",
            ));
        }
        for (span, subject) in vague_subjects(cx.doc) {
            if overlapping(&credited, span)
                || overlapping(&hedged, span)
                || placed(cx.doc, subject)
                || headline(cx.doc, span.start)
                || backers.backed(cx.doc, span.end)
            {
                continue;
            }
            out.push(self.finding(
                span,
                format!(
                    "claim credited to a vague group: \u{201c}{}\u{201d}",
                    span.of(cx.text)
                ),
                "name the people who said it",
            ));
        }
    }
}

impl VagueAttribution {
    fn finding(&self, span: Span, message: String, help: &str) -> Finding {
        Finding {
            rule: self.id(),
            level: self.default_level(),
            span,
            message,
            help: Some(help.into()),
        }
    }
}

/// Whether the mention is a group the story places or has just named, vague only by its
/// determiner ("several parents", "some residents", "others"); a group placed by whom it
/// follows ("Halvorsen supporters", "her critics", "Republican supporters"); or a counted crowd
/// ("one thousand supporters").
fn placed(doc: &Doc<'_>, mention: Span) -> bool {
    let mut r = around::tokens_in(doc, mention);
    // A lone quantity before an "of" phrase ("Many of his supporters"): the phrase is the group.
    if r.len() == 1 && doc.is_func(r.start, FuncType::Determiner) && doc.tok_text(r.end) == "of" {
        let stop = (r.end + 1..r.end + 6)
            .find(|&k| !doc.is_word(k))
            .unwrap_or(r.end + 6);
        r.end = stop;
    }
    let head = head_noun(doc, mention).map(|(i, _)| i);
    let affiliated = r.clone().any(|i| {
        Some(i) != head
            && doc.is_word(i)
            && ((doc.is_cap(i) && !doc.starts_sentence(i) && !doc.is_func(i, FuncType::Determiner))
                || doc.tok_text(i).ends_with("'s")
                || doc.tok_text(i).ends_with("\u{2019}s")
                || doc.is_func(i, FuncType::Determiner) && is_possessive(doc, i))
    });
    let counted = r.clone().next().is_some_and(|i| {
        doc.tok_text(i).starts_with(|c: char| c.is_ascii_digit())
            || doc.word_tags(i).any(|t| {
                matches!(t, Tag::Func(f) if f.ty == FuncType::Determiner
                    && !f.vague && !f.definite && !f.article)
            })
    });
    // "The experts" names a group the story has already named; "many of whom" one it is naming.
    let back = r.clone().next().is_some_and(|i| {
        doc.word_tags(i)
            .any(|t| matches!(t, Tag::Func(f) if f.ty == FuncType::Determiner && f.definite))
    }) || r.clone().any(|i| {
        doc.word_tags(i)
            .any(|t| matches!(t, Tag::Func(f) if f.relative))
    });
    affiliated
        || counted
        || back
        || around::is_placed_group(doc, mention)
            && !head_noun(doc, mention).is_some_and(|(_, n)| n.vague)
}

/// Whether determiner token `i` is a possessive ("her", "their"): definite, and no article.
fn is_possessive(doc: &Doc<'_>, i: usize) -> bool {
    doc.word_tags(i).any(
        |t| matches!(t, Tag::Func(f) if f.ty == FuncType::Determiner && f.definite && !f.article),
    )
}

/// Whether byte `at` is in a headline, whose story says who.
fn headline(doc: &Doc<'_>, at: usize) -> bool {
    around::is_headline(doc, doc.paragraph_at(at))
}

/// The named voices a vague claim may be backed by, built once: per paragraph, the units
/// credited to a named person (content start, and where that person is first mentioned) sorted
/// by start, with the latest first mention from each on; and, per paragraph, the first mention
/// of the named person whose unit opens it.
struct Backers {
    by_paragraph: Vec<Vec<(usize, usize)>>,
    suffix_max: Vec<Vec<usize>>,
    opener: Vec<Option<usize>>,
}

impl Backers {
    fn of(cx: &Ctx<'_>) -> Backers {
        let doc = cx.doc;
        let n = doc.sentences.last().map_or(0, |s| s.paragraph + 1);
        let firsts = around::paragraph_starts(doc);
        let mut by_paragraph: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        let mut opener: Vec<Option<usize>> = vec![None; n];
        let named: Vec<Option<usize>> =
            cx.report.entities.iter().map(named_first_mention).collect();
        for q in cx.quotes.iter() {
            let Some(first) = q
                .speaker
                .as_ref()
                .filter(|s| !s.anonymous)
                .and_then(|s| named.get(s.entity).copied().flatten())
            else {
                continue;
            };
            if let Some(v) = by_paragraph.get_mut(q.paragraph as usize) {
                v.push((q.content.start, first));
            }
            // The paragraph opens with the quote, or with the named speaker ("Ines Halvorsen,
            // an analyst at the Brennan Institute, said …").
            let opening = firsts
                .get(q.paragraph as usize)
                .copied()
                .flatten()
                .and_then(|si| doc.sentences.get(si))
                .and_then(|s| doc.tokens.get(s.start))
                .map(|t| t.span());
            let opens = opening.is_some_and(|t| {
                q.kind == QuoteKind::Direct && t.start <= q.content.start && q.content.end <= t.end
                    || q.kind != QuoteKind::Partial
                        && q.speaker
                            .as_ref()
                            .is_some_and(|s| s.mention.start == t.start)
            });
            if opens {
                if let Some(o) = opener.get_mut(q.paragraph as usize) {
                    *o = Some(o.map_or(first, |x: usize| x.max(first)));
                }
            }
        }
        let mut suffix_max = Vec::with_capacity(n);
        for v in &mut by_paragraph {
            v.sort_unstable();
            let mut m: Vec<usize> = v.iter().map(|&(_, f)| f).collect();
            for k in (0..m.len().saturating_sub(1)).rev() {
                let next = m.get(k + 1).copied().unwrap_or(0);
                if let Some(x) = m.get_mut(k) {
                    *x = (*x).max(next);
                }
            }
            suffix_max.push(m);
        }
        Backers {
            by_paragraph,
            suffix_max,
            opener,
        }
    }

    /// Whether a named person brought in after a vague claim ending at byte `at` backs it at
    /// once: says something later in its paragraph, or opens the next paragraph with a
    /// quotation or as its speaker.
    fn backed(&self, doc: &Doc<'_>, at: usize) -> bool {
        let para = doc.paragraph_at(at);
        let later = self.by_paragraph.get(para).is_some_and(|v| {
            let k = v.partition_point(|&(start, _)| start < at);
            self.suffix_max
                .get(para)
                .and_then(|m| m.get(k))
                .is_some_and(|&first| first >= at)
        });
        let next = self
            .opener
            .get(para + 1)
            .copied()
            .flatten()
            .is_some_and(|first| first >= at);
        later || next
    }
}

/// Whether a span of `sorted` (sorted by start, hardly overlapping one another) overlaps `span`:
/// the last two starting before its end are looked at.
fn overlapping(sorted: &[Span], span: Span) -> bool {
    let k = sorted.partition_point(|s| s.start < span.end);
    sorted
        .get(k.saturating_sub(2)..k)
        .unwrap_or(&[])
        .iter()
        .any(|s| span.start < s.end)
}

/// Where an entity, if a named person and no weasel group, is first mentioned (a voice is
/// brought in after a vague claim when this lies after it).
fn named_first_mention(e: &crate::report::Entity) -> Option<usize> {
    let named = e.mentions.iter().any(|m| m.kind == MentionKind::Name);
    (e.kind == EntityKind::Person && !e.vague && named)
        .then(|| e.mentions.first().map(|m| m.span.start))
        .flatten()
}

/// Vague subjects of speech or belief verbs the attribution may not read as claims
/// ("Economists have long argued that …", "Legal scholars say …", "analysts believe …"): a
/// plural weasel noun opening its sentence or clause after at most three determiners,
/// capitalised words or nouns, then its verb, either at once or after auxiliaries (and one
/// adverb after them: "have long argued").
fn vague_subjects(doc: &Doc<'_>) -> Vec<(Span, Span)> {
    let mut out = Vec::new();
    let aux = |k: usize| doc.is_func(k, FuncType::Auxiliary) || doc.is_func(k, FuncType::Modal);
    for (si, s) in doc.sentences.iter().enumerate() {
        let r = around::sentence_tokens(doc, si);
        let mut start = s.start;
        for i in r.clone() {
            if doc.is_punct(i, ",") || doc.is_func(i, FuncType::Connective) {
                start = i + 1;
                continue;
            }
            let weasel = around::nouns(doc, i).any(|n| n.vague && n.plural)
                || around::hedge_at(doc, i, |h| h == HedgeType::Weasel).is_some();
            // Only determiners, capitalised words and nouns before it ("Legal scholars",
            // "some industry analysts"), not a verb's object ("made several statements").
            let subject = (start..i).all(|k| {
                doc.is_word(k)
                    && (doc.is_func(k, FuncType::Determiner)
                        || doc.is_cap(k)
                        || around::nouns(doc, k).next().is_some())
            });
            if !weasel || !subject || i > start + 3 {
                continue;
            }
            let mut k = i + 1;
            // "Critics of the city's approach say": an "of" phrase of up to five words, part of
            // the subject ("Many of his supporters believe" is a group placed by whom it
            // follows).
            let mut end = i;
            if doc.tok_text(k) == "of" {
                if let Some(v) = (k + 1..(k + 6).min(r.end))
                    .take_while(|&j| doc.is_word(j))
                    .find(|&j| claims_at(doc, j))
                {
                    k = v;
                    // "Many of his supporters": the group after a quantity is the subject;
                    // "Critics of the city's approach": the phrase says what they criticise.
                    if doc.is_func(i, FuncType::Determiner) {
                        end = v - 1;
                    }
                }
            }
            let hit = if claims_at(doc, k) {
                true
            } else if aux(k) {
                while k < r.end && aux(k) {
                    k += 1;
                }
                if !claims_at(doc, k) && doc.is_word(k) && !doc.is_cap(k) {
                    k += 1;
                }
                claims_at(doc, k)
            } else {
                false
            };
            // (The verb as the tagger reads it, with something said after it or before it:
            // not "In some states, the mayor …", where "states" is a noun, nor "many cite the
            // harbour as a reason to stay", where nothing is reported.)
            // (A verb of belief the tagger took for a noun still reports a clause with its own
            // subject: "Many fear the mill will close"; not "Some counties stayed dry".)
            let verb = doc.tag(k).is_verb()
                || doc.has(k, TokClass::BELIEF)
                    && doc.is_word(k + 1)
                    && !doc.tag(k + 1).is_verb()
                    && !doc.is_func(k + 1, FuncType::Complementizer);
            let hit = hit && verb && reports(doc, k, r.end);
            if hit {
                let a = doc.tokens.get(start).map_or(0, |t| t.span().start);
                let b = doc.tokens.get(i).map_or(a, |t| t.span().end);
                let c = doc.tokens.get(end).map_or(b, |t| t.span().end);
                out.push((Span::new(a, b), Span::new(a, c)));
            }
        }
    }
    out
}

/// Whether the verb at token `k` reports something (its sentence's tokens end at `end`): a
/// complementizer or a clause with a finite verb after it, before the next comma or stop; or
/// nothing after it but punctuation, where what was said came before (", some say.", "as
/// some have speculated.") or follows a colon.
fn reports(doc: &Doc<'_>, k: usize, end: usize) -> bool {
    const CLAUSE: usize = 12;
    let next = k + 1;
    if next >= end || !doc.is_word(next) {
        return true;
    }
    if doc.is_func(next, FuncType::Complementizer) {
        return true;
    }
    (next..end.min(next + CLAUSE))
        .take_while(|&j| doc.is_word(j))
        .any(|j| doc.tag(j).is_finite())
}

/// Whether token `k` is a verb that credits its subject with a claim: a speech or finding verb,
/// or a verb of belief (`kind=belief` in `grammars/verbs.txt`).
fn claims_at(doc: &Doc<'_>, k: usize) -> bool {
    // Not a base form that is also a modifier ("some state officials").
    let speech = doc.word_tags(k).any(|t| {
        matches!(t, Tag::Verb(v) if matches!(v.kind, VerbKind::Speech | VerbKind::Finding)
            && !(v.modifier && v.form == VerbForm::Base))
    });
    doc.is_word(k) && !doc.is_cap(k) && (speech || doc.has(k, TokClass::BELIEF))
}
