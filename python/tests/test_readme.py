"""The README's Python examples run and print what the README shows."""

import contextlib
import io
import os
import re

from conftest import ROOT, importorskip

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks_after(marker):
    """The fenced blocks that follow `marker` in the README, in order."""
    rest = README[README.index(marker):]
    return re.findall(r"```[a-z]*\n(.*?)```", rest, flags=re.S)


def matches(want, got):
    """`got` lines against `want` lines, where a line `…` stands for any number of lines."""
    if not want:
        return not got
    if want[0] == "…":
        return any(matches(want[1:], got[k:]) for k in range(len(got) + 1))
    return bool(got) and want[0] == got[0] and matches(want[1:], got[1:])


def run(code):
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    return out.getvalue().splitlines()


def test_ten_line_example():
    importorskip("pandas")
    code, shown = blocks_after("<!-- python example")[:2]
    assert len(code.strip().splitlines()) <= 11
    assert matches(shown.splitlines(), run(code))


def test_spacy_example():
    importorskip("spacy")
    [code] = [b for b in blocks_after("**spaCy.**")[:1]]
    shown = [l[2:] for l in code.splitlines() if l.startswith("# ")]
    assert shown and run(code) == shown
