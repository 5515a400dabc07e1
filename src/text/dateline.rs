//! The dateline that opens a wire story: `TOKYO, July 30 (Agency) -`, `NAIROBI (Wire) —`.
//! Its outlet is the publisher at the end of every source chain.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{not, opt, recognize, verify};
use nom::multi::separated_list1;
use nom::sequence::{delimited, preceded};
use nom::{IResult, Offset, Parser};

use crate::grammar::{Grammar, Tag};
use crate::span::Span;

/// A parsed dateline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline, through its dash.
    pub span: Span,
    /// The place (`TOKYO`).
    pub place: Span,
    /// The outlet in parentheses, if any.
    pub outlet: Option<Span>,
}

fn cap_word(i: &str) -> IResult<&str, &str> {
    verify(
        take_while1(|c: char| c.is_alphabetic() || c == '-' || c == '.' || c == '\''),
        |w: &str| w.chars().next().is_some_and(char::is_uppercase),
    )
    .parse_complete(i)
}

fn place(i: &str) -> IResult<&str, &str> {
    recognize(separated_list1(tag(" "), cap_word)).parse_complete(i)
}

fn date(i: &str) -> IResult<&str, &str> {
    recognize((cap_word, opt(char('.')), space1, digit1)).parse_complete(i)
}

fn outlet(i: &str) -> IResult<&str, &str> {
    delimited(
        char('('),
        recognize(separated_list1(
            tag(" "),
            take_while1(|c: char| c.is_alphanumeric() || "-.&'’".contains(c)),
        )),
        char(')'),
    )
    .parse_complete(i)
}

/// The dash after the place (or a colon, as Indian papers write it: `NEW DELHI: …`).
fn dash(i: &str) -> IResult<&str, &str> {
    preceded(
        space0,
        alt((
            tag("--"),
            tag("-"),
            tag("\u{2014}"),
            tag("\u{2013}"),
            tag(":"),
        )),
    )
    .parse_complete(i)
}

/// How far into a paragraph a dateline's opening parenthesis can be: a place of at most four
/// words, a date, then the outlet (`SAN JOSE DEL GUAVIARE, September 30 (` is 37 bytes).
const HEAD_BYTES: usize = 120;

/// Whether the text at the start of a paragraph (`head`: its first bytes, or more) can open a
/// dateline: a capitalised first word that is all capitals, or an opening parenthesis within
/// [`HEAD_BYTES`]. Most paragraphs fail this, so [`parse`] and the search for the paragraph's
/// end run only for the few that pass. A superset test: `parse` decides.
pub fn may_open(head: &[u8]) -> bool {
    let head = head.get(..HEAD_BYTES).unwrap_or(head);
    match head.first() {
        // A non-ASCII first letter: the parser judges it.
        Some(b) if !b.is_ascii() => return true,
        Some(b) if b.is_ascii_uppercase() => {}
        _ => return false,
    }
    let word = head
        .iter()
        .take_while(|&&b| b.is_ascii_alphabetic() || matches!(b, b'-' | b'.' | b'\''))
        .count();
    let first = head.get(..word).unwrap_or_default();
    first.iter().all(|b| !b.is_ascii_lowercase()) || memchr::memchr(b'(', head).is_some()
}

