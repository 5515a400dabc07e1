//! `quotecheck check` and `quotecheck rule` as a user runs them: exit codes, formats,
//! configuration, folders, baselines.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

fn qc_in(dir: &Path, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    common::qc_in(Some(dir), args, stdin, env)
}

fn workspace(name: &str) -> PathBuf {
    common::temp_folder("check", name)
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const LOADED: &str = "The mayor admitted the tram line would open a year late.\n";
const CLEAN: &str = "The mayor said the tram line would open a year late.\n";

#[test]
fn exit_codes_follow_findings_and_errors() {
    let d = workspace("exit");
    // A desk that fails on loaded verbs (they are `info` by default).
    std::fs::write(
        d.join("quotecheck.toml"),
        "[rules]\nloaded-verb = \"warning\"\n",
    )
    .unwrap();
    std::fs::write(d.join("bad.txt"), LOADED).unwrap();
    std::fs::write(d.join("good.txt"), CLEAN).unwrap();
    let o = qc_in(&d, &["check", "good.txt"], b"", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let o = qc_in(&d, &["check", "bad.txt"], b"", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out(&o).contains("warning[loaded-verb]") && out(&o).contains("--> bad.txt:1:11"),
        "{}",
        out(&o)
    );
    // Raising the bar: only errors fail.
    let o = qc_in(&d, &["check", "--fail-on", "error", "bad.txt"], b"", &[]);
    assert_eq!(o.status.code(), Some(0));
    // A missing file is an I/O error, and the other file is still checked.
    let o = qc_in(&d, &["check", "missing.txt", "bad.txt"], b"", &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = qc_in(&d, &["check", "bad.txt", "missing.txt"], b"", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("missing.txt"), "{}", err(&o));
    // Invalid UTF-8: exit 2 with the byte offset.
    std::fs::write(d.join("latin1.txt"), b"Caf\xe9 owners said prices rose.").unwrap();
    let o = qc_in(&d, &["check", "latin1.txt"], b"", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("latin1.txt: invalid UTF-8 at byte 3"),
        "{}",
        err(&o)
    );
    // Standard input is `-`.
    let o = qc_in(&d, &["check", "-"], LOADED.as_bytes(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("--> -:1:11"));
}

#[test]
fn formats_json_sarif_github() {
    let d = workspace("formats");
    // A desk that fails on loaded verbs (they are `info` by default).
    std::fs::write(
        d.join("quotecheck.toml"),
        "[rules]\nloaded-verb = \"warning\"\n",
    )
    .unwrap();
    std::fs::write(d.join("bad.txt"), LOADED).unwrap();
    let o = qc_in(&d, &["check", "--format", "json", "bad.txt"], b"", &[]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let f = &v["files"][0]["findings"][0];
    assert_eq!(
        (
            f["rule"].as_str(),
            f["line"].as_u64(),
            f["column"].as_u64(),
            f["text"].as_str()
        ),
        (Some("loaded-verb"), Some(1), Some(11), Some("admitted"))
    );
    let o = qc_in(&d, &["check", "--format", "sarif", "bad.txt"], b"", &[]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let r = &v["runs"][0]["results"][0];
    assert_eq!(r["ruleId"], "loaded-verb");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "bad.txt"
    );
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        11
    );
    let o = qc_in(&d, &["check", "--format", "github", "bad.txt"], b"", &[]);
    assert!(out(&o).starts_with("::warning file=bad.txt,line=1,col=11,endLine=1,endColumn=19,title=quotecheck loaded-verb::"), "{}", out(&o));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let d = workspace("colour");
    std::fs::write(d.join("bad.txt"), LOADED).unwrap();
    let o = qc_in(&d, &["check", "bad.txt"], b"", &[]);
    assert!(!out(&o).contains('\x1b'), "piped output has no colour");
    let o = qc_in(&d, &["check", "--color", "always", "bad.txt"], b"", &[]);
    assert!(out(&o).contains("\x1b["));
}

#[test]
fn config_is_found_upwards_and_its_errors_name_the_line() {
    let d = workspace("config");
    std::fs::create_dir_all(d.join("drafts/deep")).unwrap();
    std::fs::write(d.join("drafts/deep/bad.txt"), LOADED).unwrap();
    std::fs::write(
        d.join("quotecheck.toml"),
        "[rules]\nloaded-verb = \"off\"\n",
    )
    .unwrap();
    let o = qc_in(&d, &["check", "drafts/deep/bad.txt"], b"", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    std::fs::write(
        d.join("quotecheck.toml"),
        "[rules]\nloaded-verb = \"error\"\n",
    )
    .unwrap();
    let o = qc_in(&d, &["check", "drafts/deep/bad.txt"], b"", &[]);
    assert!(out(&o).contains("error[loaded-verb]"));
    std::fs::write(
        d.join("quotecheck.toml"),
        "# house rules\n[rules]\nloaded-verbs = \"off\"\n",
    )
    .unwrap();
    let o = qc_in(&d, &["check", "drafts/deep/bad.txt"], b"", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("quotecheck.toml:3: unknown rule \"loaded-verbs\""),
        "{}",
        err(&o)
    );
    // --config wins, and its grammar folders extend the word lists.
    std::fs::create_dir_all(d.join("house")).unwrap();
    std::fs::write(
        d.join("house/verbs.txt"),
        "bleat forms=bleats,bleated,bleating stance=loaded\n",
    )
    .unwrap();
    std::fs::write(d.join("other.toml"), "grammar = [\"house\"]\n").unwrap();
    std::fs::write(d.join("slam.txt"), "The union bleated that the offer was an insult.\nThe union said the offer was an insult.\n").unwrap();
    let o = qc_in(
        &d,
        &["check", "--config", "other.toml", "slam.txt"],
        b"",
        &[],
    );
    assert!(
        out(&o).contains("\u{201c}bleated\u{201d} editorialises"),
        "{}",
        out(&o)
    );
}

#[test]
fn folders_are_walked_respecting_gitignore_and_globs() {
    let d = workspace("walk");
    std::fs::create_dir_all(d.join("drafts/old")).unwrap();
    std::fs::write(d.join("drafts/a.md"), LOADED).unwrap();
    std::fs::write(d.join("drafts/b.txt"), LOADED).unwrap();
    std::fs::write(d.join("drafts/notes.rs"), LOADED).unwrap();
    std::fs::write(d.join("drafts/ignored.txt"), LOADED).unwrap();
    std::fs::write(d.join("drafts/old/c.txt"), LOADED).unwrap();
    std::fs::write(d.join("drafts/.gitignore"), "ignored.txt\n").unwrap();
    let o = qc_in(&d, &["check", "--format", "json", "drafts"], b"", &[]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        vec!["drafts/a.md", "drafts/b.txt", "drafts/old/c.txt"]
    );
    std::fs::write(d.join("quotecheck.toml"), "exclude = [\"old/**\"]\n").unwrap();
    let o = qc_in(&d, &["check", "--format", "json", "drafts"], b"", &[]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
}

#[test]
fn baseline_fails_only_on_new_findings() {
    let d = workspace("baseline");
    // A desk that fails on loaded verbs (they are `info` by default).
    std::fs::write(
        d.join("quotecheck.toml"),
        "[rules]\nloaded-verb = \"warning\"\n",
    )
    .unwrap();
    std::fs::write(d.join("story.txt"), LOADED).unwrap();
    let o = qc_in(
        &d,
        &["check", "story.txt", "--write-baseline", "base.json"],
        b"",
        &[],
    );
    assert_eq!(o.status.code(), Some(0));
    let o = qc_in(
        &d,
        &["check", "story.txt", "--baseline", "base.json"],
        b"",
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    // A line added above moves the old finding; a new loaded verb is still caught.
    std::fs::write(
        d.join("story.txt"),
        format!("The contractor claimed the weather was to blame.\n\n{LOADED}"),
    )
    .unwrap();
    let o = qc_in(
        &d,
        &["check", "story.txt", "--baseline", "base.json"],
        b"",
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out(&o).contains("claimed") && !out(&o).contains("admitted"),
        "{}",
        out(&o)
    );
}

#[test]
fn rule_command_prints_the_rule_docs() {
    let d = workspace("rule");
    let o = qc_in(&d, &["rule", "anonymous-no-reason"], b"", &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        out(&o).starts_with("# anonymous-no-reason") && out(&o).contains("How to fix"),
        "{}",
        out(&o)
    );
    let o = qc_in(&d, &["rule"], b"", &[]);
    assert_eq!(out(&o).lines().count(), 7);
    let o = qc_in(&d, &["rule", "nope"], b"", &[]);
    assert_eq!(o.status.code(), Some(2));
}

/// Many files, some with findings and one unreadable: the report is the same, in file order,
/// on one thread and on several.
#[test]
fn threads_keep_file_order() {
    let d = workspace("threads");
    for i in 0..60 {
        let text = if i % 3 == 0 { LOADED } else { CLEAN };
        std::fs::write(d.join(format!("story-{i:02}.txt")), text).unwrap();
    }
    std::fs::write(d.join("story-30.txt"), b"bad \xff byte\n").unwrap();
    let one = qc_in(&d, &["check", "--format", "json", "-j", "1", "."], b"", &[]);
    let four = qc_in(
        &d,
        &["check", "--format", "json", "--threads", "4", "."],
        b"",
        &[],
    );
    assert_eq!(one.status.code(), Some(2), "{}", err(&one));
    assert_eq!(four.status.code(), Some(2));
    assert_eq!(out(&one), out(&four));
    assert!(err(&four).contains("story-30.txt"), "{}", err(&four));
    let v: serde_json::Value = serde_json::from_str(&out(&four)).unwrap();
    let s = v.to_string();
    let positions: Vec<usize> = (0..60)
        .step_by(3)
        .filter(|&i| i != 30)
        .map(|i| s.find(&format!("story-{i:02}.txt")).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "files out of order"
    );
}
