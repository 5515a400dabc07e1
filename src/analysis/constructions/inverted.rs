//! The speaker after the verb: `"…," said Anita Kowalski`, `…, said Ina Falk, an analyst at
//! Norrmark Bank.`, `"A," said X, "B."`
//!
//! ```text
//! inverted = (quote | clause ("," | "—")) verb speaker ("," role ",")? tail ("." | "," quote)
//! ```

use super::reported::left_side;
use super::speaker::np_forward;
use super::{push_np, Attr, CueKind, Sent};
use crate::analysis::np::NpKind;
use crate::grammar::{NounKind, Verb, VerbKind};
use crate::syntax::{ClauseKind, PhraseKind};

/// How many phrases of a claim before the cue are searched for its verb (when the claim does
/// not open the sentence).
const REACH: usize = 48;

/// The inverted attribution of the speech verb group at phrase `p`.
pub fn at<'a>(sent: &Sent<'_, 'a>, p: usize, v: &'a Verb) -> Option<Attr<'a>> {
    if p == sent.p0 {
        return fronted(sent, p, v);
    }
    let prev = p.checked_sub(1).filter(|&q| q >= sent.p0)?;
    // (A hearer verb's noun phrase is who heard: "Lee, who voted for it, told the Gazette,
    // which first reported …, she …" inverts nothing.)
    if !after_words(sent, prev) || v.kind == VerbKind::Naming || v.hearer {
        return None;
    }
    // "…, said the company could keep …": a clause follows, not a speaker.
    let starting = &sent.doc.clause_index.starting;
    let clause_next = sent
        .clauses_of(starting, p + 1)
        .any(|x| x.kind == ClauseKind::Complement);
    if clause_next && !subject_then_comma(sent, prev) {
        return None;
    }
    let (n, mut end) = np_forward(sent, p + 1)?;
    if n.kind == NpKind::Role
        && !(n.definite || n.indefinite)
        && n.head().is_none_or(|(_, _, h)| h.kind == NounKind::Venue)
        && n.end == n.start + 1
    {
        return None;
    }
    // ("Facebook found the post, reported it to police": a pronoun after the verb is its
    // object; '"…," said he' is the only inverted pronoun.)
    if n.kind == NpKind::Pronoun && !sent.is_quote(prev) {
        return None;
    }
    let head = sent.ph(p).head();
    let mut a = Attr::new((head, head + 1), CueKind::Verb, Some(v));
    a.set_left(sent.tok(prev));
    a.inverted = true;
    end = speaker_asides(sent, &n, end, &mut a);
    a.speaker = Some(n);
    // Only a tail may follow (`said X on Monday.`), or a quotation after a comma (`"A," said X,
    // "B."`).
    let mut k = end;
    while k < sent.p1
        && matches!(
            sent.ph(k).kind,
            PhraseKind::Prep | PhraseKind::Np | PhraseKind::Adv
        )
    {
        k += 1;
    }
    // ("He spoke Hebrew, quoted the Talmud and visited …": a verb in a series, not a speaker.)
    if sent.ph(k).kind == PhraseKind::Cconj && sent.ph(k + 1).kind == PhraseKind::Vg {
        return None;
    }
    if sent.is_aside_mark(k) && sent.is_quote(k + 1) {
        a.quotes.push(sent.tok(k + 1));
    } else if interposed(sent, prev, k, &mut a) {
        return Some(a);
    }
    left_side(sent, &mut a);
    // ("Schilling's son, Grant, defended his father": words with no verb of their own before
    // the comma are the verb's subject, no claim.)
    if let Some((s, e)) = a.content().filter(|_| a.quotes.is_empty()) {
        let (ps, pe) = (sent.phrase_of(s), sent.phrase_of(e.saturating_sub(1)) + 1);
        // (Or a quotation holding it: 'Manafort "has taken on a tough task," said Black'; not
        // a title: 'Hale, the author of "Salt and Rumour," said the days …'.)
        let words = |q: usize| sent.is_quote(q) && !super::quoted_title(sent.doc, sent.tok(q));
        let finite = ps == sent.p0 && sent.first_finite < pe
            || (ps..pe).take(REACH).any(|q| sent.is_finite(q) || words(q));
        if !finite {
            return None;
        }
    }
    if v.kind == VerbKind::Manner {
        a.set_content(None);
    }
    if !a.quotes.is_empty() && a.content().is_none() && sent.is_quote(prev) {
        let q = sent.tok(prev);
        if !a.quotes.contains(&q) {
            a.quotes.insert(0, q);
        }
    }
    a.claims().then_some(a)
}

