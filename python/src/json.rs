//! `Report.to_json()`: the bytes `quotecheck extract` writes.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use quotecheck::jsonl::RawId;
use quotecheck::render::json::{write_labelled_line, write_report, Id, Labelled};
use serde_json::Value;

use crate::doc::DocData;

/// The JSON of `doc`'s report: one compact line as `extract --jsonl` writes it (with `"id"`
/// first when the text came with one) or, with `pretty`, indented as `extract --pretty`; no
/// final newline.
pub fn report_json(py: Python<'_>, doc: &DocData, pretty: bool) -> PyResult<String> {
    let id = match (&doc.record_id, &doc.id) {
        (Some(raw), _) => Some(raw.clone()),
        (None, Some(id)) => Some(raw_id(&value(id.bind(py))?)?),
        (None, None) => None,
    };
    let report = &doc.report;
    let mut out = Vec::with_capacity(report.quotes.len() * 512 + 256);
    let written = match (&id, pretty) {
        (Some(id), false) => write_labelled_line(&mut out, "id", id, report),
        (None, false) => {
            write_report(&mut out, report);
            Ok(())
        }
        (Some(id), true) => {
            let rec = Labelled {
                label: Id { id },
                report,
            };
            serde_json::to_writer_pretty(&mut out, &rec).map_err(std::io::Error::other)
        }
        (None, true) => {
            serde_json::to_writer_pretty(&mut out, report).map_err(std::io::Error::other)
        }
    };
    written.map_err(|e| PyValueError::new_err(e.to_string()))?;
    while out.last() == Some(&b'\n') {
        out.pop();
    }
    String::from_utf8(out).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A JSON value as a record id (its compact JSON text).
fn raw_id(v: &Value) -> PyResult<RawId> {
    serde_json::to_string(v)
        .ok()
        .and_then(|json| RawId::from_json(&json))
        .ok_or_else(|| PyValueError::new_err(format!("the id {v} cannot be written as JSON")))
}

/// A Python value (an id) as JSON: None, bool, int, float, str, and lists, tuples and dicts
/// (with string keys) of them.
pub fn value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(i.into());
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(u.into());
        }
        return Err(PyValueError::new_err(format!(
            "the id {obj} is too large an integer for JSON"
        )));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err(format!("the id {obj} is not a JSON number")));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return l.iter().map(|x| value(&x)).collect();
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return t.iter().map(|x| value(&x)).collect();
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut m = serde_json::Map::new();
        for (k, v) in d.iter() {
            let k = k.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err("an id that is a dict needs string keys to be JSON")
            })?;
            m.insert(k.to_cow()?.into_owned(), value(&v)?);
        }
        return Ok(Value::Object(m));
    }
    Err(PyTypeError::new_err(format!(
        "the id must be JSON (None, bool, int, float, str, list or dict) to be written as \
         JSON, not {}",
        obj.get_type().name()?
    )))
}
