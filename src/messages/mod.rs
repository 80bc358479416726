//! Every sentence the user sees, in one place, so that a second language
//! can follow. Errors say what is wrong in one sentence, then what to do.

pub mod accounts;
pub mod chart;
pub mod diff;
pub mod help;
pub mod intake;
pub mod issue;
pub mod limits;
pub mod lint;
pub mod paper;
pub mod release;
pub mod sync;
pub mod toc;
pub mod verify;
pub mod web;
pub mod word;

use std::io;
use std::path::Path;

use chrono::NaiveDate;

use crate::core::board::BoardRow;
use crate::core::frontmatter::{ArticleText, FrontProblem};
use crate::core::issue::{IssueFile, IssueId};
use crate::core::journal::Event;
use crate::core::slug::{MAX_LEN, SlugProblem};
use crate::core::staff::IdentitySource;
use crate::core::staff::{Person, StaffFile};
use crate::core::status::Attention;
use crate::core::terminal::sanitize;
use crate::core::tomlpos::TomlProblem;
use crate::core::workflow::{Refusal, StageKind, Workflow, WorkflowProblem};
use crate::error::GalleyError;

pub const TRAILER_ISSUE: &str = "Galley-Issue";
pub const DEFAULT_REVISION_MESSAGE: &str = "修改正文";
pub const NOBODY: &str = "（未指定）";
pub const ATTENTION_MARK: &str = "（需处理）";
pub const UNSAVED_MARK: &str = "（有未保存修改）";
pub const NOT_IN_TOC: &str = "（不上目次）";

pub const STAFF_HEADER: [&str; 4] = ["姓名", "刊头职务", "角色", "电子信箱"];
pub const ISSUE_HEADER: [&str; 5] = ["期号", "刊期", "总期数", "栏目数", "已审定/稿件"];
pub const BOARD_HEADER: [&str; 9] = [
    "页码",
    "栏目",
    "稿件",
    "标题",
    "责任编辑",
    "状态",
    "下一步",
    "过期签署",
    "截止",
];
pub const LOG_HEADER: [&str; 5] = ["时间", "人员", "操作", "内容", "提交"];

// ---- framing -------------------------------------------------------------

pub fn error_line(message: &str) -> String {
    format!("错误：{message}")
}

pub fn hint_line(hint: &str) -> String {
    format!("提示：{hint}")
}

fn q(text: &str) -> String {
    sanitize(text)
}

fn list(items: &[String]) -> String {
    items.iter().map(|s| q(s)).collect::<Vec<_>>().join("、")
}

// ---- usage ---------------------------------------------------------------

