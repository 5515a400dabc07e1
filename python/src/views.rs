//! The report as typed Python objects.
//!
//! Each object is a view: the analysed text (`Arc<DocData>`, shared by every object of one
//! report) and the position of its part (unit `i`, link `k` of its chain). Nothing is copied
//! into Python until an attribute is read, so a report costs one small object until it is
//! used. The typed attributes cover the stable parts of the report; `to_dict()` and the
//! fallback `__getattr__` go through serde (`pyser`), so a field added to the report types
//! later is readable from Python (`quote.to_dict()["new_field"]`, `quote.new_field`) with no
//! change here.

use std::sync::Arc;

use pyo3::exceptions::PyAttributeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use quotecheck::report;
use serde::Serialize;

use crate::chars::Offsets;
use crate::doc::{internal_error, DocData};
use crate::pyser::to_py;

/// The error for a view whose part is not in its report (a bug).
fn gone() -> PyErr {
    internal_error("a report object points outside its report")
}

/// Python's `repr` of a string.
pub fn repr_str(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s)
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| format!("{s:?}"))
}

/// `s` cut to `n` characters with an ellipsis.
fn clip(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or(s)),
        None => s.to_string(),
    }
}

/// What every view shares: its text and the report part it shows.
trait View {
    /// The Python class name.
    const NAME: &'static str;
    /// The report part.
    type Data: Serialize;
    fn doc(&self) -> &DocData;
    fn data(&self) -> Option<&Self::Data>;

    fn get(&self) -> PyResult<&Self::Data> {
        self.data().ok_or_else(gone)
    }

    /// The part as a dict (`to_dict()`).
    fn dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.get()?, self.doc().offsets())
    }

    /// A field of the part that has no typed attribute (`__getattr__`).
    fn attr<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        // Private and special names are never report fields: answer at once (libraries probe
        // objects for `__array__`, `_repr_html_` and the like).
        if !name.starts_with('_') {
            if let Ok(d) = self.dict(py)?.cast_into::<PyDict>() {
                if let Some(v) = d.get_item(name)? {
                    return Ok(v);
                }
            }
        }
        Err(PyAttributeError::new_err(format!(
            "'{}' object has no attribute '{name}'",
            Self::NAME
        )))
    }

    /// A value of the part in Python (a kind's wire name, an optional excerpt).
    fn py<'py, T: Serialize + ?Sized>(
        &self,
        py: Python<'py>,
        v: &T,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, v, self.doc().offsets())
    }
}

/// A span of the text: character offsets (`text[span.start:span.end]`) and UTF-8 byte
/// offsets (`start_byte`, `end_byte`, the offsets of the JSON report).
#[pyclass(module = "quotecheck", frozen, eq, hash)]
#[derive(PartialEq, Eq, Hash, Clone)]
pub struct Span {
    /// First character (a Python string index).
    #[pyo3(get)]
    pub(crate) start: usize,
    /// One past the last character.
    #[pyo3(get)]
    pub(crate) end: usize,
    /// First byte of the UTF-8 text.
    #[pyo3(get)]
    pub(crate) start_byte: usize,
    /// One past the last byte.
    #[pyo3(get)]
    pub(crate) end_byte: usize,
    /// The text of the span.
    #[pyo3(get)]
    pub(crate) text: String,
}

impl Span {
    /// The span `s` of the text of `o`.
    pub fn new(o: Offsets<'_>, s: quotecheck::Span) -> Span {
        Span {
            start: o.char(s.start),
            end: o.char(s.end),
            start_byte: s.start,
            end_byte: s.end,
            text: s.of(o.text).to_string(),
        }
    }
}

#[pymethods]
impl Span {
    /// Its length in characters.
    fn __len__(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Span(start={}, end={}, text={})",
            self.start,
            self.end,
            repr_str(py, &clip(&self.text, 40))
        )
    }

    /// `{"start", "end", "start_byte", "end_byte"}`, as spans appear in `to_dict()`.
    pub(crate) fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("start_byte", self.start_byte)?;
        d.set_item("end_byte", self.end_byte)?;
        Ok(d)
    }
}

