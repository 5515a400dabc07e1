//! From a subject or object the syntax found to a speaker phrase ([`Np`]): which phrase names
//! the speaker, and which others are its appositives.

use super::Sent;
use crate::analysis::np::{self, Np, NpKind};
use crate::grammar::NounKind;
use crate::syntax::{PhraseFlag, PhraseKind, Subject};

/// The speaker of subject `subj`: the phrase naming it, the other phrases naming it
/// (appositives), and the first token of the structure.
///
/// "Kenya's finance minister, Joseph Mwangi, said": the name among the segments is the
/// speaker, the role its title. "officials at the ministry said": the role with its
/// prepositional tail. "61 percent said", "hacking specialists say": a phrase the lexicon
/// does not know is a descriptive speaker of its own words.
pub fn subject_speaker<'a>(
    sent: &Sent<'_, 'a>,
    subj: Subject,
) -> Option<(Np<'a>, Vec<Np<'a>>, usize)> {
    let (a, core_end, end) = (
        subj.start as usize,
        subj.core_end as usize,
        subj.end as usize,
    );
    let mut core = core_np(sent, a, core_end)?;
    let mut segs: Vec<Np<'a>> = Vec::new();
    // Each aside runs from after a mark to the next mark.
    let mut p = core_end;
    // "The research, by the Primary Care Research Unit, found …": a document's author in an
    // aside belongs to its description.
    let by =
        |q: usize| sent.ph(q).kind == PhraseKind::Prep && sent.doc.tok_eq_ci(sent.tok(q), "by");
    if core.noun_kind() == NounKind::Document && sent.is_punct(p, ",") && by(p + 1) {
        let mut q = p + 1;
        while q < end && !sent.is_aside_mark(q) {
            q += 1;
        }
        core.end = sent.ph(q - 1).end as usize;
        p = q;
    }
    while p + 1 < end {
        let from = p + 1;
        let mut q = from;
        while q < end && !sent.is_aside_mark(q) {
            q += 1;
        }
        // ("Residents of Pelican Island, B.C., say": the region after a place names no one; nor
        // does a party after an article, "the governor, a Republican in his first term,".)
        // (One word after "a" or "an"; "the CSTU" is a name.)
        let party = |n: &Np<'_>| {
            let doc = sent.doc;
            let one_word = n.name().is_some_and(|(s, e)| e == s + 1);
            let indefinite = |t: usize| {
                doc.word_tags(t)
                    .any(|x| matches!(x, crate::grammar::Tag::Func(f) if f.article && !f.definite))
            };
            n.kind == NpKind::Name
                && one_word
                && (n.indefinite
                    || indefinite(n.start)
                    || n.start.checked_sub(1).is_some_and(indefinite))
        };
        if let Some(n) =
            aside_np(sent, from, q).filter(|n| !region_of_place(sent, &core, n) && !party(n))
        {
            segs.push(n);
        }
        p = q;
    }
    let left = sent.tok(a);
    // A name among the asides names a described speaker: "the bank's governor, Rui Matos,".
    if core.kind == NpKind::Role {
        if let Some(k) = segs.iter().position(|n| n.kind == NpKind::Name) {
            let name = segs.remove(k);
            let mut apps = vec![core];
            apps.extend(segs);
            return Some((name, apps, left));
        }
    }
    Some((core, segs, left))
}

/// Whether the aside `n` after the phrase `core` is the region of a place the phrase ends with
/// ("Residents of Pelican Island, B.C.", "a farmer near Guelph, Ont."): one or two words, an
/// abbreviation or a place of the lexicon, after a proper noun that is not the phrase's first
/// word.
fn region_of_place(sent: &Sent<'_, '_>, core: &Np<'_>, n: &Np<'_>) -> bool {
    let doc = sent.doc;
    let short = n.end > n.start && n.end - n.start <= 2;
    // (A place of the lexicon is the whole aside: not "a spokesman for Ortiz, Jordan Pell,".)
    let region = doc.tok_text(n.end - 1).ends_with('.') || np::is_place(doc, n.start, n.end);
    let place_last = core.end > core.start + 1 && doc.tag(core.end - 1).is_proper();
    short && region && place_last && n.kind == NpKind::Name
}

/// The head phrase's tokens `[ha, he)` and the group's end `te` without a reflexive closing
/// both ("The governor himself tweeted": the reflexive only stresses the phrase).
fn without_reflexive(
    doc: &crate::text::Doc<'_>,
    ha: usize,
    he: usize,
    te: usize,
) -> (usize, usize, usize) {
    if he > ha + 1 && te == he && reflexive(doc, he - 1) {
        (ha, he - 1, he - 1)
    } else {
        (ha, he, te)
    }
}

