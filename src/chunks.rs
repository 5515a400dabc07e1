//! `Chunks<T>`, a vector that never moves its items: it grows a chunk at a time, so a long
//! document's entity table (an entity for every few bytes of a document naming speaker after
//! speaker) never holds its old and new storage at once, as a doubling vector does while it
//! copies.

/// Items per chunk, a power of two. The first chunk grows as a vector does (a story holds a
/// dozen entities); every later one is reserved whole.
const CHUNK: usize = 1024;

/// A vector of chunks of [`CHUNK`] items, read by index like a `Vec`.
#[derive(Debug, Clone)]
pub struct Chunks<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Chunks {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunks<T> {
    /// How many items.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Item `i`.
    pub fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    /// Item `i`, to change.
    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.chunks.get_mut(i / CHUNK)?.get_mut(i % CHUNK)
    }

    /// Adds `x` at the end. `first` is the room the first chunk starts with.
    pub fn push(&mut self, x: T, first: usize) {
        match self.chunks.last_mut() {
            Some(c) if c.len() < CHUNK => c.push(x),
            _ => {
                let room = if self.chunks.is_empty() {
                    first.min(CHUNK)
                } else {
                    CHUNK
                };
                let mut c = Vec::with_capacity(room);
                c.push(x);
                self.chunks.push(c);
            }
        }
        self.len += 1;
    }

    /// Every item, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.chunks.iter().flatten()
    }

    /// Every item, in order, to change.
    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut T> + '_ {
        self.chunks.iter_mut().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_a_vector_across_chunks() {
        let mut c = Chunks::default();
        let n = 3 * CHUNK + 5;
        for i in 0..n {
            c.push(i, 16);
        }
        assert_eq!(c.len(), n);
        assert!(!c.is_empty());
        assert_eq!(c.get(0), Some(&0));
        assert_eq!(c.get(CHUNK - 1), Some(&(CHUNK - 1)));
        assert_eq!(c.get(CHUNK), Some(&CHUNK));
        assert_eq!(c.get(n - 1), Some(&(n - 1)));
        assert_eq!(c.get(n), None);
        if let Some(x) = c.get_mut(2 * CHUNK + 1) {
            *x = 7;
        }
        assert_eq!(c.get(2 * CHUNK + 1), Some(&7));
        assert!(c
            .iter()
            .enumerate()
            .all(|(i, &x)| x == i || i == 2 * CHUNK + 1));
        assert_eq!(c.iter().next_back(), Some(&(n - 1)));
        c.iter_mut().for_each(|x| *x += 1);
        assert_eq!(c.get(0), Some(&1));
        // Later chunks are reserved whole: no item moves once pushed.
        assert!(c.chunks.iter().skip(1).all(|x| x.capacity() == CHUNK));
        assert!(Chunks::<u8>::default().is_empty());
    }
}
