//! `check`: the rules of `quotecheck check` over one text, and `rules()`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyMapping, PyString};
use quotecheck::check::{config, rules, Level, Settings};

use crate::chars::{Chars, Offsets};
use crate::doc::{self, guarded, internal_error, located, ConfigError, GrammarRef};
use crate::views::{repr_str, Span};

/// A finding of `check`: a rule that fired on a span of the text.
#[pyclass(module = "quotecheck", frozen, get_all)]
pub struct Finding {
    /// The rule id (`loaded-verb`).
    rule: String,
    /// `error`, `warning` or `info` (after configuration).
    level: String,
    /// What is wrong.
    message: String,
    /// How to fix it, or None.
    help: Option<String>,
    /// Where.
    span: Span,
    /// The 1-based line of the span's start.
    line: usize,
    /// The 1-based column of the span's start, in characters.
    column: usize,
}

#[pymethods]
impl Finding {
    /// First character of the span (a Python string index).
    #[getter]
    fn start(&self) -> usize {
        self.span.start
    }
    /// One past the last character of the span.
    #[getter]
    fn end(&self) -> usize {
        self.span.end
    }
    /// The finding as a dict (`span` with character and byte offsets).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("rule", &self.rule)?;
        d.set_item("level", &self.level)?;
        d.set_item("message", &self.message)?;
        d.set_item("help", &self.help)?;
        d.set_item("span", self.span.to_dict(py)?)?;
        d.set_item("line", self.line)?;
        d.set_item("column", self.column)?;
        Ok(d)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "<Finding {}:{} {} ({}) {}>",
            self.line,
            self.column,
            self.rule,
            self.level,
            repr_str(py, &self.message)
        )
    }
}

/// Rule levels from a mapping `{rule id: level}`.
fn levels(py: Python<'_>, m: &Bound<'_, PyMapping>) -> PyResult<BTreeMap<String, Level>> {
    let bad = |msg: String| located::<ConfigError>(py, msg, None, None);
    let mut out = BTreeMap::new();
    for item in m.items()?.iter() {
        let (k, v): (String, String) = item.extract()?;
        if rules::by_id(&k).is_none() {
            let ids: Vec<&str> = rules::ALL.iter().map(|r| r.id()).collect();
            return Err(bad(format!(
                "unknown rule {k:?} (rules: {})",
                ids.join(", ")
            )));
        }
        let level = Level::parse(&v).ok_or_else(|| {
            bad(format!(
                "expected off, info, warning or error for {k}, found {v:?}"
            ))
        })?;
        out.insert(k, level);
    }
    Ok(out)
}

/// The settings and grammar of `config`: None, a mapping of rule levels, or the path of a
/// quotecheck.toml (whose grammar folders extend `grammar`).
fn settings(
    py: Python<'_>,
    config: Option<&Bound<'_, PyAny>>,
    grammar: GrammarRef,
) -> PyResult<(Settings, GrammarRef)> {
    let Some(config) = config else {
        return Ok((Settings::default(), grammar));
    };
    if let Ok(m) = config.cast::<PyMapping>() {
        let levels = levels(py, m)?;
        return Ok((Settings { levels }, grammar));
    }
    let path: PathBuf = config.extract()?;
    let cfg = py.detach(|| config::load(&path)).map_err(|e| {
        let line = (e.line > 0).then_some(e.line);
        located::<ConfigError>(py, e.to_string(), Some(e.path.clone()), line)
    })?;
    let settings = Settings { levels: cfg.levels };
    if cfg.grammar.is_empty() {
        return Ok((settings, grammar));
    }
    let dirs: Vec<PathBuf> = grammar.dirs().iter().chain(&cfg.grammar).cloned().collect();
    Ok((settings, doc::build_grammar(py, dirs)?))
}

/// Runs the rules of `quotecheck check` on `text` and returns the findings in text order.
///
/// `config` is None (every rule at its default level), a mapping of rule ids to levels
/// (`{"loaded-verb": "error", "anonymous-source": "off"}`), or the path of a quotecheck.toml
/// (its `[rules]` levels, and its `grammar` folders added to `grammar`). `markdown=True`
/// reads the text as Markdown (code, front matter, link targets and HTML are not prose, and
/// `<!-- quotecheck: ignore … -->` comments apply). Raises `ConfigError` for a bad
/// configuration and `GrammarError` for a bad grammar folder.
#[pyfunction]
#[pyo3(signature = (text, *, config = None, markdown = false, grammar = None))]
pub fn check(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    config: Option<&Bound<'_, PyAny>>,
    markdown: bool,
    grammar: Option<&crate::Grammar>,
) -> PyResult<Vec<Finding>> {
    let grammar = grammar.map(|g| g.inner.clone()).unwrap_or_default();
    let (settings, grammar) = settings(py, config, grammar)?;
    let utf8 = PyBackedStr::try_from(text.clone())?;
    let kind = doc::kind(markdown);
    let run = || {
        let r = quotecheck::check::check_text(&utf8, kind, grammar.get(), &settings);
        (r, Chars::new(&utf8))
    };
    let (result, chars) = py.detach(|| guarded(run)).map_err(|m| internal_error(&m))?;
    let o = Offsets {
        text: &utf8,
        chars: &chars,
    };
    Ok(findings(o, result.findings))
}

/// The findings with their spans, lines and columns (one pass over the text: the findings
/// come sorted by start).
fn findings(o: Offsets<'_>, found: Vec<quotecheck::check::Finding>) -> Vec<Finding> {
    let bytes = o.text.as_bytes();
    let (mut pos, mut line, mut line_start) = (0, 1, 0);
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let at = f.span.start.min(bytes.len());
        if at >= pos {
            for (k, &b) in bytes.get(pos..at).unwrap_or_default().iter().enumerate() {
                if b == b'\n' {
                    line += 1;
                    line_start = pos + k + 1;
                }
            }
            pos = at;
        }
        let column = o.char(at).saturating_sub(o.char(line_start)) + 1;
        out.push(Finding {
            rule: f.rule.to_string(),
            level: f.level.as_str().to_string(),
            message: f.message,
            help: f.help,
            span: Span::new(o, f.span),
            line,
            column,
        });
    }
    out
}

/// The rules of `check`: a list of dicts with `id`, `level` (the default level) and
/// `summary`.
#[pyfunction]
#[pyo3(name = "rules")]
pub fn list_rules(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    rules::ALL
        .iter()
        .map(|r| {
            let d = PyDict::new(py);
            d.set_item("id", r.id())?;
            d.set_item("level", r.default_level().as_str())?;
            d.set_item("summary", r.summary())?;
            Ok(d)
        })
        .collect()
}
