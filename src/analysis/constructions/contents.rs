//! The attributions of a sentence made consistent: a cue inside an earlier reported clause is
//! part of what was reported (or relays it); a cue closing the sentence claims the clause
//! before it; each reported clause ends where the next attribution's structure begins; the
//! clauses nest; final `according to` and `citing` cues spread their relays.

use super::{push_np, Attr, CueKind, Inherit, Sent};
use crate::analysis::np::{self, NpKind};
use crate::grammar::{FuncType, VerbKind};
use crate::syntax::{PhraseFlag, PhraseKind};

/// How many of a sentence's latest attributions a new one is compared with.
const RECENT: usize = 64;

/// Adds attribution `a` (found in text order) to `out`, unless it is part of an earlier
/// reported clause.
pub fn admit<'a>(sent: &Sent<'_, 'a>, mut a: Attr<'a>, out: &mut Vec<Attr<'a>>) {
    if !a.claims() && !a.meta {
        return;
    }
    // A cue inside a reported clause that claims nothing itself ("reported that X had declared
    // three days of mourning"): part of what was reported.
    // (Only the latest attributions are looked at, so a sentence of thousands of cues stays
    // linear: a reported clause reaching back further than `RECENT` cues is no copy.)
    if !a.claims()
        && out.iter().rev().take(RECENT).any(|b| {
            b.content()
                .is_some_and(|(cs, ce)| cs <= a.cue().0 && a.cue().0 < ce)
        })
    {
        return;
    }
    let doc = sent.doc;
    // The first reported clause of the sentence that is still whole.
    let first = out
        .iter()
        .take(RECENT)
        .position(|b| b.kind != CueKind::Participle && b.content().is_some());
    let first_content = first.and_then(|k| out.get(k)).and_then(|b| b.content());
    let contrasted = is_contrasted(sent, &a) || coordinated(sent, &a, out);
    let inside = |c: (usize, usize)| c.0 <= a.left() && a.left() < c.1 && c.0 < a.cue().0;
    // ('said the bill "was late" and accused the board of …': after the claim's quoted words,
    // the speaker's next act, with no subject of its own, is no clause inside the claim.)
    let next_act = a.cue().0.checked_sub(1).is_some_and(|and| {
        a.verb.is_some_and(|v| v.act)
            && a.left() >= and
            && and > sent.s.start + 1
            && np::is_coordinator(doc, and)
            && doc.quote_of(and - 1).is_some()
    });
    let nested = !contrasted
        && !next_act
        && a.kind != CueKind::Participle
        && a.content().is_some_and(|(cs, _)| cs > a.cue().0)
        && out
            .iter()
            .rev()
            .take(RECENT)
            .filter_map(|b| b.content())
            .any(inside);
    if contrasted {
        leave_out_connective(sent, &mut a);
    }
    if !nested {
        out.push(a);
        return;
    }

    // "X told reporters that Y had said that …": Y's words, relayed by X; and Y's question
    // ("the newspaper said Y asked whether …").
    // (Not a request or an act: "said Marbeck had asked lawmakers to remove …" is the
    // outer speaker's claim.)
    // ("wrote that the scheme … and that Rourke had bragged that …": the inner clause may be
    // a later "that" clause of the outer claim.)
    let relayed = first_content.is_some_and(|(cs, ce)| {
        let relative = matches!(
            doc.tag(a.left() - 1),
            crate::syntax::Tag::PronWdt | crate::syntax::Tag::PronWp
        );
        let opener = doc.is_func(a.left() - 1, FuncType::Complementizer) || relative;
        cs == a.left() || (cs < a.left() && a.left() < ce && opener)
    })
        && a.verb.is_some_and(|v| v.kind == VerbKind::Speech)
        // (Not what someone will or would say: "said he expected voters will say "no" to …"
        // reports no words of theirs.)
        && !modal_before(sent, a.cue().0)
        && matches!(
            a.form,
            super::ContentForm::Clause | super::ContentForm::Question
        )
        // ("According to the Sentinel, the governor's chief of staff, Hollis Greer, told
        // …": a role whose name is given beside it too.)
        && (a.speaker.as_ref().is_some_and(|n| n.kind == NpKind::Name)
            || a.appositives.iter().any(|n| n.kind == NpKind::Name));
    if let (true, Some(k)) = (relayed, first) {
        a.set_relayed_by(Some(k));
        if let Some(b) = out.get_mut(k) {
            // (A later "that" clause leaves the outer claim its first: it ends before the
            // "that", and the conjunction and comma before it.)
            b.set_content(b.content().and_then(|(cs, _)| {
                let mut end = a.left().saturating_sub(1);
                // (And a relative clause's preposition: "a call … in which".)
                while end > cs
                    && (doc.is_punct(end - 1, ",")
                        || doc.tag(end - 1).is_cconj()
                        || doc.tag(end - 1) == crate::syntax::Tag::AdpIn)
                {
                    end -= 1;
                }
                (end > cs).then_some((cs, end))
            }));
        }
        out.push(a);
    }
}

