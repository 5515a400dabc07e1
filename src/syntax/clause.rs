//! Clauses: each sentence's phrases grouped once into clauses, each with its verb group and
//! subject, nested where one clause opens inside another.
//!
//! ```text
//! sentence   = clause ((";" | ", and" | …) clause)*
//! clause     = opener? subject? verb-group rest
//! opener     = "that" | "whether" | "if" | wh-word | "to" | conjunction
//! subject    = nominal ("," aside ",")*          "Kenya's finance minister, Joseph Mwangi,"
//! nominal    = np postmodifier* | nominal ("," nominal)* ","? ("and" | "or") nominal
//! postmod    = preposition np | participle-group | "(" … ")"
//! ```
//!
//! A clause opens at a subordinator (`that`, `whether`, a relative word, `to` before a verb), at
//! a conjunction or comma before a new finite verb, at a semicolon or a colon, or, with no word
//! to open it, where a second finite verb has a subject of its own ("said the plan was dead").
//! It runs until a clause of its own level or an outer one opens, or the sentence ends.

use nom::branch::alt;
use nom::combinator::{opt, peek, recognize};
use nom::multi::{many0_count, many1_count};
use nom::sequence::{pair, preceded, terminated};
use nom::Parser;

use super::input::{aside_mark, kind, np, punct, PResult, Phr};
use super::{Phrase, PhraseFlag, PhraseKind};
use crate::grammar::FuncType;
use crate::text::{Doc, Sentence};

/// What opened a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseKind {
    /// The sentence's first clause, or one after a semicolon.
    Main,
    /// A clause joined by a conjunction or a comma at its parent's level ("…, and he added").
    Coordinate,
    /// A complement: after "that", "whether", "if", a question word after a verb, a colon, or
    /// with no opener after a verb ("said the plan was dead").
    Complement,
    /// A relative clause after a noun phrase ("who said", "which found").
    Relative,
    /// An adverbial clause ("because …", "when …", "although …").
    Adverbial,
    /// A to-infinitive ("to scrap the tax").
    Infinitive,
}

/// A clause of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    /// First phrase (its opener, if any).
    pub start: u32,
    /// One past its last phrase.
    pub end: u32,
    /// What opened it.
    pub kind: ClauseKind,
    /// The phrase that opened it ("that", "who", "and"), if a word did.
    pub opener: Option<u32>,
    /// Its first verb group.
    pub verb: Option<u32>,
    /// Its subject.
    pub subject: Option<Subject>,
    /// The clause it opened inside.
    pub parent: Option<u32>,
}

/// A subject: phrases `[start, end)`, the noun phrase heading it (`head`), and where its
/// nominal group ends before asides (`core_end`): "Kenya's finance minister" is the core of
/// "Kenya's finance minister, Joseph Mwangi,".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    /// First phrase.
    pub start: u32,
    /// One past the last phrase (asides included, adverbials before the verb excluded).
    pub end: u32,
    /// One past the nominal group's last phrase.
    pub core_end: u32,
    /// The first noun phrase: its head names the subject ("officials" of "officials at the
    /// ministry").
    pub head: u32,
}

/// The clauses of sentences `window` of `doc` (whose phrases are read), in order, into `out`,
/// and for each sentence the range of its clauses into `ranges` (both cleared first).
pub fn clauses_window(
    doc: &Doc<'_>,
    window: &[Sentence],
    out: &mut Vec<Clause>,
    ranges: &mut Vec<(u32, u32)>,
) {
    out.clear();
    ranges.clear();
    out.reserve(window.len() * 2);
    ranges.reserve(window.len());
    // The stack of open clauses, one buffer for every sentence.
    let mut open = Vec::with_capacity(MAX_DEPTH);
    for s in window {
        let from = out.len();
        sentence_clauses(doc, *s, out, &mut open);
        ranges.push((from as u32, out.len() as u32));
    }
}

/// Per phrase of a document, the clauses the constructions look up by phrase (`u32::MAX`: none),
/// so that no construction scans a sentence's clauses once per verb.
#[derive(Debug, Clone, Default)]
pub struct ClauseIndex {
    /// The clause whose verb group the phrase is.
    pub verb: PhraseMap,
    /// The innermost clause holding the phrase.
    pub inner: Runs,
    /// The first complement clause that starts, or whose opener is, at the phrase.
    pub complement: PhraseMap,
    /// The clauses starting at each phrase.
    pub starting: Groups,
    /// The clauses whose opener each phrase is.
    pub opened: Groups,
    /// The clauses whose subject starts at each phrase.
    pub subject: Groups,
    /// The start of the first main or coordinate clause after each phrase, in its sentence.
    pub next_main: Runs,
}

/// Phrases per entry below which a per-phrase index keeps only the phrases that have an entry,
/// sorted, and searches them: a long sentence of few clauses ("\"" or "," repeated: a phrase
/// a byte, one clause) would otherwise hold a word for every phrase.
const SPARSE: usize = 64;

/// The `(phrase, clause)` pairs of `entries` (clauses in order with their phrase, or none) under
/// `n`, by phrase, each phrase's clauses in order.
fn pairs_by_phrase(entries: impl Iterator<Item = (u32, Option<u32>)>, n: usize) -> Vec<(u32, u32)> {
    let mut pairs: Vec<(u32, u32)> = entries
        .filter_map(|(c, k)| k.filter(|&k| (k as usize) < n).map(|k| (k, c)))
        .collect();
    // (Stable: a phrase's clauses keep their order.)
    pairs.sort_by_key(|x| x.0);
    pairs
}

/// The range of `keys` (sorted) equal to `p`.
fn key_range(keys: &[u32], p: usize) -> std::ops::Range<usize> {
    let a = keys.partition_point(|&k| (k as usize) < p);
    let b = keys.partition_point(|&k| (k as usize) <= p);
    a..b
}

/// Per phrase, a clause number or none: a word for every phrase, or, where few phrases have
/// one ([`SPARSE`]), those phrases sorted with their clauses.
#[derive(Debug, Clone, Default)]
pub struct PhraseMap {
    /// By phrase (`u32::MAX`: none); empty when sparse.
    dense: Vec<u32>,
    /// The phrases that have a clause, sorted (sparse).
    keys: Vec<u32>,
    /// Their clauses (sparse).
    values: Vec<u32>,
}

impl PhraseMap {
    /// The map of `entries` (clauses in order, each with its phrase or none) over `n` phrases,
    /// each phrase taking its first clause.
    fn new(entries: impl Iterator<Item = (u32, Option<u32>)> + Clone, n: usize) -> Self {
        let count = entries.clone().filter(|x| x.1.is_some()).count();
        if count.saturating_mul(SPARSE) < n {
            let mut pairs = pairs_by_phrase(entries, n);
            pairs.dedup_by_key(|x| x.0);
            return PhraseMap {
                dense: Vec::new(),
                keys: pairs.iter().map(|x| x.0).collect(),
                values: pairs.iter().map(|x| x.1).collect(),
            };
        }
        let mut dense = vec![u32::MAX; n];
        for (c, k) in entries {
            if let Some(v) = k.and_then(|k| dense.get_mut(k as usize)) {
                if *v == u32::MAX {
                    *v = c;
                }
            }
        }
        PhraseMap {
            dense,
            keys: Vec::new(),
            values: Vec::new(),
        }
    }

    /// The clause of phrase `p`, if it has one.
    pub fn get(&self, p: usize) -> Option<u32> {
        let v = if self.dense.is_empty() {
            let r = key_range(&self.keys, p);
            self.values.get(r.start).filter(|_| !r.is_empty()).copied()
        } else {
            self.dense.get(p).copied()
        };
        v.filter(|&c| c != u32::MAX)
    }
}

/// Per phrase, a value or none (`u32::MAX`) that changes only at clause boundaries: a word for
/// every phrase, or, where the values change seldom ([`SPARSE`]), the phrases where they
/// change, with the value from each on.
#[derive(Debug, Clone, Default)]
pub struct Runs {
    /// By phrase; empty when sparse.
    dense: Vec<u32>,
    /// The phrases where a run starts, ascending (sparse).
    starts: Vec<u32>,
    /// The value of each run (sparse).
    values: Vec<u32>,
}

impl Runs {
    /// The value of phrase `p`, if it has one.
    pub fn get(&self, p: usize) -> Option<u32> {
        let v = if self.dense.is_empty() {
            let k = self.starts.partition_point(|&s| s as usize <= p);
            k.checked_sub(1).and_then(|k| self.values.get(k)).copied()
        } else {
            self.dense.get(p).copied()
        };
        v.filter(|&c| c != u32::MAX)
    }
}

/// [`Runs`] made sparse, phrase by phrase in order.
struct RunsBuilder {
    runs: Runs,
    /// One past the last phrase set.
    reach: usize,
}

impl RunsBuilder {
    fn new() -> Self {
        RunsBuilder {
            runs: Runs::default(),
            reach: 0,
        }
    }

    /// Sets phrases `[from, to)` (at or after the last set) to `v`; those skipped have none.
    fn set(&mut self, from: usize, to: usize, v: u32) {
        if from >= to {
            return;
        }
        if from > self.reach {
            self.push(self.reach, u32::MAX);
        }
        self.push(from, v);
        self.reach = to;
    }

    fn push(&mut self, at: usize, v: u32) {
        if self.runs.values.last() != Some(&v) {
            self.runs.starts.push(at as u32);
            self.runs.values.push(v);
        }
    }

    fn finish(mut self) -> Runs {
        self.push(self.reach, u32::MAX);
        self.runs
    }
}

/// Clause numbers grouped by phrase: `get(p)` is the (ordered) list of phrase `p`. Dense, an
/// offset for every phrase; or, where few phrases have a clause ([`SPARSE`]), with no offsets,
/// the phrases of the clauses (`keys`, sorted) searched.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    offsets: Vec<u32>,
    keys: Vec<u32>,
    items: Vec<u32>,
}

impl Groups {
    /// Groups `0..keys.len()` (clause numbers) by their key (a phrase, or none) over `n` phrases.
    fn new(keys: impl Iterator<Item = Option<u32>> + Clone, n: usize) -> Self {
        let count = keys.clone().flatten().count();
        if count.saturating_mul(SPARSE) < n {
            let pairs = pairs_by_phrase(keys.enumerate().map(|(c, k)| (c as u32, k)), n);
            return Groups {
                offsets: Vec::new(),
                keys: pairs.iter().map(|x| x.0).collect(),
                items: pairs.iter().map(|x| x.1).collect(),
            };
        }
        let mut offsets = vec![0u32; n + 1];
        for k in keys.clone().flatten() {
            if let Some(o) = offsets.get_mut(k as usize + 1) {
                *o += 1;
            }
        }
        let mut total = 0;
        for o in offsets.iter_mut() {
            total += *o;
            *o = total;
        }
        let mut fill = offsets.clone();
        let mut items = vec![0u32; offsets.last().copied().unwrap_or(0) as usize];
        for (c, k) in keys.enumerate() {
            let Some(slot) = k.and_then(|k| fill.get_mut(k as usize)) else {
                continue;
            };
            if let Some(item) = items.get_mut(*slot as usize) {
                *item = c as u32;
                *slot += 1;
            }
        }
        Groups {
            offsets,
            keys: Vec::new(),
            items,
        }
    }

