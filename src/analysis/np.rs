//! Speaker noun phrases: pronouns, titled names, roles, anonymous descriptors, groups, outlets.
//!
//! ```text
//! np      = pronoun | name-np | role-np
//! name-np = det? (premodifier | title)* name-word+        "Japanese Prime Minister Shigeru Ishiba"
//! role-np = (det | possessive)? modifier* head postmod?   "an official from the foreign ministry"
//! ```

use nom::Parser;

use super::toks::{phrase, tok, TResult, Toks};
use crate::grammar::{AnonType, FuncType, Gender, Noun, NounKind, Pronoun, Tag, Title};
use crate::syntax::{Tag as STag, TagSet};
use crate::text::{Doc, TokClass, TokKind};
use crate::thin::Thin;

/// What a speaker phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpKind {
    /// `he`, `she`, `they`, `it`.
    Pronoun,
    /// A proper name, possibly titled.
    Name,
    /// A descriptive phrase with a head noun or title (`the minister`, `two people`).
    Role,
}

/// A parsed speaker phrase over tokens `[start, end)`.
#[derive(Debug, Clone)]
pub struct Np<'a> {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What it is.
    pub kind: NpKind,
    /// The proper-name tokens, for names: [`Np::name`] (token indices in 32 bits here: a
    /// phrase is held by every attribution and event of a long sentence).
    name_at: Option<(u32, u32)>,
    /// Title and modifier tokens before the name (`Japanese Prime Minister`): [`Np::title`].
    title_at: Option<(u32, u32)>,
    /// Title tags met in the phrase.
    pub titles: Titles<'a>,
    /// The head noun, for roles: [`Np::head`].
    head_at: Option<(u32, u32, &'a Noun)>,
    /// The head title used as a noun (`the foreign minister`): [`Np::head_title`].
    head_title_at: Option<(u32, u32, &'a Title)>,
    /// The pronoun, for pronouns.
    pub pronoun: Option<&'a Pronoun>,
    /// Definite determiner (`the`, `his`).
    pub definite: bool,
    /// Indefinite or numeral determiner (`a`, `two`, `one`).
    pub indefinite: bool,
    /// `one of the people`.
    pub partitive: bool,
    /// The phrase names a news outlet.
    pub outlet: bool,
    /// The name is an organisation's by the lexicon or its form: a country or capital
    /// speaking for its government (`places.txt`: "China", "Moscow"), or an acronym ("NATO",
    /// "U.N.").
    pub org_name: bool,
    /// A lower-case organisation noun comes right before the name ("the carmaker Veltra"), so
    /// the name is an organisation's even outside an attribution.
    pub org_noun_before: bool,
    /// The phrase ends in a possessive (`Ishiba's`): not a speaker.
    pub possessive: bool,
    /// An anonymity descriptor inside the phrase (`familiar with the matter`).
    pub descriptor: bool,
    /// Capitalised modifiers (`Japanese`): see [`Np::modifiers`].
    pub modifiers: Modifiers,
}

/// The title tags of a phrase, in order: the first two inline (no allocation), more in a thin
/// vector (a phrase is held in every attribution of a long sentence).
#[derive(Debug, Clone, Default)]
pub struct Titles<'a> {
    inline: [Option<&'a Title>; 2],
    more: Thin<&'a Title>,
}

impl<'a> Titles<'a> {
    /// Appends a title.
    pub fn push(&mut self, t: &'a Title) {
        match self.inline.iter_mut().find(|x| x.is_none()) {
            Some(slot) => *slot = Some(t),
            None => self.more.push(t),
        }
    }

    /// The titles in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a Title> + '_ {
        self.inline
            .iter()
            .flatten()
            .copied()
            .chain(self.more.iter().copied())
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.inline.iter().flatten().count() + self.more.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.inline.iter().all(Option::is_none)
    }

    /// Keeps the first `n`.
    pub fn truncate(&mut self, n: usize) {
        self.more.truncate(n.saturating_sub(self.inline.len()));
        for (k, slot) in self.inline.iter_mut().enumerate() {
            if k >= n {
                *slot = None;
            }
        }
    }
}

impl<'a> Extend<&'a Title> for Titles<'a> {
    fn extend<I: IntoIterator<Item = &'a Title>>(&mut self, iter: I) {
        for t in iter {
            self.push(t);
        }
    }
}

impl<'s, 'a> IntoIterator for &'s Titles<'a> {
    type Item = &'a Title;
    type IntoIter = std::iter::Chain<
        std::iter::Copied<std::iter::Flatten<std::slice::Iter<'s, Option<&'a Title>>>>,
        std::iter::Copied<std::slice::Iter<'s, &'a Title>>,
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.inline
            .iter()
            .flatten()
            .copied()
            .chain(self.more.iter().copied())
    }
}

/// Where a phrase's capitalised modifiers are, as tokens (their text is read when needed), in
/// 32-bit token indices (a document has fewer than 2^32 tokens): 16 bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Modifiers {
    /// None.
    #[default]
    None,
    /// The capitalised words of tokens `[a, b)` that are not title words (a name's premodifiers).
    Range(u32, u32),
    /// Token `base + k` for each bit `k` set (a role's modifiers, all within its first words).
    Mask(u32, u64),
}

/// Token index `t` in 32 bits (a document read up to 4 GiB has fewer tokens).
fn tok32(t: usize) -> u32 {
    u32::try_from(t).unwrap_or(u32::MAX)
}

/// Tokens `[a, b)` in 32 bits.
fn toks32((a, b): (usize, usize)) -> (u32, u32) {
    (tok32(a), tok32(b))
}

impl<'a> Np<'a> {
    /// The proper-name tokens `[start, end)`, for names.
    pub fn name(&self) -> Option<(usize, usize)> {
        self.name_at.map(|(a, b)| (a as usize, b as usize))
    }

    /// Sets the proper-name tokens.
    pub fn set_name(&mut self, name: Option<(usize, usize)>) {
        self.name_at = name.map(toks32);
    }

    /// Title and modifier tokens `[start, end)` before the name (`Japanese Prime Minister`).
    pub fn title(&self) -> Option<(usize, usize)> {
        self.title_at.map(|(a, b)| (a as usize, b as usize))
    }

    /// Sets the title tokens.
    pub fn set_title(&mut self, title: Option<(usize, usize)>) {
        self.title_at = title.map(toks32);
    }

    /// The head noun (its tokens `[start, end)`), for roles.
    pub fn head(&self) -> Option<(usize, usize, &'a Noun)> {
        self.head_at.map(|(a, b, n)| (a as usize, b as usize, n))
    }

