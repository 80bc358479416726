use std::path::PathBuf;

use super::Ctx;
use crate::desk::add::read_body;
use crate::desk::revise::{self, Revised};
use crate::error::Result;
use crate::messages;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 新的正文文件：.txt、.md 或 .docx
    #[arg(long, value_name = "文件")]
    file: PathBuf,
    /// 修订说明
    #[arg(long, short = 'm', value_name = "说明")]
    message: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let desk = ctx.desk(&mag)?;
    let body = read_body(&args.file, &mag.staff.magazine.running_heads)?;
    let done = revise::revise(&desk, &args.article, &body, args.message.as_deref())?;
    report(&done);
    Ok(())
}

/// Says what a revision did.
pub fn report(done: &Revised) {
    match done {
        Revised::Unchanged { key } => eprintln!("{}", messages::nothing_to_save(key)),
        Revised::Saved {
            key,
            title,
            body_changed,
            stale,
        } => eprintln!("{}", messages::revised(key, title, *body_changed, stale)),
    }
}