/// Moves the left edge of the contrasted attribution `a` over its connective (and the comma
/// before it): not into a quotation whose words end with the comma, which stays the claim's
/// before; a connective of two words ("even though") whole.
fn leave_out_connective(sent: &Sent<'_, '_>, a: &mut Attr<'_>) {
    let doc = sent.doc;
    let back = if doc.is_punct(a.left() - 2, ",") {
        2
    } else {
        1
    };
    a.set_left(a.left() - back);
    let c = a.left();
    let end = doc.tokens.get(c).map(|t| t.span().end);
    let whole = c > sent.s.start + 1
        && doc.tok_hits(c - 1).iter().any(|h| {
            Some(h.end) == end
                && doc.grammar.tag(h.pattern).iter().any(
                    |t| matches!(t, crate::grammar::Tag::Func(f) if f.ty == FuncType::Connective),
                )
        });
    if whole {
        a.set_left(c - 1);
    }
}

/// ", while the company said …", ", but the party said …": attribution `a` opens a clause of
/// its own after a comma and a connective. (The comma may close a quotation: 'had approved
/// "every increase," while …'.)
fn is_contrasted(sent: &Sent<'_, '_>, a: &Attr<'_>) -> bool {
    let doc = sent.doc;
    let comma = |t: usize| {
        doc.is_punct(t, ",")
            || doc
                .phrase_at(t)
                .is_some_and(|p| crate::syntax::clause::quote_ends_with_comma(doc, p))
    };
    // (A connective of contrast needs no comma: "said the country was in a recession even
    // though official figures show …".)
    let contrast = a.left() > sent.s.start
        && doc
            .word_tags(a.left() - 1)
            .any(|x| matches!(x, crate::grammar::Tag::Func(f) if f.contrast));
    a.speaker.is_some()
        && a.left() > sent.s.start + 1
        && (comma(a.left() - 2) || contrast)
        && doc.is_func(a.left() - 1, FuncType::Connective)
        && !np::is_relative(doc, a.left() - 1)
}

/// "One rider said the fares were fair and another said …": attribution `a` of a speech verb
/// joined by a coordinator, with no comma, to an earlier reported clause that is whole (a finite
/// verb of its own before the coordinator) opens a clause of its own.
fn coordinated(sent: &Sent<'_, '_>, a: &Attr<'_>, out: &[Attr<'_>]) -> bool {
    let doc = sent.doc;
    let Some(c) = a.left().checked_sub(1) else {
        return false;
    };
    let coordinator = c > sent.s.start && !doc.is_punct(c - 1, ",") && np::is_coordinator(doc, c);
    if !coordinator
        || a.speaker.is_none()
        || !a.claims()
        || !a.verb.is_some_and(|v| v.kind == VerbKind::Speech)
    {
        return false;
    }
    out.iter().rev().take(RECENT).any(|b| {
        b.content()
            .is_some_and(|(cs, ce)| cs < c && c < ce && (cs..c).any(|t| doc.tag(t).is_finite()))
    })
}

