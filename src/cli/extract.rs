//! `quotecheck extract`.

use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use quotecheck::analysis::TableReport;
use quotecheck::check::InputKind;
use quotecheck::jsonl::{RawId, RecordError};
use quotecheck::pool;
use quotecheck::render::json::{self, ErrorRecord, Labelled, PathLabel};
use quotecheck::report::{Quote, QuoteKind, Report};
use quotecheck::Grammar;

use super::{input, out, progress};
use super::{ExtractArgs, Format};

/// The grammar to read with: the shared built-in one (built once per process), or a private
/// copy extended by `--grammar` folders.
enum Analyzer {
    Builtin(&'static Grammar),
    Extended(Box<Grammar>),
}

impl Analyzer {
    /// Analyses `text`, read as `kind` (Markdown: its prose only, offsets into `text`).
    fn analyze(&self, text: &str, kind: InputKind) -> TableReport {
        let g = match self {
            Analyzer::Builtin(g) => g,
            Analyzer::Extended(g) => g.as_ref(),
        };
        out::test_panic(text);
        let _large = crate::alloc::LargeDocument::of(text.len());
        quotecheck::check::markdown::analyze_table(text, kind, g)
    }

    /// [`Self::analyze`], `f` given the report without its quotes and its quotes one at a time
    /// (see [`quotecheck::check::markdown::analyze_stream`]).
    fn analyze_stream<R>(
        &self,
        text: &str,
        kind: InputKind,
        f: impl FnOnce(&Report, &mut dyn Iterator<Item = Quote>) -> R,
    ) -> R {
        let g = match self {
            Analyzer::Builtin(g) => g,
            Analyzer::Extended(g) => g.as_ref(),
        };
        out::test_panic(text);
        let _large = crate::alloc::LargeDocument::of(text.len());
        quotecheck::check::markdown::analyze_stream(text, kind, g, f)
    }

    /// [`Self::analyze`], with a panic caught and returned as its message: one input that
    /// trips a bug is reported, and the run goes on with the others.
    fn analyze_caught(&self, text: &str, kind: InputKind) -> Result<TableReport, String> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.analyze(text, kind)))
            .map_err(|p| out::panic_message(p.as_ref()))
    }
}

/// How to read `f` (`-` for standard input): Markdown by `--markdown`, or by the extension of
/// the file or of `--stdin-filename`.
fn kind_of(args: &ExtractArgs, f: &std::path::Path) -> InputKind {
    if args.markdown {
        return InputKind::Markdown;
    }
    match (&args.stdin_filename, f.as_os_str() == "-") {
        (Some(n), true) => InputKind::from_path(n),
        (None, true) => InputKind::Text,
        _ => InputKind::from_path(f),
    }
}

/// The name of input `f` in the output.
fn name_of(args: &ExtractArgs, f: &std::path::Path) -> String {
    match (&args.stdin_filename, f.as_os_str() == "-") {
        (Some(n), true) => n.display().to_string(),
        _ => f.display().to_string(),
    }
}

/// Options that cannot go together, or input that cannot come: the message.
fn usage_problem(args: &ExtractArgs) -> Option<String> {
    if args.jsonl && args.format == Format::Text {
        return Some(
            "--format text cannot be used with --jsonl: JSON Lines output is one JSON \
                     report a line (use --format text on documents)"
                .into(),
        );
    }
    if args.jsonl && args.pretty {
        return Some(
            "--pretty cannot be used with --jsonl: JSON Lines output is one compact \
                     report a line"
                .into(),
        );
    }
    let reads_stdin = args.files.is_empty() || args.files.iter().any(|f| f.as_os_str() == "-");
    if args.files.is_empty() && std::io::stdin().is_terminal() {
        return Some(
            "no input: give files to read, or pipe text to standard input \
                     (to check the documents of a folder, run `quotecheck check`)"
                .into(),
        );
    }
    if args.stdin_filename.is_some() && !reads_stdin {
        return Some("--stdin-filename names standard input, which is not read here".into());
    }
    None
}

