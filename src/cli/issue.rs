use std::io::Write;

use clap::Subcommand;
use serde_json::json;

use super::{Ctx, table};
use chrono::NaiveDate;

use crate::core::issue::{Callout, CoverNote};
use crate::desk::issue::{self, Settings, SettingsSaved};
use crate::error::Result;
use crate::messages::{self, issue as says};
use crate::repo::load;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: IssueCommand,
}

#[derive(Subcommand)]
enum IssueCommand {
    /// 新建一期，例如 galley issue new 2024-03 --total 248
    New {
        /// 期号，写作 年份-期数，例如 2024-03
        #[arg(value_name = "期号")]
        id: String,
        /// 总期数（总第N期）；不写则接着上一期往下数
        #[arg(long, value_name = "N")]
        total: Option<u32>,
        /// 栏目，按刊出顺序，可写多次；不写则沿用上一期的栏目
        #[arg(long = "section", value_name = "栏目")]
        sections: Vec<String>,
        #[command(flatten)]
        covers: Covers,
    },
    /// 修改一期的设置，例如 galley issue set 2024-03 --print-date 2024-03-25 --print-run 3000
    Set {
        /// 期号，例如 2024-03
        #[arg(value_name = "期号")]
        id: String,
        #[command(flatten)]
        changes: SetArgs,
    },
    /// 列出所有期次
    List {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

/// 一期的设置；没写的保持不变
#[derive(clap::Args)]
struct SetArgs {
    /// 总期数（总第N期）
    #[arg(long, value_name = "N")]
    total: Option<u32>,
    /// 栏目，按刊出顺序，可写多次；写了就替换全部栏目
    #[arg(long = "section", value_name = "栏目")]
    sections: Vec<String>,
    /// 印刷日期，写作 年-月-日，例如 2024-03-25
    #[arg(long, value_name = "日期")]
    print_date: Option<String>,
    /// 印数（册）
    #[arg(long, value_name = "册数")]
    print_run: Option<u32>,
    /// 内文页数
    #[arg(long, value_name = "页数")]
    pages: Option<u32>,
}

/// 封面、封底说明和目录页的图片页码提示
#[derive(clap::Args)]
struct Covers {
    /// 封面说明
    #[arg(long, value_name = "说明")]
    cover: Option<String>,
    /// 封面摄影
    #[arg(long, value_name = "摄影")]
    cover_photographer: Option<String>,
    /// 封底说明
    #[arg(long, value_name = "说明")]
    back_cover: Option<String>,
    /// 封底摄影
    #[arg(long, value_name = "摄影")]
    back_cover_photographer: Option<String>,
    /// 目录页的图片页码提示，如 8 表示 P08，可写多次
    #[arg(long = "callout", value_name = "页码")]
    callouts: Vec<u32>,
}

fn note(text: Option<String>, photographer: Option<String>) -> Option<CoverNote> {
    text.map(|note| CoverNote { note, photographer })
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    match args.command {
        IssueCommand::New {
            id,
            total,
            sections,
            covers,
        } => new(ctx, &id, total, sections, covers),
        IssueCommand::Set { id, changes } => set(ctx, &id, changes),
        IssueCommand::List { json } => list(ctx, json),
    }
}

fn new(
    ctx: &Ctx,
    id_text: &str,
    total: Option<u32>,
    sections: Vec<String>,
    covers: Covers,
) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let desk = ctx.desk(&mag)?;
    let settings = Settings {
        total: total.map(Some),
        sections: Some(sections),
        ..Settings::default()
    };
    let file = issue::open(&desk, id_text, settings, |file| {
        file.cover = note(covers.cover, covers.cover_photographer);
        file.back_cover = note(covers.back_cover, covers.back_cover_photographer);
        file.callouts = covers
            .callouts
            .into_iter()
            .map(|page| Callout {
                page,
                caption: None,
            })
            .collect();
    })?;
    eprintln!("{}", messages::issue_created(&file));
    Ok(())
}

fn set(ctx: &Ctx, id_text: &str, changes: SetArgs) -> Result<()> {
    let mag = ctx.magazine_for_write()?;
    let desk = ctx.desk(&mag)?;
    let print_date = match changes.print_date.as_deref() {
        Some(raw) => Some(Some(
            NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                .map_err(|_| says::bad_date("印刷日期", raw))?,
        )),
        None => None,
    };
    let settings = Settings {
        total: changes.total.map(Some),
        sections: (!changes.sections.is_empty()).then_some(changes.sections),
        print_date,
        print_run: changes.print_run.map(Some),
        pages: changes.pages.map(Some),
    };
    let line = match issue::set(&desk, id_text, settings)? {
        SettingsSaved::Unchanged(file) => says::settings_unchanged(&file),
        SettingsSaved::Saved { file, changed } => says::settings_saved(&file, &changed),
    };
    eprintln!("{line}");
    Ok(())
}

fn list(ctx: &Ctx, as_json: bool) -> Result<()> {
    let mag = ctx.magazine()?;
    let wf = mag.staff.workflow();
    let mut rows = Vec::new();
    for id in load::issue_ids(&mag)? {
        let file = load::issue(&mag, id)?;
        let articles = load::articles(&mag, id, &file)?;
        let done = articles
            .iter()
            .filter(|a| a.status(&wf).is_complete(&wf))
            .count();
        rows.push((id, file, articles.len(), done));
    }
    let mut out = std::io::stdout().lock();
    if as_json {
        let value: Vec<_> = rows
            .iter()
            .map(|(id, f, n, done)| {
                json!({"issue": id.to_string(), "year": f.year, "number": f.number,
                       "total": f.total, "sections": f.sections, "articles": n, "complete": done})
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).expect("json")
        )?;
        return Ok(());
    }
    if rows.is_empty() {
        eprintln!("{}", messages::no_issues_yet());
        return Ok(());
    }
    let mut t = table::Fit::new(&messages::ISSUE_HEADER);
    for (id, f, n, done) in &rows {
        t.row(vec![
            id.to_string(),
            messages::issue_label(f),
            f.total.map(|t| t.to_string()).unwrap_or_default(),
            f.sections.len().to_string(),
            format!("{done}/{n}"),
        ]);
    }
    writeln!(out, "{}", t.render(table::width(false)))?;
    Ok(())
}
