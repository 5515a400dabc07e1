//! The global allocator over mimalloc's C API (`libmimalloc-sys`). The `mimalloc` crate's own
//! wrapper calls the `_aligned` entry points for every request; those take about twice the
//! instructions of plain `mi_malloc`, which already aligns to 16 bytes any block at least that
//! large (and any block to its size's power of two below that). So plain calls serve every
//! request whose alignment is at most 16 and at most its size (the rule `std`'s `System`
//! follows for `malloc`), and the aligned calls the rest.
//!
//! This file is a module of the binary (`src/main.rs`), of the benchmarks (`benches/pipeline.rs`,
//! by `#[path]`), so they measure the allocator the binary runs with, and of the Python
//! extension (`python/src/lib.rs`, by `#[path]`). It is not part of the library, which forbids
//! unsafe code and chooses no allocator.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// mimalloc's guaranteed alignment of `mi_malloc` (`MI_MAX_ALIGN_SIZE`).
const PLAIN_ALIGN: usize = 16;

fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

pub struct MiMalloc;

// mimalloc's option setter (`mimalloc.h`), declared here: `libmimalloc-sys` declares it only
// with its `extended` feature, which would add a dependency.
unsafe extern "C" {
    fn mi_option_set(option: i32, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc v2's `mi_option_e` (`mimalloc.h`).
const MI_OPTION_PURGE_DELAY: i32 = 15;

/// mimalloc's default purge delay (milliseconds).
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// Documents analysed now that are large ([`LargeDocument`]).
static LARGE: std::sync::Mutex<usize> = std::sync::Mutex::new(0);

/// While a large document is analysed (from 1 MiB), memory freed is given back to the system
/// at once (mimalloc's `purge_delay` 0) rather than 10 ms later, when the next allocation or
/// free finds it due. A long document's large buffers (its quote marks while they are paired,
/// the entity table as it grows, the units as the report is made) are freed while the next
/// stage fills buffers it reserved whole, making no call that would purge them: with the delay
/// they stayed resident through the analysis (up to 10 times the input on some documents).
/// Small documents keep the delay: purging at once costs a batch of articles about 3% more
/// time in page faults.
#[allow(dead_code)] // (The Python extension and the benchmarks include this file too.)
pub struct LargeDocument(bool);

#[allow(dead_code)]
impl LargeDocument {
    /// The size from which a document is large.
    const FROM: usize = 1 << 20;

    /// Purging at once while the returned guard lives, if a document of `len` bytes is large.
    pub fn of(len: usize) -> Self {
        let large = len >= Self::FROM;
        if large {
            Self::count(1);
        }
        LargeDocument(large)
    }

    /// Adds `d` to the large documents analysed now; sets the purge delay when their count
    /// leaves or reaches 0.
    fn count(d: isize) {
        let mut n = LARGE.lock().unwrap_or_else(|e| e.into_inner());
        let before = *n;
        *n = n.saturating_add_signed(d);
        let delay = match (before, *n) {
            (0, 1..) => 0,
            (1.., 0) => PURGE_DELAY_MS,
            _ => return,
        };
        // SAFETY: `mi_option_set` takes any option and value (purge_delay: milliseconds, 0 at
        // once); mimalloc reads the option afresh each time it schedules a purge.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, delay) }
    }
}

impl Drop for LargeDocument {
    fn drop(&mut self) {
        if self.0 {
            Self::count(-1);
        }
    }
}

/// A fresh block for `layout` from `plain_call` (size only) where its alignment suffices, else
/// from `aligned_call` (size and alignment).
///
/// # Safety
/// As `GlobalAlloc::alloc`: `layout` has a non-zero size.
#[inline(always)]
unsafe fn fresh(
    layout: Layout,
    plain_call: unsafe extern "C" fn(usize) -> *mut c_void,
    aligned_call: unsafe extern "C" fn(usize, usize) -> *mut c_void,
) -> *mut u8 {
    let (size, align) = (layout.size(), layout.align());
    // SAFETY: the caller's contract; the plain call only where its alignment covers the layout.
    unsafe {
        if plain(align, size) {
            plain_call(size).cast()
        } else {
            aligned_call(size, align).cast()
        }
    }
}

// SAFETY: each method forwards to the mimalloc call with the same contract as the
// `GlobalAlloc` method (sizes non-zero, pointers from this allocator), choosing the plain
// call only where its alignment guarantee covers the layout.
unsafe impl GlobalAlloc for MiMalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe { fresh(layout, mi::mi_malloc, mi::mi_malloc_aligned) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe { fresh(layout, mi::mi_zalloc, mi::mi_zalloc_aligned) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: see the impl; `mi_free` frees blocks of either kind.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        // SAFETY: see the impl.
        unsafe {
            if plain(align, new_size) {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, align).cast()
            }
        }
    }
}
