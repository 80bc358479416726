use std::path::PathBuf;

use super::Ctx;
use crate::desk::add::{self, NewArticle, read_body};
use crate::error::Result;
use crate::messages;

#[derive(clap::Args)]
pub struct Args {
    /// 期号，例如 2024-02
    #[arg(value_name = "期号")]
    issue: String,
    /// 标题
    #[arg(long, value_name = "标题")]
    title: String,
    /// 副标题
    #[arg(long, value_name = "副标题")]
    subtitle: Option<String>,
    /// 引题（标题上方的一行）
    #[arg(long, value_name = "引题")]
    kicker: Option<String>,
    /// 作者，可写多次
    #[arg(long = "author", value_name = "作者")]
    authors: Vec<String>,
    /// 署名行，如“中共濮阳市委书记 万正峰”
    #[arg(long, value_name = "署名")]
    byline: Option<String>,
    /// 栏目
    #[arg(long, value_name = "栏目")]
    section: Option<String>,
    /// 起始页码
    #[arg(long, value_name = "页码")]
    page: Option<u32>,
    /// 所占页数
    #[arg(long, value_name = "页数")]
    pages: Option<u32>,
    /// 正文文件：.txt、.md 或 .docx；纯文本 UTF-8 或 GB18030 均可
    #[arg(long, value_name = "文件")]
    file: Option<PathBuf>,
    /// 刊出但不上目次（如书法、摄影、美术作品页）
    #[arg(long)]
    no_toc: bool,
    /// 稿件目录名（英文字母、数字、连字符）；不写则按标题拼音生成
    #[arg(long, value_name = "目录名")]
    slug: Option<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let desk = ctx.desk(&mag)?;
    let body = match &args.file {
        Some(path) => read_body(path, &mag.staff.magazine.running_heads)?,
        None => String::new(),
    };
    let new = NewArticle {
        title: args.title,
        subtitle: args.subtitle,
        kicker: args.kicker,
        authors: args.authors,
        byline: args.byline,
        section: args.section,
        page: args.page,
        pages: args.pages,
        in_toc: !args.no_toc,
        slug: args.slug,
        body,
    };
    let done = add::add(&desk, &args.issue, new)?;
    eprintln!(
        "{}",
        messages::article_added(&done.key, &done.title, done.chars)
    );
    Ok(())
}
