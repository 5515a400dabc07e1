//! Check findings rendered for people (rustc-style snippets), machines (JSON), code hosts
//! (SARIF 2.1.0) and GitHub Actions (workflow commands).

use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::check::{rules, CheckResult, Finding, Level};
use crate::figures::count;
use crate::span::LineIndex;

/// One checked document, ready to render.
pub struct Checked<'a> {
    /// Path as given or relative to the working folder (`-` for standard input).
    pub path: &'a str,
    /// The original text.
    pub text: &'a str,
    /// What the checker found (after suppression and baseline).
    pub result: &'a CheckResult,
}

/// A finding's position: 1-based line and column (chars) of start and end.
pub fn position(text: &str, lines: &LineIndex, f: &Finding) -> (usize, usize, usize, usize) {
    let (l, c) = lines.line_col(text, f.span.start);
    let (el, ec) = lines.line_col(text, f.span.end);
    (l, c, el, ec)
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn level(&self, l: Level) -> String {
        let code = match l {
            Level::Error => "1;31",
            Level::Warning => "1;33",
            _ => "1;36",
        };
        self.wrap(code, l.as_str())
    }
}

/// rustc-style output: the message, the place, the line with the span underlined, the help;
/// each document's figures and the totals at the end.
pub fn human(docs: &[Checked<'_>], colour: bool) -> String {
    human_with(docs, colour, true)
}

/// [`human`], with the figures and totals only when `summaries` is set.
pub fn human_with(docs: &[Checked<'_>], colour: bool, summaries: bool) -> String {
    let p = Paint { on: colour };
    let mut out = String::new();
    let mut counts = [0usize; 4];
    for d in docs {
        let lines = LineIndex::new(d.text);
        for f in &d.result.findings {
            if let Some(c) = counts.get_mut(f.level as usize) {
                *c += 1;
            }
            let (l, c) = lines.line_col(d.text, f.span.start);
            let _ = writeln!(
                out,
                "{}{}: {}",
                p.level(f.level),
                p.wrap("1", &format!("[{}]", f.rule)),
                p.wrap("1", &f.message)
            );
            let pad = " ".repeat(l.to_string().len());
            let _ = writeln!(out, "{pad}{} {}:{l}:{c}", p.wrap("1;34", "-->"), d.path);
            snippet(&mut out, &p, d.text, &lines, f, l);
            if let Some(h) = &f.help {
                let _ = writeln!(out, "{pad} {} help: {h}", p.wrap("1;34", "="));
            }
            out.push('\n');
        }
        let s = &d.result.summary;
        if summaries && (s.claims > 0 || !d.result.findings.is_empty()) {
            let _ = writeln!(out, "{}: {}", d.path, crate::figures::sentence(s));
        }
    }
    if summaries {
        let total: usize = counts.iter().sum();
        let n = |l: Level| counts.get(l as usize).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "{} ({}, {}, {} info) in {}",
            count(total, "finding"),
            count(n(Level::Error), "error"),
            count(n(Level::Warning), "warning"),
            n(Level::Info),
            count(docs.len(), "document")
        );
    }
    out
}

/// Display columns of `s` (wide characters count two, combining marks none, a tab four).
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if c == '\t' {
                4
            } else {
                unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
            }
        })
        .sum()
}

/// The finding's line with its span underlined: the carets sit under the span's characters
/// by display width (a CJK character or an emoji takes two columns), tabs shown as four spaces.
fn snippet(out: &mut String, p: &Paint, text: &str, lines: &LineIndex, f: &Finding, l: usize) {
    let pad = " ".repeat(l.to_string().len());
    let line = lines.line_span(text, l);
    let line_text = line.of(text);
    let start = f.span.start.clamp(line.start, line.end);
    let end = f.span.end.clamp(start, line.end);
    let before = text.get(line.start..start).unwrap_or_default();
    let under = text.get(start..end).unwrap_or_default();
    let _ = writeln!(out, "{pad} {}", p.wrap("1;34", "|"));
    let _ = writeln!(
        out,
        "{} {} {}",
        p.wrap("1;34", &l.to_string()),
        p.wrap("1;34", "|"),
        line_text.replace('\t', "    ")
    );
    let colour = if f.level == Level::Error {
        "1;31"
    } else {
        "1;33"
    };
    let _ = writeln!(
        out,
        "{pad} {} {}{}",
        p.wrap("1;34", "|"),
        " ".repeat(width(before)),
        p.wrap(colour, &"^".repeat(width(under).max(1)))
    );
}

/// JSON: one object per document with its findings (with line and column) and summary.
pub fn json(docs: &[Checked<'_>]) -> Value {
    let files: Vec<Value> = docs
        .iter()
        .map(|d| {
            let lines = LineIndex::new(d.text);
            let findings: Vec<Value> = d
                .result
                .findings
                .iter()
                .map(|f| {
                    let (l, c, el, ec) = position(d.text, &lines, f);
                    json!({"rule": f.rule, "level": f.level, "message": f.message, "help": f.help, "span": f.span,
                           "line": l, "column": c, "end_line": el, "end_column": ec, "text": f.span.of(d.text)})
                })
                .collect();
            json!({"path": d.path, "findings": findings, "summary": d.result.summary})
        })
        .collect();
    json!({"files": files})
}

fn sarif_level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        _ => "note",
    }
}

/// SARIF 2.1.0 with every rule's id, description and default level in `tool.driver.rules`.
pub fn sarif(docs: &[Checked<'_>]) -> Value {
    let rule_list: Vec<Value> = rules::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "name": r.id(),
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": r.summary()},
                "help": {"text": r.doc(), "markdown": r.doc()},
                "defaultConfiguration": {"level": sarif_level(r.default_level())},
            })
        })
        .collect();
    let mut results = Vec::new();
    for d in docs {
        let lines = LineIndex::new(d.text);
        for f in &d.result.findings {
            let (l, c, el, ec) = position(d.text, &lines, f);
            let index = rules::ALL
                .iter()
                .position(|r| r.id() == f.rule)
                .unwrap_or(0);
            results.push(json!({
                "ruleId": f.rule,
                "ruleIndex": index,
                "level": sarif_level(f.level),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": d.path.replace('\\', "/")},
                    "region": {"startLine": l, "startColumn": c, "endLine": el, "endColumn": ec.max(1)}
                }}]
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "quotecheck", "version": env!("CARGO_PKG_VERSION"), "rules": rule_list}},
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    })
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: `::warning file=…,line=…,col=…,title=…::message`.
pub fn github(docs: &[Checked<'_>]) -> String {
    let mut out = String::new();
    for d in docs {
        let lines = LineIndex::new(d.text);
        for f in &d.result.findings {
            let (l, c, el, ec) = position(d.text, &lines, f);
            let cmd = match f.level {
                Level::Error => "error",
                Level::Warning => "warning",
                _ => "notice",
            };
            let _ = writeln!(
                out,
                "::{cmd} file={},line={l},col={c},endLine={el},endColumn={ec},title={}::{}",
                escape_property(d.path),
                escape_property(&format!("quotecheck {}", f.rule)),
                escape_data(&f.message)
            );
        }
    }
    out
}
