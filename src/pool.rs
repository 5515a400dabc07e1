//! An ordered parallel map for batch work (`extract --jsonl`, `check`, the Python package's
//! `analyze_many`): items are read on the calling thread, worked on by a pool of threads, and
//! handed back in input order, with a bounded number in flight.
//!
//! Shape: one reader (the caller's `next`), `threads` workers, one writer (the caller's `sink`,
//! on the calling thread). At most `2 × threads + 2` items are alive at once, read but not yet
//! written, so memory does not grow with the input. With one thread there are no threads: the
//! items are worked on inline, exactly as a sequential loop would.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Mutex};

/// The most worker threads a run starts, whatever `--threads` asks for.
pub const MAX_THREADS: usize = 1024;

/// The number of worker threads for `--threads N`: `N` (at most [`MAX_THREADS`]), or every
/// available core for 0.
pub fn threads(requested: usize) -> usize {
    if requested > 0 {
        requested.min(MAX_THREADS)
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// Calls `next` until it returns `Ok(None)`, `work` on each item (on `threads` threads), and
/// `sink` on the results in the order the items came. An error from `next` or `sink` stops the
/// run: no more items are read, the work in flight is finished and dropped, and the error is
/// returned. A panic in `work` is raised again on the calling thread (the callers catch a
/// panic per item inside `work`, so this is a last resort). When the system refuses a thread,
/// the run goes on with the threads it has (on the calling thread alone if it has none).
pub fn ordered<I, O, E>(
    threads: usize,
    mut next: impl FnMut() -> Result<Option<I>, E>,
    work: impl Fn(I) -> O + Sync,
    mut sink: impl FnMut(O) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    O: Send,
{
    if threads <= 1 {
        while let Some(item) = next()? {
            sink(work(item))?;
        }
        return Ok(());
    }
    let (in_tx, in_rx) = mpsc::channel::<(usize, I)>();
    let in_rx = Mutex::new(in_rx);
    let (out_tx, out_rx) = mpsc::channel::<(usize, std::thread::Result<O>)>();
    std::thread::scope(|s| {
        let mut started = 0usize;
        for _ in 0..threads {
            let out_tx = out_tx.clone();
            let (in_rx, work) = (&in_rx, &work);
            let spawned = std::thread::Builder::new().spawn_scoped(s, move || loop {
                // The lock is held only while waiting for the next item.
                let msg = match in_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((seq, item)) = msg else { return };
                let result = catch_unwind(AssertUnwindSafe(|| work(item)));
                if out_tx.send((seq, result)).is_err() {
                    return;
                }
            });
            if spawned.is_err() {
                break;
            }
            started += 1;
        }
        drop(out_tx);
        if started == 0 {
            drop(in_tx);
            while let Some(item) = next()? {
                sink(work(item))?;
            }
            return Ok(());
        }
        let limit = started.saturating_mul(2).saturating_add(2);
        let (mut sent, mut done) = (0usize, 0usize);
        let mut exhausted = false;
        let mut pending: BTreeMap<usize, O> = BTreeMap::new();
        let result = 'run: loop {
            while !exhausted && sent - done < limit {
                match next() {
                    Ok(Some(item)) => {
                        if in_tx.send((sent, item)).is_err() {
                            // Every worker is gone; nothing more can be done.
                            exhausted = true;
                        } else {
                            sent += 1;
                        }
                    }
                    Ok(None) => exhausted = true,
                    Err(e) => break 'run Err(e),
                }
            }
            if done == sent {
                break Ok(());
            }
            let Ok((seq, result)) = out_rx.recv() else {
                break Ok(());
            };
            match result {
                Ok(o) => {
                    pending.insert(seq, o);
                }
                Err(panic) => {
                    drop(in_tx);
                    resume_unwind(panic);
                }
            }
            while let Some(o) = pending.remove(&done) {
                done += 1;
                if let Err(e) = sink(o) {
                    break 'run Err(e);
                }
            }
        };
        // Closing the queue ends the workers; the scope joins them.
        drop(in_tx);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(threads: usize, n: usize) -> Vec<usize> {
        let mut i = 0;
        let mut out = Vec::new();
        let r: Result<(), ()> = ordered(
            threads,
            || {
                i += 1;
                Ok((i <= n).then_some(i))
            },
            |x| {
                // Uneven work, so that results arrive out of order.
                if x % 7 == 0 {
                    std::thread::yield_now();
                }
                x * 10
            },
            |o| {
                out.push(o);
                Ok(())
            },
        );
        assert!(r.is_ok());
        out
    }

    #[test]
    fn results_come_back_in_input_order() {
        let want: Vec<usize> = (1..=500).map(|x| x * 10).collect();
        for t in [1, 2, 3, 8] {
            assert_eq!(run(t, 500), want, "{t} threads");
        }
        assert!(run(4, 0).is_empty());
    }

    #[test]
    fn an_error_from_the_sink_stops_the_run() {
        let mut read = 0;
        let r = ordered(
            2,
            || {
                read += 1;
                Ok((read <= 1000).then_some(read))
            },
            |x| x,
            |o| if o == 5 { Err("stop") } else { Ok(()) },
        );
        assert_eq!(r, Err("stop"));
        // Reading stopped soon after: at most the in-flight window beyond the failing item.
        assert!(read < 5 + 2 * 4 + 2, "read {read} items");
    }

    #[test]
    fn an_error_from_the_reader_is_returned() {
        let mut read = 0;
        let r: Result<(), &str> = ordered(
            2,
            || {
                read += 1;
                if read == 3 {
                    Err("bad read")
                } else {
                    Ok(Some(read))
                }
            },
            |x| x,
            |_| Ok(()),
        );
        assert_eq!(r, Err("bad read"));
    }
}
