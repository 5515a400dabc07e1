//! # anonymous-no-reason
//!
//! An anonymous source with no stated reason for anonymity. Reported once per source, at its
//! first mention.
//!
//! **Why it matters.** AP style asks that copy say why a source was granted anonymity
//! ("because they were not authorized to discuss the talks"). "Requesting anonymity" or "who
//! asked not to be named" records a request, not a reason.
//!
//! **Example.**
//!
//! ```text
//! A senior official from the trade ministry, requesting anonymity, said a deal was close.
//! ```
//!
//! **What it leaves alone.** A reason stated anywhere the source is mentioned or in the sentence
//! after ("They spoke on condition of anonymity to describe private conversations", "under
//! government protocol"; `type=reason` and `type=reason-intro` in `grammars/anonymity.txt`); a
//! source the copy names in apposition ("said the lawmakers, Reps. Dana Pruitt and Glen Harkavy",
//! "an official named Budi", "The official, identified later as Ruth Anand") or a few paragraphs
//! down; a source whose every claim another outlet reported ("people with knowledge of the plans
//! told the Daily Ledger"), and every source of a story that retells another outlet's report ("The
//! Harbour Chronicle reports that …" in its first two paragraphs); a bare plural role speaking for
//! its institution ("officials said", "Labor Department officials said", counted by
//! `anonymous-source`); a group the story places ("others said", "people at the shelter said", but
//! not people at an organisation: "people at the agency"); a source credited only with what
//! it found, or only with what it called something ("what several lawmakers called
//! "fraud""), or only in a headline.
//!
//! **How to fix.** Add the reason: "…, who spoke on condition of anonymity because the
//! negotiations are confidential, said …".

use crate::check::around;
use crate::check::{Ctx, Finding, Level, Rule};
use crate::report::ChainRole;

/// See the module documentation.
pub struct AnonymousNoReason;

impl Rule for AnonymousNoReason {
    fn id(&self) -> &'static str {
        "anonymous-no-reason"
    }
    fn source(&self) -> &'static str {
        include_str!("anonymous_no_reason.rs")
    }
    fn default_level(&self) -> Level {
        Level::Warning
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Finding>) {
        if around::retells_an_outlet(cx.doc, cx.quotes) {
            return;
        }
        let tables = around::Sources::of(cx.doc, cx.report, cx.quotes);
        for e in &cx.report.entities {
            if e.anonymity_reason.is_some()
                || !around::unnamed_source(cx.doc, cx.report, &tables, e.id)
            {
                continue;
            }
            // Only sources credited with a claim of their own: not only with words another
            // outlet reported, nor only in a headline (the story under it says how it knows),
            // nor only with what they found ("Officers found the car abandoned"), nor only
            // with what they called something ("what several lawmakers called "fraud"").
            let units = tables.units_of(e.id);
            let own = units.iter().any(|&i| {
                let i = i as usize;
                let Some(q) = cx.quotes.get(i) else {
                    return false;
                };
                cx.is_claim(i)
                    && !around::is_finding(cx.doc, &q)
                    && !around::is_naming(cx.doc, &q)
                    && !q.chain.iter().any(|l| l.role == ChainRole::Outlet)
                    && !q
                        .speaker
                        .as_ref()
                        .is_some_and(|s| around::outlets_source(cx.doc, &tables, s.mention))
                    && !around::is_headline(cx.doc, q.paragraph as usize)
            });
            let Some(first) = e.mentions.first().filter(|_| own) else {
                continue;
            };
            if around::institutional(cx.doc, first.span) || reason_given(cx, &tables, e) {
                continue;
            }
            let help = match &e.anonymity_request {
                Some(r) => format!(
                    "\u{201c}{}\u{201d} is a request, not a reason: say why anonymity was granted",
                    r.text
                ),
                None => "say why the source was granted anonymity".to_string(),
            };
            out.push(Finding {
                rule: self.id(),
                level: self.default_level(),
                span: first.span,
                message: format!(
                    "anonymous source \u{201c}{}\u{201d} has no stated reason for anonymity",
                    e.name
                ),
                help: Some(help),
            });
        }
    }
}

/// Whether a reason for anonymity is stated in a sentence that mentions the source, or in the
/// sentence after one that does when no other unnamed source is mentioned there ("They spoke
/// on condition of anonymity to describe private conversations"; not "Another official, who
/// spoke on condition of anonymity because …", whose reason is that official's).
fn reason_given(cx: &Ctx<'_>, tables: &around::Sources, e: &crate::report::Entity) -> bool {
    let other_source_in = |si: usize| tables.anonymous_in(si).any(|o| o != e.id);
    let reason = |si: usize| tables.reasons.get(si) == Some(&true);
    e.mentions.iter().any(|m| {
        cx.doc
            .sentence_at(m.span.start)
            .is_some_and(|si| reason(si) || (reason(si + 1) && !other_source_in(si + 1)))
    })
}
