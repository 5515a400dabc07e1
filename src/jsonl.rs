//! JSON Lines input: one record per line, `{"id": …, "text": "…"}` (other fields ignored).
//! `quotecheck extract --jsonl` reads each line with [`parse_line`].
//!
//! ```
//! let line = r#"{"id": 12345678901234567890123, "text": "\"Yes,\" she said."}"#;
//! let r = quotecheck::jsonl::parse_line(line).unwrap();
//! assert_eq!(r.id.get(), "12345678901234567890123");
//! assert_eq!(r.text, "\"Yes,\" she said.");
//! ```

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// One input record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The record's `id` as given (any JSON value), or `null` when it has none.
    pub id: RawId,
    /// The text to analyse.
    pub text: String,
}

/// A record's id: the JSON text of the value exactly as the input wrote it (a number keeps
/// all its digits, `-0` and `1e2` stay as written), written back out unchanged.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct RawId(Box<RawValue>);

impl PartialEq for RawId {
    fn eq(&self, other: &RawId) -> bool {
        self.get() == other.get()
    }
}

impl RawId {
    /// The JSON text of the id.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// `null`: the id of a record that gives none.
    pub fn null() -> RawId {
        RawId(RawValue::NULL.to_owned())
    }

    /// The id written as `json` (one JSON value), or `None` when it is not JSON.
    pub fn from_json(json: &str) -> Option<RawId> {
        RawValue::from_string(json.to_owned()).ok().map(RawId)
    }
}

/// Why a line is not a record.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RecordError {
    /// Not a JSON object with a string or absent `text` (the parser's message).
    #[error("malformed JSON: {0}")]
    Malformed(String),
    /// A JSON object without `text`; its id (or `null`) is kept for the error record.
    #[error("missing \"text\" field (a string)")]
    MissingText(RawId),
}

#[derive(Deserialize)]
struct Raw {
    id: Option<Box<RawValue>>,
    text: Option<String>,
}

/// Parses one line of JSON Lines input (without or with its line break).
pub fn parse_line(line: &str) -> Result<Record, RecordError> {
    let mut text = String::new();
    parse_line_into(line, &mut text).map(|id| Record { id, text })
}

/// [`parse_line`] into a caller's buffer, which a batch reuses from line to line: the text goes
/// to `text` (replacing what it held) and the id is returned.
pub fn parse_line_into(line: &str, text: &mut String) -> Result<RawId, RecordError> {
    // The common shape is read directly; anything else (other keys, escaped keys, ids that are
    // not plain strings or small integers, malformed JSON) goes to `serde_json`, which gives the
    // same record or the error message.
    fast::parse(line, text).unwrap_or_else(|| {
        with_serde(line).map(|r| {
            *text = r.text;
            r.id
        })
    })
}

/// [`parse_line`] by `serde_json` alone.
fn with_serde(line: &str) -> Result<Record, RecordError> {
    let raw: Raw = serde_json::from_str(line).map_err(|e| RecordError::Malformed(e.to_string()))?;
    let id = raw.id.map_or_else(RawId::null, RawId);
    match raw.text {
        Some(text) => Ok(Record { id, text }),
        None => Err(RecordError::MissingText(id)),
    }
}

/// A direct reader of `{"id": …, "text": "…"}` lines: the keys `id` and `text` (each at most
/// once, in either order), an id that is a string without escapes or an integer of at most 18
/// digits, and a text string with any JSON escapes. It answers `None` for anything else, and
/// the caller asks `serde_json`, so what it accepts it reads exactly as `serde_json` does (a
/// test compares the two).
mod fast {
    use super::{RawId, RecordError};

