//! Entities and coreference: every speaker mention resolved to an entity by name, by role, or
//! by salience for pronouns, in text order.

use std::collections::HashMap;
use std::hash::BuildHasher;

use foldhash::fast::FixedState;

use super::np::{is_acronym, is_name_word, word_noun, Np, NpKind};
use crate::grammar::{FuncType, Gender, NounKind, Tag};
use crate::report::{EntityKind, MentionKind};
use crate::span::Span;
use crate::text::Doc;
use crate::text::TokClass;

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
    pub titles: Vec<String>,
    /// Lower-cased title phrases and role heads.
    pub roles: Vec<String>,
    /// Role families.
    pub classes: Vec<String>,
    /// Capitalised modifiers (`japanese`).
    pub modifiers: Vec<String>,
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
    /// Reason for anonymity.
    pub reason: Option<Span>,
    /// Request for anonymity.
    pub request: Option<Span>,
    /// Mentions in order.
    pub mentions: Vec<(Span, MentionKind)>,
    /// Last mention as a subject or speaker (byte offset).
    pub last_subject: Option<usize>,
    /// Last mention of any kind.
    pub last_mention: usize,
    /// An organisation last mentioned through a gendered spokesperson ("a council
    /// spokeswoman"): that gender, and where the mention starts. A following "she" is the
    /// spokeswoman, so it names the organisation while that is its last mention.
    pub voice: Option<(Gender, usize)>,
    /// Merged into another entity.
    pub merged_into: Option<usize>,
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
}

/// An entity's name words, lower case, in one string: one allocation per name, not one per
/// word, for the few comparisons a name lookup makes.
#[derive(Debug, Clone, Default)]
pub struct NameWords {
    /// The words joined by single spaces (a word holds no white space: names are split at it).
    text: String,
    /// How many words: none and one empty word (a lone "'s", stripped) both leave `text` empty.
    len: usize,
    /// The [`word_bit`]s of the words.
    bits: u64,
}

/// A bit standing for a word, the same for any two words equal ignoring ASCII case (from its
/// length and its first and last bytes, in ASCII lower case): names sharing no bit share no
/// word, so they need no closer comparison.
fn word_bit(word: &str) -> u64 {
    let b = word.as_bytes();
    let (first, last) = (
        b.first().map_or(0, u8::to_ascii_lowercase),
        b.last().map_or(0, u8::to_ascii_lowercase),
    );
    let n = (b.len() as u64)
        .wrapping_mul(31)
        .wrapping_add(u64::from(first).wrapping_mul(7))
        .wrapping_add(u64::from(last));
    1 << (n % 64)
}

impl NameWords {
    /// `words` as they are (`capacity`: their length, spaces included, or more).
    fn new<S: AsRef<str>>(words: impl Iterator<Item = S>, capacity: usize) -> Self {
        let mut text = String::with_capacity(capacity);
        let (mut len, mut bits) = (0, 0);
        for w in words {
            if len > 0 {
                text.push(' ');
            }
            text.push_str(w.as_ref());
            len += 1;
            bits |= word_bit(w.as_ref());
        }
        NameWords { text, len, bits }
    }

    /// The words in ASCII lower case.
    fn ascii_lowercase(mut self) -> Self {
        self.text.make_ascii_lowercase();
        self
    }

    /// How many words.
    fn len(&self) -> usize {
        self.len
    }

    /// The words in order.
    fn iter(&self) -> SpaceSplit<'_> {
        SpaceSplit {
            rest: (self.len > 0).then_some(self.text.as_str()),
        }
    }

    fn first(&self) -> Option<&str> {
        self.iter().next()
    }

    fn last(&self) -> Option<&str> {
        if self.len == 0 {
            return None;
        }
        let from = self
            .text
            .bytes()
            .rposition(|b| b == b' ')
            .map_or(0, |at| at + 1);
        self.text.get(from..)
    }

    fn contains(&self, word: &str) -> bool {
        self.iter().any(|w| w == word)
    }
}

/// The words of a [`NameWords`] text: `text.split(' ')`, with the separator found byte by byte
/// (a space byte is always a whole character), which is quicker on such short strings.
pub struct SpaceSplit<'a> {
    /// What is left to split; `None` once the last word is out.
    rest: Option<&'a str>,
}

