"""`analyze_many`: input order, any thread count, lazy reading, errors in their place."""

import itertools
import json

import pytest

import quotecheck
from conftest import GOLD, records

TEXTS = [r["text"] for g in GOLD[:4] for r in records(g)]


def jsons(reports):
    return [r.to_json() for r in reports]


def test_same_output_with_1_and_n_threads():
    one = jsons(quotecheck.analyze_many(TEXTS, threads=1))
    assert len(one) == len(TEXTS)
    for n in (2, 3, 8, 0):
        assert jsons(quotecheck.analyze_many(TEXTS, threads=n)) == one, n
    assert one == [quotecheck.analyze(t).to_json() for t in TEXTS]


def test_many_small_texts_keep_their_order():
    texts = [f'"Number {i}," said Ada Oduya.' for i in range(2000)]
    got = [r.quotes[0].text for r in quotecheck.analyze_many(texts, threads=4)]
    assert got == [f"Number {i}," for i in range(2000)]


def test_item_shapes_and_ids():
    items = [
        "A bare text.",
        ("id-1", '"Yes," said Lee.'),
        (7, "Another."),
        {"id": "m", "text": '"No," said Kim.', "other": 1},
        {"text": "No id here."},
    ]
    rs = list(quotecheck.analyze_many(items))
    assert [r.id for r in rs] == [None, "id-1", 7, "m", None]
    assert rs[1].quotes[0].speaker.name == "Lee"
    assert rs[1].to_json().startswith('{"id":"id-1","schema_version":')
    assert rs[1].to_dict()["id"] == "id-1"
    assert rs[3].text == '"No," said Kim.'


def test_reads_lazily_and_stops_early():
    pulled = 0

    def endless():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield f'"Part {i}," said Noor Haddad.'

    it = quotecheck.analyze_many(endless(), threads=2)
    first = [next(it) for _ in range(5)]
    assert [r.quotes[0].text for r in first] == [f"Part {i}," for i in range(5)]
    # Read ahead is bounded: a few batches of 64 texts per thread, never the whole input.
    assert pulled < 64 * 12
    del it


def test_bad_item_raises_in_its_place():
    it = quotecheck.analyze_many(["one.", "two.", 3.5, "four."], threads=2)
    assert [r.text for r in itertools.islice(it, 2)] == ["one.", "two."]
    with pytest.raises(TypeError, match="float"):
        next(it)
    with pytest.raises(StopIteration):
        next(it)


def test_iterable_error_propagates_after_earlier_reports():
    def gen():
        yield "first."
        yield "second."
        raise ValueError("the source failed")

    it = quotecheck.analyze_many(gen(), threads=3)
    assert [next(it).text, next(it).text] == ["first.", "second."]
    with pytest.raises(ValueError, match="the source failed"):
        next(it)


def test_empty_and_not_iterable():
    assert list(quotecheck.analyze_many([])) == []
    with pytest.raises(TypeError):
        quotecheck.analyze_many(42)
    with pytest.raises(TypeError):
        list(quotecheck.analyze_many([("id", 5)]))


def test_abandoned_iterators_do_not_hang():
    for _ in range(20):
        it = quotecheck.analyze_many((t for t in TEXTS * 10), threads=2)
        next(it)
        del it
    assert len(list(quotecheck.analyze_many(TEXTS[:3], threads=2))) == 3


def test_json_lines_as_bytes(tmp_path, cli):
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "\\"Yes,\\" said Lee."}\n'
        b"\n"
        b'{"text": "No id. \\"Fine,\\" she said.", "extra": [1, 2]}\n'
        b'{"id": 7, "text": "Z\xc3\xbc\xc3\xbcrich \xf0\x9f\x9a\x80 \\"ok,\\" said Bo."}\n'
    )
    with open(path, "rb") as f:
        rs = list(quotecheck.analyze_many(f, threads=2))
    # Blank lines give no report; ids as given, None for none; to_json is the CLI's line.
    assert [r.id for r in rs] == ["a", None, 7]
    assert [r.to_json() for r in rs] == cli("extract", "--jsonl", path).splitlines()
    assert rs[1].to_json().startswith('{"id":null,')
    q = rs[2].quotes[0]
    assert rs[2].text[q.start:q.end] == q.text == "ok,"


def test_json_lines_ids_as_written(tmp_path, cli):
    # Ids go back out exactly as the record wrote them, as `extract --jsonl` writes them (a
    # number past 64 bits keeps its digits, -0 and 1e2 stay), and a byte order mark opening
    # the input is skipped, as there.
    path = tmp_path / "ids.jsonl"
    ids = [b"12345678901234567890123", b"-0", b"1e2", b'"caf\\u00e9"', b'{"a": [1, 2]}']
    path.write_bytes(b"\xef\xbb\xbf" + b"".join(
        b'{"id": ' + i + b', "text": "\\"Yes,\\" said Lee."}\n' for i in ids))
    with open(path, "rb") as f:
        rs = list(quotecheck.analyze_many(f))
    lines = cli("extract", "--jsonl", path).splitlines()
    assert [r.to_json() for r in rs] == lines
    assert [l.encode()[len(b'{"id":'):].startswith(i) for l, i in zip(lines, ids)] == [True] * 5
    assert rs[3].id == "caf\u00e9" and rs[4].id == {"a": [1, 2]}


def test_json_lines_errors_in_their_place(cli):
    from conftest import ROOT

    path = ROOT / "tests" / "fixtures" / "cli" / "errors.jsonl"
    expected = [json.loads(l) for l in cli("extract", "--jsonl", path, ok=(1,)).splitlines()]
    with open(path, "rb") as f:
        it = quotecheck.analyze_many(f)
        assert next(it).to_json() == json.dumps(expected[0], separators=(",", ":"),
                                                ensure_ascii=False)
        with pytest.raises(ValueError) as e:
            next(it)
    assert str(e.value) == f"line 2: {expected[1]['error']}"
    bad = [b'{"id": 1, "text": "fine"}', b'{"id": 2}', b'{"text": "\xff"}']
    with pytest.raises(ValueError, match='line 2: missing "text" field'):
        list(quotecheck.analyze_many(bad))
    with pytest.raises(ValueError, match="line 1: invalid UTF-8 at byte 10"):
        list(quotecheck.analyze_many(bad[2:]))


def test_ctrl_c_interrupts_a_wait():
    import os
    import signal
    import threading

    gate = threading.Event()

    def stalled():
        yield "first."
        gate.wait(20)  # the source stalls (the GIL released), as a slow network read would
        yield "second."

    it = quotecheck.analyze_many(stalled(), threads=2)
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            next(it)
    finally:
        gate.set()
        timer.cancel()
