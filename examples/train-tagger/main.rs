//! Trains the part-of-speech tagger's model (`grammars/tagger/en.bin`) from UD CoNLL-U files.
//!
//! ```sh
//! scripts/train-tagger.sh EWT_GIT GUM_GIT   # extracts the data, then runs this
//! cargo run --release --example train-tagger -- \
//!     --train target/tagger-data/ewt-train.conllu --train target/tagger-data/gum-train.conllu \
//!     --dev target/tagger-data/ewt-dev.conllu --out grammars/tagger/en.bin
//! ```
//!
//! Every training sentence is learnt as UD tokenizes it and, when it differs, as a `Doc`
//! tokenizes its text (`augment.rs`). The features are the library's own
//! (`quotecheck::syntax::features`), so training and tagging cannot drift apart. The dev file
//! is only measured: it picks nothing but is printed after each epoch, so the epochs can be tuned
//! on it. Never pass a test file.

mod augment;
mod conllu;
mod perceptron;

use std::time::Instant;

use clap::Parser;
use quotecheck::syntax::{Tag, Tagger, Word, WordInfo};
use quotecheck::Grammar;

use augment::Tok;
use perceptron::{Instance, Perceptron};

#[derive(Parser)]
struct Args {
    /// Training files (CoNLL-U).
    #[arg(long, required = true)]
    train: Vec<String>,
    /// Development files (CoNLL-U), measured after each epoch.
    #[arg(long)]
    dev: Vec<String>,
    /// Where to write the model.
    #[arg(long)]
    out: Option<String>,
    /// Passes over the training data.
    #[arg(long, default_value_t = 8)]
    epochs: usize,
    /// Quantisation: this quantile of the weights' magnitudes maps to 127 (larger ones are
    /// clipped).
    #[arg(long, default_value_t = 1.0)]
    clip: f64,
    /// Quantised weights smaller than this are dropped.
    #[arg(long, default_value_t = 6)]
    prune: i8,
    /// Also measure the exported model with these values of --prune.
    #[arg(long, value_delimiter = ',')]
    try_prune: Vec<i8>,
    /// Tag dictionary: forms seen at least this often …
    #[arg(long, default_value_t = 10)]
    dict_min: usize,
    /// … with one tag at least this share of the time.
    #[arg(long, default_value_t = 0.97)]
    dict_ratio: f64,
    /// Seed of the shuffles.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Leave out the Doc-tokenized copies.
    #[arg(long)]
    no_doc_copies: bool,
    /// Ambiguity classes: the tags a word took at least this share of the time.
    #[arg(long, default_value_t = 0.1)]
    class_share: f64,
    /// Leave out these feature templates (indices into `features::keys`).
    #[arg(long, value_delimiter = ',')]
    ablate: Vec<usize>,
    /// Print the most frequent confusions on dev (gold -> tagged).
    #[arg(long)]
    confusions: bool,
}

/// A sentence's tokens and their tags.
type Sent = Vec<(Tok, Tag)>;

/// A sentence's tokens and tags, as an instance.
fn instance(toks: &[(Tok, Tag)]) -> Instance {
    let infos = toks.iter().map(|(t, _)| match t {
        Tok::Text(s) => WordInfo::of_text(s),
        Tok::Quote => WordInfo::QUOTE,
    });
    Instance::new(infos, toks.iter().map(|t| t.1).collect())
}

/// UD sentences and their Doc-tokenized copies.
fn load(files: &[String], copies: bool) -> (Vec<Vec<(Tok, Tag)>>, Vec<(usize, Vec<(Tok, Tag)>)>) {
    let g = Grammar::builtin();
    let (mut ud, mut doc) = (Vec::new(), Vec::new());
    for f in files {
        let sents = conllu::read(f).unwrap_or_else(|e| {
            eprintln!("train-tagger: {e}");
            std::process::exit(2)
        });
        for s in &sents {
            if copies {
                doc.extend(augment::doc_tokens(s, g).map(|d| (ud.len(), d)));
            }
            ud.push(augment::ud_tokens(s));
        }
    }
    (ud, doc)
}

/// (UPOS accuracy, class accuracy) of `tagger` on `sents`, quotations left out.
fn measure(tagger: &Tagger, sents: &[Vec<(Tok, Tag)>]) -> (f64, f64) {
    let (mut n, mut upos, mut class) = (0usize, 0usize, 0usize);
    let mut out = Vec::new();
    let mut scratch = quotecheck::syntax::Scratch::default();
    for s in sents {
        out.clear();
        let words = s.iter().map(|(t, _)| match t {
            Tok::Text(w) => Word::Text(w),
            Tok::Quote => Word::Quote,
        });
        tagger.tag_into(words, &mut scratch, &mut out);
        for ((_, gold), got) in s.iter().zip(&out) {
            if *gold != Tag::Quote {
                n += 1;
                upos += usize::from(gold.upos() == got.upos());
                class += usize::from(gold == got);
            }
        }
    }
    let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
    (pct(upos), pct(class))
}

