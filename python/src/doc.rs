//! One analysed text as the Python objects see it, the grammar handle, the exceptions, and the
//! guard that turns a panic into one.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, OnceLock};

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyString;
use quotecheck::check::InputKind;
use quotecheck::figures::ClaimKind;
use quotecheck::report::Report;

use crate::chars::{Chars, Offsets};

pyo3::create_exception!(
    quotecheck,
    Error,
    pyo3::exceptions::PyException,
    "Base class of the errors quotecheck raises."
);
pyo3::create_exception!(
    quotecheck,
    GrammarError,
    Error,
    "A grammar folder could not be read or has a bad line. `file` names the file (or folder) \
     and `line` the 1-based line, or None when the error is not about one line."
);
pyo3::create_exception!(
    quotecheck,
    ConfigError,
    Error,
    "A configuration (quotecheck.toml, or a mapping of rule levels) is wrong. `file` names the \
     file (None for a mapping) and `line` the 1-based line (None when not about one line)."
);
pyo3::create_exception!(
    quotecheck,
    InternalError,
    Error,
    "A bug in quotecheck (a Rust panic, caught): please report it with the text that caused it."
);

/// An error of class `E` with its `file` and `line` attributes set.
pub fn located<E: pyo3::PyTypeInfo>(
    py: Python<'_>,
    message: String,
    file: Option<String>,
    line: Option<usize>,
) -> PyErr {
    let err = PyErr::new::<E, _>(message);
    let v = err.value(py);
    // Setting an attribute on a fresh exception object does not fail.
    let _ = v.setattr("file", file);
    let _ = v.setattr("line", line);
    err
}

/// The Python error of a grammar error.
pub fn grammar_error(py: Python<'_>, e: &quotecheck::GrammarError) -> PyErr {
    use quotecheck::GrammarError as G;
    let (file, line) = match e {
        G::Io { path, .. } => (path.display().to_string(), None),
        G::Syntax { file, line, .. } => (file.clone(), Some(*line)),
        G::UnknownFile { file, .. } => (file.clone(), None),
    };
    located::<GrammarError>(py, e.to_string(), Some(file), line)
}

/// Runs `f`, turning a panic into its message.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic with no message".into())
    })
}

/// The Python error of a caught panic.
pub fn internal_error(message: &str) -> PyErr {
    InternalError::new_err(format!(
        "quotecheck: internal error (a bug; please report it with the text that caused it): \
         {message}"
    ))
}

/// The built-in grammar extended by `dirs` (called without the GIL), panics caught.
pub fn build_grammar(py: Python<'_>, dirs: Vec<std::path::PathBuf>) -> PyResult<GrammarRef> {
    let built = py.detach(|| guarded(|| quotecheck::Grammar::with_dirs(&dirs)));
    match built {
        Ok(Ok(g)) => Ok(GrammarRef::Extended(Arc::new(g), dirs.into())),
        Ok(Err(e)) => Err(grammar_error(py, &e)),
        Err(m) => Err(internal_error(&m)),
    }
}

/// The grammar to analyse with: the built-in one, or one extended by user folders.
#[derive(Clone, Default)]
pub enum GrammarRef {
    /// `quotecheck::Grammar::builtin()`.
    #[default]
    Builtin,
    /// Extended: the grammar and the folders it was built from.
    Extended(Arc<quotecheck::Grammar>, Arc<[std::path::PathBuf]>),
}

impl GrammarRef {
    /// The grammar.
    pub fn get(&self) -> &quotecheck::Grammar {
        match self {
            GrammarRef::Builtin => quotecheck::Grammar::builtin(),
            GrammarRef::Extended(g, _) => g,
        }
    }

    /// The user folders.
    pub fn dirs(&self) -> &[std::path::PathBuf] {
        match self {
            GrammarRef::Builtin => &[],
            GrammarRef::Extended(_, d) => d,
        }
    }
}

/// How to read a text: plain, or Markdown.
pub fn kind(markdown: bool) -> InputKind {
    if markdown {
        InputKind::Markdown
    } else {
        InputKind::Text
    }
}

/// A text to analyse, read from Python.
pub struct Input {
    /// The caller's id (None for a bare text).
    pub id: Option<Py<PyAny>>,
    /// The text as given.
    pub text: Py<PyString>,
    /// Its UTF-8.
    pub utf8: PyBackedStr,
}

impl Input {
    /// `text` (a `str`) with `id`; fails on a `str` that is not Unicode text (lone surrogates).
    pub fn new(id: Option<Py<PyAny>>, text: &Bound<'_, PyString>) -> PyResult<Input> {
        Ok(Input {
            id,
            text: text.clone().unbind(),
            utf8: PyBackedStr::try_from(text.clone())?,
        })
    }

    /// Analyses the text (without the GIL: this touches no Python object); a panic comes back
    /// as its message.
    pub fn analyse(self, grammar: &GrammarRef, kind: InputKind) -> Result<DocData, String> {
        guarded(|| {
            let report = quotecheck::check::markdown::analyze(&self.utf8, kind, grammar.get());
            self.with(report)
        })
    }

    /// The text with its report.
    pub fn with(self, report: Report) -> DocData {
        let chars = Chars::new(&self.utf8);
        DocData {
            id: self.id,
            text: self.text,
            utf8: self.utf8,
            report,
            chars,
            claims: OnceLock::new(),
        }
    }
}

/// One analysed text: what every report object of it points at.
pub struct DocData {
    /// The caller's id.
    pub id: Option<Py<PyAny>>,
    /// The text as given.
    pub text: Py<PyString>,
    /// Its UTF-8, which the report's byte offsets index.
    pub utf8: PyBackedStr,
    /// The report.
    pub report: Report,
    /// Character offsets.
    pub chars: Chars,
    /// How each unit counts (`quotecheck::figures::claim_kinds`), computed when first asked.
    claims: OnceLock<Vec<Option<ClaimKind>>>,
}

impl DocData {
    /// Byte-to-character offsets of the text.
    pub fn offsets(&self) -> Offsets<'_> {
        Offsets {
            text: &self.utf8,
            chars: &self.chars,
        }
    }

    /// How unit `i` counts among the claims.
    pub fn claim(&self, i: usize) -> Option<ClaimKind> {
        self.claims
            .get_or_init(|| quotecheck::figures::claim_kinds(&self.report))
            .get(i)
            .copied()
            .flatten()
    }
}
