#!/usr/bin/env python3
"""Writes a news-like JSON Lines corpus of about SIZE megabytes to stdout, for benchmarks.

usage: scripts/gen-corpus.py SIZE_MB [SEED]

Documents are assembled from the paragraphs of the project's own fixtures and examples
(tests/fixtures/extract/*.txt, examples/wire-story.txt), shuffled with a fixed seed, so the
corpus has the mix of quotes, reported speech, names and plain narrative of wire copy and is
the same bytes on every machine.
"""
import glob, json, os, random, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
size = float(sys.argv[1]) if len(sys.argv) > 1 else 10
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
paras = []
for path in sorted(glob.glob(os.path.join(root, "tests/fixtures/extract/*.txt"))) + [os.path.join(root, "examples/wire-story.txt")]:
    with open(path, encoding="utf-8") as f:
        for p in f.read().split("\n\n"):
            if p.strip():
                paras.append(p.strip())
target = int(size * 1024 * 1024)
written = 0
n = 0
out = sys.stdout
while written < target:
    k = rng.randint(6, 14)
    text = "\n\n".join(rng.choice(paras) for _ in range(k))
    line = json.dumps({"id": f"doc-{n}", "text": text}, ensure_ascii=False) + "\n"
    out.write(line)
    written += len(line.encode("utf-8"))
    n += 1
