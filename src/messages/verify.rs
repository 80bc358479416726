//! What `galley verify`, the guard and its hook say.

use std::path::Path;

use super::q;
use crate::core::audit::{DateField, Violation};
use crate::error::GalleyError;
use crate::repo::verify::{Finding, Problem};

fn violation(v: &Violation) -> String {
    match v {
        Violation::NotTheAuthor { by, author } => format!(
            "记录写的是{}做的，提交人却是{}（流程记录只能由本人提交）",
            q(by),
            q(author)
        ),
        Violation::UnknownPerson { name } => format!("{}不在当时的 staff.toml 名单上", q(name)),
        Violation::UnknownStage { stage } => format!("当时的流程里没有环节“{}”", q(stage)),
        Violation::Refused(r) => super::refused(r).message,
        Violation::WrongText { stage } => {
            format!("「{}」签署记录里的正文和当时稿件的正文对不上", q(stage))
        }
        Violation::Incomplete => "记录缺少必要的内容（签署缺环节，或分稿缺责任编辑）".to_string(),
        Violation::MoveMismatch { from } => super::release::move_mismatch(from),
        Violation::ImplausibleDate { field, day, issue } => {
            let field = match field {
                DateField::At => "日期",
                DateField::Due => "截止日期",
            };
            super::limits::implausible_record(field, *day, issue)
        }
    }
}

pub fn finding(f: &Finding) -> String {
    let what = match &f.problem {
        Problem::Event { file, violation: v } => format!("{}：{}", q(file), violation(v)),
        Problem::Changed { file } => format!(
            "流程记录 {} 写入后又被改动过（记录只能新增，不能修改）",
            q(file)
        ),
        Problem::Deleted { file } => {
            format!("流程记录 {} 被删除了（记录只能新增，不能删除）", q(file))
        }
        Problem::Unreadable { file } => format!("流程记录 {} 无法读取", q(file)),
        Problem::NotAFile { file } => format!("{}{}", q(file), super::limits::not_a_plain_file()),
        Problem::TooLarge { file, bytes } => format!(
            "{}：{}",
            q(file),
            super::limits::body_too_large_in_record(
                *bytes,
                crate::core::frontmatter::MAX_ARTICLE_BYTES
            )
        ),
        Problem::AfterRelease { file, by } => format!(
            "{}：本期已由{by}签发付印，之后不能再改动稿件（须先由主编撤回付印）",
            q(file)
        ),
        Problem::StaffByNonAdministrator { by } => format!(
            "staff.toml（同事名单和权限）被{}改动了，可只有管理员（主编、编辑部主任）才能改它；请由管理员在网页版“账户管理”里修改",
            q(by)
        ),
    };
    format!("提交 {}（{}）：{what}", f.commit, q(&f.subject))
}

pub fn clean(commits: usize) -> String {
    format!("检查了 {commits} 个提交，流程记录完整，没有发现违反流程的地方。")
}

pub fn failed(n: usize) -> GalleyError {
    GalleyError::check(format!("发现 {n} 处违反流程的记录（见上）。"))
        .hint("请主编或编辑部主任核实；伪造或改动的记录应当撤回，由本人用 galley 重新签署。")
}

pub fn bad_range(range: &str) -> GalleyError {
    GalleyError::user(format!("看不懂要检查的范围“{}”。", q(range)))
        .hint("可以不写（检查全部历史），或写一个提交号，或写 旧提交..新提交。")
}

pub const HOOK_HEADER: &str = "galley 守卫拒绝了这次推送：";

pub fn hook_rewrite(reference: &str) -> String {
    format!(
        "{}：不允许改写已经共享的历史（强制推送会抹掉别人的记录）。请先 galley sync，再推送。",
        q(reference)
    )
}

pub fn hook_delete(reference: &str) -> String {
    format!("{}：不允许删除分支，流程记录会随之丢失。", q(reference))
}

pub fn hook_footer() -> &'static str {
    "请改正后再推送；流程记录只能用 galley 命令由本人签署。"
}

