//! The pages: what is waiting for me, an issue's board, its contents page
//! and page plan, one article with the actions I may take, its redline.

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use maud::{Markup, html};
use serde::Deserialize;

use super::auth::Session;
use super::guard::LoggedIn;
use super::view::{csrf, page};
use super::{Shared, blocking, not_found, plain_page};
use crate::core::diff::tokens;
use crate::core::issue::IssueId;
use crate::core::lint::quality::BySeverity;
use crate::core::lint::{Finding, Part, Severity, excerpt};
use crate::core::status::one_signer_stages;
use crate::core::workflow::{StageKind, Workflow};
use crate::desk::board::{BoardRow, board, board_row};
use crate::desk::common::has_unsaved_body;
use crate::desk::compare::compare;
use crate::desk::lint;
use crate::desk::{contents, set};
use crate::error::Kind;
use crate::error::{GalleyError, Result};
use crate::messages::{
    self, diff as diff_says, intake as intake_says, release as release_says, toc as toc_says,
    web as says, word as word_says,
};
use crate::render::{flatplan_rows, redline_html, toc_html};
use crate::repo::Magazine;
use crate::repo::issue_contents::IssueContents;
use crate::repo::load::{self, Article};
use crate::repo::revisions::revisions;

/// What a page handler produces once the magazine is open.
pub(super) enum Outcome {
    Page(String, Markup),
    Raw(&'static str, Vec<u8>),
    Missing,
}

/// Opens the magazine for the logged-in person on a blocking thread, and
/// wraps what `make` returns in the shared frame.
pub(super) async fn show<F>(app: Shared, me: LoggedIn, make: F) -> Response
where
    F: FnOnce(&mut Magazine, &Session, NaiveDate) -> Result<Outcome> + Send + 'static,
{
    let LoggedIn { token, session } = me;
    let root = app.root.clone();
    let who = session.clone();
    let result = blocking(move || {
        let mut mag = Magazine::find(&root)?;
        let today = crate::desk::now()?.date_naive();
        make(&mut mag, &who, today)
    })
    .await;
    match result {
        Ok(Outcome::Page(title, body)) => {
            let flash = app.sessions.take_flash(&token);
            page(&title, Some((&session.name, &session.csrf)), flash, body).into_response()
        }
        Ok(Outcome::Raw(kind, bytes)) => ([(header::CONTENT_TYPE, kind)], bytes).into_response(),
        Ok(Outcome::Missing) => not_found(),
        Err(e) => error_page(&e),
    }
}

/// `show` for a page about one issue: an address naming no issue of the
/// magazine is not found.
async fn show_issue<F>(app: Shared, me: LoggedIn, issue: String, make: F) -> Response
where
    F: FnOnce(&Magazine, &str) -> Result<Outcome> + Send + 'static,
{
    show(app, me, move |mag, _, _| {
        if issue_of(mag, &issue)?.is_none() {
            return Ok(Outcome::Missing);
        }
        make(mag, &issue)
    })
    .await
}

fn error_page(e: &GalleyError) -> Response {
    let mut text = e.message.clone();
    for h in &e.hints {
        text.push('\n');
        text.push_str(h);
    }
    let status = match e.kind {
        Kind::Missing => StatusCode::NOT_FOUND,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    plain_page(status, &text)
}

/// The issue named in an address, if it is one of the magazine's.
pub(super) fn issue_of(mag: &Magazine, text: &str) -> Result<Option<IssueId>> {
    let Some(id) = IssueId::parse(text).filter(|id| id.to_string() == text) else {
        return Ok(None);
    };
    Ok(load::issue_ids(mag)?.contains(&id).then_some(id))
}

/// The article named in an address, if it is one of the magazine's.
pub(super) fn article_of(mag: &Magazine, issue: &str, slug: &str) -> Result<Option<Article>> {
    let Some(id) = issue_of(mag, issue)? else {
        return Ok(None);
    };
    if !load::slugs(mag, id).iter().any(|s| s == slug) {
        return Ok(None);
    }
    load::article(mag, id, slug).map(Some)
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
    failed: Option<String>,
    wait: Option<u64>,
}

pub async fn login_form(Query(q): Query<Next>) -> Response {
    let next = super::guard::safe_next(q.next.as_deref()).to_string();
    let problem = match (q.failed.is_some(), q.wait) {
        (_, Some(s)) => Some(says::login_wait(s)),
        (true, None) => Some(says::login_failed()),
        _ => None,
    };
    let flash = problem.map(|p| super::auth::Flash {
        ok: false,
        lines: vec![p],
    });
    page(
        says::LOGIN_TITLE,
        None,
        flash,
        html! {
            form.login method="post" action="/login" {
                h1 { (says::LOGIN_TITLE) }
                input type="hidden" name="next" value=(next);
                label for="name" { (says::NAME) }
                input #name type="text" name="name" autocomplete="username" required;
                label for="password" { (says::PASSWORD) }
                input #password type="password" name="password" autocomplete="current-password" required;
                button.primary type="submit" { (says::LOG_IN) }
            }
        },
    )
    .into_response()
}

/// Each article's outstanding findings, for the board.
type LintCounts = std::collections::HashMap<String, BySeverity>;

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "e",
        Severity::Warning => "w",
        Severity::Info => "i",
    }
}

