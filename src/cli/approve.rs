use super::Ctx;
use super::signoff::{StageChoice, sign};
use crate::core::workflow::StageKind;
use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 审读意见
    #[arg(long, short = 'm', value_name = "意见")]
    note: Option<String>,
}

/// Signs the next review stage (审定, or 初审/复审/终审 in turn).
pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    sign(
        ctx,
        &args.article,
        StageChoice::Next(StageKind::Review),
        args.note,
    )
}
