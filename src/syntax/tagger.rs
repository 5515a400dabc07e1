//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over hashed features.
//!
//! Each sentence is read once to compute what the features know of each token
//! ([`WordInfo`]), then tagged left to right: a quotation is [`Tag::Quote`]; a word of the tag
//! dictionary (frequent and unambiguous in training) takes its tag; any other word is scored by
//! adding up the weights of its features ([`features::keys`]) in a stack array and taking the
//! best tag.
//!
//! The sum is computed in parts, which is what makes it fast. Most templates read one token of
//! the window only (the word itself, or a neighbour's word, suffix, shape): their weights are
//! summed once per word form and role and kept in a cache of recent forms ([`Scratch`]), so a
//! frequent word costs one lookup. The previous tags' weights are rows indexed by tag. Only the
//! few templates that pair the word with a neighbour or the previous tag are looked up at each
//! position.

use std::sync::OnceLock;

use super::features::{self, Role, Word, WordInfo, PREV_START};
use super::model::{Model, ModelError, Row, Weights, ROW};
use super::Tag;

/// The built-in English model (see `grammars/tagger/NOTICE.md`).
static MODEL: &[u8] = include_bytes!("../../grammars/tagger/en.bin");

/// The sets of the cache of word forms' summed weights (a power of two), each of two entries.
const SETS: usize = 2048;

/// The index of [`PREV_START`] in the rows of previous tags.
const START_ROW: usize = Tag::COUNT;

/// TEMP
pub static MISSES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A part-of-speech tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Model,
    /// No weights and no dictionary: every word is [`Tag::default`].
    empty: bool,
    /// The weights of each previous tag (by index; [`START_ROW`] before the sentence).
    prev1: Vec<Row>,
    /// The weights of each tag two back.
    prev2: Vec<Row>,
}

/// A word form's summed weights in each [`Role`], in the order of [`Role::ALL`].
type Roles = [Row; 5];

/// One cache entry: a word form's hash and its summed weights.
#[derive(Debug, Clone)]
struct Entry {
    form: u64,
    roles: Roles,
}

/// Reusable buffers for [`Tagger::tag_into`], with a cache of the summed weights of recent word
/// forms (about 2.8 MB once used): keep one per thread, so tagging allocates nothing per token
/// and frequent words are summed once.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    infos: Vec<WordInfo>,
    roles: Vec<Roles>,
    /// Two entries a set: set `i` is entries `2i` and `2i + 1`.
    cache: Vec<Entry>,
    /// Per set, which of its two entries was used last.
    recent: Vec<u8>,
    /// The id of the model whose weights the cache holds.
    model: u64,
}

impl Scratch {
    /// The summed weights of word `x`, from the cache or computed (and cached).
    #[inline]
    fn roles_of(&mut self, tagger: &Tagger, x: &WordInfo) -> Roles {
        let set = (x.form >> 40) as usize & (SETS - 1);
        for way in 0..2 {
            if let Some(e) = self.cache.get(2 * set + way).filter(|e| e.form == x.form) {
                if let Some(r) = self.recent.get_mut(set) {
                    *r = way as u8;
                }
                return e.roles;
            }
        }
        let roles = tagger.roles(x);
        // Replace the entry used less recently.
        let way = self.recent.get(set).map_or(0, |r| 1 - usize::from(*r & 1));
        if let Some(e) = self.cache.get_mut(2 * set + way) {
            e.form = x.form;
            e.roles = roles;
        }
        if let Some(r) = self.recent.get_mut(set) {
            *r = way as u8;
        }
        roles
    }
}

/// `acc += row`.
#[inline]
fn add_row(acc: &mut [i16; ROW], row: &Row) {
    for (a, w) in acc.iter_mut().zip(row.0.iter()) {
        *a = a.wrapping_add(*w);
    }
}

