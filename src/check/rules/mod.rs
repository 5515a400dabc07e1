//! The rules, one a file. The `//!` comment at the top of each file is its documentation: it
//! is printed by `quotecheck rule NAME`, carried into SARIF, and listed in the README.

mod anonymous_no_reason;
mod anonymous_source;
mod loaded_verb;
mod unattributed_quote;
mod unbalanced_quote;
mod unsourced_claim;
mod vague_attribution;

use super::Rule;

/// Every rule, in id order.
pub static ALL: &[&dyn Rule] = &[
    &anonymous_no_reason::AnonymousNoReason,
    &anonymous_source::AnonymousSource,
    &loaded_verb::LoadedVerb,
    &unattributed_quote::UnattributedQuote,
    &unbalanced_quote::UnbalancedQuote,
    &unsourced_claim::UnsourcedClaim,
    &vague_attribution::VagueAttribution,
];

/// The rule with id `id`.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    ALL.iter().copied().find(|r| r.id() == id)
}

/// Hedge phrases of the text outside quotation marks whose tags satisfy `pred`: byte ranges.
fn hedges(cx: &super::Ctx<'_>, pred: impl Fn(&crate::grammar::Tag) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let g = cx.doc.grammar;
    let mut skip_until = 0;
    for (i, t) in cx.doc.tokens.iter().enumerate() {
        if t.span().start < skip_until {
            continue;
        }
        let best = cx
            .doc
            .tok_hits(i)
            .iter()
            .filter(|h| g.tag(h.pattern).iter().any(&pred))
            .map(|h| h.end)
            .max();
        if let Some(end) = best {
            out.push((t.span().start, end));
            skip_until = end;
        }
    }
    out
}
