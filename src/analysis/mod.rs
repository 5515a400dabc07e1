//! Attribution: quotes and cues joined to speakers, speakers resolved to entities, chains
//! built, and the [`Report`] assembled. Never fails on text.

pub mod coref;
pub mod cue;
pub mod np;
pub mod toks;

use coref::{span_of, Entities};
use cue::{Attr, CueKind, Inherit};
use np::{Np, NpKind};

use crate::grammar::{FuncType, Grammar, NounKind, Stance as GStance, Tag};
use crate::report::{
    self, Anonymity, ChainLink, ChainRole, Construction, Cue, Diagnostic, EntityKind, Excerpt,
    MentionKind, Quote, QuoteKind, Report, Speaker, Stance,
};
use crate::span::Span;
use crate::text::{Doc, MarkProblem, Sentence, TokClass};

/// A unit before it becomes a [`Quote`].
#[derive(Debug, Clone)]
struct Unit {
    kind: QuoteKind,
    content: Span,
    cue: Option<Cue>,
    speaker: Option<(usize, Span)>,
    chain: Vec<ChainLink>,
    paragraph: usize,
    /// The quote token, for quoted units.
    quote: Option<usize>,
}

struct Pending {
    quote_tok: usize,
    sentence: Sentence,
    initial: bool,
}

/// Analyses `text` with `grammar`.
pub fn analyze(text: &str, grammar: &Grammar) -> Report {
    analyze_doc(&Doc::new(text, grammar))
}

