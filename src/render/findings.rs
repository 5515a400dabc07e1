//! Check findings rendered for people (rustc-style snippets), machines (JSON), code hosts
//! (SARIF 2.1.0) and GitHub Actions (workflow commands).

use std::fmt::Write as _;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{json, Value};

use crate::check::{rules, CheckResult, Finding, Level};
use crate::figures::count;
use crate::render::safe;
use crate::span::{LineIndex, Span};

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

/// A snippet shows a line whole up to this many bytes; a longer one is cut to a window of
/// [`WINDOW_BEFORE`] chars before the finding and [`WINDOW`] in all, with `…` at each cut end,
/// so a document of one long line does not print that line for every finding.
const SNIPPET_BYTES: usize = 200;
const WINDOW_BEFORE: usize = 40;
const WINDOW: usize = 120;

/// rustc-style output: the message, the place, the line with the span underlined, the help;
/// each document's figures and the totals at the end. File names and text from the input are
/// printed through [`safe::line`].
pub fn human(docs: &[Checked<'_>], colour: bool) -> String {
    human_with(docs, colour, true)
}

/// [`human`], with the figures and totals only when `summaries` is set.
pub fn human_with(docs: &[Checked<'_>], colour: bool, summaries: bool) -> String {
    let mut out = Vec::new();
    // (Writing to a vector cannot fail, and what is written is text.)
    let _ = write_human(&mut out, docs, colour, summaries);
    String::from_utf8(out).unwrap_or_default()
}

/// Text held before [`write_human`] and [`write_github`] write it out: a long document's
/// findings are written as they are rendered, never held whole.
const FLUSH_AT: usize = 1 << 16;

/// Writes `buf` to `w` once it holds [`FLUSH_AT`] bytes (or at the `last`), and empties it.
fn flush(w: &mut impl std::io::Write, buf: &mut String, last: bool) -> std::io::Result<()> {
    if last || buf.len() >= FLUSH_AT {
        w.write_all(buf.as_bytes())?;
        buf.clear();
    }
    Ok(())
}

/// [`human_with`], written to `w` a finding at a time.
pub fn write_human<W: std::io::Write>(
    mut w: W,
    docs: &[Checked<'_>],
    colour: bool,
    summaries: bool,
) -> std::io::Result<()> {
    let p = Paint { on: colour };
    let mut out = String::new();
    let mut counts = [0usize; 4];
    for d in docs {
        let lines = LineIndex::new(d.text);
        let path = safe::line(d.path);
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
                p.wrap("1", &safe::line(&f.message))
            );
            let pad = " ".repeat(l.to_string().len());
            let _ = writeln!(out, "{pad}{} {path}:{l}:{c}", p.wrap("1;34", "-->"));
            snippet(&mut out, &p, d.text, &lines, f, l);
            if let Some(h) = &f.help {
                let _ = writeln!(out, "{pad} {} help: {}", p.wrap("1;34", "="), safe::line(h));
            }
            out.push('\n');
            flush(&mut w, &mut out, false)?;
        }
        let s = &d.result.summary;
        if summaries && (s.claims > 0 || !d.result.findings.is_empty()) {
            let _ = writeln!(out, "{}: {}", path, crate::figures::sentence(s));
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
    flush(&mut w, &mut out, true)
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
/// The line is shown through [`safe::line`], and a long one only around the finding
/// ([`window`]), with `…` where it is cut.
fn snippet(out: &mut String, p: &Paint, text: &str, lines: &LineIndex, f: &Finding, l: usize) {
    let pad = " ".repeat(l.to_string().len());
    let line = lines.line_span(text, l);
    let start = f.span.start.clamp(line.start, line.end);
    let shown = window(text, line, start);
    let end = f.span.end.clamp(start, shown.end.max(start));
    let lead = if shown.start > line.start { "…" } else { "" };
    let tail = if shown.end < line.end { "…" } else { "" };
    let before = safe::line(text.get(shown.start..start).unwrap_or_default());
    let under = safe::line(text.get(start..end).unwrap_or_default());
    let line_text = safe::line(shown.of(text)).replace('\t', "    ");
    let _ = writeln!(out, "{pad} {}", p.wrap("1;34", "|"));
    let _ = writeln!(
        out,
        "{} {} {lead}{line_text}{tail}",
        p.wrap("1;34", &l.to_string()),
        p.wrap("1;34", "|"),
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
        " ".repeat(width(lead) + width(&before)),
        p.wrap(colour, &"^".repeat(width(&under).max(1)))
    );
}

/// The part of `line` a snippet shows: all of it up to [`SNIPPET_BYTES`]; past that, [`WINDOW`]
/// chars from [`WINDOW_BEFORE`] chars before byte `at`, counted back from `at` (never from the
/// line start: the line may be megabytes).
fn window(text: &str, line: Span, at: usize) -> Span {
    if line.end.saturating_sub(line.start) <= SNIPPET_BYTES {
        return line;
    }
    let before = text.get(line.start..at).unwrap_or_default();
    let from = (before.char_indices().rev().take(WINDOW_BEFORE))
        .last()
        .map_or(at, |(i, _)| line.start + i);
    let rest = text.get(from..line.end).unwrap_or_default();
    let to = from + rest.chars().take(WINDOW).map(char::len_utf8).sum::<usize>();
    Span::new(from, to)
}

/// One finding as the JSON format gives it.
fn json_finding(text: &str, lines: &LineIndex, f: &Finding) -> Value {
    let (l, c, el, ec) = position(text, lines, f);
    json!({"rule": f.rule, "level": f.level, "message": f.message, "help": f.help, "span": f.span,
           "line": l, "column": c, "end_line": el, "end_column": ec, "text": f.span.of(text)})
}

/// JSON: one object per document with its findings (with line and column) and summary.
pub fn json(docs: &[Checked<'_>]) -> Value {
    serde_json::to_value(JsonFiles(docs)).unwrap_or_default()
}

/// [`json`] written pretty-printed to `out` as it is made: one finding's value at a time is
/// held, never the whole tree (a draft can have hundreds of thousands of findings). The same
/// bytes as `serde_json::to_writer_pretty(out, &json(docs))`, with `##[` written `##\u005b`
/// (see [`json_safe`]).
pub fn write_json<W: std::io::Write>(out: W, docs: &[Checked<'_>]) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, SafeFormatter::default());
    JsonFiles(docs)
        .serialize(&mut ser)
        .map_err(std::io::Error::other)
}

/// The JSON format's tree, serialized as it goes (keys in the order `serde_json::Value` sorts
/// them, so the bytes are those of the value).
struct JsonFiles<'a>(&'a [Checked<'a>]);

impl Serialize for JsonFiles<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("files", &Lazy(|| self.0.iter().map(JsonFile)))?;
        m.end()
    }
}

struct JsonFile<'a>(&'a Checked<'a>);

impl Serialize for JsonFile<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let lines = LineIndex::new(d.text);
        let mut m = s.serialize_map(Some(3))?;
        let findings = || {
            d.result
                .findings
                .iter()
                .map(|f| json_finding(d.text, &lines, f))
        };
        m.serialize_entry("findings", &Lazy(findings))?;
        m.serialize_entry("path", d.path)?;
        m.serialize_entry("summary", &json!(d.result.summary))?;
        m.end()
    }
}

/// A sequence serialized from the items a closure makes, one at a time.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// serde_json's pretty formatter, writing `##[` inside strings as `##\u005b` ([`json_safe`]).
/// A string is written in fragments split at escapes, and `##[` holds no character that is
/// escaped, so it always lies inside one fragment.
#[derive(Default)]
struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        w.write_all(json_safe(fragment.to_string()).as_bytes())
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// A path as a SARIF `uri` (a relative reference, RFC 3986): `\\` as `/`, and every byte but
/// the unreserved characters, the sub-delimiters, `:`, `@` and `/` percent-encoded (so a line
/// break or a space in a file name cannot break the URI).
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn sarif_level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        _ => "note",
    }
}

/// One finding as a SARIF result.
fn sarif_result(d: &Checked<'_>, lines: &LineIndex, f: &Finding) -> Value {
    let (l, c, el, ec) = position(d.text, lines, f);
    let index = rules::ALL
        .iter()
        .position(|r| r.id() == f.rule)
        .unwrap_or(0);
    json!({
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": sarif_level(f.level),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri(d.path)},
            "region": {"startLine": l, "startColumn": c, "endLine": el, "endColumn": ec.max(1)}
        }}]
    })
}

