//! What follows a speech verb group: a quotation, a `that`-clause, a bare clause, a question
//! (`whether`, `why`), a hearer (`told reporters`), a tail (`in a statement`, `on Monday`), or
//! nothing (then the cue attributes what is before it).
//!
//! ```text
//! complement = hearer? tail* ( ":"? quote
//!                            | ","? "that" clause | whether-clause | wh-clause
//!                            | bare-clause | ":" clause
//!                            | "," aside "," "that" clause )
//! tail       = preposition np | adverb | time | venue
//! ```

use super::speaker::np_forward;
use super::{push_np, Attr, ContentForm, Sent};
use crate::analysis::np::{self, NpKind};
use crate::grammar::{CueType, FuncType, NounKind, Tag, VerbKind};
use crate::syntax::{ClauseKind, PhraseFlag, PhraseKind};

/// Reads what follows the verb group ending before phrase `k` into `a`. Returns whether the
/// verb's object is words reported elsewhere or an act (no claim, and no left side either).
pub fn complement<'a>(sent: &Sent<'_, 'a>, mut k: usize, a: &mut Attr<'a>) {
    let hearer = a.verb.is_some_and(|v| v.hearer);
    let mut placed = false;
    if hearer {
        (k, placed) = read_hearer(sent, k, a);
    }
    if a.verb.is_some_and(|v| v.it) {
        put_it(sent, k, a);
        return;
    }
    // "called for an inquiry", "called on the mayor to resign", "spoke about the budget".
    if particle_content(sent, k, a) {
        return;
    }
    // "told KXT's "Capitol Week" on Sunday that …": a programme's title is the hearer.
    if let Some(after) = titled_work(sent, k).filter(|&e| that_follows(sent, e, a)) {
        k = after;
    }
    // A quotation right after the cue: `said: "…"`, `said, "…"`, `said "…"`.
    let q = if sent.is_punct(k, ":") || sent.is_aside_mark(k) {
        k + 1
    } else {
        k
    };
    if sent.is_quote(q) {
        // ('…, but the mayor denies — "why not say so?" asked Dana Lee': after a dash, a
        // quotation its own cue follows is that cue's.)
        if q > k && crate::syntax::clause::is_dash(sent.doc, k) && cue_after_quote(sent, q) {
            return;
        }
        if q == k {
            if let Some(to) = quote_opens_clause(sent, q) {
                set_content(sent, a, q, to);
                return;
            }
        }
        if !continued_quote(sent, q, a) {
            a.quotes.push(sent.tok(q));
        }
        return;
    }
    if gapped(sent, k, a) {
        return;
    }
    if hearer_or_completed(sent, k) {
        k += 1;
    }
    let after_tail = tail(sent, k, a);
    // `said in a statement: "…"`
    if sent.is_punct(after_tail, ":") && sent.is_quote(after_tail + 1) {
        a.quotes.push(sent.tok(after_tail + 1));
        return;
    }
    // ("spoke for an hour, a long time …": a verb that takes no clause reports none.)
    if a.verb.is_some_and(|v| !v.clause) {
        return;
    }
    let lead = prepositions_before_number(sent, after_tail);
    let before_number = lead > 0;
    if adverbial_after_quote(sent, after_tail, a) {
        return;
    }
    if let Some((from, to, _)) = clause_at(sent, after_tail + lead, k) {
        let from = if before_number { after_tail } else { from };
        let main = main_after_adverbial(sent, from, to, a);
        set_content(sent, a, from, main.unwrap_or(to));
        let opener = sent.ph(from);
        let w = sent.doc.tok_text(opener.start as usize);
        if main.is_none()
            && (opener.kind == PhraseKind::Wh
                || ["whether", "if"].iter().any(|x| w.eq_ignore_ascii_case(x)))
        {
            a.form = ContentForm::Question;
            if a.verb.is_some_and(|v| v.request) && permission(sent, from) {
                a.set_content(None);
                a.form = ContentForm::default();
            }
        }
        return;
    }
    // "said because the poll came early, its lead meant little".
    if let Some(to) = adverbial_clause(sent, after_tail)
        .and_then(|end| adverbial_then_main(sent, after_tail, end))
    {
        set_content(sent, a, after_tail, to);
        return;
    }
    // "said in a memo, seen by Reuters, that …", "reported, citing two officials, that …".
    if let Some((from, to, _)) = that_after_asides(sent, after_tail) {
        set_content(sent, a, from, to);
        return;
    }
    if sent.is_final(after_tail) {
        return;
    }
    if placed && sent.is_aside_mark(after_tail) {
        return;
    }
    after_comma(sent, k, after_tail, a);
}

/// "said if the vote went her way, the lines would merge": a reported clause (phrases
/// `from..to`) that opens with a subordinating word and ends at a comma before a clause with
/// its subject and verb is that clause's adverbial; the claim runs to the main clause's end
/// (returned). Not after a verb of request ("asked if …, …" asks).
fn main_after_adverbial(
    sent: &Sent<'_, '_>,
    from: usize,
    to: usize,
    a: &Attr<'_>,
) -> Option<usize> {
    let opener = sent.ph(from);
    let request = a.verb.is_some_and(|v| v.request);
    // (A wh- word that is a connective of the lexicon opens one too: "when".)
    let connective = sent
        .doc
        .is_func(opener.start as usize, FuncType::Connective);
    let adverbial = opener.kind == PhraseKind::Sconj || opener.kind == PhraseKind::Wh && connective;
    if !adverbial || request || !sent.is_punct(to, ",") {
        return None;
    }
    clause_with_verb_at(sent, to + 1).map(|x| x.end as usize)
}

/// "said at least 23 people …", "says up to 300 millimetres of rain …": how many prepositions
/// at phrase `p` stand before a number that opens the clause's subject (none if no number).
fn prepositions_before_number(sent: &Sent<'_, '_>, p: usize) -> usize {
    let preps = (p..p + 2)
        .take_while(|&q| sent.ph(q).kind == PhraseKind::Prep)
        .count();
    let x = sent.ph(p + preps);
    let numbered = (x.start..x.end).any(|t| sent.doc.tag(t as usize).is_num());
    let before_number =
        preps > 0 && opens_clause(sent, p + preps) && (numbered || x.is(PhraseFlag::QUANTITY));
    if before_number {
        preps
    } else {
        0
    }
}

/// "said because the poll came early, its lead meant little", 'said because Pike is popular,
/// "he is a good surrogate"': an adverbial clause (phrases `[p, end)`) after a speech verb's
/// tail that ends at a comma before a clause with its verb, or a quotation, opens the claim,
/// which runs to that clause's end (returned). Not one opened by a tail's connective
/// (`tail=yes`: "said as she left the court, …").
fn adverbial_then_main(sent: &Sent<'_, '_>, p: usize, end: usize) -> Option<usize> {
    if tail_connective(sent, p) {
        return None;
    }
    // (The clause may take in the comma and the quotation.)
    if end >= p + 3 && sent.is_punct(end - 2, ",") && sent.is_quote(end - 1) {
        return Some(end);
    }
    if !sent.is_punct(end, ",") {
        return None;
    }
    if sent.is_quote(end + 1) {
        return Some(end + 2);
    }
    clause_with_verb_at(sent, end + 1).map(|x| x.end as usize)
}

/// A clause of the sentence with its verb that starts, or whose subject starts, at phrase `p`.
fn clause_with_verb_at(sent: &Sent<'_, '_>, p: usize) -> Option<crate::syntax::Clause> {
    (sent.clauses.0..sent.clauses.1)
        .filter_map(|c| sent.clause(c))
        .find(|x| {
            let subject = x.subject.is_some_and(|s| s.start as usize == p);
            (x.start as usize == p || subject) && x.verb.is_some()
        })
}

/// Whether phrase `after_tail` opens an adverbial clause (a `tail=yes` connective of
/// function-words.txt) after an attribution that follows a quotation ('"Ask me in March,"
/// Okafor said when a reporter pressed her'): a tail, the quotation being what was said.
fn adverbial_after_quote(sent: &Sent<'_, '_>, after_tail: usize, a: &Attr<'_>) -> bool {
    tail_connective(sent, after_tail) && after_quote(sent, a)
}