    /// The clauses of phrase `p`, in order.
    pub fn get(&self, p: usize) -> &[u32] {
        if self.offsets.is_empty() {
            return self.items.get(key_range(&self.keys, p)).unwrap_or(&[]);
        }
        match (self.offsets.get(p), self.offsets.get(p + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl ClauseIndex {
    /// The index of `clauses` (in order of their start within each sentence, parents before
    /// the clauses nested in them) over `n` phrases.
    pub fn new(clauses: &[Clause], ranges: &[(u32, u32)], n: usize) -> Self {
        let numbered = || clauses.iter().enumerate().map(|(c, x)| (c as u32, x));
        // A complement clause's phrases: its start, then its opener.
        let complement = numbered().flat_map(|(c, x)| {
            let is = x.kind == ClauseKind::Complement;
            [(c, is.then_some(x.start)), (c, x.opener.filter(|_| is))]
        });
        let mut ix = ClauseIndex {
            verb: PhraseMap::new(numbered().map(|(c, x)| (c, x.verb)), n),
            inner: Runs::default(),
            complement: PhraseMap::new(complement, n),
            starting: Groups::new(clauses.iter().map(|x| Some(x.start)), n),
            opened: Groups::new(clauses.iter().map(|x| x.opener), n),
            subject: Groups::new(clauses.iter().map(|x| x.subject.map(|s| s.start)), n),
            next_main: Runs::default(),
        };
        // (A run starts at most at each clause's start and end and each sentence's.)
        let runs = 2 * clauses.len() + 2 * ranges.len() + 2;
        let (inner, next_main) = if runs.saturating_mul(SPARSE) < n {
            sparse_sweeps(clauses, ranges, &ix.starting, n)
        } else {
            dense_sweeps(clauses, ranges, &ix.starting, n)
        };
        ix.inner = inner;
        ix.next_main = next_main;
        ix
    }
}

/// Whether a main or coordinate clause of sentence clauses `a..b` starts at phrase `p`.
fn main_starts(clauses: &[Clause], starting: &Groups, (a, b): (u32, u32), p: usize) -> bool {
    starting.get(p).iter().any(|&c| {
        clauses.get(c as usize).is_some_and(|x| {
            (a..b).contains(&c) && matches!(x.kind, ClauseKind::Coordinate | ClauseKind::Main)
        })
    })
}

/// The phrases `[p0, p1)` of sentence clauses `a..b` (`p1` at most `n`), each with its innermost
/// clause given to `f`: one sweep with a stack of the open clauses (`order` and `stack`:
/// buffers).
fn sweep_sentence(
    clauses: &[Clause],
    (a, b): (u32, u32),
    n: usize,
    (order, stack): (&mut Vec<u32>, &mut Vec<u32>),
    mut f: impl FnMut(usize, Option<u32>),
) -> (usize, usize) {
    stack.clear();
    order.clear();
    order.extend(a..b);
    let start = |c: u32| clauses.get(c as usize).map_or(0, |x| x.start);
    let end = |c: u32| clauses.get(c as usize).map_or(0, |x| x.end) as usize;
    order.sort_by_key(|&c| (start(c), c));
    let p0 = order.first().map_or(0, |&c| start(c) as usize);
    let p1 = order.iter().map(|&c| end(c)).max().unwrap_or(0).min(n);
    let mut next = 0;
    for p in p0..p1 {
        while stack.last().is_some_and(|&c| end(c) <= p) {
            stack.pop();
        }
        while let Some(&c) = order.get(next).filter(|&&c| start(c) as usize <= p) {
            if p < end(c) {
                stack.push(c);
            }
            next += 1;
        }
        f(p, stack.last().copied());
    }
    (p0, p1)
}

/// [`ClauseIndex::inner`] and [`ClauseIndex::next_main`], a word for every phrase.
fn dense_sweeps(
    clauses: &[Clause],
    ranges: &[(u32, u32)],
    starting: &Groups,
    n: usize,
) -> (Runs, Runs) {
    let mut inner = vec![u32::MAX; n];
    let mut next_main = vec![u32::MAX; n];
    let (mut order, mut stack) = (Vec::new(), Vec::new());
    for &r in ranges {
        let (p0, p1) = sweep_sentence(clauses, r, n, (&mut order, &mut stack), |p, c| {
            if let (Some(c), Some(slot)) = (c, inner.get_mut(p)) {
                *slot = c;
            }
        });
        // The next main or coordinate clause: a sweep from the sentence's end.
        let mut next = u32::MAX;
        for p in (p0..p1).rev() {
            if let Some(slot) = next_main.get_mut(p) {
                *slot = next;
            }
            if main_starts(clauses, starting, r, p) {
                next = p as u32;
            }
        }
    }
    let dense = |dense| Runs {
        dense,
        ..Runs::default()
    };
    (dense(inner), dense(next_main))
}

/// [`dense_sweeps`], the values kept as runs.
fn sparse_sweeps(
    clauses: &[Clause],
    ranges: &[(u32, u32)],
    starting: &Groups,
    n: usize,
) -> (Runs, Runs) {
    let (mut inner, mut next_main) = (RunsBuilder::new(), RunsBuilder::new());
    let (mut order, mut stack) = (Vec::new(), Vec::new());
    for &r in ranges {
        let (p0, p1) = sweep_sentence(clauses, r, n, (&mut order, &mut stack), |p, c| {
            inner.set(p, p + 1, c.unwrap_or(u32::MAX));
        });
        // Up to each main or coordinate clause's start, its start; after the last, none.
        let mut from = p0;
        for q in (p0..p1).filter(|&p| main_starts(clauses, starting, r, p)) {
            next_main.set(from, q, q as u32);
            from = q;
        }
        next_main.set(from, p1, u32::MAX);
    }
    (inner.finish(), next_main.finish())
}

/// The phrase range of sentence `s`.
pub fn phrase_range(doc: &Doc<'_>, s: Sentence) -> (usize, usize) {
    let of = |t: usize| doc.phrase_at(t);
    match (of(s.start), s.end.checked_sub(1).and_then(of)) {
        (Some(a), Some(b)) if b >= a => (a, b + 1),
        _ => (0, 0),
    }
}

/// A phrase of `doc`.
fn ph(doc: &Doc<'_>, p: usize) -> Phrase {
    doc.phrases.get(p).copied().unwrap_or_default()
}

fn text<'a>(doc: &Doc<'a>, p: usize) -> &'a str {
    doc.tok_text(ph(doc, p).start as usize)
}

fn is_punct(doc: &Doc<'_>, p: usize, mark: &str) -> bool {
    ph(doc, p).kind == PhraseKind::Punct && text(doc, p) == mark
}

/// Clauses under construction: the list, and the stack of those still open.
/// The deepest nesting of open clauses.
const MAX_DEPTH: usize = 32;

struct Builder<'o> {
    out: &'o mut Vec<Clause>,
    base: usize,
    open: Vec<usize>,
}

impl Builder<'_> {
    /// Whether a relative clause is open.
    fn relative_open(&self) -> bool {
        self.open.iter().any(|&c| {
            self.out
                .get(c)
                .is_some_and(|x| x.kind == ClauseKind::Relative)
        })
    }

    fn push(&mut self, start: usize, kind: ClauseKind, opener: Option<usize>, parent: bool) {
        // (Nesting is bounded, so searches of the open clauses stay short: past `MAX_DEPTH`
        // the innermost closes where the next opens, as real copy never nests so deep.)
        if self.open.len() >= MAX_DEPTH {
            self.close_to(MAX_DEPTH - 1, start);
        }
        let parent = if parent {
            self.open.last().map(|&c| c as u32)
        } else {
            None
        };
        self.out.push(Clause {
            start: start as u32,
            end: start as u32,
            kind,
            opener: opener.map(|o| o as u32),
            verb: None,
            subject: None,
            parent,
        });
        self.open.push(self.out.len() - 1);
    }

    /// Closes open clauses at phrase `at` until `keep` remain.
    fn close_to(&mut self, keep: usize, at: usize) {
        while self.open.len() > keep {
            if let Some(c) = self.open.pop().and_then(|c| self.out.get_mut(c)) {
                c.end = at as u32;
            }
        }
    }

    fn current(&mut self) -> Option<&mut Clause> {
        let c = *self.open.last()?;
        self.out.get_mut(c)
    }

    /// The position in the open stack of the innermost open clause with no verb yet.
    fn innermost_without_verb(&self) -> Option<usize> {
        self.open.iter().rposition(|&c| {
            self.out.get(c).is_some_and(|x| {
                x.verb.is_none()
                    && matches!(
                        x.kind,
                        ClauseKind::Main | ClauseKind::Coordinate | ClauseKind::Complement
                    )
            })
        })
    }

    fn current_index(&self) -> usize {
        self.open.last().copied().unwrap_or(self.base)
    }
}

/// The clauses of sentence `s`, appended to `out` (`open`: a buffer for the open clauses).
fn sentence_clauses(doc: &Doc<'_>, s: Sentence, out: &mut Vec<Clause>, open: &mut Vec<usize>) {
    let (p0, p1) = phrase_range(doc, s);
    if p0 >= p1 {
        return;
    }
    let base = out.len();
    open.clear();
    let mut b = Builder {
        out,
        base,
        open: std::mem::take(open),
    };
    b.push(p0, ClauseKind::Main, None, false);
    opening_participle(doc, &mut b, p0, p1);
    let mut p = p0;
    while p < p1 {
        opener(doc, &mut b, p, p1);
        let x = ph(doc, p);
        let verb = x.kind == PhraseKind::Vg
            && (x.is(PhraseFlag::FINITE)
                || x.is(PhraseFlag::INFINITIVE)
                || participle_verb(doc, &b, p))
            && !aside_participle(doc, p, p1);
        if verb {
            finite_verb(doc, &mut b, p);
        }
        p += 1;
    }
    b.close_to(0, p1);
    *open = b.open;
}

/// "Noting that the tax was unfair, Allen said …": a gerund opening the sentence, not followed
/// by a finite verb ("Smoking kills"), with a comma later, heads an adverbial clause of its
/// own inside the main one.
fn opening_participle(doc: &Doc<'_>, b: &mut Builder<'_>, p0: usize, p1: usize) {
    let x = ph(doc, p0);
    let next = ph(doc, p0 + 1);
    let gerund = x.kind == PhraseKind::Vg && x.is(PhraseFlag::GERUND) && !x.is(PhraseFlag::FINITE);
    let subject_of_next = next.kind == PhraseKind::Vg && next.is(PhraseFlag::FINITE);
    if !gerund || subject_of_next {
        return;
    }
    let comma = (p0 + 2..p1.min(p0 + 40)).find(|&q| is_punct(doc, q, ","));
    // (Not a gerund subject before an interrupting cue: "Pivoting too soon, economists say,
    // limited the recovery".)
    let interrupted = comma.is_some_and(|q| {
        let mut v = q + 1;
        while v < p1.min(q + 7) && matches!(ph(doc, v).kind, PhraseKind::Np | PhraseKind::Prep) {
            v += 1;
        }
        v > q + 1
            && ph(doc, v).kind == PhraseKind::Vg
            && ph(doc, v).is(PhraseFlag::FINITE)
            && is_punct(doc, v + 1, ",")
    });
    if comma.is_some() && !interrupted {
        b.push(p0, ClauseKind::Adverbial, None, true);
        if let Some(c) = b.current() {
            c.verb = Some(p0 as u32);
        }
    }
}

/// "The team also measured so-called "skyglow"": a past participle with no auxiliary right
/// after the noun phrase opening a clause with no verb yet, before an object, is the
/// clause's past tense (a participle modifying the noun would take a preposition or "by":
/// "officials briefed on the talks").
fn participle_verb(doc: &Doc<'_>, b: &Builder<'_>, p: usize) -> bool {
    let x = ph(doc, p);
    let Some(c) = b.out.get(b.current_index()) else {
        return false;
    };
    let lo = c.start as usize + usize::from(c.opener.is_some());
    // (Not before a time: "A report published today by X found …" is the report's.)
    x.is(PhraseFlag::PARTICIPLE)
        && c.verb.is_none()
        && p == lo + 1
        && ph(doc, lo).kind == PhraseKind::Np
        && matches!(
            ph(doc, p + 1).kind,
            PhraseKind::Np | PhraseKind::Quote | PhraseKind::Vg
        )
        && !is_time_np(doc, p + 1)
}

