use super::Ctx;
use super::common::{article_trailers, commit_as, ensure_saved, event_change, new_event};
use crate::core::journal::Op;
use crate::core::workflow::{Stage, StageKind};
use crate::error::Result;
use crate::messages;
use crate::repo::history::TRAILER_STAGE;
use crate::repo::load;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 流程环节，如 proofread、approved，或中文名“校对”“审定”
    #[arg(value_name = "环节")]
    stage: String,
    /// 审读意见
    #[arg(long, short = 'm', value_name = "意见")]
    note: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    sign(
        ctx,
        &args.article,
        StageChoice::Named(&args.stage),
        args.note,
    )
}

pub enum StageChoice<'a> {
    Named(&'a str),
    /// The next stage of this kind that the article still needs.
    Next(StageKind),
}

pub fn sign(ctx: &Ctx, reference: &str, choice: StageChoice, note: Option<String>) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let actor = ctx.actor(&mag)?;
    let article = load::resolve(&mag, reference)?;
    let wf = mag.staff.workflow();
    let status = article.status(&wf);
    let stage: Stage = match choice {
        StageChoice::Named(word) => wf
            .lookup(word)
            .cloned()
            .ok_or_else(|| messages::unknown_stage(word, &wf))?,
        StageChoice::Next(kind) => wf
            .next_of_kind(kind, &status.fresh_stages())
            .cloned()
            .ok_or_else(|| messages::no_stage_of_kind(kind))?,
    };
    ensure_saved(&mag, &article)?;
    wf.check_signoff(
        &stage,
        actor,
        status.editor.as_deref(),
        &status.signed_triples(),
    )
    .map_err(|r| messages::refused(&r))?;
    let now = ctx.now()?;
    let mut event = new_event(&article, Op::Signoff, actor, now);
    event.stage = Some(stage.id.clone());
    event.body = Some(article.body_hash());
    event.note = note.filter(|n| !n.trim().is_empty());
    let key = article.key();
    let title = &article.text.front.title;
    let mut trailers = article_trailers("signoff", &key);
    trailers.push((TRAILER_STAGE, &stage.id));
    commit_as(
        &mag,
        actor,
        now,
        &messages::subject_signoff(&actor.name, title, &stage.name),
        &trailers,
        &[event_change(&article, &event)],
    )?;
    eprintln!("{}", messages::signed(&key, title, &stage.name));
    Ok(())
}
