//! Speaker resolution, one sentence at a time: each attribution's speaker phrase resolved to an
//! entity, the other names and subject pronouns of the sentence registered in text order (so
//! that a later pronoun finds them), and who has the floor after a sentence with no
//! attribution.

use super::constructions::{self, Attr, CueKind, Inherit};
use super::coref::{self, span_of, Entities};
use super::np::{self, Np, NpKind};
use crate::grammar::{FuncType, NounKind, Tag};
use crate::report::EntityKind;
use crate::span::Span;
use crate::text::{Doc, Sentence, TokClass};

/// What the scan of a sentence meets, by token: resolved in text order.
enum Ev<'a> {
    /// A proper name outside the attributions, and whether it stands as a subject of the
    /// story's.
    Name(Np<'a>, bool),
    /// A subject pronoun or a definite role outside an attribution: it has the floor.
    Subject(Np<'a>),
    /// A role mentioned inside a reported clause: no subject, no floor.
    Mention(Np<'a>),
    /// A transcript's speaker label ([`speaker_label`]): the speaker of the quotation after it.
    Label(Np<'a>),
}

/// Resolves the speakers of a sentence's attributions (by attribution, `None` when a speaker
/// stays unknown), and registers the names and subject pronouns it mentions, in text order.
/// Also returns who has the floor after the sentence: the entity of a subject pronoun, definite
/// role or name opening the clause of a sentence with no attribution, or the speaker a
/// sentence closed by a colon announces.
pub(super) fn resolve_sentence(
    doc: &Doc<'_>,
    s: Sentence,
    attrs: &[Attr<'_>],
    ents: &mut Entities,
) -> (Vec<Option<(usize, Span)>>, Option<(usize, Span)>) {
    let after_opening = after_opening(doc, s);
    // The mentions, in text order; the speaker phrases (attribution numbers), by start, read
    // with them (a mention first at a tie). Not one vector of both: a speaker's event would take
    // the room of a phrase, and a long sentence can hold an attribution every few words.
    let evs = scan_mentions(doc, s, attrs, after_opening);
    let mut speakers: Vec<(usize, usize)> = (attrs.iter().enumerate())
        .filter_map(|(k, a)| a.speaker.as_ref().map(|n| (n.start, k)))
        .collect();
    speakers.sort_by_key(|x| x.0);
    let (mut out, floor) = resolve_events(doc, s, attrs, (evs, &speakers), after_opening, ents);
    inherit_speakers(doc, s, attrs, &mut out, ents);
    note_meta_relays(doc, attrs, &out, ents);
    // (A sentence with attributions has the floor only when it announces words to come.)
    let floor = announced(doc, s, attrs, &out).or(floor.filter(|_| attrs.is_empty()));
    (out, floor)
}

/// The speaker a sentence ending in a colon announces: that of its last attribution with
/// nothing reported yet ("…, and the party responded:", "The trust explains its aims like
/// this:"); the words come after the colon.
fn announced(
    doc: &Doc<'_>,
    s: Sentence,
    attrs: &[Attr<'_>],
    out: &[Option<(usize, Span)>],
) -> Option<(usize, Span)> {
    if s.end <= s.start || !doc.is_punct(s.end - 1, ":") {
        return None;
    }
    (attrs.iter().zip(out))
        .filter(|(a, o)| o.is_some() && a.content().is_none() && a.quotes.is_empty())
        .max_by_key(|(a, _)| a.cue().0)
        .and_then(|(_, o)| *o)
}

/// Where the clause after a sentence's opening phrase begins: after its first comma, unless a
/// quotation comes first. Found once, not from each comma.
fn after_opening(doc: &Doc<'_>, s: Sentence) -> Option<usize> {
    let first = (s.start..s.end)
        .find(|&k| doc.is_punct(k, ",") || doc.quote_of(k).is_some())
        .filter(|&k| doc.is_punct(k, ","))
        .map(|k| k + 1)?;
    // ("Later, on the bus, she explained …": the main clause's subject after the openings,
    // when the clause layer found one after a comma.)
    let (c0, _) = doc.clause_range(s);
    let subject = doc
        .clauses
        .get(c0)
        .filter(|c| c.kind == crate::syntax::ClauseKind::Main)
        .and_then(|c| c.subject)
        .and_then(|x| doc.phrases.get(x.start as usize))
        .map(|ph| ph.start as usize)
        .filter(|&t| t > first && doc.is_punct(t - 1, ","));
    Some(subject.unwrap_or(first))
}

/// Tokens beyond which a sentence's events are reserved to their bound ([`mentions_bound`]).
const LONG_SENTENCE: usize = 256;

/// About how many names, subject pronouns and opening roles [`scan_mentions`] finds in
/// sentence `s`: one at each capitalised token or pronoun outside the speaker phrases
/// `speakers` (sorted), and two more at each of the two openings. (A name led by a title in
/// lower case is not counted: such a sentence's vector may grow.)
fn mentions_bound(doc: &Doc<'_>, s: Sentence, speakers: &[(usize, usize)]) -> usize {
    let bits = TokClass::CAP | TokClass::PRONOUN;
    let count = |a: usize, b: usize| (a..b).filter(|&t| doc.has(t, bits)).count();
    let inside: usize = speakers
        .iter()
        .map(|&(a, b)| count(a.max(s.start), b.min(s.end)))
        .sum();
    (count(s.start, s.end) + 4).saturating_sub(inside)
}

/// The names, subject pronouns and opening definite roles of sentence `s` outside its
/// speaker phrases, by first token, in text order.
fn scan_mentions<'a>(
    doc: &Doc<'a>,
    s: Sentence,
    attrs: &[Attr<'a>],
    after_opening: Option<usize>,
) -> Vec<(usize, Ev<'a>)> {
    // (Room for a few names and pronouns: grown by doubling from nothing, the vector of
    // events, each holding a phrase, was copied two or three times a sentence. A long sentence
    // has room for as many as it can make, so that its vector, which can hold an event every
    // few words, is not copied in doubling either.)
    if let Some(n) = speaker_label(doc, s) {
        return vec![(s.start, Ev::Label(n))];
    }
    // Speaker phrases by start token, for a binary search in the scan below.
    let mut speakers: Vec<(usize, usize)> = attrs
        .iter()
        .filter_map(|a| a.speaker.as_ref().map(|n| (n.start, n.end)))
        .collect();
    speakers.sort_unstable();
    let few = if s.end.saturating_sub(s.start) > LONG_SENTENCE {
        mentions_bound(doc, s, &speakers)
    } else {
        4
    };
    let mut evs: Vec<(usize, Ev<'_>)> = Vec::with_capacity(few);
    // The reported clauses by start, read with the scan: how far those begun so far reach.
    let mut claims: Vec<(usize, usize)> = attrs.iter().filter_map(|a| a.content()).collect();
    claims.sort_unstable();
    let (mut claim_at, mut claim_reach) = (0, 0);
    let after_past = if doc.is_func(s.start, FuncType::Past) {
        s.start + 1
    } else {
        usize::MAX
    };
    let mut t = s.start;
    while t < s.end {
        while let Some(&(_, ce)) = claims.get(claim_at).filter(|c| c.0 <= t) {
            claim_reach = claim_reach.max(ce);
            claim_at += 1;
        }
        // (After an opening past form too: "Born Meera Joshi in Pune, she …" is about her.)
        let opening_past = t == after_past;
        // (Read only for a token that may be a name or a pronoun.)
        // (Or where the clause layer found a subject: "a point Ana Leal repeated when asked".)
        let is_subject_pos = || {
            t == s.start
                || opening_past
                || np::is_boundary(doc, t - 1)
                    && !doc.is_func(t - 1, FuncType::Preposition)
                    && !listed(doc, t, s.end)
                || clause_subject_at(doc, t)
        };
        if let Ok(k) = speakers.binary_search_by_key(&t, |x| x.0) {
            t = speakers.get(k).map_or(t + 1, |x| x.1.max(t + 1));
            continue;
        }
        // A name needs a capital or a title, a subject pronoun its class, a role the clause's
        // opening: other tokens are read no further.
        let opening = t == s.start || after_opening == Some(t);
        if !opening && !doc.has(t, TokClass::CAP | TokClass::TITLE | TokClass::PRONOUN) {
            t += 1;
            continue;
        }
        if let Some((n, subject)) = name_at(doc, s, t, is_subject_pos) {
            let end = n.end;
            // A name inside a reported clause is no subject of the story's: "Holmgren said
            // his captain, Joel Adeyemi, had come off. He said …" is Holmgren again.
            let in_claim = t < claim_reach;
            // Capitalised heading words are not names: need a lower-case word in the sentence.
            evs.push((t, Ev::Name(n, subject && !in_claim && !in_question(doc, t))));
            t = end.max(t + 1);
            continue;
        }
        if let Some(n) = subject_pronoun_at(doc, s, t, is_subject_pos) {
            evs.push((t, Ev::Subject(n)));
        }
        // "Asked whether he was worried, the coach laughed.": a definite role opening the
        // clause of a sentence, before a lower-case word (its verb), has the floor.
        // (A role opening a reported clause is mentioned, but is no subject of the story's:
        // "The board could save $3 million, it said, by …" is what was said, and "it" is not
        // the board.)
        if opening {
            if let Some(n) = opening_role_at(doc, s, t) {
                evs.push((
                    t,
                    if t < claim_reach {
                        Ev::Mention(n)
                    } else {
                        Ev::Subject(n)
                    },
                ));
            }
        }
        t += 1;
    }
    evs
}

/// Whether the capitalised words at token `t`, after a comma or conjunction, close their
/// sentence or clause with no verb after them: one of a list ("questions about fares, clinics
/// and Social Security."), no subject.
fn listed(doc: &Doc<'_>, t: usize, end: usize) -> bool {
    const NAME: usize = 6;
    let mut k = t;
    while k < end && k < t + NAME && doc.is_word(k) && doc.is_cap(k) {
        k += 1;
    }
    k > t && (k >= end || doc.is_punct(k, ".") || doc.is_punct(k, ";"))
}

/// Whether token `t` opens a phrase where a clause's subject starts.
fn clause_subject_at(doc: &Doc<'_>, t: usize) -> bool {
    doc.phrase_at(t).is_some_and(|p| {
        doc.phrases.get(p).is_some_and(|x| x.start as usize == t)
            && !doc.clause_index.subject.get(p).is_empty()
    })
}

/// Whether token `t` opens the subject of a question put in a clause ("Asked whether Lund
/// would start, the coach said …"): the question is about that person, who is no subject of
/// the story's there.
fn in_question(doc: &Doc<'_>, t: usize) -> bool {
    let Some(p) = doc.phrase_at(t) else {
        return false;
    };
    doc.clause_index.subject.get(p).iter().any(|&c| {
        doc.clauses.get(c as usize).is_some_and(|x| {
            x.kind == crate::syntax::ClauseKind::Complement
                && x.opener.is_some_and(|o| {
                    let w = doc
                        .phrases
                        .get(o as usize)
                        .map_or(0, |ph| ph.start as usize);
                    doc.is_func(w, FuncType::Complementizer) && !doc.tok_eq_ci(w, "that")
                })
        })
    })
}

/// A transcript's speaker label: a sentence of one to three capitalised words and a colon,
/// with a quotation after it ("KOWALSKI: \"Ohio has lost 40,000 jobs.\"", "Dana Ruiz:
/// \"…\""). The name has the floor: the quotation is that speaker's.
fn speaker_label<'a>(doc: &Doc<'a>, s: Sentence) -> Option<Np<'a>> {
    // (The quotation closes the sentence, or opens the next one.)
    let quoted_last = s.end > s.start + 1 && doc.quote_of(s.end - 1).is_some();
    let colon = if quoted_last {
        s.end - 2
    } else {
        s.end.checked_sub(1)?
    };
    let words = colon.checked_sub(s.start)?;
    if !(1..=3).contains(&words)
        || !doc.is_punct(colon, ":")
        || !quoted_last && doc.quote_of(s.end).is_none()
    {
        return None;
    }
    if !(s.start..colon).all(|t| doc.is_word(t) && doc.is_cap(t)) {
        return None;
    }
    let mut n = np::parse_exact(doc, s.start, colon).filter(|n| n.kind == NpKind::Name)?;
    // ("HALVORSEN:": a surname set in capitals, as transcripts do, is no acronym.)
    let known = TokClass::STARTS_OUTLET | TokClass::STARTS_PLACE;
    if words == 1 && doc.tok_text(s.start).len() >= 4 && !doc.has(s.start, known) {
        n.org_name = false;
    }
    Some(n)
}

/// Whether the `d` tokens before `t` are lower-case role words opening the sentence or
/// following a boundary ("Inside, volunteer Marcy Delgado was handing out sandwiches."): a
/// name after them stands as a subject.
fn role_words_before(doc: &Doc<'_>, s: Sentence, t: usize, d: usize) -> bool {
    t >= s.start + d
        && (t - d..t).all(|k| {
            doc.is_word(k)
                && !doc.is_cap(k)
                && doc.has(k, TokClass::NOUN)
                && !doc.has(k, TokClass::FUNC | TokClass::VERB)
        })
        && (t - d == s.start
            || np::is_boundary(doc, t - d - 1) && !doc.is_func(t - d - 1, FuncType::Preposition))
}

/// The proper name starting at token `t`, if one does, and whether it stands in a subject's
/// position (`is_subject_pos`, or after one or two lower-case role words there).
fn name_at<'a>(
    doc: &Doc<'a>,
    s: Sentence,
    t: usize,
    is_subject_pos: impl Fn() -> bool,
) -> Option<(Np<'a>, bool)> {
    let name_word = np::is_name_word(doc, t);
    if !(name_word || doc.has(t, TokClass::TITLE)) {
        return None;
    }
    let is_subject_pos = is_subject_pos()
        || (name_word && (role_words_before(doc, s, t, 1) || role_words_before(doc, s, t, 2)));
    let mut n = np::parse_name(doc, t, s.end)?;
    of_name_goes_on(doc, s, &mut n);
    // "Shares in Hallmark Tyne, the shipping insurer, fell": a definite organisation noun in
    // apposition says the name is an organisation's.
    if !n.org_name && doc.is_punct(n.end, ",") && doc.is_func(n.end + 1, FuncType::Determiner) {
        n.org_name = org_in_apposition(doc, s, n.end + 1);
    }
    Some((n, is_subject_pos))
}

/// "The Central Bank of Teralia's committee held …": an organisation's name (its last word an
/// organisation noun) goes on through "of" or "for" and the name after it, possessive too
/// (the name is then the owner's).
fn of_name_goes_on<'a>(doc: &Doc<'a>, s: Sentence, n: &mut Np<'a>) {
    if n.kind != NpKind::Name || n.end <= n.start || !np::org_name_goes_on(doc, n.end - 1, n.end) {
        return;
    }
    let Some(of) = np::parse_name(doc, n.end + 1, s.end)
        .filter(|o| o.start == n.end + 1 && o.kind == NpKind::Name)
    else {
        return;
    };
    if let Some((a, _)) = n.name() {
        n.set_name(Some((a, of.end)));
    }
    n.end = of.end;
    n.possessive = of.possessive;
    n.org_name = true;
}

/// Whether a definite organisation noun phrase starting at token `at` stands in apposition
/// (closed by the sentence end, a comma or a period): "the shipping insurer".
fn org_in_apposition(doc: &Doc<'_>, s: Sentence, at: usize) -> bool {
    let org = |r: &Np<'_>| {
        r.kind == NpKind::Role
            && r.definite
            && !r.possessive
            && r.head_title().is_none()
            && r.head().is_some_and(|(_, _, h)| h.kind == NounKind::Org)
    };
    let closed = |e: usize| e >= s.end || doc.is_punct(e, ",") || doc.is_punct(e, ".");
    np::parse_at(doc, at, s.end)
        .into_iter()
        .any(|r| org(&r) && closed(r.end))
}

/// A third-person personal pronoun at token `t` in a subject's position, before a word.
fn subject_pronoun_at<'a>(
    doc: &Doc<'a>,
    s: Sentence,
    t: usize,
    is_subject_pos: impl Fn() -> bool,
) -> Option<Np<'a>> {
    if !(doc.has(t, TokClass::PRONOUN)
        && is_subject_pos()
        && doc
            .word_tags(t)
            .any(|x| matches!(x, Tag::Pronoun(p) if p.person == 3 && p.kind == NounKind::Person))
        && doc.is_word(t + 1))
    {
        return None;
    }
    np::parse_at(doc, t, s.end)
        .into_iter()
        .find(|n| n.kind == NpKind::Pronoun)
}

