//! The desk's own accept loop. A connection is held only as long as the
//! client keeps talking: its headers must arrive within a few seconds, its
//! body must keep moving, and the whole request must be answered within a
//! couple of minutes. No single address may hold more than a handful of
//! connections (a browser opens six), and the desk as a whole holds at
//! most `MAX_CONNECTIONS`, closing the longest-idle one to make room (see
//! `connections`), so clients that open connections and then stall cannot
//! shut the office out. Optionally it speaks TLS itself.

use std::io::BufReader;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;
use tower_http::timeout::TimeoutBody;

use super::connections::{Activity, Live, PerAddress};
use super::guard::OverTls;
use super::{Shared, router};
use crate::error::Result;
use crate::messages::web as says;

/// Connections held at once; the desk's unit raises the file limit well
/// above this.
const MAX_CONNECTIONS: usize = 1024;
/// Connections one address may hold at once (a trusted proxy excepted).
const PER_ADDRESS: usize = 32;
/// Slow-client limits.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
const BODY_IDLE: Duration = Duration::from_secs(20);
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How often the access log looks for folded counts to write out.
const LOG_SWEEP: Duration = Duration::from_secs(5);

const BUSY: &[u8] =
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

struct Limits {
    header: Duration,
    body_idle: Duration,
    connections: usize,
}

impl Limits {
    /// The defaults; `GALLEY_SLOW_CLIENT_MS` and `GALLEY_MAX_CONNECTIONS`
    /// scale them down so that tests need not wait ten seconds or open a
    /// thousand sockets.
    fn from_env() -> Limits {
        let number = |key: &str| std::env::var(key).ok().and_then(|v| v.parse::<u64>().ok());
        let slow = number("GALLEY_SLOW_CLIENT_MS").map(Duration::from_millis);
        Limits {
            header: slow.unwrap_or(HEADER_TIMEOUT),
            body_idle: slow.unwrap_or(BODY_IDLE),
            connections: number("GALLEY_MAX_CONNECTIONS").map_or(MAX_CONNECTIONS, |n| n as usize),
        }
    }
}

/// Reads the office's certificate chain and private key (PEM files, as a
/// CA or `openssl` writes them).
pub fn tls_acceptor(cert: &Path, key: &Path) -> Result<TlsAcceptor> {
    let certs: Vec<CertificateDer<'static>> = std::fs::File::open(cert)
        .ok()
        .and_then(|f| {
            CertificateDer::pem_reader_iter(BufReader::new(f))
                .collect::<std::result::Result<_, _>>()
                .ok()
        })
        .filter(|c: &Vec<_>| !c.is_empty())
        .ok_or_else(|| says::bad_certificate(&cert.display().to_string()))?;
    let private = PrivateKeyDer::from_pem_file(key)
        .map_err(|_| says::bad_private_key(&key.display().to_string()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|_| says::bad_private_key(&key.display().to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, private)
        .map_err(|e| says::certificate_and_key_differ(&e.to_string()))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// Serves until the process is stopped.
pub async fn serve(
    app: Shared,
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
) -> std::io::Result<()> {
    let limits = Arc::new(Limits::from_env());
    let routes = router(app.clone());
    let live = Live::new(limits.connections);
    let per_address = Arc::new(PerAddress::default());
    // Counts of failures folded in the access log are written out once
    // their interval ends, even if nothing else happens.
    let log = app.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(LOG_SWEEP);
        loop {
            every.tick().await;
            log.access.sweep();
        }
    });
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(_) => {
                // Out of file handles, say: wait for connections to close.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        // A trusted proxy speaks for many people and has no share to keep.
        let slot = match app.trusted_proxies.contains(&peer.ip()) {
            true => Some(None),
            false => PerAddress::take(&per_address, peer.ip(), PER_ADDRESS).map(Some),
        };
        let entry = slot.as_ref().and_then(|_| live.admit());
        let (Some(slot), Some(entry)) = (slot, entry) else {
            // Said plainly where it can be; a TLS client just sees the
            // connection close.
            if tls.is_none() {
                let _ = stream.try_write(BUSY);
            }
            continue;
        };
        let _ = stream.set_nodelay(true);
        let routes = routes.clone();
        let limits = limits.clone();
        let tls = tls.clone();
        let activity = entry.activity.clone();
        let closable = entry.activity.clone();
        let task = tokio::spawn(async move {
            let _held = (slot, entry);
            match tls {
                None => {
                    connection(TokioIo::new(stream), routes, peer, None, activity, &limits).await
                }
                Some(acceptor) => {
                    let handshake =
                        tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await;
                    if let Ok(Ok(stream)) = handshake {
                        let io = TokioIo::new(stream);
                        connection(io, routes, peer, Some(OverTls), activity, &limits).await;
                    }
                }
            }
        });
        closable.closable_by(task.abort_handle());
    }
}

async fn connection<I>(
    io: I,
    routes: axum::Router,
    peer: SocketAddr,
    tls: Option<OverTls>,
    activity: Arc<Activity>,
    limits: &Limits,
) where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let body_idle = limits.body_idle;
    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
        let busy = activity.request();
        let mut req = req.map(|body| Body::new(TimeoutBody::new(body_idle, body)));
        req.extensions_mut().insert(ConnectInfo(peer));
        if let Some(tls) = tls {
            req.extensions_mut().insert(tls);
        }
        let answer = routes.clone().oneshot(req);
        async move {
            let _busy = busy;
            answer.await
        }
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header)
        .max_buf_size(64 * 1024)
        .serve_connection(io, service)
        .await;
}
