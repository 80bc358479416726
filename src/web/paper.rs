//! The office's paper on the desk: an article's 稿件处理单 and 校样, an
//! issue's 付印单 and 校样 for the read-through, as PDFs printed from the
//! same record and templates as `galley sheet` and `galley proof`.

use std::sync::{Arc, Mutex};

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;

use super::Shared;
use super::guard::LoggedIn;
use super::pages::{Outcome, article_of, issue_of, show};
use crate::desk::contents::{form_template, typeset_pdf};
use crate::desk::paper;
use crate::error::Result;
use crate::messages::paper as says;
use crate::messages::toc::document_of;
use crate::repo::Magazine;

/// The characters RFC 5987 lets stand in `filename*` (its attr-char);
/// everything else is percent-encoded.
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// The file name a browser saves a download under (RFC 6266): the
/// office's Chinese name in `filename*`, and `fallback`, in ASCII, for
/// browsers that read only `filename`. A PDF is `inline`, so that it opens
/// in the browser to be read and printed; a Word file, a text file or a
/// zip is an `attachment`, saved to be opened in Word, WPS or layout
/// software.
pub(super) fn disposition(name: &str, fallback: &str) -> HeaderValue {
    let kind = match fallback.ends_with(".pdf") {
        true => "inline",
        false => "attachment",
    };
    let fallback: String = fallback
        .chars()
        .map(|c| match c.is_ascii_alphanumeric() || "-_.".contains(c) {
            true => c,
            false => '_',
        })
        .collect();
    let value = format!(
        "{kind}; filename=\"{fallback}\"; filename*=UTF-8''{}",
        utf8_percent_encode(name, ATTR_CHAR)
    );
    HeaderValue::from_str(&value).expect("an encoded file name is a valid header")
}

/// Names the PDF a route answered with, once it is known to be one.
pub(super) fn name_download(response: &mut Response, name: &str, fallback: &str) {
    if response.status() == StatusCode::OK {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, disposition(name, fallback));
    }
}

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
    /// The PDF for `reference`: an article's key, or an issue; `named`
    /// receives the file names it is to be saved under.
    fn pdf(self, mag: &Magazine, reference: &str, named: &Named) -> Result<Outcome> {
        let now = crate::desk::now()?;
        let printout = match self {
            Paper::Sheet => paper::sheet(mag, Some(reference), now)?,
            Paper::Proof { marks } => paper::proof_of(mag, Some(reference), marks, now)?,
        };
        *named.lock().unwrap_or_else(|e| e.into_inner()) = Some(self.file_names(mag, reference)?);
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

    /// 稿件处理单-2024-03-标题.pdf and its ASCII fallback,
    /// sheet-2024-03-slug.pdf; an issue's 付印单-2024-03.pdf.
    fn file_names(self, mag: &Magazine, reference: &str) -> Result<(String, String)> {
        let article = match reference.contains('/') {
            true => Some(crate::repo::load::resolve(mag, reference)?),
            false => None,
        };
        let (what, ascii) = match (self, &article) {
            (Paper::Sheet, Some(_)) => (says::SHEET, "sheet"),
            (Paper::Sheet, None) => (says::ORDER, "order"),
            (Paper::Proof { .. }, _) => (says::PROOF, "proof"),
        };
        Ok(match article {
            Some(a) => (
                says::download_name(what, &a.issue.to_string(), Some(&a.text.front.title)),
                format!("{ascii}-{}-{}.pdf", a.issue, a.slug),
            ),
            None => (
                says::download_name(what, reference, None),
                format!("{ascii}-{reference}.pdf"),
            ),
        })
    }

    async fn of_article(
        self,
        app: Shared,
        me: LoggedIn,
        (issue, slug): (String, String),
    ) -> Response {
        download(app, me, move |mag, named| {
            match article_of(mag, &issue, &slug)? {
                Some(article) => self.pdf(mag, &article.key(), named),
                None => Ok(Outcome::Missing),
            }
        })
        .await
    }

    async fn of_issue(self, app: Shared, me: LoggedIn, issue: String) -> Response {
        download(app, me, move |mag, named| match issue_of(mag, &issue)? {
            Some(id) => self.pdf(mag, &id.to_string(), named),
            None => Ok(Outcome::Missing),
        })
        .await
    }
}

/// The file names a download route fills in once it knows what it sends:
/// the office's name and its ASCII fallback.
pub(super) type Named = Arc<Mutex<Option<(String, String)>>>;

/// Answers with what `make` makes, named for saving as `make` says.
pub(super) async fn download<F>(app: Shared, me: LoggedIn, make: F) -> Response
where
    F: FnOnce(&mut Magazine, &Named) -> Result<Outcome> + Send + 'static,
{
    let named: Named = Arc::default();
    let filled = named.clone();
    let mut response = show(app, me, move |mag, _, _| make(mag, &filled)).await;
    let names = named.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some((name, fallback)) = names {
        name_download(&mut response, &name, &fallback);
    }
    response
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
