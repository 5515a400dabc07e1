//! The `quotecheck` binary: formats, JSON Lines streaming, errors and exit codes.

use std::process::Output;

mod common;
use common::qc;

fn lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn tmp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("quotecheck-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn extract_file_prints_the_report() {
    let o = qc(
        &[
            "extract",
            concat!(env!("CARGO_MANIFEST_DIR"), "/examples/wire-story.txt"),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0));
    let v = &lines(&o)[0];
    assert_eq!(v["schema_version"], quotecheck::SCHEMA_VERSION);
    assert!(v["path"].as_str().unwrap().ends_with("wire-story.txt"));
    assert!(v["quotes"].as_array().unwrap().len() > 10);
    assert_eq!(v["dateline"]["outlet"], "Alpine Wire");
}

#[test]
fn text_format_groups_by_speaker() {
    let o = qc(
        &["extract", "--format", "text", "-"],
        "\"We will rebuild,\" Mayor Ana Ruiz said. A senior aide, requesting anonymity, said the cost was unknown.".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0));
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(s.contains("Ana Ruiz (person"), "{s}");
    assert!(s.contains("no reason given for anonymity"), "{s}");
    assert!(s.contains("1:2 direct"), "{s}");
}

#[test]
fn jsonl_keeps_order_and_reports_bad_lines() {
    let input = b"{\"id\": \"a\", \"text\": \"Officials said the road was closed.\"}\n{not json\n\n{\"id\": 7}\n{\"id\": \"c\", \"text\": \"\\\"Yes,\\\" she said.\", \"extra\": [1]}\n";
    let o = qc(&["extract", "--jsonl"], input);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a bad line makes the exit status non-zero"
    );
    let v = lines(&o);
    assert_eq!(v.len(), 4);
    assert_eq!(v[0]["id"], "a");
    assert_eq!(v[0]["quotes"][0]["speaker"]["anonymous"], true);
    assert_eq!(v[1]["line"], 2);
    assert!(v[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("malformed JSON"));
    assert_eq!(v[2]["id"], 7);
    assert_eq!(v[2]["line"], 4);
    assert!(v[2]["error"].as_str().unwrap().contains("missing \"text\""));
    assert_eq!(v[3]["id"], "c");
    assert_eq!(v[3]["quotes"][0]["text"], "Yes,");
}

