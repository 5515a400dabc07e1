//! Entities and coreference: every speaker mention resolved to an entity by name, by role, or
//! by salience for pronouns, in text order.
//!
//! [`Entities`] is the entity table; [`Entities::resolve`] takes any speaker phrase to the
//! resolution of its kind: proper names (`names`), roles (`roles`) and pronouns (`pronouns`).
//! The table's bookkeeping is in `table`, the titles and placeholders an entity collects in
//! `titles`, and the comparisons of name words in `words`.

mod names;
mod pronouns;
mod roles;
mod table;
mod titles;
mod words;

pub use roles::is_org_role;
pub use titles::{is_qualified, is_qualified_role};
pub use words::{norm_head, NameWords, SpaceSplit};

use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::np::{Np, NpKind};
use crate::grammar::Gender;
use crate::report::{EntityKind, MentionKind};
use crate::span::Span;
use crate::text::Doc;
use crate::thin::Thin;
use table::{Ids, Scratch};

/// An entity under construction.
#[derive(Debug, Clone)]
pub struct Ent {
    /// Kind.
    pub kind: EntityKind,
    /// Canonical name.
    pub name: String,
    /// Lower-cased name words, possessive stripped (for surname matching). Only a named entity
    /// has them: they are only read when [`Ent::named`] is set, which only [`Entities::name`]
    /// does, with the words.
    pub words: NameWords,
    /// Whether it has a proper name.
    pub named: bool,
    /// Titles as written.
    pub titles: Thin<String>,
    /// Lower-cased title phrases and role heads.
    pub roles: Thin<String>,
    /// Role families.
    pub classes: Thin<String>,
    /// Capitalised modifiers (`japanese`).
    pub modifiers: Thin<String>,
    /// Head noun of a descriptive entity, singular-ish and lower case.
    pub head: Option<String>,
    /// Gender.
    pub gender: Option<Gender>,
    /// Plural.
    pub plural: bool,
    /// Unnamed source.
    pub anonymous: bool,
    /// Weasel group.
    pub vague: bool,
    /// Reason for anonymity (boxed, as the request: few entities have one).
    pub reason: Option<Box<Span>>,
    /// Request for anonymity.
    pub request: Option<Box<Span>>,
    /// Mentions in order.
    pub mentions: Vec<Mentioned>,
    /// Last mention as a subject or speaker (byte offset).
    pub last_subject: Option<u32>,
    /// Last mention of any kind.
    pub last_mention: usize,
    /// An organisation last mentioned through a gendered spokesperson ("a council
    /// spokeswoman"): that gender, and where the mention starts. A following "she" is the
    /// spokeswoman, so it names the organisation while that is its last mention.
    pub voice: Option<(Gender, u32)>,
    /// Merged into another entity.
    pub merged_into: Option<u32>,
    /// A definite role with no antecedent ("the coach"), waiting for a named holder.
    pub placeholder: bool,
    /// A news outlet.
    pub outlet: bool,
    /// Age given in apposition ("Maria Lopez, 54,"), for "the 54-year-old".
    pub age: Option<u32>,
    /// An indefinite role in the lede ("a prosecutor told the court"), named later with the
    /// same title ("prosecutor Henry Tallis"): a placeholder claimed by title word only.
    pub cataphoric: bool,
    /// A business named only by its role in the lede ("…, its operator has confirmed", "the
    /// company said"): the first organisation named as a subject later is it.
    pub firm_placeholder: bool,
    /// Named only by one capitalised word opening a sentence before a lower-case word
    /// ("Dashcam footage showed …", "Catches may fall …"), outside any attribution: as likely a
    /// common word as a name, so no pronoun names it until it is mentioned again.
    pub weak: bool,
    /// An organisation an unnamed spokesperson has spoken for ("a spokesperson for the
    /// board"): a later "the spokesperson" is that spokesperson again.
    pub spoken_for: bool,
    /// The documents it issued, by head noun ("statement" for "the ministry said in a
    /// statement"): "the statement said" later is its words. A few at most.
    pub documents: Thin<String>,
}

impl Entities {
    /// Gives back its name indexes and relays, keeping its entities and their links: once the
    /// units are made, the report reads only those.
    pub(crate) fn drop_indexes(&mut self) {
        *self = Entities {
            list: std::mem::take(&mut self.list),
            ..Entities::default()
        };
    }
}

