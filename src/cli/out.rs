//! Messages on standard error and text on standard output, written without ever panicking
//! (`println!` and `eprintln!` panic when the stream is closed or full), and made safe to
//! show: every message goes out on one line through `render::safe::line`, so a file name or a
//! value from a file can neither drive the terminal nor start a CI workflow command.

use std::fmt::Display;
use std::io::Write;

use quotecheck::render::safe;

/// Writes `quotecheck: {msg}` as one line on standard error. A failed write is ignored: there
/// is nowhere left to report it, and the exit status still says the run failed.
pub fn error(msg: impl Display) {
    let text = format!("quotecheck: {msg}");
    let mut line = safe::line(&text).into_owned();
    line.push('\n');
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Writes a message of several lines (a usage error) on standard error, each line made safe.
pub fn error_lines(msg: &str) {
    let _ = std::io::stderr()
        .lock()
        .write_all(safe::lines(msg).as_bytes());
}

/// Writes `text` on standard output and flushes it. A closed pipe (`| head`) is not an error
/// (`Ok(false)`: stop writing); any other failure is returned.
pub fn stdout(text: &str) -> std::io::Result<bool> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e),
    }
}

/// [`stdout`], with a failure reported on standard error: the exit status for it (0 when the
/// text was written or the reader had gone, 2 when the write failed: a full disk).
pub fn print(text: &str) -> i32 {
    match stdout(text) {
        Ok(_) => 0,
        Err(e) => {
            error(format_args!("cannot write the output: {e}"));
            2
        }
    }
}

/// A panic caught around one document or record, as the one-line message a user sees.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into());
    format!("internal error (a bug in quotecheck, please report it): {what}")
}

/// In test builds only (`debug_assertions`), panics when the environment variable
/// `QUOTECHECK_TEST_PANIC` is set and `text` contains its value: how the tests check that a
/// panic while analysing one input is reported for that input and the run goes on. A release
/// build has no such path.
pub fn test_panic(text: &str) {
    #[cfg(debug_assertions)]
    if let Some(marker) = std::env::var_os("QUOTECHECK_TEST_PANIC") {
        if marker
            .to_str()
            .is_some_and(|m| !m.is_empty() && text.contains(m))
        {
            panic!("injected for a test");
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = text;
}
