use super::Ctx;
use crate::desk::withdraw;
use crate::error::Result;
use crate::messages::release as says;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 撤稿（或恢复）的理由
    #[arg(long, value_name = "理由")]
    reason: String,
    /// 恢复已撤的稿件
    #[arg(long)]
    undo: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let desk = ctx.desk(&mag)?;
    let done = withdraw::withdraw(&desk, &args.article, &args.reason, args.undo)?;
    let said = match args.undo {
        false => says::withdrawn(&done.key, &done.title),
        true => says::restored(&done.key, &done.title),
    };
    eprintln!("{said}");
    Ok(())
}