/// "The Dutchman, appointed in January after …, admitted": a one-word past form right after
/// a noun phrase and a comma, in a segment that a comma closes before a finite verb group
/// with no subject of its own, is an aside's participle, not the clause's verb.
fn aside_participle(doc: &Doc<'_>, p: usize, p1: usize) -> bool {
    let x = ph(doc, p);
    if x.end != x.start + 1 || !doc.tag(x.start as usize).is_past() || p < 2 {
        return false;
    }
    if !is_punct(doc, p - 1, ",") || ph(doc, p - 2).kind != PhraseKind::Np {
        return false;
    }
    let close = (p + 1..p1.min(p + 14)).find(|&q| {
        let y = ph(doc, q);
        y.kind == PhraseKind::Quote
            || (y.kind == PhraseKind::Punct && text(doc, q) != "(" && text(doc, q) != ")")
    });
    close.is_some_and(|c| {
        // (A question or clause the participle takes may have verbs of its own: "Osei,
        // asked Thursday whether the president planned to watch, said …".)
        let own = (p + 1..c)
            .find(|&q| matches!(ph(doc, q).kind, PhraseKind::Sconj | PhraseKind::Wh))
            .unwrap_or(c);
        is_punct(doc, c, ",")
            && ph(doc, c + 1).kind == PhraseKind::Vg
            && ph(doc, c + 1).is(PhraseFlag::FINITE)
            && !(p + 1..own)
                .any(|q| ph(doc, q).kind == PhraseKind::Vg && ph(doc, q).is(PhraseFlag::FINITE))
    })
}

/// Opens the clause that phrase `p` opens, if it opens one.
fn opener(doc: &Doc<'_>, b: &mut Builder<'_>, p: usize, p1: usize) {
    let x = ph(doc, p);
    let prev = p.checked_sub(1).map(|q| ph(doc, q));
    let cur_start = b.out.get(b.current_index()).map_or(0, |c| c.start as usize);
    match x.kind {
        PhraseKind::Sconj => {
            let w = text(doc, p);
            let comp = ["that", "whether", "if"]
                .iter()
                .any(|c| w.eq_ignore_ascii_case(c));
            let kind = if comp {
                ClauseKind::Complement
            } else {
                ClauseKind::Adverbial
            };
            b.push(p, kind, Some(p), true);
        }
        PhraseKind::Wh if p > cur_start && hearer_that(doc, p) => {
            b.push(p, ClauseKind::Complement, Some(p), true);
        }
        PhraseKind::Wh if p > cur_start => {
            let nominal = |q: Phrase| {
                q.kind == PhraseKind::Np || (q.kind == PhraseKind::Vg && q.is(PhraseFlag::GERUND))
            };
            // (", and whose son …" goes on with the relative clause open.)
            let relative_open = b.relative_open();
            let after_noun = prev.is_some_and(|q| {
                nominal(q)
                    || (q.kind == PhraseKind::Punct && p >= 2 && nominal(ph(doc, p - 2)))
                    || (q.kind == PhraseKind::Cconj && relative_open)
            });
            // ("explained to the network why Merkel was chosen": "why" and "how" open no
            // relative clause.)
            let w = text(doc, p);
            let manner = w.eq_ignore_ascii_case("why") || w.eq_ignore_ascii_case("how");
            // ("said when asked about the bill": a connective before a participle opens an
            // adverbial clause.)
            let next = ph(doc, p + 1);
            let reduced = doc.is_func(x.start as usize, FuncType::Connective)
                && next.kind == PhraseKind::Vg
                && next.end == next.start + 1
                && (doc.tag(next.head()).is_participle() || doc.tag(next.head()).is_gerund());
            let kind = if reduced {
                ClauseKind::Adverbial
            } else if after_noun && !manner {
                ClauseKind::Relative
            } else {
                ClauseKind::Complement
            };
            b.push(p, kind, Some(p), true);
        }
        PhraseKind::To if ph(doc, p + 1).kind == PhraseKind::Vg => {
            b.push(p, ClauseKind::Infinitive, Some(p), true);
        }
        PhraseKind::Cconj if p > cur_start => coordination_opener(doc, b, p, p1),
        PhraseKind::Punct => punct_opener(doc, b, p, p1),
        _ => {}
    }
}

/// "and" or "but" before a finite verb (with or without its own subject).
///
/// After a comma the conjunction joins the outermost clause ("said X, and he railed against
/// Y", "insists X, and has championed Y"), and so does a speaker's next act ("said X and urged
/// fans to stay calm": `act=yes` in verbs.txt). Without a comma, a new subject and verb is a
/// clause inside the one it follows ("said prices rose and wages fell"), and a verb alone goes
/// on with the clause it is in ("was ashamed and had been in the grip of …").
fn coordination_opener(doc: &Doc<'_>, b: &mut Builder<'_>, p: usize, p1: usize) {
    let Some(v) = coordinated_verb(doc, p + 1, p1) else {
        return;
    };
    if between_pair(doc, p) || dashed_aside(doc, p, v) || name_with_and(doc, p) {
        return;
    }
    let comma = p
        .checked_sub(1)
        .is_some_and(|q| ph(doc, q).kind == PhraseKind::Punct || quote_ends_with_comma(doc, q));
    // A speaker's next act, or next claim ("conceded that … but insisted that …").
    // (Not after an auxiliary, whose subject is the inner clause's: "said the study was
    // small and could not prove that …".)
    let first_aux = doc.tag(ph(doc, v).start as usize).is_aux();
    let act = !first_aux
        && (doc.word_tags(ph(doc, v).head()).any(|x| {
            matches!(x, crate::grammar::Tag::Verb(verb)
                if verb.act || (verb.split && verb.kind == crate::grammar::VerbKind::Speech))
        }) || (doc.has(ph(doc, v).head(), crate::grammar::TokClass::VERB)
            && text(doc, v + 1).eq_ignore_ascii_case("that")));
    // "said both Ortiz and Brandt were …": nouns joined right after a verb that takes no
    // object are the subject of its clause.
    let q = nominals_before(doc, p);
    // ("announced she and her husband are …": after any verb that takes a clause, a subject
    // pronoun opening them.)
    if !comma
        && q < p
        && q > 0
        && ph(doc, p - 1).kind == PhraseKind::Np
        && (no_object_verb(doc, q - 1) || subject_pronoun_after_clause_verb(doc, q))
    {
        return;
    }
    if ph(doc, p - 1).kind == PhraseKind::Np && listed_after_clause_verb(doc, q) {
        return;
    }
    // "…, teachers and union officials told the Ledger": nouns joined after a comma (or the
    // clause's start, or a quotation) in a clause with no verb yet are its subject.
    let verbless = b
        .out
        .get(b.current_index())
        .is_some_and(|c| c.verb.is_none() && c.start as usize <= q);
    // ('"…," Lena Voss and Arif Khan wrote': after a quotation too.)
    let opens = q == 0
        || is_punct(doc, q - 1, ",")
        || ph(doc, q - 1).kind == PhraseKind::Quote
        || b.out
            .get(b.current_index())
            .is_some_and(|c| c.start as usize == q);
    let noun_after = v > p + 1 && ph(doc, p + 1).kind == PhraseKind::Np;
    if !comma && q < p && ph(doc, p - 1).kind == PhraseKind::Np && verbless && opens && noun_after {
        return;
    }
    // "said the city would not intervene "for now," but would …": an auxiliary with no
    // subject goes on with the reported clause (its subject left out).
    let aux = v == p + 1 && first_aux;
    let inner = b
        .out
        .get(b.current_index())
        .is_some_and(|c| c.kind == ClauseKind::Complement);
    if comma && aux && inner {
        b.push(p, ClauseKind::Coordinate, Some(p), true);
        return;
    }
    if comma || (act && v == p + 1) {
        // (Back to the clause of the first act: the main clause, or an adverbial one with a
        // verb of its own, "after the company cut its forecast and said …".)
        let keep = b
            .open
            .iter()
            .rposition(|&c| {
                b.out.get(c).is_some_and(|x| {
                    x.kind == ClauseKind::Adverbial && x.verb.is_some() && x.subject.is_some()
                })
            })
            .map_or(1, |i| i + 1);
        b.close_to(keep, p);
        b.push(p, ClauseKind::Coordinate, Some(p), true);
    } else if v > p + 1 {
        b.push(p, ClauseKind::Coordinate, Some(p), true);
    }
}

/// Whether the conjunction at phrase `p` joins two capitalised nouns of one name after its "of"
/// or "for" ("the Board of Trade and Shipping says"): no clause.
fn name_with_and(doc: &Doc<'_>, p: usize) -> bool {
    let proper = |q: usize| ph(doc, q).kind == PhraseKind::Np && doc.is_cap(ph(doc, q).head());
    let of = |q: usize| ph(doc, q).kind == PhraseKind::Prep && matches!(text(doc, q), "of" | "for");
    p >= 3 && text(doc, p) == "and" && proper(p - 1) && proper(p + 1) && of(p - 2) && proper(p - 3)
}

/// Whether the conjunction at phrase `p` opens an aside between dashes, the second closing it
/// after its verb `v` ("found those old — and previously unreported — posts"): no clause.
fn dashed_aside(doc: &Doc<'_>, p: usize, v: usize) -> bool {
    p > 0
        && is_dash(doc, p - 1)
        && (v + 1..(p + 10).min(doc.phrases.len())).any(|q| is_dash(doc, q))
}

/// Whether the conjunction at phrase `p` joins the two nouns of a `pair=yes` preposition of
/// function-words.txt ("A person at the talks between Hollander and Ostrander said …": the verb
/// is the clause's own).
fn between_pair(doc: &Doc<'_>, p: usize) -> bool {
    p >= 2
        && ph(doc, p - 1).kind == PhraseKind::Np
        && ph(doc, p - 2).kind == PhraseKind::Prep
        && doc
            .word_tags(ph(doc, p - 2).start as usize)
            .any(|x| matches!(x, crate::grammar::Tag::Func(f) if f.pair))
}

/// Whether phrase `p` is a verb group whose verb is a speech verb that takes a clause, never a
/// noun phrase or a hearer, as its object ("said", "argued").
fn no_object_verb(doc: &Doc<'_>, p: usize) -> bool {
    let x = ph(doc, p);
    x.kind == PhraseKind::Vg
        && doc.word_tags(x.head()).any(|t| {
            matches!(t, crate::grammar::Tag::Verb(v)
                if v.kind == crate::grammar::VerbKind::Speech && !v.object && !v.hearer)
        })
}

/// Whether phrase `q` is a subject pronoun ("she", "they": no object of the verb) right after
/// a verb group whose verb takes a clause.
fn subject_pronoun_after_clause_verb(doc: &Doc<'_>, q: usize) -> bool {
    let x = ph(doc, q);
    let verb = ph(doc, q - 1);
    x.is(PhraseFlag::PRONOUN)
        && doc
            .word_tags(x.start as usize)
            .any(|t| matches!(t, crate::grammar::Tag::Pronoun(p) if !p.object && !p.possessive))
        && verb.kind == PhraseKind::Vg
        && doc.has(verb.head(), crate::grammar::TokClass::CLAUSE_VERB)
}

/// Whether phrase `q` is a quotation whose words end with a comma (`were "overdue," and …`).
pub(crate) fn quote_ends_with_comma(doc: &Doc<'_>, q: usize) -> bool {
    let x = ph(doc, q);
    x.kind == PhraseKind::Quote
        && doc
            .quote_words(x.start as usize)
            .is_some_and(|w| w.trim_end().ends_with(','))
}

/// "told the bench that …": "that" after a noun phrase right after a verb group opens the
/// verb's complement (the tagger reads it as a relative pronoun).
fn hearer_that(doc: &Doc<'_>, p: usize) -> bool {
    // (Not before a verb: "a memo that was later posted" is relative.)
    if !text(doc, p).eq_ignore_ascii_case("that") || ph(doc, p + 1).kind == PhraseKind::Vg {
        return false;
    }
    // Back over the speech verb's tail ("on the "Bola Quadrada" podcast last month"): noun
    // phrases, prepositions, adverbs and quotations, to the verb.
    let mut q = p;
    while q > 0 && p - q < 12 {
        q -= 1;
        let x = ph(doc, q);
        match x.kind {
            PhraseKind::Np
            | PhraseKind::Prep
            | PhraseKind::To
            | PhraseKind::Adv
            | PhraseKind::Quote => {}
            PhraseKind::Vg => {
                // ('"…," the governor told a crowd that the campaign put at 3,000': after a
                // quotation and its speaker, the words are the quotation; "that" is relative.)
                let quoted = q >= 2
                    && ph(doc, q - 1).kind == PhraseKind::Np
                    && quote_ends_with_comma(doc, q - 2);
                return q + 1 < p
                    && !quoted
                    && doc.has(x.head(), crate::grammar::TokClass::CLAUSE_VERB);
            }
            _ => return false,
        }
    }
    false
}