/// A definite person role opening a clause at token `t` ("the coach"), before a lower-case
/// word (its verb). Parsed only when a role word of the lexicon follows within three words.
fn opening_role_at<'a>(doc: &Doc<'a>, s: Sentence, t: usize) -> Option<Np<'a>> {
    let role_word = || {
        (t + 1..(t + 4).min(s.end))
            .any(|k| doc.has(k, TokClass::STARTS_NOUN | TokClass::STARTS_TITLE))
    };
    if !(doc.is_func(t, FuncType::Determiner)
        && role_word()
        && doc
            .word_tags(t)
            .any(|x| matches!(x, Tag::Func(f) if f.definite && f.article)))
    {
        return None;
    }
    np::parse_at(doc, t, s.end)
        .into_iter()
        // (An organisation too: "The board is consulting … It says …"; and a document: "The
        // report makes 19 recommendations. It urges …".)
        .filter(|n| {
            // (A common noun only, "The board": a capitalised name is read as one.)
            let common = || (n.start + 1..n.end).all(|k| !doc.is_cap(k));
            let kind = n.noun_kind();
            n.kind == NpKind::Role
                && n.definite
                && (kind == NounKind::Person
                    || matches!(kind, NounKind::Org | NounKind::Document) && common())
        })
        .max_by_key(|n| n.end)
        .filter(|n| doc.is_word(n.end) && !doc.is_cap(n.end))
}