pub fn not_bare(path: &Path) -> GalleyError {
    GalleyError::user(format!(
        "{} 不是共享用的仓库（bare 仓库）。",
        q(&path.display().to_string())
    ))
    .hint("守卫装在编辑部共用的那个仓库上，例如 git clone --bare 杂志仓库 /srv/galley/当代濮阳 建好的仓库。")
}

pub fn hook_exists(path: &Path) -> GalleyError {
    GalleyError::user(format!(
        "{} 已经有别的 pre-receive 钩子，galley 不覆盖它。",
        q(&path.display().to_string())
    ))
    .hint("请管理员先备份并移走这个文件，再运行 galley guard install。")
}

pub fn guard_installed(repo: &Path, galley: &Path) -> String {
    format!(
        "已在 {} 安装守卫：此后每次推送都先由 {} 检查，伪造、改动或删除流程记录的推送会被拒绝。",
        q(&repo.display().to_string()),
        q(&galley.display().to_string())
    )
}

// ---- a repository the office's group shares (guard install --shared) ---

pub fn no_such_group(group: &str) -> GalleyError {
    GalleyError::user(format!("这台电脑上没有“{}”这个用户组。", q(group))).hint(
        "galley 的安装包会建好 galley 用户组；没有用安装包时请先 groupadd galley，或用 --group 指定编辑部的用户组。",
    )
}

pub fn trust_failed(file: &Path) -> GalleyError {
    GalleyError::user(format!(
        "无法把共用仓库写进系统的 git 设置 {}（safe.directory），仓库没有改动。",
        file.display()
    ))
    .hint("这一步要改整台电脑的设置，请以 root 运行：sudo galley guard install --shared 共用仓库。")
}

pub fn share_failed(top: &Path, e: &std::io::Error) -> GalleyError {
    GalleyError::user(format!(
        "无法把 {} 交给用户组共用：{e}。",
        q(&top.display().to_string())
    ))
    .hint("改文件的用户组和权限要有 root 权限，请以 root 运行：sudo galley guard install --shared 共用仓库；重新运行是安全的。")
}

pub fn shared(top: &Path, group: &str, already: bool, changed: usize) -> String {
    let top = q(&top.display().to_string());
    let group = q(group);
    if already && changed == 0 {
        return format!(
            "{top} 已经是 {group} 组共用的仓库（core.sharedRepository=group，文件属于 {group} 组、组内可读写，文件夹带 setgid），没有改动。"
        );
    }
    format!(
        "已把 {top} 设为 {group} 组共用：core.sharedRepository=group，文件交给 {group} 组、组内可读写，文件夹加上 setgid（此后谁新建的文件都归 {group} 组）；改了 {changed} 个文件和文件夹。"
    )
}

pub fn trusted(top: &Path, file: &Path, added: bool) -> String {
    let top = q(&top.display().to_string());
    if added {
        format!(
            "已把 {top} 加入 {} 的 safe.directory：git 只让不是仓库主人的账号在列出的仓库上推送、克隆，这一项对这台电脑上的所有账号（编辑们和 galley）都有效。",
            file.display()
        )
    } else {
        format!(
            "{} 的 safe.directory 里已经有 {top}，没有改动。",
            file.display()
        )
    }
}

pub fn shared_next(repo: &Path, group: &str) -> String {
    let name = repo
        .file_name()
        .map(|n| q(&n.to_string_lossy()))
        .unwrap_or_default();
    let name = name.trim_end_matches(".git");
    let repo = q(&repo.display().to_string());
    let group = q(group);
    format!(
        "接下来：\n  1. 把每位编辑的账号加入 {group} 组：usermod -aG {group} 用户名（下次登录起生效）；只用来推送、收取的账号，把登录程序设为 git-shell：usermod -s /usr/bin/git-shell 用户名。\n  2. 各人在自己电脑上取一份：git clone ssh://用户名@服务器{repo} {name}\n  3. 在服务器上运行 galley 时以 galley 用户运行（runuser -u galley -- galley -C {repo} ……），网页版的服务本来就是这样。"
    )
}