/// Analyses a document already read (the checker reuses its tokens and sentences).
pub fn analyze_doc(doc: &Doc<'_>) -> Report {
    let mut ents = Entities::default();
    // Sized for the usual count (each quotation is one unit, a sentence holds about one claim).
    let mut units: Vec<Unit> = Vec::with_capacity(doc.quotes.len() + doc.sentences.len());
    let mut pending: Vec<Pending> = Vec::with_capacity(doc.quotes.len());
    let dateline_end = doc.dateline.as_ref().map(|d| d.span.end);

    // Quote tokens of the current sentence already given to a unit (one buffer for all).
    let mut bound: Vec<bool> = Vec::new();
    // The sentence's attributions (one buffer for all).
    let mut attrs = Vec::new();
    // Sentences without an attribution whose clause opens with a subject pronoun or a definite
    // role ("Asked …, he shook his head."): by first token, who has the floor.
    let mut floors: Vec<(usize, (usize, Span))> = Vec::new();
    for s in doc.sentences.iter().copied() {
        if dateline_end.is_some_and(|e| doc.tokens.get(s.start).is_some_and(|t| t.span.end <= e)) {
            continue;
        }
        cue::attributions_into(doc, s, &mut attrs);
        let (speakers, floor) = resolve_sentence(doc, s, &attrs, &mut ents);
        if let Some(f) = floor.filter(|_| attrs.is_empty()) {
            floors.push((s.start, f));
        }
        // Quote tokens of this sentence already given to a unit.
        bound.clear();
        bound.resize(s.end - s.start, false);
        let is_bound = |b: &[bool], t: usize| b.get(t - s.start).copied().unwrap_or(true);
        let bind = |b: &mut Vec<bool>, t: usize| {
            if let Some(x) = b.get_mut(t - s.start) {
                *x = true;
            }
        };
        // The sentence's anonymity phrases, read once (not once per attribution).
        let mut sentence_anonymity = None;
        let mut anonymity =
            || *sentence_anonymity.get_or_insert_with(|| cue::anonymity(doc, s.start, s.end));
        for (k, a) in attrs.iter().enumerate() {
            let Some(spk) = speakers.get(k).copied().flatten() else {
                continue;
            };
            let mut chain = chain_of(doc, a, spk.0, &mut ents);
            // "X told reporters that Y had said …": X relays Y.
            if let Some((rid, rspan)) = a
                .relayed_by
                .and_then(|j| speakers.get(j).copied().flatten())
            {
                let rid = ents.live(rid);
                if let Some(e) = ents.list.get(rid) {
                    chain.insert(
                        0,
                        ChainLink {
                            name: e.name.clone(),
                            entity: Some(rid),
                            role: ChainRole::Relay,
                            span: Some(rspan),
                        },
                    );
                }
            }
            let cue = cue_of(doc, a);
            // The units pushed for this attribution get its cue and chain at the end: copies,
            // and the originals for the last one.
            let first = units.len();
            if let Some((cs, ce)) = a.content {
                // "Malik made the pledge …, his spokeswoman said": she relays Malik's words.
                if ce <= a.cue.0 {
                    // "Brandvold's comments came …" names him too.
                    if let Some(n) = np::parse_name(doc, cs, ce) {
                        if let Some(x) = ents.name(doc, &n, true, true) {
                            let (x, r) = (ents.live(x), ents.live(spk.0));
                            if x != r {
                                ents.relays.insert(x, vec![r]);
                            }
                        }
                    }
                }
                units.push(Unit {
                    kind: QuoteKind::Indirect,
                    content: span_of(doc, cs, ce),
                    cue: None,
                    speaker: Some(spk),
                    chain: Vec::new(),
                    paragraph: s.paragraph,
                    quote: None,
                });
                for t in cs..ce {
                    if let Some(q) = doc
                        .quote_of(t)
                        .and_then(|q| doc.quotes.get(q))
                        .filter(|_| !is_bound(&bound, t))
                    {
                        bind(&mut bound, t);
                        if is_title(doc, t, q.content.of(doc.text)) {
                            units.push(quoted_unit(
                                doc,
                                t,
                                QuoteKind::Title,
                                None,
                                None,
                                Vec::new(),
                                s.paragraph,
                            ));
                        } else {
                            units.push(quoted_unit(
                                doc,
                                t,
                                QuoteKind::Partial,
                                None,
                                Some(spk),
                                Vec::new(),
                                s.paragraph,
                            ));
                        }
                    }
                }
            }
            for &t in &a.quotes {
                if is_bound(&bound, t) {
                    continue;
                }
                bind(&mut bound, t);
                let kind = if is_direct_position(doc, s, t, a) {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Partial
                };
                units.push(quoted_unit(
                    doc,
                    t,
                    kind,
                    None,
                    Some(spk),
                    Vec::new(),
                    s.paragraph,
                ));
            }
            // Titles of works take no cue.
            let takes_cue = |u: &Unit| u.kind != QuoteKind::Title;
            let last = units
                .get(first..)
                .and_then(|us| us.iter().rposition(takes_cue))
                .map(|k| k + first);
            let (mut cue, mut chain) = (Some(cue), Some(chain));
            for (k, u) in units
                .iter_mut()
                .enumerate()
                .skip(first)
                .filter(|(_, u)| takes_cue(u))
            {
                if Some(k) == last {
                    u.cue = cue.take();
                    u.chain = chain.take().unwrap_or_default();
                } else {
                    u.cue.clone_from(&cue);
                    u.chain = chain.clone().unwrap_or_default();
                }
            }
            // Anonymity stated anywhere in the sentence belongs to its anonymous speaker; an
            // unnamed "a manager at the district, who was not authorized to speak" becomes one.
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
                let (req, why) = anonymity();
                let between = |x: Option<(usize, usize)>| {
                    x.is_some_and(|(b, _)| role_start.is_some_and(|r| r < b) && b < a.cue.0)
                };
                if (indefinite && (req.is_some() || why.is_some())) || between(req) || between(why)
                {
                    if let Some(e) = ents.list.get_mut(id) {
                        e.anonymous = true;
                    }
                }
            }
            if ents.list.get(id).is_some_and(|e| e.anonymous) {
                let (req, why) = anonymity();
                if let Some(e) = ents.list.get_mut(id) {
                    if e.request.is_none() {
                        e.request = req.map(|(a, b)| span_of(doc, a, b));
                    }
                    if e.reason.is_none() {
                        e.reason = why.map(|(a, b)| span_of(doc, a, b));
                    }
                }
            }
        }
        // "The lawmaker spoke on condition of anonymity because …": a sentence about an earlier
        // source's anonymity, not a claim of its own.
        // The request follows the subject closely: a sentence with no anonymity phrase in its
        // first words is not read further.
        let near = s.start..s.end.min(s.start + ANON_STATEMENT_WITHIN);
        if near.clone().any(|t| doc.has(t, TokClass::STARTS_ANON))
            && !attrs
                .iter()
                .any(|a| a.speaker.as_ref().is_some_and(|n| n.start == s.start))
        {
            let (req, why) = anonymity();
            if let Some(req) = req {
                anonymity_statement(doc, s, &mut ents, req, why);
            }
        }
        for t in s.start..s.end {
            if doc.quote_of(t).is_some() && !is_bound(&bound, t) {
                let initial = t == s.start
                    || (t > s.start
                        && (doc.is_punct(t - 1, ":")
                            || doc.is_punct(t - 1, "--")
                            || doc.is_punct(t - 1, "\u{2014}")
                            || doc.quote_of(t - 1).is_some()));
                pending.push(Pending {
                    quote_tok: t,
                    sentence: s,
                    initial,
                });
            }
        }
    }
    drop_crossing(&mut units);
    units.sort_by_key(|u| (u.content.start, u.content.end));
    float_quotes(doc, &mut units, pending, &floors);
    build_report(doc, units, ents)
}

