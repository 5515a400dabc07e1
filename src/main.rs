//! The `quotecheck` command line: a thin layer over the library.

mod cli;

/// mimalloc instead of the system allocator: the analysis makes a few hundred small allocations
/// per document, and glibc's malloc/free were a fifth of the instructions of `extract --jsonl`
/// (callgrind). The library itself does not choose an allocator.
#[global_allocator]
static GLOBAL: alloc::MiMalloc = alloc::MiMalloc;

/// The allocator: see `src/alloc.rs`.
#[allow(unsafe_code)]
mod alloc;

fn main() {
    std::process::exit(cli::run());
}
