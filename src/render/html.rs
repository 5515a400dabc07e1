//! One self-contained HTML page for people: the article text with every quote and reported
//! claim highlighted by speaker, a side panel of speakers, anonymous share and source chains,
//! and, for `check`, the findings inline.
//!
//! The page loads nothing: the style sheet and the few lines of script (highlighting one
//! speaker's claims when their name is clicked) are inline, and a Content-Security-Policy
//! forbids fetching anything else. The output is deterministic: element ids are built from the
//! document number and the unit or finding number, never from time or chance.
//!
//! How the text is marked up:
//!
//! - every unit of the report is a `<mark class="q …">` with `data-quote`, `data-kind`, and for
//!   speech with a speaker `data-speaker` (the speaker's name) and `data-sid` (the speaker's
//!   number in the side panel). Its first fragment has `id="d{doc}-q{unit}"`, `tabindex="0"`
//!   and a tooltip (`.tip`, shown on hover and keyboard focus) with the speaker, the cue, the
//!   anonymity reason (or "no reason given") and the chain;
//! - colour says who (ten colours, then they repeat), and each claim opens with the speaker's
//!   number, so the page reads without colour: the underline says what kind of unit it is
//!   (solid: direct, dashed: reported, dotted: partial), anonymous sources are hatched and
//!   labelled `anon`, unattributed quotes are yellow with a `?` label;
//! - a unit that crosses a paragraph break, or crosses another unit or a finding, is split into
//!   fragments (`class="… cont"` after the first), so the markup always nests;
//! - check findings are `<mark class="finding level-…">` with the rule id after them.
//!
//! The side panel's figures (claims, anonymous share, speakers, and each speaker's direct,
//! partial and reported claims) are [`crate::figures`]', the same as every other output's.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::analysis::QuoteSet;
use crate::check::{CheckResult, Finding, Level};
use crate::figures::{self, Figures};
use crate::report::{ChainRole, Construction, EntityKind, Quote, QuoteKind, Report, Stance};
use crate::span::LineIndex;

/// One document to show.
#[derive(Debug, Clone, Copy)]
pub struct HtmlDoc<'a> {
    /// Its name (path, or `-` for standard input).
    pub name: &'a str,
    /// The original text the report's spans point into.
    pub text: &'a str,
    /// Its attribution report (its quotes are read from `quotes`).
    pub report: &'a Report,
    /// The report's quotes ([`QuoteSet::of`] the report, or a [`crate::analysis::QuoteTable`]'s).
    pub quotes: QuoteSet<'a>,
    /// The check findings, shown inline when present.
    pub findings: Option<&'a CheckResult>,
}

/// Colours of speakers (a speaker's number modulo this count).
const PALETTE: usize = 10;

const STYLE: &str = include_str!("html.css");
const SCRIPT: &str = include_str!("html.js");

/// The SHA-256 of the inline script (a line break, then [`SCRIPT`]), base64, as the
/// Content-Security-Policy names it: that script runs and no other (no `'unsafe-inline'`).
/// A test recomputes it, so a change to `html.js` without this fails and prints the new value.
const SCRIPT_HASH: &str = "sha256-luKAvuCPIzVTjSBvT8UOguaIVe7W5VwkLmdNELHHOJE=";

/// The page as it is made: its text gathered in a small buffer and passed on to the writer a
/// buffer at a time, so that a page many times the size of its documents (a highlight and a
/// tooltip for every quotation) is never held whole. The first write error stops the writing
/// and is returned by [`Page::finish`].
pub struct Page<'w> {
    buf: String,
    sink: &'w mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

/// How much of the page [`Page`] gathers before it writes it.
const PAGE_BUFFER: usize = 1 << 16;

impl<'w> Page<'w> {
    fn new(sink: &'w mut dyn std::io::Write) -> Self {
        Page {
            buf: String::with_capacity(PAGE_BUFFER + 1024),
            sink,
            error: None,
        }
    }

    /// Writes the buffer out.
    fn flush_buf(&mut self) {
        if self.error.is_none() {
            if let Err(e) = self.sink.write_all(self.buf.as_bytes()) {
                self.error = Some(e);
            }
        }
        self.buf.clear();
    }

    #[inline]
    fn push_str(&mut self, s: &str) {
        self.buf.push_str(s);
        if self.buf.len() >= PAGE_BUFFER {
            self.flush_buf();
        }
    }

    #[inline]
    fn push(&mut self, c: char) {
        self.buf.push(c);
        if self.buf.len() >= PAGE_BUFFER {
            self.flush_buf();
        }
    }

    /// Writes what is left; the first write error, if any.
    fn finish(mut self) -> std::io::Result<()> {
        self.flush_buf();
        self.error.map_or(Ok(()), Err)
    }
}

