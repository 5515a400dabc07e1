//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over hashed features.
//!
//! Each sentence is read once to compute what the features know of each token
//! ([`WordInfo`]), then tagged left to right: a quotation is [`Tag::Quote`]; a word of the tag
//! dictionary (frequent and unambiguous in training) takes its tag; any other word is scored by
//! adding the weight rows of its [`FEATURES`] feature keys into a stack array and taking the
//! best tag.

use std::sync::OnceLock;

use super::features::{self, Word, WordInfo, FEATURES, PREV_START};
use super::model::{Model, ModelError, ROW};

use super::Tag;

/// The built-in English model (see `grammars/tagger/NOTICE.md`).
static MODEL: &[u8] = include_bytes!("../../grammars/tagger/en.bin");

/// A part-of-speech tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Model,
    /// No weights and no dictionary: every word is [`Tag::default`].
    empty: bool,
}

/// Reusable buffers for [`Tagger::tag_into`]: one per thread or per document, so tagging
/// allocates nothing per token.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    infos: Vec<WordInfo>,
}

impl Tagger {
    /// The tagger with the built-in English model, loaded once per process.
    ///
    /// The model is checked when it is loaded; a model that fails its checks (which a unit test
    /// makes impossible to ship) leaves an empty tagger that tags every word [`Tag::default`].
    pub fn builtin() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| {
            Tagger::from_bytes(MODEL).unwrap_or_else(|_| Tagger::new(Model::empty()))
        })
    }

    /// A tagger with the model in `bytes` (a file written by [`Model::to_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        Ok(Tagger::new(Model::from_bytes(bytes)?))
    }

    /// A tagger with `model`.
    pub fn new(model: Model) -> Tagger {
        let empty = model.is_empty();
        Tagger { model, empty }
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
        let infos = &mut scratch.infos;
        infos.clear();
        infos.extend([WordInfo::START, WordInfo::START]);
        let model = &self.model;
        infos.extend(words.into_iter().map(|w| {
            let mut i = WordInfo::of(w);
            if i.flags & features::QUOTE == 0 {
                i.class = model.class(i.lower);
            }
            i
        }));
        infos.extend([WordInfo::END, WordInfo::END]);
        let (mut p1, mut p2) = (PREV_START, PREV_START);
        for w in infos.windows(5) {
            let Ok(w) = <&[WordInfo; 5]>::try_from(w) else {
                continue;
            };
            let t = self.tag_one(w, p1, p2);
            out.push(t);
            p2 = p1;
            p1 = t.index() as u8;
        }
    }

    /// The tag of the middle token of `w`, given the two tags before it.
    #[inline]
    pub fn tag_one(&self, w: &[WordInfo; 5], p1: u8, p2: u8) -> Tag {
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
        self.best(&features::keys(w, p1, p2))
    }

    /// The best-scoring tag for feature keys `keys` (never [`Tag::Quote`]).
    #[inline]
    pub fn best(&self, keys: &[u64; FEATURES]) -> Tag {
        let mut acc = [0i16; ROW];
        for &k in keys {
            for w in self.model.weights(k) {
                if let Some(a) = acc.get_mut(usize::from(w.tag)) {
                    *a = a.wrapping_add(i16::from(w.w));
                }
            }
        }
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
}
