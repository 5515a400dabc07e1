//! Renderers: the only code that knows output formats.

pub mod findings;
pub mod json;
pub mod text;