    /// Sets the head noun.
    pub fn set_head(&mut self, head: Option<(usize, usize, &'a Noun)>) {
        self.head_at = head.map(|(a, b, n)| (tok32(a), tok32(b), n));
    }

    /// The head title used as a noun (`the foreign minister`), with its tokens.
    pub fn head_title(&self) -> Option<(usize, usize, &'a Title)> {
        self.head_title_at
            .map(|(a, b, t)| (a as usize, b as usize, t))
    }

    /// Sets the head title.
    pub fn set_head_title(&mut self, head_title: Option<(usize, usize, &'a Title)>) {
        self.head_title_at = head_title.map(|(a, b, t)| (tok32(a), tok32(b), t));
    }

    fn new(start: usize, end: usize, kind: NpKind) -> Self {
        Np {
            start,
            end,
            kind,
            name_at: None,
            title_at: None,
            titles: Titles::default(),
            head_at: None,
            head_title_at: None,
            pronoun: None,
            definite: false,
            indefinite: false,
            partitive: false,
            outlet: false,
            org_name: false,
            org_noun_before: false,
            possessive: false,
            descriptor: false,
            modifiers: Modifiers::None,
        }
    }

    /// The modifier tokens, in order.
    pub fn modifier_tokens<'s>(&self, doc: &'s Doc<'_>) -> impl Iterator<Item = usize> + 's {
        let (range, base, mask) = match self.modifiers {
            Modifiers::None => (0..0, 0, 0),
            Modifiers::Range(a, b) => (a as usize..b as usize, 0, 0),
            Modifiers::Mask(base, mask) => (0..0, base as usize, mask),
        };
        let mut bits = mask;
        let masked = std::iter::from_fn(move || {
            let k = bits.trailing_zeros() as usize;
            bits &= bits.wrapping_sub(1);
            (k < 64).then_some(base + k)
        });
        range
            .filter(move |&t| doc.is_cap(t) && !is_title_word(doc, t))
            .chain(masked)
    }

    /// The capitalised modifiers (`Japanese`), as written; compare them lower-cased.
    pub fn modifiers<'s>(&self, doc: &'s Doc<'_>) -> impl Iterator<Item = &'s str> + 's {
        let text = doc.text;
        self.modifier_tokens(doc)
            .map(move |t| doc.tokens.get(t).map_or("", |x| x.span().of(text)))
    }

    /// Gender the phrase itself shows (title, head noun, pronoun).
    pub fn gender(&self, doc: &Doc<'_>) -> Option<Gender> {
        if let Some(p) = self.pronoun {
            return p.gender;
        }
        if let Some(g) = self.titles.iter().find_map(|t| t.gender) {
            return Some(g);
        }
        if let Some((_, _, n)) = self.head() {
            if n.gender.is_some() {
                return n.gender;
            }
        }
        let (s, _) = self.name()?;
        doc.word_tags(s).find_map(|t| match t {
            Tag::FirstName(g) => Some(*g),
            _ => None,
        })
    }

    /// The head noun's kind (person for names and titles).
    pub fn noun_kind(&self) -> NounKind {
        match (self.kind, self.head(), self.pronoun) {
            (NpKind::Pronoun, _, Some(p)) => p.kind,
            (_, Some((_, _, n)), _) if self.head_title().is_none() => n.kind,
            _ => NounKind::Person,
        }
    }

    /// Whether the head is plural.
    pub fn plural(&self) -> bool {
        match (self.pronoun, self.head()) {
            (Some(p), _) => p.plural,
            (_, Some((_, _, n))) if self.head_title().is_none() => n.plural,
            _ => false,
        }
    }
}

/// Whether a lexicon phrase with the tag of `bit` (a `TokClass::STARTS_` bit) may start at the
/// window's first token: when not, the phrase parsers fail without reading the hits.
fn starts(i: Toks<'_, '_>, bit: u32) -> bool {
    i.first().is_some_and(|t| i.doc.has(t, bit))
}

fn is_title_word(doc: &Doc<'_>, t: usize) -> bool {
    doc.has(t, TokClass::TITLE)
}

/// Whether token `t` is a closed-class word or a pronoun.
pub fn is_function_word(doc: &Doc<'_>, t: usize) -> bool {
    is_func_word(doc, t)
}

fn is_func_word(doc: &Doc<'_>, t: usize) -> bool {
    doc.has(t, TokClass::FUNC | TokClass::PRONOUN)
}

fn is_verb_word(doc: &Doc<'_>, t: usize) -> bool {
    doc.has(t, TokClass::VERB)
}

/// A capitalised word that can be part of a proper name: not one the tagger reads as a
/// closed-class word ("May I ask", "in May" against "May Lin said"), a verb ("Warns of …",
/// "Born Vera Halloran in 1933"), a number or, outside a name, a day ("Monday"; "USA Today"
/// goes on).
pub fn is_name_word(doc: &Doc<'_>, t: usize) -> bool {
    let Some(class) = doc.tokens.get(t).map(|x| x.class) else {
        return false;
    };
    if class & TokClass::CAP == 0 || class & TokClass::PRONOUN != 0 || !doc.is_word(t) {
        return false;
    }
    let g = doc.tag(t);
    // (An auxiliary, a determiner, an adposition, a conjunction, a pronoun, "to", and a question
    // word opening a sentence: "When Ortiz checked …".)
    const CLOSED: TagSet = TagSet::AUX
        .or(TagSet::DET)
        .or(TagSet::ADP)
        .or(TagSet::PRONOUN)
        .with(STag::CconjCc)
        .with(STag::SconjIn)
        .with(STag::PartTo)
        .with(STag::AdvWrb);
    let closed = CLOSED.has(g)
        // ("Then there was …": an adverb of the lexicon's function words.)
        || g.is_adv() && class & TokClass::FUNC != 0;
    // (A word the lexicon gives as a name is one whatever the tag: "Rose Lund", "Hope Carter".)
    let given = class & TokClass::FIRST_NAME != 0 && doc.is_cap(t + 1);
    if (closed || g.is_verb() && !g.is_proper()) && !given {
        return false;
    }
    // (A time word goes on a name only after a capitalised word that is no outlet: "Super
    // Tuesday", not "told MSNBC Monday".)
    // (Read only for a time word after a capitalised one.)
    let outlet_before = || {
        t > 0 && doc.word_tags(t - 1).any(|x| matches!(x, Tag::Outlet))
            || t > 0 && {
                let w = doc.tok_text(t - 1);
                w.len() > 1 && w.bytes().all(|b| b.is_ascii_uppercase())
            }
    };
    let time = class & TokClass::func(FuncType::Time) != 0
        && !(t > 0 && doc.is_cap(t - 1) && !outlet_before());
    !time && !g.is_num()
}

/// Whether token `t` is a verb's past tense or participle, as the tagger reads it.
pub(crate) fn is_past_form(doc: &Doc<'_>, t: usize) -> bool {
    const PAST: TagSet = TagSet::of(&[STag::VerbVbd, STag::AuxVbd, STag::VerbVbn, STag::AuxVbn]);
    PAST.has(doc.tag(t))
}

/// The lexicon noun of kind `kind` that token `t` is on its own ("council", "source").
pub fn word_noun<'a>(doc: &Doc<'a>, t: usize, kind: NounKind) -> Option<&'a Noun> {
    doc.word_tags(t).find_map(|x| match x {
        Tag::Noun(n) if n.kind == kind => Some(n),
        _ => None,
    })
}

/// A word naming a person's occupation: a person noun of the lexicon ("engineer", "farmers"),
/// or a word in "-ist" ("hydrologist", "economist").
pub fn is_occupation(doc: &Doc<'_>, t: usize) -> bool {
    let w = doc.tok_text(t);
    word_noun(doc, t, NounKind::Person).is_some()
        || (w.len() > 5
            && w.get(w.len() - 3..)
                .is_some_and(|s| s.eq_ignore_ascii_case("ist")))
}

fn is_particle(doc: &Doc<'_>, t: usize) -> bool {
    doc.is_func(t, FuncType::Particle) && !doc.is_cap(t)
}

/// A particle joined to a name by a hyphen: "al-Warfalli", "el-Sayed".
fn is_hyphen_particle_name(doc: &Doc<'_>, t: usize) -> bool {
    let particle = |p: &str| {
        doc.grammar
            .tags_of(p)
            .iter()
            .any(|x| matches!(x, Tag::Func(f) if f.ty == FuncType::Particle))
    };
    doc.is_word(t)
        && doc
            .tok_text(t)
            .split_once('-')
            .is_some_and(|(p, rest)| rest.starts_with(char::is_uppercase) && particle(p))
}

/// Whether token `t` is an outlet noun of the lexicon ("newspaper", "channel", "radio").
pub(crate) fn is_outlet_noun(doc: &Doc<'_>, t: usize) -> bool {
    doc.word_tags(t)
        .any(|x| matches!(x, Tag::Noun(n) if n.outlet))
}

