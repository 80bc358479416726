use std::collections::BTreeMap;
use std::io::Write;

use super::Ctx;
use crate::core::status::Attention;
use crate::desk::common::{FALLBACK_EMAIL, message};
use crate::error::Result;
use crate::messages;
use crate::messages::sync as says;
use crate::repo::Magazine;
use crate::repo::commit::{Author, failpoint, head_ref_name};
use crate::repo::history::TRAILER_OP;
use crate::repo::load;
use crate::repo::sync::{Integrated, Sync, pending, unsaved};

/// Fetch, integrate and push are retried this many times when someone
/// else pushes in between.
const ATTEMPTS: usize = 5;

#[derive(clap::Args)]
pub struct Args {
    /// 共享仓库的名字（默认 origin）
    #[arg(long, default_value = "origin", value_name = "名字")]
    remote: String,
    /// 两边改了同一段、选定文字后，继续完成同步
    #[arg(long = "continue", conflicts_with = "abort")]
    resume: bool,
    /// 与 --continue 同用：冲突的段落直接用对方的文字
    #[arg(long, requires = "resume")]
    theirs: bool,
    /// 放弃停下来的同步，回到同步前的样子
    #[arg(long)]
    abort: bool,
}

/// What the sync summary compares and reports, per article.
struct Standing {
    title: String,
    fresh: Vec<String>,
    attention: Vec<Attention>,
}

/// Every article's standing, by key: before the sync to notice what it
/// made stale, after it to report what needs attention.
fn standings(mag: &Magazine) -> Result<BTreeMap<String, Standing>> {
    let wf = mag.staff.workflow();
    let mut out = BTreeMap::new();
    for issue in load::issue_ids(mag)? {
        for slug in load::slugs(mag, issue) {
            let a = load::article(mag, issue, &slug)?;
            let status = a.status(&wf);
            out.insert(
                a.key(),
                Standing {
                    title: a.text.front.title.clone(),
                    fresh: status.fresh_stages(),
                    attention: status.attention,
                },
            );
        }
    }
    Ok(out)
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let actor = ctx.actor(&mag)?;
    let branch = head_ref_name(&mag.git)?
        .strip_prefix("refs/heads/")
        .map(str::to_string)
        .ok_or_else(says::detached)?;
    let sync = Sync {
        mag: &mag,
        remote: args.remote.clone(),
        branch,
    };
    let author = Author {
        name: &actor.name,
        email: actor.email.as_deref().unwrap_or(FALLBACK_EMAIL),
        when: ctx.now()?,
    };
    let sig = author.signature()?;
    let merge_message = message(&says::merge_subject(&actor.name), &[(TRAILER_OP, "sync")]);
    let mut out = std::io::stdout().lock();
    let state = pending(&mag.git)?;
    if args.abort {
        sync.abandon(&state.ok_or_else(says::nothing_pending)?)?;
        writeln!(out, "{}", says::aborted())?;
        return Ok(());
    }
    let before = standings(&mag)?;
    let mut received = 0;
    if args.resume {
        let state = state.ok_or_else(says::nothing_pending)?;
        let others: Vec<String> = unsaved(&mag)?
            .into_iter()
            .filter(|f| !state.files.contains(f))
            .collect();
        if !others.is_empty() {
            return Err(says::unsaved(&others));
        }
        received += sync.resume(args.theirs, &sig, &merge_message)?;
    } else {
        if state.is_some() {
            return Err(says::in_progress());
        }
        let dirty = unsaved(&mag)?;
        if !dirty.is_empty() {
            return Err(says::unsaved(&dirty));
        }
    }
    let mut sent = 0;
    let mut raced = false;
    for attempt in 0..ATTEMPTS {
        let theirs = sync.fetch()?;
        match sync.integrate(theirs, &sig, &merge_message)? {
            Integrated::Conflict(spots) => return Err(says::conflict(&spots)),
            Integrated::Merged { received: r } => received += r,
            Integrated::Nothing => {}
        }
        let (ahead, _) = sync.ahead_behind(sync.head()?, theirs)?;
        if attempt == 0 && ahead > 0 {
            failpoint("pause-before-push");
        }
        if ahead == 0 || sync.push()? {
            sent = ahead;
            break;
        }
        raced = true;
        if attempt + 1 == ATTEMPTS {
            return Err(says::push_refused(&args.remote, "non-fast-forward"));
        }
    }
    writeln!(out, "{}", says::summary(received, sent))?;
    if raced {
        writeln!(out, "{}", says::retried())?;
    }
    let wf = mag.staff.workflow();
    let after = standings(&mag)?;
    for (key, was) in &before {
        let now = after
            .get(key)
            .map(|s| s.fresh.as_slice())
            .unwrap_or_default();
        let lost: Vec<String> = was
            .fresh
            .iter()
            .filter(|s| !now.contains(s))
            .map(|s| wf.stage_name(s))
            .collect();
        if !lost.is_empty() {
            writeln!(out, "{}", says::now_stale(&was.title, key, &lost))?;
        }
    }
    for (key, now) in &after {
        for x in &now.attention {
            writeln!(out, "{}", messages::attention(key, &wf, x))?;
        }
    }
    Ok(())
}
