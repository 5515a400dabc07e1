//! JSON and JSON Lines output of reports.

use serde::Serialize;

use crate::report::{
    Anonymity, ChainLink, ChainRole, Construction, Cue, DatelineInfo, Diagnostic, Entity,
    EntityKind, Excerpt, Furniture, FurnitureKind, Gender, Mention, MentionKind, Quote, QuoteKind,
    Report, Speaker, Stance,
};
use crate::span::Span;

/// A report with the name of its input: `{"id": …, …report}` or `{"path": …, …report}`.
#[derive(Serialize)]
pub struct Labelled<'a, L: Serialize> {
    /// The label's key and value are flattened in front of the report's fields.
    #[serde(flatten)]
    pub label: L,
    /// The report.
    #[serde(flatten)]
    pub report: &'a Report,
}

/// `{"id": …}` label for JSON Lines records.
#[derive(Serialize)]
pub struct Id<'a> {
    /// The input record's id, as given.
    pub id: &'a crate::jsonl::RawId,
}

/// `{"path": …}` label for files.
#[derive(Serialize)]
pub struct PathLabel<'a> {
    /// The file, or `-` for standard input.
    pub path: &'a str,
}

/// An error record in a JSON Lines stream: the input line number and what was wrong.
#[derive(Serialize)]
pub struct ErrorRecord<'a> {
    /// The input record's id, when it could be read.
    pub id: Option<&'a crate::jsonl::RawId>,
    /// The input file, when a run reads several (`-` for standard input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    /// 1-based input line.
    pub line: usize,
    /// What was wrong.
    pub error: String,
}

/// Writes `value` as one compact line.
pub fn write_line<W: std::io::Write, T: Serialize>(out: &mut W, value: &T) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// Appends `{"<key>": <label>, …report}` and a newline to `out`: the same bytes as
/// [`write_line`] of a [`Labelled`]. The label is written by `serde_json`, the report by
/// [`write_report`]'s hand-written writer.
pub fn write_labelled_line<L: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    key: &str,
    label: &L,
    report: &Report,
) -> std::io::Result<()> {
    label_head(out, key, label)?;
    report_rest(out, report);
    out.push(b'\n');
    Ok(())
}

/// Writes `value` pretty-printed, then a newline.
pub fn write_pretty<W: std::io::Write, T: Serialize>(
    out: &mut W,
    value: &T,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// [`write_pretty`] of `head` (a report without its quotes, labelled or not: `report`) with
/// `quotes` in its `quotes` array, written as each quote comes (serialised alone, indented as
/// the whole would be) into `sink` (buffered by the caller): the same bytes as the whole report
/// pretty-printed, without holding its quotes or its JSON. The report's last field, after the
/// quotes, is its diagnostics.
pub fn write_pretty_stream<W: std::io::Write + ?Sized, T: Serialize>(
    sink: &mut W,
    head: &T,
    report: &Report,
    quotes: &mut dyn Iterator<Item = Quote>,
) -> std::io::Result<()> {
    // The head up to its empty quotes array's opening bracket; the serialiser is stopped there.
    let mut before = std::io::BufWriter::with_capacity(
        1 << 13,
        UpToQuotes {
            sink: &mut *sink,
            matched: 0,
            found: false,
        },
    );
    let r = serde_json::to_writer_pretty(&mut before, head).and_then(|()| {
        use std::io::Write;
        before.flush().map_err(serde_json::Error::io)
    });
    let found = before.get_ref().found;
    drop(before);
    if !found {
        r.map_err(std::io::Error::from)?;
        // (No `quotes` key: nothing to put in it.)
        return sink.write_all(b"\n");
    }
    let mut first = true;
    for q in quotes {
        sink.write_all(if first { b"\n    " } else { b",\n    " })?;
        first = false;
        pretty_at(&mut *sink, &q, 2)?;
    }
    if !first {
        sink.write_all(b"\n  ")?;
    }
    sink.write_all(b"],\n  \"diagnostics\": ")?;
    pretty_at(&mut *sink, &report.diagnostics, 1)?;
    sink.write_all(b"\n}\n")
}

/// Appends `value` pretty-printed as it stands `level` levels in.
fn pretty_at<W: std::io::Write + ?Sized, T: Serialize>(
    out: &mut W,
    value: &T,
    level: usize,
) -> std::io::Result<()> {
    let f = PrettyAt {
        level,
        has_value: false,
    };
    let mut ser = serde_json::Serializer::with_formatter(out, f);
    value.serialize(&mut ser).map_err(std::io::Error::from)
}

/// `serde_json`'s pretty formatter (two spaces a level), starting `level` levels in.
struct PrettyAt {
    level: usize,
    has_value: bool,
}

impl PrettyAt {
    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b)
    }

    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, b: &[u8]) -> std::io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for PrettyAt {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A writer passing on a pretty-printed report up to its empty quotes array's opening bracket
/// (the report's own `quotes` key, one level in: in a string a quotation mark is escaped, and no
/// other object has the key), then failing, which stops the serialiser.
struct UpToQuotes<'w, W: ?Sized> {
    sink: &'w mut W,
    /// How many bytes of [`UpToQuotes::KEY`] the text just written ends with.
    matched: usize,
    /// The key was written.
    found: bool,
}

impl<W: ?Sized> UpToQuotes<'_, W> {
    /// The empty array's key and opening bracket, as the pretty printer writes them.
    const KEY: &'static [u8] = b"\n  \"quotes\": [";
}

