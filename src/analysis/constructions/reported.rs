//! A speech verb group with its subject: `X said (that) …`, `X told Y …`, `X asked whether …`,
//! `X said: "…"`; a relative `…, who said …`; a coordinated `… and added that …`; a
//! parenthetical `A, X said, B`; a postposed `…, X said.`, `"…," X said.`
//!
//! ```text
//! reported      = subject verb complement
//! relative      = np "," "who" verb complement
//! coordinated   = "and" verb complement                (the speaker of the clause before)
//! parenthetical = clause-start "," subject verb tail "," predicate
//! postposed     = clause "," subject verb tail "."      (the clause before is the claim)
//! ```

use super::complement::complement;
use super::speaker::subject_speaker;
use super::{Attr, CueKind, Inherit, Sent};
use crate::analysis::np;
use crate::grammar::{CueType, NounKind, Tag, Verb, VerbKind};
use crate::syntax::{ClauseKind, PhraseKind};

/// The attribution of the speech verb group at phrase `p` with its subject, if it has one.
pub fn at<'a>(sent: &Sent<'_, 'a>, p: usize, v: &'a Verb, out: &[Attr<'a>]) -> Option<Attr<'a>> {
    let head = sent.ph(p).head();
    let mut a = Attr::new((head, head + 1), CueKind::Verb, Some(v));
    let c = sent.clause_of_verb(p);
    a.set_clause(c);
    let clause = c.and_then(|c| sent.clause(c));
    if let Some(subj) = clause.and_then(|x| x.subject) {
        let sp = subject_speaker(sent, subj);
        let (n, apps, left) = sp?;
        if matches!(n.noun_kind(), NounKind::Venue | NounKind::Work) {
            return None;
        }
        // ("The sign on the gate read: …", "she read from a letter: …": only a document's
        // words are its author's; the rest are nobody's here, and the cue is spent.)
        if v.document && n.noun_kind() != NounKind::Document {
            a.meta = true;
            a.set_left(left);
            return Some(a);
        }
        a.speaker = Some(n);
        a.appositives = apps.into();
        a.set_left(left);
    } else if let Some(x) = clause.filter(|x| x.kind == ClauseKind::Relative) {
        let (n, apps, left) = relative_speaker(sent, x)?;
        a.speaker = Some(n);
        a.appositives = apps.into();
        a.set_left(left);
        complement(sent, p + 1, &mut a);
        return a.claims().then_some(a);
    } else if let Some(from) = coordinated(sent, p, clause.map(|x| x.kind)) {
        joined_speaker(sent, clause, out, &mut a);
        a.set_left(from);
    } else if lead_in(sent, p) {
        let parent = clause
            .and_then(|x| x.parent)
            .and_then(|c| sent.clause(c as usize));
        let (n, apps, left) = subject_speaker(sent, parent.and_then(|x| x.subject)?)?;
        a.speaker = Some(n);
        a.appositives = apps.into();
        a.set_left(left);
    } else {
        return None;
    }
    complement(sent, p + 1, &mut a);
    if !a.claims() && !a.meta && a.inherit.is_none() {
        if as_reported(sent, clause, &mut a) || parenthetical(sent, p, &mut a) {
            return Some(a);
        }
        // ("…, he talked about how …": a particle after the verb puts its content after it.)
        let next = sent.doc.tok_text(head + 1);
        if !v.takes_particle(next) {
            left_side(sent, &mut a);
        }
    }
    if v.kind == VerbKind::Manner && !that_clause(sent, head, &a) {
        a.set_content(None);
    }
    // `"A," she said, "B."`: the quotation before the cue is the same speaker's.
    if !a.quotes.is_empty() && a.content().is_none() {
        quote_before(sent, &mut a);
        clause_before(sent, &mut a);
    }
    // ("…, and the party responded:", "She put it this way:": the words come after the colon
    // that closes the sentence, in the next paragraph.)
    // (Its object is no claim then: "explains its aims this way:".)
    let object = a.quotes.is_empty() && a.form == super::ContentForm::NounPhrase;
    if (!a.claims() || object) && a.speaker.is_some() && announces_at_colon(sent, p) {
        a.set_content(None);
        a.meta = true;
    }
    (a.claims() || a.meta).then_some(a)
}

/// Whether attribution `a`, of the verb at token `head`, reports a clause opened by "that"
/// right after the verb: what a verb of manner says that way is reported speech too ("shouted
/// that the gate was shut"), where its other complements are not ("shouted at the crowd").
fn that_clause(sent: &Sent<'_, '_>, head: usize, a: &Attr<'_>) -> bool {
    let doc = sent.doc;
    a.form == super::ContentForm::Clause
        && a.content().is_some_and(|(start, _)| {
            start == head + 2 && doc.tok_eq_ci(head + 1, "that") && doc.tag(head + 1).is_sconj()
        })
}

/// Whether the verb group at phrase `p` is the last verb of its sentence, which a colon
/// closes.
fn announces_at_colon(sent: &Sent<'_, '_>, p: usize) -> bool {
    const REACH: usize = 12;
    let last = sent.p1.saturating_sub(1);
    last > p
        && last - p <= REACH
        && sent.is_punct(last, ":")
        && (p + 1..last).all(|q| sent.ph(q).kind != PhraseKind::Vg)
}

/// The speaker of a relative clause `x` with no subject of its own: the noun phrase it hangs
/// on ("…, the regulator, which said it had opened an inquiry"), with its appositives and where
/// its structure starts.
fn relative_speaker<'a>(
    sent: &Sent<'_, 'a>,
    x: crate::syntax::Clause,
) -> Option<(np::Np<'a>, Vec<np::Np<'a>>, usize)> {
    // "…, the regulator, which said it had opened an inquiry": the noun phrase before.
    let o = x.opener? as usize;
    let mut q = o.checked_sub(1)?;
    if sent.is_punct(q, ",") {
        q = q.checked_sub(1)?;
    }
    let mut np_start = np_group_start(sent, q);
    let who = sent.doc.tag(sent.tok(o)) == crate::syntax::Tag::PronWp;
    // ("the home of Ellis Quarshie, a nurse, who said …": an apposition on a name before it;
    // the name with its apposition.)
    let named_before = q >= sent.p0 + 2
        && sent.is_punct(q - 1, ",")
        && sent.ph(q - 2).is(crate::syntax::PhraseFlag::PROPER)
        && !sent.ph(q).is(crate::syntax::PhraseFlag::PROPER);
    if who && named_before && np_start == q {
        np_start = q - 2;
    }
    // ("a clash with Gov. Dana Pruitt, who has said …": "who" is a person's, the name in
    // the tail when the phrase it hangs on names no person.)
    // (So is "which" an organisation's: "drafted with help from the Harbor Trust, which
    // said …".)
    let which = sent.doc.tok_eq_ci(sent.tok(o), "which");
    if (who || which) && np_start < q && sent.ph(q).is(crate::syntax::PhraseFlag::PROPER) {
        let doc = sent.doc;
        let first = sent.ph(np_start);
        let head = first.head();
        let org = |t: usize| {
            [NounKind::Org, NounKind::Document]
                .into_iter()
                .any(|k| np::word_noun(doc, t, k).is_some())
        };
        let speaker = first.is(crate::syntax::PhraseFlag::PROPER)
            || doc.has(head, crate::grammar::TokClass::TITLE)
            || np::is_occupation(doc, head)
            || which && org(head);
        if !speaker {
            np_start = q;
        }
    }
    subject_speaker(
        sent,
        crate::syntax::Subject {
            start: np_start as u32,
            end: (q + 1) as u32,
            core_end: (q + 1) as u32,
            head: np_start as u32,
        },
    )
}

