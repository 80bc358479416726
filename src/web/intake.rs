//! 收稿 on the desk: opening an issue and changing its settings, taking a
//! manuscript in (uploaded or pasted, read and shown before it is
//! committed), and an article's photos.

use axum::Extension;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::{Form, body::Body};
use chrono::NaiveDate;
use maud::{Markup, html};

use super::actions::{Fields, Upload, act_on_issue, field, read_multipart};
use super::auth::Flash;
use super::guard::{Client, LoggedIn};
use super::pages::{Outcome, article_of, issue_of, show};
use super::view::{csrf, page};
use super::{Shared, blocking, forbidden, not_found, refusal, same_origin, sent_back};
use crate::core::issue::{IssueFile, IssueId};
use crate::core::picture::Picture;
use crate::desk::Desk;
use crate::desk::add::{self, Manuscript, NewArticle, read_manuscript};
use crate::desk::issue::{self, NUMBERS_A_YEAR, Settings, SettingsSaved};
use crate::error::{GalleyError, Result};
use crate::messages::{self, intake as says, issue as issue_says};
use crate::repo::Magazine;
use crate::repo::load::{self, Article};

/// The name pasted text is read under: plain text, cleaned like a .txt.
const PASTED: &str = "粘贴的文字.txt";

fn may_open_issues(mag: &Magazine, name: &str) -> bool {
    mag.staff
        .person(name)
        .is_some_and(|me| mag.staff.workflow().check_open_issue(me).is_ok())
}

/// The issue after the newest one, as the new-issue form suggests it.
fn next_issue(mag: &Magazine) -> Result<(Option<IssueId>, Option<IssueFile>)> {
    let Some(last) = load::issue_ids(mag)?.into_iter().max() else {
        return Ok((None, None));
    };
    let next = match last.number >= NUMBERS_A_YEAR {
        true => IssueId {
            year: last.year + 1,
            number: 1,
        },
        false => IssueId {
            year: last.year,
            number: last.number + 1,
        },
    };
    Ok((Some(next), Some(load::issue(mag, last)?)))
}

/// The fields both issue forms carry, filled from `file`.
fn settings_fields(file: Option<&IssueFile>, total: Option<u32>) -> Markup {
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let date = file
        .and_then(IssueFile::print_day)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let sections = file.map(|f| f.sections.join("\n")).unwrap_or_default();
    html! {
        label for="total" { (says::TOTAL) }
        input #total type="number" min="1" name="total" value=(number(total));
        label for="print_date" { (says::PRINT_DATE) }
        input #print_date type="date" name="print_date" value=(date);
        label for="print_run" { (says::PRINT_RUN) }
        input #print_run type="number" min="1" name="print_run" value=(number(file.and_then(|f| f.print_run)));
        label for="pages" { (says::PAGE_COUNT) }
        input #pages type="number" min="1" name="pages" value=(number(file.and_then(|f| f.pages)));
        label for="sections" { (says::SECTIONS) }
        textarea #sections.list name="sections" aria-describedby="sections-help" { (sections) }
        p #sections-help.help { (says::SECTIONS_HELP) }
    }
}

/// `/issues/new`: the form that opens an issue.
pub async fn new_issue_form(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
) -> Response {
    show(app, me, |mag, session, _| {
        let body = match may_open_issues(mag, &session.name) {
            false => html! { h1 { (says::NEW_ISSUE) } p.attention { (says::may_not_open(&mag.staff.workflow().assigners)) } },
            true => {
                let (next, previous) = next_issue(mag)?;
                let total = previous.as_ref().and_then(|p| p.total).map(|t| t + 1);
                let sections = previous.map(|p| IssueFile {
                    sections: p.sections,
                    ..IssueFile::default()
                });
                html! {
                    h1 { (says::NEW_ISSUE) }
                    p { (says::NEW_ISSUE_EXPLAINED) }
                    form.act method="post" action="/issues/new" {
                        (csrf(&session.csrf))
                        label for="issue" { (says::ISSUE_ID) }
                        input #issue type="text" name="issue" required inputmode="numeric"
                            placeholder="2024-03" value=(next.map(|n| n.to_string()).unwrap_or_default());
                        (settings_fields(sections.as_ref(), total))
                        button.primary type="submit" { (says::OPEN_ISSUE) }
                    }
                }
            }
        };
        Ok(Outcome::Page(says::NEW_ISSUE.into(), body))
    })
    .await
}

