//! Word classes as data: the files in `grammars/`, embedded at build time, parsed once, and
//! extendable by a user folder through the same loader.
//!
//! ```
//! let g = quotecheck::Grammar::builtin();
//! let hits = g.lookup("said Hayashi", 0);
//! assert!(hits.iter().any(|h| matches!(g.tag(h.pattern).first(), Some(quotecheck::grammar::Tag::Verb(_)))));
//! ```

mod parse;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{nfa::contiguous, Anchored, MatchKind};
use foldhash::fast::FixedState;

pub use parse::{parse_file, Line, LineError};

/// The built-in grammar files, in load order.
pub const BUILTIN: &[(&str, &str)] = &[
    ("abbreviations.txt", include_str!("../../grammars/abbreviations.txt")),
    ("anonymity.txt", include_str!("../../grammars/anonymity.txt")),
    ("cue-phrases.txt", include_str!("../../grammars/cue-phrases.txt")),
    ("first-names.txt", include_str!("../../grammars/first-names.txt")),
    ("function-words.txt", include_str!("../../grammars/function-words.txt")),
    ("hedges.txt", include_str!("../../grammars/hedges.txt")),
    ("nouns.txt", include_str!("../../grammars/nouns.txt")),
    ("outlets.txt", include_str!("../../grammars/outlets.txt")),
    ("pronouns.txt", include_str!("../../grammars/pronouns.txt")),
    ("titles.txt", include_str!("../../grammars/titles.txt")),
    ("verbs.txt", include_str!("../../grammars/verbs.txt")),
];

/// An error loading a grammar: I/O, or a line that does not parse, named by file and line.
#[derive(Debug, thiserror::Error)]
pub enum GrammarError {
    /// A grammar file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A line did not parse or carried a bad attribute value.
    #[error("{file}:{line}: {message}")]
    Syntax {
        /// The file, as given.
        file: String,
        /// 1-based line.
        line: usize,
        /// What was expected.
        message: String,
    },
    /// A user grammar file whose name is not one of the known files.
    #[error("{file}: unknown grammar file (expected one of: {known})")]
    UnknownFile {
        /// The file.
        file: String,
        /// The known file names.
        known: String,
    },
}

/// Stance of an attribution verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stance {
    /// `said`, `told`, `noted`.
    Neutral,
    /// Editorialising: `claimed`, `admitted`, `insisted`.
    Loaded,
}

/// What a verb attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbKind {
    /// Speech or writing.
    Speech,
    /// A document's or study's finding.
    Finding,
    /// Manner of speaking (`shouted`): attributes adjacent direct quotes only.
    Manner,
    /// Naming (`called it "a farce"`): attributes the quotation it introduces, never a clause.
    Naming,
    /// Judging (`criticised the plan`, `denied the report`): its object is not a claim, so only
    /// a `that`-clause or an adjacent quotation is attributed.
    Evaluative,
}

/// Which inflection a verb form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbForm {
    /// `say`.
    Base,
    /// `says`.
    Third,
    /// `said`, `written`.
    Past,
    /// `saying`.
    Ing,
}

/// A speech verb form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verb {
    /// The lemma (`say`).
    pub lemma: String,
    /// This form's inflection.
    pub form: VerbForm,
    /// Neutral or loaded.
    pub stance: Stance,
    /// Speech, finding, manner.
    pub kind: VerbKind,
    /// Whether the -ing form after a comma starts a new claim.
    pub split: bool,
    /// Whether an object and an infinitive after it are a request, not a claim ("asked the
    /// council to act").
    pub request: bool,
}

/// Grammatical gender as the text shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// Masculine.
    Male,
    /// Feminine.
    Female,
}

/// Kind of thing a noun or pronoun names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounKind {
    /// A person or role.
    Person,
    /// An organisation.
    Org,
    /// A group of people.
    Group,
    /// A document, study, report.
    Document,
    /// A title of a work (film, book).
    Work,
    /// Where words were said (briefing, reporters).
    Venue,
    /// Any of the above (pronouns `they`, `we`).
    Any,
}

/// A title written before a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// Implied gender.
    pub gender: Option<Gender>,
    /// Role family.
    pub class: String,
}

/// A head noun of a descriptive speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Noun {
    /// The kind named.
    pub kind: NounKind,
    /// Plural noun.
    pub plural: bool,
    /// Unnamed, an anonymous source.
    pub anon: bool,
    /// A weasel group.
    pub vague: bool,
    /// Implied gender.
    pub gender: Option<Gender>,
    /// Role family.
    pub class: Option<String>,
    /// A news outlet (`newspaper`), or a word that ends outlet names (`Courier`, `Wire`).
    pub outlet: bool,
}

