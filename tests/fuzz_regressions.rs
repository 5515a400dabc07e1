//! Replays the fuzz seed corpus (`fuzz/seeds/<target>/`) and every crash input the fuzzers
//! found (`tests/fixtures/fuzz-regressions/<target>/`) through the fuzz targets' own bodies,
//! which assert the invariants. CI runs this on stable; fuzzing itself needs nightly (see
//! `fuzz/README.md`).

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("analyze", targets::analyze),
    ("markdown", targets::markdown),
    ("jsonl", targets::jsonl),
    ("grammar", targets::grammar),
    ("config", targets::config),
];

/// Runs every file of `dir/<target>/` through its target; returns how many ran.
fn replay(dir: &Path) -> usize {
    let mut n = 0;
    for (name, run) in TARGETS {
        let Ok(entries) = std::fs::read_dir(dir.join(name)) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).unwrap();
            let r = std::panic::catch_unwind(|| run(&data));
            assert!(r.is_ok(), "{name}: {} fails", f.display());
            n += 1;
        }
    }
    n
}

#[test]
fn seed_corpus_passes_the_fuzz_checks() {
    let n = replay(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds"));
    assert!(n >= 5, "only {n} seeds found");
}

#[test]
fn fuzz_crash_inputs_stay_fixed() {
    replay(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions"));
}
