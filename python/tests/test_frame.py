"""`to_frame`: one row per unit."""

import quotecheck
from conftest import GOLD, importorskip, records

pandas = importorskip("pandas")


def test_one_row_per_unit():
    recs = records(GOLD[0])[:6]
    reports = list(quotecheck.analyze_many((r["id"], r["text"]) for r in recs))
    frame = quotecheck.to_frame(reports)
    assert len(frame) == sum(len(r.quotes) for r in reports)
    assert list(frame.columns[: len(quotecheck._frame.COLUMNS)]) == list(
        quotecheck._frame.COLUMNS
    )
    assert set(frame["doc"]) <= {r["id"] for r in recs}
    for report in reports:
        rows = frame[frame["doc"] == report.id]
        assert list(rows["text"]) == [q.text for q in report.quotes]
        speakers = [None if pandas.isna(s) else s for s in rows["speaker"]]
        assert speakers == [q.speaker.name if q.speaker else None for q in report.quotes]
        assert list(rows["chain"]) == [[l.name for l in q.chain] for q in report.quotes]
        for _, row in rows.iterrows():
            assert report.text[row["start"]:row["end"]] == row["text"]
    claims = frame[frame["claim"].notna()]
    assert len(claims) == sum(r.figures["claims"] for r in reports)


def test_who_said_what():
    text = '"We will rebuild," Mayor Ana Ruiz said. Critics said the plan was too costly.'
    frame = quotecheck.to_frame(quotecheck.analyze(text))
    assert list(frame["speaker"]) == ["Ana Ruiz", "Critics"]
    assert list(frame["doc"]) == [0, 0]
    by = frame.groupby("speaker")["text"].count().to_dict()
    assert by == {"Ana Ruiz": 1, "Critics": 1}


def test_no_units():
    frame = quotecheck.to_frame([quotecheck.analyze("Nothing said here.")])
    assert len(frame) == 0 and "speaker" in frame.columns