fn analyzer(args: &ExtractArgs) -> Result<Analyzer, String> {
    if args.grammar.is_empty() {
        return Ok(Analyzer::Builtin(Grammar::builtin()));
    }
    Grammar::with_dirs(&args.grammar)
        .map(|g| Analyzer::Extended(Box::new(g)))
        .map_err(|e| e.to_string())
}

/// Runs `extract`; returns the exit status.
pub fn run(args: &ExtractArgs) -> i32 {
    if let Some(e) = usage_problem(args) {
        out::error(e);
        return 2;
    }
    let analyzer = match analyzer(args) {
        Ok(a) => a,
        Err(e) => {
            out::error(e);
            return 2;
        }
    };
    let files: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    if args.format == Format::Html {
        // One page for all documents, written at the end.
        return super::html::extract(args, &files, |f, text| {
            analyzer.analyze_caught(text, kind_of(args, f))
        });
    }
    let Ok(sink) = super::open_output(args.output.as_deref()) else {
        return 2;
    };
    let mut out = BufWriter::with_capacity(1 << 16, sink);
    let mut status = 0;
    let started = std::time::Instant::now();
    let mut stats = Stats::default();
    if args.jsonl {
        super::interrupt::install();
    }
    for f in &files {
        if super::interrupt::caught().is_some() {
            break;
        }
        let r = if args.jsonl {
            jsonl(&analyzer, args, f, files.len() > 1, &mut out, &mut stats)
        } else {
            document(&analyzer, args, f, &mut out, &mut stats)
        };
        match r {
            Ok(s) => status = status.max(s),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return status,
            Err(e) => {
                out::error(format_args!("cannot write the output: {e}"));
                return 2;
            }
        }
    }
    if let Err(e) = out.flush() {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            out::error(format_args!("cannot write the output: {e}"));
            return 2;
        }
    }
    if args.stats {
        let summary = stats.summary(started.elapsed().as_secs_f64());
        out::error(summary.strip_prefix("quotecheck: ").unwrap_or(&summary));
    }
    if let Some(sig) = super::interrupt::caught() {
        out::error(format_args!(
            "interrupted (signal {sig}): stopped after {} complete records",
            stats.docs
        ));
        return 128 + sig;
    }
    status
}

fn document<W: Write>(
    analyzer: &Analyzer,
    args: &ExtractArgs,
    f: &std::path::Path,
    out: &mut W,
    stats: &mut Stats,
) -> std::io::Result<i32> {
    let mut inp = match input::read_or_report(f, args.lossy, args.max_bytes) {
        Ok(inp) => inp,
        Err(status) => {
            stats.errors += 1;
            return Ok(status);
        }
    };
    inp.name = name_of(args, f);
    stats.bytes += inp.text.len() as u64;
    // Streamed: one document may be large, and its quotes and its JSON are several times its
    // size; the text is made quote by quote, the pretty JSON written quote by quote.
    match args.format {
        Format::Json if !args.pretty => {
            streamed_document(analyzer, args, f, &inp, out, stats, |out, head, quotes| {
                json::write_labelled_stream(out, "path", &inp.name, head, quotes, |_| {})
            })
        }
        Format::Json => {
            streamed_document(analyzer, args, f, &inp, out, stats, |out, head, quotes| {
                let rec = Labelled {
                    label: PathLabel { path: &inp.name },
                    report: head,
                };
                json::write_pretty_stream(out, &rec, head, quotes)
            })
        }
        Format::Text => {
            streamed_document(analyzer, args, f, &inp, out, stats, |out, head, quotes| {
                let text =
                    quotecheck::render::text::render_stream(&inp.name, &inp.text, head, quotes);
                out.write_all(text.as_bytes())
            })
        }
        // (Written for all documents at once by `html::extract`.)
        Format::Html => Ok(0),
    }
}