/// Whether phrase `p` opens with a connective of a verb's tail (`tail=yes`: "as", "when").
fn tail_connective(sent: &Sent<'_, '_>, p: usize) -> bool {
    sent.doc
        .word_tags(sent.tok(p))
        .any(|x| matches!(x, crate::grammar::Tag::Func(f) if f.tail))
}

/// What follows the verb's tail (ending before phrase `after_tail`; the verb group ends before
/// phrase `k`) when no clause did: a quotation after an aside or a comma, a comma and a
/// clause, or an object.
fn after_comma<'a>(sent: &Sent<'_, 'a>, k: usize, after_tail: usize, a: &mut Attr<'a>) {
    // `said on Monday, in reference to her son, "…"`, `said in the spring, when the story
    // broke, "…"`: one aside between commas, then a quotation.
    if let Some(q) = quote_after_aside(sent, after_tail) {
        a.quotes.push(sent.tok(q));
        return;
    }
    // "wrote in the letter, which was released Friday", "said, adding that …": after the
    // tail, a relative clause or a participle: only a tail (the claim is to the left).
    if sent.is_aside_mark(after_tail) {
        let next = sent.ph(after_tail + 1);
        let relative = next.kind == PhraseKind::Wh;
        let participle = next.kind == PhraseKind::Vg && !next.is(PhraseFlag::FINITE);
        if relative || participle || sent.is_final(after_tail + 1) {
            return;
        }
    }
    // `said in a statement, "…"`
    if sent.is_aside_mark(after_tail) && sent.is_quote(after_tail + 1) && after_tail > k {
        a.quotes.push(sent.tok(after_tail + 1));
        return;
    }
    if comma_clause(sent, after_tail, a) {
        return;
    }
    object(sent, after_tail, a);
}

/// The quotation after one aside set off by commas at phrase `p` (a comma), if one follows.
fn quote_after_aside(sent: &Sent<'_, '_>, p: usize) -> Option<usize> {
    if !sent.is_punct(p, ",") {
        return None;
    }
    let close = (p + 1..sent.p1.min(p + 16)).find(|&q| {
        sent.is_aside_mark(q)
            || sent.is_quote(q)
            || sent.is_final(q)
            || sent.is_punct(q, ";")
            || sent.is_punct(q, ":")
    })?;
    (close > p + 1 && sent.is_punct(close, ",") && sent.is_quote(close + 1)).then_some(close + 1)
}

/// "You said yesterday, the middle class is …", "says, sink or swim, her crew is sailing": the
/// sentence opens with the speaker and cue, then a comma and words holding a clause with a
/// subject and a finite verb (and no quotation): the rest of the sentence is the claim.
fn comma_clause<'a>(sent: &Sent<'_, 'a>, after_tail: usize, a: &mut Attr<'a>) -> bool {
    let opens = a
        .speaker
        .as_ref()
        .is_some_and(|n| n.start == sent.tok(sent.p0) && n.end <= a.cue().0);
    let next = sent.ph(after_tail + 1);
    let finite_cue = sent.ph(sent.phrase_of(a.cue().0)).is(PhraseFlag::FINITE);
    // ("says, if elected, she will …": an aside between commas may open with a conjunction or
    // a verb when a clause with its subject follows it.)
    let aside = aside_before_clause(sent, after_tail);
    if !sent.is_punct(after_tail, ",")
        || !opens
        || !finite_cue
        || sent.first_quote < sent.p1
        || !aside
            && (next.is(PhraseFlag::FINITE)
                || matches!(
                    next.kind,
                    PhraseKind::Cconj | PhraseKind::Sconj | PhraseKind::Wh
                ))
    {
        return false;
    }
    let from = after_tail + 1;
    let mut to = from;
    while !sent.is_final(to) {
        to += 1;
    }
    let clause = (sent.clauses.0..sent.clauses.1)
        .filter_map(|c| sent.clause(c))
        .any(|x| {
            let start = x.start as usize;
            (from..from + 8).contains(&start) && x.subject.is_some() && x.verb.is_some()
        });
    if clause && to > from {
        set_content(sent, a, from, to);
    }
    a.content().is_some()
}

/// Whether the comma at phrase `p` opens a short aside (no relative word, no quotation) whose
/// closing comma is followed by a clause with a subject and a verb.
fn aside_before_clause(sent: &Sent<'_, '_>, p: usize) -> bool {
    if !sent.is_punct(p, ",") || sent.ph(p + 1).kind == PhraseKind::Wh {
        return false;
    }
    let close = (p + 2..sent.p1.min(p + 10))
        .find(|&q| sent.is_aside_mark(q) || sent.is_final(q) || sent.is_quote(q));
    close
        .filter(|&q| sent.is_punct(q, ","))
        .is_some_and(|q| clause_with_verb_at(sent, q + 1).is_some())
}

/// "told reporters", "told the BBC's Today programme", "informed the committee at a hearing in
/// Brussels": the hearer (an outlet there is a link of the chain) and where it heard. Returns
/// the phrase after them, and whether a place was read.
fn read_hearer<'a>(sent: &Sent<'_, 'a>, k: usize, a: &mut Attr<'a>) -> (usize, bool) {
    let doc = sent.doc;
    let x = sent.ph(k);
    if x.kind != PhraseKind::Np || x.is(PhraseFlag::PRONOUN) && !is_object_pronoun(sent, k) {
        return (k, false);
    }
    // The owner of a possessed hearer: "the BBC's Today programme".
    if x.is(PhraseFlag::OWNED) || x.is(PhraseFlag::POSSESSIVE) {
        if let Some(owner) = outlet_owner(sent, k) {
            push_np(&mut a.chain, owner);
        }
    } else if let Some((n, _)) = np_forward(sent, k) {
        if n.outlet || (n.kind == NpKind::Name && outlet_titled(sent, &n)) {
            let mut n = n;
            n.outlet = true;
            push_np(&mut a.chain, n);
        }
    }
    let mut e = k + 1;
    // `told WKRP's "Morning Harbour" that`: the outlet's programme, a quoted title after it.
    if let Some(after) = titled_work(sent, k).filter(|_| x.is(PhraseFlag::POSSESSIVE)) {
        e = after;
    }
    // "the club's channel, Harbour TV, that": a name in apposition to the hearer.
    if sent.is_punct(e, ",") && sent.ph(e + 1).is(PhraseFlag::PROPER) && sent.is_punct(e + 2, ",") {
        if np::is_outlet_noun(doc, x.head()) && a.chain.is_empty() {
            // The name, titled by the hearer's words ("the club's channel").
            let limit = sent.ph(e + 1).end as usize;
            let named = np::generic(doc, x.start as usize, x.end as usize)
                .map(|role| np::appositive_name(doc, role, limit))
                .filter(|n| n.kind == NpKind::Name);
            if let Some(mut n) = named.or_else(|| np::generic(doc, sent.tok(e + 1), limit)) {
                n.outlet = true;
                push_np(&mut a.chain, n);
            }
        }
        e += 3;
    }
    // "told the Gazette, which first reported the ruling, she …": a relative clause on the
    // hearer, set off by commas.
    if sent.is_punct(e, ",") && sent.ph(e + 1).kind == PhraseKind::Wh {
        if let Some(q) = (e + 2..sent.p1.min(e + 24)).find(|&q| sent.is_aside_mark(q)) {
            if sent.is_punct(q, ",") {
                return (q + 1, false);
            }
        }
    }
    read_places(sent, e)
}

/// The outlet owning the noun phrase at phrase `k`, if an outlet does ("the BBC's Today
/// programme", "KXT's").
fn outlet_owner<'a>(sent: &Sent<'_, 'a>, k: usize) -> Option<np::Np<'a>> {
    let x = sent.ph(k);
    np::parse_at(sent.doc, x.start as usize, x.end as usize)
        .into_iter()
        .filter(|n| n.possessive)
        .max_by_key(|n| n.end)
        .filter(|n| n.outlet)
}

