use super::Ctx;
use super::revise::report;
use crate::desk::revise;
use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 修订说明
    #[arg(long, short = 'm', value_name = "说明")]
    message: Option<String>,
}

/// Records hand edits made to article.md in any editor.
pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let desk = ctx.desk(&mag)?;
    let done = revise::save(&desk, &args.article, args.message.as_deref())?;
    report(&done);
    Ok(())
}
