//! Command-line interface: argument parsing, input reading, exit codes.
//!
//! Exit status: 0 success; 1 some input could not be analysed (a malformed JSONL line, a
//! document over `--max-bytes`); 2 a usage, I/O or configuration error.

mod check;
mod extract;
mod html;
mod input;
pub mod out;
mod pool;
mod progress;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Reads news copy and reports who said what.
///
/// quotecheck finds every direct quote, partial quote and reported claim, links each to its
/// speaker (a named person or organisation, a pronoun, a role, an anonymous source) and to the
/// chain the claim travelled through (a briefing official, an agency, the dateline publisher).
#[derive(Parser, Debug)]
#[command(name = "quotecheck", version, about, long_about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "Examples:
  quotecheck extract examples/wire-story.txt --format text   who said what, by speaker
  quotecheck extract story.txt --pretty                       the attribution report as JSON
  quotecheck extract story.txt --format html > report.html    the text with every claim highlighted
  quotecheck extract --jsonl < articles.jsonl > out.jsonl     one result line per {\"id\",\"text\"} line
  quotecheck extract --jsonl -j 8 --stats big.jsonl > out.jsonl   eight threads, a summary at the end
  quotecheck check drafts/                                    gate drafted copy (exit 1 on findings)
  quotecheck check story.md --format sarif > qc.sarif         findings for code scanning
  quotecheck rule anonymous-no-reason                         what a rule finds and how to fix it
  quotecheck schema > report.schema.json                      the JSON Schema of the report";

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the attribution report of each input (JSON by default).
    #[command(
        after_help = "Spans are UTF-8 byte offsets into the input. Output is deterministic: the same input gives the same bytes."
    )]
    Extract(ExtractArgs),
    /// Check drafted copy: anonymous sources, unattributed quotes, loaded verbs, …
    #[command(
        after_help = "Exit status: 0 no findings at or above --fail-on (default warning), 1 findings, 2 usage, I/O or configuration error.\nRules: quotecheck rule; one rule's documentation: quotecheck rule NAME."
    )]
    Check(check::CheckArgs),
    /// Explain a rule (or list the rules).
    Rule {
        /// The rule id, e.g. loaded-verb.
        name: Option<String>,
    },
    /// Print the JSON Schema of the report.
    Schema,
}

/// Output format of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The report as JSON.
    Json,
    /// Who said what, grouped by speaker.
    Text,
    /// One self-contained HTML page for all inputs: the text with every claim highlighted by
    /// speaker, and a panel of speakers, anonymous share and source chains.
    Html,
}

#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Files to read; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Read JSON Lines ({"id": …, "text": …} a line) and write one result line per input line.
    #[arg(long)]
    jsonl: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Pretty-print JSON.
    #[arg(long)]
    pretty: bool,
    /// Extend the built-in grammar with the word lists in DIR (same file names as grammars/).
    #[arg(long, value_name = "DIR")]
    grammar: Vec<PathBuf>,
    /// Decode invalid UTF-8 with replacement characters instead of failing.
    #[arg(long)]
    lossy: bool,
    /// Skip documents larger than this many bytes, with an error record (never read past it).
    #[arg(long, value_name = "N", default_value_t = 64 * 1024 * 1024)]
    max_bytes: usize,
    /// Worker threads for --jsonl (0: one per core, at most 1024). Output stays in input order.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Print a summary on stderr at the end: documents, quotes, anonymous share, errors, MB/s.
    #[arg(long)]
    stats: bool,
}

/// Runs the command line and returns the exit status.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            out::error_lines(&e.render().to_string());
            return 2;
        }
        // --help and --version: text for standard output.
        Err(e) => return out::print(&e.render().to_string()),
    };
    match cli.command {
        Command::Extract(args) => extract::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Rule { name } => check::rule(name.as_deref()),
        Command::Schema => {
            let s = quotecheck::report::schema();
            match serde_json::to_string_pretty(&s) {
                Ok(t) => out::print(&(t + "\n")),
                Err(e) => {
                    out::error(e);
                    2
                }
            }
        }
    }
}
