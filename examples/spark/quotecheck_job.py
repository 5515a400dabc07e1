#!/usr/bin/env python3
"""Run `quotecheck extract --jsonl` over a JSON Lines dataset with Apache Spark.

usage: spark-submit [--master M] quotecheck_job.py INPUT OUTPUT_DIR
           [--binary PATH] [--executor-binary PATH] [--partitions N] [--allow-errors]

INPUT is one `{"id": ..., "text": ...}` record a line (a file, a folder or a glob, on any file
system Spark reads). The quotecheck binary is shipped to the executors with `sc.addFile` and each
partition is piped through it with `rdd.pipe(..., checkCode=True)`, so a child that exits non-zero
(for example on a malformed line) fails the task and the job.

OUTPUT_DIR gets four folders of text files (Spark's part-NNNNN files):

  results/   the binary's output lines unchanged, one per input record, in input order; each
             carries the record's "id", so results join back to the input
  speakers/  {"speaker", "anonymous", "quotes"} a line: quotes per speaker name, most first
  outlets/   {"outlet", "docs", "quotes", "anonymous", "anonymous_share"} a line
  summary/   one line: {"docs", "errors", "quotes", "anonymous", "unattributed", "kinds"}

A "quote" here is a unit of kind direct, partial or indirect (titles and scare quotes are not
speech). Its speaker is the resolved entity name the binary reports (`speaker.name`); quotes with
no speaker count as unattributed and are left out of speakers/.

The outlet of a document is its record's "outlet", "source" or "publisher" field (the first that
is a non-empty string), else the publisher named in the dateline the binary found
(`dateline.outlet`), else "(unknown)".

The binary is --binary, else $QUOTECHECK_BIN, else target/release/quotecheck in the repository
that holds this script. Executors run the copy that `sc.addFile` shipped: on a local master
(`local`, `local[N]`) that is `SparkFiles.get(name)`; on a cluster it is `./name`, since executors
fetch added files into their working directory (YARN, Kubernetes, standalone). If the executors
already have the binary at a known path (a Databricks init script, an image), give that path as
--executor-binary (or $QUOTECHECK_EXECUTOR_BIN) and nothing is shipped.
"""
import argparse
import json
import os
import shlex
import sys

from pyspark import SparkContext, SparkFiles, StorageLevel

SPEECH = ("direct", "partial", "indirect")
RECORD_OUTLET_FIELDS = ("outlet", "source", "publisher")
UNKNOWN = "(unknown)"


