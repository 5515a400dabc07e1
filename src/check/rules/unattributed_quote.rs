//! # unattributed-quote
//!
//! A direct quote credited to nobody: quotation marks around words presented as speech, standing
//! as a sentence of their own, with no speaker in their paragraph and none in the paragraph
//! before to carry over.
//!
//! **Why it matters.** A quote without a speaker cannot be checked, and readers assume the
//! nearest named person said it.
//!
//! **Example.**
//!
//! ```text
//! The bridge closed on Monday.
//!
//! "Nobody told us anything about the repairs."
//! ```
//!
//! **What it leaves alone.** Quotation marks that are not speech: titles, names and terms (a
//! quotation of four words or fewer that does not end a sentence), words a sentence builds
//! around ("a sign reading …", "lists terms including …"), headlines and links with words after
//! the marks, a pull quote with its speaker's credit under it. A quotation whose sentence has
//! other words (`"…," someone shouted from the back`, `"…," he points out`), or follows a colon
//! (`Gov. Helen Marsh, in a statement: "…"`), names its speaker there. A quote paragraph after a
//! paragraph with one speaker (a paraphrase of the same speaker, `Dr. Okoro stated:`, a Q&A's
//! question) is that speaker's, as desks read it, and so is one whose speaker the next
//! paragraph names ("So says the narrator at the close of the documentary."); one after a group's
//! paraphrase ("Students said they were frustrated.") is not, since one person says a quote.
//!
//! **How to fix.** Add the attribution (`…," said Ana Ruiz, who lives by the bridge.`).

use crate::check::around::{self, quote_token, sentence_tokens};
use crate::check::{Ctx, Finding, Level, Rule};
use crate::grammar::{HedgeType, TokClass};
use crate::report::{EntityKind, QuoteKind};
use crate::text::Doc;

/// See the module documentation.
pub struct UnattributedQuote;

impl Rule for UnattributedQuote {
    fn id(&self) -> &'static str {
        "unattributed-quote"
    }
    fn source(&self) -> &'static str {
        include_str!("unattributed_quote.rs")
    }
    fn default_level(&self) -> Level {
        // Below 85% precision on real copy (see the Measured paragraph): info until better.
        Level::Info
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let floors = Floors::of(cx);
        for q in cx.quotes.iter() {
            if q.kind != QuoteKind::Direct || q.speaker.is_some() {
                continue;
            }
            if !is_speech(cx.doc, q.content) || !alone(cx, q.content, &floors) {
                continue;
            }
            out.push(Finding {
                rule: self.id(),
                level: self.default_level(),
                span: q.content,
                message: "direct quote credited to nobody".into(),
                help: Some("name who said it".into()),
            });
        }
    }
}

/// Which paragraphs give a speaker to a quote paragraph after them: those with a unit credited
/// to someone, a speech verb, a person the report knows, or a closing colon ("Dr. Okoro
/// stated:"); and, running on, those whose own quotations took the floor of the paragraph
/// before. With the tables the rule asks per quotation, built once.
struct Floors {
    speaker: Vec<bool>,
    /// Per sentence: whether it has a word, and the first token that makes a quotation after
    /// it no stand-alone speech (a colon, a speech verb, words like "a sign reading").
    sentences: Vec<(bool, Option<usize>)>,
    /// The first sentence of each paragraph.
    firsts: Vec<Option<usize>>,
    /// The units by content start.
    starts: around::Starts,
}