/// The places after a hearer ending before phrase `e` ("at a hearing in Brussels"): the phrase
/// after them, and whether any was read.
fn read_places(sent: &Sent<'_, '_>, mut e: usize) -> (usize, bool) {
    let doc = sent.doc;
    let mut placed = false;
    // ("a crowd of about 300 people": an adverb before the preposition's object.)
    let adv = |p: usize| usize::from(sent.ph(p).kind == PhraseKind::Adv);
    while sent.ph(e).kind == PhraseKind::Prep
        && !sent.doc.is_func(sent.tok(e), FuncType::Complementizer)
        && sent.ph(e + 1 + adv(e + 1)).kind == PhraseKind::Np
    {
        e += 2 + adv(e + 1);
        placed = true;
        e = region_after(sent, e);
        // ("in an interview published Monday": a participle on the place's noun, and its time.)
        if sent.ph(e).kind == PhraseKind::Vg && sent.ph(e).is(PhraseFlag::PARTICIPLE) {
            e += 1;
            if crate::syntax::is_time_np(doc, e) {
                e += 1;
            }
        }
    }
    (e, placed)
}

/// Where a place ending before phrase `e` ends with its region after a comma ("in Bend,
/// Oregon, on Monday": the phrase after "Oregon" and its comma, when a preposition follows).
fn region_after(sent: &Sent<'_, '_>, e: usize) -> usize {
    let region = sent.is_punct(e, ",")
        && sent.ph(e + 1).kind == PhraseKind::Np
        && sent.ph(e + 1).is(PhraseFlag::PROPER)
        && sent
            .doc
            .has(sent.tok(e + 1), crate::grammar::TokClass::STARTS_PLACE);
    if !region {
        return e;
    }
    let after = e + 2;
    if sent.is_punct(after, ",") && sent.ph(after + 1).kind == PhraseKind::Prep {
        after + 1
    } else {
        after
    }
}

/// Whether the name `n` has an outlet noun among its title words ("the club's channel").
fn outlet_titled(sent: &Sent<'_, '_>, n: &crate::analysis::np::Np<'_>) -> bool {
    n.title()
        .is_some_and(|(t0, t1)| (t0..t1).any(|t| np::is_outlet_noun(sent.doc, t)))
}

/// Whether noun phrase `k` is an object pronoun ("him", "them").
fn is_object_pronoun(sent: &Sent<'_, '_>, k: usize) -> bool {
    sent.doc.is_func(sent.tok(k), FuncType::Object)
}

/// "As one analyst put it, "…"", "she put it bluntly: "…"" (`it=yes`): the quotation after
/// "it" and how, or the one before "as".
fn put_it<'a>(sent: &Sent<'_, 'a>, k: usize, a: &mut Attr<'a>) {
    let doc = sent.doc;
    if !doc.tok_eq_ci(sent.tok(k), "it") {
        return;
    }
    let mut e = k + 1;
    while e < k + 4 && matches!(sent.ph(e).kind, PhraseKind::Adv | PhraseKind::Adj) {
        e += 1;
    }
    let after = if sent.is_punct(e, ",") || sent.is_punct(e, ":") {
        e + 1
    } else {
        e
    };
    if sent.is_quote(after) {
        a.quotes.push(sent.tok(after));
        return;
    }
    let lo = sent.s.start;
    let mut l = a.left();
    if l > lo && doc.tok_eq_ci(l - 1, "as") {
        l -= 1;
    }
    if l > lo && doc.is_punct(l - 1, ",") {
        l -= 1;
    }
    if l > lo && doc.quote_of(l - 1).is_some() {
        a.quotes.push(l - 1);
    }
}

/// Reads the tail after the cue (prepositional phrases, adverbs, times, venues, with no verb):
/// returns the phrase after it, and sets the venue.
fn tail<'a>(sent: &Sent<'_, 'a>, k: usize, a: &mut Attr<'a>) -> usize {
    let doc = sent.doc;
    let mut e = k;
    loop {
        let x = sent.ph(e);
        if e >= sent.p1 {
            return e;
        }
        let t = x.start as usize;
        if let Some(after) = venue_tail(sent, t, a) {
            e = after;
            continue;
        }
        if let Some(after) = programme(sent, e, a) {
            e = after;
            continue;
        }
        // ("to constituents": "to" before a noun phrase is a preposition.)
        let prep_np = matches!(x.kind, PhraseKind::Prep | PhraseKind::To)
            && !is_complementizer(sent, e)
            && sent.ph(e + 1).kind == PhraseKind::Np
            && !opens_clause(sent, e + 1)
            && !at_least(sent, e + 1);
        if prep_np {
            e = region_after(sent, e + 2);
            // "on its website", "in a filing with regulators", "in remarks broadcast on …".
            while sent.ph(e).kind == PhraseKind::Prep
                && !is_complementizer(sent, e)
                && sent.ph(e + 1).kind == PhraseKind::Np
                && !opens_clause(sent, e + 1)
            {
                e = region_after(sent, e + 2);
            }
            continue;
        }
        if x.kind == PhraseKind::Adv || crate::syntax::is_time_np(doc, e) {
            e += 1;
            continue;
        }
        // "admitted under questioning he had …": a bare gerund as the preposition's object,
        // before the clause's subject and verb.
        let g = sent.ph(e + 1);
        let bare_gerund =
            g.kind == PhraseKind::Vg && g.is(PhraseFlag::GERUND) && g.end == g.start + 1;
        if x.kind == PhraseKind::Prep
            && bare_gerund
            && sent.ph(e + 2).kind == PhraseKind::Np
            && sent.is_finite(e + 3)
        {
            e += 2;
            continue;
        }
        // `said on the "Bola Quadrada" podcast`: a quoted title inside the tail's noun phrase.
        if x.kind == PhraseKind::Quote
            && e > k
            && sent.ph(e - 1).kind == PhraseKind::Np
            && sent.ph(e + 1).kind == PhraseKind::Np
            && !sent.is_punct(e - 1, ",")
        {
            e += 2;
            continue;
        }
        // "in a statement issued in Geneva", "in remarks broadcast on state television": a
        // participle on the tail's noun, with its prepositional phrases.
        if e > k
            && x.kind == PhraseKind::Vg
            && x.is(PhraseFlag::PARTICIPLE)
            && sent.ph(e - 1).kind == PhraseKind::Np
        {
            e += 1;
            while sent.ph(e).kind == PhraseKind::Prep && sent.ph(e + 1).kind == PhraseKind::Np {
                e += 2;
            }
            continue;
        }
        // "wrote in a memo to employees that was later posted": a relative clause on the
        // tail's noun is part of the tail.
        if x.kind == PhraseKind::Wh && e > k {
            if let Some(end) = relative_clause(sent, e) {
                e = end;
                continue;
            }
        }
        // "said as he left the depot", "posted shortly after the city released its report": an
        // adverbial clause is part of the tail.
        if let Some(end) = adverbial_clause(sent, e) {
            match that_inside(sent, e, end) {
                Some(that) => return that,
                None if adverbial_then_main(sent, e, end).is_some() => return e,
                None => e = end,
            }
            continue;
        }
        return e;
    }
}

/// `said on KXT's "Capitol Week"`, `on "Harbour Week Tonight"`: a programme's title after "on"
/// or "in" at phrase `p` of the verb's tail; the phrase after it. The outlet owning the
/// programme relays.
fn programme<'a>(sent: &Sent<'_, 'a>, p: usize, a: &mut Attr<'a>) -> Option<usize> {
    let t = sent.tok(p);
    let on = ["on", "in"].iter().any(|w| sent.doc.tok_eq_ci(t, w));
    if sent.ph(p).kind != PhraseKind::Prep || !on {
        return None;
    }
    let after = titled_work(sent, p + 1)?;
    if let Some(owner) = outlet_owner(sent, p + 1) {
        push_np(&mut a.chain, owner);
    }
    Some(after)
}

/// "said as she left the courthouse that …": inside the adverbial clause at phrases `[p,
/// end)` of the verb's tail, a "that" whose clause has its subject and verb, where the tail
/// ends (the verb's own clause).
fn that_inside(sent: &Sent<'_, '_>, p: usize, end: usize) -> Option<usize> {
    (p + 2..end).find(|&q| {
        sent.doc.tok_eq_ci(sent.tok(q), "that")
            && is_complementizer(sent, q)
            && sent.ph(q + 1).kind == PhraseKind::Np
            && clause_at(sent, q, q).is_some()
    })
}

