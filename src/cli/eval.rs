//! `quotecheck eval`: scores attribution output against gold annotations
//! ([`quotecheck::eval`] documents the formats, the matching and the figures).

use std::fmt::Write as _;
use std::path::PathBuf;

use quotecheck::eval::{self, GoldDoc, Miss, PredDoc, Scores};
use quotecheck::Grammar;

#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// Gold annotations: one {"id", "text", "quotes": [...]} a line.
    #[arg(value_name = "GOLD")]
    gold: PathBuf,
    /// Predictions to score (`quotecheck extract --jsonl` output, `-` for standard input);
    /// without it, quotecheck analyses the gold texts itself.
    #[arg(value_name = "PRED")]
    pred: Option<PathBuf>,
    /// Write the output to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print the figures and counts as JSON.
    #[arg(long)]
    json: bool,
    /// List the misses: gold units not found, wrong speakers, spurious units.
    #[arg(long, short = 'v')]
    verbose: bool,
    /// Extend the built-in grammar with the word lists in DIR (when analysing the gold texts).
    #[arg(long, value_name = "DIR")]
    grammar: Vec<PathBuf>,
}

fn read(path: &std::path::Path) -> Result<String, String> {
    super::input::read(path, false, usize::MAX)
        .map(|i| i.text)
        .map_err(super::input::ReadError::into_message)
}

/// Runs `eval`; returns the exit status.
pub fn run(args: &EvalArgs) -> i32 {
    match scored(args) {
        Ok((gold, scores, misses)) => {
            let text = if args.json {
                json(args, &gold, &scores, &misses)
            } else {
                table(args, &gold, &scores, &misses)
            };
            super::write_output(args.output.as_deref(), &text)
        }
        Err(e) => {
            super::out::error(e);
            2
        }
    }
}

fn scored(args: &EvalArgs) -> Result<(Vec<GoldDoc>, Scores, Vec<Miss>), String> {
    let name = args.gold.display();
    let gold = eval::parse_gold(&read(&args.gold)?).map_err(|e| format!("{name}: {e}"))?;
    let preds: Vec<PredDoc> = match &args.pred {
        Some(p) => {
            let mut by_id =
                eval::parse_predictions(&read(p)?).map_err(|e| format!("{}: {e}", p.display()))?;
            gold.iter()
                .map(|d| by_id.remove(&d.id).unwrap_or_default())
                .collect()
        }
        None => {
            let extended = if args.grammar.is_empty() {
                None
            } else {
                Some(Grammar::with_dirs(&args.grammar).map_err(|e| e.to_string())?)
            };
            let g = extended.as_ref().unwrap_or_else(|| Grammar::builtin());
            gold.iter()
                .map(|d| eval::predictions_of(&quotecheck::analysis::analyze(&d.text, g)))
                .collect()
        }
    };
    let mut it = preds.iter();
    let (scores, misses) = eval::score(&gold, |_| it.next());
    Ok((gold, scores, misses))
}

fn describe(args: &EvalArgs, gold: &[GoldDoc]) -> String {
    let units: usize = gold.iter().map(GoldDoc::units).sum();
    let against = match &args.pred {
        Some(p) if p.as_os_str() == "-" => "predictions from standard input".into(),
        Some(p) => format!("predictions {}", p.display()),
        None => format!("quotecheck {}", env!("CARGO_PKG_VERSION")),
    };
    format!(
        "{}: {}, {} scored against {against}",
        args.gold.display(),
        quotecheck::figures::count(gold.len(), "document"),
        quotecheck::figures::count(units, "gold unit"),
    )
}

fn miss_line(m: &Miss) -> String {
    match m {
        Miss::Missed { doc, kind, text } => format!("{doc}: missed {kind} {text:?}"),
        Miss::Speaker {
            doc,
            gold,
            predicted,
            text,
        } => format!(
            "{doc}: speaker {} for gold {} of {text:?}",
            predicted
                .as_deref()
                .map_or("none".into(), |s| format!("{s:?}")),
            gold.as_deref().map_or("none".into(), |s| format!("{s:?}")),
        ),
        Miss::Spurious { doc, kind, text } => format!("{doc}: spurious {kind} {text:?}"),
    }
}

fn table(args: &EvalArgs, gold: &[GoldDoc], s: &Scores, misses: &[Miss]) -> String {
    let mut out = String::new();
    if args.verbose {
        for m in misses {
            let _ = writeln!(out, "{}", miss_line(m));
        }
        if !misses.is_empty() {
            out.push('\n');
        }
    }
    let c = &s.counts;
    let _ = writeln!(out, "{}", describe(args, gold));
    let _ = writeln!(out, "                  precision  recall     F1");
    for (name, p) in [
        ("attribution", &s.attribution),
        ("quoted", &s.quoted),
        ("indirect", &s.indirect),
        ("anonymous", &s.anonymous),
    ] {
        let _ = writeln!(
            out,
            "{name:<16}  {:>9.3}  {:>6.3}  {:>5.3}",
            p.precision, p.recall, p.f1
        );
    }
    let _ = writeln!(
        out,
        "speaker accuracy  {:.3} ({} of {} matched units)",
        s.speaker_accuracy, c.speaker_right, c.speaker_judged
    );
    let _ = writeln!(
        out,
        "chain recall      {:.3} ({} of {} gold chains)",
        s.chain_recall, c.chains_right, c.chains_judged
    );
    out
}

fn json(args: &EvalArgs, gold: &[GoldDoc], s: &Scores, misses: &[Miss]) -> String {
    let mut v = serde_json::json!({
        "gold": args.gold.display().to_string(),
        "documents": gold.len(),
        "gold_units": gold.iter().map(GoldDoc::units).sum::<usize>(),
    });
    if let (Some(o), Ok(serde_json::Value::Object(scores))) =
        (v.as_object_mut(), serde_json::to_value(s))
    {
        o.extend(scores);
        if args.verbose {
            o.insert("misses".into(), serde_json::json!(misses));
        }
    }
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}
