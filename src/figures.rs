//! The figures of a report: claims, speakers and the anonymous share, defined once.
//!
//! Every output that states these numbers (the text summary of `extract`, the `--stats` line,
//! `check`'s per-document summary and the HTML side panel) computes them here, so they agree.
//!
//! - A **claim** is one speech act the copy credits (or fails to credit) to someone:
//!   - a `direct` unit, or an `indirect` (reported) unit, is a claim;
//!   - a `partial` unit standing on its own (`called the plan "a betrayal"`) is a claim, but a
//!     partial quote inside a reported claim is part of that claim, not a second one;
//!   - a unit that continues another (`continues` is set: the second half of a quote broken by
//!     its attribution, `"A," she said, "B."`, or the next paragraph of a multi-paragraph
//!     quote) is part of the claim it continues;
//!   - a `belief` unit (`analysts believe the recall could cost $2 billion`) is a claim held,
//!     not said, credited to its holder as a claim is to its speaker: a story that rests on
//!     what unnamed officials fear rests on anonymous sources;
//!   - `title` and `scare` quotes are not speech and never claims.
//! - A claim is **unattributed** when nobody is credited with it (`speaker` is null).
//! - A **speaker** is an entity credited with at least one claim. An outlet or relay that only
//!   passes claims on (it appears in chains, never as a speaker) is not a speaker; nor is an
//!   entity named only as the speaker of a partial quote inside someone's reported claim.
//! - The **anonymous share** is the number of claims whose speaker is an unnamed source, divided
//!   by the number of claims (unattributed claims included); 0 when there are no claims.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::QuoteSet;
use crate::report::{Quote, QuoteKind, Report};

/// How a unit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// A direct quote.
    Direct,
    /// A partial quote standing on its own.
    Partial,
    /// A reported claim.
    Reported,
    /// A belief credited to its holder.
    Belief,
}

/// The figures of one report.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Figures {
    /// Claims (see the module documentation).
    pub claims: usize,
    /// Claims credited to unnamed sources.
    pub anonymous: usize,
    /// `anonymous / claims` (0 when there are no claims).
    pub anonymous_share: f64,
    /// Entities credited with at least one claim.
    pub speakers: usize,
    /// Claims credited to nobody.
    pub unattributed: usize,
}

impl Figures {
    /// The figures of `report`.
    pub fn of(report: &Report) -> Figures {
        Figures::of_quotes(QuoteSet::of(report))
    }

    /// The figures of a report's `quotes`.
    pub fn of_quotes(quotes: QuoteSet<'_>) -> Figures {
        Figures::of_kinds(quotes, &claim_kinds_of(quotes))
    }

    /// The figures of a report's `quotes`, whose [`claim_kinds_of`] are `kinds`.
    pub fn of_kinds(quotes: QuoteSet<'_>, kinds: &[Option<ClaimKind>]) -> Figures {
        let mut f = Figures::default();
        let mut seen = std::collections::BTreeSet::new();
        for (q, k) in quotes.iter().zip(kinds) {
            if k.is_none() {
                continue;
            }
            f.claims += 1;
            match &q.speaker {
                None => f.unattributed += 1,
                Some(s) => {
                    if s.anonymous {
                        f.anonymous += 1;
                    }
                    seen.insert(s.entity);
                }
            }
        }
        f.speakers = seen.len();
        f.anonymous_share = share(f.anonymous, f.claims);
        f
    }

    /// Adds another report's figures (for totals over many documents; `speakers` adds up the
    /// documents' speakers).
    pub fn add(&mut self, o: &Figures) {
        self.claims += o.claims;
        self.anonymous += o.anonymous;
        self.speakers += o.speakers;
        self.unattributed += o.unattributed;
        self.anonymous_share = share(self.anonymous, self.claims);
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// One speaker's claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerClaims {
    /// The entity (index in [`Report::entities`]).
    pub entity: usize,
    /// Its claims.
    pub claims: usize,
    /// Of them, direct quotes.
    pub direct: usize,
    /// Partial quotes standing on their own.
    pub partial: usize,
    /// Reported claims.
    pub reported: usize,
    /// Beliefs.
    pub beliefs: usize,
}

/// How each unit of `report` counts: `None` for a unit that is no claim of its own.
pub fn claim_kinds(report: &Report) -> Vec<Option<ClaimKind>> {
    claim_kinds_of(QuoteSet::of(report))
}

/// How each of a report's `quotes` counts ([`claim_kinds`]).
pub fn claim_kinds_of(quotes: QuoteSet<'_>) -> Vec<Option<ClaimKind>> {
    // A partial quote inside a reported claim is part of it.
    let reported = ReportedSpans::new(
        quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .map(|q| (q.content.start, q.content.end))
            .collect(),
    );
    let inside = |q: &Quote| reported.contains(q.content.start, q.content.end);
    quotes
        .iter()
        .map(|q| {
            if q.continues.is_some() {
                return None;
            }
            match q.kind {
                QuoteKind::Direct => Some(ClaimKind::Direct),
                QuoteKind::Indirect => Some(ClaimKind::Reported),
                QuoteKind::Belief => Some(ClaimKind::Belief),
                QuoteKind::Partial if !inside(&q) => Some(ClaimKind::Partial),
                _ => None,
            }
        })
        .collect()
}

/// The spans of a report's reported claims, to tell whether a partial quote lies inside one
/// (then it is part of that claim, no claim of its own): sorted by start, with the running
/// maximum of their ends (linear after the sort). The whole-report figures and the
/// quote-by-quote counts of the streamed outputs read it alike.
#[derive(Debug, Default)]
pub struct ReportedSpans {
    spans: Vec<(usize, usize)>,
    reach: Vec<usize>,
}

impl ReportedSpans {
    /// The reported claims `spans` as (start, end), in any order.
    pub fn new(mut spans: Vec<(usize, usize)>) -> Self {
        spans.sort_unstable();
        let mut max_end = 0;
        let reach = spans
            .iter()
            .map(|&(_, e)| {
                max_end = max_end.max(e);
                max_end
            })
            .collect();
        ReportedSpans { spans, reach }
    }

