#!/usr/bin/env bash
# Scores `quotecheck extract --jsonl` on the gold sets with `quotecheck eval`, prints one line of
# figures per set, and fails when a set falls below one of its floors. The sets in tests/gold
# ship with the repository; development sets kept outside it (SHARED/eval/dev, default
# ../shared) are scored too when that folder exists, and where SHARED/eval/score.py exists its
# counts must equal quotecheck eval's on every set. Real news, PolNeAR's dev split (built by
# SHARED/eval/real/README.md into POLNEAR, default target/real; never committed), is scored too
# when it has been built, with a message when it has not.
#   scripts/eval.sh            build (release), score, check floors
#   BIN=path scripts/eval.sh   score an existing binary
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
polnear=${POLNEAR:-target/real}
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=target/release/quotecheck
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# name gold attribution-F1-floor chain-recall-floor anonymous-F1-floor
while read -r name gold att chain anon; do
  if [ ! -f "$gold" ]; then
    case $gold in
      "$shared"/*) continue ;;   # a development set that is not here
      "$polnear"/*) echo "eval: $gold not built (../shared/eval/real/README.md builds it); skipped"; continue ;;
      *) echo "eval: $gold missing"; fail=1; continue ;;
    esac
  fi
  "$BIN" extract --jsonl < "$gold" > "$tmp/$name.jsonl"
  "$BIN" eval "$gold" "$tmp/$name.jsonl" --json > "$tmp/$name.score"
  if [ -f "$shared/eval/score.py" ]; then
    # The shared scorer, where it is present, must count exactly as quotecheck eval does.
    python3 "$shared/eval/score.py" "$gold" "$tmp/$name.jsonl" --json > "$tmp/$name.shared"
    python3 - "$tmp/$name.score" "$tmp/$name.shared" "$name" <<'PY' || fail=1
import json, sys
ours, theirs = (json.load(open(f))["counts"] for f in sys.argv[1:3])
names = dict(q_tp="quoted_matched", q_pred="quoted_predicted", q_gold="quoted_gold",
             i_tp="indirect_matched", i_pred="indirect_predicted", i_gold="indirect_gold",
             sp_ok="speaker_right", sp_n="speaker_judged", att_ok="attributed",
             an_tp="anonymous_found", an_pred="anonymous_predicted", an_gold="anonymous_gold",
             ch_ok="chains_right", ch_n="chains_judged")
diff = [f"{k} {theirs[k]} != {ours[v]}" for k, v in names.items() if theirs[k] != ours[v]]
if diff:
    print(f"  SCORERS DISAGREE on {sys.argv[3]}: " + "; ".join(diff))
    sys.exit(1)
PY
  fi
  python3 - "$tmp/$name.score" "$name" "$att" "$chain" "$anon" <<'PY' || fail=1
import json, sys
r = json.load(open(sys.argv[1])); name = sys.argv[2]
got = dict(attribution_f1=r["attribution"]["f1"], chain_recall=r["chain_recall"],
           anonymous_f1=r["anonymous"]["f1"])
floors = dict(attribution_f1=float(sys.argv[3]), chain_recall=float(sys.argv[4]),
              anonymous_f1=float(sys.argv[5]))
print(f"{name:<10} attribution F1 {r['attribution']['f1']:.3f}  quoted F1 {r['quoted']['f1']:.3f}  "
      f"indirect F1 {r['indirect']['f1']:.3f}  speaker acc {r['speaker_accuracy']:.3f}  "
      f"anonymous F1 {r['anonymous']['f1']:.3f}  chain recall {r['chain_recall']:.3f}")
bad = [f"{k} {got[k]:.3f} < {v}" for k, v in floors.items() if got[k] + 1e-9 < v]
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
political tests/gold/political.jsonl 0.86 0.4 0.6
web tests/gold/web.jsonl 0.88 0.9 0.9
pages tests/gold/pages.jsonl 0.82 0.45 0.9
wire tests/gold/wire.jsonl 0.88 0.5 0.9
national tests/gold/national.jsonl 0.80 0.3 0.85
beats tests/gold/beats.jsonl 0.90 0.5 0.7
regional tests/gold/regional.jsonl 0.85 0.3 0.9
uspolitics tests/gold/uspolitics.jsonl 0.83 0.1 0.85
commonwealth tests/gold/commonwealth.jsonl 0.85 0.5 0.85
localbiz tests/gold/localbiz.jsonl 0.85 0 0.85
capitol tests/gold/capitol.jsonl 0.87 0.6 0.7
metro tests/gold/metro.jsonl 0.90 0.6 0.85
dispatch tests/gold/dispatch.jsonl 0.90 0.65 0.85
courts tests/gold/courts.jsonl 0.85 0.8 0.75
voices tests/gold/voices.jsonl 0.80 0.45 0.8
ledger tests/gold/ledger.jsonl 0.90 0.80 0.85
threads tests/gold/threads.jsonl 0.82 0.55 0.75
bulletin tests/gold/bulletin.jsonl 0.92 0.40 0.80
market tests/gold/market.jsonl 0.87 0.65 0.85
pol-dev $polnear/polnear-dev.jsonl 0.70 0 0
pol-dev-all $polnear/polnear-dev-all.jsonl 0.61 0 0
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
