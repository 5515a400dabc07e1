//! `quotecheck tag`: the part-of-speech tags of each sentence, as CoNLL-U.
//!
//! One block per sentence as the document splits it: `# sent_id`, `# text`, then one line per token
//! with ID, FORM, LEMMA `_`, UPOS, XPOS, FEATS, HEAD/DEPREL/DEPS `_` and MISC (the phrase,
//! `Phrase=B-NP`/`I-NP`; `TokenRange=start:end`, byte offsets into the input; and `SpaceAfter=No`
//! when the next token follows with no space). A whole quotation is one token: UPOS `X`, XPOS
//! `QUOTE`, its line breaks and tabs written as spaces in FORM (TokenRange gives the exact bytes).
//!
//! With `--pretokenized`, each input line is a sentence of tokens separated by single spaces: one
//! output token per input token, no quotation or sentence finding.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use quotecheck::syntax::{Scratch, Tag, Tagger, Word};
use quotecheck::text::Doc;
use quotecheck::Grammar;

use super::{input, out};

/// Options of `tag`.
#[derive(clap::Args, Debug)]
pub struct TagArgs {
    /// Files to read; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Read one sentence a line, tokens separated by single spaces, and tag exactly those tokens
    /// (for measuring the tagger on a treebank).
    #[arg(long)]
    pretokenized: bool,
    /// Extend the built-in grammar with the word lists in DIR (they decide abbreviations, so
    /// where sentences end).
    #[arg(long, value_name = "DIR")]
    grammar: Vec<PathBuf>,
    /// Decode invalid UTF-8 with replacement characters instead of failing.
    #[arg(long)]
    lossy: bool,
    /// Skip inputs larger than this, with an error (never read past it): bytes, or with a unit
    /// (K, M, G, KiB, MiB, GiB: powers of 1024; KB, MB, GB: of 1000).
    #[arg(
        long,
        value_name = "SIZE",
        default_value = "64MiB",
        value_parser = super::size::parse_max_bytes
    )]
    max_bytes: usize,
}

/// Runs `tag`; returns the exit status.
pub fn run(args: &TagArgs) -> i32 {
    let extended;
    let grammar = if args.grammar.is_empty() {
        Grammar::builtin()
    } else {
        match Grammar::with_dirs(&args.grammar) {
            Ok(g) => {
                extended = g;
                &extended
            }
            Err(e) => {
                out::error(e);
                return 2;
            }
        }
    };
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut status = 0;
    for f in &files {
        let inp = match input::read_or_report(f, args.lossy, args.max_bytes) {
            Ok(inp) => inp,
            Err(code) => {
                status = status.max(code);
                continue;
            }
        };
        let r = if args.pretokenized {
            pretokenized(&inp.text, &mut out)
        } else {
            document(&inp.name, &inp.text, grammar, &mut out)
        };
        if let Err(e) = r {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return status;
            }
            out::error(e);
            return 2;
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            out::error(e);
            2
        }
        _ => status,
    }
}

/// One document: its sentences as the [`Doc`] splits them, its tags as the Doc has them.
fn document(
    name: &str,
    text: &str,
    grammar: &Grammar,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let doc = Doc::new(text, grammar);
    writeln!(out, "# newdoc id = {}", one_line(name))?;
    for (n, s) in doc.sentences.iter().enumerate() {
        let (Some(first), Some(last)) = (
            doc.tokens.get(s.start),
            doc.tokens.get(s.end.saturating_sub(1)),
        ) else {
            continue;
        };
        writeln!(out, "# sent_id = {}", n + 1)?;
        let sentence = text.get(first.span().start..last.span().end).unwrap_or("");
        writeln!(out, "# text = {}", one_line(sentence))?;
        for (id, i) in (s.start..s.end).enumerate() {
            let Some(t) = doc.tokens.get(i) else { break };
            let glued = doc
                .tokens
                .get(i + 1)
                .is_some_and(|n| i + 1 < s.end && n.span().start == t.span().end);
            let tok = Token {
                id: id + 1,
                form: t.span().of(text),
                tag: doc.tag(i),
                range: (t.span().start, t.span().end),
                glued,
                phrase: phrase(&doc, i),
            };
            tok.write(out)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The phrase label of token `i` for MISC (`Phrase=B-NP`, `Phrase=I-VG`): `B-` at a phrase's
/// first token, `I-` inside it; none outside the phrase layer (page furniture, a dateline).
fn phrase(doc: &Doc<'_>, i: usize) -> Option<String> {
    use quotecheck::syntax::PhraseKind as K;
    let p = doc.phrases.get(doc.phrase_at(i)?)?;
    let kind = match p.kind {
        K::Np => "NP",
        K::Vg => "VG",
        K::Adv => "ADVP",
        K::Adj => "ADJP",
        K::Prep => "PP",
        K::Sconj => "SBAR",
        K::Wh => "WH",
        K::Cconj => "CC",
        K::To => "TO",
        K::Punct => "PUNCT",
        K::Quote => "QUOTE",
        K::Other => "O",
    };
    let at = if p.start as usize == i { "B" } else { "I" };
    Some(format!("{at}-{kind}"))
}

/// Pretokenized input: a sentence a line, tokens separated by spaces.
fn pretokenized(text: &str, out: &mut impl Write) -> std::io::Result<()> {
    let tagger = Tagger::builtin();
    let mut scratch = Scratch::default();
    let mut tags = Vec::new();
    let mut n = 0usize;
    let mut line_start = 0usize;
    for raw in text.split_inclusive('\n') {
        let start = line_start;
        line_start += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        // Tokens and their byte offsets in the input.
        let mut toks: Vec<(usize, &str)> = Vec::new();
        let mut at = start;
        for w in line.split(' ') {
            if !w.is_empty() {
                toks.push((at, w));
            }
            at += w.len() + 1;
        }
        if toks.is_empty() {
            continue;
        }
        tags.clear();
        tagger.tag_into(
            toks.iter().map(|t| Word::Text(t.1)),
            &mut scratch,
            &mut tags,
        );
        n += 1;
        writeln!(out, "# sent_id = {n}")?;
        writeln!(out, "# text = {}", one_line(line))?;
        for (id, ((at, w), tag)) in toks.iter().zip(&tags).enumerate() {
            let tok = Token {
                id: id + 1,
                form: w,
                tag: *tag,
                range: (*at, at + w.len()),
                glued: false,
                phrase: None,
            };
            tok.write(out)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// One token line.
struct Token<'a> {
    id: usize,
    form: &'a str,
    tag: Tag,
    range: (usize, usize),
    /// The next token follows with no space.
    glued: bool,
    phrase: Option<String>,
}

impl Token<'_> {
    fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        let t = self.tag;
        write!(
            out,
            "{}\t{}\t_\t{}\t{}\t{}\t_\t_\t_\t",
            self.id,
            one_line(self.form),
            t.upos(),
            t.xpos(),
            t.feats()
        )?;
        if let Some(p) = &self.phrase {
            write!(out, "Phrase={p}|")?;
        }
        if self.glued {
            write!(out, "SpaceAfter=No|")?;
        }
        writeln!(out, "TokenRange={}:{}", self.range.0, self.range.1)
    }
}

/// `s` with its tabs and line breaks as spaces (CoNLL-U fields and comments are one line).
fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}
