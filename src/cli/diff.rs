use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use serde_json::json;

use super::Ctx;
use crate::core::diff::tokens;
use crate::desk::compare::{Comparison, compare};
use crate::error::Result;
use crate::messages::diff as says;
use crate::render::redline::{self, Marks};
use crate::render::redline_html;
use crate::repo::load;
use crate::repo::versions::Version;

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// 每处改动连同前后几个字
    Inline,
    /// 逐段列出改动过的段落
    Unified,
    /// 可打印的修订对照网页
    Html,
    /// 供程序读取
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Words {
    /// 按字比较（外文单词和数字整体比较）
    Char,
    /// 按结巴分词的词比较
    Jieba,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
pub struct Args {
    /// 稿件：期号/目录名，或标题中独有的几个字
    #[arg(value_name = "稿件", add = super::completions::articles())]
    article: String,
    /// 起点：r3、环节名（proofread、校对、approved、审定）、提交号或 work；默认是最近一次签署时的文本
    #[arg(long, value_name = "版本")]
    from: Option<String>,
    /// 终点，写法同 --from；默认是当前文本（含未保存的修改）
    #[arg(long, value_name = "版本")]
    to: Option<String>,
    /// 输出格式
    #[arg(long, value_enum, value_name = "格式", default_value_t = Format::Inline)]
    format: Format,
    /// 比较的单位
    #[arg(long, value_enum, value_name = "单位", default_value_t = Words::Char)]
    words: Words,
    /// 是否用颜色标出改动
    #[arg(long, value_enum, value_name = "何时", default_value_t = Color::Auto)]
    color: Color,
    /// 写入文件，而不是显示在屏幕上
    #[arg(short = 'o', long, value_name = "文件")]
    output: Option<PathBuf>,
}

#[cfg(feature = "jieba")]
fn jieba() -> Result<Box<tokens::Segmenter>> {
    let jieba = jieba_rs::Jieba::new();
    Ok(Box::new(move |text| {
        jieba.cut(text, false).into_iter().map(|t| t.word).collect()
    }))
}

#[cfg(not(feature = "jieba"))]
fn jieba() -> Result<Box<tokens::Segmenter>> {
    Err(says::jieba_not_built())
}

fn marks(color: Color, to_file: bool) -> Marks {
    let watching = !to_file
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match color {
        Color::Always => Marks::Color,
        Color::Auto if watching => Marks::Color,
        _ => Marks::Plain,
    }
}

fn side(v: &Version) -> serde_json::Value {
    json!({ "label": v.label, "revision": v.revision, "commit": v.commit })
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    let article = load::resolve(&mag, &args.article)?;
    let title = article.text.front.title.clone();
    let segmenter = match args.words {
        Words::Char => Box::new(tokens::chars) as Box<tokens::Segmenter>,
        Words::Jieba => jieba()?,
    };
    let Comparison {
        from,
        to,
        reversed,
        only_one,
        redline,
    } = compare(
        &mag,
        &article,
        args.from.as_deref(),
        args.to.as_deref(),
        &*segmenter,
    )?;
    let mut out = std::io::stdout().lock();
    if only_one {
        writeln!(out, "{}", says::only_one_revision(&title))?;
        return Ok(());
    }
    if reversed {
        eprintln!("{}", says::reversed(&from.label, &to.label));
    }
    let marks = marks(args.color, args.output.is_some());
    let rendered = match args.format {
        Format::Inline => redline::inline(
            &redline,
            &says::header(&title, &from.label, &to.label),
            marks,
        ),
        Format::Unified => redline::unified(&redline, &from.label, &to.label, marks),
        Format::Html => redline_html::page(&redline, &title, &from.label, &to.label),
        Format::Json => {
            let value = json!({
                "article": article.key(),
                "title": title,
                "from": side(&from),
                "to": side(&to),
                "reversed": reversed,
                "coarse": redline.coarse,
                "hunks": redline.hunks,
                "summary": redline.summary,
                "summary_text": says::summary(&redline.summary, redline.coarse),
            });
            format!("{}\n", serde_json::to_string_pretty(&value).expect("json"))
        }
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, rendered).map_err(|e| crate::messages::write_failed(path, &e))?;
            writeln!(out, "{}", says::written(&path.display().to_string()))?;
        }
        None => out.write_all(rendered.as_bytes())?,
    }
    Ok(())
}
