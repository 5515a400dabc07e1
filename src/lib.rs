//! quotecheck reads news copy and reports who said what: direct quotes, partial quotes and
//! reported claims, each linked to its speaker (a named person or organisation, a pronoun, a
//! role, an anonymous source) and to the chain the claim travelled through.
//!
//! ```
//! let report = quotecheck::analyze("\"We will rebuild,\" Mayor Ana Ruiz said on Monday.");
//! let q = &report.quotes[0];
//! assert_eq!(&*q.text, "We will rebuild,");
//! assert_eq!(q.speaker.as_ref().unwrap().name, "Ana Ruiz");
//! ```
//!
//! With a grammar extended by a house word list:
//!
//! ```
//! use quotecheck::{Analyzer, Grammar};
//! let mut b = Grammar::builtin_builder();
//! b.add_file(
//!     "verbs.txt",
//!     "house/verbs.txt",
//!     "harrumph forms=harrumphs,harrumphed,harrumphing stance=loaded\n",
//! )
//! .unwrap();
//! let analyzer = Analyzer::new(b.build());
//! let r = analyzer.analyze("\"Nonsense,\" Lord Pell harrumphed.");
//! assert_eq!(r.quotes[0].speaker.as_ref().unwrap().name, "Pell");
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod analysis;
pub mod eval;
pub mod figures;
#[cfg(test)]
mod fixture_files;
pub mod grammar;
pub mod jsonl;
pub mod pool;
pub mod report;
pub mod span;
pub mod syntax;
pub mod text;
pub mod thin;

pub use figures::Figures;
pub use grammar::{Grammar, GrammarError};
pub use report::{Report, SCHEMA_VERSION};
pub use span::{LineIndex, Span};

/// Analyses `text` with the built-in grammar. Never fails: problems with the text (an unclosed
/// quotation mark) are in [`Report::diagnostics`].
pub fn analyze(text: &str) -> Report {
    analysis::analyze(text, Grammar::builtin())
}

/// An analyser holding a grammar (the built-in one, or one extended with user files).
#[derive(Debug)]
pub struct Analyzer {
    grammar: Grammar,
}

impl Analyzer {
    /// An analyser with `grammar`.
    pub fn new(grammar: Grammar) -> Analyzer {
        Analyzer { grammar }
    }

    /// Analyses `text`.
    pub fn analyze(&self, text: &str) -> Report {
        analysis::analyze(text, &self.grammar)
    }

    /// The grammar.
    pub fn grammar(&self) -> &Grammar {
        &self.grammar
    }
}
pub mod check;
pub mod render;