pub fn usage(e: &clap::Error) -> GalleyError {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    };
    let message = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            format!(
                "没有“{}”这条命令。",
                context(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::UnknownArgument => {
            format!("不认识选项“{}”。", context(ContextKind::InvalidArg))
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必填的参数：{}。", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "参数 {} 的值“{}”不对。",
            context(ContextKind::InvalidArg),
            context(ContextKind::InvalidValue)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => "参数太多了。".to_string(),
        ErrorKind::ArgumentConflict => {
            format!("选项 {} 不能同时使用。", context(ContextKind::InvalidArg))
        }
        _ => "命令的写法不对。".to_string(),
    };
    GalleyError::usage(message)
        .hint("运行 galley --help 查看全部命令，或 galley 命令 --help 查看某条命令的写法。")
}

// ---- files and git -------------------------------------------------------

pub fn io_failed(e: &io::Error) -> GalleyError {
    GalleyError::user(format!("读写文件时出错：{e}。")).hint("请检查磁盘空间和文件权限后重试。")
}

pub fn git_failed(e: &git2::Error) -> GalleyError {
    GalleyError::user(format!("版本库操作失败：{}。", e.message()))
        .hint("稍后重试；如果反复出现，请把这句话发给技术人员。")
}

pub fn write_failed(path: &Path, e: &io::Error) -> GalleyError {
    GalleyError::user(format!("无法写入 {}：{e}。", path.display()))
        .hint("请检查该文件夹是否可写、磁盘是否已满。")
}

pub fn read_failed(shown: &str, e: &io::Error) -> GalleyError {
    GalleyError::user(format!("无法读取 {}：{e}。", q(shown))).hint("请确认文件存在且有权限读取。")
}

pub fn binary_file(shown: &str) -> GalleyError {
    GalleyError::user(format!(
        "{} 不是文本文件（像是图片、压缩包或其他二进制文件）。",
        q(shown)
    ))
    .hint("请在 Word 或 WPS 中“另存为”纯文本（.txt），再重试。")
}

pub fn undecodable_file(shown: &str) -> GalleyError {
    GalleyError::user(format!(
        "{} 的文字编码无法识别：既不是 UTF-8，也不是 GB18030（GBK）。",
        q(shown)
    ))
    .hint("请用记事本打开后“另存为”，编码选 UTF-8，再重试。")
}

pub fn file_too_large(path: &Path, size: u64, limit: u64) -> GalleyError {
    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
    GalleyError::user(format!(
        "文件 {} 有 {:.1} MB，太大了，不像是一篇稿件（一篇稿件的正文通常不到 0.1 MB）。",
        q(&path.display().to_string()),
        mb(size)
    ))
    .hint(format!(
        "请确认选对了文件；如果是整期合订的文本，请按篇拆开后分别导入。单个文件最大 {:.0} MB。",
        mb(limit)
    ))
}

pub fn unsupported_file(path: &Path) -> GalleyError {
    GalleyError::user(format!(
        "不支持的文件类型：{}。",
        q(&path.display().to_string())
    ))
    .hint("请提供 Word 文档（.docx）、纯文本（.txt）或 .md 文件。")
}

pub fn macro_document(shown: &str) -> GalleyError {
    GalleyError::user(format!(
        "{} 是启用宏的 Word 文档（.docm），不收：宏是可以运行的程序，可能带病毒，文件没有读取。",
        q(shown)
    ))
    .hint("请在 Word 或 WPS 里打开，“另存为” Word 文档（.docx，不带宏）后再交。")
}

pub fn old_word_document(shown: &str) -> GalleyError {
    GalleyError::user(format!(
        "{} 是旧版 Word 或 WPS 格式（.doc/.wps），galley 读不了，文件没有读取。",
        q(shown)
    ))
    .hint("请在 Word 或 WPS 里打开，“另存为” Word 文档（.docx）后再交。")
}

pub fn docx_encrypted(shown: &str) -> GalleyError {
    GalleyError::user(format!(
        "{} 设了打开密码，galley 读不了，文件没有读取。",
        q(shown)
    ))
    .hint("请在 Word 或 WPS 里打开，去掉密码（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码）后保存，再交。")
}

pub fn not_a_docx(shown: &str) -> GalleyError {
    GalleyError::user(format!("{} 打不开：它不是有效的 Word 文档（.docx）。", q(shown)))
        .hint("请在 Word 或 WPS 中打开后重新“另存为” .docx；文件可能已损坏，或其实是旧的 .doc 格式改了扩展名。")
}

pub fn empty_manuscript(shown: &str) -> GalleyError {
    GalleyError::user(format!("{} 里没有读到文字。", q(shown))).hint(
        "文件可能是空的，或者只有图片、扫描件；请让作者发来带文字的 Word 文档，或把文字粘贴进来。",
    )
}

pub fn docx_too_large(shown: &str) -> GalleyError {
    GalleyError::user(format!(
        "{} 没有导入：它解压后超过 {} MB（或包含的部件太多），不像一篇正常的稿件。",
        q(shown),
        crate::core::docx::MAX_UNPACKED / 1024 / 1024
    ))
    .hint("一篇稿件的 Word 文档通常不到 1 MB。请在 Word 或 WPS 中删去嵌入的大图片后重新“另存为” .docx，或把正文另存为 .txt 再导入。")
}

pub fn docx_damaged(shown: &str) -> GalleyError {
    GalleyError::user(format!("{} 打不开：文件已损坏（内容校验不符）。", q(shown)))
        .hint("请让作者重新发送原文件，或在 Word 或 WPS 中打开后重新“另存为” .docx。")
}

pub fn empty_caption() -> GalleyError {
    GalleyError::user("图片说明是空的。").hint(
        "照印刷样写说明和摄影者，例如：galley photo 稿件 \"专题调研组赴企业调研。 赵留丹 / 摄\"。",
    )
}

pub fn bad_photo_name(path: &Path) -> GalleyError {
    GalleyError::user(format!(
        "图片文件名“{}”不合适：只能用英文字母、数字、连字符、下划线和扩展名。",
        q(&path.display().to_string())
    ))
    .hint("请先把图片改名，例如 p20-diaoyan.jpg，再重试。")
}

pub fn missing_file(path: &Path) -> GalleyError {
    GalleyError::user(format!("找不到文件 {}。", q(&path.display().to_string())))
        .hint("请检查文件名和所在文件夹是否写对。")
}

pub fn lock_held(lock: &Path) -> GalleyError {
    GalleyError::user(format!(
        "另一个程序正在修改版本库，锁文件 {} 一直没有释放。",
        lock.display()
    ))
    .hint("等另一个程序（如 galley、git 或同步软件）结束后重试。")
    .hint("如果确定没有其他程序在运行，可以删除这个锁文件后重试；galley 不会替您删除它。")
}

pub fn writer_busy(lock: &Path, waited: std::time::Duration) -> GalleyError {
    GalleyError::user(format!(
        "另一个 galley 正在保存，等了 {:.0} 秒仍未完成，这次没有保存。",
        waited.as_secs_f64()
    ))
    .hint("稍等片刻再运行同一条命令；也可以设置 GALLEY_LOCK_WAIT_MS（毫秒）让 galley 多等一会儿。")
    .hint(format!(
        "占用的是 {}；它由系统在那个 galley 结束时自动释放，不要删除它。",
        lock.display()
    ))
}

pub fn head_kept_moving() -> GalleyError {
    GalleyError::user("版本库在保存时被其他程序反复改动，这次没有保存。")
        .hint("稍等片刻再运行同一条命令。")
}

// ---- finding things ------------------------------------------------------

pub fn not_a_magazine(start: &Path) -> GalleyError {
    GalleyError::user(format!(
        "{} 不在杂志仓库里：从这里往上找不到 staff.toml。",
        start.display()
    ))
    .hint("请先进入杂志仓库所在的文件夹，或用 -C 指定它；新建仓库请运行 galley init 目录。")
}

pub fn already_magazine(dir: &Path) -> GalleyError {
    GalleyError::user(format!(
        "{} 已经是杂志仓库了（里面有 staff.toml）。",
        dir.display()
    ))
    .hint("不需要再次初始化；运行 galley staff 查看人员，galley issue list 查看期次。")
}

pub fn broken_toml(shown: &str, p: &TomlProblem) -> GalleyError {
    GalleyError::user(format!(
        "{} 第 {} 行第 {} 列格式有误（{}）。",
        q(shown),
        p.line,
        p.column,
        q(&p.detail)
    ))
    .hint("请用文本编辑器打开该文件，改正这一行：文字要加英文双引号，列表用方括号。")
}

pub fn broken_front(rel: &str, p: &FrontProblem) -> GalleyError {
    match p {
        FrontProblem::Toml(t) => broken_toml(rel, t),
        FrontProblem::NoOpeningFence => {
            GalleyError::user(format!("{} 的开头缺少稿件信息：第一行应当是 +++。", q(rel)))
                .hint("请恢复文件开头的 +++ 稿件信息段，或用 galley add 重新建稿。")
        }
        FrontProblem::NoClosingFence => GalleyError::user(format!(
            "{} 的稿件信息没有结束：找不到第二个 +++ 行。",
            q(rel)
        ))
        .hint("请在稿件信息之后、正文之前加一行 +++。"),
    }
}

pub fn broken_front_plain(rel: &str) -> GalleyError {
    GalleyError::user(format!("{} 的稿件信息格式有误。", q(rel)))
        .hint("请用文本编辑器检查 +++ 之间的内容。")
}

pub fn bad_workflow(p: &WorkflowProblem) -> GalleyError {
    let message = match p {
        WorkflowProblem::NoStages => "staff.toml 的 [workflow] 没有列出任何流程环节。".to_string(),
        WorkflowProblem::BadStageId(id) => format!(
            "staff.toml 的流程环节代号“{}”不合规：代号只能用小写英文字母、数字、下划线，且不能叫 draft。",
            q(id)
        ),
        WorkflowProblem::DuplicateStage(id) => {
            format!("staff.toml 的流程环节“{}”重复了。", q(id))
        }
        WorkflowProblem::RuleUnknownStage { rule, stage } => format!(
            "staff.toml 的规则“{}”提到了不存在的环节“{}”。",
            q(rule),
            q(stage)
        ),
    };
    GalleyError::user(message).hint("请修改 staff.toml 的 [workflow] 部分后重试。")
}

pub fn duplicate_person(name: &str) -> GalleyError {
    GalleyError::user(format!("staff.toml 里有两位同名的工作人员“{}”。", q(name)))
        .hint("请删去重复的一段，或在姓名后加以区分。")
}

pub fn bad_issue_id(text: &str) -> GalleyError {
    GalleyError::user(format!("“{}”不是期号。", q(text))).hint("期号写作 年份-期数，例如 2024-02。")
}

pub fn misnamed_issue_folder(folder: &str) -> GalleyError {
    GalleyError::user(format!(
        "文件夹 {} 的名字不是期号，galley 不把它当作一期。",
        q(folder)
    ))
    .hint("期次文件夹要叫 年份-两位期数，例如 issues/2024-03；请改名，或用 galley issue new 2024-03 新建。")
}

pub fn unknown_issue(id: &str, known: &[IssueId]) -> GalleyError {
    let e = GalleyError::user(format!("没有 {} 这一期。", q(id)));
    if known.is_empty() {
        e.hint("仓库里还没有任何期次；请先运行 galley issue new 年份-期数。")
    } else {
        let names: Vec<String> = known.iter().map(|k| k.to_string()).collect();
        e.hint(format!("现有的期次：{}。", names.join("、")))
    }
}

pub fn no_issues() -> GalleyError {
    GalleyError::user("仓库里还没有任何期次。")
        .hint("请先运行 galley issue new 年份-期数，例如 galley issue new 2024-03。")
}

pub fn duplicate_issue(id: &str) -> GalleyError {
    GalleyError::user(format!("{id} 这一期已经存在。"))
        .hint("要改这一期的设置，请在编辑台本期页面点“本期设置”，或用 galley issue set 期号。")
}

pub fn unknown_article(reference: &str) -> GalleyError {
    GalleyError::user(format!("找不到稿件“{}”。", q(reference)))
        .hint("可以写 期号/目录名（如 2024-02/qingneng），或标题中的几个字；运行 galley status 查看全部稿件。")
}

pub fn control_in_reference(reference: &str) -> GalleyError {
    GalleyError::user(format!(
        "稿件名“{}”里有换行或其他看不见的控制字符。",
        q(reference)
    ))
    .hint("请重新输入稿件名：期号/目录名（如 2024-02/qingneng），或标题中的几个字。")
}

pub fn folder_without_article(folder: &str) -> GalleyError {
    GalleyError::user(format!(
        "文件夹 {} 里没有 article.md，不是一篇稿件。",
        q(folder)
    ))
    .hint("新建稿件请用 galley add；如果 article.md 被误删，可以从另一台电脑同步回来。")
}

pub fn hint_mend_file() -> String {
    "这篇稿件的文件改好之前，对它的操作都会被拒绝；其他稿件不受影响。".to_string()
}

pub fn record_stage_unknown(
    file: &str,
    line: Option<usize>,
    stage: &str,
    wf: &Workflow,
) -> GalleyError {
    let at = line.map(|l| format!("第 {l} 行")).unwrap_or_default();
    let known: Vec<String> = wf
        .stages
        .iter()
        .map(|s| format!("{}（{}）", s.id, s.name))
        .collect();
    GalleyError::user(format!(
        "流程记录 {} {at}签署的环节“{}”不在 staff.toml 的流程里。",
        q(file),
        q(stage)
    ))
    .hint(format!("流程里的环节是：{}。", known.join("、")))
}

pub fn record_op_unknown(file: &str, line: Option<usize>, op: &str) -> GalleyError {
    let at = line.map(|l| format!("第 {l} 行")).unwrap_or_default();
    GalleyError::user(format!(
        "流程记录 {} {at}的操作“{}”galley 不认识。",
        q(file),
        q(op)
    ))
    .hint("流程记录只能由 galley 命令写入，操作是 assign、signoff、reopen、revise 之一；手工写的记录请删掉后用 galley 命令重做。")
}

pub fn record_stage_missing(file: &str) -> GalleyError {
    GalleyError::user(format!(
        "流程记录 {} 是一条签署，却没有写签的是哪个环节（stage）。",
        q(file)
    ))
}

/// `candidates` as (期号/目录名, title).
pub fn ambiguous_article(reference: &str, candidates: &[(String, String)]) -> GalleyError {
    let mut e = GalleyError::user(format!(
        "“{}”对应 {} 篇稿件，不知道指的是哪一篇。",
        q(reference),
        candidates.len()
    ));
    for (key, title) in candidates {
        e = e.hint(format!("{key}《{}》", q(title)));
    }
    e.hint("请改用 期号/目录名，或多写几个字。")
}

pub fn unknown_section(section: &str, sections: &[String]) -> GalleyError {
    GalleyError::user(format!("本期没有“{}”这个栏目。", q(section))).hint(format!(
        "本期的栏目：{}。要新增栏目，请在编辑台“本期设置”里添加，或用 galley issue set 期号 --section 栏目。",
        list(sections)
    ))
}

pub fn empty_title() -> GalleyError {
    GalleyError::user("稿件标题不能为空。").hint("用 --title 写上标题。")
}

pub fn bad_slug(slug: &str, p: &SlugProblem) -> GalleyError {
    let why = match p {
        SlugProblem::Empty => "是空的".to_string(),
        SlugProblem::Slash => "含有斜杠".to_string(),
        SlugProblem::DotDot => "含有“..”".to_string(),
        SlugProblem::Whitespace => "含有空格".to_string(),
        SlugProblem::Control => "含有控制字符".to_string(),
        SlugProblem::NotAscii => "含有中文或其他非英文字符".to_string(),
        SlugProblem::BadChar(c) => format!("含有不允许的字符“{}”", q(&c.to_string())),
        SlugProblem::TooLong => format!("超过 {MAX_LEN} 个字符"),
    };
    GalleyError::user(format!("稿件目录名“{}”{}。", q(slug), why))
        .hint("目录名只能用小写英文字母、数字和连字符，例如 qingneng；不写 --slug 时会按标题拼音自动生成。")
}

pub fn duplicate_slug(issue: &str, slug: &str) -> GalleyError {
    GalleyError::user(format!("{issue} 里已经有名为 {} 的稿件。", q(slug)))
        .hint("请换一个 --slug，或不写 --slug 让 galley 自动取名。")
}

// ---- people --------------------------------------------------------------

pub fn no_identity() -> GalleyError {
    GalleyError::user("不知道您是谁：没有指定操作人。")
        .hint("运行 galley whoami --set 您的姓名 记住身份，或在命令后加 --as 姓名。")
}

pub fn unknown_person(name: &str, staff: &StaffFile) -> GalleyError {
    let names: Vec<String> = staff.staff.iter().map(|p| p.name.clone()).collect();
    let e = GalleyError::user(format!("“{}”不在 staff.toml 的工作人员名单里。", q(name)));
    if names.is_empty() {
        e.hint("名单还是空的：请先在 staff.toml 中添加工作人员。")
    } else {
        e.hint(format!(
            "名单上有：{}。新同事请先加入 staff.toml。",
            list(&names)
        ))
    }
}

pub fn unknown_role(person: &str, role: &str, known: &[String]) -> GalleyError {
    GalleyError::user(format!(
        "staff.toml 中{}的角色“{}”不是已知角色。",
        q(person),
        q(role)
    ))
    .hint(format!(
        "已知角色：{}。如确需新角色，请在 [workflow] 中写明它能签署哪个环节。",
        list(known)
    ))
}

pub fn bad_now(text: &str) -> GalleyError {
    GalleyError::user(format!(
        "环境变量 GALLEY_NOW 的值“{}”不是有效时间。",
        q(text)
    ))
    .hint("请写成 2024-02-18T16:20:00+08:00 这样的格式，或删掉这个变量。")
}

pub fn identity_source_key(source: IdentitySource) -> &'static str {
    match source {
        IdentitySource::Option => "option",
        IdentitySource::Env => "env",
        IdentitySource::GitConfig => "config",
        IdentitySource::GitUserName => "git-user-name",
    }
}

