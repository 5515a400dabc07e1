//! `quotecheck check` and `quotecheck rule`.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use quotecheck::check::{self, config, rules, CheckResult, Finding, InputKind, Level, Settings};
use quotecheck::render::findings::{self, Checked};
use quotecheck::render::html::{self, HtmlDoc};
use quotecheck::Grammar;
use serde::{Deserialize, Serialize};

use super::{input, out, pool, progress};

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
    /// Files or folders to check (folders are walked, .gitignore respected); `-` or nothing
    /// reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,
    /// Configuration file (default: the nearest quotecheck.toml above the first path).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Extra grammar folder (in addition to the configuration's).
    #[arg(long, value_name = "DIR")]
    grammar: Vec<PathBuf>,
    /// The lowest level that makes the run fail (exit 1): info, warning or error.
    #[arg(long, value_name = "LEVEL")]
    fail_on: Option<String>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write every finding to this baseline file (and exit 0).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Treat standard input as Markdown.
    #[arg(long)]
    markdown: bool,
    /// Decode invalid UTF-8 with replacement characters instead of failing.
    #[arg(long)]
    lossy: bool,
    /// Colour for human output.
    #[arg(long, value_enum, default_value_t = Colour::Auto)]
    color: Colour,
    /// Worker threads (0: one per core). Findings are reported in file order whatever the count.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Refuse files larger than this many bytes (an error naming the file; never read past it).
    #[arg(long, value_name = "N", default_value_t = 64 * 1024 * 1024)]
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

/// Files to check under `paths`, in a stable order. Anything that is not a folder is read as a
/// file (a FIFO, a process substitution `<(…)`). A folder or file the walk cannot read is
/// reported on stderr and counted in `unreadable`; the walk goes on.
fn collect(
    paths: &[PathBuf],
    cfg: &config::Config,
    unreadable: &mut usize,
) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || (p.exists() && !p.is_dir()) {
            out.push(p.clone());
            continue;
        }
        if !p.exists() {
            return Err(format!("{}: no such file or folder", p.display()));
        }
        // Excludes are overrides (they beat everything); includes only filter what the walk
        // yields, so .gitignore still applies to included patterns.
        let mut ob = ignore::overrides::OverrideBuilder::new(p);
        for g in &cfg.exclude {
            ob.add(&format!("!{g}"))
                .map_err(|e| format!("exclude glob {g:?}: {e}"))?;
        }
        let ov = ob.build().map_err(|e| e.to_string())?;
        let include: Vec<String> = if cfg.include.is_empty() {
            vec!["*.md".into(), "*.markdown".into(), "*.txt".into()]
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
    }
    Ok(out)
}

