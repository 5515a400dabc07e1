//! A cache of what the tagger computes once per word form: the word's [`WordInfo`] and its
//! weights in each [`Role`](super::features::Role).
//!
//! Two-way set associative, keyed by the form's hash. A form enters on its second miss (a
//! doorkeeper bit remembers the first), so words seen once do not push out frequent ones. The
//! entries of the sentence being tagged are never evicted while it is tagged (a stamp marks
//! them): a word that finds both entries of its set taken by that sentence goes to a spare
//! entry for the sentence.

use super::features::WordInfo;
use super::model::Row;
use super::Tag;

/// The sets (a power of two): 4096 sets of two 512-byte entries, about 4 MB. On real news
/// (the PolNeAR training articles) half as many sets refill a third more often (98 k fills
/// against 73 k) and execute 4% more instructions in all.
const SETS: usize = 4096;

/// The doorkeeper's bits (a power of two).
const DOORKEEPER: usize = 1 << 16;

/// The bit of a [`WordCache::get`] reference naming a spare entry.
const SPARE: u32 = 1 << 31;

/// One word form's entry.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entry {
    /// What the features know of the word.
    pub info: WordInfo,
    /// Its tag if it needs no scoring (a quotation, a word of the tag dictionary).
    pub given: Option<Tag>,
    /// Its summed weights as the word itself (zero if `given`: such a word is not scored),
    /// the word before and the word after.
    pub rows: [Row; 3],
    /// Where the weights of its one template as the word two before, and two after, are
    /// ([`super::Model::at`]).
    pub far: [u32; 2],
    /// Where the weights of its flags key ([`super::features::flags_key`]) are, inside a
    /// sentence and opening one.
    pub flags: [u32; 2],
}

/// The cache (about 4 MB once used).
#[derive(Debug, Default, Clone)]
pub(crate) struct WordCache {
    /// Two entries a set: set `i` is entries `2i` and `2i + 1`.
    entries: Vec<Entry>,
    /// Per entry, its form's hash (0: empty) and the sentence that last read it: what a probe
    /// reads, kept apart from the entries so it stays in the processor's cache.
    keys: Vec<(u64, u32)>,
    /// Per set, which of its two entries was used last.
    recent: Vec<u8>,
    /// The doorkeeper's bits: forms missed once.
    seen: Vec<u64>,
    /// Bits set since the doorkeeper was last cleared.
    marked: usize,
    /// Entries of the current sentence's words that are not cached.
    spare: Vec<Entry>,
    /// The current sentence's stamp.
    stamp: u32,
    /// The id of the model whose weights the cache holds.
    model: u64,
}

impl WordCache {
    /// Lets go of the spare entries if there is room for more than `keep`.
    pub fn trim(&mut self, keep: usize) {
        if self.spare.capacity() > keep {
            self.spare = Vec::new();
        }
    }

    /// Starts a sentence; empties the cache if it holds another model's weights (or none yet).
    pub fn begin(&mut self, model: u64) {
        if self.model != model || self.entries.len() != 2 * SETS {
            self.entries.clear();
            self.entries.resize(2 * SETS, Entry::default());
            self.keys.clear();
            self.keys.resize(2 * SETS, (0, 0));
            self.recent.clear();
            self.recent.resize(SETS, 0);
            self.seen.clear();
            self.seen.resize(DOORKEEPER / 64, 0);
            self.marked = 0;
            self.model = model;
        }
        self.spare.clear();
        self.stamp = self.stamp.wrapping_add(1).max(1);
    }

    /// A reference to the entry of `form`, filled by `fill` if it is not cached.
    // Inlined into the tagger's loop (a call per token otherwise).
    #[inline(always)]
    pub fn get(&mut self, form: u64, fill: impl FnOnce(&mut Entry)) -> u32 {
        let set = (form >> 40) as usize & (SETS - 1);
        let stamp = self.stamp;
        let hit = (0..2).find(|&w| self.keys.get(2 * set + w).is_some_and(|k| k.0 == form));
        if let Some(way) = hit {
            return self.mark(set, way, stamp);
        }
        // The way to replace: the one used less recently, unless this sentence uses it.
        let lru = self.recent.get(set).map_or(0, |r| 1 - usize::from(*r & 1));
        let free = [lru, 1 - lru]
            .into_iter()
            .find(|&w| self.keys.get(2 * set + w).is_some_and(|k| k.1 != stamp));
        match free {
            Some(way) if self.admit(form) => {
                if let (Some(e), Some(k)) = (
                    self.entries.get_mut(2 * set + way),
                    self.keys.get_mut(2 * set + way),
                ) {
                    k.0 = form;
                    fill(e);
                }
                self.mark(set, way, stamp)
            }
            _ => {
                // Filled where it lies (an entry is about 500 bytes: not built, then moved).
                self.spare.push(Entry::default());
                if let Some(e) = self.spare.last_mut() {
                    fill(e);
                }
                SPARE | (self.spare.len() - 1) as u32
            }
        }
    }

