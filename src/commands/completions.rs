//! `inc completions`: shell completions, generated from the clap command.
//! The same files are committed under completions/.

use anyhow::Result;
use clap_complete::Shell;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

pub fn run(args: &Args) -> Result<()> {
    let mut out = Vec::new();
    write(args.shell, &mut out);
    use std::io::Write;
    std::io::stdout()
        .lock()
        .write_all(&out)
        .map_err(anyhow::Error::new)
}

/// Writes the completion script for `shell`.
pub fn write(shell: Shell, out: &mut Vec<u8>) {
    clap_complete::generate(shell, &mut crate::cli::command(), "inc", out);
}

/// The man page, rendered from the clap command (committed as docs/man/inc.1).
pub fn man_page() -> Vec<u8> {
    let mut out = Vec::new();
    clap_mangen::Man::new(crate::cli::command())
        .render(&mut out)
        .expect("rendering to memory cannot fail");
    out
}