impl<W: std::io::Write + ?Sized> std::io::Write for UpToQuotes<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.found {
            return Err(std::io::Error::other("the quotes are reached"));
        }
        let mut end = buf.len();
        let mut i = 0;
        while let Some(&b) = buf.get(i) {
            if self.matched == 0 {
                // (The key starts at a line break: the bytes before the next are passed over.)
                match memchr::memchr(b'\n', buf.get(i..).unwrap_or_default()) {
                    Some(k) => i += k,
                    None => break,
                }
            }
            let b = buf.get(i).copied().unwrap_or(b);
            self.matched = if Self::KEY.get(self.matched) == Some(&b) {
                self.matched + 1
            } else {
                usize::from(b == b'\n')
            };
            i += 1;
            if self.matched == Self::KEY.len() {
                self.found = true;
                end = i;
                break;
            }
        }
        self.sink.write_all(buf.get(..end).unwrap_or_default())?;
        Ok(end)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.sink.flush()
    }
}

/// Appends the compact JSON of `report` to `out`: exactly the bytes `serde_json::to_vec(report)`
/// gives (field order, `null` for `None`, the enums' serde names, `serde_json`'s string
/// escapes), several times faster. It walks the report's structs by hand instead of through
/// their `Serialize` derives, so it must follow every change to `src/report.rs`: the test
/// `hand_writer_matches_serde_json` compares the two on every fixture and on hand-made reports
/// that fill the fields analysis rarely does.
pub fn write_report(out: &mut Vec<u8>, report: &Report) {
    out.extend_from_slice(b"{\"schema_version\":");
    report_rest(out, report);
}

// The hand writer. Each function writes one struct; constant text between two values (a
// closing brace, a comma, the next key, an enum's name) is one `extend_from_slice` of a
// constant, which compiles to a few stores. A function named `…_rest` continues a value whose
// first bytes its caller wrote.

/// Upper bound of the bytes of a number.
const NUM: usize = 20;

/// The report after `{"schema_version":` (or the label's `,"schema_version":`).
fn report_rest(out: &mut Vec<u8>, r: &Report) {
    report_to_quotes(out, r);
    seq(out, &r.quotes, quote);
    report_after_quotes(out, r);
}

/// How much of a streamed report [`write_labelled_stream`] gathers before it writes it.
const STREAM_BUFFER: usize = 1 << 16;

/// Writes `{"<key>": <label>, …report}` and a newline to `sink`, the report being `head` with
/// the quotes of `quotes` (in order; `each` sees every one as it is written): the same bytes as
/// [`write_labelled_line`] of the whole report, without holding its quotes (a quote is written
/// and dropped before the next is made) or its JSON (written a buffer at a time).
pub fn write_labelled_stream<L: Serialize + ?Sized>(
    sink: &mut dyn std::io::Write,
    key: &str,
    label: &L,
    head: &Report,
    quotes: &mut dyn Iterator<Item = Quote>,
    each: impl FnMut(&Quote),
) -> std::io::Result<()> {
    let mut out = Vec::with_capacity(STREAM_BUFFER + 4096);
    let spill = |out: &mut Vec<u8>| {
        if out.len() >= STREAM_BUFFER {
            sink.write_all(out)?;
            out.clear();
        }
        Ok(())
    };
    labelled_stream(&mut out, key, label, head, quotes, each, spill)?;
    sink.write_all(&out)
}

/// [`write_labelled_stream`] appending to `out`: the report's JSON is held, not its quotes.
/// `spill` is called after each quote (to move `out`'s bytes elsewhere before it grows).
pub fn append_labelled_stream<L: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    key: &str,
    label: &L,
    head: &Report,
    quotes: &mut dyn Iterator<Item = Quote>,
    each: impl FnMut(&Quote),
    mut spill: impl FnMut(&mut Vec<u8>),
) -> std::io::Result<()> {
    labelled_stream(out, key, label, head, quotes, each, |out| {
        spill(out);
        Ok(())
    })
}

/// The opening of a labelled record: `{"KEY":LABEL,"schema_version":`.
fn label_head<L: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    key: &str,
    label: &L,
) -> std::io::Result<()> {
    out.extend_from_slice(b"{");
    write_str(out, key);
    out.push(b':');
    serde_json::to_writer(&mut *out, label).map_err(std::io::Error::other)?;
    out.extend_from_slice(b",\"schema_version\":");
    Ok(())
}

/// The body of [`write_labelled_stream`]: `spill` is called after each quote.
fn labelled_stream<L: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    key: &str,
    label: &L,
    head: &Report,
    quotes: &mut dyn Iterator<Item = Quote>,
    mut each: impl FnMut(&Quote),
    mut spill: impl FnMut(&mut Vec<u8>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    label_head(out, key, label)?;
    report_to_quotes(out, head);
    for (i, q) in quotes.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        quote(out, &q);
        each(&q);
        spill(out)?;
    }
    report_after_quotes(out, head);
    out.push(b'\n');
    Ok(())
}

/// The report after `{"schema_version":`, through `"quotes":[`.
fn report_to_quotes(out: &mut Vec<u8>, r: &Report) {
    write_u64(out, u64::from(r.schema_version));
    match &r.dateline {
        None => out.extend_from_slice(b",\"dateline\":null"),
        Some(d) => {
            out.extend_from_slice(b",\"dateline\":");
            dateline(out, d);
        }
    }
    // Left out when empty (`skip_serializing_if`).
    if !r.furniture.is_empty() {
        out.extend_from_slice(b",\"furniture\":[");
        seq(out, &r.furniture, furniture);
        out.push(b']');
    }
    out.extend_from_slice(b",\"entities\":[");
    seq(out, &r.entities, entity);
    out.extend_from_slice(b"],\"quotes\":[");
}

