//! Pronouns, resolved by salience: the latest compatible subject, else the latest mention. A
//! pronoun with no antecedent names its speaker itself; a gendered one gives an unnamed source
//! its gender, and "it" makes a name an organisation's.

use super::{Ent, Entities};
use crate::analysis::np::Np;
use crate::grammar::{NounKind, Pronoun};
use crate::report::{EntityKind, MentionKind};
use crate::span::Span;
use crate::text::Doc;

impl Entities {
    /// Resolves the pronoun phrase `np` at `span`.
    pub(super) fn pronoun(
        &mut self,
        doc: &Doc<'_>,
        np: &Np<'_>,
        span: Span,
        subject: bool,
    ) -> Option<usize> {
        let p = np.pronoun?;
        let pos = span.start;
        // Candidates go straight to `most_salient`, without a vector in between.
        let found = self.most_salient_where(|e| may_refer_to(p, e), pos);
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
                e.voice = Some((g, super::small(e.last_mention)));
            }
        }
        Some(id)
    }
}

/// Whether pronoun `p` may refer to entity `e`: a person's ("he", "she") to a person or
/// unnamed source of a fitting gender, not a plural, a group or one only weakly named, or to
/// an organisation that a spokesperson of that gender spoke for last; an organisation's
/// ("it") to an organisation, a document or a name of several words with no person's marks;
/// any other ("they") to a plural, a group or an organisation.
pub(super) fn may_refer_to(p: &Pronoun, e: &Ent) -> bool {
    match p.kind {
        NounKind::Person => {
            (e.kind != EntityKind::Organisation
                && !e.weak
                && e.kind != EntityKind::Document
                && !e.plural
                && (p.gender.is_none() || e.gender.is_none() || e.gender == p.gender)
                && !(e.kind == EntityKind::Group))
                || e.voice
                    .is_some_and(|(g, at)| p.gender == Some(g) && at as usize == e.last_mention)
        }
        NounKind::Org => {
            matches!(e.kind, EntityKind::Organisation | EntityKind::Document)
                || (e.named && e.gender.is_none() && e.titles.is_empty() && e.words.len() > 1)
        }
        _ => e.plural || matches!(e.kind, EntityKind::Group | EntityKind::Organisation),
    }
}