/// Whether token `t` is a reflexive pronoun ("himself", "themselves": a pronoun the lexicon
/// has as an adverb, as it stresses the phrase before it).
fn reflexive(doc: &crate::text::Doc<'_>, t: usize) -> bool {
    doc.tag(t) == crate::syntax::Tag::PronPrp && doc.is_func(t, crate::grammar::FuncType::Adverb)
}

/// The speaker phrase of the nominal group in phrases `[a, e)`: the whole group when the
/// lexicon reads it as one phrase ("the Bank of Ostmark", "a senior official at the
/// ministry"); else its first noun phrase, a role taking its post-modifiers along ("workers
/// at the plant", "the mediator overseeing the talks"); else a descriptive phrase.
pub fn core_np<'a>(sent: &Sent<'_, 'a>, a: usize, e: usize) -> Option<Np<'a>> {
    let doc = sent.doc;
    let head = sent.ph(a);
    if head.kind != PhraseKind::Np {
        return None;
    }
    // ("a report released Wednesday found": a participle closing the core is no word of the
    // speaker's phrase.)
    // (Not a relative clause's verb: "The clerks whose wages were frozen say".)
    let mut e = e;
    let relative = (a..e).any(|p| sent.ph(p).kind == PhraseKind::Wh);
    while !relative && e > a + 1 && sent.ph(e - 1).is(PhraseFlag::PARTICIPLE) {
        e -= 1;
    }
    let (ta, te) = (
        sent.tok(a),
        sent.ph(e.saturating_sub(1).max(a)).end as usize,
    );
    let (ha, he, te) = without_reflexive(doc, head.start as usize, head.end as usize, te);
    if te > he {
        if let Some(n) = np::parse_exact(doc, ta, te).filter(|n| !n.possessive) {
            return Some(n);
        }
    }
    let coordinated = (a..e).any(|p| sent.ph(p).kind == PhraseKind::Cconj);
    // (Nouns joined inside a role's tail are the tail's: "a person close to Hollander and
    // Ostrander".)
    let in_tail = (a..e)
        .take_while(|&p| sent.ph(p).kind != PhraseKind::Cconj)
        .any(|p| sent.ph(p).kind == PhraseKind::Prep);
    // "Bavaria's Tobias Rainer": the name after its owner.
    let owned = head.is(PhraseFlag::OWNED).then(|| {
        let last = (ha..he).rev().find(|&t| np::is_possessive(doc, t))?;
        np::parse_exact(doc, last + 1, he).filter(|n| n.kind == NpKind::Name)
    });
    let mut n = owned
        .flatten()
        .or_else(|| {
            // The phrases at `ha` are parsed once: the one ending at `he`, else the longest.
            let set = np::parse_at(doc, ha, he);
            if np::all_words(doc, ha, he) {
                if let Some(n) = np::exact_of(&set, he) {
                    return Some(n);
                }
            }
            set.iter().max_by_key(|n| n.end).cloned()
        })
        // (A phrase the lexicon reads only in part, "the world No." of "the world No. 2", is
        // a descriptive phrase of its own.)
        .filter(|n| {
            n.kind == NpKind::Pronoun
                || n.end == he
                || n.kind == NpKind::Name && n.end > head.head()
        })
        .or_else(|| np::generic(doc, ha, he))?;
    // ("Department store chain Maybury's said": a name ending in "'s" before its verb.)
    if n.possessive && (!head.is(PhraseFlag::POSSESSIVE) || sent.ph(a + 1).kind == PhraseKind::Vg) {
        n.possessive = false;
    }
    // ("Parish spokesman the Rev. Amos Quill": a role, then the name with its article: the
    // named person, the role a title.)
    let x = sent.ph(a + 1);
    if e == a + 2
        && n.kind == NpKind::Role
        && x.is(PhraseFlag::PROPER)
        && x.is(PhraseFlag::DETERMINED)
    {
        let name = np::parse_exact(doc, x.start as usize, x.end as usize);
        if let Some(mut m) = name.filter(|m| m.kind == NpKind::Name) {
            m.titles.extend(n.titles.iter());
            m.start = ta;
            return Some(m);
        }
    }
    match n.kind {
        // A group of several: one descriptive speaker for the whole ("Ms. Toretti, Mrs. Rao and
        // other bundlers").
        NpKind::Role if coordinated && in_tail && te > he => {
            n.end = te;
            Some(n)
        }
        _ if coordinated => np::generic(doc, ta, te).map(|mut g| {
            g.end = te;
            g
        }),
        NpKind::Role if te > he => {
            n.end = te;
            Some(n)
        }
        NpKind::Name if te > he && org_goes_on(sent, a, e) => {
            n.set_name(n.name().map(|(s0, _)| (s0, te)));
            n.end = te;
            Some(n)
        }
        _ => Some(n),
    }
}

