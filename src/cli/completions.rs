//! `guize completions SHELL`: the shell completion script, from clap's own description of the
//! command line (clap_complete), so it never falls behind the options.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

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
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "guize", &mut out);
    Ok(())
}
