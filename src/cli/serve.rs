//! `galley serve`: starts the web desk on this magazine.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;

use super::Ctx;
use crate::error::Result;
use crate::messages::web as says;
use crate::web::{self, App, auth};

#[derive(clap::Args)]
pub struct Args {
    /// 监听的地址和端口；默认只有本机能访问，让编辑部的电脑都能访问写 0.0.0.0:8080
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "地址:端口")]
    listen: SocketAddr,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    let passwords = auth::passwords_path(&mag.git);
    if !passwords.is_file() {
        eprintln!("{}", says::serve_no_passwords());
    }
    let app = Arc::new(App {
        root: mag.root.clone(),
        passwords,
        sessions: Default::default(),
        brake: Default::default(),
        writes: Default::default(),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .map_err(|e| says::listen_failed(&args.listen.to_string(), &e))?;
        let bound = listener.local_addr()?;
        let shown = match bound.ip().is_unspecified() {
            true => format!("http://本机的地址:{}/", bound.port()),
            false => format!("http://{bound}/"),
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
        web::serve(app, listener).await?;
        Ok(())
    })
}