/// What the issue forms say, read as settings; a number or date that
/// does not parse is refused by name.
fn settings_of(form: &Fields) -> Result<Settings> {
    let number = |key: &str, what: &str| -> Result<Option<u32>> {
        match field(form, key) {
            None => Ok(None),
            Some(raw) => raw
                .parse::<u32>()
                .map(Some)
                .map_err(|_| issue_says::bad_number(what, &raw)),
        }
    };
    let print_date = match field(form, "print_date") {
        None => None,
        Some(raw) => Some(
            NaiveDate::parse_from_str(&raw, "%Y-%m-%d")
                .map_err(|_| issue_says::bad_date("印刷日期", &raw))?,
        ),
    };
    Ok(Settings {
        total: Some(number("total", "总期号")?),
        sections: Some(
            form.get("sections")
                .map(|s| s.lines().map(String::from).collect())
                .unwrap_or_default(),
        ),
        print_date: Some(print_date),
        print_run: Some(number("print_run", "印数")?),
        pages: Some(number("pages", "页数")?),
    })
}

/// What a magazine-wide form does: the line to say and the page to go to.
type MagazineAct = Box<dyn FnOnce(&Desk) -> Result<(String, String)> + Send>;

/// Runs `act` as the person logged in, under the write lock, for a form
/// that names no existing issue yet; `act` says where the browser goes.
async fn act_on_magazine(
    app: Shared,
    (client, me, headers): (Client, LoggedIn, HeaderMap),
    form_token: Option<&str>,
    back: String,
    act: MagazineAct,
) -> Response {
    let LoggedIn { token, session } = me;
    if !same_origin(&client, &headers, &session, form_token) {
        return forbidden();
    }
    let (root, shared) = (app.root.clone(), app.clone());
    let outcome = blocking(move || {
        let _one_at_a_time = shared.writes.lock().unwrap_or_else(|e| e.into_inner());
        let mag = crate::desk::open_for_write(&root)?;
        let desk = Desk::of(&mag, &session.name)?;
        act(&desk)
    })
    .await;
    match outcome {
        Ok((line, to)) => sent_back(&app, &token, &to, Ok(line)),
        Err(e) => sent_back(&app, &token, &back, Err(e)),
    }
}

pub async fn open_issue(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Form(form): Form<Fields>,
) -> Response {
    let token = form.get("csrf").cloned();
    act_on_magazine(
        app,
        (client, me, headers),
        token.as_deref(),
        "/issues/new".into(),
        Box::new(move |desk| {
            let mut settings = settings_of(&form)?;
            // A blank 总期号 on a new issue means "the one after the last".
            settings.total = settings.total.filter(Option::is_some);
            let id = field(&form, "issue").unwrap_or_default();
            let file = issue::open(desk, &id, settings, |_| {})?;
            let id = IssueId {
                year: file.year,
                number: file.number,
            };
            Ok((messages::issue_created(&file), format!("/issues/{id}")))
        }),
    )
    .await
}

/// `/issues/2024-03/settings`: 总期号, 印刷日期, 印数, 页数 and 栏目.
pub async fn settings_form(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
) -> Response {
    issue_page(
        app,
        me,
        issue,
        says::SETTINGS,
        |mag, session, issue, file| {
            Ok(html! {
                @if may_open_issues(mag, &session.name) {
                    form.act method="post" action={ "/issues/" (issue) "/settings" } {
                        (csrf(&session.csrf))
                        (settings_fields(Some(file), file.total))
                        button.primary type="submit" { (says::SAVE_SETTINGS) }
                    }
                } @else {
                    p.attention { (says::may_not_open(&mag.staff.workflow().assigners)) }
                }
            })
        },
    )
    .await
}

