//! Scoring attribution output against gold annotations (`quotecheck eval`).
//!
//! # Gold
//!
//! One document a line: `{"id", "text", "quotes": [unit, …]}`. A gold unit is
//! `{"kind", "start", "end", "speaker", "anonymous", "chain"}`: `kind` is `direct`, `partial` or
//! `indirect`; `start`/`end` are UTF-8 byte offsets of what was said (inside the marks, or the
//! reported clause); `speaker` is the speaker's name, or null for a quote nobody is credited
//! with; `anonymous` is true for an unnamed source (null or absent: not scored); `chain` lists
//! the names of who passed the words on. Optional fields of a unit:
//!
//! - `speaker_match`: how the speaker is judged. `name` (the default when `speaker` is a
//!   string): by name, below. `mention`: the predicted speaker's `mention` span must overlap
//!   the unit's `speaker_span: [start, end]` (for annotations that mark only the words naming
//!   the speaker, such as "he"). `none-expected` (the default when `speaker` is null): the
//!   prediction must credit nobody. `skip`: the speaker is not judged.
//! - `optional: true`: the unit is outside the scored scope. Finding it is not credited,
//!   missing it costs nothing, and a prediction matching it is not a false positive.
//!
//! # Predictions
//!
//! What `quotecheck extract --jsonl` writes: one `{"id", "quotes": [...]}` a line, each quote
//! with `kind`, `content: {start, end}`, `speaker: {name, anonymous, mention: {start, end}}` or
//! null, and `chain: [{name}, …]`. Other fields are ignored; `title` and `scare` units are not
//! speech and are ignored; a document with no prediction line has no units.
//!
//! # Matching
//!
//! Spans are first trimmed of spaces and punctuation at both ends (`,.;:!?'"` and curly
//! quotes, guillemets, hyphens and dashes). Gold units are taken in order, and each is matched
//! to at most one prediction of its class, the best one not yet taken:
//!
//! - quoted units (`direct` and `partial`) by character overlap: the shared bytes over the
//!   bytes from the first start to the last end must be at least 0.6;
//! - `indirect` units by words: the spans must overlap, and the F1 of their words (lower-case
//!   runs of ASCII letters and digits, joined by inner apostrophes and hyphens, counted with
//!   repeats) must be at least 0.5.
//!
//! A prediction left unmatched is *neutral* (neither credited nor a false positive) when it lies
//! inside a gold direct quote (a quote nested in a quote), when it is a quoted unit inside a
//! gold indirect unit, or when it restates a gold unit of the other class (overlap of 0.5 or
//! more). Every other unmatched prediction is a false positive, and every unmatched gold unit a
//! false negative.
//!
//! Speaker names match when, leaving out "the", "a", "an", "of", "for" and the honorifics Mr,
//! Mrs, Ms, Dr and Prof, the words of one contain the other's and, when the prediction's are
//! the fewer, they include the gold name's last word; a predicted name of pronouns only never
//! matches. A gold anonymous speaker matches any prediction marked anonymous. Chain links match
//! by the same name rule.
//!
//! # Figures
//!
//! - **quoted** and **indirect** precision, recall and F1: matched units over predicted
//!   (non-neutral) and gold units of the class;
//! - **attribution** precision, recall and F1, the end-to-end figure: a unit counts only when it
//!   is matched *and* its speaker is right, over all predicted and all gold units;
//! - **speaker accuracy**: right speakers over matched units (units with `skip` left out);
//! - **anonymous** precision, recall and F1: gold anonymous units matched by a prediction
//!   marked anonymous, over gold anonymous units and over predictions marked anonymous (not
//!   counting those matched to a gold unit whose anonymity is not scored);
//! - **chain recall**: of the matched units whose gold chain is not empty, the share whose
//!   every gold link is named in the predicted chain.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::Value;

use crate::report::{QuoteKind, Report};

/// Quoted (direct and partial) or indirect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Quoted,
    Indirect,
}

