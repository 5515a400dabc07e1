//! `quotecheck check` and `quotecheck rule`.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use quotecheck::check::{self, config, rules, CheckResult, Finding, InputKind, Level, Settings};
use quotecheck::pool;
use quotecheck::render::findings::{self, Checked};
use quotecheck::render::html::{self, HtmlDoc};
use quotecheck::Grammar;
use serde::{Deserialize, Serialize};

use super::{input, out, progress, size};

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// rustc-style snippets with the span underlined.
    Human,
    /// Findings with line and column, and each document's summary.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// One self-contained HTML page: the text with claims highlighted by speaker and the
    /// findings inline, and a panel of speakers, sources and findings.
    Html,
}

/// When to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Colour {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check (folders are walked, .gitignore respected; default: the
    /// current folder); `-` reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,
    /// Write the output to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Configuration file (default: the nearest quotecheck.toml above the first path).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Extra grammar folder (in addition to the configuration's).
    #[arg(long, value_name = "DIR")]
    grammar: Vec<PathBuf>,
    /// Check only these rules (comma-separated rule ids, or ALL), replacing the configured set.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    select: Vec<String>,
    /// Also check these rules (comma-separated), on top of the configured or selected ones.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    extend_select: Vec<String>,
    /// Do not check these rules (comma-separated).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    ignore: Vec<String>,
    /// The lowest level that makes the run fail (exit 1): info, warning or error.
    #[arg(long, value_name = "LEVEL")]
    fail_on: Option<String>,
    /// Exit 0 even when there are findings (errors reading input or configuration still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// Print the findings only: no per-document figures, no totals, no progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write every finding to this baseline file (and exit 0).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Read every input as Markdown (default: .md and .markdown files are Markdown, the rest and
    /// standard input plain text).
    #[arg(long)]
    markdown: bool,
    /// The name of standard input in messages and output (with no PATH, standard input is
    /// read); its extension says whether it is Markdown, and the configuration is looked up
    /// from it.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Decode invalid UTF-8 with replacement characters instead of failing.
    #[arg(long)]
    lossy: bool,
    /// Colour for human output.
    #[arg(long, value_enum, default_value_t = Colour::Auto)]
    color: Colour,
    /// Worker threads (0: one per core, at most 1024). Findings are reported in file order
    /// whatever the count.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Refuse files larger than this, an error naming the file (never read past it): bytes, or
    /// with a unit (K, M, G, KiB, MiB, GiB: powers of 1024; KB, MB, GB: of 1000).
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = size::parse_max_bytes)]
    max_bytes: usize,
}

#[derive(Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Clone, Debug)]
struct Fingerprint {
    path: String,
    rule: String,
    text: String,
    message: String,
}

#[derive(Serialize, Deserialize)]
struct Baseline {
    version: u32,
    findings: Vec<Fingerprint>,
}

fn fingerprint(path: &str, text: &str, f: &Finding) -> Fingerprint {
    Fingerprint {
        path: path.to_string(),
        rule: f.rule.to_string(),
        text: f
            .span
            .of(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        message: f.message.clone(),
    }
}

fn display_path(p: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let rel = cwd
        .as_deref()
        .and_then(|c| p.strip_prefix(c).ok())
        .unwrap_or(p);
    let s = rel.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// The default include globs of folder walks.
const INCLUDE: [&str; 3] = ["*.md", "*.markdown", "*.txt"];

/// Files to check under one folder, in a stable order. An entry the walk cannot read (a folder
/// without permission) is reported on stderr and counted in `unreadable`; the walk goes on.
fn walk(
    p: &Path,
    cfg: &config::Config,
    out: &mut Vec<PathBuf>,
    unreadable: &mut usize,
) -> Result<(), String> {
    // Excludes are overrides (they beat everything); includes only filter what the walk
    // yields, so .gitignore still applies to included patterns.
    let mut ob = ignore::overrides::OverrideBuilder::new(p);
    for g in &cfg.exclude {
        ob.add(&format!("!{g}"))
            .map_err(|e| format!("exclude glob {g:?}: {e}"))?;
    }
    let ov = ob.build().map_err(|e| e.to_string())?;
    let include: Vec<String> = if cfg.include.is_empty() {
        INCLUDE.iter().map(|g| g.to_string()).collect()
    } else {
        cfg.include.clone()
    };
    let mut ib = ignore::gitignore::GitignoreBuilder::new(p);
    for g in &include {
        ib.add_line(None, g)
            .map_err(|e| format!("include glob {g:?}: {e}"))?;
    }
    let inc = ib.build().map_err(|e| e.to_string())?;
    let walker = ignore::WalkBuilder::new(p)
        .overrides(ov)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e)
                if e.file_type().is_some_and(|t| t.is_file())
                    && inc
                        .matched(e.path().strip_prefix(p).unwrap_or(e.path()), false)
                        .is_ignore() =>
            {
                out.push(e.into_path())
            }
            Ok(_) => {}
            Err(e) => {
                out::error(e);
                *unreadable += 1;
            }
        }
    }
    Ok(())
}