impl std::fmt::Write for Page<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// Renders `docs` as one HTML page.
pub fn report(docs: &[HtmlDoc<'_>]) -> String {
    let mut bytes = Vec::new();
    // Writing to a vector cannot fail.
    let _ = write_report(&mut bytes, docs);
    String::from_utf8(bytes).unwrap_or_default()
}

/// Writes `docs` as one HTML page to `sink` ([`report`]'s bytes, written as they are made).
pub fn write_report(sink: &mut dyn std::io::Write, docs: &[HtmlDoc<'_>]) -> std::io::Result<()> {
    let checking = docs.iter().any(|d| d.findings.is_some());
    let mut page = Page::new(sink);
    let out = &mut page;
    let title = match docs {
        [one] => format!(
            "quotecheck {}: {}",
            if checking { "check" } else { "report" },
            one.name
        ),
        _ => format!(
            "quotecheck {}: {} documents",
            if checking { "check" } else { "report" },
            docs.len()
        ),
    };
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src '",
    );
    out.push_str(SCRIPT_HASH);
    out.push_str("'; img-src data:; base-uri 'none'; form-action 'none'\">\n");
    out.push_str("<meta name=\"generator\" content=\"quotecheck\">\n<title>");
    esc(out, &title);
    out.push_str("</title>\n<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#d0\">Skip to the text</a>\n<header class=\"top\">\n<h1>");
    esc(out, &title);
    out.push_str("</h1>\n");
    legend(out, checking);
    out.push_str("</header>\n");
    let stats: Vec<Stats> = docs.iter().map(|d| Stats::of(d.report, d.quotes)).collect();
    if docs.len() > 1 {
        out.push_str("<nav class=\"toc\" aria-label=\"Documents\">\n<ol>\n");
        for (i, (d, s)) in docs.iter().zip(&stats).enumerate() {
            let _ = write!(out, "<li><a href=\"#d{i}\">");
            esc(out, d.name);
            let _ = write!(
                out,
                "</a> <span class=\"muted\">{}, {} anonymous",
                figures::count(s.figures.claims, "claim"),
                s.figures.anonymous
            );
            if let Some(f) = d.findings {
                let _ = write!(
                    out,
                    ", {} finding{}",
                    f.findings.len(),
                    plural(f.findings.len())
                );
            }
            out.push_str("</span></li>\n");
        }
        out.push_str("</ol>\n</nav>\n");
    }
    out.push_str("<main>\n");
    for (i, (d, s)) in docs.iter().zip(&stats).enumerate() {
        document(out, i, d, s);
    }
    if docs.is_empty() {
        out.push_str("<p class=\"empty\" id=\"d0\">No documents.</p>\n");
    }
    out.push_str("</main>\n<script>\n");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    page.finish()
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Escapes text for element content and quoted attribute values. Carriage returns are dropped
/// and control characters HTML does not allow become U+FFFD.
fn esc(out: &mut Page<'_>, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => {}
            '\t' | '\n' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// Whether a unit of kind `k` is credited to someone: speech, or a belief and its holder.
fn is_speech(k: QuoteKind) -> bool {
    matches!(
        k,
        QuoteKind::Direct | QuoteKind::Partial | QuoteKind::Indirect | QuoteKind::Belief
    )
}

fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Belief => "belief",
        QuoteKind::Title => "title",
        QuoteKind::Scare => "scare",
    }
}

fn kind_label(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct quote",
        QuoteKind::Partial => "partial quote",
        QuoteKind::Indirect => "reported claim",
        QuoteKind::Belief => "belief (held, not said)",
        QuoteKind::Title => "title of a work (not speech)",
        QuoteKind::Scare => "scare quotes (not speech)",
    }
}

fn role_name(r: ChainRole) -> &'static str {
    match r {
        ChainRole::Relay => "relay",
        ChainRole::Outlet => "outlet",
        ChainRole::Publisher => "publisher",
    }
}

fn level_name(l: Level) -> &'static str {
    l.as_str()
}

/// One speaker of the side panel.
#[derive(Debug)]
struct Speaker {
    entity: usize,
    name: String,
    anonymous: bool,
    direct: usize,
    partial: usize,
    reported: usize,
    beliefs: usize,
}

/// One source chain of the side panel: speaker, then relays and outlets, nearest first.
#[derive(Debug)]
struct Chain {
    speaker: usize,
    links: Vec<(String, ChainRole)>,
    claims: usize,
}

/// The per-document figures and tables; the counts are [`crate::figures`]'.
#[derive(Debug)]
struct Stats {
    /// Entity id → speaker number: the speakers in order of first claim, then (for colour
    /// only) any entity credited with speech that is no claim of its own.
    number: BTreeMap<usize, usize>,
    /// The speakers listed in the panel (those credited with a claim).
    speakers: Vec<Speaker>,
    chains: Vec<Chain>,
    figures: Figures,
}

