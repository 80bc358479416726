use super::Ctx;
use super::printout::{Output, deliver};
use crate::desk::paper;
use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件，或期号（整期按页码顺序，供通读）；不写则是最新一期
    #[arg(value_name = "稿件或期号", add = super::completions::articles())]
    target: Option<String>,
    /// 把校对助手的提示印在页边，挨着它说的那一段
    #[arg(long)]
    marks: bool,
    #[command(flatten)]
    output: Output,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    let printout = paper::proof_of(&mag, args.target.as_deref(), args.marks, ctx.now()?)?;
    deliver(ctx, printout, args.output, "proof 2024-02/qingneng")
}
