//! Proper names: a name matched to an earlier entity's (the same name, a surname, one name
//! inside the other, an acronym for an organisation's name), or registered as a new named
//! entity, which may take over a placeholder waiting for it. A named entity's words are
//! indexed for the lookup once a document has many entities.

use std::borrow::Cow;

use super::table::{word_key, Scratch};
use super::words::{lowercase, strip_possessive, word_bit, NameWords, Words};
use super::{is_org_role, norm_head};
use super::{span_of, text_of, Ent, Entities, COMMON, NAME_WORDS, RECENT, SCAN_MAX, WINDOW};
use crate::analysis::np::{is_acronym, Np};
use crate::grammar::{FuncType, Gender, NounKind, Tag};
use crate::report::{EntityKind, MentionKind};
use crate::text::{Doc, TokClass};

/// A proper name being looked up: its text as written and its words.
struct Lookup<'w> {
    /// The name's text, a possessive's "'s" stripped.
    raw: &'w str,
    /// Whether `raw` is ASCII.
    ascii: bool,
    /// Its words (lower case when `raw` is not ASCII).
    words: &'w [&'w str],
    /// The gender the phrase shows, if any.
    gender: Option<Gender>,
}

impl Entities {
    /// Resolves a proper name, creating the entity if it is new. `register_only`: a mention
    /// outside an attribution, which only creates entities for names that look like people.
    pub fn name(
        &mut self,
        doc: &Doc<'_>,
        np: &Np<'_>,
        subject: bool,
        register_only: bool,
    ) -> Option<usize> {
        let (a, b) = np.name()?;
        let span = span_of(doc, a, b);
        // ("Grant Ostby, R-Cold Springs, voted no": a party and district after a lawmaker's name
        // name no one.)
        let first = span.of(doc.text).split_whitespace().next().unwrap_or("");
        if crate::text::party_state(first.trim_end_matches('.')) {
            return None;
        }
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
        let lower: Cow<'_, str> = if ascii {
            raw.into()
        } else {
            raw.to_lowercase().into()
        };
        // Held on the stack: a name has at most `NAME_WORDS` (a vector takes any more).
        let mut inline = [""; NAME_WORDS];
        let mut more = Vec::new();
        let words = split_name(raw, &lower, ascii, &mut inline, &mut more);
        // "Ms. Pryor" is not "Mr. Pryor": a gender shown here must not contradict the entity's.
        let gender_here = np.gender(doc);
        // ("Dr. Haddad" after "Dr. Noor Haddad" and her mother "Salma Haddad": a title given
        // here picks, among the names that fit as well, one that holds it.)
        let title_here = np
            .title()
            .filter(|&(s, e)| e > s)
            .map(|(s, e)| span_of(doc, s, e).of(doc.text));
        // (A lone word's gender from the given names is no bar: "Mansour", a given name too, is
        // "Leila Mansour"'s surname here.)
        let titled_gender = np.titles.iter().find_map(|t| t.gender);
        let match_gender = if words.len() == 1 {
            titled_gender
        } else {
            gender_here
        };
        let mut found = self.same_name(words, match_gender, title_here);
        // "the International Monetary Fund" … "the IMF said": an acronym names the organisation
        // whose name it abbreviates (the most recently mentioned, when several do).
        let mut short_form = false;
        if found.is_none() && np.org_name && b == a + 1 && is_acronym(doc, a) {
            found = self.abbreviated(doc, raw);
            short_form = found.is_some();
        }
        let id = match found {
            Some(i) => {
                self.named_again(i, raw, words, short_form);
                i
            }
            None => {
                let name = Lookup {
                    raw,
                    ascii,
                    words,
                    gender: gender_here,
                };
                self.new_name(doc, np, &name, subject, register_only)?
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
        self.title_organisation(doc, np);
        Some(id)
    }

    /// "Federal Aviation Administration chief Dana Okoro … the FAA said": the organisation
    /// whose name qualifies a named person's title (capitalised words closed by an
    /// organisation noun of the lexicon) is an entity of its own, which an acronym or a role
    /// names later.
    fn title_organisation(&mut self, doc: &Doc<'_>, np: &Np<'_>) {
        let (mut first, mut last, mut count) = (usize::MAX, 0, 0);
        for t in np.modifier_tokens(doc) {
            first = first.min(t);
            last = last.max(t);
            count += 1;
        }
        let run = count >= 2 && last + 1 == first + count;
        // (An organisation's noun that is no business's: "Ohio Insurance Director Hal Beck"
        // names an office, not a firm a later "the company" is.)
        let org = crate::analysis::np::word_noun(doc, last, NounKind::Org);
        if !run || org.is_none_or(|n| n.firm) {
            return;
        }
        if let Some(org) = crate::analysis::np::parse_exact(doc, first, last + 1).filter(|n| {
            n.kind == crate::analysis::np::NpKind::Name && n.modifier_tokens(doc).next().is_none()
        }) {
            self.name(doc, &org, false, true);
        }
    }

    /// The live named entity `words` name best ([`name_rank`]), of a gender that does not
    /// contradict `gender_here`; among equals, one holding the title given here, then, for a
    /// bare name, the one the story mentions most (its subject: "Carvajal" is the owner the
    /// story follows, not his father quoted once), then the most recently mentioned.
    fn same_name(
        &mut self,
        words: &[&str],
        gender_here: Option<Gender>,
        title_here: Option<&str>,
    ) -> Option<usize> {
        let mut found = None;
        let mut best_rank = 0;
        let titled = |e: &Ent| {
            title_here.is_some_and(|t| e.titles.iter().any(|x| x.eq_ignore_ascii_case(t)))
        };
        // (A bare name is the one the story mentions most; one with a title or a modifier
        // none holds, "the elder Ferreira", the most recent.)
        let key = |e: &Ent| {
            let most = if title_here.is_none() {
                e.mentions.len()
            } else {
                0
            };
            (titled(e), most, e.last_mention)
        };
        if self.by_word.is_none() && self.list.len() > SCAN_MAX {
            self.index_all();
        }
        self.name_candidates(words);
        for (i, e) in self.scratch.cands.iter().filter_map(|&i| {
            self.list
                .get(i)
                .filter(|e| e.merged_into.is_none())
                .map(|e| (i, e))
        }) {
            if !e.named || (gender_here.is_some() && e.gender.is_some() && e.gender != gender_here)
            {
                continue;
            }
            let rank = name_rank(&e.words, words);
            if rank > best_rank
                || (rank == best_rank
                    && rank > 0
                    && found
                        .and_then(|f: usize| self.list.get(f))
                        .is_some_and(|f| key(f) < key(e)))
            {
                best_rank = rank;
                found = Some(i);
            }
        }
        found
    }

    /// Gathers in [`Scratch::cands`] the entities a name of `words` may match, in id order, as
    /// a scan of all would meet them: every match shares a word. The key and candidate buffers
    /// are kept from call to call: no allocation per lookup.
    fn name_candidates(&mut self, words: &[&str]) {
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
    }

    /// Entity `i` named again (`raw`, of `words`): no longer weak, and a longer name replaces
    /// the one known, unless this is a short form (an acronym).
    fn named_again(&mut self, i: usize, raw: &str, words: &[&str], short_form: bool) {
        if let Some(e) = self.list.get_mut(i) {
            e.weak = false;
        }
        if let Some(e) = self
            .list
            .get_mut(i)
            .filter(|e| words.len() > e.words.len() && !short_form)
        {
            e.name = raw.to_string();
            e.words = NameWords::new(words.iter(), raw.len()).ascii_lowercase();
            self.index_words(i);
        }
    }

    /// A new named entity for `name` (the phrase `np`), or `None` for a mention outside an
    /// attribution (`register_only`) that does not look like a person's name. A person with a
    /// title takes over the placeholders of that role; an organisation named as a subject in
    /// the second paragraph, the lede's unnamed business.
    fn new_name(
        &mut self,
        doc: &Doc<'_>,
        np: &Np<'_>,
        name: &Lookup<'_>,
        subject: bool,
        register_only: bool,
    ) -> Option<usize> {
        let personal = np.title().is_some()
            || name.words.len() > 1
            || name.gender.is_some()
            || np.org_noun_before;
        if register_only && !personal && !lone_subject(doc, np, subject) {
            return None;
        }
        // A name closed by an organisation or group noun ("West Yorkshire Police").
        let kind = if np.outlet
            || np.org_name
            || matches!(np.noun_kind(), NounKind::Org | NounKind::Group) && np.head().is_some()
        {
            EntityKind::Organisation
        } else {
            EntityKind::Person
        };
        let lower_words = if name.ascii {
            // These are the words of `raw`: only lower case is missing.
            NameWords::new(
                name.words.iter().map(|w| strip_possessive(w)),
                name.raw.len(),
            )
            .ascii_lowercase()
        } else {
            NameWords::new(
                Words::of(name.raw).map(|w| lowercase(strip_possessive(w))),
                name.raw.len(),
            )
        };
        let id = self.new_entity_with_words(kind, name.raw.to_string(), lower_words);
        if let Some(e) = self.list.get_mut(id) {
            e.named = true;
            e.weak = register_only && !personal;
        }
        self.index_words(id);
        // A role named before the person: "the governor" … "Gov. Hale".
        if kind == EntityKind::Person && (np.title().is_some()) {
            self.claim_placeholders(doc, np, id);
        }
        // "… will stop in October, its operator has confirmed. Westline Ferries said …": the
        // lede's unnamed business is the first organisation named as a subject.
        if kind == EntityKind::Organisation && subject && !np.outlet && in_second_paragraph(doc, np)
        {
            self.claim_firm_placeholder(doc, id);
        }
        // "A former porter … told a jury … ." then "Gareth Lowry, 44, of Millbrook, denies
        // …": the lede's unnamed person is the first person named with an age as a subject in
        // the next paragraph.
        if kind == EntityKind::Person
            && subject
            && age_after(doc, np.end).is_some()
            && in_second_paragraph(doc, np)
        {
            self.claim_lede_person(id);
        }
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
        let personal = name.title().is_some()
            || doc.has(
                name.name().map_or(name.start, |(a, _)| a),
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
        if let (None, Some((a, b, _))) = (&e.head, role.head()) {
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
}

/// The words of the name text `raw` (`lower`: it lower-cased, read when `raw` is not ASCII):
/// held in `inline` when there are at most [`NAME_WORDS`], else collected in `more`.
fn split_name<'t, 'b>(
    raw: &'t str,
    lower: &'t str,
    ascii: bool,
    inline: &'b mut [&'t str; NAME_WORDS],
    more: &'b mut Vec<&'t str>,
) -> &'b [&'t str] {
    // As `Words::of(lower)`, without testing the text for ASCII again.
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
    match split.next() {
        None => inline.get(..n).unwrap_or_default(),
        Some(w) => {
            *more = inline
                .iter()
                .copied()
                .chain(std::iter::once(w))
                .chain(split)
                .collect();
            more
        }
    }
}

/// How well the name `words` names an entity with the name words `known` (0: not at all).
/// 4: the same name; 3: the surname alone, or one name's words inside the other's with the
/// same last word; 2: the first name alone, or the words of a hyphenated name; 1: a first
/// surname of a longer name.
fn name_rank(known: &NameWords, words: &[&str]) -> u8 {
    let same = |ew: &str, w: &&str| ew.eq_ignore_ascii_case(w);
    // One side's word is a part of the other's hyphenated one: "Vera Halloran" (her maiden
    // name) is "Vera Halloran-Sokol".
    let part = |ew: &str, w: &&str| {
        same(ew, w) || ew.split('-').any(|p| same(p, w)) || w.split('-').any(|p| same(ew, &p))
    };
    if known.len() == words.len() && known.iter().zip(words).all(|(ew, w)| same(ew, w)) {
        4
    } else if let ([w], Some(ew)) = (words, known.last()) {
        if same(ew, w) {
            3
        } else if known.first().is_some_and(|ew| same(ew, w)) {
            2
        } else if known.len() >= 3 && known.iter().skip(1).any(|ew| same(ew, w)) {
            // A first surname of a longer name: "Benavides" for "Arturo Benavides de la
            // Garza", "Castillo" for "Luz Marina del Castillo Ferrer".
            1
        } else {
            0
        }
    } else if words.len() > 1
        && (words.iter().all(|w| known.iter().any(|ew| same(ew, w)))
            || known.iter().all(|ew| words.iter().any(|w| same(ew, w))))
        && known
            .last()
            .zip(words.last())
            .is_some_and(|(ew, w)| same(ew, w))
    {
        3
    } else if words.len() > 1
        && known.len() == words.len()
        && known.iter().zip(words).all(|(ew, w)| part(ew, w))
    {
        2
    } else {
        0
    }
}

/// A lone capitalised subject followed by a lower-case word, its verb ("Burton explained",
/// "Burton has said"), not a word opening a phrase: "According to …", "Speaking at …", "Dozens
/// of fishermen …". Only asked (a binary search of the sentences) for a mention outside an
/// attribution that nothing else shows to be personal.
fn lone_subject(doc: &Doc<'_>, np: &Np<'_>, subject: bool) -> bool {
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
}

/// Whether `np` is in the paragraph after the lede, where news style names the lede's unnamed
/// business. (A binary search: the sentences are in text order.)
fn in_second_paragraph(doc: &Doc<'_>, np: &Np<'_>) -> bool {
    doc.sentences
        .get(doc.sentences.partition_point(|s| s.end <= np.start))
        .filter(|s| s.start <= np.start && np.start < s.end)
        .is_some_and(|s| s.paragraph == 1)
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
