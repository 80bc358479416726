//! `galley serve`: the web desk. Server-rendered pages and plain forms over
//! the same operations layer (`desk`) as the command line, as the person
//! logged in.
//!
//! Every page is read from the repository as it is at that moment (after
//! a POST the browser is sent back to a GET). git2's `Repository` is not
//! `Sync`, so each request opens the magazine on a blocking thread; writes
//! are taken one at a time inside the server, and also wait on galley's
//! writer lock, so the command line can work on the same repository.

pub mod access_log;
mod account;
mod actions;
pub mod auth;
mod charts;
pub mod checks;
pub mod connections;
pub mod device;
mod export;
pub mod guard;
mod intake;
mod pages;
mod paper;
pub mod server;
mod view;

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::html;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

use crate::deadline::Deadline;

use crate::desk::add::MAX_IMPORT_BYTES;
use crate::messages::web as says;
use crate::repo::writer_lock;
use access_log::AccessLog;
use auth::{Brake, Flash, Passwords, Session, Sessions};
use checks::Checks;
use device::DeviceKey;
use guard::Client;

pub const COOKIE: &str = "galley_session";

/// A login form is a name, a password and where to go next.
const LOGIN_LIMIT: usize = 4 * 1024;
/// Every other form but the text box of a revision.
const FORM_LIMIT: usize = 64 * 1024;
/// A revision: the text or an uploaded file up to the import limit, with
/// room for the form around it, so an upload just over the limit gets a
/// page that says so.
const UPLOAD_LIMIT: usize = MAX_IMPORT_BYTES as usize + 1024 * 1024;
/// A request not answered by then is given up (the slowest part, a PDF of
/// the contents page, takes seconds).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

pub struct App {
    /// The magazine's folder, as `galley serve` found it.
    pub root: PathBuf,
    pub passwords: Passwords,
    pub sessions: Sessions,
    pub brake: Brake,
    pub access: AccessLog,
    /// Turns at checking a password, fair under a flood.
    pub checks: Checks,
    /// Signs the cookie that recognises a browser that logged in before.
    pub devices: DeviceKey,
    /// Reverse proxies whose `X-Forwarded-*` headers are believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// One write at a time from this server.
    pub writes: Mutex<()>,
}

impl App {
    pub fn new(root: PathBuf, repo: &git2::Repository, trusted_proxies: Vec<IpAddr>) -> App {
        App {
            root,
            passwords: Passwords::new(auth::passwords_path(repo)),
            sessions: Sessions::default(),
            brake: Brake::default(),
            access: AccessLog::of(repo),
            checks: Checks::default(),
            devices: DeviceKey::at(writer_lock::galley_dir(repo).join("device-key")),
            trusted_proxies,
            writes: Mutex::new(()),
        }
    }
}

pub type Shared = Arc<App>;

pub fn router(app: Shared) -> Router {
    let upload = DefaultBodyLimit::max(UPLOAD_LIMIT);
    let routes = Router::new()
        .route(
            "/login",
            get(pages::login_form)
                .post(actions::login)
                .layer(DefaultBodyLimit::max(LOGIN_LIMIT)),
        )
        .route("/logout", post(actions::logout))
        .route("/account", get(account::account))
        .route("/account/password", post(account::change_password))
        .route("/admin", get(account::admin))
        .route("/admin/password", post(account::set_password))
        .route("/admin/staff", post(account::set_person))
        .route("/", get(pages::desk))
        .route("/issues", get(pages::issues))
        .route(
            "/issues/new",
            get(intake::new_issue_form).post(intake::open_issue),
        )
        .route(
            "/issues/{issue}/settings",
            get(intake::settings_form).post(intake::save_settings),
        )
        .route(
            "/issues/{issue}/add",
            get(intake::add_form)
                .post(intake::add_article)
                .layer(upload),
        )
        .route(
            "/a/{issue}/{slug}/photo",
            post(intake::add_photo).layer(upload),
        )
        .route("/a/{issue}/{slug}/photos/{name}", get(intake::photo_file))
        .route("/issues/{issue}", get(pages::board_page))
        .route("/issues/{issue}/toc", get(pages::toc))
        .route("/issues/{issue}/toc.html", get(pages::toc_html))
        .route("/issues/{issue}/toc.pdf", get(pages::toc_pdf))
        .route(
            "/issues/{issue}/pages",
            get(pages::flatplan).post(actions::set_plan),
        )
        .route("/issues/{issue}/quality", get(pages::quality))
        .route("/quality", get(charts::quality))
        .route("/issues/{issue}/sheet.pdf", get(paper::issue_sheet))
        .route("/issues/{issue}/proof.pdf", get(paper::issue_proof))
        .route("/a/{issue}/{slug}/sheet.pdf", get(paper::article_sheet))
        .route("/a/{issue}/{slug}/proof.pdf", get(paper::article_proof))
        .route("/a/{issue}/{slug}/copy.docx", get(export::article_docx))
        .route("/a/{issue}/{slug}/copy.txt", get(export::article_txt))
        .route(
            "/a/{issue}/{slug}/changes.docx",
            get(export::article_changes),
        )
        .route("/issues/{issue}/copy.docx", get(export::issue_docx))
        .route("/issues/{issue}/copy.zip", get(export::issue_zip))
        .route("/a/{issue}/{slug}", get(pages::article))
        .route("/a/{issue}/{slug}/diff", get(pages::diff))
        .route("/a/{issue}/{slug}/assign", post(actions::assign))
        .route("/a/{issue}/{slug}/sign", post(actions::sign))
        .route("/a/{issue}/{slug}/reopen", post(actions::reopen))
        .route("/a/{issue}/{slug}/withdraw", post(actions::withdraw))
        .route("/a/{issue}/{slug}/move", post(actions::move_article))
        .route("/issues/{issue}/release", post(actions::release))
        .route("/a/{issue}/{slug}/set", post(actions::set))
        .route(
            "/a/{issue}/{slug}/revise",
            post(actions::revise).layer(upload),
        )
        .route("/a/{issue}/{slug}/lintfix", post(actions::lint_fix))
        .fallback(|| async { not_found() });
    harden(routes, app)
}

