use super::Ctx;
use crate::desk::set::{self, FieldsSet};
use crate::error::Result;
use crate::messages;

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 要修改的项，如 page=4 pages=4 section=重要言论；值留空表示删除该项
    #[arg(value_name = "项=值", required = true)]
    fields: Vec<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let desk = ctx.desk(&mag)?;
    match set::set(&desk, &args.article, &args.fields)? {
        FieldsSet::Unchanged { key } => eprintln!("{}", messages::nothing_to_save(&key)),
        FieldsSet::Set {
            key,
            changed,
            stale,
        } => eprintln!("{}", messages::fields_set(&key, &changed, &stale)),
    }
    Ok(())
}
