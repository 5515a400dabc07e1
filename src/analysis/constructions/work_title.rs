//! Quotations that are titles of works, not speech: `"Harbour Lights"`, `a novel titled "The
//! Salt Orchard"`, `on KXT's "Capitol Week"`.

use crate::grammar::{FuncType, NounKind, Tag};
use crate::text::{Doc, TokClass};

/// Whether the quotation at token `t` is the title of a work ([`is_title`] of its words).
pub fn quoted_title(doc: &Doc<'_>, t: usize) -> bool {
    doc.quote_of(t)
        .and_then(|i| doc.quotes.get(i))
        .is_some_and(|q| is_title(doc, t, q.content().of(doc.text)))
}

/// Whether the quotation at token `t` (its words `inner`) is the title of a work: after a
/// work noun or "titled", or in title case.
pub fn is_title(doc: &Doc<'_>, t: usize, inner: &str) -> bool {
    // (Within its paragraph: a title closing the paragraph before says nothing of it.)
    let from = (t.saturating_sub(3)..=t)
        .rev()
        .find(|&k| doc.tokens.get(k).is_some_and(|x| x.newline_before()))
        .unwrap_or(t.saturating_sub(3));
    let work_before = (from..t).any(|k| {
        (doc.has(k, TokClass::NOUN)
            && doc
                .word_tags(k)
                .any(|x| matches!(x, Tag::Noun(n) if n.kind == NounKind::Work)))
            || matches!(doc.tok_text(k), "titled" | "entitled")
    });
    let words: Vec<&str> = inner.split_whitespace().collect();
    // (A comma inside the marks closes a title before its description: "reading "The Salt
    // Orchard," a debut novel".)
    // (Nor after a preposition, whose object it is: "in an interview on "Harbour Week
    // Tonight," the mayor said".)
    let described = doc.is_func(t + 1, FuncType::Determiner)
        || t > 0 && doc.is_func(t - 1, FuncType::Preposition);
    let closed = inner.trim_end().ends_with(['.', '!', '?'])
        || inner.trim_end().ends_with(',') && !described;
    // (Prepositions may be lower case: "The Nightly Show with Ana Ruiz".)
    let preposition = |w: &str| {
        doc.grammar
            .tags_of(&w.to_lowercase())
            .iter()
            .any(|x| matches!(x, Tag::Func(f) if f.ty == FuncType::Preposition))
    };
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let title_case = words.len() >= 2
        && !closed
        && words.iter().any(capital)
        && words
            .iter()
            .filter(|w| w.len() > 3)
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || preposition(w));
    work_before || title_case
}

#[cfg(test)]
mod tests {
    use super::is_title;
    use crate::text::Doc;
    use crate::Grammar;

    /// Whether the first quotation of `text` is a title.
    fn titled(text: &str) -> bool {
        let doc = Doc::new(text, Grammar::builtin());
        let t = (0..doc.tokens.len())
            .find(|&t| doc.quote_of(t).is_some())
            .unwrap();
        let q = &doc.quotes[doc.quote_of(t).unwrap()];
        is_title(&doc, t, q.content().of(text))
    }

    #[test]
    fn title_case_allows_lower_case_prepositions_and_needs_a_capital() {
        assert!(titled(
            "She laughed on \"The Late Hour with Ana Ruiz\" on Monday."
        ));
        assert!(!titled("He said he had been \"set up\" by a clerk."));
        assert!(!titled("He said the plan was \"dead on arrival\" in May."));
    }
}
