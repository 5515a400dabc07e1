//! Reading CoNLL-U files: sentences of syntactic words with their tags and heads, and the surface
//! tokens they were written as.

use std::ops::Range;

use quotecheck::syntax::Tag;

/// A syntactic word.
pub struct UdWord {
    /// As written (a word of a multiword token: its own form, "do" of "don't").
    pub form: String,
    /// Its class.
    pub tag: Tag,
    /// Its head's index in the sentence's words, `None` for the root.
    pub head: Option<usize>,
}

/// A surface token: one word, or a multiword token ("don't", "Ishiba's") and its words.
pub struct Surface {
    /// As written.
    pub form: String,
    /// Its words' indices.
    pub words: Range<usize>,
}

/// A sentence.
pub struct Sentence {
    /// `# text =`, if given.
    pub text: Option<String>,
    /// Syntactic words.
    pub words: Vec<UdWord>,
    /// Surface tokens.
    pub surface: Vec<Surface>,
}

/// The sentences of a CoNLL-U file.
pub fn read(path: &str) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = Vec::new();
    let mut s = empty();
    // The end of the multiword token being read (1-based word id), if any.
    let mut mwt_end = 0usize;
    for (n, line) in text.lines().enumerate() {
        let err = |m: &str| format!("{path}:{}: {m}", n + 1);
        if line.is_empty() {
            mwt_end = 0;
            if !s.words.is_empty() {
                out.push(std::mem::replace(&mut s, empty()));
            }
            continue;
        }
        if let Some(t) = line.strip_prefix("# text = ") {
            s.text = Some(t.to_string());
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [id, form, _, upos, xpos, _, head, ..] = cols[..] else {
            return Err(err("fewer than 10 columns"));
        };
        if id.contains('.') {
            continue; // an empty node
        }
        if let Some((a, b)) = id.split_once('-') {
            let a: usize = a.parse().map_err(|_| err("bad range"))?;
            let b: usize = b.parse().map_err(|_| err("bad range"))?;
            s.surface.push(Surface {
                form: form.to_string(),
                words: a - 1..b,
            });
            mwt_end = b;
            continue;
        }
        let id: usize = id.parse().map_err(|_| err("bad id"))?;
        if id != s.words.len() + 1 {
            return Err(err("ids out of order"));
        }
        let tag = Tag::from_ud(upos, xpos).ok_or_else(|| err("unknown UPOS"))?;
        let head: usize = head.parse().map_err(|_| err("bad head"))?;
        s.words.push(UdWord {
            form: form.to_string(),
            tag,
            head: head.checked_sub(1),
        });
        if id > mwt_end {
            s.surface.push(Surface {
                form: form.to_string(),
                words: id - 1..id,
            });
        }
    }
    if !s.words.is_empty() {
        out.push(s);
    }
    Ok(out)
}

fn empty() -> Sentence {
    Sentence {
        text: None,
        words: Vec::new(),
        surface: Vec::new(),
    }
}
