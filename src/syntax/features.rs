//! The tagger's features: what it knows of each token ([`WordInfo`], computed once from the
//! token's bytes) and the hashed feature keys of one position ([`keys`]).
//!
//! The trainer (`examples/train-tagger`) calls these same functions, so training and tagging
//! read the same features; [`FEATURE_SET`] is written into the model and checked when it is
//! loaded.

/// The version of the feature templates. A model trained with other templates is refused.
pub const FEATURE_SET: u32 = 1;

/// A token as the tagger reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word<'a> {
    /// A word or punctuation mark.
    Text(&'a str),
    /// A whole quotation: tagged [`super::Tag::Quote`], read by its neighbours as one special
    /// word.
    Quote,
}

/// [`WordInfo::flags`]: the first character is upper case.
pub const CAP: u32 = 1;
/// [`WordInfo::flags`]: every letter is upper case (and there are two or more).
pub const ALL_CAPS: u32 = 1 << 1;
/// [`WordInfo::flags`]: a digit.
pub const DIGIT: u32 = 1 << 2;
/// [`WordInfo::flags`]: a hyphen inside.
pub const HYPHEN: u32 = 1 << 3;
/// [`WordInfo::flags`]: a period.
pub const PERIOD: u32 = 1 << 4;
/// [`WordInfo::flags`]: a letter.
pub const LETTER: u32 = 1 << 5;
/// [`WordInfo::flags`]: an apostrophe.
pub const APOSTROPHE: u32 = 1 << 6;
/// [`WordInfo::flags`]: a whole quotation ([`WordInfo::QUOTE`]).
pub const QUOTE: u32 = 1 << 7;

/// What the features know of one token: hashes of its forms and its shape bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordInfo {
    /// The form as written (curly quotes and apostrophes straightened): the tag dictionary's key.
    pub form: u64,
    /// The form in lower case, every digit `0`.
    pub lower: u64,
    /// The last 1, 2, 3 and 4 characters of `lower` (the whole of a shorter word).
    pub suffix: [u64; 4],
    /// The first character of `lower`.
    pub prefix: u64,
    /// The shape: `Xxxxx`, `dd.dd`, `X.X.` (upper `X`, lower `x`, digit `d`, runs of one kind cut
    /// at four).
    pub shape: u64,
    /// The tags the word took in training (bits by [`super::Tag::index`]), 0 if unknown: its
    /// ambiguity class, from the model's lexicon ([`super::Model::lexicon`]).
    pub class: u64,
    /// [`CAP`], [`ALL_CAPS`], [`DIGIT`], [`HYPHEN`], [`PERIOD`], [`LETTER`], [`APOSTROPHE`],
    /// [`QUOTE`].
    pub flags: u32,
}

/// A streaming hash of bytes: eight bytes gathered into a word, then one folded multiply.
#[derive(Clone, Copy)]
struct Hasher {
    h: u64,
    acc: u64,
    n: u32,
}

impl Hasher {
    const fn new(seed: u64) -> Hasher {
        Hasher {
            h: seed,
            acc: 0,
            n: 0,
        }
    }

    #[inline]
    fn byte(&mut self, b: u8) {
        self.acc |= u64::from(b) << (8 * (self.n & 7));
        self.n += 1;
        if self.n & 7 == 0 {
            self.h = fold(self.h ^ self.acc, 0x9E37_79B9_7F4A_7C15);
            self.acc = 0;
        }
    }

    /// Eight bytes at once, as eight calls of [`Hasher::byte`] would add them (called only when
    /// no bytes are pending).
    #[inline]
    fn word(&mut self, w: u64) {
        self.h = fold(self.h ^ w, 0x9E37_79B9_7F4A_7C15);
        self.n += 8;
    }

