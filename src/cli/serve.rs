//! `galley serve`: starts the web desk on this magazine.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use super::Ctx;
use crate::error::Result;
use crate::messages::web as says;
use crate::web::{App, server};

#[derive(clap::Args)]
pub struct Args {
    /// 监听的地址和端口；默认只有本机能访问，让编辑部的电脑都能访问写 0.0.0.0:8443（也可写在环境变量 GALLEY_LISTEN 里）
    #[arg(
        long,
        env = "GALLEY_LISTEN",
        hide_env = true,
        default_value = "127.0.0.1:8080",
        value_name = "地址:端口"
    )]
    listen: SocketAddr,
    /// 用 HTTPS：证书文件（PEM 格式，单位 CA 签发的或 openssl 自己生成的；也可用环境变量 GALLEY_TLS_CERT）
    #[arg(
        long,
        env = "GALLEY_TLS_CERT",
        hide_env = true,
        value_name = "证书文件",
        requires = "tls_key"
    )]
    tls_cert: Option<PathBuf>,
    /// 用 HTTPS：私钥文件（PEM 格式；也可用环境变量 GALLEY_TLS_KEY）
    #[arg(
        long,
        env = "GALLEY_TLS_KEY",
        hide_env = true,
        value_name = "私钥文件",
        requires = "tls_cert"
    )]
    tls_key: Option<PathBuf>,
    /// 网页版在反向代理（如 nginx）后面时，代理的地址；只相信这个地址送来的 X-Forwarded-For/Proto/Host（也可用环境变量 GALLEY_TRUSTED_PROXY，多个用逗号隔开）
    #[arg(
        long,
        env = "GALLEY_TRUSTED_PROXY",
        hide_env = true,
        value_delimiter = ',',
        value_name = "代理地址"
    )]
    trusted_proxy: Vec<IpAddr>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    let app = Arc::new(App::new(
        mag.root.clone(),
        &mag.git,
        args.trusted_proxy.clone(),
    ));
    if !app.passwords.exists() {
        eprintln!("{}", says::serve_no_passwords());
    }
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some(server::tls_acceptor(cert, key)?),
        _ => None,
    };
    if tls.is_none() && args.trusted_proxy.is_empty() && !args.listen.ip().is_loopback() {
        eprintln!("{}", says::serve_plain_http_warning());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .map_err(|e| says::listen_failed(&args.listen.to_string(), &e))?;
        let bound = listener.local_addr()?;
        let scheme = if tls.is_some() { "https" } else { "http" };
        let shown = match bound.ip().is_unspecified() {
            true => format!("{scheme}://本机的地址:{}/", bound.port()),
            false => format!("{scheme}://{bound}/"),
        };
        // Whoever started the server may stop reading its output; the
        // server must keep serving all the same.
        let mut out = std::io::stdout().lock();
        let _ = writeln!(
            out,
            "{}",
            says::serving(&shown, &mag.root.display().to_string())
        );
        let _ = out.flush();
        drop(out);
        server::serve(app, listener, tls).await?;
        Ok(())
    })
}
