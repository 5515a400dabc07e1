//! `--format html`: every document is read and analysed first, then one page is written.

use std::path::PathBuf;

use quotecheck::analysis::TableReport;
use quotecheck::render::html::{self, HtmlDoc};

use super::ExtractArgs;
use super::{input, out};

/// `extract --format html`: one page for all `files`; returns the exit status.
pub fn extract(
    args: &ExtractArgs,
    files: &[PathBuf],
    analyze: impl Fn(&std::path::Path, &str) -> Result<TableReport, String>,
) -> i32 {
    if args.jsonl {
        out::error(
            "--format html cannot be used with --jsonl: it makes one page of whole documents \
             (give them as files)",
        );
        return 2;
    }
    let mut status = 0;
    let mut docs: Vec<(String, String, TableReport)> = Vec::new();
    for f in files {
        let mut inp = match input::read_or_report(f, args.lossy, args.max_bytes) {
            Ok(inp) => inp,
            Err(s) => {
                status = status.max(s);
                continue;
            }
        };
        if f.as_os_str() == "-" {
            if let Some(n) = &args.stdin_filename {
                inp.name = n.display().to_string();
            }
        }
        let report = match analyze(f, &inp.text) {
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
            report: &report.head,
            quotes: report.quotes(text),
            findings: None,
        })
        .collect();
    if docs.is_empty() && status == 2 {
        // Nothing could be read: no page.
        return 2;
    }
    // Streamed: the page of a long document of quotes is many times its size.
    status.max(super::stream_output_ending(
        args.output.as_deref(),
        b"",
        |w| html::write_report(w, &views),
    ))
}
