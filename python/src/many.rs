//! `analyze_many`: texts from a Python iterable analysed on a pool of threads, the reports
//! handed back in input order as they are ready.
//!
//! A feeder thread runs the library's ordered parallel map (`quotecheck::pool::ordered`, the
//! one `extract --jsonl` runs on). It takes texts from the iterable in batches (64 texts or
//! 64 KB, as `extract --jsonl` reads lines), attaching to the interpreter only while it takes
//! them; the workers analyse without the GIL; batches of results go to the Python side through
//! a channel of two batches. So at most `2 x threads + 4` batches are read and not yet
//! consumed: memory is bounded by the thread count, however long the input.
//!
//! The consumer (`__next__`) waits for a batch with the GIL released, and makes each report's
//! Python objects (a JSON Lines record's text and id) as it hands it out. An item that is not
//! a text, a record that cannot be read, or an exception raised by the iterable comes back in
//! its place in the order and ends the iteration; a panic while analysing one text comes back
//! as `InternalError` in its place, and the texts after it are still analysed.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyIterator, PyMapping, PyString, PyTuple};
use quotecheck::check::InputKind;

use crate::doc::{internal_error, Analysed, Failure, GrammarRef, Input};
use crate::views::Report;

/// A batch closes at this many texts or bytes.
const BATCH_TEXTS: usize = 64;
const BATCH_BYTES: usize = 1 << 16;

/// How often a wait for results looks at signals (Ctrl-C).
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// One item's outcome, in input order.
enum Outcome {
    Doc(Box<Analysed>),
    /// The item was not a text, or the iterable raised: ends the iteration.
    Error(PyErr),
    /// A caught panic's message.
    Panic(String),
}

enum Msg {
    Batch(Vec<Outcome>),
    /// Every item was read and analysed.
    End,
}

/// An item read from the iterable.
enum Item {
    Text(Input),
    Error(PyErr),
}

/// The iterator `analyze_many` returns: `Report`s in the order of the input.
#[pyclass(module = "quotecheck")]
pub struct Reports {
    rx: Mutex<Receiver<Msg>>,
    ready: VecDeque<Outcome>,
    finished: bool,
    /// Tells the feeder to read no more (set when the iterator is dropped).
    stop: Arc<AtomicBool>,
}

impl Reports {
    /// Starts analysing the items of `iter` on `threads` threads (0: one per core).
    pub fn start(
        iter: Py<PyIterator>,
        threads: usize,
        grammar: GrammarRef,
        kind: InputKind,
    ) -> PyResult<Reports> {
        let (tx, rx) = sync_channel(2);
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let threads = quotecheck::pool::threads(threads);
        std::thread::Builder::new()
            .name("quotecheck-feeder".into())
            .spawn(move || feed(iter, threads, &grammar, kind, &tx, &flag))
            .map_err(|e| internal_error(&format!("cannot start a thread: {e}")))?;
        Ok(Reports {
            rx: Mutex::new(rx),
            ready: VecDeque::new(),
            finished: false,
            stop,
        })
    }
}

impl Drop for Reports {
    fn drop(&mut self) {
        // The feeder reads no more; its next send fails once the receiver is gone, and it ends.
        self.stop.store(true, Ordering::Relaxed);
    }
}

#[pymethods]
impl Reports {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Report>> {
        loop {
            match self.ready.pop_front() {
                Some(Outcome::Doc(d)) => return Ok(Some(Report::new(d.into_doc(py)?))),
                Some(Outcome::Error(e)) => {
                    self.ready.clear();
                    self.finished = true;
                    return Err(e);
                }
                Some(Outcome::Panic(m)) => return Err(internal_error(&m)),
                None => {}
            }
            if self.finished {
                return Ok(None);
            }
            let rx = &self.rx;
            let msg = py.detach(|| match rx.lock() {
                Ok(r) => r.recv_timeout(SIGNAL_CHECK),
                Err(_) => Err(RecvTimeoutError::Disconnected),
            });
            match msg {
                Ok(Msg::Batch(b)) => self.ready.extend(b),
                Ok(Msg::End) => self.finished = true,
                // Ctrl-C (or another signal's handler raising) interrupts a long wait.
                Err(RecvTimeoutError::Timeout) => py.check_signals()?,
                Err(RecvTimeoutError::Disconnected) => {
                    self.finished = true;
                    return Err(internal_error("the analysis thread ended early"));
                }
            }
        }
    }
}

