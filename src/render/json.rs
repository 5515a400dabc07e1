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

/// Writes `{"<key>": <label>, …report}` as one compact line, then a newline: the same bytes as
/// [`write_line`] of a [`Labelled`], without going through serde's flatten (a map serializer)
/// and with no allocation. Serialise into a `Vec<u8>` and write it in one call for speed.
pub fn write_labelled_line<W: std::io::Write, L: Serialize + ?Sized>(out: &mut W, key: &str, label: &L, report: &Report) -> std::io::Result<()> {
    out.write_all(b"{")?;
    serde_json::to_writer(&mut *out, key).map_err(std::io::Error::other)?;
    out.write_all(b":")?;
    serde_json::to_writer(&mut *out, label).map_err(std::io::Error::other)?;
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, AfterLabel { state: AfterLabelState::Start });
    report.serialize(&mut ser).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AfterLabelState {
    /// The report's opening brace is still to come: it is already written.
    Start,
    /// The report's first key is next: it follows the label, so it takes a comma.
    FirstKey,
    /// Everything else is compact JSON.
    Rest,
}

/// A compact formatter for a report written after a label entry: its opening brace is dropped
/// and its first key gets the separating comma.
struct AfterLabel {
    state: AfterLabelState,
}

impl serde_json::ser::Formatter for AfterLabel {
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        if self.state == AfterLabelState::Start {
            self.state = AfterLabelState::FirstKey;
            return Ok(());
        }
        writer.write_all(b"{")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, first: bool) -> std::io::Result<()> {
        if self.state == AfterLabelState::FirstKey {
            self.state = AfterLabelState::Rest;
            return writer.write_all(b",");
        }
        if first {
            Ok(())
        } else {
            writer.write_all(b",")
        }
    }
}

/// Writes `value` pretty-printed, then a newline.
pub fn write_pretty<W: std::io::Write, T: Serialize>(out: &mut W, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_line_is_the_flattened_record() {
        let texts = ["", "\"We will rebuild,\" Mayor Ana Ruiz said on Monday.", "OSLO (Nordic Wire) - \"Yes,\" he said. \"No\" she said\n\n\"unclosed"];
        let ids = [serde_json::json!("doc-1"), serde_json::json!(7), serde_json::Value::Null, serde_json::json!({"a": [1, "x\"y"]})];
        for t in texts {
            let report = crate::analyze(t);
            for id in &ids {
                let mut want = Vec::new();
                write_line(&mut want, &Labelled { label: Id { id }, report: &report }).unwrap();
                let mut got = Vec::new();
                write_labelled_line(&mut got, "id", id, &report).unwrap();
                assert_eq!(String::from_utf8(got).unwrap(), String::from_utf8(want).unwrap());
            }
            let mut want = Vec::new();
            write_line(&mut want, &Labelled { label: PathLabel { path: "a/\"b\".txt" }, report: &report }).unwrap();
            let mut got = Vec::new();
            write_labelled_line(&mut got, "path", "a/\"b\".txt", &report).unwrap();
            assert_eq!(got, want);
        }
    }
}
