use std::path::PathBuf;

use super::Ctx;
use crate::core::docx::Review;
use crate::desk::add::read_body;
use crate::desk::revise::{self, Revised};
use crate::error::Result;
use crate::messages;
use crate::messages::word as says;

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
    /// Word 文件里有修订和批注时：接受全部修订保存，批注记入这次修订的记录
    #[arg(long)]
    accept: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let desk = ctx.desk(&mag)?;
    let review = word_review(&args.file)?;
    let body = read_body(&args.file, &mag.staff.magazine.running_heads)?;
    let done = match review {
        None => revise::revise(&desk, &args.article, &body, args.message.as_deref())?,
        Some(review) => {
            // The listing is what the file holds: data, on stdout.
            print!("{}", says::review(&review));
            let article = crate::repo::load::resolve(&mag, &args.article)?;
            if !args.accept {
                // A file that would be refused anyway says why first.
                revise::check_returned(&mag, &article, &review)?;
                return Err(says::review_needs_accept(
                    &review,
                    &args.article,
                    &args.file.display().to_string(),
                ));
            }
            revise::record_reviewed(&desk, &article, &body, args.message.as_deref(), &review)?
        }
    };
    report(&done);
    Ok(())
}

/// The 修订 and 批注 of a Word file; None for any other file, or one
/// that cannot be read (reading the body then says why).
fn word_review(path: &std::path::Path) -> Result<Option<Review>> {
    let name = path.display().to_string();
    if !path.is_file() || !name.to_ascii_lowercase().ends_with(".docx") {
        return Ok(None);
    }
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > crate::desk::add::MAX_IMPORT_BYTES {
        return Ok(None);
    }
    let bytes = std::fs::read(path).map_err(|e| messages::read_failed(&name, &e))?;
    Ok(revise::word_review(&name, &bytes))
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
