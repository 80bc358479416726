use chrono::NaiveDate;

use super::Ctx;
use super::common::{article_trailers, commit_as, event_change, new_event, person};
use crate::core::journal::Op;
use crate::error::Result;
use crate::messages;
use crate::repo::load;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 责任编辑的姓名
    #[arg(value_name = "责任编辑")]
    editor: String,
    /// 截止日期，如 2024-02-20
    #[arg(long, value_name = "日期")]
    due: Option<String>,
    /// 附言
    #[arg(long, value_name = "附言")]
    note: Option<String>,
}

pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .ok_or_else(|| messages::bad_date(text))
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let actor = ctx.actor(&mag)?;
    let article = load::resolve(&mag, &args.article)?;
    let editor = person(&mag, &args.editor)?;
    let due = args.due.as_deref().map(parse_date).transpose()?;
    let wf = mag.staff.workflow();
    let status = article.status(&wf);
    wf.check_assign(actor, editor, status.editor.as_deref())
        .map_err(|r| messages::refused(&r))?;
    let now = ctx.now()?;
    let mut event = new_event(&article, Op::Assign, actor, now);
    event.editor = Some(editor.name.clone());
    event.due = due;
    event.note = args.note.filter(|n| !n.trim().is_empty());
    let key = article.key();
    let title = &article.text.front.title;
    commit_as(
        &mag,
        actor,
        now,
        &messages::subject_assign(&actor.name, title, &editor.name),
        &article_trailers("assign", &key),
        &[event_change(&article, &event)],
    )?;
    eprintln!("{}", messages::assigned(&key, title, &editor.name, due));
    Ok(())
}