/// Document `f` (read as `inp`) analysed and written by `write` as its quotes are made (given
/// the report without its quotes, and its quotes one at a time).
fn streamed_document<W: Write>(
    analyzer: &Analyzer,
    args: &ExtractArgs,
    f: &std::path::Path,
    inp: &input::Input,
    out: &mut W,
    stats: &mut Stats,
    write: impl FnOnce(&mut W, &Report, &mut dyn Iterator<Item = Quote>) -> std::io::Result<()>,
) -> std::io::Result<i32> {
    let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyzer.analyze_stream(&inp.text, kind_of(args, f), |head, quotes| {
            let mut tally = Tally::default();
            let w = write(out, head, &mut quotes.inspect(|q| tally.add(q)));
            tally.finish(stats);
            w
        })
    }));
    match written {
        Ok(w) => w.map(|()| 0),
        Err(p) => {
            let e = out::panic_message(p.as_ref());
            out::error(format_args!("{}: {e}; skipped", inp.name));
            stats.errors += 1;
            Ok(2)
        }
    }
}

/// The claims of a report read a quote at a time, and of them the anonymous ones: the counts
/// of [`quotecheck::Figures::of`] (a partial quote inside a reported claim is part of it, so
/// partial quotes are counted once every reported claim is known).
#[derive(Default)]
struct Tally {
    claims: u64,
    anonymous: u64,
    /// The reported claims: (start, end).
    indirect: Vec<(usize, usize)>,
    /// The partial quotes that continue nothing: (start, end, anonymous).
    partial: Vec<(usize, usize, bool)>,
}

impl Tally {
    fn add(&mut self, q: &Quote) {
        if q.kind == QuoteKind::Indirect {
            self.indirect.push((q.content.start, q.content.end));
        }
        if q.continues.is_some() {
            return;
        }
        let anonymous = q.speaker.as_ref().is_some_and(|s| s.anonymous);
        match q.kind {
            QuoteKind::Direct | QuoteKind::Indirect | QuoteKind::Belief => {
                self.claims += 1;
                self.anonymous += u64::from(anonymous);
            }
            QuoteKind::Partial => self
                .partial
                .push((q.content.start, q.content.end, anonymous)),
            QuoteKind::Title | QuoteKind::Scare => {}
        }
    }

    /// Adds the document's counts to `stats`.
    fn finish(mut self, stats: &mut Stats) {
        let reported = quotecheck::figures::ReportedSpans::new(std::mem::take(&mut self.indirect));
        for &(s, e, anonymous) in &self.partial {
            if !reported.contains(s, e) {
                self.claims += 1;
                self.anonymous += u64::from(anonymous);
            }
        }
        stats.docs += 1;
        stats.claims += self.claims;
        stats.anonymous += self.anonymous;
    }
}

fn count(n: u64, noun: &str) -> String {
    quotecheck::figures::count(usize::try_from(n).unwrap_or(usize::MAX), noun)
}

/// Counts for `--stats` and the progress bar.
#[derive(Default, Clone, Copy)]
pub struct Stats {
    /// Documents analysed.
    pub docs: u64,
    /// Claims found ([`quotecheck::figures`]).
    pub claims: u64,
    /// Of them, from anonymous sources.
    pub anonymous: u64,
    /// Records that could not be analysed (error records).
    pub errors: u64,
    /// Input bytes read.
    pub bytes: u64,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.docs += o.docs;
        self.claims += o.claims;
        self.anonymous += o.anonymous;
        self.errors += o.errors;
        self.bytes += o.bytes;
    }

    /// The `--stats` summary line.
    pub fn summary(&self, secs: f64) -> String {
        let share = if self.claims == 0 {
            0.0
        } else {
            100.0 * self.anonymous as f64 / self.claims as f64
        };
        let mb = self.bytes as f64 / 1e6;
        format!(
            "quotecheck: {}, {} ({:.1}% anonymous), {}; {:.1} MB in {:.2} s ({:.1} MB/s)",
            count(self.docs, "document"),
            count(self.claims, "claim"),
            share,
            count(self.errors, "error"),
            mb,
            secs,
            if secs > 0.0 { mb / secs } else { 0.0 }
        )
    }
}

