//! The two charts as SVG, drawn by hand: stacked bars and a line with a
//! limit are a few dozen shapes, and drawing them here keeps every label
//! real `<text>` (so the browser's CJK fonts set it and it can be
//! selected) and gives every mark a `<title>` tooltip.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::html::escape;
use crate::core::chart::{Progress, Quality};
use crate::messages::chart as says;

const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const BOTTOM: f64 = 44.0;
const FONT: &str = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif";
const INK: &str = "#222222";
const GRID: &str = "#d0d0d0";
const ALARM: &str = "#b3261e";
const LINE: &str = "#2f6db5";

/// Draft, then each stage; every colour stands 3:1 against white.
const STATE_COLOURS: [&str; 8] = [
    "#767676", "#2f6db5", "#b8620b", "#6b4fa0", "#0f7b6c", "#a33d6b", "#4d6b1f", "#1f5f8b",
];

/// The size a chart is drawn at: for a page or a report, or for a phone,
/// where the same drawing scaled down would set its text too small to read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Canvas {
    pub width: f64,
    pub height: f64,
    pub name: &'static str,
    title_size: f64,
    labels: usize,
}

pub const OFFICE: Canvas = Canvas {
    width: 720.0,
    height: 380.0,
    name: "wide",
    title_size: 15.0,
    labels: 12,
};

/// For the desk on a wide screen, where the office canvas would leave
/// half the box empty.
pub const DESK: Canvas = Canvas {
    width: 1180.0,
    height: 400.0,
    name: "desk",
    title_size: 15.0,
    labels: 20,
};

pub const PHONE: Canvas = Canvas {
    width: 360.0,
    height: 320.0,
    name: "narrow",
    title_size: 12.0,
    labels: 6,
};

/// Where the plot sits on the canvas, below the title and the legend.
#[derive(Clone, Copy)]
struct Frame {
    canvas: Canvas,
    top: f64,
    /// Room taken under the axis labels, e.g. by the list of marks.
    bottom_extra: f64,
}

impl Frame {
    fn plot_width(&self) -> f64 {
        self.canvas.width - LEFT - RIGHT
    }

    fn plot_height(&self) -> f64 {
        self.canvas.height - self.top - BOTTOM - self.bottom_extra
    }

    fn right(&self) -> f64 {
        self.canvas.width - RIGHT
    }

    fn bottom(&self) -> f64 {
        self.top + self.plot_height()
    }
}

fn open(out: &mut String, canvas: Canvas, class: &str, title: &str, desc: &str) {
    let (w, h, id) = (
        canvas.width,
        canvas.height,
        format!("{class}-{}", canvas.name),
    );
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {class} {}\" \
         viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         font-family=\"{FONT}\" font-size=\"12\" fill=\"{INK}\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\
         <rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\
         <text x=\"8\" y=\"22\" font-size=\"{}\" font-weight=\"bold\">{}</text>",
        canvas.name,
        escape(title),
        escape(desc),
        canvas.title_size,
        escape(title),
    );
}

/// Round steps for an axis from 0 to at least `max`: (step, top).
fn ticks(max: f64, want: usize) -> (f64, f64) {
    let max = if max > 0.0 { max } else { 1.0 };
    let rough = max / want as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    (step, (max / step).ceil() * step)
}

fn y_axis(out: &mut String, frame: Frame, top: f64, step: f64, label: &str, decimals: usize) {
    let mut value = 0.0;
    while value <= top + step / 2.0 {
        let y = frame.top + frame.plot_height() * (1.0 - value / top);
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{GRID}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{value:.decimals$}</text>",
            frame.right(),
            LEFT - 6.0,
            y + 4.0,
        );
        value += step;
    }
    let _ = write!(
        out,
        "<text x=\"8\" y=\"{:.1}\" font-size=\"11\">{}</text>",
        frame.top - 12.0,
        escape(label)
    );
}

