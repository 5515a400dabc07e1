//! JSON Lines input: one record per line, `{"id": …, "text": "…"}` (other fields ignored).
//! `quotecheck extract --jsonl` reads each line with [`parse_line`].
//!
//! ```
//! let r = quotecheck::jsonl::parse_line(r#"{"id": 7, "text": "\"Yes,\" she said."}"#).unwrap();
//! assert_eq!(r.id, serde_json::json!(7));
//! assert_eq!(r.text, "\"Yes,\" she said.");
//! ```

use serde::Deserialize;

/// One input record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The record's `id` as given (any JSON value), or `null` when it has none.
    pub id: serde_json::Value,
    /// The text to analyse.
    pub text: String,
}

/// Why a line is not a record.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RecordError {
    /// Not a JSON object with a string or absent `text` (the parser's message).
    #[error("malformed JSON: {0}")]
    Malformed(String),
    /// A JSON object without `text`; its id (or `null`) is kept for the error record.
    #[error("missing \"text\" field (a string)")]
    MissingText(serde_json::Value),
}

#[derive(Deserialize)]
struct Raw {
    id: Option<serde_json::Value>,
    text: Option<String>,
}

/// Parses one line of JSON Lines input (without or with its line break).
pub fn parse_line(line: &str) -> Result<Record, RecordError> {
    let raw: Raw = serde_json::from_str(line).map_err(|e| RecordError::Malformed(e.to_string()))?;
    let id = raw.id.unwrap_or(serde_json::Value::Null);
    match raw.text {
        Some(text) => Ok(Record { id, text }),
        None => Err(RecordError::MissingText(id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_errors() {
        assert_eq!(parse_line("{\"text\": \"a\"}\n"), Ok(Record { id: serde_json::Value::Null, text: "a".into() }));
        assert_eq!(parse_line("{\"id\": \"x\"}"), Err(RecordError::MissingText(serde_json::json!("x"))));
        assert!(matches!(parse_line("{\"text\": 3}"), Err(RecordError::Malformed(_))));
        assert!(matches!(parse_line("[1]"), Err(RecordError::Malformed(_))));
    }
}