/// Where the speaker `n` ending at phrase `end` ends with its asides: a role set off by a
/// comma ("said Ina Falk, an analyst at Norrmark Bank": the person's title, kept in `a`) and
/// a relative clause between commas ("said Orla Penn, who knows her well, …").
fn speaker_asides<'a>(
    sent: &Sent<'_, 'a>,
    n: &crate::analysis::np::Np<'a>,
    end: usize,
    a: &mut Attr<'a>,
) -> usize {
    let mut end = end;
    if sent.is_punct(end, ",") && sent.ph(end + 1).kind == PhraseKind::Np {
        // (Not the subject of the clause after: "said Marta Sills, the city wants …".)
        if let Some((app, app_end)) = np_forward(sent, end + 1).filter(|(_, e)| !sent.is_finite(*e))
        {
            if app.kind == NpKind::Role {
                if n.kind == NpKind::Name {
                    push_np(&mut a.appositives, app);
                }
                end = app_end;
                while end < sent.p1 && !sent.is_aside_mark(end) && !sent.is_final(end) {
                    end += 1;
                }
            }
        }
    }
    if let Some(c) = relative_after(sent, end) {
        end = c;
    }
    end
}

/// `Countered Dana Pell, who rents the corner unit, "Nobody asked us."`: a speech verb
/// opening the sentence (phrase `p`), its speaker, and the quotation after a comma or colon.
///
/// ```text
/// fronted = verb speaker ("," role | "," relative ",")? ("," | ":") quote
/// ```
fn fronted<'a>(sent: &Sent<'_, 'a>, p: usize, v: &'a Verb) -> Option<Attr<'a>> {
    if matches!(v.kind, VerbKind::Naming | VerbKind::Belief) {
        return None;
    }
    let (n, end) = np_forward(sent, p + 1)?;
    if !matches!(n.kind, NpKind::Name | NpKind::Role) {
        return None;
    }
    let head = sent.ph(p).head();
    let mut a = Attr::new((head, head + 1), CueKind::Verb, Some(v));
    let end = speaker_asides(sent, &n, end, &mut a);
    if !(sent.is_punct(end, ",") || sent.is_punct(end, ":")) || !sent.is_quote(end + 1) {
        return None;
    }
    a.set_left(sent.tok(p));
    a.inverted = true;
    a.speaker = Some(n);
    a.quotes.push(sent.tok(end + 1));
    Some(a)
}

/// Whether phrase `prev`, right before the verb, closes what was said: a comma or dash after
/// a clause, or a quotation that is no title ('a chapter titled "Nobody Came" tells the
/// story': a title is no speech, and what follows the verb its object).
fn after_words(sent: &Sent<'_, '_>, prev: usize) -> bool {
    sent.is_aside_mark(prev)
        || sent.is_quote(prev) && !super::quoted_title(sent.doc, sent.tok(prev))
}

/// "Part of the trouble, say engineers like Ina Falk, a geologist, is the soil": a subject set
/// off by the one comma before the verb at `prev + 1`, with no verb of its own, has its verb
/// after the speaker, though a name, its role and that verb read like a reported clause.
fn subject_then_comma(sent: &Sent<'_, '_>, prev: usize) -> bool {
    // (Only the sentence's first verb: the words before it are scanned once.)
    sent.first_finite > prev
        && sent.first_quote > prev
        && prev > sent.p0
        && sent.is_punct(prev, ",")
        && !(sent.p0..prev).any(|q| sent.ph(q).kind == PhraseKind::Punct)
}

/// Where a relative clause set off by commas after the speaker ending at phrase `end` closes:
/// its closing comma ("said Orla Penn, who knows her well, …").
fn relative_after(sent: &Sent<'_, '_>, end: usize) -> Option<usize> {
    if !sent.is_punct(end, ",") {
        return None;
    }
    let starting = &sent.doc.clause_index.starting;
    let c = sent
        .clauses_of(starting, end + 1)
        .find(|x| x.kind == ClauseKind::Relative)?;
    let close = c.end as usize;
    (close < sent.p1 && sent.is_punct(close, ",")).then_some(close)
}

/// "Rather than raising taxes again, said Marta Sills, the firm's director, the city wants the
/// gap narrowed.": after an opening phrase with no verb of its own, the speaker set off by
/// commas before the clause that is the claim (`prev` is the comma before the verb, `k` the
/// phrase after the speaker).
fn interposed(sent: &Sent<'_, '_>, prev: usize, k: usize, a: &mut Attr<'_>) -> bool {
    if !sent.is_punct(prev, ",") || !sent.is_punct(k, ",") {
        return false;
    }
    if sent.first_finite < prev || sent.first_quote < prev {
        return false;
    }
    let subject = sent
        .clauses_of(&sent.doc.clause_index.subject, k + 1)
        .any(|x| x.verb.is_some());
    // "The paradox of Nancy, says Carl Anthony, a historian, is that …": a verb with no subject
    // after the speaker goes on with the clause before the cue; the claim is the sentence.
    if !subject && prev > sent.p0 && sent.is_finite(k + 1) {
        let (s, e) = sent.span(sent.p0, sent.p1);
        a.set_content(Some((s, e)));
        return true;
    }
    if !subject {
        return false;
    }
    let (s, e) = sent.span(k + 1, sent.p1);
    a.set_content(Some((s, e)));
    true
}