/// The phrase after a quoted title of a work at phrase `p`, or after an owner's noun phrase
/// and the title ("KXT's "Capitol Week"", ""Harbour Week Tonight"").
fn titled_work(sent: &Sent<'_, '_>, p: usize) -> Option<usize> {
    let x = sent.ph(p);
    let owned = x.kind == PhraseKind::Np && np::is_possessive(sent.doc, x.end as usize - 1);
    let q = if owned { p + 1 } else { p };
    if !sent.is_quote(q) {
        return None;
    }
    super::quoted_title(sent.doc, sent.tok(q)).then_some(q + 1)
}

/// Whether a clause opened by "that" follows phrase `e`, after the tail (time, places).
fn that_follows<'a>(sent: &Sent<'_, 'a>, e: usize, a: &Attr<'a>) -> bool {
    let mut probe = Attr::new(a.cue(), a.kind, a.verb);
    let after = tail(sent, e, &mut probe);
    is_complementizer(sent, after) && clause_at(sent, after, e).is_some()
}

/// The end of the relative clause opening at phrase `p`.
fn relative_clause(sent: &Sent<'_, '_>, p: usize) -> Option<usize> {
    sent.clauses_of(&sent.doc.clause_index.opened, p)
        .find(|y| y.kind == ClauseKind::Relative)
        .map(|y| y.end as usize)
}

/// The end of the clause at phrase `p` on the noun right before it: a relative clause ("rules
/// that make it harder", "a deal which …") or the noun's "that" clause ("reports that …").
fn noun_clause(sent: &Sent<'_, '_>, p: usize) -> Option<usize> {
    let y = sent.ph(p);
    if p == 0 || !matches!(sent.ph(p - 1).kind, PhraseKind::Np | PhraseKind::Quote) {
        return None;
    }
    // ("a dinner at which …": a preposition before the relative word.)
    let w = if y.kind == PhraseKind::Prep && sent.ph(p + 1).kind == PhraseKind::Wh {
        p + 1
    } else {
        p
    };
    let that = y.kind == PhraseKind::Sconj && sent.doc.tok_eq_ci(y.start as usize, "that");
    // (A relative word: "who", "which"; not "when", "where", which open adverbials.)
    let relative = sent.ph(w).kind == PhraseKind::Wh
        && (np::is_relative(sent.doc, sent.tok(w)) || sent.doc.tok_eq_ci(sent.tok(w), "that"));
    if !relative && !that {
        return None;
    }
    let index = &sent.doc.clause_index.opened;
    sent.clauses_of(index, p)
        .chain(sent.clauses_of(index, w))
        .find(|c| matches!(c.kind, ClauseKind::Relative | ClauseKind::Complement))
        .filter(|c| c.verb.is_some() || (c.start..c.end).any(|q| sent.is_quote(q as usize)))
        .map(|c| c.end as usize)
}

/// The end of the adverbial clause opening at phrase `p` ("as he left", "after the city
/// released …"; not "that", "whether", "if").
fn adverbial_clause(sent: &Sent<'_, '_>, p: usize) -> Option<usize> {
    let x = sent.ph(p);
    // (A preposition opens one only when the lexicon has it as a connective: "after", "as".)
    let connective = sent.doc.is_func(x.start as usize, FuncType::Connective);
    let opener = x.kind == PhraseKind::Sconj || (x.kind == PhraseKind::Prep && connective);
    if !opener || is_complementizer(sent, p) {
        return None;
    }
    // The first in clause order of the clauses opened at `p` and those starting after it that
    // open here: the first of each list (both in clause order), the earlier of the two.
    let opens_here = |c: &u32| {
        let Some(y) = sent.clause(*c as usize) else {
            return false;
        };
        // (After "before", "while", "since", a gerund will do: "before announcing the sentence".)
        let adverbial = y.opener == Some(p as u32) && y.kind == ClauseKind::Adverbial;
        let opens = adverbial
            || (y.start as usize == p + 1
                && y.kind == ClauseKind::Complement
                && y.opener.is_none());
        let verb = y.verb.is_some() || adverbial && sent.ph(p + 1).kind == PhraseKind::Vg;
        (sent.clauses.0..sent.clauses.1).contains(&(*c as usize)) && opens && verb
    };
    let ix = &sent.doc.clause_index;
    let first = |list: &[u32]| list.iter().copied().find(|c| opens_here(c));
    let c = match (first(ix.opened.get(p)), first(ix.starting.get(p + 1))) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    sent.clause(c as usize).map(|y| y.end as usize)
}

/// Whether a clause opens at phrase `p` (its subject starts there: "said at least 11 drones
/// had been detected").
fn opens_clause(sent: &Sent<'_, '_>, p: usize) -> bool {
    sent.clauses_of(&sent.doc.clause_index.starting, p)
        .any(|x| x.kind == ClauseKind::Complement)
}

/// The venue phrase of the lexicon starting at token `t` ("in a statement", "in an interview
/// with", "through a spokesperson"): one past its last token, and its type (a venue naming
/// its hearer after it, or one whose own noun relays the words).
fn venue_at(sent: &Sent<'_, '_>, t: usize) -> Option<(usize, CueType)> {
    let doc = sent.doc;
    doc.tok_hits(t)
        .iter()
        .filter_map(|h| {
            let ct = doc.grammar.tag(h.pattern).iter().find_map(|x| match x {
                Tag::Cue(c @ (CueType::Venue | CueType::HearerVenue | CueType::RelayVenue)) => {
                    Some(*c)
                }
                _ => None,
            })?;
            Some((doc.token_ending_at(t, h.end)? + 1, ct))
        })
        .max_by_key(|&(end, _)| end)
}

/// "in a 64-page decision", "in its ruling": "in" at token `t` before a noun phrase whose head
/// is a document of the lexicon is a venue the lexicon does not list; where the phrase ends.
fn document_venue(sent: &Sent<'_, '_>, t: usize) -> Option<usize> {
    let doc = sent.doc;
    let p = sent.phrase_of(t);
    let np = sent.ph(p + 1);
    let head = (np.end as usize).checked_sub(1)?;
    let document = sent.ph(p).kind == PhraseKind::Prep
        && doc.tok_eq_ci(t, "in")
        && np.kind == PhraseKind::Np
        && doc.is_func(np.start as usize, FuncType::Determiner)
        && np::word_noun(doc, head, NounKind::Document).is_some();
    document.then_some(head + 1)
}

/// Whether phrase `p` is a complementizer ("that", "whether", "if").
fn is_complementizer(sent: &Sent<'_, '_>, p: usize) -> bool {
    let x = sent.ph(p);
    let w = sent.doc.tok_text(x.start as usize);
    (x.kind == PhraseKind::Sconj || x.kind == PhraseKind::Prep)
        && ["that", "whether", "if"]
            .iter()
            .any(|c| w.eq_ignore_ascii_case(c))
}

/// The reported clause opening at phrase `p`: a complement clause (with its opener, "that"
/// left out, "whether" kept), or a colon before one. Returns its phrases and clause.
fn clause_at(sent: &Sent<'_, '_>, p: usize, verb_end: usize) -> Option<(usize, usize, usize)> {
    let (c, mut from) = match sent.complement_at(p) {
        Some(c) => (c, sent.clause(c)?.start as usize),
        None => (gerund_clause(sent, p)?, p),
    };
    let x = sent.clause(c)?;
    let opener_is = |o: u32| {
        let w = sent.doc.tok_text(sent.tok(o as usize));
        w.eq_ignore_ascii_case("that") || w == ":"
    };
    if x.opener.is_some_and(opener_is) && x.start == x.opener.unwrap_or(u32::MAX) {
        from += 1;
    }
    if sent.is_punct(from, ",") {
        from += 1;
    }
    let _ = verb_end;
    // A clause needs a verb, or a quotation standing for one ("said it "was reviewing""); after
    // "that" any verb group will do (the tagger may read its verb as a gerund).
    let any_vg =
        x.opener.is_some() && (from..x.end as usize).any(|q| sent.ph(q).kind == PhraseKind::Vg);
    // (And a clause of three words or more after a complementizer "that", whose verb the
    // tagger read as a noun or an adverb: "estimated that imports cost/NN 40,000 jobs".)
    let that = x.opener.is_some_and(|o| {
        sent.ph(o as usize).kind == PhraseKind::Sconj
            && sent.doc.tok_eq_ci(sent.tok(o as usize), "that")
    }) && sent.words(from, x.end as usize) >= 3;
    let verb =
        x.verb.is_some() || any_vg || that || (from..x.end as usize).any(|q| sent.is_quote(q));
    (verb && (x.end as usize) > from).then_some((from, x.end as usize, c))
}