impl Floors {
    fn of(cx: &Ctx<'_>) -> Floors {
        let n = cx.doc.sentences.last().map_or(0, |s| s.paragraph + 1);
        let starts = around::Starts::of(cx.quotes);
        let mut speaker = vec![false; n];
        let mut mark = |p: usize| {
            if let Some(x) = speaker.get_mut(p) {
                *x = true;
            }
        };
        // One speaker says a direct quote: a group or a weasel group credited with a paraphrase
        // ("Students said they were frustrated.") gives no quote after it a speaker.
        for q in cx.quotes.iter() {
            if q.speaker.as_ref().is_some_and(|s| one_speaker(cx, s)) {
                mark(q.paragraph as usize);
            }
        }
        // A speech verb outside quotation marks with no unit of its own ("Ada Morrow reminisced",
        // "says Ben Oyelaran"), a closing colon or question mark (a Q&A's question), or a
        // person the report knows: the paragraph names who is speaking.
        let mut words = vec![false; n];
        let mut quotes = vec![false; n];
        for (si, s) in cx.doc.sentences.iter().enumerate() {
            let r = sentence_tokens(cx.doc, si);
            let last = r.end.checked_sub(1);
            let has_quote = r.clone().any(|i| cx.doc.quote_of(i).is_some());
            let lead = last.is_some_and(|l| cx.doc.is_punct(l, ":") || cx.doc.is_punct(l, "?"))
                && !has_quote;
            let reports = starts
                .within(around::sentence_bytes(cx.doc, si))
                .next()
                .is_some();
            let verb = !reports && r.clone().any(|i| cx.doc.has(i, TokClass::VERB));
            if lead || verb {
                mark(s.paragraph);
            }
            if let Some(w) = words.get_mut(s.paragraph) {
                *w |= r.clone().any(|i| cx.doc.is_word(i));
            }
            if let Some(q) = quotes.get_mut(s.paragraph) {
                *q |= has_quote;
            }
        }
        for e in &cx.report.entities {
            if e.kind != EntityKind::Person || e.anonymous {
                continue;
            }
            for m in &e.mentions {
                mark(cx.doc.paragraph_at(m.span.start));
            }
        }
        // A paragraph of quotations only carries the floor of the one before it on.
        for p in 1..n {
            let quotes_only = quotes.get(p) == Some(&true) && words.get(p) == Some(&false);
            if !speaker.get(p).copied().unwrap_or(true)
                && speaker.get(p - 1).copied().unwrap_or(false)
                && quotes_only
            {
                if let Some(x) = speaker.get_mut(p) {
                    *x = true;
                }
            }
        }
        let doc = cx.doc;
        let sentences = (0..doc.sentences.len())
            .map(|si| {
                let r = sentence_tokens(doc, si);
                let word = r.clone().any(|i| doc.is_word(i));
                let lead = r.clone().find(|&i| {
                    doc.is_punct(i, ":")
                        || doc.has(i, TokClass::VERB)
                        || around::hedge_at(doc, i, |h| h == HedgeType::NotSpeech).is_some()
                });
                (word, lead)
            })
            .collect();
        Floors {
            speaker,
            sentences,
            firsts: around::paragraph_starts(cx.doc),
            starts,
        }
    }

    fn before(&self, paragraph: usize) -> bool {
        paragraph
            .checked_sub(1)
            .and_then(|p| self.speaker.get(p))
            .copied()
            .unwrap_or(false)
    }

    fn own(&self, paragraph: usize) -> bool {
        self.speaker.get(paragraph).copied().unwrap_or(false)
    }
}

/// Whether a unit's speaker is one person or body that can say a quotation: not a group, a
/// weasel group or a plural unnamed source ("officials").
fn one_speaker(cx: &Ctx<'_>, s: &crate::report::Speaker) -> bool {
    cx.report.entities.get(s.entity).is_some_and(|e| {
        let plural = around::anon_noun(cx.doc, s.mention).is_some_and(|(_, n)| n.plural);
        !e.vague && e.kind != EntityKind::Group && !(e.anonymous && plural)
    })
}

/// Whether the quoted words read as speech: more than four words, or a sentence of their own
/// (ending in `.`, `?`, `!` or `…`), rather than a title, name or term.
fn is_speech(doc: &Doc<'_>, content: crate::span::Span) -> bool {
    let words = content.of(doc.text).split_whitespace().count();
    let ends = content
        .of(doc.text)
        .trim_end_matches(|c: char| !c.is_alphanumeric() && !".?!…".contains(c))
        .ends_with(['.', '?', '!', '…']);
    words > 4 || ends
}

/// Whether the quotation stands alone: a sentence of its own, not after a colon nor by words
/// that make it something other than speech, in a paragraph with no speaker and after one with
/// none, and not a pull quote with a credit line under it.
fn alone(cx: &Ctx<'_>, content: crate::span::Span, floors: &Floors) -> bool {
    let doc = cx.doc;
    let Some(t) = quote_token(doc, content) else {
        return false;
    };
    let Some(si) = doc.sentence_at(content.start) else {
        return false;
    };
    // Other words in its sentence: the speaker, or what makes it a title, a term or a sign.
    let (words, lead) = floors.sentences.get(si).copied().unwrap_or((true, None));
    if words || lead.is_some_and(|l| l < t) {
        return false;
    }
    let paragraph = doc.sentences.get(si).map_or(0, |s| s.paragraph);
    if floors.own(paragraph) || floors.before(paragraph) || around::is_headline(doc, paragraph) {
        return false;
    }
    // The attribution may open the next paragraph ("So says the narrator at the close of
    // …"): a speech verb there that reports nothing of its own.
    let next = floors.firsts.get(paragraph + 1).copied().flatten();
    let next_says = next.is_some_and(|n| {
        let r = sentence_tokens(doc, n);
        r.clone().any(|i| doc.has(i, TokClass::VERB))
            && !r.clone().any(|i| doc.quote_of(i).is_some())
            && floors
                .starts
                .within(around::sentence_bytes(doc, n))
                .next()
                .is_none()
    });
    // A pull quote: a credit line ("— Colleen Barrow, Riverside resident") opens the next
    // paragraph.
    let credit = next.and_then(|n| doc.sentences.get(n)).is_some_and(|s| {
        let txt = doc.tok_text(s.start);
        ["\u{2014}", "\u{2013}", "\u{2015}", "-", "--"].contains(&txt)
    });
    !next_says && !credit
}
