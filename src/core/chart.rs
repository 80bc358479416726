//! What the two charts show, as plain data: an issue's articles in each
//! workflow state day by day, and the 差错率 of each issue in the archive.
//! Drawing them is `render::chart_svg`'s job.

use chrono::NaiveDate;
use serde::Serialize;

use super::frontmatter::Pins;
use super::journal::{Event, Op};
use super::status::fold;
use super::workflow::Workflow;

/// The state id of an article no stage has been reached for.
pub const DRAFT: &str = "draft";

/// One workflow state and how many articles stood in it at the end of
/// each day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateSeries {
    pub state: String,
    pub label: String,
    pub counts: Vec<usize>,
}

/// A date worth marking on the progress chart: a due date or the print date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayMark {
    pub day: NaiveDate,
    pub label: String,
    pub print: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub issue: String,
    pub title: String,
    /// The days drawn one bar each.
    pub days: Vec<NaiveDate>,
    /// When work went on after the last of `days`: the day of the one
    /// further bar that shows where everything stands now.
    pub late: Option<NaiveDate>,
    /// Draft first, then the workflow's stages in order; each holds a
    /// count for every day, then one for `late`.
    pub states: Vec<StateSeries>,
    pub marks: Vec<DayMark>,
}

/// The most days a progress chart draws one by one: a little over two
/// months, the time an issue is in hand.
pub const MOST_DAYS: usize = 70;

/// The bars of a progress chart: the days drawn one by one, and the day of
/// a last bar folding in whatever was recorded after them.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub days: Vec<NaiveDate>,
    pub late: Option<NaiveDate>,
}

/// Which days a progress chart draws. It runs from the first record to the
/// issue's close (its print date, or the end of its month), at most
/// `MOST_DAYS`; an issue still in hand runs to today. Anything recorded
/// later, such as an approval made months afterwards, is folded into one
/// last bar, so one late action cannot stretch the chart over years.
pub fn bars(
    first: NaiveDate,
    last: NaiveDate,
    close: Option<NaiveDate>,
    today: NaiveDate,
    through: bool,
) -> Bars {
    let end = match close {
        _ if through => last,
        Some(close) if today > close => last.max(close),
        _ => today.max(last),
    };
    let longest = first + chrono::Days::new(MOST_DAYS as u64 - 1);
    let stop = close
        .filter(|c| *c >= first)
        .map_or(longest, |c| c.min(longest));
    if end > stop {
        Bars {
            days: days_between(first, stop),
            late: Some(end),
        }
    } else {
        Bars {
            days: days_between(first, end),
            late: None,
        }
    }
}

/// One article's record, as the progress chart reads it.
pub struct Record<'a> {
    /// In fold order.
    pub events: &'a [Event],
    /// What the article holds now; the last day is judged by it, so that
    /// it agrees with the board.
    pub now: Pins,
}

/// The state id each article stood in at the end of `day`. Only events up
/// to that day count. A sign-off is judged by the text as it was then: by
/// the last revision recorded so far, or, before any, the text it signed.
pub fn state_on(record: &Record, wf: &Workflow, day: NaiveDate, last_day: bool) -> String {
    let status = if last_day {
        fold(record.events, wf, &record.now)
    } else {
        let so_far: Vec<Event> = record
            .events
            .iter()
            .filter(|e| e.at.date_naive() <= day)
            .cloned()
            .map(|mut e| {
                // Titles and authors as printed then are not on record.
                e.printed = None;
                e
            })
            .collect();
        let body = so_far
            .iter()
            .rev()
            .find(|e| e.op == Op::Revise && e.body.is_some())
            .or_else(|| so_far.iter().find(|e| e.op == Op::Signoff))
            .and_then(|e| e.body.clone())
            .unwrap_or_default();
        let then = Pins {
            body,
            printed: String::new(),
        };
        fold(&so_far, wf, &then)
    };
    status.reached.unwrap_or_else(|| DRAFT.to_string())
}

/// The days from `first` to `last`, both included.
pub fn days_between(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .collect::<Vec<_>>()
}

/// How many articles stood in each state (`states`, by id) at the end of
/// each of `days`; the last day is judged by what the articles hold now.
pub fn counts(
    records: &[Record],
    wf: &Workflow,
    states: &[String],
    days: &[NaiveDate],
) -> Vec<Vec<usize>> {
    let mut counts = vec![vec![0; days.len()]; states.len()];
    for record in records {
        for (i, day) in days.iter().enumerate() {
            let state = state_on(record, wf, *day, i + 1 == days.len());
            if let Some(s) = states.iter().position(|id| *id == state) {
                counts[s][i] += 1;
            }
        }
    }
    counts
}

/// The first and last day anything was recorded for these articles, of
/// the days `plausible` lets through: a record with a wrong clock or a
/// forged date must not stretch the chart.
pub fn recorded_span(
    records: &[Record],
    plausible: impl Fn(NaiveDate) -> bool,
) -> Option<(NaiveDate, NaiveDate)> {
    let days = records
        .iter()
        .flat_map(|r| r.events.iter().map(|e| e.at.date_naive()))
        .filter(|d| plausible(*d));
    let first = days.clone().min()?;
    Some((first, days.max()?))
}