pub async fn save_settings(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Path(issue): Path<String>,
    Form(form): Form<Fields>,
) -> Response {
    let page = format!("/issues/{issue}/settings");
    let token = form.get("csrf").cloned();
    act_on_issue(
        app,
        (client, me, headers),
        issue,
        token.as_deref(),
        page,
        Box::new(move |desk, issue| {
            Ok(match issue::set(desk, issue, settings_of(&form)?)? {
                SettingsSaved::Unchanged(file) => issue_says::settings_unchanged(&file),
                SettingsSaved::Saved { file, changed } => {
                    issue_says::settings_saved(&file, &changed)
                }
            })
        }),
    )
    .await
}

/// `/issues/2024-03/add`: 收稿, a manuscript uploaded or pasted.
pub async fn add_form(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path(issue): Path<String>,
) -> Response {
    issue_page(app, me, issue, says::ADD, |_, session, issue, _| {
        Ok(html! {
            p { (says::ADD_EXPLAINED) }
            form.act method="post" action={ "/issues/" (issue) "/add" } enctype="multipart/form-data" {
                (csrf(&session.csrf))
                input type="hidden" name="step" value="read";
                label for="file" { (says::MANUSCRIPT_FILE) }
                input #file type="file" name="file" accept=".docx,.txt,.md";
                label for="pasted" { (says::PASTE) }
                textarea #pasted name="pasted" {}
                button.primary type="submit" { (says::READ) }
            }
        })
    })
    .await
}

/// A page about one issue headed "`heading` 2024年第3期", with the issue's
/// links; an address naming no issue of the magazine is not found.
async fn issue_page<F>(
    app: Shared,
    me: LoggedIn,
    issue: String,
    heading: &'static str,
    body: F,
) -> Response
where
    F: FnOnce(&Magazine, &super::auth::Session, &str, &IssueFile) -> Result<Markup>
        + Send
        + 'static,
{
    show(app, me, move |mag, session, _| {
        let Some(id) = issue_of(mag, &issue)? else {
            return Ok(Outcome::Missing);
        };
        let file = load::issue(mag, id)?;
        let title = format!("{heading} {}", messages::issue_label(&file));
        let body = body(mag, session, &issue, &file)?;
        let page = html! {
            h1 { (title) }
            (super::pages::issue_links(&issue))
            (body)
        };
        Ok(Outcome::Page(title, page))
    })
    .await
}

/// The two steps of 收稿: `step=read` shows what galley read, with the
/// fields filled in; `step=add` commits the article as confirmed.
pub async fn add_article(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Path(issue): Path<String>,
    mut multipart: Multipart,
) -> Response {
    let (form, upload) = match read_multipart(&mut multipart).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    if !same_origin(
        &client,
        &headers,
        &me.session,
        form.get("csrf").map(String::as_str),
    ) {
        return forbidden();
    }
    let LoggedIn { token, session } = me;
    let (root, shared) = (app.root.clone(), app.clone());
    let who = session.clone();
    let outcome = blocking(move || -> Result<Option<Step>> {
        let mag = Magazine::find(&root)?;
        let Some(id) = issue_of(&mag, &issue)? else {
            return Ok(None);
        };
        let file = load::issue(&mag, id)?;
        if form.get("step").map(String::as_str) != Some("add") {
            return Ok(Some(match read_upload(&mag, &file, upload, &form) {
                Ok(read) => Step::Preview(Box::new(preview(&who.csrf, &id, &file, &read, None))),
                Err(e) => Step::Back(format!("/issues/{id}/add"), Err(e)),
            }));
        }
        let _one_at_a_time = shared.writes.lock().unwrap_or_else(|e| e.into_inner());
        let mag = crate::desk::open_for_write(&root)?;
        let desk = Desk::of(&mag, &who.name)?;
        let new = new_article(&form);
        match add::add(&desk, &id.to_string(), new) {
            Ok(done) => Ok(Some(Step::Back(
                format!("/a/{}", done.key),
                Ok(messages::article_added(&done.key, &done.title, done.chars)),
            ))),
            Err(e) => {
                let read = confirmed_reading(&form);
                let again = preview(&who.csrf, &id, &file, &read, Some(refusal(&e)));
                Ok(Some(Step::Preview(Box::new(again))))
            }
        }
    })
    .await;
    match outcome {
        Ok(None) => not_found(),
        Ok(Some(Step::Back(to, said))) => sent_back(&app, &token, &to, said),
        Ok(Some(Step::Preview(body))) => page(
            says::CONFIRM,
            Some((&session.name, &session.csrf)),
            None,
            *body,
        )
        .into_response(),
        Err(e) => sent_back(&app, &token, "/issues", Err(e)),
    }
}

