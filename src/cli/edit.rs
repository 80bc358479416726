use std::process::Command;

use super::Ctx;
use super::revise::report;
use crate::desk::revise;
use crate::error::Result;
use crate::messages;
use crate::repo::load::{self, Article};

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 修订说明
    #[arg(long, short = 'm', value_name = "说明")]
    message: Option<String>,
}

fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| if cfg!(windows) { "notepad" } else { "vi" }.to_string())
}

/// Opens article.md in the user's editor, then saves what changed.
pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mut mag = ctx.magazine()?;
    ctx.actor(&mag)?;
    let article = load::resolve(&mag, &args.article)?;
    let path = mag.abs(&article.rel_file());
    let editor = editor();
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = Command::new(program)
        .args(words)
        .arg(&path)
        .status()
        .map_err(|e| messages::editor_failed(&editor, &e.to_string()))?;
    if !status.success() {
        return Err(messages::editor_failed(&editor, &status.to_string()));
    }
    // The editor may stay open for an hour; the turn to write is taken
    // only once it closes.
    mag.hold_writer_lock()?;
    let desk = ctx.desk(&mag)?;
    let edited = load::article(&mag, article.issue, &article.slug)
        .and_then(Article::readable)
        .map_err(|e| e.hint(messages::hint_fix_then_save(&article.key())))?;
    let body = edited.text.body.clone();
    let done = revise::record(&desk, &edited, &body, args.message.as_deref())?;
    report(&done);
    Ok(())
}
