use std::io::Write;

use super::{Ctx, table};
use crate::desk::staff::{self, StaffSaved};
use crate::error::Result;
use crate::messages::{self, accounts as says};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Option<StaffCommand>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

#[derive(clap::Subcommand)]
enum StaffCommand {
    /// 添加同事，或修改同事的职务和角色（只有管理员可以），例如 galley staff set 李明 --title 校对 --role 校对
    Set {
        /// 姓名
        #[arg(value_name = "姓名")]
        name: String,
        /// 职务，印在刊头上
        #[arg(long, value_name = "职务")]
        title: Option<String>,
        /// 角色，可写多次；写了就替换原有角色
        #[arg(long = "role", value_name = "角色", required = true)]
        roles: Vec<String>,
    },
}

pub fn run(ctx: &Ctx, args: Args) -> Result<()> {
    if let Some(StaffCommand::Set { name, title, roles }) = args.command {
        let mag = ctx.magazine_for_write()?;
        let desk = ctx.desk(&mag)?;
        let line = match staff::set_person(&desk, &name, title.as_deref(), &roles)? {
            StaffSaved::Unchanged => says::person_unchanged(&name),
            StaffSaved::Added => says::person_saved(&name, true),
            StaffSaved::Changed => says::person_saved(&name, false),
        };
        eprintln!("{line}");
        return Ok(());
    }
    let mag = ctx.magazine()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&mag.staff.staff).expect("json")
        )?;
        return Ok(());
    }
    let mut t = table::Fit::new(&messages::STAFF_HEADER);
    for p in &mag.staff.staff {
        t.row(vec![
            p.name.clone(),
            p.title.clone().unwrap_or_default(),
            p.roles.join("、"),
            p.email.clone().unwrap_or_default(),
        ]);
    }
    writeln!(out, "{}", t.render(table::width(false)))?;
    Ok(())
}
