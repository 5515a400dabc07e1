//! The units of one sentence's attributions: an indirect unit for a reported clause, partial
//! units (or titles) for the quotations inside it, and direct or partial units for the
//! quotations next to the cue, each with the attribution's cue and source chain. Quotations no
//! cue claimed are set aside for [`super::floating`].

use super::anonymity::SentenceAnonymity;
use super::constructions::{is_title, Attr, CueKind};
use super::coref::{span_of, Entities};
use super::np;
use super::{small, Credit, Cued, SetAside, Unit};
use crate::grammar::{FuncType, NounKind, Stance as GStance, VerbKind};
use crate::report::{ChainLink, ChainRole, Construction, Cue, QuoteKind, Stance};
use crate::span::Span;
use crate::syntax::{Tag, TagSet};
use crate::text::{Doc, Sentence};

/// The quote tokens of one sentence already given to a unit (one buffer for the document).
#[derive(Default)]
struct Bound {
    /// The sentence's first token.
    start: usize,
    /// By token from `start`: whether it is given.
    taken: Vec<bool>,
}

impl Bound {
    /// Starts sentence `s`: none of its tokens is given yet.
    fn reset(&mut self, s: Sentence) {
        self.start = s.start;
        self.taken.clear();
        self.taken.resize(s.end - s.start, false);
    }

    /// Whether token `t` is given (a token outside the sentence counts as given).
    fn is_bound(&self, t: usize) -> bool {
        self.taken.get(t - self.start).copied().unwrap_or(true)
    }

    /// Gives token `t` to a unit.
    fn bind(&mut self, t: usize) {
        if let Some(x) = self.taken.get_mut(t - self.start) {
            *x = true;
        }
    }
}

/// What the sentences emit, gathered over the document in text order.
pub(super) struct Emitted {
    /// The units of the attributions.
    pub(super) units: Vec<Unit>,
    /// The quotations no attribution claimed.
    pub(super) pending: Vec<SetAside>,
    /// The current sentence's quote tokens already given to a unit.
    bound: Bound,
}

impl Emitted {
    /// Room for the usual count in `doc` (each quotation is one unit, a sentence holds about
    /// one claim).
    pub(super) fn for_doc(doc: &Doc<'_>) -> Self {
        Emitted {
            units: Vec::with_capacity(doc.quotes.len() + doc.sentences.len()),
            pending: Vec::with_capacity(doc.quotes.len()),
            bound: Bound::default(),
        }
    }

