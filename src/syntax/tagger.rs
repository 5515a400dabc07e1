//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over hashed features.
//!
//! A sentence is tagged left to right: a quotation is [`Tag::Quote`]; a word of the tag
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

use super::cache::{Entry, WordCache};
use super::features::{self, Role, Word, WordInfo, PREV_START};
use super::model::{Model, ModelError, Probe, Row, Weights, ROW};
use super::Tag;

/// The built-in English model (see `grammars/tagger/NOTICE.md`).
static MODEL: &[u8] = include_bytes!("../../grammars/tagger/en.bin");

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

/// Reusable buffers for [`Tagger::tag_into`], with a cache of what the tagger computes once per
/// word form (about 4 MB once used): keep one per thread, so tagging allocates nothing per token
/// and a frequent word is read once.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    cache: WordCache,
    /// Per position of the padded sentence, its word's cache entry.
    refs: Vec<u32>,
    /// What [`WordCache::touch`] read (kept, so the reads are not optimised away).
    touched: i16,
}

/// Entries past which a buffer of [`Scratch`] is let go after a document: a long sentence's
/// buffers are not kept for the rest of the run.
const KEEP: usize = 1 << 16;

impl Scratch {
    /// Lets go of the buffers a long sentence grew (the word cache stays).
    pub fn trim(&mut self) {
        if self.refs.capacity() > KEEP {
            self.refs = Vec::new();
        }
        self.cache.trim(KEEP);
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
                    model.for_weights(&[key(p)], |ws| add_weights(&mut row.0, ws));
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
        let Scratch {
            cache,
            refs,
            touched,
        } = scratch;
        cache.begin(self.model.id());
        refs.clear();
        let words = words.into_iter();
        // (One reservation for a long sentence, not a doubling copy of it.)
        refs.reserve(words.size_hint().0 + 4);
        // The padding and the words, one at a time (no chained iterators).
        let mut add = |t: Tok<'_>, form: u64| self.add(cache, refs, touched, t, form);
        add(Tok::Start, WordInfo::START.form);
        add(Tok::Start, WordInfo::START.form);
        for w in words {
            let form = match w {
                Word::Text(s) => features::form_hash(s),
                Word::Quote => WordInfo::QUOTE.form,
            };
            add(Tok::Word(w), form);
        }
        add(Tok::End, WordInfo::END.form);
        add(Tok::End, WordInfo::END.form);
        // A window of five entries slides along the sentence, each entry resolved once.
        let mut entries = refs.iter().filter_map(|&r| cache.entry(r));
        let (Some(mut b2), Some(mut b1), Some(mut x), Some(mut a1)) = (
            entries.next(),
            entries.next(),
            entries.next(),
            entries.next(),
        ) else {
            return;
        };
        let (mut p1, mut p2) = (PREV_START, PREV_START);
        // The index slots of a position's window keys are read one position ahead, so that
        // their cache misses overlap the scoring before it.
        let mut win = self.probe_window(b1, x, a1);
        for a2 in entries {
            let next = self.probe_window(x, a1, a2);
            let t = match x.given {
                Some(t) => t,
                None => self.score([b2, b1, x, a1, a2], p1, p2, win),
            };
            out.push(t);
            (p2, p1) = (p1, t.index() as u8);
            (b2, b1, x, a1) = (b1, x, a1, a2);
            win = next;
        }
    }

    /// Appends to `refs` the cache entry of token `t` of form hash `form`, filled if it is not
    /// cached, its lines read on their way (into `touched`).
    // Inlined at each of its calls: out of line, it was a call per token.
    #[inline(always)]
    fn add(
        &self,
        cache: &mut WordCache,
        refs: &mut Vec<u32>,
        touched: &mut i16,
        t: Tok<'_>,
        form: u64,
    ) {
        let r = cache.get(form, |e| self.fill(e, t));
        *touched ^= cache.touch(r);
        refs.push(r);
    }

    /// The index slots of the keys of [`features::window_keys`] (but the flags key, found
    /// when the word was cached) for word `x` between `b1` and `a1`; nothing when `x` needs no
    /// scoring.
    #[inline]
    fn probe_window(&self, b1: &Entry, x: &Entry, a1: &Entry) -> [Probe; 3] {
        if x.given.is_some() {
            return [Probe::default(); 3];
        }
        let [_, k1, k2, k3] = features::window_keys(&b1.info, &x.info, &a1.info);
        self.model.probe(&[k1, k2, k3])
    }

