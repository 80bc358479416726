//! `galley passwd NAME`: sets a person's password for the web desk.

use std::io::{BufRead, IsTerminal};

use super::Ctx;
use crate::desk::common::person;
use crate::error::Result;
use crate::messages::web as says;
use crate::web::access_log::{AccessLog, Event};
use crate::web::auth;

#[derive(clap::Args)]
pub struct Args {
    /// 工作人员的姓名（须在 staff.toml 里）
    #[arg(value_name = "姓名")]
    name: String,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let mag = ctx.magazine()?;
    let who = person(&mag, args.name.trim())?;
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(says::password_prompt(&who.name))?;
        let again = rpassword::prompt_password(says::PASSWORD_AGAIN)?;
        if first != again {
            return Err(says::passwords_differ());
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    auth::check_policy(&who.name, &password)?;
    auth::set_password(&mag.git, &who.name, &password)?;
    AccessLog::of(&mag.git).record(&who.name, None, Event::PasswordChanged);
    eprintln!("{}", says::password_set(&who.name));
    Ok(())
}
