"""The Python API against the command line on every gold document: the same units, speakers
and chains, and `to_json()` byte for byte the line `extract --jsonl` writes."""

import json

import pytest

import quotecheck
from conftest import GOLD, records


def walk_spans(value, found):
    """Every span dict of a `to_dict()` tree."""
    if isinstance(value, dict):
        if "start_byte" in value:
            found.append(value)
        for v in value.values():
            walk_spans(v, found)
    elif isinstance(value, list):
        for v in value:
            walk_spans(v, found)
    return found


def check_units(report, cli_report, text):
    """The typed objects say what the command line says."""
    assert len(report.quotes) == len(cli_report["quotes"])
    for q, c in zip(report.quotes, cli_report["quotes"]):
        assert (q.id, q.kind, q.text, q.paragraph, q.continues) == (
            c["id"], c["kind"], c["text"], c["paragraph"], c["continues"]
        )
        assert (q.start_byte, q.end_byte) == (c["content"]["start"], c["content"]["end"])
        assert text[q.start:q.end] == q.text
        s, cs = q.speaker, c["speaker"]
        assert (s is None) == (cs is None)
        if s is not None:
            assert (s.entity, s.name, s.anonymous, s.mention_text) == (
                cs["entity"], cs["name"], cs["anonymous"], cs["mention_text"]
            )
            assert text[s.mention.start:s.mention.end] == s.mention_text
            assert report.entities[s.entity].name == s.name
        chain = [(l.name, l.role, l.entity) for l in q.chain]
        assert chain == [(l["name"], l["role"], l["entity"]) for l in c["chain"]]
        cue, cc = q.cue, c["cue"]
        assert (cue is None) == (cc is None)
        if cue is not None:
            assert (cue.text, cue.lemma, cue.stance, cue.construction) == (
                cc["text"], cc["lemma"], cc["stance"], cc["construction"]
            )
    assert [e.name for e in report.entities] == [e["name"] for e in cli_report["entities"]]


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.stem)
def test_api_equals_cli_on_gold(gold, cli):
    recs = records(gold)
    cli_lines = cli("extract", "--jsonl", "--quiet", gold).splitlines()
    # The file's lines as bytes: decoded in Rust, as the CLI reads them.
    with open(gold, "rb") as f:
        assert [r.to_json() for r in quotecheck.analyze_many(f, threads=2)] == cli_lines
    reports = list(quotecheck.analyze_many(((r["id"], r["text"]) for r in recs), threads=2))
    assert len(reports) == len(recs) == len(cli_lines)
    for rec, report, line in zip(recs, reports, cli_lines):
        text = rec["text"]
        assert report.id == rec["id"]
        assert report.text is not None and report.text == text
        assert report.to_json() == line, rec["id"]
        cli_report = json.loads(line)
        check_units(report, cli_report, text)
        # Every span of the dict: characters index the str, bytes the UTF-8.
        utf8 = text.encode("utf-8")
        for span in walk_spans(report.to_dict(), []):
            piece = utf8[span["start_byte"]:span["end_byte"]].decode("utf-8")
            assert text[span["start"]:span["end"]] == piece
        # The one-text call gives the same report.
        assert quotecheck.analyze(text).to_dict() == {
            k: v for k, v in report.to_dict().items() if k != "id"
        }


def test_gold_sets_are_there():
    assert len(GOLD) >= 10, GOLD
