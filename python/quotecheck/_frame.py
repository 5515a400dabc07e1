"""``to_frame``: reports as a pandas DataFrame, one row per unit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Union

from ._native import Report

if TYPE_CHECKING:  # pragma: no cover
    import pandas

# The columns, in order, and how each is read from a unit.
COLUMNS = (
    "doc",
    "unit",
    "kind",
    "claim",
    "start",
    "end",
    "start_byte",
    "end_byte",
    "text",
    "speaker",
    "speaker_entity",
    "speaker_kind",
    "anonymous",
    "mention",
    "cue",
    "lemma",
    "stance",
    "construction",
    "chain",
    "anonymity_reason",
    "paragraph",
    "continues",
)

# Fields of a unit's dict that the columns above already show.
_SHOWN = {
    "id",
    "kind",
    "content",
    "text",
    "cue",
    "speaker",
    "anonymity",
    "chain",
    "paragraph",
    "continues",
}


def _extra_fields(report: Report) -> List[str]:
    """The fields of a unit that the columns do not show (fields the report gains later)."""
    for q in report.quotes:
        return [k for k in q.to_dict() if k not in _SHOWN and k not in COLUMNS]
    return []


def _add_rows(columns: Dict[str, list], doc: Any, report: Report, extra: List[str]) -> None:
    entities = report.entities
    add = {name: columns[name].append for name in columns}
    for q in report.quotes:
        s, cue, anonymity = q.speaker, q.cue, q.anonymity
        reason = anonymity.reason if anonymity else None
        add["doc"](doc)
        add["unit"](q.id)
        add["kind"](q.kind)
        add["claim"](q.claim)
        add["start"](q.start)
        add["end"](q.end)
        add["start_byte"](q.start_byte)
        add["end_byte"](q.end_byte)
        add["text"](q.text)
        add["speaker"](s.name if s else None)
        add["speaker_entity"](s.entity if s else None)
        add["speaker_kind"](entities[s.entity].kind if s else None)
        add["anonymous"](s.anonymous if s else False)
        add["mention"](s.mention_text if s else None)
        add["cue"](cue.text if cue else None)
        add["lemma"](cue.lemma if cue else None)
        add["stance"](cue.stance if cue else None)
        add["construction"](cue.construction if cue else None)
        add["chain"]([link.name for link in q.chain])
        add["anonymity_reason"](reason.text if reason else None)
        add["paragraph"](q.paragraph)
        add["continues"](q.continues)
        for key in extra:
            add[key](getattr(q, key))


def to_frame(reports: Union[Report, Iterable[Report]]) -> "pandas.DataFrame":
    """One row per unit of ``reports`` (a ``Report`` or an iterable of them, such as
    ``analyze_many(...)``), as a pandas DataFrame.

    Columns: ``doc`` (the report's id, or its position when it has none), ``unit`` (the
    unit's id), ``kind``, ``claim`` (how it counts among the claims, or None), ``start`` and
    ``end`` (character offsets), ``start_byte`` and ``end_byte``, ``text``, ``speaker`` (the
    canonical name), ``speaker_entity``, ``speaker_kind``, ``anonymous``, ``mention`` (the
    words naming the speaker there), ``cue``, ``lemma``, ``stance``, ``construction``,
    ``chain`` (the names of the links, nearest first), ``anonymity_reason``, ``paragraph`` and
    ``continues``; then any field the report has beyond these.

    Needs pandas (``pip install 'quotecheck[pandas]'``).
    """
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "quotecheck.to_frame needs pandas: pip install 'quotecheck[pandas]'"
        ) from e
    if isinstance(reports, Report):
        reports = [reports]
    columns: Dict[str, list] = {name: [] for name in COLUMNS}
    extra: Optional[List[str]] = None
    for i, report in enumerate(reports):
        if extra is None and report.quotes:
            extra = _extra_fields(report)
            columns.update((key, []) for key in extra)
        doc = report.id if report.id is not None else i
        _add_rows(columns, doc, report, extra or [])
    return pandas.DataFrame(columns)