impl Stats {
    fn of(report: &Report, quotes: QuoteSet<'_>) -> Stats {
        let name = |entity: usize| {
            report
                .entities
                .get(entity)
                .map(|e| (e.name.clone(), e.anonymous))
                .unwrap_or_default()
        };
        let speakers: Vec<Speaker> = figures::speakers_of(quotes)
            .into_iter()
            .map(|c| {
                let (name, anonymous) = name(c.entity);
                Speaker {
                    entity: c.entity,
                    name,
                    anonymous,
                    direct: c.direct,
                    partial: c.partial,
                    reported: c.reported,
                    beliefs: c.beliefs,
                }
            })
            .collect();
        let mut number: BTreeMap<usize, usize> = speakers
            .iter()
            .enumerate()
            .map(|(n, sp)| (sp.entity, n))
            .collect();
        for q in quotes.iter().filter(|q| is_speech(q.kind)) {
            if let Some(sp) = &q.speaker {
                let n = number.len();
                number.entry(sp.entity).or_insert(n);
            }
        }
        let mut s = Stats {
            number,
            speakers,
            chains: Vec::new(),
            figures: Figures::of_quotes(quotes),
        };
        let mut chain_ix: BTreeMap<(usize, Vec<(String, &str)>), usize> = BTreeMap::new();
        for (q, c) in quotes.iter().zip(figures::claim_kinds_of(quotes)) {
            let (Some(sp), Some(_)) = (&q.speaker, c) else {
                continue;
            };
            let Some(&n) = s.number.get(&sp.entity) else {
                continue;
            };
            let key = (
                n,
                q.chain
                    .iter()
                    .map(|l| (l.name.clone(), role_name(l.role)))
                    .collect(),
            );
            match chain_ix.get(&key) {
                Some(&i) => {
                    if let Some(ch) = s.chains.get_mut(i) {
                        ch.claims += 1;
                    }
                }
                None => {
                    chain_ix.insert(key, s.chains.len());
                    s.chains.push(Chain {
                        speaker: n,
                        links: q.chain.iter().map(|l| (l.name.clone(), l.role)).collect(),
                        claims: 1,
                    });
                }
            }
        }
        s
    }

    fn share(&self) -> f64 {
        self.figures.anonymous_share
    }
}

fn legend(out: &mut Page<'_>, checking: bool) {
    out.push_str("<ul class=\"legend\" aria-label=\"Legend\">\n");
    out.push_str(
        "<li><span class=\"q k-direct s0\"><span class=\"lbl\">1</span>direct quote</span></li>\n",
    );
    out.push_str("<li><span class=\"q k-indirect s0\"><span class=\"lbl\">1</span>reported claim</span></li>\n");
    out.push_str("<li><span class=\"q k-partial s0\">partial quote</span></li>\n");
    out.push_str("<li><span class=\"q k-belief s0\"><span class=\"lbl\">1</span>belief (held, not said)</span></li>\n");
    out.push_str("<li><span class=\"q k-direct s1 anon\"><span class=\"lbl\">2 anon</span>anonymous source</span></li>\n");
    out.push_str("<li><span class=\"q k-direct unattributed\"><span class=\"lbl\">?</span>unattributed</span></li>\n");
    out.push_str("<li><span class=\"q k-title nonspeech\">title or scare quotes</span></li>\n");
    if checking {
        for l in [Level::Error, Level::Warning, Level::Info] {
            let n = level_name(l);
            let _ = writeln!(out, "<li><span class=\"finding level-{n}\">{n}<span class=\"rule\">rule</span></span></li>");
        }
    }
    out.push_str("<li class=\"hint\">Hover or tab to a highlight for its speaker, cue and chain; click a speaker to pick out their claims.</li>\n");
    out.push_str("</ul>\n");
}

/// What a highlighted interval is: a quote or a finding, by its index (32 bits, as the
/// offsets: a long document of quotes has an interval every few bytes).
#[derive(Debug, Clone, Copy)]
enum What {
    Unit(u32),
    Finding(u32),
}

/// A highlighted interval of the text: 16 bytes (a document is read up to 4 GiB).
#[derive(Debug, Clone, Copy)]
struct Iv {
    start: u32,
    end: u32,
    what: What,
}

impl Iv {
    /// The interval over `start..end`, if its offsets and `index` fit in 32 bits.
    fn new(start: usize, end: usize, index: usize, what: fn(u32) -> What) -> Option<Self> {
        Some(Iv {
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
            what: what(u32::try_from(index).ok()?),
        })
    }

    fn start(&self) -> usize {
        self.start as usize
    }

    fn end(&self) -> usize {
        self.end as usize
    }
}

fn document(out: &mut Page<'_>, d: usize, doc: &HtmlDoc<'_>, stats: &Stats) {
    let _ = write!(
        out,
        "<section class=\"doc\" id=\"d{d}\" aria-labelledby=\"d{d}-h\">\n<h2 id=\"d{d}-h\">"
    );
    esc(out, doc.name);
    out.push_str("</h2>\n<div class=\"cols\">\n");
    let _ = write!(out, "<article class=\"text\" aria-label=\"Text of ");
    esc(out, doc.name);
    out.push_str("\">\n");
    let mut w = Walker::new(out, d, doc, stats);
    w.run();
    if doc.text.trim().is_empty() {
        out.push_str("<p class=\"empty\">(empty)</p>\n");
    }
    out.push_str("</article>\n");
    panel(out, d, doc, stats);
    out.push_str("</div>\n</section>\n");
}

/// Walks the text once, opening and closing marks so that they nest.
struct Walker<'o, 'a, 'w> {
    out: &'o mut Page<'w>,
    d: usize,
    doc: &'o HtmlDoc<'a>,
    stats: &'o Stats,
    ivs: Vec<Iv>,
    /// Whether each interval's first fragment has been written.
    begun: Vec<bool>,
    /// Open intervals, outermost first.
    open: Vec<usize>,
    /// How many of `open` are open in the output (the rest are reopened before the next text).
    written: usize,
    in_p: bool,
}

