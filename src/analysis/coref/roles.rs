//! Roles: a descriptive phrase ("the minister", "a senior official", "critics", "the club")
//! resolved to the entity it refers back to (an unnamed source with its head, the person the
//! story is about for an epithet, a role holder scored by title, class and modifiers, an
//! organisation), to the organisation an unnamed spokesperson speaks for, or registered as a
//! new entity: anonymous, vague, a placeholder for a holder named later.

use super::words::{contains_lower, is_lower_of, lowercase, norm_head, same_lowercase};
use super::words::{strip_possessive, strip_suffix_ascii_case};
use super::{span_of, text_of, Ent, Entities};
use crate::analysis::np::{self, is_name_word, word_noun, Np, NpKind};
use crate::grammar::{FuncType, Noun, NounKind, Tag};
use crate::report::{EntityKind, MentionKind};
use crate::text::Doc;

/// What a role phrase says of the entity it names, read once.
struct Reading<'g> {
    /// The head noun's lexicon entry, if it has one.
    noun: Option<&'g Noun>,
    /// The head word compared with entities' heads and roles: the head title in lower case,
    /// the head noun singular, or the head of the unnamed source it is one more of.
    head_word: String,
    /// An unnamed source.
    anon: bool,
    /// An unnamed group of unspecified size ("some economists", "critics").
    vague: bool,
    /// The kind of entity it names.
    kind: EntityKind,
}

impl Entities {
    /// Resolves the role phrase `np`: to the entity it names, else to a new one.
    pub(super) fn role(&mut self, doc: &Doc<'_>, np: &Np<'_>, subject: bool) -> Option<usize> {
        let span = span_of(doc, np.start, np.end);
        let text = span.of(doc.text);
        let pos = span.start;
        if let Some(id) = self.surname_as_title(doc, np, pos) {
            self.touch(id, span, MentionKind::Name, subject);
            return Some(id);
        }
        // An unnamed spokesperson speaks for the organisation the story has named.
        // ("A spokesperson for the board said … The spokesperson said …": the same one.)
        let again = || self.spokesperson_again(np, pos);
        if let Some(id) = self.spokesperson_org(doc, np, pos).or_else(again) {
            self.touch(id, span, MentionKind::Role, subject);
            let voice = np.gender(doc);
            if let Some(e) = self.list.get_mut(id) {
                e.voice = voice.map(|g| (g, super::small(pos)));
                e.spoken_for = true;
            }
            return Some(id);
        }
        let kin = self.kin_of(doc, np, pos);
        // "…, one of them said": one of the group just named speaks for it.
        if let Some(k) = kin.filter(|_| np.end > np.start + 1) {
            self.touch(k, span, MentionKind::Role, subject);
            return Some(k);
        }
        let reading = self.read_role(doc, np, kin);
        let owned = self.owned_role(doc, np, &reading, pos);
        if let Some(id) = owned.or_else(|| self.document_owner(doc, np, &reading, pos)) {
            self.touch(id, span, MentionKind::Role, subject);
            return Some(id);
        }
        // "The Prime Minister's Office": a possessive names its own entity, it does not refer
        // back.
        let owned = reading.kind == EntityKind::Organisation
            && np.start + 1 < np.end
            && doc.tok_text(np.start + 1).ends_with("'s");
        let anaphoric = (np.definite || np.partitive) && !owned;
        if anaphoric {
            // An earlier entity this role names.
            if let Some(id) = self.antecedent(doc, np, &reading, text, pos) {
                self.add_titles(id, doc, np);
                self.touch(id, span, MentionKind::Role, subject);
                return Some(id);
            }
        } else if !reading.anon {
            // The same group named again ("critics"); or a bare group word in the name of an
            // organisation the story named ("according to police" after "the Pinecrest Police
            // Department").
            let head = reading.head_word.as_str();
            let bare = np.end == np.start + 1 && reading.kind == EntityKind::Group;
            let same = self
                .alive()
                .find(|(_, e)| !e.named && same_lowercase(&e.name, text))
                .map(|(i, _)| i)
                .or_else(|| {
                    bare.then(|| {
                        self.most_salient_where(
                            |e| {
                                e.named
                                    && e.kind == EntityKind::Organisation
                                    && e.words.contains(head)
                            },
                            pos,
                        )
                    })
                    .flatten()
                });
            if let Some(id) = same {
                self.touch(id, span, MentionKind::Role, subject);
                return Some(id);
            }
        }
        let id = self.new_role(doc, np, reading, text, anaphoric);
        self.add_titles(id, doc, np);
        self.touch(id, span, MentionKind::Role, subject);
        Some(id)
    }

