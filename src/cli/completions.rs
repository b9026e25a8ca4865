//! `guize completions SHELL`: the shell completion script, from clap's own description of the
//! command line (clap_complete), so it never falls behind the options.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;

#[derive(Debug, clap::Args)]
#[command(after_help = "Install:\n  \
bash:        guize completions bash > ~/.local/share/bash-completion/completions/guize\n  \
zsh:         guize completions zsh > ~/.zfunc/_guize   (with fpath+=~/.zfunc before compinit)\n  \
fish:        guize completions fish > ~/.config/fish/completions/guize.fish\n  \
powershell:  guize completions powershell >> $PROFILE\n\n\
Or for the current bash session only:  source <(guize completions bash)")]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: Args) -> Result<()> {
    let mut command = super::Cli::command();
    // Made in memory first: clap_complete panics when its writer fails (a closed pipe, a full
    // disk), and the script goes out through the writer every command uses.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "guize", &mut script);
    let mut out = super::output::Out::stdout(super::output::OutputKind::Binary);
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}
