#!/usr/bin/env bash
# Retrains the part-of-speech tagger's model, grammars/tagger/en.bin, from git copies of the UD
# English treebanks, and measures it.
#
#   scripts/train-tagger.sh EWT_GIT GUM_GIT
#
# EWT_GIT and GUM_GIT are git directories (bare or not) of UniversalDependencies/UD_English-EWT
# and UniversalDependencies/UD_English-GUM (any recent release; the model shipped was trained on
# the commits grammars/tagger/NOTICE.md names). The steps:
#
#   1. scripts/tagger-data.sh extracts the data into target/tagger-data/: EWT train, and GUM's
#      news, interview and biography documents of its train split (CC BY; GUM's other genres are
#      never read). EWT test is extracted for measuring only.
#   2. examples/train-tagger learns the model (about half a minute) and prints the accuracy on
#      EWT dev after each epoch. EWT dev is the only file its settings were tuned on.
#   3. scripts/tagger-accuracy.sh measures the new model through `quotecheck tag
#      --pretokenized` on EWT dev and test and on GUM's held-out news documents.
#
# Options go to the trainer through TRAIN_ARGS, e.g. TRAIN_ARGS="--epochs 10".
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,/^set/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 2
fi
cd "$(dirname "$0")/.."
data=target/tagger-data
scripts/tagger-data.sh "$1" "$2" "$data"
# shellcheck disable=SC2086
cargo run --release --locked --example train-tagger -- \
  --train "$data/ewt-train.conllu" --train "$data/gum-train.conllu" \
  --dev "$data/ewt-dev.conllu" --out grammars/tagger/en.bin ${TRAIN_ARGS:-}
cargo build --release --locked --quiet
for f in ewt-dev ewt-test gum-news-dev gum-news-test gum-dev gum-test; do
  printf '%-16s ' "$f"
  BIN=target/release/quotecheck scripts/tagger-accuracy.sh "$data/$f.conllu"
done