enum Step {
    Preview(Box<Markup>),
    Back(String, Result<String>),
}

fn read_upload(
    mag: &Magazine,
    file: &IssueFile,
    upload: Option<Upload>,
    form: &Fields,
) -> Result<Manuscript> {
    let heads = &mag.staff.magazine.running_heads;
    match (upload, form.get("pasted").filter(|p| !p.trim().is_empty())) {
        (Some((name, bytes)), _) => read_manuscript(&name, &bytes, heads, &file.sections),
        (None, Some(text)) => read_manuscript(PASTED, text.as_bytes(), heads, &file.sections),
        (None, None) => {
            Err(GalleyError::user(says::NOTHING_TO_READ).hint(says::NOTHING_TO_READ_HINT))
        }
    }
}

/// The reading as the confirm form sent it back, to show it again when
/// the article was refused.
fn confirmed_reading(form: &Fields) -> Manuscript {
    let new = new_article(form);
    Manuscript {
        reading: crate::core::manuscript::Reading {
            section: new.section,
            title: new.title,
            subtitle: new.subtitle,
            byline: new.byline,
            authors: new.authors,
            paragraphs: new
                .body
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .map(String::from)
                .collect(),
        },
        furniture: Vec::new(),
    }
}

fn new_article(form: &Fields) -> NewArticle {
    NewArticle {
        title: field(form, "title").unwrap_or_default(),
        subtitle: field(form, "subtitle"),
        kicker: field(form, "kicker"),
        authors: field(form, "authors")
            .map(|a| {
                a.split(['、', ',', '，', ' '])
                    .filter(|n| !n.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default(),
        byline: field(form, "byline"),
        section: field(form, "section"),
        in_toc: field(form, "no_toc").is_none(),
        slug: field(form, "slug"),
        // Browsers send a form's line breaks as CRLF.
        body: form
            .get("body")
            .map(|b| b.replace("\r\n", "\n"))
            .unwrap_or_default(),
        ..NewArticle::default()
    }
}

/// What galley read, every field open to correction, and the button that
/// commits it.
fn preview(
    token: &str,
    id: &IssueId,
    file: &IssueFile,
    read: &Manuscript,
    flash: Option<Flash>,
) -> Markup {
    let r = &read.reading;
    let text = |key: &str, label: &str, value: Option<&str>| {
        html! {
            label for=(key) { (label) }
            input id=(key) type="text" name=(key) value=(value.unwrap_or_default());
        }
    };
    let chars: usize = r.paragraphs.iter().map(|p| p.chars().count()).sum();
    html! {
        @if let Some(f) = flash {
            div class={ "flash " (if f.ok { "ok" } else { "err" }) } role="status" {
                @for line in &f.lines { p { (line) } }
            }
        }
        h1 { (says::CONFIRM) " " (messages::issue_label(file)) }
        p { (says::read_summary(r.paragraphs.len(), chars)) }
        @if read.furniture.is_empty() { p { (says::NO_FURNITURE) } }
        @else {
            p { (says::FURNITURE_REMOVED) }
            ul { @for (head, n) in &read.furniture { li { (says::furniture_line(head, *n)) } } }
        }
        @if r.title.is_empty() { p.attention { (says::NO_TITLE_READ) } }
        form.act method="post" action={ "/issues/" (id) "/add" } enctype="multipart/form-data" {
            (csrf(token))
            input type="hidden" name="step" value="add";
            label for="title" { (says::TITLE) }
            textarea #title.short name="title" required { (r.title) }
            (text("subtitle", says::SUBTITLE, r.subtitle.as_deref()))
            (text("kicker", says::KICKER, None))
            (text("byline", says::BYLINE, r.byline.as_deref()))
            (text("authors", says::AUTHORS, Some(&r.authors.join("、"))))
            label for="section" { (says::SECTION) }
            select #section name="section" {
                option value="" { (says::NO_SECTION) }
                @for s in &file.sections { option value=(s) selected[r.section.as_deref() == Some(s.as_str())] { (s) } }
            }
            label.inline { input type="checkbox" name="no_toc" value="1"; " " (says::NOT_IN_TOC) }
            input type="hidden" name="body" value=(r.body());
            button.primary type="submit" { (says::ADD_CONFIRM) }
        }
        p { a href={ "/issues/" (id) "/add" } { (says::READ_AGAIN) } }
        h2 { (says::PARAGRAPHS_READ) }
        ol.paragraphs { @for p in &r.paragraphs { li { (p) } } }
    }
}

/// The photos of an article on its page, and the form that adds one.
pub fn photos_section(a: &Article, token: &str, editable: bool) -> Markup {
    let base = format!("/a/{}/{}", a.issue, a.slug);
    html! {
        h2 #photos { (says::PHOTOS) }
        @if a.text.front.photos.is_empty() { p { (says::NO_PHOTOS) } }
        div.photos { @for p in &a.text.front.photos {
            figure {
                @if let Some(file) = &p.file {
                    img src={ (base) "/photos/" (file) } alt=(p.caption) loading="lazy";
                }
                figcaption { (p.caption) @if let Some(c) = &p.credit { " " (says::credit(c)) } }
            }
        } }
        @if editable {
            form.act method="post" action={ (base) "/photo" } enctype="multipart/form-data" {
                (csrf(token))
                label for="photo-file" { (says::PHOTO_FILE) }
                input #photo-file type="file" name="file" accept="image/jpeg,image/png";
                label for="photo-caption" { (says::CAPTION) }
                input #photo-caption type="text" name="caption";
                label for="photo-credit" { (says::CREDIT) }
                input #photo-credit type="text" name="credit";
                button.primary type="submit" { (says::ADD_PHOTO) }
            }
        }
    }
}

pub async fn add_photo(
    State(app): State<Shared>,
    Extension(client): Extension<Client>,
    Extension(me): Extension<LoggedIn>,
    headers: HeaderMap,
    Path((issue, slug)): Path<(String, String)>,
    mut multipart: Multipart,
) -> Response {
    let (form, upload) = match read_multipart(&mut multipart).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let key = format!("{issue}/{slug}");
    let page = format!("/a/{key}#photos");
    let token = form.get("csrf").cloned();
    act_on_issue(
        app,
        (client, me, headers),
        issue,
        token.as_deref(),
        page,
        Box::new(move |desk, _| {
            let caption = field(&form, "caption").unwrap_or_default();
            let file = upload.map(|(_, bytes)| (None, bytes));
            let done =
                crate::desk::photo::photo(desk, &key, &caption, field(&form, "credit"), file)?;
            Ok(messages::photo_added(&done.key, &done.photo))
        }),
    )
    .await
}

/// `/a/2024-02/slug/photos/photo-1.jpg`: a photo the article lists, as the
/// picture its bytes say it is.
pub async fn photo_file(
    State(app): State<Shared>,
    Extension(me): Extension<LoggedIn>,
    Path((issue, slug, name)): Path<(String, String, String)>,
) -> Response {
    let root = app.root.clone();
    drop(me);
    let found = blocking(move || -> Result<Option<(Picture, Vec<u8>)>> {
        let mag = Magazine::find(&root)?;
        let Some(a) = article_of(&mag, &issue, &slug)? else {
            return Ok(None);
        };
        let listed = a
            .text
            .front
            .photos
            .iter()
            .any(|p| p.file.as_deref() == Some(&name));
        if !listed {
            return Ok(None);
        }
        let bytes = mag.read_file(&format!("{}/{name}", a.rel_dir()));
        Ok(bytes.and_then(|b| Picture::of(&b).map(|kind| (kind, b))))
    })
    .await;
    match found {
        Ok(Some((kind, bytes))) => (
            [
                (header::CONTENT_TYPE, kind.mime()),
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            Body::from(bytes),
        )
            .into_response(),
        _ => not_found(),
    }
}

/// The desk's new-issue link, for those who may open one.
pub fn new_issue_link(mag: &Magazine, name: &str) -> Markup {
    html! {
        @if may_open_issues(mag, name) {
            p { a href="/issues/new" { (says::NEW_ISSUE) } }
        }
    }
}
