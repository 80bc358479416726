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
        for entry in std::fs::read_dir(&dir).map_err(|e| messages::write_failed(&dir, &e))? {
            let path = entry.map_err(|e| messages::write_failed(&dir, &e))?.path();
            if path.extension().is_some_and(|x| x == "1") {
                let page = std::fs::read_to_string(&path)
                    .map_err(|e| messages::write_failed(&path, &e))?;
                std::fs::write(&path, super::in_chinese(page))
                    .map_err(|e| messages::write_failed(&path, &e))?;
            }
        }
        return Ok(());
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(super::command()).render(&mut page)?;
    let page = super::in_chinese(String::from_utf8_lossy(&page).into_owned());
    std::io::stdout().lock().write_all(page.as_bytes())?;
    Ok(())
}
