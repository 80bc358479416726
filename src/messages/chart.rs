//! What `galley chart` draws and says, and the desk's chart pages.

use chrono::{Datelike, NaiveDate};

use crate::error::GalleyError;

pub const COUNT_AXIS: &str = "篇数";
pub const RATE_AXIS: &str = "差错率（/万）";
pub const QUALITY_PAGE: &str = "各期编校质量";
pub const QUALITY_LINK: &str = "历年各期差错率";
pub const QUALITY_HEADER: [&str; 4] = ["期号", "字数", "差错（加权）", "差错率"];
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
    format!("《{magazine}》各期编校差错率")
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

/// The x-axis label of a day: `2/5`.
pub fn axis_day(day: NaiveDate) -> String {
    format!("{}/{}", day.month(), day.day())
}

pub fn state_tooltip(day: NaiveDate, state: &str, count: usize) -> String {
    format!("{} · {state} · {count} 篇", long_day(day))
}

pub fn due_mark(day: NaiveDate) -> String {
    format!("截稿 {}", short_day(day))
}

pub fn print_mark(day: NaiveDate) -> String {
    format!("付印 {}", short_day(day))
}

pub fn limit_line(limit: f64) -> String {
    format!("限值 {}", crate::messages::lint::rate(limit))
}

pub fn issue_tooltip(label: &str, rate: f64, limit: f64, over: bool) -> String {
    let verdict = if over { "，超标" } else { "" };
    format!(
        "{label} · 差错率 {}（限值 {}）{verdict}",
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
