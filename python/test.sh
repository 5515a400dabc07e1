#!/usr/bin/env bash
# CI for the Python package: `pip install ./python` in a new, empty virtual environment (maturin
# comes from PyPI as the PEP 517 build backend) and an import check, then the pytest suite
# (python/tests/) in a second environment with pytest, pandas and spaCy (no spaCy model),
# cached between runs.
#
#   python/test.sh                       from the repository root or anywhere
#   QUOTECHECK_BIN=path python/test.sh   the binary the tests compare with (default
#                                        target/release/quotecheck: cargo build --release)
#
# Needs python3 (3.9 or newer) with venv, cargo, and PyPI the first time (the test environment
# is kept in target/py/test and rebuilt when its requirements below change). The extension is
# compiled with [profile.python] of Cargo.toml into the workspace's target/, so a second run
# with unchanged sources only packages the wheel.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
start=$SECONDS
REQUIREMENTS=(pytest "pandas>=1.1" "spacy>=3.0,<4" "maturin>=1.9.4,<2")
export PIP_DISABLE_PIP_VERSION_CHECK=1
export QUOTECHECK_BIN="${QUOTECHECK_BIN:-$root/target/release/quotecheck}"
if [ ! -x "$QUOTECHECK_BIN" ]; then
  echo "python test: no quotecheck binary at $QUOTECHECK_BIN (cargo build --release)" >&2
  exit 2
fi

echo "python test: pip install ./python in a clean virtual environment"
clean="$root/target/py/clean"
rm -rf "$clean"
python3 -m venv "$clean"
t=$SECONDS
"$clean/bin/pip" install --quiet ./python
echo "  built and installed in $((SECONDS - t)) s"
# Outside the source tree, so that the installed package is the one imported.
(cd / && "$clean/bin/python" -c '
import quotecheck
text = "\"We will rebuild,\" Mayor Ana Ruiz said on Monday."
q = quotecheck.analyze(text).quotes[0]
assert (q.kind, q.speaker.name, text[q.start:q.end]) == ("direct", "Ana Ruiz", "We will rebuild,")
print("  import ok: quotecheck", quotecheck.__version__)
')

venv="$root/target/py/test"
marker="$venv/.requirements-$(printf '%s\n' "${REQUIREMENTS[@]}" | cksum | cut -d' ' -f1)"
if [ ! -f "$marker" ]; then
  echo "python test: creating the test environment (${REQUIREMENTS[*]})"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "${REQUIREMENTS[@]}"
  touch "$marker"
fi
# maturin is in the test environment: no isolated build environment to set up again.
PATH="$venv/bin:$PATH" "$venv/bin/pip" install --quiet --no-deps --no-build-isolation \
  --force-reinstall ./python

echo "python test: pytest python/tests"
# From the root: from python/, the source folder quotecheck/ would shadow the installed package.
QUOTECHECK_REQUIRE_EXTRAS=1 "$venv/bin/python" -m pytest -q -p no:cacheprovider python/tests
echo "python test: $((SECONDS - start)) s"