/// A semicolon opens a new main clause; a colon before words a complement; a comma before a
/// new subject and finite verb (", officials said") a clause at the outermost level.
fn punct_opener(doc: &Doc<'_>, b: &mut Builder<'_>, p: usize, p1: usize) {
    if is_punct(doc, p, ";") {
        b.close_to(0, p);
        b.push(p + 1, ClauseKind::Main, None, false);
    } else if is_punct(doc, p, ":") && ph(doc, p + 1).kind != PhraseKind::Quote && p + 1 < p1 {
        b.push(p + 1, ClauseKind::Complement, Some(p), true);
    } else if is_dash(doc, p) {
        // "X — who …, and whose … — said": a relative clause set off by a dash closes at the
        // next one.
        let relative = b.open.iter().rposition(|&c| {
            b.out.get(c).is_some_and(|x| {
                x.kind == ClauseKind::Relative
                    && x.start > 0
                    && (0..x.start as usize)
                        .rev()
                        .take(12)
                        .find(|&q| is_dash(doc, q))
                        .is_some()
            })
        });
        if let Some(k) = relative {
            let first = b
                .open
                .iter()
                .position(|&c| b.out.get(c).is_some_and(|x| x.kind == ClauseKind::Relative));
            b.close_to(first.unwrap_or(k), p);
        }
    } else if is_punct(doc, p, ",") {
        // "On Thursday, after staying neutral all spring, Warren appeared …": a comma closes
        // an adverbial clause of a gerund, which has no finite verb of its own.
        let gerund_adverbial = b.open.last().and_then(|&c| b.out.get(c)).is_some_and(|x| {
            x.kind == ClauseKind::Adverbial
                && x.verb.is_none()
                && x.opener.is_some_and(|o| {
                    // (The tagger may read the gerund's object as its noun: "staying/VBG
                    // quiet/NN".)
                    let g = ph(doc, o as usize + 1);
                    g.kind != PhraseKind::Punct && doc.tag(g.start as usize).is_gerund()
                })
        });
        if gerund_adverbial {
            b.close_to(b.open.len() - 1, p);
        }
        // A relative clause set off by a comma closes at the next one, with the clauses
        // opened inside it.
        let relative = b.open.iter().rposition(|&c| {
            b.out.get(c).is_some_and(|x| {
                x.kind == ClauseKind::Relative
                    && x.start as usize + 1 < p
                    && x.start > 0
                    && is_punct(doc, x.start as usize - 1, ",")
            })
        });
        if let Some(k) = relative {
            b.close_to(k, p);
        }
        if main_after_opening(doc, b, p, p1) {
            b.close_to(1, p);
            return;
        }
        // "A second diplomat, speaking … because the matter is classified, said …": a verb
        // right after the comma belongs to the innermost open clause still without one.
        let next = ph(doc, p + 1);
        let verb_next = next.kind == PhraseKind::Vg && next.is(PhraseFlag::FINITE);
        if verb_next {
            if let Some(k) = b.innermost_without_verb() {
                b.close_to(k + 1, p);
                return;
            }
        }
        // ("said maternity, surgery and intensive care would run": a comma inside a list of
        // nouns right after a verb taking a clause is the list's, and opens no clause.)
        if listed_subject(doc, p, p1) {
            return;
        }
        let has_verb = b
            .out
            .get(b.current_index())
            .is_some_and(|c| c.verb.is_some());
        // A clause after the comma with a subject of its own before its verb
        // ([`coordinated_verb`] past the phrase after the comma), read only when the open
        // clause has its verb.
        let new_clause = has_verb
            && ((!verb_next && coordinated_verb(doc, p + 1, p1).is_some())
                || summary(doc, p + 1, p1));
        if new_clause {
            // ("She says despite all that, the board was not swayed": after a clause verb
            // with only an adverbial before the comma, the clause is its complement, the
            // adverbial its opening.)
            if let Some(start) = adverbial_then_clause(doc, b, p) {
                b.push(start, ClauseKind::Complement, None, true);
                return;
            }
            b.close_to(1, p);
            b.push(p + 1, ClauseKind::Coordinate, None, true);
        }
    }
}

/// Where a complement opens whose first words are an adverbial set off by the comma at
/// phrase `p`, right after the open clause's verb, a verb that takes a clause ("says despite
/// all that, the board …", "argued that in the end, …" is another opener's): the phrase after
/// the verb. Not a time ("said on Tuesday, …"), nor an object ("told reporters, …").
fn adverbial_then_clause(doc: &Doc<'_>, b: &Builder<'_>, p: usize) -> Option<usize> {
    let c = b.out.get(b.current_index())?;
    let v = c.verb? as usize;
    // (A speech verb of the sentence's own clause: not "In what might be the first time both
    // sides agreed on anything, the group …".)
    let clause_verb = doc.has(ph(doc, v).head(), crate::grammar::TokClass::VERB)
        && matches!(c.kind, ClauseKind::Main | ClauseKind::Coordinate);
    let first = ph(doc, v + 1).kind;
    // (A subject after the comma: not "said of the group, adding …".)
    let subject = ph(doc, p + 1).kind == PhraseKind::Np;
    if !clause_verb
        || !subject
        || !matches!(first, PhraseKind::Prep | PhraseKind::Adv)
        || v + 1 >= p
    {
        return None;
    }
    let adverbial = (v + 1..p).all(|q| {
        matches!(
            ph(doc, q).kind,
            PhraseKind::Prep | PhraseKind::Np | PhraseKind::Adv | PhraseKind::Other
        ) && !is_time_np(doc, q)
    });
    (adverbial && p - v <= 6).then_some(v + 1)
}

/// "On the decision to return the panels, which drew criticism, she is blunt": after an
/// opening whose infinitive is still open, a subject and a finite verb after the comma at
/// phrase `p` are the main clause's, while it has no verb (an adverbial clause, "when she
/// called, I laughed", keeps its own reading).
fn main_after_opening(doc: &Doc<'_>, b: &Builder<'_>, p: usize, p1: usize) -> bool {
    let main_verbless = b
        .out
        .get(b.base)
        .is_some_and(|m| m.kind == ClauseKind::Main && m.verb.is_none());
    let subject_then_verb = ph(doc, p + 1).kind == PhraseKind::Np
        && ph(doc, p + 2).kind == PhraseKind::Vg
        && ph(doc, p + 2).is(PhraseFlag::FINITE);
    let infinitive_open = b
        .open
        .last()
        .and_then(|&c| b.out.get(c))
        .is_some_and(|x| x.kind == ClauseKind::Infinitive);
    main_verbless && subject_then_verb && infinitive_open && p + 2 < p1
}

/// ", a view Foley dismissed", ", a claim the ministry denies", ", a move that …": an
/// indefinite noun phrase after a whole clause, with a relative clause of its own, sums the
/// clause up; it is no part of it.
fn summary(doc: &Doc<'_>, p: usize, p1: usize) -> bool {
    let x = ph(doc, p);
    let indefinite = x.kind == PhraseKind::Np
        && x.is(PhraseFlag::DETERMINED)
        && ["a", "an"]
            .iter()
            .any(|w| text(doc, p).eq_ignore_ascii_case(w));
    if !indefinite || p + 1 >= p1 {
        return false;
    }
    let next = ph(doc, p + 1);
    next.kind == PhraseKind::Wh
        || next.kind == PhraseKind::Np
        || (next.kind == PhraseKind::Vg && !next.is(PhraseFlag::FINITE))
}

/// Where the nominals joined by the conjunction at phrase `p` start, back from it (at most
/// five phrases).
/// ("said rising fuel costs and an ageing vessel had …": a gerund or adjective may open
/// the first.)
/// ("The maker of the crackers and the chips said …": a preposition between nouns goes on
/// with the first.)
fn nominals_before(doc: &Doc<'_>, p: usize) -> usize {
    let mut q = p;
    while q > 0 && p - q < 5 {
        let y = ph(doc, q - 1);
        let nominal = y.kind == PhraseKind::Np
            || y.kind == PhraseKind::Adj
            || y.kind == PhraseKind::Vg && y.is(PhraseFlag::GERUND) && y.end == y.start + 1;
        let of = y.kind == PhraseKind::Prep
            && q >= 2
            && ph(doc, q).kind == PhraseKind::Np
            && ph(doc, q - 2).kind == PhraseKind::Np
            && !doc.is_func(y.start as usize, FuncType::Connective);
        if !(nominal || of) {
            break;
        }
        q -= 1;
    }
    q
}

/// Whether the comma at phrase `p` is inside a list of nouns that opens right after a verb
/// taking a clause and is the subject of a finite verb after the list.
fn listed_subject(doc: &Doc<'_>, p: usize, p1: usize) -> bool {
    let Some(last) = p.checked_sub(1) else {
        return false;
    };
    let first = list_start(doc, last);
    ph(doc, last).kind == PhraseKind::Np
        && first
            .checked_sub(1)
            .is_some_and(|v| clause_verb_not_hearer(doc, v))
        && coordinated_verb(doc, first, p1).is_some_and(|v| v > p + 2)
}

/// "said maternity, surgery and intensive care would run": whether the nouns joined at phrase
/// `q` close a list with commas that opens right after a verb taking a clause (the list is
/// its complement's subject).
fn listed_after_clause_verb(doc: &Doc<'_>, q: usize) -> bool {
    let first = list_start(doc, q);
    first < q && first > 0 && clause_verb_not_hearer(doc, first - 1)
}

/// The first noun phrase of a list with commas whose item at phrase `q` is one: back over
/// each noun phrase and comma before it.
fn list_start(doc: &Doc<'_>, q: usize) -> usize {
    let mut first = q;
    while first >= 2 && is_punct(doc, first - 1, ",") && ph(doc, first - 2).kind == PhraseKind::Np {
        first -= 2;
    }
    first
}

/// Whether phrase `v` is a verb group whose verb takes a clause, and not a hearer's verb
/// ("told Lee, Pike and Holm the plan …" lists who heard).
fn clause_verb_not_hearer(doc: &Doc<'_>, v: usize) -> bool {
    let x = ph(doc, v);
    x.kind == PhraseKind::Vg
        && doc.has(x.head(), crate::grammar::TokClass::CLAUSE_VERB)
        && !doc
            .word_tags(x.head())
            .any(|t| matches!(t, crate::grammar::Tag::Verb(v) if v.hearer))
}

/// The finite verb group of a clause opening at phrase `p`: right there, or after a subject.
fn coordinated_verb(doc: &Doc<'_>, p: usize, p1: usize) -> Option<usize> {
    let x = ph(doc, p);
    if x.kind == PhraseKind::Vg && x.is(PhraseFlag::FINITE) {
        return Some(p);
    }
    if !opens_nominal(x) {
        return None;
    }
    // (A subject is read within the reach a subject has, not to the sentence's end.)
    let i = Phr::new(doc, p, p1.min(p + SUBJECT_REACH));
    let (r, _) = subject_group(i).ok()?;
    let (r, _) = adverbials(r).ok()?;
    let v = r.first()?;
    (ph(doc, v).kind == PhraseKind::Vg && ph(doc, v).is(PhraseFlag::FINITE)).then_some(v)
}