/// One line of a JSON Lines batch: its bytes in the batch buffer, or its length when it was
/// over the size limit (and not kept).
enum Entry {
    Line(std::ops::Range<usize>),
    TooLong(usize),
}

/// Lines read together and handed to one worker.
struct Batch {
    /// The 1-based number of the first line.
    first_line: usize,
    buf: Vec<u8>,
    entries: Vec<Entry>,
}

/// A batch's result lines, ready to write: `spilled`, then `out`.
struct Done {
    out: Vec<u8>,
    /// The first parts of the lines, moved out of `out` as a long record's line was written
    /// (so its buffer is never copied to grow: a long document's line is many times its size).
    spilled: Vec<Vec<u8>>,
    /// How many times the lines were written straight to the output (one thread:
    /// [`work_batch`]'s `direct`) instead of being spilled: what was written cannot be taken
    /// back.
    written: usize,
    status: i32,
    stats: Stats,
}

/// The size at which [`Done::out`] is spilled while a record's line is written.
const SPILL: usize = 1 << 20;

impl Done {
    /// Moves `out` to `spilled` when it has reached [`SPILL`].
    fn spill(out: &mut Vec<u8>, spilled: &mut Vec<Vec<u8>>) {
        if out.len() >= SPILL {
            spilled.push(std::mem::replace(
                out,
                Vec::with_capacity(SPILL + SPILL / 4),
            ));
        }
    }

    /// Moves `out` on (as [`Done::spill`]) when it has reached [`SPILL`]: to `direct`, with
    /// the parts spilled before it, when there is one and it has taken every write so far.
    fn spill_to(
        out: &mut Vec<u8>,
        spilled: &mut Vec<Vec<u8>>,
        written: &mut usize,
        direct: Option<&mut (dyn Write + '_)>,
        failed: &mut Option<std::io::Error>,
    ) {
        let Some(w) = direct.filter(|_| out.len() >= SPILL && failed.is_none()) else {
            return Done::spill(out, spilled);
        };
        let wrote = (spilled.iter())
            .try_for_each(|part| w.write_all(part))
            .and_then(|()| w.write_all(out));
        match wrote {
            Ok(()) => {
                spilled.clear();
                out.clear();
                *written += 1;
            }
            Err(e) => {
                *failed = Some(e);
                Done::spill(out, spilled);
            }
        }
    }

    /// Drops what was written from byte `from` of the output, which was `out` when `spilled`
    /// held `parts` parts and the lines had been written straight out `written` times. When
    /// they were written out since, the line begun there cannot be taken back: it is ended, so
    /// that what follows stands on a line of its own.
    fn unwrite_since(&mut self, parts: usize, from: usize, written: usize) {
        if self.written != written {
            self.spilled.clear();
            self.out.clear();
            self.out.push(b'\n');
        } else {
            self.unwrite(parts, from);
        }
    }

    /// Drops what was written from byte `from` of the output, which was `out` when `spilled`
    /// held `parts` parts.
    fn unwrite(&mut self, parts: usize, from: usize) {
        if let Some(first) = self.spilled.drain(parts..).next() {
            self.out = first;
        }
        self.out.truncate(from);
    }
}

/// A batch closes at this many lines or bytes (whichever comes first): large enough that the
/// hand-over costs nothing, small enough that the pool's window stays a few megabytes.
const BATCH_LINES: usize = 64;
const BATCH_BYTES: usize = 1 << 16;

/// What [`read_line_capped`] read.
enum LineRead {
    Eof,
    Line,
    /// A line of this many bytes, over the cap: skipped, not stored.
    TooLong(usize),
}

/// Appends one line (with its newline) to `buf`, unless it is longer than `cap`: then it is
/// read through and dropped, so that a huge line never sits in memory.
fn read_line_capped(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<LineRead> {
    let start = buf.len();
    let mut total = 0usize;
    let mut too_long = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            break;
        }
        let (used, found) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        total += used;
        if !too_long {
            if total > cap {
                too_long = true;
                buf.truncate(start);
            } else {
                buf.extend_from_slice(avail.get(..used).unwrap_or_default());
            }
        }
        r.consume(used);
        if found {
            break;
        }
    }
    Ok(match (total, too_long) {
        (0, _) => LineRead::Eof,
        (n, true) => LineRead::TooLong(n),
        _ => LineRead::Line,
    })
}

