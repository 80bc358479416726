use std::io::Write;

use serde::Serialize;

use super::{Ctx, table};
use crate::core::issue::IssueId;
use crate::core::journal::Op;
use crate::error::Result;
use crate::messages;
use crate::messages::diff as says;
use crate::repo::history;
use crate::repo::load::{self, Article};
use crate::repo::revisions::{Revision, count_changes, revisions};
use crate::repo::{Magazine, history::LogEntry};

#[derive(clap::Args)]
pub struct Args {
    /// 稿件或期号；不写则列出全部记录
    #[arg(value_name = "稿件或期号", add = super::completions::articles())]
    target: Option<String>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
    /// 终端较窄时也按全宽输出，不截短
    #[arg(long)]
    wide: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    let under = match args.target.as_deref() {
        None => None,
        Some(t) => match IssueId::parse(t) {
            Some(_) if !t.contains('/') => Some(load::issue_rel(load::pick_issue(&mag, Some(t))?)),
            _ => return article_log(&mag, &load::resolve(&mag, t)?, args.json, args.wide),
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
    let mut t = table::Fit::new(&messages::LOG_HEADER)
        .shrinking(&[
            table::Shrink {
                column: 3,
                soft: 40,
                min: 20,
            },
            table::Shrink {
                column: 1,
                soft: 10,
                min: 6,
            },
        ])
        .dropping(&[4]);
    for e in &entries {
        t.row(vec![
            e.at.format("%Y-%m-%d %H:%M").to_string(),
            e.author.clone(),
            messages::op_label(e.op.as_deref()),
            e.subject.clone(),
            e.commit.clone(),
        ]);
    }
    writeln!(out, "{}", t.render(table::width(args.wide)))?;
    Ok(())
}

#[derive(Serialize)]
struct ArticleLogEntry<'a> {
    #[serde(flatten)]
    entry: &'a LogEntry,
    #[serde(skip_serializing_if = "Option::is_none")]
    revision: Option<&'a Revision>,
}

/// Everything done to one article, newest first, with each revision
/// numbered and its 字数 counted.
fn article_log(mag: &Magazine, article: &Article, json: bool, wide: bool) -> Result<()> {
    let mut entries = history::log(mag, Some(&article.rel_dir()))?;
    // 压稿: what was done to it in the issues it came from, up to each move.
    for moved in article.events.iter().filter(|e| e.op == Op::Move) {
        let Some(from) = moved.from.as_deref().and_then(IssueId::parse) else {
            continue;
        };
        let before = history::log(
            mag,
            Some(&format!("{}/{}", load::issue_rel(from), article.slug)),
        )?;
        let earlier: Vec<LogEntry> = before
            .into_iter()
            .filter(|e| e.at <= moved.at && !entries.iter().any(|k| k.commit == e.commit))
            .collect();
        entries.extend(earlier);
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    let mut revisions = revisions(mag, &article.rel_file())?;
    count_changes(&mut revisions);
    let revision_of = |e: &LogEntry| revisions.iter().find(|r| r.commit == e.commit);
    let mut out = std::io::stdout().lock();
    if json {
        let rows: Vec<ArticleLogEntry> = entries
            .iter()
            .map(|entry| ArticleLogEntry {
                entry,
                revision: revision_of(entry),
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&rows).expect("json")
        )?;
        return Ok(());
    }
    let mut t = table::Fit::new(&says::ARTICLE_LOG_HEADER)
        .shrinking(&[table::Shrink {
            column: 4,
            soft: 40,
            min: 16,
        }])
        .dropping(&[6]);
    for e in &entries {
        let r = revision_of(e);
        t.row(vec![
            r.map(|r| format!("r{}", r.number)).unwrap_or_default(),
            says::stamp(&e.at),
            e.author.clone(),
            messages::op_label(e.op.as_deref()),
            e.subject.clone(),
            r.map(|r| says::char_delta(r.added, r.removed))
                .unwrap_or_default(),
            e.commit.clone(),
        ]);
    }
    writeln!(out, "{}", t.render(table::width(wide)))?;
    writeln!(
        out,
        "{}",
        says::revision_count(&article.text.front.title, revisions.len())
    )?;
    Ok(())
}
