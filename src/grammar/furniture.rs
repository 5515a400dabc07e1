//! The phrases of page furniture (`grammars/furniture.txt`): what a scraped page's lines that
//! are not copy begin or end with, and where each phrase must stand. Kept apart from the word
//! automaton: the furniture pass reads only line starts and ends, never every word.

use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::{bad, GrammarError, Line};

/// What a line of page furniture is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum FurnitureKind {
    /// An advertising break: "Story continues below advertisement".
    Advertisement,
    /// A byline or a trailer naming the reporters: "By Jane Roe", "With files from …".
    Byline,
    /// A caption: a line describing a picture, ending with its credit.
    Caption,
    /// A comment prompt: "Join the conversation".
    Comments,
    /// A copyright line: "© 2025 …".
    Copyright,
    /// A photo credit on its own: "Photo: Jane Roe / The Daily", "(AP Photo/Jane Roe)".
    Credit,
    /// The page's top: the lines before its first furniture line (a byline, a timestamp) when
    /// one reads as a headline: section labels, the headline, a standfirst.
    Headline,
    /// A newsletter box: "Sign up for our newsletter".
    Newsletter,
    /// A share prompt or a row of share buttons: "Share this article", "Facebook Twitter".
    Share,
    /// A subhead between paragraphs, not a sentence: a short line in capitals ("UNION VOWS TO
    /// FIGHT CLOSURE") or a short quotation standing alone as a crosshead ("'Cowardly and
    /// senseless'").
    Subhead,
    /// A subscription prompt: "Already a subscriber?".
    Subscription,
    /// A teaser or link to another story: "READ MORE: …", "WATCH: …", "RELATED: …".
    Teaser,
    /// A timestamp line: "Updated March 14, 2025 9:47 am".
    Timestamp,
}

/// Where a phrase stands in a line for the line to be furniture (`at=` in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The phrase is the whole line (a count before it allowed).
    Line,
    /// The phrase opens the line, then a colon, dash, pipe or `>`.
    Label,
    /// The phrase opens a short line.
    Start,
    /// The phrase opens a short line of names.
    Byline,
    /// A byline's role after a name and a separator.
    Role,
    /// The phrase opens a short line naming a social network or a handle.
    Follow,
    /// A word marking a photo credit in a group ending a line.
    Credit,
    /// The phrase ends a line after a sentence end or a separator.
    Tail,
    /// A line of such words only is of the kind.
    Word,
    /// The phrase is the whole line and heads a list of links: the lines after it that read
    /// as headlines are teasers too ("Related Stories", "More on this story").
    Heading,
}

/// One phrase of the furniture file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its words, lower case, a final period dropped (`p.m.` is `p.m`).
    pub words: Vec<String>,
    /// What a line it makes furniture is.
    pub kind: FurnitureKind,
    /// Where it stands.
    pub at: At,
}

/// The furniture phrases, indexed for the line pass.
#[derive(Debug, Default)]
pub struct FurnitureLexicon {
    entries: Vec<Entry>,
    /// Entries opening a line (line, label, start, byline, follow), by their first word.
    by_first: HashMap<Box<[u8]>, Vec<u32>, FixedState>,
    /// Entries ending a line (tail), by their last word.
    by_last: HashMap<Box<[u8]>, Vec<u32>, FixedState>,
    /// Byline roles.
    roles: Vec<u32>,
    /// One-word entries of the word classes: the kinds a word makes a line of, as
    /// [`FurnitureLexicon::kind_bit`] bits, and whether it marks a credit.
    words: HashMap<Box<[u8]>, (u32, bool), FixedState>,
    /// Every word of a byline or role phrase ("reporting", "staff"): words a byline may hold.
    byline_words: HashMap<Box<[u8]>, (), FixedState>,
    /// Quick filters of the keys of `by_first`, `by_last` and `words` ([`Filter`]).
    first_filter: Filter,
    last_filter: Filter,
    word_filter: Filter,
}

