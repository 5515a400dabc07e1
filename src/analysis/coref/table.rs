//! The entity table's bookkeeping: new entities, merges, mentions recorded (with the recent
//! ones remembered by span), the index of name words, and the window of recently mentioned
//! entities that the searches by salience read in a long document.

use std::collections::HashMap;
use std::hash::BuildHasher;

use foldhash::fast::FixedState;

use super::words::NameWords;
use super::{Ent, Entities, Mentioned, RECENT, WINDOW};
use crate::report::{EntityKind, MentionKind};
use crate::span::Span;
use crate::thin::Thin;

/// Buffers reused from one name lookup to the next, so a lookup allocates nothing.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// A name word in ASCII lower case, to hash.
    pub(super) key: String,
    /// Candidate entity ids.
    pub(super) cands: Vec<usize>,
}

/// The entities indexed under one name word, in the order indexed. Most words belong to one
/// entity: the first id is held inline, and `rest` (empty, so unallocated) takes any others.
#[derive(Debug)]
pub(super) struct Ids {
    /// The first entity indexed under the word.
    pub(super) first: usize,
    /// Entities indexed under the word later.
    pub(super) rest: Vec<usize>,
}

impl Ids {
    /// Adds `id`, unless it was the last one added.
    pub(super) fn push(&mut self, id: usize) {
        if *self.rest.last().unwrap_or(&self.first) != id {
            self.rest.push(id);
        }
    }
}

/// The key of a name word (already in ASCII lower case) in [`Entities::by_word`]: its hash, with
/// a fixed seed so that runs are deterministic.
pub(super) fn word_key(word: &str) -> u64 {
    FixedState::default().hash_one(word)
}

impl Entities {
    /// Follows merges to the live entity.
    pub fn live(&self, mut id: usize) -> usize {
        let mut guard = 0;
        while let Some(next) = self.list.get(id).and_then(|e| e.merged_into) {
            let next = next as usize;
            id = next;
            guard += 1;
            if guard > self.list.len() {
                break;
            }
        }
        id
    }

    /// Records a mention of entity `id` at `span` (of `kind`; `subject`: as a subject or
    /// speaker), among the last mentions too, and keeps the window of recent entities.
    pub(super) fn touch(&mut self, id: usize, span: Span, kind: MentionKind, subject: bool) {
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
            if let Some(m) = recent.iter_mut().find(|m| span.contains(m.span())) {
                *m = Mentioned::new(span, kind);
            } else if !recent.iter().any(|m| m.span().contains(span)) {
                e.mentions.push(Mentioned::new(span, kind));
            }
            e.last_mention = e.last_mention.max(span.start);
            if subject {
                let at = super::small(span.start);
                e.last_subject = Some(e.last_subject.map_or(at, |x| x.max(at)));
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

    /// Records that entity `id` issued a document with head noun `head` ("said in a
    /// statement"), so that "the statement" later names it (a few documents at most).
    pub fn issued(&mut self, id: usize, head: String) {
        let id = self.live(id);
        if let Some(e) = self.list.get_mut(id) {
            if !e.documents.contains(&head) && e.documents.len() < 4 {
                e.documents.push(head);
            }
        }
    }

    /// A new entity with no proper name (a role, a pronoun), so no name words (see [`Ent::words`]).
    pub(super) fn new_entity(&mut self, kind: EntityKind, name: String) -> usize {
        self.new_entity_with_words(kind, name, NameWords::default())
    }

    /// A new entity with the name's words given: lower case, possessive stripped.
    pub(super) fn new_entity_with_words(
        &mut self,
        kind: EntityKind,
        name: String,
        words: NameWords,
    ) -> usize {
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
            titles: Thin::new(),
            roles: Thin::new(),
            classes: Thin::new(),
            modifiers: Thin::new(),
            head: None,
            gender: None,
            plural: false,
            anonymous: false,
            vague: false,
            reason: None,
            request: None,
            // Touched at once, with room for its first mention (most of a long document's
            // entities get one; an entity mentioned again grows to four).
            mentions: Vec::with_capacity(1),
            last_subject: None,
            last_mention: 0,
            voice: None,
            merged_into: None,
            placeholder: false,
            outlet: false,
            age: None,
            cataphoric: false,
            firm_placeholder: false,
            spoken_for: false,
            weak: false,
            documents: Thin::new(),
        });
        self.list.len() - 1
    }

    /// Adds entity `id` under each of its name words, once there is an index.
    pub(super) fn index_words(&mut self, id: usize) {
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
    pub(super) fn index_all(&mut self) {
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
    pub(super) fn alive(&self) -> impl Iterator<Item = (usize, &Ent)> + '_ {
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
    pub(super) fn most_salient(
        &self,
        cands: impl Iterator<Item = usize>,
        pos: usize,
    ) -> Option<usize> {
        // The latest mention before `pos`: mentions are kept nearly in order, so a reverse scan
        // stops at once.
        let last_before = |e: &Ent| {
            e.mentions
                .iter()
                .rev()
                .map(|m| m.span().start)
                .find(|&s| s < pos)
        };
        cands
            .filter_map(|i| {
                let e = self.list.get(i)?;
                let last = last_before(e)?;
                let subj = e.last_subject.map(|x| x as usize).filter(|&x| x < pos);
                Some(((subj.is_some(), subj.unwrap_or(0), last), i))
            })
            .max_by_key(|(k, _)| *k)
            .map(|(_, i)| i)
    }

    /// [`Self::most_salient`] of the live entities (as [`Self::alive`] gives them) that
    /// `pred` accepts.
    pub(super) fn most_salient_where(
        &self,
        pred: impl Fn(&Ent) -> bool,
        pos: usize,
    ) -> Option<usize> {
        self.most_salient(self.alive().filter(|(_, e)| pred(e)).map(|(i, _)| i), pos)
    }

    /// Entity `from` is `into`: its mentions move there, and it points there.
    pub(super) fn merge_into(&mut self, from: usize, into: usize) {
        let Some(p) = self.list.get_mut(from) else {
            return;
        };
        let mentions = std::mem::take(&mut p.mentions);
        let last_subject = p.last_subject;
        p.merged_into = Some(super::small(into));
        if let Some(t) = self.list.get_mut(into) {
            t.mentions.extend(mentions);
            t.mentions.sort_by_key(|m| m.span().start);
            t.last_subject = t.last_subject.max(last_subject);
        }
    }

    /// Marks an entity as seen as a subject at `span` (a subject pronoun outside an attribution).
    pub fn note_subject(&mut self, id: usize, span: Span, kind: MentionKind) {
        self.touch(id, span, kind, true);
    }
}