/// Makes the sentence's attributions consistent (see the module doc).
pub fn finish<'a>(sent: &Sent<'_, 'a>, out: &mut Vec<Attr<'a>>) {
    closing_cue(sent, out);
    cut_at_claimed_quotes(sent, out);
    cut_contents(sent, out);
    nest_contents(sent, out);
    spread_relays(out);
}

/// "Astronomers have found water …, the agency said": a cue closing the sentence claims the
/// whole clause before it, cues inside included. But "Karvania's president said that …, state
/// television reported": an outlet closing a sentence whose clause names its own speaker
/// relays that speaker's claim.
fn closing_cue(sent: &Sent<'_, '_>, out: &mut Vec<Attr<'_>>) {
    let lo = sent.s.start;
    let indexed = out
        .iter()
        .any(|b| b.relayed_by().is_some() || matches!(b.inherit, Some(Inherit::Attr(_))));
    if indexed {
        return;
    }
    let closing = out.iter().rposition(|a| {
        a.content()
            .is_some_and(|(cs, ce)| cs == lo && ce <= a.cue().0)
            && a.kind == CueKind::Verb
    });
    let Some((k, (cs, ce))) =
        closing.and_then(|k| out.get(k).and_then(|a| a.content()).map(|c| (k, c)))
    else {
        return;
    };
    let inside = |b: &Attr<'_>| b.cue().0 >= cs && b.cue().1 <= ce && b.relayed_by().is_none();
    // ("The speaker told her team that …, one of the people said": a source closing a
    // sentence whose clause is a speech act with its own speaker relays that speaker's words
    // too; a finding, "Astronomers have found water …", or a request, "X has asked its
    // neighbours to share data", is the source's claim.)
    let speech = |b: &Attr<'_>| {
        inside(b)
            && b.speaker.is_some()
            && b.content().is_some()
            && b.kind == CueKind::Verb
            && b.form != super::ContentForm::Infinitive
            && b.verb.is_some_and(|v| v.kind == VerbKind::Speech)
    };
    let relay = out
        .get(k)
        .and_then(|a| a.speaker.clone())
        .filter(|n| n.outlet || out.iter().any(speech));
    match relay {
        Some(o)
            if out
                .iter()
                .any(|b| inside(b) && b.speaker.is_some() && b.content().is_some()) =>
        {
            if let Some(a) = out.get_mut(k) {
                a.speaker = None;
                a.set_content(None);
                a.quotes.clear();
            }
            for b in out.iter_mut().filter(|b| inside(b) && b.speaker.is_some()) {
                push_np(&mut b.chain, o.clone());
            }
        }
        _ => out.retain(|b| !inside(b)),
    }
}

/// "asked if he could ask a question: "…," he said": a reported clause ends before a
/// quotation another attribution claims (and the colon or comma before it).
fn cut_at_claimed_quotes(sent: &Sent<'_, '_>, out: &mut [Attr<'_>]) {
    let doc = sent.doc;
    // (Quotations before their own cue: those a postposed or inverted cue claims.)
    // (By position, so each clause finds the first one inside it by a binary search.)
    let mut claimed: Vec<(usize, usize)> = out
        .iter()
        .enumerate()
        .flat_map(|(k, a)| {
            a.quotes
                .iter()
                .filter(move |&&q| q < a.cue().0)
                .map(move |&q| (q, k))
        })
        .collect();
    claimed.sort_unstable();
    for (k, a) in out.iter_mut().enumerate() {
        let Some((cs, ce)) = a.content() else {
            continue;
        };
        let from = claimed.partition_point(|&(q, _)| q <= cs);
        let Some(q) = claimed
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&(q, _)| q < ce)
            .find(|&&(_, j)| j != k)
            .map(|&(q, _)| q)
        else {
            continue;
        };
        let mut end = q;
        while end > cs && (doc.is_punct(end - 1, ":") || doc.is_punct(end - 1, ",")) {
            end -= 1;
        }
        a.set_content((end > cs).then_some((cs, end)));
    }
}

