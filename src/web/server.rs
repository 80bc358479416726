//! The desk's own accept loop. A connection is held only as long as the
//! client keeps talking: its headers must arrive within a few seconds, its
//! body must keep moving, and the whole request must be answered within a
//! couple of minutes. No single address may hold more than a handful of
//! connections (a browser opens six), and the desk as a whole holds at
//! most `MAX_CONNECTIONS`, so clients that open connections and then stall
//! cannot shut the office out. Optionally it speaks TLS itself.

use std::collections::HashMap;
use std::io::BufReader;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;
use tower_http::timeout::TimeoutBody;

use super::guard::OverTls;
use super::{Shared, router};
use crate::error::Result;
use crate::messages::web as says;

/// Connections held at once; the desk's unit raises the file limit well
/// above this.
const MAX_CONNECTIONS: usize = 1024;
/// Connections one address may hold at once (a trusted proxy excepted).
const PER_ADDRESS: usize = 32;
/// Slow-client limits, in the default scale; `GALLEY_SLOW_CLIENT_MS`
/// changes the first two, so tests need not wait ten seconds.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
const BODY_IDLE: Duration = Duration::from_secs(20);
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

const BUSY: &[u8] =
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

struct Limits {
    header: Duration,
    body_idle: Duration,
}

impl Limits {
    fn from_env() -> Limits {
        match std::env::var("GALLEY_SLOW_CLIENT_MS")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
        {
            Some(ms) => Limits {
                header: Duration::from_millis(ms),
                body_idle: Duration::from_millis(ms),
            },
            None => Limits {
                header: HEADER_TIMEOUT,
                body_idle: BODY_IDLE,
            },
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

/// Connections held per address.
#[derive(Default)]
struct PerAddress(Mutex<HashMap<IpAddr, usize>>);

/// One connection's place in `PerAddress`, given back when it closes.
struct Slot {
    table: Arc<PerAddress>,
    addr: IpAddr,
}

impl PerAddress {
    fn take(table: &Arc<PerAddress>, addr: IpAddr) -> Option<Slot> {
        let mut counts = table.0.lock().unwrap_or_else(|e| e.into_inner());
        let held = counts.entry(addr).or_insert(0);
        if *held >= PER_ADDRESS {
            return None;
        }
        *held += 1;
        Some(Slot {
            table: table.clone(),
            addr,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.table.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(held) = counts.get_mut(&self.addr) {
            *held -= 1;
            if *held == 0 {
                counts.remove(&self.addr);
            }
        }
    }
}

/// Serves until the process is stopped.
pub async fn serve(
    app: Shared,
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
) -> std::io::Result<()> {
    let limits = Arc::new(Limits::from_env());
    let routes = router(app.clone());
    let open = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let per_address = Arc::new(PerAddress::default());
    loop {
        let permit = open.clone().acquire_owned().await.expect("never closed");
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(_) => {
                // Out of file handles, say: wait for connections to close.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let slot = match app.trusted_proxies.contains(&peer.ip()) {
            true => None,
            false => match PerAddress::take(&per_address, peer.ip()) {
                Some(slot) => Some(slot),
                None => {
                    // Said plainly where it can be; a TLS client just sees
                    // the connection close.
                    if tls.is_none() {
                        let _ = stream.try_write(BUSY);
                    }
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let routes = routes.clone();
        let limits = limits.clone();
        let tls = tls.clone();
        tokio::spawn(async move {
            let _held = (permit, slot);
            match tls {
                None => connection(TokioIo::new(stream), routes, peer, false, &limits).await,
                Some(acceptor) => {
                    let handshake =
                        tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await;
                    if let Ok(Ok(stream)) = handshake {
                        connection(TokioIo::new(stream), routes, peer, true, &limits).await;
                    }
                }
            }
        });
    }
}

async fn connection<I>(io: I, routes: axum::Router, peer: SocketAddr, tls: bool, limits: &Limits)
where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let body_idle = limits.body_idle;
    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
        let mut req = req.map(|body| Body::new(TimeoutBody::new(body_idle, body)));
        req.extensions_mut().insert(ConnectInfo(peer));
        if tls {
            req.extensions_mut().insert(OverTls);
        }
        routes.clone().oneshot(req)
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header)
        .max_buf_size(64 * 1024)
        .serve_connection(io, service)
        .await;
}
