//! Word classes as data: the files in `grammars/`, embedded at build time, parsed once, and
//! extendable by a user folder through the same loader.
//!
//! ```
//! use quotecheck::grammar::Tag;
//!
//! let g = quotecheck::Grammar::builtin();
//! let hits = g.lookup("said Hayashi", 0);
//! assert!(hits.iter().any(|h| matches!(g.tag(h.pattern).first(), Some(Tag::Verb(_)))));
//! ```

pub mod furniture;
mod parse;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{nfa::contiguous, Anchored, MatchKind};
use foldhash::fast::FixedState;

pub use furniture::{FurnitureKind, FurnitureLexicon};
pub use parse::{parse_file, Line, LineError, MAX_LINE_BYTES, MAX_PHRASE_BYTES, MAX_PHRASE_WORDS};

/// The built-in grammar files, in load order.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "abbreviations.txt",
        include_str!("../../grammars/abbreviations.txt"),
    ),
    (
        "anonymity.txt",
        include_str!("../../grammars/anonymity.txt"),
    ),
    (
        "cue-phrases.txt",
        include_str!("../../grammars/cue-phrases.txt"),
    ),
    (
        "first-names.txt",
        include_str!("../../grammars/first-names.txt"),
    ),
    (
        "function-words.txt",
        include_str!("../../grammars/function-words.txt"),
    ),
    (
        "furniture.txt",
        include_str!("../../grammars/furniture.txt"),
    ),
    ("hedges.txt", include_str!("../../grammars/hedges.txt")),
    ("nouns.txt", include_str!("../../grammars/nouns.txt")),
    ("outlets.txt", include_str!("../../grammars/outlets.txt")),
    ("places.txt", include_str!("../../grammars/places.txt")),
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
    /// The precise word for a legal or factual act, not a judgement: `alleged` (what an
    /// indictment does), `denied`, `accused`, `charged`. Neutral in a report.
    Precise,
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
    /// Belief or expectation (`believe`, `fear`, `expect`): credits its subject with a claim
    /// held, not said. Tagged [`Tag::Belief`], never [`Tag::Verb`], so the syntax and the
    /// speech constructions do not see it; its clause is a unit of kind `belief`.
    Belief,
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
    /// Whether a to-infinitive after it (after its object, for a request) is what the act
    /// was about ("vowed to scrap the tax", "urged residents to boil water").
    pub infinitive: bool,
    /// The prepositions that introduce its content right after it ("called for an inquiry",
    /// "called on the mayor to resign", "spoke about the budget"), lower case.
    pub particles: Vec<String>,
    /// Whether it takes a noun-phrase object as readily as a clause ("confirmed the deal",
    /// "recalled 80,000 cars"): a complement without "that" is a reported clause only when a
    /// verb is in it ("confirmed the deal was off").
    pub object: bool,
    /// Whether its base form is also a modifier before a title or a noun ("state Sen. Rick
    /// Alvarez", "state media"), and then no cue.
    pub modifier: bool,
    /// Whether a finite form after a bare "and" is the speaker's next act, which ends the
    /// reported clause before it ("said the result was a disgrace and urged fans to stay calm").
    pub act: bool,
    /// Whether it takes "it" (and how) before the quotation it attributes: "as one analyst put
    /// it", "she put it bluntly: …".
    pub it: bool,
    /// Whether its object is the hearer, before the clause ("told reporters that …", "told
    /// Reuters", "briefed the committee"): an outlet there is a link of the chain.
    pub hearer: bool,
    /// Whether only a document speaks with it ("the statement read", "the letter reads"): a
    /// sign or a card that reads something is nobody's words.
    pub document: bool,
    /// Whether it takes a reported clause (`clause=no`: only a quotation or its particle's
    /// object, "spoke about the budget"; "spoke for an hour, a long time …" reports nothing).
    pub clause: bool,
}

impl Verb {
    /// Whether word `w` is one of its particles (`particle=` in verbs.txt), in any case.
    pub fn takes_particle(&self, w: &str) -> bool {
        self.particles.iter().any(|p| w.eq_ignore_ascii_case(p))
    }
}