    /// Emits the units of sentence `s`, whose attributions `attrs` have the speakers
    /// `speakers` (by attribution; one with none emits nothing), and sets aside the
    /// quotations none of them claimed. Anonymity the sentence states goes to its anonymous
    /// speaker, or to the earlier source the sentence is about.
    pub(super) fn sentence(
        &mut self,
        doc: &Doc<'_>,
        s: Sentence,
        attrs: &[Attr<'_>],
        speakers: &[Option<(usize, Span)>],
        ents: &mut Entities,
    ) {
        self.bound.reset(s);
        // The sentence's anonymity phrases, read once (not once per attribution).
        let mut anonymity = SentenceAnonymity::new(s);
        for (k, a) in attrs.iter().enumerate() {
            let Some(spk) = speakers.get(k).copied().flatten() else {
                continue;
            };
            let spk = (spk.0, relative_mention(doc, a).unwrap_or(spk.1));
            let chain = relayed_chain(doc, a, spk, speakers, ents);
            let cue = cue_of(doc, a);
            // The units pushed for this attribution get its cue and chain at the end.
            let first = self.units.len();
            if let Some((cs, ce)) = a.content() {
                note_named_in_claim(doc, a, (cs, ce), spk, ents);
                let belief = a.verb.is_some_and(|v| v.kind == VerbKind::Belief);
                self.claim_units(doc, s, (cs, ce), spk, belief);
            }
            self.quote_units(doc, s, a, spk);
            share_cue_and_chain(&mut self.units, first, cue, chain);
            anonymity.mark_speaker(doc, a, spk, ents);
        }
        anonymity.statement(doc, attrs, ents);
        self.set_aside_unclaimed(doc, s);
    }

    /// The units of a reported clause (tokens `[cs, ce)`): an indirect unit, then for each
    /// quotation inside it not given yet a partial unit, or a title unit when it is the title
    /// of a work ([`is_title`]). A belief's clause is one unit of kind `belief`, and the
    /// quotations in it are left to the rest of the analysis: whose words they are, a belief
    /// does not say.
    fn claim_units(
        &mut self,
        doc: &Doc<'_>,
        s: Sentence,
        (cs, mut ce): (usize, usize),
        spk: (usize, Span),
        belief: bool,
    ) {
        // ("said nothing would change, and …": a mark closing the clause is no part of it.)
        while ce > cs + 1 && [",", ";", ":"].iter().any(|m| doc.is_punct(ce - 1, m)) {
            ce -= 1;
        }
        // ("Yet, as Bowen observed, …", "Even if …, Moran said, …": a clause cut down to its
        // connective or an adverb says nothing.)
        const EMPTY: TagSet = TagSet::ADV
            .or(TagSet::ADP)
            .with(Tag::CconjCc)
            .with(Tag::SconjIn);
        let empty = (cs..ce).all(|t| {
            let g = doc.tag(t);
            doc.quote_of(t).is_none() && (!doc.is_word(t) || EMPTY.has(g))
        });
        // ("was describing what she called …", "disputed that/IN account": a question word
        // alone, or one noun after "that", says nothing either.)
        let lone = ce == cs + 1
            && (matches!(
                doc.tag(cs),
                Tag::PronWp | Tag::PronWdt | Tag::DetWdt | Tag::AdvWrb
            ) || cs > 0 && doc.tok_eq_ci(cs - 1, "that") && doc.tag(cs).is_noun());
        // ("repeated to reporters a few hours later": a time closing with its adverb is
        // when, not what.)
        let time = ce - cs <= 5
            && doc.is_func(ce - 1, FuncType::Adverb)
            && doc.is_func(ce - 1, FuncType::Time)
            && (cs..ce - 1).all(|t| {
                let g = doc.tag(t);
                g.is_det() || g.is_adj() || g.is_num() || g.is_noun() && !g.is_proper()
            });
        if empty || lone || time {
            return;
        }
        self.units.push(Unit {
            kind: if belief {
                QuoteKind::Belief
            } else {
                QuoteKind::Indirect
            },
            content: Unit::content_of(span_of(doc, cs, ce)),
            cue: None,
            speaker: Some(Credit::of(spk)),
            paragraph: small(s.paragraph),
            quoted: false,
        });
        if belief {
            return;
        }
        for t in cs..ce {
            if let Some(q) = doc
                .quote_of(t)
                .and_then(|q| doc.quotes.get(q))
                .filter(|_| !self.bound.is_bound(t))
            {
                self.bound.bind(t);
                if is_title(doc, t, q.content().of(doc.text)) {
                    self.units
                        .push(quoted_unit(doc, t, QuoteKind::Title, None, s.paragraph));
                } else {
                    self.units.push(quoted_unit(
                        doc,
                        t,
                        QuoteKind::Partial,
                        Some(spk),
                        s.paragraph,
                    ));
                }
            }
        }
    }

    /// The units of the quotations attribution `a` claims directly, not given yet: direct in
    /// a direct quote's position ([`is_direct_position`]), else partial.
    fn quote_units(&mut self, doc: &Doc<'_>, s: Sentence, a: &Attr<'_>, spk: (usize, Span)) {
        for &t in &a.quotes {
            // A credit line's quotation, in the paragraph before, was set aside unclaimed:
            // it is taken back (from the end, where it was just put).
            if t < s.start {
                let Some(i) = self.pending.iter().rposition(|p| p.tok() == t) else {
                    continue;
                };
                let p = self.pending.remove(i).pending(doc);
                self.units.push(quoted_unit(
                    doc,
                    t,
                    QuoteKind::Direct,
                    Some(spk),
                    p.sentence().paragraph,
                ));
                continue;
            }
            if self.bound.is_bound(t) {
                continue;
            }
            self.bound.bind(t);
            // `is reading "The Salt Orchard," a debut novel`: a described title after the cue.
            let inner = doc
                .quote_of(t)
                .and_then(|q| doc.quotes.get(q))
                .map_or("", |q| q.content().of(doc.text));
            let titled = t > a.cue().0 && doc.is_func(t + 1, FuncType::Determiner);
            let kind = if titled && is_title(doc, t, inner) {
                QuoteKind::Title
            } else if is_direct_position(doc, s, t, a) {
                QuoteKind::Direct
            } else {
                QuoteKind::Partial
            };
            self.units
                .push(quoted_unit(doc, t, kind, Some(spk), s.paragraph));
        }
    }

    /// Sets aside the quotations of sentence `s` that no unit took, for
    /// [`super::floating::float_quotes`]; `initial` when one opens the sentence or follows a
    /// colon, a dash or another quotation.
    fn set_aside_unclaimed(&mut self, doc: &Doc<'_>, s: Sentence) {
        for t in s.start..s.end {
            if doc.quote_of(t).is_some() && !self.bound.is_bound(t) {
                let initial = t == s.start
                    || (t > s.start
                        && (doc.is_punct(t - 1, ":")
                            || doc.is_dash(t - 1)
                            || doc.quote_of(t - 1).is_some()));
                self.pending.push(SetAside::new(t, initial));
            }
        }
    }
}

/// The words that name the speaker of attribution `a` when its verb heads a relative clause
/// with no subject of its own: the relative pronoun ("Dana Ruiz, who said …": "who", as "he"
/// is the mention in "he said"). The speaker is still the phrase the clause hangs on.
fn relative_mention(doc: &Doc<'_>, a: &Attr<'_>) -> Option<Span> {
    let c = doc.clauses.get(a.clause()?)?;
    if c.kind != crate::syntax::ClauseKind::Relative || c.subject.is_some() {
        return None;
    }
    let t = doc.phrases.get(c.opener? as usize)?.start as usize;
    let relative =
        matches!(doc.tag(t), Tag::PronWp | Tag::PronWdt | Tag::DetWdt) || doc.tok_eq_ci(t, "that");
    relative.then(|| span_of(doc, t, t + 1))
}

/// The source chain of attribution `a` (speaker `spk`), with the speaker of the attribution
/// that relayed it first: "X told reporters that Y had said …" (X relays Y).
fn relayed_chain(
    doc: &Doc<'_>,
    a: &Attr<'_>,
    spk: (usize, Span),
    speakers: &[Option<(usize, Span)>],
    ents: &mut Entities,
) -> Vec<ChainLink> {
    let mut chain = chain_of(doc, a, spk.0, ents);
    if let Some((rid, rspan)) = a
        .relayed_by()
        .and_then(|j| speakers.get(j).copied().flatten())
    {
        let rid = ents.live(rid);
        // (No speaker relays their own words: "Herrera says …, as he's often alleged".)
        if let Some(e) = ents.list.get(rid).filter(|_| rid != ents.live(spk.0)) {
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
    chain
}

/// "Malik made the pledge …, his spokeswoman said": a claim (tokens `[cs, ce)`) before its cue
/// that opens with a name ("Brandvold's comments came …" names him too) is that person's
/// words, which the speaker `spk` relays.
fn note_named_in_claim(
    doc: &Doc<'_>,
    a: &Attr<'_>,
    (cs, ce): (usize, usize),
    spk: (usize, Span),
    ents: &mut Entities,
) {
    if ce > a.cue().0 {
        return;
    }
    if let Some(n) = np::parse_name(doc, cs, ce) {
        if let Some(x) = ents.name(doc, &n, true, true) {
            let (x, r) = (ents.live(x), ents.live(spk.0));
            if x != r {
                ents.relays.insert(x, vec![r]);
            }
        }
    }
}

/// Gives the units from index `first` on the attribution's cue and chain (titles of works take
/// none): copies, and the originals to the last one.
fn share_cue_and_chain(units: &mut [Unit], first: usize, cue: Cue, chain: Vec<ChainLink>) {
    let takes_cue = |u: &Unit| u.kind != QuoteKind::Title;
    let last = units
        .get(first..)
        .and_then(|us| us.iter().rposition(takes_cue))
        .map(|k| k + first);
    let mut cued = Some(std::sync::Arc::new(Cued {
        cue,
        chain: chain.into(),
    }));
    for (k, u) in units
        .iter_mut()
        .enumerate()
        .skip(first)
        .filter(|(_, u)| takes_cue(u))
    {
        if Some(k) == last {
            u.cue = cued.take();
        } else {
            u.cue.clone_from(&cued);
        }
    }
}

/// Drops reported-speech units whose content crosses another unit's (overlaps it without
/// nesting). A safeguard: `constructions::attributions` already makes a sentence's clauses
/// nest, and quotations are whole tokens.
pub(super) fn drop_crossing(units: &mut Vec<Unit>) {
    let mut order: Vec<usize> = (0..units.len()).collect();
    // Outer units first, so the open ones form a stack of nested spans.
    order.sort_by_key(|&k| {
        units
            .get(k)
            .map(|u| (u.content.0, std::cmp::Reverse(u.content.1)))
    });
    let mut open: Vec<Span> = Vec::new();
    let mut dropped = vec![false; units.len()];
    for k in order {
        let Some(u) = units.get(k) else { continue };
        let content = u.content();
        if content.is_empty() {
            continue;
        }
        while open.last().is_some_and(|t| t.end <= content.start) {
            open.pop();
        }
        if u.kind == QuoteKind::Indirect && open.last().is_some_and(|t| content.end > t.end) {
            if let Some(d) = dropped.get_mut(k) {
                *d = true;
            }
            continue;
        }
        open.push(content);
    }
    let mut k = 0;
    units.retain(|_| {
        let keep = !dropped.get(k).copied().unwrap_or(false);
        k += 1;
        keep
    });
}

/// Whether quotation token `t` of attribution `a` stands where a direct quote does: opening
/// the sentence, before the cue, or after a colon, comma or dash.
fn is_direct_position(doc: &Doc<'_>, s: Sentence, t: usize, a: &Attr<'_>) -> bool {
    if t == s.start || t < a.cue().0 {
        return true;
    }
    let prev = t - 1;
    // (What a naming verb calls its object is a fragment after a comma too: 'called the
    // survey, which drew 410 replies, "a fig leaf"'.)
    let naming = a
        .verb
        .is_some_and(|v| v.kind == crate::grammar::VerbKind::Naming);
    if doc.is_punct(prev, ":") || !naming && (doc.is_punct(prev, ",") || doc.is_dash(prev)) {
        return true;
    }
    // `said "…"` with no punctuation: a sentence-like quote is direct, a fragment partial.
    let inner = doc
        .quote_of(t)
        .and_then(|q| doc.quotes.get(q))
        .map_or("", |q| q.content().of(doc.text));
    inner.chars().next().is_some_and(char::is_uppercase) && a.cue().1 == t
}

/// A unit for the quotation token `t`: its content inside the marks.
fn quoted_unit(
    doc: &Doc<'_>,
    t: usize,
    kind: QuoteKind,
    speaker: Option<(usize, Span)>,
    paragraph: usize,
) -> Unit {
    let content = doc
        .quote_of(t)
        .and_then(|q| doc.quotes.get(q))
        .map_or(Span::default(), |q| q.content());
    Unit {
        kind,
        content: Unit::content_of(content),
        cue: None,
        speaker: speaker.map(Credit::of),
        paragraph: small(paragraph),
        quoted: true,
    }
}

/// The report's cue of attribution `a`: its tokens, verb lemma, stance and construction.
fn cue_of(doc: &Doc<'_>, a: &Attr<'_>) -> Cue {
    let span = span_of(doc, a.cue().0, a.cue().1);
    Cue {
        span,
        // (The report's quote slices it: a long document holds a cue for every attribution.)
        text: String::new(),
        lemma: a.verb.map(|v| v.lemma.clone()),
        stance: match a.verb.map(|v| v.stance) {
            Some(GStance::Loaded) => Stance::Loaded,
            _ => Stance::Neutral,
        },
        construction: match a.kind {
            CueKind::Verb => verb_construction(doc, a),
            CueKind::QuotedAs => Construction::QuotedAs,
            CueKind::Participle => Construction::Participle,
            CueKind::According => Construction::According,
            CueKind::ReportedBy => Construction::ReportedBy,
            CueKind::Citing => Construction::Citing,
            CueKind::Noun => Construction::Noun,
            CueKind::Colon => Construction::Colon,
        },
    }
}

/// Which construction of a speech verb attribution `a` is, read from where its parts lie: the
/// speaker after the verb, the words before the cue or around it, the verb's clause.
fn verb_construction(doc: &Doc<'_>, a: &Attr<'_>) -> Construction {
    use crate::syntax::ClauseKind;
    let clause = a.clause().and_then(|c| doc.clauses.get(c));
    let opener = clause
        .and_then(|c| c.opener)
        .and_then(|o| doc.phrases.get(o as usize))
        .map(|p| doc.tok_text(p.start as usize));
    let before = a.content().is_some_and(|(s, _)| s < a.cue().0)
        || a.content().is_none() && a.quotes.iter().any(|&q| q < a.cue().0);
    let around = a
        .content()
        .is_some_and(|(s, e)| s < a.cue().0 && e > a.cue().1);
    if a.inverted {
        Construction::Inverted
    } else if opener.is_some_and(|w| w.eq_ignore_ascii_case("as") || w.eq_ignore_ascii_case("like"))
        && clause.is_some_and(|c| c.kind == ClauseKind::Adverbial)
    {
        Construction::AsClause
    } else if around {
        Construction::Parenthetical
    } else if before {
        Construction::Postposed
    } else if a.inherit.is_some() {
        Construction::Coordinated
    } else if clause.is_some_and(|c| c.kind == ClauseKind::Relative) {
        Construction::Relative
    } else {
        Construction::Verb
    }
}

/// The source chain named in attribution `a` (relays and outlets, nearest first), or for an
/// agentless passive the relays known for the `speaker`.
fn chain_of(doc: &Doc<'_>, a: &Attr<'_>, speaker: usize, ents: &mut Entities) -> Vec<ChainLink> {
    let mut chain = Vec::new();
    for n in &a.chain {
        let id = ents.resolve(doc, n, false);
        // (No speaker relays their own words: "Herrera says …, as he's often alleged".)
        if id.is_some_and(|i| ents.live(i) == ents.live(speaker)) {
            continue;
        }
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