/// A finite verb group at phrase `p`: the verb of the open clause, or of a clause it opens,
/// or of an outer clause still without one ("Musicians who played the club say …").
fn finite_verb(doc: &Doc<'_>, b: &mut Builder<'_>, p: usize) {
    let cur = b.current_index();
    let Some(c) = b.out.get(cur).copied() else {
        return;
    };
    if c.verb.is_none() {
        set_verb(doc, b, cur, p);
        return;
    }
    // "to help rally members", "made the board vote": a base form after the clause's verb goes
    // on with its clause; it is no outer clause's verb.
    let base = doc.tag(ph(doc, p).head()) == crate::syntax::Tag::VerbVb;
    if !ph(doc, p).is(PhraseFlag::FINITE) || base && c.verb.is_some_and(|v| v as usize + 1 == p) {
        return;
    }
    // "who left the authority and now runs a firm": a verb right after a bare conjunction goes
    // on with its clause (the conjunction opened none).
    if p.checked_sub(1)
        .is_some_and(|q| ph(doc, q).kind == PhraseKind::Cconj)
    {
        return;
    }
    if let Some(subj) = contact_subject(doc, &c, p) {
        if let Some(x) = b.out.get_mut(cur) {
            x.verb = Some(p as u32);
            x.subject = Some(subj);
        }
        return;
    }
    // A second finite verb: a clause of its own when it has a subject after the first verb
    // ("said the plan was dead", "told reporters he would resign"), unless the clause is a
    // relative one whose verb takes no clause ("who attended the meeting said …").
    let after = c.verb.map_or(c.start as usize, |v| v as usize + 1);
    // (Not "speak" or "talk", which take none: "a nurse who was not authorized to talk to
    // reporters said …" has no clause "reporters said".)
    let clause_verb = c.verb.is_some_and(|v| {
        let head = ph(doc, v as usize).head();
        doc.has(head, crate::grammar::TokClass::CLAUSE_VERB)
            && !doc
                .word_tags(head)
                .any(|t| matches!(t, crate::grammar::Tag::Verb(v) if !v.clause))
    });
    // (Nor an infinitive's inside a relative clause: "an official who spoke anonymously to
    // discuss strategy said …".)
    let in_relative = c.kind == ClauseKind::Infinitive && b.relative_open();
    let takes_clause = (c.kind != ClauseKind::Relative && !in_relative) || clause_verb;
    // ("A class action filed Thursday in Etterby on behalf of two customers alleges …": a verb
    // that takes no clause, read as a past tense before a time phrase, was a participle.)
    if !clause_verb && reread_participle(doc, b, cur, p) {
        return;
    }
    let subject = if takes_clause {
        subject_before(doc, after, p)
    } else {
        None
    };
    let main_verb = main_verb_after(doc, b, &c, p, subject, after);
    let subject = subject.filter(|_| !main_verb);
    if let Some(subj) = subject {
        b.push(subj.start as usize, ClauseKind::Complement, None, true);
        if let Some(x) = b.current() {
            x.verb = Some(p as u32);
            x.subject = Some(subj);
        }
        return;
    }
    if gapped_complement(doc, &c, p, clause_verb) {
        b.push(p, ClauseKind::Complement, None, true);
        if let Some(x) = b.current() {
            x.verb = Some(p as u32);
        }
        return;
    }
    // "Transportation Department data released Tuesday showed": the clause's first verb was a
    // participle the tagger read as a past tense.
    if reread_participle(doc, b, cur, p) || perfect_across_adverbial(doc, b, cur, p) {
        return;
    }
    if inside_dash_relative(doc, b, p) || inside_comma_relative(doc, b, p) {
        return;
    }
    if let Some(k) = b.innermost_without_verb() {
        b.close_to(k + 1, p);
        let at = b.current_index();
        set_verb(doc, b, at, p);
    }
}

/// Whether the finite speech verb at phrase `p`, after clause `c` (whose verb ends before
/// phrase `after`) and the subject found before it (`subject`), is the main clause's verb,
/// which has none yet: after the object of a relative clause's verb ("A strategist who
/// advises two campaigns said …"), an infinitive on a noun ("Members of the campaign to save
/// the library said …") or an adverbial clause inside a relative one ("A worker who asked not
/// to be named because he feared for his job said …").
fn main_verb_after(
    doc: &Doc<'_>,
    b: &Builder<'_>,
    c: &Clause,
    p: usize,
    subject: Option<Subject>,
    after: usize,
) -> bool {
    // ("A strategist who advises two campaigns said …": a speech verb after the object of a
    // relative clause's verb is the verb of the main clause, when it has none yet.)
    let main_verbless = b.out.get(b.base).is_some_and(|m| m.verb.is_none());
    // (And after an infinitive on a noun: "Members of the campaign to save the library said
    // …".)
    let on_noun = c.kind == ClauseKind::Infinitive
        && (c.start as usize)
            .checked_sub(1)
            .is_some_and(|q| ph(doc, q).kind == PhraseKind::Np);
    // (Or after an adverbial clause inside a relative one: "A worker who asked not to be named
    // because he feared for his job said …".)
    let in_relative_adverbial = c.kind == ClauseKind::Adverbial && b.relative_open();
    let object = subject.is_some_and(|s| s.start as usize == after && s.end as usize == p);
    main_verbless
        && ((c.kind == ClauseKind::Relative || on_noun) && object
            || in_relative_adverbial && subject.is_some())
        && doc.has(ph(doc, p).head(), crate::grammar::TokClass::VERB)
}

/// "The pilots we surveyed said …", "Everyone we spoke to says …": a relative clause with no
/// relative word (a personal pronoun, its verb, a stranded preposition) between the noun
/// phrase and the finite verb at phrase `p` right after it. The subject of `p`'s clause (`c`,
/// whose verb was read as the pronoun's) is the noun phrase.
fn contact_subject(doc: &Doc<'_>, c: &Clause, p: usize) -> Option<Subject> {
    let v = c.verb? as usize;
    let stranded = p == v + 2 && ph(doc, v + 1).kind == PhraseKind::Prep;
    let pron = v.checked_sub(1)?;
    let x = ph(doc, pron);
    let personal = x.kind == PhraseKind::Np
        && x.end == x.start + 1
        && doc.tag(x.start as usize) == crate::syntax::Tag::PronPrp;
    if !(p == v + 1 || stranded) || !personal {
        return None;
    }
    let lo = c.start as usize + usize::from(c.opener.is_some_and(|o| o == c.start));
    let subj = subject_before(doc, lo, pron)?;
    let noun = ph(doc, subj.head as usize).kind == PhraseKind::Np
        && doc.tag(ph(doc, subj.head as usize).head()) != crate::syntax::Tag::PronPrp;
    (noun && subj.end as usize == pron).then_some(subj)
}

/// "the deadline, which insiders said went unnoticed", "what they said was the need to …": a
/// finite verb right after the clause verb of a clause opened by a relative or question word
/// is the verb of that verb's clause, whose subject is the opening word (no phrase of its own).
fn gapped_complement(doc: &Doc<'_>, c: &Clause, p: usize, clause_verb: bool) -> bool {
    let wh = c
        .opener
        .is_some_and(|o| ph(doc, o as usize).kind == PhraseKind::Wh)
        || ph(doc, c.start as usize).kind == PhraseKind::Wh;
    clause_verb
        && wh
        && c.verb.is_some_and(|v| v as usize + 1 == p)
        && c.subject.is_some()
        && ph(doc, p).is(PhraseFlag::FINITE)
}

/// Whether phrase `p` lies inside an open relative clause set off by a dash that a second
/// dash closes later: its verbs stay inside ("X — who has made health costs/VBZ …, and whose
/// son … — said").
fn inside_dash_relative(doc: &Doc<'_>, b: &Builder<'_>, p: usize) -> bool {
    let opened = b.open.iter().any(|&c| {
        b.out.get(c).is_some_and(|x| {
            x.kind == ClauseKind::Relative && x.start > 0 && is_dash(doc, x.start as usize - 1)
        })
    });
    let sentence_end = doc.phrases.len();
    opened && (p + 1..sentence_end.min(p + 30)).any(|q| is_dash(doc, q))
}

/// Whether phrase `p` is a second verb of an open relative clause, a one-word past form before
/// a comma and a finite verb ([`past_before_comma_and_verb`]): it stays inside ("Ortiz, who
/// wants the audit reopened, said …", "an auditor who has reviewed the contracts signed to
/// date, said …", where the tagger read a participle as a past tense).
fn inside_comma_relative(doc: &Doc<'_>, b: &Builder<'_>, p: usize) -> bool {
    b.relative_open() && past_before_comma_and_verb(doc, p)
}

/// "Ruiz has in recent weeks said …": when clause `cur`'s verb is an auxiliary alone ("has"),
/// followed only by adverbs, times and prepositional phrases up to the past form `p`, the two
/// are one perfect verb: `p` is the clause's verb.
fn perfect_across_adverbial(doc: &Doc<'_>, b: &mut Builder<'_>, cur: usize, p: usize) -> bool {
    let Some(v) = b.out.get(cur).and_then(|c| c.verb).map(|v| v as usize) else {
        return false;
    };
    let x = ph(doc, v);
    // (An auxiliary of the lexicon other than a form of "be": "has", "had", "did".)
    let have = x.end == x.start + 1
        && doc.word_tags(x.start as usize).any(
            |t| matches!(t, crate::grammar::Tag::Func(f) if f.ty == FuncType::Auxiliary && !f.be),
        );
    let past =
        ph(doc, p).end == ph(doc, p).start + 1 && doc.tag(ph(doc, p).start as usize).is_past();
    let between = p > v + 1
        && (v + 1..p).all(|q| {
            let y = ph(doc, q);
            is_time_np(doc, q)
                || matches!(y.kind, PhraseKind::Adv | PhraseKind::Prep)
                || (y.kind == PhraseKind::Np && ph(doc, q - 1).kind == PhraseKind::Prep)
        });
    if !(have && past && between) {
        return false;
    }
    if let Some(c) = b.out.get_mut(cur) {
        c.verb = Some(p as u32);
    }
    true
}

/// When clause `cur`'s verb is a one-word past form right after its subject, followed only by
/// times, adverbs and prepositional phrases up to the finite verb group `p` that has no subject
/// of its own, that form was a participle modifying the subject: `p` is the clause's verb.
fn reread_participle(doc: &Doc<'_>, b: &mut Builder<'_>, cur: usize, p: usize) -> bool {
    let Some(c) = b.out.get(cur).copied() else {
        return false;
    };
    let (Some(v), Some(subj)) = (c.verb, c.subject) else {
        return false;
    };
    let v = v as usize;
    let x = ph(doc, v);
    let past = x.end == x.start + 1 && doc.tag(x.start as usize).is_past();
    // (A personal pronoun takes no participle after it: "they voted in the runoff is …".)
    let pronoun = ph(doc, subj.head as usize).is(PhraseFlag::PRONOUN);
    if !(past && subj.end as usize == v && p > v + 1) || pronoun {
        return false;
    }
    let between = (v + 1..p).all(|q| {
        let y = ph(doc, q);
        is_time_np(doc, q)
            || matches!(y.kind, PhraseKind::Adv | PhraseKind::Prep)
            || (y.kind == PhraseKind::Np && q > v + 1 && ph(doc, q - 1).kind == PhraseKind::Prep)
    });
    if !between {
        return false;
    }
    if let Some(x) = b.out.get_mut(cur) {
        x.verb = Some(p as u32);
        x.subject = Some(Subject {
            end: adverbials_before(doc, subj.start as usize, p) as u32,
            ..subj
        });
    }
    true
}

/// Makes phrase `p` the verb of clause `c`, with the subject before it.
fn set_verb(doc: &Doc<'_>, b: &mut Builder<'_>, c: usize, p: usize) {
    let Some(x) = b.out.get(c).copied() else {
        return;
    };
    // (The opener is the clause's first phrase, except a colon before it: "…: He says …".)
    let lo = x.start as usize + usize::from(x.opener.is_some_and(|o| o == x.start));
    let subject = subject_before(doc, lo, p);
    if let Some(x) = b.out.get_mut(c) {
        x.verb = Some(p as u32);
        x.subject = subject;
    }
}

/// The subject of the verb group at phrase `v`, within phrases `[lo, v)`: the longest subject
/// group ending there (adverbials and times between it and the verb: "The agency this week
/// said", "Ruiz on Monday said").
pub fn subject_before(doc: &Doc<'_>, lo: usize, v: usize) -> Option<Subject> {
    let end = adverbials_before(doc, lo, v);
    subject_in(doc, lo, end, v).or_else(|| subject_around_adverbial(doc, lo, end))
}

/// "Ortiz, after the scandal broke in March, said …": a noun phrase opening the clause, set off
/// from its verb by an adverbial clause between commas (phrases `[lo, end)`).
fn subject_around_adverbial(doc: &Doc<'_>, lo: usize, end: usize) -> Option<Subject> {
    let framed = end >= lo + 5
        && ph(doc, lo).kind == PhraseKind::Np
        && is_punct(doc, lo + 1, ",")
        && ph(doc, lo + 2).kind == PhraseKind::Sconj
        && is_punct(doc, end - 1, ",");
    framed.then_some(Subject {
        start: lo as u32,
        end: end as u32,
        core_end: lo as u32 + 1,
        head: lo as u32,
    })
}

