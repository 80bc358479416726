use std::io::Write;
use std::path::{Path, PathBuf};

use git2::{Config, ConfigLevel, Repository};

use super::Ctx;
use crate::error::Result;
use crate::messages::verify as says;
use crate::repo::files::write_atomic;

/// Marks a hook as ours, so reinstalling may replace it.
const HOOK_MARK: &str = "# installed by galley guard";

/// Where git (and libgit2, so galley) reads the system-wide settings when
/// libgit2 finds none: Debian's git reads /etc/gitconfig.
const SYSTEM_GITCONFIG: &str = "/etc/gitconfig";

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
        /// 同时把仓库设为用户组共用，让组里每个人都能推送：core.sharedRepository=group，文件交给这个组、组内可读写，文件夹加 setgid；并把仓库加入 /etc/gitconfig 的 safe.directory（通常要以 root 运行）
        #[arg(long)]
        shared: bool,
        /// 共用仓库的用户组（和 --shared 一起用）
        #[arg(
            long,
            value_name = "用户组",
            default_value = "galley",
            requires = "shared"
        )]
        group: String,
    },
}

fn hook_script(galley: &Path) -> String {
    let quoted = galley.display().to_string().replace('\'', "'\\''");
    format!(
        "#!/bin/sh\n{HOOK_MARK}\n# 每次推送前检查流程记录：拒绝伪造、改动或删除记录的推送。\n\
         # galley 在仓库里写下的文件要让同组的人（网页版、其他编辑）也能改，只挡住组外的人。\n\
         umask 0007\nexec '{quoted}' verify --pre-receive\n"
    )
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let Action::Install {
        repo,
        shared,
        group,
    } = args.action;
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
    let mut out = std::io::stdout().lock();
    // The one step that needs root even when the rest does not comes first,
    // so a refusal leaves the repository as it was.
    let sharing = if shared {
        let gid = group_id(&group).ok_or_else(|| says::no_such_group(&group))?;
        let top = std::fs::canonicalize(bare.path())?;
        let trusted = trust(&top)?;
        Some((gid, top, trusted))
    } else {
        None
    };
    let galley = std::env::current_exe()?;
    let script = hook_script(&galley);
    // The same hook again is left as it is, so a second run changes nothing.
    if std::fs::read_to_string(&hook).ok().as_deref() != Some(script.as_str()) {
        std::fs::create_dir_all(hook.parent().expect("hooks folder"))?;
        write_atomic(&hook, script.as_bytes())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))?;
        }
    }
    let mut shared_top = None;
    if let Some((gid, top, trusted)) = sharing {
        let mut config = bare.config()?.open_level(ConfigLevel::Local)?;
        let was = config.get_string("core.sharedRepository").ok();
        config.set_str("core.sharedRepository", "group")?;
        drop(config);
        // galley's own files in the repository (the desk's passwords and
        // indexes): made now, so that they are the group's too.
        std::fs::create_dir_all(bare.commondir().join("galley"))?;
        let changed = share_with_group(&top, gid).map_err(|e| says::share_failed(&top, &e))?;
        writeln!(
            out,
            "{}",
            says::shared(&top, &group, was.as_deref() == Some("group"), changed)
        )?;
        writeln!(out, "{}", says::trusted(&top, &trusted.0, trusted.1))?;
        shared_top = Some(top);
    }
    writeln!(out, "{}", says::guard_installed(&repo, &galley))?;
    if let Some(top) = shared_top {
        writeln!(out, "{}", says::shared_next(&top, &group))?;
    }
    Ok(())
}

/// The number of the group called `name`, from /etc/group.
fn group_id(name: &str) -> Option<u32> {
    let groups = std::fs::read_to_string("/etc/group").ok()?;
    groups.lines().find_map(|line| {
        let mut fields = line.split(':');
        (fields.next()? == name).then_some(())?;
        fields.nth(1)?.parse().ok()
    })
}

/// Git since 2.36 (Debian 12's 2.39 too) refuses to clone from or push to
/// a repository another account owns unless it is listed in
/// `safe.directory`, read only from the system and the personal settings;
/// so the repository is listed once for everyone in the system settings,
/// which libgit2 (galley in the hook, the desk) reads as well.
/// Returns the settings file and whether the repository was added to it
/// (false: it, or `*`, was there already).
fn trust(top: &Path) -> Result<(PathBuf, bool)> {
    // GIT_CONFIG_SYSTEM names another file for git as well (git 2.32 on).
    let file = match std::env::var_os("GIT_CONFIG_SYSTEM") {
        Some(file) => PathBuf::from(file),
        None => Config::find_system().unwrap_or_else(|_| PathBuf::from(SYSTEM_GITCONFIG)),
    };
    let value = top.display().to_string();
    let mut config = Config::open(&file).map_err(|_| says::trust_failed(&file))?;
    let mut listed = false;
    if let Ok(entries) = config.multivar("safe.directory", None) {
        entries.for_each(|e| {
            if matches!(e.value(), Ok(v) if v == value || v == "*") {
                listed = true;
            }
        })?;
    }
    if listed {
        return Ok((file, false));
    }
    // set_multivar adds a value when none matches the pattern; this one
    // matches only the value itself, which is not there.
    config
        .set_multivar(
            "safe.directory",
            &format!("^{}$", regex_escape(&value)),
            &value,
        )
        .map_err(|_| says::trust_failed(&file))?;
    Ok((file, true))
}

fn regex_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.^$|?*+()[]{}".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// Gives the whole repository to the group as git's own
/// `core.sharedRepository=group` would have made it: every folder
/// group-writable and setgid (so what anyone creates in it stays in the
/// group), every file open to the group as far as it is to its owner.
/// Symbolic links, and what is inside galley's own folder, are left alone.
/// Returns how many entries changed.
#[cfg(unix)]
fn share_with_group(top: &Path, gid: u32) -> std::io::Result<usize> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let mut changed = 0;
    let mut stack = vec![top.to_path_buf()];
    while let Some(path) = stack.pop() {
        let meta = std::fs::symlink_metadata(&path)?;
        if meta.file_type().is_symlink() {
            continue;
        }
        let mut touched = false;
        if meta.gid() != gid {
            std::os::unix::fs::chown(&path, None, Some(gid))?;
            touched = true;
        }
        let mode = meta.mode() & 0o7777;
        let wanted = if meta.is_dir() {
            mode | 0o2070
        } else {
            mode | ((mode & 0o700) >> 3)
        };
        // chown clears setgid on some systems, so the mode is set after it.
        if wanted != mode || touched {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(wanted))?;
            touched = true;
        }
        if touched {
            changed += 1;
        }
        // galley's own files (the desk's passwords, its signing key) are
        // kept from the group on purpose: only their folder is shared.
        if meta.is_dir() && path != top.join("galley") {
            for entry in std::fs::read_dir(&path)? {
                stack.push(entry?.path());
            }
        }
    }
    Ok(changed)
}

#[cfg(not(unix))]
fn share_with_group(_top: &Path, _gid: u32) -> std::io::Result<usize> {
    Err(std::io::Error::other("只有 Linux 等 Unix 系统上有用户组"))
}
