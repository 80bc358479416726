//! 收稿's first step: opening an issue, and changing its settings (总期号,
//! 栏目, 印刷日期, 印数, 页数) later. Both faces call these, so the desk
//! and `galley issue` refuse the same things.

use chrono::{Datelike, NaiveDate};
use toml_edit::{Array, DocumentMut, value};

use super::Desk;
use super::common::commit_as;
use crate::core::issue::{IssueFile, IssueId};
use crate::core::terminal::clean_line;
use crate::error::Result;
use crate::messages::{self, issue as says};
use crate::repo::commit::Change;
use crate::repo::history::TRAILER_OP;
use crate::repo::load::{self, ISSUE_FILE, issue_rel};

/// A monthly has twelve numbers a year.
pub const NUMBERS_A_YEAR: u32 = 12;
/// The most copies and pages an internal monthly plausibly prints; a
/// larger number is a slip of the keyboard.
pub const MAX_PRINT_RUN: u32 = 1_000_000;
pub const MAX_PAGES: u32 = 1_000;

/// The settings a person gives; `None` leaves a setting as it is (for a
/// new issue: unset, or the previous issue's for the sections and 总期号).
#[derive(Debug, Default, Clone)]
pub struct Settings {
    pub total: Option<Option<u32>>,
    pub sections: Option<Vec<String>>,
    pub print_date: Option<Option<NaiveDate>>,
    pub print_run: Option<Option<u32>>,
    pub pages: Option<Option<u32>>,
}

/// Opens issue `id_text` with `settings`; `extra` fills what only the
/// command line sets (covers, call-outs).
pub fn open(
    desk: &Desk,
    id_text: &str,
    settings: Settings,
    extra: impl FnOnce(&mut IssueFile),
) -> Result<IssueFile> {
    let mag = desk.mag;
    mag.staff
        .workflow()
        .check_open_issue(desk.actor)
        .map_err(|r| messages::refused(&r))?;
    let id = IssueId::parse(id_text).ok_or_else(|| messages::bad_issue_id(id_text))?;
    if id.number > NUMBERS_A_YEAR {
        return Err(says::number_out_of_year(id_text, NUMBERS_A_YEAR));
    }
    let existing = load::issue_ids(mag)?;
    if existing.contains(&id) || mag.abs(&issue_rel(id)).exists() {
        return Err(messages::duplicate_issue(&id.to_string()));
    }
    let previous = existing
        .iter()
        .rev()
        .find(|e| **e < id)
        .map(|e| load::issue(mag, *e))
        .transpose()?;
    let mut file = IssueFile::new(id, None, Vec::new());
    file.total = match settings.total {
        Some(total) => total,
        None => previous.as_ref().and_then(|p| p.total).map(|t| t + 1),
    };
    file.sections = match settings.sections.as_deref().map(cleaned_sections) {
        Some(sections) if !sections.is_empty() => sections,
        _ => previous.map(|p| p.sections).unwrap_or_default(),
    };
    let settings = Settings {
        total: None,
        sections: None,
        ..settings
    };
    apply(&mut file, &settings);
    extra(&mut file);
    check(desk, id, &file, &[])?;
    let text = toml::to_string(&file).expect("issue serializes");
    let id_str = id.to_string();
    commit_as(
        mag,
        desk.actor,
        desk.now,
        &messages::subject_issue_new(&desk.actor.name, &file),
        &[
            (TRAILER_OP, "issue-new"),
            (messages::TRAILER_ISSUE, &id_str),
        ],
        &[Change {
            rel: format!("{}/{ISSUE_FILE}", issue_rel(id)),
            content: text.into_bytes(),
        }],
    )?;
    Ok(file)
}

pub enum SettingsSaved {
    Unchanged(IssueFile),
    Saved {
        file: IssueFile,
        changed: Vec<&'static str>,
    },
}

/// Changes the settings of issue `id_text`, keeping the rest of its
/// `issue.toml` (comments, covers, call-outs) as written.
pub fn set(desk: &Desk, id_text: &str, settings: Settings) -> Result<SettingsSaved> {
    let mag = desk.mag;
    mag.staff
        .workflow()
        .check_open_issue(desk.actor)
        .map_err(|r| messages::refused(&r))?;
    let id = load::pick_issue(mag, Some(id_text))?;
    let before = load::issue(mag, id)?;
    let mut file = before.clone();
    apply(&mut file, &settings);
    let used: Vec<(String, String)> = load::articles(mag, id, &before)?
        .iter()
        .filter_map(|a| {
            let section = a.text.front.section.clone()?;
            Some((section, a.key()))
        })
        .collect();
    check(desk, id, &file, &used)?;
    let changed = changed_settings(&before, &file);
    if changed.is_empty() {
        return Ok(SettingsSaved::Unchanged(file));
    }
    let rel = format!("{}/{ISSUE_FILE}", issue_rel(id));
    let mut doc: DocumentMut = mag
        .read_text(&rel)?
        .parse()
        .map_err(|_| messages::broken_front_plain(&rel))?;
    write_settings(&mut doc, &file);
    let id_str = id.to_string();
    commit_as(
        mag,
        desk.actor,
        desk.now,
        &says::subject_settings(&desk.actor.name, &file, &changed),
        &[
            (TRAILER_OP, "issue-set"),
            (messages::TRAILER_ISSUE, &id_str),
        ],
        &[Change {
            rel,
            content: doc.to_string().into_bytes(),
        }],
    )?;
    Ok(SettingsSaved::Saved { file, changed })
}

