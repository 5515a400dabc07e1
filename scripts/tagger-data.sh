#!/usr/bin/env bash
# Extracts the part-of-speech tagger's data from git copies of the UD English treebanks, for
# scripts/train-tagger.sh and scripts/tagger-accuracy.sh.
#
#   scripts/tagger-data.sh EWT_GIT GUM_GIT [OUT_DIR]
#
# EWT_GIT and GUM_GIT are git directories (bare or not) of UniversalDependencies/UD_English-EWT
# and UniversalDependencies/UD_English-GUM. The released *-train.conllu files may be absent
# (stored with Git LFS in some copies): train is rebuilt from not-to-release/sources/ in the
# order of not-to-release/file-lists/files.train, which is how the treebanks build their
# releases. The script checks that the sources rebuild the released dev and test files (their
# token lines), so the sources are the released annotation.
#
# GUM: only its news, interview and biography documents (Wikinews and Wikipedia, CC BY 4.0);
# the other genres include non-commercial texts and are never read.
#
# Writes to OUT_DIR (default target/tagger-data):
#   ewt-train.conllu ewt-dev.conllu ewt-test.conllu
#   gum-train.conllu (news, interview, bio)  gum-dev.conllu gum-test.conllu (the same genres)
#   gum-news-dev.conllu gum-news-test.conllu (news only)  SOURCES (the commits read)
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,/^set/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 2
fi
ewt=$1
gum=$2
out=${3:-target/tagger-data}
mkdir -p "$out"
show() { git --git-dir="$1" show "HEAD:$2"; }

# The documents of split $2 in git dir $1, in the order of its file list, concatenated.
sources() {
  show "$1" "not-to-release/file-lists/files.$2" | while read -r f; do
    [ -n "$f" ] && show "$1" "not-to-release/sources/$f"
  done
}
# Token lines only (comments differ in order between sources and releases).
tokens() { grep -v '^#' "$@" || true; }

sources "$ewt" train > "$out/ewt-train.conllu"
for split in dev test; do
  show "$ewt" "en_ewt-ud-$split.conllu" > "$out/ewt-$split.conllu"
  if ! cmp -s <(sources "$ewt" "$split" | tokens) <(tokens "$out/ewt-$split.conllu"); then
    echo "tagger-data: EWT sources do not rebuild the released $split file" >&2
    exit 1
  fi
done

# GUM's file lists lag its releases (some documents are in no list), so its splits are read from
# the released dev and test files: train is every other source document of the three genres.
cc='^GUM_(news|interview|bio)_'
docs() { show "$gum" "en_gum-ud-$1.conllu" | sed -n 's/^# newdoc id = //p' | grep -E "$2" || true; }
held=$( (docs dev "$cc"; docs test "$cc") | sort)
git --git-dir="$gum" ls-tree --name-only HEAD not-to-release/sources/ | sed 's,.*/,,; s,\.conllu$,,' \
  | grep -E "$cc" | sort | comm -23 - <(echo "$held") | while read -r d; do
  show "$gum" "not-to-release/sources/$d.conllu"
done > "$out/gum-train.conllu"
for split in dev test; do
  for d in $(docs "$split" "$cc"); do show "$gum" "not-to-release/sources/$d.conllu"; done \
    > "$out/gum-$split.conllu"
  for d in $(docs "$split" '^GUM_news_'); do show "$gum" "not-to-release/sources/$d.conllu"; done \
    > "$out/gum-news-$split.conllu"
  # The annotation up to DEPREL of these documents in the released file, rebuilt from sources
  # (MISC holds discourse annotation, revised apart from the sources).
  released=$(show "$gum" "en_gum-ud-$split.conllu" | awk -v re="$cc" '
    /^# newdoc id = / { keep = ($5 ~ re) } keep && !/^#/' | cut -f1-8)
  if [ "$released" != "$(tokens "$out/gum-$split.conllu" | cut -f1-8)" ]; then
    echo "tagger-data: GUM sources do not rebuild the released $split file" >&2
    exit 1
  fi
done

{
  echo "UD_English-EWT $(git --git-dir="$ewt" rev-parse HEAD)"
  echo "UD_English-GUM $(git --git-dir="$gum" rev-parse HEAD)"
} > "$out/SOURCES"
for f in "$out"/*.conllu; do
  printf '%-40s %7d sentences %8d words\n' "$f" "$(grep -c '^# text = ' "$f")" \
    "$(grep -cP '^\d+\t' "$f")"
done
