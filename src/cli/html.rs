//! `--format html`: every document is read and analysed first, then one page is written.

use std::io::Write;
use std::path::PathBuf;

use quotecheck::render::html::{self, HtmlDoc};
use quotecheck::report::Report;

use super::input;
use super::ExtractArgs;

/// `extract --format html`: one page for all `files`; returns the exit status.
pub fn extract(args: &ExtractArgs, files: &[PathBuf], analyze: impl Fn(&str) -> Report) -> i32 {
    if args.jsonl {
        eprintln!("quotecheck: --format html cannot be used with --jsonl: it makes one page of whole documents (give them as files)");
        return 2;
    }
    let mut status = 0;
    let mut docs: Vec<(String, String, Report)> = Vec::new();
    for f in files {
        let Some(inp) = input::read_or_report(f, args.lossy) else {
            status = 2;
            continue;
        };
        if inp.text.len() > args.max_bytes {
            eprintln!(
                "quotecheck: {}: {} bytes is over --max-bytes {}; skipped",
                inp.name,
                inp.text.len(),
                args.max_bytes
            );
            status = status.max(1);
            continue;
        }
        let report = analyze(&inp.text);
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
            eprintln!("quotecheck: {e}");
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
