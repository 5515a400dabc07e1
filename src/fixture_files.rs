//! The project's text fixtures (`tests/fixtures/**/*.txt`), for unit tests that run over all of
//! them. A module of the library and, by `#[path]`, of the binary (as `alloc.rs` is shared), so
//! both crates' tests walk the folder one way.

use std::path::PathBuf;

/// Every `.txt` file under `tests/fixtures`, sorted.
pub fn fixture_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}
