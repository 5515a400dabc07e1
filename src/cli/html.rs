//! `--format html`: every document is read and analysed first, then one page is written.

use std::io::Write;
use std::path::PathBuf;

use quotecheck::render::html::{self, HtmlDoc};
use quotecheck::report::Report;

use super::ExtractArgs;
use super::{input, out};

/// `extract --format html`: one page for all `files`; returns the exit status.
pub fn extract(
    args: &ExtractArgs,
    files: &[PathBuf],
    analyze: impl Fn(&str) -> Result<Report, String>,
) -> i32 {
    if args.jsonl {
        out::error("--format html cannot be used with --jsonl: it makes one page of whole documents (give them as files)");
        return 2;
    }
    let mut status = 0;
    let mut docs: Vec<(String, String, Report)> = Vec::new();
    for f in files {
        let inp = match input::read_or_report(f, args.lossy, args.max_bytes) {
            Ok(inp) => inp,
            Err(s) => {
                status = status.max(s);
                continue;
            }
        };
        let report = match analyze(&inp.text) {
            Ok(r) => r,
            Err(e) => {
                out::error(format_args!("{}: {e}; skipped", inp.name));
                status = 2;
                continue;
            }
        };
        docs.push((inp.name, inp.text, report));
    }
    let views: Vec<HtmlDoc<'_>> = docs
        .iter()
        .map(|(name, text, report)| HtmlDoc {
            name,
            text,
            report,
            findings: None,
        })
        .collect();
    match write(&html::report(&views)) {
        Ok(()) => status,
        Err(e) => {
            out::error(format_args!("cannot write the output: {e}"));
            2
        }
    }
}

/// Writes the page to standard output; a closed pipe is not an error.
pub fn write(page: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(page.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}