/// The issue's articles in each state, day by day, stacked; due dates and
/// the print date as dashed lines, numbered, and listed with whose they
/// are under the axis. Days after the last recorded one, up to the last
/// mark, are left empty: the time still to go. Work recorded after the
/// days drawn is one last bar, set apart and labelled 其后.
pub fn progress(chart: &Progress, canvas: Canvas) -> String {
    let (Some(first), Some(last)) = (chart.days.first(), chart.days.last()) else {
        return String::new();
    };
    let end = match chart.late {
        Some(_) => *last,
        None => chart
            .marks
            .iter()
            .map(|m| m.day)
            .fold(*last, NaiveDate::max),
    };
    let span = (end - *first).num_days() as usize + 1;
    let now = |s: &crate::core::chart::StateSeries| s.counts.last().copied().unwrap_or(0);
    let total = chart.states.iter().map(now).sum::<usize>();
    let (step, top) = ticks(total as f64, 5);
    let step = step.max(1.0);
    let last_counts: Vec<(String, usize)> = chart
        .states
        .iter()
        .map(|s| (s.label.clone(), now(s)))
        .collect();
    // The list of marks under the axis makes the canvas taller.
    let canvas = Canvas {
        height: canvas.height + MARK_LINE * chart.marks.len() as f64,
        ..canvas
    };
    let mut out = String::new();
    open(
        &mut out,
        canvas,
        "progress",
        &chart.title,
        &says::progress_desc(chart.late.unwrap_or(*last), &last_counts),
    );
    let mut frame = legend(&mut out, canvas, chart);
    frame.bottom_extra = MARK_LINE * chart.marks.len() as f64;
    let late_space = if chart.late.is_some() {
        LATE_SPACE
    } else {
        0.0
    };
    let slot = (frame.plot_width() - late_space) / span as f64;
    let x_of = |day: NaiveDate| LEFT + slot * (day - *first).num_days() as f64;
    let late_x = frame.right() - late_space + LATE_GAP;
    y_axis(&mut out, frame, top, step, says::COUNT_AXIS, 0);
    let unit = frame.plot_height() / top;
    let bars = chart.days.len() + chart.late.is_some() as usize;
    let mut base = vec![0usize; bars];
    for (i, state) in chart.states.iter().enumerate() {
        let colour = STATE_COLOURS[i % STATE_COLOURS.len()];
        let _ = write!(
            out,
            "<g class=\"series\" data-state=\"{}\" fill=\"{colour}\">",
            escape(&state.state)
        );
        for (d, count) in state.counts.iter().enumerate().take(bars) {
            if *count == 0 {
                continue;
            }
            let y = frame.bottom() - unit * (base[d] + count) as f64;
            let (x, width, day, tooltip) = match chart.days.get(d) {
                Some(day) => (
                    x_of(*day) + slot * 0.1,
                    slot * 0.8,
                    *day,
                    says::state_tooltip(*day, &state.label, *count),
                ),
                None => {
                    let day = chart.late.unwrap_or(*last);
                    let tooltip = says::late_tooltip(*last, day, &state.label, *count);
                    (late_x, LATE_SPACE - LATE_GAP, day, tooltip)
                }
            };
            let late = if d >= chart.days.len() { " late" } else { "" };
            let _ = write!(
                out,
                "<rect class=\"mark{late}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" \
                 height=\"{:.1}\" data-day=\"{day}\" data-count=\"{count}\"><title>{}</title></rect>",
                unit * *count as f64,
                escape(&tooltip),
            );
            base[d] += count;
        }
        out.push_str("</g>");
    }
    let years_differ = chart.days.iter().any(|d| d.year() != first.year());
    day_labels(
        &mut out,
        frame,
        *first,
        span,
        slot,
        years_differ,
        late_space,
    );
    if let Some(day) = chart.late {
        let x = late_x + (LATE_SPACE - LATE_GAP) / 2.0;
        let _ = write!(
            out,
            "<g class=\"late-axis\"><line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" \
             stroke=\"{INK}\" stroke-dasharray=\"2 2\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\">{}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"10\">{}</text></g>",
            late_x - LATE_GAP / 2.0,
            late_x - LATE_GAP / 2.0,
            frame.top,
            frame.bottom(),
            frame.bottom() + 16.0,
            says::LATE_AXIS,
            frame.right(),
            frame.bottom() + 29.0,
            escape(&says::late_axis(day)),
        );
    }
    day_marks(&mut out, frame, chart, |day| x_of(day) + slot / 2.0);
    out.push_str("</svg>\n");
    out
}

/// Height of one line in the list of marks under the axis.
const MARK_LINE: f64 = 16.0;
/// Room at the right for the folded last bar, and the gap before it.
const LATE_SPACE: f64 = 34.0;
const LATE_GAP: f64 = 12.0;

