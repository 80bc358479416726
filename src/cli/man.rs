//! `galley man`: the manual page, from the same definition as `--help`.

use std::io::Write;
use std::path::PathBuf;

use super::Ctx;
use crate::error::Result;
use crate::messages;

#[derive(clap::Args)]
pub struct Args {
    /// 把全部手册页（galley.1 和每条命令的 galley-命令.1）写进这个目录，供打包安装
    #[arg(long, value_name = "目录")]
    dir: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    if let Some(dir) = args.dir {
        let dir = ctx.dir.join(dir);
        std::fs::create_dir_all(&dir).map_err(|e| messages::write_failed(&dir, &e))?;
        clap_mangen::generate_to(super::command(), &dir)
            .map_err(|e| messages::write_failed(&dir, &e))?;
        return Ok(());
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(super::command()).render(&mut page)?;
    std::io::stdout().lock().write_all(&page)?;
    Ok(())
}
