//! A serde serializer whose output is Python objects: structs become dicts (keys in declaration
//! order, as in the JSON report), sequences lists, enums their wire names, `None` `None`.
//!
//! `to_dict()` of every report object goes through it, so a field added to the report types
//! reaches Python with no change here. A `Span` (`{"start", "end"}` of UTF-8 byte offsets)
//! becomes `{"start", "end", "start_byte", "end_byte"}`: character offsets first, the way
//! Python strings are indexed, then the byte offsets of the JSON report.

use std::collections::HashMap;
use std::sync::Mutex;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyList, PyString};
use pyo3::IntoPyObjectExt;
use serde::ser::{self, Serialize};

use crate::chars::Offsets;

/// A Python error carried through serde.
#[derive(Debug)]
pub struct Error(pub PyErr);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e)
    }
}

/// `value` as a Python object, spans with character offsets from `offsets`.
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
    offsets: Offsets<'_>,
) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(Ser { py, offsets }).map_err(|e| e.0)
}

/// The Python strings of field names and enum variants, made once: the names are the report
/// types' own (`&'static str`), a few dozen in all, and a dict of a report has thousands of
/// keys.
static NAMES: Mutex<Option<HashMap<&'static str, Py<PyString>>>> = Mutex::new(None);

/// The Python string `name`, from the cache.
fn name<'py>(py: Python<'py>, name: &'static str) -> Bound<'py, PyString> {
    let Ok(mut names) = NAMES.lock() else {
        return PyString::new(py, name);
    };
    names
        .get_or_insert_with(HashMap::new)
        .entry(name)
        .or_insert_with(|| PyString::new(py, name).unbind())
        .bind(py)
        .clone()
}

#[derive(Clone, Copy)]
struct Ser<'py, 'a> {
    py: Python<'py>,
    offsets: Offsets<'a>,
}

type Out<'py> = Result<Bound<'py, PyAny>, Error>;

impl<'py, 'a> Ser<'py, 'a> {
    fn any<T>(self, v: T) -> Out<'py>
    where
        T: IntoPyObject<'py>,
    {
        Ok(v.into_bound_py_any(self.py)?)
    }

    /// `{variant: value}`, serde_json's form of a data-carrying enum variant.
    fn tagged(self, variant: &str, value: Bound<'py, PyAny>) -> Out<'py> {
        let d = PyDict::new(self.py);
        d.set_item(variant, value)?;
        Ok(d.into_any())
    }
}

impl<'py, 'a> ser::Serializer for Ser<'py, 'a> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'py, 'a>;
    type SerializeTuple = Seq<'py, 'a>;
    type SerializeTupleStruct = Seq<'py, 'a>;
    type SerializeTupleVariant = Tagged<'py, Seq<'py, 'a>>;
    type SerializeMap = Map<'py, 'a>;
    type SerializeStruct = Struct<'py, 'a>;
    type SerializeStructVariant = Tagged<'py, Struct<'py, 'a>>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        self.any(v)
    }
    fn serialize_i128(self, v: i128) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        self.any(v)
    }
    fn serialize_u128(self, v: u128) -> Out<'py> {
        self.any(v)
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        Ok(PyFloat::new(self.py, f64::from(v)).into_any())
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        Ok(PyFloat::new(self.py, v).into_any())
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        let mut buf = [0u8; 4];
        Ok(PyString::new(self.py, v.encode_utf8(&mut buf)).into_any())
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        Ok(PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Out<'py> {
        Ok(name(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let v = value.serialize(self)?;
        self.tagged(variant, v)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'py, 'a>, Error> {
        Ok(Seq {
            ser: self,
            items: Vec::with_capacity(len.unwrap_or_default()),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'py, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'py, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Ok(Tagged {
            py: self.py,
            variant,
            inner: self.serialize_seq(Some(len))?,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'py, 'a>, Error> {
        Ok(Map {
            ser: self,
            dict: PyDict::new(self.py),
            key: None,
        })
    }
    fn serialize_struct(self, ty: &'static str, _: usize) -> Result<Struct<'py, 'a>, Error> {
        Ok(Struct {
            ser: self,
            dict: PyDict::new(self.py),
            span: (ty == "Span").then_some([None, None]),
        })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Ok(Tagged {
            py: self.py,
            variant,
            inner: self.serialize_struct(variant, len)?,
        })
    }
}

/// A list being built.
pub struct Seq<'py, 'a> {
    ser: Ser<'py, 'a>,
    items: Vec<Bound<'py, PyAny>>,
}

impl<'py> Seq<'py, '_> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(self.ser)?);
        Ok(())
    }
    fn finish(self) -> Out<'py> {
        Ok(PyList::new(self.ser.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeSeq for Seq<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Seq<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

/// A dict being built from a map.
pub struct Map<'py, 'a> {
    ser: Ser<'py, 'a>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

impl<'py> ser::SerializeMap for Map<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(self.ser)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("map value without a key"))?;
        self.dict.set_item(key, value.serialize(self.ser)?)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        Ok(self.dict.into_any())
    }
}

/// A dict being built from a struct.
pub struct Struct<'py, 'a> {
    ser: Ser<'py, 'a>,
    dict: Bound<'py, PyDict>,
    /// A `Span`: its byte offsets, given character offsets at the end.
    span: Option<[Option<usize>; 2]>,
}

impl<'py> Struct<'py, '_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        let v = value.serialize(self.ser)?;
        if let Some(span) = &mut self.span {
            let slot = match key {
                "start" => span.get_mut(0),
                "end" => span.get_mut(1),
                _ => None,
            };
            if let Some(slot) = slot {
                *slot = v.extract::<usize>().ok();
            }
        }
        self.dict.set_item(name(self.ser.py, key), v)?;
        Ok(())
    }

    fn finish(self) -> Out<'py> {
        if let Some([Some(s), Some(e)]) = self.span {
            let (py, o) = (self.ser.py, self.ser.offsets);
            self.dict.set_item(name(py, "start"), o.char(s))?;
            self.dict.set_item(name(py, "end"), o.char(e))?;
            self.dict.set_item(name(py, "start_byte"), s)?;
            self.dict.set_item(name(py, "end_byte"), e)?;
        }
        Ok(self.dict.into_any())
    }
}

impl<'py> ser::SerializeStruct for Struct<'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

/// `{variant: inner}` for an enum variant with fields.
pub struct Tagged<'py, I> {
    py: Python<'py>,
    variant: &'static str,
    inner: I,
}

impl<'py> ser::SerializeTupleVariant for Tagged<'py, Seq<'py, '_>> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.inner.push(value)
    }
    fn end(self) -> Out<'py> {
        let d = PyDict::new(self.py);
        d.set_item(name(self.py, self.variant), self.inner.finish()?)?;
        Ok(d.into_any())
    }
}

impl<'py> ser::SerializeStructVariant for Tagged<'py, Struct<'py, '_>> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.inner.field(key, value)
    }
    fn end(self) -> Out<'py> {
        let d = PyDict::new(self.py);
        d.set_item(name(self.py, self.variant), self.inner.finish()?)?;
        Ok(d.into_any())
    }
}