impl<'o, 'a, 'w> Walker<'o, 'a, 'w> {
    fn new(out: &'o mut Page<'w>, d: usize, doc: &'o HtmlDoc<'a>, stats: &'o Stats) -> Self {
        let text = doc.text;
        let ok = |s: usize, e: usize| {
            s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
        };
        let findings = doc.findings.map_or(&[][..], |r| &r.findings);
        let mut ivs: Vec<Iv> = Vec::with_capacity(doc.quotes.len() + findings.len());
        for (i, q) in doc.quotes.iter().enumerate() {
            if ok(q.content.start, q.content.end) {
                ivs.extend(Iv::new(q.content.start, q.content.end, i, What::Unit));
            }
        }
        for (i, f) in findings.iter().enumerate() {
            if ok(f.span.start, f.span.end) {
                ivs.extend(Iv::new(f.span.start, f.span.end, i, What::Finding));
            }
        }
        // Outer before inner: earlier start, then longer, then units before findings, then the
        // more severe finding (of two on one span, the milder is inside, where the style sheet
        // stops it drawing over the more severe one's underline).
        let level = |i: usize| {
            doc.findings
                .and_then(|r| r.findings.get(i))
                .map_or(Level::Off, |f| f.level)
        };
        ivs.sort_by_key(|v| {
            let (rank, severity, i) = match v.what {
                What::Unit(i) => (0, std::cmp::Reverse(Level::Off), i),
                What::Finding(i) => (1, std::cmp::Reverse(level(i as usize)), i),
            };
            (v.start, std::cmp::Reverse(v.end), rank, severity, i)
        });
        let begun = vec![false; ivs.len()];
        Walker {
            out,
            d,
            doc,
            stats,
            ivs,
            begun,
            open: Vec::new(),
            written: 0,
            in_p: false,
        }
    }