    /// Fills a cache entry for token `t`: its info, with its ambiguity class, and its summed
    /// weights in each role.
    fn fill(&self, e: &mut Entry, t: Tok<'_>) {
        e.info = match t {
            Tok::Word(Word::Quote) => WordInfo::QUOTE,
            Tok::Start => WordInfo::START,
            Tok::End => WordInfo::END,
            Tok::Word(Word::Text(s)) => {
                let mut i = WordInfo::of_text(s);
                i.class = self.model.class(i.lower);
                i
            }
        };
        e.given = self.given(&e.info);
        // A word that needs no scoring is read only as a neighbour: its weights as itself are
        // never added (its row stays zero).
        let scored = e.given.is_none();
        let rows = [Role::Itself, Role::Before1, Role::After1];
        for (row, role) in e.rows.iter_mut().zip(rows) {
            *row = Row::ZERO;
            if role == Role::Itself && !scored {
                continue;
            }
            let keys = features::role_keys(&e.info, role);
            let add = |ws: Weights<'_>| add_weights(&mut row.0, ws);
            // The roles' key counts (10, 2 and 4) read as fixed batches.
            let ks = keys.as_slice();
            if let Ok(k) = <&[u64; 10]>::try_from(ks) {
                self.model.for_each_weights(k, add);
            } else if let Ok(k) = <&[u64; 4]>::try_from(ks) {
                self.model.for_each_weights(k, add);
            } else if let Ok(k) = <&[u64; 2]>::try_from(ks) {
                self.model.for_each_weights(k, add);
            } else {
                self.model.for_weights(ks, add);
            }
        }
        // One template each: where its weights are.
        for (far, role) in e.far.iter_mut().zip([Role::Before2, Role::After2]) {
            let keys = features::role_keys(&e.info, role);
            *far = keys.as_slice().first().map_or(0, |&k| self.model.find(k));
        }
        for (at, opens) in e.flags.iter_mut().zip([false, true]) {
            *at = self.model.find(features::flags_key(&e.info, opens));
        }
    }

    /// The tag of a token that needs no scoring: a quotation, a word of the tag dictionary, or
    /// any word when the model is empty.
    #[inline]
    fn given(&self, x: &WordInfo) -> Option<Tag> {
        if x.flags & features::QUOTE != 0 {
            Some(Tag::Quote)
        } else if self.empty {
            Some(Tag::default())
        } else {
            self.model.lookup(x.form)
        }
    }

    /// The best tag of the middle token of window `w`, given the two tags before it.
    #[inline]
    fn score<'a>(&'a self, w: [&Entry; 5], p1: u8, p2: u8, win: [Probe; 3]) -> Tag {
        let [b2, b1, x, a1, a2] = w;
        let row = |rows: &'a [Row], p: u8| -> &'a Row {
            rows.get(usize::from(p).min(START_ROW))
                .unwrap_or(&Row::ZERO)
        };
        let (r1, r2) = (row(&self.prev1, p1), row(&self.prev2, p2));
        // The five rows in one pass.
        let mut acc = sum_rows([&x.rows[0], &b1.rows[1], &a1.rows[2], r1, r2]);
        add_weights(&mut acc, self.model.at(b2.far[0]));
        add_weights(&mut acc, self.model.at(a2.far[1]));
        // The flags key's weights were found when the word was cached.
        let flags = x.flags.get(usize::from(features::opens(&b1.info)));
        add_weights(&mut acc, self.model.at(flags.copied().unwrap_or(0)));
        // The window keys' slots were read ahead ([`Tagger::probe_window`]).
        let [w1, w2, w3] = win;
        let [t1, t2] = self.model.probe(&features::tag_keys(&x.info, p1));
        for p in [w1, w2, w3, t1, t2] {
            add_weights(&mut acc, self.model.probed(p));
        }
        best(&acc)
    }
}

