"""`check` against `quotecheck check --format json` on the rule fixtures."""

import json

import pytest

import quotecheck
from conftest import ROOT

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "check").iterdir())


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_check_equals_cli(path, cli):
    out = cli("check", "--format", "json", path, ok=(0, 1))
    [doc] = json.loads(out)["files"]
    text = path.read_text(encoding="utf-8")
    found = quotecheck.check(text, markdown=path.suffix == ".md")
    assert doc["findings"] or path.stem.endswith("-ok")
    want = [
        (f["rule"], f["level"], f["line"], f["column"], f["span"]["start"], f["span"]["end"],
         f["message"], f["help"], f["text"])
        for f in doc["findings"]
    ]
    got = [
        (f.rule, f.level, f.line, f.column, f.span.start_byte, f.span.end_byte, f.message, f.help,
         f.span.text)
        for f in found
    ]
    assert got == want
    for f in found:
        assert text[f.start:f.end] == f.span.text


def test_levels_from_mapping_and_file(tmp_path):
    text = "The minister admitted the plan had failed."
    [f] = quotecheck.check(text)
    assert (f.rule, f.level) == ("loaded-verb", "info")
    [f] = quotecheck.check(text, config={"loaded-verb": "error"})
    assert f.level == "error"
    assert quotecheck.check(text, config={"loaded-verb": "off"}) == []
    cfg = tmp_path / "quotecheck.toml"
    cfg.write_text('[rules]\nloaded-verb = "off"\n', encoding="utf-8")
    assert quotecheck.check(text, config=str(cfg)) == []


def test_config_grammar_folders(tmp_path):
    words = tmp_path / "house"
    words.mkdir()
    (words / "verbs.txt").write_text(
        "harrumph forms=harrumphs,harrumphed,harrumphing stance=loaded\n", encoding="utf-8"
    )
    cfg = tmp_path / "quotecheck.toml"
    cfg.write_text('grammar = ["house"]\n', encoding="utf-8")
    text = '"Nonsense," Lord Pell harrumphed.'
    rules = [f.rule for f in quotecheck.check(text, config=cfg)]
    assert "loaded-verb" in rules
    assert "loaded-verb" not in [f.rule for f in quotecheck.check(text)]


def test_markdown_code_is_not_prose():
    md = "Intro.\n\n```\nThe minister admitted the plan had failed.\n```\n"
    assert [f.rule for f in quotecheck.check(md.replace("```\n", ""))] == ["loaded-verb"]
    assert quotecheck.check(md, markdown=True) == []


def test_rules_listed():
    ids = [r["id"] for r in quotecheck.rules()]
    assert "loaded-verb" in ids and ids == sorted(ids)
    assert all(r["summary"] and r["level"] in ("info", "warning", "error")
               for r in quotecheck.rules())
