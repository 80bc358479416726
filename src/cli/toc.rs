use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::Ctx;
use crate::error::Result;
use crate::messages::toc as says;
use crate::render::{toc_html, toc_text};
use crate::repo::issue_contents::IssueContents;
use crate::typeset::{self, FontsRequest};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// 纯文本，可直接贴进排版软件
    Text,
    /// Markdown
    Md,
    /// 可打印的网页，按成品尺寸排好
    Html,
    /// 目次数据，供程序和模板读取
    Json,
    /// Typst 源文件（模板加本期数据）
    Typ,
    /// 付印用的 PDF
    Pdf,
}

impl Format {
    const ALL: [Format; 6] = [
        Format::Text,
        Format::Md,
        Format::Html,
        Format::Json,
        Format::Typ,
        Format::Pdf,
    ];

    /// The format a file name asks for: `-o 目次.pdf` alone means a PDF,
    /// not text in a file named .pdf.
    fn of_file(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| f.ext() == ext)
    }

    fn ext(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Typ => "typ",
            Format::Pdf => "pdf",
        }
    }
}

#[derive(clap::Args)]
pub struct Args {
    /// 期号，例如 2024-02；不写则用最新一期
    #[arg(value_name = "期号", add = super::completions::issues())]
    issue: Option<String>,
    /// 输出格式；不写时按 -o 文件的扩展名（.pdf、.html、.md……），都没有时为纯文本
    #[arg(long, value_enum, value_name = "格式")]
    format: Option<Format>,
    /// 写入文件，而不是显示在屏幕上
    #[arg(short = 'o', long, value_name = "文件")]
    output: Option<PathBuf>,
    /// 只做付印前检查：有问题时列出并以 3 退出
    #[arg(long)]
    check: bool,
    /// 用另一份 Typst 模板（默认是仓库里的 templates/toc.typ）
    #[arg(long, value_name = "文件")]
    template: Option<PathBuf>,
    /// 另外到这个目录里找字体（可写多次；也可用环境变量 GALLEY_FONT_PATH）
    #[arg(long = "font-path", value_name = "目录")]
    font_path: Vec<PathBuf>,
    /// 不用系统字体，只用 --font-path 里的
    #[arg(long)]
    no_system_fonts: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    let issue = IssueContents::load(&mag, args.issue.as_deref())?;
    let (contents, problems) = crate::desk::contents::with_problems(&mag, &issue)?;
    let mut out = std::io::stdout().lock();
    if args.check {
        for p in &problems {
            writeln!(out, "{}", says::problem(p))?;
        }
        if problems.is_empty() {
            writeln!(out, "{}", says::check_passed(&issue.id.to_string()))?;
            return Ok(());
        }
        return Err(says::check_failed(problems.len()));
    }
    for p in &problems {
        eprintln!("{}", says::warning(p));
    }
    let json = || serde_json::to_string_pretty(&contents).expect("json") + "\n";
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::of_file))
        .unwrap_or(Format::Text);
    let bytes: Vec<u8> = match format {
        Format::Text => toc_text::text(&contents).into_bytes(),
        Format::Md => toc_text::markdown(&contents).into_bytes(),
        Format::Html => toc_html::page(&contents).into_bytes(),
        Format::Json => json().into_bytes(),
        Format::Typ => typeset::standalone(
            &super::printout::template(ctx, &mag, crate::typeset::TOC, args.template.as_deref())?,
            &json(),
        )
        .into_bytes(),
        Format::Pdf => {
            if args.output.is_none() && std::io::stdout().is_terminal() {
                return Err(says::pdf_needs_file());
            }
            let template = super::printout::template(
                ctx,
                &mag,
                crate::typeset::TOC,
                args.template.as_deref(),
            )?;
            let fonts = FontsRequest {
                dirs: typeset::font_dirs(&args.font_path),
                system: !args.no_system_fonts,
            };
            typeset::worker::pdf(
                &template,
                &json(),
                &fonts,
                &says::toc_of(&issue.id.to_string()),
            )?
        }
    };
    match &args.output {
        Some(given) => {
            let path = ctx.dir.join(given);
            std::fs::write(&path, bytes).map_err(|e| crate::messages::write_failed(&path, &e))?;
            writeln!(
                out,
                "{}",
                says::written(given, says::format_name(format.ext()))
            )?;
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}
