#!/usr/bin/env python3
"""Validate gold-standard JSONL files (tests/gold/*.jsonl and the same format elsewhere).

    python3 scripts/check-gold.py tests/gold/*.jsonl
    python3 scripts/check-gold.py --strict tests/gold/political.jsonl

One document a line: {"id", "text", "quotes": [unit, ...]} and optionally "lint". A unit is
{"kind", "start", "end", "text", "speaker", "anonymous", "chain"} and optionally "optional".
Offsets are UTF-8 byte offsets into "text".

Errors (the file is wrong): bad JSON, missing or mistyped fields, duplicate ids, offsets out of
range, a unit whose "text" is not the byte slice [start:end] of the document text, units not
sorted by start, the same unit twice.

Warnings (probably wrong; errors with --strict): a unit that crosses a line break (a quote that
runs over paragraphs is one unit a paragraph), starts or ends with whitespace, a direct or
partial unit not opened by a quotation mark, an indirect unit that starts with "that ", an
"optional" flag on a unit that is not indirect, an unknown field.

Exit status: 0 when every file is clean, 1 when any file has an error (or a warning with
--strict), 2 when a file cannot be read.
"""

import argparse
import json
import sys

KINDS = {"direct", "partial", "indirect"}
UNIT_FIELDS = {"kind", "start", "end", "text", "speaker", "anonymous", "chain"}
OPTIONAL_UNIT_FIELDS = {"optional"}
DOC_FIELDS = {"id", "text", "quotes"}
OPTIONAL_DOC_FIELDS = {"lint"}
OPENING_MARKS = "\"“‘'«„‚"


class Report:
    def __init__(self, path):
        self.path = path
        self.errors = 0
        self.warnings = 0

    def error(self, where, msg):
        self.errors += 1
        print(f"{self.path}:{where}: error: {msg}")

    def warn(self, where, msg):
        self.warnings += 1
        print(f"{self.path}:{where}: warning: {msg}")


def check_unit(rep, where, q, raw):
    """Check one unit against the document's UTF-8 bytes; returns (start, end) or None."""
    if not isinstance(q, dict):
        rep.error(where, "unit is not an object")
        return None
    missing = UNIT_FIELDS - q.keys()
    if missing:
        rep.error(where, f"missing fields {sorted(missing)}")
        return None
    for extra in sorted(q.keys() - UNIT_FIELDS - OPTIONAL_UNIT_FIELDS):
        rep.warn(where, f"unknown field {extra!r}")
    kind, start, end = q["kind"], q["start"], q["end"]
    if kind not in KINDS:
        rep.error(where, f"kind {kind!r} is not one of {sorted(KINDS)}")
    ints = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
    if not ints or not 0 <= start < end <= len(raw):
        rep.error(where, f"offsets [{start}, {end}) outside the text ({len(raw)} bytes)")
        return None
    try:
        sliced = raw[start:end].decode("utf-8")
    except UnicodeDecodeError:
        rep.error(where, f"[{start}, {end}) cuts a UTF-8 character")
        return None
    if sliced != q["text"]:
        rep.error(where, f"text {q['text']!r} is not the slice [{start}, {end}): {sliced!r}")
    if q["speaker"] is not None and not isinstance(q["speaker"], str):
        rep.error(where, "speaker is neither a string nor null")
    if q["anonymous"] not in (True, False, None):
        rep.error(where, "anonymous is neither a boolean nor null")
    chain = q["chain"]
    if not isinstance(chain, list) or not all(isinstance(c, str) for c in chain):
        rep.error(where, "chain is not a list of strings")
    if "optional" in q:
        if not isinstance(q["optional"], bool):
            rep.error(where, "optional is not a boolean")
        elif kind != "indirect":
            rep.warn(where, f"optional on a {kind} unit")
    check_shape(rep, where, kind, sliced, raw, start)
    return start, end


def check_shape(rep, where, kind, sliced, raw, start):
    """Warnings about where a unit begins and ends."""
    if "\n" in sliced:
        rep.warn(where, f"{kind} unit crosses a line break: {sliced[:60]!r}")
    if sliced != sliced.strip():
        rep.warn(where, f"{kind} unit starts or ends with whitespace: {sliced[:60]!r}")
    if kind in ("direct", "partial"):
        before = raw[:start].decode("utf-8", errors="replace")[-1:]
        if before not in OPENING_MARKS:
            rep.warn(where, f"{kind} unit not opened by a quotation mark: {sliced[:60]!r}")
    if kind == "indirect" and sliced.lower().startswith("that "):
        rep.warn(where, f"indirect unit starts with 'that': {sliced[:60]!r}")


def check_doc(rep, lineno, doc, seen_ids):
    if not isinstance(doc, dict):
        rep.error(lineno, "line is not a JSON object")
        return 0
    missing = DOC_FIELDS - doc.keys()
    if missing:
        rep.error(lineno, f"missing fields {sorted(missing)}")
        return 0
    for extra in sorted(doc.keys() - DOC_FIELDS - OPTIONAL_DOC_FIELDS):
        rep.warn(lineno, f"unknown document field {extra!r}")
    did = doc["id"]
    if not isinstance(did, str) or not did:
        rep.error(lineno, "id is not a non-empty string")
    elif did in seen_ids:
        rep.error(lineno, f"duplicate id {did!r}")
    seen_ids.add(did)
    if not isinstance(doc["text"], str) or not isinstance(doc["quotes"], list):
        rep.error(lineno, "text is not a string or quotes is not a list")
        return 0
    if "lint" in doc and not isinstance(doc["lint"], dict):
        rep.error(lineno, "lint is not an object")
    raw = doc["text"].encode("utf-8")
    spans = []
    for i, q in enumerate(doc["quotes"]):
        span = check_unit(rep, f"{lineno}:{did}:unit {i}", q, raw)
        if span is not None:
            spans.append((span, q.get("kind")))
    starts = [s for (s, _), _ in spans]
    if starts != sorted(starts):
        rep.error(lineno, f"{did}: units are not sorted by start")
    if len(set(spans)) != len(spans):
        rep.error(lineno, f"{did}: the same unit (kind and offsets) appears twice")
    return len(doc["quotes"])


def check_file(path):
    rep = Report(path)
    try:
        lines = open(path, encoding="utf-8").read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        print(f"{path}: cannot read: {e}", file=sys.stderr)
        return None
    seen, docs, units = set(), 0, 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as e:
            rep.error(lineno, f"bad JSON: {e}")
            continue
        docs += 1
        units += check_doc(rep, lineno, doc, seen)
    if docs == 0:
        rep.error(0, "no documents")
    print(f"{path}: {docs} documents, {units} units, {rep.errors} errors, "
          f"{rep.warnings} warnings")
    return rep


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", help="gold JSONL files")
    ap.add_argument("--strict", action="store_true", help="treat warnings as errors")
    args = ap.parse_args()
    status = 0
    for path in args.files:
        rep = check_file(path)
        if rep is None:
            status = max(status, 2)
        elif rep.errors or (args.strict and rep.warnings):
            status = max(status, 1)
    return status


if __name__ == "__main__":
    sys.exit(main())
