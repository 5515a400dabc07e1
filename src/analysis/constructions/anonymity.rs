//! Anonymity phrases of the lexicon (`anonymity.txt`) in a span: a request ("spoke on
//! condition of anonymity", "asked not to be named") and a reason ("because the talks are
//! private", "not authorized to speak publicly").

use crate::analysis::toks::{phrase, Toks};
use crate::grammar::{AnonType, FuncType, Tag, TokClass};
use crate::text::Doc;

/// How far a phrase's clause runs: to the next comma or semicolon within this many tokens.
const COMMA_WINDOW: usize = 64;

/// (Or to the speech verb the phrase's speaker heads: "who spoke anonymously to discuss
/// strategy said …".)
fn next_comma(doc: &Doc<'_>, from: usize, end: usize) -> usize {
    (from..end.min(from + COMMA_WINDOW))
        .find(|&t| {
            doc.is_punct(t, ",")
                || doc.is_punct(t, ";")
                || t > from && doc.has(t, TokClass::VERB) && doc.tag(t).is_finite()
        })
        .unwrap_or(end)
}

fn skip_final_back(doc: &Doc<'_>, from: usize, mut to: usize) -> usize {
    while to > from
        && (doc.is_punct(to - 1, ".") || doc.is_punct(to - 1, "!") || doc.is_punct(to - 1, "?"))
    {
        to -= 1;
    }
    to
}

/// The anonymity phrase starting at token `t` within `to`: its first and last token and type.
fn anon_at(doc: &Doc<'_>, t: usize, to: usize) -> Option<(usize, usize, AnonType)> {
    phrase(|x: &Tag| match x {
        Tag::Anon(a) => Some(*a),
        _ => None,
    })(Toks::new(doc, t, to))
    .ok()
    .map(|(_, r)| r)
}

/// Whether an anonymity request opens at token `t` ("asked that her name not be used",
/// "asked not to be named"): the cue there asks for anonymity and reports no claim.
pub fn request_at(doc: &Doc<'_>, t: usize, to: usize) -> bool {
    doc.has(t, TokClass::STARTS_ANON)
        && anon_at(doc, t, to).is_some_and(|(_, _, ty)| ty == AnonType::Request)
}

/// Anonymity phrases in tokens `[from, to)`: (request, reason) token ranges.
pub fn anonymity(
    doc: &Doc<'_>,
    from: usize,
    to: usize,
) -> (Option<(usize, usize)>, Option<(usize, usize)>) {
    let mut request = None;
    let mut reason = None;
    let mut t = from;
    while t < to {
        if !doc.has(t, TokClass::STARTS_ANON) {
            t += 1;
            continue;
        }
        let Some((s, e, ty)) = anon_at(doc, t, to) else {
            t += 1;
            continue;
        };
        match ty {
            AnonType::Request => {
                request.get_or_insert((s, e + 1));
                // A reason clause may follow the request: "… because the talks are private".
                if let Some((rs, _, AnonType::ReasonIntro | AnonType::Reason)) =
                    anon_at(doc, e + 1, to)
                {
                    let re = skip_final_back(doc, rs, next_comma(doc, rs, to));
                    if re > rs + 1 {
                        reason.get_or_insert((rs, re));
                    }
                }
            }
            AnonType::Reason => {
                // Extend a "because …"/"not authorized to …" phrase to the clause end.
                let mut rs = s;
                if rs > from && doc.is_func(rs - 1, FuncType::Connective) {
                    rs -= 1;
                }
                let re = skip_final_back(doc, rs, next_comma(doc, e + 1, to));
                reason.get_or_insert((rs, re.max(e + 1)));
            }
            _ => {}
        }
        t = e + 1;
    }
    (request, reason)
}