/// Grammatical gender as the text shows it.
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
    /// The word an abbreviated title stands for (`capt.`: `captain`), which a later role
    /// names ("the fire captain" after "Fire Capt. Nadia Orlov").
    pub full: Option<String>,
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
    /// A word for a business (`company`, `bank`): "the company" names any firm the story has
    /// named, whatever its name's words.
    pub firm: bool,
    /// A word for any business whatever its trade (`company`, `operator`): the lede's "its
    /// operator" is the business the next paragraph names.
    pub generic: bool,
    /// A word for a public body (`agency`, `commission`, `department`): "the agency" names an
    /// organisation the story has named whose name's head is one ("the Consumer Data
    /// Commission").
    pub public: bool,
    /// A word of a labour union (`union`, and the words union names hold: `workers`,
    /// `employees`): "the union" names the organisation the story has named whose name holds
    /// one ("the Food and Distribution Workers' Alliance").
    pub labour: bool,
    /// An epithet for a person the story has named (`dutchman`, `teenager`): "the Dutchman"
    /// names the most salient named person it fits, not a role of its own.
    pub epithet: bool,
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
    /// A venue naming who heard the words right after it (`in an interview with`, `speaking
    /// to`): an outlet there relays them.
    HearerVenue,
    /// A venue whose own last noun passed the words on (`through a spokesperson`, `through his
    /// lawyer`): a link of the chain.
    RelayVenue,
    /// `went on to`, `was quick to`: a phrase ending in "to" before a speech verb that still
    /// makes a claim of its subject's ("went on to say that …"; not "declined to say").
    LeadIn,
    /// A noun naming a claim, whose owner made it and whose "that" clause is its content ("his
    /// claim that …", "the senator's assertion that …").
    Noun,
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
    /// An object pronoun (`him`, `them`): never a subject, so never a speaker where it stands;
    /// it names one in "quoted him as saying" and "one of them said".
    pub object: bool,
    /// A possessive determiner (`his`, `their`): an object pronoun that is no word of its
    /// own to the syntax, read only as the owner of a role ("his office said").
    pub possessive: bool,
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
    /// `nothing`, `little`: a quantity standing alone, the object of "said" rather than the
    /// subject of a reported clause ("said little about the fire").
    Quantity,
    /// `former`, `shadow`, `deputy`: a word that makes a title name someone other than the
    /// holder of the bare title ("the shadow chancellor" is not "the chancellor"). Not a closed
    /// class for the phrase parsers: it carries no `FUNC` bit, so it stays a modifier there.
    Qualifier,
    /// `him`, `them`: an object pronoun (`case=object` in pronouns.txt), never a subject; its
    /// token carries this class and no pronoun class.
    Object,
    /// `Monday`, `yesterday`, `afterwards`: a word naming when, which opens a time phrase
    /// after a cue ("said Monday the plan …"). Like a qualifier, it carries no `FUNC` bit;
    /// words of another type take this class too with `time=yes` ("earlier", "this").
    Time,
    /// `week`, `month`, `morning`: a unit of time, which closes a time phrase ("said this
    /// week", "said on Tuesday morning"). No `FUNC` bit either.
    TimeUnit,
    /// `fell`, `rose`, `began`: an irregular past form of a common verb (not a speech verb),
    /// the verb of a reported clause ("said prices fell"). Like a qualifier, it carries no
    /// `FUNC` bit: the phrase parsers do not see it ("Rose Lund" is still a name).
    Past,
    /// `de`, `van`, `al`: a lower-case particle that goes on inside a name ("de Souza", "von
    /// der Leyen", "al-Warfalli"). No `FUNC` bit.
    Particle,
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
    /// A determiner of unspecified size (`some`, `many`): "some economists" is a vague group.
    pub vague: bool,
    /// A form of "be" (`was`, `been`): before a participle, a passive.
    pub be: bool,
    /// A determiner that stands alone for one of a group just named: "One said", "Another said".
    pub alone: bool,
    /// Also a time word ([`FuncType::Time`]): "earlier", "last", "this".
    pub time: bool,
    /// A modal of permission (`could`, `may`): "asked if he could …" asks leave.
    pub permission: bool,
    /// A connective of contrast (`although`, `even though`, `whereas`): the clause it opens
    /// after a reported clause, with an attribution of its own, is the story's ("said the
    /// country was in a recession even though official figures show growth").
    pub contrast: bool,
    /// A word before a speech verb's -ing form that makes it an act of the clause's subject
    /// (`by`, `after`, `while`): "responded by saying …".
    pub gerund: bool,
    /// A word that opens a clause, and the subject after it, whatever the tagger calls it
    /// (`as`: "As Dana Whitt, a senior senator, put it").
    pub opener: bool,
    /// A connective that, after a verb whose quotation came before it, opens the verb's tail,
    /// not a reported question (`when`, `while`, `as`: '"…," she said when a reporter asked').
    pub tail: bool,
    /// A preposition that takes two nouns joined by "and" (`between`): the verb after them is
    /// the clause's own, no coordinated clause's.
    pub pair: bool,
    /// A determiner that may float after the noun phrase it counts, before its verb (`both`,
    /// `all`, `each`): "The captains both said …".
    pub float: bool,
}

/// What a lexicon phrase is: one phrase may carry several tags (`president`: title and noun).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tag {
    /// A speech verb form.
    Verb(Verb),
    /// A verb of belief (`kind=belief` in `verbs.txt`).
    Belief(Verb),
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
    /// A country or capital that speaks for its government.
    Place(PlaceKind),
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

/// What a place in `places.txt` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A country (`Japan`, `the United States`).
    Country,
    /// A capital city standing for its government (`Moscow said`).
    Capital,
    /// A state, province or territory standing for its government (`Texas sued`).
    Region,
}

/// What a phrase of `hedges.txt` tells the checker: a hedge it flags, or a word around a
/// finding that decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HedgeType {
    /// Hearsay with no named source: `reportedly`, `is said to`.
    Unsourced,
    /// A claim credited to nobody in particular: `it is widely believed`.
    Vague,
    /// A legal hedge (`allegedly`): unsourced unless a legal act anchors it.
    Legal,
    /// A legal act that a legal hedge hangs on: `charged with allegedly paying`.
    Anchor,
    /// A loaded verb in a set phrase that attributes nothing or is the precise word:
    /// `claimed responsibility`, `conceded defeat`.
    SetPhrase,
    /// Words before quotation marks that are not speech: `a sign reading`, `the phrase`.
    NotSpeech,
    /// A group a story places (`residents`, `parents`) or has just named (`others`): "some
    /// residents said" is neither a weasel group nor an anonymous source.
    Group,
    /// Words that name an unnamed source after its description: `named`, `identified as`.
    Names,
    /// People the story found at a place named after the words (`people at`, `people near`):
    /// a placed group, unless the place is an organisation ("people at the agency").
    Place,
    /// A plural noun the checker reads as a weasel group when it opens a claim, though the
    /// analysis does not (`scientists`, `researchers`: "Scientists say …").
    Weasel,
    /// Words with which the reporting establishes that a claim is false (`in fact`, `offered
    /// no evidence`, `falsely`): a loaded verb there reports what the story has established.
    Rebuttal,
}