/// Whether a name ending with token `last` goes on through the preposition `prep` to the name
/// after it: a capitalised organisation noun before "of" or "for" ("the Bank of Ostmark", "the
/// Observatory for Human Rights"; not a person's affiliation, "Jane Doe of Capital Economics").
/// So does a capitalised plural before "for" ("Citizens for a Sound Senate", "Americans for
/// Prosperity": an advocacy group's name).
pub(crate) fn org_name_goes_on(doc: &Doc<'_>, last: usize, prep: usize) -> bool {
    let plural_for = doc.tag(last).is_plural() && doc.tok_text(prep) == "for" && {
        let next = if doc.is_func(prep + 1, FuncType::Determiner) {
            prep + 2
        } else {
            prep + 1
        };
        doc.is_cap(next)
    };
    doc.is_cap(last)
        && (plural_for
            || word_noun(doc, last, NounKind::Org).is_some()
                && matches!(doc.tok_text(prep), "of" | "for"))
}

pub(crate) fn is_possessive(doc: &Doc<'_>, t: usize) -> bool {
    doc.is_possessive(t)
}

fn det<'d, 'a>(i: Toks<'d, 'a>) -> TResult<'d, 'a, (usize, bool, bool)> {
    let (r, t) = tok(|d, t| d.is_func(t, FuncType::Determiner))(i)?;
    let def = i
        .doc
        .word_tags(t)
        .any(|x| matches!(x, Tag::Func(f) if f.definite));
    Ok((r, (t, def, !def)))
}

fn pronoun<'d, 'a>(i: Toks<'d, 'a>) -> TResult<'d, 'a, Np<'a>> {
    if !starts(i, TokClass::STARTS_PRONOUN) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (r, (s, e, p)) = phrase(|t: &'a Tag| match t {
        Tag::Pronoun(p) if p.person == 3 && !p.object => Some(p),
        _ => None,
    })(i)?;
    let mut np = Np::new(s, e + 1, NpKind::Pronoun);
    np.pronoun = Some(p);
    Ok((r, np))
}

/// An object pronoun at token `t` as a speaker phrase: "quoted him as saying".
pub fn object_pronoun<'a>(doc: &Doc<'a>, t: usize) -> Option<Np<'a>> {
    pronoun_where(doc, t, |p| p.object)
}

/// A possessive determiner at token `t` ("his", "their"; "her", read as an object too) as a
/// speaker phrase: the owner of "his claim that …".
pub fn owner_pronoun<'a>(doc: &Doc<'a>, t: usize) -> Option<Np<'a>> {
    pronoun_where(doc, t, |p| p.possessive || p.object)
}

/// The pronoun at token `t` for which `pick` holds, as a speaker phrase.
fn pronoun_where<'a>(doc: &Doc<'a>, t: usize, pick: impl Fn(&Pronoun) -> bool) -> Option<Np<'a>> {
    let p = doc.word_tags(t).find_map(|x| match x {
        Tag::Pronoun(p) if pick(p) => Some(p),
        _ => None,
    })?;
    let mut np = Np::new(t, t + 1, NpKind::Pronoun);
    np.pronoun = Some(p);
    Some(np)
}

fn title_phrase<'d, 'a>(i: Toks<'d, 'a>) -> TResult<'d, 'a, (usize, usize, &'a Title)> {
    if !starts(i, TokClass::STARTS_TITLE) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    phrase(|t: &'a Tag| match t {
        Tag::Title(x) => Some(x),
        _ => None,
    })(i)
}

fn noun_phrase<'d, 'a>(i: Toks<'d, 'a>) -> TResult<'d, 'a, (usize, usize, &'a Noun)> {
    if !starts(i, TokClass::STARTS_NOUN) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    phrase(|t: &'a Tag| match t {
        Tag::Noun(x) => Some(x),
        _ => None,
    })(i)
}

