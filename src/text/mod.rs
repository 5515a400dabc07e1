//! From raw text to a [`Doc`]: quote marks paired, tokens with their lexicon hits, sentences and
//! paragraphs. Every position is a byte offset into the original input.

pub mod dateline;
pub mod furniture;
pub mod labels;
pub mod quotes;

pub use crate::grammar::TokClass;
use crate::grammar::{FuncType, Grammar, Hit, Tag};
use crate::span::Span;

pub use dateline::Dateline;
pub use furniture::Furniture;
pub use quotes::{MarkProblem, Pairing, Quoted};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// A word (letters, digits, internal `'’-.&`, and `,:/` between digits; an abbreviation
    /// keeps its period).
    Word,
    /// One punctuation character (or `--`).
    Punct,
    /// A whole top-level quotation, marks included; the index is into [`Doc::quotes`].
    Quote(usize),
}

/// A token: 20 bytes (a document holds one for every few bytes of its text, and a hostile one
/// for every byte): its span in 32-bit offsets ([`Token::span`]; a document is read up to its
/// first 4 GiB, [`Doc::new`]), where its lexicon hits start (they end where the next token's
/// start: [`Doc::tok_hits`]), its kind and line break packed in one word ([`Token::kind`],
/// [`Token::newline_before`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where it starts (a byte offset).
    start: u32,
    /// Where it ends.
    end: u32,
    /// Where its lexicon hits start in [`Doc::hits`]: they run to where the next token's start
    /// (every token's are pushed in order, a punctuation mark's or a quotation's none).
    hits_from: u32,
    /// Its shape and the classes of its one-word lexicon tags, as [`TokClass`] bits.
    pub class: u32,
    /// Its kind and line break: a line break precedes it when bit 0 is set; the rest is
    /// [`KIND_WORD`], [`KIND_PUNCT`], or [`KIND_QUOTE`] plus the quotation's index.
    meta: u32,
}

/// [`Token::meta`] (shifted right by one) of a word.
const KIND_WORD: u32 = 0;
/// [`Token::meta`] (shifted right by one) of a punctuation token.
const KIND_PUNCT: u32 = 1;
/// [`Token::meta`] (shifted right by one) of quotation 0; quotation `q` is this plus `q`.
const KIND_QUOTE: u32 = 2;

impl Token {
    /// A token of `kind` over `span`. A quotation's index must leave room in 31 bits, which it
    /// does in any text under 2 GiB (each quotation holds at least one byte of its own); a
    /// later one in a larger text is read as punctuation.
    fn new(span: Span, kind: TokKind, newline_before: bool, hits_from: u32, class: u32) -> Self {
        let code = match kind {
            TokKind::Word => KIND_WORD,
            TokKind::Punct => KIND_PUNCT,
            TokKind::Quote(q) => u32::try_from(q)
                .ok()
                .and_then(|q| q.checked_add(KIND_QUOTE))
                .filter(|c| *c <= u32::MAX >> 1)
                .unwrap_or(KIND_PUNCT),
        };
        // (Offsets fit: a document is read up to its first 4 GiB.)
        let offset = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Token {
            start: offset(span.start),
            end: offset(span.end),
            hits_from,
            class,
            meta: code << 1 | u32::from(newline_before),
        }
    }

    /// Where it is.
    #[inline]
    pub fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
        }
    }

    /// What it is.
    #[inline]
    pub fn kind(&self) -> TokKind {
        match self.meta >> 1 {
            KIND_WORD => TokKind::Word,
            KIND_PUNCT => TokKind::Punct,
            c => TokKind::Quote((c - KIND_QUOTE) as usize),
        }
    }

    /// A line break precedes it.
    #[inline]
    pub fn newline_before(&self) -> bool {
        self.meta & 1 != 0
    }
}

/// A sentence: a range of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Its paragraph.
    pub paragraph: usize,
}

/// A document ready for attribution.
#[derive(Debug)]
pub struct Doc<'a> {
    /// The original input (its first 4 GiB: [`Doc::new`]).
    pub text: &'a str,
    /// The grammar it was read with.
    pub grammar: &'a Grammar,
    /// Top-level quotations.
    pub quotes: Vec<Quoted>,
    /// Problems with the quote marks.
    pub problems: Vec<quotes::MarkProblem>,
    /// Tokens.
    pub tokens: Vec<Token>,
    /// Lexicon hits, referenced by tokens.
    pub hits: Vec<Hit>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// The dateline, if the story opens with one.
    pub dateline: Option<Dateline>,
    /// The lines of page furniture, in text order: no token comes from them.
    pub furniture: Vec<Furniture>,
    /// Part-of-speech tags, parallel to `tokens` ([`crate::syntax::tag_doc`]).
    pub tags: Vec<crate::syntax::Tag>,
    /// Phrases of every sentence of the window read ([`Doc::syntax_from`]), in order
    /// ([`crate::syntax::phrase`]).
    pub phrases: Vec<crate::syntax::Phrase>,
    /// For each token of the window from token [`Doc::syntax_from`], the index of its phrase
    /// in `phrases` (`u32::MAX` outside sentences): read it with [`Doc::phrase_at`].
    pub phrase_of: Vec<u32>,
    /// Clauses of every sentence of the window, in order ([`crate::syntax::clause`]).
    pub clauses: Vec<crate::syntax::Clause>,
    /// For each sentence of the window, from sentence [`Doc::syntax_from`]`.1`, the range of
    /// its clauses in `clauses`: read it with [`Doc::clause_range`].
    pub clause_ranges: Vec<(u32, u32)>,
    /// Where the window of phrases and clauses starts: its first token and its first sentence
    /// (both 0 when [`Doc::new`] read the whole document; [`crate::syntax::parse_window`]).
    pub syntax_from: (usize, usize),
    /// The clauses looked up by phrase ([`crate::syntax::ClauseIndex`]).
    pub clause_index: crate::syntax::ClauseIndex,
}

/// The most tokens a sentence holds: text running on past it without a sentence's end (a
/// list, a table, a page without punctuation, text built to be hostile) is read in sentences
/// of this many tokens, so that what the analysis holds for one sentence (its attributions,
/// phrases and clauses) stays bounded. Prose sentences hold a few dozen.
pub const MAX_SENTENCE_TOKENS: usize = 1024;

/// An index into [`Doc::hits`] in 32 bits, saturated (a document is read up to 4 GiB, and a
/// word of a few bytes starts a few lexicon phrases at most; a saturated token reads no hits).
fn hits_index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The char at byte `i`, if `i` is on a char boundary.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn is_word_start(c: char) -> bool {
    c.is_alphanumeric() || c == '$' || c == '£' || c == '€'
}