/// Files to check under `paths`, in a stable order. A path that cannot be read is reported
/// (the caller exits 2) and the others are still collected.
fn collect(paths: &[PathBuf], cfg: &config::Config) -> (Vec<PathBuf>, bool) {
    let mut out = Vec::new();
    let mut unreadable = 0;
    for p in paths {
        if p.as_os_str() == "-" || p.is_file() {
            out.push(p.clone());
            continue;
        }
        let r = if p.is_dir() {
            walk(p, cfg, &mut out, &mut unreadable)
        } else if p.exists() {
            // A FIFO or device: read like a file.
            out.push(p.clone());
            Ok(())
        } else {
            Err(input::missing(p))
        };
        if let Err(e) = r {
            out::error(e);
            unreadable += 1;
        }
    }
    (out, unreadable > 0)
}

/// The message when a run found nothing to check.
fn nothing_to_check(paths: &[PathBuf], cfg: &config::Config) -> String {
    let globs = if cfg.include.is_empty() {
        INCLUDE.join(", ")
    } else {
        cfg.include.join(", ")
    };
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    format!(
        "no documents to check in {} (looked for {globs}; give files or `-` for standard input)",
        names.join(", ")
    )
}

/// The rule levels: the configuration's, then --select, --extend-select and --ignore.
fn rule_levels(
    cfg: &BTreeMap<String, Level>,
    args: &CheckArgs,
) -> Result<BTreeMap<String, Level>, String> {
    let ids = |list: &[String], option: &str| -> Result<Vec<&'static str>, String> {
        let mut out = Vec::new();
        for name in list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if name.eq_ignore_ascii_case("all") {
                out.extend(rules::ALL.iter().map(|r| r.id()));
                continue;
            }
            let r = rules::by_id(name).ok_or_else(|| {
                let all: Vec<&str> = rules::ALL.iter().map(|r| r.id()).collect();
                format!(
                    "{option}: unknown rule {name:?} (rules: {})",
                    all.join(", ")
                )
            })?;
            out.push(r.id());
        }
        Ok(out)
    };
    let select = ids(&args.select, "--select")?;
    let extend = ids(&args.extend_select, "--extend-select")?;
    let ignore = ids(&args.ignore, "--ignore")?;
    let mut levels = BTreeMap::new();
    for r in rules::ALL {
        let configured = cfg.get(r.id()).copied().unwrap_or(r.default_level());
        // A rule turned on from the command line keeps its configured level, or its default
        // when the configuration turned it off.
        let on_level = if configured == Level::Off {
            r.default_level()
        } else {
            configured
        };
        let mut level = if args.select.is_empty() {
            configured
        } else if select.contains(&r.id()) {
            on_level
        } else {
            Level::Off
        };
        if extend.contains(&r.id()) {
            level = on_level;
        }
        if ignore.contains(&r.id()) {
            level = Level::Off;
        }
        levels.insert(r.id().to_string(), level);
    }
    Ok(levels)
}

/// What a run needs before it reads a document.
struct Setup {
    fail_on: Level,
    cfg: config::Config,
    grammar: Option<Grammar>,
    settings: Settings,
    baseline: Option<BTreeMap<Fingerprint, usize>>,
}

fn setup(args: &CheckArgs, paths: &[PathBuf]) -> Result<Setup, String> {
    let cfg_path = args.config.clone().or_else(|| {
        let first = paths
            .first()
            .and_then(|p| {
                if p.as_os_str() == "-" {
                    args.stdin_filename.clone()
                } else {
                    Some(p.clone())
                }
            })
            .unwrap_or_else(|| PathBuf::from("."));
        config::find(&first)
    });
    let cfg = match cfg_path.as_deref().map(config::load).transpose() {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => return Err(e.to_string()),
    };
    let fail_on = match args
        .fail_on
        .as_deref()
        .map(|s| Level::parse(s).filter(|l| *l != Level::Off))
    {
        Some(None) => return Err("--fail-on takes info, warning or error".into()),
        Some(Some(l)) => l,
        None => cfg.fail_on.unwrap_or(Level::Warning),
    };
    let mut dirs = cfg.grammar.clone();
    dirs.extend(args.grammar.iter().cloned());
    let grammar = if dirs.is_empty() {
        None
    } else {
        Some(Grammar::with_dirs(&dirs).map_err(|e| e.to_string())?)
    };
    let settings = Settings {
        levels: rule_levels(&cfg.levels, args)?,
    };
    let baseline = match &args.baseline {
        None => None,
        Some(p) => {
            let b = std::fs::read_to_string(p)
                .map_err(|e| input::io_message(p, &e))
                .and_then(|t| {
                    serde_json::from_str::<Baseline>(&t)
                        .map_err(|e| format!("{}: {e}", p.display()))
                })?;
            let mut m = BTreeMap::new();
            for f in b.findings {
                *m.entry(f).or_insert(0) += 1;
            }
            Some(m)
        }
    };
    Ok(Setup {
        fail_on,
        cfg,
        grammar,
        settings,
        baseline,
    })
}

