//! The binary under hostile conditions: forged CI annotations, closed and full output streams,
//! thread limits, a panic in one input, JSON Lines ids and encodings, inputs over the size
//! limit, pipes and unreadable entries among the files checked.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

fn qc(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    common::qc_in(None, args, stdin, env)
}

fn dir(name: &str) -> PathBuf {
    common::temp_folder("rel", name)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A draft with one finding (`loaded-verb`, `info` by default: the runs that expect status 1
/// for it pass `--fail-on info`).
const LOADED: &str = "The minister admitted the plan had failed.\n";

/// Whether line `t` is an annotation of `--format github` (`::notice file=`, `::warning file=`
/// or `::error file=`).
fn annotation(t: &str) -> bool {
    ["::notice file=", "::warning file=", "::error file="]
        .iter()
        .any(|a| t.starts_with(a))
}

/// Every line a run printed, stdout and stderr: none is a GitHub workflow command but the
/// annotations of `--format github` (which escape what they hold).
fn no_forged_command(o: &Output, annotations_ok: bool) {
    for l in text(&o.stdout).lines().chain(text(&o.stderr).lines()) {
        let t = l.trim_start();
        // (An annotation is read as one: the runner tries the `##[` form only on lines that
        // are not.)
        assert!(
            !t.contains("##[") || (annotations_ok && annotation(t)),
            "{l:?}"
        );
        if t.starts_with("::") {
            assert!(annotations_ok && annotation(t), "{l:?}");
            let props = t.split("::").nth(1).unwrap();
            assert!(!props.contains("README.md,line=2"), "{l:?}");
        }
    }
}

#[test]
fn file_names_cannot_forge_annotations() {
    let d = dir("forge");
    let name = "f\n::error file=README.md,line=2::forged\n.md";
    std::fs::write(d.join(name), LOADED).unwrap();
    std::fs::write(d.join("g\n##[error]forged.md"), LOADED).unwrap();
    std::fs::write(d.join("h\n::stop-commands::x\n.md"), b"\xff not UTF-8").unwrap();
    for format in ["github", "human", "json", "sarif"] {
        let o = qc(
            &["check", "--format", format, d.to_str().unwrap()],
            b"",
            &[],
        );
        assert_eq!(o.status.code(), Some(2), "{format}: {}", text(&o.stderr));
        no_forged_command(&o, format == "github");
        // The two readable files were checked and reported.
        assert!(text(&o.stdout).contains("admitted"), "{format}");
    }
    let o = qc(
        &[
            "extract",
            "--format",
            "text",
            d.join(name).to_str().unwrap(),
        ],
        b"",
        &[],
    );
    no_forged_command(&o, false);
    // SARIF URIs are percent-encoded.
    let o = qc(
        &["check", "--format", "sarif", d.join(name).to_str().unwrap()],
        b"",
        &[],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let uri = v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap();
    assert!(
        uri.ends_with("f%0A::error%20file=README.md,line=2::forged%0A.md"),
        "{uri}"
    );
}

#[test]
fn closed_or_full_outputs_end_with_a_status_not_an_abort() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    if let Ok(full) = full {
        let o = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .arg("schema")
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        assert!(
            text(&o.stderr).contains("cannot write the output"),
            "{}",
            text(&o.stderr)
        );
        // A message with standard error full: still status 2.
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .args(["extract", "/no/such/file"])
            .stderr(full)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
    }
    // A closed pipe: the reader went away; not an error.
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["rule", "loaded-verb"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
}

#[test]
fn more_threads_than_the_system_gives_still_run() {
    let input: String = (0..50)
        .map(|i| format!("{{\"id\":{i},\"text\":\"Ana Ruiz said {i} roads were shut.\"}}\n"))
        .collect();
    let o = qc(
        &["extract", "--jsonl", "-j", "100000"],
        input.as_bytes(),
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let ids: Vec<u64> = text(&o.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, (0..50).collect::<Vec<_>>());
}

#[test]
fn a_panic_in_one_input_is_reported_and_the_run_goes_on() {
    let env = [("QUOTECHECK_TEST_PANIC", "TRIP-WIRE")];
    let input = "{\"id\":\"a\",\"text\":\"Ana Ruiz said it.\"}\n\
                 {\"id\":\"b\",\"text\":\"TRIP-WIRE\"}\n\
                 {\"id\":\"c\",\"text\":\"Li Wei said it.\"}\n";
    for threads in ["1", "2"] {
        let o = qc(
            &["extract", "--jsonl", "-j", threads],
            input.as_bytes(),
            &env,
        );
        assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
        let out: Vec<serde_json::Value> = text(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(out.len(), 3);
        assert_eq!(
            (out[0]["id"].as_str(), out[2]["id"].as_str()),
            (Some("a"), Some("c"))
        );
        assert!(out[0]["quotes"].is_array() && out[2]["quotes"].is_array());
        assert_eq!(out[1]["id"], "b");
        assert_eq!(out[1]["line"], 2);
        assert!(out[1]["error"].as_str().unwrap().contains("internal error"));
    }
    // Documents and checked files: the one that trips is reported, the others are done.
    let d = dir("panic");
    std::fs::write(d.join("a.txt"), LOADED).unwrap();
    std::fs::write(d.join("b.txt"), "TRIP-WIRE").unwrap();
    std::fs::write(d.join("c.txt"), LOADED).unwrap();
    let files: Vec<String> = ["a.txt", "b.txt", "c.txt"]
        .iter()
        .map(|f| d.join(f).to_str().unwrap().to_string())
        .collect();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let o = qc(&[&["extract"][..], &args].concat(), b"", &env);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stdout).lines().count(), 2);
    assert!(
        text(&o.stderr).contains("b.txt: internal error"),
        "{}",
        text(&o.stderr)
    );
    let o = qc(&["check", d.to_str().unwrap()], b"", &env);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stdout).matches("admitted").count(),
        4,
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn jsonl_ids_boms_and_files_are_kept() {
    let d = dir("jsonl");
    let a = d.join("a.jsonl");
    std::fs::write(
        &a,
        b"\xef\xbb\xbf{\"id\":12345678901234567890123,\"text\":\"x\"}\n\
          {\"id\":12345678901234567890124,\"text\":\"x\"}\n\
          {\"id\": -0 ,\"text\":\"x\"}\n{\"id\":1e2,\"text\":\"x\"}\n\
          {\"id\":\"kept\",\"text\":\"bad \xff byte\"}\n",
    )
    .unwrap();
    let b = d.join("b.jsonl");
    std::fs::write(&b, b"not json\n").unwrap();
    let o = qc(
        &[
            "extract",
            "--jsonl",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ],
        b"",
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    let starts: Vec<&str> = out
        .lines()
        .map(|l| l.split(",\"").next().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "{\"id\":12345678901234567890123",
            "{\"id\":12345678901234567890124",
            "{\"id\":-0",
            "{\"id\":1e2",
            "{\"id\":\"kept\"",
            "{\"id\":null",
        ]
    );
    let errors: Vec<serde_json::Value> = out
        .lines()
        .skip(4)
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(errors[0]["file"].as_str().unwrap().ends_with("a.jsonl"));
    assert!(errors[1]["file"].as_str().unwrap().ends_with("b.jsonl"));
    // One input: no file in the records.
    let o = qc(&["extract", "--jsonl", b.to_str().unwrap()], b"", &[]);
    assert!(!text(&o.stdout).contains("\"file\""));
}

#[test]
fn max_bytes_stops_reading() {
    // Standard input over the limit: skipped with a message, status 1 (extract), 2 (check).
    let big = LOADED.repeat(100);
    let o = qc(
        &["extract", "--max-bytes", "1000", "-"],
        big.as_bytes(),
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("--max-bytes 1000"),
        "{}",
        text(&o.stderr)
    );
    let o = qc(&["check", "--max-bytes", "1000", "-"], big.as_bytes(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = qc(
        &["check", "--fail-on", "info", "--max-bytes", "100000", "-"],
        big.as_bytes(),
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
}

fn mkfifo(p: &Path) -> bool {
    Command::new("mkfifo")
        .arg(p)
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn pipes_are_checked_and_an_unreadable_entry_is_one_error() {
    let d = dir("pipes");
    let fifo = d.join("draft.txt");
    if mkfifo(&fifo) {
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, LOADED).unwrap())
        };
        let o = qc(
            &["check", "--fail-on", "info", fifo.to_str().unwrap()],
            b"",
            &[],
        );
        writer.join().unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
        assert!(text(&o.stdout).contains("admitted"));
    }
    // A folder with a readable draft and a folder it cannot read (when not run as root, whom
    // permissions do not stop), and a file that cannot be read (`/proc/self/mem` fails with
    // an I/O error even for root): one error each, and the draft is still checked and shown.
    let tree = dir("tree");
    std::fs::write(tree.join("a.md"), LOADED).unwrap();
    let locked = tree.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("c.md"), LOADED).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o0)).unwrap();
    let root = std::fs::read_dir(&locked).is_ok();
    let o = qc(
        &["check", tree.to_str().unwrap(), "/proc/self/mem"],
        b"",
        &[],
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("a.md:1:14"), "{}", text(&o.stdout));
    let errors = text(&o.stderr);
    assert!(errors.contains("/proc/self/mem"), "{errors}");
    assert_eq!(errors.lines().count(), if root { 1 } else { 2 }, "{errors}");
}

/// SIGTERM during `extract --jsonl`: the records in flight are written whole, no line is torn,
/// and the run ends with status 143 and a message.
#[cfg(unix)]
#[test]
fn sigterm_stops_the_stream_at_a_record_boundary() {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["extract", "--jsonl", "--threads", "2", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let record = |k: usize| {
        format!(
            "{{\"id\":{k},\"text\":\"Mayor Ines Ferro said the ferry would run again, and \
             \\\"we will not close the pier,\\\" she added. {}\"}}\n",
            "The council met on Tuesday. ".repeat(40)
        )
    };
    let writer = std::thread::spawn(move || {
        // Writes until the reader has seen output and the run has stopped reading.
        for k in 0..200_000 {
            if stdin.write_all(record(k).as_bytes()).is_err() {
                break;
            }
        }
    });
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(first.ends_with('\n'), "{first:?}");
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    drop(writer);
    assert_eq!(status.code(), Some(143), "{err}");
    assert!(err.contains("interrupted"), "{err}");
    assert!(rest.is_empty() || rest.ends_with('\n'), "a torn last line");
    for (k, line) in std::iter::once(first.trim_end())
        .chain(rest.lines())
        .enumerate()
    {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(
            v["id"], k,
            "records in input order, none lost before the stop"
        );
    }
}

/// A record whose line runs to megabytes (a quote every few bytes) is written in parts as it is
/// made on one thread, and held on several: the same lines either way, each whole.
#[test]
fn a_long_record_is_the_same_line_on_one_thread_or_two() {
    let short = "{\"id\":1,\"text\":\"Ana Ruiz said it.\"}\n";
    let long = format!("{{\"id\":2,\"text\":{:?}}}\n", "\"a\" ".repeat(30_000));
    let input = format!("{short}{long}{short}");
    let one = qc(&["extract", "--jsonl", "-j", "1"], input.as_bytes(), &[]);
    let two = qc(&["extract", "--jsonl", "-j", "2"], input.as_bytes(), &[]);
    assert_eq!(one.status.code(), Some(0), "{}", text(&one.stderr));
    assert!(one.stdout.len() > 2 << 20, "{} bytes", one.stdout.len());
    assert!(one.stdout == two.stdout);
    let lines: Vec<serde_json::Value> = text(&one.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["quotes"].as_array().unwrap().len(), 30_000);
}
