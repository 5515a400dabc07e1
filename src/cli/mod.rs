//! Command-line interface: argument parsing, input reading, exit codes.
//!
//! Exit status: 0 success; 1 some input could not be analysed (a malformed JSONL line, a
//! document over `--max-bytes`); 2 a usage, I/O or configuration error.

mod check;
mod docs;
mod eval;
mod extract;
mod html;
mod input;
mod interrupt;
pub mod out;
mod progress;
mod size;
mod tag;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Reads news copy and reports who said what.
///
/// quotecheck finds every direct quote, partial quote and reported claim, links each to its
/// speaker (a named person or organisation, a pronoun, a role, an anonymous source) and to the
/// chain the claim travelled through (a briefing official, an agency, the dateline publisher).
#[derive(Parser, Debug)]
#[command(name = "quotecheck", version = VERSION, about, long_about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The version with the commit and build date (from build.rs).
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("QUOTECHECK_BUILD_INFO"),
    ")"
);

const EXAMPLES: &str = "Examples:
  quotecheck extract examples/wire-story.txt --format text   who said what, by speaker
  quotecheck extract story.txt --pretty                       the attribution report as JSON
  quotecheck extract story.txt --format html > report.html    the text with every claim highlighted
  quotecheck extract --jsonl < articles.jsonl > out.jsonl     one result line per {\"id\",\"text\"} line
  quotecheck extract --jsonl -j 8 --stats big.jsonl > out.jsonl   eight threads, a summary at the end
  quotecheck check                                            every draft here; exit 1 on findings
  quotecheck check drafts/                                    gate one folder's drafted copy
  quotecheck check story.md --format sarif > qc.sarif         findings for code scanning
  quotecheck rule anonymous-no-reason                         what a rule finds and how to fix it
  quotecheck tag story.txt                                    part-of-speech tags, as CoNLL-U
  quotecheck schema > report.schema.json                      the JSON Schema of the report
  quotecheck eval gold.jsonl --verbose                        score against your own annotations";

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the attribution report of each input (JSON by default).
    #[command(
        after_help = concat!(
            "Spans are UTF-8 byte offsets into the input. Output is deterministic: the same ",
            "input gives the same bytes."
        )
    )]
    Extract(ExtractArgs),
    /// Check drafted copy: anonymous sources, unattributed quotes, loaded verbs, …
    #[command(
        after_help = concat!(
            "Exit status: 0 no findings at or above --fail-on (default warning), 1 findings, ",
            "2 usage, I/O or configuration error.\nRules: quotecheck rule; one rule's ",
            "documentation: quotecheck rule NAME."
        )
    )]
    Check(check::CheckArgs),
    /// Explain a rule (or list the rules).
    Rule {
        /// The rule id, e.g. loaded-verb.
        name: Option<String>,
    },
    /// Print the JSON Schema of the report.
    Schema,
    /// Score attribution against gold annotations (precision, recall, F1).
    #[command(after_help = EVAL_HELP)]
    Eval(eval::EvalArgs),
    /// Print a shell completion script.
    #[command(after_help = COMPLETIONS_HELP)]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) of quotecheck, or of one command.
    #[command(after_help = "Install: quotecheck manpage > ~/.local/share/man/man1/quotecheck.1")]
    Manpage {
        /// A command (e.g. check) for its own page.
        command: Option<String>,
    },
    /// Print each sentence's part-of-speech tags, as CoNLL-U.
    #[command(
        after_help = concat!(
            "One block per sentence: ID, FORM, UPOS, XPOS, FEATS and, in MISC, the phrase ",
            "(Phrase=B-NP opens a noun phrase, I-NP continues it) and TokenRange=start:end ",
            "(UTF-8 byte offsets into the input). A whole quotation is one token, UPOS X, ",
            "XPOS QUOTE."
        )
    )]
    Tag(tag::TagArgs),
}

const COMPLETIONS_HELP: &str = "Install, for example:
  bash  quotecheck completions bash > ~/.local/share/bash-completion/completions/quotecheck
  zsh   quotecheck completions zsh > ~/.zfunc/_quotecheck   (with fpath+=~/.zfunc)
  fish  quotecheck completions fish > ~/.config/fish/completions/quotecheck.fish";

const EVAL_HELP: &str = "Without PRED the gold texts are analysed by this quotecheck. \
The matching and the figures are documented in the README (Accuracy).
Exit status: 0 scored, 2 a file could not be read or parsed.";

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
    /// Files to read (.md and .markdown files are read as Markdown); `-` or nothing reads
    /// standard input.
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
    /// Write the output to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Read every input as Markdown: front matter, code, HTML and link targets are not prose
    /// (offsets stay those of the original text).
    #[arg(long)]
    markdown: bool,
    /// The name of standard input in the output; its extension says whether it is Markdown.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Draw no progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Extend the built-in grammar with the word lists in DIR (same file names as grammars/).
    #[arg(long, value_name = "DIR")]
    grammar: Vec<PathBuf>,
    /// Decode invalid UTF-8 with replacement characters instead of failing.
    #[arg(long)]
    lossy: bool,
    /// Skip documents larger than this, with an error record (never read past it): bytes, or
    /// with a unit (K, M, G, KiB, MiB, GiB: powers of 1024; KB, MB, GB: of 1000).
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = size::parse_max_bytes)]
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
        Command::Eval(args) => eval::run(&args),
        Command::Completions { shell } => docs::completions(shell),
        Command::Manpage { command } => docs::manpage(command.as_deref()),
        Command::Tag(args) => tag::run(&args),
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

/// Writes `text` to `file`, or to standard output; returns the exit status (0, or 2 when the
/// write failed, with a message; a closed pipe is no error).
fn write_output(file: Option<&std::path::Path>, text: &str) -> i32 {
    match file {
        Some(p) => match std::fs::write(p, text) {
            Ok(()) => 0,
            Err(e) => {
                out::error(input::io_message(p, &e));
                2
            }
        },
        None => out::print(text),
    }
}

/// The output `file` created, or standard output; an error is reported here (the caller
/// exits with status 2).
fn open_output(file: Option<&std::path::Path>) -> Result<Box<dyn std::io::Write>, ()> {
    match file {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Ok(Box::new(f)),
            Err(e) => {
                out::error(input::io_message(p, &e));
                Err(())
            }
        },
        None => Ok(Box::new(std::io::stdout().lock())),
    }
}

/// [`write_output`] for output made as it is written: `write` streams it to `file` or standard
/// output, and a line break ends it. The exit status: 0, or 2 when a write failed (a closed
/// pipe is no error).
fn stream_output(
    file: Option<&std::path::Path>,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> i32 {
    stream_output_ending(file, b"\n", write)
}

/// [`stream_output`], ending with `end` (not a line break).
fn stream_output_ending(
    file: Option<&std::path::Path>,
    end: &[u8],
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> i32 {
    use std::io::Write;
    let Ok(sink) = open_output(file) else {
        return 2;
    };
    let mut w = std::io::BufWriter::with_capacity(1 << 16, sink);
    let written = write(&mut w)
        .and_then(|()| w.write_all(end))
        .and_then(|()| w.flush());
    match written {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            match file {
                Some(p) => out::error(input::io_message(p, &e)),
                None => out::error(format_args!("cannot write the output: {e}")),
            }
            2
        }
    }
}