/// Bits of [`crate::text::Token::class`]: whether a word is capitalised, and which classes of tags
/// its one-word lexicon phrases carry (the tags [`crate::text::Doc::word_tags`] yields). Computed
/// once when the document is read, so the constructions test a bit instead of walking the tags.
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
    /// A verb of belief (`kind=belief`): no speech verb, but one that takes a clause.
    pub const BELIEF: u32 = 1 << 7;
    /// A verb that takes a clause: a speech verb or a verb of belief.
    pub const CLAUSE_VERB: u32 = TokClass::VERB | TokClass::BELIEF;
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
    /// A phrase starting at the token is a place (`places.txt`).
    pub const STARTS_PLACE: u32 = 1 << 30;

    /// `FUNC` and the bits of the closed-class types (not the time words, nor the qualifier and
    /// past forms, which carry no `FUNC` bit).
    pub const CLOSED: u32 = {
        let mut bits = TokClass::FUNC;
        let mut ty = 0;
        while ty <= FuncType::Object as u32 {
            if ty != FuncType::Qualifier as u32 {
                bits |= 1 << (8 + ty);
            }
            ty += 1;
        }
        bits
    };

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
            Tag::Place(_) => TokClass::STARTS_PLACE,
            Tag::Anon(_) => TokClass::STARTS_ANON,
            Tag::Cue(_) => TokClass::STARTS_CUE,
            Tag::Pronoun(p) if p.object => 0,
            Tag::Pronoun(_) => TokClass::STARTS_PRONOUN,
            _ => 0,
        }
    }

    /// The bits of one tag, for a phrase that is the token itself.
    pub fn of(tag: &Tag) -> u32 {
        match tag {
            Tag::Verb(_) => TokClass::VERB,
            Tag::Belief(_) => TokClass::BELIEF,
            Tag::Title(_) => TokClass::TITLE,
            Tag::Noun(_) => TokClass::NOUN,
            Tag::Pronoun(p) if p.possessive => 0,
            Tag::Pronoun(p) if p.object => TokClass::FUNC | TokClass::func(FuncType::Object),
            Tag::Pronoun(_) => TokClass::PRONOUN,
            Tag::FirstName(_) => TokClass::FIRST_NAME,
            Tag::Func(f)
                if matches!(
                    f.ty,
                    FuncType::Qualifier
                        | FuncType::Past
                        | FuncType::Time
                        | FuncType::TimeUnit
                        | FuncType::Particle
                ) =>
            {
                TokClass::func(f.ty)
            }
            Tag::Func(f) if f.time => {
                TokClass::FUNC | TokClass::func(f.ty) | TokClass::func(FuncType::Time)
            }
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
    index: HashMap<String, u32, FixedState>,
    automaton: contiguous::NFA,
    /// The [`TokClass`] bits of each pattern's tags: for a phrase starting at a token, and
    /// for a phrase that is the token. Read for every word, so kept apart from the tags.
    classes: Vec<(u32, u32)>,
    /// The automaton's state after each phrase's first run of ASCII letters and digits (its
    /// "stem", lower case), so a walk starts from a table lookup instead of a byte-by-byte
    /// walk of the word, and a word whose stem starts no phrase is rejected at once.
    stems: Stems,
    /// The page-furniture phrases.
    furniture: FurnitureLexicon,
}

/// The stems of the phrases: an open-addressing hash table from a lower-case stem to the
/// automaton state after it, the phrases that are exactly the stem, and whether any phrase goes
/// on past it. A stem is read a machine word at a time: its first sixteen bytes, folded to lower
/// case, are two `u64`s that are both the hash's input and the key compared, so a lookup costs
/// two loads, one multiply and one probe, whatever the word's length.
#[derive(Debug, Default)]
struct Stems {
    /// A 16-bit fingerprint of each slot's stem (zero: empty), a power of two long: probed
    /// first, so a word that starts no phrase is rejected from this small table (it stays in
    /// cache) without reading an entry.
    prints: Vec<u16>,
    /// The entries, parallel to `prints`.
    slots: Vec<Stem>,
    /// The bytes past the sixteenth of the long stems, end to end.
    rest: Vec<u8>,
    /// Pattern ids of the phrases that are exactly a stem, in ranges named by the entries.
    exact: Vec<u32>,
    /// The longest stem.
    max_len: usize,
    /// `64 - log2(slots.len())`: a slot is the top bits of a hash (the well-mixed ones).
    shift: u32,
}

#[derive(Debug, Default, Clone)]
struct Stem {
    /// The stem's first sixteen bytes, lower case, little-endian, zero-padded.
    head: [u64; 2],
    /// Its bytes past the sixteenth: `rest[tail.0..tail.1]`.
    tail: (u32, u32),
    len: u32,
    state: StateID,
    exact: (u32, u32),
    longer: bool,
}

/// Lower-cases the ASCII letters of a little-endian word of letters and digits (`| 0x20` turns
/// an upper-case letter into its lower case and leaves a digit as it is), keeping its first
/// `n` bytes (`n <= 8`) and zeroing the rest.
fn fold_word(w: u64, n: usize) -> u64 {
    let keep = if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    };
    (w | 0x2020_2020_2020_2020) & keep
}