    struct Cursor<'a> {
        s: &'a str,
        b: &'a [u8],
        i: usize,
    }

    impl<'a> Cursor<'a> {
        fn peek(&self) -> Option<u8> {
            self.b.get(self.i).copied()
        }

        fn bump(&mut self) -> Option<u8> {
            let c = self.peek()?;
            self.i += 1;
            Some(c)
        }

        fn ws(&mut self) {
            while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                self.i += 1;
            }
        }

        fn eat(&mut self, c: u8) -> Option<()> {
            (self.bump()? == c).then_some(())
        }

        /// A string without escapes or control characters, after its opening mark.
        fn plain(&mut self) -> Option<&'a str> {
            self.eat(b'"')?;
            let rest = self.b.get(self.i..)?;
            let n = special(rest)?;
            let s = self.s.get(self.i..self.i + n)?;
            if rest.get(n) != Some(&b'"') {
                return None;
            }
            self.i += n + 1;
            Some(s)
        }

        /// A string with escapes, decoded into `out`.
        fn string(&mut self, out: &mut String) -> Option<()> {
            self.eat(b'"')?;
            out.clear();
            // Runs between escapes are copied as they are: they start and end at ASCII bytes,
            // so they are slices of the line's `str`.
            loop {
                let rest = self.b.get(self.i..)?;
                let n = special(rest)?;
                let run = self.s.get(self.i..self.i + n)?;
                if out.is_empty() {
                    out.reserve(if rest.get(n) == Some(&b'"') {
                        n
                    } else {
                        rest.len()
                    });
                }
                out.push_str(run);
                self.i += n;
                match self.bump()? {
                    b'"' => return Some(()),
                    b'\\' => {}
                    // A raw control character: not JSON.
                    _ => return None,
                }
                match self.bump()? {
                    b'"' => out.push('"'),
                    b'\\' => out.push('\\'),
                    b'/' => out.push('/'),
                    b'b' => out.push('\u{8}'),
                    b'f' => out.push('\u{c}'),
                    b'n' => out.push('\n'),
                    b'r' => out.push('\r'),
                    b't' => out.push('\t'),
                    b'u' => {
                        let hi = self.hex4()?;
                        let c = if (0xD800..0xDC00).contains(&hi) {
                            self.eat(b'\\')?;
                            self.eat(b'u')?;
                            let lo = self.hex4()?;
                            if !(0xDC00..0xE000).contains(&lo) {
                                return None;
                            }
                            char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?
                        } else {
                            char::from_u32(hi)?
                        };
                        out.push(c);
                    }
                    _ => return None,
                }
            }
        }

        fn hex4(&mut self) -> Option<u32> {
            let mut v = 0u32;
            for _ in 0..4 {
                let d = char::from(self.bump()?).to_digit(16)?;
                v = v * 16 + d;
            }
            Some(v)
        }

        /// An id: a plain string, or an integer without sign, fraction or exponent.
        fn id(&mut self) -> Option<RawId> {
            let from = self.i;
            if self.peek() == Some(b'"') {
                self.plain()?;
                return RawId::from_json(self.s.get(from..self.i)?);
            }
            let rest = self.b.get(self.i..)?;
            let n = rest.iter().take_while(|c| c.is_ascii_digit()).count();
            // No leading zero (not JSON), and small enough for a u64 without overflow.
            if n == 0 || n > 18 || (n > 1 && rest.first() == Some(&b'0')) {
                return None;
            }
            self.i += n;
            RawId::from_json(self.s.get(from..self.i)?)
        }
    }

    /// The offset of the first byte of `s` that ends a run of a JSON string: a quotation
    /// mark, a backslash or a raw control character (not JSON). Eight bytes at a time: a byte
    /// below `n` is one whose subtraction of `n` borrows while its top bit was clear, and the
    /// lowest such byte of a word is found exactly (a borrow only runs upward).
    pub(super) fn special(s: &[u8]) -> Option<usize> {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
        let mut words = s.chunks_exact(8);
        let mut at = 0;
        for w in words.by_ref() {
            let x = u64::from_le_bytes(<[u8; 8]>::try_from(w).ok()?);
            let hit = below(x ^ (ONES * u64::from(b'"')), 1)
                | below(x ^ (ONES * u64::from(b'\\')), 1)
                | below(x, 0x20);
            if hit != 0 {
                return Some(at + hit.trailing_zeros() as usize / 8);
            }
            at += 8;
        }
        words
            .remainder()
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
            .map(|k| at + k)
    }

    /// The record's id, with its text in `text`; `None` when the line is not of the shape read
    /// here (`text` then holds anything).
    pub(super) fn parse(line: &str, text: &mut String) -> Option<Result<RawId, RecordError>> {
        let mut p = Cursor {
            s: line,
            b: line.as_bytes(),
            i: 0,
        };
        let mut id = None;
        let mut has_text = false;
        p.ws();
        p.eat(b'{')?;
        p.ws();
        if p.peek() == Some(b'}') {
            p.i += 1;
        } else {
            loop {
                let key = p.plain()?;
                p.ws();
                p.eat(b':')?;
                p.ws();
                match key {
                    "id" if id.is_none() => id = Some(p.id()?),
                    "text" if !has_text => {
                        p.string(text)?;
                        has_text = true;
                    }
                    _ => return None,
                }
                p.ws();
                match p.bump()? {
                    b',' => p.ws(),
                    b'}' => break,
                    _ => return None,
                }
            }
        }
        p.ws();
        if p.i != line.len() {
            return None;
        }
        let id = id.unwrap_or_else(RawId::null);
        Some(if has_text {
            Ok(id)
        } else {
            Err(RecordError::MissingText(id))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_errors() {
        assert_eq!(
            parse_line("{\"text\": \"a\"}\n"),
            Ok(Record {
                id: RawId::null(),
                text: "a".into()
            })
        );
        assert_eq!(
            parse_line("{\"id\": \"x\"}"),
            Err(RecordError::MissingText(RawId::from_json("\"x\"").unwrap()))
        );
        assert!(matches!(
            parse_line("{\"text\": 3}"),
            Err(RecordError::Malformed(_))
        ));
        assert!(matches!(parse_line("[1]"), Err(RecordError::Malformed(_))));
    }

    #[test]
    fn string_ends_are_found_at_every_position() {
        for n in 0..20 {
            for p in 0..n {
                for c in [
                    0u8, 0x1F, 0x20, b'\t', b'"', b'\\', 0x21, 0x5B, 0x5D, 0x7F, 0x80, 0xA2, 0xDC,
                    0xE2,
                ] {
                    let mut s = vec![b'a'; n];
                    if let Some(x) = s.get_mut(p) {
                        *x = c;
                    }
                    let first = if c < 0x20 || c == b'"' || c == b'\\' {
                        Some(p)
                    } else {
                        None
                    };
                    assert_eq!(fast::special(&s), first, "{n} {p} {c:#x}");
                    s.push(b'"');
                    assert_eq!(fast::special(&s), first.or(Some(n)), "{n} {p} {c:#x}");
                }
            }
        }
    }

    fn direct_record(line: &str) -> Option<Result<Record, RecordError>> {
        // A used buffer, as in a batch.
        let mut text = String::from("left over");
        fast::parse(line, &mut text).map(|r| r.map(|id| Record { id, text }))
    }

    /// The direct reader reads the usual lines itself, and whatever it reads it reads as
    /// `serde_json` does: lines built from every combination of ids, texts, key orders, white
    /// space and endings, valid and not.
    #[test]
    fn direct_reader_agrees_with_serde_json() {
        let ids = [
            "",
            "\"id\": \"doc-1\", ",
            "\"id\": 42, ",
            "\"id\":0,",
            "\"id\": 007, ",
            "\"id\": -3, ",
            "\"id\": 1.5, ",
            "\"id\": 1e3, ",
            "\"id\": null, ",
            "\"id\": \"a\\\"b\", ",
            "\"id\": 123456789012345678901, ",
            "\"id\": [1], ",
            "\"id\": \"x\", \"id\": \"y\", ",
        ];
        let texts = [
            "\"text\": \"plain words\"",
            "\"text\": \"\"",
            "\"text\": \"\\\"Yes,\\\" she said.\\n\\nHe did.\"",
            "\"text\": \"caf\\u00e9 \\ud83d\\ude00 \\/ \\b\\f\\r\\t \\\\\"",
            "\"text\": \"“curly” — dash\"",
            "\"text\": \"lone \\ud83d surrogate\"",
            "\"text\": \"bad \\x escape\"",
            "\"text\": \"raw \t tab\"",
            "\"text\": \"unclosed",
            "\"text\": null",
            "\"text\": 3",
            "\"t\\u0065xt\": \"escaped key\"",
            "\"other\": 1, \"text\": \"extra key\"",
            "\"text\": \"a\", \"text\": \"twice\"",
        ];
        let mut direct = 0;
        let mut cases = 0;
        for id in ids {
            for text in texts {
                for (open, close) in [
                    ("{", "}"),
                    (" { ", " } "),
                    ("{", "}\n"),
                    ("{", "}\r\n"),
                    ("{", "} x"),
                    ("[", "]"),
                    ("{", ""),
                ] {
                    for swapped in [false, true] {
                        let body = if swapped && !id.is_empty() {
                            format!("{text}, {}", id.trim_end().trim_end_matches(','))
                        } else {
                            format!("{id}{text}")
                        };
                        let line = format!("{open}{body}{close}");
                        cases += 1;
                        if let Some(r) = direct_record(&line) {
                            direct += 1;
                            assert_eq!(r, with_serde(&line), "{line}");
                        }
                    }
                }
            }
            let empty = format!("{{{}}}", id.trim_end().trim_end_matches(','));
            if let Some(r) = direct_record(&empty) {
                assert_eq!(r, with_serde(&empty), "{empty}");
            }
        }
        // The common shapes are read directly, not handed on.
        for line in [
            "{\"id\": \"doc-1\", \"text\": \"\\\"Yes,\\\" she said.\\n\"}\n",
            "{\"text\": \"a\", \"id\": 7}",
            "{}",
        ] {
            assert!(direct_record(line).is_some(), "{line}");
        }
        // Valid ids (4) x texts read directly (5) x endings that close the object (4) x orders.
        assert!(direct >= 4 * 5 * 4, "{direct} of {cases} read directly");
    }

    #[test]
    fn ids_are_copied_byte_for_byte() {
        for id in [
            "12345678901234567890123",
            "12345678901234567890124",
            "-0",
            "1e2",
            "1.50",
            "\"caf\\u00e9\"",
            "[1, 2]",
            "{\"a\": null}",
            "null",
        ] {
            for line in [
                format!("{{\"id\": {id}, \"text\": \"a\"}}"),
                format!("{{\"text\": \"a\", \"id\": {id}}}"),
                format!("{{\"id\": {id}}}"),
            ] {
                let got = match parse_line(&line) {
                    Ok(r) => r.id,
                    Err(RecordError::MissingText(id)) => id,
                    Err(e) => panic!("{line}: {e}"),
                };
                assert_eq!(got.get(), id, "{line}");
            }
        }
    }
}
