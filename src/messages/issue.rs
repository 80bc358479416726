//! What galley says about opening an issue and changing its settings.

use chrono::NaiveDate;

use super::chart::long_day as day;
use super::issue_label;
use crate::core::issue::{IssueFile, IssueId};
use crate::error::GalleyError;

pub fn number_out_of_year(text: &str, numbers: u32) -> GalleyError {
    GalleyError::user(format!("“{text}”的期数不对：本刊每年 {numbers} 期。")).hint(format!(
        "期号写作 年份-期数，期数从 1 到 {numbers}，例如 2024-03。"
    ))
}

pub fn duplicate_section(section: &str) -> GalleyError {
    GalleyError::user(format!("栏目“{section}”写了两次。"))
        .hint("每个栏目只写一次，按刊出顺序排列。")
}

pub fn section_in_use(section: &str, article: &str) -> GalleyError {
    GalleyError::user(format!(
        "栏目“{section}”里还有稿件 {article}，不能把这个栏目删掉。"
    ))
    .hint("请先把这篇稿件改到别的栏目，再删栏目；要改栏目名，先加新名字、移好稿件，再删旧的。")
}

pub fn bad_number(what: &str, raw: &str) -> GalleyError {
    GalleyError::user(format!("{what}“{raw}”不对，要写一个大于 0 的整数。"))
        .hint(format!("例如{}。", example(what)))
}

fn example(what: &str) -> &'static str {
    match what {
        "总期号" => "总第248期写 248",
        "印数" => "印 3000 册写 3000",
        "页数" => "内文 48 页写 48",
        _ => "写 1、2、3 这样的数",
    }
}

pub fn too_many(what: &str, n: u32, max: u32) -> GalleyError {
    GalleyError::user(format!("{what} {n} 太大了，超过了 {max}。"))
        .hint("请核对是不是多打了几个 0。")
}

pub fn bad_date(what: &str, raw: &str) -> GalleyError {
    GalleyError::user(format!("{what}“{raw}”不是日期。"))
        .hint("日期写作 年-月-日，例如 2024-03-25。")
}

pub fn total_taken(total: u32, other: &IssueId) -> GalleyError {
    GalleyError::user(format!("总第{total}期已经是 {other} 那一期的总期号了。")).hint(format!(
        "请核对总期号；{other} 的总期号如果写错了，请先改那一期。"
    ))
}

pub fn print_date_out_of_range(
    id: &IssueId,
    date: NaiveDate,
    first: NaiveDate,
    last: NaiveDate,
) -> GalleyError {
    GalleyError::user(format!(
        "印刷日期 {} 离 {}年第{}期太远了。",
        day(date),
        id.year,
        id.number
    ))
    .hint(format!(
        "这一期的印刷日期应在 {} 到 {} 之间；请核对年份和月份。",
        day(first),
        day(last)
    ))
}

pub fn subject_settings(actor: &str, f: &IssueFile, changed: &[&str]) -> String {
    format!("{actor}修改{}的{}", issue_label(f), changed.join("、"))
}

pub fn settings_saved(f: &IssueFile, changed: &[&str]) -> String {
    format!("已修改{}的{}。", issue_label(f), changed.join("、"))
}

pub fn settings_unchanged(f: &IssueFile) -> String {
    format!("{}的设置没有变化，没有保存。", issue_label(f))
}