/// [`BYTE_CLASS`] bit: skipped between tokens (ASCII control characters, space, DEL).
const SPACE: u8 = 1;
/// [`BYTE_CLASS`] bit: an ASCII letter or digit.
const ALNUM: u8 = 2;
/// [`BYTE_CLASS`] bit: an ASCII char that opens a word (a letter, a digit, `$`).
const WORD_START: u8 = 4;
/// [`BYTE_CLASS`] bit: an ASCII internal joiner of a word (`'-.&,:/`; `’` is not ASCII).
const JOINER: u8 = 8;

/// The tokenizer's classes of ASCII bytes, so the per-byte loops test one bit. Bytes of
/// non-ASCII chars (0x80 and up) have no bits: those chars are decoded.
// Indexing here runs at compile time (an index out of bounds would fail the build), never at run
// time.
#[allow(clippy::indexing_slicing)]
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x80 {
        let b = i as u8;
        t[i] = if b <= b' ' || b == 0x7F {
            SPACE
        } else if b.is_ascii_alphanumeric() {
            ALNUM | WORD_START
        } else if b == b'$' {
            WORD_START
        } else if matches!(b, b'\'' | b'-' | b'.' | b'&' | b',' | b':' | b'/') {
            JOINER
        } else {
            0
        };
        i += 1;
    }
    t
};

/// The [`BYTE_CLASS`] bits of byte `b`.
#[inline]
/// An American party-and-state designation before its period: "D-Ore", "R-Texas", "I-Vt"
/// (AP style, "Sen. Ada Marsh, D-Ore., said"). The period is the state's abbreviation, not
/// the end of a sentence.
pub(crate) fn party_state(w: &str) -> bool {
    let b = w.as_bytes();
    matches!(b, [b'D' | b'R' | b'I', b'-', c, rest @ ..]
        if c.is_ascii_uppercase()
            && rest.len() <= 5
            && rest.iter().all(|x| x.is_ascii_alphabetic() || *x == b'.'))
}

fn class_of(b: u8) -> u8 {
    // A `u8` always indexes the 256 entries; `get` keeps the library free of indexing.
    BYTE_CLASS.get(usize::from(b)).copied().unwrap_or(0)
}

/// The length of the run of ASCII letters and digits at byte `j` of `b`.
#[inline]
fn alnum_run(b: &[u8], j: usize) -> usize {
    let s = b.get(j..).unwrap_or(&[]);
    s.iter()
        .position(|&x| class_of(x) & ALNUM == 0)
        .unwrap_or(s.len())
}

/// `text` up to its 4 GiB mark (the last char boundary at or before it).
pub(crate) fn first_4_gib(text: &str) -> &str {
    let mut end = text.len().min(u32::MAX as usize);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or(text)
}

/// At most how many tokens `text` makes: one per char that is not white space, less the
/// ASCII letters and digits that go on a run of them (a word takes its run whole). What it
/// over-counts (a word's joiners, a quotation's inside) is reserved address space never written.
fn token_bound(text: &str) -> usize {
    let b = text.as_bytes();
    let first = b.first().map_or(0, |&x| usize::from(opens_token(b' ', x)));
    let rest = b.get(1..).unwrap_or(&[]);
    // Counted in blocks of 255 pairs into a byte, which the compiler vectorises.
    let blocks = b.chunks(255).zip(rest.chunks(255));
    first
        + blocks
            .map(|(p, x)| {
                let n = p.iter().zip(x).fold(0u8, |n, (&p, &x)| {
                    n.wrapping_add(u8::from(opens_token(p, x)))
                });
                usize::from(n)
            })
            .sum::<usize>()
}

/// Whether byte `x` after byte `prev` may open a token ([`token_bound`]): it opens a char that
/// is not ASCII white space, and it is not an ASCII letter or digit after another.
#[inline(always)]
fn opens_token(prev: u8, x: u8) -> bool {
    let alnum = |c: u8| (c | 0x20).wrapping_sub(b'a') < 26 || c.wrapping_sub(b'0') < 10;
    let space = x <= b' ' || x == 0x7F;
    let continuation = x & 0xC0 == 0x80;
    !(space | continuation | (alnum(x) & alnum(prev)))
}

/// What [`Doc::word_end`] measured.
struct WordEnd {
    /// One past the word's last byte.
    end: usize,
    /// The length of the run of ASCII letters and digits the word opens with.
    stem: usize,
    /// The word has an internal period (`U.S`).
    dot: bool,
}

