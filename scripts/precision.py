#!/usr/bin/env python3
"""Precision and recall of every `check` rule on the labelled set in tests/gate/.

Each line of tests/gate/*.jsonl is one document of copy written for the project in the style of
published news: {"id", "style", "text", "labels": [...]}. A label names a region of the text (the
`nth` occurrence, 0-based, of `text`) and a rule, and says whether a finding of that rule there is
`correct` (one an editor would act on) or not. A label marked correct that no finding meets is a
miss; a label marked wrong that no finding meets is a false positive that stays fixed.

A finding meets a label when the rules are the same and the spans overlap. A finding that meets
no label is unlabelled: it counts as wrong, and the run fails until it is labelled.

    scripts/precision.py             build (debug), score, check src/check/measured.tsv
    scripts/precision.py --write     the same, and rewrite the `gate` rows of measured.tsv
    scripts/precision.py --list      also list every finding and miss with its verdict
    BIN=path scripts/precision.py    score an existing binary

The run fails when a finding is unlabelled, when the `gate` rows of measured.tsv are not the
figures computed here, or when a rule whose default level is warning or error has a precision
below 0.85 on this set.
"""

import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
GATE = os.path.join(ROOT, "tests", "gate")
MEASURED = os.path.join(ROOT, "src", "check", "measured.tsv")
FLOOR = 0.85