/// The report after its quotes, from `]`.
fn report_after_quotes(out: &mut Vec<u8>, r: &Report) {
    out.extend_from_slice(b"],\"diagnostics\":[");
    seq(out, &r.diagnostics, diagnostic);
    out.extend_from_slice(b"]}");
}

/// The elements of `items`, comma-separated (without the brackets).
#[inline(always)]
fn seq<T>(out: &mut Vec<u8>, items: &[T], mut one: impl FnMut(&mut Vec<u8>, &T)) {
    let mut it = items.iter();
    if let Some(first) = it.next() {
        one(out, first);
        for x in it {
            out.push(b',');
            one(out, x);
        }
    }
}

/// `"…"`, or `null`.
#[inline(always)]
fn opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A number, or `null`.
#[inline(always)]
fn opt_usize(out: &mut Vec<u8>, n: Option<usize>) {
    match n {
        Some(n) => write_usize(out, n),
        None => out.extend_from_slice(b"null"),
    }
}

/// `start,"end":end}`: a span after its `{"start":`.
#[inline(always)]
fn span_rest(out: &mut Vec<u8>, s: &Span) {
    write_usize(out, s.start);
    out.extend_from_slice(b",\"end\":");
    write_usize(out, s.end);
    out.push(b'}');
}

fn dateline(out: &mut Vec<u8>, d: &DatelineInfo) {
    out.reserve(64 + 2 * NUM + d.place.len() + d.outlet.as_ref().map_or(0, String::len));
    out.extend_from_slice(b"{\"span\":{\"start\":");
    span_rest(out, &d.span);
    out.extend_from_slice(b",\"place\":");
    write_str(out, &d.place);
    out.extend_from_slice(b",\"outlet\":");
    opt_str(out, d.outlet.as_deref());
    out.push(b'}');
}

fn furniture(out: &mut Vec<u8>, f: &Furniture) {
    out.reserve(64 + 2 * NUM);
    out.extend_from_slice(b"{\"span\":{\"start\":");
    span_rest(out, &f.span);
    out.extend_from_slice(match f.kind {
        FurnitureKind::Advertisement => b",\"kind\":\"advertisement\"}",
        FurnitureKind::Byline => b",\"kind\":\"byline\"}",
        FurnitureKind::Caption => b",\"kind\":\"caption\"}",
        FurnitureKind::Comments => b",\"kind\":\"comments\"}",
        FurnitureKind::Copyright => b",\"kind\":\"copyright\"}",
        FurnitureKind::Credit => b",\"kind\":\"credit\"}",
        FurnitureKind::Headline => b",\"kind\":\"headline\"}",
        FurnitureKind::Newsletter => b",\"kind\":\"newsletter\"}",
        FurnitureKind::Share => b",\"kind\":\"share\"}",
        FurnitureKind::Subhead => b",\"kind\":\"subhead\"}",
        FurnitureKind::Subscription => b",\"kind\":\"subscription\"}",
        FurnitureKind::Teaser => b",\"kind\":\"teaser\"}",
        FurnitureKind::Timestamp => b",\"kind\":\"timestamp\"}",
    });
}

fn entity(out: &mut Vec<u8>, e: &Entity) {
    out.reserve(256 + NUM + e.name.len() + e.titles.iter().map(|t| t.len() + 3).sum::<usize>());
    out.extend_from_slice(b"{\"id\":");
    write_usize(out, e.id);
    out.extend_from_slice(b",\"name\":");
    write_str(out, &e.name);
    out.extend_from_slice(match e.kind {
        EntityKind::Person => b",\"kind\":\"person\",\"titles\":[",
        EntityKind::Organisation => b",\"kind\":\"organisation\",\"titles\":[",
        EntityKind::Anonymous => b",\"kind\":\"anonymous\",\"titles\":[",
        EntityKind::Group => b",\"kind\":\"group\",\"titles\":[",
        EntityKind::Document => b",\"kind\":\"document\",\"titles\":[",
    });
    seq(out, &e.titles, |out, t| write_str(out, t));
    out.extend_from_slice(match e.gender {
        None => b"],\"gender\":null,\"anonymous\":",
        Some(Gender::Male) => b"],\"gender\":\"male\",\"anonymous\":",
        Some(Gender::Female) => b"],\"gender\":\"female\",\"anonymous\":",
    });
    out.extend_from_slice(match (e.anonymous, e.vague) {
        (false, false) => b"false,\"vague\":false,\"anonymity_reason\":",
        (false, true) => b"false,\"vague\":true,\"anonymity_reason\":",
        (true, false) => b"true,\"vague\":false,\"anonymity_reason\":",
        (true, true) => b"true,\"vague\":true,\"anonymity_reason\":",
    });
    if e.anonymity_reason.is_none() && e.anonymity_request.is_none() {
        out.extend_from_slice(b"null,\"anonymity_request\":null,\"mentions\":[");
    } else {
        opt_excerpt(out, e.anonymity_reason.as_deref());
        out.extend_from_slice(b",\"anonymity_request\":");
        opt_excerpt(out, e.anonymity_request.as_deref());
        out.extend_from_slice(b",\"mentions\":[");
    }
    seq(out, &e.mentions, mention);
    out.extend_from_slice(b"]}");
}

fn mention(out: &mut Vec<u8>, m: &Mention) {
    out.reserve(64 + 2 * NUM + m.text.len());
    out.extend_from_slice(b"{\"span\":{\"start\":");
    span_rest(out, &m.span);
    out.extend_from_slice(b",\"text\":");
    write_str(out, &m.text);
    out.extend_from_slice(match m.kind {
        MentionKind::Name => b",\"kind\":\"name\"}",
        MentionKind::Pronoun => b",\"kind\":\"pronoun\"}",
        MentionKind::Role => b",\"kind\":\"role\"}",
    });
}

