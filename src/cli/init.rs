use std::fs;
use std::path::PathBuf;

use git2::{Repository, RepositoryInitOptions};

use super::Ctx;
use crate::core::staff::{Person, StaffFile};
use crate::desk::common::commit_as;
use crate::error::Result;
use crate::messages;
use crate::repo::commit::Change;
use crate::repo::files::read_text;
use crate::repo::history::TRAILER_OP;
use crate::repo::{ISSUES_DIR, Magazine, STAFF_FILE, dunce_canonical};

const STARTER: &str = include_str!("../templates/staff.toml");
const KEEP_FILE: &str = ".gitkeep";

#[derive(clap::Args)]
pub struct Args {
    /// 仓库所在目录（默认是当前目录）
    #[arg(value_name = "目录")]
    dir: Option<PathBuf>,
    /// 刊名，写入新的 staff.toml
    #[arg(long, value_name = "刊名")]
    name: Option<String>,
    /// 复制一份现成的 staff.toml，而不是空白模板
    #[arg(long, value_name = "文件")]
    staff: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let target = match &args.dir {
        Some(d) => ctx.dir.join(d),
        None => ctx.dir.clone(),
    };
    fs::create_dir_all(&target).map_err(|e| messages::write_failed(&target, &e))?;
    let target = dunce_canonical(&target);
    if target.join(STAFF_FILE).exists() {
        return Err(messages::already_magazine(&target));
    }
    let staff_text = match &args.staff {
        Some(file) => read_text(file, &file.display().to_string())?,
        None => STARTER.replace("{NAME}", args.name.as_deref().unwrap_or("刊名")),
    };
    let staff: StaffFile = toml::from_str(&staff_text).map_err(|e| {
        messages::broken_toml(
            &args
                .staff
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            &crate::core::tomlpos::locate(&staff_text, &e, 0),
        )
    })?;

    let git = match Repository::discover(&target) {
        Ok(repo) if repo.workdir().is_some() => repo,
        _ => {
            let mut opts = RepositoryInitOptions::new();
            opts.initial_head("main");
            Repository::init_opts(&target, &opts)?
        }
    };
    let workdir = dunce_canonical(git.workdir().expect("checked above"));
    let prefix = target
        .strip_prefix(&workdir)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let mag = Magazine {
        root: target.clone(),
        prefix,
        git,
        staff: staff.clone(),
        writer: None,
        head_trees: Default::default(),
    };
    let name = if staff.magazine.name.is_empty() {
        "刊名".to_string()
    } else {
        staff.magazine.name.clone()
    };
    let mut changes = vec![
        Change {
            rel: STAFF_FILE.into(),
            content: staff_text.into_bytes(),
        },
        Change {
            rel: format!("{ISSUES_DIR}/{KEEP_FILE}"),
            content: vec![],
        },
    ];
    // The designer's own copies of the layouts: contents page, 稿件处理单,
    // 付印单 and 校样.
    changes.extend(crate::typeset::FORMS.iter().map(|form| Change {
        rel: form.rel.into(),
        content: form.builtin.as_bytes().to_vec(),
    }));
    // The office's word lists, to edit rather than start from nothing.
    changes.extend(
        crate::core::lint::style::starter_files().map(|(rel, text)| Change {
            rel,
            content: text.as_bytes().to_vec(),
        }),
    );
    let now = ctx.now()?;
    let subject = messages::subject_init(&name);
    let trailers = [(TRAILER_OP, "init")];
    let actor = ctx
        .claimed_name(Some(&mag))
        .and_then(|(n, _)| staff.person(&n).cloned())
        .unwrap_or_else(|| fallback_author(&mag));
    commit_as(&mag, &actor, now, &subject, &trailers, &changes)?;
    eprintln!(
        "{}",
        messages::initialized(&target, &name, staff.staff.is_empty())
    );
    Ok(())
}

/// Before anyone is on the staff list, the first commit is made in git's
/// own name for this user, or as galley.
fn fallback_author(mag: &Magazine) -> Person {
    let config = mag.git.config().ok();
    let get = |key: &str| config.as_ref().and_then(|c| c.get_string(key).ok());
    Person {
        name: get("user.name").unwrap_or_else(|| "galley".into()),
        email: get("user.email"),
        title: None,
        roles: vec![],
    }
}