pub fn whoami_line(p: &Person, source: IdentitySource) -> String {
    let from = match source {
        IdentitySource::Option => "来自 --as 选项",
        IdentitySource::Env => "来自环境变量 GALLEY_USER",
        IdentitySource::GitConfig => "由 galley whoami --set 设置",
        IdentitySource::GitUserName => "来自 git 的 user.name",
    };
    format!(
        "{}（{}；角色：{}）——{}",
        p.name,
        p.title.as_deref().unwrap_or("无刊头职务"),
        if p.roles.is_empty() {
            "无".into()
        } else {
            p.roles.join("、")
        },
        from
    )
}

pub fn whoami_set(name: &str) -> String {
    format!("好的，以后在这个仓库里以“{name}”的身份操作。")
}

// ---- workflow refusals ---------------------------------------------------

pub fn refused(r: &Refusal) -> GalleyError {
    match r {
        Refusal::LacksRole {
            stage,
            person,
            roles,
            assigned_editor,
        } => {
            let mut who = Vec::new();
            if !roles.is_empty() {
                who.push(format!("具有“{}”角色的人", roles.join("”或“")));
            }
            match assigned_editor {
                Some(Some(editor)) => who.push(format!("本文责任编辑（{editor}）")),
                Some(None) => who.push("本文责任编辑（尚未指定）".to_string()),
                None => {}
            }
            GalleyError::user(format!(
                "按照流程规则「签署权限」，「{stage}」只能由{}签署，{person}不符合。",
                who.join("或")
            ))
            .hint("请由有权限的人签署；如需调整权限，请修改 staff.toml 的角色或 [workflow]。")
        }
        Refusal::OutOfOrder { stage, missing } => GalleyError::user(format!(
            "按照流程规则「先后顺序」，须先完成「{missing}」（签在当前文本上），才能签署「{stage}」。"
        ))
        .hint(format!("请先请有关人员完成「{missing}」；运行 galley show 稿件 可以查看进度。")),
        Refusal::Separation {
            rule,
            person,
            signed,
            stage,
        } => GalleyError::user(format!(
            "按照流程规则「{rule}」，{person}已经签署了「{signed}」，不能再签署「{stage}」。"
        ))
        .hint(format!("「{stage}」须由另一位有权限的人签署。")),
        Refusal::AlreadySigned { stage, by } => GalleyError::user(format!(
            "按照流程规则「不重复签署」，「{stage}」已由{by}在当前文本上签署过了。"
        ))
        .hint("文本修改后签署会自动失效，届时再签即可；运行 galley show 稿件 查看详情。"),
        Refusal::NotAnEditor { person, role } => GalleyError::user(format!(
            "按照流程规则「责任编辑资格」，{person}没有“{role}”角色，不能担任责任编辑。"
        ))
        .hint(format!("请改派有“{role}”角色的人，或在 staff.toml 中为其添加该角色。")),
        Refusal::MayNotAssign { person, roles } => GalleyError::user(format!(
            "按照流程规则「分稿权限」，只有{}可以指定责任编辑（责任编辑也可以认领尚未分配的稿件），{person}不符合。",
            roles.join("或")
        ))
        .hint("请由主编或编辑部主任分稿。"),
        Refusal::NothingToReopen => GalleyError::user("这篇稿件目前没有任何签署，无需退回。")
            .hint("如果要修改正文，直接用 galley edit 或 galley revise 即可。"),
        Refusal::MayNotReopen { person } => GalleyError::user(format!(
            "按照流程规则「退回权限」，只有能签署本稿某个环节的人或分稿人才能退回稿件，{person}不符合。"
        ))
        .hint("请联系本文的责任编辑或主编。"),
        other => release::refused(other),
    }
}

