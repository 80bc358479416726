use super::Ctx;
use crate::desk::release;
use crate::error::Result;
use crate::messages::release as says;

#[derive(clap::Args)]
pub struct Args {
    /// 期号，例如 2024-03
    #[arg(value_name = "期号", add = super::completions::issues())]
    issue: String,
    /// 撤回已签发的付印
    #[arg(long)]
    undo: bool,
    /// 撤回付印的理由（撤回时必须写）；签发时可附一句说明
    #[arg(long, value_name = "理由", required_if_eq("undo", "true"))]
    reason: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let desk = ctx.desk(&mag)?;
    let done = release::release(&desk, &args.issue, args.undo, args.reason.as_deref())?;
    let said = match args.undo {
        false => says::released(&done.issue, done.articles),
        true => says::unreleased(&done.issue),
    };
    eprintln!("{said}");
    Ok(())
}