impl Ent {
    /// Gives back what it holds on the heap besides its kind and links (names, words, roles,
    /// mentions), once the report no longer needs them: the report's entities are made while
    /// the analysis's are given back, never both tables whole at once.
    pub(crate) fn shed(&mut self) {
        self.name = String::new();
        self.words = NameWords::default();
        self.titles = Thin::new();
        self.roles = Thin::new();
        self.classes = Thin::new();
        self.modifiers = Thin::new();
        self.head = None;
        self.mentions = Vec::new();
        self.documents = Thin::new();
    }
}

/// `x` (a byte offset or an entity's index) in 32 bits: a document is read up to 4 GiB.
pub(super) use crate::analysis::small;

/// A mention of an entity: its span in 32-bit offsets (a document is read up to 4 GiB), 12
/// bytes (a long document can hold an entity for every few words, each with room for a few).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mentioned {
    start: u32,
    end: u32,
    /// How it names.
    pub kind: MentionKind,
}

impl Mentioned {
    /// A mention at `span`.
    pub fn new(span: Span, kind: MentionKind) -> Self {
        let small = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Mentioned {
            start: small(span.start),
            end: small(span.end),
            kind,
        }
    }

    /// Where it is.
    pub fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
        }
    }
}

/// The entity table.
#[derive(Debug, Default)]
pub struct Entities {
    /// All entities, merged ones included.
    pub list: Vec<Ent>,
    /// Relays recorded for an entity: "X expressed these sentiments, as reported by Y".
    pub relays: HashMap<usize, Vec<usize>>,
    /// Named entities by each of their name words (ASCII lower case): past [`SCAN_MAX`]
    /// entities, a name is compared only with the entities sharing a word with it, not with
    /// every entity of the document, so a long document stays linear. Entries may be stale
    /// (words change); they are re-checked. `None` until the document has that many entities:
    /// a story's dozen are all compared, quicker than keeping the index.
    ///
    /// Keyed by the word's hash ([`word_key`]), not the word: no string is allocated per word
    /// indexed. Two words with one hash only add a candidate, and every candidate is compared
    /// word by word anyway (a match needs a shared word), so a collision cannot change a result.
    by_word: Option<HashMap<u64, Ids, FixedState>>,
    /// Buffers [`Entities::name`] reuses from one call to the next.
    scratch: Scratch,
    /// The last mentions recorded, with their entities, newest at `recent_at - 1`: a phrase
    /// resolved again (the subject of two cues: "The agency, which asked …, said") is the
    /// entity it was, without a second search that would see it as new.
    recent: [(Span, usize); RECENT],
    recent_at: usize,
    /// Entities by their whole name (the words of [`Ent::words`] joined, hashed as
    /// [`word_key`] hashes a word), built with [`Entities::by_word`]: a name shared word for
    /// word is found even when one of its words names thousands of entities.
    by_name: HashMap<u64, Ids, FixedState>,
    /// Once the document has more than [`WINDOW`] entities: the [`WINDOW`] most recently
    /// mentioned, as (id, [`Ent::last_mention`], the [`NameWords::bits`] of its name) in id
    /// order. The searches by salience ([`Entities::alive`]) read only these, so that each takes
    /// constant time however many speakers a long document names; below that size they read
    /// every entity.
    window: Vec<(usize, usize, u64)>,
}

/// Past this many entities, the searches by salience (pronouns, roles, acronyms) read only
/// the this many most recently mentioned (a story names a few dozen).
const WINDOW: usize = 256;

/// In a document of more than [`WINDOW`] entities, a name with a word that more than this many
/// entities share is compared only with the last this many indexed under that word, the
/// entities of the very same name, and the entities of the last this many mentions.
const COMMON: usize = 4;

/// The words of a name [`Entities::name`] holds inline: a name phrase has at most 16 tokens
/// (`np::MAX_NP_TOKENS`), so at most as many words.
const NAME_WORDS: usize = 16;

/// Up to this many entities, [`Entities::name`] compares a name with each of them, without
/// [`Entities::by_word`].
const SCAN_MAX: usize = 32;