pub fn unknown_stage(word: &str, wf: &Workflow) -> GalleyError {
    let names: Vec<String> = wf
        .stages
        .iter()
        .map(|s| format!("{}（{}）", s.name, s.id))
        .collect();
    GalleyError::user(format!("流程中没有“{}”这个环节。", q(word)))
        .hint(format!("可签署的环节：{}。", names.join("、")))
}

pub fn no_stage_of_kind(kind: StageKind) -> GalleyError {
    let what = match kind {
        StageKind::Proofread => "校对",
        StageKind::Review => "审稿",
    };
    GalleyError::user(format!("当前流程里没有{what}类的环节。"))
        .hint("请用 galley signoff 稿件 环节 指定要签署的环节。")
}

pub fn unsaved_edits(key: &str) -> GalleyError {
    GalleyError::user(format!(
        "{key} 的正文有尚未保存的手工修改，不能在这样的文本上签署或改动稿件信息。"
    ))
    .hint(format!(
        "请先运行 galley save {key} -m 修改说明，保存这些修改后再签。"
    ))
}

pub fn bad_date(text: &str) -> GalleyError {
    GalleyError::user(format!("“{}”不是有效日期。", q(text)))
        .hint("日期请写成 2024-02-20 这样的格式。")
}

pub fn empty_reason() -> GalleyError {
    GalleyError::user("退回稿件必须写明理由。")
        .hint("用 --reason 写上理由，例如 --reason 数据需要核实。")
}