/// Where the noun phrase group ending at phrase `q` starts (a noun phrase and its prepositional
/// tails: "the regulator", "the Bank of Ostmark"). Not across an agent's "by" or a "to"
/// ("sentenced to four years by a judge, who said": the judge).
fn np_group_start(sent: &Sent<'_, '_>, q: usize) -> usize {
    let doc = sent.doc;
    // (A document's author is its tail: "a report by MPs that …".)
    let stops = |s: usize| {
        let document = np::word_noun(doc, sent.ph(s - 2).head(), NounKind::Document).is_some();
        doc.tok_eq_ci(sent.tok(s - 1), "to") || doc.tok_eq_ci(sent.tok(s - 1), "by") && !document
    };
    let mut s = q;
    while s >= sent.p0 + 2
        && sent.ph(s - 1).kind == PhraseKind::Prep
        && sent.ph(s - 2).kind == PhraseKind::Np
        && !stops(s)
    {
        s -= 2;
    }
    s
}

/// The speaker of a verb joined to an earlier one by a conjunction (`clause`, its clause): the
/// attribution before it in the sentence, or the one of the clause it is joined to after a
/// finding, or the subject of an adverbial clause it is joined inside.
fn joined_speaker<'a>(
    sent: &Sent<'_, 'a>,
    clause: Option<crate::syntax::Clause>,
    out: &[Attr<'a>],
    a: &mut Attr<'a>,
) {
    // (After a finding, the speaker of the clause it is joined to: "X said polling showed
    // Y and dismissed Z" is X's act, not the polling's; "X said M asked … and remarked …"
    // is M's.)
    let earlier = Inherit::from_earlier(out);
    let finding = |k: usize| {
        out.get(k)
            .and_then(|b| b.verb)
            .is_some_and(|v| v.kind == VerbKind::Finding)
    };
    let parent = clause.and_then(|x| x.parent).map(|c| c as usize);
    let joined = parent
        .filter(|_| matches!(earlier, Inherit::Attr(k) if finding(k as usize)))
        .and_then(|c| {
            out.iter().rposition(|b| {
                b.clause() == Some(c) && (b.speaker.is_some() || b.inherit.is_some())
            })
        });
    a.inherit = Some(joined.map_or(earlier, |k| Inherit::Attr(super::tok32(k))));
    // ("Shares fell after the company cut its forecast and said …": joined to an
    // adverbial clause, the speaker is its subject.)
    // (And joined to a relative clause, the noun it is on: "a setback for Marsh, who made … and
    // has said that …".)
    let parent = clause
        .and_then(|x| x.parent)
        .and_then(|c| sent.clause(c as usize));
    // (With no clause of its own, the clause of the finite verb before it.)
    let p = sent.phrase_of(a.cue().0);
    let before = (sent.p0..p.saturating_sub(1))
        .rev()
        .find(|&q| sent.is_finite(q))
        .and_then(|q| sent.clause_of_verb(q))
        .and_then(|c| sent.clause(c));
    let joined_to = if clause.is_some() { parent } else { before };
    if let Some(x) = joined_to.filter(|x| x.kind == ClauseKind::Relative) {
        if let Some((n, apps, _)) = relative_speaker(sent, x) {
            a.speaker = Some(n);
            a.appositives = apps.into();
            a.inherit = None;
        }
    }
    let adverbial = parent.filter(|x| x.kind == ClauseKind::Adverbial);
    if let Some(subject) = adverbial.and_then(|x| x.subject) {
        if let Some((n, apps, _)) = subject_speaker(sent, subject) {
            a.speaker = Some(n);
            a.appositives = apps.into();
            a.inherit = None;
        }
    }
}

