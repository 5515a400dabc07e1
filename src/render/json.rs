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

/// Appends `{"<key>": <label>, …report}` and a newline to `out`: the same bytes as
/// [`write_line`] of a [`Labelled`]. The report is written by a serializer made for this one
/// job (compact JSON appended to a byte vector, strings scanned eight bytes at a time), several
/// times faster than the general one; the label is written by `serde_json`.
pub fn write_labelled_line<L: Serialize + ?Sized>(out: &mut Vec<u8>, key: &str, label: &L, report: &Report) -> std::io::Result<()> {
    let start = out.len();
    out.push(b'{');
    compact::write_str(out, key);
    out.push(b':');
    serde_json::to_writer(&mut *out, label).map_err(std::io::Error::other)?;
    if report.serialize(compact::Compact { out: &mut *out, merge_first: true }).is_err() {
        // Something the compact serializer does not write (a map with non-string keys): the
        // general serializer writes the report, whose opening brace is replaced by the label.
        out.truncate(start);
        let body = serde_json::to_vec(report).map_err(std::io::Error::other)?;
        out.push(b'{');
        compact::write_str(out, key);
        out.push(b':');
        serde_json::to_writer(&mut *out, label).map_err(std::io::Error::other)?;
        out.push(b',');
        out.extend_from_slice(body.get(1..).unwrap_or_default());
    }
    out.push(b'\n');
    Ok(())
}