impl<'a> Doc<'a> {
    /// Reads `text` with `grammar`: its first 4 GiB, if it is longer (a token's offsets are 32
    /// bits; the command line refuses a document that long by its `--max-bytes`).
    pub fn new(text: &'a str, grammar: &'a Grammar) -> Doc<'a> {
        let mut doc = Doc::read(text, grammar);
        let all = 0..doc.sentences.len();
        crate::syntax::parse_window(&mut doc, all);
        doc
    }

    /// [`Doc::new`] without the phrases and clauses, which the analysis reads a window of
    /// sentences at a time ([`crate::syntax::parse_window`]), so that a long document never
    /// holds them whole: its tokens, their lexicon hits and tags, its quotations and sentences.
    pub fn read(text: &'a str, grammar: &'a Grammar) -> Doc<'a> {
        let text = first_4_gib(text);
        let furniture = furniture::find(text, grammar);
        let pairing = quotes::pair_around(text, grammar, &furniture);
        let mut doc = Doc {
            text,
            grammar,
            quotes: pairing.quotes,
            problems: pairing.problems,
            tokens: Vec::with_capacity(text.len() / 5),
            hits: Vec::with_capacity(text.len() / 6),
            sentences: Vec::with_capacity(text.len() / 64 + 1),
            dateline: None,
            furniture,
            tags: Vec::new(),
            phrases: Vec::new(),
            phrase_of: Vec::new(),
            clauses: Vec::new(),
            clause_ranges: Vec::new(),
            clause_index: crate::syntax::ClauseIndex::default(),
            syntax_from: (0, 0),
        };
        doc.tokenize();
        doc.find_dateline();
        doc.split_sentences();
        let mut tags = crate::syntax::tag_doc(&doc);
        crate::syntax::fixup::apply(&doc, &mut tags);
        doc.tags = tags;
        doc
    }

    /// The start of quotation `q`, or `usize::MAX` past the last one.
    fn quote_start(&self, q: usize) -> usize {
        self.quotes.get(q).map_or(usize::MAX, |x| x.outer().start)
    }

    // Out of line (once a document), so a profile shows the stage.
    #[inline(never)]
    fn tokenize(&mut self) {
        let text = self.text;
        let b = text.as_bytes();
        let mut i = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        // The next quotation at or after `i`, and where it starts.
        let mut q = 0usize;
        let mut q_start = self.quote_start(q);
        // The next furniture line, skipped whole.
        let mut f = 0usize;
        let mut f_start = self.furniture.first().map_or(usize::MAX, |x| x.span.start);
        let mut newline = true;
        while let Some(&byte) = b.get(i) {
            // White space, control characters and byte order marks are skipped. ASCII is
            // classified from the byte; other characters are decoded.
            let cls = class_of(byte);
            let c = if byte < 0x80 {
                if cls & SPACE != 0 {
                    if byte == b'\n' {
                        newline = true;
                    }
                    i += 1;
                    continue;
                }
                char::from(byte)
            } else {
                let Some(c) = char_at(text, i) else {
                    i += 1;
                    continue;
                };
                if c.is_whitespace() || c == '\u{FEFF}' || c.is_control() {
                    i += c.len_utf8();
                    continue;
                }
                c
            };
            if i >= f_start {
                if let Some(x) = self.furniture.get(f) {
                    i = i.max(x.span.end);
                }
                f += 1;
                f_start = self.furniture.get(f).map_or(usize::MAX, |x| x.span.start);
                continue;
            }
            while q_start < i {
                q += 1;
                q_start = self.quote_start(q);
            }
            if q_start == i {
                let qend = self.quotes.get(q).map_or(i, |x| x.outer().end);
                self.push(Span::new(i, qend), TokKind::Quote(q), newline);
                i = qend.max(i + 1);
                q += 1;
                q_start = self.quote_start(q);
                newline = false;
                continue;
            }
            let start = i;
            let word_start = if byte < 0x80 {
                cls & WORD_START != 0
            } else {
                is_word_start(c)
            };
            if word_start {
                i = self.push_word(start, byte, c, q_start, newline);
            } else {
                let mut j = i + c.len_utf8();
                if c == '-' && b.get(j) == Some(&b'-') {
                    j += 1;
                }
                // ("in ’08", "the ‘90s": a year's elided century is the number's.)
                if matches!(c, '\'' | '\u{2018}' | '\u{2019}') && quotes::elided_year(text, j) {
                    let year = b.get(j..).unwrap_or(&[]).iter();
                    j += year.take_while(|x| x.is_ascii_alphanumeric()).count();
                    self.push(Span::new(start, j), TokKind::Word, newline);
                } else {
                    self.push(Span::new(start, j), TokKind::Punct, newline);
                }
                i = j;
            }
            newline = false;
        }
    }

    /// Pushes the word token starting at byte `start` with the character `c` (its first byte
    /// `byte`; `q_start`: where the next quotation starts, which ends the word), with its
    /// lexicon hits (every phrase starting here) and its classes; an abbreviation's or an
    /// initial's period is kept in it. Returns where the word ends.
    fn push_word(
        &mut self,
        start: usize,
        byte: u8,
        c: char,
        q_start: usize,
        newline: bool,
    ) -> usize {
        let text = self.text;
        let b = text.as_bytes();
        let w = self.word_end(start, c, q_start);
        let mut j = w.end;
        // The lexicon hits of the word: every phrase starting here.
        let from = self.hits.len();
        self.grammar
            .lookup_stem_into(text, start, w.stem, &mut self.hits);
        let upper = if byte < 0x80 {
            byte.is_ascii_uppercase()
        } else {
            c.is_uppercase()
        };
        // Keep the period of an abbreviation or an initial.
        if b.get(j) == Some(&b'.') {
            let initial = j - start == 1 && upper;
            if initial
                || w.dot
                || self.abbrev_hit(from, j + 1)
                || party_state(text.get(start..j).unwrap_or(""))
            {
                j += 1;
            }
        }
        let class = self.word_class(from, start, j, upper);
        self.room(start);
        self.tokens.push(Token::new(
            Span::new(start, j),
            TokKind::Word,
            newline,
            hits_index(from),
            class,
        ));
        j
    }

    /// The class bits of the word over bytes `[start, end)` whose lexicon hits start at
    /// `from` (`upper`: it is capitalised): the classes of the tags of the phrases starting at
    /// it, and of those that are this word.
    fn word_class(&self, from: usize, start: usize, end: usize, upper: bool) -> u32 {
        let g = self.grammar;
        let mut class = if upper { TokClass::CAP } else { 0 };
        for h in self.hits.get(from..).unwrap_or(&[]) {
            let (starts, whole) = g.classes(h.pattern);
            class |= starts;
            if h.end == end {
                class |= whole;
            }
        }
        // A word of three or more capitals is an acronym, not the closed-class word it spells
        // ("the WHO said", "IT firms").
        if upper
            && class & TokClass::FUNC != 0
            && end - start >= 3
            && self
                .text
                .as_bytes()
                .get(start..end)
                .is_some_and(|w| w.iter().all(u8::is_ascii_uppercase))
        {
            class &= !TokClass::CLOSED;
        }
        class
    }

    /// The end of the word starting at byte `start` with char `c`: letters and digits, and
    /// the internal joiners `'’-.&` (and `,`, `:` and `/` between digits) when a letter or digit
    /// follows.
    /// `q_start` is where the next quotation at or after `start` starts. Also measures the run
    /// of ASCII letters and digits the word opens with (its lexicon stem; zero if none) and
    /// whether a period joins inside it.
    fn word_end(&self, start: usize, c: char, q_start: usize) -> WordEnd {
        let text = self.text;
        let b = text.as_bytes();
        // Runs of ASCII letters and digits are skipped whole; the loop sees the other chars.
        let mut j = start + c.len_utf8();
        j += alnum_run(b, j);
        let stem = if c.is_ascii_alphanumeric() {
            j - start
        } else {
            0
        };
        let mut dot = false;
        loop {
            let Some(&d0) = b.get(j) else { break };
            let d = if d0 < 0x80 {
                if class_of(d0) & JOINER == 0 {
                    break;
                }
                char::from(d0)
            } else {
                let Some(d) = char_at(text, j) else { break };
                if d.is_alphanumeric() {
                    j += d.len_utf8();
                    j += alnum_run(b, j);
                    continue;
                }
                if d != '\u{2019}' {
                    break;
                }
                d
            };
            // Internal joiners: the next char must be alphanumeric.
            let after = j + d.len_utf8();
            let next = match b.get(after) {
                Some(&n) if n < 0x80 => Some(char::from(n)),
                Some(_) => char_at(text, after),
                None => None,
            };
            let joins = next.is_some_and(char::is_alphanumeric);
            // A comma, colon or slash joins digits only (1,000; 10:30; 9/11).
            let digits = !matches!(d, ',' | ':' | '/')
                || (j > 0
                    && b.get(j - 1).is_some_and(u8::is_ascii_digit)
                    && next.is_some_and(|n| n.is_ascii_digit()));
            // An apostrophe or curly quote that is a quote mark ends the word.
            let is_mark = q_start == j;
            // "Trump said.Trump claimed": a period with no space after it between a word in
            // lower case and a capitalised one ends a sentence (scraped copy loses the space).
            let lost_space = d == '.'
                && j >= 2
                && b.get(j - 2..j)
                    .is_some_and(|w| w.iter().all(u8::is_ascii_lowercase))
                && next.is_some_and(|n| n.is_ascii_uppercase())
                && b.get(after + 1).is_some_and(u8::is_ascii_lowercase);
            if joins && digits && !is_mark && !lost_space {
                // A period between letters makes an abbreviation ("U.S", "a.m"), whose final
                // period is kept; one between digits is a decimal point ("6.8.").
                dot |= d == '.' && !(j > 0 && b.get(j - 1).is_some_and(u8::is_ascii_digit));
                j = after;
                j += alnum_run(b, j);
                continue;
            }
            // A plural possessive keeps its apostrophe ("the Farmers' Party", "workers’ pay"):
            // outside quotations, an apostrophe after a final "s" that pairing left alone is no
            // quote mark.
            if matches!(d, '\'' | '\u{2019}')
                && !is_mark
                && !joins
                && j > 0
                && matches!(b.get(j - 1), Some(b's' | b'S'))
            {
                j = after;
            }
            break;
        }
        WordEnd { end: j, stem, dot }
    }

    /// Whether the hits from index `from` on (those of the word being read) include an
    /// abbreviation ending at byte `end`: the lexicon phrase equal to the word with its period.
    /// The automaton matches ASCII case-insensitively and every phrase is lower case, so this is
    /// the phrase the lower-cased word names.
    fn abbrev_hit(&self, from: usize, end: usize) -> bool {
        let g = self.grammar;
        self.hits
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .any(|h| h.end == end && g.tag(h.pattern).contains(&Tag::Abbrev))
    }

    /// Pushes a token with no lexicon hits (a punctuation mark, a quotation).
    fn push(&mut self, span: Span, kind: TokKind, newline_before: bool) {
        self.room(span.start);
        let from = hits_index(self.hits.len());
        self.tokens
            .push(Token::new(span, kind, newline_before, from, 0));
    }

    /// Makes room for a token at byte `at`. The reservation ([`Doc::new`]: a token for every
    /// five bytes) holds prose; once a text outruns it, room for as many more tokens as the rest
    /// can make ([`token_bound`]) is reserved at once, so the vector never grows by doubling,
    /// whose copies would hold the old vector and the new at once.
    #[inline]
    fn room(&mut self, at: usize) {
        if self.tokens.len() == self.tokens.capacity() {
            self.reserve_rest(at);
        }
    }

    /// [`Doc::room`] when the reservation is used up.
    #[cold]
    #[inline(never)]
    fn reserve_rest(&mut self, at: usize) {
        let more = token_bound(self.text.get(at..).unwrap_or(""));
        self.tokens.reserve_exact(more.max(1));
    }

    // Out of line (once a document), so a profile shows the stage.
    #[inline(never)]
    fn find_dateline(&mut self) {
        // A dateline opens one of the first paragraphs (after a headline, a standfirst and
        // summary bullets; furniture lines have no tokens): never after copy (`dateline::Front`).
        let mut seen = 0;
        let mut front = dateline::Front::default();
        for t in &self.tokens {
            if !t.newline_before() {
                continue;
            }
            seen += 1;
            if seen > 20 {
                break;
            }
            let rest = self.text.get(t.span().start..).unwrap_or("");
            let end = memchr::memchr(b'\n', rest.as_bytes())
                .map_or(self.text.len(), |o| t.span().start + o);
            let line = self.text.get(t.span().start..end).unwrap_or("");
            if dateline::may_open(rest.as_bytes()) {
                if let Some(d) = dateline::parse(line, t.span().start)
                    .filter(|d| !dateline::is_speaker_label(d, self.text, self.grammar))
                {
                    self.dateline = Some(d);
                    break;
                }
            }
            if !front.admit(line) {
                break;
            }
        }
    }

    /// The text of token `i`.
    pub fn tok_text(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.span().of(self.text))
    }

    /// The bytes of token `i` (its text's: a token lies on char boundaries).
    #[inline]
    pub fn tok_bytes(&self, i: usize) -> &'a [u8] {
        self.tokens
            .get(i)
            .and_then(|t| self.text.as_bytes().get(t.span().start..t.span().end))
            .unwrap_or(&[])
    }

    /// Whether word token `t` ends in a possessive: "'s", "s'" (or with "’").
    pub fn is_possessive(&self, t: usize) -> bool {
        // (Every ending ends in "s", "'" or the last byte of "’", 0x99.)
        if !matches!(self.last_byte(t), Some(b's' | b'\'' | 0x99)) {
            return false;
        }
        let w = self.tok_text(t);
        self.is_word(t)
            && (w.ends_with("'s")
                || w.ends_with("\u{2019}s")
                || w.ends_with("s'")
                || w.ends_with("s\u{2019}"))
    }

    /// The last byte of token `i`.
    #[inline]
    pub fn last_byte(&self, i: usize) -> Option<u8> {
        let t = self.tokens.get(i)?;
        self.text
            .as_bytes()
            .get(t.span().end.checked_sub(1)?)
            .copied()
    }

    /// Whether the text of token `i` is `w` (not empty) in any ASCII case.
    pub fn tok_eq_ci(&self, i: usize, w: &str) -> bool {
        // (The bytes are compared: bytes equal to a whole string's, ASCII case aside, lie on
        // char boundaries, so this is the text compared, without the boundary checks.)
        // (The length first: most tokens are not the word, and most differ in length.)
        self.tokens
            .get(i)
            .filter(|t| t.span().len() == w.len())
            .and_then(|t| self.text.as_bytes().get(t.span().start..t.span().end))
            .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
    }

    /// The part-of-speech tag of token `i` ([`crate::syntax::Tag::default`], a tag no predicate
    /// holds for, past the end).
    pub fn tag(&self, i: usize) -> crate::syntax::Tag {
        self.tags.get(i).copied().unwrap_or_default()
    }

    /// The phrase of token `t` (an index into `phrases`; `u32::MAX` outside sentences), if the
    /// window read holds the token.
    pub fn phrase_at(&self, t: usize) -> Option<usize> {
        let i = t.checked_sub(self.syntax_from.0)?;
        self.phrase_of.get(i).map(|&p| p as usize)
    }

    /// The clauses of sentence `s` as a range of `clauses` (none outside the window read).
    pub fn clause_range(&self, s: Sentence) -> (usize, usize) {
        self.sentences
            .binary_search_by_key(&s.start, |x| x.start)
            .ok()
            .and_then(|k| k.checked_sub(self.syntax_from.1))
            .and_then(|k| self.clause_ranges.get(k))
            .map_or((0, 0), |&(a, b)| (a as usize, b as usize))
    }

    /// The lexicon hits of token `i`.
    pub fn tok_hits(&self, i: usize) -> &[Hit] {
        let Some(t) = self.tokens.get(i) else {
            return &[];
        };
        let end = self
            .tokens
            .get(i + 1)
            .map_or(self.hits.len(), |n| n.hits_from as usize);
        self.hits.get(t.hits_from as usize..end).unwrap_or(&[])
    }

    /// Tags of the one-word phrase that is token `i` (its hits ending at its own end).
    pub fn word_tags(&self, i: usize) -> impl Iterator<Item = &'a Tag> + '_ {
        let end = self.tokens.get(i).map_or(0, |t| t.span().end);
        let g: &'a Grammar = self.grammar;
        self.tok_hits(i)
            .iter()
            .filter(move |h| h.end == end)
            .flat_map(move |h| g.tag(h.pattern).iter())
    }

    /// Whether token `i` is a closed-class word of type `ty`.
    pub fn is_func(&self, i: usize, ty: FuncType) -> bool {
        self.has(i, TokClass::func(ty))
    }

    /// Whether token `i` has any of the [`TokClass`] bits `bits`.
    pub fn has(&self, i: usize, bits: u32) -> bool {
        self.tokens.get(i).is_some_and(|t| t.class & bits != 0)
    }

    /// Whether token `i` is a dash: an em or en dash, "--", or a hyphen with a space on each
    /// side.
    pub fn is_dash(&self, i: usize) -> bool {
        let Some(t) = self
            .tokens
            .get(i)
            .filter(|t| matches!(t.kind(), TokKind::Punct))
        else {
            return false;
        };
        let (s, e) = (t.span().start, t.span().end);
        let b = self.text.as_bytes();
        match b.get(s..e) {
            Some(b"--") => true,
            // (A hyphen set off by spaces: "The union - which backed her - said".)
            Some(b"-") => {
                let space = |x: Option<&u8>| x.is_some_and(u8::is_ascii_whitespace);
                s > 0 && space(b.get(s - 1)) && space(b.get(e))
            }
            // (The horizontal bar credits a quotation as a dash does: "“…” ― Ana Lee".)
            Some(x) => ["\u{2014}", "\u{2013}", "\u{2015}"]
                .iter()
                .any(|d| x == d.as_bytes()),
            None => false,
        }
    }

    /// The word a verb is contracted onto in token `t` ("he" of "he's", "there" of "there’ll"):
    /// the text before an apostrophe followed by "s", "re", "ve", "ll", "d" or "m".
    pub fn contracted_host(&self, t: usize) -> Option<&'a str> {
        let (host, clitic) = self.tok_text(t).rsplit_once(['\'', '\u{2019}'])?;
        let verb = ["s", "re", "ve", "ll", "d", "m"]
            .iter()
            .any(|c| clitic.eq_ignore_ascii_case(c));
        (verb && !host.is_empty()).then_some(host)
    }

    /// Whether token `i` is the punctuation `p` (not empty).
    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        // (The bytes are compared: a span whose bytes are a whole string's lies on char
        // boundaries, so this is its text compared, without the boundary checks.)
        self.tokens.get(i).is_some_and(|t| {
            matches!(t.kind(), TokKind::Punct)
                && self.text.as_bytes().get(t.span().start..t.span().end) == Some(p.as_bytes())
        })
    }

    /// Whether token `i` is a word starting with a capital letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.has(i, TokClass::CAP)
    }

    /// Whether token `i` opens a sentence.
    pub fn starts_sentence(&self, i: usize) -> bool {
        self.sentences.binary_search_by_key(&i, |s| s.start).is_ok()
    }

    /// The sentence holding byte `at` (or the last one starting before it), by a binary
    /// search over the sentences.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let k = self.sentences.partition_point(|s| {
            self.tokens
                .get(s.start)
                .is_some_and(|t| t.span().start <= at)
        });
        k.checked_sub(1)
    }

    /// The story's lede: the paragraph of its first sentence after the dateline (when there is
    /// one), past a headline before it (a paragraph of one sentence with no closing stop).
    pub fn lede_paragraph(&self) -> usize {
        let from = self.dateline.as_ref().map_or(0, |d| d.span.end);
        let k = self.sentences.partition_point(|s| {
            self.tokens
                .get(s.start)
                .is_some_and(|t| t.span().start < from)
        });
        let Some(first) = self.sentences.get(k) else {
            return 0;
        };
        let next = self.sentences.get(k + 1);
        let alone = next.is_none_or(|n| n.paragraph != first.paragraph);
        let stop = first.end > first.start
            && (self.is_punct(first.end - 1, ".")
                || self.is_punct(first.end - 1, "?")
                || self.is_punct(first.end - 1, "!")
                || self.quote_of(first.end - 1).is_some());
        match next {
            Some(n) if self.dateline.is_none() && alone && !stop => n.paragraph,
            _ => first.paragraph,
        }
    }

    /// The paragraph of byte `at`.
    pub fn paragraph_at(&self, at: usize) -> usize {
        self.sentence_at(at)
            .and_then(|si| self.sentences.get(si))
            .map_or(0, |s| s.paragraph)
    }

    /// Whether a line starts at token `t`: the document's first token, a token after a line
    /// break, or the end of the document (past its last token).
    pub fn starts_line(&self, t: usize) -> bool {
        t == 0 || self.tokens.get(t).is_none_or(|x| x.newline_before())
    }

    /// Whether token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| matches!(t.kind(), TokKind::Word))
    }

    /// The quote of token `i`, if it is one.
    pub fn quote_of(&self, i: usize) -> Option<usize> {
        match self.tokens.get(i)?.kind() {
            TokKind::Quote(q) => Some(q),
            _ => None,
        }
    }

    /// The words inside the quotation that token `i` is, if it is one.
    pub fn quote_words(&self, i: usize) -> Option<&'a str> {
        let q = self.quotes.get(self.quote_of(i)?)?;
        Some(q.content().of(self.text))
    }

    /// Whether token `i` is a quotation whose content opens in lower case: words that go on
    /// with the clause around it ('the findings "add to the evidence"').
    pub fn quote_continues(&self, i: usize) -> bool {
        self.quote_words(i)
            .is_some_and(|w| w.starts_with(char::is_lowercase))
    }

    /// The token index at which the token ending at byte `end` ends, searching from `from`.
    pub fn token_ending_at(&self, from: usize, end: usize) -> Option<usize> {
        let mut i = from;
        while let Some(t) = self.tokens.get(i) {
            if t.span().end == end {
                return Some(i);
            }
            if t.span().end > end {
                return None;
            }
            i += 1;
        }
        None
    }

    /// [`Doc::token_ending_at`], or the token from `from` on whose possessive's stem ends at
    /// byte `end` ("NBC" of "NBC's": a lexicon phrase read in its possessive).
    pub fn token_or_stem_ending_at(&self, from: usize, end: usize) -> Option<usize> {
        self.token_ending_at(from, end).or_else(|| {
            let rest = self.text.get(end..)?;
            let clitic = ["'s", "\u{2019}s", "'", "\u{2019}"]
                .iter()
                .find(|c| rest.starts_with(*c))?;
            self.token_ending_at(from, end + clitic.len())
                .filter(|&t| self.is_possessive(t))
        })
    }

    fn line_is_break(&self, i: usize) -> bool {
        // A single line break is a paragraph break unless the copy is hard-wrapped: the previous
        // line ends mid-sentence and this one goes on in lower case.
        let Some(t) = self.tokens.get(i) else {
            return true;
        };
        let before = self.text.get(..t.span().start).unwrap_or("");
        let gap = before.len() - before.trim_end().len();
        let blank = before
            .get(before.len() - gap..)
            .is_some_and(|g| g.matches('\n').count() > 1)
            || (!self.furniture.is_empty()
                && furniture::blank_before(self.text, &self.furniture, before.len() - gap));
        if blank {
            return true;
        }
        let prev = i.checked_sub(1).map_or("", |p| self.tok_text(p));
        let ends_sentence = prev
            .ends_with(['.', '!', '?', ':', '"', '\u{201D}', '\u{2019}', '\'', ')'])
            || self.quote_of(i.wrapping_sub(1)).is_some();
        let lower = self
            .tok_text(i)
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        ends_sentence || !lower
    }

    // Out of line (once a document), so a profile shows the stage.
    #[inline(never)]
    fn split_sentences(&mut self) {
        let n = self.tokens.len();
        let body_start = self.dateline.as_ref().map(|d| d.span.end);
        let mut para = 0usize;
        let mut start = 0usize;
        let mut i = 0usize;
        while i < n {
            let Some(t) = self.tokens.get(i).copied() else {
                break;
            };
            // Paragraph break before token i.
            if i > start && t.newline_before() && self.line_is_break(i) {
                self.sentences.push(Sentence {
                    start,
                    end: i,
                    paragraph: para,
                });
                start = i;
                para += 1;
            } else if i == start && t.newline_before() && i > 0 {
                para += 1;
            }
            // The dateline is its own sentence.
            if body_start.is_some_and(|e| {
                t.span().end == e
                    || (t.span().start < e
                        && self.tokens.get(i + 1).is_some_and(|n| n.span().start >= e))
            }) {
                if i + 1 > start {
                    self.sentences.push(Sentence {
                        start,
                        end: i + 1,
                        paragraph: para,
                    });
                }
                start = i + 1;
                i += 1;
                continue;
            }
            if self.ends_sentence(i) {
                // Closing brackets stay with the sentence.
                let mut e = i + 1;
                while e < n
                    && matches!(self.tok_text(e), ")" | "]")
                    && !self.tokens.get(e).is_some_and(|t| t.newline_before())
                {
                    e += 1;
                }
                self.sentences.push(Sentence {
                    start,
                    end: e,
                    paragraph: para,
                });
                start = e;
                i = e;
                continue;
            }
            if i + 1 - start >= MAX_SENTENCE_TOKENS {
                // (A run-on "sentence" is read in parts: no sentence's analysis holds more.)
                self.sentences.push(Sentence {
                    start,
                    end: i + 1,
                    paragraph: para,
                });
                start = i + 1;
            }
            i += 1;
        }
        if start < n {
            self.sentences.push(Sentence {
                start,
                end: n,
                paragraph: para,
            });
        }
        // Renumber paragraphs densely from the line structure.
        let mut p = 0usize;
        let mut prev_end: Option<usize> = None;
        for s in &mut self.sentences {
            if let Some(pe) = prev_end {
                let _ = pe;
                if self.tokens.get(s.start).is_some_and(|t| t.newline_before()) {
                    p += 1;
                }
            }
            s.paragraph = p;
            prev_end = Some(s.end);
        }
    }

    /// Whether a sentence ends after token `i`.
    fn ends_sentence(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        let next = i + 1;
        // The next token opens a sentence: not a word, or a word opening with a capital (its
        // `CAP` bit) or a digit.
        let next_starts = |d: &Doc<'_>| match d.tokens.get(next) {
            None => true,
            Some(n) => {
                !matches!(n.kind(), TokKind::Word)
                    || n.class & TokClass::CAP != 0
                    || d.text
                        .as_bytes()
                        .get(n.span().start)
                        .is_some_and(u8::is_ascii_digit)
            }
        };
        let b = self.text.as_bytes();
        match t.kind() {
            // `.`, `!`, `?` or `…`.
            // (Not before a comma, semicolon or colon: "from Hale, Ont., speaking …", a
            // period closing an abbreviation the lexicon does not know.)
            TokKind::Punct => {
                matches!(
                    b.get(t.span().start..t.span().end),
                    Some([b'.' | b'!' | b'?'] | [0xE2, 0x80, 0xA6])
                ) && next_starts(self)
                    && !matches!(
                        self.tokens
                            .get(next)
                            .map(|n| (n.kind(), self.tok_text(next))),
                        Some((TokKind::Punct, "," | ";" | ":"))
                    )
            }
            TokKind::Quote(q) => {
                // `"Where?" she asked` goes on; `"We won." The crowd cheered.` ends.
                let inner = self
                    .quotes
                    .get(q)
                    .map_or("", |x| x.content().of(self.text))
                    .trim_end();
                inner.ends_with(['.', '!', '?'])
                    && self.tokens.get(next).is_some_and(|n| !matches!(n.kind(), TokKind::Punct))
                    && next_starts(self)
                    // `"Is it safe?" Sen. Ann Lee asked.`: a named speaker and a verb closing the
                    // sentence go on.
                    && !self.named_cue_follows(next)
                    // `"We won." She smiled.` ends; `"We won." She said.` does not, but `"We won."
                    // He adds that …` does: a verb with words after it opens a sentence.
                    && !(self.is_cue_word(next)
                        && (!self.is_cap(next)
                            || self.closing_verb(next)
                            || self.closing_verb(next + 1)
                            || (self.is_func(next + 1, FuncType::Adverb)
                                && self.closing_verb(next + 2))))
            }
            TokKind::Word => self.abbreviation_ends(i, t),
        }
    }

    /// Whether word token `i` (`t`), an abbreviation ending in a period, ends its sentence.
    fn abbreviation_ends(&self, i: usize, t: &Token) -> bool {
        let b = self.text.as_bytes();
        let next = i + 1;
        // An abbreviation at a sentence end: the next word opens a sentence. A word ending in
        // a period with two bytes is a letter or digit and its period.
        if t.span().end.checked_sub(1).and_then(|e| b.get(e)) != Some(&b'.')
            || self.has(i, TokClass::TITLE)
            || t.span().len() == 2 && b.get(t.span().start).is_some_and(u8::is_ascii_uppercase)
        {
            return false;
        }
        // A lower-case one ("9 a.m.", "etc.") before any capitalised word but a time zone ("9
        // a.m. EST", "a.m. Eastern time").
        let lower = b.get(t.span().start).is_some_and(u8::is_ascii_lowercase);
        let zone = || {
            let w = self.tok_text(next);
            w.bytes().all(|c| c.is_ascii_uppercase())
                || matches!(
                    w,
                    "Eastern" | "Pacific" | "Central" | "Mountain" | "Atlantic" | "Greenwich"
                )
        };
        // Or one before a quotation opening with a capital (`after 10 p.m. "We'll …`); any
        // abbreviation before a quoted sentence of its own (`in Fort Mill, S.C. "It seems …."`).
        let quoted = self
            .quote_of(next)
            .and_then(|q| self.quotes.get(q))
            .map(|x| x.content().of(self.text));
        let quote_opens = quoted.is_some_and(|w| w.trim_start().starts_with(char::is_uppercase));
        let sentence_quoted =
            quote_opens && quoted.is_some_and(|w| w.trim_end().ends_with(['.', '!', '?']));
        ((self.has(next, TokClass::PRONOUN | TokClass::FUNC)
            || (lower && self.is_word(next) && !zone()))
            && self.is_cap(next))
            || (lower && quote_opens)
            || sentence_quoted
    }

    /// Whether tokens from `i` are a title or name (capitalised words, up to six) and then a verb
    /// that ends the sentence: `Sen. Ann Lee asked.`, `Coach Ruud Verhoeven said.`
    fn named_cue_follows(&self, i: usize) -> bool {
        if !self.is_cap(i) {
            return false;
        }
        let Some(v) = (i + 1..i + 7).find(|&k| !(self.is_word(k) && self.is_cap(k))) else {
            return false;
        };
        self.closing_verb(v) && self.quote_of(v + 1).is_none()
    }

    /// Whether token `i` is a verb of the lexicon with no word after it: `she said.`
    fn closing_verb(&self, i: usize) -> bool {
        self.is_word(i) && self.has(i, TokClass::VERB) && !self.is_word(i + 1)
    }

    /// Whether token `i` begins an attribution (`said`, a pronoun, a name): `"Q?" he asked`.
    fn is_cue_word(&self, i: usize) -> bool {
        self.has(i, TokClass::VERB | TokClass::PRONOUN)
    }
}