/// "conceded that … but insisted …", "praised the team and said …", "offered him a job, then
/// says …": a verb group right after "and" or "but", or ", then" (the same speaker as the
/// clause it joins). Returns where its structure starts.
fn coordinated(sent: &Sent<'_, '_>, p: usize, kind: Option<ClauseKind>) -> Option<usize> {
    let prev = p.checked_sub(1)?;
    // (", then says he …": "then" after a comma joins the verb as "and" does.)
    let then = sent.is_punct(prev, ",")
        && sent
            .doc
            .tok_text(sent.ph(p).start as usize)
            .eq_ignore_ascii_case("then");
    let conj = then
        || sent.ph(prev).kind == PhraseKind::Cconj && np::is_coordinator(sent.doc, sent.tok(prev));
    (conj && matches!(kind, Some(ClauseKind::Coordinate) | None)).then(|| sent.tok(prev))
}

/// Whether the infinitive verb group at phrase `p` follows a lead-in phrase ("went on to say",
/// "was quick to say": `type=lead-in` in cue-phrases.txt).
pub fn lead_in(sent: &Sent<'_, '_>, p: usize) -> bool {
    let doc = sent.doc;
    let Some(to) = sent.tok(p).checked_sub(1) else {
        return false;
    };
    let end = doc.tokens.get(to).map_or(0, |t| t.span().end);
    (to.saturating_sub(4)..=to).any(|a| {
        doc.has(a, crate::grammar::TokClass::STARTS_CUE)
            && doc.tok_hits(a).iter().any(|h| {
                h.end == end
                    && doc
                        .grammar
                        .tag(h.pattern)
                        .iter()
                        .any(|x| matches!(x, Tag::Cue(CueType::LeadIn)))
            })
    })
}

