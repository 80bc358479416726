use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::Ctx;
use crate::core::export::{Encoding, TextOptions};
use crate::desk::export::{Layout, Source, select};
use crate::error::Result;
use crate::messages::word as says;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Word 文件，带本刊的段落样式（标题、副标题、作者、正文）
    Docx,
    /// 纯文本，一段一行，供排版软件
    Txt,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Charset {
    /// UTF-8
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GB18030（国标，老版排版软件和记事本用）
    #[value(name = "gb18030", alias = "gbk")]
    Gb18030,
}

#[derive(clap::Args)]
pub struct Args {
    /// 稿件，或期号（整期按页码顺序）
    #[arg(value_name = "稿件或期号", add = super::completions::articles())]
    target: String,
    /// 输出格式
    #[arg(long, value_enum, value_name = "格式", default_value_t = Format::Docx)]
    format: Format,
    /// 写入文件（Word 文件和压缩包必须写文件）
    #[arg(short = 'o', long, value_name = "文件")]
    output: Option<PathBuf>,
    /// 纯文本的编码
    #[arg(long, value_enum, value_name = "编码", default_value_t = Charset::Utf8)]
    encoding: Charset,
    /// 纯文本用 Windows 换行（CRLF）
    #[arg(long)]
    crlf: bool,
    /// 也导出未审定的稿件（文件里标明「未审定」）
    #[arg(long)]
    draft: bool,
    /// 整期时每篇一个文件，装进 zip 压缩包
    #[arg(long)]
    zip: bool,
    /// 把一篇稿件的改动导出为 Word 修订（每处改动署改稿人和日期）
    #[arg(long, conflicts_with_all = ["zip", "draft"])]
    changes: bool,
    /// 修订的起点，写法同 galley diff：r3、环节名、提交号；默认是最近一次签署时的文本
    #[arg(long, value_name = "版本", requires = "changes")]
    from: Option<String>,
    /// 修订的终点，写法同 --from；默认是最新的修订
    #[arg(long, value_name = "版本", requires = "changes")]
    to: Option<String>,
}

fn run_changes(ctx: &Ctx, args: &Args) -> Result<()> {
    let mag = ctx.magazine()?;
    if args.format != Format::Docx {
        return Err(says::changes_only_docx());
    }
    if crate::desk::lint::names_issue(args.target.trim()) {
        return Err(says::changes_need_article());
    }
    if args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(says::needs_file(&format!(
            "export {} --changes -o 修订.docx",
            args.target
        )));
    }
    let changes =
        crate::desk::export::changes(&mag, &args.target, args.from.as_deref(), args.to.as_deref())?;
    if changes.unsaved {
        eprintln!("{}", says::unsaved_left_out());
    }
    match &args.output {
        Some(given) => {
            let path = ctx.dir.join(given);
            std::fs::write(&path, &changes.docx)
                .map_err(|e| crate::messages::write_failed(&path, &e))?;
            eprintln!(
                "{}",
                says::changes_written(
                    &given.display().to_string(),
                    &changes.title,
                    &changes.revisions,
                    changes.notes
                )
            );
            eprintln!(
                "{}",
                says::changes_span(&changes.from_label, &changes.to_label)
            );
        }
        None => std::io::stdout().lock().write_all(&changes.docx)?,
    }
    Ok(())
}

/// The layout the options ask for.
fn layout(args: &Args) -> Layout {
    match args.format {
        Format::Docx => Layout::Docx,
        Format::Txt => Layout::Txt(TextOptions {
            encoding: match args.encoding {
                Charset::Utf8 => Encoding::Utf8,
                Charset::Gb18030 => Encoding::Gb18030,
            },
            crlf: args.crlf,
        }),
    }
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    if args.changes {
        return run_changes(ctx, &args);
    }
    let mag = ctx.magazine()?;
    if args.format == Format::Docx && (args.crlf || args.encoding != Charset::Utf8) {
        return Err(says::encoding_only_txt());
    }
    let selection = select(&mag, &args.target, args.draft)?;
    if args.zip && selection.single {
        return Err(says::zip_needs_issue());
    }
    for a in &selection.articles {
        if a.source == Source::AsApproved {
            eprintln!("{}", says::as_approved(&a.title));
        }
    }
    let drafts = selection
        .articles
        .iter()
        .filter(|a| a.source == Source::Draft)
        .count();
    if drafts > 0 && !selection.single {
        eprintln!("{}", says::drafts_included(drafts));
    }
    let binary = args.zip || args.format == Format::Docx;
    if binary && args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(says::needs_file(&format!(
            "export {} -o 文件名.{}",
            args.target,
            if args.zip { "zip" } else { "docx" }
        )));
    }
    let bytes = match args.zip {
        true => selection.zipped(layout(&args))?,
        false => selection.render(None, layout(&args)),
    };
    match &args.output {
        Some(given) => {
            let path = ctx.dir.join(given);
            std::fs::write(&path, bytes).map_err(|e| crate::messages::write_failed(&path, &e))?;
            eprintln!(
                "{}",
                says::written(&given.display().to_string(), selection.articles.len())
            );
        }
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(())
}
