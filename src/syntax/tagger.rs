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

/// The doorkeeper's bits (a power of two).
const DOORKEEPER: usize = 1 << 16;

/// The index of [`PREV_START`] in the rows of previous tags.
const START_ROW: usize = Tag::COUNT;

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

/// A token of a padded sentence.
#[derive(Debug, Clone, Copy)]
enum Tok<'a> {
    Word(Word<'a>),
    /// Before the first word.
    Start,
    /// After the last.
    End,
}

/// A word form's summed weights in each [`Role`], in the order of [`Role::ALL`].
type Roles = [Row; 5];

/// One cache entry: a word form's hash, what the features know of it and its summed weights.
#[derive(Debug, Clone)]
struct Entry {
    form: u64,
    info: WordInfo,
    roles: Roles,
}

/// Reusable buffers for [`Tagger::tag_into`], with a cache of what the features know of recent
/// word forms and their summed weights (about 3 MB once used): keep one per thread, so tagging
/// allocates nothing per token and a frequent word is read once.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    infos: Vec<WordInfo>,
    /// Per position of the padded sentence, the summed weights of the templates that read one
    /// token of its window.
    sums: Vec<Row>,
    /// Two entries a set: set `i` is entries `2i` and `2i + 1`.
    cache: Vec<Entry>,
    /// Per set, which of its two entries was used last.
    recent: Vec<u8>,
    /// The doorkeeper's bits: forms missed once.
    seen: Vec<u64>,
    /// Bits set since the doorkeeper was last cleared.
    marked: usize,
    /// The id of the model whose weights the cache holds.
    model: u64,
}

/// Appends a token's info, and adds its summed weights to the sums of the positions whose
/// windows hold it.
#[inline]
fn add_entry(infos: &mut Vec<WordInfo>, sums: &mut Vec<Row>, e: &Entry) {
    let j = infos.len();
    infos.push(e.info);
    sums.resize(j + 3, Row::ZERO);
    // The token is the word itself at j, one before at j + 1, two before at j + 2, one after at
    // j - 1, two after at j - 2.
    let at = [
        Some(j),
        Some(j + 1),
        Some(j + 2),
        j.checked_sub(1),
        j.checked_sub(2),
    ];
    for (row, pos) in e.roles.iter().zip(at) {
        if let Some(sum) = pos.and_then(|p| sums.get_mut(p)) {
            add_row(&mut sum.0, row);
        }
    }
}

impl Scratch {
    /// Empties the cache if it holds another model's weights (or none yet).
    fn prepare(&mut self, model: u64) {
        if self.model != model || self.cache.len() != 2 * SETS {
            self.cache.clear();
            let empty = Entry {
                form: 0,
                info: WordInfo::default(),
                roles: [Row::ZERO; 5],
            };
            self.cache.resize(2 * SETS, empty);
            self.recent.clear();
            self.recent.resize(SETS, 0);
            self.seen.clear();
            self.seen.resize(DOORKEEPER / 64, 0);
            self.marked = 0;
            self.model = model;
        }
    }

    /// Reads token `w` at the end of the sentence: its info, and its summed weights added to
    /// the sums of the positions whose windows hold it.
    #[inline]
    fn push(&mut self, tagger: &Tagger, t: Tok<'_>) {
        let form = match t {
            Tok::Word(Word::Text(s)) => features::form_hash(s),
            Tok::Word(Word::Quote) => WordInfo::QUOTE.form,
            Tok::Start => WordInfo::START.form,
            Tok::End => WordInfo::END.form,
        };
        let set = (form >> 40) as usize & (SETS - 1);
        let hit = (0..2).find(|&way| {
            self.cache
                .get(2 * set + way)
                .is_some_and(|e| e.form == form)
        });
        if let Some(way) = hit {
            if let Some(r) = self.recent.get_mut(set) {
                *r = way as u8;
            }
            if let Some(e) = self.cache.get(2 * set + way) {
                add_entry(&mut self.infos, &mut self.sums, e);
            }
            return;
        }
        let info = tagger.info(t);
        let entry = Entry {
            form,
            info,
            roles: tagger.roles(&info),
        };
        add_entry(&mut self.infos, &mut self.sums, &entry);
        // A form enters the cache on its second miss (a doorkeeper bit remembers the first), so
        // words seen once do not push out frequent ones. The bits are cleared now and then.
        let bit = (form >> 20) as usize & (DOORKEEPER - 1);
        let (word, mask) = (bit / 64, 1u64 << (bit % 64));
        let seen = self.seen.get(word).is_some_and(|w| w & mask != 0);
        if !seen {
            if let Some(w) = self.seen.get_mut(word) {
                *w |= mask;
            }
            self.marked += 1;
            if self.marked > DOORKEEPER / 8 {
                self.seen.iter_mut().for_each(|w| *w = 0);
                self.marked = 0;
            }
            return;
        }
        // Replace the entry used less recently.
        let way = self.recent.get(set).map_or(0, |r| 1 - usize::from(*r & 1));
        if let Some(e) = self.cache.get_mut(2 * set + way) {
            *e = entry;
        }
        if let Some(r) = self.recent.get_mut(set) {
            *r = way as u8;
        }
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
        scratch.prepare(self.model.id());
        scratch.infos.clear();
        scratch.sums.clear();
        let words = words.into_iter().map(Tok::Word);
        for t in [Tok::Start, Tok::Start]
            .into_iter()
            .chain(words)
            .chain([Tok::End, Tok::End])
        {
            scratch.push(self, t);
        }
        let (mut p1, mut p2) = (PREV_START, PREV_START);
        for (i, w) in scratch.infos.windows(5).enumerate() {
            let (Ok(w), Some(sum)) = (<&[WordInfo; 5]>::try_from(w), scratch.sums.get(i + 2))
            else {
                continue;
            };
            let t = self.tag_one(w, sum, p1, p2);
            out.push(t);
            p2 = p1;
            p1 = t.index() as u8;
        }
    }

