//! Renderers: the only code that knows output formats.

pub mod json;
pub mod text;
