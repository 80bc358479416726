use super::Ctx;
use crate::desk::sign;
pub use crate::desk::sign::StageChoice;
use crate::error::Result;
use crate::messages;

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

/// Signs a stage off and says so.
pub fn sign(ctx: &Ctx, reference: &str, choice: StageChoice, note: Option<String>) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let desk = ctx.desk(&mag)?;
    let done = sign::sign(&desk, reference, choice, note)?;
    eprintln!(
        "{}",
        messages::signed(&done.key, &done.title, &done.stage.name)
    );
    Ok(())
}