    /// Marks entry `way` of `set` used by this sentence, and returns its reference.
    #[inline]
    fn mark(&mut self, set: usize, way: usize, stamp: u32) -> u32 {
        if let Some(r) = self.recent.get_mut(set) {
            *r = way as u8;
        }
        if let Some(k) = self.keys.get_mut(2 * set + way) {
            k.1 = stamp;
        }
        (2 * set + way) as u32
    }

    /// Whether `form` may enter the cache: the doorkeeper has seen it before. Marks it seen;
    /// the bits are cleared once an eighth of them are set.
    #[inline]
    fn admit(&mut self, form: u64) -> bool {
        let bit = (form >> 20) as usize & (DOORKEEPER - 1);
        let (word, mask) = (bit / 64, 1u64 << (bit % 64));
        let Some(w) = self.seen.get_mut(word) else {
            return false;
        };
        if *w & mask != 0 {
            return true;
        }
        *w |= mask;
        self.marked += 1;
        if self.marked > DOORKEEPER / 8 {
            self.seen.iter_mut().for_each(|w| *w = 0);
            self.marked = 0;
        }
        false
    }

    /// A value read from every cache line of entry `r`, so its lines are on their way to the
    /// processor's cache before they are needed (the caller folds the values into a value it
    /// keeps).
    #[inline]
    pub fn touch(&self, r: u32) -> i16 {
        self.entry(r).map_or(0, |e| {
            e.rows
                .iter()
                .fold(e.info.flags as i16, |t, row| t ^ row.0[0] ^ row.0[32])
        })
    }

    /// The entry `r` refers to (valid until the next sentence begins).
    #[inline]
    pub fn entry(&self, r: u32) -> Option<&Entry> {
        if r & SPARE != 0 {
            self.spare.get((r & !SPARE) as usize)
        } else {
            self.entries.get(r as usize)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(n: i16) -> impl FnOnce(&mut Entry) {
        move |e| e.rows[0].0[0] = n
    }

    #[test]
    fn a_form_is_cached_on_its_second_miss_and_kept_for_its_sentence() {
        let mut c = WordCache::default();
        c.begin(1);
        let a = c.get(7 << 40 | 1 << 20, fill(1));
        assert!(a & SPARE != 0, "the first miss is not cached");
        c.begin(1);
        let b = c.get(7 << 40 | 1 << 20, fill(2));
        assert_eq!(b & SPARE, 0, "the second is");
        // Two more forms of the same set in the same sentence: one takes the other way, the
        // next finds both taken by this sentence and goes spare.
        for f in [7 << 40 | 3 << 20, 7 << 40 | 5 << 20] {
            c.get(f, |_| {});
            c.begin(1);
            c.begin(1);
        }
        c.begin(1);
        let x = c.get(7 << 40 | 1 << 20, fill(9));
        let y = c.get(7 << 40 | 3 << 20, fill(3));
        let z = c.get(7 << 40 | 5 << 20, fill(5));
        assert_eq!(c.entry(x).unwrap().rows[0].0[0], 2);
        assert_eq!(c.entry(y).unwrap().rows[0].0[0], 3);
        assert_eq!(c.entry(z).unwrap().rows[0].0[0], 5);
        assert!(z & SPARE != 0);
        assert_eq!(c.entry(x).unwrap().rows[0].0[0], 2, "a hit is not refilled");
    }

    #[test]
    fn another_model_empties_it() {
        let mut c = WordCache::default();
        for _ in 0..2 {
            c.begin(1);
            c.get(42 << 40, fill(4));
        }
        c.begin(2);
        c.get(42 << 40, fill(5));
        c.begin(2);
        let r = c.get(42 << 40, fill(6));
        assert_eq!(c.entry(r).unwrap().rows[0].0[0], 6);
    }
}
