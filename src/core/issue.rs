//! An issue: its id (YEAR-NN) and `issue.toml`.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct IssueId {
    pub year: i32,
    pub number: u32,
}

/// Years before an issue's month in which work on it may be recorded.
pub const YEARS_BEFORE: u32 = 2;
/// Years after it: late sign-offs and back-issue corrections, but no more.
pub const YEARS_AFTER: u32 = 6;

impl IssueId {
    /// The days on which work on this issue can plausibly be recorded or
    /// fall due. A date outside is a wrong clock or a forged record, and
    /// would stretch every chart and board over millennia.
    pub fn plausible_days(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        let month = chrono::NaiveDate::from_ymd_opt(self.year, self.number.clamp(1, 12), 1)?;
        let first = month.checked_sub_months(chrono::Months::new(12 * YEARS_BEFORE))?;
        let last = month
            .checked_add_months(chrono::Months::new(12 * YEARS_AFTER + 1))?
            .pred_opt()?;
        Some((first, last))
    }

    pub fn is_plausible(&self, day: chrono::NaiveDate) -> bool {
        self.plausible_days()
            .is_some_and(|(first, last)| (first..=last).contains(&day))
    }

    /// Accepts `2024-02`, and also `2024-2` as people type it.
    pub fn parse(text: &str) -> Option<IssueId> {
        let (year, number) = text.trim().split_once('-')?;
        if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if number.is_empty() || number.len() > 2 || !number.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let number: u32 = number.parse().ok()?;
        if number == 0 {
            return None;
        }
        Some(IssueId {
            year: year.parse().ok()?,
            number,
        })
    }
}

impl fmt::Display for IssueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.number)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CoverNote {
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photographer: Option<String>,
}

/// A photo call-out on the contents page, e.g. P08 pointing at a picture.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Callout {
    pub page: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct IssueFile {
    pub year: i32,
    pub number: u32,
    /// 总第N期
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
    #[serde(default)]
    pub sections: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<CoverNote>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back_cover: Option<CoverNote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub callouts: Vec<Callout>,
    /// Inside pages in the issue, for the page plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// 编印单位, 发送对象 and 印刷单位 for this issue, when they differ
    /// from `staff.toml`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printer: Option<String>,
    /// 印刷日期, written as a TOML date: `print_date = 2024-02-25`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub print_date: Option<toml::value::Datetime>,
    /// 印数
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub print_run: Option<u32>,
}

impl IssueFile {
    /// 印刷日期 as a day, when one is written.
    pub fn print_day(&self) -> Option<chrono::NaiveDate> {
        let day = self.print_date.as_ref()?.date?;
        chrono::NaiveDate::from_ymd_opt(day.year.into(), day.month.into(), day.day.into())
    }

    /// The first day of the month a monthly issue is numbered for.
    pub fn month_start(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.number.clamp(1, 12), 1)
    }

    /// The last day of that month.
    pub fn month_end(&self) -> Option<chrono::NaiveDate> {
        let start = self.month_start()?;
        start.checked_add_months(chrono::Months::new(1))?.pred_opt()
    }

    pub fn new(id: IssueId, total: Option<u32>, sections: Vec<String>) -> IssueFile {
        IssueFile {
            year: id.year,
            number: id.number,
            total,
            sections,
            ..IssueFile::default()
        }
    }

    pub fn section_index(&self, section: Option<&str>) -> usize {
        section
            .and_then(|s| self.sections.iter().position(|x| x == s))
            .unwrap_or(self.sections.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_issue_ids() {
        assert_eq!(IssueId::parse("2024-2").unwrap().to_string(), "2024-02");
        assert_eq!(IssueId::parse("2024-12").unwrap().to_string(), "2024-12");
        for bad in [
            "2024",
            "24-02",
            "2024-00",
            "2024-123",
            "2024-x",
            "二〇二四-02",
        ] {
            assert!(IssueId::parse(bad).is_none(), "{bad}");
        }
    }
}
