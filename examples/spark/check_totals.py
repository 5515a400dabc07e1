#!/usr/bin/env python3
"""Compare the Spark job's output with a single-process run of `quotecheck extract --jsonl`.

usage: check_totals.py INPUT.jsonl SINGLE.jsonl SPARK_OUTPUT_DIR

INPUT.jsonl is the dataset, SINGLE.jsonl the binary's output for it in one process, and
SPARK_OUTPUT_DIR the job's output folder. The expected figures are recomputed here from
SINGLE.jsonl, independently of the job's code. Prints one line per check and exits 1 on any
difference.
"""
import collections
import glob
import json
import os
import sys

SPEECH = {"direct", "partial", "indirect"}


def parts(folder):
    files = sorted(glob.glob(os.path.join(folder, "part-*")))
    if not files:
        raise SystemExit(f"check_totals: no part files in {folder}")
    lines = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            lines.extend(line.rstrip("\n") for line in f if line.strip())
    return lines


def main(input_path, single_path, out):
    with open(input_path, encoding="utf-8") as f:
        inputs = [line.rstrip("\n") for line in f if line.strip()]
    with open(single_path, encoding="utf-8") as f:
        single = [line.rstrip("\n") for line in f if line.strip()]

    docs = quotes = anon = unattributed = 0
    kinds = collections.Counter()
    speakers = collections.Counter()
    outlets = {}
    for raw, line in zip(inputs, single):
        rec, res = json.loads(raw), json.loads(line)
        docs += 1
        outlet = next((rec[k].strip() for k in ("outlet", "source", "publisher") if isinstance(rec.get(k), str) and rec[k].strip()), None)
        if outlet is None:
            outlet = (res.get("dateline") or {}).get("outlet") or "(unknown)"
        row = outlets.setdefault(outlet, [0, 0, 0])
        row[0] += 1
        for q in res.get("quotes", []):
            if q["kind"] not in SPEECH:
                continue
            quotes += 1
            kinds[q["kind"]] += 1
            row[1] += 1
            sp = q["speaker"]
            if sp is None:
                unattributed += 1
                continue
            speakers[(sp["name"], sp["anonymous"])] += 1
            if sp["anonymous"]:
                anon += 1
                row[2] += 1

    results = parts(os.path.join(out, "results"))
    summary = json.loads(parts(os.path.join(out, "summary"))[0])
    got_speakers = {(r["speaker"], r["anonymous"]): r["quotes"] for r in map(json.loads, parts(os.path.join(out, "speakers")))}
    got_outlets = {r["outlet"]: [r["docs"], r["quotes"], r["anonymous"]] for r in map(json.loads, parts(os.path.join(out, "outlets")))}

    checks = [
        ("record count", len(results), len(inputs)),
        ("results equal the single-process output, line for line", results == single, True),
        ("documents", summary["docs"], docs),
        ("error records", summary["errors"], 0),
        ("quotes (direct + partial + indirect)", summary["quotes"], quotes),
        ("quotes by kind", summary["kinds"], {k: kinds[k] for k in SPEECH}),
        ("anonymous quotes", summary["anonymous"], anon),
        ("unattributed quotes", summary["unattributed"], unattributed),
        ("quotes per speaker", got_speakers, dict(speakers)),
        ("docs, quotes and anonymous quotes per outlet", got_outlets, outlets),
    ]
    failed = 0
    for name, got, want in checks:
        ok = got == want
        failed += not ok
        print(f"  {'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f": spark {got!r} != single {want!r}"))
    print(f"  ({docs} docs, {quotes} quotes, {anon} anonymous, {len(speakers)} speakers, {len(outlets)} outlets)")
    return failed, len(checks)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    failed, total = main(*sys.argv[1:])
    sys.exit(1 if failed else 0)
