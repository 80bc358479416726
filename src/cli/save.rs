use super::Ctx;
use super::revise::record;
use crate::error::Result;
use crate::repo::load;

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
    let actor = ctx.actor(&mag)?;
    let article = load::resolve(&mag, &args.article)?;
    let body = article.text.body.clone();
    record(ctx, &mag, actor, &article, &body, args.message.as_deref())
}
