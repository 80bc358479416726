//! `galley serve`: the web desk. Server-rendered pages and plain forms over
//! the same operations layer (`desk`) as the command line, as the person
//! logged in.
//!
//! Every page is read from the repository as it is at that moment (after
//! a POST the browser is sent back to a GET). git2's `Repository` is not
//! `Sync`, so each request opens the magazine on a blocking thread; writes
//! are taken one at a time inside the server, and also wait on galley's
//! writer lock, so the command line can work on the same repository.

mod actions;
pub mod auth;
mod pages;
mod view;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::html;

use crate::desk::add::MAX_IMPORT_BYTES;
use crate::messages::web as says;
use auth::{Brake, Flash, Session, Sessions};

pub const COOKIE: &str = "galley_session";

/// Requests up to this size are read whole, so that an upload over the
/// import limit gets a page that says so; beyond it the connection is cut.
const BODY_LIMIT: usize = 4 * MAX_IMPORT_BYTES as usize;

pub struct App {
    /// The magazine's folder, as `galley serve` found it.
    pub root: PathBuf,
    pub passwords: PathBuf,
    pub sessions: Sessions,
    pub brake: Brake,
    /// One write at a time from this server.
    pub writes: Mutex<()>,
}

pub type Shared = Arc<App>;

pub fn router(app: Shared) -> Router {
    Router::new()
        .route("/login", get(pages::login_form).post(actions::login))
        .route("/logout", post(actions::logout))
        .route("/", get(pages::desk))
        .route("/issues", get(pages::issues))
        .route("/issues/{issue}", get(pages::board_page))
        .route("/issues/{issue}/toc", get(pages::toc))
        .route("/issues/{issue}/toc.html", get(pages::toc_html))
        .route("/issues/{issue}/toc.pdf", get(pages::toc_pdf))
        .route("/issues/{issue}/pages", get(pages::flatplan))
        .route("/issues/{issue}/quality", get(pages::quality))
        .route("/a/{issue}/{slug}", get(pages::article))
        .route("/a/{issue}/{slug}/diff", get(pages::diff))
        .route("/a/{issue}/{slug}/assign", post(actions::assign))
        .route("/a/{issue}/{slug}/sign", post(actions::sign))
        .route("/a/{issue}/{slug}/reopen", post(actions::reopen))
        .route("/a/{issue}/{slug}/set", post(actions::set))
        .route("/a/{issue}/{slug}/revise", post(actions::revise))
        .route("/a/{issue}/{slug}/lintfix", post(actions::lint_fix))
        .fallback(|| async { not_found() })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(app)
}

/// Serves until the process is stopped.
pub async fn serve(app: Shared, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(app).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
}

/// The session token in the request's cookie, if any.
pub fn token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
}

/// The person logged in: the session's token and the session.
pub fn session(app: &App, headers: &HeaderMap) -> Option<(String, Session)> {
    token(headers).and_then(|t| app.sessions.get(&t, &app.passwords).map(|s| (t, s)))
}

/// The way to the login page, and back to `path` afterwards.
pub fn to_login(path: &str) -> Response {
    let next = if path.starts_with('/') && !path.starts_with("//") {
        path
    } else {
        "/"
    };
    Redirect::to(&format!("/login?next={}", encode(next))).into_response()
}

/// A POST must come from our own pages: the form's token matches the
/// session's, and the browser's Origin (when it sends one) is this host.
pub fn same_origin(headers: &HeaderMap, session: &Session, form_token: Option<&str>) -> bool {
    let token_ok =
        form_token.is_some_and(|t| constant_time_eq(t.as_bytes(), session.csrf.as_bytes()));
    let origin_ok = match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or_default();
            let host = host.to_str().unwrap_or_default();
            origin
                .split_once("://")
                .is_some_and(|(_, rest)| rest == host)
        }
        (Some(_), None) => false,
        (None, _) => true,
    };
    token_ok && origin_ok
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
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

/// A refusal as a note on the page: the sentence, then its hints.
pub fn refusal(e: &crate::error::GalleyError) -> Flash {
    Flash {
        ok: false,
        lines: std::iter::once(e.message.clone())
            .chain(e.hints.iter().cloned())
            .collect(),
    }
}

/// Runs git work off the async threads.
pub async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(work)
        .await
        .expect("a blocking task finished")
}

pub fn client_addr(addr: Option<SocketAddr>) -> IpAddr {
    addr.map(|a| a.ip())
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST))
}
