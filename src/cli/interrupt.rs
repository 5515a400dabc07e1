//! A clean stop of a stream on SIGINT, SIGTERM or SIGHUP (`extract --jsonl`): the signal is
//! noted, no further input is read, the records already being analysed are written whole, the
//! output is flushed, and the run ends with status 128 plus the signal's number and a message.
//! The output never ends in a torn line. A second signal ends the process at once.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// The signal caught (0: none yet), shared with the handlers.
static CAUGHT: OnceLock<Arc<AtomicUsize>> = OnceLock::new();

/// Starts noting the signals (once a process; a later call does nothing). Where they cannot be
/// caught (not Unix, or registration refused), they keep their default action.
pub fn install() {
    CAUGHT.get_or_init(|| {
        let which = Arc::new(AtomicUsize::new(0));
        register(&which);
        which
    });
}

#[cfg(unix)]
fn register(which: &Arc<AtomicUsize>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::flag;
    use std::sync::atomic::AtomicBool;
    let twice = Arc::new(AtomicBool::new(false));
    for sig in [SIGINT, SIGTERM, SIGHUP] {
        // The first signal sets `twice`; with it set, the next one exits at once.
        let status = 128 + sig;
        let ok = flag::register_conditional_shutdown(sig, status, Arc::clone(&twice)).is_ok()
            && flag::register(sig, Arc::clone(&twice)).is_ok()
            && flag::register_usize(sig, Arc::clone(which), sig as usize).is_ok();
        if !ok {
            super::out::error(format_args!(
                "cannot catch signal {sig}: it will end the run without a clean stop"
            ));
        }
    }
}

#[cfg(not(unix))]
fn register(_which: &Arc<AtomicUsize>) {}

/// The number of the signal caught since [`install`], if any.
pub fn caught() -> Option<i32> {
    let n = CAUGHT.get()?.load(Ordering::Relaxed);
    (n != 0).then(|| i32::try_from(n).unwrap_or(i32::MAX))
}
