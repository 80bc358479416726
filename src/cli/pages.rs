use std::io::Write;

use super::{Ctx, table};
use crate::error::Result;
use crate::messages::toc as says;
use crate::render::flatplan_rows;
use crate::repo::issue_contents::IssueContents;

#[derive(clap::Args)]
pub struct Args {
    /// 期号，例如 2024-02；不写则用最新一期
    #[arg(value_name = "期号", add = super::completions::issues())]
    issue: Option<String>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
    /// 终端较窄时也按全宽输出，不截短
    #[arg(long)]
    wide: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    let issue = IssueContents::load(&mag, args.issue.as_deref())?;
    let plan = issue.plan();
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&plan).expect("json")
        )?;
        return Ok(());
    }
    let width = table::width(args.wide);
    let short = |key: &str| match width {
        Some(_) => table::without_issue(key, &issue.id.to_string()),
        None => key.to_string(),
    };
    let mut t = table::Fit::new(&says::PAGES_HEADER).shrinking(&[
        table::Shrink {
            column: 3,
            soft: 30,
            min: 16,
        },
        table::Shrink {
            column: 4,
            soft: 12,
            min: 8,
        },
    ]);
    for row in flatplan_rows::rows(&plan) {
        let mut cells = row.to_vec();
        cells[2] = short(&cells[2]);
        t.row(cells);
    }
    writeln!(out, "{}", t.render(width))?;
    writeln!(out, "{}", says::plan_summary(&plan))?;
    Ok(())
}
