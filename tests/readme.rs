//! The README's sample output is what the program prints today.
//!
//! A sample is a fenced block right after a comment naming the command that prints it:
//!
//! ```text
//! <!-- sample: extract examples/wire-story.txt --format text -->
//! <!-- sample fragment: extract examples/wire-story.txt --pretty -->
//! <!-- sample: extract --jsonl --stats < examples/news.jsonl (stderr) -->
//! ```
//!
//! The arguments follow `quotecheck`, run from the repository root; `< FILE` feeds standard
//! input; `(stderr)` compares standard error instead of standard output. In the block, a line
//! that is only `…` stands for any number of lines, and `…` inside a line for any text. JSON
//! output is compared with span objects folded onto one line, as the README prints them. A
//! `fragment` may start anywhere in the output and is compared without leading spaces.

use std::process::{Command, Stdio};

struct Sample {
    line: usize,
    args: Vec<String>,
    stdin: Option<String>,
    stderr: bool,
    fragment: bool,
    block: Vec<String>,
}

fn samples(readme: &str) -> Vec<Sample> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(rest) = l.trim().strip_prefix("<!-- sample") else {
            continue;
        };
        let fragment = rest.starts_with(" fragment:");
        let spec = rest
            .trim_start_matches(" fragment")
            .trim_start_matches(':')
            .trim_end_matches("-->")
            .trim();
        let stderr = spec.ends_with("(stderr)");
        let spec = spec.trim_end_matches("(stderr)").trim();
        let (cmd, stdin) = match spec.split_once(" < ") {
            Some((c, f)) => (c, Some(f.trim().to_string())),
            None => (spec, None),
        };
        let open = lines
            .iter()
            .skip(i + 1)
            .position(|l| l.starts_with("```"))
            .map(|k| i + 1 + k)
            .expect("a fenced block after the sample comment");
        let block: Vec<String> = lines
            .iter()
            .skip(open + 1)
            .take_while(|l| !l.starts_with("```"))
            .map(|l| l.to_string())
            .collect();
        out.push(Sample {
            line: i + 1,
            args: cmd.split_whitespace().map(str::to_string).collect(),
            stdin,
            stderr,
            fragment,
            block,
        });
    }
    out
}

/// Pretty JSON with every span object (`{"start": …, "end": …}`) written on one line, as the
/// README prints them.
fn fold(json: &str) -> String {
    let lines: Vec<&str> = json.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let span = l.trim_end().ends_with('{')
            && lines
                .get(i + 1)
                .is_some_and(|n| n.trim().starts_with("\"start\": "))
            && lines
                .get(i + 2)
                .is_some_and(|n| n.trim().starts_with("\"end\": "))
            && lines.get(i + 3).is_some_and(|n| n.trim().starts_with('}'));
        if span {
            out.push(format!(
                "{} {} {} {}",
                l.trim_end(),
                lines[i + 1].trim(),
                lines[i + 2].trim(),
                lines[i + 3].trim()
            ));
            i += 4;
        } else {
            out.push(l.to_string());
            i += 1;
        }
    }
    out.join("\n")
}

/// Whether `pattern` (with `…` for any text) matches `line`.
fn line_matches(pattern: &str, line: &str) -> bool {
    if pattern == line {
        return true;
    }
    let parts: Vec<&str> = pattern.split('…').collect();
    if parts.len() < 2 {
        return false;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !line.starts_with(first) || !line.ends_with(last) || line.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &line[first.len()..line.len() - last.len()];
    for p in &parts[1..parts.len() - 1] {
        match rest.find(p) {
            Some(k) => rest = &rest[k + p.len()..],
            None => return false,
        }
    }
    true
}

/// Whether the block's lines match `out` from line `at` on.
fn block_matches(block: &[String], out: &[String], at: usize) -> bool {
    let Some((first, rest)) = block.split_first() else {
        return true;
    };
    if first.trim() == "…" {
        return (at..=out.len()).any(|k| block_matches(rest, out, k));
    }
    at < out.len() && line_matches(first, &out[at]) && block_matches(rest, out, at + 1)
}

#[test]
fn readme_samples_are_current() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let samples = samples(&readme);
    assert!(samples.len() >= 4, "samples found: {}", samples.len());
    for s in samples {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_quotecheck"));
        cmd.args(&s.args).env("NO_COLOR", "1");
        cmd.stdin(match &s.stdin {
            Some(f) => Stdio::from(std::fs::File::open(f).unwrap()),
            None => Stdio::null(),
        });
        let o = cmd.output().unwrap();
        let text = String::from_utf8(if s.stderr { o.stderr } else { o.stdout }).unwrap();
        let text = if text.trim_start().starts_with('{') && text.contains("\n  ") {
            fold(&text)
        } else {
            text
        };
        let trim = |l: &str| {
            let l = l.trim_end();
            if s.fragment { l.trim_start() } else { l }.to_string()
        };
        let out: Vec<String> = text.lines().map(trim).collect();
        let block: Vec<String> = s.block.iter().map(|l| trim(l)).collect();
        let ok = if s.fragment {
            (0..out.len()).any(|k| block_matches(&block, &out, k))
        } else {
            block_matches(&block, &out, 0)
        };
        assert!(
            ok,
            "README.md:{}: the sample of `quotecheck {}` is not what it prints:\n{}",
            s.line,
            s.args.join(" "),
            text
        );
    }
}

#[test]
fn the_matcher_is_strict() {
    let out: Vec<String> = ["a", "b", "c d e"].iter().map(|s| s.to_string()).collect();
    let b = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(block_matches(&b(&["a", "…", "c … e"]), &out, 0));
    assert!(block_matches(&b(&["a", "b", "c d e"]), &out, 0));
    assert!(
        !block_matches(&b(&["a", "c d e"]), &out, 0),
        "no skip without …"
    );
    assert!(!block_matches(&b(&["a", "…", "c x e"]), &out, 0));
    assert_eq!(
        fold("{\n  \"span\": {\n    \"start\": 1,\n    \"end\": 2\n  },\n  \"a\": 3\n}"),
        "{\n  \"span\": { \"start\": 1, \"end\": 2 },\n  \"a\": 3\n}"
    );
}