    fn run(&mut self) {
        let text = self.doc.text;
        // (In 32 bits, as the intervals: a document is read up to 4 GiB.)
        let small = |p: usize| u32::try_from(p).unwrap_or(u32::MAX);
        let mut points: Vec<u32> = Vec::with_capacity(self.ivs.len() * 2 + 16);
        for v in &self.ivs {
            points.push(v.start);
            points.push(v.end);
        }
        points.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(small));
        points.push(small(text.len()));
        points.sort_unstable();
        points.dedup();
        let mut next = 0; // next interval to open
        let mut pos = self.front_matter(); // text written up to here
        for p in points {
            let p = p as usize;
            if p < pos {
                continue;
            }
            self.text(text.get(pos..p).unwrap_or(""));
            pos = p;
            self.close_ending(p);
            if text.as_bytes().get(p) == Some(&b'\n') {
                self.line_break(p);
                pos = p + 1;
            }
            while let Some(v) = self.ivs.get(next) {
                if v.start() > p {
                    break;
                }
                self.open.push(next);
                next += 1;
            }
            // Empty intervals open and close here.
            self.close_ending(p);
        }
        self.close_ending(usize::MAX);
        self.end_paragraph();
    }

    /// Writes a Markdown document's front matter as a block of its own, not as prose; returns
    /// where the prose starts.
    fn front_matter(&mut self) -> usize {
        let md = crate::check::InputKind::from_path(std::path::Path::new(self.doc.name));
        let Some(span) = crate::check::markdown::front_matter(self.doc.text, md) else {
            return 0;
        };
        self.out
            .push_str("<pre class=\"front-matter\" aria-label=\"front matter\">");
        esc(self.out, span.of(self.doc.text).trim_end());
        self.out.push_str("</pre>\n");
        span.end
    }

    /// Writes text, opening the paragraph and any pending marks first.
    fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.flush();
        esc(self.out, s);
    }

    /// Opens the paragraph and writes the opening tags of the open intervals not yet written.
    fn flush(&mut self) {
        if !self.in_p {
            self.out.push_str("<p>");
            self.in_p = true;
        }
        while let Some(&k) = self.open.get(self.written) {
            self.open_tag(k, self.written);
            self.written += 1;
        }
    }

    /// Closes the intervals that end at or before `p`, reopening the ones above them that go on.
    fn close_ending(&mut self, p: usize) {
        let ends = |ivs: &[Iv], k: usize| ivs.get(k).is_some_and(|v| v.end() <= p);
        let Some(first) = self.open.iter().position(|&k| ends(&self.ivs, k)) else {
            return;
        };
        // An interval that ends unwritten (empty, or only a line break) is still shown.
        let tail_unwritten = self
            .open
            .iter()
            .skip(first)
            .any(|&k| ends(&self.ivs, k) && !self.begun.get(k).copied().unwrap_or(true));
        if tail_unwritten {
            self.flush();
        }
        let tail: Vec<usize> = self.open.drain(first..).collect();
        while self.written > first {
            self.written -= 1;
            if let Some(&k) = tail.get(self.written - first) {
                let done = ends(&self.ivs, k);
                self.close_tag(k, done);
            }
        }
        self.open
            .extend(tail.into_iter().filter(|&k| !ends(&self.ivs, k)));
    }

    /// A line break at `p`: a paragraph break, unless the copy is hard-wrapped (the line ends
    /// mid-sentence and the next starts in lower case), where it is a space.
    fn line_break(&mut self, p: usize) {
        let text = self.doc.text;
        let before = text
            .get(..p)
            .unwrap_or("")
            .trim_end_matches([' ', '\t', '\r']);
        let after = text.get(p + 1..).unwrap_or("");
        let ends_sentence =
            before.ends_with(['.', '!', '?', ':', ';', '"', '\'', '”', '’', '»', ')']);
        let wrapped = !before.is_empty()
            && !before.ends_with('\n')
            && !ends_sentence
            && after.chars().next().is_some_and(char::is_lowercase);
        if wrapped && self.in_p {
            self.out.push('\n');
        } else {
            self.end_paragraph();
        }
    }

    fn end_paragraph(&mut self) {
        if !self.in_p {
            return;
        }
        while self.written > 0 {
            self.written -= 1;
            if let Some(&k) = self.open.get(self.written) {
                self.close_tag(k, false);
            }
        }
        self.out.push_str("</p>\n");
        self.in_p = false;
    }

    /// Whether an open interval below `depth` is a unit of the same speaker as unit `i`.
    fn inside_same_speaker(&self, i: usize, depth: usize) -> bool {
        let quotes = self.doc.quotes;
        let speaker = |i: usize| {
            quotes
                .get(i)
                .and_then(|q| q.speaker.as_ref().map(|s| s.entity))
        };
        let Some(me) = speaker(i) else {
            return false;
        };
        self.open
            .iter()
            .take(depth)
            .any(|&k| match self.ivs.get(k).map(|v| v.what) {
                Some(What::Unit(j)) => speaker(j as usize) == Some(me),
                _ => false,
            })
    }

    fn open_tag(&mut self, k: usize, depth: usize) {
        let Some(v) = self.ivs.get(k).copied() else {
            return;
        };
        let first = !self.begun.get(k).copied().unwrap_or(true);
        if let Some(b) = self.begun.get_mut(k) {
            *b = true;
        }
        match v.what {
            What::Unit(i) => self.open_unit(i as usize, first, depth),
            What::Finding(i) => self.open_finding(i as usize, first),
        }
    }

    fn open_unit(&mut self, i: usize, first: bool, depth: usize) {
        let Some(q) = self.doc.quotes.get(i) else {
            return;
        };
        let d = self.d;
        let speech = is_speech(q.kind);
        let number = q
            .speaker
            .as_ref()
            .and_then(|s| self.stats.number.get(&s.entity).copied());
        let same = first && self.inside_same_speaker(i, depth);
        let out = &mut *self.out;
        let _ = write!(out, "<mark class=\"q k-{}", kind_name(q.kind));
        if let Some(n) = number {
            let _ = write!(out, " s{}", n % PALETTE);
        }
        if !speech {
            out.push_str(" nonspeech");
        } else if q.speaker.is_none() {
            out.push_str(" unattributed");
        } else if q.speaker.as_ref().is_some_and(|s| s.anonymous) {
            out.push_str(" anon");
        }
        if !first {
            out.push_str(" cont");
        }
        out.push('"');
        if first {
            let _ = write!(out, " id=\"d{d}-q{}\"", q.id);
        }
        let _ = write!(
            out,
            " data-quote=\"{}\" data-kind=\"{}\"",
            q.id,
            kind_name(q.kind)
        );
        if let (Some(s), Some(n)) = (&q.speaker, number) {
            out.push_str(" data-speaker=\"");
            esc(out, &s.name);
            let _ = write!(out, "\" data-sid=\"{n}\"");
        }
        if !first {
            out.push('>');
            return;
        }
        let _ = write!(
            out,
            " tabindex=\"0\" aria-describedby=\"d{d}-q{}-tip\">",
            q.id
        );
        unit_tip(out, d, &q, self.doc.report);
        if !speech || same {
            return;
        }
        match (&q.speaker, number) {
            (Some(s), Some(n)) if s.anonymous => {
                let _ = write!(out, "<span class=\"lbl\"><span aria-hidden=\"true\">{}</span> anon</span>", n + 1);
            }
            (Some(_), Some(n)) => {
                let _ = write!(out, "<span class=\"lbl\" aria-hidden=\"true\">{}</span>", n + 1);
            }
            _ => out.push_str("<span class=\"lbl\"><span aria-hidden=\"true\">?</span><span class=\"sr\">unattributed</span></span>"),
        }
    }

    fn open_finding(&mut self, i: usize, first: bool) {
        let Some(f) = self.doc.findings.and_then(|r| r.findings.get(i)) else {
            return;
        };
        let d = self.d;
        let out = &mut *self.out;
        let _ = write!(
            out,
            "<mark class=\"finding level-{}{}\"",
            level_name(f.level),
            if first { "" } else { " cont" }
        );
        if first {
            let _ = write!(out, " id=\"d{d}-f{i}\"");
        }
        let _ = write!(out, " data-rule=\"{}\"", f.rule);
        if !first {
            out.push('>');
            return;
        }
        let _ = write!(out, " tabindex=\"0\" aria-describedby=\"d{d}-f{i}-tip\">");
        finding_tip(out, d, i, f);
    }

    fn close_tag(&mut self, k: usize, done: bool) {
        if done {
            if let Some(What::Finding(i)) = self.ivs.get(k).map(|v| v.what) {
                if let Some(f) = self.doc.findings.and_then(|r| r.findings.get(i as usize)) {
                    let _ = write!(self.out, "<span class=\"rule\">{}</span>", f.rule);
                }
            }
        }
        self.out.push_str("</mark>");
    }
}