    /// Whether bytes `[start, end)` lie inside one of the reported claims.
    pub fn contains(&self, start: usize, end: usize) -> bool {
        let n = self.spans.partition_point(|&(s, _)| s <= start);
        n > 0 && self.reach.get(n - 1).is_some_and(|&e| e >= end)
    }
}

/// The speakers of `report` in the order of their first claim, with their claims.
pub fn speakers(report: &Report) -> Vec<SpeakerClaims> {
    speakers_of(QuoteSet::of(report))
}

/// The speakers of a report's `quotes` ([`speakers`]).
pub fn speakers_of(quotes: QuoteSet<'_>) -> Vec<SpeakerClaims> {
    let mut out: Vec<SpeakerClaims> = Vec::new();
    let mut number: BTreeMap<usize, usize> = BTreeMap::new();
    for (q, k) in quotes.iter().zip(claim_kinds_of(quotes)) {
        let (Some(k), Some(s)) = (k, &q.speaker) else {
            continue;
        };
        let n = *number.entry(s.entity).or_insert(out.len());
        if n == out.len() {
            out.push(SpeakerClaims {
                entity: s.entity,
                claims: 0,
                direct: 0,
                partial: 0,
                reported: 0,
                beliefs: 0,
            });
        }
        if let Some(x) = out.get_mut(n) {
            x.claims += 1;
            match k {
                ClaimKind::Direct => x.direct += 1,
                ClaimKind::Partial => x.partial += 1,
                ClaimKind::Reported => x.reported += 1,
                ClaimKind::Belief => x.beliefs += 1,
            }
        }
    }
    out
}

/// "1 claim", "4 claims": `n` and the noun, plural unless `n` is 1.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The figures as one line: "11 claims, 2 from anonymous sources (18%), 5 speakers" (and
/// ", 1 unattributed" when some claim has no speaker).
pub fn sentence(f: &Figures) -> String {
    let mut s = format!(
        "{}, {} from anonymous sources ({:.0}%), {}",
        count(f.claims, "claim"),
        f.anonymous,
        f.anonymous_share * 100.0,
        count(f.speakers, "speaker")
    );
    if f.unattributed > 0 {
        s.push_str(&format!(", {} unattributed", f.unattributed));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_quote_is_one_claim_and_partial_inside_reported_is_none() {
        let r = crate::analyze(
            "\"We will rebuild,\" Mayor Ana Ruiz said, \"and we will start on Monday.\"\n\n\
             Ruiz said the council had been \"far too slow\" to act.\n\n\
             A senior official, who was not authorised to speak, said the budget was short.\n\n\
             The minister called the plan \"a fantasy\".",
        );
        let kinds = claim_kinds(&r);
        // The innermost unit holding `t`.
        let by_text = |t: &str| {
            let i = r.quotes.iter().rposition(|q| q.text.contains(t)).unwrap();
            kinds[i]
        };
        assert_eq!(by_text("We will rebuild"), Some(ClaimKind::Direct));
        assert_eq!(
            by_text("start on Monday"),
            None,
            "the broken quote's second half"
        );
        assert_eq!(
            by_text("far too slow"),
            None,
            "a partial inside a reported claim"
        );
        assert_eq!(by_text("a fantasy"), Some(ClaimKind::Partial));
        let f = Figures::of(&r);
        assert_eq!(f.claims, 4, "{:#?}", r.quotes);
        assert_eq!(f.anonymous, 1);
        assert_eq!(f.speakers, 3);
        assert!((f.anonymous_share - 0.25).abs() < 1e-9);
        let sp = speakers(&r);
        assert_eq!(sp[0].claims, 2);
        assert_eq!((sp[0].direct, sp[0].reported), (1, 1));
        assert_eq!(
            sentence(&f),
            "4 claims, 1 from anonymous sources (25%), 3 speakers"
        );
    }

    #[test]
    fn no_claims_no_share() {
        let f = Figures::of(&crate::analyze("The river rose overnight."));
        assert_eq!(f, Figures::default());
        assert_eq!(
            sentence(&f),
            "0 claims, 0 from anonymous sources (0%), 0 speakers"
        );
        assert_eq!(count(1, "claim"), "1 claim");
    }
}
