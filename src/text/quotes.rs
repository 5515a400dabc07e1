//! Quote marks found and paired.
//!
//! Candidate positions come from `memchr` (every quote mark starts with one of six bytes); each
//! mark's direction is read from its neighbours (left- or right-flanking, as Markdown does for
//! emphasis), then marks are paired with a stack. Conventions handled:
//! - `"…"`, `“…”`, `‘…’`, `'…'`, `«…»`, `‹…›`, `„…“`, `「…」`, `` ``…'' ``; nesting of any family;
//! - `’`/`'` between letters or after a plural `s` is an apostrophe unless it closes an open quote;
//! - a paragraph that opens a quote and does not close it, followed by a paragraph that opens
//!   again, is a multi-paragraph quote: one unit per paragraph, the later ones `continues`;
//! - a quote may run over single line breaks (hard-wrapped copy) for a few lines; one still open
//!   at a blank line, or after that window, is unclosed: a diagnostic, and pairing restarts right
//!   after its mark so it never swallows the rest of the document.

use crate::grammar::{FuncType, Grammar, Tag};
use crate::span::Span;
use crate::text::furniture::{self, Furniture};

/// Quote mark families: a closer only closes an opener of its own family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// `"`, `“`, `”`, `„`, ``` `` ```, `''`.
    Double,
    /// `'`, `‘`, `’`, `` ` ``.
    Single,
    /// `«`, `»`.
    Guillemet,
    /// `‹`, `›`.
    SingleGuillemet,
    /// `「`, `」`, `『`, `』`.
    Corner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    /// Closes an open quote of its family, else opens one (ASCII `"` between spaces).
    Toggle,
    /// Closes an open quote of its family, else it is an apostrophe.
    CloseOrApostrophe,
    /// Nothing (an apostrophe inside a word).
    None,
}

/// A quote mark: 8 bytes (a hostile text is a mark a byte), its place in 32-bit offsets
/// ([`pair_around`] reads the first 4 GiB).
#[derive(Debug, Clone, Copy)]
struct Mark {
    /// Where it starts.
    at: u32,
    /// Its length in bytes.
    width: u8,
    family: Family,
    dir: Dir,
    /// ASCII or otherwise ambiguous: no diagnostic when it is left unpaired.
    quiet: bool,
}

impl Mark {
    fn new(pos: usize, len: usize, family: Family, dir: Dir, quiet: bool) -> Self {
        Mark {
            at: u32::try_from(pos).unwrap_or(u32::MAX),
            width: u8::try_from(len).unwrap_or(u8::MAX),
            family,
            dir,
            quiet,
        }
    }

    /// Where it starts.
    fn pos(&self) -> usize {
        self.at as usize
    }

    /// Its length in bytes.
    fn len(&self) -> usize {
        usize::from(self.width)
    }
}

/// A paired quotation at the top level of the text (nested quotes are inside a unit's content):
/// 20 bytes, its spans in 32-bit offsets (a document is read up to 4 GiB, and a long one of
/// quotes holds one for every few bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quoted {
    /// From the opening mark to the closing mark, inclusive (or the paragraph end):
    /// [`Quoted::outer`].
    outer_at: (u32, u32),
    /// Inside the marks: [`Quoted::content`].
    content_at: (u32, u32),
    /// The family of the marks.
    pub family: Family,
    /// This paragraph continues the previous unit's multi-paragraph quote.
    pub continues: bool,
    /// The quote runs on into the next paragraph (no closing mark here).
    pub open_ended: bool,
}

impl Quoted {
    /// From the opening mark to the closing mark, inclusive (or the paragraph end).
    pub fn outer(&self) -> Span {
        Span {
            start: self.outer_at.0 as usize,
            end: self.outer_at.1 as usize,
        }
    }

    /// Inside the marks.
    pub fn content(&self) -> Span {
        Span {
            start: self.content_at.0 as usize,
            end: self.content_at.1 as usize,
        }
    }
}

/// `span` in 32-bit offsets (a document is read up to 4 GiB: [`crate::text::Doc::new`]).
fn at32(span: Span) -> (u32, u32) {
    let small = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    (small(span.start), small(span.end))
}

/// A problem with the marks: an opener never closed, or a closer that closes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkProblem {
    /// An opening mark never closed.
    Unclosed(Span),
    /// A closing mark with no opener.
    Unopened(Span),
}

/// What pairing found.
#[derive(Debug, Default, Clone)]
pub struct Pairing {
    /// Top-level quotes in text order.
    pub quotes: Vec<Quoted>,
    /// Problems in text order.
    pub problems: Vec<MarkProblem>,
}

/// How many lines a quote may run over single line breaks before it counts as unclosed.
const WRAP_LINES: usize = 8;
/// The deepest nesting kept; deeper openers are ignored.
const MAX_DEPTH: usize = 8;

fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos).and_then(|s| s.chars().next_back())
}

fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '\u{2014}'
            | '\u{2013}'
            | '-'
            | '/'
            | '\u{201C}'
            | '\u{2018}'
            | '\u{00AB}'
            | '"'
            | '\''
            | '`'
            | '\u{201E}'
            | '\u{300C}'
    )
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '\u{2014}'
            | '\u{2013}'
            | '-'
            | '\u{2026}'
            | '\u{201D}'
            | '\u{2019}'
            | '\u{00BB}'
            | '"'
            | '\''
            | '\u{300D}'
            | '/'
    )
}

/// Whether the word opening `rest` is a preposition, connective, complementizer or determiner
/// of the lexicon ("of", "and", "that", "the"): a word that follows a phrase, not a possessive.
fn closes_phrase(grammar: &Grammar, rest: &str) -> bool {
    let word = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    grammar.tags_of(word).iter().any(|t| {
        matches!(t, Tag::Func(f) if matches!(
            f.ty,
            FuncType::Preposition
                | FuncType::Connective
                | FuncType::Complementizer
                | FuncType::Determiner
        ))
    })
}

/// The direction of a mark at `pos` (`len` bytes, of `family`, its glyph `glyph`), read from
/// its neighbours: left- or right-flanking, an apostrophe, an inch mark.
fn direction(
    text: &str,
    grammar: &Grammar,
    pos: usize,
    len: usize,
    family: Family,
    glyph: Dir,
) -> Dir {
    let before = char_before(text, pos);
    let after = char_at(text, pos + len);
    let ws_before = before.is_none_or(char::is_whitespace);
    let ws_after = after.is_none_or(char::is_whitespace);
    let left = !ws_after && (ws_before || before.is_some_and(is_open_punct));
    let right = !ws_before && (ws_after || after.is_some_and(is_close_punct));
    // Feet and inches (6'3", 5’2”): the double mark is an inch mark, no quotation mark.
    let single_glyph =
        (len == 1 && text.as_bytes().get(pos) == Some(&b'"')) || (len == 3 && glyph == Dir::Close);
    let inch = family == Family::Double && single_glyph && {
        let mut back = text.get(..pos).unwrap_or("").chars().rev();
        let (inches, apostrophe, feet) = (back.next(), back.next(), back.next());
        inches.is_some_and(|d| d.is_ascii_digit())
            && matches!(apostrophe, Some('\'' | '\u{2019}'))
            && feet.is_some_and(|f| f.is_ascii_digit())
    };
    match (left, right) {
        _ if inch => Dir::None,
        // "in ’08", "the ‘90s": a single mark eliding a year's century.
        (true, false) if family == Family::Single && elided_year(text, pos + len) => Dir::None,
        // A closing double mark opening a paragraph (”… what I learned …,” he said) is an
        // opening mark in the wrong glyph: it opens, unless a quotation is open to close.
        _ if family == Family::Double
            && glyph == Dir::Close
            && visible_before(text, pos).is_none_or(|c| c == '\n')
            && !ws_after_all(text, pos + len) =>
        {
            Dir::Toggle
        }
        (true, false) => Dir::Open,
        (false, true) => match (family, glyph) {
            // "the players’ union": a plural possessive, not a closing mark (but not before a
            // preposition, connective or determiner, which no possessive takes: "‘in the best
            // interests’ of patients", "was ‘the biggest case on markets’ the court had …").
            (Family::Single, _)
                if before == Some('s')
                    && text
                        .get(pos + len..)
                        .and_then(|r| r.strip_prefix(' '))
                        .is_some_and(|x| {
                            x.starts_with(char::is_lowercase) && !closes_phrase(grammar, x)
                        }) =>
            {
                Dir::None
            }
            (Family::Single, _) => Dir::CloseOrApostrophe,
            _ => Dir::Close,
        },
        _ => match (family, glyph) {
            (Family::Single, _)
                if before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric) =>
            {
                Dir::None
            }
            (Family::Single, Dir::Open) => Dir::Open,
            (Family::Single, _) => Dir::CloseOrApostrophe,
            (_, g) => g,
        },
    }
}

