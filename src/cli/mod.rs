//! The command line: one small file per command, each with its clap `Args`
//! and a `run` that parses, calls the core and renders.

mod add;
mod approve;
mod assign;
mod common;
pub(crate) mod context;
mod diff;
mod edit;
mod guard;
mod init;
mod issue;
mod log;
mod pages;
mod photo;
mod proofread;
mod reopen;
mod revise;
mod save;
mod set;
mod show;
mod signoff;
mod staff;
pub(crate) mod status;
mod sync;
mod table;
mod toc;
mod verify;
mod whoami;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use context::Ctx;

use crate::error::GalleyError;
use crate::messages;

#[derive(Parser)]
#[command(
    name = "galley",
    version,
    about = "杂志编辑部的稿件流程工具：分稿、校对、审定、目次，每一步都记录在案。",
    disable_help_subcommand = true
)]
pub struct Cli {
    /// 在指定目录中运行（默认是当前目录）
    #[arg(short = 'C', global = true, value_name = "目录")]
    work_dir: Option<PathBuf>,
    /// 以某位工作人员的身份操作
    #[arg(long = "as", global = true, value_name = "姓名")]
    as_name: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 新建杂志仓库
    Init(init::Args),
    /// 查看或设置当前操作人
    Whoami(whoami::Args),
    /// 列出工作人员、角色和刊头职务
    Staff(staff::Args),
    /// 新建或列出期次
    Issue(issue::Args),
    /// 新建稿件
    Add(add::Args),
    /// 指定责任编辑
    Assign(assign::Args),
    /// 签署校对
    Proofread(proofread::Args),
    /// 签署审定
    Approve(approve::Args),
    /// 签署指定的流程环节
    Signoff(signoff::Args),
    /// 退回稿件，撤销已有签署
    Reopen(reopen::Args),
    /// 修改稿件信息（标题、栏目、页码等）
    Set(set::Args),
    /// 为稿件添加图片说明（可附图片文件）
    Photo(photo::Args),
    /// 用编辑器修改稿件，并保存为新修订
    Edit(edit::Args),
    /// 把手工修改的正文保存为新修订
    Save(save::Args),
    /// 用文件替换正文，保存为新修订
    Revise(revise::Args),
    /// 查看一期稿件的进度
    Status(status::Args),
    /// 查看一篇稿件的详情
    Show(show::Args),
    /// 查看操作记录；写稿件时列出它的全部修订
    Log(log::Args),
    /// 比较稿件两个版本的正文，逐字标出改动
    Diff(diff::Args),
    /// 生成目次和刊头（文本、网页、PDF 等），或做付印前检查
    Toc(toc::Args),
    /// 查看页码安排（哪篇占哪几页，空页和重叠）
    Pages(pages::Args),
    /// 与编辑部的共享仓库交换工作（收取、合并、送出）
    Sync(sync::Args),
    /// 检查历史上的每条流程记录是否合规、是否被改动
    Verify(verify::Args),
    /// 在共用仓库上安装守卫，拒绝破坏流程记录的推送
    Guard(guard::Args),
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let ctx = Ctx::new(cli.work_dir, cli.as_name);
    let result = match cli.command {
        Command::Init(a) => init::run(&ctx, a),
        Command::Whoami(a) => whoami::run(&ctx, a),
        Command::Staff(a) => staff::run(&ctx, a),
        Command::Issue(a) => issue::run(&ctx, a),
        Command::Add(a) => add::run(&ctx, a),
        Command::Assign(a) => assign::run(&ctx, a),
        Command::Proofread(a) => proofread::run(&ctx, a),
        Command::Approve(a) => approve::run(&ctx, a),
        Command::Signoff(a) => signoff::run(&ctx, a),
        Command::Reopen(a) => reopen::run(&ctx, a),
        Command::Set(a) => set::run(&ctx, a),
        Command::Photo(a) => photo::run(&ctx, a),
        Command::Edit(a) => edit::run(&ctx, a),
        Command::Save(a) => save::run(&ctx, a),
        Command::Revise(a) => revise::run(&ctx, a),
        Command::Status(a) => status::run(&ctx, a),
        Command::Show(a) => show::run(&ctx, a),
        Command::Log(a) => log::run(&ctx, a),
        Command::Diff(a) => diff::run(&ctx, a),
        Command::Toc(a) => toc::run(&ctx, a),
        Command::Pages(a) => pages::run(&ctx, a),
        Command::Sync(a) => sync::run(&ctx, a),
        Command::Verify(a) => verify::run(&ctx, a),
        Command::Guard(a) => guard::run(&ctx, a),
    };
    match result {
        Ok(()) => 0,
        Err(e) => report(&e),
    }
}

fn report(e: &GalleyError) -> i32 {
    if e.kind != crate::error::Kind::BrokenPipe {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{}", messages::error_line(&e.message));
        for hint in &e.hints {
            let _ = writeln!(err, "{}", messages::hint_line(hint));
        }
    }
    e.exit_code()
}

fn usage_error(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            0
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            2
        }
        _ => report(&messages::usage(&e)),
    }
}