/// Each due date and the print date as a dashed line with a small number
/// at its top, stepped down where lines stand close, and the same number
/// before its line in the list under the axis, which says whose it is.
fn day_marks(out: &mut String, frame: Frame, chart: &Progress, x_of: impl Fn(NaiveDate) -> f64) {
    let mut row_ends: Vec<f64> = Vec::new();
    for (i, mark) in chart.marks.iter().enumerate() {
        let x = x_of(mark.day);
        let colour = if mark.print { ALARM } else { INK };
        let row = row_ends
            .iter()
            .position(|end| x - *end >= 18.0)
            .unwrap_or(row_ends.len());
        if row == row_ends.len() {
            row_ends.push(x);
        } else {
            row_ends[row] = x;
        }
        let tag_y = frame.top + 8.0 + 16.0 * row as f64;
        let list_y = frame.bottom() + BOTTOM + MARK_LINE * i as f64 + 4.0;
        let _ = write!(
            out,
            "<g class=\"day-mark\" data-day=\"{day}\"><title>{label}</title>\
             <line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{}\" y2=\"{:.1}\" stroke=\"{colour}\" \
             stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\
             <circle cx=\"{x:.1}\" cy=\"{tag_y:.1}\" r=\"7\" fill=\"#ffffff\" stroke=\"{colour}\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{colour}\" \
             font-size=\"10\">{n}</text>\
             <text class=\"mark-label\" x=\"8\" y=\"{list_y:.1}\" fill=\"{colour}\" \
             font-size=\"11\">{n} {label}</text></g>",
            frame.top,
            frame.bottom(),
            tag_y + 3.5,
            day = mark.day,
            n = i + 1,
            label = escape(&mark.label),
        );
    }
}

/// The legend under the title, wrapping onto more lines on a narrow
/// canvas; the plot starts below it.
fn legend(out: &mut String, canvas: Canvas, chart: &Progress) -> Frame {
    let (mut x, mut y) = (8.0, 32.0);
    for (i, state) in chart.states.iter().enumerate() {
        let colour = STATE_COLOURS[i % STATE_COLOURS.len()];
        let width = 28.0 + 13.0 * state.label.chars().count() as f64;
        if x > 8.0 && x + width > canvas.width - RIGHT {
            x = 8.0;
            y += 18.0;
        }
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"12\" height=\"12\" fill=\"{colour}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + 16.0,
            y + 10.0,
            escape(&state.label)
        );
        x += width;
    }
    Frame {
        canvas,
        top: y + 40.0,
        bottom_extra: 0.0,
    }
}

/// Dates under the bars, thinned to what fits; every one carries its year
/// when the days drawn cross one, and the first always does.
fn day_labels(
    out: &mut String,
    frame: Frame,
    first: NaiveDate,
    span: usize,
    slot: f64,
    with_years: bool,
    late_space: f64,
) {
    let room = if with_years { 64.0 } else { 40.0 };
    let fit = ((frame.plot_width() - late_space) / room).floor().max(1.0) as usize;
    let every = span.div_ceil(fit.min(frame.canvas.labels)).max(1);
    let mut last_right = f64::NEG_INFINITY;
    for (i, day) in first.iter_days().take(span).enumerate() {
        if i % every != 0 {
            continue;
        }
        let x = LEFT + slot * (i as f64 + 0.5);
        let year = with_years || i == 0;
        // The first label starts at the axis, so its year does not run
        // into the numbers of the count axis.
        let anchor = if i == 0 && year { "start" } else { "middle" };
        let x = if anchor == "start" { LEFT } else { x };
        let label = says::axis_day(day, year);
        // Digits and slashes at 11 px are about 6 px wide.
        let width = label.chars().count() as f64 * 6.2;
        let left = if anchor == "start" {
            x
        } else {
            x - width / 2.0
        };
        if left < last_right + 6.0 {
            continue;
        }
        last_right = left + width;
        let _ = write!(
            out,
            "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"11\">{}</text>",
            frame.bottom() + 16.0,
            label
        );
    }
}