/// Defines a view class: its struct, with the text and the indices of its part.
macro_rules! view {
    ($(#[$m:meta])* $name:ident { $($idx:ident),* } => $data:ty, |$s:ident| $get:expr) => {
        $(#[$m])*
        #[pyclass(module = "quotecheck", frozen)]
        pub struct $name {
            doc: Arc<DocData>,
            $($idx: usize,)*
        }

        impl View for $name {
            const NAME: &'static str = stringify!($name);
            type Data = $data;
            fn doc(&self) -> &DocData {
                &self.doc
            }
            fn data(&self) -> Option<&$data> {
                let $s = self;
                $get
            }
        }
    };
}

view!(
    /// What quotecheck found in one text: its units (quotes and reported claims), the
    /// entities that speak or relay, the dateline and diagnostics. Attributes mirror the JSON
    /// report of `quotecheck extract`; every span has character and byte offsets.
    Report {} => report::Report, |s| Some(&s.doc.report)
);

impl Report {
    /// The report of an analysed text.
    pub fn new(doc: DocData) -> Report {
        Report { doc: Arc::new(doc) }
    }

    fn quote(&self, i: usize) -> Quote {
        Quote {
            doc: self.doc.clone(),
            i,
        }
    }
}

#[pymethods]
impl Report {
    /// The id given with the text (`analyze_many` over `(id, text)` pairs), else None.
    #[getter]
    fn id(&self, py: Python<'_>) -> Py<PyAny> {
        self.doc.id.as_ref().map_or(py.None(), |i| i.clone_ref(py))
    }
    /// The analysed text.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.doc.text.clone_ref(py)
    }
    /// The version of the report format (`quotecheck.SCHEMA_VERSION`).
    #[getter]
    fn schema_version(&self) -> u32 {
        self.doc.report.schema_version
    }
    /// The story's dateline, or None.
    #[getter]
    fn dateline(&self) -> Option<Dateline> {
        self.doc.report.dateline.as_ref().map(|_| Dateline {
            doc: self.doc.clone(),
        })
    }
    /// The entities (people, organisations, unnamed sources) that speak or relay, numbered
    /// in order of first mention: `quote.speaker.entity` indexes this list.
    #[getter]
    fn entities(&self) -> Vec<Entity> {
        (0..self.doc.report.entities.len())
            .map(|i| Entity {
                doc: self.doc.clone(),
                i,
            })
            .collect()
    }
    /// The units: direct, partial and indirect (reported) speech, beliefs, titles and scare
    /// quotes, in text order.
    #[getter]
    fn quotes(&self) -> Vec<Quote> {
        (0..self.doc.report.quotes.len())
            .map(|i| self.quote(i))
            .collect()
    }
    /// The units that are claims of their own (`Quote.claim` is set), in text order.
    #[getter]
    fn claims(&self) -> Vec<Quote> {
        (0..self.doc.report.quotes.len())
            .filter(|&i| self.doc.claim(i).is_some())
            .map(|i| self.quote(i))
            .collect()
    }
    /// Problems met while reading (unbalanced quotation marks).
    #[getter]
    fn diagnostics(&self) -> Vec<Diagnostic> {
        (0..self.doc.report.diagnostics.len())
            .map(|i| Diagnostic {
                doc: self.doc.clone(),
                i,
            })
            .collect()
    }
    /// The story's figures, as every quotecheck output counts them: `claims`, `anonymous`,
    /// `anonymous_share`, `speakers`, `unattributed`.
    #[getter]
    fn figures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.py(py, &quotecheck::Figures::of(&self.doc.report))
    }
    /// The report as a dict: the JSON report's fields (with `id` first when there is one),
    /// every span as `{"start", "end", "start_byte", "end_byte"}` (characters, then bytes).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = self.dict(py)?;
        let Some(id) = &self.doc.id else {
            return Ok(d);
        };
        let out = PyDict::new(py);
        out.set_item("id", id.bind(py))?;
        out.update(d.cast::<pyo3::types::PyMapping>()?)?;
        Ok(out.into_any())
    }
    /// The report as JSON, exactly as `quotecheck extract` writes it (byte offsets; with
    /// `"id"` first when there is one, as a line of `extract --jsonl`); `pretty` indents it.
    #[pyo3(signature = (*, pretty = false))]
    fn to_json(&self, py: Python<'_>, pretty: bool) -> PyResult<String> {
        crate::json::report_json(py, &self.doc, pretty)
    }
    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.attr(py, name)
    }
    /// Pickling: the text, the report's JSON and the id (`_report` rebuilds it).
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (Py<PyString>, String, Py<PyAny>))> {
        let rebuild = py.import("quotecheck._native")?.getattr("_report")?;
        let mut json = Vec::new();
        quotecheck::render::json::write_report(&mut json, &self.doc.report);
        let json = String::from_utf8(json).map_err(|_| gone())?;
        Ok((rebuild, (self.text(py), json, self.id(py))))
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let r = &self.doc.report;
        let id = match &self.doc.id {
            Some(id) => id
                .bind(py)
                .repr()
                .map_or(String::new(), |r| format!(" id={r}")),
            None => String::new(),
        };
        format!(
            "<Report{id}: {} units, {} entities, {} diagnostics>",
            r.quotes.len(),
            r.entities.len(),
            r.diagnostics.len()
        )
    }
}

