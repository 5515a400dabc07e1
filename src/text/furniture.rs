//! Page furniture: the lines of a scraped news page that are not copy. Advertising breaks
//! ("Story continues below advertisement"), teasers ("READ MORE: …"), photo credits and
//! captions, bylines, share and comment prompts, newsletter and subscription boxes, timestamps.
//!
//! One pass over the line starts, before anything else reads the text. Each line is judged
//! by its first words, its last bytes, or (for short lines) all its words, against the phrases
//! of `grammars/furniture.txt` (see [`FurnitureLexicon`]). A long line is copy at once, and
//! most lines are decided by one hash lookup of their first word.
//!
//! The stages after this one treat a furniture line as absent: quote pairing ignores its marks
//! and reads through it (a quote paragraph after an advertising break still continues the quote
//! before it), the tokenizer skips it (so no name, quote or cue comes from it), and the
//! sentence splitter sees the copy on both sides as if the line were not there.

use crate::grammar::furniture::{key_word, At, Entry, FurnitureLexicon, Key};
use crate::grammar::{FurnitureKind, Grammar, Tag};
use crate::span::Span;

/// A line of page furniture: where it is (trimmed of white space) and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Furniture {
    /// The line, without its surrounding white space.
    pub span: Span,
    /// What it is.
    pub kind: FurnitureKind,
}

/// The longest line (in bytes) that can be furniture: a long caption. Longer lines are copy.
const MAX_LINE: usize = 600;
/// The most words a line opened by an `at=start` or `at=follow` phrase may have.
const START_WORDS: usize = 30;
/// The most words of a byline ("Reporting by …; Editing by …").
const BYLINE_WORDS: usize = 30;
/// The most words of a name-and-role byline ("Jane Roe, Staff Reporter").
const ROLE_WORDS: usize = 12;
/// The longest line (bytes) read for a name-and-role byline.
const ROLE_BYTES: usize = 100;
/// The longest last sentence (bytes) read for a credit opening with a label ("… on Friday.
/// Photo by Jane Roe").
const LABELLED_CREDIT_BYTES: usize = 80;
/// The most words of a credit with a credit word ("(Photo courtesy of the Kelso Fire
/// Department)").
const CREDIT_WORDS: usize = 12;
/// The most words of a credit with only a slash ("THE DAILY PRESS/Jane Roe", "Jane Roe / The
/// Daily"): a title-case headline with a slash is longer.
const SLASH_CREDIT_WORDS: usize = 7;
/// The most words of a caption ending with a credit.
const CAPTION_WORDS: usize = 90;
/// The most words of a line of timestamp or share words.
const WORD_LINE_WORDS: usize = 30;
/// The most words of a headline in a list of links under a heading.
const HEADLINE_WORDS: usize = 24;
/// How far from a line's end a credit may start (bytes).
const CREDIT_BYTES: usize = 160;

/// Finds the furniture lines of `text`, in text order.
// Out of line (once a document), so a profile shows the stage.
#[inline(never)]
pub fn find(text: &str, grammar: &Grammar) -> Vec<Furniture> {
    let mut out = Vec::new();
    let lex = grammar.furniture();
    if lex.is_empty() {
        return out;
    }
    let b = text.as_bytes();
    let mut at = 0;
    // Under a heading of links, the headlines after it until a line of copy are of its kind.
    let mut links: Option<FurnitureKind> = None;
    // The page's top: its first lines with no sentence end (section labels, the headline, a
    // standfirst), the page's headline when furniture follows them and one reads as a
    // headline.
    let mut top = Top::default();
    loop {
        let end = b
            .get(at..)
            .and_then(|s| memchr::memchr(b'\n', s))
            .map_or(b.len(), |o| at + o);
        if let Some(line) = text.get(at..end) {
            let trimmed = line.trim();
            if !trimmed.is_empty() && trimmed.len() <= MAX_LINE {
                let start = at + (line.len() - line.trim_start().len());
                let reader = LineReader {
                    text: trimmed,
                    lex,
                    grammar,
                };
                let kind = match reader.kind() {
                    Some(k) => {
                        links = reader.heading().or(links);
                        Some(k)
                    }
                    None if links.is_some() && reader.headline() => links,
                    None if reader.subhead() => Some(FurnitureKind::Subhead),
                    None => {
                        links = None;
                        None
                    }
                };
                let span = Span::new(start, start + trimmed.len());
                top.line(&reader, span, kind, &mut out);
                if let Some(kind) = kind {
                    out.push(Furniture { span, kind });
                }
            }
        }
        if end >= b.len() {
            break;
        }
        at = end + 1;
    }
    out
}

/// The lines opening a page before its first furniture line, while each may be a headline.
#[derive(Default)]
struct Top {
    /// The lines so far.
    lines: Vec<Span>,
    /// One of them reads as a headline.
    headline: bool,
    /// The top is over.
    done: bool,
}

/// The most lines of a page's top: section labels, a headline, a standfirst, a name.
const TOP_LINES: usize = 5;

impl Top {
    /// Reads the next non-empty line (`kind`, its furniture kind); at the first furniture
    /// line, the lines before it are the page's headline (into `out`) if one reads as one.
    fn line(
        &mut self,
        reader: &LineReader<'_>,
        span: Span,
        kind: Option<FurnitureKind>,
        out: &mut Vec<Furniture>,
    ) {
        if self.done {
            return;
        }
        if kind.is_some() {
            self.done = true;
            if self.headline {
                out.extend(self.lines.drain(..).map(|span| Furniture {
                    span,
                    kind: FurnitureKind::Headline,
                }));
            }
            return;
        }
        if self.lines.len() >= TOP_LINES || !reader.headline() {
            self.done = true;
            return;
        }
        self.headline |= reader.page_headline();
        self.lines.push(span);
    }
}

