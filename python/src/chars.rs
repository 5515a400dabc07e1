//! Character offsets for byte offsets: Python indexes a `str` by code points, the report by
//! UTF-8 bytes.
//!
//! [`Chars`] is built in one pass over the text: the number of characters before every 64-byte
//! block. A lookup adds the characters of at most 63 bytes of its block, so the offsets of a
//! whole report cost time linear in the text, whatever the number of spans. ASCII text (one
//! byte a character) needs no table at all.

/// Bytes a block.
const BLOCK: usize = 64;

/// The characters before every block of a text (none for ASCII text).
#[derive(Debug, Default)]
pub struct Chars {
    /// `blocks[k]` is the number of characters in the first `k * BLOCK` bytes; the last entry
    /// is the text's length in characters. `None` for ASCII text, where characters are bytes.
    blocks: Option<Vec<usize>>,
}

/// Characters in `bytes`: the bytes that do not continue a UTF-8 sequence.
fn count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl Chars {
    /// The table of `text`.
    pub fn new(text: &str) -> Chars {
        if text.is_ascii() {
            return Chars { blocks: None };
        }
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 2);
        let mut n = 0;
        for chunk in text.as_bytes().chunks(BLOCK) {
            blocks.push(n);
            n += count(chunk);
        }
        blocks.push(n);
        Chars {
            blocks: Some(blocks),
        }
    }

    /// The character offset of byte offset `byte` of `text` (the text the table was built
    /// from); offsets past the end count as the end.
    pub fn at(&self, text: &str, byte: usize) -> usize {
        let byte = byte.min(text.len());
        let Some(blocks) = &self.blocks else {
            return byte;
        };
        let k = byte / BLOCK;
        let before = blocks.get(k).copied().unwrap_or_default();
        let rest = text.as_bytes().get(k * BLOCK..byte).unwrap_or_default();
        before + count(rest)
    }
}

/// A text with its table: byte offsets in, character offsets out.
#[derive(Clone, Copy)]
pub struct Offsets<'a> {
    /// The text.
    pub text: &'a str,
    /// Its table.
    pub chars: &'a Chars,
}

impl Offsets<'_> {
    /// The character offset of `byte`.
    pub fn char(&self, byte: usize) -> usize {
        self.chars.at(self.text, byte)
    }
}
