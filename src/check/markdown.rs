//! What of an input is prose, and which findings its comments suppress.
//!
//! The prose is the input with everything that is not prose blanked out byte for byte (spaces,
//! line breaks kept), so every offset into it is an offset into the original file and findings
//! point at the exact line and column without any mapping. In Markdown, code blocks, inline
//! code, front matter, HTML (comments included), link and image targets and the syntax itself
//! are blanked; in both kinds, suppression comments are.
//!
//! Suppression, in Markdown or plain text:
//!
//! ```text
//! <!-- quotecheck-disable loaded-verb -->   … until quotecheck-enable (no ids: every rule)
//! <!-- quotecheck-enable -->
//! <!-- quotecheck-disable-next-line unsourced-claim -->
//! ```
//!
//! Plain text may also write the directive alone on a line, without the comment marks.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::InputKind;
use crate::report::{Excerpt, Quote, Report};

/// A range of lines where some rules (or all, when `rules` is empty) are off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// First line (1-based).
    pub from: usize,
    /// Last line, inclusive.
    pub to: usize,
    /// Rule ids; empty means every rule.
    pub rules: Vec<String>,
}

/// A rule id in a suppression comment that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule {
    /// The comment's line (1-based).
    pub line: usize,
    /// The id as written.
    pub rule: String,
}

/// The prose of an input and its suppressions.
#[derive(Debug, Clone)]
pub struct Prose {
    /// The input with non-prose bytes blanked; same length and line structure.
    pub text: String,
    /// Suppressed line ranges.
    pub suppressions: Vec<Suppression>,
    /// Rule ids in suppression comments that name no rule (a typo suppresses nothing).
    pub unknown_rules: Vec<UnknownRule>,
}

impl Prose {
    /// Whether `rule` is suppressed on `line`.
    pub fn suppressed(&self, rule: &str, line: usize) -> bool {
        self.suppressions.iter().any(|s| {
            s.from <= line
                && line <= s.to
                && (s.rules.is_empty() || s.rules.iter().any(|r| r == rule))
        })
    }
}

/// Blanks `bytes[a..b]` (keeping line breaks).
fn blank(bytes: &mut [u8], a: usize, b: usize) {
    for c in bytes.iter_mut().take(b).skip(a) {
        if *c != b'\n' && *c != b'\r' {
            *c = b' ';
        }
    }
}

/// A directive on one line: (kind, rule ids).
fn directive(line: &str) -> Option<(&str, Vec<String>)> {
    let t = line.trim();
    let t = t
        .strip_prefix("<!--")
        .map(|x| x.trim_end().trim_end_matches("-->"))
        .unwrap_or(t)
        .trim();
    let mut words = t.split_whitespace();
    let kind = words.next()?;
    if !matches!(
        kind,
        "quotecheck-disable" | "quotecheck-enable" | "quotecheck-disable-next-line"
    ) {
        return None;
    }
    Some((
        kind,
        words
            .map(|w| w.trim_end_matches(',').to_string())
            .filter(|w| !w.is_empty())
            .collect(),
    ))
}

/// Markup elements whose content is an embed, not the story's prose: a post quoted from a social
/// network, a script or a style sheet.
const EMBEDS: &[&[u8]] = &[b"tweet", b"blockquote", b"script", b"style", b"iframe"];

/// Blanks markup tags left in plain text by a scraper or a CMS export (`<tweet id="…">`,
/// `</p>`, `<br/>`): a `<` before a letter or `/`, then a tag name, up to the `>` that closes it
/// on the same line. Their attribute values are not quotations. The text between tags stays,
/// except inside an embed ([`EMBEDS`]) closed on the same line: someone else's words.
fn blank_tags(bytes: &mut [u8]) {
    blank_embeds(bytes);
    let mut i = 0;
    while let Some(off) = bytes.get(i..).and_then(|b| memchr::memchr(b'<', b)) {
        let at = i + off;
        let name = bytes.get(at + 1..).unwrap_or(&[]);
        let name = name.strip_prefix(b"/").unwrap_or(name);
        if !name.first().is_some_and(u8::is_ascii_alphabetic) {
            i = at + 1;
            continue;
        }
        // An embed's start tag may run over a line break ("post-date=\"May 2, 2024\n\">").
        let embed = EMBEDS.iter().any(|n| {
            name.get(..n.len())
                .is_some_and(|x| x.eq_ignore_ascii_case(n))
        });
        let limit = if embed { 600 } else { usize::MAX };
        let close = bytes
            .get(at + 1..)
            .and_then(|b| {
                b.iter()
                    .take(limit)
                    .position(|&c| matches!(c, b'>' | b'<') || (c == b'\n' && !embed))
            })
            .map(|o| at + 1 + o);
        match close {
            Some(end) if bytes.get(end) == Some(&b'>') => {
                blank(bytes, at, end + 1);
                i = end + 1;
            }
            _ => i = at + 1,
        }
    }
}