/// A phrase about anonymity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnonType {
    /// Asks for anonymity (not a reason).
    Request,
    /// Describes an unnamed source.
    Descriptor,
    /// Explains why.
    Reason,
    /// Opens a reason clause.
    ReasonIntro,
}

/// A multi-word attribution cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueType {
    /// `according to`.
    According,
    /// `as reported by`.
    ReportedBy,
    /// `citing`.
    Citing,
    /// `in a statement`, `at a news conference`.
    Venue,
}

/// A pronoun.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pronoun {
    /// Gender, when the pronoun has one.
    pub gender: Option<Gender>,
    /// Plural.
    pub plural: bool,
    /// What it may refer to.
    pub kind: NounKind,
    /// Grammatical person (1, 2, 3).
    pub person: u8,
}

/// A closed-class word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FuncType {
    /// `a`, `the`, `two`, `his`.
    Determiner,
    /// `this`, `these`.
    Demonstrative,
    /// `and`, `while`, `which`.
    Connective,
    /// `also`, `later`.
    Adverb,
    /// `has`, `was`.
    Auxiliary,
    /// `in`, `of`.
    Preposition,
    /// `that`, `whether`.
    Complementizer,
    /// `not`.
    Negation,
    /// `will`, `to`.
    Modal,
}

/// A closed-class word with its features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Func {
    /// Its class.
    pub ty: FuncType,
    /// Definite determiner.
    pub definite: bool,
    /// Plural determiner.
    pub plural: bool,
    /// An article (`a`, `an`, `the`), not a counting or contrasting determiner (`one`, `another`).
    pub article: bool,
    /// A relative pronoun (`who`, `which`): a clause it opens describes a phrase, it does not
    /// name one.
    pub relative: bool,
    /// A coordinator (`and`, `but`) that joins one speaker's clauses: "said …, and added that".
    pub coordinator: bool,
}

/// What a lexicon phrase is: one phrase may carry several tags (`president`: title and noun).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tag {
    /// A speech verb form.
    Verb(Verb),
    /// A title.
    Title(Title),
    /// A head noun.
    Noun(Noun),
    /// An anonymity phrase.
    Anon(AnonType),
    /// A multi-word cue.
    Cue(CueType),
    /// A news outlet.
    Outlet,
    /// A pronoun.
    Pronoun(Pronoun),
    /// A closed-class word.
    Func(Func),
    /// A given name.
    FirstName(Gender),
    /// An abbreviation ending in a period.
    Abbrev,
    /// A hedge the checker flags.
    Hedge(HedgeType),
}

/// What a hedge does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HedgeType {
    /// Hearsay with no named source: `reportedly`, `is said to`.
    Unsourced,
    /// A claim credited to nobody in particular: `it is widely believed`.
    Vague,
}

/// Bits of [`crate::text::Token::class`]: whether a word is capitalised, and which classes of tags its
/// one-word lexicon phrases carry (the tags [`crate::text::Doc::word_tags`] yields). Computed once when the
/// document is read, so the constructions test a bit instead of walking the tags.
#[derive(Debug, Clone, Copy)]
pub struct TokClass;

impl TokClass {
    /// A word whose first character is upper case.
    pub const CAP: u32 = 1;
    /// A speech verb form.
    pub const VERB: u32 = 1 << 1;
    /// A title.
    pub const TITLE: u32 = 1 << 2;
    /// A head noun.
    pub const NOUN: u32 = 1 << 3;
    /// A pronoun.
    pub const PRONOUN: u32 = 1 << 4;
    /// A given name.
    pub const FIRST_NAME: u32 = 1 << 5;
    /// A closed-class word of any type.
    pub const FUNC: u32 = 1 << 6;
    /// A lexicon phrase starting at the token (of any length) is a title.
    pub const STARTS_TITLE: u32 = 1 << 24;
    /// A phrase starting at the token is a head noun.
    pub const STARTS_NOUN: u32 = 1 << 25;
    /// A phrase starting at the token is an outlet.
    pub const STARTS_OUTLET: u32 = 1 << 26;
    /// A phrase starting at the token is an anonymity phrase.
    pub const STARTS_ANON: u32 = 1 << 27;
    /// A phrase starting at the token is a multi-word cue.
    pub const STARTS_CUE: u32 = 1 << 28;
    /// A phrase starting at the token is a pronoun.
    pub const STARTS_PRONOUN: u32 = 1 << 29;