/// Whether two digits start at `at`, alone or with a plural `s`, and end a word (the year of
/// "’08", the decade of "’90s").
pub(crate) fn elided_year(text: &str, at: usize) -> bool {
    let rest = text.as_bytes().get(at..).unwrap_or(&[]);
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let after = rest.get(digits..).unwrap_or(&[]);
    let after = after.strip_prefix(b"s").unwrap_or(after);
    digits == 2 && after.first().is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// Collects and classifies every quote mark.
// Out of line (once a document), so a profile shows the stage.
#[inline(never)]
fn scan(text: &str, grammar: &Grammar) -> Vec<Mark> {
    let b = text.as_bytes();
    // Sized for news copy (a quote mark every 60 bytes or so): the vector rarely grows.
    let mut marks: Vec<Mark> = Vec::with_capacity(text.len() / 48 + 4);
    let mut push = |pos: usize, len: usize, family: Family, glyph: Dir, quiet: bool| {
        let dir = direction(text, grammar, pos, len, family, glyph);
        if dir != Dir::None {
            if marks.len() == marks.capacity() {
                // A text of marks outran the reservation: room at once for every candidate
                // left (not a doubling, whose copy holds the old vector and the new).
                let rest = b.get(pos..).unwrap_or(&[]);
                let ascii = memchr::memchr3_iter(b'"', b'\'', b'`', rest).count();
                let high = memchr::memchr3_iter(0xE2, 0xC2, 0xE3, rest).count();
                marks.reserve_exact(ascii + high + 1);
            }
            marks.push(Mark::new(pos, len, family, dir, quiet));
        }
    };
    // Candidates: ASCII marks and the lead bytes of the others, two memchr streams merged.
    let mut ascii = memchr::memchr3_iter(b'"', b'\'', b'`', b).peekable();
    let mut high = memchr::memchr3_iter(0xE2, 0xC2, 0xE3, b).peekable();
    let mut i = 0;
    // Doubled curly single marks (‘‘…’’) written for double ones: how many `‘‘` opened in this
    // paragraph are not yet closed. A `’’` closes one of them; with none open it is two single
    // closing marks (‘He said ‘no’’), read as such.
    let mut doubled_open = 0usize;
    let mut last = 0usize;
    loop {
        while ascii.next_if(|&p| p < i).is_some() {}
        while high.next_if(|&p| p < i).is_some() {}
        let pos = match (ascii.peek(), high.peek()) {
            (Some(&a), Some(&h)) => a.min(h),
            (Some(&a), None) => a,
            (None, Some(&h)) => h,
            (None, None) => break,
        };
        let rest = b.get(pos..).unwrap_or(&[]);
        if b.get(last..pos).is_some_and(has_blank_line) {
            doubled_open = 0;
        }
        last = pos;
        let (len, family, glyph, quiet) = match rest {
            [b'`', b'`', ..] => (2, Family::Double, Dir::Open, true),
            [b'\'', b'\'', ..] => (2, Family::Double, Dir::Close, true),
            [0xE2, 0x80, 0x98, 0xE2, 0x80, 0x98, ..] => {
                doubled_open += 1;
                (6, Family::Double, Dir::Open, true)
            }
            [0xE2, 0x80, 0x99, 0xE2, 0x80, 0x99, ..] if doubled_open > 0 => {
                doubled_open -= 1;
                (6, Family::Double, Dir::Close, true)
            }
            [b'`', ..] => (1, Family::Single, Dir::Open, true),
            // After a digit, `"` is as often an inch mark (6'3", a 27" screen): no diagnostic
            // when it pairs with nothing.
            [b'"', ..] => (
                1,
                Family::Double,
                Dir::Toggle,
                pos > 0 && b.get(pos - 1).is_some_and(u8::is_ascii_digit),
            ),
            [b'\'', ..] => (1, Family::Single, Dir::Toggle, true),
            [0xE2, 0x80, 0x9C, ..] => (3, Family::Double, Dir::Open, false),
            [0xE2, 0x80, 0x9D, ..] => (3, Family::Double, Dir::Close, false),
            [0xE2, 0x80, 0x9E, ..] => (3, Family::Double, Dir::Open, false),
            [0xE2, 0x80, 0x98, ..] => (3, Family::Single, Dir::Open, true),
            [0xE2, 0x80, 0x99, ..] => (3, Family::Single, Dir::Close, true),
            [0xE2, 0x80, 0xB9, ..] => (3, Family::SingleGuillemet, Dir::Open, true),
            [0xE2, 0x80, 0xBA, ..] => (3, Family::SingleGuillemet, Dir::Close, true),
            [0xC2, 0xAB, ..] => (2, Family::Guillemet, Dir::Open, false),
            [0xC2, 0xBB, ..] => (2, Family::Guillemet, Dir::Close, false),
            [0xE3, 0x80, 0x8C | 0x8E, ..] => (3, Family::Corner, Dir::Open, false),
            [0xE3, 0x80, 0x8D | 0x8F, ..] => (3, Family::Corner, Dir::Close, false),
            _ => {
                i = pos + 1;
                continue;
            }
        };
        push(pos, len, family, glyph, quiet);
        i = pos + len;
    }
    marks
}

/// The character before byte `pos`, skipping invisible format marks (the direction marks a
/// copy-and-paste leaves: U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069, U+FEFF).
fn visible_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().rev().find(|&c| {
        !matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
    })
}

/// Whether nothing but white space follows byte `from` on its line.
fn ws_after_all(text: &str, from: usize) -> bool {
    text.get(from..)
        .is_none_or(|r| r.split('\n').next().unwrap_or("").trim().is_empty())
}

/// Whether `gap` holds a blank line (a paragraph break): two line breaks with only spaces,
/// tabs and carriage returns between them.
fn has_blank_line(gap: &[u8]) -> bool {
    // Line breaks are found with memchr; after each, the first byte that is not blank says.
    memchr::memchr_iter(b'\n', gap).any(|p| {
        gap.get(p + 1..)
            .unwrap_or(&[])
            .iter()
            .find(|&&c| !matches!(c, b' ' | b'\t' | b'\r'))
            == Some(&b'\n')
    })
}

