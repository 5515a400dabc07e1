//! Title-case headlines ("Pike: Harbour Board Must Resign, Ferry Was Late Again") tagged as
//! the words they are: a capital on every word reads as a string of proper nouns to a tagger
//! trained on running text, so in a title-case sentence a capitalised word that training never
//! saw as a proper noun is tagged in lower case ("must", "resign", "was"). Names keep their
//! capitals: a word seen as a proper noun, or never seen, is left as written.

use super::model::Model;
use super::{TagSet, WordInfo};
use crate::text::{TokKind, Token};

/// The fewest capitalised words (past the first) that make a sentence title case.
const MIN_CAPITALS: usize = 4;

/// The length (in characters) from which a word in lower case shows a sentence is not title
/// case: title case leaves short words ("a", "of", "on", "the") in lower case.
const LONG_WORD: usize = 4;

/// For a title-case sentence of tokens `toks` (of `text`), each token's form in lower case
/// where it is to be tagged so (None elsewhere); None for any other sentence.
pub fn lowered(model: &Model, text: &str, toks: &[Token]) -> Option<Vec<Option<String>>> {
    if !is_title_case(text, toks) {
        return None;
    }
    let out = toks
        .iter()
        .enumerate()
        .map(|(j, t)| {
            let w = t.span().of(text);
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            let rest_lower = w.chars().skip(1).all(|c| !c.is_uppercase());
            if j == 0 || t.kind() != TokKind::Word || !capital || !rest_lower {
                return None;
            }
            // (The class is looked up by the lower-case form's hash, which the word as written
            // gives too: the form in lower case is made only for a word tagged so.)
            let class = TagSet::of_bits(model.class(WordInfo::of_text(w).lower));
            (class != TagSet::EMPTY && !class.overlaps(TagSet::PROPER)).then(|| w.to_lowercase())
        })
        .collect();
    Some(out)
}

/// Whether a sentence is written in title case: past its first word, at least
/// [`MIN_CAPITALS`] words open with a capital, and no word of [`LONG_WORD`] letters or more
/// is in lower case.
fn is_title_case(text: &str, toks: &[Token]) -> bool {
    let mut capitals = 0;
    for t in toks.iter().skip(1).filter(|t| t.kind() == TokKind::Word) {
        let w = t.span().of(text);
        let Some(c) = w.chars().next() else { continue };
        if c.is_uppercase() {
            capitals += 1;
        } else if c.is_lowercase() && w.chars().count() >= LONG_WORD {
            return false;
        }
    }
    capitals >= MIN_CAPITALS
}

#[cfg(test)]
mod tests {
    use crate::syntax::Upos;
    use crate::text::Doc;
    use crate::Grammar;

    /// The UPOS of each token of `text`.
    fn upos(text: &str) -> Vec<(String, Upos)> {
        let doc = Doc::new(text, Grammar::builtin());
        (0..doc.tokens.len())
            .map(|t| (doc.tok_text(t).to_string(), doc.tags[t].upos()))
            .collect()
    }

    fn of<'a>(tags: &'a [(String, Upos)], w: &str) -> Upos {
        tags.iter().find(|(x, _)| x == w).map(|x| x.1).unwrap()
    }

    #[test]
    fn a_title_case_headline_is_tagged_as_its_words() {
        let t = upos("Pike: Harbour Board Must Resign, Ferry Was Late Again");
        assert_eq!(of(&t, "Must"), Upos::Aux, "{t:?}");
        assert_eq!(of(&t, "Resign"), Upos::Verb, "{t:?}");
        assert_eq!(of(&t, "Was"), Upos::Aux, "{t:?}");
        // The name keeps its capital's reading.
        assert_eq!(of(&t, "Pike"), Upos::Propn, "{t:?}");
    }

    #[test]
    fn running_text_is_not_title_case() {
        let lowered = |text: &str| {
            let doc = Doc::new(text, Grammar::builtin());
            let model = crate::syntax::Tagger::builtin().model();
            super::lowered(model, text, &doc.tokens)
        };
        let l = lowered("Harbour Board Must Resign Today").expect("title case");
        assert_eq!(l[2].as_deref(), Some("must"));
        // (A long word in lower case; too few capitals.)
        assert!(lowered("Harbour Board Chair Tomas Holm said the Ferry Was Late.").is_none());
        assert!(lowered("Ferry Was Late Again").is_none());
    }

    #[test]
    fn a_title_case_headline_credits_its_speaker() {
        let r = crate::analyze("Pike: Harbour Board Must Resign, Ferry Was Late Again\n\nMore.");
        let q = r.quotes.first().expect("a unit");
        assert_eq!(q.speaker.as_ref().map(|s| s.name.as_str()), Some("Pike"));
        assert_eq!(&*q.text, "Harbour Board Must Resign, Ferry Was Late Again");
    }
}
