//! Copies for layout and review on the desk: an article or an issue as a
//! Word file with the magazine's styles, or as plain text, and an
//! article's revisions as Word 修订, the same files `galley export` writes.

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::Shared;
use super::guard::LoggedIn;
use super::pages::{Outcome, article_of, issue_of};
use super::paper::{Named, download};
use crate::core::export::{Encoding, TextOptions};
use crate::desk::export::{Layout, changes, select};
use crate::error::Result;
use crate::messages::paper::download_file;
use crate::messages::word as says;
use crate::repo::Magazine;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const TEXT: &str = "text/plain; charset=utf-8";
const GB18030_TEXT: &str = "text/plain; charset=gb18030";
const ZIP: &str = "application/zip";

#[derive(Deserialize, Default)]
pub struct CopyOptions {
    /// `?draft=1`: the current text of articles not yet approved, marked 未审定.
    #[serde(default)]
    draft: Option<String>,
    /// `?encoding=gb18030` for older layout software; UTF-8 otherwise.
    #[serde(default)]
    encoding: Option<String>,
    /// `?crlf=1`: Windows line ends.
    #[serde(default)]
    crlf: Option<String>,
}

impl CopyOptions {
    fn draft(&self) -> bool {
        self.draft.is_some()
    }

    fn text(&self) -> TextOptions {
        TextOptions {
            encoding: match self.encoding.as_deref() {
                Some("gb18030") => Encoding::Gb18030,
                _ => Encoding::Utf8,
            },
            crlf: self.crlf.is_some(),
        }
    }
}

/// What a copy route sends.
#[derive(Clone, Copy)]
enum Sent {
    Docx,
    Txt(TextOptions),
    Zip,
}

impl Sent {
    fn layout(self) -> Layout {
        match self {
            Sent::Txt(options) => Layout::Txt(options),
            Sent::Docx | Sent::Zip => Layout::Docx,
        }
    }

    fn ext(self) -> &'static str {
        match self {
            Sent::Zip => "zip",
            other => other.layout().ext(),
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Sent::Docx => DOCX,
            Sent::Zip => ZIP,
            Sent::Txt(o) if o.encoding == Encoding::Gb18030 => GB18030_TEXT,
            Sent::Txt(_) => TEXT,
        }
    }

    /// The file for `reference` (an article's key or an issue), named
    /// 审定稿-2024-03-标题.docx, or 未审定稿-… when drafts are in it.
    fn make(self, mag: &Magazine, reference: &str, draft: bool, named: &Named) -> Result<Outcome> {
        let selection = select(mag, reference, draft)?;
        let bytes = match self {
            Sent::Zip => selection.zipped(self.layout())?,
            _ => selection.render(None, self.layout()),
        };
        let what = match selection.document(None).has_draft() {
            true => says::DRAFT_COPY,
            false => says::APPROVED_COPY,
        };
        let (issue, title, ascii) = match (selection.single, selection.articles.first()) {
            (true, Some(a)) => {
                let (issue, slug) = a.key.split_once('/').unwrap_or((&a.key, ""));
                (
                    issue.to_string(),
                    Some(a.title.clone()),
                    format!("copy-{issue}-{slug}"),
                )
            }
            _ => (reference.to_string(), None, format!("copy-{reference}")),
        };
        let ext = self.ext();
        *named.lock().unwrap_or_else(|e| e.into_inner()) = Some((
            download_file(what, &issue, title.as_deref(), ext),
            format!("{ascii}.{ext}"),
        ));
        Ok(Outcome::Raw(self.content_type(), bytes))
    }
}

async fn of_article(
    app: Shared,
    me: LoggedIn,
    (issue, slug): (String, String),
    copy: Sent,
    draft: bool,
) -> Response {
    download(app, me, move |mag, named| {
        match article_of(mag, &issue, &slug)? {
            Some(a) => copy.make(mag, &a.key(), draft, named),
            None => Ok(Outcome::Missing),
        }
    })
    .await
}

async fn of_issue(app: Shared, me: LoggedIn, issue: String, copy: Sent, draft: bool) -> Response {
    download(app, me, move |mag, named| match issue_of(mag, &issue)? {
        Some(id) => copy.make(mag, &id.to_string(), draft, named),
        None => Ok(Outcome::Missing),
    })
    .await
}

/// `/a/2024-02/qingneng/copy.docx`: the approved text as a Word file.
pub async fn article_docx(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(at): Path<(String, String)>,
    Query(options): Query<CopyOptions>,
) -> Response {
    of_article(app, me, at, Sent::Docx, options.draft()).await
}

/// `/a/2024-02/qingneng/copy.txt`: the approved text as plain text.
pub async fn article_txt(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(at): Path<(String, String)>,
    Query(options): Query<CopyOptions>,
) -> Response {
    of_article(app, me, at, Sent::Txt(options.text()), options.draft()).await
}

/// `/issues/2024-02/copy.docx`: the issue in page order, one Word file.
pub async fn issue_docx(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
    Query(options): Query<CopyOptions>,
) -> Response {
    of_issue(app, me, issue, Sent::Docx, options.draft()).await
}

/// `/issues/2024-02/copy.zip`: one Word file per article, in page order.
pub async fn issue_zip(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
    Query(options): Query<CopyOptions>,
) -> Response {
    of_issue(app, me, issue, Sent::Zip, options.draft()).await
}

/// `/a/2024-02/qingneng/changes.docx`: the revisions since the last
/// sign-off as Word 修订, each signed by the person who made it.
pub async fn article_changes(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path((issue, slug)): Path<(String, String)>,
) -> Response {
    download(app, me, move |mag, named| {
        let Some(a) = article_of(mag, &issue, &slug)? else {
            return Ok(Outcome::Missing);
        };
        let made = changes(mag, &a.key(), None, None)?;
        *named.lock().unwrap_or_else(|e| e.into_inner()) = Some((
            download_file(
                says::CHANGES_COPY,
                &a.issue.to_string(),
                Some(&a.text.front.title),
                "docx",
            ),
            format!("changes-{}-{}.docx", a.issue, a.slug),
        ));
        Ok(Outcome::Raw(DOCX, made.docx))
    })
    .await
}