def load_docs():
    docs = []
    for name in sorted(os.listdir(GATE)):
        if not name.endswith(".jsonl"):
            continue
        with open(os.path.join(GATE, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    d = json.loads(line)
                    d["_file"] = f"{name}:{n}"
                    docs.append(d)
    ids = [d["id"] for d in docs]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit(f"precision: duplicate ids {sorted(dup)}")
    return docs


def region(text, label):
    """Byte range of the label's region (the `nth` occurrence of its text as whole words), or
    None when the text does not occur that often."""
    want = label.get("nth", 0)
    at = -1
    while True:
        at = text.find(label["text"], at + 1)
        if at < 0:
            return None
        end = at + len(label["text"])
        if (at > 0 and text[at - 1].isalnum() and text[at].isalnum()) or (
            end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
        ):
            continue
        if want == 0:
            a = len(text[:at].encode("utf-8"))
            return a, a + len(label["text"].encode("utf-8"))
        want -= 1


def run_check(binary, docs):
    """Findings per document id, from one `check --format json` run over a folder."""
    with tempfile.TemporaryDirectory() as tmp:
        for d in docs:
            with open(os.path.join(tmp, d["id"] + ".txt"), "w", encoding="utf-8") as f:
                f.write(d["text"])
        out = subprocess.run(
            [binary, "check", "--format", "json", "--fail-on", "error", tmp],
            capture_output=True,
            text=True,
        )
        if out.returncode not in (0, 1):
            sys.exit(f"precision: {binary} check failed: {out.stderr.strip()}")
        found = {}
        for f in json.loads(out.stdout)["files"]:
            name = os.path.basename(f["path"])
            found[name[: -len(".txt")]] = f["findings"]
    return found


def default_levels(binary):
    out = subprocess.run([binary, "rule"], capture_output=True, text=True, check=True)
    return {p[0]: p[1] for p in (line.split() for line in out.stdout.splitlines()) if len(p) > 1}


def score(docs, found, listing):
    """Per rule: findings, right, expected (labels marked correct), caught; and problems."""
    stats = defaultdict(lambda: {"findings": 0, "right": 0, "expected": 0, "caught": 0})
    problems = []
    for d in docs:
        labels = []
        for lab in d["labels"]:
            r = region(d["text"], lab)
            if r is None:
                problems.append(f"{d['_file']} ({d['id']}): label text not found: {lab['text']!r}")
                continue
            labels.append((lab, r))
            if lab["correct"]:
                stats[lab["rule"]]["expected"] += 1
        met = set()
        for x in found.get(d["id"], []):
            s = stats[x["rule"]]
            s["findings"] += 1
            a, b = x["span"]["start"], x["span"]["end"]
            hit = next(
                (
                    (i, lab)
                    for i, (lab, (la, lb)) in enumerate(labels)
                    if lab["rule"] == x["rule"] and a < lb and la < max(b, a + 1)
                ),
                None,
            )
            if hit is None:
                problems.append(
                    f"{d['id']}: unlabelled {x['rule']} finding {x['text']!r} at byte {a}"
                )
                continue
            i, lab = hit
            met.add(i)
            if lab["correct"]:
                s["right"] += 1
            if listing:
                mark = "right" if lab["correct"] else "WRONG"
                print(f"  {mark:<6} {d['id']}: {x['rule']} {x['text']!r}")
        for i, (lab, _) in enumerate(labels):
            if lab["correct"] and i in met:
                stats[lab["rule"]]["caught"] += 1
            elif lab["correct"] and listing:
                print(f"  MISS   {d['id']}: {lab['rule']} {lab['text']!r}")
    return stats, problems


def ratio(a, b):
    return f"{a / b:.2f}" if b else "-"


def read_measured():
    rows = []
    if os.path.exists(MEASURED):
        with open(MEASURED, encoding="utf-8") as f:
            rows = [line.rstrip("\n") for line in f]
    return rows


def gate_rows(stats, ndocs):
    rows = []
    for rule in sorted(stats):
        s = stats[rule]
        rows.append(
            "\t".join(
                [rule, "gate", str(ndocs), str(s["findings"]), str(s["right"]),
                 str(s["expected"]), str(s["caught"])]
            )
        )
    return rows


def main():
    write = "--write" in sys.argv
    listing = "--list" in sys.argv
    binary = os.environ.get("BIN")
    if not binary:
        subprocess.run(["cargo", "build", "--quiet", "--locked"], cwd=ROOT, check=True)
        binary = os.path.join(ROOT, "target", "debug", "quotecheck")
    docs = load_docs()
    found = run_check(binary, docs)
    stats, problems = score(docs, found, listing)
    levels = default_levels(binary)
    for rule in levels:
        stats[rule]  # every rule gets a row, even with no finding and no label
    print(f"{'rule':<22} {'default':<8} {'findings':>8} {'right':>6} {'precision':>9} "
          f"{'expected':>8} {'caught':>6} {'recall':>6}")
    fail = False
    for rule in sorted(stats):
        s = stats[rule]
        p = ratio(s["right"], s["findings"])
        print(f"{rule:<22} {levels.get(rule, '?'):<8} {s['findings']:>8} {s['right']:>6} {p:>9} "
              f"{s['expected']:>8} {s['caught']:>6} {ratio(s['caught'], s['expected']):>6}")
        if levels.get(rule) in ("warning", "error") and s["findings"]:
            if s["right"] / s["findings"] + 1e-9 < FLOOR:
                print(f"  FLOOR NOT MET: {rule} is {levels[rule]} by default but its precision "
                      f"is {p} < {FLOOR}; make it better or make it info")
                fail = True
    print(f"{len(docs)} documents, {sum(len(d['text'].split()) for d in docs)} words")
    for p in problems:
        print(f"  {p}")
    fail |= bool(problems)
    rows = read_measured()
    header = [r for r in rows if r.startswith("#")]
    others = [r for r in rows if r and not r.startswith("#") and r.split("\t")[1] != "gate"]
    want = gate_rows(stats, len(docs))
    have = [r for r in rows if r and not r.startswith("#") and r.split("\t")[1] == "gate"]
    if write:
        body = sorted(want + others, key=lambda r: (r.split("\t")[0], r.split("\t")[1] != "gate"))
        with open(MEASURED, "w", encoding="utf-8") as f:
            f.write("\n".join(header + body) + "\n")
        print(f"wrote {os.path.relpath(MEASURED, ROOT)}")
    elif have != want:
        print(f"  {os.path.relpath(MEASURED, ROOT)} is stale: run scripts/precision.py --write "
              "(then QUOTECHECK_WRITE_README=1 cargo test --test check)")
        fail = True
    sys.exit(1 if fail else 0)


if __name__ == "__main__":
    main()