/// The input's size in bytes when it is known (a regular file, or standard input redirected
/// from one), for the progress bar's ETA.
fn input_len(f: &std::path::Path) -> Option<u64> {
    let meta = if f.as_os_str() == "-" {
        use std::os::fd::AsFd;
        let fd = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
        std::fs::File::from(fd).metadata().ok()?
    } else {
        std::fs::metadata(f).ok()?
    };
    meta.is_file().then_some(meta.len())
}

/// The progress bar of one input (none with --quiet).
fn bar(args: &ExtractArgs, f: &std::path::Path) -> Option<indicatif::ProgressBar> {
    if args.quiet {
        None
    } else {
        progress::bytes(input_len(f))
    }
}

/// `extract --jsonl` over one input (`several`: the run reads more than one, and error
/// records name their file): lines read in batches, analysed on `--threads` threads, results
/// written in input order.
fn jsonl<W: Write>(
    analyzer: &Analyzer,
    args: &ExtractArgs,
    f: &std::path::Path,
    several: bool,
    out: &mut W,
    total: &mut Stats,
) -> std::io::Result<i32> {
    let name = name_of(args, f);
    let mut reader: Box<dyn BufRead> = if f.as_os_str() == "-" {
        Box::new(std::io::BufReader::with_capacity(1 << 16, std::io::stdin()))
    } else {
        match std::fs::File::open(f) {
            Ok(file) => Box::new(std::io::BufReader::with_capacity(1 << 16, file)),
            Err(e) => {
                out::error(input::io_message(f, &e));
                return Ok(2);
            }
        }
    };
    // The line holds the text plus its id and escapes: allow room for them.
    let cap = args.max_bytes.saturating_mul(2).saturating_add(1 << 16);
    let bar = bar(args, f);
    let mut line_no = 0usize;
    let mut eof = false;
    let mut status = 0;
    let next = || -> std::io::Result<Option<Batch>> {
        // After SIGINT, SIGTERM or SIGHUP, no more input: what is in flight is written whole.
        if eof || super::interrupt::caught().is_some() {
            return Ok(None);
        }
        // A batch stops at the first line that takes it past BATCH_BYTES: room for that and a
        // quarter more, so the buffer is rarely copied as it grows.
        let mut batch = Batch {
            first_line: line_no + 1,
            buf: Vec::with_capacity(BATCH_BYTES + BATCH_BYTES / 4),
            entries: Vec::with_capacity(BATCH_LINES),
        };
        while batch.entries.len() < BATCH_LINES && batch.buf.len() < BATCH_BYTES {
            let from = batch.buf.len();
            match read_line_capped(&mut *reader, &mut batch.buf, cap)? {
                LineRead::Eof => {
                    eof = true;
                    break;
                }
                LineRead::Line => batch.entries.push(Entry::Line(from..batch.buf.len())),
                LineRead::TooLong(n) => batch.entries.push(Entry::TooLong(n)),
            }
            line_no += 1;
        }
        Ok((!batch.entries.is_empty()).then_some(batch))
    };
    let file = several.then_some(name.as_str());
    let mut sink = |out: &mut W, done: Done| -> std::io::Result<()> {
        for part in &done.spilled {
            out.write_all(part)?;
        }
        out.write_all(&done.out)?;
        status = status.max(done.status);
        total.add(&done.stats);
        if let Some(b) = &bar {
            b.inc(done.stats.bytes);
            b.set_message(format!("{} docs", total.docs));
        }
        Ok(())
    };
    let threads = pool::threads(args.threads);
    let r = if threads <= 1 {
        // One thread: each batch is written before the next is read, so a long record's line
        // goes out a megabyte at a time as it is made, never held whole.
        let mut next = next;
        (|| {
            while let Some(batch) = next()? {
                let done = work_batch(analyzer, args, file, &batch, Some(&mut *out));
                sink(&mut *out, done)?;
            }
            Ok(())
        })()
    } else {
        let work = |batch: Batch| work_batch(analyzer, args, file, &batch, None);
        pool::ordered(threads, next, work, |done| sink(&mut *out, done))
    };
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    r.map(|_| status)
}