fn place_phrase<'d, 'a>(i: Toks<'d, 'a>) -> TResult<'d, 'a, (usize, usize, ())> {
    if !starts(i, TokClass::STARTS_PLACE) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    phrase(|t: &'a Tag| matches!(t, Tag::Place(_)).then_some(()))(i)
}

/// Whether tokens `[start, end)` are a place of the lexicon, whole.
pub(crate) fn is_place(doc: &Doc<'_>, start: usize, end: usize) -> bool {
    place_phrase(Toks::new(doc, start, end)).is_ok_and(|(_, (_, e, _))| e + 1 == end)
}

/// Whether token `t` is an acronym: two or more capital letters, perhaps with periods ("NATO",
/// "EU", "U.N."), which in news copy names an organisation.
pub fn is_acronym(doc: &Doc<'_>, t: usize) -> bool {
    let w = doc.tok_text(t).as_bytes();
    // (The letters first: a lower-case letter, soon met, says no.)
    w.iter().all(|&b| b.is_ascii_uppercase() || b == b'.')
        && w.iter().filter(|b| b.is_ascii_uppercase()).count() >= 2
}

fn outlet_phrase<'d, 'a>(i: Toks<'d, 'a>) -> TResult<'d, 'a, (usize, usize, ())> {
    if !starts(i, TokClass::STARTS_OUTLET) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    phrase(|t: &'a Tag| matches!(t, Tag::Outlet).then_some(()))(i)
}

/// `det? (title | modifier)* name-word+`: the name is the capitalised run after the last title.
/// The longest noun phrase read, in tokens ("Deputy Chief Cabinet Secretary for Policy
/// Coordination Maria-Luisa de la Fuente" is 11).
pub const MAX_NP_TOKENS: usize = 16;

/// The most titles a name is read with (see `name_np`).
const MAX_TITLES: usize = 4;

/// Whether a word whose class passes `fits` comes within [`MAX_NP_TOKENS`] of the window's
/// start, before its first token that is not a word: a cheap test that rules out a phrase
/// needing such a word, since the phrase parsers read no further than punctuation or a
/// quotation. A name needs a capitalised word that is not a pronoun, a role a word that opens
/// a title or a noun.
fn may_hold(i: Toks<'_, '_>, fits: impl Fn(u32) -> bool) -> bool {
    let tokens = &i.doc.tokens;
    let end = i.end.min(i.start + MAX_NP_TOKENS).min(tokens.len());
    tokens
        .get(i.start..end)
        .unwrap_or_default()
        .iter()
        .take_while(|t| matches!(t.kind(), TokKind::Word))
        .any(|t| fits(t.class))
}

/// Whether reading a phrase's words goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    /// Read the next token.
    Next,
    /// The phrase ends here.
    Stop,
}

/// A complete run of name words given up for lower-case role words after it ("Cho arrived"),
/// with the reading's state where it ended: the run's first token, one past its last, one past
/// the last title word, the first title word, and how many titles had been read.
type EarlierName = (usize, usize, Option<usize>, Option<usize>, usize);

/// The state of [`name_np`] reading a phrase's words left to right.
struct NameRun<'d, 'a> {
    /// The tokens still to read.
    r: Toks<'d, 'a>,
    /// The phrase's first token (its determiner's, if any).
    start: usize,
    /// The title tags read.
    titles: Titles<'a>,
    /// One past the last title, portfolio or role word.
    last_title_end: Option<usize>,
    /// The first word of the run of name words being read.
    name_start: Option<usize>,
    /// The first title or modifier word.
    title_start: Option<usize>,
    /// The last complete run of name words before lower-case role words, kept in case no name
    /// follows them.
    earlier: Option<EarlierName>,
    /// How many premodifiers were read (role words, an occupation, a business word).
    premods: usize,
}

impl<'d, 'a> NameRun<'d, 'a> {
    /// A reading of the tokens `r`, which follow the determiner (if any) of a phrase starting at
    /// token `start`.
    fn new(r: Toks<'d, 'a>, start: usize) -> Self {
        NameRun {
            r,
            start,
            titles: Titles::default(),
            last_title_end: None,
            name_start: None,
            title_start: None,
            earlier: None,
            premods: 0,
        }
    }

    /// Reads titles, premodifiers and name words until the phrase ends.
    fn read(&mut self) {
        while let Some(t) = self.r.first() {
            // No name with its titles runs this long; the bound keeps a run of capitalised words
            // from being read again from each of its words (quadratic on hostile input).
            if t >= self.start + MAX_NP_TOKENS {
                break;
            }
            let flow = self
                .title(t)
                .or_else(|| self.portfolio(t))
                .or_else(|| self.business_word(t))
                .or_else(|| self.occupation(t))
                .or_else(|| self.name_word(t))
                .or_else(|| self.role_word(t))
                .unwrap_or(Flow::Stop);
            if flow == Flow::Stop {
                break;
            }
        }
    }

    /// A title at token `t` ("Foreign Minister" in "Foreign Minister Cho"), or `None` when none
    /// is read there.
    fn title(&mut self, t: usize) -> Option<Flow> {
        let doc = self.r.doc;
        let r = self.r;
        // A given name that is also a title, right after a title and before a name word:
        // "Mayor Dean Fowler" (first-names.txt has "dean").
        let given = self.last_title_end == Some(t)
            && doc.has(t, TokClass::FIRST_NAME)
            && t + 1 < r.end
            && is_name_word(doc, t + 1);
        let title = title_phrase(r).ok();
        // A one-word title closing a name is a surname: "Rep. Steve King said", "Judge Roy
        // Bishop" ("Foreign Minister Cho" goes on to a name).
        let surname = self.name_start.is_some()
            && title.as_ref().is_some_and(|(_, (s, e, _))| {
                s == e && !(e + 1 < r.end && is_name_word(doc, e + 1))
            });
        let (r2, (s, e, ti)) = title.filter(|_| !given && !surname)?;
        // No name carries this many titles ("former Deputy Prime Minister and Foreign
        // Minister Cho" is three); a run of them ("Mr. Mr. Mr.") is not a name.
        if self.titles.len() == MAX_TITLES {
            return Some(Flow::Stop);
        }
        // A title inside a name run ends the name so far: "Foreign Minister Cho".
        self.titles.push(ti);
        self.title_start.get_or_insert(s);
        self.last_title_end = Some(e + 1);
        self.name_start = None;
        self.earlier = None;
        self.r = r2;
        Some(Flow::Next)
    }

    /// A title's portfolio after "for" or "of" at token `t`.
    fn portfolio(&mut self, t: usize) -> Option<Flow> {
        let doc = self.r.doc;
        // A title's portfolio: "Secretary for Housing Lam Pui-kwan", "Minister of Health Ana
        // Ruiz". The capitalised words after "for" or "of" are the portfolio up to the last two
        // (or a given name), which are the name.
        // (A plural's group has none: "Some residents of Upper Tarsk Road say".)
        let plural = t > 0 && doc.tag(t - 1) == crate::syntax::Tag::NounNns;
        if self.last_title_end == Some(t)
            && self.name_start.is_none()
            && !plural
            && matches!(doc.tok_text(t), "for" | "of")
        {
            let run = (t + 1..self.r.end.min(t + 6))
                .take_while(|&k| is_name_word(doc, k))
                .count();
            let first_given = (t + 1..t + 1 + run)
                .position(|k| doc.has(k, TokClass::FIRST_NAME))
                .filter(|&p| p > 0);
            let portfolio = first_given.unwrap_or(run.saturating_sub(2));
            // Not a title there: "a spokeswoman for Senate Minority Leader Carla Dunning" speaks
            // for the leader.
            let titled = (t + 1..t + 1 + portfolio).any(|k| doc.has(k, TokClass::TITLE));
            if portfolio >= 1 && run > portfolio && !titled {
                self.last_title_end = Some(t + 1 + portfolio);
                self.r = self.r.at(t + 1 + portfolio);
                return Some(Flow::Next);
            }
        }
        None
    }

    /// Whether token `t` opens the sentence with nothing of the name read yet (no name word,
    /// title or modifier).
    fn opens_sentence(&self, t: usize) -> bool {
        self.name_start.is_none()
            && self.titles.is_empty()
            && self.premods == 0
            && self.r.doc.starts_sentence(t)
    }

    /// A word for a business at token `t`, opening the sentence before a one-word name.
    fn business_word(&mut self, t: usize) -> Option<Flow> {
        let doc = self.r.doc;
        // A word for a business opening the sentence before a name is no part of it: "Airline
        // Nordair told passengers …" names an airline (see `org_noun_before`).
        if self.opens_sentence(t)
            && word_noun(doc, t, NounKind::Org).is_some_and(|n| n.firm)
            && is_name_word(doc, t + 1)
            && !doc.has(t + 1, TokClass::FIRST_NAME)
            // One name word: "Developer Trent Vasquez-Hale" is a person's occupation.
            && !is_name_word(doc, t + 2)
        {
            self.premods += 1;
            self.r = self.r.at(t + 1);
            return Some(Flow::Next);
        }
        None
    }

    /// An occupation at token `t`, opening the sentence before a full name: its title.
    fn occupation(&mut self, t: usize) -> Option<Flow> {
        let doc = self.r.doc;
        // An occupation opening the sentence before a full name is its title, not part of the
        // name: "Engineer Rosa Hope said", "Hydrologist Felix Brand".
        if self.opens_sentence(t)
            && is_occupation(doc, t)
            && is_name_word(doc, t + 1)
            && is_name_word(doc, t + 2)
        {
            self.title_start.get_or_insert(t);
            self.last_title_end = Some(t + 1);
            self.premods += 1;
            self.r = self.r.at(t + 1);
            return Some(Flow::Next);
        }
        None
    }

    /// A word of the name at token `t`: a name word, or a particle, verb form, number or
    /// hyphenated particle going on with a name begun.
    fn name_word(&mut self, t: usize) -> Option<Flow> {
        let doc = self.r.doc;
        let r = self.r;
        // Particles go on to the next name word, one or two of them ("de Souza", "von der Leyen").
        let particles = || {
            is_particle(doc, t)
                && ((t + 1 < r.end && is_name_word(doc, t + 1))
                    || (t + 2 < r.end && is_particle(doc, t + 1) && is_name_word(doc, t + 2)))
        };
        // A short number after an outlet word goes on: "BBC Radio 5 Live", "Channel 4 News".
        let outlet_number = || {
            t > 0
                && doc.tok_text(t).len() <= 3
                && doc.tok_text(t).bytes().all(|b| b.is_ascii_digit())
                && is_outlet_noun(doc, t - 1)
        };
        // "Canada Mortgage and Housing Corporation": "and" or "&" before name words closed by
        // an organisation noun goes on.
        let org_and = || {
            let w = doc.tok_text(t);
            let mut u = t + 1;
            while u < r.end.min(t + 6) && is_name_word(doc, u) {
                u += 1;
            }
            // ("Hollins & Pratt": an ampersand joins the names of a firm.)
            u > t + 1 && (w == "&" || w == "and" && word_noun(doc, u - 1, NounKind::Org).is_some())
        };
        // "Oceans and Fisheries Minister Rhys Pemberton": "and" after one common noun (the
        // tagger's reading) before capitalised words and a title joins a portfolio.
        let portfolio_and = || {
            let common = |k: usize| doc.tag(k).is_noun() && !doc.tag(k).is_proper();
            let mut u = t + 1;
            while u < r.end.min(t + 5) && is_name_word(doc, u) && !doc.has(u, TokClass::TITLE) {
                u += 1;
            }
            doc.tag(t).is_cconj()
                && self.name_start == Some(t - 1)
                && common(t - 1)
                && u > t + 1
                && u < r.end
                && doc.has(u, TokClass::TITLE)
        };
        let continues_name = || {
            self.name_start.is_some()
                && (particles()
                    || portfolio_and()
                    || (is_verb_word(doc, t) && doc.tag(t).is_proper())
                    || outlet_number()
                    || is_hyphen_particle_name(doc, t)
                    || org_and())
        };
        if is_name_word(doc, t) || continues_name() {
            if self.name_start.is_none() {
                self.name_start = Some(t);
                self.title_start.get_or_insert(t);
            }
            self.r = self.r.at(t + 1);
            // A plural possessive inside a name goes on: "the Farmers' Bloc", "Veterans' Affairs".
            let inside = || {
                plural_possessive(doc, t)
                    && is_name_word(doc, t + 1)
                    && !doc.has(t + 1, TokClass::STARTS_TITLE)
            };
            if is_possessive(doc, t) && !inside() {
                return Some(Flow::Stop);
            }
            return Some(Flow::Next);
        }
        None
    }

    /// A lower-case role word at token `t` before a name: "consumer advocate Janet Okafor".
    fn role_word(&mut self, t: usize) -> Option<Flow> {
        let doc = self.r.doc;
        // Lower-case role words before a name: "consumer advocate Janet Okafor".
        let w = doc.tok_text(t);
        // Not a past form after a name, its verb: "Vasko met Foreign Minister Jon Ekholm".
        let past = || is_past_form(doc, t);
        if doc.is_word(t)
            && w.starts_with(char::is_lowercase)
            && !is_func_word(doc, t)
            && !is_verb_word(doc, t)
            && self.premods < 4
            && !is_possessive(doc, t)
            && !(self.name_start.is_some() && past())
        {
            if let Some(ns) = self.name_start.take() {
                self.earlier = Some((
                    ns,
                    t,
                    self.last_title_end,
                    self.title_start,
                    self.titles.len(),
                ));
            }
            self.title_start.get_or_insert(t);
            self.last_title_end = Some(t + 1);
            self.premods += 1;
            self.r = self.r.at(t + 1);
            return Some(Flow::Next);
        }
        None
    }

    /// With no name after the lower-case words, goes back to the earlier run of name words in
    /// the window `i` (see [`NameRun::earlier`]).
    fn fall_back(&mut self, i: Toks<'d, 'a>) {
        if self.name_start.is_none() {
            if let Some((a, b, te, ts, nt)) = self.earlier {
                // No name after the lower-case words: the name was the earlier run, and the role
                // words after it are not its title.
                self.name_start = Some(a);
                self.r = i.at(b);
                self.last_title_end = te;
                self.title_start = ts;
                self.titles.truncate(nt);
            }
        }
    }
}

/// `det? (title | modifier)* name-word+`: a name, perhaps titled, read from the window `i`.
fn name_np<'d, 'a>(i: Toks<'d, 'a>) -> TResult<'d, 'a, Np<'a>> {
    if !may_hold(i, |c| c & TokClass::CAP != 0 && c & TokClass::PRONOUN == 0) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Alpha,
        )));
    }
    let (r, d) = nom::combinator::opt(det).parse(i)?;
    let mut run = NameRun::new(r, i.start);
    run.read();
    run.fall_back(i);
    let Some(ns) = run.name_start else {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Alpha,
        )));
    };
    // ("the Press Trust of India", "Voice of America": an outlet of the lexicon is read whole,
    // through its preposition.)
    if let Ok((_, (_, e, _))) = outlet_phrase(i.at(ns)) {
        if e >= run.r.start && e < i.end {
            run.r = i.at(e + 1);
        }
    }
    // ("United Transit Operators Local 412": a union's local runs on through its number.)
    let end = run.r.start;
    if end < i.end && end > ns && union_local(i.doc, ns, end) && !i.doc.is_cap(end) {
        run.r = i.at(end + 1);
    }
    let r = run.r;
    Ok((r, name_np_of(i, d, run, ns)))
}