/// Whether a subject may open at phrase `a` of `[lo, end)` though no boundary is before it
/// (see [`subject_in`]).
fn opens_here(doc: &Doc<'_>, lo: usize, a: usize, end: usize) -> bool {
    // After a preposition only a lone noun phrase right before the verb opens a subject
    // ("after the city released …").
    // (Not the object of a preposition after a verb that takes no clause, unless the
    // preposition may open one or a number follows it: "a strategist who is not working for
    // Mr. Hadley said" has no subject "Mr. Hadley".)
    let x = ph(doc, a);
    let after_prep = a > lo
        && ph(doc, a - 1).kind == PhraseKind::Prep
        && (a < 2
            || ph(doc, a - 2).kind != PhraseKind::Vg
            || doc.has(ph(doc, a - 2).head(), crate::grammar::TokClass::CLAUSE_VERB)
            || doc.is_func(ph(doc, a - 1).start as usize, FuncType::Connective)
            || (x.start..x.end).any(|t| doc.tag(t as usize).is_num()));
    let after_object = a > lo + 1
        && ph(doc, a - 1).kind == PhraseKind::Np
        && ph(doc, a - 2).kind == PhraseKind::Vg;
    // (A pronoun needs none: "a job she describes as …", "what he called …".)
    let pronoun = end == a + 1 && ph(doc, a).is(PhraseFlag::PRONOUN);
    // (Not after a relative word's preposition: "who in the past has argued …" has the relative
    // word for its subject.)
    let after_relative = a >= 2 && ph(doc, a - 2).kind == PhraseKind::Wh;
    let lone = end == a + 1 && (after_prep && !after_relative || pronoun);
    // ("says up to 300 millimetres of rain could fall": a number after "up to", "at
    // least" opens a subject.)
    let numbered = after_prep
        && x.kind == PhraseKind::Np
        && doc.tag(x.start as usize).is_num()
        && a >= lo + 2
        && ph(doc, a - 2).kind == PhraseKind::Prep;
    // ("Of the regular riders, about three in four, 74 percent, say …", "Just under a third, 31
    // percent, say …": after a preposition that follows a comma or an opening adverb, a share
    // with a number in its group.)
    let share = after_prep
        && a >= lo + 2
        && (is_punct(doc, a - 2, ",") || a - 2 == lo && ph(doc, lo).kind == PhraseKind::Adv)
        && (a..end.min(a + 8)).any(|p| {
            let y = ph(doc, p);
            y.kind == PhraseKind::Np && (y.start..y.end).any(|t| doc.tag(t as usize).is_num())
        });
    let lone = lone || numbered || share;
    // ("said Wednesday she, too, wants …": a subject after the verb's time phrase.)
    let after_time = a == lo + 1 && is_time_np(doc, lo);
    // "a pattern the lead author described as …", "the probe the agency said was …": a
    // relative clause with no relative word opens on a determined noun phrase right after
    // the one it modifies.
    let reduced = a > lo
        && ph(doc, a - 1).kind == PhraseKind::Np
        && ph(doc, a - 1).is(PhraseFlag::DETERMINED)
        && ph(doc, a).kind == PhraseKind::Np
        && (ph(doc, a).is(PhraseFlag::DETERMINED)
            || ph(doc, a).is(PhraseFlag::PRONOUN)
            || ph(doc, a).is(PhraseFlag::PROPER));
    lone || after_object || reduced || after_time || after_prepositions(doc, lo, a)
}

/// Whether a subject opens at phrase `a` after prepositional phrases that follow a verb taking a
/// clause, phrase `lo` the first after it ("reported on Monday the plant would close", "wrote
/// on Twitter her rival was lying"): a determined, proper or pronoun noun phrase.
fn after_prepositions(doc: &Doc<'_>, lo: usize, a: usize) -> bool {
    let x = ph(doc, a);
    let subject = x.kind == PhraseKind::Np
        && (x.is(PhraseFlag::DETERMINED)
            || x.is(PhraseFlag::PROPER)
            || x.is(PhraseFlag::PRONOUN)
            || doc.tag(x.start as usize).is_num());
    let mut q = a;
    while q >= lo + 2
        && ph(doc, q - 1).kind == PhraseKind::Np
        && ph(doc, q - 2).kind == PhraseKind::Prep
        && !doc.is_func(ph(doc, q - 2).start as usize, FuncType::Connective)
    {
        q -= 2;
    }
    let verb = lo.checked_sub(1).map(|v| ph(doc, v));
    subject
        && q == lo
        && q < a
        && verb.is_some_and(|v| {
            v.kind == PhraseKind::Vg && doc.has(v.head(), crate::grammar::TokClass::CLAUSE_VERB)
        })
}

/// [`subject_before`] within phrases `[lo, end)`, `end` the verb's adverbials' start.
fn subject_in(doc: &Doc<'_>, lo: usize, end: usize, v: usize) -> Option<Subject> {
    let from = lo.max(end.saturating_sub(SUBJECT_REACH));
    for a in from..end {
        // A subject opens after a boundary (or where the window does), or where
        // [`opens_here`] lets it.
        if !opens_nominal(ph(doc, a))
            || a > lo && !opens_after(doc, a - 1) && !opens_here(doc, lo, a, end)
        {
            continue;
        }
        let i = Phr::new(doc, a, end);
        if let Ok((r, core_end)) = subject_group(i) {
            let head = ph(doc, a);
            // (A gerund set off by a comma opens an adverbial, not a subject: "Writing in the
            // Chronicle on Wednesday, the agency's chief argued …".)
            if head.kind == PhraseKind::Vg
                && ph(doc, a + 1).kind == PhraseKind::Prep
                && (a..end).any(|q| is_aside(doc, q))
            {
                continue;
            }
            // (Nor one after a comma: "…, citing fuel costs, its chief executive said".)
            if head.kind == PhraseKind::Vg && a > 0 && is_aside(doc, a - 1) {
                continue;
            }
            let nominal = head.kind == PhraseKind::Np || head.is(PhraseFlag::GERUND);
            // (A time set off by a comma opens an adverbial: "Earlier Tuesday, his campaign
            // manager, Jeff Weir, says …".)
            if is_time_np(doc, a) && a + 2 < end && is_aside(doc, a + 1) {
                continue;
            }
            // (A comma may close the group: "Bob Friedman, a host and manager at X, said".)
            // (Not a bare noun phrase before a comma: "…at the state level, said Carl Dent" is
            // no subject but the end of the clause the speaker follows.)
            let closed = r.start == end
                || (r.start + 1 == end
                    && is_aside(doc, r.start)
                    && (a + 1..r.start).any(|q| is_aside(doc, q)));
            // ("a quarter, 26 percent, say": a share given as a number agrees with either.)
            let share = || {
                (core_end..end.min(core_end + 8)).any(|p| {
                    let y = ph(doc, p);
                    y.kind == PhraseKind::Np
                        && (y.start..y.end).any(|t| doc.tag(t as usize).is_num())
                })
            };
            if closed && nominal && (agrees(doc, a, core_end, v) || share()) {
                return Some(Subject {
                    start: a as u32,
                    end: end as u32,
                    core_end: core_end as u32,
                    head: a as u32,
                });
            }
        }
    }
    None
}

/// Whether the subject headed by phrase `a` (its nominal group ending at `core_end`) agrees in
/// number with verb group `v`: a plural noun takes no "-s" form ("the officials says" is no
/// subject and verb), a singular noun no plural present ("the club say").
fn agrees(doc: &Doc<'_>, a: usize, core_end: usize, v: usize) -> bool {
    let verb = ph(doc, v);
    let first = doc.tag(verb.start as usize);
    let head = ph(doc, a);
    let coordinated = (a..core_end).any(|p| ph(doc, p).kind == PhraseKind::Cconj);
    if coordinated || head.is(PhraseFlag::PRONOUN) || head.is(PhraseFlag::QUANTITY) {
        return true;
    }
    let h = doc.tag(head.head());
    // Only a lower-case common noun with no number in its phrase ("9 percent say", a name the
    // tagger reads as a plural: "Sanders says").
    let numbered = (head.start..head.end).any(|t| doc.tag(t as usize).is_num());
    if doc.is_cap(head.head()) || numbered {
        return true;
    }
    let plural_verb = matches!(first, super::Tag::VerbVbp | super::Tag::AuxVbp);
    let singular_verb = matches!(first, super::Tag::VerbVbz | super::Tag::AuxVbz);
    // ("A third of renters say", "a majority of them say": a part of a plural agrees with it.)
    let partitive = a + 2 < core_end
        && ph(doc, a + 1).kind == PhraseKind::Prep
        && (ph(doc, a + 2).is(PhraseFlag::PLURAL) || ph(doc, a + 2).is(PhraseFlag::PRONOUN));
    let singular_noun = matches!(h, super::Tag::NounNn) && !partitive;
    !(singular_verb && h.is_plural() || plural_verb && singular_noun)
}

/// Whether phrase `p` is a dash.
pub(crate) fn is_dash(doc: &Doc<'_>, p: usize) -> bool {
    ph(doc, p).kind == PhraseKind::Punct && doc.is_dash(ph(doc, p).start as usize)
}

/// Whether phrase `p` is a comma or a dash.
fn is_aside(doc: &Doc<'_>, p: usize) -> bool {
    ph(doc, p).kind == PhraseKind::Punct && (text(doc, p) == "," || is_dash(doc, p))
}

/// How many phrases before its verb a subject may start.
const SUBJECT_REACH: usize = 24;

/// Whether a subject may open right after phrase `p` (not after a preposition, whose object
/// the noun phrase there is: "Writing in the Chronicle, X argued").
fn opens_after(doc: &Doc<'_>, p: usize) -> bool {
    // (After a speech verb its clause's subject: ", saying his record in Iowa showed …".)
    let x = ph(doc, p);
    if x.kind == PhraseKind::Vg && doc.has(x.head(), crate::grammar::TokClass::CLAUSE_VERB) {
        return true;
    }
    // ("As Dana Whitt, a senior senator, put it": "as" opens a clause, whatever its tag:
    // `opener=yes` in function-words.txt.)
    let opener = || {
        doc.word_tags(x.start as usize)
            .any(|t| matches!(t, crate::grammar::Tag::Func(f) if f.opener))
    };
    if x.kind == PhraseKind::Prep && opener() {
        return true;
    }
    matches!(
        ph(doc, p).kind,
        PhraseKind::Punct
            | PhraseKind::Quote
            | PhraseKind::Sconj
            | PhraseKind::Cconj
            | PhraseKind::Adv
            | PhraseKind::Wh
    )
}

/// Where the adverbials right before phrase `v` begin (adverbs, times, "on Monday").
fn adverbials_before(doc: &Doc<'_>, lo: usize, v: usize) -> usize {
    let mut e = v;
    while e > lo {
        let p = e - 1;
        if ph(doc, p).kind == PhraseKind::Adv {
            e = p;
        } else if is_time_np(doc, p) {
            e = p;
            if e > lo && ph(doc, e - 1).kind == PhraseKind::Prep {
                e -= 1;
            }
        } else {
            break;
        }
    }
    e
}

/// Whether phrase `p` is a noun phrase naming a time ("Tuesday", "this week", "last year").
pub fn is_time_np(doc: &Doc<'_>, p: usize) -> bool {
    let x = ph(doc, p);
    // (Not a determiner standing alone: "this" opens a time phrase, but "this is" is a
    // subject.)
    x.kind == PhraseKind::Np
        && x.end - x.start <= 3
        && !matches!(doc.tag(x.head()), super::Tag::DetDt | super::Tag::PronDt)
        && (doc.is_func(x.head(), FuncType::Time) || doc.is_func(x.head(), FuncType::TimeUnit))
}

/// Adverbials: adverbs and time phrases.
fn adverbials<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    let time = || super::input::phrase(|d, k, _| is_time_np(d, k));
    many0_count(alt((
        kind(PhraseKind::Adv),
        time(),
        // "on Monday", as `adverbials_before` reads it.
        preceded(kind(PhraseKind::Prep), time()),
    )))
    .parse(i)
}

