//! `galley completions SHELL`: the script a shell sources to complete
//! galley's commands, options, and the magazine's own issues and articles.
//!
//! The script calls galley back while completing (clap_complete's dynamic
//! engine), so new articles complete without regenerating it.

use std::io::Write;

use clap::ValueEnum;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use clap_complete::env::{Bash, EnvCompleter, Fish, Powershell, Zsh};

use super::Ctx;
use crate::error::Result;
use crate::repo::load;

/// The variable the script sets when it asks galley for candidates.
pub const VAR: &str = "COMPLETE";

#[derive(Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(clap::Args)]
pub struct Args {
    /// 外壳：bash、zsh、fish 或 powershell
    #[arg(value_name = "外壳")]
    shell: Shell,
    /// 补全时调用的 galley 程序（默认是正在运行的这个）；打包时写 /usr/bin/galley
    #[arg(long, value_name = "程序")]
    program: Option<String>,
}

pub fn run(_ctx: &Ctx, args: Args) -> Result<()> {
    let shell: &dyn EnvCompleter = match args.shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::Powershell => &Powershell,
    };
    // The shell completes what people type, `galley`, by calling this very
    // program back, wherever it is installed; a package names where it
    // will be installed instead.
    let completer = args.program.unwrap_or_else(|| {
        std::env::current_exe()
            .ok()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "galley".into())
    });
    let mut out = std::io::stdout().lock();
    shell.write_registration(VAR, "galley", "galley", &completer, &mut out)?;
    out.flush()?;
    Ok(())
}

/// Every article of the magazine in the current folder, as 期号/目录名.
pub fn articles() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let Ok(mag) = Ctx::new(None, None).magazine() else {
            return vec![];
        };
        let issues = load::issue_ids(&mag).unwrap_or_default();
        issues
            .iter()
            .rev()
            .flat_map(|issue| {
                load::slugs(&mag, *issue)
                    .into_iter()
                    .map(move |slug| CompletionCandidate::new(format!("{issue}/{slug}")))
            })
            .collect()
    })
}

/// Every issue of the magazine in the current folder, newest first.
pub fn issues() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let Ok(mag) = Ctx::new(None, None).magazine() else {
            return vec![];
        };
        let mut ids = load::issue_ids(&mag).unwrap_or_default();
        ids.reverse();
        ids.into_iter()
            .map(|id| CompletionCandidate::new(id.to_string()))
            .collect()
    })
}
