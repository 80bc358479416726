//! What every request passes before a handler sees it: who is asking (the
//! address, and whether the browser reached the desk over HTTPS, as a
//! trusted reverse proxy may say), whether they are logged in (checked
//! before any body is read), and the headers every answer carries.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::access_log::Event;
use super::auth::{Lookup, Session};
use super::{Shared, to_login, token};

/// Marks a request that arrived over the desk's own TLS.
#[derive(Clone, Copy)]
pub struct OverTls;

/// Who is asking, and how the browser sees the desk.
#[derive(Clone, Debug)]
pub struct Client {
    pub addr: IpAddr,
    /// The browser reached the desk over HTTPS: cookies get `Secure`.
    pub secure: bool,
    /// The host the browser addressed, which its `Origin` must name.
    pub host: Option<String>,
}

impl Client {
    /// A browser's `Origin` (sent with every form post by current
    /// browsers) must be this desk; a post without one is let through
    /// only when the browser does not say it came from another site.
    pub fn same_origin(&self, headers: &HeaderMap) -> bool {
        let cross_site = headers
            .get("sec-fetch-site")
            .is_some_and(|v| v.as_bytes() == b"cross-site");
        match headers.get(header::ORIGIN) {
            Some(origin) => {
                let origin = origin.to_str().unwrap_or_default();
                let host = self.host.as_deref().unwrap_or_default();
                !host.is_empty()
                    && origin
                        .split_once("://")
                        .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(host))
            }
            None => !cross_site,
        }
    }
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Works out the `Client`. `X-Forwarded-*` headers are believed only from
/// an address named with `--trusted-proxy`; from anyone else they are
/// ignored, or any browser could claim to be anywhere.
pub async fn client(State(app): State<Shared>, mut req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let headers = req.headers();
    let mut client = Client {
        addr: peer,
        secure: req.extensions().get::<OverTls>().is_some(),
        host: header_text(headers, header::HOST.as_str()),
    };
    if app.trusted_proxies.contains(&peer) {
        if let Some(addr) = header_text(headers, "x-forwarded-for")
            .and_then(|list| list.rsplit(',').next()?.trim().parse().ok())
        {
            client.addr = addr;
        }
        if let Some(proto) = header_text(headers, "x-forwarded-proto") {
            client.secure = proto.eq_ignore_ascii_case("https");
        }
        if let Some(host) = header_text(headers, "x-forwarded-host") {
            client.host = Some(host);
        }
    }
    let secure = client.secure;
    req.extensions_mut().insert(client);
    let mut response = next.run(req).await;
    if secure {
        response.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

/// The person logged in, as `require_session` found them; every handler
/// behind it may take this instead of looking the session up again.
#[derive(Clone)]
pub struct LoggedIn {
    pub token: String,
    pub session: Session,
}

/// Every page but the login page needs a session, and this is known from
/// the cookie alone: a request without one is answered before its body is
/// read, however large the body claims to be.
pub async fn require_session(State(app): State<Shared>, mut req: Request, next: Next) -> Response {
    if req.uri().path() == "/login" {
        return next.run(req).await;
    }
    if let Some(token) = token(req.headers()) {
        match app.sessions.get(&token, &app.passwords) {
            Lookup::Live(session) => {
                req.extensions_mut().insert(LoggedIn { token, session });
                return next.run(req).await;
            }
            Lookup::Ended(name) => {
                let addr = req.extensions().get::<Client>().map(|c| c.addr);
                app.access.record(&name, addr, Event::SessionExpired);
            }
            Lookup::Unknown => {}
        }
    }
    if req.method() == Method::GET || req.method() == Method::HEAD {
        to_login(req.uri().path())
    } else {
        Redirect::to("/login").into_response()
    }
}

/// No script runs on any page (the desk has none); styles are the pages'
/// own `<style>` blocks; forms post only here; nothing frames a page.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
     frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/// The contents page is shown framed in the desk's own contents view.
pub const CSP_FRAMED_HERE: &str = "default-src 'none'; style-src 'unsafe-inline'; \
     img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

/// The headers every answer carries. A handler that set its own CSP or
/// frame policy keeps it. Nothing is cached: every page is somebody's.
pub async fn headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CSP));
    h.entry(header::X_FRAME_OPTIONS)
        .or_insert(HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Where to send the browser after logging in: only a path on this desk.
/// Browsers read `\` as `/` and drop tabs and newlines, so `/\evil` and
/// `/<TAB>/evil` would leave the site; both are refused, as is `//`.
pub fn safe_next(next: Option<&str>) -> &str {
    next.filter(|n| {
        n.starts_with('/')
            && !n.starts_with("//")
            && !n.contains('\\')
            && !n.chars().any(char::is_control)
    })
    .unwrap_or("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_the_desk() {
        for bad in [
            "//evil.example/",
            "/\\evil.example/",
            "/\t/evil.example/",
            "/\n/evil.example/",
            "https://evil.example/",
            "evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(
            safe_next(Some("/a/2024-02/qingneng")),
            "/a/2024-02/qingneng"
        );
        assert_eq!(safe_next(None), "/");
    }
}
