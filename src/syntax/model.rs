//! The tagger's model as data: the feature weights, a tag dictionary and an ambiguity-class
//! lexicon, read from and written to a compact binary file (`grammars/tagger/en.bin`).
//!
//! # File format (little endian)
//!
//! | field | bytes |
//! |---|---|
//! | magic `QCTAGGER` | 8 |
//! | format version ([`FORMAT`]) | u32 |
//! | feature templates ([`super::features::FEATURE_SET`]) | u32 |
//! | tag count, then each tag's `UPOS/XPOS` name (u8 length, bytes) | u32, … |
//! | index bits `b` (the feature index has 2^b slots) | u32 |
//! | features, by increasing key; each: 32-bit key, weight count, (tag, i8 weight) pairs | u32, … |
//! | tag dictionary, by increasing hash; each: word-form hash (u64), tag (u8) | u32, … |
//! | lexicon by increasing hash; each: lower-case form hash (u64), ambiguity class (u64) | u32, … |
//! | checksum of all the bytes before it | u64 |
//!
//! Every field is checked when the file is read: a bad file is an error, never a panic.

use super::Tag;

/// The file's format version.
pub const FORMAT: u32 = 1;

/// The width of the score array: one score per tag, padded.
pub const ROW: usize = 64;

/// A feature with more weights than this keeps them in a dense row (added with vector
/// instructions); one with fewer, as (tag, weight) pairs.
const DENSE_MIN: usize = 8;

/// The bit of an index slot's value marking a dense row.
const DENSE: u32 = 1 << 31;

/// The bit of an index slot's value marking one or two weights held in the value itself (tag
/// and weight in 14 bits each; a missing second is tag 63, a padding lane, weight 0).
const INLINE: u32 = 1 << 30;

/// A dense row of weights, one per tag (padded), aligned to a cache line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(align(64))]
pub struct Row(pub [i16; ROW]);

impl Default for Row {
    fn default() -> Row {
        Row::ZERO
    }
}

impl Row {
    /// All zeros.
    pub const ZERO: Row = Row([0; ROW]);
}

/// What a feature adds to the scores.
#[derive(Debug, Clone, Copy)]
pub enum Weights<'a> {
    /// Nothing: a feature the model has no weights for.
    None,
    /// A few weights.
    Sparse(&'a [Weight]),
    /// One or two weights.
    Pair([Weight; 2]),
    /// One weight per tag.
    Dense(&'a Row),
}

const MAGIC: &[u8; 8] = b"QCTAGGER";

/// The most index bits a model may have (2^24 slots of 8 bytes: 128 MB).
const MAX_BITS: u32 = 24;

/// One weight of a feature: a tag's index and the weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Weight {
    /// The tag's index ([`Tag::index`], never [`Tag::Quote`]'s).
    pub tag: u8,
    /// The weight.
    pub w: i8,
}

/// Why a model file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// Not a model file, or a model of another format.
    #[error("not a quotecheck tagger model (format {FORMAT})")]
    Magic,
    /// A model trained with other feature templates.
    #[error("model built for feature set {found}, this build reads {expected}")]
    FeatureSet {
        /// In the file.
        found: u32,
        /// This build's.
        expected: u32,
    },
    /// A model of another tag set.
    #[error("model tag set differs from this build's")]
    TagSet,
    /// The file ends early or has bytes after its end.
    #[error("model file truncated or overlong")]
    Length,
    /// A field out of range.
    #[error("model field out of range: {0}")]
    Field(&'static str),
    /// The checksum does not match.
    #[error("model checksum mismatch")]
    Checksum,
}

/// A feature's home slot in the index as [`Model::probe`] read it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Probe {
    /// The feature's 32-bit key.
    k: u32,
    /// The slot's key.
    s: u32,
    /// The slot's value.
    at: u32,
}

/// An open-addressing hash table from non-zero 64-bit hashes to values.
#[derive(Debug, Clone)]
struct Table<V> {
    slots: Vec<(u64, V)>,
    mask: usize,
}