/// `The new bridge, officials said, would cost …`, `After that, she said, the children …`,
/// `Her grandfather seeded the beds, she recalled, with spat he bought …`: a cue set off by
/// commas inside its claim. The claim is the whole sentence, or, after an opening adverbial,
/// the clause after the cue.
fn parenthetical(sent: &Sent<'_, '_>, p: usize, a: &mut Attr<'_>) -> bool {
    let doc = sent.doc;
    let lo = sent.s.start;
    let left = a.left();
    if left < lo + 2 || !doc.is_punct(left - 1, ",") {
        return false;
    }
    // After the cue and its tail, a comma, then the rest of the claim.
    let mut c = p + 1;
    while c < sent.p1 && !sent.is_aside_mark(c) && !sent.is_final(c) {
        if matches!(
            sent.ph(c).kind,
            PhraseKind::Vg | PhraseKind::Sconj | PhraseKind::Quote
        ) {
            return false;
        }
        c += 1;
    }
    if !sent.is_punct(c, ",") || sent.is_final(c + 1) {
        return false;
    }
    let before = sent.phrase_of(left - 1);
    let clause_before = sent.first_finite < before;
    let quote_before = sent.first_quote < before;
    if quote_before {
        return false;
    }
    let mut r = c + 1;
    while sent.ph(r).kind == PhraseKind::Adv {
        r += 1;
    }
    let predicate = sent.is_finite(r);
    // (A pronoun with its verb contracted holds one: "But, he added, it's not the way".)
    let clause_after = (r..sent.p1.min(r + 48))
        .any(|q| sent.is_finite(q) || contracted_verb(doc, sent.ph(q).start as usize));
    // (After a whole clause, only a phrase that goes on with it: not the speaker's participle,
    // "…, an official said, speaking on condition of anonymity", nor a clause of its own, "…,
    // planners warned, as the population rises".)
    let rest = sent.ph(r);
    let goes_on = !matches!(
        rest.kind,
        PhraseKind::Vg | PhraseKind::Sconj | PhraseKind::Wh
    ) && !sent
        .doc
        .is_func(rest.start as usize, crate::grammar::FuncType::Connective);
    let whole = clause_before && (predicate || goes_on);
    // (A prepositional opener may run long: "But without the ability to take part in more
    // traditional events, she said, she …".)
    let first = sent.ph(sent.p0).kind;
    let prepositional = first == PhraseKind::Prep
        || first == PhraseKind::Cconj && sent.ph(sent.p0 + 1).kind == PhraseKind::Prep;
    let reach = if prepositional { 16 } else { 4 };
    let opener = !clause_before
        && before <= sent.p0 + reach
        && matches!(
            sent.ph(sent.p0).kind,
            PhraseKind::Adv
                | PhraseKind::Prep
                | PhraseKind::Sconj
                | PhraseKind::Np
                | PhraseKind::Cconj
                | PhraseKind::Wh
        );
    let (_, end) = sent.span(sent.p0, sent.p1);
    if predicate && !clause_before || whole {
        a.set_content(Some((lo, end)));
    } else if opener && clause_after {
        a.set_content(Some((sent.tok(c + 1), end)));
    } else {
        return false;
    }
    true
}

/// Whether token `t` is a pronoun with a verb contracted onto it ("it's", "they're", "we'll").
fn contracted_verb(doc: &crate::text::Doc<'_>, t: usize) -> bool {
    let pronoun = matches!(
        doc.tag(t),
        crate::syntax::Tag::PronPrp | crate::syntax::Tag::PronEx | crate::syntax::Tag::PronDt
    );
    pronoun && doc.contracted_host(t).is_some()
}

