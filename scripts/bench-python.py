#!/usr/bin/env python3
"""Throughput of the Python package against the command line on the same corpus and cores.

usage: python scripts/bench-python.py [--mb 10] [--dense] [--repeat 3] [--bin PATH]

The corpus is scripts/gen-corpus.py's (full-length articles by default; --dense for the
fixture paragraphs, denser in quotes), written to a temporary file. For one thread and for one
thread per core it times, best of --repeat rounds:

- cli:        `quotecheck extract --jsonl --threads N < corpus > /dev/null` (reads, analyses,
              writes every report as JSON);
- analyze_many: the texts (already in a list) through `analyze_many(threads=N)`, every report
              taken and its units counted;
- who said what: the corpus file opened in binary mode and given to `analyze_many` (its lines
              decoded on the pool), and each unit's kind, speaker name and text read (what a
              user's loop does);
- json.loads:  the same loop with the lines parsed in Python first (`(id, text)` pairs);
- to_json:    `analyze_many` and `Report.to_json()` of every report (the CLI's output, in
              Python);
- via the CLI: the same who-said-what loop over the CLI's output instead: the corpus piped
              through `extract --jsonl` and each result line parsed with `json.loads`.

Each row gives the throughput in MB/s of wall-clock time (the best run), its share of the CLI's
on as many threads, and the processor time the run took (user and system, all threads) per MB,
which is steadier than wall-clock time on a shared machine. MB are 10^6 bytes of the
JSON Lines input, as in scripts/bench.sh. The quotecheck package must be installed in the
running Python (pip install ./python) and the binary built (cargo build --release).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import quotecheck

ROOT = Path(__file__).resolve().parents[1]


def cpu():
    """Processor seconds of this process and its finished children."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        r = resource.getrusage(who)
        total += r.ru_utime + r.ru_stime
    return total


def measure(run):
    """(wall seconds, processor seconds) of one run."""
    c, t = cpu(), time.perf_counter()
    run()
    return time.perf_counter() - t, cpu() - c


def cli(binary, corpus, threads):
    with open(corpus, "rb") as src, open(os.devnull, "wb") as dst:
        subprocess.run(
            [binary, "extract", "--jsonl", "--quiet", "--threads", str(threads)],
            stdin=src,
            stdout=dst,
            check=True,
        )


def many(items, threads):
    n = 0
    for r in quotecheck.analyze_many(items, threads=threads):
        n += len(r.quotes)
    return n


def units(reports):
    rows = 0
    for r in reports:
        for q in r.quotes:
            s = q.speaker
            _ = (q.kind, s.name if s else None, q.text)
            rows += 1
    return rows


def who_said_what(corpus, threads):
    with open(corpus, "rb") as f:
        return units(quotecheck.analyze_many(f, threads=threads))


def parsed_in_python(corpus, threads):
    def lines():
        with open(corpus, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                yield rec["id"], rec["text"]

    return units(quotecheck.analyze_many(lines(), threads=threads))


def via_cli(binary, corpus, threads):
    rows = 0
    with open(corpus, "rb") as src:
        p = subprocess.Popen(
            [binary, "extract", "--jsonl", "--quiet", "--threads", str(threads)],
            stdin=src,
            stdout=subprocess.PIPE,
        )
        for line in p.stdout:
            for q in json.loads(line)["quotes"]:
                s = q["speaker"]
                _ = (q["kind"], s["name"] if s else None, q["text"])
                rows += 1
        if p.wait() != 0:
            raise RuntimeError("quotecheck failed")
    return rows


def to_json(items, threads):
    return sum(len(r.to_json()) for r in quotecheck.analyze_many(items, threads=threads))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=10)
    ap.add_argument("--dense", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "quotecheck"))
    args = ap.parse_args()
    if not Path(args.bin).is_file():
        sys.exit(f"bench: no binary at {args.bin}: run cargo build --release (or --bin)")
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        gen = [sys.executable, str(ROOT / "scripts" / "gen-corpus.py"), str(args.mb)]
        if not args.dense:
            gen.append("--articles")
        with open(corpus, "wb") as f:
            subprocess.run(gen, stdout=f, check=True)
        mb = corpus.stat().st_size / 1e6
        with open(corpus, encoding="utf-8") as f:
            items = [(r["id"], r["text"]) for r in map(json.loads, f)]
        print(f"corpus: {mb:.1f} MB, {len(items)} documents "
              f"({'fixture paragraphs' if args.dense else 'articles'}); {cores} cores; "
              f"best of {args.repeat}; quotecheck {quotecheck.__version__}")
        print(f"{'workload':<14} {'threads':>7} {'MB/s':>6} {'of CLI':>7} {'CPU ms/MB':>10}")
        for threads in sorted({1, cores}):
            workloads = {
                "cli": lambda: cli(args.bin, corpus, threads),
                "analyze_many": lambda: many(items, threads),
                "who said what": lambda: who_said_what(corpus, threads),
                "json.loads": lambda: parsed_in_python(corpus, threads),
                "to_json": lambda: to_json(items, threads),
                "via the CLI": lambda: via_cli(args.bin, corpus, threads),
            }
            # Round after round, so that a slow minute of a shared machine hits all alike.
            runs = {name: [] for name in workloads}
            for _ in range(args.repeat):
                for name, run in workloads.items():
                    runs[name].append(measure(run))
            wall_cli = min(runs["cli"])[0]
            for name, times in runs.items():
                wall, proc = min(times)
                print(f"{name:<14} {threads:>7} {mb / wall:6.1f} {wall_cli / wall:7.0%} "
                      f"{1000 * proc / mb:10.1f}")


if __name__ == "__main__":
    main()
