use super::Ctx;
use super::common::{article_trailers, commit_as, event_change, new_event};
use crate::core::journal::Op;
use crate::error::Result;
use crate::messages;
use crate::repo::load;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 退回的理由
    #[arg(long, value_name = "理由")]
    reason: String,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let actor = ctx.actor(&mag)?;
    let article = load::resolve(&mag, &args.article)?;
    let reason = args.reason.trim();
    if reason.is_empty() {
        return Err(messages::empty_reason());
    }
    let wf = mag.staff.workflow();
    let status = article.status(&wf);
    wf.check_reopen(actor, status.editor.as_deref(), !status.signed.is_empty())
        .map_err(|r| messages::refused(&r))?;
    let now = ctx.now()?;
    let mut event = new_event(&article, Op::Reopen, actor, now);
    event.note = Some(reason.to_string());
    let key = article.key();
    let title = &article.text.front.title;
    commit_as(
        &mag,
        actor,
        now,
        &messages::subject_reopen(&actor.name, title, reason),
        &article_trailers("reopen", &key),
        &[event_change(&article, &event)],
    )?;
    eprintln!("{}", messages::reopened(&key, title, status.signed.len()));
    Ok(())
}