/// Bytes `from..from + n` of `b` (`n <= 8`, in range) as a little-endian word, zero-padded.
fn load_word(b: &[u8], from: usize, n: usize) -> u64 {
    if let Some(w) = b
        .get(from..from + 8)
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
    {
        return u64::from_le_bytes(w);
    }
    b.get(from..from + n)
        .unwrap_or_default()
        .iter()
        .rev()
        .fold(0, |w, &x| (w << 8) | u64::from(x))
}

/// The hash of a stem of `n` bytes whose folded head is `head`.
fn stem_hash(head: [u64; 2], n: usize) -> u64 {
    (head[0] ^ head[1].rotate_left(29) ^ (n as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ head[1].wrapping_mul(0x5851_F42D_4C95_7F2D)
}

/// A slot's fingerprint of a hash: sixteen of its middle bits (the top ones name the slot),
/// never zero.
fn fingerprint(hash: u64) -> u16 {
    (hash >> 32) as u16 | 1
}

/// The folded head of the stem of `n` bytes at `b[from..]`.
fn stem_head(b: &[u8], from: usize, n: usize) -> [u64; 2] {
    let n0 = n.min(8);
    let n1 = n.saturating_sub(8).min(8);
    let w0 = fold_word(load_word(b, from, n0), n0);
    let w1 = if n1 == 0 {
        0
    } else {
        fold_word(load_word(b, from + 8, n1), n1)
    };
    [w0, w1]
}

impl Stems {
    fn build(folded: &[String], automaton: &contiguous::NFA) -> Stems {
        let Ok(start) = automaton.start_state(Anchored::Yes) else {
            return Stems::default();
        };
        // Group the phrases by stem, keeping first-seen order (deterministic).
        let mut order: Vec<&[u8]> = Vec::new();
        let mut groups: HashMap<&[u8], (Vec<u32>, bool), FixedState> =
            HashMap::with_hasher(FixedState::default());
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
        // At most half full, so probe runs stay short.
        let len = (order.len() * 2).next_power_of_two().max(2);
        let mut t = Stems {
            prints: vec![0; len],
            slots: vec![Stem::default(); len],
            shift: 64 - len.trailing_zeros(),
            ..Stems::default()
        };
        let mask = len - 1;
        for stem in order {
            let Some((exact, longer)) = groups.get(stem) else {
                continue;
            };
            let n = stem.len();
            let head = stem_head(stem, 0, n);
            let from = t.rest.len() as u32;
            t.rest.extend_from_slice(stem.get(16..).unwrap_or_default());
            let state = stem
                .iter()
                .fold(start, |sid, &b| automaton.next_state(Anchored::Yes, sid, b));
            let efrom = t.exact.len() as u32;
            t.exact.extend(exact);
            let entry = Stem {
                head,
                tail: (from, t.rest.len() as u32),
                len: n as u32,
                state,
                exact: (efrom, t.exact.len() as u32),
                longer: *longer,
            };
            t.max_len = t.max_len.max(n);
            let hash = stem_hash(head, n);
            let mut i = (hash >> t.shift) as usize;
            while t.prints.get(i).is_some_and(|&p| p != 0) {
                i = (i + 1) & mask;
            }
            if let (Some(p), Some(slot)) = (t.prints.get_mut(i), t.slots.get_mut(i)) {
                *p = fingerprint(hash);
                *slot = entry;
            }
        }
        t
    }

    /// The entry of the stem of `n` bytes at `b[from..]` (any case; `n` counts the run of ASCII
    /// letters and digits there).
    fn find(&self, b: &[u8], from: usize, n: usize) -> Option<&Stem> {
        if n == 0 || n > self.max_len {
            return None;
        }
        let head = stem_head(b, from, n);
        let mask = self.slots.len().checked_sub(1)?;
        let hash = stem_hash(head, n);
        let print = fingerprint(hash);
        let mut i = (hash >> self.shift) as usize;
        loop {
            let p = *self.prints.get(i)?;
            if p == 0 {
                return None;
            }
            let Some(e) = self.slots.get(i).filter(|_| p == print) else {
                i = (i + 1) & mask;
                continue;
            };
            if e.head == head
                && e.len as usize == n
                && (n <= 16 || self.tail_matches(e, b, from + 16, from + n))
            {
                return Some(e);
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether the bytes past the sixteenth of a long stem are `b[from..to]` (any case).
    // Out of line: few stems are this long, and the common path stays short.
    #[cold]
    #[inline(never)]
    fn tail_matches(&self, e: &Stem, b: &[u8], from: usize, to: usize) -> bool {
        let text = b.get(from..to).unwrap_or_default();
        let key = self
            .rest
            .get(e.tail.0 as usize..e.tail.1 as usize)
            .unwrap_or_default();
        key.len() == text.len() && key.iter().zip(text).all(|(&k, &w)| k == w | 0x20)
    }
}

/// The length of the run of ASCII letters and digits that `b` opens.
fn stem_len(b: &[u8]) -> usize {
    b.iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(b.len())
}

/// A grammar under construction: the loader adds files, then [`GrammarBuilder::build`].
#[derive(Debug, Default)]
pub struct GrammarBuilder {
    phrases: Vec<String>,
    tags: Vec<Vec<Tag>>,
    index: HashMap<String, u32, FixedState>,
    /// The page-furniture phrases: not in the automaton (see [`FurnitureLexicon`]).
    furniture: FurnitureLexicon,
}

fn bad(file: &str, line: usize, message: impl Into<String>) -> GrammarError {
    GrammarError::Syntax {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// The value of attribute `key`, one of `choices` (as written, and its meaning); otherwise an
/// error that lists them: `expected type=unsourced|vague, found Some("x")`.
fn choice<T: Copy>(
    file: &str,
    l: &Line<'_>,
    key: &str,
    choices: &[(&str, T)],
) -> Result<T, GrammarError> {
    let v = l.get(key);
    choices
        .iter()
        .find(|(name, _)| Some(*name) == v)
        .map(|&(_, t)| t)
        .ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
            bad(
                file,
                l.line,
                format!("expected {key}={}, found {v:?}", names.join("|")),
            )
        })
}

fn gender(file: &str, l: &Line<'_>) -> Result<Option<Gender>, GrammarError> {
    match l.get("gender") {
        None => Ok(None),
        Some("m") => Ok(Some(Gender::Male)),
        Some("f") => Ok(Some(Gender::Female)),
        Some(v) => Err(bad(
            file,
            l.line,
            format!("expected gender=m or gender=f, found gender={v}"),
        )),
    }
}

/// The largest grammar file, in bytes: a house list of tens of thousands of names is a few
/// megabytes.
pub const MAX_FILE_BYTES: usize = 16 << 20;

fn too_large(file: &str, size: u64) -> GrammarError {
    GrammarError::Syntax {
        file: file.to_string(),
        line: 0,
        message: format!("{size} bytes is over the {MAX_FILE_BYTES}-byte limit of a grammar file"),
    }
}

fn plural(file: &str, l: &Line<'_>) -> Result<bool, GrammarError> {
    match l.get("number") {
        None | Some("sg") => Ok(false),
        Some("pl") => Ok(true),
        Some(v) => Err(bad(
            file,
            l.line,
            format!("expected number=sg or number=pl, found number={v}"),
        )),
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

/// The `UnknownFile` error for a file named `file`, listing the built-in file names.
fn unknown_file(file: String) -> GrammarError {
    GrammarError::UnknownFile {
        file,
        known: BUILTIN
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A verb line's `stance` (neutral when absent).
fn verb_stance(file: &str, l: &Line<'_>) -> Result<Stance, GrammarError> {
    match l.get("stance") {
        None | Some("neutral") => Ok(Stance::Neutral),
        Some("loaded") => Ok(Stance::Loaded),
        Some("precise") => Ok(Stance::Precise),
        Some(v) => Err(bad(
            file,
            l.line,
            format!("expected stance=neutral|loaded|precise, found stance={v}"),
        )),
    }
}

/// A verb line's `kind` (speech when absent).
fn verb_kind(file: &str, l: &Line<'_>) -> Result<VerbKind, GrammarError> {
    match l.get("kind") {
        None | Some("speech") => Ok(VerbKind::Speech),
        Some("finding") => Ok(VerbKind::Finding),
        Some("manner") => Ok(VerbKind::Manner),
        Some("naming") => Ok(VerbKind::Naming),
        Some("evaluative") => Ok(VerbKind::Evaluative),
        Some("belief") => Ok(VerbKind::Belief),
        Some(v) => Err(bad(
            file,
            l.line,
            format!("expected kind=speech|finding|manner|naming|evaluative|belief, found kind={v}"),
        )),
    }
}

/// The form of a verb form listed in `forms=` (lower case), by its ending.
fn verb_form(f: &str) -> VerbForm {
    if f.ends_with("ing") {
        VerbForm::Ing
    } else if f.ends_with('s') && !f.ends_with("ss") {
        VerbForm::Third
    } else {
        VerbForm::Past
    }
}

/// The noun of a `nouns.txt` line.
fn noun(file: &str, l: &Line<'_>) -> Result<Noun, GrammarError> {
    Ok(Noun {
        kind: noun_kind(file, l, NounKind::Person)?,
        plural: plural(file, l)?,
        anon: l.flag("anon"),
        vague: l.flag("vague"),
        gender: gender(file, l)?,
        class: l.get("class").map(str::to_string),
        outlet: l.flag("outlet"),
        firm: l.flag("firm"),
        generic: l.flag("generic"),
        public: l.flag("public"),
        labour: l.flag("labour"),
        epithet: l.flag("epithet"),
    })
}

/// The pronoun of a `pronouns.txt` line (third person when `person` is absent).
fn pronoun(file: &str, l: &Line<'_>) -> Result<Pronoun, GrammarError> {
    Ok(Pronoun {
        gender: gender(file, l)?,
        plural: plural(file, l)?,
        kind: noun_kind(file, l, NounKind::Any)?,
        person: l.get("person").and_then(|v| v.parse().ok()).unwrap_or(3),
        object: l.get("case").is_some()
            && choice(
                file,
                l,
                "case",
                &[("subject", false), ("object", true), ("possessive", true)],
            )?,
        possessive: l.get("case") == Some("possessive"),
    })
}

/// The function word of a `function-words.txt` line.
fn func_word(file: &str, l: &Line<'_>) -> Result<Func, GrammarError> {
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
        Some("quantity") => FuncType::Quantity,
        Some("qualifier") => FuncType::Qualifier,
        Some("time") => FuncType::Time,
        Some("time-unit") => FuncType::TimeUnit,
        Some("past") => FuncType::Past,
        Some("particle") => FuncType::Particle,
        v => {
            return Err(bad(
                file,
                l.line,
                format!("unknown function word type {v:?}"),
            ))
        }
    };
    Ok(Func {
        ty,
        definite: l.flag("def"),
        plural: plural(file, l)?,
        article: l.flag("article"),
        relative: l.flag("relative"),
        coordinator: l.flag("coordinator"),
        vague: l.flag("vague"),
        be: l.flag("be"),
        alone: l.flag("alone"),
        time: l.flag("time"),
        permission: l.flag("permission"),
        contrast: l.flag("contrast"),
        gerund: l.flag("gerund"),
        opener: l.flag("opener"),
        tail: l.flag("tail"),
        pair: l.flag("pair"),
        float: l.flag("float"),
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

    /// Adds the entries of one grammar file, named by its file name (`verbs.txt`). A file over
    /// [`MAX_FILE_BYTES`] is an error (so are the line and phrase limits of [`parse_file`]).
    pub fn add_file(&mut self, name: &str, display: &str, text: &str) -> Result<(), GrammarError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(too_large(display, text.len() as u64));
        }
        let lines = parse_file(text).map_err(|errs| {
            let e = errs.into_iter().next().unwrap_or(LineError {
                line: 0,
                message: "empty".into(),
            });
            bad(display, e.line, e.message)
        })?;
        for l in &lines {
            self.add_line(name, display, l)?;
        }
        Ok(())
    }

    /// Adds one line of the grammar file `name` (`file`: how messages name it) with the tag
    /// that file gives its phrases.
    fn add_line(&mut self, name: &str, file: &str, l: &Line<'_>) -> Result<(), GrammarError> {
        match name {
            "verbs.txt" => self.add_verb(file, l)?,
            "titles.txt" => {
                let t = Title {
                    gender: gender(file, l)?,
                    class: l.get("class").unwrap_or("official").to_string(),
                    full: l.get("full").map(str::to_string),
                };
                self.add(&l.phrase, Tag::Title(t));
            }
            "nouns.txt" => self.add(&l.phrase, Tag::Noun(noun(file, l)?)),
            "anonymity.txt" => {
                let types = [
                    ("request", AnonType::Request),
                    ("descriptor", AnonType::Descriptor),
                    ("reason", AnonType::Reason),
                    ("reason-intro", AnonType::ReasonIntro),
                ];
                self.add(&l.phrase, Tag::Anon(choice(file, l, "type", &types)?));
            }
            "cue-phrases.txt" => {
                let types = [
                    ("according", CueType::According),
                    ("reported-by", CueType::ReportedBy),
                    ("citing", CueType::Citing),
                    ("venue", CueType::Venue),
                    ("hearer-venue", CueType::HearerVenue),
                    ("relay-venue", CueType::RelayVenue),
                    ("lead-in", CueType::LeadIn),
                    ("noun", CueType::Noun),
                ];
                self.add(&l.phrase, Tag::Cue(choice(file, l, "type", &types)?));
            }
            "outlets.txt" => self.add(&l.phrase, Tag::Outlet),
            "places.txt" => {
                let kinds = [
                    ("country", PlaceKind::Country),
                    ("capital", PlaceKind::Capital),
                    ("region", PlaceKind::Region),
                ];
                self.add(&l.phrase, Tag::Place(choice(file, l, "kind", &kinds)?));
            }
            "hedges.txt" => {
                let types = [
                    ("unsourced", HedgeType::Unsourced),
                    ("vague", HedgeType::Vague),
                    ("legal", HedgeType::Legal),
                    ("anchor", HedgeType::Anchor),
                    ("set", HedgeType::SetPhrase),
                    ("not-speech", HedgeType::NotSpeech),
                    ("group", HedgeType::Group),
                    ("names", HedgeType::Names),
                    ("place", HedgeType::Place),
                    ("weasel", HedgeType::Weasel),
                    ("rebuttal", HedgeType::Rebuttal),
                ];
                self.add(&l.phrase, Tag::Hedge(choice(file, l, "type", &types)?));
            }
            "abbreviations.txt" => self.add(&l.phrase, Tag::Abbrev),
            "furniture.txt" => self.furniture.add_line(file, l)?,
            "first-names.txt" => match gender(file, l)? {
                Some(g) => self.add(&l.phrase, Tag::FirstName(g)),
                None => return Err(bad(file, l.line, "expected gender=m or gender=f")),
            },
            "pronouns.txt" => self.add(&l.phrase, Tag::Pronoun(pronoun(file, l)?)),
            "function-words.txt" => self.add(&l.phrase, Tag::Func(func_word(file, l)?)),
            other => return Err(unknown_file(other.to_string())),
        }
        Ok(())
    }

    /// Adds a `verbs.txt` line: the base form, and each form listed in `forms=`.
    fn add_verb(&mut self, file: &str, l: &Line<'_>) -> Result<(), GrammarError> {
        let stance = verb_stance(file, l)?;
        let kind = verb_kind(file, l)?;
        let split = l.flag("split");
        let act = l.flag("act");
        let request = l.flag("request");
        let infinitive = l.flag("infinitive");
        let particles: Vec<String> = l
            .get("particle")
            .unwrap_or("")
            .split(',')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        let object = l.flag("object");
        let modifier = l.flag("modifier");
        let hearer = l.flag("hearer");
        let it = l.flag("it");
        let document = l.flag("document");
        let clause = l.get("clause") != Some("no");
        let mk = |form| {
            let v = Verb {
                lemma: l.phrase.clone(),
                form,
                stance,
                kind,
                split,
                request,
                infinitive,
                particles: particles.clone(),
                object,
                modifier,
                act,
                it,
                hearer,
                document,
                clause,
            };
            match kind {
                VerbKind::Belief => Tag::Belief(v),
                _ => Tag::Verb(v),
            }
        };
        self.add(&l.phrase, mk(VerbForm::Base));
        for f in l
            .get("forms")
            .unwrap_or("")
            .split(',')
            .filter(|f| !f.is_empty())
        {
            let f = f.to_lowercase();
            self.add(&f, mk(verb_form(&f)));
        }
        Ok(())
    }

    /// Adds every `*.txt` file of a user folder; each must have the name of a built-in file.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), GrammarError> {
        let io = |source| GrammarError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for path in files {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            if !BUILTIN.iter().any(|(n, _)| *n == name) {
                return Err(unknown_file(path.display().to_string()));
            }
            // Refused by its size before it is read.
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            if size > MAX_FILE_BYTES as u64 {
                return Err(too_large(&path.display().to_string(), size));
            }
            let text = std::fs::read_to_string(&path).map_err(|source| GrammarError::Io {
                path: path.clone(),
                source,
            })?;
            self.add_file(&name, &path.display().to_string(), &text)?;
        }
        Ok(())
    }

    /// Builds the automaton.
    pub fn build(self) -> Grammar {
        // One automaton over every phrase of every file, walked anchored, with `Standard` semantics
        // so that a walk from a token start meets every phrase starting there, short and long ("in"
        // and "in a statement"), in one pass that stops at the first dead state. A contiguous NFA,
        // not a DFA: as fast to walk here, a fraction of the size (it stays in cache) and five
        // times quicker to build at start-up (see ARCHITECTURE.md).
        // Phrases are folded to ASCII lower case here and text bytes in the walk, which is the
        // same match as `ascii_case_insensitive` with half the transitions per state.
        let folded: Vec<String> = self
            .phrases
            .iter()
            .map(|p| p.to_ascii_lowercase())
            .collect();
        // (No prefilter: the automaton is only walked, from a token's start, never searched.)
        let automaton = contiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&folded);
        // Building only fails past internal size limits, which these word lists are far from.
        #[allow(clippy::expect_used)]
        let automaton = automaton.expect("lexicon automaton within aho-corasick size limits");
        let stems = Stems::build(&folded, &automaton);
        let classes = self
            .tags
            .iter()
            .map(|tags| {
                tags.iter().fold((0, 0), |(s, w), t| {
                    (s | TokClass::starts(t), w | TokClass::of(t))
                })
            })
            .collect();
        Grammar {
            phrases: self.phrases,
            tags: self.tags,
            index: self.index,
            automaton,
            classes,
            stems,
            furniture: self.furniture,
        }
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

    /// The page-furniture phrases (`furniture.txt`).
    pub fn furniture(&self) -> &FurnitureLexicon {
        &self.furniture
    }

    /// Tags of a pattern id.
    pub fn tag(&self, pattern: u32) -> &[Tag] {
        self.tags
            .get(pattern as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The [`TokClass`] bits of a pattern's tags: `(starts, whole)`, for a phrase starting
    /// at a token and for a phrase that is the token.
    pub fn classes(&self, pattern: u32) -> (u32, u32) {
        self.classes
            .get(pattern as usize)
            .copied()
            .unwrap_or((0, 0))
    }

    /// The phrase of a pattern id.
    pub fn phrase(&self, pattern: u32) -> &str {
        self.phrases
            .get(pattern as usize)
            .map(String::as_str)
            .unwrap_or("")
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
        let stem = text.as_bytes().get(at..).map_or(0, stem_len);
        self.lookup_stem_into(text, at, stem, out);
    }

    /// [`Grammar::lookup_into`] for a caller that has measured the run of ASCII letters and
    /// digits at `at` (`stem` bytes, zero when `at` opens none), as the tokenizer has.
    // Out of line: a profile shows the lexicon's share, and the tokenizer's loop stays small.
    #[inline(never)]
    pub(crate) fn lookup_stem_into(&self, text: &str, at: usize, stem: usize, out: &mut Vec<Hit>) {
        let bytes = text.as_bytes();
        let Some(tail) = bytes.get(at..) else { return };
        let a = &self.automaton;
        // A phrase matching here has the same stem as the text: the stem of a phrase ends at its
        // first byte that is not an ASCII letter or digit, which the text must repeat, or at the
        // phrase's end, where the word must end too. So the stem is looked up, not walked, and no
        // phrase ends inside it (it would end inside a word).
        let (mut sid, from) = if stem == 0 {
            let Ok(start) = a.start_state(Anchored::Yes) else {
                return;
            };
            (start, 0)
        } else {
            let Some(e) = self.stems.find(bytes, at, stem) else {
                return;
            };
            let end = at + stem;
            if e.exact.0 < e.exact.1 && is_boundary(bytes, end) {
                let exact = self
                    .stems
                    .exact
                    .get(e.exact.0 as usize..e.exact.1 as usize)
                    .unwrap_or(&[]);
                out.extend(exact.iter().map(|&pattern| Hit { pattern, end }));
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
            if self
                .phrases
                .get(pid.as_usize())
                .is_some_and(|p| p.len() == k + 1)
            {
                out.push(Hit {
                    pattern: pid.as_u32(),
                    end,
                });
            }
        }
    }
}

/// Whether a word can end at byte `end`: after a period, or before a byte that does not go on
/// a word (not an ASCII letter or digit, nor a non-ASCII letter).
fn is_boundary(bytes: &[u8], end: usize) -> bool {
    match bytes.get(end) {
        None => true,
        Some(&c) => {
            bytes.get(end.wrapping_sub(1)) == Some(&b'.')
                || !(c.is_ascii_alphanumeric() || (c >= 0x80 && !is_punct_start(bytes, end)))
        }
    }
}

/// Whether the non-ASCII character at `at` is punctuation or space (curly quotes, dashes,
/// guillemets, the no-break, zero-width and ideographic spaces, the word joiner and the byte
/// order mark), so it ends a word.
fn is_punct_start(bytes: &[u8], at: usize) -> bool {
    let tail = bytes.get(at..at + 3).unwrap_or(&[]);
    matches!(
        tail,
        [0xE2, 0x80, _]
            | [0xC2, 0xA0 | 0xAB | 0xBB, ..]
            | [0xE2, 0x81, 0xA0]
            | [0xE3, 0x80, 0x80]
            | [0xEF, 0xBB, 0xBF]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in file parses, is sorted by phrase and has no duplicate phrase.
    #[test]
    fn builtin_files_parse_sorted_unique() {
        for (name, text) in BUILTIN {
            let lines = parse_file(text)
                .unwrap_or_else(|e| panic!("grammars/{name}:{}: {}", e[0].line, e[0].message));
            assert!(!lines.is_empty(), "{name} is empty");
            for w in lines.windows(2) {
                assert!(
                    w[0].phrase < w[1].phrase,
                    "grammars/{name}:{}: {:?} is not sorted after {:?} (or duplicates it)",
                    w[1].line,
                    w[1].phrase,
                    w[0].phrase
                );
            }
            let mut b = GrammarBuilder::default();
            b.add_file(name, name, text)
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }

    /// The hits of a plain automaton walk from `at`, without the stem table: what
    /// `lookup_into` must find.
    fn walk(g: &Grammar, text: &str, at: usize) -> Vec<Hit> {
        let mut out = Vec::new();
        let a = &g.automaton;
        let Ok(mut sid) = a.start_state(Anchored::Yes) else {
            return out;
        };
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
            "GOV. Hale, Dr.Ng, U.S.-based In-house TOLD x2 said— “Said” said’s naïve Émile 42nd \
             1,000 $5 According to, citing-people counterintelligence-officials \
             SPOKESPERSONSHIPSWOMEN abcdefghijklmnopqrstuvwxyz0123456789"
                .to_string(),
        ];
        texts.push(g.phrases.join(" | "));
        texts.push(
            g.phrases
                .iter()
                .map(|p| p.to_ascii_uppercase())
                .collect::<Vec<_>>()
                .join("x "),
        );
        let mut hits = 0;
        for text in &texts {
            for (at, _) in text.char_indices() {
                let mut got = g.lookup(text, at);
                got.sort_by_key(|h| (h.end, h.pattern));
                let want = walk(g, text, at);
                assert_eq!(
                    got,
                    want,
                    "at byte {at} of {:?}",
                    text.get(at..at + 30).unwrap_or("")
                );
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
        assert!(
            g.lookup("sayings", 0).iter().all(|h| h.end != 3),
            "no match inside a word"
        );
        assert!(g.lookup("Gov. Hale", 0).iter().any(|h| h.end == 4));
    }

    #[test]
    fn user_file_errors_name_file_and_line() {
        let mut b = Grammar::builtin_builder();
        let e = b
            .add_file(
                "verbs.txt",
                "house/verbs.txt",
                "grumble forms=grumbles stance=angry\n",
            )
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "house/verbs.txt:1: expected stance=neutral|loaded|precise, found stance=angry"
        );
        let e = b
            .add_file("verbs.txt", "house/verbs.txt", "# ok\nok\nbad x=1 y\n")
            .unwrap_err();
        assert!(e.to_string().starts_with("house/verbs.txt:3: "), "{e}");
    }

    #[test]
    fn user_files_extend_the_builtin_ones() {
        let mut b = Grammar::builtin_builder();
        b.add_file(
            "verbs.txt",
            "house/verbs.txt",
            "harrumph forms=harrumphs,harrumphed,harrumphing stance=loaded\n",
        )
        .unwrap();
        let g = b.build();
        assert!(matches!(
            g.tags_of("harrumphed").first(),
            Some(Tag::Verb(v)) if v.stance == Stance::Loaded
        ));
        assert!(!g.tags_of("said").is_empty());
    }

    #[test]
    fn oversized_files_lines_and_phrases_are_refused() {
        let mut b = GrammarBuilder::default();
        let long_word = format!("harrumph{}\n", "x".repeat(MAX_LINE_BYTES));
        let e = b.add_file("verbs.txt", "v.txt", &long_word).unwrap_err();
        assert!(e.to_string().starts_with("v.txt:1: line of"), "{e}");
        let words = vec!["word"; MAX_PHRASE_WORDS + 1].join(" ");
        let e = b
            .add_file("outlets.txt", "o.txt", &format!("# c\n{words}\n"))
            .unwrap_err();
        assert!(e.to_string().starts_with("o.txt:2: phrase over"), "{e}");
        let one = format!("{}\n", "w".repeat(MAX_PHRASE_BYTES + 1));
        assert!(b.add_file("outlets.txt", "o.txt", &one).is_err());
        let big = "quite a long outlet name\n".repeat(MAX_FILE_BYTES / 25 + 1);
        let e = b.add_file("outlets.txt", "big.txt", &big).unwrap_err();
        assert!(e.to_string().contains("limit of a grammar file"), "{e}");
        // At the limits: accepted.
        let ok = format!("{}\n", vec!["w"; MAX_PHRASE_WORDS].join(" "));
        assert!(b.add_file("outlets.txt", "o.txt", &ok).is_ok());
    }
}