fn tip_row(out: &mut Page<'_>, key: &str, value: &str) {
    let _ = write!(out, "<span class=\"row\"><span class=\"key\">{key}</span> ");
    esc(out, value);
    out.push_str("</span>");
}

/// The chain of a unit as one line: speaker → relay (relay) → outlet (outlet) → …
fn chain_line(q: &Quote) -> String {
    let mut s = q
        .speaker
        .as_ref()
        .map_or_else(|| "nobody credited".to_string(), |x| x.name.clone());
    for l in &q.chain {
        let _ = write!(s, " → {} ({})", l.name, role_name(l.role));
    }
    s
}

fn unit_tip(out: &mut Page<'_>, d: usize, q: &Quote, report: &Report) {
    let _ = write!(
        out,
        "<span class=\"tip\" role=\"tooltip\" id=\"d{d}-q{}-tip\"><span class=\"who\">",
        q.id
    );
    match (&q.speaker, is_speech(q.kind)) {
        (Some(s), _) => esc(out, &s.name),
        (None, true) => out.push_str("Unattributed"),
        (None, false) => out.push_str("Not speech"),
    }
    let _ = write!(
        out,
        "</span> <span class=\"what\">{}</span>",
        kind_label(q.kind)
    );
    if !is_speech(q.kind) {
        out.push_str("</span>");
        return;
    }
    if let Some(s) = &q.speaker {
        if !s.mention_text.contains(s.name.as_str()) {
            tip_row(out, "named as", &s.mention_text);
        }
    }
    match &q.cue {
        Some(c) => {
            let mut v = c.text.clone();
            if c.stance == Stance::Loaded {
                v.push_str(" (loaded verb)");
            }
            match c.construction {
                Construction::Floating => v.push_str(" (inherited from the quote before)"),
                Construction::Continuation => v.push_str(" (continues a quote)"),
                _ => {}
            }
            tip_row(out, "cue", &v);
        }
        None => tip_row(out, "cue", "none: no speaker in reach"),
    }
    if q.speaker.as_ref().is_some_and(|s| s.anonymous) {
        let entity = q
            .speaker
            .as_ref()
            .and_then(|s| report.entities.get(s.entity));
        let reason = q
            .anonymity
            .as_ref()
            .and_then(|a| a.reason.as_ref())
            .or_else(|| entity.and_then(|e| e.anonymity_reason.as_deref()));
        let request = q
            .anonymity
            .as_ref()
            .and_then(|a| a.request.as_ref())
            .or_else(|| entity.and_then(|e| e.anonymity_request.as_deref()));
        let mut v = match reason {
            Some(r) => format!("reason: {}", r.text),
            None => "no reason given".to_string(),
        };
        if let Some(r) = request {
            let _ = write!(v, "; request: {}", r.text);
        }
        tip_row(out, "anonymous", &v);
    }
    tip_row(out, "chain", &chain_line(q));
    out.push_str("</span>");
}

fn finding_tip(out: &mut Page<'_>, d: usize, i: usize, f: &Finding) {
    let _ = write!(out, "<span class=\"tip\" role=\"tooltip\" id=\"d{d}-f{i}-tip\"><span class=\"who\">{}[{}]</span> ", level_name(f.level), f.rule);
    esc(out, &f.message);
    if let Some(h) = &f.help {
        tip_row(out, "help", h);
    }
    out.push_str("</span>");
}

fn entity_note(report: &Report, entity: usize) -> String {
    let Some(e) = report.entities.get(entity) else {
        return String::new();
    };
    let kind = match e.kind {
        EntityKind::Person => "person",
        EntityKind::Organisation => "organisation",
        EntityKind::Anonymous => "anonymous",
        EntityKind::Group => "group",
        EntityKind::Document => "document",
    };
    let mut parts = vec![kind.to_string()];
    parts.extend(e.titles.iter().take(2).cloned());
    if e.anonymous {
        parts.push(match &e.anonymity_reason {
            Some(r) => format!("reason: {}", r.text),
            None => "no reason given".to_string(),
        });
    }
    parts.join(" · ")
}