/// "the Bank of Ostmark", "the Centre for Civil Liberties": a name whose last word is an
/// organisation noun goes on through "of" or "for" and the noun phrase after it.
fn org_goes_on(sent: &Sent<'_, '_>, a: usize, e: usize) -> bool {
    let head = sent.ph(a);
    // (The name after the preposition may open with an article: "for a Sound Senate".)
    let t = sent.tok(a + 2);
    let named = sent.doc.is_cap(t)
        || sent.doc.is_func(t, crate::grammar::FuncType::Determiner) && sent.doc.is_cap(t + 1);
    e == a + 3
        && sent.ph(a + 1).kind == PhraseKind::Prep
        && named
        && np::org_name_goes_on(sent.doc, head.end as usize - 1, head.end as usize)
}

/// The phrase an aside in phrases `[a, e)` names: a description or a name; a relative clause
/// that gives the name ("who gave her name only as Linda"); not an age or a party tag.
fn aside_np<'a>(sent: &Sent<'_, 'a>, a: usize, e: usize) -> Option<Np<'a>> {
    let doc = sent.doc;
    if a >= e {
        return None;
    }
    let first = sent.ph(a);
    if first.kind == PhraseKind::Wh {
        let (ta, te) = (sent.tok(a), sent.ph(e - 1).end as usize);
        let gives_name = (ta..te).any(|t| {
            let w = doc.tok_bytes(t);
            let ends = |x: &[u8]| {
                w.len() >= x.len()
                    && w.get(w.len() - x.len()..)
                        .is_some_and(|e| e.eq_ignore_ascii_case(x))
            };
            ends(b"name") || ends(b"names")
        });
        let after_as = (ta..te).rev().find(|&t| doc.tok_eq_ci(t, "as"))?;
        return gives_name
            .then(|| np::parse_at(doc, after_as + 1, te))
            .and_then(|set| {
                set.into_iter()
                    .find(|n| n.kind == NpKind::Name && n.end == te)
            });
    }
    if first.kind != PhraseKind::Np || first.is(PhraseFlag::QUANTITY) && e == a + 1 {
        return None;
    }
    let t = first.start as usize;
    if e == a + 1 && crate::text::party_state(doc.tok_text(t).trim_end_matches('.')) {
        return None;
    }
    core_np(sent, a, e)
}

/// The speaker phrase starting at phrase `p` (after "said", "according to", "by"), with the
/// phrase after which the construction goes on: its prepositional tail for a role, an
/// organisation name through "of".
pub fn np_forward<'a>(sent: &Sent<'_, 'a>, p: usize) -> Option<(Np<'a>, usize)> {
    let x = sent.ph(p);
    if x.kind != PhraseKind::Np || p >= sent.p1 {
        return None;
    }
    let doc = sent.doc;
    let limit = sent.s.end;
    let n = np::parse_forward(doc, x.start as usize, limit)
        .or_else(|| np::generic(doc, x.start as usize, x.end as usize))?;
    let end = (sent.phrase_of(n.end.saturating_sub(1)) + 1).max(p + 1);
    // "said lobbyist and party strategist Carl Dent": two descriptions of one named person.
    if n.kind == NpKind::Role && sent.ph(end).kind == PhraseKind::Cconj {
        if let Some((mut m, m_end)) = np_forward(sent, end + 1)
            .filter(|(m, _)| m.kind == NpKind::Name && m.name().is_some_and(|(s, _)| s > m.start))
        {
            m.titles.extend(n.titles.iter());
            m.start = n.start;
            return Some((m, m_end));
        }
    }
    // "the harbour master in Port Alder, Nils Roe.": a name closing the sentence after a role
    // and its place names the role.
    if n.kind == NpKind::Role {
        let mut q = end;
        while sent.ph(q).kind == PhraseKind::Prep && sent.ph(q + 1).kind == PhraseKind::Np {
            q += 2;
        }
        if sent.is_punct(q, ",") && sent.is_final(q + 2) && sent.ph(q + 1).is(PhraseFlag::PROPER) {
            let name = sent.ph(q + 1);
            if let Some(mut m) = np::parse_exact(doc, name.start as usize, name.end as usize)
                .filter(|m| m.kind == NpKind::Name)
            {
                m.titles.extend(n.titles.iter());
                m.set_head_title(m.head_title().or(n.head_title()));
                m.set_title(m.title().or(Some((n.start, n.end))));
                return Some((m, q + 2));
            }
        }
    }
    Some((n, end))
}