view!(
    /// A unit: a direct quote, a partial quote, a reported (indirect) claim, a belief, or
    /// quotation marks that are not speech (a title, scare quotes). `text[q.start:q.end]` is its content.
    Quote { i } => report::Quote, |s| s.doc.report.quotes.get(s.i)
);

#[pymethods]
impl Quote {
    /// Its index in `report.quotes`.
    #[getter]
    fn id(&self) -> PyResult<usize> {
        Ok(self.get()?.id)
    }
    /// `direct`, `partial`, `indirect`, `belief`, `title` or `scare` (the JSON report's names).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.py(py, &self.get()?.kind)
    }
    /// How it counts among the story's claims: `direct`, `partial` (a partial quote standing
    /// on its own), `reported` or `belief`; None for a unit that is part of another claim or no speech.
    #[getter]
    fn claim<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.py(py, &self.doc.claim(self.i))
    }
    /// First character of the content (a Python string index).
    #[getter]
    fn start(&self) -> PyResult<usize> {
        Ok(self.doc.offsets().char(self.get()?.content.start))
    }
    /// One past the last character of the content.
    #[getter]
    fn end(&self) -> PyResult<usize> {
        Ok(self.doc.offsets().char(self.get()?.content.end))
    }
    /// First byte of the content in the UTF-8 text.
    #[getter]
    fn start_byte(&self) -> PyResult<usize> {
        Ok(self.get()?.content.start)
    }
    /// One past the last byte of the content.
    #[getter]
    fn end_byte(&self) -> PyResult<usize> {
        Ok(self.get()?.content.end)
    }
    /// What was said: inside the quotation marks, or the reported clause.
    #[getter]
    fn content(&self) -> PyResult<Span> {
        Ok(Span::new(self.doc.offsets(), self.get()?.content))
    }
    /// The content's text.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        Ok(PyString::new(py, &self.get()?.text))
    }
    /// The words that attribute it (`said`, `according to`), or None.
    #[getter]
    fn cue(&self) -> PyResult<Option<Cue>> {
        Ok(self.get()?.cue.as_ref().map(|_| Cue {
            doc: self.doc.clone(),
            i: self.i,
        }))
    }
    /// Who it is credited to, or None when nobody is.
    #[getter]
    fn speaker(&self) -> PyResult<Option<Speaker>> {
        Ok(self.get()?.speaker.as_ref().map(|_| Speaker {
            doc: self.doc.clone(),
            i: self.i,
        }))
    }
    /// Set when the speaker is an unnamed source: how the copy describes them, and the
    /// reason given for not naming them.
    #[getter]
    fn anonymity(&self) -> PyResult<Option<Anonymity>> {
        Ok(self.get()?.anonymity.as_ref().map(|_| Anonymity {
            doc: self.doc.clone(),
            i: self.i,
        }))
    }
    /// Who passed it on, nearest first, ending with the publisher of the dateline.
    #[getter]
    fn chain(&self) -> PyResult<Vec<ChainLink>> {
        Ok((0..self.get()?.chain.len())
            .map(|k| ChainLink {
                doc: self.doc.clone(),
                i: self.i,
                k,
            })
            .collect())
    }
    /// The paragraph number (from 0).
    #[getter]
    fn paragraph(&self) -> PyResult<usize> {
        Ok(self.get()?.paragraph as usize)
    }
    /// The id of the unit this one continues (a quote broken by its attribution, the next
    /// paragraph of a multi-paragraph quote), or None.
    #[getter]
    fn continues(&self) -> PyResult<Option<usize>> {
        Ok(self.get()?.continues.map(|c| c as usize))
    }
    /// The unit as a dict (the JSON report's fields; spans with character and byte offsets).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.dict(py)
    }
    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.attr(py, name)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let q = self.get()?;
        let kind = self.py(py, &q.kind)?.to_string();
        let speaker = q.speaker.as_ref().map_or(String::new(), |s| {
            format!(" speaker={}", repr_str(py, &s.name))
        });
        Ok(format!(
            "<Quote {} {kind} {}{speaker}>",
            q.id,
            repr_str(py, &clip(&q.text, 50))
        ))
    }
}

