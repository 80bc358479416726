//! What `galley diff` and the revision log say.

use chrono::{DateTime, FixedOffset};

use super::q;
use crate::core::diff::{Coarse, Summary};
use crate::error::GalleyError;

pub const ARTICLE_LOG_HEADER: [&str; 7] = ["修订", "时间", "人员", "操作", "内容", "字数", "提交"];

pub fn stamp(at: &DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

pub fn revision_label(number: usize, author: &str, at: &DateTime<FixedOffset>) -> String {
    format!("r{number}（{}，{}）", q(author), stamp(at))
}

pub fn signed_label(stage: &str, by: &str, number: usize) -> String {
    format!("「{}」签署的文本（{}签署，r{number}）", q(stage), q(by))
}

pub fn commit_label(short: &str, number: Option<usize>) -> String {
    match number {
        Some(n) => format!("提交 {short} 时的文本（r{n}）"),
        None => format!("提交 {short} 时的文本"),
    }
}

pub fn work_label(number: Option<usize>) -> String {
    match number {
        Some(n) => format!("当前文本（r{n}）"),
        None => "当前文本（含未保存的修改）".to_string(),
    }
}

pub fn header(title: &str, from: &str, to: &str) -> String {
    format!("《{}》：{from} → {to}", q(title))
}

/// `+12 −3`: the characters a revision added and removed.
pub fn char_delta(added: usize, removed: usize) -> String {
    format!("+{added} −{removed}")
}

pub fn summary(s: &Summary, coarse: Option<Coarse>) -> String {
    if s.is_empty() {
        return "合计：没有改动。".to_string();
    }
    let mut parts = vec![format!(
        "合计：增 {} 字，删 {} 字，改 {} 字，只改标点 {} 处",
        s.inserted, s.deleted, s.changed, s.punctuation
    )];
    for (n, what) in [
        (s.space, "空格"),
        (s.moved, "段落移动"),
        (s.split, "段落拆分"),
        (s.joined, "段落合并"),
    ] {
        if n > 0 {
            parts.push(format!("{what} {n} 处"));
        }
    }
    let note = match coarse {
        None => "",
        Some(Coarse::Rewrite) => "（有的段落几乎重写，按整段显示）",
        Some(Coarse::Deadline) => "（比较超时，有的段落按整段显示）",
    };
    format!("{}。{note}", parts.join("，"))
}

fn paragraph_range(paras: &[usize]) -> String {
    match (paras.first(), paras.last()) {
        (Some(a), Some(b)) if a != b => format!("第 {}–{} 段", a + 1, b + 1),
        (Some(a), _) => format!("第 {} 段", a + 1),
        _ => String::new(),
    }
}

/// Where an edited block stands: by its new paragraphs, or by its old
/// ones when it was deleted outright.
pub fn edited_place(old: &[usize], new: &[usize]) -> String {
    if new.is_empty() {
        format!("原{}（已删去）", paragraph_range(old))
    } else if old.is_empty() {
        format!("{}（新增）", paragraph_range(new))
    } else {
        paragraph_range(new)
    }
}

pub fn moved_place(old: usize, new: usize) -> String {
    format!("第 {} 段（由原第 {} 段移来）", new + 1, old + 1)
}

pub fn moved_away(new: usize) -> String {
    format!("（原在此处的一段已移到第 {} 段）", new + 1)
}

pub fn only_one_revision(title: &str) -> String {
    format!("《{}》只有一个修订（r1），还没有可以比较的内容。", q(title))
}

pub fn no_change(from: &str, to: &str) -> String {
    format!("{from} 和 {to} 的正文完全相同，没有改动。")
}

pub fn reversed(from: &str, to: &str) -> String {
    format!("注意：起点 {from} 比终点 {to} 新，下面显示的是从新到旧的反向改动。")
}

pub fn unknown_rev(rev: &str, revisions: usize) -> GalleyError {
    GalleyError::missing(format!("不认识要比较的版本“{}”。", q(rev))).hint(format!(
        "可以写修订号 r1–r{revisions}、环节名（如 proofread、approved、校对、审定）、日期（如 2024-02-20，即当天结束时的文本）、提交号，或 work（当前文本，含未保存的修改）；galley log 稿件 列出全部修订。"
    ))
}

pub fn no_revision_by(day: chrono::NaiveDate) -> GalleyError {
    GalleyError::missing(format!("{day} 以前这篇稿件还没有保存过任何修订。"))
        .hint("换一个晚一些的日期，或用 galley log 稿件 查看修订的日期。")
}

pub fn stage_never_signed(stage: &str) -> GalleyError {
    GalleyError::user(format!(
        "这篇稿件还没有人签署过「{}」，没有签署时的文本可比。",
        q(stage)
    ))
    .hint("运行 galley show 稿件 查看已有的签署；不写 --from 则从最近一次签署比起。")
}

pub fn signed_text_missing(stage: &str) -> GalleyError {
    GalleyError::user(format!("在历史记录里找不到「{}」签署时的那份正文。", q(stage)))
        .hint("签署可能来自一份没有保存进历史的文本；请用 r 加修订号指定起点，galley log 稿件 列出全部修订。")
}

pub fn not_in_commit(commit: &str) -> GalleyError {
    GalleyError::missing(format!("提交 {commit} 里没有这篇稿件。"))
        .hint("galley log 稿件 列出这篇稿件的全部修订和提交号。")
}

pub fn unreadable_in_history(commit: &str, path: &str) -> GalleyError {
    GalleyError::user(format!(
        "提交 {commit} 里的 {} 不是可以识别的文字（可能是二进制文件或编码损坏），无法比较。",
        q(path)
    ))
    .hint("请用 --from / --to 选别的修订；这份文本需要由管理员检查。")
}

pub fn jieba_not_built() -> GalleyError {
    GalleyError::user("这个 galley 没有编入结巴分词，不能按词比较。")
        .hint("去掉 --words=jieba 即按字比较；如需按词比较，请管理员用 cargo build --features jieba 重新编译。")
}

pub fn html_title(title: &str) -> String {
    format!("修订对照：《{title}》")
}

pub fn written(path: &str) -> String {
    format!("已写入 {}。", q(path))
}

pub fn revision_count(title: &str, n: usize) -> String {
    if n < 2 {
        return format!("《{}》共 {n} 个修订。", q(title));
    }
    format!(
        "《{}》共 {n} 个修订；galley diff 稿件 --from r1 --to r{n} 可以逐字比较任意两个修订。",
        q(title)
    )
}
