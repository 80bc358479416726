use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;

use super::Ctx;
use crate::desk::chart;
use crate::error::Result;
use crate::messages::chart as says;
use crate::render::chart_svg;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: ChartCommand,
}

#[derive(Subcommand)]
enum ChartCommand {
    /// 一期稿件每天处在各流程状态的篇数（堆叠图），标出截稿和付印日期
    Progress {
        /// 期号，例如 2024-02；不写则用最新一期
        #[arg(value_name = "期号", add = super::completions::issues())]
        issue: Option<String>,
        /// 写入文件（SVG），而不是显示在屏幕上
        #[arg(short = 'o', long, value_name = "文件")]
        output: Option<PathBuf>,
        /// 不画图，以 JSON 输出每天各状态的篇数
        #[arg(long)]
        json: bool,
    },
    /// 历年各期的估计编校差错率，画出限值线，超标的期次标红
    Quality {
        /// 写入文件（SVG），而不是显示在屏幕上
        #[arg(short = 'o', long, value_name = "文件")]
        output: Option<PathBuf>,
        /// 不画图，以 JSON 输出每期的字数、差错和差错率
        #[arg(long)]
        json: bool,
    },
}

fn as_json(data: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(data).expect("chart data serialises") + "\n"
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    let (svg, output) = match args.command {
        ChartCommand::Progress {
            issue,
            output,
            json,
        } => {
            let today = ctx.now()?.date_naive();
            let progress = chart::progress(&mag, issue.as_deref(), today)?;
            match json {
                true => (as_json(&progress), output),
                false => (chart_svg::progress(&progress, chart_svg::OFFICE), output),
            }
        }
        ChartCommand::Quality { output, json } => {
            let quality = chart::quality(&mag)?;
            match json {
                true => (as_json(&quality), output),
                false => (chart_svg::quality(&quality, chart_svg::OFFICE), output),
            }
        }
    };
    let mut out = std::io::stdout().lock();
    match output {
        Some(given) => {
            let path = ctx.dir.join(&given);
            std::fs::write(&path, svg).map_err(|e| crate::messages::write_failed(&path, &e))?;
            writeln!(out, "{}", says::written(&given))?;
        }
        None => out.write_all(svg.as_bytes())?,
    }
    Ok(())
}
