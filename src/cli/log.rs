use std::io::Write;

use super::{Ctx, table};
use crate::core::issue::IssueId;
use crate::error::Result;
use crate::messages;
use crate::repo::history;
use crate::repo::load;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件或期号；不写则列出全部记录
    #[arg(value_name = "稿件或期号")]
    target: Option<String>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    let under = match args.target.as_deref() {
        None => None,
        Some(t) => match IssueId::parse(t) {
            Some(_) if !t.contains('/') => Some(load::issue_rel(load::pick_issue(&mag, Some(t))?)),
            _ => Some(load::resolve(&mag, t)?.rel_dir()),
        },
    };
    let entries = history::log(&mag, under.as_deref())?;
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&entries).expect("json")
        )?;
        return Ok(());
    }
    if entries.is_empty() {
        writeln!(out, "{}", messages::log_empty())?;
        return Ok(());
    }
    let mut t = table::new(&messages::LOG_HEADER);
    for e in &entries {
        table::row(
            &mut t,
            vec![
                e.at.format("%Y-%m-%d %H:%M").to_string(),
                e.author.clone(),
                messages::op_label(e.op.as_deref()),
                e.subject.clone(),
                e.commit.clone(),
            ],
        );
    }
    writeln!(out, "{t}")?;
    Ok(())
}