view!(
    /// The words that attribute a unit.
    Cue { i } => report::Cue,
    |s| s.doc.report.quotes.get(s.i).and_then(|q| q.cue.as_deref())
);

#[pymethods]
impl Cue {
    /// Where (for a floating quote, the cue of the quote it takes its speaker from).
    #[getter]
    fn span(&self) -> PyResult<Span> {
        Ok(Span::new(self.doc.offsets(), self.get()?.span))
    }
    /// The words.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        Ok(PyString::new(py, &self.get()?.text))
    }
    /// The verb's lemma (`say`), or None when the cue is no verb.
    #[getter]
    fn lemma(&self) -> PyResult<Option<String>> {
        Ok(self.get()?.lemma.clone())
    }
    /// `neutral` (said) or `loaded` (claimed, admitted).
    #[getter]
    fn stance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.py(py, &self.get()?.stance)
    }
    /// `verb`, `quoted-as`, `participle`, `according`, `reported-by`, `citing`, `floating`
    /// or `continuation`.
    #[getter]
    fn construction<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.py(py, &self.get()?.construction)
    }
    /// The cue as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.dict(py)
    }
    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.attr(py, name)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("<Cue {}>", repr_str(py, &self.get()?.text)))
    }
}

view!(
    /// Who a unit is credited to: an entity, and the words that name it at this unit.
    Speaker { i } => report::Speaker,
    |s| s.doc.report.quotes.get(s.i).and_then(|q| q.speaker.as_deref())
);

#[pymethods]
impl Speaker {
    /// The entity's index in `report.entities`.
    #[getter]
    fn entity(&self) -> PyResult<usize> {
        Ok(self.get()?.entity)
    }
    /// The entity's canonical name (the fullest name, or an unnamed source's descriptor).
    #[getter]
    fn name<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        Ok(PyString::new(py, &self.get()?.name))
    }
    /// Whether the speaker is an unnamed source.
    #[getter]
    fn anonymous(&self) -> PyResult<bool> {
        Ok(self.get()?.anonymous)
    }
    /// The words naming the speaker at this unit (`she`, `the minister`).
    #[getter]
    fn mention(&self) -> PyResult<Span> {
        Ok(Span::new(self.doc.offsets(), self.get()?.mention))
    }
    /// Their text.
    #[getter]
    fn mention_text<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        Ok(PyString::new(py, &self.get()?.mention_text))
    }
    /// The speaker as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.dict(py)
    }
    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.attr(py, name)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let s = self.get()?;
        Ok(format!("<Speaker {} {}>", s.entity, repr_str(py, &s.name)))
    }
}

view!(
    /// The anonymity of a unit's unnamed source.
    Anonymity { i } => report::Anonymity,
    |s| s.doc.report.quotes.get(s.i).and_then(|q| q.anonymity.as_deref())
);

