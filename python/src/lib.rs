//! `quotecheck._native`: the Python extension over the quotecheck library (PyO3, abi3).
//!
//! The Python package (`python/quotecheck/`) re-exports everything here and adds `to_frame`
//! and the spaCy component. Analysis runs with the GIL released; a panic never crosses into
//! Python (it becomes `quotecheck.InternalError`); the report objects are views over the
//! Rust report (`views`), with character offsets computed in linear time (`chars`).

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod chars;
mod check;
mod doc;
mod json;
mod many;
mod pyser;
mod views;

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyString;

use doc::{internal_error, Analysed, Failure, GrammarRef, Input, Utf8};

/// The allocator the `quotecheck` binary runs with (mimalloc): the analysis makes a few hundred
/// small allocations per document. It serves the extension's Rust allocations only; Python
/// objects come from Python's allocator.
#[global_allocator]
static GLOBAL: alloc::MiMalloc = alloc::MiMalloc;

/// The allocator: see `src/alloc.rs` of the library crate.
#[allow(unsafe_code)]
#[path = "../../src/alloc.rs"]
mod alloc;

/// A grammar: the built-in word lists, optionally extended by folders of user files (the
/// format of `quotecheck extract --grammar DIR`).
#[pyclass(module = "quotecheck", frozen)]
pub struct Grammar {
    inner: GrammarRef,
}

#[pymethods]
impl Grammar {
    /// The built-in grammar.
    #[staticmethod]
    fn builtin() -> Grammar {
        Grammar {
            inner: GrammarRef::Builtin,
        }
    }

    /// The built-in grammar extended by the `*.txt` files of each folder in `dirs` (each file
    /// named after a built-in one: `verbs.txt`, `titles.txt`, …). Raises `GrammarError`
    /// naming the file and line of a bad entry, or the folder that cannot be read.
    #[staticmethod]
    fn from_dirs(py: Python<'_>, dirs: Vec<PathBuf>) -> PyResult<Grammar> {
        if dirs.is_empty() {
            return Ok(Grammar::builtin());
        }
        Ok(Grammar {
            inner: doc::build_grammar(py, dirs)?,
        })
    }

    /// The user folders it was built from (empty for the built-in grammar).
    #[getter]
    fn dirs(&self) -> Vec<PathBuf> {
        self.inner.dirs().to_vec()
    }

    /// Pickling: built again from its folders.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (Vec<PathBuf>,))> {
        let cls = py.get_type::<Grammar>();
        Ok((cls.getattr("from_dirs")?, (self.inner.dirs().to_vec(),)))
    }

    fn __repr__(&self) -> String {
        match &self.inner {
            GrammarRef::Builtin => "<Grammar built-in>".into(),
            GrammarRef::Extended(_, d) => {
                let dirs: Vec<String> = d.iter().map(|p| format!("{:?}", p.display())).collect();
                format!("<Grammar built-in + {}>", dirs.join(", "))
            }
        }
    }
}

fn grammar_of(g: Option<&Grammar>) -> GrammarRef {
    g.map(|g| g.inner.clone()).unwrap_or_default()
}

/// Analyses `text` (news copy) and returns its `Report`: who said what.
///
/// `grammar` is a `Grammar` extended by user word lists (default: the built-in one);
/// `markdown=True` reads the text as Markdown (only its prose is analysed; offsets stay those
/// of `text`). Analysis never fails on text: problems such as an unclosed quotation mark are
/// in `report.diagnostics`. The GIL is released while the text is analysed.
#[pyfunction]
#[pyo3(signature = (text, *, grammar = None, markdown = false))]
fn analyze(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    grammar: Option<&Grammar>,
    markdown: bool,
) -> PyResult<views::Report> {
    let input = Input::text(None, text)?;
    let grammar = grammar_of(grammar);
    let kind = doc::kind(markdown);
    match py.detach(|| input.analyse(&grammar, kind)) {
        Ok(Some(a)) => Ok(views::Report::new(a.into_doc(py)?)),
        Ok(None) => Err(internal_error("a text gave no report")),
        Err(Failure::Panic(m) | Failure::Record(m)) => Err(internal_error(&m)),
    }
}

