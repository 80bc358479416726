use super::Ctx;
use super::signoff::{StageChoice, sign};
use crate::core::workflow::StageKind;
use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 校对意见
    #[arg(long, short = 'm', value_name = "意见")]
    note: Option<String>,
}

/// Signs the next proofreading stage (校对, or 一校/二校/三校 in turn).
pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    sign(
        ctx,
        &args.article,
        StageChoice::Next(StageKind::Proofread),
        args.note,
    )
}
