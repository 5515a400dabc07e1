#!/usr/bin/env bash
# The part-of-speech tagger's accuracy on a CoNLL-U file, through `quotecheck tag --pretokenized`:
# the file's syntactic words (multiword-token lines and empty nodes left out) go in one sentence
# a line, and the tags that come out are compared with the file's.
#
#   scripts/tagger-accuracy.sh FILE.conllu [...]
#   BIN=target/release/quotecheck scripts/tagger-accuracy.sh FILE.conllu   (default: builds it)
#
# Prints, per file: UPOS accuracy, XPOS accuracy, the words, and tagging speed (words per second
# of the whole command, start-up included, on one core).
set -euo pipefail
if [ $# -lt 1 ]; then
  sed -n '2,/^set/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "${BIN:-}" ]; then
  (cd "$root" && cargo build --release --locked --quiet)
  BIN="$root/target/release/quotecheck"
fi
pin=""
if command -v taskset > /dev/null; then pin="taskset -c 0"; fi
for f in "$@"; do
  BIN="$BIN" PIN="$pin" python3 - "$f" <<'PY'
import os, subprocess, sys, time

sents, sent = [], []
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        line = line.rstrip("\n")
        if not line:
            if sent:
                sents.append(sent)
            sent = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        sent.append((cols[1], cols[3], cols[4]))
if sent:
    sents.append(sent)
text = "".join(" ".join(w for w, _, _ in s) + "\n" for s in sents)
cmd = os.environ["PIN"].split() + [os.environ["BIN"], "tag", "--pretokenized"]
start = time.perf_counter()
out = subprocess.run(cmd, input=text.encode(), capture_output=True, check=True).stdout
elapsed = time.perf_counter() - start
got = [l.split("\t") for l in out.decode().splitlines() if l and not l.startswith("#")]
gold = [w for s in sents for w in s]
if len(got) != len(gold):
    sys.exit(f"{sys.argv[1]}: {len(gold)} words in, {len(got)} tagged")
upos = sum(g[1] == t[3] for g, t in zip(gold, got))
xpos = sum(g[2] == t[4] for g, t in zip(gold, got))
n = len(gold)
print(f"UPOS {100 * upos / n:.2f}%  XPOS {100 * xpos / n:.2f}%  ({n} words, "
      f"{n / elapsed / 1e6:.2f} M words/s)  {sys.argv[1]}")
PY
done