// ---- set, edit, save -----------------------------------------------------

pub fn bad_assignment(pair: &str) -> GalleyError {
    GalleyError::user(format!("“{}”的写法不对。", q(pair)))
        .hint("请写成 项=值，例如 page=4 或 栏目=重要言论。")
}

pub fn unknown_field(key: &str, fields: &[&str]) -> GalleyError {
    GalleyError::user(format!("稿件信息里没有“{}”这一项。", q(key))).hint(format!(
        "可以修改的项：{}（也可用中文：引题、标题、副标题、作者、署名、栏目、页码、页数、目次）。",
        fields.join("、")
    ))
}

pub fn bad_number(name: &str, raw: &str) -> GalleyError {
    GalleyError::user(format!(
        "{} 必须是正整数，“{}”不是。",
        field_label(name),
        q(raw)
    ))
    .hint("例如 page=4。")
}

pub fn bad_flag(name: &str, raw: &str) -> GalleyError {
    GalleyError::user(format!(
        "{} 只能是“是”或“否”，“{}”不对。",
        field_label(name),
        q(raw)
    ))
    .hint("例如 目次=否 表示不上目次。")
}

pub fn field_label(key: &str) -> &str {
    match key {
        "kicker" => "引题",
        "title" => "标题",
        "subtitle" => "副标题",
        "authors" => "作者",
        "byline" => "署名",
        "toc_credit" => "目次署名",
        "section" => "栏目",
        "page" => "页码",
        "pages" => "页数",
        "in_toc" => "是否上目次",
        other => other,
    }
}

