//! One analysed text as the Python objects see it, the grammar handle, the exceptions, and the
//! guard that turns a panic into one.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, OnceLock};

use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyBytes, PyString};
use quotecheck::check::InputKind;
use quotecheck::figures::ClaimKind;
use quotecheck::jsonl::RawId;
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

/// A text as Rust reads it: the UTF-8 of a Python `str`, or text decoded from a JSON Lines
/// record.
pub enum Utf8 {
    /// A `str`'s UTF-8, held by Python.
    Py(PyBackedStr),
    /// Decoded from a record.
    Owned(String),
}

impl std::ops::Deref for Utf8 {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Utf8::Py(s) => s,
            Utf8::Owned(s) => s,
        }
    }
}

/// A text to analyse, read from Python.
pub enum Input {
    /// A `str`, with the caller's id (None for a bare text).
    Text {
        id: Option<Py<PyAny>>,
        text: Py<PyString>,
        utf8: PyBackedStr,
    },
    /// A line of JSON Lines (`{"id": …, "text": …}`) as `bytes`, decoded by the worker; its
    /// 1-based number in the input.
    Line { number: usize, bytes: PyBackedBytes },
}

/// Why an input gave no report.
pub enum Failure {
    /// A JSON Lines record that cannot be read: the message (`line N: …`).
    Record(String),
    /// A caught panic's message.
    Panic(String),
}

impl Input {
    /// `text` (a `str`) with `id`; fails on a `str` that is not Unicode text (lone surrogates).
    pub fn text(id: Option<Py<PyAny>>, text: &Bound<'_, PyString>) -> PyResult<Input> {
        Ok(Input::Text {
            id,
            text: text.clone().unbind(),
            utf8: PyBackedStr::try_from(text.clone())?,
        })
    }

    /// Line `number` of a JSON Lines input.
    pub fn line(number: usize, bytes: &Bound<'_, PyBytes>) -> Input {
        Input::Line {
            number,
            bytes: PyBackedBytes::from(bytes.clone()),
        }
    }

    /// Its size in bytes.
    pub fn len(&self) -> usize {
        match self {
            Input::Text { utf8, .. } => utf8.len(),
            Input::Line { bytes, .. } => bytes.len(),
        }
    }

    /// Analyses the text (without the GIL: this touches no Python object). A blank line gives
    /// no report, as in `extract --jsonl`.
    pub fn analyse(
        self,
        grammar: &GrammarRef,
        kind: InputKind,
    ) -> Result<Option<Analysed>, Failure> {
        let (id, record_id, text, utf8) = match self {
            Input::Text { id, text, utf8 } => (id, None, Some(text), Utf8::Py(utf8)),
            Input::Line { number, bytes } => match record(number, &bytes) {
                Ok(Some((rid, t))) => (None, Some(rid), None, Utf8::Owned(t)),
                Ok(None) => return Ok(None),
                Err(e) => return Err(Failure::Record(format!("line {number}: {e}"))),
            },
        };
        let run = || quotecheck::check::markdown::analyze(&utf8, kind, grammar.get());
        let report = guarded(run).map_err(Failure::Panic)?;
        Ok(Some(Analysed::new(id, record_id, text, utf8, report)))
    }
}

/// The id (as written) and text of JSON Lines record `number` (None for a blank line), or what
/// is wrong with it, worded as `extract --jsonl` words its error records. As there, a byte
/// order mark opening the first line is skipped.
fn record(number: usize, bytes: &[u8]) -> Result<Option<(RawId, String)>, String> {
    let bytes = match bytes.strip_prefix("\u{feff}".as_bytes()) {
        Some(rest) if number == 1 => rest,
        _ => bytes,
    };
    let line = std::str::from_utf8(bytes)
        .map_err(|e| format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()))?;
    if line.trim().is_empty() {
        return Ok(None);
    }
    let mut text = String::new();
    let id = quotecheck::jsonl::parse_line_into(line, &mut text).map_err(|e| e.to_string())?;
    Ok(Some((id, text)))
}

/// An analysed text, before its Python objects are made (that needs the GIL).
pub struct Analysed {
    id: Option<Py<PyAny>>,
    record_id: Option<RawId>,
    text: Option<Py<PyString>>,
    utf8: Utf8,
    report: Report,
    chars: Chars,
}

impl Analysed {
    /// A text and its report (the character index is built here, in one pass).
    pub fn new(
        id: Option<Py<PyAny>>,
        record_id: Option<RawId>,
        text: Option<Py<PyString>>,
        utf8: Utf8,
        report: Report,
    ) -> Analysed {
        let chars = Chars::new(&utf8);
        Analysed {
            id,
            record_id,
            text,
            utf8,
            report,
            chars,
        }
    }

    /// The text's data for the report objects: a record's id and text made Python objects.
    pub fn into_doc(self, py: Python<'_>) -> PyResult<DocData> {
        let text = match self.text {
            Some(t) => t,
            None => PyString::new(py, &self.utf8).unbind(),
        };
        let id = match (self.id, &self.record_id) {
            (Some(id), _) => Some(id),
            (None, Some(raw)) if raw.get() != "null" => {
                let o = Offsets {
                    text: "",
                    chars: &self.chars,
                };
                // The id as a Python value (`to_json()` writes it back as it was written).
                let v: serde_json::Value = serde_json::from_str(raw.get())
                    .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
                Some(crate::pyser::to_py(py, &v, o)?.unbind())
            }
            _ => None,
        };
        Ok(DocData {
            id,
            record_id: self.record_id,
            text,
            utf8: self.utf8,
            report: self.report,
            chars: self.chars,
            claims: OnceLock::new(),
        })
    }
}

/// One analysed text: what every report object of it points at.
pub struct DocData {
    /// The caller's id.
    pub id: Option<Py<PyAny>>,
    /// The id of a JSON Lines record as read (`null` when it has none): `to_json()` writes it
    /// as `extract --jsonl` does.
    pub record_id: Option<RawId>,
    /// The text as given.
    pub text: Py<PyString>,
    /// Its UTF-8, which the report's byte offsets index.
    pub utf8: Utf8,
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
