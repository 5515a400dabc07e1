//! Reading inputs: files and standard input, UTF-8 checked with the failing byte offset, and
//! never more than `--max-bytes` held: a larger file is refused by its size before it is read,
//! and a pipe or standard input is read no further than the limit.

use std::io::Read;
use std::path::Path;

use super::out;

/// One input, read whole.
pub struct Input {
    /// How to name it (`-` for standard input).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// The message for a path that does not exist (one wording for every command).
pub fn missing(path: &Path) -> String {
    format!("{}: no such file or folder", path.display())
}

/// The message for an I/O error on `path`: the common cases in words, the rest as the system
/// says them.
pub fn io_message(path: &Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => missing(path),
        ErrorKind::PermissionDenied => format!("{}: permission denied", path.display()),
        ErrorKind::IsADirectory => folder(path),
        _ => format!("{}: {e}", path.display()),
    }
}

/// The message for a folder given where a file is read.
fn folder(path: &Path) -> String {
    format!(
        "{}: is a folder (extract reads files; to check every document in a folder, run \
         `quotecheck check {}`)",
        path.display(),
        path.display()
    )
}

/// Why an input was not read.
pub enum ReadError {
    /// It could not be read, or is not UTF-8 (the message names it).
    Failed(String),
    /// It is larger than the limit (the message names it): skipped, not an I/O error.
    TooLarge(String),
}

impl ReadError {
    /// The message, whatever the reason.
    pub fn into_message(self) -> String {
        match self {
            ReadError::Failed(m) | ReadError::TooLarge(m) => m,
        }
    }
}

/// Reads `path` (`-` for standard input) as UTF-8, at most `max_bytes` of it; `lossy` replaces
/// invalid sequences.
pub fn read(path: &Path, lossy: bool, max_bytes: usize) -> Result<Input, ReadError> {
    let name = path.display().to_string();
    let failed = |e: std::io::Error| ReadError::Failed(io_message(path, &e));
    let over = |size: Option<u64>| {
        ReadError::TooLarge(match size {
            Some(n) => format!("{name}: {n} bytes is over --max-bytes {max_bytes}; skipped"),
            None => format!("{name}: more than --max-bytes {max_bytes} bytes; skipped"),
        })
    };
    let limit = u64::try_from(max_bytes).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    if name == "-" {
        std::io::stdin()
            .lock()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| ReadError::Failed(format!("standard input: {e}")))?;
    } else if path.is_dir() {
        return Err(ReadError::Failed(folder(path)));
    } else {
        let file = std::fs::File::open(path).map_err(failed)?;
        // A regular file's size is known: one over the limit is not read at all. Anything
        // else (a FIFO, a process substitution, a device) is read up to the limit.
        let size = file
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len());
        if size.is_some_and(|n| n > limit) {
            return Err(over(size));
        }
        let hint = size.map_or(0, |n| usize::try_from(n).unwrap_or(0).min(max_bytes));
        bytes.reserve_exact(hint.saturating_add(1));
        file.take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(failed)?;
    }
    if bytes.len() > max_bytes {
        return Err(over(None));
    }
    let text = decode(bytes, lossy).map_err(|off| {
        ReadError::Failed(format!(
            "{name}: invalid UTF-8 at byte {off} (use --lossy to decode with replacement \
             characters)"
        ))
    })?;
    Ok(Input { name, text })
}

/// Reads `path` as [`read`] does, printing the error on stderr when it fails; the error is the
/// exit status it calls for (1 for an input over the limit, skipped; 2 for a failure). The
/// caller goes on with the other inputs.
pub fn read_or_report(path: &Path, lossy: bool, max_bytes: usize) -> Result<Input, i32> {
    read(path, lossy, max_bytes).map_err(|e| match e {
        ReadError::Failed(m) => {
            out::error(m);
            2
        }
        ReadError::TooLarge(m) => {
            out::error(m);
            1
        }
    })
}

/// Decodes UTF-8, or returns the offset of the first invalid byte.
pub fn decode(bytes: Vec<u8>, lossy: bool) -> Result<String, usize> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(e.utf8_error().valid_up_to()),
    }
}