fn panel(out: &mut Page<'_>, d: usize, doc: &HtmlDoc<'_>, s: &Stats) {
    let _ = write!(
        out,
        "<aside class=\"panel\" aria-labelledby=\"d{d}-sp\">\n<h3 id=\"d{d}-sp\">Speakers</h3>\n"
    );
    let pct = (s.share() * 100.0).round();
    let _ = writeln!(
        out,
        "<p class=\"figures\"><strong>{}</strong> claim{}, <strong>{}</strong> from anonymous sources (<strong>{pct}%</strong>){}</p>",
        s.figures.claims,
        plural(s.figures.claims),
        s.figures.anonymous,
        if s.figures.unattributed > 0 { format!(", <strong class=\"warn\">{}</strong> unattributed", s.figures.unattributed) } else { String::new() }
    );
    let _ = writeln!(
        out,
        "<div class=\"share\" role=\"img\" aria-label=\"{pct}% of claims rest on anonymous sources\"><span class=\"share-anon\" style=\"width:{pct}%\"></span></div>"
    );
    if s.speakers.is_empty() {
        out.push_str("<p class=\"muted\">No speakers.</p>\n");
    } else {
        out.push_str("<ul class=\"speakers\">\n");
        for (n, sp) in s.speakers.iter().enumerate() {
            speaker_item(out, n, sp, doc);
        }
        out.push_str("</ul>\n");
    }
    if !s.chains.is_empty() {
        let _ = write!(out, "<h3>Source chains</h3>\n<ul class=\"chains\">\n");
        for c in &s.chains {
            let Some(sp) = s.speakers.get(c.speaker) else {
                continue;
            };
            let _ = write!(
                out,
                "<li><ol class=\"path\" aria-label=\"source chain\"><li class=\"node s{}{}\"><span>",
                c.speaker % PALETTE,
                if sp.anonymous { " anon" } else { "" }
            );
            esc(out, &sp.name);
            out.push_str("</span></li>");
            for (name, role) in &c.links {
                let _ = write!(out, "<li class=\"node {}\"><span>", role_name(*role));
                esc(out, name);
                let _ = write!(out, " <small>{}</small></span></li>", role_name(*role));
            }
            let _ = writeln!(
                out,
                "</ol> <span class=\"muted\">{} claim{}</span></li>",
                c.claims,
                plural(c.claims)
            );
        }
        out.push_str("</ul>\n");
    }
    match doc.findings {
        Some(r) => findings_list(out, d, doc.text, r),
        None if !doc.report.diagnostics.is_empty() => {
            let lines = LineIndex::new(doc.text);
            out.push_str("<h3>Diagnostics</h3>\n<ul class=\"diagnostics\">\n");
            for x in &doc.report.diagnostics {
                let (l, c) = lines.line_col(doc.text, x.span.start);
                let _ = write!(out, "<li><code>{l}:{c}</code> <code>");
                esc(out, &x.code);
                out.push_str("</code> ");
                esc(out, &x.message);
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        None => {}
    }
    out.push_str("</aside>\n");
}

/// One speaker of the side panel: its button (name and counts) and its note.
fn speaker_item(out: &mut Page<'_>, n: usize, sp: &Speaker, doc: &HtmlDoc<'_>) {
    let _ = write!(
        out,
        "<li><button type=\"button\" class=\"speaker s{}{}\" data-sid=\"{n}\" aria-pressed=\"false\"><span class=\"lbl\">{}{}</span> <span class=\"name\">",
        n % PALETTE,
        if sp.anonymous { " anon" } else { "" },
        n + 1,
        if sp.anonymous { " anon" } else { "" }
    );
    esc(out, &sp.name);
    let partial = if sp.partial > 0 {
        format!(", {} partial", sp.partial)
    } else {
        String::new()
    };
    let beliefs = if sp.beliefs > 0 {
        format!(
            ", {} belief{}",
            sp.beliefs,
            if sp.beliefs == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    let _ = write!(
        out,
        "</span> <span class=\"counts\">{} direct{partial}, {} reported{beliefs}</span></button>",
        sp.direct, sp.reported
    );
    let note = entity_note(doc.report, sp.entity);
    if !note.is_empty() {
        out.push_str("<span class=\"note\">");
        esc(out, &note);
        out.push_str("</span>");
    }
    out.push_str("</li>\n");
}

fn findings_list(out: &mut Page<'_>, d: usize, text: &str, r: &CheckResult) {
    let _ = writeln!(
        out,
        "<h3>Findings <span class=\"muted\">({})</span></h3>",
        r.findings.len()
    );
    if r.findings.is_empty() {
        out.push_str("<p class=\"muted\">No findings.</p>\n");
        return;
    }
    let lines = LineIndex::new(text);
    out.push_str("<ol class=\"findings\">\n");
    for (i, f) in r.findings.iter().enumerate() {
        let (l, c) = lines.line_col(text, f.span.start);
        let n = level_name(f.level);
        let _ = write!(out, "<li class=\"level-{n}\"><a href=\"#d{d}-f{i}\"><span class=\"level\">{n}</span> <code>{}</code> {l}:{c}</a> ", f.rule);
        esc(out, &f.message);
        if let Some(h) = &f.help {
            out.push_str(" <span class=\"help\">help: ");
            esc(out, h);
            out.push_str("</span>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> String {
        // (The quotes of a table, as the command line's pages read them.)
        let r = crate::analysis::analyze_stream(text, crate::Grammar::builtin()).into_table();
        report(&[HtmlDoc {
            name: "t.txt",
            text,
            report: &r.head,
            quotes: r.quotes(text),
            findings: None,
        }])
    }

    fn article(html: &str) -> &str {
        let a = html.find("<article").unwrap();
        let b = html.find("</article>").unwrap();
        &html[a..b]
    }

    #[test]
    fn escapes_text_and_names() {
        let h = page("\"<b>Tom & Jerry</b>,\" said O'Neil.");
        assert!(h.contains("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;"), "{h}");
        assert!(!article(&h).contains("<b>"));
    }

    #[test]
    fn marks_nest_across_paragraphs() {
        let h = page("The minister said that \"the plan\nis sound\" and more.\n\nNext paragraph.");
        let a = article(&h);
        assert_eq!(
            a.matches("<mark").count(),
            a.matches("</mark>").count(),
            "{a}"
        );
        assert_eq!(a.matches("<p>").count(), a.matches("</p>").count(), "{a}");
    }

    #[test]
    fn empty_and_crossing_spans_still_nest() {
        let text = "abcdef ghij\nklm";
        let mut r = crate::analyze("");
        let q = |id, s, e| Quote {
            id,
            kind: QuoteKind::Direct,
            content: crate::Span::new(s, e),
            text: "".into(),
            cue: None,
            speaker: None,
            anonymity: None,
            chain: Default::default(),
            paragraph: 0,
            continues: None,
        };
        r.quotes = vec![q(0, 0, 5), q(1, 3, 14), q(2, 4, 4), q(3, 12, 99)];
        let h = report(&[HtmlDoc {
            name: "x",
            text,
            report: &r,
            quotes: QuoteSet::of(&r),
            findings: None,
        }]);
        let a = article(&h);
        assert_eq!(
            a.matches("<mark").count(),
            a.matches("</mark>").count(),
            "{a}"
        );
        for id in 0..3 {
            assert!(a.contains(&format!("id=\"d0-q{id}\"")), "{a}");
        }
        // Stripped of tags, tooltips and labels, the text is the input.
        let mut plain = String::new();
        let mut hidden = 0;
        let mut rest = a;
        while let Some(i) = rest.find('<') {
            if hidden == 0 {
                plain.push_str(&rest[..i]);
            }
            let j = rest[i..].find('>').unwrap() + i;
            let tag = &rest[i..=j];
            let opens_hidden =
                tag.starts_with("<span class=\"tip\"") || tag.starts_with("<span class=\"lbl\"");
            if opens_hidden || (hidden > 0 && tag.starts_with("<span")) {
                hidden += 1;
            } else if hidden > 0 && tag == "</span>" {
                hidden -= 1;
            }
            rest = &rest[j + 1..];
        }
        assert_eq!(plain.replace('\n', ""), "abcdef ghijklm");
    }

    /// SHA-256 (FIPS 180-4), for the script hash test only.
    fn sha256(data: &[u8]) -> [u8; 32] {
        let k: [u32; 64] = [
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
            0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
            0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
            0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
            0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
            0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
            0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
            0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
            0xc67178f2,
        ];
        let mut h: [u32; 8] = [
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
            0x5be0cd19,
        ];
        let mut msg = data.to_vec();
        msg.push(0x80);
        while msg.len() % 64 != 56 {
            msg.push(0);
        }
        msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
        for block in msg.chunks(64) {
            let mut w = [0u32; 64];
            for i in 0..16 {
                w[i] = u32::from_be_bytes(block[i * 4..i * 4 + 4].try_into().unwrap());
            }
            for i in 16..64 {
                let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
                let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
                w[i] = w[i - 16]
                    .wrapping_add(s0)
                    .wrapping_add(w[i - 7])
                    .wrapping_add(s1);
            }
            let mut v = h;
            for i in 0..64 {
                let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
                let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
                let t1 = v[7]
                    .wrapping_add(s1)
                    .wrapping_add(ch)
                    .wrapping_add(k[i])
                    .wrapping_add(w[i]);
                let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
                let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
                let t2 = s0.wrapping_add(maj);
                v = [
                    t1.wrapping_add(t2),
                    v[0],
                    v[1],
                    v[2],
                    v[3].wrapping_add(t1),
                    v[4],
                    v[5],
                    v[6],
                ];
            }
            for (a, b) in h.iter_mut().zip(v) {
                *a = a.wrapping_add(b);
            }
        }
        let mut out = [0u8; 32];
        for (i, x) in h.iter().enumerate() {
            out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
        }
        out
    }

    fn base64(data: &[u8]) -> String {
        let abc = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for c in data.chunks(3) {
            let n = (u32::from(c[0]) << 16)
                | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                | u32::from(*c.get(2).unwrap_or(&0));
            for k in 0..4 {
                if k <= c.len() {
                    out.push(char::from(abc[(n >> (18 - 6 * k) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    #[test]
    fn the_policy_names_the_inline_script_by_its_hash() {
        assert_eq!(
            base64(&sha256(b"abc")),
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
        let page = report(&[]);
        let script = page
            .split("<script>")
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .unwrap();
        let hash = format!("sha256-{}", base64(&sha256(script.as_bytes())));
        assert_eq!(SCRIPT_HASH, hash, "update SCRIPT_HASH to {hash}");
        assert!(page.contains(&format!("script-src '{hash}'")));
        assert!(page.contains("base-uri 'none'; form-action 'none'"));
        assert!(!page.contains("script-src 'unsafe-inline'"));
        assert_eq!(page.matches("<script").count(), 1);
    }
}