    /// "The company's statement said …": a document right after a definite organisation's noun
    /// speaks for the organisation the story has named that the noun names: any business for a
    /// word for a firm ("the company's"), else one whose name holds the noun ("the union's").
    /// No entity is made for the owner.
    fn document_owner(
        &self,
        doc: &Doc<'_>,
        np: &Np<'_>,
        reading: &Reading<'_>,
        pos: usize,
    ) -> Option<usize> {
        if reading.kind != EntityKind::Document || !doc.is_func(np.start, FuncType::Determiner) {
            return None;
        }
        // (The document's noun right after its owner: "the board's own facilities audit" is a
        // document of its own.)
        let t = np.start + 1;
        if t + 2 != np.end || !np::is_possessive(doc, t) {
            return None;
        }
        let head = lowercase(strip_possessive(doc.tok_text(t)));
        let noun = doc.grammar.tags_of(&head).iter().find_map(|g| match g {
            Tag::Noun(n) if n.kind == NounKind::Org && !n.plural => Some(n),
            _ => None,
        })?;
        self.most_salient_where(
            |e| {
                e.named
                    && e.kind == EntityKind::Organisation
                    && (noun.firm || e.words.contains(head.as_str()))
            },
            pos,
        )
    }

    /// "His office said …", "her statement said …": a role owned by a possessive determiner
    /// (`case=possessive` in pronouns.txt, and "her") belongs to the entity the determiner
    /// names, the most salient that fits it. A document speaks for its owner, who is the
    /// speaker; any other role is the owner's own entity, named after them ("Harold Tisdale's
    /// office"), not an office or a lawyer the story named before.
    fn owned_role(
        &mut self,
        doc: &Doc<'_>,
        np: &Np<'_>,
        reading: &Reading<'_>,
        pos: usize,
    ) -> Option<usize> {
        // (One person in a role, "her spokesperson", stays a role the story may name later;
        // "their lawyers" are theirs.)
        if np.end <= np.start + 1
            || reading.anon
            || np.head_title().is_some()
            || reading.noun.is_some_and(|n| n.kind == NounKind::Person) && !np.plural()
        {
            return None;
        }
        let p = doc.word_tags(np.start).find_map(|t| match t {
            Tag::Pronoun(p) if p.object && p.person == 3 => Some(p),
            _ => None,
        })?;
        // (An owner named in this paragraph, or for "his" and "her" the one before: "their
        // lawyers" after a group the story named only as an object is no earlier body's.)
        let para = doc.paragraph_at(pos);
        let reach = usize::from(p.kind == NounKind::Person);
        let near = |e: &Ent| doc.paragraph_at(e.last_mention) + reach >= para;
        // (A named owner first: "the folk singer" beside "Rosalind Tennant" is her too.)
        let owned = |e: &Ent| e.name.contains("'s ") || e.name.contains("s' ");
        let fits = |e: &Ent| super::pronouns::may_refer_to(p, e) && near(e) && !owned(e);
        let owner = self
            .most_salient_where(|e| fits(e) && e.named, pos)
            .or_else(|| self.most_salient_where(fits, pos))?;
        if reading.kind == EntityKind::Document {
            return Some(owner);
        }
        let rest = span_of(doc, np.start + 1, np.end).of(doc.text);
        // (A name ending in "s" takes the apostrophe alone, as AP style has it: "Harbour Alliance
        // of Retired Workers' lawyers".)
        let owner_name = &self.list.get(owner)?.name;
        let mark = if owner_name.ends_with('s') { "'" } else { "'s" };
        let name = format!("{owner_name}{mark} {rest}");
        let same = self
            .alive()
            .find(|(_, e)| same_lowercase(&e.name, &name))
            .map(|(i, _)| i);
        if same.is_some() {
            return same;
        }
        let r = Reading {
            head_word: reading.head_word.clone(),
            vague: false,
            ..*reading
        };
        Some(self.new_role(doc, np, r, &name, false))
    }

