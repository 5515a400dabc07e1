//! A transcript's speaker labels: a line opening with a name in capitals and a colon
//! (`OKAFOR-LIND: Look, …`, and inside a quotation's paragraph `"HALE: Let's begin …`).
//! Read on the text, before quote marks are paired and before the dateline is looked for: a
//! label is neither a quotation's first words nor a dateline's place.

use super::Doc;
use crate::span::Span;

/// How many lines before and after a line are read for another label.
const LABEL_LINES: usize = 6;

/// The most words of a label ("SEN. VANCE-OCAMPO").
pub const LABEL_WORDS: usize = 3;

/// The most bytes before a label's colon: a line whose first colon comes later opens with no
/// label (and is read no further).
const LABEL_BYTES: usize = 64;

/// Opening marks a transcript's quoted line may start with.
const OPENING: [char; 3] = ['"', '\u{201c}', '\u{2018}'];

/// The quotation marks a quoted transcript's line may leave alone as punctuation tokens: an
/// opening one before its label, a closing one at its end.
const MARKS: [&str; 6] = ["\"", "\u{201c}", "\u{201d}", "\u{2018}", "\u{2019}", "'"];

/// The label `line` opens with, after an opening mark if any: one to [`LABEL_WORDS`] words in
/// capitals (two letters or more in all) before a colon.
pub fn label(line: &str) -> Option<&str> {
    let line = line.trim_start_matches(OPENING);
    let head = line.as_bytes().get(..line.len().min(LABEL_BYTES))?;
    // (The colon is ASCII: its offset is a char boundary.)
    let label = line.get(..memchr::memchr(b':', head)?)?;
    let words = label.split(' ').count();
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let caps = label
        .chars()
        .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'' | '\u{2019}'));
    ((1..=LABEL_WORDS).contains(&words) && letters >= 2 && caps).then_some(label)
}

/// Whether one of the [`LABEL_LINES`] lines of `text` before or after the line of `span` opens
/// with a label: `span`'s line is then one of a transcript's lines too.
pub fn near_label(text: &str, span: Span) -> bool {
    let after = text.get(span.end..).unwrap_or("").lines().skip(1);
    let before = text.get(..span.start).unwrap_or("").lines().rev();
    let mut near = after.take(LABEL_LINES).chain(before.take(LABEL_LINES));
    near.any(|line| label(line).is_some())
}

/// Whether token `t` of `doc` is a quotation mark left alone as punctuation (the marks of a
/// quoted transcript's lines pair with nothing: [`super::quotes`]).
pub fn is_mark(doc: &Doc<'_>, t: usize) -> bool {
    MARKS.iter().any(|m| doc.is_punct(t, m))
}

/// The label of the line opening at token `t` of `doc` (past an opening mark left alone), if
/// it opens with one ([`label`]): its first token and the colon's.
pub fn label_tokens(doc: &Doc<'_>, t: usize) -> Option<(usize, usize)> {
    let first = t + usize::from(is_mark(doc, t));
    let at = doc.tokens.get(first)?.span().start;
    let end = at + label(doc.text.get(at..)?)?.len();
    let colon = (first..=first + LABEL_WORDS)
        .find(|&u| doc.tokens.get(u).is_some_and(|x| x.span().start >= end))?;
    (colon > first && doc.is_punct(colon, ":")).then_some((first, colon))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_capitals() {
        assert_eq!(
            label("OKAFOR-LIND: Look, I understand."),
            Some("OKAFOR-LIND")
        );
        assert_eq!(label("\"SEN. VANCE: We stay."), Some("SEN. VANCE"));
        assert_eq!(label("Q: Will you run?"), None);
        assert_eq!(label("The ruling: a fine."), None);
        assert_eq!(label("NO ONE AT ALL KNEW: it."), None);
        let t = "HOLM: Yes.\n\nPIKE: No.";
        assert!(near_label(t, Span::new(0, 5)));
        assert!(!near_label("HOLM: Yes.\n\nThe end.", Span::new(0, 5)));
    }
}