/// Drops reported-speech units whose content crosses another unit's (overlaps it without
/// nesting). A safeguard: `cue::attributions` already makes a sentence's clauses nest, and
/// quotations are whole tokens.
fn drop_crossing(units: &mut Vec<Unit>) {
    let mut order: Vec<usize> = (0..units.len()).collect();
    // Outer units first, so the open ones form a stack of nested spans.
    order.sort_by_key(|&k| {
        units
            .get(k)
            .map(|u| (u.content.start, std::cmp::Reverse(u.content.end)))
    });
    let mut open: Vec<Span> = Vec::new();
    let mut dropped = vec![false; units.len()];
    for k in order {
        let Some(u) = units.get(k) else { continue };
        if u.content.is_empty() {
            continue;
        }
        while open.last().is_some_and(|t| t.end <= u.content.start) {
            open.pop();
        }
        if u.kind == QuoteKind::Indirect && open.last().is_some_and(|t| u.content.end > t.end) {
            if let Some(d) = dropped.get_mut(k) {
                *d = true;
            }
            continue;
        }
        open.push(u.content);
    }
    let mut k = 0;
    units.retain(|_| {
        let keep = !dropped.get(k).copied().unwrap_or(false);
        k += 1;
        keep
    });
}

/// Resolves the speakers of a sentence's attributions, and registers the names and subject
/// pronouns it mentions, in text order.
/// How many tokens into a sentence an anonymity statement's request starts at the latest
/// (a subject of [`np::MAX_NP_TOKENS`] words and two more).
const ANON_STATEMENT_WITHIN: usize = 18;

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
        e.request.get_or_insert(span_of(doc, req.0, req.1));
        if e.reason.is_none() {
            e.reason = why.map(|(a, b)| span_of(doc, a, b));
        }
    }
}