/// The result lines of one batch of input `file` (named in error records when given). With
/// `direct` (the output, when everything before this batch is written), the lines are written
/// there as they outgrow [`SPILL`] instead of being held.
fn work_batch(
    analyzer: &Analyzer,
    args: &ExtractArgs,
    file: Option<&str>,
    batch: &Batch,
    mut direct: Option<&mut (dyn Write + '_)>,
) -> Done {
    // A report line is about six times its input line on news copy: room for a third more
    // than that, so the buffer is rarely copied as it grows.
    let mut done = Done {
        out: Vec::with_capacity(batch.buf.len() * 8),
        spilled: Vec::new(),
        written: 0,
        status: 0,
        stats: Stats::default(),
    };
    // Each record's text, decoded into one buffer the batch reuses.
    let mut text = String::new();
    for (k, e) in batch.entries.iter().enumerate() {
        let at = Origin {
            file,
            line: batch.first_line + k,
        };
        let s = match e {
            Entry::Line(r) => {
                let bytes = batch.buf.get(r.clone()).unwrap_or_default();
                done.stats.bytes += bytes.len() as u64;
                let direct = direct.as_deref_mut();
                record(analyzer, args, at, bytes, &mut text, &mut done, direct)
            }
            Entry::TooLong(n) => {
                done.stats.bytes += *n as u64;
                let error = format!("record of {n} bytes is over --max-bytes {}", args.max_bytes);
                error_record(&mut done.out, &mut done.stats, at, None, error)
            }
        };
        // Writing to a vector cannot fail; a serializer error is an error record's worth.
        done.status = done.status.max(s.unwrap_or(1));
    }
    done
}

/// Where a JSON Lines record comes from: its input (named in error records when a run reads
/// several) and its 1-based line.
#[derive(Clone, Copy)]
struct Origin<'a> {
    file: Option<&'a str>,
    line: usize,
}

/// One JSON Lines record (its text decoded into `text`): its result line (or error record)
/// appended to `out`; returns the record's exit status (0, or 1 for an error record). A panic
/// while analysing it becomes its error record: the lines already written stay, and the run
/// goes on with the next record.
fn record(
    analyzer: &Analyzer,
    args: &ExtractArgs,
    at: Origin<'_>,
    bytes: &[u8],
    text: &mut String,
    done: &mut Done,
    direct: Option<&mut (dyn Write + '_)>,
) -> std::io::Result<i32> {
    let (parts, from, written) = (done.spilled.len(), done.out.len(), done.written);
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        record_inner(analyzer, args, at, bytes, text, &mut *done, direct)
    }));
    caught.unwrap_or_else(|p| {
        done.unwrite_since(parts, from, written);
        let message = out::panic_message(p.as_ref());
        error_record(&mut done.out, &mut done.stats, at, None, message)
    })
}