/// An excerpt, or `null`.
fn opt_excerpt(out: &mut Vec<u8>, x: Option<&Excerpt>) {
    let Some(x) = x else {
        out.extend_from_slice(b"null");
        return;
    };
    out.reserve(48 + 2 * NUM + x.text.len());
    out.extend_from_slice(b"{\"span\":{\"start\":");
    span_rest(out, &x.span);
    out.extend_from_slice(b",\"text\":");
    write_str(out, &x.text);
    out.push(b'}');
}

fn quote(out: &mut Vec<u8>, q: &Quote) {
    out.reserve(256 + 5 * NUM + q.text.len());
    out.extend_from_slice(b"{\"id\":");
    write_usize(out, q.id);
    out.extend_from_slice(match q.kind {
        QuoteKind::Direct => b",\"kind\":\"direct\",\"content\":{\"start\":",
        QuoteKind::Partial => b",\"kind\":\"partial\",\"content\":{\"start\":",
        QuoteKind::Indirect => b",\"kind\":\"indirect\",\"content\":{\"start\":",
        QuoteKind::Belief => b",\"kind\":\"belief\",\"content\":{\"start\":",
        QuoteKind::Title => b",\"kind\":\"title\",\"content\":{\"start\":",
        QuoteKind::Scare => b",\"kind\":\"scare\",\"content\":{\"start\":",
    });
    span_rest(out, &q.content);
    out.extend_from_slice(b",\"text\":");
    write_str(out, &q.text);
    // A `null` is written with the key after it.
    match &q.cue {
        Some(c) => {
            out.extend_from_slice(b",\"cue\":");
            cue(out, c);
            out.extend_from_slice(b",\"speaker\":");
        }
        None => out.extend_from_slice(b",\"cue\":null,\"speaker\":"),
    }
    match &q.speaker {
        Some(s) => {
            speaker(out, s);
            out.extend_from_slice(b",\"anonymity\":");
        }
        None => out.extend_from_slice(b"null,\"anonymity\":"),
    }
    match &q.anonymity {
        Some(a) => {
            anonymity(out, a);
            out.extend_from_slice(b",\"chain\":[");
        }
        None => out.extend_from_slice(b"null,\"chain\":["),
    }
    seq(out, &q.chain, chain_link);
    out.extend_from_slice(b"],\"paragraph\":");
    write_usize(out, q.paragraph as usize);
    match q.continues {
        Some(n) => {
            out.extend_from_slice(b",\"continues\":");
            write_usize(out, n as usize);
            out.push(b'}');
        }
        None => out.extend_from_slice(b",\"continues\":null}"),
    }
}

fn cue(out: &mut Vec<u8>, c: &Cue) {
    out.reserve(128 + 2 * NUM + c.text.len() + c.lemma.as_ref().map_or(0, String::len));
    out.extend_from_slice(b"{\"span\":{\"start\":");
    span_rest(out, &c.span);
    out.extend_from_slice(b",\"text\":");
    write_str(out, &c.text);
    out.extend_from_slice(b",\"lemma\":");
    opt_str(out, c.lemma.as_deref());
    out.extend_from_slice(match c.stance {
        Stance::Neutral => b",\"stance\":\"neutral\",\"construction\":",
        Stance::Loaded => b",\"stance\":\"loaded\",\"construction\":",
    });
    out.extend_from_slice(match c.construction {
        Construction::Verb => b"\"verb\"}",
        Construction::Inverted => b"\"inverted\"}",
        Construction::Postposed => b"\"postposed\"}",
        Construction::Parenthetical => b"\"parenthetical\"}",
        Construction::Relative => b"\"relative\"}",
        Construction::Coordinated => b"\"coordinated\"}",
        Construction::AsClause => b"\"as-clause\"}",
        Construction::QuotedAs => b"\"quoted-as\"}",
        Construction::Participle => b"\"participle\"}",
        Construction::According => b"\"according\"}",
        Construction::ReportedBy => b"\"reported-by\"}",
        Construction::Citing => b"\"citing\"}",
        Construction::Noun => b"\"noun\"}",
        Construction::Colon => b"\"colon\"}",
        Construction::Floating => b"\"floating\"}",
        Construction::Continuation => b"\"continuation\"}",
    });
}

fn speaker(out: &mut Vec<u8>, s: &Speaker) {
    out.reserve(96 + 3 * NUM + s.name.len() + s.mention_text.len());
    out.extend_from_slice(b"{\"entity\":");
    write_usize(out, s.entity);
    out.extend_from_slice(b",\"name\":");
    write_str(out, &s.name);
    out.extend_from_slice(if s.anonymous {
        b",\"anonymous\":true,\"mention\":{\"start\":"
    } else {
        b",\"anonymous\":false,\"mention\":{\"start\":"
    });
    span_rest(out, &s.mention);
    out.extend_from_slice(b",\"mention_text\":");
    write_str(out, &s.mention_text);
    out.push(b'}');
}

fn anonymity(out: &mut Vec<u8>, a: &Anonymity) {
    out.reserve(48 + a.descriptor.len());
    out.extend_from_slice(b"{\"descriptor\":");
    write_str(out, &a.descriptor);
    out.extend_from_slice(b",\"reason\":");
    opt_excerpt(out, a.reason.as_ref());
    out.extend_from_slice(b",\"request\":");
    opt_excerpt(out, a.request.as_ref());
    out.push(b'}');
}

