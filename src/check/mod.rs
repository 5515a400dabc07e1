//! The checker for drafted copy: rules over the attribution report, suppression comments,
//! and the per-document summary a standards desk asks for.
//!
//! ```
//! use quotecheck::check::{check_text, InputKind, Settings};
//! let r = check_text("The minister admitted the plan had failed.", InputKind::Text, quotecheck::Grammar::builtin(), &Settings::default());
//! assert_eq!(r.findings[0].rule, "loaded-verb");
//! ```

pub mod config;
pub mod markdown;
pub mod rules;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::analyze_doc;
use crate::grammar::Grammar;
use crate::report::{QuoteKind, Report};
use crate::span::{LineIndex, Span};
use crate::text::Doc;

/// How serious a finding is; `Off` disables a rule.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Disabled.
    Off,
    /// For the record (counted, never fails a run by default).
    Info,
    /// Should be fixed.
    Warning,
    /// Must be fixed.
    Error,
}

impl Level {
    /// Parses `off`, `info`, `warning`, `error`.
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "off" => Some(Level::Off),
            "info" => Some(Level::Info),
            "warning" | "warn" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }

    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule id (`loaded-verb`).
    pub rule: &'static str,
    /// Its level after configuration.
    pub level: Level,
    /// Where, in bytes of the original input.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// What a rule sees: the text, the read document, its attribution report.
pub struct Ctx<'a> {
    /// The original input.
    pub text: &'a str,
    /// The document (tokens, sentences, lexicon hits) analysed.
    pub doc: &'a Doc<'a>,
    /// Its attribution report.
    pub report: &'a Report,
}

/// A rule: one file under `src/check/rules/`, whose `//!` doc comment is its documentation.
pub trait Rule: Sync {
    /// The public id (`loaded-verb`).
    fn id(&self) -> &'static str;
    /// The rule file's source; its leading `//!` lines are the documentation.
    fn source(&self) -> &'static str;
    /// The level when configuration does not set one.
    fn default_level(&self) -> Level;
    /// Appends findings (their level is set by the caller).
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Finding>);

    /// The documentation, from the rule file's `//!` comment.
    fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.source().lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                break;
            };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out
    }

    /// The first paragraph after the title: a one-line description.
    fn summary(&self) -> String {
        let doc = self.doc();
        doc.split("\n\n")
            .map(str::trim)
            .find(|p| !p.is_empty() && !p.starts_with('#'))
            .unwrap_or("")
            .replace('\n', " ")
    }
}

/// Per-document figures for the standards desk.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Summary {
    /// Claims: direct quotes, reported claims, partial quotes outside a reported claim.
    pub claims: usize,
    /// Claims credited to unnamed sources.
    pub anonymous: usize,
    /// `anonymous / claims` (0 when there are no claims).
    pub anonymous_share: f64,
}

/// Everything the checker found in one document.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// Findings in text order.
    pub findings: Vec<Finding>,
    /// The figures.
    pub summary: Summary,
}

/// Settings from configuration and the command line.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Levels that override rules' defaults.
    pub levels: BTreeMap<String, Level>,
}

impl Settings {
    /// The level of `rule`.
    pub fn level(&self, rule: &dyn Rule) -> Level {
        self.levels
            .get(rule.id())
            .copied()
            .unwrap_or(rule.default_level())
    }
}

/// Plain text or Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Prose as it is.
    Text,
    /// Markdown: code, front matter, URLs and HTML are not prose.
    Markdown,
}

impl InputKind {
    /// Markdown for `.md` and `.markdown`, text otherwise.
    pub fn from_path(path: &std::path::Path) -> InputKind {
        match path.extension().and_then(|e| e.to_str()) {
            Some("md" | "markdown" | "mdown" | "mkd") => InputKind::Markdown,
            _ => InputKind::Text,
        }
    }
}

/// Whether a unit is a claim: speech, not a quote inside a reported claim it belongs to.
/// (One call reads every unit: to ask about many, build [`Claims`] once.)
pub fn is_claim(report: &Report, i: usize) -> bool {
    Claims::new(report).is_claim(report, i)
}