/// A filter of a set of words (a bit in 4,096 for each, set by a cheap hash of its bytes): a
/// word whose bit is clear is no key, found without the map's hashing and probing. Most words
/// of copy are turned away here.
#[derive(Debug)]
struct Filter([u64; 64]);

impl Default for Filter {
    fn default() -> Filter {
        Filter([0; 64])
    }
}

impl Filter {
    fn slot(hash: u32) -> (usize, u64) {
        let h = ((hash ^ (hash >> 12) ^ (hash >> 24)) & 4095) as usize;
        (h >> 6, 1 << (h & 63))
    }

    fn add(&mut self, w: &[u8]) {
        let (i, bit) = Filter::slot(fnv(w));
        if let Some(x) = self.0.get_mut(i) {
            *x |= bit;
        }
    }

    fn may_hold(&self, k: Key<'_>) -> bool {
        let (i, bit) = Filter::slot(k.hash);
        self.0.get(i).is_some_and(|x| x & bit != 0)
    }
}

/// FNV-1a of a word's bytes (words are short).
fn fnv(b: &[u8]) -> u32 {
    b.iter().fold(0x811C_9DC5_u32, |h, &c| {
        (h ^ u32::from(c)).wrapping_mul(0x0100_0193)
    })
}

/// A word of a line as the lexicon looks it up: its bytes in ASCII lower case (a buffer the
/// caller owns, so nothing is allocated) and their hash for the quick filters, computed in the
/// same pass.
#[derive(Debug, Clone, Copy)]
pub struct Key<'a> {
    bytes: &'a [u8],
    hash: u32,
}

impl<'a> Key<'a> {
    /// `w` lowered into `buf`, if it fits (a longer word is no key of the lexicon).
    pub fn lowered(w: &str, buf: &'a mut [u8; 32]) -> Option<Key<'a>> {
        let src = w.as_bytes();
        let dst = buf.get_mut(..src.len())?;
        let mut hash = 0x811C_9DC5_u32;
        for (d, c) in dst.iter_mut().zip(src) {
            *d = c.to_ascii_lowercase();
            hash = (hash ^ u32::from(*d)).wrapping_mul(0x0100_0193);
        }
        Some(Key { bytes: dst, hash })
    }
}

/// The furniture kinds, in declaration order (their bit numbers).
const KINDS: [(&str, FurnitureKind); 13] = [
    ("advertisement", FurnitureKind::Advertisement),
    ("byline", FurnitureKind::Byline),
    ("caption", FurnitureKind::Caption),
    ("comments", FurnitureKind::Comments),
    ("copyright", FurnitureKind::Copyright),
    ("credit", FurnitureKind::Credit),
    ("headline", FurnitureKind::Headline),
    ("newsletter", FurnitureKind::Newsletter),
    ("share", FurnitureKind::Share),
    ("subhead", FurnitureKind::Subhead),
    ("subscription", FurnitureKind::Subscription),
    ("teaser", FurnitureKind::Teaser),
    ("timestamp", FurnitureKind::Timestamp),
];

const PLACES: [(&str, At); 10] = [
    ("line", At::Line),
    ("label", At::Label),
    ("start", At::Start),
    ("byline", At::Byline),
    ("role", At::Role),
    ("follow", At::Follow),
    ("credit", At::Credit),
    ("tail", At::Tail),
    ("word", At::Word),
    ("heading", At::Heading),
];

/// A phrase word as the line pass compares it: a final period dropped.
pub fn key_word(w: &str) -> &str {
    w.strip_suffix('.').unwrap_or(w)
}

fn key(w: &str) -> Box<[u8]> {
    w.as_bytes().into()
}

impl FurnitureLexicon {
    /// The bit of `kind` in a word's kinds.
    pub fn kind_bit(kind: FurnitureKind) -> u32 {
        1 << (kind as u32)
    }

