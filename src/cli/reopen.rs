use super::Ctx;
use crate::desk::sign;
use crate::error::Result;
use crate::messages;

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
    let desk = ctx.desk(&mag)?;
    let done = sign::reopen(&desk, &args.article, &args.reason)?;
    eprintln!(
        "{}",
        messages::reopened(&done.key, &done.title, done.withdrawn)
    );
    Ok(())
}