fn chain_link(out: &mut Vec<u8>, l: &ChainLink) {
    out.reserve(96 + 3 * NUM + l.name.len());
    out.extend_from_slice(b"{\"name\":");
    write_str(out, &l.name);
    out.extend_from_slice(b",\"entity\":");
    opt_usize(out, l.entity);
    out.extend_from_slice(match l.role {
        ChainRole::Relay => b",\"role\":\"relay\",\"span\":",
        ChainRole::Outlet => b",\"role\":\"outlet\",\"span\":",
        ChainRole::Publisher => b",\"role\":\"publisher\",\"span\":",
    });
    match &l.span {
        Some(s) => {
            out.extend_from_slice(b"{\"start\":");
            span_rest(out, s);
            out.push(b'}');
        }
        None => out.extend_from_slice(b"null}"),
    }
}

fn diagnostic(out: &mut Vec<u8>, d: &Diagnostic) {
    out.reserve(64 + 2 * NUM + d.code.len() + d.message.len());
    out.extend_from_slice(b"{\"code\":");
    write_str(out, &d.code);
    out.extend_from_slice(b",\"message\":");
    write_str(out, &d.message);
    out.extend_from_slice(b",\"span\":{\"start\":");
    span_rest(out, &d.span);
    out.push(b'}');
}

/// Appends the decimal digits of `v`.
#[inline(always)]
fn write_usize(out: &mut Vec<u8>, v: usize) {
    write_u64(out, v as u64);
}

/// Appends the decimal digits of `v`. Numbers below 10^8 (every offset into a text under
/// 100 MB) take no loop: their eight digits are computed at once ([`digits8`]), appended as
/// one word, and the leading zeros dropped.
#[inline(always)]
fn write_u64(out: &mut Vec<u8>, v: u64) {
    if v < E8 {
        let d = digits8(v as u32);
        // Leading zero digits are the low zero bytes; a zero keeps its last digit.
        let zeros = (d.trailing_zeros() / 8).min(7);
        append_word(out, (d | ASCII_ZEROS) >> (8 * zeros), 8 - zeros as usize);
    } else {
        write_big(out, v);
    }
}

/// 10^8.
const E8: u64 = 100_000_000;

/// `'0'` in every byte.
const ASCII_ZEROS: u64 = u64::from_le_bytes([b'0'; 8]);

/// [`write_u64`] of a number of nine digits or more: the digits above the last eight, then
/// those eight, zero-padded.
#[cold]
fn write_big(out: &mut Vec<u8>, v: u64) {
    write_u64(out, v / E8);
    append_word(out, digits8((v % E8) as u32) | ASCII_ZEROS, 8);
}

/// Appends the first `n` (at most 8) bytes of `w`, lowest first: all eight are copied (one
/// store) and the rest cut off.
#[inline(always)]
fn append_word(out: &mut Vec<u8>, w: u64, n: usize) {
    let len = out.len();
    out.extend_from_slice(&w.to_le_bytes());
    out.truncate(len + n);
}

/// The eight decimal digits of `v` (below 10^8) as byte values 0 to 9, the most significant in
/// the lowest byte, split in lanes of one word: two lanes of four digits, each divided by 100
/// (a multiply and a shift) into two lanes of two digits, each divided by 10.
#[inline(always)]
fn digits8(v: u32) -> u64 {
    let v = u64::from(v);
    let x = (v / 10_000) | ((v % 10_000) << 32);
    let q = ((x * 5243) >> 19) & 0x0000_007F_0000_007F;
    let x = q | ((x - q * 100) << 16);
    let q = ((x * 103) >> 10) & 0x000F_000F_000F_000F;
    q | ((x - q * 10) << 8)
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether any of the eight bytes of `w` is below 0x20, a `"` or a backslash.
#[inline(always)]
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0;
    // `|`, not `||`: three cheap tests beat two branches.
    below_space | has_zero(w ^ (ONES * u64::from(b'"'))) | has_zero(w ^ (ONES * u64::from(b'\\')))
}

/// The little-endian word of the `N` bytes of `b` from `at` (0 when out of range: a zero byte
/// reads as needing an escape, and the careful path follows).
#[inline(always)]
fn word_at<const N: usize>(b: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    if let (Some(dst), Some(src)) = (w.get_mut(..N), b.get(at..at + N)) {
        dst.copy_from_slice(src);
    }
    u64::from_le_bytes(w)
}

/// Whether any byte of `b` must be escaped, eight bytes at a time. Past the last whole word,
/// the last eight bytes are read again as one word; strings shorter than a word are read as
/// two overlapping halves (4 or 2 bytes) padded with a letter.
#[inline(always)]
fn any_escape(b: &[u8]) -> bool {
    const PAD: u64 = u64::from_le_bytes([b'A'; 8]);
    let n = b.len();
    if n >= 8 {
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            if <[u8; 8]>::try_from(c).is_ok_and(|w| needs_escape(u64::from_le_bytes(w))) {
                return true;
            }
        }
        return !chunks.remainder().is_empty() && needs_escape(word_at::<8>(b, n - 8));
    }
    let w = if n >= 4 {
        word_at::<4>(b, 0) | (word_at::<4>(b, n - 4) << 32)
    } else if n >= 2 {
        (PAD & !0xFFFF_FFFF) | word_at::<2>(b, 0) | (word_at::<2>(b, n - 2) << 16)
    } else if n == 1 {
        (PAD & !0xFF) | word_at::<1>(b, 0)
    } else {
        return false;
    };
    needs_escape(w)
}