/// How a gold unit's speaker is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpeakerMatch {
    Name,
    Mention,
    NoneExpected,
    Skip,
}

/// One gold unit.
#[derive(Debug, Clone)]
struct GoldUnit {
    kind: String,
    direct: bool,
    class: Class,
    start: usize,
    end: usize,
    speaker: Option<String>,
    anonymous: Option<bool>,
    chain: Vec<String>,
    how: SpeakerMatch,
    speaker_span: Option<(i64, i64)>,
    optional: bool,
}

/// One gold document.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// Its id, as text.
    pub id: String,
    /// Its text.
    pub text: String,
    units: Vec<GoldUnit>,
}

impl GoldDoc {
    /// The number of gold units (optional ones included).
    pub fn units(&self) -> usize {
        self.units.len()
    }
}

/// A predicted speaker.
#[derive(Debug, Clone, Default)]
struct PredSpeaker {
    name: String,
    anonymous: bool,
    mention: Option<(i64, i64)>,
}

/// One predicted unit.
#[derive(Debug, Clone)]
struct PredUnit {
    kind: String,
    class: Class,
    start: usize,
    end: usize,
    speaker: Option<PredSpeaker>,
    chain: Vec<String>,
}

/// The predictions for one document.
#[derive(Debug, Clone, Default)]
pub struct PredDoc {
    units: Vec<PredUnit>,
}

/// A line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

fn class_of(kind: &str) -> Option<Class> {
    match kind {
        "direct" | "partial" => Some(Class::Quoted),
        "indirect" => Some(Class::Indirect),
        _ => None,
    }
}

/// The id of a document as text: a string as it is, anything else as its JSON.
fn id_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => "null".into(),
    }
}

fn offset(v: &Value, key: &str) -> Option<usize> {
    v.get(key)
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
}

fn span_pair(v: Option<&Value>) -> Option<(i64, i64)> {
    let a = v?.as_array()?;
    Some((a.first()?.as_i64()?, a.get(1)?.as_i64()?))
}

fn gold_unit(u: &Value) -> Result<GoldUnit, String> {
    let kind = u
        .get("kind")
        .and_then(Value::as_str)
        .ok_or("a unit without \"kind\"")?
        .to_string();
    let (Some(start), Some(end)) = (offset(u, "start"), offset(u, "end")) else {
        return Err(format!(
            "a {kind} unit without \"start\" and \"end\" offsets"
        ));
    };
    let speaker = u.get("speaker").and_then(Value::as_str).map(str::to_string);
    let how = match u.get("speaker_match").and_then(Value::as_str) {
        Some("skip") => SpeakerMatch::Skip,
        Some("mention") => SpeakerMatch::Mention,
        Some("none-expected") => SpeakerMatch::NoneExpected,
        Some("name") => SpeakerMatch::Name,
        Some(other) => return Err(format!("unknown speaker_match {other:?}")),
        None if speaker.is_none() => SpeakerMatch::NoneExpected,
        None => SpeakerMatch::Name,
    };
    let speaker_span = span_pair(u.get("speaker_span"));
    if how == SpeakerMatch::Mention && speaker_span.is_none() {
        return Err("speaker_match \"mention\" without \"speaker_span\": [start, end]".into());
    }
    Ok(GoldUnit {
        direct: kind == "direct",
        class: class_of(&kind).unwrap_or(Class::Indirect),
        kind,
        start,
        end,
        speaker,
        anonymous: u.get("anonymous").and_then(Value::as_bool),
        chain: u
            .get("chain")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        how,
        speaker_span,
        optional: u.get("optional").and_then(Value::as_bool).unwrap_or(false),
    })
}

