#[test]
fn dbg() {
    let g = quotecheck::Grammar::builtin();
    let t = std::env::var("T").unwrap_or("The state news agency Agencia Central quoted Interior Minister Lucía Bermúdez as saying that the vote would go ahead \"with or without the opposition.\"".into());
    let d = quotecheck::text::Doc::new(&t, g);
    for (i, tok) in d.tokens.iter().enumerate() {
        println!("{i} {:?} {:?} {:?}", d.tok_text(i), tok.kind, d.word_tags(i).map(|t| format!("{t:?}").chars().take(40).collect::<String>()).collect::<Vec<_>>());
    }
    for s in &d.sentences {
        for a in quotecheck::analysis::cue::attributions(&d, *s) {
            println!("ATTR {:?} cue={:?} spk={:?} content={:?} quotes={:?}", a.kind, a.cue, a.speaker.as_ref().map(|n| (n.start, n.end, n.kind)), a.content, a.quotes);
        }
        for a in s.start..s.end { if let Some(n) = quotecheck::analysis::cue::find_subject(&d, s.start, a) { println!("subj ending {a}: {}..{} {:?}", n.0.start, n.0.end, n.0.kind); } }
    }
}
