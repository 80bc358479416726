//! What galley says when a record or a request goes past the bounds it
//! keeps: dates far from the issue, bodies over the size limit, control
//! characters in text.

use chrono::NaiveDate;

use super::q;
use crate::core::issue::{IssueId, YEARS_AFTER, YEARS_BEFORE};
use crate::error::GalleyError;

fn window(issue: &IssueId) -> String {
    match issue.plausible_days() {
        Some((first, last)) => format!("{first} 至 {last}"),
        None => format!("{}年前后", issue.year),
    }
}

pub fn implausible_clock(issue: &IssueId, today: NaiveDate) -> GalleyError {
    GalleyError::user(format!(
        "今天的日期 {today} 和 {issue} 期相差太远，不能记录（只能记录在 {} 之间）。",
        window(issue)
    ))
    .hint(format!(
        "请检查这台电脑的日期和时区（或环境变量 GALLEY_NOW）；一期稿件的流程只能在该期前 {YEARS_BEFORE} 年到后 {YEARS_AFTER} 年之内记录。"
    ))
}

pub fn implausible_due(issue: &IssueId, due: NaiveDate) -> GalleyError {
    GalleyError::user(format!(
        "截止日期 {due} 和 {issue} 期相差太远（只能在 {} 之间）。",
        window(issue)
    ))
    .hint("请检查年份是否写错，例如 2024-02-20。")
}

pub fn implausible_record(field: &str, day: NaiveDate, issue: &IssueId) -> String {
    format!(
        "记录的{field} {day} 和 {issue} 期相差太远（只能在 {} 之间），像是时钟错了或记录被伪造",
        window(issue)
    )
}

pub fn body_too_large(what: &str, bytes: usize, limit: usize) -> GalleyError {
    GalleyError::user(format!(
        "{}的正文有 {} KB，超过了每篇 {} KB 的上限，没有保存。",
        q(what),
        bytes / 1024,
        limit / 1024
    ))
    .hint("档案里最长的稿件也不到上限的十分之一；请检查是否把几篇稿件或重复的内容贴在了一起，必要时分成几篇。")
}

pub fn body_too_large_in_record(bytes: u64, limit: usize) -> String {
    format!(
        "稿件正文有 {} KB，超过了每篇 {} KB 的上限",
        bytes / 1024,
        limit / 1024
    )
}

pub fn not_a_plain_file() -> String {
    "不是普通文件（符号链接等会让网页版读到仓库以外的文件），templates/ 和 issues/ 下只能放普通文件"
        .to_string()
}
