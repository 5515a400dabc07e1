//! The grammar line format, parsed with nom.
//!
//! ```text
//! # comment
//! phrase words [key=value ...]
//! ```
//!
//! See `grammars/README.md` for the files and their attributes.

use nom::bytes::complete::{tag, take_till1, take_while1};
use nom::character::complete::space1;
use nom::combinator::{all_consuming, not, opt};
use nom::multi::separated_list1;
use nom::sequence::{preceded, separated_pair, terminated};
use nom::{IResult, Parser};

/// One parsed grammar line: the phrase (lower-cased, single-spaced) and its attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number in its file.
    pub line: usize,
    /// The phrase as written.
    pub phrase: String,
    /// `key=value` attributes in file order.
    pub attrs: Vec<(&'a str, &'a str)>,
}

impl Line<'_> {
    /// The value of attribute `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }

    /// Whether attribute `key` is `yes`.
    pub fn flag(&self, key: &str) -> bool {
        self.get(key) == Some("yes")
    }
}

/// A grammar file error: the line number and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '\'' | '\u{2019}' | '-' | '&')
}

/// A phrase word: word characters not followed by `=` (that would be an attribute key).
fn word(input: &str) -> IResult<&str, &str> {
    terminated(take_while1(is_word_char), not(tag("="))).parse_complete(input)
}

fn attr(input: &str) -> IResult<&str, (&str, &str)> {
    separated_pair(
        take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-'),
        tag("="),
        take_till1(|c: char| c.is_whitespace()),
    )
    .parse_complete(input)
}

fn entry(input: &str) -> IResult<&str, (Vec<&str>, Vec<(&str, &str)>)> {
    let (rest, words) = separated_list1(tag(" "), word).parse_complete(input)?;
    let (rest, attrs) =
        opt(preceded(space1, separated_list1(space1, attr))).parse_complete(rest)?;
    let (rest, _) = nom::character::complete::space0(rest)?;
    Ok((rest, (words, attrs.unwrap_or_default())))
}

/// The longest line a grammar file may have, in bytes (comments included).
pub const MAX_LINE_BYTES: usize = 4096;

/// The longest phrase: in bytes, and in words.
pub const MAX_PHRASE_BYTES: usize = 256;
/// See [`MAX_PHRASE_BYTES`].
pub const MAX_PHRASE_WORDS: usize = 16;

/// Parses a whole grammar file. Comment and blank lines are skipped; every other line must be an
/// entry. All errors are collected, so a user sees every bad line at once. A line over
/// [`MAX_LINE_BYTES`] or a phrase over [`MAX_PHRASE_BYTES`] or [`MAX_PHRASE_WORDS`] is an
/// error: no phrase of news copy is that long, and the limits keep loading linear and quick.
pub fn parse_file(text: &str) -> Result<Vec<Line<'_>>, Vec<LineError>> {
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let trimmed = raw.trim_end_matches('\r');
        if trimmed.len() > MAX_LINE_BYTES {
            errors.push(LineError {
                line: n,
                message: format!(
                    "line of {} bytes is over the {MAX_LINE_BYTES}-byte limit",
                    trimmed.len()
                ),
            });
            continue;
        }
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match all_consuming(entry).parse_complete(trimmed) {
            Ok((_, (words, _)))
                if words.len() > MAX_PHRASE_WORDS
                    || words.iter().map(|w| w.len() + 1).sum::<usize>() > MAX_PHRASE_BYTES + 1 =>
            {
                errors.push(LineError {
                    line: n,
                    message: format!(
                        "phrase over the limit of {MAX_PHRASE_WORDS} words and \
                         {MAX_PHRASE_BYTES} bytes"
                    ),
                })
            }
            Ok((_, (words, attrs))) => lines.push(Line {
                line: n,
                phrase: words.join(" ").to_lowercase(),
                attrs,
            }),
            Err(_) => errors.push(LineError {
                line: n,
                message: explain(trimmed),
            }),
        }
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

/// Says what was expected on a line `entry` rejected.
fn explain(line: &str) -> String {
    if line.starts_with(char::is_whitespace) {
        return "expected a phrase at the start of the line, found white space".into();
    }
    let mut seen_attr = false;
    for tok in line.split_whitespace() {
        if tok.contains('=') {
            if attr(tok).map(|(r, _)| !r.is_empty()).unwrap_or(true) {
                return format!("expected key=value, found {tok:?}");
            }
            seen_attr = true;
        } else if seen_attr {
            return format!("expected key=value after the attributes began, found {tok:?}");
        } else if let Some(c) = tok.chars().find(|c| !is_word_char(*c)) {
            return format!("unexpected character {c:?} in phrase word {tok:?}");
        }
    }
    if line.contains("  ") || line.contains('\t') {
        return "phrase words must be separated by single spaces".into();
    }
    "expected `phrase [key=value ...]`".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_phrase_and_attributes() {
        let lines =
            parse_file("# c\n\nprime minister class=leader gender=m\nsay forms=says,said\n")
                .unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].phrase, "prime minister");
        assert_eq!(lines[0].get("class"), Some("leader"));
        assert_eq!(lines[0].line, 3);
        assert_eq!(lines[1].get("forms"), Some("says,said"));
    }

    #[test]
    fn reports_every_bad_line_with_its_number() {
        let errs = parse_file("ok\nbad stance\nfine x=1\nword x=1 y\n").unwrap_err();
        let nums: Vec<_> = errs.iter().map(|e| e.line).collect();
        assert_eq!(nums, vec![4]);
        assert!(
            errs[0].message.contains("expected key=value"),
            "{}",
            errs[0].message
        );
        let errs = parse_file("a  b\n").unwrap_err();
        assert!(errs[0].message.contains("single spaces"));
        let errs = parse_file("a=\n").unwrap_err();
        assert!(errs[0].message.contains("key=value"));
    }
}