    /// Fewer than eight bytes at once, as calls of [`Hasher::byte`] would gather them (called
    /// only when no bytes are pending, so none completes a word).
    #[inline]
    fn tail(&mut self, rest: &[u8]) {
        let mut w = 0u64;
        for (i, &b) in rest.iter().take(7).enumerate() {
            w |= u64::from(b) << (8 * i);
        }
        self.acc = w;
        self.n += rest.len().min(7) as u32;
    }

    #[inline]
    fn char(&mut self, c: char) {
        if c.is_ascii() {
            self.byte(c as u8);
        } else {
            let mut buf = [0u8; 4];
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                self.byte(b);
            }
        }
    }

    /// The hash: well mixed and never zero.
    #[inline]
    fn finish(&self) -> u64 {
        fold(
            self.h ^ self.acc ^ u64::from(self.n).rotate_left(56),
            0xD6E8_FEB8_6659_FD93,
        ) | 1
    }
}

/// The folded multiply (as foldhash and wyhash mix): the high and low halves of a 128-bit product
/// xored.
#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a).wrapping_mul(u128::from(b));
    (p as u64) ^ ((p >> 64) as u64)
}

/// A straightened quote mark or apostrophe; other characters as they are.
#[inline]
fn straighten(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        c => c,
    }
}