/// Whether phrase `x` can open a [`nominal`] (a noun phrase, or a one-word gerund), and so a
/// [`subject_group`]: a cheap test before parsing one.
fn opens_nominal(x: Phrase) -> bool {
    x.kind == PhraseKind::Np
        || (x.kind == PhraseKind::Vg && x.is(PhraseFlag::GERUND) && x.end == x.start + 1)
}

/// A subject group: a nominal group and its asides; returns where the nominal group ends.
pub fn subject_group<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    let (r, core) = recognize(coordination).parse(i)?;
    // "X — who …, and whose … — said": an aside between dashes may hold commas.
    let (r, _) = many0_count(dash_aside).parse(r)?;
    // ", A, B," : asides share their commas.
    let (r, n) = many0_count(preceded(aside_mark, aside)).parse(r)?;
    let (r, _) = if n > 0 { closing_mark(r)? } else { (r, 0) };
    Ok((r, core.end))
}

/// An aside between two dashes.
fn dash_aside<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, ()> {
    let dash = || {
        super::input::phrase(|d, _, p| p.kind == PhraseKind::Punct && d.is_dash(p.start as usize))
    };
    let inner = super::input::phrase(|d, _, p| match p.kind {
        PhraseKind::Punct => !d.is_dash(p.start as usize) && d.tok_text(p.start as usize) != ";",
        _ => true,
    });
    let (r, _) = (dash(), many1_count(inner), dash()).parse(i)?;
    Ok((r, ()))
}

/// Nominals joined by "and" or "or" (and commas before them).
fn coordination<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, ()> {
    let (r, _) = nominal(i)?;
    // (An item after a comma opening with an article is an apposition: "Bob Friedman, a host
    // and manager at …"; so is one after "and" closing such a list: "Senator Ann Lee,
    // Republican of Indiana and a longtime tariff supporter," describes one person.)
    let list = (
        many1_count(preceded(punct(","), preceded(not_article, nominal))),
        opt(punct(",")),
        kind(PhraseKind::Cconj),
        preceded(not_article, nominal),
    )
        .map(|_| ());
    let pair = (kind(PhraseKind::Cconj), nominal).map(|_| ());
    let (r, _) = opt(alt((list, pair))).parse(r)?;
    Ok((r, ()))
}

/// Succeeds, consuming nothing, unless the next phrase opens with an article.
fn not_article<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, ()> {
    match i.peek() {
        Some(p)
            if ["a", "an", "the"]
                .iter()
                .any(|w| i.doc.tok_eq_ci(p.start as usize, w)) =>
        {
            super::input::fail(i)
        }
        _ => Ok((i, ())),
    }
}

/// A noun phrase and its post-modifiers.
pub fn nominal<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    // A gerund heads one too: "said filming, which …, would be pushed back".
    let gerund = super::input::phrase(|_, _, p| {
        p.kind == PhraseKind::Vg && p.is(PhraseFlag::GERUND) && p.end == p.start + 1
    });
    // With its object: "says expanding the park will protect …".
    let gerund = pair(gerund, opt(np)).map(|(h, _)| h);
    let (r, head) = alt((np, gerund)).parse(i)?;
    let (r, _) = many0_count(postmodifier).parse(r)?;
    Ok((r, head))
}

/// "at the ministry", "of those surveyed", "polled by Reuters", "overseeing the talks", "who
/// attended the talks", "(R-Ga.)".
fn postmodifier<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, ()> {
    // ("the author of "Salt and Rumour,"": a short quotation, a work's title, as the object.)
    let title = super::input::phrase(|d, _, p| {
        p.kind == PhraseKind::Quote && {
            let t = p.start as usize;
            let text = d.quote_of(t).and_then(|i| d.quotes.get(i));
            text.is_some_and(|x| x.content().of(d.text).split_whitespace().nth(8).is_none())
        }
    });
    // ("an analysis of newly filed reports": a participle before the object's noun.)
    let premodified = (preposition, nonfinite_vg, np).map(|(p, _, _)| p);
    let pp = pair(preposition, np)
        .or(pair(preposition, title))
        .or(premodified.map(|p| (p, p)));
    // (A preposition's object may be a gerund with its own: "accused of stealing tools".)
    let gerund = pair(
        super::input::phrase(|_, _, p| {
            p.kind == PhraseKind::Vg && p.is(PhraseFlag::GERUND) && p.end == p.start + 1
        }),
        opt(np),
    );
    let participle = (
        nonfinite_vg,
        opt(np),
        many0_count(pair(preposition, alt((np.map(|_| ()), gerund.map(|_| ()))))),
        opt(kind(PhraseKind::Adv)),
    );
    let relative = restrictive_relative;
    // ("the push to boycott the speech": an infinitive on its noun, with its object.)
    let infinitive = (
        kind(PhraseKind::To),
        super::input::phrase(|_, _, p| p.kind == PhraseKind::Vg && p.is(PhraseFlag::INFINITIVE)),
        opt(np),
    );
    let parens = (punct("("), many0_count(not_close), punct(")"));
    // ("Parish spokesman the Rev. Amos Quill said …": a name with its article after a role
    // of the lexicon, with no comma.)
    let apposed_name = super::input::phrase(|d, k, p| {
        let role = k.checked_sub(1).map(|q| ph(d, q)).is_some_and(|r| {
            r.kind == PhraseKind::Np
                && d.has(
                    r.head(),
                    crate::grammar::TokClass::TITLE | crate::grammar::TokClass::NOUN,
                )
                && !d.is_cap(r.head())
        });
        role && p.kind == PhraseKind::Np && p.is(PhraseFlag::PROPER) && p.is(PhraseFlag::DETERMINED)
    });
    // ("One delegate not on the slate, X, told …": a negated prepositional phrase.)
    let negated = (
        super::input::phrase(|d, _, p| {
            p.kind == PhraseKind::Adv && d.is_func(p.start as usize, FuncType::Negation)
        }),
        preposition,
        np,
    );
    // ("The member most critical of the plan said …": an adjective with its complement.)
    let adjective = (
        opt(kind(PhraseKind::Adv)),
        kind(PhraseKind::Adj),
        preposition,
        np,
    );
    // ("Skippers in Tarsk and around the coast say …": two places joined.)
    let joined = (preposition, np, kind(PhraseKind::Cconj), preposition, np);
    let (r, _) = alt((
        negated.map(|_| ()),
        joined.map(|_| ()),
        pp.map(|_| ()),
        participle.map(|_| ()),
        relative.map(|_| ()),
        infinitive.map(|_| ()),
        parens.map(|_| ()),
        apposed_name.map(|_| ()),
        adjective.map(|_| ()),
    ))
    .parse(i)?;
    Ok((r, ()))
}

/// A preposition that opens no clause ("at the ministry"; not "23% on Wednesday after the
/// drugmaker said", nor "waiting times in the south-west after figures": a connective opens
/// a clause).
fn preposition<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    super::input::phrase(|d, _, p| {
        p.kind == PhraseKind::Prep && !d.is_func(p.start as usize, FuncType::Connective)
    })(i)
}

/// A relative clause right after its noun, with no comma ("who attended the talks", "that
/// have led to charges"): the relative word, then phrases up to a mark or to a second finite
/// verb group (the verb of the clause the noun phrase is the subject of: "cases that have
/// led to charges included …").
fn restrictive_relative<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, ()> {
    let doc = i.doc;
    let (mut r, _) = super::input::phrase(|d, _, p| {
        p.kind == PhraseKind::Wh && relative_word(d, p.start as usize)
    })(i)?;
    // (A subordinate clause inside it has a verb of its own: "who was at the market when the
    // shelling began".)
    let mut finite = 0;
    let mut opened = false;
    while let Some(p) = r.peek() {
        if !not_mark_phrase(doc, p) || matches!(doc.tok_text(p.start as usize), "." | "!" | "?") {
            break;
        }
        // ("who advises two campaigns but is not working for Hadley": a conjunction right
        // before a finite verb joins a second predicate of the relative clause.)
        let joined = p.kind == PhraseKind::Cconj
            && r.at(r.start + 1)
                .peek()
                .is_some_and(|q| q.kind == PhraseKind::Vg && q.is(PhraseFlag::FINITE));
        if matches!(p.kind, PhraseKind::Wh | PhraseKind::Sconj) || joined {
            opened = true;
        }
        if p.kind == PhraseKind::Vg && p.is(PhraseFlag::FINITE) {
            if opened {
                opened = false;
            } else {
                finite += 1;
                // (Not a past form right before a comma and the outer clause's verb: "who
                // wants the audit reopened, said …", a participle the tagger read as a past.)
                if finite > 1 && !before_comma_and_verb(r) {
                    break;
                }
            }
        }
        r = r.at(r.start + 1);
    }
    if r.start == i.start + 1 {
        return super::input::fail(i);
    }
    Ok((r, ()))
}

/// Whether the phrase at `r` is a one-word past form followed by a comma and a finite verb
/// (read past the window's end: a subject's window ends at its verb).
fn before_comma_and_verb(r: Phr<'_, '_>) -> bool {
    r.first()
        .is_some_and(|p| past_before_comma_and_verb(r.doc, p))
}

/// Whether phrase `p` is a one-word past form, then at most a few prepositions, noun phrases
/// and adverbs, a comma and a finite verb: a participle the tagger read as a past, inside an
/// aside that the comma closes ("the contracts signed to date, said …").
fn past_before_comma_and_verb(doc: &Doc<'_>, p: usize) -> bool {
    let x = ph(doc, p);
    // (With its particle: "the loan she took on the council, said …".)
    let particles = (x.start + 1..x.end).all(|t| doc.tag(t as usize) == crate::syntax::Tag::AdpRp);
    if !(particles && doc.tag(x.start as usize).is_past()) {
        return false;
    }
    // ("… she took while on the council, said …": a connective before a prepositional phrase.)
    let Some(comma) = (p + 1..p + 6).find(|&q| {
        !matches!(
            ph(doc, q).kind,
            PhraseKind::Prep | PhraseKind::Np | PhraseKind::Adv
        ) && !(ph(doc, q).kind == PhraseKind::Sconj && ph(doc, q + 1).kind == PhraseKind::Prep)
    }) else {
        return false;
    };
    let verb = ph(doc, comma + 1);
    is_punct(doc, comma, ",") && verb.kind == PhraseKind::Vg && verb.is(PhraseFlag::FINITE)
}

/// A verb group that is a participle or gerund with no auxiliary ("surveyed", "overseeing").
fn nonfinite_vg<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    super::input::phrase(|_, _, p| {
        p.kind == PhraseKind::Vg
            && !p.is(PhraseFlag::FINITE)
            && (p.is(PhraseFlag::PARTICIPLE) || p.is(PhraseFlag::GERUND))
    })(i)
}

/// In an aside, a past form with no auxiliary is a participle the tagger read as a past tense
/// ("The Dutchman, appointed in January, admitted …"): the aside's closing comma and the verb
/// after it settle it.
fn aside_vg<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    super::input::phrase(|d, _, p| {
        p.kind == PhraseKind::Vg
            && (p.is(PhraseFlag::PARTICIPLE)
                || p.is(PhraseFlag::GERUND)
                || (p.end == p.start + 1 && d.tag(p.start as usize).is_past()))
    })(i)
}

/// Whether token `t` is a relative pronoun ("who", "which", "that": `relative=yes`, or "that").
fn relative_word(doc: &Doc<'_>, t: usize) -> bool {
    doc.tok_eq_ci(t, "that")
        || doc
            .word_tags(t)
            .any(|x| matches!(x, crate::grammar::Tag::Func(f) if f.relative))
}

/// Any phrase but a closing parenthesis.
fn not_close<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    super::input::phrase(|d, _, p| {
        !(p.kind == PhraseKind::Punct && d.tok_text(p.start as usize) == ")")
    })(i)
}

