//! The command line: one small file per command, each with its clap `Args`
//! and a `run` that parses, calls the core and renders.

mod add;
mod approve;
mod assign;
mod chart;
mod completions;
pub(crate) mod context;
mod diff;
mod edit;
mod export;
mod guard;
mod init;
mod issue;
mod lint;
mod log;
mod man;
mod move_article;
mod pages;
mod passwd;
mod photo;
mod printout;
mod proof;
mod proofread;
mod quality;
mod release;
mod reopen;
mod revise;
mod save;
mod serve;
mod set;
mod sheet;
mod show;
mod signoff;
mod staff;
mod status;
mod sync;
mod table;
mod toc;
mod verify;
mod whoami;
mod withdraw;

use std::io::Write;
use std::path::PathBuf;

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

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
    #[command(after_help = messages::help::ASSIGN_EXAMPLES)]
    Assign(assign::Args),
    /// 签署校对
    #[command(after_help = messages::help::PROOFREAD_EXAMPLES)]
    Proofread(proofread::Args),
    /// 签署审定
    #[command(after_help = messages::help::APPROVE_EXAMPLES)]
    Approve(approve::Args),
    /// 签署指定的流程环节
    Signoff(signoff::Args),
    /// 退回稿件，撤销已有签署
    Reopen(reopen::Args),
    /// 撤稿（--undo 恢复）：稿件不再出现在本期进度、目次和页码表里，记录保留
    Withdraw(withdraw::Args),
    /// 压稿：把稿件连同全部记录移到别的一期；页码清空，审定要重新签
    Move(move_article::Args),
    /// 主编签发本期付印（--undo --reason 撤回）；此后本期稿件不能再改动
    Release(release::Args),
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
    #[command(after_help = messages::help::STATUS_EXAMPLES)]
    Status(status::Args),
    /// 查看一篇稿件的详情
    Show(show::Args),
    /// 查看操作记录；写稿件时列出它的全部修订
    Log(log::Args),
    /// 比较稿件两个版本的正文，逐字标出改动
    #[command(after_help = messages::help::DIFF_EXAMPLES)]
    Diff(diff::Args),
    /// 生成目次和刊头（文本、网页、PDF 等），或做付印前检查
    #[command(after_help = messages::help::TOC_EXAMPLES)]
    Toc(toc::Args),
    /// 校对助手：按国家标准和本刊词表检查标点、数字、单位、错别字和规范提法
    #[command(after_help = messages::help::LINT_EXAMPLES)]
    Lint(lint::Args),
    /// 编校质量：每篇和全期的字数、各轮校对改正、未改问题和估计差错率
    #[command(after_help = messages::help::QUALITY_EXAMPLES)]
    Quality(quality::Args),
    /// 导出正文给排版（Word 或纯文本），或把改动导出为 Word 修订
    #[command(after_help = messages::help::EXPORT_EXAMPLES)]
    Export(export::Args),
    /// 查看页码安排（哪篇占哪几页，空页和重叠）
    Pages(pages::Args),
    /// 打印稿件处理单（写稿件）或付印单（写期号），PDF
    #[command(after_help = messages::help::SHEET_EXAMPLES)]
    Sheet(sheet::Args),
    /// 打印校样（一篇或整期），页边宽，可以手写校对符号
    #[command(after_help = messages::help::PROOF_EXAMPLES)]
    Proof(proof::Args),
    /// 画图（SVG）：一期的进度，或历年各期的差错率
    #[command(after_help = messages::help::CHART_EXAMPLES)]
    Chart(chart::Args),
    /// 与编辑部的共享仓库交换工作（收取、合并、送出）
    Sync(sync::Args),
    /// 检查历史上的每条流程记录是否合规、是否被改动
    Verify(verify::Args),
    /// 在共用仓库上安装守卫，拒绝破坏流程记录的推送
    Guard(guard::Args),
    /// 输出命令行补全脚本（bash、zsh、fish、powershell），可补全命令、稿件和期号
    Completions(completions::Args),
    /// 输出 galley 的使用手册（man 格式）
    Man(man::Args),
    /// 启动网页版，让编辑部在浏览器里分稿、校对、审定、看目次
    Serve(serve::Args),
    /// 设置某人登录网页版的密码
    Passwd(passwd::Args),
}

/// The command-line definition with every word clap would add itself in
/// Chinese: headings, placeholders, and the help and version flags.
pub fn command() -> clap::Command {
    use messages::help as words;
    fn localize(cmd: clap::Command, root: bool) -> clap::Command {
        let mut cmd = cmd
            .help_template(words::HELP_TEMPLATE)
            .subcommand_help_heading(words::COMMANDS)
            .subcommand_value_name(words::COMMAND_PLACEHOLDER)
            .disable_help_flag(true)
            .mut_args(|a| {
                let heading = if a.is_positional() {
                    words::ARGUMENTS
                } else {
                    words::OPTIONS
                };
                a.help_heading(heading)
            })
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help(words::SHOW_HELP)
                    .help_heading(words::OPTIONS),
            );
        if root {
            cmd = cmd.disable_version_flag(true).arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help(words::SHOW_VERSION)
                    .help_heading(words::OPTIONS),
            );
        }
        cmd.mut_subcommands(|sub| localize(sub, false))
    }
    localize(Cli::command(), true)
}

pub fn main() -> i32 {
    if let Some(code) = crate::typeset::worker::run_if_worker() {
        return code;
    }
    // Reading an object need not re-hash it to check its id; git itself
    // does not either, and `git fsck` is there for that. It is most of the
    // cost of reading history.
    git2::opts::strict_hash_verification(false);
    // When a shell asks for completions, answer and stop here.
    clap_complete::CompleteEnv::with_factory(command)
        .var(completions::VAR)
        .complete();
    let parsed = command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
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
        Command::Withdraw(a) => withdraw::run(&ctx, a),
        Command::Move(a) => move_article::run(&ctx, a),
        Command::Release(a) => release::run(&ctx, a),
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
        Command::Lint(a) => lint::run(&ctx, a),
        Command::Quality(a) => quality::run(&ctx, a),
        Command::Chart(a) => chart::run(&ctx, a),
        Command::Sheet(a) => sheet::run(&ctx, a),
        Command::Proof(a) => proof::run(&ctx, a),
        Command::Export(a) => export::run(&ctx, a),
        Command::Pages(a) => pages::run(&ctx, a),
        Command::Sync(a) => sync::run(&ctx, a),
        Command::Verify(a) => verify::run(&ctx, a),
        Command::Guard(a) => guard::run(&ctx, a),
        Command::Completions(a) => completions::run(&ctx, a),
        Command::Man(a) => man::run(&ctx, a),
        Command::Serve(a) => serve::run(&ctx, a),
        Command::Passwd(a) => passwd::run(&ctx, a),
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

/// Help as clap renders it, with the few words it writes itself replaced.
fn print_help(e: &clap::Error) {
    let text = in_chinese(e.render().to_string());
    let _ = write!(std::io::stdout().lock(), "{text}");
}

/// The words clap and its manual-page writer put in by themselves, in
/// Chinese.
fn in_chinese(mut text: String) -> String {
    for (english, chinese) in messages::help::CLAP_WORDS {
        text = text.replace(english, chinese);
    }
    text
}

fn usage_error(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print_help(&e);
            0
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            print_help(&e);
            2
        }
        _ => report(&messages::usage(&e)),
    }
}