/// "As POLITICO has reported, cases that …", "…, as the minister said.": a speech verb in
/// an "as" clause with nothing after it attributes the clause the "as" clause is set off from.
fn as_reported(
    sent: &Sent<'_, '_>,
    clause: Option<crate::syntax::Clause>,
    a: &mut Attr<'_>,
) -> bool {
    let Some(c) = clause.filter(|c| c.kind == ClauseKind::Adverbial) else {
        return false;
    };
    let Some(o) = c.opener.map(|o| o as usize) else {
        return false;
    };
    let w = sent.doc.tok_text(sent.tok(o));
    if !(w.eq_ignore_ascii_case("as") || w.eq_ignore_ascii_case("like")) {
        return false;
    }
    // ("As he spoke, protesters chanted", "As long as he continues …": a verb that reports no
    // proposition, a manner verb or one whose topic follows "about" ("spoke about"), makes the
    // "as" clause a time; "As she pointed out, …" is a report.)
    let activity = |v: &Verb| v.kind == VerbKind::Manner || v.takes_particle("about");
    if a.verb.is_some_and(activity) {
        return false;
    }
    let end = c.end as usize;
    // (Or a new clause after ", and": "…, and as Kemp noted, people involved could …".)
    let after_and =
        o >= sent.p0 + 2 && sent.ph(o - 1).kind == PhraseKind::Cconj && sent.is_punct(o - 2, ",");
    // (Adverbs, conjunctions, times and prepositional phrases may come first, and a noun phrase
    // before an adverb: "Just a few weeks ago, as the site reported, …".)
    let before_opening = after_and
        || (sent.p0..o).all(|q| {
            matches!(
                sent.ph(q).kind,
                PhraseKind::Adv | PhraseKind::Cconj | PhraseKind::Punct | PhraseKind::Prep
            ) || crate::syntax::clause::is_time_np(sent.doc, q)
                || q > sent.p0 && sent.ph(q - 1).kind == PhraseKind::Prep
                || sent.ph(q).kind == PhraseKind::Np && sent.ph(q + 1).kind == PhraseKind::Adv
        });
    // ("Yet, as Bowen observed, the first weeks decide everything": the clause may run on
    // past the comma closing the "as" clause; its report is what follows that comma.)
    let cue = sent.phrase_of(a.cue().0);
    let comma = (cue + 1..end.min(cue + 6))
        .find(|&q| sent.is_punct(q, ","))
        .filter(|&q| (q + 1..end).any(|v| sent.is_finite(v)));
    let (lo, hi) = if before_opening && sent.is_punct(end, ",") {
        sent.span(end + 1, sent.p1)
    } else if let Some(q) = comma.filter(|_| before_opening) {
        sent.span(q + 1, sent.p1)
    } else if o > sent.p0 && sent.is_punct(o - 1, ",") && sent.is_final(end) {
        sent.span(sent.p0, o - 1)
    } else if interrupts_subject(sent, o, end)
        && !a.verb.is_some_and(|v| v.kind == VerbKind::Naming)
    {
        sent.span(sent.p0, sent.p1)
    } else {
        return false;
    };
    if hi > lo {
        a.set_content(Some((lo, hi)));
    }
    a.content().is_some()
}

/// "The bakery, as the Courier reported, has doubled its staff": an "as" clause (opener `o`,
/// ending before phrase `end`) set off by commas between a subject that opens the sentence, with
/// no verb, and its predicate. The claim is the interrupted clause, as a cue between commas
/// leaves it ([`parenthetical`]); not for a naming verb, whose clause names the subject ("The
/// White House of Halvik, as locals call the residence, …").
fn interrupts_subject(sent: &Sent<'_, '_>, o: usize, end: usize) -> bool {
    let commas = o > sent.p0 + 1 && sent.is_punct(o - 1, ",") && sent.is_punct(end, ",");
    let subject = sent.ph(sent.p0).kind == PhraseKind::Np
        && !(sent.p0..o).any(|q| sent.is_finite(q) || sent.ph(q).kind == PhraseKind::Quote);
    let mut r = end + 1;
    while sent.ph(r).kind == PhraseKind::Adv {
        r += 1;
    }
    commas && subject && sent.is_finite(r)
}

/// The clause to the left of a postposed cue: `…, the minister remarked.`, `"…," he said.`
pub fn left_side(sent: &Sent<'_, '_>, a: &mut Attr<'_>) {
    let doc = sent.doc;
    let lo = sent.s.start;
    let mut e = a.left();
    if e > lo && !a.inverted && (doc.is_punct(e - 1, ",") || is_dash(doc, e - 1)) {
        e -= 1;
    }
    let quote = if a.inverted && doc.quote_of(e).is_some() {
        Some(e)
    } else if e > lo && doc.quote_of(e - 1).is_some() {
        Some(e - 1)
    } else if doc.quote_of(e).is_some() {
        Some(e)
    } else {
        None
    };
    if let Some(q) = quote {
        // `The findings "add to the evidence," the team wrote`: a quote continuing words of the
        // clause is part of a reported claim; one that opens it is direct.
        let lower = doc.quote_continues(q);
        if q > lo && (doc.is_word(q - 1) || (lower && doc.is_punct(q - 1, ",") && doc.is_word(lo)))
        {
            a.set_content(Some((lo, q + 1)));
        } else {
            a.quotes.push(q);
        }
        return;
    }
    let pe = sent.phrase_of(e.max(lo + 1) - 1) + 1;
    // "According to a police report, officers found …": that clause has its own source (an
    // opening cue phrase; not a participle of its own clause: "…, citing the age of …").
    let sourced = (lo..(lo + 2).min(e)).any(|t| {
        doc.has(t, crate::grammar::TokClass::STARTS_CUE)
            && doc.tok_hits(t).iter().any(|h| {
                doc.grammar
                    .tag(h.pattern)
                    .iter()
                    .any(|x| matches!(x, Tag::Cue(CueType::According | CueType::Citing)))
            })
    });
    // "In his speech, Mr. Ortiz promised …": an adverbial with no verb is no claim.
    let first = sent.ph(sent.p0);
    let adverbial = (matches!(first.kind, PhraseKind::Prep | PhraseKind::Adv)
        || crate::syntax::is_time_np(doc, sent.p0))
        && sent.first_verb >= pe;
    if e >= lo + 3
        && (doc.is_punct(e, ",") || is_dash(doc, e) || a.inverted)
        && !sourced
        && !adverbial
    {
        let (s0, s1) = sent.span(sent.p0, pe);
        if s1 > s0 {
            a.set_content(Some((s0, s1.min(e))));
        }
    }
}