    /// Adds one line of `furniture.txt` (`file` names it in errors).
    pub(super) fn add_line(&mut self, file: &str, l: &Line<'_>) -> Result<(), GrammarError> {
        let kind = match l.get("kind") {
            Some(v) => KINDS.iter().find(|(n, _)| *n == v).map(|&(_, k)| k),
            None => None,
        };
        let Some(kind) = kind else {
            let names: Vec<&str> = KINDS.iter().map(|(n, _)| *n).collect();
            return Err(bad(
                file,
                l.line,
                format!(
                    "expected kind={}, found {:?}",
                    names.join("|"),
                    l.get("kind")
                ),
            ));
        };
        let places = l.get("at").unwrap_or("");
        let mut any = false;
        for p in places.split(',') {
            let Some(&(_, at)) = PLACES.iter().find(|(n, _)| *n == p) else {
                let names: Vec<&str> = PLACES.iter().map(|(n, _)| *n).collect();
                return Err(bad(
                    file,
                    l.line,
                    format!(
                        "expected at= one or more of {}, found {p:?}",
                        names.join(",")
                    ),
                ));
            };
            any = true;
            self.push(&l.phrase, kind, at);
        }
        if !any {
            return Err(bad(file, l.line, "expected at=…"));
        }
        Ok(())
    }

    fn push(&mut self, phrase: &str, kind: FurnitureKind, at: At) {
        let words: Vec<String> = phrase.split(' ').map(|w| key_word(w).to_string()).collect();
        let id = self.entries.len() as u32;
        let (Some(first), Some(last)) = (words.first().cloned(), words.last().cloned()) else {
            return;
        };
        if matches!(at, At::Byline | At::Role) {
            for w in &words {
                self.byline_words.insert(key(w), ());
            }
        }
        match at {
            At::Line | At::Label | At::Start | At::Byline | At::Follow | At::Heading => {
                self.first_filter.add(first.as_bytes());
                self.by_first.entry(key(&first)).or_default().push(id);
            }
            At::Tail => {
                self.last_filter.add(last.as_bytes());
                self.by_last.entry(key(&last)).or_default().push(id);
            }
            At::Role => self.roles.push(id),
            At::Word | At::Credit => {
                if words.len() == 1 {
                    self.word_filter.add(first.as_bytes());
                    let e = self.words.entry(key(&first)).or_default();
                    if at == At::Word {
                        e.0 |= Self::kind_bit(kind);
                    } else {
                        e.1 = true;
                    }
                }
            }
        }
        self.entries.push(Entry { words, kind, at });
    }

    /// The entries opening a line whose first word is `w` (lower case).
    pub fn starting(&self, w: Key<'_>) -> impl Iterator<Item = &Entry> {
        let ids = if self.first_filter.may_hold(w) {
            self.by_first.get(w.bytes)
        } else {
            None
        };
        self.ids(ids)
    }

    /// The entries ending a line whose last word is `w` (lower case).
    pub fn ending(&self, w: Key<'_>) -> impl Iterator<Item = &Entry> {
        let ids = if self.last_filter.may_hold(w) {
            self.by_last.get(w.bytes)
        } else {
            None
        };
        self.ids(ids)
    }

    /// The byline roles.
    pub fn roles(&self) -> impl Iterator<Item = &Entry> {
        self.roles
            .iter()
            .filter_map(|&i| self.entries.get(i as usize))
    }

    fn ids<'s>(&'s self, ids: Option<&'s Vec<u32>>) -> impl Iterator<Item = &'s Entry> {
        ids.map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|&i| self.entries.get(i as usize))
    }

    /// The kinds (bits) a line of word `w` (lower case) can be, and whether `w` marks a credit.
    pub fn word(&self, w: Key<'_>) -> (u32, bool) {
        if !self.word_filter.may_hold(w) {
            return (0, false);
        }
        self.words.get(w.bytes).copied().unwrap_or_default()
    }

    /// Whether `w` (lower case) is a word of a byline or role phrase.
    pub fn is_byline_word(&self, w: Key<'_>) -> bool {
        self.byline_words.contains_key(w.bytes)
    }

    /// Whether `w` (lower case) opens a phrase of kind `kind` that opens a line.
    pub fn opens(&self, w: Key<'_>, kind: FurnitureKind) -> bool {
        self.starting(w).any(|e| e.kind == kind)
    }

    /// Whether any phrase was loaded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