/// Resolves the scanned mentions and speaker phrases in text order: the speakers by
/// attribution, and who has the floor (the last subject opening the sentence or its clause).
/// `speakers`: the attributions with a speaker phrase, by its start (read after the mentions
/// starting at the same token).
fn resolve_events(
    doc: &Doc<'_>,
    s: Sentence,
    attrs: &[Attr<'_>],
    (evs, speakers): (Vec<(usize, Ev<'_>)>, &[(usize, usize)]),
    after_opening: Option<usize>,
    ents: &mut Entities,
) -> (Vec<Option<(usize, Span)>>, Option<(usize, Span)>) {
    let mut out: Vec<Option<(usize, Span)>> = vec![None; attrs.len()];
    let mut floor = None;
    let mut speakers = speakers.iter().peekable();
    for (t, ev) in evs {
        while let Some(&(_, k)) = speakers.next_if(|x| x.0 < t) {
            speaker_event(doc, s, attrs, k, &mut out, ents);
        }
        match ev {
            Ev::Name(n, subj) => {
                let id = ents.name(doc, &n, subj, true);
                // "the Minister for Higher Education, Cathal Brennock": the role before the
                // comma is his title, which a later "the minister" names.
                if let (Some(id), Some(role)) = (id, role_before(doc, s, n.start)) {
                    add_appositive(doc, ents, id, &role);
                }
                if subj && (n.start == s.start || Some(n.start) == after_opening) {
                    floor = id.map(|i| (i, span_of(doc, n.start, n.end)));
                }
            }
            Ev::Subject(n) => {
                let id = ents.resolve(doc, &n, true);
                // (A document is mentioned, for a later "it", but has no floor: "The message
                // on the placards was simple: "…"" is nobody's words.)
                let document = n.noun_kind() == NounKind::Document;
                if !document && (n.start == s.start || Some(n.start) == after_opening) {
                    floor = id.map(|i| (i, span_of(doc, n.start, n.end)));
                }
            }
            Ev::Mention(n) => {
                ents.resolve(doc, &n, false);
            }
            Ev::Label(n) => {
                let id = ents.name(doc, &n, true, false);
                floor = id.map(|i| (i, span_of(doc, n.start, n.end)));
            }
        }
    }
    for &(_, k) in speakers {
        speaker_event(doc, s, attrs, k, &mut out, ents);
    }
    (out, floor)
}

/// Resolves the speaker phrase of attribution `k` into `out`.
fn speaker_event(
    doc: &Doc<'_>,
    s: Sentence,
    attrs: &[Attr<'_>],
    k: usize,
    out: &mut [Option<(usize, Span)>],
    ents: &mut Entities,
) {
    let Some(n) = attrs.get(k).and_then(|a| a.speaker.as_ref()) else {
        return;
    };
    // ("The ministry said in a statement, which described …": the statement in another cue's
    // venue is its speaker's.)
    let issuer = (n.noun_kind() == NounKind::Document)
        .then(|| {
            attrs.iter().zip(out.iter()).find_map(|(b, o)| {
                let (v0, v1) = b.venue()?;
                (v0 <= n.start && n.end <= v1)
                    .then_some(o.map(|(i, _)| i))
                    .flatten()
            })
        })
        .flatten();
    let id = issuer.or_else(|| resolve_speaker(doc, s, attrs.get(k), n, ents));
    if let Some(slot) = out.get_mut(k) {
        *slot = id.map(|i| (i, span_of(doc, n.start, n.end)));
    }
}

/// The token after an apposition opening at token `t` (", a shipbuilder, …", ", the firm
/// that …,") and closed by a comma before `end`; `t` itself when none opens there.
fn after_apposition(doc: &Doc<'_>, t: usize, end: usize) -> usize {
    if !doc.is_punct(t, ",") || !doc.is_func(t + 1, crate::grammar::FuncType::Determiner) {
        return t;
    }
    (t + 2..end.min(t + 32))
        .find(|&c| doc.is_punct(c, ","))
        .map_or(t, |c| c + 1)
}

/// Resolves the speaker phrase `n` of attribution `a`, and gives the entity the titles of the
/// attribution's appositives.
fn resolve_speaker(
    doc: &Doc<'_>,
    s: Sentence,
    a: Option<&Attr<'_>>,
    n: &Np<'_>,
    ents: &mut Entities,
) -> Option<usize> {
    // "Manchester United have sacked …, the club announced": the organisation named at the
    // start of the claim the role closes.
    let opening = a.filter(|_| coref::is_org_role(n)).and_then(|a| {
        a.content()
            .filter(|&(cs, ce)| cs == s.start && ce <= a.cue().0 && doc.is_cap(cs))
    });
    let named = opening.and_then(|(cs, ce)| {
        let name = np::parse_at(doc, cs, ce)
            .into_iter()
            .filter(|x| x.kind == NpKind::Name)
            .max_by_key(|x| x.end)?;
        // The name is the clause's subject: its verb follows. One capitalised word opening a
        // sentence is as likely a common word ("Retail sales fell").
        // ("Holm Marine, the shipbuilder that …, will cut": across an apposition.)
        let words = name.name().map_or(0, |(a, b)| b - a);
        let verb = after_apposition(doc, name.end, ce);
        (words >= 2 && doc.is_word(verb) && !doc.is_cap(verb))
            .then(|| ents.org_named_in_claim(doc, &name, n))
            .flatten()
    });
    let id = named.or_else(|| ents.resolve(doc, n, true));
    if let Some(id) = id {
        for app in a.map_or(&[][..], |a| &a.appositives[..]) {
            add_appositive(doc, ents, id, app);
        }
        // "The ministry said in a statement": the ministry issued it; "the statement" is its.
        if let Some((v0, v1)) = a.and_then(Attr::venue) {
            for t in v0..v1.min(v0 + 8) {
                if np::word_noun(doc, t, NounKind::Document).is_some() {
                    ents.issued(id, coref::norm_head(doc.tok_text(t)));
                }
            }
        }
    }
    id
}

/// Participles and coordinated cues with no speaker of their own inherit one: an earlier
/// attribution's, or the sentence subject's.
fn inherit_speakers(
    doc: &Doc<'_>,
    s: Sentence,
    attrs: &[Attr<'_>],
    out: &mut [Option<(usize, Span)>],
    ents: &mut Entities,
) {
    // The sentence's subject, read once for all the attributions that inherit it.
    let mut subject = None;
    for (k, a) in attrs.iter().enumerate() {
        if out.get(k).is_some_and(Option::is_some) {
            continue;
        }
        let inherited = match a.inherit {
            Some(Inherit::Attr(j)) => out.get(j as usize).copied().flatten(),
            Some(Inherit::Subject) => subject
                .get_or_insert_with(|| constructions::sentence_subject(doc, s))
                .as_ref()
                .and_then(|(n, _, _)| {
                    ents.resolve(doc, n, true)
                        .map(|id| (id, span_of(doc, n.start, n.end)))
                }),
            None => None,
        };
        if let Some(slot) = out.get_mut(k) {
            *slot = inherited;
        }
    }
}

/// "X expressed these sentiments, as reported by Y": Y relays X from now on. (The relay is the
/// sentence's first, found once.)
fn note_meta_relays(
    doc: &Doc<'_>,
    attrs: &[Attr<'_>],
    out: &[Option<(usize, Span)>],
    ents: &mut Entities,
) {
    let relay = attrs
        .iter()
        .enumerate()
        .find(|(_, b)| {
            matches!(b.kind, CueKind::ReportedBy | CueKind::According) && b.speaker.is_some()
        })
        .and_then(|(j, _)| out.get(j).copied().flatten());
    for a in attrs.iter().filter(|a| a.meta) {
        let subj = a.speaker.as_ref().and_then(|n| ents.resolve(doc, n, true));
        if let (Some(x), Some((r, _))) = (subj, relay) {
            if x != r {
                ents.relays.insert(ents.live(x), vec![r]);
            }
        }
    }
}

/// Records an appositive role phrase of a named speaker (`app`, "the former mayor of Leeds") on
/// its entity `id`: a title, its roles and role families, a gender, an organisation's kind; the
/// entity then takes over earlier placeholders of that role.
/// The titled role ending at the comma before the name at token `name` of sentence `s` ("the
/// Minister for Further and Higher Education, Cathal Brennock"), within a few words.
fn role_before<'a>(doc: &Doc<'a>, s: Sentence, name: usize) -> Option<Np<'a>> {
    let comma = name.checked_sub(1).filter(|&c| doc.is_punct(c, ","))?;
    let from = comma.saturating_sub(10).max(s.start);
    (from..comma)
        .filter(|&k| doc.has(k, TokClass::STARTS_TITLE))
        .find_map(|k| {
            let k = if k > s.start && doc.is_func(k - 1, FuncType::Determiner) {
                k - 1
            } else {
                k
            };
            // (Its portfolio may run on to the comma: "for Further and Higher Education".)
            let portfolio = |e: usize| {
                (e..comma).all(|t| doc.is_word(t) && (doc.is_cap(t) || doc.has(t, TokClass::FUNC)))
            };
            np::parse_at(doc, k, comma)
                .into_iter()
                .find(|x| {
                    x.kind == NpKind::Role
                        && x.head_title().is_some()
                        && x.end <= comma
                        && portfolio(x.end)
                })
                .map(|mut x| {
                    x.end = comma;
                    x
                })
        })
}

fn add_appositive(doc: &Doc<'_>, ents: &mut Entities, id: usize, app: &Np<'_>) {
    let id = ents.live(id);
    if app.kind != NpKind::Role {
        return;
    }
    let text = span_of(doc, app.start, app.end).of(doc.text).to_string();
    let head = app
        .head_title()
        .map(|(a, b, _)| span_of(doc, a, b).of(doc.text).to_lowercase());
    let classes: Vec<String> = app.titles.iter().map(|t| t.class.clone()).collect();
    let Some(e) = ents.list.get_mut(id) else {
        return;
    };
    if !e.named {
        return;
    }
    let new_title = !e.titles.contains(&text);
    if new_title {
        coref::push_short(&mut e.titles, text.clone());
    }
    if e.gender.is_none() {
        e.gender = app.gender(doc);
    }
    // "The dam's builder, Halvorsen Construction": an organisation. (Not a name with a given
    // name's gender: "Farida Holm, a mortgage broker" is a person.)
    let org = app.head().is_some_and(|(_, _, n)| n.kind == NounKind::Org);
    if app.head_title().is_none() && org && e.gender.is_none() {
        e.kind = EntityKind::Organisation;
    }
    // A qualified role ("the former mayor of Leeds") is shown, but is no role a later "the
    // mayor" names, nor one an earlier "the mayor" waits for.
    if coref::is_qualified_role(doc, app) {
        return;
    }
    // (Roles are only searched: one already held is not pushed again.)
    if new_title {
        let role = text.to_lowercase();
        if !e.roles.contains(&role) {
            coref::push_short(&mut e.roles, role);
        }
    }
    if let Some(h) = head.filter(|h| !e.roles.contains(h)) {
        coref::push_short(&mut e.roles, h);
    }
    for c in &classes {
        if !e.classes.contains(c) {
            coref::push_short(&mut e.classes, c.clone());
        }
    }
    let titles = vec![text.to_lowercase()];
    ents.claim_roles(&titles, &classes, id);
}
