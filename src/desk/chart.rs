//! The figures behind the two charts, read through the same layer for the
//! command line and the desk.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::quality::{figures_in, limit};
use crate::core::chart::{
    self, DRAFT, DayMark, IssuePoint, Progress, Quality, Record, StateSeries,
};
use crate::core::lint::quality::rate;
use crate::error::Result;
use crate::messages::{self, chart as says};
use crate::repo::Magazine;
use crate::repo::figures::FiguresCache;
use crate::repo::load;

/// One issue's articles in each state, day by day, from its first record
/// to today (or to its last record, once every article is through), as
/// `chart::bars` bounds it, with its due dates (and whose they are) and
/// its print date.
pub fn progress(mag: &Magazine, issue: Option<&str>, today: NaiveDate) -> Result<Progress> {
    let id = load::pick_issue(mag, issue)?;
    let file = load::issue(mag, id)?;
    let articles = load::articles(mag, id, &file)?;
    let wf = mag.staff.workflow();
    let records: Vec<Record> = articles
        .iter()
        .map(|a| Record {
            events: &a.events,
            now: a.pins(),
        })
        .collect();
    let Some((first, last)) = chart::recorded_span(&records, |d| id.is_plausible(d)) else {
        return Err(says::no_records(&id.to_string()));
    };
    let statuses: Vec<_> = articles.iter().map(|a| a.status(&wf)).collect();
    let through = statuses.iter().all(|s| s.is_complete(&wf));
    let close = file.print_day().or_else(|| file.month_end());
    // Whatever a record or the clock says, the chart ends within the years
    // in which work on the issue is plausible (it starts there already:
    // `recorded_span` counted only plausible days).
    let latest = id.plausible_days().map_or(last, |(_, latest)| latest);
    let today = today.clamp(first, latest);
    let bars = chart::bars(first, last.min(latest), close, today, through);
    let drawn_to = *bars.days.last().unwrap_or(&first);
    let mut all_days = bars.days.clone();
    all_days.extend(bars.late);
    let ids: Vec<String> = std::iter::once(DRAFT.to_string())
        .chain(wf.stages.iter().map(|s| s.id.clone()))
        .collect();
    let counts = chart::counts(&records, &wf, &ids, &all_days);
    let states = ids
        .iter()
        .zip(counts)
        .map(|(id, counts)| StateSeries {
            state: id.clone(),
            label: messages::status_label(&wf, Some(id)),
            counts,
        })
        .collect();
    // Each due date with whose it is: the editors holding articles due
    // that day, and how many each.
    let mut due: BTreeMap<NaiveDate, BTreeMap<String, usize>> = BTreeMap::new();
    for status in &statuses {
        if let Some(day) = status.due {
            let editor = status.editor.clone().unwrap_or_default();
            *due.entry(day).or_default().entry(editor).or_default() += 1;
        }
    }
    // Marks fall within the days drawn, or after them up to the close
    // while the issue is still in hand (the time still to go).
    let horizon = match bars.late {
        Some(_) => drawn_to,
        None => close.map_or(drawn_to, |c| c.max(drawn_to)),
    };
    let shown = |d: &NaiveDate| (first..=horizon).contains(d);
    let mut marks: Vec<DayMark> = due
        .into_iter()
        .filter(|(day, _)| shown(day))
        .map(|(day, editors)| DayMark {
            day,
            label: says::due_mark(day, &editors.into_iter().collect::<Vec<_>>()),
            print: false,
        })
        .collect();
    if let Some(day) = file.print_day().filter(shown) {
        marks.push(DayMark {
            day,
            label: says::print_mark(day),
            print: true,
        });
    }
    marks.sort_by_key(|m| m.day);
    Ok(Progress {
        issue: id.to_string(),
        title: says::progress_title(&mag.staff.magazine.name, &messages::issue_label(&file)),
        days: bars.days,
        late: bars.late,
        states,
        marks,
    })
}

/// Every issue's estimated 差错率, oldest first. Figures of an issue
/// nothing has changed in since the last chart are read from the cache.
pub fn quality(mag: &Magazine) -> Result<Quality> {
    let ids = load::issue_ids(mag)?;
    if ids.is_empty() {
        return Err(says::no_issues());
    }
    let limit = limit(mag);
    let mut cache = FiguresCache::open(mag);
    let mut issues = Vec::new();
    for id in ids {
        let name = id.to_string();
        let figures = figures_in(&mut cache, mag, id)?;
        let label = load::issue(mag, id)
            .map(|f| messages::issue_label(&f))
            .unwrap_or_else(|_| name.clone());
        let rate = rate(figures.weighted_errors, figures.characters);
        issues.push(IssuePoint {
            issue: name,
            label,
            characters: figures.characters,
            weighted_errors: figures.weighted_errors,
            rate,
            over_limit: rate > limit,
            printed: load::release_state(mag, id)?.released.is_some(),
        });
    }
    cache.save(mag);
    Ok(Quality {
        magazine: mag.staff.magazine.name.clone(),
        limit,
        issues,
    })
}