/// Writes `value` pretty-printed, then a newline.
pub fn write_pretty<W: std::io::Write, T: Serialize>(out: &mut W, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

mod compact {
    //! Compact JSON appended to a `Vec<u8>`, byte for byte what `serde_json::to_writer` writes
    //! for the types of a report (structs, sequences, options, strings, integers, booleans, unit
    //! enums). Floats are written by `serde_json`. Maps with keys other than strings are refused,
    //! and the caller falls back to `serde_json`.

    use serde::ser::{self, Serialize};

    /// A serialization error (only for what this serializer refuses).
    #[derive(Debug)]
    pub struct Error(String);

    impl std::fmt::Display for Error {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl std::error::Error for Error {}

    impl ser::Error for Error {
        fn custom<T: std::fmt::Display>(msg: T) -> Self {
            Error(msg.to_string())
        }
    }

    type Result<T = ()> = std::result::Result<T, Error>;

    /// The serializer. With `merge_first`, the first object it opens is the continuation of
    /// one already open in `out`: its brace is not written and its first key takes a comma.
    pub struct Compact<'o> {
        pub out: &'o mut Vec<u8>,
        pub merge_first: bool,
    }

    impl<'o> Compact<'o> {
        fn reborrow(&mut self) -> Compact<'_> {
            Compact { out: &mut *self.out, merge_first: false }
        }

        fn open_object(self) -> Compound<'o> {
            if self.merge_first {
                Compound { out: self.out, first: false }
            } else {
                self.out.push(b'{');
                Compound { out: self.out, first: true }
            }
        }
    }

    const HEX: &[u8; 16] = b"0123456789abcdef";

    /// Whether any of the eight bytes of `w` is below 0x20, a `"` or a backslash.
    fn needs_escape(w: u64) -> bool {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
        let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0;
        below_space || has_zero(w ^ (ONES * u64::from(b'"'))) || has_zero(w ^ (ONES * u64::from(b'\\')))
    }

    /// Whether any byte of `b` must be escaped, eight bytes at a time.
    fn any_escape(b: &[u8]) -> bool {
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            if <[u8; 8]>::try_from(c).is_ok_and(|w| needs_escape(u64::from_le_bytes(w))) {
                return true;
            }
        }
        // The last few bytes, padded with a letter.
        let mut w = u64::from_le_bytes([b'A'; 8]);
        for (k, &x) in chunks.remainder().iter().enumerate() {
            let shift = 8 * k as u32;
            w = (w & !(0xFF << shift)) | (u64::from(x) << shift);
        }
        needs_escape(w)
    }

    /// Appends `s` as a JSON string, escaped as `serde_json` escapes.
    pub fn write_str(out: &mut Vec<u8>, s: &str) {
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

    /// Appends `"key":`. Keys (and enum variant names) are string constants: inlined, the
    /// escape check and the copy of a constant key fold to a few stores.
    #[inline(always)]
    fn write_key(out: &mut Vec<u8>, key: &str) {
        write_const(out, key);
        out.push(b':');
    }

    /// Appends the JSON string of a short constant `s` (a key or a variant name).
    #[inline(always)]
    fn write_const(out: &mut Vec<u8>, s: &str) {
        if s.bytes().all(|c| c >= 0x20 && c != b'"' && c != b'\\') {
            out.reserve(s.len() + 3);
            out.push(b'"');
            out.extend_from_slice(s.as_bytes());
            out.push(b'"');
        } else {
            write_str(out, s);
        }
    }

    fn write_u64(out: &mut Vec<u8>, mut v: u64) {
        if v < 10 {
            out.push(b'0' + v as u8);
            return;
        }
        let mut buf = [0u8; 20];
        let mut k = buf.len();
        loop {
            k -= 1;
            if let Some(d) = buf.get_mut(k) {
                *d = b'0' + (v % 10) as u8;
            }
            v /= 10;
            if v == 0 || k == 0 {
                break;
            }
        }
        out.extend_from_slice(buf.get(k..).unwrap_or_default());
    }

    fn write_i64(out: &mut Vec<u8>, v: i64) {
        if v < 0 {
            out.push(b'-');
        }
        write_u64(out, v.unsigned_abs());
    }

    /// An open object or array.
    pub struct Compound<'o> {
        out: &'o mut Vec<u8>,
        first: bool,
    }

    impl Compound<'_> {
        fn comma(&mut self) {
            if !self.first {
                self.out.push(b',');
            }
            self.first = false;
        }

        fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
            self.comma();
            value.serialize(Compact { out: &mut *self.out, merge_first: false })
        }

        #[inline(always)]
        fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result {
            self.comma();
            write_key(self.out, key);
            value.serialize(Compact { out: &mut *self.out, merge_first: false })
        }
    }

    impl ser::SerializeSeq for Compound<'_> {
        type Ok = ();
        type Error = Error;
        fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
            self.element(value)
        }
        fn end(self) -> Result {
            self.out.push(b']');
            Ok(())
        }
    }

    impl ser::SerializeTuple for Compound<'_> {
        type Ok = ();
        type Error = Error;
        fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
            self.element(value)
        }
        fn end(self) -> Result {
            self.out.push(b']');
            Ok(())
        }
    }

    impl ser::SerializeTupleStruct for Compound<'_> {
        type Ok = ();
        type Error = Error;
        fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
            self.element(value)
        }
        fn end(self) -> Result {
            self.out.push(b']');
            Ok(())
        }
    }

    impl ser::SerializeTupleVariant for Compound<'_> {
        type Ok = ();
        type Error = Error;
        fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
            self.element(value)
        }
        fn end(self) -> Result {
            self.out.extend_from_slice(b"]}");
            Ok(())
        }
    }

    impl ser::SerializeMap for Compound<'_> {
        type Ok = ();
        type Error = Error;
        fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
            self.comma();
            key.serialize(KeySerializer { out: &mut *self.out })?;
            self.out.push(b':');
            Ok(())
        }
        fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
            value.serialize(Compact { out: &mut *self.out, merge_first: false })
        }
        fn end(self) -> Result {
            self.out.push(b'}');
            Ok(())
        }
    }

    impl ser::SerializeStruct for Compound<'_> {
        type Ok = ();
        type Error = Error;
        #[inline(always)]
        fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
            self.field(key, value)
        }
        fn end(self) -> Result {
            self.out.push(b'}');
            Ok(())
        }
    }

    impl ser::SerializeStructVariant for Compound<'_> {
        type Ok = ();
        type Error = Error;
        fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
            self.field(key, value)
        }
        fn end(self) -> Result {
            self.out.extend_from_slice(b"}}");
            Ok(())
        }
    }

    impl<'o> ser::Serializer for Compact<'o> {
        type Ok = ();
        type Error = Error;
        type SerializeSeq = Compound<'o>;
        type SerializeTuple = Compound<'o>;
        type SerializeTupleStruct = Compound<'o>;
        type SerializeTupleVariant = Compound<'o>;
        type SerializeMap = Compound<'o>;
        type SerializeStruct = Compound<'o>;
        type SerializeStructVariant = Compound<'o>;

        fn serialize_bool(self, v: bool) -> Result {
            self.out.extend_from_slice(if v { b"true" } else { b"false" });
            Ok(())
        }
        fn serialize_i8(self, v: i8) -> Result {
            write_i64(self.out, v.into());
            Ok(())
        }
        fn serialize_i16(self, v: i16) -> Result {
            write_i64(self.out, v.into());
            Ok(())
        }
        fn serialize_i32(self, v: i32) -> Result {
            write_i64(self.out, v.into());
            Ok(())
        }
        fn serialize_i64(self, v: i64) -> Result {
            write_i64(self.out, v);
            Ok(())
        }
        fn serialize_u8(self, v: u8) -> Result {
            write_u64(self.out, v.into());
            Ok(())
        }
        fn serialize_u16(self, v: u16) -> Result {
            write_u64(self.out, v.into());
            Ok(())
        }
        fn serialize_u32(self, v: u32) -> Result {
            write_u64(self.out, v.into());
            Ok(())
        }
        fn serialize_u64(self, v: u64) -> Result {
            write_u64(self.out, v);
            Ok(())
        }
        fn serialize_f32(self, v: f32) -> Result {
            serde_json::to_writer(&mut *self.out, &v).map_err(|e| Error(e.to_string()))
        }
        fn serialize_f64(self, v: f64) -> Result {
            serde_json::to_writer(&mut *self.out, &v).map_err(|e| Error(e.to_string()))
        }
        fn serialize_char(self, v: char) -> Result {
            write_str(self.out, v.encode_utf8(&mut [0u8; 4]));
            Ok(())
        }
        fn serialize_str(self, v: &str) -> Result {
            write_str(self.out, v);
            Ok(())
        }
        fn serialize_bytes(self, v: &[u8]) -> Result {
            use ser::SerializeSeq;
            let mut seq = self.serialize_seq(Some(v.len()))?;
            for b in v {
                seq.serialize_element(b)?;
            }
            seq.end()
        }
        fn serialize_none(self) -> Result {
            self.out.extend_from_slice(b"null");
            Ok(())
        }
        fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
            value.serialize(self)
        }
        fn serialize_unit(self) -> Result {
            self.out.extend_from_slice(b"null");
            Ok(())
        }
        fn serialize_unit_struct(self, _name: &'static str) -> Result {
            self.serialize_unit()
        }
        #[inline(always)]
        fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result {
            write_const(self.out, variant);
            Ok(())
        }
        fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Result {
            value.serialize(self)
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(mut self, _name: &'static str, _index: u32, variant: &'static str, value: &T) -> Result {
            self.out.push(b'{');
            write_str(self.out, variant);
            self.out.push(b':');
            value.serialize(self.reborrow())?;
            self.out.push(b'}');
            Ok(())
        }
        fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'o>> {
            self.out.push(b'[');
            Ok(Compound { out: self.out, first: true })
        }
        fn serialize_tuple(self, len: usize) -> Result<Compound<'o>> {
            self.serialize_seq(Some(len))
        }
        fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'o>> {
            self.serialize_seq(Some(len))
        }
        fn serialize_tuple_variant(self, _name: &'static str, _index: u32, variant: &'static str, _len: usize) -> Result<Compound<'o>> {
            self.out.push(b'{');
            write_str(self.out, variant);
            self.out.extend_from_slice(b":[");
            Ok(Compound { out: self.out, first: true })
        }
        fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'o>> {
            Ok(self.open_object())
        }
        fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'o>> {
            Ok(self.open_object())
        }
        fn serialize_struct_variant(self, _name: &'static str, _index: u32, variant: &'static str, _len: usize) -> Result<Compound<'o>> {
            self.out.push(b'{');
            write_str(self.out, variant);
            self.out.extend_from_slice(b":{");
            Ok(Compound { out: self.out, first: true })
        }
    }

    /// Map keys: strings only (anything else is refused, and `serde_json` writes the record).
    struct KeySerializer<'o> {
        out: &'o mut Vec<u8>,
    }

    fn refuse<T>() -> Result<T> {
        Err(Error("map key is not a string".into()))
    }

    impl ser::Serializer for KeySerializer<'_> {
        type Ok = ();
        type Error = Error;
        type SerializeSeq = ser::Impossible<(), Error>;
        type SerializeTuple = ser::Impossible<(), Error>;
        type SerializeTupleStruct = ser::Impossible<(), Error>;
        type SerializeTupleVariant = ser::Impossible<(), Error>;
        type SerializeMap = ser::Impossible<(), Error>;
        type SerializeStruct = ser::Impossible<(), Error>;
        type SerializeStructVariant = ser::Impossible<(), Error>;

        fn serialize_str(self, v: &str) -> Result {
            write_str(self.out, v);
            Ok(())
        }
        fn serialize_char(self, v: char) -> Result {
            write_str(self.out, v.encode_utf8(&mut [0u8; 4]));
            Ok(())
        }
        fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result {
            write_str(self.out, variant);
            Ok(())
        }
        fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Result {
            value.serialize(self)
        }
        fn serialize_bool(self, _v: bool) -> Result {
            refuse()
        }
        fn serialize_i8(self, _v: i8) -> Result {
            refuse()
        }
        fn serialize_i16(self, _v: i16) -> Result {
            refuse()
        }
        fn serialize_i32(self, _v: i32) -> Result {
            refuse()
        }
        fn serialize_i64(self, _v: i64) -> Result {
            refuse()
        }
        fn serialize_u8(self, _v: u8) -> Result {
            refuse()
        }
        fn serialize_u16(self, _v: u16) -> Result {
            refuse()
        }
        fn serialize_u32(self, _v: u32) -> Result {
            refuse()
        }
        fn serialize_u64(self, _v: u64) -> Result {
            refuse()
        }
        fn serialize_f32(self, _v: f32) -> Result {
            refuse()
        }
        fn serialize_f64(self, _v: f64) -> Result {
            refuse()
        }
        fn serialize_bytes(self, _v: &[u8]) -> Result {
            refuse()
        }
        fn serialize_none(self) -> Result {
            refuse()
        }
        fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result {
            refuse()
        }
        fn serialize_unit(self) -> Result {
            refuse()
        }
        fn serialize_unit_struct(self, _name: &'static str) -> Result {
            refuse()
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _name: &'static str, _index: u32, _variant: &'static str, _value: &T) -> Result {
            refuse()
        }
        fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
            refuse()
        }
        fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
            refuse()
        }
        fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct> {
            refuse()
        }
        fn serialize_tuple_variant(self, _name: &'static str, _index: u32, _variant: &'static str, _len: usize) -> Result<Self::SerializeTupleVariant> {
            refuse()
        }
        fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
            refuse()
        }
        fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
            refuse()
        }
        fn serialize_struct_variant(self, _name: &'static str, _index: u32, _variant: &'static str, _len: usize) -> Result<Self::SerializeStructVariant> {
            refuse()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all = String::new();
        for c in (0u32..0x80).chain([0xA0, 0x2028, 0x201C, 0x1F600]).filter_map(char::from_u32) {
            all.push(c);
        }
        let mut cases: Vec<String> = vec![String::new(), all.clone(), "plain ascii text longer than eight".into(), "é\"\\\u{7f}".into()];
        for k in 0..20 {
            cases.push(format!("{}{}", "x".repeat(k), "\"\n\u{1}€"));
        }
        for s in cases {
            let mut got = Vec::new();
            compact::write_str(&mut got, &s);
            assert_eq!(String::from_utf8(got).unwrap(), serde_json::to_string(&s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn labelled_line_is_the_flattened_record() {
        let texts = ["", "\"We will rebuild,\" Mayor Ana Ruiz said on Monday.", "OSLO (Nordic Wire) - \"Yes,\" he said. \"No\" she said\n\n\"unclosed"];
        let ids = [serde_json::json!("doc-1"), serde_json::json!(7), serde_json::Value::Null, serde_json::json!({"a": [1, "x\"y"]})];
        for t in texts {
            let report = crate::analyze(t);
            for id in &ids {
                let mut want = Vec::new();
                write_line(&mut want, &Labelled { label: Id { id }, report: &report }).unwrap();
                let mut got = b"previous line\n".to_vec();
                write_labelled_line(&mut got, "id", id, &report).unwrap();
                assert_eq!(String::from_utf8(got).unwrap(), format!("previous line\n{}", String::from_utf8(want).unwrap()));
            }
            let mut want = Vec::new();
            write_line(&mut want, &Labelled { label: PathLabel { path: "a/\"b\".txt" }, report: &report }).unwrap();
            let mut got = Vec::new();
            write_labelled_line(&mut got, "path", "a/\"b\".txt", &report).unwrap();
            assert_eq!(got, want);
        }
    }
}