/// A paragraph with its findings marked; the message shows on hover and
/// the mark links to the finding in the list below.
/// Findings one article page lists and marks in the text.
const SHOWN_FINDINGS: usize = 500;

/// `text` with `findings` (its own, in order) marked; `chars` is `text`'s
/// characters.
fn marked(chars: &[char], text: &str, findings: &[&Finding]) -> Markup {
    if findings.is_empty() {
        return html! { (text) };
    }
    let mut at = 0;
    let mut pieces: Vec<(String, Option<&Finding>)> = Vec::new();
    for &f in findings {
        if f.start < at || f.end > chars.len() {
            continue;
        }
        pieces.push((chars[at..f.start].iter().collect(), None));
        pieces.push((chars[f.start..f.end].iter().collect(), Some(f)));
        at = f.end;
    }
    pieces.push((chars[at..].iter().collect(), None));
    html! {
        @for (text, finding) in &pieces {
            @if let Some(f) = finding {
                a href={ "#f" (f.piece) "-" (f.start) } {
                    mark class=(severity_class(f.severity)) title=(messages::lint::explain(f)) {
                        @if text.trim().is_empty() { "␣" } @else { (text) }
                    }
                }
            } @else { (text) }
        }
    }
}

fn board_table(wf: &Workflow, rows: &[BoardRow], lint: &LintCounts) -> Markup {
    let header = messages::BOARD_HEADER;
    html! {
        div.scroll tabindex="0" role="region" aria-label=(says::BOARD) {
            table.board {
                thead { tr { @for h in header { th { (h) } } th { (says::LINT_COLUMN) } } }
                tbody {
                    @for r in rows {
                        @let (issue, slug) = r.article.split_once('/').unwrap_or(("", ""));
                        tr {
                            td.nowrap data-label=(header[0]) { (messages::page_cell(r.page, r.pages)) }
                            td.nowrap data-label=(header[1]) {
                                @if r.in_toc { (r.section.clone().unwrap_or_default()) } @else { (messages::NOT_IN_TOC) }
                            }
                            td.nowrap data-label=(header[2]) { (r.article) }
                            td data-label=(header[3]) { a href={ "/a/" (issue) "/" (slug) } { (r.title) } }
                            td.nowrap data-label=(header[4]) { (r.editor.clone().unwrap_or_else(|| messages::NOBODY.into())) }
                            td.nowrap data-label=(header[5]) {
                                (r.status_label)
                                @if !r.attention.is_empty() { span.attention { (messages::ATTENTION_MARK) } }
                                @if r.unsaved { span.attention { (messages::UNSAVED_MARK) } }
                            }
                            td.nowrap data-label=(header[6]) {
                                @if let Some(n) = &r.next { (messages::next_label(wf, n)) }
                            }
                            td data-label=(header[7]) {
                                @if !r.stale.is_empty() {
                                    span.stale { (r.stale.iter().map(|s| wf.stage_name(s)).collect::<Vec<_>>().join("、")) }
                                }
                            }
                            td.nowrap data-label=(header[8]) {
                                @if r.overdue { span.overdue { (messages::due_cell(r.due, true)) } }
                                @else { (messages::due_cell(r.due, false)) }
                            }
                            td.nowrap data-label=(says::LINT_COLUMN) {
                                @if let Some(c) = lint.get(&r.article).filter(|c| c.error + c.warning > 0) {
                                    a.lint href={ "/a/" (issue) "/" (slug) "#lint" } {
                                        @if c.error > 0 { span.e { (says::lint_errors(c.error)) } " " }
                                        @if c.warning > 0 { span.w { (says::lint_warnings(c.warning)) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `/`: what is waiting for me in the newest issue, then its board.
pub async fn desk(State(app): State<Shared>, Extension(me): Extension<LoggedIn>) -> Response {
    show(app, me, |mag, session, today| {
        if load::issue_ids(mag)?.is_empty() {
            return Ok(Outcome::Page(says::MY_DESK.into(), html! { p { (says::NO_ISSUES) } }));
        }
        let me = mag
            .staff
            .person(&session.name)
            .cloned()
            .ok_or_else(|| messages::unknown_person(&session.name, &mag.staff))?;
        let all = board(mag, None, today, None)?;
        let wf = mag.staff.workflow();
        let waiting = |kind: StageKind| -> Vec<&BoardRow> {
            all.rows
                .iter()
                .filter(|r| {
                    r.next
                        .as_deref()
                        .and_then(|n| wf.stage(n))
                        .is_some_and(|s| {
                            s.kind == kind && wf.may_sign(s, &me, r.editor.as_deref()).is_ok()
                        })
                })
                .collect()
        };
        let mine = |r: &&BoardRow| r.editor.as_deref() == Some(me.name.as_str());
        let signed_by_me = |r: &&BoardRow| r.signed.iter().any(|s| s.by == me.name && !s.fresh);
        let groups = [
            (says::WAITING_PROOFREAD, waiting(StageKind::Proofread)),
            (says::WAITING_REVIEW, waiting(StageKind::Review)),
            (says::OVERDUE, all.rows.iter().filter(|r| r.overdue).filter(mine).collect()),
            (
                says::MY_STALE,
                all.rows
                    .iter()
                    .filter(|r| !r.stale.is_empty())
                    .filter(|r| mine(r) || signed_by_me(r))
                    .collect(),
            ),
        ];
        let nothing = groups.iter().all(|(_, rows)| rows.is_empty());
        let body = html! {
            h1 { (says::MY_DESK) }
            @if nothing { p { (says::NOTHING_WAITING) } }
            @for (label, rows) in &groups {
                @if !rows.is_empty() {
                    h2 { (label) }
                    ul.todo {
                        @for r in rows {
                            @let (issue, slug) = r.article.split_once('/').unwrap_or(("", ""));
                            li { a href={ "/a/" (issue) "/" (slug) } { "《" (r.title) "》" } " " (r.article) }
                        }
                    }
                }
            }
            h2 { (says::CURRENT_ISSUE) "：" (messages::board_title(&mag.staff.magazine.name, &all.file)) }
            (issue_links(&all.issue.to_string()))
            (board_table(&wf, &all.rows, &lint::counts(mag, Some(&all.issue.to_string()))?))
            p { (messages::board_summary(&wf, &all.rows)) }
        };
        Ok(Outcome::Page(says::MY_DESK.into(), body))
    })
    .await
}

pub(super) fn issue_links(issue: &str) -> Markup {
    html! {
        p {
            a href={ "/issues/" (issue) } { (says::BOARD) } " · "
            a href={ "/issues/" (issue) "/toc" } { (says::TOC) } " · "
            a href={ "/issues/" (issue) "/pages" } { (says::PAGES) } " · "
            a href={ "/issues/" (issue) "/add" } { (intake_says::ADD) } " · "
            a href={ "/issues/" (issue) "/settings" } { (intake_says::SETTINGS) } " · "
            a href={ "/issues/" (issue) "/quality" } { (says::QUALITY) } " · "
            a href={ "/issues/" (issue) "/toc.pdf" } { (says::TOC_PDF) } " · "
            a href={ "/issues/" (issue) "/sheet.pdf" } { (says::ORDER_PDF) } " · "
            a href={ "/issues/" (issue) "/proof.pdf" } { (says::PROOF_PDF) }
        }
    }
}

/// `/issues`: every issue, newest first.
pub async fn issues(State(app): State<Shared>, Extension(me): Extension<LoggedIn>) -> Response {
    show(app, me, |mag, session, _| {
        let mut ids = load::issue_ids(mag)?;
        ids.reverse();
        let mut items = Vec::new();
        for id in ids {
            items.push((
                id.to_string(),
                messages::board_title(&mag.staff.magazine.name, &load::issue(mag, id)?),
            ));
        }
        Ok(Outcome::Page(
            says::ISSUES.into(),
            html! {
                h1 { (says::ISSUES) }
                (super::intake::new_issue_link(mag, &session.name))
                @if items.is_empty() { p { (says::NO_ISSUES) } }
                ul { @for (id, title) in &items { li { a href={ "/issues/" (id) } { (title) } } } }
            },
        ))
    })
    .await
}

/// `/issues/2024-02`: the board, the same facts as `galley status`.
pub async fn board_page(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
) -> Response {
    show(app, me, move |mag, session, today| {
        let Some(id) = issue_of(mag, &issue)? else {
            return Ok(Outcome::Missing);
        };
        let b = board(mag, Some(&id.to_string()), today, None)?;
        let wf = mag.staff.workflow();
        let released = b.release.released.is_some();
        let may_release = mag.staff.person(&session.name).is_some_and(|me| {
            let by = b.release.released.as_ref().map(|r| r.by.as_str());
            wf.check_release(me, by, released).is_ok()
        });
        let title = messages::board_title(&mag.staff.magazine.name, &b.file);
        let one_signer: Vec<(String, String)> = b
            .rows
            .iter()
            .flat_map(|r| {
                one_signer_stages(&r.signed).into_iter().map(|(by, stages)| {
                    let names = wf.stage_names(&stages);
                    let line = messages::paper::one_signer_in_issue(&r.article, &r.title, &by, &names);
                    (r.article.clone(), line)
                })
            })
            .collect();
        let notes: Vec<String> = b
            .rows
            .iter()
            .flat_map(|r| {
                r.attention
                    .iter()
                    .map(|x| messages::attention(&r.article, &wf, x))
            })
            .collect();
        Ok(Outcome::Page(
            title.clone(),
            html! {
                h1 { (title) }
                (issue_links(&issue))
                (super::charts::progress_figure(mag, &id.to_string(), today))
                (board_table(&wf, &b.rows, &lint::counts(mag, Some(&id.to_string()))?))
                p { (messages::board_summary(&wf, &b.rows)) }
                @for n in &notes { p.attention { (n) } }
                @if !b.stray.is_empty() { p.attention { (messages::stray_journal(&b.stray)) } }
                @if !b.withdrawn.is_empty() {
                    h2 { (release_says::WITHDRAWN_HEADING) }
                    ul { @for w in &b.withdrawn {
                        li { a href={ "/a/" (w.article) } { (release_says::withdrawn_line(w)) } }
                    } }
                }
                h2 { (word_says::COPIES_HEADING) }
                p {
                    a href={ "/issues/" (issue) "/copy.docx" } { (word_says::ISSUE_DOCX_LINK) } " · "
                    a href={ "/issues/" (issue) "/copy.zip" } { (word_says::ISSUE_ZIP_LINK) } " · "
                    a href={ "/issues/" (issue) "/copy.docx?draft=1" } { (word_says::DRAFT_DOCX_LINK) }
                }
                h2 { (release_says::RELEASE_HEADING) }
                p { (release_says::release_line(&b.release).unwrap_or_else(|| release_says::NOT_RELEASED.to_string())) }
                @if !one_signer.is_empty() {
                    p.warn { (release_says::ONE_SIGNER_HEADING) }
                    ul { @for (article, line) in &one_signer { li { a href={ "/a/" (article) } { (line) } } } }
                }
                @if may_release {
                    form.act method="post" action={ "/issues/" (issue) "/release" } {
                        (csrf(&session.csrf))
                        @if released { input type="hidden" name="undo" value="1"; }
                        label for="release-reason" { (release_says::RELEASE_NOTE) }
                        input #release-reason type="text" name="reason" required[released];
                        button.primary type="submit" {
                            @if released { (release_says::UNRELEASE) } @else { (release_says::RELEASE) }
                        }
                    }
                }
            },
        ))
    })
    .await
}

/// `/issues/2024-02/toc`: the contents page and what stands between it
/// and the printer.
pub async fn toc(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
) -> Response {
    show_issue(app, me, issue, move |mag, issue| {
        let contents = IssueContents::load(mag, Some(issue))?;
        let (_, problems) = crate::desk::contents::with_problems(mag, &contents)?;
        Ok(Outcome::Page(
            format!("{} {}", says::TOC, issue),
            html! {
                h1 { (says::TOC) " " (issue) }
                (issue_links(issue))
                @if problems.is_empty() { p { (says::TOC_OK) } }
                @else {
                    p { (says::TOC_PROBLEMS) }
                    ul { @for p in &problems { li.attention { (toc_says::problem(p)) } } }
                }
                p { a href={ "/issues/" (issue) "/toc.html" } { (says::TOC_PRINTABLE) } }
                iframe.toc src={ "/issues/" (issue) "/toc.html" } title=(says::TOC) {}
            },
        ))
    })
    .await
}

/// `/issues/2024-02/toc.html`: the contents page alone, sized for print.
pub async fn toc_html(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
) -> Response {
    let mut response = show_issue(app, me, issue, move |mag, issue| {
        let contents = IssueContents::load(mag, Some(issue))?;
        let (model, _) = contents.contents(mag);
        Ok(Outcome::Raw(
            "text/html; charset=utf-8",
            toc_html::page(&model).into_bytes(),
        ))
    })
    .await;
    // Shown framed on the desk's own contents page, and nowhere else.
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static(super::guard::CSP_FRAMED_HERE),
    );
    h.insert(
        header::X_FRAME_OPTIONS,
        header::HeaderValue::from_static("SAMEORIGIN"),
    );
    response
}

/// `/issues/2024-02/toc.pdf`: the PDF for the printer.
pub async fn toc_pdf(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
) -> Response {
    let names = (
        crate::messages::paper::download_name(crate::messages::paper::TOC, &issue, None),
        format!("toc-{issue}.pdf"),
    );
    let mut response = show_issue(app, me, issue, move |mag, issue| {
        let contents = IssueContents::load(mag, Some(issue))?;
        Ok(Outcome::Raw(
            "application/pdf",
            contents::pdf(mag, &contents)?,
        ))
    })
    .await;
    super::paper::name_download(&mut response, &names.0, &names.1);
    response
}

/// `/issues/2024-02/pages`: the page plan.
pub async fn flatplan(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
) -> Response {
    show(app, me, move |mag, session, _| {
        if issue_of(mag, &issue)?.is_none() {
            return Ok(Outcome::Missing);
        }
        let issue = issue.as_str();
        let contents = IssueContents::load(mag, Some(issue))?;
        let plan = contents.plan();
        let rows = flatplan_rows::rows(&plan);
        Ok(Outcome::Page(
            format!("{} {}", says::PAGES, issue),
            html! {
                h1 { (says::PAGES) " " (issue) }
                (issue_links(issue))
                div.scroll tabindex="0" role="region" aria-label=(says::PAGES) { table {
                    thead { tr { @for h in toc_says::PAGES_HEADER { th { (h) } } } }
                    tbody { @for r in &rows { tr { @for c in r { td { (c) } } } } }
                } }
                p { (toc_says::plan_summary(&plan)) }
                h2 { (toc_says::PLAN_FORM) }
                p { (toc_says::PLAN_EXPLAINED) }
                form.act method="post" action={ "/issues/" (issue) "/pages" } {
                    (csrf(&session.csrf))
                    div.scroll tabindex="0" role="region" aria-label=(toc_says::PLAN_FORM) { table {
                        thead { tr { th { (toc_says::PLAN_TITLE) } th { (toc_says::PLAN_START) } th { (toc_says::PLAN_EXTENT) } } }
                        tbody { @for a in &contents.articles {
                            @let f = &a.text.front;
                            tr {
                                td { label for={ "page-" (a.slug) } { (f.title) } }
                                td { input id={ "page-" (a.slug) } type="number" min="1" name={ "page." (a.slug) }
                                    value=(f.page.map(|n| n.to_string()).unwrap_or_default()); }
                                td { input type="number" min="1" name={ "pages." (a.slug) } aria-label={ (f.title) " " (toc_says::PLAN_EXTENT) }
                                    value=(f.pages.map(|n| n.to_string()).unwrap_or_default()); }
                            }
                        } }
                    } }
                    button.primary type="submit" { (toc_says::PLAN_SAVE) }
                }
            },
        ))
    })
    .await
}

/// `/issues/2024-02/quality`: the 差错率 ledger, as `galley quality`.
pub async fn quality(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
) -> Response {
    show_issue(app, me, issue, move |mag, issue| {
        let q = crate::desk::quality::issue_quality(mag, Some(issue))?;
        let header = messages::lint::QUALITY_HEADER;
        let row = |t: &crate::desk::quality::Tally| {
            let c = &t.corrected;
            html! {
                td.nowrap data-label=(header[2]) { (t.characters) }
                td.nowrap data-label=(header[3]) { (c.words) " / " (c.punctuation) " / " (c.numbers) }
                td.nowrap data-label=(header[4]) { @if t.outstanding.error > 0 { span.e { (t.outstanding.error) } } @else { "0" } }
                td.nowrap data-label=(header[5]) { (t.outstanding.warning) }
                td.nowrap data-label=(header[6]) { (t.outstanding.info) }
                td.nowrap data-label=(header[7]) { (format!("{:.2}", t.weighted_errors)) }
                td.nowrap data-label=(header[8]) {
                    (messages::lint::rate(t.rate))
                    @if t.over_limit { " " span.e { (messages::lint::OVER_LIMIT) } }
                }
            }
        };
        Ok(Outcome::Page(
            format!("{} {}", says::QUALITY, issue),
            html! {
                h1 { (says::QUALITY) " " (issue) }
                (issue_links(issue))
                div.scroll tabindex="0" role="region" aria-label=(says::QUALITY) { table.board {
                    thead { tr { @for h in header { th { (h) } } } }
                    tbody {
                        @for a in &q.articles {
                            @let (i, slug) = a.article.split_once('/').unwrap_or(("", ""));
                            tr {
                                td.nowrap data-label=(header[0]) { (a.article) }
                                td data-label=(header[1]) { a href={ "/a/" (i) "/" (slug) "#lint" } { (a.title) } }
                                (row(&a.tally))
                            }
                        }
                        tr { td { strong { (messages::lint::QUALITY_TOTAL) } } td {} (row(&q.tally)) }
                    }
                } }
                @let rounds: Vec<_> = q.articles.iter().flat_map(|a| a.rounds.iter().map(move |r| (a, r))).collect();
                @if !rounds.is_empty() {
                    h2 { (messages::lint::rounds_heading()) }
                    ul { @for (a, r) in &rounds {
                        li { (messages::lint::round_line(&a.article, r.number, &r.person, &r.signed_at.format("%Y-%m-%d").to_string(), &r.corrections)) }
                    } }
                }
                p { (messages::lint::verdict(issue, q.tally.rate, q.limit)) }
                p { small { (messages::lint::counting_note(q.limit)) } }
                p { a href="/quality" { (messages::chart::QUALITY_LINK) } }
            },
        ))
    })
    .await
}

/// `/a/2024-02/qingneng`: one article, and what I may do to it now.
pub async fn article(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path((issue, slug)): Path<(String, String)>,
) -> Response {
    show(app, me, move |mag, session, today| {
        let Some(a) = article_of(mag, &issue, &slug)? else {
            return Ok(Outcome::Missing);
        };
        let wf = mag.staff.workflow();
        let row = board_row(&wf, &a, has_unsaved_body(mag, &a), today);
        let me = mag
            .staff
            .person(&session.name)
            .ok_or_else(|| messages::unknown_person(&session.name, &mag.staff))?;
        let status = a.status(&wf);
        let signable: Vec<_> = wf
            .stages
            .iter()
            .filter(|s| {
                wf.check_signoff(s, me, status.editor.as_deref(), &status.signed_triples())
                    .is_ok()
            })
            .collect();
        let may_reopen = wf
            .check_reopen(me, status.editor.as_deref(), !status.signed.is_empty())
            .is_ok();
        let may_withdraw = wf.check_withdraw(me, false).is_ok();
        let withdrawn = a.is_withdrawn();
        let other_issues: Vec<_> = match may_withdraw {
            true => load::issue_ids(mag)?
                .into_iter()
                .filter(|id| *id != a.issue)
                .collect(),
            false => vec![],
        };
        // A withdrawn article takes nothing but its restoring.
        let signable = if withdrawn { Vec::new() } else { signable };
        let editors: Vec<_> = mag
            .staff
            .staff
            .iter()
            .filter(|p| !withdrawn && wf.check_assign(me, p, status.editor.as_deref()).is_ok())
            .collect();
        let history = revisions(mag, &a.rel_file())?;
        let signed_now: Vec<String> = status
            .fresh_stages()
            .iter()
            .filter_map(|id| wf.stage(id).map(|s| s.name.clone()))
            .collect();
        let base = a.body_hash();
        let checked = lint::check(mag, &a)?;
        let fixable = checked.fixable();
        let chars = checked.paragraph_chars();
        // A page lists and marks at most `SHOWN_FINDINGS`: past that a text
        // is broken beyond reading, and the page would grow with it.
        let shown = &checked.findings[..checked.findings.len().min(SHOWN_FINDINGS)];
        let mut marks = vec![Vec::new(); checked.texts.len()];
        for f in shown {
            if let Some(list) = marks.get_mut(f.piece) {
                list.push(f);
            }
        }
        let action = |verb: &str| format!("/a/{issue}/{slug}/{verb}");
        let f = &a.text.front;
        let title = format!("《{}》", f.title);
        // The same facts as `galley show`, without the parts shown below.
        let info: Vec<String> = messages::show_lines(&wf, &a.text, &a.events, &row)
            .into_iter()
            .take_while(|l| !l.starts_with("流程记录"))
            .filter(|l| l.contains('：') && !l.starts_with("签署：") && !l.starts_with("需处理"))
            .collect();
        let body = html! {
            h1 { (title) }
            p { a href={ "/issues/" (issue) } { (says::BOARD) " " (issue) } " · "
                a href=(action("diff")) { (says::REDLINE) } " · "
                a href=(action("sheet.pdf")) { (says::SHEET_PDF) } " · "
                a href=(action("proof.pdf")) { (says::ARTICLE_PROOF_PDF) } " · "
                a href={ (action("proof.pdf")) "?marks=1" } { (says::ARTICLE_PROOF_MARKS_PDF) } }
            p {
                @if status.signed.iter().any(|s| Some(&s.stage) == wf.stages.last().map(|l| &l.id)) {
                    a href=(action("copy.docx")) { (word_says::COPY_DOCX_LINK) } " · "
                    a href=(action("copy.txt")) { (word_says::COPY_TXT_LINK) } " · "
                    a href={ (action("copy.txt")) "?encoding=gb18030&crlf=1" } { (word_says::COPY_GB18030_LINK) } " · "
                } @else {
                    a href={ (action("copy.docx")) "?draft=1" } { (word_says::DRAFT_DOCX_LINK) } " · "
                }
                a href=(action("changes.docx")) { (word_says::CHANGES_LINK) }
            }
            @if let Some(problem) = &a.unreadable { p.attention { (problem.message) } }
            @if withdrawn { p.attention { (release_says::withdrawn_line(&row)) } }
            h2 { (says::ARTICLE_INFO) }
            ul { @for line in &info { li { (line) } } }
            h2 { (says::SIGNOFFS) }
            @if row.signed.is_empty() { p { (says::NONE) } }
            ul { @for s in &row.signed {
                li {
                    (says::signed_by(&wf.stage_name(&s.stage), &s.by, &s.at.format("%Y-%m-%d %H:%M").to_string()))
                    " "
                    @if s.fresh { (says::FRESH) } @else { span.stale { (says::STALE) } }
                }
            } }
            @for (by, stages) in status.one_signer_stages() {
                p.warn { (messages::paper::one_signer(&by, &wf.stage_names(&stages))) }
            }
            @for x in &row.attention { p.attention { (messages::attention(&row.article, &wf, x)) } }
            h2 { (says::ACTIONS) }
            div.actions {
                @for stage in &signable {
                    form.act method="post" action=(action("sign")) {
                        (csrf(&session.csrf))
                        input type="hidden" name="base" value=(base);
                        input type="hidden" name="stage" value=(stage.id);
                        label { (says::NOTE) }
                        input type="text" name="note";
                        button.primary type="submit" { (says::sign_button(&stage.name)) }
                    }
                }
                @if !editors.is_empty() {
                    form.act method="post" action=(action("assign")) {
                        (csrf(&session.csrf))
                        label for="editor" { (says::EDITOR) }
                        select #editor name="editor" {
                            @for p in &editors {
                                option value=(p.name) selected[status.editor.as_deref() == Some(p.name.as_str())] { (p.name) }
                            }
                        }
                        label for="due" { (says::DUE) }
                        input #due type="date" name="due" value=(status.due.map(|d| d.to_string()).unwrap_or_default());
                        button.primary type="submit" { (says::ASSIGN) }
                    }
                }
                @if may_reopen && !withdrawn {
                    form.act method="post" action=(action("reopen")) {
                        (csrf(&session.csrf))
                        label for="reason" { (says::REASON) }
                        input #reason type="text" name="reason" required;
                        button.primary type="submit" { (says::REOPEN) }
                    }
                }
                @if may_withdraw {
                    form.act method="post" action=(action("withdraw")) {
                        (csrf(&session.csrf))
                        @if withdrawn { input type="hidden" name="undo" value="1"; }
                        label for="withdraw-reason" { @if withdrawn { (release_says::RESTORE_REASON) } @else { (release_says::WITHDRAW_REASON) } }
                        input #withdraw-reason type="text" name="reason" required;
                        button type="submit" {
                            @if withdrawn { (release_says::RESTORE) } @else { (release_says::WITHDRAW) }
                        }
                    }
                }
                @if may_withdraw && !withdrawn && !other_issues.is_empty() {
                    form.act method="post" action=(action("move")) {
                        (csrf(&session.csrf))
                        label for="move-issue" { (release_says::MOVE_ISSUE) }
                        select #move-issue name="issue" {
                            @for id in &other_issues { option value=(id) { (id) } }
                        }
                        label for="move-reason" { (release_says::MOVE_REASON) }
                        input #move-reason type="text" name="reason" required;
                        button type="submit" { (release_says::MOVE) }
                    }
                }
            }
            (super::intake::photos_section(&a, &session.csrf, !withdrawn))
            h2 { (says::TEXT) }
            div.text { @for (i, (part, n, text)) in checked.texts.iter().enumerate() {
                @if *part == Part::Body {
                    p { span.n { (n) } (marked(&chars[i], text, &marks[i])) }
                }
            } }
            h2 #lint { (says::LINT_HEADING) }
            @if checked.findings.is_empty() { p { (says::LINT_CLEAN) } }
            @else {
                p { (messages::lint::summary(&checked.key, checked.counts().error, checked.counts().warning, checked.counts().info)) }
                @if shown.len() < checked.findings.len() {
                    p.attention { (says::findings_not_shown(shown.len(), checked.findings.len(), &checked.key)) }
                }
                ol.findings { @for f in shown {
                    @let (part, n, _) = checked.text_of(f);
                    @let (before, flagged, after) = excerpt(&chars[f.piece], f.start, f.end, 10);
                    li id={ "f" (f.piece) "-" (f.start) } {
                        span class=(severity_class(f.severity)) { (messages::lint::severity(f.severity)) }
                        " " (messages::lint::place(*part, *n, f.start)) "："
                        (before) mark class=(severity_class(f.severity)) { (flagged) } (after)
                        br;
                        small { (messages::lint::explain(f)) @if let Some(r) = messages::lint::replacement(f) { (r) "。" } }
                    }
                } }
                @if fixable > 0 && !withdrawn {
                    form.act method="post" action=(action("lintfix")) {
                        (csrf(&session.csrf))
                        input type="hidden" name="base" value=(base);
                        p { (says::lint_fix_explained(fixable)) }
                        button.primary type="submit" { (says::LINT_FIX) }
                    }
                }
            }
            @if !withdrawn {
                h2 { (says::REVISE) }
                form.act method="post" action=(action("revise")) enctype="multipart/form-data" {
                    (csrf(&session.csrf))
                    input type="hidden" name="base" value=(base);
                    label for="body" { (says::TEXT) }
                    textarea #body name="body" { (a.text.body) }
                    label for="file" { (says::REVISE_FILE) }
                    input #file type="file" name="file" accept=".txt,.md,.docx";
                    label.inline { input type="checkbox" name="accept" value="1"; " " (word_says::ACCEPT_WORD_CHANGES) }
                    label for="message" { (says::REVISE_MESSAGE) }
                    input #message type="text" name="message";
                    @if !signed_now.is_empty() {
                        p.warn role="note" { (says::revise_makes_stale(&signed_now)) }
                    }
                    button.primary type="submit" { (says::REVISE) }
                }
                h2 { (says::SET_FIELDS) }
                form.act method="post" action=(action("set")) {
                    (csrf(&session.csrf))
                    @for (key, label) in says::FIELD_LABELS {
                        label for=(key) { (label) }
                        @if set::is_long_text(key) {
                            textarea.field id=(key) name=(key) rows="2" { (set::shown_value(f, key)) }
                        } @else {
                            input id=(key) type="text" name=(key) value=(set::shown_value(f, key));
                        }
                    }
                    button.primary type="submit" { (says::SAVE_FIELDS) }
                }
            }
            h2 { (says::REVISIONS) }
            div.scroll tabindex="0" role="region" aria-label=(says::REVISIONS) { table {
                thead { tr { th { (says::REVISIONS) } th { (says::WHEN) } th { (says::WHO) } th { (says::WHAT) } } }
                tbody { @for r in history.iter().rev() {
                    tr {
                        td { a href={ (action("diff")) "?to=r" (r.number) } { "r" (r.number) } }
                        td.nowrap { (r.at.format("%Y-%m-%d %H:%M")) }
                        td.nowrap { (r.author) }
                        td { (r.subject) }
                    }
                } }
            } }
            h2 { (says::JOURNAL) }
            ul { @for e in a.events.iter().rev() {
                li { (e.at.format("%Y-%m-%d %H:%M")) " " (messages::event_sentence(&wf, e)) }
            } }
        };
        Ok(Outcome::Page(title, body))
    })
    .await
}

#[derive(Deserialize)]
pub struct Range {
    from: Option<String>,
    to: Option<String>,
    /// Any value asks for the page alone, to print.
    print: Option<String>,
}

/// `/a/2024-02/qingneng/diff?from=r1&to=r2`: the printable redline.
pub async fn diff(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path((issue, slug)): Path<(String, String)>,
    Query(range): Query<Range>,
) -> Response {
    show(app, me, move |mag, _, _| {
        let Some(a) = article_of(mag, &issue, &slug)? else {
            return Ok(Outcome::Missing);
        };
        let a = a.readable()?;
        let pick = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
        let c = compare(
            mag,
            &a,
            pick(&range.from).as_deref(),
            pick(&range.to).as_deref(),
            &tokens::chars,
        )?;
        let title = &a.text.front.title;
        if c.only_one {
            return Ok(Outcome::Page(
                title.clone(),
                html! { h1 { "《" (title) "》" } p { (diff_says::only_one_revision(title)) } },
            ));
        }
        if range.print.is_some() {
            let page = redline_html::page(&c.redline, title, &c.from.label, &c.to.label);
            return Ok(Outcome::Raw("text/html; charset=utf-8", page.into_bytes()));
        }
        let article = format!("/a/{}/{}", a.issue, a.slug);
        let end = |name: &str, v: &crate::repo::versions::Version| {
            v.revision
                .map(|n| format!("{name}=r{n}&"))
                .unwrap_or_default()
        };
        let printable = format!(
            "{article}/diff?{}{}print=1",
            end("from", &c.from),
            end("to", &c.to)
        );
        let fragment = redline_html::fragment(&c.redline, &c.from.label, &c.to.label);
        Ok(Outcome::Page(
            diff_says::html_title(title),
            html! {
                p { a href=(article) { (says::BACK_TO_ARTICLE) } }
                h1 { (diff_says::html_title(title)) }
                (maud::PreEscaped(fragment))
                p { a href=(printable) { (says::PRINTABLE_REDLINE) } }
            },
        ))
    })
    .await
}
