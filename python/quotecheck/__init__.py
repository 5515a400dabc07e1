"""quotecheck: who said what in English news copy.

quotecheck finds every direct quote, partial quote and piece of reported speech in a text and
links each to its speaker (a named person or organisation, a pronoun resolved to a name, a role,
or an anonymous source with the reason the copy gives for anonymity) and to the chain the claim
passed through (a relaying official, an agency, the publisher in the dateline).

    >>> import quotecheck
    >>> text = '"We will rebuild," Mayor Ana Ruiz said on Monday.'
    >>> report = quotecheck.analyze(text)
    >>> q = report.quotes[0]
    >>> q.kind, q.speaker.name, text[q.start:q.end]
    ('direct', 'Ana Ruiz', 'We will rebuild,')

Functions:

- ``analyze(text)``: one text, one ``Report``.
- ``analyze_many(texts, threads=0)``: many texts on a pool of threads, reports in input order.
- ``check(text, config=None)``: the rules of ``quotecheck check``, a list of ``Finding``.
- ``to_frame(reports)``: a pandas DataFrame, one row per unit (needs pandas).
- ``Grammar.from_dirs([...])``: the built-in word lists extended by your own.

Every span has character offsets (``start``, ``end``: ``text[q.start:q.end]`` is the unit) and
the UTF-8 byte offsets of the JSON report (``start_byte``, ``end_byte``). ``Report.to_json()``
is byte for byte what ``quotecheck extract`` writes; ``to_dict()`` is the same tree as Python
values, each span with both kinds of offsets.

With spaCy installed, ``nlp.add_pipe("quotecheck")`` adds a pipeline component that sets
``doc._.quotes`` (see ``quotecheck.spacy_component``).
"""

from ._native import (
    SCHEMA_VERSION,
    Anonymity,
    ChainLink,
    ConfigError,
    Cue,
    Dateline,
    Diagnostic,
    Entity,
    Error,
    Excerpt,
    Finding,
    Grammar,
    GrammarError,
    InternalError,
    Mention,
    Quote,
    Report,
    Reports,
    Span,
    Speaker,
    __version__,
    analyze,
    analyze_many,
    check,
    rules,
)
from ._frame import to_frame

__all__ = [
    "SCHEMA_VERSION",
    "Anonymity",
    "ChainLink",
    "ConfigError",
    "Cue",
    "Dateline",
    "Diagnostic",
    "Entity",
    "Error",
    "Excerpt",
    "Finding",
    "Grammar",
    "GrammarError",
    "InternalError",
    "Mention",
    "Quote",
    "Report",
    "Reports",
    "Span",
    "Speaker",
    "__version__",
    "analyze",
    "analyze_many",
    "check",
    "rules",
    "to_frame",
]
