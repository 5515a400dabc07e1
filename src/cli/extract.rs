//! `quotecheck extract`.

use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;

use quotecheck::jsonl::{Record, RecordError};
use quotecheck::render::json::{self, ErrorRecord, Labelled, PathLabel};
use quotecheck::report::Report;
use quotecheck::Grammar;

use super::input;
use super::{ExtractArgs, Format};

/// The grammar to read with: the shared built-in one (built once per process), or a private
/// copy extended by `--grammar` folders.
enum Analyzer {
    Builtin(&'static Grammar),
    Extended(Box<Grammar>),
}

impl Analyzer {
    fn analyze(&self, text: &str) -> Report {
        let g = match self {
            Analyzer::Builtin(g) => g,
            Analyzer::Extended(g) => g.as_ref(),
        };
        quotecheck::analysis::analyze(text, g)
    }
}

fn analyzer(args: &ExtractArgs) -> Result<Analyzer, String> {
    if args.grammar.is_empty() {
        return Ok(Analyzer::Builtin(Grammar::builtin()));
    }
    Grammar::with_dirs(&args.grammar).map(|g| Analyzer::Extended(Box::new(g))).map_err(|e| e.to_string())
}

/// Runs `extract`; returns the exit status.
pub fn run(args: &ExtractArgs) -> i32 {
    let analyzer = match analyzer(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("quotecheck: {e}");
            return 2;
        }
    };
    let files: Vec<PathBuf> = if args.files.is_empty() { vec![PathBuf::from("-")] } else { args.files.clone() };
    if args.format == Format::Html {
        // One page for all documents, written at the end.
        return super::html::extract(args, &files, |text| analyzer.analyze(text));
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut status = 0;
    for f in &files {
        let r = if args.jsonl { jsonl(&analyzer, args, f, &mut out) } else { document(&analyzer, args, f, &mut out) };
        match r {
            Ok(s) => status = status.max(s),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return status,
            Err(e) => {
                eprintln!("quotecheck: {e}");
                status = 2;
            }
        }
    }
    if let Err(e) = out.flush() {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("quotecheck: {e}");
            return 2;
        }
    }
    status
}

fn document<W: Write>(analyzer: &Analyzer, args: &ExtractArgs, f: &std::path::Path, out: &mut W) -> std::io::Result<i32> {
    let inp = match input::read(f, args.lossy) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("quotecheck: {e}");
            return Ok(2);
        }
    };
    if inp.text.len() > args.max_bytes {
        eprintln!("quotecheck: {}: {} bytes is over --max-bytes {}; skipped", inp.name, inp.text.len(), args.max_bytes);
        return Ok(1);
    }
    let report = analyzer.analyze(&inp.text);
    match args.format {
        Format::Text => out.write_all(quotecheck::render::text::render(&inp.name, &inp.text, &report).as_bytes())?,
        // Written for all documents at once by `html::extract`.
        Format::Html => {}
        Format::Json => {
            let rec = Labelled { label: PathLabel { path: &inp.name }, report: &report };
            if args.pretty {
                json::write_pretty(out, &rec)?
            } else {
                // Streamed: one document may be large, and its JSON is several times its size.
                json::write_line(out, &rec)?
            }
        }
    }
    Ok(0)
}

fn jsonl<W: Write>(analyzer: &Analyzer, args: &ExtractArgs, f: &std::path::Path, out: &mut W) -> std::io::Result<i32> {
    let name = f.display().to_string();
    let reader: Box<dyn BufRead> = if name == "-" {
        Box::new(std::io::BufReader::with_capacity(1 << 16, std::io::stdin()))
    } else {
        match std::fs::File::open(f) {
            Ok(file) => Box::new(std::io::BufReader::with_capacity(1 << 16, file)),
            Err(e) => {
                eprintln!("quotecheck: {name}: {e}");
                return Ok(2);
            }
        }
    };
    let mut status = 0;
    let mut buf = Vec::new();
    // Each result line is serialised here, then written in one call.
    let mut line_out: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut reader = reader;
    let mut line_no = 0usize;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line_no += 1;
        // Decoded in place: the line buffer keeps its capacity from line to line.
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => std::borrow::Cow::Borrowed(l),
            Err(_) if args.lossy => String::from_utf8_lossy(&buf),
            Err(e) => {
                let off = e.valid_up_to();
                json::write_line(out, &ErrorRecord { id: None, line: line_no, error: format!("invalid UTF-8 at byte {off} of the line") })?;
                status = 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        // The line holds the text plus its id and escapes: allow room for them.
        if line.len() > args.max_bytes.saturating_mul(2).saturating_add(1 << 16) {
            json::write_line(
                out,
                &ErrorRecord { id: None, line: line_no, error: format!("record of {} bytes is over --max-bytes {}", line.len(), args.max_bytes) },
            )?;
            status = 1;
            continue;
        }
        let Record { id, text } = match quotecheck::jsonl::parse_line(&line) {
            Ok(r) => r,
            Err(e) => {
                let id = match &e {
                    RecordError::MissingText(id) => Some(id),
                    RecordError::Malformed(_) => None,
                };
                json::write_line(out, &ErrorRecord { id, line: line_no, error: e.to_string() })?;
                status = 1;
                continue;
            }
        };
        if text.len() > args.max_bytes {
            json::write_line(
                out,
                &ErrorRecord { id: Some(&id), line: line_no, error: format!("text of {} bytes is over --max-bytes {}", text.len(), args.max_bytes) },
            )?;
            status = 1;
            continue;
        }
        let report = analyzer.analyze(&text);
        line_out.clear();
        json::write_labelled_line(&mut line_out, "id", &id, &report)?;
        out.write_all(&line_out)?;
    }
    Ok(status)
}
