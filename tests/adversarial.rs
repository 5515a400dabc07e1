//! Hostile inputs complete and give a sane report: only quote marks, alternating nested marks,
//! a sentence without punctuation, "said" repeated, capitalised words, "he said that" repeated,
//! an unclosed quote before a long text, apostrophes everywhere, CRLF, a BOM, NUL bytes, long
//! lines, page furniture between open quotes or on every line. (Their cost against ordinary copy is measured in `benches/pipeline.rs`.)

fn sane(name: &str, text: &str) {
    let r = quotecheck::analyze(text);
    for q in &r.quotes {
        assert!(
            q.content.end <= text.len()
                && text.is_char_boundary(q.content.start)
                && text.is_char_boundary(q.content.end),
            "{name}: {:?}",
            q.content
        );
    }
    let check = quotecheck::check::check_text(
        text,
        quotecheck::check::InputKind::Markdown,
        quotecheck::Grammar::builtin(),
        &Default::default(),
    );
    for f in &check.findings {
        assert!(
            f.span.end <= text.len() && text.is_char_boundary(f.span.start),
            "{name}: {:?}",
            f.span
        );
    }
}

fn rep(s: &str, n: usize) -> String {
    s.repeat(n)
}

#[test]
fn hostile_inputs_complete() {
    let n = 20_000;
    let cases: Vec<(&str, String)> = vec![
        ("only quote marks", rep("\"", n)),
        ("only curly marks", rep("\u{201c}", n)),
        ("alternating nested marks", rep("\u{201c}\u{2018}", n)),
        (
            "mixed marks",
            rep("\"'\u{201d}\u{2019}\u{ab}\u{bb}`", n / 4),
        ),
        ("no punctuation", rep("word ", n)),
        ("said repeated", rep("said ", n)),
        ("capitalised words", rep("Capital ", n)),
        ("he said that", rep("he said that ", n)),
        (
            "unclosed quote before text",
            format!("\"{}", rep("The text goes on. ", n)),
        ),
        ("apostrophes", rep("it's the players' union's ", n / 4)),
        ("crlf", rep("He said, \"yes.\"\r\n", n / 4)),
        (
            "bom",
            format!("\u{feff}{}", rep("\"Yes,\" she said. ", n / 8)),
        ),
        ("nul bytes", rep("a\u{0}b \"c\" ", n / 4)),
        ("quote per line", rep("\"\n", n)),
        ("single quotes", rep("'a' ", n)),
        ("long line", rep("x", 200_000)),
        ("empty", String::new()),
        ("whitespace", rep(" \n\t", n)),
        ("according to repeated", rep("according to ", n / 2)),
        ("titles repeated", rep("Prime Minister ", n / 2)),
        (
            "furniture between open quotes",
            rep("\"Open and never closed\nAdvertisement\n", n / 4),
        ),
        (
            "furniture only",
            rep("Story continues below advertisement\n", n / 4),
        ),
        (
            "caption credits",
            rep("A crew works. \"Go,\" he said. (AP Photo/Jo Roe)\n", n / 4),
        ),
    ];
    for (name, text) in &cases {
        sane(name, text);
    }
}

/// A page of nothing but furniture gives furniture and nothing else; copy between furniture
/// lines is still read.
#[test]
fn furniture_lines_give_no_units() {
    let text = rep("Story continues below advertisement\nBy Jo Roe\n", 2_000);
    let r = quotecheck::analyze(&text);
    assert_eq!(r.furniture.len(), 4_000);
    assert!(r.quotes.is_empty() && r.entities.is_empty());
    let text = rep(
        "Advertisement\n\"We are ready,\" Mayor Ana Ruiz said.\n",
        500,
    );
    let r = quotecheck::analyze(&text);
    assert_eq!((r.furniture.len(), r.quotes.len()), (500, 500));
}

#[test]
fn many_short_documents_analyse_like_one_at_a_time() {
    let docs: Vec<String> = (0..2000)
        .map(|i| format!("\"Item {i},\" Mayor Ana Ruiz said. Officials said {i} roads were shut."))
        .collect();
    for d in &docs {
        let a = quotecheck::analyze(d);
        assert_eq!(a.quotes.len(), 2, "{d}");
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&quotecheck::analyze(d)).unwrap()
        );
    }
}

/// Content spans of one document nest or stay apart.
fn units_nest(name: &str, text: &str) {
    let r = quotecheck::analyze(text);
    for a in &r.quotes {
        for b in &r.quotes {
            let (x, y) = (a.content, b.content);
            let overlap = x.start < y.end && y.start < x.end;
            assert!(
                !overlap || x.contains(y) || y.contains(x),
                "{name}: {x:?} ({:?}) and {y:?} ({:?}) overlap partially",
                a.kind,
                b.kind
            );
        }
    }
}

#[test]
fn reported_clauses_do_not_overlap_partially() {
    // A bare "Critics say" claims the rest of the sentence, and "he was quoted as saying" with
    // nothing after it took the clause before it: two reported clauses that crossed.
    units_nest(
        "say then quoted-as",
        " Critics say a senior official, requesting anonymity, he  was quoted as saying ",
    );
    units_nest(
        "say then quoted-as, trimmed",
        "Critics say a senior official, requesting anonymity, he was quoted as saying.",
    );
    units_nest(
        "say then said",
        "Critics say the mayor, speaking late, he said.",
    );
}
