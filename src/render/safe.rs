//! Text from the input (file names, names, quotes, lines of the document) made safe to print
//! on a terminal or in a CI log.
//!
//! A terminal obeys control characters: an escape sequence (`ESC ] 0 ; title BEL`) can retitle
//! the window, move the cursor or hide text, and a carriage return overwrites what was printed.
//! GitHub Actions reads workflow commands from every line a step prints, on standard output
//! and standard error: a line that starts with `::` (after blanks), or holds `##[` anywhere,
//! is a command (an annotation, `stop-commands`, `add-mask`). So every string from the input
//! goes out through [`line`], which keeps it on one line and turns each control character into
//! the one visible character that stands for it (Unicode's control pictures: `␛` for ESC, `␊`
//! for a line feed), and breaks `##[`. Each character stays one character, so columns still
//! line up under a snippet.

use std::borrow::Cow;

/// `s` made safe to print inside one line: control characters (C0 but tab, DEL, C1, and the
/// line and paragraph separators) become visible stand-ins and `##[` becomes `##［`, one
/// character for one. Borrowed when nothing needed changing (the usual case).
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_change) && !s.contains("##[") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut hashes = 0;
    for c in s.chars() {
        match c {
            '[' if hashes >= 2 => out.push('\u{FF3B}'),
            c if needs_change(c) => out.push(stand_in(c)),
            c => out.push(c),
        }
        hashes = if c == '#' { hashes + 1 } else { 0 };
    }
    Cow::Owned(out)
}

/// Each line of `s` made safe as [`line`] makes it, the line breaks kept, and a line that
/// would start with `::` (after blanks) starting with `∶:` instead: for messages of several
/// lines, such as an error with a snippet of the file.
pub fn lines(s: &str) -> Cow<'_, str> {
    let unsafe_start = |l: &str| l.trim_start().starts_with("::");
    if !s
        .split('\n')
        .any(|l| unsafe_start(l) || matches!(line(l), Cow::Owned(_)))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (k, l) in s.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let safe = line(l);
        let blanks = safe.len() - safe.trim_start().len();
        let (lead, rest) = safe.split_at(blanks);
        out.push_str(lead);
        match rest.strip_prefix(':').filter(|r| r.starts_with(':')) {
            Some(r) => {
                out.push('\u{2236}');
                out.push_str(r);
            }
            None => out.push_str(rest),
        }
    }
    Cow::Owned(out)
}

/// Whether `c` is shown by a stand-in.
fn needs_change(c: char) -> bool {
    (c.is_control() && c != '\t') || c == '\u{2028}' || c == '\u{2029}'
}

/// The visible stand-in of a control character: its control picture (U+2400 + code, `␡` for
/// DEL), or U+FFFD for the others (C1 controls, line and paragraph separators).
fn stand_in(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

/// `s` shortened to at most `max` bytes (at a char boundary) with `…` and the number of bytes
/// left out: a value from a file (a configuration value, a grammar line) quoted in a message
/// need not be quoted whole.
pub fn shorten(s: &str, max: usize) -> Cow<'_, str> {
    if s.len() <= max {
        return Cow::Borrowed(s);
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    Cow::Owned(format!(
        "{}… ({} more bytes)",
        s.get(..cut).unwrap_or(""),
        s.len() - cut
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(line("plain text, “quoted”"), "plain text, “quoted”");
        assert!(matches!(line("plain"), Cow::Borrowed(_)));
        assert_eq!(line("a\u{1b}]0;title\u{7}b"), "a\u{241b}]0;title\u{2407}b");
        assert_eq!(
            line("x\r\ny\u{7f}\u{9b}z\tw"),
            "x\u{240d}\u{240a}y\u{2421}\u{FFFD}z\tw"
        );
        assert_eq!(
            line("a ##[error]b #[c] ###[d"),
            "a ##\u{FF3B}error]b #[c] ###\u{FF3B}d"
        );
        // One char for one.
        let s = "f\n::error file=README.md,line=2::forged\n.md\u{1b}[31m";
        assert_eq!(line(s).chars().count(), s.chars().count());
        assert!(!line(s).contains('\n'));
    }

    #[test]
    fn no_line_starts_a_workflow_command() {
        let s = "quotecheck: bad\n  ::error::forged\r\n::stop-commands::x\nok :: fine";
        let safe = lines(s);
        assert_eq!(
            safe,
            "quotecheck: bad\n  \u{2236}:error::forged\u{240d}\n\u{2236}:stop-commands::x\n\
             ok :: fine"
        );
        for l in safe.lines() {
            assert!(
                !l.trim_start().starts_with("::") && !l.contains("##["),
                "{l:?}"
            );
        }
        assert!(matches!(lines("fine\nlines"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_values_are_shortened() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("ééééé", 5), "éé… (6 more bytes)");
    }
}