/// Line structure needed while pairing.
struct Lines<'a> {
    text: &'a str,
    /// Page furniture, read through as if absent.
    skip: &'a [Furniture],
}

impl Lines<'_> {
    /// End of the line containing `pos` (the byte of its `\n`, or the text end).
    fn line_end(&self, pos: usize) -> usize {
        let b = self.text.as_bytes();
        b.get(pos..)
            .and_then(|s| memchr::memchr(b'\n', s))
            .map_or(b.len(), |o| pos + o)
    }

    /// The next line after the one ending at `end`: (start of its first non-blank char, whether a
    /// blank line came between).
    /// A furniture line between is skipped: the blank line may be on either side of it.
    fn next_content(&self, end: usize) -> Option<(usize, bool)> {
        let b = self.text.as_bytes();
        let mut i = end;
        let mut newlines = 0;
        let mut blank = false;
        let mut f = self.skip.partition_point(|x| x.span.start < end);
        while let Some(&c) = b.get(i) {
            match c {
                b'\n' => newlines += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => match self.skip.get(f).filter(|x| x.span.start == i) {
                    Some(x) => {
                        blank |= newlines > 1;
                        newlines = 0;
                        i = x.span.end.max(i + 1);
                        f += 1;
                        continue;
                    }
                    None => return Some((i, blank || newlines > 1)),
                },
            }
            i += 1;
        }
        None
    }
}

fn trim_span(text: &str, mut s: usize, mut e: usize) -> Span {
    let b = text.as_bytes();
    while s < e && b.get(s).is_some_and(|c| c.is_ascii_whitespace()) {
        s += 1;
    }
    while e > s && b.get(e - 1).is_some_and(|c| c.is_ascii_whitespace()) {
        e -= 1;
    }
    Span::new(s, e)
}

#[derive(Debug, Clone, Copy)]
struct Open {
    mark: usize,
    continues: bool,
}

/// Finds and pairs the quote marks of `text` (its first 4 GiB; `grammar` tells a plural
/// possessive's apostrophe from a closing mark, by the word after it).
pub fn pair(text: &str, grammar: &Grammar) -> Pairing {
    pair_around(text, grammar, &[])
}

/// [`pair`], reading through the lines of page furniture `skip` (in text order) as if they
/// were absent: their marks are not read, and a quote paragraph after one continues the quote
/// before it as it would without the line.
// Out of line (once a document), so a profile shows the stage.
#[inline(never)]
pub fn pair_around(text: &str, grammar: &Grammar, skip: &[Furniture]) -> Pairing {
    // (A mark's offset is 32 bits: a longer text is read up to its first 4 GiB, as a document.)
    let text = super::first_4_gib(text);
    let mut marks = scan(text, grammar);
    if !skip.is_empty() {
        marks.retain(|m| !furniture::covers(skip, m.pos()));
    }
    drop_label_marks(text, &mut marks);
    let mut p = Pairer::new(text, marks, Lines { text, skip });
    while let Some(m) = p.marks.get(p.i).copied() {
        if !p.cross_lines(m) {
            continue;
        }
        p.i += 1;
        p.read(m);
    }
    p.finish()
}

/// Drops the marks of a transcript's quoted lines from `marks`: a line opening with a mark and
/// a speaker's label (`"HALE: Let's begin …`, [`super::labels`]) among other labelled lines
/// is the labelled speaker's line, not a quotation, so its opening mark and the mark closing
/// the line, if one does, pair with nothing (and make no problem).
fn drop_label_marks(text: &str, marks: &mut Vec<Mark>) {
    let b = text.as_bytes();
    let mut drop = Vec::new();
    for (k, m) in marks.iter().enumerate() {
        if matches!(m.dir, Dir::Close | Dir::None) {
            continue;
        }
        let at = m.pos();
        // (The bytes before it on its line are spaces, read back to the line's start.)
        let mut before = b.get(..at).unwrap_or(&[]).iter().rev();
        let first = before
            .find(|&&c| c == b'\n' || !c.is_ascii_whitespace())
            .is_none_or(|&c| c == b'\n');
        if !first {
            continue;
        }
        let end = memchr::memchr(b'\n', b.get(at..).unwrap_or(&[])).map_or(b.len(), |e| at + e);
        let line = text.get(at..end).unwrap_or("");
        let labelled = super::labels::label(line).is_some()
            && super::labels::near_label(text, Span::new(at, end));
        // (A line after a labelled one that opens a mark and closes none goes on with the
        // labelled speaker's answer: its mark pairs with nothing either.)
        let goes_on = !labelled
            && drop.last().is_some_and(|&d| after_line(text, marks, d, at))
            && marks.get(k + 1).is_none_or(|x| x.pos() >= end);
        if !labelled && !goes_on {
            continue;
        }
        drop.push(k);
        // The mark closing the line, if the line ends with one.
        let close = marks
            .iter()
            .enumerate()
            .skip(k + 1)
            .take_while(|(_, x)| x.pos() < end)
            .last()
            .filter(|(_, x)| line.trim_end().len() + at == x.pos() + x.len());
        drop.extend(close.map(|(j, _)| j));
    }
    if !drop.is_empty() {
        let mut k = 0;
        marks.retain(|_| {
            k += 1;
            drop.binary_search(&(k - 1)).is_err()
        });
    }
}

