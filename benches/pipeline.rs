//! Throughput of the pipeline's stages over a news-like corpus, in MB/s of input.
//!
//! ```sh
//! cargo bench --bench pipeline
//! ```
//!
//! The corpus is built in memory the way `scripts/gen-corpus.py` builds one: documents of 6 to
//! 14 paragraphs drawn with a fixed seed from the paragraphs of `tests/fixtures/extract/*.txt`
//! and `examples/wire-story.txt`, about 2 MB in all. Every benchmark reads the whole corpus once
//! per iteration, one document at a time, on one thread, with the binary's allocator.

use std::sync::OnceLock;

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use quotecheck::syntax::{Scratch, Tagger, Word};
use quotecheck::text::{quotes, Doc};
use quotecheck::Grammar;

/// The binary's allocator (mimalloc), so the stages are timed as `quotecheck` runs them.
#[allow(unsafe_code)]
#[path = "../src/alloc.rs"]
mod alloc;

#[global_allocator]
static GLOBAL: alloc::MiMalloc = alloc::MiMalloc;

fn main() {
    divan::main();
}

/// Size of the corpus in bytes (about).
const CORPUS_BYTES: usize = 2 * 1024 * 1024;

struct Corpus {
    docs: Vec<String>,
    bytes: usize,
}

/// SplitMix64: a small, fixed pseudo-random sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
}

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<std::path::PathBuf> =
            std::fs::read_dir(root.join("tests/fixtures/extract"))
                .expect("fixtures")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
        files.sort();
        files.push(root.join("examples/wire-story.txt"));
        let mut paras: Vec<String> = Vec::new();
        for f in &files {
            let text = std::fs::read_to_string(f).expect("fixture");
            paras.extend(
                text.split("\n\n")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_string),
            );
        }
        let mut rng = Rng(7);
        let mut docs = Vec::new();
        let mut bytes = 0;
        while bytes < CORPUS_BYTES {
            let k = rng.range(6, 14);
            let doc: Vec<&str> = (0..k)
                .map(|_| paras[rng.range(0, paras.len() - 1)].as_str())
                .collect();
            let doc = doc.join("\n\n");
            bytes += doc.len();
            docs.push(doc);
        }
        Corpus { docs, bytes }
    })
}

/// Quote marks found and paired.
#[divan::bench(sample_count = 30)]
fn quote_pairing(bencher: Bencher) {
    let c = corpus();
    let grammar = Grammar::builtin();
    bencher.counter(BytesCount::new(c.bytes)).bench(|| {
        for d in &c.docs {
            black_box(quotes::pair(black_box(d), grammar));
        }
    });
}

/// `Doc::new`: quote pairing, tokens with their lexicon hits, dateline, sentences.
#[divan::bench(sample_count = 20)]
fn read_document(bencher: Bencher) {
    let c = corpus();
    let g = Grammar::builtin();
    bencher.counter(BytesCount::new(c.bytes)).bench(|| {
        for d in &c.docs {
            black_box(Doc::new(black_box(d), g));
        }
    });
}

/// The part-of-speech tagger alone, on the corpus's sentences as `Doc::new` tokenizes them
/// (words, punctuation, whole quotations), one sentence at a time with reused buffers: tokens
/// per second, and MB/s of the documents' text (comparable with the other stages).
#[divan::bench(sample_count = 20)]
fn tagger(bencher: Bencher) {
    let c = corpus();
    let g = Grammar::builtin();
    let tagger = Tagger::builtin();
    // Each sentence as (text, is it a quotation) per token.
    let mut sentences: Vec<Vec<(String, bool)>> = Vec::new();
    for d in &c.docs {
        let doc = Doc::new(d, g);
        for s in &doc.sentences {
            let toks =
                (s.start..s.end).map(|i| (doc.tok_text(i).to_string(), doc.quote_of(i).is_some()));
            sentences.push(toks.collect());
        }
    }
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let mut scratch = Scratch::default();
    let mut out = Vec::with_capacity(1024);
    let bench = bencher
        .counter(ItemsCount::new(tokens))
        .counter(BytesCount::new(c.bytes));
    bench.bench_local(|| {
        for s in &sentences {
            out.clear();
            let words = s
                .iter()
                .map(|(w, q)| if *q { Word::Quote } else { Word::Text(w) });
            tagger.tag_into(words, &mut scratch, &mut out);
            black_box(&out);
        }
    });
}

/// `quotecheck::analyze`: the whole library pipeline, text to report.
#[divan::bench(sample_count = 10)]
fn analyze(bencher: Bencher) {
    let c = corpus();
    Grammar::builtin();
    bencher.counter(BytesCount::new(c.bytes)).bench(|| {
        for d in &c.docs {
            black_box(quotecheck::analyze(black_box(d)));
        }
    });
}

/// `analyze`, then the report written as a JSON Lines record (what `extract --jsonl` does).
#[divan::bench(sample_count = 10)]
fn analyze_and_json(bencher: Bencher) {
    let c = corpus();
    Grammar::builtin();
    let id = serde_json::Value::String("doc".into());
    let mut out: Vec<u8> = Vec::with_capacity(1 << 16);
    bencher.counter(BytesCount::new(c.bytes)).bench_local(|| {
        for d in &c.docs {
            let report = quotecheck::analyze(black_box(d));
            out.clear();
            quotecheck::render::json::write_labelled_line(&mut out, "id", &id, &report)
                .expect("write to a vector");
            black_box(&out);
        }
    });
}

/// One megabyte of each hostile input, analysed as one document; compare with `analyze` (the
/// news corpus, document by document) and `news_as_one_document`: each must stay within a few
/// times news time per byte, since no construction may have a super-linear path.
const HOSTILE: &[&str] = &[
    "quote marks",
    "alternating nested marks",
    "one sentence, no punctuation",
    "said repeated",
    "he said that repeated",
    "capitalised words",
    "unclosed quote before text",
    "apostrophes",
];

fn hostile_text(name: &str) -> String {
    const MB: usize = 1 << 20;
    let unit = match name {
        "quote marks" => "\"",
        "alternating nested marks" => "\u{201c}\u{2018}",
        "one sentence, no punctuation" => "the minister and officials ",
        "said repeated" => "said ",
        "he said that repeated" => "he said that ",
        "capitalised words" => "Capital Minister ",
        "unclosed quote before text" => {
            return format!("\"{}", "The talks went on. ".repeat(MB / 19))
        }
        "apostrophes" => "it's the players' union's ",
        _ => "x",
    };
    unit.repeat(MB / unit.len())
}

#[divan::bench(args = HOSTILE, sample_count = 5)]
fn hostile(bencher: Bencher, name: &str) {
    let text = hostile_text(name);
    Grammar::builtin();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| black_box(quotecheck::analyze(black_box(&text))));
}

/// The news corpus's first megabyte as one document, the baseline for `hostile`.
#[divan::bench(sample_count = 5)]
fn news_as_one_document(bencher: Bencher) {
    let c = corpus();
    let mut text = String::new();
    for d in &c.docs {
        if text.len() > 1 << 20 {
            break;
        }
        text.push_str(d);
        text.push_str("\n\n");
    }
    Grammar::builtin();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| black_box(quotecheck::analyze(black_box(&text))));
}
