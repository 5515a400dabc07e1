#!/usr/bin/env bash
# Runs one fuzz target (or every target, one after the other) for a time, from the committed
# seeds and the corpus grown so far, on one core; crash inputs land in fuzz/artifacts/TARGET/.
#
#   fuzz/run.sh TARGET [SECONDS]   one target; SECONDS defaults to 3600 (an hour)
#   fuzz/run.sh all [SECONDS]      every target in turn, SECONDS each
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Prints libFuzzer's
# progress; the last lines give the executions, coverage (cov) and corpus size for the record
# in fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?"usage: fuzz/run.sh TARGET|all [SECONDS]"}
secs=${2:-3600}
targets=(analyze markdown jsonl grammar config)
if [ "$target" = all ]; then
  for t in "${targets[@]}"; do "$0" "$t" "$secs"; done
  exit 0
fi
mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
  -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix="fuzz/artifacts/$target/" -print_final_stats=1