    /// A closed-class word of type `ty`.
    pub const fn func(ty: FuncType) -> u32 {
        1 << (8 + ty as u32)
    }

    /// The `STARTS_` bit of one tag, for a phrase starting at the token.
    pub fn starts(tag: &Tag) -> u32 {
        match tag {
            Tag::Title(_) => TokClass::STARTS_TITLE,
            Tag::Noun(_) => TokClass::STARTS_NOUN,
            Tag::Outlet => TokClass::STARTS_OUTLET,
            Tag::Anon(_) => TokClass::STARTS_ANON,
            Tag::Cue(_) => TokClass::STARTS_CUE,
            Tag::Pronoun(_) => TokClass::STARTS_PRONOUN,
            _ => 0,
        }
    }

    /// The bits of one tag, for a phrase that is the token itself.
    pub fn of(tag: &Tag) -> u32 {
        match tag {
            Tag::Verb(_) => TokClass::VERB,
            Tag::Title(_) => TokClass::TITLE,
            Tag::Noun(_) => TokClass::NOUN,
            Tag::Pronoun(_) => TokClass::PRONOUN,
            Tag::FirstName(_) => TokClass::FIRST_NAME,
            Tag::Func(f) => TokClass::FUNC | TokClass::func(f.ty),
            _ => 0,
        }
    }
}

/// One lexicon hit at a position: which pattern, and the byte where it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Pattern id; see [`Grammar::tag`].
    pub pattern: u32,
    /// Absolute byte offset of the end of the match.
    pub end: usize,
}

/// The loaded grammar: every phrase of every file in one automaton.
#[derive(Debug)]
pub struct Grammar {
    phrases: Vec<String>,
    tags: Vec<Vec<Tag>>,
    index: HashMap<String, u32>,
    automaton: contiguous::NFA,
    /// The [`TokClass`] bits of each pattern's tags: for a phrase starting at a token, and
    /// for a phrase that is the token. Read for every word, so kept apart from the tags.
    classes: Vec<(u32, u32)>,
    /// The automaton's state after each phrase's first run of ASCII letters and digits (its
    /// "stem", lower case), so a walk starts from a table lookup instead of a byte-by-byte
    /// walk of the word, and a word whose stem starts no phrase is rejected at once.
    stems: Stems,
}

/// The stems of the phrases: an open-addressing hash table from a lower-case stem to the
/// automaton state after it, the phrases that are exactly the stem, and whether any phrase goes
/// on past it. Hashed while the word is folded, so a lookup reads each byte once.
#[derive(Debug, Default)]
struct Stems {
    /// Indexes into `entries` (`u32::MAX`: empty), a power of two long.
    slots: Vec<u32>,
    entries: Vec<Stem>,
    /// The stems' bytes, end to end.
    keys: Vec<u8>,
    /// Pattern ids of the phrases that are exactly a stem, in ranges named by the entries.
    exact: Vec<u32>,
    /// The longest stem.
    max_len: usize,
    /// `64 - log2(slots.len())`: a slot is the top bits of a hash (the well-mixed ones).
    shift: u32,
}

#[derive(Debug)]
struct Stem {
    hash: u64,
    /// The stem, lower case: `keys[key.0..key.0 + key.1]` (one arena, compact in cache).
    key: (u32, u32),
    state: StateID,
    exact: (u32, u32),
    longer: bool,
}

/// One step of the stem hash. `b | 0x20` is the lower case of an ASCII letter and leaves a
/// digit as it is, so upper and lower case hash alike.
fn stem_mix(h: u64, b: u8) -> u64 {
    (h.rotate_left(5) ^ u64::from(b | 0x20)).wrapping_mul(0x5851_F42D_4C95_7F2D)
}

const STEM_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