/// The name phrase a finished reading `run` of the window `i` found, with the determiner `d`
/// and the name starting at token `ns`.
fn name_np_of<'d, 'a>(
    i: Toks<'d, 'a>,
    d: Option<(usize, bool, bool)>,
    run: NameRun<'d, 'a>,
    ns: usize,
) -> Np<'a> {
    let doc = i.doc;
    let start = run.start;
    let end = run.r.start;
    let (last_title_end, title_start) = (run.last_title_end, run.title_start);
    // Capitalised words before the last title are modifiers ("South Korean").
    let modifiers = match title_start {
        Some(ts) => Modifiers::Range(tok32(ts), tok32(last_title_end.unwrap_or(ts))),
        None => Modifiers::None,
    };
    let mut np = Np::new(start, end, NpKind::Name);
    np.set_name(Some((ns, end)));
    np.set_title(
        last_title_end
            .map(|e| (title_start.unwrap_or(start), e))
            .or_else(|| (ns > start).then_some((start, ns))),
    );
    np.titles = run.titles;
    np.modifiers = modifiers;
    np.definite = d.is_some_and(|(_, def, _)| def);
    np.possessive = end > 0 && is_possessive(doc, end - 1);
    np.outlet = outlet_phrase(i.at(ns)).is_ok_and(|(_, (_, e, _))| e < end)
        || (end > ns + 1 && (is_outlet_noun(doc, ns) || is_outlet_noun(doc, end - 1)));
    // A place or acronym that is the whole name, with no title before it and no given name
    // in it ("Sofia" is a person).
    np.org_name = last_title_end.is_none()
        && !np.possessive
        && !doc.has(ns, TokClass::FIRST_NAME)
        && ((end == ns + 1 && is_acronym(doc, ns))
            || place_phrase(i.at(ns)).is_ok_and(|(_, (_, e, _))| e + 1 == end));
    // ("Hollins & Pratt", "Marks & Spencer": names joined by an ampersand are a firm's.)
    np.org_name |= last_title_end.is_none() && (ns + 1..end).any(|t| doc.tok_text(t) == "&");
    // ("United Transit Operators Local 412": a union's local, by its number; after a title too,
    // "president of Transit Workers Union Local 1190" names no person.)
    np.org_name |= union_local(doc, ns, end);
    name_np_org(&mut np, i, ns);
    np
}