    /// "King said …" after "Rep. Carl King": a bare capitalised title word that is a named
    /// person's surname names that person (the most salient before byte `pos`).
    fn surname_as_title(&self, doc: &Doc<'_>, np: &Np<'_>, pos: usize) -> Option<usize> {
        if !(np.end == np.start + 1 && np.head_title().is_some() && doc.is_cap(np.start)) {
            return None;
        }
        let w = doc.tok_text(np.start);
        let surname = |e: &Ent| {
            e.named
                && e.kind == EntityKind::Person
                && e.words.len() > 1
                && e.words.last().is_some_and(|x| x.eq_ignore_ascii_case(w))
        };
        self.most_salient_where(surname, pos)
    }

    /// "One diplomat said …. Another said …": a lone "one" or "another" is one more of the
    /// unnamed sources just quoted, as anonymous as they are: the most salient of them.
    fn kin_of(&self, doc: &Doc<'_>, np: &Np<'_>, pos: usize) -> Option<usize> {
        let lone = np.head().is_none()
            && np.head_title().is_none()
            && np::lone_of_group(doc, np.start, np.end);
        if lone {
            self.most_salient_where(|e| e.anonymous, pos)
        } else {
            None
        }
    }

    /// What role phrase `np` says of its entity; `kin`: the unnamed source it is one more of.
    fn read_role<'g>(&self, doc: &Doc<'_>, np: &Np<'g>, kin: Option<usize>) -> Reading<'g> {
        let noun = np.head().map(|(_, _, n)| n);
        let kin_head = kin
            .and_then(|k| self.list.get(k))
            .and_then(|e| e.head.clone());
        let head_word = match (np.head_title(), np.head(), kin_head) {
            (Some((a, b, _)), _, _) => lowercase(text_of(doc, a, b)),
            (None, Some((a, b, _)), _) => norm_head(text_of(doc, a, b)),
            (None, None, Some(h)) => h,
            _ => String::new(),
        };
        let vague = is_vague(doc, np, noun);
        let anon =
            ((noun.is_some_and(|n| n.anon) || vague) && np.head_title().is_none()) || kin.is_some();
        let kind = if anon {
            EntityKind::Anonymous
        } else if np.head_title().is_some() {
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
                    && doc.tag(np.end - 1).is_plural() =>
                {
                    EntityKind::Group
                }
                _ => EntityKind::Person,
            }
        };
        Reading {
            noun,
            head_word,
            anon,
            vague,
            kind,
        }
    }

    /// The earlier entity the definite role `np` (`r`, what it says; `text`, its words) refers
    /// back to, before byte `pos`, looked for by the kind of entity it names. Candidates go
    /// straight to `most_salient`, without a vector in between: a second scan of the (few)
    /// entities is cheaper than allocating.
    fn antecedent(
        &self,
        doc: &Doc<'_>,
        np: &Np<'_>,
        r: &Reading<'_>,
        text: &str,
        pos: usize,
    ) -> Option<usize> {
        let head_word = r.head_word.as_str();
        match r.kind {
            EntityKind::Anonymous => {
                let same_head = |e: &Ent| e.anonymous && e.head.as_deref() == Some(head_word);
                if self.alive().any(|(_, e)| same_head(e)) {
                    self.most_salient_where(same_head, pos)
                } else if np.partitive {
                    // ("Most of the senators": a part of the group it names, no other.)
                    None
                } else {
                    self.most_salient_where(|e| e.anonymous, pos)
                }
            }
            EntityKind::Person if is_epithet(doc, np, head_word, r.noun) => {
                self.epithet_antecedent(doc, np, r.noun, pos)
            }
            // "A senior harbour pilot, who asked not to be named, … the pilot": an unnamed
            // source with the same head is the one meant, before any named holder.
            // (So is any unnamed person the story described with that head: "A Republican
            // strategist who advises … said … The strategist spoke on condition of anonymity".)
            EntityKind::Person => {
                let described = |e: &Ent| {
                    !e.named
                        && !head_word.is_empty()
                        && e.head.as_deref() == Some(head_word)
                        && e.kind != EntityKind::Group
                };
                if self.alive().any(|(_, e)| described(e)) {
                    self.most_salient_where(described, pos)
                } else {
                    self.best_role_holder(doc, np, head_word, pos)
                }
            }
            EntityKind::Organisation => {
                let owner = named_owner(doc, np);
                self.most_salient_where(
                    |e| names_organisation(doc, np, owner, r.noun, head_word, e),
                    pos,
                )
            }
            // "The ministry said in a statement … the statement said": its issuer's words.
            EntityKind::Document
                if np.definite
                    && self
                        .alive()
                        .any(|(_, e)| e.documents.iter().any(|d| d == head_word)) =>
            {
                self.most_salient_where(|e| e.documents.iter().any(|d| d == head_word), pos)
            }
            _ => {
                // With no known head word, only the same words name the same group.
                let same = |e: &Ent| {
                    e.head.as_deref() == Some(head_word)
                        && (!head_word.is_empty() || same_lowercase(&e.name, text))
                };
                self.most_salient_where(|e| e.kind == r.kind && same(e), pos)
            }
        }
    }

    /// The person an epithet (`np`, its head noun `noun`) refers back to, before byte `pos`:
    /// an unnamed source described with the same last word, else the named person given the
    /// epithet's age, else the most salient named person whose gender fits.
    fn epithet_antecedent(
        &self,
        doc: &Doc<'_>,
        np: &Np<'_>,
        noun: Option<&Noun>,
        pos: usize,
    ) -> Option<usize> {
        // "A senior harbour pilot … the pilot": an unnamed source described with the same last
        // word is the one meant, before any named person.
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
            let found = self.most_salient_where(described, pos);
            if found.is_some() {
                return found;
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
            self.most_salient_where(aged, pos)
        } else {
            self.most_salient_where(named_person, pos)
        }
    }

    /// A new entity for the role phrase `np` (`r`, what it says; `text`, its words), with what
    /// it is waiting for: a named holder (an `anaphoric` person role, or the lede's indefinite
    /// "a prosecutor"), or the name of the lede's unnamed business ("the company").
    fn new_role(
        &mut self,
        doc: &Doc<'_>,
        np: &Np<'_>,
        r: Reading<'_>,
        text: &str,
        anaphoric: bool,
    ) -> usize {
        let Reading {
            head_word,
            anon,
            vague,
            kind,
            ..
        } = r;
        let id = self.new_entity(kind, text.to_string());
        if let Some(e) = self.list.get_mut(id) {
            e.head = Some(head_word);
            e.anonymous = anon;
            e.vague = vague;
            e.plural = np.plural();
            // The lede's "a prosecutor", named in a later paragraph: news style names the
            // source after the lede.
            // (Past a headline or dateline; a binary search: paragraph numbers never decrease.)
            let in_lede = || {
                let lede = doc.lede_paragraph();
                doc.sentences
                    .get(doc.sentences.partition_point(|s| s.paragraph <= lede))
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
            let generic = np.head().is_some_and(|(_, e, n)| e == np.end && n.generic);
            e.firm_placeholder = kind == EntityKind::Organisation
                && np.definite
                && generic
                && !np.outlet
                && in_lede();
            e.outlet = np.outlet;
        }
        id
    }

    /// The organisation an unnamed spokesperson (`np`, at byte `pos`) speaks for, when an
    /// earlier mention named it: "a council spokesman" (the word before the head), "a
    /// spokeswoman for the company", "a spokesman for the Liberal Union" (the last word of the
    /// phrase after "for"). Matched as "the council" or "the company" would be.
    fn spokesperson_org(&self, doc: &Doc<'_>, np: &Np<'_>, pos: usize) -> Option<usize> {
        let (_, he, n) = np.head()?;
        if n.class.as_deref() != Some("spokesperson") || np.name().is_some() || np.plural() {
            return None;
        }
        let org_noun = |t: usize| word_noun(doc, t, NounKind::Org);
        let before = (np.start..he.saturating_sub(1))
            .rev()
            .find(|&t| org_noun(t).is_some());
        let after = (he + 1 < np.end && doc.tok_eq_ci(he, "for")).then(|| np.end - 1);
        let at = before.or(after)?;
        let word = lowercase(doc.tok_text(at));
        let firm = org_noun(at).is_some_and(|m| m.firm);
        self.most_salient_where(
            |e| {
                e.kind == EntityKind::Organisation
                    && !e.outlet
                    && (e.head.as_deref() == Some(word.as_str())
                        || (e.named && ((firm && is_business(doc, e)) || e.words.contains(&word))))
            },
            pos,
        )
    }

    /// The organisation a definite, bare spokesperson (`np`: "the spokesperson", "the
    /// spokeswoman") speaks for: the most salient one an unnamed spokesperson has spoken for.
    fn spokesperson_again(&self, np: &Np<'_>, pos: usize) -> Option<usize> {
        let (_, _, n) = np.head()?;
        let bare = np.definite && np.name().is_none() && !np.plural() && np.end <= np.start + 2;
        if n.class.as_deref() != Some("spokesperson") || !bare {
            return None;
        }
        self.most_salient_where(|e| e.kind == EntityKind::Organisation && e.spoken_for, pos)
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
            .head_title()
            .map(|(_, _, t)| t.class.as_str())
            .or_else(|| np.head().and_then(|(_, _, n)| n.class.as_deref()));
        let head_last = head.split_whitespace().last().unwrap_or("");
        // "The group's founder" is not the company's chief executive: a possessor in the phrase
        // must be in the holder's name or roles.
        // (A capitalised possessor, a place or a body, is often left out of the holder's titles:
        // "Norvalia's prime minister".)
        let owner = (np.start..np.end)
            .find(|&t| np::is_possessive(doc, t) && !doc.is_cap(t))
            .map(|t| strip_possessive(doc.tok_text(t)));
        let owns = |e: &Ent| {
            owner.is_none_or(|o| {
                contains_lower(&e.name, o) || e.roles.iter().any(|r| contains_lower(r, o))
            })
        };
        let mut scored: Vec<(i32, usize)> = Vec::new();
        for (i, e) in self.alive() {
            if e.kind != EntityKind::Person
                || !e.mentions.iter().any(|m| m.span().start < pos)
                || !owns(e)
            {
                continue;
            }
            let mut score = 0;
            // (Not a qualified office for the bare title: "the premier" is not the deputy
            // premier.)
            let unqualified = |p: &str| {
                !p.split_whitespace().any(|w| {
                    doc.grammar
                        .tags_of(w)
                        .iter()
                        .any(|t| matches!(t, Tag::Func(f) if f.ty == FuncType::Qualifier))
                })
            };
            if e.roles.iter().any(|r| {
                r == head
                    || r.strip_suffix(head)
                        .is_some_and(|p| p.ends_with(' ') && unqualified(p))
            }) {
                score += 3;
            } else if e.roles.iter().any(|r| {
                unqualified(r)
                    && r.split_whitespace()
                        .any(|w| w == head_last || abbreviates(doc, w, head_last))
            }) {
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
}

/// Whether the role phrase `np` (head noun `noun`) names a vague group: unnamed sources and
/// unnamed weasel groups ("critics", "industry insiders"), or an unnamed group of unspecified
/// size ("some economists", "many analysts"); a plural the lexicon does not know counts too
/// ("some growers"). A group placed at an organisation is none ("analysts at the bank"); one
/// of what it speaks about is ("critics of the company").
fn is_vague(doc: &Doc<'_>, np: &Np<'_>, noun: Option<&Noun>) -> bool {
    let unknown_plural = np.head().is_none()
        && np.head_title().is_none()
        && np.end > np.start + 1
        && doc.tag(np.end - 1).is_plural();
    let quantified = (np.plural() || unknown_plural)
        && np.noun_kind() == NounKind::Person
        && doc.is_func(np.start, FuncType::Determiner)
        && doc
            .word_tags(np.start)
            .any(|t| matches!(t, Tag::Func(f) if f.vague));
    // "Analysts at Carrow Brooks", "economists at the central bank": a group placed at an
    // organisation speaks for it, no weasel group (an anonymous source's noun stays one:
    // "an official from the Foreign Ministry").
    // ("Critics of the company": what a group is of is what it speaks about, no membership.)
    let at_org = np.head().is_some_and(|(_, e, _)| {
        !doc.tok_eq_ci(e, "of")
            && (e..np.end)
                .any(|t| is_name_word(doc, t) || word_noun(doc, t, NounKind::Org).is_some())
    });
    (noun.is_some_and(|n| n.vague) || quantified) && !at_org
}

/// Whether the person role `np` is an epithet: one with no known role word ("the
/// 23-year-old", "the world No. 2") or an epithet noun, after "the", describing no one through
/// another ("the defendant's former partner"). It names the person the story is about; an age
/// ("the 54-year-old") picks the person given that age, when one was.
fn is_epithet(doc: &Doc<'_>, np: &Np<'_>, head_word: &str, noun: Option<&Noun>) -> bool {
    (head_word.is_empty()
        && (np.start..np.end).any(|t| doc.tok_text(t).bytes().any(|b| b.is_ascii_digit()))
        || noun.is_some_and(|n| n.epithet))
        && doc.tok_eq_ci(np.start, "the")
        && !(np.start..np.end).any(|t| np::is_possessive(doc, t))
}

/// The named owner before a role (`np`), a capitalised possessive ("Dravonia's defence
/// ministry"): its word without the possessive ending.
fn named_owner<'a>(doc: &Doc<'a>, np: &Np<'_>) -> Option<&'a str> {
    let t = (np.start..np.end).find(|&t| doc.is_cap(t) && np::is_possessive(doc, t))?;
    let w = strip_possessive(doc.tok_text(t));
    Some(w.strip_suffix(['\'', '\u{2019}']).unwrap_or(w))
}

/// Whether `hay` holds `needle`, ASCII case aside.
fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// Whether the definite organisation role `np` (head noun `noun`, head word `head_word`, named
/// owner `owner`: see [`named_owner`]) may name organisation `e`: the same head ("the
/// ministry"), a name holding it ("the Ministry of Mines"), a named firm for "the company", or
/// an unnamed one ("the drugmaker") for any business word ("the company").
fn names_organisation(
    doc: &Doc<'_>,
    np: &Np<'_>,
    owner: Option<&str>,
    noun: Option<&Noun>,
    head_word: &str,
    e: &Ent,
) -> bool {
    // ("The Ledger", capitalised, is a name: only an outlet whose name holds it; "the paper"
    // any outlet named.)
    let any_outlet = np.outlet && !np.end.checked_sub(1).is_some_and(|t| doc.is_cap(t));
    // ("Dravonia's defence ministry" is not "the Velorian foreign ministry": a named owner
    // must be in the organisation's name.)
    owner.is_none_or(|o| contains_ignore_case(&e.name, o))
        && e.kind == EntityKind::Organisation
        && e.outlet == np.outlet
        && (e.head.as_deref() == Some(head_word)
            || (e.named && (any_outlet || e.words.contains(head_word)))
            || (e.named && noun.is_some_and(|n| n.firm) && is_business(doc, e))
            || (e.named && noun.is_some_and(|n| n.labour) && is_union(doc, e))
            || (e.named
                && noun.is_some_and(|n| n.public)
                && is_public_body(doc, e)
                // (Bare: "the nursing regulator" is no police department.)
                && np.head().is_some_and(|(h, _, _)| h <= np.start + 1))
            || (!e.named
                && noun.is_some_and(|n| n.generic)
                && e.head.as_deref().is_some_and(|h| is_firm_word(doc, h))
                // (Not another's: "the airport's operator".)
                && !e.name.contains("'s")
                && !e.name.contains("\u{2019}s")))
}

/// The age of an epithet word: "54-year-old" is 54.
fn epithet_age(word: &str) -> Option<u32> {
    let n = strip_suffix_ascii_case(word, "-year-old")
        .or_else(|| strip_suffix_ascii_case(word, "-year-old's"))?;
    n.parse().ok()
}

/// Whether the named organisation `e` may be a business, which "the company" or "the bank"
/// can name: the head of its name (the last word, or the last before a preposition:
/// "Department of Energy") is no organisation noun but a business's (`firm=yes` in
/// nouns.txt: "Orbital Systems Inc", "Westline Ferries"; a bare "Harlan" has none). "The
/// Coastal Alliance" and "the Ministry of Mines" are not.
fn is_business(doc: &Doc<'_>, e: &Ent) -> bool {
    // (A place of the lexicon, "North Carolina", is no business.)
    !is_place_name(doc, e) && !head_noun(doc, e, |n| n.kind == NounKind::Org && !n.firm)
}

/// Whether the named organisation `e` is a public body, which "the agency" can name: the head
/// of its name is a public body's noun (`public=yes` in nouns.txt: "the Consumer Data
/// Commission", "the Bureau of Land Management").
fn is_public_body(doc: &Doc<'_>, e: &Ent) -> bool {
    !is_place_name(doc, e) && head_noun(doc, e, |n| n.public)
}

/// Whether the named organisation `e` may be a labour union, which "the union" can name: a
/// word of its name is a union's (`labour=yes` in nouns.txt: "Transport Workers Alliance").
fn is_union(doc: &Doc<'_>, e: &Ent) -> bool {
    // (Or a union's local by its number: "United Transit Operators Local 412".)
    let mut prev = "";
    let local = e.words.iter().any(|w| {
        let number = prev == "local" && w.starts_with(|c: char| c.is_ascii_digit());
        prev = w;
        number
    });
    local
        || e.words.iter().any(|w| {
            let w = w.trim_end_matches(['\'', '\u{2019}']);
            doc.grammar
                .tags_of(w)
                .iter()
                .any(|t| matches!(t, Tag::Noun(n) if n.labour))
        })
}

/// Whether the name of `e` is a place of the lexicon ("North Carolina").
fn is_place_name(doc: &Doc<'_>, e: &Ent) -> bool {
    doc.grammar
        .tags_of(&e.name.to_lowercase())
        .iter()
        .any(|t| matches!(t, Tag::Place(_)))
}

/// Whether the head of the name of `e` (the last word, or the last before a preposition:
/// "Department of Energy") is a noun of the lexicon that `pick` accepts.
fn head_noun(doc: &Doc<'_>, e: &Ent, pick: impl Fn(&Noun) -> bool) -> bool {
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
    tags(head)
        .iter()
        .any(|t| matches!(t, Tag::Noun(n) if pick(n)))
}

/// Whether the lexicon has `w` as a word for a business (`firm=yes`: "drugmaker", "bank").
fn is_firm_word(doc: &Doc<'_>, w: &str) -> bool {
    doc.grammar
        .tags_of(w)
        .iter()
        .any(|t| matches!(t, Tag::Noun(n) if n.firm))
}

/// Whether `np` is a definite organisation role ("the club", "the company"): one that
/// [`Entities::org_named_in_claim`] may find named at the start of its claim.
pub fn is_org_role(np: &Np<'_>) -> bool {
    np.kind == NpKind::Role
        && np.definite
        && !np.possessive
        && np.head_title().is_none()
        && np.noun_kind() == NounKind::Org
}

/// Whether the title `abbr` of the lexicon stands for `word` (`full=` in titles.txt: "capt."
/// for "captain", "coun." for "councillor"; "rep." is "representative", not "reporter").
fn abbreviates(doc: &Doc<'_>, abbr: &str, word: &str) -> bool {
    abbr.ends_with('.')
        && doc
            .grammar
            .tags_of(abbr)
            .iter()
            .any(|t| matches!(t, Tag::Title(x) if x.full.as_deref() == Some(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
