use std::io::Write;

use serde_json::json;

use super::Ctx;
use crate::core::terminal::sanitize;
use crate::desk::board::board_row;
use crate::desk::common::has_unsaved_body;
use crate::error::Result;
use crate::messages;
use crate::repo::load;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    let article = load::resolve(&mag, &args.article)?;
    let wf = mag.staff.workflow();
    let unsaved = has_unsaved_body(&mag, &article);
    let row = board_row(&wf, &article, unsaved, ctx.now()?.date_naive());
    let mut out = std::io::stdout().lock();
    if args.json {
        let value = json!({
            "article": article.key(),
            "front": article.text.front,
            "characters": crate::core::text::body_characters(&article.text.body),
            "body_hash": article.body_hash(),
            "status": row,
            "journal": article.events,
            "event_ids": article.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>(),
        });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).expect("json")
        )?;
        return Ok(());
    }
    for line in messages::show_lines(&wf, &article.text, &article.events, &row) {
        writeln!(out, "{}", sanitize(&line))?;
    }
    Ok(())
}