/// One checked document.
struct Doc {
    name: String,
    text: String,
    result: CheckResult,
    /// The attribution report, kept for --format html only.
    report: Option<quotecheck::analysis::TableReport>,
}

/// Reads and checks one input; `None` when it could not be read (reported on stderr).
fn check_one(args: &CheckArgs, setup: &Setup, f: &Path) -> Option<Doc> {
    let stdin = f.as_os_str() == "-";
    let inp = input::read_or_report(f, args.lossy, args.max_bytes).ok()?;
    if stdin && inp.text.is_empty() {
        out::error("standard input is empty: no document to check");
        return None;
    }
    let named = match (&args.stdin_filename, stdin) {
        (Some(n), true) => n.as_path(),
        _ => f,
    };
    let kind = if args.markdown {
        InputKind::Markdown
    } else if stdin && args.stdin_filename.is_none() {
        InputKind::Text
    } else {
        InputKind::from_path(named)
    };
    let grammar = setup.grammar.as_ref().unwrap_or_else(|| Grammar::builtin());
    // A panic while checking one file is reported for that file; the others are checked.
    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        out::test_panic(&inp.text);
        let _large = crate::alloc::LargeDocument::of(inp.text.len());
        check::check_text_table(&inp.text, kind, grammar, &setup.settings)
    }));
    let check::Checked { result, report } = match checked {
        Ok(c) => c,
        Err(p) => {
            let message = out::panic_message(p.as_ref());
            out::error(format_args!("{}: {message}", named.display()));
            return None;
        }
    };
    let name = if stdin && args.stdin_filename.is_none() {
        "-".to_string()
    } else {
        display_path(named)
    };
    Some(Doc {
        name,
        text: inp.text,
        result,
        report: (args.format == CheckFormat::Html).then_some(report),
    })
}

/// Reads and checks `files` on `--threads` threads, in file order; also returns whether an
/// input could not be read.
fn check_all(args: &CheckArgs, setup: &Setup, files: &[PathBuf]) -> (Vec<Doc>, bool) {
    let mut failed = false;
    let mut docs = Vec::new();
    let mut queue = files.iter();
    let next = || Ok::<_, std::convert::Infallible>(queue.next());
    let work = |f: &PathBuf| check_one(args, setup, f);
    let bar = (files.len() > 1 && !args.quiet)
        .then(|| progress::files(files.len()))
        .flatten();
    let sink = |doc: Option<Doc>| {
        if let Some(b) = &bar {
            b.inc(1);
        }
        match doc {
            Some(d) => docs.push(d),
            None => failed = true,
        }
        Ok(())
    };
    let threads = if files.len() < 2 {
        1
    } else {
        pool::threads(args.threads)
    };
    if let Err(e) = pool::ordered(threads, next, work, sink) {
        match e {}
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    (docs, failed)
}

/// Drops the findings in the baseline; returns every finding's fingerprint (for
/// --write-baseline).
fn apply_baseline(
    docs: &mut [Doc],
    baseline: Option<&BTreeMap<Fingerprint, usize>>,
) -> Vec<Fingerprint> {
    let mut remaining = baseline.cloned();
    let mut all = Vec::new();
    for d in docs {
        for fnd in &d.result.findings {
            all.push(fingerprint(&d.name, &d.text, fnd));
        }
        if let Some(base) = remaining.as_mut() {
            let (name, text) = (&d.name, &d.text);
            d.result
                .findings
                .retain(|fnd| match base.get_mut(&fingerprint(name, text, fnd)) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                });
        }
    }
    all
}

fn write_baseline(p: &Path, mut all: Vec<Fingerprint>) -> Result<(), String> {
    all.sort();
    let b = Baseline {
        version: 1,
        findings: all,
    };
    let text = serde_json::to_string_pretty(&b).unwrap_or_default();
    std::fs::write(p, text + "\n").map_err(|e| input::io_message(p, &e))?;
    out::error(format_args!(
        "wrote {} to {}",
        quotecheck::figures::count(b.findings.len(), "finding"),
        p.display()
    ));
    Ok(())
}

