//! Multi-word cues of the lexicon (`cue-phrases.txt`): `according to X`, `as reported by X`,
//! `citing X`, and the venue phrases (`in a statement`, `in an interview with X`).
//!
//! ```text
//! initial = "according to" speaker ","? clause          ("In the words of X, "…"": a quote)
//! final   = clause "," ("according to" | "as reported by" | "citing") speaker
//! aside   = subject "," "citing" speaker "," verb …     (the sources speak, the subject relays)
//! ```

use super::speaker::np_forward;
use super::{push_np, Attr, CueKind, Sent};
use crate::analysis::np::{self, Np, NpKind};
use crate::grammar::{CueType, Tag};
use crate::syntax::{PhraseFlag, PhraseKind};

/// The longest cue phrase of the lexicon starting at token `t`: its type and last token.
pub(super) fn cue_at(sent: &Sent<'_, '_>, t: usize) -> Option<(CueType, usize)> {
    let doc = sent.doc;
    if !doc.has(t, crate::grammar::TokClass::STARTS_CUE) {
        return None;
    }
    let mut best: Option<(CueType, usize)> = None;
    for h in doc.tok_hits(t) {
        for tag in doc.grammar.tag(h.pattern) {
            if let Tag::Cue(c) = tag {
                if let Some(last) = doc.token_ending_at(t, h.end).filter(|&l| l < sent.s.end) {
                    if best.is_none_or(|(_, b)| last > b) {
                        best = Some((*c, last));
                    }
                }
            }
        }
    }
    best
}

/// How many phrases around a cue phrase are searched for a verb.
const REACH: usize = 48;

/// The cue phrase starting at phrase `p`, if one does: pushes its attribution (or attaches a
/// venue to the attribution before it) and returns the phrase after it.
pub fn at<'a>(
    sent: &Sent<'_, 'a>,
    p: usize,
    out: &mut Vec<Attr<'a>>,
    early: &mut Vec<Np<'a>>,
    early_venue: &mut Option<(usize, usize)>,
) -> Option<usize> {
    let t = sent.tok(p);
    let (ct, last) = cue_at(sent, t)?;
    let next = sent.phrase_of(last) + 1;
    match ct {
        CueType::According | CueType::ReportedBy | CueType::Citing => {
            if let Some(a) = phrase_cue(sent, t, last + 1, next, ct, out) {
                out.push(a);
            }
            Some(next)
        }
        CueType::Venue | CueType::HearerVenue | CueType::RelayVenue => {
            // ("in an interview with Radio X", "speaking to Radio X": the outlet relays; so
            // does the spokesperson of "through a spokesperson".)
            let with = ct == CueType::HearerVenue;
            let outlet = match ct {
                CueType::RelayVenue => np_forward(sent, sent.phrase_of(last)),
                _ => np_forward(sent, next).filter(|(n, _)| with && n.outlet),
            };
            // ("writing in a note to clients that …": a verb's participle with no outlet after
            // it is the verb's.)
            if with && outlet.is_none() && super::speech_verb(sent, p).is_some() {
                return None;
            }
            match out.last_mut() {
                Some(a) if a.venue().is_none() && t >= a.cue().1 => {
                    a.set_venue(Some((t, last + 1)));
                    if let Some((n, _)) = outlet {
                        push_np(&mut a.chain, n);
                    }
                }
                // "In an interview with Radio X, …": a relay named before any cue; and the
                // venue, which the sentence's first attribution takes ("In a statement issued
                // Thursday, the directorate said …").
                None => {
                    early.extend(outlet.map(|(n, _)| n));
                    early_venue.get_or_insert((t, last + 1));
                }
                _ => {}
            }
            Some(next)
        }
        CueType::LeadIn | CueType::Noun => None,
    }
}

