//! Helpers the integration tests share: run the built binary with input, in a folder of its
//! own. (Each test crate uses some of them.)
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs `quotecheck ARGS` in `dir` (or here) with `stdin` and the environment `env` added.
pub fn qc_in(dir: Option<&Path>, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_quotecheck"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// Runs `quotecheck ARGS` with `stdin`.
pub fn qc(args: &[&str], stdin: &[u8]) -> Output {
    qc_in(None, args, stdin, &[])
}

/// A fresh, empty temporary folder named after the test binary's `kind`, its process and `name`.
pub fn temp_folder(kind: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("quotecheck-{kind}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
