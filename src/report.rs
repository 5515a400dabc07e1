//! The attribution report: the library's output, serialised as JSON by the renderers.
//!
//! # Wire format
//!
//! One report per document (with `--jsonl`, one per line, plus `"id"`):
//!
//! ```json
//! {"schema_version": 4,
//!  "dateline": {"span": {"start": 0, "end": 27}, "place": "TOKYO", "outlet": "Wire"},
//!  "furniture": [{"span": {"start": 28, "end": 63}, "kind": "advertisement"}],
//!  "entities": [{"id": 0, "name": "Shigeru Ishiba", "kind": "person",
//!                "titles": ["Prime Minister"], "gender": "male", "anonymous": false,
//!                "mentions": [{"span": {...}, "text": "Ishiba", "kind": "name"}]}],
//!  "quotes": [{"id": 0, "kind": "direct", "content": {"start": 10, "end": 40}, "text": "…",
//!              "cue": {"span": {...}, "text": "said", "lemma": "say", "stance": "neutral",
//!                      "construction": "verb"},
//!              "speaker": {"entity": 0, "name": "Shigeru Ishiba", "anonymous": false,
//!                          "mention": {"start": 44, "end": 50}, "mention_text": "Ishiba"},
//!              "anonymity": null, "chain": [{"name": "Kyodo News", "role": "outlet"}],
//!              "paragraph": 3, "continues": null}],
//!  "diagnostics": [{"code": "unclosed-quote", "message": "…", "span": {...}}]}
//! ```
//!
//! Every span is a UTF-8 byte offset range into the analysed input. `quotes` are in text order;
//! `kind` is `direct`, `partial`, `indirect`, or, for quotation marks that are not speech,
//! `title` (of a work) and `scare` (no speaker). `speaker` is null for an unattributed quote.
//! `furniture` lists the lines of a scraped page that are not copy, and is absent when there
//! are none (so copy without furniture gives the same bytes as before the field existed).

use crate::thin::Thin;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::grammar::{FurnitureKind, Gender};
pub use crate::span::Span;

/// The version of this report format; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 4;

/// Everything quotecheck found in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// Format version ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The story's dateline, whose outlet ends every source chain.
    pub dateline: Option<DatelineInfo>,
    /// The lines of a scraped page that are not copy (advertising breaks, teasers, captions,
    /// bylines, …), which the analysis skipped. Left out of the JSON when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub furniture: Vec<Furniture>,
    /// Who speaks or is spoken of.
    pub entities: Vec<Entity>,
    /// Quotes and reported claims, in text order.
    pub quotes: Vec<Quote>,
    /// Problems met while reading (unbalanced quotation marks).
    pub diagnostics: Vec<Diagnostic>,
}

/// A parsed dateline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DatelineInfo {
    /// The whole dateline.
    pub span: Span,
    /// The place.
    pub place: String,
    /// The publishing outlet, if named.
    pub outlet: Option<String>,
}

/// A line of page furniture: not copy, so no speaker, quote or claim comes from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Furniture {
    /// The line, without its surrounding white space.
    pub span: Span,
    /// What it is.
    pub kind: FurnitureKind,
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation (company, ministry, outlet).
    Organisation,
    /// An unnamed source.
    Anonymous,
    /// A group of people (critics, traders).
    Group,
    /// A document, report or study.
    Document,
}

/// A speaker or relay, with every mention that names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    /// Index in [`Report::entities`].
    pub id: usize,
    /// Canonical name: the fullest proper name, or the descriptor of an unnamed source.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    // (Its titles a thin list, one word while empty, its anonymity boxed, and a mention's text
    // a boxed str: a report can hold an entity for every few words.)
    /// Titles and roles given to it (`Prime Minister`, `the company's chief executive`).
    #[schemars(with = "Vec<String>")]
    pub titles: Thin<String>,
    /// Gender, when the text shows it.
    pub gender: Option<Gender>,
    /// An unnamed source.
    pub anonymous: bool,
    /// A weasel group (`critics`, `experts`).
    pub vague: bool,
    /// Where the copy says why the source was not named.
    #[schemars(with = "Option<Excerpt>")]
    pub anonymity_reason: Option<Box<Excerpt>>,
    /// Where the copy says the source asked not to be named.
    #[schemars(with = "Option<Excerpt>")]
    pub anonymity_request: Option<Box<Excerpt>>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A proper name.
    Name,
    /// A pronoun.
    Pronoun,
    /// A role or description (`the minister`, `a senior official`).
    Role,
}

/// One mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Mention {
    /// Where.
    pub span: Span,
    /// The words.
    #[schemars(with = "String")]
    pub text: Box<str>,
    /// How it names.
    pub kind: MentionKind,
}

/// A span with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Excerpt {
    /// Where.
    pub span: Span,
    /// The words.
    pub text: String,
}

/// Kind of quote unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quotation marks presented as someone's.
    Direct,
    /// A quoted fragment inside reported speech.
    Partial,
    /// Reported speech without marks.
    Indirect,
    /// A belief or expectation credited to its holder, not speech: "analysts believe the
    /// recall could cost $2 billion", "officials fear the talks will collapse".
    Belief,
    /// Quotation marks around the title of a work: not speech.
    Title,
    /// Scare quotes: marks with no speaker, not speech.
    Scare,
}