#[test]
fn jsonl_over_max_bytes_is_skipped_with_a_record() {
    let o = qc(
        &["extract", "--jsonl", "--max-bytes", "20"],
        b"{\"id\": 1, \"text\": \"short\"}\n{\"id\": 2, \"text\": \"this text is longer than twenty bytes\"}\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let v = lines(&o);
    assert_eq!(v[0]["id"], 1);
    assert!(v[1]["error"].as_str().unwrap().contains("--max-bytes"));
}

#[test]
fn invalid_utf8_names_file_and_offset_unless_lossy() {
    let p = tmp("bad.txt", b"He said \xff no.");
    let o = qc(&["extract", p.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("bad.txt") && err.contains("invalid UTF-8 at byte 8"),
        "{err}"
    );
    let o = qc(&["extract", "--lossy", p.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn missing_file_is_an_error_but_others_are_read() {
    let good = tmp("good.txt", "\"Fine,\" he said.".as_bytes());
    let o = qc(
        &[
            "extract",
            "/nonexistent/quotecheck.txt",
            good.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr.clone())
        .unwrap()
        .contains("/nonexistent/quotecheck.txt"));
    assert_eq!(lines(&o).len(), 1, "the readable file is still reported");
}

#[test]
fn user_grammar_extends_and_errors_name_file_and_line() {
    let dir = std::env::temp_dir().join(format!("quotecheck-grammar-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("verbs.txt"),
        "harrumph forms=harrumphs,harrumphed,harrumphing stance=loaded\n",
    )
    .unwrap();
    let o = qc(
        &["extract", "--grammar", dir.to_str().unwrap(), "-"],
        "\"Nonsense,\" Lord Pell harrumphed.".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0));
    let v = &lines(&o)[0];
    assert_eq!(v["quotes"][0]["cue"]["stance"], "loaded");
    std::fs::write(
        dir.join("verbs.txt"),
        "# house verbs\nharrumph forms=harrumphs stance=grumpy\n",
    )
    .unwrap();
    let o = qc(&["extract", "--grammar", dir.to_str().unwrap(), "-"], b"x");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("verbs.txt:2: expected stance=neutral|loaded|precise, found stance=grumpy"),
        "{err}"
    );
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let o = qc(&["schema"], b"");
    assert_eq!(o.status.code(), Some(0));
    let printed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schema/report.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(printed, committed);
}

#[test]
fn help_teaches_and_bad_usage_exits_2() {
    let o = qc(&["--help"], b"");
    assert_eq!(o.status.code(), Some(0));
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(
        s.contains("Examples:") && s.contains("extract --jsonl"),
        "{s}"
    );
    let o = qc(&["extract", "--format", "yaml"], b"");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn output_is_deterministic() {
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/wire-story.txt"
    ))
    .unwrap();
    let a = qc(&["extract", "-"], &text);
    let b = qc(&["extract", "-"], &text);
    assert_eq!(a.stdout, b.stdout);
}

/// A batch of many records, with bad lines among them, comes out the same on one thread and on
/// several: in input order, error records at their line numbers.
#[test]
fn jsonl_threads_keep_input_order() {
    let mut input = String::new();
    for i in 0..700 {
        match i % 97 {
            5 => input.push_str("{broken\n"),
            11 => input.push_str(&format!("{{\"id\": {i}}}\n")),
            _ => input.push_str(&format!(
                "{{\"id\": {i}, \"text\": \"\\\"Stop {i},\\\" Mayor Ana Ruiz said. A senior aide, requesting anonymity, said {i} roads were shut.\"}}\n"
            )),
        }
    }
    let one = qc(&["extract", "--jsonl", "--threads", "1"], input.as_bytes());
    let three = qc(&["extract", "--jsonl", "-j", "3"], input.as_bytes());
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(three.status.code(), Some(1));
    assert_eq!(
        one.stdout, three.stdout,
        "output does not depend on the thread count"
    );
    let v = lines(&three);
    assert_eq!(v.len(), 700);
    for (i, r) in v.iter().enumerate() {
        if i % 97 == 5 {
            assert_eq!(r["line"], i + 1);
        } else {
            assert_eq!(r["id"], i);
        }
    }
    assert!(v[0]["quotes"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Stop 0"));
}

/// `--stats` prints one summary line on stderr; without it stderr stays empty (and no progress
/// bar is drawn when stderr is not a terminal).
#[test]
fn stats_summarise_the_run() {
    let input = b"{\"id\": 1, \"text\": \"\\\"Yes,\\\" she said. Officials said the road was closed.\"}\n{bad\n";
    let quiet = qc(&["extract", "--jsonl"], input);
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
    let o = qc(&["extract", "--jsonl", "--stats"], input);
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("1 document, 2 claims (50.0% anonymous), 1 error;"),
        "{err}"
    );
    assert!(err.contains("MB/s"), "{err}");
}

/// A line far over the limit is skipped while being read (never held whole), with an error
/// record, and the lines after it are analysed.
#[test]
fn jsonl_huge_line_is_skipped_while_reading() {
    let mut input = b"{\"id\": 1, \"text\": \"".to_vec();
    input.extend(std::iter::repeat_n(b'x', 3_000_000));
    input.extend_from_slice(b"\"}\n{\"id\": 2, \"text\": \"\\\"Yes,\\\" she said.\"}\n");
    let o = qc(&["extract", "--jsonl", "--max-bytes", "1000"], &input);
    assert_eq!(o.status.code(), Some(1));
    let v = lines(&o);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["line"], 1);
    assert!(
        v[0]["error"]
            .as_str()
            .unwrap()
            .contains("over --max-bytes 1000"),
        "{}",
        v[0]
    );
    assert_eq!(v[1]["id"], 2);
}