/// Whether byte `pos` lies inside a furniture line (`furniture` in text order).
pub fn covers(furniture: &[Furniture], pos: usize) -> bool {
    let k = furniture.partition_point(|f| f.span.end <= pos);
    furniture.get(k).is_some_and(|f| f.span.start <= pos)
}

/// Whether the white space ending at byte `at` (where copy resumes) holds a blank line once the
/// furniture lines right before it are read through: "…end.\n\nAdvertisement\nNext …" has
/// one, as "…end.\n\nNext …" has.
// Out of line and cold: called only at line starts of documents with furniture, it keeps the
// sentence splitter's loop as it was.
#[cold]
#[inline(never)]
pub fn blank_before(text: &str, furniture: &[Furniture], mut at: usize) -> bool {
    // Each round steps back over one furniture line and the white space before it.
    for _ in 0..furniture.len() {
        let k = furniture.partition_point(|f| f.span.end < at);
        let Some(f) = furniture.get(k).filter(|f| f.span.end == at) else {
            return false;
        };
        let before = text.get(..f.span.start).unwrap_or("");
        let gap = before.len() - before.trim_end().len();
        if before
            .get(before.len() - gap..)
            .is_some_and(|g| g.matches('\n').count() > 1)
        {
            return true;
        }
        at = before.len() - gap;
    }
    false
}

/// Characters that may stand before a line's first word and are not read: list bullets,
/// arrows, brackets, dashes ("► READ MORE", "(Reporting by …)", "— With files from …").
fn is_lead(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '-'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2022}'
            | '\u{25BA}'
            | '\u{25B6}'
            | '\u{00BB}'
            | '\u{2192}'
            | '\u{25A0}'
            | '\u{25AA}'
            | '*'
            | '>'
            | '|'
            | '\u{FEFF}'
    ) || c.is_whitespace()
}

/// Whether `c` ends a label ("READ MORE:", "WATCH —", "Related |").
fn is_label_sep(c: char) -> bool {
    matches!(
        c,
        ':' | '|' | '-' | '\u{2013}' | '\u{2014}' | '>' | '\u{00BB}' | '\u{25BA}'
    )
}

/// Whether `c` separates a name from what follows in a byline ("Jane Roe, Staff Reporter",
/// "Jane Roe | The Daily"; a slash makes a credit, "Jane Roe / The Daily").
fn is_name_sep(c: char) -> bool {
    matches!(
        c,
        ',' | '|' | '\u{00B7}' | '\u{2022}' | '-' | '\u{2013}' | '\u{2014}'
    )
}

/// Whether `c` is a letter or digit, without the Unicode tables for ASCII and for the general
/// punctuation block (curly quotation marks, dashes), which most non-ASCII chars of copy are.
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// The char at byte `i` of `s`, if `i` is on a char boundary.
fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// Whether the char at byte `i` of `s` is a letter or digit (ASCII read from the byte).
fn alnum_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => char_at(s, i).is_some_and(is_alnum),
        None => false,
    }
}

/// The words of a line from a byte on: runs of letters and digits, joined by `.'’-&_` before a
/// letter or digit and by `:` or `,` between digits ("p.m", "O'Neil", "6:12", "1,200"); a
/// handle's `@` opens a word. Byte ranges into the line. ASCII is read byte by byte.
struct Words<'a> {
    s: &'a str,
    at: usize,
}

fn words(s: &str, from: usize) -> Words<'_> {
    Words { s, at: from }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let (s, b) = (self.s, self.s.as_bytes());
        let mut i = self.at;
        // The next word start.
        loop {
            let &c = b.get(i)?;
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() || c == b'@' {
                    break;
                }
                i += 1;
            } else {
                let ch = char_at(s, i)?;
                if is_alnum(ch) {
                    break;
                }
                i += ch.len_utf8();
            }
        }
        let start = i;
        i += 1;
        let mut prev_digit = b.get(start).is_some_and(u8::is_ascii_digit);
        while let Some(&c) = b.get(i) {
            let (len, go) = if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    prev_digit = c.is_ascii_digit();
                    (1, true)
                } else if matches!(c, b'.' | b'\'' | b'-' | b'&' | b'_') {
                    (1, alnum_at(s, i + 1))
                } else if matches!(c, b':' | b',') {
                    (
                        1,
                        prev_digit && b.get(i + 1).is_some_and(u8::is_ascii_digit),
                    )
                } else {
                    (1, false)
                }
            } else {
                match char_at(s, i) {
                    Some(ch) if is_alnum(ch) => {
                        prev_digit = false;
                        (ch.len_utf8(), true)
                    }
                    Some('\u{2019}') => (3, alnum_at(s, i + 3)),
                    _ => (1, false),
                }
            };
            if !go {
                break;
            }
            i += len;
        }
        self.at = i;
        Some((start, i))
    }
}

/// The first word of `s` from byte `from` (as [`words`] reads it), read directly when it is
/// a run of ASCII letters and digits ending at a plain separator.
fn first_word(s: &str, from: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    // Punctuation before it (an opening quotation mark) is skipped.
    let mut i = from;
    loop {
        match b.get(i) {
            Some(&c) if c.is_ascii() => {
                if !(c.is_ascii_punctuation() && c != b'@' || c == b' ') {
                    break;
                }
                i += 1;
            }
            Some(_) => match char_at(s, i) {
                Some(ch) if !is_alnum(ch) => i += ch.len_utf8(),
                _ => break,
            },
            None => return None,
        }
    }
    if b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        let mut e = i + 1;
        while b.get(e).is_some_and(u8::is_ascii_alphanumeric) {
            e += 1;
        }
        let joins = match b.get(e) {
            Some(b'.' | b'\'' | b'-' | b'&' | b'_') => alnum_at(s, e + 1),
            Some(b':' | b',') => {
                b.get(e - 1).is_some_and(u8::is_ascii_digit)
                    && b.get(e + 1).is_some_and(u8::is_ascii_digit)
            }
            Some(c) => !c.is_ascii(),
            None => false,
        };
        if !joins {
            return Some((i, e));
        }
    }
    words(s, from).next()
}

