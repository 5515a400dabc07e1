#!/usr/bin/env bash
# End-to-end test of the Spark example: runs examples/spark/quotecheck_job.py in local[2] mode
# over examples/spark/data/news.jsonl and checks that its results and totals equal a
# single-process `quotecheck extract --jsonl`, then checks that a failing child (a malformed
# line makes extract exit 1) fails the Spark job.
#
# Needs: the release binary (cargo build --release; or QUOTECHECK_BIN), python3 with venv, Java 17,
# and PyPI the first time: pyspark is installed into a cached virtualenv at
# ${QUOTECHECK_CACHE:-$HOME/.cache/quotecheck-ci}/spark-venv and reused after that.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
PYSPARK_VERSION=3.5.9   # Spark 3.5 runs on Java 8/11/17; 4.x needs 17+, so 3.5 is the wider fit
start=$SECONDS

bin="${QUOTECHECK_BIN:-$root/target/release/quotecheck}"
if [ ! -x "$bin" ]; then
  echo "spark test: no quotecheck binary at $bin; run 'cargo build --release' first (or set QUOTECHECK_BIN)" >&2
  exit 2
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

# --- Java 17: keep JAVA_HOME if it is a 17, else take the java on PATH, else /usr/lib/jvm.
java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" != 17 ]; then
  JAVA_HOME=""
  for cand in $(command -v java >/dev/null && dirname "$(dirname "$(readlink -f "$(command -v java)")")") /usr/lib/jvm/java-17-*; do
    if [ -x "$cand/bin/java" ] && [ "$(java_major "$cand")" = 17 ]; then JAVA_HOME="$cand"; break; fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "spark test: Java 17 not found (set JAVA_HOME, or apt-get install openjdk-17-jre-headless)" >&2
    exit 2
  fi
fi
export JAVA_HOME

# --- pyspark in a cached virtualenv; the marker file is written only after a complete install.
cache="${QUOTECHECK_CACHE:-${HOME:-/tmp}/.cache/quotecheck-ci}"
venv="$cache/spark-venv"
marker="$venv/.quotecheck-pyspark-$PYSPARK_VERSION"
if [ ! -f "$marker" ]; then
  echo "spark test: installing pyspark $PYSPARK_VERSION into $venv"
  rm -rf "$venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
  touch "$marker"
fi

export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
export SPARK_CONF_DIR="$here/conf"        # log4j2.properties: WARN and up
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
unset SPARK_HOME                          # use the pyspark from the venv, not a system Spark

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
data="$here/data/news.jsonl"
submit() {
  "$venv/bin/spark-submit" --master "local[2]" --conf spark.ui.enabled=false \
    --conf spark.ui.showConsoleProgress=false "$here/quotecheck_job.py" "$@"
}

passed=0
failed=0
check() { # check NAME COMMAND...: run a check, count it
  if "${@:2}"; then passed=$((passed + 1)); else echo "FAIL: $1" >&2; failed=$((failed + 1)); fi
}

echo "spark test: single-process run"
"$bin" extract --jsonl < "$data" > "$work/single.jsonl"

echo "spark test: Spark job, local[2], 4 partitions"
t=$SECONDS
if submit "$data" "$work/out" --binary "$bin" --partitions 4 > "$work/job.log" 2>&1; then
  echo "  job finished in $((SECONDS - t)) s: $(grep -o 'summary: .*' "$work/job.log")"
  check "results and totals equal the single-process run" \
    "$venv/bin/python" "$here/check_totals.py" "$data" "$work/single.jsonl" "$work/out"
else
  cat "$work/job.log" >&2
  check "the Spark job ran" false
fi

if [ "${SPARK_TEST_CLUSTER:-0}" = 1 ]; then
  # Opt-in: executors in their own JVMs and working folders, as on a cluster, so the job runs
  # the shipped copy as ./quotecheck instead of the driver's SparkFiles path.
  echo "spark test: Spark job, local-cluster[2,1,1024] (SPARK_TEST_CLUSTER=1)"
  t=$SECONDS
  if "$venv/bin/spark-submit" --master "local-cluster[2,1,1024]" \
      --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
      "$here/quotecheck_job.py" "$data" "$work/out-cluster" --binary "$bin" > "$work/cluster.log" 2>&1; then
    echo "  job finished in $((SECONDS - t)) s"
    check "local-cluster results and totals equal the single-process run" \
      "$venv/bin/python" "$here/check_totals.py" "$data" "$work/single.jsonl" "$work/out-cluster"
  else
    cat "$work/cluster.log" >&2
    check "the local-cluster Spark job ran" false
  fi
  # local-cluster workers keep their folders (with a copy of the binary) under SPARK_HOME/work,
  # which is the venv's pyspark package: remove them.
  rm -rf "$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')/work"
fi

echo "spark test: a malformed line must fail the job"
{ head -n 5 "$data"; echo '{"id": "broken", "text": '; tail -n +6 "$data"; } > "$work/bad.jsonl"
t=$SECONDS
if submit "$work/bad.jsonl" "$work/out-bad" --binary "$bin" --partitions 2 > "$work/bad.log" 2>&1; then
  echo "  the job exited 0 on a malformed line" >&2
  check "a failing child fails the job" false
else
  status=$?
  echo "  job failed as it should (exit $status) in $((SECONDS - t)) s"
  check "the failure names the child's exit code" grep -qi "exited with error code 1" "$work/bad.log"
fi

echo "spark test ($((SECONDS - start)) s):"
echo "spark: $passed passed, $failed failed"
[ "$failed" = 0 ]
