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
use crate::desk::contents::{form_template, typeset_pdf};
use crate::desk::paper;
use crate::error::Result;
use crate::messages::toc::document_of;
use crate::repo::Magazine;

#[derive(Deserialize)]
pub struct ProofOptions {
    /// `?marks=1` prints the checker's findings in the margin.
    #[serde(default)]
    marks: Option<String>,
}

/// Which paper a route prints.
#[derive(Clone, Copy)]
enum Paper {
    Sheet,
    Proof { marks: bool },
}

impl Paper {
    /// The PDF for `reference`: an article's key, or an issue.
    fn pdf(self, mag: &Magazine, reference: &str) -> Result<Outcome> {
        let now = crate::desk::now()?;
        let printout = match self {
            Paper::Sheet => paper::sheet(mag, Some(reference), now)?,
            Paper::Proof { marks } => paper::proof_of(mag, Some(reference), marks, now)?,
        };
        let template = form_template(mag, printout.form)?;
        Ok(Outcome::Raw(
            "application/pdf",
            typeset_pdf(
                &template,
                &printout.json,
                &[],
                &document_of(reference, printout.what),
            )?,
        ))
    }

    async fn of_article(
        self,
        app: Shared,
        me: LoggedIn,
        (issue, slug): (String, String),
    ) -> Response {
        show(app, me, move |mag, _, _| {
            match article_of(mag, &issue, &slug)? {
                Some(article) => self.pdf(mag, &article.key()),
                None => Ok(Outcome::Missing),
            }
        })
        .await
    }

    async fn of_issue(self, app: Shared, me: LoggedIn, issue: String) -> Response {
        show(app, me, move |mag, _, _| match issue_of(mag, &issue)? {
            Some(id) => self.pdf(mag, &id.to_string()),
            None => Ok(Outcome::Missing),
        })
        .await
    }
}

/// `/a/2024-02/qingneng/sheet.pdf`: the 稿件处理单.
pub async fn article_sheet(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(at): Path<(String, String)>,
) -> Response {
    Paper::Sheet.of_article(app, me, at).await
}

/// `/a/2024-02/qingneng/proof.pdf`: the article's 校样.
pub async fn article_proof(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(at): Path<(String, String)>,
    Query(options): Query<ProofOptions>,
) -> Response {
    Paper::Proof {
        marks: options.marks.is_some(),
    }
    .of_article(app, me, at)
    .await
}

/// `/issues/2024-02/sheet.pdf`: the 付印单.
pub async fn issue_sheet(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
) -> Response {
    Paper::Sheet.of_issue(app, me, issue).await
}

/// `/issues/2024-02/proof.pdf`: the whole issue in page order, for the
/// read-through.
pub async fn issue_proof(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
    Query(options): Query<ProofOptions>,
) -> Response {
    Paper::Proof {
        marks: options.marks.is_some(),
    }
    .of_issue(app, me, issue)
    .await
}
