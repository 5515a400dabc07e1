//! `quotecheck completions SHELL` and `quotecheck manpage [COMMAND]`: generated from the same
//! clap definition as the parser, so they never drift from it.

use clap::CommandFactory;

use super::Cli;

/// Prints the completion script for `shell`; returns the exit status.
pub fn completions(shell: clap_complete::Shell) -> i32 {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "quotecheck", &mut buf);
    super::write_output(None, &String::from_utf8_lossy(&buf))
}

/// Prints the man page (roff) of quotecheck, or of one of its commands; returns the exit status.
pub fn manpage(command: Option<&str>) -> i32 {
    let cmd = Cli::command();
    let page = match command {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => sub
                .clone()
                .name(format!("quotecheck-{name}"))
                .version(super::VERSION),
            None => {
                let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
                super::out::error(format_args!(
                    "no command {name:?} (commands: {})",
                    names.join(", ")
                ));
                return 2;
            }
        },
    };
    let mut buf = Vec::new();
    match clap_mangen::Man::new(page).render(&mut buf) {
        Ok(()) => super::write_output(None, &String::from_utf8_lossy(&buf)),
        Err(e) => {
            super::out::error(e);
            2
        }
    }
}