/// Parses a dateline at the start of `para` (a paragraph starting at byte `base` of the input).
/// It needs an outlet in parentheses, or an all-capitals place followed by a dash.
pub fn parse(para: &str, base: usize) -> Option<Dateline> {
    // Most paragraphs are not datelines: one needs a capitalised first word, and an outlet in
    // parentheses or a first word in capitals. Checked first, without the parsers.
    // The outlet's parenthesis comes within the place, date and outlet's first bytes.
    let first = para
        .split(|c: char| !(c.is_alphabetic() || c == '-' || c == '.' || c == '\''))
        .next()
        .unwrap_or("");
    let head = para.as_bytes().get(..HEAD_BYTES).unwrap_or(para.as_bytes());
    if !first.starts_with(char::is_uppercase)
        || !(first
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
            || memchr::memchr(b'(', head).is_some())
    {
        return None;
    }
    let (rest, pl) = place(para).ok()?;
    if pl.split(' ').count() > 4 {
        return None;
    }
    // "KYIV, Ukraine (AP)", "SPRINGFIELD, Ill., May 2 (Wire)": a region or country after the
    // place, before any date.
    let (rest, _) = opt(preceded(
        (char(','), space1, not(date)),
        verify(place, |r: &str| r.split(' ').count() <= 3),
    ))
    .parse_complete(rest)
    .ok()?;
    let (rest, dated) = opt(preceded((char(','), space1), date))
        .parse_complete(rest)
        .ok()?;
    let (rest, out) = opt(preceded(space1, outlet)).parse_complete(rest).ok()?;
    let (rest, d) = opt(dash).parse_complete(rest).ok()?;
    let caps = pl
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && pl.len() > 1;
    // An outlet needs a place in capitals, a date or a dash with it: "The World Health
    // Organization (WHO) warned …" opens a sentence, not a dateline. So does a place in mixed
    // case opening with an article ("THE HAGUE" is a place).
    let article = !caps && matches!(pl.split(' ').next(), Some("The" | "A" | "An"));
    if article
        || (out.is_none() && !(caps && d.is_some()))
        || (out.is_some() && !(caps || dated.is_some() || d.is_some()))
    {
        return None;
    }
    // The body must follow: a space then more text.
    if !rest.starts_with([' ', '\t']) || rest.trim().is_empty() {
        return None;
    }
    let at = |s: &str| base + para.offset(s);
    Some(Dateline {
        span: Span::new(base, at(rest)),
        place: Span::new(at(pl), at(pl) + pl.len()),
        outlet: out.map(|o| Span::new(at(o), at(o) + o.len())),
    })
}

/// The lines that may come before a story's dateline, counted as the search reads them: a
/// headline, a standfirst or an abstract, summary bullets (page furniture is not read at all).
/// A dateline after a paragraph of copy is no dateline: an all-capitals run-in head mid-article
/// ("SCHOOLS CLOSED — The district said …") has the shape of one, and taking it would drop
/// every sentence before it.
#[derive(Debug, Default)]
pub struct Front {
    lines: usize,
    words: usize,
}

/// The most lines other than bullets before a dateline.
const FRONT_LINES: usize = 6;
/// The most words of one of them: a longer line is a paragraph of copy.
const FRONT_LINE_WORDS: usize = 40;
/// The most words of all of them.
const FRONT_WORDS: usize = 90;

impl Front {
    /// Counts `line`, which is not a dateline; false when it is copy, so no dateline can
    /// follow. A summary bullet (`- …`, `• …`) is always admitted.
    pub fn admit(&mut self, line: &str) -> bool {
        if line.starts_with(['-', '\u{2022}', '*', '\u{2013}']) {
            return true;
        }
        // Words counted by their spaces (one memchr pass; a double space counts twice).
        let words = memchr::memchr_iter(b' ', line.trim().as_bytes()).count() + 1;
        self.lines += 1;
        self.words += words;
        words <= FRONT_LINE_WORDS && self.lines <= FRONT_LINES && self.words <= FRONT_WORDS
    }
}