impl<V: Copy + Default> Table<V> {
    fn new(entries: &[(u64, V)]) -> Result<Table<V>, ModelError> {
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![(0u64, V::default()); size];
        let mask = size - 1;
        for &(h, v) in entries {
            if h == 0 {
                return Err(ModelError::Field("hash"));
            }
            let mut i = (h >> 24) as usize & mask;
            while let Some(s) = slots.get_mut(i) {
                if s.0 == 0 || s.0 == h {
                    *s = (h, v);
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        Ok(Table { slots, mask })
    }

    #[inline]
    fn get(&self, h: u64) -> Option<V> {
        let mut i = (h >> 24) as usize & self.mask;
        loop {
            let &(k, v) = self.slots.get(i)?;
            if k == h {
                return Some(v);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The entries, in hash order.
    fn entries(&self) -> Vec<(u64, V)> {
        let mut e: Vec<(u64, V)> = self.slots.iter().filter(|e| e.0 != 0).copied().collect();
        e.sort_unstable_by_key(|e| e.0);
        e
    }
}

/// A tagger model: the feature weights, the tag dictionary and the ambiguity-class lexicon.
#[derive(Debug, Clone)]
pub struct Model {
    /// Unique per model built in this process ([`Model::id`]).
    id: u64,
    /// The feature index has `2^bits` slots.
    bits: u32,
    /// Open addressing on a feature's 32-bit key ([`Model::key32`]; 0 is empty): the key and
    /// where its weights are: `DENSE | i` for `dense[i]`, else `start << 6 | length` in `sparse`.
    slots: Vec<(u32, u32)>,
    /// The weights of features with few, one run per feature.
    sparse: Vec<Weight>,
    /// The weights of features with many.
    dense: Vec<Row>,
    /// Word form hash to tag: frequent, unambiguous words.
    dict: Table<u8>,
    /// Lower-case form hash to ambiguity class (the tags the word took in training).
    lex: Table<u64>,
}

/// A model's parts, as the trainer builds them: features (32-bit key, weights), the tag
/// dictionary (form hash, tag) and the lexicon (lower-case form hash, ambiguity class).
#[derive(Debug, Clone, Default)]
pub struct Parts {
    /// The feature index has `2^bits` slots (at most three quarters full; about half, for
    /// short probes).
    pub bits: u32,
    /// Features, by strictly increasing non-zero key.
    pub features: Vec<(u32, Vec<Weight>)>,
    /// The tag dictionary, by strictly increasing non-zero hash.
    pub dict: Vec<(u64, Tag)>,
    /// The lexicon, by strictly increasing non-zero hash.
    pub lex: Vec<(u64, u64)>,
}

/// The feature index of a model being built, a feature at a time (read from a file, a
/// feature's weights go straight in: no vector of all the features first), each checked as it
/// comes: keys increasing and non-zero, tags in range, the index at most three quarters full.
struct Index {
    bits: u32,
    slots: Vec<(u32, u32)>,
    sparse: Vec<Weight>,
    dense: Vec<Row>,
    /// The last feature's key (0 before the first).
    last: u32,
}

impl Index {
    /// An empty index of `2^bits` slots for `features` features.
    fn new(bits: u32, features: usize) -> Result<Index, ModelError> {
        if !(2..=MAX_BITS).contains(&bits) || features > 3 << (bits - 2) {
            return Err(ModelError::Field("index bits"));
        }
        Ok(Index {
            bits,
            slots: vec![(0, 0); 1 << bits],
            sparse: Vec::new(),
            dense: Vec::new(),
            last: 0,
        })
    }

    /// Adds feature `k` (above the last one added) with weights `ws`.
    fn add(&mut self, k: u32, ws: &[Weight]) -> Result<(), ModelError> {
        if k == 0 || k <= self.last {
            return Err(ModelError::Field("feature order"));
        }
        self.last = k;
        let quote = Tag::Quote.index();
        if ws.len() > quote || ws.iter().any(|w| usize::from(w.tag) >= quote) {
            return Err(ModelError::Field("feature weights"));
        }
        let at = if let [a, rest @ ..] = ws {
            if rest.len() <= 1 {
                let b = rest.first().copied().unwrap_or(Weight { tag: 63, w: 0 });
                let pack = |w: &Weight| u32::from(w.tag) << 8 | u32::from(w.w as u8);
                INLINE | pack(&b) << 14 | pack(a)
            } else if ws.len() > DENSE_MIN {
                let mut row = Row([0; ROW]);
                for w in ws {
                    if let Some(x) = row.0.get_mut(usize::from(w.tag)) {
                        *x = i16::from(w.w);
                    }
                }
                self.dense.push(row);
                DENSE | (self.dense.len() - 1) as u32
            } else {
                if self.sparse.len() >= 1 << 24 {
                    return Err(ModelError::Field("feature weights"));
                }
                self.sparse.extend_from_slice(ws);
                ((self.sparse.len() - ws.len()) as u32) << 6 | ws.len() as u32
            }
        } else {
            // No weights: an empty run.
            0
        };
        let mask = self.slots.len() - 1;
        let mut i = (k >> (32 - self.bits)) as usize;
        while let Some(s) = self.slots.get_mut(i) {
            if s.0 == 0 {
                *s = (k, at);
                break;
            }
            i = (i + 1) & mask;
        }
        Ok(())
    }

    /// The model of this index, the tag dictionary `dict` and the lexicon `lex` (checked:
    /// hashes increasing and non-zero, no [`Tag::Quote`]).
    fn finish(self, dict: &[(u64, Tag)], lex: &[(u64, u64)]) -> Result<Model, ModelError> {
        if !increasing(dict.iter().map(|e| e.0)) || !increasing(lex.iter().map(|e| e.0)) {
            return Err(ModelError::Field("dictionary order"));
        }
        let quote = Tag::Quote.index();
        if dict.iter().any(|e| e.1 == Tag::Quote) || lex.iter().any(|e| e.1 >> quote != 0) {
            return Err(ModelError::Field("dictionary tag"));
        }
        let dict: Vec<(u64, u8)> = dict.iter().map(|&(h, t)| (h, t as u8)).collect();
        Ok(Model {
            id: next_id(),
            bits: self.bits,
            slots: self.slots,
            sparse: self.sparse,
            dense: self.dense,
            dict: Table::new(&dict)?,
            lex: Table::new(lex)?,
        })
    }
}

/// A new model id.
fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Whether `keys` are non-zero and strictly increasing.
fn increasing<K: Copy + Ord + Default>(keys: impl Iterator<Item = K>) -> bool {
    let mut prev = K::default();
    let mut first = true;
    for k in keys {
        if k == K::default() || (!first && k <= prev) {
            return false;
        }
        prev = k;
        first = false;
    }
    true
}

impl Model {
    /// The 32-bit key of feature key `key`: what the index stores. Never 0 (an empty slot).
    #[inline]
    pub fn key32(key: u64) -> u32 {
        ((key >> 32) as u32).max(1)
    }

    /// A model of `parts`, checked: keys increasing and non-zero, tags in range, the index at
    /// most three quarters full.
    pub fn new(parts: &Parts) -> Result<Model, ModelError> {
        let features: Vec<(u32, &[Weight])> = parts
            .features
            .iter()
            .map(|(k, ws)| (*k, ws.as_slice()))
            .collect();
        Model::of_features(parts.bits, &features, &parts.dict, &parts.lex)
    }

    /// [`Model::new`] of parts whose features' weights are slices.
    fn of_features(
        bits: u32,
        features: &[(u32, &[Weight])],
        dict: &[(u64, Tag)],
        lex: &[(u64, u64)],
    ) -> Result<Model, ModelError> {
        let mut index = Index::new(bits, features.len())?;
        for &(k, ws) in features {
            index.add(k, ws)?;
        }
        index.finish(dict, lex)
    }

    /// An empty model: no weights, no dictionary.
    pub fn empty() -> Model {
        let parts = Parts {
            bits: 4,
            ..Parts::default()
        };
        Model::new(&parts).unwrap_or(Model {
            id: next_id(),
            bits: 4,
            slots: vec![(0, 0); 16],
            sparse: Vec::new(),
            dense: Vec::new(),
            dict: Table {
                slots: vec![(0, 0); 16],
                mask: 15,
            },
            lex: Table {
                slots: vec![(0, 0); 16],
                mask: 15,
            },
        })
    }

    /// An id unique to this model among those built in this process (a clone shares it), so a
    /// cache of its weights can tell whose they are.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Whether the model has no weights and no dictionary.
    pub fn is_empty(&self) -> bool {
        self.sparse.is_empty() && self.dense.is_empty() && self.dict.slots.iter().all(|e| e.0 == 0)
    }

    /// The weights of feature `key`.
    #[inline]
    pub fn weights(&self, key: u64) -> Weights<'_> {
        let k = Model::key32(key);
        let mask = (1usize << self.bits) - 1;
        let mut i = (k >> (32 - self.bits)) as usize;
        while let Some(&(s, at)) = self.slots.get(i) {
            if s == k {
                return self.at(at);
            }
            if s == 0 {
                break;
            }
            i = (i + 1) & mask;
        }
        Weights::None
    }

    /// Calls `f` with the weights of each of `keys` (at most 16 read at once; the index slots
    /// of a batch are read before any is compared, so their cache misses overlap).
    #[inline]
    pub fn for_weights(&self, keys: &[u64], mut f: impl FnMut(Weights<'_>)) {
        let shift = 32 - self.bits;
        for chunk in keys.chunks(16) {
            let mut first = [(0u32, 0u32, 0u32); 16];
            for (slot, &key) in first.iter_mut().zip(chunk) {
                let k = Model::key32(key);
                let (s, at) = self
                    .slots
                    .get((k >> shift) as usize)
                    .copied()
                    .unwrap_or((0, 0));
                *slot = (k, s, at);
            }
            for &(k, s, at) in first.iter().take(chunk.len()) {
                f(self.resolve(k, s, at));
            }
        }
    }

    /// [`Model::for_weights`] for a fixed number of keys (read all at once).
    #[inline]
    pub fn for_each_weights<const N: usize>(
        &self,
        keys: &[u64; N],
        mut f: impl FnMut(Weights<'_>),
    ) {
        for p in self.probe(keys) {
            f(self.probed(p));
        }
    }

    /// The home slots of `keys`, read at once: per key, its 32-bit key and the slot's key and
    /// value, for [`Model::probed`] (which may come much later, the reads done by then).
    #[inline]
    pub(crate) fn probe<const N: usize>(&self, keys: &[u64; N]) -> [Probe; N] {
        let shift = 32 - self.bits;
        std::array::from_fn(|i| {
            let k = Model::key32(keys.get(i).copied().unwrap_or(0));
            let (s, at) = self
                .slots
                .get((k >> shift) as usize)
                .copied()
                .unwrap_or((0, 0));
            Probe { k, s, at }
        })
    }

    /// The weights of a key [`Model::probe`] read.
    #[inline]
    pub(crate) fn probed(&self, p: Probe) -> Weights<'_> {
        self.resolve(p.k, p.s, p.at)
    }

    /// The weights of the feature of 32-bit key `k` whose home slot holds key `s` and value
    /// `at`.
    #[inline]
    fn resolve(&self, k: u32, s: u32, at: u32) -> Weights<'_> {
        if s == k {
            self.at(at)
        } else if s == 0 {
            Weights::None
        } else {
            self.weights(u64::from(k) << 32)
        }
    }

    /// Where the weights of feature `key` are (an index slot's value; 0 has none), for
    /// [`Model::at`].
    #[inline]
    pub(crate) fn find(&self, key: u64) -> u32 {
        let k = Model::key32(key);
        let mask = (1usize << self.bits) - 1;
        let mut i = (k >> (32 - self.bits)) as usize;
        while let Some(&(s, at)) = self.slots.get(i) {
            if s == k {
                return at;
            }
            if s == 0 {
                break;
            }
            i = (i + 1) & mask;
        }
        0
    }

    /// The weights an index slot's value points at.
    #[inline]
    pub(crate) fn at(&self, at: u32) -> Weights<'_> {
        if at & INLINE != 0 {
            let unpack = |x: u32| Weight {
                tag: (x >> 8 & 63) as u8,
                w: x as u8 as i8,
            };
            Weights::Pair([unpack(at), unpack(at >> 14)])
        } else if at & DENSE != 0 {
            self.dense
                .get((at & !DENSE) as usize)
                .map_or(Weights::None, Weights::Dense)
        } else {
            let (start, len) = ((at >> 6) as usize, (at & 63) as usize);
            self.sparse
                .get(start..start + len)
                .map_or(Weights::None, Weights::Sparse)
        }
    }

    /// The tag of a word form in the dictionary, if it is there.
    #[inline]
    pub fn lookup(&self, form: u64) -> Option<Tag> {
        self.dict
            .get(form)
            .and_then(|t| Tag::from_index(usize::from(t)))
    }

    /// The ambiguity class of a lower-case form (0 if the word was not seen in training).
    #[inline]
    pub fn class(&self, lower: u64) -> u64 {
        self.lex.get(lower).unwrap_or(0)
    }

    /// The number of features with weights.
    pub fn features(&self) -> usize {
        self.slots.iter().filter(|s| s.0 != 0).count()
    }

    /// The model's parts.
    pub fn parts(&self) -> Parts {
        let mut features: Vec<(u32, Vec<Weight>)> = self
            .slots
            .iter()
            .filter(|s| s.0 != 0)
            .map(|&(k, at)| {
                let ws = match self.at(at) {
                    Weights::None => Vec::new(),
                    Weights::Sparse(ws) => ws.to_vec(),
                    Weights::Pair(ws) => ws.into_iter().filter(|w| w.tag != 63).collect(),
                    Weights::Dense(row) => (0..Tag::COUNT - 1)
                        .filter_map(|j| {
                            let w = *row.0.get(j)?;
                            (w != 0).then_some(Weight {
                                tag: j as u8,
                                w: w as i8,
                            })
                        })
                        .collect(),
                };
                (k, ws)
            })
            .collect();
        features.sort_unstable_by_key(|f| f.0);
        Parts {
            bits: self.bits,
            features,
            dict: self
                .dict
                .entries()
                .into_iter()
                .filter_map(|(h, t)| Some((h, Tag::from_index(usize::from(t))?)))
                .collect(),
            lex: self.lex.entries(),
        }
    }

    /// The model as a file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let p = self.parts();
        let mut b = Vec::with_capacity(1 << 20);
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&FORMAT.to_le_bytes());
        b.extend_from_slice(&super::features::FEATURE_SET.to_le_bytes());
        b.extend_from_slice(&(Tag::COUNT as u32).to_le_bytes());
        for t in Tag::ALL {
            b.push(t.name().len() as u8);
            b.extend_from_slice(t.name().as_bytes());
        }
        b.extend_from_slice(&p.bits.to_le_bytes());
        b.extend_from_slice(&(p.features.len() as u32).to_le_bytes());
        for (k, ws) in &p.features {
            b.extend_from_slice(&k.to_le_bytes());
            b.push(ws.len() as u8);
            for w in ws {
                b.extend_from_slice(&[w.tag, w.w as u8]);
            }
        }
        b.extend_from_slice(&(p.dict.len() as u32).to_le_bytes());
        for (h, t) in &p.dict {
            b.extend_from_slice(&h.to_le_bytes());
            b.push(*t as u8);
        }
        b.extend_from_slice(&(p.lex.len() as u32).to_le_bytes());
        for (h, c) in &p.lex {
            b.extend_from_slice(&h.to_le_bytes());
            b.extend_from_slice(&c.to_le_bytes());
        }
        let sum = checksum(&b);
        b.extend_from_slice(&sum.to_le_bytes());
        b
    }

    /// Reads a model file, checking every field.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let body_len = bytes.len().checked_sub(8).ok_or(ModelError::Length)?;
        let (body, sum) = bytes.split_at(body_len);
        let mut r = Reader { b: body };
        if r.take(8)? != MAGIC || r.u32()? != FORMAT {
            return Err(ModelError::Magic);
        }
        let fs = r.u32()?;
        if fs != super::features::FEATURE_SET {
            return Err(ModelError::FeatureSet {
                found: fs,
                expected: super::features::FEATURE_SET,
            });
        }
        if u64::from_le_bytes(sum.try_into().map_err(|_| ModelError::Length)?) != checksum(body) {
            return Err(ModelError::Checksum);
        }
        if r.u32()? as usize != Tag::COUNT {
            return Err(ModelError::TagSet);
        }
        for t in Tag::ALL {
            let n = usize::from(r.u8()?);
            if r.take(n)? != t.name().as_bytes() {
                return Err(ModelError::TagSet);
            }
        }
        let bits = r.u32()?;
        // Each feature into the index as it is read.
        let n = r.count(5)?;
        let mut index = Index::new(bits, n)?;
        let mut buf = [Weight::default(); 256];
        for _ in 0..n {
            let k = r.u32()?;
            let len = usize::from(r.u8()?);
            let ws = r.take(2 * len)?;
            for (w, b) in buf.iter_mut().zip(ws.chunks_exact(2)) {
                if let [tag, x] = *b {
                    *w = Weight { tag, w: x as i8 };
                }
            }
            index.add(k, buf.get(..len).unwrap_or_default())?;
        }
        let n = r.count(9)?;
        let mut dict = Vec::with_capacity(n);
        for _ in 0..n {
            let h = r.u64()?;
            let t = Tag::from_index(usize::from(r.u8()?)).ok_or(ModelError::Field("tag"))?;
            dict.push((h, t));
        }
        let n = r.count(16)?;
        let mut lex = Vec::with_capacity(n);
        for _ in 0..n {
            lex.push((r.u64()?, r.u64()?));
        }
        if !r.b.is_empty() {
            return Err(ModelError::Length);
        }
        index.finish(&dict, &lex)
    }
}

/// A checksum of `b`: eight bytes at a time, each step a folded multiply.
fn checksum(b: &[u8]) -> u64 {
    let mut h: u64 = 0x5154_4147_4745_5231;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let p = u128::from(h ^ u64::from_le_bytes(w)) * 0x9E37_79B9_7F4A_7C15;
        h = (p as u64) ^ ((p >> 64) as u64);
    }
    for &x in chunks.remainder() {
        h = (h ^ u64::from(x)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^ b.len() as u64
}

/// A cursor over the file's bytes.
struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if n > self.b.len() {
            return Err(ModelError::Length);
        }
        let (a, rest) = self.b.split_at(n);
        self.b = rest;
        Ok(a)
    }

    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?.first().copied().unwrap_or(0))
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes(
            b.try_into().map_err(|_| ModelError::Length)?,
        ))
    }

    /// A u32 count of records of at least `size` bytes each, checked against what is left.
    fn count(&mut self, size: usize) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(size) > self.b.len() {
            return Err(ModelError::Length);
        }
        Ok(n)
    }

    fn u64(&mut self) -> Result<u64, ModelError> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes(
            b.try_into().map_err(|_| ModelError::Length)?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Model {
        let w = |tag: Tag, w: i8| Weight {
            tag: tag.index() as u8,
            w,
        };
        Model::new(&Parts {
            bits: 4,
            features: vec![
                (3, vec![w(Tag::AdjJj, 5), w(Tag::VerbVbd, -7)]),
                (0xF000_0000, vec![w(Tag::XGw, 127)]),
            ],
            dict: vec![(17, Tag::PunctComma), (0x1234_5678_9ABC_DEF1, Tag::DetDt)],
            lex: vec![(5, 0b1011)],
        })
        .unwrap()
    }

    #[test]
    fn round_trips_through_bytes() {
        let m = sample();
        let b = m.to_bytes();
        let back = Model::from_bytes(&b).unwrap();
        assert_eq!(back.to_bytes(), b);
        assert_eq!(back.features(), 2);
        assert_eq!(back.lookup(0x1234_5678_9ABC_DEF1), Some(Tag::DetDt));
        assert_eq!(back.lookup(17), Some(Tag::PunctComma));
        assert_eq!(back.lookup(18), None);
        assert_eq!(back.class(5), 0b1011);
        assert_eq!(back.class(6), 0);
        let Weights::Pair(ws) = back.weights(3 << 32) else {
            panic!("two weights are held in the index")
        };
        assert_eq!(ws[1].w, -7);
        assert!(matches!(back.weights(0xF000_0000 << 32), Weights::Pair([w, _]) if w.w == 127));
        // Three to eight weights are a run of their own.
        let mut p = back.parts();
        let three: Vec<Weight> = (0..3).map(|j| Weight { tag: j, w: 5 }).collect();
        p.features.push((0xFFF0_0000, three.clone()));
        let m = Model::new(&p).unwrap();
        assert!(matches!(m.weights(0xFFF0_0000 << 32), Weights::Sparse(ws) if ws == three));
        assert!(matches!(back.weights(4 << 32), Weights::None));
        // Many weights make a dense row, read back as the same weights.
        let mut p = back.parts();
        let many: Vec<Weight> = (0..20)
            .map(|j| Weight {
                tag: j,
                w: j as i8 - 10,
            })
            .collect();
        p.features.push((0xFFFF_0000, many.clone()));
        let m = Model::new(&p).unwrap();
        let Weights::Dense(row) = m.weights(0xFFFF_0000 << 32) else {
            panic!("twenty weights are dense")
        };
        assert_eq!(row.0[3], -7);
        let nonzero: Vec<Weight> = many.into_iter().filter(|w| w.w != 0).collect();
        assert_eq!(m.parts().features.last().unwrap().1, nonzero);
    }

    /// A feature's weights as (tag, weight) pairs, zeros and the padding lane left out.
    fn pairs(ws: Weights<'_>) -> Vec<(u8, i8)> {
        let mut v: Vec<(u8, i8)> = match ws {
            Weights::None => Vec::new(),
            Weights::Sparse(ws) => ws.iter().map(|w| (w.tag, w.w)).collect(),
            Weights::Pair(ws) => ws.iter().map(|w| (w.tag, w.w)).collect(),
            Weights::Dense(row) => (0..ROW).map(|j| (j as u8, row.0[j] as i8)).collect(),
        };
        v.retain(|&(t, w)| w != 0 && t != 63);
        v
    }

    #[test]
    fn the_shipped_model_read_a_feature_at_a_time_finds_every_feature_as_built_from_its_parts() {
        let bytes = include_bytes!("../../grammars/tagger/en.bin");
        let read = Model::from_bytes(bytes).unwrap();
        let parts = read.parts();
        let built = Model::new(&parts).unwrap();
        assert_eq!(built.to_bytes(), bytes.to_vec());
        assert!(parts.features.len() > 10_000);
        for (k, ws) in &parts.features {
            let key = u64::from(*k) << 32;
            let mut want: Vec<(u8, i8)> = ws.iter().map(|w| (w.tag, w.w)).collect();
            want.retain(|&(_, w)| w != 0);
            assert_eq!(pairs(read.weights(key)), want, "feature {k:#x}");
            assert_eq!(pairs(built.weights(key)), want, "feature {k:#x}");
            assert_eq!(read.find(key), built.find(key), "feature {k:#x}");
        }
        // A key the model lacks has no weights.
        let missing = (1..).find(|k| parts.features.binary_search_by_key(k, |f| f.0).is_err());
        assert!(matches!(
            read.weights(u64::from(missing.unwrap()) << 32),
            Weights::None
        ));
    }

    #[test]
    fn the_index_refuses_a_feature_out_of_order_or_of_bad_weights() {
        let w = |tag: u8| Weight { tag, w: 1 };
        let mut index = Index::new(4, 3).unwrap();
        index.add(5, &[w(1)]).unwrap();
        assert!(index.add(5, &[w(2)]).is_err(), "a key again");
        assert!(index.add(3, &[w(2)]).is_err(), "a smaller key");
        let mut index = Index::new(4, 3).unwrap();
        assert!(index.add(0, &[w(1)]).is_err(), "the empty slot's key");
        assert!(
            index.add(7, &[w(Tag::Quote.index() as u8)]).is_err(),
            "the quotation's tag"
        );
        assert!(Index::new(4, 13).is_err(), "over three quarters full");
        assert!(Index::new(1, 1).is_err(), "too few bits");
    }

    #[test]
    fn bad_parts_are_refused() {
        let mut p = sample().parts();
        p.features.swap(0, 1);
        assert!(Model::new(&p).is_err());
        let mut p = sample().parts();
        p.lex[0].1 = 1 << Tag::Quote.index();
        assert!(Model::new(&p).is_err());
        let mut p = sample().parts();
        p.bits = 1;
        assert!(Model::new(&p).is_err());
    }

    #[test]
    fn every_damaged_file_is_an_error() {
        let b = sample().to_bytes();
        for cut in 0..b.len() {
            assert!(Model::from_bytes(&b[..cut]).is_err(), "cut at {cut}");
        }
        for i in 0..b.len() {
            let mut d = b.clone();
            d[i] ^= 0x41;
            assert!(Model::from_bytes(&d).is_err(), "byte {i} flipped");
        }
        let mut longer = b.clone();
        longer.push(0);
        assert!(Model::from_bytes(&longer).is_err());
    }
}
