#!/usr/bin/env bash
# Builds quotecheck with profile-guided optimisation (PGO): an instrumented build runs
# `extract --jsonl` and `check` over a generated news corpus, and LLVM uses the recorded branch
# and call counts to lay out and inline the release build. The output is byte-identical to the
# plain release build's; only the speed differs (about 8% fewer instructions and 8-15% less
# time on the benchmark corpus, measured in the README).
#
#   scripts/build-pgo.sh          writes target/pgo/quotecheck
#
# Needs llvm-profdata from the toolchain's llvm-tools component; the script adds the component
# with rustup when it is missing. The training corpus (scripts/gen-corpus.py with its own seed,
# 8 MB) is not the benchmark's corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
  echo "build-pgo: adding the llvm-tools component for llvm-profdata" >&2
  rustup component add llvm-tools >&2 || { echo "build-pgo: llvm-profdata is needed ($profdata); install the llvm-tools component" >&2; exit 1; }
fi
dir="$PWD/target/pgo"
rm -rf "$dir/profiles" "$dir/merged.profdata"
mkdir -p "$dir"
# --target keeps RUSTFLAGS off build scripts and proc macros: only quotecheck and its
# dependencies are instrumented.
RUSTFLAGS="-Cprofile-generate=$dir/profiles" cargo build --release --locked --quiet --target "$host" --target-dir "$dir/gen"
python3 scripts/gen-corpus.py 8 11 > "$dir/train.jsonl"
"$dir/gen/$host/release/quotecheck" extract --jsonl --threads 1 < "$dir/train.jsonl" > /dev/null
# The checker's rules and renderers, over the shipped examples (findings exit 1: expected).
"$dir/gen/$host/release/quotecheck" check examples/ > /dev/null || true
"$profdata" merge -o "$dir/merged.profdata" "$dir/profiles"
RUSTFLAGS="-Cprofile-use=$dir/merged.profdata" cargo build --release --locked --quiet --target "$host" --target-dir "$dir/use"
cp "$dir/use/$host/release/quotecheck" "$dir/quotecheck"
rm -f "$dir/train.jsonl"
echo "build-pgo: wrote target/pgo/quotecheck" >&2