/// Cuts each reported clause where a later attribution's structure begins, and where the
/// speaker's next act begins (", and raised their rating").
fn cut_contents(sent: &Sent<'_, '_>, out: &mut [Attr<'_>]) {
    let doc = sent.doc;
    // (An attribution in a relative clause cuts no clause it lies inside: 'said the mayor, who
    // called the plan "a disaster," should resign' is one claim holding another.)
    // (Nor one of what someone will or would say: 'said he expected voters will say "no"'.)
    let within = |a: &Attr<'_>| {
        modal_before(sent, a.cue().0)
            || a.clause()
                .and_then(|c| sent.clause(c))
                .is_some_and(|c| c.kind == crate::syntax::ClauseKind::Relative)
    };
    let mut lefts: Vec<(usize, usize, bool)> = out
        .iter()
        .map(|a| (a.left(), a.cue().0, within(a)))
        .collect();
    lefts.sort_unstable();
    let mut cues: Vec<(usize, usize)> = out.iter().map(|a| (a.cue().0, a.left())).collect();
    cues.sort_unstable();
    for a in out.iter_mut() {
        let Some((cs, ce)) = a.content() else {
            continue;
        };
        let from = lefts.partition_point(|&(l, _, _)| l <= cs);
        let own = (a.left(), a.cue().0);
        let mut end = lefts
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .find(|&&(l, c, inside)| c > cs && (l, c) != own && !(inside && c < ce))
            .map_or(ce, |&(l, _, _)| quote_before_cut(sent, l).min(ce));
        let next = cues.get(cues.partition_point(|&(c, _)| c <= a.cue().0));
        if let Some(&(c, _)) = next.filter(|&&(c, l)| c > cs && l <= a.cue().0) {
            end = end.min(c);
        }
        // A clause cut before ", and stressed that …" ends before its comma.
        while end < ce && end > cs && (doc.is_punct(end - 1, ",") || doc.is_punct(end - 1, ";")) {
            end -= 1;
        }
        let end = skip_final_back(sent, cs, end);
        a.set_content((end > cs).then_some((cs, end)));
    }
}

/// Whether a modal ("will", "would", "could") stands before the verb at token `t`, across
/// adverbs ("will probably say").
fn modal_before(sent: &Sent<'_, '_>, t: usize) -> bool {
    let doc = sent.doc;
    let mut q = t;
    while q > sent.s.start && doc.tag(q - 1).is_adv() {
        q -= 1;
    }
    q > sent.s.start && doc.tag(q - 1) == crate::syntax::Tag::AuxMd
}

/// Where a clause cut at token `l` (a later attribution's structure) ends: there, or after
/// `l` when `l` is a quotation whose words end with the comma before that structure, the
/// earlier claim's words ('said it is "more work to do," noting …').
fn quote_before_cut(sent: &Sent<'_, '_>, l: usize) -> usize {
    let doc = sent.doc;
    let closes_with_comma = doc
        .phrase_at(l)
        .is_some_and(|p| crate::syntax::clause::quote_ends_with_comma(doc, p));
    if doc.quote_of(l).is_some() && closes_with_comma {
        l + 1
    } else {
        l
    }
}

fn skip_final_back(sent: &Sent<'_, '_>, from: usize, mut to: usize) -> usize {
    let doc = sent.doc;
    while to > from
        && (doc.is_punct(to - 1, ".") || doc.is_punct(to - 1, "!") || doc.is_punct(to - 1, "?"))
    {
        to -= 1;
    }
    to
}

/// Whether token ranges `a` and `b` overlap without one containing the other.
fn crosses(a: (usize, usize), b: (usize, usize)) -> bool {
    (a.0 < b.0 && b.0 < a.1 && a.1 < b.1) || (b.0 < a.0 && a.0 < b.1 && b.1 < a.1)
}

