//! Reading inputs: files and standard input, UTF-8 checked with the failing byte offset.

use std::io::Read;
use std::path::Path;

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

/// Reads `path` (`-` for standard input) as UTF-8; `lossy` replaces invalid sequences.
pub fn read(path: &Path, lossy: bool) -> Result<Input, String> {
    let name = path.display().to_string();
    let bytes = if name == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut b)
            .map_err(|e| format!("standard input: {e}"))?;
        b
    } else if path.is_dir() {
        return Err(folder(path));
    } else {
        std::fs::read(path).map_err(|e| io_message(path, &e))?
    };
    let text = decode(bytes, lossy).map_err(|off| format!("{name}: invalid UTF-8 at byte {off} (use --lossy to decode with replacement characters)"))?;
    Ok(Input { name, text })
}

/// Reads `path` as [`read`] does, printing the error on stderr when it fails (the caller
/// records exit status 2 and goes on with the other inputs).
pub fn read_or_report(path: &Path, lossy: bool) -> Option<Input> {
    read(path, lossy)
        .map_err(|e| eprintln!("quotecheck: {e}"))
        .ok()
}

/// Decodes UTF-8, or returns the offset of the first invalid byte.
pub fn decode(bytes: Vec<u8>, lossy: bool) -> Result<String, usize> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(e.utf8_error().valid_up_to()),
    }
}