/// `w` as the lexicon looks it up (see [`Key`]).
fn lower<'b>(w: &str, buf: &'b mut [u8; 32]) -> Option<Key<'b>> {
    Key::lowered(w, buf)
}

/// The first character of `s` from byte `at` that is not white space.
fn next_char(s: &str, at: usize) -> Option<char> {
    s.get(at..)?.chars().find(|c| !c.is_whitespace())
}

/// The last character of `s` before byte `at` that is not white space.
fn prev_char(s: &str, at: usize) -> Option<char> {
    s.get(..at)?.chars().rev().find(|c| !c.is_whitespace())
}

/// The nearest char boundary at or before byte `i` of `s`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Reads one trimmed line.
struct LineReader<'a> {
    text: &'a str,
    lex: &'a FurnitureLexicon,
    grammar: &'a Grammar,
}

impl<'a> LineReader<'a> {
    /// What the line is, if it is furniture. Most lines are copy, and cost a lookup of their
    /// first word and a look at their last bytes.
    fn kind(&self) -> Option<FurnitureKind> {
        let t = self.text;
        if t.starts_with('\u{00A9}') {
            return Some(FurnitureKind::Copyright);
        }
        let from = t.len() - t.trim_start_matches(is_lead).len();
        let (ws, we) = first_word(t, from)?;
        let first = t.get(ws..we)?;
        let mut buf = [0u8; 32];
        let first_lower = lower(first, &mut buf);
        if let Some(k) = first_lower.and_then(|w| self.opening(ws, w, false)) {
            return Some(k);
        }
        let digits = first.bytes().any(|b| b.is_ascii_digit());
        // "12 comments": a count before a whole-line phrase.
        if digits && first.bytes().all(|b| b.is_ascii_digit()) {
            if let Some((ns, ne)) = words(t, we).next() {
                let mut buf2 = [0u8; 32];
                let second = lower(t.get(ns..ne)?, &mut buf2);
                if let Some(k) = second.and_then(|w| self.opening(ns, w, true)) {
                    return Some(k);
                }
            }
        }
        let class_word = first_lower.is_some_and(|w| self.lex.word(w).0 != 0);
        if digits || class_word {
            if let Some(k) = self.word_line(from) {
                return Some(k);
            }
        }
        if t.len() <= ROLE_BYTES && first.starts_with(char::is_uppercase) {
            if let Some(k) = self.role(from) {
                return Some(k);
            }
        }
        self.credit_end(from)
    }

    /// The kind of the list the line heads, if it is a heading (`at=heading`): "Related
    /// Stories", "More on this story".
    fn heading(&self) -> Option<FurnitureKind> {
        let t = self.text;
        let from = t.len() - t.trim_start_matches(is_lead).len();
        let (ws, we) = first_word(t, from)?;
        let mut buf = [0u8; 32];
        let first = t.get(ws..we).and_then(|w| lower(w, &mut buf))?;
        self.lex
            .starting(first)
            .find(|e| {
                e.at == At::Heading
                    && self
                        .phrase_at(e, ws)
                        .is_some_and(|end| words(t, end).next().is_none())
            })
            .map(|e| e.kind)
    }

    /// Whether the line may be a page's headline: five to 24 words opening with a capital, no
    /// sentence end, not opened by a quotation mark (not "The minister said", a hard-wrapped
    /// sentence's first line).
    fn page_headline(&self) -> bool {
        let capital = self.text.starts_with(char::is_uppercase);
        capital && self.headline() && self.count(0, 5) >= 5
    }

    /// Whether the line is a subhead between paragraphs: two to ten words in capitals with no
    /// sentence end, bracket, colon or dash ("UNION VOWS TO FIGHT CLOSURE"; not a dateline,
    /// "WASHINGTON —"), or a quotation of a few words standing alone with no sentence end
    /// ("'Cowardly and senseless'").
    fn subhead(&self) -> bool {
        let t = self.text;
        // (The tests of its characters first, which fail at once on copy; the words after.)
        let capitals = t.chars().any(char::is_uppercase)
            && t.chars().all(|c| {
                !c.is_lowercase()
                    && (c.is_alphanumeric()
                        || matches!(c, ' ' | '\'' | '\u{2019}' | '-' | ',' | '&' | '?'))
            });
        let mut chars = t.chars();
        let open = chars
            .next()
            .is_some_and(|c| matches!(c, '"' | '\'' | '\u{2018}' | '\u{201C}'));
        let close = chars
            .next_back()
            .is_some_and(|c| matches!(c, '"' | '\'' | '\u{2019}' | '\u{201D}'));
        let inner = chars.as_str();
        let quoted = open
            && close
            && !inner.is_empty()
            && !inner.contains(['"', '\u{201C}', '\u{201D}', '.', '!', '?', ':'])
            && !inner.trim_end_matches(['\u{2019}', '\'']).ends_with(',');
        if !capitals && !quoted {
            return false;
        }
        let n = self.count(0, 10);
        capitals && (2..=10).contains(&n) || quoted && n <= 8
    }

    /// Whether the line reads as a headline in a list of links: a few words, no sentence end
    /// ("Aging pipes a 'ticking time bomb' for small towns, engineers say").
    fn headline(&self) -> bool {
        let t = self
            .text
            .trim_end_matches(['"', '\'', ')', '\u{2019}', '\u{201D}']);
        let ends = t.ends_with(['.', '!', '?', ':', ';', ',']);
        !ends && self.count(0, HEADLINE_WORDS) <= HEADLINE_WORDS
    }