/// An aside (between commas or dashes) after a subject: an age, a description, a name, a
/// relative or participle clause ("…, 46,", "…, a spokeswoman for the ministry,", "…, who
/// took office in March,").
fn aside<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, ()> {
    // Each reading must reach the next mark: a relative clause (which may hold finite
    // verbs), a described noun phrase ("a kidney specialist at X who was not involved"), or
    // words with no finite verb but a past form opening them ("appointed in January", read as
    // a participle).
    let relative = pair(
        pair(opt(kind(PhraseKind::Cconj)), kind(PhraseKind::Wh)),
        many0_count(not_mark),
    );
    let plain = pair(
        opt(aside_vg),
        many0_count(super::input::phrase(|d, _, p| {
            !(p.kind == PhraseKind::Vg && p.is(PhraseFlag::FINITE)) && not_mark_phrase(d, p)
        })),
    );
    let until_mark = |r: Phr<'d, 'a>| peek(closing_mark).parse(r).map(|_| (r, ()));
    let participial = pair(
        aside_vg,
        many0_count(alt((not_mark, kind(PhraseKind::Quote)))),
    );
    let (r, _) = alt((
        terminated(relative.map(|_| ()), until_mark),
        terminated(participial.map(|_| ()), until_mark),
        terminated(recognize(coordination).map(|_| ()), until_mark),
        terminated(plain.map(|_| ()), until_mark),
    ))
    .parse(i)?;
    if r.start == i.start {
        return super::input::fail(i);
    }
    Ok((r, ()))
}

/// The mark closing an aside: a comma, a dash, or a quotation whose words end with a comma
/// ("Hume, who calls Dunn a "menace," said …").
fn closing_mark<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    let quoted = super::input::phrase(|d, k, _| quote_ends_with_comma(d, k));
    alt((aside_mark, quoted)).parse(i)
}

/// Whether phrase `p` is no comma, dash, semicolon, colon or quotation.
fn not_mark_phrase(d: &Doc<'_>, p: &Phrase) -> bool {
    match p.kind {
        PhraseKind::Quote => false,
        PhraseKind::Punct => {
            !d.is_dash(p.start as usize) && !matches!(d.tok_text(p.start as usize), "," | ";" | ":")
        }
        _ => true,
    }
}

/// Any phrase but a comma, a dash or a quotation (the inside of an aside).
fn not_mark<'d, 'a: 'd>(i: Phr<'d, 'a>) -> PResult<'d, 'a, usize> {
    super::input::phrase(|d, _, p| not_mark_phrase(d, p))(i)
}

#[cfg(test)]
mod tests {
    use super::ClauseKind;
    use crate::text::Doc;
    use crate::Grammar;

    /// The clauses of `text`'s first sentence: kind, subject words, verb words.
    fn clauses(text: &str) -> Vec<(ClauseKind, String, String)> {
        let doc = Doc::new(text, Grammar::builtin());
        let s = doc.sentences[0];
        let (c0, c1) = doc.clause_range(s);
        let words = |a: usize, b: usize| {
            let (ta, tb) = (
                doc.phrases[a].start as usize,
                doc.phrases[b - 1].end as usize,
            );
            (ta..tb)
                .map(|t| doc.tok_text(t))
                .collect::<Vec<_>>()
                .join(" ")
        };
        doc.clauses[c0..c1]
            .iter()
            .map(|c| {
                let subj = c.subject.map_or(String::new(), |s| {
                    words(s.start as usize, s.core_end as usize)
                });
                let verb = c
                    .verb
                    .map_or(String::new(), |v| words(v as usize, v as usize + 1));
                (c.kind, subj, verb)
            })
            .collect()
    }

    #[test]
    fn a_verb_that_takes_no_clause_in_a_relative_clause() {
        let c = clauses("A nurse who was not allowed to talk to reporters said the ward was full.");
        assert!(c.iter().all(|x| x.1 != "reporters"), "{c:?}");
        assert!(c.iter().any(|x| x.1 == "the ward" && x.2 == "was"), "{c:?}");
    }

    #[test]
    fn and_inside_a_name_after_for() {
        let c = clauses(
            "Fares rose in Tarsk, which the Board of Trade and Shipping says had frozen them.",
        );
        assert!(c.iter().all(|x| x.1 != "Shipping"), "{c:?}");
    }

    #[test]
    fn a_subject_after_the_verbs_prepositional_phrases() {
        for (text, subject, verb) in [
            (
                "The agency confirmed on Monday the pier would close.",
                "the pier",
                "would close",
            ),
            (
                "The board wrote on Friday its chair had resigned.",
                "its chair",
                "had resigned",
            ),
        ] {
            let c = clauses(text);
            assert_eq!(
                c.get(1),
                Some(&(ClauseKind::Complement, subject.into(), verb.into())),
                "{text}"
            );
        }
        // Not after a verb that takes no clause.
        let c = clauses("The crew worked on Monday the pier would close.");
        assert!(c.iter().all(|x| x.0 != ClauseKind::Complement), "{c:?}");
    }

    #[test]
    fn an_adverbial_opening_a_reported_clause() {
        let c = clauses("She says despite all that, the board was not swayed by the petition.");
        assert_eq!(
            c[1],
            (
                ClauseKind::Complement,
                "the board".into(),
                "was not swayed".into()
            )
        );
        // Not after a verb of another clause, nor before a participle.
        let c =
            clauses("In what may be the first time both sides agreed on anything, the board met.");
        assert!(
            c.iter()
                .all(|x| x.0 != ClauseKind::Complement || x.2 != "met"),
            "{c:?}"
        );
        let c = clauses("\"It works,\" he said of the plan, adding the city must be ready.");
        assert!(c.iter().all(|x| x.2 != "must"), "{c:?}");
    }

    #[test]
    fn an_aside_participle_with_a_question_of_its_own() {
        let c = clauses(
            "Press secretary Dana Osei, asked Thursday whether the president planned to \
             watch the debate, said he would skip it.",
        );
        assert_eq!(
            c[0],
            (
                ClauseKind::Main,
                "Press secretary Dana Osei".into(),
                "said".into()
            )
        );
    }

    #[test]
    fn a_main_clause_after_an_opening_with_an_infinitive_and_a_relative() {
        let c = clauses(
            "On the decision to return the panels, which drew criticism from trustees, she is \
             blunt.",
        );
        assert_eq!(c[0], (ClauseKind::Main, "she".into(), "is".into()));
    }

    #[test]
    fn a_list_of_nouns_after_a_clause_verb_is_its_complements_subject() {
        let c = clauses("The trust said maternity, surgery and intensive care would run.");
        assert!(
            c.iter().any(|x| x.0 == ClauseKind::Complement
                && x.1 == "maternity , surgery and intensive care"),
            "{c:?}"
        );
    }

    #[test]
    fn a_list_closed_by_an_article_is_an_apposition() {
        let c = clauses(
            "Senator Ann Lee, Republican of Indiana and a longtime tariff supporter, said no.",
        );
        assert_eq!(
            c[0],
            (ClauseKind::Main, "Senator Ann Lee".into(), "said".into())
        );
        let c = clauses("Smith, Jones and Brown said no.");
        assert_eq!(
            c[0],
            (
                ClauseKind::Main,
                "Smith , Jones and Brown".into(),
                "said".into()
            )
        );
    }

    #[test]
    fn a_reported_clause_without_that() {
        let c = clauses("Police said Lund, 46, fled the scene.");
        assert_eq!(c[0], (ClauseKind::Main, "Police".into(), "said".into()));
        assert_eq!(c[1], (ClauseKind::Complement, "Lund".into(), "fled".into()));
    }

    #[test]
    fn subjects_carry_asides_and_postmodifiers() {
        let c =
            clauses("Bob Friedman, a talk show host in Alabama, said that he noticed the shift.");
        assert_eq!(
            c[0],
            (ClauseKind::Main, "Bob Friedman".into(), "said".into())
        );
        let c = clauses("Musicians who played the club say its closing leaves a hole.");
        assert_eq!(c[0].1, "Musicians who played the club");
        assert_eq!(c[0].2, "say");
        // A share given as a number, after an opening phrase.
        let c = clauses(
            "Of the regular riders, about three in four, 74 percent, say the fare is fair.",
        );
        assert_eq!(c[0].1, "about three in four");
        let c = clauses("Just under a third, 31 percent, say the fare is too high.");
        assert_eq!(c[0].1, "a third");
        // An infinitive on a noun of the subject, with its object.
        let c = clauses("Members of the campaign to save the library said they were hopeful.");
        assert_eq!(c[0].1, "Members of the campaign to save the library");
        assert_eq!(c[0].2, "said");
        // A participle whose preposition takes a gerund and its object.
        let c =
            clauses("A clerk accused of stealing $9,000 worth of tools told a jury he was framed.");
        assert_eq!(c[0].1, "A clerk accused of stealing $9,000 worth of tools");
    }

    #[test]
    fn a_coordinated_clause_with_a_time_after_its_subject() {
        let c = clauses(
            "Ruiz accused rivals of stalling, and the spokesman, Ana Leal, on Monday \
             described the bill as sound.",
        );
        assert!(c
            .iter()
            .any(|x| x.0 == ClauseKind::Coordinate && x.2 == "described"));
    }

    #[test]
    fn a_comma_closes_an_adverbial_of_a_gerund() {
        let c = clauses("On Friday, after staying quiet all year, Brandt endorsed Ortiz.");
        assert!(c
            .iter()
            .any(|x| x.1 == "Brandt" && x.2 == "endorsed" && x.0 != ClauseKind::Adverbial));
    }

    #[test]
    fn a_comma_and_conjunction_close_the_reported_clause() {
        let c = clauses("Sanders said the plan was dead, and he criticized the board.");
        assert!(c
            .iter()
            .any(|x| x.0 == ClauseKind::Coordinate && x.1 == "he"));
        let doc = Doc::new(
            "Sanders said the plan was dead, and he criticized the board.",
            Grammar::builtin(),
        );
        let (c0, c1) = doc.clause_range(doc.sentences[0]);
        let comp = doc.clauses[c0..c1]
            .iter()
            .find(|x| x.kind == ClauseKind::Complement)
            .unwrap();
        let coord = doc.clauses[c0..c1]
            .iter()
            .find(|x| x.kind == ClauseKind::Coordinate)
            .unwrap();
        assert!(comp.end <= coord.start);
    }

    #[test]
    fn that_whether_and_to_open_clauses() {
        let c =
            clauses("The minister asked whether the board would vote and urged members to wait.");
        assert!(c
            .iter()
            .any(|x| x.0 == ClauseKind::Complement && x.2 == "would vote"));
        assert!(c.iter().any(|x| x.0 == ClauseKind::Infinitive));
    }

    #[test]
    fn a_part_of_a_plural_agrees_with_a_plural_verb() {
        let c = clauses("A quarter of tenants, 25%, say they moved twice.");
        assert_eq!(
            c[0],
            (
                ClauseKind::Main,
                "A quarter of tenants".into(),
                "say".into()
            )
        );
        assert!(c
            .iter()
            .any(|x| x.0 == ClauseKind::Complement && x.1 == "they"));
    }

    #[test]
    fn nouns_joined_after_a_clause_verb_opening_with_a_subject_pronoun() {
        let c = clauses("Mara Olsen announced she and her partner are moving to Oslo.");
        assert!(c.iter().any(|x| x.0 == ClauseKind::Complement
            && x.1 == "she and her partner"
            && x.2 == "are moving"));
    }

    #[test]
    fn a_verb_after_a_relative_clauses_speech_verb_is_its_clauses() {
        let c = clauses("The fee, which several owners said went unpaid for months, rose.");
        assert!(c
            .iter()
            .any(|x| x.0 == ClauseKind::Complement && x.1.is_empty() && x.2 == "went"));
        let c = clauses("They fought what she called waste and what he said was fraud.");
        assert!(c
            .iter()
            .any(|x| x.0 == ClauseKind::Complement && x.1.is_empty() && x.2 == "was"));
    }

    #[test]
    fn nouns_joined_inside_a_subjects_prepositional_phrase() {
        let c = clauses("The maker of the crackers and the chips said sales fell.");
        assert_eq!(c[0].0, ClauseKind::Main);
        assert_eq!(c[0].2, "said");
        assert!(c.iter().all(|x| x.0 != ClauseKind::Coordinate));
    }
}