/// SARIF 2.1.0 with every rule's id, description and default level in `tool.driver.rules`.
pub fn sarif(docs: &[Checked<'_>]) -> Value {
    serde_json::to_value(Sarif(docs)).unwrap_or_default()
}

/// [`sarif`] written pretty-printed to `out` as it is made, one result at a time (as
/// [`write_json`]).
pub fn write_sarif<W: std::io::Write>(out: W, docs: &[Checked<'_>]) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, SafeFormatter::default());
    Sarif(docs)
        .serialize(&mut ser)
        .map_err(std::io::Error::other)
}

/// The SARIF log, serialized as it goes (keys in `serde_json::Value`'s sorted order).
struct Sarif<'a>(&'a [Checked<'a>]);

impl Serialize for Sarif<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("$schema", "https://json.schemastore.org/sarif-2.1.0.json")?;
        m.serialize_entry("runs", &[SarifRun(self.0)])?;
        m.serialize_entry("version", "2.1.0")?;
        m.end()
    }
}

struct SarifRun<'a>(&'a [Checked<'a>]);

impl Serialize for SarifRun<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
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
        let tool = json!({"driver": {"name": "quotecheck", "version": env!("CARGO_PKG_VERSION"),
            "rules": rule_list}});
        let results = || {
            self.0.iter().flat_map(|d| {
                let lines = LineIndex::new(d.text);
                d.result
                    .findings
                    .iter()
                    .map(move |f| sarif_result(d, &lines, f))
            })
        };
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("columnKind", "unicodeCodePoints")?;
        m.serialize_entry("results", &Lazy(results))?;
        m.serialize_entry("tool", &tool)?;
        m.end()
    }
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
    let mut out = Vec::new();
    // (Writing to a vector cannot fail, and what is written is text.)
    let _ = write_github(&mut out, docs);
    String::from_utf8(out).unwrap_or_default()
}

/// [`github`], written to `w` a finding at a time.
pub fn write_github<W: std::io::Write>(mut w: W, docs: &[Checked<'_>]) -> std::io::Result<()> {
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
            flush(&mut w, &mut out, false)?;
        }
    }
    flush(&mut w, &mut out, true)
}

/// JSON text with every `##[` written `##\u005b`: the same JSON (the sequence can only stand
/// inside a string), which GitHub Actions cannot read as a workflow command when the JSON is
/// printed in a CI log.
pub fn json_safe(json: String) -> String {
    if json.contains("##[") {
        json.replace("##[", "##\\u005b")
    } else {
        json
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("drafts/a b.md"), "drafts/a%20b.md");
        assert_eq!(uri("dir\\x%y#[é].md"), "dir/x%25y%23%5B%C3%A9%5D.md");
        assert_eq!(
            json_safe("{\"a\":\"##[x\"}".into()),
            "{\"a\":\"##\\u005bx\"}"
        );
    }
}