/// Whether the name at tokens `[ns, end)` closes with a union's local, its number after it or
/// in it ("United Transit Operators Local 412").
pub(crate) fn union_local(doc: &Doc<'_>, ns: usize, end: usize) -> bool {
    (ns + 1..end).any(|t| {
        doc.tok_text(t) == "Local"
            && doc
                .tok_text(t + 1)
                .starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Marks a name phrase `np` of the window `i`, its name starting at token `ns`, as an
/// organisation's by the organisation noun before the name, and sets its head: an organisation
/// noun closing or making the name, or one just before it.
fn name_np_org<'d, 'a>(np: &mut Np<'a>, i: Toks<'d, 'a>, ns: usize) {
    let doc = i.doc;
    let (start, end) = (np.start, np.end);
    // "the fitness app maker StrideLab": a lower-case organisation noun right before the name
    // (in the phrase or just outside it) names an organisation.
    np.org_noun_before = ns > 0
        && doc.is_word(ns - 1)
        && (!doc.is_cap(ns - 1) || doc.starts_sentence(ns - 1))
        && word_noun(doc, ns - 1, NounKind::Org).is_some()
        && !doc.has(ns, TokClass::FIRST_NAME);
    np.org_name |= np.org_noun_before;
    // A name whose last word is an organisation noun ("European Commission") names an org, as
    // does a name that is one ("White House").
    // A group noun closing a longer name names an organisation too ("West Yorkshire Police").
    let org_noun = |at: usize| {
        noun_phrase(i.at(at))
            .ok()
            .map(|(_, (_, e, n))| (e + 1, n))
            .filter(|&(e, n)| {
                e == end && (n.kind == NounKind::Org || (n.kind == NounKind::Group && at > ns))
            })
    };
    // ("United Auto Workers", "Harbour Pilots": a name closed by a plural noun of people is
    // their organisation's; a person's name never ends in one.)
    let members = end > ns + 1
        && doc
            .word_tags(end - 1)
            .any(|t| matches!(t, Tag::Noun(n) if n.plural && n.kind == NounKind::Person));
    // (Not the tail of another's name: "the Harbour Alliance of Retired Workers".)
    let tail = start > 0 && matches!(doc.tok_text(start - 1), "of" | "for");
    np.org_name |= members && !tail && !doc.has(ns, TokClass::FIRST_NAME);
    if let Some((_, n)) = org_noun(end.saturating_sub(1)).or_else(|| org_noun(ns)) {
        np.set_head(Some((end - 1, end, n)));
    } else if ns > start && !doc.is_cap(ns - 1) {
        // "the national statistics office INSEE", "the carrier Wizz Air": a lower-case
        // organisation noun just before the name says what it names.
        if let Ok((_, (a, e, n))) = noun_phrase(i.at(ns - 1)) {
            if e + 1 == ns && n.kind == NounKind::Org {
                np.set_head(Some((a, ns, n)));
            }
        }
    }
}

/// Whether token `t` is a plural possessive ("Farmers'", "Workers’"): it ends in an apostrophe.
fn plural_possessive(doc: &Doc<'_>, t: usize) -> bool {
    let w = doc.tok_text(t);
    w.len() > 2 && (w.ends_with("s'") || w.ends_with("s\u{2019}"))
}

/// A determiner that opens a role phrase, with a second determiner after an article ("the two
/// officials") and a partitive ("one of the people"): the tokens after them, the determiner
/// (`det`'s token, definite, indefinite) and whether the phrase is partitive.
fn role_det<'d, 'a>(i: Toks<'d, 'a>) -> TResult<'d, 'a, (Option<(usize, bool, bool)>, bool)> {
    let doc = i.doc;
    let (mut r, d) = nom::combinator::opt(det).parse(i)?;
    let article = |t: usize| {
        doc.word_tags(t)
            .any(|x| matches!(x, Tag::Func(f) if f.article))
    };
    // "the two officials", "the other person": a second determiner after an article.
    let second = |r: Toks<'d, 'a>, t: usize| match r.first() {
        Some(n) if article(t) && doc.is_func(n, FuncType::Determiner) && !article(n) => r.at(n + 1),
        _ => r,
    };
    if let Some((t, _, _)) = d {
        r = second(r, t);
    }
    let mut partitive = false;
    // "one of the people", "each of the three candidates": a determiner other than an article.
    if let (Some((t, _, _)), Some(of)) = (d, r.first()) {
        if !article(t) && doc.tok_eq_ci(of, "of") {
            if let Ok((r2, (t2, _, _))) = det(r.at(of + 1)) {
                r = second(r2, t2);
                partitive = true;
            }
        }
    }
    Ok((r, (d, partitive)))
}

/// The head of a role phrase and its modifiers, read from `r` (after the determiners) in a
/// phrase starting at token `start`.
struct RoleHead<'a> {
    /// The head noun.
    head: Option<(usize, usize, &'a Noun)>,
    /// The head title.
    head_title: Option<(usize, usize, &'a Title)>,
    /// The capitalised modifier tokens, as bits from `start`.
    modifiers: u64,
}

/// Reads the run of content words of a role phrase from `r` (after its determiners), the phrase
/// starting at token `start`: the head is the last noun or title of the run.
fn role_head<'d, 'a>(mut r: Toks<'d, 'a>, start: usize) -> RoleHead<'a> {
    let doc = r.doc;
    let mut head: Option<(usize, usize, &'a Noun)> = None;
    let mut head_title: Option<(usize, usize, &'a Title)> = None;
    // Modifier tokens as bits from the start: the loop reads at most seven words after at most
    // three determiner tokens ("one of the").
    let mut modifiers = 0u64;
    let mut n_words = 0;
    while let Some(t) = r.first() {
        // A bare verb form inside a noun phrase is a noun ("the state news agency").
        let bare = doc.has(t, TokClass::VERB)
            && doc
                .word_tags(t)
                .any(|x| matches!(x, Tag::Verb(v) if v.form == crate::grammar::VerbForm::Base))
            && doc.is_word(t + 1);
        if n_words >= 7
            || !doc.is_word(t)
            || is_verb_word(doc, t) && !bare && !is_title_word(doc, t) && noun_phrase(r).is_err()
        {
            break;
        }
        // A function word ends the phrase, unless a lexicon noun or title starts with it
        // ("a northern Ontario First Nation").
        if is_func_word(doc, t)
            && !(doc.has(t, TokClass::STARTS_NOUN | TokClass::STARTS_TITLE)
                && (title_phrase(r).is_ok() || noun_phrase(r).is_ok()))
        {
            break;
        }
        if let Ok((r2, (s, e, ti))) = title_phrase(r) {
            head_title = Some((s, e + 1, ti));
            head = noun_phrase(r)
                .ok()
                .map(|(_, x)| x)
                .filter(|x| x.1 == e)
                .map(|(s, e, n)| (s, e + 1, n));
            n_words += e + 1 - s;
            r = r2;
            if is_possessive(doc, e) {
                head = None;
                head_title = None;
            }
            continue;
        }
        if let Ok((r2, (s, e, n))) = noun_phrase(r) {
            head = Some((s, e + 1, n));
            head_title = None;
            n_words += e + 1 - s;
            r = r2;
            if is_possessive(doc, e) {
                head = None;
            }
            continue;
        }
        if doc.is_cap(t) {
            modifiers |= 1u64.checked_shl((t - start) as u32).unwrap_or(0);
        }
        n_words += 1;
        r = r.at(t + 1);
    }
    RoleHead {
        head,
        head_title,
        modifiers,
    }
}

/// `(det | possessive)? modifier* head postmod?` where head is the last noun or title of the
/// run of content words.
fn role_np<'d, 'a>(i: Toks<'d, 'a>) -> TResult<'d, 'a, Np<'a>> {
    if !may_hold(i, |c| {
        c & (TokClass::STARTS_TITLE | TokClass::STARTS_NOUN) != 0
    }) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Alpha,
        )));
    }
    let doc = i.doc;
    let start = i.start;
    let (r, (d, partitive)) = role_det(i)?;
    let RoleHead {
        mut head,
        head_title,
        modifiers,
    } = role_head(r, start);
    // A quantifier standing alone is its own head when the lexicon says so ("Many say …",
    // "Several said …"); the words after it were not a phrase of its own.
    if head.is_none() && head_title.is_none() {
        if let Some((t, _, _)) = d {
            head = noun_phrase(i.at(t))
                .ok()
                .filter(|&(_, (_, e, _))| e == t)
                .map(|(_, (s, e, n))| (s, e + 1, n));
        }
    }
    let head_end = match (head, head_title) {
        (_, Some((_, e, _))) => e,
        (Some((_, e, _)), None) => e,
        (None, None) => {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Alpha,
            )))
        }
    };
    let mut np = Np::new(start, head_end, NpKind::Role);
    np.set_head(head);
    np.set_head_title(head_title);
    if let Some((_, _, t)) = head_title {
        np.titles.push(t);
    }
    // (A capitalised title standing alone is a headline's "the": "Governor declares
    // emergency", held by whoever the story names with it.)
    let headline_title = d.is_none()
        && head_title.is_some_and(|(s, e, _)| s == start && e == start + 1)
        && head_end == start + 1
        && doc.is_cap(start);
    np.definite = d.is_some_and(|(_, def, _)| def)
        || (start < head_end && is_possessive(doc, start))
        || partitive
        || headline_title;
    np.indefinite = d.is_some_and(|(_, _, ind)| ind) && !partitive;
    np.partitive = partitive;
    np.modifiers = if modifiers == 0 {
        Modifiers::None
    } else {
        Modifiers::Mask(tok32(start), modifiers)
    };
    np.outlet = head.is_some_and(|(_, _, n)| n.outlet)
        || outlet_phrase(i.at(start)).is_ok()
        || (start..head_end)
            .any(|t| outlet_phrase(i.at(t)).is_ok_and(|(_, (_, e, _))| e < head_end));
    let end = role_postmod(&mut np, i, head_end);
    np.end = end;
    np.possessive = is_possessive(doc, head_end.saturating_sub(1));
    // "the state news agency OSTA", "the newspaper Kestel Courier": the name after the head.
    if end == head_end && !np.possessive {
        if let Some(k) = name_after_head(i, end) {
            np.kind = NpKind::Name;
            np.set_name(Some((end, k)));
            np.set_title(Some((start, end)));
            np.end = k;
            np.possessive = is_possessive(doc, k - 1);
            return Ok((i.at(k), np));
        }
    }
    Ok((i.at(end), np))
}