/// `according to X`, `as reported by X`, `citing X` at tokens `[ps, pe)`; `next` is the phrase
/// after the cue.
fn phrase_cue<'a>(
    sent: &Sent<'_, 'a>,
    ps: usize,
    pe: usize,
    next: usize,
    ct: CueType,
    before: &[Attr<'a>],
) -> Option<Attr<'a>> {
    let doc = sent.doc;
    let lo = sent.s.start;
    let (who, who_end) = cue_source(sent, pe, next, ct)?;
    // "citing patient privacy": a bare singular role word is a reason, not a source.
    let modifier = who.kind == NpKind::Role
        && !who.definite
        && !who.indefinite
        && !who.plural()
        && doc.is_word(who.end)
        && !doc.is_cap(who.end);
    if ct == CueType::Citing && (modifier || who.head().is_none() && who.kind == NpKind::Role) {
        return None;
    }
    let kind = match ct {
        CueType::According => CueKind::According,
        CueType::ReportedBy => CueKind::ReportedBy,
        _ => CueKind::Citing,
    };
    let mut a = Attr::new((ps, pe), kind, None);
    a.set_left(if ps > lo && doc.is_punct(ps - 1, ",") {
        ps - 1
    } else {
        ps
    });
    a.speaker = Some(who.clone());
    described_source(sent, who_end, &mut a);
    // (Not after a quotation: '"…," according to CNN'. After a colon, as at the sentence's
    // start: "The numbers are stark: according to polls, …".)
    let colon = (lo..ps).rev().take(REACH).find(|&t| doc.is_punct(t, ":"));
    let from = colon.map_or(lo, |c| c + 1);
    let initial = (from..ps).all(|t| !doc.is_word(t) && doc.quote_of(t).is_none());
    // ("As reported by the Ledger, …" opens its sentence the same way.)
    let as_reported = ct == CueType::ReportedBy && doc.tok_eq_ci(ps, "as");
    if initial && (ct == CueType::According || as_reported) {
        return opening_cue(sent, a, who_end);
    }
    if initial && ct == CueType::Citing {
        return Some(a);
    }
    // Final: the clause before belongs to an attribution already found, or is X's claim.
    let claimed = before
        .iter()
        .rev()
        .take(64)
        .any(|b| !b.meta && b.claims() && b.cue().0 < ps);
    if claimed && ct != CueType::Citing {
        push_np(&mut a.chain, who);
        a.speaker = None;
        a.set_content(None);
        return Some(a);
    }
    if claimed {
        return Some(a);
    }
    // "The paper, citing two officials, said …": the sources speak, the subject relays.
    // (The sources' description may run to the comma: "citing a draft seen by reporters,".)
    let comma_after = (who_end..sent.p1.min(who_end + 6))
        .take_while(|&q| !sent.is_finite(q))
        .find(|&q| sent.is_punct(q, ","));
    if ct == CueType::Citing && a.left() < ps && comma_after.is_some() {
        return Some(a);
    }
    // "The leak, first reported by the Tribune, was found": inside a clause, a modifier.
    if ct == CueType::ReportedBy && !doc.tok_eq_ci(ps, "as") && !sent.is_final(who_end) {
        return None;
    }
    final_claim(sent, a, who_end, ct)
}

/// "…, according to AdTrack Analytics, a firm that monitors advertising.": an indefinite role
/// after the source's comma that closes the sentence (with its relative clause or
/// prepositional phrase) describes the source: an appositive of `a`.
fn described_source<'a>(sent: &Sent<'_, 'a>, who_end: usize, a: &mut Attr<'a>) {
    if !sent.is_punct(who_end, ",") {
        return;
    }
    let Some((app, mut e)) = np_forward(sent, who_end + 1) else {
        return;
    };
    if app.kind != NpKind::Role || !app.indefinite {
        return;
    }
    if matches!(sent.ph(e).kind, PhraseKind::Wh | PhraseKind::Prep) {
        e = (e..sent.p1.min(e + REACH))
            .find(|&q| sent.is_final(q) || sent.is_aside_mark(q))
            .unwrap_or(sent.p1);
    }
    if e >= sent.p1 || sent.is_final(e) {
        push_np(&mut a.appositives, app);
    }
}