/// What every route passes through, outermost last: a body limit for
/// forms, the session check, who the client is, the security headers, the
/// request timeout, and a page instead of a dropped connection should a
/// handler panic.
fn harden(routes: Router<Shared>, app: Shared) -> Router {
    routes
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
        .layer(from_fn_with_state(app.clone(), guard::require_session))
        .layer(from_fn_with_state(app.clone(), guard::client))
        .layer(from_fn(guard::headers))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            request_timeout(),
        ))
        .layer(CatchPanicLayer::custom(|_| {
            plain_page(StatusCode::INTERNAL_SERVER_ERROR, &says::internal())
        }))
        .with_state(app)
}

/// The session token in the request's cookie, if any.
pub fn token(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, COOKIE)
}

/// The value of the cookie called `name`, if the browser sent one.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The way to the login page, and back to `path` afterwards.
pub fn to_login(path: &str) -> Response {
    let next = guard::safe_next(Some(path));
    Redirect::to(&format!("/login?next={}", encode(next))).into_response()
}

/// The session cookie, `Secure` whenever the browser reached the desk over
/// HTTPS; `max_age` 0 removes it.
pub fn cookie(client: &Client, value: &str, max_age: Option<u32>) -> String {
    named_cookie(COOKIE, client, value, max_age)
}

pub fn named_cookie(name: &str, client: &Client, value: &str, max_age: Option<u32>) -> String {
    let mut cookie = format!("{name}={value}; HttpOnly; SameSite=Strict; Path=/");
    if client.secure {
        cookie.push_str("; Secure");
    }
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    cookie
}

/// A POST must come from our own pages: the form's token matches the
/// session's, and the browser's Origin is this desk.
pub fn same_origin(
    client: &Client,
    headers: &HeaderMap,
    session: &Session,
    form_token: Option<&str>,
) -> bool {
    let token_ok =
        form_token.is_some_and(|t| constant_time_eq(t.as_bytes(), session.csrf.as_bytes()));
    token_ok && client.same_origin(headers)
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn not_found() -> Response {
    plain_page(StatusCode::NOT_FOUND, &says::not_found())
}

pub fn forbidden() -> Response {
    plain_page(StatusCode::FORBIDDEN, &says::forbidden())
}

pub fn plain_page(status: StatusCode, sentence: &str) -> Response {
    let body = view::page(
        sentence,
        None,
        None,
        html! { p { (sentence) } p { a href="/" { (says::MY_DESK) } } },
    );
    (status, body).into_response()
}

/// Sends the browser to `to`, where the outcome of what it asked for is
/// shown as a note.
pub fn sent_back(
    app: &Shared,
    token: &str,
    to: &str,
    outcome: crate::error::Result<String>,
) -> Response {
    let flash = match outcome {
        Ok(line) => Flash {
            ok: true,
            lines: vec![line],
        },
        Err(e) => refusal(&e),
    };
    app.sessions.set_flash(token, flash);
    Redirect::to(to).into_response()
}

/// A refusal as a note on the page: the sentence, then its hints.
pub fn refusal(e: &crate::error::GalleyError) -> Flash {
    Flash {
        ok: false,
        lines: std::iter::once(e.message.clone())
            .chain(e.hints.iter().cloned())
            .collect(),
    }
}

/// Runs git work off the async threads, under the request's deadline:
/// when the request times out or its browser goes away, this future is
/// dropped, and the work is told to stop.
pub async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    struct Abandon(Arc<AtomicBool>);
    impl Drop for Abandon {
        fn drop(&mut self) {
            self.0.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    let abandoned = Arc::new(AtomicBool::new(false));
    let deadline = Deadline::new(Instant::now() + request_timeout(), abandoned.clone());
    let _abandon = Abandon(abandoned);
    tokio::task::spawn_blocking(move || crate::deadline::under(Some(deadline), work))
        .await
        .expect("a blocking task finished")
}

/// How long a request may take: `GALLEY_REQUEST_TIMEOUT_SECS`, or two
/// minutes.
fn request_timeout() -> Duration {
    std::env::var("GALLEY_REQUEST_TIMEOUT_SECS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .map_or(REQUEST_TIMEOUT, Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_handler_that_panics_answers_with_a_page() {
        let dir = tempfile::tempdir().unwrap();
        let repo = git2::Repository::init(dir.path()).unwrap();
        let app = Arc::new(App::new(dir.path().into(), &repo, vec![]));
        let routes = Router::new().route(
            "/login",
            get(|| async {
                panic!("a bug in a handler");
                #[allow(unreachable_code)]
                ""
            }),
        );
        let response = harden(routes, app)
            .oneshot(Request::get("/login").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        assert!(String::from_utf8_lossy(&body).contains(&says::internal()));
    }
}
