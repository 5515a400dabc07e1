//! [`Thin`]: a list that costs one word while it is empty, for the fields of structures a
//! long document holds by the hundred thousand (attributions, entities) and whose lists are
//! mostly empty: a `Vec` costs three words empty or not.

use std::ops::{Deref, DerefMut};

/// A vector behind one pointer, allocated at its first element: 8 bytes empty, where a `Vec`
/// is 24. Read as a slice; grown and cut as a `Vec`.
// (The box is the point: one word in the structure that holds the list, where a `Vec` is three.)
#[allow(clippy::box_collection)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Thin<T>(Option<Box<Vec<T>>>);

impl<T> Default for Thin<T> {
    fn default() -> Self {
        Thin(None)
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Thin<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T> Thin<T> {
    /// An empty list (no allocation).
    pub const fn new() -> Self {
        Thin(None)
    }

    /// The vector, made at the first element: room for one (these lists mostly hold one).
    fn vec(&mut self) -> &mut Vec<T> {
        self.0
            .get_or_insert_with(|| Box::new(Vec::with_capacity(1)))
    }

    /// Appends `x`.
    pub fn push(&mut self, x: T) {
        self.vec().push(x);
    }

    /// Inserts `x` at `i` (at most the length).
    pub fn insert(&mut self, i: usize, x: T) {
        let v = self.vec();
        if i <= v.len() {
            v.insert(i, x);
        }
    }

    /// Removes the element at `i`, if there is one.
    pub fn remove(&mut self, i: usize) -> Option<T> {
        let v = self.0.as_mut()?;
        (i < v.len()).then(|| v.remove(i))
    }

    /// Removes every element, and frees the vector.
    pub fn clear(&mut self) {
        self.0 = None;
    }

    /// Keeps the first `n` elements.
    pub fn truncate(&mut self, n: usize) {
        if let Some(v) = self.0.as_mut() {
            v.truncate(n);
        }
    }

    /// Keeps the elements `keep` holds true of.
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        if let Some(v) = self.0.as_mut() {
            v.retain(keep);
        }
    }

    /// The elements, as a vector.
    pub fn into_vec(self) -> Vec<T> {
        self.0.map_or_else(Vec::new, |v| *v)
    }
}

impl<T> Deref for Thin<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl<T> DerefMut for Thin<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.0.as_deref_mut().map_or(&mut [], Vec::as_mut_slice)
    }
}

impl<T> Extend<T> for Thin<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        let mut iter = iter.into_iter().peekable();
        if iter.peek().is_some() {
            self.vec().extend(iter);
        }
    }
}

impl<T> From<Vec<T>> for Thin<T> {
    fn from(v: Vec<T>) -> Self {
        Thin((!v.is_empty()).then(|| Box::new(v)))
    }
}

impl<T> FromIterator<T> for Thin<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Thin::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<'s, T> IntoIterator for &'s Thin<T> {
    type Item = &'s T;
    type IntoIter = std::slice::Iter<'s, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'s, T> IntoIterator for &'s mut Thin<T> {
    type Item = &'s mut T;
    type IntoIter = std::slice::IterMut<'s, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<T> IntoIterator for Thin<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

/// Written as a sequence, as a `Vec` is (the same JSON).
impl<T: serde::Serialize> serde::Serialize for Thin<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// Read as a `Vec` is.
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Thin<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(d).map(Thin::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thin_list_is_one_word_and_reads_as_a_vec() {
        assert_eq!(
            std::mem::size_of::<Thin<String>>(),
            std::mem::size_of::<usize>()
        );
        let mut t: Thin<u32> = Thin::new();
        assert!(t.is_empty() && t.iter().next().is_none());
        t.extend(std::iter::empty());
        assert!(t.0.is_none(), "nothing added, nothing allocated");
        t.push(2);
        t.insert(0, 1);
        t.extend([3, 4]);
        t.insert(9, 9);
        assert_eq!(&*t, &[1, 2, 3, 4]);
        assert_eq!(t.remove(1), Some(2));
        assert_eq!(t.remove(7), None);
        t.retain(|&x| x != 3);
        assert_eq!(t.clone().into_vec(), vec![1, 4]);
        t.iter_mut().for_each(|x| *x *= 10);
        assert_eq!(format!("{t:?}"), "[10, 40]");
        t.truncate(1);
        assert_eq!(t.len(), 1);
        t.clear();
        assert!(t.0.is_none());
        assert_eq!(Thin::from(Vec::<u8>::new()), Thin::new());
        let c: Thin<u8> = (1..=3).collect();
        assert_eq!(serde_json::to_string(&c).unwrap(), "[1,2,3]");
        assert_eq!(serde_json::to_string(&Thin::<u8>::new()).unwrap(), "[]");
        let back: Thin<u8> = serde_json::from_str("[1,2,3]").unwrap();
        assert_eq!(back, c);
        assert_eq!(serde_json::from_str::<Thin<u8>>("[]").unwrap().0, None);
        assert_eq!(c.into_iter().sum::<u8>(), 6);
    }
}