impl<'a> Iterator for SpaceSplit<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.bytes().position(|b| b == b' ') {
            Some(at) => {
                self.rest = rest.get(at + 1..);
                rest.get(..at)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// An age in apposition after the name ending before token `t`: ", 54," (or ", 54." / ", 54)").
fn age_after(doc: &Doc<'_>, t: usize) -> Option<u32> {
    if !doc.is_punct(t, ",") {
        return None;
    }
    let n: u32 = doc
        .tok_text(t + 1)
        .parse()
        .ok()
        .filter(|n| (1..=120).contains(n))?;
    let closes = doc.tokens.get(t + 2).is_none()
        || doc.is_punct(t + 2, ",")
        || doc.is_punct(t + 2, ".")
        || doc.is_punct(t + 2, ")");
    closes.then_some(n)
}

/// The age of an epithet word: "54-year-old" is 54.
fn epithet_age(word: &str) -> Option<u32> {
    let n = strip_suffix_ascii_case(word, "-year-old")
        .or_else(|| strip_suffix_ascii_case(word, "-year-old's"))?;
    n.parse().ok()
}

/// Whether a title over tokens `[a, b)` holds a qualifier before its last word ("former
/// president", "shadow chancellor"): it names someone other than the bare title's holder.
pub fn is_qualified(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    (a..b.saturating_sub(1)).any(|t| doc.is_func(t, FuncType::Qualifier))
}

/// Whether a role phrase's head is qualified ("the former mayor of Leeds"; not "a spokesman
/// for the former mayor", whose qualifier is past the head).
pub fn is_qualified_role(doc: &Doc<'_>, np: &Np<'_>) -> bool {
    let head = np
        .head_title
        .map(|(a, _, _)| a)
        .or(np.head.map(|(a, _, _)| a));
    head.is_some_and(|h| is_qualified(doc, np.start, h + 1))
}

/// `s` without `suffix` (ASCII), ignoring ASCII case: as `s.to_ascii_lowercase().strip_suffix`
/// with a lower-case suffix, without the copy. The cut is at a boundary, since the suffix
/// starts with an ASCII byte.
fn strip_suffix_ascii_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.as_bytes().get(cut..)?;
    if tail.eq_ignore_ascii_case(suffix.as_bytes()) {
        s.get(..cut)
    } else {
        None
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

/// Buffers reused from one name lookup to the next, so a lookup allocates nothing.
#[derive(Debug, Default)]
struct Scratch {
    /// A name word in ASCII lower case, to hash.
    key: String,
    /// Candidate entity ids.
    cands: Vec<usize>,
}

/// The entities indexed under one name word, in the order indexed. Most words belong to one
/// entity: the first id is held inline, and `rest` (empty, so unallocated) takes any others.
#[derive(Debug)]
struct Ids {
    /// The first entity indexed under the word.
    first: usize,
    /// Entities indexed under the word later.
    rest: Vec<usize>,
}

impl Ids {
    /// Adds `id`, unless it was the last one added.
    fn push(&mut self, id: usize) {
        if *self.rest.last().unwrap_or(&self.first) != id {
            self.rest.push(id);
        }
    }
}

/// The key of a name word (already in ASCII lower case) in [`Entities::by_word`]: its hash, with
/// a fixed seed so that runs are deterministic.
fn word_key(word: &str) -> u64 {
    FixedState::default().hash_one(word)
}

/// `s.to_lowercase()`, with a cheaper path for ASCII text (where it is the same as
/// `to_ascii_lowercase`): names, titles and roles are lower-cased for every mention.
fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

/// A head noun in a comparable form: lower case, singular.
pub fn norm_head(w: &str) -> String {
    let mut w = lowercase(w);
    match w.as_str() {
        "people" | "persons" => "person".into(),
        // The endings are cut in place: "-ies" to "-y", a final "s" (not "ss") dropped.
        s if s.ends_with("ies") => {
            w.truncate(w.len() - 3);
            w.push('y');
            w
        }
        s if s.ends_with('s') && !s.ends_with("ss") => {
            w.pop();
            w
        }
        _ => w,
    }
}

/// Whether the named organisation `e` may be a business, which "the company" or "the bank"
/// can name: the head of its name (the last word, or the last before a preposition:
/// "Department of Energy") is no organisation noun but a business's (`firm=yes` in
/// nouns.txt: "Orbital Systems Inc", "Westline Ferries"; a bare "Harlan" has none). "The
/// Coastal Alliance" and "the Ministry of Mines" are not.
fn is_business(doc: &Doc<'_>, e: &Ent) -> bool {
    let tags = |w: &str| doc.grammar.tags_of(w);
    let preposition = |w: &&str| {
        tags(w)
            .iter()
            .any(|t| matches!(t, Tag::Func(f) if f.ty == FuncType::Preposition))
    };
    let head = e
        .words
        .iter()
        .take_while(|w| !preposition(w))
        .last()
        .unwrap_or_default();
    !tags(head)
        .iter()
        .any(|t| matches!(t, Tag::Noun(n) if n.kind == NounKind::Org && !n.firm))
}

/// Whether the lexicon has `w` as a word for a business (`firm=yes`: "drugmaker", "bank").
fn is_firm_word(doc: &Doc<'_>, w: &str) -> bool {
    doc.grammar
        .tags_of(w)
        .iter()
        .any(|t| matches!(t, Tag::Noun(n) if n.firm))
}

/// Whether `hay` contains `needle`, ignoring ASCII case.
fn contains_lower(hay: &str, needle: &str) -> bool {
    !needle.is_empty()
        && hay
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether `head` is `norm_head(w)`, without building that string for an ASCII word.
fn is_norm_head(head: &str, w: &str) -> bool {
    if !w.is_ascii() {
        return norm_head(w) == head;
    }
    // As `norm_head`, on `w` as it is: its endings compared ignoring ASCII case.
    let ends = |suffix: &str| {
        w.len() >= suffix.len()
            && w.get(w.len() - suffix.len()..)
                .is_some_and(|e| e.eq_ignore_ascii_case(suffix))
    };
    // Whether `head` is `w` in lower case, less its last `cut` bytes, with `tail` appended.
    let cut_is = |cut: usize, tail: &str| {
        head.strip_suffix(tail).is_some_and(|h| {
            w.get(..w.len() - cut)
                .is_some_and(|stem| is_lower_of(h, stem))
        })
    };
    if w.eq_ignore_ascii_case("people") || w.eq_ignore_ascii_case("persons") {
        head == "person"
    } else if ends("ies") {
        cut_is(3, "y")
    } else if ends("s") && !ends("ss") {
        cut_is(1, "")
    } else {
        is_lower_of(head, w)
    }
}

/// The text of tokens `[a, b)` (empty when they are out of range), borrowed, not copied.
fn text_of<'a>(doc: &Doc<'a>, a: usize, b: usize) -> &'a str {
    span_of(doc, a, b).of(doc.text)
}

/// Whether `lower` is `word.to_lowercase()` (without allocating for ASCII words).
fn is_lower_of(lower: &str, word: &str) -> bool {
    if word.is_ascii() {
        lower.len() == word.len()
            && lower
                .bytes()
                .zip(word.bytes())
                .all(|(l, w)| l == w.to_ascii_lowercase())
    } else {
        lower == word.to_lowercase()
    }
}

/// Whether `a.to_lowercase() == b.to_lowercase()` (without allocating for ASCII).
fn same_lowercase(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// The words of `s`, as `s.split_whitespace()` yields them (every name is split so, at each
/// mention): quicker on ASCII text, whose bytes are tested one by one rather than decoded.
enum Words<'a> {
    /// The rest of an ASCII text.
    Ascii(&'a str),
    /// Any other text.
    Other(std::str::SplitWhitespace<'a>),
}

impl<'a> Words<'a> {
    fn of(s: &'a str) -> Self {
        if s.is_ascii() {
            Words::Ascii(s)
        } else {
            Words::Other(s.split_whitespace())
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Words::Other(words) => words.next(),
            Words::Ascii(rest) => {
                // The ASCII characters `char::is_whitespace` accepts: space, and tab to carriage
                // return (vertical tab included, unlike `u8::is_ascii_whitespace`).
                let space = |b: u8| b == b' ' || (b'\t'..=b'\r').contains(&b);
                let start = rest.bytes().position(|b| !space(b))?;
                let tail = rest.get(start..)?;
                let (word, after) =
                    tail.split_at_checked(tail.bytes().position(space).unwrap_or(tail.len()))?;
                *rest = after;
                Some(word)
            }
        }
    }
}

/// Whether `np` is a definite organisation role ("the club", "the company"): one that
/// [`Entities::org_named_in_claim`] may find named at the start of its claim.
pub fn is_org_role(np: &Np<'_>) -> bool {
    np.kind == NpKind::Role
        && np.definite
        && !np.possessive
        && np.head_title.is_none()
        && np.noun_kind() == NounKind::Org
}

/// `s` without a final "'s" or "’s". Compared as bytes (as `str::strip_suffix` does, without
/// its searcher): both suffixes begin with a whole character, so the cut is at a boundary.
fn strip_possessive(s: &str) -> &str {
    let b = s.as_bytes();
    let cut = if b.ends_with(b"'s") {
        2
    } else if b.ends_with("\u{2019}s".as_bytes()) {
        4
    } else {
        return s;
    };
    s.get(..b.len() - cut).unwrap_or(s)
}

/// `v.push(x)` for an entity's short lists (titles, roles): the first push allocates room for
/// four directly, which is quicker than the growth path. A list holds at most [`SHORT_MAX`]
/// items: each is searched for every mention, and a long document can give one entity ever
/// more modifiers.
pub(super) fn push_short<T>(v: &mut Vec<T>, x: T) {
    if v.capacity() == 0 {
        *v = Vec::with_capacity(4);
    }
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
        (Some(s), Some(e)) => Span::new(s.span.start, e.span.end),
        _ => Span::default(),
    }
}

impl Entities {
    /// Follows merges to the live entity.
    pub fn live(&self, mut id: usize) -> usize {
        let mut guard = 0;
        while let Some(next) = self.list.get(id).and_then(|e| e.merged_into) {
            id = next;
            guard += 1;
            if guard > self.list.len() {
                break;
            }
        }
        id
    }

    fn touch(&mut self, id: usize, span: Span, kind: MentionKind, subject: bool) {
        if let Some(slot) = self.recent.get_mut(self.recent_at % RECENT) {
            *slot = (span, id);
            self.recent_at += 1;
        }
        if let Some(e) = self.list.get_mut(id) {
            // Mentions arrive nearly in order: a repeat is among the last few. A name inside a
            // mention already recorded ("OSTA" in "the state news agency OSTA") is that mention,
            // and a mention around one recorded replaces it.
            let n = e.mentions.len();
            let recent = e
                .mentions
                .get_mut(n.saturating_sub(8)..)
                .unwrap_or_default();
            if let Some(m) = recent
                .iter_mut()
                .find(|(s, _)| span.start <= s.start && s.end <= span.end)
            {
                *m = (span, kind);
            } else if !recent
                .iter()
                .any(|(s, _)| s.start <= span.start && span.end <= s.end)
            {
                e.mentions.push((span, kind));
            }
            e.last_mention = e.last_mention.max(span.start);
            if subject {
                e.last_subject = Some(e.last_subject.map_or(span.start, |x| x.max(span.start)));
            }
        }
        if self.list.len() > WINDOW {
            self.enter_window(id);
        }
    }

    /// Records that entity `id` was just mentioned in [`Self::window`] (made from every entity
    /// the first time): it enters it, in place of the least recently mentioned one.
    fn enter_window(&mut self, id: usize) {
        let (last, bits) = self
            .list
            .get(id)
            .map_or((0, 0), |e| (e.last_mention, e.words.bits));
        if self.window.is_empty() {
            let mut all: Vec<(usize, usize, u64)> = (self.list.iter().enumerate())
                .filter(|(i, e)| e.merged_into.is_none() || *i == id)
                .map(|(i, e)| (i, e.last_mention, e.words.bits))
                .collect();
            // The most recent first; among equals, the later entity.
            all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
            all.truncate(WINDOW);
            all.sort_unstable();
            self.window = all;
            return;
        }
        match self.window.binary_search_by_key(&id, |&(i, _, _)| i) {
            Ok(at) => {
                if let Some(slot) = self.window.get_mut(at) {
                    *slot = (id, last, bits);
                }
            }
            Err(at) => {
                let oldest = (self.window.iter().enumerate())
                    .min_by_key(|(_, &(i, m, _))| (m, i))
                    .map(|(k, _)| k);
                self.window.insert(at, (id, last, bits));
                if self.window.len() > WINDOW {
                    if let Some(k) = oldest.map(|k| if k >= at { k + 1 } else { k }) {
                        self.window.remove(k);
                    }
                }
            }
        }
    }

    /// Records `np`'s titles, role families, modifiers and gender on entity `id`.
    fn add_titles(&mut self, id: usize, doc: &Doc<'_>, np: &Np<'_>) {
        let gender = if self.list.get(id).is_some_and(|e| e.gender.is_none()) {
            np.gender(doc)
        } else {
            None
        };
        self.add_titles_gendered(id, doc, np, gender);
    }

    /// [`Self::add_titles`] with `np`'s gender already known (`Np::gender` is not free): it is
    /// only read when the entity has none.
    fn add_titles_gendered(
        &mut self,
        id: usize,
        doc: &Doc<'_>,
        np: &Np<'_>,
        gender: Option<Gender>,
    ) {
        let Some(e) = self.list.get_mut(id) else {
            return;
        };
        // A qualified title ("former mayor") is shown, but is no role a later "the mayor" names.
        let qualified = np.title.is_some_and(|(a, b)| is_qualified(doc, a, b))
            || (np.kind == NpKind::Role && is_qualified_role(doc, np));
        if let Some((a, b)) = np.title {
            // A title without its definite articles ("the foreign minister": "foreign minister").
            let mut from = a;
            while from < b
                && doc
                    .word_tags(from)
                    .any(|x| matches!(x, Tag::Func(f) if f.article && f.definite))
            {
                from += 1;
            }
            let t = if from < b {
                span_of(doc, from, b).of(doc.text)
            } else {
                ""
            };
            // A lone determiner before a name ("the World Health Organization") is no title.
            let article = b == a + 1 && doc.is_func(a, FuncType::Determiner);
            if !t.is_empty() && !article && !e.titles.iter().any(|x| x == t) {
                push_short(&mut e.titles, t.to_string());
                if !qualified {
                    push_short(&mut e.roles, lowercase(t));
                }
            }
        }
        if qualified {
            if e.gender.is_none() {
                e.gender = gender;
            }
            return;
        }
        if let Some((a, b, _)) = np.head_title {
            let t = span_of(doc, a, b).of(doc.text);
            if !e.roles.iter().any(|r| is_lower_of(r, t)) {
                push_short(&mut e.roles, lowercase(t));
            }
        }
        for t in &np.titles {
            if !e.classes.contains(&t.class) {
                push_short(&mut e.classes, t.class.clone());
            }
        }
        if let Some(c) = np.head.and_then(|(_, _, n)| n.class.as_ref()) {
            if !e.classes.contains(c) {
                push_short(&mut e.classes, c.clone());
            }
        }
        for m in np.modifiers(doc) {
            if !e.modifiers.iter().any(|x| is_lower_of(x, m)) {
                push_short(&mut e.modifiers, lowercase(m));
            }
        }
        if e.gender.is_none() {
            e.gender = gender;
        }
    }

    /// A new entity with no proper name (a role, a pronoun), so no name words (see [`Ent::words`]).
    fn new_entity(&mut self, kind: EntityKind, name: String) -> usize {
        self.new_entity_with_words(kind, name, NameWords::default())
    }

    /// A new entity with the name's words given: lower case, possessive stripped.
    fn new_entity_with_words(&mut self, kind: EntityKind, name: String, words: NameWords) -> usize {
        // A story has about a dozen entities: room for them at once, rather than regrowing
        // (and moving every entity) from four.
        if self.list.capacity() == 0 {
            self.list.reserve(16);
        }
        self.list.push(Ent {
            kind,
            name,
            words,
            named: false,
            titles: Vec::new(),
            roles: Vec::new(),
            classes: Vec::new(),
            modifiers: Vec::new(),
            head: None,
            gender: None,
            plural: false,
            anonymous: false,
            vague: false,
            reason: None,
            request: None,
            // Touched at once: room for the few mentions an entity gets, without the growth path.
            mentions: Vec::with_capacity(4),
            last_subject: None,
            last_mention: 0,
            voice: None,
            merged_into: None,
            placeholder: false,
            outlet: false,
            age: None,
            cataphoric: false,
            firm_placeholder: false,
            weak: false,
        });
        self.list.len() - 1
    }

    /// Adds entity `id` under each of its name words, once there is an index.
    fn index_words(&mut self, id: usize) {
        let (Some(e), Some(by_word)) = (self.list.get(id), self.by_word.as_mut()) else {
            return;
        };
        // The words are lower case already: `new_entity` and `name` store them so.
        for w in e.words.iter() {
            by_word
                .entry(word_key(w))
                .and_modify(|ids| ids.push(id))
                .or_insert(Ids {
                    first: id,
                    rest: Vec::new(),
                });
        }
        self.by_name
            .entry(word_key(&e.words.text))
            .and_modify(|ids| ids.push(id))
            .or_insert(Ids {
                first: id,
                rest: Vec::new(),
            });
    }

    /// Builds [`Self::by_word`] from every entity's name words.
    fn index_all(&mut self) {
        self.by_word = Some(HashMap::with_capacity_and_hasher(
            4 * self.list.len(),
            FixedState::default(),
        ));
        for id in 0..self.list.len() {
            self.index_words(id);
        }
    }

    /// Entities not merged into another, with their ids, in id order: every one, or in a
    /// document of more than [`WINDOW`] entities the [`Self::window`] of the most recently
    /// mentioned.
    fn alive(&self) -> impl Iterator<Item = (usize, &Ent)> + '_ {
        let all = if self.window.is_empty() {
            self.list.len()
        } else {
            0
        };
        (0..all)
            .chain(self.window.iter().map(|&(i, _, _)| i))
            .filter_map(|i| self.list.get(i).map(|e| (i, e)))
            .filter(|(_, e)| e.merged_into.is_none())
    }

    /// Most salient of `cands` before byte `pos`: the latest subject or speaker, else the latest
    /// mention.
    fn most_salient(&self, cands: impl Iterator<Item = usize>, pos: usize) -> Option<usize> {
        // The latest mention before `pos`: mentions are kept nearly in order, so a reverse scan
        // stops at once.
        let last_before = |e: &Ent| {
            e.mentions
                .iter()
                .rev()
                .map(|(s, _)| s.start)
                .find(|&s| s < pos)
        };
        cands
            .filter_map(|i| {
                let e = self.list.get(i)?;
                let last = last_before(e)?;
                let subj = e.last_subject.filter(|&x| x < pos);
                Some(((subj.is_some(), subj.unwrap_or(0), last), i))
            })
            .max_by_key(|(k, _)| *k)
            .map(|(_, i)| i)
    }

    /// Resolves a proper name, creating the entity if it is new. `register_only`: a mention
    /// outside an attribution, which only creates entities for names that look like people.
    pub fn name(
        &mut self,
        doc: &Doc<'_>,
        np: &Np<'_>,
        subject: bool,
        register_only: bool,
    ) -> Option<usize> {
        let (a, b) = np.name?;
        let span = span_of(doc, a, b);
        // A name read as a possessive drops its "'s"; one that is not keeps it ("Harlan's said").
        let raw = if np.possessive {
            strip_possessive(span.of(doc.text))
        } else {
            span.of(doc.text)
        };
        // The name's words, compared with the entities' lower-cased words. An ASCII name is
        // compared ignoring ASCII case; any other is lower-cased first (as a whole: white space
        // bounds the context of case mapping, so this is each word lower-cased).
        let ascii = raw.is_ascii();
        let lower: std::borrow::Cow<'_, str> = if ascii {
            raw.into()
        } else {
            raw.to_lowercase().into()
        };
        // Held on the stack: a name has at most `NAME_WORDS` (a vector takes any more).
        let mut inline = [""; NAME_WORDS];
        // As `Words::of(&lower)`, without testing the text for ASCII again.
        let mut split = if ascii {
            Words::Ascii(raw)
        } else {
            Words::Other(lower.split_whitespace())
        };
        let mut n = 0;
        for (slot, w) in inline.iter_mut().zip(&mut split) {
            *slot = w;
            n += 1;
        }
        let more: Vec<&str>;
        let words: &[&str] = match split.next() {
            None => inline.get(..n).unwrap_or_default(),
            Some(w) => {
                more = inline
                    .iter()
                    .copied()
                    .chain(std::iter::once(w))
                    .chain(split)
                    .collect();
                &more
            }
        };
        let same = |ew: &str, w: &&str| ew.eq_ignore_ascii_case(w);
        // Same person: equal names, one name's words inside the other's sharing a word.
        let mut found = None;
        let mut best_rank = 0;
        // "Ms. Pryor" is not "Mr. Pryor": a gender shown here must not contradict the entity's.
        let gender_here = np.gender(doc);
        if self.by_word.is_none() && self.list.len() > SCAN_MAX {
            self.index_all();
        }
        // Every match shares a word; candidates in id order, as a scan of all would meet them.
        // The key and candidate buffers are kept from call to call: no allocation per lookup.
        let Scratch { key, cands } = &mut self.scratch;
        cands.clear();
        match &self.by_word {
            // The entities with a word bit of the name's: any other shares no word, so ranks 0
            // below. With no word, none (as the index would give).
            None => {
                let bits = words.iter().fold(0, |bits, w| bits | word_bit(w));
                cands.extend(
                    self.list
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| e.words.bits & bits != 0)
                        .map(|(i, _)| i),
                );
            }
            Some(by_word) => {
                // In a long document (more than `WINDOW` entities), a word shared by more than
                // `COMMON` entities (a common surname, or input built to be slow) gives only the
                // last `COMMON` indexed under it; the entities of this very name and of the last
                // few mentions are candidates too. So a lookup reads a bounded number of
                // entities, however many share its words.
                let long = self.list.len() > WINDOW;
                for w in words {
                    key.clear();
                    key.push_str(w);
                    key.make_ascii_lowercase();
                    if let Some(ids) = by_word.get(&word_key(key)) {
                        if long && ids.rest.len() >= COMMON {
                            cands.extend(ids.rest.iter().rev().take(COMMON));
                        } else {
                            cands.push(ids.first);
                            cands.extend_from_slice(&ids.rest);
                        }
                    }
                }
                if long {
                    key.clear();
                    for (k, w) in words.iter().enumerate() {
                        if k > 0 {
                            key.push(' ');
                        }
                        key.push_str(w);
                    }
                    key.make_ascii_lowercase();
                    if let Some(ids) = self.by_name.get(&word_key(key)) {
                        cands.push(ids.first);
                        cands.extend(ids.rest.iter().rev().take(COMMON));
                    }
                    // And the entities just mentioned ("Ana Smith said … Smith added").
                    let last = (1..=COMMON.min(self.recent_at))
                        .filter_map(|k| self.recent.get((self.recent_at - k) % RECENT));
                    cands.extend(last.map(|&(_, id)| id));
                }
                cands.sort_unstable();
                cands.dedup();
            }
        }
        for (i, e) in cands.iter().filter_map(|&i| {
            self.list
                .get(i)
                .filter(|e| e.merged_into.is_none())
                .map(|e| (i, e))
        }) {
            if !e.named || (gender_here.is_some() && e.gender.is_some() && e.gender != gender_here)
            {
                continue;
            }
            // One side's word is a part of the other's hyphenated one: "Vera Halloran" (her
            // maiden name) is "Vera Halloran-Sokol".
            let part = |ew: &str, w: &&str| {
                same(ew, w)
                    || ew.split('-').any(|p| same(p, w))
                    || w.split('-').any(|p| same(ew, &p))
            };
            let rank = if e.words.len() == words.len()
                && e.words.iter().zip(words).all(|(ew, w)| same(ew, w))
            {
                4
            } else if let ([w], Some(ew)) = (words, e.words.last()) {
                if same(ew, w) {
                    3
                } else if e.words.first().is_some_and(|ew| same(ew, w)) {
                    2
                } else if e.words.len() >= 3 && e.words.iter().skip(1).any(|ew| same(ew, w)) {
                    // A first surname of a longer name: "Benavides" for "Arturo Benavides de
                    // la Garza", "Castillo" for "Luz Marina del Castillo Ferrer".
                    1
                } else {
                    0
                }
            } else if words.len() > 1
                && (words.iter().all(|w| e.words.iter().any(|ew| same(ew, w)))
                    || e.words.iter().all(|ew| words.iter().any(|w| same(ew, w))))
                && e.words
                    .last()
                    .zip(words.last())
                    .is_some_and(|(ew, w)| same(ew, w))
            {
                3
            } else if words.len() > 1
                && e.words.len() == words.len()
                && e.words.iter().zip(words).all(|(ew, w)| part(ew, w))
            {
                2
            } else {
                0
            };
            if rank > best_rank
                || (rank == best_rank
                    && rank > 0
                    && found
                        .and_then(|f: usize| self.list.get(f))
                        .is_some_and(|f| f.last_mention < e.last_mention))
            {
                best_rank = rank;
                found = Some(i);
            }
        }
        // "the International Monetary Fund" … "the IMF said": an acronym names the organisation
        // whose name it abbreviates (the most recently mentioned, when several do).
        let mut short_form = false;
        if found.is_none() && np.org_name && b == a + 1 && is_acronym(doc, a) {
            found = self.abbreviated(doc, raw);
            short_form = found.is_some();
        }
        let id = match found {
            Some(i) => {
                if let Some(e) = self.list.get_mut(i) {
                    e.weak = false;
                }
                // A longer name replaces the one known; a short form keeps it.
                if let Some(e) = self
                    .list
                    .get_mut(i)
                    .filter(|e| words.len() > e.words.len() && !short_form)
                {
                    e.name = raw.to_string();
                    e.words = NameWords::new(words.iter(), raw.len()).ascii_lowercase();
                    self.index_words(i);
                }
                i
            }
            None => {
                // A lone capitalised subject followed by a lower-case word, its verb ("Burton
                // explained", "Burton has said"), not a word opening a phrase: "According to
                // …", "Speaking at …", "Dozens of fishermen …". Only asked (a binary search of
                // the sentences) for a mention outside an attribution that nothing else shows to
                // be personal.
                let lone_subject = || {
                    let opens_phrase = [
                        FuncType::Preposition,
                        FuncType::Determiner,
                        FuncType::Connective,
                        FuncType::Complementizer,
                    ]
                    .into_iter()
                    .any(|ty| doc.is_func(np.end, ty));
                    subject
                        && doc.starts_sentence(np.start)
                        && doc.tokens.get(np.end).is_some()
                        && doc.tok_text(np.end).starts_with(char::is_lowercase)
                        && doc.is_word(np.end)
                        && !opens_phrase
                };
                let personal = np.title.is_some()
                    || words.len() > 1
                    || gender_here.is_some()
                    || np.org_noun_before;
                if register_only && !personal && !lone_subject() {
                    return None;
                }
                // A name closed by an organisation or group noun ("West Yorkshire Police").
                let kind = if np.outlet
                    || np.org_name
                    || matches!(np.noun_kind(), NounKind::Org | NounKind::Group)
                        && np.head.is_some()
                {
                    EntityKind::Organisation
                } else {
                    EntityKind::Person
                };
                let lower_words = if ascii {
                    // These are the words of `raw`: only lower case is missing.
                    NameWords::new(words.iter().map(|w| strip_possessive(w)), raw.len())
                        .ascii_lowercase()
                } else {
                    NameWords::new(
                        Words::of(raw).map(|w| lowercase(strip_possessive(w))),
                        raw.len(),
                    )
                };
                let id = self.new_entity_with_words(kind, raw.to_string(), lower_words);
                if let Some(e) = self.list.get_mut(id) {
                    e.named = true;
                    e.weak = register_only && !personal;
                }
                self.index_words(id);
                // A role named before the person: "the governor" … "Gov. Hale".
                if kind == EntityKind::Person && (np.title.is_some()) {
                    self.claim_placeholders(doc, np, id);
                }
                // "… will stop in October, its operator has confirmed. Westline Ferries said …":
                // the lede's unnamed business is the first organisation named as a subject.
                // Named in the paragraph after the lede, as news style names it there.
                // (A binary search: the sentences are in text order.)
                let second_paragraph = || {
                    doc.sentences
                        .get(doc.sentences.partition_point(|s| s.end <= np.start))
                        .filter(|s| s.start <= np.start && np.start < s.end)
                        .is_some_and(|s| s.paragraph == 1)
                };
                if kind == EntityKind::Organisation && subject && !np.outlet && second_paragraph() {
                    self.claim_firm_placeholder(doc, id);
                }
                id
            }
        };
        self.add_titles_gendered(id, doc, np, gender_here);
        let age = age_after(doc, np.end);
        if let Some(e) = self.list.get_mut(id) {
            e.age = e.age.or(age);
            e.outlet |= np.outlet;
            if np.outlet {
                e.kind = EntityKind::Organisation;
            }
        }
        self.touch(
            id,
            span_of(doc, np.start, np.end),
            MentionKind::Name,
            subject,
        );
        Some(id)
    }

    /// The live organisation whose name's capitalised words have the acronym `w` for initials
    /// ("IMF", "U.N."; "The Office for Budget Responsibility" for "OBR"): the most recently
    /// mentioned, when several do. `w` is an acronym ([`is_acronym`]: all capitals,
    /// so "BoE" is not read).
    fn abbreviated(&self, doc: &Doc<'_>, w: &str) -> Option<usize> {
        let letters = w.bytes().filter(u8::is_ascii_alphabetic);
        self.alive()
            .filter(|(_, e)| e.kind == EntityKind::Organisation)
            .filter(|(_, e)| {
                // Capitalised words, but an article opening the name ("The Office for …").
                let article = |x: &str| {
                    doc.grammar
                        .tags_of(&x.to_ascii_lowercase())
                        .iter()
                        .any(|t| matches!(t, Tag::Func(f) if f.article))
                };
                let initials = e
                    .name
                    .split_whitespace()
                    .filter(|x| x.starts_with(|c: char| c.is_ascii_uppercase()) && !article(x));
                let initials = initials.map(|x| x.as_bytes().first().copied().unwrap_or(0));
                initials.clone().count() >= 2 && initials.eq(letters.clone())
            })
            .max_by_key(|(_, e)| e.last_mention)
            .map(|(i, _)| i)
    }

    /// "Manchester United have sacked their coach …, the club announced": a definite
    /// organisation role (`role`) closing a claim names the organisation whose name (`name`)
    /// opens it. Resolves the name, as an organisation, with the role as its mention; `None`
    /// when the name is a person's (a given name, a title or a gender) or the role is not that.
    pub fn org_named_in_claim(
        &mut self,
        doc: &Doc<'_>,
        name: &Np<'_>,
        role: &Np<'_>,
    ) -> Option<usize> {
        let org_role = is_org_role(role);
        let personal = name.title.is_some()
            || doc.has(
                name.name.map_or(name.start, |(a, _)| a),
                TokClass::FIRST_NAME,
            )
            || name.gender(doc).is_some();
        if !org_role || personal || name.possessive {
            return None;
        }
        let named = self.name(doc, name, true, false)?;
        let id = self.live(named);
        let e = self.list.get_mut(id)?;
        if e.gender.is_some() || !e.titles.is_empty() {
            return None;
        }
        e.kind = EntityKind::Organisation;
        // Its later "the club" names it too.
        if let (None, Some((a, b, _))) = (&e.head, role.head) {
            e.head = Some(norm_head(text_of(doc, a, b)));
        }
        self.touch(
            id,
            span_of(doc, role.start, role.end),
            MentionKind::Role,
            true,
        );
        Some(id)
    }

    fn claim_placeholders(&mut self, doc: &Doc<'_>, np: &Np<'_>, id: usize) {
        // "Labour's shadow chancellor Tom Reyes" is not the story's earlier "the chancellor".
        if np.title.is_some_and(|(a, b)| is_qualified(doc, a, b)) {
            return;
        }
        // Only a placeholder is claimed: with none (the usual case), no need to build the lists.
        if !self.alive().any(|(_, e)| e.placeholder) {
            return;
        }
        let titles: Vec<String> = np
            .title
            .map(|(a, b)| lowercase(text_of(doc, a, b)))
            .into_iter()
            .collect();
        // A title narrowed by a capitalised modifier names another office than a role of the
        // same family: "Conservative leader Kemi Adeyemi" is not the story's "the Prime
        // Minister" (both leaders). Its own words can still fit ("Japanese Prime Minister").
        let classes: Vec<String> = if np.modifier_tokens(doc).next().is_some() {
            Vec::new()
        } else {
            np.titles.iter().map(|t| t.class.clone()).collect()
        };
        self.claim_roles(&titles, &classes, id);
    }

    /// The named organisation `id` takes over the lede's unnamed business, if one waits and
    /// the name is a business's by its last word ("Westline Ferries", "Harrow Bakers Ltd"; not
    /// "Brinsford Council" or "the U.N.").
    fn claim_firm_placeholder(&mut self, doc: &Doc<'_>, id: usize) {
        let Some(i) = self
            .alive()
            .find(|(_, e)| e.firm_placeholder)
            .map(|(i, _)| i)
        else {
            return;
        };
        let firm_name = self
            .list
            .get(id)
            .and_then(|e| e.words.last())
            .is_some_and(|w| {
                doc.grammar
                    .tags_of(w)
                    .iter()
                    .any(|t| matches!(t, Tag::Noun(n) if n.firm))
            });
        if i == id || !firm_name {
            return;
        }
        // Only one waits: the lede is named once.
        for e in &mut self.list {
            e.firm_placeholder = false;
        }
        self.merge_into(i, id);
    }

    /// Entity `from` is `into`: its mentions move there, and it points there.
    fn merge_into(&mut self, from: usize, into: usize) {
        let Some(p) = self.list.get_mut(from) else {
            return;
        };
        let mentions = std::mem::take(&mut p.mentions);
        let last_subject = p.last_subject;
        p.merged_into = Some(into);
        if let Some(t) = self.list.get_mut(into) {
            t.mentions.extend(mentions);
            t.mentions.sort_by_key(|(s, _)| s.start);
            t.last_subject = t.last_subject.max(last_subject);
        }
    }

    /// A named person takes over earlier role-only placeholders whose role it holds: "the
    /// governor" said …, then "Gov. Richard Hale".
    pub fn claim_roles(&mut self, titles: &[String], classes: &[String], id: usize) {
        // Every entity, or the recent ones (as `alive`; copied, since merging changes them).
        let all = if self.window.is_empty() {
            self.list.len()
        } else {
            0
        };
        let recent: Vec<usize> = self.window.iter().map(|&(i, _, _)| i).collect();
        for i in (0..all).chain(recent) {
            // A source whose anonymity the copy states ("requesting anonymity") stays unnamed.
            let Some(e) = self.list.get(i).filter(|e| {
                i != id
                    && e.placeholder
                    && e.merged_into.is_none()
                    && e.request.is_none()
                    && e.reason.is_none()
            }) else {
                continue;
            };
            let head_last = e
                .head
                .as_deref()
                .and_then(|h| h.split_whitespace().next_back())
                .unwrap_or("");
            let fits = titles
                .iter()
                .any(|t| t.split_whitespace().any(|w| is_norm_head(head_last, w)))
                || (!e.cataphoric
                    && e.classes
                        .iter()
                        .any(|c| classes.contains(c) && c != "honorific" && c != "official"));
            if fits {
                self.merge_into(i, id);
            }
        }
    }

    /// Resolves any speaker phrase at byte `pos`.
    pub fn resolve(&mut self, doc: &Doc<'_>, np: &Np<'_>, subject: bool) -> Option<usize> {
        let span = span_of(doc, np.start, np.end);
        if np.kind != NpKind::Name {
            let seen = (1..=RECENT.min(self.recent_at)).find_map(|k| {
                self.recent
                    .get((self.recent_at - k) % RECENT)
                    .filter(|(s, _)| *s == span)
            });
            if let Some(&(_, id)) = seen {
                let id = self.live(id);
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
            NpKind::Pronoun => {
                let p = np.pronoun?;
                let pos = span.start;
                // Candidates go straight to `most_salient`, without a vector in between.
                let cands = self
                    .alive()
                    .filter(|(_, e)| match p.kind {
                        NounKind::Person => {
                            (e.kind != EntityKind::Organisation
                                && !e.weak
                                && e.kind != EntityKind::Document
                                && !e.plural
                                && (p.gender.is_none()
                                    || e.gender.is_none()
                                    || e.gender == p.gender)
                                && !(e.kind == EntityKind::Group))
                                || e.voice.is_some_and(|(g, at)| {
                                    p.gender == Some(g) && at == e.last_mention
                                })
                        }
                        NounKind::Org => {
                            matches!(e.kind, EntityKind::Organisation | EntityKind::Document)
                                || (e.named
                                    && e.gender.is_none()
                                    && e.titles.is_empty()
                                    && e.words.len() > 1)
                        }
                        _ => {
                            e.plural
                                || matches!(e.kind, EntityKind::Group | EntityKind::Organisation)
                        }
                    })
                    .map(|(i, _)| i);
                let found = self.most_salient(cands, pos);
                let id = match found {
                    Some(id) => id,
                    None => {
                        // No antecedent in the text: the pronoun itself names the speaker.
                        let id = self.new_entity(
                            if p.kind == NounKind::Org {
                                EntityKind::Organisation
                            } else {
                                EntityKind::Person
                            },
                            span.of(doc.text).to_string(),
                        );
                        if let Some(e) = self.list.get_mut(id) {
                            e.plural = p.plural;
                        }
                        id
                    }
                };
                if let Some(e) = self.list.get_mut(id) {
                    // An unnamed source called "she" is a woman too.
                    if e.gender.is_none()
                        && matches!(e.kind, EntityKind::Person | EntityKind::Anonymous)
                        && !e.plural
                    {
                        e.gender = p.gender;
                    }
                    // A name referred to as "it" names an organisation.
                    if p.kind == NounKind::Org && e.kind == EntityKind::Person && e.named {
                        e.kind = EntityKind::Organisation;
                    }
                }
                self.touch(id, span, MentionKind::Pronoun, subject);
                // "She said …" again: the spokeswoman still has the floor.
                if let Some(e) = self
                    .list
                    .get_mut(id)
                    .filter(|e| e.kind == EntityKind::Organisation)
                {
                    if let Some((g, _)) = e.voice.filter(|(g, _)| p.gender == Some(*g)) {
                        e.voice = Some((g, e.last_mention));
                    }
                }
                Some(id)
            }
            NpKind::Role => self.role(doc, np, subject),
        }
    }

    fn role(&mut self, doc: &Doc<'_>, np: &Np<'_>, subject: bool) -> Option<usize> {
        let span = span_of(doc, np.start, np.end);
        let text = span.of(doc.text);
        let pos = span.start;
        // "King said …" after "Rep. Carl King": a bare capitalised title word that is a named
        // person's surname names that person.
        if np.end == np.start + 1 && np.head_title.is_some() && doc.is_cap(np.start) {
            let w = doc.tok_text(np.start);
            let surname = |e: &Ent| {
                e.named
                    && e.kind == EntityKind::Person
                    && e.words.len() > 1
                    && e.words.last().is_some_and(|x| x.eq_ignore_ascii_case(w))
            };
            if let Some(id) = self.most_salient(
                self.alive().filter(|(_, e)| surname(e)).map(|(i, _)| i),
                pos,
            ) {
                self.touch(id, span, MentionKind::Name, subject);
                return Some(id);
            }
        }
        // An unnamed spokesperson speaks for the organisation the story has named.
        if let Some(id) = self.spokesperson_org(doc, np, pos) {
            self.touch(id, span, MentionKind::Role, subject);
            let voice = np.gender(doc);
            if let Some(e) = self.list.get_mut(id) {
                e.voice = voice.map(|g| (g, pos));
            }
            return Some(id);
        }
        let noun = np.head.map(|(_, _, n)| n);
        // "One diplomat said …. Another said …": a lone "one" or "another" is one more of the
        // unnamed sources just quoted, as anonymous as they are.
        let lone = np.head.is_none()
            && np.head_title.is_none()
            && super::np::lone_of_group(doc, np.start, np.end);
        let kin = if lone {
            self.most_salient(
                self.alive().filter(|(_, e)| e.anonymous).map(|(i, _)| i),
                pos,
            )
        } else {
            None
        };
        // "…, one of them said": one of the group just named speaks for it.
        if let Some(k) = kin.filter(|_| np.end > np.start + 1) {
            self.touch(k, span, MentionKind::Role, subject);
            return Some(k);
        }
        let kin_head = kin
            .and_then(|k| self.list.get(k))
            .and_then(|e| e.head.clone());
        let head_word = match (np.head_title, np.head, kin_head) {
            (Some((a, b, _)), _, _) => lowercase(text_of(doc, a, b)),
            (None, Some((a, b, _)), _) => norm_head(text_of(doc, a, b)),
            (None, None, Some(h)) => h,
            _ => String::new(),
        };
        // Unnamed sources, and unnamed weasel groups ("critics", "industry insiders").
        // "Some economists", "many analysts": an unnamed group of unspecified size is vague.
        // A plural the lexicon does not know counts too ("some growers").
        let unknown_plural = np.head.is_none()
            && np.head_title.is_none()
            && np.end > np.start + 1
            && looks_plural(doc.tok_text(np.end - 1));
        let quantified = (np.plural() || unknown_plural)
            && np.noun_kind() == NounKind::Person
            && doc.is_func(np.start, FuncType::Determiner)
            && doc
                .word_tags(np.start)
                .any(|t| matches!(t, Tag::Func(f) if f.vague));
        // "Analysts at Carrow Brooks", "economists at the central bank": a group placed at an
        // organisation speaks for it, no weasel group (an anonymous source's noun stays one:
        // "an official from the Foreign Ministry").
        let at_org = np.head.is_some_and(|(_, e, _)| {
            (e..np.end).any(|t| is_name_word(doc, t) || word_noun(doc, t, NounKind::Org).is_some())
        });
        let vague = (noun.is_some_and(|n| n.vague) || quantified) && !at_org;
        let anon =
            ((noun.is_some_and(|n| n.anon) || vague) && np.head_title.is_none()) || kin.is_some();
        let kind = if anon {
            EntityKind::Anonymous
        } else if np.head_title.is_some() {
            EntityKind::Person
        } else {
            match np.noun_kind() {
                NounKind::Org => EntityKind::Organisation,
                NounKind::Document => EntityKind::Document,
                NounKind::Group => EntityKind::Group,
                _ if np.plural() => EntityKind::Group,
                // Unknown role words that end like a plural ("the inspectors", "the harbour
                // pilots") are a group, not an epithet of the person the story is about.
                _ if head_word.is_empty()
                    && np.end > np.start
                    && looks_plural(doc.tok_text(np.end - 1)) =>
                {
                    EntityKind::Group
                }
                _ => EntityKind::Person,
            }
        };
        // "The Prime Minister's Office": a possessive names its own entity, it does not refer back.
        let owned = kind == EntityKind::Organisation
            && np.start + 1 < np.end
            && doc.tok_text(np.start + 1).ends_with("'s");
        let anaphoric = (np.definite || np.partitive) && !owned;
        if anaphoric {
            // An earlier entity this role names.
            let found = match kind {
                // Candidates go straight to `most_salient`, without a vector in between: a second
                // scan of the (few) entities is cheaper than allocating.
                EntityKind::Anonymous => {
                    let same_head =
                        |e: &Ent| e.anonymous && e.head.as_deref() == Some(head_word.as_str());
                    if self.alive().any(|(_, e)| same_head(e)) {
                        self.most_salient(
                            self.alive().filter(|(_, e)| same_head(e)).map(|(i, _)| i),
                            pos,
                        )
                    } else {
                        self.most_salient(
                            self.alive().filter(|(_, e)| e.anonymous).map(|(i, _)| i),
                            pos,
                        )
                    }
                }
                // An epithet with no known role word ("the 23-year-old", "the world No. 2")
                // names the person the story is about: the most salient one.
                // An age ("the 54-year-old") picks the person given that age, when one was.
                // Not one described through another ("the defendant's former partner").
                EntityKind::Person
                    if (head_word.is_empty()
                        && (np.start..np.end)
                            .any(|t| doc.tok_text(t).bytes().any(|b| b.is_ascii_digit()))
                        || noun.is_some_and(|n| n.epithet))
                        && doc.tok_text(np.start).eq_ignore_ascii_case("the")
                        && !(np.start..np.end).any(|t| super::np::is_possessive(doc, t)) =>
                {
                    // "A senior harbour pilot … the pilot": an unnamed source described with
                    // the same last word is the one meant, before any named person.
                    let last = doc.tok_text(np.end.saturating_sub(1));
                    let described = |e: &Ent| {
                        !e.named
                            && matches!(e.kind, EntityKind::Person | EntityKind::Anonymous)
                            && e.name
                                .split_whitespace()
                                .next_back()
                                .is_some_and(|w| same_lowercase(w, last))
                    };
                    if np.end > np.start + 1 && self.alive().any(|(_, e)| described(e)) {
                        let found = self.most_salient(
                            self.alive().filter(|(_, e)| described(e)).map(|(i, _)| i),
                            pos,
                        );
                        if let Some(id) = found {
                            self.add_titles(id, doc, np);
                            self.touch(id, span, MentionKind::Role, subject);
                            return Some(id);
                        }
                    }
                    let age = (np.start..np.end).find_map(|t| epithet_age(doc.tok_text(t)));
                    // "The Dutchman" is a man: not a woman the story named.
                    let fits = |e: &Ent| {
                        noun.and_then(|n| n.gender)
                            .is_none_or(|g| e.gender.is_none_or(|eg| eg == g))
                    };
                    let named_person = |e: &Ent| e.kind == EntityKind::Person && e.named && fits(e);
                    let aged = |e: &Ent| named_person(e) && age.is_some() && e.age == age;
                    if self.alive().any(|(_, e)| aged(e)) {
                        self.most_salient(
                            self.alive().filter(|(_, e)| aged(e)).map(|(i, _)| i),
                            pos,
                        )
                    } else {
                        self.most_salient(
                            self.alive()
                                .filter(|(_, e)| named_person(e))
                                .map(|(i, _)| i),
                            pos,
                        )
                    }
                }
                // "A senior harbour pilot, who asked not to be named, … the pilot": an unnamed
                // source with the same head is the one meant, before any named holder.
                EntityKind::Person => {
                    let described = |e: &Ent| {
                        !e.named && e.anonymous && e.head.as_deref() == Some(head_word.as_str())
                    };
                    if self.alive().any(|(_, e)| described(e)) {
                        self.most_salient(
                            self.alive().filter(|(_, e)| described(e)).map(|(i, _)| i),
                            pos,
                        )
                    } else {
                        self.best_role_holder(doc, np, &head_word, pos)
                    }
                }
                EntityKind::Organisation => {
                    let cands = self
                        .alive()
                        .filter(|(_, e)| {
                            e.kind == EntityKind::Organisation
                                && e.outlet == np.outlet
                                // The same head ("the ministry"), a name holding it ("the Ministry
                                // of Mines"), a named firm for "the company", or an unnamed one
                                // ("the drugmaker") for any business word ("the company").
                                && (e.head.as_deref() == Some(head_word.as_str())
                                    || (e.named && (np.outlet || e.words.contains(&head_word)))
                                    || (e.named && noun.is_some_and(|n| n.firm) && is_business(doc, e))
                                    || (!e.named
                                        && noun.is_some_and(|n| n.generic)
                                        && e.head.as_deref().is_some_and(|h| is_firm_word(doc, h))
                                        // (Not another's: "the airport's operator".)
                                        && !e.name.contains("'s")
                                        && !e.name.contains("\u{2019}s")))
                        })
                        .map(|(i, _)| i);
                    self.most_salient(cands, pos)
                }
                _ => {
                    // With no known head word, only the same words name the same group.
                    let same = |e: &Ent| {
                        e.head.as_deref() == Some(head_word.as_str())
                            && (!head_word.is_empty() || same_lowercase(&e.name, text))
                    };
                    let cands = self
                        .alive()
                        .filter(|(_, e)| e.kind == kind && same(e))
                        .map(|(i, _)| i);
                    self.most_salient(cands, pos)
                }
            };
            if let Some(id) = found {
                self.add_titles(id, doc, np);
                self.touch(id, span, MentionKind::Role, subject);
                return Some(id);
            }
        } else if !anon {
            // The same group named again ("critics").
            let same = self
                .alive()
                .find(|(_, e)| !e.named && same_lowercase(&e.name, text))
                .map(|(i, _)| i);
            if let Some(id) = same {
                self.touch(id, span, MentionKind::Role, subject);
                return Some(id);
            }
        }
        let id = self.new_entity(kind, text.to_string());
        if let Some(e) = self.list.get_mut(id) {
            e.head = Some(head_word);
            e.anonymous = anon;
            e.vague = vague;
            e.plural = np.plural();
            // The lede's "a prosecutor", named in a later paragraph: news style names the
            // source after the lede.
            // (A binary search: paragraph numbers never decrease.)
            let in_lede = || {
                doc.sentences
                    .get(doc.sentences.partition_point(|s| s.paragraph == 0))
                    .is_none_or(|s| np.start < s.start)
            };
            // Only "a"/"an": "one resident … another resident, Tomas" are two people.
            let article = || {
                doc.word_tags(np.start)
                    .any(|t| matches!(t, Tag::Func(f) if f.article && !f.definite))
            };
            // An unnamed "an investigator" is anonymous until the story names them. The cheap
            // tests first: the article and the lede are looked up only for an indefinite role.
            e.cataphoric = matches!(kind, EntityKind::Person | EntityKind::Anonymous)
                && np.indefinite
                && !vague
                && !np.plural()
                && article()
                && in_lede();
            e.placeholder = (anaphoric && kind == EntityKind::Person) || e.cataphoric;
            // Only a word for any business (`generic=yes`) with nothing after it ("the company",
            // "its operator"; not "the bank", which a later name of another trade is not).
            let generic = np.head.is_some_and(|(_, e, n)| e == np.end && n.generic);
            e.firm_placeholder = kind == EntityKind::Organisation
                && np.definite
                && generic
                && !np.outlet
                && in_lede();
            e.outlet = np.outlet;
        }
        self.add_titles(id, doc, np);
        self.touch(id, span, MentionKind::Role, subject);
        Some(id)
    }

    /// The organisation an unnamed spokesperson (`np`, at byte `pos`) speaks for, when an
    /// earlier mention named it: "a council spokesman" (the word before the head), "a
    /// spokeswoman for the company", "a spokesman for the Liberal Union" (the last word of the
    /// phrase after "for"). Matched as "the council" or "the company" would be.
    fn spokesperson_org(&self, doc: &Doc<'_>, np: &Np<'_>, pos: usize) -> Option<usize> {
        let (_, he, n) = np.head?;
        if n.class.as_deref() != Some("spokesperson") || np.name.is_some() || np.plural() {
            return None;
        }
        let org_noun = |t: usize| word_noun(doc, t, NounKind::Org);
        let before = (np.start..he.saturating_sub(1))
            .rev()
            .find(|&t| org_noun(t).is_some());
        let after =
            (he + 1 < np.end && doc.tok_text(he).eq_ignore_ascii_case("for")).then(|| np.end - 1);
        let at = before.or(after)?;
        let word = lowercase(doc.tok_text(at));
        let firm = org_noun(at).is_some_and(|m| m.firm);
        let cands = self
            .alive()
            .filter(|(_, e)| {
                e.kind == EntityKind::Organisation
                    && !e.outlet
                    && (e.head.as_deref() == Some(word.as_str())
                        || (e.named && ((firm && is_business(doc, e)) || e.words.contains(&word))))
            })
            .map(|(i, _)| i);
        self.most_salient(cands, pos)
    }

    /// The person holding the role `np` names: title phrase, role family and modifiers must fit;
    /// among equals, the most salient.
    fn best_role_holder(
        &self,
        doc: &Doc<'_>,
        np: &Np<'_>,
        head: &str,
        pos: usize,
    ) -> Option<usize> {
        let class = np
            .head_title
            .map(|(_, _, t)| t.class.as_str())
            .or_else(|| np.head.and_then(|(_, _, n)| n.class.as_deref()));
        let head_last = head.split_whitespace().last().unwrap_or("");
        // "The group's founder" is not the company's chief executive: a possessor in the phrase
        // must be in the holder's name or roles.
        // (A capitalised possessor, a place or a body, is often left out of the holder's titles:
        // "Norvalia's prime minister".)
        let owner = (np.start..np.end)
            .find(|&t| super::np::is_possessive(doc, t) && !doc.is_cap(t))
            .map(|t| strip_possessive(doc.tok_text(t)));
        let owns = |e: &Ent| {
            owner.is_none_or(|o| {
                contains_lower(&e.name, o) || e.roles.iter().any(|r| contains_lower(r, o))
            })
        };
        let mut scored: Vec<(i32, usize)> = Vec::new();
        for (i, e) in self.alive() {
            if e.kind != EntityKind::Person
                || !e.mentions.iter().any(|(s, _)| s.start < pos)
                || !owns(e)
            {
                continue;
            }
            let mut score = 0;
            if e.roles
                .iter()
                .any(|r| r == head || r.strip_suffix(head).is_some_and(|p| p.ends_with(' ')))
            {
                score += 3;
            } else if e
                .roles
                .iter()
                .any(|r| r.split_whitespace().any(|w| w == head_last))
            {
                score += 2;
            }
            if class.is_some_and(|c| c != "official" && e.classes.iter().any(|x| x == c)) {
                score += 2;
            }
            if score == 0 {
                continue;
            }
            for m in np.modifiers(doc) {
                if e.modifiers.iter().any(|x| is_lower_of(x, m)) {
                    score += 2;
                } else if !e.modifiers.is_empty() {
                    score -= 3;
                }
            }
            if score > 0 {
                scored.push((score, i));
            }
        }
        let top = scored.iter().map(|(s, _)| *s).max()?;
        self.most_salient(
            scored
                .into_iter()
                .filter(|(s, _)| *s == top)
                .map(|(_, i)| i),
            pos,
        )
    }

    /// Marks an entity as seen as a subject at `span` (a subject pronoun outside an attribution).
    pub fn note_subject(&mut self, id: usize, span: Span, kind: MentionKind) {
        self.touch(id, span, kind, true);
    }
}