/// Blanks an embed element ([`EMBEDS`]) whose closing tag is on its line, content and all.
fn blank_embeds(bytes: &mut [u8]) {
    let mut i = 0;
    while let Some(off) = bytes.get(i..).and_then(|b| memchr::memchr(b'<', b)) {
        let at = i + off;
        i = at + 1;
        let rest = bytes.get(at + 1..).unwrap_or(&[]);
        let Some(name) = EMBEDS.iter().find(|n| {
            rest.len() > n.len()
                && rest
                    .get(..n.len())
                    .is_some_and(|x| x.eq_ignore_ascii_case(n))
                && rest
                    .get(n.len())
                    .is_some_and(|c| !c.is_ascii_alphanumeric() && *c != b'-')
        }) else {
            continue;
        };
        let line_end = memchr::memchr(b'\n', rest).map_or(bytes.len(), |o| at + 1 + o);
        let mut close = Vec::with_capacity(name.len() + 3);
        close.extend_from_slice(b"</");
        close.extend_from_slice(name);
        let found = bytes.get(at..line_end).and_then(|line| {
            line.windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(&close))
                .map(|p| at + p)
        });
        match found {
            Some(c) => {
                let end = bytes
                    .get(c..line_end)
                    .and_then(|t| memchr::memchr(b'>', t))
                    .map_or(line_end, |o| c + o + 1);
                blank(bytes, at, end);
                i = end;
            }
            // No closing tag on this line: none for a later start tag of it either.
            None => i = line_end,
        }
    }
}

/// Reads `text` as `kind`: its prose and its suppressions.
pub fn prose(text: &str, kind: InputKind) -> Prose {
    let mut bytes = text.as_bytes().to_vec();
    if kind == InputKind::Markdown {
        blank_non_prose(text, &mut bytes);
    }
    if kind == InputKind::Text {
        blank_tags(&mut bytes);
    }
    let (suppressions, unknown_rules) = directives(text, &mut bytes);
    // Blanking replaces whole bytes of multi-byte characters only inside non-prose ranges;
    // decoding is lossless for prose, and lossy replacement keeps the length otherwise.
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    Prose {
        text,
        suppressions,
        unknown_rules,
    }
}

/// Blanks in `bytes` (the bytes of the Markdown `text`) everything but the text outside code,
/// metadata, HTML blocks and images.
fn blank_non_prose(text: &str, bytes: &mut [u8]) {
    let mut keep = vec![false; bytes.len()];
    let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    let mut skip_depth = 0usize;
    for (ev, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match ev {
            Event::Start(
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. } | Tag::HtmlBlock,
            ) => skip_depth += 1,
            Event::End(
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image | TagEnd::HtmlBlock,
            ) => skip_depth = skip_depth.saturating_sub(1),
            Event::Text(_) if skip_depth == 0 => {
                for k in keep.iter_mut().take(range.end).skip(range.start) {
                    *k = true;
                }
            }
            _ => {}
        }
    }
    for (i, c) in bytes.iter_mut().enumerate() {
        if !keep.get(i).copied().unwrap_or(false) && *c != b'\n' && *c != b'\r' {
            *c = b' ';
        }
    }
}

