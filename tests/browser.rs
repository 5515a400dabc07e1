//! The HTML report in a real browser: headless Chromium loads the page `quotecheck extract
//! --format html` writes for a fixture, the test reads the DOM Chromium built (`--dump-dom`,
//! after the inline script ran) and takes a screenshot, kept as an artefact at
//! `target/artefacts/report.png` (and the page at `target/artefacts/report.html`).
//!
//! These tests are `#[ignore]`d, so `cargo test` needs no browser. Run them with Chromium
//! installed (`apt-get install chromium` on Debian; `chromium` or `chromium-browser` on PATH):
//!
//! ```sh
//! cargo test --test browser -- --ignored
//! ```
//!
//! `.ci/run` installs Chromium and runs them. Without a browser they fail and say so.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use quotecheck::report::QuoteKind;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/extract/wire-story-lookalike.txt"
);

fn chromium() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in ["chromium", "chromium-browser"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!("Chromium is not installed: these tests need `chromium` or `chromium-browser` on PATH (Debian: apt-get install chromium)");
}

/// `target/artefacts`, created.
fn artefacts() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let dir = target.join("artefacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs headless Chromium with a fresh profile and no network chatter; returns stdout.
fn run_chromium(args: &[String]) -> String {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let profile = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("chromium-profile-{}-{run}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).unwrap();
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!(
                "chromium took more than two minutes: {}",
                err.join().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = out.join().unwrap();
    let stderr = err.join().unwrap();
    let _ = std::fs::remove_dir_all(&profile);
    assert!(status.success(), "chromium failed ({status}): {stderr}");
    stdout
}

/// Writes the page of `args` (a quotecheck command line) to `artefacts/name`.
fn page(args: &[&str], name: &str) -> PathBuf {
    let o = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "quotecheck {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let p = artefacts().join(name);
    std::fs::write(&p, &o.stdout).unwrap();
    p
}

fn url(p: &Path) -> String {
    format!("file://{}", p.canonicalize().unwrap().display())
}

/// The start tag of the element with `id` in a serialised DOM.
fn tag_with_id<'a>(dom: &'a str, id: &str) -> Option<&'a str> {
    let at = dom.find(&format!(" id=\"{id}\""))?;
    let start = dom[..at].rfind('<')?;
    let end = dom[at..].find('>')? + at;
    Some(&dom[start..=end])
}

fn attr_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('\u{a0}', "&nbsp;")
}

#[test]
#[ignore = "needs Chromium: cargo test --test browser -- --ignored"]
fn extract_report_renders_with_every_quote_marked() {
    let html = page(&["extract", FIXTURE, "--format", "html"], "report.html");
    let dom = run_chromium(&["--dump-dom".into(), url(&html)]);
    assert!(
        dom.contains("<html lang=\"en\" class=\"js\">"),
        "the inline script ran:\n{}",
        &dom[..dom.len().min(400)]
    );
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    let report = quotecheck::analyze(&text);
    let speech: Vec<_> = report
        .quotes
        .iter()
        .filter(|q| {
            matches!(
                q.kind,
                QuoteKind::Direct | QuoteKind::Partial | QuoteKind::Indirect
            )
        })
        .collect();
    assert!(speech.len() >= 10);
    for q in speech {
        let id = format!("d0-q{}", q.id);
        let tag =
            tag_with_id(&dom, &id).unwrap_or_else(|| panic!("no element {id} for {:?}", q.text));
        assert!(tag.starts_with("<mark "), "{tag}");
        let speaker = q.speaker.as_ref().map(|s| attr_escape(&s.name)).unwrap();
        assert!(
            tag.contains(&format!("data-speaker=\"{speaker}\"")),
            "{id} is credited to {speaker}: {tag}"
        );
    }
    // Every mark written is in the DOM: the markup nests, nothing was dropped or re-parented.
    let written = std::fs::read_to_string(&html).unwrap();
    assert_eq!(
        dom.matches("<mark ").count(),
        written.matches("<mark ").count()
    );

    let png = artefacts().join("report.png");
    let _ = std::fs::remove_file(&png);
    run_chromium(&[
        format!("--screenshot={}", png.display()),
        "--window-size=1280,1600".into(),
        url(&html),
    ]);
    let bytes =
        std::fs::read(&png).unwrap_or_else(|e| panic!("no screenshot at {}: {e}", png.display()));
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let (w, h) = (
        u32::from_be_bytes(bytes[16..20].try_into().unwrap()),
        u32::from_be_bytes(bytes[20..24].try_into().unwrap()),
    );
    assert_eq!((w, h), (1280, 1600));
    // A blank page compresses to a few kilobytes; highlighted text does not.
    assert!(
        bytes.len() > 40_000,
        "the screenshot looks empty: {} bytes",
        bytes.len()
    );
    eprintln!("screenshot: {}", png.display());
}

#[test]
#[ignore = "needs Chromium: cargo test --test browser -- --ignored"]
fn check_report_renders_with_findings_inline() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/check");
    let html = page(&["check", dir, "--format", "html"], "check.html");
    let dom = run_chromium(&["--dump-dom".into(), url(&html)]);
    assert!(dom.contains("class=\"js\""), "the inline script ran");
    let written = std::fs::read_to_string(&html).unwrap();
    let findings = written.matches("<mark class=\"finding ").count();
    assert!(findings >= 15, "findings written: {findings}");
    assert_eq!(dom.matches("<mark class=\"finding ").count(), findings);
    for rule in [
        "loaded-verb",
        "anonymous-no-reason",
        "unattributed-quote",
        "unbalanced-quote",
        "vague-attribution",
        "unsourced-claim",
    ] {
        assert!(
            dom.contains(&format!("data-rule=\"{rule}\"")),
            "{rule} is shown inline"
        );
    }
}