/// Stance of the cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// `said`.
    Neutral,
    /// `claimed`, `admitted`.
    Loaded,
}

/// The construction a cue belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Construction {
    /// A speech verb with its subject before the words: `X said (that) …`, `X told Y …`.
    Verb,
    /// The speaker after the verb: `"…," said X`.
    Inverted,
    /// The cue after the words it attributes: `…, X said.`, `"…," X said.`
    Postposed,
    /// The cue set off inside its claim: `A, X said, B`.
    Parenthetical,
    /// A relative clause after the speaker: `X, who said …`.
    Relative,
    /// A verb coordinated with an earlier one, sharing its speaker: `… and added that …`.
    Coordinated,
    /// An `as` clause: `as X said, …`, `…, as X reported.`
    AsClause,
    /// `X was quoted as saying`, `Y quoted X as saying`.
    QuotedAs,
    /// `, adding that`.
    Participle,
    /// `according to X`.
    According,
    /// `as reported by X`.
    ReportedBy,
    /// `citing X`.
    Citing,
    /// A noun naming the claim, with its owner: `his claim that …`, `X's assertion that …`.
    Noun,
    /// A name and a colon before the words, as headlines and transcripts write them: `Dana
    /// Velk: the fare will not rise`.
    Colon,
    /// A quote inheriting the speaker of the quote before it.
    Floating,
    /// A paragraph continuing a multi-paragraph quote.
    Continuation,
}

impl Construction {
    /// Its name in the JSON output (`"as-clause"`).
    pub fn name(self) -> &'static str {
        match self {
            Construction::Verb => "verb",
            Construction::Inverted => "inverted",
            Construction::Postposed => "postposed",
            Construction::Parenthetical => "parenthetical",
            Construction::Relative => "relative",
            Construction::Coordinated => "coordinated",
            Construction::AsClause => "as-clause",
            Construction::QuotedAs => "quoted-as",
            Construction::Participle => "participle",
            Construction::According => "according",
            Construction::ReportedBy => "reported-by",
            Construction::Citing => "citing",
            Construction::Noun => "noun",
            Construction::Colon => "colon",
            Construction::Floating => "floating",
            Construction::Continuation => "continuation",
        }
    }
}

/// The words that attribute a unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cue {
    /// Where (for floating quotes, the cue of the quote it inherits from).
    pub span: Span,
    /// The words.
    pub text: String,
    /// The verb lemma, when the cue is a verb.
    pub lemma: Option<String>,
    /// Neutral or loaded.
    pub stance: Stance,
    /// Which construction.
    pub construction: Construction,
}

/// Who a unit is credited to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Speaker {
    /// Index in [`Report::entities`].
    pub entity: usize,
    /// The entity's canonical name.
    pub name: String,
    /// Whether the entity is an unnamed source.
    pub anonymous: bool,
    /// The words naming the speaker at this unit (`he`, `the official`).
    pub mention: Span,
    /// Their text.
    pub mention_text: String,
}

/// Anonymity of a unit's source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Anonymity {
    /// The descriptor (`a senior official from the foreign ministry`).
    pub descriptor: String,
    /// The stated reason, or null when the copy gives none.
    pub reason: Option<Excerpt>,
    /// The request (`requesting anonymity`), which is not a reason.
    pub request: Option<Excerpt>,
}

/// How a link of a chain passed the claim on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChainRole {
    /// A person or body relaying the words (a spokesperson at a briefing).
    Relay,
    /// A news outlet or agency.
    Outlet,
    /// The publisher named in the dateline.
    Publisher,
}

/// One link of a source chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChainLink {
    /// The name.
    pub name: String,
    /// The entity, when it is one.
    pub entity: Option<usize>,
    /// How it passed the claim on.
    pub role: ChainRole,
    /// Where it is named.
    pub span: Option<Span>,
}

/// A quote, partial quote or reported claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quote {
    /// Index in [`Report::quotes`].
    pub id: usize,
    /// Direct, partial, indirect (or title/scare for marks that are not speech).
    pub kind: QuoteKind,
    /// What was said: inside the marks, or the reported clause.
    pub content: Span,
    // (A boxed `str`, two words, and the chain a thin list, one word while empty, as most are:
    // a report holds a quote for every few bytes of a long document of quotes.)
    /// Its text.
    #[schemars(with = "String")]
    pub text: Box<str>,
    // (Boxed, as are the speaker and the anonymity: a report holds a quote for every few bytes
    // of a long document of quotes, most of them without any.)
    /// The attributing words.
    pub cue: Option<Box<Cue>>,
    /// The speaker; null when nobody is credited.
    pub speaker: Option<Box<Speaker>>,
    /// Set when the speaker is anonymous.
    pub anonymity: Option<Box<Anonymity>>,
    /// Who relayed it, nearest first, ending with the dateline publisher.
    #[schemars(with = "Vec<ChainLink>")]
    pub chain: Thin<ChainLink>,
    /// Paragraph number (0-based).
    #[schemars(with = "usize")]
    pub paragraph: u32,
    /// The unit this one continues (a broken or multi-paragraph quote).
    #[schemars(with = "Option<usize>")]
    pub continues: Option<u32>,
}

/// A problem met while reading the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// Stable code: `unclosed-quote`, `unopened-quote`.
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// The JSON Schema of [`Report`].
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Report)).unwrap_or_default()
}