/// Also returns who has the floor after the sentence: the entity of a subject pronoun or
/// definite role opening its clause.
fn resolve_sentence(
    doc: &Doc<'_>,
    s: Sentence,
    attrs: &[Attr<'_>],
    ents: &mut Entities,
) -> (Vec<Option<(usize, Span)>>, Option<(usize, Span)>) {
    // Events: (token, what)
    enum Ev<'x, 'a> {
        Name(Np<'a>, bool),
        /// A subject pronoun or a definite role outside an attribution: it has the floor.
        Subject(Np<'a>),
        Speaker(usize, &'x Np<'a>),
    }
    let mut evs: Vec<(usize, Ev<'_, '_>)> = Vec::new();
    // Speaker phrases by start token, for a binary search in the scan below.
    let mut speakers = cue::SmallPairs::of(
        attrs
            .iter()
            .filter_map(|a| a.speaker.as_ref().map(|n| (n.start, n.end))),
    );
    let speakers = speakers.sorted();
    // Where the clause after a sentence's opening phrase begins: after its first comma, unless
    // a quotation comes first. Found once, not from each comma.
    let after_opening = (s.start..s.end)
        .find(|&k| doc.is_punct(k, ",") || doc.quote_of(k).is_some())
        .filter(|&k| doc.is_punct(k, ","))
        .map(|k| k + 1);
    // The reported clauses by start, read with the scan: how far those begun so far reach.
    let mut claims = cue::SmallPairs::of(attrs.iter().filter_map(|a| a.content));
    let claims = claims.sorted();
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
        // (And after one or two lower-case role words there: "Inside, volunteer Marcy Delgado
        // was handing out sandwiches.")
        let role_words = |d: usize| {
            t >= s.start + d
                && (t - d..t).all(|k| {
                    doc.is_word(k)
                        && !doc.is_cap(k)
                        && doc.has(k, TokClass::NOUN)
                        && !doc.has(k, TokClass::FUNC | TokClass::VERB)
                })
                && (t - d == s.start
                    || np::is_boundary(doc, t - d - 1)
                        && !doc.is_func(t - d - 1, FuncType::Preposition))
        };
        let is_subject_pos = t == s.start
            || opening_past
            || np::is_boundary(doc, t - 1) && !doc.is_func(t - 1, FuncType::Preposition);
        if let Ok(k) = speakers.binary_search_by_key(&t, |x| x.0) {
            t = speakers.get(k).map_or(t + 1, |x| x.1.max(t + 1));
            continue;
        }
        if np::is_name_word(doc, t) || doc.has(t, TokClass::TITLE) {
            let is_subject_pos =
                is_subject_pos || (np::is_name_word(doc, t) && (role_words(1) || role_words(2)));
            if let Some(mut n) = np::parse_name(doc, t, s.end) {
                // "Shares in Hallmark Tyne, the shipping insurer, fell": a definite organisation
                // noun in apposition says the name is an organisation's.
                if !n.org_name
                    && doc.is_punct(n.end, ",")
                    && doc.is_func(n.end + 1, FuncType::Determiner)
                {
                    let org = |r: &Np<'_>| {
                        r.kind == NpKind::Role
                            && r.definite
                            && !r.possessive
                            && r.head_title.is_none()
                            && r.head.is_some_and(|(_, _, h)| h.kind == NounKind::Org)
                    };
                    let closed =
                        |e: usize| e >= s.end || doc.is_punct(e, ",") || doc.is_punct(e, ".");
                    n.org_name = np::parse_at(doc, n.end + 1, s.end)
                        .into_iter()
                        .any(|r| org(&r) && closed(r.end));
                }
                let end = n.end;
                // A name inside a reported clause is no subject of the story's: "Holmgren said
                // his captain, Joel Adeyemi, had come off. He said …" is Holmgren again.
                let in_claim = t < claim_reach;
                // Capitalised heading words are not names: need a lower-case word in the sentence.
                evs.push((t, Ev::Name(n, is_subject_pos && !in_claim)));
                t = end.max(t + 1);
                continue;
            }
        }
        if is_subject_pos
            && doc.has(t, TokClass::PRONOUN)
            && doc.word_tags(t).any(
                |x| matches!(x, Tag::Pronoun(p) if p.person == 3 && p.kind == NounKind::Person),
            )
            && doc.is_word(t + 1)
        {
            if let Some(n) = np::parse_at(doc, t, s.end)
                .into_iter()
                .find(|n| n.kind == NpKind::Pronoun)
            {
                evs.push((t, Ev::Subject(n)));
            }
        }
        // "Asked whether he was worried, the coach laughed.": a definite role opening the
        // clause of a sentence, before a lower-case word (its verb), has the floor.
        let opening = t == s.start || after_opening == Some(t);
        // Parsed only when a role word of the lexicon follows within three words.
        let role_word = || {
            (t + 1..(t + 4).min(s.end))
                .any(|k| doc.has(k, TokClass::STARTS_NOUN | TokClass::STARTS_TITLE))
        };
        if opening
            && doc.is_func(t, FuncType::Determiner)
            && role_word()
            && doc
                .word_tags(t)
                .any(|x| matches!(x, Tag::Func(f) if f.definite && f.article))
        {
            let role = np::parse_at(doc, t, s.end)
                .into_iter()
                .filter(|n| {
                    n.kind == NpKind::Role && n.definite && n.noun_kind() == NounKind::Person
                })
                .max_by_key(|n| n.end);
            if let Some(n) = role.filter(|n| doc.is_word(n.end) && !doc.is_cap(n.end)) {
                evs.push((t, Ev::Subject(n)));
            }
        }
        t += 1;
    }
    for (k, a) in attrs.iter().enumerate() {
        if let Some(n) = &a.speaker {
            evs.push((n.start, Ev::Speaker(k, n)));
        }
    }
    evs.sort_by_key(|(t, _)| *t);
    let mut out: Vec<Option<(usize, Span)>> = vec![None; attrs.len()];
    let mut floor = None;
    for (_, ev) in evs {
        match ev {
            Ev::Name(n, subj) => {
                let id = ents.name(doc, &n, subj, true);
                if subj && (n.start == s.start || Some(n.start) == after_opening) {
                    floor = id.map(|i| (i, span_of(doc, n.start, n.end)));
                }
            }
            Ev::Subject(n) => {
                let id = ents.resolve(doc, &n, true);
                if n.start == s.start || Some(n.start) == after_opening {
                    floor = id.map(|i| (i, span_of(doc, n.start, n.end)));
                }
            }
            Ev::Speaker(k, n) => {
                // "Manchester United have sacked …, the club announced": the organisation named
                // at the start of the claim the role closes.
                let opening = attrs
                    .get(k)
                    .filter(|_| coref::is_org_role(n))
                    .and_then(|a| {
                        a.content
                            .filter(|&(cs, ce)| cs == s.start && ce <= a.cue.0 && doc.is_cap(cs))
                    });
                let named = opening.and_then(|(cs, ce)| {
                    let name = np::parse_at(doc, cs, ce)
                        .into_iter()
                        .filter(|x| x.kind == NpKind::Name)
                        .max_by_key(|x| x.end)?;
                    // The name is the clause's subject: its verb follows. One capitalised word
                    // opening a sentence is as likely a common word ("Retail sales fell").
                    let words = name.name.map_or(0, |(a, b)| b - a);
                    (words >= 2 && doc.is_word(name.end) && !doc.is_cap(name.end))
                        .then(|| ents.org_named_in_claim(doc, &name, n))
                        .flatten()
                });
                let id = named.or_else(|| ents.resolve(doc, n, true));
                if let Some(id) = id {
                    for app in attrs.get(k).map_or(&[][..], |a| a.appositives.as_slice()) {
                        add_appositive(doc, ents, id, app);
                    }
                }
                if let Some(slot) = out.get_mut(k) {
                    *slot = id.map(|i| (i, span_of(doc, n.start, n.end)));
                }
            }
        }
    }
    // Participles inherit.
    for (k, a) in attrs.iter().enumerate() {
        if out.get(k).is_some_and(Option::is_some) {
            continue;
        }
        let inherited = match a.inherit {
            Some(Inherit::Attr(j)) => out.get(j).copied().flatten(),
            Some(Inherit::Subject) => doc
                .tokens
                .get(s.start)
                .and_then(|_| cue::find_subject(doc, s.start, first_verbish(doc, s)))
                .and_then(|(n, _, _)| {
                    ents.resolve(doc, &n, true)
                        .map(|id| (id, span_of(doc, n.start, n.end)))
                }),
            None => None,
        };
        if let Some(slot) = out.get_mut(k) {
            *slot = inherited;
        }
    }
    // "X expressed these sentiments, as reported by Y": Y relays X from now on.
    // (The relay is the sentence's first, found once.)
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
    (out, floor)
}

/// The first token after the sentence's subject phrase: where its verb should be.
fn first_verbish(doc: &Doc<'_>, s: Sentence) -> usize {
    np::parse_forward(doc, s.start, s.end).map_or(s.start, |n| n.end)
}

fn add_appositive(doc: &Doc<'_>, ents: &mut Entities, id: usize, app: &Np<'_>) {
    let id = ents.live(id);
    if app.kind != NpKind::Role {
        return;
    }
    let text = span_of(doc, app.start, app.end).of(doc.text).to_string();
    let head = app
        .head_title
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
    // "The dam's builder, Halvorsen Construction": an organisation.
    if app.head_title.is_none() && app.head.is_some_and(|(_, _, n)| n.kind == NounKind::Org) {
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

fn is_direct_position(doc: &Doc<'_>, s: Sentence, t: usize, a: &Attr<'_>) -> bool {
    if t == s.start || t < a.cue.0 {
        return true;
    }
    let prev = t - 1;
    if doc.is_punct(prev, ":")
        || doc.is_punct(prev, ",")
        || doc.is_punct(prev, "--")
        || doc.is_punct(prev, "\u{2014}")
    {
        return true;
    }
    // `said "…"` with no punctuation: a sentence-like quote is direct, a fragment partial.
    let inner = doc
        .quote_of(t)
        .and_then(|q| doc.quotes.get(q))
        .map_or("", |q| q.content.of(doc.text));
    inner.chars().next().is_some_and(char::is_uppercase) && a.cue.1 == t
}

fn quoted_unit(
    doc: &Doc<'_>,
    t: usize,
    kind: QuoteKind,
    cue: Option<Cue>,
    speaker: Option<(usize, Span)>,
    chain: Vec<ChainLink>,
    paragraph: usize,
) -> Unit {
    let content = doc
        .quote_of(t)
        .and_then(|q| doc.quotes.get(q))
        .map_or(Span::default(), |q| q.content);
    Unit {
        kind,
        content,
        cue,
        speaker,
        chain,
        paragraph,
        quote: Some(t),
    }
}

fn cue_of(doc: &Doc<'_>, a: &Attr<'_>) -> Cue {
    let span = span_of(doc, a.cue.0, a.cue.1);
    Cue {
        span,
        text: span.of(doc.text).to_string(),
        lemma: a.verb.map(|v| v.lemma.clone()),
        stance: match a.verb.map(|v| v.stance) {
            Some(GStance::Loaded) => Stance::Loaded,
            _ => Stance::Neutral,
        },
        construction: match a.kind {
            CueKind::Verb => Construction::Verb,
            CueKind::QuotedAs => Construction::QuotedAs,
            CueKind::Participle => Construction::Participle,
            CueKind::According => Construction::According,
            CueKind::ReportedBy => Construction::ReportedBy,
            CueKind::Citing => Construction::Citing,
        },
    }
}

fn chain_of(doc: &Doc<'_>, a: &Attr<'_>, speaker: usize, ents: &mut Entities) -> Vec<ChainLink> {
    let mut chain = Vec::new();
    for n in &a.chain {
        let id = ents.resolve(doc, n, false);
        let span = span_of(doc, n.start, n.end);
        let name = id
            .and_then(|i| ents.list.get(ents.live(i)))
            .map_or_else(|| span.of(doc.text).to_string(), |e| e.name.clone());
        chain.push(ChainLink {
            name,
            entity: id,
            role: if n.outlet || n.noun_kind() == NounKind::Org {
                ChainRole::Outlet
            } else {
                ChainRole::Relay
            },
            span: Some(span),
        });
    }
    // An agentless passive ("was quoted as stating") goes through the speaker's known relay.
    if chain.is_empty() && a.kind == CueKind::QuotedAs {
        if let Some(rs) = ents.relays.get(&ents.live(speaker)).cloned() {
            for r in rs {
                let r = ents.live(r);
                if let Some(e) = ents.list.get(r) {
                    chain.push(ChainLink {
                        name: e.name.clone(),
                        entity: Some(r),
                        role: ChainRole::Relay,
                        span: None,
                    });
                }
            }
        }
    }
    chain
}

/// Quotes no cue claimed: continuation of a multi-paragraph quote, floating quotes after an
/// attributed one, unattributed quotes, titles of works and scare quotes. One merge pass over
/// the attributed units (sorted by position) and the pending quotes (in text order).
fn float_quotes(
    doc: &Doc<'_>,
    units: &mut Vec<Unit>,
    pending: Vec<Pending>,
    floors: &[(usize, (usize, Span))],
) {
    if pending.is_empty() {
        return;
    }
    // The attributed units, each moved to `out` when the merge passes it; those after the
    // cursor are still here for the look-ahead.
    let mut existing: Vec<Option<Unit>> = std::mem::take(units).into_iter().map(Some).collect();
    let attributed_direct = |u: &Unit| u.kind == QuoteKind::Direct && u.speaker.is_some();
    // next[k]: the first attributed direct unit at or after existing[k].
    let mut next: Vec<Option<usize>> = vec![None; existing.len() + 1];
    for k in (0..existing.len()).rev() {
        let here = existing
            .get(k)
            .and_then(Option::as_ref)
            .filter(|u| attributed_direct(u))
            .map(|_| k);
        let after = next.get(k + 1).copied().flatten();
        if let Some(slot) = next.get_mut(k) {
            *slot = here.or(after);
        }
    }
    let mut out: Vec<Unit> = Vec::with_capacity(existing.len() + pending.len());
    // The last direct unit and the last attributed indirect one, as indices into `out`: kept
    // as the merge goes, so no quotation scans back (linear on a document of quotes).
    let mut last = Last::default();
    let mut cursor = 0usize;
    let push = |out: &mut Vec<Unit>, last: &mut Last, u: Unit| {
        if u.kind == QuoteKind::Direct {
            last.direct = Some(out.len());
        }
        if u.kind == QuoteKind::Indirect && u.speaker.is_some() {
            last.claim = Some(out.len());
        }
        out.push(u);
    };
    for p in pending {
        let Some(q) = doc.quote_of(p.quote_tok).and_then(|i| doc.quotes.get(i)) else {
            continue;
        };
        let content = q.content;
        while let Some(u) = existing
            .get_mut(cursor)
            .filter(|u| u.as_ref().is_some_and(|u| u.content.start < content.start))
            .and_then(Option::take)
        {
            cursor += 1;
            push(&mut out, &mut last, u);
        }
        let para = p.sentence.paragraph;
        let inner = content.of(doc.text);
        let prev_direct = last.direct.and_then(|i| out.get(i));
        let before = out.last();
        let mut kind = QuoteKind::Direct;
        let mut from: Option<&Unit> = None;
        let mut how = Construction::Floating;
        let mut floor = None;
        if q.continues {
            from = prev_direct;
            how = Construction::Continuation;
        } else if p.initial {
            // Same paragraph: the attributed quote before it, else the one after.
            from = prev_direct.filter(|u| u.paragraph == para && u.speaker.is_some());
            if from.is_none() {
                from = next
                    .get(cursor)
                    .copied()
                    .flatten()
                    .and_then(|j| existing.get(j))
                    .and_then(Option::as_ref)
                    .filter(|u| u.paragraph == para);
            }
            if from.is_none() {
                // "Berg said the dressing room was united. Asked …, he shrugged. "That's not
                // for me to decide."": the paragraph's last attributed claim before it, when no
                // sentence between opens with another name ("Jones disagreed.").
                from = last.claim.and_then(|i| out.get(i)).filter(|u| {
                    u.paragraph == para
                        && !named_subject_between(doc, u.content.end, content.start, para)
                });
            }
            // The sentence after this one, when it is in the same paragraph.
            let next_sentence = doc
                .sentences
                .get(doc.sentences.partition_point(|s| s.start < p.sentence.end))
                .filter(|s| s.paragraph == para);
            if from.is_none() {
                // `"We have done our part." He said the rest was up to the council.`: the speaker
                // of the sentence right after it, in the same paragraph.
                let span = next_sentence.map(|s| span_of(doc, s.start, s.end));
                from = existing
                    .get(cursor)
                    .and_then(Option::as_ref)
                    .filter(|u| {
                        u.speaker.is_some() && u.paragraph == para && u.kind != QuoteKind::Title
                    })
                    .filter(|u| {
                        span.is_some_and(|sp| {
                            sp.start <= u.content.start && u.content.end <= sp.end
                        })
                    });
            }
            if from.is_none() && floor.is_none() {
                // `"I used to swim here." Ffion Jones, 44, has swum …`: the subject opening the
                // next sentence of the paragraph, when it has no attribution of its own.
                let only_quote = p.sentence.end - p.sentence.start <= 2;
                floor = next_sentence
                    .filter(|s| only_quote && s.start == p.sentence.end)
                    .and_then(|&s| floor_of(floors, s));
            }
            if from.is_none() && floor.is_none() {
                // A sentence that is only this quote, after a paragraph ending in an attributed
                // quote, with no attribution after it.
                let only_quote = p.sentence.end - p.sentence.start <= 2;
                from = before
                    .filter(|u| only_quote && attributed_direct(u) && u.paragraph + 1 == para);
            }
            if from.is_none() && floor.is_none() {
                // "Asked whether …, he shook his head. "It's one game."": the subject opening
                // the sentence just before, in the same paragraph, has the floor; "Asked about
                // the cut, she was blunt: "…"": the subject of the clause before the colon.
                floor = if p.quote_tok > p.sentence.start && doc.is_punct(p.quote_tok - 1, ":") {
                    floor_of(floors, p.sentence)
                } else {
                    let k = doc
                        .sentences
                        .partition_point(|s| s.start < p.sentence.start);
                    let prev = k
                        .checked_sub(1)
                        .and_then(|k| doc.sentences.get(k))
                        .filter(|s| s.paragraph == para);
                    prev.and_then(|&s| floor_of(floors, s))
                };
            }
        } else if is_title(doc, p.quote_tok, inner) {
            kind = QuoteKind::Title;
        } else if inner.split_whitespace().count() < 6
            || !inner.chars().next().is_some_and(char::is_uppercase)
        {
            kind = QuoteKind::Scare;
        }
        let unit = match (kind, from) {
            (QuoteKind::Direct, Some(u)) => Unit {
                kind,
                content,
                cue: u.cue.clone().map(|mut c| {
                    c.construction = how;
                    c
                }),
                speaker: u.speaker,
                chain: u.chain.clone(),
                paragraph: para,
                quote: Some(p.quote_tok),
            },
            _ => Unit {
                kind,
                content,
                cue: None,
                speaker: floor.filter(|_| kind == QuoteKind::Direct),
                chain: Vec::new(),
                paragraph: para,
                quote: Some(p.quote_tok),
            },
        };
        push(&mut out, &mut last, unit);
    }
    for u in existing.into_iter().skip(cursor).flatten() {
        push(&mut out, &mut last, u);
    }
    out.sort_by_key(|u| (u.content.start, u.content.end));
    *units = out;
}

/// Who has the floor after sentence `s` (see `resolve_sentence`), if anyone.
fn floor_of(floors: &[(usize, (usize, Span))], s: Sentence) -> Option<(usize, Span)> {
    floors
        .binary_search_by_key(&s.start, |f| f.0)
        .ok()
        .and_then(|i| floors.get(i))
        .map(|f| f.1)
}

/// The last direct unit and the last attributed indirect unit merged so far.
#[derive(Default)]
struct Last {
    direct: Option<usize>,
    claim: Option<usize>,
}

/// How many sentences between a claim and a quotation [`named_subject_between`] reads; with
/// more, someone else may well have the floor, and the answer is yes.
const FLOOR_SENTENCES: usize = 4;

/// Whether a sentence of paragraph `para` starting between bytes `from` and `to` opens with a
/// proper name (its subject, most likely): someone else may have the floor.
fn named_subject_between(doc: &Doc<'_>, from: usize, to: usize, para: usize) -> bool {
    let start_of = |s: &Sentence| doc.tokens.get(s.start).map_or(usize::MAX, |t| t.span.start);
    let first = doc.sentences.partition_point(|s| start_of(s) <= from);
    let between = doc
        .sentences
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|s| start_of(s) < to);
    let mut n = 0;
    for s in between {
        n += 1;
        if n > FLOOR_SENTENCES
            || (s.paragraph == para
                && np::parse_name(doc, s.start, s.end).is_some_and(|x| x.start == s.start))
        {
            return true;
        }
    }
    false
}

/// Whether the quotation at token `t` (its words `inner`) is the title of a work: after a
/// work noun or "titled", or in title case.
pub(super) fn is_title(doc: &Doc<'_>, t: usize, inner: &str) -> bool {
    let work_before = (t.saturating_sub(3)..t).any(|k| {
        (doc.has(k, TokClass::NOUN)
            && doc
                .word_tags(k)
                .any(|x| matches!(x, Tag::Noun(n) if n.kind == NounKind::Work)))
            || matches!(doc.tok_text(k), "titled" | "entitled")
    });
    let words: Vec<&str> = inner.split_whitespace().collect();
    let title_case = words.len() >= 2
        && !inner.trim_end().ends_with(['.', ',', '!', '?'])
        && words
            .iter()
            .filter(|w| w.len() > 3)
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    work_before || title_case
}

fn build_report(doc: &Doc<'_>, units: Vec<Unit>, ents: Entities) -> Report {
    // Live entities that are referenced, renumbered densely in order of first mention.
    // `number[id]`: whether the live entity `id` is used, then its new number (a table, not a
    // search of `used`: a long document may name many thousands of speakers).
    let mut used: Vec<usize> = Vec::new();
    let mut number: Vec<Option<usize>> = vec![None; ents.list.len()];
    let mut add = |id: usize, used: &mut Vec<usize>| {
        let id = ents.live(id);
        if let Some(slot @ None) = number.get_mut(id) {
            *slot = Some(0);
            used.push(id);
        }
    };
    for u in &units {
        if let Some((id, _)) = u.speaker {
            add(id, &mut used);
        }
        for c in &u.chain {
            if let Some(id) = c.entity {
                add(id, &mut used);
            }
        }
    }
    used.sort_by_key(|&id| {
        ents.list
            .get(id)
            .and_then(|e| e.mentions.iter().map(|(s, _)| s.start).min())
            .unwrap_or(usize::MAX)
    });
    for (i, &id) in used.iter().enumerate() {
        if let Some(slot) = number.get_mut(id) {
            *slot = Some(i);
        }
    }
    let new_id = |id: usize| number.get(ents.live(id)).copied().flatten();
    let excerpt = |s: Span| Excerpt {
        span: s,
        text: s.of(doc.text).to_string(),
    };
    let entities: Vec<report::Entity> = used
        .iter()
        .enumerate()
        .filter_map(|(i, &id)| {
            let e = ents.list.get(id)?;
            let mut mentions: Vec<report::Mention> = e
                .mentions
                .iter()
                .map(|(s, k)| report::Mention {
                    span: *s,
                    text: s.of(doc.text).to_string(),
                    kind: *k,
                })
                .collect();
            mentions.sort_by_key(|m| m.span.start);
            mentions.dedup_by_key(|m| m.span);
            Some(report::Entity {
                id: i,
                name: e.name.clone(),
                kind: if e.anonymous {
                    EntityKind::Anonymous
                } else {
                    e.kind
                },
                titles: e.titles.clone(),
                gender: e.gender,
                anonymous: e.anonymous,
                vague: e.vague,
                anonymity_reason: e.reason.map(excerpt),
                anonymity_request: e.request.map(excerpt),
                mentions,
            })
        })
        .collect();
    let publisher = doc
        .dateline
        .as_ref()
        .and_then(|d| d.outlet)
        .map(|s| ChainLink {
            name: s.of(doc.text).to_string(),
            entity: None,
            role: ChainRole::Publisher,
            span: Some(s),
        });
    let mut quotes: Vec<Quote> = Vec::with_capacity(units.len());
    // The last direct unit, and the last direct unit of each cue (by the cue's start), looked up
    // in constant time: a document may hold many thousands of quotes.
    let mut last_direct: Option<usize> = None;
    let mut last_direct_by_cue: std::collections::HashMap<usize, usize> =
        std::collections::HashMap::new();
    for (i, u) in units.into_iter().enumerate() {
        let speaker = u.speaker.and_then(|(id, m)| {
            let nid = new_id(id)?;
            let e = entities.get(nid)?;
            Some(Speaker {
                entity: nid,
                name: e.name.clone(),
                anonymous: e.anonymous,
                mention: m,
                mention_text: m.of(doc.text).to_string(),
            })
        });
        let anonymity = speaker
            .as_ref()
            .filter(|s| s.anonymous)
            .and_then(|s| entities.get(s.entity))
            .map(|e| Anonymity {
                descriptor: e.name.clone(),
                reason: e.anonymity_reason.clone(),
                request: e.anonymity_request.clone(),
            });
        let mut chain: Vec<ChainLink> = u
            .chain
            .into_iter()
            .map(|mut c| {
                c.entity = c.entity.and_then(new_id);
                c
            })
            .collect();
        if let Some(p) = &publisher {
            if u.kind != QuoteKind::Title
                && u.kind != QuoteKind::Scare
                && !chain.iter().any(|c| c.name == p.name)
            {
                chain.push(p.clone());
            }
        }
        // A unit continues the previous one when it is the same speaker's next quote in a broken
        // or multi-paragraph quotation.
        let continues = match (&u.cue, u.quote) {
            (Some(c), Some(_)) if c.construction == Construction::Continuation => last_direct,
            (Some(c), Some(_)) if u.kind == QuoteKind::Direct => {
                last_direct_by_cue.get(&c.span.start).copied()
            }
            _ => None,
        };
        if u.kind == QuoteKind::Direct {
            if let Some(c) = &u.cue {
                last_direct = Some(i);
                last_direct_by_cue.insert(c.span.start, i);
            }
        }
        quotes.push(Quote {
            id: i,
            kind: u.kind,
            content: u.content,
            text: u.content.of(doc.text).to_string(),
            cue: u.cue,
            speaker,
            anonymity,
            chain,
            paragraph: u.paragraph,
            continues,
        });
    }
    let diagnostics = doc
        .problems
        .iter()
        .map(|p| match p {
            MarkProblem::Unclosed(s) => Diagnostic {
                code: "unclosed-quote".into(),
                message: format!(
                    "quotation mark {} opens a quote that never closes",
                    s.of(doc.text)
                ),
                span: *s,
            },
            MarkProblem::Unopened(s) => Diagnostic {
                code: "unopened-quote".into(),
                message: format!(
                    "quotation mark {} closes a quote that never opened",
                    s.of(doc.text)
                ),
                span: *s,
            },
        })
        .collect();
    Report {
        schema_version: report::SCHEMA_VERSION,
        dateline: doc.dateline.as_ref().map(|d| report::DatelineInfo {
            span: d.span,
            place: d.place.of(doc.text).to_string(),
            outlet: d.outlet.map(|o| o.of(doc.text).to_string()),
        }),
        entities,
        quotes,
        diagnostics,
    }
}

#[allow(dead_code)]
fn _assert_mention_kind(_: MentionKind) {}
