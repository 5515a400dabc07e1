//! The checker for drafted copy: rules over the attribution report, suppression comments,
//! and the per-document summary a standards desk asks for.
//!
//! ```
//! use quotecheck::check::{check_text, InputKind, Settings};
//! let text = "The minister admitted the plan had failed.";
//! let grammar = quotecheck::Grammar::builtin();
//! let r = check_text(text, InputKind::Text, grammar, &Settings::default());
//! assert_eq!(r.findings[0].rule, "loaded-verb");
//! ```

pub mod around;
pub mod config;
pub mod markdown;
pub mod measured;
pub mod rules;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::{analyze_read_table, QuoteSet, TableReport};
use crate::grammar::Grammar;
use crate::report::Report;
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
    /// Its attribution report, without its quotes (they are read from `quotes`).
    pub report: &'a Report,
    /// The report's quotes, each made when it is read.
    pub quotes: QuoteSet<'a>,
    /// How each quote counts ([`crate::figures::claim_kinds`]), computed once for every rule.
    pub claim_kinds: &'a [Option<crate::figures::ClaimKind>],
}

impl Ctx<'_> {
    /// Whether quote `i` is a claim of its own ([`is_claim`]).
    pub fn is_claim(&self, i: usize) -> bool {
        self.claim_kinds.get(i).is_some_and(Option::is_some)
    }
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

    /// The documentation, from the rule file's `//!` comment, and how precise the rule measured
    /// ([`measured`]).
    fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.source().lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                break;
            };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        if let Some(p) = measured::paragraph(self.id()) {
            out.push('\n');
            out.push_str(&p);
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

/// Per-document figures for the standards desk: [`crate::figures::Figures`].
pub type Summary = crate::figures::Figures;

/// Everything the checker found in one document.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// Findings in text order.
    pub findings: Vec<Finding>,
    /// The figures.
    pub summary: Summary,
    /// Rule ids in suppression comments that name no rule.
    #[serde(skip)]
    pub unknown_rules: Vec<markdown::UnknownRule>,
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

/// Whether unit `i` of `report` is a claim of its own ([`crate::figures`] defines it).
pub fn is_claim(report: &Report, i: usize) -> bool {
    crate::figures::claim_kinds(report)
        .get(i)
        .is_some_and(|k| k.is_some())
}

/// The figures of a report ([`crate::figures::Figures::of`]).
pub fn summarize(report: &Report) -> Summary {
    crate::figures::Figures::of(report)
}

/// What [`check_text_table`] found, and the attribution report it checked.
#[derive(Debug)]
pub struct Checked {
    /// The findings and figures.
    pub result: CheckResult,
    /// The report of the prose, its quotes held as their units: read them with
    /// [`TableReport::quotes`] over the original text (the report's spans are offsets into it,
    /// since the prose keeps its length; its entities' texts are slices of it).
    pub report: TableReport,
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
/// into `text`, since the prose keeps its length, and whose texts are slices of `text`), for
/// renderers that show both.
pub fn check_text_report(
    text: &str,
    kind: InputKind,
    grammar: &Grammar,
    settings: &Settings,
) -> (CheckResult, Report) {
    let Checked { result, report } = check_text_table(text, kind, grammar, settings);
    (result, report.into_report(text))
}

/// [`check_text_report`], the report's quotes held as their units and made as they are read:
/// the rules read them beside the document read, which a long document of quotations could
/// not hold beside its quotes made whole.
pub fn check_text_table(
    text: &str,
    kind: InputKind,
    grammar: &Grammar,
    settings: &Settings,
) -> Checked {
    let prose = markdown::prose(text, kind);
    let mut doc = Doc::read(&prose.text, grammar);
    let mut report = analyze_read_table(&mut doc);
    let quotes = report.quotes(&prose.text);
    let kinds = crate::figures::claim_kinds_of(quotes);
    let cx = Ctx {
        text: &prose.text,
        doc: &doc,
        report: &report.head,
        quotes,
        claim_kinds: &kinds,
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
    if !prose.suppressions.is_empty() {
        unsuppressed(&mut findings, &prose, &LineIndex::new(text), text);
    }
    findings.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    let summary = crate::figures::Figures::of_kinds(quotes, &kinds);
    drop(doc);
    // The texts of the report are the original's (the prose has blanks where it is not prose).
    markdown::reslice(&mut report.head, text);
    let result = CheckResult {
        findings,
        summary,
        unknown_rules: prose.unknown_rules,
    };
    Checked { result, report }
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
