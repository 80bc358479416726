use std::io::Write;

use serde_json::json;

use super::Ctx;
use super::context::CONFIG_KEY;
use crate::core::terminal::sanitize;
use crate::error::Result;
use crate::messages;

#[derive(clap::Args)]
pub struct Args {
    /// 记住在本仓库中以此人身份操作
    #[arg(long, value_name = "姓名")]
    set: Option<String>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    if let Some(name) = args.set {
        let person = crate::desk::common::person(&mag, &name)?;
        mag.git
            .config()?
            .open_level(git2::ConfigLevel::Local)?
            .set_str(CONFIG_KEY, &person.name)?;
        eprintln!("{}", messages::whoami_set(&person.name));
        return Ok(());
    }
    let actor = ctx.actor(&mag)?;
    let (_, source) = ctx.claimed_name(Some(&mag)).expect("actor resolved");
    let mut out = std::io::stdout().lock();
    if args.json {
        let value = json!({
            "name": actor.name,
            "title": actor.title,
            "roles": actor.roles,
            "source": messages::identity_source_key(source),
        });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).expect("json")
        )?;
    } else {
        writeln!(out, "{}", sanitize(&messages::whoami_line(actor, source)))?;
    }
    Ok(())
}
