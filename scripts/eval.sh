#!/usr/bin/env bash
# Scores `quotecheck extract --jsonl` on the dev gold (../shared/eval/dev) and on the project's
# own gold (tests/gold/own.jsonl) with the shared scorer, and fails when a floor is not met.
#   scripts/eval.sh            build (release), score, check floors
#   BIN=path scripts/eval.sh   score an existing binary
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
scorer="$shared/eval/score.py"
if [ ! -f "$scorer" ]; then
  echo "eval: $scorer not found (the shared evaluation folder sits beside the repository); skipped"
  exit 0
fi
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=target/release/quotecheck
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# name gold attribution-F1-floor chain-recall-floor anonymous-F1-floor
while read -r name gold att chain anon; do
  [ -f "$gold" ] || { echo "eval: $gold missing"; continue; }
  "$BIN" extract --jsonl < "$gold" > "$tmp/$name.jsonl"
  python3 "$scorer" "$gold" "$tmp/$name.jsonl" --json > "$tmp/$name.score"
  python3 - "$tmp/$name.score" "$name" "$att" "$chain" "$anon" <<'PY' || fail=1
import json, sys
r = json.load(open(sys.argv[1])); name = sys.argv[2]
floors = dict(attribution_f1=float(sys.argv[3]), chain_recall=float(sys.argv[4]), anonymous_f1=float(sys.argv[5]))
print(f"{name:<10} attribution F1 {r['attribution_f1']:.3f}  quoted F1 {r['quoted_f1']:.3f}  indirect F1 {r['indirect_f1']:.3f}  "
      f"speaker acc {r['speaker_acc']:.3f}  anonymous F1 {r['anonymous_f1']:.3f}  chain recall {r['chain_recall']:.3f}")
bad = [f"{k} {r[k]:.3f} < {v}" for k, v in floors.items() if r[k] + 1e-9 < v]
if bad:
    print(f"  FLOOR NOT MET on {name}: " + "; ".join(bad))
    sys.exit(1)
PY
done <<LIST
seed $shared/eval/dev/seed.jsonl 0.93 1.0 1.0
news-dev $shared/eval/dev/news-dev.jsonl 0.85 0 0
textacy $shared/eval/dev/textacy-cases.jsonl 0.80 0 0
corenlp $shared/eval/dev/corenlp-quote-cases.jsonl 0.75 0 0
own tests/gold/own.jsonl 0.90 0.9 0.9
styles tests/gold/styles.jsonl 0.85 0.5 0.8
fresh tests/gold/fresh.jsonl 0.82 0.7 0.85
probe tests/gold/probe.jsonl 0.85 0.3 0.75
blind tests/gold/blind.jsonl 0.82 0.5 0.8
articles tests/gold/articles.jsonl 0.93 0.9 0.9
longform tests/gold/longform.jsonl 0.90 0.5 0.85
probe2 tests/gold/probe2.jsonl 0.85 0.3 0.75
reserve tests/gold/reserve.jsonl 0.85 0.4 0.8
scraped tests/gold/scraped.jsonl 0.93 0 0.45
LIST

# The checker against the gold files' "lint" expectations: per document, the count of each
# rule the gold names (a rule a gold file never names is not compared).
python3 - "$BIN" "$shared/eval/dev/seed.jsonl" "$shared/eval/dev/news-dev.jsonl" tests/gold/own.jsonl tests/gold/styles.jsonl <<'PY' || fail=1
import json, subprocess, sys, tempfile, os
bin_, files = sys.argv[1], sys.argv[2:]
total = exact = 0
seed_ok = True
for path in files:
    if not os.path.exists(path):
        continue
    docs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    rules = sorted({r for d in docs for r in (d.get("lint") or {})})
    for d in docs:
        want = {r: (d.get("lint") or {}).get(r, 0) for r in rules}
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
            f.write(d["text"])
        out = subprocess.run([bin_, "check", "--format", "json", f.name], capture_output=True, text=True)
        os.unlink(f.name)
        found = json.loads(out.stdout)["files"][0]["findings"]
        got = {r: sum(1 for x in found if x["rule"] == r) for r in rules}
        total += 1
        if got == want:
            exact += 1
        else:
            print(f"  lint {os.path.basename(path)}:{d['id']}: got {got}, gold {want}")
            if "seed" in path:
                seed_ok = False
print(f"lint       {exact}/{total} documents with the gold's counts")
sys.exit(0 if seed_ok else 1)
PY
exit $fail
