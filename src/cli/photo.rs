use std::fs;
use std::path::PathBuf;

use super::Ctx;
use crate::desk::photo;
use crate::error::Result;
use crate::messages;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 图片说明，照印刷样写，如“2023年12月20日，专题调研组赴……调研。 赵留丹 / 摄”
    #[arg(value_name = "图片说明")]
    caption: String,
    /// 摄影者；不写则从说明末尾的“某某 / 摄”读出
    #[arg(long, value_name = "摄影")]
    credit: Option<String>,
    /// 图片文件，复制到稿件目录里
    #[arg(long, value_name = "文件")]
    file: Option<PathBuf>,
}

/// Adds a photo caption (and optionally the photo) to an article.
pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let desk = ctx.desk(&mag)?;
    let file = match &args.file {
        Some(path) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .ok_or_else(|| messages::bad_photo_name(path))?;
            let bytes = fs::read(path)
                .map_err(|e| messages::read_failed(&path.display().to_string(), &e))?;
            Some((Some(name), bytes))
        }
        None => None,
    };
    let done = photo::photo(&desk, &args.article, &args.caption, args.credit, file)?;
    eprintln!("{}", messages::photo_added(&done.key, &done.photo));
    Ok(())
}
