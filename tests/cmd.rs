//! The command line as a user meets it, one snapshot per behaviour: arguments, standard input,
//! exit status, stdout and stderr (insta-cmd; the snapshots are in `snapshots/`, reviewed with
//! `cargo insta review` like the project's other snapshots).

use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::assert_cmd_snapshot;

/// The binary, run from `dir` with colour off.
fn qc(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_quotecheck"));
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

/// The binary, run from the repository root.
fn root() -> Command {
    qc(Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// A fresh empty folder for one test.
fn workspace(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("quotecheck-cmd-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs `f` with snapshots in `snapshots/`, the version and build information masked.
fn snapshots(f: impl FnOnce()) {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s.add_filter(
        &regex_escape(concat!("quotecheck ", env!("CARGO_PKG_VERSION"))),
        "quotecheck [VERSION]",
    );
    s.add_filter(r"\(([0-9a-f]{9} |built )\d{4}-\d\d-\d\d\)", "([BUILD])");
    s.bind(f);
}

fn regex_escape(s: &str) -> String {
    s.replace('.', r"\.")
}

const LOADED: &str = "The ferry operator admitted the timetable had slipped.\n";

// Item 1: one set of figures in every output.

#[test]
fn extract_text_states_the_figures() {
    snapshots(|| {
        assert_cmd_snapshot!(
            "extract_text_wire_story",
            root().args(["extract", "examples/wire-story.txt", "--format", "text"])
        );
        assert_cmd_snapshot!(
            "check_wire_story",
            root().args([
                "check",
                "examples/wire-story.txt",
                "--select",
                "anonymous-no-reason"
            ])
        );
    });
}

// Item 2: check with no path checks the current folder; nothing to check is an error.

#[test]
fn check_without_a_path_checks_the_current_folder() {
    let d = workspace("cwd");
    snapshots(|| {
        assert_cmd_snapshot!("check_empty_folder", qc(&d).arg("check"));
        std::fs::write(d.join("draft.txt"), LOADED).unwrap();
        std::fs::write(d.join("notes.csv"), LOADED).unwrap();
        assert_cmd_snapshot!("check_current_folder", qc(&d).arg("check"));
        assert_cmd_snapshot!(
            "check_empty_stdin",
            qc(&d).args(["check", "-"]).pass_stdin("")
        );
        assert_cmd_snapshot!(
            "check_stdin",
            qc(&d).args(["check", "-"]).pass_stdin(LOADED)
        );
    });
}

// Item 3: extract reads Markdown as Markdown.

#[test]
fn extract_reads_markdown() {
    let md = std::fs::read_to_string("tests/fixtures/cli/story.md").unwrap();
    snapshots(|| {
        assert_cmd_snapshot!(
            "extract_markdown_file",
            root().args(["extract", "tests/fixtures/cli/story.md", "--format", "text"])
        );
        assert_cmd_snapshot!(
            "extract_markdown_stdin_filename",
            root()
                .args([
                    "extract",
                    "--stdin-filename",
                    "story.md",
                    "--format",
                    "text"
                ])
                .pass_stdin(md.clone())
        );
        assert_cmd_snapshot!(
            "extract_markdown_flag_jsonl",
            root()
                .args(["extract", "--jsonl", "--markdown"])
                .pass_stdin(serde_json::json!({"id": 1, "text": md}).to_string())
        );
    });
}

// Item 4: the scorer.

#[test]
fn eval_scores_gold() {
    snapshots(|| {
        assert_cmd_snapshot!(
            "eval_table_verbose",
            root().args(["eval", "tests/fixtures/cli/gold.jsonl", "--verbose"])
        );
        assert_cmd_snapshot!(
            "eval_json",
            root().args(["eval", "tests/fixtures/cli/gold.jsonl", "--json"])
        );
        let pred = serde_json::json!({"id": "pier", "quotes": [{
            "kind": "direct", "content": {"start": 1, "end": 25},
            "speaker": {"name": "Lina Corr", "anonymous": false}, "chain": []}]})
        .to_string();
        assert_cmd_snapshot!(
            "eval_predictions",
            root()
                .args(["eval", "tests/fixtures/cli/gold.jsonl", "-", "--verbose"])
                .pass_stdin(pred)
        );
        assert_cmd_snapshot!("eval_missing_gold", root().args(["eval", "no-such.jsonl"]));
    });
}

// Item 5: nothing silently ignored.

#[test]
fn misspelled_options_and_rules_are_reported() {
    snapshots(|| {
        assert_cmd_snapshot!(
            "check_suppression_typo",
            root().args(["check", "tests/fixtures/cli/suppress-typo.txt"])
        );
        assert_cmd_snapshot!(
            "extract_jsonl_format_text",
            root()
                .args(["extract", "--jsonl", "--format", "text"])
                .pass_stdin("{\"id\": 1, \"text\": \"x\"}\n")
        );
        assert_cmd_snapshot!(
            "extract_max_bytes_units",
            root().args(["extract", "--max-bytes", "1K", "examples/wire-story.txt"])
        );
        assert_cmd_snapshot!(
            "extract_max_bytes_64m",
            root()
                .args(["extract", "--max-bytes", "64M", "--format", "text", "-"])
                .pass_stdin("\"Yes,\" she said.")
        );
        assert_cmd_snapshot!(
            "extract_max_bytes_bad_unit",
            root().args(["extract", "--max-bytes", "64X", "-"])
        );
    });
}

// Item 6: messages.

#[test]
fn messages_are_plain_and_consistent() {
    let d = workspace("messages");
    std::fs::write(d.join("draft.txt"), LOADED).unwrap();
    snapshots(|| {
        assert_cmd_snapshot!("extract_missing_file", qc(&d).args(["extract", "gone.txt"]));
        assert_cmd_snapshot!("check_missing_file", qc(&d).args(["check", "gone.txt"]));
        assert_cmd_snapshot!(
            "check_missing_config",
            qc(&d).args(["check", "--config", "nope.toml", "draft.txt"])
        );
        assert_cmd_snapshot!("extract_folder", qc(&d).args(["extract", "."]));
        assert_cmd_snapshot!(
            "check_caret_display_width",
            root().args(["check", "tests/fixtures/cli/wide.txt"])
        );
    });
}

// Item 7: the conventions of the family.

#[test]
fn linter_conventions() {
    let d = workspace("conventions");
    std::fs::write(d.join("draft.txt"), LOADED).unwrap();
    std::fs::write(
        d.join("anon.txt"),
        "A senior official said the harbour would close.\n",
    )
    .unwrap();
    snapshots(|| {
        assert_cmd_snapshot!("version", root().arg("--version"));
        assert_cmd_snapshot!("check_quiet", qc(&d).args(["check", "-q", "draft.txt"]));
        assert_cmd_snapshot!(
            "check_exit_zero",
            qc(&d).args(["check", "--exit-zero", "draft.txt"])
        );
        assert_cmd_snapshot!(
            "check_select",
            qc(&d).args(["check", "--select", "anonymous-source,anonymous-no-reason"])
        );
        assert_cmd_snapshot!(
            "check_ignore_extend_select",
            qc(&d).args([
                "check",
                "--ignore",
                "loaded-verb,anonymous-no-reason",
                "--extend-select",
                "anonymous-source",
                "--fail-on",
                "info"
            ])
        );
        assert_cmd_snapshot!(
            "check_select_unknown",
            qc(&d).args(["check", "--select", "loaded-verbs"])
        );
        assert_cmd_snapshot!(
            "check_stdin_filename",
            qc(&d)
                .args(["check", "-", "--stdin-filename", "drafts/ferry.md"])
                .pass_stdin(format!("---\ntitle: \"x\"\n---\n{LOADED}"))
        );
        assert_cmd_snapshot!(
            "check_stdin_filename_alone",
            qc(&d)
                .args(["check", "--stdin-filename", "ferry.txt"])
                .pass_stdin(LOADED)
        );
        assert_cmd_snapshot!(
            "check_output_file",
            qc(&d).args([
                "check",
                "draft.txt",
                "--format",
                "github",
                "--output",
                "out.txt"
            ])
        );
        assert_eq!(
            std::fs::read_to_string(d.join("out.txt")).unwrap(),
            "::notice file=draft.txt,line=1,col=20,endLine=1,endColumn=28,title=quotecheck \
             loaded-verb::“admitted” editorialises; “said” does not\n"
        );
        assert_cmd_snapshot!(
            "extract_output_file",
            qc(&d).args(["extract", "draft.txt", "-o", "out.json"])
        );
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(d.join("out.json")).unwrap()).unwrap();
        assert_eq!(v["path"], "draft.txt");
        assert_cmd_snapshot!(
            "output_unwritable",
            qc(&d).args(["check", "draft.txt", "-o", "no-such-folder/out.txt"])
        );
    });
}

#[test]
fn completions_and_man_pages() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = root().args(["completions", shell]).output().unwrap();
        assert!(o.status.success(), "{shell}");
        let script = String::from_utf8(o.stdout).unwrap();
        for word in ["extract", "check", "eval", "stdin-filename", "exit-zero"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let o = root().arg("manpage").output().unwrap();
    let page = String::from_utf8(o.stdout).unwrap();
    assert!(
        page.starts_with(".ie") && page.contains(".TH quotecheck 1"),
        "{page}"
    );
    assert!(
        page.contains("quotecheck\\-check(1)"),
        "the page lists the commands"
    );
    let o = root().args(["manpage", "check"]).output().unwrap();
    let page = String::from_utf8(o.stdout).unwrap();
    assert!(page.contains(".TH quotecheck-check 1") && page.contains("\\-\\-exit\\-zero"));
    snapshots(|| {
        assert_cmd_snapshot!(
            "completions_bad_shell",
            root().args(["completions", "tcsh"])
        );
        assert_cmd_snapshot!("manpage_unknown_command", root().args(["manpage", "lint"]));
    });
}
