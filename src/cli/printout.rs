//! How `galley sheet` and `galley proof` hand over what they print: a PDF
//! into a file, or the Typst source or the data for the designer.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::Ctx;
use crate::desk::contents::{form_template, typeset_pdf};
use crate::desk::paper::Printout;
use crate::error::Result;
use crate::messages::{paper as says, toc as toc_says};
use crate::repo::Magazine;
use crate::typeset::{Form, Template};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 打印用的 PDF
    Pdf,
    /// Typst 源文件（模板加数据）
    Typ,
    /// 模板读取的数据
    Json,
}

#[derive(clap::Args)]
pub struct Output {
    /// 输出格式
    #[arg(long, value_enum, value_name = "格式", default_value_t = Format::Pdf)]
    format: Format,
    /// 写入文件
    #[arg(short = 'o', long, value_name = "文件")]
    output: Option<PathBuf>,
    /// 用另一份 Typst 模板（默认是仓库 templates/ 里的）
    #[arg(long, value_name = "文件")]
    template: Option<PathBuf>,
    /// 另外到这个目录里找字体（可写多次；也可用环境变量 GALLEY_FONT_PATH）
    #[arg(long = "font-path", value_name = "目录")]
    font_path: Vec<PathBuf>,
}

/// The template `--template` names, or the magazine's own of `form`.
pub fn template(ctx: &Ctx, mag: &Magazine, form: Form, given: Option<&Path>) -> Result<Template> {
    let Some(path) = given else {
        return form_template(mag, form);
    };
    let path = ctx.dir.join(path);
    let source =
        std::fs::read_to_string(&path).map_err(|e| toc_says::template_unreadable(&path, &e))?;
    Ok(Template {
        shown: path.display().to_string(),
        source,
        data: form.data,
    })
}

pub fn deliver(ctx: &Ctx, printout: Printout, out: Output, command: &str) -> Result<()> {
    let mag = ctx.magazine()?;
    let template = template(ctx, &mag, printout.form, out.template.as_deref())?;
    let bytes = match out.format {
        Format::Json => printout.json.into_bytes(),
        Format::Typ => crate::typeset::standalone(&template, &printout.json).into_bytes(),
        Format::Pdf => {
            if out.output.is_none() && std::io::stdout().is_terminal() {
                return Err(says::pdf_needs_file(command));
            }
            typeset_pdf(&template, &printout.json, &out.font_path, printout.what)?
        }
    };
    let mut stdout = std::io::stdout().lock();
    match &out.output {
        Some(given) => {
            let path = ctx.dir.join(given);
            std::fs::write(&path, bytes).map_err(|e| crate::messages::write_failed(&path, &e))?;
            writeln!(stdout, "{}", says::written(given, printout.what))?;
        }
        None => stdout.write_all(&bytes)?,
    }
    Ok(())
}
