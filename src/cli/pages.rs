use std::io::Write;

use super::{Ctx, table};
use crate::core::flatplan::Row;
use crate::error::Result;
use crate::messages::toc as says;
use crate::repo::issue_contents::IssueContents;

#[derive(clap::Args)]
pub struct Args {
    /// 期号，例如 2024-02；不写则用最新一期
    #[arg(value_name = "期号")]
    issue: Option<String>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

fn span(from: u32, to: u32) -> String {
    if from == to {
        format!("{from:02}")
    } else {
        format!("{from:02}–{to:02}")
    }
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
    // Rows and gaps interleaved in page order.
    let mut lines: Vec<(u32, Vec<String>)> = plan
        .rows
        .iter()
        .map(|r: &Row| {
            let mut notes = Vec::new();
            if r.estimated {
                notes.push(says::ESTIMATED.to_string());
            }
            for o in plan.overlaps.iter().filter(|o| o.second == r.article) {
                notes.push(says::overlap_note(&o.first));
            }
            (
                r.from,
                vec![
                    span(r.from, r.to),
                    (r.to - r.from + 1).to_string(),
                    r.article.clone(),
                    r.title.clone(),
                    notes.join("；"),
                ],
            )
        })
        .collect();
    for (from, to) in &plan.gaps {
        lines.push((
            *from,
            vec![
                span(*from, *to),
                (to - from + 1).to_string(),
                String::new(),
                says::gap_row().to_string(),
                String::new(),
            ],
        ));
    }
    lines.sort_by_key(|(from, _)| *from);
    let mut t = table::new(&says::PAGES_HEADER);
    for (_, cells) in lines {
        table::row(&mut t, cells);
    }
    for (article, title) in &plan.unplaced {
        table::row(
            &mut t,
            vec![
                String::new(),
                String::new(),
                article.clone(),
                title.clone(),
                says::unplaced_note().to_string(),
            ],
        );
    }
    writeln!(out, "{t}")?;
    writeln!(out, "{}", says::plan_summary(&plan))?;
    Ok(())
}