/// How many of the last mentions [`Entities`] remembers by span.
const RECENT: usize = 16;

/// `v.push(x)` for an entity's short lists (titles, roles: [`Thin`], one word while empty, as
/// most are). A list holds at most [`SHORT_MAX`] items: each is searched for every mention, and
/// a long document can give one entity ever more modifiers.
pub(super) fn push_short<T>(v: &mut Thin<T>, x: T) {
    if v.len() < SHORT_MAX {
        v.push(x);
    }
}

/// The most titles, roles, role families or modifiers an entity keeps (a story gives one a
/// few).
const SHORT_MAX: usize = 32;

/// The byte span of tokens `[a, b)`.
pub fn span_of(doc: &Doc<'_>, a: usize, b: usize) -> Span {
    match (
        doc.tokens.get(a),
        b.checked_sub(1).and_then(|l| doc.tokens.get(l)),
    ) {
        (Some(s), Some(e)) => Span::new(s.span().start, e.span().end),
        _ => Span::default(),
    }
}

/// The text of tokens `[a, b)` (empty when they are out of range), borrowed, not copied.
fn text_of<'a>(doc: &Doc<'a>, a: usize, b: usize) -> &'a str {
    span_of(doc, a, b).of(doc.text)
}

impl Entities {
    /// Resolves any speaker phrase: a name, a pronoun or a role.
    pub fn resolve(&mut self, doc: &Doc<'_>, np: &Np<'_>, subject: bool) -> Option<usize> {
        let span = span_of(doc, np.start, np.end);
        if np.kind != NpKind::Name {
            if let Some(id) = self.seen_at(span) {
                let kind = if np.kind == NpKind::Pronoun {
                    MentionKind::Pronoun
                } else {
                    MentionKind::Role
                };
                self.touch(id, span, kind, subject);
                return Some(id);
            }
        }
        match np.kind {
            NpKind::Name => self.name(doc, np, subject, false),
            NpKind::Pronoun => self.pronoun(doc, np, span, subject),
            NpKind::Role => self.role(doc, np, subject),
        }
    }

    /// The live entity of a phrase resolved at `span` among the last mentions recorded, if
    /// there is one: a phrase resolved again (the subject of two cues) is the entity it was.
    fn seen_at(&self, span: Span) -> Option<usize> {
        let seen = (1..=RECENT.min(self.recent_at)).find_map(|k| {
            self.recent
                .get((self.recent_at - k) % RECENT)
                .filter(|(s, _)| *s == span)
        });
        seen.map(|&(_, id)| self.live(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` invented capitalised given names ("Qaabo", "Qaaco", …): none an English word, none with
    /// an ending a tagger reads as a verb's ("-ed", "-ing").
    fn given_names(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                let (a, b) = ((i / 26) as u8, (i % 26) as u8);
                format!("Qa{}{}o", (b'a' + a % 26) as char, (b'a' + b) as char)
            })
            .collect()
    }

    #[test]
    fn a_long_document_still_finds_an_early_name() {
        // Past `WINDOW` entities, with one surname shared by more than `COMMON` of them: the
        // first speaker, named again in full, is still the first entity, and again by the
        // surname alone when just mentioned.
        let mut text = String::from("Mayor Ana Smith said the road would open.\n");
        for g in given_names(3 * WINDOW / 2) {
            text.push_str(&format!("{g} Smith said it was fine.\n"));
        }
        text.push_str("Ana Smith said the bridge would close. Smith said it was late.\n");
        text.push_str("She said it was over.\n");
        let r = crate::analyze(&text);
        let speaker = |k: usize| r.quotes.get(k).and_then(|q| q.speaker.as_ref());
        let n = r.quotes.len();
        assert_eq!(n, 3 * WINDOW / 2 + 4);
        let first = speaker(0).map(|s| s.entity);
        assert_eq!(first, Some(0));
        for k in n - 3..n {
            assert_eq!(speaker(k).map(|s| s.entity), first, "quote {k}");
        }
        assert_eq!(r.entities.len(), 3 * WINDOW / 2 + 1);
        assert_eq!(
            r.entities.first().map(|e| e.titles.to_vec()),
            Some(vec!["Mayor".to_string()])
        );
    }
}