/// "warned both sides that …", "expressed optimism that …": whether the noun phrase at phrase
/// `k`, right before the verb's complement clause, is its hearer or the noun the clause
/// completes.
fn hearer_or_completed(sent: &Sent<'_, '_>, k: usize) -> bool {
    sent.ph(k).kind == PhraseKind::Np
        && clause_at(sent, k + 1, k).is_some()
        && !noun_cue_subject(sent, k)
}

/// Whether the noun phrase at phrase `k` is a noun cue whose "that" clause is followed at once
/// by a finite verb: the noun and its clause are the subject of that verb, the reported
/// clause's ("said his claim that the dam leaked is false"), not the verb's hearer or the noun
/// its clause completes.
fn noun_cue_subject(sent: &Sent<'_, '_>, k: usize) -> bool {
    let head = sent.ph(k).head();
    let cue = super::cue_phrase::cue_at(sent, head) == Some((CueType::Noun, head));
    let Some(x) = sent.complement_at(k + 1).and_then(|c| sent.clause(c)) else {
        return false;
    };
    let Some(v) = x.verb.map(|v| v as usize) else {
        return false;
    };
    cue && v + 1 < x.end as usize && sent.is_finite(v + 1)
}

/// "sued the state, claiming the quarantine violated her rights": a clause the builder opened at
/// the comma before a speech verb's "-ing" form, whose subject starts at phrase `p` right after
/// it and whose verb follows (the "-ing" form is no clause's verb).
fn gerund_clause(sent: &Sent<'_, '_>, p: usize) -> Option<usize> {
    let c = sent.clause_at(p)?;
    let x = sent.clause(c)?;
    let cue = p.checked_sub(1)?;
    let gerund = sent.ph(cue).kind == PhraseKind::Vg && !sent.ph(cue).is(PhraseFlag::FINITE);
    let opened_at_cue = x.start as usize == cue || x.start as usize + 1 == cue;
    let subject_here = x.subject.is_some_and(|s| s.start as usize == p);
    let verb_after = x.verb.is_some_and(|v| v as usize > p);
    (gerund && opened_at_cue && subject_here && verb_after).then_some(c)
}

/// "a letter that he said was drafted by the firm", "which Democrats say could be aiding
/// Hale": in a relative clause, a verb right after the cue whose subject is the relative word;
/// the claim is the rest of the relative clause (to a comma or its end). So too with no
/// relative word, where the cue's subject follows a noun ("a trend Ruiz said could last") or
/// "what" ("what he said were failures").
fn gapped<'a>(sent: &Sent<'_, 'a>, k: usize, a: &mut Attr<'a>) -> bool {
    let Some(c) = a.clause().and_then(|c| sent.clause(c)) else {
        return false;
    };
    let x = sent.ph(k);
    if x.kind != PhraseKind::Vg || !x.is(PhraseFlag::FINITE) {
        return false;
    }
    // (Not the main clause's verb: "A strategist who advises two campaigns said …".)
    let main_verb = sent
        .clause_of_verb(k)
        .and_then(|v| sent.clause(v))
        .is_some_and(|v| v.kind == ClauseKind::Main);
    if main_verb {
        return false;
    }
    let zero_relative = c.subject.is_some_and(|s| {
        let s = s.start as usize;
        s > sent.p0 && {
            let y = sent.ph(s - 1);
            (y.kind == PhraseKind::Np && !y.is(PhraseFlag::PRONOUN)) || y.kind == PhraseKind::Wh
        }
    });
    if c.kind != ClauseKind::Relative && !zero_relative {
        return false;
    }
    let mut e = k + 1;
    while e < (c.end as usize).min(sent.p1) && !sent.is_aside_mark(e) && !sent.is_final(e) {
        e += 1;
    }
    set_content(sent, a, k, e);
    a.content().is_some()
}

/// `said in a memo, seen by Reuters, that …`: up to three short asides, then "that".
fn that_after_asides(sent: &Sent<'_, '_>, p: usize) -> Option<(usize, usize, usize)> {
    let mut seg = p;
    // `said — on Twitter, as it happens — that …`
    if sent.is_aside_mark(seg) && !sent.is_punct(seg, ",") {
        let close = (seg + 1..sent.p1.min(seg + 16))
            .find(|&q| sent.is_aside_mark(q) && !sent.is_punct(q, ","))?;
        return (is_complementizer(sent, close + 1) && sent.ph(close + 2).kind != PhraseKind::Vg)
            .then(|| clause_at(sent, close + 1, p))
            .flatten();
    }
    for _ in 0..3 {
        if !sent.is_punct(seg, ",") {
            return None;
        }
        if is_complementizer(sent, seg + 1) {
            // (Not a relative "that" right before a verb: "a memo, first reported by X, that set
            // out the delays".)
            if sent.ph(seg + 2).kind == PhraseKind::Vg {
                return None;
            }
            return clause_at(sent, seg + 1, p);
        }
        let mut next = seg + 1;
        while next < sent.p1 && !sent.is_punct(next, ",") && next < seg + 8 {
            if sent.ph(next).kind == PhraseKind::Quote || sent.is_final(next) {
                return None;
            }
            next += 1;
        }
        seg = next;
    }
    None
}

/// Sets the content to phrases `[from, to)` (a leading time phrase left to the cue: "said on
/// Monday it would close").
pub fn set_content(sent: &Sent<'_, '_>, a: &mut Attr<'_>, from: usize, to: usize) {
    // "a statement saying she would not back it and insisting that …": a second speech
    // participle after "and", with a clause of its own, is a claim of its own.
    let to = (from..to)
        .find(|&q| {
            let x = sent.ph(q + 1);
            sent.ph(q).kind == PhraseKind::Cconj
                && x.kind == PhraseKind::Vg
                && x.is(PhraseFlag::GERUND)
                && sent
                    .doc
                    .word_tags(x.head())
                    .any(|t| matches!(t, Tag::Verb(v) if v.split))
                && (sent.ph(q + 2).kind == PhraseKind::Sconj || {
                    let (y, z) = (sent.ph(q + 2), sent.ph(q + 3));
                    y.kind == PhraseKind::Np && z.kind == PhraseKind::Vg && z.is(PhraseFlag::FINITE)
                })
        })
        .unwrap_or(to);
    let (s, e) = sent.span(from, to);
    if e > s {
        a.set_content(Some((s, e)));
    }
}