impl Tagger {
    /// The tagger with the built-in English model, loaded once per process.
    ///
    /// The model is checked when it is loaded; a model that fails its checks (which a unit test
    /// makes impossible to ship) leaves an empty tagger that tags every word [`Tag::default`].
    pub fn builtin() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| Tagger::from_bytes(MODEL).unwrap_or_else(|_| Tagger::new(Model::empty())))
    }

    /// A tagger with the model in `bytes` (a file written by [`Model::to_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        Ok(Tagger::new(Model::from_bytes(bytes)?))
    }

    /// A tagger with `model`.
    pub fn new(model: Model) -> Tagger {
        let empty = model.is_empty();
        let rows = |key: fn(u8) -> u64| {
            (0..=START_ROW)
                .map(|t| {
                    let p = if t == START_ROW { PREV_START } else { t as u8 };
                    let mut row = Row::ZERO;
                    add_key(&model, &mut row.0, key(p));
                    row
                })
                .collect()
        };
        let prev1 = rows(features::prev_key);
        let prev2 = rows(features::prev2_key);
        Tagger {
            model,
            empty,
            prev1,
            prev2,
        }
    }

    /// Its model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags one sentence of words.
    pub fn tag(&self, words: &[&str]) -> Vec<Tag> {
        let mut out = Vec::with_capacity(words.len());
        self.tag_into(
            words.iter().map(|w| Word::Text(w)),
            &mut Scratch::default(),
            &mut out,
        );
        out
    }

    /// Tags one sentence, appending one tag per word to `out`.
    pub fn tag_into<'a, I>(&self, words: I, scratch: &mut Scratch, out: &mut Vec<Tag>)
    where
        I: IntoIterator<Item = Word<'a>>,
    {
        if scratch.model != self.model.id() || scratch.cache.len() != 2 * SETS {
            scratch.cache.clear();
            let empty = Entry {
                form: 0,
                roles: [Row::ZERO; 5],
            };
            scratch.cache.resize(2 * SETS, empty);
            scratch.recent.clear();
            scratch.recent.resize(SETS, 0);
            scratch.model = self.model.id();
        }
        let mut infos = std::mem::take(&mut scratch.infos);
        let mut roles = std::mem::take(&mut scratch.roles);
        infos.clear();
        infos.extend([WordInfo::START, WordInfo::START]);
        infos.extend(words.into_iter().map(|w| {
            let mut i = WordInfo::of(w);
            if i.flags & features::QUOTE == 0 {
                i.class = self.model.class(i.lower);
            }
            i
        }));
        infos.extend([WordInfo::END, WordInfo::END]);
        roles.clear();
        for x in &infos {
            roles.push(scratch.roles_of(self, x));
        }
        let (mut p1, mut p2) = (PREV_START, PREV_START);
        for (w, r) in infos.windows(5).zip(roles.windows(5)) {
            let (Ok(w), Ok(r)) = (<&[WordInfo; 5]>::try_from(w), <&[Roles; 5]>::try_from(r)) else {
                continue;
            };
            let t = self.tag_one(w, r, p1, p2);
            out.push(t);
            p2 = p1;
            p1 = t.index() as u8;
        }
        scratch.infos = infos;
        scratch.roles = roles;
    }

    /// A word's summed weights in each role.
    fn roles(&self, x: &WordInfo) -> Roles {
        MISSES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut r = [Row::ZERO; 5];
        for (row, role) in r.iter_mut().zip(Role::ALL) {
            let keys = features::role_keys(x, role);
            for ws in self.model.weights_all(&keys.keys) {
                add_weights(&mut row.0, ws);
            }
        }
        r
    }

    /// The tag of the middle token of window `w` (with its tokens' summed weights `r`), given
    /// the two tags before it.
    #[inline]
    fn tag_one(&self, w: &[WordInfo; 5], r: &[Roles; 5], p1: u8, p2: u8) -> Tag {
        let x = &w[2];
        if x.flags & features::QUOTE != 0 {
            return Tag::Quote;
        }
        if let Some(t) = self.model.lookup(x.form) {
            return t;
        }
        if self.empty {
            return Tag::default();
        }
        let mut acc = r[2][0].0;
        add_row(&mut acc, &r[1][1]);
        add_row(&mut acc, &r[0][2]);
        add_row(&mut acc, &r[3][3]);
        add_row(&mut acc, &r[4][4]);
        let row = |rows: &[Row], p: u8| rows.get(usize::from(p).min(START_ROW)).copied();
        for prev in [row(&self.prev1, p1), row(&self.prev2, p2)]
            .iter()
            .flatten()
        {
            add_row(&mut acc, prev);
        }
        for ws in self.model.weights_all(&features::context_keys(w, p1)) {
            add_weights(&mut acc, ws);
        }
        best(&acc)
    }
}

/// `acc +=` the weights of feature `key`.
#[inline]
fn add_key(model: &Model, acc: &mut [i16; ROW], key: u64) {
    add_weights(acc, model.weights(key));
}

/// `acc += ws`.
#[inline]
fn add_weights(acc: &mut [i16; ROW], ws: Weights<'_>) {
    match ws {
        Weights::None => {}
        Weights::Sparse(ws) => {
            for w in ws {
                if let Some(a) = acc.get_mut(usize::from(w.tag & 63)) {
                    *a = a.wrapping_add(i16::from(w.w));
                }
            }
        }
        Weights::Dense(row) => add_row(acc, row),
    }
}

/// The best-scoring tag (never [`Tag::Quote`]; the first of equals).
#[inline]
fn best(acc: &[i16; ROW]) -> Tag {
    let mut best = 0usize;
    let mut top = i16::MIN;
    for (i, &a) in acc.iter().enumerate().take(Tag::COUNT - 1) {
        if a > top {
            top = a;
            best = i;
        }
    }
    Tag::from_index(best).unwrap_or_default()
}
