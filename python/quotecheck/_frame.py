"""``to_frame``: reports as a pandas DataFrame, one row per unit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Union

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


def _rows(doc: Any, report: Report) -> Iterable[dict]:
    entities = report.entities
    for q in report.quotes:
        s, cue = q.speaker, q.cue
        reason = q.anonymity.reason if q.anonymity else None
        row = {
            "doc": doc,
            "unit": q.id,
            "kind": q.kind,
            "claim": q.claim,
            "start": q.start,
            "end": q.end,
            "start_byte": q.start_byte,
            "end_byte": q.end_byte,
            "text": q.text,
            "speaker": s.name if s else None,
            "speaker_entity": s.entity if s else None,
            "speaker_kind": entities[s.entity].kind if s else None,
            "anonymous": s.anonymous if s else False,
            "mention": s.mention_text if s else None,
            "cue": cue.text if cue else None,
            "lemma": cue.lemma if cue else None,
            "stance": cue.stance if cue else None,
            "construction": cue.construction if cue else None,
            "chain": [link.name for link in q.chain],
            "anonymity_reason": reason.text if reason else None,
            "paragraph": q.paragraph,
            "continues": q.continues,
        }
        # Fields the report gains later reach the frame as columns of their own.
        for key, value in q.to_dict().items():
            if key not in _SHOWN and key not in row:
                row[key] = value
        yield row


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
    rows: list = []
    for i, report in enumerate(reports):
        doc = report.id if report.id is not None else i
        rows.extend(_rows(doc, report))
    frame = pandas.DataFrame(rows)
    if not rows:
        frame = pandas.DataFrame(columns=list(COLUMNS))
    return frame