/// Runs `check`; returns the exit status.
pub fn run(args: &CheckArgs) -> i32 {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    // Configuration.
    let cfg_path = args.config.clone().or_else(|| {
        let first = paths
            .first()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        config::find(&first)
    });
    let cfg = match cfg_path.as_deref().map(config::load).transpose() {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => {
            out::error(e);
            return 2;
        }
    };
    let fail_on = match args
        .fail_on
        .as_deref()
        .map(|s| Level::parse(s).filter(|l| *l != Level::Off))
    {
        Some(None) => {
            out::error("--fail-on takes info, warning or error");
            return 2;
        }
        Some(Some(l)) => l,
        None => cfg.fail_on.unwrap_or(Level::Warning),
    };
    let mut dirs = cfg.grammar.clone();
    dirs.extend(args.grammar.iter().cloned());
    let grammar = if dirs.is_empty() {
        None
    } else {
        match Grammar::with_dirs(&dirs) {
            Ok(g) => Some(g),
            Err(e) => {
                out::error(e);
                return 2;
            }
        }
    };
    let grammar: &Grammar = grammar.as_ref().unwrap_or_else(|| Grammar::builtin());
    let settings = Settings {
        levels: cfg.levels.clone(),
    };
    let baseline: Option<BTreeMap<Fingerprint, usize>> = match &args.baseline {
        None => None,
        Some(p) => match std::fs::read_to_string(p)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<Baseline>(&t).map_err(|e| e.to_string()))
        {
            Ok(b) => {
                let mut m = BTreeMap::new();
                for f in b.findings {
                    *m.entry(f).or_insert(0) += 1;
                }
                Some(m)
            }
            Err(e) => {
                out::error(format_args!("{}: {e}", p.display()));
                return 2;
            }
        },
    };
    let mut unreadable = 0;
    let files = match collect(&paths, &cfg, &mut unreadable) {
        Ok(f) => f,
        Err(e) => {
            out::error(e);
            return 2;
        }
    };
    let mut status = if unreadable > 0 { 2 } else { 0 };
    let mut docs: Vec<(String, String, CheckResult)> = Vec::new();
    // The attribution reports, kept for --format html only.
    let mut reports: Vec<quotecheck::report::Report> = Vec::new();
    let mut remaining = baseline.clone();
    let mut all_prints = Vec::new();
    // Files are read and checked on `--threads` threads; results are taken in file order.
    let mut queue = files.iter();
    let next = || Ok::<_, std::convert::Infallible>(queue.next());
    let work = |f: &PathBuf| {
        let inp = input::read_or_report(f, args.lossy, args.max_bytes).ok()?;
        let kind = if f.as_os_str() == "-" {
            if args.markdown {
                InputKind::Markdown
            } else {
                InputKind::Text
            }
        } else {
            InputKind::from_path(f)
        };
        // A panic while checking one file is reported for that file; the others are checked.
        let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            out::test_panic(&inp.text);
            check::check_text_report(&inp.text, kind, grammar, &settings)
        }));
        let (result, report) = match checked {
            Ok(c) => c,
            Err(p) => {
                out::error(format_args!(
                    "{}: {}",
                    inp.name,
                    out::panic_message(p.as_ref())
                ));
                return None;
            }
        };
        let name = if f.as_os_str() == "-" {
            "-".to_string()
        } else {
            display_path(f)
        };
        Some((name, inp.text, result, report))
    };
    let mut sink = |checked: Option<(String, String, CheckResult, quotecheck::report::Report)>| {
        let Some((name, text, mut result, report)) = checked else {
            status = 2;
            return Ok(());
        };
        if args.format == CheckFormat::Html {
            reports.push(report);
        }
        for fnd in &result.findings {
            all_prints.push(fingerprint(&name, &text, fnd));
        }
        if let Some(base) = remaining.as_mut() {
            result.findings.retain(|fnd| {
                let key = fingerprint(&name, &text, fnd);
                match base.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            });
        }
        docs.push((name, text, result));
        Ok(())
    };
    let threads = if files.len() < 2 {
        1
    } else {
        pool::threads(args.threads)
    };
    let bar = if files.len() > 1 {
        progress::files(files.len())
    } else {
        None
    };
    let sink = |checked| {
        if let Some(b) = &bar {
            b.inc(1);
        }
        sink(checked)
    };
    if let Err(e) = pool::ordered(threads, next, work, sink) {
        match e {}
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if let Some(p) = &args.write_baseline {
        all_prints.sort();
        let b = Baseline {
            version: 1,
            findings: all_prints,
        };
        let text = serde_json::to_string_pretty(&b).unwrap_or_default();
        if let Err(e) = std::fs::write(p, text + "\n") {
            out::error(format_args!("{}: {e}", p.display()));
            return 2;
        }
        out::error(format_args!(
            "wrote {} findings to {}",
            b.findings.len(),
            p.display()
        ));
        return status;
    }
    let checked: Vec<Checked<'_>> = docs
        .iter()
        .map(|(p, t, r)| Checked {
            path: p,
            text: t,
            result: r,
        })
        .collect();
    let colour = match args.color {
        Colour::Always => true,
        Colour::Never => false,
        Colour::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let rendered = match args.format {
        CheckFormat::Human => findings::human(&checked, colour),
        // Streamed to standard output: their values are never built whole.
        CheckFormat::Json | CheckFormat::Sarif => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            let written = if args.format == CheckFormat::Json {
                findings::write_json(&mut out, &checked)
            } else {
                findings::write_sarif(&mut out, &checked)
            };
            match written
                .and_then(|()| out.write_all(b"\n"))
                .and_then(|()| out.flush())
            {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    out::error(format_args!("cannot write the output: {e}"));
                    return 2;
                }
                _ => String::new(),
            }
        }
        CheckFormat::Github => findings::github(&checked),
        CheckFormat::Html => {
            let views: Vec<HtmlDoc<'_>> = docs
                .iter()
                .zip(&reports)
                .map(|((name, text, result), report)| HtmlDoc {
                    name,
                    text,
                    report,
                    findings: Some(result),
                })
                .collect();
            html::report(&views)
        }
    };
    if out::print(&rendered) != 0 {
        return 2;
    }
    let failing = docs
        .iter()
        .any(|(_, _, r)| r.findings.iter().any(|f| f.level >= fail_on));
    if status == 0 && failing {
        status = 1;
    }
    status
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