#[pymethods]
impl Anonymity {
    /// How the copy describes the source (`a senior official`).
    #[getter]
    fn descriptor<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        Ok(PyString::new(py, &self.get()?.descriptor))
    }
    /// The reason the copy gives for not naming the source, or None when it gives none.
    #[getter]
    fn reason(&self) -> PyResult<Option<Excerpt>> {
        Ok(excerpt(&self.doc, self.get()?.reason.as_ref()))
    }
    /// The source asking not to be named (`speaking on condition of anonymity`), or None.
    #[getter]
    fn request(&self) -> PyResult<Option<Excerpt>> {
        Ok(excerpt(&self.doc, self.get()?.request.as_ref()))
    }
    /// The anonymity as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.dict(py)
    }
    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.attr(py, name)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "<Anonymity {}>",
            repr_str(py, &self.get()?.descriptor)
        ))
    }
}

/// A span of the text with its words (a reason for anonymity, a request).
#[pyclass(module = "quotecheck", frozen)]
pub struct Excerpt {
    /// Where.
    #[pyo3(get)]
    span: Span,
}

fn excerpt(doc: &DocData, e: Option<&report::Excerpt>) -> Option<Excerpt> {
    e.map(|e| Excerpt {
        span: Span::new(doc.offsets(), e.span),
    })
}

#[pymethods]
impl Excerpt {
    /// The words.
    #[getter]
    fn text(&self) -> String {
        self.span.text.clone()
    }
    /// `{"span": {...}, "text": ...}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("span", self.span.to_dict(py)?)?;
        d.set_item("text", &self.span.text)?;
        Ok(d)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!("<Excerpt {}>", repr_str(py, &self.span.text))
    }
}

view!(
    /// One link of a unit's source chain: a relay, an outlet, or the dateline's publisher.
    ChainLink { i, k } => report::ChainLink,
    |s| s.doc.report.quotes.get(s.i).and_then(|q| q.chain.get(s.k))
);

#[pymethods]
impl ChainLink {
    /// The name.
    #[getter]
    fn name<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        Ok(PyString::new(py, &self.get()?.name))
    }
    /// The entity (index in `report.entities`) it is, or None.
    #[getter]
    fn entity(&self) -> PyResult<Option<usize>> {
        Ok(self.get()?.entity)
    }
    /// `relay`, `outlet` or `publisher`.
    #[getter]
    fn role<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.py(py, &self.get()?.role)
    }
    /// Where it is named, or None.
    #[getter]
    fn span(&self) -> PyResult<Option<Span>> {
        Ok(self.get()?.span.map(|s| Span::new(self.doc.offsets(), s)))
    }
    /// The link as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.dict(py)
    }
    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.attr(py, name)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let l = self.get()?;
        let role = self.py(py, &l.role)?.to_string();
        Ok(format!("<ChainLink {} ({role})>", repr_str(py, &l.name)))
    }
}

view!(
    /// Someone who speaks or relays: a person, an organisation, an unnamed source, a group
    /// or a document, with every mention that names it.
    Entity { i } => report::Entity, |s| s.doc.report.entities.get(s.i)
);

