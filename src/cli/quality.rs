use std::io::Write;

use super::{Ctx, table};
use crate::core::terminal::sanitize;
use crate::desk::quality::{Tally, issue_quality};
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
    // On a fresh clone both the history index (for the rounds) and what the
    // checker learns from the archive are built from nothing, seconds each
    // on a 30-year archive; neither needs the other, so they share the
    // cores. The desk keeps its index caught up and needs no such thread.
    let root = mag.root.clone();
    let q = std::thread::scope(|s| {
        s.spawn(move || crate::repo::history_index::catch_up_in(&root));
        issue_quality(&mag, args.issue.as_deref())
    })?;
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
    let figures = |t: &Tally| {
        let mut rate = says::rate(t.rate);
        if t.over_limit {
            rate = format!("{rate} {}", says::OVER_LIMIT);
        }
        let c = &t.corrected;
        let o = &t.outstanding;
        [
            t.characters.to_string(),
            format!("{}/{}/{}", c.words, c.punctuation, c.numbers),
            o.error.to_string(),
            o.warning.to_string(),
            o.info.to_string(),
            format!("{:.2}", t.weighted_errors),
            rate,
        ]
    };
    for a in &q.articles {
        let key = match width {
            Some(_) => table::without_issue(&a.article, &q.issue),
            None => a.article.clone(),
        };
        t.row([vec![key, sanitize(&a.title)], figures(&a.tally).to_vec()].concat());
    }
    let total = vec![says::QUALITY_TOTAL.to_string(), String::new()];
    t.row([total, figures(&q.tally).to_vec()].concat());
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
    writeln!(out, "{}", says::verdict(&q.issue, q.tally.rate, q.limit))?;
    Ok(())
}