/// How far back (bytes) the line before a line is looked for.
const LINE_BEFORE: usize = 8192;

/// Whether the line of mark `marks[d]` is the line before the one starting at byte `at`, blank
/// lines between.
fn after_line(text: &str, marks: &[Mark], d: usize, at: usize) -> bool {
    let Some(from) = marks.get(d).map(Mark::pos) else {
        return false;
    };
    if at.saturating_sub(from) > LINE_BEFORE {
        return false;
    }
    let between = text.get(from..at).unwrap_or("");
    let mut lines = between.split('\n').filter(|l| !l.trim().is_empty());
    lines.next().is_some() && lines.next().is_none()
}

/// The state of [`pair_around`]'s pass over the marks.
struct Pairer<'a> {
    text: &'a str,
    /// The marks, in text order.
    marks: Vec<Mark>,
    lines: Lines<'a>,
    /// What pairing found so far.
    out: Pairing,
    /// The open quotes, the outermost first.
    stack: Vec<Open>,
    /// How many line breaks the bottom of the stack has crossed.
    crossed: usize,
    /// The end of the line the reading is on.
    cur_line_end: Option<usize>,
    /// A multi-paragraph quote ran on from the paragraph before: the next opener continues it.
    pending_continue: bool,
    /// The next mark to read.
    i: usize,
}

impl<'a> Pairer<'a> {
    /// A pass over `marks`, from the first.
    fn new(text: &'a str, marks: Vec<Mark>, lines: Lines<'a>) -> Self {
        let out = Pairing {
            quotes: Vec::with_capacity(marks.len() / 2),
            ..Pairing::default()
        };
        Pairer {
            text,
            marks,
            lines,
            out,
            stack: Vec::with_capacity(8),
            crossed: 0,
            cur_line_end: None,
            pending_continue: false,
            i: 0,
        }
    }

    /// Crosses the line breaks before mark `m` with quotes open, one line at a time. A quote
    /// whose next paragraph opens a quote of its family runs on into it (a multi-paragraph
    /// quote: this paragraph's unit ends at its end); one still open at a blank line or after
    /// [`WRAP_LINES`] lines is unclosed, and pairing restarts right after its mark. Returns
    /// whether `m` is still the next mark to read (false after a restart).
    fn cross_lines(&mut self, m: Mark) -> bool {
        let mut line_end = *self
            .cur_line_end
            .get_or_insert_with(|| self.lines.line_end(m.pos()));
        while m.pos() > line_end {
            let Some(bottom) = self.stack.first().copied() else {
                line_end = self.lines.line_end(m.pos());
                break;
            };
            let open = self.marks.get(bottom.mark).copied().unwrap_or(m);
            let next = self.lines.next_content(line_end);
            let next_opens_same = next.is_some_and(|(p, _)| {
                self.marks
                    .get(self.i..)
                    .and_then(|ms| ms.iter().find(|x| x.pos() >= p))
                    .is_some_and(|x| {
                        x.pos() == p
                            && x.family == open.family
                            && matches!(x.dir, Dir::Open | Dir::Toggle)
                    })
            });
            let blank = next.is_none_or(|(_, blank)| blank);
            if next_opens_same {
                self.out.quotes.push(Quoted {
                    outer_at: at32(Span::new(open.pos(), line_end)),
                    content_at: at32(trim_span(self.text, open.pos() + open.len(), line_end)),
                    family: open.family,
                    continues: bottom.continues,
                    open_ended: true,
                });
                self.stack.clear();
                self.crossed = 0;
                self.pending_continue = true;
                line_end = self.lines.line_end(m.pos());
                break;
            } else if blank || self.crossed >= WRAP_LINES {
                if !open.quiet {
                    self.out.problems.push(MarkProblem::Unclosed(Span::new(
                        open.pos(),
                        open.pos() + open.len(),
                    )));
                }
                self.stack.clear();
                self.crossed = 0;
                self.i = bottom.mark + 1;
                self.cur_line_end = Some(self.lines.line_end(open.pos() + open.len()));
                return false;
            } else {
                self.crossed += 1;
                line_end = next.map_or(m.pos(), |(p, _)| self.lines.line_end(p));
            }
        }
        self.cur_line_end = Some(line_end);
        true
    }

