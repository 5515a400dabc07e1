"""The spaCy pipeline component ``quotecheck`` (``pip install 'quotecheck[spacy]'``).

    >>> import spacy
    >>> nlp = spacy.blank("en")          # no model needed
    >>> nlp.add_pipe("quotecheck")       # found through the package's entry point
    >>> doc = nlp('"We will rebuild," Mayor Ana Ruiz said.')
    >>> [(q.label_, q.text, q._.speaker_name, q._.cue.text) for q in doc._.quotes]
    [('direct', 'We will rebuild,', 'Ana Ruiz', 'said')]

The component analyses ``doc.text`` and puts every unit in the span group
``doc.spans["quotes"]`` (the key is the ``spans_key`` setting), labelled with its kind
(``direct``, ``partial``, ``indirect``, ``title``, ``scare``). It sets these extensions:

- ``doc._.quotes``: the units, as ``Span``s, in text order;
- ``doc._.quotecheck``: the whole report as a dict (``Report.to_dict()``);
- ``span._.speaker``: the ``Span`` naming the unit's speaker there ("she", "the minister"),
  or None;
- ``span._.speaker_name``: the speaker's canonical name ("Ana Ruiz"), or None;
- ``span._.cue``: the ``Span`` of the attributing words ("said"), or None;
- ``span._.unit``: the unit as a dict (chain, anonymity, paragraph, …).

Everything is kept in ``doc.spans`` and ``doc.user_data`` as plain values, so a ``Doc``
serialised with ``DocBin(store_user_data=True)`` keeps it. Settings
(``nlp.add_pipe("quotecheck", config={...})``): ``markdown`` (read the text as Markdown),
``grammar`` (folders of extra word lists), ``threads`` (for ``nlp.pipe``: 0 is one per
core) and ``spans_key``.
"""

from __future__ import annotations

from typing import Iterable, Iterator, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import Grammar, analyze, analyze_many

# Where the report of a Doc is kept in doc.user_data.
_KEY = ("quotecheck", "report")


def _report(doc: Doc) -> Optional[dict]:
    return doc.user_data.get(_KEY)


def _span(doc: Doc, span: Optional[dict], label: str = "") -> Optional[Span]:
    if not span:
        return None
    return doc.char_span(span["start"], span["end"], label=label, alignment_mode="expand")


def _unit(span: Span) -> Optional[dict]:
    data = _report(span.doc)
    if not data:
        return None
    for unit in data["quotes"]:
        start, end = unit["_token_span"]
        if start == span.start_char and end == span.end_char and unit["kind"] == span.label_:
            return unit
    return None


def _quotes(doc: Doc) -> List[Span]:
    data = _report(doc)
    key = data["_spans_key"] if data else "quotes"
    return list(doc.spans[key]) if key in doc.spans else []


def _speaker(span: Span) -> Optional[Span]:
    unit = _unit(span)
    speaker = unit and unit["speaker"]
    return _span(span.doc, speaker["mention"]) if speaker else None


def _speaker_name(span: Span) -> Optional[str]:
    unit = _unit(span)
    speaker = unit and unit["speaker"]
    return speaker["name"] if speaker else None


def _cue(span: Span) -> Optional[Span]:
    unit = _unit(span)
    cue = unit and unit["cue"]
    return _span(span.doc, cue["span"]) if cue else None


def _extensions() -> None:
    for name, getter in (("quotes", _quotes), ("quotecheck", _report)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=getter)
    for name, getter in (
        ("speaker", _speaker),
        ("speaker_name", _speaker_name),
        ("cue", _cue),
        ("unit", _unit),
    ):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


class QuotecheckComponent:
    """Sets ``doc.spans[spans_key]`` and the ``quotecheck`` extensions on each Doc."""

    def __init__(
        self,
        name: str = "quotecheck",
        *,
        markdown: bool = False,
        grammar: Iterable[str] = (),
        threads: int = 0,
        spans_key: str = "quotes",
    ) -> None:
        _extensions()
        self.name = name
        self.markdown = markdown
        dirs = list(grammar)
        self.grammar = Grammar.from_dirs(dirs) if dirs else None
        self.threads = threads
        self.spans_key = spans_key

    def _set(self, doc: Doc, report) -> Doc:
        data = report.to_dict()
        data["_spans_key"] = self.spans_key
        spans = []
        for unit in data["quotes"]:
            span = _span(doc, unit["content"], unit["kind"])
            unit["_token_span"] = (span.start_char, span.end_char) if span else (-1, -1)
            if span is not None:
                spans.append(span)
        doc.user_data[_KEY] = data
        doc.spans[self.spans_key] = spans
        return doc

    def __call__(self, doc: Doc) -> Doc:
        report = analyze(doc.text, grammar=self.grammar, markdown=self.markdown)
        return self._set(doc, report)

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Analyses the Docs of ``stream`` on ``threads`` threads, in batches."""
        batch: List[Doc] = []
        for doc in stream:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._pipe_batch(batch)
                batch = []
        if batch:
            yield from self._pipe_batch(batch)

    def _pipe_batch(self, docs: List[Doc]) -> Iterator[Doc]:
        reports = analyze_many(
            (d.text for d in docs),
            threads=self.threads,
            grammar=self.grammar,
            markdown=self.markdown,
        )
        for doc, report in zip(docs, reports):
            yield self._set(doc, report)


@Language.factory(
    "quotecheck",
    default_config={"markdown": False, "grammar": [], "threads": 0, "spans_key": "quotes"},
)
def make_quotecheck(
    nlp: Language,
    name: str,
    markdown: bool,
    grammar: List[str],
    threads: int,
    spans_key: str,
) -> QuotecheckComponent:
    """The ``quotecheck`` pipeline component (see the module documentation)."""
    return QuotecheckComponent(
        name, markdown=markdown, grammar=grammar, threads=threads, spans_key=spans_key
    )
