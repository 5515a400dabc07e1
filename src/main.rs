//! The `quotecheck` command line: a thin layer over the library.

mod cli;
#[cfg(test)]
#[path = "fixture_files.rs"]
mod fixture_files;

/// mimalloc instead of the system allocator: the analysis makes a few hundred small allocations
/// per document, and glibc's malloc/free were a fifth of the instructions of `extract --jsonl`
/// (callgrind). The library itself does not choose an allocator.
#[global_allocator]
static GLOBAL: alloc::MiMalloc = alloc::MiMalloc;

/// The allocator: see `src/alloc.rs`.
#[allow(unsafe_code)]
mod alloc;

fn main() {
    // A panic is a bug: one line on stderr (the file, record or stage it hit is reported by
    // the code that catches it), never a backtrace dump mixing text from the input into a log.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        cli::out::error(format_args!(
            "{}{at}",
            cli::out::panic_message(info.payload())
        ));
    }));
    // Each document or record catches its own panic; this is the last resort: exit status 2.
    let status = std::panic::catch_unwind(cli::run).unwrap_or(2);
    std::process::exit(status);
}