    /// The word at `(s, e)`.
    fn word(&self, (s, e): (usize, usize)) -> &'a str {
        self.text.get(s..e).unwrap_or("")
    }

    /// How many words the line has from byte `from`, counting up to `cap + 1`.
    fn count(&self, from: usize, cap: usize) -> usize {
        words(self.text, from).take(cap + 1).count()
    }

    /// Where phrase `e` ends if its words open the line at byte `at`.
    fn phrase_at(&self, e: &Entry, at: usize) -> Option<usize> {
        let mut it = words(self.text, at);
        let mut end = at;
        for w in &e.words {
            let span = it.next()?;
            if !key_word(self.word(span)).eq_ignore_ascii_case(w) {
                return None;
            }
            end = span.1;
        }
        Some(end)
    }

    /// A phrase opening the line at byte `at` (its first word `first`, lower case) that makes it
    /// furniture where it stands; with `count`, only whole-line phrases (after a number).
    fn opening(&self, at: usize, first: Key<'_>, count: bool) -> Option<FurnitureKind> {
        let t = self.text;
        for e in self.lex.starting(first) {
            if count && !matches!(e.at, At::Line | At::Heading) {
                continue;
            }
            let Some(end) = self.phrase_at(e, at) else {
                continue;
            };
            let ok = match e.at {
                At::Line | At::Heading => words(t, end).next().is_none(),
                At::Label => next_char(t, end).is_none_or(is_label_sep),
                At::Start => self.count(at, START_WORDS) <= START_WORDS,
                At::Byline => self.byline_after(end),
                At::Follow => {
                    self.count(at, START_WORDS) <= START_WORDS
                        && (t.contains('@') || self.has_word_of(end, FurnitureKind::Share))
                }
                _ => false,
            };
            if ok {
                return Some(e.kind);
            }
        }
        None
    }

    /// Whether names follow byte `end` as in a byline: a capitalised word first, then only
    /// words a byline holds ([`LineReader::bylinish`]), and not too many.
    fn byline_after(&self, end: usize) -> bool {
        let mut it = words(self.text, end).peekable();
        let Some(&first) = it.peek() else {
            return false;
        };
        let name = self.word(first);
        if !name.starts_with(char::is_uppercase) || self.is_time_word(name) {
            return false;
        }
        let mut n = 0;
        for w in it {
            n += 1;
            if n > BYLINE_WORDS || !self.bylinish(self.word(w)) {
                return false;
            }
        }
        true
    }

    /// Whether `w` can stand in a byline or credit: capitalised, a number, a function word, or
    /// a word of the furniture file's bylines, roles, credits or word classes.
    fn bylinish(&self, w: &str) -> bool {
        if w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '@') {
            return true;
        }
        let mut buf = [0u8; 32];
        let Some(lw) = lower(w, &mut buf) else {
            return false;
        };
        let key = lw;
        let (bits, credit) = self.lex.word(key);
        bits != 0 || credit || self.lex.is_byline_word(key) || self.is_func(w)
    }

    /// Whether `w` is a function word of the grammar (any case).
    fn is_func(&self, w: &str) -> bool {
        let lw = w.to_ascii_lowercase();
        self.grammar
            .tags_of(key_word(&lw))
            .iter()
            .any(|t| matches!(t, Tag::Func(_)))
    }

    /// Whether `w` is a time word of the grammar ("By Tuesday, …" opens copy, not a byline).
    fn is_time_word(&self, w: &str) -> bool {
        let lw = w.to_ascii_lowercase();
        self.grammar
            .tags_of(&lw)
            .iter()
            .any(|t| matches!(t, Tag::Func(f) if f.time || f.ty == crate::grammar::FuncType::Time))
    }

    /// Whether a word from byte `from` on is a word of kind `kind` (`at=word`).
    fn has_word_of(&self, from: usize, kind: FurnitureKind) -> bool {
        let bit = FurnitureLexicon::kind_bit(kind);
        words(self.text, from).any(|w| {
            let mut buf = [0u8; 32];
            lower(self.word(w), &mut buf).is_some_and(|lw| self.lex.word(lw).0 & bit != 0)
        })
    }

    /// A line made only of `at=word` words of one kind (and numbers): a timestamp ("Updated
    /// March 14, 2025 9:47 am", which needs a number) or a row of share buttons.
    fn word_line(&self, from: usize) -> Option<FurnitureKind> {
        let mut kinds = u32::MAX;
        let (mut digits, mut named) = (false, false);
        for (n, w) in words(self.text, from).enumerate() {
            let word = self.word(w);
            if n >= WORD_LINE_WORDS {
                return None;
            }
            if word.bytes().any(|b| b.is_ascii_digit()) {
                digits = true;
                continue;
            }
            let mut buf = [0u8; 32];
            kinds &= lower(word, &mut buf).map_or(0, |lw| self.lex.word(lw).0);
            if kinds == 0 {
                return None;
            }
            named = true;
        }
        let has = |k| kinds & FurnitureLexicon::kind_bit(k) != 0;
        if !named {
            None
        } else if has(FurnitureKind::Timestamp) {
            digits.then_some(FurnitureKind::Timestamp)
        } else {
            FURNITURE_KINDS.iter().copied().find(|&k| has(k))
        }
    }

    /// A byline of a name, a separator and a role or outlet: "Jane Roe, Staff Reporter",
    /// "Jane Roe | The Daily Planet". The separator is looked for first: most lines opening
    /// with a capitalised word reach a lower-case word before any.
    fn role(&self, from: usize) -> Option<FurnitureKind> {
        let t = self.text;
        // No separator in the first bytes (a name of four words): no byline.
        let head = t.as_bytes().get(from..).unwrap_or_default();
        let head = head.get(..60).unwrap_or(head);
        if memchr::memchr3(b',', b'|', b'-', head).is_none()
            && memchr::memchr2(0xC2, 0xE2, head).is_none()
        {
            return None;
        }
        let mut it = words(t, from);
        let mut name_words = 0;
        let name_end = loop {
            let w = it.next()?;
            name_words += 1;
            if name_words > 4 || !self.word(w).starts_with(char::is_uppercase) {
                return None;
            }
            if next_char(t, w.1).is_some_and(is_name_sep) {
                break w.1;
            }
        };
        if words(t, from)
            .take(name_words)
            .any(|w| self.is_func(self.word(w)))
            || self.count(from, ROLE_WORDS) > ROLE_WORDS
        {
            return None;
        }
        let sep = t.get(name_end..)?.find(|c: char| !c.is_whitespace())?;
        let rest_at = name_end + sep + 1;
        let rest: Vec<(usize, usize)> = words(t, rest_at).collect();
        if rest.is_empty() || rest.len() > 6 || !rest.iter().all(|&w| self.bylinish(self.word(w))) {
            return None;
        }
        // A role anywhere in the rest ("Senior Correspondent", "Parliamentary Reporter").
        let role = rest
            .iter()
            .any(|&(s, _)| self.lex.roles().any(|e| self.phrase_at(e, s).is_some()));
        (role || self.outlet_at(&rest)).then_some(FurnitureKind::Byline)
    }

    /// Whether the words `ws` open with an outlet of the grammar ("The Daily Planet" is one
    /// only if `outlets.txt` knows it).
    fn outlet_at(&self, ws: &[(usize, usize)]) -> bool {
        let mut phrase = String::new();
        for &w in ws {
            let lower = self.word(w).to_ascii_lowercase();
            if phrase.is_empty() && lower == "the" {
                continue;
            }
            if !phrase.is_empty() {
                phrase.push(' ');
            }
            phrase.push_str(&lower);
            if self.grammar.tags_of(&phrase).contains(&Tag::Outlet) {
                return true;
            }
        }
        false
    }
}