/// One issue's point on the quality chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssuePoint {
    pub issue: String,
    pub label: String,
    pub characters: usize,
    pub weighted_errors: f64,
    pub rate: f64,
    pub over_limit: bool,
    /// Gone to the printer; an issue still being edited has an estimate
    /// that falls as its articles are proofread, so it is drawn apart.
    pub printed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quality {
    pub magazine: String,
    pub limit: f64,
    /// In issue order.
    pub issues: Vec<IssuePoint>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::workflow::Workflow;
    use chrono::DateTime;

    fn at(day: u32) -> DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2024-02-{day:02}T09:00:00+08:00")).unwrap()
    }

    fn signoff(stage: &str, day: u32, body: &str) -> Event {
        let mut e = Event::new(Op::Signoff, "宋欣龙", at(day));
        e.id = format!("{stage}-{day}");
        e.stage = Some(stage.into());
        e.body = Some(body.into());
        e.printed = Some("printed-now".into());
        e
    }

    fn revise(day: u32, body: &str) -> Event {
        let mut e = Event::new(Op::Revise, "刘卫防", at(day));
        e.id = format!("revise-{day}");
        e.body = Some(body.into());
        e
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 2, d).unwrap()
    }

    fn holding<'a>(events: &'a [Event], body: &str, printed: &str) -> Record<'a> {
        Record {
            events,
            now: Pins {
                body: body.into(),
                printed: printed.into(),
            },
        }
    }

    #[test]
    fn each_day_counts_only_what_was_recorded_by_then() {
        let wf = Workflow::default();
        let first = wf.stages[0].id.clone();
        let events = vec![signoff(&first, 3, "v1")];
        let record = holding(&events, "v1", "printed-now");
        assert_eq!(state_on(&record, &wf, day(2), false), DRAFT);
        assert_eq!(state_on(&record, &wf, day(3), false), first);
        assert_eq!(state_on(&record, &wf, day(9), true), first);
    }

    #[test]
    fn a_revision_makes_earlier_sign_offs_stale_from_that_day_on() {
        let wf = Workflow::default();
        let first = wf.stages[0].id.clone();
        let events = vec![signoff(&first, 3, "v1"), revise(5, "v2")];
        let record = holding(&events, "v2", "printed-now");
        assert_eq!(state_on(&record, &wf, day(4), false), first);
        assert_eq!(state_on(&record, &wf, day(5), false), DRAFT);
        assert_eq!(state_on(&record, &wf, day(6), true), DRAFT);
    }

    #[test]
    fn the_last_day_agrees_with_what_the_article_holds_now() {
        let wf = Workflow::default();
        let first = wf.stages[0].id.clone();
        // Retitled after the sign-off, with no revision recorded: stale now.
        let events = vec![signoff(&first, 3, "v1")];
        let record = holding(&events, "v1", "retitled");
        assert_eq!(state_on(&record, &wf, day(4), false), first);
        assert_eq!(state_on(&record, &wf, day(4), true), DRAFT);
    }

    #[test]
    fn a_late_action_folds_into_one_last_bar() {
        let late = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let close = Some(day(25));
        let bars = bars(day(1), late, close, late, true);
        assert_eq!(bars.days.len(), 25);
        assert_eq!(bars.days.last(), Some(&day(25)));
        assert_eq!(bars.late, Some(late));
        // In hand and before its close: to today, nothing folded.
        let bars = super::bars(day(1), day(5), close, day(9), false);
        assert_eq!((bars.days.len(), bars.late), (9, None));
        // Past its close with nothing after it: drawn to the close.
        let bars = super::bars(day(1), day(5), close, late, false);
        assert_eq!((bars.days.len(), bars.late), (25, None));
        // Opened after its own month: at most MOST_DAYS, then folded.
        let march = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let bars = super::bars(march, late, close, late, false);
        assert_eq!(bars.days.len(), MOST_DAYS);
        assert_eq!(bars.late, Some(late));
    }

    #[test]
    fn counts_stack_to_the_number_of_articles_every_day() {
        let wf = Workflow::default();
        let states: Vec<String> = std::iter::once(DRAFT.to_string())
            .chain(wf.stages.iter().map(|s| s.id.clone()))
            .collect();
        let a = vec![signoff(&states[1], 2, "x")];
        let b: Vec<Event> = vec![];
        let records = [
            holding(&a, "x", "printed-now"),
            holding(&b, "x", "printed-now"),
        ];
        let days = days_between(day(1), day(3));
        let counts = counts(&records, &wf, &states, &days);
        assert_eq!(counts[0], vec![2, 1, 1]);
        assert_eq!(counts[1], vec![0, 1, 1]);
        for i in 0..days.len() {
            assert_eq!(counts.iter().map(|c| c[i]).sum::<usize>(), 2);
        }
        assert_eq!(recorded_span(&records, |_| true), Some((day(2), day(2))));
        assert_eq!(recorded_span(&records, |_| false), None);
    }
}
