use std::io::Write;

use super::{Ctx, table};
use crate::core::lint::quality::Corrections;
use crate::core::terminal::sanitize;
use crate::desk::quality::issue_quality;
use crate::error::Result;
use crate::messages::lint as says;

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
    let q = issue_quality(&mag, args.issue.as_deref())?;
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&q).expect("json"))?;
        return Ok(());
    }
    let width = table::width(args.wide);
    let mut t = table::Fit::new(&says::QUALITY_HEADER).shrinking(&[table::Shrink {
        column: 1,
        soft: 24,
        min: 10,
    }]);
    let mark = |over: bool, rate: f64| {
        let shown = says::rate(rate);
        if over {
            format!("{shown} {}", says::OVER_LIMIT)
        } else {
            shown
        }
    };
    let corrections = |c: &Corrections| format!("{}/{}/{}", c.words, c.punctuation, c.numbers);
    for a in &q.articles {
        let key = match width {
            Some(_) => table::without_issue(&a.article, &q.issue),
            None => a.article.clone(),
        };
        t.row(vec![
            key,
            sanitize(&a.title),
            a.characters.to_string(),
            corrections(&a.corrected),
            a.outstanding.error.to_string(),
            a.outstanding.warning.to_string(),
            a.outstanding.info.to_string(),
            mark(a.over_limit, a.rate),
        ]);
    }
    t.row(vec![
        says::QUALITY_TOTAL.to_string(),
        String::new(),
        q.characters.to_string(),
        corrections(&q.corrected),
        q.outstanding.error.to_string(),
        q.outstanding.warning.to_string(),
        q.outstanding.info.to_string(),
        mark(q.over_limit, q.rate),
    ]);
    writeln!(out, "{}", t.render(width))?;
    let rounds: Vec<String> = q
        .articles
        .iter()
        .flat_map(|a| {
            a.rounds.iter().map(|r| {
                says::round_line(
                    &a.article,
                    r.number,
                    &r.person,
                    &r.signed_at.format("%Y-%m-%d").to_string(),
                    &r.corrections,
                )
            })
        })
        .collect();
    if !rounds.is_empty() {
        writeln!(out, "{}", says::rounds_heading())?;
        for line in rounds {
            writeln!(out, "{line}")?;
        }
    }
    writeln!(out, "{}", says::counting_note(q.limit))?;
    writeln!(out, "{}", says::verdict(&q.issue, q.rate, q.limit))?;
    Ok(())
}