/// The kinds in declaration order, for a word line of a kind with no rule of its own.
const FURNITURE_KINDS: [FurnitureKind; 11] = [
    FurnitureKind::Advertisement,
    FurnitureKind::Byline,
    FurnitureKind::Caption,
    FurnitureKind::Comments,
    FurnitureKind::Copyright,
    FurnitureKind::Credit,
    FurnitureKind::Newsletter,
    FurnitureKind::Share,
    FurnitureKind::Subscription,
    FurnitureKind::Teaser,
    FurnitureKind::Timestamp,
];

/// Where the last word of `s` starts (letters, digits and `'’-&`), read back byte by byte
/// while the bytes are ASCII.
fn last_word_start(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = b.len();
    while let Some(&c) = i.checked_sub(1).and_then(|k| b.get(k)) {
        if !c.is_ascii() {
            let word = |c: char| is_alnum(c) || matches!(c, '\'' | '\u{2019}' | '-' | '&');
            let head = s.get(..i).unwrap_or("");
            return head
                .char_indices()
                .rev()
                .find(|&(_, c)| !word(c))
                .map_or(0, |(p, c)| p + c.len_utf8());
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, b'\'' | b'-' | b'&')) {
            break;
        }
        i -= 1;
    }
    i
}

/// Where the last sentence of `body` starts, looking back from its end no further than byte
/// `lo`: after a `.`, `?` or `!` (and closing marks) and a space. `memrchr` jumps from one
/// candidate to the next.
fn last_sentence(body: &str, lo: usize) -> Option<usize> {
    let b = body.as_bytes();
    let mut end = body.len();
    while let Some(p) = b
        .get(lo..end)
        .and_then(|w| memchr::memrchr3(b'.', b'?', b'!', w))
    {
        let mut q = lo + p + 1;
        loop {
            match b.get(q..) {
                Some([b'"' | b'\'' | b')', ..]) => q += 1,
                // `”` and `’`.
                Some([0xE2, 0x80, 0x9D | 0x99, ..]) => q += 3,
                _ => break,
            }
        }
        if b.get(q) == Some(&b' ') {
            return Some(q + 1);
        }
        end = lo + p;
    }
    None
}

impl<'a> LineReader<'a> {
    /// A photo credit ending the line: the line is a credit when the credit is all of it, and a
    /// caption when words come before it.
    fn credit_end(&self, from: usize) -> Option<FurnitureKind> {
        let body = self.body();
        // A line ending in a quotation mark, a question or a colon ends in copy, not a credit.
        if body.ends_with(['"', '\u{201D}', '\u{2019}', '?', '!', ':', ';', ',']) {
            return None;
        }
        let lo = floor_boundary(body, body.len().saturating_sub(CREDIT_BYTES)).max(from);
        let at = self
            .paren_credit(body)
            .or_else(|| self.segment_credit(body, lo, from))
            .or_else(|| self.tail_credit(body, lo, from))?;
        if at <= from {
            Some(FurnitureKind::Credit)
        } else if self.count(from, CAPTION_WORDS) <= CAPTION_WORDS {
            Some(FurnitureKind::Caption)
        } else {
            None
        }
    }

