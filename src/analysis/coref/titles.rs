//! Titles and roles recorded on an entity (a qualified title is shown but is no role), and
//! the placeholders a named entity takes over: a role seen before its holder's name ("the
//! governor", then "Gov. Hale"), the lede's unnamed business.

use super::words::{is_lower_of, is_norm_head, lowercase};
use super::{push_short, span_of, text_of, Entities};
use crate::analysis::np::{Np, NpKind};
use crate::grammar::{FuncType, Gender, Tag};
use crate::text::Doc;

/// Whether a title over tokens `[a, b)` holds a qualifier before its last word ("former
/// president", "shadow chancellor"): it names someone other than the bare title's holder.
pub fn is_qualified(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    has_qualifier(doc, a, b) && !one_title(doc, a, b)
}

/// Whether tokens `[a, b)` hold a qualifier before their last word, whatever the title.
fn has_qualifier(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    (a..b.saturating_sub(1)).any(|t| doc.is_func(t, FuncType::Qualifier))
}

/// Whether tokens `[a, b)` are one title of the lexicon whose qualifier is part of the office
/// ("deputy premier", "deputy mayor": "the deputy premier" names its holder).
fn one_title(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    b > a + 1
        && doc
            .grammar
            .tags_of(&lowercase(span_of(doc, a, b).of(doc.text)))
            .iter()
            .any(|t| matches!(t, Tag::Title(_)))
}

/// Whether a role phrase's head is qualified ("the former mayor of Leeds"; not "a spokesman
/// for the former mayor", whose qualifier is past the head).
pub fn is_qualified_role(doc: &Doc<'_>, np: &Np<'_>) -> bool {
    let head = np
        .head_title()
        .map(|(a, _, _)| a)
        .or(np.head().map(|(a, _, _)| a));
    head.is_some_and(|h| is_qualified(doc, np.start, h + 1))
}

impl Entities {
    /// Records `np`'s titles, role families, modifiers and gender on entity `id`.
    pub(super) fn add_titles(&mut self, id: usize, doc: &Doc<'_>, np: &Np<'_>) {
        let gender = if self.list.get(id).is_some_and(|e| e.gender.is_none()) {
            np.gender(doc)
        } else {
            None
        };
        self.add_titles_gendered(id, doc, np, gender);
    }

    /// [`Self::add_titles`] with `np`'s gender already known (`Np::gender` is not free): it is
    /// only read when the entity has none.
    pub(super) fn add_titles_gendered(
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
        let qualified = np.title().is_some_and(|(a, b)| is_qualified(doc, a, b))
            || (np.kind == NpKind::Role && is_qualified_role(doc, np));
        if let Some((a, b)) = np.title() {
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
        if let Some((a, b, _)) = np.head_title() {
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
        if let Some(c) = np.head().and_then(|(_, _, n)| n.class.as_ref()) {
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

    /// The named person `id` (`np`, its name phrase with a title) takes over the placeholders
    /// of the role its title names.
    pub(super) fn claim_placeholders(&mut self, doc: &Doc<'_>, np: &Np<'_>, id: usize) {
        // "Labour's shadow chancellor Tom Reyes" is not the story's earlier "the chancellor",
        // nor "Deputy Premier Rowena Castell" its "the premier".
        if np.title().is_some_and(|(a, b)| has_qualifier(doc, a, b)) {
            return;
        }
        // Only a placeholder is claimed: with none (the usual case), no need to build the lists.
        if !self.alive().any(|(_, e)| e.placeholder) {
            return;
        }
        let titles: Vec<String> = np
            .title()
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
    pub(super) fn claim_firm_placeholder(&mut self, doc: &Doc<'_>, id: usize) {
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
        for e in self.list.iter_mut() {
            e.firm_placeholder = false;
        }
        self.merge_into(i, id);
    }

    /// The lede's unnamed person ("a former porter", [`Ent::cataphoric`]), if one waits with
    /// no name yet and holds no role of the lexicon's (a role's holder is named with it: "a
    /// federal prosecutor" is not the defendant named next), is named person `id`.
    pub(super) fn claim_lede_person(&mut self, id: usize) {
        let Some(i) = self
            .alive()
            .find(|(i, e)| {
                *i != id
                    && e.cataphoric
                    && e.kind == crate::report::EntityKind::Person
                    && !e.named
                    && e.classes.is_empty()
            })
            .map(|(i, _)| i)
        else {
            return;
        };
        self.merge_into(i, id);
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
                // (Not by a family whose titles name different posts in one team: "the
                // captain" is not "Coach Erik Dahl".)
                || (!e.cataphoric
                    && e.classes.iter().any(|c| {
                        classes.contains(c) && !["honorific", "official", "sports"].contains(&&**c)
                    }));
            if fits {
                self.merge_into(i, id);
            }
        }
    }
}