pub fn editor_failed(editor: &str, detail: &str) -> GalleyError {
    GalleyError::user(format!("无法启动编辑器“{}”：{}。", q(editor), q(detail)))
        .hint("请设置环境变量 EDITOR 指向可用的编辑器；也可以直接用记事本修改 article.md，再运行 galley save。")
}

pub fn hint_fix_then_save(key: &str) -> String {
    format!("您的修改还在文件里，没有丢失；改正后运行 galley save {key}。")
}

// ---- commit subjects -----------------------------------------------------

pub fn subject_init(name: &str) -> String {
    format!("创建《{name}》杂志仓库")
}

pub fn subject_issue_new(actor: &str, f: &IssueFile) -> String {
    format!("{actor}新建{}", issue_label(f))
}

pub fn subject_add(actor: &str, title: &str) -> String {
    format!("{actor}新建稿件《{title}》")
}

pub fn subject_assign(actor: &str, title: &str, editor: &str) -> String {
    if actor == editor {
        format!("{actor}担任《{title}》的责任编辑")
    } else {
        format!("{actor}指定{editor}担任《{title}》的责任编辑")
    }
}

pub fn subject_signoff(actor: &str, title: &str, stage: &str) -> String {
    format!("{actor}签署《{title}》的「{stage}」")
}

pub fn subject_reopen(actor: &str, title: &str, reason: &str) -> String {
    format!("{actor}退回《{title}》：{reason}")
}

pub fn subject_revise(actor: &str, title: &str, message: &str) -> String {
    format!("{actor}修订《{title}》：{message}")
}

pub fn subject_set(actor: &str, title: &str, fields: &[&str]) -> String {
    if fields.is_empty() {
        format!("{actor}修改《{title}》的稿件信息")
    } else {
        let labels: Vec<&str> = fields.iter().map(|f| field_label(f)).collect();
        format!("{actor}修改《{title}》的{}", labels.join("、"))
    }
}

pub fn subject_photo(actor: &str, title: &str) -> String {
    format!("{actor}为《{title}》添加图片说明")
}

// ---- confirmations (stderr) ----------------------------------------------

pub fn initialized(dir: &Path, name: &str, no_staff: bool) -> String {
    let mut text = format!("已在 {} 建好《{name}》的杂志仓库。", dir.display());
    if no_staff {
        text.push_str("\n下一步：用文本编辑器打开 staff.toml，填写出版信息和工作人员名单。");
    }
    text
}

pub fn issue_label(f: &IssueFile) -> String {
    match f.total {
        Some(t) => format!("{}年第{}期（总第{t}期）", f.year, f.number),
        None => format!("{}年第{}期", f.year, f.number),
    }
}

pub fn issue_created(f: &IssueFile) -> String {
    format!("已新建{}。", issue_label(f))
}

pub fn no_issues_yet() -> String {
    "还没有任何期次。运行 galley issue new 年份-期数 新建一期。".to_string()
}

pub fn article_added(key: &str, title: &str, chars: usize) -> String {
    format!("已新建稿件 {key}《{}》，正文 {chars} 字。", q(title))
}