    /// What the features know of token `w`, with its ambiguity class.
    fn info(&self, t: Tok<'_>) -> WordInfo {
        match t {
            Tok::Word(Word::Quote) => WordInfo::QUOTE,
            Tok::Start => WordInfo::START,
            Tok::End => WordInfo::END,
            Tok::Word(Word::Text(s)) => {
                let mut i = WordInfo::of_text(s);
                i.class = self.model.class(i.lower);
                i
            }
        }
    }

    /// A word's summed weights in each role.
    fn roles(&self, x: &WordInfo) -> Roles {
        let mut r = [Row::ZERO; 5];
        for (row, role) in r.iter_mut().zip(Role::ALL) {
            let keys = features::role_keys(x, role);
            for ws in self.model.weights_all(&keys.keys) {
                add_weights(&mut row.0, ws);
            }
        }
        r
    }

    /// The tag of the middle token of window `w`, given the summed weights of the templates
    /// that read one token of it and the two tags before it.
    #[inline]
    fn tag_one(&self, w: &[WordInfo; 5], sum: &Row, p1: u8, p2: u8) -> Tag {
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
        let mut acc = sum.0;
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
    // The lanes past the last tag but Quote never win.
    let mut a = *acc;
    for x in a.iter_mut().skip(Tag::COUNT - 1) {
        *x = i16::MIN;
    }
    let top = a.iter().copied().max().unwrap_or(0);
    let i = a.iter().position(|&x| x == top).unwrap_or(0);
    Tag::from_index(i).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tags `words` the plain way: every key of [`features::keys`] looked up at each position.
    fn plain(t: &Tagger, words: &[Word<'_>]) -> Vec<Tag> {
        let mut infos = vec![WordInfo::START, WordInfo::START];
        infos.extend(words.iter().map(|w| t.info(Tok::Word(*w))));
        infos.extend([WordInfo::END, WordInfo::END]);
        let (mut p1, mut p2) = (PREV_START, PREV_START);
        let mut out = Vec::new();
        for w in infos.windows(5) {
            let w: &[WordInfo; 5] = w.try_into().unwrap();
            let tag = if w[2].flags & features::QUOTE != 0 {
                Tag::Quote
            } else if let Some(d) = t.model.lookup(w[2].form) {
                d
            } else {
                let mut acc = [0i16; ROW];
                for k in features::keys(w, p1, p2) {
                    add_key(&t.model, &mut acc, k);
                }
                best(&acc)
            };
            out.push(tag);
            (p2, p1) = (p1, tag.index() as u8);
        }
        out
    }

    const SENTENCES: &[&str] = &[
        "The minister said on Monday that the talks would resume .",
        "\" We will not back down , \" Ortega told reporters outside the port .",
        "Vasquez-Hale , 52 , has run the U.S.-based firm since 2019 and doesn't plan to retire .",
        "Critics say the plan , which passed 7-2 , will cost $ 4.5 million a year .",
        "She asked whether the bridge was safe ; nobody answered .",
    ];

    #[test]
    fn the_builtin_model_loads() {
        let t = Tagger::from_bytes(MODEL).expect("the shipped model is valid");
        assert!(!t.empty && t.model.features() > 10_000);
        assert!(!Tagger::builtin().empty);
    }

    #[test]
    fn summed_weights_tag_as_every_feature_looked_up() {
        let t = Tagger::builtin();
        let mut scratch = Scratch::default();
        // Twice, so the second round reads the cache the first filled.
        for _ in 0..2 {
            for s in SENTENCES {
                let words: Vec<Word<'_>> = s
                    .split(' ')
                    .map(|w| {
                        if w == "\"" {
                            Word::Quote
                        } else {
                            Word::Text(w)
                        }
                    })
                    .collect();
                let mut out = Vec::new();
                t.tag_into(words.iter().copied(), &mut scratch, &mut out);
                assert_eq!(out, plain(t, &words), "{s}");
            }
        }
    }

    #[test]
    fn tags_a_plain_news_sentence() {
        let words = "The minister said it rained on Tuesday .".split(' ');
        let tags = Tagger::builtin().tag(&words.collect::<Vec<_>>());
        use Tag::*;
        assert_eq!(
            tags,
            [
                DetDt,
                NounNn,
                VerbVbd,
                PronPrp,
                VerbVbd,
                AdpIn,
                PropnNnp,
                PunctPeriod
            ]
        );
    }

    #[test]
    fn a_cache_is_not_reused_for_another_model() {
        let t = Tagger::builtin();
        let empty = Tagger::new(Model::empty());
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        t.tag_into([Word::Text("minister")], &mut scratch, &mut out);
        empty.tag_into([Word::Text("minister")], &mut scratch, &mut out);
        assert_eq!(out, [Tag::NounNn, Tag::default()]);
    }
}
