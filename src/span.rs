//! Byte spans into the original input, and line/column derived from them at render time.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A half-open range of UTF-8 byte offsets into the original input.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (swapped if given backwards).
    pub fn new(start: usize, end: usize) -> Span {
        if end < start {
            Span {
                start: end,
                end: start,
            }
        } else {
            Span { start, end }
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text of the span, or "" when it does not fall on char boundaries of `text`.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Maps byte offsets to 1-based line and column (columns count chars), built once per input.
///
/// Besides the line starts, it keeps the number of chars before every [`CHUNK`]th byte, so a
/// column is counted over at most that many bytes however long its line: a document of one
/// long line costs no more per position than one of many lines.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `chars[k]`: the chars that start before byte `k * CHUNK`.
    chars: Vec<usize>,
}

/// The stride, in bytes, of [`LineIndex`]'s char counts.
const CHUNK: usize = 256;

/// The chars starting in `bytes` (a UTF-8 continuation byte starts none).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut chars = Vec::with_capacity(text.len() / CHUNK + 1);
        let mut n = 0;
        chars.push(0);
        for chunk in text.as_bytes().chunks(CHUNK) {
            n += count_chars(chunk);
            chars.push(n);
        }
        LineIndex { starts, chars }
    }

    /// The chars of `text` that start before byte `offset`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let k = offset / CHUNK;
        let from = self.chars.get(k).copied().unwrap_or(0);
        from + text
            .as_bytes()
            .get(k * CHUNK..offset)
            .map_or(0, count_chars)
    }

    /// 1-based (line, column) of byte `offset`; the column counts chars from the line start.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let offset = offset.min(text.len());
        // (Column 1 for an offset inside a char, as before the counts were kept.)
        let col = if text.is_char_boundary(offset) && start <= offset {
            self.chars_before(text, offset) - self.chars_before(text, start) + 1
        } else {
            1
        };
        (line, col)
    }

    /// The byte range of 1-based `line` in `text`, without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let end = self
            .starts
            .get(line)
            .map_or(text.len(), |&next| next.saturating_sub(1));
        let end = if text.as_bytes().get(end.saturating_sub(1)) == Some(&b'\r') && end > start {
            end - 1
        } else {
            end
        };
        Span::new(start.min(text.len()), end.max(start).min(text.len()))
    }

    /// The text of 1-based line `line`, without its line break (`\n` or `\r\n`), as
    /// `text.lines().nth(line - 1)` gives it; `""` past the end.
    pub fn line<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let Some(&start) = line.checked_sub(1).and_then(|l| self.starts.get(l)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(text.len(), |&e| e - 1);
        let s = text.get(start..end).unwrap_or("");
        s.strip_suffix('\r').unwrap_or(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let t = "ab\n“cd”\nx";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), (1, 1));
        assert_eq!(ix.line_col(t, 3), (2, 1));
        assert_eq!(ix.line_col(t, 6), (2, 2));
        assert_eq!(ix.line_col(t, t.len() - 1), (3, 1));
        assert_eq!(ix.line_span(t, 2).of(t), "“cd”");
        assert_eq!(ix.line_span(t, 3).of(t), "x");
        let crlf = "a\r\nb";
        assert_eq!(LineIndex::new(crlf).line_span(crlf, 1).of(crlf), "a");
    }

    #[test]
    fn columns_on_long_lines_match_counting() {
        // Lines longer than the count stride, with multi-byte chars across its boundaries.
        let t = format!("{}\n{}\r\nend\n\n", "aé“b”".repeat(300), "xy—z".repeat(200));
        let ix = LineIndex::new(&t);
        for (offset, _) in t.char_indices().chain([(t.len(), ' ')]) {
            let line = t.get(..offset).map_or(0, |p| p.matches('\n').count()) + 1;
            let start = t
                .get(..offset)
                .and_then(|p| p.rfind('\n'))
                .map_or(0, |i| i + 1);
            let col = t.get(start..offset).map_or(0, |p| p.chars().count()) + 1;
            assert_eq!(ix.line_col(&t, offset), (line, col), "at {offset}");
        }
        // Inside a char: column 1.
        assert_eq!(ix.line_col(&t, 2).1, 1);
        let lines: Vec<&str> = t.lines().collect();
        for n in 1..=lines.len() + 2 {
            assert_eq!(
                ix.line(&t, n),
                lines.get(n - 1).copied().unwrap_or(""),
                "line {n}"
            );
        }
    }
}