/// Reads a gold file: one document a line (blank lines skipped).
pub fn parse_gold(text: &str) -> Result<Vec<GoldDoc>, ParseError> {
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| ParseError {
            line: i + 1,
            message,
        };
        let v: Value = serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
        let text = v
            .get("text")
            .and_then(Value::as_str)
            .ok_or_else(|| err("missing \"text\" (a string)".into()))?
            .to_string();
        let units = v
            .get("quotes")
            .and_then(Value::as_array)
            .ok_or_else(|| err("missing \"quotes\" (a list of gold units)".into()))?
            .iter()
            .map(gold_unit)
            .collect::<Result<Vec<_>, _>>()
            .map_err(err)?;
        docs.push(GoldDoc {
            id: id_text(v.get("id")),
            text,
            units,
        });
    }
    Ok(docs)
}

fn pred_unit(q: &Value) -> Option<PredUnit> {
    let kind = q.get("kind").and_then(Value::as_str)?.to_string();
    let class = class_of(&kind)?;
    let content = q.get("content")?;
    let speaker = q.get("speaker").filter(|s| s.is_object()).map(|s| {
        let m = s.get("mention");
        PredSpeaker {
            name: s
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            anonymous: s.get("anonymous").and_then(Value::as_bool).unwrap_or(false),
            mention: m.and_then(|m| Some((m.get("start")?.as_i64()?, m.get("end")?.as_i64()?))),
        }
    });
    Some(PredUnit {
        kind,
        class,
        start: offset(content, "start")?,
        end: offset(content, "end")?,
        speaker,
        chain: q
            .get("chain")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|c| c.get("name").and_then(Value::as_str).unwrap_or_default())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// Reads predictions: one `{"id", "quotes"}` a line (an error record, with no `quotes`, is a
/// document with no units). A later line for the same id replaces an earlier one.
pub fn parse_predictions(
    text: &str,
) -> Result<std::collections::BTreeMap<String, PredDoc>, ParseError> {
    let mut out = std::collections::BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| ParseError {
            line: i + 1,
            message: e.to_string(),
        })?;
        let units = v
            .get("quotes")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(pred_unit).collect())
            .unwrap_or_default();
        out.insert(id_text(v.get("id")), PredDoc { units });
    }
    Ok(out)
}

/// The predictions of a report (what its JSON line would give).
pub fn predictions_of(report: &Report) -> PredDoc {
    let units = report
        .quotes
        .iter()
        .filter_map(|q| {
            let kind = match q.kind {
                QuoteKind::Direct => "direct",
                QuoteKind::Partial => "partial",
                QuoteKind::Indirect => "indirect",
                QuoteKind::Belief | QuoteKind::Title | QuoteKind::Scare => return None,
            };
            Some(PredUnit {
                kind: kind.into(),
                class: class_of(kind)?,
                start: q.content.start,
                end: q.content.end,
                speaker: q.speaker.as_ref().map(|s| PredSpeaker {
                    name: s.name.clone(),
                    anonymous: s.anonymous,
                    mention: Some((
                        i64::try_from(s.mention.start).unwrap_or(i64::MAX),
                        i64::try_from(s.mention.end).unwrap_or(i64::MAX),
                    )),
                }),
                chain: q.chain.iter().map(|c| c.name.clone()).collect(),
            })
        })
        .collect();
    PredDoc { units }
}

/// Whether `c` is trimmed from the ends of a span.
fn is_trimmed(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\r'
            | '\n'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '\''
            | '"'
            | '-'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{ab}'
            | '\u{bb}'
            | '\u{2014}'
            | '\u{2013}'
    )
}

/// The character whose UTF-8 encoding is exactly `bytes`, if it is one.
fn one_char(bytes: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(bytes).ok()?;
    let mut cs = s.chars();
    let c = cs.next()?;
    cs.next().is_none().then_some(c)
}

