"""Shared fixtures: the repository, the command-line binary the API is compared with, the gold
sets, and whether the optional extras must be there (QUOTECHECK_REQUIRE_EXTRAS=1 in CI)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD = sorted((ROOT / "tests" / "gold").glob("*.jsonl"))


def binary() -> Path:
    """The quotecheck binary: QUOTECHECK_BIN, else target/release, else target/debug."""
    env = os.environ.get("QUOTECHECK_BIN")
    candidates = [Path(env)] if env else [
        ROOT / "target" / "release" / "quotecheck",
        ROOT / "target" / "debug" / "quotecheck",
    ]
    for c in candidates:
        if c.is_file():
            return c
    raise RuntimeError(
        "no quotecheck binary to compare with: run `cargo build --release` "
        "(or set QUOTECHECK_BIN)"
    )


@pytest.fixture(scope="session")
def cli():
    """Runs the binary with arguments (and optional stdin); returns stdout."""
    exe = binary()

    def run(*args, stdin=None, ok=(0,)):
        p = subprocess.run(
            [str(exe), *map(str, args)],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        assert p.returncode in ok, p.stderr
        return p.stdout

    return run


def records(path: Path):
    """The records of a JSON Lines file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def require_extras() -> bool:
    return os.environ.get("QUOTECHECK_REQUIRE_EXTRAS") == "1"


def importorskip(name: str):
    """Imports an optional extra; skips without it, unless the extras are required (CI)."""
    if require_extras():
        return __import__(name)
    return pytest.importorskip(name)