/// The feeder: reads batches from `iter`, has them analysed on the pool, sends the results.
fn feed(
    iter: Py<PyIterator>,
    threads: usize,
    grammar: &GrammarRef,
    kind: InputKind,
    tx: &SyncSender<Msg>,
    stop: &AtomicBool,
) {
    let mut iter = Some(iter);
    let mut count = 0;
    let next = || -> Result<Option<Vec<Item>>, ()> {
        if stop.load(Ordering::Relaxed) {
            return Err(());
        }
        let Some(it) = iter.as_ref() else {
            return Ok(None);
        };
        let (batch, more) = Python::attach(|py| read_batch(it.bind(py), &mut count));
        if !more {
            iter = None;
        }
        Ok((!batch.is_empty()).then_some(batch))
    };
    let work = |batch: Vec<Item>| -> Vec<Outcome> {
        batch
            .into_iter()
            .filter_map(|item| match item {
                Item::Text(input) => match input.analyse(grammar, kind) {
                    Ok(d) => d.map(|d| Outcome::Doc(Box::new(d))),
                    Err(Failure::Panic(m)) => Some(Outcome::Panic(m)),
                    Err(Failure::Record(m)) => Some(Outcome::Error(PyValueError::new_err(m))),
                },
                Item::Error(e) => Some(Outcome::Error(e)),
            })
            .collect()
    };
    let sink = |out: Vec<Outcome>| tx.send(Msg::Batch(out)).map_err(|_| ());
    if quotecheck::pool::ordered(threads, next, work, sink).is_ok() {
        let _ = tx.send(Msg::End);
    }
}

/// Reads up to a batch of items; `false` when the iterable is done (exhausted, or it raised,
/// or an item was not a text: the error is the batch's last item).
fn read_batch(iter: &Bound<'_, PyIterator>, count: &mut usize) -> (Vec<Item>, bool) {
    let mut batch = Vec::with_capacity(BATCH_TEXTS);
    let mut bytes = 0;
    let mut it = iter.clone();
    while batch.len() < BATCH_TEXTS && bytes < BATCH_BYTES {
        *count += 1;
        let item = match it.next() {
            None => return (batch, false),
            Some(Ok(obj)) => input(&obj, *count),
            Some(Err(e)) => Err(e),
        };
        match item {
            Ok(inp) => {
                bytes += inp.len();
                batch.push(Item::Text(inp));
            }
            Err(e) => {
                batch.push(Item::Error(e));
                return (batch, false);
            }
        }
    }
    (batch, true)
}

/// Item `number` (from 1) of the iterable as a text: a `str`, an `(id, text)` pair, a mapping
/// with a `"text"` key (and an optional `"id"`), or a line of JSON Lines as `bytes` (a file
/// opened in binary mode yields them).
fn input(obj: &Bound<'_, PyAny>, number: usize) -> PyResult<Input> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Input::text(None, s);
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Input::line(number, b));
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        if t.len() == 2 {
            let text = t.get_item(1)?;
            let text = text
                .cast::<PyString>()
                .map_err(|_| not_text(&text, "(id, text)"))?;
            return Input::text(Some(t.get_item(0)?.unbind()), text);
        }
    }
    if let Ok(m) = obj.cast::<PyMapping>() {
        if let Ok(text) = m.get_item("text") {
            let text = text
                .cast::<PyString>()
                .map_err(|_| not_text(&text, "{'text': …}"))?;
            let id = match m.get_item("id") {
                Ok(id) => Some(id.unbind()),
                Err(_) => None,
            };
            return Input::text(id, text);
        }
    }
    let ty = obj.get_type().name()?;
    Err(PyTypeError::new_err(format!(
        "analyze_many: expected a str, an (id, text) pair, a mapping with a 'text' key or a \
         JSON Lines line as bytes, got {ty}"
    )))
}

fn not_text(obj: &Bound<'_, PyAny>, shape: &str) -> PyErr {
    let ty = obj
        .get_type()
        .name()
        .map_or("?".to_string(), |n| n.to_string());
    PyTypeError::new_err(format!(
        "analyze_many: the text of {shape} must be a str, got {ty}"
    ))
}
