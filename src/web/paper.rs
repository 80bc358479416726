//! The office's paper on the desk: an article's 稿件处理单 and 校样, an
//! issue's 付印单 and 校样 for the read-through, as PDFs printed from the
//! same record and templates as `galley sheet` and `galley proof`.

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::Shared;
use super::guard::LoggedIn;
use super::pages::{Outcome, article_of, issue_of, show};
use crate::desk::paper::{self, Printout};
use crate::error::Result;
use crate::repo::Magazine;

#[derive(Deserialize)]
pub struct ProofOptions {
    /// `?marks=1` prints the checker's findings in the margin.
    #[serde(default)]
    marks: Option<String>,
}

fn pdf(mag: &Magazine, printout: Printout) -> Result<Outcome> {
    let template = paper::template(mag, printout.form, None)?;
    Ok(Outcome::Raw(
        "application/pdf",
        paper::pdf(&template, &printout.json, &[])?,
    ))
}

/// `/a/2024-02/qingneng/sheet.pdf`: the 稿件处理单.
pub async fn article_sheet(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path((issue, slug)): Path<(String, String)>,
) -> Response {
    show(app, me, move |mag, _, _| {
        let Some(article) = article_of(mag, &issue, &slug)? else {
            return Ok(Outcome::Missing);
        };
        let printout = paper::sheet(mag, Some(&article.key()), crate::desk::now()?)?;
        pdf(mag, printout)
    })
    .await
}

/// `/a/2024-02/qingneng/proof.pdf`: the article's 校样.
pub async fn article_proof(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path((issue, slug)): Path<(String, String)>,
    Query(options): Query<ProofOptions>,
) -> Response {
    show(app, me, move |mag, _, _| {
        let Some(article) = article_of(mag, &issue, &slug)? else {
            return Ok(Outcome::Missing);
        };
        let marks = options.marks.is_some();
        let printout = paper::proof_of(mag, Some(&article.key()), marks, crate::desk::now()?)?;
        pdf(mag, printout)
    })
    .await
}

/// `/issues/2024-02/sheet.pdf`: the 付印单.
pub async fn issue_sheet(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
) -> Response {
    show(app, me, move |mag, _, _| {
        let Some(id) = issue_of(mag, &issue)? else {
            return Ok(Outcome::Missing);
        };
        let printout = paper::sheet(mag, Some(&id.to_string()), crate::desk::now()?)?;
        pdf(mag, printout)
    })
    .await
}

/// `/issues/2024-02/proof.pdf`: the whole issue in page order, for the
/// read-through.
pub async fn issue_proof(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
    Query(options): Query<ProofOptions>,
) -> Response {
    show(app, me, move |mag, _, _| {
        let Some(id) = issue_of(mag, &issue)? else {
            return Ok(Outcome::Missing);
        };
        let marks = options.marks.is_some();
        let printout = paper::proof_of(mag, Some(&id.to_string()), marks, crate::desk::now()?)?;
        pdf(mag, printout)
    })
    .await
}