/// Analyses many texts on `threads` threads (0: one per core) and yields their `Report`s in
/// the order of the input, as they are ready.
///
/// Each item of `texts` is a `str`; an `(id, text)` pair; a mapping with a `"text"` key and an
/// optional `"id"`; or a line of JSON Lines as `bytes` (`{"id": …, "text": …}`, what a file
/// opened in binary mode yields: `analyze_many(open("corpus.jsonl", "rb"))` decodes the lines
/// on the pool, as `quotecheck extract --jsonl` does, and skips blank ones). The id is the
/// report's `id`. Texts are read as they are needed (at most a few batches per thread ahead)
/// and analysed with the GIL released; the output is the same whatever the number of threads.
/// An item that is not a text raises `TypeError`, and a JSON Lines record that cannot be read
/// `ValueError` (`line N: …`), in its place; either ends the iteration.
#[pyfunction]
#[pyo3(signature = (texts, *, threads = 0, grammar = None, markdown = false))]
fn analyze_many(
    texts: &Bound<'_, PyAny>,
    threads: usize,
    grammar: Option<&Grammar>,
    markdown: bool,
) -> PyResult<many::Reports> {
    let iter = texts.try_iter()?.unbind();
    many::Reports::start(iter, threads, grammar_of(grammar), doc::kind(markdown))
}

/// A report from its text, JSON and id: how a pickled `Report` is rebuilt.
#[pyfunction]
fn _report(
    text: &Bound<'_, PyString>,
    json: &str,
    id: Option<Py<PyAny>>,
) -> PyResult<views::Report> {
    let report: quotecheck::Report = serde_json::from_str(json)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    let utf8 = Utf8::Py(pyo3::pybacked::PyBackedStr::try_from(text.clone())?);
    let a = Analysed::new(id, None, Some(text.clone().unbind()), utf8, report);
    Ok(views::Report::new(a.into_doc(text.py())?))
}

/// Panics on a thread of its own and raises the `InternalError` the panic becomes: the test
/// that a panic in the extension never ends the interpreter.
#[pyfunction]
#[allow(clippy::panic)] // the panic is the point
fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    let boom = || std::panic::panic_any("a panic raised on purpose by _panic_for_test");
    let joined = py.detach(|| std::thread::spawn(move || doc::guarded(boom)).join());
    match joined {
        Ok(Ok(())) => Ok(()),
        Ok(Err(m)) => Err(internal_error(&m)),
        Err(_) => Err(internal_error("the test thread panicked")),
    }
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", quotecheck::SCHEMA_VERSION)?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_many, m)?)?;
    m.add_function(wrap_pyfunction!(check::check, m)?)?;
    m.add_function(wrap_pyfunction!(check::list_rules, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(_report, m)?)?;
    m.add_class::<Grammar>()?;
    m.add_class::<views::Report>()?;
    m.add_class::<views::Quote>()?;
    m.add_class::<views::Cue>()?;
    m.add_class::<views::Speaker>()?;
    m.add_class::<views::Anonymity>()?;
    m.add_class::<views::ChainLink>()?;
    m.add_class::<views::Entity>()?;
    m.add_class::<views::Mention>()?;
    m.add_class::<views::Excerpt>()?;
    m.add_class::<views::Dateline>()?;
    m.add_class::<views::Diagnostic>()?;
    m.add_class::<views::Span>()?;
    m.add_class::<check::Finding>()?;
    m.add_class::<many::Reports>()?;
    m.add("Error", py.get_type::<doc::Error>())?;
    m.add("GrammarError", py.get_type::<doc::GrammarError>())?;
    m.add("ConfigError", py.get_type::<doc::ConfigError>())?;
    m.add("InternalError", py.get_type::<doc::InternalError>())?;
    Ok(())
}
