use super::Ctx;
use crate::desk::sign::{self, parse_date};
use crate::error::Result;
use crate::messages;

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

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let desk = ctx.desk(&mag)?;
    let due = args.due.as_deref().map(parse_date).transpose()?;
    let done = sign::assign(&desk, &args.article, &args.editor, due, args.note)?;
    eprintln!(
        "{}",
        messages::assigned(&done.key, &done.title, &done.editor, done.due)
    );
    Ok(())
}