/// An object after the cue, with no clause: a quotation inside it is the speaker's words
/// (`called the offer "an insult"`, `promised a shuttle bus "before the doors close"`), a
/// demonstrative is words reported elsewhere (`said this`), anything else no claim.
fn object<'a>(sent: &Sent<'_, 'a>, k: usize, a: &mut Attr<'a>) {
    let doc = sent.doc;
    let t = sent.tok(k);
    let kind = a.verb.map(|v| v.kind);
    if pronoun_object(doc, t, a) {
        return;
    }
    let e = object_end(sent, k);
    if e == k {
        return;
    }
    // "said little about the cause", "said nothing when asked": a quantity standing alone.
    if doc.is_func(t, FuncType::Quantity) && sent.ph(k).end == sent.ph(k).start + 1 {
        return;
    }
    if act_content(sent, k, e, a) {
        return;
    }
    // "asked not to be named", "declined to comment": any other infinitive is no claim.
    let mut inf = k;
    while sent.ph(inf).kind == PhraseKind::Adv {
        inf += 1;
    }
    if sent.ph(inf).kind == PhraseKind::To {
        return;
    }
    let quotes: Vec<usize> = (k..e)
        .filter(|&q| sent.is_quote(q) && !sent.is_punct(q.wrapping_sub(1), ":"))
        .map(|q| sent.tok(q))
        .collect();
    // "described the push as nearly impossible to pull off", "call it a betrayal of voters":
    // with no quotation, the object and what it is called.
    // ('called the survey, which drew 410 replies, "a fig leaf"': an aside on the object, then
    // what it is called.)
    let naming = kind == Some(VerbKind::Naming) && quotes.is_empty();
    if let Some(q) = quote_after_aside(sent, e).filter(|_| naming) {
        a.quotes.push(sent.tok(q));
        return;
    }
    if naming && finding_object(sent, k, e, a) {
        return;
    }
    if !quotes.is_empty() && kind != Some(VerbKind::Speech) || kind == Some(VerbKind::Naming) {
        a.quotes.extend(quotes.into_iter().take(1));
        return;
    }
    let object_verb = a.verb.is_some_and(|v| v.object);
    if kind == Some(VerbKind::Speech) && quoted_verb(sent, k, e) {
        set_content(sent, a, k, e);
        return;
    }
    if !quotes.is_empty() && object_verb {
        a.quotes.extend(quotes);
        return;
    }
    if kind == Some(VerbKind::Speech) && !object_verb && expressed_to(sent, k, a) {
        return;
    }
    // "reiterated his commitment to sustain relations": the object of a speech verb that
    // takes no plain object is what was said, to the end of its clause.
    // (A noun phrase counts once more than its words: "the plan's cost" will do.)
    let mut words = (k..e)
        .filter(|&q| matches!(sent.ph(q).kind, PhraseKind::Np | PhraseKind::Quote))
        .count()
        + sent.words(k, e);
    if kind == Some(VerbKind::Finding) {
        words = sent.words(k, e);
    }
    // (What a person shows is no finding: "She showed the jury an email"; a description
    // with no head of the lexicon, "a state poll last month", is not known to be one.)
    let person = a.speaker.as_ref().is_some_and(|n| {
        (n.kind != NpKind::Role || n.head().is_some())
            && n.noun_kind() == crate::grammar::NounKind::Person
    });
    if kind == Some(VerbKind::Finding) && !person && finding_object(sent, k, e, a) {
        return;
    }
    // (What a person finds is no finding: "Ana Lee found a way to make it so"; "asked the
    // board for an audit": a request's object is who was asked, "for" what.)
    let says = (kind == Some(VerbKind::Speech) || kind == Some(VerbKind::Finding) && !person)
        && !(a.verb.is_some_and(|v| v.request) && sent.doc.tok_eq_ci(sent.tok(k + 1), "for"));
    // ("which Voss repeated to reporters a few hours later": a time is no object.)
    if says
        && !object_verb
        && words >= 4
        && opens_object(sent, k)
        && !crate::syntax::is_time_np(sent.doc, k)
        && !after_quote(sent, a)
    {
        said_object(sent, k, a);
        return;
    }
    // ('"…," prosecutors wrote in seeking a longer sentence': after a quotation, what follows
    // the verb is its tail, and the quotation what was said.)
    if after_quote(sent, a) && sent.ph(k).kind != PhraseKind::Np {
        return;
    }
    a.meta = kind == Some(VerbKind::Evaluative) || object_verb;
}

/// The object at phrase `k` of a speech verb that takes no plain object, what was said: to the
/// end of its clause ("reiterated his commitment to sustain relations").
fn said_object(sent: &Sent<'_, '_>, k: usize, a: &mut Attr<'_>) {
    let end = sent.clause_end(k);
    set_content(sent, a, k, end);
    if sent.ph(k).kind == PhraseKind::Np && !(k..end).any(|q| sent.is_finite(q)) {
        a.form = ContentForm::NounPhrase;
    }
}

/// A venue of the lexicon opening at token `t` in the verb's tail ("in a statement", "in an
/// interview with Radio X", where the outlet relays): set as `a`'s venue; the phrase after it.
fn venue_tail<'a>(sent: &Sent<'_, 'a>, t: usize, a: &mut Attr<'a>) -> Option<usize> {
    let doc = sent.doc;
    let lexicon = doc
        .has(t, crate::grammar::TokClass::STARTS_CUE)
        .then(|| venue_at(sent, t))
        .flatten();
    let (end, ct) = match lexicon {
        Some(v) => v,
        None => (document_venue(sent, t)?, CueType::Venue),
    };
    if a.venue().is_none() {
        a.set_venue(Some((t, end)));
    }
    let ep = sent.phrase_of(end - 1) + 1;
    // ("said through his lawyer that …": the lawyer relays.)
    if ct == CueType::RelayVenue {
        if let Some((n, _)) = np_forward(sent, ep - 1) {
            push_np(&mut a.chain, n);
        }
    }
    if ct == CueType::HearerVenue {
        if let Some((n, after)) = np_forward(sent, ep).filter(|(n, _)| n.outlet) {
            push_np(&mut a.chain, n);
            return Some(after);
        }
    }
    Some(ep)
}

/// Whether the noun phrase at phrase `p` opens with a superlative after its preposition, a
/// number's bound ("at least", "at most"): no tail of the verb, the subject of its clause
/// ("said at least two councillors who … had …").
fn at_least(sent: &Sent<'_, '_>, p: usize) -> bool {
    use crate::syntax::Tag;
    matches!(
        sent.doc.tag(sent.ph(p).start as usize),
        Tag::AdjJjs | Tag::AdvRbs
    )
}

/// Whether a noun phrase opens at phrase `k`, or a preposition before a number does ("said at
/// least two councillors who voted for it had …").
fn opens_object(sent: &Sent<'_, '_>, k: usize) -> bool {
    let x = sent.ph(k + 1);
    let numbered = (x.start..x.end).any(|t| sent.doc.tag(t as usize).is_num());
    sent.ph(k).kind == PhraseKind::Np
        || sent.ph(k).kind == PhraseKind::Prep && x.kind == PhraseKind::Np && numbered
}

/// Where the object opening at phrase `k` ends: at the next comma, the end, or a clause of
/// its own ("said yes and 38 percent said no"); within an object's reach, so that a sentence
/// of thousands of phrases is read in linear time.
fn object_end(sent: &Sent<'_, '_>, k: usize) -> usize {
    let next_clause = sent.next_main_clause(k).min(k + 64);
    let mut e = k;
    while e < next_clause.min(sent.p1)
        && !sent.is_aside_mark(e)
        && !sent.is_final(e)
        && !sent.is_punct(e, ";")
    {
        e += 1;
    }
    e
}

/// An object at token `t` that is no claim: a demonstrative is words reported elsewhere
/// (`said this`: marked `meta`), a reflexive nothing said ("found itself at the centre of …").
fn pronoun_object(doc: &crate::text::Doc<'_>, t: usize, a: &mut Attr<'_>) -> bool {
    if doc.is_func(t, FuncType::Demonstrative) && !doc.is_func(t, FuncType::Complementizer) {
        // ('tweeted this: "…"': the words follow it.)
        if doc.is_punct(t + 1, ":") && doc.quote_of(t + 2).is_some() {
            a.quotes.push(t + 2);
        } else {
            a.meta = true;
        }
        return true;
    }
    let w = doc.tok_text(t);
    doc.tag(t) == crate::syntax::Tag::PronPrp && (w.ends_with("self") || w.ends_with("selves"))
}

/// Whether a quotation closes right before the attribution's structure (`"…," Holt said 30
/// minutes into the debate`, `"…," she said in an interview with radio host Ann Marr`): the
/// quotation is what was said; a noun phrase after the verb is a tail.
fn after_quote(sent: &Sent<'_, '_>, a: &Attr<'_>) -> bool {
    let doc = sent.doc;
    let Some(q) = a.left().checked_sub(1) else {
        return false;
    };
    let q = if doc.is_punct(q, ",") {
        q.saturating_sub(1)
    } else {
        q
    };
    // (In this sentence: a quotation closing the sentence before is another's.)
    q >= sent.s.start && doc.quote_of(q).is_some()
}