    /// The line without its final periods and white space.
    fn body(&self) -> &'a str {
        self.text
            .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
    }

    /// A parenthesised credit ending the line ("(AP Photo/Jane Roe)", "(Photo courtesy of Jane
    /// Roe)", "(Southern Cross News: Sam Reid)"): where its bracket opens.
    fn paren_credit(&self, body: &str) -> Option<usize> {
        let inner_end = body.strip_suffix(')')?.len();
        let lo = floor_boundary(body, inner_end.saturating_sub(CREDIT_BYTES));
        let open = body.get(lo..inner_end)?.rfind('(')? + lo;
        (self.is_credit(open + 1, inner_end) || self.outlet_colon_name(open + 1, inner_end))
            .then_some(open)
    }

    /// Whether bytes `s..e` of the line are an outlet and a name with a colon between, every
    /// word capitalised ("Southern Cross News: Sam Reid").
    fn outlet_colon_name(&self, s: usize, e: usize) -> bool {
        let Some(inner) = self.text.get(s..e) else {
            return false;
        };
        let Some((outlet, name)) = inner.split_once(": ") else {
            return false;
        };
        let caps = |p: &str| {
            let mut n = 0;
            for w in p.split(' ') {
                n += 1;
                if !w.starts_with(char::is_uppercase) {
                    return 0;
                }
            }
            n
        };
        let (a, b) = (caps(outlet), caps(name));
        a > 0 && (2..=3).contains(&b) && a + b <= SLASH_CREDIT_WORDS
    }

    /// Whether bytes `s..e` of the line are a credit: a few words a credit holds, with a slash
    /// between names ("AP Photo/Jane Roe", "Jane Roe / The Daily") or a credit word ("Photo
    /// courtesy of Jane Roe", "File").
    fn is_credit(&self, s: usize, e: usize) -> bool {
        let Some(part) = self.text.get(..e) else {
            return false;
        };
        let mut n = 0;
        let mut credit_word = false;
        for w in words(part, s) {
            n += 1;
            let word = self.word(w);
            if n > CREDIT_WORDS || !self.bylinish(word) {
                return false;
            }
            let mut buf = [0u8; 32];
            credit_word |= lower(word, &mut buf).is_some_and(|lw| self.lex.word(lw).1);
        }
        let slash = part.get(s..).is_some_and(|p| {
            p.match_indices('/').any(|(i, _)| {
                prev_char(part, s + i).is_some_and(char::is_alphabetic)
                    && next_char(part, s + i + 1).is_some_and(char::is_alphabetic)
            })
        });
        n > 0 && (credit_word || (slash && n <= SLASH_CREDIT_WORDS))
    }

    /// A credit after the line's last sentence ("… on Friday. Jane Roe / The Daily", "THE
    /// CANADIAN PRESS/Jane Roe", "… on Friday. Photo by Jane Roe"): where it starts.
    fn segment_credit(&self, body: &str, lo: usize, from: usize) -> Option<usize> {
        // Without a slash near the end, only a short last sentence can be a credit ("Photo by
        // Jane Roe"): the search for its start reads no further back.
        let slashed = body
            .as_bytes()
            .get(lo..)
            .is_some_and(|w| memchr::memchr(b'/', w).is_some());
        let lo = if slashed {
            lo
        } else {
            floor_boundary(body, body.len().saturating_sub(LABELLED_CREDIT_BYTES)).max(from)
        };
        let start = match last_sentence(body, lo) {
            Some(s) => s,
            None if lo <= from => from,
            None => return None,
        };
        // A bracketed list ("[Poll A, Poll B/Poll C]") is no credit.
        let seg = body.get(start..)?;
        let slashed = slashed && memchr::memchr(b'/', seg.as_bytes()).is_some();
        if seg.starts_with('[') {
            return None;
        }
        let (ws, we) = first_word(body, start)?;
        if slashed && self.is_credit(start, body.len()) {
            return Some(ws);
        }
        let mut buf = [0u8; 32];
        let first = lower(body.get(ws..we)?, &mut buf)?;
        let labelled = self.lex.opens(first, FurnitureKind::Credit)
            && self.opening(ws, first, false) == Some(FurnitureKind::Credit);
        labelled.then_some(ws)
    }

    /// A credit phrase ending the line after a sentence end or a separator ("… on Friday.
    /// Getty Images", "Jane Roe | Getty Images"): where it starts.
    fn tail_credit(&self, body: &str, lo: usize, from: usize) -> Option<usize> {
        let last_at = last_word_start(body);
        let mut buf = [0u8; 32];
        let last = lower(body.get(last_at..)?, &mut buf)?;
        let mut entries = self.lex.ending(last).peekable();
        entries.peek()?;
        let tail: Vec<(usize, usize)> = words(body, lo).collect();
        for e in entries {
            let Some(k) = tail.len().checked_sub(e.words.len()) else {
                continue;
            };
            let matches = tail.get(k..).is_some_and(|ws| {
                ws.iter()
                    .zip(&e.words)
                    .all(|(&w, p)| key_word(self.word(w)).eq_ignore_ascii_case(p))
            });
            let Some(&(start, _)) = tail.get(k).filter(|_| matches) else {
                continue;
            };
            let after_break = start <= from
                || prev_char(body, start).is_some_and(|c| is_name_sep(c) || c == '/')
                || last_sentence(body, 0).is_some_and(|s| s == start);
            if after_break {
                return Some(start);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kind of `line` when the whole line is one furniture line.
    fn kind(line: &str) -> Option<FurnitureKind> {
        let found = find(line, Grammar::builtin());
        assert!(found.len() <= 1, "{line:?}: {found:?}");
        found.first().map(|f| {
            assert_eq!(f.span, Span::new(0, line.len()), "{line:?}");
            f.kind
        })
    }

    fn all(kind_: FurnitureKind, lines: &[&str]) {
        for l in lines {
            assert_eq!(kind(l), Some(kind_), "{l:?} should be {kind_:?}");
        }
    }

    fn none(lines: &[&str]) {
        for l in lines {
            assert_eq!(kind(l), None, "{l:?} is copy");
        }
    }

    #[test]
    fn advertising_breaks() {
        all(
            FurnitureKind::Advertisement,
            &[
                "Story continues below advertisement",
                "ADVERTISEMENT",
                "Advertisement - Continue Reading Below",
                "Skip Advertisement",
            ],
        );
        none(&[
            "The advertisement ran in three papers, the company said.",
            "Story continues below the fold, she joked.",
            "Advertisements for the tunnel ran on every bus.",
        ]);
    }

    #[test]
    fn teasers() {
        all(
            FurnitureKind::Teaser,
            &[
                "READ MORE: Tessaly River levels prompt evacuation alert",
                "WATCH: \u{201C}It\u{2019}s heartbreaking\u{201D}: Evacuees describe the night",
                "Related: Ferry union sets strike deadline",
                "\u{25BA} Read more: How to prepare a flood kit",
                "RELATED STORIES",
                "Click here to read the full report",
                "VIDEO | Crews reopen the highway",
            ],
        );
        none(&[
            "Watch the video, she said.",
            "Read more about the plan in Friday's budget, the minister said.",
            "More than 1,200 residents left their homes.",
            "Related charges were laid on Tuesday.",
            "Latest figures show the river falling.",
        ]);
    }

    #[test]
    fn credits_and_captions() {
        all(
            FurnitureKind::Credit,
            &[
                "Photo: Jane Roe / The Daily",
                "(AP Photo/Jane Roe)",
                "Getty Images",
                "THE DAILY PRESS/Jane Roe",
                "Handout/Kestrel Wire.",
                "(Photo courtesy of the Kelso Fire Department)",
            ],
        );
        all(
            FurnitureKind::Caption,
            &[
                "Volunteers fill sandbags on Thursday. Jane Roe / The Daily",
                "A firefighter sprays a burning roof in Lytton on Monday. (AP Photo/Jane Roe)",
                "Jane Roe stands in her kitchen. \"It was a river,\" she said. \
                 (Photo courtesy of Jane Roe)",
                "Crowds gather at the pier on Friday. Getty Images",
                "Commuters wait at the terminal on Tuesday. Photo by Sam Poe",
                "A crane lifts the span into place. THE DAILY PRESS/Jane Roe",
            ],
        );
        none(&[
            "The minister, who spoke to reporters (in French), said the plan would go ahead.",
            "The union said the and/or clause in the contract was unclear.",
            "Council Leader Explains The Vote On A Harbour/Rail Tunnel Plan To Sceptical Residents",
            "- Ada Lee leads in the north. [Poll One, Poll Two/Poll Three]",
            "Prices rose again in March (Reuters).",
            "The plant runs 24/7, the company said.",
        ]);
    }

    #[test]
    fn bylines() {
        all(
            FurnitureKind::Byline,
            &[
                "By Jane Roe",
                "By JANE ROE, The Daily",
                "By Marguerite Okafor  Global Lantern",
                "Jane Roe, Staff Reporter",
                "Jane Roe | Senior Correspondent",
                "(Reporting by Jane Roe in Oslo; Additional reporting by Al Poe; \
                 Editing by Sam Poe)",
                "\u{2014} With files from The Dominion Press",
                "--With assistance from Ayo Sato.",
            ],
        );
        none(&[
            "By Saturday afternoon, flowers had been left outside the shop.",
            "By the end of the year the plant will close.",
            "By 2030, the city wants half its buses to be electric.",
            "By Tuesday, Officials Said, The Road Would Reopen",
            "Jane Roe, the mayor, said the plan would work.",
            "Jane Roe, 44, has swum here every morning.",
            "WHAT IS NEXT: BBC Panel Skips The Vote",
        ]);
    }

    #[test]
    fn share_newsletter_subscription_comments() {
        all(
            FurnitureKind::Share,
            &[
                "Share this article",
                "Facebook Twitter Email",
                "Click to share on Facebook (Opens in new window)",
                "Share on X",
                "Copy link",
                "Follow Jane Roe on X @janeroe",
                "Follow us on Instagram",
            ],
        );
        none(&[
            "Follow the money, investigators said.",
            "Share prices fell 4 per cent on Tuesday.",
            "Follow-up talks are set for May.",
            "Email records show the deal was signed in May.",
        ]);
        all(
            FurnitureKind::Newsletter,
            &[
                "Sign up for our newsletter",
                "Get the day's top news, political, economic, and current affairs headlines, \
                 delivered to your inbox once a day.",
                "By providing your email address, you have read and agree to our Terms and \
                 Conditions.",
            ],
        );
        none(&["Sign-ups for the program opened on Monday, the council said."]);
        all(
            FurnitureKind::Subscription,
            &["Subscribe now", "Already a subscriber? Log in"],
        );
        all(
            FurnitureKind::Comments,
            &["Comments", "Join the conversation", "12 comments"],
        );
        none(&["Comments from the minister drew a sharp reply."]);
        all(
            FurnitureKind::Copyright,
            &["\u{00A9} 2025 Global Lantern, a division of Northwind Media Inc."],
        );
    }

    #[test]
    fn timestamps() {
        all(
            FurnitureKind::Timestamp,
            &[
                "Posted March 14, 2025 6:12 am",
                "Updated 3:45 p.m. EST",
                "Published 4:05 PM EDT, Tue June 3, 2025",
                "9:05 p.m.",
                "Last updated: 2 hours ago",
            ],
        );
        none(&[
            "Updated figures are due in March.",
            "On Monday, 300 people marched.",
            "Monday",
            "14:50 \u{2014} Voices from the march",
        ]);
    }

    /// A user's `furniture.txt` (`--grammar DIR`) adds phrases; a bad line names its file and
    /// line.
    #[test]
    fn user_files_extend_the_phrases() {
        let mut b = Grammar::builtin_builder();
        b.add_file(
            "furniture.txt",
            "house/furniture.txt",
            "elsewhere on the site kind=teaser at=label\n",
        )
        .unwrap();
        let g = b.build();
        let t = "Elsewhere on the site: the dam at Kelso\n";
        let kinds: Vec<FurnitureKind> = find(t, &g).iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [FurnitureKind::Teaser]);
        assert!(find(t, Grammar::builtin()).is_empty());
        let err = Grammar::builtin_builder()
            .add_file(
                "furniture.txt",
                "house/furniture.txt",
                "sofa kind=chair at=line\n",
            )
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("house/furniture.txt:1: expected kind="),
            "{err}"
        );
        let err = Grammar::builtin_builder()
            .add_file(
                "furniture.txt",
                "house/furniture.txt",
                "sofa kind=share at=rug\n",
            )
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected at="), "{err}");
    }

    /// A long line is copy, whatever it opens with.
    #[test]
    fn long_lines_are_copy() {
        let long = format!("Advertisement {}", "words of copy ".repeat(60));
        none(&[long.trim()]);
        let caption = format!("{}. (AP Photo/Jane Roe)", "Crews work ".repeat(50));
        assert!(caption.len() < MAX_LINE);
        none(&[caption.as_str()]);
    }

    /// Spans are the lines without their white space, in text order.
    #[test]
    fn spans_are_trimmed_lines() {
        let t =
            "Copy line one.\r\n  Story continues below advertisement  \r\nCopy.\n\nBy Jane Roe\n";
        let found = find(t, Grammar::builtin());
        let got: Vec<(&str, FurnitureKind)> =
            found.iter().map(|f| (f.span.of(t), f.kind)).collect();
        assert_eq!(
            got,
            [
                (
                    "Story continues below advertisement",
                    FurnitureKind::Advertisement
                ),
                ("By Jane Roe", FurnitureKind::Byline)
            ]
        );
        assert!(covers(&found, found[0].span.start));
        assert!(!covers(&found, found[0].span.end));
        assert!(!covers(&found, 0));
    }

    /// The blank line before a furniture line counts where copy resumes after it.
    #[test]
    fn blank_lines_read_through_furniture() {
        let g = Grammar::builtin();
        let t = "End.\n\nAdvertisement\nNext";
        let f = find(t, g);
        assert!(blank_before(t, &f, t.find("Advertisement").unwrap() + 13));
        let t = "He said\nAdvertisement\nthat it rained.";
        let f = find(t, g);
        assert!(!blank_before(t, &f, t.find("Advertisement").unwrap() + 13));
        // Not after a furniture line at all.
        assert!(!blank_before(t, &f, 2));
    }

    /// The lines under a heading of links that read as headlines are teasers, up to the
    /// first line of copy.
    #[test]
    fn headlines_under_a_heading_of_links() {
        let t = "The vote is on Friday.\nRelated Stories\nHarbour tolls to rise, council says\n\
                 Mayor Ruiz faces 'toughest week yet'\nThe council meets again in May.\n";
        let found = find(t, Grammar::builtin());
        let got: Vec<(&str, FurnitureKind)> =
            found.iter().map(|f| (f.span.of(t), f.kind)).collect();
        assert_eq!(
            got,
            [
                ("Related Stories", FurnitureKind::Teaser),
                ("Harbour tolls to rise, council says", FurnitureKind::Teaser),
                (
                    "Mayor Ruiz faces 'toughest week yet'",
                    FurnitureKind::Teaser
                ),
            ]
        );
        // With no heading before them, headlines are copy.
        none(&["Harbour tolls to rise, council says"]);
    }

    #[test]
    fn subheads() {
        all(
            FurnitureKind::Subhead,
            &[
                "UNION VOWS TO FIGHT CLOSURE",
                "WHAT HAPPENS NEXT?",
                "\u{2018}Cowardly and senseless\u{2019}",
                "\"A promise is a promise\"",
            ],
        );
        none(&[
            "WASHINGTON \u{2014}",
            "NATO",
            "\u{201C}It unravels, one thread at a time.\u{201D}",
            "\u{201C}Hello,\u{201C} he said, \u{201C}how are you doing?\u{201D}",
            "\"We will appeal,\"",
        ]);
    }

    #[test]
    fn a_credit_of_an_outlet_and_a_name() {
        all(
            FurnitureKind::Caption,
            &["Treasurer Ada Kettle says the budget is tight. (Harbour News: Sam Reid)"],
        );
        none(&["The vote was close (Harbour News: a report)."]);
    }

    /// A first line that reads as a headline is the page's when furniture follows it; a
    /// first line with copy after it is copy (a story may open with a short line).
    #[test]
    fn the_page_headline() {
        let t =
            "Ferry cuts leave islanders 'stranded'\nBy Jane Roe\nPosted April 9, 2025 5:48 pm\n\n\
                 Islanders said the cuts hurt.\n";
        let found = find(t, Grammar::builtin());
        let got: Vec<FurnitureKind> = found.iter().map(|f| f.kind).collect();
        assert_eq!(
            got,
            [
                FurnitureKind::Headline,
                FurnitureKind::Byline,
                FurnitureKind::Timestamp
            ]
        );
        assert_eq!(found[0].span.of(t), "Ferry cuts leave islanders 'stranded'");
        let t = "Ferry cuts leave islanders stranded\nIslanders said the cuts hurt.\n";
        assert!(find(t, Grammar::builtin()).is_empty());
    }

    /// Section labels, the headline, a standfirst and a name before the first furniture line
    /// are the page's top.
    #[test]
    fn the_page_top() {
        let t = "News\nHealth\nOvernight closure of the harbour clinic 'would put lives at risk'\n\
                 Plans to shut the clinic at night are 'a false economy', doctors say\n\
                 Dana Moss\nPublished Jan 28, 2025\n\nThe clinic opened in 1998.\n";
        let found = find(t, Grammar::builtin());
        let got: Vec<(&str, FurnitureKind)> =
            found.iter().map(|f| (f.span.of(t), f.kind)).collect();
        assert_eq!(got.len(), 6, "{got:?}");
        assert!(
            got[..5].iter().all(|(_, k)| *k == FurnitureKind::Headline),
            "{got:?}"
        );
        assert_eq!(got[5].1, FurnitureKind::Timestamp);
    }
}
