#!/usr/bin/env bash
# End-to-end throughput and memory of `quotecheck extract --jsonl`: one thread pinned to one
# core, then one thread per core (--threads 0), and the speed-up between them.
#
#   scripts/bench.sh            a 50 MB corpus, then one 5x larger (250 MB)
#   scripts/bench.sh 20         a 20 MB corpus, then a 100 MB one
#   BIN=path scripts/bench.sh   time an existing binary instead of building one
#   PGO=1 scripts/bench.sh      time the profile-guided build (scripts/build-pgo.sh)
#   ARTICLES=1 scripts/bench.sh full-length articles (gen-corpus.py --articles) instead of the
#                               denser corpus of fixture paragraphs
#
# The corpora come from scripts/gen-corpus.py (news-like JSON Lines, the same bytes on every
# machine) and are written to a temporary folder that is removed afterwards. For each it prints
# the input size, wall time, throughput in MB/s of input and peak resident memory (from
# /usr/bin/time -v). The peak RSS of the larger run should match the smaller one's: memory
# does not grow with input size.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-50}
if [ -z "${BIN:-}" ] && [ "${PGO:-0}" = 1 ]; then
  scripts/build-pgo.sh
  BIN=target/pgo/quotecheck
elif [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=target/release/quotecheck
fi
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (GNU time) is needed for peak RSS"; exit 1; }
# One core: --threads 1 runs the analysis on the calling thread; pinning keeps it on one core.
pin=""
if command -v taskset > /dev/null; then pin="taskset -c 0"; fi
cores=$(nproc)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
echo "binary:  $BIN"
# MB are 10^6 bytes; the corpus size asked of gen-corpus.py is in MiB.
printf '%-10s %-9s %10s %9s %10s %14s\n' corpus threads "input MB" "time s" "MB/s" "peak RSS MB"
for mb in "$size" "$((size * 5))"; do
  python3 scripts/gen-corpus.py "$mb" ${ARTICLES:+--articles} > "$tmp/corpus.jsonl"
  bytes=$(wc -c < "$tmp/corpus.jsonl")
  # Warm the page cache so the run measures quotecheck, not the disk.
  cat "$tmp/corpus.jsonl" > /dev/null
  for threads in 1 "$cores"; do
    if [ "$threads" = 1 ]; then run="$pin"; else run=""; fi
    /usr/bin/time -v -o "$tmp/time.txt" $run "$BIN" extract --jsonl --threads "$threads" < "$tmp/corpus.jsonl" > /dev/null
    python3 - "$tmp/time.txt" "$bytes" "$mb" "$threads" "$tmp/one.txt" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
bytes_, mb, threads, one = int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
wall = t.split("Elapsed (wall clock) time (h:mm:ss or m:ss):")[1].split("\n")[0].strip()
secs = 0.0
for part in wall.split(":"):
    secs = secs * 60 + float(part)
rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
mib = bytes_ / 1e6
extra = ""
if threads == 1:
    open(one, "w").write(str(secs))
else:
    extra = f"   {float(open(one).read()) / secs:.2f}x one thread"
print(f"{mb + ' MiB':<10} {threads:<9} {mib:>10.1f} {secs:>9.2f} {mib / secs:>10.1f} {rss_kb / 1024:>14.1f}{extra}")
PY
  done
done
