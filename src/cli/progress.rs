//! Progress bars on stderr (indicatif), drawn only when stderr is a terminal: never in pipes,
//! logs or CI, where they would be noise.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

fn draw(bar: ProgressBar) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    Some(bar)
}

/// A bar over bytes of input, with rate and ETA when the total is known (a spinner with the
/// rate when it is not, as for a pipe).
pub fn bytes(total: Option<u64>) -> Option<ProgressBar> {
    let bar = match total {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {bytes} {bytes_per_sec} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    draw(bar)
}

/// A bar over a number of files, with rate and ETA.
pub fn files(total: usize) -> Option<ProgressBar> {
    let bar = ProgressBar::new(total as u64).with_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} files {per_sec} ETA {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    draw(bar)
}
