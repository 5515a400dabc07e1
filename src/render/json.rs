//! JSON and JSON Lines output of reports.

use serde::Serialize;

use crate::report::Report;

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
    pub id: &'a serde_json::Value,
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
    pub id: Option<&'a serde_json::Value>,
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

/// Writes `value` pretty-printed, then a newline.
pub fn write_pretty<W: std::io::Write, T: Serialize>(out: &mut W, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}