/// The claim of a cue phrase closing or interrupting its sentence (`a`, its source's phrase
/// ending before phrase `who_end`): the clause before it, the whole sentence, the clause after
/// it, or a quotation alone before it.
fn final_claim<'a>(
    sent: &Sent<'_, 'a>,
    mut a: Attr<'a>,
    who_end: usize,
    ct: CueType,
) -> Option<Attr<'a>> {
    let doc = sent.doc;
    let lo = sent.s.start;
    let end = a.left();
    // "Fundraising, according to the campaign, has surged since May": the cue interrupts a
    // clause that goes on after it; the claim is the whole sentence.
    let before_end = sent.phrase_of(end);
    // (Within a clause's reach: a sentence of thousands of phrases is read in linear time.)
    let incomplete =
        !(before_end.saturating_sub(REACH).max(sent.p0)..before_end).any(|q| sent.is_finite(q));
    let goes_on = (who_end + 1..sent.p1.min(who_end + 1 + REACH)).any(|q| sent.is_finite(q));
    // "In fact, according to a survey, most voters want change": after an opening adverbial,
    // the clause after the cue, with its own subject, is the claim.
    let after = sent
        .clauses_of(&doc.clause_index.subject, who_end + 1)
        .find(|x| x.verb.is_some());
    let subject_after = after.is_some();
    // (Its verb may be quoted: "By 2040, according to X, harbour traffic "will double"".)
    let quoted_after = sent.ph(who_end + 1).kind == PhraseKind::Np
        && (who_end + 2..sent.p1.min(who_end + 2 + REACH)).any(|q| sent.is_quote(q));
    if incomplete && sent.is_punct(who_end, ",") && (subject_after || quoted_after) {
        let (s0, s1) = sent.span(who_end + 1, sent.p1);
        a.set_content((s1 > s0).then_some((s0, s1)));
        return a.content().map(|_| a);
    }
    // "She sold the farm after, according to her son, the bank took the house": after a
    // subordinating word, the clause the cue opens is the claim.
    let subordinate = end > lo + 1
        && doc.is_punct(end, ",")
        && doc.is_func(end - 1, crate::grammar::FuncType::Connective)
        && !doc.is_cap(end - 1);
    if let Some(x) = after.filter(|_| subordinate && sent.is_punct(who_end, ",")) {
        let (s0, s1) = sent.span(who_end + 1, (x.end as usize).min(sent.p1));
        a.set_content((s1 > s0).then_some((s0, s1)));
        return a.content().map(|_| a);
    }
    // "The agency spends, according to its audit, $4 million …", "Part of the savings,
    // according to X, comes from …": a verb waiting for its object before the cue, or a
    // predicate with no subject of its own after it, and no clause or conjunction after it.
    let next = sent.ph(who_end + 1).kind;
    let joined = matches!(next, PhraseKind::Cconj | PhraseKind::Sconj);
    // (The main clause's verb: not "… since the protests began, according to X, a group".)
    let verb_waits = before_end > sent.p0
        && sent.is_finite(before_end - 1)
        && sent
            .clause_of_verb(before_end - 1)
            .and_then(|c| sent.clause(c))
            .is_some_and(|c| c.kind == crate::syntax::ClauseKind::Main);
    let interrupted = (verb_waits || sent.is_finite(who_end + 1)) && !subject_after && !joined;
    if (incomplete && goes_on || interrupted)
        && sent.is_punct(who_end, ",")
        && !sent.is_final(who_end + 1)
    {
        let (s0, s1) = sent.span(sent.p0, sent.p1);
        a.set_content((s1 > s0).then_some((s0, s1)));
        return a.content().map(|_| a);
    }
    // '"…," according to CNN': a quotation alone before the cue is its source's.
    let quote_only = (lo..end).all(|t| doc.quote_of(t).is_some() || doc.is_punct(t, ","));
    if quote_only && end > lo && ct != CueType::Citing {
        a.quotes
            .extend((lo..end).filter(|&t| doc.quote_of(t).is_some()));
        return Some(a);
    }
    (end > lo + 2).then(|| {
        a.set_content(Some((lo, end)));
        a
    })
}

/// The source a cue phrase names, read from phrase `next` (or, for a cue other than `citing`, a
/// generic speaker from token `pe`), with the phrase after it; a document's author speaks for
/// the document.
fn cue_source<'a>(
    sent: &Sent<'_, 'a>,
    pe: usize,
    next: usize,
    ct: CueType,
) -> Option<(Np<'a>, usize)> {
    let doc = sent.doc;
    let hi = sent.s.end;
    let (who, who_end) = np_forward(sent, next).or_else(|| {
        (ct != CueType::Citing)
            .then(|| np::generic(doc, pe, hi))
            .flatten()
            .map(|n| {
                let e = sent.phrase_of(n.end.saturating_sub(1)) + 1;
                (n, e)
            })
    })?;
    // "according to estimates from Andes Metals Research": a document's author speaks.
    Some(author_of(sent, who, who_end))
}

