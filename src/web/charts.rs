//! The charts on the desk: an issue's progress above its board, and the
//! archive's 差错率 on `/quality`. Drawn by the same operations and SVG
//! as `galley chart`.

use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use maud::{Markup, PreEscaped, html};

use super::Shared;
use super::guard::LoggedIn;
use super::pages::{Outcome, show};
use crate::desk::chart;
use crate::messages::{chart as says, lint};
use crate::render::chart_svg::{self, Canvas};
use crate::repo::Magazine;

/// The issue's progress chart, or nothing while it has no records.
pub fn progress_figure(mag: &Magazine, issue: &str, today: NaiveDate) -> Markup {
    match chart::progress(mag, Some(issue), today) {
        Ok(progress) => both(|canvas| chart_svg::progress(&progress, canvas)),
        Err(_) => html! {},
    }
}

/// The chart drawn for the office's screens and for a phone; the page's
/// style shows the one that fits.
fn both(draw: impl Fn(Canvas) -> String) -> Markup {
    html! {
        figure.chart {
            (PreEscaped(draw(chart_svg::DESK)))
            (PreEscaped(draw(chart_svg::OFFICE)))
            (PreEscaped(draw(chart_svg::PHONE)))
        }
    }
}

/// `/quality`: every issue's 差错率 against the limit, drawn and listed.
pub async fn quality(State(app): State<Shared>, Extension(me): Extension<LoggedIn>) -> Response {
    show(app, me, move |mag, _, _| {
        let q = chart::quality(mag)?;
        let header = says::QUALITY_HEADER;
        Ok(Outcome::Page(
            says::QUALITY_PAGE.to_string(),
            html! {
                h1 { (says::QUALITY_PAGE) }
                (both(|canvas| chart_svg::quality(&q, canvas)))
                p { (lint::counting_note(q.limit)) }
                div.scroll tabindex="0" role="region" aria-label=(says::QUALITY_PAGE) { table.board {
                    thead { tr { @for h in header { th { (h) } } } }
                    tbody {
                        @for i in q.issues.iter().rev() {
                            tr {
                                td.nowrap data-label=(header[0]) {
                                    a href={ "/issues/" (i.issue) "/quality" } { (i.label) }
                                }
                                td.nowrap data-label=(header[1]) { (i.characters) }
                                td.nowrap data-label=(header[2]) { (format!("{:.1}", i.weighted_errors)) }
                                td.nowrap data-label=(header[3]) {
                                    (lint::rate(i.rate))
                                    @if i.over_limit { " " span.e { (says::OVER) } }
                                }
                                td.nowrap data-label=(header[4]) {
                                    (if i.printed { says::PRINTED } else { says::UNPRINTED })
                                }
                            }
                        }
                    }
                } }
            },
        ))
    })
    .await
}
