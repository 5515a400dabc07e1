#!/usr/bin/env python3
"""Writes a news-like JSON Lines corpus of about SIZE megabytes to stdout, for benchmarks.

usage: scripts/gen-corpus.py SIZE_MB [SEED] [--articles]

By default, documents are assembled from the paragraphs of the project's own fixtures and
examples (tests/fixtures/extract/*.txt, examples/wire-story.txt), shuffled with a fixed seed:
the mix of quotes, reported speech, names and plain narrative of wire copy, denser in
attributions than most news (each fixture exists for a construction), and the same bytes on
every machine with the same fixtures.

With --articles, documents are the whole full-length articles of the project's long-article
gold sets (tests/gold/articles.jsonl, tests/gold/longform.jsonl, tests/gold/reserve.jsonl:
wire, court, business, sports, features and more, 400-900 words each), drawn in a seeded
order: ordinary news copy as a newsroom archive holds it.
"""
import glob, json, os, random, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
args = [a for a in sys.argv[1:] if not a.startswith("--")]
articles = "--articles" in sys.argv[1:]
size = float(args[0]) if args else 10
rng = random.Random(int(args[1]) if len(args) > 1 else 7)
target = int(size * 1024 * 1024)
written = 0
n = 0
out = sys.stdout

if articles:
    texts = []
    for name in ("articles", "longform", "reserve"):
        path = os.path.join(root, "tests/gold", name + ".jsonl")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                texts.extend(json.loads(l)["text"] for l in f if l.strip())
    while written < target:
        line = json.dumps({"id": f"doc-{n}", "text": rng.choice(texts)}, ensure_ascii=False) + "\n"
        out.write(line)
        written += len(line.encode("utf-8"))
        n += 1
    sys.exit(0)

paras = []
for path in sorted(glob.glob(os.path.join(root, "tests/fixtures/extract/*.txt"))) + [os.path.join(root, "examples/wire-story.txt")]:
    with open(path, encoding="utf-8") as f:
        for p in f.read().split("\n\n"):
            if p.strip():
                paras.append(p.strip())
while written < target:
    k = rng.randint(6, 14)
    text = "\n\n".join(rng.choice(paras) for _ in range(k))
    line = json.dumps({"id": f"doc-{n}", "text": text}, ensure_ascii=False) + "\n"
    out.write(line)
    written += len(line.encode("utf-8"))
    n += 1