/// Appends an error record for the record at `at` (with its id when it could be read).
fn error_record(
    out: &mut Vec<u8>,
    stats: &mut Stats,
    at: Origin<'_>,
    id: Option<&RawId>,
    error: String,
) -> std::io::Result<i32> {
    stats.errors += 1;
    json::write_line(
        out,
        &ErrorRecord {
            id,
            file: at.file,
            line: at.line,
            error,
        },
    )
    .map(|_| 1)
}

/// The body of [`record`].
fn record_inner(
    analyzer: &Analyzer,
    args: &ExtractArgs,
    at: Origin<'_>,
    bytes: &[u8],
    text: &mut String,
    done: &mut Done,
    mut direct: Option<&mut (dyn Write + '_)>,
) -> std::io::Result<i32> {
    let (out, stats) = (&mut done.out, &mut done.stats);
    // A byte order mark opening the input is no part of its first record.
    let bytes = match bytes.strip_prefix("\u{feff}".as_bytes()) {
        Some(rest) if at.line == 1 => rest,
        _ => bytes,
    };
    let line = match std::str::from_utf8(bytes) {
        Ok(l) => std::borrow::Cow::Borrowed(l),
        Err(_) if args.lossy => String::from_utf8_lossy(bytes),
        Err(e) => {
            // The id, when the line still reads as a record with the bad bytes replaced and the
            // id has none of them.
            let lossy = String::from_utf8_lossy(bytes);
            let id = match quotecheck::jsonl::parse_line_into(&lossy, text) {
                Ok(id) | Err(RecordError::MissingText(id)) => Some(id),
                Err(RecordError::Malformed(_)) => None,
            };
            let id = id.filter(|id| !id.get().contains('\u{fffd}'));
            let error = format!("invalid UTF-8 at byte {} of the line", e.valid_up_to());
            return error_record(out, stats, at, id.as_ref(), error);
        }
    };
    if line.trim().is_empty() {
        return Ok(0);
    }
    let id = match quotecheck::jsonl::parse_line_into(&line, text) {
        Ok(id) => id,
        Err(e) => {
            let id = match &e {
                RecordError::MissingText(id) => Some(id),
                RecordError::Malformed(_) => None,
            };
            return error_record(out, stats, at, id, e.to_string());
        }
    };
    if text.len() > args.max_bytes {
        let error = format!(
            "text of {} bytes is over --max-bytes {}",
            text.len(),
            args.max_bytes
        );
        return error_record(out, stats, at, Some(&id), error);
    }
    let kind = if args.markdown {
        InputKind::Markdown
    } else {
        InputKind::Text
    };
    let (parts, from, before) = (done.spilled.len(), done.out.len(), done.written);
    let mut failed = None;
    let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // The report's quotes are written as they are made: one record may be a long document.
        analyzer.analyze_stream(text, kind, |head, quotes| {
            let mut tally = Tally::default();
            let Done {
                out,
                spilled,
                written,
                stats,
                ..
            } = &mut *done;
            let spill = |out: &mut Vec<u8>| {
                let direct = direct.as_deref_mut();
                Done::spill_to(out, spilled, written, direct, &mut failed)
            };
            let w =
                json::append_labelled_stream(out, "id", &id, head, quotes, |q| tally.add(q), spill);
            tally.finish(stats);
            w
        })
    }));
    if let Some(e) = failed {
        return Err(e);
    }
    match written {
        Ok(w) => w.map(|()| 0),
        Err(p) => {
            done.unwrite_since(parts, from, before);
            let message = out::panic_message(p.as_ref());
            error_record(&mut done.out, &mut done.stats, at, Some(&id), message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The claims counted quote by quote are those of `Figures::of` on the whole report, on
    /// every fixture and on text where partial quotes sit inside reported claims and outside.
    #[test]
    fn tally_counts_the_figures() {
        let mut texts = vec![
            "Ruiz said the plan was \"a betrayal\" and called it \"a farce\". \"Yes,\" an \
             official said, \"it is.\" Critics believe the talks \"will fail\"."
                .to_string(),
        ];
        for p in crate::fixture_files::fixture_files() {
            texts.push(std::fs::read_to_string(p).unwrap());
        }
        assert!(texts.len() > 20);
        for t in &texts {
            let report = quotecheck::analyze(t);
            let f = quotecheck::Figures::of(&report);
            let want = (1, f.claims as u64, f.anonymous as u64);
            let mut tally = Tally::default();
            for q in &report.quotes {
                tally.add(q);
            }
            let mut got = Stats::default();
            tally.finish(&mut got);
            assert_eq!((got.docs, got.claims, got.anonymous), want);
        }
    }

    /// A record that spilled its line and then failed leaves the lines before it, whole.
    #[test]
    fn unwrite_drops_a_spilled_record() {
        let mut done = Done {
            out: b"line 1\n".to_vec(),
            spilled: Vec::new(),
            written: 0,
            status: 0,
            stats: Stats::default(),
        };
        let (parts, from) = (done.spilled.len(), done.out.len());
        for _ in 0..3 {
            done.out.extend(std::iter::repeat_n(b'x', SPILL));
            Done::spill(&mut done.out, &mut done.spilled);
        }
        done.out.extend_from_slice(b"tail");
        assert_eq!(done.spilled.len(), 3);
        done.unwrite(parts, from);
        assert!(done.spilled.is_empty());
        assert_eq!(done.out, b"line 1\n");
    }

    /// With the output at hand (one thread), a long line goes out a part at a time, in order
    /// after the lines before it, and only `out`'s last part is held; a record failing after
    /// that ends its line and leaves the lines before it.
    #[test]
    fn a_long_line_is_written_as_it_is_made() {
        let mut done = Done {
            out: b"line 1\n".to_vec(),
            spilled: vec![b"line 0\n".to_vec()],
            written: 0,
            status: 0,
            stats: Stats::default(),
        };
        let (parts, from, written) = (done.spilled.len(), done.out.len(), done.written);
        let mut sink: Vec<u8> = Vec::new();
        let mut failed = None;
        let mut made = Vec::new();
        for k in 0..3u8 {
            let part = vec![b'a' + k; SPILL];
            made.extend_from_slice(&part);
            done.out.extend_from_slice(&part);
            let (out, spilled, n) = (&mut done.out, &mut done.spilled, &mut done.written);
            Done::spill_to(out, spilled, n, Some(&mut sink), &mut failed);
        }
        assert!(failed.is_none());
        assert_eq!(
            (done.written, done.spilled.len(), done.out.len()),
            (3, 0, 0)
        );
        assert_eq!(sink, [&b"line 0\nline 1\n"[..], &made].concat());
        // Short of a part, nothing moves.
        done.out.extend_from_slice(b"tail");
        let (out, spilled, n) = (&mut done.out, &mut done.spilled, &mut done.written);
        Done::spill_to(out, spilled, n, Some(&mut sink), &mut failed);
        assert_eq!(done.out, b"tail");
        done.unwrite_since(parts, from, written);
        assert_eq!(done.out, b"\n");
        // Without the output, a part is spilled as before, and taken back whole.
        let mut held = Done {
            out: b"line 1\n".to_vec(),
            spilled: Vec::new(),
            written: 0,
            status: 0,
            stats: Stats::default(),
        };
        held.out.extend(std::iter::repeat_n(b'x', SPILL));
        let (out, spilled, n) = (&mut held.out, &mut held.spilled, &mut held.written);
        Done::spill_to(out, spilled, n, None, &mut failed);
        assert_eq!((held.written, held.spilled.len()), (0, 1));
        held.unwrite_since(0, 7, 0);
        assert_eq!(held.out, b"line 1\n");
    }
}