/// UPOS accuracy of the perceptron's averaged weights on `data`.
fn measure_exact(p: &mut Perceptron, data: &[Instance], confusions: bool) -> f64 {
    let (mut n, mut ok) = (0usize, 0usize);
    let mut conf = std::collections::HashMap::new();
    for x in data {
        let got = p.run(x, false, true);
        for (g, t) in x.gold.iter().zip(&got) {
            if *g != Tag::Quote {
                n += 1;
                ok += usize::from(g.upos() == t.upos());
                if g.upos() != t.upos() {
                    *conf.entry((g.name(), t.name())).or_insert(0usize) += 1;
                }
            }
        }
    }
    if confusions {
        let mut c: Vec<_> = conf.into_iter().collect();
        c.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for ((g, t), k) in c.iter().take(25) {
            println!("  {k:5}  {g} -> {t}");
        }
    }
    100.0 * ok as f64 / n.max(1) as f64
}

/// SplitMix64.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Sets the ambiguity classes of `train` (jackknifed: a Doc copy, `doc[k].0` its sentence, is in
/// its sentence's fold) and `dev`; returns the lexicon of the whole training data.
fn classes(
    train: &mut [Instance],
    dev: &mut [Instance],
    ud: usize,
    doc: &[(usize, Vec<(Tok, Tag)>)],
    share: f64,
) -> Vec<(u64, u64)> {
    const FOLDS: usize = 10;
    let fold_of: Vec<usize> = (0..ud)
        .chain(doc.iter().map(|d| d.0))
        .map(|i| i % FOLDS)
        .collect();
    let mut total = perceptron::Counts::new();
    let mut folds = vec![perceptron::Counts::new(); FOLDS];
    for (x, &f) in train.iter().zip(&fold_of) {
        perceptron::count(&mut total, x);
        perceptron::count(&mut folds[f], x);
    }
    perceptron::annotate(train, &total, Some((&folds, &fold_of)), share);
    perceptron::annotate(dev, &total, None, share);
    let mut lex: Vec<(u64, u64)> = total
        .iter()
        .map(|(&h, c)| (h, perceptron::class(c, None, share)))
        .collect();
    lex.sort_unstable();
    println!("lexicon: {} forms", lex.len());
    lex
}

/// Exports the model at each pruning level asked, measures it on dev, and writes the one of
/// `--prune`.
fn export(args: &Args, p: &Perceptron, lex: &[(u64, u64)], dev_ud: &[Sent], dev_doc: &[Sent]) {
    for prune in args.try_prune.iter().copied().chain([args.prune]) {
        let model = p.export(args.clip, prune, lex.to_vec());
        let size = model.to_bytes().len();
        let tagger = Tagger::new(model);
        let (u, c) = measure(&tagger, dev_ud);
        let (du, _) = measure(&tagger, dev_doc);
        println!(
            "exported, prune {prune}: dev UPOS {u:.2}%, classes {c:.2}%; Doc-tokenized dev \
             sentences UPOS {du:.2}%; {} features, {:.2} MB",
            tagger.model().features(),
            size as f64 / 1e6
        );
        if let (true, Some(out)) = (prune == args.prune, &args.out) {
            std::fs::write(out, tagger.model().to_bytes()).unwrap_or_else(|e| {
                eprintln!("train-tagger: {out}: {e}");
                std::process::exit(2)
            });
            println!("wrote {out}");
        }
    }
}

fn main() {
    let args = Args::parse();
    let started = Instant::now();
    let (ud, doc) = load(&args.train, !args.no_doc_copies);
    let (dev_ud, dev_doc) = load(&args.dev, true);
    let words: usize = ud.iter().map(Vec::len).sum();
    println!(
        "train: {} sentences, {words} words; {} Doc-tokenized copies; dev: {} sentences",
        ud.len(),
        doc.len(),
        dev_ud.len()
    );
    let mut train: Vec<Instance> = ud
        .iter()
        .chain(doc.iter().map(|d| &d.1))
        .map(|s| instance(s))
        .collect();
    let mut dev: Vec<Instance> = dev_ud.iter().map(|s| instance(s)).collect();
    let lex = classes(&mut train, &mut dev, ud.len(), &doc, args.class_share);
    let mut p = Perceptron::default();
    p.dict = perceptron::dictionary(&train, args.dict_min, args.dict_ratio);
    p.ablate = args.ablate.clone();
    let (mut hit, mut all) = (0usize, 0usize);
    for x in &dev {
        for i in &x.infos[2..x.infos.len() - 2] {
            all += 1;
            hit += usize::from(p.dict.contains_key(&i.form));
        }
    }
    println!(
        "tag dictionary: {} forms, {:.1}% of dev tokens",
        p.dict.len(),
        100.0 * hit as f64 / all.max(1) as f64
    );
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = args.seed;
    for epoch in 1..=args.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, (next(&mut rng) % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            p.run(&train[i], true, false);
        }
        let acc = measure_exact(&mut p, &dev, args.confusions && epoch == args.epochs);
        println!(
            "epoch {epoch}: dev UPOS {acc:.2}% (exact averaged weights), {} features, {:.0} s",
            p.features(),
            started.elapsed().as_secs_f64()
        );
    }
    if args.confusions {
        let mut per = [0usize; quotecheck::syntax::features::FEATURES];
        for t in p.template.values() {
            per[*t] += 1;
        }
        println!("features per template: {per:?}");
    }
    let dev_doc: Vec<Sent> = dev_doc.into_iter().map(|d| d.1).collect();
    export(&args, &p, &lex, &dev_ud, &dev_doc);
    println!("{:.0} s in all", started.elapsed().as_secs_f64());
}