def parse_args(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    default_bin = os.environ.get("QUOTECHECK_BIN") or os.path.join(here, "..", "..", "target", "release", "quotecheck")
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSON Lines input: a path, folder or glob")
    p.add_argument("output", help="output folder (must not exist)")
    p.add_argument("--binary", default=default_bin, help="quotecheck binary on the driver, shipped to executors (default: $QUOTECHECK_BIN or target/release/quotecheck)")
    p.add_argument("--executor-binary", default=os.environ.get("QUOTECHECK_EXECUTOR_BIN"), help="path of an already installed binary on every executor; nothing is shipped")
    p.add_argument("--partitions", type=int, default=None, help="minimum number of input partitions")
    p.add_argument("--allow-errors", action="store_true", help="keep going when records fail: error records are counted, the exit code of the binary is not checked")
    return p.parse_args(argv)


def record_outlet(raw):
    """The outlet named by the input record itself, or None."""
    try:
        rec = json.loads(raw)
    except ValueError:
        return None
    if isinstance(rec, dict):
        for field in RECORD_OUTLET_FIELDS:
            v = rec.get(field)
            if isinstance(v, str) and v.strip():
                return v.strip()
    return None


def analyse(pair):
    """(input line, result line) -> a small per-document summary for the aggregates."""
    raw, out = pair
    res = json.loads(out)
    if "error" in res:
        return {"error": True, "outlet": record_outlet(raw) or UNKNOWN, "quotes": []}
    outlet = record_outlet(raw)
    if outlet is None:
        outlet = ((res.get("dateline") or {}).get("outlet")) or UNKNOWN
    quotes = []
    for q in res.get("quotes", []):
        if q.get("kind") not in SPEECH:
            continue
        sp = q.get("speaker")
        quotes.append((q["kind"], sp["name"] if sp else None, bool(sp and sp.get("anonymous"))))
    return {"error": False, "outlet": outlet, "quotes": quotes}


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    sc = SparkContext.getOrCreate()
    sc.setLogLevel("WARN")

    if args.executor_binary:
        exe = args.executor_binary
    else:
        binary = os.path.abspath(args.binary)
        if not os.access(binary, os.X_OK):
            sys.exit(f"quotecheck_job: no executable quotecheck binary at {binary} (build it with `cargo build --release`, or give --binary / QUOTECHECK_BIN)")
        sc.addFile(binary)
        name = os.path.basename(binary)
        master = sc.master
        # In local mode the executor is this JVM and added files live in the driver's
        # SparkFiles folder; on a cluster each executor fetches them into its working directory.
        exe = SparkFiles.get(name) if master == "local" or master.startswith("local[") else "./" + name
    # One thread per child: Spark already runs one task per executor core, so a child that
    # spread over every core would oversubscribe the machine.
    command = shlex.quote(exe) + " extract --jsonl --threads 1"

    # Blank lines are skipped by the binary, which would misalign input and output: drop them here.
    lines = sc.textFile(args.input, minPartitions=args.partitions) if args.partitions else sc.textFile(args.input)
    lines = lines.filter(lambda line: line.strip() != "")
    # Each element is written to the child as one line; JSON Lines records never hold a raw
    # newline, and the binary writes exactly one line per input line, in order.
    results = lines.pipe(command, checkCode=not args.allow_errors)
    # zip pairs every input line with its result; Spark checks that each partition has as many
    # results as inputs, so a child that dropped or added lines fails the job too.
    pairs = lines.zip(results).persist(StorageLevel.MEMORY_AND_DISK)

    try:
        pairs.map(lambda p: p[1]).saveAsTextFile(os.path.join(args.output, "results"))
    except Exception as e:
        if "exited with error code" in str(e):
            print("quotecheck_job: a quotecheck child exited non-zero, which fails the job (exit code 1"
                  " means some records were malformed: rerun with --allow-errors to keep going and find"
                  ' their {"line", "error"} records in results/)', file=sys.stderr, flush=True)
        raise

    docs = pairs.map(analyse).persist(StorageLevel.MEMORY_AND_DISK)

    speakers = (
        docs.flatMap(lambda d: [((name, anon), 1) for _, name, anon in d["quotes"] if name is not None])
        .reduceByKey(lambda a, b: a + b)
        .sortBy(lambda kv: (-kv[1], kv[0][0], kv[0][1]), numPartitions=1)
        .map(lambda kv: json.dumps({"speaker": kv[0][0], "anonymous": kv[0][1], "quotes": kv[1]}, ensure_ascii=False))
    )
    speakers.saveAsTextFile(os.path.join(args.output, "speakers"))

    def outlet_row(d):
        qs = d["quotes"]
        return (d["outlet"], (1, len(qs), sum(1 for q in qs if q[2])))

    def add3(a, b):
        return (a[0] + b[0], a[1] + b[1], a[2] + b[2])

    outlets = (
        docs.map(outlet_row)
        .reduceByKey(add3)
        .sortBy(lambda kv: kv[0], numPartitions=1)
        .map(lambda kv: json.dumps({
            "outlet": kv[0], "docs": kv[1][0], "quotes": kv[1][1], "anonymous": kv[1][2],
            "anonymous_share": round(kv[1][2] / kv[1][1], 4) if kv[1][1] else 0.0,
        }, ensure_ascii=False))
    )
    outlets.saveAsTextFile(os.path.join(args.output, "outlets"))

    def doc_totals(d):
        kinds = {k: 0 for k in SPEECH}
        for kind, _, _ in d["quotes"]:
            kinds[kind] += 1
        return {
            "docs": 1, "errors": int(d["error"]), "quotes": len(d["quotes"]),
            "anonymous": sum(1 for q in d["quotes"] if q[2]),
            "unattributed": sum(1 for q in d["quotes"] if q[1] is None), "kinds": kinds,
        }

    def merge(a, b):
        out = {k: a[k] + b[k] for k in ("docs", "errors", "quotes", "anonymous", "unattributed")}
        out["kinds"] = {k: a["kinds"][k] + b["kinds"][k] for k in SPEECH}
        return out

    zero = {"docs": 0, "errors": 0, "quotes": 0, "anonymous": 0, "unattributed": 0, "kinds": {k: 0 for k in SPEECH}}
    summary = docs.map(doc_totals).fold(zero, merge)
    sc.parallelize([json.dumps(summary)], 1).saveAsTextFile(os.path.join(args.output, "summary"))
    print("quotecheck_job summary: " + json.dumps(summary), flush=True)
    if "DATABRICKS_RUNTIME_VERSION" not in os.environ:  # Databricks owns its shared context
        sc.stop()


if __name__ == "__main__":
    main()
