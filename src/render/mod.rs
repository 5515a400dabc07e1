//! Renderers: the only code that knows output formats.

pub mod findings;
pub mod html;
pub mod json;
pub mod safe;
pub mod text;