impl Stems {
    fn build(folded: &[String], automaton: &contiguous::NFA) -> Stems {
        let Ok(start) = automaton.start_state(Anchored::Yes) else { return Stems::default() };
        // Group the phrases by stem, keeping first-seen order (deterministic).
        let mut order: Vec<&[u8]> = Vec::new();
        let mut groups: HashMap<&[u8], (Vec<u32>, bool), FixedState> = HashMap::with_hasher(FixedState::default());
        for (id, p) in folded.iter().enumerate() {
            let b = p.as_bytes();
            let stem = b.get(..stem_len(b)).unwrap_or(&[]);
            if stem.is_empty() {
                continue;
            }
            let g = groups.entry(stem).or_insert_with(|| {
                order.push(stem);
                (Vec::new(), false)
            });
            if stem.len() == b.len() {
                g.0.push(id as u32);
            } else {
                g.1 = true;
            }
        }
        let len = (order.len() * 2).next_power_of_two().max(2);
        let mut t = Stems { slots: vec![u32::MAX; len], shift: 64 - len.trailing_zeros(), ..Stems::default() };
        let mask = len - 1;
        for stem in order {
            let Some((exact, longer)) = groups.get(stem) else { continue };
            let key = (t.keys.len() as u32, stem.len() as u32);
            t.keys.extend_from_slice(stem);
            let hash = stem.iter().fold(STEM_SEED, |h, &b| stem_mix(h, b));
            let state = stem.iter().fold(start, |sid, &b| automaton.next_state(Anchored::Yes, sid, b));
            let from = t.exact.len() as u32;
            t.exact.extend(exact);
            let id = t.entries.len() as u32;
            t.entries.push(Stem { key, hash, state, exact: (from, t.exact.len() as u32), longer: *longer });
            t.max_len = t.max_len.max(stem.len());
            let mut i = (hash >> t.shift) as usize;
            while t.slots.get(i).is_some_and(|&s| s != u32::MAX) {
                i = (i + 1) & mask;
            }
            if let Some(slot) = t.slots.get_mut(i) {
                *slot = id;
            }
        }
        t
    }

    /// The entry of the stem that `text` opens (any case), with the stem's length. One pass:
    /// the run of ASCII letters and digits is measured and hashed together.
    fn find(&self, text: &[u8]) -> Option<(&Stem, usize)> {
        let mut h = STEM_SEED;
        let mut n = 0;
        for &b in text {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            if n == self.max_len {
                return None;
            }
            h = stem_mix(h, b);
            n += 1;
        }
        let word = text.get(..n)?;
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = (h >> self.shift) as usize;
        loop {
            let e = self.entries.get(*self.slots.get(i)? as usize)?;
            let key = self.keys.get(e.key.0 as usize..(e.key.0 + e.key.1) as usize).unwrap_or_default();
            if e.hash == h && key.len() == n && key.iter().zip(word).all(|(&k, &w)| k == w | 0x20) {
                return Some((e, n));
            }
            i = (i + 1) & mask;
        }
    }
}

/// The length of the run of ASCII letters and digits that `b` opens.
fn stem_len(b: &[u8]) -> usize {
    b.iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(b.len())
}

/// A grammar under construction: the loader adds files, then [`GrammarBuilder::build`].
#[derive(Debug, Default)]
pub struct GrammarBuilder {
    phrases: Vec<String>,
    tags: Vec<Vec<Tag>>,
    index: HashMap<String, u32>,
}

fn bad(file: &str, line: usize, message: impl Into<String>) -> GrammarError {
    GrammarError::Syntax { file: file.to_string(), line, message: message.into() }
}

fn gender(file: &str, l: &Line<'_>) -> Result<Option<Gender>, GrammarError> {
    match l.get("gender") {
        None => Ok(None),
        Some("m") => Ok(Some(Gender::Male)),
        Some("f") => Ok(Some(Gender::Female)),
        Some(v) => Err(bad(file, l.line, format!("expected gender=m or gender=f, found gender={v}"))),
    }
}

fn plural(file: &str, l: &Line<'_>) -> Result<bool, GrammarError> {
    match l.get("number") {
        None | Some("sg") => Ok(false),
        Some("pl") => Ok(true),
        Some(v) => Err(bad(file, l.line, format!("expected number=sg or number=pl, found number={v}"))),
    }
}

fn noun_kind(file: &str, l: &Line<'_>, default: NounKind) -> Result<NounKind, GrammarError> {
    Ok(match l.get("kind") {
        None => default,
        Some("person") => NounKind::Person,
        Some("org") => NounKind::Org,
        Some("group") => NounKind::Group,
        Some("document") => NounKind::Document,
        Some("work") => NounKind::Work,
        Some("venue") => NounKind::Venue,
        Some("any") => NounKind::Any,
        Some(v) => return Err(bad(file, l.line, format!("unknown kind={v}"))),
    })
}