fn apply(file: &mut IssueFile, settings: &Settings) {
    if let Some(total) = settings.total {
        file.total = total;
    }
    if let Some(sections) = &settings.sections {
        file.sections = cleaned_sections(sections);
    }
    if let Some(day) = settings.print_date {
        file.print_date = day.map(toml_date);
    }
    if let Some(run) = settings.print_run {
        file.print_run = run;
    }
    if let Some(pages) = settings.pages {
        file.pages = pages;
    }
}

fn cleaned_sections(sections: &[String]) -> Vec<String> {
    sections
        .iter()
        .map(|s| clean_line(s))
        .filter(|s| !s.is_empty())
        .collect()
}

fn toml_date(day: NaiveDate) -> toml::value::Datetime {
    toml::value::Datetime {
        date: Some(toml::value::Date {
            year: day.year() as u16,
            month: day.month() as u8,
            day: day.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

/// The checks both opening and changing run; `used` pairs each section
/// with an article filed under it.
fn check(desk: &Desk, id: IssueId, file: &IssueFile, used: &[(String, String)]) -> Result<()> {
    let mut seen: Vec<&String> = Vec::new();
    for section in &file.sections {
        if seen.contains(&section) {
            return Err(says::duplicate_section(section));
        }
        seen.push(section);
    }
    for (section, article) in used {
        if !file.sections.is_empty() && !file.sections.contains(section) {
            return Err(says::section_in_use(section, article));
        }
    }
    if file.total == Some(0) {
        return Err(says::bad_number("总期号", "0"));
    }
    if let Some(total) = file.total {
        for other in load::issue_ids(desk.mag)? {
            if other != id && load::issue(desk.mag, other)?.total == Some(total) {
                return Err(says::total_taken(total, &other));
            }
        }
    }
    match file.print_run {
        Some(0) => return Err(says::bad_number("印数", "0")),
        Some(n) if n > MAX_PRINT_RUN => return Err(says::too_many("印数", n, MAX_PRINT_RUN)),
        _ => {}
    }
    match file.pages {
        Some(0) => return Err(says::bad_number("页数", "0")),
        Some(n) if n > MAX_PAGES => return Err(says::too_many("页数", n, MAX_PAGES)),
        _ => {}
    }
    if let Some(day) = file.print_day() {
        let (first, last) = print_window(file).expect("a valid issue has a month");
        if !(first..=last).contains(&day) {
            return Err(says::print_date_out_of_range(&id, day, first, last));
        }
    }
    Ok(())
}

/// The days an issue can plausibly go to the printer: from two months
/// before its month (an early issue) to six after (a late one).
pub fn print_window(file: &IssueFile) -> Option<(NaiveDate, NaiveDate)> {
    let first = file
        .month_start()?
        .checked_sub_months(chrono::Months::new(2))?;
    let last = file
        .month_end()?
        .checked_add_months(chrono::Months::new(6))?;
    Some((first, last))
}

fn changed_settings(before: &IssueFile, after: &IssueFile) -> Vec<&'static str> {
    let mut changed = Vec::new();
    if before.total != after.total {
        changed.push("总期号");
    }
    if before.sections != after.sections {
        changed.push("栏目");
    }
    if before.print_date != after.print_date {
        changed.push("印刷日期");
    }
    if before.print_run != after.print_run {
        changed.push("印数");
    }
    if before.pages != after.pages {
        changed.push("页数");
    }
    changed
}

fn write_settings(doc: &mut DocumentMut, file: &IssueFile) {
    let mut put = |key: &str, item: Option<toml_edit::Item>| match item {
        Some(item) => {
            if let Some(old) = doc.get_mut(key) {
                let decor = old.as_value().map(|v| v.decor().clone());
                *old = item;
                if let (Some(decor), Some(new)) = (decor, old.as_value_mut()) {
                    *new.decor_mut() = decor;
                }
            } else {
                doc.insert(key, item);
            }
        }
        None => {
            doc.remove(key);
        }
    };
    put("total", file.total.map(|t| value(i64::from(t))));
    let sections: Array = file.sections.iter().map(String::as_str).collect();
    put("sections", Some(value(sections)));
    put(
        "print_date",
        file.print_date.map(|d| {
            value(
                d.to_string()
                    .parse::<toml_edit::Datetime>()
                    .expect("a date"),
            )
        }),
    );
    put("print_run", file.print_run.map(|n| value(i64::from(n))));
    put("pages", file.pages.map(|n| value(i64::from(n))));
}