/// The lane-wise sum of five rows (the sums wrap, so their order does not matter).
// Out of line: the sum is written straight into the result, which inlined code zeroed first
// and guarded with overlap tests between the rows and the stack array.
#[inline(never)]
fn sum_rows(rows: [&Row; 5]) -> [i16; ROW] {
    let [a, b, c, d, e] = rows;
    let mut out = [0i16; ROW];
    let lanes = a.0.iter().zip(&b.0).zip(&c.0).zip(&d.0).zip(&e.0);
    for (o, ((((&a, &b), &c), &d), &e)) in out.iter_mut().zip(lanes) {
        *o = a
            .wrapping_add(b)
            .wrapping_add(c)
            .wrapping_add(d)
            .wrapping_add(e);
    }
    out
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
        Weights::Pair(ws) => {
            for w in ws {
                if let Some(a) = acc.get_mut(usize::from(w.tag & 63)) {
                    *a = a.wrapping_add(i16::from(w.w));
                }
            }
        }
        Weights::Dense(row) => add_row(acc, row),
    }
}

/// Per lane, the most a score may count in [`best`]: the lanes of [`Tag::Quote`] and the padding
/// never win.
const LIMIT: [i16; ROW] = {
    let mut l = [i16::MAX; ROW];
    let mut i = Tag::COUNT - 1;
    while i < ROW {
        // Compile time only: `i < ROW`.
        #[allow(clippy::indexing_slicing)]
        {
            l[i] = i16::MIN;
        }
        i += 1;
    }
    l
};

/// The best-scoring tag (never [`Tag::Quote`]; the first of equals).
#[inline]
fn best(acc: &[i16; ROW]) -> Tag {
    let mut a = *acc;
    for (x, l) in a.iter_mut().zip(LIMIT.iter()) {
        *x = (*x).min(*l);
    }
    // The top (vector instructions: the lanes' maxima, halved three times), then the first
    // eight lanes that hold it (one compare each), then the lane.
    let mut m = [i16::MIN; 8];
    for c in a.chunks_exact(8) {
        for (m, &x) in m.iter_mut().zip(c) {
            *m = (*m).max(x);
        }
    }
    let mut w = 4;
    while w > 0 {
        let (lo, hi) = m.split_at_mut(w);
        for (a, &b) in lo.iter_mut().zip(hi.iter()) {
            *a = (*a).max(b);
        }
        w /= 2;
    }
    let top = m.first().copied().unwrap_or(i16::MIN);
    let i = a
        .chunks_exact(8)
        .position(|c| c.iter().fold(0u16, |m, &x| m | u16::from(x == top)) != 0)
        .and_then(|k| {
            let c = a.get(8 * k..8 * k + 8)?;
            Some(8 * k + c.iter().position(|&x| x == top)?)
        })
        .unwrap_or(0);
    Tag::from_index(i).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tags `words` the plain way: every key of [`features::keys`] looked up at each position.
    fn plain(t: &Tagger, words: &[Word<'_>]) -> Vec<Tag> {
        let info = |w: Word<'_>| {
            let mut e = Entry::default();
            t.fill(&mut e, Tok::Word(w));
            e.info
        };
        let mut infos = vec![WordInfo::START, WordInfo::START];
        infos.extend(words.iter().map(|w| info(*w)));
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
                let keys = features::keys(w, p1, p2);
                t.model.for_weights(&keys, |ws| add_weights(&mut acc, ws));
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
    fn the_best_tag_is_the_first_of_the_top_scores_and_never_a_padding_lane() {
        let mut acc = [0i16; ROW];
        assert_eq!(best(&acc), Tag::from_index(0).unwrap());
        for (i, j) in [(5, 41), (17, 18), (8, 56), (0, 7)] {
            acc = [-3; ROW];
            acc[i] = 9;
            acc[j] = 9;
            assert_eq!(best(&acc).index(), i.min(j), "{i} {j}");
            acc[j] = 10;
            assert_eq!(best(&acc).index(), j, "{i} {j}");
        }
        // Quote's lane and the padding lanes lose, however high.
        acc = [1; ROW];
        acc[Tag::Quote.index()] = 100;
        acc[ROW - 1] = 100;
        acc[Tag::COUNT - 2] = 2;
        assert_eq!(best(&acc).index(), Tag::COUNT - 2);
    }

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
        assert_eq!(tags.len(), 8);
        assert!(tags[0].is_det() && tags[1].is_noun() && !tags[1].is_proper());
        assert!(tags[2].is_past() && tags[3].is_pronoun() && tags[4].is_verb());
        assert!(tags[5].is_adp() && tags[6].is_proper() && tags[7].is_punct());
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