pub fn assigned(key: &str, title: &str, editor: &str, due: Option<NaiveDate>) -> String {
    match due {
        Some(d) => format!(
            "已指定{editor}为 {key}《{}》的责任编辑，截止 {d}。",
            q(title)
        ),
        None => format!("已指定{editor}为 {key}《{}》的责任编辑。", q(title)),
    }
}

pub fn signed(key: &str, title: &str, stage: &str) -> String {
    format!("已签署 {key}《{}》的「{stage}」。", q(title))
}

pub fn reopened(key: &str, title: &str, withdrawn: usize) -> String {
    format!(
        "已退回 {key}《{}》，撤销了 {withdrawn} 项签署（历史记录仍保留）。",
        q(title)
    )
}

pub fn nothing_to_save(key: &str) -> String {
    format!("{key} 没有需要保存的修改。")
}

pub fn revised(key: &str, title: &str, body_changed: bool, stale: &[String]) -> String {
    if !body_changed {
        return format!("已保存 {key}《{}》的稿件信息。", q(title));
    }
    let mut text = format!("已保存 {key}《{}》的新修订。", q(title));
    if !stale.is_empty() {
        text.push_str(&format!(
            "原有的「{}」签署已过期，需要重新签署。",
            stale.join("」「")
        ));
    }
    text
}

pub fn photo_added(key: &str, photo: &crate::core::frontmatter::Photo) -> String {
    match &photo.credit {
        Some(credit) => format!(
            "已为 {key} 添加图片说明：{} {credit} / 摄",
            q(&photo.caption)
        ),
        None => format!("已为 {key} 添加图片说明：{}", q(&photo.caption)),
    }
}

pub fn fields_set(key: &str, fields: &[&str], stale: &[String]) -> String {
    let labels: Vec<&str> = fields.iter().map(|f| field_label(f)).collect();
    let mut text = format!("已修改 {key} 的{}。", labels.join("、"));
    if !stale.is_empty() {
        text.push_str(&format!(
            "标题、作者、署名和正文一样是签署的内容，原有的「{}」签署已过期，需要重新签署。",
            stale.join("」「")
        ));
    }
    text
}

// ---- the board -----------------------------------------------------------

pub const WITHDRAWN_LABEL: &str = "已撤稿";

pub fn status_label(wf: &Workflow, reached: Option<&str>) -> String {
    match reached.and_then(|r| wf.stage(r)) {
        Some(stage) => stage.done_label(),
        None => "草稿".to_string(),
    }
}

pub fn next_label(wf: &Workflow, next: &str) -> String {
    format!("待{}", wf.stage_name(next))
}

pub fn board_title(name: &str, f: &IssueFile) -> String {
    format!("《{}》{}", q(name), issue_label(f))
}

pub fn board_empty(mine: bool) -> String {
    if mine {
        "目前没有需要您处理的稿件。".to_string()
    } else {
        "这一期还没有稿件。运行 galley add 期号 --title 标题 新建稿件。".to_string()
    }
}

pub fn page_cell(page: Option<u32>, pages: Option<u32>) -> String {
    match (page, pages) {
        (Some(p), Some(n)) if n > 1 => format!("{p:02}-{:02}", p + n - 1),
        (Some(p), _) => format!("{p:02}"),
        (None, _) => "-".to_string(),
    }
}

pub fn due_cell(due: Option<NaiveDate>, overdue: bool) -> String {
    match due {
        Some(d) if overdue => format!("{d}（已逾期）"),
        Some(d) => d.to_string(),
        None => String::new(),
    }
}

pub fn board_summary(wf: &Workflow, rows: &[BoardRow]) -> String {
    let last = wf.stages.last().map(|s| s.id.as_str()).unwrap_or_default();
    let done = rows.iter().filter(|r| r.status == last).count();
    let unassigned = rows.iter().filter(|r| r.editor.is_none()).count();
    let stale = rows.iter().filter(|r| !r.stale.is_empty()).count();
    let mut parts = vec![
        format!("共 {} 篇", rows.len()),
        format!("{} 篇{}", done, status_label(wf, Some(last))),
    ];
    if unassigned > 0 {
        parts.push(format!("{unassigned} 篇未指定责任编辑"));
    }
    if stale > 0 {
        parts.push(format!("{stale} 篇有过期签署"));
    }
    format!("{}。", parts.join("，"))
}

pub fn attention(key: &str, wf: &Workflow, a: &Attention) -> String {
    match a {
        Attention::SignedWhileReopened {
            stage,
            signed_by,
            reopened_by,
        } => format!(
            "需处理：{key} 上，{signed_by}签署「{}」与{reopened_by}退回稿件是同时进行的，两人都没看到对方的操作。请商量后重新签署或再次退回。",
            wf.stage_name(stage)
        ),
        Attention::TwoEditors { first, second } => format!(
            "需处理：{key} 被同时指派给了{first}和{second}。请主编或编辑部主任重新指定一次责任编辑。"
        ),
        Attention::Unreadable { problem } => format!(
            "需处理：{key} 的文件有问题，这篇稿件的进度可能不完整，对它的操作都会被拒绝：{problem}"
        ),
    }
}

