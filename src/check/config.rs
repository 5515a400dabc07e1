//! `quotecheck.toml`: rule levels, extra grammar folders, include and exclude globs, found by
//! walking up from the checked path (or given with `--config`).
//!
//! ```toml
//! # quotecheck.toml
//! fail-on = "warning"              # the lowest level that makes `check` exit 1
//! grammar = ["house-style"]        # folders of extra word lists, relative to this file
//! include = ["**/*.md", "**/*.txt"]
//! exclude = ["archive/**"]
//!
//! [rules]
//! anonymous-source = "off"
//! loaded-verb = "error"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{rules, Level};
use crate::render::safe::shorten;

/// The configuration file name.
pub const FILE_NAME: &str = "quotecheck.toml";

/// A configuration error, naming file and line (no line when the file could not be read).
#[derive(Debug, thiserror::Error)]
#[error("{path}{}: {message}", if *.line == 0 { String::new() } else { format!(":{line}") })]
pub struct ConfigError {
    /// The file.
    pub path: String,
    /// 1-based line (0 when the file could not be read).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    rules: BTreeMap<String, toml::Spanned<String>>,
    #[serde(default)]
    grammar: Vec<String>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    fail_on: Option<toml::Spanned<String>>,
}

/// A loaded configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where it was read from.
    pub path: Option<PathBuf>,
    /// Rule levels.
    pub levels: BTreeMap<String, Level>,
    /// Grammar folders, resolved against the file's folder.
    pub grammar: Vec<PathBuf>,
    /// Include globs (gitignore syntax) for directory walks.
    pub include: Vec<String>,
    /// Exclude globs.
    pub exclude: Vec<String>,
    /// Lowest failing level.
    pub fail_on: Option<Level>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |s| s.matches('\n').count() + 1)
}

/// Parses configuration `text` read from `path`.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let display = path.display().to_string();
    let err = |offset: usize, message: String| ConfigError {
        path: display.clone(),
        line: line_of(text, offset),
        message,
    };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        err(at, shorten(e.message().trim(), 300).into_owned())
    })?;
    let mut cfg = Config {
        path: Some(path.to_path_buf()),
        include: raw.include,
        exclude: raw.exclude,
        ..Config::default()
    };
    for (id, level) in &raw.rules {
        if rules::by_id(id).is_none() {
            // Point at the key: the line where the level value sits.
            let ids: Vec<&str> = rules::ALL.iter().map(|r| r.id()).collect();
            return Err(err(
                level.span().start,
                format!(
                    "unknown rule {:?} (rules: {})",
                    shorten(id, 64),
                    ids.join(", ")
                ),
            ));
        }
        let lv = Level::parse(level.get_ref()).ok_or_else(|| {
            err(
                level.span().start,
                format!(
                    "expected off, info, warning or error for {id}, found {:?}",
                    shorten(level.get_ref(), 64)
                ),
            )
        })?;
        cfg.levels.insert(id.clone(), lv);
    }
    if let Some(f) = raw.fail_on {
        cfg.fail_on = Some(
            Level::parse(f.get_ref())
                .filter(|l| *l != Level::Off)
                .ok_or_else(|| {
                    err(
                        f.span().start,
                        format!(
                            "expected info, warning or error for fail-on, found {:?}",
                            shorten(f.get_ref(), 64)
                        ),
                    )
                })?,
        );
    }
    let base = path.parent().unwrap_or(Path::new("."));
    cfg.grammar = raw.grammar.iter().map(|g| base.join(g)).collect();
    Ok(cfg)
}

/// Reads the configuration at `path`.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.display().to_string(),
        line: 0,
        message: match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder".into(),
            std::io::ErrorKind::PermissionDenied => "permission denied".into(),
            _ => e.to_string(),
        },
    })?;
    parse(&text, path)
}

/// The nearest `quotecheck.toml` at or above `start` (a file or folder).
pub fn find(start: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(start).ok()?;
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        let p = d.join(FILE_NAME);
        if p.is_file() {
            return Some(p);
        }
        dir = d.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_errors_with_lines() {
        let c = parse(
            "fail-on = \"error\"\n[rules]\nloaded-verb = \"off\"\n",
            Path::new("q/quotecheck.toml"),
        )
        .unwrap();
        assert_eq!(c.levels.get("loaded-verb"), Some(&Level::Off));
        assert_eq!(c.fail_on, Some(Level::Error));
        let e = parse(
            "[rules]\n\nloaded-verbs = \"off\"\n",
            Path::new("quotecheck.toml"),
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.to_string()
                .starts_with("quotecheck.toml:3: unknown rule \"loaded-verbs\""),
            "{e}"
        );
        let e = parse(
            "[rules]\nloaded-verb = \"loud\"\n",
            Path::new("quotecheck.toml"),
        )
        .unwrap_err();
        assert_eq!(e.line, 2);
        let e = load(Path::new("no-such-folder/quotecheck.toml")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no-such-folder/quotecheck.toml: no such file or folder"
        );
        let e = parse("colour = 1\n", Path::new("quotecheck.toml")).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("colour"), "{}", e.message);
    }

    #[test]
    fn a_huge_value_is_not_echoed_whole() {
        let big = "x".repeat(1 << 20);
        for text in [
            format!("fail-on = \"{big}\"\n"),
            format!("[rules]\nloaded-verb = \"{big}\"\n"),
            format!("[rules]\n{big} = \"off\"\n"),
            format!("include = [\"{big}\"\n"),
        ] {
            let e = parse(&text, Path::new("quotecheck.toml")).unwrap_err();
            assert!(e.to_string().len() < 600, "{} bytes", e.to_string().len());
        }
    }
}
