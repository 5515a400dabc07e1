//! # loaded-verb
//!
//! An attribution verb that editorialises ("claimed", "admitted", "insisted", "conceded",
//! "boasted", "railed") where "said" would do. Only a verb that attributes speech or writing is
//! checked, never words inside a quote.
//!
//! **Why it matters.** "Admitted" implies a confession, "claimed" doubt, "insisted" stubbornness.
//! The verb takes a side the reporting has not established.
//!
//! A loaded verb before "that" counts even where the attribution read no claim ("though she
//! conceded that the freeze had been …").
//!
//! **Example.**
//!
//! ```text
//! The minister admitted that the deadline would be missed.
//! ```
//!
//! **What it leaves alone.** The precise word for a legal or factual act ("the indictment
//! alleges", "prosecutors allege", "denied the charges", "accused him of"; `stance=precise` in
//! `grammars/verbs.txt`), a plain description of the act ("acknowledged", "complained"), a
//! sense that attributes nothing ("claimed the title", "conceded two goals", "boasts a lead"),
//! and set phrases (`type=set` in `grammars/hedges.txt`: "claimed responsibility", "admitted no
//! wrongdoing"). Nor a verb whose claim the story shows false right there ("He claimed the
//! count was rigged, but offered no proof"; "Ferry delays are, in fact, at a ten-year low";
//! `type=rebuttal`): the verb then reports what the reporting has established.
//!
//! **Default level: info.** Its findings are precise, but published copy uses these verbs on
//! purpose often enough that a gate failing on them would fail about one article in five for a
//! choice of word a desk may have made deliberately (on 84 published US political articles it
//! fired on 17, and 17 of its 19 findings were such verbs). A desk that treats them as errors
//! raises it in `quotecheck.toml`: `[rules] loaded-verb = "warning"`.
//!
//! **How to fix.** Use "said" (or a neutral verb that adds information: "told", "wrote"). The
//! list of loaded verbs is `stance=loaded` in `grammars/verbs.txt`; a house list can add more.

use crate::check::around::{self, hedge_at, token_at};
use crate::check::{Ctx, Finding, Level, Rule};
use crate::grammar::{FuncType, HedgeType, Stance as GStance, Tag, VerbForm};
use crate::report::{QuoteKind, Stance};
use crate::span::Span;

/// See the module documentation.
pub struct LoadedVerb;

impl Rule for LoadedVerb {
    fn id(&self) -> &'static str {
        "loaded-verb"
    }
    fn source(&self) -> &'static str {
        include_str!("loaded_verb.rs")
    }
    fn default_level(&self) -> Level {
        Level::Info
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let from = out.len();
        let rebuttals = rebuttals(cx);
        for q in cx.quotes.iter() {
            let Some(c) = q.cue.as_ref().filter(|c| c.stance == Stance::Loaded) else {
                continue;
            };
            if matches!(q.kind, QuoteKind::Title | QuoteKind::Scare) {
                continue;
            }
            // The verb itself: a loaded cue phrase may be longer ("was quoted as claiming").
            let verb = c.text.split_whitespace().last().unwrap_or(&c.text);
            let start = c.span.start + c.text.rfind(verb).unwrap_or(0);
            // A set phrase starting at the verb ("claimed responsibility for the attack").
            let at = token_at(cx.doc, start);
            // A capitalised verb inside a sentence is a name ("Tom Rails").
            let name = cx.doc.is_cap(at) && !cx.doc.starts_sentence(at);
            if name
                || hedge_at(cx.doc, at, |h| h == HedgeType::SetPhrase).is_some()
                || established(cx, &rebuttals, at)
            {
                continue;
            }
            out.push(self.finding(cx, Span::new(start, start + verb.len())));
        }
        let found: std::collections::BTreeSet<usize> = out
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .map(|f| f.span.start)
            .collect();
        // A loaded verb before "that" the attribution did not read as a cue ("though she
        // conceded that the freeze had been 'a casualty of compromise'"); a past or -ing form,
        // since "claims that" is as often a noun ("his claims that he was").
        for i in 0..cx.doc.tokens.len() {
            let loaded = cx.doc.word_tags(i).any(|t| {
                matches!(t, Tag::Verb(v) if v.stance == GStance::Loaded
                    && matches!(v.form, VerbForm::Past | VerbForm::Ing))
            });
            if !loaded
                || established(cx, &rebuttals, i)
                || cx.doc.is_cap(i)
                || !cx.doc.is_func(i + 1, FuncType::Complementizer)
                || hedge_at(cx.doc, i, |h| h == HedgeType::SetPhrase).is_some()
            {
                continue;
            }
            let Some(span) = cx.doc.tokens.get(i).map(|t| t.span()) else {
                continue;
            };
            if !found.contains(&span.start) {
                out.push(self.finding(cx, span));
            }
        }
    }
}

/// Per sentence, the last token that opens a rebuttal (`type=rebuttal` in
/// `grammars/hedges.txt`: "in fact", "offered no proof", "falsely"), built once.
fn rebuttals(cx: &Ctx<'_>) -> Vec<Option<usize>> {
    let doc = cx.doc;
    (0..doc.sentences.len())
        .map(|si| {
            around::sentence_tokens(doc, si).rev().find(|&i| {
                doc.is_word(i) && hedge_at(doc, i, |h| h == HedgeType::Rebuttal).is_some()
            })
        })
        .collect()
}

/// Whether the story establishes, right there, that the claim is false: a rebuttal just before
/// the verb, after it in its sentence, or in the next sentence. The loaded verb then reports
/// what the reporting has established, as this rule allows.
fn established(cx: &Ctx<'_>, rebuttals: &[Option<usize>], verb: usize) -> bool {
    let doc = cx.doc;
    let Some(si) = doc.sentence_at(doc.tokens.get(verb).map_or(0, |t| t.span().start)) else {
        return false;
    };
    let here = rebuttals.get(si).copied().flatten();
    here.is_some_and(|r| r + 2 >= verb) || rebuttals.get(si + 1).copied().flatten().is_some()
}

impl LoadedVerb {
    fn finding(&self, cx: &Ctx<'_>, span: Span) -> Finding {
        let verb = span.of(cx.text);
        Finding {
            rule: self.id(),
            level: self.default_level(),
            span,
            message: format!("\u{201c}{verb}\u{201d} editorialises; \u{201c}said\u{201d} does not"),
            help: Some(
                "use \u{201c}said\u{201d} unless the verb reports a fact you have established"
                    .into(),
            ),
        }
    }
}