/// The attribution `a` of a cue opening its sentence ("According to X, …"), its source's phrase
/// ending before phrase `who_end`: its content is the clause after the source (or a quotation
/// alone after it); `None` when there is no content.
fn opening_cue<'a>(sent: &Sent<'_, 'a>, mut a: Attr<'a>, who_end: usize) -> Option<Attr<'a>> {
    // "According to a transcript of a call cited in the indictment, X told …": the claim
    // starts after the comma closing the source's phrase.
    let mut start = who_end;
    if let Some(c) = (who_end..sent.p1.min(who_end + 6)).find(|&c| sent.is_punct(c, ",")) {
        start = after_appositive(sent, c + 1);
    }
    // "In the words of the coach, "…"": a quotation alone after it.
    if sent.is_quote(start) && sent.is_final(start + 1) {
        a.quotes.push(sent.tok(start));
        return Some(a);
    }
    let (s0, s1) = sent.span(start, sent.p1);
    a.set_content((s1 > s0).then_some((s0, s1)));
    a.content().map(|_| a)
}

/// "According to the commission, a body set up in 1998, the flow has fallen": the phrase
/// after the comma at `k` is the source's description when a noun phrase with no verb of its
/// own (or a relative clause) runs to a second comma and a clause follows; the claim starts
/// after it.
fn after_appositive(sent: &Sent<'_, '_>, k: usize) -> usize {
    // "According to Pike, who spoke on condition of anonymity, the ferry will close": a
    // relative clause on the source, closed by a comma before a clause.
    if sent.ph(k).kind == PhraseKind::Wh {
        let c = (k + 1..sent.p1.min(k + 16)).find(|&c| sent.is_punct(c, ","));
        let clause = |c: usize| (c + 1..sent.p1.min(c + 1 + REACH)).any(|q| sent.is_finite(q));
        return c.filter(|&c| clause(c)).map_or(k, |c| c + 1);
    }
    // (A description goes on after its noun: a relative clause, a participle, a preposition.)
    let next = sent.ph(k + 1);
    let described = match next.kind {
        PhraseKind::Wh | PhraseKind::Prep => true,
        PhraseKind::Vg => !next.is(PhraseFlag::FINITE),
        _ => false,
    };
    if sent.ph(k).kind != PhraseKind::Np || !described {
        return k;
    }
    let Some(c) = (k + 1..sent.p1.min(k + 16)).find(|&c| sent.is_punct(c, ",")) else {
        return k;
    };
    let relative = next.kind == PhraseKind::Wh;
    if !relative && (k..c).any(|q| sent.is_finite(q))
        || !(c + 1..sent.p1.min(c + 1 + REACH)).any(|q| sent.is_finite(q))
    {
        return k;
    }
    // (Not a subject with its name set off after it: "According to the Sentinel, the
    // governor's chief of staff, Hollis Greer, told …".)
    let named_after = sent.ph(c + 1).kind == PhraseKind::Np
        && sent.ph(c + 1).is(PhraseFlag::PROPER)
        && sent.is_punct(c + 2, ",");
    if named_after {
        return k;
    }
    c + 1
}

/// The author of the document `who` (ending before phrase `end`) named after it ("estimates
/// from Andes Metals Research", "a report by the auditor"), or `who` itself.
fn author_of<'a>(sent: &Sent<'_, 'a>, who: Np<'a>, end: usize) -> (Np<'a>, usize) {
    let document = who.noun_kind() == crate::grammar::NounKind::Document;
    let prep = sent.ph(end).kind == crate::syntax::PhraseKind::Prep
        && !sent
            .doc
            .is_func(sent.tok(end), crate::grammar::FuncType::Connective);
    if document && prep && !crate::syntax::is_time_np(sent.doc, end + 1) {
        if let Some((n, e)) = np_forward(sent, end + 1) {
            if n.kind == NpKind::Name {
                return (n, e);
            }
        }
        // ("from Santiago-based consultancy Andes Metals Research": the name closing the
        // phrase.)
        let x = sent.ph(end + 1);
        let name = (x.start as usize + 1..x.end as usize).find_map(|t| {
            np::parse_forward(sent.doc, t, sent.s.end)
                .filter(|n| n.kind == NpKind::Name && n.end >= x.end as usize)
        });
        if let Some(n) = name {
            return (n, end + 2);
        }
    }
    (who, end)
}
