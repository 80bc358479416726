use std::io::Write;

use super::{Ctx, table};
use crate::core::flatplan::Row;
use crate::error::Result;
use crate::messages::toc as says;
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
    for (_, mut cells) in lines {
        cells[2] = short(&cells[2]);
        t.row(cells);
    }
    for (article, title) in &plan.unplaced {
        t.row(vec![
            String::new(),
            String::new(),
            short(article),
            title.clone(),
            says::unplaced_note().to_string(),
        ]);
    }
    writeln!(out, "{}", t.render(width))?;
    writeln!(out, "{}", says::plan_summary(&plan))?;
    Ok(())
}