/// Where the post-modifier of a role phrase `np` of the window `i`, its head ending at
/// `head_end`, ends (`head_end` when it has none); marks a descriptor.
fn role_postmod<'d, 'a>(np: &mut Np<'a>, i: Toks<'d, 'a>, head_end: usize) -> usize {
    let doc = i.doc;
    // Post-modifiers of unnamed sources: "from the foreign ministry", "familiar with the matter".
    let mut end = head_end;
    let rest = i.at(head_end);
    if np.head().is_some_and(|(_, _, n)| {
        n.anon
            || matches!(
                n.kind,
                NounKind::Group | NounKind::Document | NounKind::Person
            )
    }) || np.head_title().is_some()
    {
        if let Ok((r2, (_, e, _))) =
            phrase(|t: &Tag| matches!(t, Tag::Anon(AnonType::Descriptor)).then_some(()))(rest)
        {
            np.descriptor = true;
            end = descriptor_object(r2, e + 1);
        } else if let Some(p) = rest
            .first()
            .filter(|&p| doc.tok_text(p) == "of" && np.noun_kind() == NounKind::Document)
        {
            end = document_of(i, p, end);
        } else if let Some(p) = rest.first().filter(|&p| {
            matches!(
                doc.tok_text(p),
                "from" | "of" | "at" | "in" | "with" | "by" | "for"
            )
        }) {
            if let Some(e) = org_pp(rest, p) {
                end = e;
            }
        } else if let Some(e) = document_agent(np, rest) {
            end = e;
        }
    }
    end
}

/// "figures released by the Rural Recovery Authority", "a report compiled by the ministry": a
/// document's participle and its agent, an organisation or a name, read as part of it (the
/// agent is who the document speaks for). Where the phrase then ends.
fn document_agent(np: &Np<'_>, rest: Toks<'_, '_>) -> Option<usize> {
    let doc = rest.doc;
    let p = rest.first()?;
    let participle = np.noun_kind() == NounKind::Document
        && matches!(
            doc.tag(p),
            crate::syntax::Tag::VerbVbn | crate::syntax::Tag::VerbVbd
        )
        && doc.tok_text(p + 1) == "by";
    participle.then(|| org_pp(rest.at(p + 1), p + 1)).flatten()
}

/// Where an anonymity descriptor ending at `end` ends with its object, read from `r` (the
/// tokens after the descriptor).
fn descriptor_object(mut r: Toks<'_, '_>, mut end: usize) -> usize {
    let doc = r.doc;
    // "with knowledge of the talks": the descriptor may run on to its object.
    while let Some(t) = r.first() {
        if doc.is_word(t)
            && !is_verb_word(doc, t)
            && (doc.is_func(t, FuncType::Determiner)
                || noun_phrase(r).is_ok()
                || !is_func_word(doc, t))
            && t < end + 4
            && (!doc.is_cap(t) || name_in_object(doc, t))
        {
            r = r.at(t + 1);
            end = t + 1;
        } else {
            break;
        }
    }
    end
}

/// Whether the capitalised word `t` in an anonymity descriptor's object is a name there that
/// owns what follows ("a source close to Dana Holm's camp": the source is unnamed, the name is
/// whose camp), not a speaker's name after it.
fn name_in_object(doc: &Doc<'_>, t: usize) -> bool {
    let mut k = t;
    while doc.is_cap(k) && !is_possessive(doc, k) && k < t + 4 {
        k += 1;
    }
    doc.is_cap(k) && is_possessive(doc, k) && doc.is_word(k + 1) && !doc.is_cap(k + 1)
}

/// Where a document phrase ends (`end` when nothing follows) with what it is of, "of" being
/// token `p` of the window `i`.
fn document_of(i: Toks<'_, '_>, p: usize, mut end: usize) -> usize {
    let doc = i.doc;
    // "a draft of the regulations", "a copy of the letter": a document is named with
    // what it is of (a determiner and a few lower-case words, up to a verb form or a
    // participle before its agent: "seen by Reuters").
    let mut t = if doc.is_func(p + 1, FuncType::Determiner) {
        p + 2
    } else {
        p + 1
    };
    while t < i.end
        && t < p + 6
        && doc.is_word(t)
        && !doc.is_cap(t)
        && !is_func_word(doc, t)
        && !(is_verb_word(doc, t) && doc.tag(t).is_verb())
        && !is_past_form(doc, t)
        && doc.tok_text(t + 1) != "by"
    {
        t += 1;
        end = t;
    }
    end
}

/// Where a short prepositional phrase ending in an organisation or a name ends, the preposition
/// being token `p` of `rest`; `None` when it is not one.
fn org_pp(rest: Toks<'_, '_>, p: usize) -> Option<usize> {
    let doc = rest.doc;
    // "official from the foreign ministry": a short PP ending in an organisation.
    if let Ok((_, inner)) = role_np(rest.at(p + 1)).or_else(|_| name_np(rest.at(p + 1))) {
        // Not a phrase that stops short of its own head: "at the district | clinic".
        let w = doc.tok_text(inner.end);
        // (An adverb after it does not go on with it: "by the commission late on Tuesday".)
        let cut_short = doc.is_word(inner.end)
            && w.starts_with(char::is_lowercase)
            && !is_func_word(doc, inner.end)
            && !is_verb_word(doc, inner.end)
            && !doc.tag(inner.end).is_adv();
        if inner.end <= p + 6
            && inner.kind != NpKind::Pronoun
            && (inner.noun_kind() == NounKind::Org || inner.kind == NpKind::Name)
            && !cut_short
        {
            return Some(inner.end);
        }
    }
    None
}

/// One past the name right after a role's head ending at `end` in the window `i` ("the state
/// news agency OSTA"): up to four name words, not titles, ending at a possessive.
fn name_after_head(i: Toks<'_, '_>, end: usize) -> Option<usize> {
    let doc = i.doc;
    let mut k = end;
    while k < i.end && is_name_word(doc, k) && !is_title_word(doc, k) {
        k += 1;
        if is_possessive(doc, k - 1) {
            break;
        }
    }
    (k > end && k - end <= 4).then_some(k)
}

/// The speaker phrases starting at a token, in order: a pronoun alone, or a name and a role
/// (either may be missing). Held inline: parsing allocates nothing for them.
#[derive(Debug, Clone, Default)]
pub struct NpSet<'a> {
    items: [Option<Np<'a>>; 2],
}

impl<'a> NpSet<'a> {
    /// The phrases in order.
    pub fn iter(&self) -> impl Iterator<Item = &Np<'a>> {
        self.items.iter().flatten()
    }
}

impl<'a> IntoIterator for NpSet<'a> {
    type Item = Np<'a>;
    type IntoIter = std::iter::Flatten<std::array::IntoIter<Option<Np<'a>>, 2>>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter().flatten()
    }
}

/// Every speaker phrase that can start at `at`: pronoun, name, role.
pub fn parse_at<'d, 'a>(doc: &'d Doc<'a>, at: usize, limit: usize) -> NpSet<'a> {
    let i = Toks::new(doc, at, limit);
    if let Ok((_, np)) = pronoun(i) {
        return NpSet {
            items: [Some(np), None],
        };
    }
    let mut name = name_np(i).ok().map(|(_, np)| np);
    let role = role_np(i).ok().map(|(_, np)| np);
    if let Some(np) = &role {
        if name
            .as_ref()
            .is_some_and(|n| common_noun_name(doc, n) && n.end <= np.end)
        {
            name = None;
        }
    }
    NpSet {
        items: [name, role],
    }
}