/// The shape class of a character: `X`, `x`, `d`, or itself.
#[inline]
fn shape_of(c: char) -> char {
    if c.is_ascii_lowercase() {
        'x'
    } else if c.is_ascii_uppercase() {
        'X'
    } else if c.is_ascii_digit() {
        'd'
    } else if c.is_ascii() {
        c
    } else if c.is_lowercase() {
        'x'
    } else if c.is_uppercase() {
        'X'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// The lower-case form of a character for the `lower` hash (digits `0`).
#[inline]
fn lower_of(c: char) -> char {
    if c.is_ascii() {
        if c.is_ascii_digit() {
            '0'
        } else {
            c.to_ascii_lowercase()
        }
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

impl WordInfo {
    /// Before the first token (two of these pad a sentence's start).
    pub const START: WordInfo = WordInfo::special(0x5354_4152_5421, 0);
    /// After the last token.
    pub const END: WordInfo = WordInfo::special(0x454E_4421, 0);
    /// A whole quotation.
    pub const QUOTE: WordInfo = WordInfo::special(0x5155_4F54_4521, QUOTE);

    const fn special(seed: u64, flags: u32) -> WordInfo {
        let h = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        WordInfo {
            form: h,
            lower: h,
            suffix: [h, h, h, h],
            prefix: h,
            shape: h,
            class: h,
            flags,
        }
    }

    /// The info of one token.
    pub fn of(word: Word<'_>) -> WordInfo {
        match word {
            Word::Quote => WordInfo::QUOTE,
            Word::Text(s) => WordInfo::of_text(s),
        }
    }

    /// The info of a word or punctuation mark.
    ///
    /// Its `form` is [`form_hash`]`(s)`.
    pub fn of_text(s: &str) -> WordInfo {
        let mut form = Hasher::new(FORM_SEED);
        let mut lower = Hasher::new(0x004C_4F57_4552);
        let mut shape = Hasher::new(0x0053_4841_5045);
        // The last four lower-case characters, packed 21 bits each, the latest lowest.
        let mut tail = 0u128;
        let mut n = 0usize;
        let mut first = 0u64;
        let (mut run, mut last_shape) = (0u32, '\0');
        let (mut upper, mut lowers, mut flags) = (0u32, 0u32, 0u32);
        for c in s.chars() {
            let c = straighten(c);
            form.char(c);
            let l = lower_of(c);
            lower.char(l);
            if n == 0 {
                first = u64::from(l);
                if c.is_uppercase() {
                    flags |= CAP;
                }
            }
            tail = (tail << 21 | u128::from(u32::from(l))) & ((1 << 84) - 1);
            n += 1;
            let k = shape_of(c);
            match k {
                'X' => upper += 1,
                'x' => lowers += 1,
                'd' => flags |= DIGIT,
                '-' if n > 1 => flags |= HYPHEN,
                '.' => flags |= PERIOD,
                '\'' => flags |= APOSTROPHE,
                _ => {}
            }
            run = if k == last_shape { run + 1 } else { 1 };
            last_shape = k;
            if run <= 4 {
                shape.char(k);
            }
        }
        if upper + lowers > 0 {
            flags |= LETTER;
        }
        if upper >= 2 && lowers == 0 {
            flags |= ALL_CAPS;
        }
        // The last k characters (all of a shorter word), with the count of characters kept.
        let suffix = |k: usize| {
            let k = k.min(n);
            let bits = tail & ((1u128 << (21 * k)) - 1);
            (bits as u64) ^ ((bits >> 64) as u64).rotate_left(32) ^ (k as u64) << 60
        };
        WordInfo {
            form: form.finish(),
            lower: lower.finish(),
            suffix: [suffix(1), suffix(2), suffix(3), suffix(4)],
            prefix: first,
            shape: shape.finish(),
            class: 0,
            flags,
        }
    }
}

/// The hash of a word's form as written, curly quotes straightened: [`WordInfo::form`], computed
/// alone (the tagger's cache key).
#[inline]
pub fn form_hash(s: &str) -> u64 {
    ascii_form_hash(s.as_bytes()).unwrap_or_else(|| {
        let mut form = Hasher::new(FORM_SEED);
        for c in s.chars() {
            form.char(straighten(c));
        }
        form.finish()
    })
}

/// [`form_hash`] of ASCII bytes `b` (eight at a time: what [`Hasher::byte`] gathers, read at
/// once, each word tested for a non-ASCII byte as it is read); `None` if a byte is not ASCII.
#[inline]
fn ascii_form_hash(b: &[u8]) -> Option<u64> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut form = Hasher::new(FORM_SEED);
    let chunks = b.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let w = u64::from_le_bytes(w);
        if w & HIGH != 0 {
            return None;
        }
        form.word(w);
    }
    form.tail(rest);
    (form.acc & HIGH == 0).then(|| form.finish())
}

const FORM_SEED: u64 = 0x464F_524D;

/// The number of templates (each has its own seed).
const TEMPLATES: usize = 26;

/// The template seeds: each feature's value is mixed with its template's seed.
const SEEDS: [u64; TEMPLATES] = {
    let mut s = [0u64; TEMPLATES];
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut i = 0;
    while i < TEMPLATES {
        // SplitMix64.
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        // Compile time only: `i < TEMPLATES`.
        #[allow(clippy::indexing_slicing)]
        {
            s[i] = z ^ (z >> 31);
        }
        i += 1;
    }
    s
};

/// The key of template `t` with value `v`.
#[inline]
fn key(t: usize, v: u64) -> u64 {
    fold(
        v ^ SEEDS.get(t).copied().unwrap_or(0),
        0x9FB2_1C65_1E98_DF25,
    )
}

/// The value of a pair.
#[inline]
fn pair(a: u64, b: u64) -> u64 {
    a ^ b.rotate_left(29).wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// The value of a tag index (or a sentinel: [`PREV_START`]).
#[inline]
fn tagv(t: u8) -> u64 {
    (u64::from(t) + 1).wrapping_mul(0xA076_1D64_78BD_642F)
}

/// The previous tag of the first position (and the one two back of the first two).
pub const PREV_START: u8 = 0xFF;

/// The positions of a token relative to the one being tagged, for the templates that read one
/// token only: the token itself, one and two before, one and two after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The token being tagged.
    Itself,
    /// The token before it.
    Before1,
    /// Two before.
    Before2,
    /// The token after it.
    After1,
    /// Two after.
    After2,
}

impl Role {
    /// Every role, in the order of [`role_keys`]'s arrays.
    pub const ALL: [Role; 5] = [
        Role::Itself,
        Role::Before1,
        Role::Before2,
        Role::After1,
        Role::After2,
    ];
}

/// The keys of the templates reading only token `x`, when `x` has `role`. They depend on the
/// word alone, so a tagger can add them up once per word form.
pub fn role_keys(x: &WordInfo, role: Role) -> RoleKeys {
    match role {
        Role::Itself => RoleKeys::new(&[
            key(0, 0),
            key(1, x.lower),
            key(2, x.suffix[0]),
            key(3, x.suffix[1]),
            key(4, x.suffix[2]),
            key(5, x.suffix[3]),
            key(6, x.prefix),
            key(7, x.shape),
            key(8, x.form),
            key(9, x.class),
        ]),
        Role::Before1 => RoleKeys::new(&[key(10, x.lower), key(11, x.suffix[2])]),
        // One template each for the words two away (the tagger relies on it).
        Role::Before2 => RoleKeys::new(&[key(12, x.lower)]),
        Role::After1 => RoleKeys::new(&[
            key(13, x.lower),
            key(14, x.suffix[2]),
            key(15, x.shape),
            key(16, x.class),
        ]),
        Role::After2 => RoleKeys::new(&[key(17, x.lower)]),
    }
}

/// Up to ten keys.
#[derive(Debug, Clone, Copy)]
pub struct RoleKeys {
    /// The keys, padded with [`NO_KEY`].
    pub keys: [u64; 10],
    len: usize,
}

/// What pads [`RoleKeys`] (never read).
const NO_KEY: u64 = 0;

impl RoleKeys {
    fn new(k: &[u64]) -> RoleKeys {
        let mut keys = [NO_KEY; 10];
        let len = k.len().min(10);
        for (a, b) in keys.iter_mut().zip(k) {
            *a = *b;
        }
        RoleKeys { keys, len }
    }

    /// The keys.
    pub fn as_slice(&self) -> &[u64] {
        self.keys.get(..self.len).unwrap_or(&[])
    }
}

/// The key of the previous tag `p1`.
#[inline]
pub fn prev_key(p1: u8) -> u64 {
    key(18, tagv(p1))
}

/// The key of the tag two back, `p2`.
#[inline]
pub fn prev2_key(p2: u8) -> u64 {
    key(19, tagv(p2))
}

/// The number of [`window_keys`].
pub const WINDOW: usize = 4;

/// The keys of the templates reading token `x` with its neighbours `b1` (before) and `a1`
/// (after), not the tags before it.
#[inline]
pub fn window_keys(b1: &WordInfo, x: &WordInfo, a1: &WordInfo) -> [u64; WINDOW] {
    [
        flags_key(x, opens(b1)),
        key(21, pair(b1.lower, x.lower)),
        key(22, pair(x.lower, a1.lower)),
        key(23, pair(x.class, a1.class)),
    ]
}

/// Whether the token after `b1` opens its sentence (`b1` is [`WordInfo::START`]).
#[inline]
pub fn opens(b1: &WordInfo) -> bool {
    b1.form == WordInfo::START.form
}

/// The first of [`window_keys`]: token `x`'s flags, with whether it opens the sentence (it
/// reads one token and that bit, so a tagger can find its weights once per word form).
#[inline]
pub fn flags_key(x: &WordInfo, opens: bool) -> u64 {
    key(20, u64::from(x.flags) | u64::from(opens) << 8)
}

/// The number of [`tag_keys`].
pub const TAGGED: usize = 2;

/// The keys of the templates pairing the token `x` with the previous tag `p1`.
#[inline]
pub fn tag_keys(x: &WordInfo, p1: u8) -> [u64; TAGGED] {
    let t1 = tagv(p1);
    [key(24, pair(t1, x.suffix[2])), key(25, pair(t1, x.class))]
}

/// The number of feature keys of one position.
pub const FEATURES: usize = 26;

/// Every feature key of the token in the middle of `w` (two tokens each side;
/// [`WordInfo::START`] and [`WordInfo::END`] pad a sentence), given the tags of the two tokens
/// before it (`p1` the previous, `p2` the one before; [`PREV_START`] before the sentence): the
/// keys of [`role_keys`] for each token of the window, [`prev_key`], [`prev2_key`],
/// [`window_keys`] and [`tag_keys`]. A position's score is the sum of its keys' weights.
pub fn keys(w: &[WordInfo; 5], p1: u8, p2: u8) -> [u64; FEATURES] {
    let [b2, b1, x, a1, a2] = w;
    let mut out = [0u64; FEATURES];
    let roles = [
        (x, Role::Itself),
        (b1, Role::Before1),
        (b2, Role::Before2),
        (a1, Role::After1),
        (a2, Role::After2),
    ];
    let all = roles
        .iter()
        .flat_map(|(t, r)| role_keys(t, *r).keys.into_iter().take(role_keys(t, *r).len))
        .chain([prev_key(p1), prev2_key(p2)])
        .chain(window_keys(b1, x, a1))
        .chain(tag_keys(x, p1));
    for (o, k) in out.iter_mut().zip(all) {
        *o = k;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_and_straight_apostrophes_are_one_word() {
        assert_eq!(
            WordInfo::of_text("don't"),
            WordInfo::of_text("don\u{2019}t")
        );
        assert_ne!(WordInfo::of_text("don't"), WordInfo::of_text("dont"));
        let long = [
            "brightest",
            "notwithstanding",
            "twenty-four-hour",
            "self-determination",
        ];
        for w in ["don\u{2019}t", "Élysée", "a", "", "“", "1,000", "Berlin's"]
            .into_iter()
            .chain(long)
        {
            assert_eq!(form_hash(w), WordInfo::of_text(w).form, "{w}");
        }
    }

    #[test]
    fn lower_folds_case_and_digits_but_form_does_not() {
        let (a, b) = (WordInfo::of_text("May"), WordInfo::of_text("may"));
        assert_eq!(a.lower, b.lower);
        assert_ne!(a.form, b.form);
        assert_eq!(a.flags & CAP, CAP);
        assert_eq!(b.flags & CAP, 0);
        assert_eq!(
            WordInfo::of_text("1990").lower,
            WordInfo::of_text("2024").lower
        );
        assert_eq!(WordInfo::of_text("NATO").flags & ALL_CAPS, ALL_CAPS);
        assert_eq!(WordInfo::of_text("well-known").flags & HYPHEN, HYPHEN);
    }

    #[test]
    fn suffixes_and_shapes() {
        let a = WordInfo::of_text("walked");
        let b = WordInfo::of_text("talked");
        assert_eq!(a.suffix, b.suffix);
        assert_ne!(a.lower, b.lower);
        assert_eq!(a.shape, WordInfo::of_text("abcdefgh").shape);
        assert_ne!(a.shape, WordInfo::of_text("Walked").shape);
        // A word shorter than a suffix: the suffix is the word.
        let i = WordInfo::of_text("I");
        assert_eq!(i.suffix[0], i.suffix[3]);
        // Multi-byte characters are whole characters.
        let e = WordInfo::of_text("Élysée");
        assert_eq!(e.flags & CAP, CAP);
        assert_eq!(e.lower, WordInfo::of_text("élysée").lower);
    }

    #[test]
    fn keys_differ_by_template_and_context() {
        let s = WordInfo::START;
        let x = WordInfo::of_text("said");
        let e = WordInfo::END;
        let k = keys(&[s, s, x, e, e], PREV_START, PREV_START);
        let mut sorted = k.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), FEATURES, "no two templates share a key");
        let k2 = keys(&[s, s, x, e, e], 3, PREV_START);
        assert_eq!(k[1], k2[1]);
        assert!(k.iter().all(|&x| x != 0));
        assert_ne!(k[18], k2[18]);
        // The roles' keys of a word do not depend on its neighbours.
        let k3 = keys(&[x, s, x, x, e], 3, 4);
        assert_eq!(k3[..12], k2[..12]);
        assert_ne!(k3[12], k2[12], "the word two before differs");
    }
}
