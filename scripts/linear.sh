#!/usr/bin/env bash
# Time is linear in input, whatever the input: each hostile text (one construction repeated
# into a single document with no paragraph breaks) is analysed at 256K and 1M characters by the
# release binary, and must
#   - grow at most 8x from 256 KB to 1 MB (linear is 4x; a quadratic path shows as 16x), and
#   - for the inputs marked 4x (quote marks, one long sentence, "said" repeated, and the like):
#     take at most 4x the time of 1 MB of ordinary news (scripts/gen-corpus.py, JSON Lines).
#     The others are dense with quotes (a unit every 20 bytes, 15 times news) and are held to
#     linear growth only: their time follows the number of units they report.
# Best of three runs each, so a busy machine does not fail it.
#
#   scripts/linear.sh            build (release) and check
#   BIN=path scripts/linear.sh   check an existing binary
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=target/release/quotecheck
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

best() { # best wall time in seconds of three runs of: $BIN "$@" > /dev/null
  python3 - "$BIN" "$@" <<'PY'
import subprocess, sys, time
best = None
for _ in range(3):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    d = time.perf_counter() - t
    best = d if best is None else min(best, d)
print(f"{best:.4f}")
PY
}

python3 scripts/gen-corpus.py 1 > "$tmp/news.jsonl"
news=$(best extract --jsonl --threads 1 "$tmp/news.jsonl")
news_mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) / 1e6)" "$tmp/news.jsonl")
news_per_mb=$(python3 -c "print($news / $news_mb)")
printf '%-36s %9s %9s %7s %9s\n' "input (repeated to size)" "256Kc s" "1Mc s" growth "x news"
printf '%-36s %9s %9.4f %7s %9s\n' "news (gen-corpus.py, per MB)" "" "$news_per_mb" "" "1.0"
fail=0
while IFS='|' read -r limit unit; do
  [ -n "$unit" ] || continue
  python3 -c 'import sys; u=sys.argv[1].encode().decode("unicode_escape"); n=int(sys.argv[2]); sys.stdout.write((u * (n // len(u) + 1))[:n])' "$unit" 262144 > "$tmp/small.txt"
  python3 -c 'import sys; u=sys.argv[1].encode().decode("unicode_escape"); n=int(sys.argv[2]); sys.stdout.write((u * (n // len(u) + 1))[:n])' "$unit" 1048576 > "$tmp/large.txt"
  s=$(best extract "$tmp/small.txt")
  l=$(best extract "$tmp/large.txt")
  python3 - "$unit" "$s" "$l" "$news_per_mb" "$limit" "$tmp/large.txt" <<'PY' || fail=1
import os, sys
unit, s, l, news, limit = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
growth = l / max(s, 0.02)   # below 20 ms, start-up dominates
ratio = (l / (os.path.getsize(sys.argv[6]) / 1e6)) / news   # per byte: curly quotes are 3 bytes a character
bad = growth > 8 or (limit == "4x" and ratio > 4)
print(f"{unit[:36]:<36} {s:>9.4f} {l:>9.4f} {growth:>6.1f}x {ratio:>8.1f}x{'  TOO SLOW' if bad else ''}")
sys.exit(1 if bad else 0)
PY
done <<'UNITS'
4x|"
4x|\u201c\u2018
4x|the minister and officials 
4x|said 
4x|he said that 
4x|Capital Minister 
4x|Prime Minister Ana Ruiz said 
4x|it's the players' union's 
linear|\u201ca\u201d 
linear|'a' 
linear|"Yes," she said. 
linear|"A," she said, "B." 
linear|According to Ana Ruiz, 
linear|as reported by Yonhap 
linear|citing officials, 
linear|said Ana Ruiz, the mayor, 
linear|Reuters quoted Ana Ruiz as saying 
4x|A senior official, requesting anonymity, said 
4x|in an interview with Radio Ana, 
4x|Mr. 
4x|Ana Ruiz and Li Wei and 
4x|He said. She said. 
4x|a\x00b 
UNITS
# One unclosed quote before a megabyte of text: the rest of the document is still read.
for n in 262144 1048576; do
  python3 -c 'import sys; n=int(sys.argv[1]); t="\"" + "The talks went on. " * (n // 19); sys.stdout.write(t[:n])' "$n" > "$tmp/open-$n.txt"
done
s=$(best extract "$tmp/open-262144.txt")
l=$(best extract "$tmp/open-1048576.txt")
python3 - "$s" "$l" "$news_per_mb" "$tmp/open-1048576.txt" <<'PY' || fail=1
import os, sys
s, l, news = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
growth, ratio = l / max(s, 0.02), (l / (os.path.getsize(sys.argv[4]) / 1e6)) / news
bad = growth > 8 or ratio > 4
print(f"{'one unclosed quote, then text':<36} {s:>9.4f} {l:>9.4f} {growth:>6.1f}x {ratio:>8.1f}x{'  TOO SLOW' if bad else ''}")
sys.exit(1 if bad else 0)
PY

# 100,000 short documents in one JSON Lines batch: every one answered, in order, and the time per
# byte within 4x news (per-document overheads must stay small).
python3 -c 'import json
for i in range(100000):
    print(json.dumps({"id": i, "text": f"\"Item {i},\" Mayor Ana Ruiz said. Officials said {i} roads were shut."}))' > "$tmp/short.jsonl"
t=$(best extract --jsonl --threads 1 "$tmp/short.jsonl")
"$BIN" extract --jsonl --threads 1 "$tmp/short.jsonl" > "$tmp/short.out"
python3 - "$tmp/short.jsonl" "$tmp/short.out" "$t" "$news_per_mb" <<'PY' || fail=1
import json, os, sys
inp, out, t, news = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
ids = [json.loads(l)["id"] for l in open(out)]
mb = os.path.getsize(inp) / 1e6
ratio = (t / mb) / news
bad = ids != list(range(100000)) or ratio > 4
print(f"{'100,000 short documents (JSON Lines)':<36} {'':>9} {t:>9.4f} {'':>7} {ratio:>8.1f}x{'  FAILED' if bad else ''}")
sys.exit(1 if bad else 0)
PY
if [ "$fail" != 0 ]; then
  echo "linear: some input is not linear or is over 4x news time"
  exit 1
fi
echo "linear: every input linear and within 4x news time"