/// "Critics say": a capitalised common noun is not a name (when a role reads it too).
fn common_noun_name(doc: &Doc<'_>, n: &Np<'_>) -> bool {
    n.kind == NpKind::Name
        && n.name()
            .is_some_and(|(a, b)| (a..b).all(|t| doc.has(t, TokClass::NOUN)))
}

/// The first name phrase of [`parse_at`] at `at`, if it finds one: the role is parsed only
/// when the name phrase does not settle it (none, or one of common nouns the role overrules).
pub fn parse_name<'d, 'a>(doc: &'d Doc<'a>, at: usize, limit: usize) -> Option<Np<'a>> {
    let i = Toks::new(doc, at, limit);
    if pronoun(i).is_ok() {
        return None;
    }
    let name = name_np(i).ok().map(|(_, np)| np);
    if name
        .as_ref()
        .is_some_and(|n| n.kind == NpKind::Name && !common_noun_name(doc, n))
    {
        return name;
    }
    let role = role_np(i).ok().map(|(_, np)| np);
    let name = name.filter(|n| {
        !role
            .as_ref()
            .is_some_and(|r| common_noun_name(doc, n) && n.end <= r.end)
    });
    name.into_iter()
        .chain(role)
        .find(|n| n.kind == NpKind::Name)
}

/// The best speaker phrase starting at `at` (forward: after `said`, `according to`, `by`).
pub fn parse_forward<'d, 'a>(doc: &'d Doc<'a>, at: usize, limit: usize) -> Option<Np<'a>> {
    // Prefer the longer phrase; a name over a role of the same reach (the first of equals).
    let mut best = parse_at(doc, at, limit)
        .into_iter()
        .filter(|n| !n.possessive)
        .min_by_key(|n| (std::cmp::Reverse(n.end), n.kind != NpKind::Name))?;
    // "according to the Federation of Regional Transport Operators": the name goes on.
    if best.end > best.start && org_name_goes_on(doc, best.end - 1, best.end) {
        let from = if doc.tok_text(best.end + 1) == "the" {
            best.end + 2
        } else {
            best.end + 1
        };
        if let Some(of) = parse_name(doc, from, limit).filter(|n| !n.possessive && n.start == from)
        {
            if let Some((a, _)) = best.name().filter(|_| best.kind == NpKind::Name) {
                best.set_name(Some((a, of.end)));
            }
            best.end = of.end;
        }
    }
    if best.kind == NpKind::Role {
        return Some(appositive_name(doc, best, limit));
    }
    // "Robert Keane, the group's chief executive": an appositive role adds titles.
    if best.kind == NpKind::Name && doc.is_punct(best.end, ",") {
        if let Some(app) = parse_at(doc, best.end + 1, limit)
            .into_iter()
            .find(|n| n.kind == NpKind::Role && n.definite | n.indefinite)
        {
            best.titles.extend(app.titles.iter());
        }
    }
    Some(best)
}

/// A speaker phrase that starts at `at` and ends exactly at `end`.
pub fn parse_exact<'d, 'a>(doc: &'d Doc<'a>, at: usize, end: usize) -> Option<Np<'a>> {
    exact_of(&words_at(doc, at, end)?, end)
}

/// The phrases [`parse_at`] finds at `at` within `[at, end)`, or none when the span holds
/// anything but words: the phrase parsers read words only, so a span holding punctuation or a
/// quotation cannot be one phrase (a cheap test first: the subject search asks for many spans).
pub fn words_at<'d, 'a>(doc: &'d Doc<'a>, at: usize, end: usize) -> Option<NpSet<'a>> {
    all_words(doc, at, end).then(|| parse_at(doc, at, end))
}

/// The phrase of `set` that ends exactly at `end`. Ending right before the verb, a final 's is
/// part of the name ("Maybury's said"). A name first (the first of equals).
pub fn exact_of<'a>(set: &NpSet<'a>, end: usize) -> Option<Np<'a>> {
    set.iter()
        .filter(|n| n.end == end)
        .min_by_key(|n| n.kind != NpKind::Name)
        .cloned()
}

/// Whether tokens `[a, b)` are all words: the phrase parsers read nothing else, so a span with
/// punctuation or a quotation in it is no phrase (a cheap test before parsing).
pub fn all_words(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    (a..b).all(|t| doc.is_word(t))
}

/// Whether token `t` is a function word flagged `flag` in the lexicon (`relative`,
/// `coordinator`).
pub fn is_func_flagged(doc: &Doc<'_>, t: usize, flag: fn(&crate::grammar::Func) -> bool) -> bool {
    doc.has(t, TokClass::FUNC)
        && doc
            .word_tags(t)
            .any(|x| matches!(x, Tag::Func(f) if flag(f)))
}

/// Whether token `t` is a relative pronoun (`who`, `which`: `relative=yes`).
pub fn is_relative(doc: &Doc<'_>, t: usize) -> bool {
    is_func_flagged(doc, t, |f| f.relative)
}

/// Whether token `t` joins one speaker's clauses (`and`, `but`: `coordinator=yes`).
pub fn is_coordinator(doc: &Doc<'_>, t: usize) -> bool {
    is_func_flagged(doc, t, |f| f.coordinator)
}

/// Whether token `t` is a hard left boundary for a subject phrase.
pub fn is_boundary(doc: &Doc<'_>, t: usize) -> bool {
    match doc.tokens.get(t).map(|x| x.kind()) {
        Some(TokKind::Quote(_)) => true,
        Some(TokKind::Punct) => true,
        Some(TokKind::Word) => doc.has(
            t,
            TokClass::func(FuncType::Connective)
                | TokClass::func(FuncType::Complementizer)
                | TokClass::func(FuncType::Preposition),
        ),
        None => true,
    }
}

/// Whether `at..end` is a word standing alone for one of a group just named (`alone=yes`:
/// "one", "another"), or such a word partitive of an anaphor: "one of them", "one of those".
pub fn lone_of_group(doc: &Doc<'_>, at: usize, end: usize) -> bool {
    let partitive = || {
        end == at + 3
            && doc.tok_eq_ci(at + 1, "of")
            && (doc.is_func(at + 2, FuncType::Object)
                || doc.is_func(at + 2, FuncType::Demonstrative))
    };
    (end == at + 1 || partitive()) && is_func_flagged(doc, at, |f| f.alone)
}

/// A descriptive phrase with no known head, from `at` up to the next comma or the end (at
/// most eight words): the source of `according to the harbour master in Port Alder`.
pub fn generic<'a>(doc: &Doc<'a>, at: usize, limit: usize) -> Option<Np<'a>> {
    let mut end = at;
    while end < limit && doc.is_word(end) && end - at < 8 {
        end += 1;
    }
    if end == at {
        return None;
    }
    let mut np = Np::new(at, end, NpKind::Role);
    // As `det` reads a determiner: "the harbour master" is definite, "a banker" indefinite.
    let def = doc
        .word_tags(at)
        .any(|x| matches!(x, Tag::Func(f) if f.definite));
    let has_det = doc.is_func(at, FuncType::Determiner);
    np.definite = has_det && def;
    np.indefinite = has_det && !def;
    Some(appositive_name(doc, np, limit))
}

/// "the harbour master in Port Alder, Nils Roe": a name in apposition to a role names the
/// speaker, the role becoming its title.
pub fn appositive_name<'a>(doc: &Doc<'a>, role: Np<'a>, limit: usize) -> Np<'a> {
    if !doc.is_punct(role.end, ",") {
        return role;
    }
    match parse_at(doc, role.end + 1, limit)
        .into_iter()
        .find(|n| n.kind == NpKind::Name && !n.possessive)
    {
        Some(mut name) if name.end >= limit || !doc.is_word(name.end) => {
            name.titles.extend(role.titles.iter());
            // The role's head title is a role the person holds: "the education minister of the
            // northern region, Ottilie Grann" is named by a later "the minister".
            name.set_head_title(name.head_title().or(role.head_title()));
            name.set_title(name.title().or(Some((role.start, role.end))));
            name.start = role.start;
            name
        }
        _ => role,
    }
}
