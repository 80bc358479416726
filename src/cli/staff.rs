use std::io::Write;

use super::{Ctx, table};
use crate::error::Result;
use crate::messages;

#[derive(clap::Args)]
pub struct Args {
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&mag.staff.staff).expect("json")
        )?;
        return Ok(());
    }
    let mut t = table::Fit::new(&messages::STAFF_HEADER);
    for p in &mag.staff.staff {
        t.row(vec![
            p.name.clone(),
            p.title.clone().unwrap_or_default(),
            p.roles.join("、"),
            p.email.clone().unwrap_or_default(),
        ]);
    }
    writeln!(out, "{}", t.render(table::width(false)))?;
    Ok(())
}