impl GrammarBuilder {
    fn add(&mut self, phrase: &str, tag: Tag) {
        let id = match self.index.get(phrase) {
            Some(&id) => id,
            None => {
                let id = self.phrases.len() as u32;
                self.phrases.push(phrase.to_string());
                self.tags.push(Vec::new());
                self.index.insert(phrase.to_string(), id);
                id
            }
        };
        if let Some(v) = self.tags.get_mut(id as usize) {
            if !v.contains(&tag) {
                v.push(tag);
            }
        }
    }

    /// Adds the entries of one grammar file, named by its file name (`verbs.txt`).
    pub fn add_file(&mut self, name: &str, display: &str, text: &str) -> Result<(), GrammarError> {
        let lines = parse_file(text).map_err(|errs| {
            let e = errs.into_iter().next().unwrap_or(LineError { line: 0, message: "empty".into() });
            bad(display, e.line, e.message)
        })?;
        for l in &lines {
            self.add_line(name, display, l)?;
        }
        Ok(())
    }

    fn add_line(&mut self, name: &str, file: &str, l: &Line<'_>) -> Result<(), GrammarError> {
        match name {
            "verbs.txt" => {
                let stance = match l.get("stance") {
                    None | Some("neutral") => Stance::Neutral,
                    Some("loaded") => Stance::Loaded,
                    Some(v) => return Err(bad(file, l.line, format!("expected stance=neutral or stance=loaded, found stance={v}"))),
                };
                let kind = match l.get("kind") {
                    None | Some("speech") => VerbKind::Speech,
                    Some("finding") => VerbKind::Finding,
                    Some("manner") => VerbKind::Manner,
                    Some("naming") => VerbKind::Naming,
                    Some("evaluative") => VerbKind::Evaluative,
                    Some(v) => return Err(bad(file, l.line, format!("expected kind=speech|finding|manner|naming|evaluative, found kind={v}"))),
                };
                let split = l.flag("split");
                let request = l.flag("request");
                let mk = |form| Tag::Verb(Verb { lemma: l.phrase.clone(), form, stance, kind, split, request });
                self.add(&l.phrase, mk(VerbForm::Base));
                for f in l.get("forms").unwrap_or("").split(',').filter(|f| !f.is_empty()) {
                    let f = f.to_lowercase();
                    let form = if f.ends_with("ing") {
                        VerbForm::Ing
                    } else if f.ends_with('s') && !f.ends_with("ss") {
                        VerbForm::Third
                    } else {
                        VerbForm::Past
                    };
                    self.add(&f, mk(form));
                }
            }
            "titles.txt" => {
                let t = Title { gender: gender(file, l)?, class: l.get("class").unwrap_or("official").to_string() };
                self.add(&l.phrase, Tag::Title(t));
            }
            "nouns.txt" => {
                let n = Noun {
                    kind: noun_kind(file, l, NounKind::Person)?,
                    plural: plural(file, l)?,
                    anon: l.flag("anon"),
                    vague: l.flag("vague"),
                    gender: gender(file, l)?,
                    class: l.get("class").map(str::to_string),
                    outlet: l.flag("outlet"),
                };
                self.add(&l.phrase, Tag::Noun(n));
            }
            "anonymity.txt" => {
                let t = match l.get("type") {
                    Some("request") => AnonType::Request,
                    Some("descriptor") => AnonType::Descriptor,
                    Some("reason") => AnonType::Reason,
                    Some("reason-intro") => AnonType::ReasonIntro,
                    v => return Err(bad(file, l.line, format!("expected type=request|descriptor|reason|reason-intro, found {v:?}"))),
                };
                self.add(&l.phrase, Tag::Anon(t));
            }
            "cue-phrases.txt" => {
                let t = match l.get("type") {
                    Some("according") => CueType::According,
                    Some("reported-by") => CueType::ReportedBy,
                    Some("citing") => CueType::Citing,
                    Some("venue") => CueType::Venue,
                    v => return Err(bad(file, l.line, format!("expected type=according|reported-by|citing|venue, found {v:?}"))),
                };
                self.add(&l.phrase, Tag::Cue(t));
            }
            "outlets.txt" => self.add(&l.phrase, Tag::Outlet),
            "hedges.txt" => {
                let t = match l.get("type") {
                    Some("unsourced") => HedgeType::Unsourced,
                    Some("vague") => HedgeType::Vague,
                    v => return Err(bad(file, l.line, format!("expected type=unsourced|vague, found {v:?}"))),
                };
                self.add(&l.phrase, Tag::Hedge(t));
            }
            "abbreviations.txt" => self.add(&l.phrase, Tag::Abbrev),
            "first-names.txt" => match gender(file, l)? {
                Some(g) => self.add(&l.phrase, Tag::FirstName(g)),
                None => return Err(bad(file, l.line, "expected gender=m or gender=f")),
            },
            "pronouns.txt" => {
                let p = Pronoun {
                    gender: gender(file, l)?,
                    plural: plural(file, l)?,
                    kind: noun_kind(file, l, NounKind::Any)?,
                    person: l.get("person").and_then(|v| v.parse().ok()).unwrap_or(3),
                };
                self.add(&l.phrase, Tag::Pronoun(p));
            }
            "function-words.txt" => {
                let ty = match l.get("type") {
                    Some("determiner") => FuncType::Determiner,
                    Some("demonstrative") => FuncType::Demonstrative,
                    Some("connective") => FuncType::Connective,
                    Some("adverb") => FuncType::Adverb,
                    Some("auxiliary") => FuncType::Auxiliary,
                    Some("preposition") => FuncType::Preposition,
                    Some("complementizer") => FuncType::Complementizer,
                    Some("negation") => FuncType::Negation,
                    Some("modal") => FuncType::Modal,
                    v => return Err(bad(file, l.line, format!("unknown function word type {v:?}"))),
                };
                let f = Func {
                    ty,
                    definite: l.flag("def"),
                    plural: plural(file, l)?,
                    article: l.flag("article"),
                    relative: l.flag("relative"),
                    coordinator: l.flag("coordinator"),
                };
                self.add(&l.phrase, Tag::Func(f));
            }
            other => return Err(GrammarError::UnknownFile { file: other.to_string(), known: BUILTIN.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ") }),
        }
        Ok(())
    }

    /// Adds every `*.txt` file of a user folder; each must have the name of a built-in file.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), GrammarError> {
        let io = |source| GrammarError::Io { path: dir.to_path_buf(), source };
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(dir).map_err(io)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
        files.sort();
        for path in files {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            if !BUILTIN.iter().any(|(n, _)| *n == name) {
                return Err(GrammarError::UnknownFile {
                    file: path.display().to_string(),
                    known: BUILTIN.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "),
                });
            }
            let text = std::fs::read_to_string(&path).map_err(|source| GrammarError::Io { path: path.clone(), source })?;
            self.add_file(&name, &path.display().to_string(), &text)?;
        }
        Ok(())
    }

    /// Builds the automaton.
    pub fn build(self) -> Grammar {
        // One automaton over every phrase of every file, walked anchored, with `Standard` semantics so that a
        // walk from a token start meets every phrase starting there, short and long ("in" and
        // "in a statement"), in one pass that stops at the first dead state. A contiguous NFA,
        // not a DFA: as fast to walk here, a fraction of the size (it stays in cache) and five
        // times quicker to build at start-up (see ARCHITECTURE.md).
        // Phrases are folded to ASCII lower case here and text bytes in the walk, which is the
        // same match as `ascii_case_insensitive` with half the transitions per state.
        let folded: Vec<String> = self.phrases.iter().map(|p| p.to_ascii_lowercase()).collect();
        let automaton = contiguous::Builder::new().match_kind(MatchKind::Standard).build(&folded);
        // Building only fails past internal size limits, which these word lists are far from.
        #[allow(clippy::expect_used)]
        let automaton = automaton.expect("lexicon automaton within aho-corasick size limits");
        let stems = Stems::build(&folded, &automaton);
        let classes = self.tags.iter().map(|tags| tags.iter().fold((0, 0), |(s, w), t| (s | TokClass::starts(t), w | TokClass::of(t)))).collect();
        Grammar { phrases: self.phrases, tags: self.tags, index: self.index, automaton, classes, stems }
    }
}

impl Grammar {
    /// A builder holding the built-in files.
    pub fn builtin_builder() -> GrammarBuilder {
        let mut b = GrammarBuilder::default();
        for (name, text) in BUILTIN {
            // The built-in files are checked by the test suite; a failure here is a build bug,
            // and it still must not panic at run time, so a bad file is skipped.
            let _ = b.add_file(name, &format!("grammars/{name}"), text);
        }
        b
    }

