//! Name words and the string comparisons of coreference: an entity's name words in one
//! string with a word mask, white-space splitting, lower-casing and head nouns made
//! comparable, each without allocating for ASCII text where it can.

/// An entity's name words, lower case, in one string: one allocation per name, not one per
/// word, for the few comparisons a name lookup makes.
#[derive(Debug, Clone, Default)]
pub struct NameWords {
    /// The words joined by single spaces (a word holds no white space: names are split at it).
    pub(super) text: String,
    /// How many words: none and one empty word (a lone "'s", stripped) both leave `text` empty.
    len: usize,
    /// The [`word_bit`]s of the words.
    pub(super) bits: u64,
}

/// A bit standing for a word, the same for any two words equal ignoring ASCII case (from its
/// length and its first and last bytes, in ASCII lower case): names sharing no bit share no
/// word, so they need no closer comparison.
pub(super) fn word_bit(word: &str) -> u64 {
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
    pub(super) fn new<S: AsRef<str>>(words: impl Iterator<Item = S>, capacity: usize) -> Self {
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
    pub(super) fn ascii_lowercase(mut self) -> Self {
        self.text.make_ascii_lowercase();
        self
    }

    /// How many words.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The words in order.
    pub(super) fn iter(&self) -> SpaceSplit<'_> {
        SpaceSplit {
            rest: (self.len > 0).then_some(self.text.as_str()),
        }
    }

    /// The first word.
    pub(super) fn first(&self) -> Option<&str> {
        self.iter().next()
    }

    /// The last word.
    pub(super) fn last(&self) -> Option<&str> {
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

    /// Whether `word` is one of the words.
    pub(super) fn contains(&self, word: &str) -> bool {
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

/// `s` without `suffix` (ASCII), ignoring ASCII case: as `s.to_ascii_lowercase().strip_suffix`
/// with a lower-case suffix, without the copy. The cut is at a boundary, since the suffix
/// starts with an ASCII byte.
pub(super) fn strip_suffix_ascii_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.as_bytes().get(cut..)?;
    if tail.eq_ignore_ascii_case(suffix.as_bytes()) {
        s.get(..cut)
    } else {
        None
    }
}

/// `s.to_lowercase()`, with a cheaper path for ASCII text (where it is the same as
/// `to_ascii_lowercase`): names, titles and roles are lower-cased for every mention.
pub(super) fn lowercase(s: &str) -> String {
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

/// Whether `hay` contains `needle`, ignoring ASCII case.
pub(super) fn contains_lower(hay: &str, needle: &str) -> bool {
    !needle.is_empty()
        && hay
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether `head` is `norm_head(w)`, without building that string for an ASCII word.
pub(super) fn is_norm_head(head: &str, w: &str) -> bool {
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

/// Whether `lower` is `word.to_lowercase()` (without allocating for ASCII words).
pub(super) fn is_lower_of(lower: &str, word: &str) -> bool {
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
pub(super) fn same_lowercase(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// The words of `s`, as `s.split_whitespace()` yields them (every name is split so, at each
/// mention): quicker on ASCII text, whose bytes are tested one by one rather than decoded.
pub(super) enum Words<'a> {
    /// The rest of an ASCII text.
    Ascii(&'a str),
    /// Any other text.
    Other(std::str::SplitWhitespace<'a>),
}

impl<'a> Words<'a> {
    /// The words of `s`.
    pub(super) fn of(s: &'a str) -> Self {
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

/// `s` without a final "'s" or "’s". Compared as bytes (as `str::strip_suffix` does, without
/// its searcher): both suffixes begin with a whole character, so the cut is at a boundary.
pub(super) fn strip_possessive(s: &str) -> &str {
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
}