    /// Reads mark `m` (the one before [`Self::i`]): it opens a quote, closes the innermost open
    /// quote of its family, or is a stray closer. A toggle closes when a quote of its family
    /// is open, else opens.
    fn read(&mut self, m: Mark) {
        let top_same = self
            .stack
            .iter()
            .rposition(|o| self.marks.get(o.mark).is_some_and(|x| x.family == m.family));
        let dir = match m.dir {
            Dir::Toggle if top_same.is_some() => Dir::Close,
            Dir::Toggle => Dir::Open,
            d => d,
        };
        match dir {
            Dir::Open => {
                if self.stack.len() < MAX_DEPTH {
                    let continues = self.pending_continue && self.stack.is_empty();
                    self.stack.push(Open {
                        mark: self.i - 1,
                        continues,
                    });
                }
                self.pending_continue = false;
            }
            Dir::Close | Dir::CloseOrApostrophe => match top_same {
                Some(k) => self.close(m, k),
                None if dir == Dir::Close && !m.quiet => self
                    .out
                    .problems
                    .push(MarkProblem::Unopened(Span::new(m.pos(), m.pos() + m.len()))),
                None => {}
            },
            Dir::Toggle | Dir::None => {}
        }
    }

    /// Mark `m` closes the open quote at depth `k` (and those inside it): at the top level, the
    /// quotation is found, unless it holds only white space.
    fn close(&mut self, m: Mark, k: usize) {
        let open = self.stack.get(k).copied();
        self.stack.truncate(k);
        if let (Some(o), true) = (open, k == 0) {
            if let Some(om) = self.marks.get(o.mark) {
                let content = Span::new(om.pos() + om.len(), m.pos());
                if self
                    .text
                    .get(content.start..content.end)
                    .is_some_and(|c| !c.trim().is_empty())
                {
                    self.out.quotes.push(Quoted {
                        outer_at: at32(Span::new(om.pos(), m.pos() + m.len())),
                        content_at: at32(content),
                        family: om.family,
                        continues: o.continues,
                        open_ended: false,
                    });
                }
            }
            self.crossed = 0;
        }
    }

    /// The end of the text: a quote still open is unclosed (the marks after its opener are
    /// paired on their own); the quotes and problems in text order, without repeats.
    fn finish(self) -> Pairing {
        let Pairer {
            text,
            marks,
            mut out,
            stack,
            ..
        } = self;
        if let Some(bottom) = stack.first().copied() {
            if let Some(open) = marks.get(bottom.mark).copied() {
                if !open.quiet {
                    out.problems.push(MarkProblem::Unclosed(Span::new(
                        open.pos(),
                        open.pos() + open.len(),
                    )));
                }
                // Marks after an unclosed opener are paired on their own.
                let restart = bottom.mark + 1;
                if restart < marks.len() {
                    let tail = pair_from(text, &marks, restart);
                    out.quotes.extend(tail.quotes);
                    out.problems.extend(tail.problems);
                }
            }
        }
        out.quotes.sort_by_key(|q| q.outer().start);
        out.quotes.dedup_by_key(|q| q.outer().start);
        out.problems.sort_by_key(|p| match p {
            MarkProblem::Unclosed(s) | MarkProblem::Unopened(s) => s.start,
        });
        out.problems.dedup();
        out
    }
}