/// The content of a speech act with no clause, the object at phrases `[k, e)`: a
/// to-infinitive after a verb marked `infinitive=yes` ("vowed to scrap the tax", "urged
/// residents to boil water", not "asked not to be named": a negated infinitive is no act's
/// content), or the noun phrase object of an evaluative verb ("denied the charges", "accused
/// the mayor of lying", "criticized the plan's cost").
fn act_content<'a>(sent: &Sent<'_, 'a>, k: usize, e: usize, a: &mut Attr<'a>) -> bool {
    let Some(v) = a.verb else {
        return false;
    };
    // "asked not to be named": an anonymity phrase of the lexicon is no content.
    if sent
        .doc
        .has(sent.tok(k), crate::grammar::TokClass::STARTS_ANON)
        || a.cue().1 > 0
            && sent
                .doc
                .has(a.cue().0, crate::grammar::TokClass::STARTS_ANON)
    {
        return false;
    }
    if v.infinitive {
        // The hearer of a request first: "urged residents to …".
        let mut to = k;
        if v.request || v.kind == VerbKind::Evaluative {
            while to < e && sent.ph(to).kind == PhraseKind::Np && to < k + 2 {
                to += 1;
            }
        }
        // "urged him not to back down": after a hearer, a negated request is one too.
        if to > k
            && sent.ph(to).kind == PhraseKind::Adv
            && sent.doc.is_func(sent.tok(to), FuncType::Negation)
        {
            to += 1;
        }
        if infinitive_at(sent, to) {
            let from = if to > k { k } else { to };
            return infinitive_content(sent, a, from, to);
        }
    }
    let object = sent.ph(k);
    if v.kind != VerbKind::Evaluative
        || object.kind != PhraseKind::Np
        || object.is(PhraseFlag::PRONOUN) && e == k + 1
    {
        return false;
    }
    // The noun phrase and its prepositional tails ("the mayor of lying", "the plan's cost").
    noun_content(sent, k, e, a)
}

/// The content after one of the verb's particles (`particle=` in verbs.txt) at phrase `k`:
/// a hearer and a to-infinitive ("called on the mayor to resign") or a noun phrase ("called
/// for an inquiry into the crash", "spoke about the cost of the bridge").
fn particle_content<'a>(sent: &Sent<'_, 'a>, k: usize, a: &mut Attr<'a>) -> bool {
    let Some(v) = a.verb else {
        return false;
    };
    let x = sent.ph(k);
    let w = sent.doc.tok_text(x.start as usize);
    let particle = matches!(
        x.kind,
        PhraseKind::Prep | PhraseKind::To | PhraseKind::Sconj
    ) && v.takes_particle(w);
    // ("spoke on the condition of anonymity": an anonymity phrase is no content.)
    if !particle
        || sent.ph(k + 1).kind != PhraseKind::Np
        || sent
            .doc
            .has(x.start as usize, crate::grammar::TokClass::STARTS_ANON)
    {
        return false;
    }
    let mut e = k + 1;
    while e < sent.p1 && !sent.is_aside_mark(e) && !sent.is_final(e) && !sent.is_punct(e, ";") {
        e += 1;
    }
    // The hearer and an infinitive after it ("on Gov. Rick Snyder (R) to resign").
    let mut to = k + 2;
    if sent.is_punct(to, "(") {
        while to < e && !sent.is_punct(to, ")") {
            to += 1;
        }
        to += 1;
    }
    if infinitive_at(sent, to) {
        return infinitive_content(sent, a, k + 1, to);
    }
    noun_content(sent, k + 1, e, a)
}

/// Sets the content from phrase `from` through the infinitive whose "to" is phrase `to`, to its
/// clause's end (not past the next main clause), as an infinitive's.
fn infinitive_content(sent: &Sent<'_, '_>, a: &mut Attr<'_>, from: usize, to: usize) -> bool {
    let end = sent.clause_end(to + 1);
    set_content(
        sent,
        a,
        from,
        end.min(sent.next_main_clause(to + 1)).max(to + 2),
    );
    a.form = ContentForm::Infinitive;
    a.content().is_some()
}

/// Whether phrase `p` is "to" and a verb group, or "to" and a quotation standing for one
/// ("urged ministers to ‘get round the table’").
fn infinitive_at(sent: &Sent<'_, '_>, p: usize) -> bool {
    sent.ph(p).kind == PhraseKind::To
        && (sent.ph(p + 1).kind == PhraseKind::Vg
            || sent.is_quote(p + 1) && quote_opens_with_verb(sent.doc, sent.tok(p + 1)))
}

/// The phrase after an apposition set off by commas on the noun phrase at phrase `k` (one or
/// two noun phrases), when a preposition follows it.
fn apposition_then_preposition(sent: &Sent<'_, '_>, k: usize) -> Option<usize> {
    if !sent.is_punct(k + 1, ",") {
        return None;
    }
    let close = (k + 3..k + 5).find(|&q| sent.is_punct(q, ","))?;
    let nouns = (k + 2..close).all(|q| sent.ph(q).kind == PhraseKind::Np);
    let prep = matches!(
        sent.ph(close + 1).kind,
        PhraseKind::Prep | PhraseKind::Sconj
    );
    (nouns && prep).then_some(close + 1)
}

/// The noun phrase object at phrases `[k, e)` with its prepositional tails, as the content,
/// when it has more than three words.
fn noun_content<'a>(sent: &Sent<'_, 'a>, k: usize, e: usize, a: &mut Attr<'a>) -> bool {
    let doc = sent.doc;
    let mut q = k + 1;
    // ("dismissed the report as a work of fiction": "as" right after the object names it;
    // what it is called in the speaker's words, 'as "a work of fiction"', is the quotation.)
    let named_as = doc.tok_eq_ci(sent.tok(k + 1), "as")
        && matches!(sent.ph(k + 2).kind, PhraseKind::Np | PhraseKind::Adj);
    let e = if named_as {
        q = k + 3;
        e.max(object_end(sent, q))
    } else if let Some(after) = apposition_then_preposition(sent, k) {
        // ("accused her rival, businessman Gil Castellan, of …": an apposition on the object,
        // then the object's tail.)
        q = after;
        e.max(object_end(sent, q))
    } else {
        e
    };
    while q < e {
        let y = sent.ph(q);
        let w = doc.tok_text(y.start as usize);
        let of = y.kind == PhraseKind::Sconj && w.eq_ignore_ascii_case("of");
        let gerund = y.kind == PhraseKind::Vg && !y.is(PhraseFlag::FINITE);
        // ("cited rising costs and a shortage of drivers": a second noun phrase joined to the
        // object, not the subject of a clause of its own.)
        let joined = y.kind == PhraseKind::Cconj
            && sent.ph(q + 1).kind == PhraseKind::Np
            && !matches!(sent.ph(q + 2).kind, PhraseKind::Vg | PhraseKind::Np);
        // ("denounced the council's plan to close two clinics": the noun's infinitive; not a
        // speech verb's, whose words are a claim of their own: "a hotline to explain …".)
        let infinitive = y.kind == PhraseKind::To
            && sent.ph(q + 1).kind == PhraseKind::Vg
            && !sent.ph(q + 1).is(PhraseFlag::FINITE)
            && super::speech_verb(sent, q + 1).is_none();
        // (Not an adjunct: "in her budget address in March", "after Whitmore Albion came …".)
        let adjunct = y.kind == PhraseKind::Prep
            && (doc.is_func(y.start as usize, FuncType::Connective)
                || ["in", "at", "during", "on"]
                    .iter()
                    .any(|p| w.eq_ignore_ascii_case(p))
                    && crate::syntax::is_time_np(doc, q + 1)
                || ["in", "at", "during"]
                    .iter()
                    .any(|p| w.eq_ignore_ascii_case(p))
                    && q + 1 < e);
        let kinds = matches!(
            y.kind,
            PhraseKind::Prep | PhraseKind::Np | PhraseKind::Quote | PhraseKind::Adj
        );
        if !(kinds || of || gerund || infinitive || joined)
            || adjunct
            || crate::syntax::is_time_np(doc, q)
        {
            // ("announced new rules that make it harder to …", "denied reports that …": a
            // clause on the object's noun is the object's.)
            match noun_clause(sent, q) {
                Some(end) => {
                    q = end;
                    continue;
                }
                None => break,
            }
        }
        q += 1;
    }
    // "spoke on the condition of anonymity": an anonymity phrase is no content.
    // (Not the "as" that names, which the lexicon has as a reason's: "as they were not …".)
    let (ta, tb) = sent.span(k, q);
    let as_at = named_as.then(|| sent.tok(k + 1));
    if (ta..tb).any(|t| Some(t) != as_at && doc.has(t, crate::grammar::TokClass::STARTS_ANON)) {
        return false;
    }
    // (Three words or fewer, "denied the charges", "praised the team", name the act rather
    // than report what was said.)
    let words: usize = (k..q)
        .map(|p| (sent.ph(p).end - sent.ph(p).start) as usize)
        .sum();
    if words <= 3 {
        return false;
    }
    set_content(sent, a, k, q);
    a.form = ContentForm::NounPhrase;
    a.content().is_some()
}