    /// The built-in grammar, parsed once per process.
    pub fn builtin() -> &'static Grammar {
        static G: OnceLock<Grammar> = OnceLock::new();
        G.get_or_init(|| Grammar::builtin_builder().build())
    }

    /// The built-in grammar extended by the files of user folders.
    pub fn with_dirs(dirs: &[PathBuf]) -> Result<Grammar, GrammarError> {
        let mut b = Grammar::builtin_builder();
        for d in dirs {
            b.add_dir(d)?;
        }
        Ok(b.build())
    }

    /// Tags of a pattern id.
    pub fn tag(&self, pattern: u32) -> &[Tag] {
        self.tags.get(pattern as usize).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The [`TokClass`] bits of a pattern's tags: `(starts, whole)`, for a phrase starting
    /// at a token and for a phrase that is the token.
    pub fn classes(&self, pattern: u32) -> (u32, u32) {
        self.classes.get(pattern as usize).copied().unwrap_or((0, 0))
    }

    /// The phrase of a pattern id.
    pub fn phrase(&self, pattern: u32) -> &str {
        self.phrases.get(pattern as usize).map(String::as_str).unwrap_or("")
    }

    /// Tags of an exact phrase (lower case).
    pub fn tags_of(&self, phrase: &str) -> &[Tag] {
        self.index.get(phrase).map(|&i| self.tag(i)).unwrap_or(&[])
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Whether the grammar has no phrases.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Every phrase that starts at byte `at` of `text` and ends at a word boundary, shortest first.
    pub fn lookup(&self, text: &str, at: usize) -> Vec<Hit> {
        let mut out = Vec::new();
        self.lookup_into(text, at, &mut out);
        out
    }

    /// As [`Grammar::lookup`], appending to `out` (no allocation on the hot path).
    pub fn lookup_into(&self, text: &str, at: usize, out: &mut Vec<Hit>) {
        let bytes = text.as_bytes();
        let Some(tail) = bytes.get(at..) else { return };
        let a = &self.automaton;
        let Ok(start) = a.start_state(Anchored::Yes) else { return };
        // A phrase matching here has the same stem as the text: the stem of a phrase ends at its
        // first byte that is not an ASCII letter or digit, which the text must repeat, or at the
        // phrase's end, where the word must end too. So the stem is looked up, not walked, and no
        // phrase ends inside it (it would end inside a word).
        let opens_stem = tail.first().is_some_and(u8::is_ascii_alphanumeric);
        let (mut sid, from) = if !opens_stem {
            (start, 0)
        } else {
            let Some((e, stem)) = self.stems.find(tail) else { return };
            let end = at + stem;
            if e.exact.0 < e.exact.1 && is_boundary(bytes, end) {
                for &pattern in self.stems.exact.get(e.exact.0 as usize..e.exact.1 as usize).unwrap_or(&[]) {
                    out.push(Hit { pattern, end });
                }
            }
            if !e.longer {
                return;
            }
            (e.state, stem)
        };
        for (k, &byte) in tail.iter().enumerate().skip(from) {
            sid = a.next_state(Anchored::Yes, sid, byte.to_ascii_lowercase());
            if a.is_dead(sid) {
                break;
            }
            if a.is_match(sid) {
                self.emit(bytes, at, k, sid, out);
            }
        }
    }

    /// Appends the phrases starting at `at` that end with byte `at + k` in match state `sid`,
    /// if a word ends there.
    fn emit(&self, bytes: &[u8], at: usize, k: usize, sid: StateID, out: &mut Vec<Hit>) {
        let a = &self.automaton;
        let end = at + k + 1;
        if !is_boundary(bytes, end) {
            return;
        }
        for i in 0..a.match_len(sid) {
            let pid = a.match_pattern(sid, i);
            // Match states also carry suffix matches; keep phrases that start at `at`.
            if self.phrases.get(pid.as_usize()).is_some_and(|p| p.len() == k + 1) {
                out.push(Hit { pattern: pid.as_u32(), end });
            }
        }
    }
}

/// Whether a word can end at byte `end`: after a period, or before a byte that does not go on
/// a word (not an ASCII letter or digit, nor a non-ASCII letter).
fn is_boundary(bytes: &[u8], end: usize) -> bool {
    match bytes.get(end) {
        None => true,
        Some(&c) => bytes.get(end.wrapping_sub(1)) == Some(&b'.') || !(c.is_ascii_alphanumeric() || (c >= 0x80 && !is_punct_start(bytes, end))),
    }
}

/// Whether the non-ASCII character at `at` is punctuation (curly quotes, dashes), so it ends a word.
fn is_punct_start(bytes: &[u8], at: usize) -> bool {
    let tail = bytes.get(at..at + 3).unwrap_or(&[]);
    matches!(tail, [0xE2, 0x80, _] | [0xC2, 0xAB | 0xBB, ..])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in file parses, is sorted by phrase and has no duplicate phrase.
    #[test]
    fn builtin_files_parse_sorted_unique() {
        for (name, text) in BUILTIN {
            let lines = parse_file(text).unwrap_or_else(|e| panic!("grammars/{name}:{}: {}", e[0].line, e[0].message));
            assert!(!lines.is_empty(), "{name} is empty");
            for w in lines.windows(2) {
                assert!(w[0].phrase < w[1].phrase, "grammars/{name}:{}: {:?} is not sorted after {:?} (or duplicates it)", w[1].line, w[1].phrase, w[0].phrase);
            }
            let mut b = GrammarBuilder::default();
            b.add_file(name, name, text).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    /// The hits of a plain automaton walk from `at`, without the stem table: what
    /// `lookup_into` must find.
    fn walk(g: &Grammar, text: &str, at: usize) -> Vec<Hit> {
        let mut out = Vec::new();
        let a = &g.automaton;
        let Ok(mut sid) = a.start_state(Anchored::Yes) else { return out };
        for (k, &byte) in text.as_bytes().get(at..).unwrap_or(&[]).iter().enumerate() {
            sid = a.next_state(Anchored::Yes, sid, byte.to_ascii_lowercase());
            if a.is_dead(sid) {
                break;
            }
            if a.is_match(sid) {
                g.emit(text.as_bytes(), at, k, sid, &mut out);
            }
        }
        out.sort_by_key(|h| (h.end, h.pattern));
        out
    }

    /// The stem table changes how phrases are found, not which: at every character of a news
    /// story, of every phrase of the lexicon, and of odd shapes (case, digits, periods,
    /// hyphens, curly apostrophes, non-ASCII letters), the lookup equals the plain walk.
    #[test]
    fn stem_table_finds_what_the_automaton_walk_finds() {
        let g = Grammar::builtin();
        let mut texts = vec![
            include_str!("../../examples/wire-story.txt").to_string(),
            "GOV. Hale, Dr.Ng, U.S.-based In-house TOLD x2 said— “Said” said’s naïve Émile 42nd 1,000 $5 According to, citing-people".to_string(),
        ];
        texts.push(g.phrases.join(" | "));
        texts.push(g.phrases.iter().map(|p| p.to_ascii_uppercase()).collect::<Vec<_>>().join("x "));
        let mut hits = 0;
        for text in &texts {
            for (at, _) in text.char_indices() {
                let mut got = g.lookup(text, at);
                got.sort_by_key(|h| (h.end, h.pattern));
                let want = walk(g, text, at);
                assert_eq!(got, want, "at byte {at} of {:?}", text.get(at..at + 30).unwrap_or(""));
                hits += got.len();
            }
        }
        assert!(hits > 5_000, "the texts exercise the lexicon ({hits} hits)");
    }

    #[test]
    fn lookup_finds_short_and_long_phrases_at_word_boundaries() {
        let g = Grammar::builtin();
        let text = "in a statement, she said";
        let hits: Vec<&str> = g.lookup(text, 0).iter().map(|h| &text[..h.end]).collect();
        assert!(hits.contains(&"in"), "{hits:?}");
        assert!(hits.contains(&"in a statement"), "{hits:?}");
        assert!(g.lookup("sayings", 0).iter().all(|h| h.end != 3), "no match inside a word");
        assert!(g.lookup("Gov. Hale", 0).iter().any(|h| h.end == 4));
    }

    #[test]
    fn user_file_errors_name_file_and_line() {
        let mut b = Grammar::builtin_builder();
        let e = b.add_file("verbs.txt", "house/verbs.txt", "grumble forms=grumbles stance=angry\n").unwrap_err();
        assert_eq!(e.to_string(), "house/verbs.txt:1: expected stance=neutral or stance=loaded, found stance=angry");
        let e = b.add_file("verbs.txt", "house/verbs.txt", "# ok\nok\nbad x=1 y\n").unwrap_err();
        assert!(e.to_string().starts_with("house/verbs.txt:3: "), "{e}");
    }

    #[test]
    fn user_files_extend_the_builtin_ones() {
        let mut b = Grammar::builtin_builder();
        b.add_file("verbs.txt", "house/verbs.txt", "harrumph forms=harrumphs,harrumphed,harrumphing stance=loaded\n").unwrap();
        let g = b.build();
        assert!(matches!(g.tags_of("harrumphed").first(), Some(Tag::Verb(v)) if v.stance == Stance::Loaded));
        assert!(!g.tags_of("said").is_empty());
    }
}
