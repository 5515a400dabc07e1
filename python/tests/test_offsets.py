"""Character offsets on text that is not ASCII: `text[q.start:q.end]` is the unit."""

import quotecheck
from test_gold import walk_spans

# Accents, a two-byte dash, four-byte emoji, CJK, a combining accent, guillemets, curly quotes.
TEXT = (
    "ZÜRICH, May 2 (Wire Suisse) \u2013 \u201cLe barrage 🌊 sera fini,\u201d "
    "said Zoë Ærøskøbing-Núñez, the mayor. "
    "\u00abNous sommes pr\u00eats 🚀🚀,\u00bb she added.\n\n"
    "Ms Núñez said the e\u0301cole in 東京 had \u201cnever 💥 been better\u201d "
    "last year, according to officials who asked not to be named."
)


def check_spans(report, text):
    utf8 = text.encode("utf-8")
    spans = walk_spans(report.to_dict(), [])
    assert spans
    for span in spans:
        assert text[span["start"]:span["end"]] == utf8[
            span["start_byte"]:span["end_byte"]
        ].decode("utf-8")
    return spans


def test_unit_offsets_index_the_str():
    r = quotecheck.analyze(TEXT)
    assert len(r.quotes) >= 3
    for q in r.quotes:
        assert TEXT[q.start:q.end] == q.text
        assert TEXT.encode()[q.start_byte:q.end_byte].decode() == q.text
        assert q.content.text == q.text and len(q.content) == len(q.text)
        if q.cue:
            assert TEXT[q.cue.span.start:q.cue.span.end] == q.cue.text
        if q.speaker:
            m = q.speaker.mention
            assert TEXT[m.start:m.end] == q.speaker.mention_text
        for link in q.chain:
            if link.span:
                assert TEXT[link.span.start:link.span.end] == link.span.text
    # Characters and bytes differ here, so the test would catch one for the other.
    assert any(q.start != q.start_byte for q in r.quotes)
    speakers = {q.speaker.name for q in r.quotes if q.speaker}
    assert "Zoë Ærøskøbing-Núñez" in speakers
    for e in r.entities:
        for m in e.mentions:
            assert TEXT[m.span.start:m.span.end] == m.text
    check_spans(r, TEXT)
    assert TEXT[r.dateline.span.start:r.dateline.span.end] == r.dateline.span.text


def test_offsets_past_many_blocks():
    # Long text: offsets far from the start cross many 64-byte blocks of the index.
    para = "\u201cÇa va très bien 😀,\u201d said Amélie Dubois. "
    text = para * 300
    r = quotecheck.analyze(text)
    assert len(r.quotes) == 300
    for q in r.quotes:
        assert text[q.start:q.end] == "Ça va très bien 😀,"
    check_spans(r, text)


def test_ascii_and_bom():
    text = "\ufeff\"Fine,\" said Bo Lund."
    q = quotecheck.analyze(text).quotes[0]
    assert (q.start, q.start_byte) == (2, 4)
    assert text[q.start:q.end] == "Fine,"
    plain = "\"Fine,\" said Bo Lund."
    q = quotecheck.analyze(plain).quotes[0]
    assert (q.start, q.end) == (q.start_byte, q.end_byte) == (1, 6)


def test_findings_have_character_offsets():
    text = "Ça va 🚀. Ünal Öz, the minister, admitted the plan had failed."
    [f] = [f for f in quotecheck.check(text) if f.rule == "loaded-verb"]
    assert text[f.start:f.end] == "admitted" == f.span.text
    assert f.span.start_byte == text.encode().index(b"admitted")
    assert (f.line, f.column) == (1, text.index("admitted") + 1)
