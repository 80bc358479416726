use std::io::Write;
use std::path::PathBuf;

use git2::Repository;

use super::Ctx;
use crate::error::Result;
use crate::messages::verify as says;
use crate::repo::files::write_atomic;

/// Marks a hook as ours, so reinstalling may replace it.
const HOOK_MARK: &str = "# installed by galley guard";

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// 在编辑部共用的仓库上安装守卫（pre-receive 钩子）
    Install {
        /// 共用仓库（bare 仓库）的路径
        #[arg(value_name = "共用仓库")]
        repo: PathBuf,
    },
}

fn hook_script(galley: &std::path::Path) -> String {
    let quoted = galley.display().to_string().replace('\'', "'\\''");
    format!(
        "#!/bin/sh\n{HOOK_MARK}\n# 每次推送前检查流程记录：拒绝伪造、改动或删除记录的推送。\nexec '{quoted}' verify --pre-receive\n"
    )
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let Action::Install { repo } = args.action;
    let path = ctx.dir.join(&repo);
    let bare = Repository::open_bare(&path).map_err(|_| says::not_bare(&path))?;
    if !bare.is_bare() {
        return Err(says::not_bare(&path));
    }
    let hook = bare.path().join("hooks").join("pre-receive");
    if let Ok(existing) = std::fs::read_to_string(&hook)
        && !existing.contains(HOOK_MARK)
    {
        return Err(says::hook_exists(&hook));
    }
    let galley = std::env::current_exe()?;
    std::fs::create_dir_all(hook.parent().expect("hooks folder"))?;
    write_atomic(&hook, hook_script(&galley).as_bytes())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))?;
    }
    writeln!(
        std::io::stdout(),
        "{}",
        says::guard_installed(&repo, &galley)
    )?;
    Ok(())
}
