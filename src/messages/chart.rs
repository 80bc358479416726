//! What `galley chart` draws and says, and the desk's chart pages.

use chrono::{Datelike, NaiveDate};

use crate::error::GalleyError;

pub const COUNT_AXIS: &str = "篇数";
pub const RATE_AXIS: &str = "估计差错率（/万）";
pub const QUALITY_PAGE: &str = "各期编校质量";
pub const QUALITY_LINK: &str = "历年各期差错率";
pub const QUALITY_HEADER: [&str; 5] = ["期号", "字数", "差错（加权）", "估计差错率", "状态"];
pub const PRINTED: &str = "已付印";
pub const UNPRINTED: &str = "未付印";
/// Under the chart: why hollow marks stand apart.
pub const UNPRINTED_KEY: &str = "○ 未付印的期：按现有稿件估计，校对后还会变";
pub const OVER: &str = "超标";

pub fn progress_title(magazine: &str, issue: &str) -> String {
    format!("《{magazine}》{issue} 稿件进度")
}

pub fn progress_desc(day: NaiveDate, counts: &[(String, usize)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .map(|(label, n)| format!("{label} {n} 篇"))
        .collect();
    format!("截至{}：{}。", long_day(day), parts.join("，"))
}

pub fn quality_title(magazine: &str) -> String {
    format!("《{magazine}》各期估计差错率")
}

pub fn quality_desc(issues: usize, over: usize, limit: f64) -> String {
    format!(
        "共 {issues} 期，{over} 期超过限值 {}。",
        crate::messages::lint::rate(limit)
    )
}

/// `2月5日`
pub fn short_day(day: NaiveDate) -> String {
    format!("{}月{}日", day.month(), day.day())
}

/// `2024年2月5日`
pub fn long_day(day: NaiveDate) -> String {
    format!("{}年{}月{}日", day.year(), day.month(), day.day())
}

/// The x-axis label of a day: `2/5`, or `2024/2/5` with its year.
pub fn axis_day(day: NaiveDate, with_year: bool) -> String {
    match with_year {
        true => format!("{}/{}/{}", day.year(), day.month(), day.day()),
        false => format!("{}/{}", day.month(), day.day()),
    }
}

pub fn state_tooltip(day: NaiveDate, state: &str, count: usize) -> String {
    format!("{} · {state} · {count} 篇", long_day(day))
}

/// A due date and whose it is: `截稿 3月8日：刘卫防 2 篇、宋欣龙 1 篇`.
pub fn due_mark(day: NaiveDate, editors: &[(String, usize)]) -> String {
    let whose: Vec<String> = editors
        .iter()
        .map(|(editor, n)| match editor.is_empty() {
            true => format!("未分派 {n} 篇"),
            false => format!("{editor} {n} 篇"),
        })
        .collect();
    format!("截稿 {}：{}", short_day(day), whose.join("、"))
}

/// Under the last bar, when it folds in work done after the days drawn.
pub const LATE_AXIS: &str = "其后";

/// The last bar's second axis line and its tooltip.
pub fn late_axis(day: NaiveDate) -> String {
    format!("至{}", axis_day(day, true))
}

pub fn late_tooltip(after: NaiveDate, day: NaiveDate, state: &str, count: usize) -> String {
    format!(
        "{}以后的记录（至{}）· {state} · {count} 篇",
        long_day(after),
        long_day(day)
    )
}

pub fn print_mark(day: NaiveDate) -> String {
    format!("付印 {}", short_day(day))
}

pub fn limit_line(limit: f64) -> String {
    format!("限值 {}", crate::messages::lint::rate(limit))
}

pub fn issue_tooltip(label: &str, rate: f64, limit: f64, over: bool, printed: bool) -> String {
    let verdict = if over { "，超标" } else { "" };
    let state = if printed { "" } else { "（未付印）" };
    format!(
        "{label}{state} · 估计差错率 {}（限值 {}）{verdict}",
        crate::messages::lint::rate(rate),
        crate::messages::lint::rate(limit)
    )
}

pub fn year_tick(year: i32) -> String {
    format!("{year}年")
}

pub fn written(path: &std::path::Path) -> String {
    format!("已生成图表（SVG）：“{}”", path.display())
}

pub fn no_records(issue: &str) -> GalleyError {
    GalleyError::user(format!("{issue} 还没有任何流程记录，画不出进度图。"))
        .hint("先分派稿件（galley assign），有了记录再画。")
}

pub fn no_issues() -> GalleyError {
    GalleyError::user("仓库里还没有任何一期，画不出差错率图。")
        .hint("先新建一期（galley issue new），放进稿件再画。")
}