/// Makes the reported clauses of a sentence nest or stay apart: of two that cross, one whose
/// cue lies inside the other is clipped into it; otherwise the later one starts where the other
/// ends. Every step shrinks a clause, so the loop ends.
fn nest_contents(sent: &Sent<'_, '_>, out: &mut [Attr<'_>]) {
    let doc = sent.doc;
    let n = out.len();
    if n > 16 {
        return;
    }
    let max_rounds = n.saturating_mul(n).saturating_add(1).saturating_mul(4);
    for _ in 0..max_rounds {
        let Some((i, ca, qa, j, cb, qb)) = first_crossing(out) else {
            return;
        };
        let inside = |t: usize, c: (usize, usize)| c.0 <= t && t < c.1;
        let (w, cw, cs) = match (inside(qa, cb), inside(qb, ca)) {
            (true, false) => (i, ca, cb),
            (false, true) => (j, cb, ca),
            _ if ca.0 > cb.0 => (i, ca, cb),
            _ => (j, cb, ca),
        };
        let cue = out.get(w).map_or(usize::MAX, |x| x.cue().0);
        let (mut from, mut to) = if inside(cue, cs) {
            (cw.0.max(cs.0), cw.1.min(cs.1))
        } else {
            (cw.0.max(cs.1), cw.1)
        };
        while from < to
            && (doc.is_punct(from, ",") || doc.is_punct(from, ";") || doc.is_punct(from, ":"))
        {
            from += 1;
        }
        to = skip_final_back(sent, from, to);
        while to > from && (doc.is_punct(to - 1, ",") || doc.is_punct(to - 1, ";")) {
            to -= 1;
        }
        if let Some(x) = out.get_mut(w) {
            x.set_content((to > from && (from, to) != cw).then_some((from, to)));
        }
    }
}

/// The first pair of attributions whose contents cross: (i, content, cue, j, content, cue).
fn first_crossing(
    out: &[Attr<'_>],
) -> Option<(usize, (usize, usize), usize, usize, (usize, usize), usize)> {
    for (i, a) in out.iter().enumerate() {
        let Some(ca) = a.content() else { continue };
        for (j, b) in out.iter().enumerate().skip(i + 1) {
            let Some(cb) = b.content() else { continue };
            if crosses(ca, cb) {
                return Some((i, ca, a.cue().0, j, cb, b.cue().0));
            }
        }
    }
    None
}

/// A final "according to X" with no speaker adds X to every earlier attribution since the
/// previous relay; a "citing Y" makes Y the source of the attributions between the relays or
/// citings around it. Each attribution is reached from one relay at most.
fn spread_relays(out: &mut [Attr<'_>]) {
    let mut scope = 0;
    for k in 0..out.len() {
        let relay = match out.get(k) {
            Some(r)
                if r.speaker.is_none()
                    && matches!(r.kind, CueKind::According | CueKind::ReportedBy) =>
            {
                r.chain.first().cloned()
            }
            _ => None,
        };
        if let Some(rel) = relay {
            for a in out.get_mut(scope..k).unwrap_or_default() {
                if a.claims() {
                    push_np(&mut a.chain, rel.clone());
                }
            }
            scope = k + 1;
        }
        let citing = match out.get(k) {
            Some(r) if r.kind == CueKind::Citing && r.content().is_none() => r.speaker.clone(),
            _ => None,
        };
        if let Some(src) = citing {
            let next = (k + 1..out.len())
                .find(|&j| {
                    out.get(j).is_some_and(|r| {
                        (r.kind == CueKind::Citing && r.content().is_none())
                            || (r.speaker.is_none()
                                && matches!(r.kind, CueKind::According | CueKind::ReportedBy))
                    })
                })
                .unwrap_or(out.len());
            let from = scope;
            scope = k + 1;
            for (j, a) in out.iter_mut().enumerate().take(next).skip(from) {
                if j != k && a.claims() {
                    if let Some(old) = a.speaker.replace(src.clone()) {
                        a.chain.insert(0, old);
                    }
                }
            }
        }
    }
}

#[allow(dead_code)]
fn _kinds(_: PhraseKind, _: u16) {
    let _ = PhraseFlag::FINITE;
}