/// `start..end` of `text` with spaces and punctuation trimmed from both ends. Offsets need not
/// be on character boundaries: a broken character at an edge is kept.
fn trim(text: &[u8], start: usize, end: usize) -> (usize, usize) {
    let mut e = end.min(text.len());
    let mut s = start.min(e);
    while s < e {
        let Some(&b) = text.get(s) else { break };
        let len = match b {
            0..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        match text.get(s..(s + len).min(e)).and_then(one_char) {
            Some(c) if is_trimmed(c) => s += len,
            _ => break,
        }
    }
    while e > s {
        // The last character starts at the last byte that is not a continuation byte.
        let mut k = e - 1;
        while k > s && k + 3 >= e && text.get(k).is_some_and(|b| b & 0xc0 == 0x80) {
            k -= 1;
        }
        match text.get(k..e).and_then(one_char) {
            Some(c) if is_trimmed(c) => e = k,
            _ => break,
        }
    }
    (s, e.max(s))
}

/// Lower-case words: runs of ASCII letters and digits, joined by an inner apostrophe or hyphen.
fn words(text: &str) -> Vec<String> {
    let lower: Vec<char> = text.to_lowercase().chars().collect();
    let alnum = |i: usize| {
        lower
            .get(i)
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        if !alnum(i) {
            i += 1;
            continue;
        }
        let from = i;
        while alnum(i) {
            i += 1;
        }
        while lower
            .get(i)
            .is_some_and(|c| matches!(c, '\'' | '\u{2019}' | '-'))
            && alnum(i + 1)
        {
            i += 1;
            while alnum(i) {
                i += 1;
            }
        }
        out.push(lower.get(from..i).unwrap_or_default().iter().collect());
    }
    out
}

const NAME_STOP: [&str; 10] = [
    "the", "a", "an", "of", "for", "mr", "mrs", "ms", "dr", "prof",
];
const PRONOUNS: [&str; 10] = [
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them",
];

fn name_words(name: &str) -> Vec<String> {
    words(name)
        .into_iter()
        .filter(|w| !NAME_STOP.contains(&w.as_str()))
        .collect()
}

/// Whether the predicted name `pred` names the gold speaker `gold`.
fn names_match(gold: &str, pred: &str) -> bool {
    let (g, p) = (name_words(gold), name_words(pred));
    let gs: BTreeSet<&str> = g.iter().map(String::as_str).collect();
    let ps: BTreeSet<&str> = p.iter().map(String::as_str).collect();
    if gs.is_empty() || ps.is_empty() || ps.iter().all(|w| PRONOUNS.contains(w)) {
        return false;
    }
    gs.is_subset(&ps) || (ps.is_subset(&gs) && g.last().is_some_and(|w| ps.contains(w.as_str())))
}

/// Shared bytes over the bytes from the first start to the last end.
fn overlap(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let hull = a.1.max(b.1).saturating_sub(a.0.min(b.0));
    if hull == 0 {
        0.0
    } else {
        inter as f64 / hull as f64
    }
}

/// The F1 of two texts' words, counted with repeats.
fn word_f1(gold: &str, pred: &str) -> f64 {
    let (a, b) = (words(gold), words(pred));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut pool: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for w in &b {
        *pool.entry(w.as_str()).or_default() += 1;
    }
    let mut common = 0usize;
    for w in &a {
        if let Some(n) = pool.get_mut(w.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            common += 1;
        }
    }
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (
        common as f64 / b.len() as f64,
        common as f64 / a.len() as f64,
    );
    2.0 * p * r / (p + r)
}

fn speaker_right(g: &GoldUnit, p: &PredUnit) -> bool {
    let sp = p.speaker.as_ref();
    match g.how {
        SpeakerMatch::Skip => true,
        SpeakerMatch::Mention => match (sp.and_then(|s| s.mention), g.speaker_span) {
            (Some((s, e)), Some((gs, ge))) => e.min(ge) > s.max(gs),
            _ => false,
        },
        SpeakerMatch::NoneExpected => sp.is_none_or(|s| s.name.trim().is_empty()),
        SpeakerMatch::Name => match sp {
            None => false,
            Some(s) if g.anonymous == Some(true) => s.anonymous,
            Some(s) => names_match(g.speaker.as_deref().unwrap_or_default(), &s.name),
        },
    }
}

fn chain_right(g: &GoldUnit, p: &PredUnit) -> bool {
    g.chain
        .iter()
        .all(|gc| p.chain.iter().any(|n| names_match(gc, n)))
}

/// The raw counts behind the figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Quoted units matched, predicted (not neutral), in the gold.
    pub quoted_matched: usize,
    /// Quoted units predicted.
    pub quoted_predicted: usize,
    /// Quoted units in the gold.
    pub quoted_gold: usize,
    /// Indirect units matched.
    pub indirect_matched: usize,
    /// Indirect units predicted.
    pub indirect_predicted: usize,
    /// Indirect units in the gold.
    pub indirect_gold: usize,
    /// Matched units whose speaker is judged.
    pub speaker_judged: usize,
    /// Of them, with the right speaker.
    pub speaker_right: usize,
    /// Matched units with the right speaker (the attribution hits).
    pub attributed: usize,
    /// Gold anonymous units found anonymous.
    pub anonymous_found: usize,
    /// Predictions marked anonymous (that count).
    pub anonymous_predicted: usize,
    /// Gold anonymous units.
    pub anonymous_gold: usize,
    /// Matched units with a gold chain.
    pub chains_judged: usize,
    /// Of them, whose every gold link is in the predicted chain.
    pub chains_right: usize,
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    fn of(hits: usize, predicted: usize, gold: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (p, r) = (ratio(hits, predicted), ratio(hits, gold));
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            precision: p,
            recall: r,
            f1,
        }
    }
}