/// Whether a lower-case word ends like an English plural: "-s", but not "-ss", "-us", "-is" or
/// a possessive ("inspectors", not "boss", "status", "analysis", "mayor's").
pub(crate) fn looks_plural(w: &str) -> bool {
    w.len() > 3
        && w.starts_with(|c: char| c.is_ascii_lowercase())
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
        && !w.ends_with("\u{2019}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_as_split_whitespace() {
        for s in [
            "",
            " ",
            "Ann",
            "  Ann  Lee ",
            "Ann\tLee\nSmith\r\x0bJr\x0c.",
            "J. R. R.",
            "Zoë Ng",
            "Ann\u{a0}Lee \u{2003}Smith",
            "a  b",
        ] {
            assert_eq!(
                Words::of(s).collect::<Vec<_>>(),
                s.split_whitespace().collect::<Vec<_>>(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn is_norm_head_as_norm_head() {
        let words = [
            "People",
            "PERSONS",
            "Agencies",
            "ies",
            "s",
            "Boss",
            "officials",
            "Mayor",
            "ÉTATS",
            "Cities",
            "bus",
            "",
        ];
        let heads = [
            "person", "agency", "y", "", "boss", "official", "mayor", "états", "city", "bu",
            "cities", "Mayor",
        ];
        for w in words {
            for h in heads {
                assert_eq!(is_norm_head(h, w), norm_head(w) == h, "{w:?} {h:?}");
            }
        }
    }

    #[test]
    fn epithet_ages() {
        for (w, age) in [
            ("54-year-old", Some(54)),
            ("54-Year-Old's", Some(54)),
            ("year-old", None),
            ("x-year-old", None),
            ("7", None),
        ] {
            assert_eq!(epithet_age(w), age, "{w:?}");
        }
    }

    #[test]
    fn name_words() {
        let w = NameWords::new(["ann", "", "lee"].iter(), 0);
        assert_eq!(
            (w.len(), w.first(), w.last()),
            (3, Some("ann"), Some("lee"))
        );
        assert_eq!(w.iter().collect::<Vec<_>>(), ["ann", "", "lee"]);
        let none = NameWords::default();
        assert_eq!(
            (none.len(), none.first(), none.last(), none.iter().count()),
            (0, None, None, 0)
        );
        let empty = NameWords::new([""].iter(), 0);
        assert_eq!(
            (empty.len(), empty.first(), empty.last()),
            (1, Some(""), Some(""))
        );
    }

    #[test]
    fn lowercase_is_to_lowercase() {
        for s in ["", "Ann LEE", "ÉMILE Zola", "ΟΔΥΣΣΕΥΣ", "İstanbul"] {
            assert_eq!(lowercase(s), s.to_lowercase());
        }
    }

    /// `n` invented capitalised given names ("Belab", "Belac", …).
    fn given_names(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                let (a, b) = ((i / 26) as u8, (i % 26) as u8);
                format!("Bel{}{}", (b'a' + a % 26) as char, (b'a' + b) as char)
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
            r.entities.first().map(|e| e.titles.clone()),
            Some(vec!["Mayor".to_string()])
        );
    }
}