/// The suppression directives of `text`, parsed from its lines and blanked in `bytes`: the
/// suppressed line ranges, and the rule ids they name that name no rule.
fn directives(text: &str, bytes: &mut [u8]) -> (Vec<Suppression>, Vec<UnknownRule>) {
    let mut suppressions = Vec::new();
    let mut unknown_rules = Vec::new();
    let mut open: Option<(usize, Vec<String>)> = None;
    let mut offset = 0usize;
    let mut last_line = 0usize;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let n = i + 1;
        last_line = n;
        if let Some((kind, rules)) = directive(line) {
            blank(bytes, offset, offset + line.len());
            for r in rules.iter().filter(|r| super::rules::by_id(r).is_none()) {
                unknown_rules.push(UnknownRule {
                    line: n,
                    rule: r.clone(),
                });
            }
            match kind {
                "quotecheck-disable" => {
                    if let Some((from, r)) = open.take() {
                        suppressions.push(Suppression {
                            from,
                            to: n,
                            rules: r,
                        });
                    }
                    open = Some((n, rules));
                }
                "quotecheck-enable" => {
                    if let Some((from, r)) = open.take() {
                        suppressions.push(Suppression {
                            from,
                            to: n,
                            rules: r,
                        });
                    }
                }
                _ => suppressions.push(Suppression {
                    from: n + 1,
                    to: n + 1,
                    rules,
                }),
            }
        }
        offset += line.len();
    }
    if let Some((from, r)) = open {
        suppressions.push(Suppression {
            from,
            to: last_line.max(from),
            rules: r,
        });
    }
    (suppressions, unknown_rules)
}

/// The front matter of a Markdown document (YAML `---` or TOML `+++` block at its start), if it
/// has one; `None` for plain text.
pub fn front_matter(text: &str, kind: InputKind) -> Option<crate::Span> {
    if kind != InputKind::Markdown {
        return None;
    }
    let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut start = None;
    for (ev, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match ev {
            Event::Start(Tag::MetadataBlock(_)) => start = Some(range.start),
            Event::Text(_) if start.is_some() => {}
            Event::End(TagEnd::MetadataBlock(_)) => {
                // The block's range ends at its closing line; take the line break too.
                let end = text
                    .get(range.end..)
                    .and_then(|rest| rest.find('\n'))
                    .map_or(text.len(), |i| range.end + i + 1)
                    .max(range.end);
                return start.map(|s| crate::Span::new(s, end.min(text.len())));
            }
            _ => return None,
        }
    }
    None
}

/// Analyses `text` read as `kind`: Markdown's non-prose (front matter, code, HTML, link
/// targets) is not read, and the report's spans and texts are those of the original `text`.
pub fn analyze(text: &str, kind: InputKind, grammar: &crate::Grammar) -> Report {
    of_prose(text, kind, grammar, |s| s.collect_report(), |r| r)
}

/// [`analyze`], with the report's quotes held as their units, each made when it is read: read
/// them with [`crate::analysis::TableReport::quotes`] over `text`.
pub fn analyze_table(
    text: &str,
    kind: InputKind,
    grammar: &crate::Grammar,
) -> crate::analysis::TableReport {
    of_prose(text, kind, grammar, |s| s.into_table(), |t| &mut t.head)
}