/// Which units of a report are claims ([`is_claim`]), answered in logarithmic time each: the
/// reported claims' contents sorted by start, with the furthest end reached so far.
pub struct Claims {
    /// (start, the furthest end of the contents starting at or before it), by start.
    reach: Vec<(usize, usize)>,
}

impl Claims {
    /// Indexes the reported claims of `report`.
    pub fn new(report: &Report) -> Claims {
        let mut reach: Vec<(usize, usize)> = (report.quotes.iter())
            .filter(|o| o.kind == QuoteKind::Indirect)
            .map(|o| (o.content.start, o.content.end))
            .collect();
        reach.sort_unstable();
        let mut furthest = 0;
        for r in &mut reach {
            furthest = furthest.max(r.1);
            r.1 = furthest;
        }
        Claims { reach }
    }

    /// Whether unit `i` of `report` (the report indexed) is a claim.
    pub fn is_claim(&self, report: &Report, i: usize) -> bool {
        let Some(q) = report.quotes.get(i) else {
            return false;
        };
        match q.kind {
            QuoteKind::Direct | QuoteKind::Indirect => true,
            // Inside a reported claim: one starting at or before it reaches its end.
            QuoteKind::Partial => {
                let k = self.reach.partition_point(|r| r.0 <= q.content.start);
                !k.checked_sub(1)
                    .and_then(|k| self.reach.get(k))
                    .is_some_and(|r| r.1 >= q.content.end)
            }
            QuoteKind::Title | QuoteKind::Scare => false,
        }
    }
}

/// The figures of a report.
pub fn summarize(report: &Report) -> Summary {
    let claims = Claims::new(report);
    let mut s = Summary::default();
    for (i, q) in report.quotes.iter().enumerate() {
        if claims.is_claim(report, i) {
            s.claims += 1;
            if q.speaker.as_ref().is_some_and(|x| x.anonymous) {
                s.anonymous += 1;
            }
        }
    }
    s.anonymous_share = if s.claims == 0 {
        0.0
    } else {
        s.anonymous as f64 / s.claims as f64
    };
    s
}

/// Checks `text` (plain or Markdown): analysis of its prose, the rules, suppression comments.
pub fn check_text(
    text: &str,
    kind: InputKind,
    grammar: &Grammar,
    settings: &Settings,
) -> CheckResult {
    check_text_report(text, kind, grammar, settings).0
}

/// [`check_text`], also returning the attribution report of the prose (whose spans are offsets
/// into `text`, since the prose keeps its length), for renderers that show both.
pub fn check_text_report(
    text: &str,
    kind: InputKind,
    grammar: &Grammar,
    settings: &Settings,
) -> (CheckResult, Report) {
    let prose = markdown::prose(text, kind);
    let doc = Doc::new(&prose.text, grammar);
    let report = analyze_doc(&doc);
    let cx = Ctx {
        text: &prose.text,
        doc: &doc,
        report: &report,
    };
    let mut findings = Vec::new();
    for rule in rules::ALL {
        let level = settings.level(*rule);
        if level == Level::Off {
            continue;
        }
        let from = findings.len();
        rule.check(&cx, &mut findings);
        for f in findings.iter_mut().skip(from) {
            f.level = level;
        }
    }
    findings.sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
    unsuppressed(&mut findings, &prose, &LineIndex::new(text), text);
    findings.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    let summary = summarize(&report);
    (CheckResult { findings, summary }, report)
}

/// Drops the findings a suppression covers, in one sweep over findings in text order and
/// suppressions by first line (a finding asks only the suppressions open on its line).
fn unsuppressed(
    findings: &mut Vec<Finding>,
    prose: &markdown::Prose,
    lines: &LineIndex,
    text: &str,
) {
    let mut by_start: Vec<&markdown::Suppression> = prose.suppressions.iter().collect();
    by_start.sort_by_key(|s| s.from);
    let mut next = by_start.into_iter().peekable();
    let mut open: Vec<&markdown::Suppression> = Vec::new();
    findings.retain(|f| {
        let line = lines.line_col(text, f.span.start).0;
        while let Some(s) = next.next_if(|s| s.from <= line) {
            open.push(s);
        }
        open.retain(|s| s.to >= line);
        !open
            .iter()
            .any(|s| s.rules.is_empty() || s.rules.iter().any(|r| r == f.rule))
    });
}