/// The figures of a scoring run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Found and credited to the right speaker, end to end.
    pub attribution: Prf,
    /// Direct and partial quotes, by character overlap.
    pub quoted: Prf,
    /// Reported speech, by word overlap.
    pub indirect: Prf,
    /// Anonymous-source detection.
    pub anonymous: Prf,
    /// Right speakers over matched units.
    pub speaker_accuracy: f64,
    /// Matched units whose gold chain is fully found, over matched units with a gold chain.
    pub chain_recall: f64,
    /// The counts.
    pub counts: Counts,
}

impl Scores {
    fn of(c: Counts) -> Scores {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        Scores {
            attribution: Prf::of(
                c.attributed,
                c.quoted_predicted + c.indirect_predicted,
                c.quoted_gold + c.indirect_gold,
            ),
            quoted: Prf::of(c.quoted_matched, c.quoted_predicted, c.quoted_gold),
            indirect: Prf::of(c.indirect_matched, c.indirect_predicted, c.indirect_gold),
            anonymous: Prf::of(c.anonymous_found, c.anonymous_predicted, c.anonymous_gold),
            speaker_accuracy: ratio(c.speaker_right, c.speaker_judged),
            chain_recall: ratio(c.chains_right, c.chains_judged),
            counts: c,
        }
    }
}

/// A unit the scorer counted against the prediction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "miss", rename_all = "lowercase")]
pub enum Miss {
    /// A gold unit no prediction matched.
    Missed {
        /// The document.
        doc: String,
        /// The gold unit's kind.
        kind: String,
        /// Its text.
        text: String,
    },
    /// A matched unit credited to the wrong speaker.
    Speaker {
        /// The document.
        doc: String,
        /// The gold speaker (null: nobody).
        gold: Option<String>,
        /// The predicted speaker (null: nobody).
        predicted: Option<String>,
        /// The unit's text.
        text: String,
    },
    /// A prediction that matches no gold unit.
    Spurious {
        /// The document.
        doc: String,
        /// The predicted kind.
        kind: String,
        /// Its text.
        text: String,
    },
}

/// A unit with its trimmed span and text.
struct Trimmed<'a, U> {
    unit: &'a U,
    span: (usize, usize),
    text: String,
}

