use super::Ctx;
use crate::desk::move_article;
use crate::error::Result;
use crate::messages::release as says;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 移到哪一期，例如 2024-04
    #[arg(value_name = "期号", add = super::completions::issues())]
    issue: String,
    /// 压稿的理由
    #[arg(long, value_name = "理由")]
    reason: String,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let desk = ctx.desk(&mag)?;
    let done = move_article::move_article(&desk, &args.article, &args.issue, &args.reason)?;
    eprintln!(
        "{}",
        says::moved(&done.from, &done.key, &done.title, &done.again)
    );
    Ok(())
}