/// Writes the findings as `--format` asks, to `--output` or standard output; returns the exit
/// status (2 when the write failed). Every format is streamed, a finding at a time (a buffer of
/// text at a time for the human and GitHub formats).
fn write(args: &CheckArgs, docs: &[Doc]) -> i32 {
    let checked: Vec<Checked<'_>> = docs
        .iter()
        .map(|d| Checked {
            path: &d.name,
            text: &d.text,
            result: &d.result,
        })
        .collect();
    let colour = match args.color {
        Colour::Always => true,
        Colour::Never => false,
        Colour::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let file = args.output.as_deref();
    match args.format {
        CheckFormat::Human => super::stream_output_ending(file, b"", |w| {
            findings::write_human(w, &checked, colour, !args.quiet)
        }),
        CheckFormat::Json => super::stream_output(file, |w| findings::write_json(w, &checked)),
        CheckFormat::Sarif => super::stream_output(file, |w| findings::write_sarif(w, &checked)),
        CheckFormat::Github => {
            super::stream_output_ending(file, b"", |w| findings::write_github(w, &checked))
        }
        CheckFormat::Html => {
            let views: Vec<HtmlDoc<'_>> = docs
                .iter()
                .filter_map(|d| {
                    let report = d.report.as_ref()?;
                    Some(HtmlDoc {
                        name: &d.name,
                        text: &d.text,
                        report: &report.head,
                        quotes: report.quotes(&d.text),
                        findings: Some(&d.result),
                    })
                })
                .collect();
            // Streamed: the page of a long document of quotes is many times its size.
            super::stream_output_ending(file, b"", |w| html::write_report(w, &views))
        }
    }
}

/// Reports rule ids in suppression comments that name no rule; returns whether there were any.
fn report_unknown_rules(docs: &[Doc]) -> bool {
    let ids: Vec<&str> = rules::ALL.iter().map(|r| r.id()).collect();
    let mut any = false;
    for d in docs {
        for u in &d.result.unknown_rules {
            out::error(format_args!(
                "{}:{}: unknown rule {:?} in a suppression comment (rules: {})",
                d.name,
                u.line,
                u.rule,
                ids.join(", ")
            ));
            any = true;
        }
    }
    any
}

/// Runs `check`; returns the exit status.
pub fn run(args: &CheckArgs) -> i32 {
    let paths: Vec<PathBuf> = match (args.paths.is_empty(), &args.stdin_filename) {
        // --stdin-filename with no path reads standard input, as ruff does.
        (true, Some(_)) => vec![PathBuf::from("-")],
        (true, None) => vec![PathBuf::from(".")],
        (false, _) => args.paths.clone(),
    };
    let setup = match setup(args, &paths) {
        Ok(s) => s,
        Err(e) => {
            out::error(e);
            return 2;
        }
    };
    let (files, unreadable) = collect(&paths, &setup.cfg);
    if files.is_empty() && !unreadable {
        out::error(nothing_to_check(&paths, &setup.cfg));
        return 2;
    }
    let (mut docs, failed) = check_all(args, &setup, &files);
    let mut status = if unreadable || failed { 2 } else { 0 };
    if report_unknown_rules(&docs) {
        status = 2;
    }
    if docs.is_empty() {
        // Nothing was read: no output, not even an empty summary.
        return 2;
    }
    let all = apply_baseline(&mut docs, setup.baseline.as_ref());
    if let Some(p) = &args.write_baseline {
        if let Err(e) = write_baseline(p, all) {
            out::error(e);
            return 2;
        }
        return status;
    }
    let out = write(args, &docs);
    let failing = docs
        .iter()
        .any(|d| d.result.findings.iter().any(|f| f.level >= setup.fail_on));
    if failing && !args.exit_zero && status == 0 {
        status = 1;
    }
    status.max(out)
}

/// `quotecheck rule [NAME]`: a rule's documentation, or the list of rules.
pub fn rule(name: Option<&str>) -> i32 {
    match name {
        None => {
            let mut text = String::new();
            for r in rules::ALL {
                text.push_str(&format!(
                    "{:<22} {:<8} {}\n",
                    r.id(),
                    r.default_level().as_str(),
                    r.summary()
                ));
            }
            out::print(&text)
        }
        Some(n) => match rules::by_id(n) {
            Some(r) => out::print(&format!(
                "{}\nDefault level: {}\n",
                r.doc(),
                r.default_level().as_str()
            )),
            None => {
                let ids: Vec<&str> = rules::ALL.iter().map(|r| r.id()).collect();
                out::error(format_args!(
                    "unknown rule {n:?} (rules: {})",
                    ids.join(", ")
                ));
                2
            }
        },
    }
}
