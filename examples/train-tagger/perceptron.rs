//! The averaged perceptron, trained with exact features (a hash map from feature key to row),
//! then exported to the hashed, quantised table of a [`Model`].

use std::collections::HashMap;

use quotecheck::syntax::features::{keys, WordInfo, FEATURES, PREV_START};
use quotecheck::syntax::model::{Parts, Weight, ROW};
use quotecheck::syntax::{Model, Tag};

/// Weights with lazy averaging (Daumé's trick: the average is `w - u / c`).
#[derive(Default)]
pub struct Perceptron {
    index: HashMap<u64, u32>,
    w: Vec<[i32; ROW]>,
    u: Vec<[i64; ROW]>,
    /// Instances seen.
    c: i64,
    /// The tag dictionary: word form hash to tag.
    pub dict: HashMap<u64, Tag>,
    /// Feature templates left out (for measuring what each brings).
    pub ablate: Vec<usize>,
    /// The template (index into `keys`) of each feature.
    pub template: HashMap<u64, usize>,
}

/// A training or test sentence: the tokens' infos, padded two each side, and their tags.
pub struct Instance {
    pub infos: Vec<WordInfo>,
    pub gold: Vec<Tag>,
}

impl Instance {
    pub fn new(infos: impl IntoIterator<Item = WordInfo>, gold: Vec<Tag>) -> Instance {
        let mut v = vec![WordInfo::START, WordInfo::START];
        v.extend(infos);
        v.extend([WordInfo::END, WordInfo::END]);
        Instance { infos: v, gold }
    }
}

impl Perceptron {
    fn scores(&self, k: &[u64; FEATURES], averaged: bool) -> [f64; ROW] {
        let mut s = [0f64; ROW];
        for (j, key) in k.iter().enumerate() {
            if self.ablate.contains(&j) {
                continue;
            }
            let Some(&r) = self.index.get(key) else {
                continue;
            };
            let (w, u) = (&self.w[r as usize], &self.u[r as usize]);
            for j in 0..ROW {
                s[j] += if averaged {
                    w[j] as f64 - u[j] as f64 / self.c.max(1) as f64
                } else {
                    w[j] as f64
                };
            }
        }
        s
    }

    fn best(s: &[f64; ROW]) -> Tag {
        let mut b = 0;
        for j in 1..Tag::COUNT - 1 {
            if s[j] > s[b] {
                b = j;
            }
        }
        Tag::from_index(b).unwrap_or_default()
    }

    fn update(&mut self, k: &[u64; FEATURES], gold: Tag, guess: Tag) {
        for (j, key) in k.iter().enumerate() {
            if self.ablate.contains(&j) {
                continue;
            }
            let n = self.w.len() as u32;
            let r = *self.index.entry(*key).or_insert(n) as usize;
            self.template.entry(*key).or_insert(j);
            if r == self.w.len() {
                self.w.push([0; ROW]);
                self.u.push([0; ROW]);
            }
            self.w[r][gold.index()] += 1;
            self.u[r][gold.index()] += self.c;
            self.w[r][guess.index()] -= 1;
            self.u[r][guess.index()] -= self.c;
        }
    }

    /// Tags `x` greedily (the dictionary first); with `learn`, updates on each mistake.
    pub fn run(&mut self, x: &Instance, learn: bool, averaged: bool) -> Vec<Tag> {
        let mut out = Vec::with_capacity(x.gold.len());
        let (mut p1, mut p2) = (PREV_START, PREV_START);
        for (i, win) in x.infos.windows(5).enumerate() {
            let win: &[WordInfo; 5] = win.try_into().expect("a window of five");
            let gold = x.gold[i];
            let t = if gold == Tag::Quote {
                Tag::Quote
            } else if let Some(&t) = self.dict.get(&win[2].form) {
                t
            } else {
                let k = keys(win, p1, p2);
                let t = Perceptron::best(&self.scores(&k, averaged));
                if learn {
                    self.c += 1;
                    if t != gold {
                        self.update(&k, gold, t);
                    }
                }
                t
            };
            out.push(t);
            p2 = p1;
            p1 = t.index() as u8;
        }
        out
    }

    /// The number of features with weights.
    pub fn features(&self) -> usize {
        self.w.len()
    }