#[cfg(test)]
mod tests {
    /// Text running on without a sentence's end is read in sentences of at most
    /// `MAX_SENTENCE_TOKENS` tokens, which cover every token once, in order.
    #[test]
    fn a_run_on_sentence_is_cut() {
        let text = ",".repeat(3 * MAX_SENTENCE_TOKENS + 7);
        let d = Doc::read(&text, Grammar::builtin());
        assert_eq!(d.tokens.len(), text.len());
        assert_eq!(d.sentences.len(), 4);
        let mut at = 0;
        for s in &d.sentences {
            assert_eq!(s.start, at);
            assert!(s.end - s.start <= MAX_SENTENCE_TOKENS);
            assert_eq!(s.paragraph, 0);
            at = s.end;
        }
        assert_eq!(at, d.tokens.len());
        // A sentence of prose is no longer for it.
        let prose = "Officials said the plan, which was announced on Monday, had failed.";
        assert_eq!(Doc::read(prose, Grammar::builtin()).sentences.len(), 1);
    }

    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let g = Grammar::builtin();
        let d = Doc::new(text, g);
        d.sentences
            .iter()
            .map(|s| {
                let a = d.tokens[s.start].span().start;
                let b = d.tokens[s.end - 1].span().end;
                text[a..b].to_string()
            })
            .collect()
    }

    #[test]
    fn a_token_is_twenty_bytes() {
        assert!(std::mem::size_of::<Token>() <= 20);
    }

    #[test]
    fn each_token_has_the_hits_starting_at_it() {
        // Hits are pushed token by token: a token's run to where the next token's start, and
        // a mark between two words, or the last token, has its own (none for a mark).
        let text = "Prime Minister Ana Ruiz, \"yes,\" said officials";
        let d = Doc::new(text, Grammar::builtin());
        let mut seen = 0;
        for i in 0..d.tokens.len() {
            let hits = d.tok_hits(i);
            let t = d.tokens[i].span();
            assert!(hits.iter().all(|h| h.end > t.start), "{i}");
            if d.tokens[i].kind() != TokKind::Word {
                assert!(hits.is_empty(), "{i}");
            }
            seen += hits.len();
        }
        assert_eq!(seen, d.hits.len());
        assert!(d.tok_hits(d.tokens.len()).is_empty());
        let last = d.tokens.len() - 1;
        assert!(
            d.word_tags(last).next().is_some(),
            "\"officials\" is a head noun"
        );
        let prime = d.tok_hits(0);
        assert!(
            prime.iter().any(|h| h.end > d.tokens[0].span().end),
            "\"Prime Minister\""
        );
    }

    #[test]
    fn no_sentence_ends_before_a_comma() {
        let s = sentences("Dana Roe, a voter from Hale, Ont., speaking at the rally, said no.");
        assert_eq!(s.len(), 1, "{s:?}");
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Gov. Ann Lee met Dr. Bo Chan in the U.S. on Jan. 4. He said no."),
            vec![
                "Gov. Ann Lee met Dr. Bo Chan in the U.S. on Jan. 4.",
                "He said no."
            ]
        );
        assert_eq!(
            sentences("He moved to the U.S. He said so."),
            vec!["He moved to the U.S.", "He said so."]
        );
        // Any abbreviation before a quoted sentence ends one; not before a quoted name.
        assert_eq!(
            sentences("He spoke in Aiken, S.C. \"It was cold.\""),
            vec!["He spoke in Aiken, S.C.", "\"It was cold.\""]
        );
        assert_eq!(
            sentences("He signed the U.S. \"Clean Air Act\" into law.").len(),
            1
        );
    }

    #[test]
    fn a_lost_space_after_a_period_ends_a_sentence() {
        assert_eq!(
            sentences("\"It is over,\" Ruiz said.Ruiz claimed it was won."),
            vec!["\"It is over,\" Ruiz said.", "Ruiz claimed it was won."]
        );
        assert_eq!(sentences("He moved to the U.S. in May.").len(), 1);
    }

    #[test]
    fn quotes_ending_in_question_marks_go_on() {
        assert_eq!(
            sentences("\"Where?\" she asked. \"Here.\" The end."),
            vec!["\"Where?\" she asked.", "\"Here.\"", "The end."]
        );
    }

    #[test]
    fn lines_are_paragraphs_unless_hard_wrapped() {
        let g = Grammar::builtin();
        let t = "Headline here\nThe minister said\nthat it rained.\nNext line.";
        let d = Doc::new(t, g);
        assert_eq!(d.sentences.len(), 3);
        assert_eq!(
            d.sentences.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
    }

    /// The words of `d`, in order.
    fn words_of<'a>(d: &Doc<'a>) -> Vec<&'a str> {
        (0..d.tokens.len())
            .filter(|&i| d.is_word(i))
            .map(|i| d.tok_text(i))
            .collect()
    }

    #[test]
    fn plural_possessives_keep_their_apostrophe() {
        let g = Grammar::builtin();
        let t =
            "The Farmers' Party and the workers’ union met. ‘It was the players’ fault,’ she said.";
        let d = Doc::new(t, g);
        let words = words_of(&d);
        assert!(
            words.contains(&"Farmers'") && words.contains(&"workers’"),
            "{words:?}"
        );
        // Inside a quotation the closing mark is still a mark: the quotation is one token.
        assert_eq!(d.quotes.len(), 1);
        assert_eq!(d.quotes[0].content().of(t), "It was the players’ fault,");
    }

    /// A slash joins digits ("9/11", "24/7") as a comma and a colon do; between words it is a
    /// mark of its own.
    #[test]
    fn a_slash_joins_digits_only() {
        let g = Grammar::builtin();
        let t = "A 9/11 survivor runs a 24/7 line at 10:30 for harbour/rail staff.";
        let d = Doc::new(t, g);
        let words = words_of(&d);
        assert!(
            words.contains(&"9/11") && words.contains(&"24/7"),
            "{words:?}"
        );
        assert!(
            words.contains(&"harbour") && words.contains(&"rail"),
            "{words:?}"
        );
    }

    /// Furniture lines have no tokens, and the copy around one flows as if it were absent: a
    /// hard-wrapped sentence goes on past it, a paragraph break stays one.
    #[test]
    fn furniture_is_skipped() {
        let g = Grammar::builtin();
        let t = concat!(
            "The minister said\nStory continues below advertisement\nthat it rained.",
            "\n\nAdvertisement\nNext one."
        );
        let d = Doc::new(t, g);
        assert_eq!(d.furniture.len(), 2);
        let words: Vec<&str> = (0..d.tokens.len()).map(|i| d.tok_text(i)).collect();
        assert!(
            !words.contains(&"Story") && !words.contains(&"Advertisement"),
            "{words:?}"
        );
        assert_eq!(
            sentences(t),
            vec![
                "The minister said\nStory continues below advertisement\nthat it rained.",
                "Next one."
            ]
        );
        assert_eq!(
            d.sentences.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
            vec![0, 1]
        );
    }

    /// A dateline is read only at the story's start: not in a teaser, nor in a run-in head
    /// after a paragraph of copy.
    #[test]
    fn dateline_only_at_the_start() {
        let g = Grammar::builtin();
        let copy =
            "The council met on Monday to discuss the flood defences along the river, which \
                    engineers say need at least two more years of work before the spring melt \
                    arrives and the river rises again over the low ground north of the old town.";
        let t =
            format!("{copy}\n\nSCHOOLS CLOSED \u{2014} The district said all schools would close.");
        assert!(Doc::new(&t, g).dateline.is_none());
        let t = concat!(
            "Headline about the flood\n\n",
            "READ MORE: Rivers rise across the valley\n\nThe council met."
        );
        assert!(Doc::new(t, g).dateline.is_none());
        // After a headline, a byline and a timestamp (furniture), the dateline is found.
        let t = concat!(
            "Ferry workers walk out\nBy Jo Roe\nUpdated 3:45 p.m. EST\n\n",
            "KELSO BAY (Tide Wire) \u{2014} Crews walked out."
        );
        let d = Doc::new(t, g);
        assert_eq!(d.dateline.map(|x| x.place.of(t)), Some("KELSO BAY"));
        // A transcript's speaker label is no dateline.
        let t = "Transcript\n\nKATE ROWE: Why not debate?";
        assert!(Doc::new(t, g).dateline.is_none());
    }

    #[test]
    fn dateline_is_split_off() {
        assert_eq!(
            sentences("ROME, May 2 (Tiber News) - Officials said it rained."),
            vec!["ROME, May 2 (Tiber News) -", "Officials said it rained."]
        );
    }
}