#[pymethods]
impl Entity {
    /// Its index in `report.entities`.
    #[getter]
    fn id(&self) -> PyResult<usize> {
        Ok(self.get()?.id)
    }
    /// The canonical name: the fullest proper name, or the descriptor of an unnamed source.
    #[getter]
    fn name<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        Ok(PyString::new(py, &self.get()?.name))
    }
    /// `person`, `organisation`, `anonymous`, `group` or `document`.
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.py(py, &self.get()?.kind)
    }
    /// The titles and roles the copy gives it (`Prime Minister`).
    #[getter]
    fn titles(&self) -> PyResult<Vec<String>> {
        Ok(self.get()?.titles.to_vec())
    }
    /// `male`, `female` or `neutral` when the text shows it, else None.
    #[getter]
    fn gender<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.py(py, &self.get()?.gender)
    }
    /// Whether it is an unnamed source.
    #[getter]
    fn anonymous(&self) -> PyResult<bool> {
        Ok(self.get()?.anonymous)
    }
    /// Whether it is a weasel group (`critics`, `experts`).
    #[getter]
    fn vague(&self) -> PyResult<bool> {
        Ok(self.get()?.vague)
    }
    /// Where the copy says why the source is not named, or None.
    #[getter]
    fn anonymity_reason(&self) -> PyResult<Option<Excerpt>> {
        Ok(excerpt(&self.doc, self.get()?.anonymity_reason.as_deref()))
    }
    /// Where the copy says the source asked not to be named, or None.
    #[getter]
    fn anonymity_request(&self) -> PyResult<Option<Excerpt>> {
        Ok(excerpt(&self.doc, self.get()?.anonymity_request.as_deref()))
    }
    /// Every mention, in text order.
    #[getter]
    fn mentions(&self) -> PyResult<Vec<Mention>> {
        Ok((0..self.get()?.mentions.len())
            .map(|k| Mention {
                doc: self.doc.clone(),
                i: self.i,
                k,
            })
            .collect())
    }
    /// The entity as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.dict(py)
    }
    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.attr(py, name)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let e = self.get()?;
        let kind = self.py(py, &e.kind)?.to_string();
        Ok(format!(
            "<Entity {} {} ({kind})>",
            e.id,
            repr_str(py, &e.name)
        ))
    }
}

view!(
    /// One mention of an entity: a name, a pronoun or a role.
    Mention { i, k } => report::Mention,
    |s| s.doc.report.entities.get(s.i).and_then(|e| e.mentions.get(s.k))
);

#[pymethods]
impl Mention {
    /// Where.
    #[getter]
    fn span(&self) -> PyResult<Span> {
        Ok(Span::new(self.doc.offsets(), self.get()?.span))
    }
    /// The words.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        Ok(PyString::new(py, &self.get()?.text))
    }
    /// `name`, `pronoun` or `role`.
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.py(py, &self.get()?.kind)
    }
    /// The mention as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.dict(py)
    }
    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.attr(py, name)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let m = self.get()?;
        let kind = self.py(py, &m.kind)?.to_string();
        Ok(format!("<Mention {} ({kind})>", repr_str(py, &m.text)))
    }
}

view!(
    /// A wire dateline (`GENEVA, March 3 (Alpine Wire) -`): its outlet is the publisher that
    /// ends every source chain.
    Dateline {} => report::DatelineInfo, |s| s.doc.report.dateline.as_ref()
);

#[pymethods]
impl Dateline {
    /// The whole dateline.
    #[getter]
    fn span(&self) -> PyResult<Span> {
        Ok(Span::new(self.doc.offsets(), self.get()?.span))
    }
    /// The place.
    #[getter]
    fn place<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        Ok(PyString::new(py, &self.get()?.place))
    }
    /// The publishing outlet, or None.
    #[getter]
    fn outlet(&self) -> PyResult<Option<String>> {
        Ok(self.get()?.outlet.clone())
    }
    /// The dateline as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.dict(py)
    }
    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.attr(py, name)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("<Dateline {}>", repr_str(py, &self.get()?.place)))
    }
}

view!(
    /// A problem met while reading the text (an unclosed or unopened quotation mark).
    Diagnostic { i } => report::Diagnostic, |s| s.doc.report.diagnostics.get(s.i)
);

#[pymethods]
impl Diagnostic {
    /// A stable code: `unclosed-quote`, `unopened-quote`.
    #[getter]
    fn code(&self) -> PyResult<String> {
        Ok(self.get()?.code.clone())
    }
    /// What is wrong.
    #[getter]
    fn message(&self) -> PyResult<String> {
        Ok(self.get()?.message.clone())
    }
    /// Where.
    #[getter]
    fn span(&self) -> PyResult<Span> {
        Ok(Span::new(self.doc.offsets(), self.get()?.span))
    }
    /// The diagnostic as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.dict(py)
    }
    fn __getattr__<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.attr(py, name)
    }
    fn __repr__(&self) -> PyResult<String> {
        let d = self.get()?;
        Ok(format!("<Diagnostic {}: {}>", d.code, d.message))
    }
}