fn trimmed<'a, U>(text: &[u8], unit: &'a U, start: usize, end: usize) -> Trimmed<'a, U> {
    let span = trim(text, start, end);
    Trimmed {
        unit,
        span,
        text: String::from_utf8_lossy(text.get(span.0..span.1).unwrap_or_default()).into_owned(),
    }
}

/// Each gold unit's match, if any: taken in gold order, the best prediction not yet taken.
fn match_units(
    golds: &[Trimmed<'_, GoldUnit>],
    preds: &[Trimmed<'_, PredUnit>],
) -> Vec<Option<usize>> {
    let mut taken = vec![false; preds.len()];
    let mut matched = Vec::with_capacity(golds.len());
    for g in golds {
        let mut best: Option<(usize, f64)> = None;
        for (pi, p) in preds.iter().enumerate() {
            if taken.get(pi).copied().unwrap_or(true) || p.unit.class != g.unit.class {
                continue;
            }
            let v = match g.unit.class {
                Class::Quoted => Some(overlap(g.span, p.span)).filter(|v| *v >= 0.6),
                Class::Indirect if overlap(g.span, p.span) > 0.0 => {
                    Some(word_f1(&g.text, &p.text)).filter(|v| *v >= 0.5)
                }
                Class::Indirect => None,
            };
            if let Some(v) = v.filter(|v| best.is_none_or(|(_, b)| *v > b)) {
                best = Some((pi, v));
            }
        }
        if let Some((pi, _)) = best {
            if let Some(t) = taken.get_mut(pi) {
                *t = true;
            }
        }
        matched.push(best.map(|(pi, _)| pi));
    }
    matched
}

/// Whether an unmatched prediction is neutral: inside a gold direct quote, a quoted unit
/// inside a gold indirect unit, or a restatement of a gold unit of the other class.
fn is_neutral(p: &Trimmed<'_, PredUnit>, golds: &[Trimmed<'_, GoldUnit>]) -> bool {
    golds.iter().any(|g| {
        let within = g.span.0 <= p.span.0 && p.span.1 <= g.span.1;
        let nests =
            g.unit.direct || (g.unit.class == Class::Indirect && p.unit.class == Class::Quoted);
        (nests && within) || (g.unit.class != p.unit.class && overlap(g.span, p.span) >= 0.5)
    })
}

fn clip(text: &str, n: usize) -> String {
    text.chars().take(n).collect()
}

/// Scores one document into `c`, appending its misses to `misses`.
fn score_doc(gold: &GoldDoc, pred: Option<&PredDoc>, c: &mut Counts, misses: &mut Vec<Miss>) {
    let bytes = gold.text.as_bytes();
    let preds: Vec<Trimmed<'_, PredUnit>> = pred
        .map(|p| p.units.as_slice())
        .unwrap_or_default()
        .iter()
        .filter(|u| u.start <= u.end && u.end <= bytes.len())
        .map(|u| trimmed(bytes, u, u.start, u.end))
        .collect();
    let golds: Vec<Trimmed<'_, GoldUnit>> = gold
        .units
        .iter()
        .map(|u| trimmed(bytes, u, u.start, u.end))
        .collect();
    let mut matched = match_units(&golds, &preds);
    let taken: BTreeSet<usize> = matched.iter().flatten().copied().collect();
    let mut neutral: Vec<bool> = preds
        .iter()
        .enumerate()
        .map(|(pi, p)| !taken.contains(&pi) && is_neutral(p, &golds))
        .collect();
    // A prediction matching an optional unit is neutral, and the unit is out of the count.
    for (g, m) in golds.iter().zip(matched.iter_mut()) {
        if g.unit.optional {
            if let Some(pi) = m.take() {
                if let Some(n) = neutral.get_mut(pi) {
                    *n = true;
                }
            }
        }
    }
    count_units(&golds, &preds, &matched, &neutral, c);
    judge(gold, &golds, &preds, &matched, c, misses);
    for (pi, p) in preds.iter().enumerate() {
        let is_neutral = neutral.get(pi).copied().unwrap_or(false);
        if is_neutral || !p.unit.speaker.as_ref().is_some_and(|s| s.anonymous) {
            continue;
        }
        let gold_of = matched.iter().position(|m| *m == Some(pi));
        if gold_of.is_none_or(|gi| golds.get(gi).is_some_and(|g| g.unit.anonymous.is_some())) {
            c.anonymous_predicted += 1;
        }
    }
    for (pi, p) in preds.iter().enumerate() {
        if !taken.contains(&pi) && !neutral.get(pi).copied().unwrap_or(false) {
            misses.push(Miss::Spurious {
                doc: gold.id.clone(),
                kind: p.unit.kind.clone(),
                text: clip(&p.text, 70),
            });
        }
    }
}

fn count_units(
    golds: &[Trimmed<'_, GoldUnit>],
    preds: &[Trimmed<'_, PredUnit>],
    matched: &[Option<usize>],
    neutral: &[bool],
    c: &mut Counts,
) {
    for g in golds.iter().filter(|g| !g.unit.optional) {
        match g.unit.class {
            Class::Quoted => c.quoted_gold += 1,
            Class::Indirect => c.indirect_gold += 1,
        }
    }
    for (p, n) in preds.iter().zip(neutral) {
        match (p.unit.class, n) {
            (_, true) => {}
            (Class::Quoted, false) => c.quoted_predicted += 1,
            (Class::Indirect, false) => c.indirect_predicted += 1,
        }
    }
    for (g, m) in golds.iter().zip(matched) {
        match (g.unit.class, m) {
            (_, None) => {}
            (Class::Quoted, Some(_)) => c.quoted_matched += 1,
            (Class::Indirect, Some(_)) => c.indirect_matched += 1,
        }
    }
}

/// Speakers, chains and anonymity of the gold units that count.
fn judge(
    gold: &GoldDoc,
    golds: &[Trimmed<'_, GoldUnit>],
    preds: &[Trimmed<'_, PredUnit>],
    matched: &[Option<usize>],
    c: &mut Counts,
    misses: &mut Vec<Miss>,
) {
    for (g, m) in golds.iter().zip(matched) {
        let gu = g.unit;
        if gu.optional {
            continue;
        }
        let p = m.and_then(|pi| preds.get(pi));
        match p {
            Some(p) => {
                let right = speaker_right(gu, p.unit);
                if gu.how != SpeakerMatch::Skip {
                    c.speaker_judged += 1;
                    c.speaker_right += usize::from(right);
                }
                c.attributed += usize::from(right);
                if !gu.chain.is_empty() {
                    c.chains_judged += 1;
                    c.chains_right += usize::from(chain_right(gu, p.unit));
                }
                if !right {
                    misses.push(Miss::Speaker {
                        doc: gold.id.clone(),
                        gold: gu.speaker.clone(),
                        predicted: p.unit.speaker.as_ref().map(|s| s.name.clone()),
                        text: clip(&g.text, 60),
                    });
                }
            }
            None => misses.push(Miss::Missed {
                doc: gold.id.clone(),
                kind: gu.kind.clone(),
                text: clip(&g.text, 70),
            }),
        }
        if gu.anonymous == Some(true) {
            c.anonymous_gold += 1;
            if p.is_some_and(|p| p.unit.speaker.as_ref().is_some_and(|s| s.anonymous)) {
                c.anonymous_found += 1;
            }
        }
    }
}

/// Scores `preds` (by document id) against `gold`: the figures and the misses, in gold order.
pub fn score<'a>(
    gold: &[GoldDoc],
    mut pred: impl FnMut(&GoldDoc) -> Option<&'a PredDoc>,
) -> (Scores, Vec<Miss>) {
    let mut c = Counts::default();
    let mut misses = Vec::new();
    for d in gold {
        score_doc(d, pred(d), &mut c, &mut misses);
    }
    (Scores::of(c), misses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_ascii_and_curly_punctuation() {
        let t = "\u{201c}Yes,\u{201d} she said.".as_bytes();
        let (s, e) = trim(t, 0, 10);
        assert_eq!(&t[s..e], b"Yes");
        assert_eq!(trim(b"--", 0, 2), (2, 2));
        // A broken character at an edge stops trimming there.
        assert_eq!(trim("\u{201c}a".as_bytes(), 1, 4), (1, 4));
    }

    #[test]
    fn words_join_inner_apostrophes_and_hyphens() {
        assert_eq!(
            words("Rock-'n' roll isn\u{2019}t DEAD, co-chair Ili\u{107}"),
            [
                "rock",
                "n",
                "roll",
                "isn\u{2019}t",
                "dead",
                "co-chair",
                "ili"
            ]
        );
    }

    #[test]
    fn names_match_by_words_and_last_name() {
        assert!(names_match("Beatriz Ferraz", "Ferraz"));
        assert!(names_match("Ferraz", "Beatriz Ferraz"));
        assert!(names_match("Dr. Ana Ruiz", "Ana Ruiz"));
        assert!(
            !names_match("Beatriz Ferraz", "Beatriz"),
            "not the last name"
        );
        assert!(!names_match("He", "he"), "pronouns only");
        assert!(!names_match("the Council", "the"));
    }

    #[test]
    fn word_f1_counts_repeats_once_each() {
        assert!((word_f1("a a b", "a b b") - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(word_f1("", "a"), 0.0);
    }

    fn doc(text: &str, units: &str) -> GoldDoc {
        let units = serde_json::from_str::<Value>(units).unwrap();
        let line = serde_json::json!({"id": "d", "text": text, "quotes": units});
        parse_gold(&line.to_string()).unwrap().remove(0)
    }

    #[test]
    fn scores_matches_misses_neutral_and_spurious() {
        let text = "\"We will rebuild,\" Ana Ruiz said. Officials said the dam \"was safe\".";
        let g = doc(
            text,
            r#"[{"kind": "direct", "start": 1, "end": 17, "speaker": "Ana Ruiz",
                 "anonymous": false, "chain": []},
                {"kind": "indirect", "start": 49, "end": 68, "speaker": "officials",
                 "anonymous": true, "chain": []}]"#,
        );
        let r = crate::analyze(text);
        let p = predictions_of(&r);
        let (s, misses) = score(std::slice::from_ref(&g), |_| Some(&p));
        assert_eq!(s.counts.quoted_gold, 1);
        assert_eq!(s.counts.quoted_matched, 1);
        assert_eq!(s.counts.indirect_matched, 1);
        // The partial quote inside the gold indirect unit is neutral.
        assert_eq!(s.counts.quoted_predicted, 1, "{misses:?}");
        assert_eq!(s.attribution.f1, 1.0, "{misses:?}");
        assert_eq!(s.anonymous.f1, 1.0);
        // With nothing predicted: everything missed.
        let (s, misses) = score(std::slice::from_ref(&g), |_| None);
        assert_eq!(s.attribution, Prf::default());
        assert_eq!(misses.len(), 2);
        // An optional gold unit costs nothing when missed.
        let g = doc(
            text,
            r#"[{"kind": "direct", "start": 1, "end": 17, "speaker": "Ana Ruiz", "chain": [],
                 "optional": true}]"#,
        );
        let (s, misses) = score(std::slice::from_ref(&g), |_| None);
        assert_eq!((s.counts.quoted_gold, misses.len()), (0, 0));
    }

    #[test]
    fn gold_errors_name_the_line() {
        let e = parse_gold("\n{\"id\": 1, \"text\": \"x\"}\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("quotes"), "{e}");
        let e = parse_gold("{\"text\": \"x\", \"quotes\": [{\"kind\": \"direct\"}]}").unwrap_err();
        assert!(e.message.contains("start"), "{e}");
    }
}