fn is_dash(doc: &crate::text::Doc<'_>, t: usize) -> bool {
    doc.is_dash(t)
}

/// 'The streets were deserted, he added, "but people need to talk."': a clause of the
/// speaker's before the cue's structure, set off by a comma, with a quotation after it: the
/// clause is reported speech of its own (no quotation, no attribution verb in it).
fn clause_before(sent: &Sent<'_, '_>, a: &mut Attr<'_>) {
    let doc = sent.doc;
    // (From the speaker's phrase: an adverbial clause before it may open the cue's structure.)
    let lo = sent.s.start;
    let before = a.speaker.as_ref().map_or(a.left(), |n| n.start);
    let after = a.quotes.iter().all(|&q| q >= a.cue().1);
    if a.inherit.is_some() || !after || before < lo + 3 || !doc.is_punct(before - 1, ",") {
        return;
    }
    // (Not a time or circumstance of the telling, "As the briefing ended, she said, …", nor
    // a clause a colon after the cue looks past: 'X is late, Lee said: "…"'.)
    let opener = doc.is_func(lo, crate::grammar::FuncType::Connective)
        || doc.tag(lo).is_sconj()
        || doc.tag(lo) == crate::syntax::Tag::AdvWrb;
    let clause = !opener
        && !doc.is_punct(a.cue().1, ":")
        && (lo..before - 1).any(|t| doc.tag(t).is_finite())
        && (lo..before - 1).all(|t| {
            // (One clause: no comma or semicolon in it, which narration strings together.)
            let cue = doc.tag(t).is_verb() && doc.has(t, crate::grammar::TokClass::VERB);
            let mark = doc.is_punct(t, ",") || doc.is_punct(t, ";");
            doc.quote_of(t).is_none() && !cue && !mark
        });
    if clause {
        a.set_content(Some((lo, before - 1)));
        a.form = super::ContentForm::Clause;
    }
}

/// `"A," she said, "B."`: adds the quotation before the cue's structure.
fn quote_before(sent: &Sent<'_, '_>, a: &mut Attr<'_>) {
    let doc = sent.doc;
    let lo = sent.s.start;
    let before = a.left();
    // (Not a coordinated verb's: 'said the bill "spends too much" and accused …' leaves the
    // quotation to the first verb's clause.)
    if matches!(a.inherit, Some(Inherit::Attr(_))) {
        return;
    }
    // ('"We are not going anywhere." Mr. Okonjo said: "The board …"': a cue opening its words
    // with a colon points forward; a whole sentence quoted before it is someone else's.)
    let forward = doc.is_punct(a.cue().1, ":");
    let whole = |q: usize| {
        doc.quote_of(q)
            .and_then(|i| doc.quotes.get(i))
            .is_some_and(|x| {
                x.content()
                    .of(doc.text)
                    .trim_end()
                    .ends_with(['.', '!', '?'])
            })
    };
    if forward && before > lo && whole(before - 1) {
        return;
    }
    if before > lo && doc.quote_of(before - 1).is_some() {
        a.quotes.insert(0, before - 1);
    } else if doc.quote_of(before).is_some() && a.inverted {
        a.quotes.insert(0, before);
    } else if before > lo + 1 && doc.is_punct(before - 1, ",") && doc.quote_of(before - 2).is_some()
    {
        a.quotes.insert(0, before - 2);
    }
}