pub fn show_lines(
    wf: &Workflow,
    text: &ArticleText,
    events: &[Event],
    row: &BoardRow,
) -> Vec<String> {
    let key = row.article.as_str();
    let f = &text.front;
    let mut lines = Vec::new();
    if let Some(k) = &f.kicker {
        lines.push(format!("  {k}"));
    }
    lines.push(format!("《{}》", f.title));
    if let Some(s) = &f.subtitle {
        lines.push(format!("  {s}"));
    }
    lines.push(String::new());
    let mut field = |label: &str, value: String| {
        if !value.is_empty() {
            lines.push(format!("{label}：{value}"));
        }
    };
    field("稿件", key.to_string());
    field("作者", f.authors.join("、"));
    field("署名", f.byline.clone().unwrap_or_default());
    field("目次署名", f.toc_credit.clone().unwrap_or_default());
    field("栏目", f.section.clone().unwrap_or_default());
    field("页码", page_cell(f.page, f.pages));
    if !f.in_toc {
        field("目次", "不上目次".into());
    }
    for photo in &f.photos {
        let credit = photo
            .credit
            .as_deref()
            .map(|c| format!(" {c} / 摄"))
            .unwrap_or_default();
        field("图片", format!("{}{credit}", photo.caption));
    }
    field(
        "正文字数",
        format!("{} 字", crate::core::text::body_characters(&text.body)),
    );
    field(
        "责任编辑",
        row.editor.clone().unwrap_or_else(|| NOBODY.into()),
    );
    field("截止", due_cell(row.due, row.overdue));
    let mut state = row.status_label.clone();
    if let Some(w) = &row.withdrawn {
        state.push_str(&format!(
            "（{} {}：{}）",
            w.by,
            w.at.format("%Y-%m-%d %H:%M"),
            w.reason
        ));
    }
    if let Some(n) = &row.next {
        state.push_str(&format!("，下一步：{}", next_label(wf, n)));
    }
    field("状态", state);
    if row.unsaved {
        lines.push(format!(
            "注意：正文有尚未保存的手工修改，请运行 galley save {}。",
            key
        ));
    }
    for s in &row.signed {
        let fresh = if s.fresh {
            "有效"
        } else {
            "已过期：此后正文有修改"
        };
        lines.push(format!(
            "签署：「{}」{} {}（{}）",
            wf.stage_name(&s.stage),
            s.by,
            s.at.format("%Y-%m-%d %H:%M"),
            fresh
        ));
    }
    for x in &row.attention {
        lines.push(attention(key, wf, x));
    }
    if !events.is_empty() {
        lines.push(String::new());
        lines.push("流程记录：".to_string());
        for e in events {
            lines.push(format!(
                "  {} {}",
                e.at.format("%Y-%m-%d %H:%M"),
                event_sentence(wf, e)
            ));
        }
    }
    lines
}

pub fn event_sentence(wf: &Workflow, e: &crate::core::journal::Event) -> String {
    use crate::core::journal::Op;
    let note = e
        .note
        .as_deref()
        .map(|n| format!("——{n}"))
        .unwrap_or_default();
    match e.op {
        Op::Assign => {
            let due = e.due.map(|d| format!("，截止 {d}")).unwrap_or_default();
            match e.editor.as_deref() {
                Some(editor) if editor == e.by => format!("{} 担任责任编辑{due}{note}", e.by),
                editor => format!(
                    "{} 指定责任编辑：{}{due}{note}",
                    e.by,
                    editor.unwrap_or("?")
                ),
            }
        }
        Op::Signoff => format!(
            "{} 签署「{}」{note}",
            e.by,
            wf.stage_name(e.stage.as_deref().unwrap_or("?"))
        ),
        Op::Reopen => format!("{} 退回稿件{note}", e.by),
        Op::Revise => format!("{} 修订正文{note}", e.by),
        Op::Withdraw => format!("{} 撤稿{note}", e.by),
        Op::Restore => format!("{} 恢复稿件{note}", e.by),
        Op::Release => format!("{} 签发付印{note}", e.by),
        Op::Unrelease => format!("{} 撤回付印{note}", e.by),
        Op::Move => format!(
            "{} 压稿，从 {} 移到本期{note}",
            e.by,
            e.from.as_deref().unwrap_or("?")
        ),
    }
}

// ---- the log -------------------------------------------------------------

pub fn log_empty() -> String {
    "还没有任何记录。".to_string()
}

pub fn op_label(op: Option<&str>) -> String {
    match op {
        Some("init") => "建库",
        Some("issue-new") => "新建期次",
        Some("add") => "新建稿件",
        Some("assign") => "分稿",
        Some("signoff") => "签署",
        Some("reopen") => "退回",
        Some("set") => "改稿件信息",
        Some("revise") => "修订正文",
        Some("photo") => "图片说明",
        Some("move") => "压稿",
        Some("withdraw") => "撤稿",
        Some("restore") => "恢复稿件",
        Some("release") => "签发付印",
        Some("unrelease") => "撤回付印",
        Some(_) => "其他",
        None => "手工提交",
    }
    .to_string()
}

pub fn stray_journal(files: &[String]) -> String {
    format!(
        "注意：以下流程记录没有提交，不算数（多半是上次操作中途断电或被中止留下的）：{}。确认无用后可以删去；需要的签署请重新签一次。",
        list(files)
    )
}
