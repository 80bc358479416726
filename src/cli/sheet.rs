use super::Ctx;
use super::printout::{Output, deliver};
use crate::desk::paper;
use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件（打印稿件处理单）或期号（打印付印单）；不写则是最新一期的付印单
    #[arg(value_name = "稿件或期号", add = super::completions::articles())]
    target: Option<String>,
    #[command(flatten)]
    output: Output,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    let printout = paper::sheet(&mag, args.target.as_deref(), ctx.now()?)?;
    deliver(ctx, printout, args.output, "sheet 2024-02/qingneng")
}