/// Whether dateline `d` (read in `text`) is a transcript's speaker label rather than a place:
/// the colon form ("NEW DELHI: …") with a given name first ("KATE ROWE: Why not?").
pub fn is_speaker_label(d: &Dateline, text: &str, grammar: &Grammar) -> bool {
    let colon = d.span.of(text).trim_end().ends_with(':');
    let first = d.place.of(text).split(' ').next().unwrap_or("");
    colon
        && (grammar
            .tags_of(&first.to_lowercase())
            .iter()
            .any(|t| matches!(t, Tag::FirstName(_)))
            || super::labels::near_label(text, d.span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_datelines() {
        let t = "OSLO, Feb 2 (Nordic Wire) - The minister said.";
        let d = parse(t, 0).unwrap();
        assert_eq!(d.outlet.unwrap().of(t), "Nordic Wire");
        assert_eq!(d.place.of(t), "OSLO");
        assert_eq!(&t[d.span.end..], " The minister said.");
        let t = "Lima, May 4 (Andes Press) The talks began.";
        assert_eq!(parse(t, 10).unwrap().outlet.unwrap().start, 10 + 13);
        assert!(parse("LAGOS — Officials said.", 0)
            .unwrap()
            .outlet
            .is_none());
        // An Indian paper's dateline ends with a colon.
        let t = "NEW DELHI: The court said.";
        assert_eq!(parse(t, 0).unwrap().place.of(t), "NEW DELHI");
        assert!(parse("The Minister said (quietly) that.", 0).is_none());
        assert!(parse("Smith said.", 0).is_none());
        let t = "KYIV, Ukraine (Wire) — Drones struck overnight.";
        assert_eq!(parse(t, 0).unwrap().outlet.unwrap().of(t), "Wire");
        let t = "SPRINGFIELD, Ill., May 2 (Prairie Wire) - The vote passed.";
        assert_eq!(parse(t, 0).unwrap().outlet.unwrap().of(t), "Prairie Wire");
        let t = "THE HAGUE, Netherlands (Wire) — Judges ruled.";
        assert_eq!(parse(t, 0).unwrap().place.of(t), "THE HAGUE");
        assert!(parse("Geneva (Alpine Wire) - Talks resumed.", 0).is_some());
        // A name and its short form open a sentence.
        assert!(parse(
            "The World Meteorological Organization (WMO) warned that it was hot.",
            0
        )
        .is_none());
        assert!(parse("Northgate Foods (NF) said profits fell.", 0).is_none());
    }

    /// A headline, a standfirst and summary bullets may come before a dateline; a paragraph of
    /// copy may not, nor more than a few lines.
    #[test]
    fn front_matter_before_a_dateline() {
        let mut f = Front::default();
        assert!(f.admit("Ferry workers walk out on first day of strike"));
        assert!(f.admit("- Crews want shorter shifts."));
        assert!(f.admit("The island's only car ferry has not missed a sailing in 19 years."));
        assert!(!f.admit(&"copy ".repeat(41)));
        let mut f = Front::default();
        for _ in 0..FRONT_LINES {
            assert!(f.admit("Key points"));
        }
        assert!(!f.admit("Key points"));
    }

    /// The colon form with a given name first is a transcript's speaker label.
    #[test]
    fn speaker_labels_are_not_datelines() {
        let g = Grammar::builtin();
        let t = "KATE ROWE: Why not debate?";
        let d = parse(t, 0).unwrap();
        assert!(is_speaker_label(&d, t, g));
        let t = "NEW DELHI: The court said.";
        assert!(!is_speaker_label(&parse(t, 0).unwrap(), t, g));
        let t = "CHARLOTTE - The wife of the driver spoke.";
        assert!(!is_speaker_label(&parse(t, 0).unwrap(), t, g));
        // A label in capitals on a line after it: a transcript.
        let t = "HOLLOWAY: Were they blindsided?\n\nOKAFOR-LIND: Look, I understand.";
        assert!(is_speaker_label(&parse(t, 0).unwrap(), t, g));
        let t = "NEW DELHI: The court said.\n\nThe ruling: a fine.";
        assert!(!is_speaker_label(&parse(t, 0).unwrap(), t, g));
    }

    /// The byte prefilter passes every dateline the parser reads, and turns away plain
    /// paragraphs.
    #[test]
    fn prefilter_passes_datelines() {
        for t in [
            "OSLO, Feb 2 (Nordic Wire) - The minister said.",
            "Lima, May 4 (Andes Press) The talks began.",
            "LAGOS — Officials said.",
            "ZÜRICH (Alpine Wire) — Banks rallied.",
            "São Paulo, May 4 (Wire) - Rain.",
        ] {
            assert!(parse(t, 0).is_some(), "{t}");
            assert!(may_open(t.as_bytes()), "{t}");
        }
        for t in [
            "The minister said on Monday that talks would resume.",
            "\"We are ready,\" she said.",
            "officials said",
            "Smith said.",
        ] {
            assert!(!may_open(t.as_bytes()), "{t}");
        }
    }
}