/// Appends `s` as a JSON string, escaped as `serde_json` escapes: `\"`, `\\`, `\b`, `\f`, `\n`,
/// `\r`, `\t`, `\u00XX` for the other control characters, everything else as it is.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    if !any_escape(b) {
        out.extend_from_slice(b);
        out.push(b'"');
        return;
    }
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        if c >= 0x20 && c != b'"' && c != b'\\' {
            continue;
        }
        out.extend_from_slice(b.get(run..i).unwrap_or_default());
        run = i + 1;
        match c {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX.get(usize::from(c >> 4)).copied().unwrap_or(b'0'));
                out.push(HEX.get(usize::from(c & 0xF)).copied().unwrap_or(b'0'));
            }
        }
    }
    out.extend_from_slice(b.get(run..).unwrap_or_default());
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all = String::new();
        for c in (0u32..0x80)
            .chain([0xA0, 0x2028, 0x201C, 0x1F600])
            .filter_map(char::from_u32)
        {
            all.push(c);
        }
        let mut cases: Vec<String> = vec![
            String::new(),
            all.clone(),
            "plain ascii text longer than eight".into(),
            "é\"\\\u{7f}".into(),
        ];
        for k in 0..20 {
            cases.push(format!("{}{}", "x".repeat(k), "\"\n\u{1}€"));
        }
        // Every length up to three words, with one byte needing an escape at every position
        // (the word checks, their overlapping tails and the short paddings).
        for n in 0..=24 {
            cases.push("a".repeat(n));
            cases.push("é".repeat(n));
            for p in 0..n {
                for c in [
                    '"', '\\', '\n', '\u{0}', '\u{1f}', '\u{8}', '\u{c}', '\r', '\t', '\u{7f}', ' ',
                ] {
                    let s: String = (0..n).map(|i| if i == p { c } else { 'a' }).collect();
                    cases.push(s);
                }
            }
        }
        for s in cases {
            let mut got = Vec::new();
            write_str(&mut got, &s);
            assert_eq!(
                String::from_utf8(got).unwrap(),
                serde_json::to_string(&s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        let mut values = vec![
            0,
            u64::MAX,
            u64::MAX - 1,
            u64::from(u32::MAX),
            usize::MAX as u64,
        ];
        let mut p = 1u64;
        for _ in 0..20 {
            values.extend([
                p - 1,
                p,
                p.saturating_add(1),
                p.saturating_mul(7),
                p.saturating_mul(9).saturating_add(9),
            ]);
            p = p.saturating_mul(10);
        }
        values.extend(0..2000);
        values.extend((0..64).map(|k| 1u64 << k));
        for v in values {
            let mut got = b"x".to_vec();
            write_u64(&mut got, v);
            assert_eq!(
                String::from_utf8(got).unwrap(),
                format!("x{}", serde_json::to_string(&v).unwrap())
            );
        }
    }

    /// Every `.txt` under `dir`, recursively.
    fn texts(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                texts(&p, found);
            } else if p.extension().is_some_and(|x| x == "txt") {
                found.push(p);
            }
        }
    }

    /// Strings that take every escape, and some that take none.
    const ODD: [&str; 8] = [
        "",
        "a",
        "\"",
        "back\\slash \"quoted\"",
        "tab\there\nnew line\r\u{8}\u{c}",
        "\u{0}\u{1}\u{1f}\u{7f}",
        "é “curly” — 日本 😀",
        "a\u{2028}b",
    ];

    /// The `k`th of [`ODD`], cycling.
    fn odd(k: usize) -> String {
        ODD.get(k % ODD.len())
            .copied()
            .unwrap_or_default()
            .to_string()
    }

    /// A span with numbers of every width, the end `usize::MAX` among them.
    fn span(k: usize) -> Span {
        Span {
            start: k * 37 % 1000,
            end: [0, 9, 10, 99_999, 100_000_000, usize::MAX][k % 6],
        }
    }

    /// An excerpt of [`span`] and [`odd`] text.
    fn excerpt(k: usize) -> Excerpt {
        Excerpt {
            span: span(k),
            text: odd(k),
        }
    }

    /// Twelve entities: every kind, gender and option, with none to three titles and mentions.
    fn made_entities() -> Vec<Entity> {
        let entity_kinds = [
            EntityKind::Person,
            EntityKind::Organisation,
            EntityKind::Anonymous,
            EntityKind::Group,
            EntityKind::Document,
        ];
        let mention_kinds = [MentionKind::Name, MentionKind::Pronoun, MentionKind::Role];
        (0..12)
            .map(|k| Entity {
                id: k,
                name: odd(k),
                kind: entity_kinds[k % 5],
                titles: (0..k % 3).map(|j| odd(k + j)).collect(),
                gender: [None, Some(Gender::Male), Some(Gender::Female)][k % 3],
                anonymous: k % 2 == 0,
                vague: k % 4 < 2,
                anonymity_reason: (k % 3 == 1).then(|| Box::new(excerpt(k))),
                anonymity_request: (k % 4 == 2).then(|| Box::new(excerpt(k + 1))),
                mentions: (0..k % 4)
                    .map(|j| Mention {
                        span: span(k + j),
                        text: odd(k * 3 + j).into(),
                        kind: mention_kinds[(k + j) % 3],
                    })
                    .collect(),
            })
            .collect()
    }

    /// Sixteen quotes: every kind, construction, stance and chain role, each option both ways.
    fn made_quotes() -> Vec<Quote> {
        let quote_kinds = [
            QuoteKind::Direct,
            QuoteKind::Partial,
            QuoteKind::Indirect,
            QuoteKind::Belief,
            QuoteKind::Title,
            QuoteKind::Scare,
        ];
        let constructions = [
            Construction::Verb,
            Construction::Inverted,
            Construction::Postposed,
            Construction::Parenthetical,
            Construction::Relative,
            Construction::Coordinated,
            Construction::AsClause,
            Construction::QuotedAs,
            Construction::Participle,
            Construction::According,
            Construction::ReportedBy,
            Construction::Citing,
            Construction::Noun,
            Construction::Colon,
            Construction::Floating,
            Construction::Continuation,
        ];
        let roles = [ChainRole::Relay, ChainRole::Outlet, ChainRole::Publisher];
        (0..16)
            .map(|k| Quote {
                id: k,
                kind: quote_kinds[k % 5],
                content: span(k),
                text: odd(k + 2).into(),
                cue: (k % 4 != 3).then(|| {
                    Box::new(Cue {
                        span: span(k + 1),
                        text: odd(k),
                        lemma: (k % 2 == 0).then(|| odd(k + 5)),
                        stance: if k % 3 == 0 {
                            Stance::Loaded
                        } else {
                            Stance::Neutral
                        },
                        construction: constructions[k % 8],
                    })
                }),
                speaker: (k % 5 != 4).then(|| {
                    Box::new(Speaker {
                        entity: k,
                        name: odd(k + 1),
                        anonymous: k % 2 == 1,
                        mention: span(k + 3),
                        mention_text: odd(k + 4),
                    })
                }),
                anonymity: (k % 3 != 2).then(|| {
                    Box::new(Anonymity {
                        descriptor: odd(k + 6),
                        reason: (k % 2 == 0).then(|| excerpt(k)),
                        request: (k % 3 == 0).then(|| excerpt(k + 2)),
                    })
                }),
                chain: (0..k % 4)
                    .map(|j| ChainLink {
                        name: odd(k + j),
                        entity: ((k + j) % 2 == 0).then_some(j * 1000),
                        role: roles[(k + j) % 3],
                        span: ((k + j) % 3 != 1).then(|| span(j)),
                    })
                    .collect(),
                paragraph: (k * 100_000_003) as u32,
                continues: (k % 2 == 1).then(|| k as u32 - 1),
            })
            .collect()
    }

    /// One furniture line of every kind.
    fn made_furniture() -> Vec<Furniture> {
        let furniture_kinds = [
            FurnitureKind::Advertisement,
            FurnitureKind::Byline,
            FurnitureKind::Caption,
            FurnitureKind::Comments,
            FurnitureKind::Copyright,
            FurnitureKind::Credit,
            FurnitureKind::Headline,
            FurnitureKind::Newsletter,
            FurnitureKind::Share,
            FurnitureKind::Subhead,
            FurnitureKind::Subscription,
            FurnitureKind::Teaser,
            FurnitureKind::Timestamp,
        ];
        furniture_kinds
            .iter()
            .enumerate()
            .map(|(k, &kind)| Furniture {
                span: span(k),
                kind,
            })
            .collect()
    }

    /// Reports that fill what analysis rarely fills: every enum variant, every option both ways,
    /// empty and long lists, strings needing escapes, numbers of every width.
    fn made_reports() -> Vec<Report> {
        let diagnostics: Vec<Diagnostic> = (0..3)
            .map(|k| Diagnostic {
                code: ["unclosed-quote", "unopened-quote", "x\"y"][k].into(),
                message: odd(k + 3),
                span: span(k),
            })
            .collect();
        let full = Report {
            schema_version: crate::SCHEMA_VERSION,
            dateline: Some(DatelineInfo {
                span: span(1),
                place: "TOKYO".into(),
                outlet: Some("Wire \"News\"".into()),
            }),
            furniture: made_furniture(),
            entities: made_entities(),
            quotes: made_quotes(),
            diagnostics,
        };
        let empty = Report {
            schema_version: u32::MAX,
            dateline: None,
            furniture: vec![],
            entities: vec![],
            quotes: vec![],
            diagnostics: vec![],
        };
        let mut no_outlet = full.clone();
        no_outlet.dateline = Some(DatelineInfo {
            span: span(0),
            place: odd(4),
            outlet: None,
        });
        let mut no_dateline = full.clone();
        no_dateline.dateline = None;
        let mut one_furniture = no_dateline.clone();
        one_furniture.furniture.truncate(1);
        vec![full, empty, no_outlet, no_dateline, one_furniture]
    }

    /// The guard of the hand writer: [`write_report`] and [`write_labelled_line`] write what
    /// `serde_json` writes through the `Serialize` derives of `src/report.rs`, for the report of
    /// every fixture text and for made reports that fill every field both ways. A field added,
    /// renamed or moved in `report.rs` and not in the writer fails here (a new enum variant
    /// already fails to compile).
    #[test]
    fn hand_writer_matches_serde_json() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        texts(&root.join("tests/fixtures"), &mut files);
        files.sort();
        assert!(files.len() >= 20, "fixtures not found: {files:?}");
        let mut reports: Vec<(String, Report)> = files
            .iter()
            .map(|f| {
                (
                    f.display().to_string(),
                    crate::analyze(&std::fs::read_to_string(f).unwrap()),
                )
            })
            .collect();
        for (k, t) in [
            "",
            "\"We will rebuild,\" Mayor Ana Ruiz said on Monday.",
            "OSLO (Nordic Wire) - \"Yes,\" he said. \"No\" she said\n\n\"unclosed",
        ]
        .iter()
        .enumerate()
        {
            reports.push((format!("text {k}"), crate::analyze(t)));
        }
        reports.extend(
            made_reports()
                .into_iter()
                .enumerate()
                .map(|(k, r)| (format!("made report {k}"), r)),
        );
        let ids = [
            "\"doc-1\"",
            "7",
            "null",
            "{\"a\": [1, \"x\\\"y\"]}",
            "1.0e2",
        ]
        .map(|j| crate::jsonl::RawId::from_json(j).unwrap());
        for (name, report) in &reports {
            let mut got = b"previous".to_vec();
            write_report(&mut got, report);
            same(
                got.get(8..).unwrap(),
                &serde_json::to_vec(report).unwrap(),
                name,
            );
            assert!(got.starts_with(b"previous"));
            for id in &ids {
                let mut want = serde_json::to_vec(&Labelled {
                    label: Id { id },
                    report,
                })
                .unwrap();
                want.push(b'\n');
                let mut got = Vec::new();
                write_labelled_line(&mut got, "id", id, report).unwrap();
                same(&got, &want, &format!("{name}, id {}", id.get()));
            }
            // Pretty, written a quote at a time, labelled or not: the whole report pretty-printed.
            let mut head = report.clone();
            let quotes = std::mem::take(&mut head.quotes);
            let (mut want, mut got) = (Vec::new(), Vec::new());
            write_pretty(&mut want, report).unwrap();
            write_pretty_stream(&mut got, &head, &head, &mut quotes.clone().into_iter()).unwrap();
            same(&got, &want, &format!("{name}, pretty"));
            let id = &ids[0];
            let (mut want, mut got) = (Vec::new(), Vec::new());
            write_pretty(
                &mut want,
                &Labelled {
                    label: Id { id },
                    report,
                },
            )
            .unwrap();
            let rec = Labelled {
                label: Id { id },
                report: &head,
            };
            write_pretty_stream(&mut got, &rec, &head, &mut quotes.into_iter()).unwrap();
            same(&got, &want, &format!("{name}, pretty, labelled"));
        }
    }

    /// Asserts `got == want`, showing where they part.
    fn same(got: &[u8], want: &[u8], what: &str) {
        if got != want {
            let at = got.iter().zip(want).take_while(|(a, b)| a == b).count();
            let around = |b: &[u8]| {
                String::from_utf8_lossy(
                    b.get(at.saturating_sub(80)..(at + 80).min(b.len()))
                        .unwrap_or_default(),
                )
                .into_owned()
            };
            panic!("{what}: the hand writer parts from serde_json at byte {at}\n hand:  {}\n serde: {}", around(got), around(want));
        }
    }

    #[test]
    fn labelled_line_is_the_flattened_record() {
        let texts = [
            "",
            "\"We will rebuild,\" Mayor Ana Ruiz said on Monday.",
            "OSLO (Nordic Wire) - \"Yes,\" he said. \"No\" she said\n\n\"unclosed",
        ];
        let ids = [
            "\"doc-1\"",
            "7",
            "null",
            "{\"a\": [1, \"x\\\"y\"]}",
            "1.0e2",
        ]
        .map(|j| crate::jsonl::RawId::from_json(j).unwrap());
        for t in texts {
            let report = crate::analyze(t);
            for id in &ids {
                let mut want = Vec::new();
                write_line(
                    &mut want,
                    &Labelled {
                        label: Id { id },
                        report: &report,
                    },
                )
                .unwrap();
                let mut got = b"previous line\n".to_vec();
                write_labelled_line(&mut got, "id", id, &report).unwrap();
                assert_eq!(
                    String::from_utf8(got).unwrap(),
                    format!("previous line\n{}", String::from_utf8(want).unwrap())
                );
            }
            let mut want = Vec::new();
            write_line(
                &mut want,
                &Labelled {
                    label: PathLabel {
                        path: "a/\"b\".txt",
                    },
                    report: &report,
                },
            )
            .unwrap();
            let mut got = Vec::new();
            write_labelled_line(&mut got, "path", "a/\"b\".txt", &report).unwrap();
            assert_eq!(got, want);
        }
    }

    /// The streamed writers (the quotes made one at a time, `analysis::analyze_stream`) give
    /// the bytes of [`write_labelled_line`] of the whole report, on every fixture read as text
    /// and as Markdown, and each quote as the report has it.
    #[test]
    fn streamed_report_matches_whole_report() {
        use crate::check::{markdown, InputKind};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        texts(&root.join("tests/fixtures"), &mut files);
        files.sort();
        let g = crate::Grammar::builtin();
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            for kind in [InputKind::Text, InputKind::Markdown] {
                let report = markdown::analyze(&text, kind, g);
                let mut want = b"previous".to_vec();
                write_labelled_line(&mut want, "path", "a.txt", &report).unwrap();
                let (mut written, mut appended) = (b"previous".to_vec(), b"previous".to_vec());
                let mut seen = Vec::new();
                markdown::analyze_stream(&text, kind, g, |head, quotes| {
                    write_labelled_stream(&mut written, "path", "a.txt", head, quotes, |q| {
                        seen.push(q.clone())
                    })
                })
                .unwrap();
                markdown::analyze_stream(&text, kind, g, |head, quotes| {
                    append_labelled_stream(
                        &mut appended,
                        "path",
                        "a.txt",
                        head,
                        quotes,
                        |_| {},
                        |_| {},
                    )
                })
                .unwrap();
                assert_eq!(written, want, "{}", f.display());
                assert_eq!(appended, want, "{}", f.display());
                assert_eq!(seen, report.quotes, "{}", f.display());
            }
        }
    }
}