/// Each issue's 差错率 in issue order, joined by a line, with the limit as
/// a dashed line; issues over the limit are drawn larger, in red.
pub fn quality(chart: &Quality, canvas: Canvas) -> String {
    let over = chart.issues.iter().filter(|i| i.over_limit).count();
    let unprinted = chart.issues.iter().any(|i| !i.printed);
    let extra = if unprinted { MARK_LINE } else { 0.0 };
    let canvas = Canvas {
        height: canvas.height + extra,
        ..canvas
    };
    let mut out = String::new();
    open(
        &mut out,
        canvas,
        "quality",
        &says::quality_title(&chart.magazine),
        &says::quality_desc(chart.issues.len(), over, chart.limit),
    );
    let frame = Frame {
        canvas,
        top: 56.0,
        bottom_extra: extra,
    };
    let highest = chart
        .issues
        .iter()
        .map(|i| i.rate)
        .fold(chart.limit, f64::max);
    let (step, top) = ticks(highest * 1.1, 5);
    y_axis(&mut out, frame, top, step, says::RATE_AXIS, decimals(step));
    let n = chart.issues.len().max(1);
    let slot = frame.plot_width() / n as f64;
    let x_of = |i: usize| LEFT + slot * (i as f64 + 0.5);
    let y_of = |rate: f64| frame.top + frame.plot_height() * (1.0 - rate / top);

    let limit_y = y_of(chart.limit);
    let _ = write!(
        out,
        "<g class=\"limit\"><line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{limit_y:.1}\" y2=\"{limit_y:.1}\" \
         stroke=\"{ALARM}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{ALARM}\">{}</text></g>",
        frame.right(),
        frame.right(),
        limit_y - 5.0,
        escape(&says::limit_line(chart.limit)),
    );
    // The line joins printed issues only: an estimate still being edited
    // is not a step in the record.
    let points: Vec<String> = chart
        .issues
        .iter()
        .enumerate()
        .filter(|(_, p)| p.printed)
        .map(|(i, p)| format!("{:.1},{:.1}", x_of(i), y_of(p.rate)))
        .collect();
    let _ = write!(
        out,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{LINE}\" stroke-width=\"1.5\"/>",
        points.join(" ")
    );
    let radius = if slot < 6.0 { 2.0 } else { 4.0 };
    for (i, p) in chart.issues.iter().enumerate() {
        let colour = if p.over_limit { ALARM } else { LINE };
        let r = if p.over_limit { radius * 1.6 } else { radius };
        let over = if p.over_limit { " over" } else { "" };
        let (state, paint) = match p.printed {
            true => ("", format!("fill=\"{colour}\"")),
            false => (
                " unprinted",
                format!("fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2\""),
            ),
        };
        let _ = write!(
            out,
            "<circle class=\"issue{over}{state}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" {paint} \
             data-issue=\"{}\" data-rate=\"{:.2}\"><title>{}</title></circle>",
            x_of(i),
            y_of(p.rate),
            escape(&p.issue),
            p.rate,
            escape(&says::issue_tooltip(
                &p.label,
                p.rate,
                chart.limit,
                p.over_limit,
                p.printed
            )),
        );
    }
    if unprinted {
        let _ = write!(
            out,
            "<text class=\"unprinted-key\" x=\"{LEFT}\" y=\"{:.1}\" font-size=\"11\">{}</text>",
            frame.bottom() + BOTTOM + 4.0,
            says::UNPRINTED_KEY
        );
    }
    issue_labels(&mut out, frame, chart, slot);
    out.push_str("</svg>\n");
    out
}

fn decimals(step: f64) -> usize {
    if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    }
}

/// Every issue by number when they fit; otherwise one tick per year, at
/// its first issue, thinned so that the years do not collide.
fn issue_labels(out: &mut String, frame: Frame, chart: &Quality, slot: f64) {
    let y = frame.bottom() + 18.0;
    if slot >= 56.0 {
        for (i, p) in chart.issues.iter().enumerate() {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{y:.1}\" text-anchor=\"middle\">{}</text>",
                LEFT + slot * (i as f64 + 0.5),
                escape(&p.issue)
            );
            if !p.printed {
                let _ = write!(
                    out,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\">{}</text>",
                    LEFT + slot * (i as f64 + 0.5),
                    y + 13.0,
                    says::UNPRINTED
                );
            }
        }
        return;
    }
    let mut last_x = f64::NEG_INFINITY;
    let mut last_year = None;
    for (i, p) in chart.issues.iter().enumerate() {
        let year = p.issue.get(..4).and_then(|y| y.parse::<i32>().ok());
        if year.is_none() || year == last_year {
            continue;
        }
        last_year = year;
        let x = LEFT + slot * (i as f64 + 0.5);
        if x - last_x < 56.0 {
            continue;
        }
        last_x = x;
        let _ = write!(
            out,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"middle\">{}</text>",
            says::year_tick(year.unwrap_or_default())
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_reach_the_top() {
        let close = |(a, b): (f64, f64), (c, d): (f64, f64)| {
            assert!((a - c).abs() < 1e-9 && (b - d).abs() < 1e-9, "{a},{b}")
        };
        close(ticks(14.0, 5), (5.0, 15.0));
        close(ticks(2.2, 5), (0.5, 2.5));
        close(ticks(0.0, 5), (0.2, 1.0));
    }
}