/// What a study or poll shows when no clause follows, or what a naming verb calls something:
/// its object and what is said of it, to the end of the object (`showed Hale taking a lead in
/// the race`, `show Ortiz with a narrow lead`, `showed a one-point gap between the two`,
/// `described the plan as unworkable`), when it has more than three words.
fn finding_object<'a>(sent: &Sent<'_, 'a>, k: usize, e: usize, a: &mut Attr<'a>) -> bool {
    let x = sent.ph(k);
    if x.kind != PhraseKind::Np || x.is(PhraseFlag::PRONOUN) && k + 1 == e {
        return false;
    }
    let mut q = k + 1;
    while q < e {
        let y = sent.ph(q);
        let small = match y.kind {
            PhraseKind::Np | PhraseKind::Prep | PhraseKind::Adv | PhraseKind::Adj => true,
            PhraseKind::Quote => true,
            PhraseKind::Vg => !y.is(PhraseFlag::FINITE),
            PhraseKind::Cconj => sent.ph(q + 1).kind == PhraseKind::Np,
            PhraseKind::To => sent.ph(q + 1).kind == PhraseKind::Vg,
            // ("deposits of less than $30 million": a currency sign.)
            PhraseKind::Other => sent.doc.tag(y.start as usize) == crate::syntax::Tag::SymDollar,
            _ => false,
        };
        // (A connective opens an adverbial clause, but for a naming verb "as" names:
        // "described the plan as unworkable".)
        let naming = a.verb.is_some_and(|v| v.kind == VerbKind::Naming) && q == k + 1;
        // ('as "a social evening" at which the two …': a relative clause on what it is called.)
        if let Some(end) = noun_clause(sent, q) {
            q = end;
            continue;
        }
        if !small || !naming && sent.doc.is_func(y.start as usize, FuncType::Connective) {
            break;
        }
        q += 1;
    }
    if sent.words(k, q) <= 3 {
        return false;
    }
    set_content(sent, a, k, q);
    a.form = ContentForm::NounPhrase;
    a.content().is_some()
}

/// "expressed to Japanese officials the importance of …": the words after the hearer.
fn expressed_to<'a>(sent: &Sent<'_, 'a>, k: usize, a: &mut Attr<'a>) -> bool {
    let doc = sent.doc;
    if !doc.tok_eq_ci(sent.tok(k), "to") || sent.ph(k + 1).kind != PhraseKind::Np {
        return false;
    }
    let obj = k + 2;
    if sent.ph(obj).kind != PhraseKind::Np || !sent.ph(obj).is(PhraseFlag::DETERMINED) {
        return false;
    }
    let end = sent.clause_end(obj);
    set_content(sent, a, obj, end);
    a.content().is_some()
}

/// "asked if he could ask a question", "asked whether they may leave": after the opener at
/// phrase `from`, a personal pronoun and a modal of permission: a request to act, not a
/// question reported as a claim.
fn permission(sent: &Sent<'_, '_>, from: usize) -> bool {
    let doc = sent.doc;
    let subject = sent.ph(from + 1);
    let verb = sent.ph(from + 2);
    let pronoun = subject.kind == PhraseKind::Np
        && subject.end == subject.start + 1
        && doc.tag(subject.start as usize) == crate::syntax::Tag::PronPrp;
    let modal = verb.kind == PhraseKind::Vg
        && np::is_func_flagged(doc, verb.start as usize, |f| f.permission);
    pronoun
        && modal
        && !doc
            .tok_text(subject.start as usize)
            .eq_ignore_ascii_case("it")
}

/// 'The addiction, he said, "explains the motive but not the cover-up."': a cue set off by
/// commas after a subject with no verb yet, before a quotation that goes on with the clause (it
/// opens in lower case): the claim is the whole sentence, the quotation a partial inside it.
/// Whether the quotation at phrase `q` is followed by a speech verb and its speaker in the same
/// sentence: '"…?" asked Dana Lee' (a lower-case verb), '"…," he said' (a quotation ending
/// with a comma).
fn cue_after_quote(sent: &Sent<'_, '_>, q: usize) -> bool {
    let speech = |p: usize| {
        sent.ph(p).is(PhraseFlag::FINITE)
            && super::speech_verb(sent, p).is_some_and(|v| v.kind == VerbKind::Speech)
    };
    let np = |p: usize| sent.ph(p).kind == PhraseKind::Np;
    let inverted = || speech(q + 1) && !sent.doc.is_cap(sent.tok(q + 1)) && np(q + 2);
    let postposed =
        || np(q + 1) && speech(q + 2) && crate::syntax::clause::quote_ends_with_comma(sent.doc, q);
    q + 2 < sent.p1 && (inverted() || postposed())
}

/// 'claims Pike "voted to sell the wells"': whether the object at phrases `[k, e)` is a noun
/// phrase, then a quotation going on in lower case as its verb (a reported clause with the
/// speaker's words in it).
fn quoted_verb(sent: &Sent<'_, '_>, k: usize, e: usize) -> bool {
    sent.ph(k).kind == PhraseKind::Np
        && !sent.ph(k).is(PhraseFlag::PRONOUN)
        && sent.is_quote(k + 1)
        && k + 1 < e
        && quote_opens_with_verb(sent.doc, sent.tok(k + 1))
}

/// Whether the quotation token `t` opens in lower case with no function word but an
/// auxiliary, a modal or a negation (`"voted to …"`, `"cannot be …"`, `"will …"`): words
/// that may go on as a verb, not an adverbial (`"before the doors close"`).
fn quote_opens_with_verb(doc: &crate::text::Doc<'_>, t: usize) -> bool {
    let Some(text) = doc.quote_words(t) else {
        return false;
    };
    let first = text
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    first.starts_with(char::is_lowercase)
        && doc.grammar.tags_of(first).iter().all(|g| match g {
            Tag::Func(f) => matches!(
                f.ty,
                FuncType::Auxiliary | FuncType::Modal | FuncType::Negation
            ),
            _ => true,
        })
}

/// `said "local crews" must lead the work`, `said "zero" riders came`: a quotation right
/// after the cue that is the subject (or its determiner) of a clause going on past it is
/// words inside a reported clause, which runs to that clause's end (returned). Not when the
/// quotation ends with its own comma or stop, nor before its own cue (`"…" said Lee`).
fn quote_opens_clause(sent: &Sent<'_, '_>, q: usize) -> Option<usize> {
    let doc = sent.doc;
    let closed = doc
        .quote_words(sent.tok(q))
        .is_some_and(|w| w.trim_end().ends_with([',', '.', '!', '?', ';', ':']));
    if closed || cue_after_quote(sent, q) {
        return None;
    }
    let np = |p: usize| sent.ph(p).kind == PhraseKind::Np;
    let v = if sent.is_finite(q + 1) {
        q + 1
    } else if np(q + 1) && sent.is_finite(q + 2) {
        q + 2
    } else {
        return None;
    };
    if super::speech_verb(sent, v).is_some() && np(v + 1) {
        return None;
    }
    // (A quotation standing as the subject may leave its verb in the cue's clause.)
    let c = sent.clause(sent.clause_of_verb(v).or_else(|| sent.clause_at(v))?)?;
    let mut end = (c.end as usize).min(sent.next_main_clause(v));
    while end > v + 1 && (sent.is_aside_mark(end - 1) || sent.is_final(end - 1)) {
        end -= 1;
    }
    (end > v).then_some(end)
}

fn continued_quote(sent: &Sent<'_, '_>, q: usize, a: &mut Attr<'_>) -> bool {
    let doc = sent.doc;
    let lower = doc.quote_continues(sent.tok(q));
    let Some(comma) = a.left().checked_sub(1) else {
        return false;
    };
    let interrupting =
        doc.is_punct(comma, ",") && comma > sent.s.start && sent.is_aside_mark(q - 1);
    let no_verb_before = sent.first_finite >= sent.phrase_of(comma);
    if !(lower && interrupting && no_verb_before) {
        return false;
    }
    let (s, e) = sent.span(sent.p0, sent.p1);
    a.set_content((e > s).then_some((s, e)));
    a.content().is_some()
}
