use std::io::{BufRead, Write};

use git2::{Oid, Repository, Sort};

use super::Ctx;
use crate::error::Result;
use crate::messages::verify as says;
use crate::repo::verify::Audit;

#[derive(clap::Args)]
pub struct Args {
    /// 要检查的范围：不写则检查全部历史；也可写 旧提交..新提交
    #[arg(value_name = "范围")]
    range: Option<String>,
    /// 由共享仓库的 pre-receive 钩子调用（从标准输入读推送内容）
    #[arg(long, hide = true)]
    pre_receive: bool,
}

fn walk(repo: &Repository, range: Option<&str>) -> Result<Vec<Oid>> {
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    match range {
        None => {
            if repo.head().is_err() {
                return Ok(vec![]);
            }
            walk.push_head()?;
        }
        Some(r) if r.contains("..") => walk.push_range(r).map_err(|_| says::bad_range(r))?,
        Some(r) => {
            let oid = repo
                .revparse_single(r)
                .and_then(|o| o.peel_to_commit())
                .map_err(|_| says::bad_range(r))?
                .id();
            walk.push(oid)?;
        }
    }
    Ok(walk.collect::<std::result::Result<_, _>>()?)
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    if args.pre_receive {
        return pre_receive();
    }
    let mag = ctx.magazine()?;
    let oids = walk(&mag.git, args.range.as_deref())?;
    let findings = Audit::new(&mag.git, &mag.prefix).commits(&oids)?;
    let mut out = std::io::stdout().lock();
    for f in &findings {
        writeln!(out, "{}", says::finding(f))?;
    }
    if findings.is_empty() {
        writeln!(out, "{}", says::clean(oids.len()))?;
        return Ok(());
    }
    Err(says::failed(findings.len()))
}

/// The guard: git feeds `old new ref` lines; any complaint rejects the push.
fn pre_receive() -> Result<()> {
    let repo = Repository::open_from_env()?;
    let audit = Audit::new(&repo, "").for_push();
    let mut complaints = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let mut parts = line.split_whitespace();
        let (Some(old), Some(new), Some(reference)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let (old, new) = (Oid::from_str(old)?, Oid::from_str(new)?);
        if !reference.starts_with("refs/heads/") {
            continue;
        }
        if new.is_zero() {
            complaints.push(says::hook_delete(reference));
            continue;
        }
        if !old.is_zero() && old != new && !repo.graph_descendant_of(new, old)? {
            complaints.push(says::hook_rewrite(reference));
            continue;
        }
        let mut walk = repo.revwalk()?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
        walk.push(new)?;
        if !old.is_zero() {
            walk.hide(old)?;
        }
        let oids: Vec<Oid> = walk.collect::<std::result::Result<_, _>>()?;
        complaints.extend(audit.commits(&oids)?.iter().map(says::finding));
    }
    if complaints.is_empty() {
        return Ok(());
    }
    eprintln!("{}", says::HOOK_HEADER);
    for c in &complaints {
        eprintln!("  {c}");
    }
    eprintln!("{}", says::hook_footer());
    std::process::exit(1);
}
