//! Build information for `quotecheck --version`: the commit (from git, when the source is a
//! git checkout) and the build date (SOURCE_DATE_EPOCH when set, for reproducible builds; else
//! today). A crate tarball without git builds with the date alone.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// Runs the build script again when `path` changes (a path that does not exist would make it
/// run on every build).
fn watch(path: &str) {
    if std::path::Path::new(path).exists() {
        println!("cargo:rerun-if-changed={path}");
    }
}

/// The civil date (year, month, day) of a count of days since 1970-01-01.
fn civil(days: i64) -> (i64, i64, i64) {
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn main() {
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .ok()
                .and_then(|d| i64::try_from(d.as_secs()).ok())
        })
        .unwrap_or(0);
    let (y, m, d) = civil(secs.div_euclid(86_400));
    let date = format!("{y:04}-{m:02}-{d:02}");
    // Only this crate's own repository counts, not one a tarball was unpacked into.
    let own = git(&["rev-parse", "--show-toplevel"]).is_some_and(|top| {
        let here = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
        std::fs::canonicalize(top).ok() == std::fs::canonicalize(here).ok()
    });
    let commit = own
        .then(|| git(&["rev-parse", "--short=9", "HEAD"]))
        .flatten();
    // Run again when HEAD moves: a new commit, or another branch checked out.
    for p in ["HEAD", "packed-refs"].into_iter().filter(|_| own) {
        if let Some(path) = git(&["rev-parse", "--git-path", p]) {
            watch(&path);
        }
    }
    if let Some(r) = own.then(|| git(&["symbolic-ref", "-q", "HEAD"])).flatten() {
        if let Some(path) = git(&["rev-parse", "--git-path", &r]) {
            watch(&path);
        }
    }
    let info = match commit {
        Some(c) => format!("{c} {date}"),
        None => format!("built {date}"),
    };
    println!("cargo:rustc-env=QUOTECHECK_BUILD_INFO={info}");
}
