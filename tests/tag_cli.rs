//! `quotecheck tag`: CoNLL-U output, offsets, `--pretokenized`, errors.

use std::process::Output;

mod common;
use common::qc;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// The token lines of CoNLL-U output, split into their ten columns.
fn token_lines(s: &str) -> Vec<Vec<&str>> {
    s.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect()
}

/// The `TokenRange=a:b` of a MISC column.
fn range(misc: &str) -> (usize, usize) {
    let r = misc
        .split('|')
        .find_map(|f| f.strip_prefix("TokenRange="))
        .unwrap();
    let (a, b) = r.split_once(':').unwrap();
    (a.parse().unwrap(), b.parse().unwrap())
}

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/tag/ferry-strike.txt"
);

#[test]
fn tag_prints_conllu_with_byte_offsets() {
    let o = qc(&["tag", FIXTURE], b"");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = stdout(&o);
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    let lines = token_lines(&out);
    assert!(lines.len() > 60);
    for cols in &lines {
        assert_eq!(cols.len(), 10, "{cols:?}");
        let (a, b) = range(cols[9]);
        // FORM is the input at TokenRange (a quotation's line breaks written as spaces).
        assert_eq!(cols[1], text[a..b].replace('\n', " "));
        assert!(
            quotecheck::syntax::Upos::parse(cols[3]).is_some(),
            "{cols:?}"
        );
    }
    // A whole quotation is one token.
    let quotes: Vec<_> = lines.iter().filter(|c| c[4] == "QUOTE").collect();
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[0][1], "\"Nobody sails until the rota is fixed,\"");
    assert_eq!(quotes[0][3], "X");
    // Sentences as the document splits them, each with its text.
    assert_eq!(out.matches("# sent_id = ").count(), 6);
    assert!(out.contains("# text = Operator Nordvik Lines said it was disappointed"));
    // Deterministic.
    assert_eq!(qc(&["tag", FIXTURE], b"").stdout, o.stdout);
}

#[test]
fn tag_snapshot() {
    let o = qc(&["tag", "-"], &std::fs::read(FIXTURE).unwrap());
    assert_eq!(o.status.code(), Some(0));
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("tag_ferry_strike", stdout(&o)));
}

#[test]
fn pretokenized_gives_one_token_per_input_token() {
    let input = "The talks broke down .\n\n\"  We won't unload , \" he said\r\nU.S. ports\n";
    let o = qc(&["tag", "--pretokenized"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let blocks: Vec<&str> = out.split("\n\n").filter(|b| !b.trim().is_empty()).collect();
    assert_eq!(blocks.len(), 3, "blank lines are no sentences");
    let counts: Vec<usize> = blocks.iter().map(|b| token_lines(b).len()).collect();
    assert_eq!(counts, [5, 8, 2], "{out}");
    for cols in token_lines(&out) {
        let (a, b) = range(cols[9]);
        assert_eq!(&input[a..b], cols[1]);
    }
    // Quote marks are tokens like any other here.
    assert!(token_lines(&out)
        .iter()
        .any(|c| c[1] == "\"" && c[3] == "PUNCT"));
}

#[test]
fn missing_file_is_an_error_but_others_are_tagged() {
    let o = qc(&["tag", "/nonexistent/story.txt", FIXTURE], b"");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains("/nonexistent/story.txt"), "{err}");
    assert!(stdout(&o).contains("# newdoc id = "));
}

#[test]
fn empty_input_has_no_sentences() {
    let o = qc(&["tag"], b"");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "# newdoc id = -\n");
    let o = qc(&["tag", "--pretokenized"], b"\n\n");
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
}