/// Pairs the marks from index `from` on (after an unclosed opener at the end of the text):
/// each round drops the first unclosed opener and pairs what follows it. Rounds are bounded so
/// that a text of nothing but opening marks stays linear; openers left after them are dropped.
fn pair_from(text: &str, marks: &[Mark], mut from: usize) -> Pairing {
    let mut out = Pairing::default();
    for _round in 0..4 {
        let Some(slice) = marks.get(from..) else {
            break;
        };
        let start = slice.first().map_or(text.len(), |m| m.pos());
        let mut stack: Vec<usize> = Vec::new();
        for (j, m) in slice.iter().enumerate() {
            let top_same = stack
                .iter()
                .rposition(|&o| slice.get(o).is_some_and(|x| x.family == m.family));
            let dir = match m.dir {
                Dir::Toggle if top_same.is_some() => Dir::Close,
                Dir::Toggle => Dir::Open,
                d => d,
            };
            match (dir, top_same) {
                (Dir::Open, _) if stack.len() < MAX_DEPTH => stack.push(j),
                (Dir::Close | Dir::CloseOrApostrophe, Some(k)) => {
                    let o = stack.get(k).copied();
                    stack.truncate(k);
                    if let (Some(o), 0) = (o, k) {
                        if let Some(om) = slice.get(o) {
                            let content = Span::new(om.pos() + om.len(), m.pos());
                            if text
                                .get(content.start..content.end)
                                .is_some_and(|c| !c.trim().is_empty())
                            {
                                out.quotes.push(Quoted {
                                    outer_at: at32(Span::new(om.pos(), m.pos() + m.len())),
                                    content_at: at32(content),
                                    family: om.family,
                                    continues: false,
                                    open_ended: false,
                                });
                            }
                        }
                    }
                }
                (Dir::Close, None) if !m.quiet => out
                    .problems
                    .push(MarkProblem::Unopened(Span::new(m.pos(), m.pos() + m.len()))),
                _ => {}
            }
        }
        let _ = start;
        match stack.first().and_then(|&o| slice.get(o).map(|m| (o, *m))) {
            Some((o, m)) => {
                if !m.quiet {
                    out.problems
                        .push(MarkProblem::Unclosed(Span::new(m.pos(), m.pos() + m.len())));
                }
                // Keep only what pairs before the unclosed one; retry after it.
                out.quotes.retain(|q| q.outer().end <= m.pos());
                from += o + 1;
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_two_breaks_with_blanks_between() {
        // The byte-by-byte reading, for comparison.
        fn plain(gap: &[u8]) -> bool {
            let mut newlines = 0;
            for &c in gap {
                match c {
                    b'\n' => {
                        newlines += 1;
                        if newlines > 1 {
                            return true;
                        }
                    }
                    b' ' | b'\t' | b'\r' => {}
                    _ => newlines = 0,
                }
            }
            false
        }
        let cases: [&[u8]; 10] = [
            b"",
            b"\n",
            b"\n\n",
            b"a\n \t\r\nb",
            b"a\n b\n",
            b" \n\r\n",
            b"\n\r x\n",
            b"text\n\ntext",
            b"\nx\ny\nz\n",
            b"\r\n\r\n",
        ];
        for c in cases {
            assert_eq!(has_blank_line(c), plain(c), "{c:?}");
        }
        // Every string of up to six of these bytes.
        let alphabet = [b'\n', b' ', b'\r', b'x'];
        for n in 0..=6u32 {
            for k in 0..4usize.pow(n) {
                let s: Vec<u8> = (0..n).map(|d| alphabet[k / 4usize.pow(d) % 4]).collect();
                assert_eq!(has_blank_line(&s), plain(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn a_quotation_is_twenty_bytes_and_keeps_its_spans() {
        assert!(std::mem::size_of::<Quoted>() <= 20);
        let text = "She said \u{201c}yes\u{201d} and \"no\".";
        let q = pair(text, Grammar::builtin()).quotes;
        let spans: Vec<_> = q
            .iter()
            .map(|q| (q.outer().of(text), q.content().of(text)))
            .collect();
        assert_eq!(spans, [("\u{201c}yes\u{201d}", "yes"), ("\"no\"", "no")]);
        // At the limits of 32 bits: the last offsets of a 4 GiB document, kept exactly.
        let last = u32::MAX as usize;
        let far = Quoted {
            outer_at: at32(Span::new(last - 4, last)),
            content_at: at32(Span::new(last - 3, last - 1)),
            ..q[0]
        };
        assert_eq!(far.outer(), Span::new(last - 4, last));
        assert_eq!(far.content(), Span::new(last - 3, last - 1));
    }

    fn contents(text: &str) -> Vec<&str> {
        pair(text, Grammar::builtin())
            .quotes
            .iter()
            .map(|q| &text[q.content().start..q.content().end])
            .collect()
    }

    #[test]
    fn pairs_ascii_curly_guillemets() {
        assert_eq!(contents(r#""A," she said, "B.""#), vec!["A,", "B."]);
        assert_eq!(contents("“A,” she said, “B.”"), vec!["A,", "B."]);
        assert_eq!(contents("«A» and «B»"), vec!["A", "B"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            contents("‘It wasn’t the players’ fault,’ he said."),
            vec!["It wasn’t the players’ fault,"]
        );
        assert_eq!(
            contents("The workers' union said it's over."),
            Vec::<&str>::new()
        );
    }

    /// A mark after a final "s" closes a quotation before a preposition, connective or
    /// determiner, which no possessive takes; before another lower-case word it stays a
    /// possessive.
    #[test]
    fn closing_mark_after_s_before_a_preposition() {
        assert_eq!(
            contents("the move was ‘in the best interests’ of patients, it said"),
            vec!["in the best interests"]
        );
        assert_eq!(
            contents("a ‘rise in costs’ and delays"),
            vec!["rise in costs"]
        );
        assert_eq!(
            contents("a ‘fair deal on workers’ pay’ now"),
            vec!["fair deal on workers’ pay"]
        );
        // Nor a determiner.
        assert_eq!(
            contents("it was ‘the biggest case on markets’ the court had heard"),
            vec!["the biggest case on markets"]
        );
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(
            contents(r#""He told me 'no' twice," she said."#),
            vec!["He told me 'no' twice,"]
        );
        assert_eq!(contents("“How “far” is it?”"), vec!["How “far” is it?"]);
    }

    #[test]
    fn multi_paragraph_quote_is_one_unit_per_paragraph() {
        let t = "\"First part.\n\n\"Second part.\"\nAfter.";
        let p = pair(t, Grammar::builtin());
        assert_eq!(p.quotes.len(), 2);
        assert!(p.quotes[0].open_ended && !p.quotes[0].continues);
        assert!(p.quotes[1].continues);
        assert!(p.problems.is_empty());
    }

    #[test]
    fn unclosed_quote_does_not_swallow_the_rest() {
        let t = "He said \"this never closes.\n\nLater, \"a real quote,\" she said.";
        let p = pair(t, Grammar::builtin());
        assert_eq!(p.problems, vec![MarkProblem::Unclosed(Span::new(8, 9))]);
        assert_eq!(contents(t), vec!["a real quote,"]);
        let t = "\"One,\" he said, \"two";
        let p = pair(t, Grammar::builtin());
        assert_eq!(contents(t), vec!["One,"]);
        assert_eq!(p.problems.len(), 1);
    }

    #[test]
    fn hard_wrapped_quote_spans_lines() {
        assert_eq!(
            contents("\"one\ntwo\nthree\" he said"),
            vec!["one\ntwo\nthree"]
        );
    }

    /// The lines of a quoted transcript (`"HOLM: …`) are their labels' speakers' lines, not
    /// quotations: their marks pair with nothing and make no problem, a line going on with an
    /// answer too; a quotation inside a line is still one.
    #[test]
    fn a_quoted_transcript_is_no_quotation() {
        let g = Grammar::builtin();
        let t = "Intro.\n\n\"HOLM: Is it \u{201c}late\u{201d}?\n\n\"PIKE: It is.\n\n\
                 \"And the board knows.\n\n\"HOLM: Why?\n\n\"PIKE: The weather.\"";
        let p = pair(t, g);
        let quoted: Vec<&str> = p.quotes.iter().map(|q| q.content().of(t)).collect();
        assert_eq!(quoted, ["late"]);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        // One labelled line alone is a quotation.
        let t = "Intro.\n\n\"HOLM: Is it late?\"\n\nThe end.";
        assert_eq!(pair(t, g).quotes.len(), 1);
    }

    /// Page furniture between the paragraphs of a multi-paragraph quote is read through, and
    /// its own marks are not read: the quote goes on as it would without the line.
    #[test]
    fn multi_paragraph_quote_goes_on_past_furniture() {
        let g = Grammar::builtin();
        let t = "\"First part.\n\nStory continues below advertisement\n\n\"Second part.\"\nAfter.";
        let furniture = crate::text::furniture::find(t, g);
        assert_eq!(furniture.len(), 1);
        let p = pair_around(t, g, &furniture);
        assert_eq!(p.quotes.len(), 2);
        assert!(p.quotes[0].open_ended && p.quotes[1].continues);
        assert!(p.problems.is_empty());
        // Without the stage the line ends the quote: the first paragraph's mark never closes.
        let p = pair(t, g);
        assert_eq!(p.problems.len(), 1);
        // A caption's quotation and a teaser's stray mark are not read.
        let t = concat!(
            "Jo Roe on Friday. \"It was a river,\" she said. (AP Photo/Al Poe)\n",
            "WATCH: Floods\u{201D} hit"
        );
        let furniture = crate::text::furniture::find(t, g);
        assert_eq!(furniture.len(), 2);
        let p = pair_around(t, g, &furniture);
        assert!(p.quotes.is_empty() && p.problems.is_empty(), "{p:?}");
    }

    /// ‘‘…’’ (doubled curly single marks) is one double quotation, nesting single marks inside;
    /// a `’’` with no `‘‘` open is two single closing marks.
    #[test]
    fn doubled_single_marks_are_double_marks() {
        let t = "‘‘We lost everything,’’ she said. ‘‘He told me ‘no,’ twice.’’";
        assert_eq!(
            contents(t),
            vec!["We lost everything,", "He told me ‘no,’ twice."]
        );
        let p = pair(t, Grammar::builtin());
        assert!(p.quotes.iter().all(|q| q.family == Family::Double));
        assert_eq!(contents("‘He said ‘no’’ and left."), vec!["He said ‘no’"]);
        // An ‘‘ left open in one paragraph does not make a `’’` in the next a double mark.
        assert_eq!(contents("‘‘Open.\n\nShe said ‘fine’’ then."), vec!["fine"]);
    }

    /// A closing double mark that opens a paragraph is read as an opening mark.
    #[test]
    fn closing_glyph_opening_a_paragraph_opens() {
        let t = "The minister spoke next.\n\n\u{201d} \u{2026} what I heard on the road is \
                 that,\u{201d} he said.";
        let p = pair(t, Grammar::builtin());
        assert!(p.problems.is_empty(), "{p:?}");
        assert_eq!(
            contents(t),
            vec![" \u{2026} what I heard on the road is that,"]
        );
    }

    /// Feet and inches inside a quotation do not close it.
    #[test]
    fn feet_and_inches_inside_a_quote() {
        let t = "\u{201c}She is 6\u{2019}2\u{201d}, and I am not,\u{201d} Dorsey said.";
        assert_eq!(
            contents(t),
            vec!["She is 6\u{2019}2\u{201d}, and I am not,"]
        );
        assert!(pair(t, Grammar::builtin()).problems.is_empty());
    }

    /// An inch mark after a digit pairs with nothing and is no problem.
    #[test]
    fn inch_marks_are_quiet() {
        let p = pair("He is 6'3\" tall, with a 27\" screen.", Grammar::builtin());
        assert!(p.problems.is_empty() && p.quotes.is_empty(), "{p:?}");
        // A closing mark after a digit still closes.
        assert_eq!(contents("\"We won 3-2,\" she said."), vec!["We won 3-2,"]);
    }

    #[test]
    fn stray_closer_is_reported() {
        let p = pair("He said” nothing.", Grammar::builtin());
        assert!(matches!(p.problems.as_slice(), [MarkProblem::Unopened(_)]));
    }
}