    /// The averaged weights quantised to i8 (the `clip` quantile of their magnitudes maps to
    /// 127), weights below `prune` dropped, with the tag dictionary and the lexicon `lex`.
    pub fn export(&self, clip: f64, prune: i8, lex: Vec<(u64, u64)>) -> Model {
        let c = self.c.max(1) as f64;
        let mut merged: HashMap<u32, [f64; ROW]> = HashMap::new();
        for (&key, &r) in &self.index {
            let (w, u) = (&self.w[r as usize], &self.u[r as usize]);
            let row = merged.entry(Model::key32(key)).or_insert([0.0; ROW]);
            for j in 0..Tag::COUNT - 1 {
                row[j] += w[j] as f64 - u[j] as f64 / c;
            }
        }
        let mut mags: Vec<f64> = merged
            .values()
            .flat_map(|r| r.iter().map(|v| v.abs()).filter(|v| *v > 0.0))
            .collect();
        mags.sort_unstable_by(|a, b| a.total_cmp(b));
        let top = mags
            .get(((mags.len() as f64 * clip) as usize).min(mags.len().saturating_sub(1)))
            .copied()
            .unwrap_or(1.0);
        let scale = 127.0 / top.max(1e-9);
        let mut features: Vec<(u32, Vec<Weight>)> = merged
            .iter()
            .map(|(&k, row)| {
                let ws = (0..Tag::COUNT - 1)
                    .filter_map(|j| {
                        let q = (row[j] * scale).round().clamp(-127.0, 127.0) as i8;
                        (q.unsigned_abs() >= prune.unsigned_abs().max(1))
                            .then_some(Weight { tag: j as u8, w: q })
                    })
                    .collect::<Vec<_>>();
                (k, ws)
            })
            .filter(|f| !f.1.is_empty())
            .collect();
        features.sort_unstable_by_key(|f| f.0);
        let mut dict: Vec<(u64, Tag)> = self.dict.iter().map(|(&h, &t)| (h, t)).collect();
        dict.sort_unstable();
        let bits = (features.len() * 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        Model::new(&Parts {
            bits,
            features,
            dict,
            lex,
        })
        .expect("a valid model")
    }
}

/// Tag counts per lower-case form.
pub type Counts = HashMap<u64, [u32; Tag::COUNT]>;

/// Adds the tag counts of `x`'s forms to `counts`.
pub fn count(counts: &mut Counts, x: &Instance) {
    for (info, &t) in x.infos[2..x.infos.len() - 2].iter().zip(&x.gold) {
        if t != Tag::Quote {
            counts.entry(info.lower).or_insert([0; Tag::COUNT])[t.index()] += 1;
        }
    }
}

/// The ambiguity class of counts `c` (less `minus`): the tags taken at least `share` of the time.
pub fn class(c: &[u32; Tag::COUNT], minus: Option<&[u32; Tag::COUNT]>, share: f64) -> u64 {
    let z = [0u32; Tag::COUNT];
    let m = minus.unwrap_or(&z);
    let n: u32 = c.iter().zip(m).map(|(a, b)| a - b).sum();
    c.iter()
        .zip(m)
        .enumerate()
        .filter(|(_, (a, b))| {
            let k = *a - *b;
            k > 0 && f64::from(k) >= share * f64::from(n)
        })
        .fold(0u64, |acc, (j, _)| acc | 1 << j)
}

/// Sets each token's ambiguity class: from all of `total` for `data` not in training (`folds`
/// `None`), else jackknifed, from the counts of the other folds (so training sees classes as
/// unseen text will).
pub fn annotate(
    data: &mut [Instance],
    total: &Counts,
    folds: Option<(&[Counts], &[usize])>,
    share: f64,
) {
    for (i, x) in data.iter_mut().enumerate() {
        let n = x.infos.len();
        for info in &mut x.infos[2..n - 2] {
            if info.flags & quotecheck::syntax::features::QUOTE != 0 {
                continue;
            }
            info.class = match total.get(&info.lower) {
                None => 0,
                Some(c) => {
                    let minus = folds.and_then(|(f, of)| f[of[i]].get(&info.lower));
                    class(c, minus, share)
                }
            };
        }
    }
}

/// Builds the tag dictionary: forms seen at least `min` times, with one tag at least `ratio`
/// of the time.
pub fn dictionary(data: &[Instance], min: usize, ratio: f64) -> HashMap<u64, Tag> {
    let mut counts: HashMap<u64, [u32; Tag::COUNT]> = HashMap::new();
    for x in data {
        for (info, &t) in x.infos[2..x.infos.len() - 2].iter().zip(&x.gold) {
            if t != Tag::Quote {
                counts.entry(info.form).or_insert([0; Tag::COUNT])[t.index()] += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter_map(|(h, c)| {
            let n: u32 = c.iter().sum();
            let (best, &top) = c.iter().enumerate().max_by_key(|(_, &v)| v)?;
            (n as usize >= min && f64::from(top) >= ratio * f64::from(n))
                .then(|| (h, Tag::from_index(best).unwrap_or_default()))
        })
        .collect()
}
