"""The spaCy component on a blank pipeline (no model)."""

import json
import subprocess
import sys

import quotecheck
from conftest import importorskip

spacy = importorskip("spacy")

TEXT = (
    'GENEVA (Alpine Wire) - "We will rebuild the bridge," Mayor Ana Ruiz said on Monday. '
    "She said the work would take \u201cabout a year\u201d. "
    "A senior official, speaking on condition of anonymity, said the cost had doubled."
)


def test_entry_point_without_importing_quotecheck():
    # A fresh interpreter that never imports quotecheck itself: spaCy finds the factory
    # through the package's entry point.
    code = (
        "import json, sys, spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('quotecheck')\n"
        "doc = nlp(sys.argv[1])\n"
        "print(json.dumps([(q.label_, q.text, q._.speaker_name) for q in doc._.quotes]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, TEXT], capture_output=True, text=True, check=True
    ).stdout
    got = [tuple(x) for x in json.loads(out)]
    assert ("direct", "We will rebuild the bridge,", "Ana Ruiz") in got


def test_spans_speakers_and_cues():
    nlp = spacy.blank("en")
    nlp.add_pipe("quotecheck")
    doc = nlp(TEXT)
    report = quotecheck.analyze(TEXT)
    spans = doc._.quotes
    assert len(spans) == len(report.quotes) >= 3
    for span, q in zip(spans, report.quotes):
        assert isinstance(span, spacy.tokens.Span)
        assert span.label_ == q.kind
        assert span.start_char <= q.start and q.end <= span.end_char
        assert q.text in span.text
        if q.speaker:
            assert span._.speaker_name == q.speaker.name
            assert span._.speaker.text == q.speaker.mention_text
        else:
            assert span._.speaker is None
        assert span._.cue.text == q.cue.text if q.cue else span._.cue is None
        assert span._.unit["kind"] == q.kind
    direct = [s for s in spans if s.label_ == "direct"][0]
    assert direct._.speaker.text == "Mayor Ana Ruiz"
    assert direct._.cue.text == "said"
    assert doc._.quotecheck["quotes"][0]["text"] == report.quotes[0].text
    assert list(doc.spans["quotes"]) == spans


def test_pipe_matches_call_and_docbin_keeps_it():
    nlp = spacy.blank("en")
    nlp.add_pipe("quotecheck", config={"threads": 2})
    texts = [TEXT, '"Yes," said Bo Lund.', "No quotes at all."] * 5
    piped = list(nlp.pipe(texts, batch_size=4))
    one = [nlp(t) for t in texts]
    def summary(d):
        return [(s.label_, s.start_char, s.end_char, s._.speaker_name) for s in d._.quotes]
    assert [summary(d) for d in piped] == [summary(d) for d in one]
    from spacy.tokens import DocBin

    data = DocBin(docs=piped[:3], store_user_data=True).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    assert [summary(d) for d in back] == [summary(d) for d in piped[:3]]