/// The report `finish` makes of the analysis of `text`'s prose, its texts resliced from `text`
/// (the report `head` holds: the prose has blanks where it is not prose).
fn of_prose<R>(
    text: &str,
    kind: InputKind,
    grammar: &crate::Grammar,
    finish: impl FnOnce(crate::analysis::ReportStream<'_>) -> R,
    head: impl FnOnce(&mut R) -> &mut Report,
) -> R {
    if kind == InputKind::Text {
        return finish(crate::analysis::analyze_stream(text, grammar));
    }
    let prose = prose(text, kind);
    let mut report = finish(crate::analysis::analyze_stream(&prose.text, grammar));
    reslice(head(&mut report), text);
    report
}

/// [`analyze`], with the report's quotes made one at a time
/// ([`crate::analysis::analyze_stream`]): `f` is given the report without its quotes, and its
/// quotes in order, each as [`analyze`] gives it. A writer that streams them never holds them
/// all.
pub fn analyze_stream<R>(
    text: &str,
    kind: InputKind,
    grammar: &crate::Grammar,
    f: impl FnOnce(&Report, &mut dyn Iterator<Item = Quote>) -> R,
) -> R {
    let prose = (kind != InputKind::Text).then(|| prose(text, kind));
    let analysed = prose.as_ref().map_or(text, |p| p.text.as_str());
    let mut stream = crate::analysis::analyze_stream(analysed, grammar);
    if prose.is_none() {
        let (head, mut quotes) = stream.parts();
        return f(head, &mut quotes);
    }
    reslice(&mut stream.head, text);
    let (head, quotes) = stream.parts();
    f(
        head,
        &mut quotes.map(|mut q| {
            reslice_quote(&mut q, text);
            q
        }),
    )
}

/// Sets the text of `e`, if any, to its slice of `text`.
fn reslice_excerpt(e: Option<&mut Excerpt>, text: &str) {
    if let Some(e) = e {
        e.text = e.span.of(text).to_string();
    }
}

/// Sets every text of quote `q` that is a slice of the input to the slice of `text` (see
/// [`reslice`]).
pub fn reslice_quote(q: &mut Quote, text: &str) {
    q.text = q.content.of(text).into();
    if let Some(c) = &mut q.cue {
        c.text = c.span.of(text).to_string();
    }
    if let Some(s) = &mut q.speaker {
        s.mention_text = s.mention.of(text).to_string();
    }
    if let Some(a) = &mut q.anonymity {
        reslice_excerpt(a.reason.as_mut(), text);
        reslice_excerpt(a.request.as_mut(), text);
    }
}

/// Sets every text of `report` that is a slice of the input to the slice of `text` (the
/// original of the prose the report was made from: same offsets).
pub fn reslice(report: &mut Report, text: &str) {
    let excerpt = |e: Option<&mut Excerpt>| reslice_excerpt(e, text);
    for q in &mut report.quotes {
        reslice_quote(q, text);
    }
    for e in &mut report.entities {
        for m in &mut e.mentions {
            m.text = m.span.of(text).into();
        }
        excerpt(e.anonymity_reason.as_deref_mut());
        excerpt(e.anonymity_request.as_deref_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_offsets_and_blanks_non_prose() {
        let md = "---\ntitle: \"x\"\n---\n# Head\n\n\
                  She said `code \"y\"` and [a link](http://e.com/\"q\").\n\n\
                  ```\n\"not a quote\n```\n<!-- c -->\n";
        let p = prose(md, InputKind::Markdown);
        assert_eq!(p.text.len(), md.len());
        assert_eq!(p.text.matches('\n').count(), md.matches('\n').count());
        assert!(p.text.contains("She said"));
        assert!(p.text.contains("a link"));
        assert!(!p.text.contains("code"));
        assert!(!p.text.contains("http"));
        assert!(!p.text.contains("not a quote"));
        assert!(!p.text.contains("title"));
        let at = p.text.find("She").unwrap();
        assert_eq!(&md[at..at + 3], "She");
    }

    #[test]
    fn plain_text_tags_are_not_prose() {
        let t = concat!(
            "Before:\n<tweet pic=\"\" author=\"x\">Praying for \"all\" of them.</tweet>.\n",
            "a < b > c"
        );
        let p = prose(t, InputKind::Text);
        assert_eq!(p.text.len(), t.len());
        assert!(!p.text.contains("tweet") && !p.text.contains("author"));
        // An embedded post is someone else's words, not the story's.
        assert!(!p.text.contains("Praying for"));
        assert!(p.text.contains("a < b > c"), "{}", p.text);
    }

    #[test]
    fn directives_suppress_ranges_and_next_lines() {
        let t = "a\n<!-- quotecheck-disable loaded-verb -->\nb\n<!-- quotecheck-enable -->\n\
                 c\nquotecheck-disable-next-line\nd\n";
        let p = prose(t, InputKind::Text);
        assert!(p.suppressed("loaded-verb", 3));
        assert!(!p.suppressed("unsourced-claim", 3));
        assert!(!p.suppressed("loaded-verb", 5));
        assert!(p.suppressed("unsourced-claim", 7));
        assert!(!p.text.contains("quotecheck"));
        assert!(p.unknown_rules.is_empty());
        let p = prose(
            "<!-- quotecheck-disable-next-line loaded-verbs, loaded-verb -->\nx\n",
            InputKind::Text,
        );
        assert_eq!(
            p.unknown_rules,
            [UnknownRule {
                line: 1,
                rule: "loaded-verbs".into()
            }]
        );
    }

    #[test]
    fn markdown_analysis_reads_only_prose_with_original_offsets() {
        let md = concat!(
            "---\ntitle: \"A headline in quotes\"\n---\n\n",
            "The mayor said the **tram** would run.\n\n",
            "```text\n\"not speech,\" he said.\n```\n"
        );
        let r = analyze(md, InputKind::Markdown, crate::Grammar::builtin());
        assert_eq!(r.quotes.len(), 1, "{:#?}", r.quotes);
        let q = &r.quotes[0];
        assert_eq!(&*q.text, "the **tram** would run");
        assert_eq!(q.content.of(md), &*q.text);
    }
}
